//! Presets that teach: one per common funnel challenge, plus a healthy funnel and a flywheel company.
//! Each sets numbers that show the problem and carries a short explanation and a fix to try.

use crate::sim::{CustomerMix, Rate, Scenario};

use super::i18n::{Lang, T};
use super::state::default_scenario;

/// A teaching preset.
#[derive(Clone, Copy, Debug)]
pub struct Preset {
    /// Stable id (used in the DOM and in links).
    pub id: &'static str,
    pub title: T,
    /// What the numbers show (two to four sentences).
    pub story: T,
    /// A change to try.
    pub fix: T,
    build: fn(&mut Scenario),
}

impl Preset {
    /// The preset's scenario, with stage names in `lang`.
    pub fn scenario(&self, lang: Lang) -> Scenario {
        let mut s = default_scenario(lang);
        (self.build)(&mut s);
        s
    }
}

fn beta(mean: f64, certainty: f64) -> Rate {
    Rate::Beta { mean, certainty }
}

/// All presets, in the order they are offered.
pub const PRESETS: [Preset; 7] = [
    Preset {
        id: "healthy",
        title: T::PresetHealthy,
        story: T::PresetHealthyStory,
        fix: T::PresetHealthyFix,
        build: |_| {},
    },
    Preset {
        id: "awareness",
        title: T::PresetAwareness,
        story: T::PresetAwarenessStory,
        fix: T::PresetAwarenessFix,
        build: |s| {
            s.arrivals.mean = 60.0;
            s.arrivals.growth = 0.0;
        },
    },
    Preset {
        id: "interest",
        title: T::PresetInterest,
        story: T::PresetInterestStory,
        fix: T::PresetInterestFix,
        build: |s| s.stages[0].rate = beta(0.06, 200.0),
    },
    Preset {
        id: "competition",
        title: T::PresetCompetition,
        story: T::PresetCompetitionStory,
        fix: T::PresetCompetitionFix,
        build: |s| {
            s.stages[2].rate = beta(0.15, 150.0);
            s.stages[3].rate = beta(0.30, 50.0);
        },
    },
    Preset {
        id: "complexity",
        title: T::PresetComplexity,
        story: T::PresetComplexityStory,
        fix: T::PresetComplexityFix,
        build: |s| {
            s.stages[1].delay = 3.0;
            s.stages[2].delay = 6.0;
            s.stages[3].delay = 4.0;
            s.stages[3].rate = beta(0.30, 50.0);
        },
    },
    Preset {
        id: "experience",
        title: T::PresetExperience,
        story: T::PresetExperienceStory,
        fix: T::PresetExperienceFix,
        build: |s| {
            s.flywheel.customer_mix = CustomerMix::Shares {
                promoter: 0.1,
                passive: 0.35,
                detractor: 0.55,
            };
            s.flywheel.churn_rate = 0.06;
            s.flywheel.detractor_churn_rate = 0.2;
            s.flywheel.repeat_rate = 0.01;
        },
    },
    Preset {
        id: "flywheel",
        title: T::PresetFlywheel,
        story: T::PresetFlywheelStory,
        fix: T::PresetFlywheelFix,
        build: |s| {
            s.flywheel.customer_mix = CustomerMix::Shares {
                promoter: 0.6,
                passive: 0.3,
                detractor: 0.1,
            };
            // A strong loop that still has a limit (loop gain about 0.82 new customers per customer, see
            // `controls::loop_gain`): a teaching preset must not show the runaway warning.
            s.flywheel.referrals_per_promoter = 0.15;
            s.flywheel.repeat_rate = 0.05;
            s.flywheel.churn_rate = 0.01;
            s.flywheel.detractor_churn_rate = 0.04;
            s.flywheel.reinvest_share = 0.12;
        },
    },
];

/// The preset with `id`.
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{run, Scenario};

    fn quick(mut s: Scenario) -> crate::sim::RunResult {
        s.trials = 1000;
        run(&s).expect("preset scenarios are valid")
    }

    #[test]
    fn every_preset_is_valid_in_both_languages() {
        for p in &PRESETS {
            for lang in [Lang::En, Lang::Nl] {
                p.scenario(lang)
                    .validate()
                    .unwrap_or_else(|e| panic!("{}: {e}", p.id));
            }
        }
        assert_eq!(preset("complexity").map(|p| p.id), Some("complexity"));
        assert!(preset("nope").is_none());
    }

    #[test]
    fn no_preset_runs_away() {
        // The Flywheel panel warns from a loop gain of 1 (the flywheel then grows without limit); the
        // flywheel company had 1.36 (20% reinvested, 0.2 referrals per promoter).
        for p in &PRESETS {
            let g = crate::ui::controls::loop_gain(&p.scenario(Lang::En)).unwrap_or(0.0);
            assert!(g < 0.95, "{}: {g}", p.id);
        }
        let g = crate::ui::controls::loop_gain(&preset("flywheel").unwrap().scenario(Lang::En));
        // (0.82 since session 24 counts a customer's periods within the horizon exactly, per churn
        // rate: 0.9 with the averaged churn's 1 / c capped at the horizon.)
        assert!(g.is_some_and(|g| g > 0.8), "still a strong loop: {g:?}");
    }

    #[test]
    fn each_problem_preset_shows_its_problem_against_the_healthy_funnel() {
        let healthy = quick(preset("healthy").unwrap().scenario(Lang::En));
        let median = |r: &crate::sim::RunResult| r.funnel.final_customers.p50;
        for id in ["awareness", "interest", "competition", "complexity"] {
            let r = quick(preset(id).unwrap().scenario(Lang::En));
            assert!(
                median(&r) < 0.6 * median(&healthy),
                "{id}: {} vs {}",
                median(&r),
                median(&healthy)
            );
        }
        // Poor experience, as its story says: fewer than half of the flywheel's customers are still
        // customers at the end (median active against cumulative), and the flywheel earns less than half
        // as much more than the funnel as in the healthy company (medians of final revenue). Its fix
        // (churn 2%, detractors' 6%, repeat purchases 3%) doubles that lead.
        let gain = |r: &crate::sim::RunResult| {
            r.flywheel.final_customers.mean - r.funnel.final_customers.mean
        };
        let revenue_lead =
            |r: &crate::sim::RunResult| r.flywheel.final_revenue.p50 - r.funnel.final_revenue.p50;
        let mut s = preset("experience").unwrap().scenario(Lang::En);
        let poor = quick(s.clone());
        let active = poor
            .flywheel
            .active_customers
            .p50
            .last()
            .copied()
            .unwrap_or(0.0);
        assert!(
            active < 0.5 * poor.flywheel.final_customers.p50,
            "{active} of {}",
            poor.flywheel.final_customers.p50
        );
        assert!(
            revenue_lead(&poor) < 0.5 * revenue_lead(&healthy),
            "{} vs {}",
            revenue_lead(&poor),
            revenue_lead(&healthy)
        );
        s.flywheel.churn_rate = 0.02;
        s.flywheel.detractor_churn_rate = 0.06;
        s.flywheel.repeat_rate = 0.03;
        let fixed = quick(s);
        assert!(
            revenue_lead(&fixed) > 1.8 * revenue_lead(&poor),
            "{} vs {}",
            revenue_lead(&fixed),
            revenue_lead(&poor)
        );
        let wheel = quick(preset("flywheel").unwrap().scenario(Lang::En));
        // The flywheel company's loop (gain 0.9, below the runaway limit) adds far more than the
        // healthy company's.
        assert!(
            gain(&wheel) > 1.5 * gain(&healthy),
            "{} vs {}",
            gain(&wheel),
            gain(&healthy)
        );
    }
}
