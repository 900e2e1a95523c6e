//! Regression tests for bugs a review found in the simulation: each would fail on the code before
//! its fix.

use crate::common::quiet;
use faultlab::sim::*;

#[test]
fn changing_settings_does_not_wake_a_crashed_observer() {
    let mut w = World::new(quiet(Topology::AllToAll, 4)).unwrap();
    w.advance(10_000);
    w.apply(Command::Crash { node: NodeId(1) }).unwrap();
    w.advance(20_000);
    let fp = w.metrics().fixed.false_positives;
    let mut c = w.config().clone();
    c.detection.fixed.suspect_after_ms = 3100;
    w.apply(Command::Configure(c)).unwrap();
    let by_crashed = w
        .trace()
        .recent()
        .filter(|e| matches!(e.kind, TraceKind::Belief(t) if t.observer == NodeId(1)))
        .count();
    assert_eq!(by_crashed, 0, "a crashed node must not change its mind");
    assert_eq!(w.metrics().fixed.false_positives, fp);
    assert_eq!(
        w.work().count(NodeId(1)),
        0,
        "no work moves onto the crashed node"
    );
}

#[test]
fn view_queries_about_unknown_nodes_do_not_panic() {
    let mut c = quiet(Topology::CentralPush, 3);
    c.detection.choice = DetectorChoice::Phi;
    let w = World::new(c).unwrap();
    let v = w.observer(MONITOR).unwrap();
    assert_eq!(v.level(0, NodeId(99), w.now()), 0.0);
    assert_eq!(v.phi_stats(NodeId(99)), None);
    let _ = v.thresholds_for(0, NodeId(99));
    assert_eq!(v.belief(0, NodeId(99)), Belief::Alive);
}

#[test]
fn work_stranded_while_nobody_was_alive_moves_once_someone_is() {
    let mut c = quiet(Topology::CentralPush, 2);
    c.work_items = 4;
    let mut w = World::new(c).unwrap();
    w.advance(10_000);
    w.apply(Command::Crash { node: NodeId(1) }).unwrap();
    w.apply(Command::Crash { node: NodeId(2) }).unwrap();
    w.advance(20_000);
    w.apply(Command::Restart { node: NodeId(2) }).unwrap();
    w.advance(10_000);
    assert_eq!(w.work().count(NodeId(1)), 0);
    assert_eq!(w.work().count(NodeId(2)), 4);
    let failed = w.metrics().requests_failed;
    w.advance(60_000);
    assert_eq!(
        w.metrics().requests_failed,
        failed,
        "requests are served again"
    );
}

#[test]
fn a_node_wrongly_declared_dead_that_then_crashes_counts_as_detected_and_is_replaced() {
    let mut c = quiet(Topology::CentralPush, 3);
    c.replace_after_ms = Some(30_000);
    let mut w = World::new(c).unwrap();
    w.advance(10_000);
    w.apply(Command::Pause {
        node: NodeId(2),
        ms: 8_000,
    })
    .unwrap();
    w.advance(6_000);
    assert_eq!(
        w.observer(MONITOR).unwrap().decision(NodeId(2)),
        Belief::Dead
    );
    w.apply(Command::Crash { node: NodeId(2) }).unwrap();
    w.advance(40_000);
    assert_eq!(w.metrics().fixed.detections, 1);
    assert_eq!(w.metrics().failures[0].detections[0].latency_ms, 0);
    assert_eq!(w.metrics().replacements, 1);
    assert!(
        !w.truth(NodeId(2)).crashed,
        "the replacement took its place"
    );
}

#[test]
fn stale_gossip_does_not_count_a_detection_twice() {
    let mut c = Config {
        nodes: 60,
        topology: Topology::RandomK { k: 1 },
        seed: 7,
        ..Config::default()
    };
    c.detection.fixed = FixedTimeout {
        suspect_after_ms: 6000,
        timeout_ms: 12000,
    };
    let mut w = World::new(c).unwrap();
    w.advance(60_000);
    w.apply(Command::Crash { node: NodeId(5) }).unwrap();
    w.advance(120_000);
    let f = &w.metrics().failures[0];
    let mut observers: Vec<u32> = f.detections.iter().map(|d| d.observer.0).collect();
    observers.sort();
    let before = observers.len();
    observers.dedup();
    assert_eq!(
        before,
        observers.len(),
        "each observer detects a failure once"
    );
    assert_eq!(w.metrics().fixed.detections as usize, before);
}

#[test]
fn split_brain_time_stays_right_after_the_history_fills() {
    let mut c = Config {
        nodes: 4,
        topology: Topology::AllToAll,
        interval_ms: 10,
        seed: 3,
        ..Config::default()
    };
    c.detection.fixed = FixedTimeout {
        suspect_after_ms: 11,
        timeout_ms: 12,
    };
    c.network = Link {
        latency_ms: 1,
        jitter_ms: 1,
        loss: 0.6,
    };
    c.requests_per_sec = 0;
    let mut w = World::new(c).unwrap();
    w.set_trace_capacity(0);
    while w.metrics().leader_history.len() < 10_000 && w.now().ms() < 2_000_000 {
        w.advance(1000);
    }
    assert_eq!(
        w.metrics().leader_history.len(),
        10_000,
        "the history filled up"
    );
    let (sb0, t0) = (w.metrics().split_brain_ms_at(w.now()), w.now());
    w.advance(100_000);
    let grown = w.metrics().split_brain_ms_at(w.now()) - sb0;
    assert!(
        grown <= w.now().since(t0),
        "split brain grew by {grown} ms in {} ms",
        w.now().since(t0)
    );
}

#[test]
fn phi_does_not_raise_false_alarms_while_it_learns_a_jittery_node() {
    let mut early = 0;
    for seed in 0..100 {
        let mut c = Config {
            nodes: 5,
            seed,
            send_jitter_ms: 600,
            ..Config::default()
        };
        c.detection.choice = DetectorChoice::Phi;
        let mut w = World::new(c).unwrap();
        w.advance(10_000);
        early += w.metrics().phi.false_positives;
    }
    assert_eq!(early, 0, "false positives in the first 10 s over 100 seeds");
}

#[test]
fn a_phi_level_beyond_the_longest_silence_is_never_reached() {
    let p = PhiAccrual {
        acceptable_pause_ms: 86_400_000,
        ..PhiAccrual::default()
    };
    let t = p.thresholds(1000.0, 0.0);
    assert_eq!(t.dead_after_ms, faultlab::sim::detector::NEVER_MS);
}

#[test]
fn settings_that_would_flood_the_browser_are_refused() {
    let c = Config {
        nodes: 1000,
        topology: Topology::AllToAll,
        interval_ms: 1,
        ..Config::default()
    };
    let mut c = c;
    c.detection.fixed = FixedTimeout {
        suspect_after_ms: 2,
        timeout_ms: 3,
    };
    c.send_jitter_ms = 0;
    assert_eq!(c.validate().unwrap_err().field, Field::Interval);
}

#[test]
fn a_node_restarted_70_000_times_still_runs_and_is_believed_alive() {
    // With a 16-bit incarnation that saturated at 65,535, the 65,536th restart reused the last
    // incarnation: the restarted node's heartbeats looked old, and a running node stayed dead.
    let mut w = World::new(quiet(Topology::CentralPush, 1)).unwrap();
    w.set_trace_capacity(0);
    w.advance(3_000);
    for _ in 0..70_000 {
        w.apply(Command::Crash { node: NodeId(1) }).unwrap();
        w.apply(Command::Restart { node: NodeId(1) }).unwrap();
    }
    w.advance(10_000);
    assert_eq!(w.node(NodeId(1)).unwrap().incarnation, 70_001);
    let view = w.observer(MONITOR).unwrap();
    assert_eq!(view.decision(NodeId(1)), Belief::Alive);
    assert!(view.silence_ms(NodeId(1), w.now()) <= 2_000);
}

#[test]
fn the_last_incarnation_a_heartbeat_can_carry_is_refused_with_a_reason() {
    let mut node = faultlab::sim::node::Node::new(NodeId(1));
    node.incarnation = faultlab::sim::node::MAX_INCARNATION - 1;
    node.crash();
    assert!(node.restart().is_ok());
    node.crash();
    let refused = node.restart().unwrap_err();
    assert!(refused.to_string().contains("restarted"), "{refused}");
    assert!(
        node.faults.crashed,
        "a refused restart leaves the node as it was"
    );
}

fn all_to_all(n: u32, seed: u64) -> Config {
    let mut c = quiet(Topology::AllToAll, n);
    c.interval_ms = 1_000;
    c.detection.fixed.suspect_after_ms = 2_000;
    c.detection.fixed.timeout_ms = 3_000;
    c.network.latency_ms = 50;
    c.network.jitter_ms = 20;
    c.seed = seed;
    c
}

/// Declarations of `node` dead in the trace: (all of them, those that opened an episode).
fn declarations_of(w: &World, node: u32) -> (u64, u64) {
    let dead: Vec<Transition> = w
        .trace()
        .recent()
        .filter_map(|e| match e.kind {
            TraceKind::Belief(t) if t.node == NodeId(node) && t.to == Belief::Dead => Some(t),
            _ => None,
        })
        .collect();
    let opened = dead.iter().filter(|t| !t.again).count() as u64;
    (dead.len() as u64, opened)
}

#[test]
fn a_slow_node_flapping_is_one_false_positive_per_observer() {
    // A node slowed 5× is heard every 5 s against a 3 s timeout: every late heartbeat revives it
    // and the timeout declares it dead again. One mistake per observer, not one per heartbeat.
    let mut w = World::new(all_to_all(6, 2)).unwrap();
    w.set_trace_capacity(100_000);
    w.advance(10_000);
    w.apply(Command::Slow {
        node: NodeId(3),
        percent: 500,
    })
    .unwrap();
    w.advance(60_000);
    let (declarations, opened) = declarations_of(&w, 3);
    assert!(
        declarations > 20,
        "the slow node is declared dead again and again ({declarations})"
    );
    assert_eq!(opened, 5, "one episode per observer");
    let m = w.metrics().fixed;
    assert_eq!(m.false_positives, 5);
    assert_eq!(
        m.cluster_false_positives, 1,
        "one node, one spell: one for the cluster"
    );
}

#[test]
fn a_node_revived_by_stale_gossip_within_one_pause_is_one_false_positive_per_observer() {
    // Gossip revives a paused node with second-hand news of its last heartbeats, then declares it
    // dead again, within one pause.
    let mut c = quiet(Topology::RandomK { k: 2 }, 8);
    c.interval_ms = 1_000;
    c.detection.fixed.suspect_after_ms = 3_000;
    c.detection.fixed.timeout_ms = 5_000;
    c.network.latency_ms = 50;
    c.network.jitter_ms = 40;
    let mut w = World::new(c).unwrap();
    w.set_trace_capacity(200_000);
    w.advance(20_000);
    w.apply(Command::Pause {
        node: NodeId(3),
        ms: 30_000,
    })
    .unwrap();
    w.advance(45_000);
    let (declarations, opened) = declarations_of(&w, 3);
    assert!(declarations >= 7, "{declarations} declarations");
    assert!(
        opened <= 7,
        "{opened} episodes for one pause seen by 7 observers"
    );
}

#[test]
fn cluster_false_positives_do_not_grow_with_the_number_of_observers() {
    for n in [5, 9, 15] {
        let mut w = World::new(all_to_all(n, 4)).unwrap();
        w.advance(10_000);
        w.apply(Command::Pause {
            node: NodeId(2),
            ms: 8_000,
        })
        .unwrap();
        w.advance(20_000);
        let m = w.metrics().fixed;
        assert_eq!(
            m.false_positives,
            u64::from(n - 1),
            "{n} nodes: every other node erred once"
        );
        assert_eq!(
            m.cluster_false_positives, 1,
            "{n} nodes: one episode for the cluster"
        );
    }
}

#[test]
fn a_second_pause_is_a_second_episode() {
    let mut w = World::new(all_to_all(4, 9)).unwrap();
    for at in [10_000, 40_000] {
        w.run_until(SimTime(at));
        w.apply(Command::Pause {
            node: NodeId(2),
            ms: 8_000,
        })
        .unwrap();
    }
    w.run_until(SimTime(70_000));
    assert_eq!(w.metrics().fixed.false_positives, 6);
    assert_eq!(w.metrics().fixed.cluster_false_positives, 2);
}

#[test]
fn per_event_histories_stay_capped_and_say_what_they_dropped() {
    // All-to-all, 50 nodes, 40 % loss and a 2.5 s timeout: false positives move work all the
    // time. The history of moves once grew by about 1.85 M entries per virtual hour.
    let mut c = quiet(Topology::AllToAll, 50);
    c.interval_ms = 1_000;
    c.network.loss = 0.4;
    c.detection.fixed.suspect_after_ms = 1_500;
    c.detection.fixed.timeout_ms = 2_500;
    let mut w = World::new(c).unwrap();
    w.set_trace_capacity(0);
    w.advance(300_000);
    let m = w.metrics();
    assert!(
        m.recoveries.len() <= faultlab::sim::metrics::MAX_HISTORY,
        "{} moves kept",
        m.recoveries.len()
    );
    assert!(
        m.recoveries.dropped() > 0,
        "the oldest moves were dropped, and counted"
    );
    let last = m.recoveries.back().expect("the newest move is kept");
    assert!(last.at.ms() > 290_000, "the newest moves are the ones kept");
    for _ in 0..(faultlab::sim::metrics::MAX_HISTORY / 50 + 2) {
        for n in 1..=50 {
            w.apply(Command::Crash { node: NodeId(n) }).unwrap();
        }
        w.advance(1);
        for n in 1..=50 {
            w.apply(Command::Restart { node: NodeId(n) }).unwrap();
        }
    }
    let m = w.metrics();
    assert!(m.failures.len() <= faultlab::sim::metrics::MAX_HISTORY);
    assert!(m.failures.dropped() > 0);
}
