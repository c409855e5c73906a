//! Finds promotional chrome once the article is known. Small filters each
//! plant seeds (a block whose wording gives it away, a store badge or app
//! icon, an email field, share links, a repeated list of headline links);
//! each seed then grows to the widest ancestor that holds nothing else: no
//! prose, no article text (but the lists a heading introduces), no seed of
//! another kind, no menu, little unexplained text (`grow`). Nested finds
//! merge into the outermost, where those of another kind keep theirs
//! (`merge`). A grid found by its shape alone in the site's menus is the
//! menu's own (`menus`).

mod classes;
mod forms;
mod grow;
mod links;
mod lists;
mod menus;
mod merge;
mod wording;

use super::blocks::Blocks;
use super::features::Tallies;
use super::place::Place;
use super::text;
use crate::classify::tuning::Tuning;
use crate::label::Label;
use crate::snapshot::{NodeId, Snapshot};

#[derive(Debug, Clone)]
pub struct Seed {
    pub node: NodeId,
    pub label: Label,
    pub confidence: f32,
    pub reason: String,
    /// A heading only counts once it has grown over the list it introduces.
    pub needs_links: bool,
    /// Found by its shape alone (repeated headline cards), with no wording
    /// or class name to say what it is.
    pub by_shape: bool,
}

impl Seed {
    /// What the seed found, once grown to `node`.
    fn found_on(&self, node: NodeId) -> Found {
        Found {
            node,
            label: self.label,
            confidence: self.confidence,
            reason: self.reason.clone(),
            by_shape_alone: self.by_shape,
            holds_cards: self.by_shape,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Found {
    pub node: NodeId,
    pub label: Label,
    pub confidence: f32,
    pub reason: String,
    /// Every seed of its kind in it was found by shape alone.
    pub by_shape_alone: bool,
    /// It holds headline cards: some seed of its kind in it was found by
    /// shape, or its heading's list is one of cards.
    pub holds_cards: bool,
}

pub struct Context<'a> {
    pub s: &'a Snapshot,
    pub blocks: &'a Blocks,
    pub tally: &'a Tallies,
    /// Characters of prose blocks in each subtree.
    pub prose: Vec<u32>,
    /// Characters of those prose blocks that are a card's teaser, under
    /// its headline link, in each subtree.
    pub teaser_prose: Vec<u32>,
    /// Characters of all text cards set under their headline links (a
    /// teaser, an author, a date) in each subtree that holds several; of
    /// teaser prose alone in one that holds a single card.
    pub card_text: Vec<u32>,
    /// How many links of a headline's length each subtree holds.
    pub headline_links: Vec<u16>,
    /// Whether each subtree holds text of the article.
    pub article_text: Vec<bool>,
    /// Where the article's foot begins: the end of its last block of running
    /// text (`NodeId::MAX` if it has none).
    pub article_foot: NodeId,
    /// Where the page is: links below it lead to its own pages.
    pub place: Option<Place<'a>>,
    pub tuning: &'a Tuning,
}

/// A block a person reads as running text: long, sentence-like, few links.
pub fn is_prose(blocks: &Blocks, block: NodeId, tuning: &Tuning) -> bool {
    let chars = blocks.chars[block as usize];
    let text = &blocks.text[block as usize];
    chars >= tuning.prose_min_chars
        && blocks.link_density(block) < tuning.prose_max_link_density
        && (text::has(text, ". ")
            || text.ends_with('.')
            || text::has(text, "。")
            || text::has(text, "，")
            || text.matches(',').count() >= 2
            || chars >= tuning.prose_long_chars)
}

impl<'a> Context<'a> {
    pub fn new(
        s: &'a Snapshot,
        blocks: &'a Blocks,
        tally: &'a Tallies,
        article_text: Vec<bool>,
        place: Option<Place<'a>>,
        tuning: &'a Tuning,
    ) -> Self {
        let mut prose = vec![0u32; s.len()];
        let mut teaser_prose = vec![0u32; s.len()];
        let mut card_text = vec![0u32; s.len()];
        let mut article_foot = NodeId::MAX;
        let headlines = headline_links_below(s, tuning);
        for &b in &blocks.list {
            let chars = blocks.chars[b as usize];
            let teaser = !article_text[b as usize]
                && blocks.link_density(b) < tuning.prose_max_link_density
                && is_teaser(s, tally, &headlines, b, tuning);
            if teaser {
                card_text[b as usize] = chars;
            }
            if is_article_prose(s, blocks, b, &article_text, tuning) {
                if article_text[b as usize] {
                    article_foot = s.node(b).end;
                }
                prose[b as usize] += chars;
                if teaser {
                    teaser_prose[b as usize] += chars;
                }
            }
        }
        for id in (0..s.len()).rev() {
            let p = s.nodes[id].parent;
            if p != u32::MAX {
                prose[p as usize] += prose[id];
                teaser_prose[p as usize] += teaser_prose[id];
                card_text[p as usize] += card_text[id];
            }
            if headlines[id] < 2 {
                card_text[id] = teaser_prose[id];
            }
        }
        Context {
            s,
            blocks,
            tally,
            prose,
            teaser_prose,
            card_text,
            headline_links: headlines,
            article_text,
            article_foot,
            place,
            tuning,
        }
    }
}

/// How many links of a headline's length each subtree holds. A card often
/// links its story twice, by the headline and by a "Read more" that repeats
/// it for screen readers: a link to the same address as the one counted
/// before it counts once.
fn headline_links_below(s: &Snapshot, tuning: &Tuning) -> Vec<u16> {
    let mut below = vec![0u16; s.len()];
    let mut last_href = None;
    for id in 0..s.len() as NodeId {
        if s.node(id).tag() != "a" {
            continue;
        }
        let (words, chars) = text::words_and_chars(s.subtree(id).filter_map(|d| s.node(d).text()));
        if words >= tuning.headline_min_words
            && chars >= tuning.headline_min_chars
            && !reads_as_an_address(s, id)
        {
            let href = s.node(id).attr("href");
            if href.is_some() && std::mem::replace(&mut last_href, href) == href {
                continue;
            }
            for a in std::iter::once(id).chain(s.ancestors(id)) {
                below[a as usize] = below[a as usize].saturating_add(1);
            }
        }
    }
    below
}

/// Whether a link's text is a web address ("https://example.com/table"): a
/// post's bare link, not a story's headline.
fn reads_as_an_address(s: &Snapshot, link: NodeId) -> bool {
    let first = s
        .subtree(link)
        .filter_map(|d| s.node(d).text())
        .map(str::trim_start)
        .find(|t| !t.is_empty())
        .unwrap_or("");
    ["http://", "https://", "www."]
        .iter()
        .any(|p| text::starts_with_ignoring_case(first, p))
}

/// A prose block in a small box that also holds one headline link: a card's
/// summary of the story it links to. (A box with several is a list, and the
/// prose beside it is not any one card's.)
fn is_teaser(
    s: &Snapshot,
    tally: &Tallies,
    headlines: &[u16],
    block: NodeId,
    tuning: &Tuning,
) -> bool {
    let own = headlines[block as usize];
    s.ancestors(block)
        .take(tuning.teaser_card_max_depth)
        .take_while(|&a| tally.get(a).chars <= tuning.teaser_card_max_chars)
        .find(|&a| headlines[a as usize] > own)
        .is_some_and(|card| headlines[card as usize] == own + 1)
}

/// Running text that no cue explains: neither a prominent phrase nor,
/// outside the article's text, an opening one.
fn is_article_prose(
    s: &Snapshot,
    blocks: &Blocks,
    block: NodeId,
    article_text: &[bool],
    tuning: &Tuning,
) -> bool {
    is_prose(blocks, block, tuning)
        && wording::prominent_cue(blocks, block, tuning).is_none()
        && (article_text[block as usize]
            || wording::opening_pitch(s, blocks, block, tuning).is_none())
}

/// Chrome on a whole page.
pub fn detect(cx: &Context) -> Vec<Found> {
    keep_the_page(cx, detect_in_part(cx))
}

/// Chrome in part of a page (content added after load): no share of the
/// "page" says anything there, a lone banner is all of its part.
pub fn detect_in_part(cx: &Context) -> Vec<Found> {
    let mut seeds = Vec::new();
    wording::wording_seeds(cx, &mut seeds);
    links::link_seeds(cx, &mut seeds);
    links::app_icon_seeds(cx, &mut seeds);
    forms::form_seeds(cx, &mut seeds);
    classes::class_seeds(cx, &mut seeds);
    lists::list_seeds(cx, &mut seeds);
    // The head shows nothing: a `<style id="newsletter-signup-css">` there
    // is no box on the page. It is a child of the root (`<html>`): no need
    // to look through the rest of the page for it on every pass.
    let s = cx.s;
    let head = (!s.is_empty())
        .then(|| s.children(0).find(|&c| s.node(c).tag() == "head"))
        .flatten();
    if let Some(head) = head {
        let hidden = s.subtree(head);
        seeds.retain(|sd| !hidden.contains(&sd.node));
    }
    menus::keep_the_menus(cx, grow::grow(cx, seeds))
}

/// Chrome is what surrounds a page's purpose. A page that is mostly link
/// lists (a sitemap, search results) or mostly one form (a login page) has
/// that as its purpose: hiding it would blank the page.
fn keep_the_page(cx: &Context, found: Vec<Found>) -> Vec<Found> {
    let s = cx.s;
    let Some(body) = s.find_tag("body") else {
        return found;
    };
    let page = cx.tally.get(body).chars.max(1);
    let share = |f: &Found| cx.tally.get(f.node).chars as f32 / page as f32;
    // Outermost finds only (finds come in document order, outermost first).
    let (mut link_lists, mut outer_end) = (0.0, 0);
    for f in &found {
        if f.node >= outer_end {
            outer_end = s.node(f.node).end;
            if f.label == Label::LinkFarm {
                link_lists += share(f);
            }
        }
    }
    // Beside an article, a list that says what it is ("Most popular") is
    // chrome however much of the page such lists cover.
    let article_chars: u32 = (cx.blocks.list.iter())
        .filter(|&&b| cx.article_text[b as usize])
        .map(|&b| cx.blocks.chars[b as usize])
        .sum();
    let beside_an_article = article_chars >= cx.tuning.worded_lists_article_chars;
    let lists_are_the_page = link_lists > cx.tuning.page_purpose_share;
    // A box of a hundred links and more in the site's header or menus is
    // the menu itself, however a heading in it reads ("Trending brands",
    // "More from Mac"): a related list is not that long.
    let site_menu = |f: &Found| {
        f.label == Label::LinkFarm
            && cx.tally.get(f.node).links >= cx.tuning.menu_box_min_links
            && menus::in_a_menu(s, f.node)
    };
    let chrome = |f: &Found| {
        !site_menu(f)
            && (share(f) <= cx.tuning.page_purpose_share || f.label == Label::Consent)
            && (f.label != Label::LinkFarm
                || !lists_are_the_page
                || (beside_an_article && !f.by_shape_alone))
    };
    // What lies in a find the page keeps is the page's too.
    let mut kept_end = 0;
    found
        .into_iter()
        .filter(|f| {
            if f.node < kept_end {
                return false;
            }
            let is_chrome = chrome(f);
            if !is_chrome {
                kept_end = s.node(f.node).end;
            }
            is_chrome
        })
        .collect()
}

#[cfg(all(test, feature = "html"))]
mod tests;
