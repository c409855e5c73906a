// Reliability in Firefox (issue 6): the shipped build with the real core on
// the generated hostile pages of lib/hostile.mjs. Firefox has no Long Tasks
// API: the main-thread figures come from Chaff's own slice timing and a
// setTimeout(0) heartbeat in the page. Uncaught errors in the page fail;
// the extension's own console is not visible to WebDriver here.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { realBuild } from './lib/build.mjs';
import { launchFirefox } from './lib/firefox.mjs';
import { budget, limits, readd, serveHostile, teaser } from './lib/hostile.mjs';

describe('Firefox, reliability', () => {
  let server;
  let ff;
  let B;

  before(async () => {
    server = await serveHostile();
    ff = await launchFirefox(realBuild().xpi);
    await ff.driver.manage().setTimeouts({ script: 60000, pageLoad: 120000 });
    const { driver } = ff;
    B = {
      name: 'Firefox',
      goto: (p) => driver.get(server.origin + p),
      eval: (fn, ...args) =>
        driver.executeAsyncScript(
          `const done = arguments[arguments.length - 1];
           Promise.resolve((${fn}).apply(null, Array.prototype.slice.call(arguments, 0, -1))).then(done, (e) => done({ __error: String(e) }));`,
          ...args,
        ),
      waitForPasses: (n, timeout) => ff.waitForPasses(n, timeout),
      state: () => ff.state(),
      tell: (msg) => ff.tell(msg),
      errors: () => [],
    };
  });
  after(async () => {
    await ff?.close();
    await server?.close();
  });

  test('100 000 elements: no slice of a pass over 50 ms', (t) => budget(B, assert, (m) => t.diagnostic(m)));
  test('deep, 10 MB text, 200 000 text nodes, islands, frameset', (t) => limits(B, assert, (m) => t.diagnostic(m)));
  test('a teaser re-inserted every 100 ms', (t) => teaser(B, assert, (m) => t.diagnostic(m)));
  test('the article removed and re-added', (t) => readd(B, assert, (m) => t.diagnostic(m)));
});
