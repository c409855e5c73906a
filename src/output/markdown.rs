//! Markdown: headings, paragraphs, lists, quotes, code, links and images.

use super::walk::{walk, Event};
use crate::classify::blocks::is_inline;
use crate::classify::text::collapse_whitespace;
use crate::snapshot::{NodeId, Snapshot};

pub fn render(s: &Snapshot, roots: &[NodeId], skip: impl Fn(NodeId) -> bool) -> String {
    render_with_links(s, roots, skip, &|link| link.to_string())
}

/// As `render`, with every link and image address passed through `link`
/// (to make them absolute, say).
pub fn render_with_links(
    s: &Snapshot,
    roots: &[NodeId],
    skip: impl Fn(NodeId) -> bool,
    link: &dyn Fn(&str) -> String,
) -> String {
    let mut md = Markdown {
        link,
        out: String::new(),
        line: String::new(),
        prefix: Vec::new(),
        lists: Vec::new(),
        pre: 0,
        heading: 0,
    };
    walk(s, roots, skip, |e| match e {
        Event::Text(t) => {
            md.line.push_str(t);
        }
        Event::Enter(id, tag) => md.enter(s, id, tag),
        Event::Leave(id, tag) => md.leave(s, id, tag),
    });
    md.flush();
    md.out.trim_end().to_string()
}

struct Markdown<'l> {
    link: &'l dyn Fn(&str) -> String,
    out: String,
    line: String,
    prefix: Vec<&'static str>,
    lists: Vec<(bool, usize)>,
    pre: usize,
    heading: usize,
}

impl Markdown<'_> {
    fn flush(&mut self) {
        if self.pre > 0 {
            return;
        }
        let text = collapse_whitespace(&self.line);
        self.line.clear();
        if text.is_empty() {
            return;
        }
        let quote: String = self.prefix.concat();
        let head = if self.heading > 0 {
            format!("{} ", "#".repeat(self.heading))
        } else {
            String::new()
        };
        self.out.push_str(&quote);
        self.out.push_str(&head);
        self.out.push_str(&text);
        self.out.push_str("\n\n");
    }

    fn enter(&mut self, s: &Snapshot, id: NodeId, tag: &str) {
        let node = s.node(id);
        match tag {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                self.heading = tag[1..].parse().unwrap_or(2);
            }
            "br" => {
                if self.pre > 0 {
                    self.line.push('\n');
                } else {
                    self.line.push_str("  \n");
                }
            }
            "pre" => {
                self.flush();
                self.pre += 1;
                self.out.push_str("```\n");
            }
            "blockquote" => {
                self.flush();
                self.prefix.push("> ");
            }
            "ul" | "ol" => {
                self.flush();
                self.lists.push((tag == "ol", 0));
            }
            "li" => {
                self.flush();
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some((true, n)) => {
                        *n += 1;
                        format!("{}. ", n)
                    }
                    _ => "- ".to_string(),
                };
                self.line.push_str(&"  ".repeat(depth));
                self.line.push_str(&marker);
            }
            "a" if self.pre == 0 => self.line.push('['),
            "strong" | "b" if self.pre == 0 => self.line.push_str("**"),
            "em" | "i" if self.pre == 0 => self.line.push('_'),
            "code" if self.pre == 0 => self.line.push('`'),
            "img" => {
                let alt = node.attr("alt").unwrap_or("");
                if let Some(src) = node.attr("src") {
                    self.line
                        .push_str(&format!("![{}]({})", alt, (self.link)(src)));
                }
            }
            _ if !is_inline(tag) => self.flush(),
            _ => {}
        }
    }

    fn leave(&mut self, s: &Snapshot, id: NodeId, tag: &str) {
        match tag {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                self.heading = 0;
            }
            "pre" => {
                self.pre = self.pre.saturating_sub(1);
                let code = std::mem::take(&mut self.line);
                self.out.push_str(code.trim_end_matches('\n'));
                self.out.push_str("\n```\n\n");
            }
            "blockquote" => {
                self.flush();
                self.prefix.pop();
            }
            "ul" | "ol" => {
                self.flush();
                self.lists.pop();
            }
            "a" if self.pre == 0 => match s.node(id).attr("href") {
                Some(href) if !href.starts_with('#') && !href.starts_with("javascript:") => {
                    self.line.push_str(&format!("]({})", (self.link)(href)));
                }
                _ => {
                    if let Some(at) = self.line.rfind('[') {
                        self.line.remove(at);
                    }
                }
            },
            "strong" | "b" if self.pre == 0 => self.line.push_str("**"),
            "em" | "i" if self.pre == 0 => self.line.push('_'),
            "code" if self.pre == 0 => self.line.push('`'),
            _ if !is_inline(tag) => self.flush(),
            _ => {}
        }
    }
}
