//! The top candidate, and the siblings that join it.

use super::*;

impl Grab<'_> {
    pub(super) fn top_candidate(&mut self) -> Option<NodeId> {
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
        // Highest score first, ties in document order. Sorting plain `(u32,
        // u32)` pairs shares the one sort the Wasm holds (`sort_by_node`).
        let mut order: Vec<(u32, NodeId)> = (ranked.iter())
            .map(|&(id, score)| (descending_key(score), id))
            .collect();
        order.sort();
        order.truncate(TOP_CANDIDATES);
        let ranked: Vec<(NodeId, f32)> = (order.iter())
            .map(|&(_, id)| (id, self.score[id as usize].unwrap_or(0.0)))
            .collect();
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

    pub(super) fn join_siblings(&mut self, top: Option<NodeId>) -> Vec<NodeId> {
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
                    // The source tag, where Readability.js reads the
                    // paragraph it made of a div: reading it as Readability
                    // does took site taglines and guest notices set in
                    // sibling divs (dragnet -0.00016, modern -0.00009;
                    // readability +0.0003).
                    let density = self.link_density(sibling);
                    let text =
                        crate::classify::text::collapse_whitespace(&self.subtree_text(sibling));
                    let len = text.chars().count();
                    if (len > 80 && density < 0.25)
                        || (len < 80 && len > 0 && density == 0.0 && ends_sentence(&text))
                    {
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
}

/// A key whose ascending order is `f32::total_cmp`'s descending order.
fn descending_key(score: f32) -> u32 {
    let bits = score.to_bits();
    let ascending = if bits >> 31 == 1 {
        !bits
    } else {
        bits | 1 << 31
    };
    !ascending
}

#[cfg(test)]
mod tests {
    use super::descending_key;

    #[test]
    fn descending_key_orders_scores_as_total_cmp_does_reversed() {
        let scores = [
            3.5,
            -0.0,
            0.0,
            -2.25,
            f32::INFINITY,
            1e-30,
            -1e-30,
            f32::NEG_INFINITY,
            42.0,
            0.75,
            f32::NAN,
        ];
        for a in scores {
            for b in scores {
                assert_eq!(
                    descending_key(a).cmp(&descending_key(b)),
                    b.total_cmp(&a),
                    "{a} against {b}"
                );
            }
        }
    }
}
