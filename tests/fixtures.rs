//! The labelled fixtures: every `.expect` line names the label a careful
//! person gives a piece of text; the classifier must agree (see
//! tests/fixtures/README.md for the format).

use std::path::{Path, PathBuf};

use chaff::adapter::html::parse_bytes;
use chaff::classify::{classify, text::collapse_whitespace};
use chaff::label::Label;
use chaff::snapshot::{NodeId, Snapshot};

struct Outcome {
    fixture: String,
    expected: Label,
    got: Option<Label>,
    snippet: String,
    reason: String,
}

fn fixture_pairs(dir: &Path) -> Vec<(PathBuf, PathBuf)> {
    let mut pairs: Vec<_> = std::fs::read_dir(dir)
        .expect("fixture folder")
        .filter_map(|e| {
            let html = e.ok()?.path();
            (html.extension()? == "html").then(|| (html.clone(), html.with_extension("expect")))
        })
        .collect();
    pairs.sort();
    pairs
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

fn check(html: &Path, expect: &Path) -> Vec<Outcome> {
    let s = parse_bytes(&std::fs::read(html).expect("fixture html"));
    let c = classify(&s);
    let labels = c.label_of_nodes(&s);
    let reasons: Vec<(NodeId, NodeId, &str)> = c
        .blocks
        .iter()
        .map(|b| (b.node, s.node(b.node).end, b.reason.as_str()))
        .collect();
    let texts = element_texts(&s);
    let name = html.file_stem().unwrap().to_string_lossy().into_owned();
    let mut out = Vec::new();
    for line in std::fs::read_to_string(expect)
        .expect("expect file")
        .lines()
    {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (label, snippet) = line.split_once('\t').expect("LABEL<TAB>SNIPPET");
        let expected =
            Label::parse(label).unwrap_or_else(|| panic!("{name}: unknown label {label}"));
        let node = find(&s, &texts, snippet)
            .unwrap_or_else(|| panic!("{name}: snippet not found: {snippet}"));
        let reason = reasons
            .iter()
            .find(|(n, e, _)| *n <= node && node < *e)
            .map_or("", |r| r.2)
            .to_string();
        out.push(Outcome {
            fixture: name.clone(),
            expected,
            got: labels[node as usize],
            snippet: snippet.into(),
            reason,
        });
    }
    out
}

fn report(outcomes: &[Outcome], pred: impl Fn(&Outcome) -> bool) -> String {
    outcomes
        .iter()
        .filter(|o| pred(o))
        .map(|o| {
            format!(
                "  {}: expected {}, got {} ({}) for \"{}\"",
                o.fixture,
                o.expected,
                o.got.map_or("nothing".into(), |l| l.to_string()),
                o.reason,
                o.snippet
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn hidden(l: Option<Label>) -> bool {
    l.is_some_and(Label::is_chrome)
}

#[test]
fn seed_page_hides_every_chrome_line_and_keeps_the_article() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/seed");
    let outcomes: Vec<Outcome> = fixture_pairs(&dir)
        .iter()
        .flat_map(|(h, e)| check(h, e))
        .collect();
    assert!(outcomes.len() > 30);
    let wrong = |o: &Outcome| {
        if o.expected.hidden_by_default() {
            o.got != Some(o.expected)
        } else {
            o.got.is_some_and(Label::hidden_by_default)
        }
    };
    let failures = report(&outcomes, wrong);
    assert!(
        failures.is_empty(),
        "seed page lines handled wrongly:\n{failures}"
    );
}

#[test]
fn labelled_fixtures_get_the_right_chrome_kind_and_keep_every_article_line() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/labelled");
    let outcomes: Vec<Outcome> = fixture_pairs(&dir)
        .iter()
        .flat_map(|(h, e)| check(h, e))
        .collect();
    let chrome: Vec<&Outcome> = outcomes.iter().filter(|o| o.expected.is_chrome()).collect();
    let right = chrome.iter().filter(|o| o.got == Some(o.expected)).count();
    let share = right as f64 / chrome.len() as f64;
    let article_as_chrome = report(&outcomes, |o| o.expected.is_article() && hidden(o.got));
    let kinds = report(&outcomes, |o| {
        o.expected.is_chrome() && o.got != Some(o.expected)
    });
    eprintln!(
        "labelled fixtures: {right}/{} chrome lines of the right kind ({:.1}%), {} article lines",
        chrome.len(),
        share * 100.0,
        outcomes.len() - chrome.len()
    );
    eprintln!("wrong chrome kinds:\n{kinds}");
    assert!(
        article_as_chrome.is_empty(),
        "article text labelled chrome:\n{article_as_chrome}"
    );
    assert!(
        share >= 0.95,
        "only {:.1}% of chrome lines right; wrong ones:\n{kinds}",
        share * 100.0
    );
}
