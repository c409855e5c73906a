//! Cleaning the chosen article: embeds, forms, link-heavy lists and tables
//! that are not data go (Readability's `_prepArticle` and `_cleanConditionally`).

use super::*;

impl Grab<'_> {
    /// Every live element in the article with one of `tags`, last first.
    pub(super) fn article_elements(&self, roots: &[NodeId], tags: &[&str]) -> Vec<NodeId> {
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

    pub(super) fn prepare(&mut self, roots: &[NodeId]) {
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

    pub(super) fn is_video_embed(&self, id: NodeId) -> bool {
        let node = self.s.node(id);
        // Only attributes every front end sends: `src`, and `data` on <object>.
        matches!(node.tag(), "object" | "embed" | "iframe")
            && [node.attr("src"), node.attr("data")]
                .into_iter()
                .flatten()
                .any(|v| patterns::VIDEO.is_match(v))
    }

    pub(super) fn mark_data_tables(&self, roots: &[NodeId]) -> Vec<NodeId> {
        let mut tables = Vec::new();
        for id in self.article_elements(roots, &["table"]) {
            if self.is_data_table(id) {
                tables.push(id);
            }
        }
        tables
    }

    pub(super) fn is_data_table(&self, table: NodeId) -> bool {
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

    pub(super) fn clean_conditionally(
        &mut self,
        roots: &[NodeId],
        tag: &str,
        data_tables: &[NodeId],
    ) {
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

    pub(super) fn should_clean(&self, id: NodeId, tag: &str, data_tables: &[NodeId]) -> bool {
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
            let text = crate::classify::text::collapse_whitespace(&self.live_text(id));
            if patterns::AD_WORDS.is_match(&text) || patterns::LOADING_WORDS.is_match(&text) {
                return true;
            }
        }
        let link_density = t.link_density();
        let textish_self = if crate::classify::features::is_textish(tallied_tag) {
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
}
