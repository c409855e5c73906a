//! The core as a WebAssembly module: the extension's content script (or its
//! background, on pages whose CSP forbids Wasm) sends a wire snapshot of the
//! live DOM; the playground may send HTML text.
//!
//! Results cross to JavaScript as plain objects built here field by field
//! (`Js` below), the shapes `serde_json` would give the same types natively:
//! a generic serializer (serde-wasm-bindgen) cost 2.2 KB more of the gzipped
//! module for these four small shapes.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::classify::classify;
use crate::label::Block;
#[cfg(feature = "playground")]
use crate::output;
use crate::snapshot::Snapshot;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// A plain JS object, filled one field at a time.
struct Js(Object);

impl Js {
    fn new() -> Js {
        Js(Object::new())
    }

    fn set(self, key: &JsValue, value: impl Into<JsValue>) -> Js {
        // Setting a data property on a fresh plain object cannot fail.
        let _ = Reflect::set(&self.0, key, &value.into());
        self
    }

    fn done(self) -> JsValue {
        self.0.into()
    }
}

fn key(name: &str) -> JsValue {
    JsValue::from_str(name)
}

/// `[{node, label, confidence, reason}]`, one per labelled subtree.
fn blocks_to_js(blocks: &[Block]) -> JsValue {
    let (node, label, confidence, reason) =
        (key("node"), key("label"), key("confidence"), key("reason"));
    let out = Array::new_with_length(blocks.len() as u32);
    for (i, b) in blocks.iter().enumerate() {
        let o = Js::new()
            .set(&node, b.node)
            .set(&label, b.label.name())
            .set(&confidence, b.confidence as f64)
            .set(&reason, b.reason.as_str());
        out.set(i as u32, o.done());
    }
    out.into()
}

/// The hiding policy (`policy.rs`): every label with whether it is article,
/// chrome, hidden by default and a scroll locker, and the tags never hidden.
/// The browser builds write it into `policy.js`; no front end keeps a list.
#[wasm_bindgen]
pub fn policy() -> JsValue {
    let p = crate::policy::policy();
    let labels: Array = p
        .labels
        .iter()
        .map(|l| {
            Js::new()
                .set(&key("name"), l.name)
                .set(&key("article"), l.article)
                .set(&key("chrome"), l.chrome)
                .set(&key("hiddenByDefault"), l.hidden_by_default)
                .set(&key("locksScrolling"), l.locks_scrolling)
                .done()
        })
        .collect();
    let tags: Array = p.never_hidden_tags.iter().map(|&t| key(t)).collect();
    Js::new()
        .set(&key("labels"), labels)
        .set(&key("neverHiddenTags"), tags)
        .done()
}

fn decode(structure: &[u32], strings: &str) -> Result<Snapshot, JsError> {
    crate::wire::decode(structure, strings).map_err(|e| JsError::new(&e.to_string()))
}

/// Labels for a snapshot in wire form (see `wire.rs`): `{blocks, reading}`,
/// `blocks` an array of `{node, label, confidence, reason}`, one per
/// labelled subtree, and `reading` a string to hand back, unread, with the
/// page's later content (`classify_added_wire`).
#[wasm_bindgen]
pub fn classify_wire(structure: &[u32], strings: &str) -> Result<JsValue, JsError> {
    let snapshot = decode(structure, strings)?;
    let c = classify(&snapshot);
    Ok(Js::new()
        .set(&key("blocks"), blocks_to_js(&c.blocks))
        .set(&key("reading"), c.reading.to_token())
        .done())
}

/// Chrome in content added after load: a wire snapshot of the added
/// subtrees under their ancestor chain, the indices of the added roots, and
/// the `reading` of the page's last whole classification ("" if none; see
/// `classify::classify_added`). An array of blocks, as `classify_wire`'s.
#[wasm_bindgen]
pub fn classify_added_wire(
    structure: &[u32],
    strings: &str,
    roots: &[u32],
    reading: &str,
) -> Result<JsValue, JsError> {
    let snapshot = decode(structure, strings)?;
    if roots.iter().any(|&r| r as usize >= snapshot.len()) {
        return Err(JsError::new("an added root is not in the snapshot"));
    }
    let reading = crate::classify::page_content::PageReading::from_token(reading);
    Ok(blocks_to_js(&crate::classify::classify_added(
        &snapshot, roots, &reading,
    )))
}

/// `{blocks, title, byline, articleBody, markdown, nodes}`: labels and the
/// extracted article.
#[cfg(feature = "playground")]
fn report(snapshot: &Snapshot) -> JsValue {
    let c = classify(snapshot);
    let e = output::extract(snapshot, &c);
    let body = output::Body::new(snapshot, &c, output::ExtractOptions::default());
    let markdown = output::markdown::render(snapshot, body.roots(), |id| body.skips(id));
    let byline = match &e.byline {
        Some(b) => JsValue::from_str(b),
        None => JsValue::NULL,
    };
    Js::new()
        .set(&key("blocks"), blocks_to_js(&c.blocks))
        .set(&key("title"), e.title.as_str())
        .set(&key("byline"), byline)
        .set(&key("articleBody"), e.article_body.as_str())
        .set(&key("markdown"), markdown.as_str())
        .set(&key("nodes"), snapshot.len() as f64)
        .done()
}

/// Labels and the extracted article for a wire snapshot.
#[cfg(feature = "playground")]
#[wasm_bindgen]
pub fn analyze_wire(structure: &[u32], strings: &str) -> Result<JsValue, JsError> {
    Ok(report(&decode(structure, strings)?))
}

/// Labels and the extracted article for HTML text, parsed by html5ever. Node
/// indices follow the same snapshot order as the browser's walker.
#[cfg(all(feature = "playground", feature = "html"))]
#[wasm_bindgen]
pub fn analyze_html(html: &str) -> Result<JsValue, JsError> {
    Ok(report(&crate::adapter::html::parse_str(html)))
}
