#!/usr/bin/env node
// Assembles the Chaff playground into dist/www/.
//
//   node www/build.mjs [--out DIR] [--wasm-dir DIR]
//
// Inputs:  www/ (index.html, *.js, *.css, *.svg: the page itself),
//          target/wasm-pkg-www/{chaff.js, chaff_bg.wasm} (`make wasm-www`: the
//          extension's core with the playground's analyze_wire export),
//          extension/src/{snapshot.js, labels.js} (the DOM walker and the
//          label lists, shared with the extension so the two never drift),
//          tests/fixtures/{seed,labelled}/*.html (the bundled samples).
// Output:  DIR (default dist/www/), servable by any static server; see
//          www/serve.mjs for the one the tests and `make` use.
//
// Node built-ins only. The output folder is wiped first, so a stale file can
// never be served.

import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

import { policyModule } from '../extension/policy.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

/** Page sources shipped from www/ (build and server scripts are .mjs and stay behind). */
const PAGE_EXT = new Set(['.html', '.js', '.css', '.svg']);
const PAGE_SKIP_DIRS = new Set(['screenshots', 'samples', 'node_modules']);
const WASM_FILES = ['chaff.js', 'chaff_bg.wasm'];
const SHARED = ['extension/src/snapshot.js', 'extension/src/labels.js'];

/** The seed page first, then a spread of chrome kinds and languages. */
const SAMPLES = [
  'tests/fixtures/seed/news-aggregator-article',
  'tests/fixtures/labelled/en-paywall-fade-overlay',
  'tests/fixtures/labelled/en-consent-onetrust-banner',
  'tests/fixtures/labelled/en-linkfarm-sponsored-taboola-outbrain',
  'tests/fixtures/labelled/en-newsletter-popup-and-footer',
  'tests/fixtures/labelled/en-comments-threaded',
  'tests/fixtures/labelled/de-app-promo-banner-und-badges',
];

class BuildError extends Error {}

function parseArgs(argv) {
  const opts = {
    out: path.join(root, 'dist', 'www'),
    wasmDir: path.join(root, 'target', 'wasm-pkg-www'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new BuildError(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--out') opts.out = path.resolve(value());
    else if (a === '--wasm-dir') opts.wasmDir = path.resolve(value());
    else if (a === '-h' || a === '--help') {
      console.log('usage: node www/build.mjs [--out DIR] [--wasm-dir DIR]');
      process.exit(0);
    } else throw new BuildError(`unknown argument: ${a}`);
  }
  return opts;
}

function need(file, hint) {
  if (!fs.existsSync(file)) {
    throw new BuildError(`missing ${path.relative(root, file)}${hint ? ` (${hint})` : ''}`);
  }
}

function copy(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

/** Page files under www/, relative to it. */
function pageFiles(dir = here, rel = '') {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const relPath = path.join(rel, entry.name);
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) {
      if (!PAGE_SKIP_DIRS.has(entry.name)) out.push(...pageFiles(path.join(dir, entry.name), relPath));
    } else if (PAGE_EXT.has(path.extname(entry.name))) {
      out.push(relPath);
    }
  }
  return out.sort();
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** `{ id, file, title, site, note, lang, bytes }` for one fixture. */
function describeSample(base) {
  const html = fs.readFileSync(path.join(root, `${base}.html`), 'utf8');
  const id = path.basename(base);
  const rawTitle = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? id;
  const full = decodeEntities(rawTitle).replace(/\s+/g, ' ').trim();
  // "Headline | Site" -> headline and site.
  const cut = full.lastIndexOf(' | ');
  const title = cut > 0 ? full.slice(0, cut) : full;
  const site = cut > 0 ? full.slice(cut + 3) : '';
  let note = '';
  const expect = path.join(root, `${base}.expect`);
  if (fs.existsSync(expect)) {
    const first = fs.readFileSync(expect, 'utf8').split('\n')[0] ?? '';
    note = first.replace(/^#\s*/, '').replace(/^[\w-]+:\s*/, '').trim();
  }
  const lang = /<html[^>]*\blang=["']?([\w-]+)/i.exec(html)?.[1] ?? '';
  return { id, file: `samples/${id}.html`, title, site, note, lang, bytes: Buffer.byteLength(html) };
}

async function build(opts) {
  for (const f of WASM_FILES) need(path.join(opts.wasmDir, f), 'run `make wasm-www` first');
  for (const f of SHARED) need(path.join(root, f));
  for (const s of SAMPLES) need(path.join(root, `${s}.html`));

  fs.rmSync(opts.out, { recursive: true, force: true });
  fs.mkdirSync(opts.out, { recursive: true });

  const files = [];
  for (const rel of pageFiles()) {
    copy(path.join(here, rel), path.join(opts.out, rel));
    files.push(rel);
  }
  need(path.join(opts.out, 'index.html'), 'www/index.html is the page');

  for (const f of WASM_FILES) {
    copy(path.join(opts.wasmDir, f), path.join(opts.out, f));
    files.push(f);
  }
  for (const f of SHARED) {
    copy(path.join(root, f), path.join(opts.out, path.basename(f)));
    files.push(path.basename(f));
  }
  // labels.js reads the hiding policy from the core, as in the extension.
  fs.writeFileSync(path.join(opts.out, 'policy.js'), await policyModule(opts.wasmDir));
  files.push('policy.js');

  const samples = [];
  for (const s of SAMPLES) {
    const info = describeSample(s);
    copy(path.join(root, `${s}.html`), path.join(opts.out, info.file));
    files.push(info.file);
    samples.push(info);
  }
  fs.writeFileSync(path.join(opts.out, 'samples', 'index.json'), JSON.stringify(samples, null, 2) + '\n');
  files.push('samples/index.json');

  let bytes = 0;
  for (const f of files) bytes += fs.statSync(path.join(opts.out, f)).size;
  console.log(
    `www: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB -> ${path.relative(process.cwd(), opts.out) || '.'}`,
  );
}

build(parseArgs(process.argv.slice(2))).catch((e) => {
  if (e instanceof BuildError) {
    console.error(`www/build.mjs: ${e.message}`);
    process.exit(1);
  }
  throw e;
});
