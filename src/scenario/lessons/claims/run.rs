//! Replaying a lesson's scenario for its claims, natively (the page never checks claims).

use super::super::super::checksum_session::ChecksumSession;
use super::super::super::model::{HeartbeatsScenario, Scenario, TimedCommand};
use super::super::super::replay::Replayer;
use super::super::Lesson;
use super::Check;
use crate::sim::{Belief, Command, Config, NodeId, SimTime, TraceKind, Transition, World};

/// A Heartbeats lesson's scenario with one seed, replayed on demand.
#[derive(Debug, Clone)]
pub struct LessonRun {
    /// The lesson.
    pub lesson: &'static Lesson,
    /// Its scenario, with the seed in its settings.
    pub scenario: HeartbeatsScenario,
    hand_over: World,
}

/// How many trace events a claim's replay keeps: all of a lesson's.
const KEEP_EVENTS: usize = 1_000_000;

impl LessonRun {
    /// The lesson's scenario with `seed`, played to its hand-over; `None` for a Checksums lesson.
    pub fn new(lesson: &'static Lesson, seed: u64) -> Option<LessonRun> {
        let Scenario::Heartbeats(mut scenario) = lesson.build() else {
            return None;
        };
        scenario.config.seed = seed;
        let hand_over = replay(&scenario, |_| {}, lesson.hand_over_at_ms);
        Some(LessonRun {
            lesson,
            scenario,
            hand_over,
        })
    }

    /// The settings the lesson starts from.
    pub fn config(&self) -> &Config {
        &self.scenario.config
    }

    /// The lesson's timed commands.
    pub fn schedule(&self) -> &[TimedCommand] {
        &self.scenario.schedule
    }

    /// The run at the hand-over, as the learner finds it.
    pub fn at_hand_over(&self) -> &World {
        &self.hand_over
    }

    /// The run at `ms`, every event kept.
    pub fn at(&self, ms: u64) -> World {
        replay(&self.scenario, |_| {}, ms)
    }

    /// The run with changed settings (what Reset does after the learner changes one) at `ms`.
    pub fn with(&self, change: impl FnOnce(&mut Config), ms: u64) -> World {
        replay(&self.scenario, change, ms)
    }

    /// The run with changed settings, stepped event by event to `ms`; `each` sees the world after
    /// every event and may fail the claim.
    pub fn step_with(
        &self,
        change: impl FnOnce(&mut Config),
        ms: u64,
        mut each: impl FnMut(&World) -> Result<(), String>,
    ) -> Result<World, String> {
        let mut config = self.scenario.config.clone();
        change(&mut config);
        let mut world = World::new(config).map_err(|e| e.to_string())?;
        world.set_trace_capacity(KEEP_EVENTS);
        let mut replayer = Replayer::new(self.scenario.schedule.clone());
        while let Some(next) = world.next_event_at().filter(|t| t.ms() <= ms) {
            replayer.run_until(&mut world, next);
            each(&world)?;
        }
        replayer.run_until(&mut world, SimTime(ms));
        Ok(world)
    }
}

pub(super) fn replay(
    scenario: &HeartbeatsScenario,
    change: impl FnOnce(&mut Config),
    ms: u64,
) -> World {
    let mut config = scenario.config.clone();
    change(&mut config);
    let mut world = World::new(config).expect("a lesson's settings are valid");
    world.set_trace_capacity(KEEP_EVENTS);
    let mut replayer = Replayer::new(scenario.schedule.clone());
    replayer.run_until(&mut world, SimTime(ms));
    world
}

/// Every change of belief in the kept trace.
pub fn transitions(world: &World) -> impl Iterator<Item = Transition> + '_ {
    world.trace().recent().filter_map(|e| match e.kind {
        TraceKind::Belief(t) => Some(t),
        _ => None,
    })
}

/// When `observer`'s deciding detector first declared `node` dead after `after_ms`.
pub fn declared_dead(world: &World, observer: NodeId, node: u32, after_ms: u64) -> Option<SimTime> {
    let decides = world.detectors()[0];
    transitions(world)
        .find(|t| {
            t.observer == observer
                && t.node == NodeId(node)
                && t.detector == decides
                && t.to == Belief::Dead
                && t.at.ms() >= after_ms
        })
        .map(|t| t.at)
}

/// Whether a command is in the schedule at `at_ms`.
pub(super) fn scheduled(run: &LessonRun, at_ms: u64, command: &Command) -> bool {
    run.schedule()
        .iter()
        .any(|c| c.at_ms == at_ms && &c.command == command)
}

/// The ms of the run with two or more nodes acting as leaders, stepping event by event.
pub(super) fn doubled_leadership(
    run: &LessonRun,
    quorum: bool,
    ms: u64,
) -> Result<(World, u64), String> {
    let mut doubled = 0;
    let mut last = 0;
    let world = run.step_with(
        |c| c.quorum = quorum,
        ms,
        |w| {
            if w.leaders().len() > 1 {
                doubled += w.now().ms() - last;
            }
            last = w.now().ms();
            Ok(())
        },
    )?;
    Ok((world, doubled))
}

pub(super) fn read_error(s: &ChecksumSession) -> bool {
    matches!(s.last_read(), Some(Err(_)))
}

/// Checks every claim of `lesson` on a run with `seed` (Checksums lessons ignore the seed).
/// Returns the claims that failed, each with why.
pub fn check(lesson: &'static Lesson, seed: u64) -> Vec<(&'static str, String)> {
    let heartbeats = LessonRun::new(lesson, seed);
    let checksums = match lesson.build() {
        Scenario::Checksums(c) => Some(ChecksumSession::replay(&c)),
        Scenario::Heartbeats(_) => None,
    };
    lesson
        .claims
        .iter()
        .filter_map(|claim| {
            let result = match (claim.check, &heartbeats, &checksums) {
                (Check::Heartbeats(f), Some(run), _) => f(run),
                (Check::Checksums(f), _, Some(Ok(session))) => f(session),
                (Check::Checksums(_), _, Some(Err(e))) => Err(format!("does not replay: {e}")),
                _ => Err("a claim for the other tab".into()),
            };
            result.err().map(|why| (claim.says, why))
        })
        .collect()
}
