//! Opening a heavy Checksums scenario a slice at a time. A link of a few hundred bytes may ask for
//! 64 MiB of random data and a dozen undos of it, a file for 10,000 steps: replayed in one go,
//! that held the page for 0.3 s (1.2 s with the CPU slowed four times). The replay
//! ([`ChecksumReplay`]) runs for about [`SLICE_BUDGET_MS`] per task; between slices the page
//! shows how far it got and offers to stop there. The session it ends with is the one a replay
//! in one go makes.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use super::opening_job::Opening;
use super::state::{Action, ChecksumsState, Notice};
use crate::scenario::ChecksumsScenario;
use crate::scenario::checksum_replay::ChecksumReplay;
use crate::scenario::checksum_session::ChecksumSession;
use crate::ui::wall_clock::now_ms;

/// The real time one slice may take, in ms. A piece of the replay can take as long again (an
/// undo of 64 MiB: about 15 ms), and the redraw follows: a task stays under 50 ms.
const SLICE_BUDGET_MS: f64 = 10.0;

impl ChecksumsState {
    /// The state of `scenario`: replayed at once when that takes one slice, which is nearly
    /// always; otherwise an empty page that opens it a slice at a time.
    pub fn from_scenario(scenario: &ChecksumsScenario) -> Result<ChecksumsState, String> {
        let started = now_ms();
        let mut replay = ChecksumReplay::new(scenario);
        if replay.run(&mut || now_ms() - started < SLICE_BUDGET_MS)? {
            let session = replay.into_session().ok_or("the replay made no session")?;
            return Ok(ChecksumsState::replayed(session, scenario));
        }
        let mut state = ChecksumsState::with_session(ChecksumSession::new(
            crate::scenario::DataSource::Text(String::new()),
        )?);
        state.show_truth = scenario.show_truth;
        state.expected = scenario.expected.clone();
        state.opening = Some(Opening {
            replay: Rc::new(RefCell::new(Some(replay))),
            scenario: Rc::new(scenario.clone()),
            slices: 0,
            stopping: false,
        });
        Ok(state)
    }

    /// One more slice of the scenario being opened; when it is done, the page shows its session.
    /// A replay that fails leaves the sample data and says why.
    pub(super) fn continue_opening(&mut self) {
        let Some(mut opening) = self.opening.take() else {
            return;
        };
        let started = now_ms();
        // Whether the replay is done, and whether it is to stop now.
        let done = match opening.replay.borrow_mut().as_mut() {
            Some(replay) if opening.stopping => {
                // Only the starting data is still to be made, a piece at a time.
                let mut ran = Ok(false);
                while !replay.start_made() && now_ms() - started < SLICE_BUDGET_MS {
                    ran = replay.run(&mut || false);
                    if ran.is_err() {
                        break;
                    }
                }
                ran.map(|done| (done, replay.start_made()))
            }
            Some(replay) => replay
                .run(&mut || now_ms() - started < SLICE_BUDGET_MS)
                .map(|done| (done, false)),
            None => Ok((true, false)),
        };
        match done {
            Ok((false, false)) => {
                opening.slices += 1;
                self.opening = Some(opening);
            }
            Ok((true, _)) => self.opened(opening, None),
            Ok((false, true)) => {
                self.opening = Some(opening);
                self.stop_opening();
            }
            Err(e) => {
                self.show(ChecksumsState::new());
                self.notice = Some(Notice {
                    text: format!(
                        "The scenario could not be replayed: {e}. Here is the sample data instead."
                    ),
                    error: true,
                });
            }
        }
    }

    /// Stops opening the scenario: the session is whole up to the last step replayed. While the
    /// starting data is still being made, it stops once that is made. Stopping is the learner's
    /// change: the session kept and the address follow it.
    pub(super) fn stop_opening(&mut self) {
        let Some(mut opening) = self.opening.take() else {
            return;
        };
        let progress = opening
            .replay
            .borrow()
            .as_ref()
            .map(|r| (r.start_made(), r.progress()));
        match progress {
            Some((false, _)) => {
                opening.stopping = true;
                self.opening = Some(opening);
            }
            _ => {
                let (applied, steps) = progress.map_or((0, 0), |(_, p)| p);
                let said = format!(
                    "Stopped after {applied} of {steps} recorded steps: the session is whole up to there, and goes on from there."
                );
                self.opened(opening, Some(said));
                self.scenario_revision += 1;
            }
        }
    }

    /// Shows the session `opening` got to; `stopped` says where it stopped early.
    fn opened(&mut self, opening: Opening, stopped: Option<String>) {
        let replay = opening
            .replay
            .borrow_mut()
            .take()
            .and_then(ChecksumReplay::into_session);
        let Some(session) = replay else {
            // Cannot happen: a replay is done, or stopped, only once its starting data is made.
            self.show(ChecksumsState::new());
            return;
        };
        let notice = self.notice.take();
        self.show(ChecksumsState::replayed(session, &opening.scenario));
        self.notice = match (notice, stopped) {
            (Some(n), Some(s)) => Some(Notice {
                text: format!("{} {s}", n.text),
                ..n
            }),
            (None, Some(s)) => Some(Notice {
                text: s,
                error: false,
            }),
            (n, None) => n,
        };
    }

    /// Takes `next`'s session and page, with counters past this state's, so the digests of the
    /// placeholder are not taken for the new data's. What a link says is unchanged: opening is
    /// not a change of the learner's.
    fn show(&mut self, next: ChecksumsState) {
        let (data, good, store) = (self.data_version, self.good_version, self.store_version);
        let notice = self.notice.take();
        *self = ChecksumsState {
            data_version: data + 1,
            good_version: good + 1,
            store_version: store + 1,
            scenario_revision: self.scenario_revision,
            notice,
            ..next
        };
    }
}

/// Drives the opening: one slice per task, with a redraw in between.
#[hook]
pub fn use_opening(state: &UseReducerHandle<ChecksumsState>) {
    let working = state.opening.as_ref().map(|o| o.slices);
    let state = state.clone();
    use_effect_with(working, move |working| {
        let timer =
            working.map(|_| Timeout::new(0, move || state.dispatch(Action::ContinueOpening)));
        move || drop(timer)
    });
}

/// How far opening the scenario got (`fraction`, from 0 to 1, and `text`), with a button to stop
/// there. A function, not a component: it redraws with the tab, and a component would cost the
/// module a copy of Yew's lifecycle.
pub fn opening_panel(
    text: &str,
    fraction: f64,
    dispatch: &UseReducerDispatcher<ChecksumsState>,
) -> Html {
    let percent = (fraction * 100.0).floor();
    let stop = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::StopOpening))
    };
    html! {
        <section class="panel opening" aria-labelledby="opening-heading">
            <h3 id="opening-heading">{ "Opening the scenario" }</h3>
            <div class="catch-up" role="status" data-testid="opening">
                <label>
                    <span>{ "Opening" }</span>
                    <progress max="100" value={percent.to_string()}>{ format!("{percent} %") }</progress>
                </label>
                <span>{ format!("{text} ({percent} %).") }</span>
                <button onclick={stop}>{ "Stop here" }</button>
            </div>
            <p class="explain">{ "A scenario is its starting data and every step made since; opening it makes the data again and replays the steps, a slice at a time so the page keeps answering. Stop here keeps the steps replayed so far." }</p>
        </section>
    }
}
