// Instantiates the wasm-pack module from the extension package.
//
// The wasm-bindgen glue compiles with WebAssembly.instantiateStreaming when
// handed a Response served as application/wasm (V8 can then cache the
// compiled code), but logs a console warning and retries when the type is
// anything else. A content script must not write to the page's console, so
// Chaff checks the type itself and hands over the bytes when streaming would
// not work.
import init from '../wasm/chaff.js';
import { api } from './api.js';

export async function loadWasm() {
  const response = await fetch(api.runtime.getURL('wasm/chaff_bg.wasm'));
  if (!response.ok) throw new Error(`cannot load chaff_bg.wasm: HTTP ${response.status}`);
  const streaming =
    typeof WebAssembly.instantiateStreaming === 'function' &&
    response.headers.get('Content-Type') === 'application/wasm';
  await init({ module_or_path: streaming ? response : await response.arrayBuffer() });
}
