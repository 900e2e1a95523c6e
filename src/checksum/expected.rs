//! A digest the learner pastes (say, from a download page) and the check against the data's
//! current digests.
//!
//! Accepted: hex digits in any case, an optional `0x` prefix, and spaces, colons or dashes between
//! them (`"AB:CD-ef 01"`); a line as `sha256sum` prints it (`"<digest>  file.txt"`: the first
//! word is read) or as BSD tools print it (`"SHA256 (file.txt) = <digest>"`: the last word); and
//! a digest named by its algorithm, `"sha256:<digest>"` (also `md5:`, `sha1:`, `sha-1:`,
//! `sha-256:`, `sha512:`, `sha-512:`, `crc32c:`, in any case). The number of digits tells the
//! algorithm: 8 (CRC32C), 32 (MD5), 40 (SHA-1), 64 (SHA-256) or 128 (SHA-512).

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::algorithm::Algorithm;
use super::digests::Digests;

/// Longer input is refused before it is read (1,000 characters).
pub const MAX_EXPECTED_INPUT_CHARS: usize = 1000;

/// The digest lengths in hex digits that some algorithm produces, shortest first.
pub const POSSIBLE_HEX_LENGTHS: [usize; 5] = [8, 32, 40, 64, 128];

/// Why a pasted digest could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExpectedError {
    /// Nothing but spaces and separators.
    #[error("paste a digest first: the input has no hex digits")]
    Empty,
    /// More than [`MAX_EXPECTED_INPUT_CHARS`] characters.
    #[error(
        "the input is too long: at most {max} characters are accepted, and a digest has at most 128 hex digits"
    )]
    TooLong {
        /// The limit, [`MAX_EXPECTED_INPUT_CHARS`].
        max: usize,
    },
    /// A character that is neither a hex digit nor an accepted separator.
    #[error(
        "{ch:?} at position {position} is not a hex digit: use 0-9 and a-f (an optional 0x or sha256: prefix, spaces, colons or dashes between bytes, and a file name after the digest are fine)"
    )]
    BadCharacter {
        /// The first offending character.
        ch: char,
        /// Its position in the input, counting characters from 1.
        position: usize,
    },
    /// An odd number of hex digits.
    #[error(
        "{} is an odd number: every byte is two hex digits, so a digit is missing or extra",
        hex_digits(*digits)
    )]
    OddLength {
        /// How many hex digits were found.
        digits: usize,
    },
    /// The digest is named by an algorithm (`sha1:…`) whose digests have another length.
    #[error(
        "the digest is marked {} but has {}; {} {} digest has {}",
        named.name(), hex_digits(*digits), article(*named), named.name(), named.digest_len() * 2
    )]
    NamedAlgorithmMismatch {
        /// The algorithm the prefix names.
        named: Algorithm,
        /// How many hex digits were found.
        digits: usize,
    },
    /// A number of digits no algorithm produces.
    #[error(
        "{} {} no algorithm: the possible lengths are 8 (CRC32C), 32 (MD5), 40 (SHA-1), 64 (SHA-256) and 128 (SHA-512)",
        hex_digits(*digits), if *digits == 1 { "fits" } else { "fit" }
    )]
    UnknownLength {
        /// How many hex digits were found.
        digits: usize,
    },
}

/// "1 hex digit", "3 hex digits".
fn hex_digits(n: usize) -> String {
    if n == 1 {
        "1 hex digit".into()
    } else {
        format!("{n} hex digits")
    }
}

/// The article before an algorithm's name, as it is read aloud: "an MD5", "a SHA-1".
fn article(a: Algorithm) -> &'static str {
    if a.name().starts_with('M') { "an" } else { "a" }
}

/// A pasted digest, read successfully.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedDigest {
    /// The digest bytes.
    pub bytes: Vec<u8>,
    /// The digest as lowercase hex without separators.
    pub hex: String,
    /// The algorithms whose digest has this length.
    pub fits: Vec<Algorithm>,
}

/// What the pasted digest says about the current data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExpectedCheck {
    /// The pasted digest equals the current digest under `algorithm`.
    Match {
        /// The algorithm that matches.
        algorithm: Algorithm,
    },
    /// The length fits `algorithm`, but the current digest under it is different.
    Mismatch {
        /// The algorithm the length fits.
        algorithm: Algorithm,
        /// The pasted digest, lowercase hex.
        expected_hex: String,
        /// The current digest, lowercase hex.
        actual_hex: String,
        /// Positions (from 0) of the hex digits that differ.
        differing_digits: Vec<usize>,
    },
    /// No current digest was given for any algorithm the length fits.
    NotComputed {
        /// The algorithms the length fits.
        fits: Vec<Algorithm>,
    },
}

impl ExpectedCheck {
    /// A sentence a learner reads.
    pub fn message(&self) -> String {
        match self {
            ExpectedCheck::Match { algorithm } => format!(
                "match: the data's {} digest equals the expected one, so the data is intact",
                algorithm.name()
            ),
            ExpectedCheck::Mismatch {
                algorithm,
                differing_digits,
                expected_hex,
                ..
            } => format!(
                "mismatch: the data's {} digest differs from the expected one in {} of {} hex digits, so the data is not what was published",
                algorithm.name(),
                differing_digits.len(),
                expected_hex.len()
            ),
            ExpectedCheck::NotComputed { fits } => format!(
                "the length fits {}, whose digest has not been computed yet",
                names(fits)
            ),
        }
    }
}

/// The algorithms whose digest is `hex_len` hex digits long.
pub fn algorithms_for_hex_len(hex_len: usize) -> Vec<Algorithm> {
    Algorithm::ALL
        .into_iter()
        .filter(|a| a.digest_len() * 2 == hex_len)
        .collect()
}

/// Prefixes that name the algorithm of the digest after them, lowercase.
const NAMED_PREFIXES: [(&str, Algorithm); 8] = [
    ("md5:", Algorithm::Md5),
    ("sha1:", Algorithm::Sha1),
    ("sha-1:", Algorithm::Sha1),
    ("sha256:", Algorithm::Sha256),
    ("sha-256:", Algorithm::Sha256),
    ("sha512:", Algorithm::Sha512),
    ("sha-512:", Algorithm::Sha512),
    ("crc32c:", Algorithm::Crc32c),
];

/// Reads a pasted digest: the whole input, or else its first word (`sha256sum` output) or its
/// last word (BSD `SHA256 (file) = …` output). When none of them is a digest, the error is about
/// the whole input.
pub fn parse_expected(input: &str) -> Result<ExpectedDigest, ExpectedError> {
    if input.len() > MAX_EXPECTED_INPUT_CHARS * 4
        || input.chars().nth(MAX_EXPECTED_INPUT_CHARS).is_some()
    {
        return Err(ExpectedError::TooLong {
            max: MAX_EXPECTED_INPUT_CHARS,
        });
    }
    let whole = parse_part(input, 0);
    if whole.is_ok() {
        return whole;
    }
    let words = words(input);
    if words.len() > 1 {
        for (offset, word) in [words[0], words[words.len() - 1]] {
            if let Ok(digest) = parse_part(word, offset) {
                return Ok(digest);
            }
        }
    }
    whole
}

/// The whitespace-separated words of `input`, each with the count of characters before it.
fn words(input: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    for (chars, (byte, ch)) in input.char_indices().enumerate() {
        match (ch.is_whitespace(), start) {
            (true, Some((c, b))) => {
                out.push((c, &input[b..byte]));
                start = None;
            }
            (false, None) => start = Some((chars, byte)),
            _ => {}
        }
    }
    if let Some((c, b)) = start {
        out.push((c, &input[b..]));
    }
    out
}

/// Reads `part` of the input as one digest; `offset` characters of the input come before it.
fn parse_part(part: &str, offset: usize) -> Result<ExpectedDigest, ExpectedError> {
    let mut digits: Vec<u8> = Vec::new();
    let mut chars = part.chars().enumerate().peekable();
    // Skip leading spaces, then an optional algorithm name (sha256:) and 0x / 0X prefix.
    while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
    let rest: String = chars.clone().take(8).map(|(_, c)| c).collect();
    let rest = rest.to_ascii_lowercase();
    let mut named = None;
    if let Some((prefix, algorithm)) = NAMED_PREFIXES.iter().find(|(p, _)| rest.starts_with(p)) {
        named = Some(*algorithm);
        for _ in 0..prefix.len() {
            chars.next();
        }
    }
    let mut ahead = chars.clone();
    if matches!(ahead.next(), Some((_, '0'))) && matches!(ahead.next(), Some((_, 'x' | 'X'))) {
        chars = ahead;
    }
    for (index, ch) in chars {
        if let Some(value) = ch.to_digit(16) {
            digits.push(value as u8);
        } else if !(ch.is_whitespace() || ch == ':' || ch == '-') {
            return Err(ExpectedError::BadCharacter {
                ch,
                position: offset + index + 1,
            });
        }
    }
    if let Some(named) = named {
        if !digits.is_empty() && digits.len() != named.digest_len() * 2 {
            return Err(ExpectedError::NamedAlgorithmMismatch {
                named,
                digits: digits.len(),
            });
        }
    }
    if digits.is_empty() {
        return Err(ExpectedError::Empty);
    }
    if digits.len() % 2 == 1 {
        return Err(ExpectedError::OddLength {
            digits: digits.len(),
        });
    }
    let fits = algorithms_for_hex_len(digits.len());
    if fits.is_empty() {
        return Err(ExpectedError::UnknownLength {
            digits: digits.len(),
        });
    }
    let bytes: Vec<u8> = digits.chunks(2).map(|p| (p[0] << 4) | p[1]).collect();
    Ok(ExpectedDigest {
        hex: hex::encode(&bytes),
        bytes,
        fits,
    })
}

impl ExpectedDigest {
    /// Checks the pasted digest against the current digests: a match under any algorithm the
    /// length fits, else a mismatch against the first of them that was computed.
    pub fn check(&self, current: &Digests) -> ExpectedCheck {
        let mut first_mismatch = None;
        for &algorithm in &self.fits {
            let Some(actual) = current.get(algorithm) else {
                continue;
            };
            if actual == self.bytes.as_slice() {
                return ExpectedCheck::Match { algorithm };
            }
            first_mismatch.get_or_insert((algorithm, actual));
        }
        match first_mismatch {
            Some((algorithm, actual)) => {
                let actual_hex = hex::encode(actual);
                let differing_digits = self
                    .hex
                    .bytes()
                    .zip(actual_hex.bytes())
                    .enumerate()
                    .filter(|(_, (a, b))| a != b)
                    .map(|(i, _)| i)
                    .collect();
                ExpectedCheck::Mismatch {
                    algorithm,
                    expected_hex: self.hex.clone(),
                    actual_hex,
                    differing_digits,
                }
            }
            None => ExpectedCheck::NotComputed {
                fits: self.fits.clone(),
            },
        }
    }

    /// Hashes `data` with the algorithms the length fits and checks against those digests.
    pub fn check_data(&self, data: &[u8]) -> ExpectedCheck {
        self.check(&Digests::compute(data, &self.fits))
    }
}

fn names(algorithms: &[Algorithm]) -> String {
    algorithms
        .iter()
        .map(|a| a.name())
        .collect::<Vec<_>>()
        .join(" or ")
}
