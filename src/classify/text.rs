//! Text helpers shared by the filters. Lengths count characters after
//! collapsing whitespace runs, as `textContent` read by a person would.

/// Whether `needle` occurs in `haystack`, by a plain byte search:
/// `str::contains` would bring its substring searcher and, through it,
/// panicking slices with their messages into the .wasm.
pub fn has(haystack: &str, needle: &str) -> bool {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    n.is_empty() || h.windows(n.len()).any(|w| starts_with(w, n))
}

/// `h.starts_with(n)` a byte at a time: the needles are short and most
/// differ in their first bytes, where a call to `memcmp` costs more than
/// the comparison.
pub fn starts_with(h: &[u8], n: &[u8]) -> bool {
    h.len() >= n.len() && h.iter().zip(n).all(|(a, b)| a == b)
}

/// Whether `text` opens with `prefix` (ASCII), ignoring ASCII case: an
/// address's scheme ("mailto:", "https://").
pub fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    (text.as_bytes().get(..prefix.len())).is_some_and(|h| h.eq_ignore_ascii_case(prefix.as_bytes()))
}

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
    if text.is_ascii() {
        return ascii_collapsed_len(text.as_bytes());
    }
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

/// `collapsed_len` for ASCII, where a character is a byte: every byte
/// counts but a space after a space. Each pair is tested on its own, without
/// a branch, so the loop runs on vectors natively.
fn ascii_collapsed_len(bytes: &[u8]) -> u32 {
    // `is_ascii_space` (space, or \t to \r) spelt without a branch: calling
    // it cost 10 M more instructions over readability's 130 pages.
    let white = |b: u8| u8::from(b == b' ') | u8::from(b.wrapping_sub(9) < 5);
    let next = bytes.get(1..).unwrap_or_default();
    // Summed in bytes, 255 pairs at a time (they cannot overflow one).
    let doubled: u32 = (bytes.chunks(255).zip(next.chunks(255)))
        .map(|(a, b)| {
            let pairs = a.iter().zip(b).map(|(&a, &b)| white(a) & white(b));
            u32::from(pairs.sum::<u8>())
        })
        .sum();
    bytes.len() as u32 - doubled
}

/// How many bytes of `bytes` are `byte`, summed as `ascii_collapsed_len`
/// sums its pairs.
pub fn count_byte(bytes: &[u8], byte: u8) -> u32 {
    (bytes.chunks(255))
        .map(|c| u32::from(c.iter().fold(0u8, |n, &b| n + u8::from(b == byte))))
        .sum()
}

/// Serialized data shorter than this many bytes is left as text: only a
/// long blob can outweigh an article.
const DATA_MIN_BYTES: usize = 200;
/// Serialized data has fewer whitespace bytes than one in this many: JSON as
/// a script writes it, not an example laid out for a reader.
const DATA_MAX_SPACE_RATIO: usize = 50;

/// Whether `text` is a page script's serialized state (a JSON object or
/// array, unspaced) parked as text: pages hide it with a style, which the
/// classifier does not read, and read as text its thousands of commas would
/// outscore any article. (A code sample is not read this way: see
/// `Tallies`.)
pub fn is_serialized_data(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() < DATA_MIN_BYTES {
        return false;
    }
    let mut solid = bytes.iter().copied().filter(|&b| !is_ascii_space(b));
    let opens = matches!(
        (solid.next(), solid.next()),
        (Some(b'{'), Some(b'"')) | (Some(b'['), Some(b'{' | b'"' | b'['))
    );
    let closes = matches!(solid.next_back(), Some(b'}' | b']'));
    opens
        && closes
        && bytes.iter().filter(|&&b| is_ascii_space(b)).count() * DATA_MAX_SPACE_RATIO < bytes.len()
}

pub fn is_whitespace_only(text: &str) -> bool {
    match text.bytes().position(|b| !is_ascii_space(b)) {
        None => true,
        Some(i) if text.as_bytes()[i].is_ascii() => false,
        Some(i) => text
            .get(i..)
            .unwrap_or_default()
            .chars()
            .all(char::is_whitespace),
    }
}

/// `char::is_whitespace` for an ASCII byte.
pub fn is_ascii_space(b: u8) -> bool {
    b.is_ascii_whitespace() || b == 0x0B
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

/// `word_count` and the number of characters of `pieces` joined, counted
/// without joining them (the text nodes of a link, on every pass).
pub fn words_and_chars<'a>(pieces: impl Iterator<Item = &'a str>) -> (usize, usize) {
    let (mut words, mut chars, mut in_word) = (0, 0, false);
    for piece in pieces {
        for c in piece.chars() {
            chars += 1;
            let alphanumeric = c.is_alphanumeric();
            words += usize::from(alphanumeric && !in_word);
            in_word = alphanumeric;
        }
    }
    (words, chars)
}

/// Lower-cased words of `text`, split on anything that is not a letter or digit.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(lower)
}

/// `text` in lower case, a character at a time. `str::to_lowercase` also
/// spells a Greek word's last sigma as final (ς), which no cue needs, and
/// its context rules cost the Wasm build 1.9 KB gzipped.
pub fn lower(text: &str) -> String {
    text.chars().map(lower_char).collect()
}

/// A character in lower case, for the scripts the cues and names are
/// written in: Latin (with Latin-1 and Latin Extended-A), Greek, Cyrillic,
/// and full-width Latin. Other scripts stay as they are: no cue is written
/// in them, and core's full case table costs the Wasm build 5 KB gzipped.
/// "İ" lower-cases to a plain "i".
pub fn lower_char(c: char) -> char {
    let u = c as u32;
    let to = |v: u32| char::from_u32(v).unwrap_or(c);
    match u {
        0x41..=0x5A => to(u + 0x20),
        0..=0x7F => c,
        0xC0..=0xDE if u != 0xD7 => to(u + 0x20),
        0x130 => 'i',
        0x178 => 'ÿ',
        0x100..=0x137 | 0x14A..=0x177 if u % 2 == 0 => to(u + 1),
        0x139..=0x148 | 0x179..=0x17E if u % 2 == 1 => to(u + 1),
        0x386 => 'ά',
        0x388..=0x38A => to(u + 0x25),
        0x38C => 'ό',
        0x38E..=0x38F => to(u + 0x3F),
        0x391..=0x3A9 if u != 0x3A2 => to(u + 0x20),
        0x400..=0x40F => to(u + 0x50),
        0x410..=0x42F => to(u + 0x20),
        0x1E9E => 'ß',
        0x212A => 'k',
        0x212B => 'å',
        0xFF21..=0xFF3A => to(u + 0x20),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_is_the_standard_library_s_but_for_a_final_sigma() {
        for t in [
            "Abonnez-VOUS",
            "ÜBER UNS",
            "Ação È ŁÓDŹ",
            "Ωμέγα ΑΠΟ Ώρα",
            "ЖУРНАЛ Ёлка",
            "KELVIN \u{212A}",
        ] {
            assert_eq!(lower(t), t.to_lowercase(), "{t}");
        }
        assert_eq!(lower("ΟΔΟΣ"), "οδοσ");
        assert_eq!("ΟΔΟΣ".to_lowercase(), "οδος");
        assert_eq!(lower("İSTANBUL"), "istanbul");
    }

    /// Every character of the scripts `lower_char` covers lower-cases as
    /// core's table does (but "İ", which becomes a plain "i").
    #[test]
    fn lower_char_is_core_s_in_the_scripts_it_covers() {
        let covered = (0..0x180u32)
            .chain(0x386..0x3AA)
            .chain(0x400..0x430)
            .chain(0xFF21..0xFF3B)
            .chain([0x1E9E, 0x212A, 0x212B]);
        for u in covered.filter(|&u| u != 0x130) {
            let c = char::from_u32(u).expect("a character");
            let core: Vec<char> = c.to_lowercase().collect();
            assert_eq!(vec![lower_char(c)], core, "U+{u:04X}");
        }
    }

    #[test]
    fn words_and_chars_of_pieces_count_what_the_joined_text_holds() {
        let cases: [&[&str]; 5] = [
            &["Harbour ", "works begin"],
            &["Harb", "our", " works"],
            &["", " — ", "Ünïcode wörds, 3 of them "],
            &["a.b", "-c"],
            &[],
        ];
        for pieces in cases {
            let joined: String = pieces.concat();
            assert_eq!(
                words_and_chars(pieces.iter().copied()),
                (word_count(&joined), joined.chars().count()),
                "{pieces:?}"
            );
        }
    }

    /// The ASCII path must count exactly what the general one counts.
    #[test]
    fn ascii_collapsed_len_matches_the_general_count() {
        let general = |t: &str| {
            let (mut len, mut space) = (0, false);
            for c in t.chars() {
                let white = c.is_whitespace();
                len += u32::from(!(white && space));
                space = white;
            }
            len
        };
        for b in 0u8..128 {
            let t = format!(" a{}{}b \t\n", b as char, b as char);
            assert_eq!(collapsed_len(&t), general(&t), "byte {b:#04x}");
        }
        for t in ["", "  ", "a  b\u{0B}\u{0B}c", "\r\n\tx\u{0C}"] {
            assert_eq!(collapsed_len(t), general(t), "{t:?}");
        }
    }

    #[test]
    fn ascii_collapsed_lengths_hold_past_a_chunk() {
        for unit in [" ", "a ", " \t", "ab"] {
            for n in [0, 1, 127, 128, 254, 255, 256, 600] {
                let t = unit.repeat(n);
                let by_char = t
                    .chars()
                    .fold((0u32, false), |(len, space), c| {
                        let white = c.is_ascii_whitespace();
                        (len + u32::from(!(white && space)), white)
                    })
                    .0;
                assert_eq!(collapsed_len(&t), by_char, "{unit:?} x {n}");
            }
        }
    }

    #[test]
    fn byte_counts_hold_past_a_chunk() {
        for n in [0, 1, 254, 255, 256, 600] {
            let t = ",a".repeat(n);
            assert_eq!(count_byte(t.as_bytes(), b','), n as u32);
        }
    }

    #[test]
    fn serialized_data_is_long_unspaced_json_only() {
        let object = format!(
            "{{\"items\":[{}]}}",
            ["{\"id\":1,\"n\":\"x\"}"; 20].join(",")
        );
        let array = format!("[{}]", ["{\"id\":1,\"n\":\"x\"}"; 20].join(","));
        assert!(is_serialized_data(&object), "{object}");
        assert!(is_serialized_data(&format!("  {array}\n")), "{array}");
        let spaced = object.replace(',', ", ").replace(':', ": ");
        let prose = format!(
            "[{}]",
            "Note: the tide, which turns at noon, sets the ferry's hours. ".repeat(5)
        );
        let cut_short = format!("{object} (truncated");
        for t in [&object[..150], &spaced, &prose, &cut_short] {
            assert!(!is_serialized_data(t), "{t}");
        }
        assert!(!is_serialized_data(&format!(
            "{{\\displaystyle {}}}",
            "x".repeat(250)
        )));
    }

    #[test]
    fn whitespace_only_reads_ascii_and_other_spaces() {
        for (t, only) in [
            ("", true),
            (" \t\n\r\u{0B}\u{0C}", true),
            (" \u{A0}\u{2003} ", true),
            (" \u{A0}x", false),
            ("  x", false),
            ("\u{1C}", false),
            (" é", false),
        ] {
            assert_eq!(is_whitespace_only(t), only, "{t:?}");
            assert_eq!(is_whitespace_only(t), t.chars().all(char::is_whitespace));
        }
    }
}
