//! SWIM in the world: the same faults and seed as heartbeats, and the contrast the issue asks
//! for. One bad link (a one-way cut) makes all-to-all heartbeats and a central monitor declare a
//! running node dead; SWIM's indirect probes keep it alive. A crash is still declared dead by
//! every live member.

use faultlab::sim::swim::SwimSettings;
use faultlab::sim::{
    Belief, Command, Config, DetectorChoice, MONITOR, NodeId, SimTime, Topology, World,
};

fn config(topology: Topology, nodes: u32, seed: u64) -> Config {
    let mut c = Config {
        nodes,
        seed,
        ..Config::default()
    };
    c.switch_topology(topology);
    c
}

fn swim(nodes: u32, seed: u64) -> Config {
    config(Topology::Swim(SwimSettings::LAN), nodes, seed)
}

/// A world of `c` with every event kept, run to `at_ms`, where `command` is applied.
fn world_after(c: Config, at_ms: u64, command: Command) -> World {
    let mut w = World::new(c).unwrap();
    w.set_trace_capacity(2_000_000);
    w.run_until(SimTime(at_ms));
    w.apply(command).unwrap();
    w
}

/// Whether any observer ever declared `node` dead (any transition to dead about it).
fn ever_declared_dead(w: &World, node: u32) -> bool {
    w.trace().recent().any(|e| {
        matches!(&e.kind, faultlab::sim::TraceKind::Belief(t) if t.node == NodeId(node) && t.to == Belief::Dead)
    })
}

#[test]
fn swim_runs_in_the_world_with_its_own_detector_and_no_heartbeats() {
    let c = swim(8, 1);
    assert_eq!(c.detection.choice, DetectorChoice::Swim);
    c.validate().unwrap();
    let mut w = World::new(c).unwrap();
    w.set_trace_capacity(1_000_000);
    w.run_until(SimTime(30_000));
    assert!(w.metrics().messages_sent > 0);
    assert!(
        !(1..=8).any(|n| ever_declared_dead(&w, n)),
        "nobody is declared dead"
    );
    // Every member has a member state; beliefs are all alive.
    for i in 1..=8 {
        assert!(w.swim_member(NodeId(i)).is_some());
        let view = w.observer(NodeId(i)).unwrap();
        assert!((1..=8).all(|n| view.decision(NodeId(n)) == Belief::Alive));
    }
}

#[test]
fn a_crash_is_declared_dead_by_every_live_member() {
    for seed in 0..10 {
        let mut w = World::new(swim(10, seed)).unwrap();
        w.run_until(SimTime(5_000));
        w.apply(Command::Crash { node: NodeId(4) }).unwrap();
        w.run_until(SimTime(90_000));
        for i in (1..=10).filter(|&i| i != 4) {
            let view = w.observer(NodeId(i)).unwrap();
            assert_eq!(
                view.decision(NodeId(4)),
                Belief::Dead,
                "seed {seed}: member {i}"
            );
        }
        assert!(w.metrics().swim.detections > 0, "seed {seed}");
    }
}

#[test]
fn on_one_bad_link_heartbeats_declare_a_running_node_dead_and_swim_does_not() {
    for seed in 0..10 {
        // Messages from node 7 to node 3 (and, for the monitor, from node 7 to it) are lost.
        let run = |c: Config, to: NodeId| {
            let mut w = World::new(c).unwrap();
            w.set_trace_capacity(1_000_000);
            w.run_until(SimTime(2_000));
            w.apply(Command::CutOneWay {
                from: NodeId(7),
                to,
            })
            .unwrap();
            w.run_until(SimTime(60_000));
            w
        };
        let all_to_all = run(config(Topology::AllToAll, 8, seed), NodeId(3));
        let central = run(config(Topology::CentralPush, 8, seed), MONITOR);
        let swim = run(swim(8, seed), NodeId(3));
        assert!(
            ever_declared_dead(&all_to_all, 7),
            "seed {seed}: all-to-all"
        );
        assert!(
            ever_declared_dead(&central, 7),
            "seed {seed}: central monitor"
        );
        assert!(
            !ever_declared_dead(&swim, 7),
            "seed {seed}: SWIM declared node 7 dead"
        );
        assert_eq!(swim.metrics().swim.false_positives, 0, "seed {seed}");
    }
}

#[test]
fn a_restarted_member_rejoins_with_a_new_incarnation() {
    let mut w = World::new(swim(6, 3)).unwrap();
    w.run_until(SimTime(3_000));
    w.apply(Command::Crash { node: NodeId(2) }).unwrap();
    w.run_until(SimTime(60_000));
    assert_eq!(
        w.observer(NodeId(1)).unwrap().decision(NodeId(2)),
        Belief::Dead
    );
    w.apply(Command::Restart { node: NodeId(2) }).unwrap();
    w.run_until(SimTime(90_000));
    for i in [1, 3, 4, 5, 6] {
        assert_eq!(
            w.observer(NodeId(i)).unwrap().decision(NodeId(2)),
            Belief::Alive,
            "member {i}"
        );
    }
    assert!(w.swim_member(NodeId(2)).unwrap().incarnation() >= 1);
}

#[test]
fn messages_per_member_per_period_stay_flat_from_10_to_1000_members() {
    let per_member_per_period = |n: u32| {
        let mut w = World::new(swim(n, 9)).unwrap();
        w.run_until(SimTime(2_000));
        let before = w.metrics().messages_sent;
        w.run_until(SimTime(12_000));
        (w.metrics().messages_sent - before) as f64 / f64::from(n) / 10.0
    };
    let (small, large) = (per_member_per_period(10), per_member_per_period(1_000));
    assert!((1.8..=2.2).contains(&small), "10 members: {small}");
    assert!((1.8..=2.2).contains(&large), "1,000 members: {large}");
}

#[test]
fn the_same_seed_gives_the_same_swim_run() {
    let run = |seed| {
        let mut w = World::new(swim(12, seed)).unwrap();
        w.run_until(SimTime(4_000));
        w.apply(Command::Crash { node: NodeId(5) }).unwrap();
        w.run_until(SimTime(40_000));
        w.trace().fingerprint()
    };
    assert_eq!(run(21), run(21));
    assert_ne!(run(21), run(22));
}

#[test]
fn the_trace_says_who_asked_whom_to_probe_and_who_refuted() {
    let mut w = World::new(swim(8, 2)).unwrap();
    w.set_trace_capacity(1_000_000);
    w.run_until(SimTime(2_000));
    w.apply(Command::CutOneWay {
        from: NodeId(7),
        to: NodeId(3),
    })
    .unwrap();
    w.run_until(SimTime(30_000));
    let said: Vec<String> = w.trace().recent().map(|e| e.describe()).collect();
    assert!(
        said.iter().any(|s| s
            .starts_with("node 3 had no ack from node 7 in time and asked nodes ")
            && s.ends_with(" to probe it")),
        "{:?}",
        said.iter()
            .filter(|s| s.contains("asked"))
            .take(3)
            .collect::<Vec<_>>()
    );
    // A member frozen for longer than the probes wait is suspected, and refutes when it resumes.
    let mut w = World::new(swim(8, 5)).unwrap();
    w.set_trace_capacity(1_000_000);
    w.run_until(SimTime(3_000));
    w.apply(Command::Pause {
        node: NodeId(2),
        ms: 2_500,
    })
    .unwrap();
    w.run_until(SimTime(40_000));
    let said: Vec<String> = w.trace().recent().map(|e| e.describe()).collect();
    assert!(
        said.iter()
            .any(|s| s.starts_with("node 2 refuted the suspicion (incarnation ")),
        "no refutation"
    );
    for i in [1, 3, 4, 5, 6, 7, 8] {
        assert_eq!(
            w.observer(NodeId(i)).unwrap().decision(NodeId(2)),
            Belief::Alive,
            "member {i}"
        );
    }
}

#[test]
fn an_overloaded_member_that_answers_late_is_suspected() {
    let overload = Command::Overload {
        node: NodeId(6),
        overload: faultlab::sim::Overload {
            drop_pct: 50,
            extra_delay_ms: 1_500,
        },
    };
    let mut w = world_after(swim(8, 4), 2_000, overload);
    w.run_until(SimTime(20_000));
    let suspected = w.trace().recent().any(|e| {
        matches!(&e.kind, faultlab::sim::TraceKind::Belief(t) if t.node == NodeId(6) && t.to == Belief::Suspected)
    });
    assert!(
        suspected,
        "late answers (1.5 s, past the 1 s period) are no answers"
    );
}

/// How many times `observer` declared a running member dead after `from_ms`.
fn false_accusations(w: &World, observer: u32, from_ms: u64) -> usize {
    w.trace()
        .recent()
        .filter(|e| e.at.ms() >= from_ms)
        .filter(|e| {
            matches!(&e.kind, faultlab::sim::TraceKind::Belief(t)
                if t.observer == NodeId(observer) && t.to == Belief::Dead && !w.truth(t.node).crashed)
        })
        .count()
}

/// Node 2 overloaded (the page's default: 60 % of what it sends dropped, the rest 0.5 s late)
/// from 3 s to 63 s; how many running members it declared dead, summed over 20 seeds.
fn overloaded_observer_accusations(settings: SwimSettings) -> usize {
    (0..20)
        .map(|seed| {
            let overload = Command::Overload {
                node: NodeId(2),
                overload: faultlab::sim::Overload::default(),
            };
            let mut w = world_after(config(Topology::Swim(settings), 8, seed), 3_000, overload);
            w.run_until(SimTime(63_000));
            false_accusations(&w, 2, 3_000)
        })
        .sum()
}

#[test]
fn each_lifeguard_part_makes_an_overloaded_observer_accuse_fewer_healthy_members() {
    let lan = SwimSettings::LAN;
    let neither = overloaded_observer_accusations(SwimSettings::WITHOUT_LIFEGUARD);
    let awareness_only = overloaded_observer_accusations(SwimSettings {
        lifeguard_suspicion: false,
        ..lan
    });
    let suspicion_only = overloaded_observer_accusations(SwimSettings {
        awareness_max_multiplier: 1,
        ..lan
    });
    let both = overloaded_observer_accusations(lan);
    println!(
        "an overloaded member's false accusations over 20 seeds: {neither} without Lifeguard, \
         {awareness_only} with local health awareness, {suspicion_only} with its suspicion timeout, {both} with both"
    );
    assert!(
        neither > 0,
        "without Lifeguard the sick member accuses others"
    );
    assert!(
        awareness_only * 2 < neither,
        "local health awareness: {awareness_only} against {neither}"
    );
    assert!(
        suspicion_only * 2 < neither,
        "the Lifeguard suspicion timeout: {suspicion_only} against {neither}"
    );
    assert!(both * 4 < neither, "both parts: {both} against {neither}");
}

#[test]
fn a_member_declared_dead_while_frozen_refutes_and_the_state_sync_reaches_everyone() {
    for seed in 0..20 {
        let pause = Command::Pause {
            node: NodeId(4),
            ms: 20_000,
        };
        let mut w = world_after(swim(8, seed), 3_000, pause);
        w.run_until(SimTime(22_000));
        for i in [1, 2, 3, 5, 6, 7, 8] {
            assert_eq!(
                w.observer(NodeId(i)).unwrap().decision(NodeId(4)),
                Belief::Dead,
                "seed {seed}: member {i} at 22 s"
            );
        }
        // Woken at 23 s, node 4 refutes; news that ran out of retransmits arrives with the
        // next push-pull sync (every 30 s here), so within one interval everyone agrees.
        w.run_until(SimTime(23_000 + 31_000));
        assert_eq!(w.swim_member(NodeId(4)).unwrap().incarnation(), 1);
        for i in [1, 2, 3, 5, 6, 7, 8] {
            assert_eq!(
                w.observer(NodeId(i)).unwrap().decision(NodeId(4)),
                Belief::Alive,
                "seed {seed}: member {i} still does not believe node 4 alive"
            );
        }
    }
}

#[test]
fn a_crash_records_its_first_suspicion_before_its_first_declaration_and_load_per_member_is_even() {
    for seed in 0..10 {
        let mut w = World::new(swim(10, seed)).unwrap();
        w.run_until(SimTime(5_000));
        w.apply(Command::Crash { node: NodeId(4) }).unwrap();
        w.run_until(SimTime(60_000));
        let f = w.metrics().failures.back().unwrap().clone();
        let suspected = f.first_suspected_ms.expect("the crash was suspected");
        let first = f.detections.iter().map(|d| d.latency_ms).min().unwrap();
        let last = f.detections.iter().map(|d| d.latency_ms).max().unwrap();
        assert!(
            suspected < first && first <= last,
            "seed {seed}: {suspected} {first} {last}"
        );
        assert_eq!(f.detections.len(), 9, "seed {seed}: every live member");
        // Every member probes once a period: the busiest sends at most twice the mean.
        let m = w.metrics();
        let total: u64 = m.sent_by.iter().skip(1).sum();
        let (_, busiest) = m.busiest_sender().unwrap();
        assert!(
            busiest * 10 <= total * 2,
            "seed {seed}: busiest {busiest} of {total}"
        );
    }
}

#[test]
fn a_slow_member_probes_less_often_but_is_not_suspected() {
    for seed in 0..10 {
        let slow = Command::Slow {
            node: NodeId(3),
            percent: 300,
        };
        let mut w = world_after(swim(8, seed), 2_000, slow);
        let before = w.metrics().sent_by.clone();
        w.run_until(SimTime(62_000));
        let sent: Vec<u64> = w
            .metrics()
            .sent_by
            .iter()
            .zip(before.iter().chain(std::iter::repeat(&0)))
            .map(|(a, b)| a - b)
            .collect();
        let others = [1, 2, 4, 5, 6, 7, 8].iter().map(|&i| sent[i]).sum::<u64>() / 7;
        assert!(
            sent[3] * 100 < others * 85,
            "seed {seed}: the slow member sent {} against {others}",
            sent[3]
        );
        let suspected = w.trace().recent().any(|e| {
            matches!(&e.kind, faultlab::sim::TraceKind::Belief(t) if t.node == NodeId(3) && t.to != Belief::Alive)
        });
        assert!(!suspected, "seed {seed}: its acks came in time");
    }
}
