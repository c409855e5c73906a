//! Seeds planted by wording: a block whose phrase gives it away ("sign up
//! to read", "download the app"), an ad label, a "Read also" link, a
//! heading over a list ("Related stories").

use super::{Context, Seed};
use crate::classify::blocks::Blocks;
use crate::classify::cues::{self, CueKind, Hit};
use crate::classify::features::is_heading;
use crate::classify::text::word_count;
use crate::label::Label;
use crate::snapshot::NodeId;

/// The cue that makes a block chrome by its wording alone, if any. The block
/// must be short and the phrase prominent in it: a long paragraph that
/// mentions "the app" is prose. Consent banners are long-winded, and their
/// wording is unmistakable, so they get more room.
pub(super) fn prominent_cue(blocks: &Blocks, block: NodeId) -> Option<(Label, &'static str)> {
    let chars = blocks.chars[block as usize] as usize;
    if chars == 0 || chars > 700 {
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
    if chars > 300 {
        return None;
    }
    let weak_consent: Vec<&Hit> = hits
        .iter()
        .filter(|h| h.kind == CueKind::Consent && !h.strong)
        .collect();
    if weak_consent.len() >= 2 && chars <= 200 && talks {
        return Some((Label::Consent, weak_consent[0].phrase));
    }
    [
        (CueKind::Paywall, Label::Paywall),
        (CueKind::AppPromo, Label::AppPromo),
        (CueKind::Newsletter, Label::Newsletter),
    ]
    .into_iter()
    .find_map(|(kind, label)| {
        hits.iter()
            .find(|h| {
                h.kind == kind && h.strong && (chars <= 90 || h.phrase.chars().count() * 7 >= chars)
            })
            .map(|h| (label, h.phrase))
    })
}

pub(super) fn wording_seeds(cx: &Context, seeds: &mut Vec<Seed>) {
    let b = cx.blocks;
    for &block in &b.list {
        let chars = b.chars[block as usize] as usize;
        let text = &b.text[block as usize];
        if chars > 700 {
            continue;
        }
        let tag = cx.s.node(block).tag();
        let heading_like = is_heading(tag) || (chars <= 60 && word_count(text) <= 8);
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
        if let Some((label, p)) = prominent_cue(b, block) {
            let confidence = if label == Label::Newsletter { 0.8 } else { 0.9 };
            plant(label, confidence, format!("says \"{p}\""), false);
        } else if patterns_ad_label(text) {
            plant(
                Label::Ad,
                0.85,
                format!("labelled \"{}\"", text.trim()),
                false,
            );
        } else if let Some(p) = read_also_link(b, block, text) {
            plant(
                Label::LinkFarm,
                0.8,
                format!("\"{p}\" link to another article"),
                false,
            );
        } else if heading_like && chars <= 60 {
            if let Some(p) = b.first_hit(block, CueKind::LinkFarmHeading, false) {
                plant(
                    Label::LinkFarm,
                    0.85,
                    format!("list under \"{}\" ({p})", text.trim()),
                    true,
                );
            } else if let Some(p) = b.first_hit(block, CueKind::Social, true) {
                plant(Label::Social, 0.8, format!("says \"{p}\""), false);
            }
        }
    }
}

/// "Read also: <headline>" dropped between paragraphs: a one-item link farm.
fn read_also_link(b: &Blocks, block: NodeId, text: &str) -> Option<&'static str> {
    if b.chars[block as usize] > 220 || b.link_density(block) < 0.5 {
        return None;
    }
    let start = text.trim_start();
    cues::READ_ALSO
        .iter()
        .find(|p| start.starts_with(*p))
        .copied()
}

fn patterns_ad_label(text: &str) -> bool {
    super::super::patterns::AD_WORDS.is_match(text)
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
        .any(|w| text.trim() == *w || text.trim().starts_with(&format!("{w} ")) && text.len() < 40)
}
