//! Where a Checksums session comes from and where it is kept: a share link, a lesson, the
//! learner's saved session, or the sample text; and, as the learner works, the address bar and the
//! browser's storage follow.

use yew::prelude::*;

use super::state::{Action, CkState, Notice};
use crate::scenario::{Lesson, Scenario, Tab, decode};
use crate::ui::session::keeping::{Keeping, saved, take_imported, unreadable_saved, use_keeping};
use crate::ui::storage;

/// What the learner reads after importing a file too large for a link.
const IMPORTED_TEXT: &str = "Imported the file. It is too large for a share link, so it is not kept after a reload; Export saves it again.";

/// The storage key of the saved session.
const KEY: &str = "checksums";

/// How the tab was opened.
#[derive(Clone, Debug, PartialEq)]
pub enum Opened {
    /// The learner's own session (saved and restored).
    Own {
        /// A share link in the address (`s=`), if any.
        link: Option<String>,
    },
    /// A lesson: its steps are replayed, nothing is saved.
    Lesson(u8),
}

fn with_notice(mut s: CkState, text: String, error: bool) -> CkState {
    s.notice = Some(Notice { text, error });
    s
}

fn replay(scenario: Scenario, opened_text: &str) -> CkState {
    match scenario {
        Scenario::Checksums(c) => match CkState::from_scenario(&c) {
            Ok(s) => with_notice(s, opened_text.to_string(), false),
            Err(e) => with_notice(
                CkState::new(),
                format!("The scenario could not be replayed: {e}. Here is the sample instead."),
                true,
            ),
        },
        Scenario::Heartbeats(_) => with_notice(
            CkState::new(),
            "That link is for the Heartbeats tab; here is the sample data.".into(),
            true,
        ),
    }
}

/// The tab's first state.
pub fn initial_state(opened: &Opened) -> CkState {
    match opened {
        Opened::Lesson(n) => match Lesson::by_number(*n).map(Lesson::build) {
            Some(Scenario::Checksums(c)) => CkState::from_scenario(&c).unwrap_or_default(),
            _ => CkState::new(),
        },
        Opened::Own { link: Some(link) } => match decode(link) {
            Ok(s) if crate::ui::route::current_route().param("reset").is_some() => replay(
                s,
                "Back to the sample data. Your own saved session is left as it was.",
            ),
            Ok(s) => replay(s, &opened_text(link)),
            Err(e) => with_notice(
                CkState::new(),
                format!("The link could not be opened: {e}. Here is the sample data instead."),
                true,
            ),
        },
        Opened::Own { link: None } if let Some(imported) = take_imported(Tab::Checksums) => {
            replay(imported, IMPORTED_TEXT)
        }
        Opened::Own { link: None } => match saved(KEY) {
            None => CkState::new(),
            Some(saved) => match decode(&saved) {
                Ok(s) => replay(s, "Welcome back: your last Checksums session is restored."),
                Err(e) => with_notice(
                    CkState::new(),
                    unreadable_saved(KEY, &saved, &e.to_string(), "the sample"),
                    true,
                ),
            },
        },
    }
}

/// What the learner reads on opening `link`.
fn opened_text(link: &str) -> String {
    crate::ui::session::keeping::opened_text(
        Tab::Checksums,
        KEY,
        link,
        "Opened a shared session: the same data, corruptions and store steps as whoever made the link.",
    )
}

/// Keeps the address bar (and, for the learner's own session, the browser's storage) in step
/// with the session after every recorded change. Lessons are left alone.
#[hook]
pub fn use_autosave(state: &UseReducerHandle<CkState>, opened: &Opened) -> Keeping {
    let own_link = match opened {
        Opened::Own { link } => Some(link.clone()),
        Opened::Lesson(_) => None,
    };
    let scenario = {
        let state = state.clone();
        move || state.scenario().map(Scenario::Checksums)
    };
    let notify = {
        let state = state.clone();
        Callback::from(move |(text, error)| state.dispatch(Action::Notify(Notice { text, error })))
    };
    use_keeping(
        Tab::Checksums,
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
