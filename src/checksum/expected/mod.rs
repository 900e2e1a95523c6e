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

mod base64_forms;
mod check;
mod digest;
mod error;
mod lines;

pub use check::ExpectedCheck;
pub use digest::{DigestForm, ExpectedDigest, POSSIBLE_HEX_LENGTHS, algorithms_for_hex_len};
pub use error::{ExpectedError, MAX_EXPECTED_INPUT_CHARS};

use base64_forms::{bare_base64, labelled_base64};
use digest::digest;
use lines::{bsd_line, byte_pos, file_line, parse_part, words};

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
