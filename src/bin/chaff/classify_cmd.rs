use std::io::Write;
use std::process::ExitCode;

use chaff::label::Label;
use chaff::output::clean::clean_with_attrs;
use chaff::page::Page;

use crate::args::{ClassifyArgs, CleanArgs, Failure, TableFormat};
use crate::batch;

pub fn run(args: &ClassifyArgs) -> Result<ExitCode, Failure> {
    let path = args.file.as_str();
    let page = batch::load(path).map_err(Failure::Io)?;
    let rows = rows(&page);
    let out = if args.format == TableFormat::Json {
        let counts: std::collections::BTreeMap<&str, usize> = Label::ALL
            .iter()
            .map(|l| (l.name(), rows.iter().filter(|r| r.label == *l).count()))
            .filter(|(_, n)| *n > 0)
            .collect();
        let doc = serde_json::json!({
            "file": path,
            "title": page.classification.metadata.title,
            "counts": counts,
            "blocks": rows.iter().map(|r| serde_json::json!({
                "node": r.node, "tag": r.tag, "label": r.label, "confidence": r.confidence,
                "reason": r.reason, "text": r.text,
            })).collect::<Vec<_>>(),
        });
        serde_json::to_string_pretty(&doc).expect("serialisable")
    } else {
        table(&rows)
    };
    let _ = writeln!(std::io::stdout().lock(), "{out}");
    Ok(ExitCode::SUCCESS)
}

pub fn clean(args: &CleanArgs) -> Result<ExitCode, Failure> {
    let path = args.file.as_str();
    let hide: Vec<Label> = match &args.hide {
        None => Label::ALL
            .into_iter()
            .filter(|l| l.hidden_by_default())
            .collect(),
        Some(kinds) => kinds.0.clone(),
    };
    let page = batch::load(path).map_err(Failure::Io)?;
    let base = batch::base(&page, args.url.as_deref()).map_err(Failure::Io)?;
    let html = clean_with_attrs(
        &page.snapshot,
        &page.classification,
        |l| hide.contains(&l),
        &|name, value| match &base {
            Some(b) => b.resolve_attribute(name, value).into_owned(),
            None => value.to_string(),
        },
    );
    match args.output.as_deref() {
        Some(out) => std::fs::write(out, html)
            .map_err(|e| Failure::Io(format!("cannot write {out}: {e}")))?,
        None => {
            let _ = std::io::stdout().lock().write_all(html.as_bytes());
        }
    }
    Ok(ExitCode::SUCCESS)
}

struct Row {
    node: u32,
    tag: String,
    label: Label,
    confidence: f32,
    reason: String,
    text: String,
}

fn rows(page: &Page) -> Vec<Row> {
    let s = &page.snapshot;
    page.classification
        .blocks
        .iter()
        .map(|b| {
            let text: String = s
                .subtree(b.node)
                .filter_map(|d| s.node(d).text())
                .collect::<Vec<_>>()
                .join(" ");
            Row {
                node: b.node,
                tag: s.node(b.node).tag().to_string(),
                label: b.label,
                confidence: b.confidence,
                reason: b.reason.clone(),
                text: chaff::classify::text::collapse_whitespace(&text),
            }
        })
        .collect()
}

fn table(rows: &[Row]) -> String {
    let mut out = format!(
        "{:>6}  {:<8} {:<10} {:>4}  {:<44} {}\n",
        "node", "tag", "label", "conf", "reason", "text"
    );
    for r in rows {
        out.push_str(&format!(
            "{:>6}  {:<8} {:<10} {:>4.2}  {:<44} {}\n",
            r.node,
            r.tag,
            r.label.name(),
            r.confidence,
            clip(&r.reason, 44),
            clip(&r.text, 60)
        ));
    }
    out.pop();
    out
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let cut: String = s.chars().take(n - 1).collect();
        format!("{cut}…")
    }
}
