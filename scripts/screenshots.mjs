// Makes the README's pictures of the extension's own UI, in headless Chromium
// with the built extension (dist/chromium: run `make dist` first; this
// script builds nothing), into docs/screenshots/:
//
//   popup-light.png   the toolbar popup over the cleaned seed page, light
//   popup-dark.png    the same popup under prefers-color-scheme: dark
//   options.png       the options page, light
//   reveal.png        the cleaned seed page with "show what was hidden" on:
//                     each hidden block outlined, with its label and "Keep this"
//
//   node scripts/screenshots.mjs [OUT_DIR]      (or: make screenshots)
//
// Uses the end-to-end tests' helpers: the page comes from the local test
// server on 127.0.0.1, which is also the browser's proxy, so nothing leaves
// the machine. docs/popup.png (the popup in a drawn browser frame) is made by
// scripts/popup-screenshot.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../tests/e2e/lib/server.mjs';
import { launchChromium, openPopup, waitForPasses } from '../tests/e2e/lib/chromium.mjs';
import { until } from '../tests/e2e/lib/wait.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.resolve(process.argv[2] ?? path.join(ROOT, 'docs', 'screenshots'));
const EXT = path.join(ROOT, 'dist', 'chromium');
const SEED = '/fixtures/seed/news-aggregator-article.html';

if (!fs.existsSync(path.join(EXT, 'manifest.json'))) {
  console.error(`${path.relative(ROOT, EXT)} is missing: run \`make dist\` first`);
  process.exit(1);
}

/** The fixture's images live on hosts the script never reaches: grey boxes stand in. */
async function stubImages(page, origin) {
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (!/^https?:/.test(url) || url.startsWith(origin)) req.continue();
    else if (req.resourceType() === 'image') {
      req.respond({
        status: 200,
        contentType: 'image/svg+xml',
        body: '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="9"><rect width="16" height="9" fill="#d8dcd0"/></svg>',
      });
    } else req.abort();
  });
}

const dark = (page, on) => page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: on ? 'dark' : 'light' }]);

/** A PNG of `page` clipped to its body (the page's natural size). */
async function shootBody(page, file) {
  const clip = await page.evaluate(() => {
    const r = document.body.getBoundingClientRect();
    const m = parseFloat(getComputedStyle(document.body).marginBottom) || 0;
    return { x: 0, y: 0, width: Math.ceil(r.right + r.left), height: Math.ceil(r.bottom + m) };
  });
  await page.screenshot({ path: file, type: 'png', clip });
}

fs.mkdirSync(OUT, { recursive: true });
const written = [];
const out = (name) => {
  const file = path.join(OUT, name);
  written.push(file);
  return file;
};

const server = await serve();
const chrome = await launchChromium(EXT, { proxyPort: server.port });
try {
  // The cleaned seed page, and the popup bound to it, as a click on the button opens it.
  const page = await chrome.newPage();
  await page.setViewport({ width: 1000, height: 760 });
  await stubImages(page, server.origin);
  await page.goto(server.origin + SEED, { waitUntil: 'load' });
  await waitForPasses(page);
  const popup = await openPopup(chrome, page);
  await popup.waitForFunction(() => /\d/.test(document.getElementById('total').textContent), { timeout: 10000 });
  await popup.setViewport({ width: 328, height: 600, deviceScaleFactor: 1 });
  await dark(popup, false);
  await shootBody(popup, out('popup-light.png'));
  await dark(popup, true);
  await shootBody(popup, out('popup-dark.png'));
  await dark(popup, false);

  // "Show what was hidden", from the popup's own checkbox.
  await popup.click('#reveal');
  await until('reveal mode', () => page.evaluate(() => document.querySelectorAll('[data-chaff-why]').length > 0));
  await popup.close();
  await new Promise((r) => setTimeout(r, 300));
  // The paywall teaser at the article's end and the top of the link farm
  // under it, cropped to the article's column. The page's app banner is fixed
  // at the top of the viewport (outlined too): the crop starts below it.
  const clip = await page.evaluate(() => {
    const teaser = document.querySelector('[data-chaff-why^="paywall"]');
    window.scrollTo(0, teaser.getBoundingClientRect().top + window.scrollY - 220);
    const t = teaser.getBoundingClientRect();
    const next = [...document.querySelectorAll('[data-chaff-why]')].find((e) => e.getBoundingClientRect().top > t.bottom - 1);
    const bottom = next ? next.getBoundingClientRect().top + 90 : t.bottom + 20;
    // In the document's coordinates, as puppeteer's clip takes them.
    return { x: Math.max(0, t.left - 24) + window.scrollX, y: t.top - 50 + window.scrollY, width: t.width + 48, height: bottom - (t.top - 50) };
  });
  await page.screenshot({ path: out('reveal.png'), type: 'png', clip });
  await chrome.tell({ type: 'set-reveal', on: false });
  await page.close();

  // The options page.
  const options = await chrome.browser.newPage();
  await options.setViewport({ width: 720, height: 600, deviceScaleFactor: 1 });
  await dark(options, false);
  await options.goto(`chrome-extension://${chrome.extensionId}/options/options.html`, { waitUntil: 'load' });
  await options.waitForSelector('#kind-ad');
  await options.screenshot({ path: out('options.png'), type: 'png', fullPage: true });
  await options.close();

  for (const f of written) console.log(`${path.relative(ROOT, f)}: ${fs.statSync(f).size} bytes`);
} finally {
  await chrome.close();
  await server.close();
}
