//! The Checksums tab's state: the data and its history, the digests of the current and the good
//! copy, the pasted expected digest, and the replicated store. Large buffers live behind shared
//! cells; `data_version` says when the data changed (and so when to hash it again).
//!
//! Every action that changes the session is also recorded as a scenario step, so the session can
//! be shared as a link, exported, kept in the browser and replayed exactly.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::checksum::{
    Algorithm, Corruption, Digests, History, Progress, ReadError, ReadOutcome, Store, StoreConfig,
    WriteReport, bytes_label, text_box_view,
};
use crate::scenario::{ChecksumStep, ChecksumsScenario, DataSource};

/// The data a learner starts with.
pub const SAMPLE_TEXT: &str = "The quick brown fox jumps over the lazy dog";
/// The store demo writes at most this much, so every read is shown at once without freezing.
pub const STORE_MAX: usize = 1024 * 1024;
/// Data from a file larger than this cannot go into a link, a file or the browser's storage.
pub const SHAREABLE_BYTES: usize = 1024 * 1024;
/// Text longer than this is not put in the text box (the hex view shows any size).
pub const TEXT_BOX_MAX: usize = 1024 * 1024;

pub use crate::ui::notice::Notice;

/// How the data is edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditMode {
    /// As UTF-8 text.
    Text,
    /// As bytes and bits.
    Hex,
}

/// The outcome of the last read of the store.
pub type LastRead = Option<Result<ReadOutcome, ReadError>>;

/// The Checksums tab's whole state.
#[derive(Clone)]
pub struct CkState {
    /// The data, the good copy and undo/redo.
    pub history: Rc<RefCell<History>>,
    /// Bumped whenever the data changes.
    pub data_version: u64,
    /// How the data is edited.
    pub mode: EditMode,
    /// Why the data cannot be edited as text (too large, not UTF-8, or carriage returns a text box
    /// would change), if it cannot; the data is then shown in the hex view.
    pub text_refusal: Option<String>,
    /// The digests of the data at a version, once computed.
    pub digests: Option<(u64, Rc<Digests>)>,
    /// The digests of the good copy, once computed.
    pub good_digests: Option<Rc<Digests>>,
    /// Bumped whenever a new good copy is taken.
    pub good_version: u64,
    /// The good copy must be hashed on its own: its digests are unknown and the data differs
    /// from it. Stays set until they arrive or a new good copy is taken.
    pub good_hash_wanted: bool,
    /// Hashing progress of the current data, while it is hashed in slices.
    pub hashing: Option<Progress>,
    /// What the last change did, in words.
    pub last_change: Option<String>,
    /// A message after the last action.
    pub notice: Option<Notice>,
    /// Long work in progress (generating, reading a file), described.
    pub busy: Option<String>,
    /// The expected digest as pasted.
    pub expected: String,
    /// The byte selected in the hex view.
    pub hex_selected: Option<usize>,
    /// The first byte of the hex view's page.
    pub hex_offset: usize,
    /// The replicated store.
    pub store: Rc<RefCell<Store>>,
    /// Bumped whenever the store changes.
    pub store_version: u64,
    /// The store's settings.
    pub store_config: StoreConfig,
    /// What the last write did.
    pub last_write: Option<WriteReport>,
    /// What the last read did.
    pub last_read: Rc<LastRead>,
    /// What the last store action did (a fault injected) or why it was refused.
    pub store_status: Option<Notice>,
    /// Whether the ground truth of the replicas is shown.
    pub show_truth: bool,
    /// The data the recorded session starts from.
    pub start: DataSource,
    /// Every step since, in order.
    pub steps: Vec<ChecksumStep>,
    /// Why this session cannot be shared or kept, if it cannot (data from a large file).
    pub unshareable: Option<String>,
    /// Bumped when what a share link would say changes.
    pub scenario_revision: u64,
    /// Whether the latest recorded step is a text edit whose undo step is still the latest: the
    /// next pause in typing then replaces both (one undo step, one step in the link), so a long
    /// editing session stays small enough to keep.
    typing: bool,
    /// Set while a recorded session is replayed: what only the view needs (whether a text box
    /// can hold the data) is worked out once at the end, not after every step.
    replaying: bool,
    revision: u64,
}

impl PartialEq for CkState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.history, &other.history) && self.revision == other.revision
    }
}

/// Everything the learner (or the hashing task) can do on the tab.
#[derive(Clone, Debug)]
pub enum Action {
    /// Replace the whole data (text typed, file opened, data generated); `source` says how to make
    /// it again (`None`: it cannot be remade, such as a large file); `label` says where it came from.
    Replace {
        /// The new bytes.
        data: Vec<u8>,
        /// How to make them again.
        source: Option<DataSource>,
        /// Where they came from.
        label: String,
        /// Whether this continues the learner's typing of a moment ago: the text then stands in
        /// for the step that typing made (one undo step, one step in the link). Replays never
        /// merge: what was merged is already one step in what they replay.
        continues: bool,
    },
    /// Apply a corruption.
    Corrupt(Corruption),
    /// Undo the last step.
    Undo,
    /// Redo the last undone step.
    Redo,
    /// Take the current data as the good copy.
    MarkGood,
    /// Put the good copy back.
    RestoreGood,
    /// The digests of data version `version` are ready.
    DigestsReady(u64, Rc<Digests>),
    /// The digests of good-copy version `version` are ready.
    GoodDigestsReady(u64, Rc<Digests>),
    /// Hashing of data version `version` has got this far.
    HashProgress(u64, Progress),
    /// Edit as text or as hex.
    SetMode(EditMode),
    /// Select a byte in the hex view.
    SelectByte(Option<usize>),
    /// Show the hex page starting at this offset.
    SetHexOffset(usize),
    /// The expected digest box changed.
    SetExpected(String),
    /// Change the store's replicas or algorithm (a new, empty store).
    SetStoreConfig(StoreConfig),
    /// Turn read repair on or off (what is stored stays).
    SetReadRepair(bool),
    /// Turn the end-to-end check on or off (what is stored stays).
    SetEndToEnd(bool),
    /// Write the current data to the store.
    Write,
    /// Read from the store.
    Read,
    /// Flip a random bit of replica `k`'s stored data (a disk fault).
    CorruptAtRest(usize),
    /// Flip a random bit of the next read from replica `k` (a network fault).
    CorruptInTransit(usize),
    /// Flip a random bit in the storage node's memory before it computes the checksum, on the next write.
    CorruptBeforeChecksum,
    /// Flip a random bit of replica `k`'s stored checksum (its data stays intact).
    CorruptStoredChecksum(usize),
    /// Reveal or hide which replicas are really damaged.
    SetShowTruth(bool),
    /// Something long started (or ended, with `None`).
    SetBusy(Option<String>),
    /// Say something to the learner.
    Notify(Notice),
    /// Hide the message.
    DismissNotice,
}

/// The action that performs a recorded step.
pub fn action_for(step: &ChecksumStep) -> Result<Action, String> {
    Ok(match step {
        ChecksumStep::Replace(source) => Action::Replace {
            data: bytes_of(source)?,
            source: Some(source.clone()),
            label: "loaded".into(),
            continues: false,
        },
        ChecksumStep::Corrupt(op) => Action::Corrupt(*op),
        ChecksumStep::Undo => Action::Undo,
        ChecksumStep::Redo => Action::Redo,
        ChecksumStep::MarkGood => Action::MarkGood,
        ChecksumStep::RestoreGood => Action::RestoreGood,
        ChecksumStep::Store(c) => Action::SetStoreConfig(*c),
        ChecksumStep::ReadRepair(on) => Action::SetReadRepair(*on),
        ChecksumStep::EndToEnd(on) => Action::SetEndToEnd(*on),
        ChecksumStep::Write => Action::Write,
        ChecksumStep::Read => Action::Read,
        ChecksumStep::CorruptAtRest(k) => Action::CorruptAtRest(*k as usize),
        ChecksumStep::CorruptInTransit(k) => Action::CorruptInTransit(*k as usize),
        ChecksumStep::CorruptBeforeChecksum => Action::CorruptBeforeChecksum,
        ChecksumStep::CorruptStoredChecksum(k) => Action::CorruptStoredChecksum(*k as usize),
    })
}

/// The step an action records, if it changes the session.
fn step_for(action: &Action) -> Option<ChecksumStep> {
    Some(match action {
        Action::Corrupt(op) => ChecksumStep::Corrupt(*op),
        Action::Undo => ChecksumStep::Undo,
        Action::Redo => ChecksumStep::Redo,
        Action::MarkGood => ChecksumStep::MarkGood,
        Action::RestoreGood => ChecksumStep::RestoreGood,
        Action::SetStoreConfig(c) => ChecksumStep::Store(*c),
        Action::SetReadRepair(on) => ChecksumStep::ReadRepair(*on),
        Action::SetEndToEnd(on) => ChecksumStep::EndToEnd(*on),
        Action::Write => ChecksumStep::Write,
        Action::Read => ChecksumStep::Read,
        Action::CorruptAtRest(k) => ChecksumStep::CorruptAtRest(*k as u32),
        Action::CorruptInTransit(k) => ChecksumStep::CorruptInTransit(*k as u32),
        Action::CorruptBeforeChecksum => ChecksumStep::CorruptBeforeChecksum,
        Action::CorruptStoredChecksum(k) => ChecksumStep::CorruptStoredChecksum(*k as u32),
        _ => return None,
    })
}

pub use crate::scenario::checksum_session::bytes_of;

impl CkState {
    /// The sample text, marked good, and an empty store.
    pub fn new() -> CkState {
        CkState::with_data(
            SAMPLE_TEXT.as_bytes().to_vec(),
            DataSource::Text(SAMPLE_TEXT.into()),
        )
        .expect("the sample text is small")
    }

    fn with_data(data: Vec<u8>, start: DataSource) -> Result<CkState, String> {
        let text_refusal = text_box_view(&data, TEXT_BOX_MAX).err();
        let history = History::new(data, 1).map_err(|e| e.to_string())?;
        let store_config = StoreConfig::default();
        let store = Store::new(store_config, 1).map_err(|e| e.to_string())?;
        Ok(CkState {
            history: Rc::new(RefCell::new(history)),
            data_version: 0,
            mode: if text_refusal.is_some() {
                EditMode::Hex
            } else {
                EditMode::Text
            },
            text_refusal,
            digests: None,
            good_digests: None,
            good_version: 0,
            good_hash_wanted: false,
            hashing: None,
            last_change: None,
            notice: None,
            busy: None,
            expected: String::new(),
            hex_selected: None,
            hex_offset: 0,
            store: Rc::new(RefCell::new(store)),
            store_version: 0,
            store_config,
            last_write: None,
            last_read: Rc::new(None),
            store_status: None,
            show_truth: true,
            start,
            steps: Vec::new(),
            unshareable: None,
            scenario_revision: 0,
            typing: false,
            replaying: false,
            revision: 0,
        })
    }

    /// Replays a recorded session step by step; the same steps give the same state.
    pub fn from_scenario(scenario: &ChecksumsScenario) -> Result<CkState, String> {
        let data = bytes_of(&scenario.start)?;
        let mut state = CkState::with_data(data, scenario.start.clone())?;
        state.replaying = true;
        let mut state = Rc::new(state);
        for step in &scenario.steps {
            state = state.reduce(action_for(step)?);
        }
        let mut s = (*state).clone();
        s.replaying = false;
        s.update_text_view();
        s.show_truth = scenario.show_truth;
        s.expected = scenario.expected.clone();
        s.notice = None;
        // Replaying is not a change of the learner's: nothing to keep until they change something.
        s.scenario_revision = 0;
        s.last_change = Some(format!("Replayed {} recorded steps.", scenario.steps.len()));
        Ok(s)
    }

    /// This session as a scenario, or why it cannot be one.
    pub fn scenario(&self) -> Result<ChecksumsScenario, String> {
        if let Some(why) = &self.unshareable {
            return Err(why.clone());
        }
        Ok(ChecksumsScenario {
            start: self.start.clone(),
            steps: self.steps.clone(),
            show_truth: self.show_truth,
            expected: self.expected.clone(),
        })
    }

    /// Whether the data equals the good copy (the history keeps count, so this costs nothing).
    pub fn is_good(&self) -> bool {
        self.history.borrow().is_good()
    }

    /// The digests of the current data, if they are computed.
    pub fn current_digests(&self) -> Option<Rc<Digests>> {
        self.digests
            .as_ref()
            .filter(|(v, _)| *v == self.data_version)
            .map(|(_, d)| d.clone())
    }

    fn data_changed(&mut self, description: String) {
        self.data_version += 1;
        self.hashing = None;
        self.last_change = Some(description);
        self.notice = None;
        let len = self.history.borrow().data().len();
        self.hex_selected = self.hex_selected.filter(|&i| i < len);
        if self.hex_offset >= len {
            self.hex_offset = 0;
        }
        // Back to the good copy: its digests are known, nothing to hash.
        if self.is_good() {
            if let Some(good) = &self.good_digests {
                self.digests = Some((self.data_version, good.clone()));
            }
        } else if self.good_digests.is_none() {
            // The good copy was taken before its digests were known and the data has moved on:
            // hash the good copy on its own.
            self.good_hash_wanted = true;
        }
        if !self.replaying {
            self.update_text_view();
        }
    }

    /// Data a text box would not hold exactly is shown as hex, with the reason.
    fn update_text_view(&mut self) {
        self.text_refusal = text_box_view(self.history.borrow().data(), TEXT_BOX_MAX).err();
        if self.text_refusal.is_some() {
            self.mode = EditMode::Hex;
        }
    }

    fn store_says(&mut self, text: impl Into<String>, error: bool) {
        let text = text.into();
        let mut chars = text.chars();
        let text = match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => text,
        };
        self.store_status = Some(Notice { text, error });
    }

    fn refuse(&mut self, what: &str, why: impl std::fmt::Display) {
        self.notice = Some(Notice {
            text: format!("{what}: {why}."),
            error: true,
        });
    }

    fn record(&mut self, step: ChecksumStep) {
        self.steps.push(step);
        self.scenario_revision += 1;
    }
}

impl Default for CkState {
    fn default() -> Self {
        CkState::new()
    }
}

impl Reducible for CkState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        s.revision += 1;
        let typing = std::mem::take(&mut s.typing);
        if let Some(step) = step_for(&action) {
            s.record(step);
        } else if !matches!(action, Action::Replace { .. }) {
            // Not a step: whatever was being typed is still the latest step.
            s.typing = typing;
        }
        match action {
            Action::Replace {
                data,
                source,
                label,
                continues,
            } => {
                let len = data.len();
                let is_text = matches!(source, Some(DataSource::Text(_)));
                if is_text
                    && continues
                    && typing
                    && len <= crate::checksum::MAX_DATA_LEN
                    && matches!(
                        s.steps.last(),
                        Some(ChecksumStep::Replace(DataSource::Text(_)))
                    )
                {
                    s.history.borrow_mut().take_back_latest();
                    s.steps.pop();
                }
                let result = s.history.borrow_mut().replace(data, &label);
                match result {
                    Ok(d) => {
                        // A replacement with the same bytes adds no undo step (and no offset).
                        s.typing = is_text && d.offset.is_some();
                        let text = d.text.clone();
                        match source {
                            Some(src) if src.stored_len() <= SHAREABLE_BYTES => {
                                s.record(ChecksumStep::Replace(src))
                            }
                            _ => {
                                s.unshareable = Some(format!(
                                    "it starts from {} of a file, more than the {} a link, a file or the browser's storage can carry",
                                    bytes_label(len),
                                    bytes_label(SHAREABLE_BYTES)
                                ));
                                s.scenario_revision += 1;
                            }
                        }
                        s.data_changed(text);
                    }
                    Err(e) => s.refuse("Could not use that data", e),
                }
                s.busy = None;
            }
            Action::Corrupt(op) => {
                let result = s.history.borrow_mut().apply(op);
                match result {
                    Ok(d) => s.data_changed(d.text),
                    Err(e) => s.refuse("Could not corrupt the data", e),
                }
            }
            Action::Undo => {
                // Says what was undone and what the data is now, as the page shows it.
                let said = s.history.borrow_mut().undo_and_describe();
                if let Some(said) = said {
                    s.data_changed(said);
                }
            }
            Action::Redo => {
                let said = s.history.borrow_mut().redo_and_describe();
                if let Some(said) = said {
                    s.data_changed(said);
                }
            }
            Action::MarkGood => {
                s.history.borrow_mut().mark_good();
                // A new good copy: a run hashing the old one is abandoned, and a large copy is
                // finished in slices (see `hashing`).
                s.good_version += 1;
                s.good_hash_wanted = false;
                // Still hashing: the data's digests, once ready, are the good copy's (unless the
                // data changes first, and then the good copy is hashed on its own).
                s.good_digests = s.current_digests();
                let len = s.history.borrow().data().len();
                s.last_change = Some(format!(
                    "Marked the current {} as the good copy.",
                    bytes_label(len)
                ));
            }
            Action::RestoreGood => {
                let result = s.history.borrow_mut().restore_good();
                match result {
                    Ok(d) => s.data_changed(d.text),
                    Err(e) => s.refuse("Nothing to restore", e),
                }
            }
            Action::DigestsReady(version, digests) => {
                if version != s.data_version {
                    return self;
                }
                if s.is_good() && s.good_digests.is_none() {
                    s.good_digests = Some(digests.clone());
                    s.good_hash_wanted = false;
                }
                s.digests = Some((version, digests));
                s.hashing = None;
            }
            Action::GoodDigestsReady(version, digests) => {
                if version != s.good_version || s.good_digests.is_some() {
                    return self;
                }
                s.good_digests = Some(digests);
                s.good_hash_wanted = false;
            }
            Action::HashProgress(version, progress) => {
                if version != s.data_version {
                    return self;
                }
                s.hashing = Some(progress);
            }
            Action::SetMode(mode) => {
                if mode == EditMode::Text && s.text_refusal.is_some() {
                    return self;
                }
                s.mode = mode;
            }
            Action::SelectByte(i) => {
                let len = s.history.borrow().data().len();
                s.hex_selected = i.filter(|&i| i < len);
                if let Some(i) = s.hex_selected {
                    s.hex_offset = i / super::hex_view::PAGE * super::hex_view::PAGE;
                }
            }
            Action::SetHexOffset(o) => {
                let len = s.history.borrow().data().len();
                s.hex_offset =
                    o.min(len.saturating_sub(1)) / super::hex_view::PAGE * super::hex_view::PAGE;
            }
            Action::SetExpected(text) => {
                s.expected = text;
                s.scenario_revision += 1;
            }
            Action::SetStoreConfig(config) => match Store::new(config, s.store_version + 1) {
                Ok(store) => {
                    s.store = Rc::new(RefCell::new(store));
                    s.store_config = config;
                    s.last_write = None;
                    s.last_read = Rc::new(None);
                    s.store_says(
                        format!(
                            "a new store: {} with {}, empty until you write the data again.",
                            if config.replicas == 1 {
                                "1 replica".to_string()
                            } else {
                                format!("{} replicas", config.replicas)
                            },
                            config.algorithm.name()
                        ),
                        false,
                    );
                    s.store_version += 1;
                }
                Err(e) => s.store_says(format!("could not set up the store: {e}."), true),
            },
            Action::SetReadRepair(on) => {
                s.store.borrow_mut().set_read_repair(on);
                s.store_config.read_repair = on;
                s.store_version += 1;
            }
            Action::SetEndToEnd(on) => {
                s.store.borrow_mut().set_end_to_end(on);
                s.store_config.end_to_end = on;
                s.store_version += 1;
            }
            Action::Write => {
                let len = s.history.borrow().data().len();
                if len > STORE_MAX {
                    s.store_says(
                        format!(
                            "not written: the store demo writes at most {} so every step of a read shows at once; this data is {}. Generate or truncate to a smaller size.",
                            bytes_label(STORE_MAX),
                            bytes_label(len)
                        ),
                        true,
                    );
                } else {
                    let result = {
                        let history = s.history.borrow();
                        s.store.borrow_mut().write(history.data())
                    };
                    match result {
                        Ok(report) => {
                            s.last_write = Some(report);
                            s.last_read = Rc::new(None);
                            s.store_status = None;
                        }
                        Err(e) => s.store_says(format!("could not write: {e}."), true),
                    }
                }
                s.store_version += 1;
            }
            Action::Read => {
                let result = s.store.borrow_mut().read();
                s.last_read = Rc::new(Some(result));
                s.store_status = None;
                s.store_version += 1;
            }
            Action::CorruptAtRest(k) => {
                let result = s
                    .store
                    .borrow_mut()
                    .corrupt_at_rest(k, Corruption::FlipRandomBit);
                match result {
                    Ok(d) => {
                        // The last read's steps describe replicas as they were; read again.
                        s.last_read = Rc::new(None);
                        s.store_says(format!("{}.", d.text), false)
                    }
                    Err(e) => s.store_says(format!("could not corrupt the replica: {e}."), true),
                }
                s.store_version += 1;
            }
            Action::CorruptInTransit(k) => {
                let result = s
                    .store
                    .borrow_mut()
                    .corrupt_in_transit(k, Corruption::FlipRandomBit);
                match result {
                    Ok(said) => s.store_says(format!("{said}."), false),
                    Err(e) => s.store_says(format!("could not arm the network fault: {e}."), true),
                }
                s.store_version += 1;
            }
            Action::CorruptStoredChecksum(k) => {
                let result = s.store.borrow_mut().corrupt_stored_checksum(k);
                match result {
                    Ok(said) => {
                        // The last read's steps describe replicas as they were; read again.
                        s.last_read = Rc::new(None);
                        s.store_says(format!("{said}."), false)
                    }
                    Err(e) => s.store_says(format!("could not damage the checksum: {e}."), true),
                }
                s.store_version += 1;
            }
            Action::CorruptBeforeChecksum => {
                // The store panel shows the armed fault until the next write.
                s.store
                    .borrow_mut()
                    .corrupt_before_checksum(Corruption::FlipRandomBit);
                s.store_status = None;
                s.store_version += 1;
            }
            Action::SetShowTruth(on) => {
                s.show_truth = on;
                s.scenario_revision += 1;
            }
            Action::SetBusy(b) => s.busy = b,
            Action::Notify(n) => {
                if s.notice.as_ref() == Some(&n) {
                    return self;
                }
                s.notice = Some(n);
                s.busy = None;
            }
            Action::DismissNotice => s.notice = None,
        }
        Rc::new(s)
    }
}

/// Every algorithm the digest table shows.
pub const ALGORITHMS: [Algorithm; 5] = Algorithm::ALL;
