//! An observer: for every node it watches, the freshest heartbeat it knows, when that news
//! arrived, and what each failure detector concludes from the silence since. The central monitor has
//! one view; in decentralized topologies every node keeps its own.
//!
//! With the fixed timeout alone (the common case, and the only one large gossiping clusters can
//! afford) merging a gossiped table and finding the next deadline are straight loops over flat
//! arrays that the compiler vectorises; everything else takes the general path.

use super::config::{Config, Detection, DetectorKind, Topology};

mod checks;
mod news;
mod pull;

use super::detector::{Belief, Cause, PhiWindows, Thresholds, Transition};
use super::id::NodeId;
use super::message::{key_incarnation, key_load, key_seq};
use super::time::SimTime;
pub use pull::Answer;
use pull::PullCheck;

/// `base` of a node whose deadline never comes (dead, or not watched).
const NEVER: u64 = u64::MAX / 4;

/// Phi accrual's per-node history and the thresholds it implies, kept up to date on each arrival.
#[derive(Debug, Clone)]
struct PhiState {
    windows: PhiWindows,
    thresholds: Vec<Thresholds>,
}

/// One observer's knowledge of the cluster.
#[derive(Debug, Clone)]
pub struct Observer {
    owner: NodeId,
    nodes: u32,
    detection: Detection,
    interval_ms: u64,
    /// Packed key (incarnation, sequence, load) of the freshest heartbeat known, by node id; 0 = none yet.
    keys: Vec<u64>,
    /// When the key last increased, or when the view started (ms). On the fixed-timeout fast path
    /// this is only kept for nodes that are not alive; for alive ones `base` holds it (see [`Observer::heard_ms`]),
    /// so merging a gossiped table touches two arrays instead of three.
    heard_at: Vec<u64>,
    /// Fixed-timeout fast path: the next deadline of node i is `base[i] + suspect_after`, so one
    /// vectorised minimum finds the next check. `base` is `heard_at` for an alive node, shifted by
    /// `timeout − suspect_after` for a suspected one, and [`NEVER`] for a dead one or a non-watched slot.
    base: Vec<u64>,
    /// Belief per detector slot (slot i is `detection.kinds()[i]`), by node id.
    beliefs: Vec<[Belief; 2]>,
    /// Watched nodes that some detector does not believe alive: the only ones an arrival can revive.
    unwell: Vec<u32>,
    /// Per node, one bit per detector slot: that detector declared the node dead and has not heard
    /// from it twice in a row since, so declaring it dead again continues the same episode.
    declared: Vec<u8>,
    /// (node, detector slot, key) for each detector that revived a node it had declared dead, with
    /// the key that revived it: newer news, while that detector still believes the node alive,
    /// closes its episode.
    rejoining: Vec<(u32, u8, u64)>,
    phi: Option<PhiState>,
    /// Central pull: the monitor's checks of every node, by id.
    checks: Option<Vec<PullCheck>>,
    /// Central pull: failed checks in a row that declare a node dead.
    failed_checks: u32,
    /// How many watched nodes the deciding detector (slot 0) believes dead.
    dead: u32,
    /// Heartbeat news received (a newer heartbeat of some node, directly or through gossip).
    arrivals: u64,
    /// The time of the pending check, if one is scheduled.
    pub next_check: Option<SimTime>,
}

impl Observer {
    /// A fresh view at `now`: it has heard from nobody yet and gives everyone one timeout of grace.
    pub fn new(owner: NodeId, config: &Config, now: SimTime) -> Observer {
        let len = config.nodes as usize + 1;
        let phi = config.detection.uses_phi().then(|| {
            let mut windows = PhiWindows::new(len, config.detection.phi.window);
            for pair in 0..len {
                windows.reset(pair, config.interval_ms);
            }
            // The thresholds come from the same seeded window φ itself is computed from, so the
            // deadline and the φ the page shows agree before the first heartbeat too.
            let (mean, std) = windows.stats(0);
            let t = config.detection.phi.thresholds(mean, std);
            PhiState {
                windows,
                thresholds: vec![t; len],
            }
        });
        let mut view = Observer {
            owner,
            nodes: config.nodes,
            detection: config.detection,
            interval_ms: config.interval_ms,
            keys: vec![0; len],
            heard_at: vec![now.ms(); len],
            base: vec![now.ms(); len],
            beliefs: vec![[Belief::Alive; 2]; len],
            unwell: Vec::new(),
            declared: vec![0; len],
            rejoining: Vec::new(),
            phi,
            checks: (config.topology == Topology::CentralPull)
                .then(|| vec![PullCheck::default(); len]),
            failed_checks: config.failed_checks,
            dead: 0,
            arrivals: 0,
            next_check: None,
        };
        view.base[0] = NEVER;
        if let Some(b) = view.base.get_mut(owner.index()) {
            *b = NEVER;
        }
        if view.swim() {
            // SWIM's members decide by their protocol: no deadline on silence.
            view.base.fill(NEVER);
        }
        view
    }

    /// When news of node `i` last arrived, in ms.
    pub(super) fn heard_ms(&self, i: usize) -> u64 {
        if self.fast() && self.beliefs[i][0] == Belief::Alive && self.watches(NodeId(i as u32)) {
            self.base[i]
        } else {
            self.heard_at[i]
        }
    }

    /// Whether the fixed timeout on silence is the only detector, so the fast paths apply.
    pub(super) fn fast(&self) -> bool {
        self.phi.is_none() && self.checks.is_none()
    }

    /// Whether SWIM's protocol, not silence, decides this view's beliefs.
    pub fn swim(&self) -> bool {
        self.detection.choice == super::config::DetectorChoice::Swim
    }

    /// Recomputes `base[i]` from the fixed detector's belief.
    pub(super) fn rebase(&mut self, i: usize) {
        if self.swim() {
            self.base[i] = NEVER;
            return;
        }
        let f = self.detection.fixed;
        let heard = self.heard_ms(i);
        self.base[i] = match self.beliefs[i][0] {
            Belief::Alive => heard,
            Belief::Suspected => heard + f.timeout_ms.saturating_sub(f.suspect_after_ms),
            Belief::Dead => NEVER,
        };
        if !self.watches(NodeId(i as u32)) {
            self.base[i] = NEVER;
        }
    }

    /// Takes new detector thresholds (the detector kinds and node count must not change).
    pub fn retune(&mut self, config: &Config) {
        self.detection = config.detection;
        self.interval_ms = config.interval_ms;
        self.failed_checks = config.failed_checks;
        if let Some(phi) = &mut self.phi {
            for node in 0..phi.thresholds.len() {
                let (mean, std) = phi.windows.stats(node);
                phi.thresholds[node] = config.detection.phi.thresholds(mean, std);
            }
        }
        for i in 0..self.base.len() {
            self.rebase(i);
        }
    }

    /// The owner restarted and starts afresh at `now`: for every node some detector had given up
    /// on, a transition back to alive is pushed (caused by the reset), then the view is new.
    pub fn reset(&mut self, config: &Config, now: SimTime, out: &mut Vec<Transition>) {
        for n in (1..=self.nodes).map(NodeId).filter(|&n| self.watches(n)) {
            for (slot, &detector) in self.detection.kinds().iter().enumerate() {
                let from = self.belief(slot, n);
                if from != Belief::Alive {
                    out.push(Transition {
                        at: now,
                        observer: self.owner,
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
        *self = Observer::new(self.owner, config, now);
    }

    /// Whose view this is.
    pub fn owner(&self) -> NodeId {
        self.owner
    }

    /// Whether this view watches `node` (everyone but the monitor and the owner itself).
    pub fn watches(&self, node: NodeId) -> bool {
        node.0 != 0 && node != self.owner && node.0 <= self.nodes
    }

    /// The detectors in slot order; slot 0 decides.
    pub fn detectors(&self) -> &'static [DetectorKind] {
        self.detection.kinds()
    }

    pub(super) fn thresholds(&self, slot: usize, node: usize) -> Thresholds {
        match self.detection.kinds()[slot] {
            // SWIM has no thresholds on silence; the fixed ones stand in where a page asks.
            DetectorKind::Fixed | DetectorKind::Swim => self.detection.fixed.thresholds(),
            DetectorKind::Phi => self
                .phi
                .as_ref()
                .map_or(self.detection.fixed.thresholds(), |p| p.thresholds[node]),
        }
    }

    /// What detector `slot` believes about `node` (the owner always believes itself alive).
    pub fn belief(&self, slot: usize, node: NodeId) -> Belief {
        if !self.watches(node) {
            return Belief::Alive;
        }
        self.beliefs[node.index()][slot.min(1)]
    }

    /// What the deciding detector believes about `node`.
    pub fn decision(&self, node: NodeId) -> Belief {
        self.belief(0, node)
    }

    /// Milliseconds since news of `node` last arrived.
    pub fn silence_ms(&self, node: NodeId, now: SimTime) -> u64 {
        now.ms().saturating_sub(self.heard_at(node).ms())
    }

    /// When news of `node` last arrived (or the view started).
    pub fn heard_at(&self, node: NodeId) -> SimTime {
        let i = node.index();
        if i < self.heard_at.len() {
            SimTime(self.heard_ms(i))
        } else {
            SimTime::ZERO
        }
    }

    /// The sequence number of the freshest heartbeat known from `node` (0 if none).
    pub fn last_seq(&self, node: NodeId) -> u64 {
        self.keys.get(node.index()).map_or(0, |&k| key_seq(k))
    }

    /// The load `node` last reported, in percent.
    pub fn last_load(&self, node: NodeId) -> u8 {
        self.keys.get(node.index()).map_or(0, |&k| key_load(k))
    }

    /// The detector's value for the page: silence ÷ timeout for the fixed timeout, φ for phi accrual.
    pub fn level(&self, slot: usize, node: NodeId, now: SimTime) -> f64 {
        if node.index() >= self.keys.len() {
            return 0.0;
        }
        let silence = self.silence_ms(node, now);
        match self.detection.kinds()[slot.min(self.detection.kinds().len() - 1)] {
            DetectorKind::Fixed => self.detection.fixed.level(silence),
            DetectorKind::Swim => 0.0,
            DetectorKind::Phi => match &self.phi {
                Some(p) => {
                    let (mean, std) = p.windows.stats(node.index());
                    self.detection.phi.level(silence, mean, std)
                }
                None => 0.0,
            },
        }
    }

    /// Mean and standard deviation (ms) of the inter-arrival times phi accrual has seen from `node`.
    pub fn phi_stats(&self, node: NodeId) -> Option<(f64, f64)> {
        self.phi
            .as_ref()
            .filter(|_| node.index() < self.keys.len())
            .map(|p| p.windows.stats(node.index()))
    }

    /// The silences at which detector `slot` suspects and declares `node` dead, given its history.
    pub fn thresholds_for(&self, slot: usize, node: NodeId) -> Thresholds {
        if node.index() >= self.keys.len() {
            return self.detection.fixed.thresholds();
        }
        self.thresholds(slot.min(self.detection.kinds().len() - 1), node.index())
    }

    /// How many watched nodes the deciding detector believes dead.
    pub fn dead_count(&self) -> u32 {
        self.dead
    }

    /// The lowest-numbered node this view does not believe dead (counting the owner as alive).
    pub fn lowest_not_dead(&self) -> Option<NodeId> {
        (1..=self.nodes)
            .map(NodeId)
            .find(|&n| !self.watches(n) || self.beliefs[n.index()][0] != Belief::Dead)
    }

    /// How many nodes this view believes alive (neither suspected nor dead by the deciding
    /// detector), counting its owner, which knows it is up.
    pub fn alive_count(&self) -> u32 {
        let watched = if self.owner.is_monitor() {
            self.nodes
        } else {
            self.nodes - 1
        };
        let unwell = self
            .unwell
            .iter()
            .filter(|&&u| self.beliefs[u as usize][0] != Belief::Alive)
            .count() as u32;
        watched - unwell + u32::from(!self.owner.is_monitor())
    }

    /// How many nodes (counting the owner, if it is a node) this view does not believe dead.
    pub fn not_dead_count(&self) -> u32 {
        let watched = if self.owner.is_monitor() {
            self.nodes
        } else {
            self.nodes - 1
        };
        let own = u32::from(!self.owner.is_monitor());
        watched - self.dead + own
    }

    /// Sets the owner's own entry (a gossiping node's own heartbeat).
    pub fn set_own_key(&mut self, key: u64, now: SimTime) {
        let i = self.owner.index();
        if i < self.keys.len() {
            self.keys[i] = key;
            self.heard_at[i] = now.ms();
        }
    }

    /// The packed keys by node id: what a gossiping node sends.
    pub fn keys(&self) -> &[u64] {
        &self.keys
    }

    /// How many pieces of heartbeat news this view has received.
    pub fn arrivals(&self) -> u64 {
        self.arrivals
    }
}
