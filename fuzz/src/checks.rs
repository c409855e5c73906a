//! What the fuzz targets check, one function per target. Included by
//! `fuzz/src/lib.rs` and by the root crate's `tests/regressions.rs`: keep it
//! free of dependencies other than `chaff` and std.

use chaff::classify::classify;
use chaff::output::clean::clean;
use chaff::page::Page;
use chaff::snapshot::{NodeData, NodeId, Snapshot, CLASSIFIED_ATTRIBUTES, NO_PARENT};
use chaff::wire;

/// Bytes -> page -> extract and clean; then the snapshot's trip through the
/// wire format must lose nothing the classifier reads, and the classifier
/// must label the decoded snapshot exactly as it labelled the original.
pub fn html_pipeline(bytes: &[u8]) {
    let Ok(page) = Page::from_bytes(bytes) else {
        return;
    };
    check_tree(&page.snapshot);
    check_blocks(&page.snapshot, &page.classification.blocks);
    let _ = page.extract();
    let _ = clean(&page.snapshot, &page.classification, |l| {
        l.hidden_by_default()
    });

    let (structure, strings) = wire::encode(&page.snapshot);
    let decoded = match wire::decode(&structure, &strings) {
        Ok(d) => d,
        Err(e) => panic!("an encoded snapshot must decode: {e}"),
    };
    let expected = as_sent(&page.snapshot);
    if let Some(i) = first_difference(&decoded, &expected) {
        panic!(
            "wire round trip changed node {i}: {:?} became {:?}",
            expected.nodes.get(i),
            decoded.nodes.get(i)
        );
    }
    assert!(
        wire::encode(&decoded) == (structure, strings),
        "re-encoding a decoded snapshot changed the wire data"
    );
    let again = classify(&decoded);
    if again.blocks != page.classification.blocks {
        let i = again
            .blocks
            .iter()
            .zip(&page.classification.blocks)
            .position(|(a, b)| a != b)
            .unwrap_or(again.blocks.len().min(page.classification.blocks.len()));
        panic!(
            "classifying the decoded snapshot gave other blocks ({} vs {}); first difference at \
             block {i}: native {:?}, decoded {:?}",
            page.classification.blocks.len(),
            again.blocks.len(),
            page.classification.blocks.get(i),
            again.blocks.get(i)
        );
    }
}

/// Arbitrary wire data (see `wire_input`): decode returns Ok or Err, and on
/// Ok the whole classifier and the writers run without panicking.
pub fn wire_decode(data: &[u8]) {
    let (structure, strings) = wire_input(data);
    let Ok(s) = wire::decode(&structure, &strings) else {
        return;
    };
    check_tree(&s);
    let c = classify(&s);
    check_blocks(&s, &c.blocks);
    let _ = chaff::output::extract(&s, &c);
    let _ = clean(&s, &c, |l| l.hidden_by_default());
}

/// The snapshot as a browser front end would send it: classified attributes
/// only, no raw style text, no doctype.
pub fn as_sent(s: &Snapshot) -> Snapshot {
    let mut out = s.clone();
    out.raw_text.clear();
    out.doctype = None;
    for node in &mut out.nodes {
        if let NodeData::Element { attrs, .. } = &mut node.data {
            attrs.retain(|(n, _)| CLASSIFIED_ATTRIBUTES.contains(&&**n));
        }
    }
    out
}

fn first_difference(a: &Snapshot, b: &Snapshot) -> Option<usize> {
    if a == b {
        return None;
    }
    Some(
        a.nodes
            .iter()
            .zip(&b.nodes)
            .position(|(x, y)| x != y)
            .unwrap_or(a.nodes.len().min(b.nodes.len())),
    )
}

/// Every node lies inside its parent's subtree, subtrees nest, and only
/// elements have children.
pub fn check_tree(s: &Snapshot) {
    let n = s.len() as NodeId;
    let mut max_end = 0;
    for id in 0..n {
        let node = s.node(id);
        assert!(
            node.end > id && node.end <= n,
            "node {id}: bad end {}",
            node.end
        );
        if node.parent != NO_PARENT {
            let p = s.node(node.parent);
            assert!(
                node.parent < id,
                "node {id}: parent {} after it",
                node.parent
            );
            assert!(
                id < p.end && node.end <= p.end,
                "node {id}: outside its parent's subtree"
            );
            assert!(p.is_element(), "node {id}: parent is a text node");
        } else {
            assert!(max_end <= id, "root {id} inside another subtree");
        }
        max_end = max_end.max(node.end);
    }
}

/// Blocks name real nodes, in document order, one block per node; blocks may
/// nest (the innermost decides), but nothing lies inside a chrome block the
/// extension hides (those come from the chrome finder and cover their whole
/// subtree).
pub fn check_blocks(s: &Snapshot, blocks: &[chaff::label::Block]) {
    let mut last: Option<NodeId> = None;
    let mut hidden_until: NodeId = 0;
    for b in blocks {
        assert!(
            (b.node as usize) < s.len(),
            "block on missing node {}",
            b.node
        );
        assert!(
            last.is_none_or(|l| b.node > l),
            "block on node {} not after the one before",
            b.node
        );
        assert!(
            b.node >= hidden_until,
            "block on node {} inside a hidden chrome block",
            b.node
        );
        assert!(
            b.confidence.is_finite(),
            "block on node {}: confidence {}",
            b.node,
            b.confidence
        );
        if b.label.hidden_by_default() {
            hidden_until = s.node(b.node).end;
        }
        last = Some(b.node);
    }
}

/// Fuzzer bytes -> (structure, strings) for `wire::decode`.
///
/// Byte 0 holds flags: bit 0 appends one stray `u32` (an odd-length
/// structure), bit 1 selects raw mode. Bytes 1..3 are the node count `k`
/// (little-endian `u16`). In raw mode `2k` little-endian `u32`s follow, used
/// as they are. Otherwise `k` records of three bytes follow, `sel: u16,
/// count: u8`: `sel = 0xFFFF` is a root, `sel < i` names node `i - 1 - sel`
/// as node `i`'s parent (so most inputs are trees), and any other `sel` is
/// used as an absolute (forward, invalid) parent. Whatever remains is the
/// strings, decoded lossily as UTF-8.
pub fn wire_input(data: &[u8]) -> (Vec<u32>, String) {
    let flags = data.first().copied().unwrap_or(0);
    let k = match data.get(1..3) {
        Some(b) => u16::from_le_bytes([b[0], b[1]]) as usize,
        None => 0,
    };
    let mut rest = data.get(3..).unwrap_or(&[]);
    let mut structure = Vec::with_capacity(2 * k.min(rest.len()));
    let raw = flags & 2 != 0;
    for i in 0..k {
        if raw {
            if rest.len() < 8 {
                break;
            }
            let word = |b: &[u8]| u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            structure.extend([word(&rest[0..4]), word(&rest[4..8])]);
            rest = &rest[8..];
        } else {
            if rest.len() < 3 {
                break;
            }
            let sel = u16::from_le_bytes([rest[0], rest[1]]) as u32;
            let parent = if sel == 0xFFFF {
                NO_PARENT
            } else if (sel as usize) < i {
                (i - 1) as u32 - sel
            } else {
                sel
            };
            structure.extend([parent, rest[2] as u32]);
            rest = &rest[3..];
        }
    }
    if flags & 1 != 0 {
        structure.push(0);
    }
    (structure, String::from_utf8_lossy(rest).into_owned())
}

/// The inverse of `wire_input`, for seeding the corpus from real pages.
pub fn wire_seed(structure: &[u32], strings: &str) -> Vec<u8> {
    let k = structure.len() / 2;
    let pairs: Vec<(u32, u32)> = structure.chunks_exact(2).map(|p| (p[0], p[1])).collect();
    let fits = k <= u16::MAX as usize
        && pairs.iter().enumerate().all(|(i, &(parent, count))| {
            count < 256
                && (parent == NO_PARENT
                    || ((parent as usize) < i && i - 1 - (parent as usize) < 0xFFFF))
        });
    let mut out = vec![if fits { 0 } else { 2 }];
    out.extend((k.min(u16::MAX as usize) as u16).to_le_bytes());
    for (i, &(parent, count)) in pairs.iter().enumerate().take(u16::MAX as usize) {
        if fits {
            let sel = if parent == NO_PARENT {
                0xFFFF
            } else {
                (i - 1 - parent as usize) as u16
            };
            out.extend(sel.to_le_bytes());
            out.push(count as u8);
        } else {
            out.extend(parent.to_le_bytes());
            out.extend(count.to_le_bytes());
        }
    }
    out.extend(strings.as_bytes());
    out
}
