// In-page half of the browser benchmark: a classic script that the driver
// injects into each corpus page (from 127.0.0.1, so the page's CSP allows
// it), removed again once loaded. Everything here runs in the page's own
// world, as Readability.js in a page or a reader-mode script would, so DOM
// access is not slowed by WebDriver's sandbox.
//
// window.__chaffBench.measure(opts) resolves to a JSON string:
//   timerStepMs    smallest step of performance.now() seen (resolution)
//   walk           bare TreeWalker pass over every node, reading text lengths
//   readability    new Readability(document.cloneNode(true)).parse()
//   split          snapshot.js and the Wasm core, run here in the page:
//                  compile + instantiate once, then snapshot() and
//                  classify_wire() each timed on their own
// Each timed item is { first, perRun, runs }: `first` is the first call on
// this page (cold), `perRun` the mean of the calls after it, repeated until
// at least opts.minMs have passed and opts.minRuns calls were made, so that
// a coarse or jittered timer does not decide the result.
(() => {
  'use strict';
  if (window.__chaffBench) return;

  const now = () => performance.now();
  const tick = () => new Promise((r) => setTimeout(r, 0));

  function timerStep() {
    let min = Infinity;
    for (let i = 0; i < 20; i++) {
      const a = now();
      let b = a;
      const limit = a + 50;
      while (b === a && b < limit) b = now();
      if (b > a) min = Math.min(min, b - a);
    }
    return min;
  }

  function timed(fn, minMs, minRuns) {
    let t = now();
    let sink = fn();
    const first = now() - t;
    let runs = 0;
    const start = now();
    let end = start;
    while (runs < minRuns || end - start < minMs) {
      sink = fn();
      runs++;
      end = now();
    }
    return { first, perRun: (end - start) / runs, runs, sink };
  }

  function walk() {
    const w = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_ALL);
    let nodes = 1;
    let chars = 0;
    for (let n = w.nextNode(); n !== null; n = w.nextNode()) {
      nodes++;
      if (n.nodeType === 3) chars += n.data.length;
    }
    return { nodes, chars };
  }

  // A variant of snapshot.js's walk for the "what would fix it" question:
  // the same output (checked against snapshot.js on every page), but each
  // element's attributes read with getAttributeNames() + getAttribute() for
  // the classified names only, instead of element.attributes (which makes
  // the engine create an Attr object per attribute).
  function snapshotByNames(root, ATTRS, OPAQUE) {
    const parts = [];
    let structure = new Uint32Array(16384);
    let length = 0;
    const nodes = [];
    let lastTag = '';
    const clean = (s) => (s.indexOf('\0') === -1 ? s : s.replaceAll('\0', '\uFFFD'));
    const add = (node, parent) => {
      const type = node.nodeType;
      let fields;
      if (type === 1) {
        const tag = node.localName.toLowerCase();
        lastTag = tag;
        parts.push(tag);
        fields = 1;
        if (node.hasAttributes()) {
          const names = node.getAttributeNames();
          for (let i = 0; i < names.length; i++) {
            const name = names[i];
            if (ATTRS.has(name)) {
              parts.push(name, clean(node.getAttribute(name)));
              fields += 2;
            }
          }
        }
      } else if (type === 3) {
        parts.push('#text', clean(node.data));
        fields = 2;
      } else return -1;
      if (length + 2 > structure.length) {
        const bigger = new Uint32Array(structure.length * 2);
        bigger.set(structure);
        structure = bigger;
      }
      structure[length] = parent;
      structure[length + 1] = fields;
      length += 2;
      nodes.push(node);
      return nodes.length - 1;
    };
    const rootIndex = add(root, 0xffffffff);
    if (root.firstChild !== null && !OPAQUE.has(lastTag)) {
      const open = [rootIndex];
      let node = root.firstChild;
      outer: while (node !== null) {
        const index = add(node, open[open.length - 1]);
        if (index >= 0 && node.nodeType === 1) {
          const child = node.firstChild;
          if (child !== null && !OPAQUE.has(lastTag)) {
            open.push(index);
            node = child;
            continue;
          }
        }
        while (node.nextSibling === null) {
          node = node.parentNode;
          open.pop();
          if (node === root || node === null) break outer;
        }
        node = node.nextSibling;
      }
    }
    return { structure: structure.slice(0, length), strings: parts.length ? parts.join('\0') + '\0' : '', nodes };
  }

  function load(src) {
    return new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = new URL(src, location.origin).href; // absolute: some pages have a <base href> elsewhere
      s.onload = () => {
        s.remove();
        resolve();
      };
      s.onerror = () => {
        s.remove();
        reject(new Error(`cannot load ${src}`));
      };
      (document.head || document.documentElement).append(s);
    });
  }

  async function measure(opts) {
    const minMs = opts.minMs ?? 50;
    const minRuns = opts.minRuns ?? 3;
    const out = { timerStepMs: timerStep() };

    const w = timed(walk, minMs, minRuns);
    out.walk = { first: w.first, perRun: w.perRun, runs: w.runs, nodes: w.sink.nodes, chars: w.sink.chars };
    await tick();

    if (typeof Readability === 'undefined') await load('/bench/Readability.js');
    try {
      const r = timed(() => new Readability(document.cloneNode(true)).parse(), minMs, minRuns);
      out.readability = {
        first: r.first,
        perRun: r.perRun,
        runs: r.runs,
        found: r.sink !== null,
        textLength: r.sink ? r.sink.length : 0,
      };
    } catch (e) {
      out.readability = { error: String((e && e.message) || e) };
    }
    await tick();

    if (opts.split) {
      try {
        const at = (p) => new URL(p, location.origin).href;
        const snap = await import(at('/ext/src/snapshot.js'));
        const glue = await import(at('/ext/wasm/chaff.js'));
        const bytes = await (await fetch(at('/ext/wasm/chaff_bg.wasm'))).arrayBuffer();
        // The content script carries the core as base64 and decodes it on
        // the main thread before compiling it.
        const base64 = new Uint8Array(bytes).toBase64();
        let t = now();
        Uint8Array.fromBase64(base64);
        const decodeMs = now() - t;
        t = now();
        const module = await WebAssembly.compile(bytes);
        const compileMs = now() - t;
        t = now();
        glue.initSync({ module });
        const instantiateMs = now() - t;
        const s = timed(() => snap.snapshot(document.documentElement), minMs, minRuns);
        const one = s.sink;
        const c = timed(() => glue.classify_wire(one.structure, one.strings), minMs, minRuns);
        const ATTRS = new Set(snap.CLASSIFIED_ATTRIBUTES);
        const OPAQUE = new Set(snap.OPAQUE_TAGS);
        const v = timed(() => snapshotByNames(document.documentElement, ATTRS, OPAQUE), minMs, minRuns);
        const alt = v.sink;
        const same =
          alt.strings === one.strings &&
          alt.structure.length === one.structure.length &&
          alt.structure.every((x, i) => x === one.structure[i]);
        out.split = {
          decodeMs,
          compileMs,
          instantiateMs,
          snapshot: { first: s.first, perRun: s.perRun, runs: s.runs },
          classify: { first: c.first, perRun: c.perRun, runs: c.runs },
          snapshotByNames: { first: v.first, perRun: v.perRun, runs: v.runs, sameOutput: same },
          snapshotNodes: one.nodes.length,
          snapshotChars: one.strings.length,
          blocks: c.sink.length,
        };
      } catch (e) {
        out.split = { error: String((e && e.stack) || e) };
      }
    }
    return JSON.stringify(out);
  }

  /** Chaff's passes so far, as the page sees them. */
  function passes() {
    const nav = performance.getEntriesByType('navigation')[0];
    return JSON.stringify({
      // `detail`: whatever the content script attaches to its measure (none
      // yet; e.g. busy time when a pass yields to the page in slices).
      measures: performance
        .getEntriesByName('chaff:clean')
        .map((m) => ({ start: m.startTime, duration: m.duration, detail: m.detail ?? null })),
      // Every chaff:* mark and measure (any the extension adds later, e.g. a
      // mark at content-script start, lands in results.json as is).
      entries: performance
        .getEntries()
        .filter((e) => e.name.startsWith('chaff:') && (e.entryType === 'mark' || e.entryType === 'measure'))
        .map((e) => ({ name: e.name, type: e.entryType, start: e.startTime, duration: e.duration })),
      nav: nav
        ? {
            responseEnd: nav.responseEnd,
            domInteractive: nav.domInteractive,
            domContentLoadedEventEnd: nav.domContentLoadedEventEnd,
            loadEventEnd: nav.loadEventEnd,
          }
        : null,
      hidden: document.querySelectorAll('[data-chaff-hide]').length,
    });
  }

  window.__chaffBench = { measure, passes, walk, timerStep };
})();
