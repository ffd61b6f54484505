// Minifies the release build's JavaScript in place (terser): the wasm-bindgen glue (app.js), the worker, the
// JS API and the small page scripts. ES modules (with import/export) keep their export names; classic scripts
// keep their top-level names. Only whitespace, comments and local names change, so the behaviour is the same
// (the whole e2e suite runs on the minified build). Saves about 4.4 KB gzipped of the size budget.
//   node scripts/minify-js.mjs dist
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

const dir = process.argv[2] ?? 'dist';
// The example pages' scripts stay readable: they are there to be read.
const skip = new Set(['api-example.js', 'blog-post.js']);
let before = 0;
let after = 0;
for (const name of readdirSync(dir)) {
  if (!name.endsWith('.js') || skip.has(name)) continue;
  const path = join(dir, name);
  const src = readFileSync(path, 'utf8');
  const module = /^\s*(import|export)\b/m.test(src);
  const out = await minify(src, { module, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  if (typeof out.code !== 'string') throw new Error(`minify-js: no output for ${name}`);
  writeFileSync(path, out.code);
  before += src.length;
  after += out.code.length;
}
console.log(`minify-js: ${dir}/*.js ${before} → ${after} bytes`);
