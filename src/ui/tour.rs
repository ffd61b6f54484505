//! A short guided tour: a few steps, each pointing at one part of the page with a sentence or two about
//! what it is for. The step's part is scrolled into view and outlined; the tour box stays at the top of
//! the screen in one column (the part just below it) and beside the part in two, with Back / Next /
//! Close, and Escape closes it. Closing it puts the focus back on the button
//! that started it. The box is not modal: js/tour-box.js moves it to the other end of the window (or
//! scrolls) when it would cover the element that has the focus.

use yew::prelude::*;

use super::i18n::{Lang, T};

/// (CSS selectors of the part, the first found of `|`-separated ones; title, text).
pub const STEPS: &[(&str, T, T)] = &[
    (".stages-panel", T::TourStagesTitle, T::TourStagesText),
    (".general", T::TourGeneralTitle, T::TourGeneralText),
    (".flywheel-panel", T::TourFlywheelTitle, T::TourFlywheelText),
    ("#customers-chart", T::TourBandsTitle, T::TourBandsText),
    // The chart the step speaks of once it is there: on a phone the panel's top was placed under the
    // box, with its explanation, and the chart below the window.
    (
        "#tornado-chart|#bottlenecks",
        T::TourLeverTitle,
        T::TourLeverText,
    ),
    ("#share", T::TourShareTitle, T::TourShareText),
];

const HIGHLIGHT: &str = "tour-highlight";

fn highlight(selector: Option<&str>) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(list) = document.query_selector_all(&format!(".{HIGHLIGHT}")) {
        for i in 0..list.length() {
            if let Some(el) = list
                .get(i)
                .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
            {
                let _ = el.class_list().remove_1(HIGHLIGHT);
                // (Not the style attribute: the page's CSP refuses it, and the bottleneck panel
                // keeps its height there.)
                super::set_style(&el, "scrollMarginTop", "");
            }
        }
    }
    if let Some(el) = selector.and_then(|s| super::first_found(&document, s.split('|'))) {
        let _ = el.class_list().add_1(HIGHLIGHT);
        // In one column (a phone, a tablet) the box sits at the top of the screen (CSS): the part
        // scrolls to just below it instead of under it. (Two columns: the box is in the other one.)
        let one_column = window_width() < 960.0;
        let box_height = document
            .get_element_by_id("tour-box")
            .and_then(|b| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(b).ok())
            .map(|b| b.offset_height());
        if let (true, Some(h)) = (one_column, box_height) {
            super::set_style(&el, "scrollMarginTop", &format!("{}px", h + 24));
        }
        el.scroll_into_view();
    }
}

/// The window's width in CSS pixels (0 without a window).
fn window_width() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_width().ok())
        .and_then(|w| w.as_f64())
        .unwrap_or(0.0)
}

#[derive(Properties, PartialEq)]
pub struct TourProps {
    pub lang: Lang,
}

#[function_component(Tour)]
pub fn tour(p: &TourProps) -> Html {
    let lang = p.lang;
    let step = use_state(|| None::<usize>);
    // Whether the tour was open at the last render: closing it puts the focus back on its start button.
    let was_open = use_mut_ref(|| false);
    {
        let step = *step;
        use_effect_with(step, move |s| {
            highlight(s.map(|i| STEPS[i].0));
            // A new step's text from its start (in a short window it scrolls within the box), before
            // anyone can read it: the same <p> took the new text.
            if let Some(text) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("tour-text"))
            {
                text.set_scroll_top(0);
            }
            // Where the focus is now: in the page (Escape pressed in a field) it stays there.
            let in_page = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .is_some_and(|a| a.tag_name() != "BODY");
            let focus = if s.is_some() {
                Some("tour-box")
            } else if was_open.replace(false) && !in_page {
                // Closed from the box (Escape, Close or Done): the focus fell back to <body>.
                Some("tour-start")
            } else {
                None
            };
            *was_open.borrow_mut() = s.is_some();
            if let Some(el) = focus
                .and_then(|id| web_sys::window()?.document()?.get_element_by_id(id))
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                let _ = el.focus();
            }
            // When the window's width changes (a phone or tablet turned), the step's part is placed
            // again as when the step opened: below the box in one column (js/tour-box.js puts the box
            // back where the stylesheet has it). Not for a change of height only (a phone's address bar).
            let width = std::cell::Cell::new(window_width());
            let off = s.map(|i| {
                super::on_window(
                    "resize",
                    Box::new(move || {
                        let w = window_width();
                        if w != width.replace(w) {
                            highlight(Some(STEPS[i].0));
                        }
                    }),
                )
            });
            move || {
                if let Some(off) = off {
                    off();
                }
            }
        });
    }
    {
        // Escape closes the tour wherever the focus is (the box is not modal: Tab leaves it).
        let step = step.clone();
        use_effect_with(*step, move |&at| {
            super::document_keydown(at.is_some(), move |e: KeyboardEvent| {
                let key = e.key();
                if key == "Escape" {
                    step.set(None);
                    return;
                }
                // With the focus in the box (a step puts it on the box), the arrow, page and space
                // keys scroll its text when it scrolls, not the page behind it (at 200% zoom the box
                // showed 2.5 lines of a step, and ArrowDown moved the page and the part it explains).
                // A presenter's clicker (PageDown / PageUp, or → / ←) goes to the next or previous
                // step, PageDown once the text is read to its end: it scrolled the page, and the
                // part the box points at, off a projected screen.
                let doc = web_sys::window().and_then(|w| w.document());
                let active = doc.as_ref().and_then(|d| d.active_element());
                let in_box = active
                    .as_ref()
                    .is_some_and(|a| a.closest("#tour-box").ok().flatten().is_some());
                // Not with a modifier (the app's presets are history entries: Alt+← is Back).
                let (Some(i), Some(doc), true, false) = (at, doc, in_box, super::modified(&e))
                else {
                    return;
                };
                let on_box = active.is_some_and(|a| a.id() == "tour-box");
                let text = doc
                    .get_element_by_id("tour-text")
                    .filter(|t| t.scroll_height() > t.client_height());
                let (top, end) = text.as_ref().map_or((0, 0), |t| {
                    (t.scroll_top(), t.scroll_height() - t.client_height() - 1)
                });
                let page = text.as_ref().map_or(0, |t| t.client_height() * 9 / 10);
                let (by, to) = match key.as_str() {
                    "ArrowRight" => (0, i + 1),
                    "ArrowLeft" => (0, i.wrapping_sub(1)),
                    "PageDown" if top < end => (page, i),
                    "PageDown" => (0, i + 1),
                    "PageUp" if top > 0 => (-page, i),
                    "PageUp" => (0, i.wrapping_sub(1)),
                    "ArrowDown" if on_box && page > 0 => (40, i),
                    "ArrowUp" if on_box && page > 0 => (-40, i),
                    " " if on_box && page > 0 => (page, i),
                    _ => return,
                };
                e.prevent_default();
                // A held key (reading a long step at 200% zoom) scrolls to the text's end and stops
                // there: its repeats do not run through the steps.
                if let (Some(t), true) = (text, by != 0) {
                    t.set_scroll_top(top + by);
                } else if to != i && to < STEPS.len() && !e.repeat() {
                    step.set(Some(to));
                }
            })
        });
    }
    let go = |to: Option<usize>| {
        let step = step.clone();
        Callback::from(move |_: MouseEvent| step.set(to))
    };
    let start = go(Some(0));
    let Some(i) = *step else {
        return html! {
            { button_el!("id" = "tour-start", "type" = "button", "class" = "secondary"; start; lang.t(T::TourStart)) }
        };
    };
    let (_, title, text) = STEPS[i];
    let last = i + 1 == STEPS.len();
    html! {
        <>
            { button_el!("id" = "tour-start", "type" = "button", "class" = "secondary"; go(Some(0)); lang.t(T::TourStart)) }
            <div id="tour-box" class="tour-box" role="dialog" aria-modal="false" aria-labelledby="tour-title" tabindex="-1">
                { el!("p", "class" = "tour-count"; format!("{} {} {} {}", lang.t(T::TourStep), i + 1, lang.t(T::Of), STEPS.len())) }
                { el!("h2", "id" = "tour-title"; lang.t(title)) }
                { el!("p", "id" = "tour-text"; lang.t(text)) }
                <div class="button-row">
                    <button id="tour-back" type="button" class="secondary" onclick={go(i.checked_sub(1))} disabled={i == 0}>{ lang.t(T::TourBack) }</button>
                    if last {
                        { button_el!("id" = "tour-next", "type" = "button"; go(None); lang.t(T::TourDone)) }
                    } else {
                        { button_el!("id" = "tour-next", "type" = "button"; go(Some(i + 1)); lang.t(T::TourNext)) }
                    }
                    { button_el!("id" = "tour-close", "type" = "button", "class" = "link"; go(None); lang.t(T::TourClose)) }
                </div>
            </div>
        </>
    }
}
