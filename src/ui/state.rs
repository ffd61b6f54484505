//! Application state and the actions that change it (a `use_reducer` reducer, as in yew's
//! `function_todomvc`). Pure logic: no web imports, tested natively.

use std::rc::Rc;

use yew::Reducible;

use crate::sim::{
    ArrivalDistribution, Currency, PeriodUnit, RunResult, Scenario, MAX_SEGMENTS, MAX_STAGES,
};

use super::form::{
    rounded, scenario_error_text, with_decimal_mark, Field, Form, MixMode, Problem, SegmentForm,
    StageForm,
};
use super::i18n::{Lang, T};

/// Where the current simulation run stands.
#[derive(Clone, Debug, PartialEq)]
pub enum RunStatus {
    /// The page's first run is starting: no trials reported yet.
    Idle,
    /// Chunks are being simulated.
    Running { done: u64, total: u64 },
    /// All trials done.
    Done,
    /// The user stopped the run; the result covers the trials finished before.
    Cancelled,
    /// The run failed; the message says why.
    Failed(String),
}

/// Whether stage `i + 1`'s n, given as counts, is stage `i`'s k as typed: the leads that moved on
/// from stage `i` are those that reached the next (see `Action::CountsFocus`).
pub(crate) fn follows(stages: &[StageForm], i: usize) -> bool {
    match stages.get(i..) {
        Some([this, after, ..]) => {
            after.observed && after.observed_of.trim() == this.successes.trim()
        }
        _ => false,
    }
}

/// Everything the screen shows.
#[derive(Clone, Debug, PartialEq)]
pub struct AppState {
    pub lang: Lang,
    /// The inputs exactly as typed.
    pub form: Form,
    /// Problems with the inputs; while there are any, `scenario` keeps the last valid one.
    pub problems: Vec<(Field, Problem)>,
    /// The last valid scenario.
    pub scenario: Rc<Scenario>,
    /// Bumped whenever a new run is wanted (a valid edit, or Run); the run driver follows it.
    pub generation: u64,
    /// Whether the run of `generation` waits for more typing first: true when typed text bumped it, false
    /// for a click, a choice from a list, a preset or a load, whose run starts at once.
    pub debounce: bool,
    pub status: RunStatus,
    /// The latest (possibly partial) result, shared by pointer with the charts.
    pub result: Option<Rc<RunResult>>,
    /// The generation `result` belongs to.
    pub result_generation: u64,
    /// A message about something that happened outside the inputs (e.g. a stored scenario that could
    /// not be read and was reset).
    pub notice: Option<Notice>,
    /// The teaching preset last loaded (its explanation is shown until the user loads another).
    pub preset: Option<&'static str>,
    pub theme: Theme,
    /// Scenarios the user saved by name, in the order saved (kept in localStorage).
    pub saved: Rc<Vec<SavedScenario>>,
    /// The working scenario that a shared link, an import or a preset replaced, while its notice
    /// offers to restore it.
    pub previous: Option<Rc<Scenario>>,
    /// The inputs as typed when `previous` was replaced, if they were not a valid scenario then (a
    /// draft): Restore puts them back too, so that a link, an import or a preset loses nothing typed.
    pub previous_draft: Option<Form>,
    /// The scenario the last link, import or preset loaded (the same `Rc` until an edit replaces it).
    pub loaded: Option<Rc<Scenario>>,
    /// The Target panel's question from the last link that carried one (the panel asks it), with a
    /// count of such links, so that opening the same link again asks it again.
    pub target_link: Option<(u32, Rc<str>)>,
    /// The Target panel's question while it is asked and reads (its text form): what a link to this
    /// page may carry.
    pub target_asked: Option<Rc<str>>,
    /// The Target panel's question as typed (its text form, asked or not), for Restore.
    pub target_text: Option<Rc<str>>,
    /// The question that a link's question replaced, while `previous` is offered: Restore asks it
    /// again.
    pub previous_target: Option<Rc<str>>,
    /// The comparison asked in Compare while the working scenario is one side of it: the other
    /// scenario (named as in the saved list) and whether it is A. What a link to this page may carry.
    pub compare_asked: Option<(Rc<Scenario>, bool)>,
    /// The comparison from the last link, if it carried one: a count of such links (so that the same
    /// link opened again asks it again), the name its other scenario was saved under, and whether that
    /// is A. The Compare panel asks it; the link's notice says so.
    pub compare_link: Option<(u32, Rc<str>, bool)>,
    /// Why referred leads now enter another stage than before, after the stage edit that made them
    /// (shown under the stage list until the next stage edit).
    pub entry_note: Option<EntryNote>,
    /// The stages removed one after another, the last one last, to put back with Undo one at a time,
    /// newest first (under the stage list until the next other stage edit or load).
    pub removed: Vec<RemovedStage>,
    /// How many scenarios came from outside the inputs (links, files, presets, saved ones, Restore):
    /// each new one is a new entry in the browser's history, so Back and Forward step through them.
    pub loads: u32,
    /// The stage whose k the next stage's n follows while it is edited (`Action::CountsFocus`).
    pub chain: Option<usize>,
    /// The stage whose k the next stage's n has followed since that k got the focus, and that n as
    /// it was before: said under the k, with a button that puts it back (`Action::KeepFollowed`).
    pub followed: Option<(usize, String)>,
}

/// A removed stage, as it was typed: where it was, its inputs, its column of segment odds, and the
/// stage referred leads entered before.
#[derive(Clone, Debug, PartialEq)]
pub struct RemovedStage {
    pub index: usize,
    pub stage: StageForm,
    pub odds: Vec<String>,
    pub entry_stage: usize,
}

/// Why a stage edit moved the stage that referred leads enter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryNote {
    /// Their stage moved to the top, where they cannot enter.
    Top,
    /// Their stage was removed.
    Removed,
}

/// A scenario saved under a name.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SavedScenario {
    pub name: String,
    pub scenario: Scenario,
}

/// Reads the stored list of saved scenarios; every scenario must validate.
pub fn parse_saved(text: &str) -> Result<Vec<SavedScenario>, String> {
    let list: Vec<SavedScenario> = serde_json::from_str(text).map_err(|e| e.to_string())?;
    for item in &list {
        item.scenario
            .validate()
            .map_err(|e| format!("{}: {e}", item.name))?;
    }
    Ok(list)
}

/// Colour scheme: follow the system (`prefers-color-scheme`) or force one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    /// The value stored and put in `<html data-theme>`.
    pub fn code(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// From a stored code; anything unknown is `Auto`.
    pub fn from_code(code: &str) -> Theme {
        match code {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::Auto,
        }
    }
}

/// Messages shown above the controls.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The scenario stored in the browser could not be used; the default was loaded. Carries the reason.
    StoredScenarioReset(String),
    /// The list of saved scenarios could not be read and was emptied. Carries the reason.
    SavedScenariosReset(String),
    /// The shared link in the address could not be read; the scenario was kept. Carries the reason.
    SharedLinkInvalid(String),
    /// The scenario came from a shared link.
    SharedLinkLoaded,
    /// The scenario came from a shared link, in a browser that had no working scenario yet (nothing
    /// was replaced).
    SharedLinkOpened,
    /// After a reload: the working scenario that a link, a file, a preset or a Load replaced is
    /// still kept for Restore.
    PreviousKept,
    /// A teaching preset replaced the working scenario.
    PresetLoaded,
    /// A saved scenario replaced the working scenario. Carries its name.
    SavedLoaded(String),
    /// The scenario that a link, an import or a preset replaced is back.
    Restored,
    /// Back or Forward brought an earlier scenario back.
    FromHistory,
    /// An imported file was not a valid scenario; nothing changed. Carries the reason.
    ImportFailed(String),
    /// A scenario file was imported.
    Imported,
    /// The browser keeps nothing (storage blocked or full): the inputs and saved scenarios are lost
    /// when the page closes.
    NotKept,
}

impl AppState {
    /// The initial state for `lang` with the default five-stage scenario.
    pub fn new(lang: Lang) -> AppState {
        AppState::with_scenario(lang, default_scenario(lang))
    }

    /// The initial state from a scenario stored earlier (`stored`, JSON). A stored value that does not
    /// parse or validate is reported in `notice` and replaced by the default scenario.
    pub fn restore(lang: Lang, stored: Option<&str>) -> AppState {
        let reset = |why: String| AppState {
            notice: Some(Notice::StoredScenarioReset(why)),
            ..AppState::new(lang)
        };
        match stored.map(Scenario::from_json) {
            None => AppState::new(lang),
            Some(Ok(s)) => match s.validate() {
                // Stored in the other language (English before, ?lang=nl now): the names the app
                // gave follow the language, as with the language switch.
                Ok(()) => AppState::with_scenario(lang, translated(&s, lang.other(), lang)),
                Err(e) => reset(scenario_error_text(&e, lang)),
            },
            Some(Err(e)) => reset(scenario_error_text(&e, lang)),
        }
    }

    /// Puts back the inputs as typed before a reload (`stored`, a [`Form::to_draft`]), kept while they
    /// were not a valid scenario; the scenario stays the last valid one, and the problems show again.
    pub fn with_draft(mut self, stored: Option<&str>) -> AppState {
        if let Some(form) = stored.and_then(|d| self.draft_form(d)) {
            self.form = form;
            self.revalidate();
        }
        self
    }

    /// The inputs a [`Form::to_draft`] holds, in this state's language. Typed in the other one
    /// (another tab's, opened in this one): its numbers and the names the app gave follow the
    /// language, as with the language switch.
    fn draft_form(&self, draft: &str) -> Option<Form> {
        let mut form = Form::from_draft(draft)?;
        let lang = self.lang;
        if let Some(from) = Form::draft_lang(draft).filter(|&l| l != lang) {
            form.change_language(from, lang);
            translate_stage_names(&mut form, from, lang);
        }
        Some(form)
    }

    /// With [`with_previous`](Self::with_previous)'s scenario, the inputs as typed that Restore gives
    /// back (`stored`, a draft, empty when none): the ones a link, a file, a preset or a Load replaced
    /// while they were not a valid scenario.
    pub fn with_previous_draft(mut self, stored: Option<&str>) -> AppState {
        if self.previous.is_some() {
            self.previous_draft = stored.and_then(|d| self.draft_form(d));
        }
        self
    }

    /// Keeps the working scenario that a link, a file, a preset or a Load replaced before a reload
    /// (`stored`, scenario JSON, empty when none), so that Restore still brings it back; the notice
    /// says so (unless another notice is shown).
    ///
    /// `question` is the Target question that a link's question replaced with it (empty when none):
    /// Restore asks it again, so the scenario is kept even when it is the one shown.
    pub fn with_previous(mut self, stored: Option<&str>, question: Option<&str>) -> AppState {
        let question = question.filter(|q| !q.is_empty());
        let previous = stored
            .filter(|t| !t.is_empty())
            .and_then(|t| Scenario::from_json(t).ok())
            .filter(|p| p.validate().is_ok() && (*p != *self.scenario || question.is_some()));
        if let Some(p) = previous {
            self.previous = Some(Rc::new(p));
            self.previous_target = question.map(Rc::from);
            if self.notice.is_none() {
                self.notice = Some(Notice::PreviousKept);
            }
        }
        self
    }

    /// The Target panel's question as typed before a reload (`stored`, its text form).
    pub fn with_target(mut self, stored: Option<&str>) -> AppState {
        self.target_text = stored.filter(|t| !t.is_empty()).map(Rc::from);
        self
    }

    /// A shared link opened in a browser with no working scenario stored: nothing of the user's was
    /// replaced, so the notice does not say so and offers nothing back.
    pub fn opened_fresh(mut self) -> AppState {
        if self.notice == Some(Notice::SharedLinkLoaded) {
            self.notice = Some(Notice::SharedLinkOpened);
            self.previous = None;
            self.previous_draft = None;
            self.previous_target = None;
        }
        self
    }

    /// Adds the saved scenarios stored earlier (`stored`, JSON); an unreadable list is reported in
    /// `notice` (unless a notice is already shown) and dropped.
    pub fn with_saved(mut self, stored: Option<&str>) -> AppState {
        match stored.map(parse_saved) {
            None => {}
            Some(Ok(list)) => self.saved = Rc::new(list),
            Some(Err(why)) if self.notice.is_none() => {
                self.notice = Some(Notice::SavedScenariosReset(why));
            }
            Some(Err(_)) => {}
        }
        self
    }

    /// The teaching preset that the working scenario is, as loaded (no edit since), for links to it:
    /// they open with the preset's story.
    pub fn shared_preset(&self) -> Option<&'static str> {
        self.preset.filter(|_| {
            self.problems.is_empty()
                && self
                    .loaded
                    .as_ref()
                    .is_some_and(|l| Rc::ptr_eq(l, &self.scenario))
        })
    }

    /// The working scenario as its files, links, embed code, page title and printout carry it: under
    /// its name, marked "(changed)" when a saved scenario has that name and the inputs now differ
    /// from it (a what-if made on a saved plan was downloaded and shared under the plan's own name,
    /// with other numbers). The seed and the number of trials aside: Rerun changes the seed,
    /// not the plan; and a language switch, which renames the default stages, neither. The same `Rc`
    /// when unmarked.
    pub fn shown_scenario(&self) -> Rc<Scenario> {
        let s = &self.scenario;
        // Saved in either language: the default stage names follow the page's language.
        let same = |saved: &Scenario, from: Lang| {
            Scenario {
                seed: s.seed,
                trials: s.trials,
                name: s.name.clone(),
                ..translated(saved, from, self.lang)
            } == **s
        };
        let changed = self.saved.iter().any(|item| {
            item.name == s.name
                && !same(&item.scenario, Lang::En)
                && !same(&item.scenario, Lang::Nl)
        });
        if !changed {
            return s.clone();
        }
        let mut shown = (**s).clone();
        shown.name = format!("{} ({})", s.name, self.lang.t(T::ChangedSuffix));
        Rc::new(shown)
    }

    /// Applies a shared link from the address (the part after `#s=`), if any: its scenario replaces the
    /// working one (and its language, when given); a bad link is reported and changes nothing.
    pub fn with_shared_link(mut self, link: Option<&str>) -> AppState {
        let Some(link) = link else { return self };
        match crate::share::decode(link) {
            Ok(shared) => {
                if let Some(lang) = shared.lang.as_deref().and_then(Lang::from_code) {
                    self.lang = lang;
                }
                let kept = self.replace(shared.scenario, Notice::SharedLinkLoaded);
                if let Some(t) = shared.target {
                    // The recipient's own question comes back with Restore (the one from before the
                    // first of several links opened in a row).
                    if !kept || self.previous_target.is_none() {
                        self.previous_target = self.target_text.clone().filter(|own| **own != *t);
                        // Also when the link's scenario is the one shown: the question changed.
                        if self.previous_target.is_some() && self.previous.is_none() {
                            self.previous = Some(self.scenario.clone());
                        }
                    }
                    self.ask_target(Rc::from(t));
                }
                self.compare_link = shared.compare.map(|c| {
                    let n = self
                        .compare_link
                        .as_ref()
                        .map_or(0, |l| l.0.wrapping_add(1));
                    (n, self.save_shared(c.other, c.other_is_a), c.other_is_a)
                });
                // A preset's link shows its story (an id this version does not know, none).
                self.preset = shared
                    .preset
                    .as_deref()
                    .and_then(super::presets::preset)
                    .map(|p| p.id);
            }
            Err(e) => {
                let why = match self.lang {
                    Lang::En => e.to_string(),
                    Lang::Nl => super::form::share_error_nl(&e),
                };
                self.notice = Some(Notice::SharedLinkInvalid(why));
            }
        }
        self
    }

    /// Saves `item` under its name: in place of the saved scenario of that name, or at the end.
    fn put_saved(&mut self, item: SavedScenario) {
        let mut list = (*self.saved).clone();
        match list.iter_mut().find(|s| s.name == item.name) {
            Some(existing) => *existing = item,
            None => list.push(item),
        }
        self.saved = Rc::new(list);
    }

    /// Saves the other scenario of a link's comparison and returns its name: its own name (a side's
    /// name when it has none), or that name with " (2)", " (3)"… when a different saved scenario has
    /// it (a recipient's own scenario is never replaced); a saved one equal to it is reused.
    fn save_shared(&mut self, mut other: Scenario, is_a: bool) -> Rc<str> {
        let base = match other.name.trim() {
            "" => self.lang.t(if is_a { T::ScenarioA } else { T::ScenarioB }),
            n => n,
        }
        .to_string();
        let mut name = base.clone();
        for k in 2.. {
            other.name.clone_from(&name);
            match self.saved.iter().find(|s| s.name == name) {
                Some(s) if s.scenario == other => return Rc::from(name),
                Some(_) => name = format!("{base} ({k})"),
                None => break,
            }
        }
        self.put_saved(SavedScenario {
            name: name.clone(),
            scenario: other,
        });
        Rc::from(name)
    }

    /// Has the Target panel ask `question` (its text form), even when it asked the same before.
    fn ask_target(&mut self, question: Rc<str>) {
        let n = self.target_link.as_ref().map_or(0, |l| l.0.wrapping_add(1));
        self.target_link = Some((n, question));
    }

    /// Asks the question that a link's question replaced again (back to the scenario it came with).
    fn ask_replaced_question(&mut self) {
        if let Some(q) = self.previous_target.take() {
            self.ask_target(q);
        }
    }

    /// Loads `scenario` from outside the inputs (a link, a file, a preset), keeping the working
    /// scenario it replaces in `previous` (unless they are the same) for the notice's Restore. While
    /// the one loaded last is untouched (a second preset right after a first), `previous` keeps the
    /// user's own scenario from before the first: returns whether it did so.
    fn replace(&mut self, scenario: Scenario, notice: Notice) -> bool {
        let untouched = self.previous.is_some()
            && self.problems.is_empty()
            && self
                .loaded
                .as_ref()
                .is_some_and(|l| Rc::ptr_eq(l, &self.scenario));
        if !untouched {
            let draft = (!self.problems.is_empty()).then(|| self.form.clone());
            self.previous =
                (*self.scenario != scenario || draft.is_some()).then(|| self.scenario.clone());
            self.previous_draft = draft;
            self.previous_target = None;
        }
        self.load(scenario);
        self.loaded = Some(self.scenario.clone());
        self.preset = None;
        self.notice = Some(notice);
        self.loads = self.loads.wrapping_add(1);
        untouched
    }

    /// The browser's history entry for the scenario shown: the id of the teaching preset it is (as
    /// loaded; empty for none), a line break, and its JSON; while the inputs are not valid, then also
    /// the inputs as typed ([`AppState::draft`]). Back and Forward bring it back
    /// ([`Action::FromHistory`]).
    pub fn history_entry(&self) -> String {
        history_entry(
            &self.scenario.to_json(),
            self.preset,
            self.draft().as_deref(),
        )
    }

    /// The inputs as typed ([`Form::to_draft`]) while they are not a valid scenario (the scenario is
    /// then the last valid one), to keep across a reload and in the tab's history.
    pub fn draft(&self) -> Option<String> {
        (!self.problems.is_empty()).then(|| self.form.to_draft(self.lang))
    }

    fn load(&mut self, scenario: Scenario) {
        let scenario = unique_segment_names(scenario);
        self.entry_note = None;
        self.removed.clear();
        self.followed = None;
        self.form = form_in(&scenario, self.lang);
        self.problems.clear();
        self.scenario = Rc::new(scenario);
        self.generation += 1;
    }

    fn with_scenario(lang: Lang, scenario: Scenario) -> AppState {
        let scenario = unique_segment_names(scenario);
        AppState {
            lang,
            form: form_in(&scenario, lang),
            problems: Vec::new(),
            scenario: Rc::new(scenario),
            generation: 0,
            debounce: false,
            status: RunStatus::Idle,
            result: None,
            result_generation: 0,
            notice: None,
            preset: None,
            theme: Theme::Auto,
            saved: Rc::new(Vec::new()),
            previous: None,
            previous_draft: None,
            loaded: None,
            target_link: None,
            target_asked: None,
            target_text: None,
            previous_target: None,
            compare_asked: None,
            compare_link: None,
            entry_note: None,
            removed: Vec::new(),
            loads: 0,
            chain: None,
            followed: None,
        }
    }

    /// The problem shown next to `field`, if any.
    pub fn problem(&self, field: Field) -> Option<&Problem> {
        self.problems
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, p)| p)
    }

    /// True when the results on screen no longer match the inputs (invalid inputs, or a newer run
    /// that has not produced its first chunk yet): they are shown greyed out.
    pub fn results_stale(&self) -> bool {
        !self.problems.is_empty() || self.result_generation != self.generation
    }

    fn revalidate(&mut self) {
        match self
            .form
            .to_scenario_in(&self.scenario, Some(self.lang.group_mark()))
        {
            Ok(mut s) => {
                self.problems.clear();
                // The default scenario's name stops fitting once its funnel is changed (the downloads,
                // Compare and the page's title show it): "My funnel" from then on. A new seed or trial
                // count is no change to the funnel.
                if s.name == self.lang.t(T::DefaultScenarioName) {
                    let mut d = default_scenario(self.lang);
                    (d.seed, d.trials) = (s.seed, s.trials);
                    if s != d {
                        s.name = self.lang.t(T::EditedScenarioName).to_string();
                    }
                }
                if s != *self.scenario {
                    // Only labels changed (a name typed, the language switched): the result on screen,
                    // or the run under way, is this scenario's once relabelled (its numbers are the
                    // same), so nothing runs again. At 1,000,000 trials a rerun took 14 to 26 s.
                    if s.same_but_labels(&self.scenario) {
                        if let Some(r) = self.result.as_mut() {
                            if self.result_generation == self.generation {
                                relabel(r, &s);
                            }
                        }
                    } else {
                        self.generation += 1;
                    }
                    self.scenario = Rc::new(s);
                }
            }
            Err(problems) => self.problems = problems,
        }
    }
}

/// `result` with the labels of `s` (see [`RunResult::relabel`]), copied only if one differs: a result
/// already so labelled stays the same `Rc`, which the charts compare by pointer.
fn relabel(result: &mut Rc<RunResult>, s: &Scenario) {
    if !result.labelled_as(s) {
        Rc::make_mut(result).relabel(s);
    }
}

/// True when the segments' shares are an even split (as [`respread`] leaves them): then adding or
/// removing a segment keeps them even, and otherwise the user's shares are left as typed.
fn split_evenly(segments: &[SegmentForm], lang: Lang) -> bool {
    let n = segments.len();
    n > 0
        && segments
            .iter()
            .map(|s| s.share_pct.as_str())
            .eq(even_shares(n, lang).iter().map(String::as_str))
}

/// Shares of 100 % split over `n` segments to two decimals, the remainder on the last (33.33, 33.33,
/// 33.34), so that they add up to exactly 100; with the decimal mark of `lang`.
fn even_shares(n: usize, lang: Lang) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    let each = (10_000 / n) as u64; // hundredths of a percent
    let last = 10_000 - each * (n as u64 - 1);
    let text = |h: u64| {
        let mut t = format!("{}", h as f64 / 100.0);
        with_decimal_mark(&mut t, lang.decimal_mark());
        t
    };
    (0..n)
        .map(|i| text(if i + 1 == n { last } else { each }))
        .collect()
}

fn respread(segments: &mut [SegmentForm], lang: Lang) {
    let shares = even_shares(segments.len(), lang);
    for (sg, share) in segments.iter_mut().zip(shares) {
        sg.share_pct = share;
    }
}

/// The names of the five default stages.
const STAGE_NAMES: [T; 5] = [
    T::StageAwareness,
    T::StageInterest,
    T::StageEvaluation,
    T::StageDecision,
    T::StagePurchase,
];

/// The seed scenario with its name and stage names in `lang`.
pub fn default_scenario(lang: Lang) -> Scenario {
    let mut scenario = Scenario::default_five_stage();
    scenario.name = lang.t(T::DefaultScenarioName).to_string();
    for (stage, name) in scenario.stages.iter_mut().zip(STAGE_NAMES) {
        stage.name = lang.t(name).to_string();
    }
    scenario
}

/// The start of the name Add a stage gives ("Stage 6").
fn stage_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Stage ",
        Lang::Nl => "Fase ",
    }
}

/// The name of a stage the app named in `from` (a default stage, or "Stage 6" from Add a stage), in
/// `to`; whether it was one. A name the user typed is left as it is.
/// Where Add a stage puts a new stage among `n`: before the last one (after it when it is the only one).
pub fn add_stage_at(n: usize) -> usize {
    if n >= 2 {
        n - 1
    } else {
        n
    }
}

/// The names the app gave the form's stages, in `to`; whether one changed.
fn translate_stage_names(form: &mut Form, from: Lang, to: Lang) -> bool {
    form.stages.iter_mut().fold(false, |changed, st| {
        translate_name(&mut st.name, from, to) | changed
    })
}

fn translate_name(name: &mut String, from: Lang, to: Lang) -> bool {
    if let Some(key) = STAGE_NAMES.iter().find(|k| from.t(**k) == name) {
        *name = to.t(*key).to_string();
        return true;
    }
    match name.strip_prefix(stage_word(from)) {
        Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            *name = format!("{}{n}", stage_word(to));
            true
        }
        _ => false,
    }
}

/// A scenario name the app gave (the default's, or "My funnel" after it was changed) in `to`; whether it was one.
fn translate_scenario_name(name: &mut String, from: Lang, to: Lang) -> bool {
    // The default scenario's names, and the teaching presets' (a preset is named after its title).
    match [T::DefaultScenarioName, T::EditedScenarioName]
        .into_iter()
        .chain(super::presets::PRESETS.iter().map(|p| p.title))
        .find(|k| from.t(*k) == name)
    {
        Some(k) => {
            *name = to.t(k).to_string();
            true
        }
        None => false,
    }
}

/// [`AppState::history_entry`] of a scenario (its JSON) shown as `preset`, with the inputs as typed
/// (`draft`) when they are not valid.
pub fn history_entry(scenario_json: &str, preset: Option<&str>, draft: Option<&str>) -> String {
    match draft {
        Some(d) => format!(
            "{}\n{scenario_json}{DRAFT_MARK}{d}",
            preset.unwrap_or_default()
        ),
        None => format!("{}\n{scenario_json}", preset.unwrap_or_default()),
    }
}

/// Where a history entry's draft starts: a control character, which JSON never holds unescaped.
const DRAFT_MARK: char = '\u{1e}';

/// The first of `names` (an endless row of candidates) that `taken` does not hold: a copy's, a new
/// segment's or a renamed segment's name.
pub(super) fn first_free(
    mut names: impl Iterator<Item = String>,
    taken: impl Fn(&str) -> bool,
) -> String {
    names.find(|name| !taken(name)).unwrap_or_default()
}

/// `s` with a number after a segment name that an earlier segment already has ("Small (2)"): a file,
/// a link or the JS API may hold two of one name (the core takes them), which the inputs count as a
/// problem, first shown at the next edit, with the run stopped until then; and the results per segment
/// had two rows of that name.
pub fn unique_segment_names(mut s: Scenario) -> Scenario {
    for k in 1..s.segments.len() {
        let (before, rest) = s.segments.split_at_mut(k);
        let taken = |name: &str| before.iter().any(|g| g.name.trim() == name.trim());
        if taken(&rest[0].name) {
            let base = rest[0].name.trim().to_string();
            rest[0].name = first_free((2..).map(|n| format!("{base} ({n})")), |name| {
                taken(name) || rest[1..].iter().any(|g| g.name.trim() == name)
            });
        }
    }
    s
}

/// `scenario` with the names the app gave in `from` (the default stages, "Stage 6", the default
/// scenario's name) in `to`; names the user typed stay.
pub fn translated(scenario: &Scenario, from: Lang, to: Lang) -> Scenario {
    let mut s = scenario.clone();
    if from != to {
        for st in &mut s.stages {
            translate_name(&mut st.name, from, to);
        }
        translate_scenario_name(&mut s.name, from, to);
    }
    s
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new(Lang::En)
    }
}

/// What can happen to the state.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetLang(Lang),
    /// Another tab stored this list of saved scenarios (JSON): this tab's list follows it, so that
    /// its next save neither drops the other tab's saves nor brings back what it deleted.
    SavedElsewhere(String),
    /// A text input changed.
    Edit(Field, String),
    SetPeriodUnit(PeriodUnit),
    /// What the amounts are in (a label: no run).
    SetCurrency(Currency),
    /// How new leads vary around their mean.
    SetArrivalDistribution(ArrivalDistribution),
    SetEntryStage(usize),
    /// Stage `i` takes its rate from observed counts (`true`) or from an estimate.
    SetObserved(usize, bool),
    AddStage,
    RemoveStage(usize),
    /// Puts the stage removed last back where it was.
    UndoRemoveStage,
    /// Enter the customer mix as three shares or as an NPS score.
    SetMixMode(MixMode),
    AddSegment,
    RemoveSegment(usize),
    /// Moves stage `i` one place up (`true`) or down.
    MoveStage(usize, bool),
    /// The user pressed Run: simulate again with the next seed (after a Cancel, the same seed).
    Run,
    /// The run of `generation` has done `done` of `total` trials, and drew its result so far (`None`: the
    /// charts keep the previous one).
    Progress {
        generation: u64,
        result: Option<Rc<RunResult>>,
        done: u64,
        total: u64,
    },
    /// The run of `generation` finished all its trials.
    Finished {
        generation: u64,
    },
    /// The user pressed Cancel; with the run's result over every trial merged so far (the last
    /// partial result shown may be older than the progress count).
    Cancel(Option<Rc<RunResult>>),
    /// The user closed the notice.
    DismissNotice,
    /// The browser refused to store the working scenario or the saved list.
    NotKept,
    /// Back to the working scenario that a shared link, an import or a preset replaced.
    RestorePrevious,
    /// Back or Forward reached a history entry of the app ([`AppState::history_entry`]).
    FromHistory(String),
    /// A shared link (the part after `#s=`) opened in the running app (the address's fragment changed).
    OpenLink(String),
    /// The Target panel's question, while it is asked and reads (else `None`).
    TargetAsked(Option<Rc<str>>),
    /// The Target panel's question as typed (its text form), asked or not.
    TargetTyped(Rc<str>),
    /// The comparison asked in Compare, while the working scenario is one side of it (see
    /// [`AppState::compare_asked`]), else `None`.
    CompareAsked(Option<(Rc<Scenario>, bool)>),
    /// Load the teaching preset with this id.
    LoadPreset(&'static str),
    SetTheme(Theme),
    /// Save the current scenario under a name (replacing one of the same name).
    SaveAs(String),
    /// The text of an imported scenario file: valid → it becomes the working scenario; invalid → a notice.
    Import(String),
    LoadSaved(usize),
    DeleteSaved(usize),
    DuplicateSaved(usize),
    RenameSaved(usize, String),
    /// Puts a saved scenario back under its name (Undo after Replace).
    PutSaved(Rc<SavedScenario>),
    /// Stage i's k got the focus: while it is edited, the next stage's n follows it when they are
    /// equal now (decided here, once, so that a k typed through the value of an n of its own, 26 →
    /// 260 → 2605 beside an n of 260, does not take that n along).
    CountsFocus(usize),
    /// Puts back the n that followed a k (`AppState::followed`), and stops it following.
    KeepFollowed,
    /// The run of `generation` failed.
    Failed {
        generation: u64,
        message: String,
    },
}

/// The inputs showing `scenario`, with the decimal mark of `lang`.
fn form_in(scenario: &Scenario, lang: Lang) -> Form {
    let mut form = Form::from_scenario(scenario);
    form.use_decimal_mark(lang.decimal_mark());
    form
}

fn text_of(form: &mut Form, field: Field) -> Option<&mut String> {
    let s = match field {
        Field::Arrivals => &mut form.arrivals,
        Field::Periods => &mut form.periods,
        Field::Trials => &mut form.trials,
        Field::Seed => &mut form.seed,
        Field::Revenue => &mut form.revenue,
        Field::CostPerLead => &mut form.cost_per_lead,
        Field::PaidShare => &mut form.paid_pct,
        Field::StageName(i) => return form.stages.get_mut(i).map(|s| &mut s.name),
        Field::StageRate(i) => return form.stages.get_mut(i).map(|s| &mut s.rate_pct),
        Field::StageCertainty(i) => return form.stages.get_mut(i).map(|s| &mut s.certainty),
        Field::StageDelay(i) => return form.stages.get_mut(i).map(|s| &mut s.delay),
        Field::StageSuccesses(i) => return form.stages.get_mut(i).map(|s| &mut s.successes),
        Field::StageObservedOf(i) => return form.stages.get_mut(i).map(|s| &mut s.observed_of),
        Field::StageOpen(i) => return form.stages.get_mut(i).map(|s| &mut s.open),
        Field::SegmentName(k) => return form.segments.get_mut(k).map(|s| &mut s.name),
        Field::SegmentShare(k) => return form.segments.get_mut(k).map(|s| &mut s.share_pct),
        Field::SegmentOdds(k, i) => {
            return form.segments.get_mut(k).and_then(|s| s.odds.get_mut(i));
        }
        Field::NpsScore => &mut form.nps_score,
        Field::Promoters => &mut form.promoters_pct,
        Field::Passives => &mut form.passives_pct,
        Field::Detractors => &mut form.detractors_pct,
        Field::Referrals => &mut form.referrals,
        Field::Dispersion => &mut form.dispersion,
        Field::Growth => &mut form.growth_pct,
        Field::FixedBudget => &mut form.fixed_budget,
        Field::Correlation => &mut form.correlation,
        Field::Repeat => &mut form.repeat_pct,
        Field::Churn => &mut form.churn_pct,
        Field::DetractorChurn => &mut form.detractor_churn_pct,
        Field::Reinvest => &mut form.reinvest_pct,
        Field::CustomersAtStart => &mut form.customers_at_start,
        Field::Mix | Field::Segments | Field::EntryStage | Field::Scenario => return None,
    };
    Some(s)
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        let typed = matches!(action, Action::Edit(..));
        match action {
            Action::SavedElsewhere(text) => match parse_saved(&text) {
                Ok(list) if list != *next.saved => next.saved = Rc::new(list),
                _ => return self,
            },
            Action::SetLang(lang) => {
                let old = next.lang;
                next.lang = lang;
                next.form.change_language(old, lang);
                // A removed stage comes back with Undo named as the others are.
                for r in &mut next.removed {
                    translate_name(&mut r.stage.name, old, lang);
                }
                // Names the app gave (the default stages, "Stage 6", the default scenario's name, a
                // preset's) follow the language; names the user typed stay. A preset as loaded stays
                // one (its links and embeds tell its story).
                let untouched = next.shared_preset().is_some();
                if old != lang {
                    // The scenario Restore would bring back is shown in the new language too.
                    if let Some(p) = next.previous.as_mut() {
                        *p = Rc::new(translated(p, old, lang));
                    }
                    let mut name = next.scenario.name.clone();
                    let renamed = translate_scenario_name(&mut name, old, lang);
                    if renamed {
                        Rc::make_mut(&mut next.scenario).name = name;
                    }
                    if translate_stage_names(&mut next.form, old, lang) | renamed {
                        next.revalidate();
                    }
                    if untouched {
                        next.loaded = Some(next.scenario.clone());
                    }
                }
            }
            Action::Edit(field, text) => {
                // Counts along the funnel chain: the leads that moved on from a stage (k) are those
                // that reached the next (its n). While the next stage's n equals this k, it follows
                // it (a blogger retyped each stage's n from the stage before); an n of its own stays.
                // Not while the scenario is one side of a comparison: there an edit is a change to
                // test, and the next stage's rate falling with its n undid it (B no better than A).
                if let Field::StageSuccesses(i) = field {
                    if next.chain == Some(i)
                        && follows(&next.form.stages, i)
                        && next.compare_asked.is_none()
                    {
                        let n = &mut next.form.stages[i + 1].observed_of;
                        if next.followed.as_ref().is_none_or(|f| f.0 != i) {
                            next.followed = Some((i, n.clone()));
                        }
                        n.clone_from(&text);
                    }
                }
                if let Some(slot) = text_of(&mut next.form, field) {
                    *slot = text;
                    next.revalidate();
                }
            }
            Action::CountsFocus(i) => {
                let chain = follows(&next.form.stages, i).then_some(i);
                let followed = next.followed.take().filter(|f| f.0 == i);
                if chain == next.chain && followed == self.followed {
                    return self;
                }
                next.chain = chain;
                next.followed = followed;
            }
            Action::KeepFollowed => {
                if let Some((i, was)) = next.followed.take() {
                    if let Some(st) = next.form.stages.get_mut(i + 1) {
                        st.observed_of = was;
                    }
                    next.chain = None;
                    next.revalidate();
                }
            }
            Action::SetPeriodUnit(unit) => {
                next.form.period_unit = unit;
                next.revalidate();
            }
            Action::SetCurrency(c) => {
                next.form.currency = c;
                next.revalidate();
            }
            Action::SetArrivalDistribution(d) => {
                next.form.arrival_distribution = d;
                next.revalidate();
            }
            Action::SetObserved(i, observed) => {
                next.followed = None;
                let lang = next.lang;
                // The estimate as counts: its rate of its certainty's leads ("30% of 1000 leads seen" is
                // 300 of 1000), of 100 when it is exact; none while the estimate has a problem (a typo
                // of 130% became a valid 100 of 100, and its results ran).
                let group = Some(lang.group_mark());
                let as_counts = |st: &StageForm| {
                    let estimate = StageForm {
                        observed: false,
                        ..st.clone()
                    };
                    let (p, n) = match estimate.rate(i, group)? {
                        crate::sim::Rate::Beta { mean, certainty } => {
                            (mean, certainty.round().max(1.0))
                        }
                        crate::sim::Rate::Fixed { value } => (value, 100.0),
                        crate::sim::Rate::Observed { .. } => return None,
                    };
                    Some((format!("{}", (p * n).round()), format!("{n}")))
                };
                if let Some(st) = next.form.stages.get_mut(i) {
                    if st.observed == observed {
                        return self;
                    }
                    let counts = (st.successes.clone(), st.observed_of.clone());
                    if observed {
                        // The counts typed before are kept; else the estimate's, or none.
                        if counts.0.is_empty() && counts.1.is_empty() {
                            (st.successes, st.observed_of) = as_counts(st).unwrap_or_default();
                        }
                    } else if Some(&counts) == as_counts(st).as_ref() {
                        // The counts the estimate gave, untouched: the estimate as it was typed (a
                        // round trip made 30% of 1000 leads seen into 30.39% of 102), and the
                        // counts follow the estimate the next time.
                        (st.successes, st.observed_of) = Default::default();
                    } else if let Some(rate @ crate::sim::Rate::Observed { .. }) = st.rate(i, group)
                    {
                        // Counts typed: the estimate that draws the same rates as they did,
                        // Beta(1 + k, 1 + n − k) as mean (1 + k)/(2 + n) with certainty n + 2 (not
                        // the estimate from before the counts were typed).
                        let (mut pct, certainty) = super::form::estimate_texts(&rate);
                        super::form::with_decimal_mark(&mut pct, lang.decimal_mark());
                        (st.rate_pct, st.certainty) = (pct, certainty);
                    } else if !(counts.0.is_empty() && counts.1.is_empty()) {
                        // Counts with a problem ("4S"): the estimate waits empty, with its problem (the
                        // estimate from before ran in their place), and the counts come back as typed.
                        // (None typed: the estimate is what was typed, it comes back with its own.)
                        (st.rate_pct, st.certainty) = Default::default();
                    }
                    st.observed = observed;
                    next.revalidate();
                }
            }
            Action::SetEntryStage(i) => {
                next.entry_note = None;
                next.form.entry_stage = i;
                next.revalidate();
            }
            Action::AddStage => {
                next.entry_note = None;
                next.removed.clear();
                next.followed = None;
                let n = next.form.stages.len();
                if n < MAX_STAGES {
                    // Before the last stage, whose converting leads buy: a step is added inside the
                    // funnel, not after the purchase (a single stage gets one after it).
                    let at = add_stage_at(n);
                    let name = format!("{}{}", stage_word(next.lang), at + 1);
                    next.form.stages.insert(
                        at,
                        StageForm {
                            name,
                            rate_pct: "50".into(),
                            certainty: "50".into(),
                            delay: "0".into(),
                            observed: false,
                            successes: String::new(),
                            observed_of: String::new(),
                            open: "0".into(),
                        },
                    );
                    for sg in &mut next.form.segments {
                        let i = at.min(sg.odds.len());
                        sg.odds.insert(i, "1".into());
                    }
                    // Referred leads keep entering the stage they entered.
                    if next.form.entry_stage >= at && at < n {
                        next.form.entry_stage += 1;
                    }
                    next.revalidate();
                }
            }
            Action::RemoveStage(i) => {
                next.followed = None;
                if next.form.stages.len() > 1 && i < next.form.stages.len() {
                    let stage = next.form.stages.remove(i);
                    let mut odds = Vec::new();
                    for sg in &mut next.form.segments {
                        if i < sg.odds.len() {
                            odds.push(sg.odds.remove(i));
                        }
                    }
                    next.removed.push(RemovedStage {
                        index: i,
                        stage,
                        odds,
                        entry_stage: next.form.entry_stage,
                    });
                    // Referrals keep entering the same stage when one above it goes; when their own
                    // stage goes, the one after it (or the last).
                    let last = next.form.stages.len().saturating_sub(1).max(1);
                    let e = &mut next.form.entry_stage;
                    next.entry_note = (*e == i).then_some(EntryNote::Removed);
                    if *e > i {
                        *e -= 1;
                    }
                    *e = (*e).clamp(1, last);
                    next.revalidate();
                }
            }
            Action::UndoRemoveStage => {
                next.followed = None;
                if let Some(r) = next.removed.pop() {
                    if next.form.stages.len() < MAX_STAGES {
                        let i = r.index.min(next.form.stages.len());
                        next.form.stages.insert(i, r.stage);
                        // Segments added since have no odds of their own for it: even odds (1).
                        let mut odds = r.odds.into_iter();
                        for sg in &mut next.form.segments {
                            if i <= sg.odds.len() {
                                sg.odds.insert(i, odds.next().unwrap_or_else(|| "1".into()));
                            }
                        }
                        next.form.entry_stage =
                            r.entry_stage.clamp(1, next.form.stages.len().max(2) - 1);
                        next.entry_note = None;
                        next.revalidate();
                    }
                }
            }
            Action::MoveStage(i, up) => {
                next.removed.clear();
                next.followed = None;
                let n = next.form.stages.len();
                let j = if up {
                    i.checked_sub(1)
                } else {
                    Some(i + 1).filter(|j| *j < n)
                };
                if let (true, Some(j)) = (i < n, j) {
                    next.form.stages.swap(i, j);
                    // Referrals keep entering the same stage (as after a removal), unless it moves
                    // to the top, where they cannot enter.
                    let e = &mut next.form.entry_stage;
                    let moved = if *e == i {
                        j
                    } else if *e == j {
                        i
                    } else {
                        *e
                    };
                    // Said under the stage list: referrals would otherwise enter another stage unseen.
                    next.entry_note = (moved == 0).then_some(EntryNote::Top);
                    if moved > 0 {
                        *e = moved;
                    }
                    for sg in &mut next.form.segments {
                        if i.max(j) < sg.odds.len() {
                            sg.odds.swap(i, j);
                        }
                    }
                    next.revalidate();
                }
            }
            Action::SetMixMode(mode) => {
                let mark = next.lang.decimal_mark();
                // The promoter and detractor shares an NPS score and passive share give, as texts.
                let shares_of = |nps: &str, passive: &str| {
                    let (nps, passive) = (
                        super::form::parse_number(nps)?,
                        super::form::parse_number(passive)?,
                    );
                    let mut p = rounded((100.0 - passive + nps) / 2.0, 6);
                    let mut d = rounded((100.0 - passive - nps) / 2.0, 6);
                    with_decimal_mark(&mut p, mark);
                    with_decimal_mark(&mut d, mark);
                    Some((p, d))
                };
                // Shares with a problem (60, 40 and 20: 120%) are not carried over: they became a
                // valid NPS of 40, and back the shares 50, 40 and 10, which no one typed, and the
                // results ran. The other mode's fields then wait empty, with their problem, and the
                // typed shares come back with theirs.
                let shares_valid = [
                    Field::Promoters,
                    Field::Passives,
                    Field::Detractors,
                    Field::Mix,
                ]
                .iter()
                .all(|&field| next.problem(field).is_none());
                let f = &mut next.form;
                if f.mix_mode != mode {
                    let number = |t: &str| super::form::parse_number(t);
                    match mode {
                        // Carry the current mix over, so switching shows the same customers.
                        MixMode::Nps => {
                            // The shares the score gave, untouched: the score as typed (one with a
                            // problem, "150", came back empty).
                            let untouched = match shares_of(&f.nps_score, &f.passives_pct) {
                                Some(pd) => {
                                    pd == (f.promoters_pct.clone(), f.detractors_pct.clone())
                                }
                                None => f.promoters_pct.is_empty() && f.detractors_pct.is_empty(),
                            };
                            if !untouched || f.nps_score.trim().is_empty() {
                                f.nps_score =
                                    match (number(&f.promoters_pct), number(&f.detractors_pct)) {
                                        (Some(p), Some(d)) if shares_valid => {
                                            let mut nps = rounded(p - d, 6);
                                            with_decimal_mark(&mut nps, mark);
                                            nps
                                        }
                                        _ => String::new(),
                                    };
                            }
                        }
                        MixMode::Shares => {
                            // (A score that the passive share rules out gives shares below 0 or above
                            // 100, which say so. An empty score, as the shares' problem left it, gives
                            // back the shares as typed; a score with a problem, none.)
                            match shares_of(&f.nps_score, &f.passives_pct) {
                                Some(pd) => (f.promoters_pct, f.detractors_pct) = pd,
                                None if f.nps_score.trim().is_empty() => {}
                                None => (f.promoters_pct, f.detractors_pct) = Default::default(),
                            }
                        }
                    }
                    f.mix_mode = mode;
                    next.revalidate();
                }
            }
            Action::AddSegment => {
                let segments = &mut next.form.segments;
                if segments.len() < MAX_SEGMENTS {
                    let even = split_evenly(segments, next.lang);
                    let n = segments.len() + 1;
                    // Named by its place, or the next number no segment has (after a removal,
                    // "Segment 3" may be taken: two of one name are a problem).
                    let word = next.lang.t(T::SegmentDefault);
                    let name = first_free((n..).map(|k| format!("{word} {k}")), |name| {
                        segments.iter().any(|s| s.name.trim() == name)
                    });
                    segments.push(SegmentForm {
                        name,
                        share_pct: if n == 1 { "100".into() } else { "0".into() },
                        odds: vec!["1".into(); next.form.stages.len()],
                    });
                    if even {
                        respread(segments, next.lang);
                    }
                    next.revalidate();
                }
            }
            Action::RemoveSegment(k) => {
                let segments = &mut next.form.segments;
                if k < segments.len() {
                    let even = split_evenly(segments, next.lang);
                    segments.remove(k);
                    // An even split stays even; a lone segment can only have all the leads.
                    if even || segments.len() == 1 {
                        respread(segments, next.lang);
                    }
                    next.revalidate();
                }
            }
            // A cancelled run is run again as it was, to the end (its seed: the button says so); the
            // next seed after that would have left no way to finish it.
            Action::Run if next.status == RunStatus::Cancelled && next.problems.is_empty() => {
                next.generation += 1;
            }
            Action::Run => {
                // Same seed, same numbers: Run draws the next seed so the user sees another sample of
                // the uncertainty (the seed field shows which one).
                next.form.seed = next.scenario.seed.wrapping_add(1).to_string();
                next.revalidate();
            }
            Action::Progress {
                generation,
                result,
                done,
                total,
            } => {
                if generation != next.generation {
                    return self; // an older run: never let it overwrite a newer one
                }
                if let Some(mut result) = result {
                    // A run started before a name was changed carries the old labels.
                    relabel(&mut result, &next.scenario);
                    next.result = Some(result);
                    next.result_generation = generation;
                }
                next.status = RunStatus::Running { done, total };
            }
            Action::Finished { generation } => {
                if generation != next.generation {
                    return self;
                }
                next.status = RunStatus::Done;
            }
            Action::NotKept => next.notice = Some(Notice::NotKept),
            Action::DismissNotice => {
                next.notice = None;
                next.previous = None;
                next.previous_draft = None;
                next.previous_target = None;
            }
            Action::TargetAsked(q) if q == next.target_asked => return self,
            Action::TargetAsked(q) => next.target_asked = q,
            Action::TargetTyped(q) if next.target_text.as_ref() == Some(&q) => return self,
            Action::TargetTyped(q) => next.target_text = Some(q),
            Action::CompareAsked(c) if c == next.compare_asked => return self,
            Action::CompareAsked(c) => next.compare_asked = c,
            Action::OpenLink(link) => {
                // The page keeps its language (the address's ?lang= or the user's choice).
                let lang = next.lang;
                next = next.with_shared_link(Some(&link));
                next.lang = lang;
            }
            Action::RestorePrevious => {
                if let Some(previous) = next.previous.take() {
                    next.load((*previous).clone());
                    if let Some(mut draft) = next.previous_draft.take() {
                        draft.use_decimal_mark(next.lang.decimal_mark());
                        next.form = draft;
                        next.revalidate();
                    }
                    next.preset = None;
                    next.notice = Some(Notice::Restored);
                    next.loads = next.loads.wrapping_add(1);
                    next.ask_replaced_question();
                }
            }
            Action::FromHistory(entry) => {
                let Some((id, json)) = entry.split_once('\n') else {
                    return self;
                };
                // The inputs as typed there, when they were not valid: Back and Forward bring
                // them back as a reload does (the JSON is the last valid scenario, which typing
                // "130" left at "13").
                let (json, draft) = match json.split_once(DRAFT_MARK) {
                    Some((json, draft)) => (json, Some(draft)),
                    None => (json, None),
                };
                let Some(scenario) = Scenario::from_json(json)
                    .ok()
                    .filter(|s| s.validate().is_ok())
                else {
                    return self;
                };
                // Written in the other language (switched since): the names the app gave follow.
                let lang = next.lang;
                let scenario = translated(&scenario, lang.other(), lang);
                let preset = super::presets::preset(id).map(|p| p.id);
                let form = draft.and_then(|d| next.draft_form(d));
                let same_inputs = match &form {
                    Some(form) => *form == next.form,
                    None => next.problems.is_empty(),
                };
                if scenario == *next.scenario && same_inputs {
                    if preset == next.preset {
                        return self;
                    }
                } else {
                    // As a preset loads (the inputs replaced are kept for Restore), but as no new
                    // history entry: this one is.
                    let loads = next.loads;
                    next.replace(scenario, Notice::FromHistory);
                    next.loads = loads;
                    // Back to the scenario a preset or link replaced: nothing else to restore, and
                    // the question a link replaced is asked again.
                    if next.previous_draft.is_none() && next.previous == Some(next.scenario.clone())
                    {
                        next.previous = None;
                        next.ask_replaced_question();
                    }
                    if let Some(form) = form {
                        next.form = form;
                        next.revalidate();
                    }
                }
                next.preset = preset;
            }
            Action::SetTheme(theme) => next.theme = theme,
            Action::SaveAs(name) => {
                let name = name.trim().to_string();
                if !crate::sim::scenario::is_blank(&name) {
                    // Saved under a name, the working scenario takes it (its exports, embed and
                    // title are named so), as a document saved under a new name does.
                    Rc::make_mut(&mut next.scenario).name.clone_from(&name);
                    let scenario = (*next.scenario).clone();
                    next.put_saved(SavedScenario { name, scenario });
                }
            }
            Action::PutSaved(item) => next.put_saved(Rc::unwrap_or_clone(item)),
            Action::Import(text) => {
                // The app's own results summary (Summary .json) carries its scenario: importing
                // it brings that scenario back, as the scenario file would.
                #[derive(serde::Deserialize)]
                struct SummaryFile {
                    scenario: Scenario,
                }
                let parsed = Scenario::from_json(&text).or_else(|e| {
                    serde_json::from_str::<SummaryFile>(&text)
                        .map(|f| f.scenario)
                        .map_err(|_| e)
                });
                // One of the app's results tables (.csv), chosen by mistake: said so, with the file
                // that does import.
                let head = text.trim_start_matches('\u{feff}');
                let results_csv = ["period", "periode", "model,", "model;"]
                    .iter()
                    .any(|h| head.starts_with(h));
                match parsed.and_then(|s| s.validate().map(|()| s)) {
                    Ok(scenario) => {
                        // Saved in the other language: the names the app gave follow, as a link's do
                        // ("Bewustwording" in an English page was left in Dutch).
                        let lang = next.lang;
                        next.replace(translated(&scenario, lang.other(), lang), Notice::Imported);
                    }
                    Err(_) if results_csv => {
                        let why = next.lang.t(T::ImportIsResults).to_string();
                        next.notice = Some(Notice::ImportFailed(why));
                    }
                    Err(e) => {
                        let why = scenario_error_text(&e, next.lang);
                        next.notice = Some(Notice::ImportFailed(why));
                    }
                }
            }
            Action::LoadSaved(i) => {
                // Offers the working scenario back, as a preset or a link does: its edits may not
                // be saved anywhere.
                if let Some(item) = next.saved.get(i).cloned() {
                    // Under the name it was saved (or renamed) as.
                    let mut scenario = item.scenario;
                    scenario.name.clone_from(&item.name);
                    next.replace(scenario, Notice::SavedLoaded(item.name));
                }
            }
            Action::DeleteSaved(i) => {
                if i < next.saved.len() {
                    let mut list = (*next.saved).clone();
                    list.remove(i);
                    next.saved = Rc::new(list);
                }
            }
            Action::DuplicateSaved(i) => {
                if let Some(item) = next.saved.get(i).cloned() {
                    let mut list = (*next.saved).clone();
                    let base = format!("{} ({})", item.name, next.lang.t(T::Copy));
                    let names =
                        std::iter::once(base.clone()).chain((2..).map(|k| format!("{base} {k}")));
                    let name = first_free(names, |name| list.iter().any(|s| s.name == name));
                    list.insert(
                        i + 1,
                        SavedScenario {
                            name,
                            scenario: item.scenario,
                        },
                    );
                    next.saved = Rc::new(list);
                }
            }
            Action::RenameSaved(i, name) => {
                let name = name.trim().to_string();
                let taken = next
                    .saved
                    .iter()
                    .enumerate()
                    .any(|(j, s)| j != i && s.name == name);
                if !crate::sim::scenario::is_blank(&name) && !taken && i < next.saved.len() {
                    let mut list = (*next.saved).clone();
                    list[i].name = name;
                    next.saved = Rc::new(list);
                }
            }
            Action::LoadPreset(id) => {
                if let Some(p) = super::presets::preset(id) {
                    let mut scenario = p.scenario(next.lang);
                    // Named after the preset (its exports, embed and title).
                    scenario.name = next.lang.t(p.title).to_string();
                    // Keep the user's run settings.
                    scenario.trials = next.scenario.trials;
                    scenario.seed = next.scenario.seed;
                    // And the currency, a label: the presets' amounts are examples in any.
                    scenario.economics.currency = next.form.currency;
                    next.replace(scenario, Notice::PresetLoaded);
                    next.preset = Some(p.id);
                }
            }
            Action::Cancel(partial) => {
                if matches!(next.status, RunStatus::Running { .. }) {
                    next.status = RunStatus::Cancelled;
                    if let Some(mut r) = partial {
                        relabel(&mut r, &next.scenario);
                        next.result = Some(r);
                        next.result_generation = next.generation;
                    }
                }
            }
            Action::Failed {
                generation,
                message,
            } => {
                if generation != next.generation {
                    return self;
                }
                next.status = RunStatus::Failed(message);
            }
        }
        if next.generation != self.generation {
            next.debounce = typed;
            // The new run replaces the one on screen at once (the runner cancels it now, even when the new
            // run waits for more typing): the status shows the new run, none of its trials done yet.
            next.status = RunStatus::Running {
                done: 0,
                total: u64::from(next.scenario.trials),
            };
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The segments' share inputs as typed.
    fn share_texts(s: &AppState) -> Vec<&str> {
        s.form
            .segments
            .iter()
            .map(|g| g.share_pct.as_str())
            .collect()
    }

    fn reduce(s: Rc<AppState>, a: Action) -> Rc<AppState> {
        s.reduce(a)
    }

    #[test]
    fn the_next_stage_s_n_follows_this_stage_s_k_while_they_are_equal() {
        let s = Rc::new(AppState::default());
        let s = reduce(s, Action::SetObserved(0, true));
        let s = reduce(s, Action::SetObserved(1, true));
        let s = reduce(s, Action::Edit(Field::StageObservedOf(0), "12000".into()));
        let s = reduce(s, Action::Edit(Field::StageSuccesses(0), "480".into()));
        let s = reduce(s, Action::Edit(Field::StageObservedOf(1), "480".into()));
        let s = reduce(s, Action::Edit(Field::StageSuccesses(1), "216".into()));
        // Typed key by key: "480" → "4800" → "480" (a key too many, taken back); n follows each.
        let s = reduce(s, Action::CountsFocus(0));
        let s = reduce(s, Action::Edit(Field::StageSuccesses(0), "4800".into()));
        assert_eq!(s.form.stages[1].observed_of, "4800");
        let s = reduce(s, Action::Edit(Field::StageSuccesses(0), "480".into()));
        assert_eq!(s.form.stages[1].observed_of, "480");
        let s = reduce(s, Action::Edit(Field::StageSuccesses(0), "500".into()));
        assert_eq!(s.form.stages[1].observed_of, "500");
        assert!(s.problems.is_empty());
        // An n of its own stays (other cohorts), also when k is typed through its value: 52 → 520
        // → 5200 beside an n of 520 (the link is decided as k gets the focus), and so does an
        // estimate's stage after.
        let s = reduce(s, Action::Edit(Field::StageObservedOf(1), "520".into()));
        let s = reduce(s, Action::CountsFocus(0));
        assert_eq!(s.chain, None);
        for k in ["52", "520", "5200", "510"] {
            let s2 = reduce(s.clone(), Action::Edit(Field::StageSuccesses(0), k.into()));
            assert_eq!(s2.form.stages[1].observed_of, "520", "{k}");
        }
        let s = reduce(s, Action::Edit(Field::StageSuccesses(0), "52".into()));
        let s = reduce(s, Action::Edit(Field::StageSuccesses(0), "520".into()));
        let s = reduce(s, Action::Edit(Field::StageSuccesses(0), "5200".into()));
        assert_eq!(s.form.stages[1].observed_of, "520");
        // Without the focus on k (a load, or a k edited before the focus came), nothing follows.
        let s = reduce(s, Action::Edit(Field::StageSuccesses(0), "520".into()));
        let s = reduce(s, Action::CountsFocus(0));
        assert_eq!(s.chain, Some(0));
        let s = reduce(s, Action::CountsFocus(1));
        let s = reduce(s, Action::Edit(Field::StageSuccesses(0), "530".into()));
        assert_eq!(s.form.stages[1].observed_of, "520");
        let s = reduce(s, Action::CountsFocus(1));
        let s = reduce(s, Action::Edit(Field::StageSuccesses(1), "40".into()));
        let before = s.form.stages[2].clone();
        let s = reduce(s, Action::Edit(Field::StageSuccesses(1), "41".into()));
        assert_eq!(s.form.stages[2], before);
        // The last stage has no next one.
        let last = s.form.stages.len() - 1;
        let s = reduce(s, Action::SetObserved(last, true));
        let s = reduce(s, Action::CountsFocus(last));
        let s = reduce(s, Action::Edit(Field::StageSuccesses(last), "3".into()));
        assert_eq!(s.form.stages[last].successes, "3");
    }

    #[test]
    fn a_followed_n_is_said_and_kept_on_request_and_a_compared_scenario_changes_one_field() {
        let s = Rc::new(AppState::default());
        let s = reduce(s, Action::SetObserved(1, true));
        let s = reduce(s, Action::SetObserved(2, true));
        let s = reduce(s, Action::Edit(Field::StageSuccesses(1), "90".into()));
        let s = reduce(s, Action::Edit(Field::StageObservedOf(2), "90".into()));
        let s = reduce(s, Action::Edit(Field::StageSuccesses(2), "27".into()));
        let s = reduce(s, Action::CountsFocus(1));
        let typed = reduce(
            s.clone(),
            Action::Edit(Field::StageSuccesses(1), "9".into()),
        );
        let typed = reduce(typed, Action::Edit(Field::StageSuccesses(1), "99".into()));
        assert_eq!(typed.form.stages[2].observed_of, "99");
        // The n before the first key, not the one before the last.
        assert_eq!(typed.followed, Some((1, "90".to_string())));
        // Focus on the same k keeps the note; Keep puts the n back and stops it following.
        let typed = reduce(typed, Action::CountsFocus(1));
        assert_eq!(typed.followed, Some((1, "90".to_string())));
        let kept = reduce(typed.clone(), Action::KeepFollowed);
        assert_eq!(kept.form.stages[2].observed_of, "90");
        assert_eq!((kept.followed.clone(), kept.chain), (None, None));
        let kept = reduce(kept, Action::Edit(Field::StageSuccesses(1), "100".into()));
        assert_eq!(kept.form.stages[2].observed_of, "90");
        // Another k's focus ends the note.
        let other = reduce(typed, Action::CountsFocus(2));
        assert_eq!(other.followed, None);
        // While the scenario is a side of a comparison (Test a change), the k changes alone.
        let compared = reduce(
            s,
            Action::CompareAsked(Some((Rc::new(Scenario::default_five_stage()), true))),
        );
        let compared = reduce(
            compared,
            Action::Edit(Field::StageSuccesses(1), "99".into()),
        );
        assert_eq!(compared.form.stages[2].observed_of, "90");
        assert_eq!(compared.followed, None);
    }

    #[test]
    fn undo_puts_a_removed_stage_back_as_it_was_typed() {
        let s = Rc::new(AppState::default());
        let s = reduce(s, Action::AddSegment);
        let s = reduce(s, Action::Edit(Field::SegmentOdds(0, 1), "2,5".into()));
        let s = reduce(s, Action::Edit(Field::StageRate(1), "4x".into()));
        let s = reduce(s, Action::Edit(Field::StageDelay(1), "3".into()));
        let before = s.form.clone();
        let entry = s.form.entry_stage;
        let s = reduce(s, Action::RemoveStage(1));
        assert_eq!(s.form.stages.len(), 4);
        assert_eq!(
            s.removed.last().map(|r| r.stage.name.as_str()),
            Some("Interest")
        );
        // Edits after the removal stay; only the stage comes back.
        let s = reduce(s, Action::Edit(Field::Arrivals, "650".into()));
        let s = reduce(s, Action::UndoRemoveStage);
        assert!(s.removed.is_empty());
        assert_eq!(s.form.stages, before.stages);
        assert_eq!(s.form.segments[0].odds, before.segments[0].odds);
        assert_eq!(s.form.entry_stage, entry);
        assert_eq!(s.form.arrivals, "650");
        // A second Undo does nothing; a move or an added stage ends the offer.
        // A default name follows the language while it waits for Undo.
        let nl = reduce(
            reduce(s.clone(), Action::RemoveStage(1)),
            Action::SetLang(Lang::Nl),
        );
        let nl = reduce(nl, Action::UndoRemoveStage);
        assert_eq!(nl.form.stages[1].name, "Interesse");
        let again = reduce(s.clone(), Action::UndoRemoveStage);
        assert_eq!(again.form.stages.len(), 5);
        let s = reduce(s, Action::RemoveStage(0));
        assert!(reduce(s.clone(), Action::MoveStage(1, true))
            .removed
            .is_empty());
        assert!(reduce(s.clone(), Action::AddStage).removed.is_empty());
        assert!(!s.removed.is_empty());
    }

    #[test]
    fn stages_removed_one_after_another_all_come_back_with_undo() {
        // A QA walkthrough: after three removals in a row, Undo brought back only the last; the other
        // two, with their counts, delays and open leads, were gone.
        let s = Rc::new(AppState::default());
        let s = reduce(s, Action::AddSegment);
        let s = reduce(s, Action::Edit(Field::StageDelay(4), "2".into()));
        let s = reduce(s, Action::Edit(Field::SegmentOdds(0, 3), "3".into()));
        let (before, entry) = (s.form.clone(), s.form.entry_stage);
        let s = [4, 3, 1]
            .into_iter()
            .fold(s, |s, i| reduce(s, Action::RemoveStage(i)));
        assert_eq!(s.form.stages.len(), 2);
        assert_eq!(s.removed.len(), 3);
        // The last removed first: the note names Interest, then Decision, then Purchase.
        let mut s = s;
        for name in ["Interest", "Decision", "Purchase"] {
            assert_eq!(s.removed.last().map(|r| r.stage.name.as_str()), Some(name));
            s = reduce(s, Action::UndoRemoveStage);
        }
        assert!(s.removed.is_empty());
        assert_eq!(s.form.stages, before.stages);
        assert_eq!(s.form.segments[0].odds, before.segments[0].odds);
        assert_eq!(s.form.entry_stage, entry);
    }

    #[test]
    fn a_results_summary_imports_its_scenario_and_other_json_is_explained() {
        let mut scenario = Scenario::default_five_stage();
        scenario.trials = 50;
        scenario.arrivals.mean = 321.0;
        let r = crate::sim::run(&scenario).unwrap();
        let summary = crate::export::summary_json(&scenario, &r, &Default::default());
        let s = reduce(Rc::new(AppState::default()), Action::Import(summary));
        assert_eq!(s.notice, Some(Notice::Imported));
        assert_eq!(*s.scenario, scenario);
        // A results table says what it is and which file imports.
        let s = reduce(
            s,
            Action::Import("period,label,funnel_new_leads_p5\r\n1,Month 1,480\r\n".into()),
        );
        match &s.notice {
            Some(Notice::ImportFailed(why)) => assert!(why.contains("results table"), "{why}"),
            other => panic!("{other:?}"),
        }
        let s = reduce(s, Action::Import("\u{feff}model;fase nr.;fase\r\n".into()));
        assert!(matches!(&s.notice, Some(Notice::ImportFailed(w)) if w.contains("results table")));
        // Any other JSON keeps the scenario parser's own explanation.
        let s = reduce(s, Action::Import("{\"summary\": 1}".into()));
        match &s.notice {
            Some(Notice::ImportFailed(why)) => assert!(why.contains("line 1"), "{why}"),
            other => panic!("{other:?}"),
        }
        assert_eq!(*s.scenario, scenario);
    }

    #[test]
    fn segments_of_one_name_in_a_file_are_numbered_on_import() {
        // The core takes two segments of one name; the inputs count the second as a problem, which
        // showed only at the next edit (and stopped the run then).
        let mut sc = Scenario::default_five_stage();
        sc.segments = ["Small", "Small (2)", " Small", "Big"]
            .iter()
            .map(|n| crate::sim::scenario::Segment {
                name: n.to_string(),
                share: 0.25,
                logit_shift: Vec::new(),
            })
            .collect();
        let s = reduce(Rc::new(AppState::default()), Action::Import(sc.to_json()));
        assert_eq!(s.notice, Some(Notice::Imported));
        let names: Vec<_> = s
            .scenario
            .segments
            .iter()
            .map(|g| g.name.as_str())
            .collect();
        assert_eq!(names, ["Small", "Small (2)", "Small (3)", "Big"]);
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        let s = reduce(s, Action::Edit(Field::Arrivals, "501".into()));
        assert!(s.problems.is_empty(), "{:?}", s.problems);
    }

    #[test]
    fn a_file_saved_in_the_other_language_imports_with_the_names_the_app_gave_in_this_one() {
        let nl = default_scenario(Lang::Nl);
        assert_eq!(nl.stages[0].name, "Bewustwording");
        let s = reduce(Rc::new(AppState::default()), Action::Import(nl.to_json()));
        assert_eq!(s.notice, Some(Notice::Imported));
        assert_eq!(*s.scenario, default_scenario(Lang::En));
        // A name of the user's own stays as it is.
        let mut own = nl;
        own.stages[1].name = "Demo gepland".into();
        let s = reduce(s, Action::Import(own.to_json()));
        assert_eq!(s.scenario.stages[1].name, "Demo gepland");
        assert_eq!(s.scenario.stages[0].name, "Awareness");
    }

    #[test]
    fn inputs_typed_while_invalid_come_back_after_a_reload() {
        let s = Rc::new(AppState::default());
        let s = reduce(s, Action::Edit(Field::Arrivals, String::new()));
        let s = reduce(s, Action::Edit(Field::StageRate(1), "45".into()));
        let s = reduce(s, Action::Edit(Field::Revenue, "2500".into()));
        assert!(!s.problems.is_empty());
        // The valid scenario stays as before the empty field; the draft keeps all three edits.
        let stored = s.scenario.to_json();
        let draft = s.form.to_draft(s.lang);
        let back = AppState::restore(Lang::En, Some(&stored)).with_draft(Some(&draft));
        assert_eq!(back.form, s.form);
        assert_eq!(back.problems, s.problems);
        assert_eq!(*back.scenario, *s.scenario);
        // No draft (the inputs were valid): the stored scenario's inputs.
        let plain = AppState::restore(Lang::En, Some(&stored)).with_draft(Some(""));
        assert_eq!(plain.form.arrivals, "500");
        assert!(plain.problems.is_empty());
    }

    #[test]
    fn inputs_typed_in_dutch_come_back_in_english_in_an_english_tab() {
        let s = Rc::new(AppState::new(Lang::Nl));
        let s = reduce(s, Action::Edit(Field::FixedBudget, "1.200".into()));
        let s = reduce(s, Action::Edit(Field::Growth, "2,5".into()));
        let s = reduce(s, Action::Edit(Field::Arrivals, "12x".into()));
        assert_eq!(s.form.stages[0].name, "Bewustwording");
        let (stored, draft) = (s.scenario.to_json(), s.form.to_draft(s.lang));
        let en = AppState::restore(Lang::En, Some(&stored)).with_draft(Some(&draft));
        assert_eq!(en.form.stages[0].name, "Awareness");
        assert_eq!(en.form.fixed_budget, "1,200");
        assert_eq!(en.form.growth_pct, "2.5");
        assert_eq!(en.form.arrivals, "12x");
        // Only the letters are wrong, as they were in Dutch: no "1.200 or 1.2?".
        assert_eq!(en.problems.len(), 1);
        // In Dutch again, as typed.
        let nl = AppState::restore(Lang::Nl, Some(&stored)).with_draft(Some(&draft));
        assert_eq!(nl.form, s.form);
    }

    #[test]
    fn a_valid_edit_changes_the_scenario_and_asks_for_a_run() {
        let s = Rc::new(AppState::default());
        let s = reduce(s, Action::Edit(Field::StageRate(0), "35".into()));
        assert!(s.problems.is_empty());
        assert_eq!(s.generation, 1);
        assert!((s.scenario.stages[0].rate.mean() - 0.35).abs() < 1e-12);
    }

    #[test]
    fn an_invalid_edit_keeps_the_text_the_scenario_and_the_results() {
        let s = Rc::new(AppState::default());
        let before = s.scenario.clone();
        let s = reduce(s, Action::Edit(Field::StageRate(1), "abc".into()));
        assert_eq!(s.form.stages[1].rate_pct, "abc");
        assert_eq!(s.problem(Field::StageRate(1)), Some(&Problem::NotANumber));
        assert!(Rc::ptr_eq(&s.scenario, &before));
        assert_eq!(s.generation, 0);
        assert!(s.results_stale());
        // Fixing it clears the problem and runs.
        let s = reduce(s, Action::Edit(Field::StageRate(1), "41".into()));
        assert!(s.problems.is_empty());
        assert_eq!(s.generation, 1);
    }

    #[test]
    fn switching_a_stage_to_observed_counts_starts_from_its_estimate() {
        let s = Rc::new(AppState::default());
        // 30% with a certainty of 200 leads seen: 60 of 200.
        let s = reduce(s, Action::SetObserved(0, true));
        assert_eq!(s.form.stages[0].successes, "60");
        assert_eq!(s.form.stages[0].observed_of, "200");
        assert_eq!(
            s.scenario.stages[0].rate,
            crate::sim::Rate::Observed {
                successes: 60,
                trials: 200
            }
        );
        // Back untouched: the estimate as typed (not 30.39% of 202), and the counts follow it next time.
        let s = reduce(s, Action::SetObserved(0, false));
        assert_eq!(
            s.scenario.stages[0].rate,
            crate::sim::Rate::Beta {
                mean: 0.3,
                certainty: 200.0
            }
        );
        assert_eq!(
            (
                s.form.stages[0].rate_pct.as_str(),
                s.form.stages[0].certainty.as_str()
            ),
            ("30", "200")
        );
        let s = reduce(s, Action::Edit(Field::StageCertainty(0), "1000".into()));
        let s = reduce(s, Action::SetObserved(0, true));
        assert_eq!(s.form.stages[0].successes, "300");
        assert_eq!(s.form.stages[0].observed_of, "1000");
        let s = reduce(s, Action::SetObserved(0, false));
        // An exact rate: 30 of 100, and back the exact rate.
        let s = reduce(s, Action::Edit(Field::StageCertainty(0), "".into()));
        let exact = s.scenario.stages[0].rate.clone();
        let s = reduce(s, Action::SetObserved(0, true));
        assert_eq!(
            (
                s.form.stages[0].successes.as_str(),
                s.form.stages[0].observed_of.as_str()
            ),
            ("30", "100")
        );
        let s = reduce(s, Action::SetObserved(0, false));
        assert_eq!(s.scenario.stages[0].rate, exact);
        assert_eq!(s.form.stages[0].certainty, "");
        // Counts typed, then back to an estimate: the estimate of those counts (Beta(133, 59) as
        // 133/192 = 69.27% with certainty 192), in the language's decimals; not the old 30%.
        let s = reduce(s, Action::SetObserved(0, true));
        let s = reduce(s, Action::Edit(Field::StageSuccesses(0), "132".into()));
        let s = reduce(s, Action::Edit(Field::StageObservedOf(0), "190".into()));
        let nl = reduce(s.clone(), Action::SetLang(Lang::Nl));
        let s = reduce(s, Action::SetObserved(0, false));
        assert_eq!(
            (
                s.form.stages[0].rate_pct.as_str(),
                s.form.stages[0].certainty.as_str()
            ),
            ("69.27", "192")
        );
        assert_eq!(
            s.scenario.stages[0].rate,
            crate::sim::Rate::Beta {
                mean: 0.6927,
                certainty: 192.0
            }
        );
        let nl = reduce(nl, Action::SetObserved(0, false));
        assert_eq!(nl.form.stages[0].rate_pct, "69,27");
    }

    #[test]
    fn a_mode_switch_does_not_turn_input_with_a_problem_into_valid_input() {
        // A QA walkthrough: a rate typed as 130 became "100 of 100" under Counts, and ran.
        let s = Rc::new(AppState::default());
        let valid = s.scenario.clone();
        let s = reduce(s, Action::Edit(Field::StageRate(0), "130".into()));
        assert!(s.problem(Field::StageRate(0)).is_some());
        let s = reduce(s, Action::SetObserved(0, true));
        assert_eq!(
            (
                s.form.stages[0].successes.as_str(),
                s.form.stages[0].observed_of.as_str()
            ),
            ("", "")
        );
        assert!(s.problem(Field::StageSuccesses(0)).is_some());
        assert_eq!(s.scenario, valid, "nothing runs");
        let s = reduce(s, Action::SetObserved(0, false));
        assert_eq!(s.form.stages[0].rate_pct, "130");
        assert!(s.problem(Field::StageRate(0)).is_some());
        // Shares of 120% became a valid NPS of 40, and back 50, 40 and 10.
        let s = Rc::new(AppState::default());
        let typed = s.form.promoters_pct.clone();
        let s = reduce(s, Action::Edit(Field::Promoters, "60".into()));
        assert!(s.problem(Field::Mix).is_some());
        let valid = s.scenario.clone();
        let s = reduce(s, Action::SetMixMode(MixMode::Nps));
        assert_eq!(s.form.nps_score, "");
        assert!(s.problem(Field::NpsScore).is_some());
        assert_eq!(s.scenario, valid, "nothing runs");
        let s = reduce(s, Action::SetMixMode(MixMode::Shares));
        assert_eq!(s.form.promoters_pct, "60");
        assert!(s.problem(Field::Mix).is_some());
        // Valid shares still carry over both ways.
        let s = reduce(s, Action::Edit(Field::Promoters, typed));
        let s = reduce(s, Action::SetMixMode(MixMode::Nps));
        assert!(s.problems.is_empty());
        assert_eq!(s.form.nps_score, "20");
        let s = reduce(s, Action::Edit(Field::NpsScore, "abc".into()));
        let before = s.scenario.clone();
        let s = reduce(s, Action::SetMixMode(MixMode::Shares));
        assert_eq!(s.form.promoters_pct, "");
        assert_eq!(s.scenario, before, "nothing runs");
        // And back: the score as typed, with its problem (it came back empty).
        let s = reduce(s, Action::SetMixMode(MixMode::Nps));
        assert_eq!(s.form.nps_score, "abc");
        let s = reduce(s, Action::Edit(Field::NpsScore, "150".into()));
        let s = reduce(s, Action::SetMixMode(MixMode::Shares));
        assert!(s.problem(Field::Mix).is_some() || s.problem(Field::Promoters).is_some());
        let s = reduce(s, Action::SetMixMode(MixMode::Nps));
        assert_eq!(s.form.nps_score, "150");
        assert_eq!(s.scenario, before, "nothing runs");
        // Counts with a problem ("4S" in Evaluation's, which are counts to start with), then an estimate:
        // the estimate from before ran in their place.
        let s = Rc::new(AppState::default());
        assert!(s.form.stages[2].observed);
        let s = reduce(s, Action::Edit(Field::StageSuccesses(2), "4S".into()));
        let before = s.scenario.clone();
        let s = reduce(s, Action::SetObserved(2, false));
        assert_eq!(s.form.stages[2].rate_pct, "");
        assert!(s.problem(Field::StageRate(2)).is_some());
        assert_eq!(s.scenario, before, "nothing runs");
        let s = reduce(s, Action::SetObserved(2, true));
        assert_eq!(s.form.stages[2].successes, "4S");
    }

    #[test]
    fn stages_can_be_added_removed_and_reordered_but_one_stays() {
        let mut s = Rc::new(AppState::default());
        s = reduce(s, Action::AddStage);
        assert_eq!(s.scenario.stages.len(), 6);
        // Before the last stage, where leads buy, and named by its place.
        assert_eq!(s.scenario.stages[4].name, "Stage 5");
        assert_eq!(s.scenario.stages[5].name, "Purchase");
        s = reduce(s, Action::MoveStage(5, true));
        assert_eq!(s.scenario.stages[4].name, "Purchase");
        s = reduce(s, Action::MoveStage(4, false));
        assert_eq!(s.scenario.stages[4].name, "Stage 5");
        assert_eq!(s.scenario.stages[5].name, "Purchase");
        s = reduce(s, Action::MoveStage(0, true)); // already first: no change
        assert_eq!(s.scenario.stages[0].name, "Awareness");
        // Referrals enter Evaluation (index 2) and follow it when it moves, but never to the top.
        assert_eq!(s.form.entry_stage, 2);
        s = reduce(s, Action::MoveStage(2, true));
        assert_eq!(s.scenario.stages[1].name, "Evaluation");
        assert_eq!(s.scenario.flywheel.referral_entry_stage, 1);
        s = reduce(s, Action::MoveStage(1, false));
        assert_eq!(s.scenario.flywheel.referral_entry_stage, 2);
        s = reduce(s, Action::MoveStage(1, false)); // Interest moves past Evaluation
        assert_eq!(s.scenario.flywheel.referral_entry_stage, 1);
        assert_eq!(s.entry_note, None);
        s = reduce(s, Action::MoveStage(1, true)); // Evaluation to the top: the entry stays second
        assert_eq!(s.scenario.stages[0].name, "Evaluation");
        assert_eq!(s.scenario.flywheel.referral_entry_stage, 1);
        assert_eq!(s.entry_note, Some(EntryNote::Top), "and the app says so");
        // Evaluation back down swaps it with Interest, the entry now, which goes to the top: said again.
        s = reduce(s, Action::MoveStage(0, false));
        assert_eq!(s.entry_note, Some(EntryNote::Top));
        s = reduce(s, Action::MoveStage(2, true));
        assert_eq!(s.entry_note, None, "the next stage edit clears it");
        assert_eq!(s.scenario.stages[1].name, "Interest");
        // Removing a stage above the entry keeps referrals entering Evaluation.
        s = reduce(s, Action::SetEntryStage(3));
        assert_eq!(s.scenario.stages[3].name, "Decision");
        s = reduce(s, Action::RemoveStage(1));
        assert_eq!(s.scenario.stages[2].name, "Decision");
        assert_eq!(s.scenario.flywheel.referral_entry_stage, 2);
        assert_eq!(s.entry_note, None);
        // Removing the entry stage itself: referrals enter the stage after it, and the app says so.
        s = reduce(s, Action::RemoveStage(2));
        assert_eq!(s.scenario.stages[2].name, "Stage 5");
        assert_eq!(s.scenario.flywheel.referral_entry_stage, 2);
        assert_eq!(s.entry_note, Some(EntryNote::Removed));
        s = reduce(s, Action::AddStage);
        s = reduce(s, Action::AddStage);
        for _ in 0..10 {
            s = reduce(s, Action::RemoveStage(0));
        }
        assert_eq!(s.form.stages.len(), 1);
        // Referred leads have no later stage to enter: the scenario keeps two stages until that is fixed.
        assert_eq!(s.scenario.stages.len(), 2);
        assert!(matches!(
            s.problem(Field::EntryStage),
            Some(Problem::EntryStage { stages: 1 })
        ));
        s = reduce(s, Action::Edit(Field::Referrals, "0".into()));
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        assert_eq!(s.scenario.stages.len(), 1);
    }

    #[test]
    fn the_default_scenario_is_my_funnel_once_its_funnel_changes_but_not_for_a_new_seed() {
        let s = Rc::new(AppState::default());
        assert_eq!(s.scenario.name, "Default five-stage funnel");
        let s = reduce(s, Action::Run);
        let s = reduce(s, Action::Edit(Field::Trials, "2000".into()));
        assert_eq!(s.scenario.name, "Default five-stage funnel");
        let s = reduce(s, Action::Edit(Field::StageRate(1), "45".into()));
        assert_eq!(s.scenario.name, "My funnel");
        // Back to the default inputs, it stays the user's funnel; a name the user gave is never touched.
        let s = reduce(s, Action::Edit(Field::StageRate(1), "40".into()));
        assert_eq!(s.scenario.name, "My funnel");
        let mut named = Scenario::default_five_stage();
        named.name = "Webshop".into();
        let s = AppState::with_scenario(Lang::En, named);
        let s = reduce(Rc::new(s), Action::Edit(Field::StageRate(1), "45".into()));
        assert_eq!(s.scenario.name, "Webshop");
    }

    #[test]
    fn a_stage_is_added_before_the_last_and_referrals_keep_entering_theirs() {
        let s = Rc::new(AppState::default());
        // Referrals entering Purchase go on entering it when a stage is added before it.
        let s = reduce(s, Action::SetEntryStage(4));
        let s = reduce(s, Action::AddStage);
        assert_eq!(s.scenario.stages[5].name, "Purchase");
        assert_eq!(s.scenario.flywheel.referral_entry_stage, 5);
        // Entering an earlier stage, they stay there.
        let s = reduce(s, Action::SetEntryStage(2));
        let s = reduce(s, Action::AddStage);
        assert_eq!(s.scenario.stages[5].name, "Stage 6");
        assert_eq!(s.scenario.flywheel.referral_entry_stage, 2);
        // A single stage gets the new one after it.
        assert_eq!((super::add_stage_at(1), super::add_stage_at(5)), (1, 4));
    }

    #[test]
    fn a_stored_scenario_is_restored_and_a_corrupt_one_is_reported_and_reset() {
        let mut custom = Scenario::default_five_stage();
        custom.periods = 12;
        let s = AppState::restore(Lang::En, Some(&custom.to_json()));
        assert_eq!(s.scenario.periods, 12);
        assert_eq!(s.form.periods, "12");
        assert!(s.notice.is_none());

        let s = AppState::restore(Lang::En, Some("{\"version\": 1, \"periods\": "));
        assert_eq!(*s.scenario, Scenario::default_five_stage());
        match &s.notice {
            Some(Notice::StoredScenarioReset(why)) => assert!(why.contains("line 1"), "{why}"),
            other => panic!("{other:?}"),
        }
        custom.periods = 100_000;
        let s = AppState::restore(Lang::Nl, Some(&custom.to_json()));
        assert_eq!(s.scenario.stages[0].name, "Bewustwording");
        assert_eq!(s.scenario.name, "Standaardtrechter met vijf fasen");
        assert!(
            matches!(&s.notice, Some(Notice::StoredScenarioReset(why)) if why.contains("periods"))
        );
        let s = Rc::new(s).reduce(Action::DismissNotice);
        assert!(s.notice.is_none());
    }

    #[test]
    fn switching_language_renames_the_stages_the_app_named_and_keeps_typed_names() {
        let s = Rc::new(AppState::default());
        let s = reduce(s, Action::AddStage);
        let s = reduce(s, Action::Edit(Field::StageName(2), "Demo call".into()));
        let s = reduce(s, Action::SetLang(Lang::Nl));
        let names: Vec<&str> = s
            .scenario
            .stages
            .iter()
            .map(|st| st.name.as_str())
            .collect();
        assert_eq!(
            names,
            [
                "Bewustwording",
                "Interesse",
                "Demo call",
                "Beslissing",
                "Fase 5",
                "Aankoop"
            ]
        );
        assert_eq!(s.form.stages[0].name, "Bewustwording");
        // Changed, the default scenario is "My funnel", in each language.
        assert_eq!(s.scenario.name, "Mijn trechter");
        let s = reduce(s, Action::SetLang(Lang::En));
        assert_eq!(s.scenario.stages[0].name, "Awareness");
        assert_eq!(s.scenario.stages[4].name, "Stage 5");
        assert_eq!(s.scenario.name, "My funnel");
        // Stored while the app was in English, opened with ?lang=nl.
        let nl = AppState::restore(Lang::Nl, Some(&s.scenario.to_json()));
        assert_eq!(nl.scenario.stages[0].name, "Bewustwording");
        assert_eq!(nl.form.stages[0].name, "Bewustwording");
        // The embed dialog's snippet in the other language (English app, Dutch embed).
        let nl = translated(&s.scenario, Lang::En, Lang::Nl);
        assert_eq!(nl.name, "Mijn trechter");
        let unchanged = translated(&default_scenario(Lang::En), Lang::En, Lang::Nl);
        assert_eq!(unchanged.name, "Standaardtrechter met vijf fasen");
        assert_eq!(nl.stages[0].name, "Bewustwording");
        assert_eq!(nl.stages[2].name, "Demo call");
        // A user's name that happens to start like the numbered ones stays.
        let mut name = "Stage two".to_string();
        assert!(!translate_name(&mut name, Lang::En, Lang::Nl));
        assert_eq!(name, "Stage two");
    }

    #[test]
    fn numbers_in_the_inputs_use_the_languages_decimal_mark() {
        let s = Rc::new(AppState::default());
        let s = reduce(s, Action::Edit(Field::Revenue, "1.000".into()));
        let s = reduce(s, Action::Edit(Field::Revenue, "1200".into()));
        let s = reduce(s, Action::Edit(Field::CostPerLead, "12.5".into()));
        let s = reduce(s, Action::Edit(Field::Growth, "1.000".into()));
        let before = s.scenario.clone();
        let s = reduce(s, Action::SetLang(Lang::Nl));
        assert_eq!(s.form.referrals, "0,05");
        assert_eq!(s.form.stages[3].delay, "1,5");
        assert_eq!(s.form.cost_per_lead, "12,5");
        // A lone mark before three digits keeps its value: English "1.000" as a growth in percent is 1
        // (1000% is out of range), Dutch "1,000"; whole numbers have no mark.
        assert_eq!(s.form.growth_pct, "1,000");
        assert_eq!(s.form.revenue, "1200");
        assert_eq!(s.scenario.arrivals.growth, 0.01);
        let s = reduce(s, Action::Edit(Field::Growth, "1".into()));
        let values = |sc: &Scenario| {
            let rates: Vec<_> = sc
                .stages
                .iter()
                .map(|st| (st.rate.clone(), st.delay))
                .collect();
            (
                rates,
                sc.economics.clone(),
                sc.flywheel.clone(),
                sc.arrivals.clone(),
            )
        };
        assert_eq!(values(&s.scenario), values(&before), "the same values");
        // Even splits and the mix carried into NPS are written in Dutch, and still respread.
        let s = reduce(s, Action::AddSegment);
        let s = reduce(s, Action::AddSegment);
        let s = reduce(s, Action::AddSegment);
        let shares = share_texts(&s);
        assert_eq!(shares, ["33,33", "33,33", "33,34"]);
        let s = reduce(s, Action::Edit(Field::Promoters, "42,5".into()));
        let s = reduce(s, Action::Edit(Field::Passives, "40".into()));
        let s = reduce(s, Action::Edit(Field::Detractors, "17,5".into()));
        let s = reduce(s, Action::SetMixMode(MixMode::Nps));
        assert_eq!(s.form.nps_score, "25");
        let s = reduce(s, Action::SetLang(Lang::En));
        assert_eq!(s.form.segments[0].share_pct, "33.33");
        assert_eq!(s.form.referrals, "0.05");
        let s = reduce(s, Action::RemoveSegment(0));
        let shares = share_texts(&s);
        assert_eq!(shares, ["50", "50"]);
        // A scenario loaded in Dutch (here a preset-like load through a restore) is shown in Dutch.
        let nl = AppState::with_scenario(Lang::Nl, default_scenario(Lang::Nl));
        assert_eq!(nl.form.referrals, "0,05");
        assert!(nl.problems.is_empty());
        assert_eq!(
            nl.form.to_scenario(&nl.scenario).as_ref(),
            Ok(&*nl.scenario)
        );
    }

    /// The replaced scenario, stored, comes back after a reload with a notice that offers it; one
    /// equal to the working scenario, unreadable or invalid is not offered. A link opened in a browser
    /// with no scenario of its own replaced nothing and says only where it came from.
    #[test]
    fn the_replaced_scenario_survives_a_reload_and_a_fresh_link_replaces_nothing() {
        let mut mine = default_scenario(Lang::En);
        mine.arrivals.mean = 900.0;
        let s = AppState::new(Lang::En).with_previous(Some(&mine.to_json()), None);
        assert_eq!(s.previous.as_deref(), Some(&mine));
        assert_eq!(s.notice, Some(Notice::PreviousKept));
        let s = reduce(Rc::new(s), Action::RestorePrevious);
        assert_eq!(*s.scenario, mine);
        for stored in [
            String::new(),
            "{".to_string(),
            default_scenario(Lang::En).to_json(),
            mine.to_json().replace("900", "-1"),
        ] {
            let s = AppState::new(Lang::En).with_previous(Some(&stored), None);
            assert!(s.previous.is_none() && s.notice.is_none(), "{stored}");
        }
        let link = crate::share::encode(&crate::share::SharedState {
            scenario: mine.clone(),
            view: None,
            lang: None,
            preset: None,
            target: None,
            compare: None,
        });
        let s = AppState::new(Lang::En).with_shared_link(Some(&link));
        assert_eq!(s.notice, Some(Notice::SharedLinkLoaded));
        assert!(s.previous.is_some());
        let s = s.opened_fresh();
        assert_eq!(s.notice, Some(Notice::SharedLinkOpened));
        assert!(s.previous.is_none());
        assert_eq!(*s.scenario, mine);
        assert_eq!(s.target_link, None);
        // A link with the target question hands it to the Target panel (opened at load or later).
        let q = "en\nrevenue\nfunnel\n300000\n200\n20\nasked";
        let link = crate::share::encode(&crate::share::SharedState {
            scenario: mine.clone(),
            view: None,
            lang: None,
            preset: None,
            target: Some(q.into()),
            compare: None,
        });
        let s = AppState::new(Lang::En).with_shared_link(Some(&link));
        assert_eq!(s.target_link, Some((0, Rc::from(q))));
        // Opened again (the recipient changed the question meanwhile): asked again.
        let s = reduce(Rc::new(s), Action::OpenLink(link));
        assert_eq!(s.target_link, Some((1, Rc::from(q))));
        // The panel's asked question is kept for links; unchanged, the state stays the same.
        let s = reduce(s, Action::TargetAsked(Some(Rc::from(q))));
        assert_eq!(s.target_asked.as_deref(), Some(q));
        let same = reduce(s.clone(), Action::TargetAsked(Some(Rc::from(q))));
        assert!(Rc::ptr_eq(&s, &same));
    }

    #[test]
    fn a_links_comparison_saves_its_other_scenario_without_replacing_the_recipients_own() {
        let mut before = default_scenario(Lang::En);
        before.name = "Plan (before)".into();
        let mut after = before.clone();
        after.name = "Plan".into();
        after.arrivals.mean = 900.0;
        let link = |other: &Scenario, other_is_a: bool| {
            crate::share::encode(&crate::share::SharedState {
                scenario: after.clone(),
                view: None,
                lang: None,
                preset: None,
                target: None,
                compare: Some(crate::share::SharedCompare {
                    other: other.clone(),
                    other_is_a,
                }),
            })
        };
        // The recipient has a different scenario saved under that name: it stays.
        let mut mine = before.clone();
        mine.periods = 12;
        let s = reduce(
            Rc::new(AppState::new(Lang::En)),
            Action::PutSaved(Rc::new(SavedScenario {
                name: "Plan (before)".into(),
                scenario: mine.clone(),
            })),
        );
        let s = reduce(s, Action::OpenLink(link(&before, true)));
        assert_eq!(*s.scenario, after);
        assert_eq!(
            s.compare_link,
            Some((0, Rc::from("Plan (before) (2)"), true))
        );
        let names: Vec<_> = s
            .saved
            .iter()
            .map(|x| (x.name.as_str(), x.scenario.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                ("Plan (before)", "Plan (before)"),
                ("Plan (before) (2)", "Plan (before) (2)")
            ]
        );
        assert_eq!(s.saved[0].scenario, mine);
        assert_eq!(s.saved[1].scenario.periods, before.periods);
        // The same link again reuses the copy, and asks again (a new count).
        let s = reduce(s, Action::OpenLink(link(&before, true)));
        assert_eq!(s.saved.len(), 2);
        assert_eq!(
            s.compare_link,
            Some((1, Rc::from("Plan (before) (2)"), true))
        );
        // The other scenario as B; a scenario without a name is saved under its side's name.
        let mut unnamed = before.clone();
        unnamed.name = "  ".into();
        let s = reduce(s, Action::OpenLink(link(&unnamed, false)));
        assert_eq!(s.compare_link, Some((2, Rc::from("B (the change)"), false)));
        // A link without one: none (the notice says nothing of one).
        let plain = crate::share::encode(&crate::share::SharedState {
            compare: None,
            ..crate::share::decode(&link(&before, true)).unwrap()
        });
        let s = reduce(s, Action::OpenLink(plain));
        assert_eq!(s.compare_link, None);
        assert_eq!(s.saved.len(), 3);
        // The panel's comparison is kept for links; unchanged, the state stays the same.
        let c = Some((Rc::new(before.clone()), true));
        let s = reduce(s, Action::CompareAsked(c.clone()));
        assert_eq!(s.compare_asked, c);
        let same = reduce(s.clone(), Action::CompareAsked(c));
        assert!(Rc::ptr_eq(&s, &same));
    }

    #[test]
    fn back_and_forward_bring_back_the_scenarios_of_their_history_entries() {
        let mut mine = default_scenario(Lang::En);
        mine.arrivals.mean = 900.0;
        let s = Rc::new(AppState::with_scenario(Lang::En, mine.clone()));
        let own = s.history_entry();
        assert_eq!(s.loads, 0);
        // A preset is a new entry (loads counts it); Back gives the own scenario, without a Restore
        // of it (the preset is one Forward away).
        let id = super::super::presets::PRESETS[1].id;
        let p = reduce(s.clone(), Action::LoadPreset(id));
        assert_eq!((p.loads, p.preset), (1, Some(id)));
        let preset_entry = p.history_entry();
        assert!(preset_entry.starts_with(&format!("{id}\n{{")));
        let back = reduce(p.clone(), Action::FromHistory(own.clone()));
        assert_eq!(*back.scenario, mine);
        assert_eq!((back.loads, back.preset), (1, None));
        assert_eq!(back.notice, Some(Notice::FromHistory));
        assert!(back.previous.is_none());
        assert!(back.generation > p.generation, "a new run");
        // Forward: the preset with its story, and Restore gives the own scenario.
        let fwd = reduce(back.clone(), Action::FromHistory(preset_entry.clone()));
        assert_eq!(*fwd.scenario, *p.scenario);
        assert_eq!(fwd.preset, Some(id));
        assert_eq!(fwd.previous.as_deref(), Some(&mine));
        // The entry of the scenario shown (a reload's first entry): nothing changes.
        assert!(Rc::ptr_eq(
            &fwd,
            &reduce(fwd.clone(), Action::FromHistory(preset_entry))
        ));
        // Damaged or foreign entries change nothing.
        for bad in ["", "x", "\n{}", "healthy\nnot json"] {
            assert!(Rc::ptr_eq(
                &fwd,
                &reduce(fwd.clone(), Action::FromHistory(bad.into()))
            ));
        }
        // Inputs that do not read yet are kept for Restore, as typed.
        let typed = reduce(p, Action::Edit(Field::Arrivals, "12x".into()));
        let back = reduce(typed, Action::FromHistory(own.clone()));
        assert_eq!(*back.scenario, mine);
        assert!(back.previous_draft.is_some());
        let again = reduce(back, Action::RestorePrevious);
        assert_eq!(again.form.arrivals, "12x");
        assert_eq!(again.loads, 2, "Restore is a new entry");
        // An entry written in Dutch, read in English: the names the app gave are English.
        let nl = history_entry(&default_scenario(Lang::Nl).to_json(), None, None);
        let s2 = reduce(s.clone(), Action::FromHistory(nl));
        assert_eq!(*s2.scenario, default_scenario(Lang::En));
        // A preset, the language switched, Back: the own scenario in Dutch, nothing to restore (the
        // replaced scenario followed the language, as the one shown did).
        let p = reduce(s.clone(), Action::LoadPreset(id));
        let p = reduce(p, Action::SetLang(Lang::Nl));
        assert_eq!(
            p.previous.as_deref(),
            Some(&translated(&mine, Lang::En, Lang::Nl))
        );
        let back = reduce(p, Action::FromHistory(own.clone()));
        assert_eq!(*back.scenario, translated(&mine, Lang::En, Lang::Nl));
        assert!(back.previous.is_none());
        // Back past a link that asked its question: the own question is asked again.
        let q = "en\nrevenue\nfunnel\n300000\n200\n20\nasked";
        let mine_q = "en\ncustomers\nflywheel\n250000\n150\n12\nasked";
        let link = crate::share::encode(&crate::share::SharedState {
            scenario: default_scenario(Lang::En),
            view: None,
            lang: None,
            preset: None,
            target: Some(q.into()),
            compare: None,
        });
        let s = reduce(s, Action::TargetTyped(Rc::from(mine_q)));
        let l = reduce(s, Action::OpenLink(link));
        assert_eq!(l.target_link.as_ref().map(|t| &*t.1), Some(q));
        let back = reduce(l, Action::FromHistory(own));
        assert_eq!(*back.scenario, mine);
        assert_eq!(back.target_link.as_ref().map(|t| &*t.1), Some(mine_q));
        assert!(back.previous.is_none() && back.previous_target.is_none());
    }

    #[test]
    fn back_and_forward_bring_back_the_inputs_as_typed_there() {
        let s = Rc::new(AppState::restore(Lang::En, None));
        // "130" typed key by key: "13" was valid (the scenario keeps it), "130" is not; then more
        // edits, which wait in the inputs while one has a problem.
        let mut t = s.clone();
        for typed in ["1", "13", "130"] {
            t = reduce(t, Action::Edit(Field::StageRate(1), typed.into()));
        }
        let t = reduce(t, Action::Edit(Field::Periods, "36".into()));
        assert!(!t.problems.is_empty());
        assert_eq!(t.scenario.periods, 24);
        let typed = t.history_entry();
        assert!(typed.contains(DRAFT_MARK));
        // Another entry (a preset), then back to the typed one: the inputs as typed, with their
        // problem, and the last valid scenario.
        let id = super::super::presets::PRESETS[1].id;
        let p = reduce(t.clone(), Action::LoadPreset(id));
        let back = reduce(p.clone(), Action::FromHistory(typed.clone()));
        assert_eq!(back.form.stages[1].rate_pct, "130");
        assert_eq!(back.form.periods, "36");
        assert!(!back.problems.is_empty());
        assert_eq!(*back.scenario, *t.scenario);
        // The entry of what is shown changes nothing.
        assert!(Rc::ptr_eq(
            &back,
            &reduce(back.clone(), Action::FromHistory(typed))
        ));
        // An entry of the same scenario without typing: the typed inputs go (to Restore).
        let plain = history_entry(&t.scenario.to_json(), None, None);
        let clean = reduce(back, Action::FromHistory(plain));
        assert!(clean.problems.is_empty());
        assert_eq!(clean.form.stages[1].rate_pct, "13");
        assert_eq!(
            clean
                .previous_draft
                .as_ref()
                .map(|f| f.stages[1].rate_pct.as_str()),
            Some("130")
        );
        // Written in Dutch, read in English: the typed decimal comma becomes a point.
        let nl = reduce(s, Action::SetLang(Lang::Nl));
        let nl = reduce(nl, Action::Edit(Field::Growth, "1,5".into()));
        let nl = reduce(nl, Action::Edit(Field::Arrivals, "12x".into()));
        let entry = nl.history_entry();
        let en = reduce(
            reduce(p, Action::SetLang(Lang::En)),
            Action::FromHistory(entry),
        );
        assert_eq!(
            (en.form.growth_pct.as_str(), en.form.arrivals.as_str()),
            ("1.5", "12x")
        );
    }

    #[test]
    fn restore_asks_the_target_question_that_a_links_question_replaced() {
        let mut mine = default_scenario(Lang::En);
        mine.arrivals.mean = 900.0;
        let own = "en\ncustomers\nflywheel\n250000\n150\n12\nasked";
        let q = "en\nrevenue\nfunnel\n300000\n200\n20\nasked";
        let link_with = |target: Option<&str>, mean: f64| {
            let mut scenario = default_scenario(Lang::En);
            scenario.arrivals.mean = mean;
            crate::share::encode(&crate::share::SharedState {
                scenario,
                view: None,
                lang: None,
                preset: None,
                target: target.map(String::from),
                compare: None,
            })
        };
        let start = || {
            let s = AppState::with_scenario(Lang::En, mine.clone()).with_target(Some(own));
            Rc::new(s)
        };
        assert_eq!(start().target_text.as_deref(), Some(own));
        // A link with a question: Restore gives back the scenario and asks the own question again.
        let s = reduce(start(), Action::OpenLink(link_with(Some(q), 1000.0)));
        assert_eq!(s.previous_target.as_deref(), Some(own));
        assert_eq!(s.target_link.as_ref().map(|l| &*l.1), Some(q));
        // (The panel then asks the link's question and says so.)
        let s = reduce(s, Action::TargetTyped(Rc::from(q)));
        assert_eq!(s.target_text.as_deref(), Some(q));
        // A second link right after the first (nothing edited) keeps the own question for Restore.
        let s = reduce(s, Action::OpenLink(link_with(Some(q), 1100.0)));
        assert_eq!(s.previous_target.as_deref(), Some(own));
        // So does a preset loaded right after it.
        let s = reduce(s, Action::LoadPreset(super::super::presets::PRESETS[0].id));
        assert_eq!(s.previous_target.as_deref(), Some(own));
        let n = s.target_link.as_ref().map(|l| l.0);
        let s = reduce(s, Action::RestorePrevious);
        assert_eq!(*s.scenario, mine);
        assert_eq!(s.notice, Some(Notice::Restored));
        assert_eq!(s.target_link.as_ref().map(|l| &*l.1), Some(own));
        assert_ne!(s.target_link.as_ref().map(|l| l.0), n, "asked again");
        assert!(s.previous_target.is_none());
        // A link without a question, or with the recipient's own, leaves the question alone.
        for link in [link_with(None, 1000.0), link_with(Some(own), 1000.0)] {
            let s = reduce(start(), Action::OpenLink(link));
            assert!(s.previous.is_some() && s.previous_target.is_none());
            let before = s.target_link.clone();
            let s = reduce(s, Action::RestorePrevious);
            assert_eq!(s.target_link, before);
        }
        // A link to the scenario shown, with another question: Restore asks the own question again.
        let s = reduce(start(), Action::OpenLink(link_with(Some(q), 900.0)));
        assert_eq!(s.previous.as_deref(), Some(&mine));
        assert_eq!(s.previous_target.as_deref(), Some(own));
        let s = reduce(s, Action::RestorePrevious);
        assert_eq!(s.target_link.as_ref().map(|l| &*l.1), Some(own));
        // Closing the notice drops it with the scenario.
        let s = reduce(start(), Action::OpenLink(link_with(Some(q), 1000.0)));
        let s = reduce(s, Action::DismissNotice);
        assert!(s.previous.is_none() && s.previous_target.is_none());
        // An edit, then a preset: the question was not replaced by the preset.
        let s = reduce(start(), Action::OpenLink(link_with(Some(q), 1000.0)));
        let s = reduce(s, Action::Edit(Field::Arrivals, "1200".into()));
        let s = reduce(s, Action::LoadPreset(super::super::presets::PRESETS[0].id));
        assert!(s.previous_target.is_none());
        // After a reload: kept with the replaced scenario, and only with it.
        let s = AppState::new(Lang::En)
            .with_target(Some(q))
            .with_previous(Some(&mine.to_json()), Some(own));
        assert_eq!(s.previous_target.as_deref(), Some(own));
        let s = reduce(Rc::new(s), Action::RestorePrevious);
        assert_eq!(s.target_link.as_ref().map(|l| &*l.1), Some(own));
        // (The scenario shown is kept too when the question was replaced.)
        let shown = AppState::new(Lang::En).scenario.to_json();
        let s = AppState::new(Lang::En).with_previous(Some(&shown), Some(own));
        assert_eq!(s.previous_target.as_deref(), Some(own));
        assert_eq!(s.previous.as_deref(), Some(&*s.scenario));
        let s = AppState::new(Lang::En).with_previous(Some(&shown), None);
        assert!(s.previous.is_none());
        let s = AppState::new(Lang::En).with_previous(Some(""), Some(own));
        assert!(s.previous.is_none() && s.previous_target.is_none());
        // A link opened in a fresh browser replaced nothing.
        let s = AppState::new(Lang::En)
            .with_target(Some(own))
            .with_shared_link(Some(&link_with(Some(q), 1000.0)))
            .opened_fresh();
        assert!(s.previous_target.is_none());
    }

    #[test]
    fn a_link_an_import_or_a_preset_keeps_the_replaced_scenario_for_restore() {
        let s = Rc::new(AppState::default());
        let s = reduce(s, Action::Edit(Field::Arrivals, "900".into()));
        let mine = s.scenario.clone();
        let mut other = (*mine).clone();
        other.arrivals.mean = 600.0;
        let link = crate::share::encode(&crate::share::SharedState {
            scenario: other.clone(),
            view: None,
            lang: Some("nl".into()),
            preset: None,
            target: None,
            compare: None,
        });
        // A link opened in the running app: its scenario, the page's language, the old one kept.
        let s = reduce(s, Action::OpenLink(link.clone()));
        assert_eq!(*s.scenario, other);
        assert_eq!(s.lang, Lang::En);
        assert_eq!(s.notice, Some(Notice::SharedLinkLoaded));
        assert_eq!(s.previous.as_deref(), Some(&*mine));
        let g = s.generation;
        let s = reduce(s, Action::RestorePrevious);
        assert_eq!(s.scenario, mine);
        assert_eq!(s.form.arrivals, "900");
        assert_eq!(s.generation, g + 1);
        assert_eq!(s.notice, Some(Notice::Restored));
        assert!(s.previous.is_none());
        // Restoring twice does nothing more.
        let s2 = reduce(s.clone(), Action::RestorePrevious);
        assert_eq!(s2.generation, s.generation);
        // An import of the same scenario has nothing to give back; a different one has.
        let s = reduce(s, Action::Import(mine.to_json()));
        assert_eq!(s.notice, Some(Notice::Imported));
        assert!(s.previous.is_none());
        let s = reduce(s, Action::Import(other.to_json()));
        assert_eq!(s.previous.as_deref(), Some(&*mine));
        // Dismissing the notice drops the offer; a preset makes a new one.
        let s = reduce(s, Action::DismissNotice);
        assert!(s.previous.is_none());
        let s = reduce(s, Action::LoadPreset("awareness"));
        assert_eq!(s.notice, Some(Notice::PresetLoaded));
        assert_eq!(s.preset, Some("awareness"));
        assert_eq!(s.previous.as_deref(), Some(&other));
        // A second preset straight after keeps the user's own scenario to restore, not the first preset…
        let s = reduce(s, Action::LoadPreset("flywheel"));
        assert_eq!(s.preset, Some("flywheel"));
        assert_eq!(s.previous.as_deref(), Some(&other));
        // …but after an edit, the edited preset is the work to give back.
        let edited = reduce(s.clone(), Action::Edit(Field::Arrivals, "321".into()));
        let edited = reduce(edited, Action::LoadPreset("healthy"));
        assert_eq!(
            edited.previous.as_ref().map(|p| p.arrivals.mean),
            Some(321.0)
        );
        let s = reduce(s, Action::RestorePrevious);
        assert_eq!(*s.scenario, other);
        assert_eq!(s.preset, None);
        // A bad link changes nothing and offers nothing.
        let s = reduce(s, Action::DismissNotice);
        let s = reduce(s, Action::OpenLink("v1.%%%".into()));
        assert_eq!(*s.scenario, other);
        assert!(matches!(s.notice, Some(Notice::SharedLinkInvalid(_))));
        assert!(s.previous.is_none());
    }

    #[test]
    fn a_link_or_preset_over_invalid_inputs_gives_them_back_as_typed_on_restore() {
        let s = Rc::new(AppState::default());
        let s = reduce(s, Action::Edit(Field::Arrivals, "900".into()));
        let s = reduce(s, Action::Edit(Field::Trials, "12x".into()));
        assert!(!s.problems.is_empty());
        let valid = s.scenario.clone();
        // A link to the very scenario the draft stood on still offers the draft back.
        let link = crate::share::encode(&crate::share::SharedState {
            scenario: (*valid).clone(),
            view: None,
            lang: None,
            preset: None,
            target: None,
            compare: None,
        });
        let s = reduce(s, Action::OpenLink(link));
        assert!(s.problems.is_empty());
        assert_ne!(s.form.trials, "12x");
        assert_eq!(s.previous.as_deref(), Some(&*valid));
        let s = reduce(s, Action::RestorePrevious);
        assert_eq!(s.form.trials, "12x");
        assert_eq!(s.form.arrivals, "900");
        assert!(!s.problems.is_empty());
        assert_eq!(s.scenario, valid);
        assert!(s.previous_draft.is_none());
        // A preset over a draft typed in Dutch, restored after a switch to English: the marks follow.
        let s = reduce(s, Action::SetLang(Lang::Nl));
        let s = reduce(s, Action::Edit(Field::Referrals, "0,07".into()));
        let s = reduce(s, Action::LoadPreset("awareness"));
        let s = reduce(s, Action::SetLang(Lang::En));
        let s = reduce(s, Action::RestorePrevious);
        assert_eq!(s.form.trials, "12x");
        assert_eq!(s.form.referrals, "0.07");
        // And after a reload (what the page keeps: the scenario, the Restore copy, its draft).
        let s = reduce(s, Action::SetLang(Lang::Nl));
        let s = reduce(s, Action::LoadPreset("awareness"));
        let (prev, draft) = (
            s.previous.clone().unwrap(),
            s.previous_draft.clone().unwrap(),
        );
        let back = AppState::restore(Lang::En, Some(&s.scenario.to_json()))
            .with_previous(Some(&prev.to_json()), None)
            .with_previous_draft(Some(&draft.to_draft(Lang::Nl)));
        let back = reduce(Rc::new(back), Action::RestorePrevious);
        assert_eq!(back.form.trials, "12x");
        assert_eq!(back.form.referrals, "0.07");
        assert_eq!(back.form.stages[0].name, "Awareness");
        // Without a Restore copy a stored draft of it means nothing.
        let none =
            AppState::restore(Lang::En, None).with_previous_draft(Some(&draft.to_draft(Lang::Nl)));
        assert!(none.previous_draft.is_none());
        // Dismissing the notice drops the offer, draft and all.
        let s = reduce(s, Action::LoadPreset("awareness"));
        let s = reduce(s, Action::DismissNotice);
        assert!(s.previous.is_none() && s.previous_draft.is_none());
    }

    #[test]
    fn loading_a_preset_replaces_inputs_and_runs_but_keeps_run_settings() {
        let s = Rc::new(AppState::default());
        let s = reduce(s, Action::Edit(Field::Trials, "2000".into()));
        let g = s.generation;
        let s = reduce(s, Action::LoadPreset("awareness"));
        assert_eq!(s.preset, Some("awareness"));
        assert_eq!(s.scenario.name, "Lack of awareness");
        assert_eq!(s.form.arrivals, "60");
        assert_eq!(s.scenario.trials, 2000);
        assert_eq!(s.generation, g + 1);
        let s = reduce(s, Action::LoadPreset("no-such-preset"));
        assert_eq!(s.preset, Some("awareness"));
    }

    #[test]
    fn a_preset_as_loaded_is_shared_with_its_story_and_an_edit_ends_that() {
        let s = reduce(Rc::new(AppState::default()), Action::LoadPreset("flywheel"));
        assert_eq!(s.shared_preset(), Some("flywheel"));
        let link = crate::share::encode(&crate::share::SharedState {
            scenario: (*s.scenario).clone(),
            view: None,
            lang: Some("en".into()),
            preset: s.shared_preset().map(String::from),
            target: None,
            compare: None,
        });
        // The colleague who opens the link sees the preset's story, and can pass it on.
        let other = reduce(Rc::new(AppState::default()), Action::OpenLink(link.clone()));
        assert_eq!(other.preset, Some("flywheel"));
        assert_eq!(other.shared_preset(), Some("flywheel"));
        assert_eq!(*other.scenario, *s.scenario);
        let edited = reduce(s, Action::Edit(Field::Arrivals, "321".into()));
        assert_eq!(edited.preset, Some("flywheel"));
        assert_eq!(edited.shared_preset(), None);
        // An unknown id (a later version's preset) opens the scenario without a story.
        let future = crate::share::encode(&crate::share::SharedState {
            scenario: (*edited.scenario).clone(),
            view: None,
            lang: None,
            preset: Some("no-such-preset".into()),
            target: None,
            compare: None,
        });
        let opened = reduce(edited, Action::OpenLink(future));
        assert_eq!(
            (opened.preset, opened.scenario.arrivals.mean),
            (None, 321.0)
        );
    }

    #[test]
    fn a_preset_stays_shared_across_a_language_switch_and_takes_its_name_in_the_new_language() {
        let s = reduce(
            Rc::new(AppState::default()),
            Action::LoadPreset("competition"),
        );
        assert_eq!(s.scenario.name, "Competition");
        let s = reduce(s, Action::SetLang(Lang::Nl));
        assert_eq!(s.scenario.name, "Concurrentie");
        assert_eq!(s.shared_preset(), Some("competition"));
        let s = reduce(s, Action::SetLang(Lang::En));
        assert_eq!(
            (s.scenario.name.as_str(), s.shared_preset()),
            ("Competition", Some("competition"))
        );
        // An edit still ends it.
        let s = reduce(s, Action::Edit(Field::Arrivals, "321".into()));
        let s = reduce(s, Action::SetLang(Lang::Nl));
        assert_eq!(s.shared_preset(), None);
    }

    #[test]
    fn a_saved_scenario_edited_is_shown_as_changed_until_saved_again() {
        let mut s = Rc::new(AppState::default());
        s = reduce(s, Action::SaveAs("Plan 2026".into()));
        let shown = |s: &AppState| s.shown_scenario().name.clone();
        assert_eq!(shown(&s), "Plan 2026");
        assert!(Rc::ptr_eq(&s.shown_scenario(), &s.scenario));
        // Rerun draws the next seed: the same plan.
        s = reduce(s, Action::Run);
        assert_eq!(shown(&s), "Plan 2026");
        // A what-if: marked, in the page's language; the scenario itself keeps its name.
        s = reduce(s, Action::Edit(Field::Arrivals, "321".into()));
        assert_eq!(shown(&s), "Plan 2026 (changed)");
        assert_eq!(s.scenario.name, "Plan 2026");
        assert_eq!(s.shown_scenario().arrivals, s.scenario.arrivals);
        s = reduce(s, Action::SetLang(Lang::Nl));
        assert_eq!(shown(&s), "Plan 2026 (gewijzigd)");
        // A language switch renames the default stages, and changes nothing else.
        s = reduce(s, Action::Edit(Field::Arrivals, "500".into()));
        assert_eq!(s.form.stages[0].name, "Bewustwording");
        assert_eq!(shown(&s), "Plan 2026");
        s = reduce(s, Action::SetLang(Lang::En));
        // Back to the saved inputs, or saved again: unmarked.
        s = reduce(s, Action::LoadSaved(0));
        assert_eq!(shown(&s), "Plan 2026");
        s = reduce(s, Action::Edit(Field::Arrivals, "321".into()));
        s = reduce(s, Action::SaveAs("Plan 2026".into()));
        assert_eq!(shown(&s), "Plan 2026");
        // A name no saved scenario has is never marked.
        s = reduce(s, Action::DeleteSaved(0));
        s = reduce(s, Action::Edit(Field::Arrivals, "322".into()));
        assert_eq!(shown(&s), "Plan 2026");
    }

    #[test]
    fn scenarios_can_be_saved_loaded_duplicated_renamed_and_deleted() {
        let mut s = Rc::new(AppState::default());
        s = reduce(s, Action::Edit(Field::Periods, "12".into()));
        s = reduce(s, Action::SaveAs("  Plan A ".into()));
        s = reduce(s, Action::Edit(Field::Periods, "36".into()));
        s = reduce(s, Action::SaveAs("Plan B".into()));
        s = reduce(s, Action::SaveAs("   ".into())); // no name: ignored
        assert_eq!(
            s.saved.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(),
            ["Plan A", "Plan B"]
        );
        let g = s.generation;
        s = reduce(s, Action::LoadSaved(0));
        assert_eq!(s.form.periods, "12");
        assert_eq!(s.generation, g + 1);
        s = reduce(s, Action::DuplicateSaved(0));
        s = reduce(s, Action::DuplicateSaved(0));
        assert_eq!(
            s.saved.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(),
            ["Plan A", "Plan A (copy) 2", "Plan A (copy)", "Plan B"]
        );
        s = reduce(s, Action::RenameSaved(1, "Plan B".into())); // taken: ignored
        assert_eq!(s.saved[1].name, "Plan A (copy) 2");
        s = reduce(s, Action::RenameSaved(1, "Plan C".into()));
        assert_eq!(s.saved[1].name, "Plan C");
        // The working scenario takes the name it is saved or loaded under (exports and embeds use it).
        assert_eq!(s.scenario.name, "Plan A");
        s = reduce(s, Action::LoadSaved(1));
        assert_eq!(s.scenario.name, "Plan C");
        assert_eq!(s.form.periods, "12");
        s = reduce(s, Action::DeleteSaved(0));
        assert_eq!(s.saved.len(), 3);
        // Saving under an existing name replaces it.
        s = reduce(s, Action::SaveAs("Plan B".into()));
        assert_eq!(s.saved.len(), 3);
        assert_eq!(s.saved[2].scenario.periods, 12);
        // The list round-trips through its stored form; a broken one is reported and dropped.
        let text = serde_json::to_string(&*s.saved).unwrap();
        let back = AppState::new(Lang::En).with_saved(Some(&text));
        assert_eq!(back.saved, s.saved);
        let broken = AppState::new(Lang::En).with_saved(Some("[{\"name\": 1}]"));
        assert!(broken.saved.is_empty());
        assert!(matches!(
            broken.notice,
            Some(Notice::SavedScenariosReset(_))
        ));
    }

    #[test]
    fn only_typing_makes_the_next_run_wait() {
        let s = Rc::new(AppState::default());
        assert!(!s.debounce, "the first run starts at once");
        let s = reduce(s, Action::Edit(Field::StageRate(0), "35".into()));
        assert_eq!((s.generation, s.debounce), (1, true));
        // The edit's run replaces the one on screen at once, even while it waits for more typing.
        assert_eq!(
            s.status,
            RunStatus::Running {
                done: 0,
                total: u64::from(s.scenario.trials)
            }
        );
        // A click on Run right after typing: its run starts at once.
        let s = reduce(s, Action::Run);
        assert_eq!((s.generation, s.debounce), (2, false));
        // Actions that do not ask for a run leave the flag alone.
        let s = reduce(s, Action::Edit(Field::StageRate(0), "36".into()));
        let s = reduce(s, Action::Cancel(None));
        assert_eq!((s.generation, s.debounce), (3, true));
        let s = reduce(s, Action::AddStage);
        assert_eq!((s.generation, s.debounce), (4, false));
        let s = reduce(s, Action::LoadPreset(super::super::presets::PRESETS[0].id));
        assert_eq!((s.generation, s.debounce), (5, false));
    }

    #[test]
    fn run_after_a_cancel_runs_the_same_seed_again_and_the_next_run_the_next_seed() {
        let s = reduce(Rc::new(AppState::default()), Action::Run);
        let seed = s.scenario.seed;
        let s = reduce(s, Action::Cancel(None));
        assert_eq!(s.status, RunStatus::Cancelled);
        let s = reduce(s, Action::Run);
        assert_eq!(
            (s.scenario.seed, s.generation, s.debounce),
            (seed, 2, false)
        );
        assert!(matches!(s.status, RunStatus::Running { .. }));
        let s = reduce(s, Action::Run);
        assert_eq!((s.scenario.seed, s.generation), (seed + 1, 3));
    }

    /// A name typed or the language switched changes only labels: nothing runs again (at 1,000,000
    /// trials a run takes seconds), and the result on screen, or the one of the run under way, takes the
    /// new names. A rate typed still runs.
    #[test]
    fn names_and_the_language_relabel_the_result_without_a_run() {
        let s = Rc::new(AppState::default());
        let run = |s: &AppState| Rc::new(crate::sim::run(&s.scenario).unwrap());
        let done = |s: Rc<AppState>, result: Option<Rc<RunResult>>| {
            let g = s.generation;
            let s = reduce(
                s,
                Action::Progress {
                    generation: g,
                    result,
                    done: 1,
                    total: 1,
                },
            );
            reduce(s, Action::Finished { generation: g })
        };
        let r = run(&s);
        let s = done(s, Some(r.clone()));
        assert!(!s.results_stale());
        let g = s.generation;
        let s = reduce(s, Action::SetLang(Lang::Nl));
        assert_eq!(s.generation, g, "no run for the language");
        assert_eq!(s.status, RunStatus::Done);
        assert!(!s.results_stale());
        let shown = s.result.clone().unwrap();
        assert_eq!(shown.stage_names[0], "Bewustwording");
        assert_eq!(shown.funnel.stages[4].name, "Aankoop");
        // The numbers are the run's: exactly the result of the scenario in Dutch.
        assert_eq!(*shown, *run(&s));
        let s = reduce(s, Action::Edit(Field::StageName(2), "Demo".into()));
        assert_eq!(s.generation, g, "no run for a name");
        assert_eq!(s.result.as_ref().unwrap().flywheel.stages[2].name, "Demo");
        let s = reduce(s, Action::SetPeriodUnit(PeriodUnit::Week));
        assert_eq!(s.generation, g, "no run for the period unit");
        assert_eq!(s.result.as_ref().unwrap().period_unit, "week");
        let s = reduce(s, Action::SetCurrency(Currency::Usd));
        assert_eq!(s.generation, g, "no run for the currency");
        assert_eq!(s.scenario.economics.currency, Currency::Usd);
        assert!(!s.results_stale());
        // A rate is not a label: it runs. A name typed during that run relabels its results.
        let s = reduce(s, Action::Edit(Field::StageRate(1), "41".into()));
        assert_eq!(s.generation, g + 1);
        let r = run(&s);
        let s = reduce(s, Action::Edit(Field::StageName(0), "Reach".into()));
        assert_eq!(s.generation, g + 1);
        let s = done(s, Some(r.clone()));
        let shown = s.result.clone().unwrap();
        assert_eq!(shown.stage_names[0], "Reach");
        assert_eq!(*shown, *run(&s));
        // A result that has the labels already is kept as it came (the charts compare by pointer).
        let r = run(&s);
        let s = reduce(s, Action::Edit(Field::StageRate(1), "42".into()));
        let r2 = run(&s);
        let s = done(s, Some(r2.clone()));
        assert!(Rc::ptr_eq(s.result.as_ref().unwrap(), &r2));
        assert_ne!(r, r2);
    }

    #[test]
    fn results_of_an_older_run_never_overwrite_a_newer_one() {
        let s = Rc::new(AppState::default());
        let s = reduce(s, Action::Run); // generation 1
        assert_eq!(s.scenario.seed, 43);
        let s = reduce(s, Action::Run); // generation 2
        assert_eq!(s.form.seed, "44");
        let result = Rc::new(
            crate::sim::run(&{
                let mut sc = Scenario::default_five_stage();
                sc.trials = 10;
                sc
            })
            .unwrap(),
        );
        let s = reduce(
            s,
            Action::Progress {
                generation: 1,
                result: Some(result.clone()),
                done: 1,
                total: 2,
            },
        );
        assert!(s.result.is_none());
        let s = reduce(
            s,
            Action::Progress {
                generation: 2,
                result: Some(result.clone()),
                done: 1,
                total: 2,
            },
        );
        assert!(Rc::ptr_eq(s.result.as_ref().unwrap(), &result));
        assert_eq!(s.status, RunStatus::Running { done: 1, total: 2 });
        // A report of trials done without a result moves the progress on and keeps the charts' result.
        let s = reduce(
            s,
            Action::Progress {
                generation: 2,
                result: None,
                done: 2,
                total: 4,
            },
        );
        assert!(Rc::ptr_eq(s.result.as_ref().unwrap(), &result));
        assert!(!s.results_stale());
        assert_eq!(s.status, RunStatus::Running { done: 2, total: 4 });
        let s = reduce(s, Action::Finished { generation: 1 });
        assert_eq!(s.status, RunStatus::Running { done: 2, total: 4 });
        let s = reduce(s, Action::Cancel(None));
        assert_eq!(s.status, RunStatus::Cancelled);
    }

    #[test]
    fn switching_the_mix_to_an_nps_score_keeps_the_customers() {
        let mut s = Rc::new(AppState::default());
        let before = s.scenario.flywheel.customer_mix.shares();
        s = reduce(s, Action::SetMixMode(MixMode::Nps));
        let (p, q, d) = before;
        assert_eq!(
            s.form.nps_score,
            format!("{}", ((p - d) * 100.0 * 1e6).round() / 1e6)
        );
        let after = s.scenario.flywheel.customer_mix.shares();
        assert!(
            (after.0 - p).abs() < 1e-9 && (after.1 - q).abs() < 1e-9 && (after.2 - d).abs() < 1e-9
        );
        s = reduce(s, Action::Edit(Field::NpsScore, "50".into()));
        s = reduce(s, Action::Edit(Field::Passives, "30".into()));
        s = reduce(s, Action::SetMixMode(MixMode::Shares));
        assert_eq!(
            (
                s.form.promoters_pct.as_str(),
                s.form.passives_pct.as_str(),
                s.form.detractors_pct.as_str()
            ),
            ("60", "30", "10")
        );
        assert!(s.problems.is_empty(), "{:?}", s.problems);
    }

    #[test]
    fn segments_are_added_split_evenly_follow_the_stages_and_are_removed() {
        let mut s = Rc::new(AppState::default());
        s = reduce(s, Action::AddSegment);
        assert_eq!(s.form.segments[0].share_pct, "100");
        assert_eq!(s.form.segments[0].odds.len(), 5);
        assert_eq!(s.scenario.segments.len(), 1);
        s = reduce(s, Action::AddSegment);
        s = reduce(s, Action::AddSegment);
        let shares = share_texts(&s);
        assert_eq!(shares, ["33.33", "33.33", "33.34"]);
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        assert_eq!(s.scenario.segments[2].name, "Segment 3");
        // Shares the user typed are left alone; the new segment starts at 0 %.
        s = reduce(s, Action::Edit(Field::SegmentShare(0), "50".into()));
        s = reduce(s, Action::Edit(Field::SegmentShare(1), "16.66".into()));
        s = reduce(s, Action::AddSegment);
        assert_eq!(s.form.segments[3].share_pct, "0");
        // Odds follow stages when they are added, moved and removed.
        s = reduce(s, Action::Edit(Field::SegmentOdds(0, 1), "2".into()));
        s = reduce(s, Action::MoveStage(1, false));
        assert_eq!(s.form.segments[0].odds[2], "2");
        assert!((s.scenario.segments[0].logit_shift[2] - 2f64.ln()).abs() < 1e-15);
        s = reduce(s, Action::AddStage);
        assert_eq!(s.form.segments[3].odds.len(), 6);
        assert_eq!(s.scenario.segments[0].logit_shift.len(), 6);
        s = reduce(s, Action::RemoveStage(0));
        assert_eq!(s.form.segments[0].odds[1], "2");
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        for _ in 0..10 {
            s = reduce(s, Action::AddSegment);
        }
        assert_eq!(s.form.segments.len(), MAX_SEGMENTS);
        for _ in 0..MAX_SEGMENTS {
            s = reduce(s, Action::RemoveSegment(0));
        }
        assert!(s.form.segments.is_empty());
        assert!(s.scenario.segments.is_empty());
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        // The only segment (100%, an even split of one) goes without a division by zero.
        s = reduce(s, Action::AddSegment);
        s = reduce(s, Action::RemoveSegment(0));
        assert!(s.form.segments.is_empty() && s.problems.is_empty());
        // 70 / 30, the 70 removed: the lone segment has all the leads, not 30% that cannot add up.
        s = reduce(s, Action::AddSegment);
        s = reduce(s, Action::AddSegment);
        s = reduce(s, Action::Edit(Field::SegmentShare(0), "70".into()));
        s = reduce(s, Action::Edit(Field::SegmentShare(1), "30".into()));
        s = reduce(s, Action::RemoveSegment(0));
        assert_eq!(share_texts(&s), ["100"]);
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        // "Segment 2" is left; the next one added is not a second "Segment 2".
        s = reduce(s, Action::AddSegment);
        let names: Vec<_> = s.form.segments.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["Segment 2", "Segment 3"]);
        assert!(s.problems.is_empty(), "{:?}", s.problems);
    }
}
