//! The animated flow view: one simulated trial, period by period, with leads drawn as dots entering at
//! the top and thinning stage by stage (and, in flywheel mode, referred leads re-entering further down).
//! The numbers are the trial's real simulated counts ([`crate::sim::Simulation::trace_trial`]).
//! Motion is CSS only and switched off under `prefers-reduced-motion`; playback advances one period per
//! tick only while the user has pressed Play.

use std::rc::Rc;

use yew::prelude::*;

use crate::sim::{ModelTrace, Scenario, Simulation, TrialTrace};

use super::controls::select_into;
use super::i18n::{Lang, T};

/// How many leads one dot stands for, so that the busiest stage-period shows at most `max_dots` dots.
pub fn leads_per_dot(trace: &ModelTrace, max_dots: u64) -> u64 {
    let busiest = trace
        .periods
        .iter()
        .flat_map(|p| p.stages.iter().map(|s| s.entered + s.waiting_start))
        .max()
        .unwrap_or(0);
    busiest.div_ceil(max_dots.max(1)).max(1)
}

/// Dots for `count` leads at `per_dot` leads per dot: whole dots, and for the rest a smaller dot whose
/// area is the rest's share of a dot to the nearest eighth (class `p1` … `p7`; at least `p1`, and a
/// whole dot from ⅞ up). So 1 lead and 16 do not look alike at 16 a dot, and a non-zero count always
/// shows a dot.
pub fn dots(count: u64, per_dot: u64) -> (u64, Option<&'static str>) {
    const PART: [&str; 7] = ["p1", "p2", "p3", "p4", "p5", "p6", "p7"];
    let per = per_dot.max(1);
    let (whole, rest) = (count / per, count % per);
    if rest == 0 {
        return (whole, None);
    }
    let eighths = ((8 * rest) as f64 / per as f64).round().clamp(1.0, 8.0) as usize;
    match PART.get(eighths - 1) {
        Some(&class) => (whole, Some(class)),
        None => (whole + 1, None),
    }
}

/// Whether tracing a trial of `s` takes well under a millisecond (at most 5,000 stage-periods, the default
/// scenario has 120).
pub fn trace_is_quick(s: &Scenario) -> bool {
    let segments = s.segments.len().max(1);
    s.periods as usize * s.stages.len() * segments <= 5_000
}

/// The trial shown: trial 0 of the scenario (its seed decides which future it is).
pub fn trace_of(scenario: &Scenario) -> Option<TrialTrace> {
    Simulation::new(scenario).ok()?.trace_trial(0)
}

#[derive(Properties)]
pub struct FlowProps {
    pub scenario: Rc<Scenario>,
    pub lang: Lang,
}

impl PartialEq for FlowProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.scenario, &other.scenario) && self.lang == other.lang
    }
}

const MAX_DOTS: u64 = 40;
/// How long a large scenario's edit waits before its trial is traced: longer than the gap between two
/// typed characters, so that typing is not held up by traces.
const TRACE_PAUSE_MS: u32 = 1_000;
const TICK_MS: u32 = 900;

#[function_component(FlowView)]
pub fn flow_view(p: &FlowProps) -> Html {
    let lang = p.lang;
    // The trial traced, with the scenario it is of (names and all come from that one). A small scenario
    // is traced as it renders; a large one (20 stages, 8 segments and 520 weeks took 30 ms a trace, at
    // every keystroke) after a pause in editing of TRACE_PAUSE_MS, and meanwhile the view keeps showing
    // the last trace.
    let traced = use_mut_ref(|| (p.scenario.clone(), trace_of(&p.scenario).map(Rc::new)));
    if trace_is_quick(&p.scenario) && !Rc::ptr_eq(&traced.borrow().0, &p.scenario) {
        *traced.borrow_mut() = (p.scenario.clone(), trace_of(&p.scenario).map(Rc::new));
    }
    let traced_now = use_state(|| 0u32);
    {
        let (traced, traced_now) = (traced.clone(), traced_now.clone());
        use_effect_with(p.scenario.clone(), move |s| {
            let s = s.clone();
            let stale = !Rc::ptr_eq(&traced.borrow().0, &s);
            let later = stale.then(|| {
                gloo::timers::callback::Timeout::new(TRACE_PAUSE_MS, move || {
                    let trace = trace_of(&s).map(Rc::new);
                    *traced.borrow_mut() = (s, trace);
                    traced_now.set(*traced_now + 1);
                })
            });
            move || drop(later)
        });
    }
    let (scenario, trace) = traced.borrow().clone();
    let period = use_state(|| 0usize);
    let playing = use_state(|| false);
    let flywheel = use_state(|| false);
    let Some(trace) = trace.as_ref() else {
        return html! {};
    };
    let model = if *flywheel {
        &trace.flywheel
    } else {
        &trace.funnel
    };
    let n = model.periods.len();
    let t = (*period).min(n.saturating_sub(1));

    {
        // While playing, advance one period per tick; stop at the last period.
        let period = period.clone();
        let playing_handle = playing.clone();
        use_effect_with((*playing, t, n), move |&(on, t, n)| {
            let timeout = on.then(|| {
                gloo::timers::callback::Timeout::new(TICK_MS, move || {
                    if t + 1 < n {
                        period.set(t + 1);
                    } else {
                        playing_handle.set(false);
                    }
                })
            });
            move || drop(timeout)
        });
    }

    let Some(now) = model.periods.get(t) else {
        return html! {};
    };
    let per_dot = leads_per_dot(model, MAX_DOTS);
    let names = &scenario.stages;
    let to =
        move |delta: isize| (t as isize + delta).clamp(0, n.saturating_sub(1) as isize) as usize;
    let step = |delta: isize| {
        let period = period.clone();
        Callback::from(move |_: MouseEvent| period.set(to(delta)))
    };
    // On the buttons a presenter's clicker (PageDown / PageUp, or → / ←) steps: it scrolled the page,
    // and this view, off a projected screen. (The slider keeps a slider's keys.)
    let on_key = {
        let period = period.clone();
        Callback::from(move |e: KeyboardEvent| {
            if super::modified(&e) {
                return;
            }
            let delta = match e.key().as_str() {
                "PageDown" | "ArrowRight" => 1,
                "PageUp" | "ArrowLeft" => -1,
                _ => return,
            };
            e.prevent_default();
            period.set(to(delta));
        })
    };
    let toggle_play = {
        let playing = playing.clone();
        let period = period.clone();
        Callback::from(move |_: MouseEvent| {
            if !*playing && t + 1 >= n {
                period.set(0); // replay from the start
            }
            playing.set(!*playing);
        })
    };
    let on_model = select_into(&flywheel, |v| v == "flywheel");
    let on_slider = {
        let period = period.clone();
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            if let Ok(i) = v.parse::<usize>() {
                period.set(i.saturating_sub(1));
            }
        })
    };
    let number = |v: u64| lang.number(v as f64, 0);
    let group = |count: u64, kind: &'static str| {
        let (whole, part) = dots(count, per_dot);
        html! {
            <>
                { for (0..whole).map(|_| html! { <span class={classes!("dot", kind)}></span> }) }
                if let Some(size) = part { <span class={classes!("dot", kind, size)}></span> }
            </>
        }
    };
    // Each row as tall as its most dots in any period (hidden dots make up the rest): while playing,
    // a row that wrapped onto another line in some periods pushed every row below it down and back.
    let shown = |count: u64| {
        let (whole, part) = dots(count, per_dot);
        whole + u64::from(part.is_some())
    };
    let row_dots =
        |f: &crate::sim::StageFlow| shown(f.advanced) + shown(f.waiting_end) + shown(f.dropped);
    // A stage's counts in words. At a stage with a delay the row adds up with the leads that waited
    // from before: they and the leads entering move on, drop out (only those entering) or wait.
    let counts = |i: usize, f: &crate::sim::StageFlow, referred: Option<u64>| {
        let mut text = String::new();
        if scenario.stages.get(i).is_some_and(|s| s.delay > 0.0) {
            text = format!(
                "{} {} · ",
                lang.t(T::FlowWaitedBefore),
                number(f.waiting_start)
            );
        }
        text += &format!(
            "{} {} · {} {} · {} {} · {} {}",
            lang.t(T::FlowEntered),
            number(f.entered),
            // The last stage's leads that move on buy.
            lang.t(if i + 1 == now.stages.len() {
                T::FlowBought
            } else {
                T::FlowMovedOn
            }),
            number(f.advanced),
            lang.t(T::FlowDropped),
            number(f.dropped),
            lang.t(T::FlowWaiting),
            number(f.waiting_end)
        );
        if let Some(n) = referred {
            text += &format!(" · {} {}", lang.t(T::FlowReferred), number(n));
        }
        text
    };
    let entry = scenario.flywheel.referral_entry_stage;
    let most_referred = model.periods.iter().map(|p| p.referrals).max().unwrap_or(0);
    let rows = now.stages.iter().enumerate().map(|(i, f)| {
        let flows = || model.periods.iter().filter_map(|p| p.stages.get(i));
        let most = flows().map(row_dots).max().unwrap_or(0);
        let largest = flows().fold(crate::sim::StageFlow::default(), |m, f| {
            crate::sim::StageFlow {
                entered: m.entered.max(f.entered),
                converted: m.converted.max(f.converted),
                dropped: m.dropped.max(f.dropped),
                waiting_start: m.waiting_start.max(f.waiting_start),
                advanced: m.advanced.max(f.advanced),
                waiting_end: m.waiting_end.max(f.waiting_end),
            }
        });
        let name = names.get(i).map(|s| s.name.clone()).unwrap_or_default();
        // The flywheel's referred leads enter here.
        let referral_row = *flywheel && i == entry;
        html! {
            <li class="flow-row" key={i}>
                { el!("span", "class" = "flow-name"; name) }
                <span class="flow-dots" aria-hidden="true">
                    { group(f.advanced, "moved") }
                    { group(f.waiting_end, "waiting") }
                    { group(f.dropped, "dropped") }
                    { for (row_dots(f)..most).map(|_| html! { <span class="dot pad"></span> }) }
                </span>
                // Over a hidden copy with each count at its largest of the trial, so that the row
                // keeps the lines of its longest period (in Dutch at 360 px the counts took three
                // lines in some periods and four in others).
                <span class="flow-counts">
                    <span>{ counts(i, f, (referral_row && now.referrals > 0).then_some(now.referrals)) }</span>
                    { el!("span", "class" = "widest", "aria-hidden" = "true"; counts(i, &largest, (referral_row && most_referred > 0).then_some(most_referred))) }
                </span>
            </li>
        }
    });
    // The period line is live only while the focus is on these controls: an edit elsewhere changes it
    // too (a new run's future), and would be read out at every keystroke.
    let here = use_state(|| false);
    let (on_in, on_out) = {
        let (a, b) = (here.clone(), here.clone());
        (
            Callback::from(move |_: FocusEvent| a.set(true)),
            Callback::from(move |_: FocusEvent| b.set(false)),
        )
    };
    let play_label = if *playing {
        lang.t(T::Pause)
    } else {
        lang.t(T::Play)
    };
    html! {
        <section class="panel flow" aria-labelledby="flow-title" id="flow">
            // Under the results' h2, as the charts' titles are.
            { text_el!("h3", "id" = "flow-title"; lang.t(T::FlowTitle)) }
            <p class="hint">{ lang.t(T::FlowHint) }{ " " }{ format!("{} {}{}", lang.t(T::FlowDotIs), number(per_dot),
                if per_dot > 1 { lang.t(T::FlowDotSmaller) } else { "." }) }</p>
            // Back and Step at the ends are aria-disabled, not disabled: a disabled button drops the
            // focus (to the page), and with it the period line's announcement of the period reached.
            <div class="flow-controls" onfocusin={on_in} onfocusout={on_out}>
                <button type="button" id="flow-back" onkeydown={on_key.clone()} class="secondary" onclick={step(-1)} aria-disabled={(t == 0).then_some("true")}>{ text_el!("span", "aria-hidden" = "true"; "◀ ") }{ lang.t(T::StepBack) }</button>
                <button type="button" id="flow-play" onkeydown={on_key.clone()} onclick={toggle_play}>{ play_label }</button>
                <button type="button" id="flow-step" onkeydown={on_key.clone()} class="secondary" onclick={step(1)} aria-disabled={(t + 1 >= n).then_some("true")}>{ lang.t(T::StepForward) }{ text_el!("span", "aria-hidden" = "true"; " ▶") }</button>
                { text_el!("label", "for" = "flow-period", "class" = "visually-hidden"; lang.t(T::Period)) }
                <input id="flow-period" type="range" min="1" max={n.to_string()} value={(t + 1).to_string()} oninput={on_slider} />
                // Label and select wrap to a new row together.
                <span class="flow-model">
                    { text_el!("label", "for" = "flow-model"; lang.t(T::Model)) }
                    <select id="flow-model" onchange={on_model}>
                        { super::option_el("funnel", !*flywheel, lang.t(T::Funnel)) }
                        { super::option_el("flywheel", *flywheel, lang.t(T::Flywheel)) }
                    </select>
                </span>
            </div>
            // Announced as the user steps; quiet while playing (a new period every second).
            <p class="flow-period" id="flow-period-label" aria-live={if *playing || !*here { "off" } else { "polite" }}>
                { format!("{} {} / {} · {} {}{} · {} {} · {} {}", lang.t(T::Period), t + 1, n,
                    // New leads as the results count them: arrivals, leads bought with reinvested
                    // revenue and referred leads (which enter at their own stage, not the top, so
                    // the top stage's entries are fewer: said beside the new leads they are part of).
                    lang.t(T::FlowNewLeads), number(now.arrivals + now.reinvest_leads + now.referrals),
                    if *flywheel && now.referrals > 0 {
                        format!(" ({}: {})", lang.t(T::FlowOfWhichReferred), number(now.referrals))
                    } else {
                        String::new()
                    },
                    lang.t(T::FlowPurchases), number(now.purchases),
                    // The running total a class follows from period to period (each purchase is a
                    // new customer; repeat purchases are not among them).
                    lang.t(T::FlowCustomersSoFar),
                    number(model.periods.iter().take(t + 1).map(|p| p.purchases).sum())) }
            </p>
            <ol class="flow-stages">{ for rows }</ol>
            <p class="flow-legend">
                // Each dot stays with its word when the legend wraps.
                <span><span class="dot moved" aria-hidden="true"></span>{ lang.t(T::FlowMovedOn) }</span>{ " " }
                <span><span class="dot waiting" aria-hidden="true"></span>{ lang.t(T::FlowWaiting) }</span>{ " " }
                <span><span class="dot dropped" aria-hidden="true"></span>{ lang.t(T::FlowDropped) }</span>
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_scale_caps_the_busiest_stage() {
        let mut s = Scenario::default_five_stage();
        s.trials = 10;
        let trace = trace_of(&s).unwrap();
        let per = leads_per_dot(&trace.funnel, 40);
        let busiest = trace
            .funnel
            .periods
            .iter()
            .flat_map(|p| p.stages.iter().map(|s| s.entered + s.waiting_start))
            .max()
            .unwrap();
        let shown = |count: u64| {
            let (whole, part) = dots(count, per);
            whole + u64::from(part.is_some())
        };
        assert!(shown(busiest) <= 40);
        assert!(shown(busiest) >= 30, "the scale is not needlessly coarse");
        assert_eq!(dots(0, per), (0, None));
        assert!(shown(1) == 1);
    }

    #[test]
    fn the_rest_of_a_count_is_a_smaller_dot_by_its_share() {
        // At 16 leads a dot: 1 lead is an eighth of a dot's area (the least), 6 three eighths, 7 a
        // half, 12 six eighths, 15 (nearer a whole) a whole one.
        assert_eq!(dots(1, 16), (0, Some("p1")));
        assert_eq!(dots(6, 16), (0, Some("p3")));
        assert_eq!(dots(7, 16), (0, Some("p4")));
        assert_eq!(dots(12, 16), (0, Some("p6")));
        assert_eq!(dots(15, 16), (1, None));
        assert_eq!(dots(16, 16), (1, None));
        assert_eq!(dots(23, 16), (1, Some("p4")));
        // One lead a dot: whole dots only.
        assert_eq!(dots(5, 1), (5, None));
    }

    #[test]
    fn the_trace_conserves_leads_in_every_stage_and_period() {
        let trace = trace_of(&Scenario::default_five_stage()).unwrap();
        for model in [&trace.funnel, &trace.flywheel] {
            for p in &model.periods {
                for f in &p.stages {
                    assert_eq!(f.entered, f.converted + f.dropped);
                    assert_eq!(f.waiting_start + f.converted, f.advanced + f.waiting_end);
                }
            }
        }
    }
}
