//! The classifier: snapshot -> features -> chrome and article -> labels.

pub mod article;
pub mod blocks;
pub mod chrome;
pub mod cues;
pub mod features;
pub mod fxhash;
pub mod metadata;
pub mod page_content;
pub mod patterns;
pub mod text;
pub mod tuning;

use crate::label::{Block, Label};
use crate::snapshot::{NodeId, Snapshot};
use article::{Article, Drop};
use blocks::Blocks;
use features::Tallies;
use metadata::Metadata;
use page_content::PageContent;
use tuning::Tuning;

pub struct Classification {
    /// Labelled subtrees, in document order. Chrome blocks hold no other
    /// block; other blocks may, and then the innermost decides.
    pub blocks: Vec<Block>,
    pub article: Option<Article>,
    pub metadata: Metadata,
    /// The element holding the article's headline, if the page shows one.
    pub title_node: Option<NodeId>,
    /// The page's content as a page that is not one article would have it.
    pub page: Option<PageContent>,
    /// Whether the article is what the page is for; if not, `page` is.
    pub is_article_page: bool,
}

impl Classification {
    /// The label every node carries: that of the block it lies in.
    pub fn label_of_nodes(&self, s: &Snapshot) -> Vec<Option<Label>> {
        let mut labels = vec![None; s.len()];
        for b in &self.blocks {
            for id in s.subtree(b.node) {
                labels[id as usize] = Some(b.label);
            }
        }
        labels
    }
}

/// The article is found first, as Readability finds it; the chrome filters
/// then know which text is the article's, so a link-dense encyclopedia
/// paragraph or a blog post's list of links is not taken for a link farm.
/// Chrome inside the article (a teaser between paragraphs) leaves its text.
pub fn classify(s: &Snapshot) -> Classification {
    classify_with(s, &Tuning::default())
}

pub fn classify_with(s: &Snapshot, tuning: &Tuning) -> Classification {
    let blocks = Blocks::cut(s);
    let tally = Tallies::compute(s, &vec![false; s.len()], |id| s.node(id).tag());
    let metadata = metadata::read(s);
    let mut article = article::find(s, &vec![false; s.len()], &metadata.title);
    let mut article_text = article_text_below(s, &blocks, article.as_ref());
    protect_headline_and_byline(s, &metadata, article.as_ref(), &mut article_text);
    let cx = chrome::Context::new(s, &blocks, &tally, article_text);
    let mut found = without_an_article(s, chrome::detect(&cx), article.as_ref(), tuning);
    let threads = Containers::find(s, &blocks, &cx.article_text).comments;
    let page = PageContent::find(s, &blocks, &found, &threads, tuning);
    let is_article_page = page
        .as_ref()
        .is_none_or(|p| p.is_article_page(s, &blocks, article.as_ref(), tuning));
    if let (false, Some(p)) = (is_article_page, page.as_ref()) {
        found.retain(|f| !f.is_page_list() || p.leaves_out(s, f.node));
    }
    let mut chrome_mask = vec![false; s.len()];
    for f in &found {
        chrome_mask[f.node as usize] = true;
        if let Some(a) = article.as_mut() {
            a.dropped[f.node as usize] = Drop::Chrome;
        }
    }
    let title_node = find_title(s, &metadata, article.as_ref(), &chrome_mask);
    let labelled = Labeller {
        s,
        blocks: &blocks,
        tally: &tally,
        found: &found,
        article: article.as_ref(),
        title_node,
        page: page.as_ref().filter(|_| !is_article_page),
    }
    .run();
    Classification {
        blocks: labelled,
        article,
        metadata,
        title_node,
        page,
        is_article_page,
    }
}

/// Chrome in content a page added after it was classified: `s` holds the
/// added subtrees (rooted at `added`) under the chain of their ancestors.
/// The article was found on the whole page, so only the chrome filters run
/// here; on its own, an added subtree would otherwise be taken for the
/// article. The ancestors are there for context only: a find that grew into
/// one of them is brought down to the added roots inside it.
pub fn classify_added(s: &Snapshot, added: &[NodeId]) -> Vec<Block> {
    let blocks = Blocks::cut(s);
    let tally = Tallies::compute(s, &vec![false; s.len()], |id| s.node(id).tag());
    let cx = chrome::Context::new(s, &blocks, &tally, vec![false; s.len()]);
    let within = |root: NodeId, id: NodeId| root == id || s.is_ancestor(root, id);
    let mut out = Vec::new();
    for f in chrome::detect_in_part(&cx) {
        let block = |node| Block {
            node,
            label: f.label,
            confidence: f.confidence,
            reason: f.reason.clone(),
        };
        if added.iter().any(|&r| within(r, f.node)) {
            out.push(block(f.node));
        } else {
            out.extend(
                added
                    .iter()
                    .filter(|&&r| s.is_ancestor(f.node, r))
                    .map(|&r| block(r)),
            );
        }
    }
    out
}

/// The headline and the author line belong to the article wherever the site
/// put them: in a `<header>` with a share bar, in a wrapper whose class says
/// "ad". Chrome may not be seeded on the elements that hold them, nor grow
/// over them, so they count as article text.
fn protect_headline_and_byline(
    s: &Snapshot,
    metadata: &Metadata,
    article: Option<&Article>,
    article_text: &mut [bool],
) {
    let headline = find_title(s, metadata, article, &vec![false; s.len()]);
    let byline = article.and_then(|a| a.byline.as_ref().map(|(node, _)| *node));
    for node in headline.into_iter().chain(byline) {
        for a in std::iter::once(node).chain(s.ancestors(node)) {
            article_text[a as usize] = true;
        }
    }
}

/// Whether each subtree holds text the article keeps: text blocks under its
/// roots with no drop mark on the way down.
fn article_text_below(s: &Snapshot, blocks: &Blocks, article: Option<&Article>) -> Vec<bool> {
    let mut live = vec![false; s.len()];
    let mut kept = vec![false; s.len()];
    let Some(a) = article else { return kept };
    for &root in &a.roots {
        for id in s.subtree(root) {
            let parent_live = id == root || s.parent(id).is_some_and(|p| live[p as usize]);
            live[id as usize] = parent_live && a.dropped[id as usize] == Drop::Kept;
        }
    }
    for &b in &blocks.list {
        kept[b as usize] = live[b as usize];
    }
    for id in (0..s.len()).rev() {
        if kept[id] {
            if let Some(p) = s.parent(id as NodeId) {
                kept[p as usize] = true;
            }
        }
    }
    kept
}

/// A page without an article is left as its site made it: a login or sign-up
/// page entirely (its "Already have an account?" is the point), any other
/// page keeps its lists and forms, which are then what it is for.
fn without_an_article(
    s: &Snapshot,
    found: Vec<chrome::Found>,
    article: Option<&Article>,
    tuning: &Tuning,
) -> Vec<chrome::Found> {
    if article.is_some_and(|a| a.text_chars >= tuning.article_min_chars) {
        return found;
    }
    let login = s.nodes.iter().any(|n| {
        n.tag() == "input"
            && n.attr("type")
                .is_some_and(|t| t.eq_ignore_ascii_case("password"))
    });
    if login {
        return Vec::new();
    }
    found
        .into_iter()
        .filter(|f| {
            !matches!(
                f.label,
                Label::LinkFarm | Label::Newsletter | Label::Social | Label::Comments
            )
        })
        .collect()
}

fn find_title(
    s: &Snapshot,
    meta: &Metadata,
    article: Option<&Article>,
    chrome: &[bool],
) -> Option<NodeId> {
    if let Some(a) = article {
        if let Some(id) = a.dropped.iter().position(|d| *d == Drop::TitleRepeat) {
            return Some(id as NodeId);
        }
    }
    let in_chrome = |id: NodeId| {
        std::iter::once(id)
            .chain(s.ancestors(id))
            .any(|a| chrome[a as usize])
    };
    let mut best: Option<(f32, NodeId)> = None;
    for tag in ["h1", "h2"] {
        for id in (0..s.len() as NodeId).filter(|&i| s.node(i).tag() == tag) {
            if in_chrome(id) {
                continue;
            }
            let text: String = s.subtree(id).filter_map(|d| s.node(d).text()).collect();
            let sim = article::text_similarity(&meta.title, &text)
                .max(article::text_similarity(&text, &meta.title));
            if sim > 0.75 && best.is_none_or(|(b, _)| sim > b) {
                best = Some((sim, id));
            }
        }
        if best.is_some() {
            break;
        }
    }
    best.map(|(_, id)| id)
}

struct Labeller<'a> {
    s: &'a Snapshot,
    blocks: &'a Blocks,
    tally: &'a Tallies,
    found: &'a [chrome::Found],
    article: Option<&'a Article>,
    title_node: Option<NodeId>,
    /// Set on a page that is not one article: its content.
    page: Option<&'a PageContent>,
}

impl Labeller<'_> {
    /// Chrome finds cover their subtrees; every other text block gets a label
    /// of its own or that of a container around it (a landmark, a comment
    /// thread), so blocks may nest and the innermost one decides.
    fn run(&self) -> Vec<Block> {
        let s = self.s;
        let in_root = self.root_membership();
        let kept = article_text_below(s, self.blocks, self.article);
        let around = Containers::find(s, self.blocks, &kept);
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
        let mut containers = std::collections::HashSet::new();
        for &b in &self.blocks.list {
            while chrome.peek().is_some_and(|r| r.end <= b) {
                chrome.next();
            }
            if head.contains(&b) || chrome.peek().is_some_and(|r| r.contains(&b)) {
                continue;
            }
            let block = self.label_text_block(b, in_root[b as usize], &around);
            if block.node == b || containers.insert(block.node) {
                out.push(block);
            }
        }
        out.sort_by_key(|b| (b.node, std::cmp::Reverse(s.node(b.node).end)));
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
                v.contains("dateline")
                    || v.contains("datepublished")
                    || v.contains("timestamp")
                    || v.contains("date")
            })
    }
}

/// For every node, the outermost navigation landmark and the outermost
/// comment thread around it that hold no article text, found in one pass
/// down the tree instead of a walk up from every block.
struct Containers {
    landmark: Vec<Option<NodeId>>,
    comments: Vec<Option<NodeId>>,
}

impl Containers {
    fn find(s: &Snapshot, blocks: &Blocks, kept: &[bool]) -> Containers {
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
            let (class, own_id) = (
                node.attr("class").unwrap_or(""),
                node.attr("id").unwrap_or(""),
            );
            let names = if class.is_empty() && own_id.is_empty() {
                String::new()
            } else {
                format!("{class} {own_id}").to_ascii_lowercase()
            };
            let role = node.attr("role").unwrap_or("");
            let is_landmark = matches!(tag, "nav" | "footer")
                || (tag == "header" && !in_article[i])
                || matches!(
                    role,
                    "navigation" | "banner" | "contentinfo" | "menu" | "menubar" | "search"
                )
                || names.contains("breadcrumb")
                || names
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|t| matches!(t, "nav" | "navbar" | "menu" | "footer" | "masthead"));
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
            let named = [
                "comment",
                "disqus",
                "replies",
                "kommentar",
                "comentario",
                "commenti",
                "commentaire",
            ]
            .iter()
            .any(|w| names.contains(w));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{NodeData, NO_PARENT};

    fn element(tag: &str) -> NodeData {
        NodeData::Element {
            tag: tag.into(),
            attrs: Vec::new(),
        }
    }

    /// A browser's DOM has no depth limit (scripts can nest elements at
    /// will), so nothing in the classifier may recurse along the tree.
    #[test]
    fn a_snapshot_200_000_deep_classifies_on_a_small_stack() {
        let mut items = vec![(NO_PARENT, element("html")), (0, element("body"))];
        for (i, tag) in ["div", "ins", "a", "section"]
            .iter()
            .cycle()
            .take(200_000)
            .enumerate()
        {
            items.push((i as u32 + 1, element(tag)));
        }
        let last = items.len() as u32 - 1;
        items.push((
            last,
            NodeData::Text(
                "Deep down, a sentence of text with words, commas, and more words.".into(),
            ),
        ));
        let snapshot = Snapshot::from_preorder(items).expect("pre-order");
        let done = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let c = classify(&snapshot);
                let e = crate::output::extract(&snapshot, &c);
                (c.blocks.len(), e.article_body)
            })
            .expect("thread")
            .join()
            .expect("no stack overflow");
        assert!(done.0 >= 1);
        assert!(done.1.contains("Deep down"), "{}", done.1);
    }
}
