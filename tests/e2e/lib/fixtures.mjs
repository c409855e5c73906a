// The labelled fixtures (tests/fixtures/), what the native core decides on
// them, and the check that a browser did exactly that.
//
// The oracle is the native CLI, `chaff classify --format json FILE`, built
// from the same sources as the Wasm module in the extension. A line of a
// fixture's .expect file is "hidden by the core" when its text lies in a
// block that the CLI labels with a kind hidden by default; the browser must
// then not show it in `document.body.innerText`, and must show every other
// line that the page itself shows.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './build.mjs';
import { ARTICLE_LABELS, HIDDEN_BY_DEFAULT, NEVER_HIDDEN_TAGS, readExpect } from './expect.mjs';

const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
export const SEED = 'seed/news-aggregator-article';

/** Every fixture with an .expect file: { name, html, url } (url relative to the test server). */
export function listFixtures() {
  const out = [{ name: SEED }];
  for (const f of fs.readdirSync(path.join(FIXTURES, 'labelled')).sort()) {
    if (f.endsWith('.expect')) out.push({ name: `labelled/${f.slice(0, -'.expect'.length)}` });
  }
  return out.map(({ name }) => ({
    name,
    html: path.join(FIXTURES, `${name}.html`),
    expect: readExpect(path.join(FIXTURES, `${name}.expect`)),
    url: `/fixtures/${name}.html`,
  }));
}

let binary = null;
/**
 * The native CLI. The comparison is only fair if it was built from the same
 * sources as the Wasm module in dist/: `make test-e2e` builds the Wasm
 * module and then the CLI, back to back. Run on its own, the test builds
 * the CLI (cargo) when it is missing or older than the Wasm module.
 */
export function nativeCli() {
  if (binary !== null) return binary;
  const exe = path.join(ROOT, 'target', 'release', 'chaff');
  const wasm = path.join(ROOT, 'target', 'wasm-pkg', 'chaff_bg.wasm');
  const age = (f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0);
  if (age(exe) === 0 || age(exe) < age(wasm)) {
    const cargoHome = process.env.CARGO_HOME || path.join(os.homedir(), '.cargo');
    const onPath = (process.env.PATH ?? '').split(path.delimiter).some((d) => d && fs.existsSync(path.join(d, 'cargo')));
    const cargo = onPath ? 'cargo' : path.join(cargoHome, 'bin', 'cargo');
    execFileSync(cargo, ['build', '--release', '--quiet', '--bin', 'chaff'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  }
  binary = exe;
  return binary;
}

/** Appended to a failure that may come from the two cores being built from different sources. */
export const SAME_SOURCES_HINT =
  'if src/ changed between building the Wasm module and the native CLI, rebuild both (make dist build) and rerun';

/** The native core's blocks for a page: [{ node, tag, label, text, ... }]. */
export function nativeBlocks(htmlFile) {
  const out = execFileSync(nativeCli(), ['classify', '--format', 'json', htmlFile], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out).blocks;
}

const squash = (s) => s.replace(/\s+/g, '');
/** Whitespace as innerText would have it, for matching snippets. */
export const normText = (s) => s.replace(/\s+/g, ' ');

/**
 * Whether whitespace-normalised visible text holds a snippet. innerText
 * applies `text-transform` ("Advertisement" reads ADVERTISEMENT), so a
 * snippet not found as written is looked for regardless of case, as whole
 * words ("Anzeige" is not in "Nordstadt Anzeiger").
 */
export function holds(text, snippet) {
  if (text.includes(snippet)) return true;
  const escaped = snippet.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}

/**
 * For each expectation: whether the native core hides it, and as what: the
 * labels of the hidden-kind blocks whose text holds the snippet (block text
 * is its text nodes joined by spaces, so whitespace is ignored on both sides).
 */
export function nativeDecisions(expectations, blocks) {
  const hiding = blocks
    .filter((b) => HIDDEN_BY_DEFAULT.has(b.label) && !NEVER_HIDDEN_TAGS.has(b.tag))
    .map((b) => ({ label: b.label, text: squash(b.text) }));
  return expectations.map((e) => {
    const s = squash(e.snippet);
    const by = hiding.filter((b) => b.text.includes(s)).map((b) => b.label);
    return { ...e, nativeHidden: by.length > 0, nativeAs: by };
  });
}

/**
 * Compares a browser's result with the core's decisions.
 * `before`: body.innerText with Chaff off; `after`: with the page cleaned.
 * Returns { lines, problems, chrome: { total, hidden } } where `problems`
 * lists every line the browser got wrong, and `chrome` counts the .expect
 * lines of hidden-by-default kinds and how many of them are invisible (the
 * classifier's accuracy, as the browser shows it).
 */
export function compare(decisions, before, after) {
  const b = normText(before);
  const a = normText(after);
  const problems = [];
  const chrome = { total: 0, hidden: 0 };
  const lines = decisions.map((d) => {
    const shownBefore = holds(b, d.snippet);
    const shownAfter = holds(a, d.snippet);
    const line = { ...d, shownBefore, shownAfter };
    if (ARTICLE_LABELS.has(d.label)) {
      if (!shownAfter) problems.push(`${d.label} line not visible after cleaning${d.nativeHidden ? ` (the core labels its block ${d.nativeAs.join('/')})` : ''}: ${d.snippet}`);
    } else if (d.nativeHidden) {
      if (shownAfter) problems.push(`${d.label} line the core hides (${d.nativeAs.join('/')}) is still visible: ${d.snippet}`);
    } else if (shownBefore && !shownAfter) {
      problems.push(`${d.label} line the core keeps was hidden: ${d.snippet}`);
    }
    if (HIDDEN_BY_DEFAULT.has(d.label)) {
      chrome.total++;
      if (!shownAfter) chrome.hidden++;
    }
    return line;
  });
  return { lines, problems, chrome };
}

/**
 * Hosts that the test pages name themselves (scripts, images, links): the
 * only hosts a page may try to reach. The proxy refuses them all.
 */
export function pageHosts() {
  const hosts = new Set();
  const dirs = [path.join(FIXTURES, 'seed'), path.join(FIXTURES, 'labelled'), path.join(ROOT, 'tests', 'e2e', 'pages')];
  for (const dir of dirs) {
    for (const f of fs.readdirSync(dir)) {
      if (!f.endsWith('.html')) continue;
      for (const m of fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/\bhttps?:\/\/([a-z0-9.-]+)/gi)) hosts.add(m[1].toLowerCase());
    }
  }
  return hosts;
}

/** The host of a proxy request: "host:443" (CONNECT) or "http://host/..." (absolute form). */
export function requestHost(url) {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return new URL(url).hostname.toLowerCase();
  return url.replace(/:\d+$/, '').toLowerCase();
}
