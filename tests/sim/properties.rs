//! Random sequences of commands and advances never panic, never move time backwards, account for
//! every message (delivered, dropped or in flight), and never lose or duplicate a work item.
//! 256 cases by default; set PROPTEST_CASES for more.

use faultlab::sim::{
    Command, Config, DetectorChoice, DetectorKind, Link, NodeId, Overload, Partition, Topology,
    TraceKind, World,
};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Step {
    Advance(u64),
    One,
    Do(Command),
}

fn topology() -> impl Strategy<Value = Topology> {
    prop_oneof![
        Just(Topology::CentralPush),
        Just(Topology::CentralPull),
        (1u32..3).prop_map(|k| Topology::RandomK { k }),
        Just(Topology::AllToAll),
    ]
}

fn config() -> impl Strategy<Value = Config> {
    (
        3u32..9,
        topology(),
        200u64..3000,
        0u64..200,
        prop_oneof![
            Just(DetectorChoice::Fixed),
            Just(DetectorChoice::Phi),
            Just(DetectorChoice::Both)
        ],
        0.0f64..0.3,
        any::<u64>(),
        any::<bool>(),
        prop::option::of(100u64..5000),
    )
        .prop_map(
            |(nodes, topology, interval, latency, choice, loss, seed, quorum, replace)| {
                let mut c = Config {
                    nodes,
                    topology,
                    interval_ms: interval,
                    seed,
                    quorum,
                    ..Config::default()
                };
                c.send_jitter_ms = interval / 5;
                c.network = Link {
                    latency_ms: latency,
                    jitter_ms: latency / 2,
                    loss,
                };
                c.detection.choice = choice;
                c.detection.fixed.suspect_after_ms = interval * 2;
                c.detection.fixed.timeout_ms = interval * 3;
                c.replace_after_ms = replace;
                c
            },
        )
}

/// Node ids include some that do not exist (0 is the monitor, 12 is past the end) to exercise refusals.
fn node() -> impl Strategy<Value = NodeId> {
    (0u32..12).prop_map(NodeId)
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0u64..8000).prop_map(Step::Advance),
        1 => Just(Step::One),
        1 => node().prop_map(|node| Step::Do(Command::Crash { node })),
        1 => node().prop_map(|node| Step::Do(Command::Restart { node })),
        1 => (node(), 50u32..600).prop_map(|(node, percent)| Step::Do(Command::Slow { node, percent })),
        1 => (node(), 0u64..9000).prop_map(|(node, ms)| Step::Do(Command::Pause { node, ms })),
        1 => (node(), 0u8..120, 0u64..3000).prop_map(|(node, drop_pct, extra_delay_ms)| {
            Step::Do(Command::Overload { node, overload: Overload { drop_pct, extra_delay_ms } })
        }),
        1 => node().prop_map(|node| Step::Do(Command::Recover { node })),
        1 => node().prop_map(|node| Step::Do(Command::CutOff { node })),
        1 => (1u32..12).prop_map(|n| Step::Do(Command::Partition(Partition::halves(n)))),
        1 => (node(), node()).prop_map(|(from, to)| Step::Do(Command::CutOneWay { from, to })),
        1 => Just(Step::Do(Command::Heal)),
        1 => Just(Step::Do(Command::ClearAllFaults)),
    ]
}

proptest! {
    #[test]
    fn random_commands_keep_every_invariant(config in config(), steps in prop::collection::vec(step(), 1..40)) {
        let mut world = World::new(config.clone()).unwrap();
        let mut last = world.now();
        let mut stepped = false;
        for s in steps {
            match s {
                Step::Advance(ms) => world.advance(ms),
                Step::One => { stepped = true; world.step(); }
                Step::Do(c) => { let _ = world.apply(c); }
            }
            prop_assert!(world.now() >= last, "time went back from {} to {}", last, world.now());
            last = world.now();
            if let Err(e) = world.audit() {
                prop_assert!(false, "{}", e);
            }
            let owned: u32 = (1..=config.nodes).map(|n| world.work().count(NodeId(n))).sum();
            prop_assert_eq!(owned, config.work_items);
            // A running leader is always a node that is up.
            for l in world.leaders() {
                prop_assert!(l.0 >= 1 && l.0 <= config.nodes);
            }
            // With a majority quorum and no monitor, leadership is a lease: never two leaders,
            // whatever the faults, cuts and settings (clocks are perfect in this model).
            if world.config().quorum && !world.config().topology.is_central() {
                prop_assert!(world.leaders().len() <= 1, "leaders {:?} at {}", world.leaders(), world.now());
            }
        }
        // Replaying the accepted commands at their times gives the same trace. (A single step can
        // stop between two events of the same millisecond, which a replay by time cannot, so runs
        // that stepped are not compared.)
        if !stepped {
            let mut again = World::new(config).unwrap();
            for (at, c) in world.commands().to_vec() {
                again.run_until(at);
                again.apply(c).unwrap();
            }
            again.run_until(world.now());
            prop_assert_eq!(again.trace().fingerprint(), world.trace().fingerprint());
            prop_assert_eq!(again.trace().len(), world.trace().len());
        }
    }
}

proptest! {
    /// The fixed timeout takes a vectorised fast path when it runs alone and the general path when
    /// phi accrual runs beside it. Phi only observes, so apart from phi's own belief changes the two
    /// runs must be event-for-event identical.
    #[test]
    fn the_fast_path_and_the_general_path_agree(config in config(), steps in prop::collection::vec(step(), 1..30)) {
        let run = |choice: DetectorChoice| {
            let mut c = config.clone();
            c.detection.choice = choice;
            let mut w = World::new(c).unwrap();
            w.set_trace_capacity(1_000_000);
            for s in &steps {
                match s {
                    Step::Advance(ms) => w.advance(*ms),
                    Step::One => w.advance(1),
                    Step::Do(c) => { let _ = w.apply(c.clone()); }
                }
            }
            w.trace()
                .recent()
                .filter(|e| !matches!(e.kind, TraceKind::Belief(t) if t.detector == DetectorKind::Phi))
                .map(|e| (e.at, e.kind))
                .collect::<Vec<_>>()
        };
        let fast = run(DetectorChoice::Fixed);
        let general = run(DetectorChoice::Both);
        prop_assert_eq!(fast.len(), general.len());
        for (a, b) in fast.iter().zip(&general) {
            prop_assert_eq!(a, b);
        }
    }
}
