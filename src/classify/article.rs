//! Finds the article: Readability's candidate scoring (Mozilla, Apache-2.0),
//! carried over to the snapshot. Paragraph-like units score their ancestors;
//! the best-scoring ancestor and its kindred siblings form the article, which
//! is then cleaned of link-heavy lists, forms and embeds. Nothing is mutated:
//! removals are marks, retagging is an override table.

use super::features::{is_heading, Tallies};
use super::patterns;
use super::text::{is_whitespace_only, words};
use crate::snapshot::{NodeData, NodeId, Snapshot};

#[derive(Debug, Clone, Copy)]
pub struct Flags {
    pub strip_unlikely: bool,
    pub weight_classes: bool,
    pub clean_conditionally: bool,
}

/// Why a node inside the article's region is not part of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drop {
    Kept,
    Hidden,
    Byline,
    TitleRepeat,
    Unlikely,
    Empty,
    Chrome,
    Cleaned,
}

pub struct Article {
    /// The top candidate and the siblings that joined it, in document order.
    pub roots: Vec<NodeId>,
    pub top: Option<NodeId>,
    /// For every node, whether and why its subtree is left out.
    pub dropped: Vec<Drop>,
    pub byline: Option<(NodeId, String)>,
    pub text_chars: u32,
}

const CHAR_THRESHOLD: u32 = 500;
const TOP_CANDIDATES: usize = 5;

/// Runs Readability's attempts, relaxing one flag at a time while the text
/// found is shorter than 500 characters, and keeps the longest.
pub fn find(snapshot: &Snapshot, chrome: &[bool], title: &str) -> Option<Article> {
    let body = snapshot
        .find_tag("body")
        .or_else(|| (!snapshot.is_empty()).then_some(0))?;
    let mut flags = Flags {
        strip_unlikely: true,
        weight_classes: true,
        clean_conditionally: true,
    };
    let mut attempts = Vec::new();
    let names = patterns::ClassCues::compute(snapshot);
    loop {
        let article = Grab::new(snapshot, chrome, &names, flags, title, body).run();
        if article.text_chars >= CHAR_THRESHOLD {
            return Some(article);
        }
        attempts.push(article);
        if flags.strip_unlikely {
            flags.strip_unlikely = false;
        } else if flags.weight_classes {
            flags.weight_classes = false;
        } else if flags.clean_conditionally {
            flags.clean_conditionally = false;
        } else {
            break;
        }
    }
    let best = attempts.into_iter().max_by_key(|a| a.text_chars)?;
    (best.text_chars > 0).then_some(best)
}

struct Grab<'a> {
    s: &'a Snapshot,
    flags: Flags,
    body: NodeId,
    dropped: Vec<Drop>,
    skip: Vec<bool>,
    tally: Tallies,
    retag: Vec<Option<&'static str>>,
    /// `retag` as it was when `tally` was computed: tags changed since then
    /// (divs scored as paragraphs, siblings joined as divs) are not in it.
    tallied_retag: Vec<Option<&'static str>>,
    /// Divs that Readability replaces by their only paragraph.
    collapsed: Vec<bool>,
    /// Phrasing content, as Readability's `_isPhrasingContent` decides it.
    phrasing: Vec<bool>,
    score: Vec<Option<f32>>,
    byline: Option<(NodeId, String)>,
    title: &'a str,
    chrome: &'a [bool],
    names: &'a patterns::ClassCues,
}

impl<'a> Grab<'a> {
    fn new(
        s: &'a Snapshot,
        chrome: &'a [bool],
        names: &'a patterns::ClassCues,
        flags: Flags,
        title: &'a str,
        body: NodeId,
    ) -> Self {
        let n = s.len();
        Grab {
            s,
            flags,
            body,
            dropped: vec![Drop::Kept; n],
            skip: vec![false; n],
            tally: Tallies { of: Vec::new() },
            retag: vec![None; n],
            tallied_retag: Vec::new(),
            collapsed: vec![false; n],
            phrasing: Vec::new(),
            score: vec![None; n],
            byline: None,
            title,
            chrome,
            names,
        }
    }

    fn tag(&self, id: NodeId) -> &'a str {
        match self.retag[id as usize] {
            Some(t) => t,
            None => self.s.node(id).tag(),
        }
    }

    fn run(mut self) -> Article {
        self.mark_removals();
        let (skip, s) = (&mut self.skip, self.s);
        for id in 0..s.len() {
            let p = s.nodes[id].parent;
            skip[id] = self.dropped[id] != Drop::Kept || (p != u32::MAX && skip[p as usize]);
        }
        let retag = self.retag.clone();
        self.tally = Tallies::compute(s, &self.skip, |id| {
            retag[id as usize].unwrap_or(s.node(id).tag())
        });
        self.tallied_retag = retag;
        self.phrasing = self.phrasing_content();
        self.score_units();
        let top = self.top_candidate();
        let roots = self.join_siblings(top);
        self.prepare(&roots);
        let text_chars = roots.iter().map(|&r| self.tally.get(r).chars).sum();
        Article {
            roots,
            top,
            dropped: self.dropped,
            byline: self.byline,
            text_chars,
        }
    }

    fn subtree_text(&self, id: NodeId) -> String {
        let mut out = String::new();
        for i in self.s.subtree(id) {
            if let Some(t) = self.s.node(i).text() {
                out.push_str(t);
            }
        }
        out
    }

    fn mark_removals(&mut self) {
        let s = self.s;
        let has_text = has_text_below(s);
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
            } else if !is_probably_visible(node) {
                Some(Drop::Hidden)
            } else if node.attr("aria-modal") == Some("true") && node.attr("role") == Some("dialog")
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

    fn is_byline(&mut self, id: NodeId) -> bool {
        let node = self.s.node(id);
        let cued = node.attr("rel") == Some("author")
            || node.attr("itemprop").is_some_and(|v| v.contains("author"))
            || self.names.has(id, patterns::BYLINE_NAME);
        if !cued {
            return false;
        }
        let text = self.subtree_text(id);
        let trimmed = text.trim();
        let len = trimmed.chars().count();
        if len > 0 && len < 100 {
            self.byline = Some((id, super::text::collapse_whitespace(trimmed)));
            return true;
        }
        false
    }

    fn duplicates_title(&self, id: NodeId) -> bool {
        if !matches!(self.s.node(id).tag(), "h1" | "h2") || self.title.is_empty() {
            return false;
        }
        text_similarity(self.title, &self.subtree_text(id)) > 0.75
    }

    fn is_unlikely(&self, id: NodeId) -> bool {
        let node = self.s.node(id);
        let tag = node.tag();
        if self.names.has(id, patterns::UNLIKELY_NAME)
            && !self.names.has(id, patterns::MAYBE_CANDIDATE_NAME)
            && !self.has_ancestor_tag(id, "table")
            && !self.has_ancestor_tag(id, "code")
            && tag != "body"
            && tag != "a"
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

    fn has_ancestor_tag(&self, id: NodeId, tag: &str) -> bool {
        self.s.ancestors(id).any(|a| self.tag(a) == tag)
    }

    fn class_weight(&self, id: NodeId) -> f32 {
        if !self.flags.weight_classes {
            return 0.0;
        }
        self.names.weight(id)
    }

    fn initial_score(&self, id: NodeId) -> f32 {
        let base = match self.tag(id) {
            "div" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        base + self.class_weight(id)
    }

    fn link_density(&self, id: NodeId) -> f32 {
        self.tally.get(id).link_density()
    }

    fn score_units(&mut self) {
        let s = self.s;
        let mut id = self.body;
        let end = s.node(self.body).end.max(self.body + 1);
        let mut units: Vec<(u32, u32, NodeId)> = Vec::new(); // (chars, commas, first ancestor)
        while id < end {
            if self.skip[id as usize] {
                id = s.node(id).end;
                continue;
            }
            let node = s.node(id);
            if !node.is_element() {
                id += 1;
                continue;
            }
            let tag = node.tag();
            let mut scored_as_paragraph = false;
            if tag == "div" {
                scored_as_paragraph = self.div_units(id, &mut units);
            }
            if !scored_as_paragraph
                && matches!(
                    self.tag(id),
                    "section" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "td" | "pre"
                )
            {
                let t = self.tally.get(id);
                units.push((t.chars, t.commas, id));
            }
            id += 1;
        }
        for (chars, commas, from) in units {
            self.score_unit(chars, commas, from);
        }
    }

    /// Readability's treatment of a div: runs of inline content become
    /// paragraphs of their own, a div holding one paragraph is that
    /// paragraph, a div without blocks below it is a paragraph. Returns
    /// whether `div` itself was queued as a unit.
    fn div_units(&mut self, div: NodeId, units: &mut Vec<(u32, u32, NodeId)>) -> bool {
        let s = self.s;
        let kids: Vec<NodeId> = s
            .children(div)
            .filter(|&c| !self.skip[c as usize])
            .collect();
        let mut runs: Vec<(u32, u32)> = Vec::new();
        let mut open: Option<(u32, u32)> = None;
        let mut elements = 0;
        let mut only_p = true;
        for &c in &kids {
            let phrasing = self.is_phrasing(c);
            if phrasing {
                let blank = s.node(c).text().is_some_and(is_whitespace_only);
                if open.is_some() || !blank {
                    let t = self.tally.get(c);
                    let run = open.get_or_insert((0, 0));
                    run.0 += t.chars;
                    run.1 += t.commas;
                }
            } else if let Some(run) = open.take() {
                runs.push(run);
            }
            if s.node(c).is_element() {
                elements += 1;
                if phrasing || self.tag(c) != "p" {
                    only_p = false;
                }
            }
        }
        if let Some(run) = open.take() {
            runs.push(run);
        }
        let all_phrasing = kids.iter().all(|&c| self.is_phrasing(c));
        if all_phrasing && !runs.is_empty() {
            // The whole div is wrapped into one paragraph, then replaced by it.
            if self.link_density(div) < 0.25 {
                self.retag[div as usize] = Some("p");
                let t = self.tally.get(div);
                units.push((t.chars, t.commas, div));
                return true;
            }
            self.add_paragraphs(div, 1);
            let t = self.tally.get(div);
            units.push((t.chars, t.commas, div));
            return false;
        }
        if !runs.is_empty() {
            self.add_paragraphs(div, runs.len() as u32);
            for (chars, commas) in runs {
                units.push((chars, commas, div));
            }
            return false;
        }
        if elements == 1 && only_p && self.link_density(div) < 0.25 {
            self.collapsed[div as usize] = true;
            return false;
        }
        if !self.has_block_below(div) {
            self.retag[div as usize] = Some("p");
            let t = self.tally.get(div);
            units.push((t.chars, t.commas, div));
            return true;
        }
        false
    }

    fn add_paragraphs(&mut self, div: NodeId, count: u32) {
        self.tally.of[div as usize].paragraphs += count;
        for a in self.s.ancestors(div) {
            self.tally.of[a as usize].paragraphs += count;
        }
    }

    fn has_block_below(&self, id: NodeId) -> bool {
        self.s.subtree(id).skip(1).any(|d| {
            !self.skip[d as usize]
                && matches!(
                    self.s.node(d).tag(),
                    "blockquote" | "dl" | "div" | "img" | "ol" | "p" | "pre" | "table" | "ul"
                )
        })
    }

    fn is_phrasing(&self, id: NodeId) -> bool {
        self.phrasing[id as usize]
    }

    /// Bottom-up, so that links nested 100 000 deep (a script can build
    /// that) cost no stack: a link is phrasing when all it holds is.
    fn phrasing_content(&self) -> Vec<bool> {
        let s = self.s;
        let mut phrasing = vec![false; s.len()];
        let mut children_phrasing = vec![true; s.len()];
        for id in (0..s.len()).rev() {
            phrasing[id] = match s.nodes[id].data {
                NodeData::Text(_) => true,
                NodeData::Element { ref tag, .. } => {
                    is_phrasing_tag(tag)
                        || (matches!(&**tag, "a" | "del" | "ins") && children_phrasing[id])
                }
            };
            if !phrasing[id] && !self.skip[id] {
                if let Some(p) = s.parent(id as NodeId) {
                    children_phrasing[p as usize] = false;
                }
            }
        }
        phrasing
    }

    /// Ancestors as Readability sees them: collapsed divs are gone.
    fn scoring_ancestors(&self, from: NodeId, max: usize) -> Vec<NodeId> {
        std::iter::once(from)
            .chain(self.s.ancestors(from))
            .filter(|&a| !self.collapsed[a as usize])
            .take(max)
            .collect()
    }

    fn score_unit(&mut self, chars: u32, commas: u32, from: NodeId) {
        if chars < 25 {
            return;
        }
        let first = if self.retag[from as usize] == Some("p") || !self.s.node(from).is_element() {
            self.s.parent(from)
        } else if self.is_unit_itself(from) {
            self.s.parent(from)
        } else {
            Some(from)
        };
        let Some(first) = first else { return };
        let ancestors = self.scoring_ancestors(first, 5);
        let score = 1.0 + (commas + 1) as f32 + (chars / 100).min(3) as f32;
        for (level, a) in ancestors.into_iter().enumerate() {
            if self.s.parent(a).is_none() {
                continue;
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            let init = self.initial_score(a);
            *self.score[a as usize].get_or_insert(init) += score / divider;
        }
    }

    /// Whether a queued node scores its ancestors (a real unit) rather than
    /// being the parent of an inline run.
    fn is_unit_itself(&self, id: NodeId) -> bool {
        matches!(
            self.tag(id),
            "section" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "td" | "pre"
        )
    }

    fn top_candidate(&mut self) -> Option<NodeId> {
        let mut ranked: Vec<(NodeId, f32)> = Vec::new();
        for (id, score) in self.score.iter().enumerate() {
            if let Some(score) = score {
                let id = id as NodeId;
                if self.skip[id as usize] {
                    continue;
                }
                let adjusted = score * (1.0 - self.link_density(id));
                ranked.push((id, adjusted));
            }
        }
        for &(id, adjusted) in &ranked {
            self.score[id as usize] = Some(adjusted);
        }
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(TOP_CANDIDATES);
        let (mut top, top_score) = *ranked.first()?;
        if self.tag(top) == "body" {
            return None;
        }
        let alternatives: Vec<NodeId> = ranked[1..]
            .iter()
            .filter(|(_, sc)| sc / top_score >= 0.75)
            .map(|&(id, _)| id)
            .collect();
        if alternatives.len() >= 3 {
            let mut parent = self.s.parent(top);
            while let Some(p) = parent.filter(|&p| self.tag(p) != "body") {
                let containing = alternatives
                    .iter()
                    .filter(|&&alt| self.s.is_ancestor(p, alt))
                    .count();
                if containing >= 3 {
                    top = p;
                    break;
                }
                parent = self.s.parent(p);
            }
        }
        let init = self.initial_score(top);
        self.score[top as usize].get_or_insert(init);
        let mut last = self.score[top as usize].unwrap_or(0.0);
        let threshold = last / 3.0;
        let mut parent = self.s.parent(top);
        while let Some(p) = parent.filter(|&p| self.tag(p) != "body") {
            let Some(score) = self.score[p as usize] else {
                parent = self.s.parent(p);
                continue;
            };
            if score < threshold {
                break;
            }
            if score > last {
                top = p;
                break;
            }
            last = score;
            parent = self.s.parent(p);
        }
        while let Some(p) = self.s.parent(top).filter(|&p| self.tag(p) != "body") {
            let elements = self
                .s
                .children(p)
                .filter(|&c| self.s.node(c).is_element() && !self.skip[c as usize])
                .count();
            if elements != 1 {
                break;
            }
            top = p;
        }
        let init = self.initial_score(top);
        self.score[top as usize].get_or_insert(init);
        Some(top)
    }

    fn join_siblings(&mut self, top: Option<NodeId>) -> Vec<NodeId> {
        let Some(top) = top else {
            // No candidate: the whole body is the article.
            return self
                .s
                .children(self.body)
                .filter(|&c| !self.skip[c as usize])
                .collect();
        };
        let Some(parent) = self.s.parent(top) else {
            return vec![top];
        };
        let top_score = self.score[top as usize].unwrap_or(0.0);
        let threshold = (top_score * 0.2).max(10.0);
        let top_class = self.s.node(top).attr("class").unwrap_or("");
        let mut roots = Vec::new();
        for sibling in self.s.children(parent) {
            if self.skip[sibling as usize] || !self.s.node(sibling).is_element() {
                continue;
            }
            let mut append = sibling == top;
            if !append {
                let bonus = if !top_class.is_empty()
                    && self.s.node(sibling).attr("class") == Some(top_class)
                {
                    top_score * 0.2
                } else {
                    0.0
                };
                if let Some(score) =
                    self.score[sibling as usize].filter(|sc| sc + bonus >= threshold)
                {
                    let _ = score;
                    append = true;
                } else if self.s.node(sibling).tag() == "p" {
                    let density = self.link_density(sibling);
                    let text = super::text::collapse_whitespace(&self.subtree_text(sibling));
                    let len = text.chars().count();
                    if len > 80 && density < 0.25 {
                        append = true;
                    } else if len < 80 && len > 0 && density == 0.0 && ends_sentence(&text) {
                        append = true;
                    }
                }
            }
            if append {
                if !matches!(self.tag(sibling), "div" | "article" | "section" | "p") {
                    self.retag[sibling as usize] = Some("div");
                }
                roots.push(sibling);
            }
        }
        roots
    }

    fn drop_node(&mut self, id: NodeId, why: Drop) {
        self.dropped[id as usize] = why;
        for d in self.s.subtree(id) {
            self.skip[d as usize] = true;
        }
        self.tally.remove(self.s, id);
    }

    /// Every live element in the article with one of `tags`, last first.
    fn article_elements(&self, roots: &[NodeId], tags: &[&str]) -> Vec<NodeId> {
        let mut found = Vec::new();
        for &r in roots {
            for d in self.s.subtree(r) {
                if !self.skip[d as usize]
                    && self.s.node(d).is_element()
                    && tags.contains(&self.tag(d))
                {
                    found.push(d);
                }
            }
        }
        found.reverse();
        found
    }

    fn prepare(&mut self, roots: &[NodeId]) {
        let data_tables = self.mark_data_tables(roots);
        self.clean_conditionally(roots, "form", &data_tables);
        self.clean_conditionally(roots, "fieldset", &data_tables);
        for id in self.article_elements(roots, &["object", "embed", "footer", "link", "aside"]) {
            if !self.skip[id as usize] && !self.is_video_embed(id) {
                self.drop_node(id, Drop::Cleaned);
            }
        }
        for &r in roots {
            for d in self.s.subtree(r).skip(1) {
                if self.skip[d as usize] || !self.s.node(d).is_element() {
                    continue;
                }
                if self.names.has(d, patterns::SHARE_NAME)
                    && self.tally.get(d).chars < CHAR_THRESHOLD
                {
                    self.drop_node(d, Drop::Cleaned);
                }
            }
        }
        for id in self.article_elements(roots, &["iframe", "input", "textarea", "select", "button"])
        {
            if !self.skip[id as usize] && !self.is_video_embed(id) {
                self.drop_node(id, Drop::Cleaned);
            }
        }
        for id in self.article_elements(roots, &["h1", "h2"]) {
            if !self.skip[id as usize] && self.class_weight(id) < 0.0 {
                self.drop_node(id, Drop::Cleaned);
            }
        }
        for tag in ["table", "ul", "div"] {
            self.clean_conditionally(roots, tag, &data_tables);
        }
    }

    fn is_video_embed(&self, id: NodeId) -> bool {
        let node = self.s.node(id);
        // Only attributes every front end sends: `src`, and `data` on <object>.
        matches!(node.tag(), "object" | "embed" | "iframe")
            && [node.attr("src"), node.attr("data")]
                .into_iter()
                .flatten()
                .any(|v| patterns::VIDEO.is_match(v))
    }

    fn mark_data_tables(&self, roots: &[NodeId]) -> Vec<NodeId> {
        let mut tables = Vec::new();
        for id in self.article_elements(roots, &["table"]) {
            if self.is_data_table(id) {
                tables.push(id);
            }
        }
        tables
    }

    fn is_data_table(&self, table: NodeId) -> bool {
        let node = self.s.node(table);
        if node.attr("role") == Some("presentation") || node.attr("datatable") == Some("0") {
            return false;
        }
        if node.attr("summary").is_some() {
            return true;
        }
        let below = || {
            self.s
                .subtree(table)
                .skip(1)
                .filter(|&d| self.s.node(d).is_element())
        };
        if below().any(|d| self.s.node(d).tag() == "caption" && self.s.node(d).end > d + 1) {
            return true;
        }
        if below().any(|d| {
            matches!(
                self.s.node(d).tag(),
                "col" | "colgroup" | "tfoot" | "thead" | "th"
            )
        }) {
            return true;
        }
        if below().any(|d| self.s.node(d).tag() == "table") {
            return false;
        }
        let (mut rows, mut columns) = (0usize, 0usize);
        for tr in below().filter(|&d| self.s.node(d).tag() == "tr") {
            rows += 1;
            let cells = self
                .s
                .children(tr)
                .filter(|&c| self.s.node(c).tag() == "td")
                .count();
            columns = columns.max(cells);
        }
        if rows == 1 || columns == 1 {
            return false;
        }
        rows >= 10 || columns > 4 || rows * columns > 10
    }

    fn clean_conditionally(&mut self, roots: &[NodeId], tag: &str, data_tables: &[NodeId]) {
        if !self.flags.clean_conditionally {
            return;
        }
        let candidates = self.article_elements(roots, &[tag]);
        for id in candidates {
            if self.skip[id as usize] {
                continue;
            }
            if self.should_clean(id, tag, data_tables) {
                self.drop_node(id, Drop::Cleaned);
            }
        }
    }

    fn should_clean(&self, id: NodeId, tag: &str, data_tables: &[NodeId]) -> bool {
        let t = *self.tally.get(id);
        let chars = t.chars;
        // The tallies count the node itself under the tag it had then; only
        // that is subtracted to leave its descendants (Readability's counts).
        let tallied_tag = self.tallied_retag[id as usize].unwrap_or(self.s.node(id).tag());
        let own_list_chars = if matches!(tallied_tag, "ul" | "ol") {
            chars
        } else {
            0
        };
        let mut is_list = matches!(tag, "ul" | "ol");
        if !is_list {
            let list_chars = t.list_chars - own_list_chars;
            is_list = chars > 0 && list_chars as f32 / chars as f32 > 0.9;
        }
        if tag == "table" && data_tables.contains(&id) {
            return false;
        }
        if self
            .s
            .ancestors(id)
            .any(|a| self.tag(a) == "table" && data_tables.contains(&a))
        {
            return false;
        }
        if self.has_ancestor_tag(id, "code") {
            return false;
        }
        if data_tables
            .iter()
            .any(|&t| self.s.is_ancestor(id, t) && !self.skip[t as usize])
        {
            return false;
        }
        let weight = self.class_weight(id);
        if weight < 0.0 {
            return true;
        }
        if t.commas >= 10 {
            return false;
        }
        let own = |name: &str| u32::from(tallied_tag == name);
        let p = t.paragraphs - own("p");
        let img = t.images - own("img");
        let li = t.list_items as i64 - own("li") as i64 - 100;
        let input = t.inputs - own("input");
        let heading_density = if chars == 0 {
            0.0
        } else {
            (t.heading_chars - if is_heading(tallied_tag) { chars } else { 0 }) as f32
                / chars as f32
        };
        let mut embeds = 0;
        for d in self.s.subtree(id).skip(1) {
            if !self.skip[d as usize]
                && matches!(self.s.node(d).tag(), "object" | "embed" | "iframe")
            {
                if self.is_video_embed(d) {
                    return false;
                }
                embeds += 1;
            }
        }
        // Only a short block can say nothing but "Advertisement" or "Loading…".
        if chars <= 40 {
            let text = super::text::collapse_whitespace(&self.live_text(id));
            if patterns::AD_WORDS.is_match(&text) || patterns::LOADING_WORDS.is_match(&text) {
                return true;
            }
        }
        let link_density = t.link_density();
        let textish_self = if super::features::is_textish(tallied_tag) {
            chars
        } else {
            0
        };
        let text_density = if chars == 0 {
            0.0
        } else {
            (t.textish_chars - textish_self) as f32 / chars as f32
        };
        let in_figure = self.has_ancestor_tag(id, "figure");
        let remove = (!in_figure && img > 1 && (p as f32 / img as f32) < 0.5)
            || (!is_list && li > p as i64)
            || (input > p / 3)
            || (!is_list
                && !in_figure
                && heading_density < 0.9
                && chars < 25
                && (img == 0 || img > 2)
                && link_density > 0.0)
            || (!is_list && weight < 25.0 && link_density > 0.2)
            || (weight >= 25.0 && link_density > 0.5)
            || ((embeds == 1 && chars < 75) || embeds > 1)
            || (img == 0 && text_density == 0.0);
        if is_list && remove {
            let kids: Vec<NodeId> = self
                .s
                .children(id)
                .filter(|&c| self.s.node(c).is_element() && !self.skip[c as usize])
                .collect();
            if kids.iter().any(|&c| {
                self.s
                    .children(c)
                    .filter(|&g| self.s.node(g).is_element())
                    .count()
                    > 1
            }) {
                return true;
            }
            let li_count = t.list_items - own("li");
            if img == li_count {
                return false;
            }
        }
        remove
    }

    fn live_text(&self, id: NodeId) -> String {
        let mut out = String::new();
        for d in self.s.subtree(id) {
            if self.skip[d as usize] && d != id {
                continue;
            }
            if let Some(t) = self.s.node(d).text() {
                out.push_str(t);
            }
        }
        out
    }
}

fn ends_sentence(text: &str) -> bool {
    text.match_indices('.')
        .any(|(i, _)| text[i + 1..].is_empty() || text[i + 1..].starts_with(' '))
}

pub fn is_phrasing_tag(tag: &str) -> bool {
    matches!(
        tag,
        "abbr"
            | "audio"
            | "b"
            | "bdo"
            | "br"
            | "button"
            | "cite"
            | "code"
            | "data"
            | "datalist"
            | "dfn"
            | "em"
            | "embed"
            | "i"
            | "img"
            | "input"
            | "kbd"
            | "label"
            | "mark"
            | "math"
            | "meter"
            | "noscript"
            | "object"
            | "output"
            | "progress"
            | "q"
            | "ruby"
            | "samp"
            | "script"
            | "select"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "textarea"
            | "time"
            | "var"
            | "wbr"
    )
}

pub fn is_probably_visible(node: &crate::snapshot::Node) -> bool {
    if node.attr("hidden").is_some() {
        return false;
    }
    if node.attr("aria-hidden") == Some("true")
        && !node
            .attr("class")
            .is_some_and(|c| c.contains("fallback-image"))
    {
        return false;
    }
    match node.attr("style") {
        Some(style) => {
            let style: String = style
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            !style.contains("display:none") && !style.contains("visibility:hidden")
        }
        None => true,
    }
}

fn has_text_below(s: &Snapshot) -> Vec<bool> {
    let mut has = vec![false; s.len()];
    for id in (0..s.len()).rev() {
        let node = &s.nodes[id];
        if let Some(t) = node.text() {
            has[id] = !is_whitespace_only(t);
        }
        if has[id] && node.parent != u32::MAX {
            has[node.parent as usize] = true;
        }
    }
    has
}

/// Share of `b`'s words that also occur in `a`, by characters (Readability's
/// `_textSimilarity`).
pub fn text_similarity(a: &str, b: &str) -> f32 {
    let a: Vec<String> = words(a).collect();
    let b: Vec<String> = words(b).collect();
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let unique: Vec<&String> = b.iter().filter(|w| !a.contains(w)).collect();
    let unique_len =
        unique.iter().map(|w| w.chars().count()).sum::<usize>() + unique.len().saturating_sub(1);
    let all_len = b.iter().map(|w| w.chars().count()).sum::<usize>() + b.len() - 1;
    1.0 - unique_len as f32 / all_len as f32
}
