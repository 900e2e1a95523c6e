//! Lesson links: one lesson and its scenario in the address (`#/lessons/shared?l=…`), as a
//! version byte, the entry in postcard, and a CRC32C, in URL-safe base64, checked as share links
//! are.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use super::super::super::link::{LinkError, MAX_LINK_CHARS};
use super::{LESSON_LINK_VERSION, LessonEntry};
use crate::checksum::Algorithm;

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
