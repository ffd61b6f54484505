//! The working scenario in `localStorage`, so it survives a reload (and in the tab's
//! `sessionStorage`, so that a reload shows this tab's, see [`TAB_KEYS`]). Off the browser (SSR tests) there
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
/// The key of the inputs as typed that Restore gives back with [`PREVIOUS_KEY`]'s scenario (they were
/// not a valid scenario when it was replaced; a draft, empty when none).
pub const PREVIOUS_DRAFT_KEY: &str = "funnel-lab.previous-draft";
/// The key of the Target panel's question as typed (`analyses::TargetInputs`).
pub const TARGET_KEY: &str = "funnel-lab.target";
/// The key of the Target question that a link's question replaced, kept with [`PREVIOUS_KEY`]'s
/// scenario (empty when none).
pub const PREVIOUS_TARGET_KEY: &str = "funnel-lab.previous-target";
/// The key of the name typed in the Save box and not saved yet (this tab's only).
pub const SAVE_NAME_KEY: &str = "funnel-lab.save-name";
/// The key of the teaching preset the working scenario was loaded as (empty when none): its story
/// stays over a reload.
pub const PRESET_KEY: &str = "funnel-lab.preset";
/// The key of Compare's two choices (A, then B, on two lines).
pub const COMPARE_KEY: &str = "funnel-lab.compare";
/// The key of the language chosen with the Language select (the next visit starts in it, unless its
/// address says `?lang=`).
pub const LANG_KEY: &str = "funnel-lab.lang";
/// The key of the teaching preset an editable embed's stored scenario started from (in its
/// [`EmbedStore`]; empty when none).
pub const EMBED_PRESET_KEY: &str = "preset";
/// Set (in its [`EmbedStore`]) by an editable embed's "Back to the original" for the reload it
/// makes: the focus goes back to that button.
pub const EMBED_RESET_KEY: &str = "reset";
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

/// What one tab works on: kept in the tab's `sessionStorage` and read from there first, so that a
/// reload shows what this tab had, not what another tab of the app stored last. A change made in the
/// tab also copies the tab's whole working set to `localStorage`, where a new tab starts from: the set
/// of the tab that changed it last, never a mix of two tabs (one tab's typed text over another's
/// scenario). A reload, which changes none of them, copies nothing.
pub const TAB_KEYS: [&str; 3] = [SCENARIO_KEY, DRAFT_KEY, PRESET_KEY];

/// The tab's own first too, but each stored for new tabs on its own when it changes here (a choice
/// that another tab's deletion or rename changes in an idle tab does not make that tab's working set
/// the one new tabs start from). The language is kept for the tab also when it was not chosen there,
/// so that a reload of a tab at the bare address keeps the language it showed.
pub const TAB_FIRST_KEYS: [&str; 3] = [TARGET_KEY, COMPARE_KEY, LANG_KEY];

/// Kept for the tab only (a new tab did not replace anything, so it offers no Restore).
pub const TAB_ONLY_KEYS: [&str; 4] = [
    PREVIOUS_KEY,
    PREVIOUS_DRAFT_KEY,
    PREVIOUS_TARGET_KEY,
    SAVE_NAME_KEY,
];

#[cfg(target_arch = "wasm32")]
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

#[cfg(target_arch = "wasm32")]
fn tab_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// Whether this tab keeps a copy of `key` ([`TAB_KEYS`], [`TAB_FIRST_KEYS`], [`TAB_ONLY_KEYS`]).
#[cfg(target_arch = "wasm32")]
fn per_tab(key: &str) -> bool {
    TAB_KEYS.contains(&key) || TAB_FIRST_KEYS.contains(&key) || TAB_ONLY_KEYS.contains(&key)
}

/// The stored text, if any: this tab's copy of a per-tab key when it has one, else the one stored
/// last by any tab; a [`TAB_ONLY_KEYS`] key's only from this tab.
pub fn load(key: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    if per_tab(key) {
        let own = tab_storage().and_then(|s| s.get_item(key).ok().flatten());
        if own.is_some() || TAB_ONLY_KEYS.contains(&key) {
            return own;
        }
    }
    load_shared(key)
}

/// Keeps `value` as this tab's copy of `key` only (what a reload of the tab reads first).
pub fn keep_for_tab(key: &str, value: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(tab) = tab_storage() {
        let _ = tab.set_item(key, value);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (key, value);
}

/// The text stored last by any tab, if any (what a `storage` event from another tab announces).
pub fn load_shared(key: &str) -> Option<String> {
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

/// Stores `value` (for a per-tab key in this tab's copy, see [`TAB_KEYS`], [`TAB_FIRST_KEYS`],
/// [`TAB_ONLY_KEYS`]); false when it could not (storage blocked, as in a browser that keeps no site
/// data, or full), which the page then says once ([`super::state::Notice::NotKept`]).
pub fn save(key: &str, value: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        let (Some(local), tab) = (storage(), tab_storage()) else {
            return false;
        };
        if TAB_ONLY_KEYS.contains(&key) {
            return tab.is_some_and(|t| t.set_item(key, value).is_ok());
        }
        let Some(tab) = tab.filter(|_| per_tab(key)) else {
            return local.set_item(key, value).is_ok();
        };
        if tab.get_item(key).ok().flatten().as_deref() == Some(value) {
            // Nothing new from this tab (a reload puts back what it had).
            return true;
        }
        let _ = tab.set_item(key, value);
        if TAB_FIRST_KEYS.contains(&key) {
            return local.set_item(key, value).is_ok();
        }
        TAB_KEYS
            .iter()
            .all(|k| match tab.get_item(k).ok().flatten() {
                Some(v) => local.set_item(k, &v).is_ok(),
                None => true,
            })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (key, value);
        true
    }
}

/// Where an editable embed keeps its reader's edits: in the tab's `sessionStorage`, under its own
/// address (`?embed=…#s=…`, so that two embeds of different scenarios keep theirs apart), so that a
/// reload or Back and Forward in the host page keep them, while the visitor's stored scenario (the
/// full app's `localStorage`) stays untouched and a new visit starts from the author's scenario.
#[derive(Clone, PartialEq)]
pub struct EmbedStore(String);

impl EmbedStore {
    /// The store of this embed's address (none off the browser).
    pub fn here() -> Option<EmbedStore> {
        let loc = super::browser_window()?.location();
        let (search, hash) = (loc.search().ok()?, loc.hash().ok()?);
        Some(EmbedStore(format!("funnel-lab.embed{search}{hash}|")))
    }

    /// The stored text of `key` (e.g. [`SCENARIO_KEY`]), if any.
    pub fn load(&self, key: &str) -> Option<String> {
        let s = super::browser_window()?.session_storage().ok()??;
        s.get_item(&format!("{}{key}", self.0)).ok()?
    }

    /// Stores `value` under `key` (quietly does nothing without storage).
    pub fn save(&self, key: &str, value: &str) {
        if let Some(Ok(Some(s))) = super::browser_window().map(|w| w.session_storage()) {
            let _ = s.set_item(&format!("{}{key}", self.0), value);
        }
    }

    /// Drops everything this embed keeps, so that it opens with its author's scenario again.
    pub fn clear(&self) {
        if let Some(Ok(Some(s))) = super::browser_window().map(|w| w.session_storage()) {
            let n = s.length().unwrap_or(0);
            let keys: Vec<String> = (0..n)
                .filter_map(|i| s.key(i).ok().flatten())
                .filter(|k| k.starts_with(&self.0))
                .collect();
            for k in keys {
                let _ = s.remove_item(&k);
            }
        }
    }
}
