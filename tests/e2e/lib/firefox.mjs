// Headless Firefox ESR with the extension installed as a temporary add-on,
// through selenium-webdriver and geckodriver.
import { Builder } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const FIREFOX = process.env.FIREFOX_BIN || '/usr/bin/firefox-esr';
export const ADDON_ID = 'chaff@chaff.invalid';
// A fixed moz-extension:// host, so tests can open the extension's pages.
export const UUID = '6c1b0d51-7a0e-4c83-9f8e-3c9b2b7c0a11';

function geckodriver() {
  if (process.env.GECKODRIVER) return process.env.GECKODRIVER;
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), path.join(os.homedir(), '.cargo', 'bin')];
  for (const d of dirs) {
    const p = path.join(d, 'geckodriver');
    if (d && fs.existsSync(p)) return p;
  }
  throw new Error('geckodriver not found: run make setup (scripts/setup.sh installs it)');
}

export async function launchFirefox(xpi) {
  const options = new firefox.Options()
    .setBinary(FIREFOX)
    .addArguments('-headless')
    .setPreference('extensions.webextensions.uuids', JSON.stringify({ [ADDON_ID]: UUID }))
    .setPreference('network.proxy.type', 0)
    .setPreference('app.update.enabled', false);
  // --allow-system-access: the tests open moz-extension:// pages from the
  // browser's chrome context, which WebDriver navigation may not do itself.
  const service = new firefox.ServiceBuilder(geckodriver()).addArguments('--allow-system-access');
  const driver = await new Builder().forBrowser('firefox').setFirefoxOptions(options).setFirefoxService(service).build();
  await driver.installAddon(xpi, true);

  /** Opens an extension page (e.g. "options/options.html") in a new tab and switches to it. */
  async function openExtensionPage(rel) {
    const before = await driver.getAllWindowHandles();
    await driver.setContext('chrome');
    try {
      await driver.executeScript(
        `const w = Services.wm.getMostRecentWindow('navigator:browser');
         w.gBrowser.selectedTab = w.gBrowser.addTab(arguments[0], {
           triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
         });`,
        `moz-extension://${UUID}/${rel}`,
      );
    } finally {
      await driver.setContext('content');
    }
    for (let i = 0; i < 50; i++) {
      const handle = (await driver.getAllWindowHandles()).find((h) => !before.includes(h));
      if (handle) {
        await driver.switchTo().window(handle);
        return handle;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`could not open ${rel}`);
  }

  /** Resolves once the current page has finished `n` cleaning passes. */
  async function waitForPasses(n = 1, timeout = 15000) {
    await driver.wait(
      async () => driver.executeScript((k) => performance.getEntriesByName('chaff:clean').length >= k, n),
      timeout,
      `fewer than ${n} cleaning passes`,
    );
  }

  return { driver, openExtensionPage, waitForPasses, close: () => driver.quit() };
}
