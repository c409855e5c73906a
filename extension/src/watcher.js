// Watches the page for added content (MutationObserver) and hands the added
// elements over in debounced batches; and <html>'s and <body>'s class and
// style, for a scroll lock set late (ScrollLockWatcher). It knows nothing of
// classification: the content script passes in what to ignore and what to
// do with a batch.
//
// Watcher: childList only. Chaff's own changes are attribute changes (and,
// in the fallback, one <style> element that `isOwn` filters out), so they
// never come back as work.

const DEBOUNCE_MS = 200; // quiet time before a batch is handed over
const MAX_WAIT_MS = 1000; // ... unless the page never goes quiet
// A page that keeps adding content (a teaser re-inserted every 100 ms) would
// get a batch every MAX_WAIT_MS: each batch whose content began arriving
// within BUSY_MS of the previous one doubles the least time before the next,
// up to MAX_BACKOFF_MS; BUSY_MS of quiet resets it.
const BUSY_MS = 3000;
const MAX_BACKOFF_MS = 8000;

export class Watcher {
  /**
   * `root`: the element to watch (the document element).
   * `isOwn(node)`: nodes Chaff put in the page itself, never work.
   * `isInsideHidden(node)`: already hidden with its block, no work.
   * `onAdded(elements)`: a batch of added elements still in the page.
   * `navigated()`: true if the page's URL changed (a single-page app's
   *   navigation): the batch then goes at once, and the back-off restarts.
   * `onError(e)`: something went wrong in the observer callback.
   */
  constructor(root, { isOwn, isInsideHidden, onAdded, navigated = () => false, onError }) {
    this.root = root;
    this.isOwn = isOwn;
    this.isInsideHidden = isInsideHidden;
    this.onAdded = onAdded;
    this.navigated = navigated;
    this.onError = onError;
    this.observer = null;
    this.shadowRoots = new Set(); // open shadow roots watched too
    this.hosts = new Set(); // custom elements that may attach a shadow root later
    this.pending = new Set();
    this.timer = 0;
    this.firstPendingAt = 0;
    this.lastBatchAt = -Infinity;
    this.backoff = MAX_WAIT_MS;
    this.navUntil = -Infinity; // until then, added content belongs to a navigation
  }

  start() {
    if (this.observer !== null) return;
    this.observer = new MutationObserver((records) => this.onMutations(records));
    this.observer.observe(this.root, { childList: true, subtree: true });
  }

  /**
   * Watches these open shadow roots too (a MutationObserver on the document
   * does not see into shadow trees); the passes report those they walked.
   */
  watchShadowRoots(roots) {
    if (this.observer === null) return;
    for (const sr of roots) {
      if (this.shadowRoots.has(sr)) continue;
      this.shadowRoots.add(sr);
      this.observer.observe(sr, { childList: true, subtree: true });
    }
  }

  /**
   * Custom elements a walk met: attaching a shadow root (an upgrade when
   * their definition arrives) causes no mutation in the document, so
   * `lateShadowContent` looks at them.
   */
  watchHosts(elements) {
    if (this.observer === null) return;
    for (const el of elements) this.hosts.add(el);
  }

  /**
   * The content of open shadow roots attached since the walks (to a
   * custom element, or empty then): watched from now on, their elements
   * returned for an added-content pass. Cheap: one getter per custom
   * element not yet seen with a root.
   */
  lateShadowContent() {
    const content = [];
    if (this.observer === null) return content;
    for (const el of this.hosts) {
      if (!el.isConnected) {
        this.hosts.delete(el);
        continue;
      }
      const sr = el.shadowRoot;
      if (sr == null) continue;
      this.hosts.delete(el);
      if (this.shadowRoots.has(sr)) continue;
      this.watchShadowRoots([sr]);
      for (const node of sr.children) if (!this.isInsideHidden(node)) content.push(node);
    }
    return content;
  }

  stop() {
    if (this.observer !== null) this.observer.disconnect();
    this.observer = null;
    this.shadowRoots = new Set();
    this.hosts = new Set();
    this.pending = new Set();
    clearTimeout(this.timer);
    this.timer = 0;
  }

  onMutations(records) {
    try {
      for (const r of records) {
        for (const node of r.addedNodes) {
          if (!this.isOwn(node)) this.pending.add(node);
        }
      }
      if (this.pending.size === 0) return;
      const now = performance.now();
      // A navigation's view arrives right after its URL changed (which may
      // have been seen first, on a Navigation API event): hand it over now.
      if (this.navigated()) {
        this.flushSoon();
        return;
      }
      if (now < this.navUntil) {
        this.flushSoon(false);
        return;
      }
      if (this.timer === 0) this.firstPendingAt = now;
      clearTimeout(this.timer);
      let wait = Math.min(DEBOUNCE_MS, this.firstPendingAt + this.backoff - now);
      // Backing off: no sooner than `backoff` after the last batch either.
      if (this.backoff > MAX_WAIT_MS) wait = Math.max(wait, this.lastBatchAt + this.backoff - now);
      wait = Math.max(0, wait);
      this.timer = setTimeout(() => this.flush(), wait);
    } catch (e) {
      this.onError(e);
    }
  }

  /**
   * A navigation: hands over what has arrived in the next task (the new view
   * is usually added in one go right after the URL changes), and forgets
   * the back-off (a navigation is not a page that keeps adding content).
   */
  flushSoon(fresh = true) {
    if (this.observer === null) return;
    if (fresh) this.navUntil = performance.now() + DEBOUNCE_MS;
    this.backoff = MAX_WAIT_MS;
    this.lastBatchAt = -Infinity;
    clearTimeout(this.timer);
    this.firstPendingAt = performance.now();
    this.timer = setTimeout(() => this.flush(), 0);
  }

  flush() {
    this.timer = 0;
    const nodes = this.pending;
    this.pending = new Set();
    if (this.observer === null) return;
    const roots = [];
    for (const node of nodes) {
      if (!node.isConnected || this.isOwn(node)) continue;
      // Only elements can be hidden: added text (a ticking clock, a counter)
      // needs no pass.
      if (node.nodeType !== 1) continue;
      if (this.isInsideHidden(node)) continue;
      roots.push(node);
    }
    if (roots.length === 0) return;
    // Busy: the content of this batch began arriving soon after the last one.
    this.backoff =
      this.firstPendingAt - this.lastBatchAt < BUSY_MS ? Math.min(this.backoff * 2, MAX_BACKOFF_MS) : MAX_WAIT_MS;
    this.lastBatchAt = performance.now();
    this.onAdded(roots);
  }
}

/**
 * Watches the `class` and `style` of <html> and <body>, where a page sets
 * its scroll lock (`overflow: hidden`), possibly after the overlay that
 * wanted it was hidden: `onChange()` once per batch of changes. Chaff never
 * writes these two attributes (its own is `data-chaff-unlock`), so its
 * changes do not come back.
 */
export class ScrollLockWatcher {
  constructor(doc, { onChange, onError }) {
    this.doc = doc;
    this.onChange = onChange;
    this.onError = onError;
    this.observer = null;
  }

  start() {
    if (this.observer !== null) return;
    this.observer = new MutationObserver(() => {
      try {
        this.onChange();
      } catch (e) {
        this.onError(e);
      }
    });
    const options = { attributes: true, attributeFilter: ['class', 'style'] };
    for (const el of [this.doc.documentElement, this.doc.body]) if (el !== null) this.observer.observe(el, options);
  }

  stop() {
    if (this.observer !== null) this.observer.disconnect();
    this.observer = null;
  }
}
