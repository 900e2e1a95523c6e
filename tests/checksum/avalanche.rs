//! A one-bit change flips about half the bits of every cryptographic digest, and the comparison
//! of good and current digests says what changed.

use faultlab::checksum::{
    Algorithm, BitDiff, Corruption, Digests, History, Verdict, changes_between, changes_since_good,
};
use rand::{Rng, RngCore, SeedableRng};
use rand_pcg::Pcg64Mcg;

#[test]
fn one_bit_flip_changes_about_half_of_each_cryptographic_digest() {
    let mut rng = Pcg64Mcg::seed_from_u64(2024);
    for alg in Algorithm::ALL.into_iter().filter(|a| a.is_cryptographic()) {
        let trials = 400;
        let mut sum = 0.0;
        for _ in 0..trials {
            let len = rng.random_range(1..300usize);
            let mut data = vec![0u8; len];
            rng.fill_bytes(&mut data);
            let mut flipped = data.clone();
            Corruption::FlipRandomBit
                .apply(&mut flipped, &mut rng)
                .unwrap();
            let diff = BitDiff::between(&alg.digest(&data), &alg.digest(&flipped));
            assert_eq!(diff.verdict(), Verdict::Changed);
            assert_eq!(diff.total_bits, alg.digest_bits());
            sum += diff.fraction();
        }
        let mean = sum / f64::from(trials);
        assert!(
            (0.40..=0.60).contains(&mean),
            "{}: a one-bit flip changed {:.1}% of the digest on average",
            alg.name(),
            mean * 100.0
        );
    }
}

#[test]
fn bit_diff_flags_each_bit_in_reading_order() {
    let diff = BitDiff::between(&[0b1000_0000, 0x00], &[0x00, 0x01]);
    assert_eq!(diff.differing_bits, 2);
    assert_eq!(diff.total_bits, 16);
    assert_eq!(diff.flipped.len(), 16);
    let set: Vec<usize> = (0..16).filter(|i| diff.flipped[*i]).collect();
    assert_eq!(
        set,
        [0, 15],
        "most significant bit first, as the hex is read"
    );
    assert_eq!(diff.summary(), "2 of 16 bits differ (12%)");
    let same = BitDiff::between(&[1, 2, 3], &[1, 2, 3]);
    assert_eq!(same.verdict(), Verdict::Unchanged);
    // Digests of different lengths never panic: the missing bits count as different.
    assert_eq!(BitDiff::between(&[0], &[]).differing_bits, 8);
}

#[test]
fn what_changed_since_good_per_algorithm() {
    let mut h = History::new(b"the quick brown fox".to_vec(), 5).unwrap();
    let unchanged = changes_since_good(h.good(), h.data(), &Algorithm::ALL);
    assert_eq!(unchanged.len(), 5);
    assert!(unchanged.iter().all(|c| c.verdict() == Verdict::Unchanged));

    h.apply(Corruption::FlipBit { byte: 4, bit: 0 }).unwrap();
    let changed = changes_since_good(h.good(), h.data(), &Algorithm::ALL);
    for c in &changed {
        assert_eq!(c.verdict(), Verdict::Changed, "{}", c.algorithm.name());
        assert_eq!(
            c.good_hex(),
            hex::encode(c.algorithm.digest(b"the quick brown fox"))
        );
        assert_ne!(c.good_hex(), c.current_hex());
    }
    let good = Digests::compute(h.good(), &[Algorithm::Sha1, Algorithm::Md5]);
    let current = Digests::compute(h.data(), &Algorithm::ALL);
    let some = changes_between(&good, &current);
    let algs: Vec<Algorithm> = some.iter().map(|c| c.algorithm).collect();
    assert_eq!(algs, [Algorithm::Sha1, Algorithm::Md5]);
}
