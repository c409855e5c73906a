// The walk in the page's own world (a `world: "MAIN"` content script)
// against the content script's own walk, measured on the same pages in one
// tab of each browser. Not part of `make bench`: it measures an approach
// that was tried and not shipped (README, "In the page").
//
//   node bench/worlds.mjs chromium|firefox [--pages N] [--corpus DIR]
//
// A throw-away extension (bench/worlds/, with extension/src/snapshot.js
// before each half) is built in a temporary folder; the pages are served as
// in the in-page stages (lib/server.mjs: their own scripts do not run). Per
// page, after load, in one task: the page's-world walk with its snapshot
// copied to the content script and 150 of its nodes handed over, and the
// content script's own walk, in a random order, then both again. Prints
// medians and means of each, by which went first.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT, serve } from './lib/server.mjs';
import { mean, median } from './lib/stats.mjs';
import { CHROMIUM_ARGS } from './lib/browsers.mjs';

const args = process.argv.slice(2);
const browser = args[0];
if (browser !== 'chromium' && browser !== 'firefox') {
  console.error('usage: node bench/worlds.mjs chromium|firefox [--pages N] [--corpus DIR]');
  process.exit(2);
}
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const corpus = path.resolve(option('--corpus', process.env.CHAFF_CORPUS ?? path.join(ROOT, '..', 'shared', 'corpus', 'readability')));
if (!fs.existsSync(corpus)) {
  console.error(`no corpus at ${corpus} (../shared/corpus/readability, or --corpus DIR)`);
  process.exit(1);
}
const names = fs
  .readdirSync(corpus)
  .filter((n) => fs.existsSync(path.join(corpus, n, 'source.html')))
  .sort()
  .slice(0, Number(option('--pages', 1e9)));

function buildExtension() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaff-worlds-'));
  const walker = fs.readFileSync(path.join(ROOT, 'extension', 'src', 'snapshot.js'), 'utf8').replace(/^export /gm, '');
  for (const half of ['page-world.js', 'isolated.js']) {
    fs.writeFileSync(path.join(dir, half), `${walker}\n${fs.readFileSync(path.join(ROOT, 'bench', 'worlds', half), 'utf8')}`);
  }
  const matches = ['http://127.0.0.1/*'];
  const manifest = {
    manifest_version: 3,
    name: 'chaff-worlds',
    version: '1',
    browser_specific_settings: { gecko: { id: 'chaff-worlds@chaff.invalid' } },
    content_scripts: [
      { matches, js: ['page-world.js'], run_at: 'document_start', world: 'MAIN' },
      { matches, js: ['isolated.js'], run_at: 'document_start' },
    ],
  };
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  const xpi = path.join(dir, 'worlds.xpi');
  execFileSync('zip', ['-q', xpi, 'manifest.json', 'page-world.js', 'isolated.js'], { cwd: dir });
  return { dir, xpi };
}

const READ = 'return document.documentElement.getAttribute("data-worlds")';

async function inChromium(ext, origin) {
  const { default: puppeteer } = await import('puppeteer-core');
  const launch = () =>
    puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, pipe: true, enableExtensions: [ext.dir], args: [...CHROMIUM_ARGS] });
  let b = await launch();
  const rows = [];
  for (const name of names) {
    try {
      const page = await b.newPage();
      await page.goto(`${origin}/corpus/${encodeURIComponent(name)}/`, { waitUntil: 'load', timeout: 20000 });
      const handle = await page.waitForFunction(new Function(READ), { timeout: 10000 });
      rows.push(JSON.parse(await handle.jsonValue()));
      await page.close();
    } catch (e) {
      console.error(`${name}: ${String(e).split('\n')[0]}`);
      await b.close().catch(() => {});
      b = await launch();
    }
  }
  await b.close();
  return rows;
}

async function inFirefox(ext, origin) {
  const { Builder } = await import('selenium-webdriver');
  const { default: ff } = await import('selenium-webdriver/firefox.js');
  const options = new ff.Options().setBinary('/usr/bin/firefox-esr').addArguments('-headless').setPreference('network.proxy.type', 0);
  const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).build();
  await driver.manage().setTimeouts({ pageLoad: 20000 });
  await driver.installAddon(ext.xpi, true);
  const rows = [];
  for (const name of names) {
    try {
      await driver.get(`${origin}/corpus/${encodeURIComponent(name)}/`);
      let v = null;
      for (let i = 0; i < 50 && v === null; i++) {
        v = await driver.executeScript(READ);
        if (v === null) await new Promise((r) => setTimeout(r, 200));
      }
      if (v === null) throw new Error('no figures');
      rows.push(JSON.parse(v));
    } catch (e) {
      console.error(`${name}: ${String(e).split('\n')[0]}`);
    }
  }
  await driver.quit();
  return rows;
}

const ext = buildExtension();
const server = await serve({ corpus, extDir: ext.dir });
try {
  const rows = browser === 'chromium' ? await inChromium(ext, server.origin) : await inFirefox(ext, server.origin);
  const failed = rows.filter((r) => r.error);
  const ok = rows.filter((r) => !r.error);
  console.log(`${browser}: ${ok.length} of ${names.length} pages measured; same snapshot and nodes from both walks on ${ok.filter((r) => r.same).length}`);
  for (const r of failed.slice(0, 3)) console.log(`  error: ${r.error.split('\n')[0]}`);
  console.log(`nodes per page: median ${median(ok.map((r) => r.nodes))}`);
  const rowsOf = [
    ['page1Walk', "page's world, first: the walk"],
    ['page1Total', "page's world, first: walk + snapshot copied + 150 nodes handed over"],
    ['page1Resolve', "page's world, first: 150 nodes handed over"],
    ['content1', 'content script, first: the walk'],
    ['page2Total', "page's world, again: walk + copy + 150 nodes"],
    ['content2', 'content script, again: the walk'],
  ];
  const fmt = (v) => (v.length ? `${median(v).toFixed(2)} / ${mean(v).toFixed(2)}` : '-');
  console.log('| ms (median / mean) | all pages | page\'s world first | content script first |');
  console.log('| --- | --- | --- | --- |');
  for (const [key, label] of rowsOf) {
    const all = ok.map((r) => r[key]);
    const a = ok.filter((r) => r.pageWorldFirst).map((r) => r[key]);
    const c = ok.filter((r) => !r.pageWorldFirst).map((r) => r[key]);
    console.log(`| ${label} | ${fmt(all)} | ${fmt(a)} (${a.length}) | ${fmt(c)} (${c.length}) |`);
  }
} finally {
  server.close();
  fs.rmSync(ext.dir, { recursive: true, force: true });
}
