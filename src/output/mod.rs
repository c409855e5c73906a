//! Actions on a classified page: extract the article, write the page clean.

pub mod clean;
pub mod date;
pub mod figure_apparatus;
pub mod html;
#[cfg(feature = "links")]
pub mod links;
pub mod markdown;
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
    /// Keep figure captions and photo credits (default: left out; in the
    /// page they stay visible all the same, as part of the article).
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
}

impl<'a> Body<'a> {
    pub fn new(s: &'a Snapshot, c: &'a Classification, options: ExtractOptions) -> Body<'a> {
        let page = c.page_content();
        let roots = match page {
            Some(page) => vec![page.root],
            None => article_roots(c),
        };
        Body {
            s,
            c,
            page,
            options,
            roots,
        }
    }

    pub fn roots(&self) -> &[NodeId] {
        &self.roots
    }

    /// Whether the subtree at `id` is left out.
    pub fn skips(&self, id: NodeId) -> bool {
        let left_out = match self.page {
            Some(page) => page.left_out[id as usize],
            None => is_left_out(self.c, id),
        };
        left_out
            || match figure_apparatus::apparatus(self.s, id) {
                Some(figure_apparatus::Apparatus::Caption) => !self.options.captions,
                Some(figure_apparatus::Apparatus::GalleryControl) => true,
                None => false,
            }
    }
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
        .or_else(|| c.metadata.byline.clone());
    Extract {
        title: c.metadata.title.clone(),
        byline,
        date: date::published(s, &article_roots(c)),
        article_body: body,
    }
}
