// Runs the Rust core (Wasm) on a snapshot: in the content script when the
// page lets it compile WebAssembly, otherwise in the background.
//
// Chromium compiles Wasm in a content script under the page's CSP, so on a
// page whose CSP has script-src without 'wasm-unsafe-eval' instantiation
// fails. The background's CSP (content_security_policy.extension_pages)
// allows 'wasm-unsafe-eval', so the snapshot goes there instead, as a
// runtime message (see background.js for the protocol).
import { classify_added_wire, classify_wire } from '../wasm/chaff.js';
import { api } from './api.js';
import { loadWasm } from './wasm-load.js';

let local = null; // Promise<boolean>: true once the module is instantiated here

/** Instantiates the Wasm module in this context; resolves false if it cannot. */
export function initLocal() {
  if (local === null) {
    local = (async () => {
      try {
        await loadWasm();
        return true;
      } catch (e) {
        localError = e instanceof Error ? e.message : String(e);
        return false;
      }
    })();
  }
  return local;
}

/** Why local instantiation failed, if it did (shown in the popup as a note). */
export let localError = null;

/**
 * Classifies a wire snapshot: `{ structure: Uint32Array, strings: string }`.
 * With `added`, the snapshot holds content added after load under its
 * ancestor chain (`snap.roots` marks the added subtrees), and only the
 * chrome filters run on it.
 * Resolves to `[{ node: number, label: string, confidence: number, reason: string }]`.
 * Rejects with an Error if the core rejects the snapshot or the background
 * cannot be reached.
 */
export async function classify(snap, { added = false } = {}) {
  const roots = added ? Uint32Array.from(snap.roots, (r) => r.start) : null;
  if (await initLocal()) {
    return added
      ? classify_added_wire(snap.structure, snap.strings, roots)
      : classify_wire(snap.structure, snap.strings);
  }
  // Chromium serialises runtime messages as JSON: a typed array would arrive
  // as an object, so the structure travels as a plain array of numbers.
  const reply = await api.runtime.sendMessage({
    type: 'classify',
    added,
    roots: added ? Array.from(roots) : undefined,
    structure: Array.from(snap.structure),
    strings: snap.strings,
  });
  if (reply === undefined || reply === null) throw new Error('no answer from the background');
  if (!reply.ok) throw new Error(reply.error || 'the background could not classify the page');
  return reply.blocks;
}
