// The Chromium build (dist/chromium, as `make dist` builds it, with the real
// Wasm core) in headless Chromium, on every labelled fixture. The checks
// themselves are in lib/real-suite.mjs, shared with firefox-real.test.mjs.
//
// Every request the browser makes for a host other than 127.0.0.1 goes to
// the test server as a proxy, which records and refuses it; the CDP Network
// domain of the web pages, the extension's pages and its service worker
// records the rest.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './lib/server.mjs';
import { realBuild } from './lib/build.mjs';
import { launchChromium, openPopup, waitForPasses } from './lib/chromium.mjs';
import { nativeCli, pageHosts, requestHost } from './lib/fixtures.mjs';
import {
  exerciseEverything,
  fixtureSweep,
  lateListing,
  latePromos,
  popupCounts,
  reloadKeepsChoice,
  strictCsp,
} from './lib/real-suite.mjs';

// Records the document as the page built it, before any content script ran
// (the content script runs at document_start, and does not touch the page
// of a site that is off).
const RECORD_BEFORE = () => {
  document.addEventListener('DOMContentLoaded', () => {
    window.__chaffTestBefore = document.documentElement.outerHTML;
  });
};

describe('Chromium, real core', () => {
  let server;
  let chrome;
  let page;
  let requests;
  let B;
  let sweep;

  before(async () => {
    nativeCli(); // the oracle: built now if it is older than the Wasm module
    server = await serve();
    chrome = await launchChromium(realBuild().chromium, { proxyPort: server.port });
    requests = await chrome.recordNetwork();
    page = await chrome.newPage();
    await page.evaluateOnNewDocument(RECORD_BEFORE);
    B = {
      name: 'Chromium',
      goto: (p) => page.goto(server.origin + p, { waitUntil: 'load' }),
      reload: () => page.reload({ waitUntil: 'load' }),
      eval: (fn, ...args) => page.evaluate(fn, ...args),
      waitForPasses: (n) => waitForPasses(page, n),
      tell: chrome.tell,
      state: chrome.state,
      storage: chrome.storage,
      settings: chrome.settings,
      recordedBefore: () => page.evaluate(() => window.__chaffTestBefore),
      async openPopup() {
        // The real toolbar popup, as a click on the button opens it.
        const popup = await openPopup(chrome, page);
        return {
          eval: (fn, ...args) => popup.evaluate(fn, ...args),
          click: (sel) => popup.click(sel),
          close: () => popup.close(),
        };
      },
    };
  });
  after(async () => {
    await chrome?.close();
    await server?.close();
  });

  test('1+2. every fixture: the article stays, the chrome the core labels goes, off restores the exact document', async (t) => {
    sweep = await fixtureSweep(B, t);
    assert.deepEqual(page.extensionConsole, []);
  });

  test("3. a page with CSP default-src 'none' is cleaned through the background", async () => {
    for (const csp of ['none', 'strict']) {
      const engine = await strictCsp(B, sweep.seedMarks, csp);
      assert.equal(engine, 'background', `csp=${csp}: the page forbids Wasm in the content script`);
      assert.equal(await chrome.badge(), String(sweep.seedMarks.length));
    }
  });

  test('4. an app banner added after load and a paywall box 2 s later are hidden', async () => {
    await latePromos(B);
    assert.deepEqual(page.extensionConsole, []);
  });

  test("4b. a listing's cards drawn after load stay, its late app banner goes; in the background too", async () => {
    assert.equal(await lateListing(B), 'local');
    assert.equal(await lateListing(B, 'strict'), 'background');
  });

  test("6. the popup's counts are what is hidden", async () => {
    const { popup } = await popupCounts(B);
    await popup.close();
    assert.equal(await chrome.badge(), String(sweep.seedMarks.length));
  });

  test('5. the site switched off in the popup stays off after a reload; on again, cleaned again', async () => {
    await reloadKeepsChoice(B);
  });

  test('7. no request leaves 127.0.0.1, and the extension fetches only its own files', async () => {
    const fromRequest = requests.length;
    const fromExternal = server.external.length;
    await exerciseEverything(B);
    const id = chrome.extensionId;
    const own = (url) => url.startsWith(`chrome-extension://${id}/`);
    const local = (url) => url.startsWith(`${server.origin}/`) || url.startsWith('data:');

    // While the pages' own third-party requests are blocked by their CSP:
    assert.deepEqual(server.external.slice(fromExternal), [], 'no request tried to leave 127.0.0.1');
    const window = requests.slice(fromRequest);
    assert.ok(window.some((r) => r.target === 'service_worker' && own(r.url)), 'the service worker is recorded');
    assert.ok(window.some((r) => r.target === 'page' && own(r.url)), "the content script's requests are recorded");
    const sent = window.filter((r) => r.blocked === null);
    assert.deepEqual(sent.filter((r) => !own(r.url) && !local(r.url)), [], 'only 127.0.0.1 and the extension');

    // The whole run: the service worker and the extension's pages asked
    // for nothing but the extension's own files; whatever tried to leave
    // 127.0.0.1 went to a host the test pages themselves name.
    const extension = requests.filter((r) => r.target !== 'page' || own(r.where));
    assert.deepEqual(extension.filter((r) => !own(r.url) && !r.url.startsWith('data:')), []);
    const hosts = pageHosts();
    assert.deepEqual(server.external.filter((r) => !hosts.has(requestHost(r.url))), []);
    assert.deepEqual(page.extensionConsole, []);
  });
});
