// The content script's side of the message protocol (messages.js): answers
// the popup and the background (tabs.sendMessage), and reports its state to
// the background (badge) and an open popup, which add up the reports of a
// tab's frames. Only messages from this extension, of the protocol's shapes,
// are answered.
import { T, fromExtension, parseToContent, report } from './messages.js';

export class ContentMessaging {
  /**
   * `handlers`: { state(), setReveal(on), setSiteEnabled(on), toggleSite(), startPicker() },
   * each returning (a promise of) nothing; every answer is `state()` after it.
   * `top`: false in a frame, which follows "show what was hidden" and the
   * site switch silently (`followSite(on)`, on null: toggle; it does not
   * write storage) and answers nothing: the top frame answers for the whole
   * tab. Every frame reports its own counts.
   */
  constructor(api, handlers, { top = true } = {}) {
    this.api = api;
    this.handlers = handlers;
    this.top = top;
    this.listener = (raw, sender, sendResponse) => this.onMessage(raw, sender, sendResponse);
  }

  listen() {
    this.api.runtime.onMessage.addListener(this.listener);
  }

  onMessage(raw, sender, sendResponse) {
    if (!fromExtension(sender, this.api.runtime.id)) return false;
    const msg = parseToContent(raw);
    if (msg === null) return false;
    const h = this.handlers;
    if (!this.top) {
      // A frame follows, but leaves the answer (and the storage) to the top frame.
      const work = {
        [T.setReveal]: () => h.setReveal(msg.on),
        [T.setSiteEnabled]: () => h.followSite(msg.enabled),
        [T.toggleSite]: () => h.followSite(null),
      }[msg.type];
      if (work !== undefined) Promise.resolve(work()).catch(() => {});
      return false;
    }
    let work;
    switch (msg.type) {
      case T.getState:
        sendResponse(h.state());
        return false;
      case T.setReveal:
        work = h.setReveal(msg.on);
        break;
      case T.setSiteEnabled:
        work = h.setSiteEnabled(msg.enabled);
        break;
      case T.toggleSite:
        work = h.toggleSite();
        break;
      case T.startPicker:
        work = h.startPicker();
        break;
      default:
        return false;
    }
    Promise.resolve(work)
      .catch(() => {}) // the handlers record their own errors
      .then(() => sendResponse(h.state()));
    return true; // answer asynchronously
  }

  /** Tells the background (badge) and an open popup what changed. */
  report(state) {
    try {
      const p = this.api.runtime.sendMessage(report(state));
      if (p && typeof p.catch === 'function') p.catch(() => {});
    } catch {
      // The extension was reloaded or removed: this script is orphaned.
    }
  }
}
