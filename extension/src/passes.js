// The pass runner: one full pass over the page, then passes over added
// content, one at a time and in order. A pass walks the DOM (snapshot.js),
// hands the snapshot to the core (classifier.js) and marks what the core
// labelled (cleaner.js), each in slices that yield to the page. A pass that
// fails leaves the page as it was before that pass. Nothing here throws:
// results and errors go to `onPass`.
import { snapshotAdded, snapshotSliced, yieldToPage } from './snapshot.js';

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

/**
 * Times the synchronous stretches of a pass: `pause()` ends one (and yields
 * to the page), `resume()` starts the next, `lap()` ends one without
 * yielding. The longest goes to `stats.longestSliceMs`; their sum, the
 * pass's own main-thread time, to `busyMs` (a second `lap()` in one stretch
 * adds only what ran since the first).
 */
export class Slices {
  constructor(stats) {
    this.stats = stats;
    this.t = performance.now();
    this.counted = 0;
    this.busyMs = 0;
  }

  resume() {
    this.t = performance.now();
    this.counted = 0;
  }

  lap() {
    const ms = performance.now() - this.t;
    if (ms > this.stats.longestSliceMs) this.stats.longestSliceMs = ms;
    this.busyMs += ms - this.counted;
    this.counted = ms;
  }

  async pause() {
    this.lap();
    await yieldToPage();
    this.resume();
  }
}

export class PassRunner {
  /**
   * `onPass({ ok, error, full, blocks })` after each pass that ran to its
   * end or failed (not after one overtaken by `cancel()`); `blocks` are the
   * marked blocks of a full pass ([{ node, label }]).
   * `onWalked({ shadowRoots, customElements })`: the open shadow roots a
   * walk went into and the custom elements it met (snapshot.js).
   * `timeline`: also measure each pass as `chaff:clean` on the page's
   * performance timeline, which the page can read (the bench and tests opt
   * in, settings.js TIMELINE_KEY).
   */
  constructor(doc, { cleaner, classifier, onPass, onWalked = () => {}, timeline = false }) {
    this.doc = doc;
    this.timeline = timeline;
    this.cleaner = cleaner;
    this.classifier = classifier;
    this.onPass = onPass;
    this.onWalked = onWalked;
    this.generation = 0; // bumped by cancel(); stale passes check it
    this.queue = Promise.resolve(); // passes run one at a time, in order
    // lastPass: { kind: 'full'|'added', nodes } (nodes walked), for the popup and tests.
    this.stats = { engine: null, passes: 0, lastPassMs: null, longestSliceMs: 0, lastPass: null };
    // Where the last pass's time went (ms, wall clock; the bench reads it as
    // the `detail` of the `chaff:clean` measure, with `timeline`): the walk, waiting for the
    // core after it, classifying, marking; the main-thread time of all its
    // slices; and the snapshot's size.
    this.split = null;
    // Elements Chaff has hidden, and how often each was hidden again after
    // the page put it back (weak: removed nodes are not kept alive).
    this.wasHidden = new WeakSet();
    this.rehides = new WeakMap();
  }

  /** Stops the passes under way (the caller clears the page). */
  cancel() {
    this.generation++;
  }

  full() {
    const mine = this.generation;
    return this.enqueue(() => this.fullPass(mine));
  }

  added(roots) {
    const mine = this.generation;
    return this.enqueue(() => this.addedPass(mine, roots));
  }

  enqueue(pass) {
    this.queue = this.queue.then(pass).catch(() => {});
    return this.queue;
  }

  async fullPass(mine) {
    const start = performance.now();
    this.split = null;
    try {
      // The core (compiled off the main thread) may still be on its way
      // on a first pass: the walk does not need it, so it runs meanwhile,
      // and the pass waits only for what is left after it.
      const local = this.classifier.initLocal();
      const sl = new Slices(this.stats);
      const root = this.doc.documentElement;
      const t0 = performance.now();
      const snap = await snapshotSliced(root, { sliceMs: SLICE_MS, pause: () => sl.pause() });
      if (mine !== this.generation) return;
      const t1 = performance.now();
      sl.lap();
      this.stats.engine = (await local) ? 'local' : 'background';
      if (mine !== this.generation) return;
      sl.resume();
      this.onWalked(snap);
      const t2 = performance.now();
      const blocks = await this.classifyTimed(sl, snap, { offThread: isLarge(snap) });
      if (mine !== this.generation) return;
      const t3 = performance.now();
      // The full pass replaces whatever an earlier pass found.
      this.cleaner.clear(true);
      const found = resolve(blocks, snap.nodes, null);
      if (!(await this.markSliced(found, mine, sl))) return;
      sl.lap();
      if (this.timeline) this.split = {
        initMs: t2 - t1,
        walkMs: t1 - t0,
        classifyMs: t3 - t2,
        markMs: performance.now() - t3,
        busyMs: sl.busyMs,
        nodes: snap.nodes.length,
        chars: snap.strings.length,
      };
      this.stats.lastPass = { kind: 'full', nodes: snap.nodes.length };
      this.done(true, found);
    } catch (e) {
      this.failed(e);
    } finally {
      this.measure(start);
    }
  }

  async addedPass(mine, roots) {
    const start = performance.now();
    try {
      // Only the added subtrees, under the chain of their ancestors: the core
      // judges them by their own wording and shape (classify_added_wire), the
      // article having been found on the whole page by the first pass. The
      // rest of the page is not walked again.
      const sl = new Slices(this.stats);
      const snap = snapshotAdded(roots, this.doc.documentElement);
      if (snap.roots.length === 0) return;
      this.onWalked(snap);
      const blocks = await this.classifyTimed(sl, snap, { added: true, offThread: isLarge(snap) });
      if (mine !== this.generation) return;
      const found = resolve(blocks, snap.nodes, snap.roots).filter((b) => {
        // An element hidden before that the page took out and put back: hide
        // it again only a bounded number of times.
        const n = this.rehides.get(b.node) ?? 0;
        if (n >= MAX_REHIDES) return false;
        if (n > 0 || this.wasHidden.has(b.node)) this.rehides.set(b.node, n + 1);
        return true;
      });
      if (!(await this.markSliced(found, mine, sl))) return;
      sl.lap();
      this.stats.lastPass = { kind: 'added', nodes: snap.nodes.length };
      this.done(false, found);
    } catch (e) {
      this.failed(e);
    } finally {
      this.measure(start);
    }
  }

  /**
   * `classify`, timing its main-thread part: the call up to its first wait
   * (the snapshot's hand-over to the background), and, when it ran here, the
   * classification too (it then finishes without giving up the thread).
   */
  async classifyTimed(sl, snap, options) {
    const pending = this.classifier.classify(snap, { ...options, slices: sl });
    sl.lap();
    const blocks = await pending;
    if (this.classifier.lastEngine === 'local') sl.lap(); // it ran in this task, from sl.t on
    sl.resume();
    return blocks;
  }

  /**
   * Marks `found` in slices of SLICE_MS, yielding to the page in between. A
   * failing slice reverts every mark this call made; a pass overtaken by
   * `cancel()` stops (resolves false; the caller already cleared the page).
   */
  async markSliced(found, mine, sl) {
    const done = [];
    try {
      let deadline = performance.now() + SLICE_MS;
      for (let i = 0; i < found.length; i += 256) {
        if (performance.now() >= deadline) {
          await sl.pause();
          if (mine !== this.generation) return false;
          deadline = performance.now() + SLICE_MS;
        }
        const chunk = found.slice(i, i + 256);
        done.push(...this.cleaner.add(chunk));
        for (const b of chunk) if (b.node.nodeType === 1) this.wasHidden.add(b.node);
      }
      done.push(...this.cleaner.applyUserHides());
      return true;
    } catch (e) {
      this.cleaner.unmark(done);
      this.cleaner.refreshStyle();
      throw e;
    }
  }

  // The toolbar hears about a pass after it is measured (the caller's
  // `finally` runs first): its message is not the pass's cost.
  done(full, found) {
    this.stats.passes++;
    queueMicrotask(() => this.onPass({ ok: true, error: null, full, blocks: found }));
  }

  failed(e) {
    // cleaner.add already reverted the marks of the failing call.
    const error = e instanceof Error ? e.message : String(e);
    queueMicrotask(() => this.onPass({ ok: false, error, full: false, blocks: [] }));
  }

  measure(start) {
    const split = this.split;
    this.split = null;
    this.stats.lastPassMs = performance.now() - start;
    if (!this.timeline) return;
    try {
      try {
        performance.measure('chaff:clean', { start, detail: split });
      } catch {
        performance.measure('chaff:clean', { start }); // a detail it cannot clone
      }
    } catch {
      // No timeline: nothing to measure.
    }
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
