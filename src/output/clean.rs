//! The page without its chrome, readable offline: scripts go too.

use crate::classify::Classification;
use crate::label::Label;
use crate::snapshot::{NodeId, Snapshot, NO_PARENT};

/// Writes the whole page, leaving out blocks whose label `hide` accepts.
pub fn clean(s: &Snapshot, c: &Classification, hide: impl Fn(Label) -> bool) -> String {
    clean_with_attrs(s, c, hide, &|_, value| value.to_string())
}

/// As `clean`, with every attribute value passed through `attr(name, value)`
/// (to make URLs absolute, say).
pub fn clean_with_attrs(
    s: &Snapshot,
    c: &Classification,
    hide: impl Fn(Label) -> bool,
    attr: &dyn Fn(&str, &str) -> String,
) -> String {
    let mut hidden = vec![false; s.len()];
    for b in &c.blocks {
        if crate::policy::is_hidden(b.label, s.node(b.node).tag(), &hide) {
            hidden[b.node as usize] = true;
        }
    }
    let roots: Vec<NodeId> = (0..s.len() as NodeId)
        .filter(|&i| s.node(i).parent == NO_PARENT)
        .collect();
    let mut out = String::new();
    if let Some(doctype) = &s.doctype {
        out.push_str(&format!("<!DOCTYPE {doctype}>\n"));
    }
    out.push_str(&super::html::render_with_attrs(
        s,
        &roots,
        |id| hidden[id as usize] || matches!(s.node(id).tag(), "script" | "noscript"),
        attr,
    ));
    out.push('\n');
    out
}
