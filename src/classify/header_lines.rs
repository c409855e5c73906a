//! The lines under (or just over) a headline: the author line and the date
//! line, by their wording and markup in six languages. Readability finds one
//! byline by class names; sites write "Von Jonas Albrecht · 18. Juli 2024"
//! in a hashed-class `<div>`. These lines are never hidden either way; the
//! labels say what they are.

use super::blocks::Blocks;
use super::chrome::is_prose;
use super::text::has;
use super::tuning::Tuning;
use crate::label::{Block, Label};
use crate::snapshot::{NodeId, Snapshot};

/// Blocks looked at after the headline, up to the first paragraph of prose.
const AFTER_TITLE: usize = 8;
/// Blocks looked at before it, inside the headline's grandparent.
const BEFORE_TITLE: usize = 3;
/// A header line is at most this long.
const MAX_CHARS: u32 = 140;
/// An author line by wording has at most this many words.
const BYLINE_MAX_WORDS: usize = 10;
/// A date line has at most this many words.
const DATE_MAX_WORDS: usize = 10;

const BYLINE_OPENINGS: &[&str] = &[
    "by ",
    "by:",
    "author:",
    "words by",
    "story by",
    "written by",
    "text:",
    "von ",
    "text von",
    "par ",
    "por ",
    "texto:",
    "di ",
    "autor:",
    "auteur :",
    "auteur:",
];
const AUTHOR_NAMES: &[&str] = &["author", "byline", "autor", "auteur", "autore", "writer"];
const MONTHS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "januar",
    "februar",
    "märz",
    "mai",
    "juni",
    "juli",
    "oktober",
    "dezember",
    "janvier",
    "février",
    "mars",
    "avril",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "gennaio",
    "febbraio",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "settembre",
    "ottobre",
    "dicembre",
    "janeiro",
    "fevereiro",
    "março",
    "maio",
    "junho",
    "julho",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
];

/// Relabels header lines among `out` (sorted by node): only blocks labelled
/// content, other or dateline change; chrome and the title never do.
pub(super) fn relabel(
    s: &Snapshot,
    blocks: &Blocks,
    title: Option<NodeId>,
    tuning: &Tuning,
    out: &mut Vec<Block>,
) {
    let Some(title) = title else { return };
    let mut added = Vec::new();
    for b in region(s, blocks, title, tuning) {
        if blocks.chars[b as usize] > MAX_CHARS {
            continue;
        }
        let Ok(at) = out.binary_search_by_key(&b, |x| x.node) else {
            continue;
        };
        if !matches!(
            out[at].label,
            Label::Content | Label::Other | Label::Dateline
        ) {
            continue;
        }
        let times = time_elements(s, b);
        let own_text = text_outside(s, b, &times);
        let date = is_date(&own_text, !times.is_empty());
        let byline = match byline_evidence(s, b, &own_text) {
            Some(Evidence::Wording) => true,
            Some(Evidence::Markup) => !date,
            None => false,
        };
        if byline {
            out[at].label = Label::Byline;
            out[at].confidence = 0.75;
            out[at].reason = "author line under the headline".into();
            for &t in times.iter().filter(|&&t| t != b) {
                added.push(Block {
                    node: t,
                    label: Label::Dateline,
                    confidence: 0.7,
                    reason: "date beside the author".into(),
                });
            }
        } else if out[at].label != Label::Dateline && date {
            out[at].label = Label::Dateline;
            out[at].confidence = 0.7;
            out[at].reason = "date line under the headline".into();
        }
    }
    if !added.is_empty() {
        out.extend(added);
        super::sort_by_node(out, |b| b.node);
        out.dedup_by_key(|b| b.node);
    }
}

/// Text blocks near the headline: a few before it in its grandparent, and
/// those after it up to the first paragraph of prose (past a standfirst
/// that an author line follows).
fn region(s: &Snapshot, blocks: &Blocks, title: NodeId, tuning: &Tuning) -> Vec<NodeId> {
    let list = &blocks.list;
    let start = list.partition_point(|&b| b < title);
    let end = list.partition_point(|&b| b < s.node(title).end);
    let scope = s.ancestors(title).nth(1).unwrap_or(title);
    let before = list[..start]
        .iter()
        .rev()
        .take(BEFORE_TITLE)
        .copied()
        .filter(|&b| s.is_ancestor(scope, b));
    // A standfirst may come between the headline and an author line that
    // opens as one ("By Jane Doe").
    let standfirst = match list[end..] {
        [first, next, ..] => {
            is_prose(blocks, first, tuning)
                && blocks.chars[next as usize] <= MAX_CHARS
                && opens_as_author_line(&blocks.text[next as usize])
        }
        _ => false,
    };
    let after = list[end..]
        .iter()
        .copied()
        .skip(usize::from(standfirst))
        .take_while(|&b| !is_prose(blocks, b, tuning))
        .take(AFTER_TITLE);
    before.chain(after).collect()
}

fn time_elements(s: &Snapshot, b: NodeId) -> Vec<NodeId> {
    s.subtree(b)
        .filter(|&d| {
            let n = s.node(d);
            n.is_element() && (n.tag() == "time" || n.attr("datetime").is_some())
        })
        .collect()
}

/// The block's lower-cased text without the text of `skip` subtrees. A
/// block may hold a whole article below its own short line: once the text
/// has more words than a date or an author line, and a letter, the rest
/// could change no test made of it, and is left unread.
fn text_outside(s: &Snapshot, b: NodeId, skip: &[NodeId]) -> String {
    let inside = |d: NodeId| {
        skip.iter()
            .any(|&t| t != b && (t == d || s.is_ancestor(t, d)))
    };
    let (mut parts, mut words, mut letter) = (Vec::new(), 0, false);
    for d in s.subtree(b).filter(|&d| !inside(d)) {
        let Some(text) = s.node(d).text() else {
            continue;
        };
        parts.push(text);
        words += text.split_whitespace().count();
        letter = letter || text.chars().any(char::is_alphabetic);
        if letter && words > BYLINE_MAX_WORDS.max(DATE_MAX_WORDS) {
            break;
        }
    }
    super::text::collapse_whitespace(&super::text::lower(&parts.join(" ")))
        .trim()
        .to_string()
}

#[derive(Debug, PartialEq)]
enum Evidence {
    /// It opens as author lines do ("By", "Von", "Par", …).
    Wording,
    /// It, or an element just around or inside it, is marked as the author.
    Markup,
}

fn byline_evidence(s: &Snapshot, b: NodeId, text: &str) -> Option<Evidence> {
    if text.is_empty() || text.chars().all(|c| !c.is_alphabetic()) {
        return None;
    }
    if opens_as_author_line(text) {
        return Some(Evidence::Wording);
    }
    is_marked_as_author_line(s, b).then_some(Evidence::Markup)
}

/// Whether block `b`, an element just around it or one inside it is marked
/// as the author's: `<address>`, `rel=author`, an author class or itemprop.
pub(super) fn is_marked_as_author_line(s: &Snapshot, b: NodeId) -> bool {
    let marked = |id: NodeId| {
        let n = s.node(id);
        n.tag() == "address"
            || n.attr("rel") == Some("author")
            || n.attr("itemprop").is_some_and(|v| has(v, "author"))
            || n.class_or_id_contains(AUTHOR_NAMES)
    };
    std::iter::once(b)
        .chain(s.ancestors(b).take(2))
        .chain(s.subtree(b))
        .any(marked)
}

/// Whether a block of `chars` characters whose lower-cased, collapsed text
/// is `text` (`Blocks::text`) reads as a date or author line: a short line
/// that `is_date` accepts, or that opens as author lines do ("By Jane Doe"),
/// such as the article's date and byline beside a share bar.
pub(super) fn is_header_line(text: &str, chars: u32) -> bool {
    chars <= MAX_CHARS
        && ((text.bytes().any(|c| c.is_ascii_digit()) && is_date(text, false))
            || opens_as_author_line(text))
}

/// A few words that open as author lines do ("By Jane Doe", "Par …"), or
/// a date line that ends in one ("Posted on August 9, 2012 by Jane Doe").
fn opens_as_author_line(text: &str) -> bool {
    text.split_whitespace().count() <= BYLINE_MAX_WORDS
        && (BYLINE_OPENINGS.iter().any(|o| text.starts_with(o)) || dated_by_an_author(text))
}

/// Words an author's name after a closing "by" has at most ("by Jane van
/// der Berg").
const NAME_MAX_WORDS: usize = 4;

/// Whether `text` is a date, then "by" and a name ("2/26/2015 7:11 AM PST
/// by TMZ Staff"); "Same day shipping if ordered by 4PM" is none.
fn dated_by_an_author(text: &str) -> bool {
    // Bytes, not `str::rfind`: its substring searcher would grow the `.wasm`.
    let Some(at) = text.as_bytes().windows(4).rposition(|w| w == b" by ") else {
        return false;
    };
    let (date, name) = (
        text.get(..at).unwrap_or_default(),
        text.get(at + 4..).unwrap_or_default(),
    );
    let name_words = name.split_whitespace().count();
    (1..=NAME_MAX_WORDS).contains(&name_words)
        && name.chars().any(char::is_alphabetic)
        && is_date(date, false)
}

/// Mostly a date: a month name or a numeric date, with a year or a day, and
/// few other words ("Updated 3 October 2024", "20.03.2024 | 08:10").
fn is_date(text: &str, has_time_element: bool) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > DATE_MAX_WORDS {
        return false;
    }
    fn bare(w: &str) -> &str {
        w.trim_matches(|c: char| !c.is_alphanumeric())
    }
    let month = words.iter().any(|w| MONTHS.contains(&bare(w)));
    let number = words.iter().any(|w| {
        let w = bare(w);
        !w.is_empty() && w.bytes().all(|c| c.is_ascii_digit())
    });
    let numeric_date = words.iter().any(|w| is_numeric_date(w));
    (month && number) || numeric_date || (has_time_element && number)
}

/// Day, month and year in digits, in any order and with any of the usual
/// separators ("20.03.2024", "2024-03-20", "3/20/24"), alone or run into a
/// label or a time ("updated:20.03.2024", "2024-03-20t10:00"); not a phone
/// number, an address or a football formation ("4-3-3").
fn is_numeric_date(word: &str) -> bool {
    // Read the word's bytes as runs of digits between separators: a date is
    // three runs of one, two or four digits (at most one of four), four
    // digits in all, each pair split by '.', '/' or '-'.
    let (mut runs, mut years, mut digits, mut run) = (0, 0, 0, 0);
    let mut well_formed = true;
    for &c in word.as_bytes().iter().chain(b" ") {
        if c.is_ascii_digit() {
            run += 1;
            continue;
        }
        if run > 0 {
            runs += 1;
            digits += run;
            years += usize::from(run == 4);
            well_formed &= matches!(run, 1 | 2 | 4);
        }
        run = 0;
        if !matches!(c, b'.' | b'/' | b'-') {
            if well_formed && runs == 3 && years <= 1 && digits >= 4 {
                return true;
            }
            (runs, years, digits, well_formed) = (0, 0, 0, true);
        }
    }
    false
}

#[cfg(all(test, feature = "html"))]
mod tests {
    use super::*;

    #[test]
    fn dates_in_six_languages() {
        for d in [
            "updated 3 october 2024",
            "20.03.2024 | 08:10",
            "le 08/06/2024 à 23h05",
            "madrid, 14 de junio de 2024",
            "21 novembre 2024",
            "aktualisiert am 05.02.2024 – 19:12 uhr",
            "updated:20.03.2024",
            "2024-03-20t10:00",
        ] {
            assert!(is_date(d, false), "{d}");
        }
        for not in [
            "march of the penguins",
            "the 2024 election results are in",
            "10 things to do",
            "call 877-722-3303",
            "share https://forum.example.com/topic/188682-new-2500x-pc-case/",
            "lined up 4-3-3 again",
            "version 1.2.3",
        ] {
            assert!(!is_date(not, false), "{not}");
        }
    }

    #[test]
    fn a_header_line_is_a_short_date_or_author_line() {
        assert!(is_header_line("aug 9, 2012 4:20 pm", 19));
        assert!(is_header_line("by laura hazard owen", 20));
        let sentence = "by the time the storm reached the coast, thousands of homes had lost power";
        assert!(!is_header_line(sentence, sentence.len() as u32));
        let long = format!("updated 9 august 2012 {}", "x".repeat(130));
        assert!(is_date(&long, false) && !is_header_line(&long, long.len() as u32));
    }

    #[test]
    fn bylines_by_wording() {
        let s = crate::adapter::html::parse_str("<p>x</p>");
        for b in [
            "by hannah okwuosa",
            "von jonas albrecht",
            "par sophie garnier",
            "di chiara montanari",
            "by: liz thomas from: daily mail november 06, 2012 10:43am",
            "author: wil harris published: 24th may 2005",
            "posted on august 9, 2012 at 11:11am by madeleine m",
            "2/26/2015 7:11 am pst by tmz staff",
            "october 25th, 2012 by dan meyer",
        ] {
            assert_eq!(byline_evidence(&s, 0, b), Some(Evidence::Wording), "{b}");
        }
        for not in [
            "by the time the storm reached the coast, thousands of homes had lost power",
            "the minister said on tuesday",
            "same day shipping if ordered by 4pm eastern.",
            "bans in several states supported by wide margins",
            "sort by reaction score",
            "updated 9 august 2012 by the minute, with more to come soon",
        ] {
            assert_eq!(byline_evidence(&s, 0, not), None, "{not}");
        }
    }

    #[test]
    fn an_author_line_after_a_standfirst_is_one() {
        let label_of = |meta: &str| {
            let prose = "The council voted on Tuesday to rebuild the harbour wall, which storms have breached twice this winter, and work will start in the spring.";
            let s = crate::adapter::html::parse_str(&format!(
                "<html><head><title>Harbour wall to be rebuilt</title></head><body><article>\
                 <h1>Harbour wall to be rebuilt</h1><p class=\"standfirst\">{prose}</p>\
                 <div class=\"meta\">{meta}</div><p>{prose}</p><p>{prose}</p><p>{prose}</p>\
                 </article></body></html>"
            ));
            let c = crate::classify::classify(&s);
            let b = (c.blocks.iter())
                .find(|b| s.node(b.node).attr("class") == Some("meta"))
                .expect("the meta line is a block");
            b.label
        };
        assert_eq!(label_of("By Kate Ellery, Harbour Reporter"), Label::Byline);
        assert_eq!(
            label_of("By then the wall had fallen twice, and the council had run out of patience."),
            Label::Content,
            "a sentence that opens with \"By\" is the article's"
        );
    }
}
