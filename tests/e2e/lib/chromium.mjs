// Headless Chromium with the unpacked extension loaded, through puppeteer-core
// and Debian's /usr/bin/chromium.
import puppeteer from 'puppeteer-core';

export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
// extension/src/settings.js's TIMELINE_KEY (that module needs the build's policy.js).
export const TIMELINE_KEY = 'timelineMarks';

/**
 * Flags for every headless Chromium the project starts (tests, playground
 * test, benchmarks): no sandbox as root, and none of the browser's own calls
 * home (network time, autofill, hints, media router, Google sign-in, the
 * component updater; 127.0.0.1:9 is closed), which a proxy recording
 * requests that tried to leave 127.0.0.1 would otherwise see.
 */
export const CHROMIUM_ARGS = Object.freeze([
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=NetworkTimeServiceQuerying,AutofillServerCommunication,OptimizationHints,MediaRouter',
  '--gaia-url=http://127.0.0.1:9/',
  '--component-updater=url-source=http://127.0.0.1:9/',
]);

/**
 * `proxyPort`: the test server's port (lib/server.mjs); every request for a
 * host other than 127.0.0.1 then goes to it and is recorded and refused.
 * `timeline`: opt in to the content script's `chaff:clean` measures on the
 * page's timeline (TIMELINE_KEY), which `waitForPasses` and the suites read.
 */
export async function launchChromium(extensionDir, { proxyPort = null, timeline = true } = {}) {
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    enableExtensions: [extensionDir],
    args: [
      ...CHROMIUM_ARGS,
      ...(proxyPort === null ? [] : [`--proxy-server=http://127.0.0.1:${proxyPort}`]),
    ],
  });
  const swTarget = await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
    { timeout: 15000 },
  );
  const extensionId = new URL(swTarget.url()).host;

  // The service worker may be stopped and restarted; look it up each time.
  async function worker() {
    const t = await browser.waitForTarget(
      (x) => x.type() === 'service_worker' && x.url().startsWith(`chrome-extension://${extensionId}/`),
      { timeout: 15000 },
    );
    return t.worker();
  }

  /**
   * Sends `msg` to the content script of the one web page the test has open
   * (from the service worker, as the popup does) and returns its answer.
   */
  async function tell(msg) {
    const sw = await worker();
    return sw.evaluate(async (m) => {
      for (const tab of await chrome.tabs.query({})) {
        try {
          const reply = await chrome.tabs.sendMessage(tab.id, m);
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

  async function badge() {
    const r = await tell({ type: 'get-state' });
    const sw = await worker();
    return sw.evaluate((tabId) => chrome.action.getBadgeText({ tabId }), r.tabId);
  }

  // A service worker that is being stopped or started can be found before
  // its extension bindings are there ("chrome is not defined") or lose its
  // context under an evaluate: look it up again and retry.
  async function inWorker(fn, arg) {
    for (let attempt = 1; ; attempt++) {
      try {
        const sw = await worker();
        return await sw.evaluate(fn, arg);
      } catch (e) {
        const transient = /chrome is not defined|Execution context was destroyed|Target closed|Session closed/.test(String(e && e.message));
        if (!transient || attempt >= 5) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  async function storage(values) {
    if (values) await inWorker((v) => chrome.storage.local.set(v), values);
    return inWorker(() => chrome.storage.local.get(null));
  }

  /**
   * The settings as the extension sees them (settings.js: a key in
   * storage.local wins over the same key in storage.sync), with both areas.
   */
  async function settings() {
    const got = await inWorker(async () => ({
      local: await chrome.storage.local.get(null),
      sync: await chrome.storage.sync.get(null),
    }));
    return { ...merged(got), local: got.local, sync: got.sync };
  }

  /** A new tab that records console messages written by the extension. */
  async function newPage() {
    const page = await browser.newPage();
    page.extensionConsole = [];
    page.on('console', (m) => {
      const where = m.location()?.url ?? '';
      if (where.startsWith('chrome-extension://')) page.extensionConsole.push(`${m.type()}: ${m.text()} (${where})`);
    });
    page.on('pageerror', (e) => {
      if (String(e.stack ?? '').includes('chrome-extension://')) page.extensionConsole.push(`pageerror: ${e.message}`);
    });
    return page;
  }

  /**
   * Records every request that the web pages, the extension's pages and its
   * service worker make, from the CDP Network domain of each of those
   * targets, from now on: [{ target: 'page'|'service_worker'|..., where, url,
   * blocked }], where `blocked` is the reason the browser refused to send it
   * (e.g. 'csp': the page's own policy), if it did.
   * Browser-internal targets (chrome:// pages) are left out.
   */
  async function recordNetwork() {
    const requests = [];
    const seen = new Set();
    async function attach(t) {
      if (seen.has(t) || !['page', 'service_worker', 'background_page', 'other'].includes(t.type())) return;
      if (t.url().startsWith('chrome://') || t.url().startsWith('devtools://')) return;
      seen.add(t);
      try {
        const session = await t.createCDPSession();
        const byId = new Map();
        session.on('Network.requestWillBeSent', (e) => {
          const r = { target: t.type(), where: t.url(), url: e.request.url, blocked: null };
          byId.set(e.requestId, r);
          requests.push(r);
        });
        session.on('Network.loadingFailed', (e) => {
          const r = byId.get(e.requestId);
          if (r && e.blockedReason) r.blocked = e.blockedReason;
        });
        await session.send('Network.enable');
      } catch {
        // The target went away before we could attach.
      }
    }
    browser.on('targetcreated', attach);
    browser.on('targetchanged', attach);
    await Promise.all(browser.targets().map(attach));
    return requests;
  }

  if (timeline) await storage({ [TIMELINE_KEY]: true });
  return { browser, extensionId, worker, tell, state, badge, storage, settings, newPage, recordNetwork, close: () => browser.close() };
}

/** disabledSites and hiddenKinds from { local, sync }: local's where present. */
export function merged({ local, sync }) {
  const out = {};
  for (const k of ['disabledSites', 'hiddenKinds']) out[k] = local[k] !== undefined ? local[k] : sync[k];
  return out;
}

/** Resolves once the page has finished `n` cleaning passes. */
export function waitForPasses(page, n = 1, timeout = 15000) {
  return page.waitForFunction((k) => performance.getEntriesByName('chaff:clean').length >= k, { timeout }, n);
}

/** The toolbar popup over `page`, opened as a click on Chaff's button opens it. */
export async function openPopup(chrome, page) {
  await page.bringToFront();
  const ext = (await chrome.browser.extensions()).get(chrome.extensionId);
  await page.triggerExtensionAction(ext);
  const target = await chrome.browser.waitForTarget((t) => t.url().endsWith('/popup/popup.html'), { timeout: 10000 });
  return target.asPage();
}

/** In-page helper: whether the element matching `sel` is rendered. */
export function visible(page, sel) {
  return page.evaluate((s) => {
    const el = document.querySelector(s);
    if (!el) throw new Error(`no element matches ${s}`);
    return el.checkVisibility();
  }, sel);
}
