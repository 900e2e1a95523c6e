//! Central pull as real pull checks run it (Elasticsearch's follower checks): each check has its
//! own number and a deadline, a late answer is a failed check, and a node is declared dead after
//! the configured number of failed checks in a row.

use crate::common::*;
use faultlab::sim::{
    Belief, Cause, Command, Config, MONITOR, NodeId, PRESETS, Topology, TraceKind, World,
};

fn pull(seed: u64) -> Config {
    let mut c = seed_example(5, seed);
    c.topology = Topology::CentralPull;
    c.network = link(100, 30);
    c
}

fn elasticsearch(seed: u64) -> Config {
    let mut c = pull(seed);
    PRESETS
        .iter()
        .find(|p| p.id == "elasticsearch")
        .expect("the preset")
        .apply(&mut c);
    c
}

#[test]
fn a_node_ten_times_slower_stays_dead_and_its_late_answers_are_ignored() {
    // It answers every check 18 s late, far past the 5 s timeout: every check fails. Before, the
    // monitor matched no answer to its check, took each 18-s-old answer as news, and believed the
    // node alive for good after one false positive.
    for seed in 1..=10 {
        let mut w = World::new(pull(seed)).unwrap();
        w.set_trace_capacity(100_000);
        run_to(&mut w, 10_000);
        apply(
            &mut w,
            Command::Slow {
                node: NodeId(2),
                percent: 1_000,
            },
        );
        run_to(&mut w, 25_000);
        assert_eq!(belief(&w, MONITOR, 2), Belief::Dead, "seed {seed}");
        for t in (26_000..90_000).step_by(1_000) {
            run_to(&mut w, t);
            assert_eq!(
                belief(&w, MONITOR, 2),
                Belief::Dead,
                "seed {seed}: at {t} ms a stale answer revived the slow node"
            );
        }
        let late = w
            .trace()
            .recent()
            .filter(|e| matches!(e.kind, TraceKind::LateAnswer { node, .. } if node == NodeId(2)))
            .count();
        assert!(
            late >= 5,
            "seed {seed}: the late answers are in the trace ({late})"
        );
        assert_eq!(
            w.metrics().fixed.false_positives,
            1,
            "one spell, one mistake"
        );
    }
}

#[test]
fn elasticsearch_declares_a_crash_after_three_failed_checks() {
    for seed in 1..=20 {
        let mut w = World::new(elasticsearch(seed)).unwrap();
        w.set_trace_capacity(100_000);
        run_to(&mut w, 20_000);
        crash(&mut w, 3);
        run_to(&mut w, 80_000);
        let found = detections(&w, 3, faultlab::sim::DetectorKind::Fixed);
        assert_eq!(found.len(), 1);
        let latency = found[0].1;
        // The check in flight fails 10 s after it left, then two more checks, each sent 1 s after
        // the last failed and failing 10 s later.
        assert!(
            (30_000..=33_500).contains(&latency),
            "seed {seed}: declared dead after {latency} ms"
        );
        let dead = w
            .trace()
            .recent()
            .find_map(|e| match e.kind {
                TraceKind::Belief(t) if t.node == NodeId(3) && t.to == Belief::Dead => Some(t),
                _ => None,
            })
            .expect("a declaration");
        assert!(
            matches!(dead.cause, Cause::ChecksFailed { failed: 3, .. }),
            "{:?}",
            dead.cause
        );
        assert_eq!(w.metrics().fixed.false_positives, 0);
    }
}

#[test]
fn a_pause_shorter_than_the_check_timeout_costs_nothing_and_a_late_one_fails_one_check() {
    let mut w = World::new(elasticsearch(5)).unwrap();
    run_to(&mut w, 10_000);
    apply(
        &mut w,
        Command::Pause {
            node: NodeId(1),
            ms: 8_000,
        },
    );
    run_to(&mut w, 40_000);
    assert_eq!(w.metrics().fixed.false_suspicions, 0);
    apply(
        &mut w,
        Command::Pause {
            node: NodeId(1),
            ms: 15_000,
        },
    );
    run_to(&mut w, 80_000);
    let m = w.metrics().fixed;
    assert_eq!(m.false_suspicions, 1, "one failed check: suspected");
    assert_eq!(
        m.false_positives, 0,
        "three in a row are needed to declare it dead"
    );
    assert_eq!(belief(&w, MONITOR, 1), Belief::Alive);
}

#[test]
fn every_check_is_answered_or_fails_and_checks_keep_coming() {
    let mut w = World::new(pull(11)).unwrap();
    w.set_trace_capacity(200_000);
    run_to(&mut w, 200_000);
    let pings = w
        .trace()
        .recent()
        .filter(|e| {
            matches!(
                e.kind,
                TraceKind::Sent {
                    kind: faultlab::sim::MessageKind::Ping,
                    ..
                }
            )
        })
        .count() as u64;
    // One check per node every interval plus a round trip: about 5 × 200 s / 2.2 s.
    assert!((430..=500).contains(&pings), "{pings} checks");
    assert_eq!(w.metrics().fixed.false_suspicions, 0);
    assert!(w.audit().is_ok());
}

#[test]
fn failed_checks_must_be_between_1_and_100() {
    for bad in [0, 101] {
        let c = Config {
            failed_checks: bad,
            ..pull(1)
        };
        let e = c.validate().unwrap_err();
        assert_eq!(e.field, faultlab::sim::Field::FailedChecks);
    }
}
