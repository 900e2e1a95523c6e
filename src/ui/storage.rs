//! The learner's work kept in the browser (localStorage). Storage can be missing (private modes,
//! sandboxed frames) or full; every failure comes back as a message to show, never a panic, and
//! the page keeps working without it.

/// The key prefix of everything Faultlab keeps.
const PREFIX: &str = "faultlab.";

/// Why something could not be kept or read back.
#[derive(Clone, Debug, PartialEq)]
pub enum StorageProblem {
    /// The browser gives this page no storage.
    Unavailable,
    /// Storage refused the write (usually: full).
    Refused,
}

impl StorageProblem {
    /// A sentence for the learner.
    pub fn message(&self) -> &'static str {
        match self {
            StorageProblem::Unavailable => {
                "This browser gives the page no storage (a private window or a locked-down frame), so your work will not be kept after a reload. Everything else works."
            }
            StorageProblem::Refused => {
                "Your browser's storage is full (or refused the write), so your latest work will not be kept after a reload. Everything else works; Export saves a copy as a file."
            }
        }
    }
}

fn storage() -> Result<web_sys::Storage, StorageProblem> {
    // Even asking for localStorage can throw in a sandboxed frame, so every step is checked.
    web_sys::window()
        .ok_or(StorageProblem::Unavailable)?
        .local_storage()
        .ok()
        .flatten()
        .ok_or(StorageProblem::Unavailable)
}

/// Whether the browser gives the page storage at all.
pub fn available() -> bool {
    storage().is_ok()
}

/// Keeps `value` under `key`.
pub fn save(key: &str, value: &str) -> Result<(), StorageProblem> {
    storage()?
        .set_item(&format!("{PREFIX}{key}"), value)
        .map_err(|_| StorageProblem::Refused)
}

/// What was kept under `key`, if anything.
pub fn load(key: &str) -> Option<String> {
    storage()
        .ok()?
        .get_item(&format!("{PREFIX}{key}"))
        .ok()
        .flatten()
}

/// Forgets `key`.
pub fn remove(key: &str) {
    if let Ok(s) = storage() {
        let _ = s.remove_item(&format!("{PREFIX}{key}"));
    }
}
