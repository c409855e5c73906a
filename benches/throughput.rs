//! Extraction speed on a folder of pages (default: the development corpus):
//! pages/s and MB/s on one thread and on all cores, and per-page latency;
//! then classification alone, the part the extension runs in the page, on
//! snapshots parsed once.
//!
//!   cargo bench --bench throughput [-- DIR]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chaff::page::Page;
use rayon::prelude::*;

fn pages(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n == "source.html")
                || (p.extension().is_some_and(|x| x == "html")
                    && p.parent().is_some_and(|d| d.ends_with("html")))
            {
                if let Ok(bytes) = std::fs::read(&p) {
                    found.push((p, bytes));
                }
            }
        }
    }
    found.sort();
    found
}

fn extract(bytes: &[u8]) -> usize {
    Page::from_bytes(bytes)
        .map(|p| p.extract().article_body.len())
        .unwrap_or(0)
}

fn main() {
    let arg = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let dir = arg.map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/readability")
    });
    let pages = pages(&dir);
    if pages.is_empty() {
        eprintln!(
            "no pages under {} (pass a folder of Readability-style or html/ pages)",
            dir.display()
        );
        return;
    }
    let bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "{} pages, {:.1} MB, from {}",
        pages.len(),
        mb,
        dir.display()
    );

    // Warm up, then repeat until a few seconds have passed.
    for (_, b) in &pages {
        extract(b);
    }
    let mut latencies: Vec<Duration> = Vec::new();
    let start = Instant::now();
    let mut rounds = 0;
    while rounds < 3 || start.elapsed() < Duration::from_secs(3) {
        for (_, b) in &pages {
            let t = Instant::now();
            std::hint::black_box(extract(b));
            latencies.push(t.elapsed());
        }
        rounds += 1;
    }
    let single = start.elapsed().as_secs_f64() / rounds as f64;
    latencies.sort();
    let pct = |q: f64| latencies[((latencies.len() - 1) as f64 * q) as usize].as_secs_f64() * 1e3;

    let threads = rayon::current_num_threads();
    let start = Instant::now();
    for _ in 0..rounds {
        pages.par_iter().for_each(|(_, b)| {
            std::hint::black_box(extract(b));
        });
    }
    let parallel = start.elapsed().as_secs_f64() / rounds as f64;

    println!(
        "one thread:  {:>7.1} pages/s  {:>6.1} MB/s",
        pages.len() as f64 / single,
        mb / single
    );
    println!(
        "{threads} threads:   {:>7.1} pages/s  {:>6.1} MB/s",
        pages.len() as f64 / parallel,
        mb / parallel
    );
    println!(
        "per page:    median {:.2} ms, p90 {:.2} ms, max {:.2} ms",
        pct(0.5),
        pct(0.9),
        pct(1.0)
    );

    let snapshots: Vec<_> = pages
        .iter()
        .map(|(_, b)| chaff::adapter::html::parse_bytes(b))
        .collect();
    let nodes: usize = snapshots.iter().map(|s| s.len()).sum();
    let start = Instant::now();
    let mut rounds = 0;
    while rounds < 3 || start.elapsed() < Duration::from_secs(3) {
        for s in &snapshots {
            std::hint::black_box(chaff::classify(s));
        }
        rounds += 1;
    }
    let per_round = start.elapsed().as_secs_f64() / rounds as f64;
    println!(
        "classify:    {:.3} ms per 1 000 nodes, one thread ({nodes} nodes, parsed once)",
        per_round * 1e6 / nodes as f64
    );
}
