//! Native command-line entry point: runs a scenario file and prints the result as JSON.
//!
//! ```text
//! funnel-lab-cli SCENARIO.json|- [--trials N] [--seed S] [--analyses] [--compare B.json]
//! ```
//! Exit codes: 0 ok, 2 invalid scenario or bad arguments (message on stderr), 1 I/O error. A reader
//! that closes the output early (`| head`) ends the program quietly.

use std::io::{Read, Write};
use std::process::ExitCode;

use funnel_lab::sim::{self, Scenario, MAX_TRIALS};

const USAGE: &str =
    "usage: funnel-lab-cli SCENARIO.json|- [--trials N] [--seed S] [--analyses] [--compare B.json]";

fn fail(msg: &str) -> ExitCode {
    eprintln!("{msg}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut path: Option<String> = None;
    let mut trials: Option<u32> = None;
    let mut seed: Option<u64> = None;
    let mut analyses = false;
    let mut compare: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--trials" if trials.is_some() => {
                return fail(&format!("--trials is given twice\n{USAGE}"))
            }
            "--trials" => match args.next().and_then(|v| v.parse().ok()) {
                Some(v) if (1..=MAX_TRIALS).contains(&v) => trials = Some(v),
                _ => {
                    return fail(&format!(
                        "--trials needs a whole number from 1 to {MAX_TRIALS}\n{USAGE}"
                    ))
                }
            },
            "--seed" if seed.is_some() => return fail(&format!("--seed is given twice\n{USAGE}")),
            "--seed" => match args.next().and_then(|v| v.parse().ok()) {
                Some(v) => seed = Some(v),
                None => {
                    return fail(&format!(
                        "--seed needs a whole number from 0 to {}\n{USAGE}",
                        u64::MAX
                    ))
                }
            },
            "--analyses" if analyses => {
                return fail(&format!("--analyses is given twice\n{USAGE}"))
            }
            "--analyses" => analyses = true,
            "--compare" if compare.is_some() => {
                return fail(&format!("--compare is given twice\n{USAGE}"))
            }
            "--compare" => match args.next() {
                Some(b) if !b.starts_with('-') || b == "-" => compare = Some(b),
                _ => return fail(&format!("--compare needs the file of scenario B\n{USAGE}")),
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "-V" | "--version" => {
                println!("funnel-lab-cli {}", env!("CARGO_PKG_VERSION"));
                return ExitCode::SUCCESS;
            }
            _ if path.is_none() && (a == "-" || !a.starts_with('-')) => path = Some(a),
            _ => return fail(&format!("unexpected argument {a:?}\n{USAGE}")),
        }
    }
    let Some(path) = path else {
        return fail(USAGE);
    };
    if path == "-" && compare.as_deref() == Some("-") {
        return fail(&format!(
            "only one of the scenarios can come from stdin\n{USAGE}"
        ));
    }
    // With --compare, each message says which of the two scenarios it is about.
    let a_label = if compare.is_some() {
        "scenario A: "
    } else {
        ""
    };
    let text = match read(&path, a_label) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let mut scenario = match Scenario::from_json(&text) {
        Ok(s) => s,
        Err(e) => return fail(&format!("{a_label}{e}")),
    };
    // Scenario B of a comparison: its errors name it, as the only file that is not A.
    let b = match compare.as_deref().map(|b| read(b, "scenario B: ")) {
        None => None,
        Some(Err(code)) => return code,
        Some(Ok(text)) => match Scenario::from_json(&text).and_then(|b| b.validate().map(|()| b)) {
            Ok(b) => Some(b),
            Err(e) => return fail(&format!("scenario B: {e}")),
        },
    };
    if let Some(t) = trials {
        scenario.trials = t;
    }
    if let Some(s) = seed {
        scenario.seed = s;
    }
    let result = match sim::run(&scenario) {
        Ok(r) => r,
        Err(e) => return fail(&format!("{a_label}{e}")),
    };
    let out = if analyses || b.is_some() {
        let bottlenecks = if analyses {
            match sim::bottlenecks(&scenario) {
                Ok(r) => Some(r),
                Err(e) => return fail(&e.to_string()),
            }
        } else {
            None
        };
        // B runs on A's seed and number of trials (after --trials and --seed), as in the app.
        let comparison = match b.as_ref().map(|b| sim::compare(&scenario, b)) {
            None => None,
            Some(Ok(r)) => Some(r),
            Some(Err(e)) => return fail(&format!("scenario B: {e}")),
        };
        #[derive(serde::Serialize)]
        struct WithAnalyses<'a> {
            result: &'a sim::RunResult,
            #[serde(skip_serializing_if = "Option::is_none")]
            bottlenecks: Option<sim::BottleneckReport>,
            #[serde(skip_serializing_if = "Option::is_none")]
            comparison: Option<sim::ComparisonReport>,
        }
        serde_json::to_string(&WithAnalyses {
            result: &result,
            bottlenecks,
            comparison,
        })
    } else {
        serde_json::to_string(&result)
    };
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{}", out.expect("result serialises")).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader has what it wanted (`| head`): no message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("cannot write the result: {e}");
            ExitCode::from(1)
        }
    }
}

/// The text of a scenario file, or of stdin for "-"; exit code 1 with a message (after `label`) when
/// it cannot be read.
fn read(path: &str, label: &str) -> Result<String, ExitCode> {
    let text = if path == "-" {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s).map(|_| s)
    } else {
        std::fs::read_to_string(path)
    };
    text.map_err(|e| {
        let what = if path == "-" {
            "stdin".to_string()
        } else {
            format!("{path:?}")
        };
        eprintln!("{label}cannot read {what}: {e}");
        ExitCode::from(1)
    })
}
