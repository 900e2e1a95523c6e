//! Central pull: the monitor's numbered checks of each node, a failed check for every answer
//! that does not come within the timeout, and the failed checks in a row that declare a node dead.

use super::*;
use crate::sim::detector::{Belief, Cause, Transition};
use crate::sim::id::NodeId;
use crate::sim::time::SimTime;

impl Observer {
    /// With central pull, the monitor's checks of node `i`, when detector `slot` is the fixed one
    /// (which counts failed checks); `None` for every other detector and topology.
    pub(super) fn pull_check(&self, slot: usize, i: usize) -> Option<PullCheck> {
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
    /// [`Observer::heard`] returns). An answer to a check that has already failed is
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
    pub(super) fn slot_of(&self, kind: DetectorKind) -> Option<usize> {
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
pub(super) struct PullCheck {
    /// The check waiting for its answer: its number and when it was sent (ms).
    pub(super) pending: Option<(u64, u64)>,
    /// Checks failed in a row since the last answered one.
    pub(super) failed: u32,
}
