// No flash in Chromium (issue 10, part 1): the shipped build, the real core,
// the seed page with its load event held back 3 s. Checks in lib/noflash.mjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { serve } from './lib/server.mjs';
import { realBuild } from './lib/build.mjs';
import { launchChromium, waitForPasses } from './lib/chromium.mjs';
import { noFlash } from './lib/noflash.mjs';

describe('Chromium, no flash', () => {
  let server;
  let chrome;
  let page;
  let B;

  before(async () => {
    server = await serve();
    chrome = await launchChromium(realBuild().chromium, { proxyPort: server.port });
    page = await chrome.newPage();
    B = {
      name: 'Chromium',
      goto: (p) => page.goto(server.origin + p, { waitUntil: 'load', timeout: 30000 }),
      eval: (fn, ...args) => page.evaluate(fn, ...args),
      waitForPasses: (n) => waitForPasses(page, n),
      state: chrome.state,
      storage: chrome.storage,
    };
  });
  after(async () => {
    await chrome?.close();
    await server?.close();
  });

  test('first visit: chrome gone within 100 ms of DOMContentLoaded; return visit: never painted', async (t) => {
    await noFlash(B, (m) => t.diagnostic(m));
    assert.deepEqual(page.extensionConsole, []);
  });
});
