//! One SWIM member, sans-I/O: it reacts to a message ([`Member::receive`]) or to the time
//! ([`Member::wake`], when [`Member::next_wake`] comes) by pushing what to send and what happened
//! into `out`. The caller delivers the messages; the member never sees a network or a clock.

use super::SwimSettings;
use super::broadcast::Broadcasts;
use super::suspicion::Suspicion;
pub use super::update::{State, Update};
use crate::sim::rng::SimRng;
use crate::sim::{NodeId, SimTime};

/// What a message asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// "Are you there?" (`seq` comes back in the ack).
    Ping {
        /// The prober's number for this probe.
        seq: u64,
    },
    /// "I am": the answer to a ping.
    Ack {
        /// The number of the ping it answers.
        seq: u64,
    },
    /// The target's ack, forwarded by a helper to the member that asked it to probe.
    Forwarded {
        /// The asker's number for its probe.
        seq: u64,
    },
    /// "Probe `target` for me" (an indirect probe).
    PingReq {
        /// The asker's number for its probe.
        seq: u64,
        /// The member to probe.
        target: NodeId,
    },
    /// Lifeguard: "I probed it for you and heard nothing" (the asker is still being heard).
    Nack {
        /// The asker's number for its probe.
        seq: u64,
    },
    /// Anti-entropy (memberlist's push-pull): the sender's whole view, in [`Msg::state`]; the
    /// receiver answers with its own ([`Body::SyncReply`]) and both merge what they hear.
    Sync,
    /// The answer to a [`Body::Sync`]: the receiver's whole view.
    SyncReply,
}

/// A message: what it asks, and the news riding on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    /// What it asks.
    pub body: Body,
    /// Membership news piggybacked on it.
    pub news: Vec<Update>,
    /// A sync's whole view (one entry per member); empty for every other message.
    pub state: Vec<Update>,
}

/// What happened at a member, for the log and the views.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// It asked `helpers` to probe `target`, which had not acked in time.
    AskedToProbe {
        /// The silent member.
        target: NodeId,
        /// The members asked.
        helpers: Vec<NodeId>,
    },
    /// It now believes `node` is in `state` at `incarnation`, because `by` said so (itself, for
    /// its own suspicion or declaration).
    Changed {
        /// Whom about.
        node: NodeId,
        /// The new state.
        state: State,
        /// Its incarnation.
        incarnation: u32,
        /// Who said it.
        by: NodeId,
    },
    /// It heard it was suspected (or declared dead) and refuted it with a new incarnation.
    Refuted {
        /// The new incarnation.
        incarnation: u32,
    },
}

/// What a member does: send a message, or tell what happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Out {
    /// Send `msg` to `to`.
    Send {
        /// The receiver.
        to: NodeId,
        /// The message.
        msg: Msg,
    },
    /// Something happened.
    Event(Event),
}

#[derive(Debug, Clone, PartialEq)]
struct Entry {
    state: State,
    incarnation: u32,
    suspicion: Option<Suspicion>,
}

/// The probe of the current protocol period.
#[derive(Debug, Clone, PartialEq)]
struct Probe {
    target: NodeId,
    seq: u64,
    /// When it asks others, if no ack has come.
    ask_at: SimTime,
    /// When the period ends.
    end_at: SimTime,
    acked: bool,
    asked: bool,
    nacks_expected: u32,
    nacks: u32,
}

/// A probe this member makes for another (an indirect probe).
#[derive(Debug, Clone, PartialEq)]
struct Relay {
    seq: u64,
    origin: NodeId,
    origin_seq: u64,
    nack_at: SimTime,
    done: bool,
}

/// One member of a SWIM cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    id: NodeId,
    members: u32,
    settings: SwimSettings,
    incarnation: u32,
    /// By node id; slot 0 is unused (SWIM has no monitor).
    view: Vec<Entry>,
    order: Vec<u32>,
    next: usize,
    seq: u64,
    next_probe_at: SimTime,
    probe: Option<Probe>,
    relays: Vec<Relay>,
    news: Broadcasts,
    /// The members it suspects (their entries hold a suspicion), so that finding the next
    /// deadline does not walk the whole view.
    suspects: Vec<u32>,
    /// Lifeguard's local health score, 0 (healthy) to `awareness_max_multiplier − 1`.
    awareness: u32,
    /// When it next syncs its whole view with a random member.
    next_sync_at: SimTime,
    /// How much slower than normal its process runs, in percent (100: normal): a slow member's
    /// timers fire late, so it probes less often and waits longer.
    slow_percent: u32,
}

impl Member {
    /// Member `id` of `members` (ids 1..=members), starting at `now` in `incarnation` and
    /// believing everyone alive. Its first probe comes within one protocol period, at a random
    /// moment so that members do not probe in step; a restarted member announces itself.
    pub fn new(
        id: NodeId,
        members: u32,
        settings: SwimSettings,
        incarnation: u32,
        now: SimTime,
        rng: &mut SimRng,
    ) -> Member {
        let view = (0..=members)
            .map(|_| Entry {
                state: State::Alive,
                incarnation: 0,
                suspicion: None,
            })
            .collect();
        let mut member = Member {
            id,
            members,
            settings,
            incarnation,
            view,
            order: Vec::new(),
            next: 0,
            seq: 0,
            next_probe_at: now.plus(rng.below(settings.probe_interval_ms)),
            // Staggered, as memberlist does, so that members do not sync in step.
            next_sync_at: now.plus(rng.below(settings.push_pull_ms(members))),
            slow_percent: 100,
            probe: None,
            relays: Vec::new(),
            news: Broadcasts::default(),
            suspects: Vec::new(),
            awareness: 0,
        };
        if let Some(me) = member.view.get_mut(id.index()) {
            me.incarnation = incarnation;
        }
        if incarnation > 0 {
            member.news.push(Update {
                node: id,
                incarnation,
                state: State::Alive,
                by: id,
            });
        }
        member
    }

    /// Its id.
    pub fn id(&self) -> NodeId {
        self.id
    }

    /// Its own incarnation.
    pub fn incarnation(&self) -> u32 {
        self.incarnation
    }

    /// What it believes of `node`, with the incarnation.
    pub fn belief(&self, node: NodeId) -> Option<(State, u32)> {
        if node == self.id {
            return Some((State::Alive, self.incarnation));
        }
        self.view
            .get(node.index())
            .filter(|_| node.0 >= 1)
            .map(|e| (e.state, e.incarnation))
    }

    /// Lifeguard's local health score: 0 when healthy; probing slows by this + 1.
    pub fn awareness(&self) -> u32 {
        self.awareness
    }

    /// The confirmations of its suspicion of `node`, if it suspects it.
    pub fn confirmations(&self, node: NodeId) -> Option<u32> {
        self.view
            .get(node.index())?
            .suspicion
            .as_ref()
            .map(Suspicion::confirmations)
    }

    /// How many updates wait to ride on its messages.
    pub fn news_waiting(&self) -> usize {
        self.news.len()
    }

    /// Makes its process run `percent` % slower than normal (100: normal), from its next timer on.
    pub fn set_slowness(&mut self, percent: u32) {
        self.slow_percent = percent.max(100);
    }

    /// A protocol timer's length: stretched by Lifeguard's health score and by slowness.
    fn scaled(&self, ms: u64) -> u64 {
        ms.saturating_mul(u64::from(self.awareness + 1))
            .saturating_mul(u64::from(self.slow_percent))
            / 100
    }

    /// When it next has something to do on its own.
    pub fn next_wake(&self) -> SimTime {
        let mut at = self.next_probe_at.min(self.next_sync_at);
        if let Some(p) = &self.probe {
            at = at.min(p.end_at);
            if !p.acked && !p.asked {
                at = at.min(p.ask_at);
            }
        }
        for r in self.relays.iter().filter(|r| !r.done) {
            at = at.min(r.nack_at);
        }
        for &i in &self.suspects {
            if let Some(s) = &self.view[i as usize].suspicion {
                at = at.min(s.deadline());
            }
        }
        at
    }

    /// Does everything due at `now`: declares suspects whose time is up, nacks relays that heard
    /// nothing, asks others to probe a silent target, ends the period, starts the next probe.
    pub fn wake(&mut self, now: SimTime, rng: &mut SimRng, out: &mut Vec<Out>) {
        self.declare_due(now, out);
        for i in 0..self.relays.len() {
            let r = &self.relays[i];
            if !r.done && r.nack_at <= now {
                let (origin, seq) = (r.origin, r.origin_seq);
                self.relays[i].done = true;
                self.send(origin, Body::Nack { seq }, out);
            }
        }
        self.relays.retain(|r| !r.done);
        self.ask_others_if_due(now, rng, out);
        if self.probe.as_ref().is_some_and(|p| p.end_at <= now) {
            self.end_period(now, out);
        }
        if self.probe.is_none() && self.next_probe_at <= now {
            self.start_probe(now, rng, out);
        }
        if self.next_sync_at <= now {
            self.start_sync(now, rng, out);
        }
    }

    /// Takes in a message from `from` at `now`: its news first, then what it asks.
    pub fn receive(&mut self, now: SimTime, from: NodeId, msg: &Msg, out: &mut Vec<Out>) {
        for update in &msg.news {
            self.apply(now, *update, out);
        }
        match msg.body {
            Body::Ping { seq } => self.send(from, Body::Ack { seq }, out),
            Body::Ack { seq } | Body::Forwarded { seq } => {
                if let Some(p) = self.probe.as_mut().filter(|p| p.seq == seq) {
                    p.acked = true;
                } else if let Some(r) = self.relays.iter_mut().find(|r| r.seq == seq && !r.done) {
                    r.done = true;
                    let (origin, seq) = (r.origin, r.origin_seq);
                    self.send(origin, Body::Forwarded { seq }, out);
                }
            }
            Body::Sync => {
                // memberlist answers with its own view before merging the sender's.
                let state = self.whole_view();
                self.send_with(from, Body::SyncReply, state, out);
                self.merge(now, &msg.state, out);
            }
            Body::SyncReply => self.merge(now, &msg.state, out),
            Body::PingReq { seq, target } => {
                self.seq += 1;
                let mine = self.seq;
                self.relays.push(Relay {
                    seq: mine,
                    origin: from,
                    origin_seq: seq,
                    nack_at: now.plus(self.settings.probe_timeout_ms),
                    done: false,
                });
                self.send(target, Body::Ping { seq: mine }, out);
            }
            Body::Nack { seq } => {
                if let Some(p) = self.probe.as_mut().filter(|p| p.seq == seq) {
                    p.nacks += 1;
                }
            }
        }
    }

    fn send(&mut self, to: NodeId, body: Body, out: &mut Vec<Out>) {
        self.send_with(to, body, Vec::new(), out);
    }

    fn send_with(&mut self, to: NodeId, body: Body, state: Vec<Update>, out: &mut Vec<Out>) {
        let news = self.news.take(self.settings.retransmits(self.members));
        out.push(Out::Send {
            to,
            msg: Msg { body, news, state },
        });
    }

    /// What it believes of every member, itself included, as updates.
    fn whole_view(&self) -> Vec<Update> {
        (1..=self.members)
            .map(|i| {
                let (state, incarnation) = self.belief(NodeId(i)).unwrap_or((State::Alive, 0));
                Update {
                    node: NodeId(i),
                    incarnation,
                    state,
                    by: self.id,
                }
            })
            .collect()
    }

    /// Anti-entropy: sends its whole view to one member it believes alive, chosen at random,
    /// every [`SwimSettings::push_pull_ms`]. A member that missed news (it was paused while the
    /// cluster declared it dead, or the news ran out of retransmits) learns it here.
    fn start_sync(&mut self, now: SimTime, rng: &mut SimRng, out: &mut Vec<Out>) {
        self.next_sync_at = now.plus(self.settings.push_pull_ms(self.members));
        let alive: Vec<u32> = (1..=self.members)
            .filter(|&i| i != self.id.0 && self.view[i as usize].state == State::Alive)
            .collect();
        if alive.is_empty() {
            return;
        }
        let to = NodeId(alive[rng.below(alive.len() as u64) as usize]);
        let state = self.whole_view();
        self.send_with(to, Body::Sync, state, out);
    }

    /// Merges another member's whole view as memberlist does: alive as alive, and both suspect
    /// and dead as a suspicion (a remote declaration is not trusted outright; the suspect can
    /// still refute). About itself, anything but alive is refuted.
    fn merge(&mut self, now: SimTime, state: &[Update], out: &mut Vec<Out>) {
        for &u in state {
            let state = match u.state {
                State::Alive => State::Alive,
                State::Suspect | State::Dead => State::Suspect,
            };
            // A suspicion already held is confirmed by this member itself, as memberlist does
            // (its merge says `From: m.config.Name`): once, however many views repeat it, and
            // never as if the sender had suspected on its own.
            let known = self.view.get(u.node.index()).filter(|_| u.node != self.id);
            let held = state == State::Suspect
                && known
                    .is_some_and(|k| k.state == State::Suspect && k.incarnation == u.incarnation);
            let by = if held { self.id } else { u.by };
            self.apply(now, Update { state, by, ..u }, out);
        }
    }

    fn start_probe(&mut self, now: SimTime, rng: &mut SimRng, out: &mut Vec<Out>) {
        self.next_probe_at = now.plus(self.scaled(self.settings.probe_interval_ms));
        let Some(target) = self.next_target(rng) else {
            return;
        };
        self.seq += 1;
        let seq = self.seq;
        self.probe = Some(Probe {
            target,
            seq,
            ask_at: now.plus(self.scaled(self.settings.probe_timeout_ms)),
            end_at: self.next_probe_at,
            acked: false,
            asked: false,
            nacks_expected: 0,
            nacks: 0,
        });
        self.send(target, Body::Ping { seq }, out);
    }

    /// The next member of the shuffled round-robin list that is not itself and not dead;
    /// reshuffles after each pass.
    fn next_target(&mut self, rng: &mut SimRng) -> Option<NodeId> {
        for _ in 0..2 {
            while self.next < self.order.len() {
                let id = self.order[self.next];
                self.next += 1;
                let probeable = id != self.id.0
                    && self
                        .view
                        .get(id as usize)
                        .is_some_and(|e| e.state != State::Dead);
                if probeable {
                    return Some(NodeId(id));
                }
            }
            self.order = (1..=self.members).collect();
            for i in (1..self.order.len()).rev() {
                let j = rng.below(i as u64 + 1) as usize;
                self.order.swap(i, j);
            }
            self.next = 0;
        }
        None
    }

    fn ask_others_if_due(&mut self, now: SimTime, rng: &mut SimRng, out: &mut Vec<Out>) {
        let Some(p) = self
            .probe
            .as_ref()
            .filter(|p| !p.acked && !p.asked && p.ask_at <= now)
        else {
            return;
        };
        let (target, seq) = (p.target, p.seq);
        let candidates: Vec<u32> = (1..=self.members)
            .filter(|&i| i != self.id.0 && i != target.0)
            .filter(|&i| self.view[i as usize].state == State::Alive)
            .collect();
        let mut picks = Vec::new();
        rng.distinct(
            candidates.len() as u32,
            self.settings.indirect_checks,
            &mut picks,
        );
        let helpers: Vec<NodeId> = picks
            .iter()
            .map(|&i| NodeId(candidates[i as usize]))
            .collect();
        if let Some(p) = self.probe.as_mut() {
            p.asked = true;
            p.nacks_expected = helpers.len() as u32;
        }
        for &h in &helpers {
            self.send(h, Body::PingReq { seq, target }, out);
        }
        if !helpers.is_empty() {
            out.push(Out::Event(Event::AskedToProbe { target, helpers }));
        }
    }

    fn end_period(&mut self, now: SimTime, out: &mut Vec<Out>) {
        let Some(p) = self.probe.take() else {
            return;
        };
        let max = self.settings.awareness_max_multiplier.saturating_sub(1);
        if p.acked {
            self.awareness = self.awareness.saturating_sub(1);
            return;
        }
        // Lifeguard: helpers that did not even nack suggest the fault is here, not at the target.
        let missed = if p.nacks_expected > 0 {
            p.nacks_expected.saturating_sub(p.nacks)
        } else {
            1
        };
        self.awareness = (self.awareness + missed).min(max);
        let known = &self.view[p.target.index()];
        if known.state == State::Alive {
            let update = Update {
                node: p.target,
                incarnation: known.incarnation,
                state: State::Suspect,
                by: self.id,
            };
            self.apply(now, update, out);
        }
    }

    fn declare_due(&mut self, now: SimTime, out: &mut Vec<Out>) {
        let mut due: Vec<u32> = self
            .suspects
            .iter()
            .copied()
            .filter(|&i| {
                self.view[i as usize]
                    .suspicion
                    .as_ref()
                    .is_some_and(|s| s.deadline() <= now)
            })
            .collect();
        if due.is_empty() {
            return;
        }
        crate::sim::sort::by_key(&mut due, |&i| u128::from(i));
        self.suspects.retain(|i| !due.contains(i));
        for i in due {
            let entry = &mut self.view[i as usize];
            entry.suspicion = None;
            entry.state = State::Dead;
            let update = Update {
                node: NodeId(i),
                incarnation: entry.incarnation,
                state: State::Dead,
                by: self.id,
            };
            self.news.push(update);
            out.push(Out::Event(Event::Changed {
                node: update.node,
                state: State::Dead,
                incarnation: update.incarnation,
                by: self.id,
            }));
        }
    }

    fn new_suspicion(&self, now: SimTime, by: NodeId) -> Suspicion {
        let s = &self.settings;
        let min = s.suspicion_min_ms(self.members);
        if !s.lifeguard_suspicion {
            return Suspicion::new(now, by, 0, min, min);
        }
        // memberlist: k = suspicion_mult − 2 confirmations expected, none in a tiny cluster.
        let k = s.suspicion_mult.saturating_sub(2);
        let k = if self.members.saturating_sub(2) < k {
            0
        } else {
            k
        };
        let max = min * u64::from(s.suspicion_max_timeout_mult);
        Suspicion::new(now, by, k, min, if k == 0 { min } else { max })
    }

    /// Takes in one piece of news, keeps it if it is new, and passes it on.
    fn apply(&mut self, now: SimTime, u: Update, out: &mut Vec<Out>) {
        if u.node == self.id {
            if u.state != State::Alive && u.incarnation >= self.incarnation {
                // Refute: a newer incarnation that says "alive" overrides the accusation.
                self.incarnation = u.incarnation + 1;
                self.view[self.id.index()].incarnation = self.incarnation;
                let max = self.settings.awareness_max_multiplier.saturating_sub(1);
                self.awareness = (self.awareness + 1).min(max);
                self.news.push(Update {
                    node: self.id,
                    incarnation: self.incarnation,
                    state: State::Alive,
                    by: self.id,
                });
                out.push(Out::Event(Event::Refuted {
                    incarnation: self.incarnation,
                }));
            }
            return;
        }
        let Some(known) = self.view.get(u.node.index()).filter(|_| u.node.0 >= 1) else {
            return;
        };
        let (state, incarnation) = (known.state, known.incarnation);
        let changed = match u.state {
            State::Alive => u.incarnation > incarnation,
            State::Suspect => {
                if state == State::Dead || u.incarnation < incarnation {
                    false
                } else if state == State::Suspect && u.incarnation == incarnation {
                    // A confirmation: Lifeguard shortens the timeout; pass it on once.
                    let confirmed = self.view[u.node.index()]
                        .suspicion
                        .as_mut()
                        .is_some_and(|s| s.confirm(u.by));
                    if confirmed {
                        self.news.push(u);
                    }
                    false
                } else {
                    true
                }
            }
            State::Dead => state != State::Dead && u.incarnation >= incarnation,
        };
        if !changed {
            return;
        }
        let suspicion = (u.state == State::Suspect).then(|| self.new_suspicion(now, u.by));
        let entry = &mut self.view[u.node.index()];
        entry.state = u.state;
        entry.incarnation = u.incarnation;
        entry.suspicion = suspicion;
        self.suspects.retain(|&i| i != u.node.0);
        if u.state == State::Suspect {
            self.suspects.push(u.node.0);
        }
        self.news.push(u);
        out.push(Out::Event(Event::Changed {
            node: u.node,
            state: u.state,
            incarnation: u.incarnation,
            by: u.by,
        }));
    }
}
