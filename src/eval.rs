//! Extraction scoring as the field does it: `\w+` tokens, 4-token shingles,
//! multiset true/false positives per page, corpus means of precision and
//! recall, F1 of the means.

use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Score {
    pub precision: f64,
    pub recall: f64,
}

impl Score {
    pub fn f1(&self) -> f64 {
        f1(self.precision, self.recall)
    }
}

pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

/// Runs of word characters (letters, digits, marks, connector punctuation).
pub fn tokens(text: &str) -> Vec<String> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_' || is_mark(c);
    text.split(|c: char| !is_word(c))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0E31 | 0x0E34..=0x0E3A | 0x200C..=0x200D)
}

pub fn shingles(text: &str) -> HashMap<Vec<String>, u32> {
    let tokens = tokens(text);
    let mut out = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    if tokens.len() < 4 {
        *out.entry(tokens).or_default() += 1;
        return out;
    }
    for w in tokens.windows(4) {
        *out.entry(w.to_vec()).or_default() += 1;
    }
    out
}

pub fn score(predicted: &str, expected: &str) -> Score {
    let p = shingles(predicted);
    let e = shingles(expected);
    let tp: u32 = p
        .iter()
        .map(|(k, &n)| n.min(e.get(k).copied().unwrap_or(0)))
        .sum();
    let fp = p.values().sum::<u32>() - tp;
    let fn_ = e.values().sum::<u32>() - tp;
    let ratio = |num: u32, other: u32| {
        if num + other == 0 {
            1.0
        } else {
            num as f64 / (num + other) as f64
        }
    };
    let precision = if tp + fp == 0 {
        if fn_ == 0 {
            1.0
        } else {
            0.0
        }
    } else {
        ratio(tp, fp)
    };
    let recall = if tp + fn_ == 0 {
        if fp == 0 {
            1.0
        } else {
            0.0
        }
    } else {
        ratio(tp, fn_)
    };
    Score { precision, recall }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identical_texts_score_one() {
        let s = score("one two three four five", "one two three four five");
        assert_eq!((s.precision, s.recall), (1.0, 1.0));
    }

    #[test]
    fn half_the_text_halves_recall() {
        let truth = "a b c d e f g h";
        let s = score("a b c d", truth);
        assert_eq!(s.precision, 1.0);
        assert!((s.recall - 0.2).abs() < 1e-9, "{}", s.recall);
        let s = score("x y z w", "p q r s");
        assert_eq!((s.precision, s.recall), (0.0, 0.0));
    }
}
