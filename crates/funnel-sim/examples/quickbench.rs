//! Quick engine timing without the web crate: `cargo run --release --example quickbench -p funnel-sim [reps]`.
//! Prints the median base-run and bottleneck times and the golden digest (seed 42, 2000 trials).
//! `QB_SCENARIO=file.json` times that scenario instead of the default one.
use std::time::Instant;

use funnel_sim::{
    bottleneck_levers, bottlenecks, result_digest, run, run_with_chunks_per_call, Scenario,
};

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let reps: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(7);
    let s = match std::env::var("QB_SCENARIO") {
        Ok(path) => {
            let text = std::fs::read_to_string(&path).expect("QB_SCENARIO: a readable file");
            Scenario::from_json(&text).expect("QB_SCENARIO: a valid scenario")
        }
        Err(_) => Scenario::default_five_stage(),
    };
    if let Ok(n) = std::env::var("QB_PROFILE_TRIALS") {
        // One base run only (for callgrind / perf).
        let mut p = s.clone();
        p.trials = n.parse().unwrap_or(2000);
        std::hint::black_box(run(&p).expect("valid"));
        if std::env::var("QB_BOTTLENECKS").is_ok() {
            std::hint::black_box(bottlenecks(&p).expect("valid"));
        }
        return;
    }
    let mut g = s.clone();
    g.trials = 2000;
    let d = result_digest(&run_with_chunks_per_call(&g, 1).expect("valid"));
    println!("golden digest: {d}");
    let mut base = Vec::new();
    let mut bott = Vec::new();
    let mut lev = Vec::new();
    for _ in 0..reps {
        let t = Instant::now();
        std::hint::black_box(run(&s).expect("valid"));
        base.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        std::hint::black_box(bottlenecks(&s).expect("valid"));
        bott.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        std::hint::black_box(bottleneck_levers(&s).expect("valid"));
        lev.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!(
        "base run median {:.1} ms (min {:.1}), bottlenecks median {:.1} ms (min {:.1})",
        median(base.clone()),
        base.iter().cloned().fold(f64::INFINITY, f64::min),
        median(bott.clone()),
        bott.iter().cloned().fold(f64::INFINITY, f64::min)
    );
    println!(
        "bottleneck levers without the simulated baseline (the app's) median {:.1} ms",
        median(lev)
    );
}
