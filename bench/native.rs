//! Native engine benchmark for `scripts/bench.sh` (see bench/README.md).
//!
//! ```text
//! cargo run --offline --profile bench --example native-bench -- [--runs N] [--runs-1m N] [--skip-1m] [--json]
//! cargo run --offline --profile bench --example native-bench -- --print-default-scenario
//! ```
//!
//! Times `funnel_lab::sim::run(&scenario)` (funnel + flywheel, single thread) on
//! `Scenario::default_five_stage()` (10,000 trials) and on the same scenario with 1,000,000 trials.
//! Trial-periods per second = trials × periods / seconds (per model, as in benches/engine.rs).
//! The default scenario gets one untimed warm-up run, then `--runs` timed runs (median reported).

use std::hint::black_box;
use std::time::Instant;

use funnel_lab::sim::{run, Scenario};

struct Args {
    runs: usize,
    runs_1m: usize,
    skip_1m: bool,
    json: bool,
    print_scenario: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        runs: 7,
        runs_1m: 1,
        skip_1m: false,
        json: false,
        print_scenario: false,
    };
    let mut it = std::env::args().skip(1);
    let count = |v: Option<String>, flag: &str| -> Result<usize, String> {
        v.and_then(|s| s.parse::<usize>().ok())
            .filter(|&n| n >= 1)
            .ok_or_else(|| format!("{flag} needs a whole number >= 1"))
    };
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--runs" => a.runs = count(it.next(), "--runs")?,
            "--runs-1m" => a.runs_1m = count(it.next(), "--runs-1m")?,
            "--skip-1m" => a.skip_1m = true,
            "--json" => a.json = true,
            "--print-default-scenario" => a.print_scenario = true,
            "-h" | "--help" => {
                println!(
                    "native-bench [--runs N (default 7)] [--runs-1m N (default 1)] [--skip-1m] [--json] | --print-default-scenario"
                );
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(a)
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    let n = s.len();
    if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    }
}

/// Times `runs` runs of the scenario; returns (seconds per run, funnel mean final customers).
fn time_runs(s: &Scenario, runs: usize, label: &str, quiet: bool) -> (Vec<f64>, f64) {
    let mut times = Vec::with_capacity(runs);
    let mut funnel_mean = f64::NAN;
    for i in 0..runs {
        let t = Instant::now();
        let r = black_box(run(black_box(s)).expect("the scenario is valid"));
        let dt = t.elapsed().as_secs_f64();
        funnel_mean = r.funnel.final_customers.mean;
        times.push(dt);
        if !quiet {
            eprintln!("  {label} run {}/{runs}: {:.1} ms", i + 1, dt * 1e3);
        }
    }
    (times, funnel_mean)
}

fn json_list(v: &[f64]) -> String {
    let items: Vec<String> = v.iter().map(|x| format!("{x:.6}")).collect();
    format!("[{}]", items.join(","))
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("native-bench: {e}");
            std::process::exit(2);
        }
    };
    let s = Scenario::default_five_stage();
    if args.print_scenario {
        println!("{}", s.to_json());
        return;
    }
    let quiet = args.json;
    let tp = |sc: &Scenario, secs: f64| f64::from(sc.trials) * f64::from(sc.periods) / secs;

    // Warm-up (page faults, caches, CPU frequency); not timed.
    black_box(run(&s).expect("the scenario is valid"));
    let (times, funnel_mean) = time_runs(&s, args.runs, "default (10k trials)", quiet);
    let med = median(&times);

    let mut big = s.clone();
    big.trials = 1_000_000;
    let (times_1m, funnel_mean_1m) = if args.skip_1m {
        (Vec::new(), f64::NAN)
    } else {
        time_runs(&big, args.runs_1m, "1M trials", quiet)
    };
    let med_1m = if times_1m.is_empty() {
        f64::NAN
    } else {
        median(&times_1m)
    };

    if args.json {
        let num = |x: f64| {
            if x.is_finite() {
                format!("{x}")
            } else {
                "null".to_string()
            }
        };
        println!(
            "{{\"what\":\"funnel_lab::sim::run, funnel + flywheel, single thread\",\
             \"trials\":{},\"periods\":{},\"runs\":{},\"times_s\":{},\"median_s\":{},\
             \"trial_periods_per_s\":{},\"funnel_mean_final_customers\":{},\
             \"trials_1m\":{},\"times_1m_s\":{},\"median_1m_s\":{},\
             \"trial_periods_per_s_1m\":{},\"funnel_mean_final_customers_1m\":{}}}",
            s.trials,
            s.periods,
            times.len(),
            json_list(&times),
            num(med),
            num(tp(&s, med)),
            num(funnel_mean),
            big.trials,
            json_list(&times_1m),
            num(med_1m),
            num(tp(&big, med_1m)),
            num(funnel_mean_1m),
        );
    } else {
        println!("native, funnel_lab::sim::run (funnel + flywheel, single thread)");
        println!(
            "  default ({} trials x {} periods): median {:.1} ms of {} runs, {:.3e} trial-periods/s per model, funnel mean final customers {:.2}",
            s.trials,
            s.periods,
            med * 1e3,
            times.len(),
            tp(&s, med),
            funnel_mean
        );
        if !times_1m.is_empty() {
            println!(
                "  1M trials: median {:.2} s of {} runs, {:.3e} trial-periods/s per model",
                med_1m,
                times_1m.len(),
                tp(&big, med_1m)
            );
        }
    }
}
