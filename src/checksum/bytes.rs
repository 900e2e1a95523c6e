//! Comparing large byte buffers quickly. WebAssembly's `memcmp` compares a byte at a time, so
//! comparing 64 MiB with `==` takes tens of milliseconds in a browser; these compare 32 bytes at a
//! time (four 8-byte words) and look at single bytes only where a block differs.

/// Bytes compared at once: four 8-byte words.
const BLOCK: usize = 32;

/// The 8-byte word of `s` at `i` (0 past the end). Always inlined: the release build optimises
/// for size and would otherwise call a function for every eight bytes.
#[inline(always)]
fn word(s: &[u8], i: usize) -> u64 {
    match s.get(i..i + 8).and_then(|w| <[u8; 8]>::try_from(w).ok()) {
        Some(w) => u64::from_ne_bytes(w),
        None => 0,
    }
}

/// Whether the `BLOCK` bytes of `a` and `b` at `i` are equal (both must hold them).
#[inline(always)]
fn block_equal(a: &[u8], b: &[u8], i: usize) -> bool {
    ((word(a, i) ^ word(b, i))
        | (word(a, i + 8) ^ word(b, i + 8))
        | (word(a, i + 16) ^ word(b, i + 16))
        | (word(a, i + 24) ^ word(b, i + 24)))
        == 0
}

/// How many leading bytes `a` and `b` have in common.
pub(crate) fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut i = 0;
    while i + BLOCK <= n && block_equal(a, b, i) {
        i += BLOCK;
    }
    i + a[i..]
        .iter()
        .zip(&b[i..])
        .take_while(|(x, y)| x == y)
        .count()
}

/// How many trailing bytes `a` and `b` have in common.
pub(crate) fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[a.len() - n..], &b[b.len() - n..]);
    // `end` is the length of the part not yet known to be common.
    let mut end = n;
    while end >= BLOCK && block_equal(a, b, end - BLOCK) {
        end -= BLOCK;
    }
    n - end
        + a[..end]
            .iter()
            .rev()
            .zip(b[..end].iter().rev())
            .take_while(|(x, y)| x == y)
            .count()
}

/// How many positions of `a` and `b` hold different bytes (over the shorter length).
pub(crate) fn count_differing(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut count = 0;
    let mut i = 0;
    while i + BLOCK <= n {
        if !block_equal(a, b, i) {
            count += a[i..i + BLOCK]
                .iter()
                .zip(&b[i..i + BLOCK])
                .filter(|(p, q)| p != q)
                .count();
        }
        i += BLOCK;
    }
    count + a[i..].iter().zip(&b[i..]).filter(|(p, q)| p != q).count()
}

/// The offset of the next position from `from` where `a` and `b` differ, or the shorter length.
pub(crate) fn next_difference(a: &[u8], b: &[u8], from: usize) -> usize {
    let n = a.len().min(b.len());
    if from >= n {
        return n;
    }
    from + common_prefix(&a[from..n], &b[from..n])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agree_with_the_byte_at_a_time_versions() {
        let a: Vec<u8> = (0..100u8).collect();
        for (i, j) in [
            (0, 0),
            (3, 7),
            (8, 8),
            (15, 16),
            (31, 32),
            (50, 99),
            (67, 68),
            (99, 99),
        ] {
            let mut b = a.clone();
            b[i] ^= 1;
            b[j] ^= 4;
            let diff: Vec<usize> = (0..100).filter(|&k| a[k] != b[k]).collect();
            assert_eq!(common_prefix(&a, &b), diff[0]);
            assert_eq!(common_suffix(&a, &b), 99 - diff[diff.len() - 1]);
            assert_eq!(count_differing(&a, &b), diff.len());
            assert_eq!(
                next_difference(&a, &b, diff[0] + 1),
                *diff.get(1).unwrap_or(&100)
            );
        }
        assert_eq!(common_prefix(&a, &a[..37]), 37);
        assert_eq!(common_suffix(&a[..37], &a), 0);
        assert_eq!(common_suffix(&a[60..], &a), 40);
        assert_eq!(next_difference(&a, &a, 200), 100);
    }
}
