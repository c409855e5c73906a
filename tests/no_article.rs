//! Pages whose purpose is not an article must not be hidden wholesale: a
//! sitemap or a results page is its link lists, a login page is its form.

use chaff::adapter::html::parse_str;
use chaff::classify::classify;
use chaff::snapshot::NodeId;

/// Share of the body's text that the extension would hide.
fn hidden_share(html: &str) -> f64 {
    let s = parse_str(html);
    let c = classify(&s);
    let text = |id: NodeId| {
        s.subtree(id)
            .filter_map(|d| s.node(d).text())
            .map(|t| t.trim().len())
            .sum::<usize>()
    };
    let body = text(s.find_tag("body").expect("body")).max(1);
    let hidden: usize = c
        .blocks
        .iter()
        .filter(|b| b.label.hidden_by_default())
        .map(|b| text(b.node))
        .sum();
    hidden as f64 / body as f64
}

fn page(body: &str) -> String {
    format!("<!DOCTYPE html><html><head><title>Example</title></head><body>{body}</body></html>")
}

#[test]
fn a_sitemap_stays() {
    let mut body = String::from("<header><a href='/'>Example News</a></header><h1>Sitemap</h1>");
    for section in ["World", "Business", "Technology", "Science", "Culture"] {
        body.push_str(&format!("<section><h2>{section}</h2><ul>"));
        for i in 0..12 {
            body.push_str(&format!("<li><a href='/{section}/{i}'>{section} story number {i} about the events of the week</a></li>"));
        }
        body.push_str("</ul></section>");
    }
    let share = hidden_share(&page(&body));
    assert!(
        share < 0.2,
        "a sitemap lost {:.0}% of its text",
        share * 100.0
    );
}

#[test]
fn search_results_stay() {
    let mut body = String::from("<form><input type=search name=q value='river flooding'></form><h1>Results for river flooding</h1><ol>");
    for i in 0..20 {
        body.push_str(&format!(
            "<li><h3><a href='/news/{i}'>River flooding forces evacuations in town number {i}</a></h3><p>Residents were moved overnight as water rose.</p></li>"
        ));
    }
    body.push_str("</ol>");
    let share = hidden_share(&page(&body));
    assert!(
        share < 0.2,
        "a results page lost {:.0}% of its text",
        share * 100.0
    );
}

#[test]
fn a_login_page_is_left_alone() {
    let body = "<main><h1>Sign in</h1><form><label>Email <input type=email name=email></label>\
        <label>Password <input type=password name=password></label><button>Sign in</button></form>\
        <p>Already have an account? Log in. New here? Sign up to read every article, subscribe to our newsletter.</p>\
        <a href='https://apps.apple.com/app/id1'>Download the app</a></main>";
    assert_eq!(hidden_share(&page(body)), 0.0);
}

#[test]
fn a_web_app_shell_is_left_alone() {
    let body = "<div id=app><nav><a href='/inbox'>Inbox</a><a href='/sent'>Sent</a><a href='/drafts'>Drafts</a></nav>\
        <div class=toolbar><button>Compose</button><input type=search placeholder='Search mail'></div>\
        <ul class=threads><li><a href='/t/1'>Lunch on Friday?</a></li><li><a href='/t/2'>Invoice 2024-113</a></li>\
        <li><a href='/t/3'>Your parcel is on its way</a></li><li><a href='/t/4'>Minutes of the team meeting</a></li></ul></div>";
    let share = hidden_share(&page(body));
    assert!(
        share < 0.2,
        "a web app lost {:.0}% of its text",
        share * 100.0
    );
}

/// Content added after load is judged on its own wording and shape: an
/// injected app banner or paywall box is chrome even though it is all there
/// is of its part, and an added paragraph of prose is not.
#[test]
fn added_content_is_classified_without_the_rest_of_the_page() {
    use chaff::label::Label;
    // The snapshot a browser sends: the ancestor chain, then the added subtree.
    let added = |html: &str| {
        let s = parse_str(&format!(
            "<html><body><main><div class=body>{html}</div></main></body></html>"
        ));
        let root = s.find_tag("div").expect("the added root") + 1;
        let blocks = chaff::classify::classify_added(&s, &[root], &Default::default());
        assert!(
            blocks.iter().all(|b| b.node >= root),
            "a label outside the added content"
        );
        blocks.into_iter().map(|b| b.label).collect::<Vec<_>>()
    };
    let banner = "<div class=x1><img src=/logo.png><p>Read it in the app</p>\
        <a href='https://apps.apple.com/app/id1'><img alt='Download on the App Store' src=/badge.svg></a></div>";
    assert_eq!(added(banner), vec![Label::AppPromo]);
    let paywall = "<div><h3>Subscribe to continue reading</h3><p>You have 0 free articles left this month.</p>\
        <a href='/subscribe'>Subscribe</a> <a href='/login'>Already a subscriber? Sign in</a></div>";
    assert_eq!(added(paywall), vec![Label::Paywall]);
    let prose = "<p>The council met again on Thursday evening, and after a long debate about the budget, \
        the members agreed to postpone the vote on the new cycle lanes until the spring, when more data is in.</p>";
    assert!(added(prose).is_empty());
}

/// A listing of `cards` product cards in a grid inside `<main>`, the body's
/// class `body_class`; `outside` after `<main>`.
fn listing(cards: usize, body_class: &str, outside: &str) -> String {
    let cards: String = (0..cards)
        .map(|i| {
            format!(
                "<div class=card><a href='/p/{i}'><img src='/i{i}.jpg'>Trail running shoe model {i} in grey and blue</a>\
                 <span>$12{i}</span></div>"
            )
        })
        .collect();
    format!(
        "<html><head><meta property='og:type' content='website'>\
         <link rel=canonical href='https://shop.example/shoes/'></head>\
         <body class='{body_class}'><nav><a href=/>Home</a></nav><main><h1>Running shoes</h1>\
         <p>Our range of shoes for road and trail.</p><div class=grid>{cards}</div></main>{outside}\
         <footer>Shop example</footer></body></html>"
    )
}

/// The element whose class is `class`.
fn by_class(s: &chaff::snapshot::Snapshot, class: &str) -> NodeId {
    (0..s.len() as NodeId)
        .find(|&i| s.node(i).attr("class") == Some(class))
        .expect(class)
}

/// A listing whose grid of products is drawn after load (a script, a "Load
/// more") keeps it, as the first pass over the whole page keeps the grid it
/// saw: the added-content pass is handed the page's reading.
#[test]
fn a_listing_keeps_the_cards_it_draws_after_load() {
    // A theme's body class ("has-sidebar") says nothing of the content.
    let s = parse_str(&listing(16, "has-sidebar", ""));
    let c = classify(&s);
    assert!(
        c.blocks.iter().all(|b| !b.label.hidden_by_default()),
        "{:?}",
        c.blocks
    );
    let grid = by_class(&s, "grid");
    let later = chaff::classify::classify_added(&s, &[grid], &c.reading);
    assert!(
        later.iter().all(|b| !b.label.hidden_by_default()),
        "{later:?}"
    );
    // Without the page's reading, the same grid reads as a link farm.
    let alone = chaff::classify::classify_added(&s, &[grid], &Default::default());
    assert!(
        alone.iter().any(|b| b.label.hidden_by_default()),
        "{alone:?}"
    );
    // A shell, classified before its app drew anything, reads as nothing yet.
    let shell = parse_str(
        "<html><head><meta property='og:type' content='website'></head>\
         <body><div id=app><nav><a href=/>Home</a></nav><main><div class=grid></div></main></div></body></html>",
    );
    assert_eq!(classify(&shell).reading.own_lists, None);
}

/// A grid drawn later outside the listing's `<main>` (a "Recently viewed"
/// rail under it) is not the listing's, as it would not be in a first pass.
#[test]
fn a_listing_s_late_grid_outside_its_main_is_judged_alone() {
    let rail: String = (0..6)
        .map(|i| {
            format!("<li><a href='/p/{i}'>Recently viewed trail shoe number {i} in grey</a></li>")
        })
        .collect();
    let s = parse_str(&listing(16, "", &format!("<ul class=rail>{rail}</ul>")));
    let reading = classify(&s).reading;
    assert!(
        reading.in_main && reading.own_lists.is_some(),
        "{reading:?}"
    );
    let later = chaff::classify::classify_added(&s, &[by_class(&s, "rail")], &reading);
    assert!(
        later.iter().any(|b| b.label.hidden_by_default()),
        "{later:?}"
    );
}

/// An article page keeps no list of cards, drawn early or late.
#[test]
fn an_article_page_s_late_lists_of_stories_stay_chrome() {
    let prose = "<p>The council met again on Thursday evening, and after a long debate about the budget, \
        the members agreed to postpone the vote on the new cycle lanes until the spring, when more data is in.</p>";
    let cards: String = (0..6)
        .map(|i| format!("<li><a href='/news/{i}'>Another long headline about story number {i} today</a></li>"))
        .collect();
    let html = format!(
        "<html><head><link rel=canonical href='https://news.example/2024/05/council.html'></head>\
         <body><article><h1>Council delays vote</h1>{}</article><div class=more><ul>{cards}</ul></div></body></html>",
        prose.repeat(5)
    );
    let s = parse_str(&html);
    let c = classify(&s);
    assert_eq!(c.reading.own_lists, None);
    let list = s.find_tag("ul").expect("the list");
    let later = chaff::classify::classify_added(&s, &[list], &c.reading);
    assert!(
        later.iter().any(|b| b.label.hidden_by_default()),
        "{later:?}"
    );
}
