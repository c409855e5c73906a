// The popup and options pages in headless Firefox ESR, and where the
// settings live (storage.sync with a storage.local fallback): the extension
// around tests/e2e/fake-wasm.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './lib/server.mjs';
import { fakeBuild } from './lib/build.mjs';
import { launchFirefox } from './lib/firefox.mjs';
import * as suite from './lib/settings-suite.mjs';
import * as a11y from './lib/a11y-suite.mjs';
import { readFileSync } from 'node:fs';
import { By, Key } from 'selenium-webdriver';

const EN = JSON.parse(readFileSync(new URL('../../extension/_locales/en/messages.json', import.meta.url), 'utf8'));
const kindName = (kind) => EN[`label_${kind.replaceAll('-', '_')}`].message;

/**
 * A view (lib/a11y-suite.mjs) of the extension page in window `handle`:
 * names and roles from WebDriver's computed label and role, keys through
 * WebDriver actions, dark mode through the content colour-scheme override.
 */
function view(driver, handle) {
  const inPage = async (fn) => {
    await driver.switchTo().window(handle);
    return fn();
  };
  return {
    eval: (fn, arg) => inPage(() => driver.executeScript(fn, arg)),
    key: (name) =>
      inPage(async () => {
        const a = driver.actions();
        if (name === 'Shift+Tab') await a.keyDown(Key.SHIFT).sendKeys(Key.TAB).keyUp(Key.SHIFT).perform();
        else await a.sendKeys(name === 'Tab' ? Key.TAB : name).perform();
      }),
    ax: (sel) =>
      inPage(async () => {
        const el = await driver.findElement(By.css(sel));
        return { role: await el.getAriaRole(), name: await el.getAccessibleName() };
      }),
    async dark(on) {
      await driver.setContext('chrome');
      try {
        // 0: dark, 1: light (layout.css.prefers-color-scheme.content-override).
        await driver.executeScript('Services.prefs.setIntPref("layout.css.prefers-color-scheme.content-override", arguments[0]);', on ? 0 : 1);
      } finally {
        await driver.setContext('content');
      }
      await inPage(() =>
        driver.wait(async () => (await driver.executeScript(() => matchMedia('(prefers-color-scheme: dark)').matches)) === on, 5000),
      );
    },
  };
}

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
  test('a quota error keeps corrections locally, where they are read back', () => suite.correctionsQuotaErrorFallsBack(O));
  test('settings that would overfill sync with the corrections it holds stay local', () => suite.fullSyncStaysLocal(O));

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

describe('Firefox, popup and options from the keyboard and a screen reader', () => {
  let server;
  let ff;

  before(async () => {
    server = await serve();
    ff = await launchFirefox(fakeBuild().xpi, { proxyPort: server.port });
  });
  after(async () => {
    await ff?.close();
    await server?.close();
  });

  async function openOptions() {
    const handle = await ff.openExtensionPage('options/options.html');
    await ff.driver.wait(async () => (await ff.driver.executeScript(() => document.getElementById('kind-ad') !== null)), 10000);
    return { handle, V: view(ff.driver, handle) };
  }
  async function close(handle) {
    await ff.driver.switchTo().window(handle);
    await ff.driver.close();
    await ff.driver.switchTo().window((await ff.driver.getAllWindowHandles())[0]);
  }

  test('options: every control named, lists labelled, a live status', async () => {
    const { handle, V } = await openOptions();
    await a11y.optionsNames(V, kindName);
    await close(handle);
  });

  test('options: tab order, focus rings, Space operates, focus kept after a removal', async () => {
    const { handle, V } = await openOptions();
    const settings = async () => {
      const back = await ff.driver.getWindowHandle();
      try {
        return await ff.settings();
      } finally {
        await ff.driver.switchTo().window(back);
      }
    };
    await a11y.optionsKeyboard(V, settings);
    await close(handle);
  });

  test('options: dark mode under the colour-scheme override', async () => {
    const { handle, V } = await openOptions();
    await a11y.optionsDark(V);
    await close(handle);
  });

  test('popup: names, live count, tab order, dark mode', async () => {
    const { driver } = ff;
    await driver.get(`${server.origin}/e2e/pages/article.html`);
    await ff.waitForPasses(1);
    // The real popup page, in a tab opened behind the page's: asking for the
    // active tab of its window, it gets the page's, as the toolbar popup would.
    const handle = await ff.openExtensionPage('popup/popup.html', { background: true });
    const V = view(driver, handle);
    await a11y.popupNamesAndKeys(V, '127.0.0.1');
    await a11y.popupLiveCount(V);
    await a11y.popupDark(V);
    await close(handle);
  });
});
