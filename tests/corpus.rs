//! The development corpus bar: `chaff eval` on Readability's test pages must
//! reach F1 >= 0.95 and recall >= 0.95. The corpus lives outside the repo
//! (../shared/corpus/readability); without it this test says so and passes,
//! except under CI, where a missing corpus is a failure.

use std::process::Command;

mod common;

#[test]
fn readability_corpus_meets_the_bar() {
    let Some(corpus) = common::shared("corpus/readability") else {
        return;
    };
    let out = Command::new(env!("CARGO_BIN_EXE_chaff"))
        .arg("eval")
        .arg(&corpus)
        .output()
        .expect("run chaff eval");
    assert!(
        out.status.success(),
        "chaff eval failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let last = stdout.lines().last().expect("a summary line");
    eprintln!("{last}");
    let field = |name: &str| -> f64 {
        last.split_whitespace()
            .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("no {name}= in '{last}'"))
    };
    assert_eq!(field("pages"), 130.0, "{last}");
    assert!(field("F1") >= 0.95, "{last}");
    assert!(field("recall") >= 0.95, "{last}");
}

/// On real pages, what the extension hides must not be the article: for
/// every corpus page, the share of the expected article's shingles that lie
/// in hidden blocks.
#[test]
fn hidden_blocks_hold_almost_none_of_the_article_on_real_pages() {
    use chaff::adapter::html::parse_bytes;
    let Some(corpus) = common::shared("corpus/readability") else {
        return;
    };
    let mut shares = Vec::new();
    for entry in std::fs::read_dir(&corpus).expect("corpus").flatten() {
        let (source, expected) = (
            entry.path().join("source.html"),
            entry.path().join("expected.html"),
        );
        let (Ok(source), Ok(expected)) = (std::fs::read(source), std::fs::read(expected)) else {
            continue;
        };
        let e = parse_bytes(&expected);
        let body: Vec<u32> = e.find_tag("body").into_iter().collect();
        let article = chaff::output::text::render(&e, &body, |_| false);
        let s = parse_bytes(&source);
        let c = chaff::classify::classify(&s);
        let share = chaff::eval::score(&hidden_and_shown_text(&s, &c).0, &article).recall;
        shares.push((share, entry.file_name().to_string_lossy().into_owned()));
    }
    shares.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mean = shares.iter().map(|s| s.0).sum::<f64>() / shares.len() as f64;
    eprintln!(
        "article hidden: mean {:.2}%, worst {:?}",
        mean * 100.0,
        &shares[..3]
    );
    assert!(shares.len() >= 130);
    assert!(
        shares[0].0 <= 0.10,
        "{} has {:.1}% of its article hidden",
        shares[0].1,
        shares[0].0 * 100.0
    );
    assert!(
        mean <= 0.01,
        "mean {:.2}% of the article hidden",
        mean * 100.0
    );
}

/// The same on the benchmark corpora: per page, the share of the gold
/// text's shingles that lie in blocks the extension hides, and the share
/// cleaning leaves invisible (`left_invisible`). Prints, per corpus, the
/// mean shares and the pages that lose more than 5% (for `modern`, also the
/// pages that are not articles) and the pages whose headline is hidden, and
/// holds them at the measured figures. With `CHAFF_REPORT_PAGES` set it
/// prints every page's shares too.
#[test]
fn hidden_blocks_on_the_benchmark_corpora() {
    use chaff::adapter::charset::decode;
    use std::io::Read;
    // (corpus, most pages losing > 5% to hidden blocks, most such pages
    // that are not articles, most pages left without > 5% of their text,
    // most pages whose headline is hidden)
    let ceilings = [
        ("modern", 8, 7, 7, HEADLINES_HIDDEN_MODERN),
        ("dragnet", 52, 0, 16, HEADLINES_HIDDEN_DRAGNET),
        ("cleaneval", 8, 0, 7, HEADLINES_HIDDEN_CLEANEVAL),
    ];
    // Every page's share, for comparing two builds page by page.
    let report_pages = std::env::var("CHAFF_REPORT_PAGES").is_ok();
    let mut failures = Vec::new();
    for (name, ceiling, other_ceiling, invisible_ceiling, headline_ceiling) in ceilings {
        let Some(dir) = common::shared(&format!("corpus/{name}")) else {
            continue;
        };
        let truth: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("ground-truth.json")).expect("truth"))
                .expect("json");
        let truth = truth.as_object().expect("object");
        let (mut pages, mut sum, mut losing, mut losing_other, mut others) = (0, 0.0, 0, 0, 0);
        let (mut invisible_sum, mut invisible_losing) = (0.0, 0);
        let mut worst = Vec::new();
        let mut headlines_hidden = Vec::new();
        for (id, entry) in truth {
            let Some(gold) = entry["articleBody"].as_str() else {
                continue;
            };
            let Ok(gz) = std::fs::read(dir.join("html").join(format!("{id}.html.gz"))) else {
                continue;
            };
            let mut bytes = Vec::new();
            flate2::read::GzDecoder::new(&gz[..])
                .read_to_end(&mut bytes)
                .expect("gzip");
            let s = chaff::adapter::html::parse_str(&decode(&bytes).0);
            let c = chaff::classify::classify(&s);
            let (hidden, shown) = hidden_and_shown_text(&s, &c);
            if headline_hidden(&s, &c, &hidden) {
                headlines_hidden.push(id.clone());
            }
            let share = chaff::eval::score(&hidden, gold).recall;
            let invisible = left_invisible(&hidden, &shown, gold);
            if report_pages {
                eprintln!("hidden-share {name} {id} {share:.5} {invisible:.5}");
            }
            invisible_sum += invisible;
            invisible_losing += usize::from(invisible > 0.05);
            let article = matches!(entry["type"].as_str(), None | Some("article" | "blog"));
            pages += 1;
            sum += share;
            others += usize::from(!article);
            if share > 0.05 {
                losing += 1;
                losing_other += usize::from(!article);
                worst.push((share, id.clone()));
            }
        }
        worst.sort_by(|a, b| b.0.total_cmp(&a.0));
        worst.truncate(5);
        eprintln!(
            "{name}: article hidden, mean {:.4}% over {pages} pages; {losing} pages lose more than 5%{}; worst {worst:?}",
            sum / pages as f64 * 100.0,
            if others > 0 { format!(" ({losing_other} of the {others} that are not articles)") } else { String::new() },
        );
        eprintln!(
            "{name}: article left invisible (hidden, fewer copies shown than the gold holds), mean {:.4}%; {invisible_losing} pages lose more than 5%",
            invisible_sum / pages as f64 * 100.0,
        );
        eprintln!(
            "{name}: headline hidden on {} pages {headlines_hidden:?}",
            headlines_hidden.len()
        );
        // Every corpus is reported before any ceiling fails.
        if headlines_hidden.len() > headline_ceiling {
            failures.push(format!(
                "{name}: the headline is hidden on {} pages (at most {headline_ceiling})",
                headlines_hidden.len()
            ));
        }
        if losing > ceiling {
            failures.push(format!(
                "{name}: {losing} pages lose more than 5% of their text (at most {ceiling})"
            ));
        }
        if invisible_losing > invisible_ceiling {
            failures.push(format!(
                "{name}: {invisible_losing} pages are left without more than 5% of their text (at most {invisible_ceiling})"
            ));
        }
        if losing_other > other_ceiling {
            failures.push(format!(
                "{name}: {losing_other} non-article pages lose more than 5% (at most {other_ceiling})"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// Pages whose headline cleaning hides: none (issue 9's bar).
const HEADLINES_HIDDEN_MODERN: usize = 0;
const HEADLINES_HIDDEN_DRAGNET: usize = 0;
const HEADLINES_HIDDEN_CLEANEVAL: usize = 0;

/// Whether cleaning hides the page's headline: every shown `<h1>` whose
/// text is at least half of the page's `<title>` or `og:title` and within
/// it, or holds it (a site's name or a "Top stories" heading may be an
/// `<h1>` too, and a "latest posts" list may repeat the headline), lies in a hidden block, or, on a
/// page with no such `<h1>`, a hidden block holds the whole `og:title` (a
/// title the page does not show is never hidden).
fn headline_hidden(s: &chaff::Snapshot, c: &chaff::Classification, hidden: &str) -> bool {
    // Letters and digits only: a title's straight quote is a curly one in
    // the page.
    let words = |t: &str| {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let text_of = |id| {
        words(
            &s.subtree(id)
                .filter_map(|d| s.node(d).text())
                .collect::<String>(),
        )
    };
    let og_title = s
        .nodes
        .iter()
        .find(|n| n.tag() == "meta" && n.attr("property") == Some("og:title"))
        .and_then(|n| n.attr("content"))
        .map(words);
    let titles: Vec<String> = s
        .find_tag("title")
        .map(text_of)
        .into_iter()
        .chain(og_title.clone())
        .filter(|t| !t.is_empty())
        .collect();
    let shown = |id: u32| {
        std::iter::once(id)
            .chain(s.ancestors(id))
            .all(|a| chaff::classify::article::is_probably_visible(s.node(a)))
    };
    let headlines: Vec<u32> = (0..s.len() as u32)
        .filter(|&id| {
            let text = text_of(id);
            s.node(id).tag() == "h1"
                && text.len() >= 3
                && shown(id)
                && titles.iter().any(|t| {
                    text.contains(t.as_str()) || (t.contains(&text) && 2 * text.len() >= t.len())
                })
        })
        .collect();
    let hidden_block = |h: u32| {
        c.blocks.iter().any(|b| {
            (b.node == h || s.is_ancestor(b.node, h))
                && chaff::policy::is_hidden(b.label, s.node(b.node).tag(), |l| {
                    l.hidden_by_default()
                })
        })
    };
    if headlines.is_empty() {
        // Hidden where every copy of it on the page is.
        let page = s.find_tag("body").map(text_of).unwrap_or_default();
        og_title.is_some_and(|t| {
            t.len() >= 10
                && page.contains(&t)
                && words(hidden).matches(t.as_str()).count() >= page.matches(t.as_str()).count()
        })
    } else {
        headlines.into_iter().all(hidden_block)
    }
}

/// The text of every block the extension hides by default, one per line,
/// and the text of the rest of the page's body.
fn hidden_and_shown_text(s: &chaff::Snapshot, c: &chaff::Classification) -> (String, String) {
    let hidden_blocks = c.blocks.iter().filter(|b| {
        chaff::policy::is_hidden(b.label, s.node(b.node).tag(), |l| l.hidden_by_default())
    });
    let mut in_hidden = vec![false; s.len()];
    let mut hidden = Vec::new();
    for b in hidden_blocks {
        let mut text = Vec::new();
        for d in s.subtree(b.node) {
            in_hidden[d as usize] = true;
            text.extend(s.node(d).text());
        }
        hidden.push(text.join(" "));
    }
    let shown: Vec<&str> = (s.find_tag("body").into_iter())
        .flat_map(|body| s.subtree(body))
        .filter(|&id| !in_hidden[id as usize])
        .filter_map(|id| s.node(id).text())
        .collect();
    (hidden.join("\n"), shown.join(" "))
}

/// The share of the gold text's shingles that cleaning leaves invisible:
/// hidden, with fewer copies shown elsewhere on the page than the gold
/// holds. A blog's "Popular posts" that repeat the post's title and teaser
/// hide a copy of the post, not the post.
fn left_invisible(hidden: &str, shown: &str, gold: &str) -> f64 {
    use chaff::eval::shingles;
    let (hidden, shown, gold) = (shingles(hidden), shingles(shown), shingles(gold));
    let count = |m: &std::collections::HashMap<Vec<String>, u32>, k| m.get(k).copied().unwrap_or(0);
    let lost: u32 = (hidden.iter())
        .map(|(k, &n)| {
            let (g, v) = (count(&gold, k), count(&shown, k));
            g.min(n + v) - g.min(v)
        })
        .sum();
    lost as f64 / gold.values().sum::<u32>().max(1) as f64
}
