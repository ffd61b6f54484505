//! Embedding in another page: the height message for auto-resizing iframes, the link back to the full app,
//! and the dialog that writes the `<iframe>` snippet.

use std::rc::Rc;

use yew::prelude::*;

use crate::sim::Scenario;

use super::controls::{input_into, select_into};
use super::i18n::{Lang, T};

/// The `type` of the message an embedded page posts to its host: `{ type, height }` (sent by
/// `js/embed-height.js`, a ResizeObserver on the page).
pub const HEIGHT_MESSAGE: &str = "funnel-lab:height";

/// "Open in Funnel Lab": this page without the embed options, in `lang`, with a share link to
/// `scenario` (the one the visitor sees, with any edits made in an editable embed), and the
/// comparison the visitor asked with Test a change, if any; in the embed's colour scheme when it
/// sets one (`theme`: "light" or "dark"; with "auto" the app follows the visitor's choice).
pub fn full_app_url(
    scenario: &Scenario,
    lang: Lang,
    theme: Option<&str>,
    preset: Option<&str>,
    target: Option<&str>,
    compare: Option<&(std::rc::Rc<Scenario>, bool)>,
) -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "./".into());
    let theme = match theme {
        Some(t @ ("light" | "dark")) => format!("&theme={t}"),
        _ => String::new(),
    };
    format!(
        "{path}?lang={}{theme}#{}",
        lang.code(),
        super::share_panel::link_fragment(scenario, lang, preset, target, compare)
    )
}

/// The `<iframe>` snippet for `scenario`, pointing at `app_url` (this app's address without query or
/// fragment).
#[allow(clippy::too_many_arguments)]
pub fn snippet(
    app_url: &str,
    scenario: &Scenario,
    lang: Lang,
    theme: &str,
    width: &str,
    height: &str,
    editable: bool,
    main_inputs: bool,
    flow: bool,
    analyses: bool,
    preset: Option<&str>,
    target: Option<&str>,
) -> String {
    // The target question only where it is shown: with the analyses.
    let target = target.filter(|_| analyses);
    let link = super::share_panel::link_fragment(scenario, lang, preset, target, None);
    let b = |v: bool| if v { "1" } else { "0" };
    let inputs = if editable && main_inputs {
        "&inputs=main"
    } else {
        ""
    };
    let src = format!(
        "{app_url}?embed=1&lang={}&theme={theme}&editable={}{inputs}&flow={}&analyses={}#{link}",
        lang.code(),
        b(editable),
        b(flow),
        b(analyses)
    );
    let title = html_escape(&format!("Funnel Lab: {}", scenario.name));
    format!(
        "<iframe src=\"{}\" width=\"{}\" height=\"{}\" title=\"{title}\" loading=\"lazy\" style=\"border:0;max-width:100%\"></iframe>",
        html_escape(&src),
        html_escape(width),
        html_escape(height)
    )
}

/// A typed iframe size as the attribute value: whole pixels up to 10,000, from 320 for a `width` (the
/// narrowest the embed's layout fits) and from 100 for a height, or (a `width` only) a percentage from
/// 1% to 100%; None for anything else.
pub fn embed_size(text: &str, width: bool) -> Option<String> {
    let t = text.trim();
    let (digits, pct) = match t.strip_suffix('%') {
        Some(d) if width => (d.trim_end(), true),
        Some(_) => return None,
        None => (t.strip_suffix("px").unwrap_or(t).trim_end(), false),
    };
    // "1,200", "1.200" or "1 200": pixels with a thousands mark, as the other fields take them.
    let joined;
    let digits = match digits
        .char_indices()
        .find(|&(_, c)| matches!(c, ',' | '.' | ' ' | '\u{a0}'))
    {
        Some((i, c)) if !pct && i > 0 && digits.len() - i - c.len_utf8() == 3 => {
            joined = format!("{}{}", &digits[..i], &digits[i + c.len_utf8()..]);
            joined.as_str()
        }
        _ => digits,
    };
    if digits.is_empty() || digits.len() > 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: u32 = digits.parse().ok()?;
    let ok = if pct {
        (1..=100).contains(&v)
    } else {
        (if width { 320 } else { 100 }..=10_000).contains(&v)
    };
    ok.then(|| if pct { format!("{v}%") } else { v.to_string() })
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The host-page script that resizes every Funnel Lab iframe to the height it reports.
pub const RESIZE_SNIPPET: &str = "<script>\naddEventListener('message', (e) => {\n  if (e.data && e.data.type === 'funnel-lab:height') {\n    for (const f of document.querySelectorAll('iframe')) {\n      if (f.contentWindow === e.source) f.style.height = e.data.height + 'px';\n    }\n  }\n});\n</script>";

#[derive(Properties, PartialEq)]
pub struct EmbedDialogProps {
    pub scenario: Rc<Scenario>,
    pub lang: Lang,
    /// The teaching preset that `scenario` is, unchanged: the embed's "Open in Funnel Lab" shows its story.
    #[prop_or_default]
    pub preset: Option<&'static str>,
    /// An input has a problem: the snippet would embed the last valid scenario, so it waits.
    #[prop_or_default]
    pub invalid: bool,
    /// The Target panel's question, if links carry it (with the analyses, the embed asks it).
    #[prop_or_default]
    pub target: Option<Rc<str>>,
}

/// The "Embed" part of the share panel: options and the generated snippets.
#[function_component(EmbedDialog)]
pub fn embed_dialog(p: &EmbedDialogProps) -> Html {
    let lang = p.lang;
    let width = use_state(|| "100%".to_string());
    let height = use_state(|| "900".to_string());
    let theme = use_state(|| "auto".to_string());
    let embed_lang = use_state(|| lang);
    {
        // The page's language changed: the embed's follows (a choice made here stays until then).
        let embed_lang = embed_lang.clone();
        use_effect_with(lang, move |&l| embed_lang.set(l));
    }
    let editable = use_state(|| false);
    let main_inputs = use_state(|| false);
    let flow = use_state(|| false);
    let analyses = use_state(|| false);
    // The app's address without query or fragment (none off the browser, in the SSR tests).
    let app_url = (if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    })
    .and_then(|w| w.location().href().ok())
    .map(|h| h.split(['?', '#']).next().unwrap_or_default().to_string())
    .unwrap_or_default();
    // An invalid size is explained next to its field (the text stays as typed); the snippet waits for
    // it, as for an input of the scenario with a problem.
    let width_ok = embed_size(&width, true);
    let height_ok = embed_size(&height, false);
    // The names the app gave (default stages, the default scenario's name) in the embed's language.
    let scenario = super::state::translated(&p.scenario, lang, *embed_lang);
    let code = snippet(
        &app_url,
        &scenario,
        *embed_lang,
        &theme,
        width_ok.as_deref().unwrap_or("100%"),
        height_ok.as_deref().unwrap_or("900"),
        *editable,
        *main_inputs,
        *flow,
        *analyses,
        p.preset,
        p.target.as_deref(),
    );
    let text = |id: &'static str, label: T, st: &UseStateHandle<String>, error: Option<T>| {
        let oninput = input_into(st);
        let error_id = format!("{id}-error");
        html! {
            <div class={classes!("field", error.is_some().then_some("invalid"))}>
                <label for={id}>{ lang.t(label) }</label>
                <input {id} type="text" value={(**st).clone()} {oninput}
                    aria-invalid={error.is_some().then_some("true")}
                    aria-describedby={error.is_some().then(|| error_id.clone())} />
                if let Some(e) = error {
                    <p class="field-error" id={error_id}>{ lang.t(e) }</p>
                }
            </div>
        }
    };
    let check =
        |id: &'static str, label: T, st: &UseStateHandle<bool>| check_box(id, lang.t(label), st);
    // Copy buttons for the two snippets: which one was copied last, whether the clipboard took it, and
    // the text it was (a status for an older snippet goes when the snippet changes).
    let copied = use_state(|| None::<(&'static str, bool, String)>);
    let copy = |id: &'static str, code: String| {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(w) = web_sys::window() else { return };
            let (copied, code2) = (copied.clone(), code.clone());
            let doc = w.document();
            super::share_panel::copy_text(
                &w,
                &code,
                Callback::from(move |ok: bool| {
                    if !ok {
                        // To be copied by hand: the whole snippet is selected for Ctrl+C.
                        if let Some(t) = doc.as_ref().and_then(|d| d.get_element_by_id(id)) {
                            select_all(&t);
                        }
                    }
                    copied.set(Some((id, ok, code2.clone())));
                }),
            );
        })
    };
    let snippet_box = |id: &'static str, label: T, code: String| {
        let status = copied
            .as_ref()
            .filter(|c| c.0 == id && c.2 == code)
            .map(|c| lang.t(if c.1 { T::CodeCopied } else { T::CodeByHand }));
        let onclick = copy(id, code.clone());
        // A click or the focus selects the whole snippet, ready for Ctrl+C or a phone's Copy.
        let select = Callback::from(|e: Event| {
            if let Some(t) = e.target() {
                select_all(&t);
            }
        });
        html! {
            <>
                <div class="snippet-head">
                    <label for={id}>{ lang.t(label) }</label>
                    <button type="button" class="link" id={format!("{id}-copy")} {onclick}
                        aria-label={format!("{}: {}", lang.t(T::CopyCode), lang.t(label))}>{ lang.t(T::CopyCode) }</button>
                </div>
                <textarea {id} readonly=true rows="4" value={code} onclick={select.reform(Event::from)}
                    onfocus={select.reform(Event::from)}></textarea>
                if let Some(s) = status { <p role="status" class="hint">{ s }</p> }
            </>
        }
    };
    let on_theme = select_into(&theme, str::to_string);
    let on_lang = select_into(&embed_lang, |v| Lang::from_code(v).unwrap_or_default());
    html! {
        <details class="embed-dialog" id="embed-dialog">
            { text_el!("summary"; lang.t(T::Embed)) }
            { text_el!("p", "class" = "hint"; lang.t(T::EmbedHint)) }
            <div class="field-row">
                { text("embed-width", T::EmbedWidth, &width, width_ok.is_none().then_some(T::EmbedWidthInvalid)) }
                { text("embed-height", T::EmbedHeight, &height, height_ok.is_none().then_some(T::EmbedHeightInvalid)) }
                <div class="field">
                    { text_el!("label", "for" = "embed-lang"; lang.t(T::EmbedLanguage)) }
                    <select id="embed-lang" onchange={on_lang}>
                        { super::option_el("en", *embed_lang == Lang::En, "English") }
                        { super::option_el("nl", *embed_lang == Lang::Nl, "Nederlands") }
                    </select>
                </div>
                <div class="field">
                    { text_el!("label", "for" = "embed-theme"; lang.t(T::EmbedTheme)) }
                    <select id="embed-theme" onchange={on_theme} aria-describedby={(*theme == "auto").then_some("embed-theme-hint")}>
                        { super::option_el("auto", *theme == "auto", lang.t(T::ThemeAuto)) }
                        { super::option_el("light", *theme == "light", lang.t(T::ThemeLight)) }
                        { super::option_el("dark", *theme == "dark", lang.t(T::ThemeDark)) }
                    </select>
                </div>
            </div>
            // A blogger's dark page showed a white frame to readers whose system is light. (Under the
            // row: in the field, its width put the row's fields one above the other.)
            if *theme == "auto" {
                { text_el!("p", "id" = "embed-theme-hint", "class" = "hint"; lang.t(T::EmbedThemeAuto)) }
            }
            <div class="button-row">
                { check("embed-editable", T::EmbedEditable, &editable) }
                // The whole set of inputs is some 10,600 px tall in a blog's column.
                if *editable {
                    { check("embed-main-inputs", T::EmbedMainInputs, &main_inputs) }
                }
                { check("embed-flow", T::EmbedFlow, &flow) }
                { check("embed-analyses", T::EmbedAnalyses, &analyses) }
            </div>
            if *analyses && p.target.is_some() {
                { text_el!("p", "id" = "embed-target", "class" = "hint"; lang.t(T::EmbedWithTarget)) }
            }
            // (A size with a problem too: the code kept the last valid size, and Copy code copied a
            // frame other than the one typed.)
            if p.invalid || width_ok.is_none() || height_ok.is_none() {
                { text_el!("p", "id" = "embed-code-waits", "class" = "hint warning"; lang.t(T::FixInputsFirst)) }
            } else {
                { snippet_box("embed-code", T::EmbedCode, code) }
            }
            { snippet_box("embed-resize", T::EmbedResize, RESIZE_SNIPPET.to_string()) }
        </details>
    }
}

/// A labelled tick box that sets `st`.
pub(crate) fn check_box(id: &'static str, label: &'static str, st: &UseStateHandle<bool>) -> Html {
    let st2 = st.clone();
    let onchange = Callback::from(move |e: Event| {
        let el: web_sys::HtmlInputElement = e.target_unchecked_into();
        st2.set(el.checked());
    });
    html! {
        <label class="check" for={id}>
            <input {id} type="checkbox" checked={**st} {onchange} />{ " " }{ label }
        </label>
    }
}

/// Selects all the text of a text area (`select()`, called by name: no binding of its own for one call).
pub(crate) fn select_all(t: &wasm_bindgen::JsValue) {
    if let Ok(f) = js_sys::Reflect::get(t, &"select".into()) {
        if let Some(f) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&f) {
            let _ = f.call0(t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::embed_size;

    #[test]
    fn embed_sizes_are_pixels_or_a_percentage() {
        assert_eq!(embed_size("100%", true).as_deref(), Some("100%"));
        assert_eq!(embed_size(" 80 % ", true).as_deref(), Some("80%"));
        assert_eq!(embed_size("800", true).as_deref(), Some("800"));
        assert_eq!(embed_size("320", true).as_deref(), Some("320"));
        assert_eq!(embed_size("100", false).as_deref(), Some("100"));
        assert_eq!(embed_size("900px", false).as_deref(), Some("900"));
        assert_eq!(embed_size("0900", false).as_deref(), Some("900"));
        for thousands in ["1,200", "1.200", "1 200", "1\u{a0}200px"] {
            assert_eq!(
                embed_size(thousands, false).as_deref(),
                Some("1200"),
                "{thousands}"
            );
        }
        assert_eq!(embed_size("10,000", true).as_deref(), Some("10000"));
        for (bad, percent) in [
            ("abc", false),
            ("", true),
            ("50%", false),
            ("120%", true),
            ("0%", true),
            ("99", false),
            // Narrower than the embed's layout fits (a QA walkthrough: at 200 px its cards were cut).
            ("319", true),
            ("10001", false),
            ("9.5", false),
            ("1,2000", false),
            ("1,20", false),
            ("1,200,000", false),
            ("1,000%", true),
            ("-900", false),
            ("900\" onload=\"x", false),
        ] {
            assert_eq!(embed_size(bad, percent), None, "{bad}");
        }
    }
}
