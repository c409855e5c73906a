// Nothing for a site to find (issue 10, part 4), in Chromium, whose
// extension ids are fixed: a page that knows Chaff's id must not be able to
// load any of its files by URL, by fetch or as a script, image or
// stylesheet. The shipped build (dist/chromium, the real core) declares no
// web_accessible_resources; the content script is one bundled file with
// the core inside, and the background classifies for no extension page.
// Nor does Chaff leave entries on the page's performance timeline (the
// tests' opt-in, TIMELINE_KEY, is left off here); on a site turned off it
// does not walk the page, and a page whose CSP refuses Wasm sees no refused
// compile there. As a control, the same probe loads content.js and the
// .wasm from a copy of the build that declares them web-accessible.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { serve } from './lib/server.mjs';
import { realBuild } from './lib/build.mjs';
import { launchChromium } from './lib/chromium.mjs';
import { sleep, until } from './lib/wait.mjs';
import { REFUSALS_KEY } from '../../extension/src/wasm-refusals.js';

function listFiles(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'))
    .sort();
}

/** In the background: records the URL of each fetch it makes from now on (icons included). */
function spyOnFetch() {
  const fetch = globalThis.fetch;
  globalThis.fetched = [];
  globalThis.fetch = (input, init) => {
    globalThis.fetched.push(String(input instanceof Request ? input.url : input));
    return fetch(input, init);
  };
}

/**
 * What a web page in `page` can load of `paths` under the extension
 * `extensionId`, by fetch, <script>, <img> and <link rel=stylesheet>: one
 * line per path that anything loaded ("content.js: fetch 200, script load").
 * (Chromium lists no extension URL on the page's resource timeline, even a
 * web-accessible one that loaded, so the timeline cannot tell.)
 */
function probe(page, extensionId, paths) {
  return page.evaluate(PROBE, `chrome-extension://${extensionId}/`, paths);
}

const PROBE = async (base, paths) => {
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
      const done = (v) => {
        el.remove();
        resolve(v);
      };
      el.onload = () => done(`${tag} load`);
      el.onerror = () => done(null);
      setTimeout(() => done(null), 3000);
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
  return out;
};

describe('Chromium, nothing for a site to find', () => {
  let server;
  let chrome;
  let page;
  const dir = realBuild().chromium;

  before(async () => {
    server = await serve();
    chrome = await launchChromium(dir, { proxyPort: server.port, timeline: false });
    page = await chrome.newPage();
  });
  after(async () => {
    await chrome?.close();
    await server?.close();
  });

  test('the manifest declares no web-accessible resource', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    assert.equal(manifest.web_accessible_resources, undefined);
    assert.deepEqual(manifest.content_scripts[0].js, ['content.js']);
  });

  const seed = () => `${server.origin}/fixtures/seed/news-aggregator-article.html`;
  const cleaned = () => until('a pass', async () => {
    const s = await chrome.state();
    return s?.passes >= 1 && s;
  });

  // The core's bytes are in the content script: the background reads its
  // own copy only to classify for a page (a strict CSP, a large snapshot).
  test('on a site turned off, no pass runs; turned on, the content script cleans with its own core, the background reading no Wasm', async () => {
    const sw = await chrome.worker();
    // The Wasm files it fetched (undefined: the worker has been restarted since the spy).
    const wasmFetched = () => sw.evaluate(() => globalThis.fetched?.filter((url) => url.endsWith('.wasm')));
    await chrome.storage({ disabledSites: ['127.0.0.1'] });
    try {
      await sw.evaluate(spyOnFetch);
      await page.goto(seed(), { waitUntil: 'load' });
      await until('the content script to answer', () => chrome.state());
      await sleep(300); // time for a pass that should not come
      const off = await chrome.state();
      assert.equal(off.enabled, false);
      assert.equal(off.passes, 0, 'no pass');
      assert.equal(off.engine, null, 'no engine');
      assert.deepEqual(await wasmFetched(), [], 'the Wasm the background fetched');
    } finally {
      await chrome.storage({ disabledSites: [] });
    }
    // Turned on, the same page is cleaned by the core compiled in the content script.
    const on = await cleaned();
    assert.equal(on.engine, 'local');
    assert.deepEqual(await wasmFetched(), [], 'the Wasm the background fetched');
  });

  // Chromium compiles Wasm in a content script under the page's CSP, and a
  // page whose CSP refuses it sees a `securitypolicyviolation` event. Where
  // Chaff is off, nothing compiles, so there is nothing to see; where it is
  // on, the refusal is what sends the page to the background (the control).
  test('a strict-CSP page on a site turned off sees no refused Wasm compile', async () => {
    await page.goto('about:blank'); // the one web page open: it answers chrome.state()
    const probe = await chrome.newPage();
    try {
      await probe.evaluateOnNewDocument(() => {
        window.__wasmRefusals = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          if (e.violatedDirective.startsWith('script-src') && e.blockedURI === 'wasm-eval') window.__wasmRefusals.push(e.sourceFile);
        });
      });
      const refusals = async (on) => {
        // Away from the page first: a page of the site that is open when it
        // is turned on compiles (and records a refusal) there and then.
        await probe.goto('about:blank');
        await chrome.storage({ disabledSites: on ? [] : ['127.0.0.1'], [REFUSALS_KEY]: {} });
        await probe.goto(`${seed()}?csp=strict`, { waitUntil: 'load' });
        await until('the content script to answer', () => chrome.state());
        await sleep(300); // time for a compile that should not come
        return probe.evaluate(() => window.__wasmRefusals);
      };
      assert.deepEqual(await refusals(false), [], 'off');
      assert.notDeepEqual(await refusals(true), [], 'on: the control');
    } finally {
      await chrome.storage({ disabledSites: [], [REFUSALS_KEY]: {} });
      await probe.close();
    }
  });

  // Where Chaff is on, the first page of a strict-CSP site sees the refused
  // compile (that refusal is what sends it to the background); its later
  // pages see none, and are cleaned all the same.
  test('a strict-CSP site where Chaff is on sees a refused Wasm compile once, not on every page', async () => {
    await page.goto('about:blank');
    const probe = await chrome.newPage();
    try {
      await chrome.storage({ disabledSites: [], [REFUSALS_KEY]: {} });
      await probe.evaluateOnNewDocument(() => {
        window.__wasmRefusals = [];
        document.addEventListener('securitypolicyviolation', (e) => {
          if (e.violatedDirective.startsWith('script-src') && e.blockedURI === 'wasm-eval') window.__wasmRefusals.push(e.sourceFile);
        });
      });
      const load = async () => {
        await probe.goto(`${seed()}?csp=strict`, { waitUntil: 'load' });
        const state = await cleaned();
        await sleep(300); // time for a compile that should not come
        return { refusals: await probe.evaluate(() => window.__wasmRefusals), state };
      };
      const first = await load();
      assert.notDeepEqual(first.refusals, [], 'the first page: refused');
      assert.ok(first.state.total > 0, 'the first page was cleaned');
      assert.ok((await chrome.storage())[REFUSALS_KEY]?.['127.0.0.1'] > 0, 'the refusal is remembered');
      for (const n of [2, 3]) {
        const later = await load();
        assert.deepEqual(later.refusals, [], `page ${n}: no refused compile`);
        assert.equal(later.state.engine, 'background', `page ${n}`);
        assert.equal(later.state.total, first.state.total, `page ${n}: the same blocks hidden`);
      }
    } finally {
      await chrome.storage({ [REFUSALS_KEY]: {} });
      await probe.close();
    }
  });

  test('a cleaned page finds no entry of Chaff on its performance timeline', async () => {
    await page.goto(seed(), { waitUntil: 'load' });
    const state = await cleaned();
    assert.ok(state.total > 0, 'the page was cleaned');
    assert.ok(state.lastPassMs > 0, 'the content script timed its pass');
    const entries = await page.evaluate(() =>
      performance
        .getEntries()
        .filter((e) => /chaff/i.test(e.name))
        .map((e) => `${e.entryType} ${e.name}`),
    );
    assert.deepEqual(entries, []);
  });

  test('a page cannot load any file of the package, while Chaff cleans it', async () => {
    await page.goto(seed(), { waitUntil: 'load' });
    const state = await cleaned();
    assert.equal(state.engine, 'local', 'the content script compiled its own copy of the core');
    assert.ok(state.total > 0, 'the page was cleaned');

    const files = listFiles(dir);
    assert.ok(files.includes('content.js') && files.includes('wasm/chaff_bg.wasm'));
    // The package's files, plus a few names a prober might guess.
    const paths = [...files, '', 'manifest.json', 'src/content.js', 'src/loader.js', 'nope.js'];
    const loaded = await probe(page, chrome.extensionId, paths);
    assert.deepEqual(loaded, [], 'files the page could load');
    // The page's own failed loads are logged at chrome-extension://invalid/,
    // which is what Chromium turns a refused extension URL into.
    assert.deepEqual(page.extensionConsole.filter((m) => !m.includes('(chrome-extension://invalid/)')), []);
  });

  test('an extension page that is not a content script gets nothing classified by the background', async () => {
    const options = await chrome.browser.newPage();
    try {
      await options.goto(`chrome-extension://${chrome.extensionId}/options/options.html`, { waitUntil: 'load' });
      const replies = await options.evaluate(async () => {
        const ask = (m) => chrome.runtime.sendMessage(m).then((r) => r ?? null, (e) => `refused: ${e.message}`);
        const snapshot = { added: false, structure: [0xffffffff, 1, 0, 2], strings: 'p\0#text\0x\0' };
        return [await ask({ type: 'classify', ...snapshot })];
      });
      for (const reply of replies) assert.ok(typeof reply === 'string' || reply === null, JSON.stringify(reply).slice(0, 200));
    } finally {
      await options.close();
    }
  });
});

// The control: the same probe, on a copy of the build that declares its
// content script and core web-accessible, does load them, so the test above
// would see a leak.
describe('Chromium, the probe finds files a build makes web-accessible', () => {
  let server;
  let chrome;
  let leaky;

  before(async () => {
    server = await serve();
    leaky = fs.mkdtempSync(path.join(os.tmpdir(), 'chaff-leaky-'));
    fs.cpSync(realBuild().chromium, leaky, { recursive: true });
    const manifestFile = path.join(leaky, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    manifest.web_accessible_resources = [{ resources: ['content.js', 'wasm/chaff_bg.wasm'], matches: ['<all_urls>'] }];
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
    chrome = await launchChromium(leaky, { proxyPort: server.port, timeline: false });
  });
  after(async () => {
    await chrome?.close();
    await server?.close();
    if (leaky) fs.rmSync(leaky, { recursive: true, force: true });
  });

  test('content.js and the .wasm load; what is not listed still does not', async () => {
    const page = await chrome.newPage();
    await page.goto(`${server.origin}/fixtures/seed/news-aggregator-article.html`, { waitUntil: 'load' });
    const loaded = await probe(page, chrome.extensionId, ['content.js', 'wasm/chaff_bg.wasm', 'manifest.json']);
    const how = Object.fromEntries(loaded.map((line) => line.split(': ')));
    assert.match(how['content.js'] ?? '', /^fetch 200, script load\b/, 'content.js');
    assert.match(how['wasm/chaff_bg.wasm'] ?? '', /^fetch 200\b/, 'the core');
    assert.equal(how['manifest.json'], undefined, 'a file the copy does not list');
  });
});
