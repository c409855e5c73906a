// Static server on 127.0.0.1 (ephemeral port) for the in-browser benchmark.
//
//   /corpus/NAME/        the corpus page NAME/source.html
//   /small/              a small synthetic article (start-up cost)
//   /bench/inpage.js     the in-page timing helpers (bench/lib/inpage.js)
//   /bench/Readability.js  @mozilla/readability from node_modules
//   /ext/...             the packaged extension's files (dist/chromium), so
//                        the page itself can time snapshot.js and the Wasm
//                        core apart (bench/lib/inpage.js `split`);
//                        /ext/src/snapshot.js is the walker's source (the
//                        content script ships bundled)
//
// Pages are served as text/html with charset=utf-8 when their bytes are
// valid UTF-8 (all of the corpus; the Rust core decodes them that way too,
// whatever a stale <meta> says), without a charset otherwise (the browser
// then sniffs, as the core does). Every page gets a Content-Security-Policy
// that keeps it on 127.0.0.1: no request leaves the machine, and the saved
// pages' own scripts (inline or remote, which would fail offline anyway) do
// not run, so nothing but the measured code competes for the main thread.
// script-src keeps 'wasm-unsafe-eval' so that Chromium lets the content
// script instantiate the core locally (as on most sites).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '..', '..');
export const CSP =
  "default-src 'self' data: blob:; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:";

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
};

export const SMALL_PAGE = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A small article</title></head>
<body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/about">About</a></nav></header>
<main><article>
<h1>A small article</h1>
<p class="byline">By A. Writer</p>
${Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1} of a short article. It has a few sentences of ordinary prose, enough for a reader to recognise it as the body of the page, and nothing else of note.</p>`).join('\n')}
<div class="newsletter"><p>Subscribe to our newsletter for more stories like this one.</p><form><input type="email" placeholder="Email"><button>Subscribe</button></form></div>
</article></main>
<footer><p>&copy; Example News</p></footer>
</body></html>`;

function validUtf8(bytes) {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Starts the server; resolves to { origin, close() }. */
export function serve({ corpus, extDir, walker = null }) {
  const readability = path.join(ROOT, 'node_modules', '@mozilla', 'readability', 'Readability.js');
  const cache = new Map();
  const send = (res, status, type, body, extra = {}) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
    res.end(body);
  };
  const server = http.createServer((req, res) => {
    try {
      const url = new URL(req.url, 'http://127.0.0.1');
      const p = decodeURIComponent(url.pathname);
      let m;
      if ((m = p.match(/^\/corpus\/([^/]+)\/$/))) {
        const file = path.join(corpus, m[1], 'source.html');
        if (!fs.existsSync(file)) return send(res, 404, 'text/plain', 'not found');
        let entry = cache.get(file);
        if (!entry) {
          const bytes = fs.readFileSync(file);
          entry = { bytes, type: validUtf8(bytes) ? 'text/html; charset=utf-8' : 'text/html' };
          cache.set(file, entry);
        }
        return send(res, 200, entry.type, entry.bytes, { 'content-security-policy': CSP });
      }
      if (p === '/small/') return send(res, 200, 'text/html; charset=utf-8', SMALL_PAGE, { 'content-security-policy': CSP });
      if (p === '/bench/inpage.js') return send(res, 200, TYPES['.js'], fs.readFileSync(path.join(HERE, 'inpage.js')));
      if (p === '/bench/Readability.js') return send(res, 200, TYPES['.js'], fs.readFileSync(readability));
      if (p === '/ext/src/snapshot.js' && walker !== null) return send(res, 200, TYPES['.js'], fs.readFileSync(walker));
      if (p.startsWith('/ext/')) {
        const file = path.join(extDir, path.normalize(p.slice(5)));
        if (!file.startsWith(extDir + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
          return send(res, 404, 'text/plain', 'not found');
        }
        return send(res, 200, TYPES[path.extname(file)] ?? 'application/octet-stream', fs.readFileSync(file));
      }
      if (p === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
      return send(res, 404, 'text/plain', 'not found');
    } catch (e) {
      send(res, 500, 'text/plain', String(e));
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}
