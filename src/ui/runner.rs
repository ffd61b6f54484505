//! Drives the app's runs: in the Web Worker pool ([`super::pool`]) when the browser allows it, else on the
//! main thread in small slices of chunks that yield to the browser between slices, so the page never freezes.
//! Both publish partial results as they arrive and stop as soon as a newer run or Cancel takes over.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsValue;
use yew::Callback;

use crate::sim::{Accumulator, RunResult, Scenario, Simulation};

use super::pool::{self, now_ms, Pool, ReportSchedule, RunEvent};
use super::state::Action;

/// Test-only hook: a number stored in this global makes the next run's worker panic in that chunk (then
/// the global is cleared). The e2e suite uses it to prove that a worker panic fails the run with a message
/// and that the next run works.
pub const TEST_PANIC_GLOBAL: &str = "__funnelLabTestPanicAtChunk";

thread_local! {
    /// When the latest run started (`performance.now()`), for the time it has left.
    static STARTED: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
    /// When the latest run's first trials were reported, and how many: its pace is counted from there.
    static FIRST: std::cell::Cell<Option<(f64, u64)>> = const { std::cell::Cell::new(None) };
    /// `None` until first used; then the pool, or `Some(None)` when workers are unavailable here.
    static UI_POOL: RefCell<Option<Option<Pool>>> = const { RefCell::new(None) };
}

/// The time the latest run has left, in ms (a 1,000,000-trial run with eight segments and 120 periods
/// took 14 minutes on two cores, with only a count of trials to go by): see [`pace_left_ms`]. `done`
/// as the latest report says, read at each render of the status line.
pub fn time_left_ms(done: u64, total: u64) -> Option<f64> {
    if !cfg!(target_arch = "wasm32") || done == 0 {
        return None;
    }
    let now = pool::now_ms();
    let (t0, d0) = FIRST.with(|f| {
        let first = f.get().unwrap_or((now, done));
        f.set(Some(first));
        first
    });
    let elapsed = now - STARTED.with(|t| t.get());
    pace_left_ms(elapsed, now - t0, done - d0, total.saturating_sub(done))
}

/// The time left for `remaining` trials at the pace since the run's first report: `done_since` trials
/// in `since` ms. Not from the run's start: that includes the workers' start, which on a slow phone
/// took seconds and made a 300,000-trial run say "about 4 min left" with 14 s to go. Said once the
/// run has gone on for 3 s (`elapsed`) and reported for 1 s.
pub fn pace_left_ms(elapsed: f64, since: f64, done_since: u64, remaining: u64) -> Option<f64> {
    (elapsed >= 3000.0 && since >= 1000.0 && done_since > 0)
        .then(|| since * remaining as f64 / done_since as f64)
}

/// Where the worker script is: next to the app's JS (`FUNNEL_LAB_BASE`, set by `js/funnel-lab.js`), else
/// relative to the document's base URL (trunk's public URL).
pub fn worker_url() -> String {
    let base = js_sys::Reflect::get(&js_sys::global(), &"FUNNEL_LAB_BASE".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    format!("{base}worker.js")
}

fn ui_pool() -> Option<Pool> {
    UI_POOL.with(|p| {
        let mut p = p.borrow_mut();
        p.get_or_insert_with(|| match Pool::new(&worker_url(), pool::default_size()) {
            Ok(pool) => Some(pool),
            Err(e) => {
                web_sys::console::warn_1(
                    &format!("Funnel Lab: no Web Workers ({e}); simulating on the main thread")
                        .into(),
                );
                None
            }
        })
        .clone()
    })
}

fn mark_pool_unavailable() {
    UI_POOL.with(|p| *p.borrow_mut() = Some(None));
}

/// Starts the workers before the first run needs them (their wasm loads in parallel with the page).
pub fn warm_up() {
    let _ = ui_pool();
}

/// Stops the current run in the pool (the main-thread runner stops through `active`).
pub fn cancel() -> Option<Rc<RunResult>> {
    match UI_POOL.with(|p| p.borrow().clone()) {
        Some(Some(pool)) => pool.cancel_keeping(),
        _ => None,
    }
}

fn take_test_panic() -> Option<u32> {
    let g = js_sys::global();
    let v = js_sys::Reflect::get(&g, &TEST_PANIC_GLOBAL.into()).ok()?;
    let chunk = v.as_f64()?;
    let _ = js_sys::Reflect::set(&g, &TEST_PANIC_GLOBAL.into(), &JsValue::UNDEFINED);
    Some(chunk as u32)
}

/// Wait after an edit before simulating, so typing "125" runs once, not three times.
pub const DEBOUNCE_MS: u32 = 150;
/// Work per slice before yielding to the browser.
pub const SLICE_MS: f64 = 12.0;

/// Starts the run of `generation`, after [`DEBOUNCE_MS`] when `debounce` (typed input) and at once
/// otherwise; it stops by itself when `active` no longer equals `generation`. A typed edit's run
/// waits while `held` (the inputs have a problem): "150" typed into a rate key by key ran 15%, valid
/// for a moment, when the "0" came within the pause, and showed its results as the earlier inputs'.
pub fn start(
    generation: u64,
    debounce: bool,
    scenario: Rc<Scenario>,
    active: Rc<Cell<u64>>,
    held: Rc<Cell<bool>>,
    dispatch: Callback<Action>,
) {
    // Free the workers at once; a typed edit's run starts after the debounce.
    cancel();
    yew::platform::spawn_local(async move {
        if debounce {
            TimeoutFuture::new(DEBOUNCE_MS).await;
            // Until fixed: to other inputs (a new generation, which ends this one) or back to these.
            while held.get() && active.get() == generation {
                TimeoutFuture::new(DEBOUNCE_MS).await;
            }
        }
        if active.get() != generation {
            return;
        }
        STARTED.with(|t| t.set(pool::now_ms()));
        FIRST.with(|f| f.set(None));
        match ui_pool() {
            Some(pool) => start_in_pool(&pool, generation, scenario, active, dispatch),
            None => main_thread(generation, scenario, active, dispatch).await,
        }
    });
}

fn start_in_pool(
    pool: &Pool,
    generation: u64,
    scenario: Rc<Scenario>,
    active: Rc<Cell<u64>>,
    dispatch: Callback<Action>,
) {
    let fallback = scenario.clone();
    let sink = Rc::new(move |ev: RunEvent| {
        if active.get() != generation {
            return;
        }
        match ev {
            RunEvent::Progress {
                result,
                done,
                total,
            } => dispatch.emit(Action::Progress {
                generation,
                result,
                done,
                total,
            }),
            RunEvent::Finished => dispatch.emit(Action::Finished { generation }),
            RunEvent::Failed(message) => dispatch.emit(Action::Failed {
                generation,
                message,
            }),
            RunEvent::Cancelled => {}
            RunEvent::Unavailable => {
                mark_pool_unavailable();
                let (scenario, active, dispatch) =
                    (fallback.clone(), active.clone(), dispatch.clone());
                yew::platform::spawn_local(main_thread(generation, scenario, active, dispatch));
            }
        }
    });
    pool.start(&scenario, true, take_test_panic(), sink);
}

/// The main-thread runner: slices of chunks of at most [`SLICE_MS`], yielding to the browser in between.
async fn main_thread(
    generation: u64,
    scenario: Rc<Scenario>,
    active: Rc<Cell<u64>>,
    dispatch: Callback<Action>,
) {
    {
        let sim = match Simulation::new(&scenario) {
            Ok(sim) => sim,
            Err(e) => {
                dispatch.emit(Action::Failed {
                    generation,
                    message: e.to_string(),
                });
                return;
            }
        };
        let mut acc = Accumulator::new(&sim);
        let chunks = sim.chunk_count();
        let total = u64::from(scenario.trials);
        let mut next = 0u32;
        let mut schedule = ReportSchedule::new(true, now_ms());
        while next < chunks {
            let slice_start = now_ms();
            loop {
                let chunk = sim.run_chunk(next);
                if let Err(e) = acc.add(next, chunk) {
                    dispatch.emit(Action::Failed {
                        generation,
                        message: format!("{e:?}"),
                    });
                    return;
                }
                next += 1;
                if next == chunks || now_ms() - slice_start >= SLICE_MS {
                    break;
                }
            }
            if active.get() != generation {
                return;
            }
            if let Some(refine) = schedule.report(now_ms(), next == chunks) {
                dispatch.emit(Action::Progress {
                    generation,
                    result: refine.then(|| Rc::new(acc.result())),
                    done: acc.trials_done(),
                    total,
                });
            }
            TimeoutFuture::new(0).await;
            if active.get() != generation {
                return;
            }
        }
        dispatch.emit(Action::Finished { generation });
    }
}

#[cfg(test)]
mod tests {
    use super::pace_left_ms;

    #[test]
    fn the_time_left_goes_by_the_pace_since_the_first_report() {
        // Not before the run has gone on for 3 s and reported for 1 s.
        assert_eq!(pace_left_ms(2_999.0, 2_000.0, 10, 100), None);
        assert_eq!(pace_left_ms(5_000.0, 999.0, 10, 100), None);
        assert_eq!(pace_left_ms(5_000.0, 2_000.0, 0, 100), None);
        // 20,000 trials in the 2 s since the first report: 280,000 more take 28 s, however long the
        // workers took to start (the 3 s before that report count for nothing).
        assert_eq!(
            pace_left_ms(5_000.0, 2_000.0, 20_000, 280_000),
            Some(28_000.0)
        );
        assert_eq!(pace_left_ms(60_000.0, 2_000.0, 20_000, 0), Some(0.0));
    }
}
