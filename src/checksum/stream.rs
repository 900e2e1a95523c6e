//! Incremental hashing of large data in slices, so a page can hash 64 MiB a few hundred KiB per
//! frame and show progress. Any slicing gives exactly the one-shot digests.

use thiserror::Error;

use super::algorithm::{Algorithm, Hasher};
use super::digests::Digests;

/// How far a [`StreamHasher`] has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// Bytes hashed so far.
    pub done: usize,
    /// Bytes to hash in all.
    pub total: usize,
}

impl Progress {
    /// Whether every byte has been hashed.
    pub fn is_complete(&self) -> bool {
        self.done >= self.total
    }

    /// The share done, 0.0 to 1.0 (1.0 for empty data).
    pub fn fraction(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.done as f64 / self.total as f64
        }
    }
}

/// Why a [`StreamHasher`] could not go on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StreamError {
    /// The data passed to a step is not as long as the data the hashing started on; it was
    /// probably edited meanwhile, so hashing must start again.
    #[error(
        "the data changed length while it was being hashed ({expected} → {actual} bytes): start again"
    )]
    DataChanged {
        /// The length the hashing started on.
        expected: usize,
        /// The length passed now.
        actual: usize,
    },
    /// [`StreamHasher::finish`] before every byte was hashed.
    #[error("hashing is not finished: {done} of {total} bytes done")]
    Unfinished {
        /// Bytes hashed.
        done: usize,
        /// Bytes in all.
        total: usize,
    },
}

/// Hashes one buffer with several algorithms at once, a slice at a time.
pub struct StreamHasher {
    hashers: Vec<(Algorithm, Hasher)>,
    position: usize,
    total: usize,
}

impl std::fmt::Debug for StreamHasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamHasher")
            .field(
                "algorithms",
                &self.hashers.iter().map(|(a, _)| *a).collect::<Vec<_>>(),
            )
            .field("position", &self.position)
            .field("total", &self.total)
            .finish()
    }
}

impl StreamHasher {
    /// Starts hashing data of `total` bytes with each of `algorithms` (duplicates once).
    pub fn new(algorithms: &[Algorithm], total: usize) -> StreamHasher {
        let mut hashers: Vec<(Algorithm, Hasher)> = Vec::with_capacity(algorithms.len());
        for &alg in algorithms {
            if !hashers.iter().any(|(a, _)| *a == alg) {
                hashers.push((alg, alg.hasher()));
            }
        }
        StreamHasher {
            hashers,
            position: 0,
            total,
        }
    }

    /// Hashes at most `max_bytes` more of `data` (the whole buffer, every time) with every
    /// algorithm and returns the progress. `max_bytes` of 0 hashes nothing. Fails when `data` is
    /// not the length the hashing started with.
    pub fn step(&mut self, data: &[u8], max_bytes: usize) -> Result<Progress, StreamError> {
        if data.len() != self.total {
            return Err(StreamError::DataChanged {
                expected: self.total,
                actual: data.len(),
            });
        }
        let end = self.position.saturating_add(max_bytes).min(self.total);
        if let Some(chunk) = data.get(self.position..end) {
            for (_, hasher) in &mut self.hashers {
                hasher.update(chunk);
            }
            self.position = end;
        }
        Ok(self.progress())
    }

    /// How far the hashing has got.
    pub fn progress(&self) -> Progress {
        Progress {
            done: self.position,
            total: self.total,
        }
    }

    /// The algorithms being computed, in order.
    pub fn algorithms(&self) -> Vec<Algorithm> {
        self.hashers.iter().map(|(a, _)| *a).collect()
    }

    /// The digests, once every byte has been hashed.
    pub fn finish(self) -> Result<Digests, StreamError> {
        if self.position < self.total {
            return Err(StreamError::Unfinished {
                done: self.position,
                total: self.total,
            });
        }
        let mut digests = Digests::new();
        for (alg, hasher) in self.hashers {
            digests.insert(alg, hasher.finish());
        }
        Ok(digests)
    }
}
