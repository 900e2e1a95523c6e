//! The scenario file written a piece at a time (`scenario::file_pieces`): joined, the pieces are
//! the file `to_json` writes at once, whatever the data, the size of the pieces and which sources
//! are large.

use faultlab::checksum::Corruption;
use faultlab::scenario::file_pieces::FilePieces;
use faultlab::scenario::{
    ChecksumStep, ChecksumsScenario, DataSource, HeartbeatsScenario, Scenario, from_json, to_json,
};
use faultlab::sim::Config;
use proptest::prelude::*;

/// Every piece of `pieces`, joined, and how many pieces there were.
fn joined(mut pieces: FilePieces, max: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let mut count = 0;
    while let Some(piece) = pieces.next_piece(max) {
        out.extend_from_slice(&piece);
        count += 1;
        assert!(count < 1_000_000, "the pieces never end");
    }
    (out, count)
}

fn source() -> impl Strategy<Value = DataSource> {
    prop_oneof![
        // Quotes, backslashes, control characters and characters of several bytes, which are
        // escaped or must not be cut in two.
        "[a-z\"\\\\\u{0}-\u{1f}é€😀 ]{0,200}".prop_map(DataSource::Text),
        prop::collection::vec(any::<u8>(), 0..200).prop_map(DataSource::Bytes),
        (1024u64..4096, any::<u64>()).prop_map(|(len, seed)| DataSource::Random { len, seed }),
    ]
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (source(), prop::collection::vec((source(), 0u8..3), 0..8)).prop_map(|(start, steps)| {
        Scenario::Checksums(ChecksumsScenario {
            start,
            steps: steps
                .into_iter()
                .map(|(source, kind)| match kind {
                    0 => ChecksumStep::Replace(source),
                    1 => ChecksumStep::Corrupt(Corruption::FlipBit { byte: 0, bit: 3 }),
                    _ => ChecksumStep::Undo,
                })
                .collect(),
            show_truth: true,
            expected: "ab\"c".into(),
        })
    })
}

proptest! {
    #[test]
    fn the_pieces_joined_are_the_file(s in scenario(), large in 0usize..120, max in 1usize..300) {
        let whole = to_json(&s);
        let (text, _) = joined(FilePieces::with_large(s, large), max);
        prop_assert_eq!(String::from_utf8(text).unwrap(), whole);
    }
}

#[test]
fn a_large_text_comes_in_pieces_of_about_the_size_asked_and_reads_back() {
    let text = "a\"b\\c\u{1}d é€😀\n".repeat(50_000);
    let s = Scenario::Checksums(ChecksumsScenario {
        start: DataSource::Text(text.clone()),
        steps: vec![ChecksumStep::Replace(DataSource::Bytes(vec![
            0, 9, 10, 99, 100, 255,
        ]))],
        show_truth: false,
        expected: String::new(),
    });
    let mut pieces = FilePieces::new(s.clone());
    assert_eq!(pieces.progress(), (0, text.len()));
    let mut sizes = Vec::new();
    let mut out = Vec::new();
    while let Some(piece) = pieces.next_piece(64 * 1024) {
        sizes.push(piece.len());
        out.extend_from_slice(&piece);
    }
    assert_eq!(pieces.progress(), (text.len(), text.len()));
    assert!(
        sizes.len() >= text.len() / (64 * 1024),
        "{} pieces",
        sizes.len()
    );
    // Escaping at most doubles a piece here (a quote or a backslash becomes two characters; a
    // control character six).
    assert!(sizes.iter().all(|&n| n <= 3 * 64 * 1024), "{sizes:?}");
    assert_eq!(String::from_utf8(out.clone()).unwrap(), to_json(&s));
    assert_eq!(from_json(&out).unwrap(), s);
}

#[test]
fn a_text_that_holds_a_marker_is_written_whole_and_exactly() {
    // What the writer puts in place of source 1 while it writes the rest; a learner's text that
    // holds it cannot be told apart, so the file is written at once instead.
    let sneaky = "\u{1}faultlab export 1\u{1}".to_string();
    let s = Scenario::Checksums(ChecksumsScenario {
        start: DataSource::Text(sneaky),
        steps: vec![ChecksumStep::Replace(DataSource::Text("y".repeat(100)))],
        show_truth: true,
        expected: String::new(),
    });
    let (text, count) = joined(FilePieces::with_large(s.clone(), 50), 16);
    assert_eq!(count, 1);
    assert_eq!(String::from_utf8(text).unwrap(), to_json(&s));
}

#[test]
fn a_heartbeats_scenario_is_one_piece() {
    let s = Scenario::Heartbeats(HeartbeatsScenario {
        config: Config::default(),
        schedule: Vec::new(),
        start_at_ms: 0,
        show_truth: true,
        observer: 0,
    });
    let (text, count) = joined(FilePieces::new(s.clone()), 1);
    assert_eq!(count, 1);
    assert_eq!(String::from_utf8(text).unwrap(), to_json(&s));
}
