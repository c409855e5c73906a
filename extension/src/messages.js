// The one message protocol between Chaff's parts, shared by the content
// script (bundled into it), the background, the popup and the options page.
// Every message is made by one of the constructors below and checked on
// arrival by `parse*`, which returns the message, normalised, or null for
// anything that is not exactly one of these shapes. Senders are checked by
// `fromContentScript` / `fromExtension`.
//
// content script -> background (runtime.sendMessage)
//   classify       { added, roots?, reading?, structure, strings, id?, parts? } -> ClassifyReply
//   classify-part  { id, seq, structure, strings }      -> { ok: boolean }
//   report         { state }                            (no answer; an open popup hears it too)
// popup / background -> content script (tabs.sendMessage)
//   get-state      {}                                   -> State
//   set-reveal     { on: boolean }                      -> State
//   set-site-enabled { enabled: boolean }                -> State
//   toggle-site    {}                                   -> State
//   start-picker   {}                                   -> State ("Hide something else"; top frame only)
//
// Chromium serialises runtime messages as JSON, so numbers travel as plain
// arrays.

/**
 * @typedef {{ type: 'classify', added: boolean, roots?: number[], reading?: string, structure: number[], strings: string, id?: string, parts?: number }} ClassifyRequest
 * @typedef {{ type: 'classify-part', id: string, seq: number, structure: number[], strings: string }} ClassifyPart
 * @typedef {{ node: number, label: string, confidence: number, reason: string }} Block
 * @typedef {{ ok: true, blocks: Block[], reading?: string } | { ok: false, error: string }} ClassifyReply
 *   (`reading`: the core's reading of a whole page, handed back with its added content)
 * @typedef {{ type: 'report', state: object }} Report
 * @typedef {{ type: 'get-state' } | { type: 'set-reveal', on: boolean } | { type: 'set-site-enabled', enabled: boolean } | { type: 'toggle-site' } | { type: 'start-picker' }} ToContent
 */

export const T = Object.freeze({
  classify: 'classify',
  classifyPart: 'classify-part',
  report: 'report',
  getState: 'get-state',
  setReveal: 'set-reveal',
  setSiteEnabled: 'set-site-enabled',
  toggleSite: 'toggle-site',
  startPicker: 'start-picker',
});

// Upper bounds on what one message may carry (the content script sends
// large snapshots in parts well under these).
const MAX_STRUCTURE = 1 << 22; // entries
const MAX_STRINGS = 1 << 25; // UTF-16 code units
const MAX_PARTS = 4096;
const MAX_READING = 8192; // UTF-16 code units: a flag and the page's canonical URL

// ------------------------------------------------------- constructors ---

/** @returns {ClassifyRequest} */
export function classifyRequest({ added, roots, reading, structure, strings, id, parts }) {
  const m = { type: T.classify, added: Boolean(added), structure, strings };
  if (added) {
    m.roots = roots;
    m.reading = reading;
  }
  if (id !== undefined) {
    m.id = id;
    m.parts = parts;
  }
  return m;
}

/** @returns {ClassifyPart} */
export const classifyPart = (id, seq, structure, strings) => ({ type: T.classifyPart, id, seq, structure, strings });

/** @returns {Report} */
export const report = (state) => ({ type: T.report, state });

export const getState = () => ({ type: T.getState });
export const setReveal = (on) => ({ type: T.setReveal, on: Boolean(on) });
export const setSiteEnabled = (enabled) => ({ type: T.setSiteEnabled, enabled: Boolean(enabled) });
export const toggleSite = () => ({ type: T.toggleSite });
export const startPicker = () => ({ type: T.startPicker });

// ------------------------------------------------------------ senders ---

/**
 * A content script of this extension in a web page's tab (its top frame, or
 * a same-origin or about:blank frame): the background answers only these
 * (nothing else may ask it to classify).
 */
export function fromContentScript(sender, runtimeId) {
  return (
    sender !== null &&
    typeof sender === 'object' &&
    sender.id === runtimeId &&
    sender.tab !== undefined &&
    sender.tab !== null &&
    typeof sender.tab.id === 'number' &&
    typeof sender.url === 'string' &&
    /^(https?:|about:(blank|srcdoc)$)/.test(sender.url)
  );
}

/** Any part of this extension (tabs.sendMessage from the popup or background arrives without a tab). */
export function fromExtension(sender, runtimeId) {
  return sender !== null && typeof sender === 'object' && sender.id === runtimeId;
}

// ------------------------------------------------------------- shapes ---

const isObject = (m) => m !== null && typeof m === 'object' && !Array.isArray(m);
const isIndex = (n) => Number.isInteger(n) && n >= 0 && n <= 0xffffffff;

/** Whether `m` has every key of `required`, and no key outside `required` and `optional`. */
function hasKeys(m, required, optional = []) {
  for (const k of required) if (!Object.hasOwn(m, k)) return false;
  for (const k of Object.keys(m)) if (!required.includes(k) && !optional.includes(k)) return false;
  return true;
}

function isU32Array(a, max) {
  if (!Array.isArray(a) || a.length > max) return false;
  for (let i = 0; i < a.length; i++) if (!isIndex(a[i])) return false;
  return true;
}

/** A message for the background, or null. @returns {ClassifyRequest|ClassifyPart|Report|null} */
export function parseToBackground(m) {
  if (!isObject(m)) return null;
  switch (m.type) {
    case T.classify: {
      const optional = [...(m.added === true ? ['roots', 'reading'] : []), ...(m.id !== undefined ? ['id', 'parts'] : [])];
      if (!hasKeys(m, ['type', 'added', 'structure', 'strings', ...optional])) return null;
      if (typeof m.added !== 'boolean' || typeof m.strings !== 'string' || m.strings.length > MAX_STRINGS) return null;
      if (!isU32Array(m.structure, MAX_STRUCTURE) || m.structure.length % 2 !== 0) return null;
      if (m.added && !isU32Array(m.roots, MAX_STRUCTURE)) return null;
      if (m.added && (typeof m.reading !== 'string' || m.reading.length > MAX_READING)) return null;
      if (m.id !== undefined && (typeof m.id !== 'string' || m.id.length > 100 || !isIndex(m.parts) || m.parts > MAX_PARTS)) return null;
      return classifyRequest(m);
    }
    case T.classifyPart:
      if (!hasKeys(m, ['type', 'id', 'seq', 'structure', 'strings'])) return null;
      if (typeof m.id !== 'string' || m.id.length > 100 || !isIndex(m.seq) || m.seq >= MAX_PARTS) return null;
      if (!isU32Array(m.structure, MAX_STRUCTURE) || typeof m.strings !== 'string' || m.strings.length > MAX_STRINGS) return null;
      return classifyPart(m.id, m.seq, m.structure, m.strings);
    case T.report:
      return hasKeys(m, ['type', 'state']) && isObject(m.state) ? report(m.state) : null;
    default:
      return null;
  }
}

/** A message for the content script, or null. @returns {ToContent|null} */
export function parseToContent(m) {
  if (!isObject(m)) return null;
  switch (m.type) {
    case T.getState:
      return getState();
    case T.setReveal:
      return typeof m.on === 'boolean' ? setReveal(m.on) : null;
    case T.setSiteEnabled:
      return typeof m.enabled === 'boolean' ? setSiteEnabled(m.enabled) : null;
    case T.toggleSite:
      return toggleSite();
    case T.startPicker:
      return startPicker();
    default:
      return null;
  }
}
