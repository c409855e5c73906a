// The content-script half of the walk experiment (bench/worlds.mjs). After
// load, in one task and in a random order: the page's-world walk (asked for
// through the channel, its snapshot copied here, then SAMPLE of its nodes
// handed over one event each, about what a pass marks), and the content
// script's own walk; then both again. The figures go to data-worlds on <html>.
(() => {
  const SAMPLE = 150;
  let channel = null;
  const onHello = (e) => {
    channel = e.relatedTarget;
    document.removeEventListener('worlds-hello', onHello);
  };
  document.addEventListener('worlds-hello', onHello);
  document.dispatchEvent(new Event('worlds-ready'));
  window.addEventListener('load', () => setTimeout(run, 300));

  function inPageWorld(out, key) {
    const t0 = performance.now();
    let snap = null;
    const onSnapshot = (e) => {
      const d = e.detail.wrappedJSObject ?? e.detail; // Firefox: the page's object behind an Xray
      snap = { structure: new Uint32Array(d.structure), strings: String(d.strings), ms: d.ms };
    };
    channel.addEventListener('snapshot', onSnapshot);
    channel.dispatchEvent(new Event('walk'));
    channel.removeEventListener('snapshot', onSnapshot);
    const t1 = performance.now();
    const count = snap.structure.length / 2;
    const wanted = [];
    for (let i = 0; i < count; i += Math.max(1, Math.floor(count / SAMPLE))) wanted.push(i);
    const got = [];
    const onNode = (e) => got.push(e.relatedTarget);
    channel.addEventListener('node', onNode);
    channel.dispatchEvent(new CustomEvent('resolve', { detail: JSON.stringify(wanted) }));
    channel.removeEventListener('node', onNode);
    const t2 = performance.now();
    out[`${key}Walk`] = snap.ms;
    out[`${key}Total`] = t2 - t0;
    out[`${key}Resolve`] = t2 - t1;
    return { snap, wanted, got };
  }

  function inContentScript(out, key) {
    const t0 = performance.now();
    const snap = snapshot(document.documentElement);
    out[key] = performance.now() - t0;
    return snap;
  }

  function run() {
    const out = { pageWorldFirst: Math.random() < 0.5 };
    try {
      let page;
      let own;
      if (out.pageWorldFirst) {
        page = inPageWorld(out, 'page1');
        own = inContentScript(out, 'content1');
      } else {
        own = inContentScript(out, 'content1');
        page = inPageWorld(out, 'page1');
      }
      inPageWorld(out, 'page2');
      inContentScript(out, 'content2');
      out.nodes = own.nodes.length;
      out.same =
        own.strings === page.snap.strings &&
        own.structure.length === page.snap.structure.length &&
        own.structure.every((v, i) => v === page.snap.structure[i]) &&
        page.got.every((node, k) => node === own.nodes[page.wanted[k]]);
    } catch (e) {
      out.error = String(e?.stack ?? e);
    }
    document.documentElement.setAttribute('data-worlds', JSON.stringify(out));
  }
})();
