// End-to-end tests of the Chromium build in headless Chromium: the extension
// around tests/e2e/fake-wasm, on the pages in tests/e2e/pages/, so that the
// extension's mechanics are tested apart from the classifier's accuracy.
// With the real core: chromium-real.test.mjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './lib/server.mjs';
import { fakeBuild } from './lib/build.mjs';
import { launchChromium, openPopup, visible, waitForPasses } from './lib/chromium.mjs';
import { HIDDEN_BY_DEFAULT } from './lib/expect.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves once `fn()` is true, polling; fails after `timeout` ms. */
async function until(fn, timeout = 10000) {
  for (const end = Date.now() + timeout; Date.now() < end; await sleep(50)) if (await fn()) return;
  throw new Error(`timed out: ${fn}`);
}

describe('Chromium, extension mechanics', () => {
  let server;
  let chrome;
  let page;

  before(async () => {
    server = await serve();
    chrome = await launchChromium(fakeBuild().chromium, { proxyPort: server.port });
    page = await chrome.newPage();
  });
  after(async () => {
    await chrome?.close();
    await server?.close();
  });

  const article = () => page.goto(`${server.origin}/e2e/pages/article.html`, { waitUntil: 'load' });
  const dynamic = () => page.goto(`${server.origin}/e2e/pages/dynamic.html`, { waitUntil: 'load' });

  test('hides the chosen kinds with one adopted sheet and marker attributes only', async () => {
    await article();
    await waitForPasses(page);
    for (const sel of ['.ad', '.share', '.newsletter', '.related', '.cookie-banner']) {
      assert.equal(await visible(page, sel), false, `${sel} hidden`);
    }
    for (const sel of ['h1', '#p1', '#p2', '#p3', '.comments', '.site-header']) {
      assert.equal(await visible(page, sel), true, `${sel} shown`);
    }
    const dom = await page.evaluate(() => ({
      sheets: document.adoptedStyleSheets.length,
      styles: document.querySelectorAll('style').length,
      marks: [...document.querySelectorAll('[data-chaff-hide]')].map((e) => e.getAttribute('data-chaff-hide')),
      why: document.querySelectorAll('[data-chaff-why]').length,
      bodyOverflow: getComputedStyle(document.body).overflowY,
    }));
    assert.equal(dom.sheets, 1);
    assert.equal(dom.styles, 1, "only the page's own <style>");
    assert.deepEqual(dom.marks, ['ad', 'social', 'newsletter', 'link-farm', 'consent']);
    assert.equal(dom.why, 0);
    assert.equal(dom.bodyOverflow, 'auto', 'scrolling unlocked while the cookie wall is hidden');
    const state = await chrome.state();
    assert.deepEqual(state.hidden, { ad: 1, social: 1, newsletter: 1, 'link-farm': 1, consent: 1 });
    assert.equal(state.found.comments, 1);
    assert.equal(await chrome.badge(), '5');
    assert.deepEqual(page.extensionConsole, []);
  });

  test('off restores the exact document, on hides again', async () => {
    await chrome.tell({ type: 'set-site-enabled', enabled: false });
    const same = await page.evaluate(() => document.documentElement.outerHTML === window.__before);
    assert.equal(same, true);
    assert.equal(await visible(page, '.ad'), true);
    await chrome.tell({ type: 'set-site-enabled', enabled: true });
    await waitForPasses(page, 2);
    assert.equal(await visible(page, '.ad'), false);
  });

  test('"show what was hidden" outlines blocks with label and reason', async () => {
    await chrome.tell({ type: 'set-reveal', on: true });
    assert.equal(await visible(page, '.ad'), true);
    const why = await page.evaluate(() => document.querySelector('.ad').getAttribute('data-chaff-why'));
    assert.match(why, /^ad · 90% · class or id matches/);
    const outline = await page.evaluate(() => getComputedStyle(document.querySelector('.ad')).outlineStyle);
    assert.equal(outline, 'dashed');
    await chrome.tell({ type: 'set-reveal', on: false });
    assert.equal(await visible(page, '.ad'), false);
    assert.equal(await page.evaluate(() => document.querySelectorAll('[data-chaff-why]').length), 0);
  });

  test('hidden kinds follow the settings without reclassifying', async () => {
    await chrome.storage({ hiddenKinds: ['comments'] });
    await sleep(200);
    assert.equal(await visible(page, '.comments'), false);
    assert.equal(await visible(page, '.ad'), true);
    assert.equal(await page.evaluate(() => performance.getEntriesByName('chaff:clean').length), 2);
    await chrome.storage({ hiddenKinds: [...HIDDEN_BY_DEFAULT] });
    await sleep(200);
    assert.equal(await visible(page, '.comments'), true);
    assert.equal(await visible(page, '.ad'), false);
  });

  test('a site that is off is never touched', async () => {
    await chrome.storage({ disabledSites: ['127.0.0.1'] });
    await article();
    await sleep(1000);
    const dom = await page.evaluate(() => ({
      same: document.documentElement.outerHTML === window.__before,
      sheets: document.adoptedStyleSheets.length,
      measures: performance.getEntriesByName('chaff:clean').length,
    }));
    assert.deepEqual(dom, { same: true, sheets: 0, measures: 0 });
    assert.equal((await chrome.state()).enabled, false);
    await chrome.storage({ disabledSites: [] });
  });

  test('content added later is classified in a debounced pass of its own', async () => {
    await dynamic();
    await waitForPasses(page, 1);
    assert.equal(await visible(page, '#early-ad'), false);
    await page.evaluate(() => window.addLate());
    await waitForPasses(page, 2);
    await sleep(400);
    assert.equal(await page.evaluate(() => performance.getEntriesByName('chaff:clean').length), 2, 'one pass for one burst');
    assert.equal(await visible(page, '#late-ad'), false);
    assert.equal(await visible(page, '#late-text'), true);
    assert.equal((await chrome.state()).total, 2);
  });

  test('a subtree 20 000 elements deep is walked without recursion', async () => {
    await page.evaluate(() => window.addDeep(20000));
    await waitForPasses(page, 3);
    const mark = await page.evaluate(() => document.getElementById('deep-ad').getAttribute('data-chaff-hide'));
    assert.equal(mark, 'ad');
    assert.equal((await chrome.state()).error, null);
  });

  test('a failing pass keeps earlier work, records the error and stays quiet', async () => {
    await page.evaluate(() => window.addBroken());
    await waitForPasses(page, 4);
    const state = await chrome.state();
    assert.match(state.error, /fake classifier asked to fail/);
    assert.equal(await visible(page, '#early-ad'), false);
    assert.equal(await visible(page, '#broken'), true);
    assert.deepEqual(page.extensionConsole, []);
  });

  test('the popup shows counts and switches the site', async () => {
    await article();
    await waitForPasses(page);
    const popup = await openPopup(chrome, page);
    await popup.waitForFunction(() => document.getElementById('total').textContent.includes('5'), { timeout: 10000 });
    const text = await popup.evaluate(() => document.body.innerText);
    assert.match(text, /5 blocks hidden/);
    assert.match(text, /Ads\s+1\s+hidden/);
    assert.match(text, /Comments\s+1\s+shown/);
    assert.match(text, /127\.0\.0\.1/);

    await popup.click('#enabled');
    await page.waitForFunction(() => document.querySelectorAll('[data-chaff-hide]').length === 0, { timeout: 10000 });
    // The popup shows "off" once the content script has answered, which it
    // does after writing the setting.
    await popup.waitForFunction(() => !document.getElementById('message').hidden, { timeout: 10000 });
    assert.deepEqual((await chrome.settings()).disabledSites, ['127.0.0.1']);
    await popup.click('#enabled');
    await page.waitForFunction(() => document.querySelectorAll('[data-chaff-hide]').length === 5, { timeout: 10000 });

    await popup.click('#reveal');
    await page.waitForFunction(() => document.querySelectorAll('[data-chaff-why]').length === 5, { timeout: 10000 });
    await popup.click('#reveal');
    await page.waitForFunction(() => document.querySelectorAll('[data-chaff-why]').length === 0, { timeout: 10000 });
    await popup.close();
  });

  test('the options page saves kinds and lists and removes sites', async () => {
    await chrome.storage({ disabledSites: ['a.example', 'b.example'] });
    const options = await chrome.browser.newPage();
    await options.goto(`chrome-extension://${chrome.extensionId}/options/options.html`);
    await options.waitForSelector('#sites li');
    const sites = await options.$$eval('#sites .host', (els) => els.map((e) => e.textContent));
    assert.deepEqual(sites, ['a.example', 'b.example']);
    await options.click('#sites li button');
    await options.waitForFunction(() => document.querySelectorAll('#sites li').length === 1);
    assert.deepEqual((await chrome.settings()).disabledSites, ['b.example']);

    await options.click('#kind-comments');
    const kinds = async () => (await chrome.settings()).hiddenKinds ?? [];
    await until(async () => (await kinds()).includes('comments'));
    await options.click('#defaults');
    await until(async () => {
      const got = await kinds();
      return !got.includes('comments') && got.length === 7;
    });
    await options.close();
  });
});
