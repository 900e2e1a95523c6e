//! A set of digests of one piece of data, one per algorithm, in the order they were asked for.

use super::algorithm::Algorithm;

/// The digests of one piece of data under several algorithms (at most one per algorithm), in the
/// order they were added.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Digests {
    entries: Vec<(Algorithm, Vec<u8>)>,
}

impl Digests {
    /// An empty set.
    pub fn new() -> Digests {
        Digests::default()
    }

    /// Computes the digest of `data` under each of `algorithms` in one shot (duplicates are
    /// computed once). For large data in a page, use [`super::StreamHasher`] instead.
    pub fn compute(data: &[u8], algorithms: &[Algorithm]) -> Digests {
        let mut out = Digests::new();
        for &alg in algorithms {
            if out.get(alg).is_none() {
                out.insert(alg, alg.digest(data));
            }
        }
        out
    }

    /// Sets the digest for `algorithm`, replacing any earlier one.
    pub fn insert(&mut self, algorithm: Algorithm, digest: Vec<u8>) {
        match self.entries.iter_mut().find(|(a, _)| *a == algorithm) {
            Some(entry) => entry.1 = digest,
            None => self.entries.push((algorithm, digest)),
        }
    }

    /// The digest for `algorithm`, if present.
    pub fn get(&self, algorithm: Algorithm) -> Option<&[u8]> {
        self.entries
            .iter()
            .find(|(a, _)| *a == algorithm)
            .map(|(_, d)| d.as_slice())
    }

    /// The digest for `algorithm` as lowercase hex, if present.
    pub fn hex(&self, algorithm: Algorithm) -> Option<String> {
        self.get(algorithm).map(hex::encode)
    }

    /// Every `(algorithm, digest)` pair, in order.
    pub fn iter(&self) -> impl Iterator<Item = (Algorithm, &[u8])> {
        self.entries.iter().map(|(a, d)| (*a, d.as_slice()))
    }

    /// The algorithms present, in order.
    pub fn algorithms(&self) -> Vec<Algorithm> {
        self.entries.iter().map(|(a, _)| *a).collect()
    }

    /// How many digests the set holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the set holds no digest.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
