//! What each lesson's text claims about its scenario, as checks. A claim quotes the lesson's words
//! (a test makes sure it does) and checks them against the lesson played step by step with the
//! pure core, as the page plays it; `cargo test` checks every claim of every Heartbeats lesson on
//! a hundred seeds, so the text and the behaviour cannot drift apart. Checksums lessons are
//! deterministic (their random faults come from the store's own seeded generator), so one replay
//! checks them.

#[cfg(not(target_arch = "wasm32"))]
mod run;

#[cfg(not(target_arch = "wasm32"))]
pub use run::{LessonRun, SessionRun, check, declared_dead, transitions};

/// One claim a lesson's text makes, with its check. The checks run in `cargo test`, natively;
/// the page only needs the words, so the checks stay out of the WebAssembly build.
#[derive(Debug, Clone, Copy)]
pub struct Claim {
    /// The lesson's words this claim checks.
    pub says: &'static str,
    /// The check.
    #[cfg(not(target_arch = "wasm32"))]
    pub check: Check,
}

/// A claim: its words and, natively, its check.
macro_rules! claim {
    ($says:expr, $kind:ident($check:expr) $(,)?) => {
        Claim {
            says: $says,
            #[cfg(not(target_arch = "wasm32"))]
            check: Check::$kind($check),
        }
    };
}

/// How a claim is checked.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, Copy)]
pub enum Check {
    /// Against a Heartbeats lesson's run with some seed.
    Heartbeats(fn(&LessonRun) -> Result<(), String>),
    /// Against a Checksums lesson's sessions, step by step.
    Checksums(fn(&SessionRun) -> Result<(), String>),
}

/// Fails a check with a message unless the condition holds.
#[cfg(not(target_arch = "wasm32"))]
macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        let holds: bool = $cond;
        if !holds {
            return Err(format!($($msg)+));
        }
    };
}

mod checksums;
mod heartbeats;
mod swim;

pub use checksums::{CLAIMS_9, CLAIMS_10, CLAIMS_11, CLAIMS_12};
pub use heartbeats::{
    CLAIMS_1, CLAIMS_2, CLAIMS_3, CLAIMS_4, CLAIMS_5, CLAIMS_6, CLAIMS_7, CLAIMS_8,
};
pub use swim::{CLAIMS_13, CLAIMS_14};
