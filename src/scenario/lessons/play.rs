//! Playing a lesson's steps with the pure core: what a step's button does to the run, and where
//! the stage stands at the start of any step (every earlier step done at once). The page and the
//! lesson claims both go through here, so what a claim checks is what the learner sees.

use super::super::checksum_session::ChecksumSession;
use super::super::heartbeats_run::HeartbeatsRun;
use super::super::model::{HeartbeatsScenario, Scenario};
use super::Lesson;
use super::step::Act;
use crate::sim::SimTime;

/// What a step's button did, beyond the run itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Begun {
    /// The ground truth is now shown.
    pub reveals_truth: bool,
    /// Why the journal could not show the new observer's past, if it could not.
    pub look_note: Option<&'static str>,
}

/// A Heartbeats stage at the start of a step.
#[derive(Debug, Clone)]
pub struct HeartbeatsStage {
    /// The run.
    pub run: HeartbeatsRun,
    /// Whether the ground truth is shown.
    pub show_truth: bool,
}

/// Why a lesson's step cannot be played.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlayError {
    /// No such lesson step.
    #[error("lesson {lesson} has no step {step}")]
    NoStep {
        /// The lesson's number.
        lesson: u8,
        /// The step asked for, from 0.
        step: usize,
    },
    /// The step is for the other tab's stage.
    #[error("lesson {0}'s steps are not for this stage")]
    WrongStage(u8),
    /// The run refused what the step asked (a bad setting, a command it cannot apply).
    #[error("the step could not be played: {0}")]
    Refused(String),
}

/// A Heartbeats lesson's scenario, with `seed` in its settings when given.
pub fn heartbeats_scenario(
    lesson: &Lesson,
    seed: Option<u64>,
) -> Result<HeartbeatsScenario, PlayError> {
    let Scenario::Heartbeats(mut h) = lesson.build() else {
        return Err(PlayError::WrongStage(lesson.number));
    };
    if let Some(seed) = seed {
        h.config.seed = seed;
    }
    Ok(h)
}

/// Does what step `act` says to `run`: a command now, a replay from time 0 with a setting
/// changed, another observer. Playing to the step's moment is the caller's (the page plays it
/// frame by frame; a claim runs it at once).
pub fn begin(run: &mut HeartbeatsRun, act: &Act) -> Result<Begun, PlayError> {
    let mut begun = Begun::default();
    match act {
        Act::Play | Act::Reveal => {}
        Act::Command(command) => run
            .apply(command.clone())
            .map_err(|e| PlayError::Refused(e.to_string()))?,
        Act::Replay(setting) => {
            let mut config = run.initial_config().clone();
            setting.apply(&mut config);
            *run = run
                .restart_with(config)
                .map_err(|e| PlayError::Refused(e.to_string()))?;
        }
        Act::ShowTruth => begun.reveals_truth = true,
        Act::LookThrough(node) => begun.look_note = run.look_through(*node).err(),
        Act::Checksums(_) | Act::Measure => {
            return Err(PlayError::Refused("it is a Checksums step".into()));
        }
    }
    Ok(begun)
}

/// A Heartbeats lesson's stage at the start of step `step` (from 0): the scenario opened, and
/// every earlier step's button pressed and played to its moment.
pub fn heartbeats_at(
    lesson: &Lesson,
    step: usize,
    seed: Option<u64>,
) -> Result<HeartbeatsStage, PlayError> {
    if step >= lesson.steps.len() {
        return Err(PlayError::NoStep {
            lesson: lesson.number,
            step,
        });
    }
    let scenario = heartbeats_scenario(lesson, seed)?;
    let mut stage = HeartbeatsStage {
        run: HeartbeatsRun::open(&scenario).map_err(|e| PlayError::Refused(e.to_string()))?,
        show_truth: scenario.show_truth,
    };
    for earlier in &lesson.steps[..step] {
        let begun = begin(&mut stage.run, &earlier.act)?;
        stage.show_truth |= begun.reveals_truth;
        stage.run.run_to(SimTime(earlier.until_ms));
    }
    Ok(stage)
}

/// A Heartbeats lesson's stage just after step `step` has played to its moment.
pub fn heartbeats_after(
    lesson: &Lesson,
    step: usize,
    seed: Option<u64>,
) -> Result<HeartbeatsStage, PlayError> {
    let mut stage = heartbeats_at(lesson, step, seed)?;
    let this = &lesson.steps[step];
    let begun = begin(&mut stage.run, &this.act)?;
    stage.show_truth |= begun.reveals_truth;
    stage.run.run_to(SimTime(this.until_ms));
    Ok(stage)
}

/// The Checksums steps a step's button applies (none for other buttons).
pub fn checksum_steps(act: &Act) -> &'static [super::super::model::ChecksumStep] {
    match act {
        Act::Checksums(steps) => steps,
        _ => &[],
    }
}

/// A Checksums lesson's session at the start of step `step`, or just after it when `after`.
pub fn checksums_at(
    lesson: &Lesson,
    step: usize,
    after: bool,
) -> Result<ChecksumSession, PlayError> {
    if step >= lesson.steps.len() {
        return Err(PlayError::NoStep {
            lesson: lesson.number,
            step,
        });
    }
    let Scenario::Checksums(c) = lesson.build() else {
        return Err(PlayError::WrongStage(lesson.number));
    };
    let mut session = ChecksumSession::replay(&c).map_err(PlayError::Refused)?;
    let last = if after { step + 1 } else { step };
    for s in &lesson.steps[..last] {
        session
            .apply_all(checksum_steps(&s.act))
            .map_err(PlayError::Refused)?;
    }
    Ok(session)
}
