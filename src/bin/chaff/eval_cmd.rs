use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chaff::eval::{f1, score, Score};
use chaff::output::text;
use chaff::page::Page;

use crate::args::{EvalArgs, Failure, TableFormat};
use crate::batch;

struct Case {
    name: String,
    source: PathBuf,
    expected: Expected,
}

enum Expected {
    Html(PathBuf),
    Text(String),
}

pub fn run(args: &EvalArgs) -> Result<ExitCode, Failure> {
    let dir = Path::new(&args.dir);
    let cases = cases(dir).map_err(Failure::Io)?;
    if cases.is_empty() {
        return Err(Failure::Io(format!(
            "{}: no pages found (expected DIR/*/source.html + expected.html, or DIR/html/*.html + DIR/ground-truth.json)",
            dir.display()
        )));
    }
    let names: Vec<String> = (0..cases.len()).map(|i| i.to_string()).collect();
    let scored = batch::map(&names, |i| {
        let case = &cases[i.parse::<usize>().expect("index")];
        score_case(case)
    });
    let mut rows: Vec<(&str, Score)> = Vec::new();
    for (case, result) in cases.iter().zip(scored) {
        match result {
            Ok(s) => rows.push((&case.name, s)),
            Err(e) => return Err(Failure::Io(e)),
        }
    }
    rows.sort_by(|a, b| a.1.f1().total_cmp(&b.1.f1()).then(a.0.cmp(b.0)));
    let n = rows.len() as f64;
    let precision = rows.iter().map(|r| r.1.precision).sum::<f64>() / n;
    let recall = rows.iter().map(|r| r.1.recall).sum::<f64>() / n;
    if args.format == TableFormat::Json {
        let pages: Vec<_> = rows
            .iter()
            .map(|(name, s)| serde_json::json!({"page": name, "f1": s.f1(), "precision": s.precision, "recall": s.recall}))
            .collect();
        let doc = serde_json::json!({"f1": f1(precision, recall), "precision": precision, "recall": recall, "pages": pages});
        println!(
            "{}",
            serde_json::to_string_pretty(&doc).expect("serialisable")
        );
        return Ok(ExitCode::SUCCESS);
    } else {
        println!("{:>6} {:>6} {:>6}  page", "F1", "prec", "recall");
        for (name, s) in &rows {
            println!(
                "{:>6.3} {:>6.3} {:>6.3}  {name}",
                s.f1(),
                s.precision,
                s.recall
            );
        }
    }
    println!(
        "F1={:.3} precision={:.3} recall={:.3} pages={}",
        f1(precision, recall),
        precision,
        recall,
        rows.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn score_case(case: &Case) -> Result<Score, String> {
    let predicted = match batch::read(&case.source.to_string_lossy()) {
        Ok(bytes) => Page::from_bytes(&bytes)
            .map(|p| p.extract().article_body)
            .unwrap_or_default(),
        Err(e) => return Err(e),
    };
    let expected = match &case.expected {
        Expected::Text(t) => t.clone(),
        Expected::Html(path) => {
            let bytes = batch::read(&path.to_string_lossy())?;
            let s = chaff::adapter::html::parse_bytes(&bytes);
            let body: Vec<u32> = s.find_tag("body").into_iter().collect();
            text::render(&s, &body, |_| false)
        }
    };
    Ok(score(&predicted, &expected))
}

fn cases(dir: &Path) -> Result<Vec<Case>, String> {
    let read_dir =
        |d: &Path| std::fs::read_dir(d).map_err(|e| format!("cannot read {}: {e}", d.display()));
    let mut cases = Vec::new();
    let html_dir = dir.join("html");
    if html_dir.is_dir() {
        let truth_path = dir.join("ground-truth.json");
        let truth: serde_json::Value = serde_json::from_slice(
            &std::fs::read(&truth_path)
                .map_err(|e| format!("cannot read {}: {e}", truth_path.display()))?,
        )
        .map_err(|e| format!("{}: {e}", truth_path.display()))?;
        for entry in read_dir(&html_dir)? {
            let path = entry.map_err(|e| e.to_string())?.path();
            let Some(stem) = page_id(&path) else {
                continue;
            };
            if let Some(body) = truth
                .get(&stem)
                .and_then(|t| t.get("articleBody"))
                .and_then(|b| b.as_str())
            {
                cases.push(Case {
                    name: stem,
                    source: path,
                    expected: Expected::Text(body.to_string()),
                });
            }
        }
    } else {
        for entry in read_dir(dir)? {
            let path = entry.map_err(|e| e.to_string())?.path();
            let (source, expected) = (path.join("source.html"), path.join("expected.html"));
            if source.is_file() && expected.is_file() {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                cases.push(Case {
                    name,
                    source,
                    expected: Expected::Html(expected),
                });
            }
        }
    }
    cases.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(cases)
}

/// `html/<id>.html.gz` or `html/<id>.html` -> `<id>`.
fn page_id(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let name = name.strip_suffix(".gz").unwrap_or(name);
    let id = name
        .strip_suffix(".html")
        .or_else(|| name.strip_suffix(".htm"))?;
    Some(id.to_string())
}
