// Headless Chromium with the unpacked extension loaded, through puppeteer-core
// and Debian's /usr/bin/chromium.
import puppeteer from 'puppeteer-core';

export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

export async function launchChromium(extensionDir) {
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    enableExtensions: [extensionDir],
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
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

  async function storage(values) {
    const sw = await worker();
    if (values) await sw.evaluate((v) => chrome.storage.local.set(v), values);
    return sw.evaluate(() => chrome.storage.local.get(null));
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

  return { browser, extensionId, worker, tell, state, badge, storage, newPage, close: () => browser.close() };
}

/** Resolves once the page has finished `n` cleaning passes. */
export function waitForPasses(page, n = 1, timeout = 15000) {
  return page.waitForFunction((k) => performance.getEntriesByName('chaff:clean').length >= k, { timeout }, n);
}

/** In-page helper: whether the element matching `sel` is rendered. */
export function visible(page, sel) {
  return page.evaluate((s) => {
    const el = document.querySelector(s);
    if (!el) throw new Error(`no element matches ${s}`);
    return el.checkVisibility();
  }, sel);
}
