//! The Web Worker pool that runs simulations off the main thread.
//!
//! Each worker (`js/worker.js`) loads the same wasm module as the page. For a run of `n` chunks on `W`
//! workers, worker `w` simulates chunks `w, w + W, w + 2W, …`, merges them into a [`ChunkBatch`] and sends
//! the batch in the binary [`crate::sim::wire`] format after its first chunk (the quick first estimate) and then about every
//! `FLUSH_MS` (in worker.js), so the main thread merges a few messages per second instead of one per chunk.
//! The [`Accumulator`] is order-independent, so the result is bit-identical for any worker count, and the pool
//! reports partial results at most every [`PUBLISH_MS`].
//!
//! A newer run or a cancel drops the current run at once: late answers carry the old run id and are ignored,
//! so an older run can never overwrite a newer one. Workers yield to their event loop between chunks and
//! stop an older run's loop there, so each is free for the next run after the chunk it is on (~25 ms). When the
//! chunks take longer than [`SLOW_CHUNK_MS`] (a scenario with many stages, periods and segments), a cancel or a
//! newer run terminates the workers instead and starts fresh ones, which get the compiled module. A worker error (a panic traps the wasm instance) fails the run with a message; that worker is
//! replaced by a fresh one so the next run works. If workers cannot be created or loaded at all (a sandboxed
//! iframe without same-origin, an old browser), the run reports [`RunEvent::Unavailable`] and the caller falls
//! back to the main-thread runner.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Event, MessageEvent, Worker, WorkerOptions, WorkerType};

use crate::sim::wire::{self, Wire};
use crate::sim::{Accumulator, ChunkBatch, RunResult, Scenario, Simulation};

/// Upper bound on the pool size, whatever `navigator.hardwareConcurrency` says.
pub const MAX_WORKERS: usize = 8;
/// Minimum time between two published partial results (the first chunk's is published at once, and the
/// final one as soon as the last chunk is in). Each partial result costs the page a merge into a
/// [`RunResult`] and a redraw of every chart, work that takes a core from the workers on a 2-core machine; four
/// refinements a second are plenty to watch a long run converge.
pub const PUBLISH_MS: f64 = 250.0;
/// A run whose chunks take longer than this (as measured so far) is stopped by terminating its workers,
/// not by a message: a worker sees a cancel only between two chunks, and a scenario with 20 stages, 520
/// periods and 8 segments takes seconds per chunk. A fresh worker gets the compiled module (no fetch and no
/// compile) and is ready in a few milliseconds, but for the usual chunks of 15 ms the message is quicker.
pub const SLOW_CHUNK_MS: f64 = 100.0;

/// Whether a progress report at `now` of a run that started at `started` carries the result so far, when
/// the last one that did was at `last` (`None`: none yet). The first does; then at most every
/// [`PUBLISH_MS`] and at most every quarter of the time the run has taken so far, so a 20-second run's
/// charts are redrawn 13 times instead of 80, while its progress bar still moves every `PUBLISH_MS`.
/// Late refinements change little, and each redraw takes a core from the workers on a 2-core machine.
pub fn refine_due(started: f64, last: Option<f64>, now: f64) -> bool {
    match last {
        None => true,
        Some(last) => now - last >= PUBLISH_MS.max((now - started) / 4.0),
    }
}

/// When a run reports its progress, and which reports carry the result so far: one schedule for the pool
/// and the main-thread runner.
pub(crate) struct ReportSchedule {
    /// Whether a report may carry the result so far (the app draws it; the JS API only counts).
    partials: bool,
    started: f64,
    last_report: f64,
    /// When the last report with a result went out.
    last_result: Option<f64>,
}

impl ReportSchedule {
    /// A run that started at `started` (ms).
    pub(crate) fn new(partials: bool, started: f64) -> ReportSchedule {
        ReportSchedule {
            partials,
            started,
            last_report: f64::NEG_INFINITY,
            last_result: None,
        }
    }

    /// At `now`, with all trials done (`complete`) or not: `None` when no report is due (the last was less
    /// than [`PUBLISH_MS`] ago and the run is not complete), else whether the report carries the result
    /// (the final result always; a partial one when `partials` and [`refine_due`] say so).
    pub(crate) fn report(&mut self, now: f64, complete: bool) -> Option<bool> {
        if !complete && now - self.last_report < PUBLISH_MS {
            return None;
        }
        self.last_report = now;
        let refine = complete || (self.partials && refine_due(self.started, self.last_result, now));
        if refine {
            self.last_result = Some(now);
        }
        Some(refine)
    }
}

/// What a run reports to its owner.
pub enum RunEvent {
    /// Trials done so far, at most every [`PUBLISH_MS`]; with the result so far when the run asked for
    /// partial results and [`refine_due`] says so, and always with the final result (the event that
    /// completes the run).
    Progress {
        result: Option<Rc<RunResult>>,
        done: u64,
        total: u64,
    },
    Finished,
    Failed(String),
    /// A newer run on the same pool, or a cancel, replaced this one.
    Cancelled,
    /// Workers cannot run here; nothing was computed. Run on the main thread instead.
    Unavailable,
}

pub type Sink = Rc<dyn Fn(RunEvent)>;

/// A pool of module workers. Cloning shares the pool.
#[derive(Clone)]
pub struct Pool(Rc<RefCell<Inner>>);

struct Slot {
    worker: Worker,
    serial: u64,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

/// A dropped slot's worker goes with it: an event it still had queued (the other workers' load errors
/// when a pool that never started is dropped for the main thread) would call a handler already freed.
impl Drop for Slot {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

struct Run {
    id: u64,
    acc: Accumulator,
    total: u64,
    sink: Sink,
    schedule: ReportSchedule,
    /// When the last batch was merged (`None` before the first).
    merged_at: Option<f64>,
}

impl Run {
    fn slow(&self, now: f64, workers: usize) -> bool {
        chunks_slow(
            self.schedule.started,
            self.merged_at,
            now,
            self.acc.chunks_done(),
            workers,
        )
    }
}

/// Whether a run that started at `started` has chunks that take longer than [`SLOW_CHUNK_MS`] at `now`:
/// the time up to the last batch (merged at `merged_at`) per chunk a worker had finished by then, or,
/// before the first batch, the run's time so far. (Not the time to `now` per chunk: batches come every
/// 100 ms, so that would count the wait for the next one as chunk time.)
pub fn chunks_slow(
    started: f64,
    merged_at: Option<f64>,
    now: f64,
    chunks_done: u32,
    workers: usize,
) -> bool {
    let per_worker = f64::from(chunks_done) / workers.max(1) as f64;
    match merged_at {
        None => now - started > SLOW_CHUNK_MS,
        Some(t) => (t - started) / per_worker.max(1.0) > SLOW_CHUNK_MS,
    }
}

struct Inner {
    url: String,
    slots: Vec<Slot>,
    next_serial: u64,
    next_run: u64,
    run: Option<Run>,
    ever_ready: bool,
    unavailable: bool,
}

type Events = Vec<(Sink, RunEvent)>;

/// `performance.now()` of this page or worker (0 where there is none).
pub(crate) fn now_ms() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// `navigator.hardwareConcurrency`, capped to 1..=[`MAX_WORKERS`].
pub fn default_size() -> usize {
    let n = web_sys::window()
        .map(|w| w.navigator().hardware_concurrency())
        .unwrap_or(1.0);
    (n as usize).clamp(1, MAX_WORKERS)
}

/// The message of a worker's `error` event. A script that failed to load (a 404) fires a plain `Event`
/// without one, whose `message` is undefined (read as an `ErrorEvent`, it threw in the handler and the
/// run never ended).
fn worker_error_text(e: &Event) -> String {
    js_sys::Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| "the worker script could not be loaded".to_string())
}

fn js_error_text(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{e:?}"))
}

impl Pool {
    /// Starts `size` workers from the script at `url` (a module worker). Fails when the browser refuses to
    /// create workers here.
    pub fn new(url: &str, size: usize) -> Result<Pool, String> {
        let pool = Pool(Rc::new(RefCell::new(Inner {
            url: url.to_string(),
            slots: Vec::new(),
            next_serial: 0,
            next_run: 0,
            run: None,
            ever_ready: false,
            unavailable: false,
        })));
        for _ in 0..size.clamp(1, MAX_WORKERS) {
            let slot = pool.spawn()?;
            pool.0.borrow_mut().slots.push(slot);
        }
        Ok(pool)
    }

    pub fn size(&self) -> usize {
        self.0.borrow().slots.len()
    }

    fn spawn(&self) -> Result<Slot, String> {
        let (url, serial) = {
            let mut inner = self.0.borrow_mut();
            inner.next_serial += 1;
            (inner.url.clone(), inner.next_serial)
        };
        let opts = WorkerOptions::new();
        opts.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(&url, &opts).map_err(|e| js_error_text(&e))?;
        let weak = Rc::downgrade(&self.0);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            if let Some(rc) = weak.upgrade() {
                Pool(rc).on_message(serial, &e.data());
            }
        });
        let weak = Rc::downgrade(&self.0);
        let on_error = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            e.prevent_default();
            if let Some(rc) = weak.upgrade() {
                Pool(rc).on_worker_failure(serial, worker_error_text(&e));
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        send_module(&worker);
        Ok(Slot {
            worker,
            serial,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Starts a run, replacing (and silencing) any current run. Progress reports carry the result so far
    /// when `partials` (the final result always). Returns the run id.
    pub fn start(
        &self,
        scenario: &Scenario,
        partials: bool,
        panic_at: Option<u32>,
        sink: Sink,
    ) -> u64 {
        // Workers in an old run's long chunk would start this one only after it.
        let slow = {
            let inner = self.0.borrow();
            inner
                .run
                .as_ref()
                .is_some_and(|r| r.slow(now_ms(), inner.slots.len()))
        };
        if slow {
            self.respawn();
        }
        let mut events = Events::new();
        let id = {
            let mut inner = self.0.borrow_mut();
            inner.next_run += 1;
            let id = inner.next_run;
            if let Some(old) = inner.run.take() {
                events.push((old.sink, RunEvent::Cancelled));
            }
            if inner.unavailable {
                events.push((sink, RunEvent::Unavailable));
            } else {
                match Simulation::new(scenario) {
                    Err(e) => events.push((sink, RunEvent::Failed(e.to_string()))),
                    Ok(sim) => {
                        inner.run = Some(Run {
                            id,
                            acc: Accumulator::new(&sim),
                            total: u64::from(scenario.trials),
                            sink,
                            schedule: ReportSchedule::new(partials, now_ms()),
                            merged_at: None,
                        });
                        inner.post_jobs(id, &scenario.to_json(), sim.chunk_count(), panic_at);
                    }
                }
            }
            id
        };
        emit(events);
        id
    }

    /// [`cancel`](Self::cancel), returning the run's result over the trials merged so far (none before
    /// the first chunk), so that a Cancel shows every trial its progress counted.
    pub fn cancel_keeping(&self) -> Option<Rc<RunResult>> {
        let partial = self
            .0
            .borrow()
            .run
            .as_ref()
            .filter(|r| r.acc.trials_done() > 0)
            .map(|r| Rc::new(r.acc.result()));
        self.cancel();
        partial
    }

    /// Drops the current run: nothing more is reported for it.
    pub fn cancel(&self) {
        let old = self.0.borrow_mut().run.take();
        if let Some(old) = old {
            if old.slow(now_ms(), self.size()) {
                self.respawn();
            } else {
                let msg = js_sys::Object::new();
                let _ =
                    js_sys::Reflect::set(&msg, &"cancel".into(), &JsValue::from_f64(old.id as f64));
                for slot in &self.0.borrow().slots {
                    let _ = slot.worker.post_message(&msg);
                }
            }
            (old.sink)(RunEvent::Cancelled);
        }
    }

    /// Terminates every worker (in the middle of a chunk or not) and starts as many fresh ones. If none
    /// starts, runs report [`RunEvent::Unavailable`] and go to the main thread.
    fn respawn(&self) {
        let old = std::mem::take(&mut self.0.borrow_mut().slots);
        let n = old.len();
        drop(old); // (a slot's drop terminates its worker)
        for _ in 0..n {
            if let Ok(slot) = self.spawn() {
                self.0.borrow_mut().slots.push(slot);
            }
        }
        let mut inner = self.0.borrow_mut();
        if inner.slots.is_empty() {
            inner.unavailable = true;
        }
    }

    /// Stops the current run (reported as cancelled) and terminates every worker; the pool is empty after.
    pub fn terminate(&self) {
        self.cancel();
        let slots = std::mem::take(&mut self.0.borrow_mut().slots);
        for slot in slots {
            slot.worker.terminate();
        }
    }

    fn on_message(&self, serial: u64, data: &JsValue) {
        let get = |k: &str| js_sys::Reflect::get(data, &k.into()).unwrap_or(JsValue::UNDEFINED);
        if get("ready").is_truthy() {
            self.0.borrow_mut().ever_ready = true;
            return;
        }
        if let Some(fatal) = get("fatal").as_string() {
            self.on_worker_failure(serial, fatal);
            return;
        }
        let run = get("run").as_f64().unwrap_or(-1.0) as u64;
        let mut events = Events::new();
        let mut replace = false;
        {
            let mut inner = self.0.borrow_mut();
            inner.ever_ready = true;
            let current = inner.run.as_ref().is_some_and(|r| r.id == run);
            if let Some(error) = get("error").as_string() {
                // The wasm instance of that worker may be broken (a panic traps it): replace the worker.
                replace = true;
                if current {
                    if let Some(r) = inner.run.take() {
                        events.push((r.sink, RunEvent::Failed(error)));
                    }
                }
            } else if current {
                inner.merge(&bytes_of(&get("data")), &mut events);
            }
        }
        if replace {
            self.replace(serial);
        }
        emit(events);
    }

    /// A worker failed to load or hit an uncaught error.
    fn on_worker_failure(&self, serial: u64, message: String) {
        let mut events = Events::new();
        let never_worked = {
            let mut inner = self.0.borrow_mut();
            let never = !inner.ever_ready;
            if never {
                inner.unavailable = true;
            }
            if let Some(r) = inner.run.take() {
                let ev = if never {
                    RunEvent::Unavailable
                } else {
                    RunEvent::Failed(message)
                };
                events.push((r.sink, ev));
            }
            never
        };
        if !never_worked {
            self.replace(serial);
        }
        emit(events);
    }

    /// Terminates the worker with `serial` and starts a fresh one in its place.
    fn replace(&self, serial: u64) {
        let old = {
            let mut inner = self.0.borrow_mut();
            match inner.slots.iter().position(|s| s.serial == serial) {
                Some(i) => Some(inner.slots.remove(i)),
                None => None,
            }
        };
        if let Some(old) = old {
            old.worker.terminate();
            if let Ok(slot) = self.spawn() {
                self.0.borrow_mut().slots.push(slot);
            }
        }
    }
}

impl Inner {
    /// Gives worker `w` of `W` the chunks `w, w + W, …` of run `id`.
    fn post_jobs(&self, id: u64, json: &str, chunks: u32, panic_at: Option<u32>) {
        let step = self.slots.len();
        for (w, slot) in self.slots.iter().enumerate() {
            let msg = js_sys::Object::new();
            let set = |k: &str, v: JsValue| {
                let _ = js_sys::Reflect::set(&msg, &k.into(), &v);
            };
            set("run", JsValue::from_f64(id as f64));
            set("scenario", JsValue::from_str(json));
            set("first", JsValue::from_f64(w as f64));
            set("step", JsValue::from_f64(step as f64));
            set("chunks", JsValue::from_f64(f64::from(chunks)));
            if let Some(c) = panic_at {
                set("panicAt", JsValue::from_f64(f64::from(c)));
            }
            let _ = slot.worker.post_message(&msg);
        }
    }

    /// Adds one batch to the current run and queues what to report.
    fn merge(&mut self, bytes: &[u8], events: &mut Events) {
        let Some(run) = self.run.as_mut() else { return };
        let added = wire::decode::<ChunkBatch>(bytes)
            .ok_or_else(|| "a worker's answer could not be read".to_string())
            .and_then(|b| {
                run.acc
                    .add_batch(b)
                    .map_err(|e| format!("a worker's answer does not fit this run: {e:?}"))
            });
        if let Err(message) = added {
            if let Some(r) = self.run.take() {
                events.push((r.sink, RunEvent::Failed(message)));
            }
            return;
        }
        let complete = run.acc.is_complete();
        let now = now_ms();
        run.merged_at = Some(now);
        if let Some(refine) = run.schedule.report(now, complete) {
            events.push((
                run.sink.clone(),
                RunEvent::Progress {
                    result: refine.then(|| Rc::new(run.acc.result())),
                    done: run.acc.trials_done(),
                    total: run.total,
                },
            ));
        }
        if complete {
            if let Some(r) = self.run.take() {
                events.push((r.sink, RunEvent::Finished));
            }
        }
    }
}

/// Sends a new `worker` this page's compiled wasm module as its first message, so that it instantiates the
/// module at once instead of fetching and compiling the wasm again (`js/worker.js`). Where the browser cannot
/// send a module, the worker loads the wasm itself when its first request arrives.
fn send_module(worker: &Worker) {
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"module".into(), &wasm_bindgen::module());
    let _ = worker.post_message(&msg);
}

/// Reports outside any borrow of the pool: a sink may start the next run.
fn emit(events: Events) {
    for (sink, ev) in events {
        sink(ev);
    }
}

/// A worker's state: the current run's [`Simulation`] and the chunks simulated since the last flush.
#[derive(Default)]
pub struct WorkerState {
    run: u64,
    sim: Option<Simulation>,
    batch: ChunkBatch,
}

impl WorkerState {
    /// Simulates chunk `chunk` of run `run` and adds it to the pending batch. A new run id (re)builds the
    /// simulation from `scenario_json` and drops what an older run left pending.
    pub fn step(&mut self, run: u64, scenario_json: &str, chunk: u32) -> Result<(), String> {
        if self.sim.is_none() || self.run != run {
            let scenario = Scenario::from_json(scenario_json).map_err(|e| e.to_string())?;
            self.sim = Some(Simulation::new(&scenario).map_err(|e| e.to_string())?);
            self.run = run;
            self.batch = ChunkBatch::default();
        }
        let Some(sim) = self.sim.as_ref() else {
            return Err("no simulation".into());
        };
        if chunk >= sim.chunk_count() {
            return Err(format!("chunk {chunk} is out of range"));
        }
        self.batch.push(sim.run_chunk(chunk));
        Ok(())
    }

    /// The pending batch in the [`wire`] format (then empty).
    pub fn flush(&mut self) -> Vec<u8> {
        wire::encode(&std::mem::take(&mut self.batch))
    }
}

/// An analysis a worker computes: the request's `kind`. Bottlenecks take one worker; a long Target or
/// Compare (over [`SPLIT_TRIALS`] trials) is split over several, each computing the part of a range of its
/// chunks (see [`crate::sim::AnalysisPart`]), and one of them then makes the report from the parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnalysisKind {
    /// `bottleneck_levers(scenario)` (the run has the baseline); `other` is ignored.
    Bottlenecks,
    /// `target(scenario, query)`; `other` is a [`crate::sim::TargetQuery`] in the [`wire`] format.
    Target,
    /// `compare(a = scenario, b = other)`; `other` is scenario B as JSON (UTF-8).
    Compare,
}

impl AnalysisKind {
    pub fn code(self) -> &'static str {
        match self {
            AnalysisKind::Bottlenecks => "bottlenecks",
            AnalysisKind::Target => "target",
            AnalysisKind::Compare => "compare",
        }
    }
}

/// A Target or Compare over more trials than this is split over up to [`MAX_ANALYSIS_WORKERS`] workers
/// (as many as the pool's size): at 20,000 trials one worker answers in about half a second.
pub const SPLIT_TRIALS: u32 = 20_000;
/// The most workers one analysis takes (each of the three panels has its own).
pub const MAX_ANALYSIS_WORKERS: usize = 4;

/// The ranges of chunks of a split analysis: `chunks` in `workers` runs that differ by at most one chunk
/// (none empty: fewer runs when there are fewer chunks).
pub fn split_chunks(chunks: u32, workers: usize) -> Vec<std::ops::Range<u32>> {
    let w = (workers as u32).clamp(1, chunks.max(1));
    (0..w)
        .map(|i| {
            let at = |i: u32| (u64::from(chunks) * u64::from(i) / u64::from(w)) as u32;
            at(i)..at(i + 1)
        })
        .collect()
}

/// The bytes of a `Uint8Array` (empty for anything else).
fn bytes_of(v: &JsValue) -> Vec<u8> {
    v.dyn_ref::<js_sys::Uint8Array>()
        .map(|a| a.to_vec())
        .unwrap_or_default()
}

/// What a worker computes of an analysis.
pub enum Job<'a> {
    /// The report, from every trial.
    Whole,
    /// The part of these chunks (an [`crate::sim::AnalysisPart`]).
    Part(std::ops::Range<u32>),
    /// The report from the parts (a `Vec<AnalysisPart>` in the [`wire`] format).
    Finish(&'a [u8]),
}

/// The work a worker does for an analysis request: the report (or part) in the [`wire`] format, or the
/// core's error message. `progress` is told the share of the trials (of the part) done.
pub fn analysis(
    kind: &str,
    scenario_json: &str,
    other: &[u8],
    job: Job<'_>,
    progress: crate::sim::Progress<'_>,
) -> Result<Vec<u8>, String> {
    use crate::sim::{
        bottleneck_levers_with_progress, compare_from_parts, compare_part, compare_with_progress,
        target_from_parts, target_part, target_with_progress, AnalysisPart,
    };
    fn report<R: Wire>(r: Result<R, crate::sim::ScenarioError>) -> Result<Vec<u8>, String> {
        r.map(|r| wire::encode(&r)).map_err(|e| e.to_string())
    }
    fn parts(bytes: &[u8]) -> Result<Vec<AnalysisPart>, String> {
        wire::decode(bytes).ok_or_else(|| "the parts of the analysis could not be read".into())
    }
    let s = Scenario::from_json(scenario_json).map_err(|e| e.to_string())?;
    match (kind, job) {
        ("bottlenecks", Job::Whole) => report(bottleneck_levers_with_progress(&s, progress)),
        ("target", job) => {
            let q = wire::decode(other).ok_or("the target query could not be read")?;
            match job {
                Job::Whole => report(target_with_progress(&s, &q, progress)),
                Job::Part(chunks) => report(target_part(&s, &q, chunks, progress)),
                Job::Finish(bytes) => report(target_from_parts(&s, &q, parts(bytes)?)),
            }
        }
        ("compare", job) => {
            let b = std::str::from_utf8(other)
                .map_err(|e| e.to_string())
                .and_then(|b| Scenario::from_json(b).map_err(|e| format!("B: {e}")))?;
            match job {
                Job::Whole => report(compare_with_progress(&s, &b, progress)),
                Job::Part(chunks) => report(compare_part(&s, &b, chunks, progress)),
                Job::Finish(bytes) => report(compare_from_parts(&s, parts(bytes)?)),
            }
        }
        (other, _) => Err(format!("unknown analysis {other:?}")),
    }
}

type AnalysisCallback = Box<dyn FnOnce(Result<Vec<u8>, String>)>;
/// Told the share of a pending analysis' trials done, when it takes long enough to report it.
type ProgressCallback = Rc<dyn Fn(f64)>;
/// A worker with its message and error handlers (kept alive as long as the worker).
type WorkerWithHandlers = (
    Worker,
    Closure<dyn FnMut(MessageEvent)>,
    Closure<dyn FnMut(Event)>,
);
/// An analysis request: its kind, scenario (JSON) and other input.
type Request = (AnalysisKind, String, Vec<u8>);

/// The workers for one kind of analysis, apart from the run pool so that they never wait for each other. A
/// new request replaces a pending one: the busy workers are terminated (that is the cancel) and fresh ones
/// started. Where workers are unavailable, the analysis runs on the main thread after a yield.
#[derive(Clone, Default)]
pub struct AnalysisWorker(Rc<RefCell<AnalysisInner>>);

#[derive(Default)]
struct AnalysisInner {
    workers: Vec<WorkerWithHandlers>,
    next_id: u64,
    pending: Option<Pending>,
    /// The pending request, to compute on the main thread if the worker never starts.
    request: Option<Request>,
    /// A worker has loaded (said `ready`, or answered): a later failure is not the worker script's.
    loaded: bool,
    unavailable: bool,
}

struct Pending {
    id: u64,
    done: AnalysisCallback,
    progress: ProgressCallback,
    /// A split analysis: worker i's part once it is in, its share of the trials, and its share done.
    parts: Vec<Option<Vec<u8>>>,
    weights: Vec<f64>,
    shares: Vec<f64>,
    /// While the parts come in, the request, for worker 0 to make the report from them.
    finish: Option<Request>,
}

impl AnalysisWorker {
    /// Computes `kind` for `scenario_json` (and `other`), then calls `done` once, unless a newer request
    /// replaces this one first. A long one tells `progress` the share of its trials done meanwhile (from
    /// a second on, four times a second; in a worker only).
    pub fn request(
        &self,
        kind: AnalysisKind,
        scenario_json: String,
        other: Vec<u8>,
        done: impl FnOnce(Result<Vec<u8>, String>) + 'static,
        progress: impl Fn(f64) + 'static,
    ) {
        // One copy of the body below, not one per caller's closures.
        self.request_boxed(
            kind,
            scenario_json,
            other,
            Box::new(done),
            Rc::new(progress),
        );
    }

    fn request_boxed(
        &self,
        kind: AnalysisKind,
        scenario_json: String,
        other: Vec<u8>,
        done: AnalysisCallback,
        progress: ProgressCallback,
    ) {
        super::watch_presses();
        let chunks = match kind {
            AnalysisKind::Bottlenecks => None,
            _ => Scenario::from_json(&scenario_json)
                .ok()
                .filter(|s| s.trials > SPLIT_TRIALS)
                .map(|s| s.trials.div_ceil(crate::sim::CHUNK_TRIALS)),
        };
        let want = chunks.map_or(1, |_| default_size().min(MAX_ANALYSIS_WORKERS));
        let id = {
            let mut inner = self.0.borrow_mut();
            inner.next_id += 1;
            if inner.pending.take().is_some() {
                for (w, _, _) in inner.workers.drain(..) {
                    w.terminate();
                }
            }
            inner.pending = Some(Pending {
                id: inner.next_id,
                done,
                progress,
                parts: Vec::new(),
                weights: Vec::new(),
                shares: Vec::new(),
                finish: None,
            });
            inner.request = (!inner.loaded).then(|| (kind, scenario_json.clone(), other.clone()));
            inner.next_id
        };
        let have = if self.0.borrow().unavailable {
            0
        } else {
            self.ensure_workers(want)
        };
        if have == 0 {
            self.run_here(id, kind, scenario_json, other);
            return;
        }
        let ranges = chunks.map_or_else(Vec::new, |n| split_chunks(n, have));
        let mut inner = self.0.borrow_mut();
        if ranges.len() >= 2 {
            if let Some(p) = inner.pending.as_mut() {
                let total = f64::from(chunks.unwrap_or(1));
                p.weights = ranges
                    .iter()
                    .map(|r| f64::from(r.end - r.start) / total)
                    .collect();
                p.parts = vec![None; ranges.len()];
                p.shares = vec![0.0; ranges.len()];
                p.finish = Some((kind, scenario_json.clone(), other.clone()));
            }
            for (r, (w, _, _)) in ranges.iter().zip(&inner.workers) {
                post_analysis(w, id, kind, &scenario_json, &other, |set| {
                    set("from", r.start.into());
                    set("to", r.end.into());
                });
            }
        } else if let Some((w, _, _)) = inner.workers.first() {
            post_analysis(w, id, kind, &scenario_json, &other, |_| {});
        }
    }

    /// Computes request `id` on the main thread, after a yield.
    fn run_here(&self, id: u64, kind: AnalysisKind, scenario_json: String, other: Vec<u8>) {
        let this = self.clone();
        yew::platform::spawn_local(async move {
            gloo::timers::future::TimeoutFuture::new(0).await;
            let result = analysis(kind.code(), &scenario_json, &other, Job::Whole, &mut |_| {});
            this.finish(id, result);
        });
    }

    /// Whether a request is being computed (not dropped, not answered yet).
    pub fn computing(&self) -> bool {
        self.0.borrow().pending.is_some()
    }

    /// Drops the pending request, if any, and terminates the workers computing it, so that an analysis of
    /// inputs that changed stops taking a core from the new run. Returns whether one was pending.
    pub fn cancel(&self) -> bool {
        let mut inner = self.0.borrow_mut();
        let pending = inner.pending.take().is_some();
        if pending {
            for (w, _, _) in inner.workers.drain(..) {
                w.terminate();
            }
        }
        pending
    }

    /// Starts workers up to `n`; returns how many there are (0: none could be made).
    fn ensure_workers(&self, n: usize) -> usize {
        while self.0.borrow().workers.len() < n {
            let index = self.0.borrow().workers.len();
            match self.spawn(index) {
                Some(w) => self.0.borrow_mut().workers.push(w),
                None => {
                    if index == 0 {
                        self.0.borrow_mut().unavailable = true;
                    }
                    break;
                }
            }
        }
        self.0.borrow().workers.len()
    }

    /// A new worker, the `index`-th of this analysis.
    fn spawn(&self, index: usize) -> Option<WorkerWithHandlers> {
        let opts = WorkerOptions::new();
        opts.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(&super::runner::worker_url(), &opts).ok()?;
        let weak = Rc::downgrade(&self.0);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let Some(rc) = weak.upgrade() else { return };
            let data = e.data();
            let get =
                |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
            let Some(id) = get("analysis").as_f64() else {
                if get("ready").is_truthy() {
                    rc.borrow_mut().loaded = true;
                } else if let Some(fatal) = get("fatal").as_string() {
                    AnalysisWorker(rc).fail_all(fatal);
                }
                return;
            };
            if let Some(share) = get("progress").as_f64() {
                // Its first report shows a progress bar, a line more in its panel: after a press too,
                // as an answer.
                let this = AnalysisWorker(rc);
                super::after_press(move || this.progress(index, id as u64, share));
                return;
            }
            let result = match get("error").as_string() {
                Some(err) => Err(err),
                None => Ok(bytes_of(&get("data"))),
            };
            rc.borrow_mut().loaded = true;
            AnalysisWorker(rc).answer(index, id as u64, result);
        });
        let weak = Rc::downgrade(&self.0);
        let on_error = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            e.prevent_default();
            if let Some(rc) = weak.upgrade() {
                AnalysisWorker(rc).fail_all(worker_error_text(&e));
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        send_module(&worker);
        Some((worker, on_message, on_error))
    }

    /// Worker `index`'s answer to request `id`: a part of a split analysis (the last one in sends them all
    /// to worker 0 for the report), or the report.
    fn answer(&self, index: usize, id: u64, result: Result<Vec<u8>, String>) {
        let bytes = match result {
            Ok(bytes) => bytes,
            Err(e) => return self.finish(id, Err(e)),
        };
        let mut inner = self.0.borrow_mut();
        let Some(p) = inner.pending.as_mut().filter(|p| p.id == id) else {
            return;
        };
        if p.finish.is_none() || p.parts.get(index).is_none_or(Option::is_some) {
            drop(inner);
            return self.finish(id, Ok(bytes));
        }
        p.parts[index] = Some(bytes);
        if p.parts.iter().any(Option::is_none) {
            return;
        }
        let Some((kind, json, other)) = p.finish.take() else {
            return;
        };
        let parts: Vec<Vec<u8>> = p.parts.iter_mut().filter_map(Option::take).collect();
        let all = join_parts(&parts);
        if let Some((w, _, _)) = inner.workers.first() {
            post_analysis(w, id, kind, &json, &other, |set| {
                set("parts", js_sys::Uint8Array::from(&all[..]).into());
            });
        }
    }

    /// Tells request `id` the share of its trials done, worker `index`'s part being at `share` (nothing
    /// when a newer request replaced it).
    fn progress(&self, index: usize, id: u64, share: f64) {
        let tell = match self.0.borrow_mut().pending.as_mut() {
            Some(p) if p.id == id => {
                let done = match p.shares.get_mut(index) {
                    Some(s) => {
                        *s = share;
                        p.shares.iter().zip(&p.weights).map(|(s, w)| s * w).sum()
                    }
                    None => share,
                };
                Some((p.progress.clone(), done))
            }
            _ => None,
        };
        if let Some((tell, done)) = tell {
            tell(done);
        }
    }

    /// Answers request `id`, after the press under way if any ([`super::after_press`]): the answer
    /// changes its panel's height. A request made meanwhile (the press was on Compute) drops it.
    fn finish(&self, id: u64, result: Result<Vec<u8>, String>) {
        let this = self.clone();
        super::after_press(move || this.deliver(id, result));
    }

    fn deliver(&self, id: u64, result: Result<Vec<u8>, String>) {
        let cb = {
            let mut inner = self.0.borrow_mut();
            match inner.pending.take() {
                Some(p) if p.id == id => Some(p.done),
                other => {
                    inner.pending = other;
                    None
                }
            }
        };
        if let Some(cb) = cb {
            if result.is_err() {
                // A panic may have broken an instance: start afresh next time.
                for (w, _, _) in self.0.borrow_mut().workers.drain(..) {
                    w.terminate();
                }
            }
            cb(result);
        }
    }

    fn fail_all(&self, message: String) {
        let cb = {
            let mut inner = self.0.borrow_mut();
            for (w, _, _) in inner.workers.drain(..) {
                w.terminate();
            }
            // A worker that never loaded could not start here (its script missing, say): this request
            // and the next ones are computed on the main thread, as where workers cannot be made. (A
            // panic in an analysis comes back as that analysis's error, never here.)
            if !inner.loaded {
                inner.unavailable = true;
                let id = inner.pending.as_ref().map(|p| p.id);
                if let (Some(id), Some((kind, json, other))) = (id, inner.request.take()) {
                    drop(inner);
                    self.run_here(id, kind, json, other);
                    return;
                }
            }
            inner.pending.take()
        };
        if let Some(p) = cb {
            let msg = if message.is_empty() {
                "the analysis worker could not start".to_string()
            } else {
                message
            };
            (p.done)(Err(msg));
        }
    }
}

/// The parts of a split analysis, each in the [`wire`] format, as one `Vec<AnalysisPart>` in it (for
/// [`Job::Finish`]): their count, then each part's bytes.
pub fn join_parts(parts: &[Vec<u8>]) -> Vec<u8> {
    let mut all = Vec::with_capacity(parts.iter().map(Vec::len).sum::<usize>() + 10);
    parts.len().put(&mut all);
    for part in parts {
        all.extend_from_slice(part);
    }
    all
}

/// Posts worker `w` the analysis request `id`, with the fields that `more` sets (its job).
fn post_analysis(
    w: &Worker,
    id: u64,
    kind: AnalysisKind,
    scenario_json: &str,
    other: &[u8],
    more: impl FnOnce(&dyn Fn(&str, JsValue)),
) {
    let msg = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&msg, &k.into(), &v);
    };
    set("analysis", JsValue::from_f64(id as f64));
    set("kind", kind.code().into());
    set("scenario", scenario_json.into());
    set("other", js_sys::Uint8Array::from(other).into());
    more(&set);
    let _ = w.post_message(&msg);
}

#[cfg(test)]
mod tests {
    use super::{chunks_slow, refine_due, ReportSchedule, PUBLISH_MS};

    #[test]
    fn only_chunks_slower_than_100_ms_count_as_slow() {
        // The default scenario on 2 workers: its first batch (a chunk each) after 20 ms; an edit at
        // 120 ms, before the next batch, is not slow (it was, timed to now: 120 ms a chunk).
        assert!(!chunks_slow(1000.0, Some(1020.0), 1120.0, 2, 2));
        // 700 chunks in 10 s on 2 workers: 28 ms each.
        assert!(!chunks_slow(0.0, Some(10_000.0), 10_050.0, 700, 2));
        // Before the first batch: slow once the run has taken over 100 ms.
        assert!(!chunks_slow(0.0, None, 90.0, 0, 2));
        assert!(chunks_slow(0.0, None, 300.0, 0, 2));
        // 20 stages, 520 weeks and 8 segments: a chunk each in 3 s.
        assert!(chunks_slow(0.0, Some(3000.0), 3100.0, 2, 2));
    }

    #[test]
    fn a_long_run_redraws_its_result_ever_less_often() {
        // The first report draws at once; then every PUBLISH_MS for the first second.
        assert!(refine_due(0.0, None, 40.0));
        assert!(!refine_due(0.0, Some(40.0), 40.0 + PUBLISH_MS - 1.0));
        assert!(refine_due(0.0, Some(40.0), 40.0 + PUBLISH_MS));
        // Later, a quarter of the time taken so far.
        assert!(!refine_due(0.0, Some(8_000.0), 9_999.0));
        assert!(refine_due(0.0, Some(8_000.0), 10_700.0));
        // With a report every PUBLISH_MS, a 20-second run draws its charts 13 times, where every report
        // used to draw (80 times): 4 in the first second, then intervals growing by a quarter each
        // (log 20 / log 1.25 ≈ 13.4 more in continuous time, fewer on the reports' 250 ms grid).
        let (mut last, mut draws, mut t) = (None, 0, 60.0);
        while t < 20_000.0 {
            if refine_due(0.0, last, t) {
                last = Some(t);
                draws += 1;
            }
            t += PUBLISH_MS;
        }
        assert_eq!(draws, 13);
        // The schedule that the pool and the runner use: the same draws from batches arriving every 50 ms,
        // with reports at most every PUBLISH_MS, and the final result always.
        let mut schedule = ReportSchedule::new(true, 0.0);
        let (mut reports, mut draws, mut t) = (0, 0, 60.0);
        while t < 20_000.0 {
            if let Some(refine) = schedule.report(t, false) {
                reports += 1;
                draws += usize::from(refine);
            }
            t += 50.0;
        }
        assert_eq!((reports, draws), (80, 13));
        assert_eq!(schedule.report(t, true), Some(true));
        // Without partial results, only the final report carries one.
        let mut counts_only = ReportSchedule::new(false, 0.0);
        assert_eq!(counts_only.report(60.0, false), Some(false));
        assert_eq!(counts_only.report(100.0, false), None);
        assert_eq!(counts_only.report(110.0, true), Some(true));
    }
}
