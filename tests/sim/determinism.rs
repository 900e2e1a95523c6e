//! The same seed and commands give the same trace; a different seed gives a different one.

use crate::common::*;
use faultlab::sim::{Command, Config, NodeId, Partition, Topology, World};

fn scripted_run(config: Config) -> (u64, u64) {
    let mut w = World::new(config).unwrap();
    w.advance(7_000);
    crash(&mut w, 2);
    w.advance(3_500);
    apply(
        &mut w,
        Command::Slow {
            node: NodeId(3),
            percent: 300,
        },
    );
    w.advance(9_000);
    let halves = Partition::halves(w.config().nodes);
    apply(&mut w, Command::Partition(halves));
    w.advance(12_000);
    apply(&mut w, Command::Heal);
    apply(&mut w, Command::Restart { node: NodeId(2) });
    w.advance(20_000);
    (w.trace().fingerprint(), w.trace().len())
}

#[test]
fn same_seed_and_commands_give_the_same_trace_in_every_topology() {
    for topology in [
        Topology::CentralPush,
        Topology::CentralPull,
        Topology::RandomK { k: 2 },
        Topology::AllToAll,
    ] {
        let mut c = config(topology, 7, 1000, 4000, 42);
        c.network.loss = 0.05;
        c.detection.choice = faultlab::sim::DetectorChoice::Both;
        let a = scripted_run(c.clone());
        let b = scripted_run(c);
        assert_eq!(a, b, "{topology:?}");
        assert!(
            a.1 > 100,
            "{topology:?}: the run should have produced events, got {}",
            a.1
        );
    }
}

#[test]
fn different_seeds_give_different_traces() {
    let a = scripted_run(config(Topology::RandomK { k: 2 }, 7, 1000, 4000, 1));
    let b = scripted_run(config(Topology::RandomK { k: 2 }, 7, 1000, 4000, 2));
    assert_ne!(a.0, b.0);
}

#[test]
fn stepping_and_advancing_give_the_same_trace() {
    let c = config(Topology::CentralPush, 5, 1000, 4000, 9);
    let mut stepped = World::new(c.clone()).unwrap();
    while stepped.next_event_at().is_some_and(|t| t.ms() <= 30_000) {
        stepped.step();
    }
    let mut advanced = World::new(c).unwrap();
    for _ in 0..300 {
        advanced.advance(100);
    }
    assert_eq!(
        stepped.trace().fingerprint(),
        advanced.trace().fingerprint()
    );
    assert_eq!(stepped.events_processed(), advanced.events_processed());
}

#[test]
fn a_refused_command_changes_nothing() {
    let c = config(Topology::CentralPush, 4, 1000, 4000, 5);
    let mut a = World::new(c.clone()).unwrap();
    let mut b = World::new(c).unwrap();
    a.advance(5_000);
    b.advance(5_000);
    assert!(a.apply(Command::Crash { node: NodeId(9) }).is_err());
    assert!(a.apply(Command::Restart { node: NodeId(1) }).is_err());
    assert!(
        a.apply(Command::Slow {
            node: NodeId(1),
            percent: 50
        })
        .is_err()
    );
    a.advance(10_000);
    b.advance(10_000);
    assert_eq!(a.trace().fingerprint(), b.trace().fingerprint());
    assert!(a.commands().is_empty());
}

#[path = "../common/golden.rs"]
mod golden;

#[test]
fn the_golden_run_has_the_fingerprint_the_browser_must_reproduce() {
    let w = golden::run();
    println!(
        "golden fingerprint {:#018x}, {} events",
        w.trace().fingerprint(),
        w.trace().len()
    );
    assert_eq!(
        (w.trace().fingerprint(), w.trace().len()),
        (golden::FINGERPRINT, golden::EVENTS)
    );
}

#[test]
fn the_golden_swim_run_has_the_fingerprint_the_browser_must_reproduce() {
    let w = golden::swim_run();
    println!(
        "golden SWIM fingerprint {:#018x}, {} events",
        w.trace().fingerprint(),
        w.trace().len()
    );
    assert_eq!(
        (w.trace().fingerprint(), w.trace().len()),
        (golden::SWIM_FINGERPRINT, golden::SWIM_EVENTS)
    );
}
