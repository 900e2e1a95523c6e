//! Course lessons and a linked lesson made into lessons the page plays, kept for the page's
//! lifetime and found by number like built-in ones; and the addresses that name them.

use std::cell::RefCell;

use super::super::step::{Act, Answer, Question, Readout, Step, trim};
use super::super::{LESSONS, Lesson};
use super::{
    Course, FIRST_COURSE_NUMBER, FieldProblem, LINKED_NUMBER, LessonEntry, MAX_COURSE_LESSONS,
    fingerprint, paragraphs,
};
use crate::scenario::model::Scenario;

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
            format!("Play to {} s", trim(checked.pause_at_ms as f64 / 1000.0)),
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
        scenario: super::super::Stage::Given(Box::leak(Box::new(checked.scenario))),
        steps: Box::leak(vec![step].into_boxed_slice()),
        claims: &[],
    })
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
