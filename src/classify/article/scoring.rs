//! Scoring: paragraph-like units give points to their ancestors, weighted
//! by class names, commas and length (Readability's `_grabArticle`).

use super::*;

impl Grab<'_> {
    pub(super) fn class_weight(&self, id: NodeId) -> f32 {
        if !self.flags.weight_classes {
            return 0.0;
        }
        self.names.weight(id)
    }

    pub(super) fn initial_score(&self, id: NodeId) -> f32 {
        let base = match self.tag(id) {
            "div" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        base + self.class_weight(id)
    }

    pub(super) fn link_density(&self, id: NodeId) -> f32 {
        self.tally.get(id).link_density()
    }

    pub(super) fn score_units(&mut self) {
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
    pub(super) fn div_units(&mut self, div: NodeId, units: &mut Vec<(u32, u32, NodeId)>) -> bool {
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
                let blank = s.node(c).text().is_some_and(|t| self.page.is_blank(c, t));
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

    pub(super) fn add_paragraphs(&mut self, div: NodeId, count: u32) {
        self.tally.of[div as usize].paragraphs += count;
        for a in self.s.ancestors(div) {
            self.tally.of[a as usize].paragraphs += count;
        }
    }

    pub(super) fn has_block_below(&self, id: NodeId) -> bool {
        self.s.subtree(id).skip(1).any(|d| {
            !self.skip[d as usize]
                && matches!(
                    self.s.node(d).tag(),
                    "blockquote" | "dl" | "div" | "img" | "ol" | "p" | "pre" | "table" | "ul"
                )
        })
    }

    pub(super) fn is_phrasing(&self, id: NodeId) -> bool {
        self.phrasing[id as usize]
    }

    /// Bottom-up, so that links nested 100 000 deep (a script can build
    /// that) cost no stack: a link is phrasing when all it holds is.
    pub(super) fn phrasing_content(&self) -> Vec<bool> {
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
    pub(super) fn scoring_ancestors(&self, from: NodeId, max: usize) -> Vec<NodeId> {
        std::iter::once(from)
            .chain(self.s.ancestors(from))
            .filter(|&a| !self.collapsed[a as usize])
            .take(max)
            .collect()
    }

    pub(super) fn score_unit(&mut self, chars: u32, commas: u32, from: NodeId) {
        if chars < 25 {
            return;
        }
        let first = if self.retag[from as usize] == Some("p")
            || !self.s.node(from).is_element()
            || self.is_unit_itself(from)
        {
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
    pub(super) fn is_unit_itself(&self, id: NodeId) -> bool {
        matches!(
            self.tag(id),
            "section" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "td" | "pre"
        )
    }
}
