//! Detection: when observers re-evaluate their detectors, and what a change of belief counts as
//! (a detection, a false positive, a false suspicion) before leadership and work react to it.

use super::*;
use crate::sim::config::DetectorKind;
use crate::sim::detector::{Belief, Transition};
use crate::sim::metrics::{Detection, Failure, count_at};
use crate::sim::node::NodeId;
use crate::sim::observer::Observer;
use crate::sim::time::SimTime;
use crate::sim::trace::TraceKind;

impl World {
    pub(super) fn on_check(&mut self, observer: u32) {
        let id = NodeId(observer);
        if !id.is_monitor() && self.nodes[id.index()].faults.crashed {
            // A crashed node's view is frozen; it starts afresh on restart.
            if let Some(v) = self.observers.get_mut(id) {
                v.next_check = None;
            }
            return;
        }
        let now = self.now;
        if self
            .observers
            .get_mut(id)
            .is_none_or(|v| v.next_check != Some(now))
        {
            return; // superseded by an earlier check
        }
        if let Some(until) = self.nodes[id.index()]
            .faults
            .paused_until
            .filter(|&t| t > now)
        {
            // A frozen node checks nothing until it resumes.
            if let Some(v) = self.observers.get_mut(id) {
                v.next_check = Some(until);
            }
            self.push(until, Event::Check { observer }, true);
            return;
        }
        self.observe(id, |view, out| {
            let next = view.check(now, out);
            view.next_check = None;
            next
        });
    }

    /// The world's list of transitions, emptied, for a view to push its changes of mind to.
    pub(super) fn take_transitions(&mut self) -> Vec<Transition> {
        let mut transitions = std::mem::take(&mut self.transitions);
        transitions.clear();
        transitions
    }

    /// Deals with what views pushed (counts it, then leadership and work react) and keeps the
    /// list for next time.
    pub(super) fn settle(&mut self, mut transitions: Vec<Transition>) {
        self.after_transitions(&mut transitions);
        self.transitions = transitions;
    }

    /// Lets `observer`'s view change its mind with `f`, which returns when the view should next
    /// be checked (if sooner than planned); then settles what changed.
    pub(super) fn observe(
        &mut self,
        observer: NodeId,
        f: impl FnOnce(&mut Observer, &mut Vec<Transition>) -> Option<SimTime>,
    ) {
        let mut transitions = self.take_transitions();
        let sooner = self
            .observers
            .get_mut(observer)
            .and_then(|view| f(view, &mut transitions));
        if let Some(at) = sooner {
            self.schedule_check(observer, at);
        }
        self.settle(transitions);
    }

    /// Schedules a check of `observer`'s view at `at` (replacing a later pending one).
    pub(super) fn schedule_check(&mut self, observer: NodeId, at: SimTime) {
        let at = at.max(self.now);
        let Some(view) = self.observers.get_mut(observer) else {
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
    pub(super) fn refresh_check(&mut self, observer: NodeId) {
        let now = self.now;
        if !observer.is_monitor() {
            let faults = self.nodes[observer.index()].faults;
            if faults.crashed {
                // A crashed node's view is frozen until it restarts.
                return;
            }
            if faults.paused_at(now) {
                // Let the check's own guard put it off until the pause ends.
                if let Some(v) = self.observers.get_mut(observer) {
                    v.next_check = None;
                }
                self.schedule_check(observer, now);
                return;
            }
        }
        self.observe(observer, |view, out| {
            view.next_check = None;
            view.check(now, out)
        });
    }

    pub(super) fn after_transitions(&mut self, transitions: &mut Vec<Transition>) {
        if transitions.is_empty() {
            return;
        }
        let mut leaders_dirty = false;
        for t in transitions.drain(..) {
            self.trace.record(t.at, TraceKind::Belief(t));
            let crashed = self.nodes[t.node.index()].faults.crashed;
            let deciding = self.config.detection.kinds()[0] == t.detector;
            match t.to {
                Belief::Dead if crashed => {
                    self.record_detection(t.node, t.observer, t.detector, t.at)
                }
                Belief::Dead if !t.again => self.count_false_positive(&t),
                Belief::Suspected if !crashed => {
                    self.metrics.detector_mut(t.detector).false_suspicions += 1
                }
                Belief::Suspected if deciding => self.record_suspicion(t.node, t.at),
                _ => {}
            }
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
    pub(super) fn count_false_positive(&mut self, t: &Transition) {
        let slot = self
            .detectors()
            .iter()
            .position(|&k| k == t.detector)
            .unwrap_or(0);
        let others_erring = self.observers.iter().any(|v| {
            v.owner() != t.observer
                && !self.nodes[v.owner().index()].faults.crashed
                && v.declared(slot, t.node)
        });
        if slot == 0 {
            count_at(&mut self.metrics.false_positives_by, t.observer);
        }
        let m = self.metrics.detector_mut(t.detector);
        m.false_positives += 1;
        if !others_erring {
            m.cluster_false_positives += 1;
        }
    }

    /// The crash of `node` still in progress, if any.
    fn open_failure(&mut self, node: NodeId) -> Option<&mut Failure> {
        self.metrics
            .failures
            .iter_mut()
            .rev()
            .find(|f| f.node == node && f.ended_at.is_none())
    }

    /// Notes the first suspicion of the crashed `node` by the deciding detector, anywhere.
    fn record_suspicion(&mut self, node: NodeId, at: SimTime) {
        if let Some(f) = self.open_failure(node) {
            f.first_suspected_ms.get_or_insert(at.since(f.crashed_at));
        }
    }

    /// Counts `observer` declaring the crashed `node` dead, once per failure, observer and detector
    /// (stale gossip can revive a crashed node in a view and have it declared dead again).
    pub(super) fn record_detection(
        &mut self,
        node: NodeId,
        observer: NodeId,
        detector: DetectorKind,
        at: SimTime,
    ) {
        let Some(f) = self.open_failure(node) else {
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
}
