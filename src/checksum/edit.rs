//! Reversible edits of a byte buffer, the building block of undo and redo.
//!
//! An [`Edit`] holds only what it needs to change the data (a bit position, a few bytes, at worst a
//! whole buffer). Applying it exchanges what it holds with what the data held, so after
//! [`Edit::apply`] the same value is the inverse edit: apply it again and the data is back. Undo
//! and redo are therefore the same operation, and no step ever keeps two copies of anything.

use super::bytes;
use super::error::CorruptError;

/// Equal-length data whose differences cost less than this fraction of a whole copy are stored as
/// patches instead of a copy (bookkeeping per patch is counted as [`PATCH_OVERHEAD`] bytes).
const PATCH_OVERHEAD: usize = 32;

/// Two differing runs separated by fewer equal bytes than this are merged into one patch.
const PATCH_MERGE_GAP: usize = 16;

/// Targets at least this long whose changed middle is at least half of them are kept whole
/// (the buffer is moved, not copied).
const REPLACE_MIN_LEN: usize = 4096;

/// A buffer may occupy this much more than it holds before [`fit`] trims it: 4 KiB, plus an
/// eighth of what it holds (so trimming, which may copy, stays rare next to the work that grew it).
const SPARE_BYTES: usize = 4096;

/// Trims `buffer` to what it holds when it occupies much more (see [`SPARE_BYTES`]). An empty
/// buffer gives all its memory back.
pub(crate) fn fit(buffer: &mut Vec<u8>) {
    if buffer.capacity() - buffer.len() > SPARE_BYTES + buffer.len() / 8 {
        buffer.shrink_to_fit();
    }
}

/// A reversible change of a byte buffer. Build one with [`Edit::between`] or get one from a
/// corruption operation; [`Edit::apply`] performs it and turns it into its own inverse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit(Kind);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// Flip one bit: its own inverse.
    FlipBit { byte: usize, bit: u8 },
    /// Exchange two bytes: its own inverse.
    Swap { a: usize, b: usize },
    /// Exchange runs of bytes with the data at the same offsets; the length is unchanged.
    Patch { runs: Vec<(usize, Vec<u8>)> },
    /// Replace `remove` bytes at `offset` with `insert`; the inverse removes `insert.len()` and
    /// puts the removed bytes back.
    Splice {
        offset: usize,
        remove: usize,
        insert: Vec<u8>,
    },
    /// Exchange the whole buffer.
    Replace { data: Vec<u8> },
}

impl Edit {
    /// Flips bit `bit` (0 = least significant) of the byte at `byte`.
    pub(crate) fn flip_bit(byte: usize, bit: u8) -> Edit {
        Edit(Kind::FlipBit { byte, bit })
    }

    /// Exchanges the bytes at `a` and `b`.
    pub(crate) fn swap(a: usize, b: usize) -> Edit {
        Edit(Kind::Swap { a, b })
    }

    /// Puts `bytes` at `offset` (same length), keeping what was there.
    pub(crate) fn patch(offset: usize, bytes: Vec<u8>) -> Edit {
        Edit(Kind::Patch {
            runs: vec![(offset, bytes)],
        })
    }

    /// Removes `remove` bytes at `offset` and inserts `insert` there.
    pub(crate) fn splice(offset: usize, remove: usize, insert: Vec<u8>) -> Edit {
        Edit(Kind::Splice {
            offset,
            remove,
            insert,
        })
    }

    /// The cheapest edit that turns `current` into `target`, or `None` when they are equal.
    ///
    /// Equal lengths with scattered changes become patches of the differing runs; otherwise the
    /// changed middle (between the common prefix and suffix) is spliced; a mostly new, large
    /// target is kept whole.
    pub fn between(current: &[u8], target: &[u8]) -> Option<Edit> {
        Edit::between_with_ends(current, target, common_ends(current, target))
    }

    /// Like [`Edit::between`], with the [`common_ends`] of `current` and `target` already known.
    pub(crate) fn between_with_ends(
        current: &[u8],
        target: &[u8],
        ends: (usize, usize),
    ) -> Option<Edit> {
        Some(match plan(current, target, ends)? {
            Plan::Replace => Edit(Kind::Replace {
                data: target.to_vec(),
            }),
            other => other.materialize(target),
        })
    }

    /// Like [`Edit::between`], but takes ownership of `target` so that a whole replacement moves
    /// the buffer instead of copying it.
    pub fn between_owned(current: &[u8], target: Vec<u8>) -> Option<Edit> {
        Some(
            match plan(current, &target, common_ends(current, &target))? {
                Plan::Replace => Edit(Kind::Replace { data: target }),
                other => other.materialize(&target),
            },
        )
    }

    /// How many bytes of memory the data this edit keeps occupies (for the history's memory
    /// budget): what its buffers occupy, not only what they hold.
    pub fn retained_bytes(&self) -> usize {
        match &self.0 {
            Kind::FlipBit { .. } | Kind::Swap { .. } => 0,
            Kind::Patch { runs } => runs
                .iter()
                .map(|(_, b)| b.capacity() + PATCH_OVERHEAD)
                .sum(),
            Kind::Splice { insert, .. } => insert.capacity(),
            Kind::Replace { data } => data.capacity(),
        }
    }

    /// Trims the buffers this edit keeps to what they hold (see [`fit`]).
    pub(crate) fn fit(&mut self) {
        match &mut self.0 {
            Kind::FlipBit { .. } | Kind::Swap { .. } => {}
            Kind::Patch { runs } => runs.iter_mut().for_each(|(_, b)| fit(b)),
            Kind::Splice { insert, .. } => fit(insert),
            Kind::Replace { data } => fit(data),
        }
    }

    /// The disjoint `(start, end)` byte ranges this edit changes when it keeps the data's length
    /// (a bit flip, a swap, patches, a same-length splice), or `None` when it may change the
    /// length or replaces the whole buffer.
    pub(crate) fn same_length_ranges(&self) -> Option<Vec<(usize, usize)>> {
        match &self.0 {
            Kind::FlipBit { byte, .. } => Some(vec![(*byte, byte.saturating_add(1))]),
            Kind::Swap { a, b } if a == b => Some(vec![(*a, a.saturating_add(1))]),
            Kind::Swap { a, b } => Some(vec![(*a, a.saturating_add(1)), (*b, b.saturating_add(1))]),
            Kind::Patch { runs } => Some(
                runs.iter()
                    .map(|(offset, bytes)| (*offset, offset.saturating_add(bytes.len())))
                    .collect(),
            ),
            Kind::Splice {
                offset,
                remove,
                insert,
            } if *remove == insert.len() => Some(vec![(*offset, offset.saturating_add(*remove))]),
            Kind::Splice { .. } | Kind::Replace { .. } => None,
        }
    }

    /// Performs the edit on `data` and turns `self` into its inverse. Fails, leaving both
    /// untouched, when the edit does not fit the data (which cannot happen when the edit was made
    /// for this data).
    pub fn apply(&mut self, data: &mut Vec<u8>) -> Result<(), CorruptError> {
        let len = data.len();
        let stale = |offset: usize| CorruptError::StaleEdit { offset, len };
        match &mut self.0 {
            Kind::FlipBit { byte, bit } => {
                let b = data.get_mut(*byte).ok_or(stale(*byte))?;
                *b ^= 1u8.checked_shl(u32::from(*bit)).ok_or(stale(*byte))?;
            }
            Kind::Swap { a, b } => {
                if *a >= len || *b >= len {
                    return Err(stale((*a).max(*b)));
                }
                data.swap(*a, *b);
            }
            Kind::Patch { runs } => {
                for (offset, bytes) in runs.iter() {
                    if offset.checked_add(bytes.len()).is_none_or(|end| end > len) {
                        return Err(stale(*offset));
                    }
                }
                for (offset, bytes) in runs.iter_mut() {
                    data[*offset..*offset + bytes.len()].swap_with_slice(bytes);
                }
            }
            Kind::Splice {
                offset,
                remove,
                insert,
            } => {
                let end = offset
                    .checked_add(*remove)
                    .filter(|end| *end <= len)
                    .ok_or(stale(*offset))?;
                let inserted = std::mem::take(insert);
                let inserted_len = inserted.len();
                let removed: Vec<u8> = if *offset == 0 && end == len {
                    // Everything goes: the buffer itself is kept, not a copy beside an empty
                    // buffer as large as it (which `split_off(0)` would leave).
                    std::mem::replace(data, inserted)
                } else if end == len {
                    let tail = data.split_off(*offset);
                    data.reserve_exact(inserted_len);
                    data.extend_from_slice(&inserted);
                    tail
                } else {
                    // Grow by exactly what is inserted, not to twice the size.
                    data.reserve_exact(inserted_len.saturating_sub(*remove));
                    data.splice(*offset..end, inserted).collect()
                };
                *remove = inserted_len;
                *insert = removed;
            }
            Kind::Replace { data: other } => std::mem::swap(data, other),
        }
        Ok(())
    }
}

/// How [`Edit::between`] will store a change.
enum Plan {
    /// Patches of these `(start, end)` runs of the target.
    Patch(Vec<(usize, usize)>),
    /// Splice `old` bytes at `prefix` into the target's `new` bytes there.
    Splice {
        prefix: usize,
        old: usize,
        new: usize,
    },
    /// Keep the whole target.
    Replace,
}

impl Plan {
    /// The edit for a patch or splice plan, copying what it needs from `target`.
    fn materialize(self, target: &[u8]) -> Edit {
        match self {
            Plan::Patch(runs) => Edit(Kind::Patch {
                runs: runs
                    .into_iter()
                    .map(|(start, end)| (start, target[start..end].to_vec()))
                    .collect(),
            }),
            Plan::Splice { prefix, old, new } => {
                Edit::splice(prefix, old, target[prefix..prefix + new].to_vec())
            }
            Plan::Replace => Edit(Kind::Replace {
                data: target.to_vec(),
            }),
        }
    }
}

/// How many bytes `current` and `target` have in common at the start and, after that, at the end
/// (the two never overlap).
pub(crate) fn common_ends(current: &[u8], target: &[u8]) -> (usize, usize) {
    let prefix = bytes::common_prefix(current, target);
    let room = current.len().min(target.len()) - prefix;
    let suffix = bytes::common_suffix(&current[prefix..], &target[prefix..]).min(room);
    (prefix, suffix)
}

/// Decides how to store the change from `current` to `target`, given their [`common_ends`];
/// `None` when they are equal.
fn plan(current: &[u8], target: &[u8], (prefix, suffix): (usize, usize)) -> Option<Plan> {
    if current.len() == target.len() && prefix + suffix >= current.len() {
        return None;
    }
    let new = target.len() - prefix - suffix;
    let old = current.len() - prefix - suffix;
    if current.len() == target.len() {
        if let Some(runs) = diff_runs(
            &current[prefix..prefix + old],
            &target[prefix..prefix + new],
            old,
        ) {
            return Some(Plan::Patch(
                runs.into_iter()
                    .map(|(start, end)| (prefix + start, prefix + end))
                    .collect(),
            ));
        }
    }
    if target.len() >= REPLACE_MIN_LEN && new.saturating_mul(2) >= target.len() {
        return Some(Plan::Replace);
    }
    Some(Plan::Splice { prefix, old, new })
}

/// The runs `(start, end)` where equal-length `a` and `b` differ (runs closer than
/// [`PATCH_MERGE_GAP`] merged), or `None` as soon as storing them would cost `budget` bytes or more.
fn diff_runs(a: &[u8], b: &[u8], budget: usize) -> Option<Vec<(usize, usize)>> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut cost = 0usize;
    let mut i = 0;
    loop {
        i = bytes::next_difference(a, b, i);
        if i >= a.len() {
            break;
        }
        let start = i;
        while i < a.len() && a[i] != b[i] {
            i += 1;
        }
        match runs.last_mut() {
            Some(last) if start - last.1 < PATCH_MERGE_GAP => {
                cost += i - last.1;
                last.1 = i;
            }
            _ => {
                cost += i - start + PATCH_OVERHEAD;
                runs.push((start, i));
            }
        }
        if cost >= budget {
            return None;
        }
    }
    Some(runs)
}
