//! A Checksums scenario being opened a slice at a time (see `opening`): the replay in progress,
//! the scenario, and what the progress line says.

use std::cell::RefCell;
use std::rc::Rc;

use crate::checksum::{bytes_label, thousands};
use crate::scenario::ChecksumsScenario;
use crate::scenario::checksum_replay::ChecksumReplay;

/// A scenario being opened: the replay, and the scenario itself (what a link, an export or the
/// saved session carries meanwhile).
#[derive(Clone)]
pub struct Opening {
    /// The replay, shared by the state's copies; taken out when it ends.
    pub(super) replay: Rc<RefCell<Option<ChecksumReplay>>>,
    /// The scenario being opened.
    pub scenario: Rc<ChecksumsScenario>,
    /// Slices done so far (each redraws the progress).
    pub slices: u32,
    /// Stop here was pressed while the starting data was being made: the opening stops as soon
    /// as it is made, with none of the steps.
    pub(super) stopping: bool,
}

impl Opening {
    /// What the progress line says, and the fraction done: first the starting data being made,
    /// then the steps replayed (with the data of a step that makes random data).
    pub(super) fn progress(&self) -> (String, f64) {
        let replay = self.replay.borrow();
        let Some(replay) = replay.as_ref() else {
            return (String::new(), 1.0);
        };
        let share = |(made, len): (usize, usize)| made as f64 / len.max(1) as f64;
        let making = replay.making();
        if !replay.start_made() {
            let (made, len) = making.unwrap_or((0, 0));
            let mut text = format!(
                "Making the starting data (random bytes): {} of {}",
                thousands(made),
                bytes_label(len)
            );
            if self.stopping {
                text.push_str("; stopping once it is made");
            }
            return (text, share((made, len)));
        }
        let (applied, steps) = replay.progress();
        let mut text = format!("Replayed {applied} of {steps} recorded steps");
        if let Some((made, len)) = making {
            text.push_str(&format!(
                "; making the next step's random data: {} of {}",
                thousands(made),
                bytes_label(len)
            ));
        }
        let fraction = (applied as f64 + making.map_or(0.0, share)) / steps.max(1) as f64;
        (text, fraction.clamp(0.0, 1.0))
    }
}
