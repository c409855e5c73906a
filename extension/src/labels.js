// Label names as the core emits them (src/label.rs, kebab-case), and which
// ones the extension hides unless the user says otherwise.

export const LABELS = Object.freeze([
  'content', 'title', 'byline', 'dateline', 'paywall', 'app-promo', 'link-farm', 'newsletter',
  'social', 'ad', 'consent', 'comments', 'navigation', 'other',
]);

/** Part of the article as the site presents it: never hidden (`Label::is_article`). */
export const ARTICLE_LABELS = Object.freeze(['content', 'title', 'byline', 'dateline']);

/** Kinds a user may choose to hide (`Label::is_chrome`), in display order. */
export const CHROME_LABELS = Object.freeze(
  LABELS.filter((l) => !ARTICLE_LABELS.includes(l) && l !== 'other'),
);

/** `Label::hidden_by_default`. */
export const HIDDEN_BY_DEFAULT = Object.freeze([
  'paywall', 'app-promo', 'link-farm', 'newsletter', 'social', 'ad', 'consent',
]);

/** The messages.json key of a label's display name: "app-promo" -> "label_app_promo". */
export function labelMessageKey(label) {
  return 'label_' + label.replaceAll('-', '_');
}
