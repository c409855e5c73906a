//! Readability's class and id patterns, as plain substring and token tests
//! (no regex engine: it would triple the size of the Wasm build).

pub struct Pattern {
    /// Matches when the lower-cased input contains one of these.
    pub substrings: &'static [&'static str],
    /// Matches when one of these stands alone, delimited by non-alphanumerics
    /// (`_` counts as a delimiter).
    pub tokens: &'static [&'static str],
}

impl Pattern {
    pub fn is_match(&self, input: &str) -> bool {
        if input.is_empty() {
            return false;
        }
        let lower = input.to_ascii_lowercase();
        self.substrings.iter().any(|s| lower.contains(s))
            || (!self.tokens.is_empty()
                && lower
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|t| self.tokens.contains(&t)))
    }
}

pub const UNLIKELY: Pattern = Pattern {
    substrings: &[
        "-ad-",
        "ai2html",
        "banner",
        "breadcrumbs",
        "combx",
        "comment",
        "community",
        "cover-wrap",
        "disqus",
        "extra",
        "footer",
        "gdpr",
        "header",
        "legends",
        "menu",
        "related",
        "remark",
        "replies",
        "rss",
        "shoutbox",
        "sidebar",
        "skyscraper",
        "social",
        "sponsor",
        "supplemental",
        "ad-break",
        "agegate",
        "pagination",
        "pager",
        "popup",
        "yom-remote",
    ],
    tokens: &[],
};

pub const MAYBE_CANDIDATE: Pattern = Pattern {
    substrings: &[
        "and", "article", "body", "column", "content", "main", "mathjax", "shadow",
    ],
    tokens: &[],
};

pub const POSITIVE: Pattern = Pattern {
    substrings: &[
        "article",
        "body",
        "content",
        "entry",
        "hentry",
        "h-entry",
        "main",
        "page",
        "pagination",
        "post",
        "text",
        "blog",
        "story",
    ],
    tokens: &[],
};

pub const NEGATIVE: Pattern = Pattern {
    substrings: &[
        "-ad-",
        "hidden",
        "banner",
        "combx",
        "comment",
        "com-",
        "contact",
        "footer",
        "gdpr",
        "masthead",
        "media",
        "meta",
        "outbrain",
        "promo",
        "related",
        "scroll",
        "share",
        "shoutbox",
        "sidebar",
        "skyscraper",
        "sponsor",
        "shopping",
        "tags",
        "widget",
    ],
    tokens: &["hid"],
};

pub const BYLINE: Pattern = Pattern {
    substrings: &["byline", "author", "dateline", "writtenby", "p-author"],
    tokens: &[],
};

pub const SHARE: Pattern = Pattern {
    substrings: &[],
    tokens: &["share", "sharedaddy"],
};

pub const VIDEO: Pattern = Pattern {
    substrings: &[
        "//www.youtube.com",
        "//youtube.com",
        "//www.youtube-nocookie.com",
        "//player.vimeo.com",
        "//v.qq.com",
        "//archive.org",
        "//upload.wikimedia.org",
        "//player.twitch.tv",
        "//www.dailymotion.com",
        "//dailymotion.com",
        "//embed.ted.com",
    ],
    tokens: &[],
};

/// Whole-text matches: a block that says only "Advertisement" or "Loading…".
pub struct Exact(pub &'static [&'static str]);

impl Exact {
    pub fn is_match(&self, text: &str) -> bool {
        let lower = text.trim().to_lowercase();
        let lower = lower.trim_end_matches(['.', '…']);
        self.0.contains(&lower)
    }
}

pub const AD_WORDS: Exact = Exact(&[
    "ad",
    "advertising",
    "advertisement",
    "pub",
    "publicité",
    "werb",
    "werbung",
    "广告",
    "реклама",
    "anuncio",
    "anzeige",
    "publicidad",
    "pubblicità",
    "publicidade",
    "annonce",
]);

pub const LOADING_WORDS: Exact =
    Exact(&["loading", "正在加载", "загрузка", "chargement", "cargando"]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_respect_boundaries() {
        assert!(SHARE.is_match("post-share_bar"));
        assert!(!SHARE.is_match("shared-content"));
        assert!(NEGATIVE.is_match("x hid"));
        assert!(!NEGATIVE.is_match("hidalgo"));
        assert!(AD_WORDS.is_match(" Advertisement "));
        assert!(!AD_WORDS.is_match("Advertisement for a car"));
    }
}
