//! Per-element tallies over a subtree: text and link lengths, commas, and
//! counts of the tags the filters weigh. Tallies are additive, so a filter
//! that drops a subtree subtracts it from its ancestors instead of recounting.

use super::text::{collapsed_len, count_byte, is_serialized_data};
use crate::snapshot::{NodeData, NodeId, Snapshot, NO_PARENT};

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub chars: u32,
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

/// Whether text node `id` is a code sample's: under `<pre>`, `<code>` or
/// `<textarea>`, its parent or the one above.
fn in_code(snapshot: &Snapshot, id: NodeId) -> bool {
    snapshot
        .ancestors(id)
        .take(2)
        .any(|a| matches!(snapshot.node(a).tag(), "pre" | "code" | "textarea"))
}

pub fn is_in_page_link(href: &str) -> bool {
    href.starts_with('#')
}

/// Inclusive subtree tallies for every node. `skip` marks subtrees that count
/// for nothing; `tag` lets a caller see an element under another name.
pub struct Tallies {
    pub of: Vec<Tally>,
}

impl Tallies {
    /// The whole page, every element under its own tag.
    pub fn of_page(snapshot: &Snapshot) -> Tallies {
        Self::sum(
            snapshot,
            &vec![false; snapshot.len()],
            &|id| snapshot.node(id).tag(),
            None,
        )
    }

    /// Whether text node `id`, whose text is `text`, counts for nothing:
    /// whitespace, or a script's serialized state (`is_serialized_data`). Its
    /// length (on the page's tallies, `of_page`) tells but for a run of
    /// whitespace and one other character, which both count one.
    pub fn is_blank(&self, id: NodeId, text: &str) -> bool {
        let chars = self.of[id as usize].chars;
        chars == 0 || (chars == 1 && text.starts_with(char::is_whitespace))
    }

    /// The tallies with `skip`'s subtrees counting for nothing and elements
    /// seen under `tag`'s names. Each text node's own tally is read from
    /// `self`, the page's (`of_page`): a text node's length and commas are
    /// the same whatever is skipped; only the sums change.
    pub fn resum<'a>(
        &self,
        snapshot: &'a Snapshot,
        skip: &[bool],
        tag: &dyn Fn(NodeId) -> &'a str,
    ) -> Tallies {
        Self::sum(snapshot, skip, tag, Some(self))
    }

    fn sum<'a>(
        snapshot: &'a Snapshot,
        skip: &[bool],
        tag: &dyn Fn(NodeId) -> &'a str,
        page: Option<&Tallies>,
    ) -> Tallies {
        let mut of = vec![Tally::default(); snapshot.len()];
        for id in (0..snapshot.len()).rev() {
            if skip[id] {
                continue;
            }
            let node = &snapshot.nodes[id];
            let mut t = of[id];
            match (&node.data, page) {
                (NodeData::Text(_), Some(page)) => t = page.of[id],
                (NodeData::Text(text), None)
                    if is_serialized_data(text) && !in_code(snapshot, id as NodeId) => {}
                (NodeData::Text(text), None) => {
                    t.chars = collapsed_len(text);
                    // Most text is ASCII, where only ',' is a comma: count
                    // bytes, and scan characters only when there are others.
                    t.commas = if text.is_ascii() {
                        count_byte(text.as_bytes(), b',')
                    } else {
                        text.chars().filter(|&c| super::text::is_comma(c)).count() as u32
                    };
                }
                (NodeData::Element { .. }, _) => {
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
            }
        }
        Tallies { of }
    }

    pub fn get(&self, id: NodeId) -> &Tally {
        &self.of[id as usize]
    }

    /// Drops `id`'s subtree from the tallies of its ancestors.
    pub fn remove(&mut self, snapshot: &Snapshot, id: NodeId) {
        let gone = self.of[id as usize];
        for ancestor in snapshot.ancestors(id) {
            self.of[ancestor as usize].sub(&gone);
        }
        self.of[id as usize] = Tally::default();
    }
}
