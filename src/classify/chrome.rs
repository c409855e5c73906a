//! Finds promotional chrome before the article is looked for. Small filters
//! each plant seeds (a block whose wording gives it away, a store badge, an
//! email field, share links, a repeated list of headline links); each seed
//! then grows to the widest ancestor that holds nothing else: no prose, no
//! seed of another kind, little unexplained text.

use std::collections::HashMap;

use super::blocks::Blocks;
use super::cues::{self, Cue};
use super::features::{is_heading, Tallies};
use super::text::word_count;
use crate::label::Label;
use crate::snapshot::{NodeId, Snapshot};

#[derive(Debug, Clone)]
pub struct Seed {
    pub node: NodeId,
    pub label: Label,
    pub confidence: f32,
    pub reason: String,
    /// A heading only counts once it has grown over the list it introduces.
    pub needs_links: bool,
}

#[derive(Debug, Clone)]
pub struct Found {
    pub node: NodeId,
    pub label: Label,
    pub confidence: f32,
    pub reason: String,
}

pub struct Context<'a> {
    pub s: &'a Snapshot,
    pub blocks: &'a Blocks,
    pub tally: &'a Tallies,
    /// Characters of prose blocks in each subtree.
    pub prose: Vec<u32>,
}

/// A block a person reads as running text: long, sentence-like, few links.
pub fn is_prose(blocks: &Blocks, block: NodeId) -> bool {
    let chars = blocks.chars[block as usize];
    let text = &blocks.text[block as usize];
    chars >= 120
        && blocks.link_density(block) < 0.3
        && (text.contains(". ")
            || text.ends_with('.')
            || text.matches(',').count() >= 2
            || chars >= 250)
}

impl<'a> Context<'a> {
    pub fn new(s: &'a Snapshot, blocks: &'a Blocks, tally: &'a Tallies) -> Self {
        let mut prose = vec![0u32; s.len()];
        for &b in &blocks.list {
            if is_prose(blocks, b) && !text_seed_shaped(blocks, b) {
                prose[b as usize] += blocks.chars[b as usize];
            }
        }
        for id in (0..s.len()).rev() {
            let p = s.nodes[id].parent;
            if p != u32::MAX && prose[id] > 0 {
                prose[p as usize] += prose[id];
            }
        }
        Context {
            s,
            blocks,
            tally,
            prose,
        }
    }
}

/// Whether a block is short enough, and its cue prominent enough, for wording
/// alone to make it chrome; a long paragraph that mentions "the app" is prose.
fn text_seed_shaped(blocks: &Blocks, block: NodeId) -> bool {
    let text = &blocks.text[block as usize];
    let chars = blocks.chars[block as usize] as usize;
    if chars == 0 || chars > 300 {
        return false;
    }
    [
        &cues::PAYWALL,
        &cues::APP_PROMO,
        &cues::CONSENT,
        &cues::NEWSLETTER,
    ]
    .iter()
    .any(|cue| {
        cue.strong
            .iter()
            .any(|p| text.contains(p) && (chars <= 90 || p.chars().count() * 7 >= chars))
    })
}

pub fn detect(cx: &Context) -> Vec<Found> {
    let mut seeds = Vec::new();
    wording_seeds(cx, &mut seeds);
    link_seeds(cx, &mut seeds);
    form_seeds(cx, &mut seeds);
    class_seeds(cx, &mut seeds);
    list_seeds(cx, &mut seeds);
    grow(cx, seeds)
}

fn wording_seeds(cx: &Context, seeds: &mut Vec<Seed>) {
    let b = cx.blocks;
    for &block in &b.list {
        let chars = b.chars[block as usize] as usize;
        let text = &b.text[block as usize];
        if chars > 300 {
            continue;
        }
        let tag = cx.s.node(block).tag();
        let heading_like = is_heading(tag) || (chars <= 60 && word_count(text) <= 8);
        let prominent = |cue: &Cue| {
            cue.strong
                .iter()
                .find(|p| text.contains(*p) && (chars <= 90 || p.chars().count() * 7 >= chars))
                .copied()
        };
        let mut plant = |label, confidence, reason: String, needs_links| {
            seeds.push(Seed {
                node: block,
                label,
                confidence,
                reason,
                needs_links,
            })
        };
        if let Some(p) = prominent(&cues::PAYWALL) {
            plant(Label::Paywall, 0.9, format!("says \"{p}\""), false);
        } else if let Some(p) = prominent(&cues::APP_PROMO) {
            plant(Label::AppPromo, 0.9, format!("says \"{p}\""), false);
        } else if let Some(p) = prominent(&cues::CONSENT) {
            plant(Label::Consent, 0.9, format!("says \"{p}\""), false);
        } else if let Some(p) = prominent(&cues::NEWSLETTER) {
            plant(Label::Newsletter, 0.8, format!("says \"{p}\""), false);
        } else if patterns_ad_label(text) {
            plant(
                Label::Ad,
                0.85,
                format!("labelled \"{}\"", text.trim()),
                false,
            );
        } else if heading_like && chars <= 60 {
            if let Some(p) = cues::first_hit(&cues::LINK_FARM_HEADINGS, text) {
                plant(
                    Label::LinkFarm,
                    0.85,
                    format!("list under \"{}\" ({p})", text.trim()),
                    true,
                );
            } else if let Some(p) = cues::SOCIAL.strong.iter().find(|p| text.contains(*p)) {
                plant(Label::Social, 0.8, format!("says \"{p}\""), false);
            }
        }
    }
}

fn patterns_ad_label(text: &str) -> bool {
    super::patterns::AD_WORDS.is_match(text)
        || [
            "advertisement",
            "anzeige",
            "publicité",
            "publicidad",
            "pubblicità",
            "publicidade",
            "sponsored content",
        ]
        .iter()
        .any(|w| text.trim() == *w || text.trim().starts_with(&format!("{w} ")) && text.len() < 40)
}

fn link_seeds(cx: &Context, seeds: &mut Vec<Seed>) {
    for id in 0..cx.s.len() as NodeId {
        let node = cx.s.node(id);
        if node.tag() != "a" {
            continue;
        }
        let href = node.attr("href").unwrap_or("").to_ascii_lowercase();
        if let Some(host) = cues::APP_STORE_HOSTS.iter().find(|h| href.contains(*h)) {
            seeds.push(Seed {
                node: id,
                label: Label::AppPromo,
                confidence: 0.95,
                reason: format!("links to an app store ({host})"),
                needs_links: false,
            });
            continue;
        }
        let badge = cx.s.subtree(id).any(|d| {
            let n = cx.s.node(d);
            n.tag() == "img"
                && [n.attr("alt"), n.attr("src")]
                    .into_iter()
                    .flatten()
                    .any(|v| {
                        let v = v.to_ascii_lowercase();
                        cues::STORE_BADGE_WORDS.iter().any(|w| v.contains(w))
                    })
        });
        if badge {
            seeds.push(Seed {
                node: id,
                label: Label::AppPromo,
                confidence: 0.9,
                reason: "store badge image".into(),
                needs_links: false,
            });
        } else if cues::SHARE_URLS
            .iter()
            .any(|u| href.contains(&u.to_ascii_lowercase()))
        {
            seeds.push(Seed {
                node: id,
                label: Label::Social,
                confidence: 0.9,
                reason: "share links".into(),
                needs_links: false,
            });
        }
    }
}

fn form_seeds(cx: &Context, seeds: &mut Vec<Seed>) {
    for id in 0..cx.s.len() as NodeId {
        let node = cx.s.node(id);
        if node.tag() != "input" {
            continue;
        }
        let ty = node.attr("type").unwrap_or("text").to_ascii_lowercase();
        let named_mail = [
            node.attr("name"),
            node.attr("placeholder"),
            node.attr("id"),
            node.attr("aria-label"),
        ]
        .into_iter()
        .flatten()
        .any(|v| v.to_ascii_lowercase().contains("mail"));
        if ty == "email" || (ty == "text" && named_mail) {
            seeds.push(Seed {
                node: id,
                label: Label::Newsletter,
                confidence: 0.85,
                reason: "email field".into(),
                needs_links: false,
            });
        }
    }
}

fn class_tokens(node: &crate::snapshot::Node) -> impl Iterator<Item = String> + '_ {
    [node.attr("class"), node.attr("id")]
        .into_iter()
        .flatten()
        .flat_map(|v| v.split(|c: char| c.is_whitespace() || c == '_' || c == '-'))
        .filter(|t| !t.is_empty())
        .map(str::to_ascii_lowercase)
}

fn class_seeds(cx: &Context, seeds: &mut Vec<Seed>) {
    for id in 0..cx.s.len() as NodeId {
        let node = cx.s.node(id);
        if !node.is_element() || cx.prose[id as usize] > 0 {
            continue;
        }
        let tokens: Vec<String> = class_tokens(node).collect();
        if let Some(t) = tokens
            .iter()
            .find(|t| cues::SPONSORED_WIDGET_TOKENS.contains(&t.as_str()))
        {
            seeds.push(Seed {
                node: id,
                label: Label::LinkFarm,
                confidence: 0.9,
                reason: format!("sponsored headline widget ({t})"),
                needs_links: false,
            });
        } else if let Some(t) = tokens
            .iter()
            .find(|t| cues::AD_TOKENS.contains(&t.as_str()))
        {
            let t_ = cx.tally.get(id);
            if t_.chars < 200 {
                seeds.push(Seed {
                    node: id,
                    label: Label::Ad,
                    confidence: 0.75,
                    reason: format!("ad slot (class \"{t}\")"),
                    needs_links: false,
                });
            }
        }
    }
}

/// Repeated items that are each a headline link: a link farm, whatever the
/// class names say.
fn list_seeds(cx: &Context, seeds: &mut Vec<Seed>) {
    let s = cx.s;
    for id in 0..s.len() as NodeId {
        let node = s.node(id);
        if !node.is_element() || matches!(node.tag(), "a" | "p" | "nav" | "table" | "tbody" | "tr")
        {
            continue;
        }
        let t = cx.tally.get(id);
        if t.links < 3 || t.link_density() < 0.45 {
            continue;
        }
        let items: Vec<NodeId> = s
            .children(id)
            .filter(|&c| s.node(c).is_element() && cx.tally.get(c).chars > 0)
            .collect();
        if items.len() < 3 {
            continue;
        }
        let mut headline_items = 0;
        let mut hrefs: Vec<&str> = Vec::new();
        for &item in &items {
            let links: Vec<NodeId> = std::iter::once(item)
                .chain(s.subtree(item))
                .filter(|&d| s.node(d).tag() == "a")
                .collect();
            let headline = links.iter().any(|&a| {
                let text: String = s.subtree(a).filter_map(|d| s.node(d).text()).collect();
                word_count(&text) >= 4 && text.chars().count() >= 20
            });
            if headline && cx.tally.get(item).chars <= 320 {
                headline_items += 1;
            }
            if let Some(&a) = links.first() {
                hrefs.push(s.node(a).attr("href").unwrap_or(""));
            }
        }
        hrefs.sort_unstable();
        hrefs.dedup();
        let enough = headline_items >= 4 || (headline_items >= 3 && t.images >= 3);
        if enough
            && headline_items * 10 >= items.len() * 7
            && hrefs.len() >= 3
            && !sandwiched_in_prose(cx, id)
        {
            seeds.push(Seed {
                node: id,
                label: Label::LinkFarm,
                confidence: 0.8,
                reason: format!(
                    "{headline_items} headline links, link density {:.2}",
                    t.link_density()
                ),
                needs_links: false,
            });
        }
    }
}

/// A list between two paragraphs of running text belongs to that text.
fn sandwiched_in_prose(cx: &Context, id: NodeId) -> bool {
    let s = cx.s;
    let Some(parent) = s.parent(id) else {
        return false;
    };
    let siblings: Vec<NodeId> = s
        .children(parent)
        .filter(|&c| s.node(c).is_element())
        .collect();
    let Some(at) = siblings.iter().position(|&c| c == id) else {
        return false;
    };
    let prose_at = |i: Option<usize>| {
        i.and_then(|i| siblings.get(i))
            .is_some_and(|&c| cx.prose[c as usize] > 0)
    };
    prose_at(at.checked_sub(1)) && prose_at(Some(at + 1))
}

fn stops_growth(s: &Snapshot, id: NodeId) -> bool {
    let node = s.node(id);
    matches!(node.tag(), "body" | "html" | "main" | "article") || node.attr("role") == Some("main")
}

fn grow(cx: &Context, seeds: Vec<Seed>) -> Vec<Found> {
    let s = cx.s;
    // Which kinds have seeds below each node, and how much text they explain.
    let mut kinds: HashMap<NodeId, u16> = HashMap::new();
    let mut explained: HashMap<(NodeId, Label), u32> = HashMap::new();
    for seed in &seeds {
        let chars = cx.tally.get(seed.node).chars;
        for a in std::iter::once(seed.node).chain(s.ancestors(seed.node)) {
            *kinds.entry(a).or_default() |= 1 << seed.label as u16;
            *explained.entry((a, seed.label)).or_default() += chars;
        }
    }
    let mut found: Vec<Found> = Vec::new();
    for seed in seeds {
        let mut cur = seed.node;
        let bit = 1u16 << seed.label as u16;
        while let Some(p) = s.parent(cur) {
            if stops_growth(s, p) || cx.prose[p as usize] > cx.prose[cur as usize] {
                break;
            }
            if kinds.get(&p).copied().unwrap_or(0) & !bit != 0 {
                break;
            }
            let t = cx.tally.get(p);
            let mut known = explained
                .get(&(p, seed.label))
                .copied()
                .unwrap_or(0)
                .min(t.chars);
            if seed.label == Label::LinkFarm {
                known = known.max(t.link_chars as u32);
            }
            let unexplained = t.chars - known.min(t.chars);
            if unexplained > 150.max(known / 2) {
                break;
            }
            cur = p;
        }
        if seed.needs_links {
            let t = cx.tally.get(cur);
            let heading = cx.tally.get(seed.node).chars as f32;
            let rest = (t.chars as f32 - heading).max(1.0);
            if cur == seed.node || t.links < 3 || t.link_chars / rest < 0.5 {
                continue;
            }
        }
        found.push(Found {
            node: cur,
            label: seed.label,
            confidence: seed.confidence,
            reason: seed.reason,
        });
    }
    // Outermost wins; several seeds in one container add to its confidence.
    found.sort_by_key(|f| (f.node, std::cmp::Reverse(s.node(f.node).end)));
    let mut merged: Vec<Found> = Vec::new();
    for f in found {
        if let Some(last) = merged.last_mut() {
            if last.node == f.node {
                if last.label == f.label {
                    last.confidence = 1.0 - (1.0 - last.confidence) * (1.0 - f.confidence) * 0.5;
                    if !last.reason.contains(&f.reason) && last.reason.len() < 120 {
                        last.reason = format!("{}; {}", last.reason, f.reason);
                    }
                }
                continue;
            }
            if s.is_ancestor(last.node, f.node) {
                continue;
            }
        }
        merged.push(f);
    }
    merged
}
