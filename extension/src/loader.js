// The statically declared content script. Manifest V3 content scripts are
// classic scripts, so this loader only imports the real content script, an
// ES module shipped in the package (listed in web_accessible_resources, as
// dynamic import from a content script requires). The module runs in the
// content script's isolated world, with the same extension APIs.
//
// Why a loader rather than a bundle: the extension then ships exactly the
// modules that the tests, the background and the demo page use, and the
// wasm-bindgen glue (an ES module) is loaded as wasm-pack wrote it, with no
// build-time rewriting. The cost is that these files are web-accessible;
// see PERMISSIONS.md.
//
// Nothing may reach the page's console: failures are reported to the
// background, which shows them in the popup.
(() => {
  'use strict';
  // Start-up cost (injection to first classification) is measured from here.
  try {
    performance.mark('chaff:loader-start');
  } catch {
    // No timeline: nothing to mark.
  }
  const report = (e) => {
    try {
      const ext = typeof browser !== 'undefined' ? browser : chrome;
      const message = { type: 'report', state: { error: String((e && e.message) || e), enabled: false } };
      const p = ext.runtime.sendMessage(message);
      if (p && typeof p.catch === 'function') p.catch(() => {});
    } catch {
      // Orphaned after an extension reload: stay silent.
    }
  };
  try {
    const loading =
      typeof browser !== 'undefined' && browser.runtime
        ? import(browser.runtime.getURL('src/content.js'))
        : import(chrome.runtime.getURL('src/content.js'));
    loading.then((m) => m.start()).catch(report);
  } catch (e) {
    report(e);
  }
})();
