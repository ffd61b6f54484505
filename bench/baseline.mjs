// JS baseline for scripts/bench.sh: a straightforward JavaScript Monte Carlo of the same funnel (and flywheel)
// model, written the way a user without Funnel Lab would write it. See bench/README.md.
//
//   import { runBaseline } from './baseline.mjs';
//   const r = runBaseline(JSON.parse(scenarioJson), { models: 'both' });   // or 'funnel'
//
// Per trial (same structure as crates/funnel-sim/src/engine.rs, docs/scenario.md "The model"):
//   * one rate per stage: Beta(m·c, (1−m)·c) (or Beta(1+k, 1+n−k) for "observed", or fixed), drawn as X/(X+Y)
//     of two Marsaglia–Tsang gamma variates;
//   * per period: arrivals ~ Poisson(mean·(1+growth)^t) (or fixed);
//   * per stage and period: converted ~ Bin(entered, rate); delay 0: all converted advance now; delay d ≥ 1:
//     advanced ~ Bin(waiting, 1/d), waiting += converted − advanced;
//   * flywheel (models: 'both'): a second, separate simulation of the totals with the trial's rates and
//     arrivals, plus referrals ~ Poisson(promoters·referrals_per_promoter) entering referral_entry_stage,
//     repeat purchases ~ Poisson(active·repeat_rate), reinvestment leads = floor(share·revenue(t−1)/cost_per_lead)
//     at the top, churn Bin(pool, churn) and a promoter/passive/detractor split of new customers.
// Kept: only the final cumulative customers of each trial (one Float64Array per model), sorted at the end for
// percentiles. Not computed (the engine does all of these): per-period bands of six metrics, per-stage totals,
// revenue/spend, histograms, the crossing statistics, the pipeline, segments, correlation, negative-binomial
// arrivals, common random numbers, exact samplers, determinism across chunkings.
//
// Samplers (simple, not exact in the tails): sfc32 PRNG (32-bit uniforms); Marsaglia polar normal;
// Poisson by multiplication (λ < 30) else rounded normal approximation; binomial by inversion
// (n·min(p, 1−p) < 10) else rounded normal approximation, clamped to [0, n]. The engine instead uses
// exact BTRS / PTRS rejection samplers, which cost more per large draw.

function sfc32(a, b, c, d) {
  return function next() {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return ((t >>> 0) + 0.5) / 4294967296; // uniform on (0, 1)
  };
}

function makeSampler(seed) {
  const u = sfc32(0x9e3779b9, seed >>> 0, Math.floor(seed / 4294967296) >>> 0, 0x85ebca6b);
  for (let i = 0; i < 15; i++) u();
  // The polar method's second variate; kept in a typed array so V8 does not box it on every store.
  const spare = new Float64Array([NaN]);

  function normal() {
    if (!Number.isNaN(spare[0])) {
      const s = spare[0];
      spare[0] = NaN;
      return s;
    }
    let x, y, s;
    do {
      x = 2 * u() - 1;
      y = 2 * u() - 1;
      s = x * x + y * y;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    spare[0] = y * f;
    return x * f;
  }

  // Marsaglia–Tsang (2000); shape < 1 via the boost Gamma(a) = Gamma(a + 1) · U^(1/a).
  function gamma(shape) {
    if (shape < 1) return gamma(shape + 1) * Math.pow(u(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x, v;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const uu = u();
      if (uu < 1 - 0.0331 * x * x * x * x) return d * v;
      if (Math.log(uu) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  function beta(a, b) {
    const x = gamma(a);
    const y = gamma(b);
    return x / (x + y);
  }

  function poisson(lambda) {
    if (lambda <= 0) return 0;
    if (lambda < 30) {
      const l = Math.exp(-lambda);
      let k = 0;
      let p = u();
      while (p > l) {
        k++;
        p *= u();
      }
      return k;
    }
    return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal()));
  }

  function binomial(n, p) {
    if (n <= 0 || p <= 0) return 0;
    if (p >= 1) return n;
    const flip = p > 0.5;
    const q = flip ? 1 - p : p;
    let x;
    if (n * q < 10) {
      // Inversion: walk the pmf from 0.
      const s = q / (1 - q);
      let f = Math.pow(1 - q, n);
      let r = u();
      x = 0;
      while (r > f && x < n) {
        r -= f;
        f *= (s * (n - x)) / (x + 1);
        x++;
      }
    } else {
      const mean = n * q;
      x = Math.round(mean + Math.sqrt(mean * (1 - q)) * normal());
      x = x < 0 ? 0 : x > n ? n : x;
    }
    return flip ? n - x : x;
  }

  return { u, normal, gamma, beta, poisson, binomial };
}

function betaParams(rate) {
  switch (rate.kind) {
    case 'fixed':
      return null;
    case 'beta':
      if (rate.mean <= 0 || rate.mean >= 1) return null;
      return [rate.mean * rate.certainty, (1 - rate.mean) * rate.certainty];
    case 'observed':
      return [1 + rate.successes, 1 + rate.trials - rate.successes];
    default:
      throw new Error(`baseline: unsupported rate kind ${rate.kind}`);
  }
}

function pointRate(rate) {
  return rate.kind === 'fixed' ? rate.value : rate.mean;
}

function quantile(sorted, q) {
  const n = sorted.length;
  const k = Math.max(1, Math.ceil(n * q)); // nearest rank, as the engine
  return sorted[k - 1];
}

function summary(values) {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  values.sort();
  return {
    mean: sum / values.length,
    p5: quantile(values, 0.05),
    p50: quantile(values, 0.5),
    p95: quantile(values, 0.95),
    min: values[0],
    max: values[values.length - 1],
  };
}

/**
 * Runs the baseline. `scenario` is the parsed scenario JSON (format version 1). Options: `trials` and `seed`
 * override the scenario's; `models` is 'both' (funnel + flywheel, default) or 'funnel'.
 * Returns { trials, periods, models, funnel: summary, flywheel?: summary }.
 */
export function runBaseline(scenario, { trials, seed, models = 'both' } = {}) {
  const nTrials = trials ?? scenario.trials;
  const nPeriods = scenario.periods;
  const stages = scenario.stages;
  const ns = stages.length;
  if (scenario.segments && scenario.segments.length > 1) throw new Error('baseline: segments are not modelled');
  if (scenario.correlation) throw new Error('baseline: correlation is not modelled');
  const arr = scenario.arrivals;
  const dist = arr.distribution ?? 'poisson';
  if (dist !== 'poisson' && dist !== 'fixed') throw new Error(`baseline: arrivals ${dist} are not modelled`);
  const fly = models === 'both';
  const fw = scenario.flywheel;
  const eco = scenario.economics;
  const mix =
    fw.customer_mix.kind === 'shares'
      ? [fw.customer_mix.promoter, fw.customer_mix.passive]
      : [(1 - fw.customer_mix.passive + fw.customer_mix.score / 100) / 2, fw.customer_mix.passive];
  const passiveOfRest = mix[0] < 1 ? mix[1] / (1 - mix[0]) : 0;

  const params = stages.map((s) => betaParams(s.rate));
  const fixedRate = stages.map((s) => pointRate(s.rate));
  const advP = stages.map((s) => (s.delay > 0 ? 1 / s.delay : 0));
  const growth = arr.growth ?? 0;
  const arrivalMean = Array.from({ length: nPeriods }, (_, t) => arr.mean * Math.pow(1 + growth, t));

  const rnd = makeSampler(seed ?? scenario.seed);
  const rates = new Float64Array(ns);
  const arrivals = new Float64Array(nPeriods);
  const waiting = new Float64Array(ns);
  const finalFunnel = new Float64Array(nTrials);
  const finalFly = fly ? new Float64Array(nTrials) : null;

  for (let trial = 0; trial < nTrials; trial++) {
    for (let s = 0; s < ns; s++) rates[s] = params[s] ? rnd.beta(params[s][0], params[s][1]) : fixedRate[s];
    for (let t = 0; t < nPeriods; t++)
      arrivals[t] = dist === 'fixed' ? Math.round(arrivalMean[t]) : rnd.poisson(arrivalMean[t]);

    // Funnel.
    waiting.fill(0);
    let cum = 0;
    for (let t = 0; t < nPeriods; t++) {
      let flow = arrivals[t];
      for (let s = 0; s < ns; s++) {
        const conv = rnd.binomial(flow, rates[s]);
        if (advP[s] === 0) {
          flow = conv;
        } else {
          const adv = rnd.binomial(waiting[s], advP[s]);
          waiting[s] += conv - adv;
          flow = adv;
        }
      }
      cum += flow;
    }
    finalFunnel[trial] = cum;

    if (!fly) continue;
    // Flywheel: the same funnel on the totals, plus referrals, repeats, reinvestment and churn.
    waiting.fill(0);
    let cumF = 0;
    let prom = 0, pas = 0, det = 0;
    let prevRevenue = 0;
    for (let t = 0; t < nPeriods; t++) {
      const referrals = fw.referrals_per_promoter > 0 && prom > 0 ? rnd.poisson(prom * fw.referrals_per_promoter) : 0;
      const active = prom + pas + det;
      const repeat = fw.repeat_rate > 0 && active > 0 ? rnd.poisson(active * fw.repeat_rate) : 0;
      const reinvest =
        fw.reinvest_share > 0 && prevRevenue > 0 ? Math.floor((fw.reinvest_share * prevRevenue) / eco.cost_per_lead) : 0;
      let flow = arrivals[t] + reinvest;
      for (let s = 0; s < ns; s++) {
        if (s === fw.referral_entry_stage) flow += referrals;
        const conv = rnd.binomial(flow, rates[s]);
        if (advP[s] === 0) {
          flow = conv;
        } else {
          const adv = rnd.binomial(waiting[s], advP[s]);
          waiting[s] += conv - adv;
          flow = adv;
        }
      }
      const purchases = flow;
      cumF += purchases;
      prom -= rnd.binomial(prom, fw.churn_rate);
      pas -= rnd.binomial(pas, fw.churn_rate);
      det -= rnd.binomial(det, fw.detractor_churn_rate);
      const np = rnd.binomial(purchases, mix[0]);
      const npa = rnd.binomial(purchases - np, passiveOfRest);
      prom += np;
      pas += npa;
      det += purchases - np - npa;
      prevRevenue = (purchases + repeat) * eco.revenue_per_purchase;
    }
    finalFly[trial] = cumF;
  }

  const out = { trials: nTrials, periods: nPeriods, models: fly ? 'funnel+flywheel' : 'funnel', funnel: summary(finalFunnel) };
  if (fly) out.flywheel = summary(finalFly);
  return out;
}

export default runBaseline;
