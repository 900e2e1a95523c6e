//! The one browser timer of the Heartbeats tab: an animation-frame loop that, while the run plays,
//! reports how much real time passed since the last frame. Pausing drops the loop, so a paused
//! run gets no ticks and no re-renders. Virtual time is the reducer's business, not the timer's.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_render::{AnimationFrame, request_animation_frame};
use yew::prelude::*;

/// The loop's shared state: the pending frame (dropping it cancels it) and whether the loop lives.
struct Loop {
    pending: RefCell<Option<AnimationFrame>>,
    alive: Cell<bool>,
    last: Cell<Option<f64>>,
}

/// Calls `on_frame((real_ms_since_last_frame, frame_started_at))` on every animation frame while
/// `running` is true.
#[hook]
pub fn use_animation_clock(running: bool, on_frame: Callback<(f64, f64)>) {
    use_effect_with(running, move |&running| {
        let lp = Rc::new(Loop {
            pending: RefCell::new(None),
            alive: Cell::new(running),
            last: Cell::new(None),
        });
        if running {
            schedule(lp.clone(), on_frame);
        }
        move || {
            lp.alive.set(false);
            lp.pending.borrow_mut().take();
        }
    });
}

fn schedule(lp: Rc<Loop>, on_frame: Callback<(f64, f64)>) {
    let this = lp.clone();
    let frame = request_animation_frame(move |timestamp| {
        if !this.alive.get() {
            return;
        }
        let real_ms = this.last.get().map_or(0.0, |t| timestamp - t);
        this.last.set(Some(timestamp));
        on_frame.emit((real_ms, crate::ui::wall_clock::now_ms()));
        // The frame may have paused the run (and ended the loop) while it was handled.
        if this.alive.get() {
            schedule(this, on_frame);
        }
    });
    *lp.pending.borrow_mut() = Some(frame);
}
