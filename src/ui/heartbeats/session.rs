//! Where a Heartbeats run comes from and where it is kept: a share link, a lesson, the learner's
//! saved session, or the defaults; and, as the learner changes things, the address bar and the
//! browser's storage follow.

use yew::prelude::*;

use super::bench;
use super::state::{Action, HbState, Notice};
use crate::scenario::{Lesson, Scenario, Tab, decode};
use crate::sim::Config;
use crate::ui::keep::keep;
use crate::ui::storage;

/// The storage key of the saved session.
const KEY: &str = "heartbeats";

/// How the tab was opened.
#[derive(Clone, Debug, PartialEq)]
pub enum Opened {
    /// The learner's own session (saved and restored).
    Own {
        /// A share link in the address (`s=`), if any.
        link: Option<String>,
    },
    /// A lesson: its scenario plays, nothing is saved.
    Lesson(u8),
    /// The frame-time benchmark.
    Bench,
}

fn notice(text: String, error: bool) -> Option<Notice> {
    Some(Notice { text, error })
}

/// The tab's first state.
pub fn initial_state(opened: &Opened) -> HbState {
    match opened {
        Opened::Bench => {
            let mut s = HbState::new(bench::config());
            s.running = true;
            s.speed = bench::SPEED;
            s
        }
        Opened::Lesson(n) => match Lesson::by_number(*n).map(Lesson::build) {
            Some(Scenario::Heartbeats(h)) => {
                let lesson = Lesson::by_number(*n).expect("found above");
                let mut s = HbState::from_scenario(&h);
                if lesson.hand_over_at_ms > 0 {
                    s.pause_at = Some(crate::sim::SimTime(lesson.hand_over_at_ms));
                    s.running = true;
                    s.speed = 2.0;
                } else {
                    s.handed_over = true;
                }
                s
            }
            _ => HbState::new(Config::default()),
        },
        Opened::Own { link: Some(link) } => {
            match decode(link) {
                Ok(Scenario::Heartbeats(h)) => {
                    let mut s = HbState::from_scenario(&h);
                    s.notice = notice("Opened a shared scenario: the same settings, seed and faults as whoever made the link.".into(), false);
                    s
                }
                Ok(Scenario::Checksums(_)) => {
                    let mut s = HbState::new(Config::default());
                    s.notice = notice("That link is for the Checksums tab; here is the default Heartbeats scenario.".into(), true);
                    s
                }
                Err(e) => {
                    let mut s = HbState::new(Config::default());
                    s.notice = notice(
                        format!(
                            "The link could not be opened: {e}. Here is the default scenario instead."
                        ),
                        true,
                    );
                    s
                }
            }
        }
        Opened::Own { link: None } => match storage::load(KEY) {
            None => HbState::new(Config::default()),
            Some(saved) => match decode(&saved) {
                Ok(Scenario::Heartbeats(h)) => {
                    let mut s = HbState::from_scenario(&h);
                    s.notice = notice(
                        "Welcome back: your last Heartbeats session is restored.".into(),
                        false,
                    );
                    s
                }
                _ => {
                    let mut s = HbState::new(Config::default());
                    s.notice = notice("Your saved session could not be read (it may be from another version); starting from the defaults.".into(), true);
                    s
                }
            },
        },
    }
}

/// Keeps the address bar and the browser's storage in step with the learner's session: after
/// every change a share link would capture (not on every frame), the fragment becomes this
/// session's link and the session is saved. Lessons and the benchmark are left alone.
#[hook]
pub fn use_autosave(state: &UseReducerHandle<HbState>, opened: &Opened) {
    let own = matches!(opened, Opened::Own { .. });
    let revision = state.scenario_revision;
    let state = state.clone();
    use_effect_with(revision, move |&revision| {
        if !own || revision == 0 {
            return;
        }
        let now = state.world.borrow().now();
        if let Some(text) = keep(
            Tab::Heartbeats,
            KEY,
            Ok(Scenario::Heartbeats(state.scenario(now))),
        ) {
            state.dispatch(Action::Notify(Notice { text, error: true }));
        }
    });
}

/// Forgets the saved session (Reset to defaults).
pub fn forget() {
    storage::remove(KEY);
}
