// The popup and options pages in headless Firefox ESR, and where the
// settings live (storage.sync with a storage.local fallback): the extension
// around tests/e2e/fake-wasm.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './lib/server.mjs';
import { fakeBuild } from './lib/build.mjs';
import { launchFirefox } from './lib/firefox.mjs';
import * as suite from './lib/settings-suite.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('Firefox, settings in storage.sync', () => {
  let server;
  let ff;
  let O;

  before(async () => {
    server = await serve();
    ff = await launchFirefox(fakeBuild().xpi, { proxyPort: server.port });
    const { driver } = ff;
    const handle = await ff.openExtensionPage('options/options.html');
    const rendered = () =>
      driver.wait(async () => (await driver.executeScript(() => document.getElementById('storage').dataset.area)) !== null, 10000);
    await rendered();
    const inOptions = async (fn, arg) => {
      const back = await driver.getWindowHandle();
      await driver.switchTo().window(handle);
      try {
        return await driver.executeScript(fn, arg);
      } finally {
        if (back !== handle) await driver.switchTo().window(back);
      }
    };
    O = {
      run: inOptions,
      reload: async () => {
        await driver.switchTo().window(handle);
        await driver.navigate().refresh();
        await driver.wait(async () => (await driver.executeScript(() => document.readyState)) === 'complete', 10000);
        await rendered();
      },
      settings: ff.settings,
    };
  });
  after(async () => {
    await ff?.close();
    await server?.close();
  });

  test('the background marks the one-time move at its start', () => suite.migratedAtStart(O));
  test('settings left in storage.local move to sync once', () => suite.migratesOnce(O));
  test('a quota error keeps the choice locally; it survives a reload', () => suite.quotaErrorFallsBack(O));
  test('settings over the per-item quota stay local', () => suite.overQuotaStaysLocal(O));
  test('without storage.sync, settings are local', () => suite.noSyncUsesLocal(O));

  test('a site turned off is in sync and stays off after a reload', async () => {
    const { driver } = ff;
    await driver.switchTo().newWindow('tab');
    await driver.get(`${server.origin}/e2e/pages/article.html`);
    await ff.waitForPasses(1);
    const r = await ff.tell({ type: 'toggle-site' });
    assert.equal(r.reply.enabled, false);
    const got = await ff.settings();
    assert.deepEqual(got.sync.disabledSites, ['127.0.0.1']);
    assert.equal(got.local.disabledSites, undefined);
    await driver.navigate().refresh();
    await sleep(500);
    assert.equal((await ff.state()).enabled, false);
    assert.equal(await driver.executeScript(() => document.querySelectorAll('[data-chaff-hide]').length), 0);
    await ff.tell({ type: 'toggle-site' });
    assert.deepEqual((await ff.settings()).disabledSites, []);
  });
});
