//! The replicated store's read path never returns corrupted data as valid, returns the explicit
//! error exactly when every replica is bad, repairs what it can, and shows why corruption before
//! the checksum needs an end-to-end check.

use faultlab::checksum::{
    Algorithm, Corruption, ReadAction, ReadError, Store, StoreConfig, StoreError,
};

use crate::corruption::valid_op;
use proptest::collection::vec;
use proptest::prelude::*;
use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;

type RawOp = (u8, usize, usize, u8);

/// A concrete (or random-flip) operation for data of `len` bytes, or `None` when `len` is 0.
fn op_for(raw: RawOp, len: usize) -> Option<Corruption> {
    let (kind, a, b, v) = raw;
    (len > 0).then(|| valid_op(kind, a, b, v, len))
}

fn algorithm() -> impl Strategy<Value = Algorithm> {
    prop::sample::select(Algorithm::ALL.to_vec())
}

proptest! {
    #[test]
    fn read_never_returns_bad_data_and_errs_exactly_when_all_replicas_are_bad(
        data in vec(any::<u8>(), 1..1200),
        n in 1usize..=5,
        alg in algorithm(),
        faults in vec((proptest::option::of(any::<RawOp>()), proptest::option::of(any::<RawOp>())), 5),
        read_repair in any::<bool>(),
        end_to_end in any::<bool>(),
        seed in any::<u64>(),
    ) {
        let config = StoreConfig { replicas: n, algorithm: alg, read_repair, end_to_end };
        let mut store = Store::new(config, seed).unwrap();
        let report = store.write(&data).unwrap();
        prop_assert_eq!(&report.stored_checksum, &alg.digest(&data));
        prop_assert_eq!(store.written().unwrap(), data.as_slice());

        // Inject, and work out independently which replicas will deliver bad bytes.
        let mut bad = vec![false; n];
        for (k, (at_rest, in_transit)) in faults.into_iter().take(n).enumerate() {
            if let Some(op) = at_rest.and_then(|raw| op_for(raw, store.replica_data(k).unwrap().len())) {
                store.corrupt_at_rest(k, op).unwrap();
            }
            let stored = store.replica_data(k).unwrap().to_vec();
            prop_assert_eq!(store.replicas()[k].corrupted_at_rest, stored != data);
            let mut received = stored.clone();
            // In transit only concrete ops, so the oracle knows the bytes (a random flip could
            // happen to flip back the very bit a disk fault flipped).
            let concrete = |(kind, a, b, v): RawOp| (if kind % 8 == 1 { 0 } else { kind }, a, b, v);
            if let Some(op) = in_transit.and_then(|raw| op_for(concrete(raw), stored.len())) {
                store.corrupt_in_transit(k, op).unwrap();
                prop_assert!(store.replicas()[k].pending_in_transit.is_some());
                op.apply(&mut received, &mut Pcg64Mcg::seed_from_u64(0)).unwrap();
            }
            bad[k] = received != data;
        }
        let first_good = bad.iter().position(|b| !b);

        match store.read() {
            Ok(outcome) => {
                let Some(good) = first_good else {
                    return Err(TestCaseError::fail(format!("a read succeeded although every replica was bad: {:?}", outcome.steps)));
                };
                prop_assert_eq!(&outcome.data, &data, "the read returned corrupted data as valid");
                prop_assert_eq!(outcome.replica, good);
                let returned: Vec<_> = outcome.steps.iter().filter(|s| s.action == ReadAction::Returned).collect();
                prop_assert_eq!(returned.len(), 1);
                prop_assert_eq!(&returned[0].computed, &returned[0].stored);
                prop_assert_eq!(&returned[0].computed, &alg.digest(&outcome.data));
                for (i, step) in outcome.steps.iter().take(good + 1).enumerate() {
                    prop_assert_eq!(step.replica, i, "replicas are tried in order");
                    let passed = step.checksum_matches && step.end_to_end_matches != Some(false);
                    prop_assert_eq!(passed, i == good);
                    prop_assert_eq!(step.end_to_end_matches.is_some(), end_to_end);
                }
                let repairs: Vec<usize> = outcome.steps[good + 1..].iter().map(|s| {
                    assert_eq!(s.action, ReadAction::RepairedFrom { source: good });
                    s.replica
                }).collect();
                prop_assert_eq!(&repairs, &outcome.repaired);
                if read_repair {
                    prop_assert_eq!(repairs, (0..good).collect::<Vec<_>>());
                    for k in 0..good {
                        prop_assert_eq!(store.replica_data(k).unwrap(), data.as_slice());
                        prop_assert!(!store.replicas()[k].corrupted_at_rest);
                        prop_assert!(!store.replicas()[k].marked_corrupt);
                    }
                    prop_assert_eq!(store.read().unwrap().replica, 0, "after repair the first replica serves");
                } else {
                    prop_assert!(repairs.is_empty());
                    for k in 0..good {
                        prop_assert!(store.replicas()[k].marked_corrupt);
                    }
                }
                // A second read never returns bad data either (it may fail: a network fault can
                // happen to undo a disk fault once, so the first read got lucky).
                if let Ok(again) = store.read() {
                    prop_assert_eq!(again.data, data);
                }
            }
            Err(ReadError::AllReplicasBad { steps }) => {
                prop_assert!(first_good.is_none(), "explicit error although replica {:?} was good", first_good);
                prop_assert_eq!(steps.len(), n);
                for (i, step) in steps.iter().enumerate() {
                    prop_assert_eq!(step.replica, i);
                    prop_assert!(!step.checksum_matches || step.end_to_end_matches == Some(false));
                    let expected = if i + 1 < n { ReadAction::MarkedCorruptTryingNext } else { ReadAction::MarkedCorruptNoneLeft };
                    prop_assert_eq!(step.action, expected);
                    prop_assert!(store.replicas()[i].marked_corrupt);
                }
            }
            Err(e) => prop_assert!(false, "unexpected error {e}"),
        }
    }
}

#[test]
fn corruption_in_memory_before_the_checksum_is_invisible_to_the_store_but_caught_end_to_end() {
    let intended = b"transfer 100 to alice".to_vec();
    let config = StoreConfig {
        replicas: 3,
        algorithm: Algorithm::Sha256,
        read_repair: true,
        end_to_end: false,
    };
    let mut store = Store::new(config, 9).unwrap();
    store.corrupt_before_checksum(Corruption::Overwrite {
        offset: 9,
        value: b'9',
    });
    assert!(store.pending_memory_fault().is_some());
    let report = store.write(&intended).unwrap();
    assert!(report.memory_fault.is_some());
    assert!(store.corrupted_before_checksum());
    assert_eq!(store.written().unwrap(), b"transfer 900 to alice");
    assert_eq!(report.client_checksum, Algorithm::Sha256.digest(&intended));
    assert_eq!(
        report.stored_checksum,
        Algorithm::Sha256.digest(b"transfer 900 to alice"),
        "the storage node checksummed the damaged bytes"
    );

    // The store's own checksum cannot see it: every replica is "valid" and bad data comes back.
    for view in store.replicas() {
        assert!(!view.corrupted_at_rest);
    }
    let outcome = store.read().unwrap();
    assert_eq!(outcome.replica, 0);
    assert!(outcome.steps[0].checksum_matches);
    assert_eq!(outcome.steps[0].action, ReadAction::Returned);
    assert_ne!(
        outcome.data, intended,
        "NOT detected: the store's checksum matches the bad data"
    );

    // The end-to-end check against the client's own checksum catches it on every replica.
    store.set_end_to_end(true);
    match store.read() {
        Err(ReadError::AllReplicasBad { steps }) => {
            assert_eq!(steps.len(), 3);
            for step in &steps {
                assert!(step.checksum_matches, "the store's checksum still matches");
                assert_eq!(step.end_to_end_matches, Some(false), "end-to-end mismatch");
                assert!(step.text.contains("end-to-end"), "{}", step.text);
            }
        }
        other => panic!("end-to-end check should have refused the data, got {other:?}"),
    }

    // A clean rewrite passes both checks.
    store.write(&intended).unwrap();
    assert!(!store.corrupted_before_checksum());
    assert_eq!(store.read().unwrap().data, intended);
}

#[test]
fn at_rest_damage_is_detected_skipped_and_repaired() {
    let mut store = Store::new(
        StoreConfig {
            read_repair: true,
            ..StoreConfig::default()
        },
        1,
    )
    .unwrap();
    assert_eq!(store.read().unwrap_err(), ReadError::NothingWritten);
    store.write(b"hello replicas").unwrap();
    let d = store
        .corrupt_at_rest(0, Corruption::FlipBit { byte: 0, bit: 5 })
        .unwrap();
    assert_eq!(
        d.text,
        "disk fault at rest on replica 1: flipped bit 5 of byte 0: 0x68 → 0x48"
    );
    assert!(store.replicas()[0].corrupted_at_rest);
    assert_eq!(
        store.replicas()[0].checksum_hex,
        store.replicas()[1].checksum_hex,
        "the stored checksum is untouched"
    );
    store
        .corrupt_in_transit(1, Corruption::FlipRandomBit)
        .unwrap();
    let outcome = store.read().unwrap();
    assert_eq!(outcome.replica, 2);
    let actions: Vec<String> = outcome.steps.iter().map(|s| s.action.label()).collect();
    assert_eq!(
        actions,
        [
            "marked corrupt, trying next replica",
            "marked corrupt, trying next replica",
            "returned",
            "repaired from replica 3",
            "repaired from replica 3",
        ]
    );
    assert!(outcome.steps[1].text.contains("network fault in transit"));
    assert!(
        store
            .replicas()
            .iter()
            .all(|r| !r.corrupted_at_rest && !r.marked_corrupt && r.pending_in_transit.is_none())
    );
}

#[test]
fn bad_setup_and_indexes_are_refused() {
    for count in [0, 6] {
        let config = StoreConfig {
            replicas: count,
            ..StoreConfig::default()
        };
        assert_eq!(
            Store::new(config, 0).unwrap_err(),
            StoreError::ReplicaCount { count }
        );
    }
    let mut store = Store::new(StoreConfig::default(), 0).unwrap();
    assert_eq!(store.config().replicas, 3);
    assert_eq!(
        store.corrupt_at_rest(0, Corruption::FlipRandomBit),
        Err(StoreError::NothingWritten)
    );
    store.write(b"x").unwrap();
    let err = store
        .corrupt_at_rest(3, Corruption::FlipRandomBit)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "replica 4 does not exist: this store has replicas 1 to 3"
    );
    let err = store
        .corrupt_in_transit(0, Corruption::FlipBit { byte: 1, bit: 0 })
        .unwrap_err();
    assert!(err.to_string().contains("byte 1 does not exist"));
    // A memory fault that does not fit the next write is dropped and reported, never a panic.
    store.corrupt_before_checksum(Corruption::Delete { start: 5, len: 1 });
    let report = store.write(b"abc").unwrap();
    assert!(report.memory_fault.is_none());
    assert!(report.lines.iter().any(|l| l.contains("did not fit")));
    assert_eq!(store.read().unwrap().data, b"abc");
}

#[test]
fn a_network_fault_can_undo_a_disk_fault_once_but_bad_data_is_never_returned() {
    let data = vec![0u8; 34];
    let config = StoreConfig {
        replicas: 1,
        algorithm: Algorithm::Md5,
        ..StoreConfig::default()
    };
    let mut store = Store::new(config, 0).unwrap();
    store.write(&data).unwrap();
    store
        .corrupt_at_rest(0, Corruption::FlipBit { byte: 11, bit: 3 })
        .unwrap();
    store
        .corrupt_in_transit(0, Corruption::ZeroSector { sector: 0 })
        .unwrap();
    // The damage on the wire happens to zero the one bad bit: the bytes arrive intact.
    assert_eq!(store.read().unwrap().data, data);
    // Next time the disk fault shows, and the only replica is refused.
    match store.read() {
        Err(ReadError::AllReplicasBad { steps }) => {
            assert_eq!(steps.len(), 1);
            assert!(!steps[0].checksum_matches);
        }
        other => panic!("expected the explicit error, got {other:?}"),
    }
}

/// The ground truth of each replica says where the damage is: in memory before the checksum, on
/// disk, or on the wire — never "intact" for data that is damaged.
#[test]
fn the_truth_says_where_each_replica_was_damaged() {
    let intended = b"transfer 100 to alice".to_vec();
    let mut store = Store::new(StoreConfig::default(), 4).unwrap();
    store.write(&intended).unwrap();
    assert!(
        store.replicas().iter().all(|r| r.truth().is_none()),
        "nothing to say about untouched replicas"
    );

    // A memory fault before the checksum, caught only by the end-to-end check: every replica is
    // marked, and every one holds damaged data.
    store.corrupt_before_checksum(Corruption::FlipRandomBit);
    store.write(&intended).unwrap();
    store.set_end_to_end(true);
    assert!(store.read().is_err());
    for view in store.replicas() {
        assert!(view.marked_corrupt);
        let truth = view.truth().expect("a marked replica has a truth");
        assert!(!truth.stored_intact, "{}: {}", view.name, truth.text);
        assert_eq!(
            truth.text,
            "its stored data was damaged in memory before its checksum was computed, so the checksum matches the damaged data"
        );
        assert!(!truth.text.contains("wire"));
    }
    // Before any read catches it, the truth already says so.
    store.set_end_to_end(false);
    store.corrupt_before_checksum(Corruption::FlipBit { byte: 0, bit: 0 });
    store.write(&intended).unwrap();
    assert!(store.read().is_ok(), "the store's own checksum matches");
    assert!(!store.replicas()[2].truth().unwrap().stored_intact);

    // A clean write; replica 1 damaged on disk, replica 2 on the wire.
    store.write(&intended).unwrap();
    store
        .corrupt_at_rest(0, Corruption::FlipBit { byte: 3, bit: 1 })
        .unwrap();
    store
        .corrupt_in_transit(1, Corruption::FlipBit { byte: 4, bit: 2 })
        .unwrap();
    let outcome = store.read().unwrap();
    assert_eq!(outcome.replica, 2);
    let views = store.replicas();
    let disk = views[0].truth().unwrap();
    assert!(!disk.stored_intact);
    assert_eq!(disk.text, "its stored data is damaged on disk (disk fault)");
    let wire = views[1].truth().unwrap();
    assert!(wire.stored_intact);
    assert_eq!(
        wire.text,
        "its stored data is intact; the damage happened on the wire (network fault)"
    );
    assert!(views[2].truth().is_none());

    // The next read: replica 1 is damaged on disk and on the wire; replica 2 arrives intact.
    store
        .corrupt_in_transit(0, Corruption::FlipBit { byte: 0, bit: 0 })
        .unwrap();
    store.read().unwrap();
    let views = store.replicas();
    assert_eq!(
        views[0].truth().unwrap().text,
        "its stored data is damaged on disk (disk fault); the last read also received it damaged on the wire"
    );
    assert!(!views[1].marked_corrupt && views[1].truth().is_none());
}

// ----- Issue 10, item 14: the client keeps its checksum at every write -----

/// The client computes and keeps its end-to-end checksum at every write, check on or off, and the
/// write log says so; so turning the check on later compares with the checksum of that write.
#[test]
fn the_client_keeps_its_checksum_at_every_write_and_the_write_log_says_so() {
    let data = b"Pay Alice 100 euros";
    let config = StoreConfig {
        replicas: 3,
        algorithm: Algorithm::Sha256,
        read_repair: false,
        end_to_end: false,
    };
    let mut store = Store::new(config, 1).unwrap();
    store.corrupt_before_checksum(Corruption::FlipBit { byte: 10, bit: 0 });
    let report = store.write(data).unwrap();
    assert_eq!(report.client_checksum, Algorithm::Sha256.digest(data));
    let first = &report.lines[0];
    assert!(
        first.starts_with("the client computed its own end-to-end SHA-256 checksum")
            && first.contains("and keeps it"),
        "the write log says the client keeps its checksum even with the check off: {first}"
    );
    assert!(
        store.read().is_ok(),
        "with the check off, the store's own checksum matches"
    );
    store.set_end_to_end(true);
    let Err(ReadError::AllReplicasBad { steps }) = store.read() else {
        panic!("the end-to-end check compares with the checksum kept at the write")
    };
    assert!(steps.iter().all(|s| s.end_to_end_matches == Some(false)));
}

// ----- Issue 10, item 15: an armed network fault says when it fires -----

/// A network fault armed on replica 2 waits while reads stop at replica 1; the card and every read
/// that passes it by say so; it fires on the first read that reaches replica 2.
#[test]
fn an_armed_network_fault_waits_for_a_read_that_reaches_its_replica_and_says_so() {
    let data = b"transfer 100 to alice".to_vec();
    let mut store = Store::new(StoreConfig::default(), 7).unwrap();
    store.write(&data).unwrap();
    let armed = store
        .corrupt_in_transit(1, Corruption::FlipBit { byte: 2, bit: 5 })
        .unwrap();
    assert!(
        armed.contains("fires on the next read that reaches replica 2")
            && armed.contains("replica 2 is read only when replica 1 fails its check"),
        "{armed}"
    );
    let card = store.replicas()[1].armed_fault().unwrap();
    assert!(
        card.contains("fires on the next read that reaches replica 2"),
        "{card}"
    );
    for _ in 0..3 {
        let outcome = store.read().unwrap();
        assert_eq!(outcome.replica, 0);
        assert_eq!(
            outcome.notes,
            ["replica 2's armed network fault is still waiting: this read stopped at replica 1"]
        );
        assert!(store.replicas()[1].armed_fault().is_some());
    }
    // Replica 1 damaged: the next read reaches replica 2, and the fault fires.
    store
        .corrupt_at_rest(0, Corruption::FlipBit { byte: 0, bit: 0 })
        .unwrap();
    let outcome = store.read().unwrap();
    assert_eq!(outcome.replica, 2);
    assert!(outcome.notes.is_empty());
    assert!(outcome.steps[1].transit_fault.is_some());
    assert!(store.replicas()[1].armed_fault().is_none());
    // On replica 1, every read reaches it.
    let armed = store
        .corrupt_in_transit(0, Corruption::FlipBit { byte: 2, bit: 5 })
        .unwrap();
    assert!(
        armed.contains("fires on the next read (every read starts at replica 1)"),
        "{armed}"
    );
}

// ----- Issue 10, item 11: damage to the stored checksum -----

/// A damaged stored checksum: the read path sees a mismatch although the data is intact (a false
/// alarm), tries the next replica, and read repair restores both; only the ground truth says which
/// side was damaged.
#[test]
fn a_damaged_stored_checksum_is_a_false_alarm_that_read_repair_fixes() {
    let data = b"transfer 100 to alice".to_vec();
    for algorithm in Algorithm::ALL {
        let config = StoreConfig {
            replicas: 3,
            algorithm,
            read_repair: false,
            end_to_end: true,
        };
        let mut store = Store::new(config, 3).unwrap();
        assert_eq!(
            store.corrupt_stored_checksum(0),
            Err(StoreError::NothingWritten)
        );
        store.write(&data).unwrap();
        assert!(matches!(
            store.corrupt_stored_checksum(3),
            Err(StoreError::NoSuchReplica {
                replica: 3,
                count: 3
            })
        ));
        let said = store.corrupt_stored_checksum(0).unwrap();
        assert!(
            said.starts_with("stored checksum of replica 1 damaged:")
                && said.contains("its data is untouched"),
            "{said}"
        );
        assert_eq!(store.replica_data(0).unwrap(), data.as_slice());
        let stored = store.stored_checksum(0).unwrap().to_vec();
        let diff: u32 = stored
            .iter()
            .zip(algorithm.digest(&data))
            .map(|(a, b)| (a ^ b).count_ones())
            .sum();
        assert_eq!(diff, 1, "one bit of the checksum flipped");

        let view = &store.replicas()[0];
        assert!(view.checksum_damaged && !view.corrupted_at_rest);
        let truth = view.truth().unwrap();
        assert!(truth.stored_intact && !truth.checksum_intact);
        assert!(
            truth
                .text
                .starts_with("its stored checksum is damaged; its data is intact"),
            "{}",
            truth.text
        );

        let outcome = store.read().unwrap();
        assert_eq!(outcome.replica, 1, "the read tried the next replica");
        assert_eq!(outcome.data, data);
        let first = &outcome.steps[0];
        assert!(!first.checksum_matches);
        assert_eq!(first.action, ReadAction::MarkedCorruptTryingNext);
        assert!(
            !first.text.contains("false alarm") && !first.text.contains("checksum was damaged"),
            "the read path itself cannot tell which side is damaged: {}",
            first.text
        );
        let truth = first.truth.as_deref().unwrap();
        assert!(
            truth.contains("the bytes read are exactly what was written")
                && truth.contains("false alarm"),
            "{truth}"
        );
        assert_eq!(
            first.end_to_end_matches,
            Some(true),
            "the data matched the client's checksum"
        );
        assert!(store.replicas()[0].marked_corrupt);

        store.set_read_repair(true);
        let outcome = store.read().unwrap();
        assert_eq!(outcome.repaired, [0]);
        assert_eq!(store.stored_checksum(0).unwrap(), algorithm.digest(&data));
        let view = &store.replicas()[0];
        assert!(!view.checksum_damaged && !view.marked_corrupt && view.truth().is_none());
        let outcome = store.read().unwrap();
        assert_eq!(outcome.replica, 0, "replica 1 is good again");
    }
}

/// Damaged data and a damaged checksum on one replica: the truth names both.
#[test]
fn data_and_checksum_damaged_together_are_both_named() {
    let data = b"transfer 100 to alice".to_vec();
    let mut store = Store::new(StoreConfig::default(), 5).unwrap();
    store.write(&data).unwrap();
    store
        .corrupt_at_rest(0, Corruption::FlipBit { byte: 1, bit: 1 })
        .unwrap();
    store.corrupt_stored_checksum(0).unwrap();
    let truth = store.replicas()[0].truth().unwrap();
    assert!(!truth.stored_intact && !truth.checksum_intact);
    assert_eq!(
        truth.text,
        "its stored data is damaged on disk (disk fault); its stored checksum is damaged too"
    );
    let outcome = store.read().unwrap();
    assert_eq!(
        outcome.steps[0].truth.as_deref(),
        Some("both the bytes read and the stored checksum differ from what was written")
    );
    // A new write stores a fresh checksum everywhere.
    store.write(&data).unwrap();
    assert!(store.replicas().iter().all(|r| !r.checksum_damaged));
}

/// The new step replays, costs little, and is encoded after every older step, so links made
/// before it existed still open.
#[test]
fn the_stored_checksum_step_replays_cheaply_and_old_links_still_open() {
    use faultlab::scenario::{
        ChecksumStep, ChecksumsScenario, DataSource, Scenario, decode, encode,
    };
    // A link made before the step existed, holding every older step kind (the last of them,
    // CorruptBeforeChecksum, is variant 13).
    let old = Scenario::Checksums(ChecksumsScenario {
        start: DataSource::Text("Pay Alice 100 euros".into()),
        steps: vec![
            ChecksumStep::Store(StoreConfig::default()),
            ChecksumStep::Write,
            ChecksumStep::CorruptAtRest(0),
            ChecksumStep::CorruptInTransit(1),
            ChecksumStep::CorruptBeforeChecksum,
            ChecksumStep::Read,
        ],
        show_truth: true,
        expected: String::new(),
    });
    assert_eq!(decode(OLD_LINK).unwrap(), old);
    // Written again, it is the same bytes but for the format version (2 since the run settings
    // grew) and the checksum that covers it.
    let again = encode(&old).unwrap();
    assert_eq!(decode(&again).unwrap(), old);
    use base64::Engine as _;
    let bytes = |t: &str| {
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(t)
            .unwrap()
    };
    let (a, b) = (bytes(&again), bytes(OLD_LINK));
    assert_eq!((a[0], b[0]), (2, 1), "format versions");
    assert_eq!(
        a[1..a.len() - 4],
        b[1..b.len() - 4],
        "the same scenario bytes"
    );

    let mut steps = vec![
        ChecksumStep::Store(StoreConfig::default()),
        ChecksumStep::Write,
    ];
    steps.extend((0..9_000).map(|k| ChecksumStep::CorruptStoredChecksum(k % 3)));
    steps.push(ChecksumStep::Read);
    let new = Scenario::Checksums(ChecksumsScenario {
        start: DataSource::Random {
            len: 1024 * 1024,
            seed: 1,
        },
        steps,
        show_truth: true,
        expected: String::new(),
    });
    assert_eq!(
        new.validate(),
        Ok(()),
        "damaging a checksum costs next to nothing"
    );
    assert_eq!(decode(&encode(&new).unwrap()).unwrap(), new);
}

/// `OLD_LINK`, as `encode` wrote it before `CorruptStoredChecksum` existed.
const OLD_LINK: &str = "AQEAE1BheSBBbGljZSAxMDAgZXVyb3MGBgMEAAAJCwAMAQ0KAQBSh009";
