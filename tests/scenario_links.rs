//! Share links and files: every valid scenario round-trips, and nothing a browser's address bar can
//! hold makes decoding panic — it says what is wrong instead.
#![cfg(not(target_arch = "wasm32"))]

use faultlab::checksum::{Corruption, StoreConfig};
use faultlab::scenario::{
    ChecksumStep, ChecksumsScenario, DataSource, HeartbeatsScenario, LESSONS, LinkError, Scenario,
    TimedCommand, decode, encode, from_json, to_json,
};
use faultlab::sim::{Command, Config, NodeId, Partition, Topology};
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
            TimedCommand {
                at_ms: 4_000,
                command: Command::Crash { node: NodeId(3) },
            },
            TimedCommand {
                at_ms: 9_000,
                command: Command::Partition(Partition::halves(7)),
            },
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
    assert_eq!(LESSONS.len(), 12);
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
        assert!(!lesson.text.is_empty() && !lesson.question.is_empty());
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
    let link = encode(&Scenario::Heartbeats(h)).unwrap();
    let err = decode(&link).unwrap_err();
    assert!(err.to_string().contains("timeout"), "{err}");
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
    assert_eq!(from_json(&to_json(&s)).unwrap(), s);
    assert!(matches!(
        from_json("{\"hello\": 1}"),
        Err(LinkError::Unreadable(_))
    ));
    assert!(matches!(
        from_json("not json"),
        Err(LinkError::Unreadable(_))
    ));
    let newer = to_json(&s).replace("\"faultlab_scenario\": 1", "\"faultlab_scenario\": 7");
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

fn scenario() -> impl Strategy<Value = Scenario> {
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
