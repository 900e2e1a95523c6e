//! The Heartbeats tab's side of opening and keeping a session (see [`crate::ui::session`]): how a
//! scenario becomes a run, and the benchmark's own run.

use super::bench;
use super::state::{Action, HeartbeatsState, Notice};
use crate::scenario::{HeartbeatsScenario, Scenario, Tab, TimedCommand};
use crate::sim::Config;
use crate::ui::session::{Opened, TabSession, initial};

impl TabSession for HeartbeatsState {
    const TAB: Tab = Tab::Heartbeats;
    const KEY: &'static str = "heartbeats";
    const FALLBACK: &'static str = "the default scenario";
    const SHARED: &'static str =
        "Opened a shared scenario: the same settings, seed and faults as whoever made the link.";

    fn fallback() -> Self {
        HeartbeatsState::new(Config::default())
    }

    fn from_scenario(scenario: &Scenario) -> Result<Self, String> {
        let Scenario::Heartbeats(h) = scenario else {
            return Err("it is not a Heartbeats scenario".into());
        };
        let state = HeartbeatsState::from_scenario(h);
        state.run.borrow_mut().plan(planned(h));
        Ok(state)
    }

    fn set_notice(&mut self, text: String, error: bool) {
        self.notice = Some(Notice { text, error });
    }

    fn notify(text: String, error: bool) -> Action {
        Action::Notify(Notice { text, error })
    }

    fn to_scenario(&self) -> Result<Scenario, String> {
        let now = self.world().now();
        Ok(Scenario::Heartbeats(self.scenario(now)))
    }

    fn scenario_revision(&self) -> u64 {
        self.scenario_revision
    }

    fn opening_note(&self) -> Option<String> {
        // A run still replaying to its moment says so when the replay ends (see `catch_up`).
        refused_note(self.refused_commands())
    }
}

/// What the page says when `refused` of a scenario's scheduled actions could not be applied.
pub(super) fn refused_note(refused: usize) -> Option<String> {
    match refused {
        0 => None,
        1 => Some("One of its scheduled actions could not be applied (for example, restarting a node that was up), so it was skipped.".into()),
        n => Some(format!("{n} of its scheduled actions could not be applied (for example, restarting a node that was up), so they were skipped.")),
    }
}

/// The tab's first state: the benchmark's run, or whatever the address, storage or lesson opens.
pub fn initial_state(opened: &Opened) -> HeartbeatsState {
    if *opened == Opened::Bench {
        let (config, speed) = bench::config_and_speed();
        let mut s = HeartbeatsState::new(config);
        s.running = true;
        s.speed = speed;
        return s;
    }
    initial(opened)
}

/// What a Reset replays of a saved or shared scenario: only what was still to come when it was
/// made (the rest of a lesson's plan). What had already happened is the learner's own history, and
/// a Reset in the learner's session never replays that, before a reload or after.
fn planned(h: &HeartbeatsScenario) -> Vec<TimedCommand> {
    h.schedule
        .iter()
        .filter(|c| c.at_ms > h.start_at_ms)
        .cloned()
        .collect()
}
