// The content script, bundled with its modules into one classic script at
// build time (extension/bundle.mjs). It stays thin and only wires the parts
// together:
//   passes.js     the pass runner: walk (snapshot.js), classify (classifier.js), mark (cleaner.js)
//   watcher.js    added content, in debounced batches, for added-content passes;
//                 <html>'s and <body>'s class and style, for a late scroll lock
//   messaging.js  the popup's and background's messages, and reports to them
//   learned.js    selectors learned from what the core hid on this site
//   corrections.js  what the user kept or hid on this site, applied first
//   keep-ui.js    the "Keep this" buttons of "show what was hidden"
//   picker.js     "Hide something else": the user points at a block to hide
// It runs at document_start: it reads the settings and what it learned on
// this site, hides those blocks at once with one stylesheet (before the
// first paint on a return visit), and runs the first pass at
// DOMContentLoaded, which confirms or drops each learned selector.
// Each part is an object made here; no module keeps state of its own.
// Nothing here may throw into the page's console: every entry point
// catches, and a failed pass reverts what it hid and records the error for
// the popup.
import { api } from './api.js';
import { PAGE_CSP_GOVERNS_WASM } from './browser-traits.js';
import { Cleaner, PaintHold, Sheet, hideCss, matchesSelector, validSelectors } from './cleaner.js';
import { Classifier } from './classifier.js';
import { ContentMessaging } from './messaging.js';
import { PassRunner } from './passes.js';
import { confirmRules, earlyRules, learnedKey, readLearned, saveLearned, selectorFor } from './learned.js';
import { CorrectionError, correctionsKey, readCorrections, updateCorrections, withCorrection, withoutCorrection } from './corrections.js';
import { KeepButtons } from './keep-ui.js';
import { Picker } from './picker.js';
import { labelMessageKey } from './labels.js';
import { t } from './i18n.js';
import { yieldToPage } from './snapshot.js';
import { KEYS, TIMELINE_KEY, changesSettings, loadSettings, loadSettingsWith, setSiteEnabled } from './settings.js';
import { ScrollLockWatcher, Watcher } from './watcher.js';
import { REFUSALS_KEY, isOwnWasmRefusal, originHost, refusedBefore, rememberRefusal } from './wasm-refusals.js';

// The longest the first paint is held back while the settings and learned
// selectors are read (a page rarely paints before storage answers).
const HOLD_MAX_MS = 100;

class ContentScript {
  constructor(doc, top) {
    this.doc = doc;
    this.top = top; // the top frame (false: a same-origin or about:blank frame)
    this.host = topHost();
    this.url = location.href; // for single-page apps' navigations
    this.navigations = 0;
    this.enabled = false;
    this.error = null; // message of the last failure, for the popup
    this.watchingRefusal = false; // a refused compile of the core is being watched for (Chromium)
    // Whose CSP governs this document, for the record of refusals: the host
    // of its origin (a frame of another origin has its own CSP).
    this.cspHost = originHost(doc.defaultView?.origin);
    this.cleaner = null;
    this.classifier = new Classifier(doc);
    this.runner = null;
    this.watcher = null;
    this.lockWatcher = null;
    this.learned = readLearned(null); // { t, rules } for this site
    this.corrections = readCorrections(null); // { t, keep, hide }: the user's, for this site
    this.keepUi = null; // the "Keep this" buttons, while "show what was hidden" is on
    this.picker = null; // "Hide something else", while it runs
    this.early = null; // the stylesheet of learned selectors, until the first pass
    this.earlyCount = 0; // selectors it held
    this.earlyAt = null; // when it was adopted (performance.now())
    this.startAt = performance.now(); // when the script started
    this.page = topTimeOrigin(); // which top document this frame's reports belong to (tab-counts.js)
    this.timeline = false; // whether to record on the page's timeline (TIMELINE_KEY)
    this.heldMs = null; // how long the first paint was held back
    this.messaging = new ContentMessaging(api, {
      state: () => this.publicState(),
      setReveal: (on) =>
        this.guard(() => {
          this.cleaner.setReveal(on);
          this.updateKeepUi();
          this.report();
        }),
      setSiteEnabled: (on) => this.switchSite(on),
      toggleSite: () => this.switchSite(!this.enabled),
      startPicker: () => this.guard(() => this.startPicker()),
      // In a frame: the top frame stores the switch; this one follows at once.
      followSite: (on) =>
        this.guard(() => {
          if (on ?? !this.enabled) this.enable();
          else this.disable();
        }),
    }, { top });
  }

  /**
   * Where the page's CSP refuses the core (Chromium), remembers the site, so
   * that its next pages fire no refused compile (wasm-refusals.js). The
   * refusal is known by the violation event it fires (its error says
   * nothing of the CSP), naming this extension's script as its source.
   */
  watchForRefusal() {
    const host = this.cspHost;
    if (!PAGE_CSP_GOVERNS_WASM || host === '' || this.watchingRefusal) return;
    this.watchingRefusal = true;
    const ours = api.runtime.getURL('');
    const onViolation = (e) => {
      if (!isOwnWasmRefusal(e, ours)) return;
      this.doc.removeEventListener('securitypolicyviolation', onViolation, true);
      rememberRefusal(api.storage.local, host).catch(() => {});
    };
    this.doc.addEventListener('securitypolicyviolation', onViolation, true);
  }

  async start() {
    const type = this.doc.contentType;
    if (type !== 'text/html' && type !== 'application/xhtml+xml') return;
    const key = learnedKey(this.host);
    const ckey = correctionsKey(this.host);
    // Until storage answers, Chaff cannot know what to hide before the first
    // paint: hold that paint back (a few ms, HOLD_MAX_MS at most), so that
    // no frame shows what the learned sheet would hide.
    const hold = this.top ? new PaintHold(this.doc, HOLD_MAX_MS) : null;
    // The core compiles meanwhile (off the main thread), and is instantiated
    // only if Chaff is on here; where the page's CSP would see a refused
    // compile, not before the settings say Chaff is on here.
    if (!PAGE_CSP_GOVERNS_WASM) this.classifier.compile();
    let on = false;
    let settings;
    try {
      // The settings (sync or local), the learned selectors (local) and the
      // user's corrections (sync or local), at once.
      const localKeys = PAGE_CSP_GOVERNS_WASM ? [key, TIMELINE_KEY, REFUSALS_KEY] : [key, TIMELINE_KEY];
      const got = await loadSettingsWith(localKeys, this.top ? [ckey] : []);
      settings = got.settings;
      this.timeline = got.local[TIMELINE_KEY] === true;
      if (this.timeline) markLoaderStart(this.startAt);
      this.learned = readLearned(got.local[key]);
      if (this.top) this.corrections = readCorrections(got.shared[ckey]);
      on = !settings.disabledSites.includes(this.host);
      if (PAGE_CSP_GOVERNS_WASM && refusedBefore(got.local[REFUSALS_KEY], this.cspHost)) {
        this.classifier.skipLocal("this site's CSP refused WebAssembly here before");
      }
      if (on && this.top) {
        // The user's hides, always; the learned selectors of kinds hidden
        // now; never what the user kept.
        const c = this.corrections;
        const rules = [...c.hide.map((r) => r.s), ...earlyRules(this.learned.rules, new Set(settings.hiddenKinds))];
        this.hideEarly(validSelectors(this.doc, rules), validSelectors(this.doc, c.keep));
      }
    } finally {
      if (hold !== null) {
        hold.release(); // in the same task as the learned sheet: no frame between
        this.heldMs = hold.ms;
      }
    }
    if (on) {
      this.watchForRefusal();
      this.classifier.initLocal(); // the core, compiled while the page loads
    }
    await domReady(this.doc);
    if (!isArticleCandidate(this.doc)) {
      this.dropEarly();
      return;
    }
    this.cleaner = new Cleaner(this.doc, settings.hiddenKinds);
    this.runner = new PassRunner(this.doc, {
      cleaner: this.cleaner,
      classifier: this.classifier,
      onPass: (r) => {
        this.error = r.error;
        // Still in the task of the pass's last marks: the learned sheet goes
        // as the core's marks arrive, with no frame in between.
        this.dropEarly();
        if (r.full && r.ok && this.top) setTimeout(() => this.guard(() => this.learn()), 0);
        this.guard(() => {
          this.updateKeepUi();
          this.report();
          this.passLateShadowContent();
        });
      },
      onWalked: (snap) => {
        this.watcher.watchShadowRoots(snap.shadowRoots);
        this.watcher.watchHosts(snap.customElements);
      },
      timeline: this.timeline,
    });
    this.watcher = new Watcher(this.doc.documentElement, {
      isOwn: (node) => this.cleaner.isOwn(node),
      isInsideHidden: (node) => this.cleaner.isInsideHidden(node),
      onAdded: (roots) => {
        if (this.enabled) this.runner.added(roots);
      },
      navigated: () => this.navigated(),
      onError: (e) => this.fail(e),
    });
    this.lockWatcher = new ScrollLockWatcher(this.doc, {
      onChange: () => this.cleaner.scrollLockChanged(),
      onError: (e) => this.fail(e),
    });
    this.messaging.listen();
    api.storage.onChanged.addListener((changes, area) => this.onStorageChanged(changes, area));
    addEventListener('load', () => this.guard(() => this.passLateShadowContent()));
    addEventListener('pageshow', (e) => {
      if (e.persisted) this.report();
    });
    // Single-page apps: this isolated world does not see the page's
    // pushState/replaceState calls, but it sees the URL change, on the
    // Navigation API's events, on popstate, and on the mutations that bring
    // the new view (the watcher asks `navigated()` at each batch).
    const onNav = () => this.guard(() => this.navigated() && this.watcher.flushSoon());
    addEventListener('popstate', onNav);
    const nav = globalThis.navigation;
    if (nav && typeof nav.addEventListener === 'function') nav.addEventListener('navigatesuccess', onNav);
    if (!on) {
      this.report();
      return;
    }
    this.enable();
  }

  /**
   * True once per change of URL (not of its #fragment) since the last call:
   * a single-page app's navigation. The view it brings in arrives as added
   * content, which the watcher hands over at once, and which the core judges
   * by itself (classify_added_wire): what did not change is not walked again.
   */
  navigated() {
    const url = location.href;
    if (url === this.url) return false;
    const same = url.split('#')[0] === this.url.split('#')[0];
    // Another path is another page; another query is the same page's next
    // part or filter (a listing's "?page=2"), whose reading still holds.
    const samePath = url.split(/[?#]/)[0] === this.url.split(/[?#]/)[0];
    this.url = url;
    if (same) return false;
    this.navigations++;
    if (!samePath) this.classifier.forgetPage();
    return true;
  }

  /**
   * Shadow roots attached since the walks (a custom element's definition
   * arrived, a root was attached late) changed nothing the watcher sees:
   * looked for after each pass and at `load`, their content gets an
   * added-content pass.
   */
  passLateShadowContent() {
    if (!this.enabled) return;
    const content = this.watcher.lateShadowContent();
    if (content.length > 0) this.runner.added(content);
  }

  /** Hides the blocks of the learned selectors and the user's hides (but not `keep`'s), until the first pass. */
  hideEarly(selectors, keep) {
    if (selectors.length === 0) return;
    try {
      this.early = new Sheet(this.doc);
      this.early.set(hideCss(selectors, keep));
      this.earlyCount = selectors.length;
      this.earlyAt = performance.now();
    } catch (e) {
      this.dropEarly();
      this.fail(e);
    }
  }

  dropEarly() {
    if (this.early === null) return;
    this.early.remove();
    this.early = null;
  }

  /** Confirms, drops and adds learned selectors from what the pass hid. */
  async learn() {
    if (!this.enabled) return;
    // Selectors are matched in the document: blocks inside shadow trees are
    // not learned.
    const marked = new Map([...this.cleaner.markedLabels()].filter(([node]) => node.getRootNode() === this.doc));
    const rules = await confirmRules(this.doc, this.learned.rules, marked, { pause: yieldToPage });
    if (!this.enabled) return;
    const before = this.learned;
    this.learned = { t: Date.now(), rules };
    await saveLearned(api.storage.local, this.host, before, rules, this.learned.t);
  }

  /**
   * The "Keep this" buttons: in the top frame, while the site is cleaned and
   * "show what was hidden" is on; gone otherwise.
   */
  updateKeepUi() {
    const want = this.top && this.enabled && this.cleaner !== null && this.cleaner.reveal;
    if (!want) {
      if (this.keepUi !== null) this.keepUi.hide();
      return;
    }
    if (this.keepUi === null) {
      this.keepUi = new KeepButtons(this.doc, {
        blocks: () => this.cleaner.markedBlocks(),
        keep: (block) => this.keepBlock(block),
        own: { add: (el) => this.cleaner.addOwn(el), remove: (el) => this.cleaner.removeOwn(el) },
      });
    }
    this.keepUi.show();
  }

  /**
   * "Keep this" on an outlined block: remembers its selector as kept on
   * this site (or, on a block the user hid, forgets the hides that match
   * it) and shows it at once. Resolves to what to announce.
   */
  async keepBlock(block) {
    const node = block.node;
    const kind = t(labelMessageKey(block.label));
    let next;
    if (block.user) {
      const matching = this.cleaner.hide.filter((r) => matchesSelector(node, r.s));
      next = await updateCorrections(this.host, (c) => matching.reduce((left, r) => withoutCorrection(left, r.s), c));
    } else {
      const s = selectorFor(this.doc, node);
      if (s === null) throw new CorrectionError('keepNoSelector');
      next = await updateCorrections(this.host, (c) => withCorrection(c, 'keep', s));
    }
    this.applyCorrections(next);
    return t(block.user ? 'keepShownAgain' : 'keepKept', [kind]);
  }

  /** "Hide something else": starts the picker (the top frame of a cleaned page only). */
  startPicker() {
    if (!this.top || !this.enabled || this.cleaner === null) return;
    if (this.picker === null) {
      this.picker = new Picker(this.doc, {
        guess: (el) => this.cleaner.labelNear(el),
        canHide: (el) => this.cleaner.canHideForUser(el),
        hide: (el, label) => this.pickBlock(el, label),
        own: { add: (el) => this.cleaner.addOwn(el), remove: (el) => this.cleaner.removeOwn(el) },
        onEnd: () => this.report(),
      });
    }
    this.picker.start();
    this.report();
  }

  /** The picker's choice: remembers `el`'s selector as hidden on this site, as `label`, and hides it at once. */
  async pickBlock(el, label) {
    const s = selectorFor(this.doc, el);
    if (s === null) throw new CorrectionError('keepNoSelector');
    const next = await updateCorrections(this.host, (c) => withCorrection(c, 'hide', s, label));
    this.applyCorrections(next);
    return t('pickHidden', [t(labelMessageKey(label))]);
  }

  /** Applies the user's corrections now (the cleaner reverts them if that fails). */
  applyCorrections(c) {
    this.corrections = c;
    if (this.cleaner === null || !this.enabled) return;
    try {
      this.cleaner.setCorrections(c);
    } finally {
      if (this.keepUi !== null && this.keepUi.shown) this.keepUi.show();
      this.report();
    }
  }

  enable() {
    if (this.enabled) return;
    this.enabled = true;
    this.watchForRefusal(); // turned on after load: the first pass compiles
    if (this.top) {
      try {
        this.cleaner.setCorrections(this.corrections);
      } catch (e) {
        this.fail(e); // the cleaner went back to the marks before; the core's pass still runs
      }
    }
    this.runner.full();
    this.watcher.start();
    this.lockWatcher.start();
  }

  disable() {
    if (!this.enabled) return;
    this.enabled = false;
    this.runner.cancel();
    this.watcher.stop();
    this.lockWatcher.stop();
    this.dropEarly();
    if (this.keepUi !== null) this.keepUi.hide();
    if (this.picker !== null) this.picker.end('', false);
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
    if (this.top && (area === 'local' || area === 'sync') && correctionsKey(this.host) in changes) {
      // Changed here, on the options page or in another tab: read them again
      // (a key in local wins over sync's).
      this.guard(async () => {
        const key = correctionsKey(this.host);
        const got = await loadSettingsWith([], [key]);
        const c = readCorrections(got.shared[key]);
        // A save fires this up to three times, and this tab's own saves
        // are applied already: only a newer version is applied.
        if (c.t !== this.corrections.t) this.applyCorrections(c);
      });
    }
    if (!changesSettings(changes, area)) return;
    // The settings may have moved between sync and local: read them again.
    this.guard(async () => {
      const settings = await loadSettings();
      if (KEYS.disabledSites in changes) {
        const off = settings.disabledSites.includes(this.host);
        if (off) this.disable();
        else this.enable();
      }
      if (KEYS.hiddenKinds in changes) {
        this.cleaner.setHiddenKinds(settings.hiddenKinds);
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
      page: this.page,
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
      lastPass: stats.lastPass ?? null,
      url: this.url,
      navigations: this.navigations,
      early: this.earlyCount,
      earlyAt: this.earlyAt,
      startAt: this.startAt,
      heldMs: this.heldMs,
      learned: this.learned.rules.length,
      corrections: { keep: this.corrections.keep.length, hide: this.corrections.hide.length },
      keepButtons: this.keepUi !== null && this.keepUi.shown ? this.keepUi.names() : [],
      picking: this.picker !== null && this.picker.active,
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

/** Resolves at DOMContentLoaded, or now if it has passed. */
function domReady(doc) {
  if (doc.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) => doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true }));
}

function isArticleCandidate(doc) {
  const type = doc.contentType;
  return (
    (type === 'text/html' || type === 'application/xhtml+xml') &&
    doc.documentElement !== null &&
    doc.body !== null
  );
}

/**
 * The host whose settings apply: the top frame's (a frame runs only where it
 * is same-origin with every frame above it, so it can read it).
 */
function topHost() {
  try {
    return window.top.location.hostname;
  } catch {
    return location.hostname;
  }
}

/**
 * The top document's `performance.timeOrigin`: the same in every frame of
 * one page, another after the top frame navigates.
 */
function topTimeOrigin() {
  try {
    return window.top.performance.timeOrigin;
  } catch {
    return performance.timeOrigin;
  }
}

/**
 * Whether this frame is Chaff's to clean: the top frame of a web page, or a
 * frame (an about:blank one included) same-origin with each frame above it. A
 * cross-origin frame, or one inside a cross-origin frame, is never touched.
 */
function cleanable() {
  // match_about_blank also brings Chaff into a tab's own about:blank (a new
  // tab before it loads): only a web page is cleaned, and only it answers
  // the popup.
  if (window === window.top && !/^https?:$/.test(location.protocol)) return false;
  try {
    for (let w = window; w !== w.top; w = w.parent) {
      if (w.frameElement === null) return false; // cross-origin with its parent
    }
    return true;
  } catch {
    return false; // a cross-origin ancestor
  }
}

/** Marks when the script started (`startAt`), with TIMELINE_KEY: the bench measures start-up from it. */
function markLoaderStart(startTime) {
  try {
    performance.mark('chaff:loader-start', { startTime });
  } catch {
    // No timeline: nothing to mark.
  }
}

if (cleanable()) {
  const script = new ContentScript(document, window === window.top);
  script.guard(() => script.start());
}
