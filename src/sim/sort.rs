//! One sort for the whole program. Each use of the standard library's sorts is compiled again for
//! its element type and comparison, 1–4 KB of WebAssembly each (37 KB for a dozen uses). These
//! helpers sort `(key, position)` pairs through one compiled sort, then move the elements to
//! match: a few hundred bytes per use.

/// Sorts `items` by `key`, smallest first. Equal keys keep their order (a stable sort), so the
/// result is exactly what `sort_by_key` gives.
pub fn by_key<T>(items: &mut [T], key: impl Fn(&T) -> u128) {
    // Nothing to move (and no allocation, on the simulation's hot paths).
    if items.len() < 2 {
        return;
    }
    debug_assert!(items.len() < u32::MAX as usize, "positions are u32");
    let mut pairs: Vec<(u128, u32)> = items
        .iter()
        .enumerate()
        .map(|(at, item)| (key(item), at as u32))
        .collect();
    sort_pairs(&mut pairs);
    let mut order: Vec<u32> = pairs.into_iter().map(|(_, at)| at).collect();
    permute(items, &mut order);
}

/// The one compiled sort. The positions make every pair distinct, so an unstable sort gives the
/// stable order.
#[inline(never)]
fn sort_pairs(pairs: &mut [(u128, u32)]) {
    pairs.sort_unstable();
}

/// Moves the element at `order[k]` to position `k`, for every `k`: each cycle of the permutation
/// is followed once, with swaps, and marked done on the way.
fn permute<T>(items: &mut [T], order: &mut [u32]) {
    const DONE: u32 = u32::MAX;
    for start in 0..items.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = order[at] as usize;
            order[at] = DONE;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// A key that orders floats as [`f64::total_cmp`] does (−NaN, −∞, …, −0, +0, …, +∞, NaN).
pub fn float_key(x: f64) -> u128 {
    let bits = x.to_bits() as i64;
    // total_cmp's trick: negative floats flip their magnitude bits, so larger means smaller.
    let ordered = bits ^ ((((bits >> 63) as u64) >> 1) as i64);
    u128::from((ordered as u64) ^ (1 << 63))
}

/// Two parts of a key, the first deciding: `pair(a, b)` orders like `(a, b)`.
pub fn pair(first: u64, second: u64) -> u128 {
    (u128::from(first) << 64) | u128::from(second)
}
