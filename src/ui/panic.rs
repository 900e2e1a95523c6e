//! A panic must never leave a frozen page: it shows an error panel with a reload button. The panel
//! is built with plain DOM calls, because after a panic the Yew app can no longer be trusted to
//! render anything.
//!
//! Two builds, two ways to get there. The test builds panic with a message: the hook logs it and
//! shows it. The release build (`tests/scripts/build.sh`) stops at a panic at once, without
//! formatting a message (`-C panic=immediate-abort`; with the rebuilt standard library, 45 KB gzip
//! less): the module traps, the browser reports a `WebAssembly.RuntimeError` to the window as an
//! uncaught error, and a listener shows the panel. The module stays callable after a trap, and the
//! panel touches nothing of Yew's.
//!
//! The listener also stops on any other uncaught error whose stack passes through the module: a
//! stack overflow inside it (a `RangeError`), or a JavaScript error thrown into it. Such an error
//! leaves Rust code half run, with no destructor run after it, so nothing the module holds can be
//! trusted any more. An error in the page's own scripts (no module frame in its stack) is not ours.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// The id of the panel element, so tests and styles can find it.
pub const PANEL_ID: &str = "panic-panel";

/// What the panel says when the module stopped, after the error's name and message: the release
/// build keeps no panic message.
const STOP_MESSAGE: &str = "The browser's console shows where; this build keeps no panic message.";

/// Installs the hook and the trap listener. Later panics go to [`show_panel`] and to the console.
pub fn install() {
    // Under immediate-abort a panic traps without calling any hook: the hook would be dead weight.
    #[cfg(not(panic = "immediate-abort"))]
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&format!("Faultlab panicked: {message}").into());
        show_panel(&message);
    }));
    listen_for_traps();
}

/// Shows the panel when the module stops: an uncaught `WebAssembly.RuntimeError` (a trap), or an
/// uncaught error that passed through the module's code, thrown from an event handler or a timer
/// (`error`) or from a promise (`unhandledrejection`). A panel the hook already showed stays, with
/// its message.
fn listen_for_traps() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_trap = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| {
        let error = js_sys::Reflect::get(&event, &"error".into())
            .ok()
            .filter(|e| !e.is_undefined())
            .or_else(|| js_sys::Reflect::get(&event, &"reason".into()).ok());
        let Some(error) = error.and_then(|e| e.dyn_into::<js_sys::Error>().ok()) else {
            return;
        };
        let shown = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(PANEL_ID))
            .is_some();
        if stopped_the_module(&error) && !shown {
            let (name, message) = (String::from(error.name()), String::from(error.message()));
            show_panel(&format!(
                "The WebAssembly module stopped ({name}: {message}). {STOP_MESSAGE}"
            ));
        }
    });
    for kind in ["error", "unhandledrejection"] {
        let _ = window.add_event_listener_with_callback(kind, on_trap.as_ref().unchecked_ref());
    }
    // Listens for the page's whole life.
    on_trap.forget();
}

/// Whether `error` stopped the module: a trap, or an error thrown through the module's frames
/// (Chromium and Firefox name them `wasm-function[…]` in the stack).
fn stopped_the_module(error: &js_sys::Error) -> bool {
    if error.is_instance_of::<js_sys::WebAssembly::RuntimeError>() {
        return true;
    }
    js_sys::Reflect::get(error, &"stack".into())
        .ok()
        .and_then(|stack| stack.as_string())
        .is_some_and(|stack| stack.contains("wasm-function["))
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
