//! Each stage on its own, as jusText tests classification and revision
//! apart: the seed filters on small pages, then growth and merging.

use super::*;
use crate::adapter::html::parse_str;
use crate::classify::features::Tallies;
use crate::classify::place::Place;
use crate::classify::tuning::Tuning;

struct Page {
    s: Snapshot,
    blocks: Blocks,
    tally: Tallies,
    tuning: Tuning,
}

fn page(body: &str) -> Page {
    page_html(&format!("<html><body>{body}</body></html>"))
}

fn page_html(html: &str) -> Page {
    let s = parse_str(html);
    let tally = Tallies::of_page(&s);
    let blocks = Blocks::cut(&s, &tally);
    Page {
        s,
        blocks,
        tally,
        tuning: Tuning::default(),
    }
}

impl Page {
    fn cx(&self) -> Context<'_> {
        self.cx_at(None)
    }

    /// The context on a page at `place`.
    fn cx_at<'a>(&'a self, place: Option<Place<'a>>) -> Context<'a> {
        Context::new(
            &self.s,
            &self.blocks,
            &self.tally,
            vec![false; self.s.len()],
            place,
            &self.tuning,
        )
    }

    fn text(&self, id: NodeId) -> String {
        let t: String = self
            .s
            .subtree(id)
            .filter_map(|d| self.s.node(d).text())
            .collect();
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// (label, text of the seed's node) for every seed one filter plants.
    fn seeds(&self, filter: fn(&Context, &mut Vec<Seed>)) -> Vec<(Label, String)> {
        let mut seeds = Vec::new();
        filter(&self.cx(), &mut seeds);
        seeds
            .into_iter()
            .map(|sd| (sd.label, self.text(sd.node)))
            .collect()
    }

    /// (label, tag, text) for every find of the whole chrome stage.
    fn found(&self) -> Vec<(Label, String, String)> {
        self.found_in(self.cx())
    }

    /// The same, with the text of every `<p>` taken as the article's.
    fn found_beside_article(&self) -> Vec<(Label, String, String)> {
        self.found_in(self.cx_beside_article())
    }

    /// The same, with the whole page's checks (`keep_the_page`) too.
    fn found_on_page_beside_article(&self) -> Vec<(Label, String, String)> {
        self.listed(detect(&self.cx_beside_article()))
    }

    fn cx_beside_article(&self) -> Context<'_> {
        self.cx_with_article_in(&["p"])
    }

    /// A context whose article text is every element with one of `tags`.
    fn cx_with_article_in(&self, tags: &[&str]) -> Context<'_> {
        let mut article_text = vec![false; self.s.len()];
        for id in 0..self.s.len() as NodeId {
            if tags.contains(&self.s.node(id).tag()) {
                for a in std::iter::once(id).chain(self.s.ancestors(id)) {
                    article_text[a as usize] = true;
                }
            }
        }
        Context::new(
            &self.s,
            &self.blocks,
            &self.tally,
            article_text,
            None,
            &self.tuning,
        )
    }

    fn found_in(&self, cx: Context<'_>) -> Vec<(Label, String, String)> {
        self.listed(detect_in_part(&cx))
    }

    fn listed(&self, found: Vec<Found>) -> Vec<(Label, String, String)> {
        found
            .into_iter()
            .map(|f| {
                (
                    f.label,
                    self.s.node(f.node).tag().to_string(),
                    self.text(f.node),
                )
            })
            .collect()
    }
}

/// Asserts that a find is labelled `label`, on a `tag` element, with text
/// holding `needle` (any text for "").
fn assert_found(found: &[(Label, String, String)], label: Label, tag: &str, needle: &str) {
    assert!(
        found
            .iter()
            .any(|(l, t, text)| *l == label && t == tag && text.contains(needle)),
        "no {label:?} <{tag}> with {needle:?} in {found:?}"
    );
}

/// Asserts that no find holds `needle`.
fn assert_not_found(found: &[(Label, String, String)], needle: &str) {
    assert!(
        found.iter().all(|(_, _, text)| !text.contains(needle)),
        "{needle:?} found in {found:?}"
    );
}

/// List items numbered by `range`, each a link with a headline's words.
fn headline_cards(range: std::ops::Range<usize>) -> String {
    range
        .map(|i| {
            format!(
                "<li><a href=\"/story-{i}\">A long headline about story number {i} today</a></li>"
            )
        })
        .collect()
}

const PROSE: &str = "The council voted on Tuesday to rebuild the harbour wall, which storms have breached twice this winter, and work will start in the spring, the mayor said.";

#[test]
fn wording_seeds_short_blocks_that_say_what_they_are() {
    let p = page(&format!(
        "<div><p>Sign up to read this article</p><p>Already a member? Log in</p></div>\
         <h3>Related stories</h3><p>{PROSE} Readers who subscribe get the app too.</p>"
    ));
    let seeds = p.seeds(wording::wording_seeds);
    assert!(
        seeds.contains(&(Label::Paywall, "Sign up to read this article".into())),
        "{seeds:?}"
    );
    assert!(
        seeds.contains(&(Label::LinkFarm, "Related stories".into())),
        "{seeds:?}"
    );
    assert!(
        seeds.iter().all(|(_, t)| !t.starts_with("The council")),
        "prose is never seeded: {seeds:?}"
    );
}

#[test]
fn a_heading_in_the_article_s_text_is_no_share_tool_unless_it_is_a_link() {
    let p = page(&format!(
        "<article><p>{PROSE}</p><h3>What to say to a friend who is grieving</h3><p>{PROSE}</p>\
         <h4><a href=\"/email\">Email this story to a friend</a></h4></article>"
    ));
    let mut article_text = vec![false; p.s.len()];
    let article = p.s.find_tag("article").expect("article");
    for id in std::iter::once(article).chain(p.s.subtree(article)) {
        article_text[id as usize] = true;
    }
    let cx = Context::new(&p.s, &p.blocks, &p.tally, article_text, None, &p.tuning);
    let mut seeds = Vec::new();
    wording::wording_seeds(&cx, &mut seeds);
    let social: Vec<String> = (seeds.iter())
        .filter(|sd| sd.label == Label::Social)
        .map(|sd| p.text(sd.node))
        .collect();
    assert_eq!(social, ["Email this story to a friend"]);
}

#[test]
fn a_read_also_link_names_another_article_and_a_bare_read_more_does_not() {
    let p = page(&format!(
        "<p>{PROSE}</p><p>Read more: <a href=\"/other\">Storm damage closes the pier</a></p>\
         <section><h4>Tutors visit the harbour school</h4><p>A summary of the visit.</p>\
         <p><a href=\"https://example.org/visit\">Read more</a></p></section><p>{PROSE}</p>"
    ));
    let seeds = p.seeds(wording::wording_seeds);
    assert!(
        seeds.contains(&(
            Label::LinkFarm,
            "Read more: Storm damage closes the pier".into()
        )),
        "{seeds:?}"
    );
    let found = p.found();
    assert_found(&found, Label::LinkFarm, "p", "Storm damage closes the pier");
    assert_not_found(&found, "Tutors visit");
}

#[test]
fn sponsored_in_an_author_line_is_no_list_heading() {
    let p = page(
        "<div class=\"author-byline\"><a href=\"/author/desk\">Harbour Desk</a> <span>Sponsored</span></div>\
         <div class=\"widget\"><span>Sponsored</span></div>",
    );
    let texts: Vec<String> = p
        .seeds(wording::wording_seeds)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(texts, ["Sponsored"], "only the widget's heading");
}

#[test]
fn nothing_in_the_head_is_chrome() {
    let p = page_html(&format!(
        "<html><head><title>Harbour wall to be rebuilt</title>\
         <style id=\"newsletter-signup-inline-css\">.x{{}}</style>\
         <script class=\"ads\"></script></head>\
         <body><article><p>{PROSE}</p></article>\
         <div class=\"newsletter\">Get the harbour letter</div></body></html>"
    ));
    let found = p.found_in(p.cx_with_article_in(&["article"]));
    assert_eq!(
        found,
        [(
            Label::Newsletter,
            "div".into(),
            "Get the harbour letter".into()
        )]
    );
}

#[test]
fn link_seeds_go_by_where_links_lead_but_not_inside_sentences() {
    let p = page(&format!(
        "<a href=\"https://apps.apple.com/app/id1\">App Store</a>\
         <a href=\"https://twitter.com/intent/tweet?url=x\">Tweet</a>\
         <a href=\"http://digg.com/submit?url=x\">Digg This</a>\
         <a href=\"https://digg.com/news\">Digg front page</a>\
         <a href=\"https://www.blogger.com/share-post.g?blogID=1&target=email\">Email This</a>\
         <a href=\"https://www.blogger.com/profile/1\">The blog's author</a>\
         <p>{PROSE} The update is <a href=\"https://apps.apple.com/app/id2\">on the App Store</a> now.</p>"
    ));
    let seeds = p.seeds(links::link_seeds);
    assert_eq!(
        seeds,
        [
            (Label::AppPromo, "App Store".into()),
            (Label::Social, "Tweet".into()),
            (Label::Social, "Digg This".into()),
            (Label::Social, "Email This".into())
        ]
    );
}

/// A deep link into an app is a promotion where it speaks of the app or
/// shows its badge; a menu's task ("Report a claim") may lead there too.
#[test]
fn a_deep_link_promotes_the_app_only_when_it_says_so() {
    let p = page(
        "<ul><li><a href=\"https://insurer.app.link/claim\">Report a claim</a></li>\
         <li><a href=\"https://insurer.app.link/get\">Get the mobile app</a></li>\
         <li><a href=\"https://insurer.app.link/ios\"><img src=\"/ios.svg\"></a></li></ul>",
    );
    let seeds = p.seeds(links::link_seeds);
    assert_eq!(seeds.len(), 2, "{seeds:?}");
    assert_eq!(seeds[0], (Label::AppPromo, "Get the mobile app".into()));
    assert_eq!(seeds[1].0, Label::AppPromo);
}

#[test]
fn an_app_promo_takes_its_pitch_in_a_small_box_only() {
    let pitch = "A one-stop destination for the latest harbour news, from our newsroom and other \
                 top sources. Plus opinion, tide tables and video.";
    let store = |n: usize| -> String {
        (0..n)
            .map(|i| {
                format!(
                    "<li><a href=\"https://apps.apple.com/app/id{i}\">Download on the App Store for iPhone and iPad</a></li>"
                )
            })
            .collect()
    };
    // A story beside it in the rail is no part of the promotion.
    let promo = |extra: &str, links: usize| {
        let p = page(&format!(
            "<article><p>{PROSE}</p></article><div class=\"rail\">\
             <div class=\"entry\"><h4>The Harbour App</h4><p>{pitch}{extra}</p><ul>{}</ul></div>\
             <div><p>{PROSE}</p><p>{PROSE}</p></div></div>",
            store(links)
        ));
        p.found_in(p.cx_with_article_in(&["article"]))
    };
    let found = promo("", 1);
    assert_found(&found, Label::AppPromo, "div", "The Harbour App");
    assert_not_found(&found, "harbour wall");
    // A box past `app_pitch_box_max_chars` keeps its text, though its store
    // links would explain enough of it to grow.
    let found = promo(&format!(" {PROSE}"), 6);
    assert_found(&found, Label::AppPromo, "ul", "for iPhone");
    assert_not_found(&found, "The Harbour App");
}

#[test]
fn profile_links_seed_a_follow_bar_but_not_channels_the_article_names() {
    let p = page(
        "<div class=\"follow\"><a href=\"https://twitter.com/harbourtimes\">Twitter</a>\
         <a href=\"https://www.facebook.com/harbourtimes\">Facebook</a></div>\
         <div><p><a href=\"https://www.youtube.com/@studio\">Gareth David Studio</a></p>\
         <p><a href=\"https://www.youtube.com/@studio/videos\">Visit the channel</a></p></div>",
    );
    let mut seeds = Vec::new();
    links::link_seeds(&p.cx_beside_article(), &mut seeds);
    let texts: Vec<String> = seeds.iter().map(|sd| p.text(sd.node)).collect();
    assert_eq!(texts, ["Twitter", "Facebook"], "{seeds:?}");
}

#[test]
fn a_profile_beside_the_site_s_feed_is_a_follow_bar_but_not_beside_other_links() {
    let p = page(
        "<ul><li>Follow This Blog</li><li><a href=\"http://twitter.com/fivethirtyeight\">Twitter</a></li>\
         <li><a href=\"http://fivethirtyeight.blogs.example.com/feed\">RSS</a></li></ul>\
         <ul><li><a href=\"http://twitter.com/harbourtimes\">Twitter</a></li>\
         <li><a href=\"/about\">About us</a></li></ul>\
         <ul><li><a href=\"http://twitter.com/harbourdesk\">Twitter</a></li>\
         <li><a href=\"https://en.wikipedia.org/wiki/RSS\">What is RSS?</a></li></ul>",
    );
    let texts: Vec<String> = (p.seeds(links::link_seeds).into_iter())
        .map(|(_, text)| text)
        .collect();
    assert_eq!(texts, ["Twitter"]);
    assert_found(&p.found(), Label::Social, "ul", "Follow This Blog");
}

#[test]
fn an_email_field_seeds_a_newsletter_box() {
    let p = page("<form><input type=\"email\" placeholder=\"Your email\"><button>Go</button></form><input type=\"search\">");
    assert_eq!(p.seeds(forms::form_seeds).len(), 1);
}

#[test]
fn class_seeds_name_widgets_and_small_ad_slots_only_not_headings() {
    let long = PROSE.repeat(2);
    let p = page(&format!(
        "<div class=\"taboola-feed\"><a href=\"/a\">One</a></div>\
         <div class=\"ad-slot\">Advertisement</div>\
         <div class=\"ads\"><h1>Harbour wall</h1><div>{long}</div></div>\
         <h3 class=\"accordion-button ask-ads\">Who can apply for a mooring?</h3>"
    ));
    let labels: Vec<Label> = p
        .seeds(classes::class_seeds)
        .into_iter()
        .map(|(l, _)| l)
        .collect();
    assert_eq!(labels, [Label::LinkFarm, Label::Ad]);
}

/// Two headline links in a box named for other stories ("relatedPosts",
/// "most-read"): a link farm, though too few to be a list of cards. The same
/// name on a menu of short links, on a box that is mostly not links, on one
/// that holds running text, or on the article's own box plants nothing; a
/// small box whose names also say "ad" is an ad slot.
#[test]
fn a_box_named_for_other_stories_seeds_a_link_farm_when_it_holds_headlines() {
    let two = headline_cards(0..2);
    let labels_in = |html: String| -> Vec<Label> {
        let found = page(&html).seeds(classes::class_seeds);
        found.into_iter().map(|(l, _)| l).collect()
    };
    let related = labels_in(format!("<div class=\"relatedPosts\"><ul>{two}</ul></div>"));
    assert_eq!(related, [Label::LinkFarm]);
    let most_read = labels_in(format!("<aside id=\"most-read\"><ol>{two}</ol></aside>"));
    assert_eq!(most_read, [Label::LinkFarm]);
    let more_from = labels_in(format!("<div id=\"more_from_author\"><ul>{two}</ul></div>"));
    assert_eq!(more_from, [Label::LinkFarm]);

    let one = headline_cards(0..1);
    let single = labels_in(format!("<div class=\"related\"><ul>{one}</ul></div>"));
    assert!(single.is_empty(), "{single:?}");
    let tides = "<div>Tide tables for the north harbour and the south pier</div>".repeat(6);
    let mostly_text = labels_in(format!(
        "<div class=\"popular\"><ul>{two}</ul>{tides}</div>"
    ));
    assert!(mostly_text.is_empty(), "{mostly_text:?}");
    // Four headlines outweigh the paragraph: only its running text stops it.
    let four = headline_cards(0..4);
    let with_prose = labels_in(format!(
        "<div class=\"trending\"><ul>{four}</ul><p>{PROSE}</p></div>"
    ));
    assert!(with_prose.is_empty(), "{with_prose:?}");
    let ad = labels_in(format!("<div class=\"ad popular\"><ul>{two}</ul></div>"));
    assert_eq!(ad, [Label::Ad]);

    let p = page(&format!(
        "<div class=\"related-content\"><p>Harbour wall</p><ul>{two}</ul></div>"
    ));
    let mut seeds = Vec::new();
    classes::class_seeds(&p.cx_beside_article(), &mut seeds);
    assert!(seeds.is_empty(), "{seeds:?}");
}

#[test]
fn a_post_s_bare_web_addresses_are_no_headline_cards() {
    let line = |i: usize, text: &str| {
        format!("<a href=\"https://league{i}.example.com/table\">{text}</a><br>")
    };
    let addresses: String = (0..6)
        .map(|i| {
            line(
                i,
                &format!("https://league{i}.example.com/en/standings/table"),
            )
        })
        .collect();
    let headlines: String = (0..6)
        .map(|i| line(i, &format!("Storm closes the harbour road for day {i}")))
        .collect();
    let post = page(&format!(
        "<div class=\"content\">Standings<br>{addresses}</div>"
    ));
    assert!(post.seeds(lists::list_seeds).is_empty());
    let farm = page(&format!(
        "<div class=\"content\">Standings<br>{headlines}</div>"
    ));
    assert_eq!(farm.seeds(lists::list_seeds).len(), 1);
}

#[test]
fn list_seeds_find_headline_cards_but_not_a_list_in_prose() {
    let cards = headline_cards(0..5);
    let farm = page(&format!("<p>{PROSE}</p><div><ul>{cards}</ul></div>"));
    let seeds = farm.seeds(lists::list_seeds);
    assert_eq!(seeds.len(), 1, "{seeds:?}");
    assert_eq!(seeds[0].0, Label::LinkFarm);
    let in_prose = page(&format!(
        "<div><p>{PROSE}</p><ul>{cards}</ul><p>{PROSE}</p></div>"
    ));
    assert!(in_prose.seeds(lists::list_seeds).is_empty());
}

/// A line asking to follow the site, too long for a heading, after the
/// article's last paragraph: social. The same cue among the article's
/// steps is the article's, and so is a reader's line outside it.
#[test]
fn a_call_to_follow_after_the_article_is_social_but_not_among_its_steps() {
    let call = "<p>Like the Harbour Gazette on Facebook. Follow us on Twitter.</p>";
    let after = page(&format!("<p>{PROSE}</p><p>{PROSE}</p>{call}"));
    assert_found(
        &after.found_beside_article(),
        Label::Social,
        "p",
        "Follow us",
    );
    let step = "<p>Download and share this guide from the harbour office today.</p>";
    let among = page(&format!("<p>{PROSE}</p>{step}<p>{PROSE}</p>"));
    assert_not_found(&among.found_beside_article(), "share this guide");
    let reader = "<div>Lovely post. I will share this with a friend tonight.</div>";
    let comment = page(&format!("<p>{PROSE}</p><p>{PROSE}</p>{reader}"));
    assert_not_found(&comment.found_beside_article(), "Lovely post");
}

/// A widget headed with where to follow the site ("Gazette on Facebook")
/// is social; the writer's sign-off at the article's foot is the
/// article's, and a reader's signature in a comment is the reader's.
#[test]
fn a_network_named_over_a_widget_is_social_but_not_a_sign_off_or_signature() {
    let widget = "<div><h3>Harbour Gazette on Facebook</h3><div class=\"fb-like-box\"></div></div>";
    let sidebar = page(&format!("<p>{PROSE}</p><aside>{widget}</aside>"));
    assert_found(
        &sidebar.found_beside_article(),
        Label::Social,
        "aside",
        "Gazette on Facebook",
    );
    let sign_off = "<p>Follow Marcas on Twitter</p>";
    let foot = page(&format!("<p>{PROSE}</p><p>{PROSE}</p>{sign_off}"));
    assert_not_found(&foot.found_beside_article(), "Follow Marcas");
    let signature = "<div class=\"comment\"><div>Great game.</div>\
                     <div class=\"sig\">Follow me on Twitter</div></div>";
    let thread = page(&format!("<p>{PROSE}</p>{signature}"));
    assert_not_found(&thread.found_beside_article(), "Follow me");
    let handle = "<div><div>Good point.</div><div>Follow me on Twitter @harbourfan</div></div>";
    let signed = page(&format!("<p>{PROSE}</p>{handle}"));
    assert_not_found(&signed.found_beside_article(), "Follow me");
}

/// Lines whose wording alone names them: the e-mail tools of older article
/// pages and a closing share prompt are social, the marks around an ad set
/// between paragraphs are ads.
#[test]
fn wording_names_e_mail_tools_share_prompts_and_ad_breaks() {
    let p = page(
        "<div><a href=\"/mail?id=1\">E-mail this story</a></div>\
         <div><a href=\"/mail?id=1&amp;p=2\">Email this article</a></div>\
         <div>Liked this post? Share it on:</div>\
         <div>Article continues</div><div>Story continues below</div>",
    );
    let seeds = p.seeds(wording::wording_seeds);
    assert_eq!(
        seeds,
        [
            (Label::Social, "E-mail this story".into()),
            (Label::Social, "Email this article".into()),
            (Label::Social, "Liked this post? Share it on:".into()),
            (Label::Ad, "Article continues".into()),
            (Label::Ad, "Story continues below".into()),
        ]
    );
}

/// A box titled "Sponsors" holds ads; a link so named in a menu's row leads
/// to a page about them.
#[test]
fn a_box_titled_sponsors_is_an_ad_but_not_a_link_so_named() {
    let logos =
        "<div><h3>Sponsors</h3><a href=\"https://ads.example/c?b=1\"><img src=\"/l1.png\"></a>\
                 <a href=\"https://ads.example/c?b=2\"><img src=\"/l2.png\"></a></div>";
    let side = page(&format!("<p>{PROSE}</p><aside>{logos}</aside>"));
    assert_found(&side.found_beside_article(), Label::Ad, "aside", "Sponsors");
    let row = "<table><tr><td><a href=\"/kernel\">Kernel</a></td></tr>\
               <tr><td><a href=\"/sponsors\">Sponsors</a></td></tr></table>";
    let nav = page(&format!("{row}<p>{PROSE}</p>"));
    assert_not_found(&nav.found_beside_article(), "Sponsors");
}

/// A pitch outside the article that opens with its phrase is a newsletter
/// box, however long it runs on; the same opening among the article's
/// paragraphs, a form's field label and a row of links that starts
/// "Newsletter" are not.
#[test]
fn a_pitch_that_opens_with_its_phrase_is_chrome_outside_the_article() {
    let pitch = "Sign up for our e-newsletter all about the harbour. It is delivered every \
                 week to your mailbox and features exclusive news and analysis of the \
                 quays from our reporters, with tide tables and the week's ship arrivals.";
    assert!(pitch.len() > 90);
    let side = page(&format!(
        "<p>{PROSE}</p><aside><h2>Harbour Insider</h2><ul><li>{pitch}</li></ul></aside>"
    ));
    assert_found(
        &side.found_beside_article(),
        Label::Newsletter,
        "aside",
        "Harbour Insider",
    );
    let inside = page(&format!("<p>{PROSE}</p><p>{pitch}</p>"));
    assert_not_found(&inside.found_beside_article(), "e-newsletter");
    let field = "<form><div>Your email address (no reply is possible without one, and we \
                 read every message the harbour office receives from readers, though we \
                 cannot answer them all):</div><textarea></textarea></form>";
    let feedback = page(&format!("<p>{PROSE}</p>{field}"));
    assert_not_found(&feedback.found_beside_article(), "Your email address");
    let row = "<div><a href=\"/n\">Newsletter</a> <a href=\"/a\">About us</a> \
               <a href=\"/k\">Media kit</a> <a href=\"/c\">Contact us</a> \
               <a href=\"/ad\">Advertise with us</a> <a href=\"/j\">Careers</a> \
               <a href=\"/t\">Terms of use</a> <a href=\"/p\">Privacy policy</a> \
               <a href=\"/s\">Site map</a> <a href=\"/r\">RSS feeds</a></div>";
    let footer = page(&format!("<p>{PROSE}</p>{row}"));
    assert_not_found(&footer.found_beside_article(), "Media kit");
}

/// A line outside the article that ends by offering posts "by email" is a
/// newsletter box, a heading or a short line that asks to sign up; one that shares the page or writes to someone by mail is
/// not, nor a link loose in the site's header, whose block holds the site's
/// name too.
#[test]
fn updates_offered_by_email_are_a_newsletter_but_not_sharing_or_writing() {
    let widget = "<div><h3>Get New Posts by Email</h3><a href=\"/subscribe\">Sign me up</a></div>";
    let sidebar = page(&format!("<p>{PROSE}</p><aside>{widget}</aside>"));
    assert_found(
        &sidebar.found_beside_article(),
        Label::Newsletter,
        "aside",
        "Posts by Email",
    );
    // Too long for a heading, but asking to sign up.
    let sign_up = "<td>Sign up to receive the Harbour Gazette's daily digest by email</td>";
    let table = page(&format!(
        "<p>{PROSE}</p><table><tr>{sign_up}<td><a href=\"/sample\">View a sample</a></td></tr></table>"
    ));
    assert_found(
        &table.found_beside_article(),
        Label::Newsletter,
        "table",
        "daily digest by email",
    );
    for line in [
        "<div><a href=\"mailto:desk@harbour.example\">Contact the news desk by email</a></div>",
        "<div><a href=\"/send\">Share by email</a></div>",
        "<div>Readers of the harbour's weekly tide tables receive them by email</div>",
    ] {
        let foot = page(&format!(
            "<p>{PROSE}</p><div>{line}<div>Harbour Gazette</div></div>"
        ));
        let found = foot.found_beside_article();
        assert!(
            found.iter().all(|(l, _, _)| *l != Label::Newsletter),
            "{found:?}"
        );
    }
    let header = "<div><a href=\"/subscribe\">Get updates by email</a>\
                  <div>Harbour Gazette</div><div>News from the quay since 1921</div></div>";
    let top = page(&format!("{header}<p>{PROSE}</p>"));
    assert_not_found(&top.found_beside_article(), "Harbour Gazette");
}

/// A site's legal line that links its cookie settings among its pages is
/// no consent banner; a banner that says it uses cookies, with the same
/// link, is one.
#[test]
fn a_legal_line_links_cookie_settings_where_a_banner_talks_of_them() {
    let links = "<a href=\"/terms\">Terms of Service</a> <a href=\"/privacy\">Privacy</a> \
                 <a href=\"/legal\">Legal</a> <a href=\"#prefs\">Cookie Preferences</a>";
    let legal = page(&format!(
        "<p>{PROSE}</p><div>© 2025 Harbour Gazette Ltd. All rights reserved. {links}</div>"
    ));
    assert_not_found(&legal.found_beside_article(), "Cookie Preferences");
    let banner = page(&format!(
        "<p>{PROSE}</p><div>We use cookies to measure how the site is read. {links}</div>"
    ));
    assert_found(
        &banner.found_beside_article(),
        Label::Consent,
        "div",
        "Cookie Preferences",
    );
}

/// An entry of a menu that names a page of the site ("Advertising",
/// "Newsletters") is the menu's; the same words as a box's own label are
/// chrome, and "Get the app" stays a promotion wherever it is.
#[test]
fn a_menu_entry_names_a_page_not_a_box_of_its_kind() {
    let menu = "<footer><ul><li><a href=\"/about\">About us</a></li>\
                <li><a href=\"/advertise\">Advertising</a></li>\
                <li><a href=\"/newsletters\">Newsletters</a></li>\
                <li><a href=\"https://apps.apple.com/app/id1\">Get the app</a></li></ul></footer>";
    let found = page(&format!("<p>{PROSE}</p>{menu}")).found_beside_article();
    assert_not_found(&found, "Advertising");
    assert_not_found(&found, "Newsletters");
    assert_found(&found, Label::AppPromo, "li", "Get the app");
    let label =
        "<aside><div>Advertising</div><div class=\"slot\"><img src=\"/b.gif\"></div></aside>";
    let found = page(&format!("<p>{PROSE}</p>{label}")).found_beside_article();
    assert_found(&found, Label::Ad, "aside", "Advertising");
}

/// A list in the site's header that a heading names ("Trending") is
/// chrome; a box of a hundred links there is the site's own menu, whatever
/// a heading in it says.
#[test]
fn a_hundred_links_in_the_header_are_the_site_s_menu() {
    let header = |n: usize| {
        let links: String = (0..n)
            .map(|i| format!("<li><a href=\"/brand-{i}\">Brand number {i}</a></li>"))
            .collect();
        let p = page(&format!(
            "<header><div><h3>Trending brands</h3><ul>{links}</ul></div></header>{}",
            format!("<p>{PROSE}</p>").repeat(12)
        ));
        p.found_on_page_beside_article()
    };
    assert_found(&header(12), Label::LinkFarm, "header", "Trending brands");
    assert_not_found(&header(120), "Trending brands");
}

/// A box its class calls a newsletter's, short, with no article text:
/// newsletter, though its pitch reads as prose (the form may come later,
/// from a script). The article's own text never is, whatever its class
/// (the filters' article-text check, which this guards too).
#[test]
fn a_box_named_newsletter_is_a_newsletter_box_but_not_the_article() {
    let pitch = "<div class=\"NewsletterSidebar_card\"><h2>Level up your harbour skills</h2>\
                 <div>You focus on building. We will keep you updated, every week, with what changed \
                 in the tools, the plans and the prices that matter to you.</div></div>";
    let p = page(&format!("<p>{PROSE}</p>{pitch}<p>{PROSE}</p>"));
    assert_found(
        &p.found_beside_article(),
        Label::Newsletter,
        "div",
        "Level up",
    );
    let issue = page(&format!(
        "<div class=\"newsletter-issue\"><p>{PROSE}</p></div>"
    ));
    assert_not_found(&issue.found_beside_article(), "The council voted");
}

/// Cards whose teasers outweigh their headline links ("Other opinion
/// columns", no wording to go by), after the article's last paragraph: a
/// list of headline cards. Before the article's end, where a listing's own
/// posts sit, their teasers count as prose.
#[test]
fn teaser_cards_after_the_article_are_headline_cards() {
    let card = |i: usize| {
        format!(
            "<div><h4><a href=\"/story-{i}\">Harbour works number {i} begin</a></h4>\
             <div>Crews arrived on Monday, with cranes and barges, to start on the breach. \
             It will take months, and the pier stays shut until then.</div></div>"
        )
    };
    let cards: String = (0..4).map(card).collect();
    let article = format!("<p>{PROSE}</p>").repeat(4);
    let seeds = |body: String| {
        let p = page(&body);
        let mut seeds = Vec::new();
        lists::list_seeds(&p.cx_beside_article(), &mut seeds);
        seeds.len()
    };
    assert_eq!(seeds(format!("{article}<div>{cards}</div>")), 1);
    assert_eq!(seeds(format!("<div>{cards}</div>{article}")), 0);
}

/// Cards right after a paragraph of the article, with more of it to come,
/// are a section's own ("Recognition and awards", introduced, then more of
/// the page); after its last paragraph, or set in an `<aside>`, they are a
/// link farm.
#[test]
fn cards_the_article_introduces_are_its_own() {
    let cards = headline_cards(0..5);
    let seeds = |body: String| {
        let p = page(&body);
        let mut seeds = Vec::new();
        lists::list_seeds(&p.cx_beside_article(), &mut seeds);
        seeds.len()
    };
    let section = |list: &str| {
        format!("<div><h2>Awards</h2><p>{PROSE}</p></div><div><div>{list}</div></div><div><p>{PROSE}</p></div>")
    };
    assert_eq!(seeds(section(&format!("<ul>{cards}</ul>"))), 0);
    // Not introduced by the paragraph: a title of their own comes between.
    assert_eq!(
        seeds(section(&format!("<h3>Elsewhere</h3><ul>{cards}</ul>"))),
        1
    );
    assert_eq!(
        seeds(section(&format!("<aside><ul>{cards}</ul></aside>"))),
        1
    );
    assert_eq!(
        seeds(format!(
            "<div><p>{PROSE}</p></div><div><ul>{cards}</ul></div>"
        )),
        1
    );
}

/// A service page's cards that lead below it are its own services; the
/// same cards on a page elsewhere are a link farm.
#[test]
fn cards_that_lead_below_the_page_are_its_own() {
    let card = |i: usize| {
        format!("<li><a href=\"/services/harbour/repair-{i}/\">Repairs to harbour walls, part {i}</a></li>")
    };
    let cards: String = (0..5).map(card).collect();
    let p = page(&format!("<p>{PROSE}</p><div><ul>{cards}</ul></div>"));
    let seeds = |place: &str| {
        let place = crate::classify::place::Place::of(place);
        let mut seeds = Vec::new();
        lists::list_seeds(&p.cx_at(place), &mut seeds);
        seeds.len()
    };
    assert_eq!(seeds("https://example.com/services/harbour/"), 0);
    assert_eq!(seeds("https://example.com/services/rail/"), 1);
}

#[test]
fn a_table_of_contents_is_not_a_list_of_headline_cards() {
    let entry = |i: usize| {
        format!("<li><a href=\"#part-{i}\">What the harbour council decided in part {i}</a></li>")
    };
    let entries: String = (0..5).map(entry).collect();
    let p = page(&format!(
        "<p>{PROSE}</p><nav><ul>{entries}</ul></nav><p>{PROSE}</p><p>{PROSE}</p>"
    ));
    assert!(p.seeds(lists::list_seeds).is_empty());
}

#[test]
fn a_heading_grows_over_the_list_it_introduces_and_stops_at_a_menu() {
    let links: String = (0..4)
        .map(|i| format!("<li><a href=\"/p{i}\">Post {i}</a></li>"))
        .collect();
    let p = page(&format!(
        "<div><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li><li><a href=\"/about\">About</a></li></ul></nav>\
         <section><h3>Related stories</h3><ul>{links}</ul></section></div><p>{PROSE}</p>"
    ));
    let found = p.found();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Label::LinkFarm);
    assert_eq!(
        found[0].1, "section",
        "grows to the section, not over the menu: {found:?}"
    );
}

const TEASER: &str = "<p>Crews arrived on Monday, with cranes and barges, to start on the breach. It will take months, and the pier stays shut until then.</p>";

/// Three cards under "You might also like" after the article's paragraphs:
/// the heading takes them, and the article stays.
fn assert_the_heading_takes_the_cards(card: impl Fn(usize) -> String) {
    let cards: String = (0..3).map(card).collect();
    let p = page(&format!(
        "{}<section><h2>You might also like</h2><div>{cards}</div></section>",
        format!("<p>{PROSE}</p>").repeat(8)
    ));
    let found = p.found();
    assert_found(&found, Label::LinkFarm, "section", "Crews arrived");
    assert_not_found(&found, "The council voted");
}

#[test]
fn a_heading_grows_over_cards_whose_teasers_read_as_prose_but_not_over_the_article() {
    assert_the_heading_takes_the_cards(|i| {
        format!(
            "<article><h3><a href=\"/story-{i}\">Harbour works number {i} begin after the storms</a></h3>{TEASER}</article>"
        )
    });
}

#[test]
fn a_card_that_links_its_story_twice_is_still_one_card() {
    assert_the_heading_takes_the_cards(|i| {
        format!(
            "<article><div><h3><a href=\"/story-{i}\">Harbour works number {i} begin after the storms</a></h3>{TEASER}\
             <p><a href=\"/story-{i}\">Continue <span>Harbour works number {i} begin after the storms</span></a></p></div></article>"
        )
    });
}

#[test]
fn a_heading_takes_the_box_it_shares_with_its_list_not_the_larger_box_around_it() {
    let words = "Weather Traffic Scores Lottery Obituaries Classifieds Calendar Puzzles ".repeat(3);
    let p = page(&format!(
        "<article>{}</article><aside><div><div>Recommended for you</div><ul>{}</ul></div><div>{words}</div></aside>",
        format!("<p>{PROSE}</p>").repeat(8),
        headline_cards(0..3)
    ));
    let found = p.found();
    assert_found(&found, Label::LinkFarm, "div", "Recommended for you");
    assert_found(&found, Label::LinkFarm, "div", "story number 0");
    assert_not_found(&found, "Weather Traffic");
}

/// Readability may keep a sidebar's lists with the article while it drops
/// their heading; a tabbed "Most popular" box ("Shared", "Read") is still
/// one link farm, heading, tabs and lists.
#[test]
fn a_heading_outside_the_article_takes_the_tabbed_lists_the_article_kept() {
    let tab = |name: &str, cards| {
        format!(
            "<h3><a href=\"#\">{name}</a></h3><div><ol>{}</ol></div>",
            headline_cards(cards)
        )
    };
    // The box after the article's paragraphs, all in one box.
    let found_beside = |paragraphs: String| {
        let p = page(&format!(
            "<div>{paragraphs}<div><h2>Most Popular</h2>{}{}</div></div>",
            tab("Shared", 0..5),
            tab("Read", 5..10)
        ));
        p.found_in(p.cx_with_article_in(&["p", "ol"]))
    };
    let found = found_beside(format!("<p>{PROSE}</p>").repeat(8));
    assert_found(&found, Label::LinkFarm, "div", "Most PopularShared");
    assert_found(&found, Label::LinkFarm, "div", "story number 9");
    assert_not_found(&found, "The council voted");
    // Past that box, no more than a little text that is not links: short
    // lines of the article (each too short to be prose) stay.
    let line = "Work starts in spring, the mayor said on Tuesday evening.";
    let found = found_beside(format!("<p>{line}</p>").repeat(5));
    assert_found(&found, Label::LinkFarm, "div", "Most PopularShared");
    assert_not_found(&found, "the mayor said");
}

/// A line of chrome set straight in the box that holds the article's
/// paragraphs is that box's own text: hiding it would hide them.
#[test]
fn a_cue_set_in_the_article_s_own_box_does_not_hide_the_box() {
    let p = page(&format!(
        "<div>{}Subscribe to the <a href=\"/signup\">Daily newsletter</a>!</div>\
         <div><p>Subscribe to the <a href=\"/signup\">Daily newsletter</a>!</p></div>",
        format!("<p>{PROSE}</p>").repeat(3)
    ));
    let found = p.found();
    assert_not_found(&found, "The council voted");
    assert_found(&found, Label::Newsletter, "div", "Subscribe");
}

#[test]
fn a_badge_in_a_table_row_heads_no_list_past_the_table() {
    let row = |i: usize| {
        format!("<tr><td>Most popular</td><td><a href=\"/mover-{i}\">Harbour Moving and Storage number {i}</a></td><td>4.5 overall rating</td></tr>")
    };
    let p = page(&format!(
        "<article>{}<div><table><tbody>{}</tbody></table><div>{}</div></div></article>",
        format!("<p>{PROSE}</p>").repeat(8),
        (0..3).map(row).collect::<String>(),
        "Prices Reviews Quotes Routes Storage Packing ".repeat(3)
    ));
    assert_not_found(&p.found(), "Harbour Moving");
}

#[test]
fn prose_beside_a_list_of_headlines_is_no_teaser() {
    let cards = headline_cards(0..5);
    let p = page(&format!(
        "<p>{PROSE}</p><div><h3>Top stories</h3><ul>{cards}</ul><p>{PROSE}</p></div>"
    ));
    let found = p.found();
    assert_found(&found, Label::LinkFarm, "ul", "story number 4");
    assert_not_found(&found, "The council voted");
}

#[test]
fn a_tall_worded_list_beside_an_article_is_chrome_but_a_page_of_lists_is_kept() {
    let column = format!(
        "<div><h3>Most popular</h3><ul>{}</ul></div>\
         <div><h3>Top stories</h3><ul>{}<li class=\"ad\"><a href=\"/x\">Sponsored: a story</a></li></ul></div>",
        headline_cards(0..30),
        headline_cards(30..60)
    );
    let post = page(&format!("{}{column}", format!("<p>{PROSE}</p>").repeat(8)));
    let found = post.found_on_page_beside_article();
    assert_found(&found, Label::LinkFarm, "div", "Most popular");
    let lists = page(&format!("<p>{PROSE}</p>{column}"));
    let found = lists.found_on_page_beside_article();
    assert!(
        found.is_empty(),
        "what lies in the page's lists is the page's: {found:?}"
    );
}

#[test]
fn nested_finds_merge_into_the_outermost_with_the_larger_kind() {
    let p = page(
        "<aside><p>Get our newsletter in your inbox</p><input type=\"email\">\
         <p>Sign up for our weekly newsletter</p></aside>",
    );
    let found = p.found();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(
        (found[0].0, found[0].1.as_str()),
        (Label::Newsletter, "aside")
    );
}

#[test]
fn a_grid_of_cards_takes_the_heading_right_before_it() {
    let cards = headline_cards(0..5);
    let p = page(&format!(
        "<p>{PROSE}</p><div><h3>From the harbour desk</h3><ul>{cards}</ul><p>{PROSE}</p></div>"
    ));
    let found = p.found();
    assert_found(&found, Label::LinkFarm, "h3", "From the harbour desk");
    assert_found(&found, Label::LinkFarm, "ul", "story number 4");
}

#[test]
fn a_find_of_another_kind_keeps_its_kind_inside_the_merged_one() {
    let p = page(&format!(
        "<p>{PROSE}</p><aside><h3>Most popular</h3><ul>{}</ul><h3>Top stories</h3><ul>{}</ul>\
         <div><p>Sign up for our newsletter</p><input type=\"email\"></div></aside>",
        headline_cards(0..5),
        headline_cards(5..10)
    ));
    let found = p.found();
    assert_found(&found, Label::LinkFarm, "aside", "Most popular");
    assert_found(&found, Label::Newsletter, "div", "Sign up");
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn chrome_grows_neither_over_the_first_h1_nor_out_of_it() {
    let p = page(
        "<div class=\"model-header\"><h1>Land Rover Range Rover</h1>\
         <div><p>Get email updates</p><input type=\"email\"><button>Sign up</button></div></div>\
         <h1 class=\"site\">Joe. My. God. <div class=\"gpt\"><img src=\"/a.gif\"></div></h1>",
    );
    let found = p.found();
    assert!(
        found
            .iter()
            .all(|(_, tag, text)| tag != "h1" && !text.contains("Range Rover")),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(l, _, _)| *l == Label::Newsletter),
        "{found:?}"
    );
}

#[test]
fn a_share_bar_does_not_grow_over_the_date_or_byline_beside_it() {
    let p = page(
        "<div class=\"entry-header\"><div class=\"category\">Hair</div>\
         <div class=\"date\">Aug 9, 2012 4:20 PM</div>\
         <div class=\"tools\"><div><a href=\"https://twitter.com/share\">&nbsp;</a></div>\
         <div><a href=\"https://www.facebook.com/sharer/sharer.php?u=x\">Share</a></div></div></div>",
    );
    let found = p.found();
    assert_found(&found, Label::Social, "div", "Share");
    assert_not_found(&found, "Aug 9");
    let p = page(
        "<div class=\"meta\"><span>By Laura Hazard Owen</span><span>No Comments</span>\
         <span><a href=\"https://twitter.com/share\">Tweet</a> <a href=\"mailto:?body=x\">Email This</a></span></div>",
    );
    let found = p.found();
    assert_found(&found, Label::Social, "span", "Tweet");
    assert_not_found(&found, "Laura");
}

#[test]
fn an_ad_slot_in_an_hgroup_stays_on_its_own() {
    let p = page(
        "<h1 class=\"logo\">Candy</h1>\
         <hgroup><div class=\"sponsored-post-ad\"><img src=\"/a.gif\"></div>\
         <h1>Scouted this week: prints charming</h1><h2>The latest finds</h2></hgroup>",
    );
    let found = p.found();
    assert_found(&found, Label::Ad, "div", "");
    assert_not_found(&found, "Scouted");
}

#[test]
fn an_empty_ad_slot_grows_over_its_label_but_not_the_card_it_sits_in() {
    let p = page(
        "<div class=\"slot\"><span>Advertisement</span><div class=\"ad-container\"></div></div>\
         <div class=\"card\"><div class=\"ad-container\"></div>\
         <p>Orndorff Sofa by Ebern Designs, 82 inches wide, in grey or beige chenille</p>\
         <p>Rated 4.5 out of 5 stars. 26 total votes</p></div>",
    );
    let found = p.found();
    assert!(
        found
            .iter()
            .any(|(l, _, text)| *l == Label::Ad && text == "Advertisement"),
        "{found:?}"
    );
    assert_not_found(&found, "Sofa");
}

#[test]
fn an_empty_ad_slot_beside_the_article_s_date_line_leaves_it_out() {
    let p = page(
        "<div class=\"player\"><div class=\"advert_placeholder\"></div>\
         <span class=\"story-date\"><span>24 July 2012</span> Last updated at 05:40 ET</span>\
         <a href=\"/help\">Help</a></div>",
    );
    let found = p.found();
    assert_found(&found, Label::Ad, "div", "");
    assert_not_found(&found, "24 July 2012");
}

#[test]
fn a_widget_whose_list_is_filled_in_later_is_hidden_with_its_heading() {
    let p = page(&format!(
        "<main><p>{PROSE}</p>\n\
         <section>\n  <h2>\n    <span class=\"icon\"></span>You May Also Like\n  </h2>\n  \
         <ul class=\"rail\">\n  </ul>\n</section>\n\
         <section><h2>Related Posts</h2><ul class=\"rail\"></ul><div>Sponsored by the harbour trust</div></section>\n\
         <section><h2>Trending</h2><div class=\"rail\"></div><img src=\"/promo.jpg\"></section></main>"
    ));
    let found = p.found_beside_article();
    assert_found(&found, Label::LinkFarm, "section", "You May Also Like");
    assert_not_found(&found, "Related Posts");
    assert_not_found(&found, "Trending");
}

#[test]
fn boxes_of_job_ads_and_top_picks_are_link_farms() {
    let p = page(&format!(
        "<main><p>{PROSE}</p></main>\
         <div class=\"box\"><h4>Top Jobs</h4><ul>\
         <li><a href=\"/jobs/1\">Senior counsel, litigation group</a></li>\
         <li><a href=\"/jobs/2\">Associate attorney, real estate</a></li></ul></div>\
         <div class=\"box\"><h3>Our top picks</h3><ul>\
         <li><a href=\"/p/drill\">Cordless drill</a></li>\
         <li><a href=\"/p/saw\">Mitre saw</a></li></ul></div>"
    ));
    let found = p.found_beside_article();
    assert_found(&found, Label::LinkFarm, "div", "Senior counsel");
    assert_found(&found, Label::LinkFarm, "div", "Mitre saw");
}

#[test]
fn a_heading_set_in_the_post_takes_the_list_of_links_after_it() {
    let p = page(&format!(
        "<div class=\"post\"><p>{PROSE}</p><h3>Related Posts</h3>\
         <ul><li><a href=\"/a\">Taurus Zombie Responder</a></li>\
         <li><a href=\"/b\">Taurus Judge with Rail and Ported Barrel</a></li></ul>\
         <h3>Related reading</h3><ul><li>A list the post wrote, no links</li><li>Two</li></ul></div>"
    ));
    let found = p.found_beside_article();
    assert_found(&found, Label::LinkFarm, "ul", "Zombie");
    assert_found(&found, Label::LinkFarm, "h3", "");
    assert!(
        found
            .iter()
            .all(|(_, _, text)| !text.contains("the post wrote") && !text.contains("harbour")),
        "{found:?}"
    );
}

#[test]
fn a_heading_takes_its_cards_across_the_spacers_between_them() {
    let card = |i: usize| {
        format!(
            "<div class=\"small\"><a href=\"/story-{i}\">Harbour story number {i} today</a></div>\
             <div><a href=\"/story-{i}\"><img src=\"/arrow.gif\"></a></div><hr>"
        )
    };
    let p = page(&format!(
        "<div class=\"post\"><p>{PROSE}</p></div>\
         <div class=\"box\"><p>{PROSE}</p><div class=\"grey\"><b>Related stories</b></div>\
         <img src=\"/spacer.gif\"><br>{}{}{}</div>",
        card(1),
        card(2),
        card(3)
    ));
    let found = p.found_beside_article();
    assert_found(&found, Label::LinkFarm, "div", "Related stories");
    assert_found(&found, Label::LinkFarm, "div", "story number 3");
}

#[test]
fn a_heading_run_into_its_links_is_a_strip_outside_the_article_only() {
    let strip = "<div class=\"bar\">Trending Topics: <a href=\"/a\">Halloween costumes</a> \
                 <a href=\"/b\">Voting under attack</a> <a href=\"/c\">The Root 100</a></div>";
    let p = page(&format!("{strip}<div><p>{PROSE}</p></div>"));
    let found = p.found_beside_article();
    assert_found(&found, Label::LinkFarm, "div", "Voting");
    let p = page(&format!(
        "<div class=\"title\">Sponsored Feature: <a href=\"/f\">Democracy of domination, \
         how a game engine helps</a></div><div><p>{PROSE}</p></div>"
    ));
    let found = p.found_beside_article();
    assert_not_found(&found, "Democracy");
    let p = page(&format!(
        "<div><p>{PROSE}</p><p>Most popular: <a href=\"/a\">Kindle Fire apps for readers who travel</a>, \
         <a href=\"/b\">Wattpad on the go this winter</a></p></div>"
    ));
    let found = p.found_beside_article();
    assert_not_found(&found, "Wattpad");
}

#[test]
fn a_dialog_s_own_h1_does_not_keep_it_from_being_hidden() {
    let p = page(
        "<div role=\"dialog\" aria-modal=\"true\"><h1>Bienvenue</h1>\
         <p>Nous utilisons des cookies pour mesurer l'audience.</p>\
         <button>Accepter</button><button>Continuer sans accepter</button></div>",
    );
    let found = p.found();
    assert_found(&found, Label::Consent, "div", "");
}

#[test]
fn a_grid_of_cards_in_the_site_s_menu_is_the_menu_s_unless_it_lists_stories() {
    let cards = |href: &dyn Fn(usize) -> String| -> String {
        (0..4)
            .map(|i| {
                format!(
                    "<li><a href=\"{}\">A long headline about section number {i} today</a></li>",
                    href(i)
                )
            })
            .collect()
    };
    let sections = cards(&|i| format!("/solutions/section-{i}"));
    let stories = cards(&|i| format!("/2024/05/harbour-wall-rebuild-story-{i}"));

    let in_menu = page(&format!("<header><nav><ul>{sections}</ul></nav></header>")).found();
    assert_not_found(&in_menu, "section number");
    let in_role_menu = page(&format!("<div role=\"menubar\"><ul>{sections}</ul></div>")).found();
    assert_not_found(&in_role_menu, "section number");

    let loose = page(&format!("<div><ul>{sections}</ul></div>")).found();
    assert_found(&loose, Label::LinkFarm, "div", "section number");
    let story_strip = page(&format!("<header><ul>{stories}</ul></header>")).found();
    assert_found(&story_strip, Label::LinkFarm, "header", "section number");
    let in_an_article_s_header = page(&format!(
        "<article><header><ul>{sections}</ul></header></article>"
    ))
    .found();
    assert_found(
        &in_an_article_s_header,
        Label::LinkFarm,
        "header",
        "section number",
    );
}

#[test]
fn links_run_in_with_the_article_s_own_paragraph_are_the_article_s() {
    let links: String = (0..5)
        .map(|i| {
            format!(
                "<a href=\"/story-{i}\">A long headline about story number {i} today</a> - June 2, 2005<br>"
            )
        })
        .collect();
    let p = page(&format!(
        "<div><p><span>{PROSE}<br><br>{links}</span></p></div>"
    ));
    assert_not_found(&p.found_beside_article(), "story number");
    // Without the article around them, the same links are a link farm.
    assert_found(&p.found(), Label::LinkFarm, "div", "story number");
}

/// A widget's title over a box found as chrome, the widget holding nothing
/// else but wrappers and spacers, goes with the box ("Popular Posts" over a
/// box named for them), and past the article's last running text even a
/// heading the article kept. A date line over a share bar is the article's
/// header, a title beside other things heads more than the box, and one in
/// a menu or a comment thread is the menu's or the thread's.
#[test]
fn a_widget_s_title_goes_with_the_box_it_titles() {
    // Titles short enough to make the list a row of links, which no seed
    // grows past.
    let two: String = (0..5)
        .map(|i| format!("<li><a href=\"/post-{i}\">Why I moved to the coast {i}</a></li>"))
        .collect();
    let popular = format!(
        "<div class=\"widget\"><h5>Popular Posts</h5><a href=\"/x\"></a>\
         <div class=\"textwidget\"><ul class=\"popular-posts\">{two}</ul></div></div>"
    );
    let sidebar = page(&format!("<p>{PROSE}</p>{popular}"));
    let found = sidebar.found_beside_article();
    assert_found(&found, Label::LinkFarm, "h5", "Popular Posts");

    let beside = format!(
        "<div class=\"widget\"><h5>Popular Posts</h5><p>Tide tables for the harbour</p>\
         <div class=\"textwidget\"><ul class=\"popular-posts\">{two}</ul></div></div>"
    );
    let found = page(&format!("<p>{PROSE}</p>{beside}")).found_beside_article();
    assert_not_found(&found, "Popular Posts");
    let loose = format!(
        "<div class=\"widget\"><h5>Popular Posts</h5>Tide tables for the harbour\
         <div class=\"textwidget\"><ul class=\"popular-posts\">{two}</ul></div></div>"
    );
    let found = page(&format!("<p>{PROSE}</p>{loose}")).found_beside_article();
    assert_not_found(&found, "Popular Posts");

    let share =
        "<div><h5>Jan 24, 2025</h5><div><a href=\"https://twitter.com/intent/tweet?url=x\">\
                 Post on X</a></div></div>";
    let found = page(&format!("{share}<p>{PROSE}</p>")).found_beside_article();
    assert_found(&found, Label::Social, "div", "Post on X");
    assert_not_found(&found, "Jan 24");

    // A line that reads as a heading titles one too, but not a box of
    // author and date lines.
    let line = format!(
        "<div class=\"widget\"><div>Most talked about...</div>\
         <div><ul class=\"popular-posts\">{two}</ul></div></div>"
    );
    let found = page(&format!("<p>{PROSE}</p>{line}")).found_beside_article();
    assert_found(&found, Label::LinkFarm, "div", "Most talked about");
    let header = "<div><div><div>By Harbour Staff</div><div>Jan 24, 2025</div></div>\
                  <div><a href=\"https://twitter.com/intent/tweet?url=x\">Post on X</a></div></div>";
    let found = page(&format!("{header}<p>{PROSE}</p>")).found_beside_article();
    assert_found(&found, Label::Social, "div", "Post on X");
    assert_not_found(&found, "Harbour Staff");

    // A heading the article kept titles a widget after its last running
    // text, not before it.
    let tweet = "<div><h3>Share</h3><div><a href=\"https://twitter.com/intent/tweet?url=x\">\
                 Post on X</a></div></div>";
    let after = page(&format!("<p>{PROSE}</p>{tweet}"));
    let found = after.found_in(after.cx_with_article_in(&["p", "h3"]));
    assert_found(&found, Label::Social, "h3", "Share");
    let before = page(&format!("{tweet}<p>{PROSE}</p>"));
    let found = before.found_in(before.cx_with_article_in(&["p", "h3"]));
    assert_found(&found, Label::Social, "div", "Post on X");
    assert!(found.iter().all(|(_, tag, _)| tag != "h3"), "{found:?}");

    for menu in [
        format!("<nav><h5>Popular Posts</h5><div><ul class=\"popular-posts\">{two}</ul></div></nav>"),
        format!(
            "<nav><div><h5>Popular Posts</h5><div><ul class=\"popular-posts\">{two}</ul></div></div></nav>"
        ),
    ] {
        let found = page(&format!("<p>{PROSE}</p>{menu}")).found_beside_article();
        assert_not_found(&found, "Popular Posts");
    }

    // A line the article kept after its last paragraph is no title, for
    // all it reads like one.
    let icons = "<div><a href=\"https://twitter.com/intent/tweet?url=x\"><img src=\"x.png\"></a>\
                 <a href=\"https://www.facebook.com/sharer/sharer.php?u=x\"><img src=\"f.png\"></a></div>";
    let signed = page(&format!(
        "<p>{PROSE}</p><div><p>Thanks for reading!</p>{icons}</div>"
    ));
    let found = signed.found_beside_article();
    assert_not_found(&found, "Thanks for reading");

    let thread = format!(
        "<div id=\"comments\"><h5>Popular Posts</h5>\
         <div><ul class=\"popular-posts\">{two}</ul></div></div>"
    );
    let found = page(&format!("<p>{PROSE}</p>{thread}")).found_beside_article();
    assert_not_found(&found, "Popular Posts");
}

/// A button's label ("Read more »", "[+] Read more") outside a heading's
/// tag heads no list, though "read more" heads one in a heading ("<h4>Read
/// More</h4>"), before a colon ("Read more:") or with more words ("Read
/// more from our reporters").
#[test]
fn a_button_s_label_is_no_link_farm_heading() {
    let heads = |html: &str| {
        page(&format!("<p>{PROSE}</p>{html}"))
            .seeds(wording::wording_seeds)
            .into_iter()
            .any(|(l, _)| l == Label::LinkFarm)
    };
    for button in [
        "<div>Read more »</div>",
        "<span>[+] Read more</span>",
        "<p>READ MORE</p>",
    ] {
        assert!(!heads(button), "{button}");
    }
    for heading in [
        "<h4>Read More</h4>",
        "<p>Read more:</p>",
        "<div>Read more from our reporters</div>",
    ] {
        assert!(heads(heading), "{heading}");
    }
}
