//! Finds nested in one another become one: the outermost container wins,
//! labelled with the kind whose seeds inside it explain the most text;
//! several seeds of that kind add to its confidence. Finds of other kinds
//! inside it stay, as blocks of their own within it.

use super::{Context, Found};
use crate::classify::text::has;
use crate::label::Label;

/// `found` holds each grown seed with its weight: the text it explains.
pub(super) fn outermost(cx: &Context, mut found: Vec<(Found, u32)>) -> Vec<Found> {
    let s = cx.s;
    crate::classify::sort_by_node(&mut found, |(f, _)| f.node);
    let mut groups: Vec<Vec<(Found, u32)>> = Vec::new();
    for (f, weight) in found {
        match groups.last_mut() {
            Some(group) if group[0].0.node == f.node || s.is_ancestor(group[0].0.node, f.node) => {
                group.push((f, weight))
            }
            _ => groups.push(vec![(f, weight)]),
        }
    }
    let mut out = Vec::with_capacity(groups.len());
    for group in groups {
        let outer = merged(cx, &group);
        let inner = inner_kinds(cx, &group, &outer);
        out.push(outer);
        out.extend(inner);
    }
    out
}

/// Finds of another kind than the merged one, inside it: a newsletter box
/// or a row of share links in a column of "Most popular" lists keeps its own
/// kind, as a block inside the column's (the innermost label decides).
fn inner_kinds(cx: &Context, group: &[(Found, u32)], outer: &Found) -> Vec<Found> {
    let s = cx.s;
    let mut inner: Vec<Found> = Vec::new();
    for (f, _) in group {
        if f.label == outer.label || f.node == outer.node || !f.label.hidden_by_default() {
            continue;
        }
        let covered = inner
            .iter()
            .any(|g| g.label == f.label && (g.node == f.node || s.is_ancestor(g.node, f.node)));
        if !covered {
            inner.push(f.clone());
        }
    }
    inner
}

fn merged(cx: &Context, group: &[(Found, u32)]) -> Found {
    let node = group[0].0.node;
    let weight_of = |l: Label| {
        group
            .iter()
            .filter(|(f, _)| f.label == l)
            .map(|(_, w)| *w)
            .sum::<u32>()
    };
    let label = group
        .iter()
        .map(|(f, _)| f.label)
        .max_by_key(|&l| weight_of(l))
        .expect("non-empty");
    let mut confidence: f32 = 0.0;
    let mut reason = String::new();
    for (f, _) in group.iter().filter(|(f, _)| f.label == label) {
        // Independent pieces of evidence: a noisy-or.
        confidence = 1.0 - (1.0 - confidence) * (1.0 - f.confidence);
        if !has(&reason, &f.reason) && reason.len() < 120 {
            if !reason.is_empty() {
                reason.push_str("; ");
            }
            reason.push_str(&f.reason);
        }
    }
    if label == Label::LinkFarm {
        let t = cx.tally.get(node);
        let (units, hundredths) = two_places(t.link_density());
        reason = format!(
            "{reason}; {} links, link density {units}.{hundredths:02}",
            t.links
        );
    }
    let confidence = confidence.min(cx.tuning.max_confidence);
    let mine = || group.iter().filter(|(f, _)| f.label == label);
    let by_shape_alone = mine().all(|(f, _)| f.by_shape_alone);
    let holds_cards = mine().any(|(f, _)| f.holds_cards);
    Found {
        node,
        label,
        confidence,
        reason,
        by_shape_alone,
        holds_cards,
    }
}

/// A share (0 to 1) to two places, as `{:.2}` rounds it, without core's
/// float formatting (9 KB of the gzipped Wasm): 100 times an `f32` is exact
/// in `f64`, and `{:.2}` rounds that exact value, ties to even. Units and
/// hundredths.
fn two_places(share: f32) -> (u32, u32) {
    let hundredths = (f64::from(share) * 100.0).round_ties_even() as u32;
    (hundredths / 100, hundredths % 100)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_share_prints_as_two_places_of_format_do() {
        let ties = [0.125f32, 0.375, 0.005, 0.015, 0.995, 0.5, 1.0, 0.0];
        let steps = (0..=20_000).map(|k| k as f32 / 20_000.0);
        for x in ties.into_iter().chain(steps) {
            let (units, hundredths) = super::two_places(x);
            assert_eq!(format!("{units}.{hundredths:02}"), format!("{x:.2}"), "{x}");
        }
    }
}
