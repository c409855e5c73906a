//! Seeds planted by where links go and what images show: app stores, store
//! badges, app icons, share intents, rows of social profiles.

use super::{Context, Seed};
use crate::classify::cues::{self};
use crate::classify::text::has;
use crate::label::Label;
use crate::snapshot::NodeId;

/// An app's icon in a short banner, outside running text: an app promotion
/// ("Get all your news in one place. One app." beside the icon).
pub(super) fn app_icon_seeds(cx: &Context, seeds: &mut Vec<Seed>) {
    for id in 0..cx.s.len() as NodeId {
        let node = cx.s.node(id);
        if node.tag() != "img" || in_a_sentence(cx, id) {
            continue;
        }
        let named_icon = [node.attr("src"), node.attr("alt"), node.attr("class")]
            .into_iter()
            .flatten()
            .any(|v| {
                cues::markers()
                    .app_icon_words
                    .any_in(&v.to_ascii_lowercase())
            });
        if named_icon {
            seeds.push(Seed {
                node: id,
                label: Label::AppPromo,
                confidence: cx.tuning.field_seed_confidence,
                reason: "app icon".into(),
                needs_links: false,
                by_shape: false,
            });
        }
    }
}

pub(super) fn link_seeds(cx: &Context, seeds: &mut Vec<Seed>) {
    for id in 0..cx.s.len() as NodeId {
        let node = cx.s.node(id);
        if node.tag() != "a" || in_a_sentence(cx, id) {
            continue;
        }
        let raw = node.attr("href").unwrap_or("");
        // Stores, share intents and profiles live on other hosts.
        let elsewhere = raw.contains(':') || raw.starts_with("//");
        let href = if elsewhere {
            raw.to_ascii_lowercase()
        } else {
            String::new()
        };
        if let Some(host) = cues::markers()
            .app_store_hosts
            .first_in(&href)
            .filter(|&host| elsewhere && (!is_deep_link(host) || about_an_app(cx, id)))
        {
            seeds.push(Seed {
                node: id,
                label: Label::AppPromo,
                confidence: cx.tuning.app_store_link_confidence,
                reason: format!("links to an app store ({host})"),
                needs_links: false,
                by_shape: false,
            });
            continue;
        }
        let badge = cx.s.subtree(id).any(|d| {
            let n = cx.s.node(d);
            n.tag() == "img"
                && [n.attr("alt"), n.attr("src")]
                    .into_iter()
                    .flatten()
                    .any(|v| {
                        cues::markers()
                            .store_badge_words
                            .any_in(&v.to_ascii_lowercase())
                    })
        });
        if badge {
            seeds.push(Seed {
                node: id,
                label: Label::AppPromo,
                confidence: cx.tuning.strong_seed_confidence,
                reason: "store badge image".into(),
                needs_links: false,
                by_shape: false,
            });
        } else if elsewhere
            && (cues::markers().share_urls.any_in(&href)
                || (is_profile_link(&href)
                    && !cx.article_text[cx.blocks.owner[id as usize] as usize]
                    && profile_links_nearby(cx, id) >= 2))
        {
            seeds.push(Seed {
                node: id,
                label: Label::Social,
                confidence: cx.tuning.strong_seed_confidence,
                reason: "share links".into(),
                needs_links: false,
                by_shape: false,
            });
        }
    }
}

fn is_deep_link(host: &str) -> bool {
    cues::APP_DEEP_LINK_HOSTS.contains(&host)
}

/// Whether a deep link is about the app: it shows an image (an icon, a
/// badge), or its block has app wording ("Get the GEICO Mobile App").
fn about_an_app(cx: &Context, link: NodeId) -> bool {
    let block = cx.blocks.owner[link as usize];
    cx.tally.get(link).images > 0
        || (cx.blocks)
            .first_hit(block, cues::CueKind::AppPromo, false)
            .is_some()
}

/// A link inside a sentence ("… version 5.3 of the app, on the App Store.")
/// is the writer's, not a badge or a button: its block is mostly other text.
fn in_a_sentence(cx: &Context, link: NodeId) -> bool {
    let block = cx.blocks.owner[link as usize];
    let chars = cx.blocks.chars[block as usize];
    chars >= cx.tuning.link_in_sentence_min_chars && cx.blocks.link_density(block) < 0.5
}

/// An address without its `http://` or `https://` (callers lower-case).
fn without_scheme(href: &str) -> &str {
    trim_prefix(trim_prefix(href, "https://"), "http://")
}

/// `str::trim_start_matches` for a non-empty prefix, without the panicking
/// slice (and the panic message's formatting) that its string searcher
/// brings into the `.wasm`.
fn trim_prefix<'a>(text: &'a str, prefix: &str) -> &'a str {
    let mut text = text;
    while let Some(rest) = text.strip_prefix(prefix).filter(|_| !prefix.is_empty()) {
        text = rest;
    }
    text
}

fn is_profile_link(href: &str) -> bool {
    let rest = trim_prefix(without_scheme(href), "www.");
    cues::SOCIAL_HOSTS.iter().any(|h| rest.starts_with(h))
}

/// A link to a site's feed: FeedBurner, a path ending in `/feed`, the
/// site's `/rss`, or an `.rss` or `.xml` file named for RSS or Atom. (A
/// page about RSS, `/wiki/RSS` or `/tag/rss`, is none.)
fn is_feed_link(href: &str) -> bool {
    let address = href
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_end_matches('/');
    let address = without_scheme(address);
    let (host, path) = address.split_once('/').unwrap_or((address, ""));
    let file = path.rsplit('/').next().unwrap_or("");
    has(host, "feedburner.com")
        || file == "feed"
        || path == "rss"
        || ((file.ends_with(".rss") || file.ends_with(".xml"))
            && (has(file, "rss") || has(file, "atom")))
}

/// Links to social profiles, or to the site's feed, in the link's parent or
/// grandparent: a follow bar ("Follow this blog: Twitter, RSS").
fn profile_links_nearby(cx: &Context, link: NodeId) -> usize {
    let s = cx.s;
    let Some(scope) = s.ancestors(link).nth(1).or_else(|| s.parent(link)) else {
        return 0;
    };
    s.subtree(scope)
        .filter(|&d| {
            s.node(d).tag() == "a" && {
                let href = s.node(d).attr("href").unwrap_or("").to_ascii_lowercase();
                is_profile_link(&href) || is_feed_link(&href)
            }
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_is_trimmed_as_often_as_it_repeats_and_an_empty_one_never() {
        assert_eq!(trim_prefix("www.www.example.com", "www."), "example.com");
        assert_eq!(trim_prefix("example.com", "www."), "example.com");
        assert_eq!(trim_prefix("example.com", ""), "example.com");
        assert_eq!(without_scheme("https://http://x.org/a"), "x.org/a");
        assert_eq!(without_scheme("ftp://x.org"), "ftp://x.org");
    }
}
