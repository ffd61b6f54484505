//! Runs a scenario on the main thread in small slices of chunks, yielding to the browser between slices
//! so the page never freezes, publishing partial results as they arrive, and stopping as soon as a newer
//! run or Cancel takes over. (The Web Worker pool replaces this driver in the worker issue.)

use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::future::TimeoutFuture;
use yew::Callback;

use crate::sim::{Accumulator, Scenario, Simulation};

use super::state::Action;

/// Wait after an edit before simulating, so typing "125" runs once, not three times.
pub const DEBOUNCE_MS: u32 = 150;
/// Work per slice before yielding to the browser.
pub const SLICE_MS: f64 = 12.0;
/// Minimum time between two published partial results (the first is published at once).
pub const PUBLISH_MS: f64 = 120.0;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

/// Starts the run of `generation`; it stops by itself when `active` no longer equals `generation`.
pub fn start(
    generation: u64,
    scenario: Rc<Scenario>,
    active: Rc<Cell<u64>>,
    dispatch: Callback<Action>,
) {
    yew::platform::spawn_local(async move {
        if generation > 0 {
            TimeoutFuture::new(DEBOUNCE_MS).await;
        }
        if active.get() != generation {
            return;
        }
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
        let mut last_publish = f64::NEG_INFINITY;
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
            let t = now_ms();
            if next == chunks || t - last_publish >= PUBLISH_MS {
                last_publish = t;
                dispatch.emit(Action::Progress {
                    generation,
                    result: Rc::new(acc.result()),
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
    });
}
