// Makes docs/popup.png: the toolbar popup open over the cleaned seed page, in
// headless Chromium with the built extension (dist/chromium, `make dist`),
// composited into a plain browser frame the way a user sees it.
//
//   node scripts/popup-screenshot.mjs [OUT.png]
//
// Uses the end-to-end tests' helpers: the page comes from the local test
// server, and nothing leaves 127.0.0.1.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../tests/e2e/lib/server.mjs';
import { launchChromium, openPopup, waitForPasses } from '../tests/e2e/lib/chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.resolve(process.argv[2] ?? path.join(ROOT, 'docs', 'popup.png'));
const SEED = '/fixtures/seed/news-aggregator-article.html';
const PAGE = { width: 1280, height: 760 };
const EXT = path.join(ROOT, 'dist', 'chromium');

// Builds nothing (`make screenshots` runs this): dist/ is used as it is.
if (!fs.existsSync(path.join(EXT, 'manifest.json'))) {
  console.error(`${path.relative(ROOT, EXT)} is missing: run \`make dist\` first`);
  process.exit(1);
}

const server = await serve();
const chrome = await launchChromium(EXT, { proxyPort: server.port });
try {
  const page = await chrome.newPage();
  await page.setViewport(PAGE);
  // The fixture's images live on hosts the tests never reach: grey boxes
  // stand in for them (the page itself is unchanged).
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const url = req.url();
    if (/^https?:/.test(url) && !url.startsWith(server.origin) && req.resourceType() === 'image') {
      req.respond({
        status: 200,
        contentType: 'image/svg+xml',
        body: '<svg xmlns="http://www.w3.org/2000/svg" width="16" height="9"><rect width="16" height="9" fill="#d8dcd0"/></svg>',
      });
    } else if (/^https?:/.test(url) && !url.startsWith(server.origin)) req.abort();
    else req.continue();
  });
  await page.goto(server.origin + SEED, { waitUntil: 'load' });
  await waitForPasses(page);
  // The article, from its dateline down (the header menu above it stays).
  await page.evaluate(() => {
    const top = document.querySelector('article p').getBoundingClientRect().top;
    window.scrollTo(0, top + window.scrollY - 12);
  });
  const shot = await page.screenshot({ type: 'png' });

  const popup = await openPopup(chrome, page);
  await popup.waitForFunction(() => /\d/.test(document.getElementById('total').textContent), { timeout: 10000 });
  await popup.setViewport({ width: 328, height: 600, deviceScaleFactor: 1 });
  const box = await popup.evaluate(() => {
    const r = document.body.getBoundingClientRect();
    return { x: 0, y: 0, width: Math.ceil(r.right + 1), height: Math.ceil(r.bottom + 1) };
  });
  const popupShot = await popup.screenshot({ type: 'png', clip: box });
  const badge = await chrome.badge();
  const icon = fs.readFileSync(path.join(ROOT, 'extension', 'icons', 'chaff-32.png'));
  const address = `${new URL(server.origin).host}${SEED}`;

  // A plain browser frame: tab strip, address bar, the extension's button
  // with its badge, the page below and the popup hanging from the button.
  const frame = await chrome.browser.newPage();
  await frame.setViewport({ width: PAGE.width, height: PAGE.height + 84 });
  const data = (buf) => `data:image/png;base64,${buf.toString('base64')}`;
  await frame.setContent(`<!DOCTYPE html>
<html><head><style>
  * { box-sizing: border-box; }
  body { margin: 0; font: 13px system-ui, sans-serif; background: #dee1e6; }
  .tabs { height: 38px; display: flex; align-items: flex-end; padding: 0 8px; }
  .tab { height: 32px; width: 240px; background: #fff; border-radius: 8px 8px 0 0; padding: 8px 12px;
         white-space: nowrap; overflow: hidden; text-overflow: ellipsis; color: #202124; }
  .bar { height: 46px; background: #fff; display: flex; align-items: center; gap: 10px; padding: 0 10px;
         border-bottom: 1px solid #c7c7c7; }
  .nav { color: #5f6368; font-size: 18px; width: 22px; text-align: center; }
  .url { flex: 1; height: 32px; border-radius: 16px; background: #f1f3f4; padding: 7px 16px; color: #202124; }
  .url .host { color: #202124; } .url .path { color: #5f6368; }
  .btn { position: relative; width: 32px; height: 32px; border-radius: 50%; background: #e8eaed;
         display: flex; align-items: center; justify-content: center; }
  .btn img { width: 18px; height: 18px; }
  .badge { position: absolute; right: -4px; bottom: -2px; background: #4d5b2a; color: #fff; font-size: 10px;
           font-weight: 600; padding: 0 4px; border-radius: 7px; line-height: 14px; }
  .page { display: block; width: ${PAGE.width}px; height: ${PAGE.height}px; }
  .popup { position: absolute; top: 80px; right: 12px; border-radius: 8px; overflow: hidden;
           box-shadow: 0 4px 16px rgba(0,0,0,.28), 0 0 0 1px rgba(0,0,0,.12); background: #fff; }
  .popup img { display: block; }
</style></head><body>
  <div class="tabs"><div class="tab">Iran's Revolutionary Guards Reject US Proposals…</div></div>
  <div class="bar">
    <span class="nav">&#8592;</span><span class="nav">&#8594;</span><span class="nav">&#8635;</span>
    <div class="url"><span class="host">${address.split('/')[0]}</span><span class="path">/${address.split('/').slice(1).join('/')}</span></div>
    <div class="btn"><img src="${data(icon)}" alt=""><span class="badge">${badge}</span></div>
  </div>
  <img class="page" src="${data(shot)}" alt="">
  <div class="popup"><img src="${data(popupShot)}" width="${box.width}" height="${box.height}" alt=""></div>
</body></html>`);
  await frame.evaluate(() => Promise.all([...document.images].map((i) => i.decode())));
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  await frame.screenshot({ path: OUT, type: 'png' });
  console.log(`${path.relative(ROOT, OUT)}: ${fs.statSync(OUT).size} bytes (badge ${badge})`);
} finally {
  await chrome.close();
  await server.close();
}
