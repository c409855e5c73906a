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

/// A stretch of text summed up for its length once trimmed and once every
/// run of whitespace counts as one character, the length Readability.js
/// gives an element (`textContent.trim()` with runs collapsed). Runs that
/// cross text-node boundaries count once, so the length of an element is the
/// concatenation of its children's spans, not their sum.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Span {
    visible: u32,
    inner_runs: u32,
    /// Whitespace before the first visible character (or anywhere, if none).
    leading: bool,
    trailing: bool,
}

impl Span {
    pub fn of(text: &str) -> Span {
        let mut span = Span::default();
        let mut in_run = false;
        for c in text.chars() {
            if c.is_whitespace() {
                in_run = true;
            } else {
                if in_run {
                    if span.visible == 0 {
                        span.leading = true;
                    } else {
                        span.inner_runs += 1;
                    }
                }
                span.visible += 1;
                in_run = false;
            }
        }
        if in_run {
            if span.visible == 0 {
                span.leading = true;
            } else {
                span.trailing = true;
            }
        }
        span
    }

    /// `self` followed by `next`.
    pub fn then(self, next: Span) -> Span {
        if self.visible == 0 {
            return Span {
                leading: self.leading || next.leading,
                ..next
            };
        }
        if next.visible == 0 {
            return Span {
                trailing: self.trailing || next.leading,
                ..self
            };
        }
        Span {
            visible: self.visible + next.visible,
            inner_runs: self.inner_runs + next.inner_runs + (self.trailing || next.leading) as u32,
            leading: self.leading,
            trailing: next.trailing,
        }
    }

    pub fn len(&self) -> u32 {
        self.visible + self.inner_runs
    }
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

#[cfg(test)]
mod tests {
    use super::Span;

    fn joined(parts: &[&str]) -> u32 {
        parts
            .iter()
            .fold(Span::default(), |acc, p| acc.then(Span::of(p)))
            .len()
    }

    #[test]
    fn a_span_is_trimmed_and_counts_each_run_of_whitespace_once() {
        assert_eq!(Span::of("  a \n\t b  ").len(), 3);
        assert_eq!(Span::of(" \n ").len(), 0);
        assert_eq!(Span::of("").len(), 0);
    }

    #[test]
    fn runs_across_text_nodes_count_once() {
        assert_eq!(joined(&["a ", " b"]), 3);
        assert_eq!(joined(&["a", "\n  ", "", " ", "b"]), 3);
        assert_eq!(joined(&["a", "b"]), 2);
        assert_eq!(joined(&["\n", "a", "\n", "\n"]), 1);
        assert_eq!(joined(&[" ", " "]), 0);
    }
}
