//! Where a page is, from its canonical URL, and which links lead below it:
//! a service page's own services, a catalogue's products, a guide's
//! chapters. A story's related links lead beside it, never below.

/// A page's address, as its canonical URL gives it, without its query,
/// fragment and trailing slashes.
#[derive(Clone, Copy)]
pub struct Place<'a> {
    url: &'a [u8],
    /// Where its path begins in `url`.
    path_start: usize,
}

impl<'a> Place<'a> {
    /// The place a canonical URL names; None for a site's root (every link
    /// leads below it) or an address without a host.
    pub fn of(canonical: &'a str) -> Option<Place<'a>> {
        let url = canonical.trim_ascii().as_bytes();
        let end = url
            .iter()
            .position(|c| b"?#".contains(c))
            .unwrap_or(url.len());
        let mut url = &url[..end];
        while let [rest @ .., b'/'] = url {
            url = rest;
        }
        // "//" opens the host at the start or right after the scheme.
        let slashes = url.windows(2).position(|w| w == b"//")?;
        if slashes > 0 && url[slashes - 1] != b':' {
            return None;
        }
        let host_start = slashes + 2;
        let path_start = host_start + url[host_start..].iter().position(|&c| c == b'/')?;
        (path_start > host_start).then_some(Place { url, path_start })
    }

    /// Whether `href` leads to a page under this one's path, written as
    /// the canonical URL writes it or from the site's root; the page itself
    /// with a query, a fragment or a doubled slash is not under it.
    pub fn holds(&self, href: &str) -> bool {
        let href = href.trim_ascii().as_bytes();
        [self.url, &self.url[self.path_start..]]
            .into_iter()
            .any(|place| {
                href.len() > place.len() + 1
                    && href[..place.len()].eq_ignore_ascii_case(place)
                    && href[place.len()] == b'/'
                    && !matches!(href[place.len() + 1], b'/' | b'?' | b'#')
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_service_page_holds_its_own_services_but_not_its_siblings() {
        let page = Place::of("https://www.example.com/services/hr-consulting/").unwrap();
        assert!(page.holds("https://www.example.com/services/hr-consulting/outplacement/"));
        assert!(page.holds("/services/HR-consulting/payroll?ref=card"));
        assert!(!page.holds("/services/tax/"));
        assert!(!page.holds("/services/hr-consulting/"));
        assert!(!page.holds("/services/hr-consulting-2/"));
        assert!(!page.holds("https://other.example/services/hr-consulting/outplacement/"));
        assert!(!page.holds("outplacement/"));
        assert!(!page.holds("/services/hr-consulting/?page=2"));
        assert!(!page.holds("/services/hr-consulting/#contact"));
        assert!(!page.holds("/services/hr-consulting//"));
    }

    #[test]
    fn a_story_holds_nothing_beside_it_and_a_site_root_is_no_place() {
        let story = Place::of("https://news.example/2012/11/05/harbour-wall.html").unwrap();
        assert!(!story.holds("https://news.example/2012/11/05/pier-closed.html"));
        assert!(Place::of("https://news.example/").is_none());
        assert!(Place::of("https://news.example/?p=12").is_none());
        assert!(Place::of("/relative/only").is_none());
        assert!(Place::of("example.com/a//b/c").is_none());
    }
}
