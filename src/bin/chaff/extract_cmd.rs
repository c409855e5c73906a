use std::io::Write;
use std::process::ExitCode;

use chaff::output::links::Base;
use chaff::output::{self, html, markdown};
use chaff::page::Page;

use crate::args::{ExtractArgs, ExtractFormat, Failure};
use crate::batch;

pub fn run(args: &ExtractArgs) -> Result<ExitCode, Failure> {
    let format = args.format;
    let files = &args.files;
    let lines = files.len() > 1 || format == ExtractFormat::Jsonl;
    let results = batch::map(files, |path| {
        let page = batch::load(path)?;
        let base = batch::base(&page, args.url.as_deref())?;
        Ok::<_, String>(render(
            &page,
            path,
            format,
            lines,
            base.as_ref(),
            args.captions,
        ))
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
fn render(
    page: &Page,
    path: &str,
    format: ExtractFormat,
    lines: bool,
    base: Option<&Base>,
    captions: bool,
) -> (String, bool) {
    let options = output::ExtractOptions { captions };
    let e = page.extract_with(options);
    let found = !e.article_body.is_empty();
    let (s, c) = (&page.snapshot, &page.classification);
    let body = output::Body::new(s, c, options);
    let (roots, skip) = (body.roots(), |id| body.skips(id));
    let text = if lines {
        serde_json::json!({
            "file": path, "title": e.title, "byline": e.byline, "date": e.date,
            "articleBody": e.article_body,
        })
        .to_string()
    } else {
        match format {
            ExtractFormat::Json => serde_json::to_string_pretty(&e).expect("serialisable"),
            ExtractFormat::Markdown => {
                let body = markdown::render_with_links(s, roots, skip, &|link| match base {
                    Some(b) => b.resolve(link).into_owned(),
                    None => link.to_string(),
                });
                if e.title.is_empty() {
                    body
                } else {
                    format!("# {}\n\n{}", e.title, body)
                }
            }
            ExtractFormat::Html => {
                html::render_with_attrs(s, roots, skip, &|name, value| match base {
                    Some(b) => b.resolve_attribute(name, value).into_owned(),
                    None => value.to_string(),
                })
            }
            ExtractFormat::Text | ExtractFormat::Jsonl => e.article_body,
        }
    };
    (text, found)
}
