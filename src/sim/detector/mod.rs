//! Failure detectors: plain functions from a node's arrival history to the silences after which it
//! is suspected and declared dead. A view ([`super::view`]) keeps the history and asks them.

mod fixed;
mod phi;

pub use fixed::FixedTimeout;
pub use phi::{NEVER_MS, PhiAccrual, PhiWindows, phi};

use serde::{Deserialize, Serialize};
use std::fmt;

use super::id::NodeId;
use super::time::SimTime;

/// A kind of failure detector, used to index per-detector state and metrics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DetectorKind {
    /// Suspected after a silence of `suspect_after`, dead after `timeout`.
    Fixed,
    /// Suspected and dead when φ crosses its thresholds.
    Phi,
    /// SWIM: suspected when no ack came, not even through others; dead when the suspicion is not
    /// refuted in time.
    Swim,
}

impl DetectorKind {
    /// The name a learner reads.
    pub fn label(self) -> &'static str {
        match self {
            DetectorKind::Fixed => "fixed timeout",
            DetectorKind::Phi => "phi accrual",
            DetectorKind::Swim => "SWIM",
        }
    }
}

/// What an observer believes about a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Belief {
    /// Heard from recently enough.
    Alive,
    /// Silent for longer than usual: maybe crashed, maybe slow.
    Suspected,
    /// Silent past the timeout: declared dead; requests stop and its work moves.
    Dead,
}

impl Belief {
    /// The word the page shows.
    pub fn label(self) -> &'static str {
        match self {
            Belief::Alive => "alive",
            Belief::Suspected => "suspected",
            Belief::Dead => "dead",
        }
    }
}

impl fmt::Display for Belief {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The silences (ms since the last arrival) at which a detector changes its mind about one node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Thresholds {
    /// Suspected from this silence on.
    pub suspect_after_ms: u64,
    /// Dead from this silence on (never below `suspect_after_ms`).
    pub dead_after_ms: u64,
}

impl Thresholds {
    /// The belief after `silence_ms` without news.
    pub fn belief(self, silence_ms: u64) -> Belief {
        if silence_ms >= self.dead_after_ms {
            Belief::Dead
        } else if silence_ms >= self.suspect_after_ms {
            Belief::Suspected
        } else {
            Belief::Alive
        }
    }

    /// The silence at which the belief next changes, if it still can.
    pub fn next_change(self, silence_ms: u64) -> Option<u64> {
        match self.belief(silence_ms) {
            Belief::Alive => Some(self.suspect_after_ms),
            Belief::Suspected => Some(self.dead_after_ms),
            Belief::Dead => None,
        }
    }
}

/// Why an observer changed its mind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Cause {
    /// No news for `silence_ms`; for phi accrual, `phi_milli` is φ × 1000 at that moment.
    Silence {
        /// Milliseconds since the last arrival.
        silence_ms: u64,
        /// φ × 1000 when a phi accrual detector decided, `None` for the fixed timeout.
        phi_milli: Option<u32>,
    },
    /// A heartbeat newer than any seen before arrived.
    Heard {
        /// Its sequence number.
        seq: u64,
    },
    /// The observer itself restarted and starts with a fresh view.
    ViewReset,
    /// Central pull: the monitor's check `ping` has waited `waited_ms` for its answer.
    Unanswered {
        /// The check's number.
        ping: u64,
        /// How long it has waited so far.
        waited_ms: u64,
    },
    /// SWIM: membership news. `by` said so (the observer itself when it suspected after its own
    /// probe failed, or declared when the suspicion ran out), about `incarnation`.
    Swim {
        /// Who said it.
        by: NodeId,
        /// The incarnation it is about; alive at a higher one is a refutation.
        incarnation: u32,
    },
    /// Central pull: check `ping` got no answer within the timeout, the `failed`-th in a row.
    ChecksFailed {
        /// The check's number.
        ping: u64,
        /// Failed checks in a row, this one included.
        failed: u32,
    },
}

/// One change of belief: the detector `detector` of `observer` now believes `to` about `node`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Transition {
    /// When it happened.
    pub at: SimTime,
    /// Who changed its mind: the monitor (node 0) or a node keeping its own view.
    pub observer: NodeId,
    /// About whom.
    pub node: NodeId,
    /// Which detector.
    pub detector: DetectorKind,
    /// The belief before.
    pub from: Belief,
    /// The belief after.
    pub to: Belief,
    /// Why.
    pub cause: Cause,
    /// For a declaration: the observer declared this node dead before and has not heard from it
    /// twice in a row since, so this continues the same episode (a node flapping within one pause
    /// or slow spell is one mistake, not one per flap).
    pub again: bool,
}
