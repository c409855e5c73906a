// Runs the Rust core (Wasm) on a snapshot: in the content script when the
// page lets it compile WebAssembly, otherwise in the background.
//
// The core's bytes are in the content script itself (base64, put in the
// bundle at build time): no page can fetch them by URL, and compiling them
// waits for no message. Chromium compiles Wasm in a content script under
// the page's CSP, so on a page whose CSP has script-src without
// 'wasm-unsafe-eval' instantiation fails. The background's CSP
// (content_security_policy.extension_pages) allows 'wasm-unsafe-eval', so
// the snapshot goes there instead, as a runtime message (see background.js
// for the protocol).
import init from '../wasm/chaff.js';
import { classify_added_wire, classify_wire } from '../wasm/chaff.js';
import { WASM_BASE64 } from '../wasm/chaff_bg.base64.js';
import { api } from './api.js';
import { classifyPart, classifyRequest } from './messages.js';

// A large snapshot travels in parts of at most these sizes, one message
// each, so that no single message costs the page a long task to serialise.
const PART_STRUCTURE = 16384; // entries (8 192 nodes)
const PART_STRINGS = 1 << 18; // UTF-16 code units

/**
 * A small article page as a wire snapshot (snapshot.js's format): a
 * navigation bar, an article, a newsletter box, a footer.
 */
export function warmUpSnapshot() {
  const structure = [];
  const parts = [];
  const el = (parent, tag, ...attrs) => {
    structure.push(parent, 1 + attrs.length);
    parts.push(tag, ...attrs);
    return structure.length / 2 - 1;
  };
  const text = (parent, data) => {
    structure.push(parent, 2);
    parts.push('#text', data);
  };
  const html = el(0xffffffff, 'html');
  text(el(el(html, 'head'), 'title'), 'A page');
  const body = el(html, 'body');
  const nav = el(body, 'nav', 'class', 'site-nav');
  for (const w of ['Home', 'News', 'Sport']) text(el(nav, 'a', 'href', `/${w}`), w);
  const article = el(body, 'article');
  text(el(article, 'h1'), 'A headline');
  const prose = 'A sentence of the article, long enough to read as prose, with a comma, and a full stop. ';
  for (let i = 0; i < 4; i++) text(el(article, 'p'), prose.repeat(3));
  const aside = el(body, 'aside', 'class', 'newsletter');
  text(el(aside, 'p'), 'Subscribe to our newsletter');
  el(aside, 'input', 'type', 'email', 'placeholder', 'Email');
  text(el(el(body, 'footer'), 'p'), '© 2026 A publisher');
  return { structure: Uint32Array.from(structure), strings: parts.join('\0') + '\0' };
}

/**
 * Classifies `warmUpSnapshot()` once, right after instantiation, if the
 * page is still loading: engines compile a Wasm function on its first call,
 * and the core builds its cue index on its first classification, so the
 * first pass would otherwise pay for both. Once the page has loaded, the
 * first pass is already walking it and would only wait for the warm-up.
 */
function warmUp() {
  try {
    const w = warmUpSnapshot();
    classify_wire(w.structure, w.strings);
  } catch {
    // Only a head start; the pass itself reports real failures.
  }
}

export class Classifier {
  /** `doc`: the page (a warm-up runs only while it is still loading). */
  constructor(doc) {
    this.doc = doc;
    this.module = null; // Promise<WebAssembly.Module>: the core, compiled
    this.local = null; // Promise<boolean>: true once the module is instantiated here
    /** Where the last classification ran: 'local' or 'background'. */
    this.lastEngine = null;
    /** Why local instantiation failed, if it did (shown in the popup as a note). */
    this.localError = null;
    /**
     * The core's reading of the page from its last whole classification,
     * handed back unread with content added later ("" before the first).
     */
    this.reading = '';
    /** Counts the pages `forgetPage` was told of: a reading from before one is stale. */
    this.page = 0;
  }

  /**
   * Starts compiling the core, off the main thread: in Firefox first thing,
   * while the content script reads its settings; in Chromium, where a page
   * whose CSP forbids Wasm here would see the refusal, only once they say
   * Chaff is on (from `initLocal`). A refused compile rejects (initLocal
   * then answers false).
   */
  compile() {
    if (this.module === null) {
      this.module = (async () => WebAssembly.compile(Uint8Array.fromBase64(WASM_BASE64)))();
      this.module.catch(() => {}); // handled in initLocal; never an unhandled rejection in the page's console
    }
    return this.module;
  }

  /**
   * Never compiles the core here: every classification goes to the
   * background. `reason` is shown as the engine note.
   */
  skipLocal(reason) {
    if (this.local === null) {
      this.local = Promise.resolve(false);
      this.localError = reason;
    }
  }

  /**
   * Forgets the page's reading (a single-page app's navigation brings
   * another page): until the next whole classification, added content is
   * judged by its own wording and shape.
   */
  forgetPage() {
    this.reading = '';
    this.page++;
  }

  /** Keeps `reading` if it is of the page still shown (`page`: `this.page` when it was asked for). */
  keepReading(reading, page) {
    if (typeof reading === 'string' && page === this.page) this.reading = reading;
  }

  /** Instantiates the core in this context; resolves false if it cannot. */
  initLocal() {
    if (this.local === null) {
      this.local = (async () => {
        try {
          await init({ module_or_path: await this.compile() });
          if (this.doc.readyState === 'loading') warmUp();
          return true;
        } catch (e) {
          this.localError = e instanceof Error ? e.message : String(e);
          return false;
        }
      })();
    }
    return this.local;
  }

  /**
   * Classifies a wire snapshot: `{ structure: Uint32Array, strings: string }`.
   * With `added`, the snapshot holds content added after load under its
   * ancestor chain (`snap.roots` marks the added subtrees), and only the
   * chrome filters run on it.
   * With `offThread`, the background classifies it even if this context could.
   * Resolves to `[{ node: number, label: string, confidence: number, reason: string }]`.
   * Rejects with an Error if the core rejects the snapshot or the background
   * cannot be reached.
   */
  async classify(snap, { added = false, offThread = false, slices = null } = {}) {
    const roots = added ? Uint32Array.from(snap.roots, (r) => r.start) : null;
    const page = this.page;
    if (offThread) {
      // A large snapshot: classifying it here would hold the page's main
      // thread for too long, so the background (a service worker thread in
      // Chromium, the extension process in Firefox) does it. If the background
      // cannot, it is done here after all.
      try {
        this.lastEngine = 'background';
        return await this.inBackground(snap, added, roots, slices, page);
      } catch (e) {
        if (!(await this.initLocal())) throw e;
      }
    }
    if (await this.initLocal()) {
      this.lastEngine = 'local';
      if (added) return classify_added_wire(snap.structure, snap.strings, roots, this.reading);
      const { blocks, reading } = classify_wire(snap.structure, snap.strings);
      this.keepReading(reading, page);
      return blocks;
    }
    this.lastEngine = 'background';
    return this.inBackground(snap, added, roots, slices, page);
  }

  /**
   * `slices` (optional): `{ lap(), resume() }`, told where the main-thread
   * stretches of the hand-over end (a message sent) and start again (its
   * answer arrived); a large snapshot is then sent in parts. `page`: the
   * page it was asked for (`keepReading`).
   */
  async inBackground(snap, added, roots, slices = null, page = this.page) {
    const send = async (m) => {
      const p = api.runtime.sendMessage(m);
      slices?.lap();
      try {
        return await p;
      } finally {
        slices?.resume();
      }
    };
    // Chromium serialises runtime messages as JSON: a typed array would arrive
    // as an object, so the structure travels as a plain array of numbers.
    const fields = { added, roots: added ? Array.from(roots) : undefined, reading: this.reading };
    if (slices !== null && (snap.structure.length > PART_STRUCTURE || snap.strings.length > PART_STRINGS)) {
      fields.id = `${Date.now()}-${Math.random()}`;
      fields.parts = 0;
      let s = 0;
      let t = 0;
      while (s < snap.structure.length || t < snap.strings.length) {
        let end = Math.min(t + PART_STRINGS, snap.strings.length);
        // Never cut a surrogate pair in two.
        const last = snap.strings.charCodeAt(end - 1);
        if (end < snap.strings.length && last >= 0xd800 && last <= 0xdbff) end--;
        const part = classifyPart(
          fields.id,
          fields.parts++,
          Array.from(snap.structure.subarray(s, s + PART_STRUCTURE)),
          snap.strings.slice(t, end),
        );
        s += PART_STRUCTURE;
        t = end;
        const reply = await send(part);
        if (reply === undefined || reply === null || !reply.ok) throw new Error('the background refused a part of the page');
      }
      fields.structure = [];
      fields.strings = '';
    } else {
      fields.structure = Array.from(snap.structure);
      fields.strings = snap.strings;
    }
    const reply = await send(classifyRequest(fields));
    if (reply === undefined || reply === null) throw new Error('no answer from the background');
    if (!reply.ok) throw new Error(reply.error || 'the background could not classify the page');
    if (!added) this.keepReading(reply.reading, page);
    return reply.blocks;
  }
}
