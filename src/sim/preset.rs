//! Real systems' heartbeat defaults, as presets. Each says where its numbers come from; the
//! "suspected" step is the playground's addition where a system has no such state.

use super::config::{Config, DetectorChoice, Topology};
use super::detector::{FixedTimeout, PhiAccrual};

/// A named set of heartbeat settings taken from a real system.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Preset {
    /// A stable identifier, used in share links.
    pub id: &'static str,
    /// The name the page shows.
    pub name: &'static str,
    /// Where the numbers come from, in a sentence or two.
    pub source: &'static str,
    /// The topology it implies, if it implies one.
    pub topology: Option<Topology>,
    /// Heartbeat interval in ms.
    pub interval_ms: u64,
    /// Which detector it uses.
    pub detector: DetectorChoice,
    /// Fixed-timeout thresholds.
    pub fixed: FixedTimeout,
    /// Phi accrual settings, if it uses phi accrual.
    pub phi: Option<PhiAccrual>,
    /// Central pull: failed checks in a row before dead (1 where the system does not pull).
    pub failed_checks: u32,
}

impl Preset {
    /// Copies the preset's settings into `config`, leaving nodes, network, seed and the rest alone.
    pub fn apply(&self, config: &mut Config) {
        if let Some(t) = self.topology {
            config.topology = t;
        }
        config.interval_ms = self.interval_ms;
        config.send_jitter_ms = config.send_jitter_ms.min(self.interval_ms / 10);
        config.detection.choice = self.detector;
        config.detection.fixed = self.fixed;
        if let Some(phi) = self.phi {
            config.detection.phi = phi;
        }
        config.failed_checks = self.failed_checks;
    }

    /// The preset with this id.
    pub fn by_id(id: &str) -> Option<&'static Preset> {
        PRESETS.iter().find(|p| p.id == id)
    }
}

/// Every preset, the course's own example first.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "seed",
        name: "Course example (2 s / 5 s)",
        source: "The course's example: a node sends a heartbeat every 2 s and the monitor raises an alert \
                 when it has heard nothing for more than 5 s. Suspected after 3 s is the playground's addition.",
        topology: Some(Topology::CentralPush),
        interval_ms: 2000,
        detector: DetectorChoice::Fixed,
        fixed: FixedTimeout {
            suspect_after_ms: 3000,
            timeout_ms: 5000,
        },
        phi: None,
        failed_checks: 1,
    },
    Preset {
        id: "kubernetes",
        name: "Kubernetes (10 s renew / 40 s grace)",
        source: "The kubelet renews its node Lease every 10 s; the node controller marks a node not ready \
                 when nothing was heard for node-monitor-grace-period, 40 s by default, and then evicts its \
                 pods. Suspected after two missed renewals (20 s) is the playground's addition.",
        topology: Some(Topology::CentralPush),
        interval_ms: 10_000,
        detector: DetectorChoice::Fixed,
        fixed: FixedTimeout {
            suspect_after_ms: 20_000,
            timeout_ms: 40_000,
        },
        phi: None,
        failed_checks: 1,
    },
    Preset {
        id: "elasticsearch",
        name: "Elasticsearch (1 s checks, 10 s timeout, 3 failures)",
        source: "The elected master checks every node each second (follower_check.interval 1 s); a check \
                 fails when its answer has not come within 10 s (follower_check.timeout) and the node is \
                 removed after 3 failed checks in a row (follower_check.retry_count). A late answer does not \
                 count: its check has already failed. Suspected from the first failed check is the \
                 playground's addition.",
        topology: Some(Topology::CentralPull),
        interval_ms: 1000,
        detector: DetectorChoice::Fixed,
        fixed: FixedTimeout {
            suspect_after_ms: 10_000,
            timeout_ms: 10_000,
        },
        phi: None,
        failed_checks: 3,
    },
    Preset {
        id: "phi",
        name: "Akka / Cassandra (phi accrual, threshold 8)",
        source: "Akka Cluster's failure detector: a heartbeat every second, phi accrual over up to 1000 \
                 inter-arrival samples with the standard deviation floored at 100 ms, a 3 s acceptable \
                 heartbeat pause, and a node is unreachable at φ = 8. Cassandra convicts at the same \
                 φ = 8 (phi_convict_threshold) but estimates the gaps with an exponential distribution \
                 rather than a normal one. Suspected at φ = 5 is the playground's addition.",
        topology: None,
        interval_ms: 1000,
        detector: DetectorChoice::Phi,
        fixed: FixedTimeout {
            suspect_after_ms: 3000,
            timeout_ms: 5000,
        },
        phi: Some(PhiAccrual {
            suspect_phi: 5.0,
            dead_phi: 8.0,
            window: 1000,
            min_std_ms: 100,
            acceptable_pause_ms: 3000,
        }),
        failed_checks: 1,
    },
    Preset {
        id: "etcd",
        name: "etcd (100 ms / 1000 ms)",
        source: "The etcd (Raft) leader sends a heartbeat every 100 ms (heartbeat-interval); a follower that \
                 hears nothing for 1000 ms (election-timeout) gives up on the leader and starts an election. \
                 Suspected after 500 ms is the playground's addition.",
        topology: Some(Topology::CentralPush),
        interval_ms: 100,
        detector: DetectorChoice::Fixed,
        fixed: FixedTimeout {
            suspect_after_ms: 500,
            timeout_ms: 1000,
        },
        phi: None,
        failed_checks: 1,
    },
    Preset {
        id: "kafka",
        name: "Kafka consumers (3 s / 45 s)",
        source: "A Kafka consumer sends a heartbeat to its group coordinator every 3 s (heartbeat.interval.ms) \
                 and is removed from the group after 45 s without one (session.timeout.ms, the default since \
                 Kafka 3.0). Suspected after three missed heartbeats (9 s) is the playground's addition.",
        topology: Some(Topology::CentralPush),
        interval_ms: 3000,
        detector: DetectorChoice::Fixed,
        fixed: FixedTimeout {
            suspect_after_ms: 9000,
            timeout_ms: 45_000,
        },
        phi: None,
        failed_checks: 1,
    },
    Preset {
        id: "hdfs",
        name: "HDFS DataNodes (3 s / 10.5 min)",
        source: "A DataNode sends a heartbeat to the NameNode every 3 s (dfs.heartbeat.interval); the NameNode \
                 marks it stale after 30 s (dfs.namenode.stale.datanode.interval) and dead after 2 × the 5 min \
                 recheck interval + 10 × 3 s = 10.5 min, then re-replicates its blocks.",
        topology: Some(Topology::CentralPush),
        interval_ms: 3000,
        detector: DetectorChoice::Fixed,
        fixed: FixedTimeout {
            suspect_after_ms: 30_000,
            timeout_ms: 630_000,
        },
        phi: None,
        failed_checks: 1,
    },
];
