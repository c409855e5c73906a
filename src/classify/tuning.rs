//! Every threshold the classifier's stages share, with its default and why.
//! `Tuning::default()` is what every front end runs; tests and experiments
//! may change a field to see what it does.

#[derive(Debug, Clone, PartialEq)]
pub struct Tuning {
    /// Below this many characters of kept text, Readability's find is not an
    /// article to clean around (default 250: two or three sentences).
    pub article_min_chars: u32,
    /// An article page's article has at least this many characters (default
    /// 400: below it, a page's one stretch of text is more often a product
    /// blurb or a forum's first post than an article).
    pub article_page_min_chars: u32,
    /// ...and holds at least this share of the running text in the page's
    /// content (default 0.25). A forum thread, a listing of posts or a product
    /// page spreads its running text over many items, and Readability's
    /// single subtree keeps a small part of it; an article page's comments,
    /// related teasers and sidebars are prose too, hence a low share.
    pub article_page_prose_share: f32,
    /// ...unless the page's content has less running text than this (default
    /// 300): then the share says nothing, and the article stands.
    pub page_min_prose_chars: u32,
    /// A `<main>` landmark is the page's content only if it holds at least
    /// this share of the body's text (default 0.25): some pages mark a small
    /// widget as main.
    pub main_landmark_min_share: f32,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            article_min_chars: 250,
            article_page_min_chars: 400,
            article_page_prose_share: 0.25,
            page_min_prose_chars: 300,
            main_landmark_min_share: 0.25,
        }
    }
}
