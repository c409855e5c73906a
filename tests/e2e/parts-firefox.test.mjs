// Issue 10 part 3 in Firefox: open shadow roots, single-page-app
// navigations, same-origin and about:blank frames, overlays (lib/parts.mjs), with the
// keyword stand-in core.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';
import { serve } from './lib/server.mjs';
import { fakeBuild } from './lib/build.mjs';
import { launchFirefox } from './lib/firefox.mjs';
import { frameCounts, frames, lateScrollLock, lateShadowRoots, overlays, shadowRoots, spaNavigation, spaViewBeforeUrlSteps } from './lib/parts.mjs';
import { HIDDEN_BY_DEFAULT } from './lib/expect.mjs';

describe('Firefox, every part of the page', () => {
  let server;
  let other; // the same files on another port: another origin
  let ff;
  let B;

  before(async () => {
    server = await serve();
    other = await serve();
    ff = await launchFirefox(fakeBuild().xpi, { proxyPort: server.port });
    const { driver } = ff;
    const run = (fn, args) =>
      driver.executeAsyncScript(
        `const done = arguments[arguments.length - 1];
         Promise.resolve((${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1))).then(done, (e) => done({ __error: String(e) }));`,
        ...args,
      );
    B = {
      name: 'Firefox',
      goto: (p) => driver.get(server.origin + p),
      eval: (fn, ...args) => run(fn, args),
      frame: async (id, fn, ...args) => {
        await driver.switchTo().frame(await driver.findElement(By.css(`iframe#${id}`)));
        try {
          return await run(fn, args);
        } finally {
          await driver.switchTo().defaultContent();
        }
      },
      waitForPasses: (n) => ff.waitForPasses(n),
      state: () => ff.state(),
      tell: (msg) => ff.tell(msg),
      storage: (v) => ff.storage(v),
    };
  });
  after(async () => {
    await ff?.close();
    await server?.close();
    await other?.close();
  });

  test('open shadow roots are walked, hidden in, watched and restored', () => shadowRoots(B, assert));

  test('shadow roots empty when walked: filled later, attached by a late upgrade', () => lateShadowRoots(B, assert));

  test('single-page app: pushState, replaceState, popstate, Navigation API', (t) =>
    spaNavigation(B, assert, (m) => t.diagnostic(m)));

  test('single-page app: a view rendered before the URL changes is handed over on popstate and navigatesuccess', async (t) => {
    await spaViewBeforeUrlSteps(B, assert, t);
  });

  test('same-origin, about:blank and srcdoc frames cleaned; a cross-origin frame untouched', () =>
    frames(B, assert, other.port));

  test("the badge counts the frames' hidden blocks too", async () => {
    // The badge, read from an extension page (the popup cannot be opened here).
    const badge = async () => {
      const r = await ff.tell({ type: 'get-state' });
      return ff.inExtension((tabId) => browser.action.getBadgeText({ tabId }), r.tabId);
    };
    await frameCounts({ ...B, badge }, assert, other.port);
  });

  test('fixed and sticky overlays hidden with their backdrop; the scroll lock goes with the modal', () =>
    overlays(B, assert, HIDDEN_BY_DEFAULT));

  test('a scroll lock set on <body> after the modal was hidden is released, and back when Chaff is off', () =>
    lateScrollLock(B, assert));
});
