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

/// `articleBody` is the article's text: by default without figure captions,
/// photo credits and gallery controls ("Image 1 of 8", "Close"); teaser
/// links set inside the body are chrome and never in it.
pub fn extract_with(s: &Snapshot, c: &Classification, options: ExtractOptions) -> Extract {
    let aside = |id: NodeId| !options.captions && figure_apparatus::is_apparatus(s, id);
    let body = match c.page.as_ref().filter(|_| !c.is_article_page) {
        Some(page) => text::render(s, &[page.root], |id| {
            page.left_out[id as usize] || aside(id)
        }),
        None => text::render(s, &article_roots(c), |id| is_left_out(c, id) || aside(id)),
    };
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
