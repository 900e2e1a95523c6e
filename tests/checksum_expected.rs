//! Pasted expected digests: separators and prefixes are accepted, bad input gets a precise
//! message, and the check says which algorithm matches or that the data mismatches.
#![cfg(not(target_arch = "wasm32"))]

use faultlab::checksum::{
    Algorithm, Digests, ExpectedCheck, ExpectedError, MAX_EXPECTED_INPUT_CHARS,
    POSSIBLE_HEX_LENGTHS, algorithms_for_hex_len, parse_expected,
};

const MD5_ABC: &str = "900150983cd24fb0d6963f7d28e17f72";

#[test]
fn accepts_separators_prefix_and_any_case() {
    for input in [
        MD5_ABC,
        "900150983CD24FB0D6963F7D28E17F72",
        "0x900150983cd24fb0d6963f7d28e17f72",
        "  0X900150983cd24fb0d6963f7d28e17f72\n",
        "90:01:50:98:3c:d2:4f:b0:d6:96:3f:7d:28:e1:7f:72",
        "90-01-50-98-3C-D2-4F-B0-D6-96-3F-7D-28-E1-7F-72",
        "9001 5098 3cd2 4fb0\td696 3f7d 28e1 7f72",
    ] {
        let parsed = parse_expected(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(parsed.hex, MD5_ABC, "{input:?}");
        assert_eq!(parsed.fits, [Algorithm::Md5]);
        assert_eq!(parsed.bytes.len(), 16);
    }
}

#[test]
fn every_possible_length_fits_one_algorithm() {
    let fits: Vec<Vec<Algorithm>> = POSSIBLE_HEX_LENGTHS
        .iter()
        .map(|n| algorithms_for_hex_len(*n))
        .collect();
    assert_eq!(
        fits,
        [
            vec![Algorithm::Crc32c],
            vec![Algorithm::Md5],
            vec![Algorithm::Sha1],
            vec![Algorithm::Sha256],
            vec![Algorithm::Sha512],
        ]
    );
    assert_eq!(
        parse_expected("E3069283").unwrap().fits,
        [Algorithm::Crc32c]
    );
}

#[test]
fn bad_character_is_named_with_its_position() {
    let err = parse_expected("9001g0983cd24fb0d6963f7d28e17f72").unwrap_err();
    assert_eq!(
        err,
        ExpectedError::BadCharacter {
            ch: 'g',
            position: 5
        }
    );
    assert!(
        err.to_string()
            .starts_with("'g' at position 5 is not a hex digit")
    );
    // Positions count characters, not bytes, and include leading spaces.
    assert_eq!(
        parse_expected("  é0").unwrap_err(),
        ExpectedError::BadCharacter {
            ch: 'é',
            position: 3
        }
    );
    // "0x" is a prefix only at the start.
    assert_eq!(
        parse_expected("ab0xcd").unwrap_err(),
        ExpectedError::BadCharacter {
            ch: 'x',
            position: 4
        }
    );
}

#[test]
fn empty_odd_impossible_and_too_long_inputs_are_refused() {
    for input in ["", "   ", "0x", " : - "] {
        assert_eq!(
            parse_expected(input).unwrap_err(),
            ExpectedError::Empty,
            "{input:?}"
        );
    }
    let err = parse_expected("abc").unwrap_err();
    assert_eq!(err, ExpectedError::OddLength { digits: 3 });
    assert!(err.to_string().contains("odd"));
    let err = parse_expected(&"ab".repeat(10)).unwrap_err();
    assert_eq!(err, ExpectedError::UnknownLength { digits: 20 });
    let message = err.to_string();
    for n in ["8", "32", "40", "64", "128"] {
        assert!(message.contains(n), "{message} should list {n}");
    }
    let err = parse_expected(&" ".repeat(MAX_EXPECTED_INPUT_CHARS + 1)).unwrap_err();
    assert_eq!(err, ExpectedError::TooLong { max: 1000 });
    assert!(parse_expected(&format!("{MD5_ABC}{}", " ".repeat(900))).is_ok());
}

#[test]
fn match_and_mismatch_against_current_digests() {
    let digests = Digests::compute(b"abc", &Algorithm::ALL);
    let parsed = parse_expected(MD5_ABC).unwrap();
    let check = parsed.check(&digests);
    assert_eq!(
        check,
        ExpectedCheck::Match {
            algorithm: Algorithm::Md5
        }
    );
    assert!(check.message().starts_with("match"));
    assert_eq!(parsed.check_data(b"abc"), check);

    let mut wrong = MD5_ABC.to_string();
    wrong.replace_range(0..1, "8");
    wrong.replace_range(31..32, "0");
    match parse_expected(&wrong).unwrap().check(&digests) {
        ExpectedCheck::Mismatch {
            algorithm,
            differing_digits,
            actual_hex,
            expected_hex,
        } => {
            assert_eq!(algorithm, Algorithm::Md5);
            assert_eq!(differing_digits, [0, 31]);
            assert_eq!(actual_hex, MD5_ABC);
            assert_eq!(expected_hex, wrong);
        }
        other => panic!("expected a mismatch, got {other:?}"),
    }

    let only_sha = Digests::compute(b"abc", &[Algorithm::Sha256]);
    assert_eq!(
        parsed.check(&only_sha),
        ExpectedCheck::NotComputed {
            fits: vec![Algorithm::Md5]
        }
    );
    let crc = parse_expected("e3:06:92:83").unwrap();
    assert_eq!(
        crc.check_data(b"123456789"),
        ExpectedCheck::Match {
            algorithm: Algorithm::Crc32c
        }
    );
}

const SHA256_ABC: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

#[test]
fn reads_sha256sum_lines_bsd_lines_and_algorithm_prefixes() {
    for input in [
        format!("{SHA256_ABC}  file.txt"),
        format!("{SHA256_ABC} *photo 2024.jpg\n"),
        format!("  {SHA256_ABC}\tfile"),
        format!("SHA256 (file.txt) = {SHA256_ABC}"),
        format!("sha256:{SHA256_ABC}"),
        format!("SHA-256:{SHA256_ABC}"),
        format!("Sha256:0x{SHA256_ABC}"),
        format!("sha256:{SHA256_ABC}  file.txt"),
    ] {
        let parsed = parse_expected(&input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(parsed.hex, SHA256_ABC, "{input:?}");
        assert_eq!(parsed.fits, [Algorithm::Sha256], "{input:?}");
    }
    for (input, algorithm) in [
        (format!("md5:{MD5_ABC}"), Algorithm::Md5),
        (
            "SHA1:a9993e364706816aba3e25717850c26c9cd0d89d".to_string(),
            Algorithm::Sha1,
        ),
        (
            "sha-1:a9993e364706816aba3e25717850c26c9cd0d89d".to_string(),
            Algorithm::Sha1,
        ),
        ("crc32c:364b3fb7".to_string(), Algorithm::Crc32c),
        (format!("sha512:{}", "ab".repeat(64)), Algorithm::Sha512),
        (format!("SHA-512:{}", "ab".repeat(64)), Algorithm::Sha512),
    ] {
        let parsed = parse_expected(&input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(parsed.fits, [algorithm], "{input:?}");
    }
    // A file name made of hex digits is still only a file name.
    assert_eq!(
        parse_expected(&format!("{MD5_ABC}  cafe")).unwrap().hex,
        MD5_ABC
    );
    // Bytes spaced apart are still one digest.
    assert_eq!(
        parse_expected("90 01 50 98 3c d2 4f b0 d6 96 3f 7d 28 e1 7f 72")
            .unwrap()
            .hex,
        MD5_ABC
    );
}

#[test]
fn a_prefix_that_names_another_algorithm_or_a_bad_word_is_explained() {
    let err = parse_expected(&format!("sha1:{SHA256_ABC}")).unwrap_err();
    assert_eq!(
        err,
        ExpectedError::NamedAlgorithmMismatch {
            named: Algorithm::Sha1,
            digits: 64
        }
    );
    assert_eq!(
        err.to_string(),
        "the digest is marked SHA-1 but has 64 hex digits; a SHA-1 digest has 40"
    );
    assert_eq!(parse_expected("sha256:").unwrap_err(), ExpectedError::Empty);
    // Neither the whole line nor its first or last word is a digest: the error is about the
    // whole line, at the right position.
    assert_eq!(
        parse_expected("abcd  not a digest").unwrap_err(),
        ExpectedError::BadCharacter {
            ch: 'n',
            position: 7
        }
    );
    assert_eq!(
        parse_expected("sha256:zz").unwrap_err(),
        ExpectedError::BadCharacter {
            ch: 'z',
            position: 8
        }
    );
}

#[test]
fn messages_read_right_for_one_digit_an_md5_and_a_huge_paste() {
    let said = |input: &str| parse_expected(input).unwrap_err().to_string();
    assert!(
        said("a").starts_with("1 hex digit is an odd number"),
        "{}",
        said("a")
    );
    assert!(
        said(&format!("md5:{}", "ab".repeat(20))).contains("; an MD5 digest has 32"),
        "{}",
        said(&format!("md5:{}", "ab".repeat(20)))
    );
    assert!(said(&format!("sha1:{}", "ab".repeat(16))).contains("; a SHA-1 digest has 40"));
    // A paste far longer than any digest is refused whole, not cut to a length that fits nothing.
    assert!(said(&"ab".repeat(50_000)).starts_with("the input is too long"));
}
