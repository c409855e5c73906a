// The popup and options pages in headless Chromium, and where the settings
// live (storage.sync with a storage.local fallback): the extension around
// tests/e2e/fake-wasm.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './lib/server.mjs';
import { fakeBuild } from './lib/build.mjs';
import { launchChromium, openPopup, waitForPasses } from './lib/chromium.mjs';
import * as suite from './lib/settings-suite.mjs';
import * as a11y from './lib/a11y-suite.mjs';
import { readFileSync } from 'node:fs';

const EN = JSON.parse(readFileSync(new URL('../../extension/_locales/en/messages.json', import.meta.url), 'utf8'));
const kindName = (kind) => EN[`label_${kind.replaceAll('-', '_')}`].message;

/** A view (lib/a11y-suite.mjs) of a puppeteer page. */
async function view(page) {
  const cdp = await page.createCDPSession();
  return {
    eval: (fn, arg) => page.evaluate(fn, arg),
    async key(name) {
      if (name === 'Shift+Tab') {
        await page.keyboard.down('Shift');
        await page.keyboard.press('Tab');
        await page.keyboard.up('Shift');
      } else await page.keyboard.press(name === ' ' ? 'Space' : name);
    },
    async ax(sel) {
      const handle = await page.$(sel);
      const node = await page.accessibility.snapshot({ root: handle, interestingOnly: false });
      return { role: node.role, name: node.name };
    },
    async dark(on) {
      await cdp.send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: on ? 'dark' : 'light' }] });
    },
  };
}

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
  test('a quota error keeps corrections locally, where they are read back', () => suite.correctionsQuotaErrorFallsBack(O));
  test('settings that would overfill sync with the corrections it holds stay local', () => suite.fullSyncStaysLocal(O));

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

describe('Chromium, popup and options from the keyboard and a screen reader', () => {
  let server;
  let chrome;

  before(async () => {
    server = await serve();
    chrome = await launchChromium(fakeBuild().chromium, { proxyPort: server.port });
  });
  after(async () => {
    await chrome?.close();
    await server?.close();
  });

  async function openOptions() {
    const page = await chrome.browser.newPage();
    await page.goto(`chrome-extension://${chrome.extensionId}/options/options.html`, { waitUntil: 'load' });
    await page.waitForSelector('#kind-ad');
    await page.bringToFront();
    return { page, V: await view(page) };
  }

  test('options: every control named, lists labelled, a live status', async () => {
    const { page, V } = await openOptions();
    await a11y.optionsNames(V, kindName);
    await page.close();
  });

  test('options: tab order, focus rings, Space operates, focus kept after a removal', async () => {
    const { page, V } = await openOptions();
    await a11y.optionsKeyboard(V, chrome.settings);
    await page.close();
  });

  test('options: dark mode under emulated prefers-color-scheme', async () => {
    const { page, V } = await openOptions();
    await a11y.optionsDark(V);
    await page.close();
  });

  test('popup: names, live count, tab order, dark mode', async () => {
    const page = await chrome.newPage();
    await page.goto(`${server.origin}/e2e/pages/article.html`, { waitUntil: 'load' });
    await waitForPasses(page);
    const popup = await openPopup(chrome, page);
    const V = await view(popup);
    await a11y.popupNamesAndKeys(V, '127.0.0.1');
    await a11y.popupLiveCount(V);
    await a11y.popupDark(V);
    await popup.close();
    await page.close();
  });
});
