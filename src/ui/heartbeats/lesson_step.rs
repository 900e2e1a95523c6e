//! A lesson's stage on the Heartbeats run: opening it at the start of a step, and doing what a
//! step's button says (through the pure [`crate::scenario::lessons::play`], as the lesson claims
//! do), then playing to the step's moment.

use super::reducer::Changed;
use super::state::{HeartbeatsState, Notice};
use crate::scenario::Lesson;
use crate::scenario::lessons::{Act, play};
use crate::sim::SimTime;

impl HeartbeatsState {
    /// Lesson `lesson`'s stage at the start of step `step` (from 0), paused; why not when it
    /// cannot be played.
    pub fn lesson_stage(lesson: u8, step: usize) -> Result<HeartbeatsState, String> {
        let lesson = Lesson::by_number(lesson).ok_or("there is no such lesson")?;
        let stage = play::heartbeats_at(lesson, step, None).map_err(|e| e.to_string())?;
        let mut state = HeartbeatsState::from_run(stage.run, stage.show_truth);
        state.handed_over = true;
        Ok(state)
    }

    /// Replaces the run with lesson `lesson`'s stage at the start of step `step`.
    pub(super) fn open_step(&mut self, lesson: u8, step: usize) -> Changed {
        match HeartbeatsState::lesson_stage(lesson, step) {
            Ok(fresh) => {
                let (version, revision) = (self.version, self.revision);
                *self = fresh;
                (self.version, self.revision) = (version, revision);
            }
            Err(e) => {
                self.notice = Some(Notice {
                    text: format!("This step could not be set up: {e}."),
                    error: true,
                })
            }
        }
        Changed::Run
    }

    /// Does what a step's button says, then plays to `until_ms` at `speed` (or stops at once
    /// when the moment is now).
    pub(super) fn begin_step(&mut self, act: &Act, until_ms: u64, speed: f64) -> Changed {
        let begun = play::begin(&mut self.run.borrow_mut(), act);
        match begun {
            Ok(begun) => {
                self.show_truth |= begun.reveals_truth;
                if let Some(why) = begun.look_note {
                    self.notice = Some(Notice {
                        text: format!("The timeline of this node starts now: {why}."),
                        error: false,
                    });
                }
            }
            Err(e) => {
                self.notice = Some(Notice {
                    text: format!("This step could not be played: {e}."),
                    error: true,
                });
                return Changed::Page;
            }
        }
        {
            let run = self.run.borrow();
            self.observer = run.observer();
            self.draft = run.world().config().clone();
        }
        self.carry_ms = 0.0;
        self.lagging = None;
        let now = self.world().now();
        if until_ms > now.ms() {
            self.run.borrow_mut().set_pause_at(Some(SimTime(until_ms)));
            self.handed_over = false;
            self.running = true;
            self.speed = speed;
        } else {
            self.handed_over = true;
            self.running = false;
        }
        Changed::Run
    }
}
