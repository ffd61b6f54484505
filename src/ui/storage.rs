//! The working scenario in `localStorage`, so it survives a reload. Off the browser (SSR tests) there
//! is no storage: loading finds nothing and saving does nothing.

/// The key the working scenario is stored under.
pub const SCENARIO_KEY: &str = "funnel-lab.scenario";
/// The key of the saved (named) scenarios.
pub const SAVED_KEY: &str = "funnel-lab.saved";
/// The key of the inputs as typed while they are not a valid scenario (empty otherwise).
pub const DRAFT_KEY: &str = "funnel-lab.draft";
/// The key of the working scenario that a link, a file, a preset or a Load replaced (for Restore after
/// a reload; empty when none).
pub const PREVIOUS_KEY: &str = "funnel-lab.previous";
/// The key of the Target panel's question as typed (`analyses::TargetInputs`).
pub const TARGET_KEY: &str = "funnel-lab.target";
/// The key of Compare's two choices (A, then B, on two lines).
pub const COMPARE_KEY: &str = "funnel-lab.compare";
/// The key of the language chosen with the Language select (the next visit starts in it, unless its
/// address says `?lang=`).
pub const LANG_KEY: &str = "funnel-lab.lang";
/// The key of the chosen colour scheme.
pub const THEME_KEY: &str = "funnel-lab.theme";

/// Puts `theme` on `<html data-theme>` (the CSS reads it). Does nothing off the browser.
pub fn apply_theme(theme: &str) {
    set_root_attribute("data-theme", theme);
}

/// Puts the page's language on `<html lang>`, so that screen readers pronounce the text in it (the page
/// starts as `lang="en"`). Does nothing off the browser.
pub fn apply_lang(code: &str) {
    set_root_attribute("lang", code);
}

fn set_root_attribute(name: &str, value: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute(name, value);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (name, value);
}

#[cfg(target_arch = "wasm32")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The stored text, if any.
pub fn load(key: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    {
        storage()?.get_item(key).ok()?
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = key;
        None
    }
}

/// Stores `value` (quietly does nothing when storage is unavailable or full, e.g. in private mode).
pub fn save(key: &str, value: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (key, value);
}
