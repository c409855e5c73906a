// The content script, bundled with its modules into one classic script at
// build time (extension/bundle.mjs). It stays thin and only wires the parts
// together:
//   passes.js     the pass runner: walk (snapshot.js), classify (classifier.js), mark (cleaner.js)
//   watcher.js    added content, in debounced batches, for added-content passes
//   messaging.js  the popup's and background's messages, and reports to them
// Each part is an object made here; no module keeps state of its own.
// Nothing here may throw into the page's console: every entry point
// catches, and a failed pass reverts what it hid and records the error for
// the popup.
import { api } from './api.js';
import { Cleaner } from './cleaner.js';
import { Classifier } from './classifier.js';
import { ContentMessaging } from './messaging.js';
import { PassRunner } from './passes.js';
import { KEYS, loadSettings, normaliseHiddenKinds, normaliseSites, setSiteEnabled } from './settings.js';
import { Watcher } from './watcher.js';

class ContentScript {
  constructor(doc) {
    this.doc = doc;
    this.host = location.hostname;
    this.enabled = false;
    this.error = null; // message of the last failure, for the popup
    this.cleaner = null;
    this.classifier = new Classifier();
    this.runner = null;
    this.watcher = null;
    this.messaging = new ContentMessaging(api, {
      state: () => this.publicState(),
      setReveal: (on) =>
        this.guard(() => {
          this.cleaner.setReveal(on);
          this.report();
        }),
      setSiteEnabled: (on) => this.switchSite(on),
      toggleSite: () => this.switchSite(!this.enabled),
    });
  }

  async start() {
    if (!isArticleCandidate(this.doc)) return;
    const settings = await loadSettings();
    this.cleaner = new Cleaner(this.doc, settings.hiddenKinds);
    this.runner = new PassRunner(this.doc, {
      cleaner: this.cleaner,
      classifier: this.classifier,
      onPass: (r) => {
        this.error = r.error;
        this.guard(() => this.report());
      },
    });
    this.watcher = new Watcher(this.doc.documentElement, {
      isOwn: (node) => this.cleaner.isOwn(node),
      isInsideHidden: (node) => this.cleaner.isInsideHidden(node),
      onAdded: (roots) => {
        if (this.enabled) this.runner.added(roots);
      },
      onError: (e) => this.fail(e),
    });
    this.messaging.listen();
    api.storage.onChanged.addListener((changes, area) => this.onStorageChanged(changes, area));
    addEventListener('pageshow', (e) => {
      if (e.persisted) this.report();
    });
    if (settings.disabledSites.includes(this.host)) {
      this.report();
      return;
    }
    this.enable();
  }

  enable() {
    if (this.enabled) return;
    this.enabled = true;
    this.runner.full();
    this.watcher.start();
  }

  disable() {
    if (!this.enabled) return;
    this.enabled = false;
    this.runner.cancel();
    this.watcher.stop();
    this.cleaner.clear(true);
    this.error = null;
    this.report();
  }

  switchSite(on) {
    return this.guard(async () => {
      if (on) this.enable();
      else this.disable();
      await setSiteEnabled(this.host, on);
    });
  }

  onStorageChanged(changes, area) {
    this.guard(() => {
      if (area !== 'local') return;
      const sites = changes[KEYS.disabledSites];
      if (sites !== undefined) {
        const off = normaliseSites(sites.newValue).includes(this.host);
        if (off) this.disable();
        else this.enable();
      }
      const kinds = changes[KEYS.hiddenKinds];
      if (kinds !== undefined) {
        this.cleaner.setHiddenKinds(normaliseHiddenKinds(kinds.newValue));
        this.report();
      }
    });
  }

  publicState() {
    const cleaner = this.cleaner;
    const counts = cleaner === null ? { found: {}, hidden: {}, total: 0 } : cleaner.counts();
    const stats = this.runner === null ? { engine: null, passes: 0, lastPassMs: null, longestSliceMs: 0 } : this.runner.stats;
    return {
      host: this.host,
      enabled: this.enabled,
      reveal: cleaner !== null && cleaner.reveal,
      hiddenKinds: cleaner === null ? [] : [...cleaner.hiddenKinds],
      found: counts.found,
      hidden: counts.hidden,
      total: counts.total,
      engine: stats.engine,
      engineNote: this.classifier.localError,
      error: this.error,
      passes: stats.passes,
      lastPassMs: stats.lastPassMs,
      longestSliceMs: stats.longestSliceMs,
    };
  }

  report() {
    this.messaging.report(this.publicState());
  }

  fail(e) {
    this.error = e instanceof Error ? e.message : String(e);
  }

  /** Runs `fn`, recording rather than throwing whatever goes wrong. */
  async guard(fn) {
    try {
      await fn();
    } catch (e) {
      this.fail(e);
      this.report();
    }
  }
}

function isArticleCandidate(doc) {
  const type = doc.contentType;
  return (
    (type === 'text/html' || type === 'application/xhtml+xml') &&
    doc.documentElement !== null &&
    doc.body !== null
  );
}

// Start-up cost (injection to first classification) is measured from here.
try {
  performance.mark('chaff:loader-start');
} catch {
  // No timeline: nothing to mark.
}
const script = new ContentScript(document);
script.guard(() => script.start());
