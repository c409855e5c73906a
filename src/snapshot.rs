//! The compact page snapshot every front end builds and the core classifies.
//!
//! Nodes are stored in document (pre-)order; a node's index is its identity,
//! so a front end that keeps its own list of nodes in the same order can map
//! labels back to them. Only elements and text nodes are recorded. The
//! contents of `script`, `style`, `noscript`, `template` and `iframe` are not
//! part of the snapshot (browsers and html5ever disagree on none of that),
//! except that the HTML adapter reads `<noscript>` on a page that has no
//! other text, as a browser without scripts would show it.

use std::ops::Range;

pub type NodeId = u32;
pub const NO_PARENT: NodeId = u32::MAX;

/// Deepest nesting a snapshot keeps (Blink's parser stops nesting at the same
/// depth); deeper nodes hang from their ancestor at this depth.
pub const MAX_DEPTH: usize = 512;

/// Attributes the classifier may read. Front ends send only these, so what a
/// page carries beyond them cannot make native and browser results differ.
pub const CLASSIFIED_ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "role",
    "aria-label",
    "aria-hidden",
    "aria-modal",
    "hidden",
    "href",
    "itemprop",
    "itemtype",
    "rel",
    "type",
    "name",
    "placeholder",
    "src",
    "alt",
    "datetime",
    "style",
    "content",
    "property",
    "summary",
    "datatable",
    "data",
];

#[derive(Debug, Clone, PartialEq)]
pub enum NodeData {
    Element {
        tag: Box<str>,
        attrs: Vec<(Box<str>, Box<str>)>,
    },
    Text(Box<str>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub parent: NodeId,
    /// One past the last descendant: the subtree is `id..end`.
    pub end: NodeId,
    pub data: NodeData,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    pub nodes: Vec<Node>,
    /// Raw text of `style` elements, kept only so the native cleaner can write
    /// the page back out; never read by the classifier.
    pub raw_text: Vec<(NodeId, Box<str>)>,
    pub doctype: Option<Box<str>>,
}

/// Elements whose content never enters a snapshot.
pub fn is_opaque(tag: &str) -> bool {
    matches!(tag, "script" | "style" | "noscript" | "template" | "iframe")
}

impl Node {
    pub fn tag(&self) -> &str {
        match &self.data {
            NodeData::Element { tag, .. } => tag,
            NodeData::Text(_) => "",
        }
    }
    pub fn is_element(&self) -> bool {
        matches!(self.data, NodeData::Element { .. })
    }
    pub fn text(&self) -> Option<&str> {
        match &self.data {
            NodeData::Text(t) => Some(t),
            NodeData::Element { .. } => None,
        }
    }
    /// Whether the class or id, lower-cased, contains one of `words`
    /// (which are lower case): "post-comments" contains "comment".
    pub fn class_or_id_contains(&self, words: &[&str]) -> bool {
        [self.attr("class"), self.attr("id")]
            .into_iter()
            .flatten()
            .any(|v| {
                let v = v.to_ascii_lowercase();
                words.iter().any(|w| crate::classify::text::has(&v, w))
            })
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        match &self.data {
            NodeData::Element { attrs, .. } => {
                attrs.iter().find(|(n, _)| &**n == name).map(|(_, v)| &**v)
            }
            NodeData::Text(_) => None,
        }
    }
    pub fn attrs(&self) -> &[(Box<str>, Box<str>)] {
        match &self.data {
            NodeData::Element { attrs, .. } => attrs,
            NodeData::Text(_) => &[],
        }
    }
}

impl Snapshot {
    pub fn len(&self) -> usize {
        self.nodes.len()
    }
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }
    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        let p = self.nodes[id as usize].parent;
        (p != NO_PARENT).then_some(p)
    }
    pub fn subtree(&self, id: NodeId) -> Range<NodeId> {
        id..self.nodes[id as usize].end
    }
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            snapshot: self,
            next: id + 1,
            end: self.nodes[id as usize].end,
        }
    }
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.parent(id), move |&p| self.parent(p))
    }
    pub fn is_ancestor(&self, ancestor: NodeId, of: NodeId) -> bool {
        ancestor < of && of < self.nodes[ancestor as usize].end
    }
    /// The first element with this tag, in document order.
    pub fn find_tag(&self, tag: &str) -> Option<NodeId> {
        (0..self.nodes.len() as NodeId).find(|&i| self.node(i).tag() == tag)
    }

    /// Builds a snapshot from (parent, data) pairs in document order,
    /// computing subtree ends. Rejects input that is not a pre-order tree.
    /// Nodes deeper than `MAX_DEPTH` become children of their ancestor at
    /// that depth, as Blink's parser does: every filter may then walk a
    /// node's ancestors without the walk growing with a script-built tower
    /// of 100 000 nested elements.
    pub fn from_preorder(
        items: impl IntoIterator<Item = (NodeId, NodeData)>,
    ) -> Result<Snapshot, SnapshotError> {
        let mut nodes: Vec<Node> = Vec::new();
        // The true path from the root to the last node.
        let mut open: Vec<NodeId> = Vec::new();
        for (parent, data) in items {
            let id = nodes.len() as NodeId;
            if id == NO_PARENT {
                return Err(SnapshotError::TooLarge);
            }
            while open.last().is_some_and(|&top| top != parent) {
                open.pop();
            }
            let mut effective = parent;
            if parent != NO_PARENT {
                if open.last() != Some(&parent) {
                    return Err(SnapshotError::NotPreorder { node: id, parent });
                }
                if nodes[parent as usize].text().is_some() {
                    return Err(SnapshotError::TextWithChildren { node: parent });
                }
                if open.len() > MAX_DEPTH {
                    effective = open[MAX_DEPTH - 1];
                }
            }
            nodes.push(Node {
                parent: effective,
                end: id + 1,
                data,
            });
            open.push(id);
        }
        // Subtree ends follow the (possibly flattened) parents.
        let mut path: Vec<NodeId> = Vec::new();
        for id in 0..nodes.len() as NodeId {
            let parent = nodes[id as usize].parent;
            while let Some(&top) = path.last() {
                if top == parent {
                    break;
                }
                nodes[top as usize].end = id;
                path.pop();
            }
            path.push(id);
        }
        let total = nodes.len() as NodeId;
        for id in path {
            nodes[id as usize].end = total;
        }
        Ok(Snapshot {
            nodes,
            raw_text: Vec::new(),
            doctype: None,
        })
    }
}

pub struct Children<'a> {
    snapshot: &'a Snapshot,
    next: NodeId,
    end: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next >= self.end {
            return None;
        }
        let id = self.next;
        self.next = self.snapshot.nodes[id as usize].end;
        Some(id)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotError {
    NotPreorder { node: NodeId, parent: NodeId },
    TextWithChildren { node: NodeId },
    TooLarge,
    Malformed(&'static str),
}

impl std::fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SnapshotError::NotPreorder { node, parent } => {
                write!(
                    f,
                    "node {node} names parent {parent}, which is not an open ancestor"
                )
            }
            SnapshotError::TextWithChildren { node } => write!(f, "text node {node} has children"),
            SnapshotError::TooLarge => write!(f, "more than 2^32 - 1 nodes"),
            SnapshotError::Malformed(why) => write!(f, "malformed snapshot: {why}"),
        }
    }
}

impl std::error::Error for SnapshotError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn div() -> NodeData {
        NodeData::Element {
            tag: "div".into(),
            attrs: Vec::new(),
        }
    }

    #[test]
    fn nodes_past_the_depth_limit_hang_from_the_deepest_kept_ancestor() {
        let n = 2_000u32;
        let items = (0..n).map(|i| (if i == 0 { NO_PARENT } else { i - 1 }, div()));
        let s = Snapshot::from_preorder(items.chain([(1, div())])).expect("pre-order");
        let depth = |id: NodeId| s.ancestors(id).count();
        assert_eq!((0..s.len() as NodeId).map(depth).max(), Some(MAX_DEPTH));
        assert_eq!(
            s.parent(MAX_DEPTH as NodeId + 5),
            Some(MAX_DEPTH as NodeId - 1)
        );
        for id in 0..s.len() as NodeId {
            if let Some(p) = s.parent(id) {
                assert!(s.is_ancestor(p, id), "{p} does not contain {id}");
            }
        }
        // The last node goes back up to node 1, closing everything below.
        assert_eq!(s.parent(n), Some(1));
        assert_eq!(s.node(2).end, n);
    }

    #[test]
    fn rejects_what_is_not_a_preorder_tree() {
        let text = || NodeData::Text("t".into());
        assert!(Snapshot::from_preorder([(NO_PARENT, div()), (5, div())]).is_err());
        assert!(Snapshot::from_preorder([(NO_PARENT, text()), (0, div())]).is_err());
        assert!(Snapshot::from_preorder([
            (NO_PARENT, div()),
            (0, div()),
            (NO_PARENT, div()),
            (1, div())
        ])
        .is_err());
    }
}
