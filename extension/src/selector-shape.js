// The shape of a CSS selector Chaff stores, learned (learned.js) or the
// user's (corrections.js): each becomes a stylesheet rule, so it must not
// carry rule syntax of its own.

export const MAX_SELECTOR = 300;

/**
 * A selector's shape: a non-empty string, bounded, with no rule syntax in it
 * and its brackets balanced (a stylesheet's rule is made of it: an open
 * bracket would swallow the rules after it).
 */
export function isSelectorShape(s) {
  if (typeof s !== 'string' || s.trim().length === 0 || s.length > MAX_SELECTOR) return false;
  const bare = s.replace(/\\./g, '');
  if (/[{};@]/.test(bare)) return false;
  const open = [];
  for (const ch of bare) {
    if (ch === '(' || ch === '[') open.push(ch);
    else if (ch === ')' || ch === ']') {
      if (open.pop() !== (ch === ')' ? '(' : '[')) return false;
    }
  }
  return open.length === 0;
}
