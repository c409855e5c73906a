// Issue 10 part 2 in Firefox: "Keep this" from the keyboard, and the
// corrections on the options page (lib/corrections-suite.mjs), with the
// keyword stand-in core.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { By, Key } from 'selenium-webdriver';
import { serve } from './lib/server.mjs';
import { fakeBuild } from './lib/build.mjs';
import { launchFirefox } from './lib/firefox.mjs';
import { exportImportByKeyboard, keepColours, keepThis, manage, pick, popupPickByKeyboard } from './lib/corrections-suite.mjs';
import { HIDDEN_BY_DEFAULT } from './lib/expect.mjs';
import { until } from './lib/wait.mjs';

const EN = JSON.parse(readFileSync(new URL('../../extension/_locales/en/messages.json', import.meta.url), 'utf8'));

describe('Firefox, corrections by the user', () => {
  let server;
  let ff;
  let B;
  let kept;

  before(async () => {
    server = await serve();
    ff = await launchFirefox(fakeBuild().xpi, { proxyPort: server.port });
    const { driver } = ff;
    const pageHandle = await driver.getWindowHandle();
    let optionsHandle = null;
    const run = async (handle, fn, arg) => {
      await driver.switchTo().window(handle);
      const r = await driver.executeAsyncScript(
        `const done = arguments[arguments.length - 1];
         Promise.resolve((${fn})(arguments[0])).then(done, (e) => done({ __error: String(e) }));`,
        arg,
      );
      if (r && typeof r === 'object' && '__error' in r) throw new Error(r.__error);
      return r;
    };
    const press = async (handle, name) => {
      await driver.switchTo().window(handle);
      const keys = { Tab: Key.TAB, Enter: Key.ENTER, ' ': Key.SPACE, Escape: Key.ESCAPE, ArrowUp: Key.ARROW_UP, ArrowDown: Key.ARROW_DOWN, ArrowLeft: Key.ARROW_LEFT, ArrowRight: Key.ARROW_RIGHT };
      if (name === 'Shift+Tab') await driver.actions().keyDown(Key.SHIFT).sendKeys(Key.TAB).keyUp(Key.SHIFT).perform();
      else await driver.actions().sendKeys(keys[name]).perform();
      await new Promise((r) => setTimeout(r, 50));
    };
    B = {
      goto: async (p) => {
        await driver.switchTo().window(pageHandle);
        await driver.get(server.origin + p);
      },
      eval: (fn, arg) => run(pageHandle, fn, arg),
      key: (name) => press(pageHandle, name),
      hover: async (sel) => {
        await driver.switchTo().window(pageHandle);
        await driver.actions().move({ x: 1, y: 1 }).perform();
        await driver.actions().move({ origin: await driver.findElement(By.css(sel)) }).perform();
      },
      click: async (sel) => {
        await driver.switchTo().window(pageHandle);
        await driver.actions().move({ origin: await driver.findElement(By.css(sel)) }).click().perform();
      },
      waitForPasses: async (n) => {
        await driver.switchTo().window(pageHandle);
        await ff.waitForPasses(n);
      },
      state: async () => {
        await driver.switchTo().window(pageHandle);
        return ff.state();
      },
      tell: async (msg) => {
        await driver.switchTo().window(pageHandle);
        return ff.tell(msg);
      },
      areas: async () => {
        await driver.switchTo().window(pageHandle);
        const s = await ff.settings();
        return { local: s.local, sync: s.sync };
      },
      dark: async (on) => {
        await driver.setContext('chrome');
        try {
          // 0: dark, 1: light (as in ui-firefox.test.mjs).
          await driver.executeScript('Services.prefs.setIntPref("layout.css.prefers-color-scheme.content-override", arguments[0]);', on ? 0 : 1);
        } finally {
          await driver.setContext('content');
        }
        await driver.switchTo().window(pageHandle);
        await driver.wait(async () => (await driver.executeScript(() => matchMedia('(prefers-color-scheme: dark)').matches)) === on, 5000);
      },
      keepButtonColours: async () => {
        // WebDriver reaches into closed shadow roots.
        await driver.switchTo().window(pageHandle);
        const root = await driver.findElement(By.css('chaff-keep')).getShadowRoot();
        const button = await root.findElement(By.css('button'));
        return { color: await button.getCssValue('color'), background: await button.getCssValue('background-color') };
      },
      options: {
        async open() {
          if (optionsHandle !== null) return;
          optionsHandle = await ff.openExtensionPage('options/options.html');
        },
        eval: (fn, arg) => run(optionsHandle, fn, arg),
        key: (name) => press(optionsHandle, name),
        // WebDriver cannot drive Firefox's native file chooser: the key's
        // activation is seen as the control's click (its default, opening
        // the chooser, prevented), and the file is then set by WebDriver.
        async importByKey(name, text) {
          await run(optionsHandle, () => {
            window.importActivated = false;
            document.getElementById('import').addEventListener('click', (e) => {
              window.importActivated = true;
              e.preventDefault();
            }, { once: true });
            return true;
          });
          await press(optionsHandle, name);
          const activated = await run(optionsHandle, () => window.importActivated);
          const file = join(mkdtempSync(join(tmpdir(), 'chaff-import-')), 'corrections.json');
          writeFileSync(file, text);
          await driver.findElement(By.css('#import')).sendKeys(file);
          return activated;
        },
      },
      popup: {
        async open() {
          // The real popup page, in a tab opened behind the page's: it asks for
          // the page's tab, as the toolbar popup would (ui-firefox.test.mjs).
          const handle = await ff.openExtensionPage('popup/popup.html', { background: true });
          return {
            eval: (fn, arg) => run(handle, fn, arg),
            key: (name) => press(handle, name),
            close: async () => {
              if ((await driver.getAllWindowHandles()).includes(handle)) {
                await driver.switchTo().window(handle);
                await driver.close();
              }
              await driver.switchTo().window(pageHandle);
            },
          };
        },
      },
    };
  });
  after(async () => {
    await ff?.close();
    await server?.close();
  });

  test('"Keep this" in "show what was hidden", from the keyboard, remembered for the site', async () => {
    kept = await keepThis(B, assert, EN);
  });

  test('options: listed, undone from the keyboard, exported, imported with checks; a hide applies first', async () => {
    await manage(B, assert, EN, kept);
  });

  test('options: Import and Export from the keyboard', () => exportImportByKeyboard(B, assert));

  test('"Hide something else": pointer and arrows choose, Enter hides, Esc cancels', async () => {
    await pick(B, assert, [...HIDDEN_BY_DEFAULT][0]);
    // Its panel's controls, named (WebDriver's computed role and label,
    // through the closed shadow root); the kind chooser offered first.
    await until('the last picker\'s element gone', () => B.eval(() => document.querySelector('chaff-pick') === null), 6000);
    await B.tell({ type: 'start-picker' });
    await until('the picker', async () => (await B.state()).picking === true);
    await B.hover('h1'); // shown (pick() hid the paragraphs), text only
    const { driver } = ff;
    const root = await driver.findElement(By.css('chaff-pick')).getShadowRoot();
    const ax = async (sel) => {
      const el = await root.findElement(By.css(sel));
      return { role: await el.getAriaRole(), name: await el.getAccessibleName() };
    };
    assert.deepEqual(await ax('.panel'), { role: 'dialog', name: EN.pickTitle.message }, 'the panel is a dialog named "Hide something else"');
    assert.deepEqual(await ax('button.hide'), { role: 'button', name: EN.pickHide.message }, '"Hide"');
    assert.deepEqual(await ax('button:not(.hide)'), { role: 'button', name: EN.pickCancel.message }, '"Cancel"');
    const kind = await ax('select');
    assert.equal(kind.role, 'combobox');
    assert.ok(kind.name.startsWith(EN.pickKind.message), `the kind chooser, named "Kind": ${kind.name}`);
    const chosen = EN.pickWhat.message.split('$TAG$')[0];
    assert.ok((await (await root.findElement(By.css('.what'))).getText()).startsWith(chosen + 'h1> Rivers are getting warmer'), 'what is chosen is said');
    await B.key('Escape');
    await until('cancelled', async () => (await B.state()).picking === false);
  });

  test('"Hide something else" from the popup by the keyboard: Tab to it, Enter starts the picker', () =>
    popupPickByKeyboard(B, assert));

  test('"Keep this" buttons in light and dark: readable in both', () => keepColours(B, assert));
});
