// The benchmark page's driver (bench/bench.html), called by bench/run.mjs through window.bench.
// Loads the Funnel Lab JS API exactly as a host page would (dist/funnel-lab.js) and the JS baseline.
import { runBaseline } from './baseline.mjs';

const log = (line) => {
  document.getElementById('log').textContent += `\n${line}`;
  console.log(line);
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

// Main-thread time spent in long tasks (> 50 ms), e.g. merging the workers' chunk results on the page.
let longTaskMs = 0;
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) longTaskMs += e.duration;
  }).observe({ type: 'longtask' });
} catch {
  longTaskMs = NaN; // not supported here
}

/** Times `runs` awaited FunnelLab.simulate calls (after `warmup` untimed ones), end to end. */
async function wasm(FunnelLab, scenarioJson, { workers, trials, runs = 5, warmup = 1, label = 'wasm' } = {}) {
  const opts = { workers };
  if (trials !== undefined) opts.trials = trials;
  const times = [];
  const longTasks = [];
  let result = null;
  for (let i = 0; i < warmup + runs; i++) {
    await new Promise((r) => setTimeout(r, 0)); // flush long-task entries of earlier work
    const lt0 = longTaskMs;
    const t0 = performance.now();
    const text = await FunnelLab.simulate(scenarioJson, opts);
    const dt = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 0)); // let the observer see the last long task
    const lt = longTaskMs - lt0;
    // Parsing the result is not part of the timed call.
    result = JSON.parse(text);
    if (i >= warmup) {
      times.push(dt);
      longTasks.push(lt);
    }
    log(`${label} ${i < warmup ? 'warm-up' : `run ${i - warmup + 1}/${runs}`}: ${dt.toFixed(1)} ms (page long tasks ${lt.toFixed(0)} ms)`);
  }
  return {
    times_ms: times,
    median_ms: median(times),
    main_thread_long_tasks_ms: longTasks,
    median_main_thread_long_tasks_ms: median(longTasks),
    trials: result.trials_total,
    periods: result.periods,
    complete: result.complete,
    funnel_mean_final_customers: result.funnel.final_customers.mean,
    flywheel_mean_final_customers: result.flywheel.final_customers.mean,
  };
}

/** Times `runs` baseline runs on this (the page's main) thread. */
async function baseline(scenarioJson, { trials, models = 'both', runs = 5, warmup = 1, label = 'js' } = {}) {
  const scenario = JSON.parse(scenarioJson);
  const times = [];
  let result = null;
  for (let i = 0; i < warmup + runs; i++) {
    const t0 = performance.now();
    result = runBaseline(scenario, { trials, models, seed: scenario.seed + i });
    const dt = performance.now() - t0;
    if (i >= warmup) times.push(dt);
    log(`${label} ${i < warmup ? 'warm-up' : `run ${i - warmup + 1}/${runs}`}: ${dt.toFixed(1)} ms`);
    await new Promise((r) => setTimeout(r, 0)); // let the page breathe between runs
  }
  return {
    times_ms: times,
    median_ms: median(times),
    trials: result.trials,
    periods: result.periods,
    models: result.models,
    funnel_mean_final_customers: result.funnel.mean,
    flywheel_mean_final_customers: result.flywheel ? result.flywheel.mean : null,
    funnel: result.funnel,
    flywheel: result.flywheel ?? null,
  };
}

try {
  const { default: FunnelLab } = await import('/funnel-lab.js');
  window.bench = {
    version: FunnelLab.version,
    defaultWorkers: FunnelLab.defaultWorkers,
    hardwareConcurrency: navigator.hardwareConcurrency,
    userAgent: navigator.userAgent,
    wasm: (json, o) => wasm(FunnelLab, json, o),
    baseline,
  };
  log(`Funnel Lab ${FunnelLab.version}, defaultWorkers ${FunnelLab.defaultWorkers}`);
  window.benchReady = true;
} catch (err) {
  window.benchError = String((err && err.stack) || err);
  log(`failed to load: ${window.benchError}`);
}
