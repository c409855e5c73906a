// Chaff playground: load a page, render it in a sandboxed frame (scripts off,
// nothing fetched), walk its DOM with the extension's walker, classify the
// snapshot with the Wasm core in a worker, and show the result three ways.

import { walk, WalkAborted } from './walk.js';
import { LABELS, CHROME_LABELS, HIDDEN_BY_DEFAULT, kind } from './kinds.js';
import {
  CSP_MARKER,
  InputError,
  MAX_INPUT,
  checkHtml,
  decodeHtml,
  formatBytes,
  tooLarge,
  withFramePolicy,
} from './input.js';

const $ = (id) => document.getElementById(id);
const ui = {
  frame: $('frame'),
  wrap: $('frame-wrap'),
  empty: $('empty'),
  sampleGrid: $('sample-grid'),
  sampleSelect: $('sample-select'),
  fileInput: $('file-input'),
  views: $('views'),
  docTitle: $('doc-title'),
  docSource: $('doc-source'),
  status: $('status'),
  progress: $('progress'),
  progressLabel: $('progress-label'),
  progressBar: $('progress-bar'),
  tooltip: $('tooltip'),
  message: $('message'),
  messageTitle: $('message-title'),
  messageDetail: $('message-detail'),
  legend: $('legend'),
  blocksBody: $('blocks-body'),
  blocksCount: $('blocks-count'),
  tableEmpty: $('table-empty'),
  tableScroll: $('table-scroll'),
  showMore: $('show-more'),
  filterBar: $('filter-bar'),
  filterChip: $('filter-chip'),
  articleTitle: $('article-title'),
  articleByline: $('article-byline'),
  articleText: $('article-text'),
  articleMarkdown: $('article-markdown'),
  textMeta: $('text-meta'),
  mdMeta: $('md-meta'),
  pasteDialog: $('paste-dialog'),
  pasteInput: $('paste-input'),
  pasteError: $('paste-error'),
  pasteSize: $('paste-size'),
  pasteGo: $('paste-go'),
  dropOverlay: $('drop-overlay'),
  toast: $('toast'),
};

const TABLE_PAGE = 300;
const STYLE_ID = 'chaff-playground-style';
const HIDDEN_STYLE_ID = 'chaff-playground-hidden';
const TAGS_ID = 'chaff-playground-tags';
const THEME_KEY = 'chaff-playground-theme';
const VIEWS = ['original', 'outlined', 'cleaned'];

const state = {
  gen: 0, // bumped per load; async work of an older load stops when it sees a newer one
  phase: 'empty', // empty | busy | ready
  doc: null,
  blocks: [],
  report: null,
  source: null,
  view: 'original',
  hidden: new Set(HIDDEN_BY_DEFAULT),
  filter: null,
  shown: TABLE_PAGE,
  selected: -1,
  samples: [],
  timings: null,
  version: null,
  lastError: null,
};

const nf = new Intl.NumberFormat('en');
const fmt = (n) => nf.format(Math.round(n));
const ms = (t) => (t < 10 ? t.toFixed(1) : fmt(t));

// --- classifier worker ---------------------------------------------------------

class ClassifyError extends Error {}

class Classifier {
  constructor() {
    this.worker = null;
    this.seq = 0;
    this.pending = new Map();
  }

  spawn() {
    const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'chaff' });
    worker.onmessage = (event) => {
      const reply = event.data;
      const p = this.pending.get(reply?.id);
      if (!p) return;
      this.pending.delete(reply.id);
      if (reply.ok) p.resolve(reply);
      else {
        // The instance may be poisoned (a panic aborts); start afresh next time.
        this.reset();
        const where = reply.stage === 'load' ? 'The classifier (chaff_bg.wasm) did not load' : 'The classifier rejected the page';
        p.reject(new ClassifyError(`${where}: ${reply.error}`));
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.reset(new ClassifyError(`The classifier worker failed: ${event.message || 'could not start it'}`));
    };
    this.worker = worker;
  }

  request(message, transfer = []) {
    if (this.worker === null) this.spawn();
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, type: message.type });
      this.worker.postMessage({ ...message, id }, transfer);
    });
  }

  /** Stops an analysis still running (a newer page supersedes it). */
  cancelAnalyses() {
    if ([...this.pending.values()].some((p) => p.type === 'analyze')) this.reset();
  }

  /** Stops the worker; what it was doing is rejected with `error`. */
  reset(error = new ClassifyError('cancelled')) {
    this.worker?.terminate();
    this.worker = null;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(error);
  }
}

const classifier = new Classifier();

// --- messages, progress, toast ---------------------------------------------------

function showError(error) {
  const title = error instanceof InputError ? error.title : 'Something went wrong';
  const detail = error instanceof InputError ? error.detail : error?.message ?? String(error);
  state.lastError = `${title}. ${detail}`;
  ui.messageTitle.textContent = title.endsWith('.') ? title : `${title}.`;
  ui.messageDetail.textContent = detail;
  ui.message.hidden = false;
  document.documentElement.dataset.error = 'true';
}

function hideMessage() {
  ui.message.hidden = true;
  delete document.documentElement.dataset.error;
}

function progress(label, fraction) {
  ui.progress.hidden = false;
  ui.progressLabel.textContent = label;
  const bar = ui.progressBar;
  if (fraction === null || fraction === undefined) {
    bar.classList.add('indeterminate');
    bar.style.width = '';
  } else {
    bar.classList.remove('indeterminate');
    bar.style.width = `${Math.max(2, Math.min(100, fraction * 100)).toFixed(1)}%`;
  }
}

function hideProgress() {
  ui.progress.hidden = true;
}

let toastTimer = 0;
function toast(text) {
  ui.toast.textContent = text;
  ui.toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (ui.toast.hidden = true), 2600);
}

function setPhase(phase) {
  state.phase = phase;
  document.documentElement.dataset.phase = phase;
  for (const b of ui.views.querySelectorAll('button')) b.disabled = phase !== 'ready';
}

// --- loading the frame ----------------------------------------------------------------

let frameWaiter = null;

/** Sets the frame's srcdoc; resolves true once it loaded, false if superseded. */
function loadFrame(srcdoc) {
  frameWaiter?.(false);
  return new Promise((resolve) => {
    const frame = ui.frame;
    const done = (ok) => {
      frame.removeEventListener('load', onLoad);
      if (frameWaiter === done) frameWaiter = null;
      resolve(ok);
    };
    const onLoad = () => done(true);
    frameWaiter = done;
    frame.addEventListener('load', onLoad);
    frame.srcdoc = srcdoc;
  });
}

function isFrameset(doc) {
  return doc.body?.localName === 'frameset' || doc.querySelector('frameset, frame') !== null;
}

/** Back to the start screen (after a page that cannot be shown). */
function resetToEmpty() {
  state.doc = null;
  state.blocks = [];
  state.report = null;
  state.source = null;
  state.timings = null;
  state.selected = -1;
  frameWaiter?.(false);
  ui.frame.removeAttribute('srcdoc');
  ui.frame.src = 'about:blank';
  ui.wrap.classList.add('is-empty');
  ui.empty.hidden = false;
  ui.docTitle.textContent = '';
  ui.docSource.textContent = '';
  ui.status.replaceChildren();
  setView('original', { quiet: true });
  renderResults();
  setPhase('empty');
}

// --- the pipeline ------------------------------------------------------------------------

/**
 * Renders, walks and classifies `html`. `source` = { kind: 'paste' | 'file' |
 * 'sample', name, what (for messages), id (samples) }. Resolves true when the
 * page was analysed, false when it was refused, failed or superseded.
 */
async function analyse(html, source) {
  const gen = ++state.gen;
  const current = () => gen === state.gen;
  hideMessage();
  try {
    checkHtml(html, source.what ?? 'The input');
  } catch (e) {
    showError(e);
    return false;
  }
  if (source.kind !== 'sample') history.replaceState(null, '', location.pathname + location.search);
  if (source.kind !== 'sample') ui.sampleSelect.value = '';
  classifier.cancelAnalyses(); // a page still being classified is no longer wanted
  setPhase('busy');
  hideTooltip();
  progress('Rendering the page…', null);
  const timings = { bytes: html.length };
  try {
    let t = performance.now();
    ui.wrap.classList.remove('is-empty');
    ui.empty.hidden = true;
    const loaded = await loadFrame(withFramePolicy(html));
    if (!loaded || !current()) return false;
    timings.render = performance.now() - t;

    const doc = ui.frame.contentDocument;
    if (!doc?.documentElement) throw new Error('the preview frame has no document');
    // The policy stays in force; the element goes so that the snapshot is the page's own.
    const metas = doc.querySelectorAll(`meta[${CSP_MARKER}]`);
    if (metas[0]?.parentNode !== doc.head) {
      // Only the playground's own policy (inherited: same origin only) applies then.
      console.warn('Chaff playground: the frame policy <meta> is not in <head>');
    }
    for (const meta of metas) meta.remove();
    if (isFrameset(doc)) {
      resetToEmpty();
      showError(
        new InputError(
          'This is a frameset page',
          'Its text lives in other documents (the frames), which the playground does not load. Open the frame’s own HTML instead (right-click inside the frame, “View Frame Source”).',
        ),
      );
      return false;
    }

    t = performance.now();
    const snap = await walk(doc.documentElement, {
      onProgress: (done, total) => progress(`Reading the DOM… ${fmt(done)} of ${fmt(total)} elements`, done / total),
      isCancelled: () => !current(),
    });
    timings.walk = performance.now() - t;
    timings.nodes = snap.nodes.length;
    timings.elements = snap.elements;

    progress(`Classifying ${fmt(snap.nodes.length)} nodes…`, null);
    t = performance.now();
    const reply = await classifier.request(
      { type: 'analyze', structure: snap.structure, strings: snap.strings },
      [snap.structure.buffer],
    );
    if (!current()) return false;
    timings.classify = performance.now() - t; // round trip, including the copy to the worker
    timings.core = reply.ms; // analyze_wire alone
    timings.init = reply.initMs;
    state.version = reply.version;
    if (reply.result.nodes !== snap.nodes.length) {
      throw new Error(`the core counted ${reply.result.nodes} nodes, the walker ${snap.nodes.length}`);
    }

    t = performance.now();
    apply(doc, snap.nodes, reply.result, source);
    timings.apply = performance.now() - t;
    timings.total = timings.render + timings.walk + timings.classify + timings.apply;
    state.timings = timings;
    renderStatus();
    setPhase('ready');
    return true;
  } catch (e) {
    if (!current() || e instanceof WalkAborted) return false;
    if (e instanceof ClassifyError && e.message === 'cancelled') return false;
    console.error(e);
    showError(new InputError('Chaff could not classify this page', e?.message ?? String(e)));
    state.blocks = [];
    state.report = null;
    renderResults();
    // The page itself stays visible in the Original view.
    setView('original', { quiet: true });
    setPhase('failed');
    return false;
  } finally {
    if (current()) hideProgress();
  }
}

/** Marks the blocks in the frame's document and fills the panels. */
function apply(doc, nodes, result, source) {
  state.doc = doc;
  state.report = result;
  state.source = source;
  state.selected = -1;
  state.filter = null;
  state.shown = TABLE_PAGE;

  state.blocks = result.blocks.map((b, i) => {
    const node = nodes[b.node];
    let el = node;
    if (node.nodeType === Node.TEXT_NODE) {
      // A text node cannot carry attributes: give it a wrapper (after the walk).
      el = doc.createElement('chaff-text');
      node.replaceWith(el);
      el.append(node);
    }
    el.setAttribute('data-chaff-label', b.label);
    el.setAttribute('data-chaff-block', String(i));
    return {
      index: i,
      node: b.node,
      label: b.label,
      confidence: b.confidence,
      reason: b.reason,
      el,
      tag: node.nodeType === Node.TEXT_NODE ? '#text' : node.localName,
      text: excerpt(node),
      inHead: doc.head?.contains(el) ?? false,
    };
  });

  installFrameStyle(doc);
  for (const b of state.blocks) b.targets = outlineTargets(b);
  installFrameEvents(doc);
  updateHiddenStyle();
  setView(state.view, { quiet: true });

  const title = result.title || doc.title || source.name || 'Untitled page';
  ui.docTitle.textContent = title;
  ui.docTitle.title = title;
  ui.docSource.textContent = source.kind === 'sample' ? `sample · ${source.id}` : source.kind === 'file' ? source.name : 'pasted';
  renderResults();
}

/**
 * What the views outline for a block: its element, or, when that has no box
 * of its own (a wrapper around a position: fixed banner, say), the nearest
 * descendants that do. Marked with data-chaff-proxy so the styles reach them.
 */
function outlineTargets(b) {
  if (b.inHead) return [b.el];
  const r = b.el.getBoundingClientRect();
  if (r.width > 0 && r.height > 0) return [b.el];
  const found = [];
  const visit = (e, depth) => {
    for (const c of e.children) {
      if (found.length >= 8) return;
      const cr = c.getBoundingClientRect();
      if (cr.width > 0 && cr.height > 0) found.push(c);
      else if (depth < 3) visit(c, depth + 1);
    }
  };
  visit(b.el, 0);
  for (const c of found) c.setAttribute('data-chaff-proxy', b.label);
  return found.length ? found : [b.el];
}

function excerpt(node) {
  let text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (!text && node.nodeType === Node.ELEMENT_NODE) {
    const img = node.localName === 'img' ? node : node.querySelector?.('img[alt]');
    const alt = img?.getAttribute('alt')?.trim();
    if (alt) text = `[image: ${alt}]`;
  }
  return text.length > 220 ? text.slice(0, 219) + '…' : text;
}

// --- the frame's document: styles, views, events -------------------------------------------

function frameCss() {
  const colors = LABELS.map((l) => `[data-chaff-label="${l}"],[data-chaff-proxy="${l}"]{--chaff-c:${kind(l).color}}`).join('\n');
  return `${colors}
chaff-text{display:inline}
:where(a[data-chaff-was-href],area[data-chaff-was-href]){color:LinkText;text-decoration:underline;cursor:pointer}
img:not([src^="data:"]):not([src^="blob:"]){content:url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='40' height='30' viewBox='0 0 40 30'%3E%3Crect x='9' y='6' width='22' height='18' rx='3' fill='none' stroke='%23a3abb6' stroke-width='1.8'/%3E%3Ccircle cx='16' cy='12' r='2.2' fill='%23a3abb6'/%3E%3Cpath d='M10 22l6.5-6 4.5 4 3.5-3 5.5 5' fill='none' stroke='%23a3abb6' stroke-width='1.8' stroke-linejoin='round'/%3E%3C/svg%3E");object-fit:scale-down;background-color:#eef0f3}
html[data-chaff-view="outlined"] :is([data-chaff-label],[data-chaff-proxy]){outline:2px solid var(--chaff-c)!important;outline-offset:-2px!important}
html[data-chaff-view="outlined"] :is([data-chaff-label="other"],[data-chaff-proxy="other"]){outline-style:dashed!important;outline-width:1.5px!important}
html[data-chaff-view="outlined"] [data-chaff-hover]{outline-width:3px!important;box-shadow:inset 0 0 0 100vmax color-mix(in srgb,var(--chaff-c) 12%,transparent)!important;cursor:help!important}
[data-chaff-flash]{animation:chaff-flash 1.6s ease-out 1!important}
@keyframes chaff-flash{0%,35%{box-shadow:0 0 0 4px var(--chaff-c),inset 0 0 0 100vmax color-mix(in srgb,var(--chaff-c) 28%,transparent)}100%{box-shadow:0 0 0 4px transparent,inset 0 0 0 100vmax transparent}}
chaff-tags{all:initial!important;position:absolute!important;left:0!important;top:0!important;width:0!important;height:0!important;z-index:2147483646!important;pointer-events:none!important;display:none!important}
html[data-chaff-view="outlined"] chaff-tags{display:block!important}
chaff-tag{all:initial;position:absolute;transform:translateY(-100%);padding:1px 6px 2px;border-radius:4px 4px 4px 0;background:var(--chaff-c);color:#fff;font:600 11px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans","DejaVu Sans",sans-serif;white-space:nowrap;box-shadow:0 1px 2px rgba(0,0,0,.25);pointer-events:none}
`;
}

function installFrameStyle(doc) {
  doc.getElementById(STYLE_ID)?.remove();
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = frameCss();
  (doc.head ?? doc.documentElement).append(style);
}

function updateHiddenStyle() {
  const doc = state.doc;
  if (!doc) return;
  let style = doc.getElementById(HIDDEN_STYLE_ID);
  if (!style) {
    style = doc.createElement('style');
    style.id = HIDDEN_STYLE_ID;
    (doc.head ?? doc.documentElement).append(style);
  }
  style.textContent = [...state.hidden]
    .map((l) => `html[data-chaff-view="cleaned"] [data-chaff-label="${l}"]{display:none!important}`)
    .join('\n');
}

function setView(view, { quiet = false } = {}) {
  if (!VIEWS.includes(view)) return;
  state.view = view;
  for (const b of ui.views.querySelectorAll('button')) b.setAttribute('aria-selected', String(b.dataset.view === view));
  document.documentElement.dataset.view = view;
  const doc = state.doc;
  if (doc?.documentElement) {
    doc.documentElement.setAttribute('data-chaff-view', view);
    layoutTags();
  }
  hideTooltip();
  if (!quiet) ui.frame.focus?.({ preventScroll: true });
}

/**
 * Small name tags over the chrome blocks in the Outlined view. They live in
 * the frame's document (so they scroll with it), positioned from the blocks'
 * boxes; only blocks near the viewport get one, and the tags are laid out
 * again after scrolling or resizing.
 */
function layoutTags() {
  const doc = state.doc;
  if (!doc?.documentElement || doc !== ui.frame.contentDocument) return;
  doc.querySelector('chaff-tags')?.remove();
  const win = doc.defaultView;
  if (state.view !== 'outlined' || !win) return;
  const layer = doc.createElement('chaff-tags');
  layer.id = TAGS_ID;
  const sx = win.scrollX;
  const sy = win.scrollY;
  const vh = win.innerHeight;
  const placed = [];
  for (const b of state.blocks) {
    if (b.label === 'content' || b.label === 'other' || b.inHead) continue;
    const r = b.targets[0].getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.bottom < -vh || r.top > 2 * vh) continue;
    let x = Math.max(0, r.left + sx);
    let y = Math.max(16, r.top + sy);
    // Keep tags of neighbouring blocks from covering each other.
    for (const p of placed) {
      if (Math.abs(p.y - y) < 20 && x < p.x + p.w && p.x < x + 110) x = p.x + p.w + 4;
    }
    const tag = doc.createElement('chaff-tag');
    tag.textContent = kind(b.label).name;
    tag.style.setProperty('--chaff-c', kind(b.label).color);
    tag.style.left = `${x}px`;
    tag.style.top = `${y}px`;
    layer.append(tag);
    placed.push({ x, y, w: 8 + 7 * tag.textContent.length });
    if (placed.length > 400) break;
  }
  doc.documentElement.append(layer);
}

let tagTimer = 0;
function scheduleTags() {
  clearTimeout(tagTimer);
  tagTimer = setTimeout(layoutTags, 90);
}

function blockOf(target) {
  const el = target?.nodeType === Node.ELEMENT_NODE ? target : target?.parentElement;
  const hit = el?.closest?.('[data-chaff-block]');
  return hit ? state.blocks[Number(hit.getAttribute('data-chaff-block'))] ?? null : null;
}

let hovered = null;

function installFrameEvents(doc) {
  const win = doc.defaultView;
  // Links and forms in the preview lead nowhere: navigating would leave the
  // sandbox's copy (and fetch). A click on a block selects it in the table.
  doc.addEventListener(
    'click',
    (event) => {
      const link = event.target?.closest?.('a, area, button, input[type="submit"], input[type="image"]');
      if (link) event.preventDefault();
      const b = blockOf(event.target);
      if (b && state.view !== 'original') {
        event.preventDefault();
        selectRow(b.index, { scroll: true });
      }
    },
    true,
  );
  doc.addEventListener('submit', (event) => event.preventDefault(), true);
  doc.addEventListener('auxclick', (event) => event.preventDefault(), true);
  doc.addEventListener('mouseover', (event) => {
    if (state.view !== 'outlined') return;
    const b = blockOf(event.target);
    if (b === hovered) return;
    for (const t of hovered?.targets ?? []) t.removeAttribute('data-chaff-hover');
    hovered = b;
    if (b) {
      for (const t of b.targets) t.setAttribute('data-chaff-hover', '');
      showTooltip(b);
    } else hideTooltip();
  });
  doc.addEventListener('mousemove', (event) => {
    if (hovered) positionTooltip(event.clientX, event.clientY);
  });
  doc.documentElement.addEventListener('mouseleave', hideTooltip);
  win.addEventListener('scroll', () => {
    hideTooltip();
    scheduleTags();
  }, { passive: true });
  win.addEventListener('resize', scheduleTags);
  // Drops and pastes over the preview land in its document, not ours.
  installDropTarget(doc);
  doc.addEventListener('paste', onGlobalPaste);
}

function showTooltip(b) {
  const k = kind(b.label);
  const pct = Math.round(b.confidence * 100);
  const tip = ui.tooltip;
  tip.replaceChildren();
  const head = el('div', 'tip-head', [chip(b.label), el('span', 'tip-conf', `${pct}%`)]);
  const bar = el('div', 'conf-bar', [el('span')]);
  bar.firstChild.style.width = `${pct}%`;
  bar.firstChild.style.background = k.color;
  tip.append(head, bar, el('div', 'tip-reason', b.reason), el('div', 'tip-node', `<${b.tag}> · node ${b.node}`));
  tip.hidden = false;
}

function positionTooltip(cx, cy) {
  const tip = ui.tooltip;
  const w = ui.wrap.clientWidth;
  const h = ui.wrap.clientHeight;
  let x = cx + 16;
  let y = cy + 18;
  if (x + tip.offsetWidth > w - 8) x = Math.max(8, cx - tip.offsetWidth - 12);
  if (y + tip.offsetHeight > h - 8) y = Math.max(8, cy - tip.offsetHeight - 12);
  tip.style.left = `${x}px`;
  tip.style.top = `${y}px`;
}

function hideTooltip() {
  for (const t of hovered?.targets ?? []) t.removeAttribute('data-chaff-hover');
  hovered = null;
  ui.tooltip.hidden = true;
}

function flash(elem) {
  elem.removeAttribute('data-chaff-flash');
  void elem.offsetWidth; // restart the animation
  elem.setAttribute('data-chaff-flash', '');
  setTimeout(() => elem.removeAttribute('data-chaff-flash'), 1700);
}

/** Scrolls the preview to block `i` and flashes it. */
function reveal(i) {
  const b = state.blocks[i];
  if (!b || state.phase !== 'ready') return; // while a new page loads, the rows are the old page's
  if (state.view === 'cleaned' && state.hidden.has(b.label)) {
    setView('outlined', { quiet: true });
    toast(`${kind(b.label).name} blocks are hidden in Cleaned: switched to Outlined`);
  }
  if (b.inHead) {
    toast('That block is in the page’s <head>: nothing on screen to show');
    return;
  }
  const target = b.targets[0];
  if (!target.isConnected || target.getClientRects().length === 0) {
    toast('The page itself does not display that block (display: none)');
    return;
  }
  target.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'smooth' });
  for (const t of b.targets) flash(t);
}

// --- panels ------------------------------------------------------------------------------------

function el(tag, className, children) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (children !== undefined) {
    if (Array.isArray(children)) e.append(...children);
    else e.textContent = children;
  }
  return e;
}

function chip(label) {
  const c = el('span', 'chip', kind(label).name);
  c.style.setProperty('--c', kind(label).color);
  c.dataset.label = label;
  return c;
}

function counts() {
  const out = {};
  for (const b of state.blocks) out[b.label] = (out[b.label] ?? 0) + 1;
  return out;
}

function renderResults() {
  renderLegend();
  renderTable();
  renderArticle();
}

function renderLegend() {
  const c = counts();
  const items = LABELS.map((label) => {
    const k = kind(label);
    const n = c[label] ?? 0;
    const li = el('li');
    li.dataset.label = label;
    li.dataset.count = String(n);
    li.title = `${k.name}: ${k.about}`;
    if (n === 0) li.classList.add('zero');
    if (state.filter === label) li.classList.add('active');
    const sw = el('span', 'swatch');
    sw.style.setProperty('--c', k.color);
    const btn = el('button', 'legend-kind', [sw, el('span', 'legend-name', k.name), el('span', 'legend-count', String(n))]);
    btn.type = 'button';
    btn.disabled = n === 0;
    btn.setAttribute('aria-pressed', String(state.filter === label));
    btn.setAttribute('aria-label', `${k.name}: ${n} block${n === 1 ? '' : 's'}. Show only these in the table`);
    btn.addEventListener('click', () => setFilter(state.filter === label ? null : label));
    li.append(btn);
    if (CHROME_LABELS.includes(label)) {
      const box = el('input');
      box.type = 'checkbox';
      box.checked = state.hidden.has(label);
      box.setAttribute('aria-label', `Hide ${k.name} in the Cleaned view`);
      box.addEventListener('change', () => {
        if (box.checked) state.hidden.add(label);
        else state.hidden.delete(label);
        updateHiddenStyle();
        toast(`${k.name} ${box.checked ? 'hidden in' : 'shown in'} the Cleaned view`);
      });
      const tog = el('label', 'hide-toggle', [box]);
      tog.title = `Hide ${k.name} in the Cleaned view`;
      tog.insertAdjacentHTML(
        'beforeend',
        '<svg class="i-shown" viewBox="0 0 20 20" aria-hidden="true"><path d="M10 4C5.5 4 2.3 7.6 1 10c1.3 2.4 4.5 6 9 6s7.7-3.6 9-6c-1.3-2.4-4.5-6-9-6zm0 9.5A3.5 3.5 0 1 1 10 6.5a3.5 3.5 0 0 1 0 7zm0-5.3a1.8 1.8 0 1 0 0 3.6 1.8 1.8 0 0 0 0-3.6z"/></svg>' +
          '<svg class="i-hidden" viewBox="0 0 20 20" aria-hidden="true"><path d="M3.3 2.3 2.2 3.4l2.6 2.6C3 7.2 1.7 8.8 1 10c1.3 2.4 4.5 6 9 6 1.6 0 3-.4 4.2-1.1l2.5 2.5 1.1-1.1zM10 13.5A3.5 3.5 0 0 1 6.6 9l1.4 1.4A1.8 1.8 0 0 0 9.6 12l1.4 1.4c-.3.1-.7.1-1 .1zM10 4c-1.3 0-2.5.3-3.6.8l1.9 1.9A3.5 3.5 0 0 1 13.3 11l2.6 2.6c1.4-1.1 2.5-2.5 3.1-3.6-1.3-2.4-4.5-6-9-6z"/></svg>',
      );
      li.append(tog);
    } else {
      li.append(el('span', 'hide-spacer'));
    }
    return li;
  });
  ui.legend.replaceChildren(...items);
}

function setFilter(label) {
  state.filter = label;
  state.shown = TABLE_PAGE;
  renderLegend();
  renderTable();
  selectTab('blocks');
}

function renderTable() {
  const rows = state.filter ? state.blocks.filter((b) => b.label === state.filter) : state.blocks;
  ui.blocksCount.textContent = state.blocks.length ? fmt(state.blocks.length) : '';
  ui.filterBar.hidden = state.filter === null;
  if (state.filter) ui.filterChip.replaceChildren(chip(state.filter));
  ui.tableEmpty.hidden = rows.length > 0;
  ui.tableEmpty.textContent = state.phase === 'empty' && !state.blocks.length ? 'No page yet.' : 'No blocks.';
  const frag = document.createDocumentFragment();
  for (const b of rows.slice(0, state.shown)) frag.append(row(b));
  ui.blocksBody.replaceChildren(frag);
  const more = rows.length - state.shown;
  ui.showMore.hidden = more <= 0;
  if (more > 0) ui.showMore.textContent = `Show ${fmt(Math.min(more, TABLE_PAGE * 3))} more of ${fmt(more)}`;
}

function row(b) {
  const tr = el('tr');
  tr.dataset.block = String(b.index);
  tr.dataset.label = b.label;
  tr.tabIndex = 0;
  if (b.index === state.selected) tr.classList.add('selected');
  const text = b.text ? el('span', null, b.text) : el('span', 'block-empty', 'no text');
  tr.append(
    el('td', 'num', String(b.node)),
    el('td', null, [chip(b.label)]),
    el('td', 'num', `${Math.round(b.confidence * 100)}%`),
    el('td', null, [
      el('div', 'block-text', [el('span', 'block-tag', `<${b.tag}>`), text]),
      el('div', 'block-reason', b.reason),
    ]),
  );
  return tr;
}

function selectRow(i, { scroll = false, reveal: doReveal = false } = {}) {
  state.selected = i;
  for (const tr of ui.blocksBody.querySelectorAll('tr.selected')) tr.classList.remove('selected');
  let tr = ui.blocksBody.querySelector(`tr[data-block="${i}"]`);
  if (!tr && scroll) {
    // Filtered out or not rendered yet: show everything up to it.
    state.filter = null;
    state.shown = Math.max(state.shown, i + 1);
    renderLegend();
    renderTable();
    tr = ui.blocksBody.querySelector(`tr[data-block="${i}"]`);
  }
  tr?.classList.add('selected');
  if (scroll && tr) {
    selectTab('blocks');
    tr.scrollIntoView({ block: 'nearest' });
  }
  if (doReveal) reveal(i);
}

function renderArticle() {
  const r = state.report;
  ui.articleTitle.textContent = r?.title ?? '';
  ui.articleByline.textContent = r?.byline ?? '';
  // One paragraph per line, as the core writes them (copy and download keep the text).
  ui.articleText.replaceChildren(
    ...(r?.articleBody ?? '').split('\n').filter((line) => line.trim()).map((line) => el('p', null, line)),
  );
  ui.articleMarkdown.textContent = markdownOf(r);
  const words = (s) => (s ? s.split(/\s+/).filter(Boolean).length : 0);
  ui.textMeta.textContent = r ? `${fmt(words(r.articleBody))} words` : '';
  ui.mdMeta.textContent = r ? `${fmt(markdownOf(r).length)} characters` : '';
  for (const b of document.querySelectorAll('[data-copy], [data-download]')) b.disabled = !r;
}

function renderStatus() {
  const t = state.timings;
  if (!t) return ui.status.replaceChildren();
  const stat = (value, label, title) => {
    const s = el('span', 'stat');
    s.append(el('b', null, value), ` ${label}`);
    if (title) s.title = title;
    return s;
  };
  ui.status.replaceChildren(
    stat(fmt(t.nodes), 'nodes', `${fmt(t.elements)} elements, ${formatBytes(t.bytes)} of HTML`),
    stat(fmt(state.blocks.length), 'blocks'),
    stat(`${ms(t.walk)} ms`, 'walk', 'Walking the preview’s DOM with the extension’s snapshot.js'),
    stat(
      `${ms(t.classify)} ms`,
      'classify',
      `analyze_wire: ${ms(t.core)} ms in the worker; round trip ${ms(t.classify)} ms. Rendering the page took ${ms(t.render)} ms.${state.version ? ` Chaff ${state.version}.` : ''}`,
    ),
  );
}

function selectTab(name) {
  for (const tab of document.querySelectorAll('.tab')) tab.setAttribute('aria-selected', String(tab.dataset.tab === name));
  for (const panel of ['blocks', 'text', 'markdown']) $(`tab-${panel}`).hidden = panel !== name;
}

// --- copy and download ------------------------------------------------------------------------

/** The Markdown as `chaff extract --format markdown` prints it: "# title", then the body. */
function markdownOf(r) {
  if (!r) return '';
  return r.title ? `# ${r.title}\n\n${r.markdown}` : r.markdown;
}

function articleAs(format) {
  const r = state.report;
  if (!r) return '';
  if (format === 'markdown') return markdownOf(r);
  return [r.title, r.byline, '', r.articleBody].filter((s, i) => s || i === 2).join('\n').trim() + '\n';
}

async function copy(format) {
  const text = articleAs(format);
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const ta = el('textarea');
    ta.value = text;
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.append(ta);
    ta.select();
    const ok = document.execCommand('copy');
    ta.remove();
    if (!ok) return toast('Copying was blocked by the browser');
  }
  toast(format === 'markdown' ? 'Markdown copied' : 'Article text copied');
}

function slug(s) {
  const base = (s || 'article')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^(.{1,60})-.*$/, '$1'); // at most 60 characters, whole words
  return base || 'article';
}

function download(format) {
  const text = articleAs(format);
  const type = format === 'markdown' ? 'text/markdown;charset=utf-8' : 'text/plain;charset=utf-8';
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a');
  a.href = url;
  a.download = `${slug(state.report?.title)}.${format === 'markdown' ? 'md' : 'txt'}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// --- sources: samples, files, drops, pastes ---------------------------------------------------------

async function loadSamples() {
  try {
    const res = await fetch('samples/index.json');
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    state.samples = await res.json();
  } catch (e) {
    state.samples = [];
    console.warn('no samples:', e);
  }
  for (const s of state.samples) {
    const opt = el('option', null, s.site ? `${s.site}: ${s.title}` : s.title);
    opt.value = s.id;
    ui.sampleSelect.append(opt);
    const card = el('button', 'sample-card', [
      el('span', 'sample-site', s.site || s.id),
      el('span', 'sample-title', s.title),
      el('span', 'sample-note', s.note),
    ]);
    card.type = 'button';
    card.dataset.sample = s.id;
    card.title = s.note;
    card.addEventListener('click', () => loadSample(s.id));
    ui.sampleGrid.append(card);
  }
}

async function loadSample(id) {
  const s = state.samples.find((x) => x.id === id);
  if (!s) {
    showError(new InputError('No such sample', `“${id}” is not one of the bundled samples.`));
    return false;
  }
  ui.sampleSelect.value = id;
  history.replaceState(null, '', `#sample=${encodeURIComponent(id)}`);
  let text;
  try {
    const res = await fetch(s.file);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    text = decodeHtml(await res.arrayBuffer(), `The sample “${id}”`).text;
  } catch (e) {
    showError(e instanceof InputError ? e : new InputError('Could not load the sample', e.message));
    return false;
  }
  return analyse(text, { kind: 'sample', id, name: s.title, what: `The sample “${id}”` });
}

async function openFile(file) {
  const what = `“${file.name || 'the file'}”`;
  hideMessage();
  if (file.size > MAX_INPUT) {
    showError(tooLarge(file.size, what));
    return false;
  }
  let buffer;
  try {
    buffer = await file.arrayBuffer();
  } catch {
    showError(new InputError(`Could not read ${what}`, 'It may be a folder, or it was moved or is not readable. Drop a single saved .html file.'));
    return false;
  }
  let text;
  try {
    text = decodeHtml(buffer, what).text;
  } catch (e) {
    showError(e);
    return false;
  }
  return analyse(text, { kind: 'file', name: file.name, what });
}

let dragDepth = 0;
function installDropTarget(target) {
  const hasFiles = (e) => [...(e.dataTransfer?.types ?? [])].some((t) => t === 'Files' || t === 'text/html' || t === 'text/plain');
  target.addEventListener('dragenter', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    dragDepth++;
    ui.dropOverlay.hidden = false;
  });
  target.addEventListener('dragover', (e) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    ui.dropOverlay.hidden = false;
  });
  target.addEventListener('dragleave', () => {
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) ui.dropOverlay.hidden = true;
  });
  target.addEventListener('drop', (e) => {
    e.preventDefault();
    dragDepth = 0;
    ui.dropOverlay.hidden = true;
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length > 0) {
      const html = files.find((f) => /\.(x?html?|shtml)$/i.test(f.name) || f.type === 'text/html');
      openFile(html ?? files[0]);
      return;
    }
    const text = e.dataTransfer?.getData('text/html') || e.dataTransfer?.getData('text/plain') || '';
    if (text) fromText(text, 'The dropped text');
  });
}

function fromText(text, what) {
  if (text.length > MAX_INPUT) {
    showError(tooLarge(text.length, what));
    return false;
  }
  return analyse(text, { kind: 'paste', name: 'Pasted HTML', what });
}

function onGlobalPaste(event) {
  if (ui.pasteDialog.open) return;
  const t = event.target;
  if (t instanceof HTMLElement && (t.isContentEditable || /^(input|textarea|select)$/i.test(t.localName)) && t.ownerDocument === document) return;
  // Source copied from an editor or view-source: is text/plain with tags in
  // it; a selection copied from a rendered page is better as its text/html.
  const plain = event.clipboardData?.getData('text/plain') ?? '';
  const html = event.clipboardData?.getData('text/html') ?? '';
  const text = /<(?:!doctype|[a-z][a-z0-9-]*)[\s/>]/i.test(plain.slice(0, 65536)) ? plain : html || plain;
  if (!text) return;
  event.preventDefault();
  fromText(text, 'The pasted text');
}

// --- paste dialog ---------------------------------------------------------------------------

function pasteError(message) {
  ui.pasteError.textContent = message ?? '';
  ui.pasteError.hidden = !message;
}

function updatePasteSize() {
  const n = ui.pasteInput.value.length;
  ui.pasteSize.textContent = n ? `${formatBytes(n)}` : '';
  const over = n > MAX_INPUT;
  ui.pasteGo.disabled = n === 0 || over;
  if (over) pasteError(tooLarge(n, 'That HTML').message);
  else if (ui.pasteError.dataset.kind !== 'paste') pasteError(null);
}

function openPasteDialog() {
  pasteError(null);
  delete ui.pasteError.dataset.kind;
  updatePasteSize();
  if (!ui.pasteDialog.open) ui.pasteDialog.showModal();
  ui.pasteInput.focus();
}

function setupPasteDialog() {
  $('paste-limit').textContent = formatBytes(MAX_INPUT);
  $('btn-paste').addEventListener('click', openPasteDialog);
  $('paste-cancel').addEventListener('click', () => ui.pasteDialog.close());
  $('paste-clear').addEventListener('click', () => {
    ui.pasteInput.value = '';
    delete ui.pasteError.dataset.kind;
    pasteError(null);
    updatePasteSize();
    ui.pasteInput.focus();
  });
  ui.pasteInput.addEventListener('input', () => {
    delete ui.pasteError.dataset.kind;
    updatePasteSize();
  });
  // Refuse an oversized paste before the textarea takes it: a 20 MB value
  // makes the textarea itself sluggish.
  ui.pasteInput.addEventListener('paste', (event) => {
    const text = event.clipboardData?.getData('text/plain') ?? '';
    const after = ui.pasteInput.value.length - (ui.pasteInput.selectionEnd - ui.pasteInput.selectionStart) + text.length;
    if (after > MAX_INPUT) {
      event.preventDefault();
      const err = tooLarge(text.length, 'That paste');
      ui.pasteError.dataset.kind = 'paste';
      pasteError(err.message);
      showError(err);
    }
  });
  $('paste-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = ui.pasteInput.value;
    try {
      checkHtml(text, 'The pasted text');
    } catch (e) {
      ui.pasteError.dataset.kind = 'paste';
      pasteError(e.message);
      return;
    }
    ui.pasteDialog.close();
    analyse(text, { kind: 'paste', name: 'Pasted HTML', what: 'The pasted text' });
  });
}

// --- theme -------------------------------------------------------------------------------

function setupTheme() {
  const media = matchMedia('(prefers-color-scheme: dark)');
  let saved = null;
  try {
    saved = localStorage.getItem(THEME_KEY);
  } catch {
    /* storage may be off */
  }
  const apply = (theme) => (document.documentElement.dataset.theme = theme);
  apply(saved === 'dark' || saved === 'light' ? saved : media.matches ? 'dark' : 'light');
  media.addEventListener('change', () => {
    if (!saved) apply(media.matches ? 'dark' : 'light');
  });
  $('theme-toggle').addEventListener('click', () => {
    saved = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    apply(saved);
    try {
      localStorage.setItem(THEME_KEY, saved);
    } catch {
      /* fine */
    }
  });
}

// --- wiring ------------------------------------------------------------------------------

function setup() {
  setupTheme();
  setupPasteDialog();
  setPhase('empty');
  renderResults();

  ui.views.addEventListener('click', (e) => {
    const b = e.target.closest('button[data-view]');
    if (b && !b.disabled) setView(b.dataset.view);
  });
  for (const tab of document.querySelectorAll('.tab')) tab.addEventListener('click', () => selectTab(tab.dataset.tab));
  $('message-close').addEventListener('click', hideMessage);
  $('btn-open').addEventListener('click', () => ui.fileInput.click());
  ui.fileInput.addEventListener('change', () => {
    const file = ui.fileInput.files?.[0];
    ui.fileInput.value = '';
    if (file) openFile(file);
  });
  ui.sampleSelect.addEventListener('change', () => {
    if (ui.sampleSelect.value) loadSample(ui.sampleSelect.value);
  });
  for (const b of document.querySelectorAll('[data-action]')) {
    b.addEventListener('click', () => (b.dataset.action === 'paste' ? openPasteDialog() : ui.fileInput.click()));
  }
  ui.blocksBody.addEventListener('click', (e) => {
    const tr = e.target.closest('tr[data-block]');
    if (tr) selectRow(Number(tr.dataset.block), { reveal: true });
  });
  ui.blocksBody.addEventListener('keydown', (e) => {
    const tr = e.target.closest('tr[data-block]');
    if (!tr) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      selectRow(Number(tr.dataset.block), { reveal: true });
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      (e.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling)?.focus();
    }
  });
  ui.showMore.addEventListener('click', () => {
    state.shown += TABLE_PAGE * 3;
    renderTable();
  });
  $('filter-clear').addEventListener('click', () => setFilter(null));
  for (const b of document.querySelectorAll('[data-copy]')) b.addEventListener('click', () => copy(b.dataset.copy));
  for (const b of document.querySelectorAll('[data-download]')) b.addEventListener('click', () => download(b.dataset.download));

  installDropTarget(window);
  document.addEventListener('paste', onGlobalPaste);
  document.addEventListener('keydown', (e) => {
    if (e.target instanceof HTMLElement && /^(input|textarea|select)$/i.test(e.target.localName)) return;
    if (e.ctrlKey || e.metaKey || e.altKey || state.phase !== 'ready') return;
    const i = ['1', '2', '3'].indexOf(e.key);
    if (i >= 0) setView(VIEWS[i]);
  });
  window.addEventListener('resize', scheduleTags);

  // Load the classifier while the user picks a page.
  classifier
    .request({ type: 'warmup' })
    .then((r) => (state.version = r.version))
    .catch((e) => {
      if (e.message !== 'cancelled') showError(new InputError('The classifier did not load', e.message));
    });

  loadSamples().then(() => {
    const m = /^#sample=([\w.-]+)$/.exec(location.hash);
    if (m) loadSample(decodeURIComponent(m[1]));
  });
}

// A small handle for tests and for poking at results from the console.
window.chaffPlayground = {
  analyse: (html, name = 'Pasted HTML') => analyse(html, { kind: 'paste', name, what: 'The input' }),
  loadSample,
  openFile,
  setView,
  reveal: (i) => selectRow(i, { scroll: true, reveal: true }),
  get phase() {
    return state.phase;
  },
  get counts() {
    return counts();
  },
  get timings() {
    return state.timings;
  },
  get blocks() {
    return state.blocks.map(({ el: _el, targets: _t, ...b }) => b);
  },
  get report() {
    return state.report;
  },
  get lastError() {
    return state.lastError;
  },
  get version() {
    return state.version;
  },
};

setup();
