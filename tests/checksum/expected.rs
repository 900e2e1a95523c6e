//! Pasted expected digests: separators and prefixes are accepted, bad input gets a precise
//! message, and the check says which algorithm matches or that the data mismatches.

use faultlab::checksum::{
    Algorithm, DigestForm, Digests, ExpectedCheck, ExpectedError, MAX_EXPECTED_INPUT_CHARS,
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
            named,
        } => {
            assert_eq!(algorithm, Algorithm::Md5);
            assert_eq!(differing_digits, [0, 31]);
            assert_eq!(actual_hex, MD5_ABC);
            assert_eq!(expected_hex, wrong);
            assert!(!named, "a bare digest does not name its algorithm");
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

// ----- Issue 10, item 9: the line's form is read before its digits are cleaned -----

const SHA1_ABC: &str = "a9993e364706816aba3e25717850c26c9cd0d89d";

/// A `sha256sum` line whose file name is hex digits keeps its name apart from the digest: the
/// digest's own length decides the algorithm, and the data matches.
#[test]
fn a_file_name_made_of_hex_digits_is_not_glued_onto_the_digest() {
    for (input, hex, algorithm) in [
        (format!("{MD5_ABC}  deadbeef"), MD5_ABC, Algorithm::Md5),
        (format!("{MD5_ABC}  2024-06-01"), MD5_ABC, Algorithm::Md5),
        (format!("{MD5_ABC} *deadbeef"), MD5_ABC, Algorithm::Md5),
        (format!("{MD5_ABC}\tdeadbeef\n"), MD5_ABC, Algorithm::Md5),
        // A blob named by its own digest, as content-addressed stores name them.
        (
            format!("{SHA256_ABC}  {SHA256_ABC}"),
            SHA256_ABC,
            Algorithm::Sha256,
        ),
        (format!("{SHA1_ABC}  cafe babe"), SHA1_ABC, Algorithm::Sha1),
        // GNU tools escape a name holding a backslash or a newline and start the line with "\".
        (format!("\\{MD5_ABC}  dead\\nbeef"), MD5_ABC, Algorithm::Md5),
    ] {
        let parsed = parse_expected(&input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(parsed.hex, hex, "{input:?}");
        assert_eq!(parsed.fits, [algorithm], "{input:?}");
        assert_eq!(
            parsed.check_data(b"abc"),
            ExpectedCheck::Match { algorithm },
            "{input:?}"
        );
    }
}

/// The same digits in other forms: BSD lines with hex-digit names, and digests written in groups.
#[test]
fn bsd_lines_with_hex_names_and_grouped_digests_read_whole() {
    for input in [
        format!("SHA256 (deadbeef) = {SHA256_ABC}"),
        format!("SHA256 (2024-06-01) = {SHA256_ABC}"),
        // openssl dgst prints it without spaces around the name; OpenSSL 3 says SHA2-256.
        format!("SHA256(cafe)= {SHA256_ABC}"),
        format!("SHA2-256(cafe)= {SHA256_ABC}"),
    ] {
        let parsed = parse_expected(&input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(parsed.hex, SHA256_ABC, "{input:?}");
        assert_eq!(parsed.fits, [Algorithm::Sha256], "{input:?}");
    }
    // Equal groups separated by single spaces are one digest, not a CRC32C and a file name.
    let grouped = parse_expected("90015098 3cd24fb0 d6963f7d 28e17f72").unwrap();
    assert_eq!(grouped.hex, MD5_ABC);
    assert_eq!(grouped.fits, [Algorithm::Md5]);
}

// ----- Issue 10, item 10: a mismatch says what was assumed; base64 digests are read -----

/// A value of another algorithm with the same length (CRC-32/IEEE against CRC32C, SHA3-256
/// against SHA-256) also mismatches: the verdict says which algorithm it assumed.
#[test]
fn a_mismatch_says_which_algorithm_it_assumed() {
    // CRC-32/IEEE of "123456789" is cbf43926; its CRC32C is e3069283.
    let crc32_ieee = parse_expected("cbf43926").unwrap().check_data(b"123456789");
    let said = crc32_ieee.message();
    assert!(
        said.contains("If the published value is CRC32C, the data is not what was published"),
        "{said}"
    );
    assert!(
        said.contains("CRC-32"),
        "names the same-length alternative: {said}"
    );
    assert!(
        !said.contains(", so the data is not what was published"),
        "{said}"
    );

    let sha3 = "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532";
    let said = parse_expected(sha3).unwrap().check_data(b"abc").message();
    assert!(
        said.starts_with("mismatch: the data's SHA-256 digest differs from the expected one"),
        "{said}"
    );
    assert!(
        said.contains("If the published value is SHA-256, the data is not what was published"),
        "{said}"
    );
    assert!(
        said.contains("SHA3-256") && said.contains("BLAKE2s"),
        "{said}"
    );

    // Named by the input: nothing was assumed, so no alternatives are offered.
    let said = parse_expected(&format!("sha256:{sha3}"))
        .unwrap()
        .check_data(b"abc")
        .message();
    assert!(
        said.contains("the data is not what was published"),
        "{said}"
    );
    assert!(
        !said.contains("SHA3-256") && !said.contains("If the"),
        "{said}"
    );
}

/// Base64 digests as Subresource Integrity, Content-MD5 and x-goog-hash write them.
#[test]
fn base64_digests_are_read() {
    for (input, algorithm, data) in [
        (
            "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=",
            Algorithm::Sha256,
            &b"abc"[..],
        ),
        (
            "sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==",
            Algorithm::Sha512,
            b"abc",
        ),
        // An integrity attribute may list several; the strongest supported one is used.
        (
            "sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0= sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw==",
            Algorithm::Sha512,
            b"abc",
        ),
        ("Content-MD5: 1B2M2Y8AsgTpgAmY7PhCfg==", Algorithm::Md5, b""),
        (
            "content-md5:kAFQmDzST7DWlj99KOF/cg==",
            Algorithm::Md5,
            b"abc",
        ),
        ("crc32c=4waSgw==", Algorithm::Crc32c, b"123456789"),
        ("md5=kAFQmDzST7DWlj99KOF/cg==", Algorithm::Md5, b"abc"),
        (
            "x-goog-hash: crc32c=4waSgw==,md5=JfnnlDI7RTiF9RgfG2JNCw==",
            Algorithm::Md5,
            b"123456789",
        ),
        ("kAFQmDzST7DWlj99KOF/cg==", Algorithm::Md5, b"abc"),
    ] {
        let parsed = parse_expected(input).unwrap_or_else(|e| panic!("{input:?}: {e}"));
        assert_eq!(parsed.fits, [algorithm], "{input:?}");
        assert_eq!(parsed.bytes, algorithm.digest(data), "{input:?}");
        assert_eq!(
            parsed.check_data(data),
            ExpectedCheck::Match { algorithm },
            "{input:?}"
        );
    }
}

/// SHA-384 is not computed here: its SRI value is refused by name, not as a bad hex digit.
#[test]
fn an_algorithm_the_page_does_not_compute_is_named() {
    let sha384 = "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn";
    let said = parse_expected(sha384).unwrap_err().to_string();
    assert!(said.contains("SHA-384"), "{said}");
    assert!(!said.contains("hex digit"), "{said}");
    for input in [
        format!("SHA384 (file) = {}", "ab".repeat(48)),
        format!("sha384:{}", "ab".repeat(48)),
    ] {
        let said = parse_expected(&input).unwrap_err().to_string();
        assert!(said.contains("SHA-384"), "{input:?}: {said}");
    }
    // A Content-MD5 value that is not 16 bytes says so.
    let said = parse_expected("Content-MD5: AAAA").unwrap_err().to_string();
    assert!(said.contains("16"), "{said}");
}

// ----- Issue 10, item 13: what a match means depends on the algorithm -----

#[test]
fn a_match_says_what_it_shows_for_each_algorithm() {
    let said = |algorithm: Algorithm| {
        let hex = hex::encode(algorithm.digest(b"abc"));
        let check = parse_expected(&hex).unwrap().check_data(b"abc");
        assert_eq!(check, ExpectedCheck::Match { algorithm });
        check.message()
    };
    for algorithm in Algorithm::ALL {
        let m = said(algorithm);
        assert!(m.starts_with("match"), "{m}");
        assert!(
            !m.contains("intact") && !m.contains("valid"),
            "overclaims: {m}"
        );
    }
    let crc = said(Algorithm::Crc32c);
    assert!(crc.contains("accidental") && crc.contains("craft"), "{crc}");
    let md5 = said(Algorithm::Md5);
    assert!(
        md5.contains("2004") && md5.contains("deliberately replaced"),
        "{md5}"
    );
    let sha1 = said(Algorithm::Sha1);
    assert!(
        sha1.contains("2017") && sha1.contains("deliberately replaced"),
        "{sha1}"
    );
    for strong in [Algorithm::Sha256, Algorithm::Sha512] {
        let m = said(strong);
        assert!(m.contains("No way is known to craft"), "{m}");
    }
}

/// The page says how it read the input, and which algorithm it took (named, or assumed from the
/// length).
#[test]
fn the_reading_names_the_form_and_the_algorithm() {
    let reading = |input: &str| parse_expected(input).unwrap().reading();
    assert_eq!(
        reading(
            "sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw=="
        ),
        "read as base64 (Subresource Integrity), SHA-512"
    );
    assert_eq!(
        reading("Content-MD5: 1B2M2Y8AsgTpgAmY7PhCfg=="),
        "read as base64 (Content-MD5 header), MD5"
    );
    assert_eq!(
        reading("crc32c=4waSgw=="),
        "read as base64 (x-goog-hash), CRC32C"
    );
    assert_eq!(
        reading("kAFQmDzST7DWlj99KOF/cg=="),
        "read as base64, 16 bytes, the length of an MD5 digest"
    );
    assert_eq!(
        reading(SHA256_ABC),
        "read as hex, 64 hex digits, the length of a SHA-256 digest"
    );
    assert_eq!(
        reading(&format!("sha256:{SHA256_ABC}")),
        "read as hex marked with its algorithm, SHA-256"
    );
    assert_eq!(
        reading(&format!("{MD5_ABC}  deadbeef")),
        "read as a checksum-file line (as sha256sum prints it): the digest, then the file name “deadbeef”, 32 hex digits, the length of an MD5 digest"
    );
    let line = parse_expected(&format!("{MD5_ABC} *2024-06-01\n")).unwrap();
    assert_eq!(
        line.form,
        DigestForm::FileLine {
            file: "2024-06-01".into()
        }
    );
    assert_eq!(line.named, None);
    assert_eq!(
        reading(&format!("SHA256 (2024-06-01) = {SHA256_ABC}")),
        "read as a BSD-style line for the file “2024-06-01”, SHA-256"
    );
}

proptest::proptest! {
    /// Every form the page accepts gives back exactly the digest that was written in it, and no
    /// input makes the reader panic.
    #[test]
    fn every_form_reads_back_the_digest_it_holds(
        data in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..64),
        which in 0usize..5,
        name in "[0-9a-f]{1,70}",
        noise in "\\PC{0,80}",
    ) {
        use base64::Engine as _;
        let algorithm = Algorithm::ALL[which];
        let bytes = algorithm.digest(&data);
        let hex = hex::encode(&bytes);
        let b64 = base64::engine::general_purpose::STANDARD.encode(&bytes);
        let bsd = match algorithm {
            Algorithm::Md5 => "MD5",
            Algorithm::Sha1 => "SHA1",
            Algorithm::Sha256 => "SHA256",
            Algorithm::Sha512 => "SHA512",
            Algorithm::Crc32c => "CRC32C",
        };
        let mut forms = vec![
            hex.clone(),
            hex.to_uppercase(),
            format!("{hex}  {name}"),
            format!("{hex} *{name}"),
            format!("{bsd} ({name}) = {hex}"),
            format!("{}:{hex}", algorithm.name()),
        ];
        match algorithm {
            Algorithm::Sha256 | Algorithm::Sha512 => {
                forms.push(format!("{}-{b64}", bsd.to_lowercase()));
            }
            Algorithm::Md5 => {
                forms.push(format!("Content-MD5: {b64}"));
                forms.push(format!("md5={b64}"));
            }
            Algorithm::Crc32c => forms.push(format!("crc32c={b64}")),
            Algorithm::Sha1 => {}
        }
        for form in forms {
            let parsed = parse_expected(&form);
            proptest::prop_assert!(parsed.is_ok(), "{:?}: {:?}", form, parsed);
            let parsed = parsed.unwrap();
            proptest::prop_assert_eq!(&parsed.bytes, &bytes, "{:?}", form);
            proptest::prop_assert_eq!(&parsed.fits, &vec![algorithm], "{:?}", form);
            proptest::prop_assert_eq!(parsed.check_data(&data), ExpectedCheck::Match { algorithm });
        }
        let _ = parse_expected(&noise);
        let _ = parse_expected(&format!("{noise}{hex}"));
        let _ = parse_expected(&format!("{hex}{noise}"));
    }
}
