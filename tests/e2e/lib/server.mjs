// A static file server on 127.0.0.1 (ephemeral port) for the end-to-end
// tests. Serves the tests/ folder, so both tests/e2e/pages/ and
// tests/fixtures/ are reachable.
//
// A `csp` query parameter adds a Content-Security-Policy header:
//   csp=strict  script-src without 'wasm-unsafe-eval', as strict news sites
//               send, so a content script cannot compile Wasm there (Chromium)
//   csp=none    default-src 'none': nothing at all, not even the page's own
//               inline scripts and styles
//   csp=local   the page may load only from its own origin (inline scripts and
//               Wasm allowed): the fixtures' third-party scripts and images
//               are blocked inside the browser, so the page itself makes no
//               request that leaves 127.0.0.1
//
// Two more query parameters, for the no-flash tests:
//   delay=MS    the response starts MS milliseconds late (a slow image holds
//               the page's load event back)
//   probe=1     on an HTML page: e2e/pages/probe.js goes inline first thing
//               in <head>, and a 1x1 image answered after `slow` ms (default
//               3000) last thing in <body>
//
// The server is also the browsers' HTTP proxy (see lib/chromium.mjs and
// lib/firefox.mjs): a request for any other host arrives here, in absolute
// form or as a CONNECT, is recorded in `external` and refused with a 502, so
// nothing ever leaves the machine and the tests can see what tried to.
// Every request is recorded in `log`.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TESTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self'";
export const CSP = {
  strict: STRICT_CSP,
  none: "default-src 'none'",
  local: "default-src 'self' 'unsafe-inline' 'wasm-unsafe-eval' data:",
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Starts the server; resolves to { origin, port, log, external, close() }. */
export function serve(root = TESTS_DIR) {
  const log = []; // { method, url } of every request, in order
  const external = []; // requests for other hosts (proxy requests), refused
  const server = http.createServer((req, res) => {
    log.push({ method: req.method, url: req.url });
    if (!req.url.startsWith('/')) {
      external.push({ method: req.method, url: req.url });
      res.writeHead(502, { 'content-type': 'text/plain', connection: 'close' });
      res.end('the end-to-end tests allow no requests outside 127.0.0.1');
      return;
    }
    const url = new URL(req.url, 'http://127.0.0.1');
    const file = path.join(root, path.normalize(decodeURIComponent(url.pathname)));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const headers = { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
    const csp = CSP[url.searchParams.get('csp')];
    if (csp) headers['content-security-policy'] = csp;
    const send = () => {
      if (url.searchParams.get('probe') === '1' && file.endsWith('.html')) {
        const slow = Number(url.searchParams.get('slow') ?? 3000);
        const probe = fs.readFileSync(path.join(TESTS_DIR, 'e2e', 'pages', 'probe.js'), 'utf8');
        const html = fs
          .readFileSync(file, 'utf8')
          .replace(/<head[^>]*>/i, (m) => `${m}<script>${probe}</script>`)
          .replace(/<\/body>/i, `<img src="/e2e/pages/pixel.png?delay=${slow}" alt="" width="1" height="1"></body>`);
        res.writeHead(200, headers);
        res.end(html);
        return;
      }
      res.writeHead(200, headers);
      fs.createReadStream(file).pipe(res);
    };
    const delay = Number(url.searchParams.get('delay'));
    if (delay > 0) setTimeout(send, Math.min(delay, 30000));
    else send();
  });
  server.on('connect', (req, socket) => {
    log.push({ method: 'CONNECT', url: req.url });
    external.push({ method: 'CONNECT', url: req.url });
    socket.on('error', () => {});
    socket.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
  });
  // Keep-alive sockets would hold close() up until they time out.
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        port,
        log,
        external,
        close: () =>
          new Promise((r) => {
            server.close(() => r());
            for (const s of sockets) s.destroy();
          }),
      });
    });
  });
}
