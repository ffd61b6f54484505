#![cfg(not(target_arch = "wasm32"))]
//! Runs the built CLI on valid and invalid scenarios.

use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_funnel-lab-cli");

/// The run succeeded (else its message is shown).
fn assert_ok(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn example(name: &str) -> String {
    format!("{}/examples/scenarios/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn valid_file_prints_result_json() {
    let out = Command::new(BIN)
        .args([&example("default.json"), "--trials", "300", "--seed", "7"])
        .output()
        .unwrap();
    assert_ok(&out);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["trials_total"], 300);
    assert_eq!(v["complete"], true);
    assert!(v["flywheel"]["final_customers"]["mean"].as_f64().unwrap() > 0.0);
    // Same core: equals the library result.
    let mut s = funnel_lab::sim::Scenario::from_json(
        &std::fs::read_to_string(example("default.json")).unwrap(),
    )
    .unwrap();
    s.trials = 300;
    s.seed = 7;
    let lib = serde_json::to_string(&funnel_lab::sim::run(&s).unwrap()).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim_end(), lib);
}

#[test]
fn analyses_and_stdin() {
    let mut child = Command::new(BIN)
        .args(["-", "--trials", "100", "--analyses"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read_to_string(example("segments.json")).unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["bottlenecks"]["levers"].as_array().unwrap().len() >= 2);
    assert_eq!(v["result"]["trials_total"], 100);
}

#[test]
fn invalid_file_exits_2_with_message() {
    let dir = std::env::temp_dir().join(format!("funnel-lab-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    let mut s = funnel_lab::sim::Scenario::default_five_stage();
    s.stages[2].rate = funnel_lab::sim::Rate::Fixed { value: 1.5 };
    std::fs::write(&bad, s.to_json()).unwrap();
    let out = Command::new(BIN).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("stages[2].rate.value"), "{err}");
    assert!(out.stdout.is_empty());
    std::fs::write(&bad, "{ \"version\": 1,\n  oops }").unwrap();
    let out = Command::new(BIN).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
    // A file cut short, or with a comma too many, is said in plain words, not serde's ("EOF while
    // parsing a value", "trailing comma").
    let good = funnel_lab::sim::Scenario::default_five_stage().to_json();
    for (text, want) in [
        (
            "{\"version\": 1, \"periods\": ".to_string(),
            "line 1, column 26: the file ends where a value belongs.",
        ),
        (
            "{\"version\": 1, \"periods\": 24,}".to_string(),
            "line 1, column 30: a comma too many.",
        ),
        (
            format!("{good}\n}}"),
            "there is more after the end of the scenario",
        ),
    ] {
        std::fs::write(&bad, &text).unwrap();
        let out = Command::new(BIN).arg(&bad).output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(want), "{text}: {err}");
    }
    let out = Command::new(BIN)
        .args([&example("default.json"), "--trials", "abc"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(BIN)
        .args([&example("default.json"), "--trials", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("trials"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn options_state_their_ranges_and_a_closed_output_ends_quietly() {
    let run = |args: &[&str]| Command::new(BIN).args(args).output().unwrap();
    let default = example("default.json");
    for (args, says) in [
        (
            vec![default.as_str(), "--trials", "-5"],
            "--trials needs a whole number from 1 to 1000000",
        ),
        (
            vec![default.as_str(), "--seed", "-1"],
            "--seed needs a whole number from 0 to 18446744073709551615",
        ),
        (
            vec![default.as_str(), "--trials", "10", "--trials", "20"],
            "--trials is given twice",
        ),
        (
            vec![default.as_str(), "--analyses", "--analyses"],
            "--analyses is given twice",
        ),
        (
            vec![default.as_str(), "--compare"],
            "--compare needs the file of scenario B",
        ),
        (
            vec![
                default.as_str(),
                "--compare",
                &default,
                "--compare",
                &default,
            ],
            "--compare is given twice",
        ),
        (
            vec!["-", "--compare", "-"],
            "only one of the scenarios can come from stdin",
        ),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with(says), "{args:?}: {err}");
    }
    let out = run(&["--version"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("funnel-lab-cli "));
    // A reader that stops after a few bytes (`| head -c 10`): no panic, no message, success.
    let mut child = Command::new(BIN)
        .args([default.as_str(), "--trials", "300"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_ok(&out);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `--compare B.json`: B on A's seed and trials (after `--trials`/`--seed`), the library's report
/// under "comparison"; an invalid B is named as such.
#[test]
fn compare_prints_the_comparison_of_b_against_a() {
    let dir = std::env::temp_dir().join(format!("funnel-lab-cli-cmp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let a_path = example("default.json");
    let mut b =
        funnel_lab::sim::Scenario::from_json(&std::fs::read_to_string(&a_path).unwrap()).unwrap();
    b.stages[0].rate = funnel_lab::sim::Rate::Beta {
        mean: 0.33,
        certainty: 200.0,
    };
    b.seed = 1;
    b.trials = 7;
    let b_path = dir.join("b.json");
    std::fs::write(&b_path, b.to_json()).unwrap();
    let out = Command::new(BIN)
        .args([&a_path, "--trials", "2000", "--seed", "5", "--compare"])
        .arg(&b_path)
        .output()
        .unwrap();
    assert_ok(&out);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["result"]["trials_total"], 2000);
    assert!(v.get("bottlenecks").is_none());
    let c = &v["comparison"];
    assert_eq!(c["trials"], 2000);
    // The same report as the library's for A (with the overrides) and B.
    let mut a =
        funnel_lab::sim::Scenario::from_json(&std::fs::read_to_string(&a_path).unwrap()).unwrap();
    (a.trials, a.seed) = (2000, 5);
    let lib = funnel_lab::sim::compare(&a, &b).unwrap();
    assert_eq!(
        c["funnel_customers"]["probability_b_greater"].as_f64(),
        Some(lib.funnel_customers.probability_b_greater)
    );
    assert!(lib.funnel_customers.probability_b_greater > 0.99);
    assert!(c["flywheel_active_customers"]["summary"]["mean"].is_number());
    // An invalid B: exit code 2, and the message says it is B's.
    b.stages[1].rate = funnel_lab::sim::Rate::Fixed { value: 1.5 };
    std::fs::write(&b_path, b.to_json()).unwrap();
    let out = Command::new(BIN)
        .args([&a_path, "--compare"])
        .arg(&b_path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("scenario B: ") && err.contains("stages[1].rate.value"),
        "{err}"
    );
    // With --compare each message names its scenario: an invalid A, a B that is not there.
    let out = Command::new(BIN)
        .arg(&b_path)
        .args(["--compare", &a_path])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("scenario A: "));
    let out = Command::new(BIN)
        .args([&a_path, "--compare", "no-such-b.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("scenario B: cannot read \"no-such-b.json\": "),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
