//! An observer's view: for every node it watches, the freshest heartbeat it knows, when that news
//! arrived, and what each failure detector concludes from the silence since. The central monitor has
//! one view; in decentralized topologies every node keeps its own.
//!
//! With the fixed timeout alone (the common case, and the only one large gossiping clusters can
//! afford) merging a gossiped table and finding the next deadline are straight loops over flat
//! arrays that the compiler vectorises; everything else takes the general path.

use super::config::{Config, Detection, DetectorKind, Topology};
use super::detector::{Belief, Cause, PhiWindows, Thresholds, Transition};
use super::id::NodeId;
use super::message::{key_incarnation, key_load, key_seq};
use super::time::SimTime;

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
pub struct View {
    owner: NodeId,
    nodes: u32,
    detection: Detection,
    interval_ms: u64,
    /// Packed key (incarnation, sequence, load) of the freshest heartbeat known, by node id; 0 = none yet.
    keys: Vec<u64>,
    /// When the key last increased, or when the view started (ms). On the fixed-timeout fast path
    /// this is only kept for nodes that are not alive; for alive ones `base` holds it (see [`View::heard_ms`]),
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

impl View {
    /// A fresh view at `now`: it has heard from nobody yet and gives everyone one timeout of grace.
    pub fn new(owner: NodeId, config: &Config, now: SimTime) -> View {
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
        let mut view = View {
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
        view
    }

    /// When news of node `i` last arrived, in ms.
    fn heard_ms(&self, i: usize) -> u64 {
        if self.fast() && self.beliefs[i][0] == Belief::Alive && self.watches(NodeId(i as u32)) {
            self.base[i]
        } else {
            self.heard_at[i]
        }
    }

    /// Whether the fixed timeout on silence is the only detector, so the fast paths apply.
    fn fast(&self) -> bool {
        self.phi.is_none() && self.checks.is_none()
    }

    /// Recomputes `base[i]` from the fixed detector's belief.
    fn rebase(&mut self, i: usize) {
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
        *self = View::new(self.owner, config, now);
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

    fn thresholds(&self, slot: usize, node: usize) -> Thresholds {
        match self.detection.kinds()[slot] {
            DetectorKind::Fixed => self.detection.fixed.thresholds(),
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

    /// News of `node` with packed key `key` arrived at `now`. Returns whether it was new; pushes a
    /// transition back to alive for each detector that had given up on it. If the node's next
    /// deadline is earlier than the pending check, that deadline is returned so the world can check
    /// the view sooner.
    pub fn heard(
        &mut self,
        node: NodeId,
        key: u64,
        now: SimTime,
        out: &mut Vec<Transition>,
    ) -> Option<SimTime> {
        let i = node.index();
        if !self.watches(node) || key <= self.keys[i] {
            return None;
        }
        self.close_episode_if_heard_again(i, key);
        self.record(i, key, now);
        self.revive(i, key, now, out);
        self.earlier_deadline(i)
    }

    fn record(&mut self, i: usize, key: u64, now: SimTime) {
        let old = self.keys[i];
        if let Some(phi) = &mut self.phi {
            let gap = now.ms().saturating_sub(self.heard_at[i]);
            if old == 0 || key_incarnation(old) != key_incarnation(key) {
                // First news, or a restarted node: its earlier history says nothing about the new one.
                phi.windows.reset(i, self.interval_ms);
            } else if gap < phi.thresholds[i].dead_after_ms {
                phi.windows.push(i, gap);
            }
            // Otherwise the silence had already reached the dead threshold: it ended a failure
            // (a partition, a pause), it is not a sample of how this node usually beats. Akka's
            // detector records an interval only while the node is still available, for the same
            // reason; learning it would stretch the next deadline by minutes.
            let (mean, std) = phi.windows.stats(i);
            phi.thresholds[i] = self.detection.phi.thresholds(mean, std);
        }
        self.keys[i] = key;
        self.heard_at[i] = now.ms();
        self.base[i] = now.ms();
        self.arrivals += 1;
    }

    /// Whether detector `slot` declared `node` dead and has not heard from it twice in a row
    /// since: a declaration now would be the same episode.
    pub fn declared(&self, slot: usize, node: NodeId) -> bool {
        self.declared
            .get(node.index())
            .is_some_and(|d| d & (1 << slot.min(1)) != 0)
    }

    /// Ends every episode about `node` (it crashed: what comes after is not the same mistake).
    pub fn forget_declarations(&mut self, node: NodeId) {
        if let Some(d) = self.declared.get_mut(node.index()) {
            *d = 0;
        }
        self.rejoining.retain(|&(u, _, _)| u != node.0);
    }

    /// News newer than the news that revived node `i` ends the episode of every detector that
    /// still believes it alive: that detector has heard from it twice in a row, in time. (News that
    /// only ends a new suspicion revives it again, and that detector's episode goes on.)
    fn close_episode_if_heard_again(&mut self, i: usize, key: u64) {
        let (declared, beliefs) = (&mut self.declared, &self.beliefs);
        self.rejoining.retain(|&(u, slot, revived_by)| {
            let closed =
                u as usize == i && key > revived_by && beliefs[i][slot as usize] == Belief::Alive;
            if closed {
                declared[i] &= !(1 << slot);
            }
            !closed
        });
    }

    /// How many pieces of heartbeat news this view has received.
    pub fn arrivals(&self) -> u64 {
        self.arrivals
    }

    fn revive(&mut self, i: usize, key: u64, now: SimTime, out: &mut Vec<Transition>) {
        if let Some(pos) = self.unwell.iter().position(|&u| u as usize == i) {
            self.unwell.swap_remove(pos);
        } else {
            return;
        }
        self.heard_at[i] = now.ms();
        for (slot, &detector) in self.detection.kinds().iter().enumerate() {
            let from = self.beliefs[i][slot];
            if from != Belief::Alive {
                self.beliefs[i][slot] = Belief::Alive;
                if slot == 0 && from == Belief::Dead {
                    self.dead -= 1;
                }
                if self.declared[i] & (1 << slot) != 0 {
                    let s = slot as u8;
                    self.rejoining
                        .retain(|&(u, other, _)| (u as usize, other) != (i, s));
                    self.rejoining.push((i as u32, s, key));
                }
                out.push(Transition {
                    at: now,
                    observer: self.owner,
                    node: NodeId(i as u32),
                    detector,
                    from,
                    to: Belief::Alive,
                    cause: Cause::Heard { seq: key_seq(key) },
                    again: false,
                });
            }
        }
        self.rebase(i);
    }

    /// The next time a detector may change its mind about node `i`.
    fn deadline(&self, i: usize) -> Option<u64> {
        let heard = self.heard_ms(i);
        let mut best: Option<u64> = None;
        for slot in 0..self.detection.kinds().len() {
            let at = if let Some(check) = self.pull_check(slot, i) {
                // A check waiting for its answer is suspected once it has waited long enough;
                // failing it is the timeout's event, not the view's.
                match (self.beliefs[i][slot], check.pending) {
                    (Belief::Alive, Some((_, sent))) => {
                        Some(sent.saturating_add(self.detection.fixed.suspect_after_ms))
                    }
                    _ => None,
                }
            } else {
                let t = self.thresholds(slot, i);
                let next = match self.beliefs[i][slot] {
                    Belief::Alive => Some(t.suspect_after_ms),
                    Belief::Suspected => Some(t.dead_after_ms),
                    Belief::Dead => None,
                };
                next.map(|ms| heard.saturating_add(ms))
            };
            if let Some(at) = at {
                best = Some(best.map_or(at, |b| b.min(at)));
            }
        }
        best
    }

    fn earlier_deadline(&self, i: usize) -> Option<SimTime> {
        let at = self.deadline(i)?;
        match self.next_check {
            Some(pending) if pending.ms() <= at => None,
            _ => Some(SimTime(at)),
        }
    }

    /// Merges a gossiped table: every entry newer than what this view knows counts as news of that
    /// node. Returns the earliest deadline that is sooner than the pending check, if any.
    pub fn merge(
        &mut self,
        table: &[u64],
        now: SimTime,
        out: &mut Vec<Transition>,
    ) -> Option<SimTime> {
        if self.fast() {
            return self.merge_fast(table, now, out);
        }
        let mut sooner: Option<SimTime> = None;
        let len = table.len().min(self.keys.len());
        for (i, &theirs) in table.iter().enumerate().take(len).skip(1) {
            if theirs > self.keys[i] && i != self.owner.index() {
                if let Some(t) = self.heard(NodeId(i as u32), theirs, now, out) {
                    sooner = Some(sooner.map_or(t, |s| s.min(t)));
                }
            }
        }
        sooner
    }

    fn merge_fast(
        &mut self,
        table: &[u64],
        now: SimTime,
        out: &mut Vec<Transition>,
    ) -> Option<SimTime> {
        let len = table.len().min(self.keys.len());
        let own = self.owner.index();
        let saved_own = (own < len).then(|| (self.keys[own], self.base[own]));
        let mut unwell_before: Vec<(u32, u64)> = self
            .unwell
            .iter()
            .map(|&u| (u, self.keys[u as usize]))
            .collect();
        // Revive in node order, as the general path does.
        unwell_before.sort_unstable();
        let t = now.ms();
        let mut newer_count = 0u64;
        // Branch-free (which entries grew is unpredictable): take the larger key, and stamp `now`
        // where it grew, with masks instead of jumps.
        for ((key, base), &theirs) in self.keys[1..len]
            .iter_mut()
            .zip(&mut self.base[1..len])
            .zip(&table[1..len])
        {
            let newer = (theirs > *key) as u64;
            let mask = newer.wrapping_neg();
            *key ^= (*key ^ theirs) & mask;
            *base ^= (*base ^ t) & mask;
            newer_count += newer;
        }
        if let Some((k, b)) = saved_own {
            if self.keys[own] != k {
                newer_count -= 1;
            }
            (self.keys[own], self.base[own]) = (k, b);
        }
        self.arrivals += newer_count;
        let keys = &self.keys;
        let declared = &mut self.declared;
        let beliefs = &self.beliefs;
        self.rejoining.retain(|&(u, slot, revived_by)| {
            let u = u as usize;
            let closed = keys[u] > revived_by && beliefs[u][slot as usize] == Belief::Alive;
            if closed {
                declared[u] &= !(1 << slot);
            }
            !closed
        });
        let mut revived = false;
        for (u, old_key) in unwell_before {
            let i = u as usize;
            if self.keys[i] != old_key {
                let key = self.keys[i];
                self.revive(i, key, now, out);
                revived = true;
            }
        }
        // Arrivals only push an alive node's deadline later; a revived node may need an earlier check.
        let at = t.saturating_add(self.detection.fixed.suspect_after_ms);
        match self.next_check {
            Some(pending) if !revived || pending.ms() <= at => None,
            _ if revived => Some(SimTime(at)),
            _ => None,
        }
    }

    /// Applies every change of belief due at `now` (pushed to `out`) and returns when the next one
    /// may be due, if ever.
    pub fn check(&mut self, now: SimTime, out: &mut Vec<Transition>) -> Option<SimTime> {
        if self.fast() {
            return self.check_fast(now, out);
        }
        let mut next: Option<u64> = None;
        for i in 1..=self.nodes as usize {
            if !self.watches(NodeId(i as u32)) {
                continue;
            }
            self.apply_due(i, now, out);
            if let Some(at) = self.deadline(i) {
                next = Some(next.map_or(at, |n| n.min(at)));
            }
        }
        next.map(SimTime)
    }

    /// The fixed timeout alone: one vectorised pass finds whether anything is due; only the nodes
    /// that are due are visited.
    fn check_fast(&mut self, now: SimTime, out: &mut Vec<Transition>) -> Option<SimTime> {
        let suspect = self.detection.fixed.suspect_after_ms;
        let earliest = self.base.iter().copied().min().unwrap_or(NEVER);
        if earliest >= NEVER {
            return None;
        }
        if earliest + suspect > now.ms() {
            return Some(SimTime(earliest + suspect));
        }
        let due_if_at_most = now.ms() - suspect;
        for i in 1..self.base.len() {
            if self.base[i] <= due_if_at_most {
                self.apply_due(i, now, out);
            }
        }
        let earliest = self.base.iter().copied().min().unwrap_or(NEVER);
        (earliest < NEVER).then(|| SimTime(earliest + suspect))
    }

    /// Moves every detector's belief about node `i` as far as its silence at `now` warrants (with
    /// central pull, the fixed detector only suspects a check that waits too long: failed checks,
    /// not silence, declare a node dead).
    fn apply_due(&mut self, i: usize, now: SimTime, out: &mut Vec<Transition>) {
        let heard = self.heard_ms(i);
        self.heard_at[i] = heard;
        let silence = now.ms().saturating_sub(heard);
        for (slot, &detector) in self.detection.kinds().iter().enumerate() {
            if let Some(check) = self.pull_check(slot, i) {
                if let Some((ping, sent)) = check.pending {
                    let waited_ms = now.ms().saturating_sub(sent);
                    if waited_ms >= self.detection.fixed.suspect_after_ms {
                        let cause = Cause::Unanswered { ping, waited_ms };
                        self.escalate(i, slot, Belief::Suspected, cause, now, out);
                    }
                }
                continue;
            }
            let target = self.thresholds(slot, i).belief(silence);
            let phi_milli = (detector == DetectorKind::Phi).then(|| {
                (self.level(slot, NodeId(i as u32), now) * 1000.0).min(u32::MAX as f64) as u32
            });
            let cause = Cause::Silence {
                silence_ms: silence,
                phi_milli,
            };
            self.escalate(i, slot, target, cause, now, out);
        }
        self.rebase(i);
    }

    /// Raises detector `slot`'s belief about node `i` to `target`, one step at a time so that
    /// "suspected" is always recorded before "dead", each step a transition with `cause`.
    fn escalate(
        &mut self,
        i: usize,
        slot: usize,
        target: Belief,
        cause: Cause,
        now: SimTime,
        out: &mut Vec<Transition>,
    ) {
        while self.beliefs[i][slot] < target {
            let from = self.beliefs[i][slot];
            let to = if from == Belief::Alive {
                Belief::Suspected
            } else {
                Belief::Dead
            };
            if !self.unwell.contains(&(i as u32)) {
                self.unwell.push(i as u32);
            }
            self.beliefs[i][slot] = to;
            let mut again = false;
            if to == Belief::Dead {
                if slot == 0 {
                    self.dead += 1;
                }
                again = self.declared[i] & (1 << slot) != 0;
                self.declared[i] |= 1 << slot;
                let s = slot as u8;
                self.rejoining
                    .retain(|&(u, other, _)| (u as usize, other) != (i, s));
            }
            out.push(Transition {
                at: now,
                observer: self.owner,
                node: NodeId(i as u32),
                detector: self.detection.kinds()[slot],
                from,
                to,
                cause,
                again,
            });
        }
    }

    /// With central pull, the monitor's checks of node `i`, when detector `slot` is the fixed one
    /// (which counts failed checks); `None` for every other detector and topology.
    fn pull_check(&self, slot: usize, i: usize) -> Option<PullCheck> {
        let checks = self.checks.as_ref()?;
        (self.detection.kinds()[slot] == DetectorKind::Fixed).then(|| checks[i])
    }

    /// Central pull: the monitor sent check `ping` to `node`. Returns when a check of the view is
    /// due sooner than the pending one (the answer may come too late to spare a suspicion).
    pub fn probe_sent(&mut self, node: NodeId, ping: u64, now: SimTime) -> Option<SimTime> {
        let i = node.index();
        let checks = self.checks.as_mut()?;
        checks.get_mut(i)?.pending = Some((ping, now.ms()));
        self.earlier_deadline(i)
    }

    /// Central pull: `node`'s answer to check `ping`, carrying heartbeat key `key`, arrived. If it
    /// answers the pending check, the check succeeded and it is news ([`Answer::InTime`], with what
    /// [`View::heard`] returns). An answer to a check that has already failed is
    /// [`Answer::Late`]: the monitor ignores it.
    pub fn answered(
        &mut self,
        node: NodeId,
        ping: u64,
        key: u64,
        now: SimTime,
        out: &mut Vec<Transition>,
    ) -> Answer {
        let i = node.index();
        let Some(check) = self.checks.as_mut().and_then(|c| c.get_mut(i)) else {
            return Answer::Late;
        };
        if check.pending.map(|(p, _)| p) != Some(ping) {
            return Answer::Late;
        }
        *check = PullCheck::default();
        Answer::InTime(self.heard(node, key, now, out))
    }

    /// Central pull: check `ping` of `node` reached its timeout. If it was still waiting, it failed:
    /// the node is suspected, and declared dead once the failed checks in a row reach the count
    /// the settings ask for. Returns whether the check was still waiting (and so failed).
    pub fn probe_timed_out(
        &mut self,
        node: NodeId,
        ping: u64,
        now: SimTime,
        out: &mut Vec<Transition>,
    ) -> bool {
        let i = node.index();
        let Some(check) = self.checks.as_mut().and_then(|c| c.get_mut(i)) else {
            return false;
        };
        if check.pending.map(|(p, _)| p) != Some(ping) {
            return false;
        }
        check.pending = None;
        check.failed = check.failed.saturating_add(1);
        let failed = check.failed;
        let target = if failed >= self.failed_checks {
            Belief::Dead
        } else {
            Belief::Suspected
        };
        if let Some(slot) = self.slot_of(DetectorKind::Fixed) {
            let cause = Cause::ChecksFailed { ping, failed };
            self.escalate(i, slot, target, cause, now, out);
        }
        true
    }

    /// The slot detector `kind` runs in, if it runs.
    fn slot_of(&self, kind: DetectorKind) -> Option<usize> {
        self.detection.kinds().iter().position(|&k| k == kind)
    }
}

/// Central pull: what the monitor made of an answer to one of its checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// It answered the check still waiting: news, and a sooner view check if one is due.
    InTime(Option<SimTime>),
    /// Its check had already failed (or it answers no check): ignored.
    Late,
}

/// Central pull: where the monitor stands with its checks of one node.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct PullCheck {
    /// The check waiting for its answer: its number and when it was sent (ms).
    pending: Option<(u64, u64)>,
    /// Checks failed in a row since the last answered one.
    failed: u32,
}
