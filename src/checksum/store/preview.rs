//! A short window of stored or returned bytes for the page, placed where they first differ from
//! what the client meant to write, so a learner sees the damage rather than the first 16 bytes.

use crate::checksum::bytes::common_prefix;

/// How many bytes a preview shows.
pub const PREVIEW_BYTES: usize = 16;
/// How many bytes before the first difference the window starts.
const LEAD_BYTES: usize = 4;

/// Where some bytes first differ from what the client meant to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteDiff {
    /// Offset of the first differing byte, from 0.
    pub offset: usize,
    /// The byte the client wrote there (`None`: the data here is longer than what was written).
    pub written: Option<u8>,
    /// The byte found there (`None`: the data here is shorter than what was written).
    pub found: Option<u8>,
}

impl ByteDiff {
    /// In words, such as "byte 16 is 0x76 where 0x72 was written".
    pub fn describe(&self) -> String {
        match (self.found, self.written) {
            (Some(f), Some(w)) => {
                format!(
                    "byte {} is 0x{f:02x} where 0x{w:02x} was written",
                    self.offset
                )
            }
            (None, _) => format!(
                "it ends at byte {}, before the end of what was written",
                self.offset
            ),
            (Some(_), None) => format!(
                "it goes on past the {} bytes that were written",
                self.offset
            ),
        }
    }
}

/// A window of at most [`PREVIEW_BYTES`] bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// Offset of the first byte shown.
    pub start: usize,
    /// The bytes shown.
    pub bytes: Vec<u8>,
    /// Whether bytes follow the window.
    pub more_after: bool,
    /// The first difference from what was written, if there is one.
    pub diff: Option<ByteDiff>,
}

impl Preview {
    /// The window of `data` around its first difference from `written` (the start of the data
    /// when there is none, or nothing to compare with).
    pub fn new(data: &[u8], written: Option<&[u8]>) -> Preview {
        let diff = written.and_then(|w| {
            let offset = common_prefix(data, w);
            (offset < data.len().max(w.len())).then(|| ByteDiff {
                offset,
                written: w.get(offset).copied(),
                found: data.get(offset).copied(),
            })
        });
        let start = diff.map_or(0, |d| {
            d.offset
                .saturating_sub(LEAD_BYTES)
                .min(data.len().saturating_sub(PREVIEW_BYTES))
        });
        let end = (start + PREVIEW_BYTES).min(data.len());
        Preview {
            start,
            bytes: data[start..end].to_vec(),
            more_after: end < data.len(),
            diff,
        }
    }

    /// Whether the byte at `offset` (of the whole data) is the first one that differs.
    pub fn is_diff(&self, offset: usize) -> bool {
        self.diff.is_some_and(|d| d.offset == offset)
    }
}
