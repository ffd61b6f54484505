//! Share and export: a link that carries the whole scenario in the URL fragment (`#s=…`, see
//! [`crate::share`]), downloads of the scenario and the results (CSV, JSON; [`crate::export`]), and import
//! of a scenario file.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::share::{encode, SharedState};
use crate::sim::{RunResult, Scenario};

use super::i18n::{Lang, T};
use super::state::Action;

/// The fragment key of a shared link: `https://…/#s=v1.…`.
pub const FRAGMENT_KEY: &str = "s=";

/// The link in the page address (`#s=…`), if any. Off the browser (SSR tests) there is none.
pub fn link_in_address() -> Option<String> {
    let hash = super::browser_window()?.location().hash().ok()?;
    let rest = hash.strip_prefix('#')?.strip_prefix(FRAGMENT_KEY)?;
    Some(rest.to_string())
}

/// Removes a shared link (`#s=…`) from the page address, without a reload or a history entry.
pub fn clear_link_in_address() {
    if link_in_address().is_none() {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let loc = window.location();
    if let (Ok(path), Ok(query), Ok(history)) = (loc.pathname(), loc.search(), window.history()) {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{query}")),
        );
    }
}

/// The fragment of a link to `scenario` in `lang`: `s=v1.…` (without the `#`), with the id of the
/// teaching preset it is, if any (the link then opens with the preset's story), and the Target
/// panel's question ([`super::state::AppState::target_asked`]), if it is to go along (the link then
/// opens with it asked), and the comparison asked in Compare
/// ([`super::state::AppState::compare_asked`]), if it is to go along.
pub fn link_fragment(
    scenario: &Scenario,
    lang: Lang,
    preset: Option<&str>,
    target: Option<&str>,
    compare: Option<&(Rc<Scenario>, bool)>,
) -> String {
    let link = encode(&SharedState {
        scenario: scenario.clone(),
        view: None,
        lang: Some(lang.code().to_string()),
        preset: preset.map(String::from),
        target: target.map(String::from),
        compare: compare.map(|(other, is_a)| crate::share::SharedCompare {
            other: (**other).clone(),
            other_is_a: *is_a,
        }),
    });
    format!("{FRAGMENT_KEY}{link}")
}

/// The full link to `scenario` from this page (the page address without its fragment, plus `#s=…`).
/// The sender's `?theme=` stays out: the colleague who opens the link sees their own theme.
fn share_url(
    scenario: &Scenario,
    lang: Lang,
    preset: Option<&str>,
    target: Option<&str>,
    compare: Option<&(Rc<Scenario>, bool)>,
) -> Option<String> {
    let href = web_sys::window()?.location().href().ok()?;
    let page = href.split('#').next().unwrap_or(&href);
    let (base, query) = page.split_once('?').unwrap_or((page, ""));
    let query = super::without_param(query, "theme");
    Some(format!(
        "{base}{query}#{}",
        link_fragment(scenario, lang, preset, target, compare)
    ))
}

/// What a link carries besides the scenario: the target question and the comparison.
type Extras = (Option<Rc<str>>, Option<(Rc<Scenario>, bool)>);

/// Offers `text` as a file download named `name`.
fn download(name: &str, mime: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document
        .create_element("a")
        .map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// A file name from the scenario name: letters, digits and dashes only, accented letters without
/// their accents ("één" → "een", "Ölmühle" → "olmuhle", "ß" → "ss"), at most 60 characters (cut at a
/// dash where it can be: a file system takes 255 bytes for the whole name, and the chart's part of
/// it, [`title_stem`], is whole).
pub fn file_stem(name: &str) -> String {
    stem(name, 60)
}

/// [`file_stem`] of a chart's title, whole (its last word may be the model: "…-funnel", "…-flywheel"),
/// up to a ": ": the difference chart's title then names A and B, which made a file name of 130
/// characters whose scenario names the file's name already starts with.
pub fn title_stem(title: &str) -> String {
    stem(title.split_once(": ").map_or(title, |(t, _)| t), usize::MAX)
}

fn stem(name: &str, max: usize) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
                'a'
            }
            'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => {
                'o'
            }
            'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
            'ç' | 'Ç' => 'c',
            'ñ' | 'Ñ' => 'n',
            'ý' | 'ÿ' | 'Ý' => 'y',
            'ß' => {
                out.push_str("ss");
                continue;
            }
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    if out.len() > max {
        // ASCII only: byte positions are characters.
        let cut = match out[..max].rfind('-') {
            Some(i) if i >= max / 2 => i,
            _ => max,
        };
        out.truncate(cut);
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "funnel-lab".to_string()
    } else {
        out
    }
}

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    pub scenario: Rc<Scenario>,
    pub result: Option<Rc<RunResult>>,
    pub lang: Lang,
    pub dispatch: Callback<Action>,
    /// The outcome of an import, shown under the import control.
    #[prop_or_default]
    pub import_notice: Option<Html>,
    /// The inputs have a problem: links and exports carry the last valid scenario, and say so.
    #[prop_or_default]
    pub invalid: bool,
    /// The run was cancelled: its results are partial, and their downloads wait for a finished run.
    #[prop_or_default]
    pub cancelled: bool,
    /// A long run (of seconds) goes on: the results' downloads wait for it, and say so (a short run's
    /// note would come and go at every edit).
    #[prop_or_default]
    pub long_run: bool,
    /// The teaching preset that `scenario` is, unchanged ([`super::state::AppState::shared_preset`]).
    #[prop_or_default]
    pub preset: Option<&'static str>,
    /// The Target panel's question while asked ([`super::state::AppState::target_asked`]): links
    /// carry it unless the user unticks it.
    #[prop_or_default]
    pub target: Option<Rc<str>>,
    /// The comparison asked in Compare ([`super::state::AppState::compare_asked`]): links carry it
    /// unless the user unticks it.
    #[prop_or_default]
    pub compare: Option<(Rc<Scenario>, bool)>,
    /// The analyses' answers on screen, which the results summary file carries.
    #[prop_or_default]
    pub answers: super::analyses::AnswersCell,
}

/// Puts `text` on the clipboard, then tells `done` whether it is there: false without a clipboard (an
/// insecure origin) or when the browser refused (no permission or focus), when it is to be copied by hand.
pub(crate) fn copy_text(window: &web_sys::Window, text: &str, done: Callback<bool>) {
    // (Absent on an insecure origin; a page or extension may also have set it to undefined.)
    let clipboard = js_sys::Reflect::get(&window.navigator(), &"clipboard".into());
    if !clipboard.is_ok_and(|c| !c.is_undefined() && !c.is_null()) {
        done.emit(false);
        return;
    }
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        done.emit(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

#[function_component(SharePanel)]
pub fn share_panel(p: &SharePanelProps) -> Html {
    let lang = p.lang;
    // The link made by Copy link, for the scenario it was made from (an edit makes a new scenario,
    // and the stale link and its message go), and whether the clipboard took it: None while
    // that is not known yet, then Some(true) or Some(false) (no clipboard, or it refused).
    // Also the target question and the comparison it carries: a link made before they changed goes too.
    let link = use_state(|| None::<(String, Option<bool>, Rc<Scenario>, Extras)>);
    // Whether links carry the target question and the comparison (while asked): the user may leave
    // them out.
    let include = use_state(|| true);
    let include_compare = use_state(|| true);
    let target = p.target.clone().filter(|_| *include);
    let compare = p.compare.clone().filter(|_| *include_compare);
    let extras = (target.clone(), compare.clone());
    let on_copy = {
        let (link, scenario, preset) = (link.clone(), p.scenario.clone(), p.preset);
        let extras = extras.clone();
        Callback::from(move |_: MouseEvent| {
            let (target, compare) = &extras;
            let Some(url) = share_url(&scenario, lang, preset, target.as_deref(), compare.as_ref())
            else {
                return;
            };
            let Some(window) = web_sys::window() else {
                return;
            };
            // The link goes to the clipboard and shows below, not into the address: an address that
            // kept it would bring this scenario back on a reload, over the edits made after.
            link.set(Some((url.clone(), None, scenario.clone(), extras.clone())));
            let (link, scenario, extras) = (link.clone(), scenario.clone(), extras.clone());
            copy_text(
                &window,
                &url.clone(),
                Callback::from(move |copied| {
                    link.set(Some((
                        url.clone(),
                        Some(copied),
                        scenario.clone(),
                        extras.clone(),
                    )));
                    // To be copied by hand: the field takes the focus, which selects the link.
                    if !copied {
                        super::focus_soon("#share-link".into());
                    }
                }),
            );
        })
    };
    let stem = file_stem(&p.scenario.name);
    let on_scenario = {
        let (scenario, stem) = (p.scenario.clone(), stem.clone());
        Callback::from(move |_: MouseEvent| {
            download(
                &format!("{stem}.json"),
                "application/json",
                &scenario.to_json(),
            )
        })
    };
    let results = p.result.clone().filter(|r| r.complete);
    // Dutch spreadsheets read semicolons between cells and decimal commas (and a person reads the
    // column names, in Dutch).
    let csv = move |text: String| match lang {
        Lang::En => text,
        Lang::Nl => crate::export::semicolon_csv(&text),
    };
    // While an input has a problem, a link or a file would hold the last valid inputs, not what is
    // typed: they wait for it to be fixed, as Save does.
    let invalid = p.invalid;
    // After a Cancel, why the results' downloads are off (they were off without a word).
    let unfinished = (p.cancelled || p.long_run) && !invalid && results.is_none();
    let csv_button = |id: &'static str, label: T, kind: u8| {
        let (r, scenario, stem) = (results.clone(), p.scenario.clone(), stem.clone());
        let answers = p.answers.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            let Some(r) = &r else { return };
            match kind {
                0 => download(
                    &format!("{stem}-{}.csv", lang.t(T::FilePeriods)),
                    "text/csv",
                    &csv(crate::export::periods_csv_in(
                        r,
                        lang.t(if r.period_unit == "week" {
                            T::Week
                        } else {
                            T::Month
                        }),
                        lang == Lang::Nl,
                    )),
                ),
                1 => download(
                    &format!("{stem}-{}.csv", lang.t(T::FileStages)),
                    "text/csv",
                    &csv(crate::export::stages_csv_in(r, lang == Lang::Nl)),
                ),
                _ => download(
                    &format!("{stem}-{}.json", lang.t(T::FileSummary)),
                    "application/json",
                    &crate::export::summary_json(&scenario, r, &answers.0.borrow()),
                ),
            }
        });
        let why = if invalid {
            Some("share-last-valid")
        } else {
            unfinished.then_some("share-unfinished")
        };
        html! {
            <button {id} type="button" class="secondary" {onclick} disabled={results.is_none() || invalid}
                aria-describedby={why}>{ lang.t(label) }</button>
        }
    };
    let on_import = {
        let dispatch = p.dispatch.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
                let text = text.ok().and_then(|t| t.as_string()).unwrap_or_default();
                dispatch.emit(Action::Import(text));
            });
        })
    };
    html! {
        <div class="panel share" id="share">
            { text_el!("h2"; lang.t(T::ShareExport)) }
            // Else only the page's title shows the name that the exports and the embed code carry.
            if !crate::sim::scenario::is_blank(&p.scenario.name) {
                <p class="hint" id="share-name">{ format!("{} “{}”. {}", lang.t(T::ShareNamed), p.scenario.name, lang.t(T::ShareRename)) }</p>
            }
            if p.invalid {
                { text_el!("p", "id" = "share-last-valid", "class" = "hint warning"; lang.t(T::ShareLastValid)) }
            }
            <div class="button-row">
                <button id="copy-link" type="button" onclick={on_copy} disabled={invalid}
                    aria-describedby={invalid.then_some("share-last-valid")}>{ lang.t(T::CopyLink) }</button>
            </div>
            if p.target.is_some() {
                { super::embed::check_box("share-target", lang.t(T::IncludeTarget), &include) }
            }
            if p.compare.is_some() {
                { super::embed::check_box("share-compare", lang.t(T::IncludeCompare), &include_compare) }
            }
            if let Some((url, copied, _, (with, compared))) = link.as_ref().filter(|l| !invalid && Rc::ptr_eq(&l.2, &p.scenario) && l.3 == extras) {
                <p role="status" class="hint">{ copied.map(|c| match (c, with.is_some(), compared.is_some()) {
                    (true, ..) => {
                        let mut s = lang.t(T::LinkCopied).to_string();
                        for (on, t) in [(with.is_some(), T::LinkWithTarget), (compared.is_some(), T::LinkWithCompare)] {
                            if on {
                                s.push(' ');
                                s.push_str(lang.t(t));
                            }
                        }
                        s
                    }
                    (false, _, true) => lang.t(T::LinkShownWith).to_string(),
                    (false, true, false) => lang.t(T::LinkShownTarget).to_string(),
                    (false, false, false) => lang.t(T::LinkShown).to_string(),
                }) }</p>
                { text_el!("label", "for" = "share-link", "class" = "visually-hidden"; lang.t(T::ShareLinkLabel)) }
                <input id="share-link" type="text" readonly=true value={url.clone()}
                    onfocus={Callback::from(|e: FocusEvent| if let Some(t) = e.target() { super::embed::select_all(&t) })} />
            }
            <super::embed::EmbedDialog scenario={p.scenario.clone()} {lang} preset={p.preset} {invalid} target={target.clone()} />
            { text_el!("h3"; lang.t(T::Downloads)) }
            <div class="button-row">
                <button id="download-scenario" type="button" class="secondary" onclick={on_scenario} disabled={invalid}
                    aria-describedby={invalid.then_some("share-last-valid")}>{ lang.t(T::DownloadScenario) }</button>
                { csv_button("download-periods", T::DownloadPeriodsCsv, 0) }
                { csv_button("download-stages", T::DownloadStagesCsv, 1) }
                { csv_button("download-summary", T::DownloadSummary, 2) }
            </div>
            if unfinished {
                { text_el!("p", "id" = "share-unfinished", "class" = "hint"; lang.t(if p.long_run { T::DownloadsWaitForEnd } else { T::DownloadsWaitForRun })) }
            }
            // The browser's own file button speaks the browser's language ("Choose File"): the input
            // is hidden (still focusable, and labelled) and its label is the button, in the page's.
            <div class="field">
                <input id="import-file" type="file" class="visually-hidden file-input" accept=".json,application/json" onchange={on_import} />
                { text_el!("label", "for" = "import-file", "class" = "file-button"; lang.t(T::ImportScenario)) }
            </div>
            // (In an `if`, which holds its place when empty: a `for` of none is no node at all, and
            // the notice coming after the import control moved every node of the panel one place, so
            // that the control was made anew and a keyboard user's focus fell to the page.)
            if let Some(notice) = p.import_notice.clone() {
                { notice }
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn file_names_keep_letters_and_digits_and_drop_accents_not_letters() {
        assert_eq!(
            file_stem("Extra klanten als één fase beter wordt"),
            "extra-klanten-als-een-fase-beter-wordt"
        );
        assert_eq!(
            file_stem("Café Zoë — Ölmühle Straße"),
            "cafe-zoe-olmuhle-strasse"
        );
        // A long name is cut at a dash, within 60 characters.
        let long = file_stem(&"Very long client name ".repeat(10));
        assert_eq!(
            long,
            "very-long-client-name-very-long-client-name-very-long"
        );
        // A chart's title keeps its last word (funnel or flywheel).
        let title = "Gewonnen klanten aan het einde, over alle simulaties (trechter)";
        assert!(super::title_stem(title).ends_with("-simulaties-trechter"));
        let title =
            "Difference in final customers, flywheel (B − A): A = Plan (before), B = Plan: Q3";
        assert_eq!(
            super::title_stem(title),
            "difference-in-final-customers-flywheel-b-a"
        );
        assert_eq!(file_stem("  Q3 plan: Café (B − A) "), "q3-plan-cafe-b-a");
        assert_eq!(file_stem("—"), "funnel-lab");
    }
}
