//! What is hidden, and what never is: one policy for every front end. The
//! extension, the playground and `chaff clean` all take it from here (the
//! browser builds write it into a generated `policy.js` through the Wasm
//! export `policy()`), so the three hide exactly the same blocks.

use serde::Serialize;

use crate::label::Label;

/// Elements never hidden, whatever their label: hiding them blanks the page.
pub const NEVER_HIDDEN_TAGS: &[&str] = &["html", "head", "body"];

/// Kinds whose walls usually lock scrolling on `<html>` or `<body>` while
/// shown; while such a block is hidden, the lock is released.
pub const SCROLL_LOCKERS: &[Label] = &[Label::Consent, Label::Paywall];

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LabelPolicy {
    pub name: &'static str,
    /// Part of the article as the site presents it: never hidden.
    pub article: bool,
    /// A kind the user may choose to hide.
    pub chrome: bool,
    /// Hidden unless the user says otherwise.
    pub hidden_by_default: bool,
    /// Its wall may lock the page's scrolling.
    pub locks_scrolling: bool,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    /// Every label, in display order.
    pub labels: Vec<LabelPolicy>,
    pub never_hidden_tags: &'static [&'static str],
}

pub fn policy() -> Policy {
    Policy {
        labels: Label::ALL
            .into_iter()
            .map(|l| LabelPolicy {
                name: l.name(),
                article: l.is_article(),
                chrome: l.is_chrome(),
                hidden_by_default: l.hidden_by_default(),
                locks_scrolling: SCROLL_LOCKERS.contains(&l),
            })
            .collect(),
        never_hidden_tags: NEVER_HIDDEN_TAGS,
    }
}

/// Whether a block labelled `label` on a `tag` element is hidden, given the
/// kinds the user hides (`hides`).
pub fn is_hidden(label: Label, tag: &str, hides: impl Fn(Label) -> bool) -> bool {
    label.is_chrome()
        && hides(label)
        && !NEVER_HIDDEN_TAGS
            .iter()
            .any(|t| t.eq_ignore_ascii_case(tag))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_labels_and_the_page_itself_are_never_hidden() {
        for l in Label::ALL {
            assert!(!(l.is_article() && is_hidden(l, "div", |_| true)), "{l}");
        }
        assert!(!is_hidden(Label::Paywall, "body", |_| true));
        assert!(is_hidden(Label::Paywall, "div", Label::hidden_by_default));
        assert!(!is_hidden(Label::Comments, "div", Label::hidden_by_default));
        assert!(!is_hidden(Label::Other, "div", |_| true));
    }

    #[test]
    fn the_policy_lists_every_label_once() {
        let p = policy();
        assert_eq!(p.labels.len(), Label::ALL.len());
        assert!(p
            .labels
            .iter()
            .all(|l| !(l.article && (l.chrome || l.hidden_by_default))));
        assert!(p
            .labels
            .iter()
            .filter(|l| l.hidden_by_default)
            .all(|l| l.chrome));
        assert!(p
            .labels
            .iter()
            .filter(|l| l.locks_scrolling)
            .all(|l| l.chrome));
    }
}
