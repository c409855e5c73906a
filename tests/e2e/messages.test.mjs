// extension/src/messages.js without a browser: the shapes the background
// accepts (parseToBackground) and the senders it answers (fromContentScript).
// The background's refusal of an extension page is tested in Chromium
// (fingerprint-chromium.test.mjs).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  classifyPart,
  classifyRequest,
  fromContentScript,
  fromExtension,
  parseToBackground,
  report,
} from '../../extension/src/messages.js';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const roundTrip = (m) => JSON.parse(JSON.stringify(m)); // as Chromium delivers it

describe('messages to the background', () => {
  const valid = {
    'classify': classifyRequest({ added: false, structure: [0xffffffff, 1, 0, 2], strings: 'p\0#text\0x\0' }),
    'classify added': classifyRequest({ added: true, roots: [1], reading: '1https://shop.example/shoes', structure: [0xffffffff, 1, 0, 2], strings: 'p\0#text\0x\0' }),
    'classify of parts': classifyRequest({ added: false, structure: [], strings: '', id: '1-0.5', parts: 2 }),
    'classify-part': classifyPart('1-0.5', 1, [0xffffffff, 1], 'p\0'),
    'report': report({ total: 3, enabled: true }),
  };

  test('each shape the content script sends is accepted as it is', () => {
    for (const [name, m] of Object.entries(valid)) {
      assert.deepEqual(parseToBackground(roundTrip(m)), m, name);
    }
  });

  test('wrong types, missing and extra fields, and huge values are refused', () => {
    const refused = {
      'not an object': 'classify',
      'an array': ['classify'],
      'null': null,
      'unknown type': { type: 'eval', code: '1' },
      'a content-bound type': { type: 'get-state' },
      'the core\'s bytes (they are in the content script)': { type: 'wasm' },
      'classify, added a string': { ...valid.classify, added: 'false' },
      'classify, strings missing': { type: 'classify', added: false, structure: [] },
      'classify, structure missing': { type: 'classify', added: false, strings: '' },
      'classify, odd structure': { ...valid.classify, structure: [0xffffffff, 1, 0] },
      'classify, negative index': { ...valid.classify, structure: [-1, 1] },
      'classify, fractional index': { ...valid.classify, structure: [0.5, 1] },
      'classify, index over u32': { ...valid.classify, structure: [2 ** 32, 1] },
      'classify, structure as an object': { ...valid.classify, structure: { 0: 1, length: 1 } },
      'classify, huge structure': { ...valid.classify, structure: new Array((1 << 22) + 2).fill(0) },
      'classify, huge strings': { ...valid.classify, strings: 'x'.repeat((1 << 25) + 1) },
      'classify added, no roots': { type: 'classify', added: true, reading: '', structure: [], strings: '' },
      'classify added, no reading': { type: 'classify', added: true, roots: [1], structure: [], strings: '' },
      'classify added, reading a number': { ...valid['classify added'], reading: 1 },
      'classify added, huge reading': { ...valid['classify added'], reading: 'x'.repeat(8193) },
      'classify, reading while not added': { ...valid.classify, reading: '' },
      'classify, roots while not added': { ...valid.classify, roots: [1] },
      'classify, id without parts': { ...valid.classify, id: 'x' },
      'classify, parts without id': { ...valid.classify, parts: 2 },
      'classify, too many parts': { ...valid['classify of parts'], parts: 4097 },
      'classify, extra field': { ...valid.classify, url: 'https://example.com/' },
      'classify-part, seq negative': { ...valid['classify-part'], seq: -1 },
      'classify-part, seq too high': { ...valid['classify-part'], seq: 4096 },
      'classify-part, long id': { ...valid['classify-part'], id: 'x'.repeat(101) },
      'classify-part, strings missing': { type: 'classify-part', id: 'x', seq: 0, structure: [] },
      'classify-part, extra field': { ...valid['classify-part'], added: false },
      'report, state a string': { type: 'report', state: '3' },
      'report, state an array': { type: 'report', state: [3] },
      'report, state missing': { type: 'report' },
      'report, extra field': { ...valid.report, tabId: 1 },
    };
    for (const [name, m] of Object.entries(refused)) assert.equal(parseToBackground(m), null, name);
  });
});

describe('senders', () => {
  const tab = { id: 7, index: 0, windowId: 1 };
  const contentScript = { id: ID, tab, frameId: 0, url: 'https://example.com/a', origin: 'https://example.com' };

  test("the extension's content scripts in web pages and their same-origin frames are answered", () => {
    for (const sender of [
      contentScript,
      { ...contentScript, url: 'http://127.0.0.1:8080/' },
      { ...contentScript, frameId: 3, url: 'about:blank' },
      { ...contentScript, frameId: 4, url: 'about:srcdoc' },
    ]) {
      assert.equal(fromContentScript(sender, ID), true, JSON.stringify(sender));
    }
  });

  test('a sender that is not a content script of this extension is not', () => {
    const refused = {
      'no sender': null,
      'another extension': { ...contentScript, id: 'ponmlkjihgfedcbaponmlkjihgfedcba' },
      'no id': { ...contentScript, id: undefined },
      'no tab (the popup, the background)': { id: ID, url: `chrome-extension://${ID}/popup/popup.html` },
      'a tab without an id': { ...contentScript, tab: {} },
      'the options page in a tab': { ...contentScript, url: `chrome-extension://${ID}/options/options.html` },
      "Firefox's options page in a tab": { ...contentScript, url: 'moz-extension://6c1b0d51/options/options.html' },
      'no url': { ...contentScript, url: undefined },
      'a file: page': { ...contentScript, url: 'file:///home/a.html' },
      'a data: frame': { ...contentScript, url: 'data:text/html,x' },
      'an about:blank lookalike': { ...contentScript, url: 'about:blankx' },
      'a browser page': { ...contentScript, url: 'chrome://settings/' },
    };
    for (const [name, sender] of Object.entries(refused)) assert.equal(fromContentScript(sender, ID), false, name);
  });

  test('the content script answers any part of this extension, and only it', () => {
    assert.equal(fromExtension({ id: ID }, ID), true);
    assert.equal(fromExtension({ id: ID, tab, url: 'https://example.com/' }, ID), true);
    assert.equal(fromExtension({ id: 'other' }, ID), false);
    assert.equal(fromExtension(null, ID), false);
    assert.equal(fromExtension({ url: 'https://example.com/' }, ID), false);
  });
});
