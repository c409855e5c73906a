// Turning what the user hands over (pasted text, a file's bytes) into HTML the
// playground can render, or into a clear refusal.
//
// Bytes are decoded the way the native CLI decodes files (src/adapter/
// charset.rs): a byte order mark wins; bytes that are valid UTF-8 with
// multi-byte sequences are UTF-8; then a <meta> charset in the first 1024
// bytes; then UTF-8 if valid, else windows-1252.

/** Largest page the playground takes, in bytes (files) or UTF-16 units (pastes). */
export const MAX_INPUT = 10 * 1024 * 1024;

/** A refusal with a short title and a sentence on what to do instead. */
export class InputError extends Error {
  constructor(title, detail) {
    super(`${title}. ${detail}`);
    this.name = 'InputError';
    this.title = title;
    this.detail = detail;
  }
}

export function formatBytes(n) {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

export function tooLarge(size, what) {
  return new InputError(
    `${what} is too large (${formatBytes(size)})`,
    `The playground takes pages up to ${formatBytes(MAX_INPUT)}. Save the page without inline images or media, or trim it, and try again.`,
  );
}

// Magic numbers of formats people are likely to drop by mistake.
const SIGNATURES = [
  [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (or an Office/EPUB file)'],
  [[0x1f, 0x8b], 'a gzip-compressed file'],
  [[0x28, 0xb5, 0x2f, 0xfd], 'a Zstandard-compressed file'],
  [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'a 7-Zip archive'],
  [[0x00, 0x61, 0x73, 0x6d], 'a WebAssembly module'],
  [[0x7f, 0x45, 0x4c, 0x46], 'an executable (ELF)'],
  [[0x4d, 0x5a], 'a Windows executable'],
  [[0x00, 0x00, 0x01, 0x00], 'an icon file'],
  [[0x4f, 0x67, 0x67, 0x53], 'an Ogg media file'],
  [[0x49, 0x44, 0x33], 'an MP3 audio file'],
  [[0x1a, 0x45, 0xdf, 0xa3], 'a WebM/Matroska video'],
  [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], 'an SQLite database'],
  [[0x77, 0x4f, 0x46, 0x32], 'a WOFF2 font'],
];

function startsWith(bytes, sig, at = 0) {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

const ascii = (s) => [...s].map((c) => c.charCodeAt(0));

/**
 * What a non-HTML file is ("a PNG image"), or null if it may be text. A NUL
 * byte near the start (outside UTF-16 text) marks any other binary file.
 */
export function sniffBinary(bytes) {
  for (const [sig, what] of SIGNATURES) {
    // "MZ" alone could start a text file; require a NUL soon after.
    if (startsWith(bytes, sig) && (sig[0] !== 0x4d || bytes.subarray(0, 256).includes(0))) return what;
  }
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'a WebP image';
  if (startsWith(bytes, ascii('RIFF'))) return 'a RIFF media file (WAV/AVI)';
  if (startsWith(bytes, ascii('ftyp'), 4)) return 'an MP4/HEIF media file';
  const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  if (!utf16 && bytes.subarray(0, 4096).includes(0)) return 'a binary file';
  return null;
}

function bomEncoding(bytes) {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
  return null;
}

function isAscii(bytes) {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return false;
  return true;
}

/** The encoding label a <meta> in the first 1024 bytes declares, if the browser knows it. */
function prescanMeta(bytes) {
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 1024)).toLowerCase();
  const re = /<meta\b([^>]*)/g;
  let m;
  while ((m = re.exec(head)) !== null) {
    const cs = /charset\s*=\s*["']?\s*([a-z0-9_:.+-]+)/.exec(m[1]);
    if (!cs) continue;
    let decoder;
    try {
      decoder = new TextDecoder(cs[1]);
    } catch {
      continue; // unknown label: keep looking
    }
    // A page that says UTF-16 in ASCII-compatible bytes is not UTF-16.
    return decoder.encoding.startsWith('utf-16') ? 'utf-8' : decoder.encoding;
  }
  return null;
}

/** `{ text, encoding }` for a page's bytes, or throws InputError. */
export function decodeHtml(buffer, name = 'This file') {
  const bytes = buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer);
  if (bytes.length > MAX_INPUT) throw tooLarge(bytes.length, name);
  const binary = sniffBinary(bytes);
  if (binary) {
    throw new InputError(
      `${name} is ${binary}, not an HTML page`,
      'Open a page saved from the browser (File → Save Page As…, “Webpage, HTML only”) or paste its source.',
    );
  }
  let encoding = bomEncoding(bytes);
  if (!encoding) {
    let validUtf8 = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      validUtf8 = false;
    }
    if (validUtf8 && !isAscii(bytes)) encoding = 'utf-8';
    else encoding = prescanMeta(bytes) ?? (validUtf8 ? 'utf-8' : 'windows-1252');
  }
  const text = new TextDecoder(encoding).decode(bytes);
  return { text, encoding };
}

/** Throws InputError unless `text` looks like an HTML page we can show. */
export function checkHtml(text, what = 'The input') {
  if (text.length > MAX_INPUT) throw tooLarge(text.length, what);
  if (text.trim() === '') {
    throw new InputError('Nothing to analyse', 'Paste the HTML source of a page, open a saved .html file or pick a sample.');
  }
  const head = text.slice(0, 1 << 16);
  if (head.includes('\0') || (head.match(/\uFFFD/g)?.length ?? 0) > 64) {
    throw new InputError(
      `${what} looks like binary data, not HTML`,
      'Open a page saved from the browser as HTML, or paste its source (view-source:, then copy).',
    );
  }
  if (!/<(?:!doctype|[a-z][a-z0-9-]*)[\s/>]/i.test(text)) {
    throw new InputError(
      `${what} has no HTML tags`,
      'The playground classifies the blocks of an HTML page. Paste the page’s source (view-source:, then copy), not its visible text.',
    );
  }
}

// --- srcdoc ------------------------------------------------------------------

/**
 * The policy of the preview frame: nothing is fetched, from anywhere. Images
 * and fonts embedded as data: URLs still show; inline styles apply.
 */
export const FRAME_CSP =
  "default-src 'none'; img-src data: blob:; style-src 'unsafe-inline'; font-src data:; media-src data: blob:; form-action 'none'";

export const CSP_MARKER = 'data-chaff-playground';
const CSP_META = `<meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}" ${CSP_MARKER}="csp">`;

/**
 * Attributes that make the browser connect somewhere before (or despite) CSP:
 * Chromium opens a connection for <link rel=preconnect>, for the navigation
 * of an <iframe>/<frame> even when the policy then blocks it, and for a link
 * as soon as the mouse goes down on it (before the click that the playground
 * cancels). The playground renders these attributes under another name
 * (RENAMED_PREFIX + name), so nothing starts, and walk.js gives the snapshot
 * the original names back, in their place in the attribute list: the
 * classifier sees the page as it is.
 */
export const RENAMED_PREFIX = 'data-chaff-was-';
const NEUTRALISE = {
  a: ['href', 'ping'],
  area: ['href', 'ping'],
  iframe: ['src', 'srcdoc'],
  frame: ['src'],
  link: ['href', 'imagesrcset'],
};
export const RENAMING_TAGS = Object.freeze(Object.keys(NEUTRALISE));
const TAG_START = /<(a|area|iframe|frame|link)(?=[\t\n\f\r />])/gi;
const isSpace = (c) => c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\f';

/**
 * `html` with the attributes above renamed in the start tags of those
 * elements. The tag is scanned the way the HTML tokenizer reads attributes
 * (quotes only count after "="), so a ">" inside a quoted value is no end.
 * Text that merely looks like such a tag inside <script>, <textarea> or a
 * comment is rewritten too: harmless for scripts (they are not walked) and
 * comments, a visible change only in the rare <textarea>/<title> case.
 */
export function neutralise(html) {
  let out = '';
  let last = 0;
  let m;
  TAG_START.lastIndex = 0;
  while ((m = TAG_START.exec(html)) !== null) {
    const names = NEUTRALISE[m[1].toLowerCase()];
    const end = scanAttributes(html, m.index + m[0].length, (attr, start) => {
      if (names.includes(attr)) {
        out += html.slice(last, start) + RENAMED_PREFIX;
        last = start;
      }
    });
    TAG_START.lastIndex = Math.max(TAG_START.lastIndex, end);
  }
  return last === 0 ? html : out + html.slice(last);
}

/**
 * Reads the attributes of a start tag from `i` (just after the tag name) as
 * the HTML tokenizer does: quotes only count right after "=", so a ">" in a
 * quoted value does not end the tag. Calls `onAttr(lowerCaseName, start)` for
 * each attribute with a value; returns the index of the closing ">" (or the
 * end of the text).
 */
function scanAttributes(html, i, onAttr = () => {}) {
  const n = html.length;
  for (;;) {
    while (i < n && (isSpace(html[i]) || html[i] === '/')) i++;
    if (i >= n || html[i] === '>') return i;
    const start = i++; // a leading "=" belongs to the name
    while (i < n && !isSpace(html[i]) && html[i] !== '/' && html[i] !== '>' && html[i] !== '=') i++;
    const attr = html.slice(start, i).toLowerCase();
    let j = i;
    while (j < n && isSpace(html[j])) j++;
    if (html[j] !== '=') continue; // no value: the next name starts at i
    j++;
    while (j < n && isSpace(html[j])) j++;
    if (html[j] === '"' || html[j] === "'") {
      const close = html.indexOf(html[j], j + 1);
      j = close < 0 ? n : close + 1;
    } else {
      while (j < n && !isSpace(html[j]) && html[j] !== '>') j++;
    }
    onAttr(attr, start);
    i = j;
  }
}

/** Index just after the first start tag `name` (quote-aware), or -1. */
function afterStartTag(html, name) {
  const m = new RegExp(`<${name}(?=[\\t\\n\\f\\r />])`, 'i').exec(html);
  if (!m) return -1;
  const end = scanAttributes(html, m.index + m[0].length);
  return end < html.length ? end + 1 : -1;
}

/**
 * The page's HTML, neutralised (see above), with the frame's CSP <meta> as
 * the first child of <head>
 * (or where the parser will put it there: right after <html> or the
 * doctype). The playground removes the element again before walking the DOM,
 * so the snapshot is the page's own; the policy stays in force.
 */
export function withFramePolicy(page) {
  const html = neutralise(page);
  let pos = afterStartTag(html, 'head');
  const body = html.search(/<body(?=[\t\n\f\r />])/i);
  if (pos < 0 || (body >= 0 && body < pos)) {
    pos = afterStartTag(html, 'html');
    if (pos < 0) {
      const m = /^\uFEFF?\s*(?:<!--[\s\S]*?-->\s*)*<!doctype[^>]*>/i.exec(html);
      pos = m ? m[0].length : 0;
    }
    // Before <head> the parser drops whitespace; after our <meta> it would
    // keep it as a text node in the head. Go past it, so the tree stays the page's.
    while (pos < html.length && /[\t\n\f\r ]/.test(html[pos])) pos++;
  }
  return html.slice(0, pos) + CSP_META + html.slice(pos);
}
