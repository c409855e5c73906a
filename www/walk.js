// The extension's DOM walker (snapshot.js), run in slices so that a huge page
// does not freeze the playground.
//
// `walk(root)` gives exactly what `snapshot(root)` gives (same nodes, same
// order, same wire form: the test compares them); it only stops every
// `chunk` nodes to report progress and let the browser paint. Each node is
// recorded by `SnapshotBuilder.addNode`, so the per-node rules (which nodes,
// which attributes, U+0000 handling) stay in snapshot.js; this file only
// repeats `addSubtree`'s traversal order, with pauses, and undoes the
// playground's renaming of a few network-triggering attributes.

import { NO_PARENT, OPAQUE_TAGS, SnapshotBuilder } from './snapshot.js';
import { RENAMED_PREFIX, RENAMING_TAGS } from './input.js';

const OPAQUE = new Set(OPAQUE_TAGS);
const ELEMENT_NODE = 1;
const RENAMING = new Set(RENAMING_TAGS);

/**
 * Records `node` like `builder.addNode`, except that attributes the
 * playground renamed before rendering (input.js, `neutralise`) are recorded
 * under their own names, in their own place: the snapshot is the page's.
 */
function addNode(builder, node, parent) {
  if (node.nodeType === ELEMENT_NODE && RENAMING.has(node.localName)) {
    const attrs = node.attributes;
    let renamed = false;
    for (let i = 0; i < attrs.length && !renamed; i++) renamed = attrs[i].name.startsWith(RENAMED_PREFIX);
    if (renamed) {
      const original = Array.from(attrs, (a) =>
        a.name.startsWith(RENAMED_PREFIX) ? { name: a.name.slice(RENAMED_PREFIX.length), value: a.value } : a,
      );
      return builder.addElement(node, node.localName, original, parent);
    }
  }
  return builder.addNode(node, parent);
}

export class WalkAborted extends Error {
  constructor() {
    super('walk aborted');
    this.name = 'WalkAborted';
  }
}

/** Resolves after the browser had a chance to handle input and paint. */
export function pause() {
  if (globalThis.scheduler?.yield) return globalThis.scheduler.yield();
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/**
 * Snapshot of `root` and everything under it, as `{ structure, strings,
 * nodes, elements }`. Options: `chunk` (nodes per slice), `onProgress(done,
 * total)` (elements walked, elements in the document), `isCancelled()`
 * (checked at each pause; throws WalkAborted), `budgetMs` (slices end early
 * when they take longer than this).
 */
export async function walk(root, { chunk = 25000, budgetMs = 12, onProgress, isCancelled } = {}) {
  const doc = root.ownerDocument ?? root;
  const total = doc.getElementsByTagName ? doc.getElementsByTagName('*').length : 0;
  const builder = new SnapshotBuilder(Math.max(1024, total * 2));
  let elements = 0;

  const rootIndex = builder.addNode(root, NO_PARENT);
  if (rootIndex < 0 || root.nodeType !== ELEMENT_NODE) return done();
  elements++;
  if (OPAQUE.has(root.localName.toLowerCase()) || root.firstChild === null) return done();

  const open = [rootIndex];
  let node = root.firstChild;
  let left = chunk;
  let sliceStart = performance.now();
  for (;;) {
    const index = addNode(builder, node, open[open.length - 1]);
    let descended = false;
    if (index >= 0 && node.nodeType === ELEMENT_NODE) {
      elements++;
      const child = node.firstChild;
      if (child !== null && !OPAQUE.has(node.localName.toLowerCase())) {
        open.push(index);
        node = child;
        descended = true;
      }
    }
    if (!descended) {
      let finished = false;
      while (node.nextSibling === null) {
        node = node.parentNode;
        open.pop();
        if (node === root || node === null) {
          finished = true;
          break;
        }
      }
      if (finished) break;
      node = node.nextSibling;
    }
    // Checking the clock costs more than a node, so only every 512 nodes.
    if (--left === 0 || ((left & 511) === 0 && performance.now() - sliceStart > budgetMs)) {
      left = chunk;
      onProgress?.(elements, total);
      await pause();
      if (isCancelled?.()) throw new WalkAborted();
      sliceStart = performance.now();
    }
  }
  return done();

  function done() {
    onProgress?.(elements, total);
    return { ...builder.finish(), elements };
  }
}
