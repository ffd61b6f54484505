//! Helpers shared by the integration tests (each test file includes this with `mod common;`).
#![allow(dead_code)]

use funnel_lab::sim::Rate;
use proptest::prelude::*;

/// A random valid conversion rate of each kind: fixed, Beta (mean, certainty), or observed k of n.
pub fn rate() -> impl Strategy<Value = Rate> {
    prop_oneof![
        (0.0f64..=1.0).prop_map(|value| Rate::Fixed { value }),
        (0.0f64..=1.0, 0.01f64..500.0).prop_map(|(mean, certainty)| Rate::Beta { mean, certainty }),
        (0u64..200, 0u64..200).prop_map(|(a, b)| Rate::Observed {
            successes: a.min(b),
            trials: a.max(b)
        }),
    ]
}
