//! Depth-first walk over chosen subtrees as enter/text/leave events, without
//! recursion.

use crate::snapshot::{NodeId, Snapshot};

pub enum Event<'a> {
    Enter(NodeId, &'a str),
    Text(&'a str),
    Leave(NodeId, &'a str),
}

pub fn walk<'a>(
    s: &'a Snapshot,
    roots: &[NodeId],
    skip: impl Fn(NodeId) -> bool,
    mut on: impl FnMut(Event<'a>),
) {
    for &root in roots {
        let mut open: Vec<NodeId> = Vec::new();
        let mut id = root;
        let end = s.node(root).end;
        while id < end {
            while let Some(&top) = open.last() {
                if id < s.node(top).end {
                    break;
                }
                open.pop();
                on(Event::Leave(top, s.node(top).tag()));
            }
            if skip(id) {
                id = s.node(id).end;
                continue;
            }
            let node = s.node(id);
            match node.text() {
                Some(t) => on(Event::Text(t)),
                None => {
                    on(Event::Enter(id, node.tag()));
                    open.push(id);
                }
            }
            id += 1;
        }
        while let Some(top) = open.pop() {
            on(Event::Leave(top, s.node(top).tag()));
        }
    }
}
