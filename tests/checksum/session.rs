//! The Checksums session the page keeps its run in: replaying a scenario is applying its steps one
//! by one; what the page records replays to the same data, good copy, store and last read; a
//! burst of typing is one step; refused steps are recorded as the page records them; and the
//! store's note says what the page shows beside the store's buttons.

use faultlab::checksum::{Algorithm, Corruption, StoreConfig};
use faultlab::scenario::checksum_replay::{ChecksumReplay, PIECE_BYTES};
use faultlab::scenario::checksum_session::{
    Applied, Changed, ChecksumSession, SHAREABLE_BYTES, STORE_MAX, StoreNote,
};
use faultlab::scenario::{ChecksumStep, ChecksumsScenario, DataSource};
use proptest::collection::vec;
use proptest::prelude::*;

const SAMPLE: &str = "The quick brown fox jumps over the lazy dog";

fn sample() -> ChecksumSession {
    ChecksumSession::new(DataSource::Text(SAMPLE.into())).unwrap()
}

fn apply(s: &mut ChecksumSession, step: ChecksumStep) -> Applied {
    s.apply(step).unwrap()
}

fn scenario_of(s: &ChecksumSession) -> ChecksumsScenario {
    ChecksumsScenario {
        start: s.start().clone(),
        steps: s.steps().to_vec(),
        show_truth: true,
        expected: String::new(),
    }
}

/// What the learner sees of a session: the data, the good copy, how many steps Undo and Redo
/// have, the store's replicas, the last write's report, the last read and the store's note.
fn assert_same_run(a: &ChecksumSession, b: &ChecksumSession) {
    assert_eq!(a.history().data(), b.history().data(), "the data");
    assert_eq!(a.history().good(), b.history().good(), "the good copy");
    assert_eq!(
        a.history().undo_descriptions().count(),
        b.history().undo_descriptions().count(),
        "the undo steps"
    );
    assert_eq!(a.history().can_redo(), b.history().can_redo(), "redo");
    assert_eq!(a.store_config(), b.store_config(), "the store's setup");
    assert_eq!(a.store().replicas(), b.store().replicas(), "the replicas");
    assert_eq!(
        a.store(),
        b.store(),
        "the store, its fault generator included"
    );
    assert_eq!(a.last_write(), b.last_write(), "the last write");
    assert_eq!(a.last_read(), b.last_read(), "the last read");
    assert_eq!(a.store_note(), b.store_note(), "the store's note");
    assert_eq!(a.steps(), b.steps(), "the steps");
}

/// A step from raw draws; some are refused on purpose (offsets past the end, replicas that do
/// not exist, a store with no replicas).
fn step_from((kind, a, b, v): (u8, usize, usize, u8)) -> ChecksumStep {
    let replica = (a % 6) as u32;
    match kind % 16 {
        0 | 1 => ChecksumStep::Corrupt(crate::corruption::valid_op(v, a, b, v, 1 + a % 40)),
        2 => ChecksumStep::Corrupt(Corruption::Overwrite {
            offset: a % 200,
            value: v,
        }),
        3 => ChecksumStep::Undo,
        4 => ChecksumStep::Redo,
        5 => ChecksumStep::MarkGood,
        6 => ChecksumStep::RestoreGood,
        7 => ChecksumStep::Store(StoreConfig {
            replicas: a % 7,
            algorithm: Algorithm::ALL[b % Algorithm::ALL.len()],
            read_repair: v % 2 == 0,
            end_to_end: v % 3 == 0,
        }),
        8 => ChecksumStep::ReadRepair(v % 2 == 0),
        9 => ChecksumStep::EndToEnd(v % 2 == 0),
        10 => ChecksumStep::Write,
        11 => ChecksumStep::Read,
        12 => ChecksumStep::CorruptAtRest(replica),
        13 => ChecksumStep::CorruptInTransit(replica),
        14 => ChecksumStep::CorruptBeforeChecksum,
        _ if v % 2 == 0 => ChecksumStep::CorruptStoredChecksum(replica),
        _ => ChecksumStep::Replace(DataSource::Text(format!("text {a}"))),
    }
}

proptest! {
    #[test]
    fn replaying_a_scenario_is_applying_its_steps_one_by_one(
        raw in vec(any::<(u8, usize, usize, u8)>(), 0..40),
    ) {
        let steps: Vec<ChecksumStep> = raw.into_iter().map(step_from).collect();
        let mut by_step = sample();
        for step in &steps {
            by_step.apply(step.clone()).unwrap();
        }
        let scenario = ChecksumsScenario { steps, ..scenario_of(&sample()) };
        let replayed = ChecksumSession::replay(&scenario).unwrap();
        prop_assert_eq!(&replayed, &by_step);
        // And what it recorded replays to the same run again.
        let again = ChecksumSession::replay(&scenario_of(&by_step)).unwrap();
        prop_assert_eq!(again, by_step);
    }
}

#[test]
fn what_the_page_records_replays_to_the_same_data_good_copy_store_and_last_read() {
    let mut page = sample();
    page.replace_typed("Pay Alice 100 euros".into(), false);
    page.replace_typed("Pay Alice 100 euros!".into(), true);
    apply(&mut page, ChecksumStep::MarkGood);
    page.replace(
        vec![7; 3000],
        "opened “photo.jpg”",
        Some(DataSource::Bytes(vec![7; 3000])),
    );
    apply(&mut page, ChecksumStep::Corrupt(Corruption::FlipRandomBit));
    apply(&mut page, ChecksumStep::Undo);
    apply(&mut page, ChecksumStep::Undo);
    page.replace(
        faultlab::checksum::random_data(4096, 9).unwrap(),
        "generated 4,096 bytes of random data (seed 9)",
        Some(DataSource::Random { len: 4096, seed: 9 }),
    );
    let three = StoreConfig {
        replicas: 3,
        algorithm: Algorithm::Crc32c,
        read_repair: true,
        end_to_end: false,
    };
    for step in [
        ChecksumStep::Store(three),
        ChecksumStep::Write,
        ChecksumStep::CorruptAtRest(0),
        ChecksumStep::CorruptInTransit(1),
        ChecksumStep::CorruptStoredChecksum(2),
        ChecksumStep::Read,
        ChecksumStep::CorruptBeforeChecksum,
        ChecksumStep::Write,
        ChecksumStep::EndToEnd(true),
        ChecksumStep::Read,
        ChecksumStep::RestoreGood,
    ] {
        apply(&mut page, step);
    }
    assert!(
        matches!(page.last_read(), Some(Err(_))),
        "the end-to-end check refuses the read"
    );
    let replayed = ChecksumSession::replay(&scenario_of(&page)).unwrap();
    assert_same_run(&replayed, &page);
    assert_eq!(replayed.history().data(), b"Pay Alice 100 euros!");
}

#[test]
fn a_burst_of_typing_is_one_undo_step_and_one_recorded_step() {
    let mut s = sample();
    let first = s.replace_typed("a".into(), false);
    assert_eq!(first.changed, Changed::Data);
    assert_eq!(first.said, "edited the text: 43 bytes → 1 byte");
    s.replace_typed("ab".into(), true);
    let last = s.replace_typed("abc".into(), true);
    assert_eq!(
        last.said, "edited the text: 43 bytes → 3 bytes",
        "one step from the start"
    );
    assert_eq!(
        s.steps(),
        [ChecksumStep::Replace(DataSource::Text("abc".into()))]
    );
    assert_eq!(s.history().undo_descriptions().count(), 1);
    // A pause starts a new step.
    s.replace_typed("abcd".into(), false);
    assert_eq!(s.steps().len(), 2);
    apply(&mut s, ChecksumStep::Undo);
    assert_eq!(s.history().data(), b"abc");
    apply(&mut s, ChecksumStep::Undo);
    assert_eq!(s.history().data(), SAMPLE.as_bytes());
}

#[test]
fn any_other_step_ends_a_burst_of_typing() {
    let mut s = sample();
    s.replace_typed("one".into(), false);
    apply(&mut s, ChecksumStep::Write);
    s.replace_typed("one two".into(), true);
    assert_eq!(
        s.steps(),
        [
            ChecksumStep::Replace(DataSource::Text("one".into())),
            ChecksumStep::Write,
            ChecksumStep::Replace(DataSource::Text("one two".into())),
        ]
    );
    // A file opened in between ends it too.
    s.replace(
        b"file".to_vec(),
        "opened “f”",
        Some(DataSource::Bytes(b"file".to_vec())),
    );
    s.replace_typed("file!".into(), true);
    assert_eq!(s.history().undo_descriptions().count(), 4);
    // After a pause, the same text again changes nothing and adds no undo step, so the next
    // pause in typing has nothing to stand in for.
    let same = s.replace_typed("file!".into(), false);
    assert_eq!(
        same.said,
        "edited the text: the same 5 bytes, nothing changed"
    );
    s.replace_typed("file!?".into(), true);
    assert_eq!(s.history().undo_descriptions().count(), 5);
}

#[test]
fn typing_too_large_to_record_is_merged_but_not_recorded() {
    let mut s = sample();
    s.replace_typed("small".into(), false);
    let big = "x".repeat(SHAREABLE_BYTES + 1);
    let applied = s.replace_typed(big.clone(), true);
    assert!(applied.recorded && !applied.refused);
    assert_eq!(s.unrecorded(), Some(big.len()));
    // The big text stood in for the small one, in the history and in the steps, but is not
    // recorded itself: the steps no longer remake the data, which `unrecorded` says.
    assert_eq!(s.history().undo_descriptions().count(), 1);
    assert!(s.steps().is_empty());
    s.replace_typed(format!("{big}y"), true);
    assert_eq!(s.history().undo_descriptions().count(), 1);
    assert!(s.steps().is_empty());
    assert_eq!(s.unrecorded(), Some(big.len() + 1));
}

#[test]
fn refused_steps_are_recorded_as_the_page_records_them() {
    let mut s = sample();
    let corrupt = apply(
        &mut s,
        ChecksumStep::Corrupt(Corruption::FlipBit { byte: 99, bit: 0 }),
    );
    assert_eq!(corrupt.changed, Changed::Nothing);
    assert!(corrupt.refused && corrupt.recorded);
    assert_eq!(
        corrupt.said,
        "Could not corrupt the data: byte 99 does not exist: the data has 43 bytes, so offsets go from 0 to 42."
    );
    let restore = apply(&mut s, ChecksumStep::RestoreGood);
    assert!(restore.refused);
    assert_eq!(
        restore.said,
        "Nothing to restore: nothing to restore: the data already equals the good copy."
    );
    let undo = apply(&mut s, ChecksumStep::Undo);
    assert_eq!(
        (undo.changed, undo.refused),
        (Changed::Nothing, false),
        "nothing to undo"
    );
    let too_large = s.replace(
        vec![0; faultlab::checksum::MAX_DATA_LEN + 1],
        "opened “huge”",
        None,
    );
    assert!(
        too_large.refused && !too_large.recorded,
        "a refused replacement is left out"
    );
    assert!(
        too_large
            .said
            .starts_with("Could not use that data: the data would be")
    );
    assert_eq!(s.unrecorded(), None);
    assert_eq!(
        s.steps(),
        [
            ChecksumStep::Corrupt(Corruption::FlipBit { byte: 99, bit: 0 }),
            ChecksumStep::RestoreGood,
            ChecksumStep::Undo,
        ]
    );
    assert_eq!(s.history().data(), SAMPLE.as_bytes());
}

#[test]
fn a_refused_store_setup_is_recorded_but_leaves_the_store_and_its_seed_alone() {
    let none = StoreConfig {
        replicas: 0,
        ..StoreConfig::default()
    };
    let one = StoreConfig {
        replicas: 1,
        ..StoreConfig::default()
    };
    let then = [
        ChecksumStep::Store(one),
        ChecksumStep::Write,
        ChecksumStep::CorruptAtRest(0),
    ];
    let mut refused_first = sample();
    let refused = apply(&mut refused_first, ChecksumStep::Store(none));
    assert_eq!((refused.changed, refused.refused), (Changed::Store, true));
    assert_eq!(
        refused_first.store_note().map(|n| n.error),
        Some(true),
        "{refused:?}"
    );
    assert!(refused.said.starts_with("Could not set up the store: "));
    assert_eq!(refused_first.store_config(), StoreConfig::default());
    let mut plain = sample();
    for step in then {
        apply(&mut refused_first, step.clone());
        apply(&mut plain, step);
    }
    assert_eq!(refused_first.steps().len(), 4);
    assert_eq!(
        refused_first.store_note(),
        plain.store_note(),
        "the same bit flips"
    );
    assert_eq!(refused_first.store(), plain.store());
}

#[test]
fn the_store_note_says_what_the_page_shows_beside_the_store() {
    let mut s = sample();
    let note = |s: &ChecksumSession| s.store_note().cloned();
    apply(
        &mut s,
        ChecksumStep::Store(StoreConfig {
            replicas: 2,
            algorithm: Algorithm::Sha256,
            ..StoreConfig::default()
        }),
    );
    assert_eq!(
        note(&s),
        Some(StoreNote {
            text: "A new store: 2 replicas with SHA-256, empty until you write the data again."
                .into(),
            error: false
        })
    );
    apply(&mut s, ChecksumStep::ReadRepair(false));
    assert!(note(&s).is_some(), "a switch keeps the note");
    apply(&mut s, ChecksumStep::Write);
    assert_eq!(note(&s), None, "a write shows its own report");
    assert!(s.last_write().is_some());
    let at_rest = apply(&mut s, ChecksumStep::CorruptAtRest(1));
    let text = note(&s).unwrap().text;
    assert!(
        text.starts_with("Disk fault at rest on replica 2: flipped") && text.ends_with('.'),
        "{text}"
    );
    assert_eq!(at_rest.said, text);
    apply(&mut s, ChecksumStep::Read);
    assert_eq!(note(&s), None, "a read shows its own steps");
    assert!(matches!(s.last_read(), Some(Ok(o)) if o.replica == 0));
    apply(&mut s, ChecksumStep::CorruptAtRest(1));
    assert_eq!(
        s.last_read(),
        None,
        "the last read described the replicas as they were"
    );
    let missing = apply(&mut s, ChecksumStep::CorruptInTransit(4));
    assert!(missing.refused);
    assert_eq!(note(&s).map(|n| n.error), Some(true));
    apply(&mut s, ChecksumStep::CorruptBeforeChecksum);
    assert_eq!(note(&s), None, "the store shows the armed fault itself");
    assert!(s.store().pending_memory_fault().is_some());
}

#[test]
fn data_larger_than_the_store_demo_is_not_written() {
    let mut s = sample();
    s.replace(vec![1; STORE_MAX + 1], "opened “big”", None);
    let write = apply(&mut s, ChecksumStep::Write);
    assert!(write.refused);
    assert!(
        write
            .said
            .starts_with("Not written: the store demo writes at most 1,048,576 bytes"),
        "{}",
        write.said
    );
    assert_eq!(s.store().written(), None);
}

#[test]
fn data_too_large_to_carry_is_used_but_not_recorded() {
    let mut s = sample();
    let bytes = vec![3; SHAREABLE_BYTES + 1];
    let applied = s.replace(
        bytes.clone(),
        "opened “big.bin”",
        Some(DataSource::Bytes(bytes)),
    );
    assert_eq!(applied.changed, Changed::Data);
    assert!(applied.recorded);
    assert!(s.steps().is_empty());
    assert_eq!(s.unrecorded(), Some(SHAREABLE_BYTES + 1));
    // Replaying such a step (from a scenario file) notes it the same way.
    let file = ChecksumsScenario {
        steps: vec![ChecksumStep::Replace(DataSource::Bytes(vec![
            3;
            SHAREABLE_BYTES
                + 1
        ]))],
        ..scenario_of(&sample())
    };
    let replayed = ChecksumSession::replay(&file).unwrap();
    assert_eq!(replayed.unrecorded(), Some(SHAREABLE_BYTES + 1));
    assert_eq!(replayed.history().data(), s.history().data());
}

#[test]
fn a_large_good_copy_is_finished_a_slice_at_a_time_and_means_the_same_meanwhile() {
    let len = faultlab::checksum::GOOD_COPY_SLICE * 2 + 5;
    let mut s = sample();
    s.replace(vec![5; len], "generated", None);
    let marked = apply(&mut s, ChecksumStep::MarkGood);
    assert_eq!(marked.changed, Changed::Good);
    assert_eq!(
        marked.said,
        format!(
            "Marked the current {} as the good copy.",
            faultlab::checksum::bytes_label(len)
        )
    );
    assert!(s.history().good_copy_pending());
    assert_eq!(s.history().good(), s.history().data());
    let mut slices = 0;
    while s.continue_good_copy(faultlab::checksum::GOOD_COPY_SLICE) {
        slices += 1;
    }
    assert_eq!(slices, 2);
    assert!(!s.history().good_copy_pending());
    assert!(s.history().is_good());
}

#[test]
fn a_source_that_cannot_be_made_is_an_error() {
    let mut s = sample();
    let huge = ChecksumStep::Replace(DataSource::Random {
        len: u64::MAX,
        seed: 1,
    });
    assert!(s.apply(huge).is_err());
    assert!(s.steps().is_empty());
}

/// Runs `replay` to the end, stopping after every piece `stops` says to (cycling), and returns
/// how many calls it took.
fn run_in_pieces(replay: &mut ChecksumReplay, stops: &[bool]) -> Result<usize, String> {
    let mut draws = stops.iter().copied().cycle();
    let mut calls = 0;
    loop {
        calls += 1;
        let (before, _) = replay.progress();
        let done = replay.run(&mut || !draws.next().unwrap_or(true))?;
        assert!(replay.progress().0 >= before, "the replay went back");
        if done {
            assert!(replay.is_done());
            return Ok(calls);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn a_replay_in_pieces_ends_with_the_session_one_go_makes(
        raw in vec(any::<(u8, usize, usize, u8)>(), 0..40),
        stops in vec(any::<bool>(), 1..8),
    ) {
        let steps: Vec<ChecksumStep> = raw.into_iter().map(step_from).collect();
        let scenario = ChecksumsScenario { steps, ..scenario_of(&sample()) };
        let mut replay = ChecksumReplay::new(&scenario);
        run_in_pieces(&mut replay, &stops).unwrap();
        prop_assert_eq!(replay.progress(), (scenario.steps.len(), scenario.steps.len()));
        assert_same_session(replay.into_session().unwrap(), &scenario);
    }

    #[test]
    fn a_replay_of_random_data_larger_than_a_piece_ends_with_the_same_session(
        extra in 0usize..5000,
        raw in vec(any::<(u8, usize, usize, u8)>(), 0..12),
        stops in vec(any::<bool>(), 1..4),
    ) {
        let steps: Vec<ChecksumStep> = raw.into_iter().map(step_from).collect();
        let scenario = ChecksumsScenario {
            start: DataSource::Random { len: (PIECE_BYTES + extra) as u64, seed: extra as u64 },
            steps,
            ..scenario_of(&sample())
        };
        let mut replay = ChecksumReplay::new(&scenario);
        run_in_pieces(&mut replay, &stops).unwrap();
        assert_same_session(replay.into_session().unwrap(), &scenario);
    }
}

/// `session` is the session a replay of `scenario` in one go makes, down to what the history
/// counts of the difference from the good copy (which equality does not compare).
fn assert_same_session(session: ChecksumSession, scenario: &ChecksumsScenario) {
    let whole = ChecksumSession::replay(scenario).unwrap();
    assert_eq!(
        session.history().differing_bytes(),
        whole.history().differing_bytes()
    );
    assert_eq!(
        session.history().first_difference(),
        whole.history().first_difference()
    );
    assert_eq!(session, whole);
}

/// A start and a replacement of random data larger than a piece, undone and redone.
fn large_random_scenario() -> ChecksumsScenario {
    ChecksumsScenario {
        start: DataSource::Random {
            len: 3 * PIECE_BYTES as u64 + 1000,
            seed: 4,
        },
        steps: vec![
            ChecksumStep::Corrupt(Corruption::Truncate { len: 0 }),
            ChecksumStep::Undo,
            ChecksumStep::Redo,
            ChecksumStep::Undo,
            ChecksumStep::Replace(DataSource::Random {
                len: 2 * PIECE_BYTES as u64 + 24,
                seed: 5,
            }),
            ChecksumStep::Corrupt(Corruption::FlipRandomBit),
            ChecksumStep::MarkGood,
            ChecksumStep::Undo,
        ],
        show_truth: true,
        expected: String::new(),
    }
}

#[test]
fn random_data_larger_than_a_piece_is_made_a_piece_at_a_time_to_the_same_session() {
    let scenario = large_random_scenario();
    let mut replay = ChecksumReplay::new(&scenario);
    // One piece per call: four for the start (3 MiB and 1,000 bytes), one per step, and two
    // more for the replacement's three pieces.
    let calls = run_in_pieces(&mut replay, &[true]).unwrap();
    assert_eq!(calls, 4 + scenario.steps.len() + 2);
    let session = replay.into_session().unwrap();
    assert_same_run(&session, &ChecksumSession::replay(&scenario).unwrap());
    assert_eq!(session, ChecksumSession::replay(&scenario).unwrap());
}

#[test]
fn a_replay_stopped_early_is_the_session_of_the_steps_it_applied() {
    let scenario = large_random_scenario();
    let mut replay = ChecksumReplay::new(&scenario);
    assert!(!replay.run(&mut || false).unwrap());
    assert_eq!(replay.progress(), (0, scenario.steps.len()));
    for _ in 0..6 {
        assert!(!replay.run(&mut || false).unwrap());
    }
    let (applied, _) = replay.progress();
    assert_eq!(applied, 3, "four pieces for the start, then one per step");
    let prefix = ChecksumsScenario {
        steps: scenario.steps[..applied].to_vec(),
        ..scenario.clone()
    };
    let stopped = replay.into_session().unwrap();
    assert_eq!(stopped.steps(), &scenario.steps[..applied]);
    assert_eq!(stopped, ChecksumSession::replay(&prefix).unwrap());
    // Stopped while the start is still being made: no session yet.
    let mut early = ChecksumReplay::new(&scenario);
    assert!(!early.run(&mut || false).unwrap());
    assert!(early.into_session().is_none());
}

#[test]
fn a_replay_in_pieces_fails_where_one_go_fails() {
    let too_small = ChecksumsScenario {
        start: DataSource::Random { len: 10, seed: 1 },
        ..scenario_of(&sample())
    };
    let too_large = ChecksumsScenario {
        steps: vec![
            ChecksumStep::MarkGood,
            ChecksumStep::Replace(DataSource::Random {
                len: 65 << 20,
                seed: 1,
            }),
        ],
        ..scenario_of(&sample())
    };
    for scenario in [too_small, too_large] {
        let expected = ChecksumSession::replay(&scenario).unwrap_err();
        let mut replay = ChecksumReplay::new(&scenario);
        assert_eq!(run_in_pieces(&mut replay, &[false]), Err(expected));
    }
}

#[test]
fn a_large_good_copy_is_copied_a_piece_at_a_time_between_steps() {
    let scenario = ChecksumsScenario {
        start: DataSource::Random {
            len: 9 * PIECE_BYTES as u64,
            seed: 2,
        },
        steps: vec![
            ChecksumStep::Corrupt(Corruption::FlipBit { byte: 5, bit: 1 }),
            ChecksumStep::MarkGood,
            ChecksumStep::Corrupt(Corruption::FlipBit { byte: 6, bit: 2 }),
            ChecksumStep::RestoreGood,
        ],
        show_truth: true,
        expected: String::new(),
    };
    let mut replay = ChecksumReplay::new(&scenario);
    // Nine pieces to make the start; the good copies of 9 MiB (the start's and Mark good's)
    // take three pieces each, the last with the step after it; one piece per other step.
    let calls = run_in_pieces(&mut replay, &[true]).unwrap();
    assert_eq!(calls, 9 + 2 + 2 + scenario.steps.len());
    let session = replay.into_session().unwrap();
    assert_eq!(session, ChecksumSession::replay(&scenario).unwrap());
    assert_eq!(session.history().good(), session.history().data());
}

#[test]
fn the_history_finds_the_first_difference_from_the_good_copy() {
    let mut s = ChecksumSession::new(DataSource::Random {
        len: 100_000,
        seed: 1,
    })
    .unwrap();
    assert_eq!(s.history().first_difference(), None);
    let flip = |byte| ChecksumStep::Corrupt(Corruption::FlipBit { byte, bit: 3 });
    apply(&mut s, flip(90_000));
    assert_eq!(s.history().first_difference(), Some(90_000));
    // The history's bounds only widen: flipping byte 0 and back leaves them starting at 0, and
    // the first difference is still found.
    apply(&mut s, flip(0));
    assert_eq!(s.history().first_difference(), Some(0));
    apply(&mut s, flip(0));
    assert_eq!(s.history().first_difference(), Some(90_000));
    apply(&mut s, ChecksumStep::RestoreGood);
    assert_eq!(s.history().first_difference(), None);
    // Lengths that differ: where the two part, or the shorter length.
    apply(
        &mut s,
        ChecksumStep::Corrupt(Corruption::Truncate { len: 70_000 }),
    );
    assert_eq!(s.history().first_difference(), Some(70_000));
}
