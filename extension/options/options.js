// Options: which kinds are hidden, the sites where Chaff is off, and the
// user's corrections per site (corrections.js: listed, each undoable,
// exported and imported as JSON).
// Every change is saved at once (storage.sync, or storage.local as a
// fallback: settings.js); content scripts pick it up through
// storage.onChanged.
import { api } from '../src/api.js';
import { CHROME_LABELS, HIDDEN_BY_DEFAULT, labelMessageKey } from '../src/labels.js';
import { changesSettings, loadSettingsWith, setHiddenKinds, setSiteEnabled } from '../src/settings.js';
import { el, localize, t } from '../src/i18n.js';
import { CORRECTIONS_PREFIX, exportDocument, importCorrections, loadAllCorrections, removeCorrection } from '../src/corrections.js';

const $ = (id) => document.getElementById(id);

function renderKinds(hiddenKinds) {
  const items = CHROME_LABELS.map((label) => {
    const id = 'kind-' + label;
    const box = el('input', { type: 'checkbox', id, className: 'switch', checked: hiddenKinds.includes(label) });
    box.setAttribute('role', 'switch');
    box.dataset.label = label;
    // Named by its label (the kind), described by the line under it.
    box.setAttribute('aria-describedby', 'desc-' + label);
    box.addEventListener('change', saveKinds);
    return el(
      'li',
      {},
      el(
        'div',
        { className: 'kind' },
        el('label', { htmlFor: id }, t(labelMessageKey(label))),
        el('span', { className: 'desc', id: 'desc-' + label }, t('desc_' + label.replaceAll('-', '_'))),
      ),
      box,
    );
  });
  $('kinds').replaceChildren(...items);
}

async function saveKinds() {
  const kinds = [...document.querySelectorAll('#kinds input[type=checkbox]')]
    .filter((b) => b.checked)
    .map((b) => b.dataset.label);
  await setHiddenKinds(kinds);
  status(t('optionsSaved'));
}

function renderSites(sites) {
  $('no-sites').hidden = sites.length > 0;
  // One save fires storage.onChanged up to three times (see saveItems). Only
  // a real change rebuilds the list: a rebuild between a key's press and its
  // release swallows the press.
  const shown = [...$('sites').children].map((li) => li.dataset.host);
  if (shown.length === sites.length && shown.every((h, i) => h === sites[i])) return;
  // Keyboard focus on a "Remove" button that goes with its row moves to the
  // row that takes its place (or the one before, or the heading).
  const focused = document.activeElement?.closest?.('#sites li');
  const at = focused ? [...$('sites').children].indexOf(focused) : -1;
  const items = sites.map((host, i) => {
    // Named by its visible text, described by the host it is for.
    const remove = el('button', { type: 'button', title: t('optionsRemoveLabel', [host]) }, t('optionsRemove'));
    remove.setAttribute('aria-describedby', 'site-' + i);
    remove.addEventListener('click', () => removeSite(host));
    return el('li', { dataset: { host } }, el('span', { className: 'host', id: 'site-' + i }, host), remove);
  });
  $('sites').replaceChildren(...items);
  if (at >= 0) {
    const next = items[Math.min(at, items.length - 1)];
    if (next) next.querySelector('button').focus();
    else $('sites-heading').focus();
  }
}

async function removeSite(host) {
  await setSiteEnabled(host, true);
  status(t('optionsSiteRemoved', [host]));
}

let statusTimer = 0;
function status(text) {
  $('status').textContent = text;
  clearTimeout(statusTimer);
  statusTimer = setTimeout(() => {
    $('status').textContent = '';
  }, 2500);
}

let shownCorrections = null;

/**
 * The corrections, per site: each kept or hidden selector with an "Undo"
 * button (named by its text, described by the rule). Focus on an "Undo"
 * whose row goes moves to the row that takes its place, or the heading.
 */
function renderCorrections(all) {
  // As with the sites: only a real change rebuilds the list (see renderSites).
  const hosts = Object.keys(all).sort();
  const shown = JSON.stringify(hosts.map((h) => [h, all[h].keep, all[h].hide]));
  if (shown === shownCorrections) return;
  shownCorrections = shown;
  $('no-corrections').hidden = hosts.length > 0;
  const buttons = () => [...$('corrections').querySelectorAll('button')];
  const at = buttons().indexOf(document.activeElement);
  let n = 0;
  const items = hosts.map((host) => {
    const c = all[host];
    const rules = [
      ...c.keep.map((s) => ({ s, text: t('optionsCorrectionKept') })),
      ...c.hide.map((r) => ({ s: r.s, text: t('optionsCorrectionHidden', [t(labelMessageKey(r.l))]) })),
    ].map(({ s, text }) => {
      const id = 'rule-' + n++;
      const undo = el('button', { type: 'button' }, t('optionsUndo'));
      undo.setAttribute('aria-describedby', id);
      undo.dataset.host = host;
      undo.dataset.selector = s;
      undo.addEventListener('click', () => undoCorrection(host, s));
      return el('li', {}, el('span', { className: 'rule', id }, text + ' ', el('code', {}, s), ' ', el('span', { className: 'muted' }, host)), undo);
    });
    return el('li', { dataset: { host } }, el('h3', {}, host), el('ul', {}, ...rules));
  });
  $('corrections').replaceChildren(...items);
  if (at >= 0) {
    const left = buttons();
    if (left.length > 0) left[Math.min(at, left.length - 1)].focus();
    else $('corrections-heading').focus();
  }
}

async function undoCorrection(host, s) {
  await removeCorrection(host, s);
  renderCorrections(await loadAllCorrections());
  status(t('optionsCorrectionUndone', [host]));
}

/** Downloads every correction as one JSON file (no permission needed: a blob link). */
async function exportAll() {
  const doc = exportDocument(await loadAllCorrections());
  const blob = new Blob([JSON.stringify(doc, null, 2) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: 'chaff-corrections.json' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  status(t('optionsExported'));
}

/** Imports a JSON file: checked as a whole; on any error nothing changes and the error is shown. */
async function importFile(file) {
  $('corrections-error').textContent = '';
  try {
    const sites = await importCorrections(await file.text());
    renderCorrections(await loadAllCorrections());
    status(t('optionsImported', [String(sites)]));
  } catch (e) {
    const what = e && typeof e.key === 'string' ? t(e.key) + (e.detail ? ` (${e.detail})` : '') : String(e?.message ?? e);
    $('corrections-error').textContent = t('optionsImportFailed', [what]);
  } finally {
    $('import').value = '';
  }
}

/** Says where the settings are kept: the browser's sync storage or this device. */
function renderArea(area) {
  $('storage').textContent = t(area === 'sync' ? 'optionsStorageSync' : 'optionsStorageLocal');
  $('storage').dataset.area = area;
}

let settingsReads = 0;

async function main() {
  localize();
  const { settings, area } = await loadSettingsWith();
  renderKinds(settings.hiddenKinds);
  renderSites(settings.disabledSites);
  renderArea(area);
  renderCorrections(await loadAllCorrections());
  $('export').addEventListener('click', () => exportAll().catch((e) => ($('corrections-error').textContent = String(e?.message ?? e))));
  $('import').addEventListener('change', () => {
    const file = $('import').files?.[0];
    if (file) importFile(file);
  });
  $('defaults').addEventListener('click', async () => {
    await setHiddenKinds([...HIDDEN_BY_DEFAULT]);
    renderKinds([...HIDDEN_BY_DEFAULT]);
    status(t('optionsSaved'));
  });
  api.storage.onChanged.addListener((changes, areaName) => {
    if (Object.keys(changes).some((k) => k.startsWith(CORRECTIONS_PREFIX))) {
      loadAllCorrections().then(renderCorrections).catch(() => {});
    }
    if (!changesSettings(changes, areaName)) return;
    const read = ++settingsReads;
    loadSettingsWith()
      .then((got) => {
        if (read !== settingsReads) return; // a later change's read renders instead
        renderSites(got.settings.disabledSites);
        renderArea(got.area);
      })
      .catch(() => {});
  });
}

main().catch((e) => {
  $('status').textContent = e instanceof Error ? e.message : String(e);
});
