//! The simulated network: latency, jitter and loss per link; partitions that split the endpoints
//! into groups; one-way cuts; heal.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use super::field::{ConfigError, Field};
use super::id::NodeId;
use super::limits::MAX_DURATION_MS;
use super::rng::SimRng;

/// The behaviour of a link.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// One-way delay in ms.
    pub latency_ms: u64,
    /// The delay varies uniformly by up to this many ms either way (never below 0).
    pub jitter_ms: u64,
    /// Probability that a message is lost, 0.0–1.0.
    pub loss: f64,
}

impl Link {
    /// The longest one-way delay this link can give.
    pub fn max_delay_ms(&self) -> u64 {
        self.latency_ms + self.jitter_ms
    }

    /// Checks the values.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.latency_ms > MAX_DURATION_MS {
            return Err(ConfigError {
                field: Field::Latency,
                message: "must be at most one day".into(),
            });
        }
        if self.jitter_ms > MAX_DURATION_MS {
            return Err(ConfigError {
                field: Field::Jitter,
                message: "must be at most one day".into(),
            });
        }
        if !(self.loss.is_finite() && (0.0..=1.0).contains(&self.loss)) {
            return Err(ConfigError {
                field: Field::Loss,
                message: "must be a probability between 0 and 1 (0 % to 100 %)".into(),
            });
        }
        Ok(())
    }
}

/// Why a message did not arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DropReason {
    /// Lost at random on the link.
    Loss,
    /// Sender and receiver are on different sides of a partition.
    Partition,
    /// A one-way cut blocks this direction.
    OneWayCut,
    /// The receiver had crashed when it arrived.
    ReceiverDown,
}

impl DropReason {
    /// The words the page shows.
    pub fn label(self) -> &'static str {
        match self {
            DropReason::Loss => "lost",
            DropReason::Partition => "partition",
            DropReason::OneWayCut => "one-way cut",
            DropReason::ReceiverDown => "receiver down",
        }
    }
}

/// A split of the endpoints (nodes and monitor) into groups that cannot reach each other.
/// Endpoints not listed are in the first group; the client that sends requests is in the first
/// group too.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Partition {
    /// The groups, each a list of endpoints (0 is the monitor).
    pub groups: Vec<Vec<NodeId>>,
}

impl Partition {
    /// Splits nodes 1..=n in half: the lower half (with the monitor and the client) and the upper half.
    pub fn halves(n: u32) -> Partition {
        let mid = n.div_ceil(2);
        Partition {
            groups: vec![
                std::iter::once(NodeId(0))
                    .chain((1..=mid).map(NodeId))
                    .collect(),
                ((mid + 1)..=n).map(NodeId).collect(),
            ],
        }
    }

    /// One node alone on its side; everything else (with the monitor and the client) in the first group.
    pub fn isolate(node: NodeId) -> Partition {
        Partition {
            groups: vec![Vec::new(), vec![node]],
        }
    }
}

/// The network: a default link, per-link settings, the partition and one-way cuts.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    /// The link every pair uses unless it has its own.
    pub default_link: Link,
    links: BTreeMap<(NodeId, NodeId), Link>,
    /// Group of each endpoint (index = node id, 0 = monitor); all 0 when healed.
    group: Vec<u16>,
    cuts: BTreeSet<(NodeId, NodeId)>,
}

impl Network {
    /// A healed network for nodes 1..=n plus the monitor.
    pub fn new(nodes: u32, default_link: Link) -> Network {
        Network {
            default_link,
            links: BTreeMap::new(),
            group: vec![0; nodes as usize + 1],
            cuts: BTreeSet::new(),
        }
    }

    /// The link from `from` to `to`.
    pub fn link(&self, from: NodeId, to: NodeId) -> Link {
        if self.links.is_empty() {
            return self.default_link;
        }
        self.links
            .get(&(from, to))
            .copied()
            .unwrap_or(self.default_link)
    }

    /// Gives the directed link `from → to` its own settings.
    pub fn set_link(&mut self, from: NodeId, to: NodeId, link: Link) {
        self.links.insert((from, to), link);
    }

    /// Applies a partition (replacing any earlier one).
    pub fn partition(&mut self, partition: &Partition) {
        self.group.iter_mut().for_each(|g| *g = 0);
        for (g, members) in partition.groups.iter().enumerate() {
            for m in members {
                if let Some(slot) = self.group.get_mut(m.index()) {
                    *slot = g as u16;
                }
            }
        }
    }

    /// Blocks messages from `from` to `to` (but not back).
    pub fn cut_one_way(&mut self, from: NodeId, to: NodeId) {
        self.cuts.insert((from, to));
    }

    /// Removes every partition and one-way cut: all messages flow again (per-link settings stay).
    pub fn heal(&mut self) {
        self.group.iter_mut().for_each(|g| *g = 0);
        self.cuts.clear();
    }

    /// The partition group of an endpoint.
    pub fn group_of(&self, who: NodeId) -> u16 {
        self.group.get(who.index()).copied().unwrap_or(0)
    }

    /// Whether any partition or cut is in force.
    pub fn is_split(&self) -> bool {
        !self.cuts.is_empty() || self.group.iter().any(|&g| g != 0)
    }

    /// The one-way cuts in force.
    pub fn cuts(&self) -> impl Iterator<Item = (NodeId, NodeId)> + '_ {
        self.cuts.iter().copied()
    }

    /// Why a message from `from` to `to` cannot pass right now, if it cannot.
    pub fn blocked(&self, from: NodeId, to: NodeId) -> Option<DropReason> {
        if self.group_of(from) != self.group_of(to) {
            return Some(DropReason::Partition);
        }
        if !self.cuts.is_empty() && self.cuts.contains(&(from, to)) {
            return Some(DropReason::OneWayCut);
        }
        None
    }

    /// Whether the client (in group 0) can reach `node` and hear back.
    pub fn client_reaches(&self, node: NodeId) -> bool {
        self.group_of(node) == 0
    }

    /// Decides the fate of a message sent now: lost or blocked, or delivered after a delay (ms).
    pub fn transmit(&self, from: NodeId, to: NodeId, rng: &mut SimRng) -> Result<u64, DropReason> {
        if let Some(reason) = self.blocked(from, to) {
            return Err(reason);
        }
        let link = self.link(from, to);
        if rng.chance(link.loss) {
            return Err(DropReason::Loss);
        }
        Ok(rng.jittered(link.latency_ms, link.jitter_ms))
    }

    /// The longest one-way delay on any link.
    pub fn max_delay_ms(&self) -> u64 {
        self.links
            .values()
            .map(Link::max_delay_ms)
            .fold(self.default_link.max_delay_ms(), u64::max)
    }
}
