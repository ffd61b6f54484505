// Funnel Lab simulation worker (a module worker). It loads the same wasm module as the page.
//
// Requests (see src/ui/pool.rs):
//   { module }                                         the page's compiled wasm module (sent first, see below)
//   { run, scenario, first, step, chunks, panicAt? }  simulate chunks first, first + step, … < chunks of run
//   { cancel: run }                                    stop run (and any older one)
//   { analysis: id, kind, scenario, other }            one analysis (bottlenecks, target, compare) in one go;
//     with from and to: its part of chunks from..to; with parts (bytes): its report from the parts
// Answers:
//   { ready: true } once loaded, or { fatal } if it cannot load;
//   { run, data }   a batch of chunks (bytes), after the first chunk and then every FLUSH_MS and at the end;
//   { run, error }  the run failed here (a Rust panic traps the instance: the page then replaces this worker);
//   { analysis: id, progress }  the share of its trials done, from a second on every PROGRESS_MS (none for
//                               one that ends sooner: a bar that shows for a moment is a flicker);
//   { analysis: id, data } or { analysis: id, error }. data and other are bytes (see src/ui/pool.rs).
//
// Between chunks the loop yields to the event loop, so a newer run or a cancel is seen within one chunk.
import init, { worker_step, worker_flush, worker_analysis } from './app.js';

const FLUSH_MS = 100;
const PROGRESS_MS = 250;

// The page posts its own compiled WebAssembly.Module as the first message (src/ui/pool.rs), so the worker
// instantiates it at once instead of fetching and compiling the wasm again. If the first message is anything
// else (the page could not send the module), the worker loads the wasm itself.
let ready = null;
function start(module) {
  if (!ready) {
    ready = init({ module_or_path: module ?? new URL('./app_bg.wasm', import.meta.url) });
    ready.then(
      () => self.postMessage({ ready: true }),
      (err) => self.postMessage({ fatal: `the simulation worker could not start: ${(err && err.message) || err}` }),
    );
  }
  return ready;
}

let latest = 0; // newest run id seen; older runs stop at their next chunk
let cancelled = 0; // runs up to this id are cancelled
let job = null;
let looping = false;

// A macrotask yield that lets queued messages in (setTimeout(0) is clamped to 4 ms when nested).
const channel = new MessageChannel();
const waiting = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldToEvents = () => new Promise((resolve) => { waiting.push(resolve); channel.port2.postMessage(0); });

const stopped = (run) => run < latest || run <= cancelled;

async function loop() {
  looping = true;
  try {
    await start();
  } catch {
    looping = false;
    return; // the fatal message was sent below
  }
  while (job) {
    const j = job;
    job = null;
    let lastFlush = -Infinity;
    let pending = false;
    for (let c = j.first; c < j.chunks; c += j.step) {
      if (stopped(j.run)) break;
      try {
        worker_step(j.run, j.scenario, c, j.panicAt === c);
      } catch (err) {
        // A Rust panic traps the instance ("unreachable"); the panic hook left the real message here.
        const message = self.__funnelLabLastPanic || (err && err.message) || String(err);
        self.postMessage({ run: j.run, error: `internal error in a simulation worker: ${message}` });
        pending = false;
        break;
      }
      pending = true;
      const now = performance.now();
      if (now - lastFlush >= FLUSH_MS || c + j.step >= j.chunks) {
        self.postMessage({ run: j.run, data: worker_flush() });
        lastFlush = now;
        pending = false;
      }
      await yieldToEvents();
    }
    if (pending && !stopped(j.run)) self.postMessage({ run: j.run, data: worker_flush() });
  }
  looping = false;
}

self.onmessage = (event) => {
  const m = event.data;
  if (m.module !== undefined) {
    start(m.module);
    return;
  }
  if (m.analysis !== undefined) {
    start().then(() => {
      let last = performance.now() + 1000 - PROGRESS_MS;
      const progress = (share) => {
        const now = performance.now();
        if (now - last >= PROGRESS_MS && share < 1) {
          last = now;
          self.postMessage({ analysis: m.analysis, progress: share });
        }
      };
      try {
        self.postMessage({ analysis: m.analysis, data: worker_analysis(m.kind, m.scenario, m.other, m.from, m.to, m.parts, progress) });
      } catch (err) {
        const message = self.__funnelLabLastPanic || (err && err.message) || String(err);
        self.postMessage({ analysis: m.analysis, error: String(message) });
      }
    });
    return;
  }
  if (m.cancel !== undefined) {
    cancelled = Math.max(cancelled, m.cancel);
    return;
  }
  latest = Math.max(latest, m.run);
  job = m;
  if (!looping) loop();
};
