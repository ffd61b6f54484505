//! Exports of a run: CSV tables and a JSON summary (pure functions, tested natively).
//!
//! CSV follows RFC 4180: comma separated, CRLF line ends, a field holding a comma, quote, CR or LF
//! is quoted with its quotes doubled. Numbers use `.` as the decimal separator and no thousands
//! separator (Rust's shortest round-trip form); a non-finite number is an empty cell. A text cell
//! (a stage name) that starts with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so that a
//! spreadsheet shows it as text instead of running it as a formula (OWASP "CSV injection").

use serde::Serialize;

use std::rc::Rc;

use crate::sim::{
    Bands, BottleneckReport, ComparisonReport, Crossing, Model, ModelResult, RunResult, Scenario,
    SegmentResult, Summary, TargetMetric, TargetQuery, TargetReport,
};

/// The models of a run, in column order.
const MODELS: [&str; 2] = ["funnel", "flywheel"];
/// The per-period metrics, in column order.
const METRICS: [&str; 6] = [
    "new_leads",
    "new_customers",
    "cumulative_customers",
    "cumulative_revenue",
    "spend",
    "active_customers",
];
const STATS: [&str; 6] = ["p5", "p25", "p50", "p75", "p95", "mean"];
/// [`MODELS`], [`METRICS`] and [`STATS`] in Dutch words, for the files the Dutch app downloads: a
/// person reads those in a spreadsheet (`trechter omzet cumulatief p50`); programs read the English
/// files, whose names are stable.
const MODELS_NL: [&str; 2] = ["trechter", "vliegwiel"];
const METRICS_NL: [&str; 6] = [
    "nieuwe leads",
    "nieuwe klanten",
    "klanten cumulatief",
    "omzet cumulatief",
    "uitgaven",
    "actieve klanten",
];
const STATS_NL: [&str; 6] = ["p5", "p25", "p50", "p75", "p95", "gemiddeld"];

fn model<'a>(r: &'a RunResult, name: &str) -> &'a ModelResult {
    if name == "funnel" {
        &r.funnel
    } else {
        &r.flywheel
    }
}

fn metric<'a>(m: &'a ModelResult, name: &str) -> &'a Bands {
    match name {
        "new_leads" => &m.new_leads,
        "new_customers" => &m.new_customers,
        "cumulative_customers" => &m.cumulative_customers,
        "cumulative_revenue" => &m.cumulative_revenue,
        "spend" => &m.spend,
        _ => &m.active_customers,
    }
}

fn stat<'a>(b: &'a Bands, name: &str) -> &'a [f64] {
    match name {
        "p5" => &b.p5,
        "p25" => &b.p25,
        "p50" => &b.p50,
        "p75" => &b.p75,
        "p95" => &b.p95,
        _ => &b.mean,
    }
}

/// A number cell.
/// `x` to `decimals` decimals: a mean (4) or a share (6) is a quotient, whose last binary digits
/// print as noise ("102004.93423999663").
fn num_to(x: f64, decimals: i32) -> String {
    let unit = 10f64.powi(decimals);
    num((x * unit).round() / unit)
}

fn mean_num(x: f64) -> String {
    num_to(x, 4)
}

fn share_num(x: f64) -> String {
    num_to(x, 6)
}

fn num(x: f64) -> String {
    if x.is_finite() {
        // -0 would print as "-0".
        if x == 0.0 {
            "0".to_string()
        } else {
            x.to_string()
        }
    } else {
        String::new()
    }
}

/// A text cell, quoted when needed and defused against formula injection.
pub fn text_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// `csv` (from this module: commas between cells, `.` decimals) as a Dutch spreadsheet reads it:
/// semicolons between cells and decimal commas in the numbers, after a UTF-8 byte-order mark (without
/// it, Excel opens a CSV file in the system's legacy code page and garbles "Oriëntatie"). Texts stay
/// as they are, quoted when they hold a `;` or a quote (the app names the columns in Dutch first:
/// [`periods_csv_in`], [`stages_csv_in`]).
pub fn semicolon_csv(csv: &str) -> String {
    let mut out = String::with_capacity(csv.len() + 3);
    out.push('\u{feff}');
    for line in csv.split_terminator("\r\n") {
        // The line's cells, unquoted (RFC 4180: a quoted cell doubles its quotes).
        let (mut cells, mut cell) = (Vec::new(), String::new());
        let (mut quoted, mut chars) = (false, line.chars().peekable());
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = !quoted,
                ',' if !quoted => cells.push(std::mem::take(&mut cell)),
                c => cell.push(c),
            }
        }
        cells.push(cell);
        let row: Vec<String> = cells
            .into_iter()
            .map(|c| {
                let number = c.bytes().any(|b| b.is_ascii_digit())
                    && c.bytes().all(|b| b"0123456789.-+eE".contains(&b));
                if number {
                    c.replace('.', ",")
                } else if c.contains([';', '"', '\r', '\n']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c
                }
            })
            .collect();
        out.push_str(&row.join(";"));
        out.push_str("\r\n");
    }
    out
}

fn push_row(out: &mut String, cells: &[String]) {
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// One row per period: `period` (1-based), `label` (e.g. `Month 1`), then for each model
/// (`funnel`, `flywheel`), metric (`new_leads`, `new_customers`, `cumulative_customers`,
/// `cumulative_revenue`, `spend`, `active_customers`) and statistic (`p5`, `p25`, `p50`, `p75`,
/// `p95`, `mean`) a column named like `funnel_cumulative_customers_p50`, and after each model's
/// metrics its mean cumulative revenue minus spend (`funnel_cumulative_net_mean`): 2 + 74 columns.
/// Percentiles are written rounded to whole numbers (leads, customers, euros): before the last
/// period they are exact for counts spread over at most 1,024, else quantile-sketch estimates within
/// 1% ([`crate::sim::SKETCH_ALPHA`]); the
/// last period's are the exact final values. Means are exact and written in full.
pub fn periods_csv(r: &RunResult) -> String {
    let unit = match r.period_unit.as_str() {
        "week" => "Week",
        "month" => "Month",
        other => other,
    };
    periods_csv_in(r, unit, false)
}

/// [`periods_csv`] with the `label` column's word for the period in the reader's language
/// (`Maand 1`), and with `nl` the column names in Dutch words (`periode`, `naam`, `trechter nieuwe
/// leads p5`, …).
pub fn periods_csv_in(r: &RunResult, unit: &str, nl: bool) -> String {
    let mut out = String::new();
    let (models, metrics, stats, sep) = if nl {
        (MODELS_NL, METRICS_NL, STATS_NL, " ")
    } else {
        (MODELS, METRICS, STATS, "_")
    };
    let mut header = if nl {
        ["periode", "naam"]
    } else {
        ["period", "label"]
    }
    .map(String::from)
    .to_vec();
    let net = if nl {
        "omzet min uitgaven cumulatief"
    } else {
        "cumulative_net"
    };
    for m in models {
        for k in metrics {
            for st in stats {
                header.push(format!("{m}{sep}{k}{sep}{st}"));
            }
        }
        header.push(format!("{m}{sep}{net}{sep}{}", stats[5]));
    }
    push_row(&mut out, &header);
    for t in 0..r.periods as usize {
        let mut row = vec![(t + 1).to_string(), text_cell(&format!("{unit} {}", t + 1))];
        for m in MODELS {
            for k in METRICS {
                let b = metric(model(r, m), k);
                for st in STATS {
                    // Percentiles to whole numbers: they may be sketch estimates within 1% (the last
                    // period's are exact), so decimals would only suggest a precision they lack.
                    // Means are exact (fixed-point sums): to 4 decimals, without float noise.
                    let cell = |x: f64| {
                        if st == "mean" {
                            mean_num(x)
                        } else {
                            num(x.round())
                        }
                    };
                    row.push(stat(b, st).get(t).map(|&x| cell(x)).unwrap_or_default());
                }
            }
            let net = &model(r, m).net_mean;
            row.push(net.get(t).map(|&x| mean_num(x)).unwrap_or_default());
        }
        push_row(&mut out, &row);
    }
    out
}

/// One row per (model, stage), funnel stages first: leads that `entered` the stage and that
/// `advanced` (moved on to the next stage, or purchased) by the end of the horizon, as
/// p5/p50/p95/mean; `advanced_share` = mean advanced / mean entered, below the stage's rate when it
/// has a delay (converted leads still waiting at the end have not advanced yet); `drop_off` = 1 −
/// `advanced_share`, on the stage's own row: the share of its leads that left it, or still waited
/// in it at the end (empty when no lead entered). A reader of the last stage's row sees its own
/// loss (checkout abandonment, say), not the stage before's.
/// Percentiles are whole numbers (sketch estimates, see [`periods_csv`]); means are exact, to 4 decimals.
pub fn stages_csv(r: &RunResult) -> String {
    stages_csv_in(r, false)
}

/// [`stages_csv`], with `nl` in Dutch words: the column names (`fase`, `binnengekomen p5`,
/// `uitval`, …) and the `model` column (`trechter`, `vliegwiel`).
pub fn stages_csv_in(r: &RunResult, nl: bool) -> String {
    let mut out = String::new();
    const HEADER_NL: [&str; 13] = [
        "model",
        "fase nr.",
        "fase",
        "binnengekomen p5",
        "binnengekomen p50",
        "binnengekomen p95",
        "binnengekomen gemiddeld",
        "doorgegaan p5",
        "doorgegaan p50",
        "doorgegaan p95",
        "doorgegaan gemiddeld",
        "aandeel doorgegaan",
        "uitval",
    ];
    let header = [
        "model",
        "stage_number",
        "stage",
        "entered_p5",
        "entered_p50",
        "entered_p95",
        "entered_mean",
        "advanced_p5",
        "advanced_p50",
        "advanced_p95",
        "advanced_mean",
        "advanced_share",
        "drop_off",
    ];
    push_row(
        &mut out,
        &if nl { HEADER_NL } else { header }.map(String::from),
    );
    for (mi, m) in MODELS.into_iter().enumerate() {
        let stages = &model(r, m).stages;
        for (i, s) in stages.iter().enumerate() {
            let drop_off = if s.entered.mean > 0.0 {
                share_num(1.0 - s.conversion)
            } else {
                String::new()
            };
            push_row(
                &mut out,
                &[
                    if nl { MODELS_NL[mi] } else { m }.to_string(),
                    (i + 1).to_string(),
                    text_cell(&s.name),
                    num(s.entered.p5.round()),
                    num(s.entered.p50.round()),
                    num(s.entered.p95.round()),
                    mean_num(s.entered.mean),
                    num(s.advanced.p5.round()),
                    num(s.advanced.p50.round()),
                    num(s.advanced.p95.round()),
                    mean_num(s.advanced.mean),
                    share_num(s.conversion),
                    drop_off,
                ],
            );
        }
    }
    out
}

#[derive(Serialize)]
struct ModelSummary<'a> {
    final_customers: &'a Summary,
    final_revenue: &'a Summary,
    /// Revenue minus spend over the horizon.
    final_net: &'a Summary,
    /// Per customer segment (left out without segments): its name and final customers.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    segments: &'a [SegmentResult],
}

fn model_summary(m: &ModelResult) -> ModelSummary<'_> {
    ModelSummary {
        final_customers: &m.final_customers,
        final_revenue: &m.final_revenue,
        final_net: &m.final_net,
        segments: &m.segments,
    }
}

#[derive(Serialize)]
struct CrossingSummary {
    /// Share of trials in which it happens (the flywheel's cumulative customers pass the funnel's;
    /// its revenue minus spend is ahead for good).
    probability: f64,
    /// Median first period of that, numbered from 1 as the charts and the CSV number periods (the
    /// result JSON's `median_period` counts from 0); `null` if the median is "never".
    median_period_number: Option<u32>,
}

#[derive(Serialize)]
struct RunSummary<'a> {
    result_format_version: u32,
    periods: u32,
    period_unit: &'a str,
    trials_total: u64,
    trials_done: u64,
    complete: bool,
    funnel: ModelSummary<'a>,
    flywheel: ModelSummary<'a>,
    crossing: CrossingSummary,
    /// When the flywheel's revenue minus spend is ahead of the funnel's for good.
    net_ahead: CrossingSummary,
}

/// The what-if analyses whose answers are on screen for the run being exported: each panel's answer
/// to the current inputs, `None` while it has none (not asked, computing, or for earlier inputs).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answers {
    /// The levers under the stages' current names.
    pub bottlenecks: Option<Rc<BottleneckReport>>,
    pub target: Option<(TargetQuery, Rc<TargetReport>)>,
    /// The names of A and B as the Compare panel lists them, and their comparison.
    pub comparison: Option<(String, String, Rc<ComparisonReport>)>,
}

#[derive(Serialize)]
struct TargetSummary<'a> {
    metric: TargetMetric,
    model: Model,
    value: f64,
    /// "Reached by the end of period …", numbered from 1 as on screen.
    by_period_number: u32,
    probability: f64,
    /// The median first period of reaching it, from 1; `null` when fewer than half the trials do.
    median_period_number: Option<u32>,
    trials: u64,
    /// Trials first reaching it in each period (the first entry is period 1).
    first_period_counts: &'a [u64],
    /// Trials not reaching it within the horizon.
    never: u64,
}

#[derive(Serialize)]
struct ComparisonSummary<'a> {
    a: &'a str,
    b: &'a str,
    report: &'a ComparisonReport,
}

#[derive(Serialize)]
struct AnalysesSummary<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    bottlenecks: Option<&'a BottleneckReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<TargetSummary<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comparison: Option<ComparisonSummary<'a>>,
}

fn analyses_summary(a: &Answers) -> Option<AnalysesSummary<'_>> {
    if *a == Answers::default() {
        return None;
    }
    Some(AnalysesSummary {
        bottlenecks: a.bottlenecks.as_deref(),
        target: a.target.as_ref().map(|(q, r)| TargetSummary {
            metric: q.metric,
            model: q.model,
            value: q.value,
            by_period_number: q.by_period + 1,
            probability: r.probability,
            median_period_number: r.median_first_period().map(|t| t as u32 + 1),
            trials: r.trials,
            first_period_counts: &r.first_period_counts,
            never: r.never,
        }),
        comparison: a.comparison.as_ref().map(|(x, y, r)| ComparisonSummary {
            a: x,
            b: y,
            report: r,
        }),
    })
}

#[derive(Serialize)]
struct Export<'a> {
    scenario: &'a Scenario,
    summary: RunSummary<'a>,
    /// Left out when no analysis has an answer for this run.
    #[serde(skip_serializing_if = "Option::is_none")]
    analyses: Option<AnalysesSummary<'a>>,
}

/// `{"scenario": <scenario JSON>, "summary": {result_format_version, periods, period_unit,
/// trials_total, trials_done, complete, funnel: {final_customers, final_revenue, final_net,
/// segments?}, flywheel: {…}, crossing: {probability, median_period_number}, net_ahead: {…}}}`,
/// pretty-printed; summaries are
/// `{p5, p25, p50, p75, p95, mean, min, max, exact}` as in the result JSON. Then, if any analysis has
/// an answer for this run (`answers`), `analyses: {bottlenecks?, target?, comparison?}`
/// (docs/scenario.md).
fn crossing_summary(c: &Crossing) -> CrossingSummary {
    CrossingSummary {
        probability: c.probability,
        median_period_number: c.median_period.map(|t| t + 1),
    }
}

pub fn summary_json(s: &Scenario, r: &RunResult, answers: &Answers) -> String {
    let e = Export {
        scenario: s,
        summary: RunSummary {
            result_format_version: r.format_version,
            periods: r.periods,
            period_unit: &r.period_unit,
            trials_total: r.trials_total,
            trials_done: r.trials_done,
            complete: r.complete,
            funnel: model_summary(&r.funnel),
            flywheel: model_summary(&r.flywheel),
            crossing: crossing_summary(&r.crossing),
            net_ahead: crossing_summary(&r.net_ahead),
        },
        analyses: analyses_summary(answers),
    };
    crate::sim::json::pretty(&serde_json::to_string(&e).unwrap_or_default())
}
