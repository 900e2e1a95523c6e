//! The event queue: what is scheduled, in which order it runs, and what a frozen node puts off
//! until it resumes.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::*;
use crate::sim::message::Message;
use crate::sim::node::NodeId;
use crate::sim::time::SimTime;

/// Something scheduled to happen at a virtual time.
#[derive(Debug, Clone)]
pub(super) enum Event {
    /// A node's heartbeat timer (ignored if the node crashed or restarted since: `generation`).
    Heartbeat { node: u32, generation: u32 },
    /// Central pull: the monitor sends its next check to `node`.
    Probe { node: u32 },
    /// Central pull: check `ping` of `node` reaches its timeout (nothing if it was answered).
    ProbeTimeout { node: u32, ping: u64 },
    /// A message arrives.
    Deliver(Message),
    /// An observer's view re-evaluates its detectors.
    Check { observer: u32 },
    /// A paused node resumes.
    Resume { node: u32, generation: u32 },
    /// A client request arrives.
    Request,
    /// A replacement for a node declared dead is ready.
    Replace { node: u32, generation: u32 },
    /// With leases: a leader's lease may lapse now; it counts its promises again.
    LeaseCheck { node: u32 },
    /// With leases: leader `by`'s write moving `dead`'s work reaches the work store.
    StoreWrite { by: u32, dead: u32, epoch: u64 },
    /// SWIM: a member's own next moment (a probe, a timeout, a suspicion running out); ignored if
    /// the node crashed or restarted since (`generation`) or the member's moment moved.
    SwimWake {
        node: u32,
        generation: u32,
        token: u64,
    },
}

/// An event in the queue. Events run in order of time; within one millisecond, detector checks
/// run after everything else (so they see every arrival of that millisecond) and in observer order,
/// and the rest in the order they were scheduled. That order does not depend on how many checks
/// were scheduled before, so adding an observing detector cannot reorder the others.
#[derive(Debug, Clone)]
pub(super) struct Scheduled {
    pub(super) at: SimTime,
    pub(super) rank: u64,
    pub(super) seq: u64,
    /// Put off because its node was frozen; released early if the pause is cleared.
    pub(super) deferred: bool,
    pub(super) event: Event,
}

impl Scheduled {
    fn key(&self) -> (SimTime, u64, u64) {
        (self.at, self.rank, self.seq)
    }
}

impl PartialEq for Scheduled {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}
impl Eq for Scheduled {}
impl PartialOrd for Scheduled {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Scheduled {
    // BinaryHeap is a max-heap: the earliest key must compare greatest.
    fn cmp(&self, other: &Self) -> Ordering {
        other.key().cmp(&self.key())
    }
}

impl World {
    pub(super) fn schedule(&mut self, at: SimTime, event: Event) {
        self.push(at, event, false);
    }

    pub(super) fn push(&mut self, at: SimTime, event: Event, deferred: bool) {
        let rank = match event {
            Event::Check { observer } => (1 << 32) | observer as u64,
            _ => 0,
        };
        self.queue.push(Scheduled {
            at,
            rank,
            seq: self.next_seq,
            deferred,
            event,
        });
        self.next_seq += 1;
    }

    /// A pause was cleared before its end: what the node put off happens in the next millisecond
    /// (every event up to now has already run), in its original order.
    pub(super) fn release_deferred(&mut self, node: NodeId) {
        let now = self.now.plus(1);
        let targets = |e: &Event| match e {
            Event::Heartbeat { node: n, .. }
            | Event::SwimWake { node: n, .. }
            | Event::Check { observer: n }
            | Event::LeaseCheck { node: n } => *n == node.0,
            Event::Deliver(m) => m.to == node,
            _ => false,
        };
        let mut queue = std::mem::take(&mut self.queue).into_vec();
        let mut check_released = false;
        for s in queue.iter_mut().filter(|s| s.deferred && targets(&s.event)) {
            s.at = now;
            s.deferred = false;
            check_released |= matches!(s.event, Event::Check { .. });
        }
        self.queue = BinaryHeap::from(queue);
        if check_released {
            if let Some(v) = self.observers.get_mut(node) {
                v.next_check = Some(now);
            }
        }
    }

    pub(super) fn handle(&mut self, event: Event) {
        match event {
            Event::Heartbeat { node, generation } => self.on_heartbeat(node, generation),
            Event::Probe { node } => self.on_probe(node),
            Event::ProbeTimeout { node, ping } => self.on_probe_timeout(node, ping),
            Event::Deliver(msg) => self.on_deliver(msg),
            Event::Check { observer } => self.on_check(observer),
            Event::Resume { node, generation } => self.on_resume(node, generation),
            Event::Request => self.on_request(),
            Event::Replace { node, generation } => self.on_replace(node, generation),
            Event::LeaseCheck { node } => self.on_lease_check(node),
            Event::StoreWrite { by, dead, epoch } => self.on_store_write(by, dead, epoch),
            Event::SwimWake {
                node,
                generation,
                token,
            } => self.on_swim_wake(node, generation, token),
        }
    }

    /// If `node` is frozen, puts `event` back for when it resumes and says so.
    pub(super) fn deferred(&mut self, node: u32, event: &Event) -> bool {
        match self
            .nodes
            .get(node as usize)
            .and_then(|n| n.faults.paused_until)
        {
            Some(until) if until > self.now => {
                self.push(until, event.clone(), true);
                true
            }
            _ => false,
        }
    }
}
