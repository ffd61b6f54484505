//! Embedding in another page: the height message for auto-resizing iframes, the link back to the full app,
//! and the dialog that writes the `<iframe>` snippet.

use std::rc::Rc;

use yew::prelude::*;

use crate::share::{encode, SharedState};
use crate::sim::Scenario;

use super::controls::{input_into, select_into};
use super::i18n::{Lang, T};

/// The `type` of the message an embedded page posts to its host: `{ type, height }` (sent by
/// `js/embed-height.js`, a ResizeObserver on the page).
pub const HEIGHT_MESSAGE: &str = "funnel-lab:height";

/// "Open in Funnel Lab": this page without the embed options, in `lang`, with a share link to
/// `scenario` (the one the visitor sees, with any edits made in an editable embed).
pub fn full_app_url(scenario: &Scenario, lang: Lang) -> String {
    let path = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "./".into());
    let link = encode(&SharedState {
        scenario: scenario.clone(),
        view: None,
        lang: Some(lang.code().into()),
    });
    format!(
        "{path}?lang={}#{}{link}",
        lang.code(),
        super::share_panel::FRAGMENT_KEY
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
    flow: bool,
    analyses: bool,
) -> String {
    let link = encode(&SharedState {
        scenario: scenario.clone(),
        view: None,
        lang: Some(lang.code().into()),
    });
    let b = |v: bool| if v { "1" } else { "0" };
    let src = format!(
        "{app_url}?embed=1&lang={}&theme={theme}&editable={}&flow={}&analyses={}#s={link}",
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
}

/// The "Embed" part of the share panel: options and the generated snippets.
#[function_component(EmbedDialog)]
pub fn embed_dialog(p: &EmbedDialogProps) -> Html {
    let lang = p.lang;
    let width = use_state(|| "100%".to_string());
    let height = use_state(|| "900".to_string());
    let theme = use_state(|| "auto".to_string());
    let embed_lang = use_state(|| lang);
    let editable = use_state(|| false);
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
    let code = snippet(
        &app_url,
        &p.scenario,
        *embed_lang,
        &theme,
        &width,
        &height,
        *editable,
        *flow,
        *analyses,
    );
    let text = |id: &'static str, label: T, st: &UseStateHandle<String>| {
        let oninput = input_into(st);
        html! {
            <div class="field">
                <label for={id}>{ lang.t(label) }</label>
                <input {id} type="text" value={(**st).clone()} {oninput} />
            </div>
        }
    };
    let check = |id: &'static str, label: T, st: &UseStateHandle<bool>| {
        let st2 = st.clone();
        let onchange = Callback::from(move |e: Event| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            st2.set(el.checked());
        });
        html! {
            <label class="check" for={id}>
                <input {id} type="checkbox" checked={**st} {onchange} />{ " " }{ lang.t(label) }
            </label>
        }
    };
    let on_theme = select_into(&theme, str::to_string);
    let on_lang = select_into(&embed_lang, |v| Lang::from_code(v).unwrap_or_default());
    html! {
        <details class="embed-dialog" id="embed-dialog">
            { text_el!("summary"; lang.t(T::Embed)) }
            { text_el!("p", "class" = "hint"; lang.t(T::EmbedHint)) }
            <div class="field-row">
                { text("embed-width", T::EmbedWidth, &width) }
                { text("embed-height", T::EmbedHeight, &height) }
                <div class="field">
                    { text_el!("label", "for" = "embed-lang"; lang.t(T::Language)) }
                    <select id="embed-lang" onchange={on_lang}>
                        { super::option_el("en", *embed_lang == Lang::En, "English") }
                        { super::option_el("nl", *embed_lang == Lang::Nl, "Nederlands") }
                    </select>
                </div>
                <div class="field">
                    { text_el!("label", "for" = "embed-theme"; lang.t(T::Theme)) }
                    <select id="embed-theme" onchange={on_theme}>
                        { super::option_el("auto", *theme == "auto", lang.t(T::ThemeAuto)) }
                        { super::option_el("light", *theme == "light", lang.t(T::ThemeLight)) }
                        { super::option_el("dark", *theme == "dark", lang.t(T::ThemeDark)) }
                    </select>
                </div>
            </div>
            <div class="button-row">
                { check("embed-editable", T::EmbedEditable, &editable) }
                { check("embed-flow", T::EmbedFlow, &flow) }
                { check("embed-analyses", T::EmbedAnalyses, &analyses) }
            </div>
            { text_el!("label", "for" = "embed-code"; lang.t(T::EmbedCode)) }
            <textarea id="embed-code" readonly=true rows="4" value={code}></textarea>
            { text_el!("label", "for" = "embed-resize"; lang.t(T::EmbedResize)) }
            <textarea id="embed-resize" readonly=true rows="4" value={RESIZE_SNIPPET}></textarea>
        </details>
    }
}
