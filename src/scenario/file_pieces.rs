//! A scenario's JSON file written a piece at a time, so that exporting megabytes of data does not
//! hold the page: the large texts and byte lists are escaped and written in pieces; everything
//! around them is written at once (it is small). Joined, the pieces are exactly [`to_json`]'s text.

use super::link::to_json;
use super::model::{ChecksumStep, DataSource, Scenario};

/// Data sources larger than this are written in pieces; smaller ones stay in the JSON around them.
pub const LARGE_SOURCE: usize = 16 * 1024;

/// A scenario's file, ready to be written a piece at a time with [`FilePieces::next_piece`].
pub struct FilePieces {
    parts: Vec<Part>,
    /// The first part not yet written whole.
    next: usize,
    /// Bytes of data (texts' bytes, bytes given as they are) not yet written.
    left: usize,
    /// Bytes of data in all.
    total: usize,
}

/// One part of the file's text.
enum Part {
    /// JSON ready to write.
    Json(Vec<u8>),
    /// A text, from byte `at` on, escaped as a JSON string's inside.
    Text { text: String, at: usize },
    /// Bytes, from `at` on, as the lines of a pretty-printed JSON list, each indented by `indent`
    /// (the list's closing bracket is in the next JSON part).
    Bytes {
        bytes: Vec<u8>,
        at: usize,
        indent: String,
    },
}

impl FilePieces {
    /// The file of `scenario`, with sources over [`LARGE_SOURCE`] bytes written in pieces.
    pub fn new(scenario: Scenario) -> FilePieces {
        FilePieces::with_large(scenario, LARGE_SOURCE)
    }

    /// As [`FilePieces::new`], with sources over `large` bytes written in pieces.
    pub fn with_large(mut scenario: Scenario, large: usize) -> FilePieces {
        let mut taken = Vec::new();
        for (i, source) in sources_mut(&mut scenario).into_iter().enumerate() {
            // Random sources are a few numbers: never taken.
            if matches!(source, DataSource::Random { .. }) || source.stored_len() <= large {
                continue;
            }
            taken.push((i, std::mem::replace(source, DataSource::Text(marker(i)))));
        }
        let skeleton = to_json(&scenario).into_bytes();
        match split(skeleton, taken) {
            Ok(parts) => {
                let total = parts.iter().map(Part::data_len).sum();
                FilePieces {
                    parts,
                    next: 0,
                    left: total,
                    total,
                }
            }
            // A text of the scenario itself holds a marker (a learner would have to type two
            // control characters around it): write it at once, as before.
            Err(taken) => {
                let mut sources = sources_mut(&mut scenario);
                for (i, source) in taken {
                    if let Some(slot) = sources.get_mut(i) {
                        **slot = source;
                    }
                }
                let whole = to_json(&scenario).into_bytes();
                FilePieces {
                    parts: vec![Part::Json(whole)],
                    next: 0,
                    left: 0,
                    total: 0,
                }
            }
        }
    }

    /// The next piece of the file's text: at most about `max` bytes of data (escaping and the
    /// JSON around the data may add to it), or `None` when everything has been written.
    pub fn next_piece(&mut self, max: usize) -> Option<Vec<u8>> {
        let max = max.max(1);
        let mut out = Vec::new();
        let mut room = max;
        while room > 0 {
            let Some(part) = self.parts.get_mut(self.next) else {
                break;
            };
            let done = match part {
                Part::Json(json) => {
                    out.append(json);
                    true
                }
                Part::Text { text, at } => {
                    let end = char_boundary(text, at.saturating_add(room));
                    escape_into(&mut out, &text[*at..end]);
                    room = room.saturating_sub(end - *at);
                    self.left -= end - *at;
                    *at = end;
                    *at >= text.len()
                }
                Part::Bytes { bytes, at, indent } => {
                    let end = at.saturating_add(room).min(bytes.len());
                    for (k, b) in bytes[*at..end].iter().enumerate() {
                        out.extend_from_slice(if *at + k == 0 { b"\n" } else { b",\n" });
                        out.extend_from_slice(indent.as_bytes());
                        push_decimal(&mut out, *b);
                    }
                    room = room.saturating_sub(end - *at);
                    self.left -= end - *at;
                    *at = end;
                    *at >= bytes.len()
                }
            };
            if done {
                // What is written is dropped at once: the file's bytes are not kept twice.
                self.parts[self.next] = Part::Json(Vec::new());
                self.next += 1;
            }
        }
        (!out.is_empty() || self.next < self.parts.len()).then_some(out)
    }

    /// How much of the data has been written: (bytes written, bytes in all).
    pub fn progress(&self) -> (usize, usize) {
        (self.total - self.left, self.total)
    }
}

impl Part {
    fn data_len(&self) -> usize {
        match self {
            Part::Json(_) => 0,
            Part::Text { text, .. } => text.len(),
            Part::Bytes { bytes, .. } => bytes.len(),
        }
    }
}

/// Every data source of a scenario, in the order its file lists them.
fn sources_mut(scenario: &mut Scenario) -> Vec<&mut DataSource> {
    let mut sources = Vec::new();
    if let Scenario::Checksums(c) = scenario {
        sources.push(&mut c.start);
        for step in &mut c.steps {
            if let ChecksumStep::Replace(source) = step {
                sources.push(source);
            }
        }
    }
    sources
}

/// The text that stands for source `i` in the skeleton: control characters around it, so that
/// no text a learner types holds it by chance.
fn marker(i: usize) -> String {
    format!("\u{1}faultlab export {i}\u{1}")
}

/// Cuts the skeleton's JSON at each marker and puts the taken source there. Gives the taken
/// sources back when a marker is not found exactly once, or not where a data source is.
fn split(
    skeleton: Vec<u8>,
    mut taken: Vec<(usize, DataSource)>,
) -> Result<Vec<Part>, Vec<(usize, DataSource)>> {
    let Some(found) = markers(&skeleton, &taken) else {
        return Err(taken);
    };
    let mut parts = Vec::with_capacity(3 * found.len() + 1);
    let mut from = 0;
    for (k, at, len) in found {
        let line_start = skeleton[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let indent = skeleton[line_start..]
            .iter()
            .take_while(|&&b| b == b' ')
            .count();
        // The marker is the value of a `"Text"` key: a byte list becomes `"Bytes": [`.
        let key_start = at - TEXT_KEY.len();
        let mut before = skeleton[from..key_start].to_vec();
        match std::mem::replace(&mut taken[k].1, DataSource::Text(String::new())) {
            DataSource::Text(text) => {
                before.extend_from_slice(b"\"Text\": \"");
                parts.push(Part::Json(before));
                parts.push(Part::Text { text, at: 0 });
                parts.push(Part::Json(b"\"".to_vec()));
            }
            DataSource::Bytes(bytes) => {
                before.extend_from_slice(b"\"Bytes\": [");
                parts.push(Part::Json(before));
                parts.push(Part::Bytes {
                    bytes,
                    at: 0,
                    indent: " ".repeat(indent + 2),
                });
                parts.push(Part::Json(
                    format!("\n{}]", " ".repeat(indent)).into_bytes(),
                ));
            }
            // Never taken (see `with_large`): the marker stays, as the skeleton has it.
            random @ DataSource::Random { .. } => {
                before.extend_from_slice(&skeleton[key_start..at + len]);
                parts.push(Part::Json(before));
                taken[k].1 = random;
            }
        }
        from = at + len;
    }
    parts.push(Part::Json(skeleton[from..].to_vec()));
    Ok(parts)
}

/// The key before a marker in the skeleton.
const TEXT_KEY: &[u8] = b"\"Text\": ";

/// Each taken source's marker in the skeleton, in the skeleton's order: the source's place in
/// `taken`, where its marker starts (at its opening quote) and how long it is. `None` unless each
/// is there exactly once, as the value of a `"Text"` key.
fn markers(skeleton: &[u8], taken: &[(usize, DataSource)]) -> Option<Vec<(usize, usize, usize)>> {
    const OPEN: &[u8] = b"\"\\u0001faultlab export ";
    const CLOSE: &[u8] = b"\\u0001\"";
    let mut found = Vec::with_capacity(taken.len());
    let mut seen = vec![false; taken.len()];
    let mut from = 0;
    while let Some(offset) = skeleton[from..].windows(OPEN.len()).position(|w| w == OPEN) {
        let at = from + offset;
        let digits = &skeleton[at + OPEN.len()..];
        let n = digits.iter().take_while(|b| b.is_ascii_digit()).count();
        from = at + OPEN.len() + n;
        if !skeleton[from..].starts_with(CLOSE) {
            continue;
        }
        from += CLOSE.len();
        let index: usize = std::str::from_utf8(&digits[..n]).ok()?.parse().ok()?;
        let k = taken.iter().position(|(i, _)| *i == index)?;
        if std::mem::replace(&mut seen[k], true) || !skeleton[..at].ends_with(TEXT_KEY) {
            return None;
        }
        found.push((k, at, from - at));
    }
    (found.len() == taken.len()).then_some(found)
}

/// The first char boundary of `text` at or after `at` (or its end).
fn char_boundary(text: &str, at: usize) -> usize {
    let mut end = at.min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    end
}

/// `b` in decimal, as JSON writes a number.
fn push_decimal(out: &mut Vec<u8>, b: u8) {
    if b >= 100 {
        out.push(b'0' + b / 100);
    }
    if b >= 10 {
        out.push(b'0' + b / 10 % 10);
    }
    out.push(b'0' + b % 10);
}

/// `text` escaped as the inside of a JSON string, as the file's writer escapes it.
fn escape_into(out: &mut Vec<u8>, text: &str) {
    let start = out.len();
    if serde_json::to_writer_pretty(&mut *out, text).is_ok() && out.len() >= start + 2 {
        // Without the quotes around it.
        out.pop();
        out.copy_within(start + 1.., start);
        out.pop();
    }
}
