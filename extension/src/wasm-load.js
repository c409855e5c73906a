// Instantiates the Wasm core (wasm-bindgen glue, `--target web`) in the
// background, from the package's own file.
//
// The bytes never come from a URL a web page could fetch: the background
// reads the package's own file (extension origin, no web-accessible
// resource needed), and the content script carries its own copy, put in its
// bundle at build time (classifier.js).
//
// The glue compiles with WebAssembly.instantiateStreaming when handed a
// Response served as application/wasm, but logs a console warning and
// retries when the type is anything else; Chaff checks the type itself and
// hands over the bytes when streaming would not work.
import init from '../wasm/chaff.js';
import { api } from './api.js';

/** The package's Wasm file, as a Response (extension pages and the background only). */
async function fetchPackageWasm() {
  const response = await fetch(api.runtime.getURL('wasm/chaff_bg.wasm'));
  if (!response.ok) throw new Error(`cannot load chaff_bg.wasm: HTTP ${response.status}`);
  return response;
}

/** Instantiates the core from the package (the background). */
export async function loadPackageWasm() {
  const response = await fetchPackageWasm();
  const streaming =
    typeof WebAssembly.instantiateStreaming === 'function' &&
    response.headers.get('Content-Type') === 'application/wasm';
  await init({ module_or_path: streaming ? response : await response.arrayBuffer() });
}
