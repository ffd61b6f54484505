//! `cargo bench --bench engine`: base run, bottleneck analysis and a 1,000,000-trial run of the
//! default scenario. Prints trial-periods/s and binomial draws/s (draws counted analytically:
//! per trial, model, period, stage and segment one entry draw, plus one advance draw for stages
//! with a delay, for the funnel and again for the flywheel's extra layer (upper bound: extra
//! layer draws with n = 0 are skipped); flywheel churn/split and Poisson draws not counted).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use funnel_lab::sim::{bottlenecks, run, Scenario};

fn binomial_draws(s: &Scenario) -> u64 {
    let per_period: u64 = s
        .stages
        .iter()
        .map(|st| if st.delay == 0.0 { 1 } else { 2 })
        .sum::<u64>()
        * s.segments.len().max(1) as u64;
    per_period * u64::from(s.periods) * 2 * u64::from(s.trials)
}

fn report(label: &str, s: &Scenario, f: impl Fn()) {
    let t = Instant::now();
    f();
    let dt = t.elapsed().as_secs_f64();
    let tp = f64::from(s.trials) * f64::from(s.periods);
    eprintln!(
        "{label}: {:.1} ms, {:.2e} trial-periods/s (per model), {:.2e} binomial draws/s",
        dt * 1e3,
        tp / dt,
        binomial_draws(s) as f64 / dt
    );
}

fn benches(c: &mut Criterion) {
    let s = Scenario::default_five_stage();
    report("base run (10k trials, funnel + flywheel)", &s, || {
        black_box(run(&s).unwrap());
    });
    report("bottleneck analysis (10k trials)", &s, || {
        black_box(bottlenecks(&s).unwrap());
    });
    let mut big = s.clone();
    big.trials = 1_000_000;
    report("1M-trial run", &big, || {
        black_box(run(&big).unwrap());
    });

    let mut g = c.benchmark_group("engine");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("default_base_run_10k", |b| {
        b.iter(|| black_box(run(&s).unwrap()))
    });
    g.bench_function("default_bottlenecks_10k", |b| {
        b.iter(|| black_box(bottlenecks(&s).unwrap()))
    });
    g.finish();
    // Ten samples of a 1M-trial run take ~10 minutes on a 2-core machine, so the criterion
    // measurement is opt-in (FUNNEL_LAB_BENCH_1M=1); the one-shot figure above always runs.
    if std::env::var("FUNNEL_LAB_BENCH_1M").as_deref() == Ok("1") {
        let mut g = c.benchmark_group("engine_1m");
        g.sample_size(10).measurement_time(Duration::from_secs(1));
        g.bench_function("default_run_1m", |b| {
            b.iter(|| black_box(run(&big).unwrap()))
        });
        g.finish();
    }
}

criterion_group!(engine, benches);
criterion_main!(engine);
