// Issue 10 part 2 in Chromium: "Keep this" from the keyboard, and the
// corrections on the options page (lib/corrections-suite.mjs), with the
// keyword stand-in core.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serve } from './lib/server.mjs';
import { fakeBuild } from './lib/build.mjs';
import { launchChromium, waitForPasses } from './lib/chromium.mjs';
import { keepThis, manage } from './lib/corrections-suite.mjs';

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
    await p.keyboard.press(name === ' ' ? 'Space' : name);
  };

  before(async () => {
    server = await serve();
    chrome = await launchChromium(fakeBuild().chromium, { proxyPort: server.port });
    page = await chrome.newPage();
    B = {
      goto: (p) => page.goto(server.origin + p, { waitUntil: 'load' }),
      eval: (fn, arg) => page.evaluate(fn, arg),
      key: (name) => press(page, name),
      waitForPasses: (n) => waitForPasses(page, n),
      state: () => chrome.state(),
      tell: (msg) => chrome.tell(msg),
      areas: async () => {
        const s = await chrome.settings();
        return { local: s.local, sync: s.sync };
      },
      options: {
        async open() {
          if (options !== null) return;
          options = await chrome.browser.newPage();
          await options.goto(`chrome-extension://${chrome.extensionId}/options/options.html`, { waitUntil: 'load' });
        },
        eval: (fn, arg) => options.evaluate(fn, arg),
        key: (name) => press(options, name),
      },
    };
  });
  after(async () => {
    await chrome?.close();
    await server?.close();
  });

  test('"Keep this" in "show what was hidden", from the keyboard, remembered for the site', async () => {
    kept = await keepThis(B, assert, EN);
    // The buttons' names as the accessibility tree has them (the shadow root is closed to scripts, not to it).
    await chrome.tell({ type: 'set-reveal', on: true });
    await page.waitForFunction(() => document.querySelector('chaff-keep') !== null);
    const tree = await page.accessibility.snapshot({ interestingOnly: true });
    const buttons = [];
    const walk = (n) => {
      if (n.role === 'button' && n.name.startsWith('Keep this')) buttons.push(n.name);
      for (const c of n.children ?? []) walk(c);
    };
    walk(tree);
    assert.deepEqual(buttons, (await chrome.state()).keepButtons);
    await chrome.tell({ type: 'set-reveal', on: false });
    assert.deepEqual(page.extensionConsole, []);
  });

  test('options: listed, undone from the keyboard, exported, imported with checks; a hide applies first', async () => {
    await manage(B, assert, EN, kept);
    assert.deepEqual(page.extensionConsole, []);
  });
});
