// The popup and options pages in headless Chromium, and where the settings
// live (storage.sync with a storage.local fallback): the extension around
// tests/e2e/fake-wasm.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './lib/server.mjs';
import { fakeBuild } from './lib/build.mjs';
import { launchChromium, waitForPasses } from './lib/chromium.mjs';
import * as suite from './lib/settings-suite.mjs';

describe('Chromium, settings in storage.sync', () => {
  let server;
  let chrome;
  let options;
  let O;

  before(async () => {
    server = await serve();
    chrome = await launchChromium(fakeBuild().chromium, { proxyPort: server.port });
    options = await chrome.browser.newPage();
    const url = `chrome-extension://${chrome.extensionId}/options/options.html`;
    const load = async () => {
      await options.goto(url, { waitUntil: 'load' });
      await options.waitForFunction(() => document.getElementById('storage').dataset.area !== undefined);
    };
    await load();
    O = { run: (fn, arg) => options.evaluate(fn, arg), reload: load, settings: chrome.settings };
  });
  after(async () => {
    await chrome?.close();
    await server?.close();
  });

  test('the background marks the one-time move at its start', () => suite.migratedAtStart(O));
  test('settings left in storage.local move to sync once', () => suite.migratesOnce(O));
  test('a quota error keeps the choice locally; it survives a reload', () => suite.quotaErrorFallsBack(O));
  test('settings over the per-item quota stay local', () => suite.overQuotaStaysLocal(O));
  test('without storage.sync, settings are local', () => suite.noSyncUsesLocal(O));

  test('a site turned off is in sync and stays off after a reload', async () => {
    const page = await chrome.newPage();
    await page.goto(`${server.origin}/e2e/pages/article.html`, { waitUntil: 'load' });
    await waitForPasses(page);
    const r = await chrome.tell({ type: 'toggle-site' });
    assert.equal(r.reply.enabled, false);
    const got = await chrome.settings();
    assert.deepEqual(got.sync.disabledSites, ['127.0.0.1']);
    assert.equal(got.local.disabledSites, undefined);
    await page.reload({ waitUntil: 'load' });
    await new Promise((res) => setTimeout(res, 300));
    assert.equal((await chrome.state()).enabled, false);
    assert.equal(await page.evaluate(() => document.querySelectorAll('[data-chaff-hide]').length), 0);
    await chrome.tell({ type: 'toggle-site' });
    assert.deepEqual((await chrome.settings()).disabledSites, []);
    await page.close();
  });
});
