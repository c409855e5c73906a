// Sites whose pages' CSP refused the core's Wasm in the content script. In
// Chromium a content script compiles under the page's CSP, and a refused
// compile is visible to the page (a `securitypolicyviolation` event, and a
// CSP report to the site) and naming the extension. Where a site refused it
// once, later visits go straight to the background, which classifies under
// the extension's own CSP: the site sees one refusal, not one per page load.
//
// Storage (storage.local, on the device):
//   "wasmRefused"  { <host>: ms }   when the site's CSP last refused the core
// Bounded: the MAX_HOSTS most recent hosts; a refusal older than MAX_AGE_MS
// is ignored, and dropped at the next write: that site compiles again (it
// may have changed its CSP).

export const REFUSALS_KEY = 'wasmRefused';
const MAX_HOSTS = 200;
const MAX_AGE_MS = 30 * 24 * 3600 * 1000;

/** The stored refusals, checked: `{ host: ms }` with finite times only. */
export function readRefusals(value) {
  const out = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [host, t] of Object.entries(value)) {
    if (typeof t === 'number' && Number.isFinite(t) && host.length > 0 && host.length <= 253) out[host] = t;
  }
  return out;
}

/**
 * The host a document's CSP record goes under: its origin's (an about:blank
 * or srcdoc frame has its creator's origin, and its CSP); '' for an opaque
 * origin, which is never recorded.
 */
export function originHost(origin) {
  if (typeof origin !== 'string') return '';
  // An origin is "scheme://host" or "scheme://host:port" (an IPv6 host in
  // brackets), or "null". Read without `new URL`: nothing here makes a URL.
  const m = /^[a-z][a-z0-9+.-]*:\/\/(\[[0-9a-f:.]+\]|[^/:?#[\]@]+)(?::\d+)?$/i.exec(origin);
  return m === null ? '' : m[1].toLowerCase();
}

/**
 * Whether `host`'s CSP refused the core recently enough to skip compiling.
 * `stored`: the record as storage returned it (the whole map, at most
 * MAX_HOSTS entries), unchecked: only `host`'s entry is checked, not the
 * map (this runs on every page load).
 */
export function refusedBefore(stored, host, now = Date.now()) {
  if (stored === null || typeof stored !== 'object' || !Object.hasOwn(stored, host)) return false;
  const t = stored[host];
  return typeof t === 'number' && t <= now && now - t < MAX_AGE_MS;
}

/**
 * Whether a `securitypolicyviolation` event is the page's CSP refusing
 * Wasm compiled by the extension's own script (`origin`: its base URL), not
 * the page's, nor one the page made up. Chromium names such a source by its
 * scheme alone ("chrome-extension").
 */
export function isOwnWasmRefusal(event, origin) {
  const source = event.sourceFile;
  return (
    event.isTrusted === true &&
    event.blockedURI === 'wasm-eval' &&
    typeof source === 'string' &&
    source !== '' &&
    (source.startsWith(origin) || origin.startsWith(`${source}:`))
  );
}

/**
 * Records that `host` refused the core, keeping the MAX_HOSTS most recent
 * and dropping those older than MAX_AGE_MS.
 * `storage`: storage.local. Errors are the caller's to ignore: a lost record
 * only costs one more refusal.
 */
export async function rememberRefusal(storage, host, now = Date.now()) {
  const got = await storage.get(REFUSALS_KEY);
  const refusals = readRefusals(got[REFUSALS_KEY]);
  refusals[host] = now;
  const kept = Object.entries(refusals)
    .filter(([h]) => refusedBefore(refusals, h, now))
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_HOSTS);
  await storage.set({ [REFUSALS_KEY]: Object.fromEntries(kept) });
}
