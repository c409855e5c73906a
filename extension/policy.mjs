// The hiding policy as a JS module, written at build time from the core's
// own Wasm export `policy()` (src/policy.rs): the extension and the
// playground import it, and keep no list of labels of their own.
//
//   import { policyModule, readPolicy } from './policy.mjs';
//   fs.writeFileSync(out, await policyModule(wasmDir));

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The policy object, from the wasm-pack output in `wasmDir`. */
export async function readPolicy(wasmDir) {
  const glue = path.join(wasmDir, 'chaff.js');
  const bytes = fs.readFileSync(path.join(wasmDir, 'chaff_bg.wasm'));
  const core = await import(pathToFileURL(glue).href);
  core.initSync({ module: bytes });
  return core.policy();
}

/** The source of `policy.js` from the wasm-pack output in `wasmDir`. */
export async function policyModule(wasmDir) {
  const policy = await readPolicy(wasmDir);
  return (
    '// Generated at build time from the core (src/policy.rs, Wasm export policy()).\n' +
    '// Do not edit: change the policy in Rust.\n' +
    `export const POLICY = Object.freeze(${JSON.stringify(policy, null, 2)});\n`
  );
}
