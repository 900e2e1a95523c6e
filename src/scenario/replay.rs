//! Replaying a Heartbeats scenario: advance the world and apply each scheduled command at its time,
//! so the same scenario gives the same trace wherever it is opened.

use super::model::{HeartbeatsScenario, TimedCommand};
use crate::sim::{ConfigError, SimTime, World};

/// Applies a schedule of commands as a world advances.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Replayer {
    schedule: Vec<TimedCommand>,
    next: usize,
    refused: usize,
}

impl Replayer {
    /// A replayer for a schedule (in time order).
    pub fn new(schedule: Vec<TimedCommand>) -> Replayer {
        Replayer {
            schedule,
            next: 0,
            refused: 0,
        }
    }

    /// When the next scheduled command is due, if any is left.
    pub fn next_at(&self) -> Option<SimTime> {
        self.schedule.get(self.next).map(|c| SimTime(c.at_ms))
    }

    /// How many scheduled commands the world refused (say, restarting a node that is up).
    pub fn refused(&self) -> usize {
        self.refused
    }

    /// Applies every command due at or before the world's current time.
    fn apply_due(&mut self, world: &mut World) {
        while let Some(c) = self.schedule.get(self.next) {
            if c.at_ms > world.now().ms() {
                break;
            }
            if world.apply(c.command.clone()).is_err() {
                self.refused += 1;
            }
            self.next += 1;
        }
    }

    /// Runs the world to `t`, applying scheduled commands at their times.
    pub fn run_until(&mut self, world: &mut World, t: SimTime) {
        self.apply_due(world);
        while let Some(at) = self.next_at().filter(|&at| at <= t) {
            world.run_until(at);
            self.apply_due(world);
        }
        world.run_until(t);
        self.apply_due(world);
    }

    /// Advances the world by `dt_ms`, applying scheduled commands on the way.
    pub fn advance(&mut self, world: &mut World, dt_ms: u64) {
        let target = world.now().plus(dt_ms);
        self.run_until(world, target);
    }

    /// Processes exactly one event, or applies the next scheduled command if it comes first.
    pub fn step(&mut self, world: &mut World) -> bool {
        if let Some(at) = self.next_at() {
            if world.next_event_at().is_none_or(|e| at < e) {
                world.run_until(at);
                self.apply_due(world);
                return true;
            }
        }
        world.step().is_some()
    }

    /// The scheduled commands not applied yet.
    pub fn remaining(&self) -> &[TimedCommand] {
        self.schedule.get(self.next..).unwrap_or(&[])
    }

    /// Whether every scheduled command has been applied.
    pub fn is_done(&self) -> bool {
        self.next >= self.schedule.len()
    }
}

/// A new world for the scenario, moved to its start time with the schedule applied so far, and
/// the replayer that carries on from there.
pub fn start(scenario: &HeartbeatsScenario) -> Result<(World, Replayer), ConfigError> {
    let mut world = World::new(scenario.config.clone())?;
    let mut replayer = Replayer::new(scenario.schedule.clone());
    replayer.run_until(&mut world, SimTime(scenario.start_at_ms));
    Ok((world, replayer))
}
