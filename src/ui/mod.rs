//! The Yew front end: thin function components over [`crate::sim`].
//!
//! App state lives in one reducer ([`state::AppState`] driven by [`state::Action`]), as in yew's
//! `function_todomvc` example; components only render state and dispatch actions. Pure logic (the form,
//! chart geometry, translations, the reducer) has no web imports and is tested natively.

pub mod analyses;
pub mod api;
mod app;
pub mod chart;
pub mod charts;
pub mod controls;
pub mod flow;
pub mod form;
pub mod i18n;
pub mod panic;
pub mod pool;
pub mod presets;
mod runner;
pub mod share_panel;
pub mod state;
pub mod storage;

pub use app::{summary_sentence, App, AppProps};

/// Starts the simulation workers early, so their wasm loads while the page renders.
pub fn warm_up_workers() {
    runner::warm_up();
}

/// The language to start in: `?lang=xx` in the page URL wins, then the browser's language, then English.
pub fn initial_lang(query: &str, browser_language: Option<&str>) -> i18n::Lang {
    let from_query = query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == "lang")
        .and_then(|(_, v)| i18n::Lang::from_code(v));
    from_query
        .or_else(|| browser_language.and_then(i18n::Lang::from_code))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::i18n::Lang;
    use super::initial_lang;

    #[test]
    fn query_beats_browser_language() {
        assert_eq!(initial_lang("?lang=nl", Some("en-US")), Lang::Nl);
        assert_eq!(initial_lang("?x=1&lang=en", Some("nl-NL")), Lang::En);
        assert_eq!(initial_lang("", Some("nl-NL")), Lang::Nl);
        assert_eq!(initial_lang("?lang=fr", Some("de")), Lang::En);
    }
}
