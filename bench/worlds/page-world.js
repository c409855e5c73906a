// The page's-world half of the walk experiment (bench/worlds.mjs): walks
// the page with snapshot.js (concatenated before this file) when asked, and
// hands the snapshot, then the DOM nodes asked for, to the content script.
// The two worlds talk through `channel`, an element that was in no document
// after the hand-shake: no page script can listen to it.
(() => {
  const channel = document.createElement('span');
  let nodes = [];
  channel.addEventListener('walk', () => {
    const t0 = performance.now();
    const snap = snapshot(document.documentElement);
    const ms = performance.now() - t0;
    nodes = snap.nodes;
    const detail = { structure: snap.structure, strings: snap.strings, ms };
    channel.dispatchEvent(new CustomEvent('snapshot', { detail }));
  });
  channel.addEventListener('resolve', (e) => {
    for (const i of JSON.parse(e.detail)) {
      channel.dispatchEvent(new MouseEvent('node', { relatedTarget: nodes[i] }));
    }
  });
  const hello = () => document.dispatchEvent(new MouseEvent('worlds-hello', { relatedTarget: channel }));
  document.addEventListener('worlds-ready', hello);
  hello();
})();
