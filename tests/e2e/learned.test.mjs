// extension/src/learned.js without a browser: which names count as stable,
// what is read back from storage, and the bounds on what is stored. The
// selectors themselves are tested in the browsers (noflash-*.test.mjs).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { LEARNED_INDEX, isStableName, learnedKey, readLearned, saveLearned } from '../../extension/src/learned.js';

describe('learned selectors', () => {
  test('generated class names and ids are not used', () => {
    for (const name of ['site-header', 'app-banner', 'paywall', 'appBannerTop', 'related_stories', 'col-md-6', 'h1']) {
      assert.equal(isStableName(name), true, name);
    }
    for (const name of ['css-x81qv2', 'sc-bdfBwQ', 'jsx-2918273', 'Title__a8f2k', 'post-123456', 'div-gpt-ad-1234567-0', 'x81qv2', 'bdfBwQ', '_3xk2L', 'a']) {
      assert.equal(isStableName(name), false, name);
    }
  });

  test('what storage holds is checked before use', () => {
    assert.deepEqual(readLearned(null).rules, []);
    assert.deepEqual(readLearned({ rules: 'x' }).rules, []);
    const got = readLearned({
      t: 5,
      rules: [
        { s: '#promo', l: 'ad', m: 1 },
        { s: 'a{} b', l: 'ad' },
        { s: '', l: 'ad' },
        { s: 'div', l: 3 },
        { s: '#x\\{', l: 'ad', m: -1 },
      ],
    });
    assert.deepEqual(got, { t: 5, rules: [{ s: '#promo', l: 'ad', m: 1 }, { s: '#x\\{', l: 'ad', m: 0 }] });
  });

  test('the store keeps the 500 most recently used sites', async () => {
    const data = {};
    const storage = {
      get: async (k) => ({ [k]: data[k] }),
      set: async (v) => Object.assign(data, v),
      remove: async (keys) => {
        for (const k of [keys].flat()) delete data[k];
      },
    };
    const rules = [{ s: '#promo', l: 'ad', m: 0 }];
    for (let i = 0; i < 505; i++) await saveLearned(storage, `site${i}.example`, readLearned(null), rules, 1000 + i);
    assert.equal(Object.keys(data[LEARNED_INDEX]).length, 500);
    assert.equal(data[learnedKey('site0.example')], undefined, 'the oldest are forgotten');
    assert.deepEqual(data[learnedKey('site504.example')], { t: 1504, rules });
    // Unchanged rules, recently saved: no write.
    const before = data[learnedKey('site504.example')];
    await saveLearned(storage, 'site504.example', readLearned(before), rules, 2000);
    assert.equal(data[learnedKey('site504.example')].t, 1504);
    // No rules left: the site is forgotten.
    await saveLearned(storage, 'site504.example', readLearned(before), [], 3000);
    assert.equal(data[learnedKey('site504.example')], undefined);
    assert.equal(data[LEARNED_INDEX]['site504.example'], undefined);
    assert.equal(Object.keys(data[LEARNED_INDEX]).length, 499);
  });
});
