//! Reading pages from files or standard input, many at once.

use std::io::{IsTerminal, Read};

use chaff::page::Page;
use rayon::prelude::*;

pub fn read(path: &str) -> Result<Vec<u8>, String> {
    if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(bytes);
    }
    std::fs::read(path).map_err(|e| format!("cannot read {path}: {}", plain(&e)))
}

fn plain(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

pub fn load(path: &str) -> Result<Page, String> {
    let bytes = read(path)?;
    Page::from_bytes(&bytes).map_err(|e| format!("{path}: {e}"))
}

/// Runs `work` on every file on all cores, with a progress bar on a terminal,
/// and returns results in the order given.
pub fn map<T: Send>(files: &[String], work: impl Fn(&str) -> T + Sync) -> Vec<T> {
    let bar = (files.len() > 1 && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(files.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{bar:40} {pos}/{len} pages, {per_sec}, eta {eta}",
            )
            .expect("valid template"),
        );
        bar
    });
    let out = files
        .par_iter()
        .map(|f| {
            let r = work(f);
            if let Some(b) = &bar {
                b.inc(1);
            }
            r
        })
        .collect();
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    out
}
