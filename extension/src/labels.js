// The hiding policy, as the core decides it (src/policy.rs): policy.js is
// written at build time from the core's Wasm export, so no label list lives
// here. These are views of it for the extension's modules.
import { POLICY } from './policy.js';

const names = (pick) => Object.freeze(POLICY.labels.filter(pick).map((l) => l.name));

/** Every label the core emits, in display order. */
export const LABELS = names(() => true);

/** Part of the article as the site presents it: never hidden (`Label::is_article`). */
export const ARTICLE_LABELS = names((l) => l.article);

/** Kinds a user may choose to hide (`Label::is_chrome`), in display order. */
export const CHROME_LABELS = names((l) => l.chrome);

/** `Label::hidden_by_default`. */
export const HIDDEN_BY_DEFAULT = names((l) => l.hiddenByDefault);

/** Kinds whose walls lock scrolling on <html>/<body> while shown (`policy::SCROLL_LOCKERS`). */
export const SCROLL_LOCKERS = new Set(names((l) => l.locksScrolling));

/** Elements never hidden, whatever the label (`policy::NEVER_HIDDEN_TAGS`). */
export const NEVER_HIDDEN_TAGS = new Set(POLICY.neverHiddenTags);

/** The messages.json key of a label's display name: "app-promo" -> "label_app_promo". */
export function labelMessageKey(label) {
  return 'label_' + label.replaceAll('-', '_');
}
