//! Hex digests and the lines they come in: a bare digest (perhaps named, `sha256:…`), a line as
//! `sha256sum` prints it, a BSD or OpenSSL line, and the words of a line.

use super::digest::{DigestForm, ExpectedDigest, algorithms_for_hex_len, digest};
use super::error::{ExpectedError, unsupported};
use crate::checksum::algorithm::Algorithm;

/// What a name written before a digest (`sha256`, `SHA2-256`, `sha-1`, `BLAKE2b`) stands for:
/// `Some(Ok(algorithm))` for one the page computes, `Some(Err(name))` for one it does not,
/// `None` for a word that is not an algorithm's name.
pub(super) fn algorithm_named(word: &str) -> Option<Result<Algorithm, &'static str>> {
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

/// The byte offset of `part`, a slice of `input`, within it.
pub(super) fn byte_pos(input: &str, part: &str) -> usize {
    (part.as_ptr() as usize)
        .saturating_sub(input.as_ptr() as usize)
        .min(input.len())
}

/// The number of characters of `input` before `part`, a slice of it.
pub(super) fn char_pos(input: &str, part: &str) -> usize {
    input
        .get(..byte_pos(input, part))
        .map_or(0, |s| s.chars().count())
}

/// A checksum-file line: `<digest>  name`, `<digest> *name` or `<digest>\tname`, perhaps
/// starting with the `\` GNU tools put before a line whose name they escaped. `None` unless the
/// line has that form and its first word is a whole digest.
pub(super) fn file_line(line: &str) -> Option<ExpectedDigest> {
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
pub(super) fn bsd_line(input: &str, line: &str) -> Option<Result<ExpectedDigest, ExpectedError>> {
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

/// The whitespace-separated words of `input`, each with the count of characters before it.
pub(super) fn words(input: &str) -> Vec<(usize, &str)> {
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
pub(super) fn parse_part(
    part: &str,
    offset: usize,
) -> Result<(Vec<u8>, Option<Algorithm>), ExpectedError> {
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
