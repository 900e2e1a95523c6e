//! The world: one virtual clock, one event queue, one seeded random number generator, and the
//! nodes, network, views, work and metrics they act on. Everything happens through
//! [`World::apply`] and [`World::advance`] / [`World::run_until`] / [`World::step`], so the page and
//! the tests drive the same code, and the same seed and commands always give the same trace.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::rc::Rc;

use super::command::{Command, CommandError};
use super::config::{Config, ConfigError, DetectorKind, Field, Topology};
use super::detector::{Belief, Cause, Transition};
use super::fault::Truth;
use super::lease::Leases;
use super::message::{Body, Message, MessageKind, pack_key};
use super::metrics::{Detection, Failure, Metrics};
use super::network::{DropReason, Network, Partition};
use super::node::{MAX_INCARNATION, MONITOR, Node, NodeId, Output};
use super::recovery::Work;
use super::rng::SimRng;
use super::time::SimTime;
use super::trace::{FaultEvent, NetworkEvent, Trace, TraceKind};
use super::view::{Answer, View};
use leadership::LeaseNews;

mod leadership;

/// How many recent trace events a new world keeps (the fingerprint covers all of them).
pub const DEFAULT_TRACE_CAPACITY: usize = 5_000;

/// A node's heartbeat table and, with leases, the promises it knows of, as one gossip round sends them.
type GossipSnapshot = (Rc<[u64]>, Option<Rc<[u64]>>);

/// Something scheduled to happen at a virtual time.
#[derive(Debug, Clone)]
enum Event {
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
}

/// An event in the queue. Events run in order of time; within one millisecond, detector checks
/// run after everything else (so they see every arrival of that millisecond) and in observer order,
/// and the rest in the order they were scheduled. That order does not depend on how many checks
/// were scheduled before, so adding an observing detector cannot reorder the others.
#[derive(Debug, Clone)]
struct Scheduled {
    at: SimTime,
    rank: u64,
    seq: u64,
    /// Put off because its node was frozen; released early if the pause is cleared.
    deferred: bool,
    event: Event,
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
    monitor: Option<View>,
    /// Index = node id − 1; empty in central topologies.
    node_views: Vec<View>,
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
}

impl World {
    /// A new run at time 0, or the first problem with the settings.
    pub fn new(config: Config) -> Result<World, ConfigError> {
        config.validate()?;
        let n = config.nodes;
        let mut rng = SimRng::new(config.seed);
        let monitor = config
            .topology
            .is_central()
            .then(|| View::new(MONITOR, &config, SimTime::ZERO));
        let node_views = if config.topology.is_central() {
            Vec::new()
        } else {
            (1..=n)
                .map(|i| View::new(NodeId(i), &config, SimTime::ZERO))
                .collect()
        };
        let mut world = World {
            nodes: (0..=n).map(|i| Node::new(NodeId(i))).collect(),
            monitor,
            node_views,
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
            rng: SimRng::new(0),
            config,
        };
        world.refresh_leases();
        // Nodes start at random moments within the first interval, so they do not beat in lockstep;
        // with central pull, the monitor's first check of each node is spread the same way.
        let pull = world.config.topology == Topology::CentralPull;
        for i in 1..=n {
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
        for observer in world.observers() {
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
    pub fn view(&self, observer: NodeId) -> Option<&View> {
        if observer.is_monitor() {
            self.monitor.as_ref()
        } else {
            self.node_views.get(observer.index().wrapping_sub(1))
        }
    }

    /// Every observer: the monitor, or every node.
    pub fn observers(&self) -> Vec<NodeId> {
        if self.monitor.is_some() {
            vec![MONITOR]
        } else {
            (1..=self.config.nodes).map(NodeId).collect()
        }
    }

    /// The observer the page shows by default: the monitor, or node 1.
    pub fn default_observer(&self) -> NodeId {
        if self.monitor.is_some() {
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

    fn check_node(&self, node: NodeId) -> Result<(), CommandError> {
        if node.is_monitor() {
            return Err(CommandError::Monitor);
        }
        if node.0 > self.config.nodes {
            return Err(CommandError::NoSuchNode(node));
        }
        Ok(())
    }

    fn check_running(&self, node: NodeId) -> Result<(), CommandError> {
        self.check_node(node)?;
        if self.nodes[node.index()].faults.crashed {
            return Err(CommandError::Crashed(node));
        }
        Ok(())
    }

    fn check_endpoint(&self, who: NodeId) -> Result<(), CommandError> {
        if who.0 > self.config.nodes {
            return Err(CommandError::NoSuchNode(who));
        }
        Ok(())
    }

    fn apply_inner(&mut self, command: &Command) -> Result<(), CommandError> {
        match command {
            Command::Crash { node } => {
                self.check_running(*node)?;
                self.crash(*node);
            }
            Command::Restart { node } => {
                self.check_node(*node)?;
                if !self.nodes[node.index()].faults.crashed {
                    return Err(CommandError::NotCrashed(*node));
                }
                self.restart(*node)?;
            }
            Command::Slow { node, percent } => {
                self.check_running(*node)?;
                if !(101..=100_000).contains(percent) {
                    return Err(CommandError::Invalid(format!(
                        "a slow-down factor must be between 1.01× and 1000×, not {}×",
                        super::fault::trim_factor(*percent)
                    )));
                }
                self.nodes[node.index()].faults.slow_percent = Some(*percent);
                self.fault_event(*node, FaultEvent::Slowed { percent: *percent });
            }
            Command::Pause { node, ms } => {
                self.check_running(*node)?;
                if *ms == 0 || *ms > super::config::MAX_DURATION_MS {
                    return Err(CommandError::Invalid(
                        "a pause must last between 1 ms and one day".into(),
                    ));
                }
                let until = self.now.plus(*ms);
                let n = &mut self.nodes[node.index()];
                n.faults.paused_until = Some(n.faults.paused_until.map_or(until, |t| t.max(until)));
                let generation = n.generation;
                self.schedule(
                    until,
                    Event::Resume {
                        node: node.0,
                        generation,
                    },
                );
                self.fault_event(*node, FaultEvent::Paused { ms: *ms });
            }
            Command::Overload { node, overload } => {
                self.check_running(*node)?;
                if overload.drop_pct > 100
                    || overload.extra_delay_ms > super::config::MAX_DURATION_MS
                {
                    return Err(CommandError::Invalid(
                        "an overload drops 0–100 % and delays by at most one day".into(),
                    ));
                }
                self.nodes[node.index()].faults.overload = Some(*overload);
                self.fault_event(*node, FaultEvent::Overloaded(*overload));
            }
            Command::Recover { node } => {
                self.check_running(*node)?;
                self.recover(*node);
            }
            Command::CutOff { node } => {
                self.check_node(*node)?;
                self.partition(&Partition::isolate(*node));
            }
            Command::Partition(p) => {
                for who in p.groups.iter().flatten() {
                    self.check_endpoint(*who)?;
                }
                if p.groups.len() > u16::MAX as usize {
                    return Err(CommandError::Invalid("too many partition groups".into()));
                }
                self.partition(p);
            }
            Command::CutOneWay { from, to } => {
                self.check_endpoint(*from)?;
                self.check_endpoint(*to)?;
                self.network.cut_one_way(*from, *to);
                self.trace.record(
                    self.now,
                    TraceKind::Network(NetworkEvent::CutOneWay {
                        from: *from,
                        to: *to,
                    }),
                );
            }
            Command::Heal => self.heal(),
            Command::ClearAllFaults => {
                if let Some(worn) = self.nodes[1..]
                    .iter()
                    .find(|n| n.faults.crashed && n.incarnation >= MAX_INCARNATION)
                {
                    // Refuse the whole command, as every refused command changes nothing.
                    return Err(worn.clone().restart().unwrap_err());
                }
                for i in 1..=self.config.nodes {
                    let id = NodeId(i);
                    if self.nodes[id.index()].faults.crashed {
                        self.restart(id)?;
                    } else if self.nodes[id.index()].faults != Default::default() {
                        self.recover(id);
                    }
                }
                if self.network.is_split() {
                    self.heal();
                }
            }
            Command::SetLink { from, to, link } => {
                self.check_endpoint(*from)?;
                self.check_endpoint(*to)?;
                link.validate().map_err(CommandError::Config)?;
                self.network.set_link(*from, *to, *link);
            }
            Command::Configure(new) => self.configure(new)?,
        }
        Ok(())
    }

    fn configure(&mut self, new: &Config) -> Result<(), CommandError> {
        new.validate().map_err(CommandError::Config)?;
        let old = &self.config;
        let structural = [
            (old.nodes != new.nodes, Field::Nodes),
            (
                std::mem::discriminant(&old.topology) != std::mem::discriminant(&new.topology),
                Field::Topology,
            ),
            (
                old.detection.choice != new.detection.choice,
                Field::Detector,
            ),
            (old.work_items != new.work_items, Field::WorkItems),
            (
                old.detection.phi.window != new.detection.phi.window,
                Field::PhiWindow,
            ),
            (old.seed != new.seed, Field::Seed),
        ];
        if let Some((_, field)) = structural.iter().find(|(changed, _)| *changed) {
            return Err(CommandError::NeedsReset(*field));
        }
        let requests_changed = old.requests_per_sec != new.requests_per_sec;
        self.config = new.clone();
        self.refresh_leases();
        self.network.default_link = new.network;
        if let Some(v) = &mut self.monitor {
            v.retune(new);
        }
        for v in &mut self.node_views {
            v.retune(new);
        }
        for observer in self.observers() {
            self.refresh_check(observer);
        }
        if requests_changed {
            self.queue = std::mem::take(&mut self.queue)
                .into_iter()
                .filter(|s| !matches!(s.event, Event::Request))
                .collect();
            self.requests = self.now.ms() * self.config.requests_per_sec as u64 / 1000;
            self.schedule_next_request();
        }
        self.trace.record(self.now, TraceKind::Reconfigured);
        self.update_leaders();
        Ok(())
    }

    // ----- Faults -----

    fn fault_event(&mut self, node: NodeId, event: FaultEvent) {
        self.trace
            .record(self.now, TraceKind::Fault { node, event });
    }

    fn crash(&mut self, id: NodeId) {
        self.nodes[id.index()].crash();
        self.replacement_pending[id.index()] = false;
        self.fault_event(id, FaultEvent::Crashed);
        if let Some(leases) = &mut self.leases {
            leases.crashed(id);
        }
        // Whatever observers wrongly believed about it before, what comes next is about a crash.
        for v in self.monitor.iter_mut().chain(&mut self.node_views) {
            v.forget_declarations(id);
        }
        self.metrics.failures.push(Failure {
            node: id,
            crashed_at: self.now,
            ended_at: None,
            detections: Vec::new(),
        });
        // Observers that had already (wrongly) declared it dead are now right, at once: no belief
        // changes, so count their detection here, and start the replacement they would have started.
        let kinds = self.config.detection.kinds();
        let already: Vec<(NodeId, DetectorKind)> = self
            .monitor
            .iter()
            .chain(&self.node_views)
            .filter(|v| v.owner() != id && !self.nodes[v.owner().index()].faults.crashed)
            .flat_map(|v| {
                kinds
                    .iter()
                    .enumerate()
                    .filter(|&(slot, _)| v.belief(slot, id) == Belief::Dead)
                    .map(move |(_, &k)| (v.owner(), k))
            })
            .collect();
        for &(observer, detector) in &already {
            self.record_detection(id, observer, detector, self.now);
        }
        if let Some(delay) = self.config.replace_after_ms {
            if already.iter().any(|&(_, k)| k == kinds[0]) {
                self.replacement_pending[id.index()] = true;
                let generation = self.nodes[id.index()].generation;
                self.schedule(
                    self.now.plus(delay),
                    Event::Replace {
                        node: id.0,
                        generation,
                    },
                );
            }
        }
        self.update_leaders();
    }

    fn restart(&mut self, id: NodeId) -> Result<(), CommandError> {
        let node = &mut self.nodes[id.index()];
        node.restart()?;
        let (incarnation, generation) = (node.incarnation, node.generation);
        self.replacement_pending[id.index()] = false;
        if let Some(f) = self
            .metrics
            .failures
            .iter_mut()
            .rev()
            .find(|f| f.node == id && f.ended_at.is_none())
        {
            f.ended_at = Some(self.now);
        }
        self.fault_event(id, FaultEvent::Restarted { incarnation });
        if let Some(view) = self.node_views.get_mut(id.index() - 1) {
            // The restarted node forgets what it believed: say so for every node it had given up on.
            let mut transitions = std::mem::take(&mut self.transitions);
            transitions.clear();
            let kinds = self.config.detection.kinds();
            for n in (1..=self.config.nodes)
                .map(NodeId)
                .filter(|&n| view.watches(n))
            {
                for (slot, &detector) in kinds.iter().enumerate() {
                    let from = view.belief(slot, n);
                    if from != Belief::Alive {
                        transitions.push(Transition {
                            at: self.now,
                            observer: id,
                            node: n,
                            detector,
                            from,
                            to: Belief::Alive,
                            cause: Cause::ViewReset,
                            again: false,
                        });
                    }
                }
            }
            *view = View::new(id, &self.config, self.now);
            for t in transitions.drain(..) {
                self.trace.record(t.at, TraceKind::Belief(t));
            }
            self.transitions = transitions;
            self.refresh_check(id);
        }
        if self.config.topology != Topology::CentralPull {
            let first = self.rng.between(1, self.config.interval_ms);
            self.schedule(
                self.now.plus(first),
                Event::Heartbeat {
                    node: id.0,
                    generation,
                },
            );
        }
        self.update_leaders();
        Ok(())
    }

    fn recover(&mut self, id: NodeId) {
        let f = &mut self.nodes[id.index()].faults;
        let was_paused = f.paused_at(self.now);
        f.slow_percent = None;
        f.paused_until = None;
        f.overload = None;
        self.fault_event(id, FaultEvent::Recovered);
        if was_paused {
            self.release_deferred(id);
        }
    }

    fn partition(&mut self, p: &Partition) {
        self.network.partition(p);
        let groups = p.groups.len().max(1) as u32;
        self.trace.record(
            self.now,
            TraceKind::Network(NetworkEvent::Partitioned { groups }),
        );
    }

    fn heal(&mut self) {
        self.network.heal();
        self.trace
            .record(self.now, TraceKind::Network(NetworkEvent::Healed));
    }

    // ----- The event loop -----

    fn schedule(&mut self, at: SimTime, event: Event) {
        self.push(at, event, false);
    }

    fn push(&mut self, at: SimTime, event: Event, deferred: bool) {
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
    fn release_deferred(&mut self, node: NodeId) {
        let now = self.now.plus(1);
        let targets = |e: &Event| match e {
            Event::Heartbeat { node: n, .. }
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
            if let Some(v) = self.view_mut(node) {
                v.next_check = Some(now);
            }
        }
    }

    fn handle(&mut self, event: Event) {
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
        }
    }

    /// If `node` is frozen, puts `event` back for when it resumes and says so.
    fn deferred(&mut self, node: u32, event: &Event) -> bool {
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

    fn load_of(&self, id: NodeId) -> u8 {
        let node = &self.nodes[id.index()];
        if node.faults.overload.is_some() {
            return 100;
        }
        let fair = (self.config.work_items as f64 / self.config.nodes as f64).max(1.0);
        (10.0 + 40.0 * self.work.count(id) as f64 / fair).min(95.0) as u8
    }

    fn on_heartbeat(&mut self, node: u32, generation: u32) {
        let id = NodeId(node);
        {
            let n = &self.nodes[id.index()];
            if n.faults.crashed || n.generation != generation {
                return;
            }
        }
        if self.deferred(node, &Event::Heartbeat { node, generation }) {
            return;
        }
        let load = self.load_of(id);
        let mut out = std::mem::take(&mut self.out);
        let mut peers = std::mem::take(&mut self.peers);
        out.clear();
        {
            let n = &mut self.nodes[id.index()];
            n.load_pct = load;
            n.on_heartbeat_timer(self.now, &self.config, &mut self.rng, &mut peers, &mut out);
        }
        let n = &self.nodes[id.index()];
        let key = pack_key(n.incarnation, n.seq, n.load_pct);
        // The gossiped table and promises, copied once per heartbeat and shared by its k messages.
        let mut snapshot: Option<GossipSnapshot> = None;
        if let Some(view) = self.node_views.get_mut(id.index() - 1) {
            view.set_own_key(key, self.now);
        }
        // Count promises and choose a leader before speaking, so what this heartbeat carries is
        // the node's promise as of now.
        self.lease_round(id);
        let promise = self.promise_of(id);
        for o in out.drain(..) {
            match o {
                Output::Send {
                    to,
                    mut body,
                    delay_ms,
                } => {
                    if let Body::Heartbeat(hb) = &mut body {
                        hb.promise = promise;
                    }
                    self.send(id, to, body, delay_ms)
                }
                Output::Gossip { to, delay_ms } => {
                    let (keys, promises) = snapshot.get_or_insert_with(|| {
                        (
                            Rc::from(self.node_views[id.index() - 1].keys()),
                            self.leases.as_ref().map(|l| Rc::from(l.known(id))),
                        )
                    });
                    let body = Body::Gossip {
                        keys: Rc::clone(keys),
                        promises: promises.clone(),
                    };
                    self.send(id, to, body, delay_ms);
                }
                Output::Timer { after_ms } => self.schedule(
                    self.now.plus(after_ms),
                    Event::Heartbeat { node, generation },
                ),
            }
        }
        self.out = out;
        self.peers = peers;
    }

    /// Central pull, as Elasticsearch's follower checks: one check at a time per node, each with its
    /// own number and a deadline one timeout away; the next check goes out one interval after the
    /// last one was answered or failed.
    fn on_probe(&mut self, node: u32) {
        self.last_ping += 1;
        let ping = self.last_ping;
        let now = self.now;
        self.send(MONITOR, NodeId(node), Body::Ping { id: ping }, 0);
        let sooner = self
            .monitor
            .as_mut()
            .and_then(|v| v.probe_sent(NodeId(node), ping, now));
        if let Some(at) = sooner {
            self.schedule_check(MONITOR, at);
        }
        let timeout = self.config.detection.fixed.timeout_ms;
        self.schedule(now.plus(timeout), Event::ProbeTimeout { node, ping });
    }

    fn on_probe_timeout(&mut self, node: u32, ping: u64) {
        let mut transitions = std::mem::take(&mut self.transitions);
        transitions.clear();
        let now = self.now;
        let failed = self
            .monitor
            .as_mut()
            .is_some_and(|v| v.probe_timed_out(NodeId(node), ping, now, &mut transitions));
        if failed {
            self.schedule(now.plus(self.config.interval_ms), Event::Probe { node });
        }
        self.after_transitions(&mut transitions);
        self.transitions = transitions;
    }

    fn send(&mut self, from: NodeId, to: NodeId, body: Body, delay_ms: u64) {
        let kind = body.kind();
        let seq = body.seq();
        self.metrics.sent(self.now, body.wire_bytes());
        self.trace.record(
            self.now,
            TraceKind::Sent {
                from,
                to,
                kind,
                seq,
            },
        );
        match self.network.transmit(from, to, &mut self.rng) {
            Err(reason) => self.dropped(from, to, kind, seq, reason),
            Ok(latency) => {
                self.in_flight += 1;
                let msg = Message {
                    from,
                    to,
                    sent_at: self.now,
                    body,
                };
                self.schedule(self.now.plus(delay_ms + latency), Event::Deliver(msg));
            }
        }
    }

    fn dropped(
        &mut self,
        from: NodeId,
        to: NodeId,
        kind: MessageKind,
        seq: u64,
        reason: DropReason,
    ) {
        self.metrics.drop_counted(reason);
        self.trace.record(
            self.now,
            TraceKind::Dropped {
                from,
                to,
                kind,
                seq,
                reason,
            },
        );
    }

    fn on_deliver(&mut self, msg: Message) {
        let (from, to, kind, seq) = (msg.from, msg.to, msg.body.kind(), msg.body.seq());
        if !to.is_monitor() {
            if self.nodes[to.index()].faults.crashed {
                self.in_flight -= 1;
                return self.dropped(from, to, kind, seq, DropReason::ReceiverDown);
            }
            if self.deferred(to.0, &Event::Deliver(msg.clone())) {
                return;
            }
        }
        self.in_flight -= 1;
        if let Some(reason) = self.network.blocked(from, to) {
            return self.dropped(from, to, kind, seq, reason);
        }
        self.metrics.delivered += 1;
        self.trace.record(
            self.now,
            TraceKind::Delivered {
                from,
                to,
                kind,
                seq,
            },
        );
        let mut transitions = std::mem::take(&mut self.transitions);
        transitions.clear();
        let now = self.now;
        let sooner = match msg.body {
            Body::Heartbeat(hb) => {
                let view = if to.is_monitor() {
                    self.monitor.as_mut()
                } else {
                    self.node_views.get_mut(to.index() - 1)
                };
                let sooner = match view {
                    Some(v) => v.heard(hb.from, hb.key(), now, &mut transitions),
                    None => None,
                };
                self.lease_news(to, hb.from, LeaseNews::One(hb.promise));
                sooner
            }
            Body::Answer { ping, asked_at, hb } => match self.monitor.as_mut() {
                Some(v) => match v.answered(hb.from, ping, hb.key(), now, &mut transitions) {
                    Answer::InTime(sooner) => {
                        let next = now.plus(self.config.interval_ms);
                        self.schedule(next, Event::Probe { node: hb.from.0 });
                        sooner
                    }
                    Answer::Late => {
                        let late = TraceKind::LateAnswer {
                            node: hb.from,
                            ping,
                            sent_at: asked_at,
                        };
                        self.trace.record(now, late);
                        None
                    }
                },
                None => None,
            },
            Body::Ping { id: ping } => {
                let mut out = std::mem::take(&mut self.out);
                out.clear();
                let load = self.load_of(to);
                let n = &mut self.nodes[to.index()];
                n.load_pct = load;
                n.on_ping(
                    ping,
                    msg.sent_at,
                    now,
                    &self.config,
                    &mut self.rng,
                    &mut out,
                );
                for o in out.drain(..) {
                    if let Output::Send {
                        to: dest,
                        body,
                        delay_ms,
                    } = o
                    {
                        self.send(to, dest, body, delay_ms);
                    }
                }
                self.out = out;
                None
            }
            Body::Gossip { keys, promises } => {
                let sooner = self.node_views[to.index() - 1].merge(&keys, now, &mut transitions);
                if let Some(all) = &promises {
                    self.lease_news(to, from, LeaseNews::All(all));
                }
                sooner
            }
        };
        if let Some(at) = sooner {
            self.schedule_check(to, at);
        }
        self.after_transitions(&mut transitions);
        self.transitions = transitions;
    }

    fn on_check(&mut self, observer: u32) {
        let id = NodeId(observer);
        if !id.is_monitor() && self.nodes[id.index()].faults.crashed {
            // A crashed node's view is frozen; it starts afresh on restart.
            if let Some(v) = self.node_views.get_mut(id.index() - 1) {
                v.next_check = None;
            }
            return;
        }
        let now = self.now;
        if self.view_mut(id).is_none_or(|v| v.next_check != Some(now)) {
            return; // superseded by an earlier check
        }
        if let Some(until) = self.nodes[id.index()]
            .faults
            .paused_until
            .filter(|&t| t > now)
        {
            // A frozen node checks nothing until it resumes.
            if let Some(v) = self.view_mut(id) {
                v.next_check = Some(until);
            }
            self.push(until, Event::Check { observer }, true);
            return;
        }
        let mut transitions = std::mem::take(&mut self.transitions);
        transitions.clear();
        let Some(view) = self.view_mut(id) else {
            return;
        };
        let next = view.check(now, &mut transitions);
        view.next_check = None;
        if let Some(at) = next {
            self.schedule_check(id, at);
        }
        self.after_transitions(&mut transitions);
        self.transitions = transitions;
    }

    fn view_mut(&mut self, observer: NodeId) -> Option<&mut View> {
        if observer.is_monitor() {
            self.monitor.as_mut()
        } else {
            self.node_views.get_mut(observer.index().wrapping_sub(1))
        }
    }

    /// Schedules a check of `observer`'s view at `at` (replacing a later pending one).
    fn schedule_check(&mut self, observer: NodeId, at: SimTime) {
        let at = at.max(self.now);
        let Some(view) = self.view_mut(observer) else {
            return;
        };
        if view.next_check.is_some_and(|t| t <= at) {
            return;
        }
        view.next_check = Some(at);
        self.schedule(
            at,
            Event::Check {
                observer: observer.0,
            },
        );
    }

    /// Re-evaluates when `observer`'s view next needs a check (after settings changed or a restart).
    fn refresh_check(&mut self, observer: NodeId) {
        let now = self.now;
        if !observer.is_monitor() {
            let faults = self.nodes[observer.index()].faults;
            if faults.crashed {
                // A crashed node's view is frozen until it restarts.
                return;
            }
            if faults.paused_at(now) {
                // Let the check's own guard put it off until the pause ends.
                if let Some(v) = self.view_mut(observer) {
                    v.next_check = None;
                }
                self.schedule_check(observer, now);
                return;
            }
        }
        let mut transitions = std::mem::take(&mut self.transitions);
        transitions.clear();
        let Some(view) = self.view_mut(observer) else {
            return;
        };
        view.next_check = None;
        let next = view.check(now, &mut transitions);
        if let Some(at) = next {
            self.schedule_check(observer, at);
        }
        self.after_transitions(&mut transitions);
        self.transitions = transitions;
    }

    fn on_resume(&mut self, node: u32, generation: u32) {
        let n = &mut self.nodes[node as usize];
        if n.generation != generation || n.faults.crashed {
            return;
        }
        match n.faults.paused_until {
            Some(until) if until <= self.now => {
                n.faults.paused_until = None;
                self.fault_event(NodeId(node), FaultEvent::Resumed);
            }
            _ => {}
        }
    }

    fn schedule_next_request(&mut self) {
        let rps = self.config.requests_per_sec as u64;
        if rps == 0 || self.work.is_empty() {
            return;
        }
        self.requests += 1;
        let at = SimTime(self.requests * 1000 / rps).max(self.now);
        self.schedule(at, Event::Request);
    }

    fn on_request(&mut self) {
        let item = self.rng.below(self.work.len() as u64) as usize;
        let owner = self.work.owner(item);
        let n = &self.nodes[owner.index()];
        let failed = n.faults.crashed
            || n.faults.paused_at(self.now)
            || !self.network.client_reaches(owner)
            || n.faults
                .overload
                .is_some_and(|o| self.rng.chance(o.drop_pct as f64 / 100.0));
        if failed {
            self.metrics.requests_failed += 1;
        } else {
            self.metrics.requests_ok += 1;
        }
        self.schedule_next_request();
    }

    fn on_replace(&mut self, node: u32, generation: u32) {
        let id = NodeId(node);
        if !self.replacement_pending[id.index()] || self.nodes[id.index()].generation != generation
        {
            return;
        }
        self.replacement_pending[id.index()] = false;
        self.metrics.replacements += 1;
        let was_up = !self.nodes[id.index()].faults.crashed;
        self.trace
            .record(self.now, TraceKind::Replacement { node: id, was_up });
        if was_up {
            self.metrics.wasted_replacements += 1;
        } else {
            // Refused only for a node restarted as often as incarnations go: it stays down.
            let _ = self.restart(id);
        }
    }

    // ----- Consequences of a change of belief -----

    fn after_transitions(&mut self, transitions: &mut Vec<Transition>) {
        if transitions.is_empty() {
            return;
        }
        let mut leaders_dirty = false;
        for t in transitions.drain(..) {
            self.trace.record(t.at, TraceKind::Belief(t));
            let crashed = self.nodes[t.node.index()].faults.crashed;
            match t.to {
                Belief::Dead if crashed => {
                    self.record_detection(t.node, t.observer, t.detector, t.at)
                }
                Belief::Dead if !t.again => self.count_false_positive(&t),
                Belief::Suspected if !crashed => {
                    self.metrics.detector_mut(t.detector).false_suspicions += 1
                }
                _ => {}
            }
            let deciding = self.config.detection.kinds()[0] == t.detector;
            if deciding && (t.to == Belief::Dead || t.from == Belief::Dead) {
                leaders_dirty = true;
            }
            if deciding && t.to == Belief::Dead {
                self.recover_work(t.observer, t.node, !crashed);
            }
            if deciding && t.from == Belief::Dead && t.to == Belief::Alive {
                self.retry_stranded_work(t.observer);
            }
        }
        if leaders_dirty {
            self.update_leaders();
        }
    }

    /// Counts a running node declared dead by one observer, once per episode (the transition says
    /// whether it continues one), and once for the cluster when no other running observer's
    /// episode about that node is still open.
    fn count_false_positive(&mut self, t: &Transition) {
        let slot = self
            .detectors()
            .iter()
            .position(|&k| k == t.detector)
            .unwrap_or(0);
        let others_erring = self.monitor.iter().chain(&self.node_views).any(|v| {
            v.owner() != t.observer
                && !self.nodes[v.owner().index()].faults.crashed
                && v.declared(slot, t.node)
        });
        let m = self.metrics.detector_mut(t.detector);
        m.false_positives += 1;
        if !others_erring {
            m.cluster_false_positives += 1;
        }
    }

    /// Counts `observer` declaring the crashed `node` dead, once per failure, observer and detector
    /// (stale gossip can revive a crashed node in a view and have it declared dead again).
    fn record_detection(
        &mut self,
        node: NodeId,
        observer: NodeId,
        detector: DetectorKind,
        at: SimTime,
    ) {
        let Some(f) = self
            .metrics
            .failures
            .iter_mut()
            .rev()
            .find(|f| f.node == node && f.ended_at.is_none())
        else {
            return;
        };
        if f.detections
            .iter()
            .any(|d| d.observer == observer && d.detector == detector)
        {
            return;
        }
        let latency_ms = at.since(f.crashed_at);
        f.detections.push(Detection {
            observer,
            detector,
            latency_ms,
        });
        let m = self.metrics.detector_mut(detector);
        m.detections += 1;
        m.latency_sum_ms += latency_ms;
        m.latency_max_ms = m.latency_max_ms.max(latency_ms);
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
        self.monitor
            .iter()
            .chain(&self.node_views)
            .map(View::arrivals)
            .sum()
    }

    /// The detector kinds that run, the deciding one first.
    pub fn detectors(&self) -> &'static [DetectorKind] {
        self.config.detection.kinds()
    }
}
