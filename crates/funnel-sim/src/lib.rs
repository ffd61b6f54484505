//! The Funnel Lab simulation core: pure Rust, no web imports.
//!
//! * [`scenario`]: the versioned JSON scenario and its validation.
//! * [`engine`]: [`Simulation`], one trial at a time, by binomial thinning.
//! * [`accumulate`]: [`ChunkResult`], the order-independent [`Accumulator`], [`RunResult`].
//! * [`analysis`]: mean-field recurrence, pipeline, bottlenecks, targets, comparison.
//! * [`rng`]: stream derivation and exact samplers (libm maths only).
//! * [`stats`]: sketches, exact order statistics, histograms.
//! * [`json`]: pretty-printing without serde_json's `PrettyFormatter`.
//! * [`wire`]: the binary messages between the page and its workers.
//!
//! Determinism: a run is a sequence of chunks of [`CHUNK_TRIALS`] trials; chunk `c` draws from
//! its own stream derived from `(seed, c)`. Every merge is an integer add (sketch counts,
//! fixed-point sums, per-trial slots), so results are bit-identical for any chunking, order
//! or number of workers, natively and in wasm.

pub mod accumulate;
pub mod analysis;
pub mod engine;
pub mod rng;
pub mod stats;
pub mod wire;

// The scenario lives in its own crate, optimised for size in the wasm build while this one is
// optimised for speed (see funnel-scenario's crate documentation).
pub use funnel_scenario::{json, scenario};

pub use accumulate::{
    fnv1a, result_digest, run, run_with_chunks_per_call, Accumulator, AddError, ChunkBatch,
    ChunkResult, Crossing, ModelChunk, ModelResult, RunResult, SegmentResult, StageResult,
    EXACT_TRIALS_LIMIT, RESULT_FORMAT_VERSION,
};
pub use analysis::{
    bottleneck_levers, bottleneck_levers_with_progress, bottlenecks, compare, compare_from_parts,
    compare_part, compare_with_progress, mean_field, rate_interval, target, target_from_parts,
    target_part, target_with_progress, AnalysisPart, BottleneckReport, ComparisonReport,
    Difference, Gain, Lever, MeanField, MeanFieldModel, Model, Pipeline, Progress, TargetMetric,
    TargetQuery, TargetReport,
};
pub use engine::{
    logistic_shift, ModelTrace, PeriodTrace, Simulation, StageFlow, TrialTrace, CHUNK_TRIALS,
    COUNT_CAP,
};
pub use scenario::{
    json_version, ArrivalDistribution, Arrivals, Currency, CustomerMix, Economics, ErrorKind,
    Flywheel, PeriodUnit, Rate, Scenario, ScenarioError, Segment, Stage, MAX_LAST_PERIOD_ARRIVALS,
    MAX_OPEN_LEADS, MAX_PERIODS, MAX_SEGMENTS, MAX_STAGES, MAX_START_CUSTOMERS, MAX_TRIALS,
    SCENARIO_VERSION,
};
pub use stats::{Bands, Histogram, Summary, HISTOGRAM_BINS, SKETCH_ALPHA};
