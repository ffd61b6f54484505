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
    use funnel_lab::ui::pool::{analysis, Job};
    let mut s = Scenario::default_five_stage();
    s.trials = 400;
    s.periods = 6;
    let a = s.to_json();
    let b: BottleneckReport =
        decode(&analysis("bottlenecks", &a, b"", Job::Whole, &mut |_| {}).unwrap()).unwrap();
    assert_eq!(b.levers.len(), 5);
    let q = encode(&TargetQuery {
        metric: TargetMetric::CumulativeCustomers,
        model: Model::Funnel,
        value: 0.0,
        by_period: 5,
    });
    let t: TargetReport =
        decode(&analysis("target", &a, &q, Job::Whole, &mut |_| {}).unwrap()).unwrap();
    // A target of 0 is reached at once in every trial.
    assert_eq!(t.probability, 1.0);
    assert_eq!(t.median_first_period(), Some(0));
    let c: ComparisonReport =
        decode(&analysis("compare", &a, a.as_bytes(), Job::Whole, &mut |_| {}).unwrap()).unwrap();
    // A against itself with common random numbers: never different.
    assert_eq!(c.funnel_customers.probability_b_greater, 0.0);
    assert_eq!(c.funnel_customers.probability_equal, 1.0);
    assert!(analysis("target", &a, b"{}", Job::Whole, &mut |_| {}).is_err());
    assert!(analysis("target", &a, &q[..q.len() - 1], Job::Whole, &mut |_| {}).is_err());
    assert!(analysis("compare", &a, b"{", Job::Whole, &mut |_| {})
        .unwrap_err()
        .starts_with("B: "));
    assert!(analysis("nonsense", &a, b"", Job::Whole, &mut |_| {}).is_err());
    let late = encode(&TargetQuery {
        metric: TargetMetric::CumulativeRevenue,
        model: Model::Flywheel,
        value: 1e12,
        by_period: 5,
    });
    let t: TargetReport =
        decode(&analysis("target", &a, &late, Job::Whole, &mut |_| {}).unwrap()).unwrap();
    assert_eq!(t.probability, 0.0);
    assert_eq!(t.median_first_period(), None);
}

/// A long Target or Compare as the page splits it: each worker computes the part of its range of chunks
/// (`split_chunks`), the page joins the parts' bytes, and a worker makes the report from them, exactly
/// the report of the whole analysis. Parts that do not cover the run are an error.
#[test]
fn split_analyses_reproduce_the_whole_through_the_worker_protocol() {
    use funnel_lab::sim::{Model, TargetMetric, TargetQuery};
    use funnel_lab::ui::pool::{analysis, join_parts, split_chunks, Job};
    assert_eq!(split_chunks(7, 2), [0..3, 3..7]);
    assert_eq!(split_chunks(9, 4), [0..2, 2..4, 4..6, 6..9]);
    assert_eq!(split_chunks(2, 4), [0..1, 1..2]);
    let one = split_chunks(2_000, 1);
    assert_eq!((one.len(), one[0].clone()), (1, 0..2_000));
    let mut s = Scenario::default_five_stage();
    s.trials = 4_200;
    s.periods = 10;
    let a = s.to_json();
    let mut b = s.clone();
    b.economics.revenue_per_purchase = 1_300.0;
    let b = b.to_json();
    let q = encode(&TargetQuery {
        metric: TargetMetric::CumulativeRevenue,
        model: Model::Flywheel,
        value: 150_000.0,
        by_period: 9,
    });
    let n = Simulation::new(&s).unwrap().chunk_count();
    for (kind, other) in [("target", &q[..]), ("compare", b.as_bytes())] {
        let whole = analysis(kind, &a, other, Job::Whole, &mut |_| {}).unwrap();
        for workers in [2, 3] {
            let parts: Vec<Vec<u8>> = split_chunks(n, workers)
                .into_iter()
                .map(|r| analysis(kind, &a, other, Job::Part(r), &mut |_| {}).unwrap())
                .collect();
            let joined = join_parts(&parts);
            let report = analysis(kind, &a, other, Job::Finish(&joined), &mut |_| {}).unwrap();
            assert_eq!(report, whole, "{kind} on {workers} workers");
            let short = join_parts(&parts[1..]);
            let err = analysis(kind, &a, other, Job::Finish(&short), &mut |_| {}).unwrap_err();
            assert!(err.contains("parts"), "{err}");
        }
        let err = analysis(kind, &a, other, Job::Finish(b"\x05"), &mut |_| {}).unwrap_err();
        assert_eq!(err, "the parts of the analysis could not be read");
        let err = analysis(kind, &a, other, Job::Part(0..n + 1), &mut |_| {}).unwrap_err();
        assert!(err.contains("chunks"), "{err}");
    }
    // Bottlenecks are computed whole only.
    assert!(analysis("bottlenecks", &a, b"", Job::Part(0..1), &mut |_| {}).is_err());
}
