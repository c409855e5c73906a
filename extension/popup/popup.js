// The toolbar popup: per-site switch, counts per kind, "show what was hidden",
// "hide something else" (starts the picker in the page).
// It talks to the active tab's content script (tabs.sendMessage, which needs
// no permission; the top frame answers) and hears its frames' reports
// (runtime messages) while open. The counts are the tab's: the top frame's
// and its cleaned frames' (tab-counts.js), from the background's sums in
// storage.session at the start, then from the reports.
import { api } from '../src/api.js';
import { CHROME_LABELS, labelMessageKey } from '../src/labels.js';
import { el, localize, t } from '../src/i18n.js';
import { T, fromContentScript, getState, parseToBackground, setReveal, setSiteEnabled, startPicker } from '../src/messages.js';
import { frameOf, tabKey, tabTotals, withReport } from '../src/tab-counts.js';

const $ = (id) => document.getElementById(id);
let tabId = null;
let busy = false;
let counts = null; // the tab's entry (tab-counts.js)
let topState = null; // the top frame's last state

async function main() {
  localize();
  $('options').addEventListener('click', () => {
    api.runtime.openOptionsPage().catch(() => {});
    window.close();
  });
  showShortcut();

  const [tab] = await api.tabs.query({ active: true, currentWindow: true });
  if (!tab || typeof tab.id !== 'number') return unsupported();
  tabId = tab.id;

  api.runtime.onMessage.addListener((raw, sender) => {
    if (!fromContentScript(sender, api.runtime.id) || sender.tab.id !== tabId) return;
    const msg = parseToBackground(raw);
    if (msg === null || msg.type !== T.report) return;
    const frameId = frameOf(sender);
    if (frameId !== 0) counts = withReport(counts, frameId, msg.state, CHROME_LABELS);
    const state = frameId === 0 ? msg.state : topState;
    if (!busy && state !== null) render(state);
  });
  $('enabled').addEventListener('change', () =>
    send(setSiteEnabled($('enabled').checked)),
  );
  $('reveal').addEventListener('change', () => send(setReveal($('reveal').checked)));
  // "Hide something else": the picker runs in the page; the popup gets out of its way.
  $('pick').addEventListener('click', async () => {
    await ask(startPicker());
    window.close();
  });

  const [state, stored] = await Promise.all([ask(getState()), storedCounts()]);
  if (state === null) return unsupported();
  counts ??= stored;
  render(state);
}

/** The background's sums for this tab (null if it has none). */
async function storedCounts() {
  try {
    const key = tabKey(tabId);
    return (await api.storage.session.get(key))[key] ?? null;
  } catch {
    return null;
  }
}

/** Sends to the tab's content script; resolves null if there is none. */
async function ask(msg) {
  try {
    return (await api.tabs.sendMessage(tabId, msg)) ?? null;
  } catch {
    return null;
  }
}

async function send(msg) {
  busy = true;
  $('enabled').disabled = true;
  $('reveal').disabled = true;
  const state = await ask(msg);
  busy = false;
  if (state === null) unsupported();
  else render(state);
}

function unsupported() {
  $('site').hidden = true;
  $('summary').hidden = true;
  $('message').hidden = false;
  $('message').textContent = t('popupUnsupported');
}

/** Renders the top frame's state `s`, with the counts of the whole tab. */
function render(s) {
  if (!s || typeof s !== 'object' || typeof s.host !== 'string') return;
  topState = s;
  counts = withReport(counts, 0, s, CHROME_LABELS); // the top frame's answer is the newest word on its own counts
  s = { ...s, ...tabTotals(counts) };
  $('site').hidden = false;
  $('host').textContent = s.host;
  $('enabled').checked = Boolean(s.enabled);
  $('enabled').disabled = false;

  $('summary').hidden = !s.enabled;
  $('reveal').checked = Boolean(s.reveal);
  $('reveal').disabled = false;
  const total = Number(s.total) || 0;
  // A live region: written only when it changes, so that a screen reader
  // says the count once, not at every report.
  setText(
    $('total'),
    s.passes > 0 || total > 0 ? (total === 1 ? t('popupHiddenOne') : t('popupHiddenMany', [String(total)])) : t('popupWorking'),
  );

  const hiddenKinds = new Set(s.hiddenKinds ?? []);
  const found = s.found ?? {};
  const hidden = s.hidden ?? {};
  const rows = [];
  for (const label of CHROME_LABELS) {
    const count = Number(found[label]) || 0;
    if (count === 0) continue;
    const isHidden = hiddenKinds.has(label) && (Number(hidden[label]) || 0) > 0;
    rows.push(
      el(
        'li',
        {},
        el('span', { className: 'name' }, t(labelMessageKey(label))),
        el('span', { className: 'count' }, String(count)),
        el(
          'span',
          { className: 'chip ' + (isHidden ? 'hidden' : 'shown') },
          t(isHidden ? 'popupStateHidden' : 'popupStateShown'),
        ),
      ),
    );
  }
  $('kinds').replaceChildren(...rows);

  const msg = $('message');
  if (!s.enabled) {
    msg.hidden = false;
    setText(msg, t('popupOff'));
  } else if (s.engine === 'background') {
    msg.hidden = false;
    setText(msg, t('popupBackground'));
  } else {
    msg.hidden = true;
  }
  $('error').hidden = !s.error;
  $('error').textContent = s.error ? t('popupError', [String(s.error)]) : '';
}

/** Sets a live region's text only if it changed. */
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

async function showShortcut() {
  try {
    const commands = await api.commands.getAll();
    const c = commands.find((x) => x.name === 'toggle-site');
    if (c && c.shortcut) $('shortcut').textContent = t('popupShortcut', [c.shortcut]);
  } catch {
    // No shortcut to show.
  }
}

main().catch((e) => {
  $('error').hidden = false;
  $('error').textContent = t('popupError', [e instanceof Error ? e.message : String(e)]);
});
