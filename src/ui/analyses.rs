//! What-if analyses on top of a finished run: the bottleneck tornado, a target probability, and an A/B
//! comparison. Each computes in its own worker ([`AnalysisWorker`]), so neither the page nor the main run
//! waits for it; a newer request replaces an older one.

use std::rc::Rc;

use yew::prelude::*;

use crate::export::Answers;
use crate::sim::wire::{self, Wire};
use crate::sim::{
    BottleneckReport, ComparisonReport, Difference, Model, PeriodUnit, Scenario, TargetMetric,
    TargetQuery, TargetReport,
};

use super::charts::{HistogramChart, TornadoChart};
use super::controls::{input_into, select_into};
use super::form::{
    in_language, read_for, read_for_in, signs_fit, whole_between, with_decimal_mark, Problem,
};
use super::i18n::{Lang, T};
use super::pool::{AnalysisKind, AnalysisWorker};
use super::state::{Action, SavedScenario};

#[derive(Properties, PartialEq)]
pub struct AnalysesProps {
    pub scenario: Rc<Scenario>,
    pub saved: Rc<Vec<SavedScenario>>,
    /// The main run of `scenario` has finished (analyses wait for it, so they do not compete for CPU).
    pub ready: bool,
    /// The main run was cancelled: an answer for the inputs before it is not computed again until
    /// the reader runs them.
    #[prop_or_default]
    pub cancelled: bool,
    /// Whether to offer the A/B comparison: it compares saved scenarios or a change the reader makes,
    /// so a read-only embed (no inputs, no saved scenarios) leaves it out.
    #[prop_or(true)]
    pub compare: bool,
    /// An input is invalid: nothing runs until it is fixed, so Compute and Compare are off.
    #[prop_or_default]
    pub invalid: bool,
    /// In an embed, which has no Save: the comparison starts from Test a change.
    #[prop_or_default]
    pub embedded: bool,
    /// A narrow results column: charts drawn [`super::charts::NARROW_W`] units wide.
    #[prop_or_default]
    pub narrow: bool,
    /// The target question the last share link carried ([`TargetInputs`] text, with a count of
    /// such links): the Target panel asks it.
    #[prop_or_default]
    pub target_link: Option<(u32, Rc<str>)>,
    /// The comparison the last share link carried ([`super::state::AppState::compare_link`]): the
    /// Compare panel asks it.
    #[prop_or_default]
    pub compare_link: Option<(u32, Rc<str>, bool)>,
    /// Where the panels leave their answers for the results summary file.
    pub answers: AnswersCell,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

/// The answers on screen for the results summary file ([`Answers`]): each panel writes its own as it
/// renders (nothing while it has none for the current run), and the Share panel reads them when the
/// file is downloaded. One cell for the page's life, compared by pointer.
#[derive(Clone, Default)]
pub struct AnswersCell(pub Rc<std::cell::RefCell<Answers>>);

impl PartialEq for AnswersCell {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// An analysis' state in a panel.
#[derive(Clone, PartialEq)]
enum Outcome<R> {
    Idle,
    /// Computing; the share of its trials done, once the worker has reported one (a long analysis).
    Busy(f64),
    Done(Rc<R>),
    Failed(String),
    /// Stopped by the reader before it finished.
    Stopped,
}

impl<R> Outcome<R> {
    /// The state without its report: what the status line shows (one copy of its markup for the
    /// three panels' reports).
    fn shape(&self) -> Outcome<()> {
        match self {
            Outcome::Idle => Outcome::Idle,
            Outcome::Busy(share) => Outcome::Busy(*share),
            Outcome::Done(_) => Outcome::Done(Rc::new(())),
            Outcome::Failed(e) => Outcome::Failed(e.clone()),
            Outcome::Stopped => Outcome::Stopped,
        }
    }
}

fn parse<R: Wire>(r: Result<Vec<u8>, String>) -> Outcome<R> {
    match r
        .and_then(|bytes| wire::decode::<R>(&bytes).ok_or_else(|| "unreadable report".to_string()))
    {
        Ok(v) => Outcome::Done(Rc::new(v)),
        Err(e) => Outcome::Failed(e),
    }
}

/// Marks `outcome` busy and asks `worker` for `kind`; the answer lands in `outcome`, heard if the reader
/// asked for it (`heard`).
fn ask<R: Wire + 'static>(
    worker: &AnalysisWorker,
    outcome: &UseStateHandle<Outcome<R>>,
    heard: &std::cell::RefCell<Heard>,
    kind: AnalysisKind,
    scenario_json: String,
    other: Vec<u8>,
) {
    heard.borrow_mut().asking();
    // Computed again after a Stop: its bar and Stop button show at once (it is a long one), and the
    // button that had the focus stays.
    let again = matches!(**outcome, Outcome::Stopped);
    outcome.set(Outcome::Busy(if again { f64::MIN_POSITIVE } else { 0.0 }));
    let (done, busy) = (outcome.clone(), outcome.clone());
    worker.request(
        kind,
        scenario_json,
        other,
        move |r| done.set(parse(r)),
        move |share| busy.set(Outcome::Busy(share)),
    );
}

/// A long analysis' Stop button (the worker computing it is terminated) and the Compute again button
/// of a stopped one (`retry` is in the key of the panel's effect that asks).
fn stop_and_again<R: 'static>(
    worker: &Rc<AnalysisWorker>,
    outcome: &UseStateHandle<Outcome<R>>,
    retry: &UseStateHandle<u32>,
) -> (Callback<MouseEvent>, Callback<MouseEvent>) {
    let (worker, stopped) = (worker.clone(), outcome.clone());
    let stop = Callback::from(move |_| {
        if worker.cancel() {
            stopped.set(Outcome::Stopped);
        }
    });
    let retry = retry.clone();
    let again = Callback::from(move |_| retry.set(*retry + 1));
    (stop, again)
}

/// A panel's Compute (or Compare) button: asks the question, or, pressed again with its answer on screen
/// and nothing changed, computes it again (the same answer), so that the press is heard: nothing
/// happened, and a screen reader said nothing.
fn ask_button<R: 'static>(
    asked: &UseStateHandle<bool>,
    retry: &UseStateHandle<u32>,
    outcome: &UseStateHandle<Outcome<R>>,
) -> Callback<MouseEvent> {
    let (asked, retry, outcome) = (asked.clone(), retry.clone(), outcome.clone());
    Callback::from(move |_: MouseEvent| {
        if *asked && matches!(*outcome, Outcome::Done(_)) {
            retry.set(*retry + 1);
        } else {
            asked.set(true);
        }
    })
}

/// The run that the analyses follow was replaced (an edit, Run): stop computing for the old inputs, so the
/// new run gets every core; the panel waits for the new run (`ready`) to ask again.
fn stand_by<R>(worker: &AnalysisWorker, outcome: &UseStateHandle<Outcome<R>>) {
    if worker.cancel() {
        outcome.set(Outcome::Idle);
    }
}

/// What a panel's answer on screen was asked for: its scenarios and the rest of its question.
type AskedFor = Option<(Vec<Scenario>, Vec<u8>)>;

/// Whether the panel's answer, the one it computes or its Stop (`answered`: see [`settled`]) still
/// answers `scenarios` and `rest`: they differ from what it was asked for at most in the scenarios'
/// labels (names, the language, the period unit), which no trial reads, so it needs no new computing (at
/// 1,000,000 trials a language switch had recomputed every panel for seconds, and a rename while one
/// computed started it again). Otherwise they are noted as what is asked now.
fn still_answers(
    last: &std::cell::RefCell<AskedFor>,
    scenarios: Vec<Scenario>,
    rest: Vec<u8>,
    answered: bool,
) -> bool {
    let mut last = last.borrow_mut();
    let same = answered
        && last.as_ref().is_some_and(|(was, r)| {
            *r == rest
                && was.len() == scenarios.len()
                && was
                    .iter()
                    .zip(&scenarios)
                    .all(|(a, b)| a.same_but_labels(b))
        });
    *last = Some((scenarios, rest));
    same
}

/// Whether the panel has settled what it was asked: answered it, stopped it, or is computing it in
/// `worker` (not merely waiting for a typing pause, whose question is not asked yet).
fn settled<R>(outcome: &Outcome<R>, worker: &AnalysisWorker) -> bool {
    match outcome {
        Outcome::Done(_) | Outcome::Stopped => true,
        Outcome::Busy(_) => worker.computing(),
        _ => false,
    }
}

/// Whether a panel's answer is read out. A screen reader hears the main status line's summary after each
/// run; an analysis that follows the run by itself (an edit, Run) then computes and answers quietly,
/// or every edit was followed by "Computing…" three times and three answers. What the reader asked for
/// in the panel (a question, a choice of A and B, Compute again) is heard, "Computing…" and the answer.
#[derive(Default)]
struct Heard {
    /// The run the panel's effect last saw: the scenario and whether its run was done.
    run: Option<(Rc<Scenario>, bool)>,
    /// The reader changed something in the panel since its last question.
    by_reader: bool,
    /// The question being answered (or last answered) is heard.
    now: bool,
}

impl Heard {
    /// In the effect that asks, whose key changed: while the run stayed the same, the reader changed it.
    fn key_changed(&mut self, scenario: &Rc<Scenario>, ready: bool) {
        let run = Some((scenario.clone(), ready));
        self.by_reader |= self.run.is_some() && self.run == run;
        self.run = run;
    }

    /// When the panel asks: heard if the reader asked since the last question.
    fn asking(&mut self) {
        self.now = std::mem::take(&mut self.by_reader);
    }
}

/// The panel's state in a line: that an input has a problem (`invalid`: no run, and so no new answer,
/// comes until it is fixed), computing, failed, or that it waits for the run (unless `ready`). The
/// first has the id `why_id`, which the panel's disabled button names in `aria-describedby`.
/// `done`: what a screen reader hears when the analysis is done, in the same live region that said
/// "Computing…" (a result that only appears is not announced), if `heard` ([`Heard`]).
/// A long analysis (one whose worker reported its progress) shows a progress bar and a Stop button
/// (`buttons.0`); a stopped one says so, with a Compute again button (`buttons.1`). When the answer
/// comes while Stop has the focus, the focus goes to the element with the id `rescue`, or its first
/// button (js/focus-rescue.js).
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn status_line(
    lang: Lang,
    o: &Outcome<()>,
    ready: bool,
    invalid: bool,
    cancelled: bool,
    why_id: &'static str,
    rescue: &'static str,
    done: Option<String>,
    heard: bool,
    buttons: (Callback<MouseEvent>, Callback<MouseEvent>),
) -> Html {
    // Every state has the same two nodes, so that Yew keeps them: the status line first, the same live
    // region throughout ("Computing…" said once, also when the progress bar comes; the answer said
    // where it was), then the progress bar and one button, Stop and, once stopped, Compute again (the
    // same button, so that it keeps the focus).
    let hidden = "analysis-status visually-hidden";
    let (role, class, text) = match o {
        _ if invalid => (
            None,
            "analysis-status",
            lang.t(T::FixInputsFirst).to_string(),
        ),
        Outcome::Busy(_) => (
            Some("status"),
            "analysis-status",
            lang.t(T::Computing).to_string(),
        ),
        Outcome::Failed(e) => (
            Some("alert"),
            "analysis-status error",
            format!("{} {e}", lang.t(T::AnalysisFailed)),
        ),
        Outcome::Stopped | Outcome::Idle if !ready => (
            None,
            "analysis-status",
            lang.t(if cancelled {
                T::WaitingAfterCancel
            } else {
                T::WaitingForRun
            })
            .to_string(),
        ),
        Outcome::Stopped => (
            Some("status"),
            "analysis-status",
            lang.t(T::AnalysisStopped).to_string(),
        ),
        // An answer for the inputs before an edit or Run, while the new run computes (the panel asks
        // again after it): greyed as stale results are (CSS, `.answer-waits ~ *`), and said to a reader
        // who reads the line (not announced: the main status line says the run).
        // After a Cancel nothing computes it again until the reader runs the inputs: said where it
        // is seen (it was said only to a screen reader, and promised an answer that never came).
        Outcome::Done(_) if !ready && cancelled => (
            None,
            "analysis-status answer-waits",
            lang.t(T::AnswerBeforeCancel).to_string(),
        ),
        Outcome::Done(_) if !ready => (
            None,
            "analysis-status visually-hidden answer-waits",
            lang.t(T::AnswerWaits).to_string(),
        ),
        Outcome::Done(_) => (Some("status"), hidden, done.unwrap_or_default()),
        Outcome::Idle => (Some("status"), hidden, String::new()),
    };
    let id = invalid.then_some(why_id);
    // Computing and the answer of a question the reader did not ask are not read out ([`Heard`]).
    let live = (!heard && matches!(o, Outcome::Busy(_) | Outcome::Done(_) | Outcome::Idle))
        .then_some("off");
    let share = match o {
        Outcome::Busy(share) if !invalid && *share > 0.0 => Some(*share),
        _ => None,
    };
    let stopped = !invalid && ready && matches!(o, Outcome::Stopped);
    let (label, onclick) = if stopped {
        (T::ComputeAgain, buttons.1)
    } else {
        (T::StopAnalysis, buttons.0)
    };
    html! {
        <>
            <p {id} {role} {class} aria-live={live}>{ text }</p>
            if share.is_some() || stopped {
                <div class="analysis-progress">
                    if let Some(share) = share {
                        <progress max="1" value={format!("{share:.3}")} aria-label={lang.t(T::AnalysisProgress)}></progress>
                    }
                    <button type="button" class="secondary analysis-stop" {onclick} data-focus-rescue={rescue}>{ lang.t(label) }</button>
                </div>
            }
        </>
    }
}

#[function_component(Analyses)]
pub fn analyses(p: &AnalysesProps) -> Html {
    html! {
        <section class="analyses" aria-labelledby="analyses-title">
            { el!("h2", "id" = "analyses-title"; p.lang.t(T::Analyses)) }
            <BottleneckPanel scenario={p.scenario.clone()} ready={p.ready} cancelled={p.cancelled} invalid={p.invalid} narrow={p.narrow} lang={p.lang} answers={p.answers.clone()} />
            <TargetPanel scenario={p.scenario.clone()} ready={p.ready} cancelled={p.cancelled} invalid={p.invalid} lang={p.lang} embedded={p.embedded} target_link={p.target_link.clone()} answers={p.answers.clone()} dispatch={p.dispatch.clone()} />
            if p.compare {
                <ComparePanel scenario={p.scenario.clone()} saved={p.saved.clone()} ready={p.ready} cancelled={p.cancelled} invalid={p.invalid} embedded={p.embedded} narrow={p.narrow} link={p.compare_link.clone()} answers={p.answers.clone()} lang={p.lang} dispatch={p.dispatch.clone()} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PanelProps {
    scenario: Rc<Scenario>,
    ready: bool,
    #[prop_or_default]
    cancelled: bool,
    #[prop_or_default]
    invalid: bool,
    #[prop_or_default]
    narrow: bool,
    lang: Lang,
    /// In an embed: nothing is kept in the visitor's browser.
    #[prop_or_default]
    embedded: bool,
    #[prop_or_default]
    target_link: Option<(u32, Rc<str>)>,
    answers: AnswersCell,
    /// For the Target panel's question ([`Action::TargetAsked`]).
    #[prop_or_default]
    dispatch: Callback<Action>,
}

/// The target question as typed, kept over a reload (storage::TARGET_KEY): the language it was typed
/// in, the goal, the model, the goal's value, the other goal's, the period, and whether it was asked.
#[derive(Clone, PartialEq)]
struct TargetInputs {
    lang: Lang,
    metric: TargetMetric,
    model: Model,
    value: String,
    other: String,
    period: String,
    asked: bool,
}

/// The Target panel's goals, with their ids (in the select, and in the question's text form).
const METRICS: [(TargetMetric, &str); 4] = [
    (TargetMetric::CumulativeRevenue, "revenue"),
    (TargetMetric::CumulativeCustomers, "customers"),
    (TargetMetric::ActiveCustomers, "active"),
    (TargetMetric::CumulativeNet, "net"),
];

fn metric_id(m: TargetMetric) -> &'static str {
    METRICS.iter().find(|e| e.0 == m).map_or("revenue", |e| e.1)
}

fn metric_of(id: &str) -> Option<TargetMetric> {
    METRICS.iter().find(|e| e.1 == id).map(|e| e.0)
}

/// Whether a goal is an amount of money (a count of customers otherwise): the two kinds keep a typed
/// value each, and money takes a euro sign.
fn is_money(m: TargetMetric) -> bool {
    matches!(
        m,
        TargetMetric::CumulativeRevenue | TargetMetric::CumulativeNet
    )
}

impl TargetInputs {
    fn to_text(&self) -> String {
        [
            self.lang.code(),
            metric_id(self.metric),
            match self.model {
                Model::Funnel => "funnel",
                Model::Flywheel => "flywheel",
            },
            &self.value,
            &self.other,
            &self.period,
            if self.asked { "asked" } else { "" },
        ]
        .join("\n")
    }

    fn from_text(text: &str) -> Option<TargetInputs> {
        let f: Vec<&str> = text.split('\n').collect();
        let [lang, metric, model, value, other, period, asked] = f[..] else {
            return None;
        };
        Some(TargetInputs {
            lang: Lang::from_code(lang)?,
            metric: metric_of(metric)?,
            model: match model {
                "funnel" => Model::Funnel,
                "flywheel" => Model::Flywheel,
                _ => return None,
            },
            value: value.to_string(),
            other: other.to_string(),
            period: period.to_string(),
            asked: asked == "asked",
        })
    }
}

#[function_component(BottleneckPanel)]
fn bottleneck_panel(p: &PanelProps) -> Html {
    let lang = p.lang;
    let outcome = use_state(|| Outcome::<BottleneckReport>::Idle);
    let worker = use_memo((), |_| AnalysisWorker::default());
    let retry = use_state(|| 0u32);
    let heard = use_mut_ref(Heard::default);
    let asked_for = use_mut_ref(AskedFor::default);
    {
        let outcome = outcome.clone();
        let worker = worker.clone();
        let heard = heard.clone();
        use_effect_with(
            (p.scenario.clone(), p.ready, *retry),
            move |(scenario, ready, retry)| {
                heard.borrow_mut().key_changed(scenario, *ready);
                let answered = settled(&outcome, &worker);
                let rest = retry.to_le_bytes().to_vec();
                if !*ready {
                    stand_by(&worker, &outcome);
                } else if !still_answers(&asked_for, vec![(**scenario).clone()], rest, answered) {
                    // (When only names changed, the levers are shown under the new ones: below.)
                    ask(
                        &worker,
                        &outcome,
                        &heard,
                        AnalysisKind::Bottlenecks,
                        scenario.to_json(),
                        Vec::new(),
                    );
                }
            },
        );
    }
    // The answer under the stages' names now: renamed since it was asked, or while it computed, it
    // needs no new computing.
    let answer = match &*outcome {
        Outcome::Done(report) => Some(under_names(report, &p.scenario)),
        _ => None,
    };
    p.answers.0.borrow_mut().bottlenecks = answer.clone().filter(|_| p.ready && !p.invalid);
    // The best lever in words: under the chart, and what a screen reader hears when the analysis is done.
    let lever = answer.as_ref().and_then(|report| {
        best_lever_sentence(lang, report, p.scenario.economics.revenue_per_purchase)
    });
    // While a new analysis computes, the panel keeps the height of its last answer: the Target and
    // Compare panels below would otherwise jump up by the chart's height at each edit, and back
    // (under a pointer about to press Test a change). Measured after a render of an answer that may
    // have changed its height: not at each render of the same one, such as every step of a slider
    // dragged while the answer waits for the new run (each a forced layout of the whole page, which
    // on a slow phone made the slider lag behind the finger). (Waiting for a new run adds a line only
    // after a Cancel: otherwise the line is for screen readers.)
    let panel = use_node_ref();
    let kept = use_mut_ref(|| 0);
    let measured = use_mut_ref(|| None);
    {
        let (panel, kept) = (panel.clone(), kept.clone());
        let done = matches!(*outcome, Outcome::Done(_));
        let shape = answer
            .as_ref()
            .map(|r| (Rc::as_ptr(r) as usize, p.narrow, lang, p.cancelled));
        let changed = done && *measured.borrow() != shape;
        if changed {
            *measured.borrow_mut() = shape;
        }
        use_effect(move || super::keep_height(&panel, &kept, !done, changed));
    }
    let spoken = answer
        .as_ref()
        .and_then(|report| best_lever(report))
        .map(|l| format!("{}: {}.", lang.t(T::BestLever), l.name));
    // Until the first answer, room for it (after it, `kept` does that): hidden where they will be, the
    // chart of the scenario's stages (all bars drawn, so as tall) and a sentence about as long as its
    // (the +10% gains alike, as they come out without segments, which adds the note on them). The
    // panels below then stay put when the answer comes. (The status line floats over the room meanwhile,
    // main.css: the answer's is hidden.)
    let room =
        (*kept.borrow() == 0 && !p.invalid && matches!(*outcome, Outcome::Idle | Outcome::Busy(_)))
            .then(|| {
                let s = &p.scenario;
                let alike = s.segments.is_empty();
                let gain = |mean: f64| crate::sim::Gain {
                    mean,
                    p95: mean,
                    ..Default::default()
                };
                Rc::new(BottleneckReport {
                    levers: (s.stages.iter().enumerate())
                        .map(|(stage, t)| crate::sim::Lever {
                            stage,
                            name: t.name.clone(),
                            plus_one_point: gain(10.0),
                            plus_ten_percent: gain(if alike || stage == 0 { 10.0 } else { 5.0 }),
                        })
                        .collect(),
                    ..Default::default()
                })
            });
    // (The tornado's caption says what +10% gives with segments.)
    let segments = !p.scenario.segments.is_empty();
    html! {
        <div class="panel analysis" id="bottlenecks" ref={panel}>
            { text_el!("h3"; lang.t(T::BottlenecksTitle)) }
            { text_el!("p", "class" = "hint"; lang.t(T::BottlenecksHint)) }
            // The best lever's name only (its sentence is under the chart); heard when asked with Compute
            // again, not after each run, whose summary the main status line says.
            { status_line(lang, &outcome.shape(), p.ready, p.invalid, p.cancelled, "bottlenecks-why", "tornado-chart", spoken, heard.borrow().now, stop_and_again(&worker, &outcome, &retry)) }
            if let Some(report) = &answer {
                <TornadoChart id="tornado-chart" title={lang.t(T::TornadoTitle)} {lang} report={report.clone()} narrow={p.narrow} {segments} />
                if let Some(text) = lever {
                    { el!("p", "id" = "best-lever", "class" = "hint"; text) }
                }
            }
            if let Some(report) = room {
                <div class="answer-room" aria-hidden="true">
                    <TornadoChart id="tornado-room" title={lang.t(T::TornadoTitle)} {lang} report={report.clone()} narrow={p.narrow} {segments} />
                    { el!("p", "class" = "hint"; best_lever_sentence(lang, &report, p.scenario.economics.revenue_per_purchase).unwrap_or_default()) }
                </div>
            }
        </div>
    }
}

/// `report` with each lever under its stage's name in `scenario` (the same report when none differs).
fn under_names(report: &Rc<BottleneckReport>, scenario: &Scenario) -> Rc<BottleneckReport> {
    let name = |l: &crate::sim::Lever| scenario.stages.get(l.stage).map(|s| &s.name);
    if report
        .levers
        .iter()
        .all(|l| name(l).is_none_or(|n| *n == l.name))
    {
        return report.clone();
    }
    let mut r = (**report).clone();
    for l in &mut r.levers {
        if let Some(n) = name(l) {
            l.name.clone_from(n);
        }
    }
    Rc::new(r)
}

/// The best lever: the first (levers are sorted by the gain of +1 point), when it gains anything.
fn best_lever(report: &BottleneckReport) -> Option<&crate::sim::Lever> {
    report
        .levers
        .first()
        .filter(|l| l.plus_one_point.mean > 0.0)
}

/// The best lever in words, with what its gains are worth at the price (the funnel's revenue is its
/// customers times the price): `None` when no stage gains anything.
fn best_lever_sentence(lang: Lang, report: &BottleneckReport, price: f64) -> Option<String> {
    let best = best_lever(report)?;
    let (name, a, b) = (
        &best.name,
        best.plus_one_point.mean,
        best.plus_ten_percent.mean,
    );
    // "About" a sum: whole euros from €100 on (not "€366.18"), cents below.
    let m = |x: f64| lang.money_in(x, x.abs() >= 100.0);
    let (ra, rb) = (m(a * price), m(b * price));
    // A mean: one decimal while it is small ("0.4 customers"), whole from 10 on ("630", not "629.8"),
    // as the chart's table shows it.
    let n = |x: f64| super::charts::gain_number(lang, x);
    let (a, b) = (n(a), n(b));
    // "about 1 customer", not "1 customers" (the number as printed decides).
    let (one, many) = match lang {
        Lang::En => ("customer", "customers"),
        Lang::Nl => ("klant", "klanten"),
    };
    let who = if a == "1" { one } else { many };
    let mut text = match lang {
        Lang::En => format!("{}: {name}. By the end, +1 percentage point there adds about {a} {who} to the funnel ({ra} of revenue); +10% relative, about {b} ({rb}).", lang.t(T::BestLever)),
        Lang::Nl => format!("{}: {name}. Aan het einde levert +1 procentpunt daar ongeveer {a} {who} extra op in de trechter ({ra} omzet); +10% relatief ongeveer {b} ({rb}).", lang.t(T::BestLever)),
    };
    // Without segments or delays every stage's +10% gives about the same (the stages multiply): then
    // +1 point is best where the rate is lowest, and the sentence must not read as "fix this one".
    let tens: Vec<f64> = report
        .levers
        .iter()
        .map(|l| l.plus_ten_percent.mean)
        .collect();
    let top = tens.iter().cloned().fold(0.0, f64::max);
    if report.levers.len() > 1 && top > 0.0 && tens.iter().all(|&t| t >= 0.95 * top) {
        text.push(' ');
        text.push_str(lang.t(T::LeverTenEqual));
    }
    Some(text)
}

#[function_component(TargetPanel)]
fn target_panel(p: &PanelProps) -> Html {
    let lang = p.lang;
    let periods = p.scenario.periods;
    // From the share link that opened the page, or as typed before a reload (an embed keeps
    // nothing), else the defaults.
    let from_link =
        |t: &Option<(u32, Rc<str>)>| t.as_ref().and_then(|(_, t)| TargetInputs::from_text(t));
    let stored: Option<TargetInputs> = (*use_memo((), |_| {
        from_link(&p.target_link).or_else(|| {
            (!p.embedded)
                .then(|| super::storage::load(super::storage::TARGET_KEY))
                .flatten()
                .and_then(|t| TargetInputs::from_text(&t))
        })
    }))
    .clone();
    let value = use_state(|| {
        stored
            .as_ref()
            .map_or("250000".to_string(), |t| t.value.clone())
    });
    // The other goal's value (customers while the goal is revenue, and the reverse).
    let other = use_state(|| {
        stored
            .as_ref()
            .map_or("200".to_string(), |t| t.other.clone())
    });
    let period = use_state(|| {
        stored
            .as_ref()
            .map_or(periods.to_string(), |t| t.period.clone())
    });
    {
        // The typed target follows the language's marks, as the scenario's inputs do (from the
        // language it was typed in before a reload).
        // Both goals' values: the other one is typed in again when its goal is chosen.
        let (value, other) = (value.clone(), other.clone());
        let shown_in = use_mut_ref(|| stored.as_ref().map_or(lang, |t| t.lang));
        use_effect_with(lang, move |&l| {
            let from = std::mem::replace(&mut *shown_in.borrow_mut(), l);
            for typed in [value, other] {
                let mut v = (*typed).clone();
                in_language(&mut v, from, l);
                if v != *typed {
                    typed.set(v);
                }
            }
        });
    }
    let metric = use_state(|| {
        stored
            .as_ref()
            .map_or(TargetMetric::CumulativeRevenue, |t| t.metric)
    });
    let model = use_state(|| stored.as_ref().map_or(Model::Funnel, |t| t.model));
    let asked = use_state(|| stored.as_ref().is_some_and(|t| t.asked));
    {
        // A link opened while the page runs brings its question too (in the page's language).
        let (value, other, period) = (value.clone(), other.clone(), period.clone());
        let (metric, model, asked) = (metric.clone(), model.clone(), asked.clone());
        use_effect_with(p.target_link.clone(), move |t| {
            if let Some(t) = from_link(t) {
                let (mut v, mut o) = (t.value, t.other);
                in_language(&mut v, t.lang, lang);
                in_language(&mut o, t.lang, lang);
                value.set(v);
                other.set(o);
                period.set(t.period);
                metric.set(t.metric);
                model.set(t.model);
                asked.set(t.asked);
            }
        });
    }
    let inputs = TargetInputs {
        lang,
        metric: *metric,
        model: *model,
        value: (*value).clone(),
        other: (*other).clone(),
        period: (*period).clone(),
        asked: *asked,
    };
    {
        // Kept over a reload, and in the app's state for Restore (a link's question replaces it).
        let dispatch = p.dispatch.clone();
        use_effect_with((inputs.clone(), p.embedded), move |(inputs, embedded)| {
            if !embedded {
                let text = inputs.to_text();
                super::storage::save(super::storage::TARGET_KEY, &text);
                dispatch.emit(Action::TargetTyped(Rc::from(text)));
            }
        });
    }
    let outcome = use_state(|| Outcome::<TargetReport>::Idle);
    let retry = use_state(|| 0u32);
    let heard = use_mut_ref(Heard::default);
    let worker = use_memo((), |_| AnalysisWorker::default());
    // What the question's effect last saw besides the typed value and period, and a count of its calls.
    type Around = (Rc<Scenario>, bool, bool, u32, (TargetMetric, Model));
    let typed = use_mut_ref(|| (None::<Around>, 0u64));
    let asked_for = use_mut_ref(AskedFor::default);
    {
        // A period left at the end of the horizon follows a new horizon; a typed one stays.
        let period = period.clone();
        let last = use_mut_ref(|| periods);
        use_effect_with(periods, move |&n| {
            let old = std::mem::replace(&mut *last.borrow_mut(), n);
            if period.trim() == old.to_string() {
                period.set(n.to_string());
            }
        });
    }

    // "€250000" is a revenue target; a number of customers takes no sign, nor does a period.
    let sign = is_money(*metric).then_some('€');
    // Read as the scenario's inputs are: "600.000" is 600000 in Dutch.
    let read_value = |t: &str| read_for_in(t, |_| true, Some(lang.group_mark()));
    let value_error = match read_value(&value) {
        _ if !signs_fit(&value, sign) => Some(Problem::NotANumber.message(lang)),
        // (Revenue minus spend may be a loss to stay within.)
        Ok(v) if v >= 0.0 || *metric == TargetMetric::CumulativeNet => None,
        // Letters: "Enter a number.", as at every other input; a negative number: the target's range.
        Err(p @ (Problem::Ambiguous { .. } | Problem::NotANumber)) => Some(p.message(lang)),
        _ => Some(lang.t(T::TargetInvalidValue).to_string()),
    };
    // Read as the scenario's whole-number fields are: "24", "24.0" and "24,0" are period 24.
    let fits = whole_between(1.0, f64::from(periods));
    let by_period = match read_for(&period, &fits) {
        Ok(t) if signs_fit(&period, None) && fits(t) => Some(t as u32),
        _ => None,
    };
    let period_error = by_period
        .is_none()
        .then(|| format!("{} {periods}.", lang.t(T::TargetInvalidPeriod)));
    let query = match (value_error.is_none(), period_error.is_none()) {
        (true, true) => Some(TargetQuery {
            metric: *metric,
            model: *model,
            value: read_value(&value).unwrap_or(0.0),
            by_period: by_period.unwrap_or(1) - 1,
        }),
        _ => None,
    };
    {
        // What a link to this page may carry: the question while it is asked and reads.
        let text = (*asked && query.is_some()).then(|| inputs.to_text());
        let dispatch = p.dispatch.clone();
        use_effect_with(text, move |t| {
            dispatch.emit(Action::TargetAsked(t.as_deref().map(Rc::from)));
        });
    }
    {
        // Recompute when asked, and again when the scenario or the question changes.
        let outcome = outcome.clone();
        let worker = worker.clone();
        let key = (p.scenario.clone(), p.ready, query.clone(), *asked, *retry);
        let heard = heard.clone();
        let (typed, chosen) = (typed.clone(), (*metric, *model));
        let asked_for = asked_for.clone();
        use_effect_with(key, move |(scenario, ready, query, asked, retry)| {
            heard.borrow_mut().key_changed(scenario, *ready);
            // Only the typed value or period changed: asked after the pause of a typed scenario edit,
            // so that typing "250000" starts one analysis, not six (each a worker per core restarted).
            let around = (scenario.clone(), *ready, *asked, *retry, chosen);
            let (pause, generation) = {
                let mut t = typed.borrow_mut();
                let pause = t.0.as_ref() == Some(&around);
                t.0 = Some(around);
                t.1 += 1;
                (pause, t.1)
            };
            if let (true, true, Some(q)) = (*ready, *asked, query) {
                let q = wire::encode(q);
                let rest = [&q[..], &retry.to_le_bytes()].concat();
                let answered = settled(&outcome, &worker);
                if still_answers(&asked_for, vec![(**scenario).clone()], rest, answered) {
                    return;
                }
                let json = scenario.to_json();
                if !pause {
                    ask(&worker, &outcome, &heard, AnalysisKind::Target, json, q);
                    return;
                }
                // The answer to the question before goes at once.
                worker.cancel();
                outcome.set(Outcome::Busy(0.0));
                yew::platform::spawn_local(async move {
                    gloo::timers::future::TimeoutFuture::new(super::runner::DEBOUNCE_MS).await;
                    if typed.borrow().1 == generation {
                        ask(&worker, &outcome, &heard, AnalysisKind::Target, json, q);
                    }
                });
            } else if !*ready {
                stand_by(&worker, &outcome);
            } else if query.is_none() {
                // The question no longer reads (e.g. its period is past a shortened horizon): an
                // answer to the old one must not stay on screen as if it were this one's.
                worker.cancel();
                outcome.set(Outcome::Idle);
            }
        });
    }
    let text_input = |id: &'static str, state: &UseStateHandle<String>, error: &Option<String>| {
        let oninput = input_into(state);
        let err_id = format!("{id}-error");
        html! {
            <>
                <input {id} type="text" inputmode="decimal" value={(**state).clone()} {oninput}
                    aria-invalid={error.is_some().to_string()} aria-describedby={error.as_ref().map(|_| err_id.clone())} />
                if let Some(e) = error { <span class="field-error" id={err_id}>{ e.clone() }</span> }
            </>
        }
    };
    let on_metric = {
        // Each goal keeps its own typed value: 250,000 of revenue is not a number of customers.
        let (metric, value, other) = (metric.clone(), value.clone(), other.clone());
        Callback::from(move |e: Event| {
            let id = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            let m = metric_of(&id).unwrap_or(TargetMetric::CumulativeRevenue);
            // (Customers won and customers still active are both counts, revenue and revenue minus
            // spend both money: one value serves each kind.)
            if is_money(m) != is_money(*metric) {
                let mut v = (*other).clone();
                with_decimal_mark(&mut v, lang.decimal_mark());
                other.set((*value).clone());
                value.set(v);
            }
            metric.set(m);
        })
    };
    let on_model = select_into(&model, |v| {
        if v == "flywheel" {
            Model::Flywheel
        } else {
            Model::Funnel
        }
    });
    let on_compute = ask_button(&asked, &retry, &outcome);
    p.answers.0.borrow_mut().target = match (&*outcome, query.clone()) {
        (Outcome::Done(r), Some(q)) if p.ready && *asked && !p.invalid => Some((q, r.clone())),
        _ => None,
    };
    // The answer, and the same in a sentence for the status line's live region (the list itself is
    // not live: read out as one string, "Chance to reach it71%Median period…").
    let (result, said) = match &*outcome {
        Outcome::Done(r) => {
            let median = r.median_first_period();
            let chance = lang.chance(r.probability, 1);
            let when = median
                .map(|t| {
                    format!(
                        "{} {}",
                        lang.t(if p.scenario.period_unit == PeriodUnit::Week {
                            T::Week
                        } else {
                            T::Month
                        }),
                        t + 1
                    )
                })
                .unwrap_or_else(|| lang.t(T::TargetNever).to_string());
            let said = format!(
                "{}: {chance}. {}: {when}.",
                lang.t(T::TargetProbability),
                lang.t(T::TargetMedianPeriod)
            );
            (
                Some(html! {
                    <dl class="target-result" id="target-result">
                        { text_el!("dt"; lang.t(T::TargetProbability)) }
                        { el!("dd", "id" = "target-probability"; chance) }
                        { text_el!("dt"; lang.t(T::TargetMedianPeriod)) }
                        { el!("dd", "id" = "target-median-period"; when) }
                    </dl>
                }),
                Some(said),
            )
        }
        _ => (None, None),
    };
    html! {
        <div class="panel analysis" id="target">
            { text_el!("h3"; lang.t(T::TargetTitle)) }
            <div class="field-row">
                <div class="field">
                    { text_el!("label", "for" = "target-metric"; lang.t(T::TargetMetricLabel)) }
                    <select id="target-metric" onchange={on_metric}>
                        { super::option_text("revenue", *metric == TargetMetric::CumulativeRevenue, lang.tc(T::TargetRevenue).into()) }
                        { super::option_el("customers", *metric == TargetMetric::CumulativeCustomers, lang.t(T::TargetCustomers)) }
                        { super::option_el("active", *metric == TargetMetric::ActiveCustomers, lang.t(T::TargetActive)) }
                        { super::option_text("net", *metric == TargetMetric::CumulativeNet, lang.tc(T::TargetNet).into()) }
                    </select>
                </div>
                <div class="field">
                    { text_el!("label", "for" = "target-value"; lang.t(T::TargetValue)) }
                    { text_input("target-value", &value, &value_error) }
                </div>
                <div class="field">
                    { text_el!("label", "for" = "target-period"; lang.t(T::TargetBy)) }
                    { text_input("target-period", &period, &period_error) }
                </div>
                <div class="field">
                    { text_el!("label", "for" = "target-model"; lang.t(T::Model)) }
                    <select id="target-model" onchange={on_model}>
                        { super::option_el("funnel", *model == Model::Funnel, lang.t(T::Funnel)) }
                        { super::option_el("flywheel", *model == Model::Flywheel, lang.t(T::Flywheel)) }
                    </select>
                </div>
            </div>
            // Churn is part of the flywheel: the funnel's customers still active are all it won.
            if *metric == TargetMetric::ActiveCustomers && *model == Model::Funnel {
                { el!("p", "id" = "target-funnel-active", "class" = "hint"; lang.t(T::TargetFunnelKeeps)) }
            }
            if *metric == TargetMetric::CumulativeNet {
                { el!("p", "id" = "target-net-hint", "class" = "hint"; lang.t(T::TargetNetHint)) }
            }
            <button id="target-compute" type="button" onclick={on_compute} disabled={query.is_none() || p.invalid} aria-describedby={p.invalid.then_some("target-why")}>{ lang.t(T::Compute) }</button>
            // One node after the button whatever it holds: yew matches unkeyed children from the end, so
            // an answer appended here would replace the button (and lose its focus). The status line
            // says the answer when it comes; the answer is one node too (a fragment: `for` alone adds
            // its items to the list, which then replaced the status line).
            <div class="target-answer">
                { status_line(lang, &outcome.shape(), p.ready || !*asked, p.invalid, p.cancelled, "target-why", "target-compute", said, heard.borrow().now, stop_and_again(&worker, &outcome, &retry)) }
                <>{ for result }</>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct CompareProps {
    scenario: Rc<Scenario>,
    saved: Rc<Vec<SavedScenario>>,
    ready: bool,
    cancelled: bool,
    invalid: bool,
    embedded: bool,
    narrow: bool,
    link: Option<(u32, Rc<str>, bool)>,
    answers: AnswersCell,
    lang: Lang,
    dispatch: Callback<Action>,
}

/// The select value of a saved scenario: its name (unique in the list), after a prefix that keeps it
/// apart from "current". By name, not by place, so that a deletion never moves a choice to another one.
fn saved_key(name: &str) -> String {
    format!("s:{name}")
}

/// "current" or a saved scenario's key; a saved one under its name in the list (renamed there, or a
/// duplicate, it keeps the name it was saved with inside).
fn pick(saved: &[SavedScenario], current: &Rc<Scenario>, key: &str) -> Option<Scenario> {
    match key {
        "current" => Some((**current).clone()),
        k => saved
            .iter()
            .find(|s| saved_key(&s.name) == k)
            .map(|s| Scenario {
                name: s.name.clone(),
                ..s.scenario.clone()
            }),
    }
}

/// The suffixes of the copy Test a change saves, " (before)" and its Dutch: a copy made before a
/// language switch keeps the one it was made with.
fn before_suffixes() -> [String; 2] {
    [T::BeforeSuffix.en(), T::BeforeSuffix.nl()].map(|w| format!(" ({w})"))
}

/// The name a copy Test a change saved was made of: `name` without its " (before)" suffixes, in
/// either language, and their numbers ("My funnel (before) 2" → "My funnel"); any other name as it is.
fn copy_of(name: &str) -> &str {
    let mut name = name.trim();
    loop {
        let unnumbered = name
            .rsplit_once(' ')
            .filter(|(_, n)| n.parse::<u32>().is_ok())
            .map_or(name, |(rest, _)| rest);
        match before_suffixes()
            .iter()
            .find_map(|suffix| unnumbered.strip_suffix(suffix.as_str()))
        {
            Some(n) => name = n.trim_end(),
            None => return name,
        }
    }
}

#[function_component(ComparePanel)]
fn compare_panel(p: &CompareProps) -> Html {
    let lang = p.lang;
    // As chosen before a reload (a saved scenario that is gone by then is the current one again), or
    // the first saved scenario against the current one. An embed keeps nothing.
    let stored = use_memo((), |_| {
        let text = (!p.embedded)
            .then(|| super::storage::load(super::storage::COMPARE_KEY))
            .flatten()
            .unwrap_or_default();
        // A, B and (since session 19) whether the comparison was asked for, so that it follows
        // edits again after a reload.
        let mut lines = text.split('\n');
        match (lines.next(), lines.next(), lines.next()) {
            (Some(a), Some(b), asked) => {
                Some((a.to_string(), b.to_string(), asked == Some("asked")))
            }
            _ => None,
        }
    });
    let a = use_state(|| match (&*stored, p.saved.first()) {
        (Some((a, _, _)), _) => a.clone(),
        (None, Some(first)) => saved_key(&first.name),
        (None, None) => "current".to_string(),
    });
    let b = use_state(|| match &*stored {
        Some((_, b, _)) => b.clone(),
        None => "current".to_string(),
    });
    let asked = use_state(|| stored.as_ref().as_ref().is_some_and(|s| s.2));
    // After Test a change: whether its copy replaced an earlier one of that name.
    let note = use_state(|| None::<bool>);
    // The saved scenarios chosen as A and B that were deleted since: said until A or B is chosen
    // again, and not taken back by a scenario saved later under the same name.
    let gone = use_state(|| [None::<String>, None::<String>]);
    let outcome = use_state(|| Outcome::<ComparisonReport>::Idle);
    let retry = use_state(|| 0u32);
    let heard = use_mut_ref(Heard::default);
    let asked_for = use_mut_ref(AskedFor::default);
    let worker = use_memo((), |_| AnalysisWorker::default());
    // A renamed saved scenario stays chosen under its new name: a rename is the one change that
    // keeps the list's length and changes one name in place.
    let names = use_mut_ref(Vec::<String>::new);
    let renamed = {
        let mut prev = names.borrow_mut();
        let now: Vec<String> = p.saved.iter().map(|s| s.name.clone()).collect();
        let mut changed = prev.iter().zip(&now).filter(|(x, y)| x != y);
        let renamed = match (prev.len() == now.len(), changed.next(), changed.next()) {
            (true, Some((old, new)), None) => Some((saved_key(old), saved_key(new))),
            _ => None,
        };
        *prev = now;
        renamed
    };
    let follow = |choice: &UseStateHandle<String>| -> String {
        match &renamed {
            Some((old, new)) if **choice == *old => {
                choice.set(new.clone());
                new.clone()
            }
            _ => (**choice).clone(),
        }
    };
    let (fa, fb) = (follow(&a), follow(&b));
    // A choice whose saved scenario was deleted is the current scenario again, as its select shows.
    let key = |k: &str| -> String {
        if p.saved.iter().any(|s| saved_key(&s.name) == k) {
            k.to_string()
        } else {
            "current".to_string()
        }
    };
    let (ka, kb) = (key(&fa), key(&fb));
    // A choice whose saved scenario was deleted becomes the current scenario (as `follow` renames),
    // and the panel says so: the comparison changed without a choice made in it.
    let mut names = (*gone).clone();
    for (((f, k), choice), name) in [(&fa, &ka), (&fb, &kb)]
        .into_iter()
        .zip([&a, &b])
        .zip(names.iter_mut())
    {
        if let (Some(n), true) = (f.strip_prefix("s:"), f != k) {
            *name = Some(n.to_string());
            choice.set(k.clone());
        }
    }
    if names != *gone {
        gone.set(names.clone());
    }
    // The same scenario for both: said once.
    let sides: &[(&str, &Option<String>)] = if names[0].is_some() && names[0] == names[1] {
        &[("A, B", &names[0])]
    } else {
        &[("A", &names[0]), ("B", &names[1])]
    };
    let mut gone_note = String::new();
    for (side, n) in sides {
        if let Some(n) = n {
            let sep = if gone_note.is_empty() { "" } else { " " };
            gone_note = format!("{gone_note}{sep}{side}: “{n}” {}", lang.t(T::CompareGone));
        }
    }
    // A link's comparison: its other scenario (saved under `name`) against the working one.
    {
        let (a, b, asked, note) = (a.clone(), b.clone(), asked.clone(), note.clone());
        let gone = gone.clone();
        use_effect_with(p.link.clone(), move |link| {
            if let Some((_, name, is_a)) = link {
                let (other, current) = (saved_key(name), "current".to_string());
                let (x, y) = if *is_a {
                    (other, current)
                } else {
                    (current, other)
                };
                a.set(x);
                b.set(y);
                asked.set(true);
                note.set(None);
                gone.set([None, None]);
            }
        });
    }
    use_effect_with(
        (ka.clone(), kb.clone(), *asked, p.embedded),
        |(ka, kb, asked, embedded)| {
            if !embedded {
                let asked = if *asked { "asked" } else { "" };
                super::storage::save(super::storage::COMPARE_KEY, &format!("{ka}\n{kb}\n{asked}"));
            }
        },
    );
    // The selects show these choices also after the app changed them (Test a change, a rename, a
    // deletion): once a user has picked an option, a browser no longer follows the options'
    // `selected` attributes.
    let (ref_a, ref_b) = (
        super::use_select_value(ka.clone()),
        super::use_select_value(kb.clone()),
    );
    let sa = pick(&p.saved, &p.scenario, &ka);
    let sb = pick(&p.saved, &p.scenario, &kb);
    // Neither A nor B is the scenario on the page: not "current", and no saved scenario listed under
    // its name or as its "(before)" copy. A printout of this scenario then leaves the comparison out
    // (an agency's report for one client would otherwise carry another client's).
    // (Its copy in either language: one made before a language switch keeps its suffix.)
    let page = copy_of(&p.scenario.name);
    let other = [&ka, &kb].iter().all(|k| {
        *k != "current"
            && k.strip_prefix("s:")
                .is_none_or(|name| copy_of(name) != page)
    });
    let same = ka == kb;
    // A comparison with the working scenario on one side, for links: the other one under its name
    // in the list (the copy Test a change saves has it too).
    let shared = match (*asked && !same, ka.as_str(), kb.as_str()) {
        (true, "current", k) | (true, k, "current") => {
            p.saved.iter().find(|s| saved_key(&s.name) == k).map(|s| {
                (
                    Rc::new(Scenario {
                        name: s.name.clone(),
                        ..s.scenario.clone()
                    }),
                    kb == "current",
                )
            })
        }
        _ => None,
    };
    {
        let dispatch = p.dispatch.clone();
        use_effect_with(shared, move |shared| {
            dispatch.emit(Action::CompareAsked(shared.clone()))
        });
    }
    {
        let outcome = outcome.clone();
        let worker = worker.clone();
        let key = (sa.clone(), sb.clone(), p.ready, *asked, same, *retry);
        let (heard, scenario) = (heard.clone(), p.scenario.clone());
        let asked_for = asked_for.clone();
        use_effect_with(key, move |(sa, sb, ready, asked, same, retry)| {
            heard.borrow_mut().key_changed(&scenario, *ready);
            if let (true, true, false, Some(sa), Some(sb)) = (*ready, *asked, *same, sa, sb) {
                let answered = settled(&outcome, &worker);
                let both = vec![sa.clone(), sb.clone()];
                if still_answers(&asked_for, both, retry.to_le_bytes().to_vec(), answered) {
                    return;
                }
                ask(
                    &worker,
                    &outcome,
                    &heard,
                    AnalysisKind::Compare,
                    sa.to_json(),
                    sb.to_json().into_bytes(),
                );
            } else if !*ready {
                stand_by(&worker, &outcome);
            } else if *same && matches!(*outcome, Outcome::Stopped) {
                // Nothing to compute again: A and B are the same (the panel says so).
                outcome.set(Outcome::Idle);
            }
        });
    }
    let options = |selected: &str| {
        html! {
            <>
                // (Not named here: with its name the option is wider than a phone's select.)
                { super::option_el("current", selected == "current", lang.t(T::CurrentScenario)) }
                { for p.saved.iter().map(|s| {
                    let key = saved_key(&s.name);
                    let on = selected == key;
                    html! { <option selected={on} value={key}>{ s.name.clone() }</option> }
                }) }
            </>
        }
    };
    // A choice made by hand ends Test a change's note, which says what A is.
    let by_hand = |choice: &UseStateHandle<String>| {
        let (pick, note, gone) = (
            select_into(choice, str::to_string),
            note.clone(),
            gone.clone(),
        );
        Callback::from(move |e: Event| {
            note.set(None);
            gone.set([None, None]);
            pick.emit(e)
        })
    };
    let (on_a, on_b) = (by_hand(&a), by_hand(&b));
    let on_compare = ask_button(&asked, &retry, &outcome);
    let on_test = {
        let (a, b, asked, note) = (a.clone(), b.clone(), asked.clone(), note.clone());
        let (dispatch, gone) = (p.dispatch.clone(), gone.clone());
        let (scenario, saved, embedded) = (p.scenario.clone(), p.saved.clone(), p.embedded);
        Callback::from(move |_: MouseEvent| {
            // A copy; the scenario being edited keeps its own name (Save would rename it).
            let (name, kept) = test_copy_name(&scenario, &saved, lang);
            let copy = Scenario {
                name: name.clone(),
                ..(*scenario).clone()
            };
            dispatch.emit(Action::PutSaved(Rc::new(SavedScenario {
                name: name.clone(),
                scenario: copy,
            })));
            a.set(saved_key(&name));
            b.set("current".to_string());
            asked.set(true);
            note.set(Some(kept));
            gone.set([None, None]);
            // What it did, said under the buttons, was below the window of a projected page; and
            // said out (the note appears with its text, which a live region in it would not read).
            super::reveal_soon("#test-change-note");
            super::say(test_change_note(lang, kept, embedded));
        })
    };
    let report = match &*outcome {
        Outcome::Done(r) if !same => Some(r.clone()),
        _ => None,
    };
    // A flywheel that feeds itself without limit in A or B: its rows show the loop, not a forecast.
    let runaway = {
        let runs = |s: &Option<crate::sim::Scenario>| {
            s.as_ref()
                .and_then(super::controls::loop_gain)
                .is_some_and(|g| g >= 1.0)
        };
        match (runs(&sa), runs(&sb)) {
            (false, false) => None,
            (a, b) => Some(format!(
                "{} ({}).",
                lang.t(T::CompareRunaway),
                match (a, b) {
                    (true, true) => "A, B",
                    (true, false) => "A",
                    _ => "B",
                }
            )),
        }
    };
    // Different horizons: the comparison is of the values each reaches at its own end.
    let horizons = match (&sa, &sb) {
        (Some(x), Some(y)) if !same && (x.periods, x.period_unit) != (y.periods, y.period_unit) => {
            let h = |s: &crate::sim::Scenario| {
                let week = s.period_unit == crate::sim::PeriodUnit::Week;
                let word = super::app::period_word(lang, week, s.periods == 1);
                format!("{} {word}", s.periods)
            };
            // The same number of periods in other units: the results are the same per period, which
            // "end at different times" beside "the same in every trial" did not say.
            let why = if x.periods == y.periods {
                T::CompareUnits
            } else {
                T::CompareHorizons
            };
            Some(format!("{} A: {}, B: {}.", lang.t(why), h(x), h(y)))
        }
        _ => None,
    };
    // Which scenarios A and B are, in the difference chart's title: an exported chart says it too.
    // The working scenario is named as in the lists: it may carry the name of a saved one that
    // differs from it (after Test a change, of the copy A is).
    let pair = match (&sa, &sb) {
        (Some(x), Some(y)) => {
            let name = |s: &crate::sim::Scenario, k: &str| {
                if k == "current" {
                    format!("{} ({})", s.name, lang.t(T::BeingEdited))
                } else {
                    s.name.clone()
                }
            };
            Some((name(x, &ka), name(y, &kb)))
        }
        _ => None,
    };
    let names = pair
        .as_ref()
        .map(|(x, y)| format!(": A = {x}, B = {y}"))
        .unwrap_or_default();
    // For the results summary file: the comparison on screen, when this scenario is A or B (as for
    // a printout).
    p.answers.0.borrow_mut().comparison = match (&report, pair) {
        (Some(r), Some((x, y))) if p.ready && !p.invalid && !other => Some((x, y, r.clone())),
        _ => None,
    };
    html! {
        <div class={classes!("panel", "analysis", other.then_some("other-scenarios"))} id="compare">
            { text_el!("h3"; lang.t(T::CompareTitle)) }
            { el!("p", "class" = "hint"; format!("{} {}", lang.t(T::CompareHint), lang.t(if p.embedded { T::CompareStartEmbed } else { T::CompareStart }))) }
            <div class="field-row">
                <div class="field">
                    { text_el!("label", "for" = "compare-a"; lang.t(T::ScenarioA)) }
                    <select id="compare-a" ref={ref_a} onchange={on_a}>{ options(&ka) }</select>
                </div>
                <div class="field">
                    { text_el!("label", "for" = "compare-b"; lang.t(T::ScenarioB)) }
                    <select id="compare-b" ref={ref_b} onchange={on_b}>{ options(&kb) }</select>
                </div>
            </div>
            <div class="button-row">
                <button id="compare-run" type="button" onclick={on_compare} disabled={same || p.invalid} aria-describedby={p.invalid.then_some("compare-why")}>{ lang.t(T::CompareButton) }</button>
                // It saves the last valid scenario as A: not while the inputs say something else.
                <button id="test-change" type="button" class="secondary" onclick={on_test} disabled={p.invalid}
                    aria-describedby={p.invalid.then_some("compare-why")}>{ lang.t(T::TestAChange) }</button>
            </div>
            // Until A is picked by hand or its copy is deleted.
            if let (Some(replaced), true) = (*note, ka != "current") {
                { el!("p", "id" = "test-change-note", "class" = "hint"; test_change_note(lang, replaced, p.embedded)) }
            }
            if !gone_note.is_empty() { { el!("p", "id" = "compare-gone", "role" = "status", "class" = "hint warning"; gone_note) } }
            if let Some(h) = horizons { { el!("p", "id" = "compare-horizons", "class" = "hint warning"; h) } }
            if let Some(w) = runaway { { el!("p", "id" = "compare-runaway", "class" = "hint warning"; w) } }
            // (A status: it answers the reader's choice of A and B.)
            if same && *asked { { text_el!("p", "class" = "analysis-status", "role" = "status"; lang.t(T::ChooseTwo)) } }
            { status_line(lang, &outcome.shape(), p.ready || !*asked, p.invalid, p.cancelled, "compare-why", "compare-run", report.as_ref().map(|r| compare_done(lang, r)), heard.borrow().now, stop_and_again(&worker, &outcome, &retry)) }
            if let Some(r) = report {
                { comparison_view(lang, &r, p.narrow, &names) }
            }
        </div>
    }
}

/// The name of the copy Test a change saves of `scenario` as A, "My funnel (before)", and whether an
/// earlier copy with other inputs keeps that name: the new one is then "My funnel (before) 2" (it used
/// to replace the earlier one, a planner's first baseline, which nothing gave back). A copy with the
/// same inputs is the one to reuse. A scenario that is itself a copy ("My funnel (before)" or its
/// "2", loaded back) makes "My funnel (before)" again, not "(before) (before)"; nor "(before)
/// (uitgangspunt)" after a switch to Dutch.
fn test_copy_name(scenario: &Scenario, saved: &[SavedScenario], lang: Lang) -> (String, bool) {
    let base = format!("{} ({})", copy_of(&scenario.name), lang.t(T::BeforeSuffix));
    let other = |n: &str| {
        saved.iter().any(|s| {
            s.name == n
                && Scenario {
                    name: n.to_string(),
                    ..s.scenario.clone()
                } != Scenario {
                    name: n.to_string(),
                    ..scenario.clone()
                }
        })
    };
    let names = std::iter::once(base.clone()).chain((2..).map(|k| format!("{base} {k}")));
    let name = super::state::first_free(names, other);
    // (A numbered copy with these inputs, reused, is no new one.)
    let kept = name != base && !saved.iter().any(|s| s.name == name);
    (name, kept)
}

/// The note after Test a change: what A and B are, that an earlier copy is kept, and (not in an
/// embed, which has no saved scenarios) how to go back.
fn test_change_note(lang: Lang, kept: bool, embedded: bool) -> String {
    let mut s = lang.t(T::TestAChangeDone).to_string();
    for (on, t) in [(kept, T::TestAChangeKept), (!embedded, T::TestAChangeBack)] {
        if on {
            s.push(' ');
            s.push_str(lang.t(t));
        }
    }
    s
}

/// The comparison in one sentence, for a screen reader: the chance that B beats A in the quantity
/// it is shown by ([`shown`]), and in how many trials they are level.
fn compare_done(lang: Lang, r: &ComparisonReport) -> String {
    let Some((label, _, _, d)) = shown(r) else {
        return lang.t(T::CompareSame).to_string();
    };
    format!(
        "{} ({}): {}{}.",
        lang.t(T::PBeatsA),
        lang.t(label),
        lang.chance(d.probability_b_greater, 1),
        level_note(lang, d)
    )
}

/// " (level in 80.6%)" where A and B are level in some trials: beside the chance that B beats A,
/// so that trials where B is not behind do not read as losses.
fn level_note(lang: Lang, d: &Difference) -> String {
    if d.probability_equal >= 0.0005 {
        format!(
            " ({} {})",
            lang.t(T::LevelIn),
            lang.chance(d.probability_equal, 1)
        )
    } else {
        String::new()
    }
}

/// The quantity a comparison is shown by (its chart and its announcement): the first of the funnel's
/// customers, the flywheel's, its customers still active, the funnel's revenue and the flywheel's,
/// and their revenue minus spend, that differs in some trial (a change to the flywheel only, to
/// churn, to the price, to the cost per lead); with its row
/// label, chart title and whether it is money. None when nothing differs.
fn shown(r: &ComparisonReport) -> Option<(T, T, bool, &Difference)> {
    [
        (
            T::FunnelCustomers,
            T::DifferenceChartTitle,
            false,
            &r.funnel_customers,
        ),
        (
            T::FlywheelCustomers,
            T::DifferenceChartTitleFly,
            false,
            &r.flywheel_customers,
        ),
        (
            T::FlywheelActive,
            T::DifferenceChartTitleActive,
            false,
            &r.flywheel_active_customers,
        ),
        (
            T::FunnelRevenue,
            T::DifferenceChartTitleRevenue,
            true,
            &r.funnel_revenue,
        ),
        (
            T::FlywheelRevenue,
            T::DifferenceChartTitleRevenueFly,
            true,
            &r.flywheel_revenue,
        ),
        (
            T::FunnelProfit,
            T::DifferenceChartTitleProfit,
            true,
            &r.funnel_profit,
        ),
        (
            T::FlywheelProfit,
            T::DifferenceChartTitleProfitFly,
            true,
            &r.flywheel_profit,
        ),
    ]
    .into_iter()
    .find(|q| q.3.probability_equal < 1.0)
}

fn comparison_view(lang: Lang, r: &ComparisonReport, narrow: bool, names: &str) -> Html {
    let rows: [(T, &Difference, bool); 7] = [
        (T::FunnelCustomers, &r.funnel_customers, false),
        (T::FunnelRevenue, &r.funnel_revenue, true),
        (T::FunnelProfit, &r.funnel_profit, true),
        (T::FlywheelCustomers, &r.flywheel_customers, false),
        (T::FlywheelActive, &r.flywheel_active_customers, false),
        (T::FlywheelRevenue, &r.flywheel_revenue, true),
        (T::FlywheelProfit, &r.flywheel_profit, true),
    ];
    // Counts: the means with one decimal each ("29.0" under "24.7"), the percentiles (order statistics
    // of whole numbers) without.
    // A row's amounts all whole once one is €100 or more.
    let whole = |d: &Difference| {
        let s = &d.summary;
        [s.mean, s.p5, s.p95].iter().any(|v| v.abs() >= 100.0)
    };
    let fmt = |v: f64, money: bool, decimals: usize, d: &Difference| {
        if money {
            lang.money_in(v, whole(d))
        } else {
            lang.fixed(v, decimals)
        }
    };
    // A decimal lines the means up while they are small ("29.0" under "24.7"); among hundreds of
    // customers it is a precision the trials do not have ("1,239.5"): then all are whole.
    let mean_decimals = if rows
        .iter()
        .any(|(_, d, money)| !money && d.summary.mean.abs() >= 100.0)
    {
        0
    } else {
        1
    };
    // The same result in every trial (B is A, or differs in nothing that counts): "0%" would read as
    // "B always loses". Not a live region: the panel's status line, which said "Computing…", says it
    // (`compare_done`); a second region with the same words made a screen reader say it twice.
    let Some((_, title, money, shown)) = shown(r) else {
        return text_el!("p", "id" = "compare-same", "class" = "analysis-status"; lang.t(T::CompareSame));
    };
    html! {
        <>
            // Scrolls inside its region on a phone instead of widening the page.
            <div class="table-wrap" tabindex="0" role="region" aria-label={lang.t(T::PBeatsA)}>
            <table class="comparison" id="comparison">
                { text_el!("caption"; lang.t(T::PBeatsA)) }
                <thead><tr>
                    { text_el!("th", "scope" = "col"; lang.t(T::Quantity)) }
                    { text_el!("th", "scope" = "col"; lang.t(T::MeanDifference)) }
                    { text_el!("th", "scope" = "col"; lang.t(T::Interval90)) }
                    { text_el!("th", "scope" = "col"; lang.t(T::PBeatsA)) }
                </tr></thead>
                <tbody>
                    // Without churn in A and B the customers still active are those ever won: that
                    // row would say it twice (as the results table leaves it out).
                    { for rows.iter().filter(|(label, d, _)| *label != T::FlywheelActive || *d != &r.flywheel_customers).map(|(label, d, money)| html! {
                        <tr>
                            { el!("th", "scope" = "row"; lang.t(*label)) }
                            { el!("td"; fmt(d.summary.mean, *money, mean_decimals, d)) }
                            // Each amount whole on its line: the interval may wrap only after its dash.
                            <td><span class="nw">{ fmt(d.summary.p5, *money, 0, d) }</span>{ "\u{a0}– " }<span class="nw">{ fmt(d.summary.p95, *money, 0, d) }</span></td>
                            // The same in every trial: "0%" would read as "B always loses".
                            if d.probability_equal >= 1.0 {
                                { text_el!("td", "class" = "p-beats same"; lang.t(T::SameEveryTrial)) }
                            } else {
                                <td class="p-beats">{ lang.chance(d.probability_b_greater, 1) }
                                    if d.probability_equal >= 0.0005 {
                                        { el!("span", "class" = "level"; format!("{} {}", lang.t(T::LevelIn), lang.chance(d.probability_equal, 1))) }
                                    }
                                </td>
                            }
                        </tr>
                    }) }
                </tbody>
            </table>
            </div>
            // The first quantity that differs (`shown`).
            <HistogramChart id="difference-chart" title={format!("{}{names}", lang.t(title))}
                x_label={if money { lang.tc(T::DifferenceAxisMoney) } else { lang.t(T::DifferenceAxis).into() }} histogram={shown.histogram.clone()} summary={shown.summary.clone()}
                {money} {lang} class="difference" {narrow} sub=true />
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::best_lever_sentence;
    use crate::sim::{BottleneckReport, Gain, Lever};
    use crate::ui::i18n::Lang;

    #[test]
    fn levers_are_shown_under_the_stages_names_and_the_same_report_serves_when_none_changed() {
        let scenario = crate::sim::Scenario::default_five_stage();
        let lever = |stage: usize, name: &str| Lever {
            stage,
            name: name.into(),
            ..Default::default()
        };
        let asked = std::rc::Rc::new(BottleneckReport {
            levers: vec![
                lever(1, &scenario.stages[1].name),
                lever(0, &scenario.stages[0].name),
            ],
            ..Default::default()
        });
        assert!(std::rc::Rc::ptr_eq(
            &super::under_names(&asked, &scenario),
            &asked
        ));
        let mut renamed = scenario.clone();
        renamed.stages[0].name = "Reach".into();
        let shown = super::under_names(&asked, &renamed);
        let names: Vec<&str> = shown.levers.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, [scenario.stages[1].name.as_str(), "Reach"]);
        // Nothing else in the report changes.
        assert_eq!(
            shown.levers[0].plus_one_point,
            asked.levers[0].plus_one_point
        );
        // A lever of a stage the scenario no longer has keeps its name.
        let gone = std::rc::Rc::new(BottleneckReport {
            levers: vec![lever(9, "Old")],
            ..Default::default()
        });
        assert_eq!(super::under_names(&gone, &renamed).levers[0].name, "Old");
    }

    #[test]
    fn test_a_change_numbers_its_copy_instead_of_replacing_an_earlier_baseline() {
        use super::{test_copy_name, SavedScenario};
        let mut plan = crate::sim::Scenario {
            name: "Plan".into(),
            ..crate::ui::state::default_scenario(Lang::En)
        };
        let saved = |name: &str, s: &crate::sim::Scenario| SavedScenario {
            name: name.into(),
            scenario: crate::sim::Scenario {
                name: name.into(),
                ..s.clone()
            },
        };
        assert_eq!(
            test_copy_name(&plan, &[], Lang::En),
            ("Plan (before)".into(), false)
        );
        // The same inputs under that name: the copy is that one.
        let first = saved("Plan (before)", &plan);
        assert_eq!(
            test_copy_name(&plan, std::slice::from_ref(&first), Lang::En),
            ("Plan (before)".into(), false)
        );
        // Changed since: the earlier copy stays, the new one is numbered, and the next free number.
        plan.periods = 36;
        assert_eq!(
            test_copy_name(&plan, std::slice::from_ref(&first), Lang::En),
            ("Plan (before) 2".into(), true)
        );
        let second = saved(
            "Plan (before) 2",
            &crate::ui::state::default_scenario(Lang::En),
        );
        assert_eq!(
            test_copy_name(&plan, &[first.clone(), second], Lang::En).0,
            "Plan (before) 3"
        );
        // The numbered copy, pressed again without an edit: that copy, and no note of a new one.
        let numbered = saved("Plan (before) 2", &plan);
        assert_eq!(
            test_copy_name(&plan, &[first.clone(), numbered], Lang::En),
            ("Plan (before) 2".into(), false)
        );
        // A copy loaded back, in either language, with or without its number, makes the same name.
        for name in [
            "Plan (before) 2",
            "Plan (uitgangspunt)",
            "Plan (before) (before)",
        ] {
            let copy = crate::sim::Scenario {
                name: name.into(),
                ..crate::ui::state::default_scenario(Lang::En)
            };
            assert_eq!(
                test_copy_name(&copy, &[], Lang::Nl).0,
                "Plan (uitgangspunt)"
            );
        }
        // A name that only ends in a number keeps it.
        let year = crate::sim::Scenario {
            name: "Plan 2027".into(),
            ..crate::ui::state::default_scenario(Lang::En)
        };
        assert_eq!(test_copy_name(&year, &[], Lang::En).0, "Plan 2027 (before)");
    }

    #[test]
    fn the_test_a_change_note_says_what_applies() {
        let note = |kept, embedded| super::test_change_note(Lang::En, kept, embedded);
        assert!(note(false, false).ends_with("To go back, load A under Saved scenarios."));
        assert!(!note(false, false).contains("earlier copy"));
        assert!(note(true, false)
            .contains(" The earlier copy keeps its name, so this one is numbered. To go back"));
        // An embed has no saved scenarios to go back to.
        assert!(!note(true, true).contains("Saved scenarios"));
        assert!(super::test_change_note(Lang::Nl, false, true).starts_with("Het huidige scenario"));
    }

    #[test]
    fn the_best_lever_sentence_says_one_customer_in_the_singular() {
        let report = |a: f64, b: f64| BottleneckReport {
            levers: vec![Lever {
                name: "Interesse".into(),
                plus_one_point: Gain {
                    mean: a,
                    ..Gain::default()
                },
                plus_ten_percent: Gain {
                    mean: b,
                    ..Gain::default()
                },
                ..Lever::default()
            }],
            ..BottleneckReport::default()
        };
        let nl = best_lever_sentence(Lang::Nl, &report(1.02, 3.0), 100.0).unwrap();
        assert!(nl.contains("ongeveer 1 klant extra op"), "{nl}");
        let en = best_lever_sentence(Lang::En, &report(1.0, 3.0), 100.0).unwrap();
        assert!(en.contains("adds about 1 customer to the funnel"), "{en}");
        let en = best_lever_sentence(Lang::En, &report(1.06, 3.0), 100.0).unwrap();
        assert!(
            en.contains("adds about 1.1 customers to the funnel"),
            "{en}"
        );
        // What a gain is worth: whole euros from €100 (3.6618 customers at €100), cents below.
        let en = best_lever_sentence(Lang::En, &report(3.6618, 0.004), 100.0).unwrap();
        assert!(
            en.contains("(€366 of revenue)") && en.contains("(€0.40)"),
            "{en}"
        );
        // Nothing to gain: no sentence.
        assert_eq!(
            best_lever_sentence(Lang::En, &report(0.0, 0.0), 100.0),
            None
        );
    }
}
