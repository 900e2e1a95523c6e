//! The undo history's memory cap counts the bytes it really holds: buffers kept by undo steps are
//! counted (and trimmed) by what they occupy, not by how many bytes they hold. Measured with a
//! counting allocator, so this file holds a single test.
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use faultlab::checksum::{Corruption, History, MAX_HISTORY_BYTES};

/// Counts the bytes allocated and not yet freed by the whole test program.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on to the system allocator unchanged; only a count is kept.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is passed on.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is passed on.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract is passed on.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract is passed on.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_add(new_size, Ordering::Relaxed);
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MIB: usize = 1024 * 1024;

/// 25 cycles of (replace with 64 MiB, truncate to nothing): the data and the undo steps together
/// hold at most MAX_HISTORY_BYTES (plus the small good copy), measured as the allocator sees it
/// and as the history counts it. Undo still brings the kept data back.
#[test]
fn big_replacements_and_truncations_hold_no_more_than_the_cap() {
    let start = b"Pay Alice 100 euros".to_vec();
    let good_len = start.len();
    let before = LIVE.load(Ordering::Relaxed);
    let mut h = History::new(start, 1).unwrap();
    // The harness and the history's own bookkeeping: far less than this.
    let slack = MIB;
    let check = |h: &History, when: &str| {
        let live = LIVE.load(Ordering::Relaxed).saturating_sub(before);
        assert!(
            live <= MAX_HISTORY_BYTES + good_len + slack,
            "{when}: {} MiB really held, the cap is {} MiB",
            live / MIB,
            MAX_HISTORY_BYTES / MIB
        );
        let counted = h.held_bytes();
        assert!(
            counted <= MAX_HISTORY_BYTES + good_len,
            "{when}: the history counts {} MiB",
            counted / MIB
        );
        assert!(
            counted + slack >= live && live + slack >= counted,
            "{when}: the history counts {counted} bytes, the allocator sees {live}"
        );
    };
    for cycle in 0..25u8 {
        h.replace(vec![cycle; 64 * MIB], "generated 64 MiB")
            .unwrap();
        check(&h, &format!("cycle {cycle}, after the replacement"));
        h.apply(Corruption::Truncate { len: 0 }).unwrap();
        check(&h, &format!("cycle {cycle}, after the truncation"));
    }
    assert!(h.forgotten_steps() > 0, "old steps made room");
    h.undo().unwrap();
    assert_eq!(h.data().len(), 64 * MIB);
    assert!(
        h.data().iter().all(|b| *b == 24),
        "undo brings the last data back"
    );
    check(&h, "after an undo");
}
