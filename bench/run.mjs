// Benchmark runner for scripts/bench.sh (see bench/README.md).
//
//   node bench/run.mjs --dist DIR --native target/bench/native.json --scenario target/bench/default-scenario.json
//                      [--out target/bench] [--runs 5] [--runs-1m 1] [--skip-1m] [--js-1m]
//
// Serves DIR at / and this folder at /bench/ on 127.0.0.1 (a free port), opens /bench/bench.html in headless
// Chromium (Playwright) and times, through the page's window.bench:
//   * FunnelLab.simulate with workers: 1 and workers: FunnelLab.defaultWorkers (1 warm-up, then --runs runs),
//   * the same with trials: 1,000,000 (--runs-1m runs, no warm-up: the pools are warm by then),
//   * the JS baseline (bench/baseline.mjs) on the page's main thread (1 warm-up, then --runs runs).
// Then prints the table, and writes it to OUT/bench.md and the raw numbers to OUT/bench.json.
// Targets are reported as PASS/MISS, never asserted: the exit code is 0 unless something crashed.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { measureApp } from './app-latency.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

// ---------- arguments ----------
const argv = process.argv.slice(2);
const opt = {
  dist: path.join(root, 'dist'),
  native: path.join(root, 'target/bench/native.json'),
  scenario: path.join(root, 'target/bench/default-scenario.json'),
  out: path.join(root, 'target/bench'),
  runs: 5,
  runs1m: 1,
  skip1m: false,
  js1m: false,
  chromium: process.env.CHROMIUM || '/usr/bin/chromium',
};
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const val = () => {
    if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
    return argv[++i];
  };
  if (a === '--dist') opt.dist = path.resolve(val());
  else if (a === '--native') opt.native = path.resolve(val());
  else if (a === '--scenario') opt.scenario = path.resolve(val());
  else if (a === '--out') opt.out = path.resolve(val());
  else if (a === '--runs') opt.runs = Math.max(1, parseInt(val(), 10));
  else if (a === '--runs-1m') opt.runs1m = Math.max(1, parseInt(val(), 10));
  else if (a === '--skip-1m') opt.skip1m = true;
  else if (a === '--js-1m') opt.js1m = true;
  else throw new Error(`unknown argument ${a}`);
}

// Playwright: from this checkout's node_modules, or the one NODE_PATH points at.
function loadPlaywright() {
  const require = createRequire(path.join(root, 'package.json'));
  const tries = [() => require('@playwright/test')];
  for (const p of (process.env.NODE_PATH || '').split(path.delimiter).filter(Boolean)) {
    tries.push(() => createRequire(path.join(p, 'noop.js'))('@playwright/test'));
  }
  for (const t of tries) {
    try {
      return t();
    } catch {
      /* next */
    }
  }
  throw new Error('cannot find @playwright/test (run npm ci, symlink node_modules, or set NODE_PATH)');
}

// ---------- static server ----------
const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

// Paths that were requested but not found (the release build may be rebuilt under our feet).
const notFound = [];

function serve(distDir, benchDir) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let p = decodeURIComponent(url.pathname);
    let base = distDir;
    if (p === '/bench' || p.startsWith('/bench/')) {
      base = benchDir;
      p = p.slice('/bench'.length) || '/';
    }
    if (p.endsWith('/')) p += p === '/' && base === benchDir ? 'bench.html' : 'index.html';
    const file = path.join(base, path.normalize(p));
    if (!file.startsWith(base + path.sep) && file !== base) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, data) => {
      if (err) {
        notFound.push(url.pathname);
        res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${url.pathname}`);
        return;
      }
      res.writeHead(200, {
        'content-type': MIME[path.extname(file)] || 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(data);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// ---------- helpers ----------
const STEP_TIMEOUT_MS = 20 * 60_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const fmtMs = (x) => (x == null ? '–' : x >= 1000 ? `${x.toFixed(0)}` : x.toFixed(1));
const fmtS = (x) => (x == null ? '–' : x.toFixed(2));
const fmtRate = (x) => (x == null ? '–' : x.toExponential(2).replace('e+', 'e'));
const tpps = (trials, periods, ms) => (ms ? (trials * periods) / (ms / 1000) : null);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? null : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

async function waitForDist(dist) {
  for (let i = 0; ; i++) {
    const need = ['funnel-lab.js', 'app.js', 'app_bg.wasm', 'worker.js'];
    const missing = need.filter((f) => !fs.existsSync(path.join(dist, f)));
    if (missing.length === 0) return;
    if (i >= 3) {
      throw new Error(
        `${dist} has no complete release build with the JS API (missing ${missing.join(', ')}): ` +
          'build one that has dist/funnel-lab.js, or point FUNNEL_LAB_DIST at one',
      );
    }
    console.error(`${dist} is missing ${missing.join(', ')} (being rebuilt?); waiting 60 s`);
    await sleep(60_000);
  }
}

async function openBench(browser, base) {
  for (let attempt = 1; ; attempt++) {
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || process.env.BENCH_VERBOSE) console.error(`  [page] ${m.text()}`);
    });
    page.on('pageerror', (e) => console.error(`  [page error] ${e.message}`));
    await page.goto(`${base}/bench/bench.html`);
    const state = await page
      .waitForFunction(() => window.benchReady || window.benchError, null, { timeout: 120_000 })
      .then((h) => h.jsonValue());
    if (state === true) return page;
    const err = await page.evaluate(() => window.benchError);
    await page.close();
    if (attempt >= 4) throw new Error(`the bench page could not load Funnel Lab: ${err}`);
    console.error(`the bench page could not load Funnel Lab (${err}); retrying in 60 s (dist being rebuilt?)`);
    await sleep(60_000);
  }
}

// ---------- main ----------
async function main() {
  const scenarioJson = fs.readFileSync(opt.scenario, 'utf8');
  const scenario = JSON.parse(scenarioJson);
  const native = JSON.parse(fs.readFileSync(opt.native, 'utf8'));
  await waitForDist(opt.dist);
  const load0 = os.loadavg();

  const { chromium } = loadPlaywright();
  const server = await serve(opt.dist, here);
  const base = `http://127.0.0.1:${server.address().port}`;
  const browser = await chromium.launch({
    headless: true,
    executablePath: opt.chromium,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const raw = {
    date: new Date().toISOString(),
    host: { cpus: os.cpus().length, cpu_model: os.cpus()[0]?.model, loadavg_start: load0 },
    scenario: { name: scenario.name, trials: scenario.trials, periods: scenario.periods, stages: scenario.stages.length },
    native,
  };
  try {
    let page = await openBench(browser, base);
    const info = await page.evaluate(() => ({
      version: window.bench.version,
      defaultWorkers: window.bench.defaultWorkers,
      hardwareConcurrency: window.bench.hardwareConcurrency,
      userAgent: window.bench.userAgent,
    }));
    raw.browser = info;
    const full = info.defaultWorkers;
    console.error(`Funnel Lab ${info.version} in ${info.userAgent}; defaultWorkers = ${full}`);
    // One measurement. If the server answered 404 meanwhile (dist being rebuilt: a worker may then have failed
    // to start, and the API silently computes on the page instead), wait a minute, reload and measure again.
    const step = async (label, fn, args) => {
      for (let attempt = 1; ; attempt++) {
        console.error(`${label} …`);
        const t0 = Date.now();
        const before = notFound.length;
        let timer;
        const timeout = new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`${label} took more than ${STEP_TIMEOUT_MS / 60000} minutes`)),
            STEP_TIMEOUT_MS,
          );
        });
        let r;
        try {
          r = await Promise.race([page.evaluate(fn, args), timeout]);
        } finally {
          clearTimeout(timer);
        }
        const missed = notFound.slice(before);
        if (missed.length > 0 && attempt < 3) {
          console.error(`${label}: the server answered 404 for ${missed.join(', ')}; retrying in 60 s`);
          await sleep(60_000);
          await page.close();
          page = await openBench(browser, base);
          continue;
        }
        console.error(`${label}: median ${fmtMs(r.median_ms)} ms (${((Date.now() - t0) / 1000).toFixed(1)} s in all)`);
        return r;
      }
    };
    const wasmFn = ([json, o]) => window.bench.wasm(json, o);
    const jsFn = ([json, o]) => window.bench.baseline(json, o);
    const R = opt.runs;
    raw.wasm1 = await step('wasm, 1 worker, default', wasmFn, [scenarioJson, { workers: 1, runs: R, warmup: 1, label: 'wasm1' }]);
    raw.wasmFull = await step(`wasm, ${full} workers, default`, wasmFn, [
      scenarioJson,
      { workers: full, runs: R, warmup: 1, label: `wasm${full}` },
    ]);
    raw.js = await step('JS baseline (funnel + flywheel), default', jsFn, [scenarioJson, { runs: R, warmup: 1, label: 'js' }]);
    raw.jsFunnelOnly = await step('JS baseline (funnel only), default', jsFn, [
      scenarioJson,
      { runs: R, warmup: 1, models: 'funnel', label: 'js-funnel' },
    ]);
    // The app itself (index.html, its own worker pool): Run to first estimate and to final chart, Cancel, edit.
    console.error('app: Run clicks, Cancel and edits …');
    raw.app = await measureApp(browser, `${base}/?lang=en`, { clicks: Math.max(5, R + 2) });
    console.error(
      `app: first estimate ${fmtMs(raw.app.first_ms)} ms, final chart ${fmtMs(raw.app.final_ms)} ms, ` +
        `cancel ${fmtMs(raw.app.median_cancel_ms)} ms, edit ${fmtMs(raw.app.median_edit_ms)} ms`,
    );
    if (!opt.skip1m) {
      const M = 1_000_000;
      raw.wasm1_1m = await step('wasm, 1 worker, 1M trials', wasmFn, [
        scenarioJson,
        { workers: 1, trials: M, runs: opt.runs1m, warmup: 0, label: 'wasm1-1M' },
      ]);
      raw.wasmFull_1m = await step(`wasm, ${full} workers, 1M trials`, wasmFn, [
        scenarioJson,
        { workers: full, trials: M, runs: opt.runs1m, warmup: 0, label: `wasm${full}-1M` },
      ]);
      if (opt.js1m) {
        raw.js_1m = await step('JS baseline, 1M trials', jsFn, [scenarioJson, { trials: M, runs: 1, warmup: 0, label: 'js-1M' }]);
      }
    }
  } finally {
    await browser.close().catch(() => {});
    server.close();
  }
  raw.host.loadavg_end = os.loadavg();

  const { table, summary } = render(raw);
  raw.summary = summary;
  fs.mkdirSync(opt.out, { recursive: true });
  fs.writeFileSync(path.join(opt.out, 'bench.md'), table);
  fs.writeFileSync(path.join(opt.out, 'bench.json'), `${JSON.stringify(raw, null, 2)}\n`);
  process.stdout.write(table);
  console.error(`\nwritten: ${path.join(opt.out, 'bench.md')}, ${path.join(opt.out, 'bench.json')}`);
}

function render(raw) {
  const T = raw.scenario.trials;
  const P = raw.scenario.periods;
  const M = 1_000_000;
  const n = raw.native;
  const full = raw.browser.defaultWorkers;
  const nativeMs = n.median_s * 1000;
  const rows = [
    {
      name: 'native (1 thread, bench profile)',
      ms: nativeMs,
      runs: n.runs,
      s1m: n.median_1m_s ?? null,
      runs1m: n.times_1m_s?.length ?? 0,
    },
    { name: 'wasm, 1 worker', ms: raw.wasm1.median_ms, runs: raw.wasm1.times_ms.length, s1m: raw.wasm1_1m ? raw.wasm1_1m.median_ms / 1000 : null, runs1m: raw.wasm1_1m?.times_ms.length ?? 0 },
    { name: `wasm, full pool (${full} workers)`, ms: raw.wasmFull.median_ms, runs: raw.wasmFull.times_ms.length, s1m: raw.wasmFull_1m ? raw.wasmFull_1m.median_ms / 1000 : null, runs1m: raw.wasmFull_1m?.times_ms.length ?? 0 },
    { name: 'JS baseline (funnel + flywheel, main thread)', ms: raw.js.median_ms, runs: raw.js.times_ms.length, s1m: raw.js_1m ? raw.js_1m.median_ms / 1000 : null, runs1m: raw.js_1m ? 1 : 0 },
    { name: '  JS baseline, funnel only (for reference)', ms: raw.jsFunnelOnly.median_ms, runs: raw.jsFunnelOnly.times_ms.length, s1m: null, runs1m: 0, tpNote: ' (1 model)' },
  ];
  const lines = [];
  lines.push(`## Funnel Lab benchmark — ${raw.date}`);
  lines.push('');
  lines.push(
    `Scenario: ${raw.scenario.name} (${raw.scenario.stages} stages, ${P} periods, ${T.toLocaleString('en')} trials, funnel + flywheel). ` +
      `Funnel Lab ${raw.browser.version}; ${raw.host.cpus} CPUs (${raw.host.cpu_model}); ` +
      `load average ${raw.host.loadavg_start.map((x) => x.toFixed(2)).join(' ')} at start, ${raw.host.loadavg_end.map((x) => x.toFixed(2)).join(' ')} at end.`,
  );
  lines.push('');
  lines.push('| run | default scenario, ms (median) | trial-periods/s per model | 1M trials, s |');
  lines.push('|---|---:|---:|---:|');
  for (const r of rows) {
    const tp = tpps(T, P, r.ms);
    const s1m = r.s1m == null ? '–' : `${fmtS(r.s1m)}${r.runs1m > 1 ? ` (median of ${r.runs1m})` : ''}`;
    lines.push(`| ${r.name} | ${fmtMs(r.ms)} (${r.runs} runs) | ${fmtRate(tp)}${r.tpNote ?? ''} | ${s1m} |`);
  }
  lines.push('');
  const ratioNative = nativeMs / raw.wasm1.median_ms; // wasm speed relative to native
  const ratioJs = raw.js.median_ms / raw.wasm1.median_ms; // wasm (1 worker) speed-up over JS (1 thread)
  const ratioJsFull = raw.js.median_ms / raw.wasmFull.median_ms;
  const mark = (ok) => (ok == null ? 'n/a' : ok ? 'PASS' : 'MISS');
  const best1m = raw.wasmFull_1m ? raw.wasmFull_1m.median_ms / 1000 : null;
  const targets = [
    ['wasm (1 worker) / native speed = native ms / wasm ms', `${ratioNative.toFixed(2)}×`, '≥ 0.8×', mark(ratioNative >= 0.8)],
    ['wasm (1 worker) / JS speed = JS ms / wasm ms (both 1 thread)', `${ratioJs.toFixed(2)}×`, '≥ 5×', mark(ratioJs >= 5)],
    ['  (full pool / JS, for reference)', `${ratioJsFull.toFixed(2)}×`, '', ''],
    ['default scenario, app: click on Run to final chart, full pool', `${fmtMs(raw.app.final_ms)} ms`, '< 150 ms', mark(raw.app.final_ms < 150)],
    ['  (the same through FunnelLab.simulate, no drawing, for reference)', `${fmtMs(raw.wasmFull.median_ms)} ms`, '', ''],
    ['app: click on Run to first estimate', `${fmtMs(raw.app.first_ms)} ms`, '≤ 100 ms', mark(raw.app.first_ms <= 100)],
    ['app: Cancel during a 1M-trial run to "Cancelled"', `${fmtMs(raw.app.median_cancel_ms)} ms`, '≤ 100 ms', mark(raw.app.median_cancel_ms <= 100)],
    ['app: typing during a 1M-trial run to the run replaced', `${fmtMs(raw.app.median_edit_ms)} ms`, '≤ 100 ms', mark(raw.app.median_edit_ms <= 100)],
    ['1M trials end-to-end, full pool', best1m == null ? 'not run' : `${fmtS(best1m)} s`, '< 10 s', best1m == null ? 'n/a' : mark(best1m < 10)],
  ];
  lines.push('| ratio / target | measured | target | |');
  lines.push('|---|---:|---:|---|');
  for (const t of targets) lines.push(`| ${t.join(' | ')} |`);
  lines.push('');
  const jf = raw.js.funnel_mean_final_customers;
  const wf = raw.wasmFull.funnel_mean_final_customers;
  const jy = raw.js.flywheel_mean_final_customers;
  const wy = raw.wasmFull.flywheel_mean_final_customers;
  const pct = (a, b) => `${(((a - b) / b) * 100).toFixed(1)}%`;
  lines.push(
    `Sanity (mean final customers, ${T.toLocaleString('en')} trials): funnel — JS baseline ${jf.toFixed(1)}, wasm ${wf.toFixed(1)} ` +
      `(${pct(jf, wf)}), native ${n.funnel_mean_final_customers.toFixed(1)}; flywheel — JS baseline ${jy.toFixed(1)}, wasm ${wy.toFixed(1)} (${pct(jy, wy)}).`,
  );
  const lt = (r) => (r && Number.isFinite(r.median_main_thread_long_tasks_ms) ? `${r.median_main_thread_long_tasks_ms.toFixed(0)} ms` : 'n/a');
  lines.push('');
  lines.push(
    `Page main thread in long tasks (> 50 ms) during a wasm call, median: 1 worker ${lt(raw.wasm1)}, full pool ${lt(raw.wasmFull)}` +
      (raw.wasm1_1m ? `; 1M trials: 1 worker ${lt(raw.wasm1_1m)}, full pool ${lt(raw.wasmFull_1m)}` : '') +
      ' (time the page spends merging chunk results and serialising the result; the workers compute meanwhile).',
  );
  lines.push('');
  lines.push(
    'Rows: native = `funnel_lab::sim::run` (funnel + flywheel, all statistics) on one thread; wasm = `FunnelLab.simulate` ' +
      'from dist/funnel-lab.js in headless Chromium, timed from the call to the resolved result JSON (1 warm-up run ' +
      'first); JS baseline = bench/baseline.mjs on the page\'s main thread: funnel and flywheel simulated separately ' +
      'with simple samplers (normal approximation for large binomials), keeping only final customers. ' +
      'Trial-periods/s = trials × periods / seconds, per model (every row but the funnel-only reference computes two models). ' +
      'Timings on a shared 2-core VM are noisy; these are medians.',
  );
  lines.push('');
  lines.push(
    `App rows (bench/app-latency.mjs): the release build's index.html at 1280 × 900 with its own worker pool; times from the ` +
      `click (or the typed character) to the first animation frame that shows the change. Medians of ${raw.app.runs.length} Run ` +
      `clicks 1.5 s apart (first estimate ${raw.app.runs.map((r) => r.first_ms.toFixed(0)).join(', ')} ms; final chart ` +
      `${raw.app.runs.map((r) => r.final_ms.toFixed(0)).join(', ')} ms) and of ${raw.app.cancel_ms.length} Cancel and edit ` +
      `measurements (Cancel ${raw.app.cancel_ms.map((x) => x.toFixed(0)).join(', ')} ms; edit ` +
      `${raw.app.edit_ms.map((x) => x.toFixed(0)).join(', ')} ms). The app draws every chart twice per default run (first ` +
      `estimate, final result) on the main thread, which shares the 2 cores with the 2 workers.`,
  );
  lines.push('');
  const summary = {
    native_ms: nativeMs,
    wasm1_ms: raw.wasm1.median_ms,
    wasm_full_ms: raw.wasmFull.median_ms,
    js_ms: raw.js.median_ms,
    js_funnel_only_ms: raw.jsFunnelOnly.median_ms,
    native_1m_s: n.median_1m_s ?? null,
    wasm1_1m_s: raw.wasm1_1m ? raw.wasm1_1m.median_ms / 1000 : null,
    wasm_full_1m_s: best1m,
    js_1m_s: raw.js_1m ? raw.js_1m.median_ms / 1000 : null,
    trial_periods_per_s: {
      native: tpps(T, P, nativeMs),
      wasm1: tpps(T, P, raw.wasm1.median_ms),
      wasm_full: tpps(T, P, raw.wasmFull.median_ms),
      js: tpps(T, P, raw.js.median_ms),
    },
    ratio_wasm1_over_native: ratioNative,
    ratio_wasm1_over_js: ratioJs,
    ratio_wasm_full_over_js: ratioJsFull,
    app_first_estimate_ms: raw.app.first_ms,
    app_final_chart_ms: raw.app.final_ms,
    app_cancel_ms: raw.app.median_cancel_ms,
    app_edit_ms: raw.app.median_edit_ms,
    targets: Object.fromEntries(targets.filter((t) => t[3]).map((t) => [t[0].trim(), { measured: t[1], target: t[2], status: t[3] }])),
  };
  return { table: `${lines.join('\n')}\n`, summary };
}

main().catch((err) => {
  console.error(`bench: ${(err && err.stack) || err}`);
  process.exit(1);
});
