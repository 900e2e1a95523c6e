//! The learner's progress through the lessons, pure: which lessons are done, the step each one was
//! left at, and every prediction with whether it was right. The page keeps it in the browser as
//! JSON; anything unreadable there is reported and replaced, never trusted.

use serde::{Deserialize, Serialize};

use super::Lesson;
use super::step::Prediction;
use crate::scenario::sorted::{SortedMap, SortedSet};

/// The most bytes of stored progress read back (a dozen lessons need a few kB).
pub const MAX_PROGRESS_BYTES: usize = 64 * 1024;

/// One prediction the learner committed to.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Answered {
    /// What they predicted.
    pub prediction: Prediction,
    /// Whether it was right.
    pub right: bool,
}

/// Where the learner is in one lesson.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LessonProgress {
    /// The step they were on, from 0.
    #[serde(default)]
    pub step: usize,
    /// Their predictions, by step (from 0).
    #[serde(default)]
    pub answers: SortedMap<usize, Answered>,
}

/// The learner's progress through every lesson.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// The lessons marked done.
    #[serde(default)]
    pub done: SortedSet<u8>,
    /// Each lesson's step and answers, by lesson number.
    #[serde(default)]
    pub lessons: SortedMap<u8, LessonProgress>,
    /// For lessons a course wrote (whose number may name another lesson tomorrow): the
    /// fingerprint of the lesson the progress is about, by number.
    #[serde(default, skip_serializing_if = "SortedMap::is_empty")]
    pub fingerprints: SortedMap<u8, u32>,
}

impl Progress {
    /// Reads stored progress; why not when it is too large or not progress at all.
    pub fn from_json(text: &str) -> Result<Progress, String> {
        if text.len() > MAX_PROGRESS_BYTES {
            return Err(format!(
                "it is {} bytes, more than progress can be",
                text.len()
            ));
        }
        // The reader scenario files use (a second one, for &str, cost 1.7 KB gzip).
        crate::scenario::json_objects::from_slice(text.as_bytes())
            .map_err(|e| format!("it is not readable ({e})"))
    }

    /// The progress as JSON, to store.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// The step `lesson` was left at, within its steps.
    pub fn step_of(&self, lesson: &Lesson) -> usize {
        self.lessons
            .get(&lesson.number)
            .map_or(0, |p| p.step)
            .min(lesson.steps.len().saturating_sub(1))
    }

    /// Notes that the learner is at `step` of `lesson`.
    pub fn set_step(&mut self, lesson: &Lesson, step: usize) {
        let step = step.min(lesson.steps.len().saturating_sub(1));
        self.lessons.or_default(lesson.number).step = step;
    }

    /// What the learner answered at `step` of `lesson`, if anything.
    pub fn answer(&self, lesson: &Lesson, step: usize) -> Option<Answered> {
        self.lessons
            .get(&lesson.number)?
            .answers
            .get(&step)
            .copied()
    }

    /// Records a prediction for the question at `step` of `lesson` and judges it; `None` (and
    /// nothing recorded) when that step asks nothing or the prediction does not fit its question.
    pub fn record(&mut self, lesson: &Lesson, step: usize, prediction: Prediction) -> Option<bool> {
        let question = lesson.steps.get(step)?.question.as_ref()?;
        let right = question.judge(prediction)?;
        self.lessons
            .or_default(lesson.number)
            .answers
            .insert(step, Answered { prediction, right });
        Some(right)
    }

    /// Forgets `lesson`'s step and answers (to do it again from the start).
    pub fn restart(&mut self, lesson: &Lesson) {
        self.lessons.remove(&lesson.number);
    }

    /// Forgets everything about lesson `number`: step, answers and done mark.
    pub fn forget(&mut self, number: u8) {
        self.lessons.remove(&number);
        self.done.remove(&number);
    }

    /// Keeps the progress of each (number, fingerprint) only if it was made on that very lesson:
    /// a number whose lesson changed (another course lesson, another lesson link) starts afresh.
    /// Returns whether anything changed.
    pub fn match_lessons(&mut self, lessons: &[(u8, u32)]) -> bool {
        let mut changed = false;
        for &(number, fingerprint) in lessons {
            if self.fingerprints.get(&number) != Some(&fingerprint) {
                self.forget(number);
                self.fingerprints.insert(number, fingerprint);
                changed = true;
            }
        }
        changed
    }

    /// Marks `lesson` done or not done.
    pub fn set_done(&mut self, lesson: u8, done: bool) {
        if done {
            self.done.insert(lesson);
        } else {
            self.done.remove(&lesson);
        }
    }

    /// How many of `lesson`'s questions were answered right, and how many it asks.
    pub fn score(&self, lesson: &Lesson) -> (usize, usize) {
        let asked = lesson.questions().count();
        let right = lesson
            .questions()
            .filter(|(i, _)| self.answer(lesson, *i).is_some_and(|a| a.right))
            .count();
        (right, asked)
    }
}
