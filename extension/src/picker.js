// "Hide something else": a picker, started from the popup, with which the
// user points at any block of the page and tells Chaff to hide it on this
// site, as a kind the user chooses (corrections.js).
//
// While it runs, ONE element of Chaff's own, `<chaff-pick>` (a closed shadow
// root, between <head> and <body>, removed when it ends), draws an outline
// around the chosen block and a panel at the bottom of the window: what is
// chosen, the kind (the core's guess first), "Hide" and "Cancel", and a
// status line that announces each choice.
//   Mouse: the block under the pointer is outlined; a click chooses it (the
//   page does not see that click).
//   Keys: ↑ the parent, ↓ the first child, ← → the previous / next sibling;
//   Enter on "Hide" (where the focus starts) hides; Tab reaches the kind and
//   "Cancel"; Esc cancels.
// Only trusted events (the user's) count.
import { CHROME_LABELS, HIDDEN_BY_DEFAULT, labelMessageKey } from './labels.js';
import { el, t } from './i18n.js';
import { styledShadowRoot } from './own-element.js';

const CSS = `
:host { all: initial !important; }
.outline {
  position: fixed; pointer-events: none; box-sizing: border-box;
  border: 3px solid #1d4ed8; background: rgba(29, 78, 216, 0.08); z-index: 2147483646;
}
.panel {
  position: fixed; left: 8px; right: 8px; bottom: 8px; z-index: 2147483647;
  display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px; padding: 10px 12px;
  font: 14px/1.4 system-ui, sans-serif; color: #1e1e1e; background: #ffffff;
  border: 2px solid #1d4ed8; border-radius: 8px; box-shadow: 0 4px 16px rgba(0, 0, 0, 0.25);
}
.what { flex: 1 1 200px; overflow-wrap: anywhere; }
.hint { flex-basis: 100%; font-size: 12px; color: #4b5563; margin: 0; }
label { display: inline-flex; gap: 6px; align-items: center; }
select, button { font: inherit; color: #1e1e1e; background: #fff; border: 1px solid #6b7280; border-radius: 6px; padding: 3px 10px; }
button.hide { background: #1d4ed8; border-color: #1d4ed8; color: #fff; font-weight: 600; }
:focus-visible { outline: 3px solid #c2410c; outline-offset: 2px; }
.status { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
@media (prefers-color-scheme: dark) {
  .panel { color: #f3f4f6; background: #1f2937; border-color: #93c5fd; }
  .hint { color: #d1d5db; }
  select, button { color: #f3f4f6; background: #111827; border-color: #9ca3af; }
  button.hide { background: #93c5fd; border-color: #93c5fd; color: #111827; }
  .outline { border-color: #93c5fd; }
}
@media (forced-colors: active) {
  .outline { border-color: Highlight; }
  .panel { border-color: CanvasText; }
}
`;

// How long the status line outlives the picker, to say how it ended.
const ENDED_MS = 3000;

/** The kind offered first when no block around the chosen one was labelled: the policy's first kind hidden by default. */
const DEFAULT_KIND = HIDDEN_BY_DEFAULT[0] ?? CHROME_LABELS[0];

export class Picker {
  /**
   * `guess(el)`: the label of `el` or its nearest labelled ancestor (the
   * user's own hide first, else the core's), or null. `canHide(el)`: whether a user's hide may take it.
   * `hide(el, label)`: makes the correction; resolves to what to announce.
   * `own`: { add(el), remove(el) }. `onEnd()`: after it ends, either way.
   */
  constructor(doc, { guess, canHide, hide, own, onEnd = () => {} }) {
    this.doc = doc;
    this.guess = guess;
    this.canHide = canHide;
    this.hideBlock = hide;
    this.own = own;
    this.onEnd = onEnd;
    this.host = null;
    this.root = null;
    this.target = null;
    const view = doc.defaultView;
    this.listeners = [
      [view, 'mousemove', (e) => this.onMove(e)],
      [view, 'click', (e) => this.onClick(e)],
      [view, 'keydown', (e) => this.onKey(e)],
      [view, 'scroll', () => this.draw()],
      [view, 'resize', () => this.draw()],
    ];
  }

  get active() {
    return this.host !== null;
  }

  start() {
    if (this.host !== null) return;
    const doc = this.doc;
    const host = doc.createElement('chaff-pick');
    this.own.add(host);
    const root = styledShadowRoot(doc, host, CSS);
    this.outline = el('div', { className: 'outline' });
    this.what = el('span', { className: 'what', id: 'what' });
    this.kind = el('select', { id: 'kind' });
    this.hideButton = el('button', { type: 'button', className: 'hide' }, t('pickHide'));
    this.hideButton.setAttribute('aria-describedby', 'what');
    const cancel = el('button', { type: 'button' }, t('pickCancel'));
    this.status = el('p', { className: 'status', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
    const panel = el(
      'div',
      { className: 'panel', role: 'dialog', 'aria-label': t('pickTitle') },
      this.what,
      el('label', {}, t('pickKind'), this.kind),
      this.hideButton,
      cancel,
      el('p', { className: 'hint' }, t('pickHint')),
    );
    this.hideButton.addEventListener('click', (e) => {
      if (e.isTrusted) this.choose();
    });
    cancel.addEventListener('click', (e) => {
      if (e.isTrusted) this.end(t('pickCancelled'));
    });
    root.append(this.outline, panel, this.status);
    doc.documentElement.insertBefore(host, doc.body);
    this.host = host;
    this.root = root;
    for (const [target, type, fn] of this.listeners) target.addEventListener(type, fn, true);
    this.select(this.firstTarget());
    this.hideButton.focus();
  }

  /** Where it starts: the block at the middle of the window's upper third, or the body's first child. */
  firstTarget() {
    const view = this.doc.defaultView;
    let el = this.doc.elementFromPoint(view.innerWidth / 2, view.innerHeight / 3);
    if (el === null || el === this.host || !this.canHide(el)) el = this.doc.body.firstElementChild;
    return el ?? this.doc.body;
  }

  /** Makes `el` the chosen block: outlined, described, its kind guessed, announced. */
  select(el) {
    if (el === null || el === this.host) return;
    this.target = el;
    const guess = this.guess(el);
    const first = guess !== null && CHROME_LABELS.includes(guess) ? guess : DEFAULT_KIND;
    const kinds = [first, ...CHROME_LABELS.filter((l) => l !== first)];
    this.kind.replaceChildren(
      ...kinds.map((l, i) => {
        const o = this.doc.createElement('option');
        o.value = l;
        o.textContent = i === 0 ? t('pickGuess', [t(labelMessageKey(l))]) : t(labelMessageKey(l));
        return o;
      }),
    );
    this.kind.value = first;
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    const excerpt = text.length > 60 ? text.slice(0, 60) + '…' : text;
    const desc = t('pickWhat', [el.localName, excerpt || '—']);
    this.what.textContent = desc;
    // Not `disabled`: the focus stays on it, and it says why.
    this.hideButton.setAttribute('aria-disabled', String(!this.canHide(el)));
    this.draw();
    this.say(this.canHide(el) ? desc : t('pickCannot'));
  }

  draw() {
    if (this.host === null || this.target === null) return;
    const r = this.target.getBoundingClientRect();
    Object.assign(this.outline.style, { top: `${r.top}px`, left: `${r.left}px`, width: `${r.width}px`, height: `${r.height}px` });
  }

  /** The page's element under an event (not Chaff's own). */
  pageTarget(e) {
    const el = e.target;
    return el !== null && el.nodeType === 1 && el !== this.host && el !== this.doc.documentElement ? el : null;
  }

  onMove(e) {
    if (!e.isTrusted) return;
    const el = this.pageTarget(e);
    if (el !== null && el !== this.target) this.select(el);
  }

  onClick(e) {
    if (!e.isTrusted || e.target === this.host) return; // the panel's own buttons
    // The page does not see the click that chooses a block.
    e.preventDefault();
    e.stopImmediatePropagation();
    const el = this.pageTarget(e);
    if (el !== null) {
      this.select(el);
      this.hideButton.focus();
    }
  }

  onKey(e) {
    if (!e.isTrusted) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopImmediatePropagation();
      this.end(t('pickCancelled'));
      return;
    }
    // (Outside listeners do not see into the closed root: ask it.)
    const inSelect = this.root.activeElement === this.kind;
    const el = this.target;
    let next;
    if (inSelect || el === null) return;
    if (e.key === 'ArrowUp') next = el.parentElement === this.doc.documentElement ? null : el.parentElement;
    else if (e.key === 'ArrowDown') next = el.firstElementChild;
    else if (e.key === 'ArrowLeft') next = el.previousElementSibling;
    else if (e.key === 'ArrowRight') next = el.nextElementSibling;
    else return;
    // The arrows are the picker's while it runs: the page does not scroll.
    e.preventDefault();
    e.stopImmediatePropagation();
    if (next === null || next === undefined || next === this.host || next.localName === 'head') {
      this.say(t('pickNoFurther'), true);
      return;
    }
    this.select(next);
    next.scrollIntoView({ block: 'nearest' });
  }

  async choose() {
    const el = this.target;
    if (el === null || !this.canHide(el)) {
      this.say(t('pickCannot'), true);
      return;
    }
    try {
      const text = await this.hideBlock(el, this.kind.value);
      this.end(text);
    } catch (e) {
      this.say(e instanceof Error && e.key ? t(e.key) : t('keepFailed'), true);
    }
  }

  /**
   * Ends the picker: the outline and the panel go at once; the status line
   * stays ENDED_MS more, to announce `text`, then Chaff's element goes (at
   * once with `linger` false: the site is turned off).
   */
  end(text, linger = true) {
    if (this.host === null) return;
    for (const [target, type, fn] of this.listeners) target.removeEventListener(type, fn, true);
    const host = this.host;
    this.outline.remove();
    this.root.querySelector('.panel')?.remove();
    this.say(text, true);
    this.host = null;
    this.target = null;
    const remove = () => {
      host.remove();
      this.own.remove(host);
    };
    if (linger) setTimeout(remove, ENDED_MS);
    else remove();
    this.onEnd(text);
  }

  say(text, always = false) {
    if (this.status === undefined) return;
    if (always && this.status.textContent === text) this.status.textContent = '';
    if (this.status.textContent !== text) this.status.textContent = text;
  }
}
