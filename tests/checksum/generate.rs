//! Random data is deterministic for a seed and bounded; text converts both ways; every algorithm
//! has an accurate note.

use faultlab::checksum::{
    Algorithm, GenerateError, MAX_RANDOM_LEN, MIN_RANDOM_LEN, TextView, bytes_label, bytes_to_text,
    note, random_data, text_to_bytes,
};

#[test]
fn random_data_is_seeded_and_bounded() {
    let a = random_data(4096, 7).unwrap();
    assert_eq!(a.len(), 4096);
    assert_eq!(a, random_data(4096, 7).unwrap());
    assert_ne!(a, random_data(4096, 8).unwrap());
    assert_eq!(
        &random_data(MIN_RANDOM_LEN, 7).unwrap()[..],
        &a[..MIN_RANDOM_LEN]
    );
    for len in [0, MIN_RANDOM_LEN - 1, MAX_RANDOM_LEN + 1] {
        let err = random_data(len, 1).unwrap_err();
        assert_eq!(err, GenerateError::LengthOutOfRange { len });
        assert!(err.to_string().contains("between 1 KiB"));
    }
    assert_eq!(
        random_data(MAX_RANDOM_LEN, 1).unwrap().len(),
        64 * 1024 * 1024
    );
}

#[test]
fn text_round_trips_and_binary_gets_a_notice() {
    let bytes = text_to_bytes("héllo");
    assert_eq!(bytes, "héllo".as_bytes());
    assert_eq!(bytes_to_text(&bytes), TextView::Text("héllo"));
    match bytes_to_text(&[b'o', b'k', 0xff, b'!']) {
        TextView::NotText {
            notice,
            valid_up_to,
        } => {
            assert_eq!(valid_up_to, 2);
            assert!(notice.contains("not UTF-8 text"), "{notice}");
            assert!(notice.contains("byte 2, 0xff"), "{notice}");
        }
        other => panic!("expected a notice, got {other:?}"),
    }
    assert_eq!(bytes_label(1), "1 byte");
    assert_eq!(bytes_label(67_108_864), "67,108,864 bytes");
}

#[test]
fn notes_state_the_facts() {
    let md5 = note(Algorithm::Md5);
    assert!(md5.collisions_found && md5.summary.contains("2004"));
    let sha1 = note(Algorithm::Sha1);
    assert!(
        sha1.collisions_found
            && sha1.summary.contains("SHAttered")
            && sha1.summary.contains("2017")
    );
    for alg in [Algorithm::Sha256, Algorithm::Sha512] {
        let n = note(alg);
        assert!(!n.collisions_found);
        assert!(n.collision_status.contains("no known collision"));
    }
    let crc = note(Algorithm::Crc32c);
    for fact in ["HDFS", "512 bytes", "BlueStore", "tampering"] {
        assert!(
            crc.summary.contains(fact),
            "CRC32C note should mention {fact}"
        );
    }
    for alg in Algorithm::ALL {
        assert_eq!(note(alg).digest_bits, alg.digest_bits());
    }
}

proptest::proptest! {
    /// Generating in slices gives exactly the bytes of one call, however it is sliced.
    #[test]
    fn slices_give_the_same_bytes_as_one_call(len in 1024usize..20_000, seed: u64, slices in proptest::collection::vec(1usize..5000, 1..20)) {
        let whole = faultlab::checksum::random_data(len, seed).unwrap();
        let mut fill = faultlab::checksum::RandomFill::new(len, seed).unwrap();
        let mut i = 0;
        while !fill.is_done() {
            let (done, total) = fill.step(slices[i % slices.len()]);
            proptest::prop_assert!(done <= total);
            i += 1;
        }
        proptest::prop_assert_eq!(fill.finish(), whole);
    }
}

/// A text box turns "\r\n" into "\n": text with carriage returns is not editable as text, and
/// neither is data too large for the box or not UTF-8; each says why.
#[test]
fn only_text_a_text_box_keeps_exactly_is_editable_as_text() {
    use faultlab::checksum::text_box_view;
    let crlf = b"line 1\r\nline 2\r\n";
    match bytes_to_text(crlf) {
        TextView::CarriageReturn { notice, at } => {
            assert_eq!(at, 6);
            assert!(notice.contains("carriage return"), "{notice}");
            assert!(notice.contains("at byte 6"), "{notice}");
        }
        other => panic!("expected the carriage return to be refused, got {other:?}"),
    }
    assert!(text_box_view(crlf, 1024).is_err());
    assert!(text_box_view(b"old mac\rline", 1024).is_err());
    assert_eq!(
        text_box_view(b"line 1\nline 2\n", 1024),
        Ok("line 1\nline 2\n")
    );
    let too_big = text_box_view(&[b'a'; 2000], 1024).unwrap_err();
    assert_eq!(
        too_big,
        "this data (2,000 bytes) is more than the text box holds (1,024 bytes)"
    );
    let binary = text_box_view(&[0xff, 0], 1024).unwrap_err();
    assert!(binary.contains("not UTF-8 text"), "{binary}");
    assert!(
        !binary.contains("shown as hex"),
        "the notice promises no view: {binary}"
    );
}
