//! Per-page limits for bulk work (`page::Limits`): a page over any of them is
//! refused with a clear error, quickly, never a hang.

use std::time::{Duration, Instant};

use chaff::page::{Limits, Page, PageError, MAX_BYTES};

fn paragraphs(n: usize) -> String {
    let mut page = String::from("<html><body><article>");
    for _ in 0..n {
        page.push_str("<p>One of very many generated paragraphs, long enough to be prose, with commas, words and a full stop.</p>");
    }
    page.push_str("</article></body></html>");
    page
}

#[test]
fn default_limits_are_those_of_from_bytes() {
    let page = paragraphs(50);
    let within =
        Page::from_bytes_within(page.as_bytes(), &Limits::default(), Instant::now()).unwrap();
    let plain = Page::from_bytes(page.as_bytes()).unwrap();
    assert_eq!(within.extract().article_body, plain.extract().article_body);
    assert_eq!(Limits::default().max_bytes, MAX_BYTES);
}

#[test]
fn a_page_over_max_bytes_is_refused_before_parsing() {
    let page = paragraphs(2_000);
    let limits = Limits {
        max_bytes: 10_000,
        ..Limits::default()
    };
    let started = Instant::now();
    let err = Page::from_bytes_within(page.as_bytes(), &limits, Instant::now())
        .err()
        .unwrap();
    assert!(started.elapsed() < Duration::from_millis(50));
    assert!(matches!(err, PageError::TooLarge(n, 10_000) if n == page.len()));
    assert_eq!(
        err.to_string(),
        format!(
            "page of {} bytes is over the limit of 10000 bytes",
            page.len()
        )
    );
    let err = Page::from_str_within(&page, &limits, Instant::now())
        .err()
        .unwrap();
    assert!(matches!(err, PageError::TooLarge(..)));
}

#[test]
fn a_page_over_max_nodes_is_refused_before_classifying() {
    let page = paragraphs(2_000);
    let limits = Limits {
        max_nodes: 1_000,
        ..Limits::default()
    };
    let err = Page::from_bytes_within(page.as_bytes(), &limits, Instant::now())
        .err()
        .unwrap();
    assert!(
        matches!(err, PageError::TooManyNodes(n, 1_000) if n > 4_000),
        "{err}"
    );
}

#[test]
fn a_page_past_its_time_is_refused_at_the_next_stage() {
    // 100 000 paragraphs: about 10 MB and 200k nodes, some hundreds of ms.
    let page = paragraphs(100_000);
    let limits = Limits {
        max_time: Some(Duration::from_millis(1)),
        ..Limits::default()
    };
    let err = Page::from_bytes_within(page.as_bytes(), &limits, Instant::now())
        .err()
        .unwrap();
    assert!(matches!(err, PageError::OutOfTime(_, "parsing")), "{err}");
    assert!(err.to_string().contains("time limit of 0.001 s"), "{err}");
    // A start long ago: out of time whatever the page.
    let small = paragraphs(3);
    let limits = Limits {
        max_time: Some(Duration::from_secs(1)),
        ..Limits::default()
    };
    let long_ago = Instant::now() - Duration::from_secs(2);
    assert!(Page::from_bytes_within(small.as_bytes(), &limits, long_ago).is_err());
    assert!(limits.check_time(Instant::now(), "extracting").is_ok());
}
