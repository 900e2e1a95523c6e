//! Reading a `course.json`: every lesson checked on its own, so a partly wrong file keeps its
//! valid lessons, and every problem named by lesson and field for the instructor.

use std::fmt;

use serde_json::{Map, Value};

use super::{COURSE_FILE, FieldProblem, LessonEntry, MAX_COURSE_BYTES, MAX_COURSE_LESSONS};

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

fn whole_file(message: impl Into<String>) -> CourseProblem {
    CourseProblem {
        lesson: None,
        title: None,
        field: None,
        message: message.into(),
        left_out: false,
    }
}

/// Reads a course file's text (as a string or as the file's bytes). Fails only when nothing in it can be used (not JSON, not an
/// object, no list of lessons); otherwise keeps every valid lesson and lists the problems.
pub fn read_course(text: impl AsRef<[u8]>) -> Result<Course, CourseProblem> {
    let text = crate::scenario::link::without_bom(text.as_ref());
    if text.len() > MAX_COURSE_BYTES {
        return Err(whole_file(format!(
            "the file is {} bytes; a course file is at most {MAX_COURSE_BYTES}",
            text.len()
        )));
    }
    let value: Value =
        serde_json::from_slice(text).map_err(|e| whole_file(format!("it is not JSON ({e})")))?;
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
