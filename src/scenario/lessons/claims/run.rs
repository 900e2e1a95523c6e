//! Replaying a lesson's scenario for its claims, natively (the page never checks claims).

use super::super::super::checksum_session::ChecksumSession;
use super::super::super::heartbeats_run::HeartbeatsRun;
use super::super::super::model::{HeartbeatsScenario, TimedCommand};
use super::super::super::replay::Replayer;
use super::super::{Lesson, play};
use super::Check;
use crate::sim::{Belief, Command, Config, NodeId, SimTime, TraceKind, Transition, World};

/// A Heartbeats lesson with one seed, played step by step as the page plays it (each step's
/// button pressed, then played to its moment), every event kept.
#[derive(Debug, Clone)]
pub struct LessonRun {
    /// The lesson.
    pub lesson: &'static Lesson,
    /// Its scenario, with the seed in its settings.
    pub scenario: HeartbeatsScenario,
    /// The run just after each step, in order.
    after: Vec<World>,
}

/// How many trace events a claim's replay keeps: all of a lesson's.
const KEEP_EVENTS: usize = 1_000_000;

impl LessonRun {
    /// The lesson with `seed`, every step played; `Err` when a step cannot be played or the run
    /// let events go that a claim may need.
    pub fn new(lesson: &'static Lesson, seed: u64) -> Result<LessonRun, String> {
        let scenario = play::heartbeats_scenario(lesson, Some(seed)).map_err(|e| e.to_string())?;
        let mut run = HeartbeatsRun::open(&scenario).map_err(|e| e.to_string())?;
        run.keep_trace(KEEP_EVENTS);
        let mut after = Vec::new();
        for (i, step) in lesson.steps.iter().enumerate() {
            play::begin(&mut run, &step.act).map_err(|e| format!("step {}: {e}", i + 1))?;
            run.run_to(SimTime(step.until_ms));
            let trace = run.world().trace();
            if trace.len() > trace.recent().len() as u64 {
                return Err(format!("step {}: the trace let events go", i + 1));
            }
            after.push(run.world().clone());
        }
        Ok(LessonRun {
            lesson,
            scenario,
            after,
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

    /// The run as the learner finds it just after step `step` (from 1, as the page numbers them).
    pub fn after(&self, step: usize) -> &World {
        &self.after[step - 1]
    }

    /// The scenario's own run (no button pressed) at `ms`, every event kept.
    pub fn at(&self, ms: u64) -> World {
        replay(&self.scenario, |_| {}, ms)
    }

    /// The scenario's run with changed settings (no button pressed) at `ms`.
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

/// A Checksums lesson's session just after each step, as the page plays them.
#[derive(Debug, Clone)]
pub struct SessionRun {
    after: Vec<ChecksumSession>,
}

impl SessionRun {
    /// Plays every step of `lesson`.
    pub fn new(lesson: &'static Lesson) -> Result<SessionRun, String> {
        let after = (0..lesson.steps.len())
            .map(|i| play::checksums_at(lesson, i, true).map_err(|e| e.to_string()))
            .collect::<Result<_, _>>()?;
        Ok(SessionRun { after })
    }

    /// The session just after step `step` (from 1).
    pub fn after(&self, step: usize) -> &ChecksumSession {
        &self.after[step - 1]
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
    let run: Result<Result<LessonRun, SessionRun>, String> = if lesson.is_heartbeats() {
        LessonRun::new(lesson, seed).map(Ok)
    } else {
        SessionRun::new(lesson).map(Err)
    };
    lesson
        .claims
        .iter()
        .filter_map(|claim| {
            let result = match (claim.check, &run) {
                (_, Err(e)) => Err(format!("the lesson does not play: {e}")),
                (Check::Heartbeats(f), Ok(Ok(run))) => f(run),
                (Check::Checksums(f), Ok(Err(session))) => f(session),
                _ => Err("a claim for the other tab".into()),
            };
            result.err().map(|why| (claim.says, why))
        })
        .collect()
}
