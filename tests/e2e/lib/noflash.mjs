// No flash (issue 10, part 1), written once and run in both browsers
// (noflash-chromium.test.mjs, noflash-firefox.test.mjs) through an adapter:
//
//   B.name, B.goto(path) (waits for load), B.eval(fn, ...args),
//   B.waitForPasses(n), B.state(), B.storage(values)
//
// The seed page, with the server's probe (lib/server.mjs `probe=1`): a
// script first in <head> that samples the blocks Chaff hides at every
// animation frame and on every DOM change (pages/probe.js), and a 1x1 image
// answered 3 s late, which holds the load event back.
import assert from 'node:assert/strict';
import { HIDDEN_BY_DEFAULT } from './expect.mjs';
import { SEED } from './fixtures.mjs';

export const HOST = '127.0.0.1';
// csp=local: the page's images from other hosts fail at once, inside the
// browser, so its own layout does not move with the proxy's timing.
const URL_ = `/fixtures/${SEED}.html?probe=1&slow=3000&csp=local`;
const LEARNED = `learned:${HOST}`;

/** In the page: the child-index paths of the blocks Chaff hides, kept for the probe. */
function rememberHidden() {
  const path = (el) => {
    const p = [];
    for (let e = el; e !== document.documentElement; e = e.parentElement) p.unshift([...e.parentElement.children].indexOf(e));
    return p;
  };
  const paths = [...document.querySelectorAll('[data-chaff-hide]')].map(path);
  localStorage.setItem('chaffProbePaths', JSON.stringify(paths));
  return paths;
}

/** In the page: what the probe saw, with the page's own timings. */
function readProbe() {
  const nav = performance.getEntriesByType('navigation')[0];
  const pass = performance.getEntriesByName('chaff:clean')[0];
  return {
    probe: window.__chaffProbe,
    dcl: nav.domContentLoadedEventStart,
    load: nav.loadEventStart,
    passStart: pass ? pass.startTime : null,
    passEnd: pass ? pass.startTime + pass.duration : null,
    marks: document.querySelectorAll('[data-chaff-hide]').length,
  };
}

async function visit(B) {
  const t0 = Date.now();
  await B.goto(URL_);
  const ms = Date.now() - t0;
  await B.waitForPasses(1);
  const got = await B.eval(readProbe);
  const state = await B.state();
  return { ...got, state, ms };
}

const r1 = (x) => Math.round(x * 10) / 10;

/**
 * Learns which blocks Chaff hides on the page, then measures a first visit
 * (nothing learned) and a return visit. Returns the figures.
 */
export async function noFlash(B, note) {
  await B.storage({ disabledSites: [], [LEARNED]: null });
  await B.goto(URL_);
  await B.waitForPasses(1);
  const paths = await B.eval(rememberHidden);
  assert.ok(paths.length >= 3, `${B.name}: the seed page has chrome to hide (${paths.length})`);

  // The page's own layout shifts, with Chaff off for the site (its images
  // from other hosts fail, and broken-image boxes change size).
  await B.storage({ disabledSites: [HOST] });
  await B.goto(URL_);
  const own = await B.eval(() => window.__chaffProbe.shifts);
  await B.storage({ disabledSites: [] });
  const sum = (shifts) => (shifts === null ? null : shifts.reduce((a, x) => a + x.value, 0));

  // First visit: nothing learned on this site.
  await B.storage({ [LEARNED]: null });
  const first = await visit(B);
  assert.ok(first.ms >= 2500 && first.load - first.dcl >= 2500, `${B.name}: the load event was held back (${first.ms} ms)`);
  assert.equal(first.state.early, 0, 'nothing learned before the first visit');
  assert.ok(first.passEnd < first.load, 'the first pass ended before the load event');
  const lag = paths.map((_, k) => first.probe.hiddenAt[k] - first.dcl);
  for (const [k, ms] of lag.entries()) {
    assert.ok(Number.isFinite(ms), `${B.name}, first visit: block ${k} was hidden`);
    assert.ok(ms <= 100, `${B.name}, first visit: block ${k} hidden ${r1(ms)} ms after DOMContentLoaded (limit 100)`);
  }
  note(
    `${B.name}, first visit: paint held ${r1(first.state.heldMs)} ms (${first.probe.blankFrames} blank frames); pass ${r1(first.passStart - first.dcl)} → ${r1(first.passEnd - first.dcl)} ms after DOMContentLoaded; ` +
      `every block hidden within ${r1(Math.max(...lag))} ms of it; load ${r1(first.load - first.dcl)} ms after it; ` +
      `${first.probe.shown.length} frame samples showed chrome (expected: it is shown until the pass); ` +
      `layout shifts ${first.probe.shifts === null ? 'not supported' : `${first.probe.shifts.length} (sum ${r1(sum(first.probe.shifts) * 1000) / 1000})`}`,
  );

  // What the first visit learned.
  const learned = (await B.storage())[LEARNED];
  assert.ok(learned && learned.rules.length >= paths.length, `${B.name}: learned a selector per hidden block`);
  for (const r of learned.rules) assert.doesNotMatch(r.s, /css-/, `${B.name}: no hashed class name in ${r.s}`);

  // Return visit: the learned selectors hide the chrome before any frame.
  const again = await visit(B);
  assert.ok(again.state.early >= paths.length, `${B.name}: the learned sheet held ${again.state.early} selectors`);
  assert.ok(again.probe.frames > 0, 'the probe saw frames');
  assert.deepEqual(again.probe.shown, [], `${B.name}, return visit: no frame showed a hidden block`);
  // Hidden by the learned sheet, in place before the pass began. (When
  // storage answers after parsing, the paint hold covers the blocks until
  // the sheet comes, and the probe, which samples on DOM changes and frames,
  // may first see them hidden at the pass's own marks: when it saw them is
  // no measure of which hid them.)
  assert.ok(
    Number.isFinite(again.state.earlyAt) && again.state.earlyAt < again.passStart,
    `${B.name}: the learned sheet (${r1(again.state.earlyAt)} ms) came before the pass (${r1(again.passStart)} ms)`,
  );
  const atSight = [...paths.keys()].filter((k) => again.probe.hiddenAt[k] === again.probe.firstSeenAt[k]).length;
  if (again.probe.shifts !== null) {
    // No shift beyond the page's own.
    assert.ok(
      sum(again.probe.shifts) <= sum(own) + 0.0005,
      `${B.name}, return visit: layout shifts ${JSON.stringify(again.probe.shifts)}; the page's own, Chaff off: ${JSON.stringify(own)}`,
    );
  }
  assert.equal(again.marks, first.marks, 'the pass confirmed the same blocks');
  const learnedAfter = (await B.storage())[LEARNED];
  assert.equal(learnedAfter.rules.length, learned.rules.length, 'confirmed, none dropped or added');
  note(
    `${B.name}, return visit: ${again.probe.frames} frames sampled (first at ${r1(again.probe.firstFrameAt)} ms, DOMContentLoaded at ${r1(again.dcl)} ms), ` +
      `0 showed chrome; content script started at ${r1(again.state.startAt)} ms, learned sheet adopted at ${r1(again.state.earlyAt)} ms, first paint held ${r1(again.state.heldMs)} ms (${again.probe.blankFrames} blank frames); ${atSight} of ${paths.length} blocks hidden from the moment they were parsed; layout shift sum ${again.probe.shifts === null ? 'not supported' : `${r1(sum(again.probe.shifts) * 1000) / 1000} (the page's own with Chaff off: ${r1(sum(own) * 1000) / 1000}; first visit: ${r1(sum(first.probe.shifts) * 1000) / 1000})`}; ` +
      `${learned.rules.length} selectors: ${learned.rules.map((r) => r.s).join(' | ')}`,
  );

  // A selector that now matches what the core keeps (the headline) is
  // dropped after the pass; one that matches nothing is kept, one miss more.
  const kind = [...HIDDEN_BY_DEFAULT][0];
  await B.storage({ [LEARNED]: { t: 1, rules: [...learned.rules, { s: 'h1', l: kind, m: 0 }, { s: '#gone-block', l: kind, m: 0 }] } });
  const third = await visit(B);
  assert.equal(third.state.early, learned.rules.length + 2);
  assert.equal(await B.eval(() => document.querySelector('h1').checkVisibility()), true, 'the headline is shown after the pass');
  const rules = (await B.storage())[LEARNED].rules;
  assert.equal(rules.find((r) => r.s === 'h1'), undefined, 'the selector matching the headline is dropped');
  assert.equal(rules.find((r) => r.s === '#gone-block')?.m, 1, 'the selector matching nothing is kept, one miss');
  return { first, again, learned };
}
