// The DOM walker: turns a live DOM into the wire snapshot of src/wire.rs.
//
// Contract (src/snapshot.rs, src/wire.rs):
// - nodes in document (pre-)order; only elements and text nodes (comments,
//   processing instructions, CDATA and doctypes are skipped);
// - the contents of script, style, noscript, template and iframe are not
//   walked (the element itself is recorded);
// - an element's open shadow root is walked as if its children were the
//   element's first children, followed by its light children (closed roots
//   cannot be seen); the core needs no marker for them: the composed tree is
//   what the page shows;
// - `structure` holds [parent, field_count] per node, parent 0xFFFFFFFF for
//   a root;
// - `strings` holds every field followed by U+0000: an element's lower-case
//   tag, then name/value pairs of the attributes in CLASSIFIED_ATTRIBUTES in
//   the element's own attribute order; a text node's "#text" and its data;
//   U+0000 inside DOM strings becomes U+FFFD.
//
// `nodes[i]` is the DOM node of snapshot index i, so the classifier's block
// indices map straight back to the page.
//
// This module has no imports and touches no extension API: the content
// script, the background, a plain web page and a wasm-bindgen test can all
// use it. It is on the hot path, so it makes one pass with an explicit stack
// (pages can nest tens of thousands of elements deep; recursion would
// overflow), writes the structure into a growable Uint32Array and joins the
// strings once.

/** Attributes the classifier reads; keep in sync with src/snapshot.rs. */
export const CLASSIFIED_ATTRIBUTES = Object.freeze([
  'id', 'class', 'role', 'aria-label', 'aria-hidden', 'aria-modal', 'hidden', 'href', 'itemprop',
  'itemtype', 'rel', 'type', 'name', 'placeholder', 'src', 'alt', 'datetime', 'style', 'content',
  'property', 'summary', 'datatable', 'data',
]);

/** Elements whose content never enters a snapshot (src/snapshot.rs `is_opaque`). */
export const OPAQUE_TAGS = Object.freeze(['script', 'style', 'noscript', 'template', 'iframe']);

export const NO_PARENT = 0xffffffff;
export const TEXT_TAG = '#text';

const ATTRS = new Set(CLASSIFIED_ATTRIBUTES);
const OPAQUE = new Set(OPAQUE_TAGS);
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const FRAGMENT_NODE = 11; // a shadow root

/** `node`'s parent in the composed tree: its parent, or for a shadow root's child, the host. */
export function composedParent(node) {
  const p = node.parentNode;
  if (p !== null && p.nodeType === FRAGMENT_NODE && p.host != null) return p.host;
  return p;
}

/** Whether `node` is `root` or lies under it, shadow roots included. */
export function composedContains(root, node) {
  for (let n = node; n != null; n = composedParent(n)) if (n === root) return true;
  return false;
}

/**
 * The getter of `name` on `obj`'s prototype chain. The walk calls DOM
 * getters straight (`get.call(node)`) rather than reading properties: in a
 * Firefox content script every property read on a DOM object goes through
 * an Xray wrapper that looks the name up along the prototype chain first.
 * Where `name` is no accessor (jsdom, a plain object), a function reads it.
 */
function getterOf(obj, name) {
  for (let p = obj; p !== null && p !== undefined; p = Object.getPrototypeOf(p)) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d !== undefined && typeof d.get === 'function') return d.get;
    if (d !== undefined) break;
  }
  return function () {
    return this[name];
  };
}

/** Getters for the walk, from the first node it meets (`data`: from the first text node). */
class Getters {
  constructor(node) {
    this.nodeType = getterOf(node, 'nodeType');
    this.firstChild = getterOf(node, 'firstChild');
    this.nextSibling = getterOf(node, 'nextSibling');
    this.parentNode = getterOf(node, 'parentNode');
    this.localName = null;
    this.attributes = null;
    this.shadowRoot = null;
    this.data = null;
  }

  element(el) {
    this.localName = getterOf(el, 'localName');
    this.attributes = getterOf(el, 'attributes');
    this.shadowRoot = getterOf(el, 'shadowRoot');
  }

  text(t) {
    this.data = getterOf(t, 'data');
  }
}

function clean(s) {
  return s.indexOf('\0') === -1 ? s : s.replaceAll('\0', '\uFFFD');
}

/**
 * Accumulates nodes in document order. Use `snapshot()` for a whole page and
 * `snapshotAdded()` for content added later; the builder is exported for
 * callers that need other shapes.
 */
export class SnapshotBuilder {
  constructor(capacity = 4096) {
    this.structure = new Uint32Array(Math.max(2, capacity * 2));
    this.length = 0; // used entries of `structure`
    this.parts = [];
    this.chunks = []; // earlier `parts`, already joined (see compact)
    this.nodes = [];
    this.lastTag = ''; // lower-case tag of the last element recorded
    this.shadowRoots = []; // open shadow roots walked into
    // Elements with a custom element's name: a shadow root they attach later
    // (when their definition arrives) causes no mutation the watcher sees.
    this.customElements = [];
    this.g = null; // Getters, from the first node added
    this.lastType = 0; // nodeType of the last node added
  }

  /** Number of nodes recorded so far (the index the next node gets). */
  get count() {
    return this.nodes.length;
  }

  grow() {
    const bigger = new Uint32Array(this.structure.length * 2);
    bigger.set(this.structure);
    this.structure = bigger;
  }

  /**
   * Records `node` (an element or a text node) with `parent` as its parent
   * index, without its children. Returns its index, or -1 if the node is of a
   * kind that snapshots skip.
   */
  addNode(node, parent) {
    const g = (this.g ??= new Getters(node));
    const type = g.nodeType.call(node);
    if (type === ELEMENT_NODE) {
      if (g.localName === null) g.element(node);
      return this.addElement(node, g.localName.call(node), g.attributes.call(node), parent);
    }
    this.lastType = type;
    if (type !== TEXT_NODE) return -1;
    if (g.data === null) g.text(node);
    this.parts.push(TEXT_TAG, clean(g.data.call(node)));
    return this.record(node, parent, 2);
  }

  /**
   * Records the element `node` as having `localName` and `attributes` (a
   * list of `{ name, value }`), which may differ from its own: the
   * playground records attributes it renamed under their original names.
   */
  addElement(node, localName, attributes, parent) {
    this.lastType = ELEMENT_NODE;
    const parts = this.parts;
    const tag = localName.toLowerCase();
    this.lastTag = tag;
    if (tag.indexOf('-') !== -1) this.customElements.push(node);
    parts.push(tag);
    let fields = 1;
    for (let i = 0, n = attributes.length; i < n; i++) {
      const attr = attributes[i];
      const name = attr.name;
      if (ATTRS.has(name)) {
        parts.push(name, clean(attr.value));
        fields += 2;
      }
    }
    return this.record(node, parent, fields);
  }

  record(node, parent, fields) {
    if (this.length + 2 > this.structure.length) this.grow();
    const s = this.structure;
    s[this.length] = parent;
    s[this.length + 1] = fields;
    this.length += 2;
    const index = this.nodes.length;
    this.nodes.push(node);
    return index;
  }

  /**
   * Records `root` and, unless it is opaque, everything under it, in document
   * order, with `parent` as the parent index of `root`. Iterative: an explicit
   * stack of open element indices mirrors the path from `root` down.
   * Returns the index of `root`, or -1 if `root` was skipped.
   */
  addSubtree(root, parent = NO_PARENT) {
    const walk = this.walk(root, parent);
    let step = walk.next();
    while (!step.done) step = walk.next(true);
    return step.value;
  }

  /**
   * `addSubtree` in slices: after every `sliceMs` of walking, awaits
   * `pause()` (a macrotask) so that the page's own work runs in between and
   * no single task walks for long. The page may change while the walk is
   * paused: if the next node to visit has left `root`, the walk ends there
   * (the snapshot is then a consistent prefix of the tree).
   */
  async addSubtreeSliced(root, parent = NO_PARENT, { sliceMs = 12, pause = yieldToPage } = {}) {
    const walk = this.walk(root, parent);
    let deadline = performance.now() + sliceMs;
    let step = walk.next();
    while (!step.done) {
      let go = true;
      if (performance.now() >= deadline) {
        this.compact();
        await pause();
        deadline = performance.now() + sliceMs;
        const { node, depth } = step.value;
        go = composedContains(root, node) && depthOf(node, root) === depth;
      }
      step = walk.next(go);
    }
    return step.value;
  }

  /**
   * The one depth-first walk both of the above drive: records `root` and,
   * unless it is opaque, everything under it, in document order, with an
   * explicit stack of open element indices (no recursion). Every 256 nodes
   * it yields `{ node, depth }` (the next node and its depth below `root`);
   * the caller answers whether to go on. Returns the index of `root`, or -1
   * if `root` was skipped.
   */
  *walk(root, parent) {
    const rootIndex = this.addNode(root, parent);
    if (rootIndex < 0 || this.lastType !== ELEMENT_NODE) return rootIndex;
    if (OPAQUE.has(this.lastTag)) return rootIndex;
    const g = this.g;
    let node = this.enter(root);
    if (node === null) return rootIndex;
    const open = [rootIndex];
    let tick = 0;
    while (node !== null) {
      if ((++tick & 255) === 0 && !(yield { node, depth: open.length })) return rootIndex;
      const index = this.addNode(node, open[open.length - 1]);
      if (index >= 0 && this.lastType === ELEMENT_NODE && !OPAQUE.has(this.lastTag)) {
        const child = this.enter(node);
        if (child !== null) {
          open.push(index);
          node = child;
          continue;
        }
      }
      // Next in composed order: a sibling; after a shadow root's last child,
      // its host's first light child; else the next of the nearest ancestor
      // (below `root`) that has one.
      for (;;) {
        const next = g.nextSibling.call(node);
        if (next !== null) {
          node = next;
          break;
        }
        const up = g.parentNode.call(node);
        if (up !== null && g.nodeType.call(up) === FRAGMENT_NODE && up.host != null) {
          const host = up.host;
          const first = g.firstChild.call(host);
          if (first !== null) {
            node = first; // same open parent: the host
            break;
          }
          node = host;
        } else {
          node = up;
        }
        open.pop();
        if (node === root || node === null || open.length === 0) return rootIndex;
      }
    }
    return rootIndex;
  }

  /**
   * The first node to walk under `el`, noting an open shadow root it has
   * (an empty one too: the page may fill it later).
   */
  enter(el) {
    const g = this.g;
    const sr = g.shadowRoot.call(el);
    if (sr != null) {
      this.shadowRoots.push(sr);
      const first = g.firstChild.call(sr);
      if (first !== null) return first;
    }
    return g.firstChild.call(el);
  }

  /** Joins the strings recorded so far, so that `finish` has less to do at once. */
  compact() {
    if (this.parts.length === 0) return;
    this.chunks.push(this.parts.join('\0') + '\0');
    this.parts = [];
  }

  /** The wire form: `{ structure, strings, nodes, shadowRoots, customElements }`. */
  finish() {
    this.compact();
    return {
      structure: this.structure.slice(0, this.length),
      strings: this.chunks.join(''),
      nodes: this.nodes,
      shadowRoots: this.shadowRoots,
      customElements: this.customElements,
    };
  }
}

/**
 * Snapshot of `root` (normally `document.documentElement`) and everything
 * under it. Returns `{ structure: Uint32Array, strings: string, nodes: Node[] }`.
 */
export function snapshot(root) {
  const builder = new SnapshotBuilder(8192);
  builder.addSubtree(root, NO_PARENT);
  return builder.finish();
}

/**
 * `snapshot()` in slices of about `sliceMs` of main-thread time, yielding to
 * the page in between (see `addSubtreeSliced`). Resolves to the same shape.
 */
export async function snapshotSliced(root, options) {
  const builder = new SnapshotBuilder(8192);
  await builder.addSubtreeSliced(root, NO_PARENT, options);
  return builder.finish();
}

/**
 * Lets the page run: a zero-delay timeout, queued behind the page's own
 * timers and input. (Not `scheduler.yield()`: its continuation is
 * prioritised over the page's timers, which would then starve for the whole
 * walk.)
 */
export function yieldToPage() {
  return new Promise((r) => setTimeout(r, 0));
}

/** Number of element ancestors between `node` and `root` (root's children: 1). */
function depthOf(node, root) {
  let d = 0;
  for (let a = composedParent(node); a !== null && a !== root; a = composedParent(a)) d++;
  return d + 1;
}

/**
 * Snapshot of content added to a page that was already classified: the
 * smallest tree that holds each root's ancestor chain (each ancestor as a
 * bare element, with its attributes but without its other children) and each
 * root's whole subtree, in document order. Roots inside other roots, roots no
 * longer in the document, and roots that are not elements or text nodes are
 * dropped.
 *
 * Returns `{ structure, strings, nodes, roots }`, where `roots` lists, for
 * each kept root, `{ node, start, end }`: the snapshot indices `start..end`
 * are that root's subtree. Labels the classifier gives to nodes outside those
 * ranges (the ancestors) come from a partial view and should be ignored.
 */
export function snapshotAdded(addedRoots, documentElement) {
  const docEl = documentElement ?? addedRoots[0]?.ownerDocument?.documentElement;
  const builder = new SnapshotBuilder(256);
  const roots = [];
  if (!docEl) return { ...builder.finish(), roots };

  const candidates = [];
  const seen = new Set();
  for (const node of addedRoots) {
    if (!node || seen.has(node)) continue;
    seen.add(node);
    const type = node.nodeType;
    if (type !== ELEMENT_NODE && type !== TEXT_NODE) continue;
    if (node === docEl || !composedContains(docEl, node)) continue;
    candidates.push(node);
  }
  candidates.sort(documentOrder);

  // `chain` holds [domNode, index] pairs from the document element down to
  // the last ancestor emitted; consecutive roots share its common prefix.
  const chain = [];
  let lastRoot = null;
  for (const root of candidates) {
    if (lastRoot !== null && composedContains(lastRoot, root)) continue; // inside a previous root
    if (insideOpaque(root, docEl)) continue;
    const path = [];
    for (let a = composedParent(root); a !== null && a !== docEl; a = composedParent(a)) path.push(a);
    if (composedParent(root) === null) continue;
    path.push(docEl);
    path.reverse(); // docEl first
    let shared = 0;
    while (shared < chain.length && shared < path.length && chain[shared][0] === path[shared]) {
      shared++;
    }
    chain.length = shared;
    for (let i = shared; i < path.length; i++) {
      const parent = i === 0 ? NO_PARENT : chain[i - 1][1];
      chain.push([path[i], builder.addNode(path[i], parent)]);
    }
    const start = builder.count;
    builder.addSubtree(root, chain[chain.length - 1][1]);
    roots.push({ node: root, start, end: builder.count });
    lastRoot = root;
  }
  return { ...builder.finish(), roots };
}

/** `node`, then the hosts of the shadow roots it lies in, innermost first. */
function lifts(node) {
  const out = [node];
  for (let r = node.getRootNode(); r.nodeType === FRAGMENT_NODE && r.host != null; r = node.getRootNode()) {
    node = r.host;
    out.push(node);
  }
  return out;
}

/** Composed (walk) order: a host before its shadow tree, which comes before its light children. */
function documentOrder(a, b) {
  if (a === b) return 0;
  if (a.getRootNode() !== b.getRootNode()) {
    const la = lifts(a);
    const lb = lifts(b);
    for (const x of la) {
      for (const y of lb) {
        if (x.getRootNode() !== y.getRootNode()) continue;
        if (x === y) return x === a ? -1 : 1; // one lies in the other's shadow tree
        if (x !== a && x.contains(y)) return -1; // a in x's shadow tree, b among x's light children
        if (y !== b && y.contains(x)) return 1;
        return x.compareDocumentPosition(y) & 4 ? -1 : 1;
      }
    }
  }
  // DOCUMENT_POSITION_FOLLOWING = 4: b follows a.
  return a.compareDocumentPosition(b) & 4 ? -1 : 1;
}

function insideOpaque(node, docEl) {
  for (let a = composedParent(node); a !== null && a !== docEl; a = composedParent(a)) {
    if (a.nodeType === ELEMENT_NODE && OPAQUE.has(a.localName.toLowerCase())) return true;
  }
  return false;
}

/**
 * Decodes a wire snapshot back into `{ parent, tag, attrs, text }` records;
 * for tests and debugging only (the Rust core has its own decoder).
 */
export function decodeWire(structure, strings) {
  const fields = strings.split('\0');
  let f = 0;
  const out = [];
  for (let i = 0; i < structure.length; i += 2) {
    const parent = structure[i];
    const count = structure[i + 1];
    const tag = fields[f++];
    if (tag === TEXT_TAG) {
      out.push({ parent, tag, text: fields[f++] });
    } else {
      const attrs = [];
      for (let k = 1; k < count; k += 2) attrs.push([fields[f++], fields[f++]]);
      out.push({ parent, tag, attrs });
    }
  }
  return out;
}
