//! Lessons a course writes itself, without a toolchain: entries of a `course.json` file beside
//! `index.html`, or one lesson carried in a lesson link (`#/lessons/shared?l=…`). Each entry is a
//! share link's scenario with a text, an optional question and the moment the stage stops at; it
//! becomes a one-step [`Lesson`] that the lesson stage plays like a built-in one.
//!
//! Reading a course never fails as a whole when only some lessons are wrong: the valid ones are
//! kept, and each problem names the lesson and the field, for the instructor.

mod file;
mod installed;
mod link;

use std::fmt;

use serde::{Deserialize, Serialize};

use super::super::link::{crc, decode};
use super::super::model::Scenario;
use super::super::route::Route;
use super::step::{STEP_REAL_MS, STEP_SPEEDS};
use crate::checksum::bytes_label;
pub use file::{Course, CourseProblem, read_course};
pub use installed::{
    course_lessons, fingerprints, install_course, install_linked, installed, lesson_from, listed,
    number_of, slug,
};

/// The file a course adds beside `index.html`.
pub const COURSE_FILE: &str = "course.json";
/// The largest course file read.
pub const MAX_COURSE_BYTES: usize = 2 * 1024 * 1024;
/// The most lessons a course may hold.
pub const MAX_COURSE_LESSONS: usize = 50;
/// The number the first course lesson gets (built-in lessons count from 1).
pub const FIRST_COURSE_NUMBER: u8 = 101;
/// The number a lesson opened from a lesson link gets.
pub const LINKED_NUMBER: u8 = 200;
/// The latest moment a lesson may stop at: a step reaches its moment within [`STEP_REAL_MS`] of
/// real time at the fastest step speed.
pub const MAX_PAUSE_S: f64 = (STEP_REAL_MS / 1000) as f64 * STEP_SPEEDS[STEP_SPEEDS.len() - 1];
/// The longest text, title, question or option accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// The most a course lesson's Checksums stage may go through when it is set up (see
/// [`crate::scenario::cost::checksums_replay_bytes`]): about 8 ms of a browser's time.
pub const MAX_STAGE_REPLAY_BYTES: usize = 8 * 1024 * 1024;
/// The version byte of a lesson link.
pub const LESSON_LINK_VERSION: u8 = 1;

/// One lesson as a course writes it (a `course.json` entry, and what a lesson link carries).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LessonEntry {
    /// The lesson's title.
    pub title: String,
    /// What the lesson says, plain text; a blank line starts a new paragraph.
    pub text: String,
    /// A Faultlab share link, or just its `s=` value: the stage the lesson opens.
    pub scenario: String,
    /// Heartbeats: the virtual second the stage plays to and stops at (the hand-over).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pause_at_s: Option<f64>,
    /// The question the learner answers before the stage plays, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    /// The options to choose from (two or more).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
    /// The right option, word for word.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// Why the answer is right, shown once the stage has played (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
}

/// What is wrong with one field of an entry.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldProblem {
    /// The field's name, as written in `course.json`.
    pub field: &'static str,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "field “{}”: {}", self.field, self.message)
    }
}

/// An entry checked: what the lesson stage needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// The stage, opened at time 0.
    pub scenario: Scenario,
    /// The moment the stage plays to (Heartbeats), in ms.
    pub pause_at_ms: u64,
    /// The question, its options and the right one's position.
    pub question: Option<(String, Vec<String>, usize)>,
}

/// The `s=` value of a share link (read as the page reads its address), or the text itself when
/// it is only that value.
fn link_value(scenario: &str) -> String {
    let s = scenario.trim();
    match s.split_once('#') {
        Some((_, fragment)) => Route::parse(fragment).param("s").unwrap_or("").to_string(),
        None => s.to_string(),
    }
}

fn problem(field: &'static str, message: impl Into<String>) -> FieldProblem {
    FieldProblem {
        field,
        message: message.into(),
    }
}

fn check_text(field: &'static str, text: &str, required: bool) -> Result<(), FieldProblem> {
    if required && text.trim().is_empty() {
        return Err(problem(field, "is empty"));
    }
    let chars = text.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(problem(
            field,
            format!("is {chars} characters long; at most {MAX_TEXT_CHARS}"),
        ));
    }
    Ok(())
}

impl LessonEntry {
    /// Checks every field and opens the scenario; the first problem found, by field.
    pub fn check(&self) -> Result<Checked, FieldProblem> {
        check_text("title", &self.title, true)?;
        check_text("text", &self.text, true)?;
        let mut scenario = decode(&link_value(&self.scenario)).map_err(|e| {
            problem(
                "scenario",
                format!("is not a Faultlab share link that opens: {e}"),
            )
        })?;
        let pause_at_ms = match (&mut scenario, self.pause_at_s) {
            (Scenario::Heartbeats(h), pause) => {
                // Without a moment, the stage stops where the link was copied. The lesson starts
                // at time 0 and plays there, whatever time the link was copied at.
                let pause = pause.unwrap_or(h.start_at_ms as f64 / 1000.0);
                h.start_at_ms = 0;
                if !pause.is_finite() || !(0.0..=MAX_PAUSE_S).contains(&pause) {
                    return Err(problem(
                        "pause_at_s",
                        format!(
                            "must be between 0 and {MAX_PAUSE_S} seconds, so the stage gets there within {} s at {}×",
                            STEP_REAL_MS / 1000,
                            STEP_SPEEDS[STEP_SPEEDS.len() - 1]
                        ),
                    ));
                }
                (pause * 1000.0).round() as u64
            }
            (Scenario::Checksums(c), _) => {
                // A lesson's stage is set up in one go when the lesson opens (a link opens in
                // slices, a lesson does not): it must stay light.
                let bytes = crate::scenario::cost::checksums_replay_bytes(c);
                if bytes > MAX_STAGE_REPLAY_BYTES as u64 {
                    return Err(problem(
                        "scenario",
                        format!(
                            "opens a Checksums session too heavy for a lesson's stage: replaying it goes through {}, and a lesson's stage at most {} (less data, or fewer steps)",
                            bytes_label(usize::try_from(bytes).unwrap_or(usize::MAX)),
                            bytes_label(MAX_STAGE_REPLAY_BYTES)
                        ),
                    ));
                }
                0
            }
        };
        let question = match (&self.question, self.choices.len(), &self.answer) {
            (None, 0, None) => None,
            (None, _, _) => {
                return Err(problem(
                    "question",
                    "is missing, but there are choices or an answer",
                ));
            }
            (Some(q), n, answer) => {
                check_text("question", q, true)?;
                if n < 2 {
                    return Err(problem("choices", "a question needs at least two choices"));
                }
                if n > 8 {
                    return Err(problem("choices", format!("{n} choices; at most 8")));
                }
                for (i, c) in self.choices.iter().enumerate() {
                    check_text("choices", c, true)?;
                    if self.choices[..i].iter().any(|d| d.trim() == c.trim()) {
                        return Err(problem("choices", format!("“{c}” is there twice")));
                    }
                }
                let answer = answer
                    .as_ref()
                    .ok_or_else(|| problem("answer", "is missing: which choice is right?"))?;
                let correct = self
                    .choices
                    .iter()
                    .position(|c| c.trim() == answer.trim())
                    .ok_or_else(|| {
                        problem(
                            "answer",
                            format!("“{answer}” is not one of the choices, word for word"),
                        )
                    })?;
                Some((q.clone(), self.choices.clone(), correct))
            }
        };
        if let Some(e) = &self.explanation {
            check_text("explanation", e, false)?;
        }
        Ok(Checked {
            scenario,
            pause_at_ms,
            question,
        })
    }

    /// The entry as `course.json` holds it (pretty JSON, to paste into the file's list).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The paragraphs of a text: a blank line (or one of only spaces) starts a new one; lines within
/// one are joined.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.extend(line.split_whitespace());
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

/// A lesson's fingerprint: the CRC32C of its entry. Progress on a course lesson is kept only
/// while its number names the same lesson.
pub fn fingerprint(entry: &LessonEntry) -> u32 {
    u32::from_be_bytes(crc(entry.to_json().as_bytes()))
}
