//! The checksum algorithms a learner compares: what each one is called, how long its digest is, and
//! how to compute it in one shot or incrementally.

use md5::Md5;
use serde::{Deserialize, Serialize};
use sha1::Sha1;
use sha2::{Digest as _, Sha256, Sha512};

/// CRC-32C (Castagnoli, the "iSCSI" polynomial), slice-by-16 tables for speed. The tables (16 KiB)
/// are built on first use rather than at compile time, which would ship them in the module.
fn crc32c() -> &'static crc::Crc<u32, crc::Table<16>> {
    static CRC32C: std::sync::OnceLock<crc::Crc<u32, crc::Table<16>>> = std::sync::OnceLock::new();
    CRC32C.get_or_init(|| crc::Crc::<u32, crc::Table<16>>::new(&crc::CRC_32_ISCSI))
}

/// A checksum algorithm offered in the playground.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Algorithm {
    /// MD5 (RFC 1321): 128-bit digest; collisions are practical since 2004.
    Md5,
    /// SHA-1 (FIPS 180-4): 160-bit digest; a real collision was published in 2017.
    Sha1,
    /// SHA-256 (FIPS 180-4): 256-bit digest; no known collision.
    Sha256,
    /// SHA-512 (FIPS 180-4): 512-bit digest; no known collision.
    Sha512,
    /// CRC-32C (Castagnoli): 32-bit error-detecting code used by storage systems; not cryptographic.
    Crc32c,
}

impl Algorithm {
    /// Every algorithm, in the order the page lists them.
    pub const ALL: [Algorithm; 5] = [
        Algorithm::Md5,
        Algorithm::Sha1,
        Algorithm::Sha256,
        Algorithm::Sha512,
        Algorithm::Crc32c,
    ];

    /// The name a learner reads, such as "SHA-256".
    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Md5 => "MD5",
            Algorithm::Sha1 => "SHA-1",
            Algorithm::Sha256 => "SHA-256",
            Algorithm::Sha512 => "SHA-512",
            Algorithm::Crc32c => "CRC32C",
        }
    }

    /// The digest length in bits.
    pub fn digest_bits(self) -> u32 {
        self.digest_len() as u32 * 8
    }

    /// The digest length in bytes.
    pub fn digest_len(self) -> usize {
        match self {
            Algorithm::Md5 => 16,
            Algorithm::Sha1 => 20,
            Algorithm::Sha256 => 32,
            Algorithm::Sha512 => 64,
            Algorithm::Crc32c => 4,
        }
    }

    /// Whether the algorithm is a cryptographic hash (as opposed to an error-detecting code).
    pub fn is_cryptographic(self) -> bool {
        !matches!(self, Algorithm::Crc32c)
    }

    /// Computes the digest of `data` in one shot.
    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        let mut hasher = self.hasher();
        hasher.update(data);
        hasher.finish()
    }

    /// Starts an incremental computation: feed it chunks with [`Hasher::update`].
    pub fn hasher(self) -> Hasher {
        Hasher(match self {
            Algorithm::Md5 => State::Md5(Md5::new()),
            Algorithm::Sha1 => State::Sha1(Sha1::new()),
            Algorithm::Sha256 => State::Sha256(Sha256::new()),
            Algorithm::Sha512 => State::Sha512(Box::new(Sha512::new())),
            Algorithm::Crc32c => State::Crc32c(crc32c().digest()),
        })
    }
}

/// An incremental digest computation: the same result as [`Algorithm::digest`] however the input is split.
pub struct Hasher(State);

enum State {
    Md5(Md5),
    Sha1(Sha1),
    Sha256(Sha256),
    Sha512(Box<Sha512>),
    Crc32c(crc::Digest<'static, u32, crc::Table<16>>),
}

impl Hasher {
    /// Feeds the next chunk of data.
    pub fn update(&mut self, chunk: &[u8]) {
        match &mut self.0 {
            State::Md5(h) => h.update(chunk),
            State::Sha1(h) => h.update(chunk),
            State::Sha256(h) => h.update(chunk),
            State::Sha512(h) => h.update(chunk),
            State::Crc32c(h) => h.update(chunk),
        }
    }

    /// Finishes and returns the digest bytes (big-endian for CRC32C, as it is usually printed).
    pub fn finish(self) -> Vec<u8> {
        match self.0 {
            State::Md5(h) => h.finalize().to_vec(),
            State::Sha1(h) => h.finalize().to_vec(),
            State::Sha256(h) => h.finalize().to_vec(),
            State::Sha512(h) => h.finalize().to_vec(),
            State::Crc32c(h) => h.finalize().to_be_bytes().to_vec(),
        }
    }
}
