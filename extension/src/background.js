// Background (a module service worker in Chromium, a module event page in
// Firefox). It keeps no page state of its own:
//
// Messages it answers (runtime.onMessage, from the content script):
//   { type: "classify", added?: boolean, roots?: number[], structure: number[], strings: string }
//       -> { ok: true, blocks: Block[] } | { ok: false, error: string }
//       Fallback for pages whose CSP stops the content script compiling
//       Wasm; the extension pages' CSP allows 'wasm-unsafe-eval'.
//   { type: "report", state }   (no answer)
//       The content script's state after each pass or change: updates the
//       toolbar badge and icon of the sending tab. An open popup hears the
//       same message and refreshes.
// Command:
//   "toggle-site" (Alt+Shift+C) -> tabs.sendMessage(tab, { type: "toggle-site" }):
//       the content script knows its hostname and writes the setting, so the
//       extension needs neither the "tabs" permission nor host permissions
//       to read tab URLs.
import { classify_added_wire, classify_wire } from '../wasm/chaff.js';
import { api } from './api.js';
import { loadWasm } from './wasm-load.js';

let ready = null;

function ensureWasm() {
  if (ready === null) {
    ready = loadWasm().catch((e) => {
      ready = null; // let a later message try again
      throw e;
    });
  }
  return ready;
}

async function classifyMessage(msg) {
  try {
    if (!Array.isArray(msg.structure) || typeof msg.strings !== 'string') {
      throw new Error('malformed classify message');
    }
    await ensureWasm();
    const structure = Uint32Array.from(msg.structure);
    const blocks =
      msg.added === true
        ? classify_added_wire(structure, msg.strings, Uint32Array.from(msg.roots ?? []))
        : classify_wire(structure, msg.strings);
    return { ok: true, blocks };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

const ICONS_ON = { 16: '/icons/chaff-16.png', 32: '/icons/chaff-32.png' };
const ICONS_OFF = { 16: '/icons/chaff-off-16.png', 32: '/icons/chaff-off-32.png' };

async function showState(tabId, s) {
  if (typeof tabId !== 'number' || tabId < 0 || s === null || typeof s !== 'object') return;
  const total = Number(s.total) || 0;
  const text = s.error && !s.enabled ? '!' : s.enabled && total > 0 ? String(Math.min(total, 999)) : '';
  await Promise.all([
    api.action.setBadgeText({ tabId, text }),
    api.action.setBadgeBackgroundColor({ tabId, color: s.error && !s.enabled ? '#b91c1c' : '#4d5b2a' }),
    api.action.setIcon({ tabId, path: s.enabled ? ICONS_ON : ICONS_OFF }),
  ]);
}

api.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (sender.id !== api.runtime.id || msg === null || typeof msg !== 'object') return false;
  if (msg.type === 'classify') {
    classifyMessage(msg).then(sendResponse);
    return true; // answer asynchronously
  }
  if (msg.type === 'report' && sender.tab) {
    showState(sender.tab.id, msg.state).catch(() => {}); // the tab may be gone already
  }
  return false;
});

api.commands.onCommand.addListener((command, tab) => {
  if (command !== 'toggle-site') return;
  const send = (id) => {
    const p = api.tabs.sendMessage(id, { type: 'toggle-site' });
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
