//! Plain text: one line per block, whitespace collapsed inside lines.

use super::walk::{walk, Event};
use crate::classify::blocks::is_inline;
use crate::snapshot::{NodeId, Snapshot};

pub fn render(s: &Snapshot, roots: &[NodeId], skip: impl Fn(NodeId) -> bool) -> String {
    let mut lines = Lines::default();
    walk(s, roots, skip, |e| match e {
        Event::Text(t) => lines.push(t),
        Event::Enter(_, "br") => lines.flush(),
        Event::Enter(_, tag) | Event::Leave(_, tag) => {
            if !is_inline(tag) {
                lines.flush();
            }
        }
    });
    lines.finish()
}

#[derive(Default)]
pub struct Lines {
    out: String,
    line: String,
}

impl Lines {
    pub fn push(&mut self, text: &str) {
        for (i, word) in text.split(char::is_whitespace).enumerate() {
            if i > 0 && !self.line.ends_with(' ') {
                self.line.push(' ');
            }
            self.line.push_str(word);
        }
    }

    pub fn flush(&mut self) {
        let line = self.line.trim();
        if !line.is_empty() {
            let collapsed = crate::classify::text::collapse_whitespace(line);
            self.out.push_str(&collapsed);
            self.out.push('\n');
        }
        self.line.clear();
    }

    pub fn finish(mut self) -> String {
        self.flush();
        if self.out.ends_with('\n') {
            self.out.pop();
        }
        self.out
    }
}
