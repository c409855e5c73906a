// extension/src/corrections.js without a browser: what is read back from
// storage, the bounds, and the checks on an imported file (bad JSON or a
// wrong shape is refused as a whole). The module is imported from a build,
// whose src/policy.js the core wrote; the storage functions are tested in
// the browsers (corrections-{chromium,firefox}.test.mjs).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fakeBuild } from './lib/build.mjs';

const C = await import(pathToFileURL(path.join(fakeBuild().chromium, 'src', 'corrections.js')).href);
const { isSelectorShape } = await import(pathToFileURL(path.join(fakeBuild().chromium, 'src', 'selector-shape.js')).href);

describe('corrections', () => {
  test('what storage holds is checked before use', () => {
    assert.deepEqual(C.readCorrections(null), { t: 0, keep: [], hide: [] });
    assert.deepEqual(C.readCorrections({ keep: 'x', hide: 3 }), { t: 0, keep: [], hide: [] });
    const got = C.readCorrections({
      t: 7,
      keep: ['#promo', '', 'a{} b', '#promo', 5],
      hide: [{ s: '.bar', l: 'ad' }, { s: '.baz', l: 'content' }, { s: '#promo', l: 'ad' }, { s: '.q', l: 'no-such-kind' }, null],
    });
    assert.deepEqual(got, { t: 7, keep: ['#promo'], hide: [{ s: '.bar', l: 'ad' }] }, 'article kinds, unknown kinds, rule syntax and duplicates left out');
  });

  test('a selector is kept or hidden, never both; bounded per site', () => {
    let c = C.readCorrections(null);
    c = C.withCorrection(c, 'hide', '#x', 'ad');
    c = C.withCorrection(c, 'keep', '#x');
    assert.deepEqual([c.keep, c.hide], [['#x'], []], 'the newer choice wins');
    c = C.withCorrection(c, 'hide', '#x', 'social');
    assert.deepEqual([c.keep, c.hide], [[], [{ s: '#x', l: 'social' }]]);
    assert.throws(() => C.withCorrection(c, 'hide', '#y', 'content'), { message: 'correctionBadKind' }, 'article text is never a kind to hide');
    assert.throws(() => C.withCorrection(c, 'keep', 'a { color: red }'), { message: 'correctionBadSelector' });
    for (let i = 1; i < C.MAX_RULES; i++) c = C.withCorrection(c, 'keep', `#k${i}`);
    assert.equal(c.keep.length + c.hide.length, C.MAX_RULES);
    assert.throws(() => C.withCorrection(c, 'keep', '#one-too-many'), { message: 'correctionTooMany' });
    c = C.withoutCorrection(c, '#x');
    assert.deepEqual(c.hide, []);
  });

  test('an import is checked as a whole: bad JSON or a wrong shape is refused', () => {
    const ok = { format: C.FORMAT, version: 1, sites: { 'news.example': { keep: ['#promo'], hide: [{ s: '.bar', l: 'ad' }] } } };
    assert.deepEqual(C.parseImport(JSON.stringify(ok)), ok.sites);
    const refuse = (text, key) => assert.throws(() => C.parseImport(text), (e) => e instanceof C.CorrectionError && e.key === key, text.slice(0, 80));
    refuse('{not json', 'importBadJson');
    refuse('[]', 'importBadFormat');
    refuse(JSON.stringify({ ...ok, format: 'other' }), 'importBadFormat');
    refuse(JSON.stringify({ ...ok, version: 2 }), 'importBadFormat');
    refuse(JSON.stringify({ ...ok, sites: [] }), 'importBadFormat');
    refuse(JSON.stringify({ ...ok, sites: { 'bad host/': { keep: [] } } }), 'importBadEntry');
    refuse(JSON.stringify({ ...ok, sites: { 'a.example': { keep: '#x' } } }), 'importBadEntry');
    refuse(JSON.stringify({ ...ok, sites: { 'a.example': { keep: ['x}{'] } } }), 'importBadEntry');
    refuse(JSON.stringify({ ...ok, sites: { 'a.example': { keep: ['a:not(b'] } } }), 'importBadEntry'); // would swallow the rules after it
    refuse(JSON.stringify({ ...ok, sites: { 'a.example': { keep: ['a[x=y'] } } }), 'importBadEntry');
    assert.equal(isSelectorShape('div.a:not(.b) > p[data-x="1"]'), true);
    assert.equal(isSelectorShape('#x\\(y'), true, 'an escaped bracket is not one');
    refuse(JSON.stringify({ ...ok, sites: { 'a.example': { hide: [{ s: '#x', l: 'title' }] } } }), 'importBadEntry');
    const many = Array.from({ length: C.MAX_RULES + 1 }, (_, i) => `#k${i}`);
    refuse(JSON.stringify({ ...ok, sites: { 'a.example': { keep: many } } }), 'correctionTooMany');
    const sites = Object.fromEntries(Array.from({ length: C.MAX_SITES + 1 }, (_, i) => [`s${i}.example`, { keep: ['#a'] }]));
    refuse(JSON.stringify({ ...ok, sites }), 'correctionTooManySites');
  });

  test('an import merges into what is stored, within the bounds, or changes nothing', () => {
    const all = { 'a.example': { t: 1, keep: ['#x'], hide: [] } };
    const merged = C.mergeImport(all, { 'a.example': { keep: [], hide: [{ s: '#x', l: 'ad' }] }, 'b.example': { keep: ['#y'], hide: [] } });
    assert.deepEqual(merged['a.example'].keep, []);
    assert.deepEqual(merged['a.example'].hide, [{ s: '#x', l: 'ad' }]);
    assert.deepEqual(merged['b.example'].keep, ['#y']);
    assert.deepEqual(all['a.example'].keep, ['#x'], 'the stored value is not changed in place');
    const full = { 'a.example': { t: 1, keep: Array.from({ length: C.MAX_RULES }, (_, i) => `#k${i}`), hide: [] } };
    assert.throws(() => C.mergeImport(full, { 'a.example': { keep: ['#new'], hide: [] } }), { message: 'correctionTooMany' });
    // The export document reads back as the same corrections.
    const doc = C.exportDocument(merged);
    assert.deepEqual(C.parseImport(JSON.stringify(doc)), { 'a.example': { keep: [], hide: [{ s: '#x', l: 'ad' }] }, 'b.example': { keep: ['#y'], hide: [] } });
  });
});
