// extension/src/passes.js's Slices without a browser: a pass's main-thread
// time is the sum of its own stretches, never the page's tasks that run while
// it yields, and a stretch timed twice counts once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Slices } from '../../extension/src/passes.js';

test("a pass's main-thread time leaves out what the page runs while it yields", async (t) => {
  // A clock that moves only when told: the figures are exact, whatever the
  // machine's load.
  let clock = 1000;
  t.mock.method(performance, 'now', () => clock);
  const spin = (ms) => {
    clock += ms;
  };
  const stats = { longestSliceMs: 0 };
  const sl = new Slices(stats);
  spin(20);
  // The page's own task, queued before the pass yields: it runs in between.
  let pageRan = false;
  setTimeout(() => {
    spin(80);
    pageRan = true;
  }, 0);
  await sl.pause();
  assert.ok(pageRan, "the page's task ran while the pass yielded");
  spin(30);
  sl.lap();
  // A second lap in the same stretch adds only what ran since the first.
  spin(5);
  sl.lap();
  sl.resume();
  spin(5);
  sl.lap();
  // 20 + 35 + 5 ms; counting the page's task would give 140, the first lap's
  // stretch twice 90.
  assert.ok(sl.busyMs >= 60 && sl.busyMs < 85, `busy ${sl.busyMs} ms`);
  assert.ok(stats.longestSliceMs >= 35 && stats.longestSliceMs < 70, `longest ${stats.longestSliceMs} ms`);
  assert.equal(sl.busyMs, 60);
  assert.equal(stats.longestSliceMs, 35);
});
