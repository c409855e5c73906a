// End-to-end tests of the Firefox build in headless Firefox ESR, installed as
// a temporary add-on: the extension around tests/e2e/fake-wasm, on the pages
// in tests/e2e/pages/, for the extension's mechanics. With the real core:
// firefox-real.test.mjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './lib/server.mjs';
import { fakeBuild } from './lib/build.mjs';
import { launchFirefox } from './lib/firefox.mjs';

const isVisible = (sel) => document.querySelector(sel).checkVisibility();

describe('Firefox, extension mechanics', () => {
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
