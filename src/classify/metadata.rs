//! What the page's metadata says: its title as Readability reads it, its
//! Open Graph type, whether it is a home page, and (for extraction) its
//! author.

use super::text::{collapse_whitespace, has, word_count};
use crate::snapshot::{NodeId, Snapshot};

#[derive(Debug, Default, Clone)]
pub struct Metadata {
    pub title: String,
    /// `og:type`, lower-cased: what the page says it is ("article",
    /// "website", "product").
    pub page_type: Option<String>,
    /// The page's canonical URL (`<link rel="canonical">`), if it has one.
    pub canonical: Option<String>,
}

/// Open Graph types of pages that are not articles (`product.group` counts
/// as `product`). A site's own type ("game", "bible_passage") says nothing:
/// such sites tag their articles with it.
const NOT_ARTICLE_TYPES: &[&str] = &[
    "website",
    "product",
    "profile",
    "place",
    "business",
    "restaurant",
];

impl Metadata {
    /// Whether the page's canonical URL is its site's root: a home page,
    /// whatever its `og:type` says.
    pub fn is_home_page(&self) -> bool {
        self.canonical.as_deref().is_some_and(is_site_root)
    }

    /// Whether the page says it is an article (`og:type` "article").
    pub fn says_article(&self) -> bool {
        self.page_type.as_deref() == Some("article")
    }

    /// Whether the page says what it is, and it is not an article or a blog
    /// post. Many pages say nothing, which is no evidence either way.
    pub fn says_other_than_article(&self) -> bool {
        self.page_type.as_deref().is_some_and(|t| {
            NOT_ARTICLE_TYPES
                .iter()
                .any(|n| t == *n || t.strip_prefix(n).is_some_and(|r| r.starts_with('.')))
        })
    }
}

pub fn read(s: &Snapshot) -> Metadata {
    let tags = Tags::of(s);
    let title = tags
        .value(&[
            "dc:title",
            "dcterm:title",
            "og:title",
            "weibo:article:title",
            "weibo:webpage:title",
            "title",
            "twitter:title",
            "parsely-title",
        ])
        .unwrap_or_else(|| article_title(s, &tags.document_title));
    Metadata {
        title,
        page_type: tags.value(&["og:type"]).map(|t| super::text::lower(&t)),
        canonical: tags.canonical.map(str::to_string),
    }
}

/// The author the page's metadata names (extraction's fallback; the
/// classifier does not read it).
pub fn byline(s: &Snapshot) -> Option<String> {
    Tags::of(s).value(&["dc:creator", "dcterm:creator", "author", "parsely-author"])
}

/// What the page's `<meta>`, `<link rel=canonical>` and `<title>` say.
struct Tags<'a> {
    /// Each `<meta>` name or property, lower-cased with "." as ":", and its
    /// content.
    values: Vec<(String, String)>,
    document_title: String,
    canonical: Option<&'a str>,
}

impl<'a> Tags<'a> {
    fn of(s: &'a Snapshot) -> Tags<'a> {
        let mut tags = Tags {
            values: Vec::new(),
            document_title: String::new(),
            canonical: None,
        };
        for id in 0..s.len() as NodeId {
            let node = s.node(id);
            match node.tag() {
                "link"
                    if tags.canonical.is_none()
                        && node
                            .attr("rel")
                            .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
                {
                    tags.canonical = node.attr("href");
                }
                "meta" => {
                    let content = match node.attr("content") {
                        Some(c) if !c.trim().is_empty() => collapse_whitespace(c),
                        _ => continue,
                    };
                    for key in [node.attr("property"), node.attr("name")]
                        .into_iter()
                        .flatten()
                    {
                        for key in key.split_whitespace() {
                            let key = key.to_ascii_lowercase().replace('.', ":");
                            tags.values.push((key, content.clone()));
                        }
                    }
                }
                "title"
                    if tags.document_title.is_empty()
                        && !s.ancestors(id).any(|a| s.node(a).tag() == "svg") =>
                {
                    tags.document_title = s.subtree(id).filter_map(|d| s.node(d).text()).collect();
                }
                _ => {}
            }
        }
        tags
    }

    /// The content of the first of `keys` the page has.
    fn value(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| {
            (self.values.iter())
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.clone())
        })
    }
}

/// Whether `url` names a site's root: nothing after its host but a slash
/// ("https://example.com/", "//example.com", "/"). A query or a fragment
/// names something else ("/?p=521" is a post).
fn is_site_root(url: &str) -> bool {
    // Bytes, not string patterns: their searchers cost the .wasm more.
    let b = url.as_bytes();
    let scheme = [&b"//"[..], b"http://", b"https://"]
        .into_iter()
        .find(|p| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p));
    let Some(scheme) = scheme else {
        return url == "/";
    };
    let rest = &b[scheme.len()..];
    let host = (rest.iter())
        .take_while(|&&c| !matches!(c, b'/' | b'?' | b'#'))
        .count();
    // An escaped host ("blog.example.fr%2Farticles%2F…") hides a path.
    host > 0 && !rest[..host].contains(&b'%') && matches!(&rest[host..], b"" | b"/")
}

const SEPARATORS: &[char] = &['|', '-', '–', '—', '\\', '/', '>', '»'];

/// Readability's `_getArticleTitle`: the document title without the site's
/// name, unless that leaves too little.
fn article_title(s: &Snapshot, document_title: &str) -> String {
    let original = collapse_whitespace(document_title.trim());
    let mut title = original.clone();
    let has_separator = |t: &str| {
        t.char_indices().any(|(i, c)| {
            SEPARATORS.contains(&c)
                && t.get(..i).unwrap_or_default().ends_with(' ')
                && t.get(i + c.len_utf8()..)
                    .unwrap_or_default()
                    .starts_with(' ')
        })
    };
    let hierarchical = original.char_indices().any(|(i, c)| {
        matches!(c, '\\' | '/' | '>' | '»')
            && original.get(..i).unwrap_or_default().ends_with(' ')
            && original
                .get(i + c.len_utf8()..)
                .unwrap_or_default()
                .starts_with(' ')
    });
    if has_separator(&original) {
        if let Some(cut) = last_separator(&original) {
            title = original
                .get(..cut)
                .unwrap_or_default()
                .trim_end()
                .to_string();
        }
        if word_count(&title) < 3 {
            if let Some(cut) = first_separator(&original) {
                title = original
                    .get(cut..)
                    .unwrap_or_default()
                    .trim_start_matches(SEPARATORS)
                    .trim()
                    .to_string();
            }
        }
    } else if has(&title, ": ") {
        let headings: Vec<String> = ["h1", "h2"]
            .iter()
            .flat_map(|t| (0..s.len() as NodeId).filter(move |&i| s.node(i).tag() == *t))
            .map(|h| {
                collapse_whitespace(
                    &s.subtree(h)
                        .filter_map(|d| s.node(d).text())
                        .collect::<String>(),
                )
            })
            .collect();
        if !headings.iter().any(|h| h.trim() == title) {
            let after =
                (original.get(original.rfind(':').map_or(0, |i| i + 1)..)).unwrap_or_default();
            title = after.trim().to_string();
            if word_count(&title) < 3 {
                let first = original.find(':').map_or(0, |i| i + 1);
                title = original.get(first..).unwrap_or_default().trim().to_string();
            } else if word_count(
                original
                    .get(..original.find(':').unwrap_or(0))
                    .unwrap_or_default(),
            ) > 5
            {
                title = original.clone();
            }
        }
    } else if title.chars().count() > 150 || title.chars().count() < 15 {
        let h1s: Vec<NodeId> = (0..s.len() as NodeId)
            .filter(|&i| s.node(i).tag() == "h1")
            .collect();
        if h1s.len() == 1 {
            title = collapse_whitespace(
                &s.subtree(h1s[0])
                    .filter_map(|d| s.node(d).text())
                    .collect::<String>(),
            );
        }
    }
    let title = collapse_whitespace(title.trim());
    let words = word_count(&title);
    let original_words = word_count(&original.replace(SEPARATORS, ""));
    if words <= 4 && (!hierarchical || words + 1 != original_words) {
        return original;
    }
    title
}

fn separator_positions(t: &str) -> impl Iterator<Item = usize> + '_ {
    t.char_indices()
        .filter(|&(i, c)| {
            SEPARATORS.contains(&c)
                && t.get(i + c.len_utf8()..)
                    .unwrap_or_default()
                    .starts_with(' ')
        })
        .map(|(i, _)| i)
}

fn last_separator(t: &str) -> Option<usize> {
    separator_positions(t).last()
}

fn first_separator(t: &str) -> Option<usize> {
    separator_positions(t).next()
}

#[cfg(test)]
mod tests {
    use super::Metadata;

    fn says_other(page_type: &str) -> bool {
        Metadata {
            page_type: Some(page_type.into()),
            ..Metadata::default()
        }
        .says_other_than_article()
    }

    #[test]
    fn a_canonical_url_with_nothing_after_its_host_is_a_site_root() {
        for url in [
            "https://example.com/",
            "http://Example.com",
            "HTTPS://EXAMPLE.COM/",
            "//example.com/",
            "/",
        ] {
            assert!(super::is_site_root(url), "{url}");
        }
        for url in [
            "https://example.com/2024/01/story",
            "http://example.com/?p=521",
            "https://example.com/#top",
            "https://blog.example.fr%2Farticles%2Fpost",
            "",
            "story.html",
            "https:///",
        ] {
            assert!(!super::is_site_root(url), "{url}");
        }
    }

    #[test]
    fn only_open_graph_types_of_other_pages_say_a_page_is_not_an_article() {
        for t in [
            "website",
            "product",
            "product.group",
            "profile",
            "business.business",
        ] {
            assert!(says_other(t), "{t}");
        }
        for t in [
            "article",
            "blog",
            "",
            "game",
            "bible_passage",
            "productivity",
            "video.other",
        ] {
            assert!(!says_other(t), "{t}");
        }
        assert!(!Metadata::default().says_other_than_article());
    }
}
