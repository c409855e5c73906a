//! What surrounds a picture rather than tells the story: captions, photo
//! credits and a gallery's controls. They stay on the page; `articleBody`
//! leaves them out unless asked to keep captions, or unless the captions
//! tell the story (`Body`).

use crate::snapshot::{NodeId, Snapshot};

/// Class or id words that, as a whole class or its last part
/// ("photo-credit"), name a credit or a gallery control; any class that
/// mentions "caption" names a caption.
const APPARATUS_WORDS: &[&str] = &[
    "credit",
    "credits",
    "photographer",
    "copyright",
    "gallery-counter",
    "slide-count",
    "slideshow-controls",
    "gallery-controls",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Apparatus {
    /// A caption or a photo credit: kept on request.
    Caption,
    /// A gallery's counter or button: never the article's text.
    GalleryControl,
}

/// Whether element `id` is a caption, a credit or a gallery control.
pub fn is_apparatus(s: &Snapshot, id: NodeId) -> bool {
    apparatus(s, id).is_some()
}

pub fn apparatus(s: &Snapshot, id: NodeId) -> Option<Apparatus> {
    let node = s.node(id);
    if !node.is_element() {
        return None;
    }
    match node.tag() {
        "figcaption" => return Some(Apparatus::Caption),
        "button" => return in_a_gallery(s, id).then_some(Apparatus::GalleryControl),
        _ => {}
    }
    let named = [node.attr("class"), node.attr("id")]
        .into_iter()
        .flatten()
        .flat_map(|v| v.split_ascii_whitespace())
        .any(|token| {
            let token = token.to_ascii_lowercase();
            token.contains("caption")
                || APPARATUS_WORDS.iter().any(|w| {
                    token == *w
                        || token
                            .strip_suffix(w)
                            .is_some_and(|head| head.ends_with(['-', '_']))
                })
        });
    if is_counter(s, id) {
        Some(Apparatus::GalleryControl)
    } else {
        (named && short_text(s, id, 300)).then_some(Apparatus::Caption)
    }
}

/// "Image 1 of 8", "3 / 12": a gallery's position, alone in its element.
fn is_counter(s: &Snapshot, id: NodeId) -> bool {
    // A counter is an element or two and a text node; anything bigger is not
    // one, and its text is not built (the walk asks this of every element).
    if s.node(id).end - id > 8 {
        return false;
    }
    let text: String = s.subtree(id).filter_map(|d| s.node(d).text()).collect();
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    let numbers = words
        .iter()
        .filter(|w| w.chars().all(|c| c.is_ascii_digit()))
        .count();
    numbers == 2
        && words.iter().any(|w| {
            matches!(
                crate::classify::text::lower(w).as_str(),
                "of" | "/" | "von" | "de" | "di" | "sur"
            )
        })
}

fn in_a_gallery(s: &Snapshot, id: NodeId) -> bool {
    s.ancestors(id).take(6).any(|a| {
        s.node(a)
            .class_or_id_contains(&["gallery", "slideshow", "carousel", "lightbox"])
    })
}

fn short_text(s: &Snapshot, id: NodeId, max: usize) -> bool {
    let mut chars = 0;
    for d in s.subtree(id) {
        if let Some(t) = s.node(d).text() {
            chars += t.chars().filter(|c| !c.is_whitespace()).count();
            if chars > max {
                return false;
            }
        }
    }
    true
}

#[cfg(all(test, feature = "html"))]
mod tests {
    use super::*;
    use crate::adapter::html::parse_str;

    fn apparatus_texts(html: &str) -> Vec<String> {
        let s = parse_str(html);
        (0..s.len() as NodeId)
            .filter(|&id| is_apparatus(&s, id))
            .map(|id| {
                s.subtree(id)
                    .filter_map(|d| s.node(d).text())
                    .collect::<String>()
                    .trim()
                    .to_string()
            })
            .collect()
    }

    #[test]
    fn captions_credits_and_gallery_controls_are_apparatus() {
        let found = apparatus_texts(
            r#"<body><figure><img src="a.jpg"><figcaption>The harbour at dawn</figcaption></figure>
            <span class="photo-credit">Photo: Jane Doe</span>
            <div class="gallery"><span>Image 1 of 8</span><button>Close</button></div></body>"#,
        );
        assert_eq!(
            found,
            [
                "The harbour at dawn",
                "Photo: Jane Doe",
                "Image 1 of 8",
                "Close"
            ]
        );
    }

    #[test]
    fn article_text_and_ordinary_buttons_are_not() {
        let found = apparatus_texts(
            r#"<body><p>One of the 2 ships sank in 1912, and 1 of 3 crew survived.</p>
            <p class="credit-card-rates">Rates rose for the third month running, the bank said.</p>
            <form><button>Search</button></form></body>"#,
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
