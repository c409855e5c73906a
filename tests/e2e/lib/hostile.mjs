// Generated hostile pages for the reliability tests (reliability.test.mjs):
// huge, deep, odd or actively fighting pages, served from memory on
// 127.0.0.1 (ephemeral port). Every page has a real article, so the real
// core finds one, and a few blocks of chrome for it to hide.
import http from 'node:http';

const WORDS =
  'the council met on tuesday to discuss the new budget for schools roads and parks after a long debate members agreed to fund repairs'.split(
    ' ',
  );

function sentence(i, n = 24) {
  const out = [];
  for (let k = 0; k < n; k++) out.push(WORDS[(i * 7 + k * 3) % WORDS.length]);
  return out.join(' ');
}

function article(paragraphs = 8) {
  let ps = '';
  for (let i = 0; i < paragraphs; i++) ps += `<p id="p${i}">${sentence(i)}. ${sentence(i + 1)}. ${sentence(i + 2)}.</p>\n`;
  return `<article id="story"><h1 id="headline">Council agrees new budget</h1>
<p class="byline">By A. Reporter, <time datetime="2026-01-05">5 January 2026</time></p>
${ps}</article>`;
}

const CHROME = `<aside class="newsletter-signup" id="newsletter"><h3>Get our newsletter</h3>
<form><input type="email" placeholder="Your email"><button>Subscribe</button></form></aside>
<div class="ad-slot advertisement" id="ad1">Advertisement <a href="https://ads.example/click">Sponsored</a></div>`;

function page(title, body, head = '') {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${probe()}${head}</head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main>${body}</main></body></html>`;
}

/** 100 000 elements: the article, then 24 998 sections of 4 elements of article-like text. */
function big(elements = 100000) {
  const parts = [article(8), CHROME];
  const per = 4; // section, h2, p, em
  const sections = Math.ceil((elements - 30) / per);
  parts.push('<div id="archive">');
  for (let i = 0; i < sections; i++) {
    parts.push(`<section><h2>Item ${i}</h2><p>${sentence(i, 10)} <em>${WORDS[i % WORDS.length]}</em></p></section>`);
  }
  parts.push('</div>');
  return page('Big page', parts.join('\n'));
}

const PAGES = {
  '/plain.html': () => page('Plain', article(8) + CHROME),
  '/big.html': () => big(100000),
  // 20 000 nested divs, display:none: Chromium's layout of a tree that deep
  // is the page's problem, not Chaff's; the walker still walks all of it.
  '/deep.html': () => page('Deep', `${article(6)}${CHROME}<div id="deep" style="display:none">${'<div>'.repeat(20000)}deep${'</div>'.repeat(20000)}</div>`),
  // 10 MB of text in one text node.
  '/bigtext.html': () => page('Big text', `${article(6)}${CHROME}<pre id="blob">${'lorem ipsum '.repeat(Math.ceil(10e6 / 12)).slice(0, 10e6)}</pre>`),
  // 200 000 tiny text nodes, kept apart by comments (the parser would merge them).
  '/tinytext.html': () => page('Tiny text', `${article(6)}${CHROME}<p id="tiny">${'a<!---->'.repeat(200000)}</p>`),
  // SVG and MathML islands, an open (declarative) shadow root, a same-origin
  // iframe, a template, a malformed table.
  '/islands.html': () =>
    page(
      'Islands',
      `${article(6)}${CHROME}
<svg id="svg" width="100" height="100"><g><circle cx="50" cy="50" r="40"/><text x="10" y="20">svg text</text><foreignObject width="50" height="50"><div>html in svg</div></foreignObject></g></svg>
<math id="math"><mrow><mi>x</mi><mo>=</mo><mfrac><mn>1</mn><mn>2</mn></mfrac></mrow></math>
<div id="host"><template shadowrootmode="open"><div class="ad-slot">shadow ad</div><slot></slot></template><p>light child</p></div>
<iframe id="frame" src="/plain.html" width="300" height="200"></iframe>
<template id="tpl"><div class="ad">template ad</div></template>
<table id="bad"><tr><td>one<td>two<tr><div>stray div</div><td>three</table><table><caption>x<tbody><tr><th>y</table>`,
    ),
  '/frameset.html': () =>
    `<!doctype html><html><head><title>Frames</title>${probe()}</head><frameset cols="50%,50%"><frame src="/plain.html"><frame src="/plain.html"></frameset></html>`,
  // Re-inserts a teaser every 100 ms, for ever.
  '/teaser.html': () =>
    page(
      'Teaser',
      article(8) + CHROME + '<div id="slot"></div>',
      `<script>
window.__inserted = 0;
setInterval(() => {
  const old = document.getElementById('teaser');
  if (old) old.remove();
  const d = document.createElement('div');
  d.id = 'teaser';
  d.className = 'ad-slot advertisement sponsored';
  d.innerHTML = 'Advertisement <a href="https://ads.example/t">Sponsored: buy now</a>';
  document.querySelector('main').insertBefore(d, document.getElementById('slot'));
  window.__inserted++;
}, 100);
</script>`,
    ),
  // Article text inside containers named like promotions.
  '/promo-names.html': () =>
    page(
      'Promo names',
      `<article id="story" class="promo-story sponsored-layout"><h1 id="headline">Council agrees new budget</h1>
<div class="promo-body ad-free-content newsletter-style">${[0, 1, 2, 3, 4, 5]
        .map((i) => `<p id="p${i}">${sentence(i)}. ${sentence(i + 1)}. ${sentence(i + 2)}.</p>`)
        .join('\n')}</div></article>${CHROME}`,
    ),
  // Takes the article out and puts it back, five times, 300 ms apart.
  '/readd.html': () =>
    page(
      'Re-add',
      article(8) + CHROME,
      `<script>
window.__readds = 0;
// One chain, remove -> 50 ms -> re-add -> 250 ms -> again: an interval
// could fire again before a late re-add and find no article to remove.
window.startReadd = () => new Promise((done) => {
  const a = document.getElementById('story');
  const parent = a.parentNode, next = a.nextSibling;
  const once = () => {
    a.remove();
    setTimeout(() => {
      parent.insertBefore(a, next);
      if (++window.__readds === 5) done();
      else setTimeout(once, 250);
    }, 50);
  };
  setTimeout(once, 300);
});
</script>`,
    ),
  // A paywall that fights back: it takes itself out and puts itself back
  // every 150 ms, and removes Chaff's attribute whenever it appears.
  '/fight.html': () =>
    page(
      'Fight',
      article(8) +
        CHROME +
        `<div class="paywall" id="paywall" role="dialog" aria-modal="true"><h2>Subscribe to keep reading</h2><p>You have read all your free articles this month. Subscribe now for full access.</p><a href="/subscribe" class="subscribe-button">Subscribe</a></div>`,
      `<script>
window.__unhides = 0;
document.addEventListener('DOMContentLoaded', () => {
  const wall = document.getElementById('paywall');
  new MutationObserver(() => {
    if (wall.hasAttribute('data-chaff-hide')) { wall.removeAttribute('data-chaff-hide'); wall.style.display = 'block'; window.__unhides++; }
  }).observe(wall, { attributes: true });
  setInterval(() => { const p = wall.parentNode; wall.remove(); p.appendChild(wall); }, 150);
});
</script>`,
    ),
};

export const PAGE_NAMES = Object.keys(PAGES);

/** Serves the generated pages; resolves to { origin, close() }. */
export function serveHostile() {
  const cache = new Map();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url, 'http://127.0.0.1').pathname;
    const make = PAGES[path];
    if (path === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    if (!make) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    if (!cache.has(path)) cache.set(path, make());
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(cache.get(path));
  });
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        origin: `http://127.0.0.1:${server.address().port}`,
        close: () =>
          new Promise((r) => {
            server.close(() => r());
            for (const s of sockets) s.destroy();
          }),
      });
    });
  });
}

function probe() {
  return `<script>(${PROBE.toString()})()</script>`;
}

/**
 * In-page probe, the first script of every page: records long tasks (where supported) and the
 * longest gap of a setTimeout(0) heartbeat, from the start.
 */
const PROBE = () => {
  const w = window;
  w.__errors = [];
  addEventListener('error', (e) => w.__errors.push(String(e.message)));
  addEventListener('unhandledrejection', (e) => w.__errors.push(String(e.reason)));
  w.__longtasks = [];
  w.__gaps = [];
  // Firefox ignores unknown entry types instead of throwing: ask first.
  if ((PerformanceObserver.supportedEntryTypes ?? []).includes('longtask')) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } else {
    w.__longtasks = null; // not supported (Firefox)
  }
  let last = performance.now();
  const beat = () => {
    const now = performance.now();
    if (now - last > 50) w.__gaps.push({ start: last, duration: now - last });
    last = now;
    setTimeout(beat, 0);
  };
  setTimeout(beat, 0);
};

/**
 * In-page: the passes (chaff:clean measures) and the long tasks / heartbeat
 * gaps that overlap a pass, i.e. ran while Chaff's pass was in flight.
 */
export const PASS_REPORT = () => {
  const passes = performance.getEntriesByName('chaff:clean').map((m) => ({ start: m.startTime, duration: m.duration }));
  const during = (list) =>
    (list ?? []).filter((t) => passes.some((p) => t.start < p.start + p.duration && t.start + t.duration > p.start));
  return {
    passes,
    longtasks: window.__longtasks === null ? null : during(window.__longtasks),
    gaps: during(window.__gaps),
    allGaps: window.__gaps,
  };
};

// ------------------------------------------------ checks, both browsers ---
//
// `B` adapts a browser: { name, goto(path), eval(fn, ...args),
// waitForPasses(n, timeout), state(), tell(msg), errors() (messages the
// extension wrote to the page's console, where the browser tells; [] otherwise) }.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const isVisible = (sel) => document.querySelector(sel).checkVisibility();

/** The longest slice and the long tasks / heartbeat gaps on the 100 000-element page. */
// Timing on a loaded machine (the test files run in parallel) can spike: the
// page is measured up to `attempts` times and the best run must pass.
export async function budget(B, assert, log, attempts = 3) {
  let last = null;
  for (let i = 1; i <= attempts; i++) {
    try {
      return await budgetOnce(B, assert, (m) => log(`${m} (run ${i})`));
    } catch (e) {
      last = e;
      if (!(e instanceof assert.AssertionError) || !/ms$/.test(e.message)) throw e; // not a timing failure
    }
  }
  throw last;
}

async function budgetOnce(B, assert, log) {
  await B.goto('/big.html');
  await B.waitForPasses(1, 60000);
  await sleep(300);
  const r = await B.eval(PASS_REPORT);
  const s = await B.state();
  assert.equal(s.error, null);
  assert.ok(s.total >= 1, 'the chrome on the big page is hidden');
  assert.equal(await B.eval(isVisible, '#headline'), true);
  const pass = r.passes[0];
  const inside = (t) => t.start >= pass.start && t.start + t.duration <= pass.start + pass.duration;
  const longest = (list) => Math.max(0, ...(list ?? []).filter(inside).map((t) => t.duration));
  const figures = {
    nodes: await B.eval(() => document.getElementsByTagName('*').length),
    passMs: Math.round(pass.duration),
    longestChaffSliceMs: Math.round(s.longestSliceMs * 10) / 10,
    longestLongTaskDuringPassMs: r.longtasks === null ? 'n/a' : longest(r.longtasks),
    longestHeartbeatGapDuringPassMs: Math.round(longest(r.gaps)),
    longestHeartbeatGapOverallMs: Math.round(Math.max(0, ...r.allGaps.map((g) => g.duration))),
  };
  log(`${B.name} 100k page: ${JSON.stringify(figures)}`);
  assert.ok(figures.nodes >= 100000, `${figures.nodes} elements`);
  assert.ok(s.longestSliceMs <= 50, `longest Chaff slice ${s.longestSliceMs} ms`);
  // Long tasks also hold the engine's own work (garbage collection of the
  // page's 100 000 node wrappers, style and layout): 0 ms when the machine is
  // idle, but up to ~200 ms with the rest of the suite running on 2 cores.
  // Chaff's own slices are the hard budget above; this bounds the rest.
  if (r.longtasks !== null) assert.ok(figures.longestLongTaskDuringPassMs <= 250, `long task during the pass: ${figures.longestLongTaskDuringPassMs} ms`);
  assert.deepEqual(await B.eval(() => window.__errors), []);
  assert.deepEqual(B.errors(), []);
  return figures;
}

/** Each odd page: a pass completes, nothing thrown, the page answers, the article shows. */
export async function limits(B, assert, log, pages = ['/deep.html', '/bigtext.html', '/tinytext.html', '/islands.html', '/frameset.html']) {
  for (const p of pages) {
    const t0 = Date.now();
    await B.goto(p);
    await B.waitForPasses(1, 60000);
    const ping0 = Date.now();
    await B.eval(() => 1);
    const ping = Date.now() - ping0;
    const s = await B.state();
    const pass = await B.eval(() => performance.getEntriesByName('chaff:clean')[0].duration);
    log(`${B.name} ${p}: pass ${Math.round(pass)} ms, longest slice ${Math.round(s.longestSliceMs)} ms, loaded+cleaned in ${Date.now() - t0} ms, hidden ${JSON.stringify(s.hidden)}`);
    assert.equal(s.error, null, `${p}: ${s.error}`);
    assert.ok(ping < 2000, `${p}: page answered in ${ping} ms`);
    if (p !== '/frameset.html') assert.equal(await B.eval(isVisible, '#headline'), true, `${p}: article shown`);
    assert.deepEqual(await B.eval(() => window.__errors), [], p);
    assert.deepEqual(B.errors(), [], p);
  }
}

/** A teaser re-inserted every 100 ms for 10 s: a bounded number of passes. */
export async function teaser(B, assert, log) {
  await B.goto('/teaser.html');
  await B.waitForPasses(1, 30000);
  const t0 = await B.eval(() => performance.now());
  await sleep(10000);
  const r = await B.eval((since) => {
    const all = performance.getEntriesByName('chaff:clean');
    return { passes: all.length, inWindow: all.filter((m) => m.startTime >= since).length, inserted: window.__inserted };
  }, t0);
  const s = await B.state();
  log(`${B.name} teaser every 100 ms: ${r.inserted} insertions, ${r.passes} passes in all, ${r.inWindow} in the 10 s window`);
  assert.ok(r.passes <= 15, `${r.passes} passes`);
  assert.ok(r.inserted >= 50, 'the page kept inserting');
  assert.equal(s.error, null);
  // Quiet now: no pass without page changes (no feedback loop).
  await B.eval(() => {
    for (let i = 1; i < 100000; i++) clearInterval(i);
  });
  await sleep(2500);
  const before = await B.eval(() => performance.getEntriesByName('chaff:clean').length);
  await sleep(2000);
  assert.equal(await B.eval(() => performance.getEntriesByName('chaff:clean').length), before, 'no pass on a quiet page');
  assert.deepEqual(await B.eval(() => window.__errors), []);
  assert.deepEqual(B.errors(), []);
  return r;
}

/** The article taken out and put back: still shown; toggle-off restores the page byte for byte. */
export async function readd(B, assert, log) {
  await B.goto('/readd.html');
  await B.waitForPasses(1, 30000);
  const before = await B.eval(() => document.documentElement.outerHTML.replace(/ data-chaff-[a-z]+="[^"]*"/g, ''));
  await B.eval(() => window.startReadd());
  await sleep(1500);
  for (const sel of ['#headline', '#p0', '#p7']) assert.equal(await B.eval(isVisible, sel), true, `${sel} shown`);
  const s = await B.state();
  assert.equal(s.error, null);
  log(`${B.name} article re-added 5 times: ${s.passes} passes, hidden ${JSON.stringify(s.hidden)}`);
  await B.tell({ type: 'set-site-enabled', enabled: false });
  const after = await B.eval(() => ({
    html: document.documentElement.outerHTML,
    sheets: document.adoptedStyleSheets.length,
  }));
  assert.equal(after.sheets, 0);
  assert.equal(after.html, before, 'outerHTML restored');
  await B.tell({ type: 'set-site-enabled', enabled: true });
  assert.deepEqual(await B.eval(() => window.__errors), []);
  assert.deepEqual(B.errors(), []);
}

/** A paywall that un-hides itself and re-inserts itself: Chaff gives up after a few tries. */
export async function fight(B, assert, log) {
  await B.goto('/fight.html');
  await B.waitForPasses(1, 30000);
  await sleep(8000);
  const r = await B.eval(() => ({ unhides: window.__unhides, passes: performance.getEntriesByName('chaff:clean').length }));
  const s = await B.state();
  log(`${B.name} fighting paywall, 8 s: Chaff's marks removed by the page ${r.unhides} times, ${r.passes} passes`);
  assert.ok(r.unhides <= 3, `hid the paywall ${r.unhides} times`);
  assert.ok(r.passes <= 12, `${r.passes} passes`);
  assert.equal(s.error, null);
  assert.equal(await B.eval(isVisible, '#headline'), true);
  assert.deepEqual(await B.eval(() => window.__errors), []);
  assert.deepEqual(B.errors(), []);
}

/** Article text in containers named like promotions stays shown. */
export async function promoNames(B, assert) {
  await B.goto('/promo-names.html');
  await B.waitForPasses(1, 30000);
  for (const sel of ['#headline', '#p0', '#p5']) assert.equal(await B.eval(isVisible, sel), true, `${sel} shown`);
  assert.equal(await B.eval(isVisible, '#ad1'), false, 'the real ad is hidden');
}
