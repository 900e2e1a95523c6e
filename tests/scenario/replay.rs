//! Replaying a scenario with a journal watching: the run is the same as without one, and the
//! journal (the page's log and timeline) holds the whole replay, the same however finely it is read.

use faultlab::scenario::replay::{JournalOptions, start, start_with_journal};
use faultlab::scenario::{HeartbeatsScenario, Lesson, Replayer, Scenario};
use faultlab::sim::journal::{Journal, LogKind};
use faultlab::sim::{Command, MONITOR, NodeId, SimTime, World};

/// Lesson 6 (a partition at 8 s in a five-node all-to-all cluster), moved on to `at_ms`.
fn lesson_6_at(at_ms: u64) -> HeartbeatsScenario {
    let Scenario::Heartbeats(mut h) = Lesson::by_number(6).unwrap().build() else {
        panic!("lesson 6 is a Heartbeats lesson")
    };
    h.start_at_ms = at_ms;
    h
}

fn options(observer: NodeId) -> JournalOptions {
    JournalOptions {
        observer,
        window_ms: 60_000,
        log_cap: 400,
        trace_capacity: 60_000,
    }
}

/// The log as (time, text) pairs.
fn log(journal: &Journal) -> Vec<(u64, String)> {
    journal.log().map(|e| (e.at.ms(), e.text.clone())).collect()
}

fn partition_at_ms(h: &HeartbeatsScenario) -> u64 {
    h.schedule
        .iter()
        .find(|c| matches!(c.command, Command::Partition { .. }))
        .expect("the lesson partitions the cluster")
        .at_ms
}

#[test]
fn a_replayed_run_comes_with_its_history_and_is_the_same_run() {
    let h = lesson_6_at(30_000);
    let (plain, _) = start(&h).unwrap();
    let (watched, _, journal) = start_with_journal(&h, options(NodeId(1))).unwrap();
    assert_eq!(watched.now(), plain.now());
    assert_eq!(watched.trace().fingerprint(), plain.trace().fingerprint());
    let partitioned = partition_at_ms(&h);
    let lines = log(&journal);
    assert!(
        lines
            .iter()
            .any(|(at, text)| *at == partitioned && text.contains("partition")),
        "the partition is in the log at {partitioned} ms: {lines:?}"
    );
    let cut = lines
        .iter()
        .filter(|(_, text)| text.contains("is cut off"))
        .collect::<Vec<_>>();
    assert!(
        !cut.is_empty(),
        "the cut-off nodes are in the log: {lines:?}"
    );
    assert!(
        cut.iter().all(|(at, _)| *at == partitioned),
        "nodes are cut off when the partition happens, not when the journal looks: {cut:?}"
    );
    assert!(
        journal.log().any(|e| e.kind == LogKind::Belief),
        "what node 1 believed before now is there"
    );
}

#[test]
fn the_journal_reads_the_same_whether_it_looks_often_or_seldom() {
    let h = lesson_6_at(0);
    let end = SimTime(40_000);
    let run = |every_ms: u64| {
        let mut world = World::new(h.config.clone()).unwrap();
        world.set_trace_capacity(60_000);
        let mut journal = Journal::new(&world, NodeId(1), 60_000, 400);
        let mut replayer = Replayer::new(h.schedule.clone());
        replayer.run_until_observed(&mut world, end, &|_| every_ms, &mut |w| journal.ingest(w));
        (world.trace().fingerprint(), log(&journal))
    };
    let often = run(1);
    for every_ms in [7, 250, 997, 40_000] {
        assert_eq!(run(every_ms), often, "read every {every_ms} ms");
    }
}

#[test]
fn an_observed_run_is_the_same_run_as_an_unobserved_one() {
    let h = lesson_6_at(0);
    let mut observed = World::new(h.config.clone()).unwrap();
    let mut plain = World::new(h.config.clone()).unwrap();
    let mut a = Replayer::new(h.schedule.clone());
    let mut b = Replayer::new(h.schedule.clone());
    // A Step leaves events of this millisecond to come; both ways run them first.
    observed.step();
    plain.step();
    let mut calls = 0;
    for t in [observed.now().ms(), 3_000, 8_000, 8_001, 25_000] {
        a.run_until_observed(&mut observed, SimTime(t), &|_| 333, &mut |_| calls += 1);
        b.run_until(&mut plain, SimTime(t));
        assert_eq!(observed.now(), plain.now());
        assert_eq!(observed.trace().fingerprint(), plain.trace().fingerprint());
    }
    assert!(calls > 25_000 / 333, "observed at least every 333 ms");
}

#[test]
fn a_central_monitor_journal_has_the_crash_from_before_the_link_was_opened() {
    let mut world = World::new(Default::default()).unwrap();
    world.advance(4_000);
    world.apply(Command::Crash { node: NodeId(2) }).unwrap();
    world.advance(20_000);
    let h = HeartbeatsScenario {
        config: world.config().clone(),
        schedule: world
            .commands()
            .iter()
            .map(|(at, command)| faultlab::scenario::TimedCommand {
                at_ms: at.ms(),
                command: command.clone(),
            })
            .collect(),
        start_at_ms: world.now().ms(),
        show_truth: true,
        observer: 0,
    };
    let (_, _, journal) = start_with_journal(&h, options(MONITOR)).unwrap();
    let lines = log(&journal);
    assert!(
        lines
            .iter()
            .any(|(at, text)| *at == 4_000 && text.contains("node 2 crashed")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|(_, text)| text.contains("believes node 2 is dead")),
        "{lines:?}"
    );
    assert!(
        journal.spans(NodeId(2)).any(|s| s.start == SimTime(4_000)),
        "the crashed span starts at the crash"
    );
}

#[test]
fn a_settings_change_that_makes_the_run_busier_does_not_make_the_journal_miss_events() {
    let quiet = faultlab::sim::Config {
        nodes: 200,
        interval_ms: 2_000,
        ..Default::default()
    };
    let mut busy = quiet.clone();
    busy.interval_ms = 50;
    busy.detection.fixed.suspect_after_ms = 150;
    busy.detection.fixed.timeout_ms = 300;
    let h = HeartbeatsScenario {
        config: quiet,
        schedule: vec![faultlab::scenario::TimedCommand {
            at_ms: 1_000,
            command: Command::Configure(busy),
        }],
        start_at_ms: 30_000,
        show_truth: true,
        observer: 0,
    };
    let (world, replayer, journal) = start_with_journal(
        &h,
        JournalOptions {
            trace_capacity: 5_000,
            ..options(MONITOR)
        },
    )
    .unwrap();
    assert_eq!(replayer.refused(), 0, "the faster settings are taken");
    assert_eq!(world.config().interval_ms, 50);
    assert!(
        !journal.missed_events,
        "the journal reads the trace often enough for the settings in force"
    );
}
