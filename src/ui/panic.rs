//! Panic hook: a panic is a bug, and the user must see that something went wrong instead of a frozen page.
//! The hook writes the panic to the console and, when a document exists (the main thread, not a worker),
//! shows it in a fixed banner on the page.

use wasm_bindgen::JsCast;

/// Text shown above the panic message, in both languages the app speaks.
pub const FATAL_ERROR_TITLE: &str =
    "Funnel Lab stopped because of an internal error. Please reload the page. \
     / Funnel Lab is gestopt door een interne fout. Laad de pagina opnieuw.";

/// Global property holding the last panic message (read by `js/worker.js`).
pub const LAST_PANIC_GLOBAL: &str = "__funnelLabLastPanic";

/// Installs the hook. Safe to call more than once.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("Funnel Lab panicked: {message}").into());
        // A worker's script reads this to report the panic, not just "unreachable", to the page.
        let _ = js_sys::Reflect::set(
            &js_sys::global(),
            &LAST_PANIC_GLOBAL.into(),
            &message.as_str().into(),
        );
        show_fatal_error(&message);
    }));
}

fn show_fatal_error(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return; // in a worker: the console line is all we can do here
    };
    let Some(body) = document.body() else { return };
    let banner = match document.get_element_by_id("fatal-error") {
        Some(existing) => existing,
        None => match document.create_element("div") {
            Ok(el) => el,
            Err(_) => return,
        },
    };
    banner.set_id("fatal-error");
    banner.set_class_name("fatal-error");
    let _ = banner.set_attribute("role", "alert");
    // text_content, never inner_html: the message may contain user-provided names.
    banner.set_text_content(Some(&format!("{FATAL_ERROR_TITLE}\n{message}")));
    if let Ok(node) = banner.dyn_into::<web_sys::Node>() {
        let _ = body.append_child(&node);
    }
}
