//! The labeller: after the article and the chrome are found, every text
//! block gets a label with a reason. Chrome finds cover their subtrees;
//! other blocks take the article's labels, or that of a container around
//! them (a navigation landmark, a comment thread).

use super::article::{Article, Drop};
use super::blocks::Blocks;
use super::chrome;
use super::cues;
use super::features::Tallies;
use super::page_content::PageContent;
use super::patterns::{ClassCues, LANDMARK_NAME, THREAD_NAME};
use super::text::has;
use crate::label::{Block, Label};
use crate::snapshot::{NodeId, Snapshot};

pub(super) struct Labeller<'a> {
    pub(super) s: &'a Snapshot,
    pub(super) blocks: &'a Blocks,
    pub(super) tally: &'a Tallies,
    pub(super) names: &'a ClassCues,
    pub(super) found: &'a [chrome::Found],
    pub(super) article: Option<&'a Article>,
    pub(super) title_node: Option<NodeId>,
    /// Set on a page that is not one article: its content.
    pub(super) page: Option<&'a PageContent>,
}

impl Labeller<'_> {
    /// Chrome finds cover their subtrees; every other text block gets a label
    /// of its own or that of a container around it (a landmark, a comment
    /// thread), so blocks may nest and the innermost one decides.
    pub(super) fn run(&self) -> Vec<Block> {
        let s = self.s;
        let in_root = self.root_membership();
        let kept = super::article_text_below(s, self.blocks, self.article);
        let around = Containers::find(s, self.blocks, self.names, &kept);
        let head = s.find_tag("head").map_or(0..0, |h| s.subtree(h));
        let mut out: Vec<Block> = self
            .found
            .iter()
            .map(|f| Block {
                node: f.node,
                label: f.label,
                confidence: f.confidence,
                reason: f.reason.clone(),
            })
            .collect();
        let mut chrome = self.found.iter().map(|f| s.subtree(f.node)).peekable();
        let mut labelled_container = vec![false; s.len()];
        for &b in &self.blocks.list {
            while chrome.peek().is_some_and(|r| r.end <= b) {
                chrome.next();
            }
            if head.contains(&b) || chrome.peek().is_some_and(|r| r.contains(&b)) {
                continue;
            }
            let block = self.label_text_block(b, in_root[b as usize], &around);
            let container = block.node != b;
            if !(container && labelled_container[block.node as usize]) {
                labelled_container[block.node as usize] |= container;
                out.push(block);
            }
        }
        super::sort_by_node(&mut out, |b| b.node);
        out.dedup_by_key(|b| b.node);
        out
    }

    fn root_membership(&self) -> Vec<bool> {
        let mut inside = vec![false; self.s.len()];
        if let Some(a) = self.article {
            for &r in &a.roots {
                for id in self.s.subtree(r) {
                    inside[id as usize] = true;
                }
            }
        }
        inside
    }

    /// The drop mark nearest above `id`, if any.
    fn dropped(&self, id: NodeId) -> Option<(NodeId, Drop)> {
        let a = self.article?;
        std::iter::once(id)
            .chain(self.s.ancestors(id))
            .find_map(|x| match a.dropped[x as usize] {
                Drop::Kept => None,
                d => Some((x, d)),
            })
    }

    fn label_text_block(&self, b: NodeId, in_article: bool, containers: &Containers) -> Block {
        let s = self.s;
        let block = |node, label, confidence, reason: &str| Block {
            node,
            label,
            confidence,
            reason: reason.into(),
        };
        if let Some(t) = self.title_node.filter(|&t| t == b || s.is_ancestor(t, b)) {
            return block(t, Label::Title, 0.9, "headline matching the page title");
        }
        let dropped = self.dropped(b);
        if let Some((node, Drop::Byline)) = dropped {
            return block(node, Label::Byline, 0.8, "author line");
        }
        if let Some(page) = self.page {
            if !page.leaves_out(s, b) {
                return block(b, Label::Content, 0.7, "in the page's main content");
            }
        }
        if in_article && dropped.is_none() {
            if self.is_dateline(b) {
                return block(b, Label::Dateline, 0.7, "date or place line");
            }
            return block(b, Label::Content, 0.85, "in the article's main text");
        }
        if let Some(c) = containers.comments[b as usize] {
            return block(c, Label::Comments, 0.7, "comment thread");
        }
        if let Some(nav) = containers.landmark[b as usize] {
            return block(
                nav,
                Label::Navigation,
                0.7,
                "navigation landmark (nav, header, footer or menu)",
            );
        }
        if self.is_dateline(b) {
            return block(b, Label::Dateline, 0.7, "date or place line");
        }
        if dropped.is_none() && self.beside_article(b) {
            return block(
                b,
                Label::Content,
                0.6,
                "figure or standfirst beside the article's text",
            );
        }
        match dropped {
            Some((_, why)) if in_article => {
                let reason = match why {
                    Drop::Cleaned => "inside the article, but link-heavy or a form or embed",
                    Drop::Comments => "a long comment thread after a short post",
                    Drop::Hidden => "hidden by the page",
                    Drop::Unlikely => "class or role of page furniture",
                    _ => "left out of the article text",
                };
                block(b, Label::Other, 0.5, reason)
            }
            _ => block(b, Label::Other, 0.5, "outside the article"),
        }
    }

    /// Whether `b` sits with the article's headline and text in the element
    /// that holds both (a figure above the text, a standfirst under the
    /// headline) and reads as text rather than links.
    fn beside_article(&self, b: NodeId) -> bool {
        let s = self.s;
        let (Some(title), Some(first)) = (
            self.title_node,
            self.article.and_then(|a| a.roots.first().copied()),
        ) else {
            return false;
        };
        let Some(scope) = std::iter::once(first)
            .chain(s.ancestors(first))
            .find(|&a| s.is_ancestor(a, title))
        else {
            return false;
        };
        if matches!(s.node(scope).tag(), "body" | "html") || !s.is_ancestor(scope, b) {
            return false;
        }
        let in_figure = std::iter::once(b)
            .chain(s.ancestors(b))
            .take_while(|&a| a != scope)
            .any(|a| matches!(s.node(a).tag(), "figure" | "figcaption" | "picture"));
        in_figure || (self.blocks.link_density(b) < 0.3 && self.blocks.chars[b as usize] >= 40)
    }

    /// A short block that is, or is mostly, a date, a time or a place line.
    fn is_dateline(&self, b: NodeId) -> bool {
        let s = self.s;
        let node = s.node(b);
        let chars = self.tally.get(b).chars;
        if chars == 0 || chars > 80 {
            return false;
        }
        if node.tag() == "time" || node.attr("datetime").is_some() {
            return true;
        }
        let time_chars: u32 = s
            .subtree(b)
            .filter(|&d| s.node(d).tag() == "time" || s.node(d).attr("datetime").is_some())
            .map(|d| self.tally.get(d).chars)
            .max()
            .unwrap_or(0);
        if time_chars * 2 >= chars {
            return true;
        }
        [node.attr("class"), node.attr("id"), node.attr("itemprop")]
            .into_iter()
            .flatten()
            .any(|v| {
                let v = v.to_ascii_lowercase();
                // "date" covers "dateline" and "datepublished".
                has(&v, "date") || has(&v, "timestamp")
            })
    }
}

/// For every node, the outermost navigation landmark and the outermost
/// comment thread around it that hold no article text, found in one pass
/// down the tree instead of a walk up from every block.
pub(super) struct Containers {
    landmark: Vec<Option<NodeId>>,
    pub(super) comments: Vec<Option<NodeId>>,
}

impl Containers {
    pub(super) fn find(
        s: &Snapshot,
        blocks: &Blocks,
        names: &ClassCues,
        kept: &[bool],
    ) -> Containers {
        let n = s.len();
        let mut landmark = vec![None; n];
        let mut comments = vec![None; n];
        // What children inherit from each node, and whether it is inside an <article>.
        let mut landmark_up: Vec<Option<NodeId>> = vec![None; n];
        let mut comments_up: Vec<Option<NodeId>> = vec![None; n];
        let mut in_article = vec![false; n];
        for id in 0..n as NodeId {
            let i = id as usize;
            let node = s.node(id);
            let parent = s.parent(id);
            let tag = node.tag();
            in_article[i] =
                parent.is_some_and(|p| in_article[p as usize] || s.node(p).tag() == "article");
            if kept[i] || !node.is_element() {
                continue;
            }
            let role = node.attr("role").unwrap_or("");
            let is_landmark = matches!(tag, "nav" | "footer")
                || (tag == "header" && !in_article[i])
                || matches!(
                    role,
                    "navigation" | "banner" | "contentinfo" | "menu" | "menubar" | "search"
                )
                || names.has(id, LANDMARK_NAME);
            let inherited = parent.and_then(|p| landmark_up[p as usize]);
            landmark[i] = inherited.or(is_landmark.then_some(id));
            landmark_up[i] = if matches!(tag, "article" | "main" | "body") {
                is_landmark.then_some(id)
            } else {
                landmark[i]
            };
            if matches!(tag, "body" | "html" | "main") {
                continue;
            }
            let named = names.has(id, THREAD_NAME);
            let headed = s.children(id).take(3).any(|c| {
                blocks.owner[c as usize] == c
                    && blocks.text[c as usize].len() <= 60
                    && blocks.first_hit(c, cues::CueKind::Comments, true).is_some()
            });
            comments[i] = parent
                .and_then(|p| comments_up[p as usize])
                .or((named || headed).then_some(id));
            comments_up[i] = comments[i];
        }
        Containers { landmark, comments }
    }
}
