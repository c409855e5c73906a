//! Seeds planted by shape: repeated headline cards.

use super::{Context, Seed};
use crate::classify::features::is_in_page_link;
use crate::label::Label;
use crate::snapshot::NodeId;

/// Repeated items that are each a headline link: a link farm, whatever the
/// class names say.
pub(super) fn list_seeds(cx: &Context, seeds: &mut Vec<Seed>) {
    let (s, tuning) = (cx.s, cx.tuning);
    for id in 0..s.len() as NodeId {
        let node = s.node(id);
        // Without wording to go by, a list that holds the article's text
        // is the article's (a blog post's links, an encyclopedia's lists).
        if !node.is_element()
            || matches!(node.tag(), "a" | "p" | "nav" | "table" | "tbody" | "tr")
            || cx.article_text[id as usize]
        {
            continue;
        }
        let t = cx.tally.get(id);
        // After the article, a card's teaser under its headline link is the
        // card's, not prose.
        let i = id as usize;
        let teasers = if after_the_article(cx, id) {
            cx.teaser_prose[i]
        } else {
            0
        };
        let prose_share = (cx.prose[i] - teasers) as f32 / t.chars.max(1) as f32;
        if t.links < 3
            || carded_density(cx, id) < 0.3
            || prose_share > tuning.list_max_prose_share
            || inside_an_article_block(cx, id)
        {
            continue;
        }
        let items: Vec<NodeId> = s
            .children(id)
            .filter(|&c| s.node(c).is_element() && cx.tally.get(c).chars > 0)
            .collect();
        if items.len() < 3 {
            continue;
        }
        let mut headline_items = 0;
        let mut in_page_items = 0;
        let mut own_items = 0;
        // The first three different places the items link to: a list of
        // cards goes to three at least.
        let mut hrefs: Vec<&str> = Vec::new();
        for &item in &items {
            let first_link = std::iter::once(item)
                .chain(s.subtree(item))
                .find(|&d| s.node(d).tag() == "a");
            let it = cx.tally.get(item);
            if cx.headline_links[item as usize] > 0
                && it.chars <= tuning.card_max_chars
                && carded_density(cx, item) >= tuning.card_min_link_density
            {
                headline_items += 1;
            }
            if let Some(a) = first_link {
                let href = s.node(a).attr("href").unwrap_or("");
                in_page_items += usize::from(is_in_page_link(href));
                own_items += usize::from(cx.place.is_some_and(|p| p.holds(href)));
                if hrefs.len() < 3 && !hrefs.contains(&href) {
                    hrefs.push(href);
                }
            }
        }
        let enough = headline_items >= tuning.list_min_cards
            || (headline_items >= tuning.list_min_cards_with_images
                && t.images as usize >= tuning.list_min_cards_with_images);
        if enough
            && headline_items as f32 / items.len() as f32 >= tuning.list_card_share
            && hrefs.len() >= 3
            // Links to the page's own sections: its table of contents.
            && in_page_items * 2 < items.len()
            // Links below the page: its own services, products or chapters.
            && own_items * 2 < items.len()
            && !sandwiched_in_prose(cx, id)
            && !introduced_by_the_article(cx, id)
        {
            seeds.push(Seed {
                node: id,
                label: Label::LinkFarm,
                confidence: tuning.shape_seed_confidence,
                reason: format!("{headline_items} headline cards"),
                needs_links: false,
                by_shape: true,
            });
        }
    }
}

/// Whether `id` lies inside one of the article's text blocks (a post's
/// own links run in with its text, in one paragraph): the block is the
/// article's, not merely around it.
fn inside_an_article_block(cx: &Context, id: NodeId) -> bool {
    let owner = cx.blocks.owner[id as usize];
    owner != id
        && cx.article_text[owner as usize]
        && !cx.s.children(owner).any(|c| cx.article_text[c as usize])
}

/// The share of a subtree's text that is links or, after the article's
/// last running text, what cards set under their headline links.
fn carded_density(cx: &Context, id: NodeId) -> f32 {
    let t = cx.tally.get(id);
    let cards = if after_the_article(cx, id) {
        cx.card_text[id as usize]
    } else {
        0
    };
    ((t.link_chars + cards as f32) / t.chars.max(1) as f32).min(1.0)
}

/// Whether `id` comes after the article's last running text, where a
/// listing's own posts (and their teasers) no longer are.
fn after_the_article(cx: &Context, id: NodeId) -> bool {
    id >= cx.article_foot
}

/// A list of cards right after a paragraph of the article's running text,
/// with more of it to come, is the article's: a section's own cards under
/// its heading and introduction ("Recognition and awards" on a service
/// page). Not in an `<aside>`: a box of other stories set beside the text.
fn introduced_by_the_article(cx: &Context, id: NodeId) -> bool {
    let s = cx.s;
    let list = &cx.blocks.list;
    let before = (list.partition_point(|&b| b < id).checked_sub(1)).and_then(|i| list.get(i));
    id < cx.article_foot
        && before.is_some_and(|&b| {
            !s.is_ancestor(b, id) && cx.article_text[b as usize] && cx.prose[b as usize] > 0
        })
        && !std::iter::once(id)
            .chain(s.ancestors(id))
            .any(|a| s.node(a).tag() == "aside")
}

/// A list between two paragraphs of running text belongs to that text.
fn sandwiched_in_prose(cx: &Context, id: NodeId) -> bool {
    let s = cx.s;
    let Some(parent) = s.parent(id) else {
        return false;
    };
    let siblings: Vec<NodeId> = s
        .children(parent)
        .filter(|&c| s.node(c).is_element())
        .collect();
    let Some(at) = siblings.iter().position(|&c| c == id) else {
        return false;
    };
    let prose_at = |i: Option<usize>| {
        i.and_then(|i| siblings.get(i))
            .is_some_and(|&c| cx.prose[c as usize] > 0)
    };
    prose_at(at.checked_sub(1)) && prose_at(Some(at + 1))
}
