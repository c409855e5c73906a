// Headless Chromium (puppeteer-core) and headless Firefox ESR
// (selenium-webdriver + geckodriver) with the packaged extension loaded,
// behind one small interface for bench/lib/inbrowser.mjs:
//
//   goto(url)             navigate the benchmark tab, wait for `load`; every
//                         page stands for a site of its own, so Chromium's
//                         record of sites whose CSP refused the core
//                         (extension/src/wasm-refusals.js: all pages are on
//                         127.0.0.1) is cleared first
//   evaluate(expr)        evaluate a JS expression in the page (it may be a
//                         promise); resolves to its (JSON-able) value
//   rerun()               make the content script run one more full pass:
//                         the extension has no message for that, so the
//                         site is switched off and on again through
//                         storage.local (disabledSites), which the content
//                         script follows (storage.onChanged): off clears the
//                         marks, on runs a full pass (snapshot, classify,
//                         mark) with the core already instantiated
//   cpuProfile(fn)        a CPU profile while fn runs (Chromium: CDP Profiler;
//                         Firefox: the Gecko profiler, from the chrome context)
//   close()
//
// At launch each sets `timelineMarks` in the extension's storage.local, so
// that the content script records its passes on the page's timeline.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { CHROMIUM_ARGS, TIMELINE_KEY } from '../../tests/e2e/lib/chromium.mjs';
import { REFUSALS_KEY } from '../../extension/src/wasm-refusals.js';

export { CHROMIUM_ARGS };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Between switching the site off and on again in `rerun()`.
const SWITCH_PAUSE_MS = 100;
const TIMELINE = { [TIMELINE_KEY]: true };
const NO_REFUSALS = { [REFUSALS_KEY]: {} };

export async function chromium({ extensionDir, binary = '/usr/bin/chromium' }) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    executablePath: binary,
    headless: true,
    pipe: true,
    enableExtensions: [extensionDir],
    args: [...CHROMIUM_ARGS], // a copy: puppeteer edits the list it is given
  });
  const swTarget = await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
    { timeout: 20000 },
  );
  const extensionId = new URL(swTarget.url()).host;
  const worker = async () =>
    (
      await browser.waitForTarget(
        (t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${extensionId}/`),
        { timeout: 20000 },
      )
    ).worker();
  // Right after launch the worker can be found before its extension bindings
  // are there ("chrome is not defined"): try again.
  for (let attempt = 1; ; attempt++) {
    try {
      await (await worker()).evaluate((v) => chrome.storage.local.set(v), TIMELINE);
      break;
    } catch (e) {
      if (attempt >= 20) throw e;
      await sleep(100);
    }
  }
  const page = (await browser.pages())[0] ?? (await browser.newPage());
  page.setDefaultTimeout(120000);
  const version = await browser.version();
  let cdp = null;

  return {
    name: 'chromium',
    version,
    async goto(url) {
      await (await worker()).evaluate((v) => chrome.storage.local.set(v), NO_REFUSALS);
      await page.goto(url, { waitUntil: 'load', timeout: 60000 });
    },
    evaluate: (expr) => page.evaluate(expr),
    async rerun() {
      const sw = await worker();
      // Off, a pause, then on: the content script reads the settings again
      // on each change, and two changes back to back could both read "on"
      // (no pass at all).
      await sw.evaluate(() => chrome.storage.local.set({ disabledSites: ['127.0.0.1'] }));
      await sleep(SWITCH_PAUSE_MS);
      await sw.evaluate(() => chrome.storage.local.set({ disabledSites: [] }));
    },
    async state() {
      const sw = await worker();
      return sw.evaluate(async () => {
        for (const tab of await chrome.tabs.query({})) {
          try {
            const reply = await chrome.tabs.sendMessage(tab.id, { type: 'get-state' });
            if (reply) return reply;
          } catch {
            // no content script there
          }
        }
        return null;
      });
    },
    async cpuProfile(fn, intervalUs = 50) {
      if (cdp === null) {
        cdp = await page.createCDPSession();
        await cdp.send('Profiler.enable');
      }
      await cdp.send('Profiler.setSamplingInterval', { interval: intervalUs });
      await cdp.send('Profiler.start');
      try {
        await fn();
      } finally {
        var { profile } = await cdp.send('Profiler.stop');
      }
      return profile;
    },
    close: () => browser.close(),
  };
}

function geckodriverPath() {
  if (process.env.GECKODRIVER) return process.env.GECKODRIVER;
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), path.join(os.homedir(), '.cargo', 'bin')];
  for (const d of dirs) {
    const p = path.join(d, 'geckodriver');
    if (d && fs.existsSync(p)) return p;
  }
  throw new Error('geckodriver not found (make setup installs it)');
}

export const FIREFOX_ADDON_ID = 'chaff@chaff.invalid';
const FIREFOX_UUID = '5e0b3a52-1c7e-4f1e-9d0a-b3c4c0ffee01';

export async function firefox({ xpi, binary = '/usr/bin/firefox-esr' }) {
  const { Builder } = await import('selenium-webdriver');
  const { default: ff } = await import('selenium-webdriver/firefox.js');
  const options = new ff.Options()
    .setBinary(binary)
    .addArguments('-headless')
    .setPreference('extensions.webextensions.uuids', JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_UUID }))
    .setPreference('network.proxy.type', 0)
    .setPreference('app.update.enabled', false)
    .setPreference('datareporting.policy.dataSubmissionEnabled', false)
    .setPreference('browser.shell.checkDefaultBrowser', false);
  const service = new ff.ServiceBuilder(geckodriverPath()).addArguments('--allow-system-access');
  const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
  await driver.manage().setTimeouts({ script: 120000, pageLoad: 60000 });
  await driver.installAddon(xpi, true);
  const caps = await driver.getCapabilities();
  const version = `Firefox ${caps.get('browserVersion')}`;
  const pageWindow = await driver.getWindowHandle();

  // The extension's options page in a window of its own (not a tab: the
  // benchmark tab must stay the selected tab of its window, or Firefox would
  // treat it as a background tab). Its storage.local is the content script's.
  await driver.switchTo().newWindow('window');
  const optionsWindow = await driver.getWindowHandle();
  await driver.setContext('chrome');
  try {
    await driver.executeScript(
      `const w = Services.wm.getMostRecentWindow('navigator:browser');
       w.gBrowser.selectedBrowser.fixupAndLoadURIString(arguments[0], {
         triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
       });`,
      `moz-extension://${FIREFOX_UUID}/options/options.html`,
    );
  } finally {
    await driver.setContext('content');
  }
  for (let i = 0; ; i++) {
    const ok = await driver
      .executeScript(() => typeof browser !== 'undefined' && !!browser.storage && location.protocol === 'moz-extension:')
      .catch(() => false);
    if (ok) break;
    if (i > 100) throw new Error('the options page did not open');
    await sleep(100);
  }
  const opted = await driver.executeAsyncScript(
    `const done = arguments[arguments.length - 1];
     browser.storage.local.set(arguments[0]).then(() => done(true), (e) => done(String(e)));`,
    TIMELINE,
  );
  if (opted !== true) throw new Error(`cannot set timelineMarks: ${opted}`);
  await driver.switchTo().window(pageWindow);

  return {
    name: 'firefox',
    version,
    async goto(url) {
      await driver.get(url);
    },
    async evaluate(expr) {
      // Runs in WebDriver's sandbox; `expr` only calls into the page's own
      // functions (bench/lib/inpage.js), which run in the page's world.
      const json = await driver.executeAsyncScript(
        `const done = arguments[arguments.length - 1];
         Promise.resolve().then(() => (${expr})).then(
           (v) => done(JSON.stringify({ ok: true, v: v === undefined ? null : v })),
           (e) => done(JSON.stringify({ ok: false, e: String((e && e.stack) || e) })));`,
      );
      const r = JSON.parse(json);
      if (!r.ok) throw new Error(r.e);
      return r.v;
    },
    async rerun() {
      await driver.switchTo().window(optionsWindow);
      try {
        // Off, a pause, then on (see the Chromium rerun).
        await driver.executeAsyncScript(`const done = arguments[arguments.length - 1];
          browser.storage.local.set({ disabledSites: ['127.0.0.1'] })
            .then(() => new Promise((r) => setTimeout(r, ${SWITCH_PAUSE_MS})))
            .then(() => browser.storage.local.set({ disabledSites: [] }))
            .then(() => done(true), (e) => done(String(e)));`);
      } finally {
        await driver.switchTo().window(pageWindow);
      }
    },
    driver,
    state: async () => null,
    /** The Gecko profiler (0.1 ms sampling, main threads, JS frames) around fn; resolves to the raw profile. */
    async cpuProfile(fn, intervalMs = 0.1) {
      const chrome = async (script) => {
        await driver.setContext('chrome');
        try {
          return await driver.executeAsyncScript(script);
        } finally {
          await driver.setContext('content');
        }
      };
      const started = await chrome(`const done = arguments[arguments.length - 1];
        Services.profiler.StartProfiler(1 << 23, ${intervalMs}, ['js', 'cpu'], ['GeckoMain'])
          .then(() => done('ok'), (e) => done(String(e)));`);
      if (started !== 'ok') throw new Error(`Gecko profiler: ${started}`);
      try {
        await fn();
      } finally {
        var json = await chrome(`const done = arguments[arguments.length - 1];
          Services.profiler.getProfileDataAsync()
            .then((p) => { Services.profiler.StopProfiler(); done(JSON.stringify(p)); },
                  (e) => { Services.profiler.StopProfiler(); done(JSON.stringify({ error: String(e) })); });`);
      }
      const profile = JSON.parse(json);
      if (profile.error) throw new Error(`Gecko profiler: ${profile.error}`);
      return profile;
    },
    close: () => driver.quit(),
  };
}
