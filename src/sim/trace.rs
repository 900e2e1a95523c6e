//! The trace: every event of a run with its virtual time, in order, and a fingerprint of the whole
//! sequence. Two runs with the same seed and commands have the same fingerprint; the page keeps
//! only the most recent events, but the fingerprint covers all of them.

use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::hash::{Hash, Hasher};

use super::detector::{Belief, Transition};
use super::fault::Overload;
use super::id::NodeId;
use super::message::MessageKind;
use super::network::DropReason;
use super::time::SimTime;

/// A change to a node's faults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FaultEvent {
    /// It crashed.
    Crashed,
    /// It started again in a new incarnation.
    Restarted {
        /// The new incarnation.
        incarnation: u32,
    },
    /// It became this many percent slower.
    Slowed {
        /// The factor in percent.
        percent: u32,
    },
    /// It froze for this long.
    Paused {
        /// Pause length in ms.
        ms: u64,
    },
    /// A pause ended.
    Resumed,
    /// It became overloaded.
    Overloaded(Overload),
    /// Its slowness and overload were cleared.
    Recovered,
}

/// A change to the network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NetworkEvent {
    /// The endpoints were split into this many groups.
    Partitioned {
        /// How many groups.
        groups: u32,
    },
    /// Messages from `from` to `to` are now blocked.
    CutOneWay {
        /// Sender side of the cut.
        from: NodeId,
        /// Receiver side of the cut.
        to: NodeId,
    },
    /// Every partition and cut was removed.
    Healed,
}

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TraceKind {
    /// A message left its sender.
    Sent {
        /// Sender.
        from: NodeId,
        /// Receiver.
        to: NodeId,
        /// What kind of message.
        kind: MessageKind,
        /// Its heartbeat sequence or ping round (0 for gossip).
        seq: u64,
    },
    /// A message arrived.
    Delivered {
        /// Sender.
        from: NodeId,
        /// Receiver.
        to: NodeId,
        /// What kind of message.
        kind: MessageKind,
        /// Its heartbeat sequence or ping round (0 for gossip).
        seq: u64,
    },
    /// A message was lost.
    Dropped {
        /// Sender.
        from: NodeId,
        /// Intended receiver.
        to: NodeId,
        /// What kind of message.
        kind: MessageKind,
        /// Its heartbeat sequence or ping round (0 for gossip).
        seq: u64,
        /// Why.
        reason: DropReason,
    },
    /// A node's faults changed.
    Fault {
        /// Which node.
        node: NodeId,
        /// What changed.
        event: FaultEvent,
    },
    /// The network changed.
    Network(NetworkEvent),
    /// A detector changed its mind.
    Belief(Transition),
    /// `items` work items moved from a node declared dead to another, decided by `by`.
    WorkMoved {
        /// The node declared dead.
        from: NodeId,
        /// The node that took the items.
        to: NodeId,
        /// How many items.
        items: u32,
        /// The observer that decided.
        by: NodeId,
        /// With leases, the epoch the leader wrote with (0 without).
        epoch: u64,
    },
    /// A node became leader (`elected`) or stopped being one, in its own view (or the monitor's).
    Leader {
        /// The node.
        node: NodeId,
        /// Whether it became (true) or stopped being (false) a leader.
        elected: bool,
    },
    /// A replacement was started for a node declared dead; `was_up` says the node was in fact running.
    Replacement {
        /// The node replaced.
        node: NodeId,
        /// Whether it had been running all along (a false positive costs a machine).
        was_up: bool,
    },
    /// The settings changed during the run.
    Reconfigured,
    /// With leases: `node` counted promises from a majority and leads, with a new epoch.
    LeaseTaken {
        /// The new leader.
        node: NodeId,
        /// Its epoch (fencing token).
        epoch: u64,
        /// The promises it counted.
        promises: u32,
    },
    /// With leases: `node` counted its promises and found its lease lapsed (at `lapsed_at`), so it
    /// stepped down before acting.
    LeaseLapsed {
        /// The leader that stepped down.
        node: NodeId,
        /// The epoch it had led with.
        epoch: u64,
        /// When the majority of its promises ran out.
        lapsed_at: SimTime,
    },
    /// With leases: a new leader took over while `node`, frozen, still believes it leads with
    /// `epoch`: a zombie leader.
    Zombie {
        /// The frozen node.
        node: NodeId,
        /// The epoch it still believes in.
        epoch: u64,
    },
    /// With leases: the work store refused `by`'s write moving `from`'s work, because its epoch is
    /// older than `current`, the newest the store has seen (the fencing token at work).
    WriteRefused {
        /// The stale leader.
        by: NodeId,
        /// The node whose work it tried to move.
        from: NodeId,
        /// The epoch it wrote with.
        epoch: u64,
        /// The newest epoch the store had accepted.
        current: u64,
    },
    /// With leases: `node` has asked for leadership for two heartbeat rounds and holds only
    /// `promises`, not a majority, so it does not lead.
    NoQuorum {
        /// The node asking.
        node: NodeId,
        /// The promises it holds.
        promises: u32,
    },
    /// Central pull: `node`'s answer to check `ping` arrived after the check had already failed,
    /// so the monitor ignored it.
    LateAnswer {
        /// The node that answered.
        node: NodeId,
        /// The check it answered.
        ping: u64,
        /// When the monitor sent that check.
        sent_at: SimTime,
    },
    /// SWIM: `node` had no ack from `target` in time and asked `count` others to probe it (the
    /// first four of them in `helpers`).
    SwimAsked {
        /// The prober.
        node: NodeId,
        /// The silent member.
        target: NodeId,
        /// The members asked (the first four).
        helpers: [u32; 4],
        /// How many were asked.
        count: u8,
    },
    /// SWIM: `node` heard it was suspected (or declared dead) and refuted it in a new incarnation.
    SwimRefuted {
        /// The member.
        node: NodeId,
        /// Its new incarnation.
        incarnation: u32,
    },
}

/// One event of the trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TraceEvent {
    /// Its position in the run, from 0.
    pub index: u64,
    /// When it happened.
    pub at: SimTime,
    /// What happened.
    pub kind: TraceKind,
}

/// A fast, portable 64-bit hasher for fingerprints. Integers are fed as fixed-width little-endian
/// words (`usize` as 64 bits), so natively and in wasm the same events give the same value.
#[derive(Debug, Clone)]
pub struct FingerprintHasher(u64);

impl FingerprintHasher {
    const SEED: u64 = 0x9E37_79B9_7F4A_7C15;
    /// A hasher in its initial state.
    pub fn new() -> Self {
        FingerprintHasher(Self::SEED)
    }

    fn mix(&mut self, word: u64) {
        // One round of a multiply–rotate mixer (as in FxHash), then a final avalanche in `finish`.
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517C_C1B7_2722_0A95);
    }
}

impl Default for FingerprintHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl Hasher for FingerprintHasher {
    fn finish(&self) -> u64 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        x ^= x >> 33;
        x
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.mix(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.mix(i as u64);
    }
    fn write_u16(&mut self, i: u16) {
        self.mix(i as u64);
    }
    fn write_u32(&mut self, i: u32) {
        self.mix(i as u64);
    }
    fn write_u64(&mut self, i: u64) {
        self.mix(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.mix(i as u64);
    }
    fn write_isize(&mut self, i: isize) {
        self.mix(i as i64 as u64);
    }
}

/// The run's trace: a running fingerprint of every event and the most recent events themselves.
#[derive(Debug, Clone)]
pub struct Trace {
    hasher: FingerprintHasher,
    count: u64,
    recent: VecDeque<TraceEvent>,
    capacity: usize,
}

impl Trace {
    /// A trace that keeps the last `capacity` events (and fingerprints all of them).
    pub fn new(capacity: usize) -> Trace {
        Trace {
            hasher: FingerprintHasher::new(),
            count: 0,
            recent: VecDeque::new(),
            capacity,
        }
    }

    /// Appends an event.
    pub fn record(&mut self, at: SimTime, kind: TraceKind) {
        let event = TraceEvent {
            index: self.count,
            at,
            kind,
        };
        event.hash(&mut self.hasher);
        self.count += 1;
        if self.capacity == 0 {
            return;
        }
        if self.recent.len() == self.capacity {
            self.recent.pop_front();
        }
        self.recent.push_back(event);
    }

    /// How many events have happened.
    pub fn len(&self) -> u64 {
        self.count
    }

    /// Whether nothing has happened yet.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// A fingerprint of every event so far.
    pub fn fingerprint(&self) -> u64 {
        self.hasher.finish()
    }

    /// The most recent events, oldest first.
    pub fn recent(&self) -> impl DoubleEndedIterator<Item = &TraceEvent> + ExactSizeIterator {
        self.recent.iter()
    }

    /// How many recent events are kept.
    pub fn capacity(&self) -> usize {
        self.capacity
    }

    /// Keeps the last `capacity` events from now on.
    pub fn set_capacity(&mut self, capacity: usize) {
        self.capacity = capacity;
        while self.recent.len() > capacity {
            self.recent.pop_front();
        }
    }
}

impl TraceEvent {
    /// The event in words, such as "monitor now believes node 3 is dead (silent for 5.0 s)".
    pub fn describe(&self) -> String {
        use super::time::format_duration;
        match self.kind {
            TraceKind::Sent {
                from,
                to,
                kind,
                seq,
            } => format!("{from} sent {} #{seq} to {to}", kind.label()),
            TraceKind::Delivered {
                from,
                to,
                kind,
                seq,
            } => {
                format!("{to} received {} #{seq} from {from}", kind.label())
            }
            TraceKind::Dropped {
                from,
                to,
                kind,
                seq,
                reason,
            } => {
                format!(
                    "{} #{seq} from {from} to {to} dropped ({})",
                    kind.label(),
                    reason.label()
                )
            }
            TraceKind::Fault { node, event } => fault_text(node, event),
            TraceKind::Network(n) => match n {
                NetworkEvent::Partitioned { groups } => {
                    format!("network partitioned into {groups} groups")
                }
                NetworkEvent::CutOneWay { from, to } => {
                    format!("messages from {from} to {to} are now blocked")
                }
                NetworkEvent::Healed => "network healed: every message flows again".into(),
            },
            TraceKind::Belief(t) => belief_text(&t),
            TraceKind::WorkMoved {
                from,
                to,
                items,
                by,
                epoch,
            } => {
                let s = if items == 1 { "" } else { "s" };
                let epoch = if epoch > 0 {
                    format!(", epoch {epoch}")
                } else {
                    String::new()
                };
                format!("{items} work item{s} moved from {from} to {to} (decided by {by}{epoch})")
            }
            TraceKind::LeaseTaken {
                node,
                epoch,
                promises,
            } => format!(
                "{node} leads with epoch {epoch}: {promises} nodes, a majority, promised to follow it"
            ),
            TraceKind::LeaseLapsed {
                node,
                epoch,
                lapsed_at,
            } if self.at.since(lapsed_at) > 0 => format!(
                "{node} stepped down (epoch {epoch}): its lease had lapsed at {lapsed_at} while it \
                 was frozen, and it counted its promises before acting"
            ),
            TraceKind::LeaseLapsed { node, epoch, .. } => {
                format!("{node} stepped down (epoch {epoch}): a majority's promises to it ran out")
            }
            TraceKind::Zombie { node, epoch } => format!(
                "{node} is frozen and still believes it leads with epoch {epoch}, but its lease has \
                 lapsed: a zombie leader"
            ),
            TraceKind::WriteRefused {
                by,
                from,
                epoch,
                current,
            } => format!(
                "the work store refused {by}'s move of {from}'s work: its epoch {epoch} is older \
                 than epoch {current} (a fencing token)"
            ),
            TraceKind::NoQuorum { node, promises } => format!(
                "{node} asks to lead but only {promises} promised it, not a majority: it does not lead"
            ),
            TraceKind::Leader {
                node,
                elected: true,
            } => format!("{node} became a leader"),
            TraceKind::Leader {
                node,
                elected: false,
            } => format!("{node} is no longer a leader"),
            TraceKind::Replacement {
                node,
                was_up: false,
            } => format!("a replacement for {node} started"),
            TraceKind::Replacement { node, was_up: true } => {
                format!("a replacement for {node} started, but {node} was alive all along (wasted)")
            }
            TraceKind::Reconfigured => "settings changed".into(),
            TraceKind::SwimAsked {
                node,
                target,
                helpers,
                count,
            } => {
                let shown = usize::from(count).min(helpers.len());
                let names: Vec<String> = helpers[..shown].iter().map(u32::to_string).collect();
                let list = match names.as_slice() {
                    [one] => format!("node {one}"),
                    [rest @ .., last] => format!("nodes {} and {last}", rest.join(", ")),
                    [] => "nobody".to_string(),
                };
                let more = usize::from(count).saturating_sub(shown);
                let more = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                format!(
                    "{node} had no ack from {target} in time and asked {list}{more} to probe it"
                )
            }
            TraceKind::SwimRefuted { node, incarnation } => {
                format!("{node} refuted the suspicion (incarnation {incarnation})")
            }
            TraceKind::LateAnswer {
                node,
                ping,
                sent_at,
            } => format!(
                "{node}'s answer to check #{ping} came {} after the check was sent, too late: \
                 that check had already failed, so the monitor ignored it",
                format_duration(self.at.since(sent_at))
            ),
        }
    }
}

/// A node's fault in words, such as "node 3 paused for 8 s".
fn fault_text(node: NodeId, event: FaultEvent) -> String {
    use super::time::format_duration;
    match event {
        FaultEvent::Crashed => format!("{node} crashed"),
        FaultEvent::Restarted { incarnation } => {
            format!("{node} restarted (incarnation {incarnation})")
        }
        FaultEvent::Slowed { percent } => {
            format!("{node} slowed down {}×", super::fault::trim_factor(percent))
        }
        FaultEvent::Paused { ms } => format!("{node} paused for {}", format_duration(ms)),
        FaultEvent::Resumed => format!("{node} resumed after its pause"),
        FaultEvent::Overloaded(o) => {
            format!(
                "{node} overloaded (drops {} % of heartbeats, +{} ms)",
                o.drop_pct, o.extra_delay_ms
            )
        }
        FaultEvent::Recovered => format!("{node} recovered (no longer slow or overloaded)"),
    }
}

/// A change of belief in words, with why: "monitor (fixed timeout) now believes node 3 is dead
/// (silent for 5 s)".
fn belief_text(t: &Transition) -> String {
    use super::time::format_duration;
    {
        let why = match t.cause {
            super::detector::Cause::Silence {
                silence_ms,
                phi_milli: Some(p),
            } => {
                format!(
                    "silent for {}, φ = {:.1}",
                    format_duration(silence_ms),
                    p as f64 / 1000.0
                )
            }
            super::detector::Cause::Silence {
                silence_ms,
                phi_milli: None,
            } => {
                format!("silent for {}", format_duration(silence_ms))
            }
            super::detector::Cause::Heard { seq } => format!("heartbeat #{seq} arrived"),
            super::detector::Cause::ViewReset => "its view restarted".into(),
            super::detector::Cause::Swim { by, incarnation } if by == t.observer => match t.to {
                Belief::Suspected => {
                    format!("no ack, not even through others; incarnation {incarnation}")
                }
                Belief::Dead => format!("not refuted in time; incarnation {incarnation}"),
                Belief::Alive => format!("incarnation {incarnation}"),
            },
            super::detector::Cause::Swim { by, incarnation } => match t.to {
                Belief::Alive => format!("it refuted with incarnation {incarnation}"),
                _ => format!("{by} said so, incarnation {incarnation}"),
            },
            super::detector::Cause::Unanswered { ping, waited_ms } => format!(
                "check #{ping} unanswered after {}",
                format_duration(waited_ms)
            ),
            super::detector::Cause::ChecksFailed { ping, failed: 1 } => {
                format!("check #{ping} failed: no answer within the timeout")
            }
            super::detector::Cause::ChecksFailed { ping, failed } => {
                format!("check #{ping} failed, {failed} failed checks in a row")
            }
        };
        format!(
            "{} ({}) now believes {} is {} ({why})",
            t.observer,
            t.detector.label(),
            t.node,
            t.to.label()
        ) + if t.again && t.to == Belief::Dead {
            " (again, before hearing from it twice in a row: the same episode)"
        } else {
            ""
        }
    }
}
