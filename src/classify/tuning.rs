//! Every threshold and confidence the classifier's stages use, with its
//! default and why. `Tuning::default()` is what every front end runs; tests
//! and experiments may change a field to see what it does. Readability's own
//! constants stay with its algorithm, named at the top of `article/mod.rs`.

#[derive(Debug, Clone, PartialEq)]
pub struct Tuning {
    // --- Pages with and without an article --------------------------------
    /// Below this many characters of kept text, Readability's find is not an
    /// article to clean around (default 250: two or three sentences).
    pub article_min_chars: u32,
    /// An article page's article has at least this many characters (default
    /// 400: below it, a page's one stretch of text is more often a product
    /// blurb or a forum's first post than an article).
    pub article_page_min_chars: u32,
    /// ...and holds at least this share of the running text in the page's
    /// content (default 0.25). A forum thread, a listing of posts or a product
    /// page spreads its running text over many items, and Readability's
    /// single subtree keeps a small part of it; an article page's comments,
    /// related teasers and sidebars are prose too, hence a low share.
    pub article_page_prose_share: f32,
    /// ...or this share (default 0.15) on a page that says it is an article
    /// (`og:type` "article") where the article found is mostly running text:
    /// a short news story on a page of long legal and reprint notices.
    /// Listicles whose Readability find is one item hold under 0.11.
    pub stated_article_prose_share: f32,
    /// ...unless the page's content has less running text than this (default
    /// 300): then the share says nothing, and the article stands.
    pub page_min_prose_chars: u32,
    /// On a page that says it is not an article (`og:type` "website",
    /// "product"), an article with less than this share of the text in the
    /// page's content (default 0.35) is not what the page is for: its lists
    /// of products or stories are. Article pages that say "website" hold
    /// most of their content's text in the article.
    pub listed_page_article_share: f32,
    /// A page whose content holds less text than this (default 500
    /// characters) when it is classified whole says nothing yet of what it
    /// is (an app's shell, a skeleton): the lists it draws later are judged
    /// by their own wording and shape, not kept as the page's own.
    pub page_reading_min_chars: u32,
    /// A page that does not say it is an article, whose article's running
    /// text is less than this share of the text in the page's content
    /// (default 0.3), keeps its grids of cards: they, not the few paragraphs
    /// Readability found among them, are what the page is for.
    pub minor_article_share: f32,
    /// A page with a main landmark that does not say it is an article, whose
    /// article's running text is less than this share of the text in its
    /// content (default 0.4), is not an article page: its content is
    /// extracted. On old pages without a landmark the body is no safe
    /// extraction, hence the landmark.
    pub main_page_article_share: f32,
    /// A post found outside the comment thread that Readability took for the
    /// article replaces it from this many characters of text on (default
    /// 140: a short post of a sentence or two still beats its comments, even
    /// when its sentence is too link-heavy to count as prose). So does the
    /// post Readability's strict attempt found beside its comments, when a
    /// relaxed attempt settles elsewhere. A post this long sheds a long
    /// comment thread Readability kept beside it (`thread_outweighs_post`),
    /// and, under its own headline, makes an article page.
    pub post_min_chars: u32,
    /// A shorter post still beats the thread it comes before when it says
    /// something in sentences and is this long (default 80: a blog post of
    /// one sentence under its headline; a link aggregator's story header,
    /// title, domain and links, holds no sentence; a Readability page's
    /// 59 characters beside its comments were not the post).
    pub sentence_post_min_chars: u32,
    /// Comments Readability kept beside a post leave the article when their
    /// text is this many times the post's (default 3: a short post under a
    /// long thread; where a post is longer than a third of its thread, the
    /// corpora that keep comments in their expected text lost).
    pub thread_outweighs_post: f32,
    /// A `<main>` landmark is the page's content only if it holds at least
    /// this share of the body's text (default 0.25): some pages mark a small
    /// widget as main.
    pub main_landmark_min_share: f32,
    /// Chrome finds covering more than this share of the page's text are the
    /// page's purpose, not chrome (default 0.6: a sitemap, search results).
    pub page_purpose_share: f32,
    /// ...except that link farms found by their wording stay chrome beside
    /// at least this much article text (default 1000 characters): a short
    /// post under a tall "Most popular" column.
    pub worded_lists_article_chars: u32,

    // --- Prose: text a person reads as running text -----------------------
    /// At least this many characters (default 120: a sentence or two).
    pub prose_min_chars: u32,
    /// At most this share of it in links (default 0.3).
    pub prose_max_link_density: f32,
    /// Without sentence punctuation, this long is prose all the same
    /// (default 250).
    pub prose_long_chars: u32,

    // --- Seeds by wording ---------------------------------------------------
    /// Blocks longer than this are never chrome by wording (default 700).
    pub cue_block_max_chars: u32,
    /// ...nor, but for consent banners, longer than this (default 300).
    pub cue_short_block_chars: u32,
    /// Two weak consent phrases make a banner up to this long (default 200).
    pub consent_weak_max_chars: u32,
    /// A strong phrase in a block up to this long is prominent (default 90)...
    pub cue_prominent_chars: u32,
    /// ...or in a block at most this many times the phrase's length
    /// (default 7).
    pub cue_phrase_share: u32,
    /// A heading-like block: a heading element, or at most this many
    /// characters (default 60)...
    pub heading_max_chars: u32,
    /// ...and words (default 8).
    pub heading_max_words: usize,
    /// A "Read also: <headline>" block is at most this long (default 220).
    pub read_also_max_chars: u32,
    /// ...and names the other article in at least this many words after its
    /// opening words (default 2): a bare "Read more" button closes a summary
    /// of the page's own, or continues the story.
    pub read_also_min_words: usize,

    // --- Seeds by links, forms and classes ---------------------------------
    /// A link in a block of at least this many characters, mostly not links,
    /// is part of a sentence, not a badge (default 60).
    pub link_in_sentence_min_chars: u32,
    /// A class named like an ad slot marks one only up to this much text
    /// (default 200): wrappers named "ads" hold articles too.
    pub ad_slot_max_chars: u32,
    /// A box whose class or id names other stories ("related-posts") marks
    /// a link farm when it holds at least this many headline links (default
    /// 2): the same names head menus of short links and tag clouds too...
    pub named_box_min_headline_links: u16,
    /// ...and at least this much of its text is links (default 0.5).
    pub named_box_min_link_density: f32,

    // --- Seeds by shape: headline cards -------------------------------------
    /// A card's headline link has at least this many words (default 4)...
    pub headline_min_words: usize,
    /// ...and characters (default 20).
    pub headline_min_chars: usize,
    /// A card is at most this long (default 400)...
    pub card_max_chars: u32,
    /// ...and at least this much of it links (default 0.25).
    pub card_min_link_density: f32,
    /// A list of cards has at least this many (default 4)...
    pub list_min_cards: usize,
    /// ...or this many with as many images (default 3).
    pub list_min_cards_with_images: usize,
    /// ...making up at least this share of its items (default 0.6).
    pub list_card_share: f32,
    /// ...and at most this share of the list is prose (default 0.3).
    pub list_max_prose_share: f32,
    /// A heading's list of cards, set loose after it or with text under
    /// each headline, has at least this many (default 3).
    pub heading_min_cards: usize,
    /// A card's teaser: prose in a box of at most this many characters
    /// (default 800)...
    pub teaser_card_max_chars: u32,
    /// ...at most this many levels above it (default 4), that also holds a
    /// headline link. A link-farm heading grows over teasers as over links.
    pub teaser_card_max_depth: usize,

    // --- Growth and menus ---------------------------------------------------
    /// A grid of cards found by its shape alone inside the site's menus is
    /// the menu's own (a drop-down of sections or products), unless at least
    /// this share of its links lead to stories (default 0.5: "Latest"
    /// headlines in a header are a link farm)...
    pub menu_story_link_share: f32,
    /// ...where a story's address ends in a slug of at least this many words
    /// (default 4: "/2012/11/12/3633984/future-of-tv-over-the-top", where a
    /// section's is a name or two, "/solutions/data-analytics").
    pub story_slug_min_words: usize,
    /// A seed grows while its container holds at most this much text that no
    /// seed of its kind explains (default 250 characters)...
    pub grow_unexplained_chars: u32,
    /// ...or this many times what is explained, for kinds other than link
    /// farms (default 3).
    pub grow_explained_factor: u32,
    /// An empty ad slot grows over at most this much text: its
    /// "Advertisement" label, not the product card it sits in (default 60
    /// characters).
    pub ad_grow_unexplained_chars: u32,
    /// An app promotion (its store links, badge, icon or wording) grows over
    /// running text in a box up to this long: the app's name and a line of
    /// pitch around its links (default 400 characters).
    pub app_pitch_box_max_chars: u32,
    /// Where seeds of several kinds meet, a kind grows on only while its
    /// seeds explain at least this many times the text of the largest rival
    /// kind's (default 1.5: a pay-or-consent wall is mostly consent).
    pub rival_ratio: f32,
    /// A link-farm heading counts once its container's other text is at
    /// least this share links (default 0.5).
    pub heading_list_link_share: f32,
    /// A row of links: at least this share links (default 0.7)...
    pub link_row_min_density: f32,
    /// ...and at most this many characters per link (default 25).
    pub link_row_chars_per_link: u32,
    /// A copyright or legal line is at most this long (default 160).
    pub legal_line_max_chars: u32,
    /// A menu's items are single links of at most this many characters
    /// (default 30)...
    pub menu_item_max_chars: u32,
    /// ...making up at least this share of its items (default 0.8).
    pub menu_short_link_share: f32,
    /// A list item is a single link when more than this share of its text
    /// is the link (default 0.8)...
    pub menu_entry_min_link_density: f32,
    /// ...and a list of at least this many items is a menu (default 3): an
    /// entry of one names a page ("Newsletters"), not a box of that kind.
    pub menu_min_items: usize,
    /// A link farm in the site's header or menus with at least this many
    /// links is the menu itself (default 100).
    pub menu_box_min_links: u32,

    // --- Confidences ----------------------------------------------------------
    /// A link to an app store (default 0.95).
    pub app_store_link_confidence: f32,
    /// A store badge image, share links, a sponsored-widget class, a block
    /// worded as chrome (default 0.9).
    pub strong_seed_confidence: f32,
    /// An email field, an "Advertisement" label, a heading over a list
    /// (default 0.85).
    pub field_seed_confidence: f32,
    /// Headline cards, a box named for other stories, a "Read also" link, a
    /// newsletter or social wording (default 0.8).
    pub shape_seed_confidence: f32,
    /// An ad-slot class name (default 0.75).
    pub ad_slot_confidence: f32,
    /// Seeds of one find add up by a noisy-or, capped here (default 0.99).
    pub max_confidence: f32,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            article_min_chars: 250,
            article_page_min_chars: 400,
            article_page_prose_share: 0.25,
            stated_article_prose_share: 0.15,
            page_min_prose_chars: 300,
            listed_page_article_share: 0.35,
            page_reading_min_chars: 500,
            minor_article_share: 0.3,
            main_page_article_share: 0.4,
            post_min_chars: 140,
            sentence_post_min_chars: 80,
            thread_outweighs_post: 3.0,
            main_landmark_min_share: 0.25,
            page_purpose_share: 0.6,
            worded_lists_article_chars: 1000,
            prose_min_chars: 120,
            prose_max_link_density: 0.3,
            prose_long_chars: 250,
            cue_block_max_chars: 700,
            cue_short_block_chars: 300,
            consent_weak_max_chars: 200,
            cue_prominent_chars: 90,
            cue_phrase_share: 7,
            heading_max_chars: 60,
            heading_max_words: 8,
            read_also_max_chars: 220,
            read_also_min_words: 2,
            link_in_sentence_min_chars: 60,
            ad_slot_max_chars: 200,
            named_box_min_headline_links: 2,
            named_box_min_link_density: 0.5,
            menu_story_link_share: 0.5,
            story_slug_min_words: 4,
            headline_min_words: 4,
            headline_min_chars: 20,
            card_max_chars: 400,
            teaser_card_max_chars: 800,
            teaser_card_max_depth: 4,
            card_min_link_density: 0.25,
            list_min_cards: 4,
            list_min_cards_with_images: 3,
            list_card_share: 0.6,
            list_max_prose_share: 0.3,
            heading_min_cards: 3,
            grow_unexplained_chars: 250,
            grow_explained_factor: 3,
            ad_grow_unexplained_chars: 60,
            app_pitch_box_max_chars: 400,
            rival_ratio: 1.5,
            heading_list_link_share: 0.5,
            link_row_min_density: 0.7,
            link_row_chars_per_link: 25,
            legal_line_max_chars: 160,
            menu_item_max_chars: 30,
            menu_short_link_share: 0.8,
            menu_entry_min_link_density: 0.8,
            menu_min_items: 3,
            menu_box_min_links: 100,
            app_store_link_confidence: 0.95,
            strong_seed_confidence: 0.9,
            field_seed_confidence: 0.85,
            shape_seed_confidence: 0.8,
            ad_slot_confidence: 0.75,
            max_confidence: 0.99,
        }
    }
}
