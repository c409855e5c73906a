// A stand-in for the wasm-pack glue (target/wasm-pkg/chaff.js) with the same
// API, for end-to-end tests of the extension's mechanics that must not depend
// on how well the real classifier does: it labels elements by class and id
// keywords. It still instantiates a (trivial) Wasm module, so the page-CSP
// fallback to the background is exercised exactly as with the real core.
// lib/build.mjs writes the 8-byte module next to it as chaff_bg.wasm.
let ready = false;

export default async function init(opts) {
  let source = opts && opts.module_or_path;
  if (typeof source === 'string' || source instanceof URL) source = await fetch(source);
  const bytes = source instanceof Response ? await source.arrayBuffer() : source;
  await WebAssembly.instantiate(bytes);
  ready = true;
}

const RULES = [
  [/\bpaywall\b/, 'paywall'],
  [/\bapp-promo\b/, 'app-promo'],
  [/\brelated\b/, 'link-farm'],
  [/\bnewsletter\b/, 'newsletter'],
  [/\bshare\b/, 'social'],
  [/\bad\b/, 'ad'],
  [/\bcookie-banner\b/, 'consent'],
  [/\bcomments\b/, 'comments'],
  [/\bexplode\b/, 'explode'],
];

export function classify_wire(structure, strings) {
  return { blocks: labels(structure, strings), reading: FAKE_READING };
}

/** What the fake hands back as the page's reading; added passes must hand it back. */
const FAKE_READING = '0https://fake.example/page';

function labels(structure, strings) {
  if (!ready) throw new Error('classify_wire called before init');
  if (structure.length % 2 !== 0) throw new Error('malformed snapshot: structure length is odd');
  const fields = strings.split('\0');
  const n = structure.length / 2;
  const inside = new Uint8Array(n);
  const out = [];
  let f = 0;
  for (let i = 0; i < n; i++) {
    const parent = structure[2 * i];
    const count = structure[2 * i + 1];
    const tag = fields[f++];
    if (tag === '#text') {
      f++;
      continue;
    }
    const attrs = {};
    for (let k = 1; k < count; k += 2) attrs[fields[f++]] = fields[f++];
    if (parent !== 0xffffffff && inside[parent]) {
      inside[i] = 1;
      continue;
    }
    const key = `${attrs.class || ''} ${attrs.id || ''}`.toLowerCase();
    for (const [re, label] of RULES) {
      if (!re.test(key)) continue;
      if (label === 'explode') throw new Error('fake classifier asked to fail');
      out.push({ node: i, label, confidence: 0.9, reason: `class or id matches ${re.source}` });
      inside[i] = 1;
      break;
    }
    if (!inside[i] && tag === 'h1') out.push({ node: i, label: 'title', confidence: 0.8, reason: 'h1' });
  }
  return out;
}

/** The stand-in for content added after load: the same rules. */
export function classify_added_wire(structure, strings, roots, reading) {
  if (!(roots instanceof Uint32Array)) throw new Error('roots must be a Uint32Array');
  // The page's reading, or none after a navigation.
  if (reading !== FAKE_READING && reading !== '') throw new Error(`added content classified without the page's reading: ${reading}`);
  return labels(structure, strings);
}
