//! Compare's time and coupling as the counts grow: the default scenario at 500 to 500,000 new leads a
//! period against B with 10% fewer leads, Awareness 30% -> 28%, and Awareness 30% -> 33% (10,000
//! trials each). B with fewer leads takes a hypergeometric share of A's converters at every draw.
//! `cargo run --release --example compare_large_counts -p funnel-sim`
use std::time::Instant;

use funnel_sim::{compare, run, Rate, Scenario};

fn main() {
    for mean in [500.0, 5_000.0, 50_000.0, 500_000.0] {
        let mut a = Scenario::default_five_stage();
        a.arrivals.mean = mean;
        let t = Instant::now();
        run(&a).expect("valid scenario");
        let base = t.elapsed().as_secs_f64();
        let awareness = |m| {
            let mut b = a.clone();
            b.stages[0].rate = Rate::Beta {
                mean: m,
                certainty: 200.0,
            };
            b
        };
        let mut fewer = a.clone();
        fewer.arrivals.mean = mean * 0.9;
        for (name, b) in [
            ("leads -10%", fewer),
            ("Awareness 28%", awareness(0.28)),
            ("Awareness 33%", awareness(0.33)),
        ] {
            let t = Instant::now();
            let r = compare(&a, &b).expect("valid scenarios");
            let d = &r.funnel_customers;
            println!(
                "new leads {mean:>7}  {name:14} base run {base:.2} s  compare {:.2} s  P(B>A) {:.4}  min {:.0}  max {:.0}",
                t.elapsed().as_secs_f64(),
                d.probability_b_greater,
                d.summary.min,
                d.summary.max
            );
        }
    }
}
