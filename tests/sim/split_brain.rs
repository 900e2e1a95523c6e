//! A partition without quorum gives each side its own leader (split brain); with a majority quorum
//! there is at most one.

use crate::common::*;
use faultlab::sim::{Command, NodeId, Partition, Topology, World};

fn partitioned(nodes: u32, quorum: bool, topology: Topology) -> World {
    let mut c = config(topology, nodes, 1000, 4000, 8);
    c.quorum = quorum;
    let mut w = World::new(c).unwrap();
    w.advance(5_000);
    assert_eq!(
        w.leaders(),
        vec![NodeId(1)],
        "one leader before the partition"
    );
    apply(&mut w, Command::Partition(Partition::halves(nodes)));
    w.advance(15_000);
    w
}

#[test]
fn without_quorum_each_side_elects_its_own_leader() {
    for topology in [Topology::AllToAll, Topology::RandomK { k: 2 }] {
        let w = partitioned(6, false, topology);
        assert_eq!(w.leaders(), vec![NodeId(1), NodeId(4)], "{topology:?}");
        assert_eq!(w.metrics().leaders, 2);
        assert!(w.metrics().split_brain_ms_at(w.now()) > 0);
    }
}

#[test]
fn with_quorum_at_most_one_side_has_a_leader() {
    // 6 nodes split 3/3: neither side has a majority, so nobody leads.
    let w = partitioned(6, true, Topology::AllToAll);
    assert!(w.leaders().is_empty(), "{:?}", w.leaders());
    // 5 nodes split 3/2: only the majority side leads.
    let w = partitioned(5, true, Topology::AllToAll);
    assert_eq!(w.leaders(), vec![NodeId(1)]);
    assert_eq!(w.metrics().split_brain_ms_at(w.now()), 0);
}

#[test]
fn healing_ends_the_split_brain() {
    let mut w = partitioned(6, false, Topology::AllToAll);
    apply(&mut w, Command::Heal);
    w.advance(3_000);
    assert_eq!(w.leaders(), vec![NodeId(1)]);
    assert_eq!(w.metrics().leaders, 1);
}

#[test]
fn a_central_monitor_has_one_leader_and_moves_work_off_the_dead() {
    let mut w = World::new(config(Topology::CentralPush, 4, 1000, 4000, 2)).unwrap();
    w.advance(5_000);
    let before = w.work().count(NodeId(2));
    assert!(before > 0);
    crash(&mut w, 2);
    w.advance(6_000);
    assert_eq!(
        w.work().count(NodeId(2)),
        0,
        "work moved away from the dead node"
    );
    let total: u32 = (1..=4).map(|n| w.work().count(NodeId(n))).sum();
    assert_eq!(total, w.config().work_items);
    let r = w.metrics().recoveries.back().expect("a recovery");
    assert_eq!(r.node, NodeId(2));
    assert_eq!(r.moved.iter().map(|(_, c)| c).sum::<u32>(), before);
    assert!(!r.was_up);
    crash(&mut w, 1);
    w.advance(6_000);
    assert_eq!(
        w.leaders(),
        vec![NodeId(3)],
        "the lowest node believed alive leads"
    );
}

#[test]
fn requests_to_a_crashed_node_fail_until_its_work_moves() {
    let mut c = config(Topology::CentralPush, 4, 1000, 4000, 2);
    c.requests_per_sec = 100;
    let mut w = World::new(c).unwrap();
    w.advance(5_000);
    assert_eq!(w.metrics().requests_failed, 0);
    crash(&mut w, 3);
    w.advance(10_000);
    let failed = w.metrics().requests_failed;
    assert!(
        failed > 0,
        "requests failed between the crash and its detection"
    );
    w.advance(10_000);
    assert_eq!(
        w.metrics().requests_failed,
        failed,
        "none after the work moved"
    );
}

#[test]
fn a_replacement_starts_for_a_dead_node_and_is_wasted_on_a_false_positive() {
    let mut c = seed_example(3, 5);
    c.replace_after_ms = Some(2_000);
    let mut w = World::new(c).unwrap();
    w.advance(6_000);
    crash(&mut w, 1);
    apply(
        &mut w,
        Command::Pause {
            node: NodeId(2),
            ms: 9_000,
        },
    );
    w.advance(12_000);
    let m = w.metrics();
    assert_eq!(m.replacements, 2);
    assert_eq!(m.wasted_replacements, 1, "node 2 was only paused");
    assert!(
        !w.truth(NodeId(1)).crashed,
        "the replacement took node 1's place"
    );
    assert_eq!(w.node(NodeId(1)).unwrap().incarnation, 2);
}

#[test]
fn without_quorum_the_small_side_takes_over_the_big_sides_work() {
    let w = partitioned(5, false, Topology::AllToAll);
    assert!(
        w.metrics()
            .recoveries
            .iter()
            .any(|r| r.by.0 >= 4 && r.node.0 <= 3),
        "nodes 4 and 5 declared the other side dead and took its work"
    );
}

/// The work moves that nodes 4 and 5 (the small side of a 3 / 2 split) made.
fn recoveries_by_nodes_4_and_5(w: &World) -> Vec<&faultlab::sim::metrics::Recovery> {
    w.metrics()
        .recoveries
        .iter()
        .filter(|r| r.by.0 >= 4)
        .collect()
}

#[test]
fn with_quorum_the_small_side_decides_nothing_and_the_big_side_keeps_the_work() {
    let w = partitioned(5, true, Topology::AllToAll);
    let by_minority = recoveries_by_nodes_4_and_5(&w);
    assert!(
        by_minority.is_empty(),
        "without a majority, nodes 4 and 5 move no work: {by_minority:?}"
    );
    assert!(
        w.metrics()
            .recoveries
            .iter()
            .any(|r| r.by.0 <= 3 && r.node.0 >= 4),
        "the majority side took over the small side's work"
    );
    assert!(
        (1..=3).all(|n| w.work().count(NodeId(n)) > 0),
        "every node of the majority side still has work"
    );
}

#[test]
fn with_quorum_the_small_side_takes_no_work_after_the_heal_either() {
    let mut w = partitioned(5, true, Topology::AllToAll);
    apply(&mut w, Command::Heal);
    w.advance(15_000);
    let by_minority = recoveries_by_nodes_4_and_5(&w);
    assert!(
        by_minority.is_empty(),
        "hearing node 1 again before nodes 2 and 3 gives nodes 4 and 5 no right to their work: {by_minority:?}"
    );
    assert_eq!(w.leaders(), vec![NodeId(1)]);
}

#[test]
fn a_quorum_turned_on_mid_partition_stops_the_small_side_from_then_on() {
    let mut w = partitioned(5, false, Topology::AllToAll);
    let mut with_quorum = w.config().clone();
    with_quorum.quorum = true;
    apply(&mut w, Command::Configure(with_quorum));
    let from = w.now();
    apply(&mut w, Command::Heal);
    w.advance(15_000);
    let later: Vec<_> = recoveries_by_nodes_4_and_5(&w)
        .into_iter()
        .filter(|r| r.at >= from)
        .collect();
    assert!(
        later.is_empty(),
        "nodes 4 and 5 declared 1 to 3 dead before the quorum, but do not act on it after: {later:?}"
    );
}
