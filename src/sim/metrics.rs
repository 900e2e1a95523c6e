//! What a run measured: detection latency of each real failure, false positives and false
//! suspicions per detector, message cost, failed requests, leaders and where work went.

use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

pub use super::capped::{Capped, MAX_HISTORY};
use super::detector::DetectorKind;
use super::id::NodeId;
use super::network::DropReason;
use super::time::SimTime;

/// Counters of one failure detector over the run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DetectorMetrics {
    /// Declared a node dead while it was really running (slow, overloaded, paused or cut off):
    /// once per observer and episode. An episode ends when the observer has heard from the node
    /// twice in a row, so a node flapping dead → alive → dead within one pause or slow spell
    /// counts once per observer.
    pub false_positives: u64,
    /// The same mistakes for the cluster as a whole: episodes in which at least one observer
    /// declared a running node dead, however many observers did (so topologies with one observer
    /// and with N compare).
    pub cluster_false_positives: u64,
    /// Suspected a node while it was really running.
    pub false_suspicions: u64,
    /// Declared a crashed node dead (a correct detection).
    pub detections: u64,
    /// Sum of detection latencies (crash to declared dead), in ms.
    pub latency_sum_ms: u64,
    /// Longest detection latency, in ms.
    pub latency_max_ms: u64,
}

impl DetectorMetrics {
    /// Mean detection latency in ms, if anything was detected.
    pub fn mean_latency_ms(&self) -> Option<f64> {
        (self.detections > 0).then(|| self.latency_sum_ms as f64 / self.detections as f64)
    }
}

/// One observer declaring a crashed node dead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Detection {
    /// Who declared it (0 = the monitor).
    pub observer: NodeId,
    /// With which detector.
    pub detector: DetectorKind,
    /// Milliseconds from the crash to the declaration.
    pub latency_ms: u64,
}

/// A real failure (a crash) and who noticed it, how fast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Failure {
    /// The node that crashed.
    pub node: NodeId,
    /// When it crashed.
    pub crashed_at: SimTime,
    /// When it was restarted or replaced, if it was.
    pub ended_at: Option<SimTime>,
    /// Every declaration of its death while it was down, in order.
    pub detections: Vec<Detection>,
    /// Milliseconds from the crash to its first suspicion by the deciding detector, anywhere.
    #[serde(default)]
    pub first_suspected_ms: Option<u64>,
}

/// Work items moving away from a node declared dead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recovery {
    /// When.
    pub at: SimTime,
    /// The node declared dead.
    pub node: NodeId,
    /// The observer whose declaration moved the work.
    pub by: NodeId,
    /// Where the items went: (node, how many).
    pub moved: Vec<(NodeId, u32)>,
    /// Whether the node was in fact running (the move was caused by a false positive).
    pub was_up: bool,
}

/// Counts per second over a sliding window of whole seconds of virtual time.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RateMeter {
    /// (second, messages, bytes) for the most recent seconds.
    buckets: VecDeque<(u64, u64, u64)>,
}

impl RateMeter {
    /// How many whole seconds the window spans.
    pub const WINDOW_SECS: u64 = 10;

    fn add(&mut self, now: SimTime, bytes: u64) {
        let sec = now.ms() / 1000;
        match self.buckets.back_mut() {
            Some((s, m, b)) if *s == sec => {
                *m += 1;
                *b += bytes;
            }
            _ => {
                self.buckets.push_back((sec, 1, bytes));
                while self
                    .buckets
                    .front()
                    .is_some_and(|(s, _, _)| s + Self::WINDOW_SECS < sec)
                {
                    self.buckets.pop_front();
                }
            }
        }
    }

    /// Messages and bytes per second over the last whole seconds before `now` (up to the window).
    pub fn rates(&self, now: SimTime) -> (f64, f64) {
        let current = now.ms() / 1000;
        let first = current.saturating_sub(Self::WINDOW_SECS);
        let span = current - first;
        if span == 0 {
            return (0.0, 0.0);
        }
        let (m, b) = self
            .buckets
            .iter()
            .filter(|(s, _, _)| *s >= first && *s < current)
            .fold((0, 0), |(m, b), (_, mm, bb)| (m + mm, b + bb));
        (m as f64 / span as f64, b as f64 / span as f64)
    }
}

/// The client requests of one second of virtual time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestSecond {
    /// The second, from the start of the run.
    pub second: u64,
    /// Requests served in it.
    pub ok: u32,
    /// Requests that failed in it.
    pub failed: u32,
}

/// Everything a run measured.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// The fixed-timeout detector's counters (zero if it did not run).
    pub fixed: DetectorMetrics,
    /// The phi accrual detector's counters (zero if it did not run).
    pub phi: DetectorMetrics,
    /// SWIM's counters (zero unless the members ran SWIM).
    #[serde(default)]
    pub swim: DetectorMetrics,
    /// The deciding detector's false positives by observer (indexed by node id; 0 is the
    /// monitor): which observers declare running nodes dead.
    #[serde(default)]
    pub false_positives_by: Vec<u64>,
    /// The crashes of the run, with their detections (the newest [`MAX_HISTORY`]).
    pub failures: Capped<Failure>,
    /// Messages sent (heartbeats, pings, gossip).
    pub messages_sent: u64,
    /// Messages sent by each sender (indexed by node id; 0 is the monitor).
    #[serde(default)]
    pub sent_by: Vec<u64>,
    /// Modelled bytes sent.
    pub bytes_sent: u64,
    /// Messages delivered.
    pub delivered: u64,
    /// Messages dropped, by reason (loss, partition, one-way cut, receiver down).
    pub dropped: [u64; 4],
    /// Client requests that were served.
    pub requests_ok: u64,
    /// Client requests sent to a node that was down, unreachable or too overloaded to answer.
    pub requests_failed: u64,
    /// Client requests second by second, for every second that had any (the newest
    /// [`MAX_HISTORY`]): when requests failed, and when they stopped failing.
    #[serde(default)]
    pub requests_by_second: Capped<RequestSecond>,
    /// Leaders right now (more than one among running nodes is split brain).
    pub leaders: u32,
    /// (time, number of leaders) at every change (the newest [`MAX_HISTORY`]).
    pub leader_history: Capped<(SimTime, u32)>,
    /// Total virtual time with more than one leader, in ms (up to the last change).
    pub split_brain_ms: u64,
    /// The last change of the leader count (kept even when the history is full).
    last_leader_change: Option<(SimTime, u32)>,
    /// The times work moved away from a node declared dead (the newest [`MAX_HISTORY`]).
    pub recoveries: Capped<Recovery>,
    /// Replacements started for nodes declared dead.
    pub replacements: u64,
    /// Replacements started for nodes that were in fact running.
    pub wasted_replacements: u64,
    /// Recent message and byte rates.
    pub rate: RateMeter,
}

impl Metrics {
    /// The member that sent the most messages, with how many (the monitor not counted).
    pub fn busiest_sender(&self) -> Option<(NodeId, u64)> {
        self.sent_by
            .iter()
            .enumerate()
            .skip(1)
            .max_by_key(|&(i, &c)| (c, std::cmp::Reverse(i)))
            .map(|(i, &c)| (NodeId(i as u32), c))
    }

    /// The deciding detector's false positives by `observer`.
    pub fn false_positives_of(&self, observer: NodeId) -> u64 {
        self.false_positives_by
            .get(observer.index())
            .copied()
            .unwrap_or(0)
    }

    /// The counters of one detector.
    pub fn detector(&self, kind: DetectorKind) -> &DetectorMetrics {
        match kind {
            DetectorKind::Fixed => &self.fixed,
            DetectorKind::Phi => &self.phi,
            DetectorKind::Swim => &self.swim,
        }
    }

    pub(crate) fn detector_mut(&mut self, kind: DetectorKind) -> &mut DetectorMetrics {
        match kind {
            DetectorKind::Fixed => &mut self.fixed,
            DetectorKind::Phi => &mut self.phi,
            DetectorKind::Swim => &mut self.swim,
        }
    }

    pub(crate) fn sent(&mut self, now: SimTime, from: NodeId, bytes: u64) {
        self.messages_sent += 1;
        count_at(&mut self.sent_by, from);
        self.bytes_sent += bytes;
        self.rate.add(now, bytes);
    }

    /// Counts one client request at `now`, served or failed.
    pub(crate) fn count_request(&mut self, now: SimTime, failed: bool) {
        if failed {
            self.requests_failed += 1;
        } else {
            self.requests_ok += 1;
        }
        let second = now.ms() / 1000;
        if self
            .requests_by_second
            .back()
            .is_none_or(|b| b.second != second)
        {
            self.requests_by_second.push(RequestSecond {
                second,
                ..RequestSecond::default()
            });
        }
        if let Some(b) = self.requests_by_second.back_mut() {
            if failed {
                b.failed += 1;
            } else {
                b.ok += 1;
            }
        }
    }

    pub(crate) fn drop_counted(&mut self, reason: DropReason) {
        self.dropped[reason as usize] += 1;
    }

    /// Messages dropped for any reason.
    pub fn dropped_total(&self) -> u64 {
        self.dropped.iter().sum()
    }

    /// Messages dropped for this reason.
    pub fn dropped_for(&self, reason: DropReason) -> u64 {
        self.dropped[reason as usize]
    }

    pub(crate) fn set_leaders(&mut self, now: SimTime, count: u32) {
        if self.last_leader_change.is_some_and(|(_, c)| c == count) {
            return;
        }
        if let Some((since, before)) = self.last_leader_change {
            if before > 1 {
                self.split_brain_ms += now.since(since);
            }
        }
        self.leaders = count;
        self.last_leader_change = Some((now, count));
        self.leader_history.push((now, count));
    }

    /// Total time with more than one leader up to `now`.
    pub fn split_brain_ms_at(&self, now: SimTime) -> u64 {
        match self.last_leader_change {
            Some((since, count)) if count > 1 => self.split_brain_ms + now.since(since),
            _ => self.split_brain_ms,
        }
    }

    /// Heartbeat messages per second over the whole run up to `now`.
    pub fn messages_per_sec(&self, now: SimTime) -> f64 {
        if now.ms() == 0 {
            0.0
        } else {
            self.messages_sent as f64 * 1000.0 / now.ms() as f64
        }
    }

    /// Bytes per second over the whole run up to `now`.
    pub fn bytes_per_sec(&self, now: SimTime) -> f64 {
        if now.ms() == 0 {
            0.0
        } else {
            self.bytes_sent as f64 * 1000.0 / now.ms() as f64
        }
    }

    /// The cluster-level false positives of a detector (episodes in which at least one observer
    /// declared a running node dead) per hour of virtual time.
    pub fn false_positives_per_hour(&self, kind: DetectorKind, now: SimTime) -> f64 {
        if now.ms() == 0 {
            0.0
        } else {
            self.detector(kind).cluster_false_positives as f64 * 3_600_000.0 / now.ms() as f64
        }
    }
}

/// Adds one to `counts` at `node`'s index, growing it as needed (counters by node id).
pub(crate) fn count_at(counts: &mut Vec<u64>, node: NodeId) {
    if counts.len() <= node.index() {
        counts.resize(node.index() + 1, 0);
    }
    counts[node.index()] += 1;
}
