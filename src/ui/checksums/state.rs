//! The Checksums tab's state. The run itself (the data and its history, the store, every recorded
//! step) is a pure [`ChecksumSession`], shared between the state's copies and the hashing task;
//! this keeps only what the page alone needs: how the data is shown, the digests as they arrive,
//! messages, the hex view's selection, the pasted expected digest.
//!
//! The reducer turns each action into a call on the session (or a change of the page's own
//! fields) and classifies what it did once, as an `Effect`; the change counters that panels,
//! hashing and keeping the session key on move only from that.

use std::cell::{Ref, RefCell};
use std::rc::Rc;

use yew::prelude::*;

use super::hex_page::page_start;
use super::known_digests::KnownDigests;
use super::opening_job::Opening;
use crate::checksum::{Algorithm, Digests, bytes_label, text_box_view};
use crate::scenario::checksum_session::{Applied, Changed, ChecksumSession, bytes_of};
use crate::scenario::{ChecksumStep, ChecksumsScenario, DataSource};

pub use super::actions::{Action, EditMode};
pub use crate::scenario::checksum_session::SHAREABLE_BYTES;
pub use crate::ui::notice::Notice;

/// The data a learner starts with.
pub const SAMPLE_TEXT: &str = "The quick brown fox jumps over the lazy dog";
/// Text longer than this is not put in the text box (the hex view shows any size): Chromium
/// takes about 0.3 s per MiB to lay out a text box's text, and the page must not stall.
pub const TEXT_BOX_MAX: usize = 128 * 1024;
/// Every algorithm the digest table shows.
pub const ALGORITHMS: [Algorithm; 5] = Algorithm::ALL;

/// The session, shared by the state's copies and the hashing task. Two are equal when they are
/// the same session, so a panel given one redraws only when a counter beside it moves.
#[derive(Clone)]
pub struct Shared(Rc<RefCell<ChecksumSession>>);

impl Shared {
    /// The session, to read.
    pub fn borrow(&self) -> Ref<'_, ChecksumSession> {
        self.0.borrow()
    }

    /// Copies up to `max_bytes` more of a large good copy being made; whether some remains.
    pub fn continue_good_copy(&self, max_bytes: usize) -> bool {
        self.0.borrow_mut().continue_good_copy(max_bytes)
    }
}

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The Checksums tab's whole state.
#[derive(Clone)]
pub struct ChecksumsState {
    /// The data, its history, the store and the recorded steps.
    pub session: Shared,
    /// Moves whenever the data changes (and so when to hash it again).
    pub data_version: u64,
    /// Moves whenever a new good copy is taken.
    pub good_version: u64,
    /// Moves whenever the store, or what it says, changes.
    pub store_version: u64,
    /// Moves when what a share link would say changes.
    pub scenario_revision: u64,
    /// How the data is edited.
    pub mode: EditMode,
    /// Why the data cannot be edited as text (too large, not UTF-8, or carriage returns a text box
    /// would change), if it cannot; the data is then shown in the hex view.
    pub text_refusal: Option<String>,
    /// The digests known so far, and how far hashing has got.
    pub digests: KnownDigests,
    /// What the last change did, in words.
    pub last_change: Option<String>,
    /// A message after the last action.
    pub notice: Option<Notice>,
    /// Long work in progress (generating, reading a file, taking in a large paste), described.
    pub busy: Option<String>,
    /// Steps the learner made while `busy`: new data was on its way and would have replaced what
    /// they did, so they follow it, in order, once it is in.
    pub waiting: Vec<ChecksumStep>,
    /// A scenario being opened a slice at a time, while it is.
    pub opening: Option<Opening>,
    /// The expected digest as pasted.
    pub expected: String,
    /// The byte selected in the hex view.
    pub hex_selected: Option<usize>,
    /// The first byte of the hex view's page.
    pub hex_offset: usize,
    /// Whether the ground truth of the replicas is shown.
    pub show_truth: bool,
}

/// What one action changed, classified once: the counters move only from this.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Effect {
    /// The data changed.
    data: bool,
    /// A new good copy was taken.
    good: bool,
    /// The store changed, or what it says.
    store: bool,
    /// What a share link would say changed.
    scenario: bool,
}

impl Effect {
    /// Only what the page alone shows changed (a message, the selection, the digests arriving).
    const VIEW: Effect = Effect {
        data: false,
        good: false,
        store: false,
        scenario: false,
    };

    /// The recorded session changed in what a share link says, and in nothing else.
    const SCENARIO: Effect = Effect {
        scenario: true,
        ..Effect::VIEW
    };
}

impl ChecksumsState {
    /// The sample text, marked good, and an empty store.
    pub fn new() -> ChecksumsState {
        let session = ChecksumSession::new(DataSource::Text(SAMPLE_TEXT.into()))
            .expect("the sample text is small");
        ChecksumsState::with_session(session)
    }

    /// A page around `session`, its digests still to compute.
    pub fn with_session(session: ChecksumSession) -> ChecksumsState {
        let text_refusal = text_box_view(session.history().data(), TEXT_BOX_MAX).err();
        // No digest is known yet: a good copy the data differs from is hashed on its own.
        let digests = KnownDigests::unknown(!session.history().is_good());
        ChecksumsState {
            session: Shared(Rc::new(RefCell::new(session))),
            data_version: 0,
            good_version: 0,
            store_version: 0,
            scenario_revision: 0,
            mode: if text_refusal.is_some() {
                EditMode::Hex
            } else {
                EditMode::Text
            },
            text_refusal,
            digests,
            last_change: None,
            notice: None,
            busy: None,
            waiting: Vec::new(),
            opening: None,
            expected: String::new(),
            hex_selected: None,
            hex_offset: 0,
            show_truth: true,
        }
    }

    /// The page of a session replayed from `scenario` (as [`ChecksumSession::replay`] makes it);
    /// the same steps give the same state. Replaying is not a change of the learner's: nothing to
    /// keep until they change something.
    pub(super) fn replayed(
        session: ChecksumSession,
        scenario: &ChecksumsScenario,
    ) -> ChecksumsState {
        let steps = session.steps().len();
        let mut s = ChecksumsState::with_session(session);
        // Data that starts out in the hex view stays there, as when the learner opened it.
        if starts_as_hex(&scenario.start) {
            s.mode = EditMode::Hex;
        }
        s.show_truth = scenario.show_truth;
        s.expected = scenario.expected.clone();
        s.last_change = Some(format!("Replayed {steps} recorded steps."));
        s
    }

    /// This session as a scenario, or why it cannot be one.
    pub fn scenario(&self) -> Result<ChecksumsScenario, String> {
        // Still being opened: it is the scenario that is being opened.
        if let Some(opening) = &self.opening {
            return Ok((*opening.scenario).clone());
        }
        if let Some(why) = self.unshareable() {
            return Err(why);
        }
        let session = self.session.borrow();
        Ok(ChecksumsScenario {
            start: session.start().clone(),
            steps: session.steps().to_vec(),
            show_truth: self.show_truth,
            expected: self.expected.clone(),
        })
    }

    /// Why this session cannot be shared or kept, if it cannot (data from a large file).
    pub fn unshareable(&self) -> Option<String> {
        self.session.borrow().unrecorded().map(|len| {
            format!(
                "it starts from {} of a file, more than the {} a link, a file or the browser's storage can carry",
                bytes_label(len),
                bytes_label(SHAREABLE_BYTES)
            )
        })
    }

    /// Whether the data equals the good copy (the history keeps count, so this costs nothing).
    pub fn is_good(&self) -> bool {
        self.session.borrow().history().is_good()
    }

    /// The digests of the current data, if they are computed.
    pub fn current_digests(&self) -> Option<Rc<Digests>> {
        self.digests.of_data(self.data_version)
    }

    /// Performs `action` and says what it changed; `None` when it changed nothing at all.
    fn act(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::ContinueOpening => {
                self.continue_opening();
                Some(Effect::VIEW)
            }
            Action::StopOpening => {
                self.stop_opening();
                Some(Effect::VIEW)
            }
            // While a scenario opens the tab shows no controls, so nothing makes a step; one
            // would be applied to the empty page the opened session replaces.
            Action::Step(_) if self.opening.is_some() => None,
            // New data is on its way (a file, generated data, a large paste) and would replace
            // whatever a step did in the meantime: the step follows it instead.
            Action::Step(step) if self.busy.is_some() => {
                self.waiting.push(step);
                self.notice = Some(Notice {
                    text: format!(
                        "{} Your {} made meanwhile will follow, in order.",
                        self.busy.as_deref().unwrap_or_default(),
                        match self.waiting.len() {
                            1 => "change".to_string(),
                            n => format!("{n} changes"),
                        }
                    ),
                    error: false,
                });
                Some(Effect::VIEW)
            }
            Action::Step(step) => {
                let applied = self.session.0.borrow_mut().apply(step);
                match applied {
                    Ok(applied) => Some(self.absorb(applied)),
                    Err(e) => self.refuse(format!("Could not use that data: {e}.")),
                }
            }
            Action::Replace {
                data,
                source,
                label,
            } => {
                self.busy = None;
                let applied = self.session.0.borrow_mut().replace(data, &label, source);
                Some(self.absorb(applied))
            }
            // Typing is not the end of busy work (the box is read-only meanwhile; a paste ends its
            // own busy state once its text is in).
            Action::Typed { text, continues } => {
                let applied = self.session.0.borrow_mut().replace_typed(text, continues);
                Some(self.absorb(applied))
            }
            Action::DigestsReady(version, digests) => {
                if version != self.data_version {
                    return None;
                }
                let is_good = self.is_good();
                self.digests.data_arrived(version, digests, is_good);
                Some(Effect::VIEW)
            }
            Action::GoodDigestsReady(version, digests) => {
                let arrived = version == self.good_version && self.digests.good_arrived(digests);
                arrived.then_some(Effect::VIEW)
            }
            Action::HashProgress(version, progress) => {
                if version != self.data_version {
                    return None;
                }
                self.digests.progress = Some(progress);
                Some(Effect::VIEW)
            }
            Action::SetMode(mode) => {
                if mode == EditMode::Text && self.text_refusal.is_some() {
                    return None;
                }
                self.mode = mode;
                Some(Effect::VIEW)
            }
            Action::SelectByte(i) => {
                let len = self.session.borrow().history().data().len();
                self.hex_selected = i.filter(|&i| i < len);
                if let Some(i) = self.hex_selected {
                    self.hex_offset = page_start(i, len);
                }
                Some(Effect::VIEW)
            }
            Action::SetHexOffset(o) => {
                self.hex_offset = page_start(o, self.session.borrow().history().data().len());
                Some(Effect::VIEW)
            }
            Action::SetExpected(text) => {
                self.expected = text;
                Some(Effect::SCENARIO)
            }
            Action::SetShowTruth(on) => {
                self.show_truth = on;
                Some(Effect::SCENARIO)
            }
            Action::SetBusy(b) => {
                self.busy = b;
                Some(Effect::VIEW)
            }
            Action::Notify(n) => {
                if self.notice.as_ref() == Some(&n) {
                    return None;
                }
                // A message is not the end of busy work: the work that failed ends it itself.
                self.notice = Some(n);
                Some(Effect::VIEW)
            }
            Action::DismissNotice => self.notice.take().map(|_| Effect::VIEW),
        }
    }

    /// What a step the session applied changed, and what the page says about it.
    fn absorb(&mut self, applied: Applied) -> Effect {
        let effect = Effect {
            scenario: applied.recorded,
            ..Effect::VIEW
        };
        match applied.changed {
            Changed::Data => {
                self.last_change = Some(applied.said);
                self.notice = None;
                Effect {
                    data: true,
                    ..effect
                }
            }
            Changed::Good => {
                self.last_change = Some(applied.said);
                Effect {
                    good: true,
                    ..effect
                }
            }
            // The store says what happened itself (its note, its last write and read).
            Changed::Store => Effect {
                store: true,
                ..effect
            },
            Changed::Nothing if applied.refused => {
                self.refuse(applied.said);
                effect
            }
            Changed::Nothing => effect,
        }
    }

    fn refuse(&mut self, text: String) -> Option<Effect> {
        self.notice = Some(Notice { text, error: true });
        Some(Effect::VIEW)
    }

    /// Moves the counters `effect` calls for, and brings what depends on them up to date.
    fn count(&mut self, effect: Effect) {
        if effect.data {
            self.data_version += 1;
            self.data_changed();
        }
        if effect.good {
            self.good_version += 1;
            // A large good copy is finished in slices (see `hashing`).
            self.digests.new_good(self.data_version);
        }
        if effect.store {
            self.store_version += 1;
        }
        if effect.scenario {
            self.scenario_revision += 1;
        }
    }

    /// After the data changed: its digests are unknown (unless it is the good copy again), the
    /// selection is kept within it, and a text box shows it only if it can hold it exactly.
    fn data_changed(&mut self) {
        let session = self.session.borrow();
        let data = session.history().data();
        self.digests
            .data_changed(self.data_version, session.history().is_good());
        self.hex_selected = self.hex_selected.filter(|&i| i < data.len());
        if self.hex_offset >= data.len() {
            self.hex_offset = 0;
        }
        self.text_refusal = text_box_view(data, TEXT_BOX_MAX).err();
        if self.text_refusal.is_some() {
            self.mode = EditMode::Hex;
        }
    }
}

/// Whether `start` is data a text box cannot hold exactly (too large, not UTF-8, carriage
/// returns). Data it can hold is at most [`TEXT_BOX_MAX`] bytes, so making it again to see is
/// cheap.
fn starts_as_hex(start: &DataSource) -> bool {
    start.len() > TEXT_BOX_MAX as u64
        || bytes_of(start).map_or(true, |data| text_box_view(&data, TEXT_BOX_MAX).is_err())
}

impl Default for ChecksumsState {
    fn default() -> Self {
        ChecksumsState::new()
    }
}

impl Reducible for ChecksumsState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match s.act(action) {
            Some(effect) => {
                s.count(effect);
                // The long work is over (done or failed): the steps made meanwhile follow.
                if s.busy.is_none() {
                    for step in std::mem::take(&mut s.waiting) {
                        if let Some(effect) = s.act(Action::Step(step)) {
                            s.count(effect);
                        }
                    }
                }
                Rc::new(s)
            }
            None => self,
        }
    }
}
