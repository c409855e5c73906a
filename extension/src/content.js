// The content script, bundled with its modules into one classic script at
// build time (extension/bundle.mjs). It stays thin: walk the DOM (snapshot.js), hand the snapshot to the core
// (classifier.js), mark what the core labelled (cleaner.js), and keep the
// toolbar informed. Nothing here may throw into the page's console: every
// entry point catches, and a failed pass reverts what it hid and records the
// error for the popup.
import { api } from './api.js';
import { snapshotAdded, snapshotSliced, yieldToPage } from './snapshot.js';
import { Cleaner } from './cleaner.js';
import { Classifier } from './classifier.js';
import { T, fromExtension, parseToContent, report as reportMessage } from './messages.js';
import { KEYS, loadSettings, normaliseHiddenKinds, normaliseSites, setSiteEnabled } from './settings.js';

const DEBOUNCE_MS = 200; // quiet time before classifying added content
const MAX_WAIT_MS = 1000; // ... unless the page never goes quiet
// A page that keeps adding content (a teaser re-inserted every 100 ms) would
// get a pass every MAX_WAIT_MS: each added pass whose content began arriving
// within BUSY_MS of the previous pass doubles the least time before the next,
// up to MAX_BACKOFF_MS; BUSY_MS of quiet resets it.
const BUSY_MS = 3000;
const MAX_BACKOFF_MS = 8000;
// An element the page puts back after Chaff hid it is hidden again at most
// MAX_REHIDES times; after that the page wins and it is left alone.
const MAX_REHIDES = 2;
// Main-thread budget: the walk and the marking run in slices of SLICE_MS and
// yield to the page in between; snapshots above OFF_THREAD_NODES nodes or
// OFF_THREAD_CHARS of text are classified in the background (another thread
// or process).
const SLICE_MS = 12;
const OFF_THREAD_NODES = 20000;
const OFF_THREAD_CHARS = 1 << 20; // ... or strings (a 10 MB text node)

function isLarge(snap) {
  return snap.nodes.length > OFF_THREAD_NODES || snap.strings.length > OFF_THREAD_CHARS;
}

const state = {
  host: location.hostname,
  enabled: false,
  engine: null, // "local" | "background" once the first pass ran
  error: null, // message of the last failed pass, for the popup
  passes: 0,
  lastPassMs: null,
  // Longest stretch of main-thread time one piece of a pass took (a walk
  // slice, the hand-over to the classifier, a marking slice), in ms.
  longestSliceMs: 0,
};

/**
 * Times the synchronous stretches of a pass: `pause()` ends one (and yields
 * to the page), `resume()` starts the next, `lap()` ends one without
 * yielding. The longest goes to state.longestSliceMs.
 */
class Slices {
  constructor() {
    this.t = performance.now();
  }

  resume() {
    this.t = performance.now();
  }

  lap() {
    const ms = performance.now() - this.t;
    if (ms > state.longestSliceMs) state.longestSliceMs = ms;
  }

  async pause() {
    this.lap();
    await yieldToPage();
    this.resume();
  }
}

let cleaner = null;
const classifier = new Classifier();
let generation = 0; // bumped when cleaning is switched off; stale passes check it
let queue = Promise.resolve(); // passes run one at a time, in order
let started = false;

// ---------------------------------------------------------------- start ---

export function start() {
  if (started) return;
  started = true;
  guard(async () => {
    if (!isArticleCandidate(document)) return;
    const settings = await loadSettings();
    cleaner = new Cleaner(document, settings.hiddenKinds);
    api.runtime.onMessage.addListener(onMessage);
    api.storage.onChanged.addListener(onStorageChanged);
    addEventListener('pageshow', (e) => {
      if (e.persisted) report();
    });
    if (settings.disabledSites.includes(state.host)) {
      report();
      return;
    }
    enable();
  });
}

function isArticleCandidate(doc) {
  const type = doc.contentType;
  return (
    (type === 'text/html' || type === 'application/xhtml+xml') &&
    doc.documentElement !== null &&
    doc.body !== null
  );
}

// ----------------------------------------------------------- on and off ---

function enable() {
  if (state.enabled) return;
  state.enabled = true;
  const mine = generation;
  enqueue(() => fullPass(mine));
  observe();
}

function disable() {
  if (!state.enabled) return;
  state.enabled = false;
  generation++;
  stopObserving();
  cleaner.clear(true);
  state.error = null;
  report();
}

// --------------------------------------------------------------- passes ---

function enqueue(pass) {
  queue = queue.then(() => guard(pass));
  return queue;
}

async function fullPass(mine) {
  performance.mark('chaff:clean-start');
  try {
    state.engine = (await classifier.initLocal()) ? 'local' : 'background';
    if (mine !== generation) return;
    const sl = new Slices();
    const snap = await snapshotSliced(document.documentElement, { sliceMs: SLICE_MS, pause: () => sl.pause() });
    if (mine !== generation) return;
    const blocks = await classifyTimed(sl, snap, { offThread: isLarge(snap) });
    if (mine !== generation) return;
    // The full pass replaces whatever an earlier pass found.
    cleaner.clear(true);
    if (!(await markSliced(resolve(blocks, snap.nodes, null), mine, sl))) return;
    sl.lap();
    passDone();
  } catch (e) {
    passFailed(e);
  } finally {
    measure();
  }
}

async function addedPass(mine, roots) {
  performance.mark('chaff:clean-start');
  try {
    // Only the added subtrees, under the chain of their ancestors: the core
    // judges them by their own wording and shape (classify_added_wire), the
    // article having been found on the whole page by the first pass. The
    // rest of the page is not walked again.
    const sl = new Slices();
    const snap = snapshotAdded(roots, document.documentElement);
    if (snap.roots.length === 0) return;
    const blocks = await classifyTimed(sl, snap, { added: true, offThread: isLarge(snap) });
    if (mine !== generation) return;
    const found = resolve(blocks, snap.nodes, snap.roots).filter((b) => {
      // An element hidden before that the page took out and put back: hide
      // it again only a bounded number of times.
      const n = rehides.get(b.node) ?? 0;
      if (n >= MAX_REHIDES) return false;
      if (n > 0 || wasHidden.has(b.node)) rehides.set(b.node, n + 1);
      return true;
    });
    if (!(await markSliced(found, mine, sl))) return;
    sl.lap();
    passDone();
  } catch (e) {
    passFailed(e);
  } finally {
    measure();
  }
}

/**
 * Maps the core's blocks (snapshot indices) to DOM nodes. With `ranges`
 * (an added-content pass), blocks outside the added subtrees are dropped:
 * earlier passes labelled the rest of the page.
 */
function resolve(blocks, nodes, ranges) {
  const out = [];
  for (const b of blocks) {
    const index = b.node;
    if (ranges !== null && !ranges.some((r) => index >= r.start && index < r.end)) continue;
    const node = nodes[index];
    if (node === undefined) continue;
    out.push({ node, label: b.label, confidence: b.confidence, reason: b.reason });
  }
  return out;
}

/**
 * `classify`, timing its main-thread part: the call up to its first wait
 * (the snapshot's hand-over to the background), and, when it ran here, the
 * classification too (it then finishes without giving up the thread).
 */
async function classifyTimed(sl, snap, options) {
  const pending = classifier.classify(snap, { ...options, slices: sl });
  sl.lap();
  const blocks = await pending;
  if (classifier.lastEngine === 'local') sl.lap(); // it ran in this task, from sl.t on
  sl.resume();
  return blocks;
}

// Elements Chaff has hidden, and how often each was hidden again after the
// page put it back (weak: removed nodes are not kept alive).
const wasHidden = new WeakSet();
const rehides = new WeakMap();

/**
 * Marks `found` in slices of SLICE_MS, yielding to the page in between. A
 * failing slice reverts every mark this call made; a pass overtaken by a
 * toggle-off stops (resolves false; the toggle-off already cleared the page).
 */
async function markSliced(found, mine, sl) {
  const done = [];
  try {
    let deadline = performance.now() + SLICE_MS;
    for (let i = 0; i < found.length; i += 256) {
      if (performance.now() >= deadline) {
        await sl.pause();
        if (mine !== generation) return false;
        deadline = performance.now() + SLICE_MS;
      }
      const chunk = found.slice(i, i + 256);
      done.push(...cleaner.add(chunk));
      for (const b of chunk) if (b.node.nodeType === 1) wasHidden.add(b.node);
    }
    return true;
  } catch (e) {
    cleaner.unmark(done);
    cleaner.refreshStyle();
    throw e;
  }
}

// The toolbar hears about a pass after `chaff:clean` is measured (the
// caller's `finally` runs first): its message is not the pass's cost.
function passDone() {
  state.passes++;
  state.error = null;
  queueMicrotask(() => guard(report).catch(() => {}));
}

function passFailed(e) {
  // cleaner.add already reverted the marks of the failing call.
  state.error = e instanceof Error ? e.message : String(e);
  queueMicrotask(() => guard(report).catch(() => {}));
}

function measure() {
  try {
    const m = performance.measure('chaff:clean', 'chaff:clean-start');
    if (m) state.lastPassMs = m.duration;
  } catch {
    // A page that cleared the marks; nothing to measure.
  }
}

// -------------------------------------------------------- added content ---

let observer = null;
let pending = new Set();
let timer = 0;
let firstPendingAt = 0;
let lastAddedPassAt = -Infinity;
let backoff = MAX_WAIT_MS;

function observe() {
  if (observer !== null) return;
  observer = new MutationObserver(onMutations);
  // childList only: Chaff's own changes are attribute changes (and, in the
  // fallback, one <style> element that isOwn() filters out), so they never
  // come back as work.
  observer.observe(document.documentElement, { childList: true, subtree: true });
}

function stopObserving() {
  if (observer !== null) observer.disconnect();
  observer = null;
  pending = new Set();
  clearTimeout(timer);
  timer = 0;
}

function onMutations(records) {
  try {
    for (const r of records) {
      for (const node of r.addedNodes) {
        if (!cleaner.isOwn(node)) pending.add(node);
      }
    }
    if (pending.size === 0) return;
    const now = performance.now();
    if (timer === 0) firstPendingAt = now;
    clearTimeout(timer);
    let wait = Math.min(DEBOUNCE_MS, firstPendingAt + backoff - now);
    // Backing off: no sooner than `backoff` after the last added pass either.
    if (backoff > MAX_WAIT_MS) wait = Math.max(wait, lastAddedPassAt + backoff - now);
    wait = Math.max(0, wait);
    timer = setTimeout(flush, wait);
  } catch (e) {
    state.error = e instanceof Error ? e.message : String(e);
  }
}

function flush() {
  timer = 0;
  const nodes = pending;
  pending = new Set();
  if (!state.enabled) return;
  const roots = [];
  for (const node of nodes) {
    if (!node.isConnected || cleaner.isOwn(node)) continue;
    // Only elements can be hidden: added text (a ticking clock, a counter)
    // needs no pass.
    if (node.nodeType !== 1) continue;
    if (cleaner.isInsideHidden(node)) continue; // already hidden with its block
    roots.push(node);
  }
  if (roots.length === 0) return;
  // Busy: the content of this pass began arriving soon after the last pass.
  backoff = firstPendingAt - lastAddedPassAt < BUSY_MS ? Math.min(backoff * 2, MAX_BACKOFF_MS) : MAX_WAIT_MS;
  lastAddedPassAt = performance.now();
  const mine = generation;
  enqueue(() => addedPass(mine, roots));
}

// ------------------------------------------------------------- messages ---

/**
 * Messages from the popup and the background (tabs.sendMessage):
 *   { type: "get-state" }                       -> state
 *   { type: "set-reveal", on: boolean }         -> state
 *   { type: "set-site-enabled", enabled: bool } -> state
 *   { type: "toggle-site" }                     -> state
 */
function onMessage(raw, sender, sendResponse) {
  if (!fromExtension(sender, api.runtime.id)) return false;
  const msg = parseToContent(raw);
  if (msg === null) return false;
  switch (msg.type) {
    case T.getState:
      sendResponse(publicState());
      return false;
    case T.setReveal:
      guard(() => {
        cleaner.setReveal(Boolean(msg.on));
        report();
      }).then(() => sendResponse(publicState()));
      return true;
    case T.setSiteEnabled:
    case T.toggleSite: {
      const on = msg.type === T.toggleSite ? !state.enabled : Boolean(msg.enabled);
      guard(async () => {
        if (on) enable();
        else disable();
        await setSiteEnabled(state.host, on);
      }).then(() => sendResponse(publicState()));
      return true;
    }
    default:
      return false;
  }
}

function onStorageChanged(changes, area) {
  guard(() => {
    if (area !== 'local') return;
    const sites = changes[KEYS.disabledSites];
    if (sites !== undefined) {
      const off = normaliseSites(sites.newValue).includes(state.host);
      if (off) disable();
      else enable();
    }
    const kinds = changes[KEYS.hiddenKinds];
    if (kinds !== undefined) {
      cleaner.setHiddenKinds(normaliseHiddenKinds(kinds.newValue));
      report();
    }
  });
}

function publicState() {
  const counts = cleaner === null ? { found: {}, hidden: {}, total: 0 } : cleaner.counts();
  return {
    host: state.host,
    enabled: state.enabled,
    reveal: cleaner !== null && cleaner.reveal,
    hiddenKinds: cleaner === null ? [] : [...cleaner.hiddenKinds],
    found: counts.found,
    hidden: counts.hidden,
    total: counts.total,
    engine: state.engine,
    engineNote: classifier.localError,
    error: state.error,
    passes: state.passes,
    lastPassMs: state.lastPassMs,
    longestSliceMs: state.longestSliceMs,
  };
}

/** Tells the background (badge) and an open popup what changed. */
function report() {
  try {
    const p = api.runtime.sendMessage(reportMessage(publicState()));
    if (p && typeof p.catch === 'function') p.catch(() => {});
  } catch {
    // The extension was reloaded or removed: this script is orphaned.
  }
}

/** Runs `fn`, recording rather than throwing whatever goes wrong. */
async function guard(fn) {
  try {
    await fn();
  } catch (e) {
    state.error = e instanceof Error ? e.message : String(e);
    report();
  }
}

// Start-up cost (injection to first classification) is measured from here.
try {
  performance.mark('chaff:loader-start');
} catch {
  // No timeline: nothing to mark.
}
start();
