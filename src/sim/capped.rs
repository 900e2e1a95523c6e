//! A history that keeps only its newest entries and counts the ones it let go, so a run that goes
//! on for hours holds a bounded amount of memory and the page can say how much it no longer shows.

use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// How many entries each per-event history of a run keeps.
pub const MAX_HISTORY: usize = 10_000;

/// The newest [`MAX_HISTORY`] entries of a history, oldest first, and how many older ones were
/// dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capped<T> {
    entries: VecDeque<T>,
    dropped: u64,
}

impl<T> Default for Capped<T> {
    fn default() -> Self {
        Capped {
            entries: VecDeque::new(),
            dropped: 0,
        }
    }
}

impl<T> Capped<T> {
    /// Adds the newest entry, dropping the oldest when full.
    pub fn push(&mut self, entry: T) {
        if self.entries.len() == MAX_HISTORY {
            self.entries.pop_front();
            self.dropped += 1;
        }
        self.entries.push_back(entry);
    }

    /// How many older entries were dropped to make room.
    pub fn dropped(&self) -> u64 {
        self.dropped
    }

    /// How many entries are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is kept.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The kept entries, oldest first.
    pub fn iter(&self) -> std::collections::vec_deque::Iter<'_, T> {
        self.entries.iter()
    }

    /// The kept entries, oldest first, to change in place.
    pub fn iter_mut(&mut self) -> std::collections::vec_deque::IterMut<'_, T> {
        self.entries.iter_mut()
    }

    /// The newest entry.
    pub fn back(&self) -> Option<&T> {
        self.entries.back()
    }

    /// The newest entry, to change in place.
    pub fn back_mut(&mut self) -> Option<&mut T> {
        self.entries.back_mut()
    }
}

impl<T> std::ops::Index<usize> for Capped<T> {
    type Output = T;
    /// The `i`-th kept entry, oldest first.
    fn index(&self, i: usize) -> &T {
        &self.entries[i]
    }
}

impl<'a, T> IntoIterator for &'a Capped<T> {
    type Item = &'a T;
    type IntoIter = std::collections::vec_deque::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter()
    }
}
