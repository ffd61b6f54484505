#![cfg(not(target_arch = "wasm32"))]
//! Share links: round trips, the frozen link, every error, and the fuzz runs over `share::decode`
//! and `Scenario::from_json` (case count: `FUNNEL_LAB_FUZZ_CASES`, see docs/scenario.md).

use std::time::Instant;

mod common;
use common::rate;
use funnel_lab::share::{self, ShareError, ShareErrorKind, SharedState, V1_BASE};
use funnel_lab::sim::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;

fn state(scenario: Scenario) -> SharedState {
    SharedState {
        scenario,
        view: None,
        lang: None,
        preset: None,
        target: None,
        compare: None,
    }
}

/// The scenario behind the frozen link: every kind of field differs from the base.
fn frozen_scenario() -> Scenario {
    let mut s = Scenario::default_five_stage();
    s.name = "Q3 \"launch\" <b>plan</b>, v2 — café".to_string();
    s.periods = 36;
    s.period_unit = PeriodUnit::Week;
    s.trials = 2_000;
    s.seed = 7;
    s.arrivals.distribution = ArrivalDistribution::NegativeBinomial;
    s.arrivals.dispersion = 4.5;
    s.stages[0].name = "<img src=x onerror=alert(1)>".to_string();
    s.stages[1].rate = Rate::Fixed { value: 0.25 };
    s.stages.pop();
    s.correlation = 0.3;
    s.segments = vec![
        Segment {
            name: "SMB".into(),
            share: 0.7,
            logit_shift: vec![0.2, 0.0, -0.3, 0.1],
        },
        Segment {
            name: "Enterprise".into(),
            share: 0.3,
            logit_shift: vec![],
        },
    ];
    s.economics.cost_per_lead = 12.5;
    s.flywheel.customer_mix = CustomerMix::Nps {
        score: 20.0,
        passive: 0.4,
    };
    s.flywheel.referral_entry_stage = 3;
    s
}

/// Generated once (by `print_links` below) when link format v1 was made; it must decode to the
/// same state forever. Never regenerate it: if this test fails, old links broke.
const FROZEN_V1_LINK: &str = "v1.AQMSDGNvbXBhcmULFSOmCkxRMyBcImxhdW5jaFwiIDxiPnBsYW48L2I-LCB2MiDigJQgY2Fmw6kRtAoCMzYnjgIJ1gcAMg-yCgA3TbEKJ74CC7sKADQBoQM7ugo2PGltZyBzcmM9eCBvbmVycm9yPWFsZXJ0KDEpPsUBzQobkAUAMg-RBdkCvgod6QkAMyfQBgJNQhHMBgA3HcwGADIBzAYCLC0BQgYwLjFdEYcCAcwCBHByaQObCwtDADMZQwOIB2_XCgAyAe4BgwHXChOnBwAyGagHADRnwgoAM6kBwgo";
const FROZEN_V1_DEFAULT_LINK: &str = "v1.AQAKtQ-SCg";

#[test]
fn print_links() {
    // Not an assertion: shows the links (cargo test -- --nocapture print_links).
    let frozen = SharedState {
        scenario: frozen_scenario(),
        view: Some("compare".into()),
        lang: Some("nl".into()),
        preset: None,
        target: None,
        compare: None,
    };
    println!("frozen:  {}", share::encode(&frozen));
    let default = share::encode(&state(Scenario::default_five_stage()));
    println!("default: {default} ({} characters)", default.len());
}

#[test]
fn the_frozen_links_decode_forever() {
    let got = share::decode(FROZEN_V1_LINK).expect("frozen link decodes");
    assert_eq!(got.scenario, frozen_scenario());
    assert_eq!(got.view.as_deref(), Some("compare"));
    assert_eq!(got.lang.as_deref(), Some("nl"));
    let got = share::decode(FROZEN_V1_DEFAULT_LINK).expect("frozen default link decodes");
    assert_eq!(got, state(Scenario::default_five_stage()));
}

#[test]
fn the_base_is_todays_default_so_its_link_is_short() {
    // V1_BASE is frozen; Scenario::default_five_stage() may change later. If it does, only this
    // test is updated (default links get longer), never V1_BASE or V1_DICT.
    let base = Scenario::from_json(V1_BASE).expect("base parses");
    base.validate().expect("base is valid");
    assert_eq!(base, Scenario::default_five_stage());
    assert_eq!(serde_json::to_string(&base).unwrap(), V1_BASE);
    assert!(share::V1_DICT.starts_with(V1_BASE));
    let link = share::encode(&state(base));
    assert_eq!(link, FROZEN_V1_DEFAULT_LINK);
    assert!(link.len() <= 16, "{link}");
}

#[test]
fn round_trips_keep_everything_exactly() {
    let mut s = frozen_scenario();
    s.stages[2].name = "a,\"b\"\n\t<script>alert('x')</script> & &amp; \u{0} 🚀".to_string();
    s.arrivals.mean = 0.1 + 0.2; // 0.30000000000000004: 17 significant digits
    s.arrivals.growth = -1e-300;
    s.seed = u64::MAX;
    s.economics.currency = Currency::Gbp;
    for view in [None, Some("results"), Some("flow"), Some("a-1")] {
        for lang in [None, Some("en"), Some("nl")] {
            let st = SharedState {
                scenario: s.clone(),
                view: view.map(String::from),
                lang: lang.map(String::from),
                preset: None,
                target: None,
                compare: None,
            };
            let link = share::encode(&st);
            assert!(link.starts_with("v1."));
            assert!(
                link[3..]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                "{link}"
            );
            assert_eq!(share::decode(&link), Ok(st));
            // Surrounding whitespace (a pasted link) is ignored.
            assert!(share::decode(&format!("  {link}\n")).is_ok());
        }
    }
}

#[test]
fn invalid_view_and_lang_are_left_out_when_encoding() {
    let st = SharedState {
        scenario: Scenario::default_five_stage(),
        view: Some("Results!".into()),
        lang: Some("de".into()),
        preset: None,
        target: None,
        compare: None,
    };
    let back = share::decode(&share::encode(&st)).unwrap();
    assert_eq!(back, state(Scenario::default_five_stage()));
    assert!(share::is_valid_view("compare"));
    assert!(share::is_valid_view(&"a".repeat(32)));
    assert!(!share::is_valid_view(&"a".repeat(33)));
    assert!(!share::is_valid_view(""));
    assert!(!share::is_valid_view("a b"));
}

#[test]
fn a_preset_id_travels_in_the_header_and_a_malformed_one_is_left_out() {
    let st = SharedState {
        preset: Some("awareness".into()),
        ..state(Scenario::default_five_stage())
    };
    let link = share::encode(&st);
    let payload = share::payload_from_link(&link).unwrap();
    assert!(payload.starts_with(b"preset=awareness\n"));
    assert_eq!(share::decode(&link), Ok(st));
    // A malformed id is not written, and a link that has one still opens its scenario.
    let bad = SharedState {
        preset: Some("Aware ness".into()),
        ..state(Scenario::default_five_stage())
    };
    assert_eq!(
        share::decode(&share::encode(&bad)),
        Ok(state(Scenario::default_five_stage()))
    );
    let json = Scenario::default_five_stage().to_json();
    let link = share::link_from_payload(format!("lang=nl&preset=%%\n{json}").as_bytes());
    let back = share::decode(&link).unwrap();
    assert_eq!((back.preset, back.lang.as_deref()), (None, Some("nl")));
}

/// A comparison travels as the other scenario's JSON in the header (`compare_a` when it is A,
/// `compare_b` when it is B), escaped like the target question, and comes back exactly; a damaged
/// or invalid one is left out and the link's own scenario still opens. Old links have none.
#[test]
fn a_comparison_travels_with_the_other_scenario_and_a_damaged_one_is_left_out() {
    let mut before = Scenario::default_five_stage();
    before.name = "Q3 plan & 100% = goal (before)".into();
    let mut after = before.clone();
    after.name = "Q3 plan & 100% = goal".into();
    after.stages[2].rate = Rate::Beta {
        mean: 0.55,
        certainty: 80.0,
    };
    for other_is_a in [true, false] {
        let st = SharedState {
            compare: Some(share::SharedCompare {
                other: before.clone(),
                other_is_a,
            }),
            lang: Some("en".into()),
            ..state(after.clone())
        };
        let link = share::encode(&st);
        assert_eq!(share::decode(&link), Ok(st.clone()));
        let text = String::from_utf8(share::payload_from_link(&link).unwrap()).unwrap();
        let header = text.lines().next().unwrap();
        let key = if other_is_a {
            "&compare_a="
        } else {
            "&compare_b="
        };
        assert!(
            header.starts_with(&format!("lang=en{key}{{\"version\":1,")),
            "{header}"
        );
        assert!(
            header.contains("Q3 plan %26 100%25 %3D goal (before)"),
            "{header}"
        );
        // The second scenario is mostly a copy of the first: the link grows by far less than its JSON.
        let alone = share::encode(&state(after.clone()));
        assert!(
            link.len() < alone.len() + before.to_json().len() / 4,
            "{} vs {}",
            link.len(),
            alone.len()
        );
    }
    // Damaged, not a scenario, or an invalid one: left out.
    let json = after.to_json();
    let mut bad_rate = before.clone();
    bad_rate.stages[0].rate = Rate::Fixed { value: 1.5 };
    let invalid = serde_json::to_string(&bad_rate)
        .unwrap()
        .replace('%', "%25");
    for bad in [
        "compare_a=%4",
        "compare_b={\"version\":1}",
        "compare_a=[1,2]",
    ]
    .map(String::from)
    .into_iter()
    .chain([format!("compare_b={invalid}")])
    {
        let back = share::decode(&payload(&format!("lang=en&{bad}"), &json)).unwrap();
        assert_eq!(
            (back.compare, back.scenario.name.as_str()),
            (None, "Q3 plan & 100% = goal"),
            "{bad}"
        );
    }
    assert_eq!(
        share::decode(&share::encode(&state(after)))
            .unwrap()
            .compare,
        None
    );
}

/// The Target panel's question travels in the header with `%`, `&`, `=` and line breaks escaped
/// (its fields are lines, a typed amount may hold anything), comes back exactly, and is left out
/// when damaged or too long: the scenario still opens.
#[test]
fn a_target_question_travels_escaped_and_a_damaged_one_is_left_out() {
    let question = "nl\nrevenue\nflywheel\n€ 250.000,- & 100% = goal\n200\n24\nasked";
    let st = SharedState {
        target: Some(question.into()),
        lang: Some("nl".into()),
        ..state(Scenario::default_five_stage())
    };
    let link = share::encode(&st);
    let text = String::from_utf8(share::payload_from_link(&link).unwrap()).unwrap();
    let header = text.lines().next().unwrap();
    assert_eq!(
        header,
        "lang=nl&target=nl%0Arevenue%0Aflywheel%0A€ 250.000,- %26 100%25 %3D goal%0A200%0A24%0Aasked"
    );
    assert_eq!(share::decode(&link), Ok(st.clone()));
    // Links without one (all links before it) have none; too long, none is written.
    assert_eq!(
        share::decode(&share::encode(&state(Scenario::default_five_stage())))
            .unwrap()
            .target,
        None
    );
    let long = SharedState {
        target: Some("x".repeat(share::MAX_TARGET_CHARS + 1)),
        ..st.clone()
    };
    assert!(
        !String::from_utf8(share::payload_from_link(&share::encode(&long)).unwrap())
            .unwrap()
            .contains("target=")
    );
    // Damaged escapes, bytes that are not UTF-8, or an empty question: left out.
    let json = Scenario::default_five_stage().to_json();
    for bad in ["target=%4", "target=%zz", "target=%FF%FE", "target="] {
        let back = share::decode(&payload(&format!("lang=en&{bad}"), &json)).unwrap();
        assert_eq!(
            (back.target, back.lang.as_deref()),
            (None, Some("en")),
            "{bad}"
        );
    }
}

/// A link with the header line `header` and the scenario JSON `json`.
fn payload(header: &str, json: &str) -> String {
    share::link_from_payload(format!("{header}\n{json}").as_bytes())
}

/// A link of the base scenario with `patch` applied (top-level keys replaced).
fn patched(patch: &str) -> String {
    let mut v: Value = serde_json::from_str(V1_BASE).unwrap();
    let p: Value = serde_json::from_str(patch).unwrap();
    for (k, x) in p.as_object().unwrap() {
        v[k] = x.clone();
    }
    payload("", &v.to_string())
}

/// A link pasted from an e-mail or a chat decodes as it was made: with the sentence's full stop,
/// a closing bracket or quote after it, a line break or spaces inside it (also as %20), and
/// percent-encoded quotes and brackets at its end. A link cut short says so in plain words.
#[test]
fn a_link_pasted_with_punctuation_or_white_space_still_opens() {
    let st = state(frozen_scenario());
    let link = share::encode(&st);
    let mid = link.len() / 2;
    for pasted in [
        format!("{link}."),
        format!("{link})."),
        format!("{link}\">"),
        format!("  {link}\n"),
        format!("{}\r\n{}", &link[..mid], &link[mid..]),
        format!("{} {}", &link[..mid], &link[mid..]),
        format!("{}%20{}", &link[..mid], &link[mid..]),
        format!("{link}%22%3E."),
        format!("{link}%E2%80%9D"),
        format!("{link}\u{201d}."),
        format!("{}%0D%0A{}", &link[..mid], &link[mid..]),
        format!("{}%C2%A0{}", &link[..mid], &link[mid..]),
        format!("{}\u{a0}{}", &link[..mid], &link[mid..]),
    ] {
        assert_eq!(share::decode(&pasted).as_ref(), Ok(&st), "{pasted:?}");
    }
    // A mark inside the link is damage, where it is.
    let bad = format!("{}){}", &link[..mid], &link[mid..]);
    assert_eq!(
        share::decode(&bad),
        Err(ShareError::BadBase64 { position: mid })
    );
    // Cut short anywhere: never a parser's words; mostly "incomplete".
    let mut incomplete = 0;
    for cut in 1..40 {
        let e = share::decode(&link[..link.len() - cut]).unwrap_err();
        assert!(
            matches!(
                e,
                ShareError::Incomplete | ShareError::BadCompression | ShareError::BadHeader
            ),
            "cut {cut}: {e:?}"
        );
        incomplete += usize::from(e == ShareError::Incomplete);
    }
    assert!(incomplete >= 10, "{incomplete}");
}

#[test]
fn every_error_is_typed_and_worded_in_both_languages() {
    let cases: Vec<(String, ShareErrorKind)> = vec![
        (String::new(), ShareErrorKind::NotALink),
        ("hello".into(), ShareErrorKind::NotALink),
        ("x1.AAAA".into(), ShareErrorKind::NotALink),
        ("v.AAAA".into(), ShareErrorKind::NotALink),
        ("v0.AAAA".into(), ShareErrorKind::NotALink),
        ("v99999999999.AAAA".into(), ShareErrorKind::NotALink),
        ("v2.AAAA".into(), ShareErrorKind::UnknownFormat),
        ("v1.AA*A".into(), ShareErrorKind::BadBase64),
        // Cut short: a length no link has, nothing after the prefix, JSON that stops early.
        ("v1.A".into(), ShareErrorKind::Incomplete),
        ("v1.".into(), ShareErrorKind::Incomplete),
        ("v1.\n".into(), ShareErrorKind::Incomplete),
        (
            format!("v1.{}", share::base64url_encode(&[7, 1, 2])),
            ShareErrorKind::BadCompression,
        ),
        (
            // A copy from further back than the dictionary reaches.
            format!("v1.{}", share::base64url_encode(&[1, 1, 0xff, 0x7f])),
            ShareErrorKind::BadCompression,
        ),
        (
            // A literal run longer than the data.
            format!("v1.{}", share::base64url_encode(&[1, 20, b'a'])),
            ShareErrorKind::BadCompression,
        ),
        (
            // An endless varint.
            format!(
                "v1.{}",
                share::base64url_encode(&[1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
            ),
            ShareErrorKind::BadCompression,
        ),
        (
            format!("v1.{}", "A".repeat(share::MAX_LINK_CHARS + 1)),
            ShareErrorKind::LinkTooLong,
        ),
        (
            // A zip bomb: one copy token asking for a gigabyte.
            format!(
                "v1.{}",
                share::base64url_encode(&[1, 0x81, 0x80, 0x80, 0x80, 0x08, 1])
            ),
            ShareErrorKind::TooLarge,
        ),
        (
            // 1 MiB of spaces compresses to a few bytes.
            payload("", &format!("{V1_BASE}{}", " ".repeat(1 << 20))),
            ShareErrorKind::TooLarge,
        ),
        (
            format!(
                "v1.{}",
                share::base64url_encode(&[vec![0u8], vec![b' '; 70_000]].concat())
            ),
            ShareErrorKind::TooLarge,
        ),
        (
            format!("v1.{}", share::base64url_encode(b"\0{}")),
            ShareErrorKind::BadHeader,
        ),
        (payload("view", V1_BASE), ShareErrorKind::BadHeader),
        (
            format!("v1.{}", share::base64url_encode(b"\0view=\xff\n{}")),
            ShareErrorKind::BadHeader,
        ),
        (payload("", "{\"version\":1,"), ShareErrorKind::Incomplete),
        (payload("", ""), ShareErrorKind::Incomplete),
        (payload("", "{\"version\":1,]"), ShareErrorKind::BadJson),
        (
            // Not UTF-8: damaged, not a JSON matter.
            format!("v1.{}", share::base64url_encode(b"\0\n{\"name\":\"\xff\"}")),
            ShareErrorKind::BadCompression,
        ),
        (payload("view=Flow", V1_BASE), ShareErrorKind::BadView),
        (payload("view=", V1_BASE), ShareErrorKind::BadView),
        (payload("lang=de", V1_BASE), ShareErrorKind::BadLang),
        (patched(r#"{"stages":[]}"#), ShareErrorKind::InvalidScenario),
        (patched(r#"{"version":2}"#), ShareErrorKind::InvalidScenario),
        (
            patched(r#"{"version":null}"#),
            ShareErrorKind::InvalidScenario,
        ),
        (
            patched(r#"{"periods":"many"}"#),
            ShareErrorKind::InvalidScenario,
        ),
        (
            patched(r#"{"colour":"red"}"#),
            ShareErrorKind::InvalidScenario,
        ),
        (payload("", "[1,2]"), ShareErrorKind::InvalidScenario),
    ];
    for (link, kind) in cases {
        let e = share::decode(&link).expect_err(&link[..link.len().min(80)]);
        assert_eq!(e.kind(), kind, "{e:?}");
        let (en, nl) = (e.to_string(), e.message_nl());
        let end = |m: &str| m.ends_with('.') || m.ends_with('?');
        assert!(end(&en) && end(&nl), "{en} / {nl}");
        assert_ne!(en, nl);
    }
    // Unknown header keys are ignored (optional additions stay in format v1).
    let ok = share::decode(&payload("theme=dark&&view=flow&x=", V1_BASE)).unwrap();
    assert_eq!(ok.view.as_deref(), Some("flow"));
    // Details: position, line/column, the scenario's own error.
    assert_eq!(
        share::decode("v1.AA*A"),
        Err(ShareError::BadBase64 { position: 5 })
    );
    match share::decode(&payload("lang=en", "{\"version\":\n  1]}")) {
        Err(ShareError::BadJson { line, column, .. }) => assert_eq!((line, column), (2, 4)),
        other => panic!("{other:?}"),
    }
    match share::decode(&patched(
        r#"{"stages":[{"name":"A","rate":{"kind":"fixed","value":1.5}}]}"#,
    )) {
        Err(ShareError::InvalidScenario(e)) => {
            assert_eq!(e.path(), Some("stages[0].rate.value"));
            assert_eq!(
                share::ShareError::InvalidScenario(e.clone()).to_string(),
                format!("The link's scenario is invalid: {e}")
            );
        }
        other => panic!("{other:?}"),
    }
    match share::decode(&patched(r#"{"version":2}"#)) {
        Err(ShareError::InvalidScenario(e)) => {
            assert_eq!(e.kind(), Some(ErrorKind::UnknownVersion))
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn base64url_matches_rfc_4648() {
    for (raw, enc) in [
        ("", ""),
        ("f", "Zg"),
        ("fo", "Zm8"),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(share::base64url_encode(raw.as_bytes()), enc);
        assert_eq!(share::base64url_decode(enc).unwrap(), raw.as_bytes());
    }
    assert_eq!(share::base64url_encode(&[0xfb, 0xff]), "-_8");
    assert_eq!(share::base64url_decode("-_8=").unwrap(), [0xfb, 0xff]);
    let all: Vec<u8> = (0..=255).collect();
    for n in 0..all.len() {
        let enc = share::base64url_encode(&all[..n]);
        assert_eq!(share::base64url_decode(&enc).unwrap(), &all[..n]);
    }
}

#[test]
fn migrate_passes_the_current_version_and_rejects_newer_ones() {
    assert!(matches!(
        share::migrate(V1_BASE, Some(1)),
        Ok(std::borrow::Cow::Borrowed(j)) if j == V1_BASE
    ));
    assert_eq!(share::migrate("{}", None).unwrap(), "{}");
    assert_eq!(
        share::migrate(V1_BASE, Some(u64::from(SCENARIO_VERSION) + 1))
            .unwrap_err()
            .kind(),
        ShareErrorKind::InvalidScenario
    );
    assert_eq!(share::MIGRATIONS.len(), SCENARIO_VERSION as usize - 1);
}

#[test]
fn the_coder_round_trips_and_compresses() {
    let all: Vec<u8> = (0..=255).collect();
    let inputs: Vec<Vec<u8>> = vec![
        vec![],
        b"a".to_vec(),
        b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".to_vec(),
        all.clone(),
        all.repeat(40),
        V1_BASE.as_bytes().to_vec(),
        share::V1_DICT.as_bytes().to_vec(),
    ];
    for x in inputs {
        let c = share::lz_compress(&x);
        assert_eq!(share::lz_decompress(&c).unwrap(), x);
    }
    assert!(share::lz_compress(V1_BASE.as_bytes()).len() <= 4);
}

// ---------------------------------------------------------------------------------------------
// Property tests and fuzzing.

fn scenario() -> impl Strategy<Value = Scenario> {
    let stages = prop::collection::vec(
        (rate(), prop_oneof![Just(0.0), 1.0f64..6.0], ".{1,12}"),
        1..6,
    );
    (
        stages,
        (1u32..200, 1u32..100_000, any::<u64>(), 0.0f64..3000.0),
        (0.0f64..0.9, 0.0f64..1.0, 0.0f64..1.0, -100.0f64..100.0),
        (".{0,20}", 0usize..3),
    )
        .prop_map(
            |(st, (periods, trials, seed, mean), (rho, churn, passive, nps), (name, seg))| {
                let mut s = Scenario::default_five_stage();
                s.name = name;
                let ns = st.len();
                s.stages = st
                    .into_iter()
                    .map(|(rate, delay, name)| Stage {
                        name: format!("S{name}"),
                        rate,
                        delay,
                        // Open leads in some stages, so that links carry them too.
                        open: name.len() as u64 * 17 % 50,
                    })
                    .collect();
                s.periods = periods;
                s.trials = trials;
                s.seed = seed;
                s.arrivals.mean = mean;
                s.correlation = rho;
                s.flywheel.churn_rate = churn;
                s.flywheel.referral_entry_stage = 1;
                if ns == 1 {
                    s.flywheel.referrals_per_promoter = 0.0;
                }
                s.flywheel.customer_mix = CustomerMix::Nps {
                    score: nps * (1.0 - passive),
                    passive,
                };
                s.segments = (0..seg)
                    .map(|k| Segment {
                        name: format!("g{k}"),
                        share: 1.0 / seg as f64,
                        logit_shift: if k == 0 {
                            vec![]
                        } else {
                            (0..ns).map(|i| i as f64 * 0.37 - 1.0).collect()
                        },
                    })
                    .collect();
                quantize(&mut s);
                s
            },
        )
}

/// Rounds to 6 decimals: numbers as a person types them. (serde_json without its
/// `float_roundtrip` feature may read a 17-significant-digit number 1 ulp off; see src/share.rs.)
fn quantize(s: &mut Scenario) {
    let q = |x: &mut f64| *x = (*x * 1e6).round() / 1e6;
    q(&mut s.arrivals.mean);
    q(&mut s.correlation);
    q(&mut s.flywheel.churn_rate);
    for st in &mut s.stages {
        q(&mut st.delay);
        match &mut st.rate {
            Rate::Fixed { value } => q(value),
            Rate::Beta { mean, certainty } => {
                q(mean);
                q(certainty);
            }
            Rate::Observed { .. } => {}
        }
    }
    for sg in &mut s.segments {
        q(&mut sg.share);
        sg.logit_shift.iter_mut().for_each(q);
    }
    if let CustomerMix::Nps { score, passive } = &mut s.flywheel.customer_mix {
        q(score);
        q(passive);
    }
}

fn cases(default: u32) -> u32 {
    std::env::var("FUNNEL_LAB_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn random_valid_scenarios_round_trip_exactly() {
    let mut r = runner(cases(100_000) / 50);
    r.run(&(scenario(), 0usize..4, 0usize..3), |(s, v, l)| {
        prop_assume!(s.validate().is_ok());
        let st = SharedState {
            scenario: s,
            view: [None, Some("results"), Some("flow"), Some("compare")][v].map(String::from),
            lang: [None, Some("en"), Some("nl")][l].map(String::from),
            preset: None,
            target: None,
            compare: None,
        };
        let link = share::encode(&st);
        prop_assert_eq!(share::decode(&link), Ok(st));
        Ok(())
    })
    .unwrap();
}

/// The invariant every fuzz case checks: no panic; an `Ok` is valid and re-encodes to itself.
fn check_decode(link: &str) {
    match share::decode(link) {
        Ok(st) => {
            st.scenario.validate().expect("decoded scenarios are valid");
            assert!(st.view.as_deref().is_none_or(share::is_valid_view));
            assert!(st.lang.as_deref().is_none_or(share::is_valid_lang));
            assert_eq!(share::decode(&share::encode(&st)).as_ref(), Ok(&st));
        }
        Err(e) => {
            assert!(!e.to_string().is_empty() && !e.message_nl().is_empty());
        }
    }
}

/// A byte-level edit: (where, what, byte).
type Edit = (usize, u8, u8);

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec((any::<usize>(), 0u8..6, any::<u8>()), 1..5)
}

/// Applies edits: replace, insert, delete, truncate, duplicate a slice, or swap two bytes.
fn mutate(mut b: Vec<u8>, edits: &[Edit], alphabet: &[u8]) -> Vec<u8> {
    for &(at, op, byte) in edits {
        let pick = if byte < 192 {
            alphabet[byte as usize % alphabet.len()]
        } else {
            byte
        };
        let n = b.len();
        let i = if n == 0 { 0 } else { at % n };
        match op {
            0 if n > 0 => b[i] = pick,
            1 => b.insert(at % (n + 1), pick),
            2 if n > 0 => {
                b.remove(i);
            }
            3 => b.truncate(at % (n + 1)),
            4 if n > 0 => {
                let len = (byte as usize % 16).min(n - i);
                let dup: Vec<u8> = b[i..i + len].to_vec();
                b.splice(i..i, dup);
            }
            _ if n > 1 => b.swap(i, (at / n) % n),
            _ => {}
        }
    }
    b
}

const LINK_ALPHABET: &[u8] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=v1 +/";
const JSON_ALPHABET: &[u8] = b"0123456789-+.eE\"{}[],: nulltruefalse\\u00\x01ab\n=&";

fn seed_states() -> Vec<SharedState> {
    let mut nps = Scenario::default_five_stage();
    nps.flywheel.customer_mix = CustomerMix::Nps {
        score: 30.0,
        passive: 0.3,
    };
    vec![
        state(Scenario::default_five_stage()),
        SharedState {
            scenario: frozen_scenario(),
            view: Some("results".into()),
            lang: Some("en".into()),
            preset: None,
            target: None,
            compare: None,
        },
        state(nps),
    ]
}

/// Every leaf of a JSON value, as a path of keys and indices.
fn leaves(v: &Value, path: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                path.push(Value::from(k.as_str()));
                leaves(x, path, out);
                path.pop();
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                path.push(Value::from(i));
                leaves(x, path, out);
                path.pop();
            }
        }
        _ => out.push(path.clone()),
    }
}

fn at_path<'a>(v: &'a mut Value, path: &[Value]) -> &'a mut Value {
    path.iter().fold(v, |v, p| match p {
        Value::String(k) => &mut v[k.as_str()],
        _ => &mut v[p.as_u64().unwrap() as usize],
    })
}

/// Values that break rules: negatives, huge numbers, wrong types, empty containers.
fn nasty(i: usize) -> Value {
    let all: [&str; 24] = [
        "-1",
        "0",
        "-0.0",
        "1",
        "0.5",
        "1.5",
        "2",
        "9",
        "520",
        "521",
        "1e308",
        "-1e308",
        "1e-320",
        "18446744073709551615",
        "-9223372036854775808",
        "99999999999999999999999",
        "\"\"",
        "\"x\"",
        "null",
        "true",
        "[]",
        "{}",
        "[1,2,3]",
        "{\"kind\":\"fixed\",\"value\":0.5}",
    ];
    serde_json::from_str(all[i % all.len()]).unwrap()
}

/// Valid scenario JSON with 1–3 leaves replaced by nasty values.
fn mutated_scenario_json() -> impl Strategy<Value = Value> {
    (
        0usize..3,
        prop::collection::vec((any::<usize>(), any::<usize>()), 1..4),
    )
        .prop_map(|(k, muts)| {
            let mut v = serde_json::to_value(&seed_states()[k].scenario).unwrap();
            for (leaf, val) in muts {
                let mut all = Vec::new();
                leaves(&v, &mut Vec::new(), &mut all);
                if all.is_empty() {
                    break;
                }
                let path = &all[leaf % all.len()];
                *at_path(&mut v, path) = nasty(val);
            }
            v
        })
}

#[test]
fn fuzz_decode_never_panics() {
    // ≥ 100,000 cases by default: a fifth arbitrary strings, the rest mutated links and mutated
    // link contents (bytes of the payload, and JSON leaves replaced by rule-breaking values).
    let total = cases(100_000);
    let t0 = Instant::now();
    let links: Vec<String> = seed_states().iter().map(share::encode).collect();
    let payloads: Vec<Vec<u8>> = links
        .iter()
        .map(|l| share::payload_from_link(l).unwrap())
        .collect();

    runner(total / 5)
        .run(
            &prop_oneof![any::<String>(), "v1\\.[A-Za-z0-9_=-]{0,200}"],
            |s| {
                check_decode(&s);
                Ok(())
            },
        )
        .unwrap();

    runner(total * 3 / 10)
        .run(&(0usize..3, edits()), |(k, e)| {
            let b = mutate(links[k].clone().into_bytes(), &e, LINK_ALPHABET);
            check_decode(&String::from_utf8_lossy(&b));
            Ok(())
        })
        .unwrap();

    runner(total * 3 / 10)
        .run(&(0usize..3, edits()), |(k, e)| {
            let b = mutate(payloads[k].clone(), &e, JSON_ALPHABET);
            check_decode(&share::link_from_payload(&b));
            Ok(())
        })
        .unwrap();

    runner(total / 5)
        .run(&(mutated_scenario_json(), 0usize..4), |(scenario, view)| {
            let header = ["", "view=results", "view=Flow&lang=nl", "lang=en&view=x y"][view];
            check_decode(&payload(header, &scenario.to_string()));
            Ok(())
        })
        .unwrap();
    println!(
        "fuzz_decode_never_panics: {} cases in {:.1} s",
        total / 5 + 2 * (total * 3 / 10) + total / 5,
        t0.elapsed().as_secs_f64()
    );
}

fn check_import(json: &str) {
    if let Ok(s) = Scenario::from_json(json) {
        if s.validate().is_ok() {
            assert_eq!(Scenario::from_json(&s.to_json()).as_ref(), Ok(&s));
        }
    }
}

#[test]
fn fuzz_scenario_import_never_panics() {
    let total = cases(100_000) / 2;
    let t0 = Instant::now();
    let texts: Vec<Vec<u8>> = seed_states()
        .iter()
        .map(|st| st.scenario.to_json().into_bytes())
        .collect();
    runner(total / 5)
        .run(&any::<String>(), |s| {
            check_import(&s);
            Ok(())
        })
        .unwrap();
    runner(total * 2 / 5)
        .run(&(0usize..3, edits()), |(k, e)| {
            let b = mutate(texts[k].clone(), &e, JSON_ALPHABET);
            check_import(&String::from_utf8_lossy(&b));
            Ok(())
        })
        .unwrap();
    runner(total * 2 / 5)
        .run(&mutated_scenario_json(), |v| {
            check_import(&v.to_string());
            Ok(())
        })
        .unwrap();
    println!(
        "fuzz_scenario_import_never_panics: {} cases in {:.1} s",
        total / 5 + 2 * (total * 2 / 5),
        t0.elapsed().as_secs_f64()
    );
}
