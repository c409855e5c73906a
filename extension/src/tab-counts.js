// What a tab's frames hid, for the badge and the popup: the top frame and
// each same-origin frame report their own counts (messages.js `report`), and
// a tab's count is their sum. No imports: the background, the popup and
// Node tests use it.
//
// A tab's entry: { page, frames: { <frameId>: Counts }, top: { enabled, error } | null },
// where `page` is the top document's `performance.timeOrigin`, which every
// frame of that document reports too: a report of another page starts a new
// entry (the top frame navigated), except a late one from a frame of an
// earlier page, which is dropped.
//
// Counts = { total, found: { <label>: n }, hidden: { <label>: n } }.

const MAX_COUNT = 1_000_000;

const count = (n) => (Number.isInteger(n) && n > 0 ? Math.min(n, MAX_COUNT) : 0);

function perLabel(value, labels) {
  const out = {};
  if (value === null || typeof value !== 'object') return out;
  for (const label of labels) {
    const n = count(value[label]);
    if (n > 0) out[label] = n;
  }
  return out;
}

/** A report's state, reduced to its counts of `labels` (the hideable kinds), bounded. */
export function countsOf(state, labels) {
  return { total: count(state.total), found: perLabel(state.found, labels), hidden: perLabel(state.hidden, labels) };
}

/** The top document a report's state belongs to (0 if it does not say). */
export const pageOf = (state) => (Number.isFinite(state.page) && state.page > 0 ? state.page : 0);

/** The frame a runtime message came from: 0, the top one, when not said. */
export const frameOf = (sender) => (Number.isInteger(sender.frameId) ? sender.frameId : 0);

/**
 * `entry` (or null) after a report from `frameId` of `state` (a report's
 * state, already shape-checked). Returns a new entry, or `entry` itself if
 * the report is a stale frame's.
 */
export function withReport(entry, frameId, state, labels) {
  const page = pageOf(state);
  const top = frameId === 0;
  let next = entry;
  if (next === null || (top ? page !== next.page : page > next.page)) next = { page, frames: {}, top: null };
  else if (page < next.page) return entry; // a frame of a page the tab has left
  else next = { ...next, frames: { ...next.frames } };
  next.frames[frameId] = countsOf(state, labels);
  if (top) next.top = { enabled: state.enabled === true, error: typeof state.error === 'string' ? state.error : null };
  return next;
}

/** The sum of the frames' counts: { total, found, hidden }. */
export function tabTotals(entry) {
  const sum = { total: 0, found: {}, hidden: {} };
  if (entry === null) return sum;
  for (const c of Object.values(entry.frames)) {
    sum.total += c.total;
    for (const key of ['found', 'hidden']) {
      for (const [label, n] of Object.entries(c[key])) sum[key][label] = (sum[key][label] ?? 0) + n;
    }
  }
  return sum;
}

/** The storage.session key of a tab's entry. */
export const tabKey = (tabId) => `tab:${tabId}`;
