// Learned selectors: what the core hid on a site, remembered as structural
// CSS selectors so that a return visit hides it before the first paint.
//
// After each full pass the content script confirms what it remembered: a
// selector that matches an element the core did not hide is dropped at once,
// one that matches nothing on this page is kept for MAX_MISSES visits, and
// each hidden block that no selector covers gets one. Which kinds are hidden
// stays the core's and the user's choice: each selector carries the label
// it was learned for, and only those of kinds hidden now are applied.
//
// Storage (storage.local, on the device):
//   "learned:<host>"  { t: ms, rules: [{ s: selector, l: label, m: misses }] }
//   "learnedSites"    { <host>: ms }   recency, for evicting the oldest sites
// Bounded: MAX_SITES sites, MAX_RULES selectors and MAX_CHARS characters each.

import { MAX_SELECTOR, isSelectorShape } from './selector-shape.js';

export const LEARNED_PREFIX = 'learned:';
export const LEARNED_INDEX = 'learnedSites';
const MAX_SITES = 500;
const MAX_RULES = 40;
const MAX_CHARS = 4096;
const MAX_MISSES = 5;
const MAX_DEPTH = 12; // steps in a structural path
const BUDGET_MS = 150; // main-thread time one visit may spend confirming and learning
const TOUCH_MS = 6 * 3600 * 1000; // refresh a site's recency at most this often

export const learnedKey = (host) => LEARNED_PREFIX + host;

/** The stored rules for a site, checked (storage is ours, but may be old). */
export function readLearned(value) {
  const rules = [];
  if (value === null || typeof value !== 'object' || !Array.isArray(value.rules)) return { t: 0, rules };
  for (const r of value.rules) {
    if (r === null || typeof r !== 'object') continue;
    if (!isSelectorShape(r.s)) continue;
    if (typeof r.l !== 'string') continue;
    rules.push({ s: r.s, l: r.l, m: Number.isInteger(r.m) && r.m >= 0 ? r.m : 0 });
  }
  return { t: Number(value.t) || 0, rules: rules.slice(0, MAX_RULES) };
}

// ------------------------------------------------------------ selectors ---

// Names that a build tool generated (hashes, per-page counters) change from
// page to page or from one deploy to the next: never part of a selector.
const GENERATED_PREFIX = /^(?:css|sc|jsx|svelte|emotion|styled|tw|astro|chakra|mui|makeStyles|ember)-/i;

export function isStableName(name) {
  if (name.length < 2 || name.length > 40 || GENERATED_PREFIX.test(name)) return false;
  if (!/^[A-Za-z][\w-]*$/.test(name)) return false;
  for (const part of name.split(/[-_]+/)) {
    if (/\d{3,}/.test(part)) return false; // counters and ids: post-12345, ad-slot-300
    if (part.length >= 5 && /\d/.test(part) && /[A-Za-z]/.test(part)) return false; // x81qv2, a8f2k
    const upper = (part.match(/[A-Z]/g) ?? []).length;
    if (part.length >= 5 && upper >= 2 && /[a-z]/.test(part) && !/^[A-Z]?[a-z]+(?:[A-Z][a-z]+)+$/.test(part)) return false; // bdfBwQ
  }
  if (/__[A-Za-z0-9]{5,}$/.test(name) && /\d/.test(name.split('__').pop())) return false; // CSS modules: Title__a8f2k
  return true;
}

// Attributes that sites set for their own tests and components: stable.
const STABLE_ATTRIBUTES = ['data-testid', 'data-test-id', 'data-test', 'data-qa', 'data-component', 'data-module', 'aria-label'];

function unique(doc, selector, el) {
  try {
    const found = doc.querySelectorAll(selector);
    return found.length === 1 && found[0] === el;
  } catch {
    return false;
  }
}

const tagOf = (el) => el.localName.toLowerCase();

function stableClasses(el) {
  return [...el.classList].filter(isStableName).slice(0, 3).map((c) => '.' + CSS.escape(c));
}

/** One element's own selector, if a stable one is unique in the page. */
function ownSelector(doc, el) {
  const tag = tagOf(el);
  if (el.id && isStableName(el.id)) {
    const s = '#' + CSS.escape(el.id);
    if (unique(doc, s, el)) return s;
  }
  for (const a of STABLE_ATTRIBUTES) {
    const v = el.getAttribute(a);
    if (v === null || v.length === 0 || v.length > 80 || /\d{3,}/.test(v)) continue;
    const s = `${tag}[${a}="${CSS.escape(v)}"]`;
    if (unique(doc, s, el)) return s;
  }
  const classes = stableClasses(el);
  if (classes.length > 0) {
    const s = tag + classes.join('');
    if (unique(doc, s, el)) return s;
  }
  return null;
}

function step(el) {
  let n = 1;
  for (let s = el.previousElementSibling; s !== null; s = s.previousElementSibling) {
    if (s.localName === el.localName) n++;
  }
  return `${tagOf(el)}${stableClasses(el).join('')}:nth-of-type(${n})`;
}

/**
 * A selector that matches `el` and nothing else in the page: its own id or
 * stable attribute or classes if they are unique, otherwise the path of
 * child steps (tag, stable classes, position among its kind) from the
 * nearest ancestor that has one, or from <body>. Null if none is found.
 */
export function selectorFor(doc, el) {
  if (el.nodeType !== 1 || el === doc.body || el === doc.documentElement) return null;
  const own = ownSelector(doc, el);
  if (own !== null) return own;
  const steps = [step(el)];
  for (let p = el.parentElement; p !== null && steps.length <= MAX_DEPTH; p = p.parentElement) {
    const anchor = p === doc.body ? 'body' : p === doc.documentElement ? null : ownSelector(doc, p);
    if (anchor !== null) {
      const s = `${anchor} > ${steps.join(' > ')}`;
      return s.length <= MAX_SELECTOR && unique(doc, s, el) ? s : null;
    }
    steps.unshift(step(p));
  }
  return null;
}

// -------------------------------------------------------------- confirm ---

/**
 * The rules after a full pass: `marked` is Map<Element, label> of what the
 * core hid on this page. Resolves to the new rules (confirmed and new
 * first). Every selector query walks the page, so the work is cut into
 * slices of `sliceMs` with `await pause()` in between, and stops after
 * BUDGET_MS of work in all: on a huge page, what is not confirmed now is
 * kept as it was, and what is not learned now is learned on a later visit.
 */
export async function confirmRules(doc, rules, marked, { pause, sliceMs = 8 } = {}) {
  let spent = 0;
  let start = performance.now();
  const tired = async () => {
    const now = performance.now();
    if (now - start < sliceMs) return false;
    spent += now - start;
    if (spent >= BUDGET_MS) return true;
    await pause();
    start = performance.now();
    return false;
  };
  const isHidden = (el) => {
    for (let e = el; e !== null; e = e.parentElement) if (marked.has(e)) return marked.get(e);
    return null;
  };
  const kept = [];
  const covered = new Set();
  let stopped = false;
  for (const [i, r] of rules.entries()) {
    if (await tired()) {
      kept.push(...rules.slice(i)); // unconfirmed, kept as they were
      stopped = true;
      break;
    }
    let found;
    try {
      found = doc.querySelectorAll(r.s);
    } catch {
      continue; // no longer a valid selector
    }
    if (found.length === 0) {
      if (r.m + 1 < MAX_MISSES) kept.push({ s: r.s, l: r.l, m: r.m + 1 });
      continue;
    }
    let label = null;
    let ok = true;
    for (const el of found) {
      const l = isHidden(el);
      if (l === null) {
        ok = false; // it would hide something the core keeps: drop it
        break;
      }
      label ??= l;
      covered.add(el);
    }
    if (ok) kept.push({ s: r.s, l: label, m: 0 });
  }
  const fresh = [];
  for (const [el, label] of marked) {
    if (stopped || kept.length + fresh.length >= MAX_RULES) break;
    if (covered.has(el) || !el.isConnected) continue;
    if (await tired()) break;
    const s = selectorFor(doc, el);
    if (s !== null && !kept.some((r) => r.s === s)) fresh.push({ s, l: label, m: 0 });
  }
  // Confirmed, then new, then those that missed; within the bounds.
  const all = [...kept.filter((r) => r.m === 0), ...fresh, ...kept.filter((r) => r.m > 0)];
  const out = [];
  let chars = 0;
  for (const r of all) {
    if (out.length >= MAX_RULES || chars + r.s.length > MAX_CHARS) break;
    out.push(r);
    chars += r.s.length;
  }
  return out;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Stores a site's rules (or forgets the site if there are none), keeping the
 * MAX_SITES most recently used sites.
 */
export async function saveLearned(storage, host, before, rules, now = Date.now()) {
  const key = learnedKey(host);
  if (rules.length === 0 && before.rules.length === 0) return;
  if (same(before.rules, rules) && now - before.t < TOUCH_MS) return;
  const got = await storage.get(LEARNED_INDEX);
  const index = got[LEARNED_INDEX] !== null && typeof got[LEARNED_INDEX] === 'object' ? { ...got[LEARNED_INDEX] } : {};
  if (rules.length === 0) {
    delete index[host];
    await storage.set({ [LEARNED_INDEX]: index });
    await storage.remove(key);
    return;
  }
  index[host] = now;
  const hosts = Object.keys(index).sort((a, b) => index[b] - index[a]);
  const evict = hosts.slice(MAX_SITES);
  for (const h of evict) delete index[h];
  await storage.set({ [key]: { t: now, rules }, [LEARNED_INDEX]: index });
  if (evict.length > 0) await storage.remove(evict.map(learnedKey));
}

/** The early stylesheet's rules: the selectors of kinds hidden now. */
export function earlyRules(rules, hiddenKinds) {
  return rules.filter((r) => hiddenKinds.has(r.l)).map((r) => r.s);
}
