//! A digest the learner pastes (say, from a download page) and the check against the data's
//! current digests.
//!
//! The form of the line is recognised first, and only then are its digits read, so a file name
//! made of hex digits is never glued onto the digest:
//! - a line as `sha256sum` prints it, `"<digest>  file.txt"` or `"<digest> *file.txt"` (two
//!   spaces, or a space and a star, or a tab; a leading `\` as GNU tools add for escaped names);
//! - a BSD or OpenSSL line, `"SHA256 (file.txt) = <digest>"` or `"SHA2-256(file.txt)= <digest>"`,
//!   which names the algorithm;
//! - base64 with its label: Subresource Integrity `"sha256-<base64>"` or `"sha512-<base64>"`
//!   (several values: the strongest is used), `"Content-MD5: <base64>"`, and `x-goog-hash` values
//!   `"crc32c=<base64>"`, `"md5=<base64>"` (with or without the header name, comma-separated);
//! - a bare digest: hex digits in any case, an optional `0x` prefix, and spaces, colons or dashes
//!   between them (`"AB:CD-ef 01"`), optionally named by its algorithm, `"sha256:<digest>"` (also
//!   `md5:`, `sha1:`, `sha-1:`, `sha-256:`, `sha512:`, `sha-512:`, `crc32c:`, in any case);
//! - bare base64 with no label, when it is not hex and decodes to a digest's length;
//! - failing all of these, the first word of the line (a digest, one space, a name) or its last.
//!
//! Unless the input names the algorithm, the number of digits tells it: 8 (CRC32C), 32 (MD5),
//! 40 (SHA-1), 64 (SHA-256) or 128 (SHA-512). Other algorithms give digests of the same lengths,
//! so a verdict says which algorithm it assumed. Algorithms the page does not compute (SHA-384,
//! SHA3-256, BLAKE2b, CRC-32/IEEE…) are refused by name when the input names them.

use base64::Engine as _;
use base64::alphabet;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::algorithm::Algorithm;
use super::digests::Digests;
use super::notes::note;

/// Longer input is refused before it is read (1,000 characters).
pub const MAX_EXPECTED_INPUT_CHARS: usize = 1000;

/// The digest lengths in hex digits that some algorithm produces, shortest first.
pub const POSSIBLE_HEX_LENGTHS: [usize; 5] = [8, 32, 40, 64, 128];

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

/// How a pasted digest was written, as recognised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DigestForm {
    /// Hex digits alone (separators and `0x` allowed), perhaps after a prefix such as `sha256:`.
    Hex,
    /// A checksum-file line as `sha256sum` prints it: the digest, then the file name.
    FileLine {
        /// The file name after the digest.
        file: String,
    },
    /// A BSD or OpenSSL line, `SHA256 (file) = digest`, naming the algorithm.
    BsdLine {
        /// The file name in parentheses.
        file: String,
    },
    /// Hex as the last word of a line of other words.
    LastWord,
    /// Base64 in a Subresource Integrity value, `sha256-…` or `sha512-…`.
    SubresourceIntegrity,
    /// Base64 in a `Content-MD5` header.
    ContentMd5,
    /// Base64 in an `x-goog-hash` value, `crc32c=…` or `md5=…`.
    GoogHash,
    /// Base64 with no label.
    Base64,
}

/// A pasted digest, read successfully.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedDigest {
    /// The digest bytes.
    pub bytes: Vec<u8>,
    /// The digest as lowercase hex without separators.
    pub hex: String,
    /// The algorithms it may be of: the one the input names, or those whose digest has this length.
    pub fits: Vec<Algorithm>,
    /// How it was written.
    pub form: DigestForm,
    /// The algorithm the input names (a prefix, a BSD line, a base64 label), if it names one.
    pub named: Option<Algorithm>,
}

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

/// The algorithms whose digest is `hex_len` hex digits long.
pub fn algorithms_for_hex_len(hex_len: usize) -> Vec<Algorithm> {
    Algorithm::ALL
        .into_iter()
        .filter(|a| a.digest_len() * 2 == hex_len)
        .collect()
}

/// What a name written before a digest (`sha256`, `SHA2-256`, `sha-1`, `BLAKE2b`) stands for:
/// `Some(Ok(algorithm))` for one the page computes, `Some(Err(name))` for one it does not,
/// `None` for a word that is not an algorithm's name.
fn algorithm_named(word: &str) -> Option<Result<Algorithm, &'static str>> {
    let key: String = word
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | '/'))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    Some(match key.as_str() {
        "md5" => Ok(Algorithm::Md5),
        "sha1" => Ok(Algorithm::Sha1),
        "sha256" | "sha2256" => Ok(Algorithm::Sha256),
        "sha512" | "sha2512" => Ok(Algorithm::Sha512),
        "crc32c" => Ok(Algorithm::Crc32c),
        "sha224" | "sha2224" => Err("SHA-224"),
        "sha384" | "sha2384" => Err("SHA-384"),
        "sha512224" | "sha2512224" => Err("SHA-512/224"),
        "sha512256" | "sha2512256" => Err("SHA-512/256"),
        "sha3224" => Err("SHA3-224"),
        "sha3256" => Err("SHA3-256"),
        "sha3384" => Err("SHA3-384"),
        "sha3512" => Err("SHA3-512"),
        "blake2b" | "blake2b512" => Err("BLAKE2b"),
        "blake2s" | "blake2s256" => Err("BLAKE2s"),
        "blake3" => Err("BLAKE3"),
        "crc32" => Err("CRC-32/IEEE"),
        "md4" => Err("MD4"),
        "rmd160" | "ripemd160" => Err("RIPEMD-160"),
        _ => return None,
    })
}

/// Reads a pasted digest: the form of the line first (base64 with a label, a BSD line, a
/// `sha256sum` line), then the whole input as hex, then unlabelled base64, then the line's first
/// or last word. When none of them is a digest, the error is about the whole input (or about the
/// form the line clearly has, such as a Subresource Integrity value that is not base64).
pub fn parse_expected(input: &str) -> Result<ExpectedDigest, ExpectedError> {
    if input.len() > MAX_EXPECTED_INPUT_CHARS * 4
        || input.chars().nth(MAX_EXPECTED_INPUT_CHARS).is_some()
    {
        return Err(ExpectedError::TooLong {
            max: MAX_EXPECTED_INPUT_CHARS,
        });
    }
    let line = input.trim();
    if let Some(result) = labelled_base64(input, line) {
        return result;
    }
    if let Some(result) = bsd_line(input, line) {
        return result;
    }
    if let Some(digest) = file_line(line) {
        return Ok(digest);
    }
    let whole = parse_part(input, 0).map(|(bytes, named)| digest(bytes, named, DigestForm::Hex));
    if whole.is_ok() {
        return whole;
    }
    if let Some(digest) = bare_base64(line) {
        return Ok(digest);
    }
    if let [(first_at, first), .., (last_at, last)] = words(input).as_slice() {
        if let Ok((bytes, named)) = parse_part(first, *first_at) {
            let rest = input[byte_pos(input, first) + first.len()..].trim();
            let form = DigestForm::FileLine { file: rest.into() };
            return Ok(digest(bytes, named, form));
        }
        if let Ok((bytes, named)) = parse_part(last, *last_at) {
            return Ok(digest(bytes, named, DigestForm::LastWord));
        }
    }
    whole
}

/// The digest for `bytes`, of the `named` algorithm if the input names one.
fn digest(bytes: Vec<u8>, named: Option<Algorithm>, form: DigestForm) -> ExpectedDigest {
    ExpectedDigest {
        hex: hex::encode(&bytes),
        fits: match named {
            Some(a) => vec![a],
            None => algorithms_for_hex_len(bytes.len() * 2),
        },
        bytes,
        form,
        named,
    }
}

/// The byte offset of `part`, a slice of `input`, within it.
fn byte_pos(input: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(input.as_ptr() as usize)
        .min(input.len())
}

/// The number of characters of `input` before `part`, a slice of it.
fn char_pos(input: &str, part: &str) -> usize {
    input
        .get(..byte_pos(input, part))
        .map_or(0, |s| s.chars().count())
}

/// A checksum-file line: `<digest>  name`, `<digest> *name` or `<digest>\tname`, perhaps
/// starting with the `\` GNU tools put before a line whose name they escaped. `None` unless the
/// line has that form and its first word is a whole digest.
fn file_line(line: &str) -> Option<ExpectedDigest> {
    let body = line.strip_prefix('\\').unwrap_or(line);
    let split = body.find(char::is_whitespace)?;
    let (token, rest) = body.split_at(split);
    let file = if let Some(name) = rest.strip_prefix("  ").or_else(|| rest.strip_prefix(" *")) {
        name
    } else {
        rest.strip_prefix('\t')?
    }
    .trim();
    if file.is_empty() {
        return None;
    }
    let (bytes, named) = parse_part(token, 0).ok()?;
    Some(digest(
        bytes,
        named,
        DigestForm::FileLine { file: file.into() },
    ))
}

/// A BSD or OpenSSL line, `ALG (name) = digest` or `ALG(name)= digest`. `None` unless the line
/// has that form; an algorithm the page does not compute is an error.
fn bsd_line(input: &str, line: &str) -> Option<Result<ExpectedDigest, ExpectedError>> {
    let open = line.find('(')?;
    let alg = line[..open].trim_end();
    if alg.is_empty()
        || !alg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/'))
    {
        return None;
    }
    let eq = line.rfind('=')?;
    let file = line[..eq].trim_end().strip_suffix(')')?.get(open + 1..)?;
    let algorithm = match algorithm_named(alg) {
        Some(Ok(a)) => a,
        Some(Err(name)) => return Some(Err(unsupported(name))),
        None => return Some(Err(unsupported(alg))),
    };
    let digits = &line[eq + 1..];
    Some(
        parse_hex(digits, char_pos(input, digits), Some(algorithm)).map(|bytes| {
            digest(
                bytes,
                Some(algorithm),
                DigestForm::BsdLine {
                    file: file.trim().into(),
                },
            )
        }),
    )
}

fn unsupported(name: &str) -> ExpectedError {
    ExpectedError::UnsupportedAlgorithm {
        name: name.chars().take(24).collect(),
    }
}

/// Base64 that padding may end or not, in the standard or the URL-safe alphabet.
const BASE64_CONFIG: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
const BASE64_STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, BASE64_CONFIG);
const BASE64_URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, BASE64_CONFIG);

/// Decodes base64 in either alphabet, or `None`.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    BASE64_STANDARD
        .decode(text)
        .or_else(|_| BASE64_URL_SAFE.decode(text))
        .ok()
}

/// Decodes the base64 `value` (a slice of `input`) that came with `label` naming `algorithm`.
fn decode_labelled(
    input: &str,
    value: &str,
    label: &'static str,
    algorithm: Algorithm,
    form: DigestForm,
) -> Result<ExpectedDigest, ExpectedError> {
    let value = value.trim();
    if let Some((i, ch)) = value
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '-' | '_' | '=')))
    {
        return Err(ExpectedError::Base64Character {
            label,
            ch,
            position: char_pos(input, &value[i..]) + 1,
        });
    }
    let bytes = decode_base64(value).ok_or(ExpectedError::Base64Padding { label })?;
    if bytes.len() != algorithm.digest_len() {
        return Err(ExpectedError::Base64Length {
            label,
            bytes: bytes.len(),
            algorithm,
        });
    }
    Ok(digest(bytes, Some(algorithm), form))
}

/// `text` without `prefix`, compared ignoring ASCII case.
fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// Base64 with a label: Subresource Integrity, Content-MD5, x-goog-hash. `None` unless the line
/// has one of these forms.
fn labelled_base64(input: &str, line: &str) -> Option<Result<ExpectedDigest, ExpectedError>> {
    if let Some(value) = strip_prefix_ci(line, "content-md5:") {
        return Some(decode_labelled(
            input,
            value,
            "Content-MD5",
            Algorithm::Md5,
            DigestForm::ContentMd5,
        ));
    }
    if let Some(result) = goog_hash(input, line) {
        return Some(result);
    }
    subresource_integrity(input, line)
}

/// An `x-goog-hash` value: `crc32c=<base64>`, `md5=<base64>`, or both separated by a comma,
/// with or without the header's name. MD5 is used when both are given.
fn goog_hash(input: &str, line: &str) -> Option<Result<ExpectedDigest, ExpectedError>> {
    const LABEL: &str = "x-goog-hash";
    let header = strip_prefix_ci(line, "x-goog-hash:");
    let values = header.unwrap_or(line).trim();
    let items: Vec<(&str, &str)> = values
        .split(',')
        .filter_map(|item| item.trim().split_once('='))
        .collect();
    let known = |name: &str| {
        if name.eq_ignore_ascii_case("md5") {
            Some(Algorithm::Md5)
        } else if name.eq_ignore_ascii_case("crc32c") {
            Some(Algorithm::Crc32c)
        } else {
            None
        }
    };
    let first_known = items.first().and_then(|(name, _)| known(name));
    if header.is_none() && first_known.is_none() {
        return None;
    }
    let pick = [Algorithm::Md5, Algorithm::Crc32c]
        .into_iter()
        .find_map(|a| {
            items
                .iter()
                .find(|(n, _)| known(n) == Some(a))
                .map(|(_, v)| (a, *v))
        });
    Some(match pick {
        Some((algorithm, value)) => {
            decode_labelled(input, value, LABEL, algorithm, DigestForm::GoogHash)
        }
        None => Err(unsupported(
            items
                .first()
                .map_or("an unknown algorithm", |(n, _)| n.trim()),
        )),
    })
}

/// Subresource Integrity: one or more `sha256-`, `sha384-` or `sha512-` values separated by
/// spaces (each perhaps with `?options`); as a browser does, the strongest one the page computes
/// is used. SHA-384 alone is refused by name.
fn subresource_integrity(input: &str, line: &str) -> Option<Result<ExpectedDigest, ExpectedError>> {
    const LABEL: &str = "Subresource Integrity";
    let mut values = Vec::new();
    for token in line.split_whitespace() {
        let (name, value) = token.split_once('-')?;
        let algorithm = match name.to_ascii_lowercase().as_str() {
            "sha256" => Some(Algorithm::Sha256),
            "sha512" => Some(Algorithm::Sha512),
            "sha384" => None,
            _ => return None,
        };
        let value = value.split('?').next().unwrap_or(value);
        values.push((algorithm, value));
    }
    let strongest = values
        .iter()
        .filter_map(|(a, v)| a.map(|a| (a, *v)))
        .max_by_key(|(a, _)| a.digest_len());
    Some(match strongest {
        Some((algorithm, value)) => decode_labelled(
            input,
            value,
            LABEL,
            algorithm,
            DigestForm::SubresourceIntegrity,
        ),
        None if values.is_empty() => return None,
        None => Err(unsupported("SHA-384")),
    })
}

/// Base64 without a label: one word that is not hex and decodes to a digest's length.
fn bare_base64(line: &str) -> Option<ExpectedDigest> {
    if line.is_empty()
        || line.chars().any(char::is_whitespace)
        || line.chars().all(|c| c.is_ascii_hexdigit())
    {
        return None;
    }
    let bytes = decode_base64(line)?;
    if algorithms_for_hex_len(bytes.len() * 2).is_empty() {
        return None;
    }
    Some(digest(bytes, None, DigestForm::Base64))
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

/// Reads `part` of the input as one hex digest, perhaps after a name (`sha256:`); `offset`
/// characters of the input come before it. Returns the bytes and the algorithm named, if any.
fn parse_part(part: &str, offset: usize) -> Result<(Vec<u8>, Option<Algorithm>), ExpectedError> {
    let lead = part.len() - part.trim_start().len();
    let trimmed = &part[lead..];
    let mut named = None;
    let mut rest = part;
    // A name of up to 12 characters, then a colon: `sha256:`, `SHA-1:`, `sha3-256:`.
    let colon = trimmed
        .char_indices()
        .take(13)
        .find_map(|(i, c)| (c == ':').then_some(i));
    if let Some(colon) = colon {
        match algorithm_named(&trimmed[..colon]) {
            Some(Ok(a)) => {
                named = Some(a);
                rest = &trimmed[colon + 1..];
            }
            Some(Err(name)) => return Err(unsupported(name)),
            None => {}
        }
    }
    let offset = offset + char_pos(part, rest);
    let bytes = parse_hex(rest, offset, named)?;
    Ok((bytes, named))
}

/// Reads hex digits with an optional `0x` and separators; `offset` characters of the input come
/// before `part`. A `named` algorithm's length is checked.
fn parse_hex(
    part: &str,
    offset: usize,
    named: Option<Algorithm>,
) -> Result<Vec<u8>, ExpectedError> {
    let mut digits: Vec<u8> = Vec::new();
    let mut chars = part.chars().enumerate().peekable();
    while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
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
    if algorithms_for_hex_len(digits.len()).is_empty() {
        return Err(ExpectedError::UnknownLength {
            digits: digits.len(),
        });
    }
    Ok(digits.chunks(2).map(|p| (p[0] << 4) | p[1]).collect())
}

impl ExpectedDigest {
    /// How the input was read, for the learner: "read as base64 (Subresource Integrity),
    /// SHA-512", or, when the input names no algorithm, which one its length was taken for.
    pub fn reading(&self) -> String {
        let algorithm = match (self.named, self.fits.as_slice()) {
            (Some(a), _) => a.name().to_string(),
            (None, fits) => format!(
                "{} {}, the length of {} digest",
                self.size(),
                if self.is_base64() {
                    "bytes"
                } else {
                    "hex digits"
                },
                fits.iter()
                    .map(|a| format!("{} {}", article(*a), a.name()))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ),
        };
        let how = match &self.form {
            DigestForm::Hex if self.named.is_some() => {
                "read as hex marked with its algorithm".into()
            }
            DigestForm::Hex => "read as hex".into(),
            DigestForm::FileLine { file } => format!(
                "read as a checksum-file line (as sha256sum prints it): the digest, then the file name “{file}”"
            ),
            DigestForm::BsdLine { file } => {
                format!("read as a BSD-style line for the file “{file}”")
            }
            DigestForm::LastWord => "read as hex: the last word of the line".into(),
            DigestForm::SubresourceIntegrity => "read as base64 (Subresource Integrity)".into(),
            DigestForm::ContentMd5 => "read as base64 (Content-MD5 header)".into(),
            DigestForm::GoogHash => "read as base64 (x-goog-hash)".into(),
            DigestForm::Base64 => "read as base64".into(),
        };
        format!("{how}, {algorithm}")
    }

    fn is_base64(&self) -> bool {
        matches!(
            self.form,
            DigestForm::SubresourceIntegrity
                | DigestForm::ContentMd5
                | DigestForm::GoogHash
                | DigestForm::Base64
        )
    }

    /// The digest's size as the input wrote it: bytes for base64, hex digits otherwise.
    fn size(&self) -> usize {
        if self.is_base64() {
            self.bytes.len()
        } else {
            self.hex.len()
        }
    }

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
