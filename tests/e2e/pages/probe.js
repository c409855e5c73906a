// Inserted by the test server (?probe=1) as the first thing in <head>, so
// it runs before the page's body is parsed, in the page's own world. It
// watches the elements at the child-index paths stored in localStorage
// under "chaffProbePaths" (the blocks Chaff hid on an earlier visit) and
// records, in window.__chaffProbe:
//   frames        animation frames seen (each callback runs just before a frame is rendered)
//   blankFrames   of those, frames with a transparent root (opacity 0)
//   shown         [{ k, t, frame }]: a watched element present and rendered at a frame
//   hiddenAt      { k: ms } when each watched element was first seen not rendered
//   firstSeenAt   { k: ms } when each was first in the document
//   dcl           DOMContentLoaded, ms (performance.now())
//   shifts        layout-shift entries [{ t, value }] (null where unsupported)
(() => {
  const paths = JSON.parse(localStorage.getItem('chaffProbePaths') || '[]');
  const log = { frames: 0, blankFrames: 0, firstFrameAt: null, shown: [], hiddenAt: {}, firstSeenAt: {}, dcl: null, shifts: null, done: false };
  window.__chaffProbe = log;
  const at = (p) => {
    let n = document.documentElement;
    for (const i of p) n = n ? n.children[i] : null;
    return n || null;
  };
  const transparent = () => getComputedStyle(document.documentElement).opacity === '0';
  const check = (inFrame) => {
    const t = performance.now();
    paths.forEach((p, k) => {
      const el = at(p);
      if (!el) return;
      if (log.firstSeenAt[k] === undefined) log.firstSeenAt[k] = t;
      if (el.checkVisibility()) {
        // Shown in a frame unless the whole page is transparent (Chaff holds
        // the first paint back with opacity: 0 on the root while it reads
        // its storage).
        if (inFrame && !transparent() && log.shown.length < 50) log.shown.push({ k, t, frame: log.frames });
      } else if (log.hiddenAt[k] === undefined) log.hiddenAt[k] = t;
    });
  };
  const frame = () => {
    log.frames++;
    if (transparent()) log.blankFrames++;
    if (log.firstFrameAt === null) log.firstFrameAt = performance.now();
    check(true);
    if (performance.now() < 8000) requestAnimationFrame(frame);
    else log.done = true;
  };
  requestAnimationFrame(frame);
  // Every change of the watched elements, between frames too.
  new MutationObserver(() => check(false)).observe(document, { subtree: true, childList: true, attributes: true });
  document.addEventListener('DOMContentLoaded', () => {
    log.dcl = performance.now();
    check(false);
  });
  if (typeof PerformanceObserver !== 'undefined' && (PerformanceObserver.supportedEntryTypes || []).includes('layout-shift')) {
    log.shifts = [];
    new PerformanceObserver((list) => {
      const describe = (n) => (n && n.nodeType === 1 ? `${n.localName}${n.id ? '#' + n.id : ''}${n.className ? '.' + String(n.className).split(' ')[0] : ''}` : String(n && n.nodeName));
      const rect = (r) => `${Math.round(r.x)},${Math.round(r.y)} ${Math.round(r.width)}x${Math.round(r.height)}`;
      for (const e of list.getEntries()) {
        log.shifts.push({
          t: e.startTime,
          value: e.value,
          sources: (e.sources || []).map((s) => `${describe(s.node)} ${rect(s.previousRect)} -> ${rect(s.currentRect)}`),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  }
})();
