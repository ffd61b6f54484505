//! The Yew front end: thin function components over [`crate::sim`].
//!
//! App state lives in one reducer ([`state::AppState`] driven by [`state::Action`]), as in yew's
//! `function_todomvc` example; components only render state and dispatch actions. Pure logic (the form,
//! chart geometry, translations, the reducer) has no web imports and is tested natively.

/// `text_el!("th", "scope" = "col"; lang.t(T::Mean))` is `<th scope="col">{ lang.t(T::Mean) }</th>`:
/// an element with fixed attributes and one static text, built by [`text_el`] instead of the code
/// `html!` writes at each element (the same virtual node: attributes in the order `html!` gives them,
/// which puts `class` last).
macro_rules! text_el {
    ($tag:literal $(, $k:literal = $v:literal)* ; $text:expr) => {
        $crate::ui::text_el(
            $tag,
            &[$(($k, $v, ::yew::virtual_dom::ApplyAttributeAs::Attribute)),*],
            $text,
        )
    };
}

/// `el!("td", "class" = "p-beats"; expr)` is `<td class="p-beats">{ expr }</td>`: like [`text_el!`],
/// for a child of any type `html!` takes there (converted at the call site as `html!` converts it).
macro_rules! el {
    ($tag:literal $(, $k:literal = $v:literal)* ; $child:expr) => {
        $crate::ui::el(
            $tag,
            &[$(($k, $v, ::yew::virtual_dom::ApplyAttributeAs::Attribute)),*],
            ::yew::html::IntoPropValue::<::yew::virtual_dom::VNode>::into_prop_value($child),
        )
    };
}

/// `button_el!("id" = "run", "type" = "button"; on_run; lang.t(T::Run))` is
/// `<button id="run" type="button" onclick={on_run}>{ lang.t(T::Run) }</button>`: a button with fixed
/// attributes (`class` last, as `html!` orders it), one click callback and a fixed label, built by
/// [`button_el`] instead of the code `html!` writes at each button.
macro_rules! button_el {
    ($($k:literal = $v:literal),* ; $onclick:expr ; $text:expr) => {
        $crate::ui::button_el(
            ::yew::virtual_dom::Attributes::Static(
                &[$(($k, $v, ::yew::virtual_dom::ApplyAttributeAs::Attribute)),*],
            ),
            $onclick,
            $text,
        )
    };
}

pub mod analyses;
pub mod api;
mod app;
pub mod chart;
pub mod charts;
pub mod controls;
pub mod embed;
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
pub mod tour;

pub use app::{summary_sentence, App, AppProps};

/// See [`text_el!`]: [`el`] with a static text, converted here rather than at each call site.
#[inline(never)]
pub fn text_el(
    tag: &'static str,
    attributes: &'static [(
        &'static str,
        &'static str,
        yew::virtual_dom::ApplyAttributeAs,
    )],
    text: &'static str,
) -> yew::Html {
    el(
        tag,
        attributes,
        yew::html::IntoPropValue::<yew::virtual_dom::VNode>::into_prop_value(text),
    )
}

/// See [`el!`]: what `html!` builds for `<tag attrs..>{ child }</tag>` (`VTag::__new_other` is the
/// constructor the macro calls).
#[inline(never)]
pub fn el(
    tag: &'static str,
    attributes: &'static [(
        &'static str,
        &'static str,
        yew::virtual_dom::ApplyAttributeAs,
    )],
    child: yew::virtual_dom::VNode,
) -> yew::Html {
    use yew::virtual_dom::{Attributes, Listeners, VNode, VTag};
    VNode::from(VTag::__new_other(
        std::borrow::Cow::Borrowed(tag),
        yew::NodeRef::default(),
        None,
        Attributes::Static(attributes),
        Listeners::None,
        child,
    ))
}

/// Keeps the element of `node` at least as tall as it was when last rendered without `keep` (`kept`):
/// while `keep`, its min-height is that height; otherwise it has none and, if `measure` (its content
/// may have changed height since), its height is measured again (a forced layout of the page). For an
/// effect after each render.
#[inline(never)]
pub fn keep_height(node: &yew::NodeRef, kept: &std::cell::RefCell<i32>, keep: bool, measure: bool) {
    if let Some(el) = node.cast::<web_sys::HtmlElement>() {
        let min = if keep {
            format!("{}px", kept.borrow())
        } else {
            String::new()
        };
        set_style(&el, "minHeight", &min);
        if !keep && measure {
            *kept.borrow_mut() = el.offset_height();
        }
    }
}

/// Sets one property of an element's style through the CSSOM, which a Content-Security-Policy
/// without 'unsafe-inline' allows (it refuses a `style` attribute).
#[inline(never)]
/// The method `name` of `obj`, to call by name where web-sys would need one more binding crate
/// feature, or on a script's own object (`FunnelLabCharts`).
pub fn js_method(obj: &wasm_bindgen::JsValue, name: &str) -> Option<js_sys::Function> {
    wasm_bindgen::JsCast::dyn_into(js_sys::Reflect::get(obj, &name.into()).ok()?).ok()
}

pub fn set_style(el: &wasm_bindgen::JsValue, property: &str, value: &str) {
    if let Ok(style) = js_sys::Reflect::get(el, &"style".into()) {
        let _ = js_sys::Reflect::set(&style, &property.into(), &value.into());
    }
}

/// `<option value={value} selected={selected}>{ text }</option>` with a fixed value and text, as `html!`
/// builds it (the value as a plain attribute, then the boolean `selected`), in one place instead of at
/// each option.
pub fn option_el(value: &'static str, selected: bool, text: &'static str) -> yew::Html {
    option_text(value, selected, yew::AttrValue::Static(text))
}

/// [`option_el`] with a text made at run time ("Cumulative revenue ($)").
#[inline(never)]
pub fn option_text(value: &'static str, selected: bool, text: yew::AttrValue) -> yew::Html {
    use yew::virtual_dom::{
        ApplyAttributeAs, AttrValue, Attributes, Listeners, VNode, VTag, VText,
    };
    VNode::from(VTag::__new_other(
        std::borrow::Cow::Borrowed("option"),
        yew::NodeRef::default(),
        None,
        Attributes::Dynamic {
            keys: &["value", "selected"],
            values: Box::new([
                Some((AttrValue::Static(value), ApplyAttributeAs::Attribute)),
                selected.then_some((AttrValue::Static("selected"), ApplyAttributeAs::Attribute)),
            ]),
        },
        Listeners::None,
        VNode::VText(VText::new(text)),
    ))
}

/// See [`button_el!`]: what `html!` builds for `<button attrs.. onclick={onclick}>{ text }</button>`.
#[inline(never)]
pub fn button_el(
    attributes: yew::virtual_dom::Attributes,
    onclick: yew::Callback<yew::MouseEvent>,
    text: &'static str,
) -> yew::Html {
    use yew::virtual_dom::{Listeners, VNode, VTag};
    VNode::from(VTag::__new_other(
        std::borrow::Cow::Borrowed("button"),
        yew::NodeRef::default(),
        None,
        attributes,
        Listeners::Pending(Box::new([yew::html::onclick::Wrapper::__macro_new(
            onclick,
        )])),
        yew::html::IntoPropValue::<VNode>::into_prop_value(text),
    ))
}

/// The page's window; none off the browser (the native SSR tests), where `web_sys::window` panics.
/// A `<select>`'s node ref that keeps its shown choice at `value` after every render: once a user has
/// picked an option, a browser no longer follows the options' `selected` attributes, so a choice
/// that the app makes would not show.
#[yew::hook]
pub fn use_select_value(value: String) -> yew::NodeRef {
    let node = yew::use_node_ref();
    {
        let node = node.clone();
        yew::use_effect(move || {
            if let Some(s) = node.cast::<web_sys::HtmlSelectElement>() {
                if s.value() != value {
                    s.set_value(&value);
                }
            }
        });
    }
    node
}

/// Shows in every `<select>` of the page the option that the app marks `selected`, where the
/// select shows another: once a user has picked an option, a browser no longer follows the options'
/// `selected` attributes, so a Load, an import or a link that changes a choice (the period unit, a
/// stage's "Rate from") would leave the user's last pick on screen. Run after each render of the app.
pub fn sync_selects() {
    let Some(list) = browser_window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector_all("select").ok())
    else {
        return;
    };
    for i in 0..list.length() {
        let Some(s) = list
            .get(i)
            .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(n).ok())
        else {
            continue;
        };
        let marked = s
            .query_selector("option[selected]")
            .ok()
            .flatten()
            .and_then(|o| o.get_attribute("value"));
        if let Some(v) = marked.filter(|v| *v != s.value()) {
            s.set_value(&v);
        }
    }
}

pub fn browser_window() -> Option<web_sys::Window> {
    cfg!(target_arch = "wasm32").then(web_sys::window).flatten()
}

/// Calls `f` on each `event` of the window until the returned function is called (for a `use_effect`'s
/// clean-up). Outside a browser nothing listens.
#[inline(never)]
pub fn on_window(event: &'static str, f: Box<dyn Fn()>) -> impl FnOnce() {
    use wasm_bindgen::JsCast;
    let f = wasm_bindgen::closure::Closure::wrap(f);
    let window = browser_window();
    if let Some(w) = &window {
        let _ = w.add_event_listener_with_callback(event, f.as_ref().unchecked_ref());
    }
    move || {
        if let Some(w) = window {
            let _ = w.remove_event_listener_with_callback(event, f.as_ref().unchecked_ref());
        }
    }
}

/// Whether the results column (`#results`; before it exists, the window less its padding) is too
/// narrow for the charts' 640-unit layout: below 640 px its charts would draw their 11-unit text under
/// 10 px (the tornado, the narrowest, is the column less 60 px: 640 × 10 / 11 = 582), too small on a
/// projector (a 1024 px window's two columns drew it at 9 px). The 400-unit layout's larger text is
/// then 16 px or so. The line is 40 rem, 640 px at the usual 16 px text: a reader who sets the
/// browser's text size to 200% (and not its zoom, which narrows the column in CSS px) would otherwise
/// read the charts' labels at 13 px beside 32 px text.
pub fn narrow_charts() -> bool {
    let Some(window) = browser_window() else {
        return false;
    };
    let column = window
        .document()
        .and_then(|d| d.get_element_by_id("results"))
        .map(|e| f64::from(e.client_width()))
        .filter(|w| *w > 0.0)
        .or_else(|| Some(window.inner_width().ok()?.as_f64()? - 32.0));
    column.is_some_and(|w| w < 40.0 * f64::from(root_font_px(&window)))
}

/// The root element's text size in whole CSS px (16 when it cannot be read), which the browser's text
/// size setting scales.
fn root_font_px(window: &web_sys::Window) -> u32 {
    let read = || {
        let root = window.document()?.document_element()?;
        let style = js_method(window, "getComputedStyle")?
            .call1(window, &root)
            .ok()?;
        let size = js_sys::Reflect::get(&style, &"fontSize".into())
            .ok()?
            .as_string()?;
        size.split(|c: char| !c.is_ascii_digit())
            .next()?
            .parse()
            .ok()
    };
    read().filter(|&px| px > 0).unwrap_or(16)
}

/// After the next render, moves keyboard focus to the element `selector` finds (when it exists), so
/// that focus does not fall back to the page when the button that had it goes away or is disabled.
pub fn focus_soon(selector: String) {
    focus_soon_at(selector, false);
}

/// [`focus_soon`], with the element's top then scrolled to the top of the window: a section taller than
/// the window (the results, on a zoomed page) is otherwise scrolled to wherever the browser's focus
/// scrolling puts it, past its start.
pub fn focus_soon_at(selector: String, top: bool) {
    focus_first_soon(vec![selector], top);
}

/// The first element that one of `selectors` finds in `document`, tried in their order.
pub fn first_found<'a>(
    document: &web_sys::Document,
    selectors: impl IntoIterator<Item = &'a str>,
) -> Option<web_sys::Element> {
    selectors
        .into_iter()
        .find_map(|s| document.query_selector(s).ok().flatten())
}

/// Says `text` in the page's polite live region `#say` (in index.html, so there from the start): a
/// region made with its text already in it (a note that appears after a click) is often not read
/// out. Emptied first, so that the same text said again is read again, and 10 s after, so that what
/// was said is not found again at the page's end (by a screen reader's reading, or a search).
pub fn say(text: String) {
    let region = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("say"));
    if let Some(el) = region {
        el.set_text_content(None);
        gloo::timers::callback::Timeout::new(100, move || {
            el.set_text_content(Some(&text));
            gloo::timers::callback::Timeout::new(10_000, move || {
                if el.text_content().as_deref() == Some(text.as_str()) {
                    el.set_text_content(None);
                }
            })
            .forget();
        })
        .forget();
    }
}

/// [`focus_soon_at`] of the first of `selectors` that the page has (in that order, not the page's).
pub fn focus_first_soon(selectors: Vec<String>, top: bool) {
    gloo::timers::callback::Timeout::new(0, move || {
        let document = web_sys::window().and_then(|w| w.document());
        if let Some(el) = document
            .and_then(|d| first_found(&d, selectors.iter().map(String::as_str)))
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
        {
            let _ = el.focus();
            if top {
                el.scroll_into_view_with_bool(true);
            }
        }
    })
    .forget();
}

/// After the next render, scrolls the element `selector` finds into the window by the least distance
/// (not at all when it is in sight): a note that answers a button below the window's foot.
pub fn reveal_soon(selector: &'static str) {
    gloo::timers::callback::Timeout::new(0, move || {
        let Some(el) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(selector).ok().flatten())
        else {
            return;
        };
        let opts = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&opts, &"block".into(), &"nearest".into());
        if let Some(f) = js_method(&el, "scrollIntoView") {
            let _ = f.call1(&el, &opts);
        }
    })
    .forget();
}

/// Whether a key comes with Alt, Ctrl, Meta or Shift: such keys are the browser's (Alt+← is Back,
/// Ctrl+PageDown the next tab, Shift+Space scrolls back), not a presenter's clicker.
pub fn modified(e: &web_sys::KeyboardEvent) -> bool {
    e.alt_key() || e.ctrl_key() || e.meta_key() || e.shift_key()
}

/// After the next render, scrolls the page up so that `below` (a preset's story) ends above the
/// latest result that shows at the window's foot once the status line is out of sight (6rem), but
/// never so far that `above` (the preset's button) leaves the window's top: scrolled into view, a
/// story ended under that bar, and a tall one took its button off a projected window.
pub fn reveal_below(above: String, below: &'static str) {
    gloo::timers::callback::Timeout::new(0, move || {
        let Some(w) = web_sys::window() else { return };
        let found = |sel: &str| w.document()?.query_selector(sel).ok().flatten();
        let (Some(a), Some(b)) = (found(&above), found(below)) else {
            return;
        };
        let h = w
            .inner_height()
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0);
        let over = b.get_bounding_client_rect().bottom() + 96.0 - h;
        let by = over.min(a.get_bounding_client_rect().top() - 8.0);
        if by > 0.0 {
            w.scroll_by_with_x_and_y(0.0, by);
        }
    })
    .forget();
}

/// Starts the simulation workers early, so their wasm loads while the page renders.
pub fn warm_up_workers() {
    runner::warm_up();
}

/// How the page is shown: the full app, or embedded in another page (`?embed=1`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Embed {
    /// `embed=1`: compact layout without the app's header, saved scenarios, sharing and learn panels, and
    /// without writing to the browser's storage (it must not overwrite the visitor's own working scenario).
    pub on: bool,
    /// `editable=1`: show the inputs (default: results only).
    pub editable: bool,
    /// `inputs=main` (with `editable=1`): only the main inputs, each stage's rate, the new leads and the
    /// revenue per purchase (`controls::MainInputs`), in a frame a blog's column can hold.
    pub main_inputs: bool,
    /// `flow=1`: show the animated flow view.
    pub flow: bool,
    /// `analyses=1`: show the what-if analyses.
    pub analyses: bool,
    /// `theme=light|dark|auto`, if given.
    pub theme: Option<String>,
}

impl Default for Embed {
    fn default() -> Self {
        Embed {
            on: false,
            editable: true,
            main_inputs: false,
            flow: true,
            analyses: true,
            theme: None,
        }
    }
}

/// Reads the embed options from the page's query string (`?embed=1&editable=0&flow=1&analyses=0&theme=dark`).
pub fn embed_options(query: &str) -> Embed {
    let get = |key: &str| {
        query
            .trim_start_matches('?')
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.to_string())
    };
    let flag = |key: &str, default: bool| match get(key).as_deref() {
        Some("1" | "true" | "yes") => true,
        Some("0" | "false" | "no") => false,
        _ => default,
    };
    // The full app reads `?theme=` too (a link to the dark app); its Theme select keeps it up to date.
    let theme = get("theme").filter(|t| matches!(t.as_str(), "light" | "dark" | "auto"));
    if !flag("embed", false) {
        return Embed {
            theme,
            ..Embed::default()
        };
    }
    Embed {
        on: true,
        editable: flag("editable", false),
        main_inputs: get("inputs").as_deref() == Some("main"),
        flow: flag("flow", false),
        analyses: flag("analyses", false),
        theme,
    }
}

/// `?lang=xx` in a query string, if it names a language the app has.
pub fn query_lang(query: &str) -> Option<i18n::Lang> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == "lang")
        .and_then(|(_, v)| i18n::Lang::from_code(v))
}

/// The language to start in: `?lang=xx` in the page URL wins, then the language chosen on an earlier
/// visit (`chosen`, stored by the Language select), then the browser's language, then English.
pub fn initial_lang(
    query: &str,
    chosen: Option<&str>,
    browser_language: Option<&str>,
) -> i18n::Lang {
    query_lang(query)
        .or_else(|| chosen.and_then(i18n::Lang::from_code))
        .or_else(|| browser_language.and_then(i18n::Lang::from_code))
        .unwrap_or_default()
}

/// `query` with its `key` parameter set to `value`: replaced where it is, or added at the end; the other
/// parameters stay as they are, in their order.
pub fn with_param(query: &str, key: &str, value: &str) -> String {
    let new = format!("{key}={value}");
    let mut parts: Vec<&str> = Vec::new();
    let mut placed = false;
    for kv in query.trim_start_matches('?').split('&') {
        if kv.split('=').next() == Some(key) {
            if !placed {
                parts.push(&new);
                placed = true;
            }
        } else if !kv.is_empty() {
            parts.push(kv);
        }
    }
    if !placed {
        parts.push(&new);
    }
    format!("?{}", parts.join("&"))
}

/// While `active`, calls `handler` with every keydown in the document (Escape closing something
/// wherever the focus is); returns the effect's cleanup, which removes the listener.
pub fn document_keydown(
    active: bool,
    handler: impl Fn(web_sys::KeyboardEvent) + 'static,
) -> impl FnOnce() {
    use wasm_bindgen::JsCast;
    let listener = active
        .then(web_sys::window)
        .flatten()
        .and_then(|w| w.document())
        .map(|document| {
            let on_key =
                wasm_bindgen::closure::Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(handler);
            let _ = document
                .add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
            (document, on_key)
        });
    move || {
        if let Some((document, on_key)) = listener {
            let _ = document
                .remove_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
        }
    }
}

/// The longest an answer waits for a press to end: one whose release the page never hears (let go
/// outside an embed's frame, say) holds nothing for longer.
const PRESS_HOLD_MS: u32 = 3_000;

/// Whether a pointer is pressed on the page, and what waits for its release ([`after_press`]).
#[derive(Default)]
struct Presses {
    watched: bool,
    down: bool,
    held: Vec<Box<dyn FnOnce()>>,
    /// Delivers `held` after [`PRESS_HOLD_MS`] if no release comes first.
    limit: Option<gloo::timers::callback::Timeout>,
}

thread_local! {
    static PRESSES: std::cell::RefCell<Presses> = std::cell::RefCell::new(Presses::default());
}

/// Calls `f` now or, while a pointer is pressed on the page, right after its release (and the click
/// the release makes). For what changes the page's layout on its own, as an analysis' answer does (a
/// chart row more, a sentence a line longer): moved between pointerdown and pointerup, the button under
/// the pointer loses its click. Presses are watched from the first call of [`watch_presses`] on.
pub fn after_press(f: impl FnOnce() + 'static) {
    let f: Box<dyn FnOnce()> = Box::new(f);
    let now = PRESSES.with(|p| {
        let mut p = p.borrow_mut();
        if !p.down {
            return Some(f);
        }
        if p.limit.is_none() {
            p.limit = Some(gloo::timers::callback::Timeout::new(
                PRESS_HOLD_MS,
                release_held,
            ));
        }
        p.held.push(f);
        None
    });
    if let Some(f) = now {
        f();
    }
}

/// Calls what waited for a press to end.
fn release_held() {
    let held = PRESSES.with(|p| {
        let mut p = p.borrow_mut();
        p.limit = None;
        std::mem::take(&mut p.held)
    });
    for f in held {
        f();
    }
}

/// Starts watching presses for [`after_press`] (once; later calls do nothing).
pub fn watch_presses() {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    if PRESSES.with(|p| std::mem::replace(&mut p.borrow_mut().watched, true)) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let press = |down: bool| {
        Closure::<dyn Fn()>::new(move || {
            PRESSES.with(|p| p.borrow_mut().down = down);
            if !down {
                // After the click, which follows the release in the same task.
                gloo::timers::callback::Timeout::new(0, release_held).forget();
            }
        })
        .into_js_value()
    };
    let (down, up) = (press(true), press(false));
    // In the capture phase: a handler that stops an event's propagation does not hide it. The window's
    // own blur (the user went to another window) ends a press too; not in the capture phase, where the
    // blur of the element the press takes the focus from would end it.
    for (kind, f, capture) in [
        ("pointerdown", &down, true),
        ("pointerup", &up, true),
        ("pointercancel", &up, true),
        ("blur", &up, false),
    ] {
        let _ = window.add_event_listener_with_callback_and_bool(kind, f.unchecked_ref(), capture);
    }
}

/// What the page's title puts before the scenario's name ("Funnel Lab: My funnel"); chart downloads
/// read the name back from the title.
pub const TITLE_PREFIX: &str = "Funnel Lab: ";

/// `query` without its `key=…` parameters ("" when nothing is left).
pub fn without_param(query: &str, key: &str) -> String {
    let kept: Vec<&str> = query
        .trim_start_matches('?')
        .split('&')
        .filter(|kv| !kv.is_empty() && kv.split('=').next() != Some(key))
        .collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
}

/// `?lang=` in the page address, if any. Off the browser (SSR tests) there is none.
pub fn lang_in_address() -> Option<i18n::Lang> {
    query_lang(&browser_window()?.location().search().ok()?)
}

/// The app's entry in the browser's history at the current position ([`state::AppState::history_entry`]),
/// if it has one.
pub fn history_entry() -> Option<String> {
    browser_window()?.history().ok()?.state().ok()?.as_string()
}

/// Whether the page was loaded by Back or Forward from another page (its navigation's `type`), not by a
/// link, the address bar or a reload.
pub fn reached_by_back_forward() -> bool {
    let Some(performance) = browser_window().and_then(|w| w.performance()) else {
        return false;
    };
    let entry = performance.get_entries_by_type("navigation").get(0);
    js_sys::Reflect::get(&entry, &"type".into())
        .ok()
        .and_then(|t| t.as_string())
        .is_some_and(|t| t == "back_forward")
}

/// How long edits that follow an edit wait to be written into the history entry: `history.replaceState`
/// took 8–9 ms a call in headless Chromium here, at every keystroke. The pause a typed edit's run waits
/// for, so that Back or Forward pressed once a run has started finds the edit written.
const HISTORY_PAUSE_MS: u32 = runner::DEBOUNCE_MS;

thread_local! {
    /// Edits follow an edit written less than [`HISTORY_PAUSE_MS`] ago: the latest one's entry, if any
    /// came, and the timer that writes it.
    static PENDING_ENTRY: std::cell::RefCell<Option<(Option<String>, gloo::timers::callback::Timeout)>> =
        const { std::cell::RefCell::new(None) };
}

/// Writes `entry` into the current history entry, or into a new one after it when `new` (and the current
/// one is the app's, with another scenario: a link opened in the running app has an entry of the
/// browser's already). An edit (not `new`) after a pause is written at once (a single edit, a paste or
/// a pick, is in the entry before Back can be pressed); the edits that follow it within
/// [`HISTORY_PAUSE_MS`] of each other (typing) are written once they stop, or at once when the page is
/// hidden or left ([`flush_history_entry`]), a new entry is made, or Back may come
/// ([`flush_history_before_leaving`]). (Back that gives no such sign within that pause, the page's own
/// `history.back()` or a touch gesture, leaves the last keys typed out of the entry left.)
pub fn record_history_entry(entry: &str, new: bool) {
    if new {
        flush_history_entry();
        write_history_entry(entry, true);
        return;
    }
    let timeout = gloo::timers::callback::Timeout::new(HISTORY_PAUSE_MS, flush_history_entry);
    let follows = PENDING_ENTRY.with(|p| p.borrow().is_some());
    let waiting = follows.then(|| entry.to_string());
    if !follows {
        write_history_entry(entry, false);
    }
    PENDING_ENTRY.with(|p| *p.borrow_mut() = Some((waiting, timeout)));
}

/// Writes the edit's history entry that waits, if any.
pub fn flush_history_entry() {
    if let Some((Some(entry), _)) = PENDING_ENTRY.with(|p| p.borrow_mut().take()) {
        write_history_entry(&entry, false);
    }
}

/// Writes the edit's history entry that waits ([`flush_history_entry`]) at the first sign that Back or
/// Forward may come: a key with Alt or the Command key (Alt+Left, Cmd+[), a mouse's Back or Forward
/// button, the pointer leaving the page (for the browser's own buttons). By the time the page hears of
/// Back (`popstate`), the entry left can no longer be written: "130" typed and Back pressed within the
/// pause left "1" in it, a valid rate that Forward then ran. Returns what removes the listeners.
pub fn flush_history_before_leaving() -> impl FnOnce() {
    use wasm_bindgen::JsCast;
    let f = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
        // (Read by name: the event types' own bindings added about 200 bytes gzipped.)
        let get = |key: &str| js_sys::Reflect::get(&e, &key.into()).unwrap_or_default();
        let leaving = match e.type_().as_str() {
            "keydown" => get("altKey").is_truthy() || get("metaKey").is_truthy(),
            "mousedown" => get("button").as_f64().is_some_and(|b| b >= 3.0),
            _ => get("relatedTarget").is_null(),
        };
        if leaving {
            flush_history_entry();
        }
    });
    const EVENTS: [&str; 3] = ["keydown", "mousedown", "mouseout"];
    let window = browser_window();
    if let Some(w) = &window {
        for event in EVENTS {
            let _ = w.add_event_listener_with_callback(event, f.as_ref().unchecked_ref());
        }
    }
    move || {
        if let Some(w) = window {
            for event in EVENTS {
                let _ = w.remove_event_listener_with_callback(event, f.as_ref().unchecked_ref());
            }
        }
    }
}

/// Drops the edit's history entry that waits, if any: after Back or Forward the current entry is
/// another one, which it must not overwrite.
pub fn drop_history_entry() {
    PENDING_ENTRY.with(|p| p.borrow_mut().take());
}

fn write_history_entry(entry: &str, new: bool) {
    let Some(history) = browser_window().and_then(|w| w.history().ok()) else {
        return;
    };
    let current = history.state().ok().and_then(|s| s.as_string());
    let value = wasm_bindgen::JsValue::from_str(entry);
    if new && current.is_some_and(|c| c != entry) {
        let _ = history.push_state(&value, "");
    } else {
        let _ = history.replace_state(&value, "");
    }
}

/// After Back or Forward: the address of the history entry reached says the language and theme shown, as
/// the page's (they stay as the user chose them; a reload then keeps them), where it names them.
pub fn keep_lang_and_theme_in_address() {
    let Some(root) = browser_window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    for (key, attribute) in [("lang", "lang"), ("theme", "data-theme")] {
        if let Some(value) = root.get_attribute(attribute) {
            set_in_address_with(key, &value, false);
        }
    }
}

/// Puts `key=value` in the page address (the rest of the address as it is; no reload, no history entry),
/// so that a reload keeps what the user chose: always for `lang`; for `theme` only when the address
/// already names one (the browser's storage keeps the theme otherwise).
pub fn set_in_address(key: &str, value: &str) {
    set_in_address_with(key, value, key == "lang");
}

/// [`set_in_address`]; where the address does not name `key`, only when `always`.
fn set_in_address_with(key: &str, value: &str, always: bool) {
    let Some(window) = browser_window() else {
        return;
    };
    let loc = window.location();
    let (Ok(path), Ok(query), Ok(hash), Ok(history)) =
        (loc.pathname(), loc.search(), loc.hash(), window.history())
    else {
        return;
    };
    if !always
        && !query
            .trim_start_matches('?')
            .split('&')
            .any(|kv| kv.split('=').next() == Some(key))
    {
        return;
    }
    let url = format!("{path}{}{hash}", with_param(&query, key, value));
    let state = history.state().unwrap_or(wasm_bindgen::JsValue::NULL);
    let _ = history.replace_state_with_url(&state, "", Some(&url));
}

#[cfg(test)]
mod tests {
    use super::i18n::Lang;
    use super::initial_lang;

    #[test]
    fn embed_options_from_the_query() {
        use super::{embed_options, Embed};
        assert_eq!(embed_options("?lang=nl"), Embed::default());
        // The full app takes the theme too, and stays the full app.
        let app = embed_options("?theme=dark&lang=nl");
        assert_eq!(app.theme.as_deref(), Some("dark"));
        assert!(!app.on && app.editable && app.flow && app.analyses);
        let e = embed_options("?embed=1&flow=1&theme=dark&editable=0");
        assert!(e.on && e.flow && !e.editable && !e.analyses);
        assert_eq!(e.theme.as_deref(), Some("dark"));
        assert_eq!(embed_options("?embed=1&theme=<x>").theme, None);
        assert!(embed_options("?embed=true&editable=yes").editable);
        assert!(embed_options("?embed=1&editable=1&inputs=main").main_inputs);
        assert!(!embed_options("?embed=1&editable=1&inputs=all").main_inputs);
        assert!(!embed_options("?inputs=main").main_inputs);
    }

    #[test]
    fn query_beats_browser_language() {
        assert_eq!(initial_lang("?lang=nl", None, Some("en-US")), Lang::Nl);
        assert_eq!(initial_lang("?x=1&lang=en", None, Some("nl-NL")), Lang::En);
        assert_eq!(initial_lang("", None, Some("nl-NL")), Lang::Nl);
        assert_eq!(initial_lang("?lang=fr", None, Some("de")), Lang::En);
        // A language chosen on an earlier visit comes before the browser's, after the address's.
        assert_eq!(initial_lang("", Some("nl"), Some("en-US")), Lang::Nl);
        assert_eq!(initial_lang("?lang=en", Some("nl"), None), Lang::En);
        assert_eq!(initial_lang("", Some("xx"), Some("nl-NL")), Lang::Nl);
    }

    #[test]
    fn the_lang_parameter_is_set_and_the_rest_of_the_query_kept() {
        let with_lang = |q, code| super::with_param(q, "lang", code);
        assert_eq!(with_lang("", "nl"), "?lang=nl");
        assert_eq!(with_lang("?", "en"), "?lang=en");
        assert_eq!(with_lang("?lang=nl", "en"), "?lang=en");
        assert_eq!(
            with_lang("?x=1&lang=nl&y=a%20b", "en"),
            "?x=1&lang=en&y=a%20b"
        );
        assert_eq!(with_lang("?embed=1&flag", "nl"), "?embed=1&flag&lang=nl");
        assert_eq!(with_lang("?lang=nl&x=1&lang=fr", "en"), "?lang=en&x=1");
        assert_eq!(with_lang("?language=nl&lang", "en"), "?language=nl&lang=en");
    }

    #[test]
    fn a_parameter_is_left_out_and_the_rest_of_the_query_kept() {
        let no_theme = |q| super::without_param(q, "theme");
        assert_eq!(no_theme(""), "");
        assert_eq!(no_theme("?theme=dark"), "");
        assert_eq!(no_theme("?lang=nl&theme=dark&x"), "?lang=nl&x");
        assert_eq!(no_theme("?themes=1&theme&theme=light"), "?themes=1");
    }
}
