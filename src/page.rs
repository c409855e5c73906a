//! One page through the whole pipeline, natively: bytes in, actions out.

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
    TooLarge(usize),
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageError::Binary => write!(f, "not an HTML page (binary data)"),
            PageError::TooLarge(n) => write!(f, "page of {n} bytes is over the 1 GiB limit"),
        }
    }
}

impl std::error::Error for PageError {}

pub const MAX_BYTES: usize = 1 << 30;

impl Page {
    pub fn from_bytes(bytes: &[u8]) -> Result<Page, PageError> {
        if bytes.len() > MAX_BYTES {
            return Err(PageError::TooLarge(bytes.len()));
        }
        if looks_binary(bytes) {
            return Err(PageError::Binary);
        }
        Ok(Page::from_snapshot(html::parse_bytes(bytes)))
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
