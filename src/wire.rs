//! The snapshot as the browser sends it: one flat `u32` array and one string.
//!
//! `structure` holds two numbers per node, `[parent, field_count]`, with
//! `parent = 0xFFFF_FFFF` for a root. `strings` holds every node's fields
//! joined by U+0000 (each field is followed by one U+0000): an element's
//! fields are its lower-case tag name, then name/value pairs of the
//! attributes in `CLASSIFIED_ATTRIBUTES`; a text node's fields are `#text`
//! and its data. Front ends replace U+0000 inside DOM strings with U+FFFD,
//! as the HTML parser does. Crossing from JavaScript to Wasm then costs two
//! copies, whatever the page's size.

use crate::snapshot::{NodeData, NodeId, Snapshot, SnapshotError};

pub const TEXT_TAG: &str = "#text";

pub fn decode(structure: &[u32], strings: &str) -> Result<Snapshot, SnapshotError> {
    if structure.len() % 2 != 0 {
        return Err(SnapshotError::Malformed("structure length is odd"));
    }
    let mut fields = strings.split('\0');
    let mut bad = None;
    let items = structure.chunks_exact(2).map_while(|pair| {
        let (parent, count) = (pair[0] as NodeId, pair[1] as usize);
        match read_node(&mut fields, count) {
            Ok(data) => Some((parent, data)),
            Err(e) => {
                bad = Some(e);
                None
            }
        }
    });
    let snapshot = Snapshot::from_preorder(items.collect::<Vec<_>>())?;
    match bad {
        Some(e) => Err(e),
        None => Ok(snapshot),
    }
}

fn read_node<'a>(
    fields: &mut impl Iterator<Item = &'a str>,
    count: usize,
) -> Result<NodeData, SnapshotError> {
    let mut next = || {
        fields
            .next()
            .ok_or(SnapshotError::Malformed("strings end early"))
    };
    if count == 0 {
        return Err(SnapshotError::Malformed("node without fields"));
    }
    let tag = next()?;
    if tag == TEXT_TAG {
        if count != 2 {
            return Err(SnapshotError::Malformed(
                "text node needs exactly one field",
            ));
        }
        return Ok(NodeData::Text(next()?.into()));
    }
    if count % 2 != 1 {
        return Err(SnapshotError::Malformed("attribute without value"));
    }
    let mut attrs = Vec::with_capacity(count / 2);
    for _ in 0..count / 2 {
        let name = next()?;
        attrs.push((name.into(), next()?.into()));
    }
    Ok(NodeData::Element {
        tag: tag.into(),
        attrs,
    })
}

/// The inverse of `decode`, keeping only classified attributes; tests use it
/// to check that a snapshot survives the trip a browser makes it take.
pub fn encode(snapshot: &Snapshot) -> (Vec<u32>, String) {
    let mut structure = Vec::with_capacity(snapshot.len() * 2);
    let mut strings = String::new();
    let push = |s: &str, strings: &mut String| {
        strings.push_str(&s.replace('\0', "\u{FFFD}"));
        strings.push('\0');
    };
    for node in &snapshot.nodes {
        match &node.data {
            NodeData::Text(t) => {
                structure.extend([node.parent, 2]);
                push(TEXT_TAG, &mut strings);
                push(t, &mut strings);
            }
            NodeData::Element { tag, attrs } => {
                let kept: Vec<_> = attrs
                    .iter()
                    .filter(|(n, _)| crate::snapshot::CLASSIFIED_ATTRIBUTES.contains(&&**n))
                    .collect();
                structure.extend([node.parent, 1 + 2 * kept.len() as u32]);
                push(tag, &mut strings);
                for (n, v) in kept {
                    push(n, &mut strings);
                    push(v, &mut strings);
                }
            }
        }
    }
    (structure, strings)
}
