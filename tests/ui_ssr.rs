//! Native render tests of the Yew components through yew's server renderer (no browser needed): the
//! markup is checked for the structure and numbers it must carry.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use funnel_lab::sim::{Bands, Currency, Histogram, Summary};
use funnel_lab::ui::charts::{
    ChartLine, FanChart, FanChartProps, FanSeries, FunnelBar, FunnelChart, FunnelChartProps,
    HistogramChart, HistogramProps,
};
use funnel_lab::ui::i18n::Lang;
use funnel_lab::ui::{App, AppProps};
use yew::LocalServerRenderer;

#[tokio::test]
async fn app_renders_title_stage_editor_and_run_button() {
    let html = LocalServerRenderer::<App>::with_props(AppProps {
        lang: Lang::En,
        embed: Default::default(),
    })
    .render()
    .await;
    assert!(
        html.contains("<h1>Funnel Lab</h1>"),
        "title missing in {html}"
    );
    let mut last = 0;
    for (i, stage) in [
        "Awareness",
        "Interest",
        "Evaluation",
        "Decision",
        "Purchase",
    ]
    .iter()
    .enumerate()
    {
        let needle = format!(r#"<span class="stage-title">{stage}</span>"#);
        let at = html[last..]
            .find(&needle)
            .unwrap_or_else(|| panic!("stage {stage} missing or out of order"));
        last += at;
        assert!(html.contains(&format!(r#"id="stage-{i}-name""#)));
    }
    assert!(html.contains(r#"<button id="run" type="button">Rerun (new draws)</button>"#));
    assert!(html.contains("Starting the simulation…"));
    // Exactly five stage rows, and the first stage cannot move up while the only... (all can be removed).
    assert_eq!(html.matches(r#"class="stage-row""#).count(), 5);
    // Four stages pass leads on, each rate named by the stage it leads to; the last one's converted
    // leads become customers. The Evaluation stage's rate comes from counts, named the same way.
    for to in ["Interest", "Evaluation", "Purchase"] {
        assert_eq!(
            html.matches(&format!(">Conversion to {to}<")).count(),
            1,
            "{to}"
        );
    }
    assert_eq!(html.matches(">Conversion to ").count(), 4, "{html}");
    assert_eq!(html.matches(">Conversion to customer<").count(), 1);
    assert!(html.contains(">Moved on to Decision (k)<"));
    assert!(html.contains(">Reached Evaluation (n)<"));
}

#[tokio::test]
async fn app_renders_in_dutch() {
    let html = LocalServerRenderer::<App>::with_props(AppProps {
        lang: Lang::Nl,
        embed: Default::default(),
    })
    .render()
    .await;
    for stage in [
        "Bewustwording",
        "Interesse",
        "Evaluatie",
        "Beslissing",
        "Aankoop",
    ] {
        assert!(
            html.contains(&format!(r#"<span class="stage-title">{stage}</span>"#)),
            "{stage}"
        );
    }
    assert!(html.contains(">Opnieuw (nieuw toeval)</button>"));
    assert!(html.contains("De berekening start…"));
    assert!(!html.contains("Starting the simulation…"));
}

fn bands(p50: &[f64]) -> Bands {
    Bands {
        p5: p50.iter().map(|v| v * 0.5).collect(),
        p25: p50.iter().map(|v| v * 0.8).collect(),
        p50: p50.to_vec(),
        p75: p50.iter().map(|v| v * 1.2).collect(),
        p95: p50.iter().map(|v| v * 1.5).collect(),
        mean: p50.to_vec(),
    }
}

#[tokio::test]
async fn fan_chart_draws_two_bands_and_a_median_per_series() {
    let props = |narrow| FanChartProps {
        id: "c".into(),
        title: "Customers".into(),
        x_label: "Period (months)".into(),
        y_label: "Customers".into(),
        series: Rc::new(vec![
            FanSeries {
                label: "Funnel".into(),
                class: "funnel",
                bands: bands(&[0.0, 10.0, 20.0]),
            },
            FanSeries {
                label: "Flywheel".into(),
                class: "flywheel",
                bands: bands(&[0.0, 12.0, 40.0]),
            },
        ]),
        money: false,
        lang: Lang::En,
        currency: Currency::Eur,
        marker: Some((2, "Flywheel overtakes".into())),
        lines: Rc::new(vec![ChartLine {
            label: "Forecast".into(),
            class: "forecast",
            values: vec![0.0, 30.0, 90.0],
        }]),
        caption: Some("Bands are ranges.".into()),
        narrow,
    };
    let html = LocalServerRenderer::<FanChart>::with_props(props(false))
        .render()
        .await;
    assert_eq!(html.matches(r#"class="band outer""#).count(), 2);
    assert_eq!(html.matches(r#"class="band inner""#).count(), 2);
    assert_eq!(html.matches(r#"class="median""#).count(), 2);
    // Each light band's two edges (p5 and p95) as one path of two lines, which tell two overlapping
    // bands apart.
    assert_eq!(html.matches(r#"class="band-edge""#).count(), 2);
    for edge in html.split(r#"class="band-edge" d=""#).skip(1) {
        let d = edge.split('"').next().unwrap();
        assert_eq!(d.matches('M').count(), 2, "{d}");
    }
    // Both medians come after every band, so that no band tints a line away from its legend colour.
    let last_band = html.rfind(r#"class="band "#).unwrap();
    let first_median = html.find(r#"class="median""#).unwrap();
    assert!(first_median > last_band, "{html}");
    // The highest value is the forecast line's 90 → y ticks 0..100 by 25 (nice steps for 5 ticks).
    assert!(html.contains(">100</text>"), "{html}");
    // The forecast line ends at the top right: x = 640 − 16, y = 256 − 90/100 · (256 − 16) = 40 (plot from x = 80).
    assert!(
        html.contains(r#"d="M80.0,256.0L352.0,184.0L624.0,40.0" class="line forecast""#),
        "{html}"
    );
    assert!(html.contains("Bands are ranges."));
    // The funnel median starts at the bottom-left corner of the plot area: x = 80, y = 300 − 44 = 256.
    assert!(html.contains(r#"d="M80.0,256.0L"#), "{html}");
    // The SVG's own title has an id of its own: `c-title` is the figure's heading.
    assert!(html.contains("<title id=\"c-svg-title\">Customers</title>"));
    assert_eq!(html.matches(r#"id="c-title""#).count(), 1, "{html}");
    assert!(
        html.contains("Funnel: Median 20 at the end (90% interval 10–30)"),
        "{html}"
    );
    assert!(html.contains("Flywheel overtakes"));
    assert!(html.contains("Show as table"));
    // Nothing below zero: no zero line set apart, and the bands are explained.
    assert!(!html.contains("grid zero"), "{html}");
    assert!(html.contains("bands-note"), "{html}");
    // In a narrow column the same chart is laid out 400 units wide: the line ends at x = 400 − 16.
    let narrow = LocalServerRenderer::<FanChart>::with_props(props(true))
        .render()
        .await;
    assert!(
        narrow.contains(r#"<svg viewBox="0 0 400 300" role="img" aria-labelledby="c-svg-title c-desc" class="fan narrow">"#),
        "{narrow}"
    );
    assert!(
        narrow.contains(r#"d="M80.0,256.0L232.0,184.0L384.0,40.0" class="line forecast""#),
        "{narrow}"
    );
}

/// A chart of lines alone that go below zero (revenue minus spend): the axis takes in the negative
/// values, its zero line stands out, and without bands there is no note about bands.
#[tokio::test]
async fn a_chart_of_lines_below_zero_has_a_negative_axis_and_a_zero_line() {
    let props = FanChartProps {
        id: "net".into(),
        title: "Revenue minus spend".into(),
        x_label: "Period (months)".into(),
        y_label: "Revenue minus spend".into(),
        series: Rc::new(Vec::new()),
        money: false,
        lang: Lang::En,
        currency: Currency::Eur,
        marker: Some((3, "Flywheel ahead for good from month 3".into())),
        lines: Rc::new(vec![
            ChartLine {
                label: "Funnel (average)".into(),
                class: "funnel",
                values: vec![-50.0, -20.0, 10.0],
            },
            ChartLine {
                label: "Flywheel (average)".into(),
                class: "flywheel",
                values: vec![-80.0, 0.0, 60.0],
            },
        ]),
        caption: None,
        narrow: false,
    };
    let html = LocalServerRenderer::<FanChart>::with_props(props)
        .render()
        .await;
    // Ticks −100 … 100 by 50 (from −80 and 60): the plot's 240 units from y = 256 (−100) to 16
    // (100), so 0 is at 136, −80 at 232 and 60 at 64.
    assert_eq!(html.matches(r#"class="grid zero""#).count(), 1, "{html}");
    assert!(
        html.contains(r#"d="M80.0,232.0L352.0,136.0L624.0,64.0" class="line flywheel""#),
        "{html}"
    );
    assert!(!html.contains("bands-note"), "{html}");
    assert!(!html.contains("band outer"), "{html}");
    // The description reads each line's last value, and the marker.
    assert!(
        html.contains("Funnel (average): 10 at the end; Flywheel (average): 60 at the end. Flywheel ahead for good from month 3"),
        "{html}"
    );
}

/// A marker's label goes to the bottom of the plot where the chart's lines pass through its room at
/// the top and not at the bottom: revenue minus spend that only falls from 0 starts at the top (a
/// planner's 20-stage scenario had its marker label crossed by both lines). A rising line leaves the
/// label at the top.
#[tokio::test]
async fn a_marker_label_moves_below_lines_that_run_through_the_top_of_the_plot() {
    let chart = |values: Vec<f64>| {
        FanChartProps {
        id: "net".into(),
        title: "Revenue minus spend".into(),
        x_label: "Period (weeks)".into(),
        y_label: "Revenue minus spend".into(),
        series: Rc::new(Vec::new()),
        money: false,
        lang: Lang::En,
        currency: Currency::Eur,
        marker: Some((4, "Flywheel keeps more than the funnel from week 4 (in half the futures; by the end in 100% of them)".into())),
        lines: Rc::new(vec![ChartLine {
            label: "Funnel (average)".into(),
            class: "funnel",
            values,
        }]),
        caption: None,
        narrow: false,
    }
    };
    let label_y = |html: &str| {
        let g = &html[html.find(r#"class="marker""#).unwrap()..];
        let t = &g[g.find("<text").unwrap()..];
        let y = &t[t.find(r#"y=""#).unwrap() + 3..];
        y[..y.find('"').unwrap()].parse::<f64>().unwrap()
    };
    // Near 0 for 15 weeks (−100 is at y = 40: through the label's room at the top, y 11.5 to 63.4),
    // then down to −1,000 at the right: the label goes lower, as high as it can clear of the line (here
    // at the foot of the plot, the last line ending 6 units above the axis: baseline 232.6 at most).
    let falling: Vec<f64> = (0..20)
        .map(|t| {
            if t < 15 {
                -7.0 * t as f64
            } else {
                -100.0 - 180.0 * (t - 14) as f64
            }
        })
        .collect();
    let html = LocalServerRenderer::<FanChart>::with_props(chart(falling))
        .render()
        .await;
    let y = label_y(&html);
    assert!(y > 90.0 && y <= 232.6, "{y}: {html}");
    assert_eq!(html.matches("<tspan").count(), 1, "{html}");
    // Rising from 0: the line is at the bottom there, the label stays at the top.
    let rising: Vec<f64> = (0..20).map(|t| 50.0 * t as f64).collect();
    let html = LocalServerRenderer::<FanChart>::with_props(chart(rising))
        .render()
        .await;
    assert_eq!(label_y(&html), 28.0, "{html}");
}

#[tokio::test]
async fn a_marker_label_too_long_for_its_side_of_a_phone_chart_is_broken_at_spaces_into_lines_that_fit(
) {
    // 21 periods on a narrow chart: period 8 is at x = 80 + 7 · 15.2 = 186.4, left of the middle, so
    // the label starts right of the line with 400 − 186.4 − 8 ≈ 206 units of room, less than the
    // 34 characters (at 8.7 units each, 296) of "Vliegwiel loopt voor vanaf maand 8": two lines of at
    // most 18. The 59 of the part in brackets (513) need three lines of at most 20.
    let p50: Vec<f64> = (0..21).map(f64::from).collect();
    let props = |narrow, period| {
        FanChartProps {
        id: "c".into(),
        title: "Klanten".into(),
        x_label: "Periode".into(),
        y_label: "Klanten".into(),
        series: Rc::new(vec![FanSeries {
            label: "Trechter".into(),
            class: "funnel",
            bands: bands(&p50),
        }]),
        money: false,
        lang: Lang::Nl,
        currency: Currency::Eur,
        marker: Some((
            period,
            "Vliegwiel loopt voor vanaf maand 8 (in de helft van de toekomsten; aan het eind in 97% ervan)"
                .into(),
        )),
        lines: Rc::new(Vec::new()),
        caption: None,
        narrow,
    }
    };
    let html = LocalServerRenderer::<FanChart>::with_props(props(true, 8))
        .render()
        .await;
    let marker = html.split(r#"<g class="marker">"#).nth(1).unwrap();
    assert!(
        marker.contains(r#"text-anchor="start">Vliegwiel loopt<tspan x="190.4" dy="1.2em">voor vanaf maand 8</tspan><tspan x="190.4" dy="1.2em">(in de helft van de</tspan><tspan x="190.4" dy="1.2em">toekomsten; aan het</tspan><tspan x="190.4" dy="1.2em">eind in 97% ervan)</tspan>"#),
        "{marker}"
    );
    // Early in the horizon (period 2, x = 95.2: 297 units of room) the whole first line fits, as it
    // does on a wide chart; the part in brackets takes two lines either way (59 characters, 513 units),
    // so it breaks after its "; " (31 and 26 characters, 270 and 226 units) rather than at its middle.
    for (narrow, period) in [(true, 2), (false, 8)] {
        let html = LocalServerRenderer::<FanChart>::with_props(props(narrow, period))
            .render()
            .await;
        assert!(
            html.contains(">Vliegwiel loopt voor vanaf maand 8<tspan"),
            "{html}"
        );
        assert!(
            html.contains(r#"dy="1.2em">(in de helft van de toekomsten;</tspan><tspan "#)
                && html.contains(r#"dy="1.2em">aan het eind in 97% ervan)</tspan>"#),
            "{html}"
        );
    }
    // In English the space nearest the middle is after "by": the break stays after the "; ".
    let mut en = props(true, 2);
    en.marker = Some((
        2,
        "Flywheel ahead from month 2 (in half the futures; by the end in 97% of them)".into(),
    ));
    let html = LocalServerRenderer::<FanChart>::with_props(en)
        .render()
        .await;
    assert!(
        html.contains(r#"dy="1.2em">(in half the futures;</tspan><tspan x="99.2" dy="1.2em">by the end in 97% of them)</tspan>"#),
        "{html}"
    );
}

#[tokio::test]
async fn histogram_draws_one_rect_per_bin_and_three_markers() {
    let props = HistogramProps {
        id: "h".into(),
        title: "Final customers".into(),
        x_label: "Customers".into(),
        histogram: Histogram {
            edges: vec![0.0, 10.0, 20.0, 30.0],
            counts: vec![5, 10, 5],
            step: 0.0,
            ..Histogram::default()
        },
        summary: Summary {
            p5: 2.0,
            p25: 8.0,
            p50: 15.0,
            p75: 22.0,
            p95: 28.0,
            mean: 15.0,
            min: 0.0,
            max: 30.0,
            exact: true,
        },
        money: false,
        lang: Lang::En,
        currency: Currency::Eur,
        class: "funnel",
        narrow: false,
        sub: false,
    };
    let html = LocalServerRenderer::<HistogramChart>::with_props(props)
        .render()
        .await;
    let bars = html
        .split(r#"<g class="bars">"#)
        .nth(1)
        .unwrap()
        .split("</g>")
        .next()
        .unwrap();
    assert_eq!(bars.matches("<rect").count(), 3);
    // The tallest bin (10) reaches the top of the plot (y = 16) with the y axis 0..10.
    assert!(bars.contains(r#"y="16.0""#), "{bars}");
    let markers = html
        .split(r#"<g class="quantile-markers">"#)
        .nth(1)
        .unwrap();
    assert_eq!(markers.matches("<line").count(), 3);
}

/// Amounts take the sign of the scenario's currency: the axis's ticks, the summary and the table of a
/// revenue histogram in dollars have no euro sign left.
#[tokio::test]
async fn a_revenue_histogram_in_dollars_shows_dollars() {
    let render = |currency| {
        funnel_lab::ui::i18n::set_currency(currency);
        let props = HistogramProps {
            id: "h".into(),
            title: "Final revenue".into(),
            x_label: "Revenue ($)".into(),
            histogram: Histogram {
                edges: vec![0.0, 10_000.0, 20_000.0, 30_000.0],
                counts: vec![5, 10, 5],
                step: 0.0,
                ..Histogram::default()
            },
            summary: Summary {
                p5: 2_000.0,
                p25: 8_000.0,
                p50: 15_000.0,
                p75: 22_000.0,
                p95: 28_000.0,
                mean: 15_000.0,
                min: 0.0,
                max: 30_000.0,
                exact: true,
            },
            money: true,
            lang: Lang::En,
            currency,
            class: "funnel",
            narrow: false,
            sub: false,
        };
        LocalServerRenderer::<HistogramChart>::with_props(props).render()
    };
    let dollars = render(Currency::Usd).await;
    let euros = render(Currency::Eur).await;
    assert!(!dollars.contains('€'), "{dollars}");
    assert!(
        dollars.contains("$15,000") && dollars.contains("$10k"),
        "{dollars}"
    );
    assert_eq!(
        dollars
            .replace('$', "€")
            .replace("Revenue (€)", "Revenue ($)"),
        euros
    );
}

#[tokio::test]
async fn funnel_chart_shows_stages_and_drop_off() {
    let s = |p50: f64| Summary {
        p5: p50 * 0.9,
        p25: p50,
        p50,
        p75: p50,
        p95: p50 * 1.1,
        mean: p50,
        min: 0.0,
        max: p50 * 2.0,
        exact: true,
    };
    let props = FunnelChartProps {
        id: "f".into(),
        title: "Funnel".into(),
        stages: Rc::new(vec![
            FunnelBar {
                name: "Awareness".into(),
                entered: s(1000.0),
                went_on: 0.3,
            },
            FunnelBar {
                name: "Interest".into(),
                entered: s(300.0),
                went_on: 0.404,
            },
            FunnelBar {
                name: "Click".into(),
                entered: s(120.0),
                went_on: 0.01197,
            },
            FunnelBar {
                name: "Cart".into(),
                entered: s(1.4),
                went_on: 0.00438,
            },
            FunnelBar {
                name: "Purchase".into(),
                entered: s(0.0),
                went_on: 0.0,
            },
        ]),
        lang: Lang::En,
        narrow: false,
    };
    let html = LocalServerRenderer::<FunnelChart>::with_props(props)
        .render()
        .await;
    assert!(html.contains(">Awareness</text>"));
    // The share that went on is on the stage whose rate it is; the last stage's leads bought.
    assert!(html.contains(">30% go on</text>"), "{html}");
    assert!(html.contains(">40% go on</text>"), "{html}");
    // Below 10% with a decimal, below 1% with two: a 1.2% click-through is not "1%".
    assert!(html.contains(">1.2% go on</text>"), "{html}");
    assert!(html.contains(">0.44% go on</text>"), "{html}");
    // A stage that no lead reached has no share (not "0% buy", which reads as a bottleneck).
    assert!(html.contains(">no leads</text>"), "{html}");
    assert_eq!(html.matches(r#"class="stage-bar""#).count(), 5);
    // The text a screen reader hears has the shares too (the cue to the bottleneck).
    let desc = html
        .split(r#"-desc">"#)
        .nth(1)
        .unwrap()
        .split("</desc>")
        .next()
        .unwrap();
    assert!(desc.starts_with("Awareness: 1,000 (30% go on), "), "{desc}");
    assert_eq!(desc.matches("go on)").count(), 4, "{desc}");
}

#[tokio::test]
async fn funnel_values_too_long_for_the_room_right_of_their_bar_are_shortened() {
    // Every rate at 100%: each bar is as long as the first, and its whisker ends where the chart
    // leaves 90 units for the value: "1,234,567,890" (about 105 units on a phone) would be cut.
    // A bar whose every percentile is `value`.
    let bar = |name: &str, value: f64, went_on: f64| FunnelBar {
        name: name.into(),
        entered: Summary {
            p5: value,
            p25: value,
            p50: value,
            p75: value,
            p95: value,
            mean: value,
            min: value,
            max: value,
            exact: true,
        },
        went_on,
    };
    let props = |narrow, stages: Vec<FunnelBar>| FunnelChartProps {
        id: "f".into(),
        title: "Funnel".into(),
        stages: Rc::new(stages),
        lang: Lang::En,
        narrow,
    };
    let render = |p: FunnelChartProps| LocalServerRenderer::<FunnelChart>::with_props(p).render();
    let long = || {
        vec![
            bar("Awareness", 1_234_567_890.0, 1.0),
            bar("Interest", 1_234_567_890.0, 1.0),
        ]
    };
    let html = render(props(true, long())).await;
    // The whole number would run past the edge (about 105 units from x = 316 on a phone's 400).
    assert!(html.contains(">1.23B</text>"), "{html}");
    assert!(!html.contains(">1,234,567,890</text>"), "{html}");
    // So on a wide chart (640 units, 12-unit font: about 108 units from x = 556).
    let wide = render(props(false, long())).await;
    assert!(wide.contains(">1.23B</text>"), "{wide}");
    // One form for all bars: when one value is shortened, a shorter one beside it is too.
    let html = render(props(
        true,
        vec![
            bar("Awareness", 1_234_567_890.0, 0.1),
            bar("Interest", 123_456_789.0, 1.0),
        ],
    ))
    .await;
    assert!(html.contains(">1.23B</text>"), "{html}");
    assert!(html.contains(">123.46M</text>"), "{html}");
    // Small numbers keep their digits.
    let html = render(props(true, vec![bar("Awareness", 1_234.0, 0.5)])).await;
    assert!(html.contains(">1,234</text>"), "{html}");
}

#[tokio::test]
async fn tornado_draws_two_bars_per_stage_with_whiskers_best_first() {
    use funnel_lab::sim::{BottleneckReport, Gain, Lever};
    use funnel_lab::ui::charts::{TornadoChart, TornadoProps};
    let gain = |mean: f64, p5: f64, p95: f64| Gain {
        mean,
        p5,
        p95,
        probability_best: 0.5,
    };
    let report = BottleneckReport {
        trials: 100,
        baseline_final_customers: None,
        levers: vec![
            Lever {
                stage: 1,
                name: "Interest".into(),
                plus_one_point: gain(8.0, 4.0, 12.0),
                plus_ten_percent: gain(6.0, 3.0, 9.0),
            },
            Lever {
                stage: 0,
                name: "Awareness <b>".into(),
                plus_one_point: gain(2.0, -1.0, 5.0),
                plus_ten_percent: gain(4.0, 1.0, 7.0),
            },
        ],
    };
    let html = LocalServerRenderer::<TornadoChart>::with_props(TornadoProps {
        id: "t".into(),
        title: "Bottlenecks".into(),
        lang: Lang::En,
        report: Rc::new(report),
        narrow: false,
        segments: false,
    })
    .render()
    .await;
    assert_eq!(html.matches("<g class=\"tornado-bar").count(), 4, "{html}");
    assert_eq!(html.matches("tornado-bar plus-point best").count(), 1);
    assert_eq!(html.matches("tornado-bar plus-ten best").count(), 1);
    // The axis is nice_ticks(−1, 12) = −5..15 in steps of 5, mapped onto [165, 624] (22.95 per unit):
    // zero sits at x = 165 + 5 · 22.95 = 279.75; the best lever's +1 pt bar ends at 8 → 463.35 (width
    // 183.6) and its whisker spans 4..12 → 371.55..555.15 (555.1 in binary floating point). Height =
    // 16 + 44 + 2 · 44 = 148; each stage's band is (104 − 16) / 2 = 44, so its two bars are (44 − 8) / 2
    // = 18 apart and 16 high, from y = 16 + 4.
    assert!(
        html.contains(r#"<rect x="279.8" y="20.0" width="183.6" height="16.0">"#),
        "{html}"
    );
    assert!(
        html.contains(r#"x1="371.6" x2="555.1" y1="28.0" y2="28.0""#),
        "{html}"
    );
    // A negative gain grows leftwards from zero: the second lever's +1 pt whisker starts at −1 → 256.8
    // and ends at 5 → 394.5.
    assert!(
        html.contains(r#"x1="256.8" x2="394.5" y1="72.0" y2="72.0""#),
        "{html}"
    );
    // Names are text, never markup.
    assert!(html.contains("Awareness &lt;b&gt;"));
    assert!(html.contains("Best lever: Interest (+8 customers)"));
}

#[tokio::test]
async fn a_phone_tornado_has_three_short_ticks() {
    use funnel_lab::sim::{BottleneckReport, Gain, Lever};
    use funnel_lab::ui::charts::{TornadoChart, TornadoProps};
    let gain = |mean: f64| Gain {
        mean,
        p5: mean * 0.5,
        p95: mean * 1.5,
        probability_best: 0.5,
    };
    let report = Rc::new(BottleneckReport {
        trials: 100,
        baseline_final_customers: None,
        levers: vec![Lever {
            stage: 0,
            name: "Awareness".into(),
            plus_one_point: gain(60_000.0),
            plus_ten_percent: gain(40_000.0),
        }],
    });
    let ticks = |narrow| {
        let report = report.clone();
        async move {
            let html = LocalServerRenderer::<TornadoChart>::with_props(TornadoProps {
                id: "t".into(),
                title: "Bottlenecks".into(),
                lang: Lang::En,
                report,
                narrow,
                segments: false,
            })
            .render()
            .await;
            let axis = html.split(r#"<g class="axis x-axis">"#).nth(1).unwrap();
            let axis = axis.split("</g></g>").next().unwrap().to_string();
            axis.split("</text>")
                .filter_map(|t| t.rsplit('>').next())
                .filter(|t| !t.is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        }
    };
    // 0 to 90,000 (the whisker's end): five ticks on a wide chart, three on a phone.
    assert_eq!(ticks(false).await, ["0", "25k", "50k", "75k", "100k"]);
    assert_eq!(ticks(true).await, ["0", "50k", "100k"]);
}

#[tokio::test]
async fn tornado_without_any_gain_says_so_instead_of_an_empty_chart() {
    use funnel_lab::sim::{BottleneckReport, Gain, Lever};
    use funnel_lab::ui::charts::{TornadoChart, TornadoProps};
    let none = Gain {
        mean: 0.0,
        p5: 0.0,
        p95: 0.0,
        probability_best: 0.5,
    };
    let lever = |stage: usize| Lever {
        stage,
        name: format!("S{stage}"),
        plus_one_point: none.clone(),
        plus_ten_percent: none.clone(),
    };
    let report = BottleneckReport {
        trials: 100,
        baseline_final_customers: None,
        levers: vec![lever(0), lever(1)],
    };
    let html = LocalServerRenderer::<TornadoChart>::with_props(TornadoProps {
        id: "t".into(),
        title: "Bottlenecks".into(),
        lang: Lang::En,
        report: Rc::new(report),
        narrow: false,
        segments: false,
    })
    .render()
    .await;
    assert!(html.contains("id=\"tornado-none\""), "{html}");
    assert!(html.contains("every rate is already 100%"));
    assert!(!html.contains("Best lever"));
}

#[tokio::test]
async fn a_charts_title_is_a_heading_h3_under_the_results_and_h4_in_an_analysis_panel() {
    // Heading keys (H in a screen reader) reach each chart: its visible title is the heading, not a
    // second copy of it.
    let fan = LocalServerRenderer::<FanChart>::with_props(FanChartProps {
        id: "customers-chart".into(),
        title: "Cumulatief aantal klanten in de tijd".into(),
        x_label: "Periode (maanden)".into(),
        y_label: "Klanten".into(),
        series: Rc::new(vec![FanSeries {
            label: "Trechter".into(),
            class: "funnel",
            bands: bands(&[1.0, 2.0, 3.0]),
        }]),
        money: false,
        lang: Lang::Nl,
        currency: Currency::Eur,
        marker: None,
        lines: Rc::new(Vec::new()),
        caption: None,
        narrow: false,
    })
    .render()
    .await;
    assert!(
        fan.contains(r#"<h3 class="chart-title" id="customers-chart-title">Cumulatief aantal klanten in de tijd</h3>"#),
        "{fan}"
    );
    assert_eq!(
        fan.matches("Cumulatief aantal klanten in de tijd<").count(),
        2,
        "the heading and the drawing's own <title>: {fan}"
    );
    let histogram = |sub| HistogramProps {
        id: "difference-chart".into(),
        title: "Difference".into(),
        x_label: "B − A".into(),
        histogram: Histogram {
            edges: vec![0.0, 1.0, 2.0],
            counts: vec![1, 2],
            step: 0.0,
            ..Histogram::default()
        },
        summary: Summary {
            p50: 1.0,
            max: 2.0,
            exact: true,
            ..Summary::default()
        },
        money: false,
        lang: Lang::En,
        currency: Currency::Eur,
        class: "difference",
        narrow: false,
        sub,
    };
    for (sub, tag) in [(false, "h3"), (true, "h4")] {
        let html = LocalServerRenderer::<HistogramChart>::with_props(histogram(sub))
            .render()
            .await;
        assert!(
            html.contains(&format!(
                r#"<{tag} class="chart-title" id="difference-chart-title">Difference</{tag}>"#
            )),
            "{html}"
        );
    }
}

/// Long stage names widen the name column of the funnel and tornado charts (up to 42% of a wide chart)
/// instead of being cut at about 17 characters; longer ones are still cut, with the whole name as their
/// tooltip.
#[tokio::test]
async fn long_stage_names_get_room_in_the_funnel_and_tornado_charts() {
    use funnel_lab::sim::{BottleneckReport, Gain, Lever};
    use funnel_lab::ui::charts::{TornadoChart, TornadoProps};
    let mql = "Marketing qualified lead";
    let huge = "Sales accepted, qualified and scheduled for a demo";
    let bar = |name: &str| FunnelBar {
        name: name.into(),
        entered: Summary {
            p5: 100.0,
            p25: 100.0,
            p50: 100.0,
            p75: 100.0,
            p95: 100.0,
            mean: 100.0,
            min: 100.0,
            max: 100.0,
            exact: true,
        },
        went_on: 0.5,
    };
    let funnel = |names: &[&str]| {
        let stages = Rc::new(names.iter().map(|n| bar(n)).collect::<Vec<_>>());
        async move {
            LocalServerRenderer::<FunnelChart>::with_props(FunnelChartProps {
                id: "f".into(),
                title: "Funnel".into(),
                stages,
                lang: Lang::En,
                narrow: false,
            })
            .render()
            .await
        }
    };
    let short = funnel(&["Awareness", "Interest"]).await;
    // Short names: the layout as before, bars from x = 150.
    assert!(short.contains(r#"<rect x="150.0" y="8.0""#), "{short}");
    let long = funnel(&["Awareness", mql]).await;
    assert!(long.contains(&format!(">{mql}</text>")), "{long}");
    let x = |html: &str| -> f64 {
        let at = html.find(r#"<rect x=""#).unwrap() + 9;
        html[at..].split('"').next().unwrap().parse().unwrap()
    };
    assert!(
        x(&long) > 150.0 && x(&long) < 0.42 * 640.0 + 0.1,
        "{}",
        x(&long)
    );
    let cut = funnel(&[huge]).await;
    assert!((x(&cut) - 0.42 * 640.0).abs() < 0.1, "{}", x(&cut));
    assert!(cut.contains(&format!("<title>{huge}</title>")), "{cut}");
    assert!(
        cut.contains("…</text>") || cut.contains("…<title>"),
        "{cut}"
    );

    let gain = Gain {
        mean: 5.0,
        p5: 1.0,
        p95: 9.0,
        probability_best: 1.0,
    };
    let tornado = |name: &str| {
        let report = Rc::new(BottleneckReport {
            trials: 100,
            baseline_final_customers: None,
            levers: vec![Lever {
                stage: 0,
                name: name.into(),
                plus_one_point: gain.clone(),
                plus_ten_percent: gain.clone(),
            }],
        });
        async move {
            LocalServerRenderer::<TornadoChart>::with_props(TornadoProps {
                id: "t".into(),
                title: "Bottlenecks".into(),
                lang: Lang::En,
                report,
                narrow: false,
                segments: false,
            })
            .render()
            .await
        }
    };
    // As long as the funnel chart's names, also the best lever's in bold (33 and 35 characters).
    for name in [
        mql,
        "Sales accepted, demo is scheduled",
        "Qualified by sales and demo booked!",
    ] {
        let html = tornado(name).await;
        assert!(html.contains(&format!(">{name}</text>")), "{html}");
        let html = funnel(&[name]).await;
        assert!(html.contains(&format!(">{name}</text>")), "{html}");
    }
    let html = tornado("Interest").await;
    assert!(html.contains(r#"x="157.0" y="#), "{html}");
}
