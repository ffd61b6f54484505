#![cfg(not(target_arch = "wasm32"))]
//! Bit-identity golden test. The digest in `tests/golden/default_seed42_2000.digest` is
//! FNV-1a 64 of the compact serde_json serialisation of the RunResult of
//! `Scenario::default_five_stage()` with seed 42 and 2000 trials. The wasm test in
//! `tests/web.rs` checks the same file. Regenerate with `UPDATE_GOLDEN=1 cargo test --test sim_golden`
//! (only after an intentional change to the engine or the result format).

use funnel_lab::sim::{result_digest, run_with_chunks_per_call, Scenario};

const GOLDEN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/golden/default_seed42_2000.digest"
);

fn scenario() -> Scenario {
    let mut s = Scenario::default_five_stage();
    s.seed = 42;
    s.trials = 2000;
    s
}

#[test]
fn default_scenario_digest_is_stable_across_chunking() {
    let s = scenario();
    let digests: Vec<u64> = [1, 3, 7]
        .iter()
        .map(|&k| result_digest(&run_with_chunks_per_call(&s, k).unwrap()))
        .collect();
    assert!(digests.iter().all(|&d| d == digests[0]), "{digests:?}");
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::write(GOLDEN, format!("{}\n", digests[0])).unwrap();
    }
    let want: u64 = std::fs::read_to_string(GOLDEN)
        .expect("golden file (run with UPDATE_GOLDEN=1 to create)")
        .trim()
        .parse()
        .unwrap();
    assert_eq!(
        digests[0], want,
        "digest changed; if intended, rerun with UPDATE_GOLDEN=1"
    );
}
