//! In a real browser: the page's own parser (DOMParser, through web-sys)
//! builds the DOM, the extension's walker (extension/src/snapshot.js) reads
//! it into the wire snapshot, and the Wasm core must label it exactly as the
//! native adapter (html5ever, in the same Wasm) labels the same HTML. The
//! snapshot contract is checked from the Rust side: against the DOM itself
//! (web-sys Node and Element reads) and against the Rust walker of
//! `chaff::dom`, node for node.
//!
//!   wasm-pack test --headless --chrome  -- --no-default-features --features "html dom" --test wasm
//!   wasm-pack test --headless --firefox -- --no-default-features --features "html dom" --test wasm

#![cfg(target_arch = "wasm32")]

use chaff::classify::classify;
use chaff::snapshot::{is_opaque, NodeData, Snapshot, CLASSIFIED_ATTRIBUTES};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{
    DomParser, Element, Node, ShadowRoot, ShadowRootInit, ShadowRootMode, SupportedType,
};

wasm_bindgen_test_configure!(run_in_browser);

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));

#[wasm_bindgen(module = "/extension/src/snapshot.js")]
extern "C" {
    /// `{structure: Uint32Array, strings: string, nodes: Node[]}`
    fn snapshot(root: &Node) -> JsValue;
}

/// The document element of `html` as the browser parses it.
fn parse(html: &str) -> Element {
    DomParser::new()
        .expect("DOMParser")
        .parse_from_string(html, SupportedType::TextHtml)
        .expect("parses")
        .document_element()
        .expect("a document element")
}

/// The JavaScript walker's snapshot of `root`, decoded, its parents as sent
/// (the wire's `structure`), and its node list.
fn js_walk(root: &Node) -> (Snapshot, Vec<u32>, Vec<Node>) {
    let wire = snapshot(root);
    let get = |k: &str| js_sys::Reflect::get(&wire, &JsValue::from_str(k)).expect("field");
    let structure = js_sys::Uint32Array::new(&get("structure")).to_vec();
    let strings = get("strings").as_string().expect("strings");
    let nodes = js_sys::Array::from(&get("nodes"))
        .iter()
        .map(|n| n.unchecked_into::<Node>())
        .collect();
    let snapshot =
        chaff::wire::decode(&structure, &strings).expect("the walker's snapshot decodes");
    let parents = structure.iter().step_by(2).copied().collect();
    (snapshot, parents, nodes)
}

fn from_browser(html: &str) -> Snapshot {
    js_walk(&parse(html)).0
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
    let blocks = js_sys::Reflect::get(&ok, &"blocks".into()).expect("blocks");
    assert!(js_sys::Array::is_array(&blocks));
    let reading = js_sys::Reflect::get(&ok, &"reading".into()).expect("reading");
    assert!(reading.is_string());
}

/// The composed parent the contract gives `node`: its parent, or for a child
/// of a shadow root, the host.
fn composed_parent(node: &Node) -> Option<Node> {
    let p = node.parent_node()?;
    match p.dyn_ref::<ShadowRoot>() {
        Some(sr) => Some(sr.host().into()),
        None => Some(p),
    }
}

/// Checks a walker's snapshot of `root` against the DOM it came from, reading
/// the DOM through web-sys: one snapshot node per DOM element or text node
/// reachable without entering an opaque element, in composed document order,
/// with the composed parent as its parent, the lower-case tag, the text, and
/// the classified attributes in the element's own order (U+0000 as U+FFFD).
fn check_contract(
    what: &str,
    root: &Node,
    snap: &Snapshot,
    parents: &[u32],
    nodes: &[Node],
) -> Vec<String> {
    let mut errors = Vec::new();
    if snap.len() != nodes.len() || parents.len() != nodes.len() {
        errors.push(format!(
            "{what}: {} snapshot nodes for {} DOM nodes",
            snap.len(),
            nodes.len()
        ));
        return errors;
    }
    let clean = |s: String| s.replace('\0', "\u{FFFD}");
    for (i, dom) in nodes.iter().enumerate() {
        let id = i as u32;
        let node = snap.node(id);
        let at = format!("{what}: node {i}");
        // The parent the snapshot names is the DOM node's composed parent
        // (none for the root), and it is not an opaque element.
        let raw = parents[i];
        let parent = (raw != u32::MAX).then(|| nodes.get(raw as usize)).flatten();
        let dom_parent = if i == 0 { None } else { composed_parent(dom) };
        let same = match (parent, &dom_parent) {
            (None, None) => true,
            (Some(p), Some(d)) => p.is_same_node(Some(d)),
            _ => false,
        };
        if !same || (raw != u32::MAX && raw >= id) {
            errors.push(format!("{at}: parent {raw} is not its DOM parent"));
        }
        if let Some(el) = parent.and_then(|p| p.dyn_ref::<Element>()) {
            if is_opaque(&el.local_name().to_lowercase()) {
                errors.push(format!("{at}: inside <{}>", el.local_name()));
            }
        }
        match (&node.data, dom.node_type()) {
            (NodeData::Text(t), Node::TEXT_NODE) => {
                if **t != clean(dom.node_value().unwrap_or_default()) {
                    errors.push(format!("{at}: text differs"));
                }
            }
            (NodeData::Element { tag, attrs }, Node::ELEMENT_NODE) => {
                let el: &Element = dom.unchecked_ref();
                if **tag != el.local_name().to_lowercase() {
                    errors.push(format!("{at}: tag {tag} for <{}>", el.local_name()));
                }
                let want: Vec<(String, String)> = el
                    .get_attribute_names()
                    .iter()
                    .filter_map(|n| n.as_string())
                    .filter(|n| CLASSIFIED_ATTRIBUTES.contains(&n.as_str()))
                    .map(|n| {
                        let v = clean(el.get_attribute(&n).unwrap_or_default());
                        (n, v)
                    })
                    .collect();
                let got: Vec<(String, String)> = attrs
                    .iter()
                    .map(|(n, v)| (n.to_string(), v.to_string()))
                    .collect();
                if got != want {
                    errors.push(format!("{at}: attributes {got:?}, the DOM has {want:?}"));
                }
            }
            (d, t) => errors.push(format!("{at}: {d:?} for a DOM node of type {t}")),
        }
    }
    // Nothing the contract keeps is missing: count the DOM's own nodes.
    let mut expected = 0usize;
    let mut stack = vec![root.clone()];
    while let Some(n) = stack.pop() {
        match n.node_type() {
            Node::TEXT_NODE => expected += 1,
            Node::ELEMENT_NODE => {
                expected += 1;
                let el: &Element = n.unchecked_ref();
                if is_opaque(&el.local_name().to_lowercase()) {
                    continue;
                }
                if let Some(sr) = el.shadow_root() {
                    let kids = sr.child_nodes();
                    for k in 0..kids.length() {
                        stack.extend(kids.item(k));
                    }
                }
                let kids = n.child_nodes();
                for k in 0..kids.length() {
                    stack.extend(kids.item(k));
                }
            }
            _ => {}
        }
    }
    if expected != nodes.len() {
        errors.push(format!(
            "{what}: {} nodes, the DOM has {expected} to keep",
            nodes.len()
        ));
    }
    errors
}

/// Both walkers on `root`: each keeps the contract, and they agree node for node.
fn check_walkers(name: &str, root: &Node) -> Vec<String> {
    let (js, js_parents, js_nodes) = js_walk(root);
    let rust = chaff::dom::walk(root).expect("the Rust walker's snapshot");
    let mut errors = check_contract(
        &format!("{name} (snapshot.js)"),
        root,
        &js,
        &js_parents,
        &js_nodes,
    );
    errors.extend(check_contract(
        &format!("{name} (chaff::dom)"),
        root,
        &rust.snapshot,
        &rust.parents,
        &rust.nodes,
    ));
    if js.nodes != rust.snapshot.nodes || js_parents != rust.parents {
        errors.push(format!("{name}: the walkers' snapshots differ"));
    }
    if js_nodes.len() != rust.nodes.len()
        || js_nodes
            .iter()
            .zip(&rust.nodes)
            .any(|(a, b)| !a.is_same_node(Some(b)))
    {
        errors.push(format!("{name}: the walkers' node lists differ"));
    }
    errors
}

#[wasm_bindgen_test]
fn the_walkers_keep_the_snapshot_contract_on_every_fixture() {
    let mut errors = Vec::new();
    for (name, html) in FIXTURES {
        errors.extend(check_walkers(name, &parse(html)));
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[wasm_bindgen_test]
fn the_walkers_keep_the_snapshot_contract_on_shadow_roots_comments_nul_and_depth() {
    let root = parse(
        "<html lang=en><body class=b><!-- c --><div id=host data-x=1>light<p>one</p></div>\
         <div id=empty-host></div><div id=empty-shadow>after</div>\
         <script>var x = '<p>';</script><noscript><p>no</p></noscript>\
         <p title=t class=\"a\" id=main>text</p><main id=deep></main></body></html>",
    );
    let doc = root.owner_document().expect("document");
    let by_id = |id: &str| doc.get_element_by_id(id).expect(id);
    let open = |el: &Element| {
        el.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .expect("attach")
    };
    let sr = open(&by_id("host"));
    sr.set_inner_html("<nav class=n>in the <b>shadow</b></nav><slot></slot>");
    open(&by_id("empty-host")).set_inner_html("<span>only shadow</span>");
    open(&by_id("empty-shadow"));
    let p = doc.create_element("p").expect("p");
    p.set_attribute("class", "x\0y").expect("attr");
    p.append_child(&doc.create_text_node("nul\0here"))
        .expect("text");
    p.append_child(&doc.create_comment("skip me"))
        .expect("comment");
    by_id("main").append_child(&p).expect("append");
    // Deeper than a recursive walk could go.
    let mut at: Node = by_id("deep").into();
    for _ in 0..20_000 {
        let d = doc.create_element("div").expect("div");
        at = at.append_child(&d).expect("append");
    }
    at.append_child(&doc.create_text_node("bottom"))
        .expect("text");
    let errors = check_walkers("synthetic", &root);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let (js, parents, _) = js_walk(&root);
    // The wire keeps the true parents of the deepest nodes; the decoded
    // snapshot hangs them at MAX_DEPTH.
    assert_eq!(parents.last(), Some(&(parents.len() as u32 - 2)));
    assert!(js.len() > 20_000);
    let nav = (0..js.len() as u32)
        .find(|&i| js.node(i).tag() == "nav")
        .expect("the shadow tree is walked");
    let host = js.parent(nav).expect("parent");
    assert_eq!(js.node(host).attr("id"), Some("host"));
    assert!(js.nodes.iter().any(|n| n.text() == Some("nul\u{FFFD}here")));
    assert!(js
        .nodes
        .iter()
        .any(|n| n.attr("class") == Some("x\u{FFFD}y")));
}

/// The two walkers timed side by side on the fixtures (median of 5 rounds,
/// each walking every fixture once), reported on the console: the Rust
/// walker over web-sys against snapshot.js plus decoding its wire form (what
/// `classify_wire` does before classifying).
#[wasm_bindgen_test]
fn the_walkers_timed_side_by_side() {
    let perf = web_sys::window()
        .expect("window")
        .performance()
        .expect("performance");
    let roots: Vec<Element> = FIXTURES.iter().map(|(_, html)| parse(html)).collect();
    let nodes: usize = roots.iter().map(|r| js_walk(r).2.len()).sum();
    let mut js_ms = Vec::new();
    let mut rust_ms = Vec::new();
    for _ in 0..5 {
        let t = perf.now();
        for r in &roots {
            let wire = snapshot(r);
            let get = |k: &str| js_sys::Reflect::get(&wire, &JsValue::from_str(k)).expect("field");
            let structure = js_sys::Uint32Array::new(&get("structure")).to_vec();
            let strings = get("strings").as_string().expect("strings");
            std::hint::black_box(chaff::wire::decode(&structure, &strings).expect("decodes"));
        }
        js_ms.push(perf.now() - t);
        let t = perf.now();
        for r in &roots {
            std::hint::black_box(chaff::dom::walk(r).expect("walk"));
        }
        rust_ms.push(perf.now() - t);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(|a, b| a.total_cmp(b));
        v[v.len() / 2]
    };
    let (js, rust) = (median(&mut js_ms), median(&mut rust_ms));
    web_sys::console::log_1(&JsValue::from_str(&format!(
        "walkers over {} fixtures, {nodes} nodes: snapshot.js + decode {js:.2} ms, chaff::dom (web-sys) {rust:.2} ms, ratio {:.2}",
        roots.len(),
        rust / js.max(1e-9)
    )));
    assert!(js > 0.0 || rust > 0.0 || nodes == 0);
}
