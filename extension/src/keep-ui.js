// "Keep this": in "show what was hidden" mode, each outlined block gets a
// button that tells Chaff to stop hiding it on this site (corrections.js);
// on a block the user hid, the button is "Show again" and undoes that.
//
// The buttons live in ONE element of Chaff's own, `<chaff-keep>`, put in the
// page only while the mode is on (between <head> and <body>, so that they
// come first in the tab order) and removed with it. Its shadow root is
// closed: the page's scripts, and Chaff's own walker, cannot see into it, and
// the page's styles do not reach it. Each button is placed at its block's
// top right corner, is named "Keep this: <kind>", and only a trusted click
// (the user's mouse or keyboard, not the page's script) counts. A status line
// in the same root announces the number of outlined blocks once per change,
// and what each button did.
import { labelMessageKey } from './labels.js';
import { t } from './i18n.js';
import { styledShadowRoot } from './own-element.js';

const CSS = `
:host { all: initial !important; }
.box { position: absolute; top: 0; left: 0; width: 0; height: 0; }
button {
  position: absolute; transform: translateX(-100%); white-space: nowrap;
  font: 600 13px/1.3 system-ui, sans-serif; padding: 3px 8px; margin: 0;
  color: #7c2d12; background: #fff7ed; border: 2px solid #c2410c; border-radius: 4px;
  cursor: pointer; z-index: 2147483647;
}
button:hover { background: #ffedd5; }
button:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
.status {
  position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap;
}
@media (prefers-color-scheme: dark) {
  button { color: #ffedd5; background: #431407; border-color: #fb923c; }
  button:hover { background: #7c2d12; }
  button:focus-visible { outline-color: #93c5fd; }
}
@media (forced-colors: active) {
  button { forced-color-adjust: auto; border-color: ButtonText; }
}
`;

export class KeepButtons {
  /**
   * `blocks()`: the outlined blocks, [{ node, label, user }], in document
   * order. `keep(block)`: makes the correction; resolves to what to
   * announce. `own`: { add(el), remove(el) }, so that the cleaner never
   * hides, and the watcher never walks, Chaff's own element.
   */
  constructor(doc, { blocks, keep, own }) {
    this.doc = doc;
    this.blocks = blocks;
    this.keep = keep;
    this.own = own;
    this.host = null;
    this.root = null;
    this.box = null;
    this.status = null;
    this.buttons = []; // [{ button, block }]
    this.frame = 0;
    this.onResize = () => this.later();
  }

  get shown() {
    return this.host !== null;
  }

  /** Puts the buttons in the page (or moves them to where their blocks are now). */
  show() {
    if (this.host === null) this.attach();
    this.render();
  }

  attach() {
    const doc = this.doc;
    const host = doc.createElement('chaff-keep');
    this.own.add(host); // before it is in the page: the watcher must not see it
    const root = styledShadowRoot(doc, host, CSS);
    this.box = doc.createElement('div');
    this.box.className = 'box';
    this.status = doc.createElement('p');
    this.status.className = 'status';
    this.status.setAttribute('role', 'status');
    this.status.setAttribute('aria-live', 'polite');
    this.status.setAttribute('aria-atomic', 'true');
    root.append(this.status, this.box);
    // Between <head> and <body>: first in the tab order, outside the body
    // that the page's styles and a user's hide could reach.
    doc.documentElement.insertBefore(host, doc.body);
    this.host = host;
    this.root = root;
    this.doc.defaultView.addEventListener('resize', this.onResize);
  }

  /** Removes Chaff's element from the page. */
  hide() {
    if (this.host === null) return;
    this.doc.defaultView.removeEventListener('resize', this.onResize);
    cancelAnimationFrame(this.frame);
    this.host.remove();
    this.own.remove(this.host);
    this.host = null;
    this.root = null;
    this.buttons = [];
  }

  later() {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => {
      if (this.host !== null) this.render();
    });
  }

  /** One button per outlined block, at its top right corner; focus stays where it was. */
  render(focusAt = null) {
    const focused = this.buttons.findIndex((b) => b.button === this.root.activeElement);
    const origin = this.box.getBoundingClientRect();
    const buttons = [];
    for (const block of this.blocks()) {
      const r = block.node.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // not rendered: nothing to point at
      const kind = t(labelMessageKey(block.label));
      const button = this.doc.createElement('button');
      button.type = 'button';
      button.textContent = t(block.user ? 'keepShowAgain' : 'keepThis');
      button.setAttribute('aria-label', t(block.user ? 'keepShowAgainKind' : 'keepThisKind', [kind]));
      button.style.top = `${Math.max(0, r.top - origin.top)}px`;
      button.style.left = `${r.right - origin.left}px`;
      button.addEventListener('click', (e) => {
        if (e.isTrusted) this.choose(block, buttons.indexOf(entry));
      });
      const entry = { button, block };
      buttons.push(entry);
    }
    this.box.replaceChildren(...buttons.map((b) => b.button));
    this.buttons = buttons;
    const at = focusAt ?? (focused >= 0 ? focused : null);
    if (at !== null && buttons.length > 0) buttons[Math.min(at, buttons.length - 1)].button.focus();
    this.say(buttons.length === 1 ? t('keepCountOne') : t('keepCountMany', [String(buttons.length)]), false);
  }

  async choose(block, index) {
    let text;
    try {
      text = await this.keep(block);
    } catch (e) {
      text = e instanceof Error && e.key ? t(e.key) : t('keepFailed');
    }
    if (this.host === null) return;
    this.render(index); // the next block's button takes the focus
    this.say(text, true);
  }

  /** Writes the status line when its text changes (or always, for an answer to the user). */
  say(text, always) {
    if (this.status === null) return;
    if (always && this.status.textContent === text) this.status.textContent = '';
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  /** For tests and the popup: the buttons' names, in order. */
  names() {
    return this.buttons.map((b) => b.button.getAttribute('aria-label'));
  }
}
