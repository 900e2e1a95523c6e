//! A pasted digest once read: its bytes, the algorithms it may be of, and how it was written.

use serde::{Deserialize, Serialize};

use super::error::article;
use crate::checksum::algorithm::Algorithm;

/// The digest lengths in hex digits that some algorithm produces, shortest first.
pub const POSSIBLE_HEX_LENGTHS: [usize; 5] = [8, 32, 40, 64, 128];

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

/// The algorithms whose digest is `hex_len` hex digits long.
pub fn algorithms_for_hex_len(hex_len: usize) -> Vec<Algorithm> {
    Algorithm::ALL
        .into_iter()
        .filter(|a| a.digest_len() * 2 == hex_len)
        .collect()
}

/// The digest for `bytes`, of the `named` algorithm if the input names one.
pub(super) fn digest(bytes: Vec<u8>, named: Option<Algorithm>, form: DigestForm) -> ExpectedDigest {
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
}
