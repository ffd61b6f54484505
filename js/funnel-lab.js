// Funnel Lab's JavaScript API for host pages, without the app's UI. Documented in docs/js-api.md.
//
//   import FunnelLab from './funnel-lab.js';   // next to app.js, app_bg.wasm and worker.js
//   const resultJson = await FunnelLab.simulate(scenarioJson, { workers: 2 });
import init from './app.js';

const base = new URL('.', import.meta.url).href;
globalThis.FUNNEL_LAB_API_ONLY = true;
globalThis.FUNNEL_LAB_BASE = base;
await init({ module_or_path: new URL('app_bg.wasm', base) });

const FunnelLab = globalThis.FunnelLab;
export default FunnelLab;
export { FunnelLab };
