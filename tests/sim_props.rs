#![cfg(not(target_arch = "wasm32"))]
//! Property tests over random valid scenarios.

mod common;
use common::rate;
use funnel_lab::sim::*;
use proptest::prelude::*;

fn scenario() -> impl Strategy<Value = Scenario> {
    let stages = prop::collection::vec((rate(), prop_oneof![Just(0.0), 1.0f64..6.0]), 1..6);
    (
        stages,
        (
            1u32..14,
            1u32..80,
            any::<u64>(),
            0.0f64..3000.0,
            0usize..3,
            -0.1f64..0.3,
        ),
        (
            0.0f64..0.9,
            0usize..4,
            0.0f64..3.0,
            0.0f64..2.0,
            0.0f64..0.5,
            0.0f64..1.0,
        ),
        (0.0f64..1.0, 0.0f64..1.0, 0.0f64..5000.0, 0.1f64..100.0),
    )
        .prop_map(
            |(
                st,
                (periods, trials, seed, mean, dist, growth),
                (rho, nseg, rpp, rep, churn, reinv),
                (a, b, rev, cpl),
            )| {
                let mut s = Scenario::default_five_stage();
                let ns = st.len();
                s.stages = st
                    .into_iter()
                    .enumerate()
                    .map(|(i, (rate, delay))| Stage {
                        name: format!("S{i}"),
                        rate,
                        delay,
                        // Open leads in every other stage.
                        open: if i % 2 == 1 { 40 } else { 0 },
                    })
                    .collect();
                s.periods = periods;
                s.trials = trials;
                s.seed = seed;
                s.arrivals = Arrivals {
                    mean,
                    distribution: [
                        ArrivalDistribution::Poisson,
                        ArrivalDistribution::Fixed,
                        ArrivalDistribution::NegativeBinomial,
                    ][dist],
                    dispersion: 2.0,
                    growth,
                };
                s.correlation = rho;
                s.segments = (0..nseg)
                    .map(|k| Segment {
                        name: format!("g{k}"),
                        share: if k + 1 == nseg {
                            1.0 - (nseg - 1) as f64 / nseg as f64
                        } else {
                            1.0 / nseg as f64
                        },
                        logit_shift: (0..ns).map(|i| (i as f64 - k as f64) * 0.7).collect(),
                    })
                    .collect();
                let p = a * (1.0 - b);
                s.flywheel = Flywheel {
                    customer_mix: CustomerMix::Shares {
                        promoter: p,
                        passive: b,
                        detractor: 1.0 - p - b,
                    },
                    referrals_per_promoter: if ns > 1 { rpp } else { 0.0 },
                    referral_entry_stage: if ns > 1 {
                        1 + (seed as usize % (ns - 1))
                    } else {
                        1
                    },
                    repeat_rate: rep,
                    churn_rate: churn,
                    detractor_churn_rate: (churn * 2.0).min(1.0),
                    reinvest_share: reinv,
                    customers_at_start: if seed % 3 == 0 { seed % 5_000 } else { 0 },
                };
                s.economics = Economics {
                    revenue_per_purchase: rev,
                    cost_per_lead: cpl,
                    fixed_budget_per_period: 100.0,
                    paid_share: [1.0, 0.0, 0.35][seed as usize % 3],
                    currency: Currency::ALL[seed as usize % 3],
                };
                s
            },
        )
}

fn ordered(b: &Bands) {
    for t in 0..b.p5.len() {
        assert!(
            b.p5[t] <= b.p25[t]
                && b.p25[t] <= b.p50[t]
                && b.p50[t] <= b.p75[t]
                && b.p75[t] <= b.p95[t]
        );
        assert!(b.p5[t] >= 0.0 && b.mean[t] >= 0.0 && b.mean[t].is_finite());
    }
}

fn monotone(b: &Bands) {
    for v in [&b.p5, &b.p25, &b.p50, &b.p75, &b.p95, &b.mean] {
        for w in v.windows(2) {
            assert!(w[0] <= w[1], "{v:?}");
        }
    }
}

fn summary_ok(s: &Summary) {
    assert!(
        s.min <= s.p5
            && s.p5 <= s.p25
            && s.p25 <= s.p50
            && s.p50 <= s.p75
            && s.p75 <= s.p95
            && s.p95 <= s.max
    );
    assert!(s.min >= 0.0);
}

/// 128 cases from a fixed seed, so CI runs the same scenarios every time (a random seed let a
/// landing fail on a case no earlier run had drawn). To explore further, set the seed and count:
/// `PROPTEST_RNG_SEED=7 PROPTEST_CASES=5000 cargo test --release --test sim_props`. Failures found so
/// are kept in `sim_props.proptest-regressions` and replayed first on every run.
fn config() -> ProptestConfig {
    let from_env = ProptestConfig::default();
    let explore = std::env::var_os("PROPTEST_RNG_SEED").is_some();
    ProptestConfig {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() {
            from_env.cases
        } else {
            128
        },
        rng_seed: if explore {
            from_env.rng_seed
        } else {
            proptest::test_runner::RngSeed::Fixed(0x5eed_f0e1)
        },
        ..from_env
    }
}

proptest! {
    #![proptest_config(config())]
    #[test]
    fn random_valid_scenarios_run_cleanly(s in scenario()) {
        // Some generated combinations (e.g. growth with many periods) may be invalid;
        // those must fail validation cleanly, the rest must run.
        if s.validate().is_err() {
            prop_assert!(run(&s).is_err());
            return Ok(());
        }
        let r = run(&s).unwrap();
        prop_assert_eq!(r.trials_done, u64::from(s.trials));
        for m in [&r.funnel, &r.flywheel] {
            for b in [&m.new_leads, &m.new_customers, &m.cumulative_customers, &m.cumulative_revenue, &m.spend, &m.active_customers] {
                ordered(b);
                prop_assert_eq!(b.p50.len(), s.periods as usize);
            }
            monotone(&m.cumulative_customers);
            monotone(&m.cumulative_revenue);
            summary_ok(&m.final_customers);
            summary_ok(&m.final_revenue);
            for st in &m.stages {
                summary_ok(&st.entered);
                summary_ok(&st.advanced);
                prop_assert!(st.advanced.mean <= st.entered.mean + 1e-6);
            }
            for h in [&m.customers_histogram, &m.revenue_histogram] {
                prop_assert_eq!(h.counts.iter().sum::<u64>() + h.below + h.above, u64::from(s.trials));
                // What is set apart is at most 1% of the trials at each end (nearest rank; 0.5% but in a long tail).
                prop_assert!(h.below * 100 <= u64::from(s.trials) && h.above * 100 <= u64::from(s.trials));
            }
        }
        let sim = Simulation::new(&s).unwrap();
        let tr = sim.trace_trial(0).unwrap();
        for p in tr.flywheel.periods.iter().chain(&tr.funnel.periods) {
            for f in &p.stages {
                prop_assert_eq!(f.waiting_start + f.entered, f.advanced + f.dropped + f.waiting_end);
            }
            prop_assert!(p.revenue >= 0.0 && p.spend >= 0.0);
        }
        let d = result_digest(&r);
        prop_assert_eq!(d, result_digest(&run_with_chunks_per_call(&s, 3).unwrap()));
    }
}
