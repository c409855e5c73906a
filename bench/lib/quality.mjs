// Extraction quality of Chaff, trafilatura and Readability.js on every
// development corpus, all scored by bench/lib/score.mjs (the port of
// src/eval.rs) against the expected text `chaff eval` uses:
//
// - the readability layout (<name>/source.html + expected.html): the text of
//   each expected.html as `chaff eval` takes it (bench/lib/text.mjs blockText
//   over <body>). Not its ground-truth.json: its articleBody strings are
//   mis-decoded for a good part of the corpus (UTF-8 read as Latin-1, e.g.
//   "â\x80¦" for "…", all of the Chinese pages), which would score every tool
//   near zero on those pages.
// - the ScrapingHub layout (html/<id>.html.gz + ground-truth.json): the
//   articleBody of each id (modern/ also gives each page a type).
//
// The anchors (trafilatura, Readability.js) are slow and do not change
// between runs: their per-page outputs are cached in bench/.cache/quality/,
// one gzipped JSONL file per corpus and tool, each entry keyed by page id, a hash of the
// page's (decompressed) bytes and the tool's version and settings. A run
// re-runs only the pages whose entry is missing or stale.
import { fork, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { JSDOM, VirtualConsole } from 'jsdom';
import { corpusScore, f1, means, scrapinghubMeans } from './score.mjs';
import { blockText, decode } from './text.mjs';
import { readPage } from './readability_worker.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
// Bump when the way the anchors are run changes (decoding, settings, what is
// kept), so that cached outputs are redone.
const HARNESS = 1;

/** Settings of trafilatura per corpus: its defaults on the readability corpus
 * (the figure the corpus README reports there), include_comments=False on the
 * ScrapingHub corpora (its best setting for article bodies). */
export const trafilaturaIncludeComments = (layout) => layout === 'readability';

// Page groups of modern/ reported on their own; the bar for articles uses 'articles'.
export const TYPE_GROUPS = [
  ['articles', ['article', 'blog']],
  ['service', ['service']],
  ['product', ['product']],
  ['forum', ['forum']],
  ['documentation', ['documentation']],
  ['listing', ['listing']],
  ['collection', ['collection']],
];

const byteOrder = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));

function layoutOf(dir) {
  if (fs.existsSync(path.join(dir, 'html')) && fs.existsSync(path.join(dir, 'ground-truth.json'))) return 'scrapinghub';
  const hasPages = fs
    .readdirSync(dir, { withFileTypes: true })
    .some((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'source.html')));
  return hasPages ? 'readability' : null;
}

/** The corpora under `root` (every folder in one of the two layouts), in a fixed order. */
export function listCorpora(root, only = null) {
  const order = ['readability', 'modern', 'dragnet', 'cleaneval'];
  const rank = (n) => (order.includes(n) ? order.indexOf(n) : order.length);
  return fs
    .readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && (!only || only.includes(d.name)))
    .map((d) => ({ name: d.name, dir: path.join(root, d.name), layout: layoutOf(path.join(root, d.name)) }))
    .filter((c) => c.layout)
    .sort((a, b) => rank(a.name) - rank(b.name) || byteOrder(a.name, b.name));
}

/** `html/<id>.html.gz` or `html/<id>.html` -> `<id>` (src/bin/chaff/eval_cmd.rs page_id). */
function pageId(file) {
  const name = file.endsWith('.gz') ? file.slice(0, -3) : file;
  for (const ext of ['.html', '.htm']) if (name.endsWith(ext)) return name.slice(0, -ext.length);
  return null;
}

function dom(html) {
  return new JSDOM(html, { url: 'http://fakehost/test/page.html', virtualConsole: new VirtualConsole() });
}

/**
 * The pages of a corpus as `chaff eval` takes them: ids (sorted by name),
 * id -> file, id -> type (modern) and id -> expected text. `pick` selects a
 * subset of the sorted ids (--pages); `full` says whether none was left out.
 */
export function loadCorpus(c, pick = (ids) => ids) {
  const files = new Map();
  const types = new Map();
  const expected = new Map();
  let groundTruthJson = null;
  if (c.layout === 'scrapinghub') {
    const gt = JSON.parse(fs.readFileSync(path.join(c.dir, 'ground-truth.json'), 'utf8'));
    for (const f of fs.readdirSync(path.join(c.dir, 'html'))) {
      const id = pageId(f);
      const body = id !== null ? gt[id]?.articleBody : undefined;
      if (typeof body !== 'string') continue; // as chaff eval: pages without a text are left out
      files.set(id, path.join(c.dir, 'html', f));
      expected.set(id, body);
      if (gt[id].type) types.set(id, gt[id].type);
    }
  } else {
    for (const d of fs.readdirSync(c.dir, { withFileTypes: true })) {
      const src = path.join(c.dir, d.name, 'source.html');
      if (d.isDirectory() && fs.existsSync(src) && fs.existsSync(path.join(c.dir, d.name, 'expected.html'))) files.set(d.name, src);
    }
  }
  const all = [...files.keys()].sort(byteOrder);
  const ids = pick(all);
  const keep = new Set(ids);
  for (const m of [files, types, expected]) for (const k of [...m.keys()]) if (!keep.has(k)) m.delete(k);
  if (c.layout === 'readability') {
    for (const id of ids) {
      const d = dom(decode(fs.readFileSync(path.join(c.dir, id, 'expected.html'))));
      expected.set(id, blockText(d.window.document.body));
      d.window.close();
    }
    groundTruthJson = groundTruthProblems(c.dir, expected);
  }
  return { ...c, ids, files, types, expected, full: ids.length === all.length, groundTruthJson };
}

/** Mis-decoded ground-truth.json entries of the readability layout (for the record). */
export function groundTruthProblems(dir, expected) {
  const file = path.join(dir, 'ground-truth.json');
  if (!fs.existsSync(file)) return null;
  const gt = JSON.parse(fs.readFileSync(file, 'utf8'));
  const bad = [];
  for (const [name, body] of Object.entries(gt)) {
    const t = body.articleBody ?? '';
    if (/[\u00c2-\u00f4][\u0080-\u00bf]/.test(t) && !/[\u00c2-\u00f4][\u0080-\u00bf]/.test(expected.get(name) ?? '')) bad.push(name);
  }
  return { pages: Object.keys(gt).length, misDecoded: bad.length, examples: bad.slice(0, 10) };
}

// ------------------------------------------------------------- Chaff ---

/** `chaff extract --format jsonl` over the corpus: id -> articleBody. */
export function chaffTexts({ chaff, corpus, tmp }) {
  const idOf = new Map([...corpus.files].map(([id, f]) => [f, id]));
  const file = path.join(tmp, `chaff-extract-${corpus.name}.jsonl`);
  const fd = fs.openSync(file, 'w');
  const r = spawnSync(chaff, ['extract', '--format', 'jsonl', ...corpus.files.values()], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', maxBuffer: 1 << 28 });
  fs.closeSync(fd);
  // 3: some page had no article (scored as empty); 1: some page could not be
  // read or parsed: its line carries "error" and scores as empty, as in chaff eval.
  if (r.status !== 0 && r.status !== 3 && r.status !== 1) throw new Error(`chaff extract: exit ${r.status}: ${r.stderr.slice(-2000)}`);
  const out = new Map();
  const errors = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const o = JSON.parse(line);
    const id = idOf.get(o.file);
    if (id === undefined) continue;
    if (o.error) errors.push(`${id}: ${o.error}`);
    out.set(id, o.articleBody ?? '');
  }
  if (r.status === 1 && !errors.length) throw new Error(`chaff extract: exit 1: ${r.stderr.slice(-2000)}`);
  return { texts: out, errors };
}

/** `chaff eval --format json DIR`: corpus figures and per-page rows. */
export function chaffEval({ chaff, dir }) {
  const r = spawnSync(chaff, ['eval', '--format', 'json', dir], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`chaff eval: exit ${r.status}: ${r.stderr.slice(-2000)}`);
  // Older builds printed a "F1=..." line after the JSON.
  const at = r.stdout.lastIndexOf('\nF1=');
  const doc = JSON.parse(at >= 0 ? r.stdout.slice(0, at) : r.stdout);
  return { f1: doc.f1, precision: doc.precision, recall: doc.recall, pages: doc.pages.length, perPage: doc.pages };
}

/** Compares this scorer's figures on Chaff's output with `chaff eval`'s: exact, per page and corpus. */
export function portCheck(evalResult, port) {
  const mine = new Map(port.pages.map((p) => [p.page, p]));
  const pagesDiffering = evalResult.perPage
    .filter((p) => {
      const m = mine.get(p.page);
      return !m || m.precision !== p.precision || m.recall !== p.recall;
    })
    .map((p) => p.page);
  const same = evalResult.f1 === port.f1 && evalResult.precision === port.precision && evalResult.recall === port.recall;
  return {
    chaffEval: { f1: evalResult.f1, precision: evalResult.precision, recall: evalResult.recall, pages: evalResult.pages },
    port: { f1: port.f1, precision: port.precision, recall: port.recall, pages: port.pages.length },
    exact: same && evalResult.pages === port.pages.length && pagesDiffering.length === 0,
    sameTo3Decimals: evalResult.f1.toFixed(3) === port.f1.toFixed(3),
    pagesDiffering,
  };
}

// ----------------------------------------------------------- anchors ---

const sha = (x) => createHash('sha256').update(x).digest('hex');

export function trafilaturaVersion(python, script) {
  const r = spawnSync(python, [script, 'version'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${script} version: exit ${r.status}: ${r.stderr.slice(-1000)}`);
  const v = JSON.parse(r.stdout);
  return `trafilatura ${v.trafilatura} (lxml ${v.lxml})`;
}

export function readabilityVersion(root) {
  const v = (p) => JSON.parse(fs.readFileSync(path.join(root, 'node_modules', p, 'package.json'), 'utf8')).version;
  return `@mozilla/readability ${v('@mozilla/readability')} (jsdom ${v('jsdom')})`;
}

function readCache(file) {
  const out = new Map();
  if (!fs.existsSync(file)) return out;
  let text = '';
  try {
    text = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8');
  } catch {
    return out; // unreadable (e.g. an interrupted write): every page is redone
  }
  for (const line of text.split('\n')) {
    if (!line) continue;
    try {
      const o = JSON.parse(line);
      out.set(o.id, o);
    } catch {
      // a torn line (interrupted write): that page is redone
    }
  }
  return out;
}

function writeCache(file, entries) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, zlib.gzipSync(entries.map((e) => JSON.stringify(e)).join('\n') + '\n'));
  fs.renameSync(tmp, file); // a reader never sees half a file
}

const countLines = (file) => {
  try {
    const s = fs.readFileSync(file, 'utf8');
    let n = 0;
    for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
    return n;
  } catch {
    return 0;
  }
};

/** trafilatura over `jobs` ({key, file, includeComments}) in one process: key -> {text, error?}. */
function runTrafilatura({ python, script, jobs, tmp, progress }) {
  const jobsFile = path.join(tmp, 'trafilatura-jobs.jsonl');
  const outFile = path.join(tmp, 'trafilatura-out.jsonl');
  fs.writeFileSync(jobsFile, jobs.map((j) => JSON.stringify(j)).join('\n') + '\n');
  return new Promise((resolve, reject) => {
    const child = spawn(python, [script, 'extract', jobsFile, outFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr = (stderr + d).slice(-4000);
    });
    progress.trafilatura = () => countLines(outFile);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`trafilatura extract: exit ${code}: ${stderr}`));
      const out = new Map();
      for (const line of fs.readFileSync(outFile, 'utf8').split('\n')) {
        if (!line) continue;
        const o = JSON.parse(line);
        out.set(o.key, { text: o.articleBody ?? '', ...(o.error ? { error: o.error } : {}) });
      }
      resolve(out);
    });
  });
}

/** Readability.js over `jobs` ({key, file, size}) in `workers` forked processes, largest pages first. */
function runReadability({ jobs, workers, progress }) {
  const queue = [...jobs].sort((a, b) => b.size - a.size);
  const out = new Map();
  let done = 0;
  let doneBytes = 0;
  const totalMB = (jobs.reduce((a, j) => a + j.size, 0) / 1e6).toFixed(0);
  progress.readability = () => `${done}/${jobs.length} pages, ${(doneBytes / 1e6).toFixed(0)}/${totalMB} MB`;
  const script = path.join(HERE, 'readability_worker.mjs');
  const one = () =>
    new Promise((resolve) => {
      const child = fork(script, [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: ['--max-old-space-size=4096'] });
      let current = null;
      let stderr = '';
      child.stderr.on('data', (d) => {
        stderr = (stderr + d).slice(-2000);
      });
      const next = () => {
        current = queue.shift() ?? null;
        if (current) child.send({ key: current.key, file: current.file });
        else child.disconnect();
      };
      child.on('message', (m) => {
        out.set(m.key, m.error ? { textContent: '', contentText: '', error: m.error } : { textContent: m.textContent, contentText: m.contentText, ms: m.ms });
        done++;
        doneBytes += current.size;
        next();
      });
      child.on('exit', (code, signal) => {
        if (current && !out.has(current.key)) {
          // The worker died on this page (e.g. out of memory): record it, not cached, and go on with a new worker.
          out.set(current.key, { textContent: '', contentText: '', error: `worker exit ${code ?? signal}: ${stderr.trim().split('\n').pop() ?? ''}`, transient: true });
          done++;
          doneBytes += current.size;
          resolve(queue.length ? one() : undefined);
        } else resolve();
      });
      next();
    });
  return Promise.all(Array.from({ length: Math.max(1, Math.min(workers, queue.length)) }, one)).then(() => out);
}

/**
 * Per corpus: id -> trafilatura text, id -> Readability.js {textContent,
 * contentText}, from the cache where it holds the page at this tool version,
 * else by running the tool (all corpora's missing pages in one batch:
 * trafilatura in one Python process, Readability.js in `workers` Node
 * processes, at the same time).
 */
export async function anchorTexts({ corpora, python, script, root, cacheDir, workers, tmp, log }) {
  const tools = {
    trafilatura: trafilaturaVersion(python, script),
    readability: readabilityVersion(root),
  };
  const setting = {
    trafilatura: (c) => `${tools.trafilatura}; include_comments=${trafilaturaIncludeComments(c.layout) ? 'True (default)' : 'False'}; harness ${HARNESS}`,
    readability: () => `${tools.readability}; textContent + content as block text; harness ${HARNESS}`,
  };
  const state = [];
  const jobs = { trafilatura: [], readability: [] };
  let cached = 0;
  for (const c of corpora) {
    const hashes = new Map();
    const sizes = new Map();
    for (const [id, file] of c.files) {
      const bytes = readPage(file);
      hashes.set(id, sha(bytes).slice(0, 16));
      sizes.set(id, bytes.length);
    }
    const st = { corpus: c, hashes, caches: {}, files: {} };
    for (const tool of ['trafilatura', 'readability']) {
      const file = path.join(cacheDir, `${c.name}.${tool}.jsonl.gz`);
      const cache = readCache(file);
      const want = setting[tool](c);
      st.files[tool] = file;
      st.caches[tool] = cache;
      for (const id of c.ids) {
        const e = cache.get(id);
        if (e && e.page === hashes.get(id) && e.tool === want) {
          cached++;
          continue;
        }
        const key = `${c.name}\u0000${id}`;
        if (tool === 'trafilatura') jobs.trafilatura.push({ key, file: c.files.get(id), includeComments: trafilaturaIncludeComments(c.layout) });
        else jobs.readability.push({ key, file: c.files.get(id), size: sizes.get(id) });
      }
    }
    state.push(st);
  }
  const toRun = jobs.trafilatura.length + jobs.readability.length;
  log(`quality: anchors: ${cached} page outputs from the cache (${path.relative(process.cwd(), cacheDir)}), to run: trafilatura ${jobs.trafilatura.length}, Readability.js ${jobs.readability.length}${jobs.readability.length ? ` (${workers} processes)` : ''}`);
  let fresh = { trafilatura: new Map(), readability: new Map() };
  const seconds = {};
  if (toRun) {
    const progress = {};
    const t0 = Date.now();
    const timer = setInterval(() => {
      const parts = [];
      if (jobs.trafilatura.length) parts.push(`trafilatura ${progress.trafilatura?.() ?? 0}/${jobs.trafilatura.length} pages`);
      if (jobs.readability.length) parts.push(`Readability.js ${progress.readability?.() ?? '0'} (largest pages first)`);
      log(`quality: anchors: ${parts.join(', ')} (${Math.round((Date.now() - t0) / 1000)} s)`);
    }, 60_000);
    const timed = (k, p) => p.then((x) => ((seconds[k] = Math.round((Date.now() - t0) / 1000)), x));
    try {
      const [t, r] = await Promise.all([
        jobs.trafilatura.length ? timed('trafilatura', runTrafilatura({ python, script, jobs: jobs.trafilatura, tmp, progress })) : new Map(),
        jobs.readability.length ? timed('readability', runReadability({ jobs: jobs.readability, workers, progress })) : new Map(),
      ]);
      fresh = { trafilatura: t, readability: r };
    } finally {
      clearInterval(timer);
    }
  }
  const out = {};
  const errors = { trafilatura: [], readability: [] };
  for (const st of state) {
    const c = st.corpus;
    const res = { trafilatura: new Map(), readability: new Map(), readabilityBlocks: new Map() };
    for (const tool of ['trafilatura', 'readability']) {
      const want = setting[tool](c);
      const entries = [];
      let changed = false;
      for (const id of c.ids) {
        let e = st.caches[tool].get(id);
        const f = fresh[tool].get(`${c.name}\u0000${id}`);
        if (f) {
          e = { id, page: st.hashes.get(id), tool: want, ...f };
          changed = true;
        } else if (!e || e.page !== st.hashes.get(id) || e.tool !== want) {
          e = { id, text: '', textContent: '', contentText: '', error: 'no output', transient: true };
        }
        if (e.error) errors[tool].push(`${c.name}/${id}: ${e.error}`);
        if (!e.transient) entries.push(e);
        if (tool === 'trafilatura') res.trafilatura.set(id, e.text);
        else {
          res.readability.set(id, e.textContent);
          res.readabilityBlocks.set(id, e.contentText);
        }
      }
      // Keep the entries of pages not run this time (--pages), drop none.
      const ids = new Set(c.ids);
      for (const [id, e] of st.caches[tool]) if (!ids.has(id)) entries.push(e);
      if (changed) writeCache(st.files[tool], entries.sort((a, b) => byteOrder(a.id, b.id)));
    }
    out[c.name] = res;
  }
  return { texts: out, versions: { trafilatura: setting.trafilatura, readability: setting.readability(), tools }, cachedOutputs: cached, ran: { trafilatura: jobs.trafilatura.length, readability: jobs.readability.length }, seconds, errors };
}

// ------------------------------------------------------------ scores ---

/** Per tool, the corpus score of `predictions` (tool -> id -> text) against `expected`. */
export function scoreAll(expected, predictions) {
  const out = {};
  for (const [tool, texts] of Object.entries(predictions)) {
    const pages = new Map();
    for (const [name, e] of expected) pages.set(name, { predicted: texts.get(name) ?? '', expected: e });
    out[tool] = corpusScore(pages);
  }
  return out;
}

/** Corpus figures of per-page rows: eval.rs's, plus ScrapingHub's convention for reference. */
export function figuresOf(rows) {
  const sh = scrapinghubMeans(rows);
  return { ...means(rows), emptyPredictions: sh.emptyPredictions, scrapinghub: { f1: sh.f1, precision: sh.precision, recall: sh.recall } };
}

/** Figures of `scores` over the pages `ids` only (means over those pages). */
export function subsetScores(scores, ids) {
  const keep = new Set(ids);
  return Object.fromEntries(Object.entries(scores).map(([tool, s]) => [tool, figuresOf(s.pages.filter((p) => keep.has(p.page)))]));
}

/** modern/: per group of page types, and all pages. */
export function byType(scores, types) {
  const out = [];
  for (const [group, members] of TYPE_GROUPS) {
    const ids = [...types].filter(([, t]) => members.includes(t)).map(([id]) => id);
    if (ids.length) out.push({ group, types: members, pages: ids.length, scores: subsetScores(scores, ids) });
  }
  const known = new Set(TYPE_GROUPS.flatMap(([, m]) => m));
  const other = [...types].filter(([, t]) => !known.has(t)).map(([id]) => id);
  if (other.length) out.push({ group: 'other', types: [...new Set(other.map((id) => types.get(id)))], pages: other.length, scores: subsetScores(scores, other) });
  const all = scores.chaff.pages.length;
  out.push({ group: 'all pages', types: null, pages: all, scores: Object.fromEntries(Object.entries(scores).map(([k, s]) => [k, figuresOf(s.pages)])) });
  return out;
}

/** The `n` pages where Chaff's F1 is furthest below the better anchor's (trafilatura, Readability.js textContent). */
export function worstPages(scores, types, n = 10) {
  const row = (tool) => new Map(scores[tool].pages.map((p) => [p.page, p.f1]));
  const [c, t, r] = ['chaff', 'trafilatura', 'readability'].map(row);
  return [...c.keys()]
    .map((id) => {
      const best = Math.max(t.get(id), r.get(id));
      return { page: id, type: types.get(id) ?? null, chaff: c.get(id), trafilatura: t.get(id), readability: r.get(id), gap: best - c.get(id) };
    })
    .sort((a, b) => b.gap - a.gap || byteOrder(a.page, b.page))
    .slice(0, n);
}

/**
 * Per-page figures for results.json, by column to keep the file small:
 * {pages, types (modern), precision: {tool: [...]}, recall: {tool: [...]}},
 * 4 decimals, in the order of `pages`.
 */
export function perPageRows(scores, types) {
  const tools = Object.keys(scores);
  const pages = scores.chaff.pages.map((p) => p.page);
  const r4 = (x) => Math.round(x * 1e4) / 1e4;
  const col = (k) => Object.fromEntries(tools.map((t) => {
    const m = new Map(scores[t].pages.map((p) => [p.page, p[k]]));
    return [t, pages.map((id) => r4(m.get(id)))];
  }));
  const out = { pages };
  if (types.size) out.types = pages.map((id) => types.get(id) ?? null);
  out.precision = col('precision');
  out.recall = col('recall');
  return out;
}

export { f1 };
