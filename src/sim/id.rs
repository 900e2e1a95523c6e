//! Who is who: node numbers, and the central monitor's. A leaf module every other one can use.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A node's number: 1..=N for nodes, 0 for the central monitor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct NodeId(pub u32);

/// The central monitor's id.
pub const MONITOR: NodeId = NodeId(0);

impl NodeId {
    /// Whether this is the central monitor.
    pub fn is_monitor(self) -> bool {
        self.0 == 0
    }

    /// The id as an index into per-node tables (which keep slot 0 for the monitor).
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_monitor() {
            f.write_str("monitor")
        } else {
            write!(f, "node {}", self.0)
        }
    }
}
