//! A site's menus are how a reader gets around, not chrome. Their drop-downs
//! hold grids of links that look like lists of cards (sections, products,
//! each with a line under it); hiding one would leave its menu empty.

use super::{Context, Found};
use crate::classify::cues::{self, CueKind};
use crate::classify::text::{collapse_whitespace, lower};
use crate::classify::tuning::Tuning;
use crate::label::Label;
use crate::snapshot::{Node, NodeId, Snapshot};

/// Drops the link farms found by their shape alone inside the site's menus,
/// except those whose links lead to stories ("Latest" headlines in a header).
/// A list a menu names ("Trending") stays chrome: its wording found it.
pub(super) fn keep_the_menus(cx: &Context, mut found: Vec<Found>) -> Vec<Found> {
    found.retain(|f| {
        f.label != Label::LinkFarm
            || !f.by_shape_alone
            || !in_a_menu(cx.s, f.node)
            || leads_to_stories(cx.s, f.node, cx.tuning)
    });
    found
}

/// A menu's element: a `<nav>`, or a navigation, menu or menubar role.
pub(super) fn is_menu(node: &Node) -> bool {
    node.tag() == "nav" || matches!(node.attr("role"), Some("navigation" | "menu" | "menubar"))
}

/// Whether list item `li` is a single link: more than
/// `Tuning::menu_entry_min_link_density` of its text is its one link.
pub(super) fn is_single_link_item(cx: &Context, li: NodeId) -> bool {
    let t = cx.tally.get(li);
    t.links == 1 && t.link_density() > cx.tuning.menu_entry_min_link_density
}

/// Whether `block` is an entry of a menu: a list item that is a single link
/// (`is_single_link_item`), in a list of `Tuning::menu_min_items` linked
/// items or more. It names a page of the site ("Newsletters").
pub(super) fn is_entry(cx: &Context, block: NodeId) -> bool {
    let s = cx.s;
    let Some(item) = (std::iter::once(block).chain(s.ancestors(block)))
        .take(3)
        .find(|&a| s.node(a).tag() == "li")
    else {
        return false;
    };
    let linked = |li: NodeId| s.node(li).tag() == "li" && cx.tally.get(li).links >= 1;
    is_single_link_item(cx, item)
        && s.parent(item).is_some_and(|list| {
            s.children(list).filter(|&c| linked(c)).count() >= cx.tuning.menu_min_items
        })
}

/// Whether `block` is a row of links (`Tuning::menu_min_items` or more set
/// in its own text) whose wording of `kind` lies in its links alone:
/// "Privacy | Terms | Cookie Preferences" names pages, where a banner says
/// "We use cookies" in words of its own. (Buttons are no such links: "I
/// Accept | Reject All | Show Purposes" is a banner's own row.)
pub(super) fn is_row_naming_pages(cx: &Context, block: NodeId, kind: CueKind) -> bool {
    let s = cx.s;
    let link = |n: NodeId| s.node(n).tag() == "a";
    let (mut links, mut own) = (0, String::new());
    for d in s.subtree(block) {
        if cx.blocks.owner[d as usize] != block {
            continue;
        }
        if link(d) {
            links += 1;
        } else if let Some(t) = s.node(d).text() {
            let in_link = (s.ancestors(d)).take_while(|&a| a != block).any(link);
            if !in_link {
                own.push_str(t);
                own.push(' ');
            }
        }
    }
    links >= cx.tuning.menu_min_items
        && !(cues::scan(&collapse_whitespace(&lower(&own))).iter()).any(|h| h.kind == kind)
}

/// Whether `node` lies in the site's menus: a menu's element (`is_menu`), a
/// banner, or a `<header>` that is not an article's.
pub(super) fn in_a_menu(s: &Snapshot, node: NodeId) -> bool {
    let mut menu = false;
    for a in std::iter::once(node).chain(s.ancestors(node)) {
        let n = s.node(a);
        if n.tag() == "article" {
            return false;
        }
        menu = menu || is_menu(n) || n.tag() == "header" || n.attr("role") == Some("banner");
    }
    menu
}

/// Whether at least `Tuning::menu_story_link_share` of the links under
/// `node` lead to stories.
fn leads_to_stories(s: &Snapshot, node: NodeId, tuning: &Tuning) -> bool {
    let (mut links, mut stories) = (0, 0);
    for href in s.subtree(node).filter_map(|d| s.node(d).attr("href")) {
        links += 1;
        stories += usize::from(is_story_address(href, tuning.story_slug_min_words));
    }
    links > 0 && stories as f32 >= links as f32 * tuning.menu_story_link_share
}

/// Characters a file extension has at most ("html", "aspx").
const MAX_EXTENSION: usize = 5;

/// An address whose path's last part, without its extension, is a slug of
/// at least `min_words` words: a headline's, as story addresses are written
/// ("…/index.html" names the part before it).
fn is_story_address(href: &str, min_words: usize) -> bool {
    // Bytes, not `str` patterns: their searchers would grow the `.wasm`.
    let href = href.as_bytes();
    let end = (href.iter())
        .position(|&c| c == b'?' || c == b'#')
        .unwrap_or(href.len());
    let mut path = href.get(..end).unwrap_or_default();
    // An absolute address's host is no part of its path.
    if let Some(i) = path.windows(2).position(|w| w == b"//") {
        let rest = path.get(i + 2..).unwrap_or_default();
        path = match rest.iter().position(|&c| c == b'/') {
            Some(start) => rest.get(start..).unwrap_or_default(),
            None => &[],
        };
    }
    let mut parts = (path.rsplit(|&c| c == b'/'))
        .filter(|p| !p.is_empty())
        .map(without_extension);
    let slug = match parts.next() {
        Some(b"index" | b"default") => parts.next(),
        last => last,
    };
    let Some(slug) = slug else {
        return false;
    };
    (slug.split(|&c| c == b'-' || c == b'_'))
        .filter(|w| !w.is_empty())
        .count()
        >= min_words
}

/// A path's part without its file extension ("html", "aspx").
fn without_extension(part: &[u8]) -> &[u8] {
    match part.iter().rposition(|&c| c == b'.') {
        Some(dot)
            if part.len() - dot - 1 <= MAX_EXTENSION
                && (part.get(dot + 1..).unwrap_or_default())
                    .iter()
                    .all(u8::is_ascii_alphanumeric) =>
        {
            part.get(..dot).unwrap_or_default()
        }
        _ => part,
    }
}

#[cfg(test)]
mod tests {
    use super::is_story_address;

    #[test]
    fn a_story_address_ends_in_a_headline_slug() {
        for story in [
            "http://www.theverge.com/2012/11/12/3633984/future-of-tv-over-the-top",
            "/articles/american-adds-flagship-suites-to-six-routes.html",
            "/news/why_the_tide_turns_early/?ref=menu#top",
            "/2024/u.s.-election-results-in-full",
            "https://news.example/the-harbour-wall-will-be-rebuilt.aspx",
            "https://edition.example/2024/05/12/politics/trial-verdict-is-reached/index.html",
        ] {
            assert!(is_story_address(story, 4), "{story}");
        }
        for section in [
            "https://cloud.google.com/solutions/modern-infrastructure",
            "https://cloud.google.com/ai",
            "/Sony-LinkBuds-Open-Wireless/dp/B0C1BTXM9W",
            "https://www.example-long-host-name-here.com/",
            "https://best-running-shoes-guide-today.com",
            "//best-running-shoes-guide-today.com?x=1",
            "/shop/index.html",
            "/2012/11/ferry",
            "",
        ] {
            assert!(!is_story_address(section, 4), "{section}");
        }
    }
}
