//! The Heartbeats tab's state: the world, what the learner has selected and typed, and the
//! reducer that turns actions into changes. The world is large, so it lives behind a shared cell
//! and each change bumps `version`, which is what components compare.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::scenario::replay::JournalOptions;
use crate::scenario::{HeartbeatsScenario, Replayer, TimedCommand};
use crate::sim::journal::{Journal, LogKind};
use crate::sim::{
    Command, CommandError, Config, ConfigError, NodeId, Overload, PRESETS, Partition, SimTime,
    World,
};

/// Virtual time the journal keeps (and the timeline shows), at least.
const MIN_WINDOW_MS: u64 = 30_000;
/// Trace events kept between two frames; enough for 1,000 gossiping nodes at 100×.
const TRACE_CAPACITY: usize = 60_000;
/// Log lines kept.
const LOG_CAP: usize = 400;
/// While the run plays, the session is kept (address and storage) this often, in real ms.
const KEEP_WHILE_PLAYING_MS: f64 = 2_000.0;
/// The fewest nodes the playground runs (the core runs a single node, which teaches nothing).
const MIN_NODES: u32 = 3;
/// The most nodes the playground runs.
const MAX_NODES: u32 = crate::sim::MAX_NODES;
/// The longest replay (in simulation steps, about half a second) the page runs to show another
/// observer's history.
const REBUILD_MAX_STEPS: f64 = 2_000_000.0;
/// The longest real time one frame may spend advancing the simulation, in ms.
const FRAME_BUDGET_MS: f64 = 10.0;
/// Real time longer than this between two frames (a hidden tab) is not caught up.
const MAX_FRAME_GAP_MS: f64 = 250.0;

/// The speeds the learner can choose.
pub const SPEEDS: [f64; 10] = [0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 0.0];

/// A shared handle on the world; equal when it is the same world at the same version, so
/// components re-render exactly when it changed.
#[derive(Clone)]
pub struct WorldRef {
    /// The world.
    pub world: Rc<RefCell<World>>,
    /// Bumped on every change.
    pub version: u64,
}

impl PartialEq for WorldRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.world, &other.world) && self.version == other.version
    }
}

pub use crate::ui::notice::Notice;

/// Filters of the event log.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LogFilter {
    /// Only events about this node.
    pub node: Option<NodeId>,
    /// Only events of this kind.
    pub kind: Option<LogKind>,
}

/// The Heartbeats tab's whole state.
#[derive(Clone)]
pub struct HbState {
    /// The simulation.
    pub world: Rc<RefCell<World>>,
    /// What recently happened, as the chosen observer saw it.
    pub journal: Rc<RefCell<Journal>>,
    /// Bumped on every change of the world or journal.
    pub version: u64,
    /// How many of those changes were animation frames (the rest are the learner's actions).
    pub ticks: u64,
    /// Whether virtual time runs.
    pub running: bool,
    /// Virtual seconds per real second.
    pub speed: f64,
    /// Virtual milliseconds owed from earlier frames (below one millisecond).
    carry_ms: f64,
    /// Real milliseconds played since the session was last kept, so a reload during a long
    /// play loses at most [`KEEP_WHILE_PLAYING_MS`] of it.
    played_since_kept_ms: f64,
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
    pub side_b: BTreeSet<NodeId>,
    /// Event log filters.
    pub log_filter: LogFilter,
    /// The trace index highlighted in the log and on the timeline.
    pub highlight: Option<u64>,
    /// The slow-down factor the Slow button applies, in percent.
    pub slow_percent: u32,
    /// The pause length the Pause button applies, in ms.
    pub pause_ms: u64,
    /// The settings this run started from (for share links: the run replays from them).
    pub initial_config: Config,
    /// The scheduled faults of a scenario or lesson, applied as virtual time passes.
    pub schedule: Vec<TimedCommand>,
    /// Applies `schedule` as the world advances.
    replayer: Replayer,
    /// A lesson plays by itself until this time, then pauses and hands over.
    pub pause_at: Option<SimTime>,
    /// Whether the lesson's pause has been reached.
    pub handed_over: bool,
    /// Bumped when what a share link would say changes (settings, faults, view options, a pause).
    pub scenario_revision: u64,
    /// Bumped on every reduce that changes anything, so two states compare in O(1).
    revision: u64,
}

impl PartialEq for HbState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.world, &other.world) && self.revision == other.revision
    }
}

/// A change to some settings, such as "latency is now 50 ms".
#[derive(Clone)]
pub struct ConfigEdit(Rc<dyn Fn(&mut Config)>);

impl ConfigEdit {
    /// The change `edit` makes.
    pub fn new(edit: impl Fn(&mut Config) + 'static) -> ConfigEdit {
        ConfigEdit(Rc::new(edit))
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

/// Everything the learner (or the clock) can do on the tab.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A frame: `real_ms` of real time passed.
    Tick {
        /// Real milliseconds since the last frame.
        real_ms: f64,
        /// `performance.now()` when the frame started, to keep within the frame budget.
        started_at: f64,
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
    /// Replace the run with a scenario (a share link, an imported file, a lesson), playing by
    /// itself until `autoplay_until` if given.
    Load(Box<HeartbeatsScenario>, Option<u64>),
}

/// `performance.now()`, or 0 where there is no window.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

fn window_for(config: &Config) -> u64 {
    (config.interval_ms * 8)
        .max(config.detection.fixed.timeout_ms * 3)
        .clamp(MIN_WINDOW_MS, 30 * 60_000)
}

/// The page's journal settings for `observer`, keeping `window_ms` of virtual time.
fn journal_options(observer: NodeId, window_ms: u64) -> JournalOptions {
    JournalOptions {
        observer,
        window_ms,
        log_cap: LOG_CAP,
        trace_capacity: TRACE_CAPACITY,
    }
}

/// A world for the scenario, at its start time, with the replayer that carries on its schedule,
/// and a journal of the whole replay seen by `observer` (the default observer when that one has
/// no view).
fn new_world(scenario: &HeartbeatsScenario) -> Result<(World, Replayer, Journal), ConfigError> {
    crate::scenario::replay::start_with_journal(
        scenario,
        journal_options(
            crate::sim::NodeId(scenario.observer),
            window_for(&scenario.config),
        ),
    )
}

/// The plain scenario of a config: no faults, from time 0.
pub fn plain(config: Config) -> HeartbeatsScenario {
    HeartbeatsScenario {
        config,
        schedule: Vec::new(),
        start_at_ms: 0,
        show_truth: true,
        observer: 0,
    }
}

impl HbState {
    /// A paused run of `config` (the course's example when it is invalid).
    pub fn new(config: Config) -> HbState {
        HbState::from_scenario(&plain(config))
    }

    /// A paused run of a scenario, moved to its start (the course's example when it is invalid).
    pub fn from_scenario(scenario: &HeartbeatsScenario) -> HbState {
        let (world, replayer, journal, scenario) = match new_world(scenario) {
            Ok((w, r, j)) => (w, r, j, scenario.clone()),
            Err(_) => {
                let fallback = plain(Config::default());
                let (w, r, j) = new_world(&fallback).expect("the default settings are valid");
                (w, r, j, fallback)
            }
        };
        let observer = journal.observer();
        let draft = world.config().clone();
        HbState {
            world: Rc::new(RefCell::new(world)),
            journal: Rc::new(RefCell::new(journal)),
            version: 0,
            ticks: 0,
            running: false,
            speed: 1.0,
            carry_ms: 0.0,
            played_since_kept_ms: 0.0,
            lagging: None,
            selected: None,
            observer,
            show_truth: scenario.show_truth,
            draft,
            config_error: None,
            notice: None,
            partition_tool: false,
            side_b: BTreeSet::new(),
            log_filter: LogFilter::default(),
            highlight: None,
            slow_percent: 300,
            pause_ms: 8_000,
            initial_config: scenario.config.clone(),
            schedule: scenario.schedule.clone(),
            replayer,
            pause_at: None,
            handed_over: false,
            scenario_revision: 0,
            revision: 0,
        }
    }

    /// A handle for panels whose figures change every frame, faster than anyone reads them: it
    /// changes with every action of the learner but only with every fourth frame, so those
    /// panels redraw a quarter as often while the run plays.
    pub fn slow_world_ref(&self) -> WorldRef {
        let actions = self.version - self.ticks;
        WorldRef {
            world: self.world.clone(),
            version: actions.wrapping_mul(1 << 32) ^ (self.ticks / 4),
        }
    }

    /// How many scheduled commands the world refused so far (a hand-made link may ask for, say,
    /// restarting a node that is up).
    pub fn refused_commands(&self) -> usize {
        self.replayer.refused()
    }

    /// The handle components read the world through.
    pub fn world_ref(&self) -> WorldRef {
        WorldRef {
            world: self.world.clone(),
            version: self.version,
        }
    }

    /// The scenario that reproduces this run up to now: its starting settings, every command
    /// applied so far at its time, the rest of a lesson's schedule, and the view options; opening
    /// it moves the run to `start_at`.
    pub fn scenario(&self, start_at: SimTime) -> HeartbeatsScenario {
        let world = self.world.borrow();
        let mut schedule: Vec<TimedCommand> = world
            .commands()
            .iter()
            .map(|(at, command)| TimedCommand {
                at_ms: at.ms(),
                command: command.clone(),
            })
            .collect();
        schedule.extend(self.replayer.remaining().iter().cloned());
        HeartbeatsScenario {
            config: self.initial_config.clone(),
            schedule,
            start_at_ms: start_at.ms(),
            show_truth: self.show_truth,
            observer: self.observer.0,
        }
    }

    /// Runs the world to `t` with the lesson's schedule, the journal reading the trace after
    /// every scheduled command (so a partition is drawn from the moment it happened) and often
    /// enough to miss nothing.
    fn run_to(replayer: &mut Replayer, journal: &RefCell<Journal>, world: &mut World, t: SimTime) {
        replayer.run_until_journaled(world, t, &mut journal.borrow_mut(), TRACE_CAPACITY);
    }

    /// This run's journal as `observer` saw it. The run is replayed for it (the same scenario
    /// gives the same run), so the log and timeline show what that node believed before the
    /// switch; a run too long to replay at once gets a journal that starts now, and says so.
    fn journal_for(&mut self, observer: NodeId) -> Journal {
        // Events still due at this millisecond (left by Step) happen first, as they do when a
        // link to this moment is replayed, so the replay below is this very run.
        {
            let mut world = self.world.borrow_mut();
            let now = world.now();
            HbState::run_to(&mut self.replayer, &self.journal, &mut world, now);
        }
        let world = self.world.borrow();
        let window_ms = self.journal.borrow().window_ms();
        let mut scenario = self.scenario(world.now());
        scenario.observer = observer.0;
        let why_not =
            if crate::scenario::model::estimated_replay_steps(&scenario) > REBUILD_MAX_STEPS {
                "replaying this long a run to show what it saw before would take too long"
            } else {
                match crate::scenario::replay::start_with_journal(
                    &scenario,
                    journal_options(observer, window_ms),
                ) {
                    Ok((again, _, journal))
                        if again.trace().fingerprint() == world.trace().fingerprint() =>
                    {
                        return journal;
                    }
                    _ => "this run could not be replayed to show what it saw before",
                }
            };
        self.notice = Some(Notice {
            text: format!("The log and timeline of {observer} start now: {why_not}."),
            error: false,
        });
        Journal::new(&world, observer, window_ms, LOG_CAP)
    }

    fn changed(&mut self) {
        self.journal.borrow_mut().ingest(&self.world.borrow());
        self.version += 1;
    }

    /// Replaces the run with a fresh one from `config` and the planned schedule (a lesson's
    /// faults; the learner's own live actions are not replayed), keeping the learner's view
    /// options. The schedule's setting changes are left out: `config` is what the learner chose.
    fn restart_with(&mut self, config: Config, notice: Option<String>) -> Result<(), ConfigError> {
        let scenario = HeartbeatsScenario {
            config: config.clone(),
            schedule: self
                .schedule
                .iter()
                .filter(|c| !matches!(c.command, Command::Configure(_)))
                .cloned()
                .collect(),
            start_at_ms: 0,
            show_truth: self.show_truth,
            observer: self.observer.0,
        };
        let (world, replayer, journal) = new_world(&scenario)?;
        self.initial_config = config;
        self.replayer = replayer;
        self.pause_at = None;
        self.scenario_revision += 1;
        self.observer = journal.observer();
        self.draft = world.config().clone();
        self.world = Rc::new(RefCell::new(world));
        self.journal = Rc::new(RefCell::new(journal));
        self.config_error = None;
        self.carry_ms = 0.0;
        self.lagging = None;
        self.highlight = None;
        let n = self.draft.nodes;
        self.selected = self.selected.filter(|s| s.0 <= n);
        self.side_b.retain(|s| s.0 <= n);
        self.notice = notice.map(|text| Notice { text, error: false });
        self.version += 1;
        Ok(())
    }

    fn tick(&mut self, real_ms: f64, started_at: f64) {
        let real_ms = real_ms.clamp(0.0, MAX_FRAME_GAP_MS);
        let wanted = real_ms * self.speed + self.carry_ms;
        let whole = wanted.floor() as u64;
        self.carry_ms = wanted - whole as f64;
        if whole == 0 {
            return;
        }
        // Advance in slices and stop when the frame's budget is spent: the page stays responsive
        // and the run simply goes slower than asked (the page says so).
        let slice = (whole / 8).max(1);
        let mut done = 0;
        {
            let mut world = self.world.borrow_mut();
            while done < whole {
                let mut step = slice.min(whole - done);
                // A lesson stops exactly at its hand-over time.
                if let Some(p) = self.pause_at {
                    step = step.min(p.since(world.now()));
                }
                let t = world.now().plus(step);
                HbState::run_to(&mut self.replayer, &self.journal, &mut world, t);
                done += step;
                if self.pause_at.is_some_and(|p| world.now() >= p) {
                    self.pause_at = None;
                    self.running = false;
                    self.handed_over = true;
                    self.scenario_revision += 1;
                    break;
                }
                if now_ms() - started_at > FRAME_BUDGET_MS {
                    break;
                }
            }
        }
        self.ticks += 1;
        self.played_since_kept_ms += real_ms;
        if self.played_since_kept_ms >= KEEP_WHILE_PLAYING_MS {
            self.played_since_kept_ms = 0.0;
            self.scenario_revision += 1;
        }
        self.lagging = (done < whole && real_ms > 0.0).then(|| done as f64 / real_ms);
        if done < whole {
            self.carry_ms = 0.0;
        }
        self.changed();
    }

    fn apply_config(&mut self, config: Config) {
        self.draft = config.clone();
        if !(MIN_NODES..=MAX_NODES).contains(&config.nodes) {
            self.config_error = Some(ConfigError {
                field: crate::sim::Field::Nodes,
                message: format!(
                    "the playground needs {MIN_NODES} to {MAX_NODES} nodes, not {}",
                    config.nodes
                ),
            });
            self.version += 1;
            return;
        }
        if let Err(e) = config.validate() {
            self.config_error = Some(e);
            self.version += 1;
            return;
        }
        let result = self.apply_now(Command::Configure(config.clone()));
        match result {
            Ok(()) => {
                self.config_error = None;
                self.notice = None;
                self.scenario_revision += 1;
                self.changed();
            }
            Err(CommandError::NeedsReset(field)) => {
                let text = format!(
                    "New run: {} changed, so the cluster started again from 0 s.",
                    field.label()
                );
                if let Err(e) = self.restart_with(config, Some(text)) {
                    self.config_error = Some(e);
                }
            }
            Err(CommandError::Config(e)) => {
                self.config_error = Some(e);
                self.version += 1;
            }
            Err(e) => {
                self.notice = Some(Notice {
                    text: e.to_string(),
                    error: true,
                });
                self.version += 1;
            }
        }
    }

    /// Applies a live command at the current time. Events still due at this very millisecond
    /// (left by Step) happen first, as they do when a share link replays the command, so the
    /// replay is the same run.
    fn apply_now(&mut self, command: Command) -> Result<(), CommandError> {
        let mut world = self.world.borrow_mut();
        let now = world.now();
        HbState::run_to(&mut self.replayer, &self.journal, &mut world, now);
        world.apply(command)
    }

    fn command(&mut self, command: Command) {
        let text = command.describe();
        let result = self.apply_now(command);
        match result {
            Ok(()) => {
                self.notice = None;
                self.scenario_revision += 1;
                self.changed();
            }
            Err(e) => {
                self.notice = Some(Notice {
                    text: format!("Could not {text}: {e}."),
                    error: true,
                });
                self.version += 1;
            }
        }
    }
}

impl Reducible for HbState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // Cheap no-ops keep the same state, so nothing re-renders (a paused clock sends nothing anyway).
        match &action {
            Action::Tick { .. } if !self.running || self.speed == 0.0 => return self,
            Action::SetRunning(r) if *r == self.running => return self,
            Action::Select(s) if *s == self.selected => return self,
            _ => {}
        }
        let mut s = (*self).clone();
        s.revision += 1;
        match action {
            Action::Tick {
                real_ms,
                started_at,
            } => s.tick(real_ms, started_at),
            Action::SetRunning(r) => {
                s.running = r;
                s.carry_ms = 0.0;
                s.lagging = None;
                s.scenario_revision += 1;
            }
            Action::TogglePlay => {
                s.running = !s.running;
                s.scenario_revision += 1;
                s.carry_ms = 0.0;
                s.lagging = None;
            }
            Action::Step => {
                s.running = false;
                let stepped = s.replayer.step(&mut s.world.borrow_mut());
                if !stepped {
                    s.notice = Some(Notice {
                        text: "Nothing left to happen.".into(),
                        error: false,
                    });
                }
                s.changed();
            }
            Action::Skip(ms) => {
                {
                    let mut world = s.world.borrow_mut();
                    let mut target = world.now().plus(ms);
                    // Skipping through a lesson's hand-over stops there, as playing would.
                    if let Some(p) = s.pause_at.filter(|&p| p <= target) {
                        target = p;
                        s.pause_at = None;
                        s.running = false;
                        s.handed_over = true;
                    }
                    HbState::run_to(&mut s.replayer, &s.journal, &mut world, target);
                }
                s.scenario_revision += 1;
                s.changed();
            }
            Action::SetSpeed(speed) => {
                s.speed = speed.clamp(0.0, 100.0);
                s.carry_ms = 0.0;
                s.lagging = None;
            }
            Action::Reset => {
                let config = s.world.borrow().config().clone();
                let _ = s.restart_with(
                    config,
                    Some("Reset: the run starts again from 0 s with the same seed.".into()),
                );
            }
            Action::SetSeed(seed) => {
                let mut config = s.world.borrow().config().clone();
                config.seed = seed;
                let _ = s.restart_with(config, Some(format!("New run with seed {seed}.")));
            }
            Action::Select(node) => s.selected = node,
            Action::SelectBy { from, delta } => {
                let n = s.world.borrow().config().nodes as i64;
                let current = from
                    .or(s.selected)
                    .map_or(if delta < 0 { 1 } else { 0 }, |id| id.0 as i64);
                let next = (current - 1 + delta as i64).rem_euclid(n) + 1;
                s.selected = Some(NodeId(next as u32));
            }
            Action::SetObserver(observer) => {
                if s.world.borrow().observer(observer).is_some() {
                    let journal = s.journal_for(observer);
                    s.journal = Rc::new(RefCell::new(journal));
                    s.observer = observer;
                }
                s.scenario_revision += 1;
                s.version += 1;
            }
            Action::SetShowTruth(show) => {
                s.show_truth = show;
                s.scenario_revision += 1;
            }
            Action::Command(c) => s.command(c),
            Action::EditConfig(edit) => {
                let mut config = s.draft.clone();
                (edit.0)(&mut config);
                s.apply_config(config);
            }
            Action::ApplyPreset(id) => {
                if let Some(p) = PRESETS.iter().find(|p| p.id == id) {
                    let mut config = s.world.borrow().config().clone();
                    p.apply(&mut config);
                    s.apply_config(config);
                    if s.config_error.is_none() && s.notice.is_none() {
                        s.notice = Some(Notice {
                            text: format!("Preset applied: {}.", p.name),
                            error: false,
                        });
                    }
                }
            }
            Action::TogglePartitionTool => s.partition_tool = !s.partition_tool,
            Action::ToggleSide(node) => {
                if !s.side_b.remove(&node) {
                    s.side_b.insert(node);
                }
            }
            Action::SplitInHalf => {
                let n = s.world.borrow().config().nodes;
                s.side_b = ((n.div_ceil(2) + 1)..=n).map(NodeId).collect();
            }
            Action::ApplyPartition => {
                if s.side_b.is_empty() {
                    s.notice = Some(Notice {
                        text: "Choose the nodes of side B first.".into(),
                        error: true,
                    });
                } else {
                    let b: Vec<NodeId> = s.side_b.iter().copied().collect();
                    s.command(Command::Partition(Partition {
                        groups: vec![Vec::new(), b],
                    }));
                    s.partition_tool = false;
                }
            }
            Action::SetLogFilter(f) => s.log_filter = f,
            Action::Highlight(h) => s.highlight = h,
            Action::SetSlowPercent(p) => s.slow_percent = p.clamp(101, 100_000),
            Action::SetPauseMs(ms) => s.pause_ms = ms.clamp(1, 86_400_000),
            Action::DismissNotice => s.notice = None,
            Action::Notify(n) => {
                // A repeated message (storage still full) changes nothing.
                if s.notice.as_ref() == Some(&n) {
                    return self;
                }
                s.notice = Some(n);
            }
            Action::Load(scenario, autoplay_until) => {
                let notice = s.notice.take();
                s = HbState::from_scenario(&scenario);
                s.notice = notice;
                s.revision = self.revision + 1;
                s.version = self.version + 1;
                if let Some(t) = autoplay_until.filter(|&t| t > s.world.borrow().now().ms()) {
                    s.pause_at = Some(SimTime(t));
                    s.running = true;
                    s.speed = 2.0;
                } else if autoplay_until.is_some() {
                    s.handed_over = true;
                }
            }
        }
        Rc::new(s)
    }
}

/// The overload the Overload button applies.
pub const OVERLOAD: Overload = Overload {
    drop_pct: 70,
    extra_delay_ms: 800,
};
