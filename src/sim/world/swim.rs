//! SWIM in the world: each member's protocol ([`crate::sim::swim::member::Member`]) is woken by
//! the world's queue and its messages travel the world's network, so every fault applies to them;
//! what a member comes to believe becomes its view's belief, a transition like any detector's.

use std::rc::Rc;

use super::*;
use crate::sim::config::Topology;
use crate::sim::detector::{Belief, Cause};
use crate::sim::message::Body;
use crate::sim::swim::member::{Event as SwimEvent, Member, Msg, Out, State};
use crate::sim::trace::TraceKind;

impl World {
    /// Starts `id`'s member at `incarnation` (a restarted node announces its new one).
    pub(super) fn start_swim_member(&mut self, id: NodeId, incarnation: u32, generation: u32) {
        let Topology::Swim(settings) = self.config.topology else {
            return;
        };
        let n = self.config.nodes;
        if self.swim.len() != n as usize + 1 {
            self.swim = vec![None; n as usize + 1];
        }
        let member = Member::new(id, n, settings, incarnation, self.now, &mut self.rng);
        self.swim[id.index()] = Some(member);
        self.swim_wake_at[id.index()] = None;
        self.schedule_swim_wake(id, generation);
    }

    /// Schedules the member's next wake, unless one is already scheduled no later.
    fn schedule_swim_wake(&mut self, id: NodeId, generation: u32) {
        let Some(at) = self.swim[id.index()].as_ref().map(Member::next_wake) else {
            return;
        };
        let at = at.max(self.now);
        if self.swim_wake_at[id.index()].is_some_and(|(t, _)| t <= at) {
            return;
        }
        self.swim_tokens += 1;
        let token = self.swim_tokens;
        self.swim_wake_at[id.index()] = Some((at, token));
        self.schedule(
            at,
            Event::SwimWake {
                node: id.0,
                generation,
                token,
            },
        );
    }

    pub(super) fn on_swim_wake(&mut self, node: u32, generation: u32, token: u64) {
        let id = NodeId(node);
        {
            let n = &self.nodes[id.index()];
            if n.faults.crashed || n.generation != generation {
                return;
            }
        }
        // Superseded by a sooner wake, which scheduled its own next one.
        if self.swim_wake_at[id.index()].map(|(_, t)| t) != Some(token) {
            return;
        }
        let event = Event::SwimWake {
            node,
            generation,
            token,
        };
        if self.deferred(node, &event) {
            // A frozen member wakes when it resumes (the same token: nothing sooner replaces it).
            return;
        }
        self.swim_wake_at[id.index()] = None;
        let Some(mut member) = self.swim[id.index()].take() else {
            return;
        };
        let mut out = Vec::new();
        member.set_slowness(self.nodes[id.index()].faults.slow_percent.unwrap_or(100));
        member.wake(self.now, &mut self.rng, &mut out);
        self.swim[id.index()] = Some(member);
        self.swim_outputs(id, out);
    }

    pub(super) fn on_swim_message(&mut self, to: NodeId, from: NodeId, msg: &Msg) {
        let Some(mut member) = self.swim.get_mut(to.index()).and_then(Option::take) else {
            return;
        };
        let mut out = Vec::new();
        member.receive(self.now, from, msg, &mut out);
        self.swim[to.index()] = Some(member);
        self.swim_outputs(to, out);
    }

    /// Sends what the member sends, makes what it now believes its view's belief, and schedules
    /// its next wake.
    fn swim_outputs(&mut self, id: NodeId, out: Vec<Out>) {
        let now = self.now;
        let mut transitions = self.take_transitions();
        let mut sends = Vec::new();
        for o in out {
            match o {
                Out::Send { to, msg } => sends.push((to, msg)),
                Out::Event(SwimEvent::Changed {
                    node,
                    state,
                    incarnation,
                    by,
                }) => {
                    let to = match state {
                        State::Alive => Belief::Alive,
                        State::Suspect => Belief::Suspected,
                        State::Dead => Belief::Dead,
                    };
                    let cause = Cause::Swim { by, incarnation };
                    if let Some(view) = self.observers.get_mut(id) {
                        view.swim_news(node, to, incarnation, cause, now, &mut transitions);
                    }
                }
                Out::Event(SwimEvent::AskedToProbe { target, helpers }) => {
                    let mut first = [0u32; 4];
                    for (slot, h) in first.iter_mut().zip(&helpers) {
                        *slot = h.0;
                    }
                    let asked = TraceKind::SwimAsked {
                        node: id,
                        target,
                        helpers: first,
                        count: helpers.len().min(255) as u8,
                    };
                    self.trace.record(now, asked);
                }
                Out::Event(SwimEvent::Refuted { incarnation }) => {
                    let refuted = TraceKind::SwimRefuted {
                        node: id,
                        incarnation,
                    };
                    self.trace.record(now, refuted);
                }
            }
        }
        self.settle(transitions);
        // An overloaded member drops a share of what it sends and answers late, as an overloaded
        // node drops and delays its heartbeats.
        let delay_ms = self.nodes[id.index()].send_delay();
        for (to, msg) in sends {
            if self.nodes[id.index()].drops_one(&mut self.rng) {
                continue;
            }
            self.send(id, to, Body::Swim(Rc::new(msg)), delay_ms);
        }
        let generation = self.nodes[id.index()].generation;
        self.schedule_swim_wake(id, generation);
    }

    /// SWIM: the member of node `id`, if it runs.
    pub fn swim_member(&self, id: NodeId) -> Option<&Member> {
        self.swim.get(id.index()).and_then(Option::as_ref)
    }
}
