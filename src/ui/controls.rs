//! The input controls: general inputs, the stage editor and the flywheel panel. Each input shows exactly
//! what was typed and, when it is invalid, a message with the allowed range right below it.

use yew::prelude::*;

use crate::sim::{ArrivalDistribution, Currency, PeriodUnit};

use super::form::{Field, MixMode, Problem};
use super::i18n::{Lang, T};
use super::state::{Action, AppState, EntryNote};

/// A DOM id for a field's input.
pub fn field_id(field: Field) -> String {
    match field {
        Field::StageName(i) => format!("stage-{i}-name"),
        Field::StageRate(i) => format!("stage-{i}-rate"),
        Field::StageCertainty(i) => format!("stage-{i}-certainty"),
        Field::StageDelay(i) => format!("stage-{i}-delay"),
        Field::StageSuccesses(i) => format!("stage-{i}-successes"),
        Field::StageObservedOf(i) => format!("stage-{i}-observed-of"),
        Field::StageOpen(i) => format!("stage-{i}-open"),
        Field::SegmentName(k) => format!("segment-{k}-name"),
        Field::SegmentShare(k) => format!("segment-{k}-share"),
        Field::SegmentOdds(k, i) => format!("segment-{k}-odds-{i}"),
        Field::NpsScore => "nps-score".into(),
        // The variant's name in lower case, written out: `format!("{field:?}").to_lowercase()` gave the
        // same ids but linked the enum's `Debug` impl and Unicode lower-casing into the wasm.
        Field::Arrivals => "arrivals".into(),
        Field::Dispersion => "dispersion".into(),
        Field::Growth => "growth".into(),
        Field::FixedBudget => "fixedbudget".into(),
        Field::Correlation => "correlation".into(),
        Field::Periods => "periods".into(),
        Field::Trials => "trials".into(),
        Field::Seed => "seed".into(),
        Field::Revenue => "revenue".into(),
        Field::CostPerLead => "costperlead".into(),
        Field::PaidShare => "paidshare".into(),
        Field::Promoters => "promoters".into(),
        Field::Passives => "passives".into(),
        Field::Detractors => "detractors".into(),
        Field::Mix => "mix".into(),
        Field::Segments => "segments".into(),
        Field::Referrals => "referrals".into(),
        Field::EntryStage => "entrystage".into(),
        Field::Repeat => "repeat".into(),
        Field::Churn => "churn".into(),
        Field::DetractorChurn => "detractorchurn".into(),
        Field::Reinvest => "reinvest".into(),
        Field::CustomersAtStart => "customers-at-start".into(),
        Field::Scenario => "scenario".into(),
    }
}

/// An `onchange` handler for a `<select>`: maps the chosen value to an action (or to none).
pub fn on_select(
    dispatch: &Callback<Action>,
    to_action: impl Fn(&str) -> Option<Action> + 'static,
) -> Callback<Event> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: Event| {
        let value = e
            .target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value();
        if let Some(action) = to_action(&value) {
            dispatch.emit(action);
        }
    })
}

/// An `onchange` handler for a `<select>` that keeps the chosen value, mapped by `from_value`, in a
/// component's own state (choices that are not part of the scenario).
pub fn select_into<T: 'static>(
    state: &UseStateHandle<T>,
    from_value: impl Fn(&str) -> T + 'static,
) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| {
        let value = e
            .target_unchecked_into::<web_sys::HtmlSelectElement>()
            .value();
        state.set(from_value(&value));
    })
}

/// An `oninput` handler that keeps a text input's value, as typed, in a component's own state.
pub fn input_into(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| state.set(input_value(&e)))
}

fn input_value(e: &InputEvent) -> String {
    e.target_unchecked_into::<web_sys::HtmlInputElement>()
        .value()
}

#[derive(Properties, PartialEq)]
pub struct FieldLabelProps {
    /// The id of the input the label is for.
    pub for_id: AttrValue,
    pub label: AttrValue,
    /// A short explanation, opened with an info button next to the label.
    #[prop_or_default]
    pub info: Option<T>,
    pub lang: Lang,
    /// Whether the explanation is open, when the field keeps it (to be described by it while open).
    #[prop_or_default]
    pub open: Option<UseStateHandle<bool>>,
}

/// A field's label, with an info button that shows (and hides) a short explanation of the control;
/// Escape hides it too.
#[function_component(FieldLabel)]
pub fn field_label(p: &FieldLabelProps) -> Html {
    let own = use_state(|| false);
    let open = p.open.clone().unwrap_or(own);
    let button = use_node_ref();
    {
        // While the explanation is open, Escape closes it and puts the focus back on its button, when the
        // focus is on that button, on the field's input, or on nothing in particular (not every browser
        // focuses a button on a click).
        let (open, button, for_id) = (open.clone(), button.clone(), p.for_id.clone());
        use_effect_with(*open, move |&is_open| {
            super::document_keydown(is_open, move |e: KeyboardEvent| {
                let Some(b) = button.cast::<web_sys::HtmlElement>() else {
                    return;
                };
                let active = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.active_element());
                let here = active.is_none_or(|a| {
                    b.is_same_node(Some(&a)) || a.id() == *for_id || a.tag_name() == "BODY"
                });
                if e.key() == "Escape" && here {
                    open.set(false);
                    let _ = b.focus();
                }
            })
        });
    }
    let Some(info) = p.info else {
        return html! { <label for={p.for_id.clone()}>{ p.label.clone() }</label> };
    };
    let info_id = format!("{}-info", p.for_id);
    let onclick = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let button_label = format!("{} {}", p.lang.t(T::InfoAbout), p.label);
    html! {
        <>
            <div class="field-label">
                <label for={p.for_id.clone()}>{ p.label.clone() }</label>
                <button ref={button} type="button" class="info-button" aria-label={button_label.clone()} title={button_label}
                    aria-expanded={open.to_string()} aria-controls={info_id.clone()} {onclick}>{ "i" }</button>
            </div>
            <p class="info-text" id={info_id} hidden={!*open}>{ p.lang.t(info) }</p>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub field: Field,
    pub label: AttrValue,
    pub value: AttrValue,
    #[prop_or_default]
    pub unit: Option<AttrValue>,
    #[prop_or_default]
    pub problem: Option<Problem>,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
    /// `decimal` for numbers (the default), `text` for names.
    #[prop_or(AttrValue::Static("decimal"))]
    pub inputmode: AttrValue,
    /// Adds a 0–100 slider bound to the same text (for rates in percent).
    #[prop_or_default]
    pub slider: bool,
    /// The explanation behind the field's info button.
    #[prop_or_default]
    pub info: Option<T>,
    /// The id of a message about a group this field belongs to ("must add up to 100%"), when the
    /// group is wrong: the field is then marked invalid and described by it too.
    #[prop_or_default]
    pub group_error: Option<AttrValue>,
    /// Ids of hints that describe the field too, when it is in no wrong group (a segment's odds:
    /// the list's title and the rate the factor gives).
    #[prop_or_default]
    pub hint: Option<AttrValue>,
}

/// The ids that are there, space-separated (an `aria-describedby`), or none.
fn id_list<const N: usize>(ids: [Option<String>; N]) -> Option<String> {
    ids.into_iter().flatten().reduce(|a, b| format!("{a} {b}"))
}

/// A labelled text input (numbers are typed as text so nothing the user types is ever dropped).
#[function_component(TextField)]
pub fn text_field(p: &TextFieldProps) -> Html {
    let id = field_id(p.field);
    let error_id = format!("{id}-error");
    let field = p.field;
    let oninput = {
        let dispatch = p.dispatch.clone();
        Callback::from(move |e: InputEvent| dispatch.emit(Action::Edit(field, input_value(&e))))
    };
    // A stage's k: while it is edited, the next stage's n may follow it (`Action::CountsFocus`).
    let onfocus = match field {
        Field::StageSuccesses(i) => {
            let dispatch = p.dispatch.clone();
            Some(Callback::from(move |_: FocusEvent| {
                dispatch.emit(Action::CountsFocus(i))
            }))
        }
        _ => None,
    };
    let invalid = p.problem.is_some() || p.group_error.is_some();
    // The field's explanation, while open, describes it too (after what is wrong with it).
    let info_open = use_state(|| false);
    let info_id = (*info_open && p.info.is_some()).then(|| format!("{id}-info"));
    // A rate in percent typed as a fraction: a note under the field, which describes it too.
    let note = p.slider.then(|| fraction_note(p.lang, &p.value)).flatten();
    let note_id = format!("{id}-note");
    // The unit shown after the box ("3" in a field of percentages is 3%), its problem, its wrong
    // group (else its hints), its note, its open explanation.
    let unit_id = format!("{id}-unit");
    let described_by = id_list([
        p.unit.is_some().then(|| unit_id.clone()),
        p.problem.is_some().then(|| error_id.clone()),
        p.group_error
            .as_ref()
            .or(p.hint.as_ref())
            .map(|g| g.to_string()),
        note.is_some().then(|| note_id.clone()),
        info_id,
    ]);
    let last_valid = use_mut_ref(|| 0.0f64);
    let slider = p.slider.then(|| {
        // The range input's value has a decimal point; the field shows the page's decimal mark.
        let (dispatch, mark) = (p.dispatch.clone(), p.lang.decimal_mark());
        let oninput = Callback::from(move |e: InputEvent| {
            let mut v = input_value(&e);
            super::form::with_decimal_mark(&mut v, mark);
            dispatch.emit(Action::Edit(field, v))
        });
        // Read as the field reads it ("33.333" is a rate of 33.333%, not 33,333), so that the thumb
        // is where the rate is and an arrow key moves it from there. While the text is no number,
        // or a number out of 0–100, the thumb rests at the last rate that was one (what the greyed
        // results were made with; at 0 or 100 it read as that rate) and is announced with the text as
        // typed.
        let in_range = |v: &f64| (0.0..=100.0).contains(v);
        let typed = super::form::read_for(&p.value, |v| in_range(&v))
            .ok()
            .filter(in_range);
        if let Some(v) = typed {
            *last_valid.borrow_mut() = v;
        }
        let value = typed.unwrap_or(*last_valid.borrow()).clamp(0.0, 100.0);
        let valuetext = match typed {
            Some(_) => format!("{}%", p.lang.number(value, 1)),
            None => p.value.to_string(),
        };
        html! {
            <input type="range" min="0" max="100" step="0.5" class="slider"
                aria-label={p.label.clone()} value={value.to_string()} {oninput}
                aria-valuetext={valuetext} />
        }
    });
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <FieldLabel for_id={id.clone()} label={p.label.clone()} info={p.info} lang={p.lang} open={Some(info_open)} />
            // "€ 8.000" and "€8,000": the currency before the amount, in both languages (a Dutch
            // reader took "8.000 €" for German); other units after it ("40 %").
            <div class={classes!("field-input", p.unit.as_deref().is_some_and(|u| u.starts_with(super::form::CURRENCY_SIGNS)).then_some("unit-first"))}>
                <input id={id} type="text" inputmode={p.inputmode.clone()} value={p.value.clone()}
                    aria-invalid={invalid.to_string()}
                    aria-describedby={described_by} {oninput} {onfocus} />
                if let Some(unit) = &p.unit { <span class="unit" id={unit_id}>{ unit.clone() }</span> }
            </div>
            { for slider }
            if let Some(note) = note {
                <p class="hint field-note" id={note_id}>{ note }</p>
            }
            if let Some(problem) = &p.problem {
                <p class="field-error" id={error_id}>{ problem.message(p.lang) }</p>
            }
        </div>
    }
}

#[derive(Properties)]
pub struct ControlsProps {
    pub state: UseReducerHandle<AppState>,
    pub dispatch: Callback<Action>,
}

/// The controls show the inputs, their problems, the saved list and the preset, never the results: so
/// the state replaced by each progress update of a run (several times a second) does not re-render them.
impl PartialEq for ControlsProps {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&*self.state, &*other.state);
        self.dispatch == other.dispatch
            && a.lang == b.lang
            && a.form == b.form
            && a.problems == b.problems
            && std::rc::Rc::ptr_eq(&a.scenario, &b.scenario)
            && std::rc::Rc::ptr_eq(&a.saved, &b.saved)
            && a.preset == b.preset
            && a.notice == b.notice
    }
}

/// A text input for `field` showing `value` as typed, with its problem (if any) from the state and an
/// info button when `info` is given. Names get a text keyboard, everything else a decimal one.
/// A unit as a field shows it: "€" as the sign of the scenario's currency.
fn unit_sign(unit: &'static str) -> AttrValue {
    if unit == "€" {
        super::i18n::currency_sign().to_string().into()
    } else {
        AttrValue::Static(unit)
    }
}

fn input_field(
    p: &ControlsProps,
    field: Field,
    label: AttrValue,
    value: &str,
    unit: Option<&'static str>,
    info: Option<T>,
    slider: bool,
) -> Html {
    let lang = p.state.lang;
    let inputmode = match field {
        Field::StageName(_) | Field::SegmentName(_) => "text",
        _ => "decimal",
    };
    let group_error = match field {
        Field::Promoters | Field::Passives | Field::Detractors
            if p.state.problem(Field::Mix).is_some() =>
        {
            Some(AttrValue::Static("mix-error"))
        }
        Field::SegmentShare(_) if p.state.problem(Field::Segments).is_some() => {
            Some(AttrValue::Static("segments-error"))
        }
        _ => None,
    };
    // A segment's odds factor is read out with the list's title and the rate it gives (when the
    // factor is valid; a missing id is skipped), not only with its stage.
    let hint = match field {
        Field::SegmentOdds(k, i) => Some(AttrValue::from(format!(
            "segment-{k}-odds-title segment-{k}-odds-{i}-about"
        ))),
        // What the leads cost a period (shown under the paid share).
        Field::CostPerLead => Some(AttrValue::Static("lead-spend")),
        // A stage's rate inputs, with the range of rates they give (shown under them), and a k with
        // what its following n was.
        Field::StageSuccesses(i) => Some(AttrValue::from(format!(
            "stage-{i}-rate-range stage-{i}-followed"
        ))),
        Field::StageRate(i) | Field::StageCertainty(i) | Field::StageObservedOf(i) => {
            Some(AttrValue::from(format!("stage-{i}-rate-range")))
        }
        _ => None,
    };
    html! {
        <TextField {field} {label} value={value.to_string()}
            unit={unit.map(unit_sign)} problem={p.state.problem(field).cloned()} {lang}
            dispatch={p.dispatch.clone()} inputmode={AttrValue::Static(inputmode)} {slider} {info} {group_error} {hint} />
    }
}

/// A number input with a label and an explanation from the text table.
fn number_field(
    p: &ControlsProps,
    field: Field,
    label: T,
    value: &str,
    unit: Option<&'static str>,
    info: T,
) -> Html {
    input_field(
        p,
        field,
        p.state.lang.t(label).into(),
        value,
        unit,
        Some(info),
        false,
    )
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: T,
    pub info: T,
    pub lang: Lang,
    pub onchange: Callback<Event>,
    pub options: Html,
    #[prop_or_default]
    pub problem: Option<Problem>,
    /// The id of a note under the list that describes it too.
    #[prop_or_default]
    pub note: Option<AttrValue>,
}

/// A labelled `<select>` with an info button, and the select's problem (if any) under it, marked
/// invalid, as a number field shows its problem. It is described by its problem, its note and,
/// while open, its explanation.
#[function_component(SelectField)]
pub fn select_field(p: &SelectFieldProps) -> Html {
    let id = p.id.clone();
    let error_id = format!("{id}-error");
    let invalid = p.problem.is_some();
    let info_open = use_state(|| false);
    let described_by = id_list([
        invalid.then(|| error_id.clone()),
        p.note.as_ref().map(|n| n.to_string()),
        (*info_open).then(|| format!("{id}-info")),
    ]);
    let lang = p.lang;
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <FieldLabel for_id={id.clone()} label={lang.t(p.label)} info={Some(p.info)} {lang} open={Some(info_open)} />
            <select {id} onchange={p.onchange.clone()} aria-invalid={invalid.to_string()}
                aria-describedby={described_by}>{ p.options.clone() }</select>
            if let Some(problem) = &p.problem {
                <p class="field-error" id={error_id}>{ problem.message(lang) }</p>
            }
        </div>
    }
}

/// Arrivals, horizon, economics and the run settings.
#[function_component(GeneralControls)]
pub fn general_controls(p: &ControlsProps) -> Html {
    let s = &p.state;
    let lang = s.lang;
    let f = &s.form;
    let field = |field: Field, label: T, value: &str, unit: Option<&'static str>, info: T| {
        number_field(p, field, label, value, unit, info)
    };
    let on_distribution = on_select(&p.dispatch, |v| {
        Some(Action::SetArrivalDistribution(match v {
            "fixed" => ArrivalDistribution::Fixed,
            "overdispersed" => ArrivalDistribution::NegativeBinomial,
            _ => ArrivalDistribution::Poisson,
        }))
    });
    let on_unit = on_select(&p.dispatch, |v| {
        Some(Action::SetPeriodUnit(if v == "week" {
            PeriodUnit::Week
        } else {
            PeriodUnit::Month
        }))
    });
    let on_currency = on_select(&p.dispatch, |v| {
        let i = Currency::CODES.iter().position(|c| *c == v)?;
        Some(Action::SetCurrency(Currency::ALL[i]))
    });
    html! {
        <fieldset class="panel general" id="general" tabindex="-1">
            <legend>{ text_el!("h2", "class" = "legend-h"; lang.t(T::General)) }</legend>
            { field(Field::Arrivals, T::ArrivalsPerPeriod, &f.arrivals, None, T::HelpArrivals) }
            <SelectField id="arrival-distribution" label={T::ArrivalVariation} info={T::HelpArrivalVariation} {lang} onchange={on_distribution} options={html! {
                <>
                    { super::option_el("poisson", f.arrival_distribution == ArrivalDistribution::Poisson, lang.t(T::ArrivalPoisson)) }
                    { super::option_el("overdispersed", f.arrival_distribution == ArrivalDistribution::NegativeBinomial, lang.t(T::ArrivalOverdispersed)) }
                    { super::option_el("fixed", f.arrival_distribution == ArrivalDistribution::Fixed, lang.t(T::ArrivalFixed)) }
                </>
            }} />
            if f.arrival_distribution == ArrivalDistribution::NegativeBinomial {
                { field(Field::Dispersion, T::Dispersion, &f.dispersion, None, T::HelpDispersion) }
            }
            { field(Field::Growth, T::Growth, &f.growth_pct, Some("%"), T::HelpGrowth) }
            { field(Field::Periods, T::Periods, &f.periods, None, T::HelpPeriods) }
            <SelectField id="period-unit" label={T::PeriodUnit} info={T::HelpPeriodUnit} {lang} onchange={on_unit}
                note={(f.period_unit == PeriodUnit::Week).then_some(AttrValue::Static("period-unit-note"))} options={html! {
                <>
                    { super::option_el("month", f.period_unit == PeriodUnit::Month, lang.t(T::Month)) }
                    { super::option_el("week", f.period_unit == PeriodUnit::Week, lang.t(T::Week)) }
                </>
            }} />
            // The defaults are monthly figures: weeks rename the periods but change no number.
            if f.period_unit == PeriodUnit::Week {
                { text_el!("p", "id" = "period-unit-note", "class" = "hint"; lang.t(T::WeeklyNote)) }
            }
            <SelectField id="currency" label={T::Currency} info={T::HelpCurrency} {lang} onchange={on_currency} options={html! {
                <>
                    { for Currency::ALL.iter().zip(Currency::CODES).zip([T::CurrencyEur, T::CurrencyUsd, T::CurrencyGbp]).map(|((c, code), text)| super::option_el(code, f.currency == *c, lang.t(text))) }
                </>
            }} />
            { field(Field::Revenue, T::RevenuePerPurchase, &f.revenue, Some("€"), T::HelpRevenue) }
            { field(Field::CostPerLead, T::CostPerLead, &f.cost_per_lead, Some("€"), T::HelpCostPerLead) }
            { field(Field::PaidShare, T::PaidShare, &f.paid_pct, Some("%"), T::HelpPaidShare) }
            if let Some(text) = lead_spend(s) {
                { el!("p", "id" = "lead-spend", "class" = "hint"; text) }
            }
            { field(Field::FixedBudget, T::FixedBudget, &f.fixed_budget, Some("€"), T::HelpFixedBudget) }
            { field(Field::Correlation, T::Correlation, &f.correlation, None, T::HelpCorrelation) }
            { field(Field::Trials, T::Trials, &f.trials, None, T::HelpTrials) }
            { field(Field::Seed, T::Seed, &f.seed, None, T::HelpSeed) }
        </fieldset>
    }
}

/// The stage editor: one row per stage with name, rate, certainty and delay; move and remove buttons.
#[function_component(StageEditor)]
pub fn stage_editor(p: &ControlsProps) -> Html {
    let s = &p.state;
    let lang = s.lang;
    let n = s.form.stages.len();
    // After a move or a removal, focus goes where the keyboard user expects it (the rows re-render
    // by position, so the focused button would otherwise belong to another stage, or be gone).
    let button = |action: Action, label: String, text: &'static str, disabled: bool| {
        let dispatch = p.dispatch.clone();
        let id = match action {
            Action::MoveStage(i, true) => format!("stage-{i}-up"),
            Action::MoveStage(i, false) => format!("stage-{i}-down"),
            Action::RemoveStage(i) => format!("stage-{i}-remove"),
            _ => String::new(),
        };
        let next_focus = match action {
            // The moved stage's same button, or its other one at the top or the bottom.
            // (The top stage's Move up is disabled: nothing to focus after it.)
            Action::MoveStage(0 | 1, true) => "stage-0-down".to_string(),
            Action::MoveStage(i, true) => format!("stage-{}-up", i - 1),
            Action::MoveStage(i, false) if i + 2 == n => format!("stage-{}-up", i + 1),
            Action::MoveStage(i, false) => format!("stage-{}-down", i + 1),
            // Undo, which the note of the removal offers: a second Enter then puts the stage back
            // instead of removing the next one.
            Action::RemoveStage(_) => "undo-remove-stage".to_string(),
            _ => String::new(),
        };
        // The lone stage's Remove says why it is off.
        let why = (disabled && matches!(action, Action::RemoveStage(_))).then_some("stages-min");
        // A move is said with the stage's new place (the focus stays on its buttons, and nothing else
        // told a screen reader's user where it went).
        let moved = match action {
            Action::MoveStage(i, up) => {
                let name = shown_name(&s.form.stages[i].name, lang.t(T::Stage), i);
                let to = if up { i } else { i + 2 };
                Some(match lang {
                    Lang::En => format!("“{name}” is now stage {to} of {n}."),
                    Lang::Nl => format!("“{name}” is nu fase {to} van {n}."),
                })
            }
            _ => None,
        };
        let onclick = Callback::from(move |_: MouseEvent| {
            dispatch.emit(action.clone());
            super::focus_soon(format!("#{next_focus}"));
            if let Some(t) = &moved {
                super::say(t.clone());
            }
        });
        html! { <button type="button" {id} class="icon" aria-label={label.clone()} title={label} {disabled} aria-describedby={why} {onclick}>{ text }</button> }
    };
    let mode_change = |i: usize| {
        on_select(&p.dispatch, move |v| {
            Some(Action::SetObserved(i, v == "observed"))
        })
    };
    let rows = s.form.stages.iter().enumerate().map(|(i, st)| {
        let field = |field: Field, label: String, value: &str, unit: Option<&'static str>, slider: bool| {
            input_field(p, field, label.into(), value, unit, stage_info(field, i + 1 == n), slider)
        };
        let title = shown_name(&st.name, lang.t(T::Stage), i);
        html! {
            <li class="stage-row" key={i}>
                <div class="stage-head">
                    { el!("span", "aria-hidden" = "true", "class" = "stage-number"; i + 1) }
                    { el!("span", "class" = "stage-title"; title.clone()) }
                    <span class="stage-buttons">
                        { button(Action::MoveStage(i, true), format!("{} {title}", lang.t(T::MoveUp)), "↑", i == 0) }
                        { button(Action::MoveStage(i, false), format!("{} {title}", lang.t(T::MoveDown)), "↓", i + 1 == n) }
                        { button(Action::RemoveStage(i), format!("{} {title}", lang.t(T::RemoveStage)), "✕", n == 1) }
                    </span>
                </div>
                <div class="stage-fields" role="group" aria-label={title.clone()}>
                    { field(Field::StageName(i), lang.t(T::StageName).into(), &st.name, None, false) }
                    <SelectField id={format!("stage-{i}-mode")} label={T::RateFrom} info={T::HelpRateFrom} {lang}
                        onchange={mode_change(i)} options={html! {
                        <>
                            { super::option_el("estimate", !st.observed, lang.t(T::RateEstimate)) }
                            { super::option_el("observed", st.observed, lang.t(T::RateObserved)) }
                        </>
                    }} />
                    { rate_fields(p, i, true) }
                    { field(Field::StageDelay(i), lang.t(T::Delay).into(), &st.delay, None, false) }
                    { field(Field::StageOpen(i), lang.t(T::OpenNow).into(), &st.open, None, false) }
                </div>
            </li>
        }
    });
    // The new stage goes before the last one: the button says so, and its name is focused to be typed over.
    let at = super::state::add_stage_at(n);
    let add = {
        let dispatch = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::AddStage);
            super::focus_soon(format!("#stage-{at}-name"));
        })
    };
    let add_label = match s.form.stages.get(at) {
        Some(last) if at < n && !last.name.trim().is_empty() => {
            format!("{} “{}”", lang.t(T::AddStageBefore), last.name.trim())
        }
        _ => lang.t(T::AddStage).to_string(),
    };
    html! {
        <fieldset class="panel stages-panel" id="stages" tabindex="-1">
            <legend>{ text_el!("h2", "class" = "legend-h"; lang.t(T::FunnelStages)) }</legend>
            { text_el!("p", "class" = "hint"; lang.t(T::StagesHint)) }
            <ol class="stages" aria-label={lang.t(T::FunnelStages)}>{ for rows }</ol>
            if n == 1 {
                { text_el!("p", "id" = "stages-min", "class" = "hint"; lang.t(T::StagesMin)) }
            }
            { removed_note(s, &p.dispatch) }
            { entry_note(s) }
            <button type="button" id="add-stage" class="secondary" onclick={add} disabled={n >= crate::sim::MAX_STAGES}
                aria-describedby={(n >= crate::sim::MAX_STAGES).then_some("stages-max")}>
                { add_label }
            </button>
            if n >= crate::sim::MAX_STAGES {
                { text_el!("p", "id" = "stages-max", "class" = "hint"; lang.t(T::StagesMax)) }
            }
        </fieldset>
    }
}

/// What the new leads cost in the first period, as the spend counts it: "In the first month: 8,000 new
/// leads × $35 = $280,000." (a planner's $35 a visitor came to $280,000 a month, which she saw only
/// as a loss in the results). Of the last valid scenario, as the results are (it went while another
/// input had a problem, and every field below it moved up a line); none when leads cost nothing.
fn lead_spend(s: &AppState) -> Option<String> {
    let (sc, lang) = (&s.scenario, s.lang);
    let e = &sc.economics;
    let n = sc.arrivals.mean * e.paid_share;
    if e.cost_per_lead <= 0.0 || n <= 0.0 {
        return None;
    }
    let period = super::app::period_word(lang, sc.period_unit == PeriodUnit::Week, true);
    let total = lang.money(n * e.cost_per_lead);
    // (A share of a few leads is not whole: 1.5 leads × $35 = $52.50, as the spend counts it.)
    let (n, cost) = (lang.number(n, 1), lang.money(e.cost_per_lead));
    let paid = e.paid_share < 1.0;
    Some(match lang {
        Lang::En => format!(
            "In the first {period}: {n} {}new leads × {cost} = {total}.",
            if paid { "paid " } else { "" }
        ),
        Lang::Nl => format!(
            "In de eerste {period}: {n} {}nieuwe leads × {cost} = {total}.",
            if paid { "betaalde " } else { "" }
        ),
    })
}

/// A rate typed as a fraction ("0,3", ".25") is a percentage here, so below 1%: said under the field,
/// with what to type for the percentage that was probably meant. A valid input, so a note, not an error
/// (a rate of 0.3% is real enough, e.g. from ad views to visits).
fn fraction_note(lang: Lang, text: &str) -> Option<String> {
    // Typed with its % sign, a fraction of a percent is meant as one.
    let v = match super::form::read_number(text) {
        super::form::NumberText::Value(v)
            if v > 0.0 && v < 1.0 && text.contains(['.', ',']) && !text.contains('%') =>
        {
            v
        }
        _ => return None,
    };
    let (read, meant) = (lang.number(v, 4), lang.number(v * 100.0, 2));
    Some(match lang {
        Lang::En => format!("Read as {read}%. For {meant}%, type {meant}."),
        Lang::Nl => format!("Gelezen als {read}%. Voor {meant}% typ je {meant}."),
    })
}

/// The name of the stage or segment at `index` as its group and buttons say it: "Stage 3" (`word`
/// and its number) while it has none (its buttons were "Move up: 3").
fn shown_name(name: &str, word: &str, index: usize) -> String {
    if crate::sim::scenario::is_blank(name) {
        format!("{word} {}", index + 1)
    } else {
        name.to_string()
    }
}

/// After a stage was removed: which one, and Undo to put it back where it was (a click on ✕ is easily
/// made, and a stage holds a dozen inputs). Focus then goes to the stage's name. After several removals
/// in a row, each Undo puts back one, the last removed first, and the note then names the one before.
fn removed_note(s: &AppState, dispatch: &Callback<Action>) -> Html {
    let Some(r) = s.removed.last() else {
        return Html::default();
    };
    let lang = s.lang;
    let name = r.stage.name.trim();
    let text = match lang {
        Lang::En => format!("Stage “{name}” removed."),
        Lang::Nl => format!("Fase “{name}” verwijderd."),
    };
    let focus = format!("#stage-{}-name", r.index);
    let dispatch = dispatch.clone();
    let onclick = Callback::from(move |_: MouseEvent| {
        dispatch.emit(Action::UndoRemoveStage);
        super::focus_soon(focus.clone());
    });
    html! {
        // Undo takes the focus: read with what it undoes.
        <p class="hint removed-note">
            { el!("span", "id" = "removed-note-text"; text) }{ " " }
            { button_el!("type" = "button", "id" = "undo-remove-stage", "class" = "link", "aria-describedby" = "removed-note-text"; onclick; lang.t(T::Undo)) }
        </p>
    }
}

/// Links at the head of the inputs to each of their panels (the column is some 5,000 px tall, and a
/// planner's new leads and money were three screens down, under the stages). Each focuses its panel
/// (not a fragment in the address, where the app reads shared links).
pub fn jump_nav(lang: Lang) -> Html {
    let link = |id: &'static str, label: T| {
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            super::focus_soon_at(format!("#{id}"), true);
        });
        html! { <li><a href={format!("#{id}")} {onclick}>{ lang.t(label) }</a></li> }
    };
    html! {
        <nav class="jump-nav" aria-labelledby="jump-title">
            { text_el!("span", "id" = "jump-title"; lang.t(T::JumpTo)) }
            <ul>
                { link("stages", T::FunnelStages) }
                { link("general", T::General) }
                { link("flywheel", T::Flywheel) }
                { link("segments", T::Segments) }
                { link("learn", T::LearnShort) }
            </ul>
        </nav>
    }
}

/// The explanation behind a stage's input (none for its name); `last`: the last stage's.
fn stage_info(field: Field, last: bool) -> Option<T> {
    Some(match field {
        Field::StageName(_) => return None,
        Field::StageRate(_) if last => T::HelpRateLast,
        Field::StageRate(_) => T::HelpRate,
        Field::StageCertainty(_) => T::HelpCertainty,
        Field::StageDelay(_) => T::HelpDelay,
        Field::StageOpen(_) => T::HelpOpen,
        _ => T::HelpObserved,
    })
}

/// Stage `i`'s rate inputs (its counts, or its rate and, with `certainty`, the certainty of it) and
/// what they mean in rates: in the stage editor, and alone in an editable embed's main inputs.
fn rate_fields(p: &ControlsProps, i: usize, certainty: bool) -> Html {
    let s = &*p.state;
    let lang = s.lang;
    let n = s.form.stages.len();
    let st = &s.form.stages[i];
    let field =
        |field: Field, label: String, value: &str, unit: Option<&'static str>, slider: bool| {
            input_field(
                p,
                field,
                label.into(),
                value,
                unit,
                stage_info(field, i + 1 == n),
                slider,
            )
        };
    let title = shown_name(&st.name, lang.t(T::Stage), i);
    // The step these inputs describe, by the next stage's name ("Conversion to Evaluation").
    let next = (i + 1 < n).then(|| shown_name(&s.form.stages[i + 1].name, lang.t(T::Stage), i + 1));
    let to_next = |t: T| next.as_ref().map(|x| format!("{} {x}", lang.t(t)));
    html! {
        <>
            if st.observed {
                { field(Field::StageSuccesses(i), to_next(T::ObservedConverted).map_or_else(|| lang.t(T::ObservedConvertedLast).into(), |x| format!("{x} (k)")), &st.successes, None, false) }
                { field(Field::StageObservedOf(i), format!("{} {title} (n)", lang.t(T::ObservedOutOf)), &st.observed_of, None, false) }
                if let Some(next) = &next {
                    { followed_note(s, i, next, &p.dispatch) }
                }
            } else {
                // The last stage's leads that convert become customers.
                { field(Field::StageRate(i), to_next(T::ConversionRate).unwrap_or_else(|| lang.t(T::ConversionToCustomer).into()), &st.rate_pct, Some("%"), true) }
                if certainty {
                    { field(Field::StageCertainty(i), lang.t(T::Certainty).into(), &st.certainty, None, false) }
                }
            }
            // What the rate's inputs mean in rates, while they are valid (whatever other fields
            // say, so that nothing below moves).
            if let Some(text) = st.rate(i, Some(lang.group_mark())).and_then(|r| rate_note(lang, &r)) {
                <p class="hint observed-rate" id={format!("stage-{i}-rate-range")}>{ text }</p>
            }
        </>
    }
}

/// An editable embed's main inputs only (`inputs=main`): each stage's rate (or its counts), the new
/// leads per period and the revenue per purchase, in one short panel; the rest stays as the author
/// set it. (The whole editable embed was some 10,600 px tall in a blog's column.)
#[function_component(MainInputs)]
pub fn main_inputs(p: &ControlsProps) -> Html {
    let s = &*p.state;
    let (lang, f) = (s.lang, &s.form);
    let stages = f.stages.iter().enumerate().map(|(i, st)| {
        let title = shown_name(&st.name, lang.t(T::Stage), i);
        html! {
            <div class="stage-fields main-stage" role="group" aria-label={title.clone()} key={i}>
                { el!("h3", "class" = "stage-title"; title.clone()) }
                { rate_fields(p, i, false) }
            </div>
        }
    });
    html! {
        <fieldset class="panel main-inputs">
            <legend>{ text_el!("h2", "class" = "legend-h"; lang.t(T::MainInputs)) }</legend>
            { for stages }
            { number_field(p, Field::Arrivals, T::ArrivalsPerPeriod, &f.arrivals, None, T::HelpArrivals) }
            { number_field(p, Field::Revenue, T::RevenuePerPurchase, &f.revenue, Some("€"), T::HelpRevenue) }
            { text_el!("p", "class" = "hint"; lang.t(T::MainInputsNote)) }
        </fieldset>
    }
}

/// Under stage `i`'s counts, once the next stage's n (of the stage `next`) has followed its k to a
/// number: what it was, with a button that puts it back (a k raised to test more leads moving on
/// lowered the next stage's rate with it). It describes the k (not a live region: it changes with
/// each key).
fn followed_note(s: &AppState, i: usize, next: &str, dispatch: &Callback<Action>) -> Html {
    let lang = s.lang;
    let id = format!("stage-{i}-followed");
    let shown = s.followed.as_ref().filter(|(j, was)| {
        *j == i
            && super::state::follows(&s.form.stages, i)
            && s.form.stages[i + 1].observed_of.trim() != was.trim()
            && matches!(
                super::form::read_number(&s.form.stages[i + 1].observed_of),
                super::form::NumberText::Value(_)
            )
    });
    let Some((_, was)) = shown else {
        return Html::default();
    };
    let now = s.form.stages[i + 1].observed_of.trim();
    let n = format!("{} {next} (n)", lang.t(T::ObservedOutOf));
    let (text, keep) = match lang {
        Lang::En => (
            format!("“{n}” followed: {now} (was {was})."),
            format!("Keep {was}"),
        ),
        Lang::Nl => (
            format!("“{n}” volgde: {now} (was {was})."),
            format!("{was} houden"),
        ),
    };
    let dispatch = dispatch.clone();
    let focus = format!("#stage-{i}-successes");
    let onclick = Callback::from(move |_: MouseEvent| {
        dispatch.emit(Action::KeepFollowed);
        super::focus_soon(focus.clone());
    });
    html! {
        <p class="hint followed-note" {id}>
            { text }{ " " }
            <button type="button" class="link" {onclick}>{ keep }</button>
        </p>
    }
}

/// After a stage edit that moved where referred leads start (their stage went to the top, or was removed):
/// where they start now, under the list where the edit was made. Only while referrals are on.
fn entry_note(s: &AppState) -> Html {
    let why = match s.entry_note {
        Some(EntryNote::Top) => T::EntryNoteTop,
        Some(EntryNote::Removed) => T::EntryNoteRemoved,
        None => return Html::default(),
    };
    let stage = s.form.stages.get(s.form.entry_stage);
    if s.scenario.flywheel.referrals_per_promoter <= 0.0 || stage.is_none() {
        return Html::default();
    }
    let name = stage.map(|st| st.name.trim()).unwrap_or_default();
    let lang = s.lang;
    el!("p", "id" = "entry-note", "role" = "status", "class" = "hint";
        format!("{} “{name}” {}", lang.t(why), lang.t(T::EntryNoteWhere)))
}

/// What a stage's rate inputs mean in rates: the range that 90% of trials draw the rate from, after
/// the rate that counts give (their posterior mean, (k + 1)/(n + 2)); nothing for an exact rate.
pub fn rate_note(lang: Lang, rate: &crate::sim::Rate) -> Option<String> {
    let (lo, hi) = crate::sim::rate_interval(rate, 0.9)?;
    // One decimal from 1% up, else as many as show two digits (a rate of 0.05% is real).
    let pct = |x: f64| {
        let v = 100.0 * x;
        let d = if v >= 1.0 {
            1
        } else if v >= 0.1 {
            2
        } else {
            3
        };
        format!("{}%", lang.number(v, d))
    };
    let range = match lang {
        Lang::En => format!("Drawn per trial: 90% between {} and {}.", pct(lo), pct(hi)),
        Lang::Nl => format!(
            "Per simulatie getrokken: 90% tussen {} en {}.",
            pct(lo),
            pct(hi)
        ),
    };
    Some(match *rate {
        // All or none of the leads: why the estimate is not 100% (or 0%), which a planner's 27 of 27
        // shown as "≈ 96.6%" left her to ask.
        crate::sim::Rate::Observed { successes, trials }
            if successes == trials || successes == 0 =>
        {
            let (k, n) = (
                lang.number(successes as f64, 0),
                lang.number(trials as f64, 0),
            );
            let all = successes == trials;
            let (edge, who) = match (lang, all) {
                (Lang::En, true) => ("100%", "a lead that does not go on"),
                (Lang::En, false) => ("0%", "a lead that goes on"),
                (Lang::Nl, true) => ("100%", "een lead die niet doorgaat"),
                (Lang::Nl, false) => ("0%", "een lead die wel doorgaat"),
            };
            match lang {
                Lang::En => format!(
                    "≈ {}: not {edge}, as {k} of {n} cannot rule out {who}. {range}",
                    pct(rate.mean())
                ),
                Lang::Nl => format!(
                    "≈ {}: geen {edge}, want {k} van {n} sluit {who} niet uit. {range}",
                    pct(rate.mean())
                ),
            }
        }
        crate::sim::Rate::Observed { .. } => format!("≈ {}. {range}", pct(rate.mean())),
        // A certainty that leaves fewer than 10 leads going on (the example's 200 kept for a rate of
        // 2%: 4 of 200) spreads the rate widely; said, with what to do if it was measured on more.
        crate::sim::Rate::Beta { mean, certainty } if mean * certainty < 10.0 => {
            // Below 1 (a certainty below 1 is allowed) with two digits that are not zero: "about
            // 0.12 of 0.4 leads", not "of 0 leads"; at most four decimals, so below 0.0001 as that.
            let few = |x: f64| {
                if x > 0.0 && x < 0.000_05 {
                    format!("< {}", lang.number(0.0001, 4))
                } else {
                    super::charts::small_number(lang, x, 1.0)
                }
            };
            let (k, n) = (few(mean * certainty), few(certainty));
            match lang {
                Lang::En => format!("{range} As uncertain as about {k} of {n} leads going on: if you measured it on more leads, enter their number as the certainty, or leave it empty for an exact rate."),
                Lang::Nl => format!("{range} Zo onzeker als ongeveer {k} van {n} leads die doorgaan: heb je het op meer leads gemeten, vul hun aantal in als zekerheid, of laat het leeg voor een exact percentage."),
            }
        }
        _ => range,
    })
}

/// The warning for a loop gain `g` ≥ 1, in the Flywheel panel and beside the results; with what
/// to change when the reader can (`editable`: not in an embed without its inputs).
pub fn runaway_text(lang: Lang, g: f64, limit: Option<f64>, editable: bool) -> String {
    // Two decimals just above 1: "about 1 more new customers" read as no growth at all (a founder's
    // €1 price rise took the gain from 0.99 to 1.02).
    let mut s = format!(
        "{} {} {}",
        lang.t(T::RunawayBefore),
        if g < 1.1 {
            lang.fixed(g, 2)
        } else {
            lang.number(g, 1)
        },
        lang.t(T::RunawayAfter)
    );
    if editable {
        s = s + " " + lang.t(T::RunawayAdvice);
    }
    // The share with two significant digits below 1% ("0.0024%"): a huge price made it "about 0%". None
    // when no share at all levels it off.
    if let Some(pct) = limit.map(|l| 100.0 * l).filter(|&p| p >= 1e-6) {
        let decimals = if pct >= 1.0 {
            1
        } else {
            (1.0 - pct.log10().floor()) as usize
        };
        s += &format!(
            " {} {}% {}",
            lang.t(T::RunawayLimit),
            lang.number(pct, decimals),
            lang.t(T::RunawayLimitAfter)
        );
    }
    s
}

/// The share of revenue reinvested below which the loop gain ([`loop_gain`]) is under 1, the others
/// as they are: the gain is linear in the share (the reinvested part grows with it, the referrals'
/// part does not). `None` when reinvestment adds nothing, or the referrals alone run away.
pub fn sustainable_reinvest(sc: &crate::sim::Scenario) -> Option<f64> {
    let (per_share, rest) = loop_gain_parts(sc)?;
    (per_share > 0.0 && rest < 1.0).then(|| (1.0 - rest) / per_share)
}

/// New customers that one new customer brings in within the horizon, the flywheel's loop gain (`None`
/// without a cost per lead): while it stays a customer (a promoter or passive leaves with the churn
/// rate each period, a detractor with its own; within `periods` periods that is (1 − (1 − c)ᵖᵉʳⁱᵒᵈˢ) / c
/// periods on average, for a customer won at the start) its purchases (the first and the repeats) are
/// reinvested in leads at the cost per lead, and a promoter refers leads into the entry stage; the
/// product of the stages' expected rates turns leads into customers. From 1 up the loop feeds itself:
/// each generation of customers brings a larger one within the horizon (the Flywheel panel warns). A
/// longer horizon gives a customer more periods, so a larger gain.
pub fn loop_gain(sc: &crate::sim::Scenario) -> Option<f64> {
    let (per_share, rest) = loop_gain_parts(sc)?;
    Some(sc.flywheel.reinvest_share * per_share + rest)
}

/// The loop gain's two parts: per unit of the share reinvested, and the referrals'.
fn loop_gain_parts(sc: &crate::sim::Scenario) -> Option<(f64, f64)> {
    if sc.economics.cost_per_lead <= 0.0 {
        return None;
    }
    let fw = &sc.flywheel;
    let (promoter, passive, detractor) = fw.customer_mix.shares();
    // The mean number of periods a customer stays, within the horizon, at churn `c` a period.
    let horizon = f64::from(sc.periods);
    let stay = |c: f64| {
        if c > 0.0 {
            (1.0 - (1.0 - c).powf(horizon)) / c
        } else {
            horizon
        }
    };
    let (life, life_detractor) = (stay(fw.churn_rate), stay(fw.detractor_churn_rate));
    let mean_life = (promoter + passive) * life + detractor * life_detractor;
    // A lead's chance to buy from stage `from` on: over the segments (new leads, referred or bought
    // with reinvestment, split by their shares) with each segment's rates shifted as the run shifts
    // them. (With the expected rates shifted: a mean-field figure, as the rest.)
    let along = |from: usize, shift: &[f64]| {
        sc.stages
            .iter()
            .enumerate()
            .skip(from)
            .map(|(i, st)| {
                crate::sim::logistic_shift(st.rate.mean(), shift.get(i).copied().unwrap_or(0.0))
            })
            .product::<f64>()
    };
    let reach = |from: usize| match sc.segments.as_slice() {
        [] => along(from, &[]),
        segments => segments
            .iter()
            .map(|g| g.share * along(from, &g.logit_shift))
            .sum(),
    };
    Some((
        sc.economics.revenue_per_purchase * (1.0 + fw.repeat_rate * mean_life)
            / sc.economics.cost_per_lead
            * reach(0),
        promoter * fw.referrals_per_promoter * life * reach(fw.referral_entry_stage),
    ))
}

/// The flywheel panel: customer mix (three shares or an NPS score), referrals, repeat purchases, churn
/// and reinvestment.
#[function_component(FlywheelControls)]
pub fn flywheel_controls(p: &ControlsProps) -> Html {
    let s = &p.state;
    let lang = s.lang;
    let f = &s.form;
    let field = |field: Field, label: T, value: &str, unit: Option<&'static str>, info: T| {
        number_field(p, field, label, value, unit, info)
    };
    // Referred leads enter at the last of two or more stages, while referrals are on (not while the form
    // has another number of stages than the last valid scenario: one stage left said both "no stage
    // after the first" and "they enter at the last stage").
    let n_stages = s.scenario.stages.len();
    let at_last = n_stages > 1
        && f.stages.len() == n_stages
        && s.scenario.flywheel.referral_entry_stage + 1 == n_stages
        && s.scenario.flywheel.referrals_per_promoter > 0.0;
    let on_entry = on_select(&p.dispatch, |v| {
        v.parse::<usize>().ok().map(Action::SetEntryStage)
    });
    let entry_options = f.stages.iter().enumerate().skip(1).map(|(i, st)| {
        html! { <option value={i.to_string()} selected={f.entry_stage == i}>{ format!("{}. {}", i + 1, st.name) }</option> }
    });
    // With one stage there is no stage after the top for referred leads: say so in the select.
    let no_entry = (f.stages.len() < 2).then(|| {
        html! { <option value="" selected=true disabled=true>{ lang.t(T::NoEntryStage) }</option> }
    });
    let on_mode = on_select(&p.dispatch, |v| {
        Some(Action::SetMixMode(if v == "nps" {
            MixMode::Nps
        } else {
            MixMode::Shares
        }))
    });
    let nps = f.mix_mode == MixMode::Nps;
    // In NPS mode, the promoter and detractor shares the score gives (when it is valid).
    let derived = match (s.problem(Field::NpsScore), s.problem(Field::Passives)) {
        (None, None) if nps => {
            let (promoter, _, detractor) = s.scenario.flywheel.customer_mix.shares();
            Some(format!(
                "{}: {}% · {}: {}%",
                lang.t(T::Promoters),
                lang.number(promoter * 100.0, 2),
                lang.t(T::Detractors),
                lang.number(detractor * 100.0, 2)
            ))
        }
        _ => None,
    };
    let runaway = s
        .problems
        .is_empty()
        .then(|| loop_gain(&s.scenario))
        .flatten()
        .filter(|g| *g >= 1.0);
    html! {
        <fieldset class="panel flywheel-panel" id="flywheel" tabindex="-1">
            <legend>{ text_el!("h2", "class" = "legend-h"; lang.t(T::Flywheel)) }</legend>
            { text_el!("p", "class" = "hint"; lang.t(T::FlywheelHint)) }
            <SelectField id="mix-mode" label={T::MixAs} info={T::HelpMix} {lang} onchange={on_mode} options={html! {
                <>
                    { super::option_el("shares", !nps, lang.t(T::MixShares)) }
                    { super::option_el("nps", nps, lang.t(T::MixNps)) }
                </>
            }} />
            <div class="mix">
                if nps {
                    { field(Field::NpsScore, T::NpsScore, &f.nps_score, None, T::HelpNps) }
                    { field(Field::Passives, T::Passives, &f.passives_pct, Some("%"), T::HelpMix) }
                } else {
                    { field(Field::Promoters, T::Promoters, &f.promoters_pct, Some("%"), T::HelpMix) }
                    { field(Field::Passives, T::Passives, &f.passives_pct, Some("%"), T::HelpMix) }
                    { field(Field::Detractors, T::Detractors, &f.detractors_pct, Some("%"), T::HelpMix) }
                }
            </div>
            if let Some(text) = derived {
                { el!("p", "id" = "nps-shares", "class" = "hint"; text) }
            }
            if let Some(problem) = s.problem(Field::Mix) {
                { el!("p", "id" = "mix-error", "class" = "field-error"; problem.message(lang)) }
            }
            { field(Field::Referrals, T::ReferralsPerPromoter, &f.referrals, None, T::HelpReferrals) }
            <SelectField id="entry-stage" label={T::ReferralEntryStage} info={T::HelpEntryStage} {lang} onchange={on_entry}
                options={html! { <>{ for no_entry }{ for entry_options }</> }} problem={s.problem(Field::EntryStage).cloned()}
                note={at_last.then_some(AttrValue::Static("entry-last"))} />
            // Stages removed from the end can leave referred leads entering at the last stage, past
            // every stage before it: said, so that it is a choice.
            if at_last {
                { text_el!("p", "id" = "entry-last", "class" = "hint"; lang.t(T::EntryAtLast)) }
            }
            { field(Field::Repeat, T::RepeatRate, &f.repeat_pct, Some("%"), T::HelpRepeat) }
            { field(Field::Churn, T::Churn, &f.churn_pct, Some("%"), T::HelpChurn) }
            { field(Field::DetractorChurn, T::DetractorChurn, &f.detractor_churn_pct, Some("%"), T::HelpDetractorChurn) }
            { field(Field::Reinvest, T::Reinvest, &f.reinvest_pct, Some("%"), T::HelpReinvest) }
            if let Some(g) = runaway {
                { el!("p", "id" = "reinvest-runaway", "class" = "hint warning"; runaway_text(lang, g, sustainable_reinvest(&s.scenario), true)) }
            }
            { field(Field::CustomersAtStart, T::CustomersAtStart, &f.customers_at_start, None, T::HelpCustomersAtStart) }
        </fieldset>
    }
}

/// The segments editor: up to 8 segments, each with a name, a share of new leads and a factor on the
/// conversion odds at every stage (with the rate it gives at the stage's expected rate).
#[function_component(SegmentEditor)]
pub fn segment_editor(p: &ControlsProps) -> Html {
    let s = &p.state;
    let lang = s.lang;
    let f = &s.form;
    let n = f.segments.len();
    // The new segment's name is focused, to be typed over (as a new stage's is).
    let add_click = {
        let dispatch = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::AddSegment);
            super::focus_soon(format!("#segment-{n}-name"));
        })
    };
    // After a removal, focus goes to the segment now in its place (or the last one), or to Add a
    // segment when none is left: the rows re-render by position, so the focus would otherwise fall
    // to the page when the last row goes.
    let remove_click = |k: usize| {
        let dispatch = p.dispatch.clone();
        let next = match n {
            0 | 1 => "#add-segment".to_string(),
            _ => format!("#segment-{}-remove", k.min(n - 2)),
        };
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::RemoveSegment(k));
            super::focus_soon(next.clone());
        })
    };
    let text =
        |field: Field, label: String, value: &str, unit: Option<&'static str>, info: Option<T>| {
            input_field(p, field, label.into(), value, unit, info, false)
        };
    let items = f.segments.iter().enumerate().map(|(k, sg)| {
        let title = shown_name(&sg.name, lang.t(T::SegmentDefault), k);
        let remove = format!("{} {title}", lang.t(T::RemoveSegment));
        let odds = sg.odds.iter().enumerate().map(|(i, value)| {
            let stage = f.stages.get(i).map(|st| st.name.as_str()).unwrap_or("");
            // The rate at the stage's expected rate: logistic(logit(mean) + ln(factor)).
            let about = match (s.scenario.stages.get(i), super::form::parse_number(value)) {
                (Some(st), Some(factor)) if factor > 0.0 && s.problem(Field::SegmentOdds(k, i)).is_none() => {
                    let rate = crate::sim::logistic_shift(st.rate.mean(), factor.ln());
                    Some(format!("{} {}%", lang.t(T::SegmentRateAbout), lang.number(rate * 100.0, 1)))
                }
                _ => None,
            };
            html! {
                <li class="segment-odds">
                    { text(Field::SegmentOdds(k, i), format!("{}. {stage}", i + 1), value, Some("×"), (i == 0).then_some(T::HelpSegmentOdds)) }
                    if let Some(about) = about { <span class="hint about" id={format!("segment-{k}-odds-{i}-about")}>{ about }</span> }
                </li>
            }
        });
        html! {
            <li class="segment" key={k}>
                <div class="stage-head">
                    { el!("span", "class" = "stage-title"; title.clone()) }
                    <span class="stage-buttons">
                        <button type="button" class="icon" id={format!("segment-{k}-remove")} aria-label={remove.clone()}
                            title={remove} onclick={remove_click(k)}>{ "✕" }</button>
                    </span>
                </div>
                <div class="stage-fields" role="group" aria-label={title.clone()}>
                    { text(Field::SegmentName(k), lang.t(T::StageName).to_string(), &sg.name, None, None) }
                    { text(Field::SegmentShare(k), lang.t(T::SegmentShare).to_string(), &sg.share_pct, Some("%"), Some(T::HelpSegmentShare)) }
                </div>
                // A group named by the segment, so that a factor (named by its stage) is heard with it.
                <div role="group" aria-label={format!("{title}: {}", lang.t(T::SegmentOdds))}>
                    <p class="odds-title" id={format!("segment-{k}-odds-title")}>{ lang.t(T::SegmentOdds) }</p>
                    <ul class="odds-list">{ for odds }</ul>
                </div>
            </li>
        }
    });
    html! {
        <fieldset class="panel segments-panel" id="segments" tabindex="-1">
            <legend>{ text_el!("h2", "class" = "legend-h"; lang.t(T::Segments)) }</legend>
            { text_el!("p", "class" = "hint"; lang.t(T::SegmentsHint)) }
            if n == 0 {
                { text_el!("p", "id" = "no-segments", "class" = "hint"; lang.t(T::NoSegments)) }
            } else {
                <ol class="segments" aria-label={lang.t(T::Segments)}>{ for items }</ol>
            }
            if let Some(problem) = s.problem(Field::Segments) {
                { el!("p", "id" = "segments-error", "class" = "field-error"; problem.message(lang)) }
            }
            <button type="button" class="secondary" id="add-segment" onclick={add_click}
                disabled={n >= crate::sim::MAX_SEGMENTS}
                aria-describedby={(n >= crate::sim::MAX_SEGMENTS).then_some("segments-max")}>{ lang.t(T::AddSegment) }</button>
            if n >= crate::sim::MAX_SEGMENTS {
                { text_el!("p", "id" = "segments-max", "class" = "hint"; lang.t(T::SegmentsMax)) }
            }
        </fieldset>
    }
}

/// The story of the teaching preset `id`, with its suggested fix where the inputs can be edited (in
/// the preset panel, and at the top of an embed of a preset).
pub fn preset_story(id: Option<&str>, lang: Lang, fix: bool) -> Option<Html> {
    id.and_then(super::presets::preset).map(|preset| {
        html! {
            // Said with the notice of its loading (`ui::say`), not a live region that appears with it.
            <div class="preset-story" id="preset-story">
                { el!("h3"; lang.t(preset.title)) }
                { el!("p"; lang.tc(preset.story)) }
                if fix {
                    <p>{ text_el!("strong"; lang.t(T::TryThis)) }{ " " }{ lang.t(preset.fix) }</p>
                }
            </div>
        }
    })
}

/// Presets that teach: a button per preset, and the loaded preset's story and suggested fix.
#[function_component(PresetPanel)]
pub fn preset_panel(p: &ControlsProps) -> Html {
    let lang = p.state.lang;
    let buttons = super::presets::PRESETS.iter().map(|preset| {
        let dispatch = p.dispatch.clone();
        let id = preset.id;
        // The notice that a preset brings in above the inputs redraws them: the focus goes back to the button.
        let onclick = Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::LoadPreset(id));
            super::focus_soon(format!("#preset-{id}"));
            // Its story, under the buttons, was below a projected window's foot.
            super::reveal_below(format!("#preset-{id}"), "#preset-story");
        });
        let current = p.state.preset == Some(id);
        html! {
            <li>
                <button type="button" id={format!("preset-{id}")} class={classes!("preset", current.then_some("current"))}
                    aria-pressed={current.to_string()} {onclick}>
                    { lang.t(preset.title) }
                </button>
            </li>
        }
    });
    let explanation = preset_story(p.state.preset, lang, true);
    html! {
        <section class="panel presets" aria-labelledby="presets-title">
            { text_el!("h2", "id" = "presets-title"; lang.t(T::Presets)) }
            { text_el!("p", "class" = "hint"; lang.t(T::PresetsHint)) }
            <ul class="preset-list">{ for buttons }</ul>
            // (In an `if`, which holds its place: a story appearing after the list made the list and
            // its buttons anew, see the share panel's import notice.)
            if let Some(story) = explanation {
                { story }
            }
        </section>
    }
}

/// Learn mode: short explanations of the concepts behind the numbers, each opened on demand.
#[derive(Properties, PartialEq)]
pub struct LearnProps {
    pub lang: Lang,
    /// The currency amounts are shown in (see [`super::i18n::currency`]).
    #[prop_or_else(super::i18n::currency)]
    pub currency: Currency,
}

#[function_component(LearnPanel)]
pub fn learn_panel(p: &LearnProps) -> Html {
    let lang = p.lang;
    let topics = [
        ("stages", T::LearnStagesTitle, T::LearnStages),
        ("bottleneck", T::LearnBottleneckTitle, T::LearnBottleneck),
        ("pipeline", T::LearnPipelineTitle, T::LearnPipeline),
        ("flywheel", T::LearnFlywheelTitle, T::LearnFlywheel),
        ("nps", T::LearnNpsTitle, T::LearnNps),
        ("segments", T::LearnSegmentsTitle, T::LearnSegments),
        ("bands", T::LearnBandsTitle, T::LearnBands),
    ];
    // Escape closes the open explanation the focus is in, and gives the focus to its title (as it
    // closes an info button's explanation); an open tour stays open.
    let onkeydown = Callback::from(|e: KeyboardEvent| {
        let open = e
            .target_dyn_into::<web_sys::Element>()
            .and_then(|t| t.closest("details[open]").ok().flatten());
        if let (true, Some(d)) = (e.key() == "Escape", open) {
            e.stop_propagation();
            let _ = d.remove_attribute("open");
            if let Some(s) = d
                .query_selector("summary")
                .ok()
                .flatten()
                .and_then(|s| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(s).ok())
            {
                let _ = s.focus();
            }
        }
    });
    html! {
        <section class="panel learn" id="learn" aria-labelledby="learn-title" tabindex="-1" {onkeydown}>
            { text_el!("h2", "id" = "learn-title"; lang.t(T::Learn)) }
            { for topics.iter().map(|(id, title, text)| html! {
                <details id={format!("learn-{id}")}>
                    // A heading in it, so that a screen reader's heading keys reach each topic (they
                    // had to Tab through the titles to the one they wanted).
                    <summary>{ el!("h3"; lang.t(*title)) }</summary>
                    { learn_text(&lang.tc(*text)) }
                </details>
            }) }
        </section>
    }
}

/// A Learn topic's text: a line break starts a new paragraph, and lines that start with "• " make a
/// list, each item's term (before its ": ") in bold: the five stages as one paragraph were hard to
/// follow on a projected page.
fn learn_text(text: &str) -> Html {
    let mut out: Vec<Html> = Vec::new();
    let mut items: Vec<Html> = Vec::new();
    for line in text.split('\n').chain(std::iter::once("")) {
        if let Some(item) = line.strip_prefix("• ") {
            items.push(match item.split_once(": ") {
                Some((term, rest)) => {
                    html! { <li>{ el!("strong"; term) }{ ": " }{ rest.to_string() }</li> }
                }
                None => el!("li"; item),
            });
            continue;
        }
        if !items.is_empty() {
            out.push(html! { <ul class="learn-list">{ for items.drain(..) }</ul> });
        }
        if !line.is_empty() {
            out.push(el!("p"; line));
        }
    }
    out.into_iter().collect()
}

/// Saved scenarios: save the current inputs under a name; load, duplicate, rename or delete them.
#[function_component(SavedPanel)]
pub fn saved_panel(p: &ControlsProps) -> Html {
    let lang = p.state.lang;
    // A name typed and not saved yet stays over a reload, as every other input does (this tab's).
    let name =
        use_state(|| super::storage::load(super::storage::SAVE_NAME_KEY).unwrap_or_default());
    use_effect_with((*name).clone(), |n| {
        super::storage::keep_for_tab(super::storage::SAVE_NAME_KEY, n)
    });
    // Said only to someone about to save (a name typed): the hint would otherwise move the page.
    let invalid = !p.state.problems.is_empty() && !name.trim().is_empty();
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| name.set(input_value(&e)))
    };
    // What the last save or rename did, said under the form (a polite status), and the saved
    // scenario that a Replace overwrote, for its Undo.
    let note = use_state(|| None::<String>);
    let undo = use_state(|| None::<super::state::SavedScenario>);
    let on_save = {
        let dispatch = p.dispatch.clone();
        let (name, note, undo) = (name.clone(), note.clone(), undo.clone());
        let saved = p.state.saved.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let trimmed = name.trim();
            // Save stays in the Tab order with the name box empty: pressed, it says what it needs
            // and takes the focus to the box.
            if crate::sim::scenario::is_blank(trimmed) {
                // (An Undo offered for an earlier step goes with what was said about it.)
                undo.set(None);
                note.set(Some(lang.t(T::NameFirst).to_string()));
                super::focus_soon("#save-name".into());
                return;
            }
            let old = saved.iter().find(|s| s.name == trimmed).cloned();
            let what = if old.is_some() {
                T::ReplacedNote
            } else {
                T::SavedAsNote
            };
            note.set(Some(format!("{} “{trimmed}”.", lang.t(what))));
            undo.set(old);
            dispatch.emit(Action::SaveAs((*name).clone()));
            // The name box is cleared: focus goes to the saved item (replaced in its place, or
            // added at the end), where the user goes next.
            let i = saved.iter().position(|s| s.name == name.trim());
            super::focus_soon(format!("#saved-{}-load", i.unwrap_or(saved.len())));
            name.set(String::new());
        })
    };
    // Each item's buttons name it: "Load: Plan A", not three "Load" buttons in a row.
    let button = |action: Action, text: T, id: String, name: &str| {
        let dispatch = p.dispatch.clone();
        // A load says so here, where the user is (the notice at the top may be out of sight);
        // anything else clears what the note said about an earlier step.
        let said = match action {
            Action::LoadSaved(_) => Some(format!("{} “{name}”.", lang.t(T::LoadedNote))),
            _ => None,
        };
        // A copy goes in below its original: the focus goes to its name box ("Rename: Plan A (copy)"),
        // which says what was made and is where it gets its own name.
        let then = match action {
            Action::DuplicateSaved(i) => Some(format!("#saved-{}-name", i + 1)),
            _ => None,
        };
        let (note, undo) = (note.clone(), undo.clone());
        let onclick = Callback::from(move |_: MouseEvent| {
            note.set(said.clone());
            undo.set(None);
            dispatch.emit(action.clone());
            if let Some(to) = &then {
                super::focus_soon(to.clone());
            }
        });
        let label = format!("{}: {name}", lang.t(text));
        html! { <button type="button" class="secondary small" {id} {onclick} aria-label={label}>{ lang.t(text) }</button> }
    };
    // Delete asks once more (the item whose Delete was pressed, by name so that a change of the
    // list does not move the question to another item).
    let confirming = use_state(|| None::<String>);
    let ask = |id: String, text: T, to: Option<String>, name: &str| {
        let confirming = confirming.clone();
        let label = format!("{}: {name}", lang.t(text));
        // Delete puts the focus on Keep (the safe answer, and where Escape is heard); Keep back on
        // Delete.
        let next = if to.is_some() {
            id.replace("-delete", "-keep")
        } else {
            id.replace("-keep", "-delete")
        };
        let onclick = Callback::from(move |_: MouseEvent| {
            confirming.set(to.clone());
            super::focus_soon(format!("#{next}"));
        });
        html! { <button type="button" class="secondary small" {id} {onclick} aria-label={label}>{ lang.t(text) }</button> }
    };
    let exists = p.state.saved.iter().any(|s| s.name == name.trim());
    let items = p.state.saved.iter().enumerate().map(|(i, item)| {
        let asked = confirming.as_deref() == Some(item.name.as_str());
        let delete = if asked {
            let dispatch = p.dispatch.clone();
            let confirming_keys = confirming.clone();
            let confirming = confirming.clone();
            let (note, undo, said) = (note.clone(), undo.clone(), format!("{} “{}”.", lang.t(T::DeletedNote), item.name));
            let onclick = Callback::from(move |_: MouseEvent| {
                confirming.set(None);
                undo.set(None);
                note.set(Some(said.clone()));
                dispatch.emit(Action::DeleteSaved(i));
                super::focus_soon("#save-name".into());
            });
            // Escape keeps it, as Keep does, and gives the focus back to Delete.
            let onkeydown = {
                let confirming = confirming_keys.clone();
                Callback::from(move |e: KeyboardEvent| {
                    if e.key() == "Escape" {
                        // This Escape answers the question only (an open tour stays open).
                        e.stop_propagation();
                        confirming.set(None);
                        super::focus_soon(format!("#saved-{i}-delete"));
                    }
                })
            };
            html! {
                <span class="confirm" {onkeydown}>
                    <button type="button" class="secondary small danger" id={format!("saved-{i}-confirm-delete")} {onclick}
                        aria-label={format!("{}: {}", lang.t(T::ConfirmDelete), item.name)}>
                        { lang.t(T::ConfirmDelete) }
                    </button>
                    { ask(format!("saved-{i}-keep"), T::KeepIt, None, &item.name) }
                </span>
            }
        } else {
            ask(format!("saved-{i}-delete"), T::Delete, Some(item.name.clone()), &item.name)
        };
        let dispatch = p.dispatch.clone();
        let (note, undo, saved, old) = (note.clone(), undo.clone(), p.state.saved.clone(), item.name.clone());
        let on_rename = Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<web_sys::HtmlInputElement>();
            undo.set(None);
            let v = input.value();
            let new = v.trim();
            // A name that is empty or another item's is refused: the box shows the name again at
            // once, and the note says why.
            let refused = if new.is_empty() {
                Some(lang.t(T::RenameEmpty).to_string())
            } else if new != old && saved.iter().any(|s| s.name == new) {
                Some(format!("{} “{new}”.", lang.t(T::RenameTaken)))
            } else {
                None
            };
            match refused {
                Some(why) => {
                    input.set_value(&old);
                    note.set(Some(why));
                }
                None => {
                    // The item is drawn anew under its new name (its key), which would drop the focus:
                    // it stays in the name box after Enter, and goes on to Load after Tab.
                    let kept = input
                        .owner_document()
                        .and_then(|d| d.active_element())
                        .is_some_and(|a| a.is_same_node(Some(&input)));
                    note.set(Some(format!("{} “{new}”.", lang.t(T::RenamedNote))));
                    dispatch.emit(Action::RenameSaved(i, v.clone()));
                    super::focus_soon(format!("#saved-{i}-{}", if kept { "name" } else { "load" }));
                }
            }
        });
        html! {
            <li class="saved-item" key={item.name.clone()}>
                <input type="text" class="saved-name" id={format!("saved-{i}-name")} value={item.name.clone()}
                    aria-label={format!("{}: {}", lang.t(T::RenameTo), item.name)} onchange={on_rename} />
                { button(Action::LoadSaved(i), T::Load, format!("saved-{i}-load"), &item.name) }
                { button(Action::DuplicateSaved(i), T::Duplicate, format!("saved-{i}-duplicate"), &item.name) }
                { delete }
            </li>
        }
    });
    let no_name =
        crate::sim::scenario::is_blank(&name) && note.as_deref() == Some(lang.t(T::NameFirst));
    html! {
        <section class="panel saved" aria-labelledby="saved-title">
            { text_el!("h2", "id" = "saved-title"; lang.t(T::SavedScenarios)) }
            { text_el!("p", "class" = "hint"; lang.t(T::SavedHint)) }
            <form class="save-form" onsubmit={on_save}>
                { text_el!("label", "for" = "save-name", "class" = "visually-hidden"; lang.t(T::ScenarioName)) }
                // Pressed with no name, the note says what it needs: the box is then marked and described by it.
                <input type="text" id="save-name" placeholder={lang.t(T::ScenarioName)} value={(*name).clone()} oninput={on_name}
                    aria-invalid={no_name.then_some("true")} aria-describedby={no_name.then_some("saved-note")} />
                <button type="submit" id="save-scenario" disabled={invalid}
                    aria-describedby={if invalid { Some("save-invalid") } else { exists.then_some("save-replaces") }}>
                    { lang.t(if exists { T::Replace } else { T::Save }) }
                </button>
            </form>
            // Save keeps valid scenarios only (the last valid one would be saved under the new name).
            if invalid {
                { text_el!("p", "id" = "save-invalid", "class" = "hint"; lang.t(T::FixInputsFirst)) }
            } else if exists {
                { text_el!("p", "id" = "save-replaces", "class" = "hint"; lang.t(T::SaveReplacesHint)) }
            }
            <p id="saved-note" class="hint" role="status">{ (*note).clone() }</p>
            // The working scenario that a Load replaced, offered back here too.
            if matches!(p.state.notice, Some(super::state::Notice::SavedLoaded(_))) && p.state.previous.is_some() {
                <button type="button" id="saved-restore" class="link" onclick={{
                    let dispatch = p.dispatch.clone();
                    Callback::from(move |_: MouseEvent| dispatch.emit(Action::RestorePrevious))
                }}>{ lang.t(T::RestorePrevious) }</button>
            }
            if let Some(old) = (*undo).clone() {
                <button type="button" id="saved-undo" class="link" onclick={{
                    let (dispatch, note, undo) = (p.dispatch.clone(), note.clone(), undo.clone());
                    Callback::from(move |_: MouseEvent| {
                        note.set(Some(format!("{} “{}”.", lang.t(T::UndoneNote), old.name)));
                        dispatch.emit(Action::PutSaved(std::rc::Rc::new(old.clone())));
                        undo.set(None);
                        // The button goes: the focus to the name box, not to the page.
                        super::focus_soon("#save-name".into());
                    })
                }}>{ lang.t(T::Undo) }</button>
            }
            if p.state.saved.is_empty() {
                { text_el!("p", "id" = "nothing-saved", "class" = "hint"; lang.t(T::NothingSaved)) }
            } else {
                <ul class="saved-list">{ for items }</ul>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::{field_id, rate_note};
    use crate::sim::Rate;
    use crate::ui::form::Field;
    use crate::ui::i18n::Lang;

    #[test]
    fn an_uncertain_rate_says_how_few_leads_it_is_as_uncertain_as() {
        let note =
            |lang, mean, certainty| rate_note(lang, &Rate::Beta { mean, certainty }).unwrap();
        assert!(note(Lang::En, 0.02, 200.0).contains("about 4 of 200 leads"));
        assert!(note(Lang::En, 0.3, 5.5).contains("about 1.7 of 5.5 leads"));
        // A certainty below 1: never "of 0 leads".
        assert!(note(Lang::En, 0.3, 0.4).contains("about 0.12 of 0.4 leads"));
        assert!(note(Lang::Nl, 0.03, 0.25).contains("ongeveer 0,0075 van 0,25 leads"));
        // Never "0 of": a count too small for four decimals says so.
        assert!(note(Lang::En, 0.001, 0.01).contains("about < 0.0001 of 0.01 leads"));
        // Enough leads: no such sentence.
        assert!(!note(Lang::En, 0.3, 200.0).contains("As uncertain"));
    }

    #[test]
    fn counts_of_all_or_none_say_why_their_rate_is_not_100_or_0_percent() {
        let note = |lang, successes, trials| {
            rate_note(lang, &Rate::Observed { successes, trials }).unwrap()
        };
        // (k + 1) / (n + 2): 28/29 = 96.6%, 1/29 = 3.4%.
        assert!(note(Lang::En, 27, 27).starts_with(
            "≈ 96.6%: not 100%, as 27 of 27 cannot rule out a lead that does not go on. Drawn per trial: 90% between "
        ));
        assert!(note(Lang::Nl, 0, 27).starts_with(
            "≈ 3,4%: geen 0%, want 0 van 27 sluit een lead die wel doorgaat niet uit. "
        ));
        assert!(note(Lang::En, 26, 27).starts_with("≈ 93.1%. Drawn per trial"));
    }

    #[test]
    fn field_ids_are_the_lower_case_variant_names() {
        let plain = [
            Field::Arrivals,
            Field::Periods,
            Field::Trials,
            Field::Seed,
            Field::Dispersion,
            Field::Growth,
            Field::FixedBudget,
            Field::Correlation,
            Field::Revenue,
            Field::CostPerLead,
            Field::PaidShare,
            Field::Promoters,
            Field::Passives,
            Field::Detractors,
            Field::Mix,
            Field::Segments,
            Field::Referrals,
            Field::EntryStage,
            Field::Repeat,
            Field::Churn,
            Field::DetractorChurn,
            Field::Reinvest,
            Field::Scenario,
        ];
        for f in plain {
            assert_eq!(field_id(f), format!("{f:?}").to_lowercase());
        }
        assert_eq!(field_id(Field::NpsScore), "nps-score");
        assert_eq!(field_id(Field::CustomersAtStart), "customers-at-start");
        assert_eq!(field_id(Field::StageRate(2)), "stage-2-rate");
        assert_eq!(field_id(Field::SegmentOdds(1, 3)), "segment-1-odds-3");
    }

    #[test]
    fn the_loop_gain_follows_the_segments_rates() {
        use super::loop_gain;
        use crate::sim::{Scenario, Segment};
        let base = Scenario::default_five_stage();
        let g0 = loop_gain(&base).unwrap();
        let with = |shift: f64| {
            let mut sc = base.clone();
            sc.segments = ["A", "B"]
                .map(|name| Segment {
                    name: name.into(),
                    share: 0.5,
                    logit_shift: vec![shift; sc.stages.len()],
                })
                .into();
            loop_gain(&sc).unwrap()
        };
        // Unshifted segments change nothing; segments with higher rates make a larger gain, lower
        // rates a smaller one (a QA check found the warning ignored them both ways).
        assert!((with(0.0) - g0).abs() < 1e-12 * g0);
        assert!(with(3.0) > 20.0 * g0);
        assert!(with(-3.0) < g0 / 20.0);
        // Half the leads in a segment that never buys (rate 0 at the last stage): half the gain.
        let mut sc = base.clone();
        let last = sc.stages.len() - 1;
        sc.segments = vec![
            Segment {
                name: "A".into(),
                share: 0.5,
                logit_shift: vec![],
            },
            Segment {
                name: "B".into(),
                share: 0.5,
                logit_shift: vec![0.0; last].into_iter().chain([-1e9]).collect(),
            },
        ];
        assert!((loop_gain(&sc).unwrap() - g0 / 2.0).abs() < 1e-9 * g0);
    }

    #[test]
    fn a_loop_gain_just_above_one_is_said_with_two_decimals() {
        use super::runaway_text;
        let t = |g| runaway_text(Lang::En, g, None, false);
        assert!(t(1.0249).starts_with("Each new customer brings about 1.02 more new customers"));
        assert!(t(1.0).starts_with("Each new customer brings about 1.00 more"));
        assert!(t(1.37).starts_with("Each new customer brings about 1.4 more"));
        assert!(runaway_text(Lang::Nl, 1.05, None, false)
            .starts_with("Elke nieuwe klant levert ongeveer 1,05 nieuwe"));
    }

    #[test]
    fn the_share_that_levels_the_flywheel_off_is_said_with_its_digits() {
        use super::runaway_text;
        let limit = |l| {
            let t = runaway_text(Lang::En, 1.5, Some(l), false);
            t.split_once("less than about ").map(|(_, r)| r.to_string())
        };
        assert_eq!(
            limit(0.0327).as_deref(),
            Some("3.3% of revenue is reinvested.")
        );
        assert_eq!(
            limit(0.005).as_deref(),
            Some("0.5% of revenue is reinvested.")
        );
        // A huge price: it was "about 0%".
        assert_eq!(
            limit(0.000_024_3).as_deref(),
            Some("0.0024% of revenue is reinvested.")
        );
        assert_eq!(limit(0.0), None);
    }

    #[test]
    fn a_rate_typed_as_a_fraction_is_noted_with_what_to_type() {
        use super::fraction_note;
        use crate::ui::i18n::Lang;
        assert_eq!(
            fraction_note(Lang::Nl, "0,3").as_deref(),
            Some("Gelezen als 0,3%. Voor 30% typ je 30.")
        );
        assert_eq!(
            fraction_note(Lang::En, ".25").as_deref(),
            Some("Read as 0.25%. For 25%, type 25.")
        );
        assert_eq!(
            fraction_note(Lang::En, "0.125").as_deref(),
            Some("Read as 0.125%. For 12.5%, type 12.5.")
        );
        // A whole number, 1 or more, 0, no number, or a fraction typed with its % sign: nothing to say.
        for text in ["30", "1.5", "0", "0.0", "abc", "", "0.3%", "0,3 %"] {
            assert_eq!(fraction_note(Lang::En, text), None, "{text}");
        }
    }
}
