// The popup and the options page from the keyboard and for a screen reader,
// and their dark theme: the same checks in both browsers, through a view of
// an open extension page:
//   V.eval(fn, arg)     runs fn(arg) in the page, awaits its promise
//   V.key(name)         presses a key ('Tab', 'Shift+Tab', ' ') in the page
//   V.ax(selector)      { role, name } as the browser's accessibility tree has them
//   V.dark(on)          emulates prefers-color-scheme: dark (or light)
import assert from 'node:assert/strict';
import { HIDDEN_BY_DEFAULT as DEFAULT_SET } from './expect.mjs';
import { sleep, until } from './wait.mjs';

const HIDDEN_BY_DEFAULT = [...DEFAULT_SET];



const KINDS = ['paywall', 'app-promo', 'link-farm', 'newsletter', 'social', 'ad', 'consent', 'comments', 'navigation'];

/** In the page: the focused element, and whether it shows a focus ring. */
function focusInfo() {
  const el = document.activeElement;
  if (!el || el === document.body) return { id: null };
  const cs = getComputedStyle(el);
  return {
    id: el.id || el.closest('li')?.dataset.host || el.tagName,
    ring: el.matches(':focus-visible') && cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
  };
}

/** In the page: blurs whatever has focus, so that Tab starts at the top. */
function resetFocus() {
  document.activeElement?.blur?.();
  // Blurring leaves the sequential navigation's starting point where the
  // focus was (a "Remove" button with controls after it): start from <body>.
  document.body.tabIndex = -1;
  document.body.focus();
  document.body.removeAttribute('tabindex');
  document.activeElement?.blur?.();
  window.focus();
  return true;
}

/** Tabs through the page: the ids met, each checked for a visible focus ring. */
async function tabOrder(V, n) {
  await V.eval(resetFocus);
  const ids = [];
  for (let i = 0; i < n; i++) {
    await V.key('Tab');
    const f = await V.eval(focusInfo);
    assert.ok(f.id !== null, `Tab ${i + 1} focuses something`);
    assert.equal(f.ring, true, `${f.id}: a visible focus ring`);
    ids.push(f.id);
  }
  return ids;
}

/** In the page: colours of the page and of its text. */
function colours() {
  const rgb = (s) => s.match(/[\d.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => {
    const f = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const bg = getComputedStyle(document.body).backgroundColor;
  const fg = getComputedStyle(document.body).color;
  const muted = document.querySelector('.muted:not([hidden])');
  const mutedFg = muted ? getComputedStyle(muted).color : fg;
  return {
    dark: matchMedia('(prefers-color-scheme: dark)').matches,
    bg,
    fg,
    text: ratio(fg, bg),
    muted: ratio(mutedFg, bg),
  };
}

/** Light and dark: the page follows prefers-color-scheme, readable in both. */
async function darkMode(V) {
  await V.dark(false);
  const light = await V.eval(colours);
  await V.dark(true);
  const dark = await V.eval(colours);
  await V.dark(false);
  assert.equal(light.dark, false);
  assert.equal(dark.dark, true, 'dark mode is emulated');
  assert.notEqual(dark.bg, light.bg, 'the background changes');
  assert.notEqual(dark.fg, light.fg, 'the text colour changes');
  for (const [mode, c] of [['light', light], ['dark', dark]]) {
    assert.ok(c.text >= 7, `${mode}: text contrast ${c.text.toFixed(1)}`);
    assert.ok(c.muted >= 4.5, `${mode}: muted text contrast ${c.muted.toFixed(1)}`);
  }
}

// ------------------------------------------------------------- options ---

export async function optionsNames(V, expectName) {
  for (const kind of KINDS) {
    const ax = await V.ax(`#kind-${kind}`);
    assert.equal(ax.role, 'switch', `#kind-${kind}`);
    assert.equal(ax.name, expectName(kind), `#kind-${kind} is named by its label`);
  }
  const described = await V.eval(() =>
    [...document.querySelectorAll('#kinds input')].every((b) => {
      const d = document.getElementById(b.getAttribute('aria-describedby'));
      return d !== null && d.textContent.length > 0;
    }),
  );
  assert.ok(described, 'every switch is described by the line under it');
  assert.deepEqual(await V.ax('#defaults'), { role: 'button', name: 'Restore defaults' });
  const lists = await V.eval(() => ['kinds', 'sites'].map((id) => document.getElementById(document.getElementById(id).getAttribute('aria-labelledby'))?.textContent));
  assert.deepEqual(lists, ['Hide these kinds of blocks', 'Sites where Chaff is off']);
  const live = await V.eval(() => {
    const s = document.getElementById('status');
    return [s.getAttribute('role'), s.getAttribute('aria-live')];
  });
  assert.deepEqual(live, ['status', 'polite']);
}

/** Tab order: the kinds in order, then "Restore defaults", then each site's "Remove". */
export async function optionsKeyboard(V, settings) {
  await V.eval(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    await api.storage.local.set({ disabledSites: ['a.example', 'b.example'] });
    return true;
  });
  await until('the sites listed', () => V.eval(() => document.querySelectorAll('#sites button').length === 2));
  const ids = await tabOrder(V, KINDS.length + 3);
  assert.deepEqual(ids, [...KINDS.map((k) => `kind-${k}`), 'defaults', 'a.example', 'b.example']);
  const remove = await V.ax('#sites li:first-child button');
  assert.deepEqual(remove, { role: 'button', name: 'Remove' });

  // Space on the focused "Remove" of b.example: removed, focus stays in the list.
  await V.key(' ');
  await until('b.example removed', async () => (await settings()).disabledSites?.join() === 'a.example');
  await until('focus on the row that is left', async () => (await V.eval(focusInfo)).id === 'a.example');
  await V.key(' ');
  await until('a.example removed', async () => (await settings()).disabledSites?.length === 0);
  await until('focus on the heading', () => V.eval(() => document.activeElement?.id === 'sites-heading'));
  await until('the change announced', () => V.eval(() => document.getElementById('status').textContent.includes('a.example')));

  // Tab to the last kind's switch; Space turns it on, and it is saved.
  await V.eval(resetFocus);
  for (let i = 0; i < KINDS.length; i++) await V.key('Tab');
  assert.equal((await V.eval(focusInfo)).id, 'kind-navigation');
  await V.key(' ');
  await until('navigation hidden', async () => (await settings()).hiddenKinds?.includes('navigation'));
  await until('"Saved." announced', () => V.eval(() => document.getElementById('status').textContent === 'Saved.'));
  await V.key('Tab');
  await V.key(' '); // Restore defaults
  await until('defaults restored', async () => {
    const k = (await settings()).hiddenKinds ?? [];
    return k.length === HIDDEN_BY_DEFAULT.length && !k.includes('navigation');
  });
  await until('the switch shown off', () => V.eval(() => document.getElementById('kind-navigation').checked === false));
}

export const optionsDark = darkMode;

// --------------------------------------------------------------- popup ---

/** Names, roles, tab order and focus rings of the popup over a cleaned page. */
export async function popupNamesAndKeys(V, host) {
  await until('the counts', () => V.eval(() => /\d+ blocks hidden/.test(document.getElementById('total').textContent)));
  const enabled = await V.ax('#enabled');
  assert.equal(enabled.role, 'switch');
  assert.match(enabled.name, new RegExp(`^Clean this site\\s+${host.replaceAll('.', '\\.')}$`));
  assert.deepEqual(await V.ax('#reveal'), { role: 'checkbox', name: 'Show what was hidden' });
  assert.deepEqual(await V.ax('#pick'), { role: 'button', name: 'Hide something else…' });
  assert.deepEqual(await V.ax('#options'), { role: 'button', name: 'Settings' });
  assert.equal((await V.ax('#kinds')).name, 'Blocks found on this page');
  const live = await V.eval(() => {
    const s = document.getElementById('total');
    return [s.getAttribute('role'), s.getAttribute('aria-live'), s.getAttribute('aria-atomic')];
  });
  assert.deepEqual(live, ['status', 'polite', 'true']);
  assert.deepEqual(await tabOrder(V, 4), ['enabled', 'reveal', 'pick', 'options']);
}

/**
 * The count of hidden blocks is a live region, written once per change:
 * hiding one kind fewer changes it once, and back.
 */
export async function popupLiveCount(V) {
  const before = await V.eval(() => {
    window.__writes = [];
    const total = document.getElementById('total');
    new MutationObserver(() => window.__writes.push(total.textContent)).observe(total, {
      childList: true,
      characterData: true,
      subtree: true,
    });
    return total.textContent;
  });
  const n = Number(before.match(/\d+/)[0]);
  await V.eval(async (kinds) => {
    const api = globalThis.browser ?? globalThis.chrome;
    await api.storage.local.set({ hiddenKinds: kinds });
    return true;
  }, HIDDEN_BY_DEFAULT.filter((k) => k !== 'ad'));
  await until('one block fewer', () => V.eval((t) => document.getElementById('total').textContent === t, `${n - 1} blocks hidden`));
  await V.eval(async () => {
    const api = globalThis.browser ?? globalThis.chrome;
    await api.storage.local.remove('hiddenKinds');
    return true;
  });
  await until('back', () => V.eval((t) => document.getElementById('total').textContent === t, before));
  await sleep(300);
  const writes = await V.eval(() => window.__writes);
  assert.deepEqual(writes, [`${n - 1} blocks hidden`, before], 'announced once per change');
}

export const popupDark = darkMode;
