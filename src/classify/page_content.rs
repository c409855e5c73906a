//! What a page is for when it is not one article: a product, a listing, a
//! forum thread, a service page. Readability looks for the one subtree with
//! the most running text; such pages spread their content over many short
//! items, so Readability keeps a fragment of it, and the chrome filters take
//! the page's own lists of products or posts for link farms.
//!
//! The page's content here is its main landmark (`<main>`, or the body)
//! without the parts every page has around its content: navigation
//! landmarks, complementary asides, dialogs, hidden subtrees and chrome found
//! by its wording. The classifier then asks which of the two readings holds:
//! an article page, whose article holds a fair share of the page's running
//! text (`Tuning::article_page_prose_share`), or a page of content that is
//! not one article.

use super::article::{is_probably_visible, Article};
use super::blocks::Blocks;
use super::chrome::{is_prose, Found};
use super::metadata::Metadata;
use super::text::has;
use super::tuning::Tuning;
use crate::label::Label;
use crate::snapshot::{NodeId, Snapshot};

pub struct PageContent {
    /// The main landmark, or the body.
    pub root: NodeId,
    /// Subtree roots left out of the page's content.
    pub left_out: Vec<bool>,
    /// Characters of running text in the page's content.
    pub prose_chars: u32,
    /// Characters of any text in the page's content.
    pub chars: u32,
}

impl PageContent {
    /// `threads[id]` is the comment thread `id` lies in, if any. Chrome is
    /// left out, but for the page's own `lists` (`Found::is_page_list`).
    pub fn find(
        s: &Snapshot,
        blocks: &Blocks,
        chrome: &[Found],
        threads: &[Option<NodeId>],
        lists: PageLists,
        tuning: &Tuning,
    ) -> Option<PageContent> {
        let body = s.find_tag("body")?;
        let root = main_landmark(s, blocks, body, tuning).unwrap_or(body);
        let mut left_out = vec![false; s.len()];
        for f in chrome.iter().filter(|f| !f.is_page_list(lists)) {
            left_out[f.node as usize] = true;
        }
        for thread in threads.iter().flatten() {
            left_out[*thread as usize] = true;
        }
        let mut in_article_element = vec![false; s.len()];
        for id in s.subtree(root) {
            let node = s.node(id);
            if !node.is_element() {
                continue;
            }
            let parent_in_article = s
                .parent(id)
                .is_some_and(|p| in_article_element[p as usize] || s.node(p).tag() == "article");
            in_article_element[id as usize] = parent_in_article;
            if id != root && is_left_out(node, parent_in_article) {
                left_out[id as usize] = true;
            }
        }
        let mut prose_chars = 0;
        let mut chars = 0;
        let mut skip_until = 0;
        for id in s.subtree(root) {
            if id < skip_until {
                continue;
            }
            if left_out[id as usize] {
                skip_until = s.node(id).end;
                continue;
            }
            if blocks.owner[id as usize] == id {
                chars += blocks.chars[id as usize];
                if is_prose(blocks, id, tuning) {
                    prose_chars += blocks.chars[id as usize];
                }
            }
        }
        Some(PageContent {
            root,
            left_out,
            prose_chars,
            chars,
        })
    }

    /// Whether Readability's article is what this page is for. Never on a
    /// home page (`Metadata::is_home_page`): its lead story is one of many.
    /// Elsewhere, when it is long enough and holds a fair share of the
    /// running text the page's content has, or the content has too little
    /// running text to say otherwise; and the page does not say it is
    /// something else while the article holds little of its text
    /// (`says_it_is_not_one`), nor, with a main landmark, holds a small
    /// article without saying it is one: a site that marks its content
    /// with `<main>` marks where a service or listing page's content ends,
    /// so the page's content is a safe extraction there (on old pages
    /// without one, the body is not). That holds however little running
    /// text the content has: gated on `page_min_prose_chars`, the rule
    /// lost 0.002 F1 on the modern corpus.
    /// A short article (from `Tuning::post_min_chars`) is long enough when
    /// it is `headed`: its text keeps the page's headline, a blog post of a
    /// few sentences under its own title. (Its extraction is then the post;
    /// chrome is hidden around an article only from `article_min_chars`
    /// on, on such a page as on any other: counting from there lost F1.)
    /// `article_prose`: the article's running text (`article_prose_chars`).
    pub fn is_article_page(
        &self,
        s: &Snapshot,
        metadata: &Metadata,
        article: Option<&Article>,
        headed: bool,
        article_prose: u32,
        tuning: &Tuning,
    ) -> bool {
        let Some(a) = article else { return false };
        let has_main_landmark = s.node(self.root).tag() != "body";
        let short_post = headed && a.text_chars >= tuning.post_min_chars;
        if metadata.is_home_page()
            || (a.text_chars < tuning.article_page_min_chars && !short_post)
            || self.says_it_is_not_one(metadata, a, tuning)
            || (has_main_landmark
                && self.holds_a_small_article(
                    metadata,
                    article_prose,
                    tuning.main_page_article_share,
                ))
        {
            return false;
        }
        let share = if metadata.says_article() && 2 * article_prose >= a.text_chars {
            tuning.stated_article_prose_share
        } else {
            tuning.article_page_prose_share
        };
        self.prose_chars < tuning.page_min_prose_chars
            || article_prose as f32 >= share * self.prose_chars as f32
    }

    /// The page says it is not an article (`og:type` "website", "product")
    /// and the article holds a small share of the content's text: a home
    /// page whose lead story Readability took for the article, a product
    /// page with its description.
    fn says_it_is_not_one(&self, metadata: &Metadata, a: &Article, tuning: &Tuning) -> bool {
        metadata.says_other_than_article()
            && (a.text_chars as f32) < tuning.listed_page_article_share * self.chars as f32
    }

    /// Whether, on a page that does not say it is an article, the article's
    /// running text (`article_prose`) is under `share` of the content's text.
    pub fn holds_a_small_article(
        &self,
        metadata: &Metadata,
        article_prose: u32,
        share: f32,
    ) -> bool {
        !metadata.says_article() && (article_prose as f32) < share * self.chars as f32
    }

    /// Whether find `f` lies in the page's content: nothing around it is left
    /// out, nor is it, unless only as chrome.
    pub fn holds_find(&self, s: &Snapshot, f: &Found) -> bool {
        let node = s.node(f.node);
        let only_as_chrome = !f.is_page_list(PageLists::ByShape)
            && !is_furniture(node, false)
            && is_probably_visible(node);
        s.parent(f.node).is_some_and(|up| !self.leaves_out(s, up))
            && (!self.left_out[f.node as usize] || only_as_chrome)
    }

    /// Whether `id` lies in a subtree left out of the page's content.
    pub fn leaves_out(&self, s: &Snapshot, id: NodeId) -> bool {
        std::iter::once(id)
            .chain(s.ancestors(id))
            .take_while(|&a| a != self.root)
            .any(|a| self.left_out[a as usize])
            || !(id == self.root || s.is_ancestor(self.root, id))
    }
}

/// The largest `<main>` (or `role=main`) element, if it holds a fair share
/// of the page's text; some pages mark a tiny widget as main.
fn main_landmark(s: &Snapshot, blocks: &Blocks, body: NodeId, tuning: &Tuning) -> Option<NodeId> {
    // Text below every node in one pass up the tree: a page may nest any
    // number of elements marked main.
    let mut below = vec![0u64; s.len()];
    for id in (0..s.len()).rev() {
        if blocks.owner[id] == id as NodeId {
            below[id] += blocks.chars[id] as u64;
        }
        if let Some(p) = s.parent(id as NodeId) {
            below[p as usize] += below[id];
        }
    }
    let page = below[body as usize].max(1);
    s.subtree(body)
        .filter(|&id| {
            let n = s.node(id);
            n.tag() == "main" || n.attr("role") == Some("main")
        })
        .map(|id| (below[id as usize], id))
        .max()
        .filter(|&(chars, _)| chars as f32 >= tuning.main_landmark_min_share * page as f32)
        .map(|(_, id)| id)
}

/// The parts every page has around its content, by tag or landmark role:
/// menus, footers, asides, dialogs, banners, search.
pub(super) fn is_landmark_furniture(node: &crate::snapshot::Node) -> bool {
    matches!(node.tag(), "nav" | "footer" | "aside" | "dialog" | "button")
        || matches!(
            node.attr("role").unwrap_or(""),
            "navigation"
                | "banner"
                | "contentinfo"
                | "search"
                | "complementary"
                | "dialog"
                | "alertdialog"
                | "menu"
                | "menubar"
        )
}

/// The parts every page has around its content: landmarks, a page header,
/// a search form, and what class names call menus, footers or sidebars.
/// An element the page's content leaves out, with all below it: the page's
/// furniture, or what the page does not show.
fn is_left_out(node: &crate::snapshot::Node, in_article_element: bool) -> bool {
    is_furniture(node, in_article_element) || !is_probably_visible(node)
}

pub(super) fn is_furniture(node: &crate::snapshot::Node, in_article_element: bool) -> bool {
    let tag = node.tag();
    if is_landmark_furniture(node)
        || (tag == "form" && is_search_form(node))
        || (tag == "header" && !in_article_element)
    {
        return true;
    }
    let names = [node.attr("class"), node.attr("id")];
    names.into_iter().flatten().any(|v| {
        v.split(|c: char| !c.is_ascii_alphanumeric()).any(|t| {
            [
                "nav",
                "navbar",
                "navigation",
                "menu",
                "footer",
                "breadcrumb",
                "breadcrumbs",
                "masthead",
                "sidebar",
                "skip",
            ]
            .iter()
            .any(|w| t.eq_ignore_ascii_case(w))
        })
    })
}

fn is_search_form(node: &crate::snapshot::Node) -> bool {
    [node.attr("role"), node.attr("class"), node.attr("id")]
        .into_iter()
        .flatten()
        .any(|v| has(&v.to_ascii_lowercase(), "search"))
}

/// Characters of running text the article keeps.
pub fn article_prose_chars(s: &Snapshot, blocks: &Blocks, a: &Article, tuning: &Tuning) -> u32 {
    let mut chars = 0;
    a.visit_kept(s, |id| {
        if blocks.owner[id as usize] == id && is_prose(blocks, id, tuning) {
            chars += blocks.chars[id as usize];
        }
    });
    chars
}

/// Which link farms, on a page that is not an article, are the page's own
/// lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageLists {
    /// A grid of product or post cards found by its shape alone.
    ByShape,
    /// Those, and cards under a heading ("Latest news"), on a page that says
    /// it is not an article.
    WithCards,
    /// Every one: a home page's lists of stories are what it is for.
    All,
}

/// What the whole page's classification made of the page, for the passes
/// over content it adds later, which see only that content: whether the
/// page keeps its own lists of cards, which ones, whether its content is a
/// main landmark or the body, and where it is (its canonical URL, for the
/// links that lead below it). A listing's grid drawn after load is the
/// listing's, as it would be in the first pass.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageReading {
    /// The page's own lists, on a page that keeps them; None on an article
    /// page, where every list of cards is chrome.
    pub own_lists: Option<PageLists>,
    /// Whether the page's content is its main landmark (else the body).
    pub in_main: bool,
    /// At most `MAX_CANONICAL_BYTES`: the page writes it.
    pub canonical: Option<String>,
}

/// A canonical URL longer than this is left out of a reading (front ends
/// carry the reading in messages of bounded size).
const MAX_CANONICAL_BYTES: usize = 2048;

impl PageReading {
    pub fn new(
        own_lists: Option<PageLists>,
        in_main: bool,
        canonical: Option<&str>,
    ) -> PageReading {
        PageReading {
            own_lists,
            in_main,
            canonical: canonical
                .filter(|c| c.len() <= MAX_CANONICAL_BYTES)
                .map(str::to_string),
        }
    }

    /// The reading as one string, for a front end to hand back unread: a
    /// digit for `own_lists`, "m" or "b" for the content's root, then the
    /// canonical URL.
    pub fn to_token(&self) -> String {
        let lists = match self.own_lists {
            None => "0",
            Some(PageLists::ByShape) => "1",
            Some(PageLists::WithCards) => "2",
            Some(PageLists::All) => "3",
        };
        let root = if self.in_main { "m" } else { "b" };
        [lists, root, self.canonical.as_deref().unwrap_or("")].concat()
    }

    /// The reading `to_token` wrote; anything else reads as a page that
    /// keeps no lists (late content is then judged by its own wording and
    /// shape alone).
    pub fn from_token(token: &str) -> PageReading {
        let own_lists = match token.as_bytes().first() {
            Some(b'0') => None,
            Some(b'1') => Some(PageLists::ByShape),
            Some(b'2') => Some(PageLists::WithCards),
            Some(b'3') => Some(PageLists::All),
            _ => return PageReading::default(),
        };
        let in_main = match token.as_bytes().get(1) {
            Some(b'm') => true,
            Some(b'b') => false,
            _ => return PageReading::default(),
        };
        let canonical = token.get(2..).unwrap_or_default();
        PageReading::new(
            own_lists,
            in_main,
            Some(canonical).filter(|c| !c.is_empty()),
        )
    }

    /// Whether `f`, found in content added later, is one of the page's own
    /// lists: a list the page keeps, inside its content's root (its main
    /// landmark, or the body) and outside the furniture there (menus,
    /// asides, footers), and not hidden, as `PageContent::find` reads the
    /// whole page.
    pub fn keeps(&self, s: &Snapshot, f: &Found) -> bool {
        let Some(lists) = self.own_lists else {
            return false;
        };
        if !f.is_page_list(lists) {
            return false;
        }
        let is_root = |id: NodeId| {
            let n = s.node(id);
            if self.in_main {
                n.tag() == "main" || n.attr("role") == Some("main")
            } else {
                n.tag() == "body"
            }
        };
        // Up from the find to the content's root, which must be there.
        for a in std::iter::once(f.node).chain(s.ancestors(f.node)) {
            if is_root(a) {
                return true;
            }
            let node = s.node(a);
            let in_article_element =
                node.tag() == "header" && s.ancestors(a).any(|up| s.node(up).tag() == "article");
            if is_left_out(node, in_article_element) {
                return false;
            }
        }
        false
    }
}

impl Found {
    pub fn is_page_list(&self, lists: PageLists) -> bool {
        self.label == Label::LinkFarm
            && match lists {
                PageLists::ByShape => self.by_shape_alone,
                PageLists::WithCards => self.by_shape_alone || self.holds_cards,
                PageLists::All => true,
            }
    }
}

#[cfg(all(test, feature = "html"))]
mod tests {
    use super::*;
    use crate::adapter::html::parse_str;
    use crate::classify::article::Drop;
    use crate::classify::classify;
    use crate::classify::features::Tallies;

    const PROSE: &str = "The council voted on Tuesday to rebuild the harbour wall, which storms have breached twice this winter, and work will start in the spring, the mayor said.";

    #[test]
    fn a_reading_goes_through_a_string_and_nonsense_reads_as_none() {
        for reading in [
            PageReading::default(),
            PageReading::new(
                Some(PageLists::WithCards),
                true,
                Some("https://shop.example/shoes/"),
            ),
            PageReading::new(Some(PageLists::All), false, None),
        ] {
            assert_eq!(PageReading::from_token(&reading.to_token()), reading);
        }
        for nonsense in [
            "",
            "1",
            "9bhttps://x.example/",
            "https://x.example/",
            "1x",
            "\u{0}",
        ] {
            assert_eq!(PageReading::from_token(nonsense), PageReading::default());
        }
        let long = format!("https://x.example/{}", "a".repeat(MAX_CANONICAL_BYTES));
        let reading = PageReading::new(Some(PageLists::ByShape), true, Some(&long));
        assert_eq!(reading.canonical, None);
        assert_eq!(reading.to_token(), "1m");
    }

    /// A lead story, a grid of six story cards, and a list of tide times:
    /// the lead holds under a third of the page's text.
    fn front_page(og_type: &str) -> crate::snapshot::Snapshot {
        front_page_with(og_type, 3, "")
    }

    /// `lead` paragraphs of running text before the grid; `aside` after main.
    fn front_page_with(og_type: &str, lead: usize, aside: &str) -> crate::snapshot::Snapshot {
        parse_str(&front_page_html(og_type, lead, aside))
    }

    /// The same page, with no `<main>` landmark.
    fn front_page_without_main(og_type: &str, lead: usize) -> crate::snapshot::Snapshot {
        let html = front_page_html(og_type, lead, "");
        parse_str(&html.replace("<main>", "<div>").replace("</main>", "</div>"))
    }

    /// `n` story cards: a headline link each, then `after` it.
    fn story_cards(n: usize, after: &str) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "<li><a href=\"/story-{i}\">Harbour works number {i} begin after the winter \
                     storms</a>{after}</li>"
                )
            })
            .collect()
    }

    const READ_TIME: &str = " <span>4 min read</span>";

    fn front_page_html(og_type: &str, lead: usize, aside: &str) -> String {
        let cards = story_cards(6, READ_TIME);
        let tide = |i: usize| {
            format!("<li>Pier {i}: high water 06:{i}0 and 18:{i}5, low water 12:{i}0</li>")
        };
        let tides: String = (10..30).map(tide).collect();
        let lead = format!("<p>{PROSE}</p>").repeat(lead);
        let body = format!(
            "<main><div class=\"lead\"><h2>Harbour wall</h2>{lead}</div>\
             <ul class=\"stories\">{cards}</ul><ul>{tides}</ul></main>{aside}"
        );
        format!(
            "<html><head><title>The Harbour Times</title>\
             <meta property=\"og:type\" content=\"{og_type}\"></head><body>{body}</body></html>"
        )
    }

    /// The text of `id`'s subtree.
    fn s_text(s: &crate::snapshot::Snapshot, id: u32) -> String {
        s.subtree(id).filter_map(|d| s.node(d).text()).collect()
    }

    fn hidden_grids(s: &crate::snapshot::Snapshot) -> usize {
        classify(s)
            .blocks
            .iter()
            .filter(|b| b.label == Label::LinkFarm && s.node(b.node).attr("class").is_some())
            .count()
    }

    #[test]
    fn a_page_that_says_it_is_a_website_keeps_its_grids_of_stories() {
        let s = front_page("website");
        assert!(!classify(&s).is_article_page);
        assert_eq!(hidden_grids(&s), 0);
    }

    #[test]
    fn a_website_whose_lead_holds_most_text_still_keeps_its_grids_but_not_chrome_around_them() {
        let cards: String = (0..6)
            .map(|i| format!("<li><a href=\"/elsewhere-{i}\">Five things to read about storms number {i}</a></li>"))
            .collect();
        let aside = format!("<aside><ul class=\"more\">{cards}</ul></aside>");
        let s = front_page_with("website", 12, &aside);
        assert!(
            classify(&s).is_article_page,
            "the lead reads as the article"
        );
        let hidden: Vec<_> = classify(&s)
            .blocks
            .iter()
            .filter(|b| b.label == Label::LinkFarm)
            .map(|b| {
                s.node(b.node)
                    .attr("class")
                    .unwrap_or(s.node(b.node).tag())
                    .to_string()
            })
            .collect();
        assert!(!hidden.iter().any(|c| c == "stories"), "{hidden:?}");
        assert!(!hidden.is_empty(), "the aside's list is still chrome");
        assert!(hidden_grids(&front_page_with("article", 12, &aside)) >= 1);
    }

    #[test]
    fn a_home_page_is_no_article_however_long_its_lead_story() {
        let with_canonical = |href: &str| {
            let html = front_page_html("", 12, "");
            let link = format!("<link rel=\"canonical\" href=\"{href}\"></head>");
            parse_str(&html.replace("</head>", &link))
        };
        let home = with_canonical("https://harbour.example/");
        assert!(!classify(&home).is_article_page);
        assert_eq!(hidden_grids(&home), 0, "the home page's own grid");
        let story = with_canonical("https://harbour.example/2026/12/harbour-wall");
        assert!(classify(&story).is_article_page);
        assert_eq!(hidden_grids(&story), 1);
    }

    #[test]
    fn a_home_page_keeps_its_worded_lists_of_stories() {
        let html = listing_html("", "Most popular", &story_cards(8, ""));
        assert!(
            hides(&parse_str(&html), "Harbour works number 7"),
            "a worded list is chrome"
        );
        let canonical = "<link rel=\"canonical\" href=\"https://harbour.example/\"></head>";
        let home = parse_str(&html.replace("</head>", canonical));
        assert!(
            !hides(&home, "Harbour works number 7"),
            "but a home page's own"
        );
        let c = classify(&home);
        let card = (c.blocks.iter())
            .find(|b| s_text(&home, b.node).contains("Harbour works number 7"))
            .expect("a card is a block");
        assert_eq!(card.label, Label::Content, "and its content");
        let body = crate::output::extract(&home, &c).article_body;
        assert!(body.contains("Harbour works number 7"), "{body}");
    }

    /// A listing: a short lead, `cards` under a worded `heading`, and a
    /// table of tide times.
    fn listing(og_type: &str, heading: &str, cards: &str) -> crate::snapshot::Snapshot {
        parse_str(&listing_html(og_type, heading, cards))
    }

    fn listing_html(og_type: &str, heading: &str, cards: &str) -> String {
        let tides: String = (10..30)
            .map(|i| {
                format!("<li>Pier {i}: high water 06:{i}0 and 18:{i}5, low water 12:{i}0</li>")
            })
            .collect();
        format!(
            "<html><head><title>The Harbour Times</title>\
             <meta property=\"og:type\" content=\"{og_type}\"></head><body><main>\
             <div class=\"lead\"><h2>Harbour wall</h2><p>{PROSE}</p><p>{PROSE}</p></div>\
             <section><h2>{heading}</h2><ul>{cards}</ul></section><ul>{tides}</ul></main></body></html>"
        )
    }

    /// Whether a block labelled link farm holds `needle`.
    fn hides(s: &crate::snapshot::Snapshot, needle: &str) -> bool {
        (classify(s).blocks.iter())
            .any(|b| b.label == Label::LinkFarm && s_text(s, b.node).contains(needle))
    }

    #[test]
    fn a_listing_that_says_so_keeps_its_grid_under_a_worded_heading() {
        let cards = story_cards(8, READ_TIME);
        let website = listing("website", "Latest news", &cards);
        assert!(!classify(&website).is_article_page);
        assert!(
            !hides(&website, "Harbour works number 7"),
            "the listing's own grid"
        );
        let other = listing("article", "Latest news", &cards);
        assert!(!classify(&other).is_article_page);
        assert!(
            hides(&other, "Harbour works number 7"),
            "saying nothing, a worded list is chrome"
        );
    }

    #[test]
    fn a_listing_that_says_so_keeps_its_cards_with_bylines_under_a_worded_heading() {
        // Each card's line under its headline outweighs the headline: no
        // grid by shape, but a worded heading's list of cards all the same.
        let card = |i: usize| {
            format!(
                "<li><a href=\"/story-{i}\">Harbour works {i} begin today</a>\
                 <div>By Kate Ellery, harbour reporter · {i} December 2026 · 4 min read</div></li>"
            )
        };
        let cards: String = (0..3).map(card).collect();
        let website = listing("website", "More news", &cards);
        assert!(!classify(&website).is_article_page);
        assert!(!hides(&website, "works 2"), "the listing's own cards");
        let card_labels: Vec<Label> = (classify(&website).blocks.iter())
            .filter(|b| s_text(&website, b.node).starts_with("Harbour works"))
            .map(|b| b.label)
            .collect();
        assert_eq!(card_labels, [Label::Content; 3], "and its content");
        assert!(
            hides(&listing("article", "More news", &cards), "works 2"),
            "saying nothing, a worded list is chrome"
        );
    }

    /// A short story on a page of long notices (a reprint licence, terms
    /// of use), which hold most of its running text: an article page where
    /// the page says it is one, a page of content where it says nothing.
    #[test]
    fn a_short_story_among_long_notices_is_the_article_where_the_page_says_article() {
        let notice = "This copy is for your personal use only, and its distribution is governed \
                      by our subscriber agreement and by copyright law, which you accepted.";
        let page = |og_type: &str| {
            parse_str(&format!(
                "<html><head><title>Harbour wall</title>\
                 <meta property=\"og:type\" content=\"{og_type}\"></head><body>\
                 <div class=\"story\"><h1>Harbour wall</h1>{}</div><ul>{}</ul></body></html>",
                format!("<p>{PROSE}</p>").repeat(4),
                format!("<li>{notice}</li>").repeat(18),
            ))
        };
        assert!(classify(&page("article")).is_article_page);
        assert!(!classify(&page("")).is_article_page);
    }

    /// A forum's topic whose every post is named as a comment: its posts
    /// are its content, though Readability's find is one of them. A blog
    /// post with its comments keeps them out.
    #[test]
    fn a_forum_topic_s_posts_are_its_content_a_post_s_comments_are_not() {
        // One long answer among short replies: Readability's find is that
        // answer, not the topic's box.
        let reply = |i: usize| {
            let says = if i == 2 {
                format!("<p>{PROSE}</p>").repeat(4)
            } else {
                String::new()
            };
            format!(
                "<article class=\"cPost ipsComment\"><div class=\"author\">Member {i}</div>\
                 <div class=\"ipsComment_content\"><p>Reply {i}: the same problem here.</p>{says}\
                 </div></article>"
            )
        };
        let replies: String = (0..4).map(reply).collect();
        let topic = parse_str(&format!(
            "<html><head><title>Payment issues</title></head><body><main><h1>Payment issues</h1>\
             <div class=\"topic\">{replies}</div></main></body></html>"
        ));
        let c = classify(&topic);
        assert!(!c.is_article_page);
        for i in 0..4 {
            let text = format!("Reply {i}:");
            assert!(
                c.blocks
                    .iter()
                    .any(|b| b.label == Label::Content && s_text(&topic, b.node).contains(&text)),
                "post {i} is content"
            );
        }
        let comment =
            |i: usize| format!("<div class=\"comment\"><p>Comment {i}: thanks.</p></div>");
        let comments: String = (0..4).map(comment).collect();
        let blog = parse_str(&format!(
            "<html><head><title>Harbour wall</title></head><body><div class=\"post\"><h1>Harbour wall</h1>{}</div>\
             <div class=\"comments\">{comments}</div></body></html>",
            format!("<p>{PROSE}</p>").repeat(4)
        ));
        let c = classify(&blog);
        assert!(c.is_article_page);
        assert!(c
            .blocks
            .iter()
            .all(|b| b.label != Label::Content || !s_text(&blog, b.node).contains("Comment 0")));
    }

    #[test]
    fn a_page_that_says_it_is_an_article_hides_the_same_grids() {
        assert_eq!(hidden_grids(&front_page("article")), 1);
    }

    #[test]
    fn a_page_that_says_nothing_keeps_its_grids_where_the_article_is_a_small_part_of_it() {
        let s = front_page_without_main("", 3);
        assert!(classify(&s).is_article_page, "with no landmark, the body");
        assert_eq!(
            hidden_grids(&s),
            0,
            "three paragraphs among cards and tables"
        );
        assert_eq!(
            hidden_grids(&front_page_without_main("", 12)),
            1,
            "an article beside a grid of stories"
        );
    }

    #[test]
    fn a_main_landmark_whose_article_is_a_small_part_of_it_is_a_page_unless_it_says_article() {
        assert!(!classify(&front_page("")).is_article_page);
        assert_eq!(hidden_grids(&front_page("")), 0);
        assert!(classify(&front_page("article")).is_article_page);
        assert!(classify(&front_page_with("", 12, "")).is_article_page);
    }

    /// A blog post of two sentences under its own headline, beside a
    /// sidebar of archive links and a blogroll.
    fn short_post(headline: &str) -> crate::snapshot::Snapshot {
        let links = |what: &str| -> String {
            (0..12)
                .map(|i| format!("<li><a href=\"/{what}/{i}\">{what} {i}</a></li>"))
                .collect()
        };
        parse_str(&format!(
            "<html><head><title>Harbour wall to be rebuilt | A Harbour Blog</title></head><body>\
             <div class=\"post\">{headline}<p>{PROSE}</p><p>The work will take two summers.</p></div>\
             <div class=\"sidebar\"><h3>Archives</h3><ul>{}</ul><h3>Blogroll</h3><ul>{}</ul></div>\
             </body></html>",
            links("archive"),
            links("friends")
        ))
    }

    #[test]
    fn a_short_post_under_its_own_headline_is_an_article() {
        assert!(classify(&short_post("<h3>Harbour wall to be rebuilt</h3>")).is_article_page);
        assert!(
            !classify(&short_post("<h3>Notes</h3>")).is_article_page,
            "without the headline, too short to tell"
        );
    }

    #[test]
    fn an_article_page_keeps_its_article() {
        let body = format!(
            "<nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
             <main><article><h1>Harbour wall</h1><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></article></main>"
        );
        let s = parse_str(&format!(
            "<html><head><title>Harbour wall</title></head><body>{body}</body></html>"
        ));
        assert!(classify(&s).is_article_page);
    }

    fn thread() -> crate::snapshot::Snapshot {
        let post =
            |i: usize| format!("<div class=\"post\"><p>{PROSE} Reply {i} adds a view.</p></div>");
        let posts: String = (0..8).map(post).collect();
        let body = format!(
            "<header><a href=\"/\">Forum</a></header><main><h1>Harbour wall</h1>{posts}\
             <aside>Related threads</aside><div style=\"display:none\">hidden</div></main>\
             <footer><a href=\"/terms\">Terms</a></footer>"
        );
        parse_str(&format!("<html><body>{body}</body></html>"))
    }

    fn article_of(s: &crate::snapshot::Snapshot, roots: Vec<u32>) -> Article {
        let text_chars = roots
            .iter()
            .map(|&r| {
                s.subtree(r)
                    .filter_map(|d| s.node(d).text())
                    .map(|t| t.len() as u32)
                    .sum::<u32>()
            })
            .sum();
        Article {
            roots,
            top: None,
            dropped: vec![Drop::Kept; s.len()],
            byline: None,
            text_chars,
        }
    }

    /// The page's content where no chrome was found and nothing is a thread.
    fn content_without_chrome(s: &crate::snapshot::Snapshot, blocks: &Blocks) -> PageContent {
        let none = vec![None; s.len()];
        PageContent::find(
            s,
            blocks,
            &[],
            &none,
            PageLists::ByShape,
            &Tuning::default(),
        )
        .expect("content")
    }

    #[test]
    fn the_page_content_is_main_without_furniture() {
        let s = thread();
        let blocks = Blocks::cut(&s, &Tallies::of_page(&s));
        let p = content_without_chrome(&s, &blocks);
        assert_eq!(s.node(p.root).tag(), "main");
        let text = crate::output::text::render(&s, &[p.root], |id| p.left_out[id as usize]);
        assert!(
            text.contains("Reply 7") && text.contains("Harbour wall"),
            "{text}"
        );
        for gone in ["Related threads", "hidden", "Terms", "Forum"] {
            assert!(!text.contains(gone), "{gone} in {text}");
        }
    }

    #[test]
    fn one_post_of_a_thread_is_not_what_the_page_is_for_but_all_of_them_are() {
        let s = thread();
        let blocks = Blocks::cut(&s, &Tallies::of_page(&s));
        let tuning = Tuning::default();
        let none = Metadata::default();
        let p = content_without_chrome(&s, &blocks);
        let posts: Vec<u32> = (0..s.len() as u32)
            .filter(|&id| s.node(id).attr("class") == Some("post"))
            .collect();
        let mut one = article_of(&s, vec![posts[0]]);
        one.text_chars = one.text_chars.max(tuning.article_page_min_chars);
        let prose = |a: &Article| article_prose_chars(&s, &blocks, a, &tuning);
        assert!(!p.is_article_page(&s, &none, Some(&one), false, prose(&one), &tuning));
        let all = article_of(&s, posts);
        assert!(p.is_article_page(&s, &none, Some(&all), false, prose(&all), &tuning));
        assert!(!p.is_article_page(&s, &none, None, false, 0, &tuning));
    }
}
