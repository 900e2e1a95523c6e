//! The program's one sort (`sim::sort`) gives exactly what the standard library's stable sort
//! gives, equal keys in their old order included, and orders floats as `f64::total_cmp` does.

use faultlab::sim::sort::{by_key, float_key, pair};
use proptest::prelude::*;

proptest! {
    #[test]
    fn by_key_equals_the_standard_stable_sort(items in prop::collection::vec((0u8..6, any::<u16>()), 0..200)) {
        let mut ours = items.clone();
        by_key(&mut ours, |&(k, _)| u128::from(k));
        let mut std_sorted = items;
        std_sorted.sort_by_key(|&(k, _)| k);
        prop_assert_eq!(ours, std_sorted);
    }

    #[test]
    fn a_pair_key_orders_like_a_tuple(items in prop::collection::vec((0u64..4, any::<u64>()), 0..100)) {
        let mut ours = items.clone();
        by_key(&mut ours, |&(a, b)| pair(a, b));
        let mut std_sorted = items;
        std_sorted.sort();
        prop_assert_eq!(ours, std_sorted);
    }

    #[test]
    fn float_key_orders_like_total_cmp(a in any::<f64>(), b in any::<f64>()) {
        prop_assert_eq!(float_key(a).cmp(&float_key(b)), a.total_cmp(&b));
    }
}

#[test]
fn floats_sort_from_negative_nan_to_nan() {
    let mut values = vec![
        f64::NAN,
        1.5,
        -0.0,
        f64::INFINITY,
        0.0,
        -f64::NAN,
        -2.0,
        f64::NEG_INFINITY,
    ];
    by_key(&mut values, |&x| float_key(x));
    let bits: Vec<u64> = values.iter().map(|x| x.to_bits()).collect();
    let mut expected = values.clone();
    expected.sort_by(f64::total_cmp);
    assert_eq!(
        bits,
        expected.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
    );
    assert!(values[0].is_nan() && values[0].is_sign_negative());
    assert_eq!(values[1], f64::NEG_INFINITY);
    assert!(values[3] == 0.0 && values[3].is_sign_negative());
    assert!(values[7].is_nan() && values[7].is_sign_positive());
}
