//! The core as a WebAssembly module: the extension's content script (or its
//! background, on pages whose CSP forbids Wasm) sends a wire snapshot of the
//! live DOM; the playground may send HTML text.

use wasm_bindgen::prelude::*;

use crate::classify::classify;
use crate::label::Block;
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

/// The hiding policy (`policy.rs`): every label with whether it is article,
/// chrome, hidden by default and a scroll locker, and the tags never hidden.
/// The browser builds write it into `policy.js`; no front end keeps a list.
#[wasm_bindgen]
pub fn policy() -> Result<JsValue, JsError> {
    to_js(&crate::policy::policy())
}

fn decode(structure: &[u32], strings: &str) -> Result<Snapshot, JsError> {
    crate::wire::decode(structure, strings).map_err(|e| JsError::new(&e.to_string()))
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Labels for a snapshot in wire form (see `wire.rs`): an array of
/// `{node, label, confidence, reason}`, one per labelled subtree.
#[wasm_bindgen]
pub fn classify_wire(structure: &[u32], strings: &str) -> Result<JsValue, JsError> {
    let snapshot = decode(structure, strings)?;
    let blocks: Vec<Block> = classify(&snapshot).blocks;
    to_js(&blocks)
}

/// Chrome in content added after load: a wire snapshot of the added
/// subtrees under their ancestor chain, and the indices of the added roots
/// (see `classify::classify_added`).
#[wasm_bindgen]
pub fn classify_added_wire(
    structure: &[u32],
    strings: &str,
    roots: &[u32],
) -> Result<JsValue, JsError> {
    let snapshot = decode(structure, strings)?;
    if roots.iter().any(|&r| r as usize >= snapshot.len()) {
        return Err(JsError::new("an added root is not in the snapshot"));
    }
    to_js(&crate::classify::classify_added(&snapshot, roots))
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
struct Report {
    blocks: Vec<Block>,
    title: String,
    byline: Option<String>,
    article_body: String,
    markdown: String,
    nodes: usize,
}

fn report(snapshot: &Snapshot) -> Report {
    let c = classify(snapshot);
    let e = output::extract(snapshot, &c);
    let body = output::Body::new(snapshot, &c, output::ExtractOptions::default());
    let markdown = output::markdown::render(snapshot, body.roots(), |id| body.skips(id));
    Report {
        blocks: c.blocks,
        title: e.title,
        byline: e.byline,
        article_body: e.article_body,
        markdown,
        nodes: snapshot.len(),
    }
}

/// Labels and the extracted article for a wire snapshot.
#[wasm_bindgen]
pub fn analyze_wire(structure: &[u32], strings: &str) -> Result<JsValue, JsError> {
    to_js(&report(&decode(structure, strings)?))
}

/// Labels and the extracted article for HTML text, parsed by html5ever. Node
/// indices follow the same snapshot order as the browser's walker.
#[cfg(feature = "html")]
#[wasm_bindgen]
pub fn analyze_html(html: &str) -> Result<JsValue, JsError> {
    to_js(&report(&crate::adapter::html::parse_str(html)))
}
