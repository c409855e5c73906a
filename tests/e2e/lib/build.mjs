// Extension builds for the end-to-end tests.
//
// realBuild(): dist/ as `make dist` builds it from extension/ and
// target/wasm-pkg, so the tests drive what ships; rebuilt here only when it
// is missing or older than its inputs (test files may run in parallel, and
// must not rebuild it under each other's feet).
// fakeBuild(): the same extension with tests/e2e/fake-wasm instead of the
// core, in a temporary folder, for tests of the extension's own mechanics
// (dynamic content, reveal mode, settings, errors) that must not depend on
// the classifier's accuracy.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(here, '..', '..', '..');
const BUILD = path.join(ROOT, 'extension', 'build.mjs');

let real = null;
export function realBuild() {
  const dist = path.join(ROOT, 'dist');
  if (real !== null) return real;
  const built = mtime(path.join(dist, 'chaff-firefox.xpi'));
  const inputs = Math.max(newest(path.join(ROOT, 'extension')), newest(path.join(ROOT, 'target', 'wasm-pkg')));
  if (built < inputs) execFileSync(process.execPath, [BUILD], { cwd: ROOT, stdio: 'pipe' });
  real = { chromium: path.join(dist, 'chromium'), firefox: path.join(dist, 'firefox'), xpi: path.join(dist, 'chaff-firefox.xpi') };
  return real;
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function newest(dir) {
  let t = 0;
  if (!fs.existsSync(dir)) return t;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) t = Math.max(t, mtime(path.join(e.parentPath ?? e.path, e.name)));
  }
  return t;
}

let fake = null;
export function fakeBuild() {
  if (fake !== null) return fake;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chaff-e2e-'));
  const wasmDir = path.join(tmp, 'wasm-pkg');
  fs.mkdirSync(wasmDir);
  fs.copyFileSync(path.join(here, '..', 'fake-wasm', 'chaff.js'), path.join(wasmDir, 'chaff.js'));
  // The smallest valid module: magic number and version.
  fs.writeFileSync(path.join(wasmDir, 'chaff_bg.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  const out = path.join(tmp, 'dist');
  execFileSync(process.execPath, [BUILD, '--wasm-dir', wasmDir, '--out', out], { cwd: ROOT, stdio: 'pipe' });
  fake = { chromium: path.join(out, 'chromium'), firefox: path.join(out, 'firefox'), xpi: path.join(out, 'chaff-firefox.xpi'), tmp };
  return fake;
}
