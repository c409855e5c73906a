//! Lint of the cue phrase files (src/classify/cues/*.cues): every section
//! is known, no phrase is listed twice, every phrase can match, and strong
//! phrases, which decide alone, are backed by labelled pages from at least two
//! sites.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chaff::adapter::html::parse_bytes;
use chaff::classify::cues::{self, Phrase, Section};
use chaff::classify::text::collapse_whitespace;

/// Strong phrases not yet backed by two labelled sites, as measured; lower it
/// as fixtures are added, never raise it.
const UNBACKED_STRONG_CEILING: usize = 288;

#[test]
fn every_section_is_known() {
    for (language, file) in cues::LANGUAGES {
        for line in file.lines().map(str::trim) {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                assert!(
                    cues::section(name).is_some(),
                    "{language}.cues: unknown section [{name}]"
                );
            } else if !line.is_empty() && !line.starts_with('#') {
                assert!(
                    file.lines().any(|l| l.trim().starts_with('[')),
                    "{language}.cues: phrase outside a section: {line}"
                );
            }
        }
    }
}

#[test]
fn no_phrase_is_listed_twice_in_a_language() {
    let mut seen = BTreeSet::new();
    for p in cues::phrases() {
        assert!(
            seen.insert((p.language, format!("{:?}", p.section), p.text)),
            "{}.cues: \"{}\" twice in {:?}",
            p.language,
            p.text,
            p.section
        );
    }
}

/// Hrefs, image names and class names are lower-cased before they are
/// looked up in these lists: an upper-case letter in one never matches.
#[test]
fn markup_markers_are_lower_case() {
    for (list, words) in [
        ("APP_STORE_HOSTS", cues::APP_STORE_HOSTS),
        ("APP_ICON_WORDS", cues::APP_ICON_WORDS),
        ("STORE_BADGE_WORDS", cues::STORE_BADGE_WORDS),
        ("SHARE_URLS", cues::SHARE_URLS),
        ("SOCIAL_HOSTS", cues::SOCIAL_HOSTS),
        ("AD_TOKENS", cues::AD_TOKENS),
        ("SPONSORED_WIDGET_TOKENS", cues::SPONSORED_WIDGET_TOKENS),
        ("OTHER_STORIES_NAMES", cues::OTHER_STORIES_NAMES),
    ] {
        for w in words {
            assert_eq!(*w, w.to_lowercase(), "{list}: \"{w}\" can never match");
        }
    }
}

/// Class names are split into words at spaces, `_` and `-` before they are
/// looked up: a marker holding one of those never matches.
#[test]
fn class_markers_are_single_words() {
    for (list, words) in [
        ("AD_TOKENS", cues::AD_TOKENS),
        ("SPONSORED_WIDGET_TOKENS", cues::SPONSORED_WIDGET_TOKENS),
    ] {
        for w in words {
            assert!(
                !w.contains(|c: char| c.is_whitespace() || c == '_' || c == '-'),
                "{list}: \"{w}\" can never match"
            );
        }
    }
}

/// Blocks are matched lower-case with whitespace collapsed, so a phrase with
/// capitals or doubled spaces could never match; and the scanner, not a
/// reading of it, says whether a phrase is found.
#[test]
fn every_phrase_can_match() {
    for p in cues::phrases() {
        let normal = collapse_whitespace(&p.text.to_lowercase());
        assert_eq!(
            p.text,
            normal.trim(),
            "{}.cues: \"{}\" is not lower-case and collapsed",
            p.language,
            p.text
        );
        if let Section::Cue(kind, strong) = p.section {
            let in_a_block = format!("x {} x", p.text);
            assert!(
                cues::scan(&in_a_block)
                    .iter()
                    .any(|h| h.phrase == p.text && h.kind == kind && h.strong == strong),
                "{}.cues: \"{}\" is never found by the scanner",
                p.language,
                p.text
            );
        }
    }
}

/// The lower-cased text of every labelled source: each fixture (a page
/// modelled on one site) and the chrome lines of each labelled real page.
fn labelled_sources() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut out = BTreeMap::new();
    for dir in ["fixtures/labelled", "fixtures/seed"] {
        for e in std::fs::read_dir(root.join(dir))
            .expect("fixtures")
            .flatten()
        {
            let path = e.path();
            if path.extension().is_some_and(|x| x == "html") {
                let s = parse_bytes(&std::fs::read(&path).expect("fixture"));
                let text: String = (0..s.len() as u32)
                    .filter_map(|id| s.node(id).text())
                    .collect::<Vec<_>>()
                    .join(" ");
                out.insert(
                    path.display().to_string(),
                    collapse_whitespace(&text.to_lowercase()),
                );
            }
        }
    }
    for set in std::fs::read_dir(root.join("real-pages"))
        .expect("real pages")
        .flatten()
    {
        if !set.path().is_dir() {
            continue;
        }
        for e in std::fs::read_dir(set.path()).expect("labels").flatten() {
            let labels = std::fs::read_to_string(e.path()).expect("labels");
            let chrome: Vec<String> = labels
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once('\t'))
                .filter(|(label, _)| {
                    chaff::label::Label::parse(label).is_some_and(|l| l.is_chrome())
                })
                .map(|(_, snippet)| snippet.to_lowercase())
                .collect();
            out.insert(e.path().display().to_string(), chrome.join(" | "));
        }
    }
    out
}

#[test]
fn strong_phrases_are_backed_by_labelled_pages_from_two_sites() {
    let sources = labelled_sources();
    let strong: Vec<&Phrase> = cues::phrases()
        .iter()
        .filter(|p| matches!(p.section, Section::Cue(_, true)))
        .collect();
    let unbacked: Vec<String> = strong
        .iter()
        .filter(|p| sources.values().filter(|t| t.contains(p.text)).count() < 2)
        .map(|p| format!("{}:{}", p.language, p.text))
        .collect();
    eprintln!(
        "cue lint: {} of {} strong phrases backed by two labelled sites; {} not yet (ceiling {UNBACKED_STRONG_CEILING})",
        strong.len() - unbacked.len(),
        strong.len(),
        unbacked.len()
    );
    assert!(
        unbacked.len() <= UNBACKED_STRONG_CEILING,
        "{} strong phrases lack two labelled sites (ceiling {UNBACKED_STRONG_CEILING}): a new strong phrase needs fixtures:\n{}",
        unbacked.len(),
        unbacked.join(", ")
    );
}
