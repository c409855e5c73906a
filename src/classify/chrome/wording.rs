//! Seeds planted by wording: a block whose phrase gives it away ("sign up
//! to read", "download the app"), an ad label, a "Read also" link, a
//! heading over a list ("Related stories").

use super::{menus, Context, Seed};
use crate::classify::blocks::Blocks;
use crate::classify::cues::{self, CueKind, Hit};
use crate::classify::features::is_heading;
use crate::classify::header_lines::is_marked_as_author_line;
use crate::classify::text::{has, starts_with_ignoring_case, word_count};
use crate::classify::tuning::Tuning;
use crate::label::Label;
use crate::snapshot::{NodeId, Snapshot};

/// The kinds a pitch's strong phrase seeds, in the order they are looked for.
const PITCH_KINDS: [(CueKind, Label); 3] = [
    (CueKind::Paywall, Label::Paywall),
    (CueKind::AppPromo, Label::AppPromo),
    (CueKind::Newsletter, Label::Newsletter),
];

/// The cue that makes a block chrome by its wording alone, if any. The block
/// must be short and the phrase prominent in it: a long paragraph that
/// mentions "the app" is prose. Consent banners are long-winded, and their
/// wording is unmistakable, so they get more room.
pub(super) fn prominent_cue(
    blocks: &Blocks,
    block: NodeId,
    tuning: &Tuning,
) -> Option<(Label, &'static str)> {
    let chars = blocks.chars[block as usize] as usize;
    if chars == 0 || chars > tuning.cue_block_max_chars as usize {
        return None;
    }
    let hits = blocks.hits(block);
    // Footers link to "Cookie settings"; a consent banner talks.
    let talks = blocks.link_density(block) < 0.5;
    if let Some(h) = hits
        .iter()
        .find(|h| talks && h.kind == CueKind::Consent && h.strong)
    {
        return Some((Label::Consent, h.phrase));
    }
    if chars > tuning.cue_short_block_chars as usize {
        return None;
    }
    let weak_consent: Vec<&Hit> = hits
        .iter()
        .filter(|h| h.kind == CueKind::Consent && !h.strong)
        .collect();
    if weak_consent.len() >= 2 && chars <= tuning.consent_weak_max_chars as usize && talks {
        return Some((Label::Consent, weak_consent[0].phrase));
    }
    PITCH_KINDS.into_iter().find_map(|(kind, label)| {
        hits.iter()
            .find(|h| {
                h.kind == kind
                    && h.strong
                    && (chars <= tuning.cue_prominent_chars as usize
                        || h.phrase.chars().count() * tuning.cue_phrase_share as usize >= chars)
            })
            .map(|h| (label, h.phrase))
    })
}

pub(super) fn wording_seeds(cx: &Context, seeds: &mut Vec<Seed>) {
    let (b, t) = (cx.blocks, cx.tuning);
    for &block in &b.list {
        let chars = b.chars[block as usize] as usize;
        let text = &b.text[block as usize];
        if chars > t.cue_block_max_chars as usize {
            continue;
        }
        let tag = cx.s.node(block).tag();
        let short = chars <= t.heading_max_chars as usize;
        let heading_like = is_heading(tag) || (short && word_count(text) <= t.heading_max_words);
        let mut plant = |label, confidence, reason: String, needs_links| {
            seeds.push(Seed {
                node: block,
                label,
                confidence,
                reason,
                needs_links,
                by_shape: false,
            })
        };
        // A menu's entry names a page ("Newsletters", "Advertising", "Cookie
        // preferences"), not a box of that kind; "Get the app" there is
        // still a promotion. (In the article's text, a list that ends "Sign
        // up for our newsletter" is no menu.) A site's legal line names its
        // cookie settings among its links, where a banner talks of them.
        let entry = || !cx.article_text[block as usize] && menus::is_entry(cx, block);
        let names_a_page = |label: Label| {
            entry()
                || (label == Label::Consent
                    && !cx.article_text[block as usize]
                    && menus::is_row_naming_pages(cx, block, CueKind::Consent))
        };
        if let Some((label, p)) = prominent_cue(b, block, t)
            .filter(|(label, _)| *label == Label::AppPromo || !names_a_page(*label))
        {
            let confidence = if label == Label::Newsletter {
                t.shape_seed_confidence
            } else {
                t.strong_seed_confidence
            };
            plant(label, confidence, format!("says \"{p}\""), false);
        } else if let Some((label, p)) = (!cx.article_text[block as usize])
            .then(|| opening_pitch(cx.s, b, block, t))
            .flatten()
            .filter(|_| !entry())
        {
            plant(
                label,
                t.shape_seed_confidence,
                format!("opens \"{p}\""),
                false,
            );
        } else if (patterns_ad_label(text) || ad_box_title(cx, block, text)) && !entry() {
            plant(
                Label::Ad,
                t.field_seed_confidence,
                format!("labelled \"{}\"", text.trim()),
                false,
            );
        } else if let Some(p) = read_also_link(b, block, text, t) {
            plant(
                Label::LinkFarm,
                t.shape_seed_confidence,
                format!("\"{p}\" link to another article"),
                false,
            );
        } else if let Some(p) = heading_run_into_links(b, block, text, t)
            .filter(|_| !cx.article_text[block as usize] && cx.tally.get(block).links >= 2)
        {
            plant(
                Label::LinkFarm,
                t.field_seed_confidence,
                format!("links after \"{p}\" in one line"),
                false,
            );
        } else if let Some(p) = (heading_like && short)
            .then(|| b.first_hit(block, CueKind::LinkFarmHeading, false))
            .flatten()
            // "Sponsored" in an author line marks a sponsored article, not
            // a list of sponsored links.
            .filter(|_| {
                !is_marked_as_author_line(cx.s, block)
                    && (is_heading(tag) || !is_button_label(text))
            })
        {
            plant(
                Label::LinkFarm,
                t.field_seed_confidence,
                format!("list under \"{}\" ({p})", text.trim()),
                true,
            );
        } else if let Some(p) = ((heading_like && short) || social_line(cx, block))
            .then(|| b.first_hit(block, CueKind::Social, true))
            .flatten()
            // A heading in the article's text is the article's ("What to
            // say to a friend"), unless it is a link.
            .filter(|_| {
                !(is_heading(tag) && cx.article_text[block as usize])
                    || cx.tally.get(block).links > 0
            })
            .or_else(|| follow_prompt(cx, block, heading_like && short))
        {
            plant(
                Label::Social,
                t.shape_seed_confidence,
                format!("says \"{p}\""),
                false,
            );
        } else if let Some(p) = mail_prompt(cx, block, heading_like && short) {
            plant(
                Label::Newsletter,
                t.shape_seed_confidence,
                format!("says \"{p}\""),
                false,
            );
        }
    }
}

/// A pitch that opens with a strong phrase ("Sign up for our e-newsletter
/// all about the Supreme Court. It's delivered every week …"): too long for
/// the phrase to be prominent in it, but it says what it is first. Callers
/// take it outside the article's text only; it talks (a row of links that
/// starts "Newsletter" is a menu), and outside a form, whose fields' labels
/// open with "Your email address" whatever the form is for.
pub(super) fn opening_pitch(
    s: &Snapshot,
    blocks: &Blocks,
    block: NodeId,
    tuning: &Tuning,
) -> Option<(Label, &'static str)> {
    if blocks.chars[block as usize] > tuning.cue_short_block_chars
        || blocks.link_density(block) >= 0.5
        || blocks.hits(block).iter().all(|h| !h.strong)
        || std::iter::once(block)
            .chain(s.ancestors(block))
            .any(|a| s.node(a).tag() == "form")
    {
        return None;
    }
    let text = blocks.text[block as usize].trim_start();
    PITCH_KINDS.into_iter().find_map(|(kind, label)| {
        (blocks.hits(block).iter())
            .find(|h| h.kind == kind && h.strong && text.starts_with(h.phrase))
            .map(|h| (label, h.phrase))
    })
}

/// A line too long for a heading that may still ask to share or follow
/// ("Like us on Facebook. Follow us on Twitter."): short, and the article's
/// own, after its last running text; not among its steps ("Download and
/// share this guide"), nor a reader's comment outside it ("I'll share this
/// with a friend").
fn social_line(cx: &Context, block: NodeId) -> bool {
    cx.blocks.chars[block as usize] <= cx.tuning.cue_prominent_chars
        && cx.article_text[block as usize]
        && block >= cx.article_foot
}

/// Where to follow the site, named over its widget ("CBS News on
/// Facebook"): a heading-like line outside the article's text that ends
/// with a `[follow]` phrase. At the article's foot, "Follow Marcas on
/// Twitter" signs it off, and in a comment "Follow me on Twitter @handle"
/// is a reader's signature.
fn follow_prompt(cx: &Context, block: NodeId, heading_like: bool) -> Option<&'static str> {
    closing_phrase(cx, block, CueKind::Follow, heading_like)
}

/// Updates offered by mail ("Subscribe to Posts by Email", "Get Updates by
/// Email"), the same way, or by a longer line that asks to sign up
/// (`asks_to_sign_up`); "Share by email" offers to send this page. Only a
/// block that holds no other text: a link set loose in the site's header
/// makes the header its block, with the site's name in it. A menu's entry
/// names a page, as with any newsletter's wording, and a `mailto:` link
/// writes to someone ("Contact the newsroom by email").
fn mail_prompt(cx: &Context, block: NodeId, heading_like: bool) -> Option<&'static str> {
    let s = cx.s;
    let writes_to_someone = || {
        s.subtree(block).any(|d| {
            (s.node(d).attr("href")).is_some_and(|h| starts_with_ignoring_case(h, "mailto:"))
        })
    };
    let b = cx.blocks;
    let holds_other_text = || {
        (s.subtree(block))
            .any(|d| d != block && b.owner[d as usize] == d && b.chars[d as usize] > 0)
    };
    closing_phrase(cx, block, CueKind::ByMail, true).filter(|_| {
        (heading_like || asks_to_sign_up(cx, block))
            && !holds_other_text()
            && b.first_hit(block, CueKind::Social, false).is_none()
            && !menus::is_entry(cx, block)
            && !writes_to_someone()
    })
}

/// A short line that asks to sign up or subscribe, besides naming the mail
/// ("Sign up to receive Legal Blog Watch by email"): newsletter wording
/// other than the word "email" itself.
fn asks_to_sign_up(cx: &Context, block: NodeId) -> bool {
    let b = cx.blocks;
    b.chars[block as usize] <= cx.tuning.cue_prominent_chars
        && (b.hits(block).iter()).any(|h| h.kind == CueKind::Newsletter && !has(h.phrase, "mail"))
}

/// A phrase of `kind` that ends a heading-like line outside the article's
/// text and outside any comment thread.
fn closing_phrase(
    cx: &Context,
    block: NodeId,
    kind: CueKind,
    heading_like: bool,
) -> Option<&'static str> {
    if !heading_like || cx.article_text[block as usize] {
        return None;
    }
    let p = cx.blocks.first_hit(block, kind, true)?;
    (ends_with_phrase(&cx.blocks.text[block as usize], p) && !in_a_thread(cx, block)).then_some(p)
}

/// Whether `text` ends with `phrase` (lower-case), but for closing marks.
fn ends_with_phrase(text: &str, phrase: &str) -> bool {
    let bytes = text.as_bytes();
    let closing = |c: &u8| c.is_ascii_whitespace() || matches!(c, b'!' | b'.' | b':');
    let end = bytes.len() - bytes.iter().rev().take_while(|c| closing(c)).count();
    (end.checked_sub(phrase.len()))
        .and_then(|start| bytes.get(start..end))
        .is_some_and(|tail| tail.eq_ignore_ascii_case(phrase.as_bytes()))
}

/// Whether an element around `block` is named as a comment thread: a
/// reader's signature there is the reader's.
pub(super) fn in_a_thread(cx: &Context, block: NodeId) -> bool {
    let thread = crate::classify::patterns::THREAD.substrings;
    let mut at = Some(block);
    while let Some(a) = at {
        if cx.s.node(a).class_or_id_contains(thread) {
            return true;
        }
        at = cx.s.parent(a);
    }
    false
}

/// "Trending: <link> <link> …": a link-farm heading run into its links in
/// one block, a strip under the site's header. Only outside the article
/// (corpora's gold texts keep a "Related articles: …" line in the post), and
/// with two links at least: "Sponsored Feature: <headline>" is one.
fn heading_run_into_links(
    b: &Blocks,
    block: NodeId,
    text: &str,
    t: &Tuning,
) -> Option<&'static str> {
    let (head, rest) = text.trim_start().split_once(':')?;
    if head.chars().count() > t.heading_max_chars as usize
        || word_count(head) > t.heading_max_words
        || word_count(rest) < 2
        || b.link_density(block) < t.heading_list_link_share
    {
        return None;
    }
    let head = crate::classify::text::lower(head);
    b.hits(block)
        .iter()
        .find(|h| h.kind == CueKind::LinkFarmHeading && has(&head, h.phrase))
        .map(|h| h.phrase)
}

/// "Read also: <headline>" dropped between paragraphs: a one-item link farm.
fn read_also_link(b: &Blocks, block: NodeId, text: &str, t: &Tuning) -> Option<&'static str> {
    if b.chars[block as usize] > t.read_also_max_chars || b.link_density(block) < 0.5 {
        return None;
    }
    let start = text.trim_start();
    cues::read_also().find(|p| {
        start
            .strip_prefix(p)
            .is_some_and(|rest| word_count(rest) >= t.read_also_min_words)
    })
}

/// Whether `text` (a block's lower-cased cue text) says nothing but a
/// button's label ("read more »", "[+] read more"): outside a heading's
/// tag, a card's or a section's own link, not a heading over a list ("read
/// more from our reporters", or "read more:", which announces what
/// follows).
fn is_button_label(text: &str) -> bool {
    let label = text.trim_matches(|c: char| !c.is_alphanumeric());
    !text.trim_end().ends_with(':') && cues::buttons().any(|b| b == label)
}

/// A box of ads titled as such ("Sponsors", "Our advertisers"); a link so
/// named leads to a page about them (a menu's "Sponsors").
fn ad_box_title(cx: &Context, block: NodeId, text: &str) -> bool {
    cx.tally.get(block).links == 0 && crate::classify::patterns::AD_BOX_TITLES.is_match(text)
}

fn patterns_ad_label(text: &str) -> bool {
    crate::classify::patterns::AD_WORDS.is_match(text)
        || crate::classify::patterns::AD_BREAK_LINES.is_match(text)
        || [
            "advertisement",
            "anzeige",
            "publicité",
            "publicidad",
            "pubblicità",
            "publicidade",
            "sponsored content",
        ]
        .iter()
        .any(|w| {
            let t = text.trim();
            t == *w || t.strip_prefix(w).is_some_and(|r| r.starts_with(' ')) && text.len() < 40
        })
}
