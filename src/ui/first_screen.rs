//! The first screen first: a tab draws what a learner sees on opening it in one task, and the
//! rest of its page (below the fold) in the tasks after it, a part per task, so the page answers
//! sooner and no start-up task holds the main thread for long.

use gloo_timers::callback::Timeout;
use yew::prelude::*;

/// How many parts below the first screen may be drawn: 0 at a component's first render, then one
/// more in each following task, up to `parts`.
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
