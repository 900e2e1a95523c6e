//! Commands: everything a learner (or a scenario) can do to a running world.

use serde::{Deserialize, Serialize};
use std::fmt;

use super::config::Config;
use super::fault::Overload;
use super::field::{ConfigError, Field};
use super::id::NodeId;
use super::network::{Link, Partition};

/// A change applied to the world at the current virtual time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    /// Crash a node: it stops sending and answering.
    Crash {
        /// Which node.
        node: NodeId,
    },
    /// Restart a crashed node in a new incarnation.
    Restart {
        /// Which node.
        node: NodeId,
    },
    /// Slow a node down: its heartbeats come every interval × `percent` / 100.
    Slow {
        /// Which node.
        node: NodeId,
        /// The slow-down factor in percent (101 or more; 300 = 3×).
        percent: u32,
    },
    /// Freeze a node for `ms` (like a long garbage-collection pause); it resumes by itself.
    Pause {
        /// Which node.
        node: NodeId,
        /// How long, in ms.
        ms: u64,
    },
    /// Overload a node: it drops a share of its heartbeats and answers late.
    Overload {
        /// Which node.
        node: NodeId,
        /// How badly.
        overload: Overload,
    },
    /// Clear a node's slowness, pause and overload (a crash needs Restart).
    Recover {
        /// Which node.
        node: NodeId,
    },
    /// Put one node alone in its own partition.
    CutOff {
        /// Which node.
        node: NodeId,
    },
    /// Split the endpoints into groups that cannot reach each other.
    Partition(Partition),
    /// Block messages from `from` to `to` only.
    CutOneWay {
        /// Sender side.
        from: NodeId,
        /// Receiver side.
        to: NodeId,
    },
    /// Remove every partition and cut.
    Heal,
    /// Restart crashed nodes, clear every slowness, pause and overload, and heal the network.
    ClearAllFaults,
    /// Give one directed link its own latency, jitter and loss.
    SetLink {
        /// Sender side.
        from: NodeId,
        /// Receiver side.
        to: NodeId,
        /// Its settings.
        link: Link,
    },
    /// Change the settings that can change during a run: interval, jitter, thresholds, network,
    /// requests, quorum, replacement. Nodes, topology, detectors, work items and seed need a new world.
    Configure(Config),
}

/// Why a command was refused. Nothing changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CommandError {
    /// There is no such node (nodes are 1..=N).
    NoSuchNode(NodeId),
    /// The monitor cannot be crashed, slowed or overloaded here.
    Monitor,
    /// Restart needs a crashed node.
    NotCrashed(NodeId),
    /// The node is crashed, so it cannot be slowed or overloaded.
    Crashed(NodeId),
    /// A value out of range.
    Invalid(String),
    /// The new settings are invalid.
    Config(ConfigError),
    /// This setting only takes effect in a new run (reset).
    NeedsReset(Field),
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandError::NoSuchNode(n) => write!(f, "there is no {n}"),
            CommandError::Monitor => {
                f.write_str("the monitor cannot fail in this playground; fail a node instead")
            }
            CommandError::NotCrashed(n) => {
                write!(f, "{n} is not crashed, so there is nothing to restart")
            }
            CommandError::Crashed(n) => write!(f, "{n} is crashed; restart it first"),
            CommandError::Invalid(m) => f.write_str(m),
            CommandError::Config(e) => e.fmt(f),
            CommandError::NeedsReset(field) => write!(
                f,
                "{} changes only in a new run: reset to apply it",
                field.label()
            ),
        }
    }
}

impl std::error::Error for CommandError {}

impl Command {
    /// A short description for logs, such as "crash node 3".
    pub fn describe(&self) -> String {
        match self {
            Command::Crash { node } => format!("crash {node}"),
            Command::Restart { node } => format!("restart {node}"),
            Command::Slow { node, percent } => {
                format!("slow {node} {}×", super::fault::trim_factor(*percent))
            }
            Command::Pause { node, ms } => {
                format!("pause {node} for {}", super::time::format_duration(*ms))
            }
            Command::Overload { node, overload } => {
                format!(
                    "overload {node} (drops {} %, +{} ms)",
                    overload.drop_pct, overload.extra_delay_ms
                )
            }
            Command::Recover { node } => format!("recover {node}"),
            Command::CutOff { node } => format!("cut off {node}"),
            Command::Partition(p) => format!("partition into {} groups", p.groups.len()),
            Command::CutOneWay { from, to } => format!("cut {from} → {to}"),
            Command::Heal => "heal the network".into(),
            Command::ClearAllFaults => "clear all faults".into(),
            Command::SetLink { from, to, .. } => format!("set link {from} → {to}"),
            Command::Configure(_) => "change settings".into(),
        }
    }
}
