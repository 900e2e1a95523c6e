//! Hashes the data whenever it changes, without freezing the page: small data at once, large
//! data in slices of about 25 ms that yield to the browser between them, with progress. A newer
//! change abandons an older run, and leaving the tab stops them all. A good copy taken while the
//! data was still being hashed is hashed on its own.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use yew::prelude::*;

use super::state::{ALGORITHMS, Action, CkState};
use crate::checksum::{Digests, History, Progress, StreamHasher};
use crate::ui::heartbeats::state::now_ms;

/// Data up to this size is hashed in one go (a few milliseconds).
const AT_ONCE: usize = 256 * 1024;
/// Real time one slice of hashing aims at.
const SLICE_MS: f64 = 25.0;
/// The largest slice: five algorithms over 2 MiB take about 25 ms in a browser here.
const MAX_SLICE: usize = 2 << 20;
/// Set into a run's cell when the tab goes away: no version ever equals it.
const GONE: u64 = u64::MAX;

/// Hashes the current data (`good = false`) or the good copy (`good = true`) while `wanted()`
/// holds, reporting progress; `None` if abandoned.
async fn hash(
    history: Rc<RefCell<History>>,
    good: bool,
    wanted: impl Fn() -> bool,
    progress: impl Fn(Progress),
) -> Option<Digests> {
    let bytes = |h: &History| -> usize { if good { h.good().len() } else { h.data().len() } };
    let len = bytes(&history.borrow());
    if len <= AT_ONCE {
        let h = history.borrow();
        return Some(Digests::compute(
            if good { h.good() } else { h.data() },
            &ALGORITHMS,
        ));
    }
    let mut hasher = StreamHasher::new(&ALGORITHMS, len);
    let mut slice = 256 * 1024;
    loop {
        // Yield first, so an edit that follows at once wins over this run.
        TimeoutFuture::new(0).await;
        if !wanted() {
            return None;
        }
        let started = now_ms();
        let p = {
            let h = history.borrow();
            hasher
                .step(if good { h.good() } else { h.data() }, slice)
                .ok()?
        };
        let took = (now_ms() - started).max(0.1);
        // Aim the next slice at ~25 ms, growing at most twofold per step (the clock is coarse and
        // the first slices run before the browser has optimised the code).
        let aimed = (slice as f64 * SLICE_MS / took) as usize;
        slice = aimed.min(slice * 2).clamp(64 * 1024, MAX_SLICE);
        if p.is_complete() {
            return hasher.finish().ok();
        }
        progress(p);
    }
}

/// Starts hashing `state`'s data each time its version changes, and its good copy each time a
/// good copy with unknown digests is taken.
#[hook]
pub fn use_hashing(state: &UseReducerHandle<CkState>) {
    let latest_data = use_memo((), |_| Cell::new(0u64));
    let latest_good = use_memo((), |_| Cell::new(0u64));
    {
        let (latest_data, latest_good) = (latest_data.clone(), latest_good.clone());
        use_effect_with((), move |_| {
            move || {
                latest_data.set(GONE);
                latest_good.set(GONE);
            }
        });
    }
    {
        let history = state.history.clone();
        let dispatch = state.dispatcher();
        let known = state.current_digests().is_some();
        let latest = latest_data.clone();
        use_effect_with(state.data_version, move |&version| {
            latest.set(version);
            if !known {
                wasm_bindgen_futures::spawn_local(async move {
                    let on_progress = {
                        let dispatch = dispatch.clone();
                        move |p| dispatch.dispatch(Action::HashProgress(version, p))
                    };
                    let wanted = || latest.get() == version;
                    if let Some(d) = hash(history, false, wanted, on_progress).await {
                        dispatch.dispatch(Action::DigestsReady(version, Rc::new(d)));
                    }
                });
            }
        });
    }
    {
        let history = state.history.clone();
        let dispatch = state.dispatcher();
        // When the data is the good copy, the data's own digests will serve.
        let needed = state.good_digests.is_none() && !state.is_good;
        let latest = latest_good.clone();
        use_effect_with(state.good_version, move |&version| {
            latest.set(version);
            if needed {
                wasm_bindgen_futures::spawn_local(async move {
                    let wanted = || latest.get() == version;
                    if let Some(d) = hash(history, true, wanted, |_| {}).await {
                        dispatch.dispatch(Action::GoodDigestsReady(version, Rc::new(d)));
                    }
                });
            }
        });
    }
}
