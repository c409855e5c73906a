//! The classifier: snapshot -> features -> chrome and article -> labels.

pub mod article;
pub mod blocks;
pub mod chrome;
pub mod cues;
pub mod features;
pub mod metadata;
pub mod patterns;
pub mod text;

use crate::label::{Block, Label};
use crate::snapshot::{NodeId, Snapshot};
use article::{Article, Drop};
use blocks::Blocks;
use features::Tallies;
use metadata::Metadata;

pub struct Classification {
    /// Labelled subtrees, in document order, none inside another.
    pub blocks: Vec<Block>,
    pub article: Option<Article>,
    pub metadata: Metadata,
    /// The element holding the article's headline, if the page shows one.
    pub title_node: Option<NodeId>,
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

pub fn classify(s: &Snapshot) -> Classification {
    let blocks = Blocks::cut(s);
    let tally = Tallies::compute(s, &vec![false; s.len()], |id| s.node(id).tag());
    let cx = chrome::Context::new(s, &blocks, &tally);
    let found = chrome::detect(&cx);
    let mut chrome_mask = vec![false; s.len()];
    for f in &found {
        chrome_mask[f.node as usize] = true;
    }
    let metadata = metadata::read(s);
    let article = article::find(s, &chrome_mask, &metadata.title);
    let title_node = find_title(s, &metadata, article.as_ref(), &chrome_mask);
    let labelled = Labeller {
        s,
        blocks: &blocks,
        found: &found,
        article: article.as_ref(),
        title_node,
    }
    .run();
    Classification {
        blocks: labelled,
        article,
        metadata,
        title_node,
    }
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
    found: &'a [chrome::Found],
    article: Option<&'a Article>,
    title_node: Option<NodeId>,
}

impl Labeller<'_> {
    fn run(&self) -> Vec<Block> {
        let s = self.s;
        let mut covered_until: NodeId = 0;
        let mut out = Vec::new();
        let mut found = self.found.iter().peekable();
        let in_root = self.root_membership();
        for &b in &self.blocks.list {
            while let Some(f) = found.peek() {
                if f.node > b && !s.is_ancestor(f.node, b) {
                    break;
                }
                let f = found.next().expect("peeked");
                if f.node >= covered_until {
                    out.push(Block {
                        node: f.node,
                        label: f.label,
                        confidence: f.confidence,
                        reason: f.reason.clone(),
                    });
                    covered_until = s.node(f.node).end;
                }
            }
            if b < covered_until {
                continue;
            }
            let block = self.label_text_block(b, in_root[b as usize]);
            covered_until = s.node(block.node).end.max(b + 1);
            out.push(block);
        }
        for f in found {
            if f.node >= covered_until {
                out.push(Block {
                    node: f.node,
                    label: f.label,
                    confidence: f.confidence,
                    reason: f.reason.clone(),
                });
                covered_until = s.node(f.node).end;
            }
        }
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

    fn label_text_block(&self, b: NodeId, in_article: bool) -> Block {
        let s = self.s;
        let text = &self.blocks.text[b as usize];
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
        if is_dateline(s, b, text) {
            return block(b, Label::Dateline, 0.7, "date or place line");
        }
        if in_article {
            return match dropped {
                None => block(b, Label::Content, 0.85, "in the article's main text"),
                Some((node, why)) => {
                    let reason = match why {
                        Drop::Cleaned => "inside the article, but link-heavy or a form or embed",
                        Drop::Hidden => "hidden by the page",
                        Drop::Unlikely => "class or role of page furniture",
                        _ => "left out of the article text",
                    };
                    if let Some(nav) = landmark(s, b) {
                        return block(nav, Label::Navigation, 0.6, "navigation landmark");
                    }
                    block(node, Label::Other, 0.5, reason)
                }
            };
        }
        if let Some(nav) = landmark(s, b) {
            return block(
                nav,
                Label::Navigation,
                0.7,
                "navigation landmark (nav, header, footer or menu)",
            );
        }
        if let Some(c) = comments_container(s, b) {
            return block(c, Label::Comments, 0.7, "comment thread");
        }
        block(b, Label::Other, 0.5, "outside the article")
    }
}

fn landmark(s: &Snapshot, b: NodeId) -> Option<NodeId> {
    let mut best = None;
    for a in std::iter::once(b).chain(s.ancestors(b)) {
        let node = s.node(a);
        let tag = node.tag();
        let role = node.attr("role").unwrap_or("");
        let classy = [node.attr("class"), node.attr("id")]
            .into_iter()
            .flatten()
            .any(|v| {
                let v = v.to_ascii_lowercase();
                v.contains("breadcrumb")
                    || v.split(|c: char| !c.is_alphanumeric())
                        .any(|t| matches!(t, "nav" | "navbar" | "menu"))
            });
        if matches!(tag, "nav" | "header" | "footer")
            || matches!(
                role,
                "navigation" | "banner" | "contentinfo" | "menu" | "menubar"
            )
            || classy
        {
            best = Some(a);
        }
        if matches!(tag, "article" | "main") {
            break;
        }
    }
    best
}

fn comments_container(s: &Snapshot, b: NodeId) -> Option<NodeId> {
    std::iter::once(b).chain(s.ancestors(b)).find(|&a| {
        let node = s.node(a);
        [node.attr("class"), node.attr("id")]
            .into_iter()
            .flatten()
            .any(|v| {
                let v = v.to_ascii_lowercase();
                v.contains("comment") || v.contains("disqus") || v.contains("replies")
            })
    })
}

fn is_dateline(s: &Snapshot, b: NodeId, text: &str) -> bool {
    let node = s.node(b);
    if text.chars().count() > 80 {
        return false;
    }
    if node.tag() == "time"
        || s.subtree(b)
            .any(|d| s.node(d).tag() == "time" || s.node(d).attr("datetime").is_some())
    {
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
                || v.contains("publish")
        })
}
