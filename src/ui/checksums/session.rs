//! The Checksums tab's side of opening and keeping a session (see [`crate::ui::session`]): how a
//! scenario becomes the tab's data and store, and how a lesson's steps replay.

use super::state::{Action, ChecksumsState, Notice};
use crate::scenario::{Scenario, Tab};
use crate::ui::session::TabSession;

impl TabSession for ChecksumsState {
    const TAB: Tab = Tab::Checksums;
    const KEY: &'static str = "checksums";
    const FALLBACK: &'static str = "the sample data";
    const SHARED: &'static str = "Opened a shared session: the same data, corruptions and store steps as whoever made the link.";

    fn fallback() -> Self {
        ChecksumsState::new()
    }

    fn from_scenario(scenario: &Scenario) -> Result<Self, String> {
        match scenario {
            Scenario::Checksums(c) => ChecksumsState::from_scenario(c),
            Scenario::Heartbeats(_) => Err("it is not a Checksums session".into()),
        }
    }

    fn set_notice(&mut self, text: String, error: bool) {
        self.notice = Some(Notice { text, error });
    }

    fn notify(text: String, error: bool) -> Action {
        Action::Notify(Notice { text, error })
    }

    fn to_scenario(&self) -> Result<Scenario, String> {
        self.scenario().map(Scenario::Checksums)
    }

    fn scenario_revision(&self) -> u64 {
        self.scenario_revision
    }
}
