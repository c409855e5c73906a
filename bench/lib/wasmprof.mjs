// Where the Wasm core's time goes, by Rust function: the shipped
// chaff_bg.wasm has no name section (wasm-opt -Oz drops it), so this stage
// builds the same crate with the same release settings as `make wasm` into
// bench/.prof (its own CARGO_TARGET_DIR, so it never touches target/),
// runs wasm-bindgen without wasm-opt (names kept), and profiles
// classify_wire in Node (V8, like Chromium) on wire snapshots that
// snapshot.js makes from jsdom DOMs of the largest corpus pages.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import { pathToFileURL } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';
import { decode } from './text.mjs';

export function build(root, log) {
  const dir = path.join(root, 'bench', '.prof');
  const env = {
    ...process.env,
    CARGO_TARGET_DIR: path.join(dir, 'target'),
    CARGO_PROFILE_RELEASE_LTO: 'true',
    CARGO_PROFILE_RELEASE_OPT_LEVEL: '2',
    RUSTFLAGS: `${process.env.RUSTFLAGS ?? ''} -Cllvm-args=-inline-threshold=50`,
    CARGO_PROFILE_RELEASE_CODEGEN_UNITS: '1',
    CARGO_PROFILE_RELEASE_PANIC: 'abort',
    CARGO_TERM_PROGRESS_WHEN: 'never',
  };
  const features = (process.env.WASM_FEATURES ?? '').trim();
  const args = ['build', '--release', '--target', 'wasm32-unknown-unknown', '--no-default-features', '--lib'];
  if (features) args.push('--features', features);
  log?.(`wasm profile: cargo ${args.join(' ')} (CARGO_TARGET_DIR=bench/.prof/target)`);
  let r = spawnSync('cargo', args, { cwd: root, env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cargo build (named wasm) failed: ${r.stderr.slice(-1500)}`);
  const pkg = path.join(dir, 'pkg');
  r = spawnSync('wasm-bindgen', ['--target', 'web', '--out-dir', pkg, path.join(dir, 'target', 'wasm32-unknown-unknown', 'release', 'chaff.wasm')], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`wasm-bindgen failed: ${r.stderr.slice(-1500)}`);
  return pkg;
}

const clean = (name) => name.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '');

export async function profile({ source, corpus, names, pkg, pages = 4, seconds = 4 }) {
  // The walker's module (no imports) from the source tree: the build bundles it into content.js.
  const { snapshot } = await import(pathToFileURL(path.join(source, 'extension', 'src', 'snapshot.js')).href);
  const glue = await import(pathToFileURL(path.join(pkg, 'chaff.js')).href);
  glue.initSync({ module: fs.readFileSync(path.join(pkg, 'chaff_bg.wasm')) });
  const snaps = [];
  const bySize = [...names].sort(
    (a, b) => fs.statSync(path.join(corpus, b, 'source.html')).size - fs.statSync(path.join(corpus, a, 'source.html')).size,
  );
  for (const name of bySize.slice(0, pages * 3)) {
    const dom = new JSDOM(decode(fs.readFileSync(path.join(corpus, name, 'source.html'))), { virtualConsole: new VirtualConsole() });
    const s = snapshot(dom.window.document.documentElement);
    snaps.push({ name, nodes: s.nodes.length, structure: s.structure, strings: s.strings });
    dom.window.close();
  }
  snaps.sort((a, b) => b.nodes - a.nodes);
  const chosen = snaps.slice(0, pages);
  for (const s of chosen) for (let i = 0; i < 3; i++) glue.classify_wire(s.structure, s.strings); // tier up
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  const t0 = performance.now();
  let calls = 0;
  while (performance.now() - t0 < seconds * 1000) {
    for (const s of chosen) glue.classify_wire(s.structure, s.strings);
    calls++;
  }
  const { profile: p } = await session.post('Profiler.stop');
  session.disconnect();

  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const incl = new Map();
  let total = 0;
  for (let i = 0; i < p.samples.length; i++) {
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const chain = [];
    for (let x = p.samples[i]; x !== undefined; x = parent.get(x)) chain.push(byId.get(x).callFrame);
    if (!chain.some((c) => c.functionName === 'classify_wire')) continue;
    total += dt;
    const leaf = clean(chain[0].functionName) || '(anonymous)';
    self.set(leaf, (self.get(leaf) ?? 0) + dt);
    const seen = new Set();
    for (const c of chain) {
      const k = clean(c.functionName);
      if (!k || seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + dt);
    }
  }
  const share = (m, n) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([fn, ms]) => ({ function: fn, share: ms / total }));
  const chaffOnly = new Map([...incl].filter(([k]) => k.startsWith('chaff::') || k === 'passStringToWasm0' || /serde/.test(k)));
  return {
    pages: chosen.map((s) => ({ page: s.name, nodes: s.nodes })),
    calls: calls * chosen.length,
    msPerCall: total / (calls * chosen.length),
    build: 'same crate and release settings as make wasm, wasm-bindgen without wasm-opt (names kept)',
    self: share(self, 20),
    inclusive: share(chaffOnly, 25),
  };
}
