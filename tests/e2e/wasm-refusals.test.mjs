// extension/src/wasm-refusals.js without a browser: what is read back from
// storage, which violation events are the extension's refused compile, and
// the bounds on what is stored. The refusals themselves are tested in Chromium
// (fingerprint-chromium.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { REFUSALS_KEY, isOwnWasmRefusal, originHost, readRefusals, refusedBefore, rememberRefusal } from '../../extension/src/wasm-refusals.js';

const DAY = 24 * 3600 * 1000;

test('what storage holds is checked before use', () => {
  assert.deepEqual(readRefusals(undefined), {});
  assert.deepEqual(readRefusals(['a']), {});
  assert.deepEqual(readRefusals({ 'news.example': 5, 'x.example': 'soon', 'y.example': NaN, '': 3 }), { 'news.example': 5 });
});

test('a refusal is remembered for thirty days, then tried again', () => {
  const now = 100 * DAY;
  const refusals = { 'news.example': now - 29 * DAY, 'old.example': now - 31 * DAY, 'later.example': now + DAY };
  assert.equal(refusedBefore(refusals, 'news.example', now), true);
  assert.equal(refusedBefore(refusals, 'old.example', now), false);
  assert.equal(refusedBefore(refusals, 'later.example', now), false, 'a time in the future is no record');
  assert.equal(refusedBefore(refusals, 'other.example', now), false);
  // Read straight from storage: only the host's own entry, checked.
  assert.equal(refusedBefore(undefined, 'news.example', now), false);
  assert.equal(refusedBefore({ 'news.example': String(now) }, 'news.example', now), false);
  assert.equal(refusedBefore({}, 'constructor', now), false, 'no inherited property');
});

test("only a refused compile of the extension's own script counts", () => {
  const ours = 'chrome-extension://abcdef/';
  const event = (fields) => ({ isTrusted: true, blockedURI: 'wasm-eval', ...fields });
  assert.equal(isOwnWasmRefusal(event({ sourceFile: `${ours}content.js` }), ours), true);
  assert.equal(isOwnWasmRefusal(event({ sourceFile: 'chrome-extension' }), ours), true, 'as Chromium names it');
  assert.equal(isOwnWasmRefusal(event({ sourceFile: 'https://news.example/app.js' }), ours), false, "the page's own");
  assert.equal(isOwnWasmRefusal(event({ sourceFile: 'chrome' }), ours), false);
  assert.equal(isOwnWasmRefusal(event({ sourceFile: '' }), ours), false);
  assert.equal(isOwnWasmRefusal(event({}), ours), false);
  assert.equal(isOwnWasmRefusal(event({ blockedURI: 'eval', sourceFile: 'chrome-extension' }), ours), false);
  assert.equal(isOwnWasmRefusal(event({ isTrusted: false, sourceFile: 'chrome-extension' }), ours), false, 'one the page made up');
});

test("a document's record goes under its origin's host", () => {
  assert.equal(originHost('https://news.example'), 'news.example');
  assert.equal(originHost('http://127.0.0.1:8080'), '127.0.0.1');
  assert.equal(originHost('null'), '', 'an opaque origin (a sandboxed frame)');
  assert.equal(originHost(undefined), '');
  assert.equal(originHost('not a url'), '');
  assert.equal(originHost('http://[::1]:8080'), '[::1]');
  assert.equal(originHost('https://News.Example'), 'news.example');
  assert.equal(originHost('https://news.example/path'), '', 'a URL, not an origin');
});

test('the store keeps the 200 most recent hosts', async () => {
  const data = {};
  const storage = {
    get: async (k) => ({ [k]: data[k] }),
    set: async (v) => Object.assign(data, v),
  };
  for (let i = 0; i < 205; i++) await rememberRefusal(storage, `site${i}.example`, 1000 + i);
  const kept = data[REFUSALS_KEY];
  assert.equal(Object.keys(kept).length, 200);
  assert.equal(kept['site0.example'], undefined, 'the oldest went');
  assert.equal(kept['site204.example'], 1204);
  await rememberRefusal(storage, 'site5.example', 5000);
  assert.equal(data[REFUSALS_KEY]['site5.example'], 5000, 'a new refusal refreshes the host');
  await rememberRefusal(storage, 'new.example', 5000 + 31 * DAY);
  assert.deepEqual(data[REFUSALS_KEY], { 'new.example': 5000 + 31 * DAY }, 'records past thirty days are dropped');
});
