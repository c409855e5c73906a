// Chaff's own elements in the page ("Keep this" buttons, the picker): one
// host each, with a closed shadow root that the page's scripts and styles
// cannot reach.

/**
 * Attaches a closed shadow root styled with `css` to `host`: one adopted
 * sheet, or a <style> where constructable sheets are refused.
 */
export function styledShadowRoot(doc, host, css) {
  const root = host.attachShadow({ mode: 'closed' });
  try {
    const sheet = new doc.defaultView.CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = doc.createElement('style');
    style.textContent = css;
    root.append(style);
  }
  return root;
}
