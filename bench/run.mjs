#!/usr/bin/env node
// Chaff's benchmark: `make bench` runs this (see bench/README.md).
//
//   node bench/run.mjs [--stages native,quality,chromium,firefox,sizes]
//                      [--pages N] [--repeats N] [--min-ms N] [--quick]
//                      [--corpora DIR] [--quality-corpora a,b] [--jobs N]
//
// Writes bench/results.json, then bench/results.md and bench/results.svg
// (bench/report.mjs). With --stages, the other stages' results are kept
// from the existing results.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { serve } from './lib/server.mjs';
import * as browsers from './lib/browsers.mjs';
import { profilePages, runCorpus, startup } from './lib/inbrowser.mjs';
import * as native from './lib/native.mjs';
import * as quality from './lib/quality.mjs';
import { sizes } from './lib/sizes.mjs';
import * as wasmprof from './lib/wasmprof.mjs';
import { qualityBars, report, resultsJson } from './report.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const ALL = ['native', 'quality', 'chromium', 'firefox', 'sizes', 'wasmprofile'];
const DEFAULT = ['native', 'quality', 'chromium', 'firefox', 'sizes'];

function args(argv) {
  const o = { stages: DEFAULT, pages: 0, repeats: 5, minMs: 50, minRuns: 3, profilePages: 3, trafilaturaSeconds: 8, cliRounds: 5 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--stages') o.stages = next().split(',').filter(Boolean);
    else if (a === '--pages') o.pages = Number(next());
    else if (a === '--repeats') o.repeats = Number(next());
    else if (a === '--min-ms') o.minMs = Number(next());
    else if (a === '--corpus') o.corpus = next();
    else if (a === '--corpora') o.corpora = next();
    else if (a === '--quality-corpora') o.qualityCorpora = next().split(',').filter(Boolean);
    else if (a === '--jobs') o.jobs = Number(next());
    else if (a === '--out') o.out = next();
    else if (a === '--quick') Object.assign(o, { pages: 12, repeats: 2, trafilaturaSeconds: 2, cliRounds: 2, profilePages: 1 });
    else if (a === '--no-cargo-bench') o.noCargoBench = true;
    else if (a === '--wasm-profile') o.stages = [...new Set([...o.stages, 'wasmprofile'])];
    else throw new Error(`unknown option ${a}`);
  }
  for (const s of o.stages) if (!ALL.includes(s)) throw new Error(`unknown stage ${s} (stages: ${ALL.join(', ')})`);
  o.corpus = path.resolve(o.corpus ?? process.env.CHAFF_CORPUS ?? path.join(ROOT, '..', 'shared', 'corpus', 'readability'));
  o.corpora = path.resolve(o.corpora ?? process.env.CHAFF_CORPORA ?? path.join(ROOT, '..', 'shared', 'corpus'));
  o.cacheDir = path.resolve(process.env.CHAFF_BENCH_CACHE ?? path.join(HERE, '.cache', 'quality'));
  o.jobs = o.jobs > 0 ? o.jobs : os.availableParallelism?.() ?? os.cpus().length;
  o.out = path.resolve(o.out ?? path.join(HERE, 'results.json'));
  fs.mkdirSync(path.dirname(o.out), { recursive: true });
  return o;
}

const log = (...m) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...m);
const load = () => os.loadavg().map((x) => Number(x.toFixed(2)));
const tryRun = (cmd, a) => {
  try {
    return execFileSync(cmd, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
};

function need(file, hint) {
  if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} missing: ${hint}`);
}

const ARTIFACTS = {
  chaff: 'target/release/chaff',
  wasm: 'target/wasm-pkg/chaff_bg.wasm',
  chromiumDir: 'dist/chromium',
  firefoxDir: 'dist/firefox',
  chromiumZip: 'dist/chaff-chromium.zip',
  firefoxXpi: 'dist/chaff-firefox.xpi',
  // The walker for the in-page split (the content script ships bundled, so
  // dist/ has no snapshot.js of its own).
  walker: 'extension/src/snapshot.js',
};

function hashOf(p) {
  if (!fs.existsSync(p)) return null;
  const h = createHash('sha256');
  const add = (f) => {
    if (fs.statSync(f).isDirectory()) for (const e of fs.readdirSync(f).sort()) add(path.join(f, e));
    else h.update(path.relative(p, f)).update(fs.readFileSync(f));
  };
  add(p);
  return h.digest('hex').slice(0, 16);
}

/**
 * Copies the binary, the Wasm and the packaged extension into `tmp` and
 * measures the copies: others may rebuild target/ and dist/ while a run is
 * under way, and one run must measure one build.
 */
function takeArtifacts(tmp) {
  const out = { hashes: {} };
  const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  for (let attempt = 1; ; attempt++) {
    const before = Object.fromEntries(Object.entries(ARTIFACTS).map(([k, rel]) => [k, hashOf(path.join(ROOT, rel))]));
    for (const [k, rel] of Object.entries(ARTIFACTS)) {
      const src = path.join(ROOT, rel);
      if (!fs.existsSync(src)) continue;
      const dst = path.join(tmp, 'artifacts', k === 'chaff' ? 'chaff' : rel);
      fs.rmSync(dst, { recursive: true, force: true });
      fs.mkdirSync(path.dirname(dst), { recursive: true });
      fs.cpSync(src, dst, { recursive: true, preserveTimestamps: true });
      out[k] = dst;
    }
    const copied = Object.fromEntries(Object.keys(ARTIFACTS).map((k) => [k, out[k] ? hashOf(out[k]) : null]));
    // A build in progress elsewhere (make dist) could be caught half-written:
    // keep the copy only if the sources did not change while copying.
    if (Object.keys(ARTIFACTS).every((k) => before[k] === copied[k])) {
      out.hashes = copied;
      break;
    }
    if (attempt === 10) throw new Error('target/ or dist/ kept changing while being copied; try again when no build is running');
    pause(3000);
  }
  out.root = path.join(tmp, 'artifacts');
  return out;
}

async function main() {
  const o = args(process.argv.slice(2));
  const python = path.join(HERE, '.venv', 'bin', 'python');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chaff-bench-'));
  const art = takeArtifacts(tmp);
  const chaff = art.chaff ?? path.join(ROOT, ARTIFACTS.chaff);
  const names = fs
    .readdirSync(o.corpus, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(o.corpus, d.name, 'source.html')))
    .map((d) => d.name)
    .sort();
  const chosen = o.pages > 0 ? names.filter((_, i) => i % Math.ceil(names.length / o.pages) === 0).slice(0, o.pages) : names;
  const files = chosen.map((n) => path.join(o.corpus, n, 'source.html'));
  const bytes = files.reduce((a, f) => a + fs.statSync(f).size, 0);
  const listFile = path.join(tmp, 'pages.txt');
  fs.writeFileSync(listFile, files.join('\n') + '\n');

  const partial = DEFAULT.some((s) => !o.stages.includes(s));
  const results = fs.existsSync(o.out) && partial ? JSON.parse(fs.readFileSync(o.out, 'utf8')) : {};
  const git = tryRun('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD']);
  const dirty = tryRun('git', ['-C', ROOT, 'status', '--porcelain', '--', 'src', 'extension', 'Cargo.toml', 'Cargo.lock']);
  const previousRun = partial ? results.run : undefined;
  // The in-page figures from before issue 11's work, kept once (the first
  // partial re-run of a browser stage), so that results.md shows them beside
  // every later run.
  if (partial && results.summary) {
    for (const k of ['chromium', 'firefox']) {
      if (o.stages.includes(k) && results.summary[k] && !results.before?.[k]) {
        results.before ??= {};
        results.before[k] = { date: previousRun?.date ?? null, git: previousRun?.git ?? null, summary: results.summary[k] };
      }
    }
  }
  results.run = {
    date: new Date().toISOString(),
    git: git && `${git}${dirty ? ' (+ uncommitted changes in src/ or extension/)' : ''}`,
    corpus: path.relative(ROOT, o.corpus),
    pages: chosen.length,
    bytes,
    options: { repeats: o.repeats, minMs: o.minMs, minRuns: o.minRuns, stages: o.stages },
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGB: Number((os.totalmem() / 2 ** 30).toFixed(1)) },
    loadAtStart: load(),
    artifacts: art.hashes,
    versions: {
      node: process.version,
      chaff: art.chromiumDir ? JSON.parse(fs.readFileSync(path.join(art.chromiumDir, 'manifest.json'), 'utf8')).version : null,
      readability: JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', '@mozilla', 'readability', 'package.json'), 'utf8')).version,
      python: fs.existsSync(python) ? tryRun(python, ['--version']) : null,
    },
  };
  if (previousRun) {
    // A partial run: keep the full run's header, note what was redone.
    const redo = { date: results.run.date, stages: o.stages, load: results.run.loadAtStart, git: results.run.git, artifacts: art.hashes };
    const used = {
      native: ['chaff'],
      quality: ['chaff'],
      chromium: ['chromiumDir', 'walker'],
      firefox: ['firefoxXpi', 'firefoxDir', 'walker'],
      sizes: ['wasm', 'chromiumZip', 'firefoxXpi', 'chromiumDir'],
      wasmprofile: ['chromiumDir'],
    };
    const keys = [...new Set(o.stages.flatMap((st) => used[st] ?? []))];
    const differ = keys.filter((k) => previousRun.artifacts && previousRun.artifacts[k] !== art.hashes[k]);
    if (differ.length) {
      redo.artifactsDifferFromFullRun = differ.map((k) => ARTIFACTS[k]);
      log(`warning: ${redo.artifactsDifferFromFullRun.join(', ')} differ from the full run's; the stages now re-run measure another build`);
    }
    results.run = { ...previousRun, updates: [...(previousRun.updates ?? []), redo] };
  }
  results.load = results.load ?? {};
  const stageLoad = (s, f) => async () => {
    const before = load();
    const t = Date.now();
    await f();
    results.load[s] = { before, after: load(), seconds: Math.round((Date.now() - t) / 1000) };
    fs.writeFileSync(o.out, resultsJson(results));
  };
  log(`${chosen.length} pages (${(bytes / 1e6).toFixed(1)} MB) from ${o.corpus}; stages ${o.stages.join(',')}; load ${load().join(' ')}`);

  const stages = {
    native: async () => {
      need(chaff, 'run make build');
      need(python, 'run bench/setup.sh (make bench does)');
      log('native: chaff extract (CLI)');
      const cli = native.chaffCli({ chaff, files, bytes, rounds: o.cliRounds });
      let bench = null;
      if (!o.noCargoBench) {
        log('native: cargo bench --bench throughput');
        bench = native.cargoBench({ root: ROOT, corpus: o.corpus });
      }
      log('native: trafilatura');
      const traf = native.trafilatura({ python, script: path.join(HERE, 'trafilatura_bench.py'), listFile, minSeconds: o.trafilaturaSeconds, tmp });
      results.native = { pages: files.length, bytes, chaffCli: cli, chaffCargoBench: bench, trafilatura: traf };
      log(`native: chaff ${cli.oneThread.pagesPerSecond.toFixed(1)} pages/s (1 thread), trafilatura ${traf.oneThread.pagesPerSecond.toFixed(1)}`);
    },
    quality: async () => {
      need(chaff, 'run make build');
      need(python, 'run bench/setup.sh (make bench does)');
      const t0 = Date.now();
      const subset = (ids) => (o.pages > 0 ? ids.filter((_, i) => i % Math.ceil(ids.length / o.pages) === 0).slice(0, o.pages) : ids);
      const corpora = quality.listCorpora(o.corpora, o.qualityCorpora).map((c) => quality.loadCorpus(c, subset));
      if (!corpora.length) throw new Error(`no corpora under ${o.corpora}`);
      log(`quality: ${corpora.map((c) => `${c.name} ${c.ids.length}`).join(', ')} pages (${path.relative(process.cwd(), o.corpora) || '.'})`);
      const timing = {};
      const chaffOut = {};
      const evals = {};
      let t = Date.now();
      for (const c of corpora) {
        chaffOut[c.name] = quality.chaffTexts({ chaff, corpus: c, tmp });
        // The port check needs every page: chaff eval scores a whole folder.
        if (c.full) evals[c.name] = quality.chaffEval({ chaff, dir: c.dir });
      }
      timing.chaffSeconds = Math.round((Date.now() - t) / 1000);
      log(`quality: chaff extract${Object.keys(evals).length ? ' and chaff eval' : ''} in ${timing.chaffSeconds} s`);
      t = Date.now();
      const anchors = await quality.anchorTexts({
        corpora,
        python,
        script: path.join(HERE, 'trafilatura_bench.py'),
        root: ROOT,
        cacheDir: o.cacheDir,
        workers: o.jobs,
        tmp,
        log,
      });
      timing.anchorSeconds = Math.round((Date.now() - t) / 1000);
      const out = {};
      const f3 = (x) => (x === null || x === undefined ? '  –  ' : x.toFixed(3));
      for (const c of corpora) {
        const a = anchors.texts[c.name];
        const scores = quality.scoreAll(c.expected, {
          chaff: chaffOut[c.name].texts,
          trafilatura: a.trafilatura,
          readability: a.readability,
          readabilityBlocks: a.readabilityBlocks,
        });
        const check = evals[c.name] ? quality.portCheck(evals[c.name], scores.chaff) : null;
        const entry = {
          dir: path.relative(ROOT, c.dir),
          layout: c.layout,
          pages: c.ids.length,
          allPages: c.full,
          expected: c.layout === 'readability' ? 'text of expected.html (<body>, one line per block, as chaff eval renders it)' : 'articleBody of ground-truth.json (as chaff eval takes it)',
          trafilaturaSetting: quality.trafilaturaIncludeComments(c.layout) ? 'extract(html) (defaults: include_comments=True)' : 'extract(html, include_comments=False)',
          scores: Object.fromEntries(Object.entries(scores).map(([k, s]) => [k, quality.figuresOf(s.pages)])),
          portCheck: check,
          chaffErrors: chaffOut[c.name].errors,
        };
        if (c.groundTruthJson) entry.groundTruthJson = c.groundTruthJson;
        if (c.types.size) entry.byType = quality.byType(scores, c.types);
        entry.worst = quality.worstPages(scores, c.types, 10);
        entry.perPage = quality.perPageRows(scores, c.types);
        out[c.name] = entry;
        const s = entry.scores;
        log(`quality: ${c.name} (${c.ids.length} pages): F1 chaff ${f3(s.chaff.f1)}, trafilatura ${f3(s.trafilatura.f1)}, Readability.js ${f3(s.readability.f1)} (content as blocks ${f3(s.readabilityBlocks.f1)})`);
        const sh = (k) => `${f3(s[k].scrapinghub.f1)}${s[k].emptyPredictions ? ` (${s[k].emptyPredictions} empty)` : ''}`;
        log(`quality: ${c.name}: F1 by ScrapingHub's evaluate.py rule (the corpus README's; empty outputs left out of precision): chaff ${sh('chaff')}, trafilatura ${sh('trafilatura')}, Readability.js ${sh('readability')}`);
        if (check) log(`quality: ${c.name}: chaff eval F1 ${check.chaffEval.f1} vs this scorer on chaff extract ${check.port.f1}: ${check.exact ? 'equal (every page and the means, exactly)' : `DIFFERENT (${check.pagesDiffering.length} pages differ: ${check.pagesDiffering.slice(0, 5).join(', ')})`}`);
        else log(`quality: ${c.name}: port check skipped (a subset of the pages)`);
        for (const g of entry.byType ?? []) {
          if (g.group === 'all pages') continue;
          log(`quality:   ${c.name} ${g.group.padEnd(13)} ${String(g.pages).padStart(4)} pages: chaff ${f3(g.scores.chaff.f1)}, trafilatura ${f3(g.scores.trafilatura.f1)}, Readability.js ${f3(g.scores.readability.f1)}`);
        }
      }
      const bars = qualityBars(out);
      for (const b of bars) {
        const anchorsText = b.bar === 'readability' ? '' : ` (trafilatura ${f3(b.trafilatura)}, Readability.js ${f3(b.readability)})`;
        log(`quality: bar ${b.met ? 'met   ' : 'MISSED'} ${b.bar}: Chaff ${f3(b.chaff)} vs goal ${f3(b.goal)}${anchorsText}, margin ${b.margin >= 0 ? '+' : ''}${b.margin.toFixed(3)}`);
      }
      for (const c of corpora) {
        const w = out[c.name].worst;
        log(`quality: ${c.name}: pages where Chaff trails the better anchor most (F1 chaff / trafilatura / Readability.js):`);
        console.log(w.map((r) => `    ${r.page.padEnd(22)}${r.type ? ` ${r.type.padEnd(13)}` : ''} ${f3(r.chaff)} / ${f3(r.trafilatura)} / ${f3(r.readability)}  gap ${r.gap.toFixed(3)}`).join('\n'));
      }
      timing.seconds = Math.round((Date.now() - t0) / 1000);
      results.quality = {
        scorer: 'bench/lib/score.mjs (port of src/eval.rs): \\w+ tokens, 4-token shingle multisets, per-page precision/recall, corpus means, F1 of the means',
        corpora: out,
        bars,
        anchors: {
          trafilatura: anchors.versions.tools.trafilatura,
          readability: anchors.versions.tools.readability,
          readabilityNote: 'Readability.js 0.6 in jsdom: textContent of its article (the anchor); readabilityBlocks: its content rendered to block text',
          cache: path.relative(ROOT, o.cacheDir),
          cachedOutputs: anchors.cachedOutputs,
          ran: anchors.ran,
          seconds: anchors.seconds,
          errors: anchors.errors,
        },
        timing,
      };
      for (const [tool, errs] of Object.entries(anchors.errors)) if (errs.length) log(`quality: ${tool} failed on ${errs.length} pages (scored as empty): ${errs.slice(0, 3).join('; ')}`);
    },
    chromium: async () => {
      need(path.join(art.chromiumDir ?? '/nonexistent', 'manifest.json'), 'run make dist');
      const srv = await serve({ corpus: o.corpus, extDir: art.chromiumDir, walker: art.walker });
      const b = await browsers.chromium({ extensionDir: art.chromiumDir });
      try {
        log(`chromium: ${b.version}`);
        const opts = { repeats: o.repeats, minMs: o.minMs, minRuns: o.minRuns, warmup: [chosen[0]] };
        const rows = await runCorpus(b, o.origin ?? srv.origin, chosen, opts, log);
        const state = await b.state();
        const start = await startup(b, srv.origin, 10);
        const slowest = rows.filter((r) => !r.error).sort((x, y) => (y.chaffRepeat ?? 0) - (x.chaffRepeat ?? 0)).slice(0, o.profilePages).map((r) => r.page);
        log(`chromium: CPU profiles of ${slowest.join(', ')}`);
        const profile = await profilePages(b, srv.origin, slowest, o.repeats);
        results.chromium = { version: b.version, engine: state?.engine ?? null, engineNote: state?.engineNote ?? null, rows, startup: start, profile };
      } finally {
        await b.close();
        await srv.close();
      }
    },
    firefox: async () => {
      need(art.firefoxXpi ?? '/nonexistent/chaff-firefox.xpi', 'run make dist');
      const srv = await serve({ corpus: o.corpus, extDir: art.firefoxDir ?? art.chromiumDir, walker: art.walker });
      const b = await browsers.firefox({ xpi: art.firefoxXpi });
      try {
        log(`firefox: ${b.version}`);
        const opts = { repeats: o.repeats, minMs: o.minMs, minRuns: o.minRuns, warmup: [chosen[0]] };
        const rows = await runCorpus(b, srv.origin, chosen, opts, log);
        const start = await startup(b, srv.origin, 10);
        const slowest = rows.filter((r) => !r.error).sort((x, y) => (y.chaffRepeat ?? 0) - (x.chaffRepeat ?? 0)).slice(0, o.profilePages).map((r) => r.page);
        log(`firefox: CPU profiles of ${slowest.join(', ')}`);
        let profile = null;
        try {
          profile = await profilePages(b, srv.origin, slowest, o.repeats);
        } catch (e) {
          profile = { error: String(e.message ?? e) };
        }
        results.firefox = { version: b.version, rows, startup: start, profile };
      } finally {
        await b.close();
        await srv.close();
      }
    },
    sizes: async () => {
      results.sizes = sizes(art.root, ROOT);
    },
    wasmprofile: async () => {
      const pkg = wasmprof.build(ROOT, log);
      log('wasm profile: classify_wire in Node on the largest pages');
      results.wasmProfile = await wasmprof.profile({ source: ROOT, corpus: o.corpus, names: chosen, pkg });
    },
  };
  for (const s of ALL) if (o.stages.includes(s)) await stageLoad(s, stages[s])();
  const after = Object.fromEntries(Object.keys(ARTIFACTS).map((k) => [k, hashOf(path.join(ROOT, ARTIFACTS[k]))]));
  const changed = Object.keys(ARTIFACTS).filter((k) => after[k] !== art.hashes[k]);
  if (changed.length) {
    results.run.artifactsChangedDuringRun = changed.map((k) => ARTIFACTS[k]);
    log(`note: ${changed.map((k) => ARTIFACTS[k]).join(', ')} changed during the run; the copies taken at the start were measured`);
  }
  if (!previousRun) {
    results.run.loadAtEnd = load();
    results.run.seconds = Math.round(process.uptime());
  }
  const { md, svg } = report(results); // also sets results.summary
  fs.writeFileSync(o.out, resultsJson(results));
  const base = o.out.replace(/\.json$/, '');
  fs.writeFileSync(`${base}.md`, md);
  fs.writeFileSync(`${base}.svg`, svg);
  fs.rmSync(tmp, { recursive: true, force: true });
  log(`wrote ${path.relative(process.cwd(), o.out)}, ${path.relative(process.cwd(), base)}.md, .svg in ${Math.round(process.uptime())} s`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
