// Reliability in Chromium (issue 6): the shipped build with the real core on
// generated hostile pages (lib/hostile.mjs): a 100 000-element page within
// the main-thread budget, odd and extreme pages, pages that fight back. Any
// console message from the extension, or uncaught error in the page, fails.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { realBuild } from './lib/build.mjs';
import { launchChromium, waitForPasses } from './lib/chromium.mjs';
import { budget, fight, limits, promoNames, readd, serveHostile, teaser } from './lib/hostile.mjs';

describe('Chromium, reliability', () => {
  let server;
  let chrome;
  let page;
  let B;
  const errors = [];

  before(async () => {
    server = await serveHostile();
    chrome = await launchChromium(realBuild().chromium);
    page = await chrome.newPage();
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    B = {
      name: 'Chromium',
      goto: async (p) => {
        errors.length = 0;
        page.extensionConsole.length = 0;
        await page.goto(server.origin + p, { waitUntil: 'load', timeout: 60000 });
      },
      eval: (fn, ...args) => page.evaluate(fn, ...args),
      waitForPasses: (n, timeout) => waitForPasses(page, n, timeout),
      state: () => chrome.state(),
      tell: (msg) => chrome.tell(msg),
      errors: () => [...page.extensionConsole, ...errors],
    };
  });
  after(async () => {
    await chrome?.close();
    await server?.close();
  });

  test('100 000 elements: no slice of a pass over 50 ms', (t) => budget(B, assert, (m) => t.diagnostic(m)));
  test('deep, 10 MB text, 200 000 text nodes, islands, frameset', (t) => limits(B, assert, (m) => t.diagnostic(m)));
  test('a teaser re-inserted every 100 ms', (t) => teaser(B, assert, (m) => t.diagnostic(m)));
  test('the article removed and re-added', (t) => readd(B, assert, (m) => t.diagnostic(m)));
  test('a paywall that un-hides itself', (t) => fight(B, assert, (m) => t.diagnostic(m)));
  test('article text in promo-named containers stays', () => promoNames(B, assert));
});
