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
