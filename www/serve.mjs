#!/usr/bin/env node
// A tiny static server for the Chaff playground (dist/www/), for tests and
// for local use. Listens on 127.0.0.1 only.
//
//   node www/serve.mjs [PORT] [--root DIR]
//
// PORT defaults to $CHAFF_WWW_PORT, then $PORT, then 8089; 0 picks a free
// port. Prints "Chaff playground: http://127.0.0.1:PORT/" once listening (the
// tests read that line). GET and HEAD only; no directory listings; paths
// cannot escape the root.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_ROOT = path.resolve(here, '..', 'dist', 'www');
export const DEFAULT_PORT = 8089;
export const HOST = '127.0.0.1';

export const MIME = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.woff2': 'font/woff2',
});

// The page's own policy (index.html repeats it in a <meta>); module workers
// take theirs from the response, and the worker compiles Wasm.
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Resolves a request path inside `root`, or null if it would leave it. */
function resolvePath(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

export function createServer({ root = DEFAULT_ROOT, log = false } = {}) {
  const absRoot = path.resolve(root);
  return http.createServer((req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(405, 'method not allowed\n');
    }
    const urlPath = new URL(req.url, 'http://localhost').pathname;
    let file = resolvePath(absRoot, urlPath);
    if (file === null) return send(400, 'bad path\n');
    fs.stat(file, (err, st) => {
      if (!err && st.isDirectory()) {
        if (!urlPath.endsWith('/')) {
          res.writeHead(301, { Location: urlPath + '/' });
          return res.end();
        }
        file = path.join(file, 'index.html');
        return fs.stat(file, (err2, st2) => serve(err2, st2));
      }
      serve(err, st);
    });
    function serve(err, st) {
      if (err || !st.isFile()) {
        if (log) console.log(`404 ${req.method} ${req.url}`);
        return send(404, 'not found\n');
      }
      const type = MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': st.size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        'Content-Security-Policy': CSP,
        'Referrer-Policy': 'no-referrer',
      });
      if (log) console.log(`200 ${req.method} ${req.url}`);
      if (req.method === 'HEAD') return res.end();
      fs.createReadStream(file).on('error', () => res.destroy()).pipe(res);
    }
  });
}

function parseArgs(argv) {
  const opts = { root: DEFAULT_ROOT, port: null, log: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--root') opts.root = path.resolve(argv[++i] ?? '.');
    else if (a === '--log') opts.log = true;
    else if (a === '-h' || a === '--help') {
      console.log('usage: node www/serve.mjs [PORT] [--root DIR] [--log]');
      process.exit(0);
    } else if (/^\d+$/.test(a)) opts.port = Number(a);
    else {
      console.error(`www/serve.mjs: unknown argument: ${a}`);
      process.exit(2);
    }
  }
  if (opts.port === null) {
    const env = process.env.CHAFF_WWW_PORT ?? process.env.PORT;
    opts.port = env !== undefined && /^\d+$/.test(env) ? Number(env) : DEFAULT_PORT;
  }
  if (opts.port > 65535) {
    console.error(`www/serve.mjs: bad port ${opts.port}`);
    process.exit(2);
  }
  return opts;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const opts = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(path.join(opts.root, 'index.html'))) {
    console.error(`www/serve.mjs: ${opts.root}/index.html missing; run \`node www/build.mjs\` first`);
    process.exit(1);
  }
  const server = createServer(opts);
  server.on('error', (e) => {
    console.error(`www/serve.mjs: ${e.message}`);
    process.exit(1);
  });
  server.listen(opts.port, HOST, () => {
    console.log(`Chaff playground: http://${HOST}:${server.address().port}/`);
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(0));
}
