//! Per-element tallies over a subtree: text and link lengths, commas, and
//! counts of the tags the filters weigh. Tallies are additive, so a filter
//! that drops a subtree subtracts it from its ancestors instead of recounting
//! (an inner-text length is rejoined from its children's spans instead).

use super::text::{collapsed_len, Span};
use crate::snapshot::{NodeData, NodeId, Snapshot, NO_PARENT};

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    /// Its text's length, as `Counting` says.
    pub chars: u32,
    /// Its text nodes' lengths summed, each with runs of whitespace as one.
    /// The article's paragraph scores and its 500-character test count
    /// these: counted as Readability.js counts them, short posts fell under
    /// the test (dragnet F1 0.9029 against 0.9014).
    pub node_chars: u32,
    /// Characters inside links; in-page (`#`) links count 0.3, as in Readability.
    pub link_chars: f32,
    pub links: u32,
    pub commas: u32,
    pub paragraphs: u32,
    pub images: u32,
    pub list_items: u32,
    pub inputs: u32,
    pub embeds: u32,
    pub heading_chars: u32,
    pub textish_chars: u32,
    pub list_chars: u32,
}

impl Tally {
    pub fn add(&mut self, o: &Tally) {
        self.chars += o.chars;
        self.node_chars += o.node_chars;
        self.link_chars += o.link_chars;
        self.links += o.links;
        self.commas += o.commas;
        self.paragraphs += o.paragraphs;
        self.images += o.images;
        self.list_items += o.list_items;
        self.inputs += o.inputs;
        self.embeds += o.embeds;
        self.heading_chars += o.heading_chars;
        self.textish_chars += o.textish_chars;
        self.list_chars += o.list_chars;
    }

    pub fn sub(&mut self, o: &Tally) {
        self.chars = self.chars.saturating_sub(o.chars);
        self.node_chars = self.node_chars.saturating_sub(o.node_chars);
        self.link_chars = (self.link_chars - o.link_chars).max(0.0);
        self.links = self.links.saturating_sub(o.links);
        self.commas = self.commas.saturating_sub(o.commas);
        self.paragraphs = self.paragraphs.saturating_sub(o.paragraphs);
        self.images = self.images.saturating_sub(o.images);
        self.list_items = self.list_items.saturating_sub(o.list_items);
        self.inputs = self.inputs.saturating_sub(o.inputs);
        self.embeds = self.embeds.saturating_sub(o.embeds);
        self.heading_chars = self.heading_chars.saturating_sub(o.heading_chars);
        self.textish_chars = self.textish_chars.saturating_sub(o.textish_chars);
        self.list_chars = self.list_chars.saturating_sub(o.list_chars);
    }

    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            (self.link_chars / self.chars as f32).min(1.0)
        }
    }
}

pub fn is_heading(tag: &str) -> bool {
    matches!(tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Readability's "textish" tags, whose text `_getTextDensity` adds up.
pub fn is_textish(tag: &str) -> bool {
    matches!(
        tag,
        "span"
            | "li"
            | "td"
            | "blockquote"
            | "dl"
            | "div"
            | "img"
            | "ol"
            | "p"
            | "pre"
            | "table"
            | "ul"
    )
}

pub fn is_in_page_link(href: &str) -> bool {
    href.starts_with('#')
}

/// Inclusive subtree tallies for every node. `skip` marks subtrees that count
/// for nothing; `tag` lets a caller see an element under another name.
pub struct Tallies {
    pub of: Vec<Tally>,
    /// Per node, its text as a span, when counting inner text; else empty.
    spans: Vec<Span>,
}

/// Above this many children, a removal below a node does not rejoin its
/// children's spans: a page of 100,000 siblings would otherwise cost their
/// square.
const REJOIN_MAX_CHILDREN: usize = 256;

/// How an element's `chars` are counted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Counting {
    /// The sum of its text nodes, each with runs of whitespace as one.
    TextNodes,
    /// Its whole text trimmed, with runs of whitespace as one, across text
    /// nodes: Readability.js's `_getInnerText`.
    InnerText,
}

impl Tallies {
    pub fn empty() -> Tallies {
        Tallies {
            of: Vec::new(),
            spans: Vec::new(),
        }
    }

    pub fn compute<'a>(
        snapshot: &'a Snapshot,
        skip: &[bool],
        counting: Counting,
        tag: &dyn Fn(NodeId) -> &'a str,
    ) -> Tallies {
        let mut of = vec![Tally::default(); snapshot.len()];
        let inner = counting == Counting::InnerText;
        let mut spans = vec![Span::default(); if inner { snapshot.len() } else { 0 }];
        for id in (0..snapshot.len()).rev() {
            if skip[id] {
                continue;
            }
            let node = &snapshot.nodes[id];
            let mut t = of[id];
            match &node.data {
                NodeData::Text(text) => {
                    t.node_chars = collapsed_len(text);
                    if inner {
                        spans[id] = Span::of(text);
                        t.chars = spans[id].len();
                    } else {
                        t.chars = collapsed_len(text);
                    }
                    // Most text is ASCII, where only ',' is a comma: count
                    // bytes, and scan characters only when there are others.
                    t.commas = if text.is_ascii() {
                        text.bytes().filter(|&b| b == b',').count()
                    } else {
                        text.chars().filter(|&c| super::text::is_comma(c)).count()
                    } as u32;
                }
                NodeData::Element { .. } => {
                    if inner {
                        t.chars = spans[id].len();
                    }
                    let name = tag(id as NodeId);
                    match name {
                        "a" => {
                            let coef = node.attr("href").map_or(1.0, |h| {
                                if is_in_page_link(h) {
                                    0.3
                                } else {
                                    1.0
                                }
                            });
                            t.link_chars = t.chars as f32 * coef;
                            t.links += 1;
                        }
                        "p" => t.paragraphs += 1,
                        "img" => t.images += 1,
                        "li" => t.list_items += 1,
                        "input" => t.inputs += 1,
                        "object" | "embed" | "iframe" => t.embeds += 1,
                        "ul" | "ol" => t.list_chars += t.chars,
                        _ => {}
                    }
                    if is_heading(name) {
                        t.heading_chars += t.chars;
                    }
                    if is_textish(name) {
                        t.textish_chars += t.chars;
                    }
                }
            }
            of[id] = t;
            if node.parent != NO_PARENT {
                let parent = node.parent as usize;
                let mut sum = of[parent];
                sum.add(&t);
                of[parent] = sum;
                if inner {
                    // Children come last to first: each goes before the rest.
                    spans[parent] = spans[id].then(spans[parent]);
                }
            }
        }
        Tallies { of, spans }
    }

    pub fn get(&self, id: NodeId) -> &Tally {
        &self.of[id as usize]
    }

    /// Drops `id`'s subtree from the tallies of its ancestors. Counting
    /// inner text, an ancestor's length is its children's spans joined anew
    /// (whitespace on both sides of the gap now counts once), except under
    /// a parent too wide to rejoin on every removal, whose length only
    /// loses the subtree's.
    pub fn remove(&mut self, snapshot: &Snapshot, id: NodeId) {
        let gone = self.of[id as usize];
        self.of[id as usize] = Tally::default();
        if let Some(span) = self.spans.get_mut(id as usize) {
            *span = Span::default();
        }
        let mut exact = !self.spans.is_empty();
        for ancestor in snapshot.ancestors(id) {
            self.of[ancestor as usize].sub(&gone);
            exact = exact
                && snapshot
                    .children(ancestor)
                    .nth(REJOIN_MAX_CHILDREN)
                    .is_none();
            if exact {
                let span = snapshot
                    .children(ancestor)
                    .fold(Span::default(), |acc, c| acc.then(self.spans[c as usize]));
                self.spans[ancestor as usize] = span;
                self.of[ancestor as usize].chars = span.len();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adapter::html::parse_str;

    const LIST: &str = "<html><body><ul id=l>\n  <li>one</li>\n  <li>two</li>\n  <li>six</li>\n</ul></body></html>";

    fn tallies(s: &Snapshot, counting: Counting) -> Tallies {
        Tallies::compute(s, &vec![false; s.len()], counting, &|id| s.node(id).tag())
    }

    fn list(s: &Snapshot) -> NodeId {
        s.find_tag("ul").unwrap()
    }

    #[test]
    fn inner_text_counts_an_element_as_readability_does() {
        let s = parse_str(LIST);
        // "one\n  two\n  six" trimmed, with runs as one: "one two six".
        assert_eq!(tallies(&s, Counting::InnerText).get(list(&s)).chars, 11);
        // Four whitespace-only text nodes count one each.
        assert_eq!(tallies(&s, Counting::TextNodes).get(list(&s)).chars, 13);
    }

    #[test]
    fn a_removal_rejoins_the_whitespace_around_it() {
        let s = parse_str(LIST);
        let mut t = tallies(&s, Counting::InnerText);
        let second = s
            .children(list(&s))
            .filter(|&c| s.node(c).tag() == "li")
            .nth(1)
            .unwrap();
        t.remove(&s, second);
        // "one two six" less "two" and one of the runs beside it.
        assert_eq!(t.get(list(&s)).chars, 7);
        assert_eq!(t.get(list(&s)).node_chars, 13 - 3);
    }
}
