// The extension's DOM walker (snapshot.js), run in slices so that a huge page
// does not freeze the playground.
//
// `walk(root)` gives exactly what `snapshot(root)` gives (same nodes, same
// order, same wire form, open shadow roots included: the test compares
// them). It drives snapshot.js's own sliced walk (`addSubtreeSliced`), so
// the traversal and the per-node rules stay there; this file only reports
// progress at each pause, lets the browser paint, and undoes the
// playground's renaming of a few network-triggering attributes.

import { NO_PARENT, SnapshotBuilder } from './snapshot.js';
import { RENAMED_PREFIX, RENAMING_TAGS } from './input.js';

const RENAMING = new Set(RENAMING_TAGS);
const isRenamed = (a) => a.name.startsWith(RENAMED_PREFIX);

/**
 * snapshot.js's builder, except that attributes the playground renamed
 * before rendering (input.js, `neutralise`) are recorded under their own
 * names, in their own place (the snapshot is the page's), and that it counts
 * the elements it records.
 */
class PlaygroundBuilder extends SnapshotBuilder {
  constructor(capacity) {
    super(capacity);
    this.elements = 0;
  }

  addElement(node, localName, attributes, parent) {
    this.elements++;
    if (RENAMING.has(localName) && Array.prototype.some.call(attributes, isRenamed)) {
      attributes = Array.from(attributes, (a) =>
        isRenamed(a) ? { name: a.name.slice(RENAMED_PREFIX.length), value: a.value } : a,
      );
    }
    return super.addElement(node, localName, attributes, parent);
  }
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
 * nodes, shadowRoots, elements }`. Options: `budgetMs` (the longest a slice
 * walks before it pauses; 0 pauses as often as the walker can, every 256
 * nodes), `onProgress(done, total)` (elements walked, elements in the
 * document, outside shadow trees), `isCancelled()` (checked at each pause;
 * throws WalkAborted).
 */
export async function walk(root, { budgetMs = 12, onProgress, isCancelled } = {}) {
  const doc = root.ownerDocument ?? root;
  const total = doc.getElementsByTagName ? doc.getElementsByTagName('*').length : 0;
  const builder = new PlaygroundBuilder(Math.max(1024, total * 2));
  const report = () => onProgress?.(builder.elements, Math.max(total, builder.elements));
  await builder.addSubtreeSliced(root, NO_PARENT, {
    sliceMs: budgetMs,
    pause: async () => {
      report();
      await pause();
      if (isCancelled?.()) throw new WalkAborted();
    },
  });
  report();
  return { ...builder.finish(), elements: builder.elements };
}
