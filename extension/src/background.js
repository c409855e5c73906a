// Background (a module service worker in Chromium, a module event page in
// Firefox). It keeps no page state of its own. Every message is checked by
// messages.js: the sender must be this extension's content script in a web
// page's tab, and the message one of the protocol's shapes; anything else is
// ignored without an answer.
//
// Messages it answers (runtime.onMessage, from the content script):
//   { type: "classify", added: boolean, roots?: number[], structure: number[], strings: string }
//       -> { ok: true, blocks: Block[] } | { ok: false, error: string }
//       Fallback for pages whose CSP stops the content script compiling
//       Wasm (the extension pages' CSP allows 'wasm-unsafe-eval'), and for
//       large snapshots, classified here off the page's main thread. With
//       `id` and `parts`, the snapshot came first in that many
//       { type: "classify-part", id, seq, structure, strings } messages
//       (-> { ok: boolean }), concatenated in `seq` order.
//   { type: "report", state }   (no answer)
//       A frame's state after each pass or change (the top frame's and each
//       cleaned frame's): the tab's count is the sum of its frames' counts
//       (tab-counts.js, kept in storage.session, which outlives this
//       worker's or event page's restarts, until the top frame navigates or
//       the tab closes); sets the tab's badge and icon. An open popup hears
//       the same messages and sums them the same way.
// Command:
//   "toggle-site" (Alt+Shift+C) -> tabs.sendMessage(tab, { type: "toggle-site" }):
//       the content script knows its hostname and writes the setting, so the
//       extension needs neither the "tabs" permission nor host permissions
//       to read tab URLs.
import { classify_added_wire, classify_wire } from '../wasm/chaff.js';
import { api } from './api.js';
import { CHROME_LABELS } from './labels.js';
import { T, fromContentScript, parseToBackground, toggleSite } from './messages.js';
import { migrateSettings } from './settings.js';
import { frameOf, tabKey, tabTotals, withReport } from './tab-counts.js';
import { loadPackageWasm } from './wasm-load.js';

let ready = null;
const HIDEABLE = new Set(CHROME_LABELS);

function ensureWasm() {
  if (ready === null) {
    ready = loadPackageWasm().catch((e) => {
      ready = null; // let a later message try again
      throw e;
    });
  }
  return ready;
}

// Large snapshots arrive in parts ({ type: 'classify-part', id, seq,
// structure, strings }) before their 'classify' message (with `id` and
// `parts`); kept here until then, for a few snapshots at most.
const parts = new Map(); // id -> { structure: number[][], strings: string[] }
const MAX_PENDING = 4;

function partMessage(msg) {
  let p = parts.get(msg.id);
  if (p === undefined) {
    while (parts.size >= MAX_PENDING) parts.delete(parts.keys().next().value);
    p = { structure: [], strings: [] };
    parts.set(msg.id, p);
  }
  if (msg.seq !== p.strings.length) {
    parts.delete(msg.id);
    return false;
  }
  p.structure.push(msg.structure);
  p.strings.push(msg.strings);
  return true;
}

function assemble(msg) {
  if (typeof msg.id !== 'string') return { structure: Uint32Array.from(msg.structure), strings: msg.strings };
  const p = parts.get(msg.id);
  parts.delete(msg.id);
  if (p === undefined || p.strings.length !== msg.parts) throw new Error('parts of the page went missing');
  let n = 0;
  for (const a of p.structure) n += a.length;
  const structure = new Uint32Array(n);
  let at = 0;
  for (const a of p.structure) {
    structure.set(a, at);
    at += a.length;
  }
  return { structure, strings: p.strings.join('') };
}

async function classifyMessage(msg) {
  try {
    const { structure, strings } = assemble(msg);
    await ensureWasm();
    const { blocks, reading } =
      msg.added === true
        ? { blocks: classify_added_wire(structure, strings, Uint32Array.from(msg.roots ?? []), msg.reading) }
        : classify_wire(structure, strings);
    // Only blocks the content script may hide travel back: on a large page
    // the article's blocks alone would make a reply that takes the page a
    // long task to read.
    const hideable = blocks.filter((b) => HIDEABLE.has(b.label));
    return reading === undefined ? { ok: true, blocks: hideable } : { ok: true, blocks: hideable, reading };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

const ICONS_ON = { 16: '/icons/chaff-16.png', 32: '/icons/chaff-32.png' };
const ICONS_OFF = { 16: '/icons/chaff-off-16.png', 32: '/icons/chaff-off-32.png' };

/** The badge and icon of `tabId`: `enabled` and `error` are the top frame's, `total` the tab's. */
async function showState(tabId, { enabled, error, total }) {
  const text = error && !enabled ? '!' : enabled && total > 0 ? String(Math.min(total, 999)) : '';
  await Promise.all([
    api.action.setBadgeText({ tabId, text }),
    api.action.setBadgeBackgroundColor({ tabId, color: error && !enabled ? '#b91c1c' : '#4d5b2a' }),
    api.action.setIcon({ tabId, path: enabled ? ICONS_ON : ICONS_OFF }),
  ]);
}

// Reports of a tab's frames come at once; each reads and writes the tab's
// entry, so they take turns.
let countsQueue = Promise.resolve();

function countReport(tabId, frameId, state) {
  countsQueue = countsQueue
    .then(async () => {
      const key = tabKey(tabId);
      const entry = (await api.storage.session.get(key))[key] ?? null;
      const next = withReport(entry, frameId, state, CHROME_LABELS);
      if (next === entry) return;
      await api.storage.session.set({ [key]: next });
      const top = next.top ?? { enabled: state.enabled === true, error: null };
      await showState(tabId, { ...top, total: tabTotals(next).total });
    })
    .catch(() => {}); // the tab may be gone already
}

api.tabs.onRemoved.addListener((tabId) => {
  countsQueue = countsQueue.then(() => api.storage.session.remove(tabKey(tabId))).catch(() => {});
});

api.runtime.onMessage.addListener((raw, sender, sendResponse) => {
  if (!fromContentScript(sender, api.runtime.id)) return false;
  const msg = parseToBackground(raw);
  if (msg === null) return false;
  switch (msg.type) {
    case T.classifyPart:
      sendResponse({ ok: partMessage(msg) });
      return false;
    case T.classify:
      classifyMessage(msg).then(sendResponse);
      return true; // answer asynchronously
    case T.report:
      countReport(sender.tab.id, frameOf(sender), msg.state);
      return false;
    default:
      return false;
  }
});

api.commands.onCommand.addListener((command, tab) => {
  if (command !== 'toggle-site') return;
  const send = (id) => {
    const p = api.tabs.sendMessage(id, toggleSite());
    if (p && typeof p.catch === 'function') p.catch(() => {}); // no content script there
  };
  if (tab && typeof tab.id === 'number') send(tab.id);
  else {
    api.tabs
      .query({ active: true, currentWindow: true })
      .then((tabs) => tabs[0] && send(tabs[0].id))
      .catch(() => {});
  }
});

// Settings an older version kept in storage.local move to storage.sync, once
// (settings.js). Run at every start of the background; a no-op once done.
migrateSettings().catch(() => {}); // they stay local, where they still count
