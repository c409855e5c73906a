//! In a real browser: the page's own parser builds the DOM, the extension's
//! walker (extension/src/snapshot.js) reads it into the wire snapshot, and
//! the Wasm core must label it exactly as the native adapter (html5ever, in
//! the same Wasm) labels the same HTML.
//!
//!   wasm-pack test --headless --chrome  -- --no-default-features --features html --test wasm
//!   wasm-pack test --headless --firefox -- --no-default-features --features html --test wasm

#![cfg(target_arch = "wasm32")]

use chaff::classify::classify;
use chaff::snapshot::Snapshot;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));

#[wasm_bindgen(module = "/extension/src/snapshot.js")]
extern "C" {
    /// `{structure: Uint32Array, strings: string, nodes: Node[]}`
    fn snapshot(root: &JsValue) -> JsValue;
}

#[wasm_bindgen(
    inline_js = "export function parse(html) { return new DOMParser().parseFromString(html, 'text/html').documentElement; }"
)]
extern "C" {
    fn parse(html: &str) -> JsValue;
}

fn from_browser(html: &str) -> Snapshot {
    let wire = snapshot(&parse(html));
    let get = |k: &str| js_sys::Reflect::get(&wire, &JsValue::from_str(k)).expect("field");
    let structure = js_sys::Uint32Array::new(&get("structure")).to_vec();
    let strings = get("strings").as_string().expect("strings");
    chaff::wire::decode(&structure, &strings).expect("the walker's snapshot decodes")
}

/// The native snapshot as the browser would send it: classified attributes only.
fn from_html5ever(html: &str) -> Snapshot {
    let native = chaff::adapter::html::parse_str(html);
    let (structure, strings) = chaff::wire::encode(&native);
    chaff::wire::decode(&structure, &strings).expect("round trip")
}

#[wasm_bindgen_test]
fn browser_dom_and_html5ever_give_the_same_snapshot_and_labels() {
    assert!(FIXTURES.len() > 40, "fixtures missing: {}", FIXTURES.len());
    let mut differences = Vec::new();
    for (name, html) in FIXTURES {
        let browser = from_browser(html);
        let native = from_html5ever(html);
        if browser.nodes != native.nodes {
            let at = browser
                .nodes
                .iter()
                .zip(&native.nodes)
                .position(|(a, b)| a != b);
            differences.push(format!(
                "{name}: snapshots differ ({} vs {} nodes, first at {:?}: {:?} vs {:?})",
                browser.len(),
                native.len(),
                at,
                at.map(|i| &browser.nodes[i]),
                at.map(|i| &native.nodes[i])
            ));
        }
        let labels = |s: &Snapshot| {
            classify(s)
                .blocks
                .into_iter()
                .map(|b| (b.node, b.label, b.reason))
                .collect::<Vec<_>>()
        };
        if labels(&browser) != labels(&native) {
            differences.push(format!("{name}: labels differ"));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

#[wasm_bindgen_test]
fn the_wasm_entry_point_rejects_a_malformed_snapshot() {
    assert!(chaff::wasm::classify_wire(&[0xFFFF_FFFF, 3], "p\0id\0").is_err());
    assert!(chaff::wasm::classify_wire(&[5, 1], "p\0").is_err());
    let ok =
        chaff::wasm::classify_wire(&[0xFFFF_FFFF, 1, 0, 2], "p\0#text\0hello\0").expect("valid");
    assert!(js_sys::Array::is_array(&ok));
}
