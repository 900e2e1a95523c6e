//! The settings by name, and what is wrong with one: a rejected value comes back as a
//! [`ConfigError`] naming its field, so the page shows the message next to that field. A leaf
//! module.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A setting a [`ConfigError`] is about, so the page can show the message next to its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// `Config::nodes`
    Nodes,
    /// The `k` of `Topology::RandomK`.
    K,
    /// `Config::interval_ms`
    Interval,
    /// `Config::send_jitter_ms`
    SendJitter,
    /// `FixedTimeout::suspect_after_ms`
    SuspectAfter,
    /// `FixedTimeout::timeout_ms`
    Timeout,
    /// `PhiAccrual::suspect_phi`
    PhiSuspect,
    /// `PhiAccrual::dead_phi`
    PhiDead,
    /// `PhiAccrual::window`
    PhiWindow,
    /// `PhiAccrual::min_std_ms`
    PhiMinStd,
    /// `PhiAccrual::acceptable_pause_ms`
    PhiPause,
    /// `Link::latency_ms`
    Latency,
    /// `Link::jitter_ms`
    Jitter,
    /// `Link::loss`
    Loss,
    /// `Config::work_items`
    WorkItems,
    /// `Config::requests_per_sec`
    Requests,
    /// `Config::replace_after_ms`
    ReplaceAfter,
    /// `Config::seed`
    Seed,
    /// `Config::topology` (which kind; its `k` is [`Field::K`])
    Topology,
    /// `Detection::choice`
    Detector,
    /// `Config::failed_checks`
    FailedChecks,
}

impl Field {
    /// The field's label as the page shows it.
    pub fn label(self) -> &'static str {
        match self {
            Field::Nodes => "nodes",
            Field::K => "peers per round (k)",
            Field::Interval => "heartbeat interval",
            Field::SendJitter => "send jitter",
            Field::SuspectAfter => "suspect after",
            Field::Timeout => "timeout",
            Field::PhiSuspect => "φ suspect threshold",
            Field::PhiDead => "φ dead threshold",
            Field::PhiWindow => "φ window",
            Field::PhiMinStd => "φ minimum deviation",
            Field::PhiPause => "φ acceptable pause",
            Field::Latency => "latency",
            Field::Jitter => "latency jitter",
            Field::Loss => "loss",
            Field::WorkItems => "work items",
            Field::Requests => "requests per second",
            Field::ReplaceAfter => "replace after",
            Field::Seed => "seed",
            Field::Topology => "topology",
            Field::Detector => "failure detector",
            Field::FailedChecks => "failed checks before dead",
        }
    }
}

/// A rejected setting: which field, and why, in words for the learner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfigError {
    /// The field at fault.
    pub field: Field,
    /// What is wrong and what would be accepted.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field.label(), self.message)
    }
}

impl std::error::Error for ConfigError {}
