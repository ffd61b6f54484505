//! Hand-written SVG chart components. Geometry comes from [`super::chart`] (pure, tested natively); these
//! components only place it, add axes with units, a text alternative and a "show as table" toggle.

use std::rc::Rc;

use yew::prelude::*;

use crate::sim::{Bands, Currency, Histogram, Summary};

use super::chart::{
    band_path, fit_label, histogram_axis, histogram_bars, label_rows, line_path, name_room,
    nice_ticks, tick_step, tornado_bars, wrap_label, Scale,
};
use super::i18n::{Lang, T};

const W: f64 = 640.0;
/// The drawing's width in a narrow results column (`ui::narrow_charts`): the charts are laid out over
/// fewer units, so the same text is larger on screen (8 px and more in a 320 px embed).
pub const NARROW_W: f64 = 400.0;
const H: f64 = 300.0;
const LEFT: f64 = 80.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 44.0;

// Attribute texts of values fixed by the constants above, as `f64::to_string` writes them (a test checks
// that they agree): written out, they cost no formatting code at each place they are used.
const LEFT_S: &str = "80"; // LEFT
const PLOT_BOTTOM_S: &str = "256"; // H - BOTTOM
const TOP_S: &str = "16"; // TOP
                          // The y axis's ticks end 4 units before the plot and its title is centred 14 units from the edge: in a
                          // 230 px embed (text at 14.5 units) "−€100k" and the title's descenders then stay clear of each other.
const Y_TICK_X_S: &str = "76"; // LEFT - 4
const X_TICK_Y_S: &str = "272"; // H - BOTTOM + 16
const X_LABEL_Y_S: &str = "294"; // H - 6
const MARKER_LABEL_Y_S: &str = "28"; // TOP + 12
const QUANTILE_LABEL_Y: f64 = TOP + 10.0;
const Y_LABEL_TRANSFORM_S: &str = "translate(14 136.0) rotate(-90)"; // (TOP + H - BOTTOM) / 2 with one decimal

/// The width of a chart's drawing in its units: [`NARROW_W`] when the app says the results column is
/// narrow (`narrow` props, see `ui::narrow_charts`), where main.css's `svg.narrow` text sizes apply.
fn chart_width(narrow: bool) -> f64 {
    if narrow {
        NARROW_W
    } else {
        W
    }
}

/// `v` with one decimal, as the charts write coordinates (one function instead of a `format!` at each
/// attribute).
#[inline(never)]
fn d1(v: f64) -> AttrValue {
    AttrValue::from(format!("{v:.1}"))
}

/// `v` as `f64::to_string` writes it, as an attribute value.
#[inline(never)]
fn num(v: f64) -> AttrValue {
    AttrValue::from(v.to_string())
}

/// One model's bands in a fan chart.
#[derive(Clone, PartialEq)]
pub struct FanSeries {
    pub label: AttrValue,
    /// CSS class that colours it (`funnel` or `flywheel`).
    pub class: &'static str,
    pub bands: Bands,
}

#[derive(Properties, PartialEq)]
pub struct FanChartProps {
    pub id: AttrValue,
    pub title: AttrValue,
    pub x_label: AttrValue,
    pub y_label: AttrValue,
    pub series: Rc<Vec<FanSeries>>,
    /// Formats a y value (axis ticks and table).
    pub money: bool,
    pub lang: Lang,
    /// The currency amounts are shown in (see [`super::i18n::currency`]).
    #[prop_or_else(super::i18n::currency)]
    pub currency: Currency,
    /// A period to mark with a vertical line (e.g. the crossover), 1-based.
    #[prop_or_default]
    pub marker: Option<(u32, AttrValue)>,
    /// Deterministic lines drawn over the bands (e.g. the pipeline forecast).
    #[prop_or_default]
    pub lines: Rc<Vec<ChartLine>>,
    /// A paragraph under the chart.
    #[prop_or_default]
    pub caption: Option<AttrValue>,
    /// Drawn for a narrow column ([`NARROW_W`] units wide).
    #[prop_or_default]
    pub narrow: bool,
}

/// A single deterministic line in a fan chart.
#[derive(Clone, PartialEq)]
pub struct ChartLine {
    pub label: AttrValue,
    /// CSS class that styles it.
    pub class: &'static str,
    pub values: Vec<f64>,
}

fn fmt(lang: Lang, money: bool, v: f64) -> String {
    fmt_in(lang, money, false, v)
}

/// [`fmt`] for a cell of a chart's table: amounts in whole euros throughout (`whole`) once the table
/// holds one of €100 or more ([`Lang::money_in`]), not "€54 | €84.60 | €126".
fn fmt_in(lang: Lang, money: bool, whole: bool, v: f64) -> String {
    if money {
        lang.money_in(v, whole)
    } else {
        lang.number(v, 0)
    }
}

/// A right-aligned name beside a chart's bars, cut with "…" so that it stays inside the chart (`max_em`:
/// the room left of the bars, in ems of the largest font the label gets in its layout); a cut name keeps
/// the whole one as its tooltip. With `two_lines`, a long name wraps onto a second line first
/// ([`wrap_label`]), the two lines centred on `y`.
fn chart_label(
    class: &'static str,
    x: AttrValue,
    y: AttrValue,
    name: &str,
    max_em: f64,
    two_lines: bool,
) -> Html {
    let lines = if two_lines {
        wrap_label(name, max_em)
    } else {
        vec![fit_label(name, max_em)]
    };
    let cut = lines.concat().replace(' ', "") != name.replace(' ', "");
    let tip = cut.then(|| html! { <title>{ name.to_string() }</title> });
    match lines.as_slice() {
        [first, second] => html! {
            <text {class} x={x.clone()} {y} text-anchor="end">
                <tspan x={x.clone()} dy="-0.55em">{ first.clone() }</tspan>
                <tspan {x} dy="1.1em">{ second.clone() }</tspan>
                { tip }
            </text>
        },
        _ => html! {
            <text {class} {x} {y} text-anchor="end">
                { lines.concat() }
                { tip }
            </text>
        },
    }
}

/// The largest size among `ticks`, which sets their unit ([`Lang::tick`]).
fn top(ticks: &[f64]) -> f64 {
    ticks.iter().fold(0.0, |m, t| t.abs().max(m))
}

/// Axis ticks and grid lines shared by the charts.
fn y_axis(ticks: &[f64], sy: &Scale, lang: Lang, money: bool, w: f64) -> Html {
    let step = tick_step(ticks);
    let top = top(ticks);
    let right = num(w - RIGHT);
    // The zero line stands out where the axis goes below it.
    let below = ticks.first().is_some_and(|t| *t < 0.0);
    html! {
        <g class="axis y-axis">
            { for ticks.iter().map(|t| {
                let y = sy.map(*t);
                html! {
                    <g>
                        <line class={if *t == 0.0 && below { "grid zero" } else { "grid" }} x1={LEFT_S} x2={right.clone()} y1={d1(y)} y2={d1(y)} />
                        <text x={Y_TICK_X_S} y={d1(y + 4.0)} text-anchor="end">{ lang.axis_tick(*t, step, top, money) }</text>
                    </g>
                }
            }) }
        </g>
    }
}

fn x_axis(ticks: &[f64], sx: &Scale, lang: Lang, w: f64) -> Html {
    html! {
        <g class="axis x-axis">
            <line x1={LEFT_S} x2={num(w - RIGHT)} y1={PLOT_BOTTOM_S} y2={PLOT_BOTTOM_S} />
            { for ticks.iter().map(|t| {
                let x = sx.map(*t);
                html! { <text x={d1(x)} y={X_TICK_Y_S} text-anchor="middle">{ lang.number(*t, 2) }</text> }
            }) }
        </g>
    }
}

fn axis_labels(x_label: &AttrValue, y_label: &AttrValue, w: f64) -> Html {
    html! {
        <>
            <text class="axis-label" x={num((LEFT + w - RIGHT) / 2.0)} y={X_LABEL_Y_S} text-anchor="middle">{ x_label.clone() }</text>
            <text class="axis-label" transform={Y_LABEL_TRANSFORM_S} text-anchor="middle">{ y_label.clone() }</text>
        </>
    }
}

/// A marker label's lines: its words before " (" on one line, the part in brackets on a second, so that
/// it fits a phone's chart; a line longer than the room on its side of the marker at `x` (at 8.7 units a
/// character: 0.6 em of the largest font a narrow chart gets, 14.5 units under 250 px) is broken at
/// spaces. Past the middle the label goes left of the line (`true`), so it stays inside the plot, clear
/// of the y axis's tick labels.
fn marker_lines(x: f64, label: &str, w: f64) -> (Vec<String>, bool) {
    let right = x > w / 2.0;
    let room = if right { x - LEFT } else { w - x } - 8.0;
    let (first, second) = match label.split_once(" (") {
        Some((a, b)) => (a.to_string(), Some(format!("({b}"))),
        None => (label.to_string(), None),
    };
    let mut lines = fit_line(first, room);
    lines.extend(second.into_iter().flat_map(|s| fit_clauses(s, room)));
    (lines, right)
}

/// The height of a marker label of `n` lines from its first baseline's top (lines 1.2 em apart, at the
/// largest font a chart gets, 14.5 units).
fn marker_label_height(n: usize) -> f64 {
    14.5 + 17.4 * n.saturating_sub(1) as f64
}

/// The baseline of a marker label's first line: at the top of the plot (28) unless the chart's lines
/// (`curves`, in the drawing's units) run through more than a tenth of the label's width there; then
/// the highest position, in steps of 4 units down to the bottom of the plot, where they run through
/// the least of it. (Revenue minus spend that falls from 0 starts at the top: a planner's 20-stage
/// scenario had its label crossed by both lines. A rising line that ends in the label's last words
/// leaves it at the top.)
pub fn marker_label_y(x: f64, lines: &[String], right: bool, curves: &[Vec<(f64, f64)>]) -> f64 {
    let width = 8.7 * lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 + 8.0;
    let x0 = if right { x - width } else { x };
    let h = marker_label_height(lines.len());
    // The curves sampled every 2 units, once: the label's column (8 units wide) and height of each
    // sample within the label's columns.
    let cols = (width / 8.0).ceil() as usize;
    let mut samples = Vec::new();
    for c in curves {
        for s in c.windows(2) {
            let ((ax, ay), (bx, by)) = (s[0], s[1]);
            let steps = ((bx - ax) / 2.0).ceil().max(1.0) as usize;
            for i in 0..=steps {
                let f = i as f64 / steps as f64;
                let col = (ax + f * (bx - ax) - x0) / 8.0;
                if col >= 0.0 && col < cols as f64 {
                    samples.push((col as usize, ay + f * (by - ay)));
                }
            }
        }
    }
    // How many of the label's columns the curves pass through with its first baseline at `y`.
    let crossed = |y: f64| {
        let (y0, y1) = (y - 14.5 - 2.0, y - 14.5 + h + 2.0);
        let mut hit = vec![false; cols];
        for &(col, py) in &samples {
            if py >= y0 && py <= y1 {
                hit[col] = true;
            }
        }
        hit.iter().filter(|&&b| b).count()
    };
    let top = TOP + 12.0;
    let last = H - BOTTOM - 6.0 - h + 14.5;
    let mut best = (crossed(top), top);
    if best.0 * 10 <= cols {
        return top;
    }
    let mut y = top;
    while best.0 > 0 && y + 4.0 <= last {
        y += 4.0;
        let n = crossed(y);
        if n < best.0 {
            best = (n, y);
        }
    }
    best.1
}

/// A gain in customers, in the tornado's table and the best lever's sentence alike: one decimal while
/// it is small ("0.4 customers"), whole from 10 on, where a decimal is noise ("15,556.1
/// (12,183.2–19,299.3)" in a planner's 1M-trial table; the sentence said "about 25" beside 24.6).
pub(crate) fn gain_number(lang: Lang, x: f64) -> String {
    // Below 0.1, two digits that are not zero ("0.0025 customers", €0.30 of revenue: "about 0
    // customers" beside the money contradicted it).
    small_number(lang, x, 0.1)
}

/// `x` whole from 10 on, with one decimal below (trailing zeros dropped), and below `two_digits_below`
/// with two digits that are not zero ("0.0025"), at most four decimals.
pub(crate) fn small_number(lang: Lang, x: f64, two_digits_below: f64) -> String {
    let decimals = match x.abs() {
        a if a >= 10.0 => 0,
        a if a >= two_digits_below || a == 0.0 => 1,
        a => (1 - a.log10().floor() as i32).clamp(2, 4) as usize,
    };
    lang.number(x, decimals)
}

/// A vertical marker line at `x` with its label ([`marker_lines`]) at `y` ([`marker_label_y`]).
fn marker_el(x: f64, lines: Vec<String>, right: bool, y: f64) -> Html {
    let tx = d1(if right { x - 4.0 } else { x + 4.0 });
    let y: AttrValue = if y == TOP + 12.0 {
        MARKER_LABEL_Y_S.into()
    } else {
        d1(y)
    };
    let mut lines = lines;
    let first = lines.remove(0);
    html! {
        <g class="marker">
            <line x1={d1(x)} x2={d1(x)} y1={TOP_S} y2={PLOT_BOTTOM_S} />
            <text x={tx.clone()} {y} text-anchor={if right { "end" } else { "start" }}>
                { first }
                { for lines.into_iter().map(|b| html! { <tspan x={tx.clone()} dy="1.2em">{ b }</tspan> }) }
            </text>
        </g>
    }
}

/// [`fit_line`], but broken after a "; " first when that takes no more lines: "(in half the futures;"
/// over "by the end in 97% of them)" rather than "(in half the futures; by" over "the end in…".
fn fit_clauses(line: String, room: f64) -> Vec<String> {
    let plain = fit_line(line.clone(), room);
    match line.split_once("; ") {
        Some((a, b)) if plain.len() > 1 => {
            let mut clauses = fit_line(format!("{a};"), room);
            clauses.extend(fit_line(b.to_string(), room));
            if clauses.len() <= plain.len() {
                clauses
            } else {
                plain
            }
        }
        _ => plain,
    }
}

/// `line` as it is, or broken at spaces into the fewest lines (up to four) that each fit `room` (at
/// 8.7 units a character): into k lines at the spaces nearest to 1/k, 2/k, … of its length, so that
/// two lines break at the space nearest the middle.
fn fit_line(line: String, room: f64) -> Vec<String> {
    let fits = |s: &str| 8.7 * s.chars().count() as f64 <= room;
    // Byte positions: the words' letters may be any width.
    let spaces: Vec<usize> = line.match_indices(' ').map(|(i, _)| i).collect();
    let mut pieces = vec![line.clone()];
    for k in 2..=4 {
        if pieces.iter().all(|p| fits(p)) {
            break;
        }
        let mut cuts: Vec<usize> = Vec::new();
        for j in 1..k {
            let aim = j * line.len() / k;
            let after = cuts.last().map_or(0, |&c| c + 1);
            if let Some(&c) = spaces
                .iter()
                .filter(|&&c| c >= after)
                .min_by_key(|&&c| c.abs_diff(aim))
            {
                cuts.push(c);
            }
        }
        let mut start = 0;
        pieces = cuts
            .iter()
            .chain([line.len()].iter())
            .map(|&c| {
                let p = line[start..c].to_string();
                start = (c + 1).min(line.len());
                p
            })
            .collect();
    }
    pieces
}

/// The frame of every chart: its title, the "show as table" toggle, the downloads, and the chart or its
/// table. `as_table` is the chart component's own state, so that it builds its table only while the table
/// is shown (`table` is `None` otherwise): a run's results redraw every chart twice or more, and the
/// tables are as big as the charts.
/// The title is a heading, so that a screen reader's heading keys reach each chart: an h3 under the
/// results' h2, or an h4 (`h4`) under an analysis panel's h3.
#[allow(clippy::too_many_arguments)]
#[inline(never)]
fn figure(
    id: &AttrValue,
    title: &AttrValue,
    lang: Lang,
    as_table: &UseStateHandle<bool>,
    chart: Html,
    table: Option<Html>,
    caption: Option<AttrValue>,
    h4: bool,
) -> Html {
    let toggle = {
        let as_table = as_table.clone();
        Callback::from(move |_: MouseEvent| as_table.set(!*as_table))
    };
    let label = if **as_table {
        lang.t(T::ShowAsChart)
    } else {
        lang.t(T::ShowAsTable)
    };
    // SVG / PNG downloads, drawn by js/chart-export.js from the chart on the page, named after
    // the scenario (the page's title, "Funnel Lab: …", which the app keeps) and the chart's title in
    // the page's language: three clients' charts do not share one file name.
    let stem = crate::ui::share_panel::title_stem(title);
    let export = |method: &'static str, ext: &'static str| {
        let id = id.to_string();
        let stem = stem.clone();
        Callback::from(move |_: MouseEvent| {
            let page = gloo::utils::document().title();
            let scenario = page.strip_prefix(super::TITLE_PREFIX).unwrap_or_default();
            // (file_stem names a name without letters or digits "funnel-lab".)
            let name = match crate::ui::share_panel::file_stem(scenario) {
                s if s == "funnel-lab" => format!("{stem}.{ext}"),
                s => format!("{s}-{stem}.{ext}"),
            };
            let api = js_sys::Reflect::get(&js_sys::global(), &"FunnelLabCharts".into());
            let f = api.as_ref().ok().and_then(|a| super::js_method(a, method));
            if let (Ok(api), Some(f)) = (api, f) {
                let _ = f.call2(&api, &id.as_str().into(), &name.as_str().into());
            }
        })
    };
    // `<h3 class="chart-title" id="…-title">` (or h4) as `html!` builds a tag it knows (its `<@{…}>`
    // for a tag chosen at run time brings code to check the name).
    let heading = {
        use yew::virtual_dom::{ApplyAttributeAs, Attributes, Listeners, VNode, VTag};
        VNode::from(VTag::__new_other(
            std::borrow::Cow::Borrowed(if h4 { "h4" } else { "h3" }),
            NodeRef::default(),
            None,
            Attributes::Dynamic {
                keys: &["class", "id"],
                values: Box::new([
                    Some((
                        AttrValue::Static("chart-title"),
                        ApplyAttributeAs::Attribute,
                    )),
                    Some((format!("{id}-title").into(), ApplyAttributeAs::Attribute)),
                ]),
            },
            Listeners::None,
            title.clone().into(),
        ))
    };
    html! {
        // Named by its title alone (its caption also holds the buttons, whose names repeat the title).
        <figure class="chart" id={id.clone()} aria-labelledby={format!("{id}-title")}>
            <figcaption>
                { heading }
                // One group: when the title leaves no room, the three wrap together (not PNG alone).
                <span class="chart-actions">
                    // Its name says what it does next ("Show as chart"), so no pressed state besides.
                    <button type="button" class="link" onclick={toggle}
                        aria-label={format!("{label}: {title}")}>{ label }</button>
                    if !**as_table {
                        <button type="button" class="link export-svg" onclick={export("saveSvg", "svg")}
                            aria-label={format!("{}: {title}", lang.t(T::DownloadSvg))}>{ "SVG" }</button>
                        <button type="button" class="link export-png" onclick={export("savePng", "png")}
                            aria-label={format!("{}: {title}", lang.t(T::DownloadPng))}>{ "PNG" }</button>
                    }
                </span>
            </figcaption>
            if let Some(table) = table {
                // Focusable so keyboard users can scroll a long table.
                <div class="table-wrap" tabindex="0" role="region" aria-label={title.clone()}>{ table }</div>
            } else { { chart } }
            if let Some(c) = caption { { el!("p", "class" = "chart-caption"; c) } }
        </figure>
    }
}

/// A caption whose first part says how the chart is drawn (`bars`), which a table shown in its place
/// leaves out ("Bars show the median, whiskers …" stood under a table).
fn drawn_caption(lang: Lang, bars: T, rest: &str, as_table: bool) -> AttrValue {
    if as_table {
        AttrValue::from(rest.to_string())
    } else {
        format!("{} {rest}", lang.t(bars)).into()
    }
}

/// Fan chart: p5–p95 and p25–p75 bands and the median line per model, over the periods.
#[function_component(FanChart)]
pub fn fan_chart(p: &FanChartProps) -> Html {
    let lang = p.lang;
    let as_table = use_state(|| false);
    let n = p
        .series
        .iter()
        .map(|s| s.bands.p50.len())
        .chain(p.lines.iter().map(|l| l.values.len()))
        .max()
        .unwrap_or(0);
    // One period: its values drawn across the middle of the axis (0.5 to 1.5), not as a single point
    // (which draws nothing) on an axis that runs on to a period 2 that does not exist.
    let one = n == 1;
    let xs: Vec<f64> = if one {
        vec![0.6, 1.4]
    } else {
        (1..=n).map(|i| i as f64).collect()
    };
    fn at(one: bool, ys: &[f64]) -> std::borrow::Cow<'_, [f64]> {
        if one {
            ys.iter().chain(ys).copied().collect()
        } else {
            ys.into()
        }
    }
    let v = |ys| at(one, ys);
    let values = || {
        p.series
            .iter()
            .flat_map(|s| s.bands.p95.iter().chain(&s.bands.p5).copied())
            .chain(p.lines.iter().flat_map(|l| l.values.iter().copied()))
    };
    // From 0, or below it for a quantity that can be negative (revenue minus spend).
    let hi = values().fold(0.0_f64, f64::max);
    let lo = values().fold(0.0_f64, f64::min);
    let y_ticks = nice_ticks(lo, hi, 5, true);
    let sy = Scale::new(
        *y_ticks.first().unwrap_or(&0.0),
        *y_ticks.last().unwrap_or(&1.0),
        H - BOTTOM,
        TOP,
    );
    let w = chart_width(p.narrow);
    let (x0, x1) = if one {
        (0.5, 1.5)
    } else {
        (1.0, n.max(2) as f64)
    };
    let sx = Scale::new(x0, x1, LEFT, w - RIGHT);
    let x_ticks: Vec<f64> = nice_ticks(1.0, n.max(2) as f64, 6, true)
        .into_iter()
        .filter(|t| *t >= 1.0 && *t <= n.max(1) as f64)
        .collect();
    let desc = p
        .series
        .iter()
        .map(|s| {
            let last = s.bands.p50.len().saturating_sub(1);
            format!(
                "{}: {} {} {} ({} {}–{})",
                s.label,
                lang.t(T::Median),
                fmt(lang, p.money, s.bands.p50.get(last).copied().unwrap_or(0.0)),
                lang.t(T::AtTheEnd),
                lang.t(T::Interval90),
                fmt(lang, p.money, s.bands.p5.get(last).copied().unwrap_or(0.0)),
                fmt(lang, p.money, s.bands.p95.get(last).copied().unwrap_or(0.0)),
            )
        })
        // A chart of lines alone (averages): each line's last value.
        .chain(p.lines.iter().filter(|_| p.series.is_empty()).map(|l| {
            format!(
                "{}: {} {}",
                l.label,
                fmt(lang, p.money, l.values.last().copied().unwrap_or(0.0)),
                lang.t(T::AtTheEnd),
            )
        }))
        .collect::<Vec<_>>()
        .join("; ");
    // The marker's words are read with the chart and its table too (they are not in the numbers).
    let marker_text = p.marker.as_ref().map(|(_, label)| label.to_string());
    let desc = match &marker_text {
        Some(m) => format!("{desc}. {m}"),
        None => desc,
    };
    let title_id = format!("{}-svg-title", p.id);
    let desc_id = format!("{}-desc", p.id);
    let chart = html! {
        <svg class={if p.narrow { "fan narrow" } else { "fan" }} viewBox={format!("0 0 {w} {H}")} role="img" aria-labelledby={format!("{title_id} {desc_id}")}>
            <title id={title_id.clone()}>{ p.title.clone() }</title>
            <desc id={desc_id.clone()}>{ desc }</desc>
            { y_axis(&y_ticks, &sy, lang, p.money, w) }
            { x_axis(&x_ticks, &sx, lang, w) }
            { for p.series.iter().map(|s| html! {
                <g class={classes!("series", s.class)}>
                    <path class="band outer" d={band_path(&xs, &v(&s.bands.p5), &v(&s.bands.p95), &sx, &sy)} />
                    <path class="band inner" d={band_path(&xs, &v(&s.bands.p25), &v(&s.bands.p75), &sx, &sy)} />
                    // The light band's two edges, in the series' colour (main.css): where two bands
                    // overlap, their fills mix into one shade.
                    <path class="band-edge" d={format!("{} {}", line_path(&xs, &v(&s.bands.p5), &sx, &sy), line_path(&xs, &v(&s.bands.p95), &sx, &sy))} />
                </g>
            }) }
            // Every median over every band: the funnel's line drawn before the flywheel's bands took their
            // tint and no longer looked like the legend's colour.
            { for p.series.iter().map(|s| html! {
                <g class={classes!("series", s.class)}>
                    <path class="median" d={line_path(&xs, &v(&s.bands.p50), &sx, &sy)} />
                </g>
            }) }
            { for p.lines.iter().map(|l| html! {
                <path class={classes!("line", l.class)} d={line_path(&xs, &v(&l.values), &sx, &sy)} />
            }) }
            if let Some((period, label)) = &p.marker {
                {{
                    let x = sx.map(f64::from(*period));
                    let (lines, right) = marker_lines(x, label, w);
                    // The medians and the lines, in the drawing's units.
                    let curve = |ys: &[f64]| -> Vec<(f64, f64)> {
                        xs.iter().zip(at(one, ys).iter()).map(|(&a, &b)| (sx.map(a), sy.map(b))).collect()
                    };
                    let curves: Vec<_> = p.series.iter().map(|s| curve(&s.bands.p50))
                        .chain(p.lines.iter().map(|l| curve(&l.values)))
                        .collect();
                    let y = marker_label_y(x, &lines, right, &curves);
                    marker_el(x, lines, right, y)
                }}
            }
            { axis_labels(&p.x_label, &lang.axis_label(&p.y_label, tick_step(&y_ticks), top(&y_ticks)).into(), w) }
        </svg>
    };
    let legend = html! {
        <ul class="legend">
            { for p.series.iter().map(|s| html! { <li class={s.class}><span class="swatch" aria-hidden="true"></span>{ s.label.clone() }</li> }) }
            { for p.lines.iter().map(|l| html! { <li class={l.class}><span class="swatch line-swatch" aria-hidden="true"></span>{ l.label.clone() }</li> }) }
            if !p.series.is_empty() {
                { text_el!("li", "class" = "bands-note"; lang.t(T::BandsNote)) }
            }
        </ul>
    };
    let whole = p
        .series
        .iter()
        .flat_map(|s| s.bands.p95.iter().chain(&s.bands.p5))
        .chain(p.lines.iter().flat_map(|l| &l.values))
        .any(|v| v.abs() >= 100.0);
    let table = as_table.then(|| html! {
        <>
        // The marker's words in sight too (the caption holding them is for screen readers only).
        if let Some(m) = &marker_text {
            <p class="hint table-marker" aria-hidden="true">{ m.clone() }</p>
        }
        <table>
            { el!("caption"; match &marker_text { Some(m) => format!("{}. {m}", p.title), None => p.title.to_string() }) }
            <thead><tr>
                { el!("th", "scope" = "col"; p.x_label.clone()) }
                { for p.series.iter().map(|s| html! {
                    <>
                        { el!("th", "scope" = "col"; format!("{} p5", s.label)) }
                        { el!("th", "scope" = "col"; format!("{} {}", s.label, lang.t(T::Median))) }
                        { el!("th", "scope" = "col"; format!("{} p95", s.label)) }
                    </>
                }) }
                { for p.lines.iter().map(|l| html! { { el!("th", "scope" = "col"; l.label.clone()) } }) }
            </tr></thead>
            <tbody>
                { for (0..n).map(|i| html! {
                    <tr>
                        { el!("th", "scope" = "row"; i + 1) }
                        { for p.series.iter().map(|s| html! {
                            <>
                                { el!("td"; fmt_in(lang, p.money, whole, s.bands.p5.get(i).copied().unwrap_or(0.0))) }
                                { el!("td"; fmt_in(lang, p.money, whole, s.bands.p50.get(i).copied().unwrap_or(0.0))) }
                                { el!("td"; fmt_in(lang, p.money, whole, s.bands.p95.get(i).copied().unwrap_or(0.0))) }
                            </>
                        }) }
                        // The lines are expected values (a forecast): whole units, as the bands' cells.
                        { for p.lines.iter().map(|l| html! { { el!("td"; fmt_in(lang, p.money, whole, l.values.get(i).copied().unwrap_or(0.0).round())) } }) }
                    </tr>
                }) }
            </tbody>
        </table>
        </>
    });
    let chart = html! { <>{ chart }{ legend }</> };
    figure(
        &p.id,
        &p.title,
        lang,
        &as_table,
        chart,
        table,
        p.caption.clone(),
        false,
    )
}

#[derive(Properties, PartialEq)]
pub struct HistogramProps {
    pub id: AttrValue,
    pub title: AttrValue,
    pub x_label: AttrValue,
    pub histogram: Histogram,
    pub summary: Summary,
    pub money: bool,
    pub lang: Lang,
    /// The currency amounts are shown in (see [`super::i18n::currency`]).
    #[prop_or_else(super::i18n::currency)]
    pub currency: Currency,
    pub class: &'static str,
    #[prop_or_default]
    pub narrow: bool,
    /// In an analysis panel, under its h3: the title is an h4.
    #[prop_or_default]
    pub sub: bool,
}

/// Histogram of a final value with p5 / p50 / p95 markers.
#[function_component(HistogramChart)]
pub fn histogram_chart(p: &HistogramProps) -> Html {
    let lang = p.lang;
    let as_table = use_state(|| false);
    let h = &p.histogram;
    let ((lo, hi), x_ticks, edges) = histogram_axis(&h.edges);
    let max_count = h.counts.iter().copied().max().unwrap_or(0) as f64;
    let y_ticks = nice_ticks(0.0, max_count.max(1.0), 4, true);
    let sy = Scale::new(0.0, *y_ticks.last().unwrap_or(&1.0), H - BOTTOM, TOP);
    let w = chart_width(p.narrow);
    let sx = Scale::new(lo, hi, LEFT, w - RIGHT);
    let x_step = tick_step(&x_ticks);
    let x_ticks: Vec<f64> = x_ticks
        .into_iter()
        .filter(|t| *t >= lo && *t <= hi)
        .collect();
    let x_top = top(&x_ticks);
    let bars = histogram_bars(&edges, &h.counts, &sx, &sy);
    let markers = [
        ("p5", p.summary.p5),
        (lang.t(T::Median), p.summary.p50),
        ("p95", p.summary.p95),
    ];
    // Labels start 3 units right of their line; "Median" is about 40 units wide at the chart's 11 px,
    // 46 at the 12.5 px of a phone (see main.css), 54 at 14.5 px.
    let label_row = label_rows(&markers.map(|(_, v)| sx.map(v)), 62.0);
    // Rows of labels one line apart: up to 14.5 px in a narrow chart.
    let row_h = if p.narrow { 19.0 } else { 16.0 };
    let title_id = format!("{}-svg-title", p.id);
    let desc_id = format!("{}-desc", p.id);
    let desc = format!(
        "{} {}, {} {}–{}",
        lang.t(T::Median),
        fmt(lang, p.money, p.summary.p50),
        lang.t(T::Interval90),
        fmt(lang, p.money, p.summary.p5),
        fmt(lang, p.money, p.summary.p95)
    );
    let chart = html! {
        <svg class={classes!("histogram", p.class, p.narrow.then_some("narrow"))} viewBox={format!("0 0 {w} {H}")} role="img" aria-labelledby={format!("{title_id} {desc_id}")}>
            <title id={title_id.clone()}>{ p.title.clone() }</title>
            <desc id={desc_id.clone()}>{ desc }</desc>
            { y_axis(&y_ticks, &sy, lang, false, w) }
            <g class="axis x-axis">
                <line x1={LEFT_S} x2={num(w - RIGHT)} y1={PLOT_BOTTOM_S} y2={PLOT_BOTTOM_S} />
                { for x_ticks.iter().map(|t| {
                    let label = lang.axis_tick(*t, x_step, x_top, p.money);
                    let (anchor, x) = super::chart::x_tick_label(sx.map(*t), &label, w);
                    html! { <text x={d1(x)} y={X_TICK_Y_S} text-anchor={anchor}>{ label }</text> }
                }) }
            </g>
            <g class="bars">
                { for bars.iter().map(|b| html! {
                    <rect x={d1(b.x)} y={d1(b.y)} width={d1((b.width - 1.0).max(0.5))} height={d1(b.height)} />
                }) }
            </g>
            <g class="quantile-markers">
                { for markers.iter().zip(&label_row).map(|((name, v), row)| {
                    let x = sx.map(*v);
                    html! {
                        <g>
                            <line x1={d1(x)} x2={d1(x)} y1={TOP_S} y2={PLOT_BOTTOM_S} />
                            <text x={d1(x + 3.0)} y={d1(QUANTILE_LABEL_Y + row_h * *row as f64)}>{ *name }</text>
                        </g>
                    }
                }) }
            </g>
            { axis_labels(&lang.axis_label(&p.x_label, x_step, x_top).into(), &AttrValue::Static(lang.t(T::TrialsCount)), w) }
        </svg>
    };
    // Far-out values the bins leave out (see `Histogram::from_weighted`), below and above: (count, the
    // bins' end value on that side, the first value past it on the grid), said under the chart and
    // listed in the table.
    let (e0, e1) = (
        h.edges.first().copied().unwrap_or(0.0),
        h.edges.last().copied().unwrap_or(0.0),
    );
    let half = h.step / 2.0;
    let tails = [
        (h.below > 0).then_some((h.below, e0 + half, e0 - half)),
        (h.above > 0).then_some((h.above, e1 - half, e1 + half)),
    ];
    let off_chart = (h.below + h.above > 0).then(|| {
        let side = |t: Option<(u64, f64, f64)>, word: T, reach: T, extreme: f64| {
            t.map(|(n, edge, _)| {
                format!(
                    "{} {} {} {} ({} {})",
                    lang.number(n as f64, 0),
                    lang.t(if n == 1 { T::TrialWord } else { T::TrialsWord }),
                    lang.t(word),
                    fmt(lang, p.money, edge),
                    lang.t(reach),
                    fmt(lang, p.money, extreme)
                )
            })
        };
        let parts: Vec<String> = [
            side(tails[0], T::Below, T::DownTo, p.summary.min),
            side(tails[1], T::Above, T::UpTo, p.summary.max),
        ]
        .into_iter()
        .flatten()
        .collect();
        AttrValue::from(format!("{} {}.", lang.t(T::OffChart), parts.join("; ")))
    });
    let whole = p.summary.min.abs().max(p.summary.max.abs()) >= 100.0;
    let table = as_table.then(|| html! {
        <table>
            { el!("caption"; p.title.clone()) }
            <thead><tr>{ text_el!("th", "scope" = "col"; lang.t(T::From)) }{ text_el!("th", "scope" = "col"; lang.t(T::To)) }{ text_el!("th", "scope" = "col"; lang.t(T::TrialsCount)) }</tr></thead>
            <tbody>
                // Bins on a grid of whole values list the first and last value they hold (0–0, 1–1;
                // 66–83, 84–101), not their edges half a step off. The values set apart have rows of
                // their own, from the least to the bins and from the bins to the greatest.
                { for tails[0].map(|(n, _, to)| html! {
                    <tr>{ el!("td"; fmt_in(lang, p.money, whole, p.summary.min)) }{ el!("td"; fmt_in(lang, p.money, whole, to)) }{ el!("td"; lang.number(n as f64, 0)) }</tr>
                }) }
                { for h.counts.iter().zip(h.edges.windows(2)).map(|(c, e)| html! {
                    <tr>{ el!("td"; fmt_in(lang, p.money, whole, e[0] + h.step / 2.0)) }{ el!("td"; fmt_in(lang, p.money, whole, e[1] - h.step / 2.0)) }{ el!("td"; lang.number(*c as f64, 0)) }</tr>
                }) }
                { for tails[1].map(|(n, _, from)| html! {
                    <tr>{ el!("td"; fmt_in(lang, p.money, whole, from)) }{ el!("td"; fmt_in(lang, p.money, whole, p.summary.max)) }{ el!("td"; lang.number(n as f64, 0)) }</tr>
                }) }
            </tbody>
        </table>
    });
    // Above 100,000 trials the values are the sketch's bucket representatives (within 1%), not the
    // trials' own: neighbouring bars can hold unequal numbers of buckets, so the shape is said to be
    // approximate.
    let caption = match (off_chart, p.summary.exact) {
        (c, true) => c,
        (None, false) => Some(AttrValue::Static(lang.t(T::HistogramApprox))),
        (Some(c), false) => Some(AttrValue::from(format!(
            "{c} {}",
            lang.t(T::HistogramApprox)
        ))),
    };
    figure(
        &p.id, &p.title, lang, &as_table, chart, table, caption, p.sub,
    )
}

/// One stage in the funnel chart.
#[derive(Clone, PartialEq)]
pub struct FunnelBar {
    pub name: String,
    pub entered: Summary,
    /// mean(advanced) / mean(entered): the share of the stage's leads that went on (at the last stage:
    /// bought) by the end of the horizon.
    pub went_on: f64,
}

#[derive(Properties, PartialEq)]
pub struct FunnelChartProps {
    pub id: AttrValue,
    pub title: AttrValue,
    pub stages: Rc<Vec<FunnelBar>>,
    pub lang: Lang,
    #[prop_or_default]
    pub narrow: bool,
}

/// Leads entering each stage over the horizon (median bar, 90% whisker), each with the share of them
/// that went on: on the stage whose rate it is, so that the stage losing the most is the one to look at
/// (a drop-off shown on the next bar pointed at the stage after the one to improve).
#[function_component(FunnelChart)]
pub fn funnel_chart(p: &FunnelChartProps) -> Html {
    let lang = p.lang;
    let as_table = use_state(|| false);
    let rows = p.stages.len().max(1) as f64;
    // Two lines of text at each stage's name: the name, and the share of its leads that went on.
    let row_h = 40.0;
    let height = rows * row_h + 24.0;
    let w = chart_width(p.narrow);
    // The names' room (at least 142 units, up to 42% of the chart for long names) in ems of their
    // font: 12 px, or up to 15 px in a narrow chart.
    let upem = if p.narrow { 142.0 / 9.4 } else { 142.0 / 11.0 };
    let room = name_room(
        p.stages.iter().map(|s| s.name.as_str()),
        upem,
        142.0,
        0.42 * w - 8.0,
    );
    let label_w = room + 8.0;
    let name_em = room / upem;
    let max = p
        .stages
        .iter()
        .map(|s| s.entered.p95)
        .fold(1.0_f64, f64::max);
    let sx = Scale::new(0.0, max, label_w, w - 90.0);
    // From the exact means (the medians are sketch estimates, up to 1% off): a 40% rate without a
    // delay shows 40%.
    let last = p.stages.len().saturating_sub(1);
    let on = |i: usize, s: &FunnelBar| {
        // A stage that no lead reached has no share: not "0% go on", which reads as a bottleneck.
        if s.entered.mean <= 0.0 {
            return lang.t(T::NoLeads).to_string();
        }
        // Whole percents, but one decimal below 10% and two below 1%: a 1.2% click-through is not
        // "1%" (17% off), a 0.4% one not "0%". (Above 10% a decimal would show the simulation's
        // noise: 34.9% for a rate of 35%.)
        let v = s.went_on * 100.0;
        let pct = if v > 0.0 && v < 0.005 {
            format!("< {}", lang.number(0.01, 2))
        } else {
            lang.number(
                v,
                if v < 1.0 {
                    2
                } else if v < 10.0 {
                    1
                } else {
                    0
                },
            )
        };
        lang.t(if i == last {
            T::PctBought
        } else {
            T::PctWentOn
        })
        .replace('#', &pct)
    };
    // The median right of the whisker; shortened ("20M") where the whole number would run past the
    // chart's edge (at 0.6 em a character: 13.5 units on a phone, 12 otherwise).
    let value_x = |s: &FunnelBar| sx.map(s.entered.p95) + 6.0;
    let char_w = if p.narrow { 8.1 } else { 7.2 };
    // One form for all bars: "134.87M" beside "128,580,071" read as two kinds of number.
    let fits = |s: &FunnelBar| {
        value_x(s) + char_w * lang.number(s.entered.p50, 0).chars().count() as f64 <= w
    };
    let short = !p.stages.iter().all(fits);
    let value_text = |s: &FunnelBar| {
        if short {
            lang.short(s.entered.p50, false)
        } else {
            lang.number(s.entered.p50, 0)
        }
    };
    let title_id = format!("{}-svg-title", p.id);
    let desc_id = format!("{}-desc", p.id);
    // With the share that went on, as the bars show it: the cue to the bottleneck, which a screen
    // reader's user heard only in the table.
    let desc = p
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                "{}: {} ({})",
                s.name,
                lang.number(s.entered.p50, 0),
                on(i, s)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let chart = html! {
        <svg class={if p.narrow { "funnel-chart narrow" } else { "funnel-chart" }} viewBox={format!("0 0 {w} {height}")} role="img" aria-labelledby={format!("{title_id} {desc_id}")}>
            <title id={title_id.clone()}>{ p.title.clone() }</title>
            <desc id={desc_id.clone()}>{ desc }</desc>
            { for p.stages.iter().enumerate().map(|(i, s)| {
                let y = 8.0 + i as f64 * row_h;
                let x0 = sx.map(0.0);
                let w = (sx.map(s.entered.p50) - x0).max(1.0);
                html! {
                    <g class="stage-bar">
                        { chart_label("stage-label", num(label_w - 8.0), d1(y + 13.0), &s.name, name_em, false) }
                        <text class="went-on" x={num(label_w - 8.0)} y={d1(y + if p.narrow { 29.0 } else { 28.0 })} text-anchor="end">{ on(i, s) }</text>
                        <rect class={format!("fill-{}", i % 5)} x={d1(x0)} y={d1(y)} width={d1(w)} height={num(row_h - 10.0)} rx="3" />
                        <line class="whisker" x1={d1(sx.map(s.entered.p5))} x2={d1(sx.map(s.entered.p95))} y1={d1(y + 15.0)} y2={d1(y + 15.0)} />
                        <text class="value" x={d1(value_x(s))} y={d1(y + 19.0)}>{ value_text(s) }</text>
                    </g>
                }
            }) }
        </svg>
    };
    let table = as_table.then(|| html! {
        <table>
            { el!("caption"; p.title.clone()) }
            <thead><tr>
                // p5, median, p95: in the order of the other tables and the CSV.
                { text_el!("th", "scope" = "col"; lang.t(T::Stage)) }<th scope="col">{ "p5" }</th>
                { text_el!("th", "scope" = "col"; lang.t(T::Median)) }<th scope="col">{ "p95" }</th>
                { text_el!("th", "scope" = "col"; lang.t(T::WentOnColumn)) }
            </tr></thead>
            <tbody>
                { for p.stages.iter().map(|s| html! {
                    <tr>
                        { el!("th", "scope" = "row"; s.name.clone()) }
                        { el!("td"; lang.number(s.entered.p5, 0)) }
                        { el!("td"; lang.number(s.entered.p50, 0)) }
                        { el!("td"; lang.number(s.entered.p95, 0)) }
                        // One decimal in every row of the column ("50.0%" above "39.9%").
                        { el!("td"; if s.entered.mean > 0.0 { format!("{}%", lang.fixed(s.went_on * 100.0, 1)) } else { "–".to_string() }) }
                    </tr>
                }) }
            </tbody>
        </table>
    });
    let caption = Some(drawn_caption(
        lang,
        T::FunnelChartBars,
        lang.t(T::FunnelChartNote),
        *as_table,
    ));
    figure(
        &p.id, &p.title, lang, &as_table, chart, table, caption, false,
    )
}

#[derive(Properties, PartialEq)]
pub struct TornadoProps {
    pub id: AttrValue,
    pub title: AttrValue,
    pub lang: Lang,
    pub report: Rc<crate::sim::BottleneckReport>,
    #[prop_or_default]
    pub narrow: bool,
    /// The scenario has segments: the caption does not claim that +10% adds about the same anywhere.
    #[prop_or_default]
    pub segments: bool,
}

/// Bottleneck tornado: per stage, the gain in final funnel customers from +1 percentage point and from
/// +10% relative, mean bars with 90% interval whiskers; the best lever (first row) is highlighted.
#[function_component(TornadoChart)]
pub fn tornado_chart(p: &TornadoProps) -> Html {
    let lang = p.lang;
    let w = chart_width(p.narrow);
    let as_table = use_state(|| false);
    let levers = &p.report.levers;
    // The names' room (at least 157 units, up to 47% of the chart for long names: as many characters
    // as the funnel chart's 42%, in ems of this font, bold for the best lever, about 10% wider) in ems
    // of their font: 12 px, or up to 16.5 px in a narrow chart.
    let upem = if p.narrow { 157.0 / 8.6 } else { 157.0 / 11.0 };
    let room = name_room(
        levers.iter().map(|l| l.name.as_str()),
        upem,
        157.0,
        0.47 * w - 8.0,
    );
    let name_em = room / upem;
    let left = room + 8.0;
    // Every rate at 100% (or no leads at all): no lever can add anything, and no bar would show.
    if levers
        .iter()
        .all(|l| l.plus_one_point.p95 <= 0.0 && l.plus_ten_percent.p95 <= 0.0)
    {
        return text_el!("p", "id" = "tornado-none", "class" = "hint"; lang.t(T::NoLever));
    }
    let groups: Vec<Vec<(f64, f64, f64)>> = levers
        .iter()
        .map(|l| {
            vec![
                (
                    l.plus_one_point.mean,
                    l.plus_one_point.p5,
                    l.plus_one_point.p95,
                ),
                (
                    l.plus_ten_percent.mean,
                    l.plus_ten_percent.p5,
                    l.plus_ten_percent.p95,
                ),
            ]
        })
        .collect();
    let lo = groups
        .iter()
        .flatten()
        .map(|v| v.1.min(v.0))
        .fold(0.0, f64::min);
    let hi = groups
        .iter()
        .flatten()
        .map(|v| v.2.max(v.0))
        .fold(0.0, f64::max);
    // Three ticks on a phone, where five labels like "60,000" ran into each other; labels short ("60k")
    // as on the other charts' axes.
    let ticks = nice_ticks(lo, hi.max(lo + 1.0), if p.narrow { 3 } else { 5 }, false);
    let step = tick_step(&ticks);
    let top = ticks.iter().fold(0.0, |m: f64, t| m.max(t.abs()));
    let sx = Scale::new(
        *ticks.first().unwrap_or(&0.0),
        *ticks.last().unwrap_or(&1.0),
        left,
        w - RIGHT,
    );
    let height = TOP + BOTTOM + 44.0 * levers.len().max(1) as f64;
    let bars = tornado_bars(&groups, &sx, TOP, height - BOTTOM);
    let title_id = format!("{}-svg-title", p.id);
    let desc_id = format!("{}-desc", p.id);
    let desc = levers
        .first()
        .map(|l| {
            format!(
                "{}: {} (+{} {})",
                lang.t(T::BestLever),
                l.name,
                gain_number(lang, l.plus_one_point.mean),
                lang.t(T::CustomersWord)
            )
        })
        .unwrap_or_default();
    let chart = html! {
        <svg class={if p.narrow { "tornado narrow" } else { "tornado" }} viewBox={format!("0 0 {w} {height}")} role="img" aria-labelledby={format!("{title_id} {desc_id}")}>
            <title id={title_id.clone()}>{ p.title.clone() }</title>
            <desc id={desc_id.clone()}>{ desc }</desc>
            <g class="axis x-axis">
                { for ticks.iter().map(|t| {
                    let x = sx.map(*t);
                    let tick_label = |x: f64, label: String| {
                        let (anchor, lx) = super::chart::x_tick_label(x, &label, w);
                        html! { <text x={d1(lx)} y={num(height - BOTTOM + 16.0)} text-anchor={anchor}>{ label }</text> }
                    };
                    html! {
                        <g>
                            <line class="grid" x1={d1(x)} x2={d1(x)} y1={TOP_S} y2={num(height - BOTTOM)} />
                            { tick_label(x, lang.tick(*t, step, top, false)) }
                        </g>
                    }
                }) }
            </g>
            { for levers.iter().enumerate().map(|(i, l)| {
                let y = TOP + (i as f64 + 0.5) * (height - BOTTOM - TOP) / levers.len().max(1) as f64;
                html! {
                    { chart_label(if i == 0 { "lever-name best" } else { "lever-name" }, d1(room), d1(y + 4.0), &l.name, name_em, true) }
                }
            }) }
            { for bars.iter().enumerate().map(|(k, b)| {
                let (x, w) = if b.x1 >= b.x0 { (b.x0, b.x1 - b.x0) } else { (b.x1, b.x0 - b.x1) };
                let kind = if k % 2 == 0 { "plus-point" } else { "plus-ten" };
                let best = (k / 2 == 0).then_some("best");
                let mid = b.y + b.height / 2.0;
                html! {
                    <g class={classes!("tornado-bar", kind, best)}>
                        <rect x={d1(x)} y={d1(b.y)} width={d1(w.max(0.5))} height={d1(b.height)} />
                        <line class="whisker" x1={d1(b.lo)} x2={d1(b.hi)} y1={d1(mid)} y2={d1(mid)} />
                    </g>
                }
            }) }
            <text class="axis-label" x={d1(if p.narrow { w / 2.0 } else { (left + w - RIGHT) / 2.0 })} y={num(height - 6.0)} text-anchor="middle">{ lang.t(T::GainInCustomers) }</text>
        </svg>
    };
    let table = as_table.then(|| html! {
        <table>
            { el!("caption"; p.title.clone()) }
            <thead><tr>
                { text_el!("th", "scope" = "col"; lang.t(T::Stage)) }
                // What each cell holds, said with its column (a cell read out alone was "8.2 (5.5–11)").
                { for [T::PlusOnePoint, T::PlusTenPercent].map(|t| el!("th", "scope" = "col"; format!("{}: {}", lang.t(t), lang.t(T::GainMeanInterval)))) }
                { text_el!("th", "scope" = "col"; lang.t(T::ProbabilityBest)) }
            </tr></thead>
            <tbody>
                { for levers.iter().map(|l| {
                    let g = |g: &crate::sim::Gain| format!("{} ({}–{})", gain_number(lang, g.mean), gain_number(lang, g.p5), gain_number(lang, g.p95));
                    html! { <tr>
                        { el!("th", "scope" = "row"; l.name.clone()) }
                        { el!("td"; g(&l.plus_one_point)) }
                        { el!("td"; g(&l.plus_ten_percent)) }
                        { el!("td"; lang.chance(l.plus_one_point.probability_best, 0)) }
                    </tr> }
                }) }
            </tbody>
        </table>
    });
    // The two shades' key (the caption says which bar is which, too).
    let legend = html! {
        <ul class="legend">
            <li class="plus-point"><span class="swatch" aria-hidden="true"></span>{ lang.t(T::PlusOnePoint) }</li>
            <li class="plus-ten"><span class="swatch" aria-hidden="true"></span>{ lang.t(T::PlusTenPercent) }</li>
        </ul>
    };
    let caption = Some(drawn_caption(
        lang,
        T::TornadoBars,
        &format!(
            "{} {}",
            lang.t(T::TornadoCaption),
            lang.t(if p.segments {
                T::TornadoSegments
            } else {
                T::TornadoMultiply
            })
        ),
        *as_table,
    ));
    figure(
        &p.id,
        &p.title,
        lang,
        &as_table,
        html! { <>{ chart }{ legend }</> },
        table,
        caption,
        true,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gains_in_customers_show_a_decimal_only_below_10() {
        assert_eq!(gain_number(Lang::En, 15_556.14), "15,556");
        assert_eq!(gain_number(Lang::En, 12_183.2), "12,183");
        assert_eq!(gain_number(Lang::En, 8.24), "8.2");
        assert_eq!(gain_number(Lang::Nl, 9.94), "9,9");
        assert_eq!(gain_number(Lang::En, 24.6), "25");
        assert_eq!(gain_number(Lang::En, -3.26), "−3.3");
        assert_eq!(gain_number(Lang::En, 0.0025), "0.0025");
        assert_eq!(gain_number(Lang::Nl, 0.043), "0,043");
        assert_eq!(gain_number(Lang::En, 0.00001), "0");
        assert_eq!(gain_number(Lang::En, 0.0), "0");
    }

    #[test]
    fn written_out_attribute_texts_match_the_constants() {
        assert_eq!(LEFT_S, LEFT.to_string());
        assert_eq!(PLOT_BOTTOM_S, (H - BOTTOM).to_string());
        assert_eq!(TOP_S, TOP.to_string());
        assert_eq!(Y_TICK_X_S, (LEFT - 4.0).to_string());
        assert_eq!(X_TICK_Y_S, (H - BOTTOM + 16.0).to_string());
        assert_eq!(X_LABEL_Y_S, (H - 6.0).to_string());
        assert_eq!(MARKER_LABEL_Y_S, (TOP + 12.0).to_string());
        assert_eq!(
            Y_LABEL_TRANSFORM_S,
            format!("translate(14 {:.1}) rotate(-90)", (TOP + H - BOTTOM) / 2.0)
        );
    }
}
