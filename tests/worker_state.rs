#![cfg(not(target_arch = "wasm32"))]
//! The worker's side of the pool protocol, natively: strided steps and flushes give batches that merge
//! into exactly the plain run; a new run id drops what an older run left pending; bad requests are errors.

use funnel_lab::sim::wire::{decode, encode};
use funnel_lab::sim::{result_digest, run, Accumulator, ChunkBatch, Scenario, Simulation};
use funnel_lab::ui::pool::WorkerState;

#[test]
fn two_workers_with_flushes_reproduce_the_plain_run() {
    let mut s = Scenario::default_five_stage();
    s.trials = 3_300;
    s.periods = 8;
    let json = s.to_json();
    let sim = Simulation::new(&s).unwrap();
    let mut acc = Accumulator::new(&sim);
    let n = sim.chunk_count();
    for w in 0..2u32 {
        let mut worker = WorkerState::default();
        // An older run left a chunk pending: the new run id must drop it.
        worker.step(1, &json, 0).unwrap();
        for (i, c) in (w..n).step_by(2).enumerate() {
            worker.step(7, &json, c).unwrap();
            if i % 2 == 0 {
                let b: ChunkBatch = decode(&worker.flush()).unwrap();
                acc.add_batch(b).unwrap();
            }
        }
        let rest: ChunkBatch = decode(&worker.flush()).unwrap();
        if !rest.is_empty() {
            acc.add_batch(rest).unwrap();
        }
    }
    assert!(acc.is_complete());
    assert_eq!(
        result_digest(&acc.result()),
        result_digest(&run(&s).unwrap())
    );
}

#[test]
fn bad_requests_are_errors_not_panics() {
    let mut worker = WorkerState::default();
    assert!(worker.step(1, "{not json", 0).is_err());
    let json = Scenario::default_five_stage().to_json();
    let err = worker.step(2, &json, 10_000).unwrap_err();
    assert!(err.contains("out of range"), "{err}");
    let mut bad = Scenario::default_five_stage();
    bad.trials = 0;
    assert!(worker.step(3, &bad.to_json(), 0).is_err());
    let empty: ChunkBatch = decode(&worker.flush()).unwrap();
    assert!(empty.is_empty());
}

#[test]
fn analyses_run_from_their_requests_and_report_errors() {
    use funnel_lab::sim::{
        BottleneckReport, ComparisonReport, Model, TargetMetric, TargetQuery, TargetReport,
    };
    use funnel_lab::ui::analyses::median_first_period;
    use funnel_lab::ui::pool::analysis;
    let mut s = Scenario::default_five_stage();
    s.trials = 400;
    s.periods = 6;
    let a = s.to_json();
    let b: BottleneckReport =
        decode(&analysis("bottlenecks", &a, b"", &mut |_| {}).unwrap()).unwrap();
    assert_eq!(b.levers.len(), 5);
    let q = encode(&TargetQuery {
        metric: TargetMetric::CumulativeCustomers,
        model: Model::Funnel,
        value: 0.0,
        by_period: 5,
    });
    let t: TargetReport = decode(&analysis("target", &a, &q, &mut |_| {}).unwrap()).unwrap();
    // A target of 0 is reached at once in every trial.
    assert_eq!(t.probability, 1.0);
    assert_eq!(median_first_period(&t), Some(0));
    let c: ComparisonReport =
        decode(&analysis("compare", &a, a.as_bytes(), &mut |_| {}).unwrap()).unwrap();
    // A against itself with common random numbers: never different.
    assert_eq!(c.funnel_customers.probability_b_greater, 0.0);
    assert_eq!(c.funnel_customers.probability_equal, 1.0);
    assert!(analysis("target", &a, b"{}", &mut |_| {}).is_err());
    assert!(analysis("target", &a, &q[..q.len() - 1], &mut |_| {}).is_err());
    assert!(analysis("compare", &a, b"{", &mut |_| {})
        .unwrap_err()
        .starts_with("B: "));
    assert!(analysis("nonsense", &a, b"", &mut |_| {}).is_err());
    let late = encode(&TargetQuery {
        metric: TargetMetric::CumulativeRevenue,
        model: Model::Flywheel,
        value: 1e12,
        by_period: 5,
    });
    let t: TargetReport = decode(&analysis("target", &a, &late, &mut |_| {}).unwrap()).unwrap();
    assert_eq!(t.probability, 0.0);
    assert_eq!(median_first_period(&t), None);
}
