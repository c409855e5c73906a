// Checks of the shipped extension with the real Wasm core, written once and
// run in both browsers (chromium-real.test.mjs, firefox-real.test.mjs)
// through a small adapter `B`:
//
//   B.name                       'Chromium' | 'Firefox'
//   B.goto(path)                 opens origin + path in the test tab, waits for load
//   B.reload()                   reloads the test tab, waits for load
//   B.eval(fn, ...args)          runs fn in the page's own world, awaits a promise
//   B.waitForPasses(n)           until n cleaning passes have been measured
//   B.tell(msg), B.state()       tabs.sendMessage to the content script, as the popup does
//   B.storage(values)            storage.local.set(values), then .get()
//   B.settings()                 the settings as the extension reads them (local over sync)
//   B.openPopup()                the real popup bound to the test tab:
//                                { eval(fn, ...args), click(selector), close() }
//   B.recordedBefore()           optional: the page's outerHTML at DOMContentLoaded
import assert from 'node:assert/strict';
import { REFUSALS_KEY } from '../../../extension/src/wasm-refusals.js';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './build.mjs';
import { ARTICLE_LABELS, HIDDEN_BY_DEFAULT } from './expect.mjs';
import { SAME_SOURCES_HINT, SEED, compare, listFixtures, nativeBlocks, nativeDecisions, normText } from './fixtures.mjs';
import { LATE_TEXT, injectLatePromos } from './late.mjs';

export const HOST = '127.0.0.1';
export const SEED_URL = `/fixtures/${SEED}.html`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ------------------------------------------------------- page helpers ---

const outerHTML = () => document.documentElement.outerHTML;
const innerText = () => document.body.innerText;
const marks = () => [...document.querySelectorAll('[data-chaff-hide]')].map((e) => e.getAttribute('data-chaff-hide'));
const pageFacts = () => ({
  text: document.body.innerText,
  marks: [...document.querySelectorAll('[data-chaff-hide]')].map((e) => e.getAttribute('data-chaff-hide')),
  sheets: document.adoptedStyleSheets.length,
  passes: performance.getEntriesByName('chaff:clean').length,
});

/** Until the content script answers (it may take a moment after load). */
async function contentState(B, timeout = 10000) {
  const end = Date.now() + timeout;
  for (;;) {
    const s = await B.state();
    if (s) return s;
    if (Date.now() > end) throw new Error('the content script does not answer');
    await sleep(50);
  }
}

async function waitFor(what, check, timeout = 10000) {
  const end = Date.now() + timeout;
  for (;;) {
    const got = await check();
    if (got) return got;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

let seedDecisions = null;
/** The core's decisions on the seed's .expect lines. */
export function seedLines() {
  if (seedDecisions === null) {
    const seed = listFixtures().find((f) => f.name === SEED);
    seedDecisions = nativeDecisions(seed.expect, nativeBlocks(seed.html));
  }
  return seedDecisions;
}

/** Article lines must all be visible, the lines the core hides must not be. */
function assertCleaned(text, where) {
  const t = normText(text);
  for (const d of seedLines()) {
    if (ARTICLE_LABELS.has(d.label)) assert.ok(t.includes(d.snippet), `${where}: article line hidden: ${d.snippet}`);
    else if (d.nativeHidden) assert.ok(!t.includes(d.snippet), `${where}: ${d.label} line still visible: ${d.snippet}`);
  }
}

// ---------------------------------------------------- 1 + 2: fixtures ---

/**
 * Every fixture: loaded with the site switched off (the page as it is),
 * switched on (cleaned by the real core), compared line by line with the
 * native core's decisions, switched off again (the document must be back
 * byte for byte). Returns the accuracy figures.
 */
export async function fixtureSweep(B, t) {
  const fixtures = listFixtures();
  const started = Date.now();
  await B.storage({ disabledSites: [HOST] });
  const problems = [];
  const total = { total: 0, hidden: 0, nativeHidden: 0, article: 0 };
  const missed = [];
  const unseen = [];
  let seedMarks = null;
  for (const f of fixtures) {
    const decisions = nativeDecisions(f.expect, nativeBlocks(f.html));
    await B.goto(f.url);
    const off = await contentState(B);
    assert.equal(off.enabled, false, `${f.name}: starts switched off`);
    const { html: pristine, text: before } = await B.eval(() => ({
      html: document.documentElement.outerHTML,
      text: document.body.innerText,
    }));
    if (B.recordedBefore) {
      assert.equal(pristine, await B.recordedBefore(), `${f.name}: a site that is off is not touched`);
    }

    const on = await B.tell({ type: 'set-site-enabled', enabled: true });
    assert.equal(on.reply.enabled, true);
    await B.waitForPasses(1);
    const after = await B.eval(pageFacts);
    const state = await B.state();
    assert.equal(state.error, null, `${f.name}: ${state.error}`);
    assert.equal(state.passes, 1, `${f.name}: one pass`);
    assert.equal(state.engine, 'local', `${f.name}: the core runs in the content script`);
    assert.equal(state.total, after.marks.length, `${f.name}: state counts the marks`);
    if (f.name === SEED) seedMarks = after.marks;

    const r = compare(decisions, before, after.text);
    for (const p of r.problems) problems.push(`${f.name}: ${p}`);
    for (const l of r.lines) {
      if (HIDDEN_BY_DEFAULT.has(l.label) && l.shownAfter) missed.push(`${f.name}: ${l.label}: ${l.snippet}`);
      if (!l.shownBefore) unseen.push(`${f.name}: ${l.label}: ${l.snippet}`);
      if (ARTICLE_LABELS.has(l.label)) total.article++;
      if (HIDDEN_BY_DEFAULT.has(l.label) && l.nativeHidden) total.nativeHidden++;
    }
    total.total += r.chrome.total;
    total.hidden += r.chrome.hidden;

    // 2: off restores the exact document.
    const offAgain = await B.tell({ type: 'set-site-enabled', enabled: false });
    assert.equal(offAgain.reply.enabled, false);
    const restored = await B.eval(() => ({ html: document.documentElement.outerHTML, sheets: document.adoptedStyleSheets.length }));
    assert.equal(restored.html, pristine, `${f.name}: switching off restores the document exactly`);
    assert.equal(restored.sheets, 0, `${f.name}: no sheet left`);
  }
  await B.storage({ disabledSites: [] });

  const pct = ((100 * total.hidden) / total.total).toFixed(1);
  const summary =
    `${B.name}: ${fixtures.length} fixtures in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
    `article lines visible: ${total.article}/${total.article}${problems.length ? ' (see problems)' : ''}; ` +
    `chrome lines of hidden kinds invisible: ${total.hidden}/${total.total} (${pct}%), ` +
    `native core hides ${total.nativeHidden}/${total.total}`;
  t.diagnostic(summary);
  for (const m of missed) t.diagnostic(`  shown, labelled chrome in .expect: ${m}`);
  for (const m of unseen) t.diagnostic(`  invisible even with Chaff off (the page's own CSS): ${m}`);
  assert.deepEqual(problems, [], `the browser shows and hides exactly what the core decided (${SAME_SOURCES_HINT})`);
  assert.ok(total.hidden / total.total >= 0.9, `accuracy ${pct}% < 90%`);
  return { ...total, seedMarks, fixtures: fixtures.length };
}

// ---------------------------------------------------- 3: strict CSP ---

/**
 * The seed served with `csp` (lib/server.mjs: 'none' is default-src 'none',
 * 'strict' a script-src without 'wasm-unsafe-eval'): cleaned all the same.
 * Resolves to the engine used.
 */
export async function strictCsp(B, seedMarks, csp = 'none') {
  // Each CSP refuses the core afresh: no refusal remembered from before
  // (wasm-refusals.js), and none left for the tests after.
  await B.storage({ disabledSites: [], [REFUSALS_KEY]: {} });
  await B.goto(`${SEED_URL}?csp=${csp}`);
  await B.waitForPasses(1);
  const state = await B.state();
  await B.storage({ [REFUSALS_KEY]: {} });
  assert.equal(state.error, null);
  const facts = await B.eval(pageFacts);
  assert.deepEqual(facts.marks, seedMarks, `csp=${csp}: the same blocks hidden as without the CSP`);
  assertCleaned(facts.text, `csp=${csp}`);
  return state.engine;
}

// ------------------------------------------- 4: promotions added later ---

export async function latePromos(B, query = '') {
  await B.goto(`${SEED_URL}${query}`);
  await B.waitForPasses(1);
  const first = await B.eval(marks);
  await B.eval(injectLatePromos, 2000);
  const banner = await waitFor('the late app banner to be hidden', () =>
    B.eval(() => document.getElementById('late-app-banner').getAttribute('data-chaff-hide')),
  );
  assert.equal(banner, 'app-promo');
  assert.ok(!normText(await B.eval(innerText)).includes(LATE_TEXT.banner), 'banner text invisible');
  // The paywall box arrives 2 s after the banner.
  await B.eval(() => window.__chaffLatePaywall);
  const paywall = await waitFor('the late paywall box to be hidden', () =>
    B.eval(() => document.getElementById('late-paywall').getAttribute('data-chaff-hide')),
  );
  assert.equal(paywall, 'paywall');
  const text = await B.eval(innerText);
  assert.ok(!normText(text).includes(LATE_TEXT.paywall), 'paywall text invisible');
  assertCleaned(text, 'after the late promotions');
  const state = await B.state();
  assert.equal(state.error, null);
  assert.equal(state.total, first.length + 2);
  assert.equal(state.passes, 3, 'one pass at load, one per burst of added content');
}

/**
 * A shop's listing whose "Load more" draws fourteen more product cards (and
 * puts "?page=2" in the address), with an app banner in the same burst: the
 * banner goes, the cards stay, as the fourteen drawn at load did (the added
 * pass is handed the page's reading). With `csp=strict`, Chromium classifies
 * in the background, and the reading travels in the messages.
 */
export async function lateListing(B, csp = '') {
  await B.storage({ disabledSites: [], [REFUSALS_KEY]: {} });
  await B.goto(`/e2e/pages/listing.html${csp ? `?csp=${csp}` : ''}`);
  await B.waitForPasses(1);
  const hiddenCards = () => document.querySelectorAll('#grid [data-chaff-hide], #grid[data-chaff-hide]').length;
  assert.equal(await B.eval(hiddenCards), 0, 'the cards drawn at load stay');
  await B.eval(() => window.loadMore());
  const banner = await waitFor('the late app banner to be hidden', () =>
    B.eval(() => document.getElementById('listing-app-banner').getAttribute('data-chaff-hide')),
  );
  await B.storage({ [REFUSALS_KEY]: {} });
  assert.equal(banner, 'app-promo');
  assert.equal(await B.eval(() => document.querySelectorAll('#grid .card').length), 28);
  assert.equal(await B.eval(hiddenCards), 0, 'the cards drawn later stay too');
  const text = normText(await B.eval(innerText));
  assert.ok(text.includes('Trail running shoe model 27'), 'the last card is visible');
  const state = await B.state();
  assert.equal(state.error, null);
  return state.engine;
}

// ------------------------------------------------ 6: the popup's counts ---

/**
 * Opens the real popup over the cleaned seed page and checks that what it
 * says matches what is marked in the page; returns the popup (open).
 */
export async function popupCounts(B) {
  await B.goto(SEED_URL);
  await B.waitForPasses(1);
  const pageMarks = await B.eval(marks);
  const state = await B.state();
  const popup = await B.openPopup();
  const shown = await waitFor('the popup to show its counts', async () => {
    const s = await popup.eval(() => ({
      host: document.getElementById('host').textContent,
      enabled: document.getElementById('enabled').checked,
      total: document.getElementById('total').textContent,
      rows: [...document.querySelectorAll('#kinds li')].map((li) => ({
        name: li.querySelector('.name').textContent,
        count: Number(li.querySelector('.count').textContent),
        chip: li.querySelector('.chip').textContent,
      })),
    }));
    return /\d/.test(s.total) ? s : null;
  });
  const names = labelNames();
  const perLabel = {};
  for (const m of pageMarks) perLabel[m] = (perLabel[m] ?? 0) + 1;
  assert.equal(shown.host, HOST);
  assert.equal(shown.enabled, true);
  assert.equal(shown.total, `${pageMarks.length} blocks hidden`);
  const expected = Object.entries(state.found)
    .map(([label, count]) => ({
      name: names[label],
      count: HIDDEN_BY_DEFAULT.has(label) ? perLabel[label] ?? 0 : count,
      chip: HIDDEN_BY_DEFAULT.has(label) ? 'hidden' : 'shown',
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  assert.deepEqual([...shown.rows].sort((a, b) => a.name.localeCompare(b.name)), expected);
  const hiddenRows = shown.rows.filter((r) => r.chip === 'hidden').reduce((n, r) => n + r.count, 0);
  assert.equal(hiddenRows, pageMarks.length, 'the hidden rows add up to the blocks hidden');
  return { popup, shown };
}

function labelNames() {
  const en = JSON.parse(fs.readFileSync(path.join(ROOT, 'extension', '_locales', 'en', 'messages.json'), 'utf8'));
  const out = {};
  for (const [key, v] of Object.entries(en)) if (key.startsWith('label_')) out[key.slice(6).replaceAll('_', '-')] = v.message;
  return out;
}

// ------------------------------------------- 5: the choice survives reload ---

/** Off through the popup's switch, reload: still off. On by the command, reload: cleaned. */
export async function reloadKeepsChoice(B) {
  const { popup } = await popupCounts(B);
  const cleaned = await B.eval(marks);
  assert.ok(cleaned.length > 0);
  await popup.click('#enabled');
  await waitFor('the page to be restored', async () => (await B.eval(marks)).length === 0);
  // The popup shows "off" once the content script has answered, which it
  // does after writing the setting.
  await waitFor('the popup to show the site off', () => popup.eval(() => !document.getElementById('message').hidden));
  await popup.close();
  assert.deepEqual((await B.settings()).disabledSites, [HOST]);

  await B.reload();
  const off = await contentState(B);
  assert.equal(off.enabled, false, 'still off after a reload');
  await sleep(300);
  const facts = await B.eval(pageFacts);
  assert.deepEqual([facts.marks.length, facts.sheets, facts.passes], [0, 0, 0], 'nothing hidden, nothing run');
  if (B.recordedBefore) assert.equal(await B.eval(outerHTML), await B.recordedBefore());
  const text = normText(facts.text);
  for (const d of seedLines()) assert.ok(text.includes(d.snippet), `visible while off: ${d.snippet}`);

  const on = await B.tell({ type: 'toggle-site' });
  assert.equal(on.reply.enabled, true);
  assert.deepEqual((await B.settings()).disabledSites, []);
  await B.reload();
  await B.waitForPasses(1);
  assert.deepEqual(await B.eval(marks), cleaned, 'cleaned again after a reload');
  assertCleaned(await B.eval(innerText), 'after switching back on');
}

// ------------------------------------------------- 7: network activity ---

/**
 * Exercises everything the extension does (clean, added content, popup,
 * reveal, off and on, the strict-CSP path) on pages that name no other host
 * (tests/e2e/pages/) or whose own third-party requests the browser blocks
 * (csp=local / csp=none), so any request that leaves 127.0.0.1 can only come
 * from the extension.
 */
export async function exerciseEverything(B) {
  await B.storage({ disabledSites: [] });
  // No CSP at all: nothing stands between the content script and the network.
  await B.goto('/e2e/pages/article.html');
  await B.waitForPasses(1);
  await latePromos(B, '?csp=local');
  const popup = await B.openPopup();
  await popup.click('#reveal');
  await waitFor('reveal mode', async () => (await B.eval(() => document.querySelectorAll('[data-chaff-why]').length)) > 0);
  await popup.click('#reveal');
  await waitFor('reveal mode off', async () => (await B.eval(() => document.querySelectorAll('[data-chaff-why]').length)) === 0);
  await popup.close();
  await B.tell({ type: 'toggle-site' });
  await B.tell({ type: 'toggle-site' });
  await B.waitForPasses(4);
  await B.goto(`${SEED_URL}?csp=none`);
  await B.waitForPasses(1);
  assert.equal((await B.state()).error, null);
}
