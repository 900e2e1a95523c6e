//! The check of a pasted digest against the data's digests, and the verdict in words.

use serde::{Deserialize, Serialize};

use super::digest::ExpectedDigest;
use crate::checksum::algorithm::Algorithm;
use crate::checksum::digests::Digests;
use crate::checksum::notes::note;

/// What the pasted digest says about the current data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExpectedCheck {
    /// The pasted digest equals the current digest under `algorithm`.
    Match {
        /// The algorithm that matches.
        algorithm: Algorithm,
    },
    /// The pasted digest differs from the current digest under `algorithm`.
    Mismatch {
        /// The algorithm the input names, or else the one its length fits (an assumption).
        algorithm: Algorithm,
        /// The pasted digest, lowercase hex.
        expected_hex: String,
        /// The current digest, lowercase hex.
        actual_hex: String,
        /// Positions (from 0) of the hex digits that differ.
        differing_digits: Vec<usize>,
        /// Whether the input named `algorithm`; if not, the value may be of another algorithm
        /// with digests of the same length.
        named: bool,
    },
    /// No current digest was given for any algorithm the length fits.
    NotComputed {
        /// The algorithms the length fits.
        fits: Vec<Algorithm>,
    },
}

/// Other algorithms whose digests have the same length as `a`'s, for a learner.
fn same_length_others(a: Algorithm) -> &'static str {
    match a {
        Algorithm::Crc32c => "CRC-32/IEEE as zip and gzip use it, Adler-32…",
        Algorithm::Md5 => "MD4, xxHash128…",
        Algorithm::Sha1 => "RIPEMD-160…",
        Algorithm::Sha256 => "SHA3-256, BLAKE2s, BLAKE3…",
        Algorithm::Sha512 => "SHA3-512, BLAKE2b…",
    }
}

impl ExpectedCheck {
    /// What the learner reads: the [`ExpectedCheck::headline`], then the
    /// [`ExpectedCheck::detail`] if there is one.
    pub fn message(&self) -> String {
        match self.detail() {
            Some(detail) => format!("{}. {detail}", self.headline()),
            None => self.headline(),
        }
    }

    /// The verdict in a phrase, such as "mismatch: the data's SHA-256 digest differs from the
    /// expected one in 60 of 64 hex digits".
    pub fn headline(&self) -> String {
        match self {
            ExpectedCheck::Match { algorithm } => format!(
                "match: the data's {} digest equals the expected one",
                algorithm.name()
            ),
            ExpectedCheck::Mismatch {
                algorithm,
                differing_digits,
                expected_hex,
                ..
            } => format!(
                "mismatch: the data's {} digest differs from the expected one in {} of {} hex digits",
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

    /// What the verdict means, in sentences ending with a full stop: for a match, what a match of
    /// its algorithm shows; for a mismatch, which algorithm was assumed when the input named
    /// none, and that a value of another algorithm with the same length would also differ.
    pub fn detail(&self) -> Option<String> {
        match self {
            ExpectedCheck::Match { algorithm } => {
                Some(note(*algorithm).what_a_match_shows.to_string())
            }
            ExpectedCheck::Mismatch {
                algorithm, named, ..
            } => {
                let name = algorithm.name();
                Some(if *named {
                    format!("The value is marked {name}, so the data is not what was published.")
                } else {
                    format!(
                        "If the published value is {name}, the data is not what was published; a value of another algorithm with the same length ({}) would also differ.",
                        same_length_others(*algorithm)
                    )
                })
            }
            ExpectedCheck::NotComputed { .. } => None,
        }
    }
}

impl ExpectedDigest {
    /// Checks the pasted digest against the current digests: a match under any algorithm it
    /// fits, else a mismatch against the first of them that was computed.
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
                    named: self.named == Some(algorithm),
                }
            }
            None => ExpectedCheck::NotComputed {
                fits: self.fits.clone(),
            },
        }
    }

    /// Hashes `data` with the algorithms it fits and checks against those digests.
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
