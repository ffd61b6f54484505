// The example host page's script: Funnel Lab's API without the app's UI (see docs/js-api.md).
import FunnelLab from './funnel-lab.js';

const $ = (id) => document.getElementById(id);
async function start() {
  // A scenario must be complete (docs/scenario.md); start from the default five-stage one.
  $('scenario').value = JSON.stringify(JSON.parse(FunnelLab.defaultScenario()), null, 2);
  $('workers').value = FunnelLab.defaultWorkers;
  $('out').textContent = `Funnel Lab ${FunnelLab.version} is ready (${FunnelLab.defaultWorkers} workers).`;
  $('run').addEventListener('click', run);
}

// A newer call cancels an older one (its promise rejects with "cancelled"): only the newest run's
// outcome is shown.
let latest = 0;

// An empty box leaves the option unset, so the API uses its default (docs/js-api.md).
const option = (id) => ($(id).value.trim() === '' ? undefined : Number($(id).value));

async function run() {
  const t0 = performance.now();
  const id = ++latest;
  $('out').textContent = 'Simulating…';
  // Empty until this run reports progress (a run that fails at once leaves it empty, not at the last run's end).
  $('progress').value = 0;
  const options = {
    onProgress: (done, total) => { if (id === latest) { $('progress').max = total; $('progress').value = done; } },
  };
  for (const name of ['trials', 'workers']) {
    if (option(name) !== undefined) options[name] = option(name);
  }
  try {
    const json = await FunnelLab.simulate($('scenario').value, options);
    if (id !== latest) return;
    const r = JSON.parse(json);
    const f = r.funnel.final_customers;
    const w = r.flywheel.final_customers;
    $('out').textContent =
      `${r.trials_done} trials in ${Math.round(performance.now() - t0)} ms. Customers after ${r.periods} periods, ` +
      `median (90% interval): funnel ${Math.round(f.p50)} (${Math.round(f.p5)}–${Math.round(f.p95)}), ` +
      `flywheel ${Math.round(w.p50)} (${Math.round(w.p5)}–${Math.round(w.p95)}).`;
  } catch (e) {
    if (id !== latest) return;
    $('out').textContent = `Error: ${e.message}`;
  }
}

start();
