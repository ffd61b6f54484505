//! Chart geometry as pure functions: scales, "nice" axis ticks, SVG path data for fan-chart bands and lines,
//! and histogram bars. No web imports, so every number here is tested natively; the SVG components only
//! place what these functions compute.

use std::fmt::Write as _;

/// A linear map from a data interval onto a pixel interval (the pixel interval may run backwards, as the
/// y axis of an SVG does).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    d0: f64,
    d1: f64,
    r0: f64,
    r1: f64,
}

impl Scale {
    /// Maps `[d0, d1]` onto `[r0, r1]`. A degenerate or non-finite domain is widened to one unit around
    /// `d0`, so a flat series is drawn as a line in the middle instead of dividing by zero.
    pub fn new(d0: f64, d1: f64, r0: f64, r1: f64) -> Scale {
        let (d0, d1) = if !d0.is_finite() || !d1.is_finite() {
            (0.0, 1.0)
        } else if d1 - d0 == 0.0 {
            (d0 - 0.5, d0 + 0.5)
        } else {
            (d0, d1)
        };
        Scale { d0, d1, r0, r1 }
    }

    /// The pixel position of data value `v`.
    pub fn map(&self, v: f64) -> f64 {
        self.r0 + (v - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)
    }

    /// The data domain.
    pub fn domain(&self) -> (f64, f64) {
        (self.d0, self.d1)
    }
}

/// About `target` evenly spaced round numbers (steps of 1, 2, 2.5 or 5 times a power of ten) covering
/// `[min, max]`: the first tick is ≤ min and the last ≥ max, so they also serve as the axis domain.
/// With `whole`, for axes of counts and euros, the step is a whole number (at least 1; 5 instead of 2.5).
pub fn nice_ticks(min: f64, max: f64, target: usize, whole: bool) -> Vec<f64> {
    let target = target.max(2);
    if !min.is_finite() || !max.is_finite() {
        return vec![0.0, 1.0];
    }
    let (lo, hi) = if max > min {
        (min, max)
    } else if min == 0.0 {
        (0.0, 1.0)
    } else {
        // A single value: centre it between neighbouring round numbers.
        (min - min.abs() * 0.5, min + min.abs() * 0.5)
    };
    let raw = (hi - lo) / (target - 1) as f64;
    let magnitude = 10f64.powi(raw.log10().floor() as i32);
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let step = match whole {
        true if step < 1.0 => 1.0,
        true if step == 2.5 => 5.0,
        _ => step,
    };
    let first = (lo / step).floor();
    let last = (hi / step).ceil();
    let n = (last - first) as usize;
    // Snap away floating-point noise such as 0.6000000000000001 by rounding to one decimal finer than
    // the step.
    let decimals = (1 - step.log10().floor() as i32).max(0);
    let unit = 10f64.powi(decimals);
    (0..=n)
        .map(|i| ((first + i as f64) * step * unit).round() / unit)
        .collect()
}

fn push_point(out: &mut String, cmd: char, x: f64, y: f64) {
    // One decimal is finer than a pixel and keeps the markup small.
    let _ = write!(out, "{cmd}{x:.1},{y:.1}");
}

/// About how wide `c` is in ems in the charts' sans-serif font (measured in Chromium's system-ui: W and
/// m about 0.97, capitals 0.71, i and l 0.28, most lower case 0.6), rounded up.
/// Emoji are about 1.25 ems, CJK and full-width characters 1 (a name of emoji, counted at 0.63, ran
/// past the chart's edge); joiners and variation selectors take no room.
fn char_em(c: char) -> f64 {
    match c {
        '\u{200b}'..='\u{200f}' | '\u{fe00}'..='\u{fe0f}' => 0.0,
        '\u{2600}'..='\u{27bf}' | '\u{1f000}'.. => 1.25,
        '\u{1100}'..='\u{115f}'
        | '\u{2e80}'..='\u{a4cf}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ff60}'
        | '\u{ffe0}'..='\u{ffe6}' => 1.0,
        'W' | 'M' | 'm' | 'w' | '@' | '…' => 1.0,
        'i' | 'l' | 'j' | 'I' | '.' | ',' | ';' | ':' | '!' | '\'' | '|' => 0.3,
        't' | 'f' | 'r' | '(' | ')' | ' ' | '-' => 0.42,
        c if c.is_uppercase() => 0.74,
        _ => 0.63,
    }
}

/// The room for names beside a chart's bars, in chart units: `min` (what the chart was laid out with),
/// widened up to `max` so that the widest of `names` (at `units_per_em`) fits whole where it can. Long
/// stage names ("Marketing qualified lead") were cut at about 17 characters while the bars had room to
/// give.
pub fn name_room<'a>(
    names: impl Iterator<Item = &'a str>,
    units_per_em: f64,
    min: f64,
    max: f64,
) -> f64 {
    let widest = names
        .map(|n| n.chars().map(char_em).sum::<f64>())
        .fold(0.0, f64::max);
    (widest * units_per_em).clamp(min, max.max(min))
}

/// `name` on one line, or, when it is wider than `max_em` ems and has a space, on two: the words that
/// fit (or the first word, cut with "…" by [`fit_label`] when it alone is too wide), then the rest (cut
/// if still too wide). A phone's tornado has room for 13–18 characters beside its bars, and 44 units per
/// row, enough for two lines: "Marketing qualified" over "lead", not "Marketing qual…".
pub fn wrap_label(name: &str, max_em: f64) -> Vec<String> {
    let em = |s: &str| s.chars().map(char_em).sum::<f64>();
    if em(name) <= max_em + 1e-9 {
        return vec![name.to_string()];
    }
    let split = name
        .char_indices()
        .rev()
        .find(|&(i, c)| c == ' ' && em(name[..i].trim_end()) <= max_em + 1e-9)
        .map(|(i, _)| i);
    // A first word wider than the room: cut, with the rest still on the second line.
    let split = split.or_else(|| {
        name.trim()
            .find(' ')
            .map(|i| i + name.len() - name.trim_start().len())
    });
    match split {
        Some(i) if !name[..i].trim().is_empty() && !name[i..].trim().is_empty() => vec![
            fit_label(name[..i].trim_end(), max_em),
            fit_label(name[i..].trim_start(), max_em),
        ],
        _ => vec![fit_label(name, max_em)],
    }
}

/// `name` cut so that it is at most about `max_em` ems wide, ending in "…" when it is cut.
pub fn fit_label(name: &str, max_em: f64) -> String {
    // (A room made for this name, `name_room`'s width over the same units per em, may come back one
    // rounding below its width.)
    let max_em = max_em + 1e-9;
    if name.chars().map(char_em).sum::<f64>() <= max_em {
        return name.to_string();
    }
    let mut out = String::new();
    let mut width = char_em('…');
    for c in name.chars() {
        width += char_em(c);
        if width > max_em {
            break;
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// The step between ticks `ticks` (1 for fewer than two).
pub fn tick_step(ticks: &[f64]) -> f64 {
    match ticks {
        [a, b, ..] => (b - a).abs(),
        _ => 1.0,
    }
}

/// The decimals that labels `step` apart need to tell them apart (0.25: 2), at most 6.
pub fn step_decimals(step: f64) -> usize {
    (0..6)
        .find(|&d| {
            let x = step * 10f64.powi(d as i32);
            (x - x.round()).abs() < 1e-6 * x.max(1.0)
        })
        .unwrap_or(6)
}

/// SVG path data of a line through `(xs[i], ys[i])`; empty when there are no points.
pub fn line_path(xs: &[f64], ys: &[f64], sx: &Scale, sy: &Scale) -> String {
    let mut d = String::new();
    for (i, (x, y)) in xs.iter().zip(ys).enumerate() {
        push_point(
            &mut d,
            if i == 0 { 'M' } else { 'L' },
            sx.map(*x),
            sy.map(*y),
        );
    }
    d
}

/// SVG path data of the closed band between `lo` and `hi` (a fan-chart band): along `hi` left to right,
/// back along `lo` right to left, closed. Empty when there are no points.
pub fn band_path(xs: &[f64], lo: &[f64], hi: &[f64], sx: &Scale, sy: &Scale) -> String {
    let n = xs.len().min(lo.len()).min(hi.len());
    if n == 0 {
        return String::new();
    }
    let mut d = String::new();
    for i in 0..n {
        push_point(
            &mut d,
            if i == 0 { 'M' } else { 'L' },
            sx.map(xs[i]),
            sy.map(hi[i]),
        );
    }
    for i in (0..n).rev() {
        push_point(&mut d, 'L', sx.map(xs[i]), sy.map(lo[i]));
    }
    d.push('Z');
    d
}

/// One histogram bar in pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bar {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// Rows for labels placed right of positions `xs` (in order), so that no two labels in one row start
/// less than `min_gap` apart: each takes the lowest row that has room (p5, median and p95 of a
/// narrow distribution would otherwise print over each other).
pub fn label_rows(xs: &[f64], min_gap: f64) -> Vec<usize> {
    let mut rows: Vec<usize> = Vec::with_capacity(xs.len());
    for (i, &x) in xs.iter().enumerate() {
        let row = (0..)
            .find(|r| (0..i).all(|j| rows[j] != *r || (xs[j] - x).abs() >= min_gap))
            .unwrap_or(0);
        rows.push(row);
    }
    rows
}

/// Bars for a histogram with `edges.len() == counts.len() + 1` bin edges; `sy` maps counts (0 at the
/// baseline). Bars of zero count get zero height. Extra edges or counts are ignored.
pub fn histogram_bars(edges: &[f64], counts: &[u64], sx: &Scale, sy: &Scale) -> Vec<Bar> {
    let base = sy.map(0.0);
    counts
        .iter()
        .zip(edges.windows(2))
        .map(|(count, e)| {
            let (x0, x1) = (sx.map(e[0]), sx.map(e[1]));
            let top = sy.map(*count as f64);
            Bar {
                x: x0.min(x1),
                y: top.min(base),
                width: (x1 - x0).abs(),
                height: (base - top).abs(),
            }
        })
        .collect()
}

/// The x domain, ticks (they may extend past the domain) and bin edges a histogram is drawn with. When
/// every trial has the same value, the engine's bins span a millionth of it, and an axis over that span
/// would count in single euros; the value is then drawn in the middle of an axis with round ticks, as one
/// bar a 60th of the axis wide (zero alone: at the middle of −1…1, its one tick).
pub fn histogram_axis(edges: &[f64]) -> ((f64, f64), Vec<f64>, Vec<f64>) {
    let (lo, hi) = match (edges.first(), edges.last()) {
        (Some(a), Some(b)) => (*a, *b),
        _ => (0.0, 1.0),
    };
    if hi - lo > lo.abs().max(1.0) * 1e-5 {
        return ((lo, hi), nice_ticks(lo, hi, 5, true), edges.to_vec());
    }
    if lo == 0.0 {
        return ((-1.0, 1.0), vec![0.0], vec![-1.0 / 30.0, 1.0 / 30.0]);
    }
    // The axis reaches half a step past the farther end tick, the same distance on both sides, so the
    // bar is in the middle and no end tick's label sits on the chart's edge.
    let ticks = nice_ticks(lo, lo, 5, true);
    let d = (lo - ticks[0]).max(ticks[ticks.len() - 1] - lo) + tick_step(&ticks) / 2.0;
    let half = d / 30.0;
    ((lo - d, lo + d), ticks, vec![lo - half, lo + half])
}

/// Where an x-axis tick's label goes in a chart `width` units wide: centred on the tick at `x`, or,
/// when that would run past the chart's right edge (about 3.9 units per character at the charts'
/// font sizes), ending at the tick, so that "300,000" or "€ 3 mln" is never cut.
pub fn x_tick_label(x: f64, label: &str, width: f64) -> (&'static str, f64) {
    let half = label.chars().count() as f64 * 3.9;
    if x + half > width - 2.0 {
        ("end", x.min(width - 2.0))
    } else {
        ("middle", x)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_tick_label_at_the_right_edge_ends_at_its_tick() {
        use super::x_tick_label;
        assert_eq!(x_tick_label(300.0, "100,000", 640.0), ("middle", 300.0));
        assert_eq!(x_tick_label(620.0, "300,000", 640.0), ("end", 620.0));
        assert_eq!(x_tick_label(390.0, "€ 3 mln", 400.0), ("end", 390.0));
        assert_eq!(x_tick_label(399.5, "5", 400.0), ("end", 398.0));
    }

    use super::*;

    #[test]
    fn scale_maps_ends_and_midpoint_including_reversed_ranges() {
        let s = Scale::new(0.0, 100.0, 300.0, 20.0);
        assert_eq!(s.map(0.0), 300.0);
        assert_eq!(s.map(100.0), 20.0);
        assert_eq!(s.map(50.0), 160.0);
    }

    #[test]
    fn degenerate_domain_does_not_divide_by_zero() {
        let s = Scale::new(7.0, 7.0, 0.0, 100.0);
        assert_eq!(s.map(7.0), 50.0);
        let s = Scale::new(f64::NAN, 1.0, 0.0, 100.0);
        assert!(s.map(0.5).is_finite());
    }

    #[test]
    fn nice_ticks_cover_the_range_with_round_steps() {
        assert_eq!(
            nice_ticks(0.0, 100.0, 6, false),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        assert_eq!(
            nice_ticks(3.0, 97.0, 5, false),
            vec![0.0, 25.0, 50.0, 75.0, 100.0]
        );
        let t = nice_ticks(0.0, 0.7, 5, false);
        assert_eq!(t, vec![0.0, 0.2, 0.4, 0.6, 0.8]);
        let t = nice_ticks(1234.0, 98_765.0, 5, false);
        assert_eq!(t.first(), Some(&0.0));
        assert_eq!(t.last(), Some(&100_000.0));
        assert_eq!(t.len(), 5);
    }

    #[test]
    fn long_names_wrap_at_a_space_onto_a_second_line() {
        // Fits: one line, as it is.
        assert_eq!(wrap_label("Interest", 8.0), ["Interest"]);
        let mql = "Marketing qualified lead";
        let room = mql.chars().map(char_em).sum::<f64>();
        assert_eq!(wrap_label(mql, room), [mql]);
        // Too wide: the words that fit, then the rest; every line within the room.
        let first = "Marketing qualified".chars().map(char_em).sum::<f64>();
        assert_eq!(wrap_label(mql, first), ["Marketing qualified", "lead"]);
        // As many words on the first line as fit.
        let lines = wrap_label(mql, first - 0.01);
        assert_eq!(lines, ["Marketing", "qualified lead"]);
        for l in &lines {
            assert!(l.chars().map(char_em).sum::<f64>() <= first, "{l}");
        }
        // A rest still too wide is cut; one long word has no place to break and is cut on one line.
        let lines = wrap_label("Sales accepted opportunity review meeting", 8.0);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert!(!lines[0].ends_with(' ') && !lines[1].starts_with(' '));
        assert_eq!(wrap_label("Verkoopkansbeoordelingsgesprek", 8.0).len(), 1);
        assert!(wrap_label("Verkoopkansbeoordelingsgesprek", 8.0)[0].ends_with('…'));
        // A first word wider than the room: cut, the rest on the second line.
        let lines = wrap_label("Verkoopkansbeoordeling fase", 8.0);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].starts_with("Verkoop") && lines[0].ends_with('…'),
            "{lines:?}"
        );
        assert_eq!(lines[1], "fase");
        // Spaces only at the ends give no break.
        assert_eq!(wrap_label(" Verkoopkansbeoordeling", 8.0).len(), 1);
    }

    #[test]
    fn nice_ticks_of_a_single_value_or_garbage() {
        assert_eq!(
            nice_ticks(0.0, 0.0, 5, false),
            vec![0.0, 0.25, 0.5, 0.75, 1.0]
        );
        let t = nice_ticks(40.0, 40.0, 5, false);
        assert!(t[0] <= 40.0 && *t.last().unwrap() >= 40.0 && t.len() >= 2);
        assert_eq!(nice_ticks(f64::NAN, 1.0, 5, false), vec![0.0, 1.0]);
    }

    #[test]
    fn names_of_emoji_or_cjk_are_cut_by_their_width() {
        // 50 emoji in 8.3 ems: the ellipsis (1) and five emoji (6.25); 13 were kept at 0.63 each.
        let cut = fit_label(&"😀".repeat(50), 8.3);
        assert_eq!(cut, format!("{}…", "😀".repeat(5)));
        assert_eq!(
            fit_label(&"漏斗".repeat(10), 8.3),
            format!("{}…", "漏斗".repeat(3) + "漏")
        );
        // A variation selector or joiner takes no room.
        assert_eq!(fit_label("❤\u{fe0f} Leads", 8.3), "❤\u{fe0f} Leads");
    }

    #[test]
    fn long_labels_are_cut_with_an_ellipsis() {
        // The default names fit the 8.3 em of the funnel chart's labels at phone size.
        for name in [
            "Awareness",
            "Bewustwording",
            "Evaluation",
            "Beslissing",
            "Interesse",
        ] {
            assert_eq!(fit_label(name, 8.3), name);
        }
        assert_eq!(
            fit_label(
                "Interest from qualified enterprise marketing leads (MQL)",
                8.3
            ),
            "Interest from …".trim_end().replace(" …", "…")
        );
        // Wide letters are cut sooner than narrow ones; the result stays within the width.
        let caps = fit_label("MARKETING QUALIFIED", 8.3);
        let wide = fit_label("WWWWWWWWWWWWWWWWWWWW", 8.3);
        assert!(
            caps.chars().count() < 13 && wide.chars().count() <= 8,
            "{caps} {wide}"
        );
        for s in [caps, wide] {
            assert!(s.chars().map(char_em).sum::<f64>() <= 8.3, "{s}");
        }
    }

    #[test]
    fn names_get_the_room_they_need_up_to_a_limit() {
        let room = |names: &[&str]| name_room(names.iter().copied(), 13.0, 142.0, 260.0);
        // Short names keep the layout's room; a long one widens it to fit whole; a longer one is held
        // at the limit (and then cut by fit_label).
        assert_eq!(room(&["Awareness", "Interest"]), 142.0);
        let mql = "Marketing qualified lead";
        let wide = room(&["Awareness", mql]);
        assert!(wide > 142.0 && wide < 260.0, "{wide}");
        assert_eq!(fit_label(mql, wide / 13.0), mql);
        // Whole also where the width's round trip through the chart's units per em rounds down
        // (these were cut to "Negotiation in progre…" and "Contract signed by custom…").
        for upem in [142.0 / 11.0, 157.0 / 11.0, 142.0 / 9.4, 157.0 / 8.6] {
            for name in [
                "Negotiation in progress",
                "Contract signed by customer",
                mql,
            ] {
                let room = name_room([name].into_iter(), upem, 142.0, 1000.0);
                assert_eq!(fit_label(name, room / upem), name, "{upem}");
            }
        }
        assert_eq!(room(&[&mql.repeat(3)]), 260.0);
        // A limit below the layout's room leaves that room.
        assert_eq!(name_room(["x"].into_iter(), 13.0, 142.0, 100.0), 142.0);
        assert_eq!(name_room([].into_iter(), 13.0, 142.0, 260.0), 142.0);
    }

    #[test]
    fn a_histogram_of_one_value_is_centred_between_round_ticks() {
        // 10,000 trials all at €120,000: the engine's bins run from 120,000 to 120,000.12.
        let edges: Vec<f64> = (0..=30).map(|i| 120_000.0 + 0.004 * i as f64).collect();
        let (domain, ticks, bars) = histogram_axis(&edges);
        // Ticks 50k…200k by 50k; the axis reaches 25k past the farther one (200k) on both sides.
        assert_eq!(domain, (15_000.0, 225_000.0));
        assert_eq!(ticks, vec![50_000.0, 100_000.0, 150_000.0, 200_000.0]);
        assert_eq!(bars, vec![116_500.0, 123_500.0]);
        // All zero: one tick, in the middle.
        let (domain, ticks, bars) = histogram_axis(&[0.0, 1e-6]);
        assert_eq!((domain, ticks), ((-1.0, 1.0), vec![0.0]));
        assert_eq!(bars, vec![-1.0 / 30.0, 1.0 / 30.0]);
        // A spread keeps the engine's bins.
        let (domain, ticks, bars) = histogram_axis(&[12.0, 20.0, 31.0]);
        assert_eq!(domain, (12.0, 31.0));
        assert_eq!(ticks, vec![10.0, 15.0, 20.0, 25.0, 30.0, 35.0]);
        assert_eq!(bars, vec![12.0, 20.0, 31.0]);
    }

    #[test]
    fn whole_ticks_for_counts_and_labels_that_tell_ticks_apart() {
        // Counts between 0 and 1 (a 0% stage): not 0, 0.25, …, printed as "0 0 0 1 1".
        assert_eq!(nice_ticks(0.0, 1.0, 5, true), vec![0.0, 1.0]);
        assert_eq!(nice_ticks(0.0, 3.0, 4, true), vec![0.0, 1.0, 2.0, 3.0]);
        assert_eq!(nice_ticks(0.0, 6.0, 4, true), vec![0.0, 2.0, 4.0, 6.0]);
        assert_eq!(nice_ticks(0.0, 9.0, 5, true), vec![0.0, 5.0, 10.0]);
        assert_eq!(
            nice_ticks(11_999.5, 12_000.5, 5, true),
            vec![11_999.0, 12_000.0, 12_001.0]
        );
        assert_eq!(
            nice_ticks(0.0, 100.0, 5, true),
            vec![0.0, 25.0, 50.0, 75.0, 100.0]
        );
        let d = |t: &[f64]| step_decimals(tick_step(t));
        assert_eq!(d(&nice_ticks(0.0, 1.0, 5, false)), 2);
        assert_eq!(d(&[0.0, 0.2, 0.4]), 1);
        assert_eq!(d(&[0.0, 1000.0]), 0);
        assert_eq!(d(&[0.0, 0.6000000000000001]), 1);
        assert_eq!(d(&[5.0]), 0);
    }

    #[test]
    fn line_and_band_paths() {
        let sx = Scale::new(0.0, 2.0, 0.0, 200.0);
        let sy = Scale::new(0.0, 10.0, 100.0, 0.0);
        let xs = [0.0, 1.0, 2.0];
        assert_eq!(
            line_path(&xs, &[0.0, 5.0, 10.0], &sx, &sy),
            "M0.0,100.0L100.0,50.0L200.0,0.0"
        );
        assert_eq!(
            band_path(&xs, &[0.0, 1.0, 2.0], &[4.0, 5.0, 6.0], &sx, &sy),
            "M0.0,60.0L100.0,50.0L200.0,40.0L200.0,80.0L100.0,90.0L0.0,100.0Z"
        );
        assert_eq!(line_path(&[], &[], &sx, &sy), "");
        assert_eq!(band_path(&[], &[], &[], &sx, &sy), "");
    }

    #[test]
    fn close_labels_take_separate_rows() {
        assert_eq!(label_rows(&[10.0, 100.0, 200.0], 40.0), vec![0, 0, 0]);
        // All three at one place: three rows.
        assert_eq!(label_rows(&[50.0, 50.0, 50.0], 40.0), vec![0, 1, 2]);
        // The third is far from the first: back to the top row.
        assert_eq!(label_rows(&[10.0, 30.0, 60.0], 40.0), vec![0, 1, 0]);
        assert_eq!(label_rows(&[], 40.0), Vec::<usize>::new());
    }

    #[test]
    fn histogram_bars_stand_on_the_baseline() {
        let sx = Scale::new(0.0, 30.0, 0.0, 300.0);
        let sy = Scale::new(0.0, 10.0, 100.0, 0.0);
        let bars = histogram_bars(&[0.0, 10.0, 20.0, 30.0], &[10, 0, 5], &sx, &sy);
        assert_eq!(
            bars,
            vec![
                Bar {
                    x: 0.0,
                    y: 0.0,
                    width: 100.0,
                    height: 100.0
                },
                Bar {
                    x: 100.0,
                    y: 100.0,
                    width: 100.0,
                    height: 0.0
                },
                Bar {
                    x: 200.0,
                    y: 50.0,
                    width: 100.0,
                    height: 50.0
                },
            ]
        );
    }
}

/// One bar of a tornado chart: the mean gain from `x0` (zero) to `x1`, with a 90% interval whisker from
/// `lo` to `hi`, in a row at `y` of height `height`.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoBar {
    pub y: f64,
    pub height: f64,
    pub x0: f64,
    pub x1: f64,
    pub lo: f64,
    pub hi: f64,
}

/// Bars for `groups` of `(mean, p5, p95)` values (one group per stage, one bar per lever kind), top to
/// bottom between `top` and `bottom`. Each group gets an equal band with a 4-unit gap above and below;
/// the bars of a group share it equally. `x0` is where zero maps, so a negative gain grows leftwards.
pub fn tornado_bars(
    groups: &[Vec<(f64, f64, f64)>],
    sx: &Scale,
    top: f64,
    bottom: f64,
) -> Vec<TornadoBar> {
    let n = groups.len().max(1) as f64;
    let band = (bottom - top) / n;
    let zero = sx.map(0.0);
    let mut out = Vec::new();
    for (g, bars) in groups.iter().enumerate() {
        let k = bars.len().max(1) as f64;
        let h = ((band - 8.0) / k).max(1.0);
        for (j, &(mean, p5, p95)) in bars.iter().enumerate() {
            out.push(TornadoBar {
                y: top + g as f64 * band + 4.0 + j as f64 * h,
                height: (h - 2.0).max(1.0),
                x0: zero,
                x1: sx.map(mean),
                lo: sx.map(p5),
                hi: sx.map(p95),
            });
        }
    }
    out
}
