//! Lessons a course writes itself, without a toolchain: entries of a `course.json` file beside
//! `index.html`, or one lesson carried in a lesson link (`#/lessons/shared?l=…`). Each entry is a
//! share link's scenario with a text, an optional question and the moment the stage stops at; it
//! becomes a one-step [`Lesson`] that the lesson stage plays like a built-in one.
//!
//! Reading a course never fails as a whole when only some lessons are wrong: the valid ones are
//! kept, and each problem names the lesson and the field, for the instructor.

use std::cell::RefCell;
use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::super::link::{LinkError, MAX_LINK_CHARS, decode};
use super::super::model::Scenario;
use super::step::{Act, Answer, Question, Readout, STEP_REAL_MS, STEP_SPEEDS, Step};
use super::{LESSONS, Lesson};
use crate::checksum::Algorithm;

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

/// An entry as a lesson link carries it: every field in order (the link's binary form has no
/// field names, so none may be left out).
#[derive(Serialize, Deserialize)]
struct Carried {
    title: String,
    text: String,
    scenario: String,
    pause_at_s: Option<f64>,
    question: Option<String>,
    choices: Vec<String>,
    answer: Option<String>,
    explanation: Option<String>,
}

impl From<&LessonEntry> for Carried {
    fn from(e: &LessonEntry) -> Carried {
        let e = e.clone();
        Carried {
            title: e.title,
            text: e.text,
            scenario: e.scenario,
            pause_at_s: e.pause_at_s,
            question: e.question,
            choices: e.choices,
            answer: e.answer,
            explanation: e.explanation,
        }
    }
}

impl From<Carried> for LessonEntry {
    fn from(c: Carried) -> LessonEntry {
        LessonEntry {
            title: c.title,
            text: c.text,
            scenario: c.scenario,
            pause_at_s: c.pause_at_s,
            question: c.question,
            choices: c.choices,
            answer: c.answer,
            explanation: c.explanation,
        }
    }
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

/// A problem in a course file, for its instructor: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseProblem {
    /// The lesson's position in the file, from 1 (none for a problem with the whole file).
    pub lesson: Option<usize>,
    /// The lesson's title, when it has one.
    pub title: Option<String>,
    /// The field, when the problem is in one.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
    /// Whether the lesson is left out because of it (otherwise it is only a warning).
    pub left_out: bool,
}

impl fmt::Display for CourseProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(COURSE_FILE)?;
        if let Some(n) = self.lesson {
            write!(f, ", lesson {n}")?;
            if let Some(t) = &self.title {
                write!(f, " (“{t}”)")?;
            }
        }
        if let Some(field) = &self.field {
            write!(f, ", field “{field}”")?;
        }
        write!(f, ": {}", self.message)?;
        if self.left_out {
            f.write_str(". This lesson is left out")?;
        }
        Ok(())
    }
}

/// A course file, read: its valid lessons and every problem found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Course {
    /// The course's title.
    pub title: String,
    /// Whether its lessons replace the built-in ones (otherwise they follow them).
    pub replace_builtin: bool,
    /// The lessons that can be played, in the file's order.
    pub lessons: Vec<LessonEntry>,
    /// Each playable lesson's place in the file, from 0 (its address is `course-<place + 1>`).
    pub places: Vec<usize>,
    /// What was wrong, lesson by lesson and field by field.
    pub problems: Vec<CourseProblem>,
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

fn whole_file(message: impl Into<String>) -> CourseProblem {
    CourseProblem {
        lesson: None,
        title: None,
        field: None,
        message: message.into(),
        left_out: false,
    }
}

/// Reads a course file's text. Fails only when nothing in it can be used (not JSON, not an
/// object, no list of lessons); otherwise keeps every valid lesson and lists the problems.
pub fn read_course(text: &str) -> Result<Course, CourseProblem> {
    if text.len() > MAX_COURSE_BYTES {
        return Err(whole_file(format!(
            "the file is {} bytes; a course file is at most {MAX_COURSE_BYTES}",
            text.len()
        )));
    }
    let value: Value =
        serde_json::from_str(text).map_err(|e| whole_file(format!("it is not JSON ({e})")))?;
    let Value::Object(top) = value else {
        return Err(whole_file(
            "it must be one JSON object, { \"title\": …, \"lessons\": [ … ] }",
        ));
    };
    let mut course = Course {
        title: "Your course".into(),
        ..Course::default()
    };
    match top.get("title") {
        Some(Value::String(t)) if !t.trim().is_empty() => course.title = t.trim().to_string(),
        None => {}
        Some(_) => course.problems.push(CourseProblem {
            field: Some("title".into()),
            ..whole_file("must be a text; the course is called “Your course”")
        }),
    }
    match top.get("replace_builtin") {
        Some(Value::Bool(b)) => course.replace_builtin = *b,
        None => {}
        Some(_) => course.problems.push(CourseProblem {
            field: Some("replace_builtin".into()),
            ..whole_file("must be true or false; the built-in lessons stay")
        }),
    }
    for key in top.keys() {
        if !["title", "replace_builtin", "lessons"].contains(&key.as_str()) {
            course.problems.push(CourseProblem {
                field: Some(key.clone()),
                ..whole_file("Faultlab does not know this field and ignores it")
            });
        }
    }
    let Some(Value::Array(lessons)) = top.get("lessons") else {
        return Err(CourseProblem {
            field: Some("lessons".into()),
            ..whole_file("there must be a list of lessons, \"lessons\": [ … ]")
        });
    };
    for (i, value) in lessons.iter().enumerate() {
        let n = i + 1;
        if n > MAX_COURSE_LESSONS {
            course.problems.push(CourseProblem {
                lesson: Some(n),
                ..whole_file(format!(
                    "a course holds at most {MAX_COURSE_LESSONS} lessons; the rest are left out"
                ))
            });
            break;
        }
        let at =
            |field: Option<&str>, message: String, title: Option<String>, left_out| CourseProblem {
                lesson: Some(n),
                title,
                field: field.map(str::to_string),
                message,
                left_out,
            };
        let Value::Object(fields) = value else {
            course.problems.push(at(
                None,
                "each lesson must be a JSON object { \"title\": …, \"text\": …, \"scenario\": … }"
                    .into(),
                None,
                true,
            ));
            continue;
        };
        let (entry, unknown) = match entry_from(fields) {
            Ok(read) => read,
            Err(p) => {
                let title = fields
                    .get("title")
                    .and_then(Value::as_str)
                    .map(str::to_string);
                course
                    .problems
                    .push(at(Some(p.field), p.message, title, true));
                continue;
            }
        };
        for key in unknown {
            course.problems.push(at(
                Some(&key),
                "Faultlab does not know this field and ignores it".into(),
                Some(entry.title.clone()),
                false,
            ));
        }
        match entry.check() {
            Ok(_) => {
                course.lessons.push(entry);
                course.places.push(i);
            }
            Err(p) => course.problems.push(at(
                Some(p.field),
                p.message,
                Some(entry.title.clone()),
                true,
            )),
        }
    }
    if course.lessons.is_empty() && course.replace_builtin {
        course.replace_builtin = false;
        course.problems.push(CourseProblem {
            field: Some("replace_builtin".into()),
            ..whole_file("no lesson of the course can be played, so the built-in lessons stay")
        });
    }
    Ok(course)
}

/// Reads one entry's fields by their types; unknown field names come back for a warning.
fn entry_from(fields: &Map<String, Value>) -> Result<(LessonEntry, Vec<String>), FieldProblem> {
    let text = |field: &'static str, required: bool| -> Result<Option<String>, FieldProblem> {
        match fields.get(field) {
            Some(Value::String(s)) => Ok(Some(s.clone())),
            None | Some(Value::Null) if !required => Ok(None),
            None | Some(Value::Null) => Err(FieldProblem {
                field,
                message: "is missing".into(),
            }),
            Some(_) => Err(FieldProblem {
                field,
                message: "must be a text (in double quotes)".into(),
            }),
        }
    };
    let pause_at_s = match fields.get("pause_at_s") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) => n.as_f64(),
        Some(_) => {
            return Err(FieldProblem {
                field: "pause_at_s",
                message: "must be a number of seconds, such as 12".into(),
            });
        }
    };
    let choices = match fields.get("choices") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .ok_or(FieldProblem {
                field: "choices",
                message: "must be a list of texts, such as [\"yes\", \"no\"]".into(),
            })?,
        Some(_) => {
            return Err(FieldProblem {
                field: "choices",
                message: "must be a list of texts, such as [\"yes\", \"no\"]".into(),
            });
        }
    };
    let entry = LessonEntry {
        title: text("title", true)?.unwrap_or_default(),
        text: text("text", true)?.unwrap_or_default(),
        scenario: text("scenario", true)?.unwrap_or_default(),
        pause_at_s,
        question: text("question", false)?,
        choices,
        answer: text("answer", false)?,
        explanation: text("explanation", false)?,
    };
    const KNOWN: [&str; 8] = [
        "title",
        "text",
        "scenario",
        "pause_at_s",
        "question",
        "choices",
        "answer",
        "explanation",
    ];
    let unknown = fields
        .keys()
        .filter(|k| !KNOWN.contains(&k.as_str()))
        .cloned()
        .collect();
    Ok((entry, unknown))
}

/// The `s=` value of a share link, or the text itself when it is only that value.
fn link_value(scenario: &str) -> &str {
    let s = scenario.trim();
    let start = ["?s=", "&s="]
        .iter()
        .filter_map(|p| s.find(p).map(|i| i + p.len()))
        .min();
    match start {
        // The markers are ASCII, so `i` is on a character boundary.
        Some(i) => s[i..].split(['&', '#']).next().unwrap_or(""),
        None => s,
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
        let mut scenario = decode(link_value(&self.scenario)).map_err(|e| {
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
            (Scenario::Checksums(_), _) => 0,
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

    /// The lesson link's text (what follows `l=`): version, entry and a CRC32C, as share links
    /// carry theirs. An entry that does not check makes no link.
    pub fn to_link(&self) -> Result<String, String> {
        self.check().map_err(|p| p.to_string())?;
        let mut bytes = vec![LESSON_LINK_VERSION];
        bytes.extend(postcard::to_allocvec(&Carried::from(self)).map_err(|e| e.to_string())?);
        let sum = Algorithm::Crc32c.digest(&bytes);
        bytes.extend_from_slice(&sum[..4]);
        let text = URL_SAFE_NO_PAD.encode(&bytes);
        if text.len() > MAX_LINK_CHARS {
            return Err(LinkError::TooLargeForLink { len: text.len() }.to_string());
        }
        Ok(text)
    }

    /// Reads a lesson link's text back, checking it as share links are checked.
    pub fn from_link(text: &str) -> Result<LessonEntry, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err(LinkError::Empty.to_string());
        }
        if text.len() > MAX_LINK_CHARS {
            return Err(LinkError::TooLong { len: text.len() }.to_string());
        }
        let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| {
            "the lesson link is not one Faultlab made: it was probably cut off or changed"
                .to_string()
        })?;
        if bytes.len() < 6 {
            return Err(LinkError::TooShort.to_string());
        }
        let (content, sum) = bytes.split_at(bytes.len() - 4);
        if Algorithm::Crc32c.digest(content)[..4] != *sum {
            return Err(LinkError::ChecksumMismatch.to_string());
        }
        if content[0] != LESSON_LINK_VERSION {
            return Err(format!(
                "the lesson link is format {}; this page reads format {LESSON_LINK_VERSION}. Reload to get the newest Faultlab",
                content[0]
            ));
        }
        let entry: LessonEntry = postcard::from_bytes::<Carried>(&content[1..])
            .map_err(|e| format!("the lesson in the link cannot be read ({e})"))?
            .into();
        entry
            .check()
            .map_err(|p| format!("the lesson in the link cannot be used: {p}"))?;
        Ok(entry)
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
    let d = Algorithm::Crc32c.digest(entry.to_json().as_bytes());
    u32::from_be_bytes([d[0], d[1], d[2], d[3]])
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

/// The lesson an entry makes, numbered `number`: one step that asks the question, plays the stage
/// to the pause (Heartbeats) or reveals the answer (Checksums), and explains. Its strings live as
/// long as the page, as built-in lessons' do (a page installs a course once).
pub fn lesson_from(entry: &LessonEntry, number: u8) -> Result<Lesson, FieldProblem> {
    let checked = entry.check()?;
    let heartbeats = matches!(checked.scenario, Scenario::Heartbeats(_));
    let text: Vec<&'static str> = paragraphs(&entry.text).iter().map(|p| leak(p)).collect();
    let question = checked.question.as_ref().map(|(prompt, options, correct)| {
        let options: Vec<&'static str> = options.iter().map(|o| leak(o)).collect();
        let explanation = match &entry.explanation {
            Some(e) if !e.trim().is_empty() => leak(e),
            _ => leak(&format!("The answer is “{}”.", options[*correct])),
        };
        Question {
            prompt: leak(prompt),
            answer: Answer::Choice {
                options: Box::leak(options.into_boxed_slice()),
                correct: *correct,
            },
            explanation,
        }
    });
    let (act, label, shows): (Act, String, &'static [Readout]) = if heartbeats {
        (
            Act::Play,
            format!("Play to {} s", trim_seconds(checked.pause_at_ms)),
            &[Readout::Monitor, Readout::Detection, Readout::Timeline],
        )
    } else {
        (
            Act::Reveal,
            "Show the answer".into(),
            &[
                Readout::Data,
                Readout::Digests,
                Readout::Store,
                Readout::Paths,
            ],
        )
    };
    let step = Step {
        text: Box::leak(text.into_boxed_slice()),
        act,
        label: leak(&label),
        until_ms: checked.pause_at_ms,
        question,
        shows,
    };
    Ok(Lesson {
        number,
        title: leak(entry.title.trim()),
        scenario: super::Stage::Given(Box::leak(Box::new(checked.scenario))),
        steps: Box::leak(vec![step].into_boxed_slice()),
        claims: &[],
    })
}

fn trim_seconds(ms: u64) -> String {
    if ms % 1000 == 0 {
        format!("{}", ms / 1000)
    } else {
        format!("{:.1}", ms as f64 / 1000.0)
    }
}

/// The lessons installed besides the built-in ones, and the course's title.
#[derive(Default)]
struct Installed {
    title: Option<&'static str>,
    replace_builtin: bool,
    course: Vec<&'static Lesson>,
    linked: Option<&'static Lesson>,
    /// (number, fingerprint) of every installed lesson.
    fingerprints: Vec<(u8, u32)>,
}

thread_local! {
    // The page's one course and one linked lesson. Lessons are looked up by number everywhere,
    // as built-in ones are, so the installed ones live here for the page's lifetime.
    static INSTALLED: RefCell<Installed> = RefCell::new(Installed::default());
}

/// Makes `course`'s lessons the course lessons of this page, each numbered by its place in the
/// file ([`FIRST_COURSE_NUMBER`] for the first), replacing any installed before.
pub fn install_course(course: &Course) {
    let mut lessons: Vec<&'static Lesson> = Vec::new();
    let mut prints = Vec::new();
    for (entry, &place) in course.lessons.iter().zip(&course.places) {
        let number = FIRST_COURSE_NUMBER + place as u8;
        if let Ok(lesson) = lesson_from(entry, number) {
            lessons.push(Box::leak(Box::new(lesson)));
            prints.push((number, fingerprint(entry)));
        }
    }
    INSTALLED.with(|i| {
        let mut i = i.borrow_mut();
        i.title = Some(leak(&course.title));
        i.replace_builtin = course.replace_builtin && !lessons.is_empty();
        i.course = lessons;
        i.fingerprints.retain(|(n, _)| *n == LINKED_NUMBER);
        i.fingerprints.extend(prints);
    });
}

/// Makes `entry` the lesson a lesson link opened ([`LINKED_NUMBER`]).
pub fn install_linked(entry: &LessonEntry) -> Result<&'static Lesson, FieldProblem> {
    let lesson: &'static Lesson = Box::leak(Box::new(lesson_from(entry, LINKED_NUMBER)?));
    INSTALLED.with(|i| {
        let mut i = i.borrow_mut();
        i.linked = Some(lesson);
        i.fingerprints.retain(|(n, _)| *n != LINKED_NUMBER);
        i.fingerprints.push((LINKED_NUMBER, fingerprint(entry)));
    });
    Ok(lesson)
}

/// (number, fingerprint) of every installed lesson, for [`super::progress::Progress::match_lessons`].
pub fn fingerprints() -> Vec<(u8, u32)> {
    INSTALLED.with(|i| i.borrow().fingerprints.clone())
}

/// The installed lesson with this number.
pub fn installed(number: u8) -> Option<&'static Lesson> {
    INSTALLED.with(|i| {
        let i = i.borrow();
        if number == LINKED_NUMBER {
            return i.linked;
        }
        i.course.iter().copied().find(|l| l.number == number)
    })
}

/// The installed course's title and lessons (none before a course is installed).
pub fn course_lessons() -> (Option<&'static str>, Vec<&'static Lesson>) {
    INSTALLED.with(|i| {
        let i = i.borrow();
        (i.title, i.course.clone())
    })
}

/// The lessons the list shows, in order: the built-in ones unless the course replaces them, then
/// the course's.
pub fn listed() -> Vec<&'static Lesson> {
    INSTALLED.with(|i| {
        let i = i.borrow();
        let builtin = (!i.replace_builtin)
            .then_some(LESSONS.iter())
            .into_iter()
            .flatten();
        builtin.chain(i.course.iter().copied()).collect()
    })
}

/// The address part after `#/lessons/` for a lesson: its number for a built-in one,
/// `course-N` for a course lesson, `shared` for a linked one.
pub fn slug(number: u8) -> String {
    match number {
        LINKED_NUMBER => "shared".into(),
        n if n >= FIRST_COURSE_NUMBER => format!("course-{}", n - FIRST_COURSE_NUMBER + 1),
        n => n.to_string(),
    }
}

/// The lesson number an address part names, if it names one (see [`slug`]): a built-in lesson's
/// number in plain digits, `course-N`, or `shared`.
pub fn number_of(slug: &str) -> Option<u8> {
    let digits = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    if slug == "shared" {
        return Some(LINKED_NUMBER);
    }
    if let Some(k) = slug.strip_prefix("course-") {
        let k: usize = k.parse().ok().filter(|_| digits(k))?;
        return (1..=MAX_COURSE_LESSONS)
            .contains(&k)
            .then(|| FIRST_COURSE_NUMBER + (k - 1) as u8);
    }
    let n: u8 = slug.parse().ok().filter(|_| digits(slug))?;
    (n < FIRST_COURSE_NUMBER).then_some(n)
}
