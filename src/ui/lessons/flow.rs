//! The steps of a lesson as the learner goes through them: which step is on, whether its button
//! was pressed, and the progress (step and predictions) kept as they go. Both kinds of stage use
//! it; each only says how its stage opens a step and runs one.

use yew::prelude::*;

use crate::scenario::Lesson;
use crate::scenario::lessons::Prediction;
use crate::scenario::lessons::progress::{Answered, Progress};

/// The learner's place in a lesson, and how to move it.
#[derive(Clone)]
pub struct Flow {
    /// The lesson.
    pub lesson: &'static Lesson,
    /// The step on, from 0.
    pub step: usize,
    /// Whether the step's button was pressed.
    pub begun: bool,
    step_h: UseStateHandle<usize>,
    begun_h: UseStateHandle<bool>,
    progress: Progress,
    on_progress: Callback<Progress>,
}

impl Flow {
    /// What the learner predicted at the current step, if anything.
    pub fn answered(&self) -> Option<Answered> {
        self.progress.answer(self.lesson, self.step)
    }

    /// The button was pressed with `prediction`: record it.
    pub fn begin(&self, prediction: Option<Prediction>) {
        if let Some(p) = prediction {
            let mut progress = self.progress.clone();
            if progress.record(self.lesson, self.step, p).is_some() {
                self.on_progress.emit(progress);
            }
        }
        self.begun_h.set(true);
    }

    /// Moves to step `k`, its button not pressed yet.
    pub fn open(&self, k: usize) {
        let k = k.min(self.lesson.steps.len().saturating_sub(1));
        self.step_h.set(k);
        self.begun_h.set(false);
        let mut progress = self.progress.clone();
        progress.set_step(self.lesson, k);
        if progress != self.progress {
            self.on_progress.emit(progress);
        }
    }

    /// Whether this is the last step.
    pub fn is_last(&self) -> bool {
        self.step + 1 >= self.lesson.steps.len()
    }

    /// Marks the lesson done.
    pub fn finish(&self) {
        let mut progress = self.progress.clone();
        progress.set_done(self.lesson.number, true);
        if progress != self.progress {
            self.on_progress.emit(progress);
        }
    }
}

/// The learner's place in `lesson`, starting where the progress left it.
#[hook]
pub fn use_flow(
    lesson: &'static Lesson,
    progress: &Progress,
    on_progress: &Callback<Progress>,
) -> Flow {
    let start = progress.step_of(lesson);
    let step_h = use_state(|| start);
    let begun_h = use_state(|| false);
    Flow {
        lesson,
        step: *step_h,
        begun: *begun_h,
        step_h,
        begun_h,
        progress: progress.clone(),
        on_progress: on_progress.clone(),
    }
}
