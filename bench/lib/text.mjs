// Page decoding and "text of an HTML document" as the Rust side does them,
// so that the expected text and every tool's input are the same for all
// tools.
//
// decode(): src/adapter/charset.rs — a BOM wins; bytes that are valid UTF-8
//   are UTF-8 (whatever a <meta> says: saved pages are often re-encoded with
//   their old declaration left in); else a <meta> charset in the first 1024
//   bytes; else windows-1252.
// blockText(): src/output/text.rs over the snapshot of <body> — text of
//   element and text nodes in document order, contents of script, style,
//   noscript, template and iframe left out, a line break at <br> and at the
//   start and end of every element that is not inline (the phrasing tags of
//   src/classify/article.rs plus a, u, s, font, del, ins, strike, big, tt,
//   nobr), whitespace collapsed inside lines.

const OPAQUE = new Set(['script', 'style', 'noscript', 'template', 'iframe']);
const INLINE = new Set([
  'abbr', 'audio', 'b', 'bdo', 'br', 'button', 'cite', 'code', 'data', 'datalist', 'dfn', 'em', 'embed',
  'i', 'img', 'input', 'kbd', 'label', 'mark', 'math', 'meter', 'noscript', 'object', 'output',
  'progress', 'q', 'ruby', 'samp', 'script', 'select', 'small', 'span', 'strong', 'sub', 'sup',
  'textarea', 'time', 'var', 'wbr',
  'a', 'u', 's', 'font', 'del', 'ins', 'strike', 'big', 'tt', 'nobr',
]);

function validUtf8(bytes) {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function metaCharset(bytes) {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1').toLowerCase();
  let from = 0;
  for (;;) {
    const at = head.indexOf('<meta', from);
    if (at < 0) return null;
    const start = at + 5;
    let end = head.indexOf('>', start);
    if (end < 0) end = head.length;
    const tag = head.slice(start, end);
    const m = tag.match(/charset\s*=\s*["']?([^"';\/\s>]+)/);
    if (m) {
      try {
        const label = new TextDecoder(m[1]).encoding;
        return label.startsWith('utf-16') ? 'utf-8' : label;
      } catch {
        // Unknown label: keep looking, as charset.rs does.
      }
    }
    from = end;
  }
}

/** Encoding label for `bytes`, as src/adapter/charset.rs sniffs it. */
export function sniff(bytes) {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const valid = validUtf8(bytes);
  if (valid && bytes.some((b) => b >= 0x80)) return 'utf-8';
  return metaCharset(bytes) ?? (valid ? 'utf-8' : 'windows-1252');
}

export function decode(bytes) {
  return new TextDecoder(sniff(bytes)).decode(bytes); // drops a BOM
}

/** Block-aware text of `root` (a DOM node), one block per line. */
export function blockText(root) {
  const lines = [];
  let line = '';
  const flush = () => {
    const t = line.replace(/\s+/gu, ' ').trim();
    if (t) lines.push(t);
    line = '';
  };
  const visit = (node) => {
    // Explicit stack: pages can nest deeply.
    const stack = [[node, false]];
    while (stack.length) {
      const [n, leaving] = stack.pop();
      if (n.nodeType === 3) {
        line += n.data;
        continue;
      }
      if (n.nodeType !== 1) continue;
      const tag = n.localName.toLowerCase();
      if (leaving) {
        if (!INLINE.has(tag)) flush();
        continue;
      }
      if (tag === 'br' || !INLINE.has(tag)) flush();
      stack.push([n, true]);
      if (OPAQUE.has(tag)) continue;
      const kids = n.childNodes;
      for (let i = kids.length - 1; i >= 0; i--) stack.push([kids[i], false]);
    }
  };
  visit(root);
  flush();
  return lines.join('\n');
}
