//! Why a change of the data could not be made: the errors that corruptions, undo steps,
//! replacements and typed byte values share. Its own module, so that the corruption operations
//! and the reversible edits beneath them both use it without using each other.

use thiserror::Error;

#[cfg(doc)]
use super::MAX_DATA_LEN;
use super::bytes_label;

/// Why a corruption (or an undo step, or a replacement) could not be applied. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CorruptError {
    /// The operation needs at least one byte.
    #[error("cannot {action}: the data is empty")]
    EmptyData {
        /// What was attempted, such as "flip a bit".
        action: &'static str,
    },
    /// A byte offset past the end.
    #[error(
        "byte {offset} does not exist: the data has {}, so offsets go from 0 to {}",
        bytes_label(*len), len.saturating_sub(1)
    )]
    OffsetOutOfRange {
        /// The offset asked for.
        offset: usize,
        /// The data length.
        len: usize,
    },
    /// A bit number above 7.
    #[error(
        "bit {bit} does not exist: a byte has bits 0 (least significant) to 7 (most significant)"
    )]
    BitOutOfRange {
        /// The bit asked for.
        bit: u8,
    },
    /// An insertion point past the end.
    #[error(
        "cannot insert at offset {offset}: the data has {}, so a byte can go at offsets 0 to {len}",
        bytes_label(*len)
    )]
    InsertOutOfRange {
        /// The offset asked for.
        offset: usize,
        /// The data length.
        len: usize,
    },
    /// A deletion of zero bytes.
    #[error("cannot delete 0 bytes: choose at least one byte to delete")]
    EmptyRange,
    /// A deletion that runs past the end.
    #[error(
        "cannot delete {} from offset {start}: the data has only {}",
        bytes_label(*count), bytes_label(*len)
    )]
    RangeOutOfRange {
        /// First offset asked for.
        start: usize,
        /// How many bytes were asked for.
        count: usize,
        /// The data length.
        len: usize,
    },
    /// A truncation that would lengthen the data.
    #[error("cannot truncate to {}: the data is only {} long", bytes_label(*to), bytes_label(*len))]
    TruncateLonger {
        /// The length asked for.
        to: usize,
        /// The data length.
        len: usize,
    },
    /// A sector index past the end.
    #[error(
        "sector {sector} does not exist: {} make {sectors} sector(s) of 512 bytes, numbered 0 to {}",
        bytes_label(*len), sectors.saturating_sub(1)
    )]
    SectorOutOfRange {
        /// The sector asked for.
        sector: usize,
        /// How many sectors the data has.
        sectors: usize,
        /// The data length.
        len: usize,
    },
    /// Restoring when the data already equals the good copy.
    #[error("nothing to restore: the data already equals the good copy")]
    AlreadyGood,
    /// The data would grow past [`MAX_DATA_LEN`].
    #[error(
        "the data would be {}, more than the {} (64 MiB) the playground holds",
        bytes_label(*len), bytes_label(*max)
    )]
    TooLarge {
        /// The length the data would have.
        len: usize,
        /// The limit, [`MAX_DATA_LEN`].
        max: usize,
    },
    /// An undo or redo step that no longer fits the data; only possible if the data was changed
    /// behind the history's back.
    #[error("the undo step no longer fits the data (offset {offset}, data length {len})")]
    StaleEdit {
        /// The offset the step needed.
        offset: usize,
        /// The data length.
        len: usize,
    },
}

/// Why a typed byte value could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ByteValueError {
    /// Nothing typed.
    #[error("enter a byte value in hex, 00 to ff")]
    Empty,
    /// A character that is not a hex digit.
    #[error("“{text}” is not a hex byte: use the digits 0-9 and a-f, such as 41 or 0x41")]
    NotHex {
        /// What was typed (trimmed).
        text: String,
    },
    /// Hex digits worth more than one byte.
    #[error("0x{text} does not fit in a byte: a byte is 00–ff")]
    OutOfRange {
        /// The digits typed, without a 0x prefix.
        text: String,
    },
}
