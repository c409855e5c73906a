// Download and package sizes.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const gz = (buf) => zlib.gzipSync(buf, { level: 9 }).length;
const br = (buf) => zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

function entry(file) {
  if (!fs.existsSync(file)) return { file, missing: true };
  const buf = fs.readFileSync(file);
  return { file, bytes: buf.length, gzip: gz(buf), brotli: br(buf) };
}

/** `root`: where target/wasm-pkg and dist/ are (the run's copies); `repo`: for node_modules. */
export function sizes(root, repo = root) {
  const rel = (p) => path.join(root, p);
  // What a page load can pull in: the declared content scripts and the
  // web-accessible JS modules (from the packaged manifest).
  let contentPath = ['content.js'];
  const manifestFile = path.join(root, 'dist', 'chromium', 'manifest.json');
  if (fs.existsSync(manifestFile)) {
    const m = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    contentPath = [
      ...new Set([
        ...(m.content_scripts ?? []).flatMap((c) => c.js ?? []),
        ...(m.web_accessible_resources ?? []).flatMap((w) => w.resources ?? []).filter((r) => r.endsWith('.js')),
      ]),
    ];
  }
  let js = Buffer.alloc(0);
  let jsGz = 0;
  for (const f of contentPath) {
    const p = path.join(root, 'dist', 'chromium', f);
    if (!fs.existsSync(p)) continue;
    const b = fs.readFileSync(p);
    js = Buffer.concat([js, b]);
    jsGz += gz(b);
  }
  const out = {
    wasm: entry(rel('target/wasm-pkg/chaff_bg.wasm')),
    chromiumZip: entry(rel('dist/chaff-chromium.zip')),
    firefoxXpi: entry(rel('dist/chaff-firefox.xpi')),
    contentScriptJs: { files: contentPath, bytes: js.length, gzipEach: jsGz },
    readabilityJs: entry(path.join(repo, 'node_modules/@mozilla/readability/Readability.js')),
  };
  const shipped = path.join(root, 'dist', 'chromium', 'wasm', 'chaff_bg.wasm');
  if (fs.existsSync(shipped) && !out.wasm.missing) {
    out.wasm.sameAsPackaged = fs.readFileSync(shipped).equals(fs.readFileSync(out.wasm.file));
    if (!out.wasm.sameAsPackaged) out.wasmPackaged = entry(shipped);
  }
  for (const v of Object.values(out)) if (v.file) v.file = path.relative(v.file.startsWith(root) ? root : repo, v.file);
  return out;
}
