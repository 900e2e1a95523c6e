//! Which lessons the learner has marked done, kept in the browser.

use std::collections::BTreeSet;

use crate::ui::storage::{self, StorageProblem};

const KEY: &str = "lessons.done";

/// The lessons marked done.
pub fn load() -> BTreeSet<u8> {
    storage::load(KEY)
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_default()
}

/// Keeps the set; says why not if it cannot.
pub fn save(done: &BTreeSet<u8>) -> Result<(), StorageProblem> {
    let text = done.iter().map(u8::to_string).collect::<Vec<_>>().join(",");
    storage::save(KEY, &text)
}
