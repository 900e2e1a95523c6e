//! Hashes the data whenever it changes, without freezing the page: small data at once, large
//! data in slices of about 25 ms that yield to the browser between them, with progress. A newer
//! change abandons an older run, and leaving the tab stops them all. A good copy taken while the
//! data was still being hashed is hashed on its own once the data moves on from it, and a large
//! good copy is copied a slice at a time.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use yew::prelude::*;

use super::state::{ALGORITHMS, Action, ChecksumsState, Shared};
use crate::checksum::{Digests, GOOD_COPY_SLICE, History, Progress, StreamHasher};
use crate::ui::wall_clock::now_ms;

/// Data up to this size is hashed in one go (a few milliseconds).
const AT_ONCE: usize = 256 * 1024;
/// Real time one slice of hashing aims at (with the progress redrawn after it, a task stays
/// under 50 ms).
const SLICE_MS: f64 = 15.0;
/// The largest slice: five algorithms over 2 MiB take about 25 ms in a browser here.
const MAX_SLICE: usize = 2 << 20;
/// Set into a run's cell when the tab goes away: no version ever equals it.
const GONE: u64 = u64::MAX;

/// Hashes the current data (`good = false`) or the good copy (`good = true`) while `wanted()`
/// holds, reporting progress; `None` if abandoned.
async fn hash(
    session: Shared,
    good: bool,
    wanted: impl Fn() -> bool,
    progress: impl Fn(Progress),
) -> Option<Digests> {
    let bytes = |h: &History| -> usize { if good { h.good().len() } else { h.data().len() } };
    let len = bytes(session.borrow().history());
    if len <= AT_ONCE {
        let s = session.borrow();
        let h = s.history();
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
            let s = session.borrow();
            let h = s.history();
            hasher
                .step(if good { h.good() } else { h.data() }, slice)
                .ok()?
        };
        let took = (now_ms() - started).max(0.1);
        // Aim the next slice at SLICE_MS, growing at most twofold per step (the clock is coarse and
        // the first slices run before the browser has optimised the code).
        let aimed = (slice as f64 * SLICE_MS / took) as usize;
        slice = aimed.min(slice * 2).clamp(64 * 1024, MAX_SLICE);
        if p.is_complete() {
            return hasher.finish().ok();
        }
        progress(p);
    }
}

/// Starts hashing `state`'s data each time its version changes; finishes a large good copy a slice
/// at a time; and hashes the good copy on its own when the data has moved on from a good copy
/// whose digests were not known yet.
#[hook]
pub fn use_hashing(state: &UseReducerHandle<ChecksumsState>) {
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
        let session = state.session.clone();
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
                    if let Some(d) = hash(session, false, wanted, on_progress).await {
                        dispatch.dispatch(Action::DigestsReady(version, Rc::new(d)));
                    }
                });
            }
        });
    }
    {
        let session = state.session.clone();
        let dispatch = state.dispatcher();
        let latest = latest_good.clone();
        use_effect_with(
            (state.good_version, state.digests.good_hash_wanted),
            move |&(version, wanted)| {
                latest.set(version);
                // A large good copy is copied a slice at a time, yielding in between (an edit
                // meanwhile finishes it at once); then, if the data has moved on before its
                // digests were known, the good copy is hashed on its own.
                let copying = session.borrow().history().good_copy_pending();
                if copying || wanted {
                    wasm_bindgen_futures::spawn_local(async move {
                        while session.borrow().history().good_copy_pending() {
                            TimeoutFuture::new(0).await;
                            session.continue_good_copy(GOOD_COPY_SLICE);
                        }
                        if !wanted {
                            return;
                        }
                        let still = || latest.get() == version;
                        if let Some(d) = hash(session, true, still, |_| {}).await {
                            dispatch.dispatch(Action::GoodDigestsReady(version, Rc::new(d)));
                        }
                    });
                }
            },
        );
    }
}
