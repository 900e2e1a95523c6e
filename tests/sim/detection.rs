//! Completeness (every crash is noticed by everyone who can notice it, in bounded time) and
//! accuracy (no false positives while heartbeats arrive in time; a false positive when a slow node
//! is silent past the timeout, and back to alive when heard again).

use crate::common::*;
use faultlab::sim::{Belief, Command, DetectorKind, Link, MONITOR, NodeId, Topology, World};

const TOPOLOGIES_WITH_DIRECT_HEARTBEATS: [Topology; 3] = [
    Topology::CentralPush,
    Topology::CentralPull,
    Topology::AllToAll,
];

#[test]
fn every_crash_is_declared_dead_by_every_observer_within_timeout_plus_interval_plus_latency() {
    let mut picker = Picker::new(7);
    for topology in TOPOLOGIES_WITH_DIRECT_HEARTBEATS {
        for seed in 0..25 {
            let mut c = config(topology, 8, 1000, 4000, seed);
            c.network = Link {
                latency_ms: 30,
                jitter_ms: 20,
                loss: 0.0,
            };
            let bound = c.detection.fixed.timeout_ms + c.interval_ms + c.network.max_delay_ms();
            let mut w = World::new(c).unwrap();
            let crash_at = picker.between(5_000, 20_000);
            let node = picker.between(1, 8) as u32;
            run_to(&mut w, crash_at);
            crash(&mut w, node);
            run_to(&mut w, crash_at + bound);
            for observer in w.observer_ids() {
                if observer == NodeId(node) {
                    continue;
                }
                assert_eq!(
                    belief(&w, observer, node),
                    Belief::Dead,
                    "{topology:?} seed {seed}: {observer} must have declared node {node} dead"
                );
            }
            let d = detections(&w, node, DetectorKind::Fixed);
            let expected = if topology.is_central() { 1 } else { 7 };
            assert_eq!(
                d.len(),
                expected,
                "{topology:?} seed {seed}: one detection per observer"
            );
            assert!(
                d.iter().all(|&(_, l)| l <= bound),
                "{topology:?} seed {seed}: {d:?} within {bound} ms"
            );
        }
    }
}

#[test]
fn gossip_spreads_the_news_so_every_node_declares_the_crash() {
    // With random peers a node hears of another mostly second-hand, so news takes a few rounds to
    // spread: the bound adds rounds of gossip to the timeout.
    let mut picker = Picker::new(11);
    for seed in 0..20 {
        let mut c = config(Topology::RandomK { k: 3 }, 30, 1000, 8000, seed);
        c.network = Link {
            latency_ms: 30,
            jitter_ms: 20,
            loss: 0.0,
        };
        let bound = c.detection.fixed.timeout_ms + 6 * (c.interval_ms + c.network.max_delay_ms());
        let mut w = World::new(c).unwrap();
        let crash_at = picker.between(15_000, 30_000);
        let node = picker.between(1, 30) as u32;
        run_to(&mut w, crash_at);
        assert_eq!(
            w.metrics().fixed.false_positives,
            0,
            "seed {seed}: gossip keeps everyone alive"
        );
        crash(&mut w, node);
        run_to(&mut w, crash_at + bound);
        for observer in w.observer_ids().into_iter().filter(|&o| o != NodeId(node)) {
            assert_eq!(
                belief(&w, observer, node),
                Belief::Dead,
                "seed {seed}: {observer} about node {node}"
            );
        }
        assert_eq!(detections(&w, node, DetectorKind::Fixed).len(), 29);
    }
}

#[test]
fn observers_cut_off_from_the_crash_still_conclude_it_but_partitioned_ones_are_false_positives() {
    let mut w = World::new(config(Topology::AllToAll, 4, 1000, 4000, 3)).unwrap();
    run_to(&mut w, 5_000);
    apply(&mut w, Command::CutOff { node: NodeId(4) });
    run_to(&mut w, 12_000);
    // Node 4 is alive but unreachable: everyone else declares it dead, and that is a false positive.
    for o in 1..=3 {
        assert_eq!(belief(&w, NodeId(o), 4), Belief::Dead);
    }
    assert!(w.metrics().fixed.false_positives >= 3);
}

#[test]
fn delays_below_timeout_minus_interval_minus_latency_give_no_false_positive() {
    for topology in TOPOLOGIES_WITH_DIRECT_HEARTBEATS {
        for seed in 0..10 {
            let mut c = config(topology, 6, 1000, 5000, seed);
            c.send_jitter_ms = 0;
            c.network = Link {
                latency_ms: 40,
                jitter_ms: 20,
                loss: 0.0,
            };
            let max_latency = c.network.max_delay_ms();
            // Pull needs the ping to get there and the answer to come back.
            let trips = if topology == Topology::CentralPull {
                2
            } else {
                1
            };
            let budget = c.detection.fixed.timeout_ms - c.interval_ms - trips * max_latency - 1;
            let mut w = World::new(c).unwrap();
            run_to(&mut w, 3_000);
            apply(
                &mut w,
                Command::Pause {
                    node: NodeId(2),
                    ms: budget,
                },
            );
            apply(
                &mut w,
                Command::Overload {
                    node: NodeId(3),
                    overload: faultlab::sim::Overload {
                        drop_pct: 0,
                        extra_delay_ms: budget,
                    },
                },
            );
            run_to(&mut w, 40_000);
            let m = w.metrics();
            assert_eq!(
                m.fixed.false_positives, 0,
                "{topology:?} seed {seed}: delay {budget} ms"
            );
        }
    }
}

#[test]
fn a_pause_longer_than_the_timeout_is_a_false_positive_until_the_node_is_heard_again() {
    let mut w = World::new(seed_example(4, 1)).unwrap();
    run_to(&mut w, 10_000);
    apply(
        &mut w,
        Command::Pause {
            node: NodeId(3),
            ms: 8_000,
        },
    );
    run_to(&mut w, 17_500);
    assert_eq!(
        belief(&w, MONITOR, 3),
        Belief::Dead,
        "silent for more than 5 s"
    );
    assert_eq!(w.metrics().fixed.false_positives, 1);
    assert!(w.truth(NodeId(3)).is_up(), "the truth: it never crashed");
    run_to(&mut w, 20_500);
    assert_eq!(
        belief(&w, MONITOR, 3),
        Belief::Alive,
        "heard again after the pause"
    );
    assert_eq!(w.metrics().fixed.false_positives, 1);
    assert_eq!(w.metrics().fixed.detections, 0, "no real failure happened");
}

#[test]
fn a_node_slower_than_the_timeout_flaps_between_dead_and_alive() {
    let mut w = World::new(seed_example(3, 4)).unwrap();
    w.set_trace_capacity(100_000);
    run_to(&mut w, 6_000);
    apply(
        &mut w,
        Command::Slow {
            node: NodeId(1),
            percent: 350,
        },
    ); // a heartbeat every 7 s
    run_to(&mut w, 60_000);
    let declared = w
        .trace()
        .recent()
        .filter(|e| {
            matches!(e.kind, faultlab::sim::TraceKind::Belief(t)
                if t.node == NodeId(1) && t.to == Belief::Dead)
        })
        .count();
    assert!(
        (6..=9).contains(&declared),
        "declared dead about once per 7 s cycle, got {declared}"
    );
    assert_eq!(
        w.metrics().fixed.false_positives,
        1,
        "one slow spell is one mistake, however often it flaps"
    );
    // With a timeout above the slowed interval there is none.
    let mut c = seed_example(3, 4);
    c.detection.fixed.timeout_ms = 8_000;
    let mut w = World::new(c).unwrap();
    run_to(&mut w, 6_000);
    apply(
        &mut w,
        Command::Slow {
            node: NodeId(1),
            percent: 350,
        },
    );
    run_to(&mut w, 60_000);
    assert_eq!(w.metrics().fixed.false_positives, 0);
}

/// Random peers with the suggested thresholds and nothing broken.
fn gossip_run(nodes: u32, k: u32, seed: u64, minutes: u64) -> (u64, faultlab::sim::FixedTimeout) {
    let mut c = faultlab::sim::Config {
        nodes,
        topology: Topology::RandomK { k },
        seed,
        ..faultlab::sim::Config::default()
    };
    let suggested = c.gossip_thresholds().expect("random peers");
    c.detection.fixed = suggested;
    let mut w = World::new(c).unwrap();
    w.set_trace_capacity(0);
    run_to(&mut w, minutes * 60_000);
    (w.metrics().fixed.false_positives, suggested)
}

#[test]
fn the_course_timeout_is_too_short_for_gossip_and_the_suggested_one_is_not() {
    // 12 nodes gossiping to 3 random peers every 2 s with the course's 3 s / 5 s: news of a node
    // reaches the others after several rounds, so healthy nodes are declared dead.
    let mut c = faultlab::sim::Config {
        nodes: 12,
        topology: Topology::RandomK { k: 3 },
        ..faultlab::sim::Config::default()
    };
    let mut w = World::new(c.clone()).unwrap();
    run_to(&mut w, 180_000);
    assert!(
        w.metrics().fixed.false_positives > 20,
        "the cliff the page must explain"
    );
    c.detection.fixed = c.gossip_thresholds().unwrap();
    assert_eq!(c.detection.fixed.timeout_ms, 15_000);
    for seed in 1..=20 {
        let (fp, t) = gossip_run(12, 3, seed, 3);
        assert_eq!(fp, 0, "seed {seed}: {t:?}");
    }
}

#[test]
fn suggested_gossip_thresholds_give_no_false_positive_with_nothing_broken() {
    for (nodes, k, seeds, minutes) in [
        (3, 1, 10, 20),
        (5, 3, 10, 20),
        (12, 1, 10, 20),
        (30, 2, 5, 20),
        (100, 3, 2, 10),
        (100, 1, 2, 10),
        (1000, 3, 1, 1),
    ] {
        for seed in 1..=seeds {
            let (fp, t) = gossip_run(nodes, k, seed, minutes);
            assert_eq!(fp, 0, "{nodes} nodes, k = {k}, seed {seed}: {t:?}");
        }
    }
}
