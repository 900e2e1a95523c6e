//! Every claim a lesson's text makes about its scenario holds when the scenario is replayed with
//! the pure core, exactly as the page plays it up to the hand-over: one assertion per claim.
#![cfg(not(target_arch = "wasm32"))]

use faultlab::checksum::{Corruption, History};
use faultlab::scenario::{
    ChecksumStep, DataSource, HeartbeatsScenario, Lesson, Replayer, Scenario, TimedCommand,
};
use faultlab::sim::{
    Belief, Cause, Command, Config, DetectorChoice, DetectorKind, MONITOR, MessageKind, NodeId,
    SimTime, Topology, TraceKind, Transition, World,
};

fn lesson(n: u8) -> (&'static Lesson, HeartbeatsScenario) {
    let lesson = Lesson::by_number(n).expect("the lesson exists");
    let Scenario::Heartbeats(h) = lesson.build() else {
        panic!("lesson {n} is a Heartbeats lesson")
    };
    (lesson, h)
}

/// The world at `t`, replayed from the lesson's settings (changed by `change`) and schedule, with
/// every event kept in the trace.
fn replay_with(h: &HeartbeatsScenario, change: impl FnOnce(&mut Config), t: u64) -> World {
    let mut config = h.config.clone();
    change(&mut config);
    let mut world = World::new(config).expect("valid settings");
    world.set_trace_capacity(1_000_000);
    let mut replayer = Replayer::new(h.schedule.clone());
    replayer.run_until(&mut world, SimTime(t));
    assert_eq!(
        replayer.refused(),
        0,
        "the world takes every scheduled command"
    );
    world
}

/// The lesson's world at its hand-over.
fn at_hand_over(n: u8) -> (HeartbeatsScenario, World) {
    let (lesson, h) = lesson(n);
    let world = replay_with(&h, |_| {}, lesson.hand_over_at_ms);
    (h, world)
}

fn transitions(world: &World) -> Vec<Transition> {
    world
        .trace()
        .recent()
        .filter_map(|e| match e.kind {
            TraceKind::Belief(t) => Some(t),
            _ => None,
        })
        .collect()
}

fn commands(h: &HeartbeatsScenario) -> Vec<&TimedCommand> {
    h.schedule.iter().collect()
}

// ----- Lesson 1: a heartbeat, and a monitor that notices it stop -----

#[test]
fn lesson_1_the_seed_example_notices_the_crash_between_3_and_5_seconds_later() {
    let (h, world) = at_hand_over(1);
    let c = &h.config;
    // "each node sends one every 2 seconds to a central monitor"
    assert_eq!(c.interval_ms, 2_000);
    assert_eq!(c.topology, Topology::CentralPush);
    assert_eq!(c.send_jitter_ms, 0);
    // "raises the alarm when it has heard nothing from a node for more than 5 seconds"
    assert_eq!(c.detection.choice, DetectorChoice::Fixed);
    assert_eq!(c.detection.fixed.timeout_ms, 5_000);
    // "Watch the three nodes beat"
    assert_eq!(c.nodes, 3);
    // "then node 2 crash at 9 s"
    let schedule = commands(&h);
    assert_eq!(schedule.len(), 1);
    assert_eq!(schedule[0].at_ms, 9_000);
    assert_eq!(schedule[0].command, Command::Crash { node: NodeId(2) });

    let about_2: Vec<Transition> = transitions(&world)
        .into_iter()
        .filter(|t| t.observer == MONITOR && t.node == NodeId(2))
        .collect();
    assert_eq!(about_2.len(), 2, "{about_2:?}");
    // "The monitor first suspects it (nothing for 3 s)"
    let (suspected, dead) = (about_2[0], about_2[1]);
    assert_eq!(
        (suspected.from, suspected.to),
        (Belief::Alive, Belief::Suspected)
    );
    assert!(matches!(
        suspected.cause,
        Cause::Silence {
            silence_ms: 3_000,
            ..
        }
    ));
    // "then declares it dead once the 5 s timeout passes"
    assert_eq!((dead.from, dead.to), (Belief::Suspected, Belief::Dead));
    assert!(matches!(
        dead.cause,
        Cause::Silence {
            silence_ms: 5_000,
            ..
        }
    ));
    // "somewhere between 3 and 5 s after the crash"
    let latency = dead.at.ms() - 9_000;
    assert!((3_000..=5_000).contains(&latency), "{latency} ms");
    assert_eq!(world.metrics().fixed.detections, 1);
    // Nothing else is suspected: the other two nodes keep beating.
    assert_eq!(world.metrics().fixed.false_suspicions, 0);
    assert_eq!(world.metrics().fixed.false_positives, 0);
}

#[test]
fn lesson_1_a_restarted_node_is_alive_again_at_its_first_heartbeat_not_at_once() {
    let (lesson, h) = lesson(1);
    let mut world = replay_with(&h, |_| {}, lesson.hand_over_at_ms);
    let restart = world.now();
    world.apply(Command::Restart { node: NodeId(2) }).unwrap();
    assert_eq!(
        world.view(MONITOR).unwrap().decision(NodeId(2)),
        Belief::Dead,
        "not at once"
    );
    world.advance(h.config.interval_ms);
    let alive = transitions(&world)
        .into_iter()
        .find(|t| t.node == NodeId(2) && t.to == Belief::Alive)
        .expect("alive again within one interval");
    assert!(alive.at > restart && alive.at.ms() <= restart.ms() + h.config.interval_ms);
}

// ----- Lesson 3: short timeout vs long timeout -----

#[test]
fn lesson_3_a_short_timeout_mistakes_paused_nodes_for_dead_ones() {
    let (h, world) = at_hand_over(3);
    let c = &h.config;
    // "the timeout is 2.5 s with heartbeats every second"
    assert_eq!(c.detection.fixed.timeout_ms, 2_500);
    assert_eq!(c.detection.choice, DetectorChoice::Fixed);
    assert_eq!(c.interval_ms, 1_000);
    // "a jittery network"
    assert!(c.network.jitter_ms > 0 && c.send_jitter_ms > 0);
    // "a few nodes pausing for 3–4 s"
    let paused: Vec<NodeId> = h
        .schedule
        .iter()
        .filter_map(|c| match c.command {
            Command::Pause { node, ms } => {
                assert!((3_000..=4_000).contains(&ms), "a pause of {ms} ms");
                Some(node)
            }
            _ => None,
        })
        .collect();
    assert!(paused.len() >= 2);
    // "One node really crashes at 12 s."
    let crashes: Vec<&TimedCommand> = h
        .schedule
        .iter()
        .filter(|c| matches!(c.command, Command::Crash { .. }))
        .collect();
    assert_eq!(crashes.len(), 1);
    assert_eq!(crashes[0].at_ms, 12_000);

    // "A short one notices a crash quickly": it is declared within the timeout (plus delivery).
    let m = world.metrics().fixed;
    assert_eq!(m.detections, 1);
    assert!(m.latency_max_ms <= 2_500 + c.network.max_delay_ms());
    // "but mistakes slow nodes for dead ones (false positives)": there are some to count, and
    // each is a node that paused.
    assert!(m.false_positives >= 1, "{m:?}");
    for t in transitions(&world) {
        let crashed = crashes
            .iter()
            .any(|c| c.command == Command::Crash { node: t.node });
        if t.to == Belief::Dead && !crashed {
            assert!(paused.contains(&t.node), "{t:?}");
        }
    }
}

#[test]
fn lesson_3_with_an_8_second_timeout_detection_is_slower_and_mistakes_fewer() {
    let (lesson, h) = lesson(3);
    let short = replay_with(&h, |_| {}, lesson.hand_over_at_ms);
    let long = replay_with(
        &h,
        |c| c.detection.fixed.timeout_ms = 8_000,
        lesson.hand_over_at_ms,
    );
    let (s, l) = (short.metrics().fixed, long.metrics().fixed);
    assert_eq!(l.detections, 1, "the crash is still detected");
    assert!(l.mean_latency_ms().unwrap() > s.mean_latency_ms().unwrap() + 4_000.0);
    assert!(l.false_positives < s.false_positives, "{l:?} vs {s:?}");
    assert_eq!(l.false_positives, 0);
}

// ----- Lesson 6: split brain under a partition, and the majority-quorum fix -----

#[test]
fn lesson_6_a_3_2_partition_gives_two_leaders() {
    let (lesson, h) = lesson(6);
    let c = &h.config;
    // "Five nodes heartbeat each other"
    assert_eq!(c.nodes, 5);
    assert_eq!(c.topology, Topology::AllToAll);
    assert!(!c.quorum);
    // One leader before the split.
    let before = replay_with(&h, |_| {}, 7_999);
    assert_eq!(before.leaders(), vec![NodeId(1)]);
    // "at 8 s the network splits 3 / 2"
    assert_eq!(h.schedule.len(), 1);
    assert_eq!(h.schedule[0].at_ms, 8_000);
    let Command::Partition(p) = &h.schedule[0].command else {
        panic!("a partition")
    };
    let sides: Vec<Vec<u32>> = p
        .groups
        .iter()
        .map(|g| g.iter().map(|n| n.0).filter(|&n| n != 0).collect())
        .collect();
    assert_eq!(sides, vec![vec![1, 2, 3], vec![4, 5]]);

    let world = replay_with(&h, |_| {}, lesson.hand_over_at_ms);
    // "each side stops hearing the other and may declare it dead"
    for (mine, theirs) in [(&sides[0], &sides[1]), (&sides[1], &sides[0])] {
        for &me in mine {
            let view = world.view(NodeId(me)).unwrap();
            for &other in theirs {
                assert_eq!(
                    view.decision(NodeId(other)),
                    Belief::Dead,
                    "{me} on {other}"
                );
            }
            for &friend in mine {
                assert_ne!(
                    view.decision(NodeId(friend)),
                    Belief::Dead,
                    "{me} on {friend}"
                );
            }
        }
    }
    // "two leaders act at once: split brain"
    assert_eq!(world.leaders(), vec![NodeId(1), NodeId(4)]);
    assert_eq!(world.metrics().leaders, 2);
    assert!(world.metrics().split_brain_ms_at(world.now()) > 0);
}

#[test]
fn lesson_6_with_a_majority_quorum_only_the_majority_has_a_leader() {
    let (lesson, h) = lesson(6);
    let world = replay_with(&h, |c| c.quorum = true, lesson.hand_over_at_ms);
    assert_eq!(world.leaders(), vec![NodeId(1)]);
    assert_eq!(world.metrics().split_brain_ms_at(world.now()), 0);
}

// ----- Lesson 7: phi accrual vs a fixed timeout -----

#[test]
fn lesson_7_the_tight_fixed_timeout_fires_on_running_nodes_and_phi_does_not() {
    let (h, world) = at_hand_over(7);
    let c = &h.config;
    // "φ = 8 means about a one-in-a-hundred-million chance"
    assert_eq!(c.detection.phi.dead_phi, 8.0);
    // "Both detectors watch the same arrivals"
    assert_eq!(c.detection.choice, DetectorChoice::Both);
    assert_eq!(c.topology, Topology::CentralPush);
    // "Heartbeats here wobble by up to 0.7 s around a 2 s interval"
    assert_eq!((c.interval_ms, c.send_jitter_ms), (2_000, 700));
    // "the fixed timeout is a tight 2.5 s"
    assert_eq!(c.detection.fixed.timeout_ms, 2_500);
    // "node 3 crashes at 60 s"
    assert_eq!(h.schedule.len(), 1);
    assert_eq!(h.schedule[0].at_ms, 60_000);
    assert_eq!(h.schedule[0].command, Command::Crash { node: NodeId(3) });

    // "two of them can arrive up to about 2.8 s apart": the longest gap is above the fixed
    // timeout and at most 2.8 s.
    let mut last: Vec<Option<u64>> = vec![None; c.nodes as usize + 1];
    let mut longest = 0;
    for e in world.trace().recent() {
        if let TraceKind::Delivered {
            from,
            to: MONITOR,
            kind: MessageKind::Heartbeat,
            ..
        } = e.kind
        {
            if let Some(before) = last[from.index()] {
                longest = longest.max(e.at.ms() - before);
            }
            last[from.index()] = Some(e.at.ms());
        }
    }
    assert!(
        longest > 2_500 && longest <= 2_800,
        "longest gap {longest} ms"
    );

    // The point of the lesson, as the metrics show it at the hand-over: the fixed timeout has
    // declared running nodes dead, φ has not even suspected one, and both caught the crash.
    let (fixed, phi) = (
        world.metrics().detector(DetectorKind::Fixed),
        world.metrics().detector(DetectorKind::Phi),
    );
    assert!(fixed.false_positives >= 1, "{fixed:?}");
    assert!(fixed.false_suspicions >= 1, "{fixed:?}");
    assert_eq!(phi.false_positives, 0, "{phi:?}");
    assert_eq!(phi.false_suspicions, 0, "{phi:?}");
    assert_eq!(fixed.detections, 1);
    assert_eq!(phi.detections, 1);
    for kind in [DetectorKind::Fixed, DetectorKind::Phi] {
        assert!(
            transitions(&world).iter().any(|t| t.node == NodeId(3)
                && t.detector == kind
                && t.to == Belief::Dead
                && t.at.ms() > 60_000),
            "{kind:?} declares node 3 dead after its crash"
        );
    }
    // φ's caution costs time: it declares the crash later than the fixed timeout.
    assert!(phi.mean_latency_ms().unwrap() > fixed.mean_latency_ms().unwrap());
}

// ----- Lesson 9: a flipped bit -----

#[test]
fn lesson_9_one_undo_shows_the_flipped_text_and_two_the_original() {
    let lesson = Lesson::by_number(9).unwrap();
    let Scenario::Checksums(c) = lesson.build() else {
        panic!("a Checksums lesson")
    };
    let DataSource::Text(start) = &c.start else {
        panic!("starts from text")
    };
    assert_eq!(start, "Pay Alice 100 euros");
    // Only the data steps touch the undo history; the store steps do not.
    let mut history = History::new(start.as_bytes().to_vec(), 1).unwrap();
    for step in &c.steps {
        match step {
            ChecksumStep::Corrupt(op) => {
                history.apply(*op).unwrap();
            }
            ChecksumStep::RestoreGood => {
                history.restore_good().unwrap();
            }
            ChecksumStep::Store(_)
            | ChecksumStep::Write
            | ChecksumStep::CorruptAtRest(_)
            | ChecksumStep::Read => {}
            other => panic!("unexpected step {other:?}"),
        }
    }
    assert!(matches!(
        c.steps[0],
        ChecksumStep::Corrupt(Corruption::FlipBit { .. })
    ));
    assert_eq!(history.data(), b"Pay Alice 100 euros");
    assert!(lesson.question.contains("Undo once"), "{}", lesson.question);
    history.undo().unwrap();
    assert_eq!(history.data(), b"Pay Alice 000 euros", "one Undo: flipped");
    history.undo().unwrap();
    assert_eq!(history.data(), b"Pay Alice 100 euros", "two: the original");
}
