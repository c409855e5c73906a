//! Actions on a classified page: extract the article, write the page clean.

pub mod clean;
pub mod date;
pub mod figure_apparatus;
pub mod html;
#[cfg(feature = "links")]
pub mod links;
pub mod markdown;
pub mod post_meta;
pub mod text;
pub mod walk;

use crate::classify::page_content::PageContent;
use crate::classify::Classification;
use crate::snapshot::{NodeId, Snapshot};

/// The article as a person would save it.
#[derive(Debug, Clone, Default, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Extract {
    pub title: String,
    pub byline: Option<String>,
    /// The publication date as the page states it (`date::published`).
    pub date: Option<String>,
    pub article_body: String,
}

/// Nodes of the article, in order, that are part of its text.
pub fn article_roots(c: &Classification) -> Vec<NodeId> {
    c.article
        .as_ref()
        .map(|a| a.roots.clone())
        .unwrap_or_default()
}

/// Whether `id` (an article node) is left out of the article's text.
pub fn is_left_out(c: &Classification, id: NodeId) -> bool {
    c.article
        .as_ref()
        .is_some_and(|a| a.dropped[id as usize] != crate::classify::article::Drop::Kept)
}

/// What goes into `articleBody` besides the article's running text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExtractOptions {
    /// Keep figure captions and photo credits (default: left out, unless
    /// they hold more than half of the article's text; in the page they
    /// stay visible all the same, as part of the article).
    pub captions: bool,
}

pub fn extract(s: &Snapshot, c: &Classification) -> Extract {
    extract_with(s, c, ExtractOptions::default())
}

/// Where the page's text lies, for text, Markdown and HTML alike: the
/// article's roots less what it drops, or, on a page that is not one
/// article, the page's content; captions and credits left out unless kept.
pub struct Body<'a> {
    s: &'a Snapshot,
    c: &'a Classification,
    /// Set on a page that is not one article.
    page: Option<&'a PageContent>,
    options: ExtractOptions,
    roots: Vec<NodeId>,
    author_line: Option<AuthorLine>,
    /// Lines filing the post after its text ("Tags: …", `post_meta`).
    filing_lines: Vec<NodeId>,
}

impl<'a> Body<'a> {
    pub fn new(s: &'a Snapshot, c: &'a Classification, options: ExtractOptions) -> Body<'a> {
        let page = c.page_content();
        let roots = match page {
            Some(page) => vec![page.root],
            None => article_roots(c),
        };
        let mut body = Body {
            s,
            c,
            page,
            options,
            roots,
            author_line: author_line(s, c),
            filing_lines: Vec::new(),
        };
        if !options.captions && body.is_told_in_its_captions() {
            body.options.captions = true;
        }
        if body.page.is_none() {
            body.filing_lines = post_meta::after_the_text(s, &body.roots, |id| body.skips(id));
        }
        body
    }

    /// A photo story told in its captions: they hold more than half of its
    /// text, which without them would be a headline and a line or two (a
    /// slideshow's page may have a single one).
    fn is_told_in_its_captions(&self) -> bool {
        let chars = |captions: bool| {
            let mut n = 0;
            walk::walk(
                self.s,
                &self.roots,
                |id| self.skips_with(id, captions),
                |e| {
                    if let walk::Event::Text(t) = e {
                        n += crate::classify::text::collapsed_len(t);
                    }
                },
            );
            n
        };
        let without = chars(false);
        let in_captions = chars(true) - without;
        in_captions > without
    }

    pub fn roots(&self) -> &[NodeId] {
        &self.roots
    }

    /// Whether the subtree at `id` is left out.
    pub fn skips(&self, id: NodeId) -> bool {
        self.skips_with(id, self.options.captions)
    }

    fn skips_with(&self, id: NodeId, captions: bool) -> bool {
        let left_out = match self.page {
            Some(page) => page.left_out[id as usize],
            None => match self.author_line {
                Some(AuthorLine::KeepsTheName(name)) if name == id => false,
                Some(AuthorLine::Goes(line)) if line == id => true,
                _ => is_left_out(self.c, id),
            },
        };
        left_out
            || self.filing_lines.contains(&id)
            || match figure_apparatus::apparatus(self.s, id) {
                Some(figure_apparatus::Apparatus::Caption) => !captions,
                Some(figure_apparatus::Apparatus::GalleryControl) => true,
                None => false,
            }
    }
}

/// What becomes of the author line whose name Readability took out of the
/// article (`Drop::Byline`) when the name sat inside the line after "By":
/// the line keeps the name where it goes on ("By <a>Jane Doe</a> on 13
/// November"), and goes whole where nothing but "By" would be left.
#[derive(Clone, Copy)]
enum AuthorLine {
    KeepsTheName(NodeId),
    Goes(NodeId),
}

/// The word before an author's name in an author line, in six languages.
const BYLINE_WORDS: &[&str] = &["by", "von", "par", "por", "di", "da"];

fn author_line(s: &Snapshot, c: &Classification) -> Option<AuthorLine> {
    let a = c.article.as_ref()?;
    let (name, _) = a.byline.as_ref()?;
    let name = *name;
    if a.dropped[name as usize] != crate::classify::article::Drop::Byline
        || !crate::classify::blocks::is_inline(s.node(name).tag())
    {
        return None;
    }
    let line = s.parent(name)?;
    // A subtree's nodes are numbered in document order, one run of ids.
    let text_of = |ids: std::ops::Range<NodeId>| {
        ids.filter_map(|d| s.node(d).text())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let before = text_of(line..name);
    let after = text_of(s.node(name).end..s.node(line).end);
    let mut words = before.split_whitespace();
    let last = words.next_back()?.trim_end_matches(':');
    if !BYLINE_WORDS.iter().any(|w| last.eq_ignore_ascii_case(w)) {
        return None;
    }
    let goes_on = words
        .chain(after.split_whitespace())
        .any(|w| w.chars().any(char::is_alphanumeric));
    Some(if goes_on {
        AuthorLine::KeepsTheName(name)
    } else {
        AuthorLine::Goes(line)
    })
}

/// `articleBody` is the article's text: by default without figure captions,
/// photo credits and gallery controls ("Image 1 of 8", "Close"); teaser
/// links set inside the body are chrome and never in it.
pub fn extract_with(s: &Snapshot, c: &Classification, options: ExtractOptions) -> Extract {
    let scope = Body::new(s, c, options);
    let body = text::render(s, scope.roots(), |id| scope.skips(id));
    let byline = c
        .article
        .as_ref()
        .and_then(|a| a.byline.as_ref().map(|(_, t)| t.clone()))
        .or_else(|| crate::classify::metadata::byline(s));
    Extract {
        title: c.metadata.title.clone(),
        byline,
        date: date::published(s, &article_roots(c)),
        article_body: body,
    }
}

#[cfg(all(test, feature = "html"))]
mod tests {
    use crate::adapter::html::parse_str;
    use crate::classify::classify;

    const PROSE: &str = "The council voted on Tuesday to rebuild the harbour wall, which storms have breached twice this winter, and work will start in the spring, the mayor said.";

    fn body(author_line: &str) -> String {
        let s = parse_str(&format!(
            "<html><head><title>Harbour wall</title></head><body><article>\
             <h1>Harbour wall</h1><p class=\"meta\">{author_line}</p>\
             <p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></article></body></html>"
        ));
        super::extract(&s, &classify(&s)).article_body
    }

    #[test]
    fn an_author_line_keeps_the_name_readability_took_out_of_it() {
        let text = body("By <a class=\"author\" href=\"/jane\">Jane Doe</a> on 13 November");
        assert!(text.contains("By Jane Doe on 13 November"), "{text}");
    }

    #[test]
    fn an_author_line_that_would_read_by_alone_goes_whole() {
        let text = body("By <a class=\"author\" href=\"/jane\">Jane Doe</a>");
        assert!(!text.contains("By"), "{text}");
    }

    #[test]
    fn a_line_filing_the_post_after_its_text_stays_out_of_it() {
        let s = parse_str(&format!(
            "<html><head><title>Harbour wall</title></head><body><article>\
             <h1>Harbour wall</h1><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p>\
             <p class=\"meta\">This entry was posted in <a href=\"/c/news\">News</a>.</p>\
             </article></body></html>"
        ));
        let text = super::extract(&s, &classify(&s)).article_body;
        assert!(
            text.contains("the mayor said") && !text.contains("This entry"),
            "{text}"
        );
    }

    #[test]
    fn a_name_that_stands_alone_stays_out_of_the_text() {
        let text = body("Posted <span class=\"author\">Jane Doe</span> on 13 November");
        assert!(!text.contains("Jane Doe"), "{text}");
    }

    fn story(paragraphs: usize) -> String {
        let figure = |i: usize| {
            format!(
                "<figure><img src=\"/p{i}.jpg\" alt=\"\"><figcaption>Picture {i}: the harbour wall \
                 after the second storm of the winter, with the old lifeboat station behind it and \
                 the tide coming in over the broken stones.</figcaption></figure>"
            )
        };
        let figures: String = (0..6).map(figure).collect();
        let prose = format!("<p>{PROSE}</p>").repeat(paragraphs);
        let s = parse_str(&format!(
            "<html><head><title>Harbour wall</title></head><body><article>\
             <h1>Harbour wall</h1>{prose}{figures}</article></body></html>"
        ));
        super::extract(&s, &classify(&s)).article_body
    }

    #[test]
    fn a_story_told_in_its_captions_keeps_them() {
        let text = story(1);
        assert!(text.contains("Picture 3: the harbour wall"), "{text}");
    }

    #[test]
    fn an_article_with_pictures_leaves_their_captions_out() {
        let text = story(12);
        assert!(text.contains("rebuild the harbour wall"), "{text}");
        assert!(!text.contains("Picture 3"), "{text}");
    }
}
