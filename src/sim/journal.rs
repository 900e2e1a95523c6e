//! The journal: what recently happened to each node, as one observer saw it, digested from the
//! trace for display. It keeps heartbeat arrivals, suspected and dead spans, fault spans and a
//! capped log of notable events, all within a sliding window of virtual time.

use std::collections::VecDeque;

use super::config::Topology;
use super::detector::Belief;
use super::id::NodeId;
use super::message::MessageKind;
use super::time::SimTime;
use super::trace::{FaultEvent, TraceKind};
use super::world::World;

/// The longest a journal goes without reading the trace, in virtual ms.
const MAX_READ_EVERY_MS: f64 = 10_000.0;

/// What a span on a node's lane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanKind {
    /// The observer's detector in `slot` suspected the node.
    Suspected {
        /// Detector slot (0 decides).
        slot: usize,
    },
    /// The observer's detector in `slot` believed the node dead.
    Dead {
        /// Detector slot (0 decides).
        slot: usize,
    },
    /// Ground truth: crashed.
    Crashed,
    /// Ground truth: frozen in a pause.
    Paused,
    /// Ground truth: slowed down by this factor (percent).
    Slow {
        /// Percent.
        percent: u32,
    },
    /// Ground truth: overloaded.
    Overloaded,
    /// Ground truth: cut off from the monitor or client side.
    CutOff,
}

impl SpanKind {
    /// Whether this is the observer's belief (as opposed to ground truth).
    pub fn is_belief(self) -> bool {
        matches!(self, SpanKind::Suspected { .. } | SpanKind::Dead { .. })
    }

    /// The words the page shows.
    pub fn label(self) -> String {
        match self {
            SpanKind::Suspected { .. } => "suspected".into(),
            SpanKind::Dead { .. } => "dead".into(),
            SpanKind::Crashed => "crashed".into(),
            SpanKind::Paused => "paused".into(),
            SpanKind::Slow { percent } => format!("slow {}×", super::fault::trim_factor(percent)),
            SpanKind::Overloaded => "overloaded".into(),
            SpanKind::CutOff => "cut off".into(),
        }
    }
}

/// A stretch of time on one node's lane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// What it shows.
    pub kind: SpanKind,
    /// When it started.
    pub start: SimTime,
    /// When it ended, or `None` while it lasts.
    pub end: Option<SimTime>,
    /// The trace index of the event that started it.
    pub index: u64,
}

/// Which kind of notable event a log line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LogKind {
    /// A fault was injected or cleared.
    Fault,
    /// The network was split, cut or healed.
    Network,
    /// The observer changed its mind about a node.
    Belief,
    /// Work moved, or a replacement started.
    Recovery,
    /// A leader was elected or stepped down.
    Leader,
    /// Settings changed.
    Settings,
}

impl LogKind {
    /// Every kind, in the order the filter lists them.
    pub const ALL: [LogKind; 6] = [
        LogKind::Fault,
        LogKind::Network,
        LogKind::Belief,
        LogKind::Recovery,
        LogKind::Leader,
        LogKind::Settings,
    ];

    /// The name the filter shows.
    pub fn label(self) -> &'static str {
        match self {
            LogKind::Fault => "faults",
            LogKind::Network => "network",
            LogKind::Belief => "detector",
            LogKind::Recovery => "recovery",
            LogKind::Leader => "leaders",
            LogKind::Settings => "settings",
        }
    }
}

/// One line of the event log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    /// The trace index, so the timeline and the log can point at each other.
    pub index: u64,
    /// When it happened.
    pub at: SimTime,
    /// The node it is about, if one.
    pub node: Option<NodeId>,
    /// Its kind.
    pub kind: LogKind,
    /// In words.
    pub text: String,
}

/// The recent history of every node, as one observer saw it.
#[derive(Debug, Clone)]
pub struct Journal {
    observer: NodeId,
    window_ms: u64,
    log_cap: usize,
    next_index: u64,
    sample_arrivals: bool,
    /// Whether a central monitor watches (else the nodes watch each other, and being cut off
    /// means being cut off from the clients' side of the network).
    central: bool,
    /// Heartbeat news of each node reaching the observer (index = node id).
    arrivals: Vec<VecDeque<SimTime>>,
    /// Belief and truth spans of each node (index = node id).
    spans: Vec<VecDeque<Span>>,
    log: VecDeque<LogEntry>,
    log_revision: u64,
    made_up: u64,
    /// Arrivals before this time are not kept (a replay knows they would leave the window
    /// before anyone sees them).
    keep_arrivals_from: SimTime,
    /// Whether the network changed since cut-off nodes were last looked for (only a network
    /// change can cut a node off or reconnect it).
    network_changed: bool,
    /// Whether some events were missed because the trace had already forgotten them.
    pub missed_events: bool,
}

impl Journal {
    /// A journal of the last `window_ms` of `world`, as `observer` sees it, keeping up to `log_cap`
    /// log lines. It starts from the world's current state.
    pub fn new(world: &World, observer: NodeId, window_ms: u64, log_cap: usize) -> Journal {
        let len = world.config().nodes as usize + 1;
        let mut j = Journal {
            observer,
            window_ms,
            log_cap,
            next_index: world.trace().len(),
            sample_arrivals: matches!(world.config().topology, Topology::RandomK { .. }),
            central: world.config().topology.is_central(),
            arrivals: vec![VecDeque::new(); len],
            spans: vec![VecDeque::new(); len],
            log: VecDeque::new(),
            log_revision: 0,
            made_up: 0,
            keep_arrivals_from: SimTime(0),
            network_changed: false,
            missed_events: false,
        };
        j.open_current_spans(world);
        j
    }

    /// How often, in virtual ms, a journal should read a world running `config` whose trace keeps
    /// `capacity` events: often enough that the trace forgets nothing in between (by a wide
    /// margin), and with gossip four times per heartbeat interval, so news that arrives
    /// second-hand is sampled as finely in a replay as while playing.
    pub fn read_every_ms(config: &super::config::Config, capacity: usize) -> u64 {
        let rounds_per_ms = 1.0 / config.interval_ms.max(1) as f64;
        let events_per_ms = 3.0 * config.expected_messages_per_sec() / 1000.0
            + 4.0 * f64::from(config.nodes) * rounds_per_ms;
        let lasts_ms = capacity as f64 / 2.0 / events_per_ms.max(1e-9);
        let longest = if matches!(config.topology, Topology::RandomK { .. }) {
            (config.interval_ms / 4).max(1) as f64
        } else {
            MAX_READ_EVERY_MS
        };
        lasts_ms.clamp(1.0, longest) as u64
    }

    /// Leaves out heartbeat arrivals before `t`: a replay to time T shows only the window
    /// before T, so it need not keep the arrivals of the whole run on the way.
    pub fn keep_arrivals_from(&mut self, t: SimTime) {
        self.keep_arrivals_from = t;
    }

    /// The observer whose view this journal follows.
    pub fn observer(&self) -> NodeId {
        self.observer
    }

    /// The length of the window, in ms.
    pub fn window_ms(&self) -> u64 {
        self.window_ms
    }

    /// Opens spans for what is already true when the journal starts.
    fn open_current_spans(&mut self, world: &World) {
        let now = world.now();
        let index = world.trace().len();
        let view = world.observer(self.observer);
        for n in 1..self.spans.len() {
            let id = NodeId(n as u32);
            let truth = world.truth(id);
            let mut open = |kind| {
                self.spans[n].push_back(Span {
                    kind,
                    start: now,
                    end: None,
                    index,
                })
            };
            if truth.crashed {
                open(SpanKind::Crashed);
            }
            if truth.paused {
                open(SpanKind::Paused);
            }
            if let Some(percent) = truth.slow_percent {
                open(SpanKind::Slow { percent });
            }
            if truth.overloaded {
                open(SpanKind::Overloaded);
            }
            if truth.cut_off {
                open(SpanKind::CutOff);
            }
            if let Some(v) = view {
                for slot in 0..v.detectors().len() {
                    match v.belief(slot, id) {
                        Belief::Suspected => open(SpanKind::Suspected { slot }),
                        Belief::Dead => open(SpanKind::Dead { slot }),
                        Belief::Alive => {}
                    }
                }
            }
        }
    }

    fn close(&mut self, node: NodeId, at: SimTime, matches: impl Fn(SpanKind) -> bool) {
        if let Some(lane) = self.spans.get_mut(node.index()) {
            for s in lane
                .iter_mut()
                .filter(|s| s.end.is_none() && matches(s.kind))
            {
                s.end = Some(at);
            }
        }
    }

    fn open(&mut self, node: NodeId, kind: SpanKind, at: SimTime, index: u64) {
        if let Some(lane) = self.spans.get_mut(node.index()) {
            lane.push_back(Span {
                kind,
                start: at,
                end: None,
                index,
            });
        }
    }

    fn push_log(
        &mut self,
        index: u64,
        at: SimTime,
        node: Option<NodeId>,
        kind: LogKind,
        text: String,
    ) {
        if self.log.len() == self.log_cap {
            self.log.pop_front();
        }
        self.log.push_back(LogEntry {
            index,
            at,
            node,
            kind,
            text,
        });
        self.log_revision += 1;
    }

    /// Takes in everything that happened since the last call.
    pub fn ingest(&mut self, world: &World) {
        let trace = world.trace();
        let first_kept = trace.len() - trace.recent().len() as u64;
        if first_kept > self.next_index {
            self.missed_events = true;
            self.network_changed = true;
        }
        let skip = self.next_index.saturating_sub(first_kept) as usize;
        for e in trace.recent().skip(skip) {
            self.take(e.index, e.at, e.kind, world);
        }
        self.next_index = trace.len();
        self.sample(world);
        self.prune(world.now());
    }

    fn take(&mut self, index: u64, at: SimTime, kind: TraceKind, world: &World) {
        let event = super::trace::TraceEvent { index, at, kind };
        match kind {
            TraceKind::Delivered {
                from,
                to,
                kind: MessageKind::Heartbeat,
                ..
            } if to == self.observer && at >= self.keep_arrivals_from => {
                if let Some(a) = self.arrivals.get_mut(from.index()) {
                    a.push_back(at);
                }
            }
            TraceKind::Belief(t) if t.observer == self.observer => {
                let slot = world
                    .detectors()
                    .iter()
                    .position(|&d| d == t.detector)
                    .unwrap_or(0);
                self.close(t.node, at, |k| matches!(k, SpanKind::Suspected { slot: s } | SpanKind::Dead { slot: s } if s == slot));
                match t.to {
                    Belief::Suspected => self.open(t.node, SpanKind::Suspected { slot }, at, index),
                    Belief::Dead => self.open(t.node, SpanKind::Dead { slot }, at, index),
                    Belief::Alive => {}
                }
                self.push_log(index, at, Some(t.node), LogKind::Belief, event.describe());
            }
            TraceKind::Fault { node, event: f } => {
                match f {
                    FaultEvent::Crashed => {
                        self.close(node, at, |k| !k.is_belief() && k != SpanKind::CutOff);
                        self.open(node, SpanKind::Crashed, at, index);
                    }
                    FaultEvent::Restarted { .. } => {
                        self.close(node, at, |k| k == SpanKind::Crashed)
                    }
                    FaultEvent::Slowed { percent } => {
                        self.close(node, at, |k| matches!(k, SpanKind::Slow { .. }));
                        self.open(node, SpanKind::Slow { percent }, at, index);
                    }
                    FaultEvent::Paused { .. } => {
                        self.close(node, at, |k| k == SpanKind::Paused);
                        self.open(node, SpanKind::Paused, at, index);
                    }
                    FaultEvent::Resumed => self.close(node, at, |k| k == SpanKind::Paused),
                    FaultEvent::Overloaded(_) => {
                        self.close(node, at, |k| k == SpanKind::Overloaded);
                        self.open(node, SpanKind::Overloaded, at, index);
                    }
                    FaultEvent::Recovered => self.close(node, at, |k| {
                        matches!(
                            k,
                            SpanKind::Slow { .. } | SpanKind::Paused | SpanKind::Overloaded
                        )
                    }),
                }
                self.push_log(index, at, Some(node), LogKind::Fault, event.describe());
            }
            TraceKind::Network(_) => {
                self.network_changed = true;
                self.push_log(index, at, None, LogKind::Network, event.describe())
            }
            TraceKind::WorkMoved { from, by, .. }
                if by == self.observer || world.observer(by).is_none() =>
            {
                self.push_log(index, at, Some(from), LogKind::Recovery, event.describe())
            }
            TraceKind::Replacement { node, .. } => {
                self.push_log(index, at, Some(node), LogKind::Recovery, event.describe())
            }
            // With leases the lease events below say who leads and why; these would repeat them.
            TraceKind::Leader { node, .. } if world.leader_is_leased().is_none() => {
                self.push_log(index, at, Some(node), LogKind::Leader, event.describe())
            }
            TraceKind::LeaseTaken { node, .. }
            | TraceKind::LeaseLapsed { node, .. }
            | TraceKind::Zombie { node, .. }
            | TraceKind::NoQuorum { node, .. } => {
                self.push_log(index, at, Some(node), LogKind::Leader, event.describe())
            }
            TraceKind::WriteRefused { from, .. } => {
                self.push_log(index, at, Some(from), LogKind::Recovery, event.describe())
            }
            TraceKind::Reconfigured => {
                self.push_log(index, at, None, LogKind::Settings, event.describe())
            }
            TraceKind::SwimAsked { node, .. } | TraceKind::SwimRefuted { node, .. } => {
                self.push_log(index, at, Some(node), LogKind::Belief, event.describe())
            }
            TraceKind::LateAnswer { node, .. } if self.observer == super::id::MONITOR => {
                // It arrived, but it is no heartbeat the monitor heard: its check had failed.
                if let Some(lane) = self.arrivals.get_mut(node.index()) {
                    if lane.back() == Some(&at) {
                        lane.pop_back();
                    }
                }
                self.push_log(index, at, Some(node), LogKind::Belief, event.describe())
            }
            _ => {}
        }
    }

    /// Reads what the trace does not say per node: who is cut off (from the network) and, with
    /// gossip, news that arrived second-hand (from the observer's view).
    fn sample(&mut self, world: &World) {
        if std::mem::take(&mut self.network_changed) {
            self.sample_cut_offs(world);
        }
        if self.sample_arrivals {
            self.sample_gossip_news(world);
        }
    }

    /// Opens or closes each node's cut-off span after the network changed.
    fn sample_cut_offs(&mut self, world: &World) {
        let now = world.now();
        for n in 1..self.spans.len() {
            let id = NodeId(n as u32);
            let cut = world.truth(id).cut_off;
            let open = self.spans[n]
                .iter()
                .any(|s| s.kind == SpanKind::CutOff && s.end.is_none());
            if cut == open {
                continue;
            }
            // The span and its log line share an index, so clicking either highlights both;
            // indexes the journal makes up live far above the trace's own.
            let index = self.made_up_index();
            let text = match (cut, self.central) {
                (true, true) => format!("{id} is cut off from the monitor and clients"),
                (true, false) => format!("{id} is cut off from the clients' side of the network"),
                (false, true) => format!("{id} can reach the monitor and clients again"),
                (false, false) => format!("{id} can reach the clients' side of the network again"),
            };
            if cut {
                self.open(id, SpanKind::CutOff, now, index);
            } else {
                self.close(id, now, |k| k == SpanKind::CutOff);
            }
            self.push_log(index, now, Some(id), LogKind::Network, text);
        }
    }

    /// With gossip, news of a node often reaches the observer second-hand, inside another node's
    /// table: the trace has no delivery from that node, so the view's time of the news is read.
    fn sample_gossip_news(&mut self, world: &World) {
        let Some(view) = world.observer(self.observer) else {
            return;
        };
        for n in 1..self.arrivals.len() {
            let id = NodeId(n as u32);
            if !view.watches(id) || view.last_seq(id) == 0 {
                continue;
            }
            let heard = view.heard_at(id);
            let lane = &mut self.arrivals[n];
            if heard >= self.keep_arrivals_from && lane.back().is_none_or(|&t| t < heard) {
                lane.push_back(heard);
            }
        }
    }

    fn made_up_index(&mut self) -> u64 {
        self.made_up += 1;
        (1 << 62) + self.made_up
    }

    fn prune(&mut self, now: SimTime) {
        let horizon = SimTime(now.ms().saturating_sub(self.window_ms));
        for lane in &mut self.arrivals {
            while lane.front().is_some_and(|&t| t < horizon) {
                lane.pop_front();
            }
        }
        for lane in &mut self.spans {
            lane.retain(|s| s.end.is_none_or(|e| e >= horizon));
        }
    }

    /// Heartbeat news of `node` that reached the observer within the window, oldest first.
    pub fn arrivals(&self, node: NodeId) -> impl Iterator<Item = SimTime> + '_ {
        self.arrivals
            .get(node.index())
            .into_iter()
            .flatten()
            .copied()
    }

    /// Spans of `node` within the window (open ones last until now).
    pub fn spans(&self, node: NodeId) -> impl Iterator<Item = &Span> + '_ {
        self.spans.get(node.index()).into_iter().flatten()
    }

    /// The log, oldest first.
    pub fn log(&self) -> impl DoubleEndedIterator<Item = &LogEntry> + ExactSizeIterator {
        self.log.iter()
    }

    /// Counts changes to the log, so a page can redraw it only when it changed.
    pub fn log_revision(&self) -> u64 {
        self.log_revision
    }

    /// The log line for a trace index, if it is still kept.
    pub fn entry(&self, index: u64) -> Option<&LogEntry> {
        self.log.iter().find(|e| e.index == index)
    }
}
