//! `.expect` files (tests/fixtures/README.md): LABEL<TAB>SNIPPET lines,
//! checked against what the classifier says of the smallest element whose
//! text holds the snippet.

#![allow(dead_code)]

use std::path::Path;

use chaff::classify::{classify, text::collapse_whitespace};
use chaff::label::Label;
use chaff::snapshot::{NodeId, Snapshot};

pub struct Outcome {
    pub page: String,
    pub expected: Label,
    pub got: Option<Label>,
    pub snippet: String,
    pub reason: String,
}

impl Outcome {
    pub fn hidden(&self) -> bool {
        self.got.is_some_and(Label::hidden_by_default)
    }
}

/// The smallest element whose text contains `snippet`.
fn find(s: &Snapshot, texts: &[String], snippet: &str) -> Option<NodeId> {
    (0..s.len() as NodeId)
        .rev()
        .filter(|&id| s.node(id).is_element() && texts[id as usize].contains(snippet))
        .max_by_key(|&id| s.ancestors(id).count())
}

fn element_texts(s: &Snapshot) -> Vec<String> {
    (0..s.len() as NodeId)
        .map(|id| {
            collapse_whitespace(
                &s.subtree(id)
                    .filter_map(|d| s.node(d).text())
                    .collect::<String>(),
            )
        })
        .collect()
}

/// Every expectation in `expect` (the text of an `.expect` file) checked
/// against the classification of `s`.
pub fn check(page: &str, s: &Snapshot, expect: &str) -> Vec<Outcome> {
    let c = classify(s);
    let labels = c.label_of_nodes(s);
    let reasons: Vec<(NodeId, NodeId, &str)> = c
        .blocks
        .iter()
        .map(|b| (b.node, s.node(b.node).end, b.reason.as_str()))
        .collect();
    let texts = element_texts(s);
    let mut out = Vec::new();
    for line in expect.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (label, snippet) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("{page}: not LABEL<TAB>SNIPPET: {line}"));
        let expected =
            Label::parse(label).unwrap_or_else(|| panic!("{page}: unknown label {label}"));
        let node = find(s, &texts, snippet)
            .unwrap_or_else(|| panic!("{page}: snippet not found: {snippet}"));
        let reason = reasons
            .iter()
            .rev()
            .find(|(n, e, _)| *n <= node && node < *e)
            .map_or("", |r| r.2)
            .to_string();
        out.push(Outcome {
            page: page.to_string(),
            expected,
            got: labels[node as usize],
            snippet: snippet.into(),
            reason,
        });
    }
    out
}

pub fn report(outcomes: &[Outcome], pred: impl Fn(&Outcome) -> bool) -> String {
    outcomes
        .iter()
        .filter(|o| pred(o))
        .map(|o| {
            format!(
                "  {}: expected {}, got {} ({}) for \"{}\"",
                o.page,
                o.expected,
                o.got.map_or("nothing".into(), |l| l.to_string()),
                o.reason,
                o.snippet
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `../shared/<rel>`, or None, saying so, when it is not there. Under CI a
/// missing `../shared` is a failure, not a skip.
pub fn shared(rel: &str) -> Option<std::path::PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(rel);
    if path.exists() {
        return Some(path);
    }
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    assert!(
        !ci,
        "{} is missing, and CI is set: the shared corpus must be there",
        path.display()
    );
    eprintln!(
        "SKIPPED: {} is not there (it ships beside the repo in CI, not in a clone)",
        path.display()
    );
    None
}
