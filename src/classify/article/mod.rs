//! Finds the article: Readability's candidate scoring (Mozilla, Apache-2.0),
//! carried over to the snapshot. Paragraph-like units score their ancestors;
//! the best-scoring ancestor and its kindred siblings form the article, which
//! is then cleaned of link-heavy lists, forms and embeds. Nothing is mutated:
//! removals are marks, retagging is an override table.

mod candidates;
mod cleanup;
mod removals;
mod scoring;

use super::features::{is_heading, Tallies};
use super::patterns;
use super::text::{has, words};
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
    /// A long comment thread after a short post (`without_a_long_thread`).
    Comments,
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

impl Article {
    /// Calls `visit` on every node the article keeps, in document order,
    /// skipping each dropped subtree whole.
    pub fn visit_kept(&self, s: &Snapshot, mut visit: impl FnMut(NodeId)) {
        for &root in &self.roots {
            let (mut id, end) = (root, s.node(root).end);
            while id < end {
                if self.dropped[id as usize] != Drop::Kept {
                    id = s.node(id).end;
                    continue;
                }
                visit(id);
                id += 1;
            }
        }
    }

    /// Whether the article's text holds a sentence, read as a full stop at
    /// a word's end (`ends_sentence`): a post's does, a forum topic's header
    /// (its title, author and links) does not.
    pub fn says_something(&self, s: &Snapshot) -> bool {
        ends_sentence(&super::text::collapse_whitespace(&self.kept_text(s)))
    }

    /// The text the article keeps, its text nodes joined by spaces.
    fn kept_text(&self, s: &Snapshot) -> String {
        let mut text = String::new();
        self.visit_kept(s, |id| {
            if let Some(t) = s.node(id).text() {
                text.push_str(t);
                text.push(' ');
            }
        });
        text
    }
}

const CHAR_THRESHOLD: u32 = 500;
const TOP_CANDIDATES: usize = 5;

/// Searches a page for its article, as often as the caller masks parts of
/// it: what every search reads of the page (what its class names say, its
/// text nodes' lengths) is worked out once.
pub struct Finder<'a> {
    s: &'a Snapshot,
    page: &'a Tallies,
    names: &'a patterns::ClassCues,
    has_text: Vec<bool>,
    /// `Tuning::post_min_chars`: a post this long beats its comments.
    post_min_chars: u32,
}

impl<'a> Finder<'a> {
    /// `page`: the page's tallies (`Tallies::of_page`).
    pub fn new(
        s: &'a Snapshot,
        page: &'a Tallies,
        names: &'a patterns::ClassCues,
        post_min_chars: u32,
    ) -> Self {
        let has_text = has_text_below(s, page);
        Finder {
            s,
            page,
            names,
            has_text,
            post_min_chars,
        }
    }

    /// Readability's strict pass strips comments by their class names. A
    /// post it found in a box that also holds them, which a relaxed pass
    /// traded for another part of the page (the comments, a sidebar), is
    /// the article all the same: a short post, not the text around it; so
    /// is a post that a relaxed pass cleaned out of a box around it whose
    /// kept text is mostly comments. A post says something in sentences; a
    /// forum topic's header (its title, author and date, over posts named
    /// as comments) does not.
    fn is_post_beside_its_comments(&self, strict: &Article, relaxed: &Article) -> bool {
        let s = self.s;
        if strict.text_chars < self.post_min_chars {
            return false;
        }
        // The relaxed find does not keep the post: it lies elsewhere, or
        // inside the post's box (a sidebar, the comments that the strict
        // pass stripped by their class names), or around it, with the
        // post's box cleaned out as link-heavy.
        // (A text node's ancestors are walked: this runs only when the
        // strict pass found under 500 characters.)
        let mut kept = vec![false; s.len()];
        let (mut text, mut in_threads) = (0, 0);
        relaxed.visit_kept(s, |id| {
            kept[id as usize] = true;
            if let Some(t) = s.node(id).text() {
                let chars = super::text::collapsed_len(t);
                text += chars;
                if super::in_thread(s, self.names, id) {
                    in_threads += chars;
                }
            }
        });
        let within_relaxed =
            |r: NodeId| (relaxed.roots.iter()).any(|&o| o == r || s.is_ancestor(o, r));
        let held_comments = (strict.roots.iter()).any(|&r| {
            s.subtree(r)
                .any(|d| self.names.has(d, patterns::THREAD_NAME))
        });
        !strict.roots.iter().any(|&r| kept[r as usize])
            // Elsewhere, the post's box held comments; around it, the find
            // keeps mostly comments. A forum's posts are named as comments
            // too: there its topic's header, which says nothing in sentences
            // (below), is no post.
            && if strict.roots.iter().all(|&r| within_relaxed(r)) {
                2 * in_threads > text
            } else {
                held_comments
            }
            && strict.says_something(s)
    }

    /// Runs Readability's attempts outside `chrome`, relaxing one flag at a
    /// time while the text found is shorter than 500 characters, and keeps
    /// the first that reaches 500 (or the strict attempt's post beside its
    /// comments, `is_post_beside_its_comments`); failing that, the longest
    /// that lies outside the page's furniture (asides, footers, menus), if
    /// any does.
    pub fn find(&self, chrome: &[bool], title: &str) -> Option<Article> {
        let snapshot = self.s;
        let body = snapshot
            .find_tag("body")
            .or_else(|| (!snapshot.is_empty()).then_some(0))?;
        let mut flags = Flags {
            strip_unlikely: true,
            weight_classes: true,
            clean_conditionally: true,
        };
        let mut attempts = Vec::new();
        loop {
            let article = Grab::new(self, chrome, flags, title, body).run();
            if article.text_chars >= CHAR_THRESHOLD {
                if attempts
                    .first()
                    .is_some_and(|strict| self.is_post_beside_its_comments(strict, &article))
                {
                    return Some(attempts.swap_remove(0));
                }
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
        // Relaxed, Readability may settle on a sidebar's profile or a footer
        // that outscores a short post; the post is still among the attempts.
        let in_furniture = |a: &Article| {
            a.roots.iter().any(|&r| {
                std::iter::once(r)
                    .chain(snapshot.ancestors(r))
                    .any(|x| super::page_content::is_furniture(snapshot.node(x), false))
            })
        };
        attempts
            .into_iter()
            .filter(|a| a.text_chars > 0)
            .max_by_key(|a| (!in_furniture(a), a.text_chars))
    }
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
    page: &'a Tallies,
    /// Whether each node holds text other than whitespace.
    has_text: &'a [bool],
}

impl<'a> Grab<'a> {
    fn new(
        finder: &'a Finder<'a>,
        chrome: &'a [bool],
        flags: Flags,
        title: &'a str,
        body: NodeId,
    ) -> Self {
        let s = finder.s;
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
            names: finder.names,
            page: finder.page,
            has_text: &finder.has_text,
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
        self.tally = self.page.resum(s, &self.skip, &|id| {
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

    fn drop_node(&mut self, id: NodeId, why: Drop) {
        self.dropped[id as usize] = why;
        for d in self.s.subtree(id) {
            self.skip[d as usize] = true;
        }
        self.tally.remove(self.s, id);
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
    let b = text.as_bytes();
    (b.iter().enumerate()).any(|(i, &c)| c == b'.' && matches!(b.get(i + 1), None | Some(b' ')))
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
        && !node.attr("class").is_some_and(|c| has(c, "fallback-image"))
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
            !has(&style, "display:none") && !has(&style, "visibility:hidden")
        }
        None => true,
    }
}

/// Whether each node holds text other than whitespace.
fn has_text_below(s: &Snapshot, page: &Tallies) -> Vec<bool> {
    let mut has = vec![false; s.len()];
    for id in (0..s.len()).rev() {
        let node = &s.nodes[id];
        if let Some(t) = node.text() {
            has[id] = !page.is_blank(id as NodeId, t);
        }
        if has[id] && node.parent != u32::MAX {
            has[node.parent as usize] = true;
        }
    }
    has
}

/// How much of the page's title a heading must say to be its headline, or
/// of a heading the title must say for the heading to repeat it (Readability
/// takes `textSimilarity` both ways, with this one threshold).
pub const TITLE_SIMILARITY: f32 = 0.75;

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

#[cfg(all(test, feature = "html"))]
mod tests {
    use super::*;
    use crate::adapter::html::parse_str;
    use crate::classify::tuning::Tuning;

    /// A post of two sentences beside a sidebar whose profile has more.
    #[test]
    fn a_short_post_beats_a_longer_profile_in_the_sidebar() {
        let about = "I write about old films and the people who made them, and I have done so for twenty years, \
                     first in print, then here, with a weekly post on a film that deserves a second look.";
        let html = format!(
            "<html><body><div id=\"main\"><div class=\"post\"><h2>Honor Flight</h2>\
             <p>A trailer for the documentary about the veterans who flew to see their memorial, \
             with a word from the makers, who are still looking for a distributor.</p></div></div>\
             <div class=\"sidebar\"><div class=\"widget\"><h2>About me</h2><p>{about}</p><p>{about}</p></div></div>\
             </body></html>"
        );
        let s = parse_str(&html);
        let (page, names) = (Tallies::of_page(&s), patterns::ClassCues::compute(&s));
        let article = Finder::new(&s, &page, &names, Tuning::default().post_min_chars)
            .find(&vec![false; s.len()], "")
            .expect("an article");
        let text: String = article
            .roots
            .iter()
            .flat_map(|&r| s.subtree(r))
            .filter_map(|d| s.node(d).text())
            .collect();
        assert!(text.contains("veterans"), "{text}");
        assert!(!text.contains("old films"), "{text}");
    }

    fn found_text(html: &str) -> String {
        found_text_titled(html, "")
    }

    fn found_text_titled(html: &str, title: &str) -> String {
        let s = parse_str(html);
        let (page, names) = (Tallies::of_page(&s), patterns::ClassCues::compute(&s));
        let article = Finder::new(&s, &page, &names, Tuning::default().post_min_chars)
            .find(&vec![false; s.len()], title)
            .expect("an article");
        article.kept_text(&s)
    }

    /// A layout box named for its sidebar ("page-with-sidebar") around the
    /// headline and the whole article is no sidebar, though a notice outside
    /// it is long enough to pass for the article once the box is gone.
    #[test]
    fn a_box_named_for_its_sidebar_around_the_article_is_kept() {
        let notice =
            "Some of the offers on this site come from companies that pay us when you follow \
                      a link, and that may change where and how an offer appears on a page. ";
        let paragraph = "<p>The ferry leaves the north pier every half hour, and in summer a water taxi \
                         waits beside it, which costs more but lands you right at the market steps.</p>";
        let html = format!(
            "<html><body><div class=\"disclosure\"><p>{}</p></div>\
             <div class=\"page-with-sidebar\"><h1>Ten ways to cross the harbour</h1>{}\
             <div class=\"sidebar\"><p>Popular: bridges</p></div></div></body></html>",
            notice.repeat(4),
            paragraph.repeat(6)
        );
        let text = found_text_titled(&html, "Ten ways to cross the harbour | Harbour Notes");
        assert!(text.contains("water taxi"), "{text}");
        assert!(!text.contains("offers on this site"), "{text}");
    }

    /// A box beside the post may hold the site's name in an `<h1>` and more
    /// text than the post: it is still no article.
    #[test]
    fn a_box_with_the_site_name_in_its_headline_is_dropped() {
        let post = "<p>The most honest ad of the week, a subway poster in the wrong place, and a zoo \
                    that finally found a copywriter: the week's best posts, in one list for you.</p>";
        let about = "<p>I have written advertising copy in this city for nineteen years, and here I \
                     say what I think of the ads I pass on the way to work, good and bad alike.</p>";
        let html = format!(
            "<html><body><div id=\"content\"><div class=\"post\"><h2>The week's six best posts</h2>\
             {}</div><div id=\"extra\"><h1>copyranter</h1>{}</div></div></body></html>",
            post.repeat(4),
            about.repeat(8)
        );
        let text = found_text_titled(&html, "copyranter: The week's six best posts");
        assert!(text.contains("subway poster"), "{text}");
        assert!(!text.contains("nineteen years"), "{text}");
    }

    /// A script's state parked as JSON in a hidden box: thousands of commas,
    /// none of them a reader's.
    #[test]
    fn serialized_state_in_a_box_is_not_the_article() {
        let items: Vec<String> = (0..120)
            .map(|i| format!("{{\"id\":\"B0{i:05}\",\"price\":{i},\"tags\":[\"a\",\"b\"]}}"))
            .collect();
        let state = format!("{{\"widget\":\"grid\",\"items\":[{}]}}", items.join(","));
        let html = format!(
            "<html><body><div class=\"state\">{state}</div><div class=\"post\"><h2>Tide tables</h2>\
             <p>The harbour master posts the week's tides each Monday, and the ferry keeps to them, \
             so check them before you sail, or ring the office, which opens at eight.</p></div></body></html>"
        );
        let text = found_text(&html);
        assert!(text.contains("harbour master"), "{text}");
        assert!(!text.contains("widget"), "{text}");
    }

    /// A short post in a box that also holds its long comment thread.
    fn post_with_comments(post: &str) -> String {
        let comment = "I ran this one on Saturday with my club, and it took us well over an hour, \
                       but the last mile was the best of it, with the whole group cheering.";
        let comments: String = (0..6)
            .map(|i| format!("<div class=\"comment-body\"><p>{comment} Number {i}.</p></div>"))
            .collect();
        format!(
            "<html><body><div class=\"entry\"><div class=\"post\"><h2>Workout of the day</h2>{post}</div>\
             <div class=\"comments\">{comments}</div></div></body></html>"
        )
    }

    #[test]
    fn a_short_post_beside_its_comments_is_the_article_when_it_says_something() {
        let post = "<p>Ten miles for time, in honour of a soldier who ran them every week. \
                    Scale the distance if you must, but finish it, and tell us how it went.</p>";
        let text = found_text(&post_with_comments(post));
        assert!(text.contains("Ten miles"), "{text}");
        assert!(!text.contains("with my club"), "{text}");
        let header = "<p><a href=\"/u/1\">By Harbour Runner</a> <a href=\"/t\">General topics</a> \
                      <a href=\"/f\">Followers</a> <a href=\"/l\">Go to the topic listing</a> \
                      <span>October 29, 2025 in General topics of the Harbour Runners club forum</span> \
                      <span>Share this topic with your running friends</span> <span>Replies 6</span></p>";
        let text = found_text(&post_with_comments(header));
        assert!(
            text.contains("with my club"),
            "a topic's header is no post: {text}"
        );
    }

    /// The relaxed pass may find the comments in a box around the post,
    /// with the post's own box cleaned out of it as link-heavy (a story
    /// with its tags and share links, over its comments): the post is the
    /// article when what that find keeps is mostly comments.
    #[test]
    fn a_post_cleaned_out_of_the_box_its_comments_fill_is_the_article() {
        let comment = "I ran this one on Saturday with my club, and it took us well over an hour.";
        let thread = |class: &str| -> String {
            (0..6)
                .map(|i| format!("<div class=\"{class}\"><p>{comment} Number {i}.</p></div>"))
                .collect()
        };
        let judge = |comments: String, cleaned: bool| {
            let s = parse_str(&format!(
                "<html><body><div id=\"main\"><article><div id=\"body\">Ten miles for time, in \
                 honour of a soldier who ran them every week. Scale the distance if you must, but \
                 finish it, and then tell us how it went.</div></article>{comments}</div></body></html>"
            ));
            let (page, names) = (Tallies::of_page(&s), patterns::ClassCues::compute(&s));
            let finder = Finder::new(&s, &page, &names, Tuning::default().post_min_chars);
            let id = |name| (0..s.len() as NodeId).find(|&i| s.node(i).attr("id") == Some(name));
            let (main, body) = (id("main").unwrap(), id("body").unwrap());
            let article = |root, dropped| Article {
                roots: vec![root],
                top: Some(root),
                dropped,
                byline: None,
                text_chars: page.get(root).chars,
            };
            let mut dropped = vec![Drop::Kept; s.len()];
            if cleaned {
                dropped[s.parent(body).unwrap() as usize] = Drop::Cleaned;
            }
            let strict = article(body, vec![Drop::Kept; s.len()]);
            finder.is_post_beside_its_comments(&strict, &article(main, dropped))
        };
        assert!(judge(thread("comment"), true));
        assert!(!judge(thread("comment"), false), "the find keeps the post");
        assert!(
            !judge(thread("entry"), true),
            "the find is no comment thread"
        );
    }
}
