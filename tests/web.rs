//! wasm-bindgen tests that run in headless Chromium (scripts/test.sh, layer 2).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets Yew's scheduler render after a mount or an event.
async fn settle() {
    gloo::timers::future::TimeoutFuture::new(20).await;
}

#[wasm_bindgen_test]
async fn app_mounts_and_reacts_to_a_click() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let props = funnel_lab::ui::AppProps {
        lang: funnel_lab::ui::i18n::Lang::En,
        embed: Default::default(),
    };
    yew::Renderer::<funnel_lab::ui::App>::with_root_and_props(root.clone(), props).render();
    settle().await;

    let text = root.text_content().unwrap();
    for stage in [
        "Awareness",
        "Interest",
        "Evaluation",
        "Decision",
        "Purchase",
    ] {
        assert!(text.contains(stage), "{stage} missing in {text}");
    }
    let seed = || {
        let input: web_sys::HtmlInputElement = document
            .get_element_by_id("seed")
            .unwrap()
            .dyn_into()
            .unwrap();
        input.value()
    };
    assert_eq!(seed(), "42");
    let button: web_sys::HtmlElement = document
        .get_element_by_id("run")
        .unwrap()
        .dyn_into()
        .unwrap();
    button.click();
    settle().await;
    assert_eq!(seed(), "43", "Run did not draw the next seed");
    // The run (on the main thread, in slices) ends with a summary in the status line.
    let status = || {
        document
            .get_element_by_id("status")
            .unwrap()
            .text_content()
            .unwrap()
    };
    for _ in 0..600 {
        if status().contains("Median customers won") {
            break;
        }
        gloo::timers::future::TimeoutFuture::new(50).await;
    }
    assert!(
        status().contains("Median customers won after 24 months"),
        "status: {}",
        status()
    );
}

/// The same seed gives bit-identical results in wasm and natively: the digest of the default scenario
/// (seed 42, 2000 trials) must equal the one the native test `sim_golden` checks, for 1, 3 and 7 chunks
/// per call.
#[wasm_bindgen_test]
fn core_results_are_bit_identical_to_native() {
    use funnel_lab::sim::{result_digest, run_with_chunks_per_call, Scenario};
    let want: u64 = include_str!("golden/default_seed42_2000.digest")
        .trim()
        .parse()
        .unwrap();
    let mut s = Scenario::default_five_stage();
    s.seed = 42;
    s.trials = 2000;
    for chunks_per_call in [1, 3, 7] {
        let got = result_digest(&run_with_chunks_per_call(&s, chunks_per_call).unwrap());
        assert_eq!(
            got, want,
            "wasm digest differs from native with {chunks_per_call} chunks per call"
        );
    }
}

/// In the browser, typed numbers are parsed by JavaScript's `parseFloat` after a syntax check (it spares the
/// wasm core's decimal-to-float tables); it must round exactly as Rust's parser does natively.
#[wasm_bindgen_test]
fn typed_numbers_parse_exactly_as_natively() {
    use funnel_lab::ui::form::parse_number;
    for s in [
        "0.1",
        "0.30000000000000004",
        "9007199254740993",
        "2.2250738585072011e-308",
        "4.9e-324",
        "1.7976931348623157e308",
        "0.1234567890123456789012345678901234567890",
        "123456789012345678901234567890",
        "-7.5e-3",
        "5.",
        "+.25",
    ] {
        let want: f64 = s.parse().unwrap();
        assert_eq!(
            parse_number(s).map(f64::to_bits),
            Some(want.to_bits()),
            "{s}"
        );
    }
    for bad in ["0x10", "Infinity", "1e400", "1e", "", "1.2.3"] {
        assert_eq!(parse_number(bad), None, "{bad}");
    }
}

/// Whole-number values spanning more than 2³² grid steps (a runaway flywheel's revenue) bin without
/// overflowing wasm32's 32-bit usize (it panicked with a division by zero).
#[wasm_bindgen_test]
fn histogram_of_a_huge_whole_number_range_in_wasm() {
    let big = 30.0 * 1_099_511_627_776.0;
    let h = funnel_lab::sim::Histogram::from_weighted(&[(0.0, 1), (1.0, 1), (big - 1.0, 1)]);
    assert_eq!((h.counts.len(), h.counts[0], h.counts[29]), (30, 2, 1));
}
