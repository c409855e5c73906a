// Issue 10 part 3, "every part of the page", for both browsers: open shadow
// roots, single-page-app navigations and same-origin / about:blank frames,
// on tests/e2e/pages/{shadow,spa,frames}.html with the keyword stand-in core
// (fake-wasm: classes name the kinds). `B` adapts one browser:
//   goto(path)                    loads server.origin + path
//   eval(fn, ...args)             runs fn in the page's world (awaits a promise)
//   frame(id, fn, ...args)        the same in the document of <iframe id>
//   waitForPasses(n)              the top document's chaff:clean measures
//   state(), tell(msg)            the content script's state / a message to it
import { sleep, until } from './wait.mjs';


const passes = () => performance.getEntriesByName('chaff:clean').length;

export async function shadowRoots(B, assert) {
  await B.goto('/e2e/pages/shadow.html');
  await B.waitForPasses(1);
  const shown = (path) => B.eval((p) => window.shown(p), path);
  assert.equal(await shown(['decl', 'decl-ad']), false, 'ad in a declarative shadow root hidden');
  assert.equal(await shown(['card', 'card-share']), false, 'share box in a scripted shadow root hidden');
  assert.equal(await shown(['card', 'inner', 'inner-related']), false, 'links in a nested shadow root hidden');
  for (const p of [['p1'], ['decl', 'p2'], ['card', 'p3'], ['card', 'inner', 'inner-text']]) {
    assert.equal(await shown(p), true, `${p.join(' > ')} shown`);
  }
  assert.equal(await B.eval(() => document.getElementById('closed').checkVisibility()), true, 'a closed root is left alone');
  const s = await B.state();
  assert.equal(s.error, null);
  assert.deepEqual(s.hidden, { ad: 1, social: 1, 'link-farm': 1 });
  // The sheet is adopted in each shadow root with a hidden block, no DOM node added.
  const sheets = await B.eval(() => ({
    doc: document.adoptedStyleSheets.length,
    decl: window.deepFind(['decl']).shadowRoot.adoptedStyleSheets.length,
    inner: window.deepFind(['card', 'inner']).shadowRoot.adoptedStyleSheets.length,
    styles: document.querySelectorAll('style').length,
  }));
  assert.deepEqual(sheets, { doc: 1, decl: 1, inner: 1, styles: 0 });

  // Content added inside a shadow root later: an added-content pass.
  await B.eval(() => window.addShadowLate());
  await B.waitForPasses(2);
  assert.equal(await shown(['card', 'late-newsletter']), false, 'late newsletter in a shadow root hidden');
  assert.equal((await B.state()).lastPass.kind, 'added');

  // Off: every mark and sheet goes, shadow roots included; on: hidden again.
  await B.tell({ type: 'set-site-enabled', enabled: false });
  const off = await B.eval(() => {
    const marks = (root) => root.querySelectorAll('[data-chaff-hide]').length;
    return {
      marks: marks(document) + marks(window.deepFind(['decl']).shadowRoot) + marks(window.deepFind(['card']).shadowRoot) + marks(window.deepFind(['card', 'inner']).shadowRoot),
      sheets: document.adoptedStyleSheets.length + window.deepFind(['decl']).shadowRoot.adoptedStyleSheets.length + window.deepFind(['card', 'inner']).shadowRoot.adoptedStyleSheets.length,
      ad: window.shown(['decl', 'decl-ad']),
    };
  });
  assert.deepEqual(off, { marks: 0, sheets: 0, ad: true });
  await B.tell({ type: 'set-site-enabled', enabled: true });
  await B.waitForPasses(3);
  assert.equal(await shown(['card', 'inner', 'inner-related']), false);
  assert.equal(await shown(['card', 'late-newsletter']), false);
}

/**
 * Open shadow roots with nothing in them when the page is walked: one
 * attached empty and filled after the first pass (the watcher observes it),
 * custom elements upgraded after the first pass (looked for at load) and
 * after load (after the next pass). Only the chrome in them is hidden.
 */
export async function lateShadowRoots(B, assert) {
  await B.goto('/e2e/pages/shadow-late.html');
  await B.waitForPasses(1);
  const shown = (path) => B.eval((p) => window.shown(p), path);
  assert.equal(await B.eval(() => window.definedBeforeLoad), true, 'promo-box defined between the first pass and load');
  await until('the upgraded roots\' app promos hidden', async () => !(await shown(['promo-a', 'promo-ad'])) && !(await shown(['promo-b', 'promo-ad'])));
  assert.equal(await shown(['promo-a', 'promo-text']), true, 'article text in an upgraded root shown');
  assert.equal(await shown(['promo-a', 'pa']), true, 'its slotted paragraph shown');

  await B.eval(() => window.fillEmpty());
  await until('the newsletter in the root filled late hidden', async () => !(await shown(['empty', 'empty-news'])));
  assert.equal(await shown(['empty', 'empty-text']), true);

  await B.eval(() => window.defineOffer());
  await until('the newsletter in a root upgraded after load hidden', async () => !(await shown(['offer', 'offer-news'])));
  assert.equal(await shown(['offer', 'offer-text']), true);
  assert.equal(await shown(['p-late']), true);
  assert.equal(await shown(['p1']), true);
  const s = await B.state();
  assert.equal(s.error, null);
  assert.deepEqual(s.hidden, { 'app-promo': 2, newsletter: 2 });
}

export async function spaNavigation(B, assert, log) {
  await B.goto('/e2e/pages/spa.html');
  await B.waitForPasses(1);
  const full = await B.state();
  assert.equal(full.lastPass.kind, 'full');
  const hidden = (id) => B.eval((i) => !document.getElementById(i).checkVisibility(), id);
  assert.equal(await hidden('header-ad'), true);
  assert.equal(await hidden('v1-share'), true);

  const steps = [
    ['pushState', () => B.eval(() => window.go(2)), ['v2-ad', 'v2-related'], 'v2-p'],
    ['replaceState', () => B.eval(() => window.go(3, 'replace')), ['v3-newsletter'], 'v3-p'],
    ['popstate (back)', () => B.eval(() => history.back()), ['v1-share'], 'v1-p'],
  ];
  if (await B.eval(() => window.hasNavigation)) {
    steps.push(['Navigation API', () => B.eval(() => window.navigateTo(4).then(() => true)), ['v4-paywall'], 'v4-p']);
  } else {
    log(`${B.name}: no Navigation API in this browser; that step is skipped`);
  }
  let n = 1;
  let navigations = 0;
  for (const [how, act, chrome, text] of steps) {
    const t0 = await B.eval(() => performance.now());
    await act();
    n++;
    navigations++;
    await until(`${how}: a pass`, () => B.eval((k) => performance.getEntriesByName('chaff:clean').length >= k, n));
    await until(`${how}: new view`, () => B.eval((id) => document.getElementById(id) !== null, text));
    for (const id of chrome) assert.equal(await hidden(id), true, `${how}: #${id} hidden`);
    assert.equal(await hidden(text), false, `${how}: #${text} shown`);
    assert.equal(await hidden('header-ad'), true, `${how}: the header's ad stays hidden`);
    const s = await B.state();
    assert.equal(s.error, null);
    assert.equal(s.navigations, navigations, `${how}: navigation seen`);
    assert.equal(s.url, await B.eval(() => location.href));
    // Only the new view was walked, not the page again.
    assert.equal(s.lastPass.kind, 'added', `${how}: an added-content pass`);
    assert.ok(s.lastPass.nodes < full.lastPass.nodes, `${how}: walked ${s.lastPass.nodes} of ${full.lastPass.nodes} nodes`);
    const start = await B.eval((k) => performance.getEntriesByName('chaff:clean')[k - 1].startTime, n);
    // Handed over at once, not after the watcher's 200 ms of quiet.
    assert.ok(start - t0 < 180, `${how}: pass ${Math.round(start - t0)} ms after the navigation`);
    log(`${B.name} ${how}: added pass over ${s.lastPass.nodes} of ${full.lastPass.nodes} nodes, ${Math.round(start - t0)} ms after the navigation`);
  }
  // A navigation is not a page that fights back: no more passes than navigations.
  await sleep(600);
  assert.equal(await B.eval(passes), n);
}

/**
 * spaViewBeforeUrl on popstate, and on navigatesuccess where the browser has
 * the Navigation API (the page says so in `window.hasNavigation`).
 */
export async function spaViewBeforeUrlSteps(B, assert, t) {
  await t.test('popstate', (st) => spaViewBeforeUrl(B, assert, 'popstate', (m) => st.diagnostic(m)));
  await t.test('navigatesuccess', async (st) => {
    await B.goto('/e2e/pages/spa.html');
    if (!(await B.eval(() => window.hasNavigation))) {
      return st.skip(`no Navigation API in ${B.name}: the navigatesuccess step is skipped`);
    }
    await spaViewBeforeUrl(B, assert, 'navigatesuccess', (m) => st.diagnostic(m));
  });
}

/**
 * A router that renders the new view and changes the URL only after its
 * mutations were seen (the watcher then waits its 200 ms of quiet): only the
 * content script's listener for the URL change (`how`: 'popstate' on
 * history.back(), 'navigatesuccess' on navigation.navigate()) hands the view
 * over at once. Going back, the page's Navigation API handler takes 500 ms,
 * so that navigatesuccess cannot stand in for popstate.
 */
export async function spaViewBeforeUrl(B, assert, how, log) {
  await B.goto('/e2e/pages/spa.html');
  await B.waitForPasses(1);
  const full = await B.state();
  let n = 1;
  let expectedView = 'v3-newsletter';
  if (how === 'popstate') {
    // An entry to go back from.
    await B.eval(() => window.go(2));
    n++;
    await until('the pushed view\'s pass', () => B.eval((k) => performance.getEntriesByName('chaff:clean').length >= k, n));
    expectedView = 'v1-share';
    await sleep(300); // past the time in which added content still belongs to that navigation
  }
  const before = await B.state();
  const [v, act] = how === 'popstate' ? [1, 'back'] : [3, 'navigate'];
  await B.eval((a) => window.renderAhead(a[0], a[1]), [v, act]);
  n++;
  await until(`${how}: a pass`, () => B.eval((k) => performance.getEntriesByName('chaff:clean').length >= k, n));
  const s = await B.state();
  assert.equal(s.error, null);
  assert.equal(s.url, await B.eval(() => location.href), `${how}: the new URL seen`);
  assert.equal(s.navigations, before.navigations + 1, `${how}: navigation seen`);
  assert.equal(s.lastPass.kind, 'added');
  assert.ok(s.lastPass.nodes < full.lastPass.nodes, `${how}: walked ${s.lastPass.nodes} of ${full.lastPass.nodes} nodes`);
  assert.equal(await B.eval((id) => !document.getElementById(id).checkVisibility(), expectedView), true, `${how}: #${expectedView} hidden`);
  const after = await B.eval((k) => performance.getEntriesByName('chaff:clean')[k - 1].startTime - window.urlChangeAt, n);
  // At once, not when the watcher's quiet time after the render ends (150 ms after the URL changed).
  assert.ok(after >= 0 && after < 100, `${how}: pass ${Math.round(after)} ms after the URL changed`);
  log?.(`${B.name} ${how}: added pass ${Math.round(after)} ms after the URL changed`);
}

export async function frames(B, assert, crossPort) {
  await B.goto(`/e2e/pages/frames.html?cross=${crossPort}`);
  await B.waitForPasses(1);
  assert.equal(await B.eval(() => document.getElementById('top-ad').checkVisibility()), false, 'top frame cleaned');
  for (const [frame, ad, text] of [
    ['same', 'f-ad', 'f-p'],
    ['blank', 'b-ad', 'b-p'],
    ['srcdoc', 's-ad', 's-p'],
  ]) {
    await until(`${frame}: ad hidden`, () =>
      B.frame(frame, (id) => document.getElementById(id) !== null && !document.getElementById(id).checkVisibility(), ad),
    );
    assert.equal(await B.frame(frame, (id) => document.getElementById(id).checkVisibility(), text), true, `${frame}: text shown`);
  }
  // The cross-origin frame: loaded, given time, never touched.
  await until('cross-origin frame loaded', () => B.frame('cross', () => document.readyState === 'complete'));
  await sleep(1500);
  const cross = await B.frame('cross', () => ({
    ad: document.getElementById('f-ad').checkVisibility(),
    marks: document.querySelectorAll('[data-chaff-hide]').length,
    sheets: document.adoptedStyleSheets.length,
    passes: performance.getEntriesByName('chaff:clean').length,
    loader: performance.getEntriesByName('chaff:loader-start').length,
  }));
  assert.deepEqual(cross, { ad: true, marks: 0, sheets: 0, passes: 0, loader: 0 });
  // The toolbar's state is the top frame's, answered by it alone.
  const s = await B.state();
  assert.equal(s.hidden.ad, 1);
  assert.equal(s.error, null);
  // Switching the site off reaches the frames too (through storage).
  await B.tell({ type: 'set-site-enabled', enabled: false });
  await until('frames shown again', () => B.frame('same', () => document.getElementById('f-ad').checkVisibility()));
  assert.equal(await B.frame('blank', () => document.querySelectorAll('[data-chaff-hide]').length), 0);
  await B.tell({ type: 'set-site-enabled', enabled: true });
  await until('frames hidden again', () => B.frame('same', () => !document.getElementById('f-ad').checkVisibility()));
}

/** Whether the page scrolls (to 600 px down, and back to the top). */
function scrolls(B) {
  return B.eval(async () => {
    window.scrollTo(0, 0);
    window.scrollTo(0, 600);
    await new Promise((r) => requestAnimationFrame(r));
    const y = window.scrollY;
    window.scrollTo(0, 0);
    return y > 0;
  });
}

/**
 * The badge counts what the top frame and its same-origin frames hid
 * (`B.badge()`: the tab's badge text); `popupTotal` (optional): the popup's
 * count line. A new page in the tab counts its own frames only.
 */
export async function frameCounts(B, assert, crossPort, popupTotal = null) {
  await B.goto(`/e2e/pages/frames.html?cross=${crossPort}`);
  await B.waitForPasses(1);
  for (const [frame, ad] of [['same', 'f-ad'], ['blank', 'b-ad'], ['srcdoc', 's-ad']]) {
    await until(`${frame}: ad hidden`, () =>
      B.frame(frame, (id) => document.getElementById(id) !== null && !document.getElementById(id).checkVisibility(), ad),
    );
  }
  const top = (await B.state()).total;
  let inFrames = 0;
  for (const frame of ['same', 'blank', 'srcdoc']) {
    inFrames += await B.frame(frame, () => document.querySelectorAll('[data-chaff-hide]').length);
  }
  assert.equal(top, 1, 'the top frame hid its ad');
  assert.equal(inFrames, 3, 'each frame hid its ad');
  await until(`the badge to say ${top + inFrames}`, async () => (await B.badge()) === String(top + inFrames));
  if (popupTotal !== null) assert.match(await popupTotal(), new RegExp(`\\b${top + inFrames}\\b`), "the popup's count");

  // Another page in the tab: the frames of the last one no longer count.
  await B.goto('/e2e/pages/article.html');
  await B.waitForPasses(1);
  const own = (await B.state()).total;
  assert.ok(own > 0);
  await until(`the badge to say ${own}`, async () => (await B.badge()) === String(own));
}

/**
 * Fixed and sticky overlays go with their backdrop, and the scroll lock goes
 * with the modal that set it, whatever its kind. `hiddenByDefault`: the
 * core's default kinds (lib/expect.mjs).
 */
export async function overlays(B, assert, hiddenByDefault) {
  await B.goto('/e2e/pages/overlay.html');
  await B.waitForPasses(1);
  const look = () =>
    B.eval(() => {
      const shown = (id) => document.getElementById(id).checkVisibility();
      const ids = ['modal', 'layer', 'cookies', 'backdrop', 'promo', 'header', 'page-bg', 'p1'];
      return {
        shown: Object.fromEntries(ids.map((id) => [id, shown(id)])),
        overflow: getComputedStyle(document.documentElement).overflowY,
        backdrops: [...document.querySelectorAll('[data-chaff-backdrop]')].map((e) => e.id).sort(),
      };
    });
  // Backdrops are looked for after the next frame (no style recalculation inside a pass).
  await until('backdrops hidden', async () => (await look()).backdrops.length === 2);
  let v = await look();
  assert.deepEqual(v.shown, { modal: false, layer: false, cookies: false, backdrop: false, promo: false, header: true, 'page-bg': true, p1: true });
  assert.deepEqual(v.backdrops, ['backdrop', 'layer']);
  assert.equal(v.overflow, 'auto', 'scroll lock released');
  assert.equal(await scrolls(B), true, 'the page scrolls');

  // Cookie bars shown again (consent no longer hidden): the newsletter modal,
  // a kind that does not lock scrolling by the policy, still releases the
  // lock it set; the cookie bar's backdrop comes back with it.
  const kinds = [...hiddenByDefault].filter((k) => k !== 'consent');
  await B.storage({ hiddenKinds: kinds });
  try {
    await until('cookie bar shown', async () => (await look()).shown.cookies);
  } catch (e) {
    // What the content script had heard of, for the report.
    const s = await B.state();
    throw new Error(`${e.message}: state.hiddenKinds ${JSON.stringify(s?.hiddenKinds)}, page ${JSON.stringify(await look())}`);
  }
  v = await look();
  assert.equal(v.shown.backdrop, true);
  assert.equal(v.shown.layer, false);
  assert.equal(v.overflow, 'auto', 'released by the modal alone');
  // The modal's kind shown too: the page's lock is back.
  await B.storage({ hiddenKinds: kinds.filter((k) => k !== 'newsletter') });
  await until('modal shown', async () => (await look()).shown.modal);
  v = await look();
  assert.deepEqual(v.backdrops, []);
  assert.equal(v.shown.layer, true);
  assert.equal(v.overflow, 'hidden', "the page's own lock is back");
  await B.storage({ hiddenKinds: [...hiddenByDefault] });
  await until('modal hidden again', async () => !(await look()).shown.modal);
  assert.deepEqual((await look()).backdrops, ['backdrop', 'layer']);

  // "Show what was hidden": overlays and backdrops shown, outlined.
  await B.tell({ type: 'set-reveal', on: true });
  v = await look();
  assert.equal(v.shown.layer, true);
  assert.deepEqual(v.backdrops, []);
  await B.tell({ type: 'set-reveal', on: false });
  await until('backdrops hidden again', async () => (await look()).backdrops.length === 2);
  assert.deepEqual((await look()).backdrops, ['backdrop', 'layer']);

  // Off: the exact document again.
  await B.tell({ type: 'set-site-enabled', enabled: false });
  assert.equal(await B.eval(() => document.documentElement.outerHTML === window.__before), true);
  assert.equal((await look()).overflow, 'hidden');
  await B.tell({ type: 'set-site-enabled', enabled: true });
  await until('hidden again', async () => (await look()).backdrops.length === 2);
  assert.equal((await B.state()).error, null);
}

/**
 * A scroll lock the page sets on <body> after Chaff hid the modal that
 * wants it (a class, a second after load): released while the modal is
 * hidden; the page's own value again when Chaff is turned off here.
 */
export async function lateScrollLock(B, assert) {
  await B.goto('/e2e/pages/lock-late.html');
  await B.waitForPasses(1);
  const look = () =>
    B.eval(() => ({
      modal: document.getElementById('modal').checkVisibility(),
      locked: window.locked === true,
      overflow: getComputedStyle(document.body).overflowY,
      unlock: document.body.hasAttribute('data-chaff-unlock'),
    }));
  await until('the page locks <body>', async () => (await look()).locked);
  const v = await until('the lock released', async () => {
    const l = await look();
    return l.overflow === 'auto' && l;
  });
  assert.equal(v.modal, false, 'the modal is hidden');
  assert.equal(await scrolls(B), true, 'the page scrolls');

  await B.tell({ type: 'set-site-enabled', enabled: false });
  const off = await look();
  assert.deepEqual(off, { modal: true, locked: true, overflow: 'hidden', unlock: false }, "off: the page's own lock");
  await B.tell({ type: 'set-site-enabled', enabled: true });
  await until('released again', async () => (await look()).overflow === 'auto');
  assert.equal((await B.state()).error, null);
}
