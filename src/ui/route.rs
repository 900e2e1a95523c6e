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

/// The route in the URL fragment and how many times the learner has navigated (followed a link,
/// pressed Back), updated whenever the fragment changes that way. The page's own address updates
/// (`replaceState`) fire no event, so they count as no navigation.
#[hook]
pub fn use_route() -> (Route, u32) {
    let route = use_state(|| (Route::parse(&current_fragment()), 0u32));
    let navigations = use_mut_ref(|| 0u32);
    {
        let route = route.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                EventListener::new(&window, "hashchange", move |_| {
                    let n = {
                        let mut count = navigations.borrow_mut();
                        *count = count.wrapping_add(1);
                        *count
                    };
                    route.set((Route::parse(&current_fragment()), n));
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

/// `route`, keeping the page's embed flag: a page framed by a course stays framed when it moves.
pub fn keep_embed(route: Route) -> Route {
    if current_route().embedded() {
        route.with_param("embed", "1")
    } else {
        route
    }
}

/// A value for a route parameter that makes the address new (`reset=…`, `import=…`), so that
/// going there is a navigation that opens a fresh session even from the same route.
pub fn fresh_stamp() -> String {
    (js_sys::Date::now() as u64).to_string()
}
