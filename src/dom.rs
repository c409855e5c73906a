//! A DOM walker in Rust over web-sys: reads a live DOM into a `Snapshot`
//! under the same contract as the extension's walker
//! (extension/src/snapshot.js; see `wire.rs`):
//!
//! - nodes in document (pre-)order, only elements and text nodes;
//! - the contents of `is_opaque` elements are not walked (the element is
//!   recorded);
//! - an element's open shadow root is walked as if its children were the
//!   element's first children, followed by its light children;
//! - an element's lower-case tag, then its attributes in
//!   `CLASSIFIED_ATTRIBUTES`, in the element's own attribute order; U+0000
//!   inside DOM strings becomes U+FFFD.
//!
//! The browser tests (tests/wasm.rs) check the JavaScript walker against it
//! node by node and time the two side by side. It is not in the extension's
//! build (cargo feature `dom`): each DOM read crosses from Wasm to
//! JavaScript and each string is copied into Wasm memory on its own, which
//! those tests measured slower than the JavaScript walk plus one copy of the
//! joined strings (see the README's "Where a pass goes").

use wasm_bindgen::JsCast;
use web_sys::{Element, Node, ShadowRoot};

use crate::snapshot::{
    is_opaque, NodeData, NodeId, Snapshot, SnapshotError, CLASSIFIED_ATTRIBUTES, NO_PARENT,
};

/// A snapshot of `root` and everything under it, and the DOM node of each
/// snapshot index.
pub struct Walked {
    pub snapshot: Snapshot,
    /// Each node's parent index as walked (the wire's `structure`), before
    /// `Snapshot::from_preorder` hangs nodes deeper than `MAX_DEPTH` higher up.
    pub parents: Vec<NodeId>,
    pub nodes: Vec<Node>,
}

fn clean(s: String) -> Box<str> {
    if s.contains('\0') {
        s.replace('\0', "\u{FFFD}").into()
    } else {
        s.into()
    }
}

/// `node`'s snapshot record, or `None` for a node that snapshots skip.
fn data(node: &Node) -> Option<NodeData> {
    match node.node_type() {
        Node::ELEMENT_NODE => {
            let el: &Element = node.unchecked_ref();
            let tag = crate::classify::text::lower(&el.local_name()).into_boxed_str();
            let mut attrs = Vec::new();
            if el.has_attributes() {
                for name in el.get_attribute_names().iter() {
                    let Some(name) = name.as_string() else {
                        continue;
                    };
                    if CLASSIFIED_ATTRIBUTES.contains(&name.as_str()) {
                        let value = el.get_attribute(&name).unwrap_or_default();
                        attrs.push((name.into_boxed_str(), clean(value)));
                    }
                }
            }
            Some(NodeData::Element { tag, attrs })
        }
        Node::TEXT_NODE => Some(NodeData::Text(clean(node.node_value().unwrap_or_default()))),
        _ => None,
    }
}

/// The first node to walk under `el`: its open shadow root's first child,
/// else its own first child.
fn enter(el: &Node) -> Option<Node> {
    if let Some(sr) = el.unchecked_ref::<Element>().shadow_root() {
        if let Some(first) = sr.first_child() {
            return Some(first);
        }
    }
    el.first_child()
}

/// Walks `root` (normally `document.documentElement`) with an explicit
/// stack, as the JavaScript walker does: pages nest deeper than recursion
/// could go.
pub fn walk(root: &Node) -> Result<Walked, SnapshotError> {
    let mut items: Vec<(NodeId, NodeData)> = Vec::new();
    let mut nodes: Vec<Node> = Vec::new();
    let Some(root_data) = data(root) else {
        return Ok(Walked {
            snapshot: Snapshot::default(),
            parents: Vec::new(),
            nodes,
        });
    };
    let descend = |d: &NodeData| matches!(d, NodeData::Element { tag, .. } if !is_opaque(tag));
    let go_in = descend(&root_data);
    items.push((NO_PARENT, root_data));
    nodes.push(root.clone());
    let mut next = if go_in { enter(root) } else { None };
    // Snapshot indices of the open elements, from `root` down.
    let mut open: Vec<NodeId> = vec![0];
    while let Some(node) = next.take() {
        let parent = *open.last().expect("root stays open");
        if let Some(d) = data(&node) {
            let index = items.len() as NodeId;
            let go_in = descend(&d);
            items.push((parent, d));
            nodes.push(node.clone());
            if go_in {
                if let Some(child) = enter(&node) {
                    open.push(index);
                    next = Some(child);
                    continue;
                }
            }
        }
        // Next in composed order: a sibling; after a shadow root's last
        // child, its host's first light child; else the next of the nearest
        // ancestor (below `root`) that has one.
        let mut at = node;
        loop {
            if let Some(sibling) = at.next_sibling() {
                next = Some(sibling);
                break;
            }
            let up = at.parent_node();
            let host = up
                .as_ref()
                .and_then(|p| p.dyn_ref::<ShadowRoot>())
                .map(|sr| Node::from(sr.host()));
            let climbed = match host {
                Some(host) => match host.first_child() {
                    Some(first) => {
                        next = Some(first); // same open parent: the host
                        break;
                    }
                    None => host,
                },
                None => match up {
                    Some(up) => up,
                    None => break,
                },
            };
            open.pop();
            if open.is_empty() || climbed.is_same_node(Some(root)) {
                break;
            }
            at = climbed;
        }
    }
    let parents = items.iter().map(|(p, _)| *p).collect();
    Ok(Walked {
        snapshot: Snapshot::from_preorder(items)?,
        parents,
        nodes,
    })
}
