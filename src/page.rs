//! One page through the whole pipeline, natively: bytes in, actions out.

use std::time::{Duration, Instant};

use crate::adapter::{charset, html};
use crate::classify::{classify, Classification};
use crate::output::{self, Extract};
use crate::snapshot::Snapshot;

pub struct Page {
    pub snapshot: Snapshot,
    pub classification: Classification,
}

#[derive(Debug)]
pub enum PageError {
    Binary,
    /// The page's size in bytes, and the limit it is over.
    TooLarge(usize, usize),
    /// The parsed page's node count, and the limit it is over.
    TooManyNodes(usize, usize),
    /// The time limit, and the stage that ended past it.
    OutOfTime(Duration, &'static str),
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageError::Binary => write!(f, "not an HTML page (binary data)"),
            PageError::TooLarge(n, MAX_BYTES) => {
                write!(f, "page of {n} bytes is over the 1 GiB limit")
            }
            PageError::TooLarge(n, max) => {
                write!(f, "page of {n} bytes is over the limit of {max} bytes")
            }
            PageError::TooManyNodes(n, max) => {
                write!(f, "page of {n} nodes is over the limit of {max} nodes")
            }
            PageError::OutOfTime(limit, stage) => write!(
                f,
                "page took over the time limit of {:.3} s (ran out while {stage})",
                limit.as_secs_f64()
            ),
        }
    }
}

impl std::error::Error for PageError {}

pub const MAX_BYTES: usize = 1 << 30;

/// Per-page limits for bulk work, where one odd page must become an error
/// record rather than hold up a worker.
///
/// The pipeline is linear in the page's size, so `max_bytes` and `max_nodes`
/// bound its time. `max_time` is checked between stages (after parsing,
/// after classifying, and by the caller after rendering with
/// `check_time`): a page past it is refused, and the overshoot is at most
/// one stage, which the two size caps bound.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    pub max_bytes: usize,
    pub max_nodes: usize,
    pub max_time: Option<Duration>,
}

impl Default for Limits {
    /// What `Page::from_bytes` allows: 1 GiB, any node count, no time limit.
    fn default() -> Limits {
        Limits {
            max_bytes: MAX_BYTES,
            max_nodes: usize::MAX,
            max_time: None,
        }
    }
}

impl Limits {
    /// Errs if more than `max_time` has passed since `start`; `stage` names
    /// what was just done, for the message.
    pub fn check_time(&self, start: Instant, stage: &'static str) -> Result<(), PageError> {
        match self.max_time {
            Some(limit) if start.elapsed() > limit => Err(PageError::OutOfTime(limit, stage)),
            _ => Ok(()),
        }
    }
}

impl Page {
    pub fn from_bytes(bytes: &[u8]) -> Result<Page, PageError> {
        Page::from_bytes_within(bytes, &Limits::default(), Instant::now())
    }

    /// Parses and classifies the page unless it breaks `limits`; the time
    /// limit counts from `start`.
    pub fn from_bytes_within(
        bytes: &[u8],
        limits: &Limits,
        start: Instant,
    ) -> Result<Page, PageError> {
        let max_bytes = limits.max_bytes.min(MAX_BYTES);
        if bytes.len() > max_bytes {
            return Err(PageError::TooLarge(bytes.len(), max_bytes));
        }
        if looks_binary(bytes) {
            return Err(PageError::Binary);
        }
        Page::parsed_within(html::parse_bytes(bytes), limits, start)
    }

    /// As `from_bytes_within`, for a page already decoded to text.
    pub fn from_str_within(text: &str, limits: &Limits, start: Instant) -> Result<Page, PageError> {
        let max_bytes = limits.max_bytes.min(MAX_BYTES);
        if text.len() > max_bytes {
            return Err(PageError::TooLarge(text.len(), max_bytes));
        }
        Page::parsed_within(html::parse_str(text), limits, start)
    }

    fn parsed_within(
        snapshot: Snapshot,
        limits: &Limits,
        start: Instant,
    ) -> Result<Page, PageError> {
        limits.check_time(start, "parsing")?;
        if snapshot.len() > limits.max_nodes {
            return Err(PageError::TooManyNodes(snapshot.len(), limits.max_nodes));
        }
        let page = Page::from_snapshot(snapshot);
        limits.check_time(start, "classifying")?;
        Ok(page)
    }

    pub fn from_snapshot(snapshot: Snapshot) -> Page {
        let classification = classify(&snapshot);
        Page {
            snapshot,
            classification,
        }
    }

    pub fn extract(&self) -> Extract {
        output::extract(&self.snapshot, &self.classification)
    }

    pub fn extract_with(&self, options: output::ExtractOptions) -> Extract {
        output::extract_with(&self.snapshot, &self.classification, options)
    }
}

/// Binary data has NUL bytes or many control bytes early on, unless a UTF-16
/// byte order mark explains them.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    if head.is_empty() || encoding_rs::Encoding::for_bom(head).is_some() {
        return false;
    }
    if charset::sniff(head).name().starts_with("UTF-16") {
        return false;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x09 || (0x0E..0x1B).contains(&b))
        .count();
    head.contains(&0) || control * 20 > head.len()
}
