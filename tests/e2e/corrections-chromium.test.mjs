// Issue 10 part 2 in Chromium: "Keep this" from the keyboard, and the
// corrections on the options page (lib/corrections-suite.mjs), with the
// keyword stand-in core.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from './lib/server.mjs';
import { fakeBuild } from './lib/build.mjs';
import { launchChromium, openPopup, waitForPasses } from './lib/chromium.mjs';
import { exportImportByKeyboard, keepColours, keepThis, manage, pick, popupPickByKeyboard } from './lib/corrections-suite.mjs';
import { HIDDEN_BY_DEFAULT } from './lib/expect.mjs';

/**
 * The page's accessibility tree, flattened: [{ role, name, value }] (closed
 * shadow roots are closed to scripts, not to it).
 */
async function axNodes(page) {
  const tree = await page.accessibility.snapshot({ interestingOnly: false });
  const out = [];
  const walk = (n) => {
    out.push({ role: n.role, name: n.name ?? '', value: n.value });
    for (const c of n.children ?? []) walk(c);
  };
  walk(tree);
  return out;
}

const EN = JSON.parse(readFileSync(new URL('../../extension/_locales/en/messages.json', import.meta.url), 'utf8'));

describe('Chromium, corrections by the user', () => {
  let server;
  let chrome;
  let page;
  let options = null;
  let B;
  let kept;

  const press = async (p, name) => {
    await p.bringToFront();
    if (name === 'Shift+Tab') {
      await p.keyboard.down('Shift');
      await p.keyboard.press('Tab');
      await p.keyboard.up('Shift');
    } else await p.keyboard.press(name === ' ' ? 'Space' : name);
    await new Promise((r) => setTimeout(r, 50));
  };

  before(async () => {
    server = await serve();
    chrome = await launchChromium(fakeBuild().chromium, { proxyPort: server.port });
    page = await chrome.newPage();
    B = {
      goto: (p) => page.goto(server.origin + p, { waitUntil: 'load' }),
      eval: (fn, arg) => page.evaluate(fn, arg),
      key: (name) => press(page, name),
      hover: async (sel) => {
        await page.bringToFront();
        await page.mouse.move(1, 1);
        await page.hover(sel);
      },
      click: async (sel) => {
        await page.bringToFront();
        await page.click(sel);
      },
      waitForPasses: (n) => waitForPasses(page, n),
      state: () => chrome.state(),
      tell: (msg) => chrome.tell(msg),
      areas: async () => {
        const s = await chrome.settings();
        return { local: s.local, sync: s.sync };
      },
      dark: (on) => page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: on ? 'dark' : 'light' }]),
      keepButtonColours: async () => {
        // The DOM domain pierces closed shadow roots.
        const cdp = await page.createCDPSession();
        try {
          const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
          const find = (n, pred) => {
            if (pred(n)) return n;
            for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) {
              const f = find(c, pred);
              if (f) return f;
            }
            return null;
          };
          const host = find(root, (n) => n.nodeName === 'CHAFF-KEEP');
          const button = find(host.shadowRoots[0], (n) => n.nodeName === 'BUTTON');
          const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: button.backendNodeId });
          const { result } = await cdp.send('Runtime.callFunctionOn', {
            objectId: object.objectId,
            functionDeclaration: 'function () { const s = getComputedStyle(this); return { color: s.color, background: s.backgroundColor }; }',
            returnByValue: true,
          });
          return result.value;
        } finally {
          await cdp.detach();
        }
      },
      options: {
        async open() {
          if (options !== null) return;
          options = await chrome.browser.newPage();
          await options.goto(`chrome-extension://${chrome.extensionId}/options/options.html`, { waitUntil: 'load' });
        },
        eval: (fn, arg) => options.evaluate(fn, arg),
        key: (name) => press(options, name),
        async importByKey(name, text) {
          const file = join(mkdtempSync(join(tmpdir(), 'chaff-import-')), 'corrections.json');
          writeFileSync(file, text);
          const [chooser] = await Promise.all([options.waitForFileChooser({ timeout: 5000 }), press(options, name)]);
          await chooser.accept([file]);
          return true;
        },
      },
      popup: {
        async open() {
          const popup = await openPopup(chrome, page);
          return {
            eval: (fn, arg) => popup.evaluate(fn, arg),
            key: (name) => press(popup, name),
            close: async () => {
              if (!popup.isClosed()) await popup.close();
            },
          };
        },
      },
    };
  });
  after(async () => {
    await chrome?.close();
    await server?.close();
  });

  test('"Keep this" in "show what was hidden", from the keyboard, remembered for the site', async () => {
    kept = await keepThis(B, assert, EN);
    // The buttons' names as the accessibility tree has them, and the status
    // line's count of outlined blocks.
    await chrome.tell({ type: 'set-reveal', on: true });
    await page.waitForFunction(() => document.querySelector('chaff-keep') !== null);
    const nodes = await axNodes(page);
    const buttons = nodes.filter((n) => n.role === 'button' && n.name.startsWith('Keep this')).map((n) => n.name);
    const state = await chrome.state();
    assert.deepEqual(buttons, state.keepButtons);
    const count = EN.keepCountMany.message.replace('$COUNT$', String(buttons.length));
    assert.ok(nodes.some((n) => n.role === 'status' && n.name.includes(count)) || nodes.some((n) => n.name === count), `the status line says "${count}"`);
    await chrome.tell({ type: 'set-reveal', on: false });
    assert.deepEqual(page.extensionConsole, []);
  });

  test('options: listed, undone from the keyboard, exported, imported with checks; a hide applies first', async () => {
    await manage(B, assert, EN, kept);
    assert.deepEqual(page.extensionConsole, []);
  });

  test('options: Import and Export from the keyboard', async () => {
    await exportImportByKeyboard(B, assert);
    assert.deepEqual(page.extensionConsole, []);
  });

  test('"Hide something else": the popup starts the picker; pointer and arrows choose, Enter hides, Esc cancels', async () => {
    await pick(B, assert, [...HIDDEN_BY_DEFAULT][0]);
    // The popup's button starts it (the real toolbar popup), and leaves.
    const popup = await openPopup(chrome, page);
    await popup.waitForFunction(() => !document.getElementById('summary').hidden);
    await popup.click('#pick');
    await page.waitForFunction(() => document.querySelector('chaff-pick') !== null, { timeout: 5000 });
    assert.equal((await chrome.state()).picking, true);
    // Its panel's controls, named; "Hide" has the focus; the kind is offered first.
    await B.hover('h1'); // shown (pick() hid the paragraphs), text only
    const nodes = await axNodes(page);
    const named = (role, name) => nodes.some((n) => n.role === role && n.name === name);
    assert.ok(named('dialog', EN.pickTitle.message), 'the panel is a dialog named "Hide something else"');
    assert.ok(named('button', EN.pickHide.message), '"Hide"');
    assert.ok(named('button', EN.pickCancel.message), '"Cancel"');
    assert.ok(nodes.some((n) => n.role === 'combobox' && n.name.startsWith(EN.pickKind.message)), 'the kind chooser, named "Kind"');
    const chosen = EN.pickWhat.message.split('$TAG$')[0];
    assert.ok(nodes.some((n) => n.name.startsWith(chosen + 'h1> Rivers are getting warmer')), 'what is chosen is said');
    await B.key('Escape');
    assert.deepEqual(page.extensionConsole, []);
  });

  test('"Hide something else" from the popup by the keyboard: Tab to it, Enter starts the picker', async () => {
    await popupPickByKeyboard(B, assert);
    assert.deepEqual(page.extensionConsole, []);
  });

  test('"Keep this" buttons in light and dark: readable in both', async () => {
    await keepColours(B, assert);
    assert.deepEqual(page.extensionConsole, []);
  });
});
