//! The sorted map and set (lesson progress, the partition tool's side B): the same JSON as the B-tree collections they replaced, so
//! progress an earlier Faultlab stored reads back; and the same answers to every operation.

use std::collections::{BTreeMap, BTreeSet};

use faultlab::scenario::sorted::{SortedMap, SortedSet};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Insert(u8, u32),
    Remove(u8),
    Bump(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (any::<u8>(), any::<u32>()).prop_map(|(k, v)| Op::Insert(k, v)),
        any::<u8>().prop_map(Op::Remove),
        any::<u8>().prop_map(Op::Bump),
    ]
}

proptest! {
    /// Any sequence of inserts, removals and in-place changes leaves the map as a BTreeMap, and
    /// writes the same JSON.
    #[test]
    fn the_map_behaves_and_writes_as_a_btreemap(ops in proptest::collection::vec(op(), 0..200)) {
        let mut sorted = SortedMap::<u8, u32>::default();
        let mut btree = BTreeMap::<u8, u32>::new();
        for op in ops {
            match op {
                Op::Insert(k, v) => prop_assert_eq!(sorted.insert(k, v), btree.insert(k, v)),
                Op::Remove(k) => prop_assert_eq!(sorted.remove(&k), btree.remove(&k)),
                Op::Bump(k) => {
                    *sorted.or_default(k) += 1;
                    *btree.entry(k).or_default() += 1;
                }
            }
            prop_assert_eq!(sorted.is_empty(), btree.is_empty());
        }
        prop_assert!(sorted.iter().map(|(k, v)| (*k, *v)).eq(btree.iter().map(|(k, v)| (*k, *v))));
        prop_assert_eq!(serde_json::to_string(&sorted).unwrap(), serde_json::to_string(&btree).unwrap());
    }

    /// JSON a BTreeMap wrote reads back as the same entries; so does an object with its keys out of
    /// order or given twice (the last value counts, as for a BTreeMap).
    #[test]
    fn the_map_reads_what_a_btreemap_reads(entries in proptest::collection::vec((any::<u8>(), any::<u32>()), 0..100)) {
        let json = format!(
            "{{{}}}",
            entries.iter().map(|(k, v)| format!("\"{k}\": {v}")).collect::<Vec<_>>().join(", ")
        );
        let sorted: SortedMap<u8, u32> = serde_json::from_str(&json).unwrap();
        let btree: BTreeMap<u8, u32> = serde_json::from_str(&json).unwrap();
        prop_assert!(sorted.iter().map(|(k, v)| (*k, *v)).eq(btree.into_iter()));
    }

    /// The set: the same members and the same JSON as a BTreeSet, whatever order the stored array
    /// had and however often a member repeats.
    #[test]
    fn the_set_reads_and_writes_as_a_btreeset(items in proptest::collection::vec(any::<u8>(), 0..300), probe: u8) {
        let json = serde_json::to_string(&items).unwrap();
        let mut sorted: SortedSet<u8> = serde_json::from_str(&json).unwrap();
        let mut btree: BTreeSet<u8> = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(sorted.len(), btree.len());
        prop_assert_eq!(sorted.contains(&probe), btree.contains(&probe));
        prop_assert_eq!(sorted.remove(&probe), btree.remove(&probe));
        prop_assert_eq!(sorted.insert(probe / 2), btree.insert(probe / 2));
        sorted.retain(|x| x % 3 != probe % 3);
        btree.retain(|x| x % 3 != probe % 3);
        prop_assert!(sorted.iter().eq(btree.iter()));
        prop_assert_eq!(serde_json::to_string(&sorted).unwrap(), serde_json::to_string(&btree).unwrap());
    }
}

#[test]
fn not_a_map_or_a_list_is_refused() {
    assert!(serde_json::from_str::<SortedMap<u8, u32>>("[1, 2]").is_err());
    assert!(serde_json::from_str::<SortedMap<u8, u32>>("{\"x\": 1}").is_err());
    assert!(serde_json::from_str::<SortedSet<u8>>("{}").is_err());
    assert!(serde_json::from_str::<SortedSet<u8>>("[300]").is_err());
}
