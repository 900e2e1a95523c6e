//! The Heartbeats tab's state: the run (a pure [`HeartbeatsRun`] behind a shared cell), what the
//! learner has selected and typed, and the reducer that turns actions into calls on the run. Each
//! action's effect is classified once ([`Changed`]); the counters components compare are bumped
//! from that in one place.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

pub use super::action::{Action, Clock, ConfigEdit, LogFilter};
pub use super::catch_up_job::{CatchUp, CatchUpKind};
use crate::scenario::HeartbeatsScenario;
use crate::scenario::heartbeats_run::HeartbeatsRun;
pub use crate::scenario::heartbeats_run::plain;
use crate::scenario::sorted::SortedSet;
use crate::sim::journal::Journal;
use crate::sim::{Config, ConfigError, NodeId, Overload, SimTime, World};
pub use crate::ui::notice::Notice;

/// The speeds the learner can choose.
pub const SPEEDS: [f64; 10] = [0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 0.0];

/// The overload the Overload button applies.
pub const OVERLOAD: Overload = Overload {
    drop_pct: 70,
    extra_delay_ms: 800,
};

/// A shared handle on the run; equal when it is the same run at the same version, so components
/// re-render exactly when it changed.
#[derive(Clone)]
pub struct WorldRef {
    /// The run.
    pub run: Rc<RefCell<HeartbeatsRun>>,
    /// Bumped on every change.
    pub version: u64,
}

impl WorldRef {
    /// The world, to read.
    pub fn world(&self) -> Ref<'_, World> {
        Ref::map(self.run.borrow(), HeartbeatsRun::world)
    }
}

impl PartialEq for WorldRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.run, &other.run) && self.version == other.version
    }
}

/// The Heartbeats tab's whole state.
#[derive(Clone)]
pub struct HeartbeatsState {
    /// The run: world, journal, schedule and hand-over.
    pub run: Rc<RefCell<HeartbeatsRun>>,
    /// Bumped on every change of the run.
    pub version: u64,
    /// How many of those changes were animation frames (the rest are the learner's actions).
    pub ticks: u64,
    /// Whether virtual time runs.
    pub running: bool,
    /// Virtual seconds per real second.
    pub speed: f64,
    /// Virtual milliseconds owed from earlier frames (below one millisecond).
    pub(super) carry_ms: f64,
    /// Real milliseconds played since the session was last kept, so a reload during a long
    /// play loses at most the keep interval of it.
    pub(super) played_since_kept_ms: f64,
    /// The speed actually reached in the last frame, when it fell short of `speed`.
    pub lagging: Option<f64>,
    /// The node the action buttons act on.
    pub selected: Option<NodeId>,
    /// Whose view the page shows: the monitor, or a node in decentralized topologies.
    pub observer: NodeId,
    /// Whether the ground truth is revealed.
    pub show_truth: bool,
    /// The settings as the learner typed them (may be invalid).
    pub draft: Config,
    /// Why the draft is not in force, if it is not.
    pub config_error: Option<ConfigError>,
    /// A message after the last action.
    pub notice: Option<Notice>,
    /// Whether the partition tool is open.
    pub partition_tool: bool,
    /// Nodes the partition tool puts on side B (the rest, with the monitor, are side A).
    pub side_b: SortedSet<NodeId>,
    /// Event log filters.
    pub log_filter: LogFilter,
    /// The trace index highlighted in the log and on the timeline.
    pub highlight: Option<u64>,
    /// The slow-down factor the Slow button applies, in percent.
    pub slow_percent: u32,
    /// The pause length the Pause button applies, in ms.
    pub pause_ms: u64,
    /// Whether a lesson step's moment has been reached (the run stopped there).
    pub handed_over: bool,
    /// Bumped when what a share link would say changes (settings, faults, view options, a pause).
    pub scenario_revision: u64,
    /// Long work in progress on the run (a replay, a long skip), done in slices.
    pub catch_up: Option<CatchUp>,
    /// The wall clock that times slices of long work (passed in, so a test can pass its own).
    pub clock: Clock,
    /// Bumped on every reduce that changes anything, so two states compare in O(1).
    pub(super) revision: u64,
}

impl PartialEq for HeartbeatsState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.run, &other.run) && self.revision == other.revision
    }
}

impl HeartbeatsState {
    /// A paused run of `config` (the course's example when it is invalid).
    pub fn new(config: Config) -> HeartbeatsState {
        HeartbeatsState::from_scenario(&plain(config))
    }

    /// A paused run of a scenario on its way to its start, replayed in slices after the page's
    /// first screen, with its progress shown when it takes a while (the course's example when
    /// the scenario is invalid).
    pub fn from_scenario(scenario: &HeartbeatsScenario) -> HeartbeatsState {
        match HeartbeatsRun::begin(scenario) {
            Ok((mut run, start)) if start == SimTime(0) => {
                run.run_to(start);
                HeartbeatsState::from_run(run, scenario.show_truth)
            }
            Ok((run, start)) => {
                let mut state = HeartbeatsState::from_run(run, scenario.show_truth);
                state.start_catch_up(CatchUpKind::Opening, start, None, 0.0);
                state.running = false;
                state
            }
            Err(_) => HeartbeatsState::from_run(
                HeartbeatsRun::open(&plain(Config::default()))
                    .expect("the default settings are valid"),
                true,
            ),
        }
    }

    /// A paused page around `run`.
    pub fn from_run(run: HeartbeatsRun, show_truth: bool) -> HeartbeatsState {
        HeartbeatsState {
            observer: run.observer(),
            draft: run.world().config().clone(),
            run: Rc::new(RefCell::new(run)),
            version: 0,
            ticks: 0,
            running: false,
            speed: 1.0,
            carry_ms: 0.0,
            played_since_kept_ms: 0.0,
            lagging: None,
            selected: None,
            show_truth,
            config_error: None,
            notice: None,
            partition_tool: false,
            side_b: SortedSet::default(),
            log_filter: LogFilter::default(),
            highlight: None,
            slow_percent: 300,
            pause_ms: 8_000,
            handed_over: false,
            scenario_revision: 0,
            catch_up: None,
            clock: Clock(Rc::new(crate::ui::wall_clock::now_ms)),
            revision: 0,
        }
    }

    /// The world, to read.
    pub fn world(&self) -> Ref<'_, World> {
        Ref::map(self.run.borrow(), HeartbeatsRun::world)
    }

    /// The journal, to read.
    pub fn journal(&self) -> Ref<'_, Journal> {
        Ref::map(self.run.borrow(), HeartbeatsRun::journal)
    }

    /// A handle for panels whose figures change every frame, faster than anyone reads them: it
    /// changes with every action of the learner but only with every fourth frame, so those
    /// panels redraw a quarter as often while the run plays.
    pub fn slow_world_ref(&self) -> WorldRef {
        let actions = self.version - self.ticks;
        WorldRef {
            run: self.run.clone(),
            version: actions.wrapping_mul(1 << 32) ^ (self.ticks / 4),
        }
    }

    /// How many scheduled commands the world refused so far.
    pub fn refused_commands(&self) -> usize {
        self.run.borrow().refused_commands()
    }

    /// The handle components read the run through.
    pub fn world_ref(&self) -> WorldRef {
        WorldRef {
            run: self.run.clone(),
            version: self.version,
        }
    }

    /// The scenario that reproduces this run up to now (see [`HeartbeatsRun::scenario`]). While
    /// the run replays to a moment or skips ahead, it opens at the moment the work runs to, so a
    /// reload or a copied link part-way loses nothing.
    pub fn scenario(&self, start_at: SimTime) -> HeartbeatsScenario {
        let start_at = match &self.catch_up {
            Some(job) if !matches!(job.kind, CatchUpKind::LookingThrough(_)) => {
                start_at.max(job.to)
            }
            _ => start_at,
        };
        self.run.borrow().scenario(start_at, self.show_truth)
    }
}
