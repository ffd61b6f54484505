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

async function run() {
  const t0 = performance.now();
  $('out').textContent = 'Simulating…';
  try {
    const json = await FunnelLab.simulate($('scenario').value, {
      trials: Number($('trials').value),
      workers: Number($('workers').value),
      onProgress: (done, total) => { $('progress').max = total; $('progress').value = done; },
    });
    const r = JSON.parse(json);
    const f = r.funnel.final_customers;
    const w = r.flywheel.final_customers;
    $('out').textContent =
      `${r.trials_done} trials in ${Math.round(performance.now() - t0)} ms. Customers after ${r.periods} periods, ` +
      `median (90% interval): funnel ${Math.round(f.p50)} (${Math.round(f.p5)}–${Math.round(f.p95)}), ` +
      `flywheel ${Math.round(w.p50)} (${Math.round(w.p5)}–${Math.round(w.p95)}).`;
  } catch (e) {
    $('out').textContent = `Error: ${e.message}`;
  }
}

start();
