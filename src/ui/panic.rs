//! A panic must never leave a frozen page: the hook logs the message to the console and shows an
//! error panel with the message and a reload button. It builds the panel with plain DOM calls,
//! because after a panic the Yew app can no longer be trusted to render anything.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// The id of the panel element, so tests and styles can find it.
pub const PANEL_ID: &str = "panic-panel";

/// Installs the hook. Later panics go to [`show_panel`] and to the console.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("Faultlab panicked: {message}").into());
        show_panel(&message);
    }));
}

/// Shows (or replaces) the error panel with `message`. Does nothing when there is no document.
pub fn show_panel(message: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    if let Some(old) = document.get_element_by_id(PANEL_ID) {
        old.remove();
    }
    // A panic while starting: the panel says what happened instead of "Loading Faultlab…".
    if let Some(loading) = document.get_element_by_id("loading") {
        loading.remove();
    }
    let build = || -> Result<(), wasm_bindgen::JsValue> {
        let panel = document.create_element("section")?;
        panel.set_id(PANEL_ID);
        panel.set_attribute("role", "alert")?;
        let heading = document.create_element("h2")?;
        heading.set_text_content(Some("Faultlab stopped because of an internal error"));
        let explain = document.create_element("p")?;
        explain.set_text_content(Some(
            "This is a bug in Faultlab, not something you did. Your saved work stays in this browser; \
             reloading the page starts again from it.",
        ));
        let detail = document.create_element("pre")?;
        detail.set_text_content(Some(message));
        let reload: web_sys::HtmlElement = document.create_element("button")?.dyn_into()?;
        reload.set_text_content(Some("Reload the page"));
        reload.set_class_name("primary");
        let on_click = Closure::<dyn Fn()>::new(|| {
            if let Some(window) = web_sys::window() {
                let _ = window.location().reload();
            }
        });
        reload.set_onclick(Some(on_click.as_ref().unchecked_ref()));
        // The panel lives until the page reloads, so the handler must too.
        on_click.forget();
        panel.append_child(&heading)?;
        panel.append_child(&explain)?;
        panel.append_child(&detail)?;
        panel.append_child(&reload)?;
        body.append_child(&panel)?;
        Ok(())
    };
    if build().is_err() {
        web_sys::console::error_1(&"Faultlab could not show its error panel".into());
    }
}
