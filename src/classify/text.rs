//! Text helpers shared by the filters. Lengths count characters after
//! collapsing whitespace runs, as `textContent` read by a person would.

pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

/// Characters of `text` once runs of whitespace count as one.
pub fn collapsed_len(text: &str) -> u32 {
    let mut len = 0;
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !space {
                len += 1;
            }
            space = true;
        } else {
            len += 1;
            space = false;
        }
    }
    len
}

pub fn is_whitespace_only(text: &str) -> bool {
    text.chars().all(char::is_whitespace)
}

/// Commas of the world's scripts, as Readability counts them.
pub fn is_comma(c: char) -> bool {
    matches!(
        c,
        ',' | '\u{060C}'
            | '\u{FE50}'
            | '\u{FE10}'
            | '\u{FE11}'
            | '\u{2E41}'
            | '\u{2E34}'
            | '\u{2E32}'
            | '\u{FF0C}'
    )
}

pub fn word_count(text: &str) -> usize {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .count()
}

/// Lower-cased words of `text`, split on anything that is not a letter or digit.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}
