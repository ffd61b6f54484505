//! Chunk results, their order-independent merge, and the run result.

use serde::{Deserialize, Serialize};

use super::analysis::{mean_field, Pipeline};
use super::engine::{
    ModelTrial, Scratch, Simulation, TrialInputs, M_ACTIVE, M_CUM_CUSTOMERS, M_CUM_NET,
    M_CUM_REVENUE, M_NEW_CUSTOMERS, M_NEW_LEADS, M_SPEND, N_METRICS,
};
use super::scenario::{PeriodUnit, Scenario, ScenarioError};
use super::stats::{
    int_table, Bands, FixedSum, Histogram, Sketch, SketchBuilder, SumBuilder, Summary,
};

/// Up to this many trials, final values are stored per trial and their percentiles are exact
/// order statistics; above it they come from the sketch (relative error `SKETCH_ALPHA`).
pub const EXACT_TRIALS_LIMIT: u32 = 100_000;
/// Version of the result JSON format.
pub const RESULT_FORMAT_VERSION: u32 = 1;

/// One model's statistics over one chunk's trials.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelChunk {
    /// [metric][period] sketches, metric order: new_leads, new_customers,
    /// cumulative_customers, cumulative_revenue, spend, active_customers.
    pub series_sketch: Vec<Sketch>,
    pub series_sum: Vec<FixedSum>,
    pub stage_entered: Vec<Sketch>,
    pub stage_entered_sum: Vec<FixedSum>,
    pub stage_advanced: Vec<Sketch>,
    pub stage_advanced_sum: Vec<FixedSum>,
    /// Per trial of the chunk (exact mode only, else empty); hex bit patterns in JSON.
    #[serde(with = "super::stats::f64_bits")]
    pub final_customers: Vec<f64>,
    #[serde(with = "super::stats::f64_bits")]
    pub final_revenue: Vec<f64>,
    /// Revenue minus spend at the horizon, per trial (exact mode only, as the two above).
    #[serde(with = "super::stats::f64_bits", default)]
    pub final_net: Vec<f64>,
    /// Per segment (scenarios with segments only, else empty): cumulative customers at the horizon.
    #[serde(default)]
    pub segment_customers: Vec<Sketch>,
    #[serde(default)]
    pub segment_customers_sum: Vec<FixedSum>,
    /// Trials in which a count of this model reached [`crate::COUNT_CAP`].
    #[serde(default)]
    pub capped_trials: u64,
}

/// The result of simulating one chunk; depends only on (scenario, chunk index).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChunkResult {
    pub chunk_index: u32,
    pub first_trial: u64,
    pub trials: u32,
    /// [funnel, flywheel].
    pub models: Vec<ModelChunk>,
    /// Two runs of periods + 1 counts: of trials whose flywheel cumulative customers first
    /// exceed the funnel's in period t (index t), then of trials whose flywheel revenue minus
    /// spend is ahead of the funnel's from period t to the horizon ([`ahead_for_good`]); the
    /// last entry of each counts trials where that never happens.
    pub crossing: Vec<u64>,
}

/// Several chunks merged where they were computed (a worker), so that the accumulator merges one message
/// instead of one per chunk. Sketches and sums are merged; exact-mode finals are kept per chunk, in the
/// order of `chunks`. Adding a batch gives bit-for-bit the same state as adding its chunks one by one.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChunkBatch {
    /// Chunk indices, in the order they were pushed.
    pub chunks: Vec<u32>,
    /// Trials of each chunk in `chunks`.
    pub trials: Vec<u32>,
    /// [funnel, flywheel]; `final_*` hold the chunks' finals one after the other (exact mode).
    pub models: Vec<ModelChunk>,
    pub crossing: Vec<u64>,
}

impl ChunkBatch {
    pub fn is_empty(&self) -> bool {
        self.chunks.is_empty()
    }

    /// Merges one chunk into the batch.
    pub fn push(&mut self, c: ChunkResult) {
        if self.models.is_empty() {
            self.models = c.models;
            self.crossing = c.crossing;
        } else {
            for (a, b) in self.models.iter_mut().zip(&c.models) {
                a.merge(b);
                a.final_customers.extend_from_slice(&b.final_customers);
                a.final_revenue.extend_from_slice(&b.final_revenue);
                a.final_net.extend_from_slice(&b.final_net);
            }
            for (a, b) in self.crossing.iter_mut().zip(&c.crossing) {
                *a += b;
            }
        }
        self.chunks.push(c.chunk_index);
        self.trials.push(c.trials);
    }
}

impl ModelChunk {
    fn new(n_metric_periods: usize, n_stage: usize, n_segment: usize) -> ModelChunk {
        ModelChunk {
            series_sketch: vec![Sketch::default(); n_metric_periods],
            series_sum: vec![FixedSum::default(); n_metric_periods],
            stage_entered: vec![Sketch::default(); n_stage],
            stage_entered_sum: vec![FixedSum::default(); n_stage],
            stage_advanced: vec![Sketch::default(); n_stage],
            stage_advanced_sum: vec![FixedSum::default(); n_stage],
            final_customers: Vec::new(),
            final_revenue: Vec::new(),
            final_net: Vec::new(),
            segment_customers: vec![Sketch::default(); n_segment],
            segment_customers_sum: vec![FixedSum::default(); n_segment],
            capped_trials: 0,
        }
    }

    fn merge(&mut self, o: &ModelChunk) {
        let merge_sk = |a: &mut Vec<Sketch>, b: &Vec<Sketch>| {
            a.iter_mut().zip(b).for_each(|(x, y)| x.merge(y))
        };
        let merge_sum = |a: &mut Vec<FixedSum>, b: &Vec<FixedSum>| {
            a.iter_mut().zip(b).for_each(|(x, y)| x.merge(*y))
        };
        merge_sk(&mut self.series_sketch, &o.series_sketch);
        merge_sum(&mut self.series_sum, &o.series_sum);
        merge_sk(&mut self.stage_entered, &o.stage_entered);
        merge_sum(&mut self.stage_entered_sum, &o.stage_entered_sum);
        merge_sk(&mut self.stage_advanced, &o.stage_advanced);
        merge_sum(&mut self.stage_advanced_sum, &o.stage_advanced_sum);
        merge_sk(&mut self.segment_customers, &o.segment_customers);
        merge_sum(&mut self.segment_customers_sum, &o.segment_customers_sum);
        self.capped_trials += o.capped_trials;
    }
}

/// A [`ModelChunk`] under construction (dense sketch windows).
#[derive(Clone, Debug, Default)]
struct ModelChunkBuilder {
    series_sketch: Vec<SketchBuilder>,
    series_sum: Vec<SumBuilder>,
    stage_entered: Vec<SketchBuilder>,
    stage_entered_sum: Vec<SumBuilder>,
    stage_advanced: Vec<SketchBuilder>,
    stage_advanced_sum: Vec<SumBuilder>,
    final_customers: Vec<f64>,
    final_revenue: Vec<f64>,
    final_net: Vec<f64>,
    segment_customers: Vec<SketchBuilder>,
    segment_customers_sum: Vec<SumBuilder>,
    capped_trials: u64,
    /// The model's active customers are its cumulative customers ([`Simulation::active_is_cumulative`]):
    /// their sketches stay empty, as the result reads the cumulative ones.
    active_is_cum: bool,
}

impl ModelChunkBuilder {
    fn new(
        n_metric_periods: usize,
        n_stage: usize,
        n_segment: usize,
        active_is_cum: bool,
    ) -> ModelChunkBuilder {
        ModelChunkBuilder {
            segment_customers: vec![SketchBuilder::default(); n_segment],
            segment_customers_sum: vec![SumBuilder::default(); n_segment],
            active_is_cum,
            // Money in the buckets from the start (see `SketchBuilder::bucketed`).
            series_sketch: (0..n_metric_periods)
                .map(|i| match i / (n_metric_periods / N_METRICS).max(1) {
                    M_CUM_REVENUE | M_SPEND | M_CUM_NET => SketchBuilder::bucketed(),
                    _ => SketchBuilder::default(),
                })
                .collect(),
            series_sum: vec![SumBuilder::default(); n_metric_periods],
            stage_entered: vec![SketchBuilder::default(); n_stage],
            stage_entered_sum: vec![SumBuilder::default(); n_stage],
            stage_advanced: vec![SketchBuilder::default(); n_stage],
            stage_advanced_sum: vec![SumBuilder::default(); n_stage],
            final_customers: Vec::new(),
            final_revenue: Vec::new(),
            final_net: Vec::new(),
            capped_trials: 0,
        }
    }

    fn add_trial(&mut self, m: &ModelTrial, nt: usize, exact: bool) {
        let tab = int_table();
        for (mi, series) in m.series.iter().enumerate() {
            if mi == M_ACTIVE && self.active_is_cum {
                continue;
            }
            let (mut sk, mut sum) = (
                &mut self.series_sketch[mi * nt..(mi + 1) * nt],
                &mut self.series_sum[mi * nt..(mi + 1) * nt],
            );
            let mut series = &series[..];
            if mi == M_CUM_NET {
                // Only its last period: a summary of the final values. Its mean per period is
                // that of cumulative revenue minus the spend's (see `model_result`); bands would
                // cost a sketch per period of values on both sides of zero (8% of a run).
                (sk, sum, series) = (&mut sk[nt - 1..], &mut sum[nt - 1..], &series[nt - 1..]);
            }
            for ((&v, k), s) in series.iter().zip(sk).zip(sum) {
                k.add_with_sum(s, v, tab);
            }
        }
        for (s, (&e, &a)) in m.stage_entered.iter().zip(&m.stage_advanced).enumerate() {
            self.stage_entered[s].add_with_sum(&mut self.stage_entered_sum[s], e as f64, tab);
            self.stage_advanced[s].add_with_sum(&mut self.stage_advanced_sum[s], a as f64, tab);
        }
        for ((k, s), &v) in self
            .segment_customers
            .iter_mut()
            .zip(&mut self.segment_customers_sum)
            .zip(&m.segment_customers)
        {
            k.add_with_sum(s, v, tab);
        }
        if exact {
            self.final_customers.push(m.series[M_CUM_CUSTOMERS][nt - 1]);
            self.final_revenue.push(m.series[M_CUM_REVENUE][nt - 1]);
            self.final_net.push(m.series[M_CUM_NET][nt - 1]);
        }
        self.capped_trials += u64::from(m.capped);
    }

    fn finish(self) -> ModelChunk {
        let fin = |v: &[SketchBuilder]| v.iter().map(SketchBuilder::finish).collect();
        let fin_sum = |v: &[SumBuilder]| v.iter().map(SumBuilder::finish).collect();
        let series_sketch: Vec<Sketch> = fin(&self.series_sketch);
        let series_sum: Vec<FixedSum> = fin_sum(&self.series_sum);
        ModelChunk {
            series_sketch,
            series_sum,
            stage_entered: fin(&self.stage_entered),
            stage_entered_sum: fin_sum(&self.stage_entered_sum),
            stage_advanced: fin(&self.stage_advanced),
            stage_advanced_sum: fin_sum(&self.stage_advanced_sum),
            final_customers: self.final_customers,
            final_revenue: self.final_revenue,
            final_net: self.final_net,
            segment_customers: fin(&self.segment_customers),
            segment_customers_sum: fin_sum(&self.segment_customers_sum),
            capped_trials: self.capped_trials,
        }
    }
}

/// First period in which `fly` exceeds `funnel`, or `None`.
pub(crate) fn first_exceed(fly: &[f64], funnel: &[f64]) -> Option<usize> {
    fly.iter().zip(funnel).position(|(a, b)| a > b)
}

/// The first period from which `fly` stays above `funnel` to the last period, or `None` when it
/// is not above in the last period. For a series the flywheel can fall behind on (revenue minus
/// spend, with reinvestment spent before it returns anything), this is when it is ahead for good;
/// for one it never falls behind on (cumulative customers) it is [`first_exceed`].
pub(crate) fn ahead_for_good(fly: &[f64], funnel: &[f64]) -> Option<usize> {
    from_then_on(fly.len().min(funnel.len()), |t| fly[t] > funnel[t])
}

/// The first of periods `0..n` from which `holds` is true in every period to the last, or `None`
/// when it is not true in the last one.
pub(crate) fn from_then_on(n: usize, holds: impl Fn(usize) -> bool) -> Option<usize> {
    match (0..n).rev().find(|&t| !holds(t)) {
        Some(t) if t + 1 == n => None,
        Some(t) => Some(t + 1),
        None => (n > 0).then_some(0),
    }
}

impl Simulation {
    /// Whether model `mi`'s active customers are its cumulative customers in every trial: the
    /// funnel's always, the flywheel's without churn and without customers at the start (below the
    /// count cap of 10¹² per customer group). Their bands are then the cumulative customers', and chunks carry no sketches of them.
    pub(crate) fn active_is_cumulative(&self, mi: usize) -> bool {
        let f = &self.scenario.flywheel;
        mi == 0
            || (f.churn_rate == 0.0 && f.detractor_churn_rate == 0.0 && f.customers_at_start == 0)
    }

    /// Whether final values are kept per trial (exact percentiles).
    pub fn exact_finals(&self) -> bool {
        self.scenario.trials <= EXACT_TRIALS_LIMIT
    }

    /// Simulates one chunk. Pure: depends only on (scenario, chunk index). An index past the
    /// last chunk yields an empty result.
    pub fn run_chunk(&self, chunk_index: u32) -> ChunkResult {
        let nt = self.n_period;
        let exact = self.exact_finals();
        let seeds = self.trial_seeds(chunk_index);
        let ng = self.segment_results();
        let mut models = [
            ModelChunkBuilder::new(
                N_METRICS * nt,
                self.n_stage,
                ng,
                self.active_is_cumulative(0),
            ),
            ModelChunkBuilder::new(
                N_METRICS * nt,
                self.n_stage,
                ng,
                self.active_is_cumulative(1),
            ),
        ];
        let mut crossing = vec![0u64; 2 * (nt + 1)];
        let mut inp = TrialInputs::default();
        let mut sc = Scratch::default();
        let (mut fun, mut fly) = (ModelTrial::default(), ModelTrial::default());
        for &seed in &seeds {
            self.run_trial(seed, &mut inp, &mut fun, &mut fly, &mut sc);
            models[0].add_trial(&fun, nt, exact);
            models[1].add_trial(&fly, nt, exact);
            let c = first_exceed(&fly.series[M_CUM_CUSTOMERS], &fun.series[M_CUM_CUSTOMERS])
                .unwrap_or(nt);
            crossing[c] += 1;
            let p = ahead_for_good(&fly.series[M_CUM_NET], &fun.series[M_CUM_NET]).unwrap_or(nt);
            crossing[nt + 1 + p] += 1;
        }
        ChunkResult {
            chunk_index,
            first_trial: self.chunk_range(chunk_index).start,
            trials: seeds.len() as u32,
            models: models.into_iter().map(ModelChunkBuilder::finish).collect(),
            crossing,
        }
    }
}

/// Merges chunk results in any order; the result depends only on which chunks were added.
#[derive(Clone, Debug)]
pub struct Accumulator {
    name: String,
    /// Revenue per purchase: every revenue value is a whole multiple of it.
    price: f64,
    /// The paid share of new leads, the cost per lead and the fixed budget per period: the funnel's
    /// spend in a period is (leads × share) × cost + budget, a function of its new leads.
    spend_terms: (f64, f64, f64),
    /// [funnel, flywheel]: whether the model's spend is that function of its new leads in every
    /// trial: the funnel's always; the flywheel's without referrals (free leads), and without
    /// reinvestment or with every new lead paid (then its reinvestment leads count as the rest).
    spend_of_leads: [bool; 2],
    /// The flywheel has repeat purchases (else its revenue, like the funnel's, is its customers
    /// times the price).
    repeats: bool,
    /// Per model, [`Simulation::active_is_cumulative`].
    active_is_cum: [bool; 2],
    periods: usize,
    period_unit: PeriodUnit,
    stage_names: Vec<String>,
    /// Scenarios with segments: their names (per-segment results), else empty.
    segment_names: Vec<String>,
    trials_total: u64,
    chunk_count: u32,
    exact: bool,
    done: Vec<bool>,
    chunks_done: u32,
    trials_done: u64,
    models: Vec<ModelChunk>,
    /// Exact mode: [model] per-trial finals indexed by global trial index.
    finals_c: Vec<Vec<f64>>,
    finals_r: Vec<Vec<f64>>,
    finals_n: Vec<Vec<f64>>,
    crossing: Vec<u64>,
    pipeline: Pipeline,
}

/// Why a chunk was not merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AddError {
    OutOfRange,
    Duplicate,
    Mismatch,
}

/// Percentile bands of one model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelResult {
    pub new_leads: Bands,
    pub new_customers: Bands,
    pub cumulative_customers: Bands,
    pub cumulative_revenue: Bands,
    pub spend: Bands,
    pub active_customers: Bands,
    /// Mean cumulative revenue minus cumulative spend, per period.
    #[serde(default)]
    pub net_mean: Vec<f64>,
    /// Revenue minus spend over the horizon (from the sketch: percentiles within
    /// `SKETCH_ALPHA` relative error; the mean is exact).
    #[serde(default)]
    pub final_net: Summary,
    pub stages: Vec<StageResult>,
    pub final_customers: Summary,
    pub final_revenue: Summary,
    pub customers_histogram: Histogram,
    pub revenue_histogram: Histogram,
    /// Scenarios with segments: cumulative customers at the horizon per segment (absent otherwise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<SegmentResult>,
    /// Trials in which some count of this model (leads entering a stage, referrals, repeat
    /// purchases, reinvestment leads, customers of one kind) reached [`crate::COUNT_CAP`] and was
    /// held there: their numbers from then on are the cap's, not the model's growth.
    #[serde(default)]
    pub capped_trials: u64,
}

/// One customer segment's share of a model's result.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SegmentResult {
    pub name: String,
    /// Cumulative customers from this segment's leads at the horizon (from the sketch: percentiles
    /// within `SKETCH_ALPHA` relative error; the mean is exact).
    pub final_customers: Summary,
}

/// A stage over the whole horizon.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StageResult {
    pub name: String,
    /// Leads that entered the stage over the horizon.
    pub entered: Summary,
    /// Leads that advanced out of the stage (to the next stage / purchased) over the horizon.
    pub advanced: Summary,
    /// mean(advanced) / mean(entered) (0 when nothing entered).
    pub conversion: f64,
}

/// When the flywheel gets ahead of the funnel: [`RunResult::crossing`], [`RunResult::net_ahead`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Crossing {
    /// Trials per first period (index = period).
    pub first_period_counts: Vec<u64>,
    /// Trials where it never happens within the horizon.
    pub never: u64,
    /// Share of trials where it happens within the horizon.
    pub probability: f64,
    /// Median first period (nearest rank, counting "never" as after the horizon), if reached.
    pub median_period: Option<u32>,
}

/// Everything a base run returns.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunResult {
    pub format_version: u32,
    pub scenario_name: String,
    pub periods: u32,
    pub period_unit: String,
    pub stage_names: Vec<String>,
    pub trials_total: u64,
    pub trials_done: u64,
    pub chunk_count: u32,
    pub chunks_done: u32,
    pub complete: bool,
    pub funnel: ModelResult,
    pub flywheel: ModelResult,
    /// When the flywheel's cumulative customers first exceed the funnel's.
    pub crossing: Crossing,
    /// When the flywheel's cumulative revenue minus spend gets ahead of the funnel's for good: the
    /// first period from which it is above the funnel's in every period to the horizon.
    #[serde(default)]
    pub net_ahead: Crossing,
    pub pipeline: Pipeline,
}

impl RunResult {
    /// Whether [`RunResult::relabel`] with `s` would change nothing. (Each model's stages are named as
    /// `stage_names` and its segments as the funnel's, by the run and by `relabel`.)
    pub fn labelled_as(&self, s: &Scenario) -> bool {
        !self.fits(s)
            || (self.scenario_name == s.name
                && self.period_unit == period_unit_code(s.period_unit)
                && self.stage_names.iter().eq(s.stages.iter().map(|x| &x.name))
                && self
                    .funnel
                    .segments
                    .iter()
                    .zip(&s.segments)
                    .all(|(x, g)| x.name == g.name))
    }

    /// Whether the result has the shape of a result of `s`: as many stages and segments.
    fn fits(&self, s: &Scenario) -> bool {
        let fits = |m: &ModelResult| {
            m.stages.len() == s.stages.len()
                && (m.segments.is_empty() || m.segments.len() == s.segments.len())
        };
        self.stage_names.len() == s.stages.len() && fits(&self.funnel) && fits(&self.flywheel)
    }

    /// Labels the result with the names and the period unit of `s`, a scenario that differs from the
    /// one run at most in those (see [`Scenario::same_but_labels`]): no trial reads them, so its numbers
    /// are those of `s`. A result of another shape is left as it is.
    pub fn relabel(&mut self, s: &Scenario) {
        if !self.fits(s) {
            return;
        }
        let set = |to: &mut String, from: &str| from.clone_into(to);
        set(&mut self.scenario_name, &s.name);
        set(&mut self.period_unit, period_unit_code(s.period_unit));
        for (to, st) in self.stage_names.iter_mut().zip(&s.stages) {
            set(to, &st.name);
        }
        for m in [&mut self.funnel, &mut self.flywheel] {
            for (to, st) in m.stages.iter_mut().zip(&s.stages) {
                set(&mut to.name, &st.name);
            }
            for (to, g) in m.segments.iter_mut().zip(&s.segments) {
                set(&mut to.name, &g.name);
            }
        }
    }
}

/// A result's name of a period unit.
fn period_unit_code(unit: PeriodUnit) -> &'static str {
    match unit {
        PeriodUnit::Week => "week",
        PeriodUnit::Month => "month",
    }
}

impl Accumulator {
    pub fn new(sim: &Simulation) -> Accumulator {
        let s = sim.scenario();
        let exact = sim.exact_finals();
        let nt = s.periods as usize;
        let ns = s.stages.len();
        let n = if exact { s.trials as usize } else { 0 };
        Accumulator {
            name: s.name.clone(),
            price: s.economics.revenue_per_purchase,
            spend_terms: (
                s.economics.paid_share,
                s.economics.cost_per_lead,
                s.economics.fixed_budget_per_period,
            ),
            spend_of_leads: [
                true,
                s.flywheel.referrals_per_promoter == 0.0
                    && (s.flywheel.reinvest_share == 0.0 || s.economics.paid_share == 1.0),
            ],
            repeats: s.flywheel.repeat_rate > 0.0,
            active_is_cum: [sim.active_is_cumulative(0), sim.active_is_cumulative(1)],
            periods: nt,
            period_unit: s.period_unit,
            stage_names: s.stages.iter().map(|x| x.name.clone()).collect(),
            segment_names: s
                .segments
                .iter()
                .take(sim.segment_results())
                .map(|g| g.name.clone())
                .collect(),
            trials_total: u64::from(s.trials),
            chunk_count: sim.chunk_count(),
            exact,
            done: vec![false; sim.chunk_count() as usize],
            chunks_done: 0,
            trials_done: 0,
            models: vec![
                ModelChunk::new(N_METRICS * nt, ns, sim.segment_results()),
                ModelChunk::new(N_METRICS * nt, ns, sim.segment_results()),
            ],
            finals_c: vec![vec![0.0; n], vec![0.0; n]],
            finals_r: vec![vec![0.0; n], vec![0.0; n]],
            finals_n: vec![vec![0.0; n], vec![0.0; n]],
            crossing: vec![0; 2 * (nt + 1)],
            pipeline: mean_field(sim).pipeline,
        }
    }

    pub fn from_scenario(s: &Scenario) -> Result<Accumulator, ScenarioError> {
        Ok(Accumulator::new(&Simulation::new(s)?))
    }

    /// Merges a chunk. Duplicates and foreign chunks are rejected (state unchanged).
    pub fn add(&mut self, chunk_index: u32, c: ChunkResult) -> Result<(), AddError> {
        let i = chunk_index as usize;
        if i >= self.done.len() {
            return Err(AddError::OutOfRange);
        }
        if self.done[i] {
            return Err(AddError::Duplicate);
        }
        let first = u64::from(chunk_index) * u64::from(super::CHUNK_TRIALS);
        if c.chunk_index != chunk_index || c.first_trial != first {
            return Err(AddError::Mismatch);
        }
        // A batch of one: the same shape checks and the same merge.
        let mut batch = ChunkBatch::default();
        batch.push(c);
        self.add_batch(batch)
    }

    /// Merges a batch of chunks. All-or-nothing: a duplicate, foreign or malformed batch is rejected and
    /// the state is unchanged.
    pub fn add_batch(&mut self, b: ChunkBatch) -> Result<(), AddError> {
        let ct = u64::from(super::CHUNK_TRIALS);
        let nt = self.periods;
        if b.chunks.len() != b.trials.len()
            || b.models.len() != 2
            || b.crossing.len() != 2 * (nt + 1)
        {
            return Err(AddError::Mismatch);
        }
        // Chunks already in this batch (a flag per chunk of the run, not a set: no BTree code in the wasm).
        let mut seen = vec![false; self.done.len()];
        let mut trials = 0u64;
        for (&c, &t) in b.chunks.iter().zip(&b.trials) {
            let i = c as usize;
            if i >= self.done.len() {
                return Err(AddError::OutOfRange);
            }
            if self.done[i] || std::mem::replace(&mut seen[i], true) {
                return Err(AddError::Duplicate);
            }
            let lo = u64::from(c) * ct;
            if u64::from(t) != (lo + ct).min(self.trials_total) - lo {
                return Err(AddError::Mismatch);
            }
            trials += u64::from(t);
        }
        let finals_len = if self.exact { trials as usize } else { 0 };
        let ok_model = |m: &ModelChunk| {
            m.series_sketch.len() == N_METRICS * nt
                && m.series_sum.len() == N_METRICS * nt
                && m.stage_entered.len() == self.stage_names.len()
                && m.stage_entered_sum.len() == self.stage_names.len()
                && m.stage_advanced.len() == self.stage_names.len()
                && m.stage_advanced_sum.len() == self.stage_names.len()
                && m.final_customers.len() == finals_len
                && m.final_revenue.len() == finals_len
                && m.final_net.len() == finals_len
                && m.segment_customers.len() == self.segment_names.len()
                && m.segment_customers_sum.len() == self.segment_names.len()
        };
        if !b.models.iter().all(ok_model) {
            return Err(AddError::Mismatch);
        }
        for (mi, m) in b.models.iter().enumerate() {
            self.models[mi].merge(m);
            if self.exact {
                let mut at = 0usize;
                for (&c, &t) in b.chunks.iter().zip(&b.trials) {
                    let lo = (u64::from(c) * ct) as usize;
                    let t = t as usize;
                    self.finals_c[mi][lo..lo + t].copy_from_slice(&m.final_customers[at..at + t]);
                    self.finals_r[mi][lo..lo + t].copy_from_slice(&m.final_revenue[at..at + t]);
                    self.finals_n[mi][lo..lo + t].copy_from_slice(&m.final_net[at..at + t]);
                    at += t;
                }
            }
        }
        for (a, b) in self.crossing.iter_mut().zip(&b.crossing) {
            *a += b;
        }
        for (&c, &t) in b.chunks.iter().zip(&b.trials) {
            self.done[c as usize] = true;
            self.chunks_done += 1;
            self.trials_done += u64::from(t);
        }
        Ok(())
    }

    pub fn chunks_done(&self) -> u32 {
        self.chunks_done
    }

    pub fn trials_done(&self) -> u64 {
        self.trials_done
    }

    pub fn is_complete(&self) -> bool {
        self.chunks_done == self.chunk_count
    }

    fn done_values(&self, v: &[f64]) -> Vec<f64> {
        let ct = super::CHUNK_TRIALS as usize;
        let mut out = Vec::with_capacity(self.trials_done as usize);
        for (i, &d) in self.done.iter().enumerate() {
            if d {
                let lo = i * ct;
                let hi = (lo + ct).min(v.len());
                out.extend_from_slice(&v[lo..hi]);
            }
        }
        out
    }

    fn model_result(&self, mi: usize) -> ModelResult {
        let m = &self.models[mi];
        let nt = self.periods;
        // The grid each metric's values lie on (see `Summary::on_grid`): counts are whole, revenue
        // is a whole number of purchases times the price; spend (leads × cost + budget) has none.
        let step = |metric: usize| match metric {
            M_CUM_REVENUE => self.price,
            M_SPEND | M_CUM_NET => 0.0,
            _ => 1.0,
        };
        // `last`: exact final values whose percentiles the last period shows instead of the sketch's.
        let bands = |metric: usize, last: Option<&Summary>| {
            let mut b = Bands::default();
            for t in 0..nt {
                let i = metric * nt + t;
                b.push(
                    &Summary::from_sketch(&m.series_sketch[i], m.series_sum[i])
                        .on_grid(step(metric)),
                );
            }
            if matches!(metric, M_CUM_CUSTOMERS | M_CUM_REVENUE) {
                // An exact (snapped) value may stand before a later sketch estimate below it; the
                // true percentiles never decrease, so raising that estimate to it keeps it within
                // its bound and the series monotone.
                for v in [&mut b.p5, &mut b.p25, &mut b.p50, &mut b.p75, &mut b.p95] {
                    for t in 1..v.len() {
                        v[t] = v[t].max(v[t - 1]);
                    }
                }
            }
            if let Some(f) = last {
                // A cumulative value never decreases within a trial, so each true percentile is at
                // most its final one. An earlier period's sketch estimate may exceed it by up to the
                // sketch's relative error; capping it there keeps the series monotone and the
                // estimate within its error bound. (The mean stays the fixed-point one.)
                for (v, fin) in [
                    (&mut b.p5, f.p5),
                    (&mut b.p25, f.p25),
                    (&mut b.p50, f.p50),
                    (&mut b.p75, f.p75),
                    (&mut b.p95, f.p95),
                ] {
                    for x in v.iter_mut() {
                        *x = x.min(fin);
                    }
                    if let Some(x) = v.last_mut() {
                        *x = fin;
                    }
                }
            }
            b
        };
        let mut stages: Vec<StageResult> = self
            .stage_names
            .iter()
            .enumerate()
            .map(|(s, name)| {
                let entered =
                    Summary::from_sketch(&m.stage_entered[s], m.stage_entered_sum[s]).on_grid(1.0);
                let advanced = Summary::from_sketch(&m.stage_advanced[s], m.stage_advanced_sum[s])
                    .on_grid(1.0);
                StageResult {
                    name: name.clone(),
                    conversion: if entered.mean > 0.0 {
                        advanced.mean / entered.mean
                    } else {
                        0.0
                    },
                    entered,
                    advanced,
                }
            })
            .collect();
        let fin = |metric: usize, exact_vals: &[f64]| -> (Summary, Histogram) {
            if self.exact {
                Summary::exact_with_histogram(self.done_values(exact_vals))
            } else {
                let i = metric * nt + nt - 1;
                let sk = &m.series_sketch[i];
                (
                    Summary::from_sketch(sk, m.series_sum[i]).on_grid(step(metric)),
                    Histogram::from_weighted(&sk.buckets()),
                )
            }
        };
        let (final_customers, customers_histogram) = fin(M_CUM_CUSTOMERS, &self.finals_c[mi]);
        // The leads that left the last stage are the purchases: each trial's final customers. With
        // exact finals, that stage's percentiles are theirs (the summary's), not the sketch's; the
        // mean stays the stage's own, so the conversion does not move.
        if let (true, Some(last)) = (self.exact, stages.last_mut()) {
            last.advanced = Summary {
                mean: last.advanced.mean,
                ..final_customers.clone()
            };
        }
        let (mut final_revenue, mut revenue_histogram) = fin(M_CUM_REVENUE, &self.finals_r[mi]);
        let segments = self
            .segment_names
            .iter()
            .enumerate()
            .map(|(k, name)| SegmentResult {
                name: name.clone(),
                final_customers: Summary::from_sketch(
                    &m.segment_customers[k],
                    m.segment_customers_sum[k],
                )
                .on_grid(1.0),
            })
            .collect();
        // The cumulative series end at the final values: with exact finals, their last period shows
        // the exact order statistics too, so that the charts' tables and the CSV agree with the summary.
        let exact = self.exact;
        let cumulative_customers = bands(M_CUM_CUSTOMERS, exact.then_some(&final_customers));
        let mut cumulative_revenue = bands(M_CUM_REVENUE, exact.then_some(&final_revenue));
        if mi == 0 || !self.repeats {
            // Without repeat purchases, revenue is customers times the price in every trial, so its
            // percentiles are the customers' times the price: exact where those are, and never an
            // amount that is no whole number of purchases (as revenue's own sketch can give above
            // about 50 purchases). Customer percentiles are whole numbers (`Summary::on_grid`; the
            // rounding here only guards that). The means stay revenue's own.
            let price = self.price;
            let p = |c: f64| c.round() * price;
            cumulative_revenue.percentiles_through(&cumulative_customers, p);
            let (f, mean) = (&final_customers, final_revenue.mean);
            final_revenue = Summary {
                p5: p(f.p5),
                p25: p(f.p25),
                p50: p(f.p50),
                p75: p(f.p75),
                p95: p(f.p95),
                min: p(f.min),
                max: p(f.max),
                mean,
                exact: f.exact,
            };
            // Its histogram is the customers' in euros: the same bins and counts. (Above
            // `EXACT_TRIALS_LIMIT` trials revenue's own came from sketch buckets taken as points,
            // which fell 20 and 21 purchases to a bin in turn: a staircase.)
            let h = &customers_histogram;
            revenue_histogram = Histogram {
                edges: h.edges.iter().map(|&e| e * price).collect(),
                counts: h.counts.clone(),
                step: h.step * price,
                ..*h
            };
        }
        // Where active customers are cumulative customers, the same bands, so that the CSV's last
        // period shows the summary's exact numbers for both (and a flywheel with every parameter
        // zero stays equal to the funnel).
        let active_customers = if self.active_is_cum[mi] {
            cumulative_customers.clone()
        } else {
            bands(M_ACTIVE, None)
        };
        let new_leads = bands(M_NEW_LEADS, None);
        let mut spend = bands(M_SPEND, None);
        if self.spend_of_leads[mi] {
            // The spend grows with the new leads in every trial, so its percentiles are the leads'
            // put through the engine's own formula: whole leads, as the CSV's leads columns, not
            // sketch estimates a few euros off them. The means stay the spend's own.
            let (share, cost, budget) = self.spend_terms;
            spend.percentiles_through(&new_leads, |a| a.round() * share * cost + budget);
        }
        // The mean is linear: mean revenue minus the running sum of the mean spend (exact sums).
        let net_mean = cumulative_revenue
            .mean
            .iter()
            .zip(&spend.mean)
            .scan(0.0, |spent, (r, s)| {
                *spent += s;
                Some(r - *spent)
            })
            .collect();
        // Exact order statistics up to `EXACT_TRIALS_LIMIT` trials, as customers and revenue.
        let final_net = if self.exact {
            Summary::exact(&self.done_values(&self.finals_n[mi]))
        } else {
            let i = M_CUM_NET * nt + nt - 1;
            Summary::from_sketch(&m.series_sketch[i], m.series_sum[i])
        };
        ModelResult {
            new_leads,
            new_customers: bands(M_NEW_CUSTOMERS, None),
            cumulative_customers,
            cumulative_revenue,
            spend,
            active_customers,
            net_mean,
            final_net,
            stages,
            final_customers,
            final_revenue,
            customers_histogram,
            revenue_histogram,
            segments,
            capped_trials: m.capped_trials,
        }
    }

    /// The result over the trials merged so far.
    pub fn result(&self) -> RunResult {
        let nt = self.periods;
        let n = self.trials_done;
        RunResult {
            format_version: RESULT_FORMAT_VERSION,
            scenario_name: self.name.clone(),
            periods: nt as u32,
            period_unit: period_unit_code(self.period_unit).into(),
            stage_names: self.stage_names.clone(),
            trials_total: self.trials_total,
            trials_done: n,
            chunk_count: self.chunk_count,
            chunks_done: self.chunks_done,
            complete: self.is_complete(),
            funnel: self.model_result(0),
            flywheel: self.model_result(1),
            crossing: Crossing::from_counts(&self.crossing[..nt + 1], n),
            net_ahead: Crossing::from_counts(&self.crossing[nt + 1..], n),
            pipeline: self.pipeline.clone(),
        }
    }
}

impl Crossing {
    /// From counts of trials per first period, the last entry those where it never happens, of
    /// `n` trials.
    fn from_counts(counts: &[u64], n: u64) -> Crossing {
        let (never, per_period) = match counts.split_last() {
            Some((&never, rest)) => (never, rest),
            None => (0, counts),
        };
        let median_period = if n == 0 {
            None
        } else {
            let k = super::stats::nearest_rank(n, 500);
            let mut seen = 0;
            per_period.iter().position(|&c| {
                seen += c;
                seen >= k
            })
        };
        Crossing {
            first_period_counts: per_period.to_vec(),
            never,
            probability: if n == 0 {
                0.0
            } else {
                (n - never) as f64 / n as f64
            },
            median_period: median_period.map(|t| t as u32),
        }
    }
}

/// Runs every chunk in order.
pub fn run(s: &Scenario) -> Result<RunResult, ScenarioError> {
    run_with_chunks_per_call(s, 1)
}

/// Simulates a worker that processes `chunks_per_call` chunks per call, merges them into one
/// [`ChunkBatch`] (single chunks go in as plain chunks) and publishes a partial result after each
/// call; the final result must not depend on `chunks_per_call`.
pub fn run_with_chunks_per_call(
    s: &Scenario,
    chunks_per_call: u32,
) -> Result<RunResult, ScenarioError> {
    let sim = Simulation::new(s)?;
    let mut acc = Accumulator::new(&sim);
    let k = chunks_per_call.max(1);
    let n = sim.chunk_count();
    let mut c = 0;
    while c < n {
        let end = (c + k).min(n);
        if end - c == 1 {
            acc.add(c, sim.run_chunk(c)).expect("own chunks merge");
        } else {
            let mut batch = ChunkBatch::default();
            for i in c..end {
                batch.push(sim.run_chunk(i));
            }
            acc.add_batch(batch).expect("own batches merge");
        }
        c = end;
    }
    Ok(acc.result())
}

/// FNV-1a 64 of the compact `serde_json` serialisation of the result.
pub fn result_digest(r: &RunResult) -> u64 {
    fnv1a(
        serde_json::to_string(r)
            .expect("result serialises")
            .as_bytes(),
    )
}

pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::{ahead_for_good, first_exceed};
    use crate::scenario::{PeriodUnit, Scenario, Segment};

    /// A result relabelled with a scenario that differs only in its names and period unit is exactly
    /// that scenario's result: nothing need run again when a name is typed or the language switches.
    /// Any other difference is not a change of labels; a result of another shape is left as it is.
    #[test]
    fn a_result_relabelled_is_the_result_of_the_renamed_scenario() {
        let mut a = Scenario::default_five_stage();
        a.trials = 300;
        a.periods = 8;
        a.segments = vec![
            Segment {
                name: "Small".into(),
                share: 0.7,
                logit_shift: vec![0.2; 5],
            },
            Segment {
                name: "Large".into(),
                share: 0.3,
                logit_shift: vec![],
            },
        ];
        let mut b = a.clone();
        b.name = "Mijn trechter".into();
        b.period_unit = PeriodUnit::Week;
        b.stages[0].name = "Bewustwording".into();
        b.stages[4].name = "Aankoop".into();
        b.segments[1].name = "Groot".into();
        assert!(a.same_but_labels(&b) && b.same_but_labels(&a));
        let (ra, rb) = (crate::run(&a).unwrap(), crate::run(&b).unwrap());
        assert_ne!(ra, rb);
        assert!(!ra.labelled_as(&b) && ra.labelled_as(&a));
        let mut r = ra.clone();
        r.relabel(&b);
        assert_eq!(r, rb);
        assert!(r.labelled_as(&b));
        // Not labels: a rate, a segment's share, a stage more.
        let mut c = b.clone();
        c.segments[0].share = 0.6;
        c.segments[1].share = 0.4;
        assert!(!a.same_but_labels(&c));
        c = b.clone();
        c.stages[2].delay = 1.0;
        assert!(!a.same_but_labels(&c));
        c = b.clone();
        c.stages.push(c.stages[4].clone());
        assert!(!a.same_but_labels(&c));
        let mut r = ra.clone();
        r.relabel(&c);
        assert_eq!(r, ra);
    }

    #[test]
    fn ahead_for_good_is_the_start_of_the_last_run_ahead() {
        // Behind, ahead, behind again, then ahead for good from period 4.
        let fun = [0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        assert_eq!(
            ahead_for_good(&[0.0, 1.0, -1.0, 0.0, 2.0, 3.0], &fun),
            Some(4)
        );
        // Ahead from the start; equal is not ahead.
        assert_eq!(ahead_for_good(&[1.0; 6], &fun), Some(0));
        assert_eq!(ahead_for_good(&[0.0; 6], &fun), None);
        // Not ahead in the last period: never, however long it was ahead before.
        assert_eq!(ahead_for_good(&[1.0, 1.0, 1.0, 1.0, 1.0, 0.0], &fun), None);
        assert_eq!(ahead_for_good(&[], &[]), None);
        // For a series the flywheel never falls behind on, the same as the first exceedance.
        let y = [0.0, 0.0, 2.0, 3.0, 3.0, 5.0];
        let f = [0.0, 0.0, 1.0, 1.0, 2.0, 2.0];
        assert_eq!(ahead_for_good(&y, &f), first_exceed(&y, &f));
    }
}
