//! Long work on the run, done in slices so the page stays responsive: a link replayed to its
//! moment, a skip far ahead in a busy cluster, another node's history replayed. Each slice runs
//! for at most [`SLICE_BUDGET_MS`] of real time; between slices the page redraws, shows how far
//! the work got and offers Cancel. The run it ends with is the run one long task would have made
//! (see [`HeartbeatsRun::run_toward`]).

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use super::catch_up_job::{CatchUp, CatchUpKind};
use super::reducer::Changed;
use super::state::{Action, HeartbeatsState, Notice};
use crate::scenario::heartbeats_run::HeartbeatsRun;
use crate::sim::SimTime;

/// The real time one slice of work may take, in ms: with the redraw after it, a task stays well
/// under the 50 ms a browser counts as long.
pub const SLICE_BUDGET_MS: f64 = 20.0;

impl HeartbeatsState {
    /// Starts long work on the run and does its first slice at once, so work that fits in one
    /// slice is done before the page redraws. A run being opened waits for the page's first
    /// screen instead ([`CatchUp::slices`] stays 0 until the first slice). `started` is when this
    /// task's work began (the wall clock, ms): building a replay of 1,000 nodes takes a slice's
    /// worth of time itself, and the first slice only gets what is left of its budget.
    pub(super) fn start_catch_up(
        &mut self,
        kind: CatchUpKind,
        to: SimTime,
        replay: Option<HeartbeatsRun>,
        started: f64,
    ) -> Changed {
        let from = replay
            .as_ref()
            .map_or_else(|| self.world().now(), |r| r.world().now());
        self.catch_up = Some(CatchUp {
            kind,
            from,
            to,
            reached: from,
            slices: 0,
            resume: self.running,
            replay: replay.map(|r| Rc::new(RefCell::new(Some(r)))),
        });
        self.running = false;
        self.carry_ms = 0.0;
        if kind == CatchUpKind::Opening {
            return Changed::Run;
        }
        self.work_since(started)
    }

    /// One slice of the work in progress; when it is done, the run plays on if it played before.
    pub(super) fn work(&mut self) -> Changed {
        let now = self.clock.now();
        self.work_since(now)
    }

    /// One slice of the work in progress, in a task whose work began at `started` (ms).
    fn work_since(&mut self, started: f64) -> Changed {
        let Some(mut job) = self.catch_up.take() else {
            return Changed::Nothing;
        };
        let clock = self.clock.clone();
        let mut has_time = || clock.now() - started < SLICE_BUDGET_MS;
        let done = match &job.replay {
            Some(replay) => match replay.borrow_mut().as_mut() {
                Some(replay) => {
                    let done = replay.run_toward(job.to, &mut has_time);
                    job.reached = replay.world().now();
                    done
                }
                None => true,
            },
            None => {
                let done = self.run.borrow_mut().run_toward(job.to, &mut has_time);
                job.reached = self.world().now();
                done
            }
        };
        job.slices += 1;
        if job.kind == CatchUpKind::Opening {
            // The replay passes the scenario's setting changes: the settings panel follows.
            let config = self.world().config().clone();
            self.draft = config;
        }
        if !done {
            // Progress redraws as a frame does: the panels that change every frame redraw, the
            // slow ones every fourth time.
            let changed = if job.replay.is_some() {
                Changed::Page
            } else {
                Changed::Frame
            };
            self.catch_up = Some(job);
            return changed;
        }
        self.running = job.resume;
        let replay = job.replay.and_then(|r| r.borrow_mut().take());
        if let (CatchUpKind::LookingThrough(observer), Some(replay)) = (job.kind, replay) {
            let adopted = self.run.borrow_mut().adopt_replay(replay);
            if let Err(why) = adopted {
                self.say(format!(
                    "The log and timeline of {observer} start now: {why}."
                ));
            }
            self.observer = observer;
        }
        if job.kind == CatchUpKind::Opening {
            self.note_refused_commands();
        }
        if job.kind == CatchUpKind::Skipping && self.run.borrow_mut().hand_over_if_due() {
            self.running = false;
            self.handed_over = true;
        }
        Changed::Shared
    }

    /// Stops the work in progress. A replay to a moment or a skip stops where it got to (the run
    /// is whole there, and plays on from there as the same run); a replay for another observer
    /// is dropped and the view stays as it was. `say` tells the learner.
    pub(super) fn cancel_catch_up(&mut self, say: bool) -> Changed {
        let Some(job) = self.catch_up.take() else {
            return Changed::Nothing;
        };
        // Play pressed before or during the work still holds.
        self.running = job.resume;
        if job.kind == CatchUpKind::Opening {
            self.note_refused_commands();
        }
        if say {
            let now = self.world().now();
            let text = match job.kind {
                CatchUpKind::LookingThrough(node) => format!(
                    "Cancelled: the page still shows what {} believes, not {node}.",
                    self.observer
                ),
                CatchUpKind::Opening | CatchUpKind::Skipping => format!(
                    "Stopped at t = {now}, before {}: the run is whole up to here and plays on from here.",
                    job.to
                ),
            };
            self.say(text);
        }
        Changed::Shared
    }

    /// Adds `ms` to a replay to a moment or a skip in progress (a second click on +10 s), up
    /// to a lesson's hand-over; `false` when no such work is in progress.
    pub(super) fn extend_catch_up(&mut self, ms: u64) -> bool {
        let pause_at = self.run.borrow().pause_at();
        match &mut self.catch_up {
            Some(job) if !matches!(job.kind, CatchUpKind::LookingThrough(_)) => {
                let to = job.to.plus(ms);
                job.to = pause_at.map_or(to, |p| to.min(p.max(job.to)));
                true
            }
            _ => false,
        }
    }

    /// Whether the run is busy with long work.
    pub fn catching_up(&self) -> bool {
        self.catch_up.is_some()
    }

    /// Adds to the notice how many of an opened scenario's scheduled actions could not be
    /// applied, if any (known only once it has been replayed).
    fn note_refused_commands(&mut self) {
        let Some(note) = super::session::refused_note(self.refused_commands()) else {
            return;
        };
        let text = match self.notice.take() {
            Some(n) => format!("{} {note}", n.text),
            None => note,
        };
        self.say(text);
    }

    fn say(&mut self, text: String) {
        self.notice = Some(Notice { text, error: false });
    }
}

/// Drives the work in progress: one slice per task, with a redraw in between.
#[hook]
pub fn use_catch_up(state: &UseReducerHandle<HeartbeatsState>) {
    let working = state.catch_up.as_ref().map(|c| c.slices);
    let state = state.clone();
    use_effect_with(working, move |working| {
        let timer = working.map(|_| Timeout::new(0, move || state.dispatch(Action::Work)));
        move || drop(timer)
    });
}

/// How far long work got, with Cancel; shown once the work takes more than one slice. A plain
/// function: a component would redraw with the tab's every change anyway.
pub fn catch_up_bar(state: &UseReducerHandle<HeartbeatsState>) -> Html {
    let Some(job) = state.catch_up.as_ref().filter(|c| c.slices > 0) else {
        return html! {};
    };
    let percent = (job.fraction() * 100.0).floor();
    let cancel = {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::CancelCatchUp))
    };
    html! {
        <div class="catch-up" role="status" data-testid="catch-up">
            <label>
                <span>{ job.label() }</span>
                <progress max="100" value={percent.to_string()}>{ format!("{percent} %") }</progress>
            </label>
            <span class="mono">{ format!("{} of {} ({percent} %)", job.reached, job.to) }</span>
            <button onclick={cancel}>{ "Cancel" }</button>
            <span class="explain">{ "Cancel, or any change to the run, stops it where it is." }</span>
        </div>
    }
}
