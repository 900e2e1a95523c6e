//! A simulated node, sans-I/O: it reacts to its heartbeat timer or to a message by returning what to
//! send and when to wake up next. The world delivers, drops and schedules.

use super::command::CommandError;
use super::config::{Config, Topology};
use super::fault::Faults;
pub use super::id::{MONITOR, NodeId};
use super::message::{Body, Heartbeat};
use super::rng::SimRng;
use super::time::SimTime;

/// The last incarnation a heartbeat can carry (2²⁰ − 1): a node restarted that often refuses to
/// restart again, with a reason, rather than reuse an old incarnation and look dead for ever.
/// Each restart is a learner's (or a scenario's) command, so no run comes near it.
pub const MAX_INCARNATION: u32 = (1 << super::message::INCARNATION_BITS) - 1;

/// What a node asks the world to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// Send `body` to `to`, leaving after `delay_ms` (a slow or overloaded node is late).
    Send {
        /// The receiver.
        to: NodeId,
        /// The content.
        body: Body,
        /// Local delay before the message leaves.
        delay_ms: u64,
    },
    /// Gossip this node's heartbeat table (which the world keeps in its view) to `to`.
    Gossip {
        /// The receiver.
        to: NodeId,
        /// Local delay before the message leaves.
        delay_ms: u64,
    },
    /// Wake the heartbeat timer again after `after_ms`.
    Timer {
        /// Delay until the next heartbeat.
        after_ms: u64,
    },
}

/// A node's own state: who it is, its heartbeat counter and its faults.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Its id (1..=N).
    pub id: NodeId,
    /// Starts at 1; each restart adds one and resets the sequence (at most [`MAX_INCARNATION`]).
    pub incarnation: u32,
    /// The last heartbeat sequence number it produced in this incarnation.
    pub seq: u64,
    /// Its faults right now.
    pub faults: Faults,
    /// How busy it reports itself, 0–100 %.
    pub load_pct: u8,
    /// Bumped on every crash and restart, so timers set before are recognised as stale.
    pub generation: u32,
}

impl Node {
    /// A fresh node in its first incarnation.
    pub fn new(id: NodeId) -> Node {
        Node {
            id,
            incarnation: 1,
            seq: 0,
            faults: Faults::default(),
            load_pct: 0,
            generation: 0,
        }
    }

    /// The heartbeat with the current sequence number.
    pub fn heartbeat(&self, now: SimTime) -> Heartbeat {
        Heartbeat {
            from: self.id,
            incarnation: self.incarnation,
            seq: self.seq,
            sent_at: now,
            load_pct: self.load_pct,
            promise: 0,
        }
    }

    /// Delay before anything this node sends leaves: overload adds its extra delay.
    pub(crate) fn send_delay(&self) -> u64 {
        self.faults.overload.map_or(0, |o| o.extra_delay_ms)
    }

    /// Whether an overloaded node drops this heartbeat (draws only when overloaded).
    pub(crate) fn drops_one(&self, rng: &mut SimRng) -> bool {
        self.faults
            .overload
            .is_some_and(|o| rng.chance(o.drop_pct as f64 / 100.0))
    }

    /// The time to the next heartbeat: the interval (stretched when slow) with send jitter.
    pub fn next_interval(&self, config: &Config, rng: &mut SimRng) -> u64 {
        let base = match self.faults.slow_percent {
            Some(p) => config.interval_ms.saturating_mul(p as u64) / 100,
            None => config.interval_ms,
        };
        rng.jittered(base, config.send_jitter_ms).max(1)
    }

    /// The heartbeat timer fired: count a heartbeat, send it as the topology says, and set the timer
    /// again. `peers` is scratch space for choosing random peers.
    pub fn on_heartbeat_timer(
        &mut self,
        now: SimTime,
        config: &Config,
        rng: &mut SimRng,
        peers: &mut Vec<u32>,
        out: &mut Vec<Output>,
    ) {
        self.seq = (self.seq + 1).min(super::message::MAX_SEQ);
        let delay_ms = self.send_delay();
        if !self.drops_one(rng) {
            match config.topology {
                Topology::CentralPush => out.push(Output::Send {
                    to: MONITOR,
                    body: Body::Heartbeat(self.heartbeat(now)),
                    delay_ms,
                }),
                // No heartbeats: the monitor asks (pull), or the members probe (SWIM).
                Topology::CentralPull | Topology::Swim(_) => {}
                Topology::AllToAll => {
                    let hb = self.heartbeat(now);
                    for peer in 1..=config.nodes {
                        if peer != self.id.0 {
                            out.push(Output::Send {
                                to: NodeId(peer),
                                body: Body::Heartbeat(hb),
                                delay_ms,
                            });
                        }
                    }
                }
                Topology::RandomK { k } => {
                    // Choose k distinct peers other than itself: draw from N−1 slots and skip over self.
                    rng.distinct(config.nodes - 1, k, peers);
                    for &slot in peers.iter() {
                        let peer = slot + 1;
                        let to = if peer >= self.id.0 {
                            NodeId(peer + 1)
                        } else {
                            NodeId(peer)
                        };
                        out.push(Output::Gossip { to, delay_ms });
                    }
                }
            }
        }
        if config.topology != Topology::CentralPull {
            out.push(Output::Timer {
                after_ms: self.next_interval(config, rng),
            });
        }
    }

    /// The monitor's check `ping` arrived: answer it with a fresh heartbeat, late if slow or
    /// overloaded, or not at all if an overloaded node drops it.
    pub fn on_ping(
        &mut self,
        ping: u64,
        asked_at: SimTime,
        now: SimTime,
        config: &Config,
        rng: &mut SimRng,
        out: &mut Vec<Output>,
    ) {
        self.seq = (self.seq + 1).min(super::message::MAX_SEQ);
        if self.drops_one(rng) {
            return;
        }
        let slow_extra = match self.faults.slow_percent {
            Some(p) => {
                config
                    .interval_ms
                    .saturating_mul(p.saturating_sub(100) as u64)
                    / 100
            }
            None => 0,
        };
        out.push(Output::Send {
            to: MONITOR,
            body: Body::Answer {
                ping,
                asked_at,
                hb: self.heartbeat(now),
            },
            delay_ms: self.send_delay() + slow_extra,
        });
    }

    /// Crash: the node stops; timers it had set are now stale.
    pub fn crash(&mut self) {
        self.faults = Faults {
            crashed: true,
            ..Faults::default()
        };
        self.generation = self.generation.wrapping_add(1);
    }

    /// Restart after a crash (or a replacement): a new incarnation whose sequence starts again.
    /// Refused, changing nothing, when the node has used every incarnation a heartbeat can carry.
    pub fn restart(&mut self) -> Result<(), CommandError> {
        if self.incarnation >= MAX_INCARNATION {
            return Err(CommandError::Invalid(format!(
                "{} has restarted {} times, the most this simulation can tell apart; reset the run",
                self.id,
                MAX_INCARNATION - 1
            )));
        }
        self.faults = Faults::default();
        self.incarnation += 1;
        self.seq = 0;
        self.generation = self.generation.wrapping_add(1);
        Ok(())
    }
}
