//! The JavaScript API for host pages and benchmarks: `window.FunnelLab` (documented in `docs/js-api.md`).
//!
//! ```js
//! const json = await FunnelLab.simulate(scenarioJson, { workers: 2, onProgress: (done, total) => {} });
//! ```
//!
//! Options that are given must be whole numbers in their ranges (`workers` 1 to 8, `trials` 1 to 1,000,000,
//! `seed` 0 to 2^53 - 1); anything else rejects with a message that says so.
//!
//! `simulate` runs in the same worker pool code as the app and resolves with the result JSON the command-line
//! tool prints. Pools are kept per size; a new call on a pool of the same size cancels the previous call, whose
//! promise rejects with "cancelled". Where no worker can start, the run happens on the page's thread and
//! `onFallback(reason)` says so. `FunnelLab.terminate()` ends every worker (and any run in them); the next
//! call starts new ones.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::sim::{self, Scenario};

use super::pool::{self, Pool, RunEvent};

thread_local! {
    /// The pools by size, in ascending order of size (a sorted `Vec`: a `BTreeMap` linked its B-tree code
    /// into the wasm for at most a handful of entries).
    static POOLS: RefCell<Vec<(usize, Pool)>> = const { RefCell::new(Vec::new()) };
}

/// The app's version, as `FunnelLab.version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

fn error(message: &str) -> JsValue {
    js_sys::Error::new(message).into()
}

fn option(options: &JsValue, key: &str) -> JsValue {
    if options.is_object() {
        js_sys::Reflect::get(options, &key.into()).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

/// `options[key]` as a whole number in `lo..=hi`: `None` when it is not given (`undefined` or `null`), and
/// the error "`key` must be a whole number from `range`" when it is anything else (another type, a
/// fraction, out of range).
fn whole_option(
    options: &JsValue,
    key: &str,
    lo: f64,
    hi: f64,
    range: &str,
) -> Result<Option<f64>, String> {
    let v = option(options, key);
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    match v.as_f64() {
        Some(n) if n.fract() == 0.0 && (lo..=hi).contains(&n) => Ok(Some(n)),
        _ => Err(format!("{key} must be a whole number from {range}")),
    }
}

// The ranges as the error messages write them.
const _: () = assert!(sim::MAX_TRIALS == 1_000_000 && pool::MAX_WORKERS == 8);
const MAX_SEED: f64 = 9_007_199_254_740_991.0; // 2^53 - 1: the largest whole number a JS number holds exactly

/// Reads the scenario and the overrides in `options` (`trials`, `seed`), validated by the core.
fn scenario_from(json: &str, options: &JsValue) -> Result<Scenario, String> {
    let mut s = Scenario::from_json(json).map_err(|e| e.to_string())?;
    if let Some(t) = whole_option(
        options,
        "trials",
        1.0,
        f64::from(sim::MAX_TRIALS),
        "1 to 1,000,000",
    )? {
        s.trials = t as u32;
    }
    if let Some(v) = whole_option(options, "seed", 0.0, MAX_SEED, "0 to 9,007,199,254,740,991")? {
        s.seed = v as u64;
    }
    s.validate().map_err(|e| e.to_string())?;
    Ok(s)
}

fn pool_of(size: usize) -> Result<Pool, String> {
    POOLS.with(|p| {
        let at = {
            let pools = p.borrow();
            let at = pools.partition_point(|(s, _)| *s < size);
            if let Some((_, pool)) = pools.get(at).filter(|(s, _)| *s == size) {
                return Ok(pool.clone());
            }
            at
        };
        let pool = Pool::new(&super::runner::worker_url(), size)?;
        p.borrow_mut().insert(at, (size, pool.clone()));
        Ok(pool)
    })
}

/// The outcome of a call to one of the host's callbacks: an exception thrown there does not stop the run,
/// and is reported as the page's own uncaught errors are (`reportError`: the console and the window's
/// `error` event), so that the host's developer sees their bug.
fn host_call(r: Result<JsValue, JsValue>) {
    if let Err(e) = r {
        if let Ok(f) = js_sys::Reflect::get(&js_sys::global(), &"reportError".into())
            .and_then(|f| f.dyn_into::<js_sys::Function>())
        {
            let _ = f.call1(&JsValue::NULL, &e);
        }
    }
}

/// `FunnelLab.simulate(scenarioJson, options) -> Promise<string>`.
pub fn simulate(json: JsValue, options: JsValue) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, reject| {
        // A string only: an object (a parsed scenario) or a number is refused with a message, before
        // wasm-bindgen's string conversion would read it as one.
        let Some(json) = json.as_string() else {
            let e = js_sys::TypeError::new(
                "the scenario must be a JSON string (JSON.stringify an object first)",
            );
            let _ = reject.call1(&JsValue::NULL, &e);
            return;
        };
        let workers = whole_option(&options, "workers", 1.0, pool::MAX_WORKERS as f64, "1 to 8");
        let (scenario, workers) =
            match scenario_from(&json, &options).and_then(|s| Ok((s, workers?))) {
                Ok(ok) => ok,
                Err(e) => {
                    let _ = reject.call1(&JsValue::NULL, &error(&e));
                    return;
                }
            };
        let size = workers.map_or_else(pool::default_size, |w| w as usize);
        let on_progress = option(&options, "onProgress")
            .dyn_into::<js_sys::Function>()
            .ok();
        let on_fallback = option(&options, "onFallback")
            .dyn_into::<js_sys::Function>()
            .ok();
        let fell_back = move |reason: &str| {
            if let Some(f) = &on_fallback {
                host_call(f.call1(&JsValue::NULL, &JsValue::from_str(reason)));
            }
        };
        let panic_at = option(&options, "testPanicAtChunk")
            .as_f64()
            .map(|c| c as u32);
        // On this thread (no workers): one progress call, (total, total), before the promise resolves,
        // so that a host's progress bar ends as it does after a run in workers.
        let progress_here = on_progress.clone();
        let run_here = move |scenario: &Scenario| match sim::run(scenario) {
            Ok(r) => {
                let text = serde_json::to_string(&r).map_err(|e| e.to_string())?;
                if let Some(f) = &progress_here {
                    let n = JsValue::from_f64(scenario.trials as f64);
                    host_call(f.call2(&JsValue::NULL, &n, &n));
                }
                Ok(text)
            }
            Err(e) => Err(e.to_string()),
        };
        let pool = match pool_of(size) {
            Ok(pool) => pool,
            Err(reason) => {
                // No workers here (e.g. a sandboxed iframe): compute on this thread.
                fell_back(&reason);
                match run_here(&scenario) {
                    Ok(text) => drop(resolve.call1(&JsValue::NULL, &text.into())),
                    Err(e) => drop(reject.call1(&JsValue::NULL, &error(&e))),
                }
                return;
            }
        };
        let latest = Rc::new(RefCell::new(None));
        let fallback = scenario.clone();
        let sink = Rc::new(move |ev: RunEvent| match ev {
            RunEvent::Progress {
                result,
                done,
                total,
            } => {
                if let Some(f) = &on_progress {
                    host_call(f.call2(
                        &JsValue::NULL,
                        &JsValue::from_f64(done as f64),
                        &JsValue::from_f64(total as f64),
                    ));
                }
                if result.is_some() {
                    *latest.borrow_mut() = result;
                }
            }
            RunEvent::Finished => {
                let text = latest
                    .borrow()
                    .as_ref()
                    .map(|r| serde_json::to_string(&**r).map_err(|e| e.to_string()));
                match text {
                    Some(Ok(text)) => drop(resolve.call1(&JsValue::NULL, &text.into())),
                    Some(Err(e)) => drop(reject.call1(&JsValue::NULL, &error(&e))),
                    None => drop(reject.call1(&JsValue::NULL, &error("no result"))),
                }
            }
            RunEvent::Failed(message) => drop(reject.call1(&JsValue::NULL, &error(&message))),
            RunEvent::Cancelled => drop(reject.call1(&JsValue::NULL, &error("cancelled"))),
            RunEvent::Unavailable => {
                fell_back("the simulation workers could not start here");
                match run_here(&fallback) {
                    Ok(text) => drop(resolve.call1(&JsValue::NULL, &text.into())),
                    Err(e) => drop(reject.call1(&JsValue::NULL, &error(&e))),
                }
            }
        });
        // Only the final result is returned: progress reports need no result so far.
        pool.start(&scenario, false, panic_at, sink);
    })
}

/// `FunnelLab.terminate()`: ends every API worker and any run in them (their promises reject with
/// "cancelled"); the next `simulate` starts new workers.
fn terminate() {
    let pools = POOLS.with(|p| std::mem::take(&mut *p.borrow_mut()));
    for (_, pool) in &pools {
        pool.terminate();
    }
}

/// Defines `window.FunnelLab`: `{ version, defaultWorkers, simulate, defaultScenario, terminate }`.
pub fn install() {
    let api = js_sys::Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = js_sys::Reflect::set(&api, &k.into(), v);
    };
    set("version", &VERSION.into());
    set(
        "defaultWorkers",
        &JsValue::from_f64(pool::default_size() as f64),
    );
    let f = Closure::<dyn Fn(JsValue, JsValue) -> js_sys::Promise>::new(simulate);
    set("simulate", &f.into_js_value());
    let d = Closure::<dyn Fn() -> String>::new(|| Scenario::default_five_stage().to_json());
    set("defaultScenario", &d.into_js_value());
    let t = Closure::<dyn Fn()>::new(terminate);
    set("terminate", &t.into_js_value());
    let _ = js_sys::Reflect::set(&js_sys::global(), &"FunnelLab".into(), &api);
}
