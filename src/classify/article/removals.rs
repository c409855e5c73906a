//! Before scoring, Readability takes out what is not the article: chrome
//! already found, hidden subtrees, the byline, the headline repeated in the
//! body, nodes whose class says page furniture, empty boxes.

use super::*;
use crate::classify::text::has;

impl Grab<'_> {
    pub(super) fn mark_removals(&mut self) {
        let s = self.s;
        let has_text = self.has_text;
        let mut remove_title_header = true;
        let mut id = self.body;
        let end = s.node(self.body).end.max(self.body + 1);
        while id < end {
            let node = s.node(id);
            let NodeData::Element { .. } = node.data else {
                id += 1;
                continue;
            };
            let tag = node.tag();
            let verdict = if self.chrome[id as usize] {
                Some(Drop::Chrome)
            } else if !is_probably_visible(node)
                || (node.attr("aria-modal") == Some("true") && node.attr("role") == Some("dialog"))
            {
                Some(Drop::Hidden)
            } else if self.byline.is_none() && self.is_byline(id) {
                Some(Drop::Byline)
            } else if remove_title_header && self.duplicates_title(id) {
                remove_title_header = false;
                Some(Drop::TitleRepeat)
            } else if self.flags.strip_unlikely && self.is_unlikely(id) {
                Some(Drop::Unlikely)
            } else if matches!(
                tag,
                "div" | "section" | "header" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            ) && !has_text[id as usize]
                && s.children(id)
                    .filter(|&c| s.node(c).is_element())
                    .all(|c| matches!(s.node(c).tag(), "br" | "hr"))
            {
                Some(Drop::Empty)
            } else {
                None
            };
            match verdict {
                Some(why) => {
                    self.dropped[id as usize] = why;
                    id = node.end;
                }
                None => id += 1,
            }
        }
    }

    pub(super) fn is_byline(&mut self, id: NodeId) -> bool {
        let node = self.s.node(id);
        let cued = node.attr("rel") == Some("author")
            || node.attr("itemprop").is_some_and(|v| has(v, "author"))
            || self.names.has(id, patterns::BYLINE_NAME);
        if !cued {
            return false;
        }
        let text = self.subtree_text(id);
        let trimmed = text.trim();
        let len = trimmed.chars().count();
        if len > 0 && len < 100 {
            self.byline = Some((id, crate::classify::text::collapse_whitespace(trimmed)));
            return true;
        }
        false
    }

    pub(super) fn duplicates_title(&self, id: NodeId) -> bool {
        if !matches!(self.s.node(id).tag(), "h1" | "h2") || self.title.is_empty() {
            return false;
        }
        text_similarity(self.title, &self.subtree_text(id)) > TITLE_SIMILARITY
    }

    pub(super) fn is_unlikely(&self, id: NodeId) -> bool {
        let node = self.s.node(id);
        let tag = node.tag();
        if self.names.has(id, patterns::UNLIKELY_NAME)
            && !self.names.has(id, patterns::MAYBE_CANDIDATE_NAME)
            && !self.has_ancestor_tag(id, "table")
            && !self.has_ancestor_tag(id, "code")
            && tag != "body"
            && tag != "a"
            && !self.holds_most_of_the_page(id)
        {
            return true;
        }
        matches!(
            node.attr("role"),
            Some(
                "menu"
                    | "menubar"
                    | "complementary"
                    | "navigation"
                    | "alert"
                    | "alertdialog"
                    | "dialog"
            )
        )
    }

    /// Whether `id` holds more than half of the body's text and the
    /// headline (an `<h1>` that says most of what the page's title says),
    /// and is no comment thread: a wrapper named "…-with-sidebar" around the
    /// whole article is no sidebar, whatever its name says. A sidebar may
    /// hold the site's name in an `<h1>` and outweigh a short post.
    fn holds_most_of_the_page(&self, id: NodeId) -> bool {
        let page = &self.page.of;
        2 * page[id as usize].chars > page[self.body as usize].chars
            && !self.names.has(id, patterns::THREAD_NAME)
            && self.s.subtree(id).any(|d| {
                self.s.node(d).tag() == "h1"
                    && text_similarity(&self.subtree_text(d), self.title) >= TITLE_SIMILARITY
            })
    }

    pub(super) fn has_ancestor_tag(&self, id: NodeId, tag: &str) -> bool {
        self.s.ancestors(id).any(|a| self.tag(a) == tag)
    }
}
