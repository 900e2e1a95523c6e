//! The guided lessons, as data: each is a scenario and a few steps. A step is one beat of the
//! story: a short text, a question the learner answers first, and a button that does what the
//! text says and plays the stage to the step's moment; then the answer is explained. The claims
//! the texts make are checks a test runs on many seeds ([`claims`]). To add a lesson, add an
//! entry to [`LESSONS`]; no component changes.

mod checksums_course;
pub mod claims;
pub mod course;
mod heartbeats_course;
pub mod play;
pub mod progress;
mod scenarios;
pub mod step;
mod swim_course;
mod swim_refute_course;

use super::model::Scenario;
use claims::Claim;
pub use step::{Act, Answer, Prediction, Question, Readout, Setting, Step};

/// One lesson.
#[derive(Debug, Clone, Copy)]
pub struct Lesson {
    /// Its number in the course order, from 1.
    pub number: u8,
    /// Its title.
    pub title: &'static str,
    /// The scenario the stage opens with.
    pub scenario: Stage,
    /// Its steps, in order.
    pub steps: &'static [Step],
    /// What the text claims about the scenario, each with its check.
    pub claims: &'static [Claim],
}

/// Where a lesson's scenario comes from.
#[derive(Debug, Clone, Copy)]
pub enum Stage {
    /// Built by a function (a built-in lesson: the table stays plain data).
    Built(fn() -> Scenario),
    /// Given (a course's lesson, read from its share link).
    Given(&'static Scenario),
}

impl Lesson {
    /// The lesson with this number: built-in, or installed from a course or a lesson link.
    pub fn by_number(n: u8) -> Option<&'static Lesson> {
        LESSONS
            .iter()
            .find(|l| l.number == n)
            .or_else(|| course::installed(n))
    }

    /// The lesson's scenario.
    pub fn build(&self) -> Scenario {
        match self.scenario {
            Stage::Built(build) => build(),
            Stage::Given(scenario) => scenario.clone(),
        }
    }

    /// Whether a course wrote it (it comes from `course.json` or a lesson link).
    pub fn is_from_a_course(&self) -> bool {
        matches!(self.scenario, Stage::Given(_))
    }

    /// Whether its stage is the Heartbeats cluster (otherwise it is the Checksums data).
    pub fn is_heartbeats(&self) -> bool {
        matches!(self.build(), Scenario::Heartbeats(_))
    }

    /// Every question it asks, with its step's position.
    pub fn questions(&self) -> impl Iterator<Item = (usize, &'static Question)> {
        self.steps
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.question.as_ref().map(|q| (i, q)))
    }

    /// Every sentence the learner can read in it: the steps' texts, questions, options and
    /// explanations (a claim quotes one of them).
    pub fn words(&self) -> Vec<&'static str> {
        let mut words = vec![self.title];
        for step in self.steps {
            words.extend(step.text.iter().copied());
            words.push(step.label);
            if let Some(q) = &step.question {
                words.push(q.prompt);
                words.push(q.explanation);
                if let Answer::Choice { options, .. } = q.answer {
                    words.extend(options.iter().copied());
                }
            }
        }
        words
    }
}

/// Every lesson, in the course's order.
pub const LESSONS: &[Lesson] = &[
    heartbeats_course::LESSON_1,
    heartbeats_course::LESSON_2,
    heartbeats_course::LESSON_3,
    heartbeats_course::LESSON_4,
    heartbeats_course::LESSON_5,
    heartbeats_course::LESSON_6,
    heartbeats_course::LESSON_7,
    heartbeats_course::LESSON_8,
    checksums_course::LESSON_9,
    checksums_course::LESSON_10,
    checksums_course::LESSON_11,
    checksums_course::LESSON_12,
    swim_course::LESSON_13,
    swim_refute_course::LESSON_14,
];
