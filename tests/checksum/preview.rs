//! The bytes the page shows of a replica or of what a read returned sit where they first differ
//! from what the client meant to write, so the damage is in view.

use faultlab::checksum::{
    Algorithm, ByteDiff, Corruption, PREVIEW_BYTES, Preview, Store, StoreConfig,
};
use proptest::collection::vec;
use proptest::prelude::*;

const PAY: &[u8] = b"Pay Alice 100 euros, not 900 euros";

#[test]
fn without_a_difference_the_preview_is_the_start() {
    let p = Preview::new(PAY, Some(PAY));
    assert_eq!(p.start, 0);
    assert_eq!(p.bytes, &PAY[..PREVIEW_BYTES]);
    assert!(p.more_after && p.diff.is_none());
}

#[test]
fn a_changed_byte_far_in_is_shown_with_a_few_bytes_before_it() {
    let mut damaged = PAY.to_vec();
    damaged[22] ^= 0x04;
    let p = Preview::new(&damaged, Some(PAY));
    assert_eq!(
        p.diff,
        Some(ByteDiff {
            offset: 22,
            written: Some(PAY[22]),
            found: Some(PAY[22] ^ 0x04)
        })
    );
    assert!(p.start <= 22 && 22 < p.start + p.bytes.len());
    assert!(p.is_diff(22) && !p.is_diff(21));
    assert!(p.start > 0, "the window leaves out the start");
    assert_eq!(
        p.diff.unwrap().describe(),
        format!(
            "byte 22 is 0x{:02x} where 0x{:02x} was written",
            PAY[22] ^ 4,
            PAY[22]
        )
    );
}

#[test]
fn shorter_and_longer_data_say_where_they_part() {
    let p = Preview::new(&PAY[..30], Some(PAY));
    let d = p.diff.unwrap();
    assert_eq!((d.offset, d.found), (30, None));
    assert_eq!(p.start + p.bytes.len(), 30, "the window ends with the data");
    assert!(d.describe().contains("ends at byte 30"));
    let mut longer = PAY.to_vec();
    longer.push(b'!');
    let d = Preview::new(&longer, Some(PAY)).diff.unwrap();
    assert_eq!(
        (d.offset, d.written, d.found),
        (PAY.len(), None, Some(b'!'))
    );
}

#[test]
fn a_memory_fault_shows_in_every_replica_and_in_what_the_read_returns() {
    let config = StoreConfig {
        replicas: 3,
        algorithm: Algorithm::Sha256,
        read_repair: false,
        end_to_end: false,
    };
    let mut store = Store::new(config, 3).unwrap();
    store.corrupt_before_checksum(Corruption::Overwrite {
        offset: 27,
        value: b'1',
    });
    store.write(PAY).unwrap();
    assert_eq!(store.intended(), Some(PAY));
    for r in store.replicas() {
        assert_eq!(r.preview.diff.map(|d| d.offset), Some(27), "{}", r.name);
    }
    let outcome = store.read().expect("the checksum matches the damaged data");
    let returned = Preview::new(&outcome.data, store.intended());
    assert_eq!(returned.diff.map(|d| d.found), Some(Some(b'1')));
}

#[test]
fn an_intact_store_previews_from_the_start() {
    let mut store = Store::new(StoreConfig::default(), 1).unwrap();
    store.write(PAY).unwrap();
    for r in store.replicas() {
        assert!(r.preview.diff.is_none() && r.preview.start == 0);
    }
}

proptest! {
    #[test]
    fn any_data_gives_a_window_that_shows_the_first_difference(
        data in vec(any::<u8>(), 0..80),
        written in proptest::option::of(vec(any::<u8>(), 0..80)),
    ) {
        let p = Preview::new(&data, written.as_deref());
        prop_assert!(p.bytes.len() <= PREVIEW_BYTES);
        prop_assert_eq!(&data[p.start..p.start + p.bytes.len()], &p.bytes[..]);
        prop_assert_eq!(p.more_after, p.start + p.bytes.len() < data.len());
        match (&written, p.diff) {
            (Some(w), None) => prop_assert_eq!(w, &data),
            (Some(w), Some(d)) => {
                prop_assert_eq!(&data[..d.offset.min(data.len())], &w[..d.offset.min(w.len())]);
                prop_assert_eq!(d.found, data.get(d.offset).copied());
                prop_assert_eq!(d.written, w.get(d.offset).copied());
                prop_assert!(d.found != d.written);
                // In view: the differing byte, or the end of the data where it stops short.
                prop_assert!(p.start <= d.offset && d.offset <= p.start + p.bytes.len());
            }
            (None, d) => prop_assert!(d.is_none() && p.start == 0),
        }
    }
}
