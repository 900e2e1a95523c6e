//! Hashes the data whenever it changes, without freezing the page: small data at once, large
//! data in slices of about 25 ms that yield to the browser between them, with progress. A newer
//! change abandons an older hashing run.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use yew::prelude::*;

use super::state::{ALGORITHMS, Action, CkState};
use crate::checksum::{Digests, StreamHasher};
use crate::ui::heartbeats::state::now_ms;

/// Data up to this size is hashed in one go (a few milliseconds).
const AT_ONCE: usize = 256 * 1024;
/// Real time one slice of hashing aims at.
const SLICE_MS: f64 = 25.0;
/// The largest slice: five algorithms over 2 MiB take about 25 ms in a browser here.
const MAX_SLICE: usize = 2 << 20;

/// Starts hashing `state`'s data each time its version changes.
#[hook]
pub fn use_hashing(state: &UseReducerHandle<CkState>) {
    let latest = use_memo((), |_| Cell::new(0u64));
    let version = state.data_version;
    let history = state.history.clone();
    let dispatch = state.dispatcher();
    let already = state.current_digests().is_some();
    use_effect_with(version, move |&version| {
        latest.set(version);
        if !already {
            wasm_bindgen_futures::spawn_local(async move {
                let len = history.borrow().data().len();
                if len <= AT_ONCE {
                    let digests = Digests::compute(history.borrow().data(), &ALGORITHMS);
                    dispatch.dispatch(Action::DigestsReady(version, Rc::new(digests)));
                    return;
                }
                let mut hasher = StreamHasher::new(&ALGORITHMS, len);
                let mut slice = 256 * 1024;
                loop {
                    // Yield first, so an edit that follows at once wins over this run.
                    TimeoutFuture::new(0).await;
                    if latest.get() != version {
                        return;
                    }
                    let started = now_ms();
                    let progress = {
                        let h = history.borrow();
                        match hasher.step(h.data(), slice) {
                            Ok(p) => p,
                            Err(_) => return, // the data changed under us; a newer run is coming
                        }
                    };
                    let took = (now_ms() - started).max(0.1);
                    // Aim the next slice at ~25 ms, growing at most twofold per step (the clock is
                    // coarse and the first slices run before the browser has optimised the code).
                    let aimed = (slice as f64 * SLICE_MS / took) as usize;
                    slice = aimed.min(slice * 2).clamp(64 * 1024, MAX_SLICE);
                    if progress.is_complete() {
                        break;
                    }
                    dispatch.dispatch(Action::HashProgress(version, progress));
                }
                if let Ok(digests) = hasher.finish() {
                    dispatch.dispatch(Action::DigestsReady(version, Rc::new(digests)));
                }
            });
        }
    });
}
