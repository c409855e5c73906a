// Nothing for a site to find, in Firefox: its moz-extension:// hosts are
// random per install, but a page that learned Chaff's (here, the tests fix
// it) still must not be able to load any of its files. The shipped build
// (dist/chaff-firefox.xpi, the real core) declares no
// web_accessible_resources. Nor does Chaff leave entries on the page's
// performance timeline, and on a site turned off it does not walk the
// page. Chromium: fingerprint-chromium.test.mjs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { serve } from './lib/server.mjs';
import { realBuild } from './lib/build.mjs';
import { UUID, launchFirefox } from './lib/firefox.mjs';
import { sleep, until } from './lib/wait.mjs';

function listFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'))
    .sort();
}

/** From an extension page: records the URL of each fetch the background page makes from now on. */
async function spyOnFetch() {
  const bg = await browser.runtime.getBackgroundPage();
  const fetch = bg.fetch;
  bg.fetched = [];
  bg.fetch = (input, init) => {
    bg.fetched.push(String(input instanceof bg.Request ? input.url : input));
    return fetch(input, init);
  };
}

/** The Wasm files the background fetched since `spyOnFetch` (undefined: it has been restarted since). */
async function wasmFetched() {
  const bg = await browser.runtime.getBackgroundPage();
  return bg.fetched?.filter((url) => url.endsWith('.wasm'));
}

describe('Firefox, nothing for a site to find', () => {
  let server;
  let ff;
  const build = realBuild();

  before(async () => {
    server = await serve();
    ff = await launchFirefox(build.xpi, { proxyPort: server.port, timeline: false });
  });
  after(async () => {
    await ff?.close();
    await server?.close();
  });

  const seed = () => `${server.origin}/fixtures/seed/news-aggregator-article.html`;
  const cleaned = () => until('a pass', async () => {
    const s = await ff.state();
    return s?.passes >= 1 && s;
  });

  // The core's bytes are in the content script: the background reads its
  // own copy only to classify for a page (a strict CSP, a large snapshot).
  test('on a site turned off, no pass runs; turned on, the content script cleans with its own core, the background reading no Wasm', async () => {
    await ff.storage({ disabledSites: ['127.0.0.1'] });
    try {
      await ff.inExtension(spyOnFetch);
      await ff.driver.get(seed());
      await until('the content script to answer', () => ff.state());
      await sleep(300); // time for a pass that should not come
      const off = await ff.state();
      assert.equal(off.enabled, false);
      assert.equal(off.passes, 0, 'no pass');
      assert.equal(off.engine, null, 'no engine');
      assert.deepEqual(await ff.inExtension(wasmFetched), [], 'the Wasm the background fetched');
    } finally {
      await ff.storage({ disabledSites: [] });
    }
    // Turned on, the same page is cleaned by the core compiled in the content script.
    const on = await cleaned();
    assert.equal(on.engine, 'local');
    assert.deepEqual(await ff.inExtension(wasmFetched), [], 'the Wasm the background fetched');
  });

  test('a cleaned page finds no entry of Chaff on its performance timeline', async () => {
    await ff.driver.get(seed());
    const state = await cleaned();
    assert.ok(state.total > 0, 'the page was cleaned');
    assert.ok(state.lastPassMs > 0, 'the content script timed its pass');
    const entries = await ff.driver.executeScript(() =>
      performance
        .getEntries()
        .filter((e) => /chaff/i.test(e.name))
        .map((e) => `${e.entryType} ${e.name}`),
    );
    assert.deepEqual(entries, []);
  });

  test('a page cannot load any file of the package, while Chaff cleans it', async () => {
    const { driver } = ff;
    await driver.get(seed());
    const state = await cleaned();
    assert.equal(state.engine, 'local', 'the content script compiled its own copy of the core');
    assert.ok(state.total > 0, 'the page was cleaned');

    const paths = [...listFiles(build.firefox), '', 'manifest.json', 'src/content.js', 'src/loader.js'];
    const loaded = await driver.executeAsyncScript(
      async (base, paths, done) => {
        const tryFetch = async (url) => {
          try {
            const r = await fetch(url);
            return `fetch ${r.status}`;
          } catch {
            return null;
          }
        };
        const tryElement = (tag, attr, url, extra = {}) =>
          new Promise((resolve) => {
            const el = document.createElement(tag);
            Object.assign(el, extra);
            const end = (v) => {
              el.remove();
              resolve(v);
            };
            el.onload = () => end(`${tag} load`);
            el.onerror = () => end(null);
            setTimeout(() => end(null), 3000);
            el[attr] = url;
            document.head.append(el);
          });
        const out = [];
        for (const p of paths) {
          const url = base + p;
          const got = [
            await tryFetch(url),
            await tryElement('script', 'src', url),
            await tryElement('img', 'src', url),
            await tryElement('link', 'href', url, { rel: 'stylesheet' }),
          ].filter(Boolean);
          if (got.length) out.push(`${p}: ${got.join(', ')}`);
        }
        done(out);
      },
      `moz-extension://${UUID}/`,
      paths,
    );
    assert.deepEqual(loaded, [], 'files the page could load');
  });
});
