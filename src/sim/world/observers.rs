//! Every observer's view of the cluster: the central monitor's, or each node's own. One place
//! answers "whose view is this", so the rest of the world asks by node id.

use crate::sim::config::Config;
use crate::sim::id::{MONITOR, NodeId};
use crate::sim::observer::Observer;
use crate::sim::time::SimTime;

/// The monitor's view (central topologies) or one view per node (the others), by node id.
#[derive(Debug, Clone)]
pub(super) struct Observers {
    monitor: Option<Observer>,
    /// Index = node id − 1; empty in central topologies.
    nodes: Vec<Observer>,
}

impl Observers {
    /// Fresh views at time 0: the monitor's, or every node's.
    pub(super) fn new(config: &Config) -> Observers {
        if config.topology.is_central() {
            Observers {
                monitor: Some(Observer::new(MONITOR, config, SimTime::ZERO)),
                nodes: Vec::new(),
            }
        } else {
            Observers {
                monitor: None,
                nodes: (1..=config.nodes)
                    .map(|i| Observer::new(NodeId(i), config, SimTime::ZERO))
                    .collect(),
            }
        }
    }

    /// Whether a central monitor observes (otherwise every node does).
    pub(super) fn is_central(&self) -> bool {
        self.monitor.is_some()
    }

    /// The view of `observer`: the monitor's (node 0) or a node's own, if it keeps one.
    pub(super) fn get(&self, observer: NodeId) -> Option<&Observer> {
        if observer.is_monitor() {
            self.monitor.as_ref()
        } else {
            self.nodes.get(observer.index().wrapping_sub(1))
        }
    }

    /// The view of `observer`, to change.
    pub(super) fn get_mut(&mut self, observer: NodeId) -> Option<&mut Observer> {
        if observer.is_monitor() {
            self.monitor.as_mut()
        } else {
            self.nodes.get_mut(observer.index().wrapping_sub(1))
        }
    }

    /// Every view: the monitor's, or every node's in order.
    pub(super) fn iter(&self) -> impl Iterator<Item = &Observer> {
        self.monitor.iter().chain(&self.nodes)
    }

    /// Every view, to change.
    pub(super) fn iter_mut(&mut self) -> impl Iterator<Item = &mut Observer> {
        self.monitor.iter_mut().chain(&mut self.nodes)
    }

    /// Every observer's id: the monitor, or every node.
    pub(super) fn ids(&self) -> Vec<NodeId> {
        self.iter().map(Observer::owner).collect()
    }
}
