//! The Heartbeats run as the page plays it, natively: frames within a time budget, a lesson's
//! hand-over, steps and commands that replay as the same run, another observer's history, and a
//! new run with new settings that keeps a lesson's faults.

use crate::common::at;
use faultlab::scenario::HeartbeatsScenario;
use faultlab::scenario::heartbeats_run::{HeartbeatsRun, plain};
use faultlab::sim::{Command, Config, NodeId, SimTime, Topology};

fn gossip() -> Config {
    Config {
        nodes: 6,
        topology: Topology::RandomK { k: 2 },
        ..Config::default()
    }
}

fn lesson_like() -> HeartbeatsScenario {
    HeartbeatsScenario {
        schedule: vec![
            at(4_000, Command::Crash { node: NodeId(3) }),
            at(
                9_000,
                Command::Configure(Config {
                    interval_ms: 1_500,
                    ..gossip()
                }),
            ),
        ],
        ..plain(gossip())
    }
}

#[test]
fn a_frame_advances_until_its_budget_is_spent_and_a_whole_frame_otherwise() {
    let mut run = HeartbeatsRun::open(&plain(gossip())).unwrap();
    let all = run.advance(4_000, &mut || true);
    assert_eq!((all.done_ms, all.handed_over), (4_000, false));
    assert_eq!(run.world().now(), SimTime(4_000));
    let mut slices = 0;
    let short = run.advance(4_000, &mut || {
        slices += 1;
        slices < 3
    });
    assert_eq!(short.done_ms, 1_500, "three slices of an eighth each");
    assert_eq!(run.world().now(), SimTime(5_500));
}

#[test]
fn a_lesson_stops_exactly_at_its_hand_over_whether_played_or_skipped() {
    let mut run = HeartbeatsRun::open(&lesson_like()).unwrap();
    run.set_pause_at(Some(SimTime(6_000)));
    let played = run.advance(10_000, &mut || true);
    assert_eq!((played.done_ms, played.handed_over), (6_000, true));
    assert_eq!(run.world().now(), SimTime(6_000));
    assert_eq!(run.pause_at(), None, "the hand-over is spent");
    let mut skipped = HeartbeatsRun::open(&lesson_like()).unwrap();
    skipped.set_pause_at(Some(SimTime(6_000)));
    assert!(skipped.skip(10_000));
    assert_eq!(skipped.world().now(), SimTime(6_000));
    assert_eq!(
        skipped.world().trace().fingerprint(),
        run.world().trace().fingerprint()
    );
}

#[test]
fn steps_and_live_commands_replay_as_the_same_run() {
    let mut run = HeartbeatsRun::open(&lesson_like()).unwrap();
    run.advance(3_000, &mut || true);
    for _ in 0..7 {
        run.step();
    }
    run.apply(Command::Pause {
        node: NodeId(5),
        ms: 3_000,
    })
    .unwrap();
    run.advance(8_000, &mut || true);
    run.step();
    run.apply(Command::Heal).unwrap();
    run.advance(2_000, &mut || true);
    let link = run.scenario(run.world().now(), true);
    let again = HeartbeatsRun::open(&link).unwrap();
    assert_eq!(again.world().now(), run.world().now());
    assert_eq!(
        again.world().trace().fingerprint(),
        run.world().trace().fingerprint(),
        "opening the run's own scenario gives the very same trace"
    );
    assert_eq!(again.refused_commands(), 0);
}

#[test]
fn looking_through_another_node_shows_its_history_from_before_the_switch() {
    let mut run = HeartbeatsRun::open(&lesson_like()).unwrap();
    run.advance(12_000, &mut || true);
    assert_eq!(run.observer(), NodeId(1));
    run.look_through(NodeId(4)).expect("the run replays");
    assert_eq!(run.observer(), NodeId(4));
    let crash_seen = run
        .journal()
        .log()
        .any(|e| e.text.contains("node 3 crashed"));
    assert!(crash_seen, "node 4's log has the crash at 4 s");
    let declared = run.journal().log().any(|e| {
        e.text
            .starts_with("node 4 (fixed timeout) now believes node 3")
    });
    assert!(declared, "and what node 4 concluded about it");
}

#[test]
fn a_run_too_long_to_replay_looks_through_another_node_from_now_and_says_why() {
    let config = Config {
        nodes: 200,
        topology: Topology::AllToAll,
        interval_ms: 1_000,
        ..Config::default()
    };
    let mut run = HeartbeatsRun::open(&plain(config)).unwrap();
    run.advance(60_000, &mut || true);
    let why = run.look_through(NodeId(7)).unwrap_err();
    assert!(why.contains("too long"), "{why}");
    assert_eq!(run.observer(), NodeId(7));
}

#[test]
fn a_new_run_with_new_settings_replays_the_lessons_faults_but_not_live_actions() {
    let mut run = HeartbeatsRun::open(&lesson_like()).unwrap();
    run.advance(5_000, &mut || true);
    run.apply(Command::Crash { node: NodeId(6) }).unwrap();
    let new = run
        .restart_with(Config {
            seed: 99,
            ..gossip()
        })
        .unwrap();
    assert_eq!(new.world().now(), SimTime::ZERO);
    assert_eq!(new.world().config().seed, 99);
    assert_eq!(new.observer(), run.observer());
    let mut new = new;
    new.advance(10_000, &mut || true);
    let crashed: Vec<u32> = (1..=6)
        .filter(|&n| new.world().truth(NodeId(n)).crashed)
        .collect();
    assert_eq!(crashed, vec![3], "the lesson's crash, not the live one");
    assert_eq!(
        new.world().config().interval_ms,
        2_000,
        "the schedule's own settings change is left out: the new settings are the learner's"
    );
}

/// What a learner sees of a run: the world's trace and clock, and the journal's log and lanes.
fn seen(
    run: &HeartbeatsRun,
) -> (
    u64,
    SimTime,
    Vec<String>,
    Vec<Vec<faultlab::sim::journal::Span>>,
) {
    let nodes = run.world().config().nodes;
    (
        run.world().trace().fingerprint(),
        run.world().now(),
        run.journal().log().map(|e| e.text.clone()).collect(),
        (1..=nodes)
            .map(|n| run.journal().spans(NodeId(n)).copied().collect())
            .collect(),
    )
}

/// A budget that runs out after every `every` questions.
fn budget(every: u32) -> impl FnMut() -> bool {
    let mut asked = 0;
    move || {
        asked += 1;
        asked % every != 0
    }
}

#[test]
fn a_link_replayed_in_many_short_slices_opens_the_same_run_as_in_one_go() {
    for (seed, every) in [(1, 1), (2, 2), (3, 7)] {
        let mut scenario = lesson_like();
        scenario.config.seed = seed;
        scenario.start_at_ms = 21_000;
        let whole = HeartbeatsRun::open(&scenario).unwrap();
        let (mut sliced, start) = HeartbeatsRun::begin(&scenario).unwrap();
        assert_eq!(start, SimTime(21_000));
        assert_eq!(sliced.world().now(), SimTime(0), "nothing has run yet");
        let mut tasks = 1;
        let mut has_time = budget(every);
        while !sliced.run_toward(start, &mut has_time) {
            tasks += 1;
        }
        assert!(tasks > 5, "seed {seed}: the replay took {tasks} tasks");
        assert_eq!(
            seen(&sliced),
            seen(&whole),
            "seed {seed}, a break every {every}"
        );
    }
}

#[test]
fn a_replay_stopped_part_way_is_a_consistent_run_that_plays_on_as_the_same_run() {
    let mut scenario = lesson_like();
    scenario.start_at_ms = 20_000;
    let (mut stopped, start) = HeartbeatsRun::begin(&scenario).unwrap();
    let mut has_time = budget(3);
    while stopped.world().now() < SimTime(6_500) {
        assert!(!stopped.run_toward(start, &mut has_time));
    }
    // The learner cancels here (inside a slice) and then plays on to 20 s.
    assert!(stopped.world().now() < start);
    stopped.advance(20_000 - stopped.world().now().ms(), &mut || true);
    stopped.world().audit().unwrap();
    assert_eq!(stopped.world().now(), start);
    let whole = HeartbeatsRun::open(&scenario).unwrap();
    assert_eq!(
        stopped.world().trace().fingerprint(),
        whole.world().trace().fingerprint(),
        "cancelling a replay and playing on gives the same run"
    );
}

#[test]
fn looking_through_another_node_in_slices_gives_the_journal_of_one_replay() {
    let mut run = HeartbeatsRun::open(&lesson_like()).unwrap();
    run.advance(12_000, &mut || true);
    let mut whole = run.clone();
    whole.look_through(NodeId(4)).unwrap();
    let (mut replay, now) = run.replay_for(NodeId(4)).unwrap();
    assert_eq!(now, SimTime(12_000));
    let mut has_time = budget(2);
    while !replay.run_toward(now, &mut has_time) {}
    run.adopt_replay(replay).unwrap();
    assert_eq!(run.observer(), NodeId(4));
    assert_eq!(seen(&run), seen(&whole));
}

#[test]
fn a_replay_that_is_not_this_run_is_refused_and_the_view_starts_now() {
    let mut run = HeartbeatsRun::open(&lesson_like()).unwrap();
    run.advance(12_000, &mut || true);
    let (mut replay, now) = run.replay_for(NodeId(4)).unwrap();
    replay.run_to(now);
    // The run moved on while the replay was made: the replay is no longer this run.
    run.advance(1_000, &mut || true);
    let why = run.adopt_replay(replay).unwrap_err();
    assert!(why.contains("could not be replayed"), "{why}");
    assert_eq!(run.observer(), NodeId(4));
    assert_eq!(run.journal().log().count(), 0, "the view starts now");
}

#[test]
fn a_step_that_leaves_events_at_a_scheduled_commands_millisecond_replays_as_the_same_run() {
    let mut checked = 0;
    for seed in 0..100 {
        let mut scenario = lesson_like();
        scenario.config.seed = seed;
        let mut run = HeartbeatsRun::open(&scenario).unwrap();
        // Step into the millisecond the crash of node 3 is scheduled at (4 s), leaving some of
        // that millisecond's events still to happen.
        while run.world().now() < SimTime(4_000) {
            run.step();
        }
        let now = run.world().now();
        if run.world().next_event_at() != Some(now) || now != SimTime(4_000) {
            continue;
        }
        checked += 1;
        run.apply(Command::Crash { node: NodeId(2) }).unwrap();
        run.advance(2_000, &mut || true);
        let again = HeartbeatsRun::open(&run.scenario(run.world().now(), true)).unwrap();
        assert_eq!(
            again.world().trace().fingerprint(),
            run.world().trace().fingerprint(),
            "seed {seed}: the link to this run replays it"
        );
    }
    assert!(checked >= 3, "only {checked} seeds left events at 4 s");
}
