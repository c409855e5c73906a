//! Relative links made absolute against the page's address, as a browser
//! resolves them: the page's URL, overridden by its first `<base href>`.

use std::borrow::Cow;

use url::Url;

use crate::snapshot::{NodeId, Snapshot};

/// Attributes that hold one URL.
pub const URL_ATTRIBUTES: &[&str] = &["href", "src", "poster", "cite", "action"];

/// The base URL of one page.
#[derive(Debug, Clone)]
pub struct Base(Url);

impl Base {
    /// The base for a page fetched from `page_url`: the page's first
    /// `<base href>` resolved against it, or `page_url` itself.
    pub fn for_page(s: &Snapshot, page_url: &str) -> Result<Base, url::ParseError> {
        let page = Url::parse(page_url.trim())?;
        let base = (0..s.len() as NodeId)
            .filter(|&id| s.node(id).tag() == "base")
            .find_map(|id| s.node(id).attr("href"))
            .and_then(|href| page.join(href.trim()).ok())
            .unwrap_or(page);
        Ok(Base(base))
    }

    pub fn url(&self) -> &Url {
        &self.0
    }

    /// `link` made absolute. Fragment-only links (`#notes`) and links that do
    /// not parse are left as written.
    pub fn resolve<'a>(&self, link: &'a str) -> Cow<'a, str> {
        let trimmed = link.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return Cow::Borrowed(link);
        }
        match self.0.join(trimmed) {
            Ok(u) => Cow::Owned(u.into()),
            Err(_) => Cow::Borrowed(link),
        }
    }

    /// A `srcset` with each candidate's URL made absolute.
    pub fn resolve_srcset(&self, srcset: &str) -> String {
        srcset
            .split(',')
            .map(|candidate| {
                let candidate = candidate.trim();
                match candidate.split_once(char::is_whitespace) {
                    Some((url, descriptor)) => {
                        format!("{} {}", self.resolve(url), descriptor.trim())
                    }
                    None => self.resolve(candidate).into_owned(),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The value of attribute `name` with its URLs made absolute, if it is
    /// an attribute that holds URLs.
    pub fn resolve_attribute<'a>(&self, name: &str, value: &'a str) -> Cow<'a, str> {
        if URL_ATTRIBUTES.contains(&name) {
            self.resolve(value)
        } else if name == "srcset" {
            Cow::Owned(self.resolve_srcset(value))
        } else {
            Cow::Borrowed(value)
        }
    }
}

#[cfg(all(test, feature = "html"))]
mod tests {
    use super::Base;
    use crate::adapter::html::parse_str;

    #[test]
    fn relative_links_resolve_against_the_page() {
        let s = parse_str("<p><a href='x'>x</a></p>");
        let b = Base::for_page(&s, "https://news.example/world/story.html?id=3").unwrap();
        assert_eq!(
            b.resolve("photo.jpg"),
            "https://news.example/world/photo.jpg"
        );
        assert_eq!(b.resolve("/about"), "https://news.example/about");
        assert_eq!(b.resolve("../up"), "https://news.example/up");
        assert_eq!(
            b.resolve("//cdn.example/a.png"),
            "https://cdn.example/a.png"
        );
        assert_eq!(b.resolve("mailto:a@b.c"), "mailto:a@b.c");
        assert_eq!(
            b.resolve("https://other.example/"),
            "https://other.example/"
        );
        assert_eq!(b.resolve("#notes"), "#notes");
        assert_eq!(
            b.resolve_srcset("a.jpg 1x, /b.jpg 2x"),
            "https://news.example/world/a.jpg 1x, https://news.example/b.jpg 2x"
        );
    }

    #[test]
    fn a_base_element_overrides_the_page_url() {
        let s = parse_str("<head><base href='/static/'></head><body><img src='i.png'></body>");
        let b = Base::for_page(&s, "https://site.example/a/b").unwrap();
        assert_eq!(b.resolve("i.png"), "https://site.example/static/i.png");
    }

    #[test]
    fn a_page_url_that_is_not_absolute_is_an_error() {
        let s = parse_str("<p>x</p>");
        assert!(Base::for_page(&s, "not a url").is_err());
        assert!(Base::for_page(&s, "/relative/path").is_err());
    }
}
