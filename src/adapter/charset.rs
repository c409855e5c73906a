//! Decodes page bytes the way a browser would without HTTP headers: a byte
//! order mark wins, then a `<meta>` declaration in the first 1024 bytes, then
//! UTF-8 if the bytes are valid UTF-8, else windows-1252. One exception: bytes
//! that are valid UTF-8 *and* hold multi-byte sequences are UTF-8 whatever the
//! page declares; legacy encodings almost never produce that by chance, while
//! saved pages are often re-encoded with their old declaration left in.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

pub fn decode(bytes: &[u8]) -> (String, &'static Encoding) {
    let encoding = sniff(bytes);
    let (text, used, _) = encoding.decode(bytes);
    (text.into_owned(), used)
}

pub fn sniff(bytes: &[u8]) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return encoding;
    }
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    if valid_utf8 && !bytes.is_ascii() {
        return UTF_8;
    }
    if let Some(encoding) = prescan_meta(&bytes[..bytes.len().min(1024)]) {
        return encoding;
    }
    if valid_utf8 {
        UTF_8
    } else {
        WINDOWS_1252
    }
}

fn prescan_meta(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta") {
        let start = from + at + 5;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(label) = charset_in(tag) {
            if let Some(encoding) = Encoding::for_label(label) {
                // A page that says UTF-16 in ASCII-compatible bytes is not UTF-16.
                return Some(if encoding.is_single_byte() || encoding == UTF_8 {
                    encoding
                } else if encoding.name().starts_with("UTF-16") {
                    UTF_8
                } else {
                    encoding
                });
            }
        }
        from = end;
    }
    None
}

/// The value after `charset=` in a meta tag's attributes, whether it is the
/// `charset` attribute or inside `content="text/html; charset=..."`.
fn charset_in(tag: &[u8]) -> Option<&[u8]> {
    let at = find(tag, b"charset")?;
    let mut rest = &tag[at + 7..];
    rest = rest.trim_ascii_start();
    rest = rest.strip_prefix(b"=")?.trim_ascii_start();
    rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let len = rest
        .iter()
        .position(|&b| {
            matches!(b, b'"' | b'\'' | b';' | b'/' | b' ' | b'>') || b.is_ascii_whitespace()
        })
        .unwrap_or(rest.len());
    (len > 0).then(|| &rest[..len])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_wins() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "<p>é</p>".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let (text, encoding) = decode(&bytes);
        assert_eq!(encoding.name(), "UTF-16LE");
        assert_eq!(text, "<p>é</p>");
    }

    #[test]
    fn meta_charset_and_http_equiv() {
        assert_eq!(
            sniff(b"<meta charset='iso-8859-2'><p>\xB1</p>").name(),
            "ISO-8859-2"
        );
        let page = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">";
        assert_eq!(sniff(page).name(), "Shift_JIS");
        assert_eq!(sniff(b"<meta charset=\"utf-16\">").name(), "UTF-8");
        let resaved = "<meta charset=gb2312><p>谷歌</p>".as_bytes();
        assert_eq!(sniff(resaved).name(), "UTF-8");
    }

    #[test]
    fn undeclared_falls_back_on_validity() {
        assert_eq!(sniff("<p>café</p>".as_bytes()).name(), "UTF-8");
        assert_eq!(sniff(b"<p>caf\xE9</p>").name(), "windows-1252");
    }
}
