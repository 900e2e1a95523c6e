//! The page in parts: what a learner reads first (the header, a tab's title and run bar) is drawn
//! in one task and the rest in the tasks after it, a part per task, so the page answers sooner and
//! no task of drawing holds the main thread for long. Most of a first drawing's time is the
//! browser compiling each piece of view code on its first run, so parts also spread that out.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

/// How many parts after the first may be drawn: 0 at a component's first render, then one more in
/// each following task, up to `parts`.
#[hook]
pub fn use_parts_drawn(parts: u8) -> u8 {
    let drawn = use_state_eq(|| 0u8);
    {
        let drawn = drawn.clone();
        use_effect_with(*drawn, move |&now| {
            let timer = (now < parts).then(|| Timeout::new(0, move || drawn.set(now + 1)));
            move || drop(timer)
        });
    }
    *drawn
}

/// The value of a part's `data-drawing` and `aria-busy` while parts are still to come (`"true"`),
/// or none once all `parts` are drawn: tests wait for the one, assistive technology reads the
/// other.
pub fn still_drawing(drawn: u8, parts: u8) -> Option<&'static str> {
    (drawn < parts).then_some("true")
}
