//! A Heartbeats run as the page plays it, pure: the world, the journal that follows it for one
//! observer, the scenario's schedule of faults and the moment a lesson hands over. Everything the
//! page does to a run (play a frame, skip, step, apply a command, look through another node's
//! eyes, start again with new settings) is a call here, natively tested; the page only keeps
//! what it shows and how fast it plays. Nothing here reads a clock: a frame's time budget is a
//! closure the caller passes in.

use super::cost::estimated_replay_steps;
use super::model::{HeartbeatsScenario, TimedCommand};
use super::replay::{JournalOptions, Replayer, begin_with_journal};
use crate::sim::journal::Journal;
use crate::sim::{Command, CommandError, Config, ConfigError, NodeId, SimTime, World};

/// Virtual time the journal keeps (and the timeline shows), at least.
const MIN_WINDOW_MS: u64 = 30_000;
/// Trace events kept between two frames; enough for 1,000 gossiping nodes at 100×.
pub const TRACE_CAPACITY: usize = 60_000;
/// Log lines kept.
const LOG_CAP: usize = 400;
/// The longest replay (in simulation steps, about half a second) the run does to show another
/// observer's history.
const REBUILD_MAX_STEPS: f64 = 2_000_000.0;

/// A run: world, journal, schedule and hand-over.
#[derive(Debug, Clone)]
pub struct HeartbeatsRun {
    world: World,
    journal: Journal,
    replayer: Replayer,
    /// The settings this run started from (a link replays from them).
    initial_config: Config,
    /// The scheduled faults of a scenario or lesson, applied as virtual time passes.
    schedule: Vec<TimedCommand>,
    /// A lesson plays until this time, then hands over.
    pause_at: Option<SimTime>,
}

/// What one frame's advance did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Advanced {
    /// Virtual ms advanced (less than asked when the budget ran out or the hand-over came).
    pub done_ms: u64,
    /// The lesson's hand-over time was reached: the run stops there.
    pub handed_over: bool,
}

/// The journal's window for these settings: long enough for the slowest detector to show.
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

/// The plain scenario of a config: no faults, from time 0, ground truth shown, default observer.
pub fn plain(config: Config) -> HeartbeatsScenario {
    HeartbeatsScenario {
        config,
        schedule: Vec::new(),
        start_at_ms: 0,
        show_truth: true,
        observer: 0,
    }
}

impl HeartbeatsRun {
    /// The scenario's run, moved to its start time, its journal seen by its observer (the default
    /// observer when that one keeps no view).
    pub fn open(scenario: &HeartbeatsScenario) -> Result<HeartbeatsRun, ConfigError> {
        let (mut run, start) = HeartbeatsRun::begin(scenario)?;
        run.run_to(start);
        Ok(run)
    }

    /// The scenario's run at time 0, with the time it starts at: running it there (in slices,
    /// with [`HeartbeatsRun::run_toward`]) gives the run [`HeartbeatsRun::open`] gives.
    pub fn begin(scenario: &HeartbeatsScenario) -> Result<(HeartbeatsRun, SimTime), ConfigError> {
        let options = journal_options(NodeId(scenario.observer), window_for(&scenario.config));
        HeartbeatsRun::begin_with(scenario, options)
    }

    fn begin_with(
        scenario: &HeartbeatsScenario,
        options: JournalOptions,
    ) -> Result<(HeartbeatsRun, SimTime), ConfigError> {
        let (world, replayer, journal) = begin_with_journal(scenario, options)?;
        let run = HeartbeatsRun {
            world,
            journal,
            replayer,
            initial_config: scenario.config.clone(),
            schedule: scenario.schedule.clone(),
            pause_at: None,
        };
        Ok((run, SimTime(scenario.start_at_ms)))
    }

    /// The world.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// What recently happened, as the chosen observer saw it.
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// Whose eyes the journal sees through.
    pub fn observer(&self) -> NodeId {
        self.journal.observer()
    }

    /// The settings this run started from.
    pub fn initial_config(&self) -> &Config {
        &self.initial_config
    }

    /// The scheduled faults this run was opened with.
    pub fn schedule(&self) -> &[TimedCommand] {
        &self.schedule
    }

    /// Replaces the faults a new run with new settings replays (a link's or a saved session's
    /// own history is not replayed, only what was still planned when it was made).
    pub fn plan(&mut self, schedule: Vec<TimedCommand>) {
        self.schedule = schedule;
    }

    /// How many scheduled commands the world refused so far (a hand-made link may ask for, say,
    /// restarting a node that is up).
    pub fn refused_commands(&self) -> usize {
        self.replayer.refused()
    }

    /// Keeps the newest `capacity` trace events between reads (a check that reads the whole
    /// trace keeps all of them); a fresh run from [`HeartbeatsRun::restart_with`] keeps as many.
    pub fn keep_trace(&mut self, capacity: usize) {
        self.world.set_trace_capacity(capacity);
    }

    /// When a lesson hands over, if it has not yet.
    pub fn pause_at(&self) -> Option<SimTime> {
        self.pause_at
    }

    /// Plays until `at` and then stops there (a lesson's hand-over); `None` plays on.
    pub fn set_pause_at(&mut self, at: Option<SimTime>) {
        self.pause_at = at;
    }

    /// The scenario that reproduces this run up to now: its starting settings, every command
    /// applied so far at its time, the rest of the schedule, and the view options; opening it
    /// moves the run to `start_at`.
    pub fn scenario(&self, start_at: SimTime, show_truth: bool) -> HeartbeatsScenario {
        let mut schedule: Vec<TimedCommand> = self
            .world
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
            show_truth,
            observer: self.observer().0,
        }
    }

    /// Runs the world to `t` with the schedule, the journal reading the trace after every
    /// scheduled command (so a partition is drawn from the moment it happened) and often enough
    /// to miss nothing.
    pub fn run_to(&mut self, t: SimTime) {
        self.replayer
            .run_until_journaled(&mut self.world, t, &mut self.journal, TRACE_CAPACITY);
    }

    /// Runs toward `t` as [`HeartbeatsRun::run_to`] does, asking `has_time` every few hundred
    /// events and stopping when it says no; returns whether `t` was reached. However the work is
    /// cut, the run is the same: a replay spread over many short tasks keeps the page responsive.
    pub fn run_toward(&mut self, t: SimTime, has_time: &mut dyn FnMut() -> bool) -> bool {
        self.replayer.run_toward_journaled(
            &mut self.world,
            t,
            &mut self.journal,
            TRACE_CAPACITY,
            has_time,
        )
    }

    /// Advances by up to `virtual_ms`, in slices, stopping early when `has_time` says the frame's
    /// budget is spent (the run then plays slower than asked) or at the hand-over.
    pub fn advance(&mut self, virtual_ms: u64, has_time: &mut dyn FnMut() -> bool) -> Advanced {
        let slice = (virtual_ms / 8).max(1);
        let mut done = 0;
        while done < virtual_ms {
            let mut step = slice.min(virtual_ms - done);
            if let Some(p) = self.pause_at {
                step = step.min(p.since(self.world.now()));
            }
            let t = self.world.now().plus(step);
            self.run_to(t);
            done += step;
            if self.hand_over_if_due() {
                return Advanced {
                    done_ms: done,
                    handed_over: true,
                };
            }
            if !has_time() {
                break;
            }
        }
        Advanced {
            done_ms: done,
            handed_over: false,
        }
    }

    /// Whether the hand-over time has come; if so it is spent.
    pub fn hand_over_if_due(&mut self) -> bool {
        let due = self.pause_at.is_some_and(|p| self.world.now() >= p);
        if due {
            self.pause_at = None;
        }
        due
    }

    /// Where a skip of `ms` ends: `ms` from now, or a lesson's hand-over if that comes first.
    pub fn skip_target(&self, ms: u64) -> SimTime {
        let target = self.world.now().plus(ms);
        self.pause_at.filter(|&p| p <= target).unwrap_or(target)
    }

    /// Jumps ahead `ms` of virtual time, stopping at a lesson's hand-over as playing would.
    /// Returns whether it handed over.
    pub fn skip(&mut self, ms: u64) -> bool {
        let target = self.skip_target(ms);
        self.run_to(target);
        self.hand_over_if_due()
    }

    /// Processes exactly one event (or the next scheduled command, if it comes first); `false`
    /// when nothing is left to happen.
    pub fn step(&mut self) -> bool {
        let stepped = self.replayer.step(&mut self.world);
        self.journal.ingest(&self.world);
        stepped
    }

    /// Applies a command at the current time. Events still due at this very millisecond (left by
    /// a step) happen first, as they do when a share link replays the command, so the replay is
    /// the same run.
    pub fn apply(&mut self, command: Command) -> Result<(), CommandError> {
        let now = self.world.now();
        self.run_to(now);
        let result = self.world.apply(command);
        self.journal.ingest(&self.world);
        result
    }

    /// Looks through `observer`'s eyes from now on. The run is replayed for it (the same scenario
    /// gives the same run), so its journal shows what that node believed before the switch. When
    /// that cannot be (the run is too long to replay, or the replay differs), the journal starts
    /// now and the reason comes back to tell the learner.
    pub fn look_through(&mut self, observer: NodeId) -> Result<(), &'static str> {
        match self.replay_for(observer) {
            Ok((mut replay, now)) => {
                replay.run_to(now);
                self.adopt_replay(replay)
            }
            Err(why_not) => {
                self.look_from_now(observer);
                Err(why_not)
            }
        }
    }

    /// The start of [`HeartbeatsRun::look_through`] for a caller that replays in slices: this run
    /// from time 0 with `observer`'s journal, and the time to run it to (now). Run it there with
    /// [`HeartbeatsRun::run_toward`] and hand it to [`HeartbeatsRun::adopt_replay`]. Fails, with
    /// the reason for the learner, when the run is too long to replay.
    pub fn replay_for(
        &mut self,
        observer: NodeId,
    ) -> Result<(HeartbeatsRun, SimTime), &'static str> {
        // Events still due at this millisecond (left by Step) happen first, as they do when a
        // link to this moment is replayed, so the replay is this very run.
        let now = self.world.now();
        self.run_to(now);
        let mut scenario = self.scenario(now, true);
        scenario.observer = observer.0;
        if estimated_replay_steps(&scenario) > REBUILD_MAX_STEPS {
            return Err("replaying this long a run to show what it saw before would take too long");
        }
        let options = journal_options(observer, self.journal.window_ms());
        let (replay, _) = HeartbeatsRun::begin_with(&scenario, options)
            .map_err(|_| "this run could not be replayed to show what it saw before")?;
        Ok((replay, now))
    }

    /// Takes the journal of a finished [`HeartbeatsRun::replay_for`] when the replay is this very
    /// run; otherwise the journal starts now and the reason comes back.
    pub fn adopt_replay(&mut self, replay: HeartbeatsRun) -> Result<(), &'static str> {
        let same = replay.world.now() == self.world.now()
            && replay.world.trace().fingerprint() == self.world.trace().fingerprint();
        let observer = replay.observer();
        if same {
            self.journal = replay.journal;
            Ok(())
        } else {
            self.look_from_now(observer);
            Err("this run could not be replayed to show what it saw before")
        }
    }

    /// Looks through `observer`'s eyes from now on, without what it believed before.
    pub fn look_from_now(&mut self, observer: NodeId) {
        let window_ms = self.journal.window_ms();
        self.journal = Journal::new(&self.world, observer, window_ms, LOG_CAP);
    }

    /// A fresh run from `config` and the planned schedule (a lesson's faults; live actions are
    /// not replayed), seen by the same observer. The schedule's own setting changes are left out:
    /// `config` is what the learner chose.
    pub fn restart_with(&self, config: Config) -> Result<HeartbeatsRun, ConfigError> {
        let scenario = HeartbeatsScenario {
            config,
            schedule: self
                .schedule
                .iter()
                .filter(|c| !matches!(c.command, Command::Configure(_)))
                .cloned()
                .collect(),
            start_at_ms: 0,
            show_truth: true,
            observer: self.observer().0,
        };
        let mut run = HeartbeatsRun::open(&scenario)?;
        run.keep_trace(self.world.trace().capacity());
        Ok(run)
    }
}
