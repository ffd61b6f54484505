//! The browser entry point. The same wasm module serves three roles:
//!
//! * in the page (`index.html`): defines `window.FunnelLab`, mounts the Yew app into `<main id="app">` and
//!   starts the simulation workers;
//! * in a host page that loads `funnel-lab.js` (which sets `FUNNEL_LAB_API_ONLY`): only `window.FunnelLab`;
//! * in a Web Worker (`worker.js`): nothing at start; the worker calls [`worker_step`] and [`worker_flush`].
//!
//! One module instead of separate app and worker binaries keeps the download within the size budget: the
//! worker reuses the cached wasm file instead of fetching a second engine.

use std::cell::RefCell;

use funnel_lab::ui::pool::WorkerState;
use funnel_lab::ui::{initial_lang, App, AppProps};
use wasm_bindgen::prelude::*;

thread_local! {
    static WORKER: RefCell<WorkerState> = RefCell::new(WorkerState::default());
}

/// Worker side: simulates chunk `chunk` of run `run` into the pending batch. With `panic` set it panics on
/// purpose (the test-only hook that proves a worker panic is reported and survived).
#[wasm_bindgen]
pub fn worker_step(run: f64, scenario: &str, chunk: u32, panic: bool) -> Result<(), JsValue> {
    if panic {
        panic!("test-only panic requested in chunk {chunk}");
    }
    WORKER.with(|w| {
        w.borrow_mut()
            .step(run as u64, scenario, chunk)
            .map_err(|e| JsValue::from_str(&e))
    })
}

/// Worker side: the chunks simulated since the last call, as one batch (binary, see `funnel_sim::wire`).
#[wasm_bindgen]
pub fn worker_flush() -> Vec<u8> {
    WORKER.with(|w| w.borrow_mut().flush())
}

/// Worker side: one analysis ("bottlenecks", "target", "compare"), its report binary (`funnel_sim::wire`):
/// the whole of it; given `from` and `to`, the part of those chunks; given `parts`, the report from them
/// (see `funnel_lab::ui::pool::Job`). `progress` is called with the share of trials done after each chunk.
#[wasm_bindgen]
pub fn worker_analysis(
    kind: &str,
    scenario: &str,
    other: &[u8],
    from: Option<u32>,
    to: Option<u32>,
    parts: Option<Vec<u8>>,
    progress: &js_sys::Function,
) -> Result<Vec<u8>, JsValue> {
    use funnel_lab::ui::pool::{analysis, Job};
    let mut tell = |f: f64| {
        let _ = progress.call1(&JsValue::NULL, &JsValue::from_f64(f));
    };
    let job = match (&parts, from, to) {
        (Some(parts), _, _) => Job::Finish(parts),
        (None, Some(from), Some(to)) => Job::Part(from..to),
        _ => Job::Whole,
    };
    analysis(kind, scenario, other, job, &mut tell).map_err(|e| JsValue::from_str(&e))
}

fn main() {
    funnel_lab::ui::panic::install_panic_hook();
    let Some(window) = web_sys::window() else {
        return; // a worker: requests arrive through worker_step / worker_flush
    };
    funnel_lab::ui::api::install();
    let api_only = js_sys::Reflect::get(&window, &"FUNNEL_LAB_API_ONLY".into())
        .map(|v| v.is_truthy())
        .unwrap_or(false);
    if api_only {
        return;
    }
    let query = window.location().search().unwrap_or_default();
    let browser = window.navigator().language();
    let embed = funnel_lab::ui::embed_options(&query);
    // A visitor's language choice is the app's, not an embed's (its page sets ?lang=).
    let chosen = (!embed.on)
        .then(|| funnel_lab::ui::storage::load(funnel_lab::ui::storage::LANG_KEY))
        .flatten();
    let props = AppProps {
        lang: initial_lang(&query, chosen.as_deref(), browser.as_deref()),
        embed,
    };
    funnel_lab::ui::warm_up_workers();
    let root = window.document().and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            root.set_inner_html("");
            yew::Renderer::<App>::with_root_and_props(root, props).render();
        }
        None => {
            yew::Renderer::<App>::with_props(props).render();
        }
    }
}
