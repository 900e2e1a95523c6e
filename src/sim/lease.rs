//! Leader leases under a majority quorum, as real systems hand out leadership (Raft's leader lease
//! with CheckQuorum, etcd and Kubernetes leases) instead of "I see a majority, so I lead".
//!
//! Every node *promises* one candidate, for one lease time, not to follow anyone else; it renews
//! the promise each time it hears fresh news of that candidate, and may promise another only once
//! its promise has lapsed. A node leads while promises from a majority (its own included) that it
//! knows of are still running; it counts them before it acts and steps down when they lapse, so two
//! nodes never lead at once. What the leader knows of a promise is never more than the promise
//! itself, so its lease ends no later than the majority's promises. Promises travel with heartbeats
//! (each node's own) and with gossip (every promise the sender knows).
//!
//! The lease time is the detector's timeout: a follower stops renewing when news stops, and by the
//! time it declares the leader dead its promise has run out, so a new leader can follow at once.
//! Clocks are perfect in this model; real leases leave a margin for clock drift.
//!
//! A promise is packed into one word, its end in ms above the candidate's id, so that a node's later
//! promise is always the larger word and tables of promises merge by taking the maximum.

use super::detector::Belief;
use super::id::NodeId;
use super::time::SimTime;

/// Bits of a packed promise that hold the candidate's id.
const LEADER_BITS: u32 = 16;

/// `node` promises to follow `leader` until `until`.
pub fn pack(leader: NodeId, until: SimTime) -> u64 {
    (until.ms() << LEADER_BITS) | u64::from(leader.0)
}

/// The candidate a packed promise is for (node 0: no promise yet).
pub fn leader_of(promise: u64) -> NodeId {
    NodeId((promise & ((1 << LEADER_BITS) - 1)) as u32)
}

/// When a packed promise ends.
pub fn until_of(promise: u64) -> SimTime {
    SimTime(promise >> LEADER_BITS)
}

/// Every node's promises as far as each node knows them, and who believes it leads.
#[derive(Debug, Clone)]
pub struct Leases {
    nodes: u32,
    lease_ms: u64,
    /// How long a candidate asks before it says it has no majority: two heartbeat rounds and
    /// their delays, by which time every promise that can reach it has.
    patience_ms: u64,
    /// `known[o][v]`: the latest promise of node `v` that node `o` knows of; `known[o][o]` is `o`'s own.
    known: Vec<Vec<u64>>,
    /// The epoch each node leads with, while it believes it leads.
    office: Vec<Option<u64>>,
    /// The candidate each node would promise next, chosen at its last round.
    preferred: Vec<NodeId>,
    /// The key of its candidate's freshest heartbeat each node had seen at its last renewal.
    seen_key: Vec<u64>,
    /// Since when each node has been asking for its own leadership, if it is.
    asking_since: Vec<Option<SimTime>>,
    /// Whether a node asking for leadership has said it lacks a majority (once per try).
    said_no_quorum: Vec<bool>,
}

/// What counting its promises decided for a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// It has just gained a majority and leads from now on, with the epoch the caller hands it.
    Gained {
        /// Running promises it counts.
        promises: u32,
    },
    /// It led, but its promises lapsed at `lapsed_at`: it steps down.
    Lost {
        /// The epoch it led with.
        epoch: u64,
        /// When the majority of its promises ran out.
        lapsed_at: SimTime,
    },
    /// It still leads; its lease lapses at this time unless renewed.
    Holds {
        /// When the majority of its promises runs out.
        until: SimTime,
    },
    /// It has asked for leadership for two heartbeat rounds without a majority (said once per try).
    NoQuorum {
        /// Running promises it counts.
        promises: u32,
    },
    /// Nothing to say.
    Follows,
}

impl Leases {
    /// No promises yet among `nodes` nodes; promises last `lease_ms`; a candidate says it has no
    /// majority after asking for `patience_ms`.
    pub fn new(nodes: u32, lease_ms: u64, patience_ms: u64) -> Leases {
        let len = nodes as usize + 1;
        Leases {
            nodes,
            lease_ms,
            patience_ms,
            known: vec![vec![0; len]; len],
            office: vec![None; len],
            preferred: vec![NodeId(0); len],
            seen_key: vec![0; len],
            asking_since: vec![None; len],
            said_no_quorum: vec![false; len],
        }
    }

    /// Takes a new lease time and patience (the settings changed); promises already made keep
    /// their end.
    pub fn set_timing(&mut self, lease_ms: u64, patience_ms: u64) {
        self.lease_ms = lease_ms;
        self.patience_ms = patience_ms;
    }

    /// Node `o`'s own promise, packed (0 before its first).
    pub fn promise(&self, o: NodeId) -> u64 {
        self.known[o.index()][o.index()]
    }

    /// Every promise node `o` knows of, by node id: what its gossip carries.
    pub fn known(&self, o: NodeId) -> &[u64] {
        &self.known[o.index()]
    }

    /// The epoch `o` leads with, if it believes it leads.
    pub fn office(&self, o: NodeId) -> Option<u64> {
        self.office[o.index()]
    }

    /// Node `o` learns `v`'s promise (from `v`'s own heartbeat).
    pub fn learn_one(&mut self, o: NodeId, v: NodeId, promise: u64) {
        if o == v {
            return;
        }
        if let Some(slot) = self.known[o.index()].get_mut(v.index()) {
            *slot = (*slot).max(promise);
        }
    }

    /// Node `o` learns every promise a gossiping peer knows of.
    pub fn learn_all(&mut self, o: NodeId, promises: &[u64]) {
        let own = self.known[o.index()][o.index()];
        for (mine, &theirs) in self.known[o.index()].iter_mut().zip(promises) {
            *mine = (*mine).max(theirs);
        }
        self.known[o.index()][o.index()] = own;
    }

    /// Node `o` promises `leader` for one lease time from `now` (never ending earlier than a
    /// promise it already made to the same node).
    fn promise_to(&mut self, o: NodeId, leader: NodeId, now: SimTime) {
        let old = self.promise(o);
        let mut until = now.plus(self.lease_ms);
        if leader_of(old) == leader {
            until = until.max(until_of(old));
        }
        self.known[o.index()][o.index()] = pack(leader, until);
    }

    /// How many running promises to `o` node `o` knows of, and when the majority of them lapses.
    fn count(&self, o: NodeId, now: SimTime) -> (u32, Option<SimTime>) {
        let mut ends: Vec<SimTime> = self.known[o.index()]
            .iter()
            .filter(|&&p| leader_of(p) == o && until_of(p) > now)
            .map(|&p| until_of(p))
            .collect();
        let count = ends.len() as u32;
        let need = self.majority() as usize;
        if ends.len() < need {
            return (count, None);
        }
        // Latest first.
        crate::sim::sort::by_key(&mut ends, |t| u128::from(u64::MAX - t.0));
        (count, Some(ends[need - 1]))
    }

    /// How many promises make a majority.
    pub fn majority(&self) -> u32 {
        self.nodes / 2 + 1
    }

    /// Whether `o` truly holds a lease at `now`: a majority's own promises (not what `o` knows of
    /// them) are to `o` and still running. Ground truth, for the page and the metrics.
    pub fn truly_holds(&self, o: NodeId, now: SimTime) -> bool {
        let running = (1..=self.nodes as usize)
            .filter(|&v| {
                let p = self.known[v][v];
                leader_of(p) == o && until_of(p) > now
            })
            .count() as u32;
        running >= self.majority()
    }

    /// A node that a majority of running promises known to `o` are for, if any (at most one).
    fn known_leader(&self, o: NodeId, now: SimTime) -> Option<NodeId> {
        let mut counts = vec![0u32; self.nodes as usize + 1];
        for &p in &self.known[o.index()] {
            if until_of(p) > now {
                if let Some(c) = counts.get_mut(leader_of(p).index()) {
                    *c += 1;
                }
            }
        }
        counts
            .iter()
            .enumerate()
            .skip(1)
            .find(|&(_, &c)| c >= self.majority())
            .map(|(i, _)| NodeId(i as u32))
    }

    /// Node `o`'s round, at each of its heartbeats: it picks the candidate it would promise (the
    /// leader a majority follows, if it does not believe that node dead; else the candidate it
    /// promised, if it does not believe it dead; else the lowest node it believes alive, neither
    /// suspected nor dead) and promises it, renewing a promise to itself or switching once its old
    /// promise has lapsed. `belief` is what `o` believes of a node; `key_of` gives the freshest
    /// heartbeat key `o` knows of a node.
    pub fn round(
        &mut self,
        o: NodeId,
        now: SimTime,
        belief: impl Fn(NodeId) -> Belief,
        key_of: impl Fn(NodeId) -> u64,
    ) {
        let up = |n: NodeId| n == o || belief(n) != Belief::Dead;
        let alive = |n: NodeId| n == o || belief(n) == Belief::Alive;
        let current = leader_of(self.promise(o));
        let preferred = match self.known_leader(o, now) {
            Some(l) if up(l) => l,
            _ if current.0 != 0 && up(current) => current,
            _ => (1..=self.nodes)
                .map(NodeId)
                .find(|&n| alive(n))
                .unwrap_or(o),
        };
        self.preferred[o.index()] = preferred;
        let lapsed = until_of(self.promise(o)) <= now;
        if preferred == current && current == o {
            self.promise_to(o, o, now);
        } else if preferred != current && lapsed {
            self.promise_to(o, preferred, now);
            self.seen_key[o.index()] = key_of(preferred);
            self.said_no_quorum[o.index()] = false;
            self.asking_since[o.index()] = (preferred == o).then_some(now);
        }
    }

    /// Node `o` has news: if its candidate's freshest heartbeat is newer than at its last renewal
    /// and it still prefers that candidate, it renews its promise from now.
    pub fn news(&mut self, o: NodeId, now: SimTime, key_of: impl Fn(NodeId) -> u64) {
        let current = leader_of(self.promise(o));
        if current.0 == 0 || current == o || self.preferred[o.index()] != current {
            return;
        }
        let key = key_of(current);
        if key > self.seen_key[o.index()] {
            self.seen_key[o.index()] = key;
            self.promise_to(o, current, now);
        }
    }

    /// Node `o` counts the promises it knows of: it gains or loses the lead, or holds it until a
    /// time. `epoch` is called only when it gains the lead, for the epoch it leads with.
    pub fn stand(&mut self, o: NodeId, now: SimTime, epoch: impl FnOnce() -> u64) -> Standing {
        let (promises, lapses_at) = self.count(o, now);
        let i = o.index();
        match (self.office[i], lapses_at) {
            (None, Some(_)) => {
                self.office[i] = Some(epoch());
                self.asking_since[i] = None;
                Standing::Gained { promises }
            }
            (Some(until), Some(at)) => {
                let _ = until;
                Standing::Holds { until: at }
            }
            (Some(e), None) => {
                self.office[i] = None;
                Standing::Lost {
                    epoch: e,
                    lapsed_at: self.lapsed_at(o, now),
                }
            }
            (None, None) => match self.asking_since[i] {
                Some(since) if now.since(since) >= self.patience_ms && !self.said_no_quorum[i] => {
                    self.said_no_quorum[i] = true;
                    Standing::NoQuorum { promises }
                }
                _ => Standing::Follows,
            },
        }
    }

    /// When the majority of the promises to `o` that `o` knows of ran out (at or before `now`).
    fn lapsed_at(&self, o: NodeId, now: SimTime) -> SimTime {
        let mut ends: Vec<SimTime> = self.known[o.index()]
            .iter()
            .filter(|&&p| leader_of(p) == o)
            .map(|&p| until_of(p))
            .collect();
        // Latest first.
        crate::sim::sort::by_key(&mut ends, |t| u128::from(u64::MAX - t.0));
        ends.get(self.majority() as usize - 1)
            .copied()
            .unwrap_or(now)
            .min(now)
    }

    /// Node `o` crashed: it forgets that it leads and what it knew of others' promises, but keeps
    /// its own promise (a real node writes its vote to disk before it gives it).
    pub fn crashed(&mut self, o: NodeId) {
        let i = o.index();
        let own = self.known[i][i];
        self.known[i].iter_mut().for_each(|p| *p = 0);
        self.known[i][i] = own;
        self.office[i] = None;
        self.asking_since[i] = None;
        self.said_no_quorum[i] = false;
        self.seen_key[i] = 0;
    }

    /// The nodes other than `o` that still believe they lead, with their epochs.
    pub fn others_in_office(&self, o: NodeId) -> Vec<(NodeId, u64)> {
        self.office
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.map(|e| (NodeId(i as u32), e)))
            .filter(|&(n, _)| n != o)
            .collect()
    }
}
