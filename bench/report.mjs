// results.json -> summary (medians, p90s, ratios, targets), results.md and
// results.svg (hand-written SVG, no dependencies).
//
//   node bench/report.mjs [bench/results.json]   re-renders .md and .svg
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, p90, summary } from './lib/stats.mjs';

export const TARGETS = {
  readabilityRatio: 1 / 8, // Chaff's pass <= 1/8 of Readability's parse (median)
  walkRatio: 5, // Chaff's pass <= 5x the bare walk (median)
  trafilaturaSpeedup: 5, // Chaff >= 5x trafilatura, one thread
  // Issue 11, against Readability.js's first parse() on the page: Chaff's
  // first pass median <= 0.5x and p90 <= 1x; its repeated pass median <= 0.25x.
  firstOverReadabilityFirstMedian: 0.5,
  firstOverReadabilityFirstP90: 1,
  repeatOverReadabilityFirstMedian: 0.25,
};

/** Least squares y = a + b x over [x, y] points, with R². */
export function linearFit(points) {
  const n = points.length;
  if (n < 3) return null;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of points) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  if (sxx === 0) return null;
  const b = sxy / sxx;
  const a = my - b * mx;
  const res = points.reduce((acc, [x, y]) => acc + (y - a - b * x) ** 2, 0);
  return { n, intercept: a, slope: b, r2: syy > 0 ? 1 - res / syy : null };
}

const SPLIT_KEYS = ['initMs', 'walkMs', 'classifyMs', 'markMs', 'busyMs'];

export const QUALITY_BARS = { margin: 0.01, readabilityCorpus: 0.98 };

/**
 * The quality bars: on modern (all pages, articles and blog posts), dragnet
 * and cleaneval Chaff's F1 >= the better anchor's + 0.01; on the readability
 * corpus Chaff's F1 >= 0.98. From results.quality.corpora
 * (the quality stage prints them; report() writes them to results.quality.bars).
 */
export function qualityBars(corpora) {
  const bars = [];
  const vs = (label, s, pages) => {
    if (!s?.chaff || !s.trafilatura || !s.readability) return;
    const best = Math.max(s.trafilatura.f1, s.readability.f1);
    const goal = best + QUALITY_BARS.margin;
    bars.push({ bar: label, pages, chaff: s.chaff.f1, trafilatura: s.trafilatura.f1, readability: s.readability.f1, goal, rule: `Chaff F1 >= max(trafilatura, Readability.js) + ${QUALITY_BARS.margin}`, met: s.chaff.f1 >= goal - 1e-12, margin: s.chaff.f1 - goal });
  };
  const m = corpora.modern;
  if (m) {
    vs('modern, all pages', m.scores, m.pages);
    const a = m.byType?.find((g) => g.group === 'articles');
    if (a) vs('modern, articles and blog posts', a.scores, a.pages);
  }
  for (const k of ['dragnet', 'cleaneval']) if (corpora[k]) vs(k, corpora[k].scores, corpora[k].pages);
  const r = corpora.readability;
  if (r?.scores?.chaff) {
    const goal = QUALITY_BARS.readabilityCorpus;
    bars.push({ bar: 'readability', pages: r.pages, chaff: r.scores.chaff.f1, trafilatura: r.scores.trafilatura?.f1 ?? null, readability: r.scores.readability?.f1 ?? null, goal, rule: `Chaff F1 >= ${goal}`, met: r.scores.chaff.f1 >= goal, margin: r.scores.chaff.f1 - goal });
  }
  return bars;
}

const ok = (r) => r.error === undefined && r.chaffFirst !== undefined;

function browserSummary(b) {
  const rows = b.rows.filter(ok);
  const col = (f) => rows.map(f).filter((x) => typeof x === 'number' && Number.isFinite(x));
  const ratio = (f, g) => rows.map((r) => (f(r) > 0 && g(r) > 0 ? f(r) / g(r) : null)).filter((x) => x !== null);
  const rd = (r) => r.readability?.perRun;
  const rdFirst = (r) => r.readability?.first;
  const walk = (r) => r.walk?.perRun;
  const s = {
    version: b.version,
    pages: b.rows.length,
    measured: rows.length,
    errors: b.rows.filter((r) => !ok(r)).map((r) => `${r.page}: ${r.error}`),
    timerStepMs: median(col((r) => r.timerStepMs)),
    ms: {
      chaffFirst: summary(col((r) => r.chaffFirst)),
      chaffRepeat: summary(col((r) => r.chaffRepeat)),
      readabilityFirst: summary(col(rdFirst)),
      readability: summary(col(rd)),
      walk: summary(col(walk)),
      snapshot: summary(col((r) => r.split?.snapshot?.perRun)),
      snapshotByNames: summary(col((r) => r.split?.snapshotByNames?.perRun)),
      classify: summary(col((r) => r.split?.classify?.perRun)),
      classifyFirst: summary(col((r) => r.split?.classify?.first)),
      wasmDecode: summary(col((r) => r.split?.decodeMs)),
      wasmCompile: summary(col((r) => r.split?.compileMs)),
      passStartAfterDCL: summary(col((r) => r.passStartAfterDCL)),
    },
    ratios: {
      firstOverReadability: summary(ratio((r) => r.chaffFirst, rd)),
      firstOverReadabilityFirst: summary(ratio((r) => r.chaffFirst, rdFirst)),
      firstBusyOverReadabilityFirst: summary(ratio((r) => r.chaffFirstDetail?.busyMs, rdFirst)),
      repeatOverReadability: summary(ratio((r) => r.chaffRepeat, rd)),
      repeatOverReadabilityFirst: summary(ratio((r) => r.chaffRepeat, rdFirst)),
      firstOverWalk: summary(ratio((r) => r.chaffFirst, walk)),
      repeatOverWalk: summary(ratio((r) => r.chaffRepeat, walk)),
      snapshotOverWalk: summary(ratio((r) => r.split?.snapshot?.perRun, walk)),
      snapshotByNamesOverSnapshot: summary(ratio((r) => r.split?.snapshotByNames?.perRun, (r) => r.split?.snapshot?.perRun)),
    },
    snapshotByNamesSameOutput: rows.filter((r) => r.split?.snapshotByNames?.sameOutput === true).length,
    snapshotByNamesCompared: rows.filter((r) => r.split?.snapshotByNames).length,
  };
  // Where the content script's own pass goes (the `detail` of its
  // `chaff:clean` measure): waiting for the core, the walk, classifying,
  // marking; first pass, and the median of each page's re-runs.
  const repeatDetail = (r, k) => median((r.chaffRepeatDetails ?? []).map((d) => d?.[k]));
  if (rows.some((r) => r.chaffFirstDetail)) {
    s.passSplit = {
      first: Object.fromEntries(SPLIT_KEYS.map((k) => [k, summary(col((r) => r.chaffFirstDetail?.[k]))])),
      repeat: Object.fromEntries(SPLIT_KEYS.map((k) => [k, summary(col((r) => repeatDetail(r, k)))])),
    };
  }
  // The cost of a pass as a function of the page's size: ms against the
  // snapshot's node count, over the pages.
  const nodesOf = (r) => r.chaffFirstDetail?.nodes ?? r.split?.snapshotNodes;
  const pts = (g) => rows.filter((r) => nodesOf(r) > 0 && Number.isFinite(g(r))).map((r) => [nodesOf(r), g(r)]);
  s.costByNodes = {
    nodes: summary(col(nodesOf)),
    first: linearFit(pts((r) => r.chaffFirst)),
    repeat: linearFit(pts((r) => r.chaffRepeat)),
    walk: linearFit(pts((r) => repeatDetail(r, 'walkMs'))),
    classify: linearFit(pts((r) => repeatDetail(r, 'classifyMs'))),
    readabilityFirst: linearFit(pts(rdFirst)),
    firstPer1000: summary(rows.filter((r) => nodesOf(r) > 0).map((r) => (1000 * r.chaffFirst) / nodesOf(r))),
    repeatPer1000: summary(rows.filter((r) => nodesOf(r) > 0 && r.chaffRepeat > 0).map((r) => (1000 * r.chaffRepeat) / nodesOf(r))),
  };
  // The profiled pages: the pass, snapshot.js and the Wasm call per pass in
  // the content script (profile, inclusive) against the same work timed in
  // the page's own world (split).
  const prof = b.profile;
  if (prof && !prof.error && prof.repeat) {
    const n = prof.passes.repeat;
    const inc = prof.repeat.inclusive;
    const per = (k) => (inc[k] ?? 0) / n;
    const pageRows = rows.filter((r) => prof.pages.includes(r.page));
    const avg = (g) => pageRows.reduce((a, r) => a + (g(r) ?? 0), 0) / Math.max(1, pageRows.length);
    s.profilePerPass = {
      pages: prof.pages,
      passes: n,
      contentScript: {
        snapshot: per('snapshot'),
        classify: per('wasm'),
        mark: per('mark'),
        report: per('report'),
        classifierOther: Math.max(0, per('classifierJs') - per('wasm')),
        switchOff: per('switchOff'),
      },
      measuredPass: avg((r) => r.chaffRepeat),
      pageWorld: { snapshot: avg((r) => r.split?.snapshot?.perRun), classify: avg((r) => r.split?.classify?.perRun) },
    };
  }
  // Share of the repeated pass: snapshot.js, Wasm classify, the rest (marking, messages).
  const parts = rows
    .filter((r) => r.split?.snapshot && r.chaffRepeat > 0)
    .map((r) => ({ snap: r.split.snapshot.perRun, cls: r.split.classify.perRun, pass: r.chaffRepeat }));
  const sum = (f) => parts.reduce((a, p) => a + f(p), 0);
  const total = sum((p) => p.pass);
  s.repeatPassShares = total
    ? { snapshot: sum((p) => p.snap) / total, classify: sum((p) => p.cls) / total, rest: Math.max(0, 1 - sum((p) => p.snap + p.cls) / total) }
    : null;
  s.medianOfRatios = {};
  s.targets = {
    firstVsReadability: { value: s.ratios.firstOverReadability.median, target: TARGETS.readabilityRatio },
    repeatVsReadability: { value: s.ratios.repeatOverReadability.median, target: TARGETS.readabilityRatio },
    firstVsWalk: { value: s.ratios.firstOverWalk.median, target: TARGETS.walkRatio },
    repeatVsWalk: { value: s.ratios.repeatOverWalk.median, target: TARGETS.walkRatio },
  };
  const mr = (a, b) => (a.median && b.median ? a.median / b.median : null);
  s.targets.firstVsReadability.ratioOfMedians = mr(s.ms.chaffFirst, s.ms.readability);
  s.targets.repeatVsReadability.ratioOfMedians = mr(s.ms.chaffRepeat, s.ms.readability);
  s.targets.firstVsWalk.ratioOfMedians = mr(s.ms.chaffFirst, s.ms.walk);
  s.targets.repeatVsWalk.ratioOfMedians = mr(s.ms.chaffRepeat, s.ms.walk);
  s.targets.issue11FirstMedian = { value: s.ratios.firstOverReadabilityFirst.median, target: TARGETS.firstOverReadabilityFirstMedian };
  s.targets.issue11FirstP90 = { value: s.ratios.firstOverReadabilityFirst.p90, target: TARGETS.firstOverReadabilityFirstP90 };
  s.targets.issue11RepeatMedian = { value: s.ratios.repeatOverReadabilityFirst.median, target: TARGETS.repeatOverReadabilityFirstMedian };
  for (const t of Object.values(s.targets)) t.met = t.value !== null && t.value !== undefined && t.value <= t.target;
  if (b.startup) {
    const st = b.startup.filter((x) => !x.error);
    s.startup = {
      loads: st.length,
      dclToPassStart: median(st.map((x) => x.passStart - x.domContentLoadedEventEnd)),
      firstPassMs: median(st.map((x) => x.passMs)),
      dclToPassEnd: median(st.map((x) => x.passEnd - x.domContentLoadedEventEnd)),
      responseEndToPassEnd: median(st.map((x) => x.passEnd - x.responseEnd)),
      loaderStartToPassEnd: st.every((x) => x.loaderStart !== null) ? median(st.map((x) => x.passEnd - x.loaderStart)) : null,
    };
  }
  return s;
}

export function summarise(results) {
  const out = {};
  for (const k of ['chromium', 'firefox']) if (results[k]?.rows) out[k] = browserSummary(results[k]);
  const n = results.native;
  if (n) {
    const c1 = n.chaffCli.oneThread.pagesPerSecond;
    const t1 = n.trafilatura.oneThread.pagesPerSecond;
    const c1cpu = n.chaffCli.oneThread.pagesPerCpuSecond;
    const t1cpu = n.trafilatura.oneThread.pagesPerCpuSecond;
    out.native = {
      // One thread: pages per CPU-second when both are known (robust to
      // other load on the machine), else pages per wall-clock second.
      speedupOneThread: c1cpu && t1cpu ? c1cpu / t1cpu : c1 / t1,
      speedupOneThreadBasis: c1cpu && t1cpu ? 'CPU time' : 'wall-clock time',
      speedupOneThreadWall: c1 / t1,
      speedupAllCores: n.chaffCli.allCores.pagesPerSecond / n.trafilatura.allCores.pagesPerSecond,
      speedupOneThreadCargoBench: n.chaffCargoBench?.oneThread ? n.chaffCargoBench.oneThread.pagesPerSecond / t1 : null,
    };
    out.native.target = { value: out.native.speedupOneThread, target: TARGETS.trafilaturaSpeedup, met: out.native.speedupOneThread >= TARGETS.trafilaturaSpeedup };
  }
  if (results.quality?.corpora) {
    results.quality.bars = qualityBars(results.quality.corpora);
    out.quality = { bars: results.quality.bars.length, met: results.quality.bars.filter((b) => b.met).length, missed: results.quality.bars.filter((b) => !b.met).map((b) => b.bar) };
  }
  return out;
}

// ------------------------------------------------------------------ md ---

const f = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? '–' : Number(x).toFixed(d));
const kb = (b) => (b === undefined ? '–' : `${(b / 1024).toFixed(1)} KiB`);
const mark = (t) => (t.met ? '**met**' : '**MISSED**');

function markdown(results, S) {
  const L = [];
  const r = results.run;
  L.push('# Chaff benchmark results', '');
  L.push(`Generated by \`make bench\` (bench/run.mjs) on ${r.date}, commit ${r.git ?? '?'}; ${r.pages} pages of \`${r.corpus}\` (${(r.bytes / 1e6).toFixed(1)} MB).`);
  L.push(`Machine: ${r.machine.cpus} × ${r.machine.model}, ${r.machine.memGB} GiB. Load average (1/5/15 min) at start ${r.loadAtStart.join(' / ')}, at end ${r.loadAtEnd?.join(' / ') ?? '?'}; per stage:`);
  L.push('');
  if (r.updates?.length) L.push(`Stages re-run since: ${r.updates.map((u) => `${u.stages.join(',')} on ${u.date} (load ${u.load.join(' / ')}${u.artifactsDifferFromFullRun ? `; WARNING: another build of ${u.artifactsDifferFromFullRun.join(', ')}` : ''})`).join('; ')}.`, '');
  if (r.artifactsChangedDuringRun?.length) L.push(`Note: ${r.artifactsChangedDuringRun.join(', ')} changed on disk during the run (rebuilt by other work); the run measured the copies it took at its start (hashes in results.json, run.artifacts).`, '');
  L.push('| stage | load before | load after | seconds |', '| --- | --- | --- | --- |');
  for (const [k, v] of Object.entries(results.load ?? {})) L.push(`| ${k} | ${v.before.join(' / ')} | ${v.after.join(' / ')} | ${v.seconds} |`);
  L.push('');

  // Targets
  L.push('## Targets', '');
  L.push('In-page ratios: median over pages of the per-page ratio (ratio of the two medians in parentheses); Readability = its repeated parse.', '');
  L.push('| target | browser | value | goal | |', '| --- | --- | --- | --- | --- |');
  for (const k of ['chromium', 'firefox']) {
    const s = S[k];
    if (!s) continue;
    const t = s.targets;
    L.push(`| Chaff first pass / Readability parse | ${k} | ${f(t.firstVsReadability.value, 2)} (${f(t.firstVsReadability.ratioOfMedians, 2)}) | ≤ ${f(TARGETS.readabilityRatio, 3)} | ${mark(t.firstVsReadability)} |`);
    L.push(`| Chaff repeated pass / Readability parse | ${k} | ${f(t.repeatVsReadability.value, 2)} (${f(t.repeatVsReadability.ratioOfMedians, 2)}) | ≤ ${f(TARGETS.readabilityRatio, 3)} | ${mark(t.repeatVsReadability)} |`);
    L.push(`| Chaff first pass / bare TreeWalker walk | ${k} | ${f(t.firstVsWalk.value, 0)}× (${f(t.firstVsWalk.ratioOfMedians, 0)}×) | ≤ ${TARGETS.walkRatio}× | ${mark(t.firstVsWalk)} |`);
    L.push(`| Chaff repeated pass / bare TreeWalker walk | ${k} | ${f(t.repeatVsWalk.value, 0)}× (${f(t.repeatVsWalk.ratioOfMedians, 0)}×) | ≤ ${TARGETS.walkRatio}× | ${mark(t.repeatVsWalk)} |`);
    L.push(`| issue 11: Chaff first pass / Readability first parse, median | ${k} | ${f(t.issue11FirstMedian.value, 2)} | ≤ ${TARGETS.firstOverReadabilityFirstMedian} | ${mark(t.issue11FirstMedian)} |`);
    L.push(`| issue 11: Chaff first pass / Readability first parse, p90 | ${k} | ${f(t.issue11FirstP90.value, 2)} | ≤ ${TARGETS.firstOverReadabilityFirstP90} | ${mark(t.issue11FirstP90)} |`);
    L.push(`| issue 11: Chaff repeated pass / Readability first parse, median | ${k} | ${f(t.issue11RepeatMedian.value, 2)} | ≤ ${TARGETS.repeatOverReadabilityFirstMedian} | ${mark(t.issue11RepeatMedian)} |`);
  }
  if (S.quality) L.push(`| quality bars (F1 against trafilatura and Readability.js; see Quality) | all corpora | ${S.quality.met} of ${S.quality.bars} met | all | ${S.quality.missed.length ? `**MISSED**: ${S.quality.missed.join('; ')}` : '**met**'} |`);
  if (S.native) L.push(`| Chaff / trafilatura, pages per ${S.native.speedupOneThreadBasis === 'CPU time' ? 'CPU-second' : 'second'}, one thread | native | ${f(S.native.speedupOneThread, 1)}× | ≥ ${TARGETS.trafilaturaSpeedup}× | ${mark(S.native.target)} |`);
  L.push('');

  // In-browser
  for (const k of ['chromium', 'firefox']) {
    const s = S[k];
    if (!s) continue;
    const m = s.ms;
    L.push(`## In the page: ${s.version}`, '');
    L.push(`${s.measured} of ${s.pages} pages measured${s.errors.length ? ` (failed: ${s.errors.join('; ')})` : ''}; timer step in the page ${f(s.timerStepMs, 3)} ms${results[k].engine ? `; content script engine: ${results[k].engine}` : ''}.`);
    L.push('');
    L.push('| ms per page | median | p90 | max |', '| --- | --- | --- | --- |');
    const row = (label, x) => L.push(`| ${label} | ${f(x.median)} | ${f(x.p90)} | ${f(x.max)} |`);
    row('Chaff pass, first after load (`chaff:clean`; includes waiting for the Wasm core)', m.chaffFirst);
    row(`Chaff pass, repeated (median of ${results.run.options.repeats} re-runs per page)`, m.chaffRepeat);
    row('Readability.js 0.6 parse, first on the page', m.readabilityFirst);
    row('Readability.js 0.6 parse, repeated (mean)', m.readability);
    row('bare TreeWalker walk (mean)', m.walk);
    row('— split: snapshot.js walk → wire snapshot (in page)', m.snapshot);
    row('— variant: same snapshot via getAttributeNames/getAttribute (in page)', m.snapshotByNames);
    row('— split: Wasm classify_wire, repeated (in page)', m.classify);
    row('— split: Wasm classify_wire, first call after instantiation', m.classifyFirst);
    row('— split: the core\'s base64 decoded (Uint8Array.fromBase64, main thread, as the content script does)', m.wasmDecode);
    row('— split: WebAssembly.compile of chaff_bg.wasm', m.wasmCompile);
    if (s.passSplit) {
      const names = { initMs: 'waiting for the Wasm core', walkMs: 'snapshot.js walk', classifyMs: 'classify (Wasm, or the background for a large page)', markMs: 'marking', busyMs: 'main-thread time (its slices summed: without the page\'s tasks between them or the wait for the core)' };
      for (const key of SPLIT_KEYS) row(`— content script, first pass: ${names[key]}`, s.passSplit.first[key]);
      for (const key of SPLIT_KEYS) row(`— content script, repeated pass: ${names[key]}`, s.passSplit.repeat[key]);
    }
    L.push('');
    L.push('| ratio (per page) | median | p90 |', '| --- | --- | --- |');
    const rr = (label, x) => L.push(`| ${label} | ${f(x.median, 2)} | ${f(x.p90, 2)} |`);
    rr('Chaff first pass / Readability (repeated)', s.ratios.firstOverReadability);
    rr('Chaff first pass / Readability (first)', s.ratios.firstOverReadabilityFirst);
    if (s.ratios.firstBusyOverReadabilityFirst.median !== null) rr('Chaff first pass, main-thread time / Readability (first)', s.ratios.firstBusyOverReadabilityFirst);
    rr('Chaff repeated pass / Readability (repeated)', s.ratios.repeatOverReadability);
    rr('Chaff first pass / walk', s.ratios.firstOverWalk);
    rr('Chaff repeated pass / walk', s.ratios.repeatOverWalk);
    rr('snapshot.js alone / walk', s.ratios.snapshotOverWalk);
    rr(`variant snapshot / snapshot.js (same output on ${s.snapshotByNamesSameOutput} of ${s.snapshotByNamesCompared} pages)`, s.ratios.snapshotByNamesOverSnapshot);
    L.push('');
    const before = results.before?.[k];
    if (before?.summary?.ms) {
      const b = before.summary;
      L.push(`Before and now (the earlier figures: run of ${before.date ?? '?'}, commit ${before.git ?? '?'}, kept in results.json \`before\`):`, '');
      L.push('| ms per page, or ratio per page | before: median | before: p90 | now: median | now: p90 |', '| --- | --- | --- | --- | --- |');
      const both = (label, x, y, d = 2) => L.push(`| ${label} | ${f(x?.median, d)} | ${f(x?.p90, d)} | ${f(y?.median, d)} | ${f(y?.p90, d)} |`);
      both('Chaff first pass', b.ms.chaffFirst, m.chaffFirst);
      both('Chaff repeated pass', b.ms.chaffRepeat, m.chaffRepeat);
      both('Readability.js first parse', b.ms.readabilityFirst, m.readabilityFirst);
      both('Readability.js repeated parse', b.ms.readability, m.readability);
      both('bare TreeWalker walk', b.ms.walk, m.walk);
      both('first pass / Readability first parse', b.ratios.firstOverReadabilityFirst, s.ratios.firstOverReadabilityFirst);
      both('repeated pass / Readability first parse', b.ratios.repeatOverReadabilityFirst, s.ratios.repeatOverReadabilityFirst);
      both('repeated pass / Readability repeated parse', b.ratios.repeatOverReadability, s.ratios.repeatOverReadability);
      L.push('');
    }
    const c = s.costByNodes;
    if (c?.repeat) {
      const line = (label, x) => (x ? `${label} ≈ ${f(x.intercept, 2)} ms + ${f(1000 * x.slope, 3)} ms per 1 000 nodes (R² ${f(x.r2, 2)})` : null);
      const parts = [
        line('first pass', c.first),
        line('repeated pass', c.repeat),
        line('its walk', c.walk),
        line('its classify', c.classify),
        line('Readability.js first parse', c.readabilityFirst),
      ].filter(Boolean);
      L.push(`Cost by page size (least squares over ${c.repeat.n} pages, ${f(c.nodes.median, 0)} snapshot nodes median, ${f(c.nodes.max, 0)} max): ${parts.join('; ')}. Per page, ms per 1 000 nodes: first pass median ${f(c.firstPer1000.median, 2)}, repeated ${f(c.repeatPer1000.median, 2)}.`, '');
    }
    const sliced = results[k].rows.some((r) => r.chaffRepeatDetails || r.chaffFirstDetail);
    L.push(`Note: \`chaff:clean\` spans a pass from start to end; a pass that yields to the page between slices, or waits for the background to classify a large snapshot, counts that wall-clock time too${sliced ? '' : ' (the measure carries no busy-time detail)'}.`, '');
    if (s.repeatPassShares) {
      const p = s.repeatPassShares;
      L.push(`Where a repeated pass goes (sums over pages; snapshot and classify timed in the page's world): snapshot.js ${f(100 * p.snapshot, 0)} %, Wasm classify (including passing the strings in and the labels out) ${f(100 * p.classify, 0)} %, the rest (content-script world, marking, messages) ${f(100 * p.rest, 0)} %.`, '');
    }
    if (s.startup) {
      const st = s.startup;
      L.push(`Start-up on a small page (${st.loads} fresh loads, medians): DOMContentLoaded → pass start ${f(st.dclToPassStart, 1)} ms (the content script starts at document_start; the pass at the end of parsing), first pass ${f(st.firstPassMs, 1)} ms (waiting for the core to compile and instantiate if not done yet + snapshot + classify + mark), DOMContentLoaded → first classification done ${f(st.dclToPassEnd, 1)} ms${st.loaderStartToPassEnd !== null ? `, content script start → done ${f(st.loaderStartToPassEnd, 1)} ms` : ' (no `chaff:loader-start` mark in the content script, so "injected → classified" cannot be read directly)'}.`, '');
    }
    const prof = results[k].profile;
    if (prof?.error) L.push(`CPU profile: failed (${prof.error}).`, '');
    else if (prof?.repeat) {
      const tool = k === 'firefox' ? 'Gecko profiler, 0.1 ms sampling' : 'CDP Profiler, 50 µs sampling';
      L.push(`CPU profile (${tool}) of the ${prof.pages.length} pages with the slowest repeated pass (${prof.pages.join(', ')}); only samples inside the extension's code (an extension frame on the stack), self time in ms summed over ${prof.passes.first} first passes and ${prof.passes.repeat} re-runs (a re-run's profile also holds the switch-off that precedes it):`, '');
      L.push('| where | first passes | re-runs |', '| --- | --- | --- |');
      const cats = new Set([...Object.keys(prof.first?.categories ?? {}), ...Object.keys(prof.repeat.categories)]);
      const rows = [...cats].map((c) => [c, prof.first?.categories[c] ?? 0, prof.repeat.categories[c] ?? 0]).sort((a, b) => b[2] - a[2]);
      for (const [c, a, b2] of rows.slice(0, 10)) L.push(`| ${c} | ${f(a, 1)} | ${f(b2, 1)} |`);
      L.push('');
      L.push('Top functions in the re-runs (self): ' + prof.repeat.topFunctions.slice(0, 8).map((x) => `\`${x.function.trim()}\` ${f(x.ms, 1)}`).join(', ') + '.', '');
      const pp = s.profilePerPass;
      if (pp) {
        const c = pp.contentScript;
        const sum = c.snapshot + c.classify + c.mark + c.report + c.classifierOther;
        const pct = (x) => f((100 * x) / sum, 0);
        L.push(`A re-run on those pages under the profiler, inclusive, main thread: snapshot.js ${f(c.snapshot, 1)} ms (${pct(c.snapshot)} %), the Wasm call ${f(c.classify, 1)} ms (${pct(c.classify)} %), the rest of classifier.js (e.g. handing a large snapshot to the background) ${f(c.classifierOther, 1)} ms (${pct(c.classifierOther)} %), marking ${f(c.mark, 1)} ms (${pct(c.mark)} %), report() ${f(c.report, 1)} ms (${pct(c.report)} %); not counted: the switch-off before each re-run, ${f(c.switchOff, 1)} ms (the profiler slows JS down, so read shares, not absolute times). Without the profiler, the measured re-run on those pages is ${f(pp.measuredPass, 1)} ms, and the same snapshot and Wasm call timed in the page's own world take ${f(pp.pageWorld.snapshot, 1)} ms and ${f(pp.pageWorld.classify, 1)} ms: the snapshot costs ${f(c.snapshot / c.classify, 2)}× the Wasm call in the content script but ${f(pp.pageWorld.snapshot / pp.pageWorld.classify, 2)}× in the page's world.`, '');
      }
    }
  }

  const wp = results.wasmProfile;
  if (wp) {
    L.push('## Inside the Wasm core (named build, Node)', '');
    L.push(`classify_wire on the ${wp.pages.length} largest pages (${wp.pages.map((p) => `${p.page} ${p.nodes} nodes`).join(', ')}), ${f(wp.msPerCall, 1)} ms per call after tier-up; ${wp.build}. Share of classify_wire's time:`, '');
    L.push('| Rust function (inclusive) | share |', '| --- | --- |');
    for (const x of wp.inclusive.slice(0, 18)) L.push(`| \`${x.function}\` | ${f(100 * x.share, 1)} % |`);
    L.push('');
    L.push('Self time, top: ' + wp.self.slice(0, 10).map((x) => `\`${x.function}\` ${f(100 * x.share, 1)} %`).join(', ') + '.', '');
  }

  // Native
  const n = results.native;
  if (n) {
    L.push('## Native extraction', '');
    L.push('| tool | threads | pages/s | MB/s | pages per CPU-second | peak RSS |', '| --- | --- | --- | --- | --- | --- |');
    const c = n.chaffCli;
    L.push(`| chaff extract --format jsonl (one process, all pages) | 1 | ${f(c.oneThread.pagesPerSecond, 1)} | ${f(c.oneThread.mbPerSecond, 1)} | ${f(c.oneThread.pagesPerCpuSecond, 1)} | ${f(c.oneThread.maxRssKB / 1024, 1)} MiB |`);
    L.push(`| chaff extract --format jsonl | ${c.allCores.threads} | ${f(c.allCores.pagesPerSecond, 1)} | ${f(c.allCores.mbPerSecond, 1)} | ${f(c.allCores.pagesPerCpuSecond, 1)} | ${f(c.allCores.maxRssKB / 1024, 1)} MiB |`);
    if (n.chaffCargoBench?.oneThread) {
      const b = n.chaffCargoBench;
      L.push(`| cargo bench --bench throughput (in-process, built from the working tree) | 1 | ${f(b.oneThread.pagesPerSecond, 1)} | ${f(b.oneThread.mbPerSecond, 1)} | – | – |`);
      L.push(`| cargo bench --bench throughput (in-process, built from the working tree) | ${b.allCores.threads} | ${f(b.allCores.pagesPerSecond, 1)} | ${f(b.allCores.mbPerSecond, 1)} | – | – |`);
    } else if (n.chaffCargoBench?.error) L.push(`| cargo bench | – | ${n.chaffCargoBench.error} | | | |`);
    const t = n.trafilatura;
    L.push(`| trafilatura ${t.oneThread.version} extract() in-process | 1 | ${f(t.oneThread.pagesPerSecond, 1)} | ${f(t.oneThread.mbPerSecond, 1)} | ${f(t.oneThread.pagesPerCpuSecond, 1)} | ${f(t.oneThread.maxRssKB / 1024, 1)} MiB |`);
    L.push(`| trafilatura, multiprocessing.Pool(${t.allCores.threads}) | ${t.allCores.threads} | ${f(t.allCores.pagesPerSecond, 1)} | ${f(t.allCores.mbPerSecond, 1)} | – | ${f(t.allCores.maxRssKB / 1024, 1)} MiB largest process, ${f(t.allCores.totalRssKB / 1024, 1)} MiB all processes |`);
    L.push('');
    if (n.chaffCargoBench?.classifyMsPer1000Nodes) L.push(`Classification alone (the part the extension runs in the page), natively on snapshots parsed once: ${f(n.chaffCargoBench.classifyMsPer1000Nodes, 3)} ms per 1 000 nodes on one thread (\`cargo bench --bench throughput\`).`, '');
    if (S.native) L.push(`Chaff / trafilatura on one thread: ${f(S.native.speedupOneThread, 1)}× by ${S.native.speedupOneThreadBasis} (${f(S.native.speedupOneThreadWall, 1)}× by wall-clock time); ${f(S.native.speedupAllCores, 1)}× on all cores, wall-clock${S.native.speedupOneThreadCargoBench ? `; the in-process Rust bench against trafilatura's one thread: ${f(S.native.speedupOneThreadCargoBench, 1)}×` : ''}. Chaff's CLI figures include process start, reading the files and writing JSON; trafilatura's exclude interpreter start and reading (pages are decoded to str first). CPU time is the one-thread basis because other work on the machine stretches wall-clock times unevenly.`, '');
  }

  // Quality
  const q = results.quality;
  if (q?.corpora) {
    const TOOL = {
      chaff: 'Chaff (chaff extract)',
      trafilatura: 'trafilatura',
      readability: 'Readability.js 0.6 in jsdom, textContent',
      readabilityBlocks: 'Readability.js 0.6, content → block text',
    };
    const f3 = (x) => f(x, 3);
    L.push('## Quality (one scorer: bench/lib/score.mjs, a port of src/eval.rs)', '');
    L.push(`Every tool scored by the same code: \`\\w+\` tokens, 4-token shingle multisets, per-page precision and recall, their means over the pages, F1 of the means. Anchors: ${q.anchors.trafilatura}; ${q.anchors.readability} (the anchor is the \`textContent\` of its article; its \`content\` rendered to block text is shown for reference). Anchor outputs come from \`${q.anchors.cache}\` where it holds the page at this tool version (${q.anchors.cachedOutputs} page outputs taken from it this run; run anew: trafilatura ${q.anchors.ran.trafilatura}, Readability.js ${q.anchors.ran.readability}). The stage took ${q.timing.seconds} s (Chaff ${q.timing.chaffSeconds} s, anchors ${q.timing.anchorSeconds} s).`, '');
    L.push('Last column: the same outputs under the convention of ScrapingHub\'s `evaluate.py` (article-extraction-benchmark), which leaves pages with an empty output out of the precision mean where `src/eval.rs` counts them as precision 0 (and leaves pages with an empty expected text out of the recall mean). The anchor figures in `../shared/corpus/README.md` follow that convention; the bars and every other figure here use eval.rs\'s. The two differ only for a tool that returns nothing on some pages.', '');
    if (q.bars?.length) {
      L.push('### Quality bars', '');
      L.push('| bar | pages | Chaff F1 | trafilatura F1 | Readability.js F1 | goal | |', '| --- | --- | --- | --- | --- | --- | --- |');
      for (const b of q.bars) L.push(`| ${b.bar} | ${b.pages} | ${f3(b.chaff)} | ${f3(b.trafilatura)} | ${f3(b.readability)} | ${b.rule.replace(/^Chaff F1 /, '')} = ${f3(b.goal)} | ${b.met ? '**met**' : '**MISSED**'} (${b.margin >= 0 ? '+' : ''}${f3(b.margin)}) |`);
      L.push('');
    }
    for (const [name, c] of Object.entries(q.corpora)) {
      L.push(`### ${name} (${c.pages} pages${c.allPages ? '' : ', a subset'})`, '');
      L.push(`\`${c.dir}\`; expected text: ${c.expected}; trafilatura: \`${c.trafilaturaSetting}\`.`, '');
      L.push('| tool | F1 | precision | recall | pages | empty outputs | F1, ScrapingHub rule |', '| --- | --- | --- | --- | --- | --- | --- |');
      for (const [k, label] of Object.entries(TOOL)) {
        const s = c.scores[k];
        if (s) L.push(`| ${label} | ${f3(s.f1)} | ${f3(s.precision)} | ${f3(s.recall)} | ${s.pages} | ${s.emptyPredictions ?? '–'} | ${f3(s.scrapinghub?.f1)} |`);
      }
      L.push('');
      if (c.portCheck) {
        const pc = c.portCheck;
        L.push(`Port check: \`chaff eval ${c.dir}\` F1 ${pc.chaffEval.f1} (P ${f3(pc.chaffEval.precision)}, R ${f3(pc.chaffEval.recall)}, ${pc.chaffEval.pages} pages); this scorer on \`chaff extract\`'s output F1 ${pc.port.f1}: ${pc.exact ? 'equal, every page and the means, to the last bit' : `DIFFERENT; pages whose precision or recall differ: ${pc.pagesDiffering.slice(0, 20).join(', ') || 'none'}`}.`, '');
      }
      if (c.chaffErrors?.length) L.push(`chaff extract failed on ${c.chaffErrors.length} pages (scored as empty, as chaff eval does): ${c.chaffErrors.slice(0, 5).join('; ')}.`, '');
      if (c.byType) {
        L.push('By page type (article and blog together):', '');
        L.push('| pages | n | Chaff F1 | P | R | trafilatura F1 | P | R | Readability.js F1 | P | R |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
        for (const g of c.byType) {
          const cell = (k) => `${f3(g.scores[k].f1)} | ${f3(g.scores[k].precision)} | ${f3(g.scores[k].recall)}`;
          const label = g.group === 'articles' ? 'article + blog' : g.group;
          L.push(`| ${g.group === 'all pages' ? '**all pages**' : label} | ${g.pages} | ${cell('chaff')} | ${cell('trafilatura')} | ${cell('readability')} |`);
        }
        L.push('');
      }
      if (c.layout === 'readability') {
        const g = c.groundTruthJson;
        const gt = g?.misDecoded ? ` Its ground-truth.json is not used: ${g.misDecoded} of its ${g.pages} articleBody strings are mis-decoded (UTF-8 read as Latin-1), e.g. ${g.examples.slice(0, 5).join(', ')}.` : '';
        L.push(`The expected text is Readability's own output on these pages (the corpus is its regression suite), so Readability.js scores near 1 here by construction, and Chaff is developed against it too.${gt}`, '');
      }
      if (c.worst?.length) {
        L.push('Pages where Chaff trails the better anchor most (gap = max(trafilatura, Readability.js) − Chaff, F1):', '');
        L.push(`| page |${c.byType ? ' type |' : ''} Chaff | trafilatura | Readability.js | gap |`, `| --- |${c.byType ? ' --- |' : ''} --- | --- | --- | --- |`);
        for (const w of c.worst) L.push(`| ${w.page} |${c.byType ? ` ${w.type ?? ''} |` : ''} ${f3(w.chaff)} | ${f3(w.trafilatura)} | ${f3(w.readability)} | ${f3(w.gap)} |`);
        L.push('');
      }
    }
  }

  // Sizes
  const z = results.sizes;
  if (z) {
    L.push('## Sizes', '');
    L.push('| file | bytes | gzip -9 | brotli 11 |', '| --- | --- | --- | --- |');
    const e = (label, x) => x && !x.missing && L.push(`| ${label} | ${x.bytes} (${kb(x.bytes)}) | ${x.gzip} (${kb(x.gzip)}) | ${x.brotli} (${kb(x.brotli)}) |`);
    e('chaff_bg.wasm (target/wasm-pkg)', z.wasm);
    e('chaff_bg.wasm in dist/chromium (differs from target/wasm-pkg: rebuilt since `make dist`)', z.wasmPackaged);
    for (const [label, x] of [['dist/chaff-chromium.zip', z.chromiumZip], ['dist/chaff-firefox.xpi', z.firefoxXpi]]) {
      if (x && !x.missing) L.push(`| ${label} (already deflated) | ${x.bytes} (${kb(x.bytes)}) | – | – |`);
    }
    e('Readability.js 0.6 (unminified source, for comparison)', z.readabilityJs);
    L.push(`| content-script JS (${z.contentScriptJs.files.length} file(s): the bundled content script, incl. wasm-bindgen glue and the core as base64) | ${z.contentScriptJs.bytes} (${kb(z.contentScriptJs.bytes)}) | ${z.contentScriptJs.gzipEach} (each file gzipped) | |`);
    L.push('');
  }
  return L.join('\n') + '\n';
}

// ----------------------------------------------------------------- svg ---

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function svgPlot(results, S) {
  const W = 1000;
  const parts = [];
  let y0 = 0;
  const text = (x, y, s, opts = '') => parts.push(`<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${opts}>${esc(s)}</text>`);
  const COLORS = { chaffFirst: '#c0392b', chaffRepeat: '#e67e22', readabilityFirst: '#2471a3', readability: '#5dade2', walk: '#7f8c8d', snapshot: '#27ae60', classify: '#8e44ad' };
  const LABELS = {
    chaffFirst: 'Chaff first pass',
    chaffRepeat: 'Chaff repeated pass',
    readabilityFirst: 'Readability first parse',
    readability: 'Readability parse (repeated)',
    walk: 'bare TreeWalker walk',
    snapshot: 'snapshot.js (in page)',
    classify: 'Wasm classify (in page)',
  };

  // Panel 1: in-browser medians with p90 whiskers, log scale.
  const browsersIn = ['chromium', 'firefox'].filter((k) => S[k]);
  if (browsersIn.length) {
    const keys = Object.keys(LABELS);
    const h = 300;
    const left = 70;
    const right = W - 230;
    const top = y0 + 40;
    const bottom = top + h;
    text(left, y0 + 22, 'In the page: ms per page (median bar, p90 whisker), log scale', 'font-size="15" font-weight="bold"');
    const all = browsersIn.flatMap((k) => keys.map((kk) => S[k].ms[kk]?.p90)).filter((x) => x > 0);
    const allMin = browsersIn.flatMap((k) => keys.map((kk) => S[k].ms[kk]?.median)).filter((x) => x > 0);
    const lo = 10 ** Math.floor(Math.log10(Math.min(...allMin)));
    const hi = 10 ** Math.ceil(Math.log10(Math.max(...all)));
    const yOf = (v) => bottom - ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * h;
    for (let d = lo; d <= hi * 1.0001; d *= 10) {
      parts.push(`<line x1="${left}" x2="${right}" y1="${yOf(d)}" y2="${yOf(d)}" stroke="#ddd"/>`);
      text(left - 8, yOf(d) + 4, d >= 1 ? String(d) : String(Number(d.toPrecision(1))), 'font-size="11" text-anchor="end"');
    }
    const groupW = (right - left) / browsersIn.length;
    const barW = (groupW - 40) / keys.length;
    browsersIn.forEach((k, gi) => {
      const gx = left + gi * groupW + 20;
      text(gx + (groupW - 40) / 2, bottom + 20, S[k].version, 'font-size="12" text-anchor="middle"');
      keys.forEach((kk, i) => {
        const m = S[k].ms[kk];
        if (!m || !(m.median > 0)) return;
        const x = gx + i * barW;
        const y = yOf(m.median);
        parts.push(`<rect x="${(x + 2).toFixed(1)}" y="${y.toFixed(1)}" width="${(barW - 4).toFixed(1)}" height="${(bottom - y).toFixed(1)}" fill="${COLORS[kk]}"><title>${esc(`${LABELS[kk]}: median ${f(m.median)} ms, p90 ${f(m.p90)} ms`)}</title></rect>`);
        if (m.p90 > 0) {
          const yp = yOf(m.p90);
          const cx = x + barW / 2;
          parts.push(`<line x1="${cx}" x2="${cx}" y1="${yp}" y2="${y}" stroke="#222"/><line x1="${cx - 5}" x2="${cx + 5}" y1="${yp}" y2="${yp}" stroke="#222"/>`);
        }
        text(x + barW / 2, y - 4, f(m.median, m.median < 1 ? 2 : 1), 'font-size="10" text-anchor="middle"');
      });
    });
    keys.forEach((kk, i) => {
      const ly = top + i * 20;
      parts.push(`<rect x="${right + 15}" y="${ly}" width="12" height="12" fill="${COLORS[kk]}"/>`);
      text(right + 32, ly + 10, LABELS[kk], 'font-size="12"');
    });
    text(14, top + h / 2, 'ms', 'font-size="12" transform="rotate(-90 14 ' + (top + h / 2) + ')"');
    y0 = bottom + 45;
  }

  // Panel 2: per page, Chromium: page size (snapshot nodes) vs time, log-log.
  const k2 = browsersIn[0];
  if (k2) {
    const rows = results[k2].rows.filter((r) => ok(r) && r.split?.snapshotNodes > 0);
    const series = [
      ['chaffRepeat', (r) => r.chaffRepeat],
      ['readability', (r) => r.readability?.perRun],
      ['walk', (r) => r.walk?.perRun],
    ];
    const h = 300;
    const left = 70;
    const right = W - 230;
    const top = y0 + 40;
    const bottom = top + h;
    text(left, y0 + 22, `Per page (${S[k2].version}): DOM nodes in the snapshot vs ms, log–log`, 'font-size="15" font-weight="bold"');
    const xs = rows.map((r) => r.split.snapshotNodes);
    const ys = rows.flatMap((r) => series.map(([, g]) => g(r))).filter((v) => v > 0);
    const xlo = 10 ** Math.floor(Math.log10(Math.min(...xs)));
    const xhi = 10 ** Math.ceil(Math.log10(Math.max(...xs)));
    const ylo = 10 ** Math.floor(Math.log10(Math.min(...ys)));
    const yhi = 10 ** Math.ceil(Math.log10(Math.max(...ys)));
    const X = (v) => left + ((Math.log10(v) - Math.log10(xlo)) / (Math.log10(xhi) - Math.log10(xlo))) * (right - left);
    const Y = (v) => bottom - ((Math.log10(v) - Math.log10(ylo)) / (Math.log10(yhi) - Math.log10(ylo))) * h;
    for (let d = ylo; d <= yhi * 1.0001; d *= 10) {
      parts.push(`<line x1="${left}" x2="${right}" y1="${Y(d)}" y2="${Y(d)}" stroke="#ddd"/>`);
      text(left - 8, Y(d) + 4, String(Number(d.toPrecision(1))), 'font-size="11" text-anchor="end"');
    }
    for (let d = xlo; d <= xhi * 1.0001; d *= 10) {
      parts.push(`<line x1="${X(d)}" x2="${X(d)}" y1="${top}" y2="${bottom}" stroke="#eee"/>`);
      text(X(d), bottom + 16, String(d), 'font-size="11" text-anchor="middle"');
    }
    text((left + right) / 2, bottom + 34, 'nodes (snapshot)', 'font-size="12" text-anchor="middle"');
    for (const [kk, g] of series) {
      for (const r of rows) {
        const v = g(r);
        if (!(v > 0)) continue;
        parts.push(`<circle cx="${X(r.split.snapshotNodes).toFixed(1)}" cy="${Y(v).toFixed(1)}" r="3" fill="${COLORS[kk]}" fill-opacity="0.75"><title>${esc(`${r.page}: ${LABELS[kk]} ${f(v)} ms`)}</title></circle>`);
      }
    }
    series.forEach(([kk], i) => {
      const ly = top + i * 20;
      parts.push(`<circle cx="${right + 21}" cy="${ly + 6}" r="5" fill="${COLORS[kk]}"/>`);
      text(right + 32, ly + 10, LABELS[kk], 'font-size="12"');
    });
    y0 = bottom + 55;
  }

  // Panel 3: native throughput and quality, side by side.
  const n = results.native;
  const q = results.quality;
  if (n || q) {
    const h = 220;
    const top = y0 + 40;
    const bottom = top + h;
    if (n) {
      const left = 70;
      const right = 470;
      text(left, y0 + 22, 'Native extraction, pages/s', 'font-size="15" font-weight="bold"');
      const bars = [
        ['Chaff, 1 thread', n.chaffCli.oneThread.pagesPerSecond, '#e67e22'],
        [`Chaff, ${n.chaffCli.allCores.threads} threads`, n.chaffCli.allCores.pagesPerSecond, '#c0392b'],
        ['trafilatura, 1 process', n.trafilatura.oneThread.pagesPerSecond, '#5dade2'],
        [`trafilatura, ${n.trafilatura.allCores.threads} processes`, n.trafilatura.allCores.pagesPerSecond, '#2471a3'],
      ];
      const max = Math.max(...bars.map((b) => b[1])) * 1.15;
      const bw = (right - left) / bars.length;
      bars.forEach(([label, v, c], i) => {
        const bh = (v / max) * h;
        const x = left + i * bw;
        parts.push(`<rect x="${x + 8}" y="${bottom - bh}" width="${bw - 16}" height="${bh}" fill="${c}"/>`);
        text(x + bw / 2, bottom - bh - 5, f(v, 0), 'font-size="11" text-anchor="middle"');
        const [l1, l2] = label.split(', ');
        text(x + bw / 2, bottom + 16, l1, 'font-size="11" text-anchor="middle"');
        if (l2) text(x + bw / 2, bottom + 30, l2, 'font-size="11" text-anchor="middle"');
      });
      parts.push(`<line x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="#333"/>`);
    }
    if (q?.corpora) {
      const left = n ? 540 : 70;
      const right = W - 20;
      text(left, y0 + 22, 'Quality, F1 (one scorer)', 'font-size="15" font-weight="bold"');
      const groups = [];
      for (const [name, c] of Object.entries(q.corpora)) {
        groups.push([name, c.scores]);
        const art = c.byType?.find((g) => g.group === 'articles');
        if (art) groups.push([`${name} articles`, art.scores]);
      }
      const tools = [
        ['chaff', 'Chaff', '#c0392b'],
        ['trafilatura', 'trafilatura', '#5dade2'],
        ['readability', 'Readability.js', '#2471a3'],
      ];
      const vals = groups.flatMap(([, s]) => tools.map(([k]) => s[k]?.f1)).filter((v) => v >= 0);
      const lo = Math.min(0.5, Math.floor(Math.min(...vals) * 10) / 10);
      const Y = (v) => bottom - ((Math.max(v, lo) - lo) / (1 - lo)) * h;
      for (let d = lo; d <= 1.0001; d += 0.1) {
        parts.push(`<line x1="${left}" x2="${right}" y1="${Y(d).toFixed(1)}" y2="${Y(d).toFixed(1)}" stroke="#eee"/>`);
        text(left - 4, Y(d) + 4, d.toFixed(1), 'font-size="10" text-anchor="end"');
      }
      const gw = (right - left) / groups.length;
      const bw = (gw - 10) / tools.length;
      groups.forEach(([label, s], gi) => {
        tools.forEach(([k, , c], i) => {
          const v = s[k]?.f1;
          if (!(v >= 0)) return;
          const x = left + gi * gw + 5 + i * bw;
          parts.push(`<rect x="${(x + 1).toFixed(1)}" y="${Y(v).toFixed(1)}" width="${(bw - 2).toFixed(1)}" height="${(bottom - Y(v)).toFixed(1)}" fill="${c}"><title>${esc(`${label}: ${k} F1 ${f(v, 3)}`)}</title></rect>`);
          text(x + bw / 2, Y(v) - 3, f(v, 2).replace(/^0/, ''), 'font-size="9" text-anchor="middle"');
        });
        const [l1, l2] = label.split(' ');
        text(left + gi * gw + gw / 2, bottom + 16, l1, 'font-size="11" text-anchor="middle"');
        if (l2) text(left + gi * gw + gw / 2, bottom + 29, l2, 'font-size="11" text-anchor="middle"');
      });
      tools.forEach(([, label, c], i) => {
        parts.push(`<rect x="${left + i * 110}" y="${bottom + 38}" width="10" height="10" fill="${c}"/>`);
        text(left + i * 110 + 14, bottom + 47, label, 'font-size="11"');
      });
      text(right, bottom + 47, `axis from ${lo.toFixed(1)}`, 'font-size="10" fill="#666" text-anchor="end"');
      parts.push(`<line x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="#333"/>`);
    }
    y0 = bottom + 60;
  }
  const r = results.run;
  text(10, y0 + 5, `bench/results.json, ${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.pages} pages, load ${r.loadAtStart.join('/')} at start`, 'font-size="11" fill="#666"');
  const H = y0 + 15;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif">\n<rect width="${W}" height="${H}" fill="#fff"/>\n${parts.join('\n')}\n</svg>\n`;
}

/**
 * results.json text: indented, but arrays of plain values (per-page columns,
 * load averages, repeated timings) on one line each.
 */
export function resultsJson(results) {
  const flat = [];
  const text = JSON.stringify(
    results,
    (k, v) => {
      if (Array.isArray(v) && v.length && v.every((x) => x === null || typeof x !== 'object')) {
        flat.push(JSON.stringify(v));
        return `\u0000flat${flat.length - 1}`;
      }
      return v;
    },
    1,
  );
  return text.replace(/"\\u0000flat(\d+)"/g, (_, i) => flat[Number(i)]);
}

export function report(results) {
  const S = summarise(results);
  results.summary = S;
  return { md: markdown(results, S), svg: svgPlot(results, S), summary: S };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const file = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json'));
  const results = JSON.parse(fs.readFileSync(file, 'utf8'));
  const { md, svg } = report(results);
  const base = file.replace(/\.json$/, '');
  fs.writeFileSync(file, resultsJson(results));
  fs.writeFileSync(`${base}.md`, md);
  fs.writeFileSync(`${base}.svg`, svg);
  console.log(`wrote ${base}.md and ${base}.svg`);
}
