//! Why a pasted digest could not be read, in words a learner can act on.

use thiserror::Error;

use crate::checksum::algorithm::Algorithm;

/// Longer input is refused before it is read (1,000 characters).
pub const MAX_EXPECTED_INPUT_CHARS: usize = 1000;

/// The algorithms the page computes, for messages.
const COMPUTED: &str = "MD5, SHA-1, SHA-256, SHA-512 and CRC32C";

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
        "{ch:?} at position {position} is not a hex digit: use 0-9 and a-f (an optional 0x or sha256: prefix, spaces, colons or dashes between bytes, and a file name after the digest are fine; a base64 digest needs its label, such as sha256-… or Content-MD5:)"
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
    /// The input names an algorithm the page does not compute.
    #[error(
        "the value is marked {name}, which is not one of the algorithms this page computes ({COMPUTED}), so it cannot be checked here"
    )]
    UnsupportedAlgorithm {
        /// The algorithm's name as the learner would write it, such as "SHA-384".
        name: String,
    },
    /// A labelled base64 value holds a character base64 does not use.
    #[error(
        "{ch:?} at position {position} is not a base64 character: a {label} value uses A-Z, a-z, 0-9, + and / (or - and _), with = at the end"
    )]
    Base64Character {
        /// The label the value came with, such as "Subresource Integrity".
        label: &'static str,
        /// The first offending character.
        ch: char,
        /// Its position in the input, counting characters from 1.
        position: usize,
    },
    /// A labelled base64 value whose length or `=` padding is wrong.
    #[error(
        "the {label} value is not whole base64: a character is missing or extra, or its = padding is wrong"
    )]
    Base64Padding {
        /// The label the value came with.
        label: &'static str,
    },
    /// A labelled base64 value that decodes to another length than its algorithm's digest.
    #[error(
        "the {label} value decodes to {} bytes; {} {} digest has {}",
        bytes, article(*algorithm), algorithm.name(), algorithm.digest_len()
    )]
    Base64Length {
        /// The label the value came with.
        label: &'static str,
        /// How many bytes it decodes to.
        bytes: usize,
        /// The algorithm the label names.
        algorithm: Algorithm,
    },
}

/// "1 hex digit", "3 hex digits".
pub(super) fn hex_digits(n: usize) -> String {
    if n == 1 {
        "1 hex digit".into()
    } else {
        format!("{n} hex digits")
    }
}

/// The article before an algorithm's name, as it is read aloud: "an MD5", "a SHA-1".
pub(super) fn article(a: Algorithm) -> &'static str {
    if a.name().starts_with('M') { "an" } else { "a" }
}

/// The error for a value marked with an algorithm the page does not compute.
pub(super) fn unsupported(name: &str) -> ExpectedError {
    ExpectedError::UnsupportedAlgorithm {
        name: name.chars().take(24).collect(),
    }
}
