//! A post's comment thread inside the article found: Readability joins a
//! blog post and the thread under it into one article when they share a
//! container, but the thread is the readers' text, not the article's. A
//! container named as a thread that comes after the post's own running text
//! is left out of the article and labelled as comments.

use super::article::{Article, Drop};
use super::blocks::Blocks;
use super::chrome::is_prose;
use super::tuning::Tuning;
use crate::snapshot::{Node, Snapshot};

/// Leading words of the class or id tokens that name a comment thread's
/// container ("comments", "comment-list", "commentbody", "disqus_thread").
const THREAD_WORDS: &[&str] = &[
    "comment",
    "disqus",
    "replies",
    "kommentar",
    "comentario",
    "commenti",
];

/// Tokens that start like a thread's name but mean something else: an
/// opinion piece ("commentary") is an article.
const NOT_THREAD_WORDS: &[&str] = &["commentary"];

/// Whether a class or id token of `node` names a comment thread.
pub(super) fn names_a_thread(node: &Node) -> bool {
    [node.attr("class"), node.attr("id")]
        .into_iter()
        .flatten()
        .flat_map(|v| v.split(|c: char| !c.is_ascii_alphanumeric()))
        .any(|token| {
            let token = token.to_ascii_lowercase();
            THREAD_WORDS.iter().any(|w| token.starts_with(w))
                && !NOT_THREAD_WORDS.iter().any(|w| token.starts_with(w))
        })
}

/// Marks as `Drop::Comments` every thread container in the article (a root
/// itself, when Readability joined the thread to the post as a sibling)
/// that follows at least `tuning.post_min_chars` of the article's own
/// prose (a short post of a sentence or two still comes first).
pub(super) fn leave_out_threads_after_post(
    s: &Snapshot,
    blocks: &Blocks,
    article: &mut Article,
    tuning: &Tuning,
) {
    let mut prose_before = 0;
    for root in article.roots.clone() {
        let end = s.node(root).end;
        let mut id = root;
        while id < end {
            if article.dropped[id as usize] != Drop::Kept {
                id = s.node(id).end;
                continue;
            }
            let node = s.node(id);
            if node.is_element() && prose_before >= tuning.post_min_chars && names_a_thread(node) {
                article.dropped[id as usize] = Drop::Comments;
                id = node.end;
                continue;
            }
            if blocks.owner[id as usize] == id && is_prose(blocks, id, tuning) {
                prose_before += blocks.chars[id as usize];
            }
            id += 1;
        }
    }
}

#[cfg(all(test, feature = "html"))]
mod tests {
    use super::*;
    use crate::classify::{classify, Classification};
    use crate::label::Label;
    use crate::snapshot::{NodeId, Snapshot};

    fn classified(html: &str) -> (Snapshot, Classification) {
        let s = crate::adapter::html::parse_str(html);
        let c = classify(&s);
        (s, c)
    }

    fn label_of(s: &Snapshot, c: &Classification, needle: &str) -> Label {
        c.blocks
            .iter()
            .rfind(|b| {
                s.subtree(b.node)
                    .filter_map(|d| s.node(d).text())
                    .collect::<String>()
                    .contains(needle)
            })
            .map(|b| b.label)
            .unwrap_or_else(|| panic!("no block holds {needle:?}"))
    }

    const POST: &str = "<p>The council voted on Tuesday to close the old bridge for repairs, \
        which will take most of the summer. Drivers are asked to use the ring road, and buses \
        will be rerouted through the market square until the work is done in September.</p>";

    fn page(thread_class: &str) -> String {
        let comment = "<div class=\"c\"><p>I drive over that bridge every day, and honestly \
            it was about time somebody fixed it, the potholes were terrible.</p>\
            <p>Posted by: Sam at 7:12 AM</p></div>";
        format!(
            "<html><head><title>Bridge to close</title></head><body><div id=\"main\">\
             <h1>Bridge to close</h1>{POST}{POST}\
             <div class=\"{thread_class}\"><h2>Comments</h2>{}</div></div></body></html>",
            comment.repeat(6)
        )
    }

    #[test]
    fn a_thread_after_the_post_is_left_out_of_the_article() {
        let (s, c) = classified(&page("commentlist"));
        assert_eq!(
            label_of(&s, &c, "I drive over that bridge"),
            Label::Comments
        );
        assert_eq!(label_of(&s, &c, "The council voted"), Label::Content);
        let body = crate::output::extract(&s, &c).article_body;
        assert!(body.contains("The council voted"));
        assert!(!body.contains("I drive over that bridge"), "{body}");
    }

    #[test]
    fn a_commentary_is_not_a_thread() {
        let (s, c) = classified(&page("commentary-body"));
        assert_eq!(label_of(&s, &c, "I drive over that bridge"), Label::Content);
    }

    #[test]
    fn thread_names_are_whole_leading_words() {
        let (s, _) = classified(
            "<div class=\"comment-list\"></div><div id=\"disqus_thread\"></div>\
             <div class=\"uncommented\"></div><div class=\"commentary\"></div>",
        );
        let named: Vec<bool> = (0..s.len() as NodeId)
            .filter(|&i| s.node(i).tag() == "div")
            .map(|i| names_a_thread(s.node(i)))
            .collect();
        assert_eq!(named, [true, true, false, false]);
    }
}
