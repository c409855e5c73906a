//! The article's publication date, as the page states it.
//!
//! Looked for in this order, and returned as written (usually ISO 8601):
//! 1. `<meta>` tags that news sites and their CMSes write
//!    (`article:published_time`, `datePublished`, Dublin Core, Parse.ly, ...);
//! 2. a `<time>` marked as the publication date (`itemprop="datePublished"`
//!    or `pubdate`);
//! 3. the first `<time datetime>` inside the article, if one was found.
//!
//! Scripts (JSON-LD) never enter a snapshot, so they are not read.

use crate::snapshot::{NodeId, Snapshot};

/// `<meta>` keys (`property`, `name` or `itemprop`), most specific first.
const META_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
];

/// The publication date of the page, if it states one. `article` holds the
/// roots of the extracted article (they bound step 3).
pub fn published(s: &Snapshot, article: &[NodeId]) -> Option<String> {
    let mut best: Option<(usize, &str)> = None;
    let mut marked_time: Option<&str> = None;
    let mut seen_marked_time = false;
    for id in 0..s.len() as NodeId {
        let node = s.node(id);
        match node.tag() {
            "meta" => {
                let Some(content) = node
                    .attr("content")
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                else {
                    continue;
                };
                for key in ["property", "name", "itemprop"]
                    .into_iter()
                    .filter_map(|a| node.attr(a))
                {
                    let key = key.trim().to_ascii_lowercase();
                    if let Some(rank) = META_KEYS.iter().position(|k| *k == key) {
                        if best.is_none_or(|(r, _)| rank < r) {
                            best = Some((rank, content));
                        }
                    }
                }
            }
            // Only the first marked <time> is read: its text is looked up
            // once, so nested marked <time>s stay linear.
            "time" if !seen_marked_time => {
                let marked = node.attr("itemprop").is_some_and(|p| {
                    p.split_whitespace()
                        .any(|p| p.eq_ignore_ascii_case("datepublished"))
                }) || node.attr("pubdate").is_some();
                if marked {
                    seen_marked_time = true;
                    marked_time = time_value(s, id);
                }
            }
            _ => {}
        }
    }
    if let Some((_, content)) = best {
        return Some(content.to_string());
    }
    if let Some(t) = marked_time {
        return Some(t.to_string());
    }
    article
        .iter()
        .flat_map(|&root| s.subtree(root))
        .filter(|&id| s.node(id).tag() == "time")
        .find_map(|id| {
            s.node(id)
                .attr("datetime")
                .map(str::trim)
                .filter(|d| !d.is_empty())
        })
        .map(str::to_string)
}

/// A `<time>`'s machine-readable value: its `datetime`, else its text.
fn time_value(s: &Snapshot, id: NodeId) -> Option<&str> {
    if let Some(d) = s
        .node(id)
        .attr("datetime")
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        return Some(d);
    }
    s.subtree(id)
        .filter_map(|d| s.node(d).text())
        .map(str::trim)
        .find(|t| !t.is_empty())
}

#[cfg(all(test, feature = "html"))]
mod tests {
    use super::published;
    use crate::adapter::html::parse_str;

    fn date(html: &str) -> Option<String> {
        let s = parse_str(html);
        let body: Vec<_> = s.find_tag("body").into_iter().collect();
        published(&s, &body)
    }

    #[test]
    fn meta_tags_win_most_specific_first() {
        let html = r#"<head><meta name="date" content="2020-01-01">
            <meta property="article:published_time" content=" 2024-03-05T10:00:00Z ">
            </head><body><time datetime="1999-01-01">old</time></body>"#;
        assert_eq!(date(html).as_deref(), Some("2024-03-05T10:00:00Z"));
        let html = r#"<meta itemprop="datePublished" content="2023-07-08"><p>x</p>"#;
        assert_eq!(date(html).as_deref(), Some("2023-07-08"));
    }

    #[test]
    fn a_marked_time_then_the_article_s_first_time() {
        let html = r#"<body><time datetime="2001-01-01">a</time>
            <time itemprop="datePublished">12 May 2022</time></body>"#;
        assert_eq!(date(html).as_deref(), Some("12 May 2022"));
        let html = r#"<body><p>Posted <time datetime="2021-02-03T04:05">Feb 3</time></p></body>"#;
        assert_eq!(date(html).as_deref(), Some("2021-02-03T04:05"));
    }

    #[test]
    fn none_when_the_page_states_none() {
        assert_eq!(
            date("<p>No date here.</p><meta name=date content=''>"),
            None
        );
        let s = parse_str("<body><time datetime='2020-01-01'>x</time></body>");
        assert_eq!(
            published(&s, &[]),
            None,
            "no article: a stray <time> is not the date"
        );
    }
}
