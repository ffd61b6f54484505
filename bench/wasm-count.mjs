// node bench/wasm-count.mjs DIST SCENARIO_JSON TRIALS
//
// Runs TRIALS trials of the scenario through the release build's worker entry points (worker_step and
// worker_flush, as js/worker.js calls them) in Node, without a browser. scripts/wasm-instructions.sh runs it
// under callgrind to count the machine instructions V8 executes for the worker's code: unlike wall-clock
// times on a shared VM, the count repeats to within a fraction of a percent.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist, scenarioFile, trialsArg] = process.argv.slice(2);
const trials = parseInt(trialsArg, 10);
if (!dist || !scenarioFile || !(trials > 0)) {
  console.error('usage: node bench/wasm-count.mjs DIST SCENARIO_JSON TRIALS');
  process.exit(2);
}
globalThis.self = globalThis; // the glue looks for a worker's global scope
const mod = await import(pathToFileURL(path.resolve(dist, 'app.js')).href);
mod.initSync({ module: fs.readFileSync(path.resolve(dist, 'app_bg.wasm')) });
const scenario = JSON.parse(fs.readFileSync(scenarioFile, 'utf8'));
scenario.trials = trials;
const json = JSON.stringify(scenario);
const chunks = Math.ceil(trials / 500); // funnel_sim::CHUNK_TRIALS
let bytes = 0;
const t0 = performance.now();
for (let c = 0; c < chunks; c++) {
  mod.worker_step(1, json, c, false);
  bytes += mod.worker_flush().length;
}
console.log(`trials ${trials}, chunks ${chunks}, batch bytes ${bytes}, ${(performance.now() - t0).toFixed(1)} ms`);
