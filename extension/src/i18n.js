// Fills extension pages from _locales/*/messages.json. Text only ever goes
// through textContent or attributes, never innerHTML.
import { api } from './api.js';

export function t(key, substitutions) {
  return api.i18n.getMessage(key, substitutions) || key;
}

/** Localises `data-i18n` (text), `data-i18n-title` and `data-i18n-aria-label` under `root`. */
export function localize(root = document) {
  const html = document.documentElement;
  html.lang = api.i18n.getUILanguage();
  html.dir = api.i18n.getMessage('@@bidi_dir') || 'ltr';
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll('[data-i18n-aria-label]')) {
    el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel));
  }
}

/** Small element builder: el('li', { className: 'x' }, 'text', child). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('aria-') || k === 'role' || k === 'for') node.setAttribute(k, v);
    else node[k] = v;
  }
  for (const c of children) node.append(c);
  return node;
}
