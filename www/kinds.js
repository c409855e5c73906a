// How the playground shows each label: name, colour, one-line description.
// The label lists themselves come from the extension (labels.js, copied in by
// build.mjs) so that the two never disagree on what is hidden by default.

export { LABELS, ARTICLE_LABELS, CHROME_LABELS, HIDDEN_BY_DEFAULT } from './labels.js';

export const KINDS = Object.freeze({
  content: { name: 'Content', color: '#16a34a', about: 'The article’s own text' },
  title: { name: 'Title', color: '#0d9488', about: 'The headline' },
  byline: { name: 'Byline', color: '#0891b2', about: 'Who wrote it' },
  dateline: { name: 'Dateline', color: '#2563eb', about: 'When it was published' },
  paywall: { name: 'Paywall', color: '#dc2626', about: 'Subscription walls and teasers' },
  'app-promo': { name: 'App promo', color: '#ea580c', about: 'App banners and store badges' },
  'link-farm': { name: 'Link farm', color: '#c026d3', about: 'Lists of links to other stories' },
  newsletter: { name: 'Newsletter', color: '#db2777', about: 'Sign-up boxes and pop-ups' },
  social: { name: 'Social', color: '#6366f1', about: 'Share and follow buttons' },
  ad: { name: 'Ad', color: '#ca8a04', about: 'Advertising and sponsored slots' },
  consent: { name: 'Consent', color: '#92400e', about: 'Cookie and privacy banners' },
  comments: { name: 'Comments', color: '#7c3aed', about: 'Reader comments' },
  navigation: { name: 'Navigation', color: '#64748b', about: 'Menus, headers and footers' },
  other: { name: 'Other', color: '#a8a29e', about: 'Outside the article, not chrome' },
});

export function kind(label) {
  return KINDS[label] ?? { name: label, color: '#888888', about: '' };
}
