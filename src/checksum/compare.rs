//! Comparing digests bit by bit: how many bits a change flipped (the avalanche effect), and for
//! each algorithm, the digest of the good copy against the digest of the current data.

use serde::{Deserialize, Serialize};

use super::algorithm::Algorithm;
use super::digests::Digests;

/// Whether two digests are the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Verdict {
    /// Every bit is the same.
    Unchanged,
    /// At least one bit differs.
    Changed,
}

impl Verdict {
    /// The word a learner reads: "unchanged" or "changed".
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Unchanged => "unchanged",
            Verdict::Changed => "changed",
        }
    }
}

/// A bit-by-bit comparison of two digests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BitDiff {
    /// How many bits differ.
    pub differing_bits: u32,
    /// How many bits were compared: 8 × the longer digest's length.
    pub total_bits: u32,
    /// One flag per bit, `true` where the bits differ, in reading order: bit `i` is bit
    /// `7 - i % 8` (most significant first) of byte `i / 8`, as the hex digits are read. Bits past
    /// the end of the shorter digest count as differing.
    pub flipped: Vec<bool>,
}

impl BitDiff {
    /// Compares `a` with `b` bit by bit.
    pub fn between(a: &[u8], b: &[u8]) -> BitDiff {
        let len = a.len().max(b.len());
        let mut flipped = Vec::with_capacity(len * 8);
        let mut differing_bits = 0u32;
        for i in 0..len {
            let (x, y) = (a.get(i), b.get(i));
            let diff = match (x, y) {
                (Some(x), Some(y)) => x ^ y,
                _ => 0xff,
            };
            differing_bits += diff.count_ones();
            for bit in (0..8).rev() {
                flipped.push((diff >> bit) & 1 == 1);
            }
        }
        BitDiff {
            differing_bits,
            total_bits: u32::try_from(len.saturating_mul(8)).unwrap_or(u32::MAX),
            flipped,
        }
    }

    /// [`Verdict::Unchanged`] when no bit differs.
    pub fn verdict(&self) -> Verdict {
        if self.differing_bits == 0 {
            Verdict::Unchanged
        } else {
            Verdict::Changed
        }
    }

    /// The share of bits that differ, 0.0 to 1.0 (0.0 for empty digests).
    pub fn fraction(&self) -> f64 {
        if self.total_bits == 0 {
            0.0
        } else {
            f64::from(self.differing_bits) / f64::from(self.total_bits)
        }
    }

    /// A sentence such as "129 of 256 bits differ (50%)".
    pub fn summary(&self) -> String {
        format!(
            "{} of {} bits differ ({:.0}%)",
            self.differing_bits,
            self.total_bits,
            self.fraction() * 100.0
        )
    }
}

/// For one algorithm: the digest of the good copy against the digest of the current data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlgorithmChange {
    /// The algorithm.
    pub algorithm: Algorithm,
    /// The digest of the good copy.
    pub good: Vec<u8>,
    /// The digest of the current data.
    pub current: Vec<u8>,
    /// The bit-by-bit comparison of the two.
    pub diff: BitDiff,
}

impl AlgorithmChange {
    /// Whether the digest changed.
    pub fn verdict(&self) -> Verdict {
        self.diff.verdict()
    }

    /// The good digest as lowercase hex.
    pub fn good_hex(&self) -> String {
        hex::encode(&self.good)
    }

    /// The current digest as lowercase hex.
    pub fn current_hex(&self) -> String {
        hex::encode(&self.current)
    }
}

/// Hashes `good` and `current` with each of `algorithms` and compares the digests. For large
/// data in a page, hash incrementally and use [`changes_between`].
pub fn changes_since_good(
    good: &[u8],
    current: &[u8],
    algorithms: &[Algorithm],
) -> Vec<AlgorithmChange> {
    changes_between(
        &Digests::compute(good, algorithms),
        &Digests::compute(current, algorithms),
    )
}

/// Compares already computed digests, for every algorithm present in both sets (in `good`'s
/// order).
pub fn changes_between(good: &Digests, current: &Digests) -> Vec<AlgorithmChange> {
    good.iter()
        .filter_map(|(algorithm, g)| {
            let c = current.get(algorithm)?;
            Some(AlgorithmChange {
                algorithm,
                good: g.to_vec(),
                current: c.to_vec(),
                diff: BitDiff::between(g, c),
            })
        })
        .collect()
}
