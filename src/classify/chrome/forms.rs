//! Seeds planted by forms: an email field is a sign-up box.

use super::{Context, Seed};
use crate::classify::text::has;
use crate::label::Label;
use crate::snapshot::NodeId;

pub(super) fn form_seeds(cx: &Context, seeds: &mut Vec<Seed>) {
    for id in 0..cx.s.len() as NodeId {
        let node = cx.s.node(id);
        if node.tag() != "input" {
            continue;
        }
        let ty = node.attr("type").unwrap_or("text").to_ascii_lowercase();
        let named_mail = [
            node.attr("name"),
            node.attr("placeholder"),
            node.attr("id"),
            node.attr("aria-label"),
        ]
        .into_iter()
        .flatten()
        .any(|v| has(&v.to_ascii_lowercase(), "mail"));
        if ty == "email" || (ty == "text" && named_mail) {
            seeds.push(Seed {
                node: id,
                label: Label::Newsletter,
                confidence: cx.tuning.field_seed_confidence,
                reason: "email field".into(),
                needs_links: false,
                by_shape: false,
            });
        }
    }
}
