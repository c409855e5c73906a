// Bundles ES modules into ONE classic script, for the content script.
//
//   import { bundle } from './bundle.mjs';
//   const source = bundle('src/content.js', { read, resolve });
//
// Manifest V3 content scripts are classic scripts. Loading the modules with
// import() from a loader would make every module web-accessible, so any
// page could fetch them and learn that Chaff is installed; one bundled file
// needs no web-accessible resource at all.
//
// Node built-ins only, and deliberately small: it understands the subset of
// module syntax that Chaff's sources and wasm-bindgen's `--target web` glue
// use, and refuses anything else rather than guess:
//
//   import x from './a.js';            import { a, b as c } from './a.js';
//   import * as ns from './a.js';      export function f() / async function / class / const
//   export { a, b as c };              export default <identifier>;
//   export default [async] function f() {}
//
// Import and export statements must start at the beginning of a line (as a
// formatter writes them). `export let` and `export var` are refused: their
// bindings are live in ES modules and a snapshot of them would silently go
// stale. A module's exports become one frozen object, built after its body
// ran; each module is a function scope, run once, dependencies first;
// import cycles are refused. `import.meta.url` is replaced by a URL that no
// fetch can load (the wasm-bindgen glue only reads it when handed no bytes).
// The result is checked to parse as a classic script (node:vm).
import path from 'node:path';
import vm from 'node:vm';

export class BundleError extends Error {}

const IDENT = '[A-Za-z_$][\\w$]*';
const SPEC = `['"](\\.{1,2}/[^'"]+)['"]`;
const RE = {
  // One pattern for the three import forms, so that they are handled (and
  // their modules run) in source order.
  importAny: new RegExp(`^import\\s*(?:(${IDENT})\\s|\\*\\s*as\\s+(${IDENT})\\s|\\{([^}]*)\\})\\s*from\\s*${SPEC}\\s*;?[ \\t]*$`, 'gm'),
  exportDecl: new RegExp(`^export\\s+(async\\s+function\\*?|function\\*?|class|const)\\s+(${IDENT})`, 'gm'),
  exportDefaultFn: new RegExp(`^export\\s+default\\s+((?:async\\s+)?function\\*?\\s+(${IDENT}))`, 'gm'),
  exportDefaultId: new RegExp(`^export\\s+default\\s+(${IDENT})\\s*;[ \\t]*$`, 'gm'),
  exportList: /^export\s*\{([^}]*)\}\s*;?[ \t]*$/gm,
  // Whatever is left that looks like module syntax is refused.
  leftover: /^(?:import|export)\b|\bimport\s*\(|\bimport\.meta\b/m,
};

function names(list, file) {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const m = s.match(new RegExp(`^(${IDENT})(?:\\s+as\\s+(${IDENT}))?$`));
      if (!m) throw new BundleError(`${file}: cannot read "${s}" in an import or export list`);
      return { from: m[1], to: m[2] ?? m[1] };
    });
}

/**
 * `entry`: a package path ("src/content.js"); `read(p)`: its source;
 * `banner`: text put first inside the bundle's function (before any module).
 * Returns the classic script's source.
 */
export function bundle(entry, { read, banner = '' }) {
  const modules = new Map(); // package path -> { id, code, deps }
  const order = [];
  const visiting = new Set();

  const visit = (file, from) => {
    if (modules.has(file)) return modules.get(file).id;
    if (visiting.has(file)) throw new BundleError(`import cycle through ${file} (from ${from})`);
    visiting.add(file);
    let src;
    try {
      src = read(file);
    } catch (e) {
      throw new BundleError(`${file}${from ? ` (imported by ${from})` : ''}: ${e.message}`);
    }
    const resolve = (spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
    const exported = []; // { local, as }
    const header = [];
    const req = (spec) => visit(resolve(spec), file);

    let code = src.replace(/\r\n/g, '\n');
    code = code.replace(RE.importAny, (_, def, star, list, spec) => {
      const id = req(spec);
      if (def !== undefined) return `const ${def} = ${id}.default;`;
      if (star !== undefined) return `const ${star} = ${id};`;
      const parts = names(list, file).map((n) => (n.from === n.to ? n.from : `${n.from}: ${n.to}`));
      return `const { ${parts.join(', ')} } = ${id};`;
    });
    code = code.replace(RE.exportDefaultFn, (_, decl, local) => {
      exported.push({ local, as: 'default' });
      return decl;
    });
    code = code.replace(RE.exportDefaultId, (_, local) => {
      exported.push({ local, as: 'default' });
      return '';
    });
    code = code.replace(RE.exportDecl, (_, kind, local) => {
      exported.push({ local, as: local });
      return `${kind} ${local}`;
    });
    code = code.replace(RE.exportList, (_, list) => {
      for (const n of names(list, file)) exported.push({ local: n.from, as: n.to });
      return '';
    });
    if (/^export\s+(let|var)\b/m.test(code)) {
      throw new BundleError(`${file}: "export let/var" is a live binding; export a function or an object instead`);
    }
    code = code.replace(/\bimport\.meta\.url\b/g, "'chaff-bundle:/'");
    const left = code.match(RE.leftover);
    if (left) {
      const line = code.slice(0, left.index).split('\n').length;
      throw new BundleError(`${file}:${line}: module syntax the bundler does not handle: ${code.split('\n')[line - 1].trim()}`);
    }
    visiting.delete(file);
    const id = `__chaff_m${modules.size}`;
    const props = exported.map((e) => `${JSON.stringify(e.as)}: ${e.local}`);
    const body =
      `// ---- ${file}\n` +
      `const ${id} = (() => {\n${header.join('')}${code}\n` +
      `return Object.freeze({ __proto__: null${props.map((p) => `, ${p}`).join('')} });\n})();\n`;
    modules.set(file, { id, body });
    order.push(file);
    return id;
  };

  visit(entry, null);
  const out =
    '// Generated by extension/bundle.mjs from ' + order.join(', ') + '.\n' +
    "(() => {\n'use strict';\n" + banner + order.map((f) => modules.get(f).body).join('\n') + '})();\n';
  try {
    new vm.Script(out, { filename: 'bundle.js' });
  } catch (e) {
    throw new BundleError(`the bundle of ${entry} does not parse as a classic script: ${e.message}`);
  }
  return { source: out, modules: order };
}
