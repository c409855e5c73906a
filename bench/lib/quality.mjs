// Extraction quality of Chaff, trafilatura and Readability.js on the corpus,
// all scored by bench/lib/score.mjs (the port of src/eval.rs) against the
// same expected text: the text of each expected.html as `chaff eval` takes
// it (bench/lib/text.mjs blockText over <body>).
//
// Not ground-truth.json: its articleBody strings are mis-decoded for a good
// part of the corpus (UTF-8 read as Latin-1, e.g. "â\x80¦" for "…", all of
// the Chinese pages), which would score every tool near zero on those pages.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';
import { corpusScore } from './score.mjs';
import { blockText, decode } from './text.mjs';

const quiet = () => new VirtualConsole();

function dom(html, url = 'http://fakehost/test/page.html') {
  return new JSDOM(html, { url, virtualConsole: quiet() });
}

export function expectedTexts(corpus, names) {
  const out = new Map();
  for (const name of names) {
    const d = dom(decode(fs.readFileSync(path.join(corpus, name, 'expected.html'))));
    out.set(name, blockText(d.window.document.body));
    d.window.close();
  }
  return out;
}

/** Mis-decoded ground-truth.json entries (for the record). */
export function groundTruthProblems(corpus, expected) {
  const file = path.join(corpus, 'ground-truth.json');
  if (!fs.existsSync(file)) return null;
  const gt = JSON.parse(fs.readFileSync(file, 'utf8'));
  const bad = [];
  for (const [name, body] of Object.entries(gt)) {
    const t = body.articleBody ?? '';
    if (/[\u00c2-\u00f4][\u0080-\u00bf]/.test(t) && !/[\u00c2-\u00f4][\u0080-\u00bf]/.test(expected.get(name) ?? '')) bad.push(name);
  }
  return { pages: Object.keys(gt).length, misDecoded: bad.length, examples: bad.slice(0, 10) };
}

function readJsonl(file, corpus) {
  const out = new Map();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const o = JSON.parse(line);
    out.set(path.basename(path.dirname(o.file)), o.articleBody ?? '');
  }
  return out;
}

export function chaffTexts({ chaff, files, tmp }) {
  const file = path.join(tmp, 'chaff-extract.jsonl');
  const fd = fs.openSync(file, 'w');
  const r = spawnSync(chaff, ['extract', '--format', 'jsonl', ...files], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
  fs.closeSync(fd);
  if (r.status !== 0 && r.status !== 3) throw new Error(`chaff extract: exit ${r.status}: ${r.stderr}`);
  return readJsonl(file);
}

export function trafilaturaTexts({ python, script, listFile, tmp }) {
  const file = path.join(tmp, 'trafilatura-extract.jsonl');
  const r = spawnSync(python, [script, 'extract', listFile, file], { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`trafilatura extract: exit ${r.status}: ${r.stderr.slice(-2000)}`);
  return readJsonl(file);
}

/** Readability.js 0.6 in jsdom: textContent of the result, and its content's block text. */
export function readabilityTexts(corpus, names) {
  const textContent = new Map();
  const contentText = new Map();
  for (const name of names) {
    const d = dom(decode(fs.readFileSync(path.join(corpus, name, 'source.html'))));
    let article = null;
    try {
      article = new Readability(d.window.document).parse();
    } catch {
      article = null;
    }
    d.window.close();
    textContent.set(name, article?.textContent ?? '');
    if (article?.content) {
      const c = dom(`<!DOCTYPE html><html><body>${article.content}</body></html>`);
      contentText.set(name, blockText(c.window.document.body));
      c.window.close();
    } else contentText.set(name, '');
  }
  return { textContent, contentText };
}

export function chaffEval({ chaff, corpus }) {
  const r = spawnSync(chaff, ['eval', '--format', 'json', corpus], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`chaff eval: exit ${r.status}: ${r.stderr}`);
  const json = r.stdout.slice(0, r.stdout.lastIndexOf('\nF1='));
  const doc = JSON.parse(json);
  return { f1: doc.f1, precision: doc.precision, recall: doc.recall, pages: doc.pages.length, perPage: doc.pages };
}

export function scoreAll(expected, predictions) {
  const out = {};
  for (const [tool, texts] of Object.entries(predictions)) {
    const pages = new Map();
    for (const [name, e] of expected) pages.set(name, { predicted: texts.get(name) ?? '', expected: e });
    out[tool] = corpusScore(pages);
  }
  return out;
}
