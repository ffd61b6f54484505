//! The browser entry point: picks the language, mounts the Yew app into `<main id="app">`.

use funnel_lab::ui::{initial_lang, App, AppProps};

fn main() {
    funnel_lab::ui::panic::install_panic_hook();
    let window = web_sys::window();
    let query = window
        .as_ref()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let browser = window.as_ref().and_then(|w| w.navigator().language());
    let props = AppProps {
        lang: initial_lang(&query, browser.as_deref()),
    };
    let root = window
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => {
            root.set_inner_html("");
            yew::Renderer::<App>::with_root_and_props(root, props).render();
        }
        None => {
            yew::Renderer::<App>::with_props(props).render();
        }
    }
}
