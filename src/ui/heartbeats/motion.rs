//! Whether the learner asked the system for reduced motion (`prefers-reduced-motion: reduce`).
//! The cluster drawings read it: with it, no message travels across the drawing; arrivals and
//! losses only appear in place and fade. The stylesheet turns CSS animations off by itself.

use gloo_events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// The media query that says so.
const REDUCE: &str = "(prefers-reduced-motion: reduce)";

/// The page's `MediaQueryList` for [`REDUCE`] (called through JavaScript, so the page needs no
/// extra web-sys feature for it).
fn media_query() -> Option<JsValue> {
    let window = web_sys::window()?;
    let match_media = js_sys::Reflect::get(&window, &JsValue::from_str("matchMedia"))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    match_media
        .call1(&window, &JsValue::from_str(REDUCE))
        .ok()
        .filter(|m| m.is_object())
}

/// Whether reduced motion is asked for right now.
pub fn prefers_reduced_motion() -> bool {
    media_query()
        .and_then(|m| js_sys::Reflect::get(&m, &JsValue::from_str("matches")).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Whether reduced motion is asked for; the component re-renders when the learner changes it.
#[hook]
pub fn use_reduced_motion() -> bool {
    // Asked after the first drawing, not during it: the first `matchMedia` of a page makes the
    // browser work out every style at once, inside the start-up task. The first drawing has
    // nothing moving yet (the run stands at its start), so it looks the same either way.
    let reduced = use_state(|| false);
    {
        let reduced = reduced.clone();
        use_effect_with((), move |_| {
            reduced.set(prefers_reduced_motion());
            let listener = media_query().map(|list| {
                let target: web_sys::EventTarget = list.unchecked_into();
                EventListener::new(&target, "change", move |_| {
                    reduced.set(prefers_reduced_motion())
                })
            });
            move || drop(listener)
        });
    }
    *reduced
}
