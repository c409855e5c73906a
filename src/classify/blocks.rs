//! Text blocks, as jusText and boilerpipe cut a page: every text node belongs
//! to its nearest ancestor that is not inline, and that element's own text
//! (without nested blocks) is one block.

use super::fxhash::FxHashMap as HashMap;

use super::article::is_phrasing_tag;
use super::cues::{self, Hit};
use super::features::Tallies;
use crate::snapshot::{NodeId, Snapshot};

/// Longest text kept per block for cue matching; longer blocks are prose.
const CUE_TEXT_LIMIT: usize = 600;

pub struct Blocks {
    /// The block element that owns each node (itself for block elements).
    pub owner: Vec<NodeId>,
    pub chars: Vec<u32>,
    pub link_chars: Vec<u32>,
    /// Lower-cased, whitespace-collapsed own text, cut at `CUE_TEXT_LIMIT`.
    pub text: Vec<String>,
    /// Block elements that own text, in document order.
    pub list: Vec<NodeId>,
    /// Cue phrases found in blocks short enough to be chrome.
    pub cues: HashMap<NodeId, Vec<Hit>>,
}

pub fn is_inline(tag: &str) -> bool {
    is_phrasing_tag(tag)
        || matches!(
            tag,
            "a" | "u" | "s" | "font" | "del" | "ins" | "strike" | "big" | "tt" | "nobr"
        )
}

/// Appends `t` collapsed, lower-cased and cut at `room` characters, without
/// building the whole collapsed text (a block may own a long one).
fn push_cue_text(out: &mut String, t: &str, room: usize) {
    let mut pushed = 0;
    let mut space = false;
    if t.is_ascii() {
        for b in t.trim_start().bytes() {
            if pushed == room {
                break;
            }
            if super::text::is_ascii_space(b) {
                space = true;
                continue;
            }
            if space {
                out.push(' ');
                pushed += 1;
                space = false;
                if pushed == room {
                    break;
                }
            }
            out.push(b.to_ascii_lowercase() as char);
            pushed += 1;
        }
        return;
    }
    // The same a character at a time; one may lower-case to several.
    for c in t.trim_start().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            if pushed == room {
                return;
            }
            out.push(' ');
            pushed += 1;
            space = false;
        }
        if pushed == room {
            return;
        }
        out.push(crate::classify::text::lower_char(c));
        pushed += 1;
    }
}

impl Blocks {
    /// `tally`: the page's (`Tallies::of_page`), for the text nodes' lengths.
    pub fn cut(s: &Snapshot, tally: &Tallies) -> Blocks {
        let n = s.len();
        let mut owner = vec![0; n];
        let mut in_link = vec![false; n];
        let mut chars = vec![0u32; n];
        let mut link_chars = vec![0u32; n];
        let mut text = vec![String::new(); n];
        for id in 0..n {
            let node = &s.nodes[id];
            let parent = node.parent;
            let parent_owner = if parent == u32::MAX {
                id as NodeId
            } else {
                owner[parent as usize]
            };
            let parent_link = parent != u32::MAX && in_link[parent as usize];
            match node.text() {
                Some(t) => {
                    owner[id] = parent_owner;
                    in_link[id] = parent_link;
                    let len = tally.get(id as NodeId).chars;
                    if tally.is_blank(id as NodeId, t) {
                        continue;
                    }
                    let o = parent_owner as usize;
                    chars[o] += len;
                    if parent_link {
                        link_chars[o] += len;
                    }
                    let room = CUE_TEXT_LIMIT.saturating_sub(text[o].len());
                    if room > 0 {
                        // At most one reallocation per text node, not several as
                        // its characters are pushed.
                        text[o].reserve(room.min(t.len() + 1));
                        if !text[o].is_empty() && !text[o].ends_with(' ') {
                            text[o].push(' ');
                        }
                        push_cue_text(&mut text[o], t, room);
                    }
                }
                None => {
                    let tag = node.tag();
                    owner[id] = if is_inline(tag) {
                        parent_owner
                    } else {
                        id as NodeId
                    };
                    in_link[id] = parent_link || tag == "a";
                }
            }
        }
        let list: Vec<NodeId> = (0..n as NodeId)
            .filter(|&b| chars[b as usize] > 0)
            .collect();
        let cues = list
            .iter()
            .filter(|&&b| chars[b as usize] <= CUE_TEXT_LIMIT as u32)
            .filter_map(|&b| {
                let hits = cues::scan(&text[b as usize]);
                (!hits.is_empty()).then_some((b, hits))
            })
            .collect();
        Blocks {
            owner,
            chars,
            link_chars,
            text,
            list,
            cues,
        }
    }

    pub fn hits(&self, block: NodeId) -> &[Hit] {
        self.cues.get(&block).map_or(&[], Vec::as_slice)
    }

    /// The first phrase of `kind` in `block`, strong ones only if `strong`.
    pub fn first_hit(
        &self,
        block: NodeId,
        kind: cues::CueKind,
        strong: bool,
    ) -> Option<&'static str> {
        self.hits(block)
            .iter()
            .find(|h| h.kind == kind && (h.strong || !strong))
            .map(|h| h.phrase)
    }

    pub fn link_density(&self, block: NodeId) -> f32 {
        let c = self.chars[block as usize];
        if c == 0 {
            0.0
        } else {
            self.link_chars[block as usize] as f32 / c as f32
        }
    }
}

#[cfg(all(test, feature = "html"))]
mod tests {
    use super::*;
    use crate::adapter::html::parse_str;
    use crate::classify::text::{collapse_whitespace, is_whitespace_only};

    const TEXTS: &[&str] = &[
        "",
        "   ",
        "  Sign UP\tto\n\nREAD  ",
        "\u{0B}Ünïcode  ÀND\u{A0}spaces\u{2003}Straße İstanbul ",
        "ΟΔΟΣ ΣΟΦΟΚΛΕΟΥΣ",
        "x",
        " \u{A0} ",
    ];

    /// The cue text is what collapsing, lower-casing and cutting the whole
    /// text gives, however little of it is read.
    #[test]
    fn cue_text_is_the_head_of_the_collapsed_lower_cased_text() {
        let long = "Word, ".repeat(200) + &"Wört ".repeat(200);
        for t in TEXTS.iter().copied().chain([long.as_str()]) {
            for room in [0, 1, 3, 7, 600] {
                let whole = crate::classify::text::lower(&collapse_whitespace(t));
                let expected: String = whole.chars().take(room).collect();
                let mut out = String::new();
                push_cue_text(&mut out, t, room);
                assert_eq!(out, expected, "{t:?} at {room}");
            }
        }
    }

    #[test]
    fn a_blank_text_node_is_told_by_its_length() {
        // A script's state counts for nothing, but as a code sample.
        let state = format!(
            "{{\"items\":[{}]}}",
            ["{\"id\":1,\"n\":\"x\"}"; 20].join(",")
        );
        let html: String = TEXTS.iter().map(|t| format!("<p>{t}</p>")).collect();
        let s = parse_str(&format!(
            "<html><body>{html}<div>{state}</div><pre><code>{state}</code></pre></body></html>"
        ));
        let tally = Tallies::of_page(&s);
        let mut seen = 0;
        for id in 0..s.len() as NodeId {
            if let Some(t) = s.node(id).text() {
                let sample = s.ancestors(id).any(|a| s.node(a).tag() == "pre");
                let data = t == state && !sample;
                assert_eq!(
                    tally.is_blank(id, t),
                    is_whitespace_only(t) || data,
                    "{t:?}"
                );
                seen += 1;
            }
        }
        assert!(seen > TEXTS.len(), "{seen} text nodes");
    }
}
