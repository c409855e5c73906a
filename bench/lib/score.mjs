// The corpus scorer of src/eval.rs, ported to JavaScript so that every tool
// (Chaff, trafilatura, Readability.js) is scored by one implementation.
//
// - tokens: runs of word characters, where a word character is what Rust's
//   `char::is_alphanumeric` accepts (Unicode Alphabetic, or general category
//   Nd/Nl/No), '_', or one of the combining-mark ranges listed in eval.rs;
// - 4-token shingles as a multiset (a text of 1-3 tokens is one shingle);
// - per page: tp = sum of min counts, fp / fn the rest; precision and recall
//   with eval.rs's conventions for empty texts;
// - corpus: mean precision, mean recall, F1 of the two means.

const WORD =
  /[\p{Alphabetic}\p{Nd}\p{Nl}\p{No}_\u0300-\u036F\u0483-\u0489\u0591-\u05BD\u0610-\u061A\u064B-\u065F\u0900-\u0903\u093A-\u094F\u0E31\u0E34-\u0E3A\u200C\u200D]+/gu;

export function tokens(text) {
  return String(text ?? '').match(WORD) ?? [];
}

export function shingles(text) {
  const t = tokens(text);
  const out = new Map();
  if (t.length === 0) return out;
  const add = (k) => out.set(k, (out.get(k) ?? 0) + 1);
  if (t.length < 4) {
    add(t.join('\0'));
    return out;
  }
  for (let i = 0; i + 4 <= t.length; i++) add(t.slice(i, i + 4).join('\0'));
  return out;
}

const total = (m) => {
  let n = 0;
  for (const v of m.values()) n += v;
  return n;
};

export function score(predicted, expected) {
  const p = shingles(predicted);
  const e = shingles(expected);
  let tp = 0;
  for (const [k, n] of p) tp += Math.min(n, e.get(k) ?? 0);
  const fp = total(p) - tp;
  const fn = total(e) - tp;
  const ratio = (num, other) => (num + other === 0 ? 1 : num / (num + other));
  const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : ratio(tp, fp);
  const recall = tp + fn === 0 ? (fp === 0 ? 1 : 0) : ratio(tp, fn);
  return { precision, recall, tp, fp, fn };
}

export function f1(precision, recall) {
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

// Byte order of the UTF-8 names, as Rust's `str::cmp`.
const byteOrder = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/**
 * Corpus means of per-page rows ({page, precision, recall, f1}), summed in
 * the order `chaff eval` sums them (by F1, then name) so that the figures are
 * the same to the last bit, not only to rounding.
 */
export function means(rows) {
  const ordered = [...rows].sort((a, b) => a.f1 - b.f1 || byteOrder(a.page, b.page));
  const n = ordered.length;
  const precision = ordered.reduce((a, r) => a + r.precision, 0) / n;
  const recall = ordered.reduce((a, r) => a + r.recall, 0) / n;
  return { f1: f1(precision, recall), precision, recall, pages: n };
}

/** Corpus score: `pages` maps name -> { predicted, expected }; rows sorted by name. */
export function corpusScore(pages) {
  const rows = [];
  for (const [page, { predicted, expected }] of pages) {
    const s = score(predicted, expected);
    rows.push({ page, precision: s.precision, recall: s.recall, f1: f1(s.precision, s.recall), tp: s.tp, fp: s.fp, fn: s.fn });
  }
  rows.sort((a, b) => byteOrder(a.page, b.page));
  const m = means(rows);
  return { f1: m.f1, precision: m.precision, recall: m.recall, pages: rows };
}

/**
 * The same rows under the convention of ScrapingHub's evaluate.py (the
 * article-extraction-benchmark), which differs from src/eval.rs on empty
 * texts only: the precision mean leaves out pages with an empty prediction
 * (eval.rs counts them as precision 0) and the recall mean pages with an
 * empty expected text. For reference: the anchor figures in
 * ../shared/corpus/README.md follow this convention.
 */
export function scrapinghubMeans(rows) {
  const p = rows.filter((r) => r.tp + r.fp > 0);
  const r = rows.filter((x) => x.tp + x.fn > 0);
  const mean = (a, k) => (a.length ? a.reduce((s, x) => s + x[k], 0) / a.length : 0);
  const precision = mean(p, 'precision');
  const recall = mean(r, 'recall');
  return { f1: f1(precision, recall), precision, recall, pages: rows.length, emptyPredictions: rows.length - p.length };
}
