//! Event handlers: a node's heartbeat timer, the monitor's pull checks, messages sent and
//! delivered, pauses ending, client requests and replacements.

use std::rc::Rc;

use super::leadership::LeaseNews;
use super::*;
use crate::sim::message::{Body, Message, MessageKind, pack_key};
use crate::sim::network::DropReason;
use crate::sim::node::{MONITOR, NodeId, Output};
use crate::sim::observer::Answer;
use crate::sim::time::SimTime;
use crate::sim::trace::{FaultEvent, TraceKind};

/// A node's heartbeat table and, with leases, the promises it knows of, as one gossip round sends them.
type GossipSnapshot = (Rc<[u64]>, Option<Rc<[u64]>>);

impl World {
    pub(super) fn load_of(&self, id: NodeId) -> u8 {
        let node = &self.nodes[id.index()];
        if node.faults.overload.is_some() {
            return 100;
        }
        let fair = (self.config.work_items as f64 / self.config.nodes as f64).max(1.0);
        (10.0 + 40.0 * self.work.count(id) as f64 / fair).min(95.0) as u8
    }

    pub(super) fn on_heartbeat(&mut self, node: u32, generation: u32) {
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
        if let Some(view) = self.observers.get_mut(id) {
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
                            Rc::from(self.observers.get(id).map_or(&[][..], |v| v.keys())),
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
    pub(super) fn on_probe(&mut self, node: u32) {
        self.last_ping += 1;
        let ping = self.last_ping;
        let now = self.now;
        self.send(MONITOR, NodeId(node), Body::Ping { id: ping }, 0);
        let sooner = self
            .observers
            .get_mut(MONITOR)
            .and_then(|v| v.probe_sent(NodeId(node), ping, now));
        if let Some(at) = sooner {
            self.schedule_check(MONITOR, at);
        }
        let timeout = self.config.detection.fixed.timeout_ms;
        self.schedule(now.plus(timeout), Event::ProbeTimeout { node, ping });
    }

    pub(super) fn on_probe_timeout(&mut self, node: u32, ping: u64) {
        let now = self.now;
        let mut failed = false;
        self.observe(MONITOR, |view, out| {
            failed = view.probe_timed_out(NodeId(node), ping, now, out);
            None
        });
        if failed {
            self.schedule(now.plus(self.config.interval_ms), Event::Probe { node });
        }
    }

    pub(super) fn send(&mut self, from: NodeId, to: NodeId, body: Body, delay_ms: u64) {
        let kind = body.kind();
        let seq = body.seq();
        self.metrics.sent(self.now, from, body.wire_bytes());
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

    pub(super) fn dropped(
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

    pub(super) fn on_deliver(&mut self, msg: Message) {
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
        let mut transitions = self.take_transitions();
        let now = self.now;
        let sooner = match msg.body {
            Body::Heartbeat(hb) => {
                let view = self.observers.get_mut(to);
                let sooner = match view {
                    Some(v) => v.heard(hb.from, hb.key(), now, &mut transitions),
                    None => None,
                };
                self.lease_news(to, hb.from, LeaseNews::One(hb.promise));
                sooner
            }
            Body::Answer { ping, asked_at, hb } => match self.observers.get_mut(MONITOR) {
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
            Body::Swim(swim) => {
                self.settle(transitions);
                return self.on_swim_message(to, from, &swim);
            }
            Body::Gossip { keys, promises } => {
                let sooner = self
                    .observers
                    .get_mut(to)
                    .and_then(|v| v.merge(&keys, now, &mut transitions));
                if let Some(all) = &promises {
                    self.lease_news(to, from, LeaseNews::All(all));
                }
                sooner
            }
        };
        if let Some(at) = sooner {
            self.schedule_check(to, at);
        }
        self.settle(transitions);
    }

    pub(super) fn on_resume(&mut self, node: u32, generation: u32) {
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

    pub(super) fn schedule_next_request(&mut self) {
        let rps = self.config.requests_per_sec as u64;
        if rps == 0 || self.work.is_empty() {
            return;
        }
        self.requests += 1;
        let at = SimTime(self.requests * 1000 / rps).max(self.now);
        self.schedule(at, Event::Request);
    }

    pub(super) fn on_request(&mut self) {
        let item = self.rng.below(self.work.len() as u64) as usize;
        let owner = self.work.owner(item);
        let n = &self.nodes[owner.index()];
        let failed = n.faults.crashed
            || n.faults.paused_at(self.now)
            || !self.network.client_reaches(owner)
            || n.faults
                .overload
                .is_some_and(|o| self.rng.chance(o.drop_pct as f64 / 100.0));
        self.metrics.count_request(self.now, failed);
        self.schedule_next_request();
    }

    pub(super) fn on_replace(&mut self, node: u32, generation: u32) {
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
}
