// The WebExtension namespace: `browser` in Firefox, `chrome` in Chromium.
// Both return promises from the APIs Chaff uses under Manifest V3.
export const api = globalThis.browser ?? globalThis.chrome;
