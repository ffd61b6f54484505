//! Analyses on top of the engine: mean-field recurrence and pipeline forecast, bottlenecks
//! (rate levers with common random numbers), targets and scenario comparison.

use serde::{Deserialize, Serialize};

use std::ops::Range;

use super::accumulate::EXACT_TRIALS_LIMIT;
use super::engine::{
    Draws, ModelTrial, Replay, Scratch, Simulation, TrialInputs, M_ACTIVE, M_CUM_CUSTOMERS,
    M_CUM_NET, M_CUM_REVENUE,
};
use super::rng::inv_inc_beta;
use super::scenario::{ErrorKind, Rate, Scenario, ScenarioError};
use super::stats::{FixedSum, Histogram, Sketch, Summary};

/// The central interval that a `level` share of trials draw `rate` from (before segment shifts): the
/// quantiles (1 − level)/2 and (1 + level)/2 of its Beta distribution, or `None` for a fixed rate.
/// It tells what a certainty or a pair of counts means in rates.
pub fn rate_interval(rate: &Rate, level: f64) -> Option<(f64, f64)> {
    let (a, b) = rate.beta_params().ok()?;
    let tail = (1.0 - level) / 2.0;
    Some((inv_inc_beta(tail, a, b), inv_inc_beta(1.0 - tail, a, b)))
}

/// Expected-value (mean-field) trajectory of one model.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MeanFieldModel {
    pub new_leads: Vec<f64>,
    pub new_customers: Vec<f64>,
    pub cumulative_customers: Vec<f64>,
    pub cumulative_revenue: Vec<f64>,
    pub active_customers: Vec<f64>,
}

/// The deterministic weighted-pipeline forecast of the funnel.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Pipeline {
    /// [stage][period]: expected converted leads waiting in the stage at the end of the period.
    pub open_leads: Vec<Vec<f64>>,
    /// [stage]: probability that a lead waiting in the stage eventually purchases
    /// (product of the expected rates of the later stages; segment-weighted by share).
    pub reach_probability: Vec<f64>,
    /// [period]: Σ_stage open leads × reach probability × revenue per purchase.
    pub weighted_value: Vec<f64>,
    /// [period]: expected new customers (mean-field).
    pub expected_new_customers: Vec<f64>,
    /// [period]: expected cumulative revenue (mean-field).
    pub expected_cumulative_revenue: Vec<f64>,
    /// The weighted pipeline at the start: Σ_stage leads open at the start × the probability that
    /// they purchase (the expected rates of their stage and the later ones) × revenue per purchase;
    /// with segments, per segment by its share. 0 without open leads.
    #[serde(default)]
    pub start_value: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MeanField {
    pub funnel: MeanFieldModel,
    pub flywheel: MeanFieldModel,
    pub pipeline: Pipeline,
}

/// The mean-field recurrence (docs/scenario.md, "Mean-field recurrence"): every binomial,
/// Poisson and multinomial draw is replaced by its expectation and every rate by its expected
/// value (segment shifts applied to E[p]). For fixed rates and no reinvestment the simulation
/// is linear in its counts, so this is exactly E[simulated counts]; with Beta rates it is the
/// forecast at the expected rates; reinvestment drops the floor.
pub fn mean_field(sim: &Simulation) -> MeanField {
    let s = sim.scenario();
    let (nk, ns, nt) = (sim.n_seg, sim.n_stage, sim.n_period);
    let mut rates = Vec::new();
    sim.effective_rates(&sim.expected_rates(), &mut rates);
    let share = sim.seg_share();
    let fw = &s.flywheel;
    let eco = &s.economics;
    let mix = sim.mix();
    let mut out = MeanField::default();
    let mut reach = vec![0.0; ns];
    for k in 0..nk {
        let mut prod = 1.0;
        for st in (0..ns).rev() {
            // A lead waiting in st has converted there: the later stages' rates.
            reach[st] += share[k] * prod;
            prod *= rates[k * ns + st];
            // A lead open at the start still faces st's own rate (it enters st in the first period).
            out.pipeline.start_value +=
                share[k] * s.stages[st].open as f64 * prod * eco.revenue_per_purchase;
        }
    }
    out.pipeline.reach_probability = reach.clone();
    out.pipeline.open_leads = vec![Vec::with_capacity(nt); ns];
    for fly in [false, true] {
        let m = if fly {
            &mut out.flywheel
        } else {
            &mut out.funnel
        };
        let mut waiting = vec![0.0; nk * ns];
        // The flywheel starts with its customers at the start, split by the mix.
        let n0 = if fly {
            fw.customers_at_start as f64
        } else {
            0.0
        };
        let (mut prom, mut pas, mut det) = (n0 * mix.0, n0 * mix.1, n0 * mix.2);
        let (mut prev_rev, mut cum_c, mut cum_r) = (0.0, 0.0, 0.0);
        for t in 0..nt {
            let (mut referrals, mut repeat, mut reinvest) = (0.0, 0.0, 0.0);
            if fly {
                referrals = prom * fw.referrals_per_promoter;
                repeat = (prom + pas + det) * fw.repeat_rate;
                if fw.reinvest_share > 0.0 {
                    reinvest = fw.reinvest_share * prev_rev / eco.cost_per_lead;
                }
            }
            let arrivals = sim.arrival_mean(t);
            let mut purchases = 0.0;
            for k in 0..nk {
                let mut cur = (arrivals + reinvest) * share[k];
                for st in 0..ns {
                    let mut e = cur;
                    if t == 0 {
                        e += s.stages[st].open as f64 * share[k];
                    }
                    if fly && st == fw.referral_entry_stage {
                        e += referrals * share[k];
                    }
                    let conv = rates[k * ns + st] * e;
                    let wi = k * ns + st;
                    cur = match sim.advance_prob(st) {
                        None => conv,
                        Some(q) => {
                            let a = q * waiting[wi];
                            waiting[wi] += conv - a;
                            a
                        }
                    };
                }
                purchases += cur;
            }
            if fly {
                prom = prom * (1.0 - fw.churn_rate) + mix.0 * purchases;
                pas = pas * (1.0 - fw.churn_rate) + mix.1 * purchases;
                det = det * (1.0 - fw.detractor_churn_rate) + mix.2 * purchases;
            }
            let rev = (purchases + repeat) * eco.revenue_per_purchase;
            prev_rev = rev;
            cum_c += purchases;
            cum_r += rev;
            m.new_leads.push(arrivals + reinvest + referrals);
            m.new_customers.push(purchases);
            m.cumulative_customers.push(cum_c);
            m.cumulative_revenue.push(cum_r);
            m.active_customers
                .push(if fly { prom + pas + det } else { cum_c });
            if !fly {
                let mut value = 0.0;
                for st in 0..ns {
                    let mut open = 0.0;
                    for k in 0..nk {
                        let w = waiting[k * ns + st];
                        open += w;
                        // reach for segment k from a waiting lead in st: product of later rates.
                        let mut pr = 1.0;
                        for j in st + 1..ns {
                            pr *= rates[k * ns + j];
                        }
                        value += w * pr * eco.revenue_per_purchase;
                    }
                    out.pipeline.open_leads[st].push(open);
                }
                out.pipeline.weighted_value.push(value);
                out.pipeline.expected_new_customers.push(purchases);
                out.pipeline.expected_cumulative_revenue.push(cum_r);
            }
        }
    }
    out
}

/// Values over trials: exact (stored) up to `EXACT_TRIALS_LIMIT`, sketch above.
#[derive(Clone, Debug, PartialEq)]
pub struct Dist {
    pub(crate) values: Option<Vec<f64>>,
    pub(crate) sketch: Sketch,
    pub(crate) sum: FixedSum,
}

impl Dist {
    fn new(trials: u32) -> Dist {
        Dist {
            values: (trials <= EXACT_TRIALS_LIMIT).then(Vec::new),
            sketch: Sketch::default(),
            sum: FixedSum::default(),
        }
    }
    fn add(&mut self, x: f64) {
        match &mut self.values {
            Some(v) => v.push(x),
            None => {
                self.sketch.add(x);
                self.sum.add(x);
            }
        }
    }
    /// Adds the values of `o` (a [`Dist`] made for as many trials). The stored values are kept in
    /// no particular order: every summary of them sorts them first.
    fn merge(&mut self, o: Dist) {
        if let (Some(v), Some(w)) = (&mut self.values, o.values) {
            v.extend(w);
        }
        self.sketch.merge(&o.sketch);
        self.sum.merge(o.sum);
    }
    fn summary(&self) -> Summary {
        match &self.values {
            Some(v) => Summary::exact(v),
            None => Summary::from_sketch(&self.sketch, self.sum),
        }
    }
    /// The summary and the histogram of the values (sorted once for both).
    fn report(&self) -> (Summary, Histogram) {
        match &self.values {
            Some(v) => Summary::exact_with_histogram(v.clone()),
            None => (
                Summary::from_sketch(&self.sketch, self.sum),
                Histogram::from_weighted(&self.sketch.buckets()),
            ),
        }
    }
}

/// Told the share of an analysis' trials done (after each chunk of them, up to 1), for a progress
/// bar: an analysis of a long run can take minutes.
pub type Progress<'a> = &'a mut dyn FnMut(f64);

/// The share of `sim`'s trials done once chunk `c` is (chunks run in order).
fn done_share(sim: &Simulation, c: u32) -> f64 {
    sim.chunk_range(c).end as f64 / sim.trials() as f64
}

/// The share of `chunks` done once chunk `c` of them is (chunks run in order).
fn part_share(sim: &Simulation, chunks: &Range<u32>, c: u32) -> f64 {
    if chunks.start == 0 && chunks.end == sim.chunk_count() {
        return done_share(sim, c);
    }
    let first = sim.chunk_range(chunks.start).start;
    let last = sim.chunk_range(chunks.end - 1).end;
    (sim.chunk_range(c).end - first) as f64 / (last - first) as f64
}

/// Calls `f(trial_index, inputs, funnel, flywheel)` for every trial of `chunks`, in order.
fn for_each_trial(
    sim: &Simulation,
    chunks: Range<u32>,
    progress: Progress<'_>,
    mut f: impl FnMut(u64, &TrialInputs, &ModelTrial, &ModelTrial, &mut Scratch),
) {
    let mut inp = TrialInputs::default();
    let mut sc = Scratch::default();
    let (mut fun, mut fly) = (ModelTrial::default(), ModelTrial::default());
    for c in chunks.clone() {
        let range = sim.chunk_range(c);
        for (seed, ti) in sim.trial_seeds(c).into_iter().zip(range) {
            sim.run_trial(seed, &mut inp, &mut fun, &mut fly, &mut sc);
            f(ti, &inp, &fun, &fly, &mut sc);
        }
        progress(part_share(sim, &chunks, c));
    }
}

/// The tallies of a [`target`] or [`compare`] analysis over the trials of a range of chunks, so that a
/// long one can be split over several workers: [`target_from_parts`] and [`compare_from_parts`] make the
/// parts that cover every chunk once, in chunk order, into exactly the report of the whole analysis, for
/// any split.
#[derive(Clone, Debug, PartialEq)]
pub struct AnalysisPart {
    /// The chunks tallied: `from..to`.
    pub from: u32,
    pub to: u32,
    /// Target: the trials first reaching it in period t, then those never reaching it. Compare: per
    /// quantity, the trials in which B is ahead of A, then per quantity those in which they are level.
    pub counts: Vec<u64>,
    /// Compare: B − A per quantity (empty for a target).
    pub diffs: Vec<Dist>,
}

impl AnalysisPart {
    fn new(chunks: &Range<u32>, counts: usize, diffs: Vec<Dist>) -> AnalysisPart {
        AnalysisPart {
            from: chunks.start,
            to: chunks.end,
            counts: vec![0; counts],
            diffs,
        }
    }
}

/// `chunks` checked against the `chunk_count` chunks of a run.
fn check_chunks(chunks: &Range<u32>, chunk_count: u32) -> Result<(), ScenarioError> {
    if chunks.start < chunks.end && chunks.end <= chunk_count {
        return Ok(());
    }
    Err(ScenarioError::Invalid {
        path: "chunks".into(),
        kind: ErrorKind::OutOfRange,
        value: format!("{}..{}", chunks.start, chunks.end),
        allowed: format!("a non-empty range of chunks within 0..{chunk_count}"),
    })
}

/// The parts merged, if they cover the `chunk_count` chunks each once, in order, and each has the shape
/// of the analysis: `counts` counts and `diffs` distributions.
fn merge_parts(
    parts: Vec<AnalysisPart>,
    chunk_count: u32,
    counts: usize,
    diffs: usize,
) -> Result<AnalysisPart, ScenarioError> {
    let n = parts.len();
    let bad = || ScenarioError::Invalid {
        path: "parts".into(),
        kind: ErrorKind::WrongLength,
        value: format!("{n} parts"),
        allowed: format!(
            "parts of this analysis ({counts} counts and {diffs} distributions each) covering the \
             chunks 0..{chunk_count} once"
        ),
    };
    let mut whole: Option<AnalysisPart> = None;
    for p in parts {
        let next = whole.as_ref().map_or(0, |w| w.to);
        if p.from != next || p.counts.len() != counts || p.diffs.len() != diffs {
            return Err(bad());
        }
        let Some(w) = whole.as_mut() else {
            whole = Some(p);
            continue;
        };
        w.to = p.to;
        for (a, b) in w.counts.iter_mut().zip(&p.counts) {
            *a += b;
        }
        for (a, b) in w.diffs.iter_mut().zip(p.diffs) {
            a.merge(b);
        }
    }
    whole.filter(|w| w.to == chunk_count).ok_or_else(bad)
}

/// The gain in final funnel customers from one lever.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Gain {
    pub mean: f64,
    /// 90% interval: 5th and 95th percentiles over trials.
    pub p5: f64,
    pub p95: f64,
    /// Share of trials in which this stage is the best single lever of this kind
    /// (ties go to the earlier stage).
    pub probability_best: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Lever {
    pub stage: usize,
    pub name: String,
    /// Rate + 1 percentage point (capped at 1).
    pub plus_one_point: Gain,
    /// Rate × 1.1 (capped at 1).
    pub plus_ten_percent: Gain,
}

/// Bottlenecks, sorted by `plus_one_point.mean` descending (tornado order).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BottleneckReport {
    pub trials: u64,
    /// The simulated funnel's final customers (the same as the run's): [`bottlenecks`] fills it,
    /// [`bottleneck_levers`] (the app's, which has the run) leaves it out and saves simulating
    /// every trial's leads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline_final_customers: Option<Summary>,
    pub levers: Vec<Lever>,
}

/// The expected final funnel customers of a trial given its drawn rates (`rates`, [segment][stage]),
/// arrivals (`arrivals`, [period][segment]) and open leads (`open`, [stage][segment], empty: none):
/// `run_model`'s recurrence with every binomial draw
/// replaced by its mean. Each step (conversion Bin(e, p), advance Bin(w, 1/delay)) is linear in its
/// count in expectation, so this is the exact conditional expectation, with no sampling noise.
/// `waiting` is scratch space; `per_seg` gets each segment's share of the total.
fn expected_customers(
    sim: &Simulation,
    rates: &[f64],
    arrivals: &[u64],
    open: &[u64],
    waiting: &mut Vec<f64>,
    per_seg: &mut Vec<f64>,
) -> f64 {
    let (nk, ns, nt) = (sim.n_seg, sim.n_stage, sim.n_period);
    waiting.clear();
    waiting.resize(nk * ns, 0.0);
    per_seg.clear();
    per_seg.resize(nk, 0.0);
    for t in 0..nt {
        // Open leads enter their stages in the first period, as in `run_model`.
        let inject = t == 0 && !open.is_empty();
        for k in 0..nk {
            let mut cur = arrivals[t * nk + k] as f64;
            for st in 0..ns {
                if inject {
                    cur += open[st * nk + k] as f64;
                }
                let conv = rates[k * ns + st] * cur;
                cur = match sim.advance_prob(st) {
                    None => conv,
                    Some(q) => {
                        let w = &mut waiting[k * ns + st];
                        let a = q * *w;
                        *w += conv - a;
                        a
                    }
                };
            }
            per_seg[k] += cur;
        }
    }
    per_seg.iter().sum()
}

/// Scratch space for [`lever_gain`].
#[derive(Default)]
struct GainScratch {
    pert_base: Vec<f64>,
    pert_rates: Vec<f64>,
    waiting: Vec<f64>,
    per_seg: Vec<f64>,
}

/// The gain in expected final funnel customers of one trial (`inp`) from moving stage `st`'s drawn
/// base rate to `raised`, given the trial's expected customers per segment `e0` (from
/// [`expected_customers`] at the drawn rates; `e0_total` their sum).
///
/// Every lead that reaches stage `st` passes its rate once, and the recurrence is linear in what
/// passes, so a segment's expected customers from leads entering at or above `st` are proportional to
/// its rate there: raising it from r to r′ multiplies them by r′/r. When no open lead starts below
/// `st` (those skip it) and every segment's rate there is positive, the gain is therefore
/// Σₖ e0ₖ·(r′ₖ − rₖ)/rₖ: one pass of the recurrence serves every lever, instead of one more pass per
/// lever and stage (25 passes per trial at 12 stages). Otherwise the raised recurrence is run.
/// Both agree to rounding (tested: 10⁻⁹ relative).
fn lever_gain(
    sim: &Simulation,
    inp: &TrialInputs,
    st: usize,
    raised: f64,
    e0: &[f64],
    e0_total: f64,
    sc: &mut GainScratch,
) -> f64 {
    let (nk, ns) = (sim.n_seg, sim.n_stage);
    // Below 10⁻¹⁰⁰ a segment's customers could underflow where its gain does not.
    let proportional = (0..nk).all(|k| inp.rates[k * ns + st] > 1e-100)
        && inp
            .open
            .get((st + 1) * nk..)
            .is_none_or(|o| o.iter().all(|&x| x == 0));
    if proportional {
        return (0..nk)
            .map(|k| {
                let r = inp.rates[k * ns + st];
                e0[k] * ((sim.effective_rate(k, st, raised) - r) / r)
            })
            .sum();
    }
    sc.pert_base.clone_from(&inp.base_rates);
    sc.pert_base[st] = raised;
    sim.effective_rates(&sc.pert_base, &mut sc.pert_rates);
    expected_customers(
        sim,
        &sc.pert_rates,
        &inp.arrivals,
        &inp.open,
        &mut sc.waiting,
        &mut sc.per_seg,
    ) - e0_total
}

/// For each stage, the gain in final funnel customers from raising that stage's drawn rate, per
/// trial with the trial's own drawn rates and arrivals for both (common random numbers). The gain
/// of a trial is the difference of the two expected customer counts given those draws
/// ([`expected_customers`]): the mean gain is the same as re-simulating the raised funnel with the
/// same seeds would give, but without the noise of re-drawn leads, which made single-trial gains
/// swing by dozens of customers either way and the chance of being the best lever mostly chance.
/// Spread and that chance now come from what is uncertain in the scenario: the rates and the
/// arrivals. The baseline is the simulated funnel.
pub fn bottlenecks(s: &Scenario) -> Result<BottleneckReport, ScenarioError> {
    bottlenecks_with(s, true, &mut |_| {})
}

/// [`bottlenecks`] without `baseline_final_customers`: the gains need each trial's drawn rates and
/// arrivals only, not its simulated leads, so this takes a fraction of the time (at 12 stages and
/// 520 weeks, about 1/40 of a run instead of 1/4).
pub fn bottleneck_levers(s: &Scenario) -> Result<BottleneckReport, ScenarioError> {
    bottlenecks_with(s, false, &mut |_| {})
}

/// [`bottleneck_levers`], telling `progress` the share of trials done.
pub fn bottleneck_levers_with_progress(
    s: &Scenario,
    progress: Progress<'_>,
) -> Result<BottleneckReport, ScenarioError> {
    bottlenecks_with(s, false, progress)
}

fn bottlenecks_with(
    s: &Scenario,
    baseline: bool,
    progress: Progress<'_>,
) -> Result<BottleneckReport, ScenarioError> {
    let sim = Simulation::new(s)?;
    let ns = sim.n_stage;
    let nt = sim.n_period;
    let mut base = Dist::new(if baseline { s.trials } else { 1 });
    let mut gains: Vec<[Dist; 2]> = (0..ns)
        .map(|_| [Dist::new(s.trials), Dist::new(s.trials)])
        .collect();
    let mut best = vec![[0u64; 2]; ns];
    let mut gsc = GainScratch::default();
    let mut e0_seg = Vec::new();
    let mut inp = TrialInputs::default();
    let mut sc = Scratch::default();
    let mut fun = ModelTrial::default();
    let mut g = vec![[0.0f64; 2]; ns];
    for c in 0..sim.chunk_count() {
        for seed in sim.trial_seeds(c) {
            sim.prepare_trial(seed, &mut inp);
            if baseline {
                sim.run_model::<false>(
                    seed,
                    &inp.rates,
                    &inp.arrivals,
                    &inp.open,
                    &mut fun,
                    None,
                    &mut sc,
                    None,
                    None,
                    &mut Draws::Solo,
                );
                base.add(fun.series[M_CUM_CUSTOMERS][nt - 1]);
            }
            let e0 = expected_customers(
                &sim,
                &inp.rates,
                &inp.arrivals,
                &inp.open,
                &mut gsc.waiting,
                &mut e0_seg,
            );
            for st in 0..ns {
                for (kind, gk) in g[st].iter_mut().enumerate() {
                    let p = inp.base_rates[st];
                    let raised = if kind == 0 {
                        (p + 0.01).min(1.0)
                    } else {
                        (p * 1.1).min(1.0)
                    };
                    *gk = lever_gain(&sim, &inp, st, raised, &e0_seg, e0, &mut gsc);
                    gains[st][kind].add(*gk);
                }
            }
            for kind in 0..2 {
                // Ties go to the earlier stage, also ties up to rounding: without segments,
                // ×1.1 on any stage gains exactly 10% in exact arithmetic, and the sums of the
                // recurrence differ only in the last digits (10⁻¹⁵ relative), far below 10⁻⁹.
                let mut bi = 0;
                for st in 1..ns {
                    let (a, b) = (g[st][kind], g[bi][kind]);
                    if a - b > 1e-9 * a.abs().max(b.abs()) {
                        bi = st;
                    }
                }
                best[bi][kind] += 1;
            }
        }
        progress(done_share(&sim, c));
    }
    let n = u64::from(s.trials);
    let gain = |d: &Dist, cnt: u64| {
        let sm = d.summary();
        Gain {
            mean: sm.mean,
            p5: sm.p5,
            p95: sm.p95,
            probability_best: cnt as f64 / n as f64,
        }
    };
    let mut levers: Vec<Lever> = (0..ns)
        .map(|st| Lever {
            stage: st,
            name: s.stages[st].name.clone(),
            plus_one_point: gain(&gains[st][0], best[st][0]),
            plus_ten_percent: gain(&gains[st][1], best[st][1]),
        })
        .collect();
    // At most MAX_STAGES levers, and the order is total (ties go to the earlier stage): an insertion
    // sort gives the same order as `sort_by` without the general sort's code in the wasm.
    let before = |a: &Lever, b: &Lever| {
        b.plus_one_point
            .mean
            .total_cmp(&a.plus_one_point.mean)
            .then(a.stage.cmp(&b.stage))
            .is_lt()
    };
    for i in 1..levers.len() {
        let mut j = i;
        while j > 0 && before(&levers[j], &levers[j - 1]) {
            levers.swap(j, j - 1);
            j -= 1;
        }
    }
    Ok(BottleneckReport {
        trials: n,
        baseline_final_customers: baseline.then(|| base.summary()),
        levers,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetMetric {
    CumulativeCustomers,
    CumulativeRevenue,
    /// Customers still active (won, less churn): the flywheel's subscribers, say. The funnel has
    /// no churn, so for it this is its cumulative customers. Not monotone: "reached by period T"
    /// means at or above the target in some period up to T.
    ActiveCustomers,
    /// Revenue minus spend so far: at 0, the chance to have earned back everything spent (to
    /// break even). It can fall again (spend that its revenue does not cover), so "reached by period
    /// T" means at or above it from some period up to T through the last period of the horizon. The
    /// value may be negative (a loss to stay within).
    CumulativeNet,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Model {
    Funnel,
    Flywheel,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetQuery {
    pub metric: TargetMetric,
    pub model: Model,
    /// The target value (reached when the cumulative metric is ≥ value).
    pub value: f64,
    /// 0-based period index T: "reached by the end of period T".
    pub by_period: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TargetReport {
    pub trials: u64,
    /// P(reached by the end of `by_period`).
    pub probability: f64,
    /// Trials first reaching the target in period t.
    pub first_period_counts: Vec<u64>,
    /// Trials never reaching it within the horizon.
    pub never: u64,
    /// P(reached by the end of period t), per period.
    pub cumulative_probability: Vec<f64>,
}

impl TargetReport {
    /// The median of the first period in which the target is reached (0-based), or `None` when fewer
    /// than half of the trials reach it within the horizon.
    pub fn median_first_period(&self) -> Option<usize> {
        let half = self.trials.div_ceil(2);
        let mut cum = 0;
        self.first_period_counts.iter().position(|&c| {
            cum += c;
            cum >= half.max(1)
        })
    }
}

/// P(target reached by period T) and the distribution of the first period it is reached.
pub fn target(s: &Scenario, q: &TargetQuery) -> Result<TargetReport, ScenarioError> {
    target_with_progress(s, q, &mut |_| {})
}

/// [`target`], telling `progress` the share of trials done.
pub fn target_with_progress(
    s: &Scenario,
    q: &TargetQuery,
    progress: Progress<'_>,
) -> Result<TargetReport, ScenarioError> {
    let chunks = 0..Simulation::new(s)?.chunk_count();
    target_from_parts(s, q, vec![target_part(s, q, chunks, progress)?])
}

/// The query checked against the scenario.
fn check_target(s: &Scenario, q: &TargetQuery) -> Result<(), ScenarioError> {
    // Revenue minus spend may be a loss to stay within (a negative target); the others are counts
    // and revenue.
    let floor = if q.metric == TargetMetric::CumulativeNet {
        f64::NEG_INFINITY
    } else {
        0.0
    };
    if !q.value.is_finite() || q.value < floor {
        return Err(ScenarioError::Invalid {
            path: "target.value".into(),
            kind: if q.value.is_nan() {
                ErrorKind::NotANumber
            } else {
                ErrorKind::OutOfRange
            },
            value: q.value.to_string(),
            allowed: if floor == 0.0 {
                "a finite number of at least 0"
            } else {
                "a finite number"
            }
            .into(),
        });
    }
    if q.by_period >= s.periods {
        return Err(ScenarioError::Invalid {
            path: "target.by_period".into(),
            kind: ErrorKind::OutOfRange,
            value: q.by_period.to_string(),
            allowed: format!("a period index between 0 and {}", s.periods - 1),
        });
    }
    Ok(())
}

/// [`target`]'s tallies over the trials of `chunks` (see [`AnalysisPart`]), telling `progress` the share
/// of them done.
pub fn target_part(
    s: &Scenario,
    q: &TargetQuery,
    chunks: Range<u32>,
    progress: Progress<'_>,
) -> Result<AnalysisPart, ScenarioError> {
    let sim = Simulation::new(s)?;
    check_target(s, q)?;
    check_chunks(&chunks, sim.chunk_count())?;
    let nt = sim.n_period;
    let metric = match q.metric {
        TargetMetric::CumulativeCustomers => M_CUM_CUSTOMERS,
        TargetMetric::CumulativeRevenue => M_CUM_REVENUE,
        TargetMetric::ActiveCustomers => M_ACTIVE,
        TargetMetric::CumulativeNet => M_CUM_NET,
    };
    let mut part = AnalysisPart::new(&chunks, nt + 1, Vec::new());
    let counts = &mut part.counts;
    for_each_trial(&sim, chunks, progress, |_, _, fun, fly, _| {
        let m = if q.model == Model::Funnel { fun } else { fly };
        let v = &m.series[metric];
        let t = if q.metric == TargetMetric::CumulativeNet {
            // Reached for good: at or above it from then on, to the last period (a rise above 0
            // that the spend takes back is not breaking even).
            crate::accumulate::from_then_on(nt, |t| v[t] >= q.value)
        } else {
            v.iter().position(|&x| x >= q.value)
        };
        counts[t.unwrap_or(nt)] += 1;
    });
    Ok(part)
}

/// [`target`]'s report from the parts that cover its trials (see [`AnalysisPart`]).
pub fn target_from_parts(
    s: &Scenario,
    q: &TargetQuery,
    parts: Vec<AnalysisPart>,
) -> Result<TargetReport, ScenarioError> {
    let sim = Simulation::new(s)?;
    check_target(s, q)?;
    let nt = sim.n_period;
    let counts = merge_parts(parts, sim.chunk_count(), nt + 1, 0)?.counts;
    let n = u64::from(s.trials);
    let mut cum = 0;
    let cumulative_probability: Vec<f64> = counts[..nt]
        .iter()
        .map(|&c| {
            cum += c;
            cum as f64 / n as f64
        })
        .collect();
    Ok(TargetReport {
        trials: n,
        probability: cumulative_probability[q.by_period as usize],
        first_period_counts: counts[..nt].to_vec(),
        never: counts[nt],
        cumulative_probability,
    })
}

/// Scenarios A and B run trial for trial, B's draws coupled to A's (see [`compare`]).
pub(crate) struct Pair {
    /// A, B.
    pub(crate) sims: [Simulation; 2],
    /// [A, B] × [funnel, flywheel] of the last trial run.
    pub(crate) out: [[ModelTrial; 2]; 2],
    inp: TrialInputs,
    sc: [Scratch; 2],
    log: Vec<crate::engine::Drawn>,
}

impl Pair {
    /// A stage whose rate is a Beta in both with other parameters draws it by inversion in both.
    pub(crate) fn new(mut a: Simulation, mut b: Simulation) -> Pair {
        let differ = a.beta_rates_differ(&b);
        a.invert_rates(&differ);
        b.invert_rates(&differ);
        Pair {
            sims: [a, b],
            out: Default::default(),
            inp: TrialInputs::default(),
            sc: Default::default(),
            log: Vec::new(),
        }
    }

    /// The trial of `seed`: A recording its draws, then B coupled to them.
    pub(crate) fn run(&mut self, seed: u64) {
        let [a, b] = &self.sims;
        let [[fa, ya], [fb, yb]] = &mut self.out;
        let [sc_a, sc_b] = &mut self.sc;
        let mut log = std::mem::take(&mut self.log);
        log.clear();
        let mut rec = Draws::Record(log);
        a.run_trial_with(seed, &mut self.inp, fa, ya, sc_a, &mut rec);
        self.log = match rec {
            Draws::Record(l) => l,
            _ => Vec::new(),
        };
        let mut replay = Draws::Replay(Replay::new(&self.log, seed));
        b.run_trial_with(seed, &mut self.inp, fb, yb, sc_b, &mut replay);
    }
}

/// The distribution of B − A for one quantity.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Difference {
    pub summary: Summary,
    pub histogram: Histogram,
    pub probability_b_greater: f64,
    pub probability_equal: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ComparisonReport {
    pub trials: u64,
    pub funnel_customers: Difference,
    pub funnel_revenue: Difference,
    pub flywheel_customers: Difference,
    pub flywheel_revenue: Difference,
    /// The flywheel's active customers at the end (customers less churn): where a change to churn
    /// shows.
    pub flywheel_active_customers: Difference,
    /// Revenue minus spend over the horizon (cumulative revenue less every period's spend), per
    /// model: where a change of leads or their cost shows what it is worth (fewer leads bought
    /// lose revenue and save spend).
    #[serde(default)]
    pub funnel_profit: Difference,
    #[serde(default)]
    pub flywheel_profit: Difference,
}

/// Compares final values of B against A, trial for trial: B is run with A's `seed` and `trials`,
/// so trial i of both draws the same rates and arrivals, and each of B's counts is coupled to A's
/// count of the same stage, period and segment (see [`crate::engine::Draws`]): where B only
/// improves on A, B is never behind in any trial. A stage whose rate is a Beta in both with other
/// parameters draws it by inversion in both (the same uniform gives B the higher rate when its
/// Beta is stochastically larger), not by gamma variates, whose rejections would pair unrelated rates.
pub fn compare(a: &Scenario, b: &Scenario) -> Result<ComparisonReport, ScenarioError> {
    compare_with_progress(a, b, &mut |_| {})
}

/// [`compare`], telling `progress` the share of trials done.
pub fn compare_with_progress(
    a: &Scenario,
    b: &Scenario,
    progress: Progress<'_>,
) -> Result<ComparisonReport, ScenarioError> {
    let chunks = 0..Simulation::new(a)?.chunk_count();
    compare_from_parts(a, vec![compare_part(a, b, chunks, progress)?])
}

/// The quantities [`compare`] reports on, in the order of its part's distributions.
const COMPARED: usize = 7;

/// [`compare`]'s tallies over the trials of `chunks` (see [`AnalysisPart`]), telling `progress` the
/// share of them done.
pub fn compare_part(
    a: &Scenario,
    b: &Scenario,
    chunks: Range<u32>,
    progress: Progress<'_>,
) -> Result<AnalysisPart, ScenarioError> {
    compare_part_of(a, b, chunks, progress, true)
}

/// [`compare_part`]; without `shortcut`, B is simulated even where it is A relabelled (for the test
/// that the shortcut gives the same).
fn compare_part_of(
    a: &Scenario,
    b: &Scenario,
    chunks: Range<u32>,
    progress: Progress<'_>,
    shortcut: bool,
) -> Result<AnalysisPart, ScenarioError> {
    let mut b2 = b.clone();
    b2.seed = a.seed;
    b2.trials = a.trials;
    // B is A relabelled (under another name, as "Test a change" starts): every trial gives the same in
    // both, so every difference is 0 (x − x is +0.0 for every finite x), without simulating the trials
    // twice.
    let b_is_a = shortcut && a.same_but_labels(&b2);
    let mut pair = Pair::new(Simulation::new(a)?, Simulation::new(&b2)?);
    check_chunks(&chunks, pair.sims[0].chunk_count())?;
    let nt_a = pair.sims[0].n_period;
    let nt_b = pair.sims[1].n_period;
    let diffs = (0..COMPARED).map(|_| Dist::new(a.trials)).collect();
    let mut part = AnalysisPart::new(&chunks, 2 * COMPARED, diffs);
    let (d, (gt, eq)) = (&mut part.diffs, part.counts.split_at_mut(COMPARED));
    // Revenue minus spend over the horizon of one model's trial.
    let profit = |m: &ModelTrial, nt: usize| m.series[M_CUM_NET][nt - 1];
    // Same seed and trial count: trial i has the same seed in both.
    for c in chunks.clone() {
        for seed in pair.sims[0].trial_seeds(c) {
            let pairs = if b_is_a {
                [(0.0, 0.0); COMPARED]
            } else {
                pair.run(seed);
                let [[fa, ya], [fb, yb]] = &pair.out;
                [
                    (
                        fa.series[M_CUM_CUSTOMERS][nt_a - 1],
                        fb.series[M_CUM_CUSTOMERS][nt_b - 1],
                    ),
                    (
                        fa.series[M_CUM_REVENUE][nt_a - 1],
                        fb.series[M_CUM_REVENUE][nt_b - 1],
                    ),
                    (
                        ya.series[M_CUM_CUSTOMERS][nt_a - 1],
                        yb.series[M_CUM_CUSTOMERS][nt_b - 1],
                    ),
                    (
                        ya.series[M_CUM_REVENUE][nt_a - 1],
                        yb.series[M_CUM_REVENUE][nt_b - 1],
                    ),
                    (ya.series[M_ACTIVE][nt_a - 1], yb.series[M_ACTIVE][nt_b - 1]),
                    (profit(fa, nt_a), profit(fb, nt_b)),
                    (profit(ya, nt_a), profit(yb, nt_b)),
                ]
            };
            for (i, (x, y)) in pairs.into_iter().enumerate() {
                d[i].add(y - x);
                if y > x {
                    gt[i] += 1;
                } else if y == x {
                    eq[i] += 1;
                }
            }
        }
        progress(part_share(&pair.sims[0], &chunks, c));
    }
    Ok(part)
}

/// [`compare`]'s report from the parts that cover A's trials (see [`AnalysisPart`]).
pub fn compare_from_parts(
    a: &Scenario,
    parts: Vec<AnalysisPart>,
) -> Result<ComparisonReport, ScenarioError> {
    let chunks = Simulation::new(a)?.chunk_count();
    let whole = merge_parts(parts, chunks, 2 * COMPARED, COMPARED)?;
    let (d, (gt, eq)) = (&whole.diffs, whole.counts.split_at(COMPARED));
    let n = u64::from(a.trials);
    let diff = |i: usize| {
        let (summary, histogram) = d[i].report();
        Difference {
            summary,
            histogram,
            probability_b_greater: gt[i] as f64 / n as f64,
            probability_equal: eq[i] as f64 / n as f64,
        }
    };
    Ok(ComparisonReport {
        trials: n,
        funnel_customers: diff(0),
        funnel_revenue: diff(1),
        flywheel_customers: diff(2),
        flywheel_revenue: diff(3),
        flywheel_active_customers: diff(4),
        funnel_profit: diff(5),
        flywheel_profit: diff(6),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Segment;

    /// Per trial of `b`: funnel customers, flywheel customers and flywheel active customers at the
    /// end, from B run alone (`against` None) or coupled to A as Compare runs it.
    fn finals_of_b(b: &Scenario, against: Option<&Scenario>) -> Vec<[f64; 3]> {
        let sb = Simulation::new(b).unwrap();
        let nt = sb.n_period;
        let seeds: Vec<u64> = (0..sb.chunk_count())
            .flat_map(|c| sb.trial_seeds(c))
            .collect();
        let finals = |f: &ModelTrial, y: &ModelTrial| {
            [
                f.series[M_CUM_CUSTOMERS][nt - 1],
                y.series[M_CUM_CUSTOMERS][nt - 1],
                y.series[M_ACTIVE][nt - 1],
            ]
        };
        match against {
            Some(a) => {
                let mut pair = Pair::new(Simulation::new(a).unwrap(), sb);
                seeds
                    .into_iter()
                    .map(|seed| {
                        pair.run(seed);
                        finals(&pair.out[1][0], &pair.out[1][1])
                    })
                    .collect()
            }
            None => {
                let (mut inp, mut sc) = (TrialInputs::default(), Scratch::default());
                let (mut f, mut y) = (ModelTrial::default(), ModelTrial::default());
                seeds
                    .into_iter()
                    .map(|seed| {
                        sb.run_trial(seed, &mut inp, &mut f, &mut y, &mut sc);
                        finals(&f, &y)
                    })
                    .collect()
            }
        }
    }

    /// Two-sample Kolmogorov–Smirnov statistic.
    fn ks(mut x: Vec<f64>, mut y: Vec<f64>) -> f64 {
        x.sort_by(f64::total_cmp);
        y.sort_by(f64::total_cmp);
        let (n, m) = (x.len() as f64, y.len() as f64);
        let (mut i, mut j, mut d) = (0, 0, 0.0f64);
        while i < x.len() && j < y.len() {
            let v = x[i].min(y[j]);
            while i < x.len() && x[i] <= v {
                i += 1;
            }
            while j < y.len() && y[j] <= v {
                j += 1;
            }
            d = d.max((i as f64 / n - j as f64 / m).abs());
        }
        d
    }

    /// B run coupled to A has the law of B run alone (on other seeds, so the samples are
    /// independent): a two-sample KS test at alpha = 0.001 for each of three final quantities
    /// (critical value sqrt(ln(2 / 0.001) / 2) · sqrt(2 / n); conservative for these discrete
    /// values), for an improvement, a worsening (B has fewer leads downstream: the hypergeometric
    /// path) and a B of another shape (a sixth stage, segments, other delays: keys that meet A's
    /// unrelated draws). Test the test: the same B with Awareness one point higher is told apart.
    #[test]
    fn b_coupled_to_a_has_the_law_of_b_alone() {
        let mut a = Scenario::default_five_stage();
        a.trials = 10_000;
        a.seed = 7;
        let mut up = a.clone();
        up.stages[0].rate = Rate::Beta {
            mean: 0.31,
            certainty: 200.0,
        };
        let mut down = a.clone();
        down.stages[3].rate = Rate::Beta {
            mean: 0.4,
            certainty: 50.0,
        };
        let mut other = a.clone();
        other.stages.insert(3, other.stages[2].clone());
        other.stages[3].name = "Demo".into();
        other.stages[3].delay = 3.0;
        other.segments = vec![
            Segment {
                name: "S".into(),
                share: 0.6,
                logit_shift: vec![0.3; 6],
            },
            Segment {
                name: "L".into(),
                share: 0.4,
                logit_shift: vec![],
            },
        ];
        let crit = (libm::log(2.0 / 0.001) / 2.0).sqrt() * (2.0 / f64::from(a.trials)).sqrt();
        let alone_of = |b: &Scenario| {
            let mut solo = b.clone();
            solo.seed = 8;
            finals_of_b(&solo, None)
        };
        for (what, b) in [("up", &up), ("down", &down), ("other", &other)] {
            let coupled = finals_of_b(b, Some(&a));
            let alone = alone_of(b);
            for q in 0..3 {
                let d = ks(
                    coupled.iter().map(|v| v[q]).collect(),
                    alone.iter().map(|v| v[q]).collect(),
                );
                assert!(d < crit, "{what}, quantity {q}: D = {d} ≥ {crit}");
            }
        }
        let mut higher = up.clone();
        higher.stages[0].rate = Rate::Beta {
            mean: 0.32,
            certainty: 200.0,
        };
        let d = ks(
            finals_of_b(&up, Some(&a)).iter().map(|v| v[0]).collect(),
            alone_of(&higher).iter().map(|v| v[0]).collect(),
        );
        assert!(d > crit, "D = {d}");
    }

    /// `lever_gain`'s proportional shortcut against the raised recurrence it replaces, for every
    /// stage, both levers and 200 trials of a scenario with segments, delays, open leads at a middle
    /// stage (the recurrence above it, the shortcut from it on), a rate capped at 1, and then a fixed
    /// rate of 0 at the last stage (the recurrence). The two are the same sum in a different order: 10⁻⁹ relative
    /// is far above their rounding (about 10⁻¹⁴) and far below any real difference.
    #[test]
    fn lever_gain_shortcut_equals_the_raised_recurrence() {
        let mut s = Scenario::default_five_stage();
        s.trials = 200;
        s.stages[1].rate = Rate::Fixed { value: 0.995 };
        s.stages[3].open = 40;
        s.segments = vec![
            Segment {
                name: "SMB".into(),
                share: 0.7,
                logit_shift: vec![0.2, 0.0, -0.3, 0.1, 0.0],
            },
            Segment {
                name: "Enterprise".into(),
                share: 0.3,
                logit_shift: vec![],
            },
        ];
        let mut zero = s.clone();
        zero.stages[4].rate = Rate::Fixed { value: 0.0 };
        for s in [s, zero] {
            let sim = Simulation::new(&s).unwrap();
            let (mut inp, mut sc, mut e0) =
                (TrialInputs::default(), GainScratch::default(), vec![]);
            for seed in sim.trial_seeds(0) {
                sim.prepare_trial(seed, &mut inp);
                let total = expected_customers(
                    &sim,
                    &inp.rates,
                    &inp.arrivals,
                    &inp.open,
                    &mut sc.waiting,
                    &mut e0,
                );
                for st in 0..sim.n_stage {
                    let p = inp.base_rates[st];
                    for raised in [(p + 0.01).min(1.0), (p * 1.1).min(1.0)] {
                        let got = lever_gain(&sim, &inp, st, raised, &e0, total, &mut sc);
                        let mut base = inp.base_rates.clone();
                        base[st] = raised;
                        let mut rates = vec![];
                        sim.effective_rates(&base, &mut rates);
                        let (mut w, mut ps) = (vec![], vec![]);
                        let want = expected_customers(
                            &sim,
                            &rates,
                            &inp.arrivals,
                            &inp.open,
                            &mut w,
                            &mut ps,
                        ) - total;
                        assert!(
                            (got - want).abs() <= 1e-9 * total,
                            "stage {st}, raised {raised}: {got} against {want}"
                        );
                    }
                }
            }
        }
    }

    /// The parts of `chunks` chunks split at `cuts` (ascending, inside 0..chunks).
    fn ranges(chunks: u32, cuts: &[u32]) -> Vec<Range<u32>> {
        let mut edges = vec![0];
        edges.extend_from_slice(cuts);
        edges.push(chunks);
        edges.windows(2).map(|w| w[0]..w[1]).collect()
    }

    /// A target or a comparison split over workers gives exactly the report of the whole, for any split:
    /// below the exact limit (the values are kept) and above it (sketches). The parts also cross the
    /// wire format bit for bit. Parts out of order are refused.
    #[test]
    fn split_analyses_give_the_whole_report() {
        for (trials, periods) in [(5_300, 12), (EXACT_TRIALS_LIMIT + 1_700, 8)] {
            let mut a = Scenario::default_five_stage();
            a.trials = trials;
            a.periods = periods;
            let mut b = a.clone();
            b.stages[1].rate = Rate::Beta {
                mean: 0.45,
                certainty: 100.0,
            };
            b.flywheel.churn_rate = 0.03;
            let n = Simulation::new(&a).unwrap().chunk_count();
            let q = TargetQuery {
                metric: TargetMetric::CumulativeCustomers,
                model: Model::Flywheel,
                // The median: reached in about half of the trials.
                value: crate::run(&a).unwrap().flywheel.final_customers.p50,
                by_period: periods - 1,
            };
            let whole_t = target(&a, &q).unwrap();
            let whole_c = compare(&a, &b).unwrap();
            assert!(
                whole_t.probability > 0.4 && whole_t.probability < 0.9,
                "{}",
                whole_t.probability
            );
            for cuts in [vec![n / 2], vec![1, n / 3, n - 1]] {
                let chunks = ranges(n, &cuts);
                let mut shares = Vec::new();
                let mut tp: Vec<AnalysisPart> = chunks
                    .iter()
                    .map(|r| {
                        let mut tell = |f: f64| shares.push(f);
                        let p = target_part(&a, &q, r.clone(), &mut tell).unwrap();
                        crate::wire::decode(&crate::wire::encode(&p)).unwrap()
                    })
                    .collect();
                // Each part tells the share of its own trials, up to all of them.
                assert!(shares.windows(2).all(|w| w[1] > w[0] || w[0] == 1.0));
                assert_eq!(shares.iter().filter(|&&f| f == 1.0).count(), chunks.len());
                let cp: Vec<AnalysisPart> = chunks
                    .iter()
                    .map(|r| compare_part(&a, &b, r.clone(), &mut |_| {}).unwrap())
                    .collect();
                tp.reverse();
                assert!(target_from_parts(&a, &q, tp.clone()).is_err());
                tp.reverse();
                assert_eq!(target_from_parts(&a, &q, tp).unwrap(), whole_t);
                let got = compare_from_parts(&a, cp).unwrap();
                assert_eq!(crate::wire::encode(&got), crate::wire::encode(&whole_c));
            }
        }
    }

    /// Parts that leave out a chunk, take one twice or belong to another analysis are refused, as are
    /// ranges outside the run.
    #[test]
    fn parts_that_do_not_cover_the_run_once_are_refused() {
        let mut a = Scenario::default_five_stage();
        a.trials = 2_000;
        a.periods = 4;
        let q = TargetQuery {
            metric: TargetMetric::CumulativeRevenue,
            model: Model::Funnel,
            value: 1e5,
            by_period: 3,
        };
        let t = |r: Range<u32>| target_part(&a, &q, r, &mut |_| {}).unwrap();
        let c = |r: Range<u32>| compare_part(&a, &a, r, &mut |_| {}).unwrap();
        let refused = |e: ScenarioError| e.path() == Some("parts");
        assert!(refused(
            target_from_parts(&a, &q, vec![t(0..2), t(3..4)]).unwrap_err()
        ));
        assert!(refused(
            target_from_parts(&a, &q, vec![t(0..3), t(2..4)]).unwrap_err()
        ));
        assert!(refused(
            target_from_parts(&a, &q, vec![t(0..3)]).unwrap_err()
        ));
        assert!(refused(target_from_parts(&a, &q, vec![]).unwrap_err()));
        assert!(refused(
            target_from_parts(&a, &q, vec![c(0..4)]).unwrap_err()
        ));
        assert!(refused(compare_from_parts(&a, vec![t(0..4)]).unwrap_err()));
        assert!(refused(
            compare_from_parts(&a, vec![c(0..1), t(1..4)]).unwrap_err()
        ));
        assert_eq!(
            compare_from_parts(&a, vec![c(0..1), c(1..4)]).unwrap(),
            compare(&a, &a).unwrap()
        );
        #[allow(clippy::reversed_empty_ranges)]
        for r in [0..0, 2..1, 0..5, 4..5] {
            let e = target_part(&a, &q, r.clone(), &mut |_| {}).unwrap_err();
            assert_eq!(e.path(), Some("chunks"), "{r:?}");
            let e = compare_part(&a, &a, r, &mut |_| {}).unwrap_err();
            assert_eq!(e.path(), Some("chunks"));
        }
    }

    /// B that is A under another name (as "Test a change" starts) or with other labels is not simulated
    /// again, and its report is exactly the one from simulating both (here without the shortcut, for B
    /// that differs in a stage's name too). Below and above the exact limit, where the zeros are
    /// sketched.
    #[test]
    fn b_that_is_a_renamed_gives_the_report_of_simulating_both() {
        for trials in [3_000, EXACT_TRIALS_LIMIT + 900] {
            let mut a = Scenario::default_five_stage();
            a.trials = trials;
            a.periods = 6;
            a.name = "Plan".into();
            let mut renamed = a.clone();
            renamed.name = "Plan (before)".into();
            renamed.seed = a.seed + 1; // B runs with A's seed anyway
            let mut restaged = a.clone();
            restaged.stages[2].name = "Demo".into();
            let quick = compare(&a, &renamed).unwrap();
            let n = Simulation::new(&a).unwrap().chunk_count();
            let simulated = compare_part_of(&a, &restaged, 0..n, &mut |_| {}, false).unwrap();
            let slow = compare_from_parts(&a, vec![simulated]).unwrap();
            assert_eq!(compare(&a, &restaged).unwrap(), quick);
            assert_eq!(crate::wire::encode(&quick), crate::wire::encode(&slow));
            assert_eq!(quick.flywheel_profit.probability_equal, 1.0);
            assert_eq!(quick.funnel_revenue.summary.max, 0.0);
            // Split into parts, too.
            let parts = ranges(n, &[n / 3])
                .into_iter()
                .map(|r| compare_part(&a, &renamed, r, &mut |_| {}).unwrap())
                .collect();
            assert_eq!(compare_from_parts(&a, parts).unwrap(), quick);
        }
    }
}
