//! Finds promotional chrome before the article is looked for. Small filters
//! each plant seeds (a block whose wording gives it away, a store badge, an
//! email field, share links, a repeated list of headline links); each seed
//! then grows to the widest ancestor that holds nothing else: no prose, no
//! seed of another kind, little unexplained text.

use super::fxhash::FxHashMap as HashMap;

use super::blocks::Blocks;
use super::cues::{self, CueKind, Hit};
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
    /// Found by its shape alone (repeated headline cards), with no wording
    /// or class name to say what it is.
    pub by_shape: bool,
}

#[derive(Debug, Clone)]
pub struct Found {
    pub node: NodeId,
    pub label: Label,
    pub confidence: f32,
    pub reason: String,
    /// Every seed of its kind in it was found by shape alone.
    pub by_shape_alone: bool,
}

pub struct Context<'a> {
    pub s: &'a Snapshot,
    pub blocks: &'a Blocks,
    pub tally: &'a Tallies,
    /// Characters of prose blocks in each subtree.
    pub prose: Vec<u32>,
    /// Whether each subtree holds text of the article.
    pub article_text: Vec<bool>,
}

/// A block a person reads as running text: long, sentence-like, few links.
pub fn is_prose(blocks: &Blocks, block: NodeId) -> bool {
    let chars = blocks.chars[block as usize];
    let text = &blocks.text[block as usize];
    chars >= 120
        && blocks.link_density(block) < 0.3
        && (text.contains(". ")
            || text.ends_with('.')
            || text.contains('。')
            || text.contains('，')
            || text.matches(',').count() >= 2
            || chars >= 250)
}

impl<'a> Context<'a> {
    pub fn new(
        s: &'a Snapshot,
        blocks: &'a Blocks,
        tally: &'a Tallies,
        article_text: Vec<bool>,
    ) -> Self {
        let mut prose = vec![0u32; s.len()];
        for &b in &blocks.list {
            if is_article_prose(blocks, b) {
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
            article_text,
        }
    }
}

/// The cue that makes a block chrome by its wording alone, if any. The block
/// must be short and the phrase prominent in it: a long paragraph that
/// mentions "the app" is prose. Consent banners are long-winded, and their
/// wording is unmistakable, so they get more room.
fn prominent_cue(blocks: &Blocks, block: NodeId) -> Option<(Label, &'static str)> {
    let chars = blocks.chars[block as usize] as usize;
    if chars == 0 || chars > 700 {
        return None;
    }
    let hits = blocks.hits(block);
    // Footers link to "Cookie settings"; a consent banner talks.
    let talks = blocks.link_density(block) < 0.5;
    if let Some(h) = hits
        .iter()
        .find(|h| talks && h.kind == CueKind::Consent && h.strong)
    {
        return Some((Label::Consent, h.phrase));
    }
    if chars > 300 {
        return None;
    }
    let weak_consent: Vec<&Hit> = hits
        .iter()
        .filter(|h| h.kind == CueKind::Consent && !h.strong)
        .collect();
    if weak_consent.len() >= 2 && chars <= 200 && talks {
        return Some((Label::Consent, weak_consent[0].phrase));
    }
    [
        (CueKind::Paywall, Label::Paywall),
        (CueKind::AppPromo, Label::AppPromo),
        (CueKind::Newsletter, Label::Newsletter),
    ]
    .into_iter()
    .find_map(|(kind, label)| {
        hits.iter()
            .find(|h| {
                h.kind == kind && h.strong && (chars <= 90 || h.phrase.chars().count() * 7 >= chars)
            })
            .map(|h| (label, h.phrase))
    })
}

/// Running text that no cue explains.
fn is_article_prose(blocks: &Blocks, block: NodeId) -> bool {
    is_prose(blocks, block) && prominent_cue(blocks, block).is_none()
}

/// Chrome on a whole page.
pub fn detect(cx: &Context) -> Vec<Found> {
    keep_the_page(cx, detect_in_part(cx))
}

/// Chrome in part of a page (content added after load): no share of the
/// "page" says anything there, a lone banner is all of its part.
pub fn detect_in_part(cx: &Context) -> Vec<Found> {
    let mut seeds = Vec::new();
    wording_seeds(cx, &mut seeds);
    link_seeds(cx, &mut seeds);
    form_seeds(cx, &mut seeds);
    class_seeds(cx, &mut seeds);
    list_seeds(cx, &mut seeds);
    grow(cx, seeds)
}

/// Chrome is what surrounds a page's purpose. A page that is mostly link
/// lists (a sitemap, search results) or mostly one form (a login page) has
/// that as its purpose: hiding it would blank the page.
fn keep_the_page(cx: &Context, found: Vec<Found>) -> Vec<Found> {
    let s = cx.s;
    let Some(body) = s.find_tag("body") else {
        return found;
    };
    let page = cx.tally.get(body).chars.max(1);
    let share = |f: &Found| cx.tally.get(f.node).chars as f32 / page as f32;
    let link_lists: f32 = found
        .iter()
        .filter(|f| f.label == Label::LinkFarm)
        .map(share)
        .sum();
    found
        .into_iter()
        .filter(|f| share(f) <= 0.6 || f.label == Label::Consent)
        .filter(|f| f.label != Label::LinkFarm || link_lists <= 0.6)
        .collect()
}

fn wording_seeds(cx: &Context, seeds: &mut Vec<Seed>) {
    let b = cx.blocks;
    for &block in &b.list {
        let chars = b.chars[block as usize] as usize;
        let text = &b.text[block as usize];
        if chars > 700 {
            continue;
        }
        let tag = cx.s.node(block).tag();
        let heading_like = is_heading(tag) || (chars <= 60 && word_count(text) <= 8);
        let mut plant = |label, confidence, reason: String, needs_links| {
            seeds.push(Seed {
                node: block,
                label,
                confidence,
                reason,
                needs_links,
                by_shape: false,
            })
        };
        if let Some((label, p)) = prominent_cue(b, block) {
            let confidence = if label == Label::Newsletter { 0.8 } else { 0.9 };
            plant(label, confidence, format!("says \"{p}\""), false);
        } else if patterns_ad_label(text) {
            plant(
                Label::Ad,
                0.85,
                format!("labelled \"{}\"", text.trim()),
                false,
            );
        } else if let Some(p) = read_also_link(b, block, text) {
            plant(
                Label::LinkFarm,
                0.8,
                format!("\"{p}\" link to another article"),
                false,
            );
        } else if heading_like && chars <= 60 {
            if let Some(p) = b.first_hit(block, CueKind::LinkFarmHeading, false) {
                plant(
                    Label::LinkFarm,
                    0.85,
                    format!("list under \"{}\" ({p})", text.trim()),
                    true,
                );
            } else if let Some(p) = b.first_hit(block, CueKind::Social, true) {
                plant(Label::Social, 0.8, format!("says \"{p}\""), false);
            }
        }
    }
}

/// "Read also: <headline>" dropped between paragraphs: a one-item link farm.
fn read_also_link(b: &Blocks, block: NodeId, text: &str) -> Option<&'static str> {
    if b.chars[block as usize] > 220 || b.link_density(block) < 0.5 {
        return None;
    }
    let start = text.trim_start();
    cues::READ_ALSO
        .iter()
        .find(|p| start.starts_with(*p))
        .copied()
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
        if node.tag() != "a" || in_a_sentence(cx, id) {
            continue;
        }
        let raw = node.attr("href").unwrap_or("");
        // Stores, share intents and profiles live on other hosts.
        let elsewhere = raw.contains(':') || raw.starts_with("//");
        let href = if elsewhere {
            raw.to_ascii_lowercase()
        } else {
            String::new()
        };
        if let Some(host) = cues::APP_STORE_HOSTS
            .iter()
            .find(|h| elsewhere && href.contains(*h))
        {
            seeds.push(Seed {
                node: id,
                label: Label::AppPromo,
                confidence: 0.95,
                reason: format!("links to an app store ({host})"),
                needs_links: false,
                by_shape: false,
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
                by_shape: false,
            });
        } else if elsewhere
            && (cues::SHARE_URLS
                .iter()
                .any(|u| href.contains(&u.to_ascii_lowercase()))
                || (is_profile_link(&href) && profile_links_nearby(cx, id) >= 2))
        {
            seeds.push(Seed {
                node: id,
                label: Label::Social,
                confidence: 0.9,
                reason: "share links".into(),
                needs_links: false,
                by_shape: false,
            });
        }
    }
}

/// A link inside a sentence ("… version 5.3 of the app, on the App Store.")
/// is the writer's, not a badge or a button: its block is mostly other text.
fn in_a_sentence(cx: &Context, link: NodeId) -> bool {
    let block = cx.blocks.owner[link as usize];
    let chars = cx.blocks.chars[block as usize];
    chars >= 60 && cx.blocks.link_density(block) < 0.5
}

fn is_profile_link(href: &str) -> bool {
    let rest = href
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.");
    cues::SOCIAL_HOSTS.iter().any(|h| rest.starts_with(h))
}

/// Links to social profiles in the link's parent or grandparent: a follow bar.
fn profile_links_nearby(cx: &Context, link: NodeId) -> usize {
    let s = cx.s;
    let Some(scope) = s.ancestors(link).nth(1).or_else(|| s.parent(link)) else {
        return 0;
    };
    s.subtree(scope)
        .filter(|&d| {
            s.node(d).tag() == "a"
                && is_profile_link(&s.node(d).attr("href").unwrap_or("").to_ascii_lowercase())
        })
        .count()
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
                by_shape: false,
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
        if !node.is_element() || cx.prose[id as usize] > 0 || cx.article_text[id as usize] {
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
                by_shape: false,
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
                    by_shape: false,
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
        // Without wording to go by, a list that holds the article's text
        // is the article's (a blog post's links, an encyclopedia's lists).
        if !node.is_element()
            || matches!(node.tag(), "a" | "p" | "nav" | "table" | "tbody" | "tr")
            || cx.article_text[id as usize]
        {
            continue;
        }
        let t = cx.tally.get(id);
        if t.links < 3 || t.link_density() < 0.3 || cx.prose[id as usize] * 10 > t.chars * 3 {
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
            let it = cx.tally.get(item);
            if headline && it.chars <= 400 && it.link_density() >= 0.25 {
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
                reason: format!("{headline_items} headline cards"),
                needs_links: false,
                by_shape: true,
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

/// What chrome may not grow over: menus (`nav` elements, navigation roles)
/// and copyright lines always; lists and rows of short links, unless the
/// seed is a heading that introduces them ("Recent posts" over a list of
/// short titles).
#[derive(Clone, Copy, PartialEq)]
enum Barrier {
    Menu,
    LinkList,
}

/// Bits in `grow`'s per-node kind masks, beside one bit per label.
const MENU_BIT: u16 = 1 << Label::Navigation as u16;
const LINK_LIST_BIT: u16 = 1 << 15;

fn navigation_lists(cx: &Context) -> Vec<(NodeId, Barrier)> {
    let s = cx.s;
    let b = cx.blocks;
    let mut out: Vec<(NodeId, Barrier)> = b
        .list
        .iter()
        .filter_map(|&block| {
            let t = cx.tally.get(block);
            let link_row = t.links >= 2 && t.link_density() >= 0.7 && t.chars <= 25 * t.links;
            if t.chars <= 160 && b.first_hit(block, CueKind::Legal, true).is_some() {
                Some((block, Barrier::Menu))
            } else {
                link_row.then_some((block, Barrier::LinkList))
            }
        })
        .collect();
    for id in 0..s.len() as NodeId {
        let node = s.node(id);
        let role = node.attr("role").unwrap_or("");
        if node.tag() == "nav" || matches!(role, "navigation" | "menu" | "menubar") {
            out.push((id, Barrier::Menu));
            continue;
        }
        if !matches!(node.tag(), "ul" | "ol") {
            continue;
        }
        let items: Vec<NodeId> = s
            .children(id)
            .filter(|&c| s.node(c).tag() == "li")
            .collect();
        let short_links = items
            .iter()
            .filter(|&&li| {
                let t = cx.tally.get(li);
                t.links == 1 && t.link_density() > 0.8 && t.chars <= 30
            })
            .count();
        if items.len() >= 3 && short_links * 10 >= items.len() * 8 {
            out.push((id, Barrier::LinkList));
        }
    }
    out
}

fn stops_growth(s: &Snapshot, id: NodeId) -> bool {
    let node = s.node(id);
    matches!(node.tag(), "body" | "html" | "main" | "article") || node.attr("role") == Some("main")
}

fn grow(cx: &Context, seeds: Vec<Seed>) -> Vec<Found> {
    let s = cx.s;
    // Which kinds have seeds below each node, and how much text they explain.
    let mut kinds: HashMap<NodeId, u16> = HashMap::default();
    let mut explained: HashMap<(NodeId, Label), u32> = HashMap::default();
    for (menu, barrier) in navigation_lists(cx) {
        let bit = match barrier {
            Barrier::Menu => MENU_BIT,
            Barrier::LinkList => LINK_LIST_BIT,
        };
        for a in std::iter::once(menu).chain(s.ancestors(menu)) {
            *kinds.entry(a).or_default() |= bit;
        }
    }
    for seed in &seeds {
        let chars = cx.tally.get(seed.node).chars;
        for a in std::iter::once(seed.node).chain(s.ancestors(seed.node)) {
            *kinds.entry(a).or_default() |= 1 << seed.label as u16;
            *explained.entry((a, seed.label)).or_default() += chars;
        }
    }
    let mut found: Vec<(Found, u32)> = Vec::new();
    for seed in seeds {
        if is_article_prose(cx.blocks, cx.blocks.owner[seed.node as usize]) {
            continue;
        }
        let mut cur = seed.node;
        let bit = 1u16 << seed.label as u16;
        while let Some(p) = s.parent(cur) {
            if stops_growth(s, p)
                || cx.prose[p as usize] > cx.prose[cur as usize]
                || (cx.article_text[p as usize] && !cx.article_text[cur as usize])
            {
                break;
            }
            let others = kinds.get(&p).copied().unwrap_or(0) & !bit;
            let barriers = if seed.needs_links {
                MENU_BIT
            } else {
                MENU_BIT | LINK_LIST_BIT
            };
            if others & barriers != 0 {
                break;
            }
            let others = others & !(MENU_BIT | LINK_LIST_BIT);
            if others != 0 {
                // Several kinds' wording in one box: the kind with most of it
                // takes the box (a pay-or-consent wall is mostly consent).
                let mine = explained.get(&(p, seed.label)).copied().unwrap_or(0);
                let rival = Label::ALL
                    .iter()
                    .filter(|l| others & (1 << **l as u16) != 0)
                    .map(|l| explained.get(&(p, *l)).copied().unwrap_or(0))
                    .max()
                    .unwrap_or(0);
                if mine * 2 < rival * 3 {
                    break;
                }
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
            let budget = if seed.label == Label::LinkFarm {
                250.max(known)
            } else {
                250.max(3 * known)
            };
            if unexplained > budget {
                break;
            }
            cur = p;
        }
        if seed.needs_links {
            let t = cx.tally.get(cur);
            // The heading's own words, not the list it may hold.
            let heading = cx.blocks.chars[seed.node as usize] as f32;
            let rest = (t.chars as f32 - heading).max(1.0);
            if t.links < 2 || t.link_chars / rest < 0.5 {
                continue;
            }
        }
        // Evidence: a worded block's own text, or all of a badge, field or list.
        let own = cx.blocks.chars[seed.node as usize];
        let weight = if own > 0 {
            own
        } else {
            cx.tally.get(seed.node).chars.max(1)
        };
        found.push((
            Found {
                node: cur,
                label: seed.label,
                confidence: seed.confidence,
                reason: seed.reason,
                by_shape_alone: seed.by_shape,
            },
            weight,
        ));
    }
    // The outermost container wins; it takes the kind whose seeds inside it
    // explain the most text, and several seeds of that kind add to its
    // confidence.
    found.sort_by_key(|(f, _)| (f.node, std::cmp::Reverse(s.node(f.node).end)));
    let mut groups: Vec<Vec<(Found, u32)>> = Vec::new();
    for (f, weight) in found {
        match groups.last_mut() {
            Some(group) if group[0].0.node == f.node || s.is_ancestor(group[0].0.node, f.node) => {
                group.push((f, weight))
            }
            _ => groups.push(vec![(f, weight)]),
        }
    }
    groups
        .into_iter()
        .map(|group| {
            let node = group[0].0.node;
            let weight_of = |l: Label| {
                group
                    .iter()
                    .filter(|(f, _)| f.label == l)
                    .map(|(_, w)| *w)
                    .sum::<u32>()
            };
            let label = group
                .iter()
                .map(|(f, _)| f.label)
                .max_by_key(|&l| weight_of(l))
                .expect("non-empty");
            let mut confidence: f32 = 0.0;
            let mut reason = String::new();
            for (f, _) in group.iter().filter(|(f, _)| f.label == label) {
                // Independent pieces of evidence: a noisy-or.
                confidence = 1.0 - (1.0 - confidence) * (1.0 - f.confidence);
                if !reason.contains(&f.reason) && reason.len() < 120 {
                    if !reason.is_empty() {
                        reason.push_str("; ");
                    }
                    reason.push_str(&f.reason);
                }
            }
            if label == Label::LinkFarm {
                let t = cx.tally.get(node);
                reason = format!(
                    "{reason}; {} links, link density {:.2}",
                    t.links,
                    t.link_density()
                );
            }
            let confidence = confidence.min(0.99);
            let by_shape_alone = group
                .iter()
                .filter(|(f, _)| f.label == label)
                .all(|(f, _)| f.by_shape_alone);
            Found {
                node,
                label,
                confidence,
                reason,
                by_shape_alone,
            }
        })
        .collect()
}
