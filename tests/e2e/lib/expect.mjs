// Reads tests/fixtures/*.expect files ("LABEL<TAB>SNIPPET" lines) and checks,
// in a page, whether each snippet's block is rendered.
import fs from 'node:fs';

export const ARTICLE_LABELS = new Set(['content', 'title', 'byline', 'dateline']);
export const HIDDEN_BY_DEFAULT = new Set(['paywall', 'app-promo', 'link-farm', 'newsletter', 'social', 'ad', 'consent']);

export function readExpect(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const tab = l.indexOf('\t');
      return { label: l.slice(0, tab), snippet: l.slice(tab + 1).trim() };
    });
}

/**
 * For each expectation, the smallest element whose whitespace-normalised text
 * holds the snippet: { label, snippet, found, visible, hiddenAs }.
 */
export function checkSnippets(page, expectations) {
  return page.evaluate((items) => {
    const norm = (s) => s.replace(/\s+/g, ' ');
    const elements = [...document.body.querySelectorAll('*')];
    return items.map(({ label, snippet }) => {
      let found = null;
      for (const el of elements) if (norm(el.textContent).includes(snippet)) found = el;
      if (found === null) return { label, snippet, found: false };
      const by = found.closest('[data-chaff-hide]');
      return {
        label,
        snippet,
        found: true,
        visible: found.checkVisibility(),
        hiddenAs: by ? by.getAttribute('data-chaff-hide') : null,
      };
    });
  }, expectations);
}
