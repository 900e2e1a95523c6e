//! The world: one virtual clock, one event queue, one seeded random number generator, and the
//! nodes, network, views, work and metrics they act on. Everything happens through
//! [`World::apply`] and [`World::advance`] / [`World::run_until`] / [`World::step`], so the page and
//! the tests drive the same code, and the same seed and commands always give the same trace.

use std::collections::BinaryHeap;

use super::command::{Command, CommandError};
use super::config::{Config, ConfigError, DetectorKind, Topology};
use super::detector::Transition;
use super::fault::Truth;
use super::lease::Leases;
use super::message::MessageKind;
use super::metrics::Metrics;
use super::network::Network;
use super::node::{MONITOR, Node, NodeId, Output};
use super::observer::Observer;
use super::recovery::Work;
use super::rng::SimRng;
use super::time::SimTime;
use super::trace::Trace;
use observers::Observers;
use queue::{Event, Scheduled};

mod commands;
mod detection;
mod events;
mod leadership;
mod observers;
mod queue;
mod swim;

/// How many recent trace events a new world keeps (the fingerprint covers all of them).
pub const DEFAULT_TRACE_CAPACITY: usize = 5_000;

/// A message on its way, for drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InFlight {
    /// Sender.
    pub from: NodeId,
    /// Receiver.
    pub to: NodeId,
    /// What it is.
    pub kind: MessageKind,
    /// When it left.
    pub sent_at: SimTime,
    /// When it arrives.
    pub arrives_at: SimTime,
    /// SWIM: whether membership news rides on it.
    pub news: bool,
}

/// What one [`World::step`] processed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stepped {
    /// The virtual time of the event.
    pub at: SimTime,
    /// How many trace events it produced.
    pub traced: u64,
}

/// The simulated cluster and everything that happens to it.
#[derive(Debug, Clone)]
pub struct World {
    config: Config,
    now: SimTime,
    rng: SimRng,
    queue: BinaryHeap<Scheduled>,
    next_seq: u64,
    /// Index = node id; slot 0 stands for the monitor and never runs.
    nodes: Vec<Node>,
    /// The monitor's view, or every node's own.
    observers: Observers,
    network: Network,
    work: Work,
    metrics: Metrics,
    trace: Trace,
    /// Whether each node (by id) is a leader in its own view (decentralized) or the monitor's.
    leader: Vec<bool>,
    replacement_pending: Vec<bool>,
    in_flight: u64,
    events: u64,
    requests: u64,
    /// Central pull: the number of the last check sent.
    last_ping: u64,
    commands: Vec<(SimTime, Command)>,
    out: Vec<Output>,
    transitions: Vec<Transition>,
    peers: Vec<u32>,
    /// Leader leases, with a majority quorum and no monitor.
    leases: Option<Leases>,
    /// The pending lease check of each node, by id.
    lease_check: Vec<Option<SimTime>>,
    /// SWIM: each member's protocol state, by node id (slot 0 unused; empty without SWIM).
    swim: Vec<Option<crate::sim::swim::member::Member>>,
    /// SWIM: the moment each member's next wake is scheduled for, and its token (an older wake
    /// event, superseded by a sooner one, does nothing), by node id.
    swim_wake_at: Vec<Option<(SimTime, u64)>>,
    /// SWIM: the last wake token handed out.
    swim_tokens: u64,
}

impl World {
    /// A new run at time 0, or the first problem with the settings.
    pub fn new(config: Config) -> Result<World, ConfigError> {
        config.validate()?;
        let n = config.nodes;
        let mut rng = SimRng::new(config.seed);
        let mut world = World {
            nodes: (0..=n).map(|i| Node::new(NodeId(i))).collect(),
            observers: Observers::new(&config),
            network: Network::new(n, config.network),
            work: Work::new(config.work_items, n),
            metrics: Metrics::default(),
            trace: Trace::new(DEFAULT_TRACE_CAPACITY),
            leader: vec![false; n as usize + 1],
            replacement_pending: vec![false; n as usize + 1],
            queue: BinaryHeap::new(),
            next_seq: 0,
            now: SimTime::ZERO,
            in_flight: 0,
            events: 0,
            requests: 0,
            last_ping: 0,
            commands: Vec::new(),
            out: Vec::new(),
            transitions: Vec::new(),
            peers: Vec::new(),
            leases: None,
            lease_check: vec![None; n as usize + 1],
            swim: Vec::new(),
            swim_wake_at: vec![None; n as usize + 1],
            swim_tokens: 0,
            rng: SimRng::new(0),
            config,
        };
        world.refresh_leases();
        // Nodes start at random moments within the first interval, so they do not beat in lockstep;
        // with central pull, the monitor's first check of each node is spread the same way.
        let pull = world.config.topology == Topology::CentralPull;
        // SWIM members start their own probing (below), with no heartbeat timers.
        let swim = matches!(world.config.topology, Topology::Swim(_));
        for i in (1..=n).filter(|_| !swim) {
            let first = SimTime(rng.between(1, world.config.interval_ms));
            let event = if pull {
                Event::Probe { node: i }
            } else {
                Event::Heartbeat {
                    node: i,
                    generation: 0,
                }
            };
            world.schedule(first, event);
        }
        world.rng = rng;
        for i in (1..=n).filter(|_| swim) {
            world.start_swim_member(NodeId(i), 0, 0);
        }
        for observer in world.observer_ids() {
            world.refresh_check(observer);
        }
        world.schedule_next_request();
        world.update_leaders();
        // Keep the rule that every event at or before `now` has happened, from the very start.
        world.run_until(SimTime::ZERO);
        Ok(world)
    }

    // ----- Reading the world -----

    /// The settings in force.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The current virtual time.
    pub fn now(&self) -> SimTime {
        self.now
    }

    /// The time of the next scheduled event, if any.
    pub fn next_event_at(&self) -> Option<SimTime> {
        self.queue.peek().map(|s| s.at)
    }

    /// How many events have been processed.
    pub fn events_processed(&self) -> u64 {
        self.events
    }

    /// Everything measured so far.
    pub fn metrics(&self) -> &Metrics {
        &self.metrics
    }

    /// The trace: recent events and the fingerprint of all of them.
    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    /// Keeps the last `capacity` trace events (0 keeps none; the fingerprint still covers all).
    pub fn set_trace_capacity(&mut self, capacity: usize) {
        self.trace.set_capacity(capacity);
    }

    /// The network: partition groups and cuts.
    pub fn network(&self) -> &Network {
        &self.network
    }

    /// Who owns which work item.
    pub fn work(&self) -> &Work {
        &self.work
    }

    /// The commands applied so far, with their times.
    pub fn commands(&self) -> &[(SimTime, Command)] {
        &self.commands
    }

    /// Messages sent and not yet delivered or dropped.
    pub fn in_flight_count(&self) -> u64 {
        self.in_flight
    }

    /// The messages on their way right now (unordered).
    pub fn in_flight(&self) -> impl Iterator<Item = InFlight> + '_ {
        self.queue.iter().filter_map(|s| match &s.event {
            Event::Deliver(m) => Some(InFlight {
                from: m.from,
                to: m.to,
                kind: m.body.kind(),
                sent_at: m.sent_at,
                arrives_at: s.at,
                news: m.body.carries_news(),
            }),
            _ => None,
        })
    }

    /// A node's own state (incarnation, sequence, faults), for ids 1..=N.
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        (id.0 >= 1).then(|| self.nodes.get(id.index())).flatten()
    }

    /// The ground truth about a node, which no observer can see.
    pub fn truth(&self, id: NodeId) -> Truth {
        let Some(node) = self.node(id) else {
            return Truth {
                crashed: false,
                slow_percent: None,
                paused: false,
                overloaded: false,
                cut_off: false,
            };
        };
        let f = node.faults;
        let cut_off = self.network.group_of(id) != self.network.group_of(MONITOR)
            || self.network.blocked(id, MONITOR).is_some()
            || !self.network.client_reaches(id);
        Truth {
            crashed: f.crashed,
            slow_percent: f.slow_percent,
            paused: f.paused_at(self.now),
            overloaded: f.overload.is_some(),
            cut_off,
        }
    }

    /// The view of an observer: the monitor's (node 0) in central topologies, a node's own otherwise.
    pub fn observer(&self, observer: NodeId) -> Option<&Observer> {
        self.observers.get(observer)
    }

    /// Every observer: the monitor, or every node.
    pub fn observer_ids(&self) -> Vec<NodeId> {
        self.observers.ids()
    }

    /// The observer the page shows by default: the monitor, or node 1.
    pub fn default_observer(&self) -> NodeId {
        if self.observers.is_central() {
            MONITOR
        } else {
            NodeId(1)
        }
    }

    /// Whether `node` is a leader (in the monitor's view, or in its own).
    pub fn is_leader(&self, node: NodeId) -> bool {
        self.leader.get(node.index()).copied().unwrap_or(false)
    }

    /// The nodes that are leaders right now, by id.
    pub fn leaders(&self) -> Vec<NodeId> {
        (1..=self.config.nodes)
            .map(NodeId)
            .filter(|&n| self.is_leader(n))
            .collect()
    }

    // ----- Driving the world -----

    /// Processes the next event, if any, moving the clock to its time.
    pub fn step(&mut self) -> Option<Stepped> {
        let before = self.trace.len();
        let s = self.queue.pop()?;
        self.now = s.at;
        self.events += 1;
        self.handle(s.event);
        Some(Stepped {
            at: self.now,
            traced: self.trace.len() - before,
        })
    }

    /// Processes every event up to and including time `t`, then sets the clock to `t`. Afterwards
    /// every event at or before the clock has happened, so a command applied next comes after them.
    pub fn run_until(&mut self, t: SimTime) {
        while let Some(next) = self.queue.peek() {
            if next.at > t {
                break;
            }
            self.step();
        }
        if t > self.now {
            self.now = t;
        }
    }

    /// Like [`World::run_until`], but processes at most `max_events` events: returns `true` when
    /// it reached `t` (the clock is then `t`), `false` when it stopped early (the clock is then at
    /// the last event processed, and events at that very time may still be waiting). Calling it
    /// again until it returns `true` gives exactly the run of one [`World::run_until`].
    pub fn run_until_at_most(&mut self, t: SimTime, max_events: usize) -> bool {
        for _ in 0..max_events {
            match self.queue.peek() {
                Some(next) if next.at <= t => {
                    self.step();
                }
                _ => {
                    if t > self.now {
                        self.now = t;
                    }
                    return true;
                }
            }
        }
        let reached = self.queue.peek().is_none_or(|next| next.at > t);
        if reached && t > self.now {
            self.now = t;
        }
        reached
    }

    /// Advances the clock by `dt_ms` milliseconds.
    pub fn advance(&mut self, dt_ms: u64) {
        self.run_until(self.now.plus(dt_ms));
    }

    /// Applies a command at the current time. On error nothing changes.
    pub fn apply(&mut self, command: Command) -> Result<(), CommandError> {
        self.apply_inner(&command)?;
        self.commands.push((self.now, command));
        Ok(())
    }

    /// Checks the world's bookkeeping; for tests and property checks. Returns what is wrong.
    pub fn audit(&self) -> Result<(), String> {
        let m = &self.metrics;
        if m.messages_sent != m.delivered + m.dropped_total() + self.in_flight {
            return Err(format!(
                "sent {} ≠ delivered {} + dropped {} + in flight {}",
                m.messages_sent,
                m.delivered,
                m.dropped_total(),
                self.in_flight
            ));
        }
        let queued = self
            .queue
            .iter()
            .filter(|s| matches!(s.event, Event::Deliver(_)))
            .count() as u64;
        if queued != self.in_flight {
            return Err(format!(
                "{queued} deliveries queued but {} counted in flight",
                self.in_flight
            ));
        }
        if self.work.len() != self.config.work_items as usize || !self.work.consistent() {
            return Err("work items lost, duplicated or miscounted".into());
        }
        if self.queue.iter().any(|s| s.at < self.now) {
            return Err("an event is scheduled in the past".into());
        }
        Ok(())
    }

    /// Heartbeat news that reached an observer so far (direct or through gossip).
    pub fn arrivals(&self) -> u64 {
        self.observers.iter().map(Observer::arrivals).sum()
    }

    /// The detector kinds that run, the deciding one first.
    pub fn detectors(&self) -> &'static [DetectorKind] {
        self.config.detection.kinds()
    }
}
