// Hides (or, in "show what was hidden" mode, outlines) the blocks the core
// labelled, reversibly.
//
// Mechanism, and why:
// The blocks carry no selector of their own, and Chaff must not rewrite the
// page's attributes or move its nodes. So each hidden block's root element
// gets ONE marker attribute, `data-chaff-hide="<label>"`, while the page is
// cleaned, and a single stylesheet turns the marker into `display: none`.
// The stylesheet is a constructed CSSStyleSheet adopted through
// `document.adoptedStyleSheets`, which is not part of the DOM tree at all;
// only if that is unavailable (an engine or content-script sandbox that
// refuses it) does Chaff fall back to one <style> element, removed again on
// toggle-off. Turning cleaning off removes every marker and the sheet, so
// `document.documentElement.outerHTML` is exactly what it was before.
// Alternatives rejected: inline `style` (must save and rewrite the page's
// own attribute), wrapping or moving nodes (breaks page scripts and
// layout), `scripting.insertCSS` (would still need a marker to select the
// node, and costs the "scripting" permission plus host permissions).
//
// In "show what was hidden" mode a second attribute, `data-chaff-why`,
// carries "label · confidence · reason" for a CSS ::before badge; it exists
// only while that mode is on.

import { CHROME_LABELS, NEVER_HIDDEN_TAGS, SCROLL_LOCKERS } from './labels.js';

export const HIDE_ATTR = 'data-chaff-hide';
export const WHY_ATTR = 'data-chaff-why';
export const UNLOCK_ATTR = 'data-chaff-unlock';
export const BACKDROP_ATTR = 'data-chaff-backdrop';

// Extra :not(#id) parts raise the selector's specificity to (3,1,0) so that a
// page rule such as `#promo { display: block !important }` cannot undo the
// hiding. No real element has these ids.
const BOOST = ':not(#chaff--a):not(#chaff--b):not(#chaff--c)';

/**
 * A stylesheet hiding what `selectors` match (one rule each: a bad one drops
 * alone), except what `except` match (the user's kept blocks; each must be
 * a valid selector: see `validSelectors`).
 */
export function hideCss(selectors, except = []) {
  const not = except.length > 0 ? `:not(${except.join(', ')})` : '';
  return selectors.map((s) => `${s}${BOOST}${not} { display: none !important; }\n`).join('');
}

/**
 * Whether `doc`'s engine accepts selector `s` (one from storage may be bad).
 * Tried on an empty fragment: it parses the selector and searches nothing.
 */
export function isValidSelector(doc, s) {
  try {
    doc.createDocumentFragment().querySelector(s);
    return true;
  } catch {
    return false;
  }
}

/** Whether `node` matches selector `s`; one this page's engine refuses matches nothing. */
export function matchesSelector(node, s) {
  try {
    return node.matches(s);
  } catch {
    return false;
  }
}

/** The selectors of `list` that `doc` accepts. */
export function validSelectors(doc, list) {
  return list.filter((s) => isValidSelector(doc, s));
}

// The reason shown on a block the user hid ("show what was hidden").
const USER_REASON = 'hidden by you';

const HIDE_CSS = `[${HIDE_ATTR}]${BOOST}, [${BACKDROP_ATTR}]${BOOST} { display: none !important; }
[${UNLOCK_ATTR}]${BOOST} { overflow: auto !important; }
`;

// A box that covers at least this share of the viewport's width and height
// is a full-page overlay (a modal's layer, a backdrop).
const COVERS = 0.9;

const REVEAL_CSS = `[${HIDE_ATTR}]${BOOST} {
  outline: 2px dashed #c2410c !important;
  outline-offset: -2px !important;
  background-color: rgba(194, 65, 12, 0.07) !important;
}
[${WHY_ATTR}]${BOOST}::before {
  content: attr(${WHY_ATTR}) !important;
  display: block !important;
  position: static !important;
  box-sizing: border-box !important;
  max-width: 100% !important;
  margin: 0 0 4px 0 !important;
  padding: 2px 6px !important;
  font: 600 12px/1.4 system-ui, sans-serif !important;
  color: #fff !important;
  background: #c2410c !important;
  text-align: left !important;
  white-space: normal !important;
  overflow-wrap: anywhere !important;
}
`;

// Only kinds a user can choose to hide are kept: article parts and "other"
// are never hidden, and keeping them would only pin page nodes in memory.
const HIDEABLE = new Set(CHROME_LABELS);

/**
 * Holds back the page's first paint while the content script reads what it
 * learned on this site: one adopted sheet makes the root transparent
 * (`opacity: 0`, which no descendant can undo, and which changes no layout)
 * until `release()`, or `maxMs` at the most. Only where a sheet can be
 * adopted; no DOM node is ever added for it.
 */
export class PaintHold {
  constructor(doc, maxMs) {
    this.doc = doc;
    this.sheet = null;
    this.since = performance.now();
    this.ms = null; // how long it held, once released
    try {
      const sheet = new doc.defaultView.CSSStyleSheet();
      sheet.replaceSync(`:root${BOOST} { opacity: 0 !important; }`);
      doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
      this.sheet = sheet;
      this.timer = setTimeout(() => this.release(), maxMs);
    } catch {
      this.sheet = null;
    }
  }

  release() {
    if (this.sheet === null) return;
    clearTimeout(this.timer);
    try {
      const doc = this.doc;
      doc.adoptedStyleSheets = Array.prototype.filter.call(doc.adoptedStyleSheets, (s) => s !== this.sheet);
    } catch {
      // The document is going away.
    }
    this.sheet = null;
    this.ms = performance.now() - this.since;
  }
}

/**
 * One stylesheet, adopted if possible, otherwise a <style> element; adopted
 * in the document and in each open shadow root added with `addRoot` (a
 * document's sheets do not reach into shadow trees).
 */
export class Sheet {
  constructor(doc) {
    this.doc = doc;
    this.sheet = null;
    this.element = null;
    this.css = '';
    this.roots = new Map(); // shadow root -> its fallback <style> element, or null
  }

  /** Nodes Chaff itself put in the DOM (the fallback <style>s), for the MutationObserver to ignore. */
  isOwn(node) {
    if (node === null) return false;
    if (node === this.element) return true;
    for (const el of this.roots.values()) if (el === node) return true;
    return false;
  }

  set(css) {
    if (this.css === css && this.attached()) return;
    this.css = css;
    this.setDocument(css);
    for (const root of this.roots.keys()) this.setRoot(root);
  }

  setDocument(css) {
    if (this.sheet !== null) {
      this.sheet.replaceSync(css);
      if (!this.attached()) this.adopt(this.doc);
      return;
    }
    if (this.element !== null) {
      this.element.textContent = css;
      if (!this.element.isConnected) this.doc.documentElement.appendChild(this.element);
      return;
    }
    try {
      const view = this.doc.defaultView;
      const sheet = new view.CSSStyleSheet();
      sheet.replaceSync(css);
      this.sheet = sheet;
      this.adopt(this.doc);
      if (!this.attached()) throw new Error('adoptedStyleSheets refused the sheet');
    } catch {
      this.sheet = null;
      const style = this.doc.createElement('style');
      style.textContent = css;
      this.element = style;
      this.doc.documentElement.appendChild(style);
    }
  }

  /** Also styles the shadow tree of `root` (a ShadowRoot), from now on. */
  addRoot(root) {
    if (this.roots.has(root)) return;
    this.roots.set(root, null);
    if (this.css !== '') this.setRoot(root);
  }

  setRoot(root) {
    if (this.sheet !== null) {
      try {
        if (!Array.prototype.includes.call(root.adoptedStyleSheets, this.sheet)) this.adopt(root);
        return;
      } catch {
        // Fall through to a <style> element in the shadow root.
      }
    }
    let style = this.roots.get(root);
    if (style === null || style === undefined) {
      style = this.doc.createElement('style');
      this.roots.set(root, style);
    }
    style.textContent = this.css;
    if (!style.isConnected || style.parentNode !== root) root.appendChild(style);
  }

  adopt(target) {
    target.adoptedStyleSheets = [...target.adoptedStyleSheets, this.sheet];
  }

  attached() {
    if (this.sheet !== null) return Array.prototype.includes.call(this.doc.adoptedStyleSheets, this.sheet);
    if (this.element !== null) return this.element.isConnected;
    return false;
  }

  remove() {
    this.css = '';
    const drop = (target) => {
      try {
        target.adoptedStyleSheets = Array.prototype.filter.call(target.adoptedStyleSheets, (s) => s !== this.sheet);
      } catch {
        // The document is going away; nothing to restore.
      }
    };
    if (this.sheet !== null) drop(this.doc);
    if (this.element !== null) this.element.remove();
    for (const [root, style] of this.roots) {
      if (this.sheet !== null) drop(root);
      if (style !== null) style.remove();
    }
    this.roots.clear();
  }
}

/**
 * Keeps every block the core reported for this page (so that changing which
 * kinds are hidden, or the reveal mode, needs no new classification) and the
 * set of elements currently marked.
 */
export class Cleaner {
  constructor(doc, hiddenKinds) {
    this.doc = doc;
    this.hiddenKinds = new Set(hiddenKinds);
    this.reveal = false;
    this.blocks = new Map(); // Node -> { label, confidence, reason }
    this.marked = new Set(); // Elements carrying HIDE_ATTR
    this.unlocked = new Set(); // <html>/<body> carrying UNLOCK_ATTR
    this.overlays = 0; // hidden blocks in a fixed box, at the last refresh
    this.backdrops = new Set(); // elements carrying BACKDROP_ATTR
    this.boxes = new WeakMap(); // block -> { box, fixed }: its nearest fixed or sticky box
    this.unmeasured = new Set(); // marked blocks whose box is not looked up yet
    this.measuring = false;
    this.sheet = new Sheet(doc);
    // The user's corrections (corrections.js), applied before the core's
    // decisions: `keep` selectors are never hidden; `hide` ({ s, l }) are
    // hidden whatever the core said. `user`: Element -> block, what they match.
    this.keep = [];
    this.hide = [];
    this.user = new Map();
    this.ui = new Set(); // Chaff's own elements in the page (the hosts of the "Keep this" buttons and the picker)
  }

  isOwn(node) {
    if (node !== null && this.ui.has(node)) return true;
    return this.sheet.isOwn(node);
  }

  /** Chaff's own element in the page: never hidden, never a pass's work. */
  addOwn(el) {
    this.ui.add(el);
  }

  removeOwn(el) {
    this.ui.delete(el);
  }

  /** True if `node` is one of the user's kept blocks. */
  isKept(node) {
    return node.nodeType === 1 && this.keep.some((s) => matchesSelector(node, s));
  }

  /**
   * Applies the user's corrections (`{ keep: [selector], hide: [{ s, l }] }`)
   * now. If applying them fails, the page goes back to what it was with the
   * corrections before (or, if that fails too, to no marks at all): never
   * half-hidden. Throws the error.
   */
  setCorrections(c) {
    const before = { keep: this.keep, hide: this.hide };
    try {
      this.keep = validSelectors(this.doc, c.keep);
      this.hide = c.hide.filter((r) => isValidSelector(this.doc, r.s));
      this.findUserHidden();
      this.reapply();
    } catch (e) {
      try {
        this.keep = before.keep;
        this.hide = before.hide;
        this.findUserHidden();
        this.reapply();
      } catch {
        this.clear();
      }
      throw e;
    }
  }

  /**
   * The elements the user's `hide` selectors match in the document now
   * (each labelled with the user's kind), but none that the policy never
   * hides, that holds Chaff's own elements, or that the user kept.
   */
  findUserHidden() {
    const user = new Map();
    for (const r of this.hide) {
      let found;
      try {
        found = this.doc.querySelectorAll(r.s);
      } catch {
        continue;
      }
      for (const el of found) {
        if (user.has(el) || !this.canHideForUser(el) || this.isKept(el)) continue;
        user.set(el, { label: r.l, confidence: 1, reason: USER_REASON, user: true });
      }
    }
    this.user = user;
  }

  canHideForUser(el) {
    if (!this.canHide(el)) return false;
    for (const own of this.ui) if (el.contains(own)) return false;
    return true;
  }

  /** True if `node` lies inside (or is) a block Chaff currently hides. */
  isInsideHidden(node) {
    let el = node.nodeType === 1 ? node : node.parentElement;
    while (el != null) {
      if (el.closest(`[${HIDE_ATTR}]`) !== null) return true;
      el = el.getRootNode().host; // out of a shadow tree, to its host
    }
    return false;
  }

  /**
   * Records blocks (`[{ node: DomNode, label, confidence, reason }]`) and
   * marks those of hidden kinds. Returns the elements this call marked, so a
   * failing pass can `unmark` exactly what it did.
   */
  add(blocks) {
    const newlyMarked = [];
    try {
      for (const b of blocks) {
        if (!HIDEABLE.has(b.label)) continue;
        this.blocks.set(b.node, { label: b.label, confidence: b.confidence, reason: b.reason });
        if (this.hiddenKinds.has(b.label) && !this.user.has(b.node) && !this.isKept(b.node) && this.mark(b.node, b)) {
          newlyMarked.push(b.node);
        }
      }
      this.refreshStyle();
    } catch (e) {
      this.unmark(newlyMarked);
      throw e;
    }
    return newlyMarked;
  }

  /**
   * Marks what the user's hides match in what the page holds now (added
   * content too): once a pass, after its blocks. Returns the elements it
   * marked.
   */
  applyUserHides() {
    if (this.hide.length === 0) return [];
    const newlyMarked = [];
    try {
      this.findUserHidden();
      for (const [node, b] of this.user) if (this.mark(node, b)) newlyMarked.push(node);
      if (newlyMarked.length > 0) this.refreshStyle();
    } catch (e) {
      this.unmark(newlyMarked);
      throw e;
    }
    return newlyMarked;
  }

  canHide(node) {
    return node.nodeType === 1 && !NEVER_HIDDEN_TAGS.has(node.localName.toLowerCase()) && !this.ui.has(node);
  }

  mark(node, block) {
    if (!this.canHide(node)) return false;
    const already = this.marked.has(node);
    if (node.getAttribute(HIDE_ATTR) !== block.label) node.setAttribute(HIDE_ATTR, block.label);
    if (this.reveal) node.setAttribute(WHY_ATTR, describe(block));
    const root = node.getRootNode();
    if (root !== this.doc && root.nodeType === 11) this.sheet.addRoot(root); // in a shadow tree
    this.marked.add(node);
    return !already;
  }

  unmark(nodes) {
    for (const node of nodes) {
      node.removeAttribute(HIDE_ATTR);
      node.removeAttribute(WHY_ATTR);
      this.marked.delete(node);
    }
  }

  /** Re-derives the marks from the stored blocks (after a settings change). */
  reapply() {
    const want = new Map();
    for (const [node, b] of this.blocks) {
      if (this.hiddenKinds.has(b.label) && this.canHide(node) && !this.isKept(node)) want.set(node, b);
    }
    // The user's hides win over the core's label (and over the kinds hidden).
    for (const [node, b] of this.user) if (node.isConnected) want.set(node, b);
    this.unmark([...this.marked].filter((n) => !want.has(n)));
    for (const [node, b] of want) {
      this.mark(node, b);
      if (!this.reveal) node.removeAttribute(WHY_ATTR);
    }
    this.refreshStyle();
  }

  setHiddenKinds(kinds) {
    this.hiddenKinds = new Set(kinds);
    this.reapply();
  }

  setReveal(on) {
    this.reveal = Boolean(on);
    this.reapply();
  }

  refreshStyle() {
    this.overlays = this.updateBackdrops();
    this.updateScrollLock(this.overlays);
    if (this.marked.size === 0 && this.unlocked.size === 0 && this.backdrops.size === 0) {
      this.sheet.remove();
      return;
    }
    this.sheet.set(this.reveal ? REVEAL_CSS : HIDE_CSS);
  }

  /**
   * Fixed overlays go with their backdrop (a sticky block is hidden like any
   * other, and overlays nothing). For each hidden block that is, or lies in,
   * a fixed box (below <body>): that box, if all its text is the block's (a
   * modal's transparent layer around its dialog), and the element just
   * before or after the box or block if it is a fixed or absolute layer
   * covering the viewport with no text or media of its own (a
   * `.modal-backdrop`), get BACKDROP_ATTR while the block is hidden. Not in
   * "show what was hidden" mode. Returns the number of hidden blocks in a
   * fixed box (overlays: a scroll lock is taken to be theirs).
   */
  updateBackdrops() {
    const want = new Set();
    let overlays = 0;
    if (!this.reveal) {
      const view = this.doc.defaultView;
      const vw = view.innerWidth;
      const vh = view.innerHeight;
      const covers = (el) => {
        const r = el.getBoundingClientRect();
        return r.width >= vw * COVERS && r.height >= vh * COVERS;
      };
      const textOf = (el) => (el.textContent ?? '').trim().length;
      const bare = (el) => textOf(el) === 0 && el.querySelector('img, video, iframe, picture, svg, canvas') === null;
      for (const node of this.marked) {
        if (!node.isConnected) continue;
        // Its nearest fixed or sticky box, looked up once per block, after
        // the next frame (when the page's style is computed anyway: looking
        // it up now would force a style recalculation inside a pass's slice).
        const found = this.boxes.get(node);
        if (found === undefined) {
          this.measureLater(node);
          continue;
        }
        const { box, fixed } = found;
        if (box === null || !box.isConnected) continue;
        if (!fixed) continue; // a sticky box overlays nothing else
        overlays++;
        let top = node;
        if (box !== node && !this.marked.has(box) && textOf(box) === textOf(node)) {
          want.add(box);
          top = box;
        }
        for (const start of new Set([node, top])) {
          for (const sib of [start.previousElementSibling, start.nextElementSibling]) {
            if (sib === null || this.marked.has(sib) || !bare(sib)) continue;
            const pos = view.getComputedStyle(sib).position;
            // Measured while shown; one already hidden stays a backdrop.
            if ((pos === 'fixed' || pos === 'absolute') && (this.backdrops.has(sib) || covers(sib))) want.add(sib);
          }
        }
      }
    }
    for (const el of this.backdrops) {
      if (!want.has(el)) el.removeAttribute(BACKDROP_ATTR);
    }
    for (const el of want) {
      if (!this.backdrops.has(el) && this.canHide(el)) el.setAttribute(BACKDROP_ATTR, '');
      const root = el.getRootNode();
      if (root !== this.doc && root.nodeType === 11) this.sheet.addRoot(root);
    }
    this.backdrops = new Set([...want].filter((el) => this.canHide(el)));
    return overlays;
  }

  measureLater(node) {
    this.unmeasured.add(node);
    if (this.measuring) return;
    this.measuring = true;
    const view = this.doc.defaultView;
    const later = () => setTimeout(() => this.measure(), 0);
    try {
      view.requestAnimationFrame(later);
    } catch {
      later();
    }
  }

  /** Looks up the fixed or sticky box of the blocks marked since, in slices; then refreshes. */
  measure() {
    this.measuring = false;
    try {
      const view = this.doc.defaultView;
      const deadline = performance.now() + 8;
      for (const node of this.unmeasured) {
        if (performance.now() > deadline) break;
        this.unmeasured.delete(node);
        if (!node.isConnected || !this.marked.has(node)) continue;
        let found = { box: null, fixed: false };
        for (let el = node; el !== null && el !== this.doc.body && el !== this.doc.documentElement; el = el.parentElement) {
          const pos = view.getComputedStyle(el).position;
          if (pos === 'fixed' || pos === 'sticky') {
            found = { box: el, fixed: pos === 'fixed' };
            break;
          }
        }
        this.boxes.set(node, found);
      }
      if (this.unmeasured.size > 0) {
        this.measuring = true;
        setTimeout(() => this.measure(), 0);
      }
      if (this.marked.size > 0) this.refreshStyle();
    } catch {
      // The document is going away.
    }
  }

  /** The page changed <html>'s or <body>'s class or style: a scroll lock set since is released too. */
  scrollLockChanged() {
    if (this.marked.size > 0) this.updateScrollLock(this.overlays);
  }

  // A hidden cookie wall, paywall or other full-page overlay often leaves
  // `overflow: hidden` on <html> or <body>, so the page would not scroll;
  // undo that while it is hidden.
  updateScrollLock(overlays = 0) {
    let wanted = overlays > 0 && !this.reveal;
    if (!wanted && !this.reveal) {
      for (const node of this.marked) {
        const b = this.blockOf(node);
        if (b !== undefined && SCROLL_LOCKERS.has(b.label) && node.isConnected) {
          wanted = true;
          break;
        }
      }
    }
    if (!wanted) {
      for (const el of this.unlocked) el.removeAttribute(UNLOCK_ATTR);
      this.unlocked.clear();
      return;
    }
    const view = this.doc.defaultView;
    for (const el of [this.doc.documentElement, this.doc.body]) {
      if (el === null || this.unlocked.has(el)) continue;
      const style = view.getComputedStyle(el);
      if (style.overflowY === 'hidden' || style.overflow === 'hidden') {
        el.setAttribute(UNLOCK_ATTR, '');
        this.unlocked.add(el);
      }
    }
  }

  /** Removes every trace of Chaff from the page; blocks are kept unless `forget`. */
  clear(forget = false) {
    this.unmark([...this.marked]);
    for (const el of this.backdrops) el.removeAttribute(BACKDROP_ATTR);
    this.backdrops.clear();
    this.unmeasured.clear();
    for (const el of this.unlocked) el.removeAttribute(UNLOCK_ATTR);
    this.unlocked.clear();
    this.sheet.remove();
    if (forget) {
      this.blocks.clear();
      this.user.clear();
    }
  }

  /** What is known of a marked block: the user's hide first, else the core's. */
  blockOf(node) {
    return this.user.get(node) ?? this.blocks.get(node);
  }

  /** The elements the core's labels marked now, with their labels (what is learned: not the user's hides). */
  markedLabels() {
    const out = new Map();
    for (const node of this.marked) {
      if (this.user.has(node)) continue;
      const b = this.blocks.get(node);
      if (b !== undefined && node.isConnected) out.set(node, b.label);
    }
    return out;
  }

  /** The marked blocks in the document, in document order: [{ node, label, user }]. */
  markedBlocks() {
    const out = [];
    for (const node of this.marked) {
      const b = this.blockOf(node);
      if (b !== undefined && node.isConnected && node.getRootNode() === this.doc) out.push({ node, label: b.label, user: b.user === true });
    }
    return out.sort((a, b) => (a.node.compareDocumentPosition(b.node) & 4 ? -1 : 1));
  }

  /**
   * The label of `el` or of its nearest ancestor with a hideable label (the
   * user's kind where the user hid it, else the core's), or null: the
   * guess the picker offers first.
   */
  labelNear(el) {
    for (let e = el; e !== null; e = e.parentElement) {
      const b = this.blockOf(e);
      if (b !== undefined) return b.label;
    }
    return null;
  }

  /** Counts per kind of the hideable blocks still in the page, and of those hidden. */
  counts() {
    const found = {};
    const hidden = {};
    let total = 0;
    const all = new Map(this.blocks);
    for (const [node, b] of this.user) all.set(node, b); // the user's kind wins
    for (const [node, b] of all) {
      if (!node.isConnected) continue;
      found[b.label] = (found[b.label] ?? 0) + 1;
      if (this.marked.has(node)) {
        hidden[b.label] = (hidden[b.label] ?? 0) + 1;
        total++;
      }
    }
    return { found, hidden, total };
  }
}

function describe(block) {
  const pct = Math.round((Number(block.confidence) || 0) * 100);
  const reason = String(block.reason ?? '').slice(0, 300);
  return reason ? `${block.label} · ${pct}% · ${reason}` : `${block.label} · ${pct}%`;
}
