// extension/build.mjs: manifests, archives, and the checks it makes; plus
// static checks of the extension sources (strings, no remote code).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import vm from 'node:vm';
import { crc32, deepMerge, makeManifest, zip } from '../../extension/build.mjs';
import { BundleError, bundle } from '../../extension/bundle.mjs';
import { fakeBuild, realBuild } from './lib/build.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const EXT = path.join(ROOT, 'extension');

/** Minimal zip reader: the entries of an archive, with CRCs checked. */
function unzip(buf) {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(end >= 0, 'end of central directory');
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'central directory header');
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const csize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nlen = buf.readUInt16LE(p + 28);
    const xlen = buf.readUInt16LE(p + 30);
    const clen = buf.readUInt16LE(p + 32);
    const offset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nlen);
    assert.equal(buf.readUInt32LE(offset), 0x04034b50, `local header of ${name}`);
    const dataStart = offset + 30 + buf.readUInt16LE(offset + 26) + buf.readUInt16LE(offset + 28);
    const raw = buf.subarray(dataStart, dataStart + csize);
    const data = method === 0 ? raw : zlib.inflateRawSync(raw);
    assert.equal(data.length, size, `size of ${name}`);
    assert.equal(crc32(data), crc, `CRC of ${name}`);
    entries.set(name, data);
    p += 46 + nlen + xlen + clen;
  }
  return entries;
}

function listFiles(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(path.relative(dir, path.join(e.parentPath ?? e.path, e.name)).split(path.sep).join('/'));
  }
  return out.sort();
}

describe('manifests', () => {
  test('one source, two browsers', () => {
    const chromium = makeManifest('chromium');
    const firefox = makeManifest('firefox');
    for (const m of [chromium, firefox]) {
      assert.equal(m.manifest_version, 3);
      assert.deepEqual(m.permissions, ['storage']);
      assert.equal(m.host_permissions, undefined);
      assert.equal(m.content_security_policy.extension_pages, "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'");
      assert.equal(m.content_scripts[0].run_at, 'document_start');
      assert.deepEqual(m.content_scripts[0].matches, ['http://*/*', 'https://*/*']);
      assert.deepEqual(m.content_scripts[0].js, ['content.js']);
      assert.equal(m.web_accessible_resources, undefined, 'nothing a page could fetch');
      assert.equal(m.commands['toggle-site'].suggested_key.default, 'Alt+Shift+C');
    }
    assert.equal(chromium.background.service_worker, 'src/background.js');
    assert.equal(chromium.background.type, 'module');
    assert.equal(chromium.background.scripts, undefined);
    assert.equal(chromium.browser_specific_settings, undefined);
    assert.deepEqual(firefox.background.scripts, ['src/background.js']);
    assert.equal(firefox.background.service_worker, undefined);
    assert.equal(firefox.browser_specific_settings.gecko.strict_min_version, '153.0');
    assert.ok(firefox.browser_specific_settings.gecko.id);
    const cargo = fs.readFileSync(path.join(ROOT, 'Cargo.toml'), 'utf8').match(/^version\s*=\s*"([^"]+)"/m)[1];
    assert.equal(chromium.version, cargo.replace(/[-+].*$/, ''));
  });

  test('deepMerge merges objects and replaces the rest', () => {
    assert.deepEqual(deepMerge({ a: { b: 1, c: [1] }, d: 1 }, { a: { c: [2], e: 3 } }), { a: { b: 1, c: [2], e: 3 }, d: 1 });
  });
});

describe('the content script bundle', () => {
  const from = (files) => (p) => {
    if (!(p in files)) throw new Error('no such file');
    return files[p];
  };

  test('modules become one classic script, dependencies first, each run once', () => {
    const files = {
      'src/main.js': "import { a, b as bee } from './a.js';\nimport d from './d.js';\nimport * as ns from './a.js';\nglobalThis.out.push(a() + bee + d() + ns.b);\n",
      'src/a.js': "import { c } from './c.js';\nexport function a() { return c; }\nexport const b = 'b';\n",
      'src/c.js': "globalThis.out.push('c ran');\nconst c = 'c';\nexport { c };\n",
      'src/d.js': 'export default function d() { return "d"; }\n',
    };
    const { source, modules } = bundle('src/main.js', { read: from(files) });
    assert.deepEqual(modules, ['src/c.js', 'src/a.js', 'src/d.js', 'src/main.js']);
    assert.doesNotMatch(source, /^\s*(import|export)\b/m);
    const context = vm.createContext({ out: [] });
    new vm.Script(source).runInContext(context);
    assert.deepEqual(context.out, ['c ran', 'cbdb']);
  });

  test('refuses what it would get wrong', () => {
    const cases = {
      'live binding': { 'src/m.js': 'export let x = 1;\n' },
      cycle: { 'src/m.js': "import { y } from './n.js';\nexport const x = 1;\n", 'src/n.js': "import { x } from './m.js';\nexport const y = 2;\n" },
      'dynamic import': { 'src/m.js': "import('./n.js');\n" },
      'bare specifier': { 'src/m.js': "import x from 'lib';\n" },
      'missing file': { 'src/m.js': "import { x } from './gone.js';\n" },
    };
    for (const [what, files] of Object.entries(cases)) {
      assert.throws(() => bundle('src/m.js', { read: from(files) }), BundleError, what);
    }
  });

  test('the shipped content script is one classic script with the core glue and the core inside', () => {
    const build = realBuild();
    for (const dir of [build.chromium, build.firefox]) {
      const src = fs.readFileSync(path.join(dir, 'content.js'), 'utf8');
      new vm.Script(src); // parses as a classic script
      assert.doesNotMatch(src, /\bimport\s*\(|\bimport\.meta\b/);
      assert.match(src, /classify_wire/);
      // The core's bytes in the bundle are the shipped module's, byte for byte.
      const base64 = src.match(/\bWASM_BASE64 = '([A-Za-z0-9+/=]+)'/);
      assert.ok(base64, 'the core in content.js');
      assert.ok(Buffer.from(base64[1], 'base64').equals(fs.readFileSync(path.join(dir, 'wasm', 'chaff_bg.wasm'))));
      // Chromium's page CSP sees a refused compile: there the core compiles only where Chaff is on.
      const governs = src.match(/\bPAGE_CSP_GOVERNS_WASM = (true|false);/);
      assert.equal(governs?.[1], dir === build.chromium ? 'true' : 'false', dir);
      const files = listFiles(dir);
      // Modules only the content script uses are not shipped as files.
      for (const f of ['src/content.js', 'src/snapshot.js', 'src/cleaner.js', 'src/classifier.js', 'src/loader.js']) {
        assert.ok(!files.includes(f), f);
      }
    }
  });
});

describe('archives', () => {
  test('the zip writer round-trips, stored and deflated', () => {
    const entries = [
      { name: 'a.txt', data: Buffer.from('hello hello hello hello hello hello') },
      { name: 'dir/ü.bin', data: Buffer.from([1, 2, 3]) },
      { name: 'empty', data: Buffer.alloc(0) },
    ];
    const got = unzip(zip(entries));
    assert.deepEqual([...got.keys()], ['a.txt', 'dir/ü.bin', 'empty']);
    for (const e of entries) assert.deepEqual(got.get(e.name), e.data);
    assert.deepEqual(zip(entries), zip(entries), 'deterministic');
  });

  test('the packages hold exactly the unpacked folders', () => {
    const build = fakeBuild();
    const dist = path.dirname(build.chromium);
    for (const [dir, archive] of [
      ['chromium', 'chaff-chromium.zip'],
      ['firefox', 'chaff-firefox.xpi'],
    ]) {
      const entries = unzip(fs.readFileSync(path.join(dist, archive)));
      const files = listFiles(path.join(dist, dir));
      assert.deepEqual([...entries.keys()].sort(), files);
      for (const f of files) assert.deepEqual(entries.get(f), fs.readFileSync(path.join(dist, dir, f)), f);
      const manifest = JSON.parse(entries.get('manifest.json'));
      for (const size of ['16', '32', '48', '128']) assert.ok(entries.has(manifest.icons[size]));
      assert.ok(!files.some((f) => f.endsWith('.svg') || f.endsWith('.md')));
      assert.ok(!files.includes('build.mjs'));
      assert.ok(!files.some((f) => f.startsWith('manifest.') && f !== 'manifest.json'));
    }
  });

  test('a missing Wasm package is a clear error', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'chaff-build-'));
    const r = spawnSync(process.execPath, [path.join(EXT, 'build.mjs'), '--wasm-dir', path.join(out, 'nope'), '--out', out], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /missing chaff\.js and chaff_bg\.wasm/);
    assert.match(r.stderr, /make wasm/);
    assert.deepEqual(fs.readdirSync(out), []);
  });
});

describe('sources', () => {
  const js = listFiles(EXT)
    .filter((f) => f.endsWith('.js') || f.endsWith('.html'))
    .map((f) => [f, fs.readFileSync(path.join(EXT, f), 'utf8')]);
  const messages = (loc) => JSON.parse(fs.readFileSync(path.join(EXT, '_locales', loc, 'messages.json'), 'utf8'));

  const LOCALES = ['en', 'de', 'fr', 'es', 'it', 'pt'];

  test('every string the UI uses exists in en', () => {
    const used = new Set();
    for (const [, src] of js) {
      for (const m of src.matchAll(/data-i18n(?:-title|-aria-label)?="([^"]+)"/g)) used.add(m[1]);
      for (const m of src.matchAll(/\bt\('([A-Za-z0-9_]+)'\s*[,)]/g)) used.add(m[1]);
    }
    const manifest = fs.readFileSync(path.join(EXT, 'manifest.base.json'), 'utf8');
    for (const m of manifest.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) used.add(m[1]);
    for (const label of ['paywall', 'app_promo', 'link_farm', 'newsletter', 'social', 'ad', 'consent', 'comments', 'navigation']) {
      used.add(`label_${label}`);
      used.add(`desc_${label}`);
    }
    const en = messages('en');
    for (const key of used) assert.ok(key in en, `en lacks ${key}`);
  });

  test('the six locales of the cues, each with exactly the keys and placeholders of en', () => {
    const dirs = fs.readdirSync(path.join(EXT, '_locales')).sort();
    assert.deepEqual(dirs, [...LOCALES].sort());
    const en = messages('en');
    // The $NAME$ references a message makes, folded as Chrome folds them.
    const refs = (m) => [...m.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((x) => x[1].toLowerCase()).sort();
    for (const loc of LOCALES) {
      const got = messages(loc);
      assert.deepEqual(Object.keys(got).sort(), Object.keys(en).sort(), `${loc} has the keys of en`);
      for (const [key, entry] of Object.entries(got)) {
        assert.equal(typeof entry.message, 'string', `${loc}.${key}`);
        assert.ok(entry.message.trim().length > 0, `${loc}.${key} is empty`);
        assert.deepEqual(entry.placeholders ?? {}, en[key].placeholders ?? {}, `${loc}.${key}: the placeholders of en`);
        assert.deepEqual(refs(entry.message), refs(en[key].message), `${loc}.${key}: uses the placeholders of en`);
        assert.doesNotMatch(entry.message, /TODO|FIXME|XXX/, `${loc}.${key}`);
      }
      if (loc !== 'en') {
        // Translated, not copied: only names and the like may match en.
        const same = Object.keys(en).filter((k) => got[k].message === en[k].message);
        assert.ok(same.length <= 3, `${loc} copies en in ${same.join(', ')}`);
      }
    }
  });

  test('no remote code, no eval, no innerHTML, no network', () => {
    for (const [file, src] of js) {
      assert.doesNotMatch(src, /\beval\s*\(|new Function\s*\(|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write/, file);
      assert.doesNotMatch(src, /XMLHttpRequest|WebSocket|sendBeacon|EventSource/, file);
      assert.doesNotMatch(src, /https?:\/\/(?!www\.w3\.org)/, file);
      for (const m of src.matchAll(/\bfetch\s*\(([^)]*)\)/g)) {
        assert.match(m[1], /getURL\(/, `${file}: fetch only from the package`);
      }
    }
  });

  test('the build script runs with node built-ins only', () => {
    // Its own helper modules in extension/ are fine, as long as they, too,
    // import only built-ins.
    const todo = ['build.mjs'];
    for (const seen = new Set(); todo.length; ) {
      const file = todo.pop();
      if (seen.has(file)) continue;
      seen.add(file);
      const src = fs.readFileSync(path.join(EXT, file), 'utf8');
      for (const m of src.matchAll(/^import .* from '([^']+)';$/gm)) {
        if (m[1].startsWith('./') && m[1].endsWith('.mjs')) todo.push(m[1].slice(2));
        else assert.match(m[1], /^node:/, `${file} imports ${m[1]}`);
      }
    }
    execFileSync(process.execPath, ['--check', path.join(EXT, 'build.mjs')]);
  });
});

describe('the shipped packages', () => {
  // What `make dist` built (with the real core), as users install it: no
  // code in it can reach anything but the package's own files. The browser
  // tests watch the network too (chromium-real, firefox-real); this covers
  // code paths they do not happen to run.
  test('fetch nothing but their own files', () => {
    const build = realBuild();
    for (const dir of [build.chromium, build.firefox]) {
      const files = listFiles(dir);
      for (const f of files.filter((x) => /\.(js|html|css|json)$/.test(x))) {
        const src = fs.readFileSync(path.join(dir, f), 'utf8');
        // Match patterns (http://*/*) aside, no URL but the SVG/XHTML namespace.
        assert.doesNotMatch(src, /https?:\/\/(?!www\.w3\.org|\*\/)/, `${f}: a URL`);
        assert.doesNotMatch(src, /XMLHttpRequest|WebSocket|sendBeacon|EventSource|importScripts|RTCPeerConnection|\.connect\s*\(/, f);
        for (const m of src.matchAll(/\bfetch\s*\(([^)]*)\)/g)) {
          // wasm-load.js: the package's own Wasm file. The wasm-bindgen glue
          // fetches `module_or_path` only when given a URL, and its default is
          // the file next to it; Chaff hands it the bytes.
          // content.js bundles that glue.
          if (f === 'wasm/chaff.js' || f === 'content.js') {
            if (m[1] === 'module_or_path') continue;
          }
          if (f === 'wasm/chaff.js') assert.equal(m[1], 'module_or_path', `${f}: ${m[0]}`);
          else assert.match(m[1], /^api\.runtime\.getURL\('[^']+'$/, `${f}: fetch only from the package`);
        }
        for (const m of src.matchAll(/new URL\(([^)]*)\)/g)) {
          // In the bundle, import.meta.url is a URL nothing can load.
          assert.equal(m[1], f === 'content.js' ? "'chaff_bg.wasm', 'chaff-bundle:/'" : "'chaff_bg.wasm', import.meta.url", f);
        }
      }
      // The Wasm module can only call what the glue hands it.
      const wasm = new WebAssembly.Module(fs.readFileSync(path.join(dir, 'wasm', 'chaff_bg.wasm')));
      const modules = new Set(WebAssembly.Module.imports(wasm).map((i) => i.module));
      assert.deepEqual([...modules], ['./chaff_bg.js']);
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
      for (const key of ['host_permissions', 'optional_host_permissions', 'externally_connectable', 'update_url']) {
        assert.equal(manifest[key], undefined, key);
      }
    }
  });
});
