//! Seeds planted by class names: third-party widgets, boxes named for other
//! stories, ad slots, newsletter boxes.

use super::{Context, Seed};
use crate::classify::cues::{self};
use crate::classify::features::is_heading;
use crate::classify::text::has;
use crate::label::Label;
use crate::snapshot::NodeId;

/// `node`'s class and id, lower-cased, written into `names`.
fn read_names(node: &crate::snapshot::Node, names: &mut String) {
    names.clear();
    for value in [node.attr("class"), node.attr("id")].into_iter().flatten() {
        names.extend([value, " "]);
    }
    names.make_ascii_lowercase();
}

/// The words of `names`: class names split at spaces, `_` and `-`.
fn tokens(names: &str) -> impl Iterator<Item = &str> {
    names
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|t| !t.is_empty())
}

/// The part of `names` that says the box holds other stories ("related",
/// "most-read"), where at least half the box's text is links and two of them
/// have a headline's words: a box so named that holds short links is a menu
/// or a tag cloud.
fn names_other_stories(cx: &Context, id: NodeId, names: &str) -> Option<&'static str> {
    let t = cx.tally.get(id);
    // The counts first: few boxes hold headlines, and every box has names.
    if cx.headline_links[id as usize] < cx.tuning.named_box_min_headline_links
        || t.link_density() < cx.tuning.named_box_min_link_density
    {
        return None;
    }
    cues::OTHER_STORIES_NAMES
        .iter()
        .copied()
        .find(|n| has(names, n))
}

pub(super) fn class_seeds(cx: &Context, seeds: &mut Vec<Seed>) {
    let mut names = String::new();
    for id in 0..cx.s.len() as NodeId {
        let node = cx.s.node(id);
        if !node.is_element() || cx.article_text[id as usize] {
            continue;
        }
        read_names(node, &mut names);
        if names.is_empty() {
            continue;
        }
        if has(&names, "newsletter") && cx.tally.get(id).chars <= cx.tuning.cue_short_block_chars {
            seeds.push(Seed {
                node: id,
                label: Label::Newsletter,
                confidence: cx.tuning.field_seed_confidence,
                reason: "newsletter box (class or id)".into(),
                needs_links: false,
                by_shape: false,
            });
            continue;
        }
        if cx.prose[id as usize] > 0 {
            continue;
        }
        // One read of the names for both lists: a widget's name wins wherever it is.
        let (mut widget, mut ad) = (None, None);
        for t in tokens(&names) {
            if cues::SPONSORED_WIDGET_TOKENS.contains(&t) {
                widget = Some(t);
                break;
            }
            if ad.is_none() && cues::AD_TOKENS.contains(&t) {
                ad = Some(t);
            }
        }
        if let Some(t) = widget {
            seeds.push(Seed {
                node: id,
                label: Label::LinkFarm,
                confidence: cx.tuning.strong_seed_confidence,
                reason: format!("sponsored headline widget ({t})"),
                needs_links: false,
                by_shape: false,
            });
        } else if let Some(t) = ad.filter(|_| {
            // A heading is never the slot: "ask-ads" styles an FAQ's question.
            cx.tally.get(id).chars < cx.tuning.ad_slot_max_chars && !is_heading(node.tag())
        }) {
            seeds.push(Seed {
                node: id,
                label: Label::Ad,
                confidence: cx.tuning.ad_slot_confidence,
                reason: format!("ad slot (class \"{t}\")"),
                needs_links: false,
                by_shape: false,
            });
        } else if let Some(name) = names_other_stories(cx, id, &names) {
            seeds.push(Seed {
                node: id,
                label: Label::LinkFarm,
                confidence: cx.tuning.shape_seed_confidence,
                reason: format!("box of other stories (class or id \"{name}\")"),
                needs_links: false,
                by_shape: false,
            });
        }
    }
}
