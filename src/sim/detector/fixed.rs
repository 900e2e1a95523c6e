//! The fixed-timeout detector: suspected after one silence, dead after a longer one.

use serde::{Deserialize, Serialize};

use super::Thresholds;

/// Fixed thresholds on the silence since the last heartbeat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixedTimeout {
    /// A node is suspected after this many ms without a heartbeat.
    pub suspect_after_ms: u64,
    /// A node is declared dead after this many ms without a heartbeat (the timeout).
    pub timeout_ms: u64,
}

impl FixedTimeout {
    /// The same thresholds for every node, whatever its history.
    pub fn thresholds(self) -> Thresholds {
        Thresholds {
            suspect_after_ms: self.suspect_after_ms,
            dead_after_ms: self.timeout_ms.max(self.suspect_after_ms),
        }
    }

    /// The detector's value for the page: the silence as a fraction of the timeout (1.0 = dead).
    pub fn level(self, silence_ms: u64) -> f64 {
        silence_ms as f64 / self.timeout_ms.max(1) as f64
    }
}
