//! Replaying a Heartbeats scenario: advance the world and apply each scheduled command at its time,
//! so the same scenario gives the same trace wherever it is opened.

use super::model::{HeartbeatsScenario, TimedCommand};
use crate::sim::journal::Journal;
use crate::sim::{ConfigError, NodeId, SimTime, World};

/// Events a bounded run processes between two questions to its time budget: about a
/// millisecond of work for 1,000 gossiping nodes.
pub const BATCH_EVENTS: usize = 200;

/// Applies a schedule of commands as a world advances.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Replayer {
    schedule: Vec<TimedCommand>,
    next: usize,
    refused: usize,
    /// The end of the observation slice a bounded run stopped inside, to be finished first: the
    /// commands due there and the next observation wait until every event before it happened.
    slice_end: Option<SimTime>,
}

impl Replayer {
    /// A replayer for a schedule (in time order).
    pub fn new(schedule: Vec<TimedCommand>) -> Replayer {
        Replayer {
            schedule,
            next: 0,
            refused: 0,
            slice_end: None,
        }
    }

    /// When the next scheduled command is due, if any is left.
    pub fn next_at(&self) -> Option<SimTime> {
        self.schedule.get(self.next).map(|c| SimTime(c.at_ms))
    }

    /// How many scheduled commands the world refused (say, restarting a node that is up).
    pub fn refused(&self) -> usize {
        self.refused
    }

    /// Applies every command due at or before the world's current time; says whether there was one.
    fn apply_due(&mut self, world: &mut World) -> bool {
        let first = self.next;
        while let Some(c) = self.schedule.get(self.next) {
            if c.at_ms > world.now().ms() {
                break;
            }
            if world.apply(c.command.clone()).is_err() {
                self.refused += 1;
            }
            self.next += 1;
        }
        self.next > first
    }

    /// Runs the world to `t`, applying scheduled commands at their times.
    pub fn run_until(&mut self, world: &mut World, t: SimTime) {
        // Events still due at this very millisecond (left by a step) happen before the commands
        // due now, as they do in a replay from the start.
        world.run_until(world.now());
        self.apply_due(world);
        while let Some(at) = self.next_at().filter(|&at| at <= t) {
            world.run_until(at);
            self.apply_due(world);
        }
        world.run_until(t);
        self.apply_due(world);
    }

    /// Runs the world to `t` as [`Replayer::run_until`] does, stopping to call `observe` right
    /// after each scheduled command and at least every `every_ms(world)` of virtual time (asked
    /// again at each stop, since a scheduled settings change can make the run far busier), so an
    /// observer reading the world's recent trace (the page's journal) sees every command's effect
    /// at the time it happened and misses no event the trace has to forget.
    pub fn run_until_observed(
        &mut self,
        world: &mut World,
        t: SimTime,
        every_ms: &dyn Fn(&World) -> u64,
        observe: &mut dyn FnMut(&World),
    ) {
        self.run_toward_observed(world, t, every_ms, observe, &mut || true);
    }

    /// Like [`Replayer::run_until_observed`], but asks `has_time` after every batch of
    /// [`BATCH_EVENTS`] events and stops when it says no, so a long replay can be spread over many
    /// short tasks. Returns whether it reached `t`. Runs stopped and resumed (with the same or a
    /// later `t`) give exactly the run of one call: a slice cut short is finished before the
    /// commands due at its end are applied.
    pub fn run_toward_observed(
        &mut self,
        world: &mut World,
        t: SimTime,
        every_ms: &dyn Fn(&World) -> u64,
        observe: &mut dyn FnMut(&World),
        has_time: &mut dyn FnMut() -> bool,
    ) -> bool {
        if self.slice_end.is_none() {
            if world.next_event_at().is_some_and(|at| at <= world.now()) {
                // Events still due at this very millisecond (left by a step) happen before the
                // commands due now, as they do in a replay from the start: finish them first.
                self.slice_end = Some(world.now());
            } else if self.apply_due(world) {
                observe(world);
            }
        }
        loop {
            let stop = match self.slice_end {
                // A later call may ask for less than the slice it stopped in; the slice's end is
                // never past the next command, so stopping earlier changes nothing.
                Some(end) => end.min(t).max(world.now()),
                None => {
                    // Even when `t` is now, events still due at this millisecond run.
                    let mut stop = world.now().plus(every_ms(world).max(1)).min(t);
                    if let Some(at) = self.next_at().filter(|&at| at < stop) {
                        stop = at;
                    }
                    stop
                }
            };
            self.slice_end = Some(stop);
            while !world.run_until_at_most(stop, BATCH_EVENTS) {
                if !has_time() {
                    return false;
                }
            }
            self.slice_end = None;
            self.apply_due(world);
            observe(world);
            if world.now() >= t {
                return true;
            }
            if !has_time() {
                return false;
            }
        }
    }

    /// Runs the world to `t` with `journal` following it: the journal reads the trace after each
    /// scheduled command and as often as the settings in force need for a trace that keeps
    /// `trace_capacity` events (see [`Replayer::run_until_observed`]).
    pub fn run_until_journaled(
        &mut self,
        world: &mut World,
        t: SimTime,
        journal: &mut Journal,
        trace_capacity: usize,
    ) {
        self.run_toward_journaled(world, t, journal, trace_capacity, &mut || true);
    }

    /// [`Replayer::run_until_journaled`] in bounded steps, as [`Replayer::run_toward_observed`]
    /// runs: returns whether it reached `t`.
    pub fn run_toward_journaled(
        &mut self,
        world: &mut World,
        t: SimTime,
        journal: &mut Journal,
        trace_capacity: usize,
        has_time: &mut dyn FnMut() -> bool,
    ) -> bool {
        self.run_toward_observed(
            world,
            t,
            &|w| Journal::read_every_ms(w.config(), trace_capacity),
            &mut |w| journal.ingest(w),
            has_time,
        )
    }

    /// Advances the world by `dt_ms`, applying scheduled commands on the way.
    pub fn advance(&mut self, world: &mut World, dt_ms: u64) {
        let target = world.now().plus(dt_ms);
        self.run_until(world, target);
    }

    /// Processes exactly one event, or applies the next scheduled command if it comes first.
    pub fn step(&mut self, world: &mut World) -> bool {
        if let Some(at) = self.next_at() {
            if world.next_event_at().is_none_or(|e| at < e) {
                world.run_until(at);
                self.apply_due(world);
                return true;
            }
        }
        world.step().is_some()
    }

    /// The scheduled commands not applied yet.
    pub fn remaining(&self) -> &[TimedCommand] {
        self.schedule.get(self.next..).unwrap_or(&[])
    }

    /// Whether every scheduled command has been applied.
    pub fn is_done(&self) -> bool {
        self.next >= self.schedule.len()
    }
}

/// A new world for the scenario, moved to its start time with the schedule applied so far, and
/// the replayer that carries on from there.
pub fn start(scenario: &HeartbeatsScenario) -> Result<(World, Replayer), ConfigError> {
    let mut world = World::new(scenario.config.clone())?;
    let mut replayer = Replayer::new(scenario.schedule.clone());
    replayer.run_until(&mut world, SimTime(scenario.start_at_ms));
    Ok((world, replayer))
}

/// What [`start_with_journal`] needs besides the scenario.
#[derive(Debug, Clone, Copy)]
pub struct JournalOptions {
    /// Whose view the journal follows (the world's default observer when this one keeps none).
    pub observer: NodeId,
    /// Virtual time the journal keeps, in ms.
    pub window_ms: u64,
    /// Log lines the journal keeps.
    pub log_cap: usize,
    /// Events the world's trace keeps.
    pub trace_capacity: usize,
}

/// Like [`start`], with a journal that followed the whole replay: a run opened from a link, or
/// seen again through another observer, shows its log and timeline as they were while it played,
/// not only what happens from now on.
pub fn start_with_journal(
    scenario: &HeartbeatsScenario,
    options: JournalOptions,
) -> Result<(World, Replayer, Journal), ConfigError> {
    let (mut world, mut replayer, mut journal) = begin_with_journal(scenario, options)?;
    replayer.run_until_journaled(
        &mut world,
        SimTime(scenario.start_at_ms),
        &mut journal,
        options.trace_capacity,
    );
    Ok((world, replayer, journal))
}

/// The start of [`start_with_journal`]: the world at time 0 and the journal ready to follow it
/// to the scenario's start time, for a caller that replays in slices. Running the replayer with
/// [`Replayer::run_until_journaled`] (or in bounded steps) to `start_at_ms` finishes it.
pub fn begin_with_journal(
    scenario: &HeartbeatsScenario,
    options: JournalOptions,
) -> Result<(World, Replayer, Journal), ConfigError> {
    let mut world = World::new(scenario.config.clone())?;
    world.set_trace_capacity(options.trace_capacity);
    let observer = if world.observer(options.observer).is_some() {
        options.observer
    } else {
        world.default_observer()
    };
    let mut journal = Journal::new(&world, observer, options.window_ms, options.log_cap);
    journal.keep_arrivals_from(SimTime(
        scenario.start_at_ms.saturating_sub(options.window_ms),
    ));
    Ok((world, Replayer::new(scenario.schedule.clone()), journal))
}
