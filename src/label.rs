//! What the classifier says about a block.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Label {
    Content,
    Title,
    Byline,
    Dateline,
    Paywall,
    AppPromo,
    LinkFarm,
    Newsletter,
    Social,
    Ad,
    Consent,
    Comments,
    Navigation,
    Other,
}

impl Label {
    pub const ALL: [Label; 14] = [
        Label::Content,
        Label::Title,
        Label::Byline,
        Label::Dateline,
        Label::Paywall,
        Label::AppPromo,
        Label::LinkFarm,
        Label::Newsletter,
        Label::Social,
        Label::Ad,
        Label::Consent,
        Label::Comments,
        Label::Navigation,
        Label::Other,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Label::Content => "content",
            Label::Title => "title",
            Label::Byline => "byline",
            Label::Dateline => "dateline",
            Label::Paywall => "paywall",
            Label::AppPromo => "app-promo",
            Label::LinkFarm => "link-farm",
            Label::Newsletter => "newsletter",
            Label::Social => "social",
            Label::Ad => "ad",
            Label::Consent => "consent",
            Label::Comments => "comments",
            Label::Navigation => "navigation",
            Label::Other => "other",
        }
    }

    pub fn parse(name: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.name() == name)
    }

    /// Part of the article as the site presents it: never hidden.
    pub fn is_article(self) -> bool {
        matches!(
            self,
            Label::Content | Label::Title | Label::Byline | Label::Dateline
        )
    }

    /// Promotional or interruptive chrome, the kinds a user may choose to hide.
    pub fn is_chrome(self) -> bool {
        !self.is_article() && self != Label::Other
    }

    /// The kinds the extension hides unless the user says otherwise.
    pub fn hidden_by_default(self) -> bool {
        matches!(
            self,
            Label::Paywall
                | Label::AppPromo
                | Label::LinkFarm
                | Label::Newsletter
                | Label::Social
                | Label::Ad
                | Label::Consent
        )
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A labelled element: the whole subtree rooted at `node` carries `label`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Block {
    pub node: u32,
    pub label: Label,
    pub confidence: f32,
    pub reason: String,
}
