//! Share links and exported files.
//!
//! A link carries a scenario in the URL fragment (`#/heartbeats?s=…`): one version byte, the
//! scenario in a compact binary encoding (postcard), and a CRC32C of both — so a link cut short or
//! edited by hand is recognised as such — all in URL-safe base64. Files are readable JSON with a
//! version field. Decoding never panics: every way a link or file can be wrong is a [`LinkError`].

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use std::fmt;

use super::link_v1::ScenarioV1;
use super::model::{ChecksumStep, DataSource, FORMAT_VERSION, Scenario, ScenarioError};
use crate::checksum::Algorithm;

/// The longest link text accepted (characters after `s=`).
pub const MAX_LINK_CHARS: usize = 64 * 1024;
/// The largest scenario file accepted.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// What is wrong with a link or a file.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkError {
    /// Nothing after `s=`.
    Empty,
    /// Longer than any link Faultlab makes.
    TooLong {
        /// Its length in characters.
        len: usize,
    },
    /// A character that URL-safe base64 does not use.
    BadCharacter {
        /// The character.
        ch: char,
        /// Its position, from 1.
        position: usize,
    },
    /// Too short to hold a version and a checksum.
    TooShort,
    /// The checksum does not match: the link was cut short or changed.
    ChecksumMismatch,
    /// Made by a newer Faultlab.
    TooNew {
        /// The version it says.
        version: u8,
    },
    /// The content cannot be read as a scenario.
    Unreadable(String),
    /// The scenario is readable but cannot be used.
    Invalid(ScenarioError),
    /// The scenario is too large to fit in a link.
    TooLargeForLink {
        /// The encoded length in characters.
        len: usize,
    },
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Empty => f.write_str("the link has no scenario in it"),
            LinkError::TooLong { len } => write!(f, "the link is {len} characters long; Faultlab links are at most {MAX_LINK_CHARS}"),
            LinkError::BadCharacter { ch, position } => {
                write!(f, "the link contains “{ch}” at position {position}, which no Faultlab link contains")
            }
            LinkError::TooShort => f.write_str("the link is too short to hold a scenario: it was probably cut off"),
            LinkError::ChecksumMismatch => {
                f.write_str("the link was cut short or changed: the CRC32C it carries does not match its content")
            }
            LinkError::TooNew { version } => write!(
                f,
                "it was made by a newer Faultlab (format {version}); this page reads format {FORMAT_VERSION}. Reload to get the newest version"
            ),
            LinkError::Unreadable(m) => write!(f, "the scenario in it cannot be read ({m})"),
            LinkError::Invalid(e) => write!(f, "the scenario cannot be used: {e}"),
            LinkError::TooLargeForLink { len } => write!(
                f,
                "this scenario is too large for a link ({len} characters); use Export to save it as a file instead"
            ),
        }
    }
}

impl std::error::Error for LinkError {}

/// The CRC32C of `bytes`, as links carry it.
pub(crate) fn crc(bytes: &[u8]) -> [u8; 4] {
    let d = Algorithm::Crc32c.digest(bytes);
    [d[0], d[1], d[2], d[3]]
}

/// The characters of a sealed link whose body is `body_len` bytes: base64 without padding, 4
/// characters per 3 bytes of the version, body and checksum.
fn sealed_len(body_len: usize) -> usize {
    body_len.saturating_add(5).saturating_mul(4).div_ceil(3)
}

/// `value` in postcard, as a link's body. A body too long for any link is refused with its exact
/// length, counted but not written: an 8 MiB file is not copied (and grown into) to learn that.
pub(crate) fn link_body<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, LinkError> {
    /// The bytes that fit in a link, and the count of all of them.
    struct Body {
        bytes: Vec<u8>,
        len: usize,
    }
    impl postcard::ser_flavors::Flavor for Body {
        type Output = Body;
        fn try_push(&mut self, b: u8) -> postcard::Result<()> {
            self.try_extend(&[b])
        }
        fn try_extend(&mut self, data: &[u8]) -> postcard::Result<()> {
            self.len = self.len.saturating_add(data.len());
            if sealed_len(self.len) <= MAX_LINK_CHARS {
                self.bytes.extend_from_slice(data);
            }
            Ok(())
        }
        fn finalize(self) -> postcard::Result<Body> {
            Ok(self)
        }
    }
    let empty = Body {
        bytes: Vec::new(),
        len: 0,
    };
    let body = postcard::serialize_with_flavor(value, empty)
        .map_err(|e| LinkError::Unreadable(e.to_string()))?;
    let len = sealed_len(body.len);
    if len > MAX_LINK_CHARS {
        return Err(LinkError::TooLargeForLink { len });
    }
    Ok(body.bytes)
}

/// Link text for `body`: a version byte, the body and a CRC32C of both, in URL-safe base64.
/// Share links and lesson links are both made this way.
pub(crate) fn seal(version: u8, body: &[u8]) -> Result<String, LinkError> {
    // Known before encoding, so a body far too large is refused without checksumming and
    // encoding it.
    let len = sealed_len(body.len());
    if len > MAX_LINK_CHARS {
        return Err(LinkError::TooLargeForLink { len });
    }
    let mut bytes = vec![version];
    bytes.extend_from_slice(body);
    let sum = crc(&bytes);
    bytes.extend_from_slice(&sum);
    let text = URL_SAFE_NO_PAD.encode(&bytes);
    debug_assert_eq!(text.len(), len);
    Ok(text)
}

/// The version byte and body of link text made by [`seal`], checking every way the text can
/// have been damaged on the way (length, characters, base64, checksum).
pub(crate) fn unseal(text: &str) -> Result<(u8, Vec<u8>), LinkError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(LinkError::Empty);
    }
    if text.len() > MAX_LINK_CHARS {
        return Err(LinkError::TooLong { len: text.len() });
    }
    if let Some((i, ch)) = text
        .chars()
        .enumerate()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
    {
        return Err(LinkError::BadCharacter {
            ch,
            position: i + 1,
        });
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|_| LinkError::TooShort)?;
    if bytes.len() < 6 {
        return Err(LinkError::TooShort);
    }
    let (content, sum) = bytes.split_at(bytes.len() - 4);
    if crc(content) != sum {
        return Err(LinkError::ChecksumMismatch);
    }
    Ok((content[0], content[1..].to_vec()))
}

/// The link text for a scenario (what goes after `s=`). A scenario that [`decode`] would refuse
/// makes no link: it fails with the same [`LinkError::Invalid`] reason (or, when it is too long
/// for a link, [`LinkError::TooLargeForLink`]), so the page can say why instead of writing a
/// link that cannot be opened.
pub fn encode(scenario: &Scenario) -> Result<String, LinkError> {
    scenario.validate().map_err(LinkError::Invalid)?;
    seal(FORMAT_VERSION, &link_body(scenario)?)
}

/// Reads link text back into a scenario, checking every way it can be wrong.
pub fn decode(text: &str) -> Result<Scenario, LinkError> {
    let (version, body) = unseal(text)?;
    if version > FORMAT_VERSION {
        return Err(LinkError::TooNew { version });
    }
    if version == 0 {
        return Err(LinkError::Unreadable("format 0 does not exist".into()));
    }
    let unreadable = |e: postcard::Error| LinkError::Unreadable(e.to_string());
    let (scenario, rest): (Scenario, &[u8]) = if version == 1 {
        let (old, rest): (ScenarioV1, &[u8]) =
            postcard::take_from_bytes(&body).map_err(unreadable)?;
        (old.into(), rest)
    } else {
        postcard::take_from_bytes(&body).map_err(unreadable)?
    };
    if !rest.is_empty() {
        return Err(LinkError::Unreadable(format!(
            "{} bytes left over",
            rest.len()
        )));
    }
    scenario.validate().map_err(LinkError::Invalid)?;
    Ok(scenario)
}

/// The file format: a version and the scenario (written from a borrowed one), as JSON.
#[derive(Serialize, Deserialize)]
struct ScenarioFile<S = Scenario> {
    /// What this is, for people who open the file.
    faultlab_scenario: u8,
    scenario: S,
}

/// The scenario as a JSON file's text.
pub fn to_json(scenario: &Scenario) -> String {
    let file = ScenarioFile {
        faultlab_scenario: FORMAT_VERSION,
        scenario,
    };
    // Room for the whole text at once: grown as it is written, 8 MiB of text were copied again
    // and again (11 ms of the 40 an export took).
    let mut out = Vec::with_capacity(json_size_hint(scenario));
    match serde_json::to_writer_pretty(&mut out, &file) {
        Ok(()) => String::from_utf8(out).unwrap_or_default(),
        Err(e) => format!("{{\"error\": \"{e}\"}}"),
    }
}

/// About how long a scenario's JSON file is: its texts, its given bytes (a number and a line
/// each, pretty printed), and a little for everything else.
fn json_size_hint(scenario: &Scenario) -> usize {
    let source = |s: &DataSource| match s {
        DataSource::Text(t) => t.len(),
        DataSource::Bytes(b) => b.len().saturating_mul(12),
        DataSource::Random { .. } => 0,
    };
    let data: usize = match scenario {
        Scenario::Checksums(c) => c
            .steps
            .iter()
            .fold(source(&c.start), |sum, step| match step {
                ChecksumStep::Replace(s) => sum.saturating_add(source(s)),
                _ => sum,
            }),
        Scenario::Heartbeats(_) => 0,
    };
    data.saturating_add(64 * 1024).min(MAX_FILE_BYTES * 16)
}

/// A file's bytes without the byte order mark some editors write first (the browser's text
/// readers drop it; JSON readers refuse it).
pub(crate) fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Reads a scenario file's text, as a string or as the file's bytes (read that way, a file of
/// megabytes is not first copied into a string).
pub fn from_json(text: impl AsRef<[u8]>) -> Result<Scenario, LinkError> {
    let text = without_bom(text.as_ref());
    if text.len() > MAX_FILE_BYTES {
        return Err(LinkError::Unreadable(format!(
            "the file is {} bytes; scenario files are at most {MAX_FILE_BYTES}",
            text.len()
        )));
    }
    // The whole file is read once. Only a file that is not this format's (newer, or not a
    // scenario at all) is read again for its version, to say which; an 8 MiB file was scanned
    // twice before.
    let whole = super::json_objects::from_slice::<ScenarioFile>(text);
    let version = match &whole {
        Ok(file) => Some(file.faultlab_scenario),
        Err(_) => {
            #[derive(Deserialize)]
            struct Version {
                faultlab_scenario: Option<u8>,
            }
            super::json_objects::from_slice::<Version>(text)
                .map_err(|e| LinkError::Unreadable(format!("not JSON: {e}")))?
                .faultlab_scenario
        }
    };
    match version {
        None => {
            return Err(LinkError::Unreadable(
                "not a Faultlab scenario file (no “faultlab_scenario” field)".into(),
            ));
        }
        Some(v) if v > FORMAT_VERSION => return Err(LinkError::TooNew { version: v }),
        Some(_) => {}
    }
    let file = whole.map_err(|e| LinkError::Unreadable(e.to_string()))?;
    file.scenario.validate().map_err(LinkError::Invalid)?;
    Ok(file.scenario)
}
