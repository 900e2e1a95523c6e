//! With a majority quorum, leadership is a lease: a majority promised the leader, within the lease
//! time, not to follow anyone else; a node whose lease lapsed steps down before it acts; and work
//! moved by a stale leader is refused by its epoch (a fencing token). These are the guarantees
//! real systems give (Raft's leader lease, Kubernetes leases, fencing tokens), checked on many seeds.

use crate::common::*;
use faultlab::sim::{Command, Config, NodeId, Overload, SimTime, Topology, TraceKind, World};

fn cluster(topology: Topology, nodes: u32, seed: u64) -> Config {
    let mut c = config(topology, nodes, 1000, 4000, seed);
    c.quorum = true;
    c.network = link(50, 20);
    c
}

/// Steps through the run to `until_ms`, checking after every event that at most one running,
/// unfrozen node acts as leader; returns how many milliseconds had two or more.
fn ms_with_two_acting_leaders(w: &mut World, until_ms: u64) -> u64 {
    let mut doubled = 0;
    let mut last = w.now();
    while w.next_event_at().is_some_and(|t| t.ms() <= until_ms) {
        w.step();
        if w.leaders().len() > 1 {
            doubled += w.now().since(last);
        }
        last = w.now();
    }
    w.run_until(SimTime(until_ms));
    doubled
}

#[test]
fn a_one_way_cut_from_the_leader_does_not_make_a_second_leader() {
    // 1 → 2 blocked: node 2 stops hearing node 1 and would lead "in its own view"; the others
    // still promise node 1, so node 2 finds no majority and node 1 keeps its work.
    for seed in 1..=30 {
        for topology in [Topology::AllToAll, Topology::RandomK { k: 2 }] {
            let mut w = World::new(cluster(topology, 5, seed)).unwrap();
            w.advance(8_000);
            assert_eq!(w.leaders(), vec![NodeId(1)], "seed {seed} {topology:?}");
            let work_of_1 = w.work().count(NodeId(1));
            apply(
                &mut w,
                Command::CutOneWay {
                    from: NodeId(1),
                    to: NodeId(2),
                },
            );
            let doubled = ms_with_two_acting_leaders(&mut w, 28_000);
            assert_eq!(
                doubled, 0,
                "seed {seed} {topology:?}: two leaders for {doubled} ms"
            );
            assert_eq!(w.leaders(), vec![NodeId(1)], "seed {seed} {topology:?}");
            assert!(
                w.work().count(NodeId(1)) >= work_of_1,
                "seed {seed} {topology:?}: node 2 took node 1's work"
            );
        }
    }
}

#[test]
fn a_paused_leader_does_not_lead_beside_the_new_one_and_steps_down_when_it_wakes() {
    for seed in 1..=30 {
        let mut w = World::new(cluster(Topology::AllToAll, 5, seed)).unwrap();
        w.set_trace_capacity(100_000);
        w.advance(8_000);
        assert_eq!(w.leaders(), vec![NodeId(1)], "seed {seed}");
        apply(
            &mut w,
            Command::Pause {
                node: NodeId(1),
                ms: 15_000,
            },
        );
        let doubled = ms_with_two_acting_leaders(&mut w, 40_000);
        assert_eq!(
            doubled, 0,
            "seed {seed}: two acting leaders for {doubled} ms"
        );
        assert_eq!(
            w.leaders(),
            vec![NodeId(2)],
            "seed {seed}: node 2 leads now"
        );
        let kinds: Vec<TraceKind> = w.trace().recent().map(|e| e.kind).collect();
        assert!(
            kinds
                .iter()
                .any(|k| matches!(k, TraceKind::Zombie { node, .. } if *node == NodeId(1))),
            "seed {seed}: the log names the frozen node 1 as a zombie leader"
        );
        assert!(
            kinds
                .iter()
                .any(|k| matches!(k, TraceKind::LeaseLapsed { node, .. } if *node == NodeId(1))),
            "seed {seed}: node 1 steps down when it wakes"
        );
        // Node 1 moved nothing after its lease lapsed.
        let moved_by_1_late = w.trace().recent().any(|e| {
            matches!(e.kind, TraceKind::WorkMoved { by, .. } if by == NodeId(1))
                && e.at.ms() > 12_000
        });
        assert!(!moved_by_1_late, "seed {seed}: the stale leader acted");
    }
}

#[test]
fn a_write_from_a_stale_leader_is_refused_by_its_epoch() {
    // Node 5 crashes at 6 s; at 8 s the leader, node 1, is overloaded: everything it sends leaves
    // 6 s late. It declares node 5 dead while its lease still holds and writes the move, but the
    // write reaches the work store after node 2 has taken over (a higher epoch) and moved node 5's
    // work: the store refuses it.
    for seed in 1..=100 {
        let mut w = World::new(cluster(Topology::AllToAll, 5, seed)).unwrap();
        w.set_trace_capacity(100_000);
        w.run_until(SimTime(6_000));
        crash(&mut w, 5);
        w.run_until(SimTime(8_000));
        apply(
            &mut w,
            Command::Overload {
                node: NodeId(1),
                overload: Overload {
                    drop_pct: 0,
                    extra_delay_ms: 6_000,
                },
            },
        );
        w.run_until(SimTime(30_000));
        let refused = w.trace().recent().find_map(|e| match e.kind {
            TraceKind::WriteRefused {
                by, epoch, current, ..
            } => Some((by, epoch, current)),
            _ => None,
        });
        let (by, epoch, current) = refused.unwrap_or_else(|| panic!("seed {seed}: no refusal"));
        assert_eq!(by, NodeId(1), "seed {seed}");
        assert!(epoch < current, "seed {seed}");
        assert_eq!(w.leaders(), vec![NodeId(2)], "seed {seed}");
        assert_eq!(
            w.work().count(NodeId(5)),
            0,
            "seed {seed}: node 5's work moved once"
        );
        assert!(w.audit().is_ok());
    }
}

#[test]
fn the_minority_side_says_it_has_no_quorum_and_never_leads() {
    for seed in 1..=20 {
        let mut w = World::new(cluster(Topology::AllToAll, 5, seed)).unwrap();
        w.set_trace_capacity(100_000);
        w.advance(8_000);
        apply(
            &mut w,
            Command::Partition(faultlab::sim::Partition::halves(5)),
        );
        let doubled = ms_with_two_acting_leaders(&mut w, 30_000);
        assert_eq!(doubled, 0);
        assert_eq!(w.leaders(), vec![NodeId(1)]);
        let no_quorum = w
            .trace()
            .recent()
            .any(|e| matches!(e.kind, TraceKind::NoQuorum { node, .. } if node == NodeId(4)));
        assert!(
            no_quorum,
            "seed {seed}: the log says node 4 has no majority"
        );
        // After the heal, everyone follows node 1 again and node 4 stops asking.
        apply(&mut w, Command::Heal);
        w.advance(15_000);
        assert_eq!(w.leaders(), vec![NodeId(1)]);
    }
}

#[test]
fn a_crashed_leader_is_replaced_within_two_timeouts() {
    for seed in 1..=30 {
        let mut w = World::new(cluster(Topology::RandomK { k: 2 }, 7, seed)).unwrap();
        w.advance(10_000);
        assert_eq!(w.leaders(), vec![NodeId(1)], "seed {seed}");
        crash(&mut w, 1);
        w.advance(10_000);
        assert_eq!(w.leaders(), vec![NodeId(2)], "seed {seed}");
    }
}
