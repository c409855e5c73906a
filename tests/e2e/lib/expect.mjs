// Reads tests/fixtures/*.expect files ("LABEL<TAB>SNIPPET" lines) and checks,
// in a page, whether each snippet's block is rendered.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { readPolicy } from '../../../extension/policy.mjs';

// The hiding policy as the core states it (src/policy.rs), read from the
// Wasm package `make dist` built: the tests keep no list of their own.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const POLICY = await readPolicy(path.join(ROOT, 'target', 'wasm-pkg'));
const names = (pick) => new Set(POLICY.labels.filter(pick).map((l) => l.name));

export const ARTICLE_LABELS = names((l) => l.article);
export const HIDDEN_BY_DEFAULT = names((l) => l.hiddenByDefault);
/** The kinds a user may hide, in the policy's order (the picker's). */
export const CHROME_LABELS = POLICY.labels.filter((l) => l.chrome).map((l) => l.name);
export const NEVER_HIDDEN_TAGS = new Set(POLICY.neverHiddenTags);

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
