//! The classifier: snapshot -> features -> chrome and article -> labels.

pub mod article;
pub mod blocks;
pub mod chrome;
pub mod cues;
pub mod features;
pub mod fxhash;
mod header_lines;
mod labeller;
pub mod metadata;
pub mod page_content;
pub mod patterns;
pub mod place;
pub mod text;
pub mod tuning;

use crate::label::{Block, Label};
use crate::snapshot::{NodeId, Snapshot};
use article::{Article, Drop};
use blocks::Blocks;
use features::Tallies;
use labeller::{Containers, Labeller};
use metadata::Metadata;
use page_content::{PageContent, PageLists, PageReading};
use patterns::{ClassCues, THREAD_NAME};
use tuning::Tuning;

pub struct Classification {
    /// Labelled subtrees, in document order. Chrome blocks hold no other
    /// block; other blocks may, and then the innermost decides.
    pub blocks: Vec<Block>,
    pub article: Option<Article>,
    pub metadata: Metadata,
    /// The element holding the article's headline, if the page shows one.
    pub title_node: Option<NodeId>,
    /// The page's content as a page that is not one article would have it.
    pub page: Option<PageContent>,
    /// Whether the article is what the page is for; if not, `page` is.
    pub is_article_page: bool,
    /// What content the page adds later needs to know of it.
    pub reading: PageReading,
}

impl Classification {
    /// The page's content when the page is not one article, else None.
    pub fn page_content(&self) -> Option<&PageContent> {
        self.page.as_ref().filter(|_| !self.is_article_page)
    }

    /// The label every node carries: that of the block it lies in.
    pub fn label_of_nodes(&self, s: &Snapshot) -> Vec<Option<Label>> {
        let mut labels = vec![None; s.len()];
        for b in &self.blocks {
            for id in s.subtree(b.node) {
                labels[id as usize] = Some(b.label);
            }
        }
        labels
    }
}

/// The article is found first, as Readability finds it; the chrome filters
/// then know which text is the article's, so a link-dense encyclopedia
/// paragraph or a blog post's list of links is not taken for a link farm.
/// Chrome inside the article (a teaser between paragraphs) leaves its text.
pub fn classify(s: &Snapshot) -> Classification {
    classify_with(s, &Tuning::default())
}

pub fn classify_with(s: &Snapshot, tuning: &Tuning) -> Classification {
    let tally = Tallies::of_page(s);
    let blocks = Blocks::cut(s, &tally);
    let metadata = metadata::read(s);
    let names = ClassCues::compute(s);
    let finder = article::Finder::new(s, &tally, &names, tuning.post_min_chars);
    let mut article =
        find_article_outside_comments(&finder, s, &blocks, &names, &metadata.title, tuning);
    let mut article_text = article_text_below(s, &blocks, article.as_ref());
    let headline = find_title(s, &metadata, article.as_ref(), &vec![false; s.len()]);
    protect_headline_and_byline(s, headline, article.as_ref(), &mut article_text);
    let place = metadata.canonical.as_deref().and_then(place::Place::of);
    let cx = chrome::Context::new(s, &blocks, &tally, article_text, place, tuning);
    let mut found = without_an_article(s, chrome::detect(&cx), article.as_ref(), tuning);
    // A forum's topic whose posts are all named as comments: they are the
    // page's content, not a thread under it.
    let forum = article
        .as_ref()
        .is_some_and(|a| is_a_topic_s_post(s, &names, a));
    let threads = if forum {
        vec![None; s.len()]
    } else {
        Containers::find(s, &blocks, &names, &cx.article_text).comments
    };
    let page = PageContent::find(s, &blocks, &found, &threads, PageLists::ByShape, tuning);
    let article_prose = (article.as_ref()).map_or(0, |a| {
        page_content::article_prose_chars(s, &blocks, a, tuning)
    });
    let is_article_page = !forum
        && page.as_ref().is_none_or(|p| {
            // A headline under the article's roots with no drop mark of its own.
            // Where Readability drops it as the title's repeat (or as anything
            // else), or counting a drop mark above it as well, the page's
            // content extracted better on the corpora.
            let headed = (headline.zip(article.as_ref())).is_some_and(|(h, a)| {
                a.dropped[h as usize] == Drop::Kept
                    && (a.roots.iter()).any(|&r| r == h || s.is_ancestor(r, h))
            });
            p.is_article_page(
                s,
                &metadata,
                article.as_ref(),
                headed,
                article_prose,
                tuning,
            )
        });
    // A grid of cards in the content of a page that is not one article, says
    // it is not one, or holds a small one, is that page's own list of
    // products or posts.
    let keeps_its_cards = |p: &PageContent| {
        !is_article_page
            || metadata.says_other_than_article()
            || (article.is_some()
                && p.holds_a_small_article(&metadata, article_prose, tuning.minor_article_share))
    };
    // A page that is not an article and says so ("website") keeps a list of
    // cards under a heading too ("Latest news" on a listing), and a home page
    // every list, in its content: found again only where there is such a list.
    let lists = if metadata.is_home_page() {
        PageLists::All
    } else if !is_article_page && metadata.says_other_than_article() {
        PageLists::WithCards
    } else {
        PageLists::ByShape
    };
    let keeps_more =
        |f: &chrome::Found| f.is_page_list(lists) && !f.is_page_list(PageLists::ByShape);
    let page = if found.iter().any(keeps_more) {
        PageContent::find(s, &blocks, &found, &threads, lists, tuning)
    } else {
        page
    };
    // A page with next to no content yet (an app's shell, a skeleton) says
    // nothing of what it is: what it draws later is judged alone.
    let cards_kept_in = page.as_ref().filter(|p| keeps_its_cards(p));
    let own_lists = cards_kept_in
        .filter(|p| p.chars >= tuning.page_reading_min_chars)
        .map(|_| lists);
    let in_main = page
        .as_ref()
        .is_some_and(|p| s.node(p.root).tag() != "body");
    let reading = PageReading::new(own_lists, in_main, metadata.canonical.as_deref());
    if let Some(p) = cards_kept_in {
        let own: Vec<_> = (found.iter())
            .filter(|f| f.is_page_list(lists) && p.holds_find(s, f))
            .map(|f| s.subtree(f.node))
            .collect();
        found.retain(|f| !own.iter().any(|r| r.contains(&f.node)));
    }
    let mut chrome_mask = vec![false; s.len()];
    for f in &found {
        chrome_mask[f.node as usize] = true;
        if let Some(a) = article.as_mut() {
            a.dropped[f.node as usize] = Drop::Chrome;
        }
    }
    // The headline found before the chrome stands unless chrome now covers
    // it (a repeat Readability dropped is the title either way).
    let in_chrome = |h: NodeId| {
        std::iter::once(h)
            .chain(s.ancestors(h))
            .any(|a| chrome_mask[a as usize])
    };
    let title_node = match headline {
        Some(h)
            if !in_chrome(h)
                || article
                    .as_ref()
                    .is_some_and(|a| a.dropped[h as usize] == Drop::TitleRepeat) =>
        {
            Some(h)
        }
        _ => find_title(s, &metadata, article.as_ref(), &chrome_mask),
    };
    let mut labelled = Labeller {
        s,
        blocks: &blocks,
        tally: &tally,
        names: &names,
        found: &found,
        article: article.as_ref(),
        title_node,
        page: page.as_ref().filter(|_| !is_article_page),
    }
    .run();
    header_lines::relabel(s, &blocks, title_node, tuning, &mut labelled);
    Classification {
        blocks: labelled,
        article,
        metadata,
        title_node,
        page,
        is_article_page,
        reading,
    }
}

/// Sorts `items` by their nodes, in document order, keeping the order of
/// items on one node. One sort of `(node, index)` pairs serves every caller:
/// a sort for each item type added kilobytes to the Wasm.
pub(crate) fn sort_by_node<T>(items: &mut Vec<T>, node: impl Fn(&T) -> NodeId) {
    let mut order: Vec<(NodeId, u32)> = (items.iter().enumerate())
        .map(|(i, item)| (node(item), i as u32))
        .collect();
    order.sort();
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|&(_, i)| slots[i as usize].take()));
}

/// Chrome in content a page added after it was classified: `s` holds the
/// added subtrees (rooted at `added`) under the chain of their ancestors.
/// The article was found on the whole page, so only the chrome filters run
/// here; on its own, an added subtree would otherwise be taken for the
/// article. The ancestors are there for context only: a find that grew into
/// one of them is brought down to the added roots inside it. `reading` is
/// what the whole page's classification made of the page
/// (`Classification::reading`): a page that keeps its own lists keeps those
/// it draws later too.
pub fn classify_added(s: &Snapshot, added: &[NodeId], reading: &PageReading) -> Vec<Block> {
    let tally = Tallies::of_page(s);
    let blocks = Blocks::cut(s, &tally);
    let tuning = Tuning::default();
    let place = reading.canonical.as_deref().and_then(place::Place::of);
    let cx = chrome::Context::new(s, &blocks, &tally, vec![false; s.len()], place, &tuning);
    let within = |root: NodeId, id: NodeId| root == id || s.is_ancestor(root, id);
    let mut out = Vec::new();
    for f in chrome::detect_in_part(&cx) {
        if reading.keeps(s, &f) {
            continue;
        }
        let block = |node| Block {
            node,
            label: f.label,
            confidence: f.confidence,
            reason: f.reason.clone(),
        };
        if added.iter().any(|&r| within(r, f.node)) {
            out.push(block(f.node));
        } else {
            out.extend(
                added
                    .iter()
                    .filter(|&&r| s.is_ancestor(f.node, r))
                    .map(|&r| block(r)),
            );
        }
    }
    out
}

/// Readability's article, unless it is a comment thread: a short post under
/// a long thread scores lower than the thread, so when the article found
/// lies in a container named as a thread, it is looked for again with the
/// threads left out. That answer stands if it comes before the thread,
/// within a container they share, and is a post (`Tuning::post_min_chars`,
/// or `sentence_post_min_chars` of text that holds a sentence); on a forum
/// the posts are the threads, and what else has text lies elsewhere.
fn find_article_outside_comments(
    finder: &article::Finder,
    s: &Snapshot,
    blocks: &Blocks,
    names: &ClassCues,
    title: &str,
    tuning: &Tuning,
) -> Option<Article> {
    let article = outside_furniture(
        finder,
        s,
        finder.find(&vec![false; s.len()], title)?,
        title,
        tuning,
    );
    if !article.roots.iter().all(|&r| in_thread(s, names, r)) {
        return Some(without_a_long_thread(s, blocks, names, article, tuning));
    }
    let threads = Containers::find(s, blocks, names, &vec![false; s.len()]).comments;
    let mut mask = vec![false; s.len()];
    for thread in threads.iter().flatten() {
        mask[*thread as usize] = true;
    }
    // A post comes before its comments, in a container they share below
    // the body.
    let thread_start = article.roots.iter().copied().min().unwrap_or(0);
    let shares_a_container = |r: NodeId| {
        std::iter::once(r)
            .chain(s.ancestors(r))
            .find(|&a| a == thread_start || s.is_ancestor(a, thread_start))
            .is_some_and(|a| !matches!(s.node(a).tag(), "body" | "html"))
    };
    match finder.find(&mask, title) {
        Some(post)
            if post
                .roots
                .iter()
                .all(|&r| r < thread_start && shares_a_container(r))
                && (post.text_chars >= tuning.post_min_chars
                    || (post.text_chars >= tuning.sentence_post_min_chars
                        && post.says_something(s))) =>
        {
            Some(post)
        }
        _ => Some(article),
    }
}

/// Whether the article found is one post of a forum's topic: it lies in an
/// element named as a comment that has a sibling of the same tag and class
/// (the topic's other posts; a topic may have one reply).
fn is_a_topic_s_post(s: &Snapshot, names: &ClassCues, article: &Article) -> bool {
    let Some(&first) = article.roots.first() else {
        return false;
    };
    if !article.roots.iter().all(|&r| in_thread(s, names, r)) {
        return false;
    }
    let one_of_several = |post: NodeId| {
        let (tag, class) = (s.node(post).tag(), s.node(post).attr("class"));
        s.parent(post).is_some_and(|parent| {
            s.children(parent)
                .any(|c| c != post && s.node(c).tag() == tag && s.node(c).attr("class") == class)
        })
    };
    std::iter::once(first)
        .chain(s.ancestors(first))
        .any(|a| names.has(a, THREAD_NAME) && one_of_several(a))
}

/// Whether `id` or an element around it is named as a comment thread.
pub(crate) fn in_thread(s: &Snapshot, names: &ClassCues, id: NodeId) -> bool {
    std::iter::once(id)
        .chain(s.ancestors(id))
        .any(|a| names.has(a, THREAD_NAME))
}

/// A short post under a long comment thread that Readability kept with it
/// (a "commentbody" class says "body" too, which Readability favours):
/// after a heading that says "Comments", the containers named as comments
/// leave the article when they hold `Tuning::thread_outweighs_post` times
/// the post's text before the heading, and that text is a post
/// (`Tuning::post_min_chars`).
fn without_a_long_thread(
    s: &Snapshot,
    blocks: &Blocks,
    names: &ClassCues,
    mut article: Article,
    tuning: &Tuning,
) -> Article {
    let is_comments_heading = |b: NodeId| {
        blocks.text[b as usize].len() <= tuning.heading_max_chars as usize
            && blocks.first_hit(b, cues::CueKind::Comments, true).is_some()
            && (features::is_heading(s.node(b).tag()) || in_thread(s, names, b))
    };
    let (Some(&first), Some(&last)) = (article.roots.first(), article.roots.last()) else {
        return article;
    };
    let end = s.node(last).end;
    let start = blocks.list.partition_point(|&b| b < first);
    let Some(heading) = (blocks.list[start..].iter().copied())
        .take_while(|&b| b < end)
        .find(|&b| is_comments_heading(b))
    else {
        return article;
    };
    let text_chars = |id: NodeId| s.node(id).text().map_or(0, text::collapsed_len);
    let mut post = 0;
    article.visit_kept(s, |id| {
        if id < heading {
            post += text_chars(id);
        }
    });
    // The article's kept containers named as comments after the heading; a
    // subtree the article already leaves out is not looked into.
    let after = s.node(heading).end;
    let mut comments = Vec::new();
    for &root in &article.roots {
        let (mut id, end) = (root, s.node(root).end);
        while id < end {
            let left_out = article.dropped[id as usize] != Drop::Kept;
            let comment = !left_out && id >= after && names.has(id, THREAD_NAME);
            if comment {
                comments.push(id);
            }
            id = if left_out || comment {
                s.node(id).end
            } else {
                id + 1
            };
        }
    }
    let thread: u32 = (comments.iter())
        .flat_map(|&c| s.subtree(c))
        .map(text_chars)
        .sum();
    if post >= tuning.post_min_chars && thread as f32 >= tuning.thread_outweighs_post * post as f32
    {
        for c in comments {
            article.dropped[c as usize] = Drop::Comments;
        }
    }
    article
}

/// Readability's article, unless it lies in an aside, a footer, a menu or
/// another landmark around the content (by tag or role; class names are
/// weaker evidence than a find of 500 characters) and the page holds
/// another outside them: a short post that the sidebar's profile outscored.
fn outside_furniture(
    finder: &article::Finder,
    s: &Snapshot,
    article: Article,
    title: &str,
    tuning: &Tuning,
) -> Article {
    let in_furniture = |r: NodeId| {
        std::iter::once(r)
            .chain(s.ancestors(r))
            .any(|a| page_content::is_landmark_furniture(s.node(a)))
    };
    // Most articles are not: the mask below is built only for those that are.
    if !article.roots.iter().all(|&r| in_furniture(r)) {
        return article;
    }
    let mut furniture = vec![false; s.len()];
    for id in 0..s.len() as NodeId {
        furniture[id as usize] = s.parent(id).is_some_and(|p| furniture[p as usize])
            || page_content::is_landmark_furniture(s.node(id));
    }
    match finder.find(&furniture, title) {
        Some(other) if other.text_chars >= tuning.post_min_chars => other,
        _ => article,
    }
}

/// The headline and the author line belong to the article wherever the site
/// put them: in a `<header>` with a share bar, in a wrapper whose class says
/// "ad". Chrome may not be seeded on the elements that hold them, nor grow
/// over them, so they count as article text.
fn protect_headline_and_byline(
    s: &Snapshot,
    headline: Option<NodeId>,
    article: Option<&Article>,
    article_text: &mut [bool],
) {
    // Readability takes the page's first element whose class says byline;
    // one after the article is a story card's in a list beside it.
    let byline = article.and_then(|a| {
        let (node, _) = a.byline.as_ref()?;
        let article_end = s.node(*a.roots.last()?).end;
        (*node < article_end).then_some(*node)
    });
    for node in headline.into_iter().chain(byline) {
        for a in std::iter::once(node).chain(s.ancestors(node)) {
            article_text[a as usize] = true;
        }
    }
}

/// Whether each subtree holds text the article keeps: text blocks under its
/// roots with no drop mark on the way down.
fn article_text_below(s: &Snapshot, blocks: &Blocks, article: Option<&Article>) -> Vec<bool> {
    let mut live = vec![false; s.len()];
    let mut kept = vec![false; s.len()];
    let Some(a) = article else { return kept };
    for &root in &a.roots {
        for id in s.subtree(root) {
            let parent_live = id == root || s.parent(id).is_some_and(|p| live[p as usize]);
            live[id as usize] = parent_live && a.dropped[id as usize] == Drop::Kept;
        }
    }
    for &b in &blocks.list {
        kept[b as usize] = live[b as usize];
    }
    for id in (0..s.len()).rev() {
        if kept[id] {
            if let Some(p) = s.parent(id as NodeId) {
                kept[p as usize] = true;
            }
        }
    }
    kept
}

/// A page without an article is left as its site made it: a login or sign-up
/// page entirely (its "Already have an account?" is the point), any other
/// page keeps its lists and forms, which are then what it is for.
fn without_an_article(
    s: &Snapshot,
    found: Vec<chrome::Found>,
    article: Option<&Article>,
    tuning: &Tuning,
) -> Vec<chrome::Found> {
    if article.is_some_and(|a| a.text_chars >= tuning.article_min_chars) {
        return found;
    }
    let login = s.nodes.iter().any(|n| {
        n.tag() == "input"
            && n.attr("type")
                .is_some_and(|t| t.eq_ignore_ascii_case("password"))
    });
    if login {
        return Vec::new();
    }
    found
        .into_iter()
        .filter(|f| {
            !matches!(
                f.label,
                Label::LinkFarm | Label::Newsletter | Label::Social | Label::Comments
            )
        })
        .collect()
}

fn find_title(
    s: &Snapshot,
    meta: &Metadata,
    article: Option<&Article>,
    chrome: &[bool],
) -> Option<NodeId> {
    if let Some(a) = article {
        if let Some(id) = a.dropped.iter().position(|d| *d == Drop::TitleRepeat) {
            return Some(id as NodeId);
        }
    }
    let in_chrome = |id: NodeId| {
        std::iter::once(id)
            .chain(s.ancestors(id))
            .any(|a| chrome[a as usize])
    };
    let mut best: Option<(f32, NodeId)> = None;
    for tag in ["h1", "h2", "h3"] {
        for id in (0..s.len() as NodeId).filter(|&i| s.node(i).tag() == tag) {
            if in_chrome(id) {
                continue;
            }
            let text: String = s.subtree(id).filter_map(|d| s.node(d).text()).collect();
            let sim = article::text_similarity(&meta.title, &text)
                .max(article::text_similarity(&text, &meta.title));
            if sim > article::TITLE_SIMILARITY && best.is_none_or(|(b, _)| sim > b) {
                best = Some((sim, id));
            }
        }
        if best.is_some() {
            break;
        }
    }
    best.map(|(_, id)| id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::{NodeData, NO_PARENT};

    fn element(tag: &str) -> NodeData {
        NodeData::Element {
            tag: tag.into(),
            attrs: Vec::new(),
        }
    }

    /// A browser's DOM has no depth limit (scripts can nest elements at
    /// will), so nothing in the classifier may recurse along the tree.
    #[test]
    fn a_snapshot_200_000_deep_classifies_on_a_small_stack() {
        let mut items = vec![(NO_PARENT, element("html")), (0, element("body"))];
        for (i, tag) in ["div", "ins", "a", "section"]
            .iter()
            .cycle()
            .take(200_000)
            .enumerate()
        {
            items.push((i as u32 + 1, element(tag)));
        }
        let last = items.len() as u32 - 1;
        items.push((
            last,
            NodeData::Text(
                "Deep down, a sentence of text with words, commas, and more words.".into(),
            ),
        ));
        let snapshot = Snapshot::from_preorder(items).expect("pre-order");
        let done = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let c = classify(&snapshot);
                let e = crate::output::extract(&snapshot, &c);
                (c.blocks.len(), e.article_body)
            })
            .expect("thread")
            .join()
            .expect("no stack overflow");
        assert!(done.0 >= 1);
        assert!(done.1.contains("Deep down"), "{}", done.1);
    }

    /// A post of two sentences, then a sidebar whose profile runs longer
    /// than Readability's 500 characters.
    #[cfg(feature = "html")]
    #[test]
    fn a_short_post_beats_the_profile_in_its_aside() {
        let about = "I write about old films and the people who made them, and I have done so for twenty \
                     years, first in print, then here, with a weekly post on a film that deserves a second look.";
        let html = format!(
            "<html><body><div id=\"main\"><div class=\"post\"><h2>Honor Flight</h2>\
             <p>A trailer for the documentary about the veterans who flew to see their memorial, \
             with a word from the makers, who are still looking for a distributor.</p></div></div>\
             <aside><div class=\"widget\"><h2>About me</h2><p>{about}</p><p>{about}</p><p>{about}</p></div></aside>\
             </body></html>"
        );
        let body = article_body(&html);
        assert!(body.contains("veterans"), "{body}");
        assert!(!body.contains("old films"), "{body}");
    }

    /// A photo post of one sentence, mostly links to what she wears, then
    /// a long thread of comments.
    #[cfg(feature = "html")]
    #[test]
    fn a_short_post_with_a_link_heavy_sentence_beats_its_comments() {
        let comment = |i: usize| {
            format!(
                "<li class=\"comment\"><span>Reader {i}</span><p>Love her and love her outfit, what an \
                 amazing bag! The colours work so well together, and the shoes are perfect for autumn.</p></li>"
            )
        };
        let comments: String = (0..12).map(comment).collect();
        let html = format!(
            "<html><body><div id=\"content\"><div class=\"post\"><h2>In St. Germain</h2>\
             <p>I am totally inspired by the autumn collection, my favourite. The shirt and tie are vintage, \
             <a href=\"/a\">corduroy jeans by J Brand</a>, <a href=\"/b\">Mulberry bag</a> and shoes by \
             <a href=\"/c\">Charlotte Olympia</a>.</p></div>\
             <div id=\"comments\"><ol>{comments}</ol></div></div></body></html>"
        );
        let body = article_body(&html);
        assert!(body.contains("totally inspired"), "{body}");
        assert!(!body.contains("Reader 3"), "{body}");
    }

    /// A page of comments under a post or a story header, each comment a
    /// paragraph in a thread named as comments.
    #[cfg(feature = "html")]
    fn above_a_thread(post: &str) -> String {
        let comment = |i: usize| {
            format!(
                "<li class=\"comment\"><span>Reader {i}</span><p>Love this look, and the colours \
                 work so well together; the shoes are perfect for autumn, and I want that bag.</p></li>"
            )
        };
        let comments: String = (0..12).map(comment).collect();
        format!(
            "<html><body><div id=\"content\"><div class=\"post\">{post}</div>\
             <div id=\"comments\"><ol>{comments}</ol></div></div></body></html>"
        )
    }

    /// A blog post of one sentence (about a hundred characters, under
    /// `Tuning::post_min_chars`) is still the post, not its comments.
    #[cfg(feature = "html")]
    #[test]
    fn a_post_of_one_sentence_beats_its_comments() {
        let body = article_body(&above_a_thread(
            "<h2>Paris</h2><p>Caught on the way to the market this morning, in a coat \
             I would wear every day of the year.</p>",
        ));
        assert!(body.contains("Caught on the way"), "{body}");
        assert!(!body.contains("Reader 3"), "{body}");
    }

    /// A link aggregator's story header (title, domain, points, links) is as
    /// long but says nothing in sentences: the thread is the page's text.
    /// (This passed before the 80-character rule too: it guards the rule's
    /// sentence test.)
    #[cfg(feature = "html")]
    #[test]
    fn a_story_header_without_a_sentence_leaves_the_thread_as_the_article() {
        let body = article_body(&above_a_thread(
            "<h2><a href=\"https://example.org/x\">Rebuilding a harbour wall with old stones</a></h2>\
             <p>example.org | 41 points | by harbourmaster | 3 hours ago | hide | 12 comments</p>",
        ));
        assert!(body.contains("Reader 3"), "{body}");
    }

    /// The text `extract` gives for a page.
    #[cfg(feature = "html")]
    fn article_body(html: &str) -> String {
        let s = crate::adapter::html::parse_str(html);
        crate::output::extract(&s, &classify(&s)).article_body
    }

    /// A post, a "Comments" heading, and comments as siblings of the post's
    /// text in one box, each named "commentbody" (which Readability keeps:
    /// the name says "body" as well as "comment").
    #[cfg(feature = "html")]
    fn post_and_thread(paragraphs: usize, comments: usize) -> String {
        let post = "<p>The council voted on Tuesday to rebuild the harbour wall, which storms have \
                    breached twice this winter, and work will start in the spring, the mayor said.</p>"
            .repeat(paragraphs);
        let comment = |i: usize| {
            format!(
                "<div class=\"commentbody\"><p>Reader {i} thinks the wall should have been rebuilt \
                 years ago, before the storms, and says so at some length, with a comma or two.</p>\
                 <p class=\"posted\">Posted by: Reader {i} at 7:12 AM</p></div>"
            )
        };
        let thread: String = (0..comments).map(comment).collect();
        format!(
            "<html><head><title>Harbour wall</title></head><body><div class=\"blog\">\
             <h1>Harbour wall</h1>{post}<h2>Comments</h2>{thread}</div></body></html>"
        )
    }

    #[cfg(feature = "html")]
    #[test]
    fn a_long_thread_after_a_short_post_leaves_the_article() {
        let body = article_body(&post_and_thread(2, 12));
        assert!(body.contains("rebuild the harbour wall"), "{body}");
        assert!(!body.contains("Reader 3"), "{body}");
    }

    #[cfg(feature = "html")]
    #[test]
    fn a_thread_leaves_the_article_from_three_times_the_post() {
        let comments_left = |paragraphs, comments| {
            let body = article_body(&post_and_thread(paragraphs, comments));
            !body.contains("Reader 0 thinks")
        };
        // A comment is about as long as a paragraph of the post.
        assert!(!comments_left(4, 10), "two and a half times the post");
        assert!(comments_left(4, 14), "three and a half times");
    }

    #[cfg(feature = "html")]
    #[test]
    fn comments_that_do_not_outweigh_the_post_are_left_as_readability_left_them() {
        let body = article_body(&post_and_thread(6, 3));
        assert!(body.contains("rebuild the harbour wall"), "{body}");
        assert!(body.contains("Reader 2"), "{body}");
    }
}
