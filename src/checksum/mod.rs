//! Checksums, pure: the algorithms, the corruption operations a learner applies, and the replicated
//! store whose write path stores a checksum beside the data and whose read path checks it.
//!
//! Nothing here touches the browser: the UI drives these types, and native tests check them.
//! No function panics on input; bad input becomes a typed error with a message a learner can read.

mod algorithm;
mod bytes;
mod compare;
mod corrupt;
mod digests;
mod edit;
mod error;
mod expected;
mod generate;
mod history;
mod notes;
mod store;
mod stream;

pub use algorithm::{Algorithm, Hasher};
pub use compare::{AlgorithmChange, BitDiff, Verdict, changes_between, changes_since_good};
pub use corrupt::{Applied, ChangeDescription, Corruption, SECTOR_SIZE, parse_hex_byte, restore};
pub use digests::Digests;
pub use edit::Edit;
pub use error::{ByteValueError, CorruptError};
pub use expected::{
    DigestForm, ExpectedCheck, ExpectedDigest, ExpectedError, MAX_EXPECTED_INPUT_CHARS,
    POSSIBLE_HEX_LENGTHS, algorithms_for_hex_len, parse_expected,
};
pub use generate::{
    GenerateError, MAX_RANDOM_LEN, MIN_RANDOM_LEN, RandomFill, TextView, bytes_to_text,
    random_data, text_box_view, text_to_bytes,
};
pub use history::{GOOD_COPY_SLICE, History, MAX_HISTORY_BYTES, MAX_STEPS};
pub use notes::{AlgorithmNote, note};
pub use store::{
    ByteDiff, DEFAULT_REPLICAS, MAX_REPLICAS, MIN_REPLICAS, PREVIEW_BYTES, Preview, ReadAction,
    ReadError, ReadOutcome, ReadStep, ReplicaTruth, ReplicaView, Store, StoreConfig, StoreError,
    WriteReport,
};
pub use stream::{Progress, StreamError, StreamHasher};

/// The most data the playground holds at once: 64 MiB (67,108,864 bytes). Larger files, generated
/// data or edits that would grow past it are refused with an error.
pub const MAX_DATA_LEN: usize = 64 * 1024 * 1024;

/// Formats a byte count for a learner, with thousands separators: `2048` → `"2,048 bytes"`,
/// `1` → `"1 byte"`.
pub fn bytes_label(n: usize) -> String {
    let mut out = thousands(n);
    out.push_str(if n == 1 { " byte" } else { " bytes" });
    out
}

/// `n` with a comma between thousands: "67,108,864".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 6);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Lowercase hex of `bytes`, shortened for a sentence: digests up to 16 bytes are shown whole,
/// longer ones as their first 8 hex digits followed by "…".
pub fn short_hex(bytes: &[u8]) -> String {
    if bytes.len() <= 16 {
        hex::encode(bytes)
    } else {
        let mut s = hex::encode(&bytes[..4]);
        s.push('…');
        s
    }
}
