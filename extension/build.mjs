#!/usr/bin/env node
// Builds the Chaff extension for Chromium and Firefox from one source tree.
//
//   node extension/build.mjs [--browser chromium|firefox]... [--no-zip]
//                            [--wasm-dir DIR] [--out DIR]
//
// Inputs:  extension/ (sources, icons, _locales, manifest.*.json) and the
//          wasm-pack output target/wasm-pkg/{chaff.js, chaff_bg.wasm}.
// Outputs: dist/chromium/, dist/firefox/ (unpacked, loadable as is),
//          dist/chaff-chromium.zip and dist/chaff-firefox.xpi.
//
// manifest.json = manifest.base.json deep-merged with manifest.<browser>.json
// (objects merge, everything else is replaced), with "version" taken from
// Cargo.toml so the crate and the extension never disagree.
//
// The content script is bundled into one classic script, `content.js`, from
// src/content.js and everything it imports, the wasm-bindgen glue and the
// core's bytes (base64) included (bundle.mjs), one for each browser. The
// package has no web_accessible_resources: nothing in it can be fetched by
// a web page. Of src/, only the modules that the background, the popup and
// the options page import ship as files.
//
// Node built-ins only. The archives are written by a minimal zip writer
// (deflate via node:zlib, store when that is not smaller) with sorted
// entries and a fixed timestamp, so the same inputs give the same bytes.

import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

import { BundleError, bundle } from './bundle.mjs';
import { policyModule } from './policy.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const BROWSERS = ['chromium', 'firefox'];

// Files and folders of extension/ that ship. Everything else (build.mjs,
// the manifest parts, docs, icon sources) stays behind.
const SHIP = [
  { dir: 'src', ext: ['.js'] },
  { dir: 'popup', ext: ['.html', '.js', '.css'] },
  { dir: 'options', ext: ['.html', '.js', '.css'] },
  { dir: 'ui', ext: ['.css'] },
  { dir: 'icons', ext: ['.png'] },
  { dir: '_locales', ext: ['.json'] },
];
const WASM_FILES = ['chaff.js', 'chaff_bg.wasm'];
// The core's bytes inside the content script's bundle, as a module made at
// build time (`export const WASM_BASE64`): no message to the background (a
// service worker it may first have to wake) before the core can compile.
const WASM_BYTES_MODULE = 'wasm/chaff_bg.base64.js';
// What the content script must know of the browser it runs in, as a module
// made for each build (`src/browser-traits.js`): whether the page's CSP
// governs Wasm compiled in a content script. Chromium's does: a page whose
// CSP lacks 'wasm-unsafe-eval' refuses it, and sees the refusal as a
// `securitypolicyviolation` event (and in its CSP reports). Firefox
// compiles it under the extension's own.
const TRAITS_MODULE = 'src/browser-traits.js';
const PAGE_CSP_GOVERNS_WASM = { chromium: true, firefox: false };
// The content script: this entry and what it imports, as one classic script.
const CONTENT_ENTRY = 'src/content.js';
const CONTENT_BUNDLE = 'content.js';
// Extension pages and the background: ES modules, shipped as files, with
// the src/ modules they import.
const MODULE_ENTRIES = ['src/background.js', 'popup/popup.js', 'options/options.js'];

class BuildError extends Error {}

function parseArgs(argv) {
  const opts = {
    browsers: [],
    zip: true,
    wasmDir: path.join(root, 'target', 'wasm-pkg'),
    // The hiding policy always comes from the real core, even when
    // --wasm-dir swaps in a stand-in for tests.
    policyDir: path.join(root, 'target', 'wasm-pkg'),
    out: path.join(root, 'dist'),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new BuildError(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--browser') opts.browsers.push(value());
    else if (a === '--no-zip') opts.zip = false;
    else if (a === '--wasm-dir') opts.wasmDir = path.resolve(value());
    else if (a === '--out') opts.out = path.resolve(value());
    else if (a === '-h' || a === '--help') {
      process.stdout.write(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 13).join('\n') + '\n');
      process.exit(0);
    } else throw new BuildError(`unknown argument: ${a}`);
  }
  if (opts.browsers.length === 0) opts.browsers = [...BROWSERS];
  for (const b of opts.browsers) {
    if (!BROWSERS.includes(b)) throw new BuildError(`unknown browser "${b}" (expected ${BROWSERS.join(' or ')})`);
  }
  return opts;
}

// ------------------------------------------------------------- manifest ---

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new BuildError(`cannot read ${path.relative(root, file)}: ${e.message}`);
  }
}

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function deepMerge(base, over) {
  const out = { ...base };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isPlainObject(v) && isPlainObject(out[k]) ? deepMerge(out[k], v) : v;
  }
  return out;
}

function crateVersion() {
  const toml = fs.readFileSync(path.join(root, 'Cargo.toml'), 'utf8');
  const pkg = toml.split(/^\[/m).find((s) => s.startsWith('package]'));
  const m = pkg && pkg.match(/^version\s*=\s*"([^"]+)"/m);
  if (!m) throw new BuildError('no [package] version in Cargo.toml');
  // Extension versions are 1-4 dot-separated integers: drop any pre-release tag.
  return m[1].replace(/[-+].*$/, '');
}

export function makeManifest(browser) {
  const base = readJson(path.join(here, 'manifest.base.json'));
  const part = readJson(path.join(here, `manifest.${browser}.json`));
  const manifest = deepMerge(base, part);
  manifest.version = crateVersion();
  return manifest;
}

// ---------------------------------------------------------------- files ---

function listShipped() {
  const files = [];
  for (const { dir, ext } of SHIP) {
    const abs = path.join(here, dir);
    if (!fs.existsSync(abs)) throw new BuildError(`missing extension/${dir}`);
    for (const f of walk(abs)) {
      if (ext.some((e) => f.endsWith(e))) files.push(path.relative(here, f).split(path.sep).join('/'));
    }
  }
  return files.sort();
}

function walk(dir) {
  const out = [];
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) out.push(p);
    }
  }
  return out;
}

function checkWasm(wasmDir) {
  const missing = WASM_FILES.filter((f) => !fs.existsSync(path.join(wasmDir, f)));
  if (missing.length) {
    throw new BuildError(
      `${path.relative(root, wasmDir) || wasmDir} is missing ${missing.join(' and ')}.\n` +
        'Build the Wasm package first: make wasm\n' +
        '  (or: wasm-pack build --release --target web --out-dir target/wasm-pkg --no-default-features)',
    );
  }
}

/** Checks what the manifest names against what the package holds. */
function verify(manifest, files, browser) {
  const have = new Set(files);
  const problems = [];
  const need = (p, why) => {
    const rel = p.replace(/^\//, '');
    if (!have.has(rel)) problems.push(`${why} names ${p}, which is not in the package`);
  };
  for (const p of Object.values(manifest.icons ?? {})) need(p, 'icons');
  for (const p of Object.values(manifest.action?.default_icon ?? {})) need(p, 'action.default_icon');
  if (manifest.action?.default_popup) need(manifest.action.default_popup, 'action.default_popup');
  if (manifest.options_ui?.page) need(manifest.options_ui.page, 'options_ui.page');
  for (const cs of manifest.content_scripts ?? []) for (const p of cs.js ?? []) need(p, 'content_scripts');
  if (manifest.background?.service_worker) need(manifest.background.service_worker, 'background.service_worker');
  for (const p of manifest.background?.scripts ?? []) need(p, 'background.scripts');
  // Nothing is web-accessible: a page must not be able to fetch any of
  // Chaff's files (that would tell it Chaff is installed).
  if (manifest.web_accessible_resources !== undefined) {
    problems.push('web_accessible_resources: none may be declared (pages could fetch them); the content script is one bundled file');
  }
  // The extension's own modules must all be in the package.
  for (const entry of MODULE_ENTRIES) {
    for (const m of moduleGraph(entry, have)) if (!have.has(m)) problems.push(`${entry} imports ${m}, which is not in the package`);
  }
  // Every __MSG_x__ in the manifest must exist in every locale.
  const keys = [...JSON.stringify(manifest).matchAll(/__MSG_([A-Za-z0-9_@]+)__/g)].map((m) => m[1]);
  const locales = files.filter((f) => /^_locales\/[^/]+\/messages\.json$/.test(f));
  const enKeys = Object.keys(readJson(path.join(here, '_locales/en/messages.json')));
  for (const loc of locales) {
    const msgs = readJson(path.join(here, loc));
    for (const k of keys) if (!(k in msgs)) problems.push(`${loc} lacks ${k}, which the manifest uses`);
    for (const k of enKeys) if (!(k in msgs)) problems.push(`${loc} lacks ${k}`);
  }
  if (problems.length) throw new BuildError(`${browser}:\n  ` + problems.join('\n  '));
}

/** Relative static and literal dynamic imports reachable from `entry`, in package paths. */
function moduleGraph(entry, have) {
  const seen = new Set();
  const todo = [entry];
  while (todo.length) {
    const m = todo.pop();
    if (seen.has(m)) continue;
    seen.add(m);
    const file = path.join(here, m);
    if (!have.has(m) || !fs.existsSync(file)) continue; // the wasm glue: checked by name
    const src = fs.readFileSync(file, 'utf8');
    const re = /(?:\bimport|\bexport)\s[^'"]*?from\s*['"](\.[^'"]+)['"]|\bimport\s*\(\s*['"](\.[^'"]+)['"]\s*\)/g;
    for (const match of src.matchAll(re)) {
      const spec = match[1] ?? match[2];
      todo.push(path.posix.normalize(path.posix.join(path.posix.dirname(m), spec)));
    }
  }
  return [...seen];
}

function copyFile(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
}

// Files written by the build rather than copied from extension/.
const GENERATED = ['src/policy.js'];

function wasmBytesModule(wasmDir) {
  const base64 = fs.readFileSync(path.join(wasmDir, 'chaff_bg.wasm')).toString('base64');
  return `export const WASM_BASE64 = '${base64}';\n`;
}

/**
 * The content script for `browser`, bundled: { source, modules }. `made`:
 * the sources of the modules the build makes, by package path.
 */
function contentBundle(opts, made, browser) {
  const read = (p) => {
    if (p === TRAITS_MODULE) return `export const PAGE_CSP_GOVERNS_WASM = ${PAGE_CSP_GOVERNS_WASM[browser]};\n`;
    if (Object.hasOwn(made, p)) return made[p];
    if (p.startsWith('wasm/')) return fs.readFileSync(path.join(opts.wasmDir, p.slice(5)), 'utf8');
    return fs.readFileSync(path.join(here, p), 'utf8');
  };
  try {
    return bundle(CONTENT_ENTRY, { read });
  } catch (e) {
    if (e instanceof BundleError) throw new BuildError(e.message);
    throw e;
  }
}

function buildOne(browser, opts, policySource, content) {
  const manifest = makeManifest(browser);
  const everything = listShipped();
  const generated = [...GENERATED, ...WASM_FILES.map((f) => `wasm/${f}`)];
  const known = new Set([...everything, ...generated]);
  const used = new Set(MODULE_ENTRIES.flatMap((e) => moduleGraph(e, known)));
  // src/ modules only the content script uses are in its bundle, not files.
  const files = everything.filter((f) => !f.startsWith('src/') || used.has(f));
  const all = [...files, ...generated, CONTENT_BUNDLE];
  verify(manifest, all, browser);

  const outDir = path.join(opts.out, browser);
  fs.rmSync(outDir, { recursive: true, force: true });
  for (const f of files) copyFile(path.join(here, f), path.join(outDir, f));
  for (const f of WASM_FILES) copyFile(path.join(opts.wasmDir, f), path.join(outDir, 'wasm', f));
  fs.writeFileSync(path.join(outDir, 'src', 'policy.js'), policySource);
  fs.writeFileSync(path.join(outDir, CONTENT_BUNDLE), content.source);
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

  let archive = null;
  if (opts.zip) {
    archive = path.join(opts.out, browser === 'firefox' ? 'chaff-firefox.xpi' : 'chaff-chromium.zip');
    const entries = ['manifest.json', ...all].map((name) => ({
      name,
      data: fs.readFileSync(path.join(outDir, name)),
    }));
    fs.writeFileSync(archive, zip(entries, sourceDate()));
  }
  return { outDir, archive, count: all.length + 1 };
}

// ------------------------------------------------------------------ zip ---

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(buf) {
  if (typeof zlib.crc32 === 'function') return zlib.crc32(buf) >>> 0;
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function sourceDate() {
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  // Zip (DOS) dates start in 1980; use that unless told otherwise.
  return Number.isFinite(epoch) && epoch > 315532800 ? new Date(epoch * 1000) : new Date(Date.UTC(1980, 0, 1));
}

function dosDateTime(d) {
  const time = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1);
  const date = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
  return { time, date };
}

/**
 * A zip archive (PKWARE APPNOTE 6.3, no zip64: entries and archive under
 * 4 GiB) of `entries` = [{ name, data: Buffer }], in the order given.
 */
export function zip(entries, when = new Date(Date.UTC(1980, 0, 1))) {
  const { time, date } = dosDateTime(when);
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const nameBuf = Buffer.from(name, 'utf8');
    const deflated = zlib.deflateRawSync(data, { level: 9 });
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const crc = crc32(data);
    const method = stored ? 0 : 8;
    const flags = 0x0800; // names are UTF-8

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, nameBuf, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt16LE(0, 30); // extra
    central.writeUInt16LE(0, 32); // comment
    central.writeUInt16LE(0, 34); // disk
    central.writeUInt16LE(0, 36); // internal attributes
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // -rw-r--r--
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBuf);

    offset += local.length + nameBuf.length + body.length;
    if (offset > 0xffffffff || entries.length > 0xffff) throw new BuildError('archive too large for zip without zip64');
  }
  const centralSize = centrals.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0, 4);
  end.writeUInt16LE(0, 6);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(0, 20);
  return Buffer.concat([...locals, ...centrals, end]);
}

// ----------------------------------------------------------------- main ---

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  checkWasm(opts.wasmDir);
  checkWasm(opts.policyDir);
  const policySource = await policyModule(opts.policyDir);
  const made = { 'src/policy.js': policySource, [WASM_BYTES_MODULE]: wasmBytesModule(opts.wasmDir) };
  fs.mkdirSync(opts.out, { recursive: true });
  for (const browser of opts.browsers) {
    const content = contentBundle(opts, made, browser);
    const { outDir, archive, count } = buildOne(browser, opts, policySource, content);
    const rel = (p) => path.relative(process.cwd(), p) || '.';
    process.stdout.write(`${browser}: ${count} files in ${rel(outDir)}${archive ? `, ${rel(archive)}` : ''}\n`);
  }
}

// Run when executed, not when imported (tests import zip/deepMerge).
const isMain = process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url));
if (isMain) {
  main().catch((e) => {
    if (e instanceof BuildError) {
      process.stderr.write(`build.mjs: error: ${e.message}\n`);
      process.exit(1);
    }
    throw e;
  });
}
