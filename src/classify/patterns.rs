//! Readability's class and id patterns, as plain substring and token tests
//! (no regex engine: it would triple the size of the Wasm build).

use super::text::{has, starts_with};

pub struct Pattern {
    /// Matches when the lower-cased input contains one of these.
    pub substrings: &'static [&'static str],
    /// Matches when one of these stands alone, delimited by non-alphanumerics
    /// (`_` counts as a delimiter).
    pub tokens: &'static [&'static str],
}

impl Pattern {
    pub fn is_match(&self, input: &str) -> bool {
        !input.is_empty() && self.is_match_lower(&input.to_ascii_lowercase())
    }

    fn is_match_lower(&self, lower: &str) -> bool {
        self.substrings.iter().any(|s| has(lower, s))
            || (!self.tokens.is_empty()
                && lower
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|t| self.tokens.contains(&t)))
    }
}

/// All name patterns' substrings, keyed by their first two bytes, so a class
/// or id is scanned once for every pattern at the same time.
struct NameMatcher {
    /// For each byte pair, 1 + the index of its bucket (0: none).
    table: Vec<u16>,
    buckets: Vec<Vec<(&'static [u8], u8)>>,
}

const NAME_PATTERNS: [(&Pattern, u8); 7] = [
    (&UNLIKELY, UNLIKELY_NAME),
    (&MAYBE_CANDIDATE, MAYBE_CANDIDATE_NAME),
    (&BYLINE, BYLINE_NAME),
    (&POSITIVE, POSITIVE_NAME),
    (&NEGATIVE, NEGATIVE_NAME),
    (&LANDMARK, LANDMARK_NAME),
    (&THREAD, THREAD_NAME),
];

fn name_matcher() -> &'static NameMatcher {
    static MATCHER: std::sync::OnceLock<NameMatcher> = std::sync::OnceLock::new();
    MATCHER.get_or_init(|| {
        let mut m = NameMatcher {
            table: vec![0; 1 << 16],
            buckets: Vec::new(),
        };
        for (pattern, bit) in NAME_PATTERNS {
            for needle in pattern.substrings {
                let b = needle.as_bytes();
                let key = (b[0] as usize) << 8 | b[1] as usize;
                if m.table[key] == 0 {
                    m.buckets.push(Vec::new());
                    m.table[key] = m.buckets.len() as u16;
                }
                m.buckets[m.table[key] as usize - 1].push((b, bit));
            }
        }
        m
    })
}

/// The name-pattern bits `lower` (a lower-cased class or id) matches.
fn name_bits(lower: &str) -> u8 {
    let m = name_matcher();
    let h = lower.as_bytes();
    let mut bits = 0;
    for i in 0..h.len().saturating_sub(1) {
        let bucket = m.table[(h[i] as usize) << 8 | h[i + 1] as usize];
        if bucket == 0 {
            continue;
        }
        for &(needle, bit) in &m.buckets[bucket as usize - 1] {
            if starts_with(&h[i..], needle) {
                bits |= bit;
            }
        }
    }
    let token_bits = |token: &[u8]| {
        let is = |p: &Pattern| p.tokens.iter().any(|t| t.as_bytes() == token);
        let mut bits = 0;
        if is(&SHARE) {
            bits |= SHARE_NAME;
        }
        if is(&NEGATIVE) {
            bits |= NEGATIVE_NAME;
        }
        if is(&LANDMARK) {
            bits |= LANDMARK_NAME;
        }
        bits
    };
    // Names are nearly always ASCII: split a byte at a time.
    if lower.is_ascii() {
        for token in h.split(|b| !b.is_ascii_alphanumeric()) {
            bits |= token_bits(token);
        }
    } else {
        for token in lower.split(|c: char| !c.is_alphanumeric()) {
            bits |= token_bits(token.as_bytes());
        }
    }
    bits
}

/// What an element's `class` and `id` say, worked out once per page: the
/// article finder asks on every attempt, and the labeller once more, for
/// every element.
pub struct ClassCues {
    bits: Vec<u8>,
    weight: Vec<i8>,
}

pub const UNLIKELY_NAME: u8 = 1;
pub const MAYBE_CANDIDATE_NAME: u8 = 2;
pub const BYLINE_NAME: u8 = 4;
pub const SHARE_NAME: u8 = 8;
const POSITIVE_NAME: u8 = 16;
/// A menu, a footer, a breadcrumb trail: `LANDMARK`.
pub const LANDMARK_NAME: u8 = 64;
/// A comment thread's container: `THREAD`.
pub const THREAD_NAME: u8 = 128;
const NEGATIVE_NAME: u8 = 32;

impl ClassCues {
    pub fn compute(s: &crate::snapshot::Snapshot) -> ClassCues {
        let mut bits = vec![0u8; s.len()];
        let mut weight = vec![0i8; s.len()];
        let mut lower = String::new();
        for (id, node) in s.nodes.iter().enumerate() {
            let mut w = 0i8;
            for value in [node.attr("class"), node.attr("id")].into_iter().flatten() {
                if value.is_empty() {
                    continue;
                }
                lower.clear();
                lower.push_str(value);
                lower.make_ascii_lowercase();
                let found = name_bits(&lower);
                bits[id] |= found
                    & (UNLIKELY_NAME
                        | MAYBE_CANDIDATE_NAME
                        | BYLINE_NAME
                        | SHARE_NAME
                        | LANDMARK_NAME
                        | THREAD_NAME);
                if found & NEGATIVE_NAME != 0 {
                    w -= 25;
                }
                if found & POSITIVE_NAME != 0 {
                    w += 25;
                }
            }
            weight[id] = w;
        }
        ClassCues { bits, weight }
    }

    pub fn has(&self, id: crate::snapshot::NodeId, bit: u8) -> bool {
        self.bits[id as usize] & bit != 0
    }

    /// Readability's class weight: -25 per negative, +25 per positive name.
    pub fn weight(&self, id: crate::snapshot::NodeId) -> f32 {
        self.weight[id as usize] as f32
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

/// Class or id words of the page's navigation and footer.
pub const LANDMARK: Pattern = Pattern {
    substrings: &["breadcrumb"],
    tokens: &["nav", "navbar", "menu", "footer", "masthead"],
};

/// Class or id words of a comment thread's container.
pub const THREAD: Pattern = Pattern {
    substrings: &[
        "comment",
        "disqus",
        "replies",
        "kommentar",
        "comentario",
        "commenti",
        "commentaire",
    ],
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
        // Lower-casing shortens a character by two bytes at most (K, the
        // Kelvin sign, to k): longer text cannot be one of the words.
        let longest = self.0.iter().map(|w| w.len()).max().unwrap_or(0);
        let core = text.trim().trim_end_matches(['.', '…']);
        if core.len() > 3 * longest {
            return false;
        }
        // No character lower-cases to a dot, so the dots can go first; ASCII
        // text is compared without a lower-cased copy.
        if core.is_ascii() {
            return self.0.iter().any(|w| w.eq_ignore_ascii_case(core));
        }
        self.0.contains(&super::text::lower(core).as_str())
    }
}

pub const AD_WORDS: Exact = Exact(&[
    "ad",
    "advertising",
    "advertisement",
    "advertisements",
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

/// Lines that mark an ad set between an article's paragraphs, by what
/// follows it rather than by naming it.
pub const AD_BREAK_LINES: Exact = Exact(&[
    "article continues",
    "article continues below",
    "story continues below",
    "continue reading below",
    "l'article continue après cette annonce",
    "l’article continue après cette annonce",
]);

/// Titles of a box of ads: its sponsors' logos or links.
pub const AD_BOX_TITLES: Exact = Exact(&[
    "sponsors",
    "our sponsors",
    "advertisers",
    "our advertisers",
    "sponsor posts",
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
        assert!(AD_WORDS.is_match("ADVERTISEMENTS"));
        assert!(!AD_WORDS.is_match("Advertisement for a car"));
        assert!(LOADING_WORDS.is_match("LOADING…"));
        assert!(AD_BREAK_LINES.is_match("Article continues"));
        assert!(AD_BREAK_LINES.is_match("L'article continue après cette annonce"));
        assert!(!AD_BREAK_LINES.is_match("The article continues a series"));
        assert!(AD_BOX_TITLES.is_match("OUR SPONSORS"));
        // ASCII text is compared ignoring case: the words must be lower case.
        for w in AD_WORDS
            .0
            .iter()
            .chain(AD_BREAK_LINES.0)
            .chain(AD_BOX_TITLES.0)
            .chain(LOADING_WORDS.0)
        {
            assert_eq!(*w, crate::classify::text::lower(w));
        }
    }
}
