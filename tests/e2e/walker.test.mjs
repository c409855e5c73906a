// The DOM walker (extension/src/snapshot.js) against the wire contract of
// src/snapshot.rs and src/wire.rs, on jsdom. Browsers run the same module in
// chromium.test.mjs and firefox.test.mjs (including 20 000-deep trees, which
// jsdom's own recursive tree code cannot build).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import {
  CLASSIFIED_ATTRIBUTES,
  NO_PARENT,
  decodeWire,
  snapshot,
  snapshotAdded,
  snapshotSliced,
} from '../../extension/src/snapshot.js';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function doc(html) {
  return new JSDOM(html).window.document;
}

function rows(snap) {
  return decodeWire(snap.structure, snap.strings).map((n) => [
    n.parent === NO_PARENT ? -1 : n.parent,
    n.tag,
    n.tag === '#text' ? n.text : n.attrs,
  ]);
}

describe('snapshot()', () => {
  test('records elements and text in document order, as the wire format says', () => {
    const d = doc(
      '<!DOCTYPE html><html lang="en"><head><title>T</title></head>' +
        '<body class="b" data-x="1" onclick="f()" id="main"><!-- note --><p>Hi <b>you</b></p></body></html>',
    );
    const snap = snapshot(d.documentElement);
    assert.ok(snap.structure instanceof Uint32Array);
    assert.equal(typeof snap.strings, 'string');
    assert.deepEqual(rows(snap), [
      [-1, 'html', []],
      [0, 'head', []],
      [1, 'title', []],
      [2, '#text', 'T'],
      [0, 'body', [['class', 'b'], ['id', 'main']]],
      [4, 'p', []],
      [5, '#text', 'Hi '],
      [5, 'b', []],
      [7, '#text', 'you'],
    ]);
    assert.equal(snap.nodes.length, 9);
    assert.equal(snap.nodes[4], d.body);
    assert.equal(snap.nodes[8].data, 'you');
    // Every field is followed by U+0000, so the field count adds up.
    const fields = snap.strings.split('\0');
    assert.equal(fields.pop(), '');
    let count = 0;
    for (let i = 1; i < snap.structure.length; i += 2) count += snap.structure[i];
    assert.equal(fields.length, count);
  });

  test('keeps only classified attributes, in the element\'s own order', () => {
    const attrs = [...CLASSIFIED_ATTRIBUTES].reverse().map((a, i) => `${a}="v${i}"`).join(' ');
    const d = doc(`<html><body><div data-a="x" ${attrs} onclick="y" tabindex="1"></div></body></html>`);
    const snap = snapshot(d.documentElement);
    const div = decodeWire(snap.structure, snap.strings).find((n) => n.tag === 'div');
    assert.deepEqual(
      div.attrs.map(([n]) => n),
      [...CLASSIFIED_ATTRIBUTES].reverse(),
    );
  });

  test('does not descend into script, style, noscript, template or iframe', () => {
    const d = doc(
      '<html><head><style>p{}</style><script>var a = "<p>";</script></head><body>' +
        '<noscript><p>no</p></noscript><template><p>t</p></template><iframe src="f.html"></iframe>' +
        '<p>yes</p></body></html>',
    );
    const tags = decodeWire(snapshot(d.documentElement).structure, snapshot(d.documentElement).strings).map(
      (n) => n.tag + (n.text ? `:${n.text}` : ''),
    );
    assert.deepEqual(tags, ['html', 'head', 'style', 'script', 'body', 'noscript', 'template', 'iframe', 'p', '#text:yes']);
  });

  test('replaces U+0000 in text and attribute values with U+FFFD', () => {
    const d = doc('<html><body><p></p></body></html>');
    const p = d.querySelector('p');
    p.setAttribute('title', 'not classified');
    p.setAttribute('class', 'a\0b');
    p.appendChild(d.createTextNode('x\0y\0z'));
    const snap = snapshot(d.documentElement);
    const out = decodeWire(snap.structure, snap.strings);
    assert.deepEqual(out.find((n) => n.tag === 'p').attrs, [['class', 'a\uFFFDb']]);
    assert.equal(out.find((n) => n.tag === '#text').text, 'x\uFFFDy\uFFFDz');
  });

  test('lower-cases tag names (SVG camelCase included)', () => {
    const d = doc('<html><body><svg><foreignObject><p>x</p></foreignObject><linearGradient/></svg></body></html>');
    const snap = snapshot(d.documentElement);
    const tags = decodeWire(snap.structure, snap.strings).map((n) => n.tag);
    assert.ok(tags.includes('foreignobject'));
    assert.ok(tags.includes('lineargradient'));
  });

  test('walks deep trees without recursion', () => {
    const depth = 2000; // jsdom itself recurses when attaching deeper trees
    const d = doc('<html><body></body></html>');
    let cur = d.body;
    for (let i = 0; i < depth; i++) cur = cur.appendChild(d.createElement('div'));
    cur.appendChild(d.createTextNode('bottom'));
    const snap = snapshot(d.documentElement);
    const out = decodeWire(snap.structure, snap.strings);
    assert.equal(out.length, 3 + depth + 1);
    assert.equal(out.at(-1).text, 'bottom');
    assert.equal(out.at(-1).parent, out.length - 2);
  });

  test('a fixture page decodes to a pre-order tree', () => {
    const html = fs.readFileSync(path.join(ROOT, 'tests/fixtures/seed/news-aggregator-article.html'), 'utf8');
    const snap = snapshot(doc(html).documentElement);
    const n = snap.structure.length / 2;
    assert.equal(n, snap.nodes.length);
    const open = [];
    for (let i = 0; i < n; i++) {
      const parent = snap.structure[2 * i];
      if (i === 0) {
        assert.equal(parent, NO_PARENT);
      } else {
        while (open.length && open.at(-1) !== parent) open.pop();
        assert.equal(open.at(-1), parent, `node ${i}'s parent is an open ancestor`);
      }
      open.push(i);
      assert.equal(snap.nodes[i].parentNode, i === 0 ? snap.nodes[0].parentNode : snap.nodes[parent]);
    }
  });
});

describe('snapshotSliced()', () => {
  function bigDoc() {
    let body = '';
    for (let i = 0; i < 3000; i++) body += `<div class="c${i % 7}"><p>text ${i} <b>bold</b></p><!-- c --></div>`;
    return doc(`<!DOCTYPE html><html><head><title>T</title></head><body>${body}<script>x</script></body></html>`);
  }

  test('gives exactly what snapshot() gives, however often it yields', async () => {
    const d = bigDoc();
    const whole = snapshot(d.documentElement);
    let pauses = 0;
    const sliced = await snapshotSliced(d.documentElement, {
      sliceMs: 0,
      pause: async () => {
        pauses++;
      },
    });
    assert.ok(pauses > 10, `${pauses} pauses`);
    assert.deepEqual(sliced.structure, whole.structure);
    assert.equal(sliced.strings, whole.strings);
    assert.equal(sliced.nodes.length, whole.nodes.length);
    assert.ok(sliced.nodes.every((n, i) => n === whole.nodes[i]));
  });

  test('a page that changes during a pause gets a consistent prefix', async () => {
    const d = bigDoc();
    let first = true;
    const snap = await snapshotSliced(d.documentElement, {
      sliceMs: 0,
      pause: async () => {
        if (!first) return;
        first = false;
        d.body.textContent = ''; // the page throws its content away mid-walk
      },
    });
    const decoded = rows(snap);
    assert.ok(decoded.length > 0 && decoded.length < snapshot(bigDoc().documentElement).nodes.length);
    decoded.forEach(([parent], i) => assert.ok(parent < i, `node ${i}: parent ${parent} comes first`));
  });
});

describe('snapshotAdded()', () => {
  test('ancestor chains plus subtrees, shared prefixes, document order', () => {
    const d = doc('<html><body><main id="m"><p id="p">old</p></main><div id="feed"></div></body></html>');
    const late = d.createElement('aside');
    late.className = 'ad';
    late.innerHTML = '<a href="/x">Buy</a>';
    d.getElementById('feed').appendChild(late);
    const text = d.createTextNode('more');
    d.getElementById('p').appendChild(text);
    const inner = late.firstChild; // inside another root: dropped
    const gone = d.createElement('span'); // not in the document: dropped

    const snap = snapshotAdded([late, inner, gone, text], d.documentElement);
    assert.deepEqual(rows(snap), [
      [-1, 'html', []],
      [0, 'body', []],
      [1, 'main', [['id', 'm']]],
      [2, 'p', [['id', 'p']]],
      [3, '#text', 'more'],
      [1, 'div', [['id', 'feed']]],
      [5, 'aside', [['class', 'ad']]],
      [6, 'a', [['href', '/x']]],
      [7, '#text', 'Buy'],
    ]);
    assert.deepEqual(
      snap.roots.map((r) => [r.node, r.start, r.end]),
      [
        [text, 4, 5],
        [late, 6, 9],
      ],
    );
    assert.equal(snap.nodes[6], late);
  });

  test('ignores content added inside opaque elements', () => {
    const d = doc('<html><body><noscript></noscript></body></html>');
    const p = d.createElement('p');
    d.querySelector('noscript').appendChild(p);
    const snap = snapshotAdded([p], d.documentElement);
    assert.equal(snap.roots.length, 0);
    assert.equal(snap.nodes.length, 0);
  });
});

describe('open shadow roots', () => {
  function shadowPage() {
    const d = doc('<!doctype html><html><head></head><body><div id="h"><p>light</p></div><div id="after">x</div></body></html>');
    const sr = d.getElementById('h').attachShadow({ mode: 'open' });
    sr.innerHTML = '<div class="ad">shadow ad<span>in</span></div><slot></slot>';
    d.getElementById('after').attachShadow({ mode: 'closed' }).innerHTML = '<b>closed</b>';
    return { d, sr };
  }

  test('a shadow tree is walked as the host\'s first children, then its light children; closed roots are not', async () => {
    const { d, sr } = shadowPage();
    const snap = snapshot(d.documentElement);
    assert.deepEqual(
      rows(snap).map(([p, tag, x]) => [p, tag, tag === '#text' ? x : undefined]),
      [
        [-1, 'html', undefined],
        [0, 'head', undefined],
        [0, 'body', undefined],
        [2, 'div', undefined],
        [3, 'div', undefined],
        [4, '#text', 'shadow ad'],
        [4, 'span', undefined],
        [6, '#text', 'in'],
        [3, 'slot', undefined],
        [3, 'p', undefined],
        [9, '#text', 'light'],
        [2, 'div', undefined],
        [11, '#text', 'x'],
      ],
    );
    assert.deepEqual(snap.shadowRoots, [sr]);
    assert.equal(snap.nodes[4], sr.firstChild);
    const sliced = await snapshotSliced(d.documentElement, { sliceMs: 0, pause: () => Promise.resolve() });
    assert.deepEqual(rows(sliced), rows(snap));
  });

  test('an empty open root is noted (the page may fill it later), and so are custom elements', () => {
    const d = doc('<!doctype html><html><head></head><body><div id="e"><p>light</p></div><promo-box><i>x</i></promo-box></body></html>');
    const sr = d.getElementById('e').attachShadow({ mode: 'open' });
    const snap = snapshot(d.documentElement);
    assert.deepEqual(rows(snap).map(([p, tag]) => [p, tag]), [[-1, 'html'], [0, 'head'], [0, 'body'], [2, 'div'], [3, 'p'], [4, '#text'], [2, 'promo-box'], [6, 'i'], [7, '#text']]);
    assert.deepEqual(snap.shadowRoots, [sr]);
    assert.deepEqual(snap.customElements, [d.querySelector('promo-box')]);
  });

  test('content added inside a shadow root gets its host chain, in composed order', () => {
    const { d, sr } = shadowPage();
    const added = d.createElement('div');
    added.className = 'related';
    sr.prepend(added);
    const snap = snapshotAdded([d.getElementById('after'), added], d.documentElement);
    assert.deepEqual(
      rows(snap).map(([p, tag]) => [p, tag]),
      [[-1, 'html'], [0, 'body'], [1, 'div'], [2, 'div'], [1, 'div'], [4, '#text']],
    );
    assert.deepEqual(snap.roots.map((r) => [r.start, r.end]), [[3, 4], [4, 6]]);
  });
});
