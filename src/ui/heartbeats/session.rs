//! Where a Heartbeats run comes from and where it is kept: a share link, a lesson, the learner's
//! saved session, or the defaults; and, as the learner changes things, the address bar and the
//! browser's storage follow.

use yew::prelude::*;

use super::bench;
use super::state::{Action, HeartbeatsState, Notice};
use crate::scenario::{Lesson, Scenario, Tab, decode};
use crate::sim::Config;
use crate::ui::keep::{Keeping, saved, take_imported, unreadable_saved, use_keeping};
use crate::ui::storage;

/// What the learner reads after importing a file too large for a link.
const IMPORTED_TEXT: &str = "Imported the file. It is too large for a share link, so it is not kept after a reload; Export saves it again.";

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
pub fn initial_state(opened: &Opened) -> HeartbeatsState {
    match opened {
        Opened::Bench => {
            let mut s = HeartbeatsState::new(bench::config());
            s.running = true;
            s.speed = bench::SPEED;
            s
        }
        Opened::Lesson(n) => match lesson(*n) {
            Some((h, hand_over_ms)) => {
                let mut s = HeartbeatsState::from_scenario(&h);
                s.play_lesson_until(hand_over_ms);
                s
            }
            None => HeartbeatsState::new(Config::default()),
        },
        Opened::Own { link: Some(link) } => {
            match decode(link) {
                Ok(Scenario::Heartbeats(h)) => {
                    let mut s = HeartbeatsState::from_scenario(&h);
                    let mut text = opened_text(link);
                    match s.refused_commands() {
                        0 => {}
                        1 => text.push_str(" One of its scheduled actions could not be applied (for example, restarting a node that was up), so it was skipped."),
                        n => text.push_str(&format!(" {n} of its scheduled actions could not be applied (for example, restarting a node that was up), so they were skipped.")),
                    }
                    s.notice = notice(text, false);
                    s.run.borrow_mut().plan(planned(&h));
                    s
                }
                Ok(Scenario::Checksums(_)) => {
                    let mut s = HeartbeatsState::new(Config::default());
                    s.notice = notice("That link is for the Checksums tab; here is the default Heartbeats scenario.".into(), true);
                    s
                }
                Err(e) => {
                    let mut s = HeartbeatsState::new(Config::default());
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
        Opened::Own { link: None }
            if let Some(Scenario::Heartbeats(h)) = take_imported(Tab::Heartbeats) =>
        {
            let mut s = HeartbeatsState::from_scenario(&h);
            s.notice = notice(IMPORTED_TEXT.into(), false);
            s.run.borrow_mut().plan(planned(&h));
            s
        }
        Opened::Own { link: None } => match saved(KEY) {
            None => HeartbeatsState::new(Config::default()),
            Some(saved) => match decode(&saved) {
                Ok(Scenario::Heartbeats(h)) => {
                    let mut s = HeartbeatsState::from_scenario(&h);
                    s.notice = notice(
                        "Welcome back: your last Heartbeats session is restored.".into(),
                        false,
                    );
                    s.run.borrow_mut().plan(planned(&h));
                    s
                }
                other => {
                    let why = match other {
                        Err(e) => e.to_string(),
                        Ok(_) => "it is not a Heartbeats session".into(),
                    };
                    let mut s = HeartbeatsState::new(Config::default());
                    s.notice = notice(unreadable_saved(KEY, &saved, &why, "the defaults"), true);
                    s
                }
            },
        },
    }
}

/// Lesson `n`'s scenario and the virtual time it hands over at, if it is a Heartbeats lesson.
pub fn lesson(n: u8) -> Option<(crate::scenario::HeartbeatsScenario, u64)> {
    let lesson = Lesson::by_number(n)?;
    match lesson.build() {
        Scenario::Heartbeats(h) => Some((h, lesson.hand_over_at_ms)),
        Scenario::Checksums(_) => None,
    }
}

/// What a Reset replays of a saved or shared scenario: only what was still to come when it was
/// made (the rest of a lesson's plan). What had already happened is the learner's own history, and
/// a Reset in the learner's session never replays that, before a reload or after.
fn planned(h: &crate::scenario::HeartbeatsScenario) -> Vec<crate::scenario::TimedCommand> {
    h.schedule
        .iter()
        .filter(|c| c.at_ms > h.start_at_ms)
        .cloned()
        .collect()
}

/// What the learner reads on opening `link`.
fn opened_text(link: &str) -> String {
    crate::ui::keep::opened_text(
        Tab::Heartbeats,
        KEY,
        link,
        "Opened a shared scenario: the same settings, seed and faults as whoever made the link.",
    )
}

/// Keeps the address bar (and, for the learner's own session, the browser's storage) in step
/// with the session: after every change a share link would capture (not on every frame), the
/// fragment becomes this session's link. Lessons and the benchmark are left alone.
#[hook]
pub fn use_autosave(state: &UseReducerHandle<HeartbeatsState>, opened: &Opened) -> Keeping {
    let own_link = match opened {
        Opened::Own { link } => Some(link.clone()),
        _ => None,
    };
    let scenario = {
        let state = state.clone();
        move || {
            let now = state.world().now();
            Ok(Scenario::Heartbeats(state.scenario(now)))
        }
    };
    let notify = {
        let state = state.clone();
        Callback::from(move |(text, error)| state.dispatch(Action::Notify(Notice { text, error })))
    };
    use_keeping(
        Tab::Heartbeats,
        KEY,
        own_link,
        state.scenario_revision,
        scenario,
        notify,
    )
}

/// Forgets the saved session (Reset to defaults).
pub fn forget() {
    storage::remove(KEY);
}
