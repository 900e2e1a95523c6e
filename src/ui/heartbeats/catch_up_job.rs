//! What long work on the run is (a link replayed, a skip ahead, another node's history), as data
//! the state holds; the slices that do it are in `catch_up.rs`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::scenario::heartbeats_run::HeartbeatsRun;
use crate::sim::{NodeId, SimTime};

/// What the run is catching up on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CatchUpKind {
    /// A link, a saved session or an imported file replayed to the moment it was made at.
    Opening,
    /// A skip ahead (+1 s, +10 s).
    Skipping,
    /// The run replayed for another observer, to show what that node believed before.
    LookingThrough(NodeId),
}

/// Long work in progress on the run.
#[derive(Clone, Debug)]
pub struct CatchUp {
    /// What the work is.
    pub kind: CatchUpKind,
    /// Virtual time where it started.
    pub from: SimTime,
    /// Virtual time it runs to.
    pub to: SimTime,
    /// Virtual time it has reached.
    pub reached: SimTime,
    /// Slices done so far; the page shows the progress from the first slice that did not finish.
    pub slices: u32,
    /// Whether the run plays once the work is done (Play pressed before or during it).
    pub resume: bool,
    /// For [`CatchUpKind::LookingThrough`]: the replay being made, beside the run shown. Earlier
    /// copies of the page's state share it, so the finished replay is taken out (`None` after),
    /// not copied: copying 1,000 nodes' views held the main thread for 15 ms.
    pub(super) replay: Option<Rc<RefCell<Option<HeartbeatsRun>>>>,
}

impl CatchUp {
    /// How much of the work is done, from 0 to 1.
    pub fn fraction(&self) -> f64 {
        let total = self.to.since(self.from);
        if total == 0 {
            1.0
        } else {
            self.reached.since(self.from) as f64 / total as f64
        }
    }

    /// What the page says the work is.
    pub fn label(&self) -> String {
        match self.kind {
            CatchUpKind::Opening => "Replaying the run up to where it was saved:".into(),
            CatchUpKind::Skipping => "Skipping ahead:".into(),
            CatchUpKind::LookingThrough(node) => {
                format!("Replaying the run to show what {node} believed before:")
            }
        }
    }
}
