// Moves trunk's inline module loader out of dist/index.html into dist/boot.js, so the page runs under a
// Content-Security-Policy without 'unsafe-inline' (script-src 'self' 'wasm-unsafe-eval').
// Usage: node scripts/externalize-loader.mjs dist
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'dist';
const file = join(dir, 'index.html');
const html = readFileSync(file, 'utf8');
const re = /<script type="module">([\s\S]*?)<\/script>/;
const m = html.match(re);
if (!m) {
  if (html.includes('src="boot.js"')) process.exit(0); // already done
  console.error('externalize-loader: no inline module script in', file);
  process.exit(1);
}
const base = (html.match(/<base href="([^"]*)"/) ?? [])[1] ?? '/';
// The wasm is fetched through js/loading.js's funnelLabWasm, which shows the download on the loading
// line's bar; it needs the file's size (the server may compress it, so no header says it).
const wasmArg = /module_or_path: '([^']*?([^'/]+\.wasm))'/;
const w = m[1].match(wasmArg);
if (!w) {
  console.error("externalize-loader: no module_or_path: '….wasm' in trunk's loader");
  process.exit(1);
}
const size = statSync(join(dir, w[2])).size;
const loader = m[1].trim().replace(wasmArg, `module_or_path: window.funnelLabWasm?.('$1', ${size}) ?? '$1'`);
writeFileSync(join(dir, 'boot.js'), `// Generated from trunk's loader by scripts/externalize-loader.mjs.\n${loader}\n`);
writeFileSync(file, html.replace(re, `<script type="module" src="${base}boot.js"></script>`));
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(readFileSync(file, 'utf8')) || /\sstyle="/.test(html)) {
  console.error('externalize-loader: inline script or style left in', file);
  process.exit(1);
}
console.log(`externalize-loader: ${file} now loads ${base}boot.js`);
