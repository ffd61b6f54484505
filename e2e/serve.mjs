// A small static file server for the end-to-end tests: serves dist/ on 127.0.0.1, optionally under a
// sub-path (--base /tools/funnel/) and with a Content-Security-Policy header (--csp "...").
// With --cors it sends Access-Control-Allow-Origin: *, which a page in <iframe sandbox="allow-scripts"> (an
// opaque origin) needs to load module scripts and the wasm.
// Usage: node e2e/serve.mjs --dir dist --port 8091 [--base /] [--csp POLICY] [--cors 1]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const root = resolve(args.dir ?? 'dist');
const port = Number(args.port ?? 8091);
const base = (args.base ?? '/').replace(/\/?$/, '/');
const csp = args.csp;

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  const headers = { 'Cache-Control': 'no-store' };
  if (csp) headers['Content-Security-Policy'] = csp;
  if (args.cors) headers['Access-Control-Allow-Origin'] = '*';
  if (!url.pathname.startsWith(base)) {
    res.writeHead(404, headers).end('not found');
    return;
  }
  let rel = decodeURIComponent(url.pathname.slice(base.length)) || 'index.html';
  const file = normalize(join(root, rel));
  if (!file.startsWith(root)) {
    res.writeHead(403, headers).end('forbidden');
    return;
  }
  try {
    let path = file;
    if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
    const body = await readFile(path);
    headers['Content-Type'] = types[extname(path)] ?? 'application/octet-stream';
    res.writeHead(200, headers).end(body);
  } catch {
    res.writeHead(404, headers).end('not found');
  }
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}${base}`));
