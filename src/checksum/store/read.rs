//! The read path: go through the replicas in order, recompute the checksum of the bytes that
//! arrive, compare it with the stored one, and return only data that matched.

use std::sync::Arc;

use thiserror::Error;

use super::Store;
use crate::checksum::short_hex;

/// What the read did with one replica.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadAction {
    /// The checks passed and this replica's data was returned.
    Returned,
    /// A check failed: the replica was marked corrupt and the next replica tried.
    MarkedCorruptTryingNext,
    /// A check failed on the last replica: marked corrupt, none left to try.
    MarkedCorruptNoneLeft,
    /// Read repair rewrote this replica's data and checksum from replica `source` (index from 0).
    RepairedFrom {
        /// The replica whose good copy was used.
        source: usize,
    },
}

impl ReadAction {
    /// The words a learner reads, such as "marked corrupt, trying next replica".
    pub fn label(self) -> String {
        match self {
            ReadAction::Returned => "returned".to_string(),
            ReadAction::MarkedCorruptTryingNext => {
                "marked corrupt, trying next replica".to_string()
            }
            ReadAction::MarkedCorruptNoneLeft => {
                "marked corrupt, no replica left to try".to_string()
            }
            ReadAction::RepairedFrom { source } => format!("repaired from replica {}", source + 1),
        }
    }
}

/// One step of a read, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadStep {
    /// The replica (index from 0).
    pub replica: usize,
    /// The checksum recomputed from the bytes received (for a repair: of the bytes written).
    pub computed: Vec<u8>,
    /// The checksum stored beside the data (for a repair: the one written with it).
    pub stored: Vec<u8>,
    /// Whether `computed` equals `stored`.
    pub checksum_matches: bool,
    /// The end-to-end check against the client's checksum: `None` when it is off.
    pub end_to_end_matches: Option<bool>,
    /// The network damage done to the bytes on the way, if a fault was pending.
    pub transit_fault: Option<String>,
    /// What the read did.
    pub action: ReadAction,
    /// The step as a sentence: what the read path saw and did (a mismatch does not say whether
    /// the bytes or the stored checksum were damaged: the read path cannot know).
    pub text: String,
    /// Ground truth the read path cannot see, when there is something to say: that the stored
    /// checksum was damaged, and whether the bytes read were intact.
    pub truth: Option<String>,
}

/// A successful read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOutcome {
    /// The data returned; its checksum matched the stored one (and the client's, when the
    /// end-to-end check is on).
    pub data: Vec<u8>,
    /// The replica it came from (index from 0).
    pub replica: usize,
    /// Every step, in order, repairs last.
    pub steps: Vec<ReadStep>,
    /// The replicas read repair rewrote (indexes from 0).
    pub repaired: Vec<usize>,
    /// Sentences about replicas the read did not reach: a network fault armed on one of them is
    /// still waiting for a read that gets that far.
    pub notes: Vec<String>,
}

/// Why a read returned no data.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReadError {
    /// Nothing has been written.
    #[error("nothing has been written yet: write some data first")]
    NothingWritten,
    /// Every replica failed its check; the read refuses to hand back bad data.
    #[error(
        "{} failed the check, so the read returns this error instead of corrupted data",
        all_replicas(steps.len())
    )]
    AllReplicasBad {
        /// Every step, in order.
        steps: Vec<ReadStep>,
    },
}

impl Store {
    /// The read path. For each replica in order: the bytes arrive (damaged once if a network
    /// fault is pending for it), their checksum is recomputed and compared with the stored one
    /// (and, when the end-to-end check is on, with the client's). A match returns the data; a
    /// mismatch marks the replica corrupt and tries the next. With read repair on, the replicas
    /// that failed are then rewritten from the good copy. If every replica fails, the read
    /// returns [`ReadError::AllReplicasBad`] with all the steps, never the bad data.
    pub fn read(&mut self) -> Result<ReadOutcome, ReadError> {
        if self.written.is_none() {
            return Err(ReadError::NothingWritten);
        }
        let alg = self.algorithm;
        let n = self.replicas.len();
        let mut steps = Vec::with_capacity(n);
        let mut failed = Vec::new();
        let mut found = None;
        for k in 0..n {
            let (received, transit_fault, damaged_in_transit) = self.receive(k);
            let computed = alg.digest(&received);
            let stored = self.replicas[k].checksum.clone();
            let checksum_matches = computed == stored;
            let truth = self.step_truth(k, &received);
            let end_to_end_matches = match (self.end_to_end, &self.client_checksum) {
                (true, Some(client)) => Some(*client == computed),
                _ => None,
            };
            let good = checksum_matches && end_to_end_matches != Some(false);
            let action = if good {
                ReadAction::Returned
            } else if k + 1 < n {
                ReadAction::MarkedCorruptTryingNext
            } else {
                ReadAction::MarkedCorruptNoneLeft
            };
            let mut text = format!("replica {}: ", k + 1);
            if let Some(fault) = &transit_fault {
                text.push_str(&format!("{fault}; "));
            }
            text.push_str(&format!(
                "computed {} {}, stored {}: {}",
                alg.name(),
                short_hex(&computed),
                short_hex(&stored),
                if checksum_matches {
                    "match"
                } else {
                    "mismatch"
                }
            ));
            match (end_to_end_matches, self.client_checksum.as_deref()) {
                (Some(true), _) => {
                    text.push_str(", end-to-end check against the client's checksum: match")
                }
                (Some(false), Some(client)) if checksum_matches => text.push_str(&format!(
                    ", but the client's end-to-end checksum is {}: mismatch",
                    short_hex(client)
                )),
                (Some(false), Some(client)) => text.push_str(&format!(
                    ", and the client's end-to-end checksum {} does not match either",
                    short_hex(client)
                )),
                _ => {}
            }
            text.push_str(&format!(" → {}", action.label()));
            self.replicas[k].marked_corrupt = !good;
            self.replicas[k].damaged_in_transit = damaged_in_transit;
            steps.push(ReadStep {
                replica: k,
                computed,
                stored: stored.clone(),
                checksum_matches,
                end_to_end_matches,
                transit_fault,
                action,
                text,
                truth,
            });
            if good {
                found = Some((k, received, stored));
                break;
            }
            failed.push(k);
        }
        let Some((source, received, checksum)) = found else {
            return Err(ReadError::AllReplicasBad { steps });
        };
        let mut repaired = Vec::new();
        if self.read_repair {
            for j in failed {
                self.repair(j, &received, &checksum);
                let action = ReadAction::RepairedFrom { source };
                steps.push(ReadStep {
                    replica: j,
                    computed: checksum.clone(),
                    stored: checksum.clone(),
                    checksum_matches: true,
                    end_to_end_matches: None,
                    transit_fault: None,
                    action,
                    text: format!(
                        "replica {}: {}: data and checksum rewritten from the good copy",
                        j + 1,
                        action.label()
                    ),
                    truth: None,
                });
                repaired.push(j);
            }
        }
        let notes = self
            .replicas
            .iter()
            .enumerate()
            .skip(source + 1)
            .filter(|(_, r)| r.in_transit.is_some())
            .map(|(k, _)| {
                format!(
                    "replica {}'s armed network fault is still waiting: this read stopped at replica {}",
                    k + 1,
                    source + 1
                )
            })
            .collect();
        Ok(ReadOutcome {
            data: Arc::unwrap_or_clone(received),
            replica: source,
            steps,
            repaired,
            notes,
        })
    }

    /// What the read path cannot see about reading replica `k`, which delivered `received`: that
    /// its stored checksum was damaged, and whether the bytes were intact (a false alarm).
    fn step_truth(&self, k: usize, received: &[u8]) -> Option<String> {
        let replica = &self.replicas[k];
        if !replica.checksum_damaged {
            return None;
        }
        let intact = self
            .written
            .as_deref()
            .is_some_and(|w| w.as_slice() == received);
        Some(if intact {
            "the bytes read are exactly what was written; it is the stored checksum that was damaged, so this mismatch is a false alarm".to_string()
        } else {
            "both the bytes read and the stored checksum differ from what was written".to_string()
        })
    }

    /// The bytes that reach the reader from replica `k`, with a pending network fault applied
    /// (once), the sentence describing that damage, and whether the bytes arrived changed.
    fn receive(&mut self, k: usize) -> (Arc<Vec<u8>>, Option<String>, bool) {
        let replica = &mut self.replicas[k];
        let Some(op) = replica.in_transit.take() else {
            return (Arc::clone(&replica.data), None, false);
        };
        let mut copy = replica.data.as_slice().to_vec();
        match op.apply(&mut copy, &mut self.rng) {
            Ok(applied) => {
                let changed = copy != *replica.data;
                (
                    Arc::new(copy),
                    Some(format!(
                        "network fault in transit: {}",
                        applied.description.text
                    )),
                    changed,
                )
            }
            Err(e) => (
                Arc::clone(&replica.data),
                Some(format!(
                    "the pending network fault did not fit the data ({e}), so the bytes arrived intact"
                )),
                false,
            ),
        }
    }

    /// Rewrites replica `j` with `data` and `checksum` from a good copy.
    fn repair(&mut self, j: usize, data: &Arc<Vec<u8>>, checksum: &[u8]) {
        let written = self.written.as_ref();
        let replica = &mut self.replicas[j];
        replica.data = Arc::clone(data);
        replica.checksum = checksum.to_vec();
        replica.marked_corrupt = false;
        replica.damaged_in_transit = false;
        replica.corrupted_at_rest = written.is_some_and(|w| w.as_slice() != data.as_slice());
        replica.checksum_damaged = self.written_checksum.as_deref() != Some(checksum);
    }
}

/// "the only replica" or "all 3 replicas".
fn all_replicas(n: usize) -> String {
    if n == 1 {
        "the only replica".to_string()
    } else {
        format!("all {n} replicas")
    }
}
