// The per-page routine of the in-browser benchmark, the same for Chromium
// and Firefox (bench/lib/browsers.mjs drives them):
//
// 1. load the page (served from 127.0.0.1) in the one benchmark tab, with
//    the packaged extension installed, and wait for Chaff's first pass: the
//    first `chaff:clean` performance measure (from the start of the content
//    script's pass to its end; it includes waiting for the Wasm core, which
//    each page instantiates anew). The content script records it on the
//    page's timeline only when storage.local's `timelineMarks` is set, which
//    browsers.mjs does through the extension's own context;
// 2. `repeats` more full passes (browsers.mjs `rerun`: site off and on);
// 3. in the page (bench/lib/inpage.js): the bare TreeWalker pass,
//    Readability.js, and the split of Chaff's work (snapshot.js vs Wasm).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.mjs';

// The content script ships as one bundled file (extension/bundle.mjs), with
// a `// ---- src/<module>.js` line before each module: profile frames in it
// are charged to their module by line, as if the modules were separate.
const BUNDLE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'chromium', 'content.js');
let bundleStarts = null; // [[firstLine (1-based), 'src/x.js']], ascending
function bundleModule(line) {
  if (bundleStarts === null) {
    bundleStarts = [];
    try {
      fs.readFileSync(BUNDLE, 'utf8')
        .split('\n')
        .forEach((l, i) => {
          const m = l.match(/^\/\/ ---- (\S+)$/);
          if (m) bundleStarts.push([i + 1, m[1]]);
        });
    } catch {
      // No build: frames keep the bundle's URL.
    }
  }
  let found = null;
  for (const [start, mod] of bundleStarts) if (start <= line) found = mod;
  return found;
}

/** A frame's URL, with the bundle's frames given their module's URL. */
function moduleUrl(url, line) {
  if (!/^(chrome|moz)-extension:\/\/[^/]+\/content\.js$/.test(url) || !(line > 0)) return url;
  const mod = bundleModule(line);
  return mod === null ? url : url.replace(/content\.js$/, mod);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const COUNT = "performance.getEntriesByName('chaff:clean').length";
const INJECT = `new Promise((resolve, reject) => {
  if (window.__chaffBench) return resolve(true);
  const s = document.createElement('script');
  s.src = location.origin + '/bench/inpage.js';
  s.onload = () => { s.remove(); resolve(true); };
  s.onerror = () => { s.remove(); reject(new Error('cannot load inpage.js')); };
  (document.head || document.documentElement).append(s);
})`;

async function waitForCount(b, n, timeoutMs) {
  const start = Date.now();
  for (;;) {
    const c = await b.evaluate(COUNT);
    if (c >= n) return c;
    if (Date.now() - start > timeoutMs) return c;
    await sleep(10);
  }
}

export async function measurePage(b, origin, name, opts) {
  const row = { page: name };
  await b.goto(`${origin}/corpus/${name}/`);
  const got = await waitForCount(b, 1, opts.firstPassTimeoutMs ?? 15000);
  if (got < 1) {
    row.error = 'no chaff:clean measure after load';
    return row;
  }
  await b.evaluate(INJECT);
  const first = JSON.parse(await b.evaluate('window.__chaffBench.passes()'));
  row.chaffFirst = first.measures[0].duration;
  if (first.measures[0].detail != null) row.chaffFirstDetail = first.measures[0].detail;
  row.hidden = first.hidden;
  const extra = first.entries.filter((e) => e.name !== 'chaff:clean');
  if (extra.length) row.otherChaffEntries = extra;
  if (first.nav) {
    row.passStartAfterDCL = first.measures[0].start - first.nav.domContentLoadedEventEnd;
    row.passEndAfterNav = first.measures[0].start + first.measures[0].duration;
  }
  const repeats = [];
  for (let i = 0; i < (opts.repeats ?? 5); i++) {
    const before = await b.evaluate(COUNT);
    await b.rerun();
    const after = await waitForCount(b, before + 1, 15000);
    if (after <= before) {
      row.repeatError = 'a re-run produced no measure';
      break;
    }
    const last = await b.evaluate(
      "(() => { const m = performance.getEntriesByName('chaff:clean').at(-1); return { duration: m.duration, detail: m.detail ?? null }; })()",
    );
    repeats.push(last.duration);
    if (last.detail !== null) (row.chaffRepeatDetails ??= []).push(last.detail);
  }
  row.chaffRepeats = repeats;
  row.chaffRepeat = median(repeats);
  const m = JSON.parse(
    await b.evaluate(
      `window.__chaffBench.measure(${JSON.stringify({ minMs: opts.minMs ?? 50, minRuns: opts.minRuns ?? 3, split: opts.split !== false })})`,
    ),
  );
  Object.assign(row, m);
  return row;
}

/** Warm-up pages are measured and thrown away (JIT, caches, first Wasm compile). */
export async function runCorpus(b, origin, pages, opts, log = () => {}) {
  for (const name of opts.warmup ?? []) await measurePage(b, origin, name, { ...opts, repeats: 1 });
  const rows = [];
  let i = 0;
  for (const name of pages) {
    i++;
    let row;
    try {
      row = await measurePage(b, origin, name, opts);
    } catch (e) {
      row = { page: name, error: String((e && e.message) || e).split('\n')[0] };
    }
    rows.push(row);
    if (row.error) log(`${b.name} ${i}/${pages.length} ${name}: ERROR ${row.error}`);
    else if (i % 10 === 0 || i === pages.length)
      log(
        `${b.name} ${i}/${pages.length} ${name}: chaff ${row.chaffFirst?.toFixed(2)} / ${row.chaffRepeat?.toFixed(2)} ms, ` +
          `readability ${row.readability?.perRun?.toFixed(2)} ms, walk ${row.walk?.perRun?.toFixed(3)} ms`,
      );
  }
  return rows;
}

/** Start-up on a small page: from DOMContentLoaded to the end of the first pass, `n` fresh loads. */
export async function startup(b, origin, n = 10) {
  const rows = [];
  for (let i = 0; i < n; i++) {
    await b.goto(`${origin}/small/?${i}`);
    const got = await waitForCount(b, 1, 15000);
    if (got < 1) {
      rows.push({ error: 'no pass' });
      continue;
    }
    const p = await b.evaluate(`(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const m = performance.getEntriesByName('chaff:clean')[0];
      const l = performance.getEntriesByName('chaff:loader-start')[0];
      return {
        responseEnd: nav.responseEnd,
        domContentLoadedEventEnd: nav.domContentLoadedEventEnd,
        loadEventEnd: nav.loadEventEnd,
        loaderStart: l ? l.startTime : null,
        passStart: m.startTime,
        passMs: m.duration,
        passEnd: m.startTime + m.duration,
      };
    })()`);
    rows.push(p);
  }
  return rows;
}

// ------------------------------------------------------------ profiles ---
//
// Both browsers' profiles are reduced to samples { dt (ms), frames: [{ name,
// url }] } with the leaf first, and only samples with one of the extension's
// frames on the stack count: time spent inside Chaff's content script (its
// JS, the Wasm core, and the DOM and other native calls they make), not page
// loading, style or idle time.

const EXT_URL = /^(chrome|moz)-extension:\/\//;

function category(fr, frames) {
  const { name, url } = fr;
  if (!url && name !== '(program)' && !/garbage collector|GC/.test(name) && !/\(in wasm\)/.test(name)) {
    // A native leaf (DOM getter, extension API binding, ...): charge it to the extension code that called it.
    const caller = frames.find((f) => EXT_URL.test(f.url));
    if (caller) {
      if (caller.url.endsWith('/src/messaging.js') && caller.name === 'report') return 'report(): runtime.sendMessage to the background';
      if (caller.url.endsWith('/src/snapshot.js')) return 'DOM reads from snapshot.js';
      if (caller.url.endsWith('/src/cleaner.js')) return 'DOM writes from cleaner.js';
      if (caller.url.endsWith('/wasm/chaff.js')) return 'wasm-bindgen glue (strings in, labels out)';
      if (caller.url.endsWith('/src/watcher.js') && caller.name === 'start') return 'MutationObserver setup';
    }
  }
  if (/garbage collector|^(Minor|Major) GC|^GC/.test(name)) return 'GC';
  if (url.startsWith('wasm://') || url.endsWith('.wasm') || /^\$?(func\d|wasm-function)|\(in wasm\)/.test(name)) return 'Wasm core';
  if (url.endsWith('/wasm/chaff.js')) return 'wasm-bindgen glue (strings in, labels out)';
  if (url.endsWith('/src/snapshot.js')) return 'snapshot.js (DOM walk, JS)';
  if (url.endsWith('/src/cleaner.js')) return 'cleaner.js (marking, JS)';
  if (EXT_URL.test(url)) return 'other extension JS';
  if (name === '(program)') return 'browser (program)';
  if (url) return 'browser JS (extension APIs)';
  return 'DOM and other native calls';
}

const isWasm = (f) => f.url.startsWith('wasm://') || f.url.endsWith('.wasm') || f.url.endsWith('/wasm/chaff.js');
export const GROUPS = [
  ['snapshot', (f) => f.url.endsWith('/src/snapshot.js')],
  ['wasm', isWasm],
  ['mark', (f) => f.url.endsWith('/src/cleaner.js')],
  ['report', (f) => f.name === 'report' && f.url.endsWith('/src/messaging.js')],
  ['classifierJs', (f) => f.url.endsWith('/src/classifier.js')],
  ['switchOff', (f) => f.name === 'disable' && f.url.endsWith('/src/content.js')],
];

function summariseSamples(samples) {
  const cats = {};
  const fns = new Map();
  const incl = new Map();
  let total = 0;
  for (const { dt, frames } of samples) {
    if (!frames.some((f) => EXT_URL.test(f.url))) continue;
    total += dt;
    const leaf = frames[0];
    const cat = category(leaf, frames);
    cats[cat] = (cats[cat] ?? 0) + dt;
    const key = `${leaf.name || '(anonymous)'}${leaf.url ? ` ${leaf.url.split('/').slice(-2).join('/')}` : ''}`;
    fns.set(key, (fns.get(key) ?? 0) + dt);
    // Inclusive time by part of the content script (each part at most once
    // per sample), robust to renamed functions.
    for (const [group, test] of GROUPS) {
      if (frames.some(test)) incl.set(group, (incl.get(group) ?? 0) + dt);
    }
  }
  return {
    totalMs: total,
    categories: Object.fromEntries(Object.entries(cats).sort((a, b) => b[1] - a[1])),
    inclusive: Object.fromEntries(incl),
    topFunctions: [...fns].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([f, ms]) => ({ function: f, ms })),
  };
}

/** CDP (Chromium) CPU profile -> summary. */
export function summariseProfile(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stacks = new Map();
  const stackOf = (id) => {
    let s = stacks.get(id);
    if (s) return s;
    s = [];
    for (let x = id; x !== undefined; x = parent.get(x)) {
      const cf = byId.get(x).callFrame;
      s.push({ name: cf.functionName, url: moduleUrl(cf.url, cf.lineNumber + 1) });
    }
    stacks.set(id, s);
    return s;
  };
  const samples = profile.samples.map((id, i) => ({ dt: (profile.timeDeltas[i + 1] ?? 0) / 1000, frames: stackOf(id) }));
  return summariseSamples(samples);
}

/** Gecko profiler (Firefox) profile -> summary, for the content process that ran Chaff. */
export function summariseGeckoProfile(profile) {
  const threads = [profile, ...(profile.processes ?? [])].flatMap((p) => p.threads ?? []);
  const thread = threads.find(
    (t) => t.name === 'GeckoMain' && t.stringTable.some((x) => x.includes('/src/snapshot.js') || /-extension:\/\/[^/]+\/content\.js/.test(x)),
  );
  if (!thread) return null;
  const S = thread.samples.schema;
  const ST = thread.stackTable.schema;
  const F = thread.frameTable.schema;
  const frame = (fi) => {
    const loc = thread.stringTable[thread.frameTable.data[fi][F.location]];
    const m = loc.match(/^(.*) \((\S+?):(\d+)(?::\d+)?\)(?:\[\d+\])?$/);
    return m ? { name: m[1], url: moduleUrl(m[2], Number(m[3])) } : { name: loc.replace(/\[\d+\]$/, ''), url: '' };
  };
  const stacks = new Map();
  const stackOf = (si) => {
    let s = stacks.get(si);
    if (s) return s;
    s = [];
    for (let x = si; x !== null && x !== undefined; x = thread.stackTable.data[x][ST.prefix]) {
      const f = frame(thread.stackTable.data[x][ST.frame]);
      if (/^0x[0-9a-f]+$/.test(f.name)) continue; // unsymbolicated native address: charge to its caller
      s.push(f);
    }
    stacks.set(si, s);
    return s;
  };
  const data = thread.samples.data;
  const samples = [];
  for (let i = 0; i + 1 < data.length; i++) {
    const st = data[i][S.stack];
    if (st === null) continue;
    samples.push({ dt: data[i + 1][S.time] - data[i][S.time], frames: stackOf(st) });
  }
  return summariseSamples(samples);
}

/**
 * CPU profiles of the content script's first pass (page load up to the first
 * measure) and of `repeats` re-runs, per page, summed over `names`:
 * Chromium through CDP's Profiler, Firefox through the Gecko profiler.
 */
export async function profilePages(b, origin, names, repeats = 5) {
  const out = { pages: names, first: null, repeat: null, perPage: [] };
  const merge = (acc, s) => {
    if (!s) return acc;
    acc = acc ?? { totalMs: 0, categories: {}, inclusive: {}, topFunctions: new Map() };
    acc.totalMs += s.totalMs;
    for (const [k, v] of Object.entries(s.inclusive)) acc.inclusive[k] = (acc.inclusive[k] ?? 0) + v;
    for (const [k, v] of Object.entries(s.categories)) acc.categories[k] = (acc.categories[k] ?? 0) + v;
    for (const f of s.topFunctions) acc.topFunctions.set(f.function, (acc.topFunctions.get(f.function) ?? 0) + f.ms);
    return acc;
  };
  let first = null;
  let repeat = null;
  for (const name of names) {
    const summarise = b.name === 'firefox' ? summariseGeckoProfile : summariseProfile;
    const p1 = await b.cpuProfile(async () => {
      await b.goto(`${origin}/corpus/${name}/`);
      await waitForCount(b, 1, 15000);
    });
    const s1 = summarise(p1);
    const p2 = await b.cpuProfile(async () => {
      for (let i = 0; i < repeats; i++) {
        const before = await b.evaluate(COUNT);
        await b.rerun();
        await waitForCount(b, before + 1, 15000);
      }
    });
    const s2 = summarise(p2);
    if (!s1 || !s2) continue;
    out.perPage.push({ page: name, first: s1, repeat: s2 });
    first = merge(first, s1);
    repeat = merge(repeat, s2);
  }
  const finish = (acc) => acc && ({
    totalMs: acc.totalMs,
    inclusive: acc.inclusive,
    categories: Object.fromEntries(Object.entries(acc.categories).sort((a, b) => b[1] - a[1])),
    topFunctions: [...acc.topFunctions].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([f, ms]) => ({ function: f, ms })),
  });
  out.first = finish(first);
  out.repeat = finish(repeat);
  out.repeats = repeats;
  // Passes covered: one first pass per page; `repeats` re-runs per page.
  out.passes = { first: out.perPage.length, repeat: out.perPage.length * repeats };
  return out;
}
