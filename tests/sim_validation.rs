#![cfg(not(target_arch = "wasm32"))]
//! One test per validation rule, plus JSON parsing.

use funnel_lab::sim::*;

fn expect(s: &Scenario, path: &str, kind: ErrorKind) {
    let e = s.validate().expect_err("should be invalid");
    assert_eq!(e.path(), Some(path), "{e}");
    assert_eq!(e.kind(), Some(kind), "{e}");
    let msg = e.to_string();
    // Every message names the field and what it must be; an unknown version says which version
    // this build reads.
    if kind == ErrorKind::UnknownVersion {
        assert!(
            msg.contains("format version") && msg.contains("reads version 1"),
            "{msg}"
        );
    } else {
        assert!(msg.contains(path) && msg.contains("must be"), "{msg}");
    }
    assert!(Simulation::new(s).is_err());
    assert!(run(s).is_err());
}

fn base() -> Scenario {
    Scenario::default_five_stage()
}

#[test]
fn default_is_valid_and_round_trips() {
    let s = base();
    s.validate().unwrap();
    assert_eq!(Scenario::from_json(&s.to_json()).unwrap(), s);
}

/// The currency is a label: EUR is left out of the JSON (every scenario written before it stays as it
/// was), the others are written as their ISO code and read back; no trial reads it.
#[test]
fn currency_round_trips_as_its_code_and_changes_no_number() {
    let s = base();
    assert!(!s.to_json().contains("currency"));
    assert_eq!(s.economics.currency, Currency::Eur);
    for (c, code) in Currency::ALL.into_iter().zip(Currency::CODES) {
        let mut t = base();
        t.trials = 500;
        t.economics.currency = c;
        let json = t.to_json();
        assert_eq!(
            json.contains(&format!("\"currency\": \"{code}\"")),
            c != Currency::Eur
        );
        assert_eq!(Scenario::from_json(&json).unwrap(), t);
        let mut e = t.clone();
        e.economics.currency = Currency::Eur;
        assert!(t.same_but_labels(&e));
        assert_eq!(run(&t).unwrap(), run(&e).unwrap());
    }
    assert_eq!(Currency::ALL.map(Currency::sign), ['€', '$', '£']);
}

#[test]
fn nan_is_rejected() {
    let mut s = base();
    s.stages[2].rate = Rate::Beta {
        mean: f64::NAN,
        certainty: 10.0,
    };
    expect(&s, "stages[2].rate.mean", ErrorKind::NotANumber);
}

#[test]
fn infinities_are_rejected() {
    let mut s = base();
    s.arrivals.mean = f64::INFINITY;
    expect(&s, "arrivals.mean", ErrorKind::Infinite);
    let mut s = base();
    s.economics.revenue_per_purchase = f64::NEG_INFINITY;
    expect(&s, "economics.revenue_per_purchase", ErrorKind::Infinite);
}

#[test]
fn negatives_are_rejected() {
    let mut s = base();
    s.economics.cost_per_lead = -1.0;
    expect(&s, "economics.cost_per_lead", ErrorKind::Negative);
    let mut s = base();
    s.flywheel.referrals_per_promoter = -0.1;
    expect(&s, "flywheel.referrals_per_promoter", ErrorKind::Negative);
}

#[test]
fn rates_outside_unit_interval_are_rejected() {
    let mut s = base();
    s.stages[1].rate = Rate::Fixed { value: 1.5 };
    expect(&s, "stages[1].rate.value", ErrorKind::OutOfRange);
    let mut s = base();
    s.flywheel.churn_rate = 1.01;
    expect(&s, "flywheel.churn_rate", ErrorKind::OutOfRange);
    let mut s = base();
    s.stages[0].rate = Rate::Observed {
        successes: 11,
        trials: 10,
    };
    expect(&s, "stages[0].rate.successes", ErrorKind::OutOfRange);
}

#[test]
fn shares_must_sum_to_one() {
    let mut s = base();
    s.flywheel.customer_mix = CustomerMix::Shares {
        promoter: 0.5,
        passive: 0.3,
        detractor: 0.2 + 1e-8,
    };
    expect(&s, "flywheel.customer_mix", ErrorKind::SharesDoNotSumToOne);
    let mut s = base();
    s.segments = vec![
        Segment {
            name: "a".into(),
            share: 0.5,
            logit_shift: vec![],
        },
        Segment {
            name: "b".into(),
            share: 0.4,
            logit_shift: vec![],
        },
    ];
    expect(&s, "segments[].share", ErrorKind::SharesDoNotSumToOne);
    // The sum as a person would write it (0.7 + 0.2 is 0.8999999999999999 in binary floating point),
    // with the decimals of a miss just beyond the tolerance.
    s.segments[0].share = 0.7;
    s.segments[1].share = 0.2;
    let msg = s.validate().unwrap_err().to_string();
    assert!(msg.contains("sums to 0.9,"), "{msg}");
    s.segments[1].share = 0.3 + 2e-9;
    let msg = s.validate().unwrap_err().to_string();
    assert!(msg.contains("sums to 1.000000002,"), "{msg}");
    s.segments[0].share = 0.5;
    // within 1e-9 is fine
    s.segments[1].share = 0.5 + 5e-10;
    s.validate().unwrap();
}

#[test]
fn too_many_stages_trials_periods_segments() {
    let mut s = base();
    s.stages = (0..21)
        .map(|i| Stage {
            name: format!("s{i}"),
            ..base().stages[0].clone()
        })
        .collect();
    expect(&s, "stages", ErrorKind::TooMany);
    let mut s = base();
    s.trials = 1_000_001;
    expect(&s, "trials", ErrorKind::OutOfRange);
    let mut s = base();
    s.trials = 0;
    expect(&s, "trials", ErrorKind::OutOfRange);
    let mut s = base();
    s.periods = 521;
    expect(&s, "periods", ErrorKind::OutOfRange);
    let mut s = base();
    s.segments = (0..9)
        .map(|i| Segment {
            name: format!("g{i}"),
            share: 1.0 / 9.0,
            logit_shift: vec![],
        })
        .collect();
    expect(&s, "segments", ErrorKind::TooMany);
    let mut s = base();
    s.stages.clear();
    expect(&s, "stages", ErrorKind::TooFew);
}

#[test]
fn unknown_version_is_rejected() {
    let mut s = base();
    s.version = 2;
    expect(&s, "version", ErrorKind::UnknownVersion);
    let json = s
        .to_json()
        .replace("\"periods\"", "\"new_field_of_v2\": 1, \"periods\"");
    let e = Scenario::from_json(&json).unwrap_err();
    assert_eq!(e.kind(), Some(ErrorKind::UnknownVersion));
}

#[test]
fn other_rules() {
    let mut s = base();
    s.stages[1].delay = 0.5;
    expect(&s, "stages[1].delay", ErrorKind::OutOfRange);
    // Open leads at the start: up to a billion per stage.
    let mut s = base();
    s.stages[3].open = funnel_lab::sim::MAX_OPEN_LEADS;
    s.validate().unwrap();
    s.stages[3].open += 1;
    expect(&s, "stages[3].open", ErrorKind::OutOfRange);
    let mut s = base();
    s.flywheel.referral_entry_stage = 0;
    expect(&s, "flywheel.referral_entry_stage", ErrorKind::OutOfRange);
    // One stage: no later stage for referred leads, so referrals must be 0 (the entry stage's range
    // read "between 1 and 0").
    let mut s = base();
    s.stages.truncate(1);
    expect(&s, "flywheel.referrals_per_promoter", ErrorKind::OutOfRange);
    assert_eq!(
        s.validate().unwrap_err().to_string(),
        "The field flywheel.referrals_per_promoter is 0.05, but it must be 0 with a single stage (referred leads enter at a stage after the top one)."
    );
    s.flywheel.referrals_per_promoter = 0.0;
    assert!(s.validate().is_ok());
    let mut s = base();
    s.correlation = 1.0;
    expect(&s, "correlation", ErrorKind::OutOfRange);
    let mut s = base();
    s.arrivals.growth = 1.0;
    expect(&s, "arrivals.growth", ErrorKind::OutOfRange);
    let mut s = base();
    s.segments = vec![Segment {
        name: "a".into(),
        share: 1.0,
        logit_shift: vec![0.0; 3],
    }];
    expect(&s, "segments[0].logit_shift", ErrorKind::WrongLength);
    let mut s = base();
    s.stages[3].name = " ".into();
    expect(&s, "stages[3].name", ErrorKind::Empty);
    let mut s = base();
    s.economics.cost_per_lead = 0.0;
    expect(&s, "economics.cost_per_lead", ErrorKind::OutOfRange);
    let mut s = base();
    s.flywheel.customer_mix = CustomerMix::Nps {
        score: 80.0,
        passive: 0.3,
    };
    expect(&s, "flywheel.customer_mix.score", ErrorKind::OutOfRange);
    // The limit is 100 · (1 − passive) exactly, although 1 − 0.8 is not 0.2 in binary: ±20 with 80%
    // passives (and ±10 with 90%) pass, with shares that are not negative; a hair more does not,
    // and the message names the limit as typed.
    for (score, passive) in [(20.0, 0.8), (-20.0, 0.8), (10.0, 0.9), (-10.0, 0.9)] {
        let mut s = base();
        s.flywheel.customer_mix = CustomerMix::Nps { score, passive };
        assert!(s.validate().is_ok(), "{score} {passive}");
        let (p, _, d) = s.flywheel.customer_mix.shares();
        assert!(p >= 0.0 && d >= 0.0, "{p} {d}");
    }
    let mut s = base();
    s.flywheel.customer_mix = CustomerMix::Nps {
        score: 20.001,
        passive: 0.8,
    };
    let e = s.validate().unwrap_err();
    assert!(e.to_string().contains("between -20 and 20"), "{e}");
}

#[test]
fn parse_errors_carry_line_and_column() {
    let text = "{\n  \"version\": 1,\n  \"periods\": 12,,\n}";
    match Scenario::from_json(text) {
        Err(ScenarioError::Parse { line, column, .. }) => {
            assert_eq!(line, 3);
            assert_eq!(column, 17);
        }
        other => panic!("{other:?}"),
    }
    let e = Scenario::from_json("{\"version\": 1, \"periods\": \"x\"}").unwrap_err();
    assert!(matches!(e, ScenarioError::Parse { line: 1, .. }));
    assert!(e.to_string().contains("line 1, column"));
    // The end of an empty text or an empty last line is column 1 (serde_json says 0 there).
    for (text, line) in [("", 1), ("\n\n", 3)] {
        match Scenario::from_json(text) {
            Err(ScenarioError::Parse {
                line: l, column, ..
            }) => assert_eq!((l, column), (line, 1)),
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn example_scenarios_parse_and_validate() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/scenarios");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "json") {
            let s = Scenario::from_json(&std::fs::read_to_string(&p).unwrap()).unwrap();
            s.validate()
                .unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            n += 1;
        }
    }
    assert!(n >= 2);
}

/// `Rate` and `CustomerMix` are objects tagged by `kind` (read through a flat form, not serde's buffering
/// internally tagged enums): each kind takes exactly its own fields, and every mistake names the field.
#[test]
fn tagged_objects_take_exactly_their_kinds_fields() {
    let base = Scenario::default_five_stage().to_json();
    let err = |from: &str, to: &str| {
        assert!(base.contains(from), "{from}");
        match Scenario::from_json(&base.replacen(from, to, 1)) {
            Err(ScenarioError::Parse { message, .. }) => message,
            other => panic!("{to}: expected a parse error, got {other:?}"),
        }
    };
    let cases = [
        (
            r#""kind": "beta""#,
            r#""kind": "gamma""#,
            "\"kind\": unknown variant `gamma`, expected one of `fixed`, `beta`, `observed`",
        ),
        (
            r#""kind": "beta""#,
            r#""kind": "fixed""#,
            "unknown field `mean`, expected `value`",
        ),
        (
            r#""mean": 0.3,"#,
            r#""mean": 0.3, "value": 1,"#,
            "unknown field `value`, expected `mean` or `certainty`",
        ),
        (
            r#""mean": 0.3,"#,
            r#""mean": 0.3, "foo": 1,"#,
            "unknown field `foo`",
        ),
        (
            r#""mean": 0.3,"#,
            r#""mean": "x","#,
            "\"mean\": invalid type: string \"x\", expected a number",
        ),
        (
            r#""mean": 0.3,"#,
            r#""mean": 0.3, "mean": 0.2,"#,
            "duplicate field `mean`",
        ),
        (r#""mean": 0.3,"#, r#""#, "missing field `mean`"),
        (r#""kind": "beta","#, r#""#, "missing field `kind`"),
        (
            r#""kind": "shares""#,
            r#""kind": "nps""#,
            "unknown field `promoter`, expected `score` or `passive`",
        ),
        (
            r#""kind": "shares""#,
            r#""kind": "beta""#,
            "\"kind\": unknown variant `beta`, expected `shares` or `nps`",
        ),
        // The period unit and the arrivals' distribution (read by one hand-written function).
        (
            r#""period_unit": "month""#,
            r#""period_unit": "day""#,
            "\"period_unit\": unknown variant `day`, expected `week` or `month`",
        ),
        (
            r#""distribution": "poisson""#,
            r#""distribution": "gamma""#,
            "\"distribution\": unknown variant `gamma`, expected one of `fixed`, `poisson`, `negative_binomial`",
        ),
        (
            r#""fixed_budget_per_period": 5000.0"#,
            r#""fixed_budget_per_period": 5000.0, "currency": "usd""#,
            "\"currency\": unknown variant `usd`, expected one of `EUR`, `USD`, `GBP`",
        ),
        (
            r#""distribution": "poisson""#,
            r#""distribution": 2"#,
            "\"distribution\": invalid type: integer `2`, expected a string",
        ),
    ];
    for (from, to, want) in cases {
        let got = err(from, to);
        assert!(got.contains(want), "{to}: {got}");
        // A field unknown, missing or twice is named by the message; no other key goes before it.
        if want.contains(" field `") || want.starts_with('"') {
            assert!(got.starts_with(want), "{to}: {got}");
        }
    }
    // A bare number where the tagged object belongs says what an object it must be (not "struct Tagged").
    let mut v: serde_json::Value = serde_json::from_str(&base).unwrap();
    v["stages"][0]["rate"] = serde_json::json!(0.3);
    match Scenario::from_json(&v.to_string()) {
        Err(ScenarioError::Parse { message, .. }) => assert_eq!(
            message,
            "\"rate\": invalid type: floating point `0.3`, expected an object with a \"kind\" and that kind's fields"
        ),
        other => panic!("expected a parse error, got {other:?}"),
    }
    // Each kind reads back what it wrote.
    let mut s = Scenario::default_five_stage();
    s.stages[0].rate = Rate::Fixed { value: 0.25 };
    s.stages[1].rate = Rate::Observed {
        successes: 3,
        trials: 9,
    };
    s.flywheel.customer_mix = CustomerMix::Nps {
        score: 12.5,
        passive: 0.25,
    };
    assert_eq!(Scenario::from_json(&s.to_json()).unwrap(), s);
}

#[test]
fn parse_errors_name_the_field_in_plain_words_and_a_bom_is_read_past() {
    let default = Scenario::default_five_stage().to_json();
    // A byte-order mark, as Windows editors save, is not an error.
    assert_eq!(
        Scenario::from_json(&format!("\u{feff}{default}")).unwrap(),
        Scenario::default_five_stage()
    );
    let msg = |json: &str| Scenario::from_json(json).unwrap_err().to_string();
    // An array is not a scenario (serde would read it as the fields in order).
    assert_eq!(
        msg("  [1, 2]"),
        "The scenario could not be read at line 1, column 3: a scenario is a JSON object, in braces { }."
    );
    // A value of the wrong form names its field and says what it must be, without Rust's type names.
    let with = |from: &str, to: &str| {
        assert!(default.contains(from), "{from}");
        msg(&default.replacen(from, to, 1))
    };
    let seed = with("\"seed\": 42", "\"seed\": -1");
    assert!(
        seed.contains(
            "\"seed\": invalid value: integer `-1`, expected a whole number from 0 to 18446744073709551615."
        ),
        "{seed}"
    );
    // A whole number's range is its field's, not its type's.
    let periods = with("\"periods\": 24", "\"periods\": 24.0");
    assert!(
        periods.contains(
            "\"periods\": invalid type: floating point `24.0`, expected a whole number from 1 to 520."
        ),
        "{periods}"
    );
    let trials = with("\"trials\": 10000", "\"trials\": 1e4");
    assert!(
        trials.contains("\"trials\": invalid type: floating point `10000.0`, expected a whole number from 1 to 1000000."),
        "{trials}"
    );
    let observed = with("\"successes\": 45", "\"successes\": 4.5");
    assert!(
        observed.contains("\"successes\": invalid type: floating point `4.5`, expected a whole number from 0 to 1000000000."),
        "{observed}"
    );
    // An unknown key at the top level is named once, as itself.
    let unknown = with("\"seed\": 42", "\"seed\": 42, \"foo\": 1");
    assert!(
        unknown.contains(": unknown field `foo`, expected one of"),
        "{unknown}"
    );
    assert!(!unknown.contains("\"seed\""), "{unknown}");
    let entry = with(
        "\"referral_entry_stage\": 2",
        "\"referral_entry_stage\": -1",
    );
    assert!(
        entry.contains("\"referral_entry_stage\": invalid value: integer `-1`, expected a whole number from 0."),
        "{entry}"
    );
    // Syntax errors have no field to name.
    assert!(!msg("{\"version\": 1,,}").contains("\": "));
}

#[test]
fn the_paid_share_of_arrivals_is_a_share_and_left_out_of_the_json_at_one() {
    for (v, kind) in [
        (1.2, ErrorKind::OutOfRange),
        (-0.1, ErrorKind::Negative),
        (f64::NAN, ErrorKind::NotANumber),
    ] {
        let mut s = base();
        s.economics.paid_share = v;
        expect(&s, "economics.paid_share", kind);
    }
    // Optional: files without it (all written before it existed) pay for every arrival.
    let s = base();
    assert_eq!(s.economics.paid_share, 1.0);
    assert!(!s.to_json().contains("paid_share"));
    let mut half = base();
    half.economics.paid_share = 0.5;
    let json = half.to_json();
    assert!(json.contains(r#""paid_share": 0.5"#), "{json}");
    assert_eq!(Scenario::from_json(&json).unwrap(), half);
}
