//! Actions on a classified page: extract the article, write the page clean.

pub mod clean;
pub mod date;
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

pub fn extract(s: &Snapshot, c: &Classification) -> Extract {
    let roots = article_roots(c);
    let body = text::render(s, &roots, |id| is_left_out(c, id));
    let byline = c
        .article
        .as_ref()
        .and_then(|a| a.byline.as_ref().map(|(_, t)| t.clone()))
        .or_else(|| c.metadata.byline.clone());
    Extract {
        title: c.metadata.title.clone(),
        byline,
        date: date::published(s, &roots),
        article_body: body,
    }
}
