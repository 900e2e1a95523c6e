//! Hashing in slices gives exactly the one-shot digests, whatever the slicing.

use faultlab::checksum::{Algorithm, Digests, StreamError, StreamHasher};
use proptest::collection::vec;
use proptest::prelude::*;

proptest! {
    #[test]
    fn any_slicing_equals_one_shot_for_every_algorithm(
        data in vec(any::<u8>(), 0..5000),
        slices in vec(0usize..700, 1..30),
    ) {
        let mut stream = StreamHasher::new(&Algorithm::ALL, data.len());
        let mut last = 0;
        let mut i = 0;
        // Zero-sized slices hash nothing; a fallback of 1 guarantees progress.
        while !stream.progress().is_complete() {
            let max = if i < slices.len() * 4 { slices[i % slices.len()] } else { 1 };
            i += 1;
            let progress = stream.step(&data, max).unwrap();
            prop_assert_eq!(progress.total, data.len());
            prop_assert_eq!(progress.done, (last + max).min(data.len()));
            last = progress.done;
        }
        let digests = stream.finish().unwrap();
        prop_assert_eq!(digests, Digests::compute(&data, &Algorithm::ALL));
    }

    #[test]
    fn raw_hasher_with_random_splits_equals_one_shot(
        data in vec(any::<u8>(), 0..5000),
        cuts in vec(any::<usize>(), 0..12),
    ) {
        let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c % (data.len() + 1)).collect();
        cuts.push(0);
        cuts.push(data.len());
        cuts.sort_unstable();
        for alg in Algorithm::ALL {
            let mut h = alg.hasher();
            for w in cuts.windows(2) {
                h.update(&data[w[0]..w[1]]);
            }
            prop_assert_eq!(h.finish(), alg.digest(&data), "{}", alg.name());
        }
    }
}

#[test]
fn finishing_early_or_changing_the_data_is_an_error() {
    let data = vec![1u8; 100];
    let mut stream = StreamHasher::new(&[Algorithm::Sha256, Algorithm::Sha256], data.len());
    assert_eq!(stream.algorithms(), [Algorithm::Sha256]);
    let p = stream.step(&data, 40).unwrap();
    assert_eq!((p.done, p.total), (40, 100));
    assert!((p.fraction() - 0.4).abs() < 1e-9);
    assert_eq!(
        stream.step(&data[..99], 10).unwrap_err(),
        StreamError::DataChanged {
            expected: 100,
            actual: 99
        }
    );
    assert_eq!(
        stream.finish().unwrap_err(),
        StreamError::Unfinished {
            done: 40,
            total: 100
        }
    );
    let empty = StreamHasher::new(&Algorithm::ALL, 0);
    assert!(empty.progress().is_complete());
    assert_eq!(
        empty.finish().unwrap().hex(Algorithm::Md5).unwrap(),
        "d41d8cd98f00b204e9800998ecf8427e"
    );
}
