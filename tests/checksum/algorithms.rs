//! The algorithms give the published test vectors.

use faultlab::checksum::Algorithm;

fn hex_of(alg: Algorithm, data: &[u8]) -> String {
    hex::encode(alg.digest(data))
}

#[test]
fn md5_matches_rfc_1321_suite() {
    let cases: [(&str, &str); 7] = [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        (
            "abcdefghijklmnopqrstuvwxyz",
            "c3fcd3d76192e4007dfb496cca67e13b",
        ),
        (
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            "d174ab98d277d9f5a5611c2c9f419d9f",
        ),
        (
            "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
            "57edf4a22be3c955ac49da2e2107b67a",
        ),
    ];
    for (input, expected) in cases {
        assert_eq!(
            hex_of(Algorithm::Md5, input.as_bytes()),
            expected,
            "MD5({input:?})"
        );
    }
}

#[test]
fn sha_family_matches_fips_180_abc() {
    assert_eq!(
        hex_of(Algorithm::Sha1, b"abc"),
        "a9993e364706816aba3e25717850c26c9cd0d89d"
    );
    assert_eq!(
        hex_of(Algorithm::Sha256, b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        hex_of(Algorithm::Sha512, b"abc"),
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
         2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
    );
}

#[test]
fn sha_family_matches_fips_180_448_bit_message() {
    let msg = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    assert_eq!(msg.len() * 8, 448);
    assert_eq!(
        hex_of(Algorithm::Sha1, msg),
        "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
    );
    assert_eq!(
        hex_of(Algorithm::Sha256, msg),
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    );
    assert_eq!(
        hex_of(Algorithm::Sha512, msg),
        "204a8fc6dda82f0a0ced7beb8e08a41657c16ef468b228a8279be331a703c335\
         96fd15c13b1b07f9aa1d3bea57789ca031ad85c7a71dd70354ec631238ca3445"
    );
}

#[test]
fn crc32c_matches_check_value() {
    assert_eq!(hex_of(Algorithm::Crc32c, b"123456789"), "e3069283");
}

#[test]
fn digest_lengths_match_the_table() {
    for alg in Algorithm::ALL {
        assert_eq!(
            alg.digest(b"x").len() * 8,
            alg.digest_bits() as usize,
            "{}",
            alg.name()
        );
    }
}
