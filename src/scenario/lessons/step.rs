//! A lesson's steps, as data: each step is a short beat of narrative with its own moment in the
//! scenario. The learner predicts (when the step asks a question), then presses the step's button,
//! which does what the text says ("Restart node 2", "Set the timeout to 8 s and replay") and plays
//! the stage to the step's moment; then the answer and its explanation appear.

use serde::{Deserialize, Serialize};

use super::super::model::ChecksumStep;
use crate::sim::{Command, Config, DetectorChoice, FixedTimeout, NodeId, Topology};

/// Real time, in ms, a step may take to reach its moment at its speed. The moment must come
/// within 10 s of pressing the button; the rest is margin for a slow frame.
pub const STEP_REAL_MS: u64 = 8_000;

/// The speeds a step may play at, slowest first (the playground offers the same).
pub const STEP_SPEEDS: [f64; 5] = [1.0, 2.0, 5.0, 10.0, 20.0];

/// One beat of a lesson.
#[derive(Debug, Clone)]
pub struct Step {
    /// What the step says, one paragraph per entry.
    pub text: &'static [&'static str],
    /// What the step's button does.
    pub act: Act,
    /// The button's words, which the text refers to ("Restart node 2").
    pub label: &'static str,
    /// Heartbeats: the virtual time the stage plays to and then stops at (the step's moment).
    /// Checksums steps have no time and leave it 0.
    pub until_ms: u64,
    /// The question the learner answers before pressing the button, if any.
    pub question: Option<Question>,
    /// What the stage shows besides the cluster (or, for Checksums, besides the data).
    pub shows: &'static [Readout],
}

/// What a step's button does before the stage plays to the step's moment.
#[derive(Debug, Clone, PartialEq)]
pub enum Act {
    /// Play on.
    Play,
    /// Apply a command now, then play on.
    Command(Command),
    /// Start the run again from time 0 with a setting changed, and play.
    Replay(Setting),
    /// Reveal the ground truth (nothing plays).
    ShowTruth,
    /// Look through this node's eyes, then play on.
    LookThrough(NodeId),
    /// Checksums: apply these steps to the session, in order.
    Checksums(&'static [ChecksumStep]),
    /// Checksums: measure the algorithms' speed in this browser.
    Measure,
    /// Only reveal the answer.
    Reveal,
}

/// A setting a step changes before it replays.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Setting {
    /// The fixed timeout's thresholds.
    Timeout(FixedTimeout),
    /// The majority quorum on or off.
    Quorum(bool),
    /// The random wobble added to each node's send time, in ms.
    SendJitter(u64),
    /// Who heartbeats whom, with the thresholds the settings panel would suggest.
    Topology(Topology),
    /// Which detectors run.
    Detectors(DetectorChoice),
}

impl Setting {
    /// Makes the change to `config`, as the settings panel would.
    pub fn apply(self, config: &mut Config) {
        match self {
            Setting::Timeout(t) => config.detection.fixed = t,
            Setting::Quorum(on) => config.quorum = on,
            Setting::SendJitter(ms) => config.send_jitter_ms = ms,
            Setting::Topology(t) => config.switch_topology(t),
            Setting::Detectors(d) => config.detection.choice = d,
        }
    }
}

/// A question the learner answers before the step runs.
#[derive(Debug, Clone, Copy)]
pub struct Question {
    /// What it asks.
    pub prompt: &'static str,
    /// How the learner answers, and what is right.
    pub answer: Answer,
    /// Why the answer is what it is, shown once the step has run.
    pub explanation: &'static str,
}

/// How a question is answered.
#[derive(Debug, Clone, Copy)]
pub enum Answer {
    /// One of several options.
    Choice {
        /// The options, in the order shown.
        options: &'static [&'static str],
        /// The right one's position.
        correct: usize,
    },
    /// A number, right when it lies within `low..=high`.
    Number {
        /// The unit it is given in ("s", "messages per second").
        unit: &'static str,
        /// The smallest right answer.
        low: f64,
        /// The largest right answer.
        high: f64,
    },
}

/// What the learner answered.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Prediction {
    /// The option at this position.
    Choice(usize),
    /// This number.
    Number(f64),
}

impl Question {
    /// Whether `prediction` is right; `None` when it does not fit the question (an option that
    /// does not exist, a number for a choice).
    pub fn judge(&self, prediction: Prediction) -> Option<bool> {
        match (self.answer, prediction) {
            (Answer::Choice { options, correct }, Prediction::Choice(i)) if i < options.len() => {
                Some(i == correct)
            }
            (Answer::Number { low, high, .. }, Prediction::Number(x)) if x.is_finite() => {
                Some((low..=high).contains(&x))
            }
            _ => None,
        }
    }

    /// The right answer, in words.
    pub fn right_answer(&self) -> String {
        match self.answer {
            Answer::Choice { options, correct } => {
                options.get(correct).copied().unwrap_or("").to_string()
            }
            Answer::Number { unit, low, high } if low == high => format!("{} {unit}", trim(low)),
            Answer::Number { unit, low, high } => format!("{} to {} {unit}", trim(low), trim(high)),
        }
    }

    /// The learner's answer, in words.
    pub fn say(&self, prediction: Prediction) -> String {
        match (self.answer, prediction) {
            (Answer::Choice { options, .. }, Prediction::Choice(i)) => {
                options.get(i).copied().unwrap_or("?").to_string()
            }
            (Answer::Number { unit, .. }, Prediction::Number(x)) => format!("{} {unit}", trim(x)),
            _ => "?".to_string(),
        }
    }
}

/// A number without a trailing ".0".
pub(crate) fn trim(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// A readout the stage shows beside the cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Readout {
    /// What the monitor (or the observing node) believes of each node, and the silence.
    Monitor,
    /// Each detector's detections, latency and false positives.
    Detection,
    /// Heartbeat messages and bytes per second, with the formula.
    Messages,
    /// The leaders, their epochs, who lacks a quorum, and where the work is.
    Leaders,
    /// Client requests served and failed, second by second, and where dead nodes' work went.
    Requests,
    /// When each node declared the crashed node dead (without a center).
    Spread,
    /// The timeline of arrivals, suspicions and deadlines.
    Timeline,
    /// The newest lines of the event log about leaders, leases and the work store.
    LeaderLog,
    /// The topologies' messages and bytes per second at 10, 100 and 1,000 nodes.
    CostTable,
    /// SWIM: each member's own health score (Lifeguard), how often it probes, and its false
    /// positives.
    Health,
    /// Checksums: the data, with the bytes that differ from the good copy marked.
    Data,
    /// Checksums: every algorithm's digest of the data and of the good copy.
    Digests,
    /// Checksums: the store's replicas, what each holds, and how the last read ended.
    Store,
    /// Checksums: the last write's path and the last read's, step by step.
    Paths,
    /// Checksums: the algorithms' speed, measured in this browser.
    Throughput,
}

impl Step {
    /// The speed that brings this step from `from_ms` to its moment within [`STEP_REAL_MS`] of
    /// real time: the slowest that does, so that heartbeats stay easy to follow.
    pub fn speed(&self, from_ms: u64) -> f64 {
        let virtual_ms = self.until_ms.saturating_sub(from_ms) as f64;
        STEP_SPEEDS
            .iter()
            .copied()
            .find(|s| virtual_ms / s <= STEP_REAL_MS as f64)
            .unwrap_or(STEP_SPEEDS[STEP_SPEEDS.len() - 1])
    }

    /// Whether the button replays from time 0 (so the step plays from 0, not from where the last
    /// one stopped).
    pub fn replays(&self) -> bool {
        matches!(self.act, Act::Replay(_))
    }
}
