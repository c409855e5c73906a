// Headless Firefox ESR with the extension installed as a temporary add-on,
// through selenium-webdriver and geckodriver.
import { Builder } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TIMELINE_KEY, merged } from './chromium.mjs';

export const FIREFOX = process.env.FIREFOX_BIN || '/usr/bin/firefox-esr';
export const ADDON_ID = 'chaff@chaff.invalid';
// A fixed moz-extension:// host, so tests can open the extension's pages.
export const UUID = '6c1b0d51-7a0e-4c83-9f8e-3c9b2b7c0a11';

function geckodriver() {
  if (process.env.GECKODRIVER) return process.env.GECKODRIVER;
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), path.join(os.homedir(), '.cargo', 'bin')];
  for (const d of dirs) {
    const p = path.join(d, 'geckodriver');
    if (d && fs.existsSync(p)) return p;
  }
  throw new Error('geckodriver not found: run make setup (scripts/setup.sh installs it)');
}

/**
 * `proxyPort`: the test server's port (lib/server.mjs); every request for a
 * host other than 127.0.0.1 then goes to it and is recorded and refused
 * (Firefox never proxies 127.0.0.1 itself).
 * `network`: record the pages' requests through WebDriver BiDi
 * (network.beforeRequestSent) in `requests`.
 * `timeline`: as in lib/chromium.mjs.
 */
export async function launchFirefox(xpi, { proxyPort = null, network = false, timeline = true } = {}) {
  const options = new firefox.Options()
    .setBinary(FIREFOX)
    .addArguments('-headless')
    .setPreference('extensions.webextensions.uuids', JSON.stringify({ [ADDON_ID]: UUID }))
    .setPreference('app.update.enabled', false)
    // Remote Settings would poll firefox.settings.services.mozilla.com; the
    // pref is honoured only with MOZ_REMOTE_SETTINGS_DEVTOOLS set (below).
    .setPreference('services.settings.server', 'data:,#remote-settings-dummy/v1');
  if (proxyPort === null) options.setPreference('network.proxy.type', 0);
  else {
    options
      .setPreference('network.proxy.type', 1)
      .setPreference('network.proxy.http', '127.0.0.1')
      .setPreference('network.proxy.http_port', proxyPort)
      .setPreference('network.proxy.ssl', '127.0.0.1')
      .setPreference('network.proxy.ssl_port', proxyPort);
  }
  if (network) options.enableBidi();
  // --allow-system-access: the tests open moz-extension:// pages from the
  // browser's chrome context, which WebDriver navigation may not do itself.
  const service = new firefox.ServiceBuilder(geckodriver())
    .addArguments('--allow-system-access')
    .setEnvironment({ ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' });
  const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();

  const requests = []; // { url, context } of every request BiDi reports
  if (network) {
    const bidi = await driver.getBidi();
    await bidi.subscribe('network.beforeRequestSent');
    const ws = await bidi.socket;
    ws.on('message', (data) => {
      try {
        const m = JSON.parse(data.toString());
        if (m.method === 'network.beforeRequestSent') requests.push({ url: m.params.request.url, context: m.params.context });
      } catch {
        // Not an event of ours.
      }
    });
  }
  await driver.installAddon(xpi, true);

  /**
   * Opens an extension page (e.g. "options/options.html") in a new tab and
   * switches to it. With `background`, the tab is opened without selecting
   * it, so that an extension page asking for the active tab (the popup) gets
   * the tab the test was on; it is switched to once it has loaded.
   */
  async function openExtensionPage(rel, { background = false } = {}) {
    const before = await driver.getAllWindowHandles();
    await driver.setContext('chrome');
    try {
      await driver.executeScript(
        `const w = Services.wm.getMostRecentWindow('navigator:browser');
         const tab = w.gBrowser.addTab(arguments[0], {
           triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
         });
         if (!arguments[1]) w.gBrowser.selectedTab = tab;`,
        `moz-extension://${UUID}/${rel}`,
        background,
      );
    } finally {
      await driver.setContext('content');
    }
    for (let i = 0; i < 50; i++) {
      const handle = (await driver.getAllWindowHandles()).find((h) => !before.includes(h));
      if (handle) {
        if (background) await sleep(500); // let it load and ask for the active tab before it is selected
        await driver.switchTo().window(handle);
        await driver.wait(async () => (await driver.executeScript(() => document.readyState)) === 'complete', 10000);
        return handle;
      }
      await sleep(100);
    }
    throw new Error(`could not open ${rel}`);
  }

  /** Resolves once the current page has finished `n` cleaning passes. */
  async function waitForPasses(n = 1, timeout = 15000) {
    await driver.wait(
      async () => driver.executeScript((k) => performance.getEntriesByName('chaff:clean').length >= k, n),
      timeout,
      `fewer than ${n} cleaning passes`,
    );
  }

  // An extension page kept open in a background tab of its own, to reach
  // the extension APIs (storage, tabs.sendMessage) the way the popup does;
  // the test's tab stays the selected one, so its page is not throttled.
  let extTab = null;
  async function inExtension(fn, ...args) {
    const back = await driver.getWindowHandle();
    if (extTab === null) extTab = await openExtensionPage('options/options.html', { background: true });
    await driver.switchTo().window(extTab);
    try {
      return await driver.executeScript(fn, ...args);
    } finally {
      await driver.switchTo().window(back);
    }
  }

  /**
   * Sends `msg` to the content script of the web page(s) open in the
   * browser (tabs.sendMessage, as the popup does); resolves to the first
   * answer, { tabId, reply }, or null.
   */
  function tell(msg) {
    return inExtension(async (m) => {
      for (const tab of await browser.tabs.query({})) {
        try {
          const reply = await browser.tabs.sendMessage(tab.id, m);
          if (reply) return { tabId: tab.id, reply };
        } catch {
          // No content script in that tab.
        }
      }
      return null;
    }, msg);
  }

  async function state() {
    const r = await tell({ type: 'get-state' });
    return r && r.reply;
  }

  /** storage.local, after setting `values` if given. */
  function storage(values) {
    return inExtension(async (v) => {
      if (v) await browser.storage.local.set(v);
      return browser.storage.local.get(null);
    }, values ?? null);
  }

  /** The settings as the extension sees them, with both areas (lib/chromium.mjs). */
  async function settings() {
    const got = await inExtension(async () => ({
      local: await browser.storage.local.get(null),
      sync: await browser.storage.sync.get(null),
    }));
    return { ...merged(got), local: got.local, sync: got.sync };
  }

  if (timeline) await storage({ [TIMELINE_KEY]: true });
  return { driver, openExtensionPage, waitForPasses, tell, state, storage, settings, inExtension, requests, close: () => driver.quit() };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
