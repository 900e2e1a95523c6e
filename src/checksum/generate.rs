//! Data to hash: seeded random bytes, and text to and from bytes.

use rand::{RngCore, SeedableRng};
use rand_pcg::Pcg64Mcg;
use thiserror::Error;

use super::{MAX_DATA_LEN, bytes_label};

/// The smallest random data the playground generates: 1 KiB (1,024 bytes).
pub const MIN_RANDOM_LEN: usize = 1024;

/// The largest random data the playground generates: 64 MiB, the same as [`MAX_DATA_LEN`].
pub const MAX_RANDOM_LEN: usize = MAX_DATA_LEN;

/// Why random data could not be generated.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GenerateError {
    /// The length is outside [`MIN_RANDOM_LEN`]..=[`MAX_RANDOM_LEN`].
    #[error(
        "random data must be between 1 KiB (1,024 bytes) and 64 MiB (67,108,864 bytes); asked for {}",
        bytes_label(*len)
    )]
    LengthOutOfRange {
        /// The length asked for.
        len: usize,
    },
}

/// `len` random bytes, the same for the same `seed` on every machine (PCG 64/128, little-endian
/// words). `len` must be from 1 KiB to 64 MiB.
pub fn random_data(len: usize, seed: u64) -> Result<Vec<u8>, GenerateError> {
    if !(MIN_RANDOM_LEN..=MAX_RANDOM_LEN).contains(&len) {
        return Err(GenerateError::LengthOutOfRange { len });
    }
    let mut data = vec![0u8; len];
    Pcg64Mcg::seed_from_u64(seed).fill_bytes(&mut data);
    Ok(data)
}

/// The UTF-8 bytes of `text`, as hashed when a learner types.
pub fn text_to_bytes(text: &str) -> Vec<u8> {
    text.as_bytes().to_vec()
}

/// How bytes can be shown in a text box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextView<'a> {
    /// The bytes are valid UTF-8 that a text box keeps exactly: this is the text.
    Text(&'a str),
    /// The bytes are not text; show the notice (and the bytes some other way) instead.
    NotText {
        /// A sentence for the learner, naming the first byte that is not valid UTF-8.
        notice: String,
        /// Offset of the first byte that is not valid UTF-8.
        valid_up_to: usize,
    },
    /// Valid UTF-8 with a carriage return (`\r`, as in Windows line endings): a text box turns
    /// `"\r\n"` and `"\r"` into `"\n"`, so editing it there would change bytes nobody touched.
    CarriageReturn {
        /// A sentence for the learner, naming the first carriage return.
        notice: String,
        /// Offset of the first carriage return.
        at: usize,
    },
}

/// The bytes as text if they are valid UTF-8 that a text box keeps exactly, else a notice saying
/// why they cannot be edited as text.
pub fn bytes_to_text(bytes: &[u8]) -> TextView<'_> {
    match std::str::from_utf8(bytes) {
        Ok(text) => match bytes.iter().position(|&b| b == b'\r') {
            None => TextView::Text(text),
            Some(at) => TextView::CarriageReturn {
                notice: format!(
                    "this text has a carriage return (0x0d, as in Windows line endings) at byte {at}; a text box would turn it into a plain line feed and change the data"
                ),
                at,
            },
        },
        Err(e) => {
            let at = e.valid_up_to();
            let byte = bytes.get(at).copied().unwrap_or(0);
            TextView::NotText {
                notice: format!(
                    "this data ({}) is not UTF-8 text (byte {at}, 0x{byte:02x}, does not begin a valid character)",
                    bytes_label(bytes.len())
                ),
                valid_up_to: at,
            }
        }
    }
}

/// Whether `bytes` can be edited in a text box that holds at most `max_len` bytes: the text, or a
/// sentence saying why not (too large, not UTF-8, or carriage returns a text box would change).
/// Data longer than `max_len` is not read at all.
pub fn text_box_view(bytes: &[u8], max_len: usize) -> Result<&str, String> {
    if bytes.len() > max_len {
        return Err(format!(
            "this data ({}) is more than the text box holds ({})",
            bytes_label(bytes.len()),
            bytes_label(max_len)
        ));
    }
    match bytes_to_text(bytes) {
        TextView::Text(text) => Ok(text),
        TextView::NotText { notice, .. } | TextView::CarriageReturn { notice, .. } => Err(notice),
    }
}

/// Generates the same bytes as [`random_data`] a slice at a time, so a page can make 64 MiB without
/// freezing: call [`RandomFill::step`] until [`RandomFill::is_done`], yielding in between.
pub struct RandomFill {
    rng: Pcg64Mcg,
    data: Vec<u8>,
    len: usize,
}

impl RandomFill {
    /// Starts generating `len` bytes (1 KiB to 64 MiB) from `seed`.
    pub fn new(len: usize, seed: u64) -> Result<RandomFill, GenerateError> {
        if !(MIN_RANDOM_LEN..=MAX_RANDOM_LEN).contains(&len) {
            return Err(GenerateError::LengthOutOfRange { len });
        }
        Ok(RandomFill {
            rng: Pcg64Mcg::seed_from_u64(seed),
            data: Vec::with_capacity(len),
            len,
        })
    }

    /// Generates up to `max_bytes` more (rounded down to whole 8-byte words, so the sequence is the
    /// same however it is sliced) and returns (done, total).
    pub fn step(&mut self, max_bytes: usize) -> (usize, usize) {
        let start = self.data.len();
        let room = self.len - start;
        let n = if max_bytes >= room {
            room
        } else {
            (max_bytes / 8).max(1) * 8
        }
        .min(room);
        self.data.resize(start + n, 0);
        self.rng.fill_bytes(&mut self.data[start..]);
        self.progress()
    }

    /// How many bytes have been generated, and how many there will be.
    pub fn progress(&self) -> (usize, usize) {
        (self.data.len(), self.len)
    }

    /// Whether every byte has been generated.
    pub fn is_done(&self) -> bool {
        self.data.len() == self.len
    }

    /// The bytes generated so far (all of them once done).
    pub fn finish(self) -> Vec<u8> {
        self.data
    }
}
