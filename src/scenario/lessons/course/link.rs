//! Lesson links: one lesson and its scenario in the address (`#/lessons/shared?l=…`), as a
//! version byte, the entry in postcard, and a CRC32C, in URL-safe base64, checked as share links
//! are.

use serde::{Deserialize, Serialize};

use super::super::super::link::{link_body, seal, unseal};
use super::{LESSON_LINK_VERSION, LessonEntry};

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

impl LessonEntry {
    /// The lesson link's text (what follows `l=`): sealed as share links are (version, entry and
    /// a CRC32C). An entry that does not check makes no link.
    pub fn to_link(&self) -> Result<String, String> {
        self.check().map_err(|p| p.to_string())?;
        let body = link_body(&Carried::from(self)).map_err(|e| e.to_string())?;
        seal(LESSON_LINK_VERSION, &body).map_err(|e| e.to_string())
    }

    /// Reads a lesson link's text back, checking it as share links are checked.
    pub fn from_link(text: &str) -> Result<LessonEntry, String> {
        let (version, body) = unseal(text).map_err(|e| e.to_string())?;
        if version != LESSON_LINK_VERSION {
            return Err(format!(
                "the lesson link is format {version}; this page reads format {LESSON_LINK_VERSION}. Reload to get the newest Faultlab"
            ));
        }
        let entry: LessonEntry = postcard::from_bytes::<Carried>(&body)
            .map_err(|e| format!("the lesson in the link cannot be read ({e})"))?
            .into();
        entry
            .check()
            .map_err(|p| format!("the lesson in the link cannot be used: {p}"))?;
        Ok(entry)
    }
}
