//! The compact page snapshot every front end builds and the core classifies.
//!
//! Nodes are stored in document (pre-)order; a node's index is its identity,
//! so a front end that keeps its own list of nodes in the same order can map
//! labels back to them. Only elements and text nodes are recorded. The
//! contents of `script`, `style`, `noscript`, `template` and `iframe` are not
//! part of the snapshot (browsers and html5ever disagree on none of that).

use std::ops::Range;

pub type NodeId = u32;
pub const NO_PARENT: NodeId = u32::MAX;

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
    "lang",
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
    pub fn from_preorder(
        items: impl IntoIterator<Item = (NodeId, NodeData)>,
    ) -> Result<Snapshot, SnapshotError> {
        let mut nodes: Vec<Node> = Vec::new();
        let mut open: Vec<NodeId> = Vec::new();
        for (parent, data) in items {
            let id = nodes.len() as NodeId;
            if id == NO_PARENT {
                return Err(SnapshotError::TooLarge);
            }
            while let Some(&top) = open.last() {
                if top == parent {
                    break;
                }
                nodes[top as usize].end = id;
                open.pop();
            }
            if parent != NO_PARENT {
                if open.last() != Some(&parent) {
                    return Err(SnapshotError::NotPreorder { node: id, parent });
                }
                if nodes[parent as usize].text().is_some() {
                    return Err(SnapshotError::TextWithChildren { node: parent });
                }
            }
            nodes.push(Node {
                parent,
                end: id + 1,
                data,
            });
            open.push(id);
        }
        let total = nodes.len() as NodeId;
        for id in open {
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
