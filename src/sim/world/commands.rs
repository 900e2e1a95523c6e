//! Commands: what a learner or a scenario does to the world (faults, network changes, new
//! settings), checked and applied at the current virtual time.

use super::*;
use crate::sim::command::{Command, CommandError};
use crate::sim::config::{Config, DetectorKind, Field, Topology};
use crate::sim::detector::Belief;
use crate::sim::metrics::Failure;
use crate::sim::network::Partition;
use crate::sim::node::{MAX_INCARNATION, NodeId};
use crate::sim::trace::{FaultEvent, NetworkEvent, TraceKind};

impl World {
    pub(super) fn check_node(&self, node: NodeId) -> Result<(), CommandError> {
        if node.is_monitor() {
            return Err(CommandError::Monitor);
        }
        if node.0 > self.config.nodes {
            return Err(CommandError::NoSuchNode(node));
        }
        Ok(())
    }

    pub(super) fn check_running(&self, node: NodeId) -> Result<(), CommandError> {
        self.check_node(node)?;
        if self.nodes[node.index()].faults.crashed {
            return Err(CommandError::Crashed(node));
        }
        Ok(())
    }

    pub(super) fn check_endpoint(&self, who: NodeId) -> Result<(), CommandError> {
        if who.0 > self.config.nodes {
            return Err(CommandError::NoSuchNode(who));
        }
        Ok(())
    }

    pub(super) fn apply_inner(&mut self, command: &Command) -> Result<(), CommandError> {
        match command {
            Command::Crash { node } => {
                self.check_running(*node)?;
                self.crash(*node);
            }
            Command::Restart { node } => {
                self.check_node(*node)?;
                if !self.nodes[node.index()].faults.crashed {
                    return Err(CommandError::NotCrashed(*node));
                }
                self.restart(*node)?;
            }
            Command::Slow { node, percent } => {
                self.check_running(*node)?;
                if !(101..=100_000).contains(percent) {
                    return Err(CommandError::Invalid(format!(
                        "a slow-down factor must be between 1.01× and 1000×, not {}×",
                        crate::sim::fault::trim_factor(*percent)
                    )));
                }
                self.nodes[node.index()].faults.slow_percent = Some(*percent);
                self.fault_event(*node, FaultEvent::Slowed { percent: *percent });
            }
            Command::Pause { node, ms } => {
                self.check_running(*node)?;
                if *ms == 0 || *ms > crate::sim::limits::MAX_DURATION_MS {
                    return Err(CommandError::Invalid(
                        "a pause must last between 1 ms and one day".into(),
                    ));
                }
                let until = self.now.plus(*ms);
                let n = &mut self.nodes[node.index()];
                n.faults.paused_until = Some(n.faults.paused_until.map_or(until, |t| t.max(until)));
                let generation = n.generation;
                self.schedule(
                    until,
                    Event::Resume {
                        node: node.0,
                        generation,
                    },
                );
                self.fault_event(*node, FaultEvent::Paused { ms: *ms });
            }
            Command::Overload { node, overload } => {
                self.check_running(*node)?;
                if overload.drop_pct > 100
                    || overload.extra_delay_ms > crate::sim::limits::MAX_DURATION_MS
                {
                    return Err(CommandError::Invalid(
                        "an overload drops 0–100 % and delays by at most one day".into(),
                    ));
                }
                self.nodes[node.index()].faults.overload = Some(*overload);
                self.fault_event(*node, FaultEvent::Overloaded(*overload));
            }
            Command::Recover { node } => {
                self.check_running(*node)?;
                self.recover(*node);
            }
            Command::CutOff { node } => {
                self.check_node(*node)?;
                self.partition(&Partition::isolate(*node));
            }
            Command::Partition(p) => {
                for who in p.groups.iter().flatten() {
                    self.check_endpoint(*who)?;
                }
                if p.groups.len() > u16::MAX as usize {
                    return Err(CommandError::Invalid("too many partition groups".into()));
                }
                self.partition(p);
            }
            Command::CutOneWay { from, to } => {
                self.check_endpoint(*from)?;
                self.check_endpoint(*to)?;
                self.network.cut_one_way(*from, *to);
                self.trace.record(
                    self.now,
                    TraceKind::Network(NetworkEvent::CutOneWay {
                        from: *from,
                        to: *to,
                    }),
                );
            }
            Command::Heal => self.heal(),
            Command::ClearAllFaults => {
                if let Some(worn) = self.nodes[1..]
                    .iter()
                    .find(|n| n.faults.crashed && n.incarnation >= MAX_INCARNATION)
                {
                    // Refuse the whole command, as every refused command changes nothing.
                    return Err(worn.clone().restart().unwrap_err());
                }
                for i in 1..=self.config.nodes {
                    let id = NodeId(i);
                    if self.nodes[id.index()].faults.crashed {
                        self.restart(id)?;
                    } else if self.nodes[id.index()].faults != Default::default() {
                        self.recover(id);
                    }
                }
                if self.network.is_split() {
                    self.heal();
                }
            }
            Command::SetLink { from, to, link } => {
                self.check_endpoint(*from)?;
                self.check_endpoint(*to)?;
                link.validate().map_err(CommandError::Config)?;
                self.network.set_link(*from, *to, *link);
            }
            Command::Configure(new) => self.configure(new)?,
        }
        Ok(())
    }

    pub(super) fn configure(&mut self, new: &Config) -> Result<(), CommandError> {
        new.validate().map_err(CommandError::Config)?;
        let old = &self.config;
        let structural = [
            (old.nodes != new.nodes, Field::Nodes),
            (
                std::mem::discriminant(&old.topology) != std::mem::discriminant(&new.topology),
                Field::Topology,
            ),
            (
                old.detection.choice != new.detection.choice,
                Field::Detector,
            ),
            (old.work_items != new.work_items, Field::WorkItems),
            (
                old.detection.phi.window != new.detection.phi.window,
                Field::PhiWindow,
            ),
            (old.seed != new.seed, Field::Seed),
        ];
        if let Some((_, field)) = structural.iter().find(|(changed, _)| *changed) {
            return Err(CommandError::NeedsReset(*field));
        }
        let requests_changed = old.requests_per_sec != new.requests_per_sec;
        self.config = new.clone();
        self.refresh_leases();
        self.network.default_link = new.network;
        for v in self.observers.iter_mut() {
            v.retune(new);
        }
        for observer in self.observer_ids() {
            self.refresh_check(observer);
        }
        if requests_changed {
            self.queue = std::mem::take(&mut self.queue)
                .into_iter()
                .filter(|s| !matches!(s.event, Event::Request))
                .collect();
            self.requests = self.now.ms() * self.config.requests_per_sec as u64 / 1000;
            self.schedule_next_request();
        }
        self.trace.record(self.now, TraceKind::Reconfigured);
        self.update_leaders();
        Ok(())
    }

    pub(super) fn fault_event(&mut self, node: NodeId, event: FaultEvent) {
        self.trace
            .record(self.now, TraceKind::Fault { node, event });
    }

    pub(super) fn crash(&mut self, id: NodeId) {
        self.nodes[id.index()].crash();
        self.replacement_pending[id.index()] = false;
        self.fault_event(id, FaultEvent::Crashed);
        if let Some(leases) = &mut self.leases {
            leases.crashed(id);
        }
        // Whatever observers wrongly believed about it before, what comes next is about a crash.
        for v in self.observers.iter_mut() {
            v.forget_declarations(id);
        }
        self.metrics.failures.push(Failure {
            node: id,
            crashed_at: self.now,
            ended_at: None,
            detections: Vec::new(),
            first_suspected_ms: None,
        });
        // Observers that had already (wrongly) declared it dead are now right, at once: no belief
        // changes, so count their detection here, and start the replacement they would have started.
        let kinds = self.config.detection.kinds();
        let already: Vec<(NodeId, DetectorKind)> = self
            .observers
            .iter()
            .filter(|v| v.owner() != id && !self.nodes[v.owner().index()].faults.crashed)
            .flat_map(|v| {
                kinds
                    .iter()
                    .enumerate()
                    .filter(|&(slot, _)| v.belief(slot, id) == Belief::Dead)
                    .map(move |(_, &k)| (v.owner(), k))
            })
            .collect();
        for &(observer, detector) in &already {
            self.record_detection(id, observer, detector, self.now);
        }
        if already.iter().any(|&(_, k)| k == kinds[0]) {
            self.start_replacement(id);
        }
        self.update_leaders();
    }

    pub(super) fn restart(&mut self, id: NodeId) -> Result<(), CommandError> {
        let node = &mut self.nodes[id.index()];
        node.restart()?;
        let (incarnation, generation) = (node.incarnation, node.generation);
        self.replacement_pending[id.index()] = false;
        if let Some(f) = self
            .metrics
            .failures
            .iter_mut()
            .rev()
            .find(|f| f.node == id && f.ended_at.is_none())
        {
            f.ended_at = Some(self.now);
        }
        self.fault_event(id, FaultEvent::Restarted { incarnation });
        if !id.is_monitor() {
            // The restarted node forgets what it believed: its view says so for every node it had
            // given up on (recorded, not counted: nobody changed their mind about anything).
            let mut transitions = self.take_transitions();
            let (config, now) = (&self.config, self.now);
            if let Some(view) = self.observers.get_mut(id) {
                view.reset(config, now, &mut transitions);
            }
            for t in transitions.drain(..) {
                self.trace.record(t.at, TraceKind::Belief(t));
            }
            self.transitions = transitions;
            self.refresh_check(id);
        }
        if matches!(self.config.topology, Topology::Swim(_)) {
            self.start_swim_member(id, incarnation, generation);
        } else if self.config.topology != Topology::CentralPull {
            let first = self.rng.between(1, self.config.interval_ms);
            self.schedule(
                self.now.plus(first),
                Event::Heartbeat {
                    node: id.0,
                    generation,
                },
            );
        }
        self.update_leaders();
        Ok(())
    }

    pub(super) fn recover(&mut self, id: NodeId) {
        let f = &mut self.nodes[id.index()].faults;
        let was_paused = f.paused_at(self.now);
        f.slow_percent = None;
        f.paused_until = None;
        f.overload = None;
        self.fault_event(id, FaultEvent::Recovered);
        if was_paused {
            self.release_deferred(id);
        }
    }

    pub(super) fn partition(&mut self, p: &Partition) {
        self.network.partition(p);
        let groups = p.groups.len().max(1) as u32;
        self.trace.record(
            self.now,
            TraceKind::Network(NetworkEvent::Partitioned { groups }),
        );
    }

    pub(super) fn heal(&mut self) {
        self.network.heal();
        self.trace
            .record(self.now, TraceKind::Network(NetworkEvent::Healed));
    }
}
