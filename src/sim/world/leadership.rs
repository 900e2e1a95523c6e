//! What the world does about leadership and work once beliefs change: who leads, who may move a
//! dead node's work, and, with a majority quorum and no monitor, the leases that make a leader
//! (see [`crate::sim::lease`]) and the work store that refuses a stale leader's writes by epoch.

use super::{Event, World};
use crate::sim::detector::Belief;
use crate::sim::id::{MONITOR, NodeId};
use crate::sim::lease::{Leases, Standing};
use crate::sim::metrics::Recovery;
use crate::sim::recovery::leader_of;
use crate::sim::time::SimTime;
use crate::sim::trace::TraceKind;

impl World {
    /// Whether leadership goes by leases: a majority quorum among nodes that keep their own views.
    pub(super) fn uses_leases(&self) -> bool {
        self.config.quorum && !self.config.topology.is_central()
    }

    /// Makes or drops the lease table after the quorum or the topology changed, and gives it the
    /// lease time in force (the fixed timeout).
    pub(super) fn refresh_leases(&mut self) {
        let lease_ms = self.config.detection.fixed.timeout_ms;
        let patience_ms = 2 * (self.config.interval_ms + self.config.network.max_delay_ms());
        let wanted = self.uses_leases();
        match (&mut self.leases, wanted) {
            (Some(l), true) => l.set_timing(lease_ms, patience_ms),
            (None, true) => {
                self.leases = Some(Leases::new(self.config.nodes, lease_ms, patience_ms))
            }
            (Some(_), false) => self.leases = None,
            (None, false) => {}
        }
    }

    /// The promise `node` sends with its heartbeats (0 without leases).
    pub(super) fn promise_of(&self, node: NodeId) -> u64 {
        self.leases.as_ref().map_or(0, |l| l.promise(node))
    }

    /// Node `o`'s own round of the lease protocol, at each of its heartbeats: choose and promise a
    /// leader, then count its own promises.
    pub(super) fn lease_round(&mut self, o: NodeId) {
        let now = self.now;
        let (Some(leases), Some(view)) = (&mut self.leases, self.observers.get(o)) else {
            return;
        };
        leases.round(
            o,
            now,
            |n| view.decision(n),
            |n| view.keys().get(n.index()).copied().unwrap_or(0),
        );
        self.stand(o);
    }

    /// Node `o` received news (a heartbeat with a promise, or gossip with every promise its sender
    /// knows): it learns the promises and renews its own if its leader's heartbeat is fresher.
    pub(super) fn lease_news(&mut self, o: NodeId, from: NodeId, promises: LeaseNews<'_>) {
        let now = self.now;
        let (Some(leases), Some(view)) = (&mut self.leases, self.observers.get(o)) else {
            return;
        };
        match promises {
            LeaseNews::One(p) => leases.learn_one(o, from, p),
            LeaseNews::All(all) => leases.learn_all(o, all),
        }
        leases.news(o, now, |n| view.keys().get(n.index()).copied().unwrap_or(0));
    }

    /// Node `o` counts the promises it knows of, takes or leaves the lead, and sets a check for the
    /// moment its lease would lapse. Called at its heartbeats, at that check, and before it acts.
    pub(super) fn stand(&mut self, o: NodeId) {
        let now = self.now;
        let Some(leases) = &mut self.leases else {
            return;
        };
        let work = &mut self.work;
        match leases.stand(o, now, || work.issue_epoch()) {
            Standing::Gained { promises } => {
                let epoch = leases.office(o).unwrap_or(0);
                let zombies = leases.others_in_office(o);
                self.trace.record(
                    now,
                    TraceKind::LeaseTaken {
                        node: o,
                        epoch,
                        promises,
                    },
                );
                for (node, epoch) in zombies {
                    self.trace.record(now, TraceKind::Zombie { node, epoch });
                }
                self.update_leaders();
                self.retry_stranded_work(o);
                self.stand(o);
            }
            Standing::Lost { epoch, lapsed_at } => {
                self.trace.record(
                    now,
                    TraceKind::LeaseLapsed {
                        node: o,
                        epoch,
                        lapsed_at,
                    },
                );
                self.update_leaders();
            }
            Standing::Holds { until } => {
                if self.lease_check[o.index()].is_none_or(|t| until < t) {
                    self.lease_check[o.index()] = Some(until);
                    self.schedule(until, Event::LeaseCheck { node: o.0 });
                }
            }
            Standing::NoQuorum { promises } => {
                self.trace
                    .record(now, TraceKind::NoQuorum { node: o, promises });
            }
            Standing::Follows => {}
        }
    }

    /// The moment a leader's lease would lapse: it counts again (put off while it is frozen, which
    /// is exactly what makes a paused leader a zombie until it wakes).
    pub(super) fn on_lease_check(&mut self, node: u32) {
        if self.deferred(node, &Event::LeaseCheck { node }) {
            return;
        }
        self.lease_check[node as usize] = None;
        if !self.nodes[node as usize].faults.crashed {
            self.stand(NodeId(node));
        }
    }

    /// A view believes `node` alive again: work stranded on nodes it still believes dead (because
    /// nobody was believed alive when they died) can move now.
    pub(super) fn retry_stranded_work(&mut self, observer: NodeId) {
        let stranded: Vec<NodeId> = match self.observer(observer) {
            Some(view) => (1..=self.config.nodes)
                .map(NodeId)
                .filter(|&n| {
                    self.work.count(n) > 0 && view.watches(n) && view.decision(n) == Belief::Dead
                })
                .collect(),
            None => return,
        };
        for n in stranded {
            let was_up = !self.nodes[n.index()].faults.crashed;
            self.recover_work(observer, n, was_up);
        }
    }

    /// `observer` declared `dead` dead: move its work and start its replacement, if `observer` may
    /// decide. Without a quorum every observer decides for itself. With one, the monitor decides
    /// only while it hears from a majority; without a monitor only the leader decides, and only
    /// after counting its promises (a leader whose lease lapsed steps down before it acts); its
    /// decision is a write to the work store that carries its epoch, and arrives after the network
    /// delay and whatever delay the leader has in sending.
    pub(super) fn recover_work(&mut self, observer: NodeId, dead: NodeId, was_up: bool) {
        if self.uses_leases() {
            self.stand(observer);
            let Some(epoch) = self.leases.as_ref().and_then(|l| l.office(observer)) else {
                return;
            };
            let node = &self.nodes[observer.index()];
            let delay = node.faults.overload.map_or(0, |o| o.extra_delay_ms)
                + self.network.link(observer, NodeId(0)).latency_ms;
            self.schedule(
                self.now.plus(delay),
                Event::StoreWrite {
                    by: observer.0,
                    dead: dead.0,
                    epoch,
                },
            );
            return;
        }
        if self.config.quorum {
            let hears_majority = self
                .observers
                .get(MONITOR)
                .is_some_and(|v| v.alive_count() * 2 > self.config.nodes);
            if !hears_majority {
                return;
            }
        }
        self.move_work(observer, dead, was_up, 0);
    }

    /// A leader's write reaches the work store: refused if a newer leader has written since (its
    /// epoch is older than the newest the store has seen), applied otherwise.
    pub(super) fn on_store_write(&mut self, by: u32, dead: u32, epoch: u64) {
        let (by, dead) = (NodeId(by), NodeId(dead));
        if let Err(current) = self.work.accept_epoch(epoch) {
            self.trace.record(
                self.now,
                TraceKind::WriteRefused {
                    by,
                    from: dead,
                    epoch,
                    current,
                },
            );
            return;
        }
        let was_up = !self.nodes[dead.index()].faults.crashed;
        self.move_work(by, dead, was_up, epoch);
    }

    /// Moves `dead`'s items to the nodes `by` believes alive, records it, and starts a replacement.
    fn move_work(&mut self, by: NodeId, dead: NodeId, was_up: bool, epoch: u64) {
        let view = self.observers.get(by);
        let Some(view) = view else { return };
        let moved = self.work.move_from(dead, view);
        for &(to, items) in &moved {
            self.trace.record(
                self.now,
                TraceKind::WorkMoved {
                    from: dead,
                    to,
                    items,
                    by,
                    epoch,
                },
            );
        }
        if !moved.is_empty() {
            self.metrics.recoveries.push(Recovery {
                at: self.now,
                node: dead,
                by,
                moved,
                was_up,
            });
        }
        self.start_replacement(dead);
    }

    /// Starts a replacement for `dead`, ready after the configured delay, unless one is already
    /// on its way (or replacements are off).
    pub(super) fn start_replacement(&mut self, dead: NodeId) {
        let Some(delay) = self.config.replace_after_ms else {
            return;
        };
        if std::mem::replace(&mut self.replacement_pending[dead.index()], true) {
            return;
        }
        let generation = self.nodes[dead.index()].generation;
        self.schedule(
            self.now.plus(delay),
            Event::Replace {
                node: dead.0,
                generation,
            },
        );
    }

    /// Recomputes who leads. With a monitor: its pick. With leases: every running node that
    /// believes it leads and truly holds its lease (a frozen leader whose lease lapsed is a
    /// zombie, not a leader). Otherwise every running node that is the lowest node it does not
    /// believe dead, in its own view.
    pub(super) fn update_leaders(&mut self) {
        let n = self.config.nodes;
        let now = self.now;
        let mut now_leader = vec![false; n as usize + 1];
        if let Some(view) = self.observers.get(MONITOR) {
            if let Some(l) = leader_of(view, n, self.config.quorum) {
                now_leader[l.index()] = true;
            }
        } else if let Some(leases) = &self.leases {
            for i in 1..=n {
                let me = NodeId(i);
                now_leader[me.index()] = !self.nodes[me.index()].faults.crashed
                    && leases.office(me).is_some()
                    && leases.truly_holds(me, now);
            }
        } else {
            for view in self.observers.iter() {
                let me = view.owner();
                if !self.nodes[me.index()].faults.crashed && leader_of(view, n, false) == Some(me) {
                    now_leader[me.index()] = true;
                }
            }
        }
        for (i, &elected) in now_leader.iter().enumerate().skip(1) {
            if elected != self.leader[i] {
                self.trace.record(
                    now,
                    TraceKind::Leader {
                        node: NodeId(i as u32),
                        elected,
                    },
                );
            }
        }
        self.leader = now_leader;
        let running_leaders = (1..=n as usize)
            .filter(|&i| self.leader[i] && !self.nodes[i].faults.crashed)
            .count() as u32;
        self.metrics.set_leaders(now, running_leaders);
    }

    /// Whether `node` believes it leads although its lease has lapsed (it is frozen and has not
    /// been able to count its promises): a zombie leader.
    pub fn is_zombie(&self, node: NodeId) -> bool {
        self.leases.as_ref().is_some_and(|l| {
            l.office(node).is_some()
                && !self.nodes[node.index()].faults.crashed
                && !l.truly_holds(node, self.now)
        })
    }

    /// The epoch `node` leads with, when leases decide leadership and it believes it leads.
    pub fn epoch_of(&self, node: NodeId) -> Option<u64> {
        self.leases.as_ref().and_then(|l| l.office(node))
    }

    /// Whether `node` truly holds a lease at `at` (a majority's own promises), for the page.
    pub fn lease_holds(&self, node: NodeId, at: SimTime) -> bool {
        self.leases
            .as_ref()
            .is_some_and(|l| l.truly_holds(node, at))
    }

    /// With leases deciding leadership, the newest epoch the work store has accepted (`Some(0)`
    /// before any write); `None` when leadership is not leased.
    pub fn leader_is_leased(&self) -> Option<u64> {
        self.leases.as_ref().map(|_| self.work.epoch())
    }
}

/// Promises that arrived with a message.
pub(super) enum LeaseNews<'a> {
    /// The sender's own promise (a heartbeat).
    One(u64),
    /// Every promise the sender knows of (gossip).
    All(&'a [u64]),
}
