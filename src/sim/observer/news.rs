//! News arriving at an observer: a heartbeat, or a gossiped table merged entry by entry, revives a
//! node a detector had given up on, and closes a false-positive episode once the node is heard
//! twice in a row, in time.

use super::*;
use crate::sim::detector::{Belief, Cause, Transition};
use crate::sim::id::NodeId;
use crate::sim::message::key_seq;
use crate::sim::time::SimTime;

impl Observer {
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

    pub(super) fn record(&mut self, i: usize, key: u64, now: SimTime) {
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
    pub(super) fn close_episode_if_heard_again(&mut self, i: usize, key: u64) {
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

    pub(super) fn revive(&mut self, i: usize, key: u64, now: SimTime, out: &mut Vec<Transition>) {
        self.revive_because(i, key, Cause::Heard { seq: key_seq(key) }, now, out);
    }

    /// Brings node `i` back to alive in every detector, for `cause`.
    pub(super) fn revive_because(
        &mut self,
        i: usize,
        key: u64,
        cause: Cause,
        now: SimTime,
        out: &mut Vec<Transition>,
    ) {
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
                    cause,
                    again: false,
                });
            }
        }
        self.rebase(i);
    }

    /// SWIM: the member that owns this view now believes `node` is `to`, for `cause`. Suspected
    /// and dead are raised one step at a time, as silence raises them; alive revives.
    pub fn swim_news(
        &mut self,
        node: NodeId,
        to: Belief,
        incarnation: u32,
        cause: Cause,
        now: SimTime,
        out: &mut Vec<Transition>,
    ) {
        if !self.watches(node) {
            return;
        }
        let i = node.index();
        match to {
            Belief::Alive => {
                let key = super::super::message::pack_key(incarnation, 0, 0);
                self.revive_because(i, key, cause, now, out);
            }
            worse => self.escalate(i, 0, worse, cause, now, out),
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

    pub(super) fn merge_fast(
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
        crate::sim::sort::by_key(&mut unwell_before, |&(u, k)| {
            crate::sim::sort::pair(u64::from(u), k)
        });
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
}
