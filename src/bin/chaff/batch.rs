//! Reading pages from files or standard input, many at once.

use std::io::{IsTerminal, Read};

use chaff::output::links::Base;
use chaff::page::Page;
use rayon::prelude::*;

pub fn read(path: &str) -> Result<Vec<u8>, String> {
    if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return gunzip_if_gzip(bytes)
            .map_err(|e| format!("cannot read standard input: not valid gzip: {}", plain(&e)));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {}", plain(&e)))?;
    gunzip_if_gzip(bytes).map_err(|e| format!("cannot read {path}: not valid gzip: {}", plain(&e)))
}

/// Pages stored gzip-compressed (as benchmark corpora store them) are
/// recognised by their magic bytes, whatever the file is called. A page that
/// would unpack past the size limit stops there (a small bomb cannot fill
/// memory); `Page::from_bytes` then refuses it as too large.
fn gunzip_if_gzip(bytes: Vec<u8>) -> std::io::Result<Vec<u8>> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes);
    }
    let limit = chaff::page::MAX_BYTES as u64 + 1;
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(4).min(limit as usize));
    flate2::read::MultiGzDecoder::new(&bytes[..])
        .take(limit)
        .read_to_end(&mut out)?;
    Ok(out)
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

/// The base for relative links on `page` fetched from `url` (checked to be
/// absolute when the arguments were parsed).
pub fn base(page: &Page, url: Option<&str>) -> Result<Option<Base>, String> {
    url.map(|u| Base::for_page(&page.snapshot, u).map_err(|e| format!("--url {u}: {e}")))
        .transpose()
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
