//! The Heartbeats tab's reducer: each action becomes calls on the run and says what it changed
//! ([`Changed`]), from which the counters components compare are bumped in one place.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::action::NodeAct;
use super::state::{Action, CatchUpKind, Clock, HeartbeatsState, Notice};
use crate::scenario::heartbeats_run::Advanced;
use crate::sim::{Command, CommandError, Config, ConfigError, NodeId, PRESETS, Partition};

/// While the run plays, the session is kept (address and storage) this often, in real ms.
const KEEP_WHILE_PLAYING_MS: f64 = 2_000.0;
/// The fewest nodes the playground runs (the core runs a single node, which teaches nothing).
const MIN_NODES: u32 = 3;
/// The most nodes the playground runs.
const MAX_NODES: u32 = crate::sim::MAX_NODES;
/// The longest real time one frame may spend advancing the simulation, in ms.
const FRAME_BUDGET_MS: f64 = 10.0;
/// Real time longer than this between two frames (a hidden tab) is not caught up.
const MAX_FRAME_GAP_MS: f64 = 250.0;

/// What an action changed, which decides what must redraw and whether the session is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Changed {
    /// Nothing at all (the state stays the same value).
    Nothing,
    /// Only the page around the run (a selection, a filter, a message).
    Page,
    /// The run, but not what a share link would say (a step).
    Run,
    /// What a share link would say (settings, faults, view options, time): keep the session.
    Shared,
    /// An animation frame advanced the run.
    Frame,
}

impl HeartbeatsState {
    /// Replaces the run with a fresh one from `config` and the planned schedule, keeping the
    /// learner's view options.
    fn restart_with(&mut self, config: Config, notice: Option<String>) -> Changed {
        let fresh = self.run.borrow().restart_with(config);
        match fresh {
            Ok(run) => {
                self.observer = run.observer();
                self.draft = run.world().config().clone();
                self.run = Rc::new(RefCell::new(run));
                self.config_error = None;
                self.carry_ms = 0.0;
                self.lagging = None;
                self.highlight = None;
                let n = self.draft.nodes;
                self.selected = self.selected.filter(|s| s.0 <= n);
                self.side_b.retain(|s| s.0 <= n);
                self.notice = notice.map(|text| Notice { text, error: false });
            }
            Err(e) => self.config_error = Some(e),
        }
        Changed::Shared
    }

    /// One animation frame: advance by the real time passed times the speed, within the frame's
    /// budget on `clock`, stopping at a lesson's hand-over.
    fn tick(&mut self, real_ms: f64, started_at: f64, clock: &Clock) -> Changed {
        let real_ms = real_ms.clamp(0.0, MAX_FRAME_GAP_MS);
        let wanted = real_ms * self.speed + self.carry_ms;
        let whole = wanted.floor() as u64;
        self.carry_ms = wanted - whole as f64;
        if whole == 0 {
            return Changed::Nothing;
        }
        let Advanced {
            done_ms,
            handed_over,
        } = self
            .run
            .borrow_mut()
            .advance(whole, &mut || clock.now() - started_at <= FRAME_BUDGET_MS);
        self.played_since_kept_ms += real_ms;
        let keep = handed_over || self.played_since_kept_ms >= KEEP_WHILE_PLAYING_MS;
        if keep {
            self.played_since_kept_ms = 0.0;
        }
        if handed_over {
            self.running = false;
            self.handed_over = true;
        }
        self.lagging =
            (done_ms < whole && real_ms > 0.0 && !handed_over).then(|| done_ms as f64 / real_ms);
        if done_ms < whole {
            self.carry_ms = 0.0;
        }
        if keep {
            Changed::Shared
        } else {
            Changed::Frame
        }
    }

    fn apply_config(&mut self, config: Config) -> Changed {
        self.draft = config.clone();
        if !(MIN_NODES..=MAX_NODES).contains(&config.nodes) {
            self.config_error = Some(ConfigError {
                field: crate::sim::Field::Nodes,
                message: format!(
                    "the playground needs {MIN_NODES} to {MAX_NODES} nodes, not {}",
                    config.nodes
                ),
            });
            return Changed::Page;
        }
        if let Err(e) = config.validate() {
            self.config_error = Some(e);
            return Changed::Page;
        }
        let result = self
            .run
            .borrow_mut()
            .apply(Command::Configure(config.clone()));
        match result {
            Ok(()) => {
                self.config_error = None;
                self.notice = None;
                Changed::Shared
            }
            Err(CommandError::NeedsReset(field)) => {
                let text = format!(
                    "New run: {} changed, so the cluster started again from 0 s.",
                    field.label()
                );
                self.restart_with(config, Some(text))
            }
            Err(CommandError::Config(e)) => {
                self.config_error = Some(e);
                Changed::Page
            }
            Err(e) => self.refuse(e.to_string()),
        }
    }

    fn command(&mut self, command: Command) -> Changed {
        let text = command.describe();
        let result = self.run.borrow_mut().apply(command);
        match result {
            Ok(()) => {
                self.notice = None;
                Changed::Shared
            }
            Err(e) => self.refuse(format!("Could not {text}: {e}.")),
        }
    }

    fn refuse(&mut self, text: String) -> Changed {
        self.notice = Some(Notice { text, error: true });
        Changed::Page
    }

    fn set_running(&mut self, running: bool) -> Changed {
        self.running = running;
        self.carry_ms = 0.0;
        self.lagging = None;
        Changed::Shared
    }

    /// Carries out `action` and says what it changed.
    pub(super) fn act(&mut self, action: Action) -> Changed {
        let mut cancelled = false;
        if let Some(job) = &mut self.catch_up {
            match action {
                // Play and pause say what happens once the work is done.
                Action::TogglePlay => {
                    job.resume = !job.resume;
                    return Changed::Page;
                }
                Action::SetRunning(resume) => {
                    job.resume = resume;
                    return Changed::Page;
                }
                ref other if changes_the_run(other) => {
                    self.cancel_catch_up(false);
                    cancelled = true;
                }
                _ => {}
            }
        }
        let changed = self.act_on(action);
        // A stopped replay changes what a share link says (the moment it opens at).
        if cancelled && matches!(changed, Changed::Nothing | Changed::Page | Changed::Run) {
            Changed::Shared
        } else {
            changed
        }
    }

    /// Carries out `action`, long work aside.
    fn act_on(&mut self, action: Action) -> Changed {
        match action {
            Action::Tick {
                real_ms,
                started_at,
                clock,
            } => self.tick(real_ms, started_at, &clock),
            Action::SetRunning(r) => self.set_running(r),
            Action::TogglePlay => self.set_running(!self.running),
            Action::Step => {
                self.running = false;
                if !self.run.borrow_mut().step() {
                    self.notice = Some(Notice {
                        text: "Nothing left to happen.".into(),
                        error: false,
                    });
                }
                Changed::Run
            }
            Action::Skip(ms) => {
                if self.extend_catch_up(ms) {
                    return Changed::Page;
                }
                // A replay for another observer in progress gives way, and says so.
                self.cancel_catch_up(true);
                let target = self.run.borrow().skip_target(ms);
                let now = self.clock.now();
                self.start_catch_up(CatchUpKind::Skipping, target, None, now)
            }
            Action::Work => self.work(),
            Action::CancelCatchUp => self.cancel_catch_up(true),
            Action::SetSpeed(speed) => {
                self.speed = speed.clamp(0.0, 100.0);
                self.carry_ms = 0.0;
                self.lagging = None;
                Changed::Page
            }
            Action::Reset => {
                let config = self.world().config().clone();
                let text = "Reset: the run starts again from 0 s with the same seed.";
                self.restart_with(config, Some(text.into()))
            }
            Action::SetSeed(seed) => {
                let mut config = self.world().config().clone();
                config.seed = seed;
                self.restart_with(config, Some(format!("New run with seed {seed}.")))
            }
            Action::Select(node) => {
                self.selected = node;
                Changed::Page
            }
            Action::SelectBy { from, delta } => {
                let n = self.world().config().nodes as i64;
                let current = from
                    .or(self.selected)
                    .map_or(if delta < 0 { 1 } else { 0 }, |id| id.0 as i64);
                let next = (current - 1 + delta as i64).rem_euclid(n) + 1;
                self.selected = Some(NodeId(next as u32));
                Changed::Page
            }
            Action::SetObserver(observer) => self.look_through(observer),
            Action::SetShowTruth(show) => {
                self.show_truth = show;
                Changed::Shared
            }
            Action::Command(c) => self.command(c),
            Action::OnSelected(act) => match self.selected {
                Some(node) => {
                    let c = match act {
                        NodeAct::Crash => Command::Crash { node },
                        NodeAct::Restart => Command::Restart { node },
                        NodeAct::Slow => Command::Slow {
                            node,
                            percent: self.slow_percent,
                        },
                        NodeAct::Pause => Command::Pause {
                            node,
                            ms: self.pause_ms,
                        },
                        NodeAct::Overload => Command::Overload {
                            node,
                            overload: super::state::OVERLOAD,
                        },
                        NodeAct::CutOff => Command::CutOff { node },
                        NodeAct::Recover => Command::Recover { node },
                        NodeAct::CutTo(to) => Command::CutOneWay { from: node, to },
                    };
                    self.command(c)
                }
                None => Changed::Nothing,
            },
            Action::EditConfig(edit) => {
                let mut config = self.draft.clone();
                edit.apply(&mut config);
                self.apply_config(config)
            }
            Action::ApplyPreset(id) => self.apply_preset(&id),
            Action::TogglePartitionTool => {
                self.partition_tool = !self.partition_tool;
                Changed::Page
            }
            Action::ToggleSide(node) => {
                if !self.side_b.remove(&node) {
                    self.side_b.insert(node);
                }
                Changed::Page
            }
            Action::SplitInHalf => {
                let n = self.world().config().nodes;
                self.side_b = ((n.div_ceil(2) + 1)..=n).map(NodeId).collect();
                Changed::Page
            }
            Action::ApplyPartition => self.apply_partition(),
            Action::SetLogFilter(f) => {
                self.log_filter = f;
                Changed::Page
            }
            Action::Highlight(h) => {
                self.highlight = h;
                Changed::Page
            }
            Action::SetSlowPercent(p) => {
                self.slow_percent = p.clamp(101, 100_000);
                Changed::Page
            }
            Action::SetPauseMs(ms) => {
                self.pause_ms = ms.clamp(1, 86_400_000);
                Changed::Page
            }
            Action::DismissNotice => {
                self.notice = None;
                Changed::Page
            }
            // A repeated message (storage still full) changes nothing.
            Action::Notify(n) if self.notice.as_ref() == Some(&n) => Changed::Nothing,
            Action::Notify(n) => {
                self.notice = Some(n);
                Changed::Page
            }
            Action::OpenStep { lesson, step } => self.open_step(lesson, step),
            Action::BeginStep {
                act,
                until_ms,
                speed,
            } => self.begin_step(&act, until_ms, speed),
            Action::Load(scenario) => {
                let notice = self.notice.take();
                let (version, revision) = (self.version, self.revision);
                *self = HeartbeatsState::from_scenario(&scenario);
                (self.version, self.revision, self.notice) = (version, revision, notice);
                Changed::Run
            }
        }
    }

    fn look_through(&mut self, observer: NodeId) -> Changed {
        if self.world().observer(observer).is_none() {
            return Changed::Shared;
        }
        let started = self.clock.now();
        let replay = self.run.borrow_mut().replay_for(observer);
        match replay {
            Ok((replay, now)) => self.start_catch_up(
                CatchUpKind::LookingThrough(observer),
                now,
                Some(replay),
                started,
            ),
            Err(why) => {
                self.run.borrow_mut().look_from_now(observer);
                self.notice = Some(Notice {
                    text: format!("The log and timeline of {observer} start now: {why}."),
                    error: false,
                });
                self.observer = observer;
                Changed::Shared
            }
        }
    }

    fn apply_preset(&mut self, id: &str) -> Changed {
        let Some(p) = PRESETS.iter().find(|p| p.id == id) else {
            return Changed::Nothing;
        };
        let mut config = self.world().config().clone();
        p.apply(&mut config);
        let changed = self.apply_config(config);
        if self.config_error.is_none() && self.notice.is_none() {
            self.notice = Some(Notice {
                text: format!("Preset applied: {}.", p.name),
                error: false,
            });
        }
        changed
    }

    fn apply_partition(&mut self) -> Changed {
        if self.side_b.is_empty() {
            return self.refuse("Choose the nodes of side B first.".into());
        }
        let b: Vec<NodeId> = self.side_b.iter().copied().collect();
        self.partition_tool = false;
        self.command(Command::Partition(Partition {
            groups: vec![Vec::new(), b],
        }))
    }

    /// Bumps the counters an effect calls for, in the one place they are bumped.
    pub(super) fn count(&mut self, changed: Changed) {
        self.revision += 1;
        match changed {
            Changed::Nothing | Changed::Page => {}
            Changed::Run => self.version += 1,
            Changed::Shared => {
                self.version += 1;
                self.scenario_revision += 1;
            }
            Changed::Frame => {
                self.version += 1;
                self.ticks += 1;
            }
        }
    }
}

/// Whether `action` changes the run, so long work in progress stops first (the run stays whole
/// where the work got to, and the action applies there).
fn changes_the_run(action: &Action) -> bool {
    !matches!(
        action,
        Action::Tick { .. }
            | Action::Work
            | Action::CancelCatchUp
            | Action::Skip(_)
            | Action::SetSpeed(_)
            | Action::Select(_)
            | Action::SelectBy { .. }
            | Action::SetShowTruth(_)
            | Action::TogglePartitionTool
            | Action::ToggleSide(_)
            | Action::SplitInHalf
            | Action::SetLogFilter(_)
            | Action::Highlight(_)
            | Action::SetSlowPercent(_)
            | Action::SetPauseMs(_)
            | Action::DismissNotice
            | Action::Notify(_)
    )
}

impl Reducible for HeartbeatsState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // Cheap no-ops keep the same state, so nothing re-renders (a paused clock sends nothing anyway).
        match &action {
            Action::Tick { .. } if !self.running || self.speed == 0.0 => return self,
            Action::SetRunning(r) if *r == self.running && self.catch_up.is_none() => return self,
            Action::Select(s) if *s == self.selected => return self,
            _ => {}
        }
        let mut s = (*self).clone();
        match s.act(action) {
            Changed::Nothing => self,
            changed => {
                s.count(changed);
                Rc::new(s)
            }
        }
    }
}
