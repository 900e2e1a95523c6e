//! Recovery actions: work items (shards) owned by nodes, moved to a healthy node when their owner
//! is declared dead; and the leader each view would pick.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use super::detector::Belief;
use super::id::NodeId;
use super::observer::Observer;

/// Who owns each work item. Every item has exactly one owner at all times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Work {
    owner: Vec<NodeId>,
    /// Items per node, by node id (slot 0, the monitor, owns nothing).
    count: Vec<u32>,
    /// With leases: the last epoch handed to a new leader (the store hands them out, as etcd's
    /// revisions or ZooKeeper's zxids serve as fencing tokens).
    issued_epoch: u64,
    /// With leases: the newest epoch of a write the store accepted; older ones are refused.
    seen_epoch: u64,
}

/// A load as the owner of a view sees it: overloaded nodes (reporting 100 %) come last, then fewer
/// items first, then the lower id.
type Candidate = Reverse<(bool, u32, u32)>;

impl Work {
    /// `items` items spread round-robin over nodes 1..=`nodes`.
    pub fn new(items: u32, nodes: u32) -> Work {
        let mut count = vec![0; nodes as usize + 1];
        let owner = (0..items)
            .map(|i| {
                let n = NodeId(i % nodes.max(1) + 1);
                count[n.index()] += 1;
                n
            })
            .collect();
        Work {
            owner,
            count,
            issued_epoch: 0,
            seen_epoch: 0,
        }
    }

    /// Hands a new leader the next epoch (a fencing token).
    pub fn issue_epoch(&mut self) -> u64 {
        self.issued_epoch += 1;
        self.issued_epoch
    }

    /// A write with `epoch` arrives: accepted (and remembered) unless a newer epoch has written
    /// already, in which case the newest epoch seen comes back as the reason.
    pub fn accept_epoch(&mut self, epoch: u64) -> Result<(), u64> {
        if epoch < self.seen_epoch {
            return Err(self.seen_epoch);
        }
        self.seen_epoch = epoch;
        Ok(())
    }

    /// The newest epoch of a write the store accepted (0 before any).
    pub fn epoch(&self) -> u64 {
        self.seen_epoch
    }

    /// How many items there are.
    pub fn len(&self) -> usize {
        self.owner.len()
    }

    /// Whether there are no items.
    pub fn is_empty(&self) -> bool {
        self.owner.is_empty()
    }

    /// The owner of item `item`.
    pub fn owner(&self, item: usize) -> NodeId {
        self.owner[item]
    }

    /// Every item's owner, by item number.
    pub fn owners(&self) -> &[NodeId] {
        &self.owner
    }

    /// How many items `node` owns.
    pub fn count(&self, node: NodeId) -> u32 {
        self.count.get(node.index()).copied().unwrap_or(0)
    }

    /// Moves every item of `dead` to the nodes `view` believes alive, one at a time to the least
    /// loaded. Returns (node, items) per receiver, by node id; empty if `dead` owned nothing or no
    /// node is believed alive (then the items stay where they are).
    pub fn move_from(&mut self, dead: NodeId, view: &Observer) -> Vec<(NodeId, u32)> {
        if self.count(dead) == 0 {
            return Vec::new();
        }
        let mut heap: BinaryHeap<Candidate> = (1..self.count.len() as u32)
            .map(NodeId)
            .filter(|&n| n != dead && view.decision(n) == Belief::Alive)
            .map(|n| {
                Reverse((
                    view.last_load(n) >= 100 && view.watches(n),
                    self.count(n),
                    n.0,
                ))
            })
            .collect();
        if heap.is_empty() {
            return Vec::new();
        }
        let mut moved: Vec<(NodeId, u32)> = Vec::new();
        for item in 0..self.owner.len() {
            if self.owner[item] != dead {
                continue;
            }
            let Some(Reverse((overloaded, load, id))) = heap.pop() else {
                break;
            };
            let to = NodeId(id);
            self.owner[item] = to;
            self.count[dead.index()] -= 1;
            self.count[to.index()] += 1;
            match moved.iter_mut().find(|(n, _)| *n == to) {
                Some((_, c)) => *c += 1,
                None => moved.push((to, 1)),
            }
            heap.push(Reverse((overloaded, load + 1, id)));
        }
        crate::sim::sort::by_key(&mut moved, |&(n, c)| {
            crate::sim::sort::pair(u64::from(n.0), u64::from(c))
        });
        moved
    }

    /// Checks the bookkeeping: the per-node counts add up to the owners. For tests.
    pub fn consistent(&self) -> bool {
        let mut count = vec![0u32; self.count.len()];
        for o in &self.owner {
            match count.get_mut(o.index()) {
                Some(c) if o.0 != 0 => *c += 1,
                _ => return false,
            }
        }
        count == self.count
    }
}

/// The leader a view picks: the lowest-numbered node it does not believe dead, provided that, with
/// a quorum, it sees more than half of the `nodes` as not dead.
pub fn leader_of(view: &Observer, nodes: u32, quorum: bool) -> Option<NodeId> {
    if quorum && view.not_dead_count() * 2 <= nodes {
        return None;
    }
    view.lowest_not_dead()
}
