//! What the learner (or the clock) can do on the Heartbeats tab, as the actions its reducer takes.

use std::rc::Rc;

use crate::scenario::HeartbeatsScenario;
use crate::scenario::lessons::Act;
use crate::sim::journal::LogKind;
use crate::sim::{Command, Config, NodeId};
use crate::ui::notice::Notice;

/// Filters of the event log.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LogFilter {
    /// Only events about this node.
    pub node: Option<NodeId>,
    /// Only events of this kind.
    pub kind: Option<LogKind>,
}

/// A change to some settings, such as "latency is now 50 ms".
#[derive(Clone)]
pub struct ConfigEdit(Rc<dyn Fn(&mut Config)>);

impl ConfigEdit {
    /// The change `edit` makes.
    pub fn new(edit: impl Fn(&mut Config) + 'static) -> ConfigEdit {
        ConfigEdit(Rc::new(edit))
    }

    /// Makes the change to `config`.
    pub fn apply(&self, config: &mut Config) {
        (self.0)(config)
    }
}

impl std::fmt::Debug for ConfigEdit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ConfigEdit")
    }
}

impl PartialEq for ConfigEdit {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// A wall clock in ms, passed to the reducer with each frame.
#[derive(Clone)]
pub struct Clock(pub Rc<dyn Fn() -> f64>);

impl Clock {
    /// The clock's time now, in ms.
    pub fn now(&self) -> f64 {
        (self.0)()
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Clock")
    }
}

impl PartialEq for Clock {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What the node buttons do to the selected node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeAct {
    /// Crash it.
    Crash,
    /// Restart it.
    Restart,
    /// Slow it down by the chosen factor.
    Slow,
    /// Pause it for the chosen length.
    Pause,
    /// Overload it.
    Overload,
    /// Cut it off.
    CutOff,
    /// Clear its slowness, pause and overload.
    Recover,
    /// Lose everything it sends to this node (or the monitor): one bad link, one way.
    CutTo(crate::sim::NodeId),
}

/// Everything the learner (or the clock) can do on the tab.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A frame: `real_ms` of real time passed.
    Tick {
        /// Real milliseconds since the last frame.
        real_ms: f64,
        /// The wall clock (ms) when the frame started, to keep within the frame budget.
        started_at: f64,
        /// The wall clock, read while the frame advances the run (passed in, so the reducer
        /// reads no clock of its own).
        clock: Clock,
    },
    /// Play or pause.
    SetRunning(bool),
    /// Play if paused, pause if playing.
    TogglePlay,
    /// Process exactly one event.
    Step,
    /// Jump ahead this many virtual milliseconds.
    Skip(u64),
    /// Choose a speed.
    SetSpeed(f64),
    /// Start the run again from time 0 with the same settings and seed.
    Reset,
    /// Start a new run with this seed.
    SetSeed(u64),
    /// Select a node (or none).
    Select(Option<NodeId>),
    /// Move the selection by this many nodes (arrow keys).
    SelectBy {
        /// The node the move starts from (the focused one); the selection when `None`.
        from: Option<NodeId>,
        /// How many nodes on, negative for back.
        delta: i32,
    },
    /// Show this observer's view.
    SetObserver(NodeId),
    /// Reveal or hide the ground truth.
    SetShowTruth(bool),
    /// Apply a command to the world.
    Command(Command),
    /// Do this to the selected node, with the Slow and Pause settings as they are when it runs.
    OnSelected(NodeAct),
    /// A setting changed by the learner, applied to the latest draft (not to the draft the
    /// panel last drew, which an edit made before the next redraw would undo).
    EditConfig(ConfigEdit),
    /// Apply a real system's preset.
    ApplyPreset(String),
    /// Open or close the partition tool.
    TogglePartitionTool,
    /// Move a node between side A and side B in the partition tool.
    ToggleSide(NodeId),
    /// Put the upper half of the nodes on side B.
    SplitInHalf,
    /// Apply the partition drawn with the tool.
    ApplyPartition,
    /// Filter the event log.
    SetLogFilter(LogFilter),
    /// Highlight one event in the log and on the timeline.
    Highlight(Option<u64>),
    /// Set the Slow button's factor (percent).
    SetSlowPercent(u32),
    /// Set the Pause button's length (ms).
    SetPauseMs(u64),
    /// Hide the notice.
    DismissNotice,
    /// Say something to the learner.
    Notify(Notice),
    /// Do one slice of the long work in progress.
    Work,
    /// Stop the long work in progress.
    CancelCatchUp,
    /// Replace the run with a scenario (a share link, an imported file, the defaults).
    Load(Box<HeartbeatsScenario>),
    /// Put a lesson's stage at the start of one of its steps, paused.
    OpenStep {
        /// The lesson's number.
        lesson: u8,
        /// The step, from 0.
        step: usize,
    },
    /// Do what a lesson step's button says, then play to the step's moment.
    BeginStep {
        /// What the button does.
        act: Act,
        /// The virtual time the step's moment comes at.
        until_ms: u64,
        /// The speed it plays at.
        speed: f64,
    },
}
