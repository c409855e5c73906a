// Readability.js 0.6 in jsdom, one page at a time, for bench/lib/quality.mjs.
// Forked with an IPC channel: receives {key, file} messages, answers
// {key, textContent, contentText, ms} (or {key, error}) per page.
//
// textContent: the article's textContent, as the field scores Readability.js;
// contentText: its `content` rendered to block text (one line per block, as
// `chaff eval` renders expected.html), since textContent runs blocks together.
import fs from 'node:fs';
import zlib from 'node:zlib';
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';
import { blockText, decode } from './text.mjs';

const URL = 'http://fakehost/test/page.html';
const dom = (html) => new JSDOM(html, { url: URL, virtualConsole: new VirtualConsole() });

/** Page bytes, gunzipped when they start with gzip's magic (as src/bin/chaff/batch.rs does). */
export function readPage(file) {
  const bytes = fs.readFileSync(file);
  return bytes[0] === 0x1f && bytes[1] === 0x8b ? zlib.gunzipSync(bytes) : bytes;
}

export function readabilityOf(bytes) {
  const d = dom(decode(bytes));
  let article = null;
  try {
    article = new Readability(d.window.document).parse();
  } catch {
    article = null;
  }
  d.window.close();
  let contentText = '';
  if (article?.content) {
    const c = dom(`<!DOCTYPE html><html><body>${article.content}</body></html>`);
    contentText = blockText(c.window.document.body);
    c.window.close();
  }
  return { textContent: article?.textContent ?? '', contentText };
}

if (process.send) {
  process.on('message', (job) => {
    const t = performance.now();
    try {
      const out = readabilityOf(readPage(job.file));
      process.send({ key: job.key, ...out, ms: performance.now() - t });
    } catch (e) {
      process.send({ key: job.key, error: String(e?.message ?? e), ms: performance.now() - t });
    }
  });
}
