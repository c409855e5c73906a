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
    // Every field ends in U+0000, so the piece after the last one is empty.
    let body = match strings.strip_suffix('\0') {
        Some(body) => body,
        None if strings.is_empty() => "",
        None => return Err(SnapshotError::Malformed("strings do not end in U+0000")),
    };
    let mut fields = body.split('\0');
    if strings.is_empty() {
        fields.next();
    }
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
    if let Some(e) = bad {
        return Err(e);
    }
    if fields.next().is_some() {
        return Err(SnapshotError::Malformed(
            "more strings than the structure names",
        ));
    }
    Ok(snapshot)
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
    // `count` comes from the sender: reserve no more than strings can fill.
    let mut attrs = Vec::with_capacity((count / 2).min(64));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_what_it_encodes_and_rejects_the_rest() {
        let s = decode(&[u32::MAX, 3, 0, 2], "p\0id\0x\0#text\0hi\0").expect("valid");
        assert_eq!(s.node(0).attr("id"), Some("x"));
        assert_eq!(s.node(1).text(), Some("hi"));
        assert_eq!(decode(&[], ""), Ok(Snapshot::default()));
        assert_eq!(
            encode(&s),
            (vec![u32::MAX, 3, 0, 2], "p\0id\0x\0#text\0hi\0".to_string())
        );
        for (structure, strings) in [
            (&[u32::MAX, 3][..], "p\0id\0"),
            (&[u32::MAX, 1], "p"),
            (&[u32::MAX, 1], "p\0extra\0"),
            (&[5, 1], "p\0"),
            (&[u32::MAX, 0], "p\0"),
            (&[u32::MAX, 1, 0, 3], "p\0#text\0a\0b\0"),
            (&[u32::MAX], "p\0"),
        ] {
            assert!(
                decode(structure, strings).is_err(),
                "{structure:?} {strings:?}"
            );
        }
    }
}
