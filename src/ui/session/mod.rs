//! One way to open a tab's session and keep it: from a share link in the address, a file just
//! imported, the learner's saved session, or the tab's defaults, with the same words for every
//! tab. Each tab only says how a scenario becomes its state ([`TabSession`]).

pub mod keeping;

use yew::prelude::*;

use crate::scenario::{Scenario, Tab, decode};
use crate::ui::route::current_route;
use crate::ui::storage;
use keeping::{Keeping, opened_text, saved, take_imported, unreadable_saved, use_keeping};

/// What the learner reads after importing a file too large for a link.
const IMPORTED_TEXT: &str = "Imported the file. It is too large for a share link, so it is not kept after a reload; Export saves it again.";

/// How a tab was opened.
#[derive(Clone, Debug, PartialEq)]
pub enum Opened {
    /// The learner's own session (saved and restored).
    Own {
        /// A share link in the address (`s=`), if any.
        link: Option<String>,
    },
    /// The frame-time benchmark (Heartbeats only).
    Bench,
}

/// A tab whose session opens and is kept like every other's.
pub trait TabSession: Reducible + Sized + 'static {
    /// The tab.
    const TAB: Tab;
    /// Where the learner's own session is saved in the browser's storage.
    const KEY: &'static str;
    /// What the learner gets when nothing can be opened, as a sentence ends: "the default
    /// scenario", "the sample data".
    const FALLBACK: &'static str;
    /// What opening someone else's link brings, in a sentence.
    const SHARED: &'static str;

    /// The tab's defaults.
    fn fallback() -> Self;
    /// The tab's state for one of its scenarios, or why it cannot be replayed.
    fn from_scenario(scenario: &Scenario) -> Result<Self, String>;
    /// Says something to the learner.
    fn set_notice(&mut self, text: String, error: bool);
    /// The action that says something to the learner.
    fn notify(text: String, error: bool) -> Self::Action;
    /// The session as a scenario (what a link carries), or why it cannot be one.
    fn to_scenario(&self) -> Result<Scenario, String>;
    /// Changes whenever what the scenario would say changes.
    fn scenario_revision(&self) -> u64;
    /// Anything more to say about a scenario just opened (say, steps it could not replay).
    fn opening_note(&self) -> Option<String> {
        None
    }
}

fn with_notice<S: TabSession>(mut state: S, text: String, error: bool) -> S {
    state.set_notice(text, error);
    state
}

/// The state of `scenario`, opened with `text` for the learner; the defaults and why when it is
/// another tab's or cannot be replayed.
fn replay<S: TabSession>(scenario: Scenario, text: String) -> S {
    let tab = scenario_tab(&scenario);
    if tab != S::TAB {
        return with_notice(
            S::fallback(),
            format!(
                "That link is for the {} tab; here is {}.",
                tab.label(),
                S::FALLBACK
            ),
            true,
        );
    }
    match S::from_scenario(&scenario) {
        Ok(state) => {
            let text = match state.opening_note() {
                Some(note) => format!("{text} {note}"),
                None => text,
            };
            with_notice(state, text, false)
        }
        Err(e) => with_notice(
            S::fallback(),
            format!(
                "The scenario could not be replayed: {e}. Here is {} instead.",
                S::FALLBACK
            ),
            true,
        ),
    }
}

/// The tab a scenario belongs to.
fn scenario_tab(scenario: &Scenario) -> Tab {
    match scenario {
        Scenario::Heartbeats(_) => Tab::Heartbeats,
        Scenario::Checksums(_) => Tab::Checksums,
    }
}

/// The tab's first state, from wherever it was opened. (The benchmark is the Heartbeats tab's
/// own business and opens its defaults here.)
pub fn initial<S: TabSession>(opened: &Opened) -> S {
    match opened {
        Opened::Bench => S::fallback(),
        Opened::Own { link: Some(link) } => match decode(link) {
            Ok(s) if current_route().param("reset").is_some() => replay(
                s,
                format!(
                    "Back to {}. Your own saved session is left as it was.",
                    S::FALLBACK
                ),
            ),
            Ok(s) => replay(s, opened_text(S::TAB, S::KEY, link, S::SHARED)),
            Err(e) => with_notice(
                S::fallback(),
                format!(
                    "The link could not be opened: {e}. Here is {} instead.",
                    S::FALLBACK
                ),
                true,
            ),
        },
        Opened::Own { link: None } if let Some(imported) = take_imported(S::TAB) => {
            replay(imported, IMPORTED_TEXT.to_string())
        }
        Opened::Own { link: None } => match saved(S::KEY) {
            None => S::fallback(),
            Some(saved) => match decode(&saved) {
                Ok(s) if scenario_tab(&s) == S::TAB => replay(
                    s,
                    format!(
                        "Welcome back: your last {} session is restored.",
                        S::TAB.label()
                    ),
                ),
                other => {
                    let why = match other {
                        Err(e) => e.to_string(),
                        Ok(_) => format!("it is not a {} session", S::TAB.label()),
                    };
                    let text = unreadable_saved(S::KEY, &saved, &why, S::FALLBACK);
                    with_notice(S::fallback(), text, true)
                }
            },
        },
    }
}

/// Keeps the address bar (and, for the learner's own session, the browser's storage) in step
/// with the session after every change a share link would capture. The benchmark
/// are left alone.
#[hook]
pub fn use_autosave<S: TabSession>(state: &UseReducerHandle<S>, opened: &Opened) -> Keeping {
    let own_link = match opened {
        Opened::Own { link } => Some(link.clone()),
        Opened::Bench => None,
    };
    let scenario = {
        let state = state.clone();
        move || state.to_scenario()
    };
    let notify = {
        let state = state.clone();
        Callback::from(move |(text, error)| state.dispatch(S::notify(text, error)))
    };
    use_keeping(
        S::TAB,
        S::KEY,
        own_link,
        state.scenario_revision(),
        scenario,
        notify,
    )
}

/// Forgets the tab's saved session (Reset to defaults).
pub fn forget<S: TabSession>() {
    storage::remove(S::KEY);
}
