//! The current route, read from the URL fragment and kept in step with it.

use gloo_events::EventListener;
use yew::prelude::*;

use crate::scenario::Route;

/// The fragment of the page's URL, such as `#/checksums`, or "" when there is none.
pub fn current_fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// The route in the URL fragment, updated whenever the fragment changes (links, back button).
#[hook]
pub fn use_route() -> Route {
    let route = use_state(|| Route::parse(&current_fragment()));
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "hashchange", move |_| {
                    route.set(Route::parse(&current_fragment()));
                })
            });
            move || drop(listener)
        });
    }
    (*route).clone()
}

/// The route the page is at right now.
pub fn current_route() -> Route {
    Route::parse(&current_fragment())
}
