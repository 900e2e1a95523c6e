//! The editor's state: the current data, the "good" reference copy, and undo/redo.
//!
//! Every corruption, every whole replacement (text edited, file opened, random data generated) and
//! every "restore good copy" is one step. A step keeps an [`Edit`], not a copy: a bit flip keeps
//! nothing but its position, an overwrite keeps one byte, a deletion keeps the deleted bytes, and a
//! replacement keeps only what differs when that is smaller than the whole buffer.
//!
//! Memory cap: the current data plus everything the undo and redo steps keep stays within
//! [`MAX_HISTORY_BYTES`] (192 MiB), and there are at most [`MAX_STEPS`] steps. Buffers count by the
//! memory they occupy (their capacity), not by the bytes they hold, and are trimmed when they
//! occupy much more than they hold: a truncation to nothing keeps the removed 64 MiB in its step
//! and leaves an empty buffer behind, not a second 64 MiB allocation. With 64 MiB of data that
//! leaves room for two whole 64 MiB buffers in the steps. When a new step would go over, the oldest
//! undo steps are forgotten first (see [`History::forgotten_steps`]); the newest step is always
//! kept. Because applying an edit exchanges what it keeps with the data, undo and redo never raise
//! that total, so the cap only needs checking when a step is added. The good copy is one more
//! buffer on top, so everything together stays within 256 MiB ([`History::held_bytes`]).
//!
//! Whether the data equals the good copy is known at once, without comparing the buffers: the
//! history counts the bytes that differ and updates the count from the few bytes each same-length
//! edit touches. An undo or redo returns to a state its step remembers, so it takes that state's
//! count as long as the good copy is the same one; the buffers are compared again only after any
//! other change of length brings them back to the same length. Marking 64 MiB as good copies it a
//! slice at a time ([`History::continue_good_copy`]); until the copy is done the data has not
//! changed since it was marked, so the data itself is the good copy, and any change first finishes
//! the copy.

use std::collections::VecDeque;

use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;

use super::bytes;
use super::corrupt::{ChangeDescription, Corruption, restore_within};
use super::edit::{Edit, common_ends, fit};
use super::error::CorruptError;
use super::{MAX_DATA_LEN, bytes_label};

/// At most this many undo steps are kept; older ones are forgotten.
pub const MAX_STEPS: usize = 1000;

/// The current data plus the bytes kept by undo and redo steps stay within this (192 MiB);
/// older undo steps are forgotten to make room.
pub const MAX_HISTORY_BYTES: usize = 192 * 1024 * 1024;

/// One undoable step: what it did, its name, and the edit that reverses it (after an undo,
/// re-does it).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    description: ChangeDescription,
    /// The step's name for "Undid …", such as "flip bit 0 of byte 10" or "restore the good copy".
    title: String,
    edit: Edit,
    /// How the data will differ from the good copy once `edit` is applied: the state the step
    /// leads back (or forward) to, known while the good copy is the one it was then.
    across: Across,
}

/// How the data differed from the good copy on the other side of a step, and which good copy
/// that was ([`History::mark_good`] makes a new one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Across {
    differing: Option<Diff>,
    good: u64,
}

/// A good copy up to this size is copied at once by [`History::mark_good`].
pub const GOOD_COPY_SLICE: usize = 4 * 1024 * 1024;

/// The editor's data with a good reference copy and undo/redo.
#[derive(Clone)]
pub struct History {
    data: Vec<u8>,
    /// The good copy, or while `good_copied` is `Some`, the part of it copied so far.
    good: Vec<u8>,
    /// `Some(n)` while the good copy is being made: `n` bytes are copied and the data (unchanged
    /// since it was marked) stands for the good copy.
    good_copied: Option<usize>,
    /// How the data differs from the good copy; `None` when their lengths differ.
    differing: Option<Diff>,
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    rng: Pcg64Mcg,
    forgotten: usize,
    /// Counts the good copies made: an undo back to a state the step remembers, under the same
    /// good copy, knows how the data differs without comparing 64 MiB again.
    good_generation: u64,
}

/// How the data differs from a good copy of the same length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Diff {
    /// How many bytes differ.
    count: usize,
    /// Outside `lo..hi` the data equals the good copy.
    lo: usize,
    hi: usize,
}

impl Diff {
    /// The data equals the good copy.
    const SAME: Diff = Diff {
        count: 0,
        lo: 0,
        hi: 0,
    };

    /// After an edit that changed only `ranges`, where `before` bytes differed and now `after` do.
    fn update(self, ranges: &[(usize, usize)], before: usize, after: usize) -> Diff {
        let count = self.count.saturating_sub(before) + after;
        if count == 0 {
            return Diff::SAME;
        }
        let (mut lo, mut hi) = if self.lo < self.hi {
            (self.lo, self.hi)
        } else {
            (usize::MAX, 0)
        };
        for &(start, end) in ranges {
            lo = lo.min(start);
            hi = hi.max(end);
        }
        Diff {
            count,
            lo: lo.min(hi),
            hi,
        }
    }
}

impl PartialEq for History {
    fn eq(&self, other: &Self) -> bool {
        self.data == other.data
            && self.good() == other.good()
            && self.undo == other.undo
            && self.redo == other.redo
            && self.rng == other.rng
            && self.forgotten == other.forgotten
    }
}

impl Eq for History {}

impl std::fmt::Debug for History {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("History")
            .field("data_len", &self.data.len())
            .field("good_len", &self.good().len())
            .field("undo_steps", &self.undo.len())
            .field("redo_steps", &self.redo.len())
            .field("forgotten", &self.forgotten)
            .finish()
    }
}

impl History {
    /// Starts with `data`, which is also the good copy (made as [`History::mark_good`] makes
    /// one: large data a slice at a time); random flips draw from a generator seeded with `seed`.
    /// Fails when `data` is longer than [`MAX_DATA_LEN`].
    pub fn new(mut data: Vec<u8>, seed: u64) -> Result<History, CorruptError> {
        check_len(data.len())?;
        fit(&mut data);
        let mut history = History {
            good: Vec::new(),
            data,
            good_copied: None,
            differing: Some(Diff::SAME),
            undo: VecDeque::new(),
            redo: Vec::new(),
            rng: Pcg64Mcg::seed_from_u64(seed),
            forgotten: 0,
            good_generation: 0,
        };
        history.mark_good();
        Ok(history)
    }

    /// The current data.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The good reference copy (set by [`History::mark_good`]).
    pub fn good(&self) -> &[u8] {
        if self.good_copied.is_some() {
            &self.data
        } else {
            &self.good
        }
    }

    /// Whether the current data equals the good copy. Takes no time: the history keeps count.
    pub fn is_good(&self) -> bool {
        self.differing.is_some_and(|d| d.count == 0)
    }

    /// The first offset at which the data and the good copy differ (with lengths that differ and
    /// one the start of the other, the shorter length); `None` when they are the same. With equal
    /// lengths it looks only from where the history knows the first difference may be.
    pub fn first_difference(&self) -> Option<usize> {
        let from = match self.differing {
            Some(d) if d.count == 0 => return None,
            Some(d) => d.lo.min(self.data.len()),
            None => 0,
        };
        Some(bytes::next_difference(&self.data, self.good(), from))
    }

    /// How many bytes differ from the good copy, or `None` when the lengths differ. Takes no time.
    pub fn differing_bytes(&self) -> Option<usize> {
        self.differing.map(|d| d.count)
    }

    /// Applies a corruption as one undoable step and says what it changed. On error nothing
    /// changes (and the redo stack is kept).
    pub fn apply(&mut self, op: Corruption) -> Result<ChangeDescription, CorruptError> {
        self.finish_good_copy();
        let differing = self.differing;
        let mut applied = op.apply(&mut self.data, &mut self.rng)?;
        // The undo edit touches the same bytes the corruption changed: count them after the
        // change, undo it, count them before, and redo it.
        self.differing = match (differing, applied.undo.same_length_ranges()) {
            (Some(d), Some(ranges)) => {
                let after = self.count_in(&ranges);
                let undo = &mut applied.undo;
                let before = undo
                    .apply(&mut self.data)
                    .ok()
                    .map(|()| self.count_in(&ranges));
                match (before, undo.apply(&mut self.data)) {
                    (Some(before), Ok(())) => Some(d.update(&ranges, before, after)),
                    _ => self.compare_all(),
                }
            }
            _ => self.compare_all(),
        };
        self.push(
            applied.description.clone(),
            applied.op.summary(),
            applied.undo,
            differing,
        );
        Ok(applied.description)
    }

    /// Replaces the whole data (text edited, file opened, random data generated) as one undoable
    /// step; `label` names the cause, such as "opened photo.jpg". Replacing data with identical
    /// bytes adds no step. Fails when `data` is longer than [`MAX_DATA_LEN`].
    pub fn replace(
        &mut self,
        data: Vec<u8>,
        label: &str,
    ) -> Result<ChangeDescription, CorruptError> {
        check_len(data.len())?;
        let len_before = self.data.len();
        let len_after = data.len();
        let offset = self.data.iter().zip(&data).position(|(a, b)| a != b);
        let text = format!(
            "{label}: {} → {}",
            bytes_label(len_before),
            bytes_label(len_after)
        );
        let description = ChangeDescription {
            offset: offset.or(Some(len_before.min(len_after))),
            text,
            len_before,
            len_after,
        };
        self.finish_good_copy();
        let Some(mut edit) = Edit::between_owned(&self.data, data) else {
            return Ok(ChangeDescription {
                text: format!(
                    "{label}: the same {}, nothing changed",
                    bytes_label(len_after)
                ),
                offset: None,
                ..description
            });
        };
        let before = self.differing;
        self.apply_edit(&mut edit, None)?;
        self.push(description.clone(), label.to_string(), edit, before);
        Ok(description)
    }

    /// Takes back the latest step for good (it is not kept for redo), so that the next step can
    /// stand in for both: a burst of typing becomes one step. Returns whether there was one.
    pub fn take_back_latest(&mut self) -> bool {
        let Some(mut step) = self.undo.pop_back() else {
            return false;
        };
        if self
            .apply_edit(&mut step.edit, self.known(step.across))
            .is_err()
        {
            // Cannot happen while the data changes only through this type; start afresh rather
            // than panic.
            self.forget_all();
        }
        true
    }

    /// Makes the current data the good reference copy. Not an undoable step. Data up to
    /// [`GOOD_COPY_SLICE`] is copied at once; larger data a slice at a time by
    /// [`History::continue_good_copy`] (or all at once by the next change).
    pub fn mark_good(&mut self) {
        self.good_generation += 1;
        self.good.clear();
        // A smaller good copy does not keep the memory of a larger one.
        fit(&mut self.good);
        self.differing = Some(Diff::SAME);
        self.good.reserve_exact(self.data.len());
        if self.data.len() <= GOOD_COPY_SLICE {
            self.good.extend_from_slice(&self.data);
            self.good_copied = None;
        } else {
            self.good_copied = Some(0);
        }
    }

    /// Copies up to `max_bytes` more of a good copy being made, and returns whether some remains.
    pub fn continue_good_copy(&mut self, max_bytes: usize) -> bool {
        let Some(done) = self.good_copied else {
            return false;
        };
        let end = done.saturating_add(max_bytes).min(self.data.len());
        self.good.extend_from_slice(&self.data[done.min(end)..end]);
        if end >= self.data.len() {
            self.good_copied = None;
            false
        } else {
            self.good_copied = Some(end);
            true
        }
    }

    /// Whether a good copy is still being made (see [`History::continue_good_copy`]).
    pub fn good_copy_pending(&self) -> bool {
        self.good_copied.is_some()
    }

    fn finish_good_copy(&mut self) {
        self.continue_good_copy(usize::MAX);
    }

    /// Puts the good copy back, as one undoable step. Fails with [`CorruptError::AlreadyGood`]
    /// when the data already equals it.
    pub fn restore_good(&mut self) -> Result<ChangeDescription, CorruptError> {
        if self.is_good() {
            return Err(CorruptError::AlreadyGood);
        }
        self.finish_good_copy();
        // Only the part known to differ is compared.
        let before = self.differing;
        let known = before.map(|d| (d.lo, d.hi));
        let (description, edit) = restore_within(&mut self.data, &self.good, known)?;
        self.differing = Some(Diff::SAME);
        self.push(
            description.clone(),
            "restore the good copy".into(),
            edit,
            before,
        );
        Ok(description)
    }

    /// Undoes the latest step and returns its description (the step that was undone), or `None`
    /// when there is nothing to undo.
    pub fn undo(&mut self) -> Option<ChangeDescription> {
        let mut step = self.undo.pop_back()?;
        if self.cross(&mut step).is_err() {
            // Cannot happen while the data changes only through this type; start afresh rather
            // than panic.
            self.forget_all();
            return None;
        }
        let description = step.description.clone();
        self.redo.push(step);
        Some(description)
    }

    /// Re-applies the latest undone step and returns its description, or `None` when there is
    /// nothing to redo.
    pub fn redo(&mut self) -> Option<ChangeDescription> {
        let mut step = self.redo.pop()?;
        if self.cross(&mut step).is_err() {
            self.forget_all();
            return None;
        }
        let description = step.description.clone();
        self.undo.push_back(step);
        Some(description)
    }

    /// Undoes the latest step and says, for the learner, what was undone and what the data is now
    /// ("Undid “restore the good copy”. Now 1 byte differs from the good copy: …"); `None` when
    /// there is nothing to undo.
    pub fn undo_and_describe(&mut self) -> Option<String> {
        self.undo()?;
        let title = self
            .redo
            .last()
            .map(|s| s.title.as_str())
            .unwrap_or_default();
        Some(format!("Undid “{title}”. Now {}.", self.state_sentence()))
    }

    /// Redoes the latest undone step and says what was redone and what the data is now; `None`
    /// when there is nothing to redo.
    pub fn redo_and_describe(&mut self) -> Option<String> {
        self.redo()?;
        let title = self
            .undo
            .back()
            .map(|s| s.title.as_str())
            .unwrap_or_default();
        Some(format!("Redid “{title}”. Now {}.", self.state_sentence()))
    }

    /// The data as it is now next to the good copy, in words: "the data equals the good copy
    /// (all 19 bytes)", "1 byte differs from the good copy: byte 10 is 0x30 where the good copy
    /// has 0x31", "3 bytes differ from the good copy, the first at byte 4", or the two lengths.
    pub fn state_sentence(&self) -> String {
        let good = self.good();
        match self.differing {
            Some(d) if d.count == 0 => format!(
                "the data equals the good copy (all {})",
                bytes_label(self.data.len())
            ),
            Some(d) => {
                let first = self.first_difference().unwrap_or(0);
                match (self.data.get(first), good.get(first), d.count) {
                    (Some(now), Some(was), 1) => format!(
                        "1 byte differs from the good copy: byte {first} is 0x{now:02x} where the good copy has 0x{was:02x}"
                    ),
                    _ => format!(
                        "{} bytes differ from the good copy, the first at byte {first}",
                        d.count
                    ),
                }
            }
            None => format!(
                "the data is {} and the good copy {}",
                bytes_label(self.data.len()),
                bytes_label(good.len())
            ),
        }
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The descriptions of the undo steps, oldest first (the last one is undone next).
    pub fn undo_descriptions(&self) -> impl Iterator<Item = &ChangeDescription> {
        self.undo.iter().map(|s| &s.description)
    }

    /// The descriptions of the redo steps, the next to redo first.
    pub fn redo_descriptions(&self) -> impl Iterator<Item = &ChangeDescription> {
        self.redo.iter().rev().map(|s| &s.description)
    }

    /// How many old steps were forgotten to respect [`MAX_STEPS`] and [`MAX_HISTORY_BYTES`].
    pub fn forgotten_steps(&self) -> usize {
        self.forgotten
    }

    /// The memory occupied by what the undo and redo steps keep (not counting the data and the
    /// good copy).
    pub fn retained_bytes(&self) -> usize {
        self.undo
            .iter()
            .chain(self.redo.iter())
            .map(|s| s.edit.retained_bytes())
            .sum()
    }

    /// The memory occupied by the data, the good copy and what the steps keep: at most
    /// [`MAX_HISTORY_BYTES`] for the data and the steps, plus the good copy.
    pub fn held_bytes(&self) -> usize {
        self.data.capacity() + self.good.capacity() + self.retained_bytes()
    }

    /// Adds a step whose `edit` leads back to data that differed from the good copy as `before`.
    fn push(
        &mut self,
        description: ChangeDescription,
        title: String,
        mut edit: Edit,
        before: Option<Diff>,
    ) {
        self.redo.clear();
        fit(&mut self.data);
        edit.fit();
        let across = Across {
            differing: before,
            good: self.good_generation,
        };
        self.undo.push_back(Step {
            description,
            title,
            edit,
            across,
        });
        let mut total = self.data.capacity() + self.retained_bytes();
        while self.undo.len() > 1 && (self.undo.len() > MAX_STEPS || total > MAX_HISTORY_BYTES) {
            if let Some(old) = self.undo.pop_front() {
                total -= old.edit.retained_bytes();
                self.forgotten += 1;
            }
        }
    }

    /// How the data differs from the good copy across a step, if the step knows it: only under
    /// the good copy it was taken with.
    fn known(&self, across: Across) -> Option<Option<Diff>> {
        (across.good == self.good_generation).then_some(across.differing)
    }

    /// Undoes or redoes `step`, which then remembers the state it came from.
    fn cross(&mut self, step: &mut Step) -> Result<(), CorruptError> {
        let from = self.differing;
        self.apply_edit(&mut step.edit, self.known(step.across))?;
        step.across = Across {
            differing: from,
            good: self.good_generation,
        };
        Ok(())
    }

    /// Applies `edit` to the data, keeping the count of bytes that differ from the good copy:
    /// `known` when the caller knows it, else from the bytes the edit touches, or by comparing.
    fn apply_edit(
        &mut self,
        edit: &mut Edit,
        known: Option<Option<Diff>>,
    ) -> Result<(), CorruptError> {
        self.finish_good_copy();
        let ranges = match known {
            Some(_) => None,
            None => self.differing.and_then(|_| edit.same_length_ranges()),
        };
        let before = ranges.as_ref().map(|r| self.count_in(r));
        edit.apply(&mut self.data)?;
        fit(&mut self.data);
        edit.fit();
        self.differing = match (known, self.differing, ranges, before) {
            (Some(differing), ..) => differing,
            (None, Some(d), Some(r), Some(before)) => Some(d.update(&r, before, self.count_in(&r))),
            _ => self.compare_all(),
        };
        Ok(())
    }

    /// The differing bytes within `ranges` (same-length data and good copy).
    fn count_in(&self, ranges: &[(usize, usize)]) -> usize {
        ranges
            .iter()
            .map(
                |&(start, end)| match (self.data.get(start..end), self.good().get(start..end)) {
                    (Some(d), Some(g)) => bytes::count_differing(d, g),
                    _ => 0,
                },
            )
            .sum()
    }

    /// Compares the whole data with the good copy (only when their lengths are equal).
    fn compare_all(&self) -> Option<Diff> {
        let good = self.good();
        if self.data.len() != good.len() {
            return None;
        }
        let (lo, suffix) = common_ends(&self.data, good);
        let hi = self.data.len() - suffix;
        let count = bytes::count_differing(&self.data[lo..hi], &good[lo..hi]);
        Some(if count == 0 {
            Diff::SAME
        } else {
            Diff { count, lo, hi }
        })
    }

    fn forget_all(&mut self) {
        self.forgotten += self.undo.len() + self.redo.len();
        self.undo.clear();
        self.redo.clear();
    }
}

fn check_len(len: usize) -> Result<(), CorruptError> {
    if len > MAX_DATA_LEN {
        Err(CorruptError::TooLarge {
            len,
            max: MAX_DATA_LEN,
        })
    } else {
        Ok(())
    }
}
