//! React's streamed server rendering, done as the page's own script does it.
//!
//! A streamed page sends its slow parts last, each in `<div hidden
//! id="S:x">` at the document's foot, followed by a script call that moves
//! it where it belongs:
//! - `$RC("B:y", "S:x")` completes a boundary: the fallback (a skeleton, a
//!   spinner), from the empty `<template id="B:y">` to the comment
//!   `<!--/$-->` that closes the boundary, gives way to the segment's
//!   content (`$RR("B:y", "S:x", [stylesheets])` does the same once the
//!   stylesheets have loaded);
//! - `$RS("S:x", "P:y")` puts the segment's content in the place of the
//!   placeholder `<template id="P:y">`.
//!
//! A browser shows the content there; a parser that runs no script would
//! keep it hidden at the foot (a store's whole product grid, a service's
//! page body). Only calls the page makes are followed, in its order.

use std::collections::HashMap;

use super::{Arena, ArenaNode, Kind, Mark, NONE};

enum Call<'a> {
    /// `$RC(boundary, segment)` or `$RR(boundary, segment, stylesheets)`
    CompleteBoundary(&'a str, &'a str),
    /// `$RS(segment, placeholder)`
    CompleteSegment(&'a str, &'a str),
}

/// How many calls a page may make; React's pages make tens.
const MAX_CALLS: usize = 4096;

/// Follows the page's `$RC`, `$RR` and `$RS` calls, in document order.
pub(super) fn reveal(nodes: &mut [ArenaNode]) {
    let (by_id, scripts) = index(nodes);
    if scripts.is_empty() {
        return;
    }
    let texts: Vec<String> = scripts
        .iter()
        .map(|&s| super::child_text(nodes, s))
        .collect();
    let calls: Vec<Call> = texts.iter().flat_map(|t| calls_in(t)).collect();
    // Each call checks its target against the segment's subtree: a hostile
    // page's chain of calls nesting ever deeper stops here.
    for call in calls.into_iter().take(MAX_CALLS) {
        let (segment, target, fallback) = match call {
            Call::CompleteBoundary(b, s) => (by_id.get(s), by_id.get(b), true),
            Call::CompleteSegment(s, p) => (by_id.get(s), by_id.get(p), false),
        };
        let (Some(&segment), Some(&target)) = (segment, target) else {
            continue;
        };
        let parent = nodes[target].parent;
        if parent == NONE || nodes[segment].parent == NONE || is_within(nodes, target, segment) {
            continue;
        }
        let before = if fallback {
            remove_fallback(nodes, target)
        } else {
            target
        };
        while nodes[segment].first_child != NONE {
            let child = nodes[segment].first_child;
            Arena::detach(nodes, child);
            Arena::link(nodes, parent, before, child);
        }
        Arena::detach(nodes, segment);
        if !fallback {
            Arena::detach(nodes, target);
        }
    }
}

/// Elements by the ids streaming gives them ("B:", "S:", "P:"), and the
/// scripts that may call `$RC` or `$RS`.
fn index(nodes: &[ArenaNode]) -> (HashMap<String, usize>, Vec<usize>) {
    let (mut by_id, mut scripts) = (HashMap::new(), Vec::new());
    for (i, node) in nodes.iter().enumerate() {
        let Kind::Element { attrs, .. } = &node.kind else {
            continue;
        };
        if &*node.name.local == "script" {
            scripts.push(i);
        }
        let id = attrs.iter().find(|a| &*a.name.local == "id");
        if let Some(id) = id.map(|a| &*a.value) {
            if matches!(id.get(..2), Some("B:" | "S:" | "P:")) {
                by_id.entry(id.to_string()).or_insert(i);
            }
        }
    }
    if by_id.is_empty() {
        scripts.clear();
    }
    (by_id, scripts)
}

/// The `$RC("…","…")`, `$RR("…","…", …)` and `$RS("…","…")` calls in a
/// script, in order.
fn calls_in(script: &str) -> Vec<Call<'_>> {
    let mut calls = Vec::new();
    let mut rest = script;
    while let Some(at) = rest.find("$R") {
        rest = &rest[at + 2..];
        let kind = rest.as_bytes().first().copied();
        let Some(args) = rest.get(1..).and_then(|r| r.strip_prefix("(\"")) else {
            continue;
        };
        let Some((first, args)) = args.split_once("\",\"") else {
            continue;
        };
        let Some((second, _)) = args.split_once('"') else {
            continue;
        };
        match kind {
            Some(b'C' | b'R') => calls.push(Call::CompleteBoundary(first, second)),
            Some(b'S') => calls.push(Call::CompleteSegment(first, second)),
            _ => {}
        }
    }
    calls
}

/// Removes the nodes from `template` up to the comment that closes its
/// boundary (nested boundaries counted), and returns that comment (NONE if
/// the boundary is never closed: everything after the template goes).
fn remove_fallback(nodes: &mut [ArenaNode], template: usize) -> usize {
    let (mut node, mut depth) = (template, 0usize);
    while node != NONE {
        match nodes[node].kind {
            Kind::Mark(Mark::Close) if depth == 0 => break,
            Kind::Mark(Mark::Close) => depth -= 1,
            Kind::Mark(Mark::Open) => depth += 1,
            _ => {}
        }
        let next = nodes[node].next;
        Arena::detach(nodes, node);
        node = next;
    }
    node
}

/// Whether `node` lies inside `root`'s subtree.
fn is_within(nodes: &[ArenaNode], node: usize, root: usize) -> bool {
    let mut at = node;
    while at != NONE {
        if at == root {
            return true;
        }
        at = nodes[at].parent;
    }
    false
}
