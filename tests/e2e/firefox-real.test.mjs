// The Firefox build (dist/chaff-firefox.xpi, as `make dist` builds it, with
// the real Wasm core) in headless Firefox ESR, installed as a temporary
// add-on, on every labelled fixture. The checks themselves are in
// lib/real-suite.mjs, shared with chromium-real.test.mjs.
//
// Every request the browser makes for a host other than 127.0.0.1 goes to
// the test server as a proxy, which records and refuses it; WebDriver BiDi
// (network.beforeRequestSent) records the pages' requests.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './lib/server.mjs';
import { realBuild } from './lib/build.mjs';
import { UUID, launchFirefox } from './lib/firefox.mjs';
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

describe('Firefox, real core', () => {
  let server;
  let ff;
  let pageTab;
  let B;
  let sweep;

  before(async () => {
    nativeCli(); // the oracle: built now if it is older than the Wasm module
    server = await serve();
    ff = await launchFirefox(realBuild().xpi, { proxyPort: server.port, network: true });
    const { driver } = ff;
    pageTab = await driver.getWindowHandle();
    B = {
      name: 'Firefox',
      goto: (p) => driver.get(server.origin + p),
      reload: () => driver.navigate().refresh(),
      eval: (fn, ...args) => driver.executeScript(fn, ...args),
      waitForPasses: (n) => ff.waitForPasses(n),
      tell: ff.tell,
      state: ff.state,
      storage: ff.storage,
      settings: ff.settings,
      async openPopup() {
        // The real popup page, in a tab opened behind the test tab: asking
        // for the active tab of its window, it gets the test tab, as the
        // toolbar popup would.
        const handle = await ff.openExtensionPage('popup/popup.html', { background: true });
        await driver.switchTo().window(pageTab);
        const inPopup = async (fn, ...args) => {
          await driver.switchTo().window(handle);
          try {
            return await driver.executeScript(fn, ...args);
          } finally {
            await driver.switchTo().window(pageTab);
          }
        };
        return {
          eval: inPopup,
          click: (sel) => inPopup((s) => document.querySelector(s).click(), sel),
          async close() {
            await driver.switchTo().window(handle);
            await driver.close();
            await driver.switchTo().window(pageTab);
          },
        };
      },
    };
  });
  after(async () => {
    await ff?.close();
    await server?.close();
  });

  test('1+2. every fixture: the article stays, the chrome the core labels goes, off restores the exact document', async (t) => {
    sweep = await fixtureSweep(B, t);
  });

  test("3. a page with CSP default-src 'none' is cleaned", async (t) => {
    for (const csp of ['none', 'strict']) {
      const engine = await strictCsp(B, sweep.seedMarks, csp);
      t.diagnostic(`Firefox, csp=${csp}: engine ${engine}`);
    }
  });

  test('4. an app banner added after load and a paywall box 2 s later are hidden', async () => {
    await latePromos(B);
  });

  test("4b. a listing's cards drawn after load stay, its late app banner goes", async () => {
    assert.equal(await lateListing(B), 'local');
  });

  test("6. the popup's counts are what is hidden", async () => {
    const { popup } = await popupCounts(B);
    await popup.close();
  });

  test('5. the site switched off in the popup stays off after a reload; on again, cleaned again', async () => {
    await reloadKeepsChoice(B);
  });

  test('7. no request leaves 127.0.0.1', async () => {
    const fromRequest = ff.requests.length;
    const fromExternal = server.external.length;
    await exerciseEverything(B);
    await ff.openExtensionPage('options/options.html');
    await ff.driver.switchTo().window(pageTab);

    // While the pages' own third-party requests are blocked by their CSP:
    assert.deepEqual(server.external.slice(fromExternal), [], 'no request tried to leave 127.0.0.1');
    const window = ff.requests.slice(fromRequest);
    assert.ok(window.length > 0, 'BiDi reports requests');
    const allowed = (url) =>
      url.startsWith(`${server.origin}/`) || url.startsWith(`moz-extension://${UUID}/`) || url.startsWith('data:');
    assert.deepEqual(window.filter((r) => !allowed(r.url)), [], 'only 127.0.0.1 and the extension');

    // The whole run: whatever tried to leave 127.0.0.1 went to a host the
    // test pages themselves name.
    const hosts = pageHosts();
    assert.deepEqual(server.external.filter((r) => !hosts.has(requestHost(r.url))), []);
  });
});
