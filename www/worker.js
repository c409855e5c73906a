// Runs the Chaff core (WebAssembly) off the main thread.
//
// In:  { id, type: 'warmup' }                      loads the module
//      { id, type: 'analyze', structure, strings }  a wire snapshot (src/wire.rs)
// Out: { id, ok: true, version, initMs, ms, result } where result is
//      analyze_wire's { blocks, title, byline, articleBody, markdown, nodes }
//      { id, ok: false, stage: 'load' | 'analyze', error }
//
// A Rust panic aborts the instance (panic = "abort" in the wasm build), so
// after any failure the page throws this worker away and starts a new one.

import init, { analyze_wire, version } from './chaff.js';

let ready = null;
let initMs = 0;

function load() {
  if (ready === null) {
    const t0 = performance.now();
    ready = init({ module_or_path: new URL('./chaff_bg.wasm', import.meta.url) }).then(() => {
      initMs = performance.now() - t0;
    });
  }
  return ready;
}

self.onmessage = async (event) => {
  const { id, type, structure, strings } = event.data ?? {};
  try {
    await load();
  } catch (e) {
    ready = null;
    self.postMessage({ id, ok: false, stage: 'load', error: message(e) });
    return;
  }
  if (type === 'warmup') {
    self.postMessage({ id, ok: true, version: version(), initMs });
    return;
  }
  try {
    const t0 = performance.now();
    const result = analyze_wire(structure, strings);
    const ms = performance.now() - t0;
    self.postMessage({ id, ok: true, version: version(), initMs, ms, result });
  } catch (e) {
    self.postMessage({ id, ok: false, stage: 'analyze', error: message(e) });
  }
};

function message(e) {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}
