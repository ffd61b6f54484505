#![cfg(not(target_arch = "wasm32"))]
//! Exports: CSV layouts, quoting and numbers checked against the run result of a small
//! fixed-seed scenario.

use funnel_lab::export::{self, periods_csv, stages_csv, summary_json};
use funnel_lab::sim::*;
use serde_json::Value;

fn small() -> Scenario {
    let mut s = Scenario::default_five_stage();
    s.periods = 6;
    s.trials = 300;
    s.seed = 11;
    s.stages[1].name = "Interest, \"warm\" leads".to_string();
    s.stages[3].name = "=HYPERLINK(\"x\")".to_string();
    s
}

/// Splits RFC 4180 CSV (CRLF rows) into rows of unquoted cells.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    parse_csv_sep(text, ',')
}

/// [`parse_csv`] with `sep` between cells.
fn parse_csv_sep(text: &str, sep: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell) = (Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, c) if c == sep => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {
                assert_eq!(chars.next(), Some('\n'), "rows end in CRLF");
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    assert!(cell.is_empty() && row.is_empty(), "the text ends with CRLF");
    rows
}

fn cell(rows: &[Vec<String>], r: usize, col: &str) -> String {
    let i = rows[0].iter().position(|h| h == col).expect(col);
    rows[r][i].clone()
}

fn f(s: &str) -> f64 {
    s.parse().unwrap()
}

#[test]
fn the_funnels_active_customers_end_at_the_exact_final_customers_as_its_cumulative_ones_do() {
    // The funnel's active customers are its cumulative customers; in the CSV's last row both show
    // the summary's exact percentiles (a sketch estimate there read 242 beside an exact 241).
    // So does a flywheel without churn; with churn its active customers are fewer.
    let mut s = small();
    s.flywheel.churn_rate = 0.0;
    s.flywheel.detractor_churn_rate = 0.0;
    for (churn, r) in [(false, run(&s).unwrap()), (true, run(&small()).unwrap())] {
        let rows = parse_csv(&periods_csv(&r));
        for (m, result) in [("funnel", &r.funnel), ("flywheel", &r.flywheel)] {
            for q in ["p5", "p25", "p50", "p75", "p95"] {
                let active = f(&cell(&rows, 6, &format!("{m}_active_customers_{q}")));
                let cumulative = f(&cell(&rows, 6, &format!("{m}_cumulative_customers_{q}")));
                if churn && m == "flywheel" {
                    assert!(active <= cumulative, "{m} {q}: {active} > {cumulative}");
                } else {
                    assert_eq!(active, cumulative, "{m} {q} (churn {churn})");
                }
            }
            assert!(result.final_customers.exact);
            assert_eq!(
                f(&cell(&rows, 6, &format!("{m}_cumulative_customers_p50"))),
                result.final_customers.p50.round()
            );
        }
        assert!(churn || r.flywheel.active_customers == r.flywheel.cumulative_customers);
        // The last stage's leads that moved on are the purchases: in the stages CSV, the same
        // percentiles as the final customers (a sketch estimate there read 327 beside an exact 330).
        let stages = parse_csv(&stages_csv(&r));
        for (m, result) in [("funnel", &r.funnel), ("flywheel", &r.flywheel)] {
            let row = 1 + stages[1..]
                .iter()
                .rposition(|row| row[0] == m)
                .expect("a row per stage");
            for (q, v) in [
                ("p5", result.final_customers.p5),
                ("p50", result.final_customers.p50),
                ("p95", result.final_customers.p95),
            ] {
                assert_eq!(
                    f(&cell(&stages, row, &format!("advanced_{q}"))),
                    v.round(),
                    "{m} {q}"
                );
            }
        }
    }
}

#[test]
fn periods_csv_has_one_row_per_period_and_a_column_per_model_metric_and_percentile() {
    let s = small();
    let r = run(&s).unwrap();
    let text = periods_csv(&r);
    let rows = parse_csv(&text);
    assert_eq!(rows.len(), 1 + 6);
    assert_eq!(rows[0].len(), 2 + 2 * (6 * 6 + 1));
    assert!(rows.iter().all(|row| row.len() == rows[0].len()));
    assert!(text.starts_with(
        "period,label,funnel_new_leads_p5,funnel_new_leads_p25,funnel_new_leads_p50,"
    ));
    assert_eq!(rows[0].last().unwrap(), "flywheel_cumulative_net_mean");
    assert_eq!(rows[0][2 + 36], "funnel_cumulative_net_mean");
    assert_eq!(rows[1][0], "1");
    assert_eq!(rows[1][1], "Month 1");
    assert_eq!(rows[6][1], "Month 6");
    for t in 0..6 {
        let row = t + 1;
        // Percentiles rounded to whole numbers, means to 4 decimals (no float noise).
        assert_eq!(
            f(&cell(&rows, row, "funnel_cumulative_customers_p50")),
            r.funnel.cumulative_customers.p50[t].round()
        );
        let mean = cell(&rows, row, "flywheel_cumulative_revenue_mean");
        assert_eq!(
            f(&mean),
            (r.flywheel.cumulative_revenue.mean[t] * 1e4).round() / 1e4
        );
        assert!(
            mean.split('.').nth(1).is_none_or(|d| d.len() <= 4),
            "{mean}"
        );
        assert_eq!(
            f(&cell(&rows, row, "flywheel_cumulative_net_mean")),
            (r.flywheel.net_mean[t] * 1e4).round() / 1e4
        );
        assert_eq!(
            f(&cell(&rows, row, "funnel_spend_p95")),
            r.funnel.spend.p95[t].round()
        );
        assert_eq!(
            f(&cell(&rows, row, "flywheel_new_leads_p5")),
            r.flywheel.new_leads.p5[t].round()
        );
    }
    // Every percentile cell is a whole number; the sketch's estimates of the flywheel's spend (which
    // lies on no grid from 0) are not (so the rounding is what makes them whole), and some means keep
    // decimals. (The funnel's spend is whole leads × €15 + €5,000 since session 24.)
    let pct_cols: Vec<usize> = (2..rows[0].len())
        .filter(|&c| !rows[0][c].ends_with("_mean"))
        .collect();
    for row in &rows[1..] {
        for &c in &pct_cols {
            assert_eq!(f(&row[c]).fract(), 0.0, "{} = {}", rows[0][c], row[c]);
        }
    }
    assert!(r.flywheel.spend.p50.iter().any(|x| x.fract() != 0.0));
    assert!(r.funnel.spend.p50.iter().all(|x| x.fract() == 0.0));
    // Counts are whole numbers already: the engine reports sketched counts on their grid.
    assert!(r.funnel.new_leads.p50.iter().all(|x| x.fract() == 0.0));
    assert!((1..rows.len()).any(|i| f(&cell(&rows, i, "funnel_new_customers_mean")).fract() != 0.0));
    // '.' decimals and no thousands separators anywhere.
    for row in &rows[1..] {
        for c in &row[2..] {
            assert!(c.parse::<f64>().is_ok(), "{c}");
        }
    }
    // The label's period word in the reader's language; the column names stay as they are (unless
    // asked for in Dutch, below).
    let nl = parse_csv(&export::periods_csv_in(&r, "Maand", false));
    assert_eq!(nl[1][1], "Maand 1");
    assert_eq!(nl[0], rows[0]);
    let mut weekly = s.clone();
    weekly.period_unit = PeriodUnit::Week;
    let rows = parse_csv(&periods_csv(&run(&weekly).unwrap()));
    assert_eq!(rows[3][1], "Week 3");
}

#[test]
fn stages_csv_has_one_row_per_model_and_stage_and_quotes_names() {
    let r = run(&small()).unwrap();
    let text = stages_csv(&r);
    assert!(text.starts_with(
        "model,stage_number,stage,entered_p5,entered_p50,entered_p95,entered_mean,advanced_p5,advanced_p50,advanced_p95,advanced_mean,advanced_share,drop_off\r\n"
    ));
    // A comma and quotes: quoted, quotes doubled. A formula: defused with a leading '.
    assert!(text.contains(",\"Interest, \"\"warm\"\" leads\","));
    assert!(text.contains(",\"'=HYPERLINK(\"\"x\"\")\","));
    let rows = parse_csv(&text);
    assert_eq!(rows.len(), 1 + 2 * 5);
    assert!(rows.iter().all(|row| row.len() == 13));
    assert_eq!(rows[2][2], "Interest, \"warm\" leads");
    for (mi, (name, m)) in [("funnel", &r.funnel), ("flywheel", &r.flywheel)]
        .into_iter()
        .enumerate()
    {
        for (i, st) in m.stages.iter().enumerate() {
            let row = 1 + mi * 5 + i;
            assert_eq!(rows[row][0], name);
            assert_eq!(rows[row][1], (i + 1).to_string());
            // Percentiles whole (sketch estimates within 1%), means to 4 decimals.
            assert_eq!(f(&cell(&rows, row, "entered_p50")), st.entered.p50.round());
            assert_eq!(
                f(&cell(&rows, row, "entered_mean")),
                (st.entered.mean * 1e4).round() / 1e4
            );
            assert_eq!(
                f(&cell(&rows, row, "advanced_p95")),
                st.advanced.p95.round()
            );
            // Shares to 6 decimals.
            let six = |x: f64| (x * 1e6).round() / 1e6;
            assert_eq!(f(&cell(&rows, row, "advanced_share")), six(st.conversion));
            let drop = cell(&rows, row, "drop_off");
            // The stage's own loss, on its own row (the last stage's too).
            assert_eq!(f(&drop), six(1.0 - st.conversion), "stage {i}");
            assert!(st.entered.mean > 0.0);
        }
    }
}

#[test]
fn text_cells_follow_rfc_4180() {
    assert_eq!(export::text_cell("plain"), "plain");
    assert_eq!(export::text_cell("a,b"), "\"a,b\"");
    assert_eq!(export::text_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(export::text_cell("two\nlines"), "\"two\nlines\"");
    assert_eq!(export::text_cell("-1"), "'-1");
    assert_eq!(export::text_cell("@cmd"), "'@cmd");
    assert_eq!(export::text_cell("<b>x</b>"), "<b>x</b>");
}

#[test]
fn summary_json_holds_the_scenario_and_the_final_summaries() {
    let s = small();
    let r = run(&s).unwrap();
    let v: Value = serde_json::from_str(&summary_json(&s, &r, &Default::default())).unwrap();
    let back: Scenario = serde_json::from_value(v["scenario"].clone()).unwrap();
    assert_eq!(back, s);
    let sum = &v["summary"];
    assert_eq!(sum["periods"], 6);
    assert_eq!(sum["period_unit"], "month");
    assert_eq!(sum["trials_done"], 300);
    assert_eq!(sum["complete"], true);
    assert_eq!(
        sum["funnel"]["final_customers"]["p50"].as_f64().unwrap(),
        r.funnel.final_customers.p50
    );
    assert_eq!(
        sum["flywheel"]["final_revenue"]["mean"].as_f64().unwrap(),
        r.flywheel.final_revenue.mean
    );
    assert_eq!(
        sum["flywheel"]["final_customers"]["exact"],
        r.flywheel.final_customers.exact
    );
    for (key, c) in [("crossing", &r.crossing), ("net_ahead", &r.net_ahead)] {
        assert_eq!(sum[key]["probability"].as_f64().unwrap(), c.probability);
        // Numbered from 1, as the charts and the CSV number periods.
        assert_eq!(
            sum[key]["median_period_number"].as_u64().map(|p| p as u32),
            c.median_period.map(|t| t + 1)
        );
        assert!(sum[key].get("median_period").is_none());
    }
    assert_eq!(
        sum["funnel"]["final_net"]["p5"].as_f64().unwrap(),
        r.funnel.final_net.p5
    );
    // Without segments the models have no "segments" key; with them, each segment's name and finals.
    assert!(sum["funnel"].get("segments").is_none());
    let mut seg = s.clone();
    seg.segments = vec![
        Segment {
            name: "SMB".into(),
            share: 0.6,
            logit_shift: vec![0.0; 5],
        },
        Segment {
            name: "Enterprise".into(),
            share: 0.4,
            logit_shift: vec![0.5; 5],
        },
    ];
    let rs = run(&seg).unwrap();
    let v: Value = serde_json::from_str(&summary_json(&seg, &rs, &Default::default())).unwrap();
    for (m, model) in [("funnel", &rs.funnel), ("flywheel", &rs.flywheel)] {
        let got = v["summary"][m]["segments"].as_array().unwrap();
        assert_eq!(got.len(), 2);
        // The file holds each number's shortest round-trip form, but serde_json's default parser
        // (without its `float_roundtrip` feature, which the app does not take for its size) may
        // read a 17-digit number one unit in the last place off: e.g. 24.683333333333334 as
        // 24.683333333333337. So a parsed number may be that far from the value.
        let within_an_ulp = |got: f64, want: f64| {
            assert!(
                got == want || got.to_bits().abs_diff(want.to_bits()) == 1,
                "{got} vs {want}"
            )
        };
        for (g, want) in got.iter().zip(&model.segments) {
            assert_eq!(g["name"], want.name.as_str());
            within_an_ulp(
                g["final_customers"]["mean"].as_f64().unwrap(),
                want.final_customers.mean,
            );
            within_an_ulp(
                g["final_customers"]["p95"].as_f64().unwrap(),
                want.final_customers.p95,
            );
        }
    }
}

/// The analyses on screen go into the summary file: each one only when given, the target's periods
/// numbered from 1 as on screen, the comparison under A's and B's names; none, no `analyses` key.
#[test]
fn summary_json_carries_the_analyses_on_screen() {
    use std::rc::Rc;
    let s = small();
    let r = run(&s).unwrap();
    let v: Value = serde_json::from_str(&summary_json(&s, &r, &Default::default())).unwrap();
    assert!(v.get("analyses").is_none());
    let levers = bottlenecks(&s).unwrap();
    let q = TargetQuery {
        metric: TargetMetric::CumulativeCustomers,
        model: Model::Funnel,
        value: 40.0,
        by_period: 5,
    };
    let t = target(&s, &q).unwrap();
    let mut b = s.clone();
    b.stages[0].rate = Rate::Beta {
        mean: 0.3,
        certainty: 200.0,
    };
    let c = compare(&s, &b).unwrap();
    let answers = export::Answers {
        bottlenecks: Some(Rc::new(levers.clone())),
        target: None,
        comparison: None,
    };
    let v: Value = serde_json::from_str(&summary_json(&s, &r, &answers)).unwrap();
    let a = &v["analyses"];
    assert!(a.get("target").is_none() && a.get("comparison").is_none());
    let got = a["bottlenecks"]["levers"].as_array().unwrap();
    assert_eq!(got.len(), 5);
    for (g, want) in got.iter().zip(&levers.levers) {
        assert_eq!(g["name"], want.name.as_str());
        assert_eq!(g["stage"].as_u64(), Some(want.stage as u64));
        let gain = g["plus_one_point"]["mean"].as_f64().unwrap();
        assert!((gain - want.plus_one_point.mean).abs() <= 1e-9 * want.plus_one_point.mean.abs());
    }
    let answers = export::Answers {
        bottlenecks: None,
        target: Some((q.clone(), Rc::new(t.clone()))),
        comparison: Some((
            "Plan".into(),
            "Plan (being edited)".into(),
            Rc::new(c.clone()),
        )),
    };
    let v: Value = serde_json::from_str(&summary_json(&s, &r, &answers)).unwrap();
    let a = &v["analyses"];
    assert!(a.get("bottlenecks").is_none());
    let tg = &a["target"];
    assert_eq!(tg["metric"], "cumulative_customers");
    assert_eq!(tg["model"], "funnel");
    assert_eq!(tg["value"].as_f64(), Some(40.0));
    assert_eq!(tg["by_period_number"], 6);
    assert_eq!(tg["probability"].as_f64(), Some(t.probability));
    assert_eq!(
        tg["median_period_number"].as_u64(),
        t.median_first_period().map(|p| p as u64 + 1)
    );
    let counts: Vec<u64> = tg["first_period_counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_u64().unwrap())
        .collect();
    assert_eq!(counts, t.first_period_counts);
    assert_eq!(
        counts.iter().sum::<u64>() + tg["never"].as_u64().unwrap(),
        300
    );
    let cmp = &a["comparison"];
    assert_eq!(cmp["a"], "Plan");
    assert_eq!(cmp["b"], "Plan (being edited)");
    assert_eq!(
        cmp["report"]["funnel_customers"]["probability_b_greater"].as_f64(),
        Some(c.funnel_customers.probability_b_greater)
    );
    // The file still imports as its scenario (the app's Import reads `scenario` and nothing else).
    let back: Scenario = serde_json::from_value(v["scenario"].clone()).unwrap();
    assert_eq!(back, s);
}

/// The Dutch downloads name their columns in Dutch (and the models in the stages file), every
/// column, and change no other cell.
#[test]
fn dutch_files_name_their_columns_in_dutch() {
    let r = run(&small()).unwrap();
    let periods = export::periods_csv_in(&r, "Month", true);
    let head = periods.lines().next().unwrap();
    assert!(
        head.starts_with("periode,naam,trechter nieuwe leads p5,trechter nieuwe leads p25,"),
        "{head}"
    );
    assert!(head.contains(",trechter omzet cumulatief p50,"), "{head}");
    assert!(
        head.ends_with(
            ",vliegwiel actieve klanten gemiddeld,vliegwiel omzet min uitgaven cumulatief gemiddeld"
        ),
        "{head}"
    );
    let stages = export::stages_csv_in(&r, true);
    assert_eq!(
        stages.lines().next().unwrap(),
        "model,fase nr.,fase,binnengekomen p5,binnengekomen p50,binnengekomen p95,binnengekomen gemiddeld,doorgegaan p5,doorgegaan p50,doorgegaan p95,doorgegaan gemiddeld,aandeel doorgegaan,uitval"
    );
    for (en, nl) in [(periods_csv(&r), periods), (stages_csv(&r), stages)] {
        let (a, b) = (parse_csv(&en), parse_csv(&nl));
        assert_eq!(a.len(), b.len());
        // No English word is left in a name (each is translated).
        for name in &b[0] {
            assert!(
                !name.contains('_') && !name.contains("funnel") && !name.contains("mean"),
                "{name}"
            );
        }
        for (ra, rb) in a.iter().zip(&b).skip(1) {
            for (k, (ca, cb)) in ra.iter().zip(rb).enumerate() {
                let want = match (k, ca.as_str()) {
                    (0, "funnel") => "trechter",
                    (0, "flywheel") => "vliegwiel",
                    _ => ca,
                };
                assert_eq!(cb, want);
            }
        }
    }
}

#[test]
fn dutch_csv_has_semicolons_and_decimal_commas_with_the_same_cells() {
    let r = run(&small()).unwrap();
    let mut s = small();
    s.stages[2].name = "Demo; call".to_string();
    let r2 = run(&s).unwrap();
    for text in [periods_csv(&r), stages_csv(&r2)] {
        let nl = export::semicolon_csv(&text);
        // Read back with ';' as the separator: the same cells, numbers with a comma for the point.
        let body = nl
            .strip_prefix('\u{feff}')
            .expect("a byte-order mark first");
        let back = parse_csv_sep(body, ';');
        let orig = parse_csv(&text);
        assert_eq!(back.len(), orig.len());
        for (b, o) in back.iter().zip(&orig) {
            assert_eq!(b.len(), o.len());
            for (bc, oc) in b.iter().zip(o) {
                let want = if oc.bytes().any(|x| x.is_ascii_digit())
                    && oc.bytes().all(|x| b"0123456789.-+eE".contains(&x))
                {
                    oc.replace('.', ",")
                } else {
                    oc.clone()
                };
                assert_eq!(*bc, want);
            }
        }
    }
    let nl = export::semicolon_csv(&stages_csv(&r2));
    // A UTF-8 byte-order mark first, so that Excel reads accented names as UTF-8.
    assert!(
        nl.starts_with("\u{feff}model;stage_number;stage;entered_p5;"),
        "{nl}"
    );
    assert!(nl.contains(";\"Demo; call\";"), "{nl}");
    assert!(nl.contains(";\"Interest, \"\"warm\"\" leads\";"), "{nl}");
    assert!(
        nl.contains(",")
            && !nl
                .lines()
                .skip(1)
                .any(|l| l.contains(".") && !l.contains("\""))
    );
}
