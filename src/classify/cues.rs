//! Wording that gives chrome away, one data file per language in `cues/`
//! (English, German, French, Spanish, Italian, Portuguese, and words common
//! to all), and the markup that does: store and share hosts, class names of
//! ad slots, sponsored widgets and boxes of other stories. Phrases are
//! matched lower-case inside short blocks; a strong phrase decides alone,
//! weak ones need a second cue.
//!
//! A `.cues` file: `#` comment lines; `[kind]` opens a list of strong
//! phrases, matched at a word start, which may run on into a longer word
//! when they are one word (a stem: "relacionad") but end at a word end when
//! they are several ("more at" is not "more attention");
//! `[kind weak]` a list of whole words that need a second cue;
//! `[read-also]` the words that open a teaser link; `[button]` a button's
//! whole label. One phrase a line, lower case.

use super::text::starts_with;

pub const APP_STORE_HOSTS: &[&str] = &[
    "apps.apple.com",
    "itunes.apple.com",
    "play.google.com",
    "appgallery.huawei.com",
    "microsoft.com/store",
    "onelink.me",
    ".app.link",
    "app.adjust.com",
    "smart.link",
];

/// Those of `APP_STORE_HOSTS` that deep-link into an app, or to the web page
/// of the same task where it is not installed: a menu's "Report a claim"
/// may lead there.
pub const APP_DEEP_LINK_HOSTS: &[&str] =
    &["onelink.me", ".app.link", "app.adjust.com", "smart.link"];

/// Words in an image's `src`, `alt` or class that name it an app's icon, as
/// smart app banners show it.
pub const APP_ICON_WORDS: &[&str] = &["app-icon", "app_icon", "appicon", "app icon"];

/// Image names and alt texts of store badges.
pub const STORE_BADGE_WORDS: &[&str] = &[
    "app store",
    "app-store",
    "appstore",
    "app_store",
    "google play",
    "google-play",
    "googleplay",
    "play store",
    "play-store",
    "playstore",
    "get it on",
    "download on the",
];

/// Share-intent URLs of social networks.
pub const SHARE_URLS: &[&str] = &[
    "facebook.com/sharer",
    "facebook.com/share",
    "twitter.com/intent",
    "twitter.com/share",
    "x.com/intent",
    "x.com/share",
    "linkedin.com/sharing",
    "linkedin.com/sharearticle",
    "pinterest.com/pin/create",
    "reddit.com/submit",
    "wa.me/",
    "whatsapp://",
    "api.whatsapp.com/send",
    "t.me/share",
    "telegram.me/share",
    "mailto:?",
    "bsky.app/intent",
    "threads.net/intent",
    "xing.com/spi/shares",
    "tumblr.com/share",
    "digg.com/submit",
    "del.icio.us/post",
    "delicious.com/save",
    "stumbleupon.com/submit",
    "blogger.com/share-post",
];

/// Profile pages of social networks: a row of these is a follow bar.
pub const SOCIAL_HOSTS: &[&str] = &[
    "facebook.com/",
    "twitter.com/",
    "x.com/",
    "instagram.com/",
    "linkedin.com/",
    "youtube.com/@",
    "tiktok.com/@",
    "threads.net/",
    "bsky.app/",
    "pinterest.com/",
    "t.me/",
];

/// Class and id words of ad slots (matched as whole tokens of `class`/`id`).
pub const AD_TOKENS: &[&str] = &[
    "ad",
    "ads",
    "advert",
    "adverts",
    "advertisement",
    "advertising",
    "adslot",
    "adunit",
    "adsense",
    "adsbygoogle",
    "dfp",
    "gpt",
    "anzeige",
    "werbung",
    "publicite",
    "pub",
    "publicidad",
    "pubblicita",
    "publicidade",
    "adbox",
    "adcontainer",
];

/// Parts of class or id names (lower-cased, matched anywhere in them) of
/// boxes of links to other stories: "relatedPosts", "most-popular",
/// "moreOnSite". Not "promo": it names sale banners and a services
/// page's own list as often.
pub const OTHER_STORIES_NAMES: &[&str] = &[
    "related",
    "popular",
    "trending",
    "recommend",
    "mostread",
    "most-read",
    "most_read",
    "moreon",
    "more-on",
    "more_on",
    "morefrom",
    "more-from",
    "more_from",
    "bestof",
    "best_of",
    "best-of",
];

/// Class/id words of sponsored headline widgets.
pub const SPONSORED_WIDGET_TOKENS: &[&str] = &[
    "taboola",
    "outbrain",
    "revcontent",
    "mgid",
    "zergnet",
    "plista",
    "ligatus",
    "nativo",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    Paywall,
    AppPromo,
    LinkFarmHeading,
    Newsletter,
    Consent,
    Social,
    /// A network named as where to follow the site ("CBS News on Facebook").
    Follow,
    /// Updates offered by mail, named at a line's end ("Get Posts by Email").
    ByMail,
    Comments,
    Legal,
}

/// The phrase files, by language.
/// Markers looked for in one text all at once: the text is read once, and
/// each position is compared only with the markers that start with its
/// byte. (A `contains` per marker sets up a substring searcher each time,
/// which in Wasm cost more than the classifier's own work on links.)
pub struct Markers {
    list: &'static [&'static str],
    /// Indices into `list`, by their first byte.
    by_first_byte: Vec<Vec<u8>>,
}

impl Markers {
    fn new(list: &'static [&'static str]) -> Markers {
        let mut by_first_byte = vec![Vec::new(); 256];
        for (i, m) in list.iter().enumerate() {
            if let Some(&b) = m.as_bytes().first() {
                by_first_byte[b as usize].push(i as u8);
            }
        }
        Markers {
            list,
            by_first_byte,
        }
    }

    /// The first marker in the list's order that `text` contains.
    pub fn first_in(&self, text: &str) -> Option<&'static str> {
        let bytes = text.as_bytes();
        let mut first: Option<u8> = None;
        for i in 0..bytes.len() {
            for &m in &self.by_first_byte[bytes[i] as usize] {
                if first.is_none_or(|f| m < f)
                    && starts_with(&bytes[i..], self.list[m as usize].as_bytes())
                {
                    first = Some(m);
                }
            }
        }
        first.map(|m| self.list[m as usize])
    }

    pub fn any_in(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        (0..bytes.len()).any(|i| {
            self.by_first_byte[bytes[i] as usize]
                .iter()
                .any(|&m| starts_with(&bytes[i..], self.list[m as usize].as_bytes()))
        })
    }
}

/// The markup markers, each list made a `Markers` once.
pub struct MarkerSets {
    pub app_store_hosts: Markers,
    pub app_icon_words: Markers,
    pub store_badge_words: Markers,
    pub share_urls: Markers,
}

pub fn markers() -> &'static MarkerSets {
    static SETS: std::sync::OnceLock<MarkerSets> = std::sync::OnceLock::new();
    SETS.get_or_init(|| MarkerSets {
        app_store_hosts: Markers::new(APP_STORE_HOSTS),
        app_icon_words: Markers::new(APP_ICON_WORDS),
        store_badge_words: Markers::new(STORE_BADGE_WORDS),
        share_urls: Markers::new(SHARE_URLS),
    })
}

pub const LANGUAGES: [(&str, &str); 7] = [
    ("common", include_str!("cues/common.cues")),
    ("en", include_str!("cues/en.cues")),
    ("de", include_str!("cues/de.cues")),
    ("fr", include_str!("cues/fr.cues")),
    ("es", include_str!("cues/es.cues")),
    ("it", include_str!("cues/it.cues")),
    ("pt", include_str!("cues/pt.cues")),
];

/// What a `[section]` of a phrase file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Cue(CueKind, bool),
    ReadAlso,
    Button,
}

pub fn section(name: &str) -> Option<Section> {
    let (kind, strong) = match name.strip_suffix(" weak") {
        Some(kind) => (kind, false),
        None => (name, true),
    };
    let cue = |k| Some(Section::Cue(k, strong));
    match kind {
        "paywall" => cue(CueKind::Paywall),
        "app-promo" => cue(CueKind::AppPromo),
        "link-farm-heading" => cue(CueKind::LinkFarmHeading),
        "newsletter" => cue(CueKind::Newsletter),
        "consent" => cue(CueKind::Consent),
        "social" => cue(CueKind::Social),
        "follow" => cue(CueKind::Follow),
        "by-mail" => cue(CueKind::ByMail),
        "comments" => cue(CueKind::Comments),
        "legal" => cue(CueKind::Legal),
        "read-also" if strong => Some(Section::ReadAlso),
        "button" if strong => Some(Section::Button),
        _ => None,
    }
}

/// One phrase of a phrase file, with its section and language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phrase {
    pub text: &'static str,
    pub section: Section,
    pub language: &'static str,
}

/// Every phrase of every file, in file order. Lines of unknown sections are
/// skipped here; a test fails on them.
pub fn phrases() -> &'static [Phrase] {
    static PHRASES: std::sync::OnceLock<Vec<Phrase>> = std::sync::OnceLock::new();
    PHRASES.get_or_init(|| {
        let mut out = Vec::new();
        for (language, file) in LANGUAGES {
            let mut current = None;
            for line in file.lines() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                    current = section(name);
                    continue;
                }
                if let Some(section) = current {
                    out.push(Phrase {
                        text: line,
                        section,
                        language,
                    });
                }
            }
        }
        out
    })
}

/// Openings of a teaser link set between paragraphs ("Read also: …").
pub fn read_also() -> impl Iterator<Item = &'static str> {
    phrases()
        .iter()
        .filter(|p| p.section == Section::ReadAlso)
        .map(|p| p.text)
}

/// Labels of a card's or a section's button ("Read more »"): a line
/// outside a heading's tag that says only one of them heads no list,
/// though the phrase is one of a link farm's headings.
pub fn buttons() -> impl Iterator<Item = &'static str> {
    phrases()
        .iter()
        .filter(|p| p.section == Section::Button)
        .map(|p| p.text)
}

/// A phrase found in a block. Strong phrases of one word may run on into a
/// longer word ("relacionad" matches "relacionadas"); phrases of several
/// words, and weak ones, are whole words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub kind: CueKind,
    pub strong: bool,
    pub phrase: &'static str,
}

type Candidates = Vec<(&'static str, CueKind, bool)>;

/// Phrases keyed by their first two bytes: a block's text is scanned once,
/// looking up each word start, instead of once per phrase.
struct Index {
    /// For each byte pair, 1 + the index of its bucket (0: none).
    table: Vec<u16>,
    buckets: Vec<Candidates>,
}

fn index() -> &'static Index {
    static INDEX: std::sync::OnceLock<Index> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = Index {
            table: vec![0; 1 << 16],
            buckets: Vec::new(),
        };
        for p in phrases() {
            let Section::Cue(kind, strong) = p.section else {
                continue;
            };
            let b = p.text.as_bytes();
            let key = (b[0] as usize) << 8 | *b.get(1).unwrap_or(&0) as usize;
            if index.table[key] == 0 {
                index.buckets.push(Vec::new());
                index.table[key] = index.buckets.len() as u16;
            }
            index.buckets[index.table[key] as usize - 1].push((p.text, kind, strong));
        }
        index
    })
}

/// Every cue phrase in lower-cased `text` that starts at a word start.
pub fn scan(text: &str) -> Vec<Hit> {
    let index = index();
    let bytes = text.as_bytes();
    let mut hits: Vec<Hit> = Vec::new();
    let mut prev_word = false;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric();
        if prev_word && word {
            continue;
        }
        prev_word = word;
        let key = (bytes[i] as usize) << 8 | *bytes.get(i + 1).unwrap_or(&0) as usize;
        let bucket = index.table[key];
        if bucket == 0 {
            continue;
        }
        let rest = text.get(i..).unwrap_or_default();
        for &(phrase, kind, strong) in &index.buckets[bucket as usize - 1] {
            if !starts_with(rest.as_bytes(), phrase.as_bytes()) {
                continue;
            }
            let after = rest.get(phrase.len()..).unwrap_or_default().chars().next();
            let whole = !after.is_some_and(char::is_alphanumeric)
                || !phrase.chars().last().is_some_and(char::is_alphanumeric);
            if (whole || strong && !phrase.contains(' '))
                && !hits.iter().any(|h| h.phrase == phrase && h.kind == kind)
            {
                hits.push(Hit {
                    kind,
                    strong,
                    phrase,
                });
            }
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stem_runs_on_into_a_longer_word_but_a_phrase_of_words_does_not() {
        let phrases = |text: &str| -> Vec<&str> { scan(text).iter().map(|h| h.phrase).collect() };
        assert!(phrases("noticias relacionadas").contains(&"relacionad"));
        assert!(phrases("more at the atlantic").contains(&"more at"));
        assert!(!phrases("more attention for the harbour").contains(&"more at"));
        assert!(!phrases("a letter to a friendship").contains(&"to a friend"));
    }

    /// What `contains` tried marker by marker, in the list's order, finds.
    #[test]
    fn markers_find_what_contains_finds_in_list_order() {
        let hrefs = [
            "https://apps.apple.com/app/id1?mt=8",
            "https://x.onelink.me/abc?pid=https://play.google.com/store",
            "https://play.google.com/store/apps/details?id=a&ref=apps.apple.com",
            "https://www.facebook.com/sharer/sharer.php?u=x",
            "https://example.com/app.link/",
            "",
            "a",
        ];
        for href in hrefs {
            assert_eq!(
                markers().app_store_hosts.first_in(href),
                APP_STORE_HOSTS.iter().copied().find(|h| href.contains(h)),
                "{href}"
            );
            assert_eq!(
                markers().share_urls.any_in(href),
                SHARE_URLS.iter().any(|u| href.contains(u)),
                "{href}"
            );
        }
    }
}
