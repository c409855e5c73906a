// Corrections by the user: blocks the user told Chaff to keep ("Keep this" in
// "show what was hidden") or to hide, remembered per site as CSS selectors
// (learned.js's `selectorFor`) and applied before the core's decisions: a
// kept block is never hidden, whatever the core says; a block the user hid is
// hidden whatever the core says (with the kind the user chose), except the
// elements the policy never hides and Chaff's own controls.
//
// Storage: with the settings (settings.js: storage.sync while it fits, else
// storage.local; a key in local wins over the same key in sync), one key per
// site:
//   "corrections:<host>"  { t: ms, keep: [selector], hide: [{ s: selector, l: label }] }
// Bounded: MAX_RULES selectors per site (keep and hide together), each at
// most MAX_SELECTOR characters (selector-shape.js), MAX_SITES sites. A correction that would go
// beyond them is refused with an error, never made room for by forgetting
// another: they are the user's own choices.
//
// Export and import: one JSON document, `{ format: FORMAT, version: 1,
// sites: { <host>: { keep, hide } } }`; an import is checked as a whole
// first (`parseImport`) and merged into what is stored in one write, or, if
// anything in it is wrong, changes nothing.
import { CHROME_LABELS } from './labels.js';
import { readPrefixed, removeItems, saveItems } from './settings.js';
import { isSelectorShape } from './selector-shape.js';

export const CORRECTIONS_PREFIX = 'corrections:';
export const FORMAT = 'chaff-corrections';
export const MAX_RULES = 30;
export const MAX_SITES = 200;
const MAX_HOST = 253;

export const correctionsKey = (host) => CORRECTIONS_PREFIX + host;

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);


/** A host name's shape (as `location.hostname` gives it). */
export function isHostShape(h) {
  return typeof h === 'string' && h.length > 0 && h.length <= MAX_HOST && /^[a-z0-9.\-:[\]]+$/i.test(h);
}

const EMPTY = Object.freeze({ t: 0, keep: Object.freeze([]), hide: Object.freeze([]) });

/**
 * A site's corrections as stored, checked (storage may hold anything an
 * older version or another device wrote): what is not of the shape is
 * left out, the rest bounded.
 */
export function readCorrections(value) {
  if (!isObject(value)) return EMPTY;
  const keep = [];
  const hide = [];
  const seen = new Set();
  for (const s of Array.isArray(value.keep) ? value.keep : []) {
    if (!isSelectorShape(s) || seen.has(s)) continue;
    seen.add(s);
    keep.push(s);
  }
  for (const r of Array.isArray(value.hide) ? value.hide : []) {
    if (!isObject(r) || !isSelectorShape(r.s) || seen.has(r.s) || !CHROME_LABELS.includes(r.l)) continue;
    seen.add(r.s);
    hide.push({ s: r.s, l: r.l });
  }
  const room = Math.max(0, MAX_RULES - keep.length);
  return { t: Number(value.t) || 0, keep: keep.slice(0, MAX_RULES), hide: hide.slice(0, room) };
}

const count = (c) => c.keep.length + c.hide.length;

/**
 * `c` with one more correction: `kind` 'keep' (selector `s`) or 'hide'
 * (selector `s`, label `l`). A selector is kept or hidden, never both: the
 * newer choice replaces the older. Throws past MAX_RULES.
 */
export function withCorrection(c, kind, s, l) {
  if (!isSelectorShape(s)) throw new CorrectionError('correctionBadSelector');
  if (kind === 'hide' && !CHROME_LABELS.includes(l)) throw new CorrectionError('correctionBadKind');
  const keep = c.keep.filter((x) => x !== s);
  const hide = c.hide.filter((x) => x.s !== s);
  if (kind === 'keep') keep.push(s);
  else hide.push({ s, l });
  const next = { t: Date.now(), keep, hide };
  if (count(next) > MAX_RULES) throw new CorrectionError('correctionTooMany');
  return next;
}

/** `c` without the correction of selector `s` (kept or hidden). */
export function withoutCorrection(c, s) {
  return { t: Date.now(), keep: c.keep.filter((x) => x !== s), hide: c.hide.filter((x) => x.s !== s) };
}

/** An error whose message is a messages.json key (the caller translates it). */
export class CorrectionError extends Error {
  constructor(key, detail = '') {
    super(key);
    this.key = key;
    this.detail = detail;
  }
}

// -------------------------------------------------------------- storage ---

/** Every site's corrections: { <host>: { t, keep, hide } }, sites with none left out. */
export async function loadAllCorrections() {
  const raw = await readPrefixed(CORRECTIONS_PREFIX);
  const out = {};
  for (const [k, v] of Object.entries(raw)) {
    const host = k.slice(CORRECTIONS_PREFIX.length);
    const c = readCorrections(v);
    if (isHostShape(host) && count(c) > 0) out[host] = c;
  }
  return out;
}

/** Stores one site's corrections (or forgets the site when there are none). */
async function saveSite(host, c) {
  if (count(c) === 0) await removeItems([correctionsKey(host)]);
  else await saveItems({ [correctionsKey(host)]: c });
}

/**
 * Applies `change(current)` to a site's corrections and stores the result;
 * resolves it. A site new to the store is refused past MAX_SITES.
 */
export async function updateCorrections(host, change) {
  if (!isHostShape(host)) throw new CorrectionError('correctionBadSite');
  const all = await loadAllCorrections();
  const current = all[host] ?? EMPTY;
  const next = change(current);
  if (all[host] === undefined && count(next) > 0 && Object.keys(all).length >= MAX_SITES) {
    throw new CorrectionError('correctionTooManySites');
  }
  await saveSite(host, next);
  return next;
}

export const removeCorrection = (host, s) => updateCorrections(host, (c) => withoutCorrection(c, s));

// ------------------------------------------------------- export, import ---

/** The export document of `all` (as `loadAllCorrections` gives it). */
export function exportDocument(all) {
  const sites = {};
  for (const host of Object.keys(all).sort()) {
    const c = all[host];
    sites[host] = { keep: [...c.keep], hide: c.hide.map((r) => ({ s: r.s, l: r.l })) };
  }
  return { format: FORMAT, version: 1, sites };
}

/**
 * Checks the text of an imported file as a whole. Resolves to { <host>: {
 * keep, hide } }, or throws a CorrectionError naming what is wrong (its
 * `detail`: where): bad JSON, not Chaff's format, a bad host, selector or
 * kind, too many corrections for a site. Nothing is accepted in part.
 */
export function parseImport(text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new CorrectionError('importBadJson', e instanceof Error ? e.message : String(e));
  }
  if (!isObject(doc) || doc.format !== FORMAT || doc.version !== 1 || !isObject(doc.sites)) {
    throw new CorrectionError('importBadFormat');
  }
  const hosts = Object.keys(doc.sites);
  if (hosts.length > MAX_SITES) throw new CorrectionError('correctionTooManySites');
  const out = {};
  for (const host of hosts) {
    const site = doc.sites[host];
    if (!isHostShape(host)) throw new CorrectionError('importBadEntry', host);
    if (!isObject(site)) throw new CorrectionError('importBadEntry', host);
    const keep = site.keep ?? [];
    const hide = site.hide ?? [];
    if (!Array.isArray(keep) || !Array.isArray(hide)) throw new CorrectionError('importBadEntry', host);
    for (const s of keep) if (!isSelectorShape(s)) throw new CorrectionError('importBadEntry', host);
    for (const r of hide) {
      if (!isObject(r) || !isSelectorShape(r.s) || !CHROME_LABELS.includes(r.l)) throw new CorrectionError('importBadEntry', host);
    }
    if (keep.length + hide.length > MAX_RULES) throw new CorrectionError('correctionTooMany', host);
    out[host] = { keep: [...keep], hide: hide.map((r) => ({ s: r.s, l: r.l })) };
  }
  return out;
}

/**
 * `all` with `imported` merged in (an imported choice replaces the stored
 * one for the same selector). Throws, changing nothing, past the bounds.
 */
export function mergeImport(all, imported) {
  const out = { ...all };
  for (const [host, site] of Object.entries(imported)) {
    let c = out[host] ?? EMPTY;
    for (const s of site.keep) c = withCorrection(c, 'keep', s);
    for (const r of site.hide) c = withCorrection(c, 'hide', r.s, r.l);
    out[host] = c;
  }
  if (Object.keys(out).length > MAX_SITES) throw new CorrectionError('correctionTooManySites');
  return out;
}

/** Checks and stores an import in one write; resolves the number of sites it touched. */
export async function importCorrections(text) {
  const imported = parseImport(text);
  const merged = mergeImport(await loadAllCorrections(), imported);
  const items = {};
  for (const host of Object.keys(imported)) items[correctionsKey(host)] = merged[host];
  if (Object.keys(items).length > 0) await saveItems(items);
  return Object.keys(imported).length;
}
