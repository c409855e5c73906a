// Issue 10 part 3 in Chromium: open shadow roots, single-page-app
// navigations, same-origin and about:blank frames, overlays (lib/parts.mjs), with the
// keyword stand-in core.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './lib/server.mjs';
import { fakeBuild } from './lib/build.mjs';
import { launchChromium, openPopup, waitForPasses } from './lib/chromium.mjs';
import { frameCounts, frames, lateScrollLock, lateShadowRoots, overlays, shadowRoots, spaNavigation, spaViewBeforeUrlSteps } from './lib/parts.mjs';
import { HIDDEN_BY_DEFAULT } from './lib/expect.mjs';

describe('Chromium, every part of the page', () => {
  let server;
  let other; // the same files on another port: another origin
  let chrome;
  let page;
  let B;

  before(async () => {
    server = await serve();
    other = await serve();
    chrome = await launchChromium(fakeBuild().chromium, { proxyPort: server.port });
    page = await chrome.newPage();
    const frameOf = async (id) => {
      const el = await page.$(`iframe#${id}`);
      if (el === null) throw new Error(`no iframe#${id}`);
      return el.contentFrame();
    };
    B = {
      name: 'Chromium',
      goto: (p) => page.goto(server.origin + p, { waitUntil: 'load' }),
      eval: (fn, ...args) => page.evaluate(fn, ...args),
      frame: async (id, fn, ...args) => (await frameOf(id)).evaluate(fn, ...args),
      waitForPasses: (n) => waitForPasses(page, n),
      state: () => chrome.state(),
      tell: (msg) => chrome.tell(msg),
      storage: (v) => chrome.storage(v),
    };
  });
  after(async () => {
    await chrome?.close();
    await server?.close();
    await other?.close();
  });

  test('open shadow roots are walked, hidden in, watched and restored', async () => {
    await shadowRoots(B, assert);
    assert.deepEqual(page.extensionConsole, []);
  });

  test('shadow roots empty when walked: filled later, attached by a late upgrade', async () => {
    await lateShadowRoots(B, assert);
    assert.deepEqual(page.extensionConsole, []);
  });

  test('single-page app: pushState, replaceState, popstate, Navigation API', async (t) => {
    await spaNavigation(B, assert, (m) => t.diagnostic(m));
    assert.deepEqual(page.extensionConsole, []);
  });

  test('single-page app: a view rendered before the URL changes is handed over on popstate and navigatesuccess', async (t) => {
    await spaViewBeforeUrlSteps(B, assert, t);
    assert.deepEqual(page.extensionConsole, []);
  });

  test('same-origin, about:blank and srcdoc frames cleaned; a cross-origin frame untouched', async () => {
    await frames(B, assert, other.port);
    assert.deepEqual(page.extensionConsole, []);
  });

  test("the badge and the popup count the frames' hidden blocks too", async () => {
    const popupTotal = async () => {
      const popup = await openPopup(chrome, page);
      try {
        await popup.waitForFunction(() => /\d/.test(document.getElementById('total').textContent));
        return await popup.evaluate(() => document.getElementById('total').textContent);
      } finally {
        await popup.close();
      }
    };
    await frameCounts({ ...B, badge: () => chrome.badge() }, assert, other.port, popupTotal);
    assert.deepEqual(page.extensionConsole, []);
  });

  test('fixed and sticky overlays hidden with their backdrop; the scroll lock goes with the modal', async () => {
    await overlays(B, assert, HIDDEN_BY_DEFAULT);
    assert.deepEqual(page.extensionConsole, []);
  });

  test('a scroll lock set on <body> after the modal was hidden is released, and back when Chaff is off', async () => {
    await lateScrollLock(B, assert);
    assert.deepEqual(page.extensionConsole, []);
  });
});
