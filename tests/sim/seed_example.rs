//! The course's example: a heartbeat every 2 s, an alert after 5 s. With no latency, a crash is
//! declared dead between 3 s and 5 s after it happens, whenever it happens.

use crate::common::*;
use faultlab::sim::{Belief, DetectorKind, MONITOR, NodeId, World};

#[test]
fn a_crash_is_declared_dead_between_3_and_5_seconds_later() {
    let mut picker = Picker::new(2024);
    let mut latencies = Vec::new();
    for seed in 0..200 {
        let mut w = World::new(seed_example(5, seed)).unwrap();
        let crash_at = picker.between(6_000, 40_000);
        let node = picker.between(1, 5) as u32;
        run_to(&mut w, crash_at);
        assert_eq!(
            belief(&w, MONITOR, node),
            Belief::Alive,
            "seed {seed}: alive before the crash"
        );
        crash(&mut w, node);
        run_to(&mut w, crash_at + 2_999);
        // The last heartbeat left at most 2 s before the crash, so 3 s after it the silence is under 5 s.
        assert_ne!(
            belief(&w, MONITOR, node),
            Belief::Dead,
            "seed {seed}: not dead before 3 s"
        );
        run_to(&mut w, crash_at + 5_000);
        assert_eq!(
            belief(&w, MONITOR, node),
            Belief::Dead,
            "seed {seed}: dead within 5 s"
        );
        let d = detections(&w, node, DetectorKind::Fixed);
        assert_eq!(d.len(), 1, "seed {seed}: exactly one observer, the monitor");
        let latency = d[0].1;
        assert!(
            (3_000..=5_000).contains(&latency),
            "seed {seed}: latency {latency} ms"
        );
        latencies.push(latency);
        // The others are never suspected: their heartbeats keep coming every 2 s.
        for other in (1..=5).filter(|&o| o != node) {
            assert_eq!(
                belief(&w, MONITOR, other),
                Belief::Alive,
                "seed {seed}: node {other}"
            );
        }
        assert_eq!(w.metrics().fixed.false_positives, 0);
        assert_eq!(w.metrics().fixed.false_suspicions, 0);
    }
    // Crashes land anywhere in the 2 s cycle, so latencies spread over the whole 3–5 s range.
    assert!(latencies.iter().any(|&l| l < 3_500) && latencies.iter().any(|&l| l > 4_500));
}

#[test]
fn suspected_comes_before_dead_and_restart_brings_it_back() {
    let mut w = World::new(seed_example(3, 7)).unwrap();
    run_to(&mut w, 10_000);
    crash(&mut w, 2);
    let mut seen = Vec::new();
    for _ in 0..60 {
        w.advance(100);
        let b = belief(&w, MONITOR, 2);
        if seen.last() != Some(&b) {
            seen.push(b);
        }
    }
    assert_eq!(seen, vec![Belief::Alive, Belief::Suspected, Belief::Dead]);
    apply(&mut w, faultlab::sim::Command::Restart { node: NodeId(2) });
    w.advance(2_100);
    assert_eq!(
        belief(&w, MONITOR, 2),
        Belief::Alive,
        "heard again after the restart"
    );
    assert_eq!(w.node(NodeId(2)).unwrap().incarnation, 2);
}
