//! A short note per algorithm for the page: what it is for and where it stands.

use serde::Serialize;

use super::algorithm::Algorithm;

/// What the page says about one algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AlgorithmNote {
    /// The algorithm.
    pub algorithm: Algorithm,
    /// Digest size in bits.
    pub digest_bits: u32,
    /// Whether practical collisions are known (two different inputs with the same digest).
    pub collisions_found: bool,
    /// One line on collision resistance.
    pub collision_status: &'static str,
    /// One line on what it is good for.
    pub use_for: &'static str,
    /// A few sentences for the learner.
    pub summary: &'static str,
    /// What a match of this algorithm's digest shows, and what it does not, in a sentence.
    pub what_a_match_shows: &'static str,
}

/// The note for `algorithm`.
pub fn note(algorithm: Algorithm) -> AlgorithmNote {
    let (collisions_found, collision_status, use_for, summary) = match algorithm {
        Algorithm::Md5 => (
            true,
            "broken: practical collisions since 2004",
            "still detects accidental corruption; never use it against an attacker",
            "MD5 gives a 128-bit digest. Since 2004 researchers can build two different inputs \
             with the same MD5 in little time, so it must not vouch for data an attacker could \
             have chosen. A random disk or network error, though, still changes the digest with \
             overwhelming probability, which is why old download pages and tools still list it.",
        ),
        Algorithm::Sha1 => (
            true,
            "broken: first public collision (SHAttered) in 2017",
            "still detects accidental corruption; being replaced wherever security matters",
            "SHA-1 gives a 160-bit digest. In 2017 the SHAttered work published two different PDF \
             files with the same SHA-1, and collisions have only become cheaper since. Like MD5 \
             it still catches accidental damage, but signatures and certificates have moved to \
             SHA-2.",
        ),
        Algorithm::Sha256 => (
            false,
            "no known collision",
            "integrity against accidents and against tampering",
            "SHA-256 (SHA-2 family) gives a 256-bit digest and no collision has ever been found. \
             It is the usual choice today for download checksums, package managers, certificates \
             and content addressing.",
        ),
        Algorithm::Sha512 => (
            false,
            "no known collision",
            "integrity against accidents and against tampering, with a longer digest",
            "SHA-512 (SHA-2 family) gives a 512-bit digest and no collision has ever been found. \
             It works on 64-bit words, so on 64-bit processors it is often faster per byte than \
             SHA-256.",
        ),
        Algorithm::Crc32c => (
            true,
            "not a cryptographic hash: anyone can make data with a chosen CRC",
            "fast detection of accidental errors in storage and networks",
            "CRC32C is a 32-bit cyclic redundancy check (Castagnoli polynomial). It is very fast \
             (many processors compute it in hardware) and it is certain to catch every burst of \
             errors up to 32 bits long, so storage systems use it against accidental damage: \
             HDFS keeps a CRC32C for every 512 bytes by default, and Ceph BlueStore checksums \
             with crc32c by default. A random corruption slips through only about once in 4 \
             billion. It gives no protection against deliberate tampering: a CRC is linear, so \
             anyone can change data and fix up a few bytes to produce any CRC they want.",
        ),
    };
    AlgorithmNote {
        algorithm,
        digest_bits: algorithm.digest_bits(),
        collisions_found,
        collision_status,
        use_for,
        summary,
        what_a_match_shows: what_a_match_shows(algorithm),
    }
}

/// What a matching digest of `algorithm` shows: accidental damage is caught by all of them, but
/// only where no way is known to craft a match does it show the data was not changed on purpose.
fn what_a_match_shows(algorithm: Algorithm) -> &'static str {
    match algorithm {
        Algorithm::Crc32c => {
            "An accidental change such as a disk or network error would almost certainly have \
             been caught, but anyone can craft a change that passes a CRC, so this does not show \
             that no one changed the data on purpose."
        }
        Algorithm::Md5 => {
            "Accidental changes are caught, but MD5 collisions can be crafted (practical since \
             2004), so this does not prove the data was not deliberately replaced."
        }
        Algorithm::Sha1 => {
            "Accidental changes are caught, but SHA-1 collisions can be crafted (first shown in \
             2017), so this does not prove the data was not deliberately replaced."
        }
        Algorithm::Sha256 => {
            "No way is known to craft other data with the same SHA-256 digest, so the \
             data is what the digest was computed from."
        }
        Algorithm::Sha512 => {
            "No way is known to craft other data with the same SHA-512 digest, so the \
             data is what the digest was computed from."
        }
    }
}
