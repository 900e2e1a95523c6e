//! What the page shows about the store: each replica's data, checksum and faults, with the ground
//! truth next to the store's belief.

use super::Store;
use super::preview::Preview;
use crate::checksum::Algorithm;

/// One replica as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplicaView {
    /// Index from 0.
    pub index: usize,
    /// The name a learner reads, "replica 1" for index 0.
    pub name: String,
    /// Length of the stored data.
    pub len: usize,
    /// A few stored bytes, placed where they first differ from what the client meant to write.
    pub preview: Preview,
    /// The stored checksum as lowercase hex ("" before the first write).
    pub checksum_hex: String,
    /// Ground truth: the stored data differs from what the storage node wrote.
    pub corrupted_at_rest: bool,
    /// The store's belief: the last read of this replica failed its check.
    pub marked_corrupt: bool,
    /// A network fault waiting for the next read that reaches this replica, described.
    pub pending_in_transit: Option<String>,
    /// Ground truth: the last read of this replica received its bytes damaged on the wire.
    pub damaged_in_transit: bool,
    /// Ground truth: the stored checksum differs from the one the storage node computed.
    pub checksum_damaged: bool,
    /// Ground truth: the data was damaged in the storage node's memory before its checksum was
    /// computed (at the last write), so this replica's checksum vouches for damaged data.
    pub corrupted_before_checksum: bool,
}

/// What is really wrong with a replica, in words, next to the store's belief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplicaTruth {
    /// Whether the replica's stored data is what the client meant to write.
    pub stored_intact: bool,
    /// Whether the replica's stored checksum is the one the storage node computed.
    pub checksum_intact: bool,
    /// A sentence, such as "its stored data is intact; the damage happened on the wire".
    pub text: String,
}

impl ReplicaView {
    /// A network fault armed on this replica, and on which read it fires, in a sentence.
    pub fn armed_fault(&self) -> Option<String> {
        self.pending_in_transit.as_ref().map(|op| {
            format!(
                "network fault armed ({op}): {}",
                super::when_it_fires(self.index)
            )
        })
    }

    /// The ground truth about this replica: where its data was damaged (in memory before the
    /// checksum, on disk, on the wire during the last read), whether its stored checksum was
    /// damaged, or that it is intact. `None` when nothing happened to it and no read marked it.
    pub fn truth(&self) -> Option<ReplicaTruth> {
        let stored = match (self.corrupted_before_checksum, self.corrupted_at_rest) {
            (false, false) => "its stored data is intact",
            (true, false) => {
                "its stored data was damaged in memory before its checksum was computed, so the checksum matches the damaged data"
            }
            (false, true) => "its stored data is damaged on disk (disk fault)",
            (true, true) => {
                "its stored data was damaged in memory before its checksum was computed, then on disk (disk fault)"
            }
        };
        let stored_intact = !self.corrupted_before_checksum && !self.corrupted_at_rest;
        let checksum_intact = !self.checksum_damaged;
        let at_rest = match (stored_intact, checksum_intact) {
            (_, true) => stored.to_string(),
            (true, false) => "its stored checksum is damaged; its data is intact, so a read of it reports a mismatch although the data is good (a false alarm)".to_string(),
            (false, false) => format!("{stored}; its stored checksum is damaged too"),
        };
        let text = match (stored_intact && checksum_intact, self.damaged_in_transit) {
            (true, true) => format!("{at_rest}; the damage happened on the wire (network fault)"),
            (false, true) => {
                format!("{at_rest}; the last read also received it damaged on the wire")
            }
            (true, false) if !self.marked_corrupt => return None,
            _ => at_rest,
        };
        Some(ReplicaTruth {
            stored_intact,
            checksum_intact,
            text,
        })
    }
}

impl Store {
    /// Every replica, in order.
    pub fn replicas(&self) -> Vec<ReplicaView> {
        self.replicas
            .iter()
            .enumerate()
            .map(|(index, r)| ReplicaView {
                index,
                name: format!("replica {}", index + 1),
                len: r.data.len(),
                preview: Preview::new(&r.data, self.intended()),
                checksum_hex: hex::encode(&r.checksum),
                corrupted_at_rest: r.corrupted_at_rest,
                marked_corrupt: r.marked_corrupt,
                pending_in_transit: r.in_transit.map(|op| op.summary()),
                damaged_in_transit: r.damaged_in_transit,
                checksum_damaged: r.checksum_damaged,
                corrupted_before_checksum: self.corrupted_before_checksum,
            })
            .collect()
    }

    /// How many replicas the store has.
    pub fn replica_count(&self) -> usize {
        self.replicas.len()
    }

    /// The algorithm of the stored checksums.
    pub fn algorithm(&self) -> Algorithm {
        self.algorithm
    }

    /// Replica `replica`'s stored bytes, or `None` for a bad index.
    pub fn replica_data(&self, replica: usize) -> Option<&[u8]> {
        self.replicas.get(replica).map(|r| r.data.as_slice())
    }

    /// Replica `replica`'s stored checksum, or `None` for a bad index.
    pub fn stored_checksum(&self, replica: usize) -> Option<&[u8]> {
        self.replicas.get(replica).map(|r| r.checksum.as_slice())
    }

    /// What the storage node stored at the last write (after any memory fault), or `None`
    /// before the first write.
    pub fn written(&self) -> Option<&[u8]> {
        self.written.as_deref().map(Vec::as_slice)
    }

    /// What the client meant to write at the last write (before any memory fault), or `None`
    /// before the first write.
    pub fn intended(&self) -> Option<&[u8]> {
        self.intended.as_deref().map(Vec::as_slice)
    }

    /// The client's end-to-end checksum of what it meant to write at the last write.
    pub fn client_checksum(&self) -> Option<&[u8]> {
        self.client_checksum.as_deref()
    }

    /// Ground truth: the last write was damaged in memory before its checksum was computed, so
    /// the stored checksums vouch for bad data.
    pub fn corrupted_before_checksum(&self) -> bool {
        self.corrupted_before_checksum
    }

    /// The memory fault waiting for the next write, described.
    pub fn pending_memory_fault(&self) -> Option<String> {
        self.memory_fault.map(|op| op.summary())
    }
}
