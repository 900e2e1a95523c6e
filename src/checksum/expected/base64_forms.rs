//! Base64 digests: with a label (Subresource Integrity, Content-MD5, x-goog-hash) or bare.

use base64::Engine as _;
use base64::alphabet;
use base64::engine::DecodePaddingMode;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};

use super::digest::{DigestForm, ExpectedDigest, algorithms_for_hex_len, digest};
use super::error::{ExpectedError, unsupported};
use super::lines::char_pos;
use crate::checksum::algorithm::Algorithm;

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
pub(super) fn labelled_base64(
    input: &str,
    line: &str,
) -> Option<Result<ExpectedDigest, ExpectedError>> {
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
pub(super) fn bare_base64(line: &str) -> Option<ExpectedDigest> {
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
