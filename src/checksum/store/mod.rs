//! A replicated store that teaches the write path and the read path of checksums.
//!
//! Write path: the client computes its own end-to-end checksum of what it sends and keeps it (at
//! every write, whether or not reads check it); the storage node computes the checksum with the
//! chosen algorithm and stores it beside the data on every replica.
//!
//! Faults a learner injects, and what catches them:
//! - **at rest** on replica k (a disk fault): that replica's stored data changes, its stored
//!   checksum does not, so the next read of it sees a mismatch;
//! - **in transit** on the next read that reaches replica k (a network fault): the bytes that
//!   reach the reader are damaged once, the stored data is fine. Reads stop at the first good
//!   replica, so the fault waits until a read gets that far, and each read that stops earlier
//!   says so;
//! - **to the stored checksum** of replica k (a disk fault in the metadata): the data is intact,
//!   but its checksum no longer matches it, so a read reports a mismatch (a false alarm), tries
//!   the next replica, and read repair rewrites both. The read path cannot tell which of the two
//!   was damaged; only the ground truth can;
//! - **in memory before the checksum** on the next write (a software or memory bug): the data is
//!   damaged before the storage node computes its checksum, so the checksum matches the bad data
//!   and every read finds a match. Only the end-to-end check against the client's own checksum,
//!   computed before it sent the data, catches it.
//!
//! Read path: see [`Store::read`]. The store never hands back data whose checksum did not match.
//!
//! Replica indexes in the API count from 0; sentences for the learner say "replica 1" for index 0.

mod preview;
mod read;
mod view;

use std::sync::Arc;

use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::algorithm::Algorithm;
use super::corrupt::{ChangeDescription, Corruption};
use super::error::CorruptError;
use super::{MAX_DATA_LEN, bytes_label, short_hex};

pub use preview::{ByteDiff, PREVIEW_BYTES, Preview};
pub use read::{ReadAction, ReadError, ReadOutcome, ReadStep};
pub use view::{ReplicaTruth, ReplicaView};

/// The fewest replicas a store has.
pub const MIN_REPLICAS: usize = 1;
/// The most replicas a store has.
pub const MAX_REPLICAS: usize = 5;
/// The number of replicas unless the learner picks another.
pub const DEFAULT_REPLICAS: usize = 3;

/// How a store is set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoreConfig {
    /// How many replicas hold the data, [`MIN_REPLICAS`] to [`MAX_REPLICAS`].
    pub replicas: usize,
    /// The algorithm the storage node (and the client, for its end-to-end check) uses.
    pub algorithm: Algorithm,
    /// After a read finds a good copy, rewrite the replicas that failed from it.
    pub read_repair: bool,
    /// A read also compares the received data with the client's own end-to-end checksum.
    pub end_to_end: bool,
}

impl Default for StoreConfig {
    /// Three replicas, CRC32C (what storage systems use), no read repair, no end-to-end check.
    fn default() -> Self {
        StoreConfig {
            replicas: DEFAULT_REPLICAS,
            algorithm: Algorithm::Crc32c,
            read_repair: false,
            end_to_end: false,
        }
    }
}

/// Why a store operation was refused. Nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoreError {
    /// A replica count outside 1 to 5.
    #[error("a store has 1 to 5 replicas; {count} were asked for")]
    ReplicaCount {
        /// The count asked for.
        count: usize,
    },
    /// A replica index past the last replica.
    #[error("replica {} does not exist: this store has replicas 1 to {count}", replica.saturating_add(1))]
    NoSuchReplica {
        /// The index asked for (from 0).
        replica: usize,
        /// How many replicas there are.
        count: usize,
    },
    /// A fault or read before any write.
    #[error("nothing has been written yet: write some data first")]
    NothingWritten,
    /// Data longer than [`MAX_DATA_LEN`].
    #[error("cannot write {}: the store holds at most {} (64 MiB)", bytes_label(*len), bytes_label(MAX_DATA_LEN))]
    TooLarge {
        /// The length offered.
        len: usize,
    },
    /// The corruption does not fit the replica's data.
    #[error(transparent)]
    Corrupt(#[from] CorruptError),
}

/// What a write did, step by step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteReport {
    /// The checksum the client computed of what it meant to write (its end-to-end checksum).
    pub client_checksum: Vec<u8>,
    /// The damage done in the storage node's memory before the checksum was computed, if any.
    pub memory_fault: Option<ChangeDescription>,
    /// The checksum the storage node computed and stored on every replica.
    pub stored_checksum: Vec<u8>,
    /// How many replicas were written.
    pub replicas: usize,
    /// The write path in sentences, in order.
    pub lines: Vec<String>,
}

/// One replica: its data, the checksum stored beside it, and what the learner did to it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Replica {
    /// The stored bytes; shared between replicas until one is damaged.
    data: Arc<Vec<u8>>,
    /// The stored checksum.
    checksum: Vec<u8>,
    /// Ground truth: the stored bytes differ from what the storage node wrote.
    corrupted_at_rest: bool,
    /// The store's belief: the last read of this replica failed its check.
    marked_corrupt: bool,
    /// A network fault waiting for the next read of this replica.
    in_transit: Option<Corruption>,
    /// Ground truth: the last read of this replica received its bytes damaged on the wire.
    damaged_in_transit: bool,
    /// Ground truth: the stored checksum differs from the one the storage node computed.
    checksum_damaged: bool,
}

/// A replicated store with checksums. See the module documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    algorithm: Algorithm,
    read_repair: bool,
    end_to_end: bool,
    replicas: Vec<Replica>,
    /// What the storage node stored at the last write (after any memory fault).
    written: Option<Arc<Vec<u8>>>,
    /// What the client meant to write at the last write (the same buffer as `written` unless a
    /// memory fault damaged it).
    intended: Option<Arc<Vec<u8>>>,
    /// The client's checksum of what it meant to write at the last write.
    client_checksum: Option<Vec<u8>>,
    /// The checksum the storage node computed and stored at the last write.
    written_checksum: Option<Vec<u8>>,
    /// Ground truth: the last write was damaged in memory before its checksum was computed.
    corrupted_before_checksum: bool,
    /// A memory fault waiting for the next write.
    memory_fault: Option<Corruption>,
    rng: Pcg64Mcg,
}

impl Store {
    /// An empty store; random faults draw from a generator seeded with `seed`.
    pub fn new(config: StoreConfig, seed: u64) -> Result<Store, StoreError> {
        if !(MIN_REPLICAS..=MAX_REPLICAS).contains(&config.replicas) {
            return Err(StoreError::ReplicaCount {
                count: config.replicas,
            });
        }
        let empty = Arc::new(Vec::new());
        let replica = Replica {
            data: empty,
            checksum: Vec::new(),
            corrupted_at_rest: false,
            marked_corrupt: false,
            in_transit: None,
            damaged_in_transit: false,
            checksum_damaged: false,
        };
        Ok(Store {
            algorithm: config.algorithm,
            read_repair: config.read_repair,
            end_to_end: config.end_to_end,
            replicas: vec![replica; config.replicas],
            written: None,
            intended: None,
            client_checksum: None,
            written_checksum: None,
            corrupted_before_checksum: false,
            memory_fault: None,
            rng: Pcg64Mcg::seed_from_u64(seed),
        })
    }

    /// The current setup.
    pub fn config(&self) -> StoreConfig {
        StoreConfig {
            replicas: self.replicas.len(),
            algorithm: self.algorithm,
            read_repair: self.read_repair,
            end_to_end: self.end_to_end,
        }
    }

    /// Turns read repair on or off.
    pub fn set_read_repair(&mut self, on: bool) {
        self.read_repair = on;
    }

    /// Turns the end-to-end check on reads on or off. The client computes and keeps its checksum
    /// at every write either way, so a read after turning it on compares with the checksum of the
    /// last write, even one made while it was off.
    pub fn set_end_to_end(&mut self, on: bool) {
        self.end_to_end = on;
    }

    /// The write path: the client computes its end-to-end checksum of `data`, keeps it and sends
    /// the data (at every write, whether or not the end-to-end check is on); a pending memory
    /// fault damages the storage node's copy; the node computes the checksum of what it holds and
    /// stores data and checksum on every replica. Clears every replica's damage (to data or
    /// checksum) and "corrupt" mark; pending network faults stay pending.
    pub fn write(&mut self, data: &[u8]) -> Result<WriteReport, StoreError> {
        if data.len() > MAX_DATA_LEN {
            return Err(StoreError::TooLarge { len: data.len() });
        }
        let alg = self.algorithm;
        let mut lines = Vec::new();
        let client_checksum = alg.digest(data);
        lines.push(format!(
            "the client computed its own end-to-end {} checksum {} of the {} it sends to the storage node, and keeps it: {}",
            alg.name(),
            short_hex(&client_checksum),
            bytes_label(data.len()),
            if self.end_to_end {
                "reads compare with it, as the end-to-end check is on"
            } else {
                "it does so at every write, and reads compare with it once the end-to-end check is on"
            }
        ));
        let mut received = data.to_vec();
        let memory_fault = match self.memory_fault.take() {
            None => None,
            Some(op) => match op.apply(&mut received, &mut self.rng) {
                Ok(applied) => {
                    lines.push(format!(
                        "a memory fault on the storage node damaged the data before the checksum was computed: {}",
                        applied.description.text
                    ));
                    Some(applied.description)
                }
                Err(e) => {
                    lines.push(format!(
                        "the pending memory fault did not fit this data ({e}), so it was dropped"
                    ));
                    None
                }
            },
        };
        let stored_checksum = alg.digest(&received);
        lines.push(format!(
            "the storage node computed {} {} of the bytes it holds",
            alg.name(),
            short_hex(&stored_checksum)
        ));
        let n = self.replicas.len();
        lines.push(if n == 1 {
            "it stored the data and the checksum beside it on replica 1".to_string()
        } else {
            format!("it stored the data and the checksum beside it on replicas 1 to {n}")
        });
        self.corrupted_before_checksum = received != data;
        let shared = Arc::new(received);
        self.intended = Some(if self.corrupted_before_checksum {
            Arc::new(data.to_vec())
        } else {
            Arc::clone(&shared)
        });
        for replica in &mut self.replicas {
            replica.data = Arc::clone(&shared);
            replica.checksum = stored_checksum.clone();
            replica.corrupted_at_rest = false;
            replica.marked_corrupt = false;
            replica.damaged_in_transit = false;
            replica.checksum_damaged = false;
        }
        self.written = Some(shared);
        self.client_checksum = Some(client_checksum.clone());
        self.written_checksum = Some(stored_checksum.clone());
        Ok(WriteReport {
            client_checksum,
            memory_fault,
            stored_checksum,
            replicas: n,
            lines,
        })
    }

    /// A disk fault: damages replica `replica`'s stored data now (its stored checksum stays), and
    /// says what changed.
    pub fn corrupt_at_rest(
        &mut self,
        replica: usize,
        op: Corruption,
    ) -> Result<ChangeDescription, StoreError> {
        let written = self.written.as_ref().ok_or(StoreError::NothingWritten)?;
        let count = self.replicas.len();
        let r = self
            .replicas
            .get_mut(replica)
            .ok_or(StoreError::NoSuchReplica { replica, count })?;
        op.validate(r.data.len())?;
        let applied = op.apply(Arc::make_mut(&mut r.data), &mut self.rng)?;
        r.corrupted_at_rest = r.data.as_slice() != written.as_slice();
        let mut description = applied.description;
        description.text = format!(
            "disk fault at rest on replica {}: {}",
            replica + 1,
            description.text
        );
        Ok(description)
    }

    /// A network fault: the next read that reaches replica `replica` receives damaged bytes, once;
    /// the stored data is untouched. Reads stop at the first good replica, so the fault waits until
    /// a read gets that far. A random flip is decided now, against the replica's current length.
    /// Replaces an earlier pending fault on that replica. Returns a sentence saying when it fires.
    pub fn corrupt_in_transit(
        &mut self,
        replica: usize,
        op: Corruption,
    ) -> Result<String, StoreError> {
        if self.written.is_none() {
            return Err(StoreError::NothingWritten);
        }
        let count = self.replicas.len();
        let r = self
            .replicas
            .get_mut(replica)
            .ok_or(StoreError::NoSuchReplica { replica, count })?;
        let op = op.resolve(r.data.len(), &mut self.rng)?;
        r.in_transit = Some(op);
        Ok(format!(
            "network fault armed on replica {} ({}): {}",
            replica + 1,
            op.summary(),
            when_it_fires(replica)
        ))
    }

    /// A disk fault in the metadata: flips one random bit of replica `replica`'s stored checksum;
    /// its data is untouched. Returns a sentence.
    pub fn corrupt_stored_checksum(&mut self, replica: usize) -> Result<String, StoreError> {
        if self.written.is_none() {
            return Err(StoreError::NothingWritten);
        }
        let count = self.replicas.len();
        let alg = self.algorithm;
        let r = self
            .replicas
            .get_mut(replica)
            .ok_or(StoreError::NoSuchReplica { replica, count })?;
        let before = short_hex(&r.checksum);
        let op = Corruption::FlipRandomBit.resolve(r.checksum.len(), &mut self.rng)?;
        op.apply(&mut r.checksum, &mut self.rng)?;
        r.checksum_damaged = self.written_checksum.as_ref() != Some(&r.checksum);
        let Corruption::FlipBit { byte, bit } = op else {
            return Ok(format!(
                "stored checksum of replica {} damaged",
                replica + 1
            ));
        };
        Ok(format!(
            "stored checksum of replica {} damaged: bit {bit} of its byte {byte} flipped ({} {before} → {}); its data is untouched",
            replica + 1,
            alg.name(),
            short_hex(&r.checksum)
        ))
    }

    /// A software or memory bug: the next write is damaged in the storage node's memory before
    /// its checksum is computed. Checked against the data when that write happens (a fault that
    /// does not fit it is dropped and the write report says so). Returns a sentence.
    pub fn corrupt_before_checksum(&mut self, op: Corruption) -> String {
        self.memory_fault = Some(op);
        format!(
            "memory fault armed: the next write will be damaged before its checksum is computed: {}",
            op.summary()
        )
    }

    /// Cancels every pending network and memory fault.
    pub fn clear_pending_faults(&mut self) {
        self.memory_fault = None;
        for r in &mut self.replicas {
            r.in_transit = None;
        }
    }
}

/// When a network fault armed on replica `k` (index from 0) fires, for a learner.
pub(crate) fn when_it_fires(k: usize) -> String {
    match k {
        0 => "it fires on the next read (every read starts at replica 1)".to_string(),
        1 => "it fires on the next read that reaches replica 2. Reads try the replicas in order and stop at the first good one, so replica 2 is read only when replica 1 fails its check".to_string(),
        2 => "it fires on the next read that reaches replica 3. Reads try the replicas in order and stop at the first good one, so replica 3 is read only when replicas 1 and 2 both fail their checks".to_string(),
        k => format!(
            "it fires on the next read that reaches replica {n}. Reads try the replicas in order and stop at the first good one, so replica {n} is read only when replicas 1 to {k} all fail their checks",
            n = k + 1
        ),
    }
}
