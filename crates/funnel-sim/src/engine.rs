//! The per-trial simulation: binomial thinning per stage and period, never a loop over leads.

use serde::{Deserialize, Serialize};

use super::rng::{
    self, poisson_table_bytes_bound, table_caps, BinomialP, BinomialTable, PoissonP, PoissonTable,
    R0Table, SimRng,
};
use super::scenario::{ArrivalDistribution, Rate, Scenario, ScenarioError, MAX_STAGES};

/// Trials per chunk. Each chunk has its own random stream derived from (seed, chunk index).
pub const CHUNK_TRIALS: u32 = 500;
/// Draws whose p is fixed for the run (advance, churn, mix) use inversion tables for n below
/// this at most; larger n are drawn directly. [`table_caps`] lowers it so that all tables together
/// stay within `rng::TABLE_BUDGET`.
const TABLE_CAP: usize = 1 << 10;

/// The Poisson arrivals' inversion tables (one per period) together stay below this many bytes.
const ARRIVAL_TABLE_BUDGET: usize = 4 << 20;

/// Every lead count saturates here (keeps explosive flywheels finite and samplers exact).
pub const COUNT_CAP: u64 = 1_000_000_000_000;

// Per-trial stream ids (see rng.rs for the derivation).
const STREAM_RATES: u64 = 0;
const STREAM_ARRIVALS: u64 = 1;
const STREAM_FLYWHEEL: u64 = 2;
const STREAM_OPEN: u64 = 3;
const STREAM_COUPLE: u64 = 4;
const STREAM_START: u64 = 5;
const STREAM_STAGE_BASE: u64 = 16;
const STREAM_EXTRA_BASE: u64 = 64;

/// Where the draws of [`Simulation::run_model`] come from.
///
/// `Solo` (every run): each draw from its own sub-stream. For Compare, A runs with `Record`, which
/// keeps each draw's key, parameters and count, and B with `Replay`, which *couples* each of its
/// draws to A's draw of the same key ([`rng::couple_binomial`], [`rng::couple_poisson`]): as if the
/// same leads met both scenarios, so that a change that only improves (a higher rate, more leads)
/// never gives B fewer customers than A in any trial, and the difference is the effect of the
/// change, not of chance. B's draws take their extra randomness from a stream of their own per key
/// (`STREAM_COUPLE`), never A's, and A's count at a key is a fresh draw given everything that came
/// before it in both runs (the keys are met in the same order in both, see [`draw_key`]): so each
/// of B's draws has exactly its own distribution, and B's results have the law of a run of B alone.
pub(crate) enum Draws<'a> {
    Solo,
    Record(Vec<Drawn>),
    Replay(Replay<'a>),
}

/// How a draw is made from a stream: the sampler of its call site, as data, so that the draws
/// other than `Solo` go through one function (one copy of the samplers in the wasm) while `Solo`'s
/// are inlined at their sites as before.
pub(crate) enum Sampler<'s> {
    /// Bin(n, p) from a table of p.
    Table(&'s BinomialTable),
    /// Bin(n, p) of a trial's conversion rate, with its BINV start values.
    Conv(&'s BinomialP, &'s R0Table),
    /// Poisson(p) of `count` customers (`poisson_memo`'s cache entry `which`).
    Poisson(u64, usize, &'s mut [[(f64, f64); 2]]),
    /// Bin(n, p) for any p.
    Binomial,
}

impl Sampler<'_> {
    /// The draw (for a Poisson, `p` is its mean).
    #[inline(always)]
    fn draw(self, rng: &mut SimRng, n: u64, p: f64) -> u64 {
        match self {
            Sampler::Table(t) => t.sample(rng, n),
            Sampler::Conv(c, r0) => c.sample_table(rng, n, r0),
            Sampler::Poisson(count, which, cache) => poisson_memo(rng, p, count, which, cache),
            Sampler::Binomial => rng::binomial(rng, n, p),
        }
    }
}

impl Draws<'_> {
    /// The count at `key` (computed only when kept): Bin(n, p), or Poisson(p) for
    /// [`Sampler::Poisson`].
    /// `KEEP` is false for `Solo` only: `run_model` is compiled twice, and the `Solo` copy has the
    /// samplers inlined at their call sites as they were before there were other draws.
    #[inline(always)]
    fn draw<const KEEP: bool>(
        &mut self,
        key: impl FnOnce() -> u64,
        n: u64,
        p: f64,
        rng: &mut SimRng,
        s: Sampler,
    ) -> u64 {
        if KEEP {
            self.draw_kept(key(), n, p, rng, s)
        } else {
            s.draw(rng, n, p)
        }
    }

    #[inline(never)]
    fn draw_kept(&mut self, key: u64, n: u64, p: f64, rng: &mut SimRng, s: Sampler) -> u64 {
        let poisson = matches!(s, Sampler::Poisson(..));
        match self {
            Draws::Solo => s.draw(rng, n, p),
            Draws::Record(log) => {
                let x = s.draw(rng, n, p);
                debug_assert!(log.last().is_none_or(|l| l.0 < key));
                log.push((key, if poisson { 0 } else { n }, p, x));
                x
            }
            Draws::Replay(r) => {
                let (a, mut own) = r.find(key);
                match a {
                    Some((_, _, la, xa)) if poisson => rng::couple_poisson(&mut own, (la, xa), p),
                    Some((_, na, pa, xa)) => {
                        rng::couple_binomial(&mut own, (na, pa, xa), n, p, &mut r.buf)
                    }
                    None => s.draw(&mut own, n, p),
                }
            }
        }
    }
}

/// The key of a draw in period `t`: `phase` 0 for the flywheel's draws before the stages, 1 for the
/// stages, 2 for those after; then the stage, layer, segment and which draw. Keys grow in the order
/// that `run_model` makes its draws, in any scenario (the loops are the same).
#[inline(always)]
fn draw_key(t: usize, phase: u64, st: usize, layer: usize, k: usize, which: u64) -> u64 {
    ((t as u64 + 1) << 40)
        | (phase << 36)
        | ((st as u64) << 28)
        | ((layer as u64) << 24)
        | ((k as u64) << 16)
        | which
}

/// Bin(n, p) of `table`'s p at `key`.
#[inline(always)]
fn table_draw<const KEEP: bool>(
    d: &mut Draws,
    key: u64,
    table: &BinomialTable,
    n: u64,
    rng: &mut SimRng,
) -> u64 {
    d.draw::<KEEP>(|| key, n, table.p(), rng, Sampler::Table(table))
}

/// The multinomial split of `n` customers by the customer mix: promoters, then passives among the
/// rest, the others detractors; drawn at `key` and `key + 1`.
#[inline(always)]
fn split_mix<const KEEP: bool>(
    d: &mut Draws,
    key: u64,
    mix: &[BinomialTable; 2],
    n: u64,
    rng: &mut SimRng,
) -> (u64, u64, u64) {
    let promoters = table_draw::<KEEP>(d, key, &mix[0], n, rng);
    let passives = table_draw::<KEEP>(d, key + 1, &mix[1], n - promoters, rng);
    (promoters, passives, n - promoters - passives)
}

/// The key of a draw of `prepare_trial`: below every key of `run_model` (whose period field starts
/// at 1), in the order drawn: per period the arrivals' Poisson count (`kind` 0) and their split over
/// the segments (1, segment i at `+ i`), then per stage the split of its open leads (2; after every
/// period's, as periods are fewer than 1,024).
#[inline(always)]
fn prepare_key(kind: u64, index: usize, i: u64) -> u64 {
    let slot = if kind == 2 { 1024 + index } else { index } as u64;
    (slot << 20) | (kind << 16) | i
}

/// The keys of the split of the customers at the start: after `prepare_trial`'s (below 2³¹) and
/// before `run_model`'s period draws (from 2⁴⁰), in the order drawn.
const START_KEY: u64 = 1 << 39;

/// One recorded draw: key, count parameter (n, or 0 for a Poisson), probability or mean, result.
pub(crate) type Drawn = (u64, u64, f64, u64);

/// The state of a `Draws::Replay`: A's record of the same trial.
pub(crate) struct Replay<'a> {
    log: &'a [Drawn],
    /// The next entry of `log` not yet passed.
    at: usize,
    /// The trial's coupling key: the stream of a draw is its sub-stream by the draw's key.
    key: SimRng,
    buf: Vec<f64>,
}

impl<'a> Replay<'a> {
    pub(crate) fn new(log: &'a [Drawn], seed: u64) -> Replay<'a> {
        Replay {
            log,
            at: 0,
            key: rng::stream(seed, STREAM_COUPLE),
            buf: Vec::new(),
        }
    }

    /// A's draw at `key` (keys are asked for in increasing order), and the fresh stream of B's.
    fn find(&mut self, key: u64) -> (Option<Drawn>, SimRng) {
        while self.at < self.log.len() && self.log[self.at].0 < key {
            self.at += 1;
        }
        let a = self.log.get(self.at).filter(|e| e.0 == key).copied();
        let r = self.key.sub([
            rng::splitmix64(key),
            rng::splitmix64(key ^ 0xA5A5_A5A5_A5A5_A5A5),
        ]);
        (a, r)
    }
}

#[derive(Clone, Debug)]
enum RateDraw {
    Point(f64),
    Beta(f64, f64),
}

/// A validated, prepared run. Owns a copy of the scenario; `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Simulation {
    pub(crate) scenario: Scenario,
    pub(crate) n_seg: usize,
    pub(crate) n_stage: usize,
    pub(crate) n_period: usize,
    seg_share: Vec<f64>,
    /// [segment][stage] logit shifts.
    shift: Vec<f64>,
    rate_draw: Vec<RateDraw>,
    /// Per stage: None = advance in the same period; Some(1/delay).
    advance_prob: Vec<Option<f64>>,
    advance_draw: Vec<BinomialTable>,
    arrival_mean: Vec<f64>,
    /// Per period: the prepared Poisson draw of the arrivals (Poisson arrivals only), with its
    /// inversion table while the tables fit `ARRIVAL_TABLE_BUDGET`.
    arrival_draw: Vec<PoissonTable>,
    mix: (f64, f64, f64),
    /// Prepared draws: churn, detractor churn, mix split (promoter, passive | not promoter).
    churn_draw: BinomialTable,
    dchurn_draw: BinomialTable,
    mix_draw: [BinomialTable; 2],
    /// Sub-stream constants ([`rng::substream_constants`]): [period][segment] for the stages'
    /// draws, [period][count, split] for the arrivals, [period][kind of draw] (5 kinds) for the
    /// flywheel, [stage] for the rates ([`MAX_STAGES`] for the copula's common factor) and the
    /// open leads. Indices that do not depend on the scenario's size, so that two scenarios with
    /// another number of stages or periods (Compare) share what they can.
    sub: Vec<[u64; 2]>,
    /// Per stage: its Beta rate is drawn by inversion of one uniform, not from gamma variates
    /// (Compare, for the stages whose Beta differs between A and B).
    invert: Vec<bool>,
}

/// One stage in one period of one trial (summed over segments).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageFlow {
    /// Leads that entered the stage this period.
    pub entered: u64,
    /// Of those, how many will convert (decided at entry).
    pub converted: u64,
    /// Of those, how many leave the funnel.
    pub dropped: u64,
    /// Converted leads waiting (delay) at the start of the period.
    pub waiting_start: u64,
    /// Leads that moved on to the next stage (or purchased, for the last stage) this period.
    pub advanced: u64,
    /// Converted leads still waiting at the end of the period.
    pub waiting_end: u64,
}

/// One period of one model of one trial.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PeriodTrace {
    pub stages: Vec<StageFlow>,
    /// Base arrivals at the top stage.
    pub arrivals: u64,
    /// Flywheel: leads bought with reinvested revenue, entering the top stage.
    pub reinvest_leads: u64,
    /// Flywheel: referred leads entering `referral_entry_stage`.
    pub referrals: u64,
    /// First purchases (new customers).
    pub purchases: u64,
    /// Flywheel: repeat purchases by active customers.
    pub repeat_purchases: u64,
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
    pub revenue: f64,
    pub spend: f64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelTrace {
    pub periods: Vec<PeriodTrace>,
}

/// Everything that happened in one trial, for tests and the animated flow view.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TrialTrace {
    pub trial_index: u64,
    /// The trial's drawn conversion rate per stage (before segment shifts).
    pub rates: Vec<f64>,
    pub funnel: ModelTrace,
    pub flywheel: ModelTrace,
}

/// Per-trial outputs of one model (per-period series, per-stage totals).
#[derive(Clone, Debug, Default)]
pub(crate) struct ModelTrial {
    pub series: [Vec<f64>; N_METRICS],
    pub stage_entered: Vec<u64>,
    pub stage_advanced: Vec<u64>,
    /// Cumulative customers at the horizon per segment (empty without segments).
    pub segment_customers: Vec<f64>,
    /// Some count of this model reached [`COUNT_CAP`] in some period (and was held there).
    pub capped: bool,
}

/// Metrics recorded per period (order of `ModelTrial::series`).
pub(crate) const N_METRICS: usize = 7;
pub(crate) const M_NEW_LEADS: usize = 0;
pub(crate) const M_NEW_CUSTOMERS: usize = 1;
pub(crate) const M_CUM_CUSTOMERS: usize = 2;
pub(crate) const M_CUM_REVENUE: usize = 3;
pub(crate) const M_SPEND: usize = 4;
pub(crate) const M_ACTIVE: usize = 5;
/// Cumulative revenue minus cumulative spend (the running sum of `M_SPEND`, in period order).
pub(crate) const M_CUM_NET: usize = 6;
// `run_model` fills the series from an array in this order.
const _: () = assert!(
    M_NEW_LEADS == 0
        && M_NEW_CUSTOMERS == 1
        && M_CUM_CUSTOMERS == 2
        && M_CUM_REVENUE == 3
        && M_SPEND == 4
        && M_ACTIVE == 5
        && M_CUM_NET == 6
);

/// The random inputs shared by both models of a trial.
#[derive(Clone, Debug, Default)]
pub(crate) struct TrialInputs {
    pub seed: u64,
    /// Drawn rate per stage.
    pub base_rates: Vec<f64>,
    /// [segment][stage] effective rates.
    pub rates: Vec<f64>,
    /// [period][segment] base arrivals.
    pub arrivals: Vec<u64>,
    /// [stage][segment] leads open in each stage at the start; empty when no stage has any.
    pub open: Vec<u64>,
}

/// Reusable buffers.
#[derive(Clone, Debug, Default)]
pub(crate) struct Scratch {
    waiting: Vec<u64>,
    cur: Vec<u64>,
    extra: Vec<u64>,
    rngs: Vec<SimRng>,
    conv: Vec<BinomialP>,
    /// [conversion draw] the BINV start values of the call's rates.
    conv_r0: Vec<R0Table>,
    /// [layer][stage] (entered, advanced) over the periods, saturating.
    stage_sum: Vec<[u64; 2]>,
    /// [model][segment] cumulative customers (with segments only).
    seg_cum: Vec<f64>,
    /// Flywheel Poisson draws (referrals, repeat purchases): per count below `POIS_CACHE`,
    /// the last (lambda, exp(−lambda)) computed for it; reused when lambda is the same.
    pois_e: Vec<[(f64, f64); 2]>,
}

/// Entries of `Scratch::pois_e` (2 × 16 bytes each).
const POIS_CACHE: usize = 256;

/// `rng::poisson(rng, lam)`, with exp(−lam) of the inversion regime (lam < 10) memoised per
/// `count` (the promoters or active customers that lam is a multiple of) in `cache[count][which]`.
/// A hit requires the same lam bits, so the draw is always that of `rng::poisson`.
#[inline]
fn poisson_memo(
    rng: &mut SimRng,
    lam: f64,
    count: u64,
    which: usize,
    cache: &mut [[(f64, f64); 2]],
) -> u64 {
    if lam > 0.0 && lam < 10.0 {
        if let Some(c) = usize::try_from(count).ok().and_then(|i| cache.get_mut(i)) {
            let c = &mut c[which];
            if c.0.to_bits() != lam.to_bits() {
                *c = (lam, libm::exp(-lam));
            }
            return PoissonP::small(lam, c.1).sample(rng);
        }
    }
    rng::poisson(rng, lam)
}

/// The rate `p` moved by `shift` on the logit scale, logistic(logit(p) + shift), as segments shift
/// a trial's rates; 0 and 1 stay where they are.
pub fn logistic_shift(p: f64, shift: f64) -> f64 {
    if shift == 0.0 || p <= 0.0 || p >= 1.0 {
        return p;
    }
    let l = libm::log(p / (1.0 - p)) + shift;
    1.0 / (1.0 + libm::exp(-l))
}

/// Splits `n` over `shares` (multinomial via sequential binomials) into `out`, with its draws from
/// `d`, segment i's at key `key + i`.
fn split_drawn<const KEEP: bool>(
    d: &mut Draws,
    key: u64,
    rng: &mut SimRng,
    n: u64,
    shares: &[f64],
    out: &mut [u64],
) {
    let k = shares.len();
    let mut rem = n;
    let mut rem_share = 1.0;
    for i in 0..k - 1 {
        let p = if rem_share > 0.0 {
            (shares[i] / rem_share).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let x = d.draw::<KEEP>(|| key + i as u64, rem, p, rng, Sampler::Binomial);
        out[i] = x;
        rem -= x;
        rem_share -= shares[i];
    }
    out[k - 1] = rem;
}

impl Simulation {
    /// Validates and prepares a run.
    pub fn new(s: &Scenario) -> Result<Simulation, ScenarioError> {
        s.validate()?;
        let n_stage = s.stages.len();
        let (seg_share, shift) = if s.segments.is_empty() {
            (vec![1.0], vec![0.0; n_stage])
        } else {
            let mut shift = Vec::with_capacity(s.segments.len() * n_stage);
            for sg in &s.segments {
                for i in 0..n_stage {
                    shift.push(sg.logit_shift.get(i).copied().unwrap_or(0.0));
                }
            }
            (s.segments.iter().map(|g| g.share).collect(), shift)
        };
        let rate_draw = s
            .stages
            .iter()
            .map(|st| match st.rate.beta_params() {
                Ok((a, b)) => RateDraw::Beta(a, b),
                Err(v) => RateDraw::Point(v),
            })
            .collect();
        let advance_prob: Vec<Option<f64>> = s
            .stages
            .iter()
            .map(|st| {
                if st.delay == 0.0 {
                    None
                } else {
                    Some(1.0 / st.delay)
                }
            })
            .collect();
        // The fixed probabilities drawn by table (advance per stage, churn, detractor churn, the mix's
        // two splits) and their table caps, which keep all tables within `rng::TABLE_BUDGET`.
        let (promoter, passive, _) = s.flywheel.customer_mix.shares();
        let rest = 1.0 - promoter;
        // No delay: everyone advances at once (p = 1, no table).
        let mut fixed_p: Vec<f64> = advance_prob.iter().map(|p| p.unwrap_or(1.0)).collect();
        fixed_p.extend([
            s.flywheel.churn_rate,
            s.flywheel.detractor_churn_rate,
            promoter.clamp(0.0, 1.0),
            if rest > 0.0 {
                (passive / rest).clamp(0.0, 1.0)
            } else {
                0.0
            },
        ]);
        let caps = table_caps(&fixed_p, TABLE_CAP);
        let table = |i: usize| BinomialTable::new(fixed_p[i], caps[i]);
        let advance_draw: Vec<BinomialTable> = (0..n_stage).map(table).collect();
        let arrival_mean: Vec<f64> = (0..s.periods)
            .map(|t| s.arrivals.mean * libm::pow(1.0 + s.arrivals.growth, f64::from(t)))
            .collect();
        let arrival_draw = match s.arrivals.distribution {
            ArrivalDistribution::Poisson => {
                // Tables for the periods in order while their size bounds fit the budget.
                let mut left = ARRIVAL_TABLE_BUDGET;
                arrival_mean
                    .iter()
                    .map(|&m| {
                        let need = poisson_table_bytes_bound(m);
                        let fits = need <= left;
                        if fits {
                            left -= need;
                        }
                        PoissonTable::new(m, fits)
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        let churn_draw = table(n_stage);
        let dchurn_draw = table(n_stage + 1);
        let mix_draw = [table(n_stage + 2), table(n_stage + 3)];
        let n_period = s.periods as usize;
        let sub = rng::substream_constants(
            (n_period * seg_share.len())
                .max(5 * n_period)
                .max(MAX_STAGES + 1),
        );
        Ok(Simulation {
            n_seg: seg_share.len(),
            n_stage,
            n_period,
            seg_share,
            shift,
            rate_draw,
            advance_prob,
            advance_draw,
            arrival_mean,
            arrival_draw,
            mix: s.flywheel.customer_mix.shares(),
            churn_draw,
            dchurn_draw,
            mix_draw,
            sub,
            invert: vec![false; n_stage],
            scenario: s.clone(),
        })
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn trials(&self) -> u64 {
        u64::from(self.scenario.trials)
    }

    pub fn chunk_count(&self) -> u32 {
        self.scenario.trials.div_ceil(CHUNK_TRIALS)
    }

    /// Global trial indices of a chunk.
    pub fn chunk_range(&self, chunk_index: u32) -> std::ops::Range<u64> {
        let lo = u64::from(chunk_index) * u64::from(CHUNK_TRIALS);
        let hi = (lo + u64::from(CHUNK_TRIALS)).min(self.trials());
        lo.min(hi)..hi
    }

    /// Trial seeds of a chunk, in order.
    pub(crate) fn trial_seeds(&self, chunk_index: u32) -> Vec<u64> {
        let mut r = rng::stream(self.scenario.seed, u64::from(chunk_index));
        self.chunk_range(chunk_index)
            .map(|_| r.next_u64())
            .collect()
    }

    pub(crate) fn trial_seed(&self, trial_index: u64) -> Option<u64> {
        if trial_index >= self.trials() {
            return None;
        }
        let chunk = (trial_index / u64::from(CHUNK_TRIALS)) as u32;
        let off = (trial_index % u64::from(CHUNK_TRIALS)) as usize;
        self.trial_seeds(chunk).get(off).copied()
    }

    /// Segment-adjusted rates from base stage rates.
    pub(crate) fn effective_rates(&self, base: &[f64], out: &mut Vec<f64>) {
        out.clear();
        for k in 0..self.n_seg {
            for (s, &p) in base.iter().enumerate() {
                out.push(logistic_shift(p, self.shift[k * self.n_stage + s]));
            }
        }
    }

    /// Segment `k`'s rate at stage `st` for the base rate `p`: one entry of [`Self::effective_rates`].
    pub(crate) fn effective_rate(&self, k: usize, st: usize, p: f64) -> f64 {
        logistic_shift(p, self.shift[k * self.n_stage + st])
    }

    /// Draws the trial's rates and arrivals.
    pub(crate) fn prepare_trial(&self, seed: u64, inp: &mut TrialInputs) {
        self.prepare_trial_with::<false>(seed, inp, &mut Draws::Solo);
    }

    /// [`prepare_trial`](Self::prepare_trial) with the arrivals' Poisson draw (over-dispersed
    /// arrivals) and the splits of new and open leads over the segments from `d` (their keys come
    /// before every key of `run_model`, in the order they are drawn).
    pub(crate) fn prepare_trial_with<const KEEP: bool>(
        &self,
        seed: u64,
        inp: &mut TrialInputs,
        d: &mut Draws,
    ) {
        inp.seed = seed;
        inp.base_rates.clear();
        // Each stage's rate from its own sub-stream, so that changing one stage's rate leaves the
        // others' draws alone.
        let key = rng::stream(seed, STREAM_RATES);
        let sub = &self.sub[..];
        let rho = self.scenario.correlation;
        if rho == 0.0 {
            for (st, d) in self.rate_draw.iter().enumerate() {
                inp.base_rates.push(match *d {
                    RateDraw::Point(v) => v,
                    RateDraw::Beta(a, b) if self.invert[st] => {
                        rng::inv_inc_beta(rng::u01(&mut key.sub(sub[st])), a, b)
                    }
                    RateDraw::Beta(a, b) => rng::beta(&mut key.sub(sub[st]), a, b),
                });
            }
        } else {
            let z0 = rng::std_normal(&mut key.sub(sub[MAX_STAGES]));
            let (sr, sq) = (rho.sqrt(), (1.0 - rho).sqrt());
            for (st, d) in self.rate_draw.iter().enumerate() {
                let z = sr * z0 + sq * rng::std_normal(&mut key.sub(sub[st]));
                let u = rng::normal_cdf(z).clamp(1e-300, 1.0 - 1e-16);
                inp.base_rates.push(match *d {
                    RateDraw::Point(v) => v,
                    RateDraw::Beta(a, b) => rng::inv_inc_beta(u, a, b),
                });
            }
        }
        let base = std::mem::take(&mut inp.base_rates);
        self.effective_rates(&base, &mut inp.rates);
        inp.base_rates = base;

        let key = rng::stream(seed, STREAM_ARRIVALS);
        inp.arrivals.clear();
        inp.arrivals.resize(self.n_period * self.n_seg, 0);
        let a = &self.scenario.arrivals;
        for t in 0..self.n_period {
            // The count from sub-stream 2t, its split over the segments from 2t + 1.
            let mut r = key.sub(sub[2 * t]);
            let m = self.arrival_mean[t];
            let n = match a.distribution {
                ArrivalDistribution::Fixed => rng::round(m) as u64,
                ArrivalDistribution::Poisson => self.arrival_draw[t].sample(&mut r),
                ArrivalDistribution::NegativeBinomial => {
                    if m > 0.0 {
                        // The same shape in A and B gives the gamma variates the same uniforms: a
                        // higher mean, a proportionally higher lam; its Poisson count is coupled.
                        let lam = rng::gamma(&mut r, a.dispersion, m / a.dispersion);
                        let lam = lam.min(COUNT_CAP as f64);
                        let key = || prepare_key(0, t, 0);
                        d.draw::<KEEP>(key, 0, lam, &mut r, Sampler::Poisson(0, 0, &mut []))
                    } else {
                        0
                    }
                }
            }
            .min(COUNT_CAP);
            let out = &mut inp.arrivals[t * self.n_seg..(t + 1) * self.n_seg];
            match out {
                [o] => *o = n,
                _ => {
                    let r = &mut key.sub(sub[2 * t + 1]);
                    split_drawn::<KEEP>(d, prepare_key(1, t, 0), r, n, &self.seg_share, out)
                }
            }
        }
        // Open leads, split over the segments as arrivals are, stage s from sub-stream s of their
        // own key (made only when a stage has some).
        inp.open.clear();
        if self.scenario.stages.iter().any(|st| st.open > 0) {
            let key = rng::stream(seed, STREAM_OPEN);
            inp.open.resize(self.n_stage * self.n_seg, 0);
            for (st, stage) in self.scenario.stages.iter().enumerate() {
                let out = &mut inp.open[st * self.n_seg..(st + 1) * self.n_seg];
                match out {
                    [o] => *o = stage.open,
                    _ => {
                        let (r, key) = (&mut key.sub(sub[st]), prepare_key(2, st, 0));
                        split_drawn::<KEEP>(d, key, r, stage.open, &self.seg_share, out)
                    }
                }
            }
        }
    }

    /// Runs the funnel of one trial and, when `out_y` is given, the flywheel on top of it.
    ///
    /// The flywheel is simulated as the funnel plus an *extra layer* of leads (referred and
    /// reinvestment leads and their descendants): since Bin(a + b, p) = Bin(a, p) + Bin(b, p)
    /// for independent draws, flywheel counts = funnel counts (drawn from the stage streams) +
    /// extra-layer counts (drawn from separate per-stage extra streams). So the two models
    /// share every funnel draw (common random numbers; the flywheel is never below the funnel
    /// in leads at any stage) and, with all flywheel parameters zero, the extra layer is empty
    /// and the flywheel equals the funnel exactly.
    ///
    /// `rates` is [segment][stage]; `inflow` is [period][segment] leads entering the top stage;
    /// `open` is [stage][segment] leads entering each stage in the first period (empty: none).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn run_model<const KEEP: bool>(
        &self,
        seed: u64,
        rates: &[f64],
        inflow: &[u64],
        open: &[u64],
        out_f: &mut ModelTrial,
        out_y: Option<&mut ModelTrial>,
        sc: &mut Scratch,
        mut trace_f: Option<&mut ModelTrace>,
        mut trace_y: Option<&mut ModelTrace>,
        d: &mut Draws,
    ) {
        let (nk, ns, nt) = (self.n_seg, self.n_stage, self.n_period);
        let fly = out_y.is_some();
        let s = &self.scenario;
        let fw = &s.flywheel;
        let eco = &s.economics;
        sc.waiting.clear();
        sc.waiting.resize(2 * nk * ns, 0);
        sc.cur.clear();
        sc.cur.resize(2 * nk, 0);
        sc.extra.clear();
        sc.extra.resize(2 * nk, 0);
        sc.conv.clear();
        sc.conv.extend(rates.iter().map(|&p| BinomialP::new(p)));
        sc.conv_r0.clear();
        sc.conv_r0.extend(sc.conv.iter().map(BinomialP::r0_table));
        sc.rngs.clear();
        for i in 0..ns {
            sc.rngs
                .push(rng::stream(seed, STREAM_STAGE_BASE + i as u64));
        }
        if fly {
            for i in 0..ns {
                sc.rngs
                    .push(rng::stream(seed, STREAM_EXTRA_BASE + i as u64));
            }
        }
        let fly_key = rng::stream(seed, STREAM_FLYWHEEL);
        let sub = &self.sub[..];
        let mut outs: [Option<&mut ModelTrial>; 2] = [Some(out_f), out_y];
        for o in outs.iter_mut().flatten() {
            // Written by period index below (cheaper than a push per value).
            for v in o.series.iter_mut() {
                v.clear();
                v.resize(nt, 0.0);
            }
            o.stage_entered.clear();
            o.stage_entered.resize(ns, 0);
            o.stage_advanced.clear();
            o.stage_advanced.resize(ns, 0);
        }
        for tr in [trace_f.as_deref_mut(), trace_y.as_deref_mut()]
            .into_iter()
            .flatten()
        {
            tr.periods.clear();
        }
        sc.stage_sum.clear();
        sc.stage_sum.resize(2 * ns, [0, 0]);
        // Per-segment customers only when segments get results of their own.
        let by_segment = self.segment_results() > 0;
        sc.seg_cum.clear();
        if by_segment {
            sc.seg_cum.resize(2 * nk, 0.0);
        }
        if fly && sc.pois_e.is_empty() {
            // NaN never equals a lambda: every entry starts empty.
            sc.pois_e.resize(POIS_CACHE, [(f64::NAN, 0.0); 2]);
        }
        // Disjoint borrows of the scratch buffers, so that the loops keep them in registers.
        let Scratch {
            waiting,
            cur,
            extra,
            rngs,
            conv,
            conv_r0,
            stage_sum,
            pois_e,
            seg_cum,
            ..
        } = sc;
        // Slices, not Vecs: at opt-level "z" (the wasm build) indexing a Vec is a call.
        let (waiting, cur, extra, rngs, conv, conv_r0, stage_sum) = (
            &mut waiting[..],
            &mut cur[..],
            &mut extra[..],
            &rngs[..],
            &conv[..],
            &conv_r0[..],
            &mut stage_sum[..],
        );
        let (advance_prob, advance_draw) = (&self.advance_prob[..], &self.advance_draw[..]);
        let (mut prom, mut pas, mut det) = (0u64, 0u64, 0u64);
        // The customers at the start (flywheel only): split as new customers are, from a stream of
        // their own, so that every other draw is as without them.
        if fly && fw.customers_at_start > 0 {
            let n = fw.customers_at_start.min(COUNT_CAP);
            let r = &mut rng::stream(seed, STREAM_START);
            (prom, pas, det) = split_mix::<KEEP>(d, START_KEY, &self.mix_draw, n, r);
        }
        let mut prev_revenue = 0.0f64;
        // Whether a count of [funnel, flywheel] reached COUNT_CAP (arrivals count in both models).
        let mut capped = [false; 2];
        let cap = COUNT_CAP as f64;
        let mut cum_c = [0.0f64; 2];
        let mut cum_rev = [0.0f64; 2];
        let mut cum_spend = [0.0f64; 2];
        for t in 0..nt {
            // The flywheel's draws of the period, each kind from its own sub-stream (5t + i):
            // the referrals (0), the repeat purchases (1), the splits over segments of the
            // reinvestment leads (2) and of the referred leads (3), and after the stages churn and
            // the customer mix (4), whose table draws take a uniform also for a count of 0, so that
            // the draws after them stay in step between two runs (Compare).
            let (mut referrals, mut repeat, mut reinvest) = (0u64, 0u64, 0u64);
            // extra: [0..nk] reinvestment leads, [nk..2nk] referred leads, per segment.
            if fly {
                if fw.referrals_per_promoter > 0.0 {
                    let lam = (prom as f64 * fw.referrals_per_promoter).min(cap);
                    let key = || draw_key(t, 0, 0, 0, 0, 0);
                    let rng = &mut fly_key.sub(sub[5 * t]);
                    let r = d.draw::<KEEP>(key, 0, lam, rng, Sampler::Poisson(prom, 0, pois_e));
                    capped[1] |= lam >= cap || r >= COUNT_CAP;
                    referrals = r.min(COUNT_CAP);
                }
                let active = prom + pas + det;
                if fw.repeat_rate > 0.0 {
                    let lam = (active as f64 * fw.repeat_rate).min(cap);
                    let key = || draw_key(t, 0, 0, 0, 0, 1);
                    let rng = &mut fly_key.sub(sub[5 * t + 1]);
                    let r = d.draw::<KEEP>(key, 0, lam, rng, Sampler::Poisson(active, 1, pois_e));
                    capped[1] |= lam >= cap || r >= COUNT_CAP;
                    repeat = r.min(COUNT_CAP);
                }
                if fw.reinvest_share > 0.0 && prev_revenue > 0.0 {
                    let x = rng::floor(fw.reinvest_share * prev_revenue / eco.cost_per_lead);
                    capped[1] |= x >= cap;
                    reinvest = if x >= cap { COUNT_CAP } else { x as u64 };
                }
                let (a, b) = extra.split_at_mut(nk);
                if nk == 1 {
                    (a[0], b[0]) = (reinvest, referrals);
                } else {
                    let share = &self.seg_share;
                    let (rr, rf) = (
                        &mut fly_key.sub(sub[5 * t + 2]),
                        &mut fly_key.sub(sub[5 * t + 3]),
                    );
                    split_drawn::<KEEP>(d, draw_key(t, 0, 0, 0, 2, 0), rr, reinvest, share, a);
                    split_drawn::<KEEP>(d, draw_key(t, 0, 0, 0, 3, 0), rf, referrals, share, b);
                }
            }
            // cur: [0..nk] funnel layer, [nk..2nk] extra layer, per segment.
            let mut arrivals = 0u64;
            for k in 0..nk {
                let a = inflow[t * nk + k];
                arrivals += a;
                cur[k] = a.min(COUNT_CAP);
                cur[nk + k] = if fly { extra[k] } else { 0 };
            }
            // `prepare_trial` holds the period's arrivals (before their split over segments) at the cap.
            capped[0] |= arrivals >= COUNT_CAP;
            let mut ptrace = [trace_f.is_some(), trace_y.is_some()].map(|on| {
                on.then(|| PeriodTrace {
                    stages: vec![StageFlow::default(); ns],
                    ..PeriodTrace::default()
                })
            });
            // Leads open at the start enter their stages in the first period (layer 0: both models).
            let inject = t == 0 && open.len() == ns * nk;
            for st in 0..ns {
                let adv_p = advance_prob[st];
                let adv_draw = &advance_draw[st];
                for layer in 0..if fly { 2 } else { 1 } {
                    let key = &rngs[layer * ns + st];
                    for k in 0..nk {
                        let ci = layer * nk + k;
                        let mut e = cur[ci];
                        if inject && layer == 0 {
                            e += open[st * nk + k];
                        }
                        if layer == 1 && st == fw.referral_entry_stage {
                            e += extra[nk + k];
                            capped[1] |= e > COUNT_CAP;
                            e = e.min(COUNT_CAP);
                        }
                        if e == 0 && layer == 1 && waiting[(nk + k) * ns + st] == 0 {
                            cur[ci] = 0;
                            continue;
                        }
                        // The draws of this stage, period, segment and layer, from their own
                        // sub-stream: the advance first, then the conversion. The advance takes
                        // one uniform for any count within its tables, also for no waiting leads,
                        // so that the conversion starts on the same uniform in two runs that
                        // differ in what waits (Compare).
                        let rng = &mut key.sub(sub[t * nk + k]);
                        let wi = ci * ns + st;
                        let w0 = waiting[wi];
                        // (A `match`, not `Option::map`: the closure was not inlined.)
                        let adv = match adv_p {
                            Some(q) => {
                                let key = || draw_key(t, 1, st, layer, k, 0);
                                Some(d.draw::<KEEP>(key, w0, q, rng, Sampler::Table(adv_draw)))
                            }
                            None => None,
                        };
                        let di = k * ns + st;
                        let (cp, r0) = (&conv[di], &conv_r0[di]);
                        let key = || draw_key(t, 1, st, layer, k, 1);
                        let conv = d.draw::<KEEP>(key, e, cp.p(), rng, Sampler::Conv(cp, r0));
                        let adv = match adv {
                            None => conv,
                            Some(a) => {
                                waiting[wi] = w0 - a + conv;
                                a
                            }
                        };
                        cur[ci] = adv;
                        // Per layer; the models' totals are made after the period loop.
                        let ss = &mut stage_sum[layer * ns + st];
                        ss[0] = ss[0].saturating_add(e);
                        ss[1] = ss[1].saturating_add(adv);
                        for (m, p) in ptrace.iter_mut().enumerate() {
                            if let Some(p) = p.as_mut() {
                                if m >= layer {
                                    let f = &mut p.stages[st];
                                    f.entered += e;
                                    f.converted += conv;
                                    f.dropped += e - conv;
                                    f.waiting_start += w0;
                                    f.advanced += adv;
                                    f.waiting_end += waiting[wi];
                                }
                            }
                        }
                    }
                }
            }
            let purchases_f: u64 = cur[..nk].iter().sum();
            let purchases_y: u64 = purchases_f + cur[nk..].iter().sum::<u64>();
            if by_segment {
                for k in 0..nk {
                    seg_cum[k] += cur[k] as f64;
                    seg_cum[nk + k] += (cur[k] + cur[nk + k]) as f64;
                }
            }
            if fly {
                let fr = &mut fly_key.sub(sub[5 * t + 4]);
                let (churn, dchurn, mix) = (&self.churn_draw, &self.dchurn_draw, &self.mix_draw);
                prom -= table_draw::<KEEP>(d, draw_key(t, 2, 0, 0, 0, 0), churn, prom, fr);
                pas -= table_draw::<KEEP>(d, draw_key(t, 2, 0, 0, 0, 1), churn, pas, fr);
                det -= table_draw::<KEEP>(d, draw_key(t, 2, 0, 0, 0, 2), dchurn, det, fr);
                let (np, npa, nd) =
                    split_mix::<KEEP>(d, draw_key(t, 2, 0, 0, 0, 3), mix, purchases_y, fr);
                capped[1] |= prom + np > COUNT_CAP || pas + npa > COUNT_CAP || det + nd > COUNT_CAP;
                prom = (prom + np).min(COUNT_CAP);
                pas = (pas + npa).min(COUNT_CAP);
                det = (det + nd).min(COUNT_CAP);
            }
            for m in 0..2 {
                let (purchases, rep, rein, refs) = if m == 0 {
                    (purchases_f, 0, 0, 0)
                } else {
                    (purchases_y, repeat, reinvest, referrals)
                };
                let revenue = (purchases + rep) as f64 * eco.revenue_per_purchase;
                let paid = arrivals as f64 * eco.paid_share + rein as f64;
                let spend = paid * eco.cost_per_lead + eco.fixed_budget_per_period;
                if m == 1 {
                    prev_revenue = revenue;
                }
                cum_c[m] += purchases as f64;
                cum_rev[m] += revenue;
                cum_spend[m] += spend;
                if let Some(o) = outs[m].as_deref_mut() {
                    // In the order of the M_* indices (checked at compile time beside them).
                    let values: [f64; N_METRICS] = [
                        (arrivals + rein + refs) as f64,
                        purchases as f64,
                        cum_c[m],
                        cum_rev[m],
                        spend,
                        if m == 1 {
                            (prom + pas + det) as f64
                        } else {
                            cum_c[m]
                        },
                        cum_rev[m] - cum_spend[m],
                    ];
                    for (series, v) in o.series.iter_mut().zip(values) {
                        series[t] = v;
                    }
                }
                let tr = if m == 0 {
                    trace_f.as_deref_mut()
                } else {
                    trace_y.as_deref_mut()
                };
                if let (Some(tr), Some(mut p)) = (tr, ptrace[m].take()) {
                    p.arrivals = arrivals;
                    p.reinvest_leads = rein;
                    p.referrals = refs;
                    p.purchases = purchases;
                    p.repeat_purchases = rep;
                    if m == 1 {
                        p.promoters = prom;
                        p.passives = pas;
                        p.detractors = det;
                    }
                    p.revenue = revenue;
                    p.spend = spend;
                    tr.periods.push(p);
                }
            }
        }
        for (m, o) in outs.iter_mut().enumerate() {
            if let Some(o) = o.as_deref_mut() {
                // The flywheel holds the funnel's arrivals too.
                o.capped = capped[0] || (m == 1 && capped[1]);
                o.segment_customers.clear();
                if by_segment {
                    o.segment_customers
                        .extend_from_slice(&seg_cum[m * nk..(m + 1) * nk]);
                }
            }
        }
        // Layer 0 counts in both models, layer 1 only in the flywheel. Saturating sums of
        // non-negative counts are min(sum, u64::MAX) in any order, as when they were added in
        // period order.
        for (m, o) in outs.iter_mut().enumerate() {
            if let Some(o) = o.as_deref_mut() {
                for st in 0..ns {
                    let (a, b) = (stage_sum[st], stage_sum[ns + st]);
                    let (e, adv) = if m == 0 {
                        (a[0], a[1])
                    } else {
                        (a[0].saturating_add(b[0]), a[1].saturating_add(b[1]))
                    };
                    o.stage_entered[st] = e;
                    o.stage_advanced[st] = adv;
                }
            }
        }
    }

    /// Per stage (of both), whether its rate is a Beta here and in `other` with other parameters.
    pub(crate) fn beta_rates_differ(&self, other: &Simulation) -> Vec<bool> {
        self.rate_draw
            .iter()
            .zip(&other.rate_draw)
            .map(|(a, b)| match (a, b) {
                (RateDraw::Beta(a1, b1), RateDraw::Beta(a2, b2)) => (a1, b1) != (a2, b2),
                _ => false,
            })
            .collect()
    }

    /// Draws the Beta rates of the stages marked in `which` by inversion (see `invert`).
    pub(crate) fn invert_rates(&mut self, which: &[bool]) {
        for (f, &w) in self.invert.iter_mut().zip(which) {
            *f = w;
        }
    }

    /// Both models of one trial, with the draws of `d`.
    pub(crate) fn run_trial_with(
        &self,
        seed: u64,
        inp: &mut TrialInputs,
        funnel: &mut ModelTrial,
        fly: &mut ModelTrial,
        sc: &mut Scratch,
        d: &mut Draws,
    ) {
        let solo = matches!(d, Draws::Solo);
        if solo {
            self.prepare_trial_with::<false>(seed, inp, d);
        } else {
            self.prepare_trial_with::<true>(seed, inp, d);
        }
        let (r, a, o) = (&inp.rates, &inp.arrivals, &inp.open);
        if solo {
            self.run_model::<false>(seed, r, a, o, funnel, Some(fly), sc, None, None, d)
        } else {
            self.run_model::<true>(seed, r, a, o, funnel, Some(fly), sc, None, None, d)
        }
    }

    /// Both models of one trial.
    pub(crate) fn run_trial(
        &self,
        seed: u64,
        inp: &mut TrialInputs,
        funnel: &mut ModelTrial,
        fly: &mut ModelTrial,
        sc: &mut Scratch,
    ) {
        self.run_trial_with(seed, inp, funnel, fly, sc, &mut Draws::Solo);
    }

    /// Full trace of one trial (global index), identical to what `run_chunk` simulates.
    pub fn trace_trial(&self, trial_index: u64) -> Option<TrialTrace> {
        let seed = self.trial_seed(trial_index)?;
        let mut inp = TrialInputs::default();
        self.prepare_trial(seed, &mut inp);
        let mut sc = Scratch::default();
        let (mut f, mut y) = (ModelTrial::default(), ModelTrial::default());
        let mut t = TrialTrace {
            trial_index,
            rates: inp.base_rates.clone(),
            ..TrialTrace::default()
        };
        self.run_model::<false>(
            seed,
            &inp.rates,
            &inp.arrivals,
            &inp.open,
            &mut f,
            Some(&mut y),
            &mut sc,
            Some(&mut t.funnel),
            Some(&mut t.flywheel),
            &mut Draws::Solo,
        );
        Some(t)
    }

    /// Expected value of each stage's rate (before segment shifts).
    pub fn expected_rates(&self) -> Vec<f64> {
        self.scenario
            .stages
            .iter()
            .map(|s| Rate::mean(&s.rate))
            .collect()
    }

    /// How many segments get results of their own: the scenario's segments, or none without them.
    pub(crate) fn segment_results(&self) -> usize {
        if self.n_seg > 1 {
            self.n_seg
        } else {
            0
        }
    }

    pub(crate) fn seg_share(&self) -> &[f64] {
        &self.seg_share
    }
    pub(crate) fn advance_prob(&self, s: usize) -> Option<f64> {
        self.advance_prob[s]
    }
    pub(crate) fn arrival_mean(&self, t: usize) -> f64 {
        match self.scenario.arrivals.distribution {
            ArrivalDistribution::Fixed => libm::round(self.arrival_mean[t]),
            _ => self.arrival_mean[t],
        }
    }
    pub(crate) fn mix(&self) -> (f64, f64, f64) {
        self.mix
    }
}
