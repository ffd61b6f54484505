//! How closely Compare keeps B on A's draws: the default scenario against one change at a time, with the
//! difference of final customers (mean, 5th/50th/95th percentiles, P(B > A), P(B = A), the smallest).
//! `cargo run --release --example compare_coupling -p funnel-sim`
use funnel_sim::{compare, Rate, Scenario};

fn main() {
    let a = Scenario::default_five_stage();
    let beta = |mean, certainty| Rate::Beta { mean, certainty };
    let mut cases = Vec::new();
    let mut b = a.clone();
    b.stages[0].rate = beta(0.33, 200.0);
    cases.push(("Awareness 30% -> 33%", b));
    let mut b = a.clone();
    b.stages[3].rate = beta(0.55, 50.0);
    cases.push(("Decision 50% -> 55%", b));
    let mut b = a.clone();
    b.stages[4].rate = beta(0.935, 100.0);
    cases.push(("Purchase 85% -> 93.5%", b));
    let mut b = a.clone();
    b.arrivals.mean = 550.0;
    cases.push(("new leads 500 -> 550", b));
    let mut b = a.clone();
    b.flywheel.referrals_per_promoter = 0.06;
    cases.push(("referrals 0.05 -> 0.06", b));
    for (name, b) in cases {
        let r = compare(&a, &b).expect("valid scenarios");
        for (what, d) in [
            ("funnel", &r.funnel_customers),
            ("flywheel", &r.flywheel_customers),
        ] {
            let s = &d.summary;
            println!(
                "{name:24} {what:8} mean {:6.2}  p5 {:5.0}  p50 {:5.0}  p95 {:5.0}  P(B>A) {:.4}  P(B=A) {:.4}  min {:.0}",
                s.mean, s.p5, s.p50, s.p95, d.probability_b_greater, d.probability_equal, s.min
            );
        }
    }
}
