//! The learner's lesson progress, kept in the browser: which lessons are done, the step each was
//! left at and every prediction (see [`crate::scenario::lessons::progress::Progress`]). Progress
//! kept by an older version (only the done lessons, as "1,3,4") is read too.

use crate::scenario::lessons::progress::Progress;
use crate::ui::storage::{self, StorageProblem};

const KEY: &str = "lessons.progress";
const OLD_KEY: &str = "lessons.done";

/// The kept progress, and why part of it could not be read, if it could not.
pub fn load() -> (Progress, Option<String>) {
    let mut problem = None;
    let mut progress = match storage::load(KEY) {
        None => Progress::default(),
        Some(text) => Progress::from_json(&text).unwrap_or_else(|why| {
            problem = Some(format!(
                "Your saved lesson progress could not be read ({why}), so the lessons start afresh; it is replaced when you next answer."
            ));
            Progress::default()
        }),
    };
    if let Some(old) = storage::load(OLD_KEY) {
        progress
            .done
            .extend(old.split(',').filter_map(|n| n.trim().parse::<u8>().ok()));
    }
    (progress, problem)
}

/// Keeps the progress; says why not if it cannot.
pub fn save(progress: &Progress) -> Result<(), StorageProblem> {
    storage::save(KEY, &progress.to_json())?;
    storage::remove(OLD_KEY);
    Ok(())
}
