// Options: which kinds are hidden, and the sites where Chaff is off.
// Every change is saved at once (storage.sync, or storage.local as a
// fallback: settings.js); content scripts pick it up through
// storage.onChanged.
import { api } from '../src/api.js';
import { CHROME_LABELS, HIDDEN_BY_DEFAULT, labelMessageKey } from '../src/labels.js';
import { changesSettings, loadSettingsWith, setHiddenKinds, setSiteEnabled } from '../src/settings.js';
import { el, localize, t } from '../src/i18n.js';

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

/** Says where the settings are kept: the browser's sync storage or this device. */
function renderArea(area) {
  $('storage').textContent = t(area === 'sync' ? 'optionsStorageSync' : 'optionsStorageLocal');
  $('storage').dataset.area = area;
}

async function main() {
  localize();
  const { settings, area } = await loadSettingsWith();
  renderKinds(settings.hiddenKinds);
  renderSites(settings.disabledSites);
  renderArea(area);
  $('defaults').addEventListener('click', async () => {
    await setHiddenKinds([...HIDDEN_BY_DEFAULT]);
    renderKinds([...HIDDEN_BY_DEFAULT]);
    status(t('optionsSaved'));
  });
  api.storage.onChanged.addListener((changes, areaName) => {
    if (!changesSettings(changes, areaName)) return;
    loadSettingsWith()
      .then((got) => {
        renderSites(got.settings.disabledSites);
        renderArea(got.area);
      })
      .catch(() => {});
  });
}

main().catch((e) => {
  $('status').textContent = e instanceof Error ? e.message : String(e);
});
