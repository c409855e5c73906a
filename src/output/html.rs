//! Writes snapshot subtrees back out as HTML.

use crate::snapshot::{NodeData, NodeId, Snapshot};

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

pub fn render(s: &Snapshot, roots: &[NodeId], skip: impl Fn(NodeId) -> bool) -> String {
    render_with_attrs(s, roots, skip, &|_, value| value.to_string())
}

/// As `render`, with every attribute value passed through `attr(name, value)`
/// (to make URLs absolute, say).
pub fn render_with_attrs(
    s: &Snapshot,
    roots: &[NodeId],
    skip: impl Fn(NodeId) -> bool,
    attr: &dyn Fn(&str, &str) -> String,
) -> String {
    let mut out = String::new();
    let raw: std::collections::HashMap<NodeId, &str> =
        s.raw_text.iter().map(|(id, t)| (*id, &**t)).collect();
    super::walk::walk(s, roots, skip, |e| match e {
        super::walk::Event::Text(t) => escape_text(t, &mut out),
        super::walk::Event::Enter(id, tag) => {
            out.push('<');
            out.push_str(tag);
            if let NodeData::Element { attrs, .. } = &s.node(id).data {
                for (name, value) in attrs {
                    out.push(' ');
                    out.push_str(name);
                    out.push_str("=\"");
                    escape_attr(&attr(name, value), &mut out);
                    out.push('"');
                }
            }
            out.push('>');
            if let Some(text) = raw.get(&id) {
                out.push_str(text);
            }
        }
        super::walk::Event::Leave(_, tag) => {
            if !VOID.contains(&tag) {
                out.push_str("</");
                out.push_str(tag);
                out.push('>');
            }
        }
    });
    out
}

fn escape_text(t: &str, out: &mut String) {
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\u{A0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}

fn escape_attr(t: &str, out: &mut String) {
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\u{A0}' => out.push_str("&nbsp;"),
            c => out.push(c),
        }
    }
}
