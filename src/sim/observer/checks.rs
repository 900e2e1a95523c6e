//! When an observer's detectors change their minds: the next deadline of each node, and the
//! check that moves beliefs as far as the silence (or, with central pull, a waiting check) warrants.

use super::*;
use crate::sim::detector::{Belief, Cause, Transition};
use crate::sim::id::NodeId;
use crate::sim::time::SimTime;

impl Observer {
    /// The next time a detector may change its mind about node `i`.
    pub(super) fn deadline(&self, i: usize) -> Option<u64> {
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

    pub(super) fn earlier_deadline(&self, i: usize) -> Option<SimTime> {
        let at = self.deadline(i)?;
        match self.next_check {
            Some(pending) if pending.ms() <= at => None,
            _ => Some(SimTime(at)),
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
    pub(super) fn check_fast(
        &mut self,
        now: SimTime,
        out: &mut Vec<Transition>,
    ) -> Option<SimTime> {
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
    pub(super) fn apply_due(&mut self, i: usize, now: SimTime, out: &mut Vec<Transition>) {
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
    pub(super) fn escalate(
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
}
