use std::io::Write;
use std::process::ExitCode;

use chaff::output::{self, html, markdown};
use chaff::page::Page;

use crate::args::{Args, Failure};
use crate::batch;

pub fn run(args: &Args) -> Result<ExitCode, Failure> {
    let format = args.format(&["text", "json", "markdown", "html", "jsonl"], "text")?;
    let files = &args.positional;
    if files.is_empty() {
        return Err(Failure::Usage("extract needs at least one FILE".into()));
    }
    let lines = files.len() > 1 || format == "jsonl";
    let results = batch::map(files, |path| {
        batch::load(path).map(|page| render(&page, path, &format, lines))
    });
    let mut stdout = std::io::stdout().lock();
    let (mut failed, mut empty) = (false, false);
    for (path, result) in files.iter().zip(results) {
        match result {
            Ok((text, found)) => {
                empty |= !found;
                if !found {
                    eprintln!("chaff: {path}: no article found");
                }
                if !text.is_empty() && writeln!(stdout, "{text}").is_err() {
                    return Ok(ExitCode::from(1));
                }
            }
            Err(e) => {
                failed = true;
                eprintln!("chaff: {e}");
                if lines {
                    let line = serde_json::json!({ "file": path, "error": e });
                    let _ = writeln!(stdout, "{line}");
                }
            }
        }
    }
    Ok(match (failed, empty) {
        (true, _) => ExitCode::from(1),
        (false, true) => ExitCode::from(3),
        _ => ExitCode::SUCCESS,
    })
}

/// The page in the chosen format, and whether an article was found.
fn render(page: &Page, path: &str, format: &str, lines: bool) -> (String, bool) {
    let e = page.extract();
    let found = !e.article_body.is_empty();
    let (s, c) = (&page.snapshot, &page.classification);
    let roots = output::article_roots(c);
    let skip = |id| output::is_left_out(c, id);
    let text = if lines {
        serde_json::json!({ "file": path, "title": e.title, "byline": e.byline, "articleBody": e.article_body })
            .to_string()
    } else {
        match format {
            "json" => serde_json::to_string_pretty(&e).expect("serialisable"),
            "markdown" => {
                let body = markdown::render(s, &roots, skip);
                if e.title.is_empty() {
                    body
                } else {
                    format!("# {}\n\n{}", e.title, body)
                }
            }
            "html" => html::render(s, &roots, skip),
            _ => e.article_body,
        }
    };
    (text, found)
}
