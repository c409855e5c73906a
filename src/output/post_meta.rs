//! Lines that file a post rather than tell it: "This entry was posted in …
//! Bookmark the permalink.", "Tags: …", "Categories: …". Set after the
//! article's last paragraph of running text, they are left out of
//! `articleBody`; in the page they stay, as part of the article (they are
//! not chrome).

use super::walk::{walk, Event};
use crate::classify::blocks::is_inline;
use crate::classify::text::collapsed_len;
use crate::snapshot::{NodeId, Snapshot};

/// How a filing line opens (lower case). English only: the dev corpora hold
/// too few such lines in other languages to check any there.
const OPENINGS: &[&str] = &[
    "this entry was posted",
    "posted in ",
    "tags:",
    "tag:",
    "tagged ",
    "tagged:",
    "categories:",
    "category:",
];

/// A line this long, with a sentence in it, is running text.
const RUNNING_TEXT_MIN_CHARS: u32 = 120;

fn files_the_post(line: &str) -> bool {
    // The opening, lower case, whitespace collapsed; the longest is 21
    // characters.
    let mut start = String::new();
    for c in line.trim_start().chars() {
        if start.len() >= 24 {
            break;
        }
        if !c.is_whitespace() {
            start.push(crate::classify::text::lower_char(c));
        } else if !start.ends_with(' ') {
            start.push(' ');
        }
    }
    OPENINGS.iter().any(|o| start.starts_with(o))
}

fn visible_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// The elements, each holding one filing line and nothing else, that come
/// after the last line of running text under `roots` (less what `skip`
/// leaves out).
pub fn after_the_text(
    s: &Snapshot,
    roots: &[NodeId],
    skip: impl Fn(NodeId) -> bool,
) -> Vec<NodeId> {
    // Each line of text, with the innermost block element open where it
    // began.
    let mut lines: Vec<(Option<NodeId>, String)> = Vec::new();
    let mut open: Vec<NodeId> = Vec::new();
    let mut line = (None, String::new());
    let flush = |line: &mut (Option<NodeId>, String), lines: &mut Vec<_>| {
        if !line.1.trim().is_empty() {
            lines.push(std::mem::take(line));
        }
        line.1.clear();
    };
    walk(s, roots, skip, |e| match e {
        Event::Text(t) => {
            if line.1.trim().is_empty() {
                line.0 = open.last().copied();
            }
            line.1.push_str(t);
        }
        Event::Enter(id, tag) if !is_inline(tag) => {
            flush(&mut line, &mut lines);
            open.push(id);
        }
        Event::Leave(_, tag) if !is_inline(tag) => {
            flush(&mut line, &mut lines);
            open.pop();
        }
        Event::Enter(_, "br") => flush(&mut line, &mut lines),
        _ => {}
    });
    flush(&mut line, &mut lines);
    // A filing line links its categories or tags, and its element holds
    // nothing else; a paragraph that opens "Tagged as a risk, …" does not.
    let files = |owner: Option<NodeId>, t: &str| {
        owner.is_some_and(|o| {
            files_the_post(t)
                && s.subtree(o).any(|d| s.node(d).tag() == "a")
                && s.subtree(o)
                    .filter_map(|d| s.node(d).text())
                    .map(visible_chars)
                    .sum::<usize>()
                    <= visible_chars(t)
        })
    };
    let is_running_text = |owner, t: &str| {
        collapsed_len(t) >= RUNNING_TEXT_MIN_CHARS
            && (t.contains(". ") || t.trim_end().ends_with('.'))
            && !files(owner, t)
    };
    let Some(last) = lines.iter().rposition(|(o, t)| is_running_text(*o, t)) else {
        return Vec::new();
    };
    lines[last + 1..]
        .iter()
        .filter(|(o, t)| files(*o, t))
        .filter_map(|(o, _)| *o)
        .collect()
}

#[cfg(all(test, feature = "html"))]
mod tests {
    use super::*;
    use crate::adapter::html::parse_str;

    const PROSE: &str = "The council voted on Tuesday to rebuild the harbour wall, which storms have breached twice this winter, and work will start in the spring, the mayor said.";

    fn found(body: &str) -> Vec<String> {
        let s = parse_str(&format!(
            "<html><body><article>{body}</article></body></html>"
        ));
        let root = s.find_tag("article").unwrap();
        after_the_text(&s, &[root], |_| false)
            .into_iter()
            .map(|id| s.subtree(id).filter_map(|d| s.node(d).text()).collect())
            .collect()
    }

    #[test]
    fn filing_lines_after_the_last_paragraph_are_found() {
        let lines = found(&format!(
            "<p>{PROSE}</p><p>{PROSE}</p><div class=\"meta\">This entry was posted in \
             <a href=\"/c/news\">News</a>. Bookmark the <a href=\"/p\">permalink</a>.</div>\
             <p>Tagged\n      <a href=\"/t/harbour\">harbour</a>, <a href=\"/t/storms\">storms</a></p>"
        ));
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[0].starts_with("This entry was posted"), "{lines:?}");
    }

    #[test]
    fn lines_before_the_text_or_sharing_an_element_with_it_stay() {
        // A data line among paragraphs ("Category: Drama") is content, and
        // so is a filing line inside the paragraph's own element, and a
        // closing paragraph that opens like one but links nothing.
        let lines = found(&format!(
            "<p>Category: <a href=\"/c/drama\">Drama</a></p><p>{PROSE}</p><p>{PROSE}</p>\
             <div><p>{PROSE}</p>Tagged <a href=\"/t/harbour\">harbour</a></div>\
             <p>Tagged as a risk by the engineers, the wall will be rebuilt first.</p>"
        ));
        assert!(lines.is_empty(), "{lines:?}");
    }
}
