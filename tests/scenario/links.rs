//! Share links and files: every valid scenario round-trips, and nothing a browser's address bar can
//! hold makes decoding panic — it says what is wrong instead.

use crate::common::at;
use faultlab::checksum::{Corruption, StoreConfig};
use faultlab::scenario::link::MAX_LINK_CHARS;
use faultlab::scenario::model::MAX_VIRTUAL_MS;
use faultlab::scenario::{
    ChecksumStep, ChecksumsScenario, DataSource, HeartbeatsScenario, LESSONS, LinkError, Scenario,
    ScenarioError, TimedCommand, decode, encode, from_json, to_json,
};
use faultlab::sim::{Command, Config, Link, NodeId, Partition, Topology};
use proptest::prelude::*;

fn heartbeat_scenario() -> Scenario {
    let config = Config {
        nodes: 7,
        topology: Topology::RandomK { k: 2 },
        seed: 99,
        ..Config::default()
    };
    Scenario::Heartbeats(HeartbeatsScenario {
        config,
        schedule: vec![
            at(4_000, Command::Crash { node: NodeId(3) }),
            at(9_000, Command::Partition(Partition::halves(7))),
        ],
        start_at_ms: 12_000,
        show_truth: false,
        observer: 2,
    })
}

#[test]
fn a_link_round_trips_and_is_compact() {
    let s = heartbeat_scenario();
    let link = encode(&s).unwrap();
    assert_eq!(decode(&link).unwrap(), s);
    assert!(link.len() < 300, "{} characters", link.len());
    assert!(
        link.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    );
}

#[test]
fn every_lesson_scenario_validates_and_round_trips() {
    assert_eq!(LESSONS.len(), 14);
    for (i, lesson) in LESSONS.iter().enumerate() {
        assert_eq!(lesson.number as usize, i + 1);
        let s = lesson.build();
        s.validate()
            .unwrap_or_else(|e| panic!("lesson {}: {e}", lesson.number));
        assert_eq!(
            decode(&encode(&s).unwrap()).unwrap(),
            s,
            "lesson {}",
            lesson.number
        );
        assert!(!lesson.steps.is_empty(), "lesson {}", lesson.number);
    }
}

#[test]
fn broken_links_say_what_is_wrong() {
    let link = encode(&heartbeat_scenario()).unwrap();
    assert_eq!(decode(""), Err(LinkError::Empty));
    assert!(matches!(
        decode("abc$def"),
        Err(LinkError::BadCharacter {
            ch: '$',
            position: 4
        })
    ));
    // Cut short: either the base64 no longer decodes, or the checksum no longer matches.
    for cut in 1..8 {
        let err = decode(&link[..link.len() - cut]).unwrap_err();
        assert!(
            matches!(err, LinkError::ChecksumMismatch | LinkError::TooShort),
            "cut {cut}: {err:?}"
        );
        assert!(err.to_string().contains("cut"), "{err}");
    }
    assert_eq!(decode("AQ"), Err(LinkError::TooShort));
    // Change one character in the middle: the CRC32C notices.
    let mut tampered: Vec<char> = link.chars().collect();
    let mid = tampered.len() / 2;
    tampered[mid] = if tampered[mid] == 'A' { 'B' } else { 'A' };
    assert_eq!(
        decode(&tampered.into_iter().collect::<String>()),
        Err(LinkError::ChecksumMismatch)
    );
    // A link from a newer format, with a valid checksum.
    let mut bytes = base64_decode(&link);
    bytes.truncate(bytes.len() - 4);
    bytes[0] = 9;
    let sum = faultlab::checksum::Algorithm::Crc32c.digest(&bytes);
    bytes.extend_from_slice(&sum);
    assert_eq!(
        decode(&base64_encode(&bytes)),
        Err(LinkError::TooNew { version: 9 })
    );
    for e in [
        LinkError::Empty,
        LinkError::ChecksumMismatch,
        LinkError::TooNew { version: 9 },
    ] {
        assert!(e.to_string().len() > 20, "{e}");
    }
}

#[test]
fn a_valid_link_with_invalid_settings_is_refused_with_the_reason() {
    let Scenario::Heartbeats(mut h) = heartbeat_scenario() else {
        unreachable!()
    };
    h.config.detection.fixed.timeout_ms = 1;
    let link = unchecked_link(&Scenario::Heartbeats(h));
    let err = decode(&link).unwrap_err();
    assert!(err.to_string().contains("timeout"), "{err}");
}

/// A link written without the checks `encode` makes, as someone editing links by hand could.
fn unchecked_link(s: &Scenario) -> String {
    let mut bytes = vec![faultlab::scenario::FORMAT_VERSION];
    bytes.extend(postcard::to_allocvec(s).unwrap());
    let sum = faultlab::checksum::Algorithm::Crc32c.digest(&bytes);
    bytes.extend_from_slice(&sum[..4]);
    base64_encode(&bytes)
}

fn hb_scenario(config: Config, schedule: Vec<TimedCommand>, start_at_ms: u64) -> Scenario {
    Scenario::Heartbeats(HeartbeatsScenario {
        config,
        schedule,
        start_at_ms,
        show_truth: true,
        observer: 0,
    })
}

/// Refused when decoded, whatever the reason; and `encode` refuses it with the same error.
fn refused(s: &Scenario) -> ScenarioError {
    let link = unchecked_link(s);
    let err = decode(&link).unwrap_err();
    assert_eq!(encode(s), Err(err.clone()), "encode and decode agree");
    assert!(from_json(to_json(s)).is_err(), "a file is refused too");
    match err {
        LinkError::Invalid(e) => e,
        other => panic!("refused for another reason: {other}"),
    }
}

#[test]
fn an_88_character_link_cannot_ask_for_billions_of_seconds_of_replay() {
    // One node beating once a day, 10,000 client requests per second, opened at 5.1e15 ms.
    let mut config = Config {
        nodes: 1,
        interval_ms: 86_000_000,
        requests_per_sec: 10_000,
        ..Config::default()
    };
    config.detection.fixed.timeout_ms = 86_400_000;
    let far = hb_scenario(config.clone(), Vec::new(), 5_100_000_000_000_000);
    assert!(unchecked_link(&far).len() < 100);
    let err = refused(&far);
    assert!(matches!(err, ScenarioError::TooLate { .. }), "{err:?}");
    // Within a day it still costs 864 million client requests.
    let day = hb_scenario(config, Vec::new(), MAX_VIRTUAL_MS);
    let err = refused(&day);
    assert!(matches!(err, ScenarioError::TooCostly { .. }), "{err:?}");
    let text = LinkError::Invalid(err).to_string();
    assert!(text.contains("opening it would take too long"), "{text}");
    assert!(text.contains("requests per second"), "{text}");
}

#[test]
fn a_command_far_in_the_future_is_refused() {
    let crash = TimedCommand {
        at_ms: MAX_VIRTUAL_MS + 1,
        command: Command::Crash { node: NodeId(1) },
    };
    let err = refused(&hb_scenario(Config::default(), vec![crash], 0));
    assert_eq!(
        err,
        ScenarioError::TooLate {
            at_ms: MAX_VIRTUAL_MS + 1
        }
    );
    assert!(err.to_string().contains("at most 24 h"), "{err}");
}

#[test]
fn settings_changed_by_the_schedule_count_towards_the_replay() {
    let cheap = Config::default();
    let at = |at_ms, config: &Config| TimedCommand {
        at_ms,
        command: Command::Configure(config.clone()),
    };
    // Taken by the world: a 1 ms interval and 10,000 requests per second from the first second.
    let mut busy = cheap.clone();
    busy.interval_ms = 1;
    busy.detection.fixed.suspect_after_ms = 3;
    busy.detection.fixed.timeout_ms = 5;
    busy.requests_per_sec = 10_000;
    assert!(
        hb_scenario(cheap.clone(), Vec::new(), 3_600_000)
            .validate()
            .is_ok()
    );
    let err = refused(&hb_scenario(
        cheap.clone(),
        vec![at(1_000, &busy)],
        3_600_000,
    ));
    assert!(matches!(err, ScenarioError::TooCostly { .. }), "{err:?}");
    // Refused by the world (nodes and topology only change in a new run), but written by hand
    // into a link: still charged, in case.
    let mut big = cheap.clone();
    big.nodes = 1000;
    big.topology = Topology::AllToAll;
    big.interval_ms = 1000;
    big.detection.fixed.suspect_after_ms = 3000;
    let err = refused(&hb_scenario(cheap.clone(), vec![at(0, &big)], 60_000));
    assert!(matches!(err, ScenarioError::TooCostly { .. }), "{err:?}");
    // The review's case: 1000 nodes at 1 s for 59,400 virtual days.
    let err = refused(&hb_scenario(cheap, vec![at(0, &big)], 59_400 * 86_400_000));
    assert!(matches!(err, ScenarioError::TooLate { .. }), "{err:?}");
}

#[test]
fn commands_that_rebuild_a_full_event_queue_are_counted() {
    // Almost four million heartbeats on the wire: valid settings, affordable to run for an hour.
    let mut config = Config {
        nodes: 1000,
        interval_ms: 1000,
        requests_per_sec: 0,
        ..Config::default()
    };
    config.network.latency_ms = 3_800_000;
    config.network.jitter_ms = 0;
    config.detection.fixed.suspect_after_ms = 3_900_000;
    config.detection.fixed.timeout_ms = 4_000_000;
    assert!(
        hb_scenario(config.clone(), Vec::new(), 3_600_000)
            .validate()
            .is_ok()
    );
    // Changing the request rate rebuilds the queue; forty times is too much.
    let schedule = (0..40u64)
        .map(|i| {
            let mut c = config.clone();
            c.requests_per_sec = (i % 2) as u32;
            at(3_600_000, Command::Configure(c))
        })
        .collect();
    let err = refused(&hb_scenario(config, schedule, 3_600_000));
    assert!(matches!(err, ScenarioError::TooCostly { .. }), "{err:?}");
}

#[test]
fn links_slowed_by_commands_cannot_fill_memory_with_messages() {
    let config = Config {
        nodes: 50,
        topology: Topology::AllToAll,
        interval_ms: 1000,
        ..Config::default()
    };
    let slow = Link {
        latency_ms: 86_400_000,
        jitter_ms: 0,
        loss: 0.0,
    };
    let schedule: Vec<TimedCommand> = (1..=50)
        .flat_map(|from| (1..=50).map(move |to| (from, to)))
        .filter(|(from, to)| from != to)
        .map(|(from, to)| {
            at(
                0,
                Command::SetLink {
                    from: NodeId(from),
                    to: NodeId(to),
                    link: slow,
                },
            )
        })
        .collect();
    let err = refused(&hb_scenario(config, schedule, 0));
    assert!(
        matches!(err, ScenarioError::TooManyInFlight { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("in flight"), "{err}");
}

#[test]
fn a_checksums_link_cannot_ask_for_gigabytes_of_random_data() {
    let huge = DataSource::Random {
        len: 64 * 1024 * 1024,
        seed: 1,
    };
    let s = Scenario::Checksums(ChecksumsScenario {
        start: DataSource::Text("hello".into()),
        steps: vec![ChecksumStep::Replace(huge.clone()); 2_000],
        show_truth: true,
        expected: String::new(),
    });
    assert!(
        unchecked_link(&s).len() < MAX_LINK_CHARS,
        "it fits in a link"
    );
    let err = refused(&s);
    assert!(matches!(err, ScenarioError::TooMuchData { .. }), "{err:?}");
    let text = LinkError::Invalid(err).to_string();
    assert!(text.contains("opening it would take too long"), "{text}");
    // One 64 MiB replacement and a few bit flips are fine.
    let mut steps = vec![ChecksumStep::Replace(huge)];
    steps.extend((0..5).map(|_| ChecksumStep::Corrupt(Corruption::FlipRandomBit)));
    steps.push(ChecksumStep::Undo);
    let ok = Scenario::Checksums(ChecksumsScenario {
        start: DataSource::Text("hello".into()),
        steps,
        show_truth: true,
        expected: String::new(),
    });
    assert_eq!(decode(&encode(&ok).unwrap()).unwrap(), ok);
    // Writing and reading 1 MiB through five replicas, over and over, hashes too much.
    let mut steps = vec![ChecksumStep::Store(StoreConfig {
        replicas: 5,
        ..StoreConfig::default()
    })];
    for _ in 0..500 {
        steps.extend([ChecksumStep::Write, ChecksumStep::Read]);
    }
    let err = refused(&Scenario::Checksums(ChecksumsScenario {
        start: DataSource::Random {
            len: 1024 * 1024,
            seed: 2,
        },
        steps,
        show_truth: true,
        expected: String::new(),
    }));
    assert!(matches!(err, ScenarioError::TooMuchData { .. }), "{err:?}");
}

#[test]
fn a_scenario_decode_would_refuse_also_fails_to_encode() {
    let many = (0..=10_000u64)
        .map(|i| TimedCommand {
            at_ms: i,
            command: Command::Heal,
        })
        .collect();
    let err = refused(&hb_scenario(Config::default(), many, 0));
    assert_eq!(err, ScenarioError::TooManySteps { count: 10_001 });
    let unordered = vec![at(5_000, Command::Heal), at(1_000, Command::Heal)];
    assert_eq!(
        refused(&hb_scenario(Config::default(), unordered, 0)),
        ScenarioError::Unordered
    );
    let Scenario::Heartbeats(mut h) = heartbeat_scenario() else {
        unreachable!()
    };
    h.config.detection.fixed.timeout_ms = 1;
    assert!(matches!(
        refused(&Scenario::Heartbeats(h)),
        ScenarioError::Config(_)
    ));
    // Too large for a link: encode says so (and suggests a file) rather than writing it.
    let s = Scenario::Checksums(ChecksumsScenario {
        start: DataSource::Bytes((0..100_000u32).map(|i| (i * 7919 % 251) as u8).collect()),
        steps: Vec::new(),
        show_truth: true,
        expected: String::new(),
    });
    // The length it gives is the whole link's, though only what fits in a link was written.
    let whole = postcard::to_allocvec(&s).unwrap().len();
    assert_eq!(
        encode(&s),
        Err(LinkError::TooLargeForLink {
            len: (whole + 5).div_ceil(3) * 4 - [0, 2, 1][(whole + 5) % 3],
        })
    );
    assert!(matches!(
        decode(&unchecked_link(&s)),
        Err(LinkError::TooLong { .. })
    ));
}

#[test]
fn files_round_trip_and_foreign_json_is_refused() {
    let s = Scenario::Checksums(ChecksumsScenario {
        start: DataSource::Random { len: 4096, seed: 3 },
        steps: vec![
            ChecksumStep::Corrupt(Corruption::FlipRandomBit),
            ChecksumStep::Store(StoreConfig::default()),
            ChecksumStep::Write,
            ChecksumStep::CorruptAtRest(1),
            ChecksumStep::Read,
        ],
        show_truth: true,
        expected: "abc".into(),
    });
    assert_eq!(from_json(to_json(&s)).unwrap(), s);
    // A file an editor saved with a byte order mark first reads the same.
    let marked = [&b"\xEF\xBB\xBF"[..], to_json(&s).as_bytes()].concat();
    assert_eq!(from_json(&marked).unwrap(), s);
    assert!(matches!(
        from_json("{\"hello\": 1}"),
        Err(LinkError::Unreadable(_))
    ));
    assert!(matches!(
        from_json("not json"),
        Err(LinkError::Unreadable(_))
    ));
    let newer = to_json(&s).replace(
        &format!(
            "\"faultlab_scenario\": {}",
            faultlab::scenario::FORMAT_VERSION
        ),
        "\"faultlab_scenario\": 7",
    );
    assert_eq!(from_json(&newer), Err(LinkError::TooNew { version: 7 }));
}

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(s)
        .unwrap()
}

fn base64_encode(b: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        (1u32..8).prop_map(|n| Command::Crash { node: NodeId(n) }),
        (1u32..8).prop_map(|n| Command::Restart { node: NodeId(n) }),
        (1u32..8, 101u32..900).prop_map(|(n, percent)| Command::Slow {
            node: NodeId(n),
            percent
        }),
        (1u32..8, 1u64..9000).prop_map(|(n, ms)| Command::Pause {
            node: NodeId(n),
            ms
        }),
        Just(Command::Heal),
        (1u32..8).prop_map(|n| Command::Partition(Partition::halves(n))),
    ]
}

pub(crate) fn scenario() -> impl Strategy<Value = Scenario> {
    let hb = (
        3u32..10,
        any::<u64>(),
        prop::collection::vec((0u64..60_000, command()), 0..20),
        0u64..60_000,
        any::<bool>(),
    )
        .prop_map(|(nodes, seed, mut cmds, start, truth)| {
            cmds.sort_by_key(|c| c.0);
            Scenario::Heartbeats(HeartbeatsScenario {
                config: Config {
                    nodes,
                    seed,
                    ..Config::default()
                },
                schedule: cmds
                    .into_iter()
                    .map(|(at_ms, command)| TimedCommand { at_ms, command })
                    .collect(),
                start_at_ms: start,
                show_truth: truth,
                observer: 0,
            })
        });
    let ck = (
        ".{0,40}",
        prop::collection::vec(any::<u8>(), 0..64),
        0usize..20,
    )
        .prop_map(|(text, bytes, n)| {
            Scenario::Checksums(ChecksumsScenario {
                start: DataSource::Text(text),
                steps: (0..n)
                    .map(|i| match i % 4 {
                        0 => ChecksumStep::Replace(DataSource::Bytes(bytes.clone())),
                        1 => ChecksumStep::Corrupt(Corruption::FlipBit {
                            byte: i,
                            bit: (i % 8) as u8,
                        }),
                        2 => ChecksumStep::Undo,
                        _ => ChecksumStep::Write,
                    })
                    .collect(),
                show_truth: true,
                expected: String::new(),
            })
        });
    prop_oneof![hb, ck]
}

proptest! {
    #[test]
    fn every_valid_scenario_round_trips(s in scenario()) {
        prop_assert_eq!(decode(&encode(&s).unwrap()).unwrap(), s);
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,300}") {
        let _ = decode(&text);
        let _ = from_json(&text);
    }

    #[test]
    fn arbitrary_link_characters_never_panic(text in "[A-Za-z0-9_-]{0,400}") {
        let _ = decode(&text);
    }

    #[test]
    fn damaged_links_are_refused_not_misread(s in scenario(), cut in 1usize..40, flip in 0usize..1000) {
        let link = encode(&s).unwrap();
        let cut = cut.min(link.len() - 1);
        prop_assert!(decode(&link[..link.len() - cut]).is_err());
        let mut chars: Vec<char> = link.chars().collect();
        let i = flip % chars.len();
        chars[i] = if chars[i] == 'x' { 'y' } else { 'x' };
        let changed: String = chars.into_iter().collect();
        if changed != link {
            prop_assert!(decode(&changed).is_err());
        }
    }
}

#[test]
fn many_small_changes_to_large_data_stay_within_a_link() {
    // 64 MiB, then what a learner does for a while: flips, overwrites, undo and redo of them, a
    // new good copy now and then, and back to a short text.
    let mut steps = vec![ChecksumStep::Replace(DataSource::Random {
        len: 64 * 1024 * 1024,
        seed: 3,
    })];
    for i in 0..200 {
        steps.push(ChecksumStep::Corrupt(Corruption::FlipRandomBit));
        steps.push(ChecksumStep::Corrupt(Corruption::Overwrite {
            offset: i,
            value: 0x41,
        }));
    }
    steps.push(ChecksumStep::Undo);
    steps.push(ChecksumStep::Redo);
    steps.push(ChecksumStep::MarkGood);
    steps.push(ChecksumStep::Replace(DataSource::Text(
        "short again".into(),
    )));
    steps.extend((0..200).map(|_| ChecksumStep::Corrupt(Corruption::FlipRandomBit)));
    let s = Scenario::Checksums(ChecksumsScenario {
        start: DataSource::Text("hello".into()),
        steps,
        show_truth: true,
        expected: String::new(),
    });
    assert_eq!(decode(&encode(&s).unwrap()).unwrap(), s);
}

#[test]
fn undoing_a_truncation_of_large_data_over_and_over_is_refused() {
    // Truncating 64 MiB to nothing and then undoing and redoing it moves 64 MiB each time.
    let mut steps = vec![
        ChecksumStep::Replace(DataSource::Random {
            len: 64 * 1024 * 1024,
            seed: 3,
        }),
        ChecksumStep::Corrupt(Corruption::Truncate { len: 0 }),
    ];
    for _ in 0..1000 {
        steps.push(ChecksumStep::Undo);
        steps.push(ChecksumStep::Redo);
    }
    let s = Scenario::Checksums(ChecksumsScenario {
        start: DataSource::Text("hello".into()),
        steps,
        show_truth: true,
        expected: String::new(),
    });
    assert!(matches!(refused(&s), ScenarioError::TooMuchData { .. }));
}

// ----- Links made by the previous format -----

/// Made by Faultlab's format 1 (before central pull counted failed checks): a pull run on six
/// nodes, crash, partition, new thresholds, heal, opened at 7 s.
const FORMAT_1_HEARTBEATS: &str = "AQAGAdAPAAC4F4gnAAAAAAAAFEAAAAAAAAAgQGRkAGQeAAAAAAAAAAAUCgAAAQS4FwACoB8HAgQAAQIDAwQFBognDAYB0A8AAKAfwD4AAAAAAAAUQAAAAAAAACBAZGQAZB4AAAAAAAAAABQKAAAB8C4J2DYBAEBt2vA";
/// Made by format 1: a Checksums session.
const FORMAT_1_CHECKSUMS: &str = "AQEAE1BheSBBbGljZSAxMDAgZXVyb3MEBAkLAQoAA2FiY3h9UTU";
/// The same Heartbeats run exported as a file by format 1.
const FORMAT_1_FILE: &str = "{   \"faultlab_scenario\": 1,   \"scenario\": {     \"Heartbeats\": {       \"config\": {         \"nodes\": 6,         \"topology\": \"central_pull\",         \"interval_ms\": 2000,         \"send_jitter_ms\": 0,         \"detection\": {           \"choice\": \"fixed\",           \"fixed\": {             \"suspect_after_ms\": 3000,             \"timeout_ms\": 5000           },           \"phi\": {             \"suspect_phi\": 5.0,             \"dead_phi\": 8.0,             \"window\": 100,             \"min_std_ms\": 100,             \"acceptable_pause_ms\": 0           }         },         \"network\": {           \"latency_ms\": 100,           \"jitter_ms\": 30,           \"loss\": 0.0         },         \"work_items\": 20,         \"requests_per_sec\": 10,         \"quorum\": false,         \"replace_after_ms\": null,         \"seed\": 1       },       \"schedule\": [         {           \"at_ms\": 3000,           \"command\": {             \"crash\": {               \"node\": 2             }           }         },         {           \"at_ms\": 4000,           \"command\": {             \"partition\": {               \"groups\": [                 [                   0,                   1,                   2,                   3                 ],                 [                   4,                   5,                   6                 ]               ]             }           }         },         {           \"at_ms\": 5000,           \"command\": {             \"configure\": {               \"nodes\": 6,               \"topology\": \"central_pull\",               \"interval_ms\": 2000,               \"send_jitter_ms\": 0,               \"detection\": {                 \"choice\": \"fixed\",                 \"fixed\": {                   \"suspect_after_ms\": 4000,                   \"timeout_ms\": 8000                 },                 \"phi\": {                   \"suspect_phi\": 5.0,                   \"dead_phi\": 8.0,                   \"window\": 100,                   \"min_std_ms\": 100,                   \"acceptable_pause_ms\": 0                 }               },               \"network\": {                 \"latency_ms\": 100,                 \"jitter_ms\": 30,                 \"loss\": 0.0               },               \"work_items\": 20,               \"requests_per_sec\": 10,               \"quorum\": false,               \"replace_after_ms\": null,               \"seed\": 1             }           }         },         {           \"at_ms\": 6000,           \"command\": \"heal\"         }       ],       \"start_at_ms\": 7000,       \"show_truth\": true,       \"observer\": 0     }   } }";

#[test]
fn links_and_files_of_format_1_still_open_with_the_new_settings_at_their_defaults() {
    let Scenario::Heartbeats(h) = decode(FORMAT_1_HEARTBEATS).expect("a format-1 link opens")
    else {
        panic!("a Heartbeats link")
    };
    assert_eq!(h.config.nodes, 6);
    assert_eq!(h.config.topology, faultlab::sim::Topology::CentralPull);
    assert_eq!(h.config.failed_checks, 1, "added since, at its default");
    assert_eq!(h.start_at_ms, 7_000);
    assert_eq!(h.schedule.len(), 4);
    let faultlab::sim::Command::Configure(c) = &h.schedule[2].command else {
        panic!("the third command changes settings")
    };
    assert_eq!(c.detection.fixed.timeout_ms, 8_000);
    assert_eq!(c.failed_checks, 1);
    assert_eq!(h.schedule[3].command, faultlab::sim::Command::Heal);
    // Written again, it is a format-2 link of the same run.
    let again = encode(&Scenario::Heartbeats(h.clone())).unwrap();
    assert_eq!(decode(&again).unwrap(), Scenario::Heartbeats(h.clone()));
    assert_ne!(again, FORMAT_1_HEARTBEATS);

    let Scenario::Checksums(c) = decode(FORMAT_1_CHECKSUMS).expect("opens") else {
        panic!("a Checksums link")
    };
    assert_eq!(c.steps.len(), 4);
    assert_eq!(c.expected, "abc");

    assert_eq!(from_json(FORMAT_1_FILE).unwrap(), Scenario::Heartbeats(h));
}
