use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::sim::{Bands, RunResult, Scenario};

use super::analyses::Analyses;
use super::charts::{ChartLine, FanChart, FanSeries, FunnelBar, FunnelChart, HistogramChart};
use super::controls::{
    on_select, select_into, FlywheelControls, GeneralControls, LearnPanel, MainInputs, PresetPanel,
    SavedPanel, SegmentEditor, StageEditor,
};
use super::flow::FlowView;
use super::i18n::{Lang, T};
use super::runner;
use super::share_panel::{self, SharePanel};
use super::state::{Action, AppState, Notice, RunStatus, Theme};
use super::storage;
use super::tour::Tour;
use super::Embed;

/// Above this many trials a run takes a second or more: a screen reader hears once that it started.
const LONG_RUN_TRIALS: u64 = 50_000;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The language to start in (the entry point reads `?lang=` and the browser's language).
    #[prop_or_default]
    pub lang: Lang,
    /// Embedded in another page (`?embed=1`) or the full app.
    #[prop_or_default]
    pub embed: Embed,
}

/// The root component.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let embed = props.embed.clone();
    let persist = !embed.on;
    // An editable embed keeps its reader's edits for the tab (a reload of the host page keeps them).
    let embed_store = use_memo((), |_| {
        (embed.on && embed.editable)
            .then(storage::EmbedStore::here)
            .flatten()
    });
    let state = use_reducer(|| {
        // An embed shows its link's scenario (or the default), never the visitor's stored one; an
        // editable one its reader's edits, once there are any.
        let stored = |key| {
            if persist {
                storage::load(key)
            } else {
                embed_store.as_ref().as_ref().and_then(|e| e.load(key))
            }
        };
        let edited = !persist && stored(storage::SCENARIO_KEY).is_some();
        let mut s = AppState::restore(props.lang, stored(storage::SCENARIO_KEY).as_deref());
        s.theme = Theme::from_code(
            &props
                .embed
                .theme
                .clone()
                .or_else(|| stored(storage::THEME_KEY))
                .unwrap_or_default(),
        );
        let fresh = stored(storage::SCENARIO_KEY).is_none();
        let s = s
            .with_draft(stored(storage::DRAFT_KEY).as_deref())
            .with_saved(stored(storage::SAVED_KEY).as_deref())
            .with_previous(
                stored(storage::PREVIOUS_KEY).as_deref(),
                stored(storage::PREVIOUS_TARGET_KEY).as_deref(),
            )
            .with_previous_draft(stored(storage::PREVIOUS_DRAFT_KEY).as_deref())
            .with_target(stored(storage::TARGET_KEY).as_deref());
        let s = if edited {
            // With the teaching preset its link was, if the reader's edits are on top of one (the
            // story stays, as it does while editing).
            let preset = stored(storage::EMBED_PRESET_KEY)
                .and_then(|id| super::presets::preset(&id))
                .map(|p| p.id);
            AppState { preset, ..s }
        } else {
            // The teaching preset the working scenario was loaded as: its story stays over a reload.
            let kept = !fresh && !matches!(s.notice, Some(Notice::StoredScenarioReset(_)));
            let preset = kept
                .then(|| stored(storage::PRESET_KEY))
                .flatten()
                .and_then(|id| super::presets::preset(&id))
                .map(|p| p.id);
            AppState { preset, ..s }.with_shared_link(share_panel::link_in_address().as_deref())
        };
        let s = if fresh { s.opened_fresh() } else { s };
        // `?lang=` in the address beats a shared link's language: the Language select keeps it up to date,
        // so that a reload keeps the language chosen last.
        // Switched as the select switches it, so that the fields' decimal marks and the names the app
        // gave (a link made in Dutch opened with ?lang=en) follow the language from the first paint.
        let s = match super::lang_in_address() {
            Some(lang) if lang != s.lang => {
                Rc::unwrap_or_clone(Rc::new(s).reduce(Action::SetLang(lang)))
            }
            _ => s,
        };
        // An embed says nothing about loading its link, only that its link was damaged (the page's
        // author must notice: the frame shows the default scenario instead).
        if props.embed.on && !matches!(s.notice, Some(Notice::SharedLinkInvalid(_))) {
            AppState { notice: None, ..s }
        } else {
            s
        }
    });
    // The generation of the run that may still publish; Cancel and newer runs change it.
    let active: Rc<Cell<u64>> = use_memo((), |_| Cell::new(0u64));
    let invalid = !state.problems.is_empty();
    // Whether the inputs have a problem now: a typed edit's run waits while they do (see `runner::start`).
    let held: Rc<Cell<bool>> = use_memo((), |_| Cell::new(false));
    held.set(invalid);
    // The analyses' answers on screen, for the results summary file (`analyses::AnswersCell`).
    let answers = use_memo((), |_| super::analyses::AnswersCell::default());
    // One callback for the app's lifetime (the dispatcher never changes), so that components given it can
    // tell that their props did not change.
    let dispatch = use_callback(state.dispatcher(), |a: Action, d| d.dispatch(a));

    {
        // A shared link is read once: the address then drops its `#s=…`, so that a reload shows the
        // working scenario with the edits made since (kept in the browser), not the link again. A link
        // pasted into the address of the open app (only the fragment changes, so the page does not
        // reload) is opened the same way. An embed never changes its address (an editable one keeps its
        // reader's edits in the tab's session storage instead).
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let stop = persist.then(|| {
                share_panel::clear_link_in_address();
                super::on_window(
                    "hashchange",
                    Box::new(move || {
                        if let Some(link) = share_panel::link_in_address() {
                            share_panel::clear_link_in_address();
                            dispatch.emit(Action::OpenLink(link));
                        }
                    }),
                )
            });
            move || stop.into_iter().for_each(|f| f())
        });
    }
    {
        // Back and Forward step through the scenarios loaded from outside the inputs (presets, links,
        // files, saved ones, Restore): each is a history entry of its own, which keeps the scenario as
        // last edited there. An embed leaves the host page's history alone.
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let stop = persist.then(|| {
                // An entry reached from another page (Back past it, or two steps at once) loads the
                // page anew: its scenario, not the one stored last, is the one to show. (A reload
                // shows the stored one: the same, or the default when it could not be read.)
                if let Some(entry) =
                    super::history_entry().filter(|_| super::reached_by_back_forward())
                {
                    dispatch.emit(Action::FromHistory(entry));
                }
                // The keys typed after an edit wait for a pause to be written into the entry
                // (`record_history_entry`): written before the page is left or hidden (a reload,
                // another page, a closed tab), dropped when Back or Forward reached another entry.
                let stop_hide = super::on_window("pagehide", Box::new(super::flush_history_entry));
                let stop_leaving = super::flush_history_before_leaving();
                let stop_visibility =
                    super::on_window("visibilitychange", Box::new(super::flush_history_entry));
                let stop_pop = super::on_window(
                    "popstate",
                    Box::new(move || {
                        super::drop_history_entry();
                        super::keep_lang_and_theme_in_address();
                        if let Some(entry) = super::history_entry() {
                            dispatch.emit(Action::FromHistory(entry));
                        }
                    }),
                );
                move || {
                    stop_hide();
                    stop_leaving();
                    stop_visibility();
                    stop_pop();
                }
            });
            move || stop.into_iter().for_each(|f| f())
        });
    }
    // Charts are drawn over fewer units in a narrow results column (charts::NARROW_W): measured once the
    // page is laid out, and again when the window's size changes.
    let narrow = use_state_eq(super::narrow_charts);
    {
        let narrow = narrow.clone();
        use_effect_with((), move |_| {
            narrow.set(super::narrow_charts());
            super::on_window(
                "resize",
                Box::new(move || narrow.set(super::narrow_charts())),
            )
        });
    }

    {
        // Re-run whenever the generation changes (after a pause in typing when typing changed it).
        let generation = state.generation;
        let debounce = state.debounce;
        let scenario: Rc<Scenario> = state.scenario.clone();
        let dispatch = dispatch.clone();
        let (active, held) = (active.clone(), held.clone());
        use_effect_with(generation, move |_| {
            active.set(generation);
            runner::start(generation, debounce, scenario, active, held, dispatch);
        });
    }

    // A write the browser refused (storage blocked or full) is said once: "Saved" and a reload that
    // brought back an older scenario were all a user saw.
    let not_kept = {
        let (dispatch, warned) = (dispatch.clone(), use_mut_ref(|| false));
        Rc::new(move |stored: bool| {
            if !stored && !std::mem::replace(&mut *warned.borrow_mut(), true) {
                dispatch.emit(Action::NotKept);
            }
        })
    };
    // The working scenario as its exports carry it: its name marked when it differs from the saved
    // scenario of that name.
    // The same `Rc` while the scenario, the saved list and the language are (the share panel keeps
    // its copied link's message for the `Rc` it was made from).
    let shown_cache = use_mut_ref(|| None::<ShownCache>);
    let shown = {
        let mut cache = shown_cache.borrow_mut();
        match &*cache {
            Some((s, saved, l, shown))
                if Rc::ptr_eq(s, &state.scenario)
                    && Rc::ptr_eq(saved, &state.saved)
                    && *l == state.lang =>
            {
                shown.clone()
            }
            _ => {
                let shown = state.shown_scenario();
                *cache = Some((
                    state.scenario.clone(),
                    state.saved.clone(),
                    state.lang,
                    shown.clone(),
                ));
                shown
            }
        }
    };
    // The tab, a bookmark and a print or PDF (its header and file name, and a chart's download) carry
    // that name.
    use_effect_with(shown.name.clone(), |name| {
        if let Some(d) = gloo::utils::window().document() {
            d.set_title(&format!("{}{name}", super::TITLE_PREFIX));
        }
    });
    // The inputs as typed while they are not valid (only valid scenarios reach `state.scenario`).
    let draft = state.draft();
    {
        // The full app writes the scenario shown, and the inputs as typed while they are not valid, into
        // its history entry, a new one for each scenario loaded from outside the inputs (see the Back and
        // Forward handler above).
        let recorded = use_mut_ref(|| state.loads);
        use_effect_with(
            (
                state.scenario.clone(),
                state.preset,
                state.loads,
                draft.clone(),
            ),
            move |(s, preset, loads, draft)| {
                if persist {
                    let new = std::mem::replace(&mut *recorded.borrow_mut(), *loads) != *loads;
                    let entry =
                        super::state::history_entry(&s.to_json(), *preset, draft.as_deref());
                    super::record_history_entry(&entry, new);
                }
            },
        );
    }
    {
        // After "Back to the original" reloaded the frame, the focus is on that button again (it fell
        // to the page's start, and the next Tab began at the top).
        let store = (*embed_store).clone();
        use_effect_with((), move |_| {
            if let Some(s) =
                store.filter(|s| s.load(storage::EMBED_RESET_KEY).is_some_and(|v| v == "1"))
            {
                s.save(storage::EMBED_RESET_KEY, "");
                super::focus_soon("#embed-reset".to_string());
            }
        });
    }
    {
        // Keep the working scenario in the browser. This runs on mount too, so a stored value that could
        // not be read is replaced by the default.
        let store = (*embed_store).clone();
        let not_kept = not_kept.clone();
        use_effect_with(
            (state.scenario.clone(), state.preset, state.loads),
            move |&(ref s, preset, _)| {
                let json = s.to_json();
                if persist {
                    not_kept(storage::save(storage::SCENARIO_KEY, &json));
                    storage::save(storage::PRESET_KEY, preset.unwrap_or_default());
                } else if let Some(e) = store {
                    e.save(storage::SCENARIO_KEY, &json);
                    e.save(storage::EMBED_PRESET_KEY, preset.unwrap_or_default());
                }
            },
        );
    }
    {
        // And the inputs as typed while they are not valid, so that a reload loses nothing typed.
        let store = (*embed_store).clone();
        let not_kept = not_kept.clone();
        use_effect_with(draft, move |d| {
            if persist {
                not_kept(storage::save(
                    storage::DRAFT_KEY,
                    d.as_deref().unwrap_or_default(),
                ))
            } else if let Some(e) = store {
                e.save(storage::DRAFT_KEY, d.as_deref().unwrap_or_default())
            }
        });
    }
    // And the scenario a link, a file, a preset or a Load replaced, so that Restore survives a reload.
    use_effect_with(state.previous.clone(), move |p| {
        if persist {
            storage::save(
                storage::PREVIOUS_KEY,
                &p.as_ref().map(|p| p.to_json()).unwrap_or_default(),
            );
        }
    });
    // With the inputs as typed that it replaced (in the language they were typed in).
    {
        let lang = state.lang;
        use_effect_with(state.previous_draft.clone(), move |d| {
            if persist {
                let text = d.as_ref().map(|d| d.to_draft(lang)).unwrap_or_default();
                storage::save(storage::PREVIOUS_DRAFT_KEY, &text);
            }
        });
    }
    // With the Target question a link's question replaced.
    use_effect_with(state.previous_target.clone(), move |q| {
        if persist {
            storage::save(
                storage::PREVIOUS_TARGET_KEY,
                q.as_deref().unwrap_or_default(),
            );
        }
    });
    // (Stored when chosen with the Theme select: a link's `?theme=`, as "Open in Funnel Lab" from a
    // dark embed, leaves the visitor's own choice for later visits alone.)
    use_effect_with(state.theme, move |theme| storage::apply_theme(theme.code()));
    // The whole page is in the chosen language (embeds too: their frame is a page of its own).
    // (And kept for the tab, chosen here or not: its reload stays in it. Only a choice with the
    // Language select is stored for the next visit.)
    use_effect_with(state.lang, move |lang| {
        storage::apply_lang(lang.code());
        if persist {
            storage::keep_for_tab(storage::LANG_KEY, lang.code());
        }
    });
    use_effect(super::sync_selects);
    // Saved scenarios stay in step across this browser's tabs: another tab's save, rename or delete
    // arrives as a `storage` event (fired in the other tabs only). (Each tab has a working scenario of
    // its own, see `storage::TAB_KEYS`, and its Restore gives back its own.)
    {
        let dispatch = dispatch.clone();
        use_effect_with(persist, move |&persist| {
            let listener = persist.then(|| {
                use wasm_bindgen::JsCast;
                let cb = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(
                    move |e: web_sys::Event| {
                        let key = js_sys::Reflect::get(&e, &"key".into())
                            .ok()
                            .and_then(|k| k.as_string());
                        if key.as_deref() == Some(storage::SAVED_KEY) {
                            if let Some(text) = storage::load_shared(storage::SAVED_KEY) {
                                dispatch.emit(Action::SavedElsewhere(text));
                            }
                        }
                    },
                );
                let w = gloo::utils::window();
                let _ = w.add_event_listener_with_callback("storage", cb.as_ref().unchecked_ref());
                (w, cb)
            });
            move || {
                if let Some((w, cb)) = listener {
                    use wasm_bindgen::JsCast;
                    let _ = w.remove_event_listener_with_callback(
                        "storage",
                        cb.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    use_effect_with(state.saved.clone(), move |saved| {
        if let Ok(text) = serde_json::to_string(&**saved) {
            if persist {
                not_kept(storage::save(storage::SAVED_KEY, &text));
            }
        }
    });

    let lang = state.lang;
    // Before any component below is made: their amounts take this currency's sign.
    super::i18n::set_currency(state.form.currency);
    // An embed's "Open in Funnel Lab" link carries its scenario: encoded when the scenario or the
    // language changes, not at every render (a run re-renders the page with each progress report).
    let open_url = use_memo(
        (
            state.scenario.clone(),
            lang,
            embed.on,
            embed.theme.clone(),
            state.shared_preset(),
            state.target_asked.clone(),
            state.compare_asked.clone(),
        ),
        |(scenario, lang, on, theme, preset, target, compare)| {
            on.then(|| {
                super::embed::full_app_url(
                    scenario,
                    *lang,
                    theme.as_deref(),
                    *preset,
                    target.as_deref(),
                    compare.as_ref(),
                )
            })
        },
    );
    // The result of an import is shown under the import control (in the share panel), where the
    // user is; every other notice at the top of the page.
    let import_notice = matches!(
        state.notice,
        Some(Notice::ImportFailed(_) | Notice::Imported)
    );
    // The notice's text (once: the notice shows it, `said` below says it), and whether it is a problem.
    let notice_said = state
        .notice
        .as_ref()
        .map(|n| (n, notice_text(lang, n, embed.on, &state)));
    let notice = notice_said.as_ref().map(|(n, (text, problem))| {
        let (n, text, problem) = (*n, text.clone(), *problem);
        // A link, a file or a preset that replaced the working scenario offers it back.
        let replaced = matches!(
            n,
            Notice::SharedLinkLoaded
                | Notice::PreviousKept
                | Notice::Imported
                | Notice::PresetLoaded
                | Notice::SavedLoaded(_)
                | Notice::FromHistory
        );
        let restore = (replaced && state.previous.is_some()).then(|| {
            let dispatch = dispatch.clone();
            // The notice then says it was restored: the focus goes to it (its Dismiss).
            let onclick = Callback::from(move |_: MouseEvent| {
                dispatch.emit(Action::RestorePrevious);
                super::focus_soon("#dismiss-notice".into());
            });
            button_el!("type" = "button", "id" = "restore-previous", "class" = "link"; onclick; lang.t(T::RestorePrevious))
        });
        let dispatch = dispatch.clone();
        // The notice goes, with the focus in it: the preset it was about (a preset's notice) takes it, else
        // what follows it, the inputs (or, in an embed without them, the results). Run, at the top of the
        // results, was 4,600 px down a page zoomed to 150%, where the layout has one column, and the page
        // jumped there.
        let preset = matches!(n, Notice::PresetLoaded);
        let onclick = Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::DismissNotice);
            let first = ["button.preset.current", "#inputs", "#results"];
            let from = if preset { 0 } else { 1 };
            super::focus_first_soon(first[from..].iter().map(|s| s.to_string()).collect(), false);
        });
        // Something that went wrong is an alert in the danger colour; news (loaded, imported, restored)
        // is said politely (`said` below) in the accent colour.
        let (class, role) = if problem {
            ("notice problem", Some("alert"))
        } else {
            ("notice", None)
        };
        html! {
            // The message alone is read: its buttons' names are not read into it.
            <div {class} id="notice">
                <span {role} id="notice-text">{ text }</span>
                if let Some(restore) = restore {
                    { restore }
                }
                { button_el!("type" = "button", "id" = "dismiss-notice", "class" = "link"; onclick; lang.t(T::Dismiss)) }
            </div>
        }
    });
    // A notice of news is said as it comes (a live region that appears with it was not read out), a
    // preset's with its story: once for each new notice or load, not again when its text changes with
    // the language or the currency.
    let said = notice_said.and_then(|(n, (text, problem))| {
        let story = matches!(n, Notice::PresetLoaded)
            .then(|| state.preset.and_then(super::presets::preset))
            .flatten()
            .map(|p| format!(" {}. {}", lang.t(p.title), lang.tc(p.story)));
        (!problem).then(|| format!("{text}{}", story.unwrap_or_default()))
    });
    let kind = state.notice.as_ref().map(std::mem::discriminant);
    use_effect_with((kind, state.loads), move |_| {
        if let Some(t) = said {
            super::say(t);
        }
    });
    // While an input has a problem, Run takes the focus to the first one (its label and message are
    // then read out): nothing else would happen, and "marked in red" says nothing to a screen reader.
    let on_run = {
        let dispatch = dispatch.clone();
        let invalid = !state.problems.is_empty();
        Callback::from(move |_: MouseEvent| {
            if invalid {
                super::focus_soon("[aria-invalid=\"true\"]".into());
            } else {
                dispatch.emit(Action::Run);
            }
        })
    };
    let on_cancel = {
        let dispatch = dispatch.clone();
        let active = active.clone();
        Callback::from(move |_: MouseEvent| {
            active.set(0);
            dispatch.emit(Action::Cancel(runner::cancel()));
            // Cancel goes away with the run: focus to Run.
            super::focus_soon("#run".into());
        })
    };
    // (Only the full app has the Language select: an embed never changes its address.)
    let on_lang = on_select(&dispatch, |v| {
        let lang = Lang::from_code(v).unwrap_or_default();
        super::set_in_address("lang", lang.code());
        // Chosen here, it is the language of the next visit too (not one a link's ?lang= brought).
        storage::save(storage::LANG_KEY, lang.code());
        Some(Action::SetLang(lang))
    });
    let on_theme = on_select(&dispatch, move |v| {
        let theme = Theme::from_code(v);
        super::set_in_address("theme", theme.code());
        if persist {
            storage::save(storage::THEME_KEY, theme.code());
        }
        Some(Action::SetTheme(theme))
    });
    let theme = state.theme;
    // A typed edit's run that waits for the inputs to be valid again (`runner::start`) is no run to
    // cancel or to show progress of.
    let held_run =
        invalid && state.debounce && matches!(state.status, RunStatus::Running { done: 0, .. });
    let running = matches!(state.status, RunStatus::Running { .. }) && !held_run;
    // A run of seconds: announced once when it starts, and the downloads say they wait for it.
    let long_run = running
        && matches!(state.status, RunStatus::Running { total, .. } if total > LONG_RUN_TRIALS);
    // While a run goes on, the run bar and the status line keep the height they had when the last run
    // ended: on a phone its progress bar takes a row of its own and "Simulating…" fewer lines than the
    // result it replaces, which moved everything below at every run.
    let head = use_node_ref();
    {
        let head = head.clone();
        let kept = use_mut_ref(|| 0);
        use_effect(move || super::keep_height(&head, &kept, running, true));
    }
    // The flywheel's loop gain when it grows without limit: said in the status line and under the results.
    let runaway = super::controls::loop_gain(&state.scenario)
        .filter(|g| *g >= 1.0)
        .map(|g| (g, super::controls::sustainable_reinvest(&state.scenario)));
    // (The same mix entered as an NPS score is still the example one: compared by its shares, within
    // rounding.)
    let flywheel_assumed = {
        let example = Scenario::default_five_stage().flywheel;
        let f = &state.scenario.flywheel;
        let (a, b) = (f.customer_mix.shares(), example.customer_mix.shares());
        let same_mix = [a.0 - b.0, a.1 - b.1, a.2 - b.2]
            .iter()
            .all(|d| d.abs() < 1e-9);
        same_mix
            && crate::sim::Flywheel {
                customer_mix: example.customer_mix.clone(),
                ..f.clone()
            } == example
    };
    // A Cancel ended the last run: Run runs its seed again, and the analyses and downloads say so.
    let was_cancelled = state.status == RunStatus::Cancelled;
    // Every input is on the page: the notes under the results may say where to set one (not with an
    // embed's main inputs only, which have no Flywheel panel nor a stage's Open at the start).
    let all_inputs = embed.editable && !(embed.on && embed.main_inputs);
    // Cancelled before a trial of the current inputs finished: the results are from before the change.
    let cancelled = was_cancelled && !invalid && state.results_stale();
    let status_text = match &state.status {
        // Not running while an input has a problem: say what it waits for, not the old median.
        _ if invalid => lang.t(T::WaitingForValidInputs).to_string(),
        // The first run starts with the page: its workers load before its first trials report
        // (seconds on a slow phone, where "Not run yet." read as a press still to make).
        RunStatus::Idle => lang.t(T::Starting).to_string(),
        RunStatus::Running { done, total } => format!(
            "{} {} / {} {}{}",
            lang.t(T::Running),
            lang.number(*done as f64, 0),
            lang.number(*total as f64, 0),
            lang.t(T::TrialsDone),
            super::runner::time_left_ms(*done, *total)
                .filter(|ms| *ms >= 5000.0)
                .map(|ms| format!(" · {}", time_left(lang, ms)))
                .unwrap_or_default()
        ),
        RunStatus::Done => match &state.result {
            // A flywheel without limit: its numbers say little, and the line says so where they are read.
            Some(r) if runaway.is_some() => {
                format!("{} {}", summary_sentence(lang, r), lang.t(T::RunawayShort))
            }
            Some(r) => summary_sentence(lang, r),
            None => String::new(),
        },
        // How many trials the results on screen cover: "…so far: 22,500 of 1,000,000."
        RunStatus::Cancelled => match &state.result {
            _ if cancelled => lang.t(T::CancelledBefore).to_string(),
            Some(r) if r.trials_done < r.trials_total => format!(
                "{} {} {} {}.",
                lang.t(T::CancelledAfter),
                lang.number(r.trials_done as f64, 0),
                lang.t(T::Of),
                lang.number(r.trials_total as f64, 0)
            ),
            _ => lang.t(T::Cancelled).to_string(),
        },
        RunStatus::Failed(msg) => format!("{} {msg}", lang.t(T::RunFailed)),
    };
    let progress = match state.status {
        RunStatus::Running { done, total } if total > 0 && running => Some((done, total)),
        _ => None,
    };

    // For keyboard users: past the inputs (more than a hundred stops) to the results, in the full app
    // and in an editable embed (a blog's reader needed 118 presses of Tab to reach Rerun).
    // (Focused by a handler: following "#results" would put a fragment in the address, where the app
    // reads shared links, and would not move the focus in every browser.)
    let skip = html! {
        <a href="#results" class="skip-link" onclick={Callback::from(|e: MouseEvent| {
            e.prevent_default();
            super::focus_soon_at("#results".into(), true);
        })}>{ lang.t(T::SkipToResults) }</a>
    };
    html! {
        <div class={classes!("app", embed.on.then_some("embedded"))} lang={lang.code()}>
            if embed.on {
                <div class="embed-bar">
                    if embed.editable { { skip.clone() } }
                    // The frame's page heading (a page needs a level-one heading), at the bar's size.
                    { text_el!("h1", "class" = "embed-title"; lang.t(T::AppTitle)) }
                    <span class="embed-actions">
                    // An editable embed keeps its reader's edits over reloads: this drops them and
                    // opens the author's scenario again (a reader had no way back but a new tab).
                    if let Some(store) = (*embed_store).clone() {
                        <button type="button" id="embed-reset" class="link" onclick={Callback::from(move |_: MouseEvent| {
                            store.clear();
                            store.save(storage::EMBED_RESET_KEY, "1");
                            if let Some(w) = web_sys::window() {
                                let _ = w.location().reload();
                            }
                        })}>{ lang.t(T::EmbedReset) }</button>
                    }
                    // While an input has a problem it would open the last valid scenario, not what is
                    // typed: no link until it is fixed (the status line says what is wrong).
                    // The arrow is seen, not read out; a screen reader hears that a new tab opens.
                    if invalid {
                        <a class="disabled" aria-disabled="true" title={lang.t(T::FixInputsFirst)}>{ lang.t(T::OpenInFunnelLab) }{ text_el!("span", "aria-hidden" = "true"; " ↗") }</a>
                    } else {
                        <a href={(*open_url).clone().unwrap_or_default()} target="_blank" rel="noopener">
                            { lang.t(T::OpenInFunnelLab) }{ text_el!("span", "aria-hidden" = "true"; " ↗") }
                            { text_el!("span", "class" = "visually-hidden"; lang.t(T::OpensNewTab)) }
                        </a>
                    }
                    </span>
                </div>
            } else {
            <header class="app-header">
                { skip }
                <div>
                    { text_el!("h1"; lang.t(T::AppTitle)) }
                    { text_el!("p"; lang.t(T::Tagline)) }
                    // A printout says which scenario it is (on screen, the page's title and the Saved
                    // panel do).
                    { el!("p", "id" = "print-scenario", "class" = "print-only"; format!("Scenario: {}", shown.name)) }
                </div>
                <div class="header-switches">
                <Tour {lang} />
                <div class="field lang-switch">
                    { text_el!("label", "for" = "theme"; lang.t(T::Theme)) }
                    <select id="theme" onchange={on_theme}>
                        { super::option_el("auto", theme == Theme::Auto, lang.t(T::ThemeAuto)) }
                        { super::option_el("light", theme == Theme::Light, lang.t(T::ThemeLight)) }
                        { super::option_el("dark", theme == Theme::Dark, lang.t(T::ThemeDark)) }
                    </select>
                </div>
                <div class="field lang-switch">
                    { text_el!("label", "for" = "lang"; lang.t(T::Language)) }
                    <select id="lang" onchange={on_lang}>
                        { super::option_el("en", lang == Lang::En, "English") }
                        { super::option_el("nl", lang == Lang::Nl, "Nederlands") }
                    </select>
                </div>
                </div>
            </header>
            }
            if !import_notice { { for notice.clone() } }
            <div class={classes!("layout", (!embed.editable).then_some("results-only"))}>
                if embed.editable {
                <section class="controls" id="inputs" tabindex="-1" aria-label={lang.t(T::Inputs)}>
                    if !embed.on {
                        { super::controls::jump_nav(lang) }
                        <PresetPanel state={state.clone()} dispatch={dispatch.clone()} />
                        <SavedPanel state={state.clone()} dispatch={dispatch.clone()} />
                    }
                    if embed.on && embed.main_inputs {
                        <MainInputs state={state.clone()} dispatch={dispatch.clone()} />
                    } else {
                        <StageEditor state={state.clone()} dispatch={dispatch.clone()} />
                        <GeneralControls state={state.clone()} dispatch={dispatch.clone()} />
                        <FlywheelControls state={state.clone()} dispatch={dispatch.clone()} />
                        <SegmentEditor state={state.clone()} dispatch={dispatch.clone()} />
                    }
                    if !embed.on {
                        <LearnPanel {lang} />
                    }
                </section>
                }
                <section class="results" id="results" tabindex="-1" aria-label={lang.t(T::Results)}>
                    // For a screen reader's heading navigation (the results are seen, not titled).
                    { text_el!("h2", "class" = "visually-hidden"; lang.t(T::Results)) }
                    // An embed of a teaching preset tells its story above the numbers, as the full
                    // app's preset panel does.
                    if embed.on {
                        { for super::controls::preset_story(state.preset, lang, embed.editable) }
                    }
                    <div class="run-head" ref={head}>
                    <div class="run-bar">
                        { button_el!("id" = "run", "type" = "button"; on_run; lang.t(if was_cancelled { T::RunSameSeed } else { T::Run })) }
                        if running {
                            // When the run ends while it has the focus, the focus goes to Run (js/focus-rescue.js).
                            { button_el!("id" = "cancel", "type" = "button", "class" = "secondary", "data-focus-rescue" = "run"; on_cancel; lang.t(T::Cancel)) }
                        }
                        if let Some((done, total)) = progress {
                            <progress max={total.to_string()} value={done.to_string()} aria-label={lang.t(T::Progress)}></progress>
                        }
                        { button_el!("type" = "button", "id" = "back-to-input", "class" = "secondary"; Callback::noop(); lang.t(T::BackToInput)) }
                    </div>
                    // Shown as it changes; announced (in a polite live region) only when a run has ended,
                    // not at every progress step or re-run while typing, and once when a long run (of
                    // seconds) starts. The shown line is not read a second time when browsing.
                    { el!("p", "id" = "status", "class" = "status", "aria-hidden" = "true"; status_text.clone()) }
                    </div>
                    { el!("p", "id" = "announce", "role" = "status", "class" = "visually-hidden"; match state.status {
                        _ if long_run => lang.t(T::Running).to_string(),
                        RunStatus::Running { .. } if running => String::new(),
                        _ => status_text.clone(),
                    }) }
                    // A copy of the line, which js/live-bar.js shows at the foot of a one-column page while
                    // the line itself is below the window (the inputs are being edited). Not read out: the
                    // line above is.
                    // (With the runaway flywheel's sentence in a few words: the whole made the bar five
                    // lines high on a phone, and the line itself keeps it.)
                    // Its button (for a pointer: the keyboard has the skip link) jumps to the results, and
                    // "Back to your input" in the run bar back to the field (js/live-bar.js): at 150% zoom the
                    // funnel chart was ten screens below the rates.
                    <p class="live-mini" aria-hidden="true">
                        // First, so that it floats at the right of the first line.
                        { button_el!("type" = "button", "class" = "link live-jump", "tabindex" = "-1"; Callback::noop(); lang.t(T::SeeResults)) }
                        { if invalid { lang.t(T::WaitingShort).to_string() } else {
                            match status_text.strip_suffix(lang.t(T::RunawayShort)) {
                                Some(rest) => format!("{} {}", rest.trim_end(), lang.t(T::RunawayTiny)),
                                None => status_text.clone(),
                            }
                        } }
                    </p>
                    if embed.flow {
                        // Greyed with the results while the inputs have a problem: it plays the last
                        // valid scenario.
                        <div class={classes!("part", invalid.then_some("stale"))}>
                            <FlowView scenario={state.scenario.clone()} {lang} />
                        </div>
                    }
                    if let Some(result) = &state.result {
                        <Results narrow={*narrow} result={result.clone()} {lang} stale={state.results_stale()} {invalid} {cancelled}
                            {runaway} {flywheel_assumed} editable={all_inputs}
                            funnel_assumed={funnel_assumed(lang, &state.scenario, all_inputs, state.preset.is_none()).map(AttrValue::from)}
                            base={state.scenario.flywheel.customers_at_start > 0} />
                    }
                    if !embed.on {
                        <SharePanel scenario={shown.clone()} result={state.result.clone().filter(|_| !state.results_stale())} {lang} dispatch={dispatch.clone()} preset={state.shared_preset()} target={state.target_asked.clone()} compare={state.compare_asked.clone()} answers={(*answers).clone()}
                            import_notice={if import_notice { notice.clone() } else { None }} {invalid}
                            cancelled={was_cancelled} {long_run} />
                    }
                    if embed.analyses {
                        <div class={classes!("part", invalid.then_some("stale"))}>
                            <Analyses scenario={state.scenario.clone()} saved={state.saved.clone()}
                                ready={matches!(state.status, RunStatus::Done) && !state.results_stale()}
                                cancelled={was_cancelled}
                                compare={!embed.on || embed.editable} {invalid} embedded={embed.on} narrow={*narrow}
                                target_link={state.target_link.clone()} compare_link={state.compare_link.clone()} answers={(*answers).clone()} {lang} dispatch={dispatch.clone()} />
                        </div>
                    }
                </section>
            </div>
        </div>
    }
}

/// "months" or "weeks" (`week`); with `one`, "month" or "week" (after 1).
pub fn period_word(lang: Lang, week: bool, one: bool) -> &'static str {
    lang.t(match (week, one) {
        (true, false) => T::Weeks,
        (true, true) => T::Week1,
        (false, false) => T::Months,
        (false, true) => T::Month1,
    })
}

/// The working scenario, the saved list and the language that [`AppState::shown_scenario`] was made
/// from, and what it made.
type ShownCache = (
    Rc<Scenario>,
    Rc<Vec<super::state::SavedScenario>>,
    Lang,
    Rc<Scenario>,
);

/// What the funnel's results rest on that the user may not have entered (a Dutch sales manager's
/// chance of a revenue target went from 16% to 85% with her own delays): when the funnel starts
/// empty, that the stages' delays keep every lead from buying in the first periods, one per stage
/// with a delay (a converting lead moves on at the earliest in the period after it arrived), and
/// whether those delays are the example ones; and when the fixed budget is the example one, that
/// the spend includes it. `None` when neither applies. `editable`: say where leads under way go.
pub fn funnel_assumed(
    lang: Lang,
    s: &Scenario,
    editable: bool,
    from_example: bool,
) -> Option<String> {
    let example = Scenario::default_five_stage();
    let week = s.period_unit == crate::sim::PeriodUnit::Week;
    let periods = |n: f64, decimals: usize| {
        format!(
            "{} {}",
            lang.number(n, decimals),
            period_word(lang, week, n == 1.0)
        )
    };
    let mut parts = Vec::new();
    let empty = s.stages.iter().all(|st| st.open == 0);
    let delayed = s.stages.iter().filter(|st| st.delay > 0.0).count();
    if empty && delayed > 0 {
        let total: f64 = s.stages.iter().map(|st| st.delay).sum();
        let decimals = if total.fract() == 0.0 { 0 } else { 1 };
        let (sum, first) = (periods(total, decimals), delayed as f64);
        parts.push(match lang {
            Lang::En => format!(
                "The funnel starts empty and the stages' delays add up to {sum} on average, so no lead becomes a customer in the first {}.",
                if delayed == 1 { period_word(lang, week, true).to_string() } else { periods(first, 0) }
            ),
            Lang::Nl => format!(
                "De trechter begint leeg en de vertragingen van de fasen tellen op tot gemiddeld {sum}, dus in de eerste {} wordt geen enkele lead klant.",
                if delayed == 1 { period_word(lang, week, true).to_string() } else { periods(first, 0) }
            ),
        });
        // The example's delays in their order, whatever stages without a delay were added or
        // removed (a founder removed the last stage, which has none, and the sentence went).
        let delays = |stages: &[crate::sim::Stage]| {
            stages
                .iter()
                .map(|st| st.delay)
                .filter(|&d| d > 0.0)
                .collect::<Vec<_>>()
        };
        if delays(&s.stages) == delays(&example.stages) {
            parts.push(lang.t(T::ExampleDelays).to_string());
        }
        if editable {
            parts.push(lang.t(T::OpenAtStartHint).to_string());
        }
    }
    // Stages left at the example's rate (by position or name) while others have rates of their own:
    // a planner's counts for four steps, the fifth still at its example 85% (15% fewer customers).
    // Not in a preset (`from_example` false), whose other rates are the example's by design.
    let same_rate = |(i, st): (usize, &crate::sim::Stage)| {
        example
            .stages
            .iter()
            .enumerate()
            .any(|(j, ex)| (j == i || ex.name == st.name) && ex.rate == st.rate)
    };
    let (kept, own): (Vec<_>, Vec<_>) = s.stages.iter().enumerate().partition(|x| same_rate(*x));
    if from_example && !kept.is_empty() && !own.is_empty() {
        let and = match lang {
            Lang::En => " and ",
            Lang::Nl => " en ",
        };
        let list = |f: &dyn Fn(&crate::sim::Stage) -> String| {
            let items: Vec<String> = kept.iter().map(|(_, st)| f(st)).collect();
            match items.split_last() {
                Some((last, rest)) if !rest.is_empty() => format!("{}{and}{last}", rest.join(", ")),
                _ => items.concat(),
            }
        };
        let names = list(&|st| st.name.trim().to_string());
        // Counts as counts ("45 of 100", not their estimate's 45.1%).
        let rates = list(&|st| match st.rate {
            crate::sim::Rate::Observed { successes, trials } => {
                let of = if lang == Lang::En { "of" } else { "van" };
                format!(
                    "{} {of} {}",
                    lang.number(successes as f64, 0),
                    lang.number(trials as f64, 0)
                )
            }
            _ => format!("{}%", lang.number(st.rate.mean() * 100.0, 1)),
        });
        parts.push(match (lang, kept.len() == 1) {
            (Lang::En, true) => format!("{names} still has the example's rate, {rates}."),
            (Lang::En, false) => format!("{names} still have the example's rates, {rates}."),
            (Lang::Nl, true) => format!("{names} heeft nog het voorbeeldpercentage, {rates}."),
            (Lang::Nl, false) => format!("{names} hebben nog de voorbeeldpercentages, {rates}."),
        });
    }
    // The example's growth of new leads, once their number is her own (it added 10% to 24 months).
    let growth = s.arrivals.growth;
    if growth != 0.0
        && growth == example.arrivals.growth
        && s.arrivals.mean != example.arrivals.mean
    {
        let (g, per) = (
            lang.number(growth * 100.0, 1),
            period_word(lang, week, true),
        );
        parts.push(match lang {
            Lang::En => format!("New leads grow by the example's {g}% per {per}."),
            Lang::Nl => {
                format!("Het aantal nieuwe leads groeit met de voorbeeldwaarde van {g}% per {per}.")
            }
        });
    }
    let budget = s.economics.fixed_budget_per_period;
    if budget > 0.0 && budget == example.economics.fixed_budget_per_period {
        let per = period_word(lang, week, true);
        parts.push(match lang {
            Lang::En => format!(
                "The spend includes an example fixed budget of {} per {per}.",
                lang.money(budget)
            ),
            Lang::Nl => format!(
                "De uitgaven bevatten een vast voorbeeldbudget van {} per {per}.",
                lang.money(budget)
            ),
        });
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A notice's text, and whether it tells of something that went wrong (an alert).
fn notice_text(lang: Lang, n: &Notice, embedded: bool, state: &AppState) -> (String, bool) {
    let (what, why) = match n {
        Notice::StoredScenarioReset(why) => (T::StoredScenarioReset, Some(why)),
        Notice::SavedScenariosReset(why) => (T::SavedScenariosReset, Some(why)),
        Notice::SharedLinkInvalid(why) if embedded => (T::EmbedLinkInvalid, Some(why)),
        Notice::SharedLinkInvalid(why) => (T::SharedLinkInvalid, Some(why)),
        Notice::SharedLinkLoaded => (T::SharedLinkLoaded, None),
        Notice::SharedLinkOpened => (T::SharedLinkOpened, None),
        Notice::PreviousKept => (T::PreviousKept, None),
        Notice::PresetLoaded => (T::PresetLoaded, None),
        Notice::SavedLoaded(_) => (T::SavedLoaded, None),
        Notice::Restored => (T::Restored, None),
        Notice::FromHistory => (T::FromHistory, None),
        Notice::ImportFailed(why) => (T::ImportFailed, Some(why)),
        Notice::Imported => (T::Imported, None),
        Notice::NotKept => (T::NotKept, None),
    };
    let mut text = match (n, why) {
        (Notice::SavedLoaded(name), _) => format!("{} “{name}”.", lang.t(what)),
        (_, Some(why)) => format!("{} ({why})", lang.t(what)),
        (_, None) => lang.t(what).to_string(),
    };
    // A link's comparison: where it is, and what its other scenario was saved as.
    if let (Notice::SharedLinkLoaded | Notice::SharedLinkOpened, Some((_, name, _))) =
        (n, &state.compare_link)
    {
        text = format!("{text} {} “{name}”.", lang.t(T::SharedCompareSaved));
    }
    (text, why.is_some() || matches!(n, Notice::NotKept))
}

/// "Median customers won after 24 months: funnel 1,234 (90% interval 1,100–1,380); flywheel …. Median
/// revenue: Funnel €289,200; Flywheel €344,400."
pub fn summary_sentence(lang: Lang, r: &RunResult) -> String {
    let part = |label: T, s: &crate::sim::Summary| {
        format!(
            "{} {} ({} {}–{})",
            lang.t(label),
            lang.number(s.p50, 0),
            lang.t(T::Interval90),
            lang.number(s.p5, 0),
            lang.number(s.p95, 0)
        )
    };
    let customers = format!(
        "{} {} {} {}: {}; {}.",
        lang.t(T::MedianCustomers),
        lang.t(T::After),
        r.periods,
        period_word(lang, r.period_unit == "week", r.periods == 1),
        part(T::Funnel, &r.funnel.final_customers),
        part(T::Flywheel, &r.flywheel.final_customers)
    );
    // The revenue too, which a planner reads first and which sat below the window's foot on a laptop;
    // not when nothing is sold for money (a teacher's funnel without a revenue per purchase).
    let (f, y) = (&r.funnel.final_revenue, &r.flywheel.final_revenue);
    if f.p95 <= 0.0 && y.p95 <= 0.0 {
        return customers;
    }
    format!(
        "{customers} {}: {} {}; {} {}.",
        lang.t(T::MedianRevenue),
        lang.t(T::Funnel),
        lang.money(f.p50),
        lang.t(T::Flywheel),
        lang.money(y.p50)
    )
}

/// "about 40 s left", "about 6 min left": seconds to the nearest 5 below 90 s, else minutes.
fn time_left(lang: Lang, ms: f64) -> String {
    let s = ms / 1000.0;
    let (n, unit) = if s < 90.0 {
        ((s / 5.0).round().max(1.0) * 5.0, "s")
    } else {
        ((s / 60.0).round(), "min")
    };
    format!(
        "{} {} {unit} {}",
        lang.t(T::TimeLeftBefore),
        lang.number(n, 0),
        lang.t(T::TimeLeftAfter)
    )
}

/// "Spend over the horizon (leads × cost per lead, plus the fixed budget), on average: Funnel €322,300 (€1,310 per customer); Flywheel …": what the
/// leads and the budget cost (the means of the periods' spend, exact) and what a customer cost.
pub fn spend_sentence(lang: Lang, r: &RunResult) -> String {
    let spend = |m: &crate::sim::ModelResult| m.spend.mean.iter().sum::<f64>();
    let part = |label: T, m: &crate::sim::ModelResult| {
        let spend = spend(m);
        let customers = m.final_customers.mean;
        let each = if customers > 0.0 {
            format!(
                " ({} {})",
                lang.money((spend / customers).round()),
                lang.t(T::PerCustomer)
            )
        } else {
            String::new()
        };
        format!("{} {}{each}", lang.t(label), lang.money(spend))
    };
    // And what is left of the revenue: the mean of revenue minus spend (exact: a fixed-point sum).
    let left = |label: T, m: &crate::sim::ModelResult| {
        format!("{} {}", lang.t(label), lang.money(m.final_net.mean.round()))
    };
    format!(
        "{} {}; {}. {} {}; {}.",
        lang.t(T::SpendOnAverage),
        part(T::Funnel, &r.funnel),
        part(T::Flywheel, &r.flywheel),
        lang.t(T::ProfitOnAverage),
        left(T::Funnel, &r.funnel),
        left(T::Flywheel, &r.flywheel)
    )
}

#[derive(Properties)]
pub struct ResultsProps {
    pub result: Rc<RunResult>,
    pub lang: Lang,
    /// The currency amounts are shown in (see [`super::i18n::currency`]).
    #[prop_or_else(super::i18n::currency)]
    pub currency: crate::sim::Currency,
    /// The results belong to earlier inputs (a run for the current ones is pending or going, or the inputs
    /// are invalid): drawn greyed.
    pub stale: bool,
    /// The inputs are invalid, so no run for them will come: the results say so in a line of their own.
    /// (While a run is coming, the status line above says so, and an extra line would make the charts jump
    /// down and back up on every click on Run.)
    pub invalid: bool,
    /// The run for the current inputs was cancelled before any of its trials finished: the results
    /// are from before the last change, and say so in that line.
    #[prop_or_default]
    pub cancelled: bool,
    /// A narrow results column: charts drawn [`super::charts::NARROW_W`] units wide.
    pub narrow: bool,
    /// The flywheel's loop gain when it is 1 or more (`controls::loop_gain`): the flywheel then grows
    /// without limit, and the results say so beside its numbers, as the Flywheel panel does.
    /// With the share of revenue reinvested below which it levels off, if there is one.
    #[prop_or_default]
    pub runaway: Option<(f64, Option<f64>)>,
    /// The flywheel settings are the example ones (the default scenario's): the results say that
    /// its figures rest on them, not on the user's data.
    #[prop_or_default]
    pub flywheel_assumed: bool,
    /// [`funnel_assumed`]: the empty start and the delays, the example budget.
    #[prop_or_default]
    pub funnel_assumed: Option<AttrValue>,
    /// The reader can change the inputs (not in an embed without them): the notes then say what to
    /// change.
    #[prop_or(true)]
    pub editable: bool,
    /// The flywheel starts with customers (which the funnel does not have).
    #[prop_or_default]
    pub base: bool,
}

impl PartialEq for ResultsProps {
    fn eq(&self, other: &Self) -> bool {
        // Results are shared by pointer: a new run publishes a new Rc.
        Rc::ptr_eq(&self.result, &other.result)
            && self.lang == other.lang
            && self.currency == other.currency
            && self.stale == other.stale
            && self.invalid == other.invalid
            && self.cancelled == other.cancelled
            && self.narrow == other.narrow
            && self.runaway == other.runaway
            && self.flywheel_assumed == other.flywheel_assumed
            && self.funnel_assumed == other.funnel_assumed
            && self.editable == other.editable
    }
}

/// All result charts of one run.
#[function_component(Results)]
pub fn results(p: &ResultsProps) -> Html {
    let r = &p.result;
    let lang = p.lang;
    let narrow = p.narrow;
    // The histograms show one model at a time: the funnel, or the flywheel.
    let fly = use_state(|| false);
    let on_model = select_into(&fly, |v| v == "flywheel");
    let (m, class, titles) = if *fly {
        (
            &r.flywheel,
            "flywheel",
            (T::FinalCustomersHistogramFly, T::FinalRevenueHistogramFly),
        )
    } else {
        (
            &r.funnel,
            "funnel",
            (T::FinalCustomersHistogram, T::FinalRevenueHistogram),
        )
    };
    let x_label = format!(
        "{} ({})",
        lang.t(T::Period),
        period_word(lang, r.period_unit == "week", false)
    );
    // Funnel and flywheel side by side for one per-period quantity.
    let both = |pick: fn(&crate::sim::ModelResult) -> &Bands| {
        Rc::new(vec![
            FanSeries {
                label: lang.t(T::Funnel).into(),
                class: "funnel",
                bands: pick(&r.funnel).clone(),
            },
            FanSeries {
                label: lang.t(T::Flywheel).into(),
                class: "flywheel",
                bands: pick(&r.flywheel).clone(),
            },
        ])
    };
    let customers = both(|m| &m.cumulative_customers);
    // Without referrals or reinvestment the flywheel wins exactly the funnel's customers: its line and
    // bands then cover the funnel's, which seems to be missing unless that is said.
    let same_customers = r.flywheel.cumulative_customers == r.funnel.cumulative_customers;
    // (Its revenue then differs from the funnel's by its repeat purchases alone.)
    let repeat_revenue = r.flywheel.cumulative_revenue != r.funnel.cumulative_revenue;
    let revenue = both(|m| &m.cumulative_revenue);
    // Customers still active per period, where they differ from the customers won (churn, or customers
    // at the start): a subscription's paying customers. The funnel keeps every customer it wins.
    let active_differs = r.flywheel.active_customers != r.flywheel.cumulative_customers;
    let active = active_differs.then(|| both(|m| &m.active_customers));
    let pipeline_series = Rc::new(vec![FanSeries {
        label: lang.t(T::SimulatedFunnel).into(),
        class: "funnel",
        bands: r.funnel.cumulative_revenue.clone(),
    }]);
    // With leads open at the start, what they weigh then (the dotted line starts after the first
    // period, with that period's new leads in it).
    let pipeline_caption = AttrValue::from(if r.pipeline.start_value > 0.0 {
        format!(
            "{} {} {}.",
            lang.t(T::PipelineExplain),
            lang.t(T::PipelineStart),
            lang.money_in(r.pipeline.start_value, r.pipeline.start_value >= 100.0)
        )
    } else {
        lang.t(T::PipelineExplain).to_string()
    });
    let pipeline_lines = Rc::new(vec![
        ChartLine {
            label: lang.t(T::PipelineForecast).into(),
            class: "forecast",
            values: r.pipeline.expected_cumulative_revenue.clone(),
        },
        ChartLine {
            label: lang.t(T::PipelineWeighted).into(),
            class: "pipeline",
            values: r.pipeline.weighted_value.clone(),
        },
    ]);
    // The core counts periods from 0; the charts' x axis from 1. The customers' crossing is the first
    // period in which the flywheel has more cumulative customers (its revenue can pull ahead earlier,
    // from repeat purchases); on the chart of revenue minus spend, the marker is the first period from
    // which it stays ahead there (`net_ahead`).
    let period_word = lang.t(if r.period_unit == "week" {
        T::Week1
    } else {
        T::Month1
    });
    // "Flywheel ahead by month 5 (in half the futures; by the end in 97% of them)": the median
    // first period, and the share of futures in which it gets there at all.
    let marker_of = |lead: T, c: &crate::sim::Crossing| {
        c.median_period.map(|period| {
            (
                period + 1,
                AttrValue::from(format!(
                    "{} {period_word} {} ({} {} {})",
                    lang.t(lead),
                    period + 1,
                    lang.t(T::InHalfTheFutures),
                    lang.chance(c.probability, 0),
                    lang.t(T::OfThem),
                )),
            )
        })
    };
    // Once ahead in customers the flywheel stays ahead (its customers are the funnel's plus those
    // the loop adds).
    let marker = marker_of(T::Crossover, &r.crossing);
    // Revenue minus spend: the two models' averages, and from when the flywheel stays ahead on it
    // (which, unlike customers, it can lose: its reinvestment is spent before its leads buy).
    let net_lines = Rc::new(vec![
        ChartLine {
            label: lang.t(T::FunnelAverage).into(),
            class: "funnel",
            values: r.funnel.net_mean.clone(),
        },
        ChartLine {
            label: lang.t(T::FlywheelAverage).into(),
            class: "flywheel",
            values: r.flywheel.net_mean.clone(),
        },
    ]);
    let net_marker = marker_of(T::NetAhead, &r.net_ahead);
    // What the lines are, then what the marker says (or why there is none), and the customers at
    // the start, which only the flywheel has.
    let net_caption = {
        let mut c = lang.tc(T::NetCaption);
        let mut add = |text: &str| {
            c.push(' ');
            c.push_str(text);
        };
        if r.flywheel.net_mean == r.funnel.net_mean {
            add(lang.t(T::NetCoincide));
        } else {
            if net_marker.is_some() {
                add(lang.t(T::NetMarkerNote));
            } else if r.net_ahead.probability == 0.0 {
                add(lang.t(T::NetNever));
            } else {
                add(&format!(
                    "{} {} {}",
                    lang.t(T::NetRare),
                    lang.chance(r.net_ahead.probability, 0),
                    lang.t(T::NetRareEnd)
                ));
                if r.flywheel.final_net.mean > r.funnel.final_net.mean {
                    add(lang.t(T::NetRareHigher));
                }
            }
            if p.base {
                add(lang.t(T::NetBase));
            }
        }
        AttrValue::from(c)
    };
    let stages = Rc::new(
        r.funnel
            .stages
            .iter()
            .map(|s| FunnelBar {
                name: s.name.clone(),
                entered: s.entered.clone(),
                went_on: s.conversion,
            })
            .collect::<Vec<_>>(),
    );
    // With churn, the flywheel's customers still active at the end (its last period's band): what churn
    // takes away, which the cumulative customers above never show.
    let active_fly = {
        let a = &r.flywheel.active_customers;
        let last = |v: &[f64]| v.last().copied().unwrap_or(0.0);
        active_differs.then(|| crate::sim::Summary {
            p5: last(&a.p5),
            p50: last(&a.p50),
            p95: last(&a.p95),
            mean: last(&a.mean),
            ..Default::default()
        })
    };
    // Trials held at the engine's count limit: the flywheel's count holds the funnel's too (the engine
    // flags a flywheel trial whenever its funnel's arrivals reach the limit).
    let capped = r.flywheel.capped_trials;
    let summary_row = |label: T, s: &crate::sim::Summary, money: bool| {
        // In a narrow column amounts are short ("€289.2k", "€1.5M"), so that p5, the median and p95
        // fit on a phone (the mean, last, may scroll); in a row with one, every amount from a thousand
        // up ("€6k", not "€6,000" beside "€16.8k").
        let big = |v: f64| v.abs() >= if money { 1e4 } else { 1e6 };
        let short_row = narrow && [s.p5, s.p50, s.p95, s.mean].into_iter().any(big);
        let whole = [s.p5, s.p50, s.p95, s.mean]
            .iter()
            .any(|v| v.abs() >= 100.0);
        let full = |v: f64| {
            if money {
                lang.money_in(v, whole)
            } else {
                lang.count(v)
            }
        };
        // A short amount is shown, and the whole one is what a screen reader says: "€ 289,2k" was
        // read as "euro 289 comma 2 k".
        let f = |v: f64| {
            if short_row && v.abs() >= 1e3 {
                html! {
                    <td>
                        { el!("span", "aria-hidden" = "true"; lang.short(v, money)) }
                        { el!("span", "class" = "visually-hidden"; full(v)) }
                    </td>
                }
            } else {
                el!("td"; full(v))
            }
        };
        // A mean of customers below 10 with its decimals: a small funnel's 0.49 was "0", beside a mean
        // revenue of €589 and a cost per customer won that only 0.49 gives.
        let mean = if money || s.mean.abs() >= 10.0 {
            f(s.mean)
        } else {
            el!("td"; super::charts::small_number(lang, s.mean, 1.0))
        };
        html! {
            <tr>{ el!("th", "scope" = "row"; lang.t(label)) }{ f(s.p5) }{ f(s.p50) }{ f(s.p95) }{ mean }</tr>
        }
    };
    html! {
        <div class={classes!("result-panels", p.stale.then_some("stale"))} aria-busy={p.stale.to_string()}>
            if p.invalid || p.cancelled {
                { text_el!("p", "id" = "stale-label", "class" = "stale-label"; lang.t(if p.invalid { T::StaleResults } else { T::StaleCancelled })) }
            }
            <div class="table-wrap" tabindex="0" role="region" aria-label={lang.t(T::FinalValues)} aria-describedby="percentile-note">
            <table class="summary" id="summary">
                // Its caption a heading, as the charts' titles are: heading keys reach the table.
                { el!("caption"; text_el!("h3"; lang.t(T::FinalValues))) }
                <thead><tr>
                    // p5, median, p95 first: what a phone shows without scrolling; the mean last.
                    { text_el!("th", "scope" = "col"; lang.t(T::Quantity)) }<th scope="col">{ "p5" }</th>
                    { text_el!("th", "scope" = "col"; lang.t(T::Median)) }<th scope="col">{ "p95" }</th>
                    // "Gem." in Dutch: "Gemiddelde" made the table 20 px wider than a phone's card
                    // (said in full: a screen reader spelt the abbreviation out).
                    <th scope="col">
                        if lang == Lang::Nl {
                            <abbr title={lang.t(T::Mean)} aria-hidden="true">{ lang.t(T::MeanShort) }</abbr>
                            { text_el!("span", "class" = "visually-hidden"; lang.t(T::Mean)) }
                        } else { { lang.t(T::Mean) } }
                    </th>
                </tr></thead>
                <tbody>
                    { summary_row(T::FunnelCustomers, &r.funnel.final_customers, false) }
                    { summary_row(T::FlywheelCustomers, &r.flywheel.final_customers, false) }
                    if let Some(active) = &active_fly {
                        { summary_row(T::FlywheelActive, active, false) }
                    }
                    { summary_row(T::FunnelRevenue, &r.funnel.final_revenue, true) }
                    { summary_row(T::FlywheelRevenue, &r.flywheel.final_revenue, true) }
                    { summary_row(T::FunnelProfit, &r.funnel.final_net, true) }
                    { summary_row(T::FlywheelProfit, &r.flywheel.final_net, true) }
                </tbody>
            </table>
            </div>
            { text_el!("p", "id" = "percentile-note", "class" = "hint"; lang.t(T::PercentileNote)) }
            if let Some((g, limit)) = p.runaway {
                { el!("p", "id" = "runaway-note", "class" = "hint warning"; super::controls::runaway_text(lang, g, limit, p.editable)) }
            }
            if let Some(text) = &p.funnel_assumed {
                { el!("p", "id" = "funnel-assumed", "class" = "hint"; text.clone()) }
            }
            if p.flywheel_assumed {
                { el!("p", "id" = "flywheel-assumed", "class" = "hint"; format!("{}{} {}",
                    lang.t(T::FlywheelAssumed),
                    if p.editable { lang.t(T::FlywheelAssumedYours) } else { "." },
                    lang.t(T::FlywheelAtZero))) }
            }
            { el!("p", "id" = "spend-note", "class" = "hint"; spend_sentence(lang, r)) }
            if capped > 0 {
                { el!("p", "id" = "capped-note", "class" = "hint warning";
                    format!("In {} {}", lang.chance(capped as f64 / r.trials_done.max(1) as f64, 1), lang.t(T::CappedAfter))) }
            }
            if !r.funnel.segments.is_empty() {
                { segment_table(r, lang) }
            }
            <FunnelChart id="funnel-chart" title={lang.t(T::FunnelChartTitle)} {stages} {lang} {narrow} />
            <FanChart id="customers-chart" title={lang.t(T::CustomersOverTime)} x_label={x_label.clone()}
                y_label={lang.t(T::Customers)} series={customers} money={false} {lang} {marker} {narrow}
                caption={same_customers.then(|| AttrValue::from(if repeat_revenue {
                    format!("{} {}", lang.t(T::LinesCoincide), lang.t(T::RepeatInRevenue))
                } else {
                    lang.t(T::LinesCoincide).to_string()
                }))} />
            if let Some(series) = active {
                <FanChart id="active-chart" title={lang.t(T::ActiveOverTime)} x_label={x_label.clone()}
                    y_label={lang.t(T::Customers)} {series} money={false} {lang} {narrow}
                    caption={AttrValue::from(lang.t(T::ActiveCaption))} />
            }
            <FanChart id="revenue-chart" title={lang.t(T::RevenueOverTime)} x_label={x_label.clone()}
                y_label={lang.tc(T::RevenueEur)} series={revenue} money={true} {lang} {narrow} />
            <FanChart id="net-chart" title={lang.t(T::NetOverTime)} x_label={x_label.clone()}
                y_label={lang.tc(T::NetEur)} series={Rc::new(Vec::new())} money={true} {lang} {narrow}
                lines={net_lines} marker={net_marker} caption={net_caption} />
            <FanChart id="pipeline-chart" title={lang.t(T::PipelineTitle)} x_label={x_label.clone()}
                y_label={lang.tc(T::RevenueEur)} series={pipeline_series} money={true} {lang}
                lines={pipeline_lines} caption={pipeline_caption} {narrow} />
            <div class="field histogram-model">
                { text_el!("label", "for" = "histogram-model"; lang.t(T::HistogramModel)) }
                <select id="histogram-model" onchange={on_model}>
                    { super::option_el("funnel", !*fly, lang.t(T::Funnel)) }
                    { super::option_el("flywheel", *fly, lang.t(T::Flywheel)) }
                </select>
            </div>
            <HistogramChart id="customers-histogram" title={lang.t(titles.0)}
                x_label={lang.t(T::Customers)} histogram={m.customers_histogram.clone()}
                summary={m.final_customers.clone()} money={false} {lang} class={class} {narrow} />
            <HistogramChart id="revenue-histogram" title={lang.t(titles.1)}
                x_label={lang.tc(T::RevenueEur)} histogram={m.revenue_histogram.clone()}
                summary={m.final_revenue.clone()} money={true} {lang} class={class} {narrow} />
        </div>
    }
}

/// Customers per segment at the horizon, for both models: median, 90% interval and each segment's
/// share of the model's mean (part of [`Results`], which re-renders only for a new result).
fn segment_table(r: &RunResult, lang: Lang) -> Html {
    let cell = |s: &crate::sim::Summary| {
        format!(
            "{} ({}–{})",
            lang.number(s.p50, 0),
            lang.number(s.p5, 0),
            lang.number(s.p95, 0)
        )
    };
    let share = |part: f64, whole: f64| {
        if whole > 0.0 {
            format!("{}%", lang.number(100.0 * part / whole, 1))
        } else {
            "–".to_string()
        }
    };
    let estimated = r
        .funnel
        .segments
        .iter()
        .chain(&r.flywheel.segments)
        .any(|g| !g.final_customers.exact);
    html! {
        <>
        <div class="table-wrap" tabindex="0" role="region" aria-label={lang.t(T::CustomersBySegment)}>
        <table class="summary" id="segment-summary">
            { el!("caption"; text_el!("h3"; lang.t(T::CustomersBySegment))) }
            <thead><tr>
                { text_el!("th", "scope" = "col"; lang.t(T::SegmentDefault)) }{ text_el!("th", "scope" = "col"; lang.t(T::SegmentFunnelColumn)) }
                { text_el!("th", "scope" = "col"; lang.t(T::SegmentFlywheelColumn)) }{ text_el!("th", "scope" = "col"; lang.t(T::ShareOfCustomers)) }
            </tr></thead>
            <tbody>
                { for r.funnel.segments.iter().zip(&r.flywheel.segments).map(|(f, y)| html! {
                    <tr>
                        { el!("th", "scope" = "row"; f.name.clone()) }
                        { el!("td"; cell(&f.final_customers)) }
                        { el!("td"; cell(&y.final_customers)) }
                        { el!("td"; format!("{} / {}",
                            share(f.final_customers.mean, r.funnel.final_customers.mean),
                            share(y.final_customers.mean, r.flywheel.final_customers.mean))) }
                    </tr>
                }) }
            </tbody>
        </table>
        </div>
        // Only when they are estimates: a sketch keeps small whole counts exactly.
        { estimated.then(|| text_el!("p", "id" = "segment-estimates", "class" = "hint"; lang.t(T::SegmentEstimates))) }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::{funnel_assumed, time_left, Lang};
    use crate::sim::{PeriodUnit, Rate, Scenario};

    #[test]
    fn the_results_say_what_the_funnel_rests_on_that_was_not_entered() {
        // The default: an empty start, three stages with a delay (1, 2 and 1.5 months), the
        // example budget.
        let mut s = Scenario::default_five_stage();
        assert_eq!(
            funnel_assumed(Lang::En, &s, true, true).as_deref(),
            Some("The funnel starts empty and the stages' delays add up to 4.5 months on average, so no lead becomes a customer in the first 3 months. These delays are example values. Leads already under way go in each stage's Open at the start. The spend includes an example fixed budget of €5,000 per month.")
        );
        assert_eq!(
            funnel_assumed(Lang::Nl, &s, false, true).as_deref(),
            Some("De trechter begint leeg en de vertragingen van de fasen tellen op tot gemiddeld 4,5 maanden, dus in de eerste 3 maanden wordt geen enkele lead klant. Die vertragingen zijn voorbeeldwaarden. De uitgaven bevatten een vast voorbeeldbudget van €\u{a0}5.000 per maand.")
        );
        // Own delays (one stage, 2 weeks) and budget: the start only.
        s.period_unit = PeriodUnit::Week;
        for (i, st) in s.stages.iter_mut().enumerate() {
            st.delay = if i == 1 { 2.0 } else { 0.0 };
        }
        s.economics.fixed_budget_per_period = 4000.0;
        assert_eq!(
            funnel_assumed(Lang::En, &s, false, true).as_deref(),
            Some("The funnel starts empty and the stages' delays add up to 2 weeks on average, so no lead becomes a customer in the first week.")
        );
        // The example delays in stages of other names, with the stages without a delay removed
        // or added: still the example's.
        let mut t = Scenario::default_five_stage();
        t.stages.pop();
        let mut added = t.stages[1].clone();
        added.delay = 0.0;
        t.stages.insert(1, added);
        t.stages[0].name = "Visit".into();
        assert!(funnel_assumed(Lang::En, &t, false, true)
            .is_some_and(|n| n.contains("These delays are example values.")));
        // Leads under way at the start, or no delays: nothing to say.
        s.stages[3].open = 10;
        assert_eq!(funnel_assumed(Lang::En, &s, true, true), None);
        s.stages[3].open = 0;
        s.stages[1].delay = 0.0;
        assert_eq!(funnel_assumed(Lang::En, &s, true, true), None);
    }

    /// A planner's own counts for four steps and her own number of leads: the fifth stage's example
    /// rate and the example's growth are said (they took 15% and added 10% to her forecast).
    #[test]
    fn the_results_say_which_example_rates_and_growth_her_own_numbers_rest_on() {
        let mut s = Scenario::default_five_stage();
        s.economics.fixed_budget_per_period = 0.0;
        for (st, (k, n)) in
            s.stages
                .iter_mut()
                .zip([(1200, 8000), (300, 1200), (90, 300), (27, 90)])
        {
            st.rate = Rate::Observed {
                successes: k,
                trials: n,
            };
            st.delay = 0.0;
        }
        s.arrivals.mean = 8000.0;
        assert_eq!(
            funnel_assumed(Lang::En, &s, false, true).as_deref(),
            Some("Purchase still has the example's rate, 85%. New leads grow by the example's 1% per month.")
        );
        // Counts as counts, not as their estimate (45.1%); in a preset, whose rates are the example's by
        // design, nothing.
        let mut c = s.clone();
        c.stages[2].rate = Scenario::default_five_stage().stages[2].rate.clone();
        assert_eq!(
            funnel_assumed(Lang::En, &c, false, true).as_deref(),
            Some("Evaluation and Purchase still have the example's rates, 45 of 100 and 85%. New leads grow by the example's 1% per month.")
        );
        assert_eq!(
            funnel_assumed(Lang::En, &c, false, false).as_deref(),
            Some("New leads grow by the example's 1% per month.")
        );
        s.stages[0].rate = Scenario::default_five_stage().stages[0].rate.clone();
        s.stages[4].name = "Aankoop".into();
        assert_eq!(
            funnel_assumed(Lang::Nl, &s, false, true).as_deref(),
            Some("Awareness en Aankoop hebben nog de voorbeeldpercentages, 30% en 85%. Het aantal nieuwe leads groeit met de voorbeeldwaarde van 1% per maand.")
        );
        // Her own growth, and every rate her own (or every one the example's): nothing to say.
        s.arrivals.growth = 0.0;
        s.stages[0].rate = Rate::Fixed { value: 0.2 };
        s.stages[4].rate = Rate::Fixed { value: 1.0 };
        assert_eq!(funnel_assumed(Lang::En, &s, false, true), None);
        let mut d = Scenario::default_five_stage();
        d.economics.fixed_budget_per_period = 0.0;
        d.stages.iter_mut().for_each(|st| st.delay = 0.0);
        assert_eq!(funnel_assumed(Lang::En, &d, false, true), None);
    }

    #[test]
    fn the_time_a_run_has_left_is_in_round_seconds_then_minutes() {
        assert_eq!(time_left(Lang::En, 1_200.0), "about 5 s left");
        assert_eq!(time_left(Lang::En, 41_000.0), "about 40 s left");
        assert_eq!(time_left(Lang::En, 89_000.0), "about 90 s left");
        assert_eq!(time_left(Lang::En, 95_000.0), "about 2 min left");
        assert_eq!(time_left(Lang::Nl, 372_000.0), "nog ongeveer 6 min te gaan");
    }
}
