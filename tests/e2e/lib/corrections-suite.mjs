// Issue 10 part 2, "corrections by the user", for both browsers, on
// tests/e2e/pages/article.html with the keyword stand-in core (fake-wasm:
// classes name the kinds). `B` adapts one browser:
//   goto(path)             loads server.origin + path in the test's tab
//   eval(fn, arg)          runs fn in that page (awaits a promise)
//   key(name)              presses 'Tab', 'Enter' or ' ' in that page
//   waitForPasses(n)       the page's chaff:clean measures
//   state(), tell(msg)     the content script's state / a message to it
//   areas()                { local, sync }: both storage areas
//   options.open()         opens the options page (once) in a tab of its own
//   options.eval(fn, arg)  runs fn in the options page (awaits a promise)
//   options.key(name)      presses a key in the options page
import { until } from './wait.mjs';
import { CHROME_LABELS } from './expect.mjs';


const KEY = 'corrections:127.0.0.1';
const PAGE = '/e2e/pages/article.html';

/** The site's corrections as the extension reads them: local's where present, else sync's. */
async function stored(B) {
  const { local, sync } = await B.areas();
  return local[KEY] !== undefined ? local[KEY] : sync[KEY];
}

/** Waits until the site's corrections hide `n` blocks; returns them. */
function storedHides(B, n, what) {
  return until(what, async () => {
    const c = await stored(B);
    return c?.hide?.length === n && c;
  });
}

/**
 * "Keep this" from the keyboard: in "show what was hidden", Tab from the top
 * of the page reaches the first outlined block's button, Enter keeps it: it
 * is shown, remembered as a selector in settings storage (sync), and kept on
 * the next visit, early sheet included; off with the mode, Chaff's element
 * leaves the page.
 */
export async function keepThis(B, assert, EN) {
  await B.goto(PAGE);
  await B.waitForPasses(1);
  const before = await B.state();
  assert.equal(before.error, null);
  assert.equal(await B.eval(() => document.getElementById('ad-1').hasAttribute('data-chaff-hide')), true, 'the ad is hidden');
  assert.equal(await B.eval(() => document.querySelector('chaff-keep')), null, 'no element of Chaff outside "show what was hidden"');

  await B.tell({ type: 'set-reveal', on: true });
  const names = (await until('the buttons', async () => {
    const s = await B.state();
    return s.keepButtons.length > 0 && s.keepButtons;
  }));
  assert.equal(names.length, before.total, 'one button per outlined block');
  const keepName = (kind) => EN.keepThisKind.message.replace('$KIND$', EN[`label_${kind}`].message);
  assert.equal(names[0], keepName('ad'), 'named by what it keeps, the first block first');
  // Chaff's element: one, between <head> and <body>, its shadow root closed.
  const el = await B.eval(() => {
    const k = document.querySelectorAll('chaff-keep');
    return { n: k.length, prev: k[0].previousElementSibling.localName, next: k[0].nextElementSibling.localName, open: k[0].shadowRoot !== null };
  });
  assert.deepEqual(el, { n: 1, prev: 'head', next: 'body', open: false });

  // Tab from the top of the page: the first "Keep this"; Enter keeps the ad.
  await B.eval(() => {
    document.activeElement?.blur();
    window.getSelection().removeAllRanges();
    return true;
  });
  await B.key('Tab');
  assert.equal(await B.eval(() => document.activeElement.localName), 'chaff-keep', 'Tab reaches the buttons first');
  await B.key('Enter');
  const c = await until('the correction stored', () => stored(B));
  assert.deepEqual(c.keep, ['#ad-1'], 'remembered by its id');
  assert.deepEqual(c.hide, []);
  const { sync } = await B.areas();
  assert.deepEqual(sync[KEY]?.keep, ['#ad-1'], 'in storage.sync, with the settings');
  await until('the ad shown', () => B.eval(() => !document.getElementById('ad-1').hasAttribute('data-chaff-hide')));
  const after = await until('one button fewer', async () => {
    const s = await B.state();
    return s.keepButtons.length === names.length - 1 && s;
  });
  assert.equal(after.keepButtons[0], names[1], 'the next block is first now');
  assert.deepEqual(after.corrections, { keep: 1, hide: 0 });
  assert.equal(after.hidden.ad ?? 0, 0);
  assert.equal(await B.eval(() => document.activeElement.localName), 'chaff-keep', 'focus stays on the buttons (the next one)');
  // Enter again: the next block is kept too; then undo it on the options page later.
  await B.key('Enter');
  await until('two kept', async () => (await stored(B))?.keep?.length === 2);

  await B.tell({ type: 'set-reveal', on: false });
  await until('Chaff\'s element gone', () => B.eval(() => document.querySelector('chaff-keep') === null));
  assert.equal(await B.eval(() => document.getElementById('ad-1').checkVisibility()), true, 'kept: shown with the mode off');

  // The next visit: kept from the start (the learned sheet leaves it alone too).
  await B.goto(PAGE);
  await B.waitForPasses(1);
  const again = await B.state();
  assert.deepEqual(again.corrections, { keep: 2, hide: 0 });
  assert.equal(await B.eval(() => document.getElementById('ad-1').checkVisibility()), true, 'kept on the next visit');
  assert.equal(again.error, null);
  return (await stored(B)).keep;
}

/**
 * The options page: the corrections listed per site, undone from the
 * keyboard, exported as JSON, imported (bad JSON and wrong shapes refused,
 * changing nothing), and an imported hide applied before the core's
 * decisions: it hides article text, never <body> or Chaff's own element.
 */
export async function manage(B, assert, EN, kept) {
  const O = B.options;
  await O.open();
  await until('the list', () => O.eval(() => document.querySelectorAll('#corrections button').length === 2));
  const rows = await O.eval(() => [...document.querySelectorAll('#corrections button')].map((b) => ({
    name: b.textContent,
    host: b.dataset.host,
    s: b.dataset.selector,
    described: document.getElementById(b.getAttribute('aria-describedby'))?.textContent ?? '',
  })));
  assert.deepEqual(rows.map((r) => [r.name, r.host, r.s]), kept.map((s) => [EN.optionsUndo.message, '127.0.0.1', s]));
  assert.ok(rows[0].described.startsWith(EN.optionsCorrectionKept.message), 'each Undo is described by its rule');

  // Export: the file's JSON (the download's blob, caught on its way out).
  const exported = await O.eval(async () => {
    const real = URL.createObjectURL;
    let blob = null;
    URL.createObjectURL = (b) => {
      blob = b;
      return real.call(URL, b);
    };
    try {
      document.getElementById('export').click();
      for (let i = 0; i < 50 && blob === null; i++) await new Promise((r) => setTimeout(r, 100));
      return blob === null ? null : JSON.parse(await blob.text());
    } finally {
      URL.createObjectURL = real;
    }
  });
  assert.deepEqual(exported, { format: 'chaff-corrections', version: 1, sites: { '127.0.0.1': { keep: kept, hide: [] } } });

  // Undo the second from the keyboard: focus moves to the one left.
  await O.eval(() => {
    document.querySelectorAll('#corrections button')[1].focus();
    return true;
  });
  await O.key(' ');
  await until('one undone', async () => (await stored(B))?.keep?.length === 1);
  await until('focus on the row left', () => O.eval(() => document.activeElement?.dataset?.selector === '#ad-1'));
  await until('announced', () => O.eval(() => document.getElementById('status').textContent.includes('127.0.0.1')));

  // Imports that are refused change nothing and say why.
  const importText = (text) =>
    O.eval(async (t) => {
      const input = document.getElementById('import');
      const dt = new DataTransfer();
      dt.items.add(new File([t], 'corrections.json', { type: 'application/json' }));
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    }, text);
  const errorText = () => O.eval(() => document.getElementById('corrections-error').textContent);
  const before = JSON.stringify(await B.areas());
  for (const [text, key] of [
    ['{ not json', 'importBadJson'],
    [JSON.stringify({ sites: {} }), 'importBadFormat'],
    [JSON.stringify({ format: 'chaff-corrections', version: 1, sites: { '127.0.0.1': { hide: [{ s: '#p2', l: 'content' }] } } }), 'importBadEntry'],
  ]) {
    await importText(text);
    const shown = await until(`the error for ${key}`, async () => {
      const e = await errorText();
      return e.includes(EN[key].message) && e;
    });
    assert.ok(shown.startsWith(EN.optionsImportFailed.message.split('$ERROR$')[0]), shown);
    assert.equal(await O.eval(() => document.getElementById('corrections-error').getAttribute('role')), 'alert');
    assert.equal(JSON.stringify(await B.areas()), before, `${key}: nothing changed`);
  }

  // A good import: merged; its hide rules hide article text, but never
  // <body> or Chaff's own element.
  const doc = {
    format: 'chaff-corrections',
    version: 1,
    sites: { '127.0.0.1': { keep: [], hide: [{ s: '#p2', l: 'ad' }, { s: 'body', l: 'ad' }, { s: 'chaff-keep', l: 'ad' }] } },
  };
  await importText(JSON.stringify(doc));
  await storedHides(B, 3, 'imported');
  assert.equal(await errorText(), '');
  await until('the list shows them', () => O.eval(() => document.querySelectorAll('#corrections button').length === 4));
  assert.deepEqual((await stored(B)).keep, ['#ad-1'], 'merged with what was there');

  // The open page follows (storage.onChanged), in both modes.
  await until('#p2 hidden as the user said', () => B.eval(() => document.getElementById('p2').getAttribute('data-chaff-hide') === 'ad'));
  const s = await B.state();
  assert.deepEqual(s.corrections, { keep: 1, hide: 3 });
  assert.equal(await B.eval(() => document.getElementById('p2').checkVisibility()), false);
  assert.equal(await B.eval(() => document.body.hasAttribute('data-chaff-hide') || !document.body.checkVisibility()), false, '<body> is never hidden');
  await B.tell({ type: 'set-reveal', on: true });
  const shown = await until('buttons', async () => {
    const st = await B.state();
    return st.keepButtons.length > 0 && st;
  });
  assert.equal(await B.eval(() => document.querySelector('chaff-keep').hasAttribute('data-chaff-hide')), false, 'Chaff\'s own element is never hidden');
  assert.ok(shown.keepButtons.includes(EN.keepShowAgainKind.message.replace('$KIND$', EN.label_ad.message)), 'a block the user hid offers "Show again"');
  await B.tell({ type: 'set-reveal', on: false });

  // A reload: the user's hide holds from the start.
  await B.goto(PAGE);
  await B.waitForPasses(1);
  assert.equal(await B.eval(() => document.getElementById('p2').checkVisibility()), false, '#p2 hidden on the next visit');
  assert.equal(await B.eval(() => document.getElementById('ad-1').checkVisibility()), true, '#ad-1 still kept');

  // Undo everything: the page is as the core would have it.
  for (let n = 4; n > 0; n--) {
    await O.eval(() => {
      document.querySelector('#corrections button').click();
      return true;
    });
    await until(`${n - 1} left`, () => O.eval((k) => document.querySelectorAll('#corrections button').length === k, n - 1));
  }
  assert.equal(await stored(B), undefined, 'the site is forgotten when nothing is left');
  assert.equal(await O.eval(() => document.getElementById('no-corrections').hidden), false);
  await until('#p2 shown again', () => B.eval(() => document.getElementById('p2').checkVisibility()));
  await until('#ad-1 hidden again', () => B.eval(() => document.getElementById('ad-1').getAttribute('data-chaff-hide') === 'ad'));
  const end = await B.state();
  assert.deepEqual(end.corrections, { keep: 0, hide: 0 });
  assert.equal(end.error, null);
}

/**
 * "Hide something else": the picker, started as the popup starts it. The
 * pointer chooses a block, the arrows move to its siblings, parent and
 * child, Enter on "Hide" hides it as the kind offered first (the core's
 * label of the block or of its nearest labelled ancestor, else
 * `defaultKind`), Esc cancels; <body> is refused; the page sees neither the
 * choosing click nor the arrows; another kind chosen from the keyboard is
 * the kind stored. Extra adapter calls: B.hover(sel), B.click(sel), B.key('ArrowLeft'|'ArrowUp'|'ArrowDown'|'Escape'|'Shift+Tab'); B.hover moves the pointer away first, so that each hover is a move.
 */
export async function pick(B, assert, defaultKind) {
  await B.goto(PAGE);
  await B.waitForPasses(1);
  assert.equal(await stored(B), undefined, 'no corrections yet');
  const picking = async () => (await B.state()).picking;
  const start = async () => {
    await B.tell({ type: 'start-picker' });
    await until('the picker', async () => (await picking()) === true);
    await until('its element, focused', () => B.eval(() => document.activeElement?.localName === 'chaff-pick'));
  };

  // The pointer on #p2 (text only): it is chosen; Enter on "Hide".
  await start();
  assert.deepEqual(await B.eval(() => {
    const k = document.querySelector('chaff-pick');
    return [k.previousElementSibling.localName, k.nextElementSibling.localName, k.shadowRoot];
  }), ['head', 'body', null]);
  await B.hover('#p2');
  await B.key('Enter');
  let c = await until('#p2 stored', () => stored(B));
  assert.deepEqual(c.hide, [{ s: '#p2', l: defaultKind }], 'article text: the policy\'s first default kind offered first');
  await until('#p2 hidden', () => B.eval((k) => document.getElementById('p2').getAttribute('data-chaff-hide') === k, defaultKind));
  assert.equal(await picking(), false, 'the picker ends');
  await until('Chaff\'s element gone', () => B.eval(() => document.querySelector('chaff-pick') === null), 6000);

  // From #p3, ← to the newsletter box before it (hidden, but an element all
  // the same), whose kind the core said: offered first.
  await start();
  await B.hover('#p3');
  await B.key('ArrowLeft');
  await B.key('Enter');
  c = await storedHides(B, 2, 'the newsletter stored');
  assert.deepEqual(c.hide[1], { s: 'div.newsletter', l: 'newsletter' }, 'the core\'s label offered first');

  // ↑ to <article>, ↑ to <body>: refused, the picker stays; Esc cancels, nothing stored.
  await start();
  await B.hover('#p3');
  await B.key('ArrowUp');
  await B.key('ArrowUp');
  await B.key('Enter');
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(await picking(), true, '<body> is not hidden; still picking');
  assert.equal((await stored(B)).hide.length, 2);
  await B.key('Escape');
  await until('cancelled', async () => (await picking()) === false);
  assert.equal((await stored(B)).hide.length, 2, 'Esc stores nothing');
  assert.equal(await B.eval(() => document.body.hasAttribute('data-chaff-hide')), false);

  // A click chooses #p3 and the page does not see it; Enter hides it.
  await B.eval(() => {
    window.__clicks = 0;
    document.addEventListener('click', () => window.__clicks++);
    return true;
  });
  await start();
  await B.click('#p3');
  assert.equal(await B.eval(() => window.__clicks), 0, 'the page did not see the choosing click');
  assert.equal(await picking(), true);
  await B.key('Enter');
  c = await storedHides(B, 3, '#p3 stored');
  assert.equal(c.hide[2].s, '#p3');
  await until('#p3 hidden', () => B.eval(() => !document.getElementById('p3').checkVisibility()));

  // Another kind than the one offered first, from the keyboard: Shift+Tab
  // from "Hide" to the kind chooser, ↓ to the next kind, Tab back, Enter.
  await start();
  await B.hover('.byline'); // labelled by nothing around it: the default kind offered first
  await B.key('Shift+Tab');
  await B.key('ArrowDown');
  await B.key('Tab');
  await B.key('Enter');
  c = await storedHides(B, 4, 'the byline stored');
  const chosen = CHROME_LABELS.filter((l) => l !== defaultKind)[0];
  assert.match(c.hide[3].s, /byline/);
  assert.equal(c.hide[3].l, chosen, `stored as the kind chosen (${chosen}), not the one offered first (${defaultKind})`);
  await until('the byline hidden as that kind', () =>
    B.eval((k) => document.querySelector('.byline').getAttribute('data-chaff-hide') === k, chosen),
  );
  assert.equal((await B.state()).error, null);
  return c;
}

/**
 * Tabs through an extension page from its start until the control `id` has
 * the focus; false if it never does. P: { eval, key } of that page.
 */
async function tabTo(P, id) {
  await P.eval(() => {
    document.activeElement?.blur();
    return true;
  });
  for (let i = 0; i < 30; i++) {
    await P.key('Tab');
    if ((await P.eval(() => document.activeElement?.id ?? null)) === id) return true;
  }
  return false;
}

/**
 * Import and Export on the options page from the keyboard alone: Tab to the
 * file control, Space opens the file chooser, the file chosen is imported;
 * Tab to "Export corrections", Enter exports it as it was imported. Extra
 * adapter call: B.options.importByKey(key, text) presses `key` on the
 * focused file control, chooses a file holding `text`, and resolves to
 * whether the key opened the chooser.
 */
export async function exportImportByKeyboard(B, assert) {
  const O = B.options;
  await O.open();
  assert.equal(await stored(B), undefined, 'no corrections to start with');
  const site = { keep: ['#ad-1'], hide: [{ s: '#p2', l: 'ad' }] };
  const doc = { format: 'chaff-corrections', version: 1, sites: { '127.0.0.1': site } };

  try {
    assert.equal(await tabTo(O, 'import'), true, 'Tab reaches the import control');
    assert.equal(await O.importByKey(' ', JSON.stringify(doc)), true, 'Space opens the file chooser');
    const imported = await storedHides(B, 1, 'imported');
    assert.deepEqual([imported.keep, imported.hide], [site.keep, site.hide]);
    assert.equal(await O.eval(() => document.getElementById('corrections-error').textContent), '');
    await until('the list shows them', () => O.eval(() => document.querySelectorAll('#corrections button').length === 2));

    assert.equal(await tabTo(O, 'export'), true, 'Tab reaches Export');
    await O.eval(() => {
      const real = URL.createObjectURL;
      window.exportedBlob = null;
      URL.createObjectURL = (b) => {
        window.exportedBlob = b;
        URL.createObjectURL = real;
        return real.call(URL, b);
      };
      return true;
    });
    await O.key('Enter');
    const exported = await until('the export', () =>
      O.eval(async () => window.exportedBlob !== null && JSON.parse(await window.exportedBlob.text())),
    );
    assert.deepEqual(exported, doc);
  } finally {
    // Undone whatever happened, for the tests after this one.
    let left = await O.eval(() => document.querySelectorAll('#corrections button').length);
    for (; left > 0; left--) {
      await O.eval(() => {
        document.querySelector('#corrections button').click();
        return true;
      });
      await until(`${left - 1} left`, () => O.eval((k) => document.querySelectorAll('#corrections button').length === k, left - 1));
    }
  }
  assert.equal(await stored(B), undefined);
}

/**
 * The popup's "Hide something else" from the keyboard: Tab to it, Enter
 * starts the picker in the page; Esc there cancels it. Extra adapter call:
 * B.popup.open() opens the popup over the test's page and resolves to its
 * { eval, key, close }.
 */
export async function popupPickByKeyboard(B, assert) {
  await B.goto(PAGE);
  await B.waitForPasses(1);
  assert.equal((await B.state()).picking, false);
  const P = await B.popup.open();
  try {
    await until('the popup\'s summary', () => P.eval(() => !document.getElementById('summary').hidden));
    assert.equal(await tabTo(P, 'pick'), true, 'Tab reaches "Hide something else"');
    await P.key('Enter');
  } finally {
    await P.close();
  }
  await until('the picker', async () => (await B.state()).picking === true);
  assert.equal(await B.eval(() => document.querySelector('chaff-pick') !== null), true, 'its element in the page');
  await B.key('Escape');
  await until('cancelled', async () => (await B.state()).picking === false);
}

/** WCAG's contrast ratio of two computed colours ("rgb(r, g, b)"). */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
      const x = Number(v) / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * The "Keep this" buttons follow the colour scheme: a dark button under an
 * emulated `prefers-color-scheme: dark`, and their text readable (WCAG AA,
 * 4.5:1) in light and in dark. Extra adapter calls: B.dark(on) emulates the
 * scheme; B.keepButtonColours() is the first button's computed
 * { color, background } (its shadow root is closed to the page's scripts).
 */
export async function keepColours(B, assert) {
  await B.goto(PAGE);
  await B.waitForPasses(1);
  await B.tell({ type: 'set-reveal', on: true });
  await until('the buttons', async () => (await B.state()).keepButtons.length > 0);
  try {
    await B.dark(false);
    const light = await B.keepButtonColours();
    await B.dark(true);
    const dark = await B.keepButtonColours();
    assert.notEqual(dark.background, light.background, 'the background follows the scheme');
    assert.ok(contrast(dark.background, 'rgb(0, 0, 0)') < contrast(light.background, 'rgb(0, 0, 0)'), `a darker button in dark mode: ${dark.background}`);
    for (const [mode, c] of [['light', light], ['dark', dark]]) {
      const ratio = contrast(c.color, c.background);
      assert.ok(ratio >= 4.5, `${mode}: ${c.color} on ${c.background}, contrast ${ratio.toFixed(1)}`);
    }
  } finally {
    await B.dark(false);
    await B.tell({ type: 'set-reveal', on: false });
  }
}
