//! Every corruption operation changes exactly what it says, refuses bad input with an error, and
//! undo restores the data exactly (redo re-applies it), alone and in random sequences.

use faultlab::checksum::{CorruptError, Corruption, History, MAX_STEPS, SECTOR_SIZE};

use crate::corruption::valid_op;
use proptest::collection::vec;
use proptest::prelude::*;

/// What a concrete operation must produce.
fn expected_after(d: &[u8], op: Corruption) -> Vec<u8> {
    let mut e = d.to_vec();
    match op {
        Corruption::FlipBit { byte, bit } => e[byte] ^= 1 << bit,
        Corruption::FlipRandomBit => unreachable!("checked separately"),
        Corruption::Overwrite { offset, value } => e[offset] = value,
        Corruption::Insert { offset, value } => e.insert(offset, value),
        Corruption::Delete { start, len } => {
            e.drain(start..start + len);
        }
        Corruption::Truncate { len } => e.truncate(len),
        Corruption::Swap { a, b } => e.swap(a, b),
        Corruption::ZeroSector { sector } => {
            let start = sector * SECTOR_SIZE;
            let end = (start + SECTOR_SIZE).min(e.len());
            e[start..end].fill(0);
        }
    }
    e
}

fn differing_bits(a: &[u8], b: &[u8]) -> Vec<(usize, u8)> {
    let mut out = Vec::new();
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        for bit in 0..8u8 {
            if (x ^ y) >> bit & 1 == 1 {
                out.push((i, bit));
            }
        }
    }
    out
}

proptest! {
    #[test]
    fn each_op_changes_exactly_what_it_says_and_undo_restores(
        d in vec(any::<u8>(), 1..1500),
        kind in 0u8..8,
        a in any::<usize>(),
        b in any::<usize>(),
        v in any::<u8>(),
        seed in any::<u64>(),
    ) {
        let op = valid_op(kind, a, b, v, d.len());
        let mut h = History::new(d.clone(), seed).unwrap();
        let description = h.apply(op).unwrap();
        let after = h.data().to_vec();
        prop_assert_eq!(description.len_before, d.len());
        prop_assert_eq!(description.len_after, after.len());

        match op {
            Corruption::FlipRandomBit => {
                prop_assert_eq!(after.len(), d.len());
                let flips = differing_bits(&d, &after);
                prop_assert_eq!(flips.len(), 1, "exactly one bit flips");
                let (byte, bit) = flips[0];
                let said = format!("bit {bit} of byte {byte}: 0x{:02x} → 0x{:02x}", d[byte], after[byte]);
                prop_assert!(description.text.contains(&said), "{} should say {}", description.text, said);
            }
            op => {
                prop_assert_eq!(&after, &expected_after(&d, op), "{:?}", op);
                match op {
                    Corruption::FlipBit { byte, bit } => {
                        prop_assert_eq!(differing_bits(&d, &after), vec![(byte, bit)]);
                        let said = format!("flipped bit {bit} of byte {byte}: 0x{:02x} → 0x{:02x}", d[byte], after[byte]);
                        prop_assert_eq!(&description.text, &said);
                        prop_assert_eq!(description.offset, Some(byte));
                    }
                    Corruption::Overwrite { offset, value } if d[offset] != value => {
                        let said = format!("overwrote byte {offset}: 0x{:02x} → 0x{value:02x}", d[offset]);
                        prop_assert_eq!(&description.text, &said);
                    }
                    Corruption::Insert { offset, .. } => {
                        prop_assert_eq!(after.len(), d.len() + 1);
                        let said = format!("at offset {offset}");
                        prop_assert!(description.text.contains(&said));
                    }
                    Corruption::Delete { start, len } => {
                        prop_assert_eq!(after.len(), d.len() - len);
                        let said = if len == 1 { format!("deleted byte {start} ") } else { format!("at offsets {start}–{}", start + len - 1) };
                        prop_assert!(description.text.contains(&said), "{}", description.text);
                    }
                    Corruption::ZeroSector { sector } => {
                        let said = format!("zeroed sector {sector} (bytes {}–", sector * SECTOR_SIZE);
                        prop_assert!(description.text.contains(&said), "{}", description.text);
                    }
                    _ => {}
                }
            }
        }

        prop_assert!(h.can_undo());
        let undone = h.undo().unwrap();
        prop_assert_eq!(&undone, &description);
        prop_assert_eq!(h.data(), d.as_slice(), "undo restores the original exactly");
        prop_assert!(!h.can_undo());
        prop_assert!(h.can_redo());
        prop_assert_eq!(h.redo().unwrap(), description);
        prop_assert_eq!(h.data(), after.as_slice(), "redo re-applies the same change");
        h.undo();
        prop_assert_eq!(h.data(), d.as_slice());
    }

    #[test]
    fn out_of_range_ops_are_refused_and_change_nothing(
        d in vec(any::<u8>(), 0..700),
        extra in 0usize..1000,
        bit in 8u8..=255,
        seed in any::<u64>(),
    ) {
        let len = d.len();
        let mut h = History::new(d.clone(), seed).unwrap();
        let bad = [
            Corruption::FlipBit { byte: len + extra, bit: 0 },
            Corruption::FlipBit { byte: 0, bit },
            Corruption::Overwrite { offset: len + extra, value: 1 },
            Corruption::Insert { offset: len + 1 + extra, value: 1 },
            Corruption::Delete { start: 0, len: len + 1 + extra },
            Corruption::Delete { start: len + extra, len: 1 },
            Corruption::Delete { start: 0, len: 0 },
            Corruption::Delete { start: usize::MAX, len: usize::MAX },
            Corruption::Truncate { len: len + 1 + extra },
            Corruption::Swap { a: 0, b: len + extra },
            Corruption::ZeroSector { sector: len.div_ceil(SECTOR_SIZE) + extra },
        ];
        for op in bad {
            let err = h.apply(op).unwrap_err();
            prop_assert!(!err.to_string().is_empty());
            prop_assert_eq!(h.data(), d.as_slice(), "{:?} changed the data", op);
            prop_assert!(!h.can_undo());
        }
        if len == 0 {
            prop_assert_eq!(h.apply(Corruption::FlipRandomBit).unwrap_err(), CorruptError::EmptyData { action: "flip a random bit" });
        }
    }

    #[test]
    fn random_sequences_undo_and_redo_like_a_stack(
        start in vec(any::<u8>(), 0..600),
        actions in vec((0u8..14, any::<usize>(), any::<usize>(), any::<u8>(), vec(any::<u8>(), 0..50)), 1..40),
        seed in any::<u64>(),
    ) {
        let mut h = History::new(start.clone(), seed).unwrap();
        let mut past: Vec<Vec<u8>> = Vec::new();
        let mut future: Vec<Vec<u8>> = Vec::new();
        let mut good = start.clone();
        for (kind, a, b, v, fresh) in actions {
            let before = h.data().to_vec();
            match kind {
                0..=7 if !before.is_empty() => {
                    let op = valid_op(kind, a, b, v, before.len());
                    h.apply(op).unwrap();
                    past.push(before);
                    future.clear();
                }
                0..=7 => {
                    let inserted = h.apply(Corruption::Insert { offset: 0, value: v });
                    prop_assert!(inserted.is_ok());
                    past.push(before);
                    future.clear();
                }
                8 => {
                    // Replace with fresh bytes, or with a lightly edited copy (exercises patches).
                    let target = if a % 2 == 0 { fresh } else {
                        let mut t = before.clone();
                        if !t.is_empty() { let i = b % t.len(); t[i] = t[i].wrapping_add(1); }
                        t
                    };
                    h.replace(target.clone(), "typed text").unwrap();
                    if target != before { past.push(before); future.clear(); }
                }
                9 => {
                    match h.restore_good() {
                        Ok(_) => { prop_assert_ne!(&before, &good); past.push(before); future.clear(); }
                        Err(e) => { prop_assert_eq!(e, CorruptError::AlreadyGood); prop_assert_eq!(&before, &good); }
                    }
                }
                10 => { h.mark_good(); good = before; }
                11 | 12 => {
                    let did = h.undo().is_some();
                    prop_assert_eq!(did, !past.is_empty());
                    if let Some(prev) = past.pop() { future.push(before); prop_assert_eq!(h.data(), prev.as_slice()); }
                }
                _ => {
                    let did = h.redo().is_some();
                    prop_assert_eq!(did, !future.is_empty());
                    if let Some(next) = future.pop() { past.push(before); prop_assert_eq!(h.data(), next.as_slice()); }
                }
            }
            prop_assert_eq!(h.good(), good.as_slice());
            prop_assert_eq!(h.is_good(), h.data() == good.as_slice());
            let differing = (h.data().len() == good.len())
                .then(|| h.data().iter().zip(&good).filter(|(x, y)| x != y).count());
            prop_assert_eq!(h.differing_bytes(), differing, "the running count of differing bytes");
            // An undo or redo takes how the data differs from what its step remembers (when the
            // good copy is the same): the first difference must still be the real one.
            let first = (h.data() != good.as_slice()).then(|| {
                h.data().iter().zip(&good).position(|(x, y)| x != y).unwrap_or(h.data().len().min(good.len()))
            });
            prop_assert_eq!(h.first_difference(), first, "the first difference");
            prop_assert_eq!(h.can_undo(), !past.is_empty());
            prop_assert_eq!(h.can_redo(), !future.is_empty());
        }
        // Undo everything: back to the start; redo everything: back to the end.
        let end = h.data().to_vec();
        let steps = past.len();
        for _ in 0..steps { h.undo().unwrap(); }
        prop_assert_eq!(h.data(), past.first().map_or(end.as_slice(), |p| p.as_slice()));
        for _ in 0..steps { h.redo().unwrap(); }
        prop_assert_eq!(h.data(), end.as_slice());
    }
}

#[test]
fn descriptions_read_like_the_examples() {
    let mut data = vec![0u8; 20];
    data[17] = 0x41;
    let mut h = History::new(data, 1).unwrap();
    let d = h.apply(Corruption::FlipBit { byte: 17, bit: 3 }).unwrap();
    assert_eq!(d.text, "flipped bit 3 of byte 17: 0x41 → 0x49");
    let d = h.apply(Corruption::Swap { a: 17, b: 0 }).unwrap();
    assert_eq!(
        d.text,
        "swapped bytes 17 and 0: byte 17 0x49 → 0x00, byte 0 0x00 → 0x49"
    );
    let d = h.apply(Corruption::Delete { start: 0, len: 3 }).unwrap();
    assert_eq!(
        d.text,
        "deleted 3 bytes at offsets 0–2 (0x49 0x00 0x00): 20 bytes → 17 bytes"
    );
    let d = h.apply(Corruption::Truncate { len: 10 }).unwrap();
    assert_eq!(
        d.text,
        "truncated to 10 bytes: removed the last 7 bytes (offsets 10–16)"
    );
    let d = h.apply(Corruption::ZeroSector { sector: 0 }).unwrap();
    assert!(
        d.text.contains("a partial last sector of 10 bytes"),
        "{}",
        d.text
    );
}

#[test]
fn errors_name_the_problem() {
    let mut h = History::new(b"hello".to_vec(), 1).unwrap();
    let msg = |e: CorruptError| e.to_string();
    assert_eq!(
        msg(h
            .apply(Corruption::FlipBit { byte: 5, bit: 0 })
            .unwrap_err()),
        "byte 5 does not exist: the data has 5 bytes, so offsets go from 0 to 4"
    );
    assert!(
        msg(h
            .apply(Corruption::FlipBit { byte: 0, bit: 8 })
            .unwrap_err())
        .contains("bits 0")
    );
    assert!(
        msg(h.apply(Corruption::ZeroSector { sector: 1 }).unwrap_err()).contains("numbered 0 to 0")
    );
    assert!(
        msg(h.apply(Corruption::Truncate { len: 6 }).unwrap_err()).contains("only 5 bytes long")
    );
    assert_eq!(h.restore_good().unwrap_err(), CorruptError::AlreadyGood);
    let mut empty = History::new(Vec::new(), 1).unwrap();
    assert!(
        msg(empty.apply(Corruption::Swap { a: 0, b: 0 }).unwrap_err())
            .contains("the data is empty")
    );
    assert!(
        History::new(vec![0; faultlab::checksum::MAX_DATA_LEN + 1], 1).is_err(),
        "more than 64 MiB is refused"
    );
}

#[test]
fn random_flips_are_reproducible_from_the_seed() {
    let run = |seed| {
        let mut h = History::new(vec![0u8; 4096], seed).unwrap();
        (0..20)
            .map(|_| h.apply(Corruption::FlipRandomBit).unwrap().text)
            .collect::<Vec<_>>()
    };
    assert_eq!(run(42), run(42));
    assert_ne!(run(42), run(43));
}

#[test]
fn undo_history_is_capped_in_steps_and_small_ops_keep_no_copies() {
    let mut h = History::new(vec![7u8; 1 << 20], 3).unwrap();
    for i in 0..MAX_STEPS + 5 {
        h.apply(Corruption::FlipBit { byte: i, bit: 0 }).unwrap();
    }
    assert_eq!(h.undo_descriptions().count(), MAX_STEPS);
    assert_eq!(h.forgotten_steps(), 5);
    assert_eq!(h.retained_bytes(), 0, "bit flips keep only their position");
    h.restore_good().unwrap();
    assert!(h.is_good());
    assert!(
        h.retained_bytes() < 64 * 1024,
        "restoring 1,000 scattered flips keeps the differing bytes, not a 1 MiB copy: {}",
        h.retained_bytes()
    );
    h.undo().unwrap();
    assert_eq!(h.data().iter().filter(|b| **b == 6).count(), MAX_STEPS + 5);
}

#[test]
fn big_replacements_are_capped_by_the_byte_budget() {
    const MIB: usize = 1024 * 1024;
    let mut h = History::new(vec![1u8; 64 * MIB], 3).unwrap();
    for fill in 2u8..6 {
        h.replace(vec![fill; 64 * MIB], "generated random data")
            .unwrap();
        assert!(h.data().len() + h.retained_bytes() <= faultlab::checksum::MAX_HISTORY_BYTES);
    }
    // 64 MiB of data leaves room for two whole 64 MiB buffers in the steps.
    assert_eq!(h.undo_descriptions().count(), 2);
    assert_eq!(h.forgotten_steps(), 2);
    h.undo().unwrap();
    h.undo().unwrap();
    assert!(h.undo().is_none());
    assert!(h.data().iter().all(|b| *b == 3));
    h.redo().unwrap();
    h.redo().unwrap();
    assert!(h.data().iter().all(|b| *b == 5));
}

#[test]
fn taking_back_the_latest_step_lets_a_burst_of_typing_be_one_step() {
    let mut h = History::new(b"Pay Alice 100 euros".to_vec(), 1).unwrap();
    h.apply(Corruption::FlipBit { byte: 10, bit: 3 }).unwrap();
    let flipped = h.data().to_vec();
    h.replace(b"Pay Alice 1000 euros".to_vec(), "edited the text")
        .unwrap();
    // The next pause in typing stands in for the one before: take it back, then replace.
    assert!(h.take_back_latest());
    assert_eq!(h.data(), &flipped[..], "back to before the burst");
    h.replace(b"Pay Alice 10000 euros".to_vec(), "edited the text")
        .unwrap();
    assert_eq!(h.data(), b"Pay Alice 10000 euros");
    // One undo goes back to before the whole burst, a second one undoes the flip.
    h.undo().unwrap();
    assert_eq!(h.data(), &flipped[..]);
    assert!(!h.can_redo() || h.redo_descriptions().count() == 1);
    h.undo().unwrap();
    assert_eq!(h.data(), b"Pay Alice 100 euros");
    assert!(!h.can_undo());
    assert!(!h.take_back_latest(), "nothing left to take back");
}

/// Marking 64 MiB as good copies it a slice at a time; meanwhile the data is the good copy, and a
/// change first finishes the copy, so the good copy is always what was marked.
#[test]
fn a_large_good_copy_is_made_in_slices_and_a_change_finishes_it() {
    let len = 3 * faultlab::checksum::GOOD_COPY_SLICE + 5;
    let mut h = History::new(vec![1u8; 10], 9).unwrap();
    let marked: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
    h.replace(marked.clone(), "generated").unwrap();
    assert!(!h.is_good());
    assert_eq!(h.differing_bytes(), None, "different lengths");
    h.mark_good();
    assert!(h.is_good() && h.good_copy_pending());
    assert_eq!(h.good(), marked.as_slice());
    assert!(
        h.continue_good_copy(1 << 20),
        "more remains after one slice"
    );
    assert_eq!(h.good(), marked.as_slice());
    // A change before the copy is done: the good copy is still what was marked.
    h.apply(Corruption::FlipBit {
        byte: len - 1,
        bit: 0,
    })
    .unwrap();
    assert!(!h.good_copy_pending());
    assert_eq!(h.good(), marked.as_slice());
    assert_eq!(h.differing_bytes(), Some(1));
    assert!(!h.is_good());
    h.apply(Corruption::Swap { a: 0, b: 1 }).unwrap();
    assert_eq!(h.differing_bytes(), Some(3));
    h.undo().unwrap();
    h.undo().unwrap();
    assert!(h.is_good(), "undoing both changes is the good copy again");
    h.redo().unwrap();
    h.restore_good().unwrap();
    assert!(h.is_good());
    assert_eq!(h.data(), marked.as_slice());
    // Marked again and copied to the end in slices.
    h.apply(Corruption::Overwrite {
        offset: 5,
        value: 0,
    })
    .unwrap();
    h.mark_good();
    while h.continue_good_copy(faultlab::checksum::GOOD_COPY_SLICE) {}
    assert!(!h.good_copy_pending() && h.is_good());
    assert_eq!(h.good(), h.data());
    h.apply(Corruption::Delete { start: 0, len: 1 }).unwrap();
    assert_eq!(h.differing_bytes(), None);
    h.apply(Corruption::Insert {
        offset: 0,
        value: marked[0] ^ 0x80,
    })
    .unwrap();
    assert_eq!(
        h.differing_bytes(),
        Some(1),
        "back to the same length: compared again"
    );
}

/// Byte values are hex everywhere, as the hex view shows them.
#[test]
fn byte_values_are_read_as_hex() {
    use faultlab::checksum::{ByteValueError, parse_hex_byte};
    for (text, value) in [
        ("41", 0x41),
        ("0x41", 0x41),
        (" 0X2a ", 0x2a),
        ("ff", 0xff),
        ("FF", 0xff),
        ("7", 7),
        ("00", 0),
        ("0x0", 0),
        ("0041", 0x41),
    ] {
        assert_eq!(parse_hex_byte(text), Ok(value), "{text:?}");
    }
    let err = parse_hex_byte("300").unwrap_err();
    assert_eq!(err, ByteValueError::OutOfRange { text: "300".into() });
    assert_eq!(
        err.to_string(),
        "0x300 does not fit in a byte: a byte is 00–ff"
    );
    assert!(
        parse_hex_byte("0x100")
            .unwrap_err()
            .to_string()
            .contains("a byte is 00–ff")
    );
    assert_eq!(parse_hex_byte(" "), Err(ByteValueError::Empty));
    assert_eq!(parse_hex_byte("0x"), Err(ByteValueError::Empty));
    assert_eq!(
        parse_hex_byte("4g"),
        Err(ByteValueError::NotHex { text: "4g".into() })
    );
    assert!(parse_hex_byte("-1").is_err() && parse_hex_byte("+1").is_err());
}

// ----- Issue 10, item 16: Undo and Redo say what the data is now -----

/// Lesson 9's data steps (flip bit 0 of byte 10, restore the good copy), then Undo and Redo: each
/// sentence describes the data as it is after the step, not the step that was undone.
#[test]
fn undo_and_redo_describe_the_data_they_leave() {
    let mut h = History::new(b"Pay Alice 100 euros".to_vec(), 1).unwrap();
    h.apply(Corruption::FlipBit { byte: 10, bit: 0 }).unwrap();
    h.restore_good().unwrap();
    assert_eq!(
        h.undo_and_describe().unwrap(),
        "Undid “restore the good copy”. Now 1 byte differs from the good copy: byte 10 is 0x30 where the good copy has 0x31."
    );
    assert_eq!(h.data(), b"Pay Alice 000 euros");
    assert_eq!(
        h.redo_and_describe().unwrap(),
        "Redid “restore the good copy”. Now the data equals the good copy (all 19 bytes)."
    );
    h.undo().unwrap();
    assert_eq!(
        h.undo_and_describe().unwrap(),
        "Undid “flip bit 0 of byte 10”. Now the data equals the good copy (all 19 bytes)."
    );
    assert!(h.undo_and_describe().is_none(), "nothing left to undo");
    h.redo().unwrap();
    h.apply(Corruption::FlipBit { byte: 0, bit: 7 }).unwrap();
    h.apply(Corruption::Insert {
        offset: 3,
        value: 0x21,
    })
    .unwrap();
    assert_eq!(
        h.undo_and_describe().unwrap(),
        "Undid “insert byte 0x21 at offset 3”. Now 2 bytes differ from the good copy, the first at byte 0."
    );
    assert_eq!(
        h.redo_and_describe().unwrap(),
        "Redid “insert byte 0x21 at offset 3”. Now the data is 20 bytes and the good copy 19 bytes."
    );
}
