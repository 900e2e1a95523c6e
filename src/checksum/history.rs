//! The editor's state: the current data, the "good" reference copy, and undo/redo.
//!
//! Every corruption, every whole replacement (text edited, file opened, random data generated) and
//! every "restore good copy" is one step. A step keeps an [`Edit`], not a copy: a bit flip keeps
//! nothing but its position, an overwrite keeps one byte, a deletion keeps the deleted bytes, and a
//! replacement keeps only what differs when that is smaller than the whole buffer.
//!
//! Memory cap: the current data plus everything the undo and redo steps keep stays within
//! [`MAX_HISTORY_BYTES`] (192 MiB), and there are at most [`MAX_STEPS`] steps. With 64 MiB of data
//! that leaves room for two whole 64 MiB buffers in the steps. When a new step would go over, the
//! oldest undo steps are forgotten first (see [`History::forgotten_steps`]); the newest step is
//! always kept. Because applying an edit exchanges what it keeps with the data, undo and redo never
//! change that total, so the cap only needs checking when a step is added. The good copy is one
//! more buffer on top.

use std::collections::VecDeque;

use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;

use super::corrupt::{ChangeDescription, CorruptError, Corruption, restore};
use super::edit::Edit;
use super::{MAX_DATA_LEN, bytes_label};

/// At most this many undo steps are kept; older ones are forgotten.
pub const MAX_STEPS: usize = 1000;

/// The current data plus the bytes kept by undo and redo steps stay within this (192 MiB);
/// older undo steps are forgotten to make room.
pub const MAX_HISTORY_BYTES: usize = 192 * 1024 * 1024;

/// One undoable step: what it did and the edit that reverses it (after an undo, re-does it).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    description: ChangeDescription,
    edit: Edit,
}

/// The editor's data with a good reference copy and undo/redo.
#[derive(Clone, PartialEq, Eq)]
pub struct History {
    data: Vec<u8>,
    good: Vec<u8>,
    undo: VecDeque<Step>,
    redo: Vec<Step>,
    rng: Pcg64Mcg,
    forgotten: usize,
}

impl std::fmt::Debug for History {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("History")
            .field("data_len", &self.data.len())
            .field("good_len", &self.good.len())
            .field("undo_steps", &self.undo.len())
            .field("redo_steps", &self.redo.len())
            .field("forgotten", &self.forgotten)
            .finish()
    }
}

impl History {
    /// Starts with `data`, which is also the good copy; random flips draw from a generator seeded
    /// with `seed`. Fails when `data` is longer than [`MAX_DATA_LEN`].
    pub fn new(data: Vec<u8>, seed: u64) -> Result<History, CorruptError> {
        check_len(data.len())?;
        Ok(History {
            good: data.clone(),
            data,
            undo: VecDeque::new(),
            redo: Vec::new(),
            rng: Pcg64Mcg::seed_from_u64(seed),
            forgotten: 0,
        })
    }

    /// The current data.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The good reference copy (set by [`History::mark_good`]).
    pub fn good(&self) -> &[u8] {
        &self.good
    }

    /// Whether the current data equals the good copy.
    pub fn is_good(&self) -> bool {
        self.data == self.good
    }

    /// Applies a corruption as one undoable step and says what it changed. On error nothing
    /// changes (and the redo stack is kept).
    pub fn apply(&mut self, op: Corruption) -> Result<ChangeDescription, CorruptError> {
        let applied = op.apply(&mut self.data, &mut self.rng)?;
        self.push(applied.description.clone(), applied.undo);
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
        edit.apply(&mut self.data)?;
        self.push(description.clone(), edit);
        Ok(description)
    }

    /// Takes back the latest step for good (it is not kept for redo), so that the next step can
    /// stand in for both: a burst of typing becomes one step. Returns whether there was one.
    pub fn take_back_latest(&mut self) -> bool {
        let Some(mut step) = self.undo.pop_back() else {
            return false;
        };
        if step.edit.apply(&mut self.data).is_err() {
            // Cannot happen while the data changes only through this type; start afresh rather
            // than panic.
            self.forget_all();
        }
        true
    }

    /// Makes the current data the good reference copy. Not an undoable step.
    pub fn mark_good(&mut self) {
        self.good.clear();
        self.good.extend_from_slice(&self.data);
    }

    /// Puts the good copy back, as one undoable step. Fails with [`CorruptError::AlreadyGood`]
    /// when the data already equals it.
    pub fn restore_good(&mut self) -> Result<ChangeDescription, CorruptError> {
        let (description, edit) = restore(&mut self.data, &self.good)?;
        self.push(description.clone(), edit);
        Ok(description)
    }

    /// Undoes the latest step and returns its description (the step that was undone), or `None`
    /// when there is nothing to undo.
    pub fn undo(&mut self) -> Option<ChangeDescription> {
        let mut step = self.undo.pop_back()?;
        if step.edit.apply(&mut self.data).is_err() {
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
        if step.edit.apply(&mut self.data).is_err() {
            self.forget_all();
            return None;
        }
        let description = step.description.clone();
        self.undo.push_back(step);
        Some(description)
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

    /// The bytes held by the undo and redo steps (not counting the data and the good copy).
    pub fn retained_bytes(&self) -> usize {
        self.undo
            .iter()
            .chain(self.redo.iter())
            .map(|s| s.edit.retained_bytes())
            .sum()
    }

    fn push(&mut self, description: ChangeDescription, edit: Edit) {
        self.redo.clear();
        self.undo.push_back(Step { description, edit });
        let mut total = self.data.len() + self.retained_bytes();
        while self.undo.len() > 1 && (self.undo.len() > MAX_STEPS || total > MAX_HISTORY_BYTES) {
            if let Some(old) = self.undo.pop_front() {
                total -= old.edit.retained_bytes();
                self.forgotten += 1;
            }
        }
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
