// No flash in Firefox (issue 10, part 1): the shipped build, the real core,
// the seed page with its load event held back 3 s. Checks in lib/noflash.mjs.
import { after, before, describe, test } from 'node:test';
import { serve } from './lib/server.mjs';
import { realBuild } from './lib/build.mjs';
import { launchFirefox } from './lib/firefox.mjs';
import { noFlash } from './lib/noflash.mjs';

describe('Firefox, no flash', () => {
  let server;
  let ff;
  let B;

  before(async () => {
    server = await serve();
    ff = await launchFirefox(realBuild().xpi, { proxyPort: server.port });
    const { driver } = ff;
    B = {
      name: 'Firefox',
      goto: (p) => driver.get(server.origin + p),
      eval: (fn, ...args) => driver.executeScript(fn, ...args),
      waitForPasses: (n) => ff.waitForPasses(n),
      state: ff.state,
      storage: ff.storage,
    };
  });
  after(async () => {
    await ff?.close();
    await server?.close();
  });

  test('first visit: chrome gone within 100 ms of DOMContentLoaded; return visit: never painted', async (t) => {
    await noFlash(B, (m) => t.diagnostic(m));
  });
});
