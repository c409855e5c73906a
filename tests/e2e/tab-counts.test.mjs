// extension/src/tab-counts.js without a browser: a tab's count is the sum of
// its frames' reports, for the page its top frame shows. The badge and the
// popup are tested in the browsers (parts-*.test.mjs).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { countsOf, tabTotals, withReport } from '../../extension/src/tab-counts.js';

const LABELS = ['ad', 'paywall', 'link-farm'];
const state = (page, total, hidden = { ad: total }, extra = {}) => ({ page, total, found: hidden, hidden, enabled: true, error: null, ...extra });
const reports = (list) => list.reduce((entry, [frameId, s]) => withReport(entry, frameId, s, LABELS), null);

describe('tab counts', () => {
  test("a tab's count is the sum of its frames' counts, per kind too", () => {
    const entry = reports([
      [0, state(100, 2, { ad: 1, paywall: 1 })],
      [5, state(100, 1)],
      [7, state(100, 3, { ad: 1, 'link-farm': 2 })],
    ]);
    assert.deepEqual(tabTotals(entry), {
      total: 6,
      found: { ad: 3, paywall: 1, 'link-farm': 2 },
      hidden: { ad: 3, paywall: 1, 'link-farm': 2 },
    });
  });

  test("a frame's new report replaces its last one", () => {
    const entry = reports([
      [0, state(100, 1)],
      [5, state(100, 4)],
      [5, state(100, 2)],
    ]);
    assert.equal(tabTotals(entry).total, 3);
  });

  test('frames may report before the top frame; the top frame does not clear them', () => {
    const entry = reports([
      [5, state(100, 1)],
      [0, state(100, 1)],
    ]);
    assert.equal(tabTotals(entry).total, 2);
  });

  test('the top frame of another page starts again; a late frame of the page before is dropped', () => {
    let entry = reports([
      [0, state(100, 1)],
      [5, state(100, 4)],
    ]);
    entry = withReport(entry, 0, state(200, 2), LABELS);
    assert.equal(tabTotals(entry).total, 2, 'the frames of the page before are gone');
    const same = withReport(entry, 5, state(100, 9), LABELS);
    assert.equal(same, entry, 'a report of the page before changes nothing');
    // Back to the first page from the back/forward cache: its top frame reports again.
    entry = withReport(entry, 0, state(100, 1), LABELS);
    assert.equal(tabTotals(entry).total, 1);
  });

  test("a frame of a newer page comes before that page's top frame", () => {
    const entry = reports([
      [0, state(100, 1)],
      [5, state(200, 3)],
    ]);
    assert.equal(tabTotals(entry).total, 3);
    assert.equal(entry.top, null, 'the new page has not said yet whether Chaff is on');
  });

  test("the top frame's switch and error are kept for the badge", () => {
    const entry = reports([
      [0, state(100, 0, {}, { enabled: false, error: 'boom' })],
      [5, state(100, 1)],
    ]);
    assert.deepEqual(entry.top, { enabled: false, error: 'boom' });
  });

  test('counts are bounded and only of the given kinds', () => {
    assert.deepEqual(countsOf({ total: 1e12, found: { ad: 2, script: 5, paywall: -1, 'link-farm': 1.5 }, hidden: 'x' }, LABELS), {
      total: 1_000_000,
      found: { ad: 2 },
      hidden: {},
    });
    assert.deepEqual(countsOf({ total: '7' }, LABELS), { total: 0, found: {}, hidden: {} });
  });
});
