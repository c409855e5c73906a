//! Pages at and past the sizes real pages reach, generated here (never
//! committed): each must give a result or a clean error, never a panic or a
//! stack overflow. Everything runs on a thread with a 256 KiB stack, which
//! only iterative traversals survive on such pages. The scaling test checks
//! that time grows about linearly with the number of nodes and prints the
//! figures (`cargo test --release --test limits -- --nocapture`).

use std::time::{Duration, Instant};

use chaff::output::clean::clean;
use chaff::page::{Page, PageError};
use chaff::wire;

const SMALL_STACK: usize = 256 * 1024;

/// Debug builds run about twenty times slower: the million-node pages are cut
/// tenfold there so that a plain `cargo test` stays usable. `cargo test
/// --release` (CI) runs them at full size.
const SCALE: usize = if cfg!(debug_assertions) { 10 } else { 1 };

/// Runs `f` on a thread with a small stack; a panic or overflow fails the test.
fn on_small_stack<T: Send + 'static>(name: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .name(name.into())
        .stack_size(SMALL_STACK)
        .spawn(f)
        .expect("spawn test thread")
        .join()
        .unwrap_or_else(|_| panic!("{name}: panicked"))
}

struct Outcome {
    nodes: usize,
    body_chars: usize,
    cleaned_bytes: usize,
}

/// The native pipeline and the wire round trip the browser build takes.
fn pipeline(bytes: &[u8]) -> Result<Outcome, PageError> {
    let page = Page::from_bytes(bytes)?;
    let extract = page.extract();
    let cleaned = clean(&page.snapshot, &page.classification, |l| {
        l.hidden_by_default()
    });
    let (structure, strings) = wire::encode(&page.snapshot);
    let decoded = wire::decode(&structure, &strings).expect("encoded snapshot decodes");
    let again = chaff::classify(&decoded);
    let labels = |blocks: &[chaff::Block]| -> Vec<(u32, chaff::Label)> {
        blocks.iter().map(|b| (b.node, b.label)).collect()
    };
    assert!(
        labels(&again.blocks) == labels(&page.classification.blocks),
        "decoded snapshot classified differently"
    );
    Ok(Outcome {
        nodes: page.snapshot.len(),
        body_chars: extract.article_body.len(),
        cleaned_bytes: cleaned.len(),
    })
}

fn check(name: &'static str, page: Vec<u8>) -> Result<Outcome, PageError> {
    let start = Instant::now();
    let len = page.len();
    let result = on_small_stack(name, move || pipeline(&page));
    match &result {
        Ok(o) => eprintln!(
            "limits: {name}: {len} bytes -> {} nodes, {} article chars, {} cleaned bytes in {:?}",
            o.nodes,
            o.body_chars,
            o.cleaned_bytes,
            start.elapsed()
        ),
        Err(e) => eprintln!("limits: {name}: {len} bytes -> error: {e}"),
    }
    result
}

fn page(body: &str) -> Vec<u8> {
    format!("<!DOCTYPE html><html><head><title>Limits</title></head><body>{body}</body></html>")
        .into_bytes()
}

fn siblings(n: usize) -> Vec<u8> {
    page(&"<p>Some words, a sentence.</p>".repeat(n))
}

fn nested(tag: &str, depth: usize) -> Vec<u8> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    page(&format!(
        "{}<p>deep text, with a comma</p>{}<p>after</p>",
        open.repeat(depth),
        close.repeat(depth)
    ))
}

#[test]
fn hundred_thousand_elements() {
    let body: String = (0..100_000)
        .map(|i| match i % 5 {
            0 => format!("<div class=c{i}>"),
            1 => "<p>Text of a paragraph, with commas, long enough.</p>".into(),
            2 => format!("<a href=/x{i}>link</a>"),
            3 => "<span>inline</span>".into(),
            _ => "</div>".into(),
        })
        .collect();
    let o = check("100k elements", page(&body)).expect("a result");
    assert!(o.nodes >= 100_000);
}

#[test]
fn twenty_thousand_deep() {
    for tag in [
        "div", "span", "b", "a", "table", "li", "p", "svg", "math", "i", "font",
    ] {
        let name: &'static str = Box::leak(format!("20k deep <{tag}>").into_boxed_str());
        check(name, nested(tag, 20_000)).expect("a result");
    }
    // Formatting elements that differ by attribute are all kept by the
    // adoption agency, then reopened at every block.
    let body: String = (0..20_000)
        .map(|i| format!("<b id=b{i}>"))
        .collect::<String>()
        + &"<p>x</p>".repeat(100);
    check("20k distinct formatting elements", page(&body)).expect("a result");
    let body: String = "<div><table><tr><td>".repeat(5_000) + "cell";
    check("5k nested tables", page(&body)).expect("a result");
}

#[test]
fn ten_megabytes_in_one_text_node() {
    let text = "word, ".repeat(10 * 1024 * 1024 / 6 / SCALE);
    let o = check("10 MB text node", page(&format!("<p>{text}</p>"))).expect("a result");
    assert!(o.body_chars >= 10_000_000 / SCALE);
    let o = check("10 MB unbroken word", page(&"x".repeat((10 << 20) / SCALE))).expect("a result");
    assert!(o.nodes > 0);
}

#[test]
fn a_million_tiny_text_nodes() {
    // Comments keep the DOM from merging adjacent text.
    let o = check(
        "1M text nodes",
        page(&format!("<p>{}</p>", "a<!---->".repeat(1_000_000 / SCALE))),
    )
    .expect("a result");
    assert!(o.nodes >= 1_000_000 / SCALE);
}

#[test]
fn a_million_siblings() {
    let o = check("1M siblings", siblings(1_000_000 / SCALE)).expect("a result");
    assert!(o.nodes >= 2_000_000 / SCALE);
    check("1M <br>", page(&"<br>".repeat(1_000_000 / SCALE))).expect("a result");
}

#[test]
fn svg_and_mathml_islands() {
    let island = r#"<p>Before the figure, a sentence.</p>
        <svg viewBox="0 0 10 10"><g><circle r=5 /><text>label</text><foreignObject><p>html <b>inside</b></p></foreignObject></g></svg>
        <math><mi>x</mi><mo>=</mo><mfrac><mn>1</mn><mn>2</mn></mfrac><annotation-xml encoding="text/html"><p>a</p></annotation-xml></math>
        <svg><desc><div>desc</div></desc><title>t</title><script>x()</script><style>a{}</style></svg>
        <math><mtext><table><tr><td>cell</td></tr></table></mtext></math>"#;
    check("svg and mathml", page(&island.repeat(2_000))).expect("a result");
    check(
        "unclosed svg",
        page(&format!("{}<p>text", "<svg><g>".repeat(5_000))),
    )
    .expect("a result");
}

#[test]
fn framesets_templates_and_broken_tables() {
    let frameset = "<!DOCTYPE html><html><head><title>F</title></head><frameset cols=\"50%,50%\">\
        <frame src=a.html><frameset rows=\"1,2\"><frame src=b.html></frameset>\
        <noframes><p>No frames, a paragraph of text.</p></noframes></frameset></html>";
    check("frameset", frameset.as_bytes().to_vec()).expect("a result");
    check(
        "frameset after body text",
        b"<p>text</p><frameset><frame></frameset>".to_vec(),
    )
    .expect("a result");
    let template =
        "<template><p>inert, with, commas</p><template><div>nested</div></template></template>\
        <p>live text</p><table><template><tr><td>t</td></tr></template></table>";
    check("templates", page(&template.repeat(10_000))).expect("a result");
    check("deep templates", page(&"<template>".repeat(20_000))).expect("a result");
    let tables = "<table><tr><td>a<td>b<tr>stray text<p>foster</p><td>c</table>\
        <table><caption><table><td>x</caption></td></tr>y</table>\
        <td>lost cell</td><tr><th>head</table></table></table>\
        <table><tbody><tr><td><table><tr><td>in</td></tr></table>out<b>bold<table><i>i</table></b>";
    check("malformed tables", page(&tables.repeat(5_000))).expect("a result");
}

#[test]
fn empty_binary_and_encodings() {
    assert!(check("empty", Vec::new()).is_ok());
    assert!(check("whitespace", b"  \n\t ".to_vec()).is_ok());
    // A fixed xorshift stream: binary noise, some of it NUL.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let noise: Vec<u8> = (0..1 << 20)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    assert!(matches!(
        check("binary noise", noise.clone()),
        Err(PageError::Binary)
    ));
    // Noise without NULs or control bytes still gets a result.
    let printable: Vec<u8> = noise.iter().map(|b| b | 0x20).collect();
    check("high-bit noise", printable).expect("a result");

    for (name, bom, little) in [
        ("UTF-16LE with BOM", [0xFF, 0xFE], true),
        ("UTF-16BE with BOM", [0xFE, 0xFF], false),
    ] {
        let mut bytes = bom.to_vec();
        let html = "<title>Ünïcode</title><article><p>Grüße, 世界, a paragraph of text with commas.</p></article>";
        for unit in html.repeat(100).encode_utf16() {
            bytes.extend(if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        let o = check(name, bytes).expect("a result");
        assert!(o.nodes > 100);
    }
    let mut cp1252 =
        b"<html><head><meta charset=\"windows-1252\"><title>Caf\xe9</title></head><body><article>"
            .to_vec();
    for _ in 0..200 {
        cp1252.extend_from_slice(
            b"<p>\x93Quoted\x94 na\xefve caf\xe9 \x80 prices, and more words here.</p>",
        );
    }
    cp1252.extend_from_slice(b"</article></body></html>");
    let bytes = cp1252.clone();
    let body = on_small_stack("windows-1252", move || {
        Page::from_bytes(&bytes).map(|p| p.extract().article_body)
    })
    .expect("a result");
    assert!(
        body.contains("\u{201C}Quoted\u{201D} naïve café €"),
        "{}",
        &body[..200]
    );
    check("windows-1252", cp1252).expect("a result");
}

/// Time this thread has spent on a CPU (Linux: `/proc/thread-self/schedstat`),
/// which other work on a busy machine does not inflate as it does wall time.
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// The fastest of three runs of the whole pipeline on `page`: on-CPU time
/// where the system tells it, else wall time.
fn time_of(name: &'static str, page: Vec<u8>) -> (Duration, usize) {
    on_small_stack(name, move || {
        let mut best = Duration::MAX;
        let mut nodes = 0;
        for _ in 0..3 {
            let (cpu, wall) = (thread_cpu_time(), Instant::now());
            nodes = pipeline(&page).expect("a result").nodes;
            let spent = match (cpu, thread_cpu_time()) {
                (Some(a), Some(b)) => b.saturating_sub(a),
                _ => wall.elapsed(),
            };
            best = best.min(spent);
        }
        (best, nodes)
    })
}

/// A series of pages: its name and, per size, the size and the page.
type Series = (&'static str, Vec<(usize, Vec<u8>)>);

/// Time per node stays about the same as pages grow tenfold: generous
/// bounds, as the machine may be busy with other work.
#[test]
fn time_grows_linearly() {
    let scale = SCALE;
    // Nested divs stop nesting at the parser's depth limit (512); SVG
    // elements do not, so the parser and the adapter really walk trees that
    // deep (the snapshot then hangs nodes below depth 512 from their
    // ancestor at that depth).
    let series: [Series; 3] = [
        (
            "siblings",
            [10_000, 100_000, 1_000_000]
                .iter()
                .map(|&n| (n / scale, siblings(n / scale)))
                .collect(),
        ),
        (
            "nesting",
            [1_000, 10_000, 20_000]
                .iter()
                .map(|&n| (n / scale, nested("div", n / scale)))
                .collect(),
        ),
        (
            "svg nesting",
            [1_000, 10_000, 20_000]
                .iter()
                .map(|&n| (n / scale, nested("svg", n / scale)))
                .collect(),
        ),
    ];
    for (kind, pages) in series {
        let mut last: Option<(usize, Duration)> = None;
        for (n, page) in pages {
            let (t, nodes) = time_of("timing", page);
            let per_100k = t.as_secs_f64() * 1e3 * 100_000.0 / nodes as f64;
            eprintln!(
                "limits: {kind} {n:>9}: {nodes:>9} nodes in {:>9.2} ms = {per_100k:.1} ms per 100k nodes",
                t.as_secs_f64() * 1e3
            );
            if let Some((n0, t0)) = last {
                let ratio = n as f64 / n0 as f64;
                // 25x for 10x the nodes; a floor of 20 ms keeps timer noise on
                // small pages from counting.
                let allowed = t0.max(Duration::from_millis(20)).mul_f64(2.5 * ratio);
                assert!(
                    t <= allowed,
                    "{kind}: {n} took {t:?}, over {allowed:?} ({ratio}x the work of {n0} in {t0:?})"
                );
            }
            last = Some((n, t));
        }
    }
}
