// End-to-end tests of the Firefox build (dist/chaff-firefox.xpi) in headless
// Firefox ESR, installed as a temporary add-on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { serve, TESTS_DIR } from './lib/server.mjs';
import { fakeBuild, realBuild } from './lib/build.mjs';
import { launchFirefox } from './lib/firefox.mjs';
import { ARTICLE_LABELS, HIDDEN_BY_DEFAULT, readExpect } from './lib/expect.mjs';

const SEED = 'fixtures/seed/news-aggregator-article';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const outerHTML = () => document.documentElement.outerHTML;
const markCount = () => document.querySelectorAll('[data-chaff-hide]').length;
const isVisible = (sel) => document.querySelector(sel).checkVisibility();

describe('Firefox, real core', () => {
  let server;
  let ff;
  let pageTab;
  let optionsTab;

  before(async () => {
    server = await serve();
    ff = await launchFirefox(realBuild().xpi);
    pageTab = await ff.driver.getWindowHandle();
    optionsTab = await ff.openExtensionPage('options/options.html');
    await ff.driver.switchTo().window(pageTab);
  });
  after(async () => {
    await ff?.close();
    await server?.close();
  });

  async function setDisabledSites(sites) {
    await ff.driver.switchTo().window(optionsTab);
    await ff.driver.executeScript((s) => browser.storage.local.set({ disabledSites: s }), sites);
    await ff.driver.switchTo().window(pageTab);
  }

  test('cleans the seed page and restores it exactly when switched off', async () => {
    const { driver } = ff;
    // The page as it is without Chaff: the site starts switched off.
    await setDisabledSites(['127.0.0.1']);
    await driver.get(`${server.origin}/${SEED}.html`);
    await sleep(1000);
    assert.equal(await driver.executeScript(markCount), 0);
    const pristine = await driver.executeScript(outerHTML);

    await setDisabledSites([]);
    await ff.waitForPasses(1);
    const expectations = readExpect(path.join(TESTS_DIR, `${SEED}.expect`));
    const results = await driver.executeScript((items) => {
      const norm = (s) => s.replace(/\s+/g, ' ');
      const elements = [...document.body.querySelectorAll('*')];
      return items.map(({ label, snippet }) => {
        let found = null;
        for (const el of elements) if (norm(el.textContent).includes(snippet)) found = el;
        return { label, snippet, found: found !== null, visible: found !== null && found.checkVisibility() };
      });
    }, expectations);
    for (const r of results) assert.ok(r.found, `snippet not found: ${r.snippet}`);
    assert.deepEqual(results.filter((r) => ARTICLE_LABELS.has(r.label) && !r.visible), []);
    assert.ok(results.some((r) => HIDDEN_BY_DEFAULT.has(r.label) && !r.visible), 'some chrome is hidden');
    assert.ok((await driver.executeScript(markCount)) > 0);

    await setDisabledSites(['127.0.0.1']);
    await sleep(300);
    assert.equal(await driver.executeScript(outerHTML), pristine);
    assert.equal(await driver.executeScript(() => document.adoptedStyleSheets.length), 0);
    await setDisabledSites([]);
  });
});

describe('Firefox, extension mechanics', () => {
  let server;
  let ff;

  before(async () => {
    server = await serve();
    ff = await launchFirefox(fakeBuild().xpi);
  });
  after(async () => {
    await ff?.close();
    await server?.close();
  });

  test('hides with an adopted sheet; a strict CSP page is cleaned too', async () => {
    const { driver } = ff;
    for (const query of ['', '?csp=strict']) {
      await driver.get(`${server.origin}/e2e/pages/article.html${query}`);
      await ff.waitForPasses(1);
      for (const sel of ['.ad', '.share', '.newsletter', '.related', '.cookie-banner']) {
        assert.equal(await driver.executeScript(isVisible, sel), false, `${sel} hidden (${query || 'no CSP'})`);
      }
      for (const sel of ['h1', '#p1', '.comments']) {
        assert.equal(await driver.executeScript(isVisible, sel), true, `${sel} shown`);
      }
      const dom = await driver.executeScript(() => ({
        sheets: document.adoptedStyleSheets.length,
        styles: document.querySelectorAll('style').length,
      }));
      assert.deepEqual(dom, { sheets: 1, styles: 1 });
    }
  });

  test('content added later, 20 000 deep, is classified without recursion', async () => {
    const { driver } = ff;
    await driver.get(`${server.origin}/e2e/pages/dynamic.html`);
    await ff.waitForPasses(1);
    await driver.executeScript(() => window.addLate());
    await ff.waitForPasses(2);
    assert.equal(await driver.executeScript(isVisible, '#late-ad'), false);
    assert.equal(await driver.executeScript(isVisible, '#late-text'), true);
    await driver.executeScript(() => window.addDeep(20000));
    await ff.waitForPasses(3);
    const mark = await driver.executeScript(() => document.getElementById('deep-ad').getAttribute('data-chaff-hide'));
    assert.equal(mark, 'ad');
  });
});
