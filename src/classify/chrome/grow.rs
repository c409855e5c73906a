//! Each seed grows to the widest ancestor that holds nothing else: no
//! prose (but a card's teaser, or an app's pitch in a small box), no
//! article text (a heading may join the lists the article kept, and little
//! past them), no seed of another kind, no menu, little unexplained text,
//! and for a share bar no date or author line. No seed stands on a block
//! whose element holds running text.

use super::{Context, Found, Seed};
use crate::classify::cues::CueKind;
use crate::classify::features::is_heading;
use crate::classify::fxhash::FxHashMap as HashMap;
use crate::classify::header_lines::is_header_line;
use crate::classify::text::is_whitespace_only;
use crate::label::Label;
use crate::snapshot::{NodeId, Snapshot};

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
    let tuning = cx.tuning;
    let mut out: Vec<(NodeId, Barrier)> = b
        .list
        .iter()
        .filter_map(|&block| {
            let t = cx.tally.get(block);
            let link_row = t.links >= 2
                && t.link_density() >= tuning.link_row_min_density
                && t.chars <= tuning.link_row_chars_per_link * t.links;
            let legal = b.first_hit(block, CueKind::Legal, true).is_some();
            if t.chars <= tuning.legal_line_max_chars && legal {
                Some((block, Barrier::Menu))
            } else {
                link_row.then_some((block, Barrier::LinkList))
            }
        })
        .collect();
    for id in 0..s.len() as NodeId {
        let node = s.node(id);
        if super::menus::is_menu(node) {
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
                super::menus::is_single_link_item(cx, li)
                    && cx.tally.get(li).chars <= tuning.menu_item_max_chars
            })
            .count();
        let short_share = short_links as f32 / items.len().max(1) as f32;
        if items.len() >= tuning.menu_min_items && short_share >= tuning.menu_short_link_share {
            out.push((id, Barrier::LinkList));
        }
    }
    out
}

/// The page's frame, its main landmarks and articles stop growth, and so
/// do an `<h1>` and an `<hgroup>` (a heading with its subtitles): they hold
/// the headline or the site's name, and an ad slot set inside one is hidden
/// on its own. Nor does chrome grow over the first `<h1>` from beside it
/// (`holds_h1`).
fn stops_growth(s: &Snapshot, id: NodeId) -> bool {
    let node = s.node(id);
    matches!(
        node.tag(),
        "body" | "html" | "main" | "article" | "h1" | "hgroup"
    ) || node.attr("role") == Some("main")
}

/// Whether each subtree holds the page's first `<h1>` with text outside a
/// dialog (a consent or sign-up dialog titles itself with one; older sites
/// head their sidebar widgets with later ones).
fn holds_h1(s: &Snapshot) -> Vec<bool> {
    let mut in_dialog = vec![false; s.len()];
    for id in 0..s.len() as NodeId {
        let node = s.node(id);
        in_dialog[id as usize] = s.parent(id).is_some_and(|p| in_dialog[p as usize])
            || node.tag() == "dialog"
            || matches!(node.attr("role"), Some("dialog" | "alertdialog"))
            || node.attr("aria-modal") == Some("true");
    }
    let mut holds = vec![false; s.len()];
    let first = (0..s.len() as NodeId).find(|&id| {
        s.node(id).tag() == "h1"
            && !in_dialog[id as usize]
            && s.subtree(id)
                .any(|d| s.node(d).text().is_some_and(|t| !is_whitespace_only(t)))
    });
    if let Some(h1) = first {
        holds[h1 as usize] = true;
        for a in s.ancestors(h1) {
            holds[a as usize] = true;
        }
    }
    holds
}

pub(super) fn grow(cx: &Context, seeds: Vec<Seed>) -> Vec<Found> {
    let s = cx.s;
    // Which kinds have seeds below each node, and how much text they explain.
    let mut kinds = vec![0u16; s.len()];
    let mut explained: HashMap<(NodeId, Label), u32> = HashMap::default();
    for (menu, barrier) in navigation_lists(cx) {
        let bit = match barrier {
            Barrier::Menu => MENU_BIT,
            Barrier::LinkList => LINK_LIST_BIT,
        };
        for a in std::iter::once(menu).chain(s.ancestors(menu)) {
            kinds[a as usize] |= bit;
        }
    }
    for seed in &seeds {
        let chars = cx.tally.get(seed.node).chars;
        for a in std::iter::once(seed.node).chain(s.ancestors(seed.node)) {
            kinds[a as usize] |= 1 << seed.label as u16;
            *explained.entry((a, seed.label)).or_default() += chars;
        }
    }
    let holds_h1 = holds_h1(s);
    // Only share bars and ad slots stop at header lines: they are counted
    // only on pages that have one of them.
    let stops_at_header_lines = |label: Label| matches!(label, Label::Social | Label::Ad);
    let header_lines = if seeds.iter().any(|sd| stops_at_header_lines(sd.label)) {
        header_lines_below(cx)
    } else {
        Vec::new()
    };
    let mut found: Vec<(Found, u32)> = Vec::new();
    for seed in seeds {
        let owner = cx.blocks.owner[seed.node as usize];
        if super::is_article_prose(s, cx.blocks, owner, &cx.article_text, cx.tuning)
            || holds_prose(cx, seed.node)
        {
            continue;
        }
        let mut cur = seed.node;
        let bit = 1u16 << seed.label as u16;
        // Whether a box around a heading is mostly its list of links.
        let holds_its_list = |node: NodeId| {
            let t = cx.tally.get(node);
            // The heading's own words, not the list it may hold; nor what its
            // cards set under their headlines.
            let heading = cx.blocks.chars[seed.node as usize] as f32;
            let rest = (t.chars as f32 - heading - cx.card_text[node as usize] as f32).max(1.0);
            t.links >= 2 && t.link_chars / rest >= cx.tuning.heading_list_link_share
        };
        let mut last_with_list = None;
        let mut in_item = false;
        let mut in_article = false;
        let mut cur_holds_list = seed.needs_links && holds_its_list(cur);
        while let Some(p) = s.parent(cur) {
            let p_holds_list = seed.needs_links && holds_its_list(p);
            // A heading's list may be cards whose teasers read as prose.
            let prose_teasers = |id: NodeId| {
                if seed.needs_links {
                    cx.teaser_prose[id as usize]
                } else {
                    0
                }
            };
            // An app's pitch beside its store links, badge or icon is the
            // promotion's.
            let pitch = |id: NodeId| {
                if seed.label == Label::AppPromo
                    && cx.tally.get(id).chars <= cx.tuning.app_pitch_box_max_chars
                    && !cx.article_text[id as usize]
                {
                    cx.prose[id as usize]
                } else {
                    0
                }
            };
            let prose = |id: NodeId| {
                cx.prose[id as usize]
                    .saturating_sub(prose_teasers(id))
                    .saturating_sub(pitch(id))
            };
            // Chrome stays out of the article's text, but a heading the
            // article dropped may join the lists it kept from a sidebar ("Most
            // popular" over tabs of links), in a box mostly links; past it,
            // little else may join (`in_article`).
            let into_article = cx.article_text[p as usize] && !cx.article_text[cur as usize];
            if stops_growth(s, p)
                || prose(p) > prose(cur)
                || (into_article && (cur_holds_list || !p_holds_list))
                || (holds_h1[p as usize] && !holds_h1[cur as usize])
                // A share bar beside the article's date or author line: the
                // box they share is the article's header.
                || (stops_at_header_lines(seed.label)
                    && header_lines[p as usize] > header_lines[cur as usize])
            {
                break;
            }
            let others = kinds[p as usize] & !bit;
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
                if (mine as f32) < cx.tuning.rival_ratio * rival as f32 {
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
                known = known.max(t.link_chars as u32 + prose_teasers(p));
            }
            let unexplained = t.chars - known.min(t.chars);
            let budget = if in_article {
                // Inside the article's text, only a little that is not links.
                cx.tuning.grow_unexplained_chars
            } else if seed.label == Label::LinkFarm {
                cx.tuning.grow_unexplained_chars.max(known)
            } else if seed.label == Label::Ad && cx.tally.get(seed.node).chars == 0 {
                cx.tuning
                    .ad_grow_unexplained_chars
                    .max(cx.tuning.grow_explained_factor * known)
            } else {
                cx.tuning
                    .grow_unexplained_chars
                    .max(cx.tuning.grow_explained_factor * known)
            };
            if unexplained > budget {
                break;
            }
            // A badge in a list's item or a table's cell ("Most popular")
            // heads no box of items past its own: none is recorded as the
            // heading's box to fall back on.
            in_item |= matches!(s.node(cur).tag(), "li" | "td" | "th" | "dd");
            cur = p;
            cur_holds_list = p_holds_list;
            if cur_holds_list && !in_item {
                last_with_list = Some(cur);
            }
            in_article |= into_article;
        }
        let found_on = |node| seed.found_on(node);
        if seed.needs_links && !cur_holds_list {
            if let Some(box_with_list) = last_with_list {
                // Grown past its list into a box of other things: the
                // heading's box is the last one that was mostly the list.
                cur = box_with_list;
            } else if let list @ [_, ..] = &list_after(cx, seed.node, cur, &kinds)[..] {
                // Set straight in the post, with no box of its own: the
                // heading goes with the list of links right after it (a list
                // of cards holds cards, heading and all).
                let weight = cx.blocks.chars[seed.node as usize].max(1);
                let cards = list.iter().map(|&i| cx.card_text[i as usize]).sum::<u32>() > 0;
                let with_list = |node| Found {
                    holds_cards: list.len() > 1 || cards,
                    ..found_on(node)
                };
                found.push((with_list(cur), weight));
                found.extend(list.iter().map(|&item| (with_list(item), weight)));
                continue;
            } else if !holds_an_empty_list(cx, seed.node, cur) {
                continue;
            }
            // Otherwise a widget whose list the page fills in later.
        }
        // Evidence: a worded block's own text, or all of a badge, field or list.
        let own = cx.blocks.chars[seed.node as usize];
        let weight = if own > 0 {
            own
        } else {
            cx.tally.get(seed.node).chars.max(1)
        };
        let heading = seed
            .by_shape
            .then(|| heading_before(cx, cur))
            .flatten()
            .or_else(|| widget_title(cx, cur, &kinds, bit));
        if let Some(h) = heading {
            found.push((found_on(h), weight));
        }
        let mut on_cur = found_on(cur);
        // Headlines with text under each are cards, though a heading names them.
        on_cur.holds_cards |= seed.needs_links
            && cx.card_text[cur as usize] > 0
            && cx.headline_links[cur as usize] as usize >= cx.tuning.heading_min_cards;
        found.push((on_cur, weight));
    }
    super::merge::outermost(cx, found)
}

/// Whether `node`, a seed's, holds running text (its own block is none: a
/// seed on prose is dropped before): a line of chrome set straight in the
/// article's box ("Subscribe to our newsletter!" after the last paragraph)
/// cannot be hidden without it.
fn holds_prose(cx: &Context, node: NodeId) -> bool {
    let i = node as usize;
    cx.prose[i] - cx.teaser_prose[i] > cx.tuning.grow_unexplained_chars
}

/// How many date or author lines (`is_header_line`) each subtree holds.
fn header_lines_below(cx: &Context) -> Vec<u16> {
    let (s, b) = (cx.s, cx.blocks);
    let mut below = vec![0u16; s.len()];
    for &block in &b.list {
        if is_header_line(&b.text[block as usize], b.chars[block as usize]) {
            for a in std::iter::once(block).chain(s.ancestors(block)) {
                below[a as usize] = below[a as usize].saturating_add(1);
            }
        }
    }
    below
}

/// The short heading right before a list of headline cards: the list's
/// title ("Top headlines"), when the two have no box of their own.
fn heading_before(cx: &Context, list: NodeId) -> Option<NodeId> {
    let s = cx.s;
    let mut before = None;
    for c in s.children(s.parent(list)?) {
        if c == list {
            break;
        }
        if s.node(c).is_element() {
            before = Some(c);
        }
    }
    before.filter(|&h| could_title_a_box(cx, h) && !cx.article_text[h as usize])
}

/// A short line without links: it may title a box of chrome.
fn is_short_title(cx: &Context, id: NodeId) -> bool {
    let t = cx.tally.get(id);
    t.links == 0 && (1..=cx.tuning.heading_max_chars).contains(&t.chars)
}

/// A short heading that is no `<h1>`: it may title a box of chrome.
fn could_title_a_box(cx: &Context, id: NodeId) -> bool {
    let tag = cx.s.node(id).tag();
    tag != "h1" && is_heading(tag) && is_short_title(cx, id)
}

/// The title of a widget that holds nothing but it and `bx` (in wrappers
/// of its own): "Popular Posts" over a box of other stories, a share bar's
/// "Share this", a heading or a line that reads as one (`is_title_line`).
/// A title the article's text holds is the article's, but past its last
/// running text; a date or author line over a share bar is the article's
/// header, and a title in a menu or a comment thread ("Post a comment" over
/// its form) the menu's or the thread's.
fn widget_title(cx: &Context, bx: NodeId, kinds: &[u16], bit: u16) -> Option<NodeId> {
    let s = cx.s;
    // `bx` may show no text itself (a bar of icons): it is no spacer.
    let elements = |id: NodeId| {
        s.children(id)
            .filter(move |&c| c == bx || (s.node(c).is_element() && !is_spacer(cx, c)))
    };
    let loose_text = |id: NodeId| {
        s.children(id)
            .any(|c| s.node(c).text().is_some_and(|t| !is_whitespace_only(t)))
    };
    let mut inner = bx;
    let mut widget = s.parent(inner)?;
    while elements(widget).eq([inner]) && !loose_text(widget) && !stops_growth(s, widget) {
        inner = widget;
        widget = s.parent(inner)?;
    }
    let mut children = elements(widget);
    let (title, next, rest) = (children.next()?, children.next()?, children.next());
    let heading = could_title_a_box(cx, title);
    // Past the article's last running text, a heading it kept may title a
    // widget, and so may a line that reads as one, but not over a share bar,
    // where it may sign the article off ("Thanks for reading!").
    let may_sign_off = !heading && bit == 1 << Label::Social as u16;
    (next == inner
        && rest.is_none()
        && !stops_growth(s, widget)
        && !loose_text(widget)
        && (heading || is_title_line(cx, title))
        && (!cx.article_text[title as usize] || (!may_sign_off && title >= cx.article_foot))
        && !is_header_line(
            &cx.blocks.text[title as usize],
            cx.blocks.chars[title as usize],
        )
        && kinds[widget as usize] & MENU_BIT == 0
        && !(std::iter::once(widget).chain(s.ancestors(widget)))
            .any(|a| super::menus::is_menu(s.node(a)))
        && !super::wording::in_a_thread(cx, title))
    .then_some(title)
}

/// A line with no heading's tag that reads as one: a block of few words
/// that holds all its text ("Be Sociable, Share!" over a share bar), not a
/// box of a date line and an author line.
fn is_title_line(cx: &Context, id: NodeId) -> bool {
    let b = cx.blocks;
    matches!(cx.s.node(id).tag(), "div" | "p")
        && b.owner[id as usize] == id
        && b.chars[id as usize] == cx.tally.get(id).chars
        && is_short_title(cx, id)
        && crate::classify::text::word_count(&b.text[id as usize]) <= cx.tuning.heading_max_words
}

/// Whether `bx`, grown from a heading without links, shows nothing but the
/// heading's words (no other text, no image) and holds an empty list or box:
/// a widget ("You may also like") whose list a script fills in later.
fn holds_an_empty_list(cx: &Context, heading: NodeId, bx: NodeId) -> bool {
    let s = cx.s;
    let beside_heading = |d: NodeId| d != heading && !s.is_ancestor(heading, d);
    bx != heading
        && cx.tally.get(heading).links == 0
        && cx.tally.get(bx).images == cx.tally.get(heading).images
        && !s
            .subtree(bx)
            .any(|d| beside_heading(d) && s.node(d).text().is_some_and(|t| !is_whitespace_only(t)))
        && s.subtree(bx).any(|d| {
            beside_heading(d)
                && !s.is_ancestor(d, heading)
                && matches!(s.node(d).tag(), "ul" | "ol" | "div" | "section")
        })
}

/// The list of links that follows `heading`, outside the article's text and
/// holding no prose but its cards' teasers: its next element (spacers
/// aside) if that is a list or a box of cards, else the run of headline
/// cards set one after another with no list around them. `seed` is the
/// heading's own block, `bx` the box it grew to.
fn list_after(cx: &Context, seed: NodeId, bx: NodeId, kinds: &[u16]) -> Vec<NodeId> {
    let s = cx.s;
    let Some(parent) = s.parent(bx) else {
        return Vec::new();
    };
    let linked = |id: NodeId, min_links: u32| {
        let (t, i) = (cx.tally.get(id), id as usize);
        // What cards set under their headlines counts with the links.
        let rest = t.chars.saturating_sub(cx.card_text[i]).max(1) as f32;
        // A list at the article's foot, after its last paragraph, is no
        // part of what it says.
        (!cx.article_text[i] || id >= cx.article_foot)
            && cx.prose[i] == cx.teaser_prose[i]
            && t.links >= min_links
            && t.link_chars >= cx.tuning.heading_list_link_share * rest
    };
    let mut after = (s.children(parent))
        .skip_while(|&c| c != bx)
        .skip(1)
        .filter(|&c| s.node(c).is_element() && !is_spacer(cx, c));
    let Some(next) = after.next() else {
        return Vec::new();
    };
    // A box of cards, under a heading that is no link itself ("Skip to
    // related news").
    let seed_links = cx.tally.get(seed).links;
    let box_of_cards = cx.headline_links[next as usize] >= 2
        && seed_links == 0
        && kinds[next as usize] & MENU_BIT == 0;
    if matches!(s.node(next).tag(), "ul" | "ol") || box_of_cards {
        return if linked(next, 2) {
            vec![next]
        } else {
            Vec::new()
        };
    }
    // A card's "Read more »" heads no run of the cards beside it.
    if cx.headline_links[bx as usize] > 0 || seed_links > 1 {
        return Vec::new();
    }
    let cards: Vec<NodeId> = std::iter::once(next)
        .chain(after)
        .take_while(|&c| cx.headline_links[c as usize] == 1 && linked(c, 1))
        .collect();
    if cards.len() >= cx.tuning.heading_min_cards {
        cards
    } else {
        Vec::new()
    }
}

/// An element between a heading and its cards, or between two cards, that
/// shows no text: a rule, a spacer image, an arrow that links the card
/// again, an empty subtitle. An empty list is the widget's own, which the
/// page fills in later, and no spacer.
fn is_spacer(cx: &Context, id: NodeId) -> bool {
    cx.tally.get(id).chars == 0 && !matches!(cx.s.node(id).tag(), "ul" | "ol")
}
