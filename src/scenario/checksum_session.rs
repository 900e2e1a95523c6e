//! A Checksums session as pure data: the data's undo history, the replicated store, and every
//! recorded step, applied one [`ChecksumStep`] at a time. Replaying a scenario's steps through it
//! gives the same data, store and messages whichever thread or page runs it, so lessons and links
//! are checked natively exactly as the page replays them, and the page itself keeps its session
//! in one of these: what the learner does becomes a step applied here.

use crate::checksum::{
    Corruption, History, MAX_DATA_LEN, ReadError, ReadOutcome, Store, StoreConfig, WriteReport,
    bytes_label, random_data,
};

use super::model::{ChecksumStep, ChecksumsScenario, DataSource};

/// The most the store demo writes, so every step of a read shows at once (1 MiB).
pub const STORE_MAX: usize = 1024 * 1024;

/// Data whose source takes more than this to write down (1 MiB, such as a large file) is used but
/// not recorded: a link, a file or the browser's storage could not carry it.
pub const SHAREABLE_BYTES: usize = 1024 * 1024;

/// How typed text is labelled in its undo step and in what the page says about it.
const TYPED: &str = "edited the text";

/// How replayed data is labelled.
const LOADED: &str = "loaded";

/// What applying one step changed, so a page redraws only that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    /// Nothing: the step was refused, or there was nothing to undo or redo.
    Nothing,
    /// The data (and so its digests).
    Data,
    /// The good copy (the data was marked good).
    Good,
    /// The store, or what the store says (see [`ChecksumSession::store_note`]).
    Store,
}

/// The outcome of one step: what changed and what to tell the learner. A refused step is still an
/// outcome (the page says why), not an error: replaying a link goes on past it, as the page does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// What changed.
    pub changed: Changed,
    /// The sentence for the learner: what a data step changed or why it was refused (as the page
    /// shows it), what was marked good, or what a store step did.
    pub said: String,
    /// Whether the step was refused (the sentence says why).
    pub refused: bool,
    /// Whether the session's record changed: the step joined its steps, or it used data too large
    /// to carry (see [`ChecksumSession::unrecorded`]). False only for a refused replacement.
    pub recorded: bool,
}

/// What the store says after the last store step that said something, as the page shows it
/// beside the store's buttons.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreNote {
    /// The sentence, starting with a capital letter and ending with a full stop.
    pub text: String,
    /// Whether it says why a step was refused.
    pub error: bool,
}

/// The data, the store and the steps of one Checksums session. Two sessions are equal when their
/// data, history, store, outcomes and steps are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecksumSession {
    start: DataSource,
    history: History,
    store: Store,
    store_config: StoreConfig,
    /// Counts store steps (but a refused setup); a new store draws its random faults from a
    /// generator seeded with it.
    store_version: u64,
    last_write: Option<WriteReport>,
    last_read: Option<Result<ReadOutcome, ReadError>>,
    store_note: Option<StoreNote>,
    steps: Vec<ChecksumStep>,
    /// `Some(in_steps)` while the latest undo step is typed text (and, if `in_steps`, the latest
    /// step too): the next pause in typing may stand in for it.
    typing: Option<bool>,
    /// The length of the latest data used without being recorded, if any.
    unrecorded: Option<usize>,
}

/// The bytes a data source describes.
pub fn bytes_of(source: &DataSource) -> Result<Vec<u8>, String> {
    match source {
        DataSource::Text(t) => Ok(t.as_bytes().to_vec()),
        DataSource::Random { len, seed } => {
            // A length past what this platform can address is refused as too large, not cut short.
            let len = usize::try_from(*len).unwrap_or(usize::MAX);
            random_data(len, *seed).map_err(|e| e.to_string())
        }
        DataSource::Bytes(b) => Ok(b.clone()),
    }
}

impl ChecksumSession {
    /// A session whose data starts as `start` (also the first good copy), with an empty store.
    pub fn new(start: DataSource) -> Result<ChecksumSession, String> {
        let data = bytes_of(&start)?;
        ChecksumSession::starting_with(start, data)
    }

    /// A session whose data starts as `data`, the bytes `start` describes, made elsewhere (a
    /// replay makes large random data a slice at a time): the same session as
    /// [`ChecksumSession::new`] makes.
    pub fn starting_with(start: DataSource, data: Vec<u8>) -> Result<ChecksumSession, String> {
        let history = History::new(data, 1).map_err(|e| e.to_string())?;
        let store_config = StoreConfig::default();
        let store = Store::new(store_config, 1).map_err(|e| e.to_string())?;
        Ok(ChecksumSession {
            start,
            history,
            store,
            store_config,
            store_version: 0,
            last_write: None,
            last_read: None,
            store_note: None,
            steps: Vec::new(),
            typing: None,
            unrecorded: None,
        })
    }

    /// Replays a scenario's steps from its start.
    pub fn replay(scenario: &ChecksumsScenario) -> Result<ChecksumSession, String> {
        let mut session = ChecksumSession::new(scenario.start.clone())?;
        session.apply_all(&scenario.steps)?;
        Ok(session)
    }

    /// Applies `steps` in order (see [`ChecksumSession::apply`]).
    pub fn apply_all(&mut self, steps: &[ChecksumStep]) -> Result<(), String> {
        for step in steps {
            self.apply(step.clone())?;
        }
        Ok(())
    }

    /// Applies one step and records it. `Err` only when the step's own data cannot be made (a
    /// source out of range); everything else the page would refuse comes back as a refused
    /// [`Applied`], recorded like the page records it: a refused replacement is left out (the
    /// data it names could not be used), any other refused step is kept.
    pub fn apply(&mut self, step: ChecksumStep) -> Result<Applied, String> {
        if let ChecksumStep::Replace(source) = step {
            let data = bytes_of(&source)?;
            return Ok(self.apply_replacement(source, data));
        }
        self.typing = None;
        self.steps.push(step.clone());
        Ok(match step {
            ChecksumStep::Corrupt(op) => {
                data_outcome(self.history.apply(op), "Could not corrupt the data")
            }
            ChecksumStep::Undo => undo_outcome(self.history.undo_and_describe(), "undo"),
            ChecksumStep::Redo => undo_outcome(self.history.redo_and_describe(), "redo"),
            ChecksumStep::RestoreGood => {
                data_outcome(self.history.restore_good(), "Nothing to restore")
            }
            ChecksumStep::MarkGood => {
                // A large good copy is finished later, a slice at a time (see
                // `continue_good_copy`); until then the data stands for it.
                self.history.mark_good();
                Applied {
                    changed: Changed::Good,
                    said: format!(
                        "Marked the current {} as the good copy.",
                        bytes_label(self.history.data().len())
                    ),
                    refused: false,
                    recorded: true,
                }
            }
            store_step => self.store_step(store_step),
        })
    }

    /// Applies the step `Replace(source)` with `data`, the bytes `source` describes, made
    /// elsewhere (a replay makes large random data a slice at a time): the same as
    /// [`ChecksumSession::apply`] does with that step.
    pub fn apply_replacement(&mut self, source: DataSource, data: Vec<u8>) -> Applied {
        self.typing = None;
        self.replace_data(data, LOADED, Some(source)).0
    }

    /// Replaces the data with bytes the page already has (a file it read, data it generated in
    /// slices) as one undoable step labelled `label`. `source` says how to make them again; the
    /// step is recorded when it is given and at most [`SHAREABLE_BYTES`] to write down, and
    /// otherwise the session notes that its steps no longer remake its data.
    pub fn replace(&mut self, data: Vec<u8>, label: &str, source: Option<DataSource>) -> Applied {
        self.typing = None;
        self.replace_data(data, label, source).0
    }

    /// Replaces the data with text the learner typed. When `continues` (the learner paused only
    /// briefly) and the latest step is typed text, the new text stands in for it: one undo step
    /// and one recorded step for a whole burst of typing, so a long session stays small.
    pub fn replace_typed(&mut self, text: String, continues: bool) -> Applied {
        if let Some(in_steps) = self.typing.take() {
            if continues && text.len() <= MAX_DATA_LEN {
                self.history.take_back_latest();
                if in_steps {
                    self.steps.pop();
                }
            }
        }
        let source = DataSource::Text(text.clone());
        let (applied, typed) = self.replace_data(text.into_bytes(), TYPED, Some(source));
        self.typing = typed;
        applied
    }

    /// Replaces the data; also says, if it added an undo step, whether it recorded a step.
    fn replace_data(
        &mut self,
        data: Vec<u8>,
        label: &str,
        source: Option<DataSource>,
    ) -> (Applied, Option<bool>) {
        let len = data.len();
        match self.history.replace(data, label) {
            Ok(d) => {
                let in_steps = match source.filter(|s| s.stored_len() <= SHAREABLE_BYTES) {
                    Some(source) => {
                        self.steps.push(ChecksumStep::Replace(source));
                        true
                    }
                    None => {
                        self.unrecorded = Some(len);
                        false
                    }
                };
                (Applied::data(d.text), d.offset.map(|_| in_steps))
            }
            Err(e) => {
                let refused = Applied::refused("Could not use that data", e);
                let recorded = false;
                (
                    Applied {
                        recorded,
                        ..refused
                    },
                    None,
                )
            }
        }
    }

    /// A store step: set up, write, read, or damage it. What the page shows beside the store's
    /// buttons follows: a fault's sentence or a refusal is shown, a write, a read or a fault
    /// armed for the next write clears it (they show their own report), a switch keeps it.
    fn store_step(&mut self, step: ChecksumStep) -> Applied {
        let (result, note) = self.store_result(step);
        match note {
            Note::Say => {
                let (text, error) = match &result {
                    Ok(said) | Err(said) => (capitalize(said), result.is_err()),
                };
                self.store_note = Some(StoreNote { text, error });
            }
            Note::Clear => self.store_note = None,
            Note::Keep => {}
        }
        let (said, refused) = match result {
            Ok(said) => (said, false),
            Err(said) => (said, true),
        };
        Applied {
            changed: Changed::Store,
            said: capitalize(&said),
            refused,
            recorded: true,
        }
    }

    /// Performs a store step: its sentence (`Err` when refused) and what becomes of the note.
    fn store_result(&mut self, step: ChecksumStep) -> (Result<String, String>, Note) {
        let mut note = Note::Say;
        let result = match step {
            ChecksumStep::Store(config) => match Store::new(config, self.store_version + 1) {
                Ok(store) => {
                    self.store = store;
                    self.store_config = config;
                    self.last_write = None;
                    self.last_read = None;
                    let replicas = if config.replicas == 1 {
                        "1 replica".to_string()
                    } else {
                        format!("{} replicas", config.replicas)
                    };
                    Ok(format!(
                        "a new store: {replicas} with {}, empty until you write the data again.",
                        config.algorithm.name()
                    ))
                }
                // A refused setup leaves the store as it was, and its generator's seed too.
                Err(e) => return (Err(format!("could not set up the store: {e}.")), note),
            },
            ChecksumStep::ReadRepair(on) => {
                note = Note::Keep;
                self.store.set_read_repair(on);
                self.store_config.read_repair = on;
                Ok(format!("read repair {}.", on_off(on)))
            }
            ChecksumStep::EndToEnd(on) => {
                note = Note::Keep;
                self.store.set_end_to_end(on);
                self.store_config.end_to_end = on;
                Ok(format!("the end-to-end check {}.", on_off(on)))
            }
            ChecksumStep::Write => self.write(&mut note),
            ChecksumStep::Read => {
                note = Note::Clear;
                let read = self.store.read();
                let said = match &read {
                    Ok(o) => format!("the read returned replica {}.", o.replica + 1),
                    Err(e) => format!("{e}."),
                };
                self.last_read = Some(read);
                Ok(said)
            }
            ChecksumStep::CorruptAtRest(k) => self
                .store
                .corrupt_at_rest(k as usize, Corruption::FlipRandomBit)
                .map(|d| {
                    // The last read's steps describe replicas as they were; read again.
                    self.last_read = None;
                    format!("{}.", d.text)
                })
                .map_err(|e| format!("could not corrupt the replica: {e}.")),
            ChecksumStep::CorruptInTransit(k) => self
                .store
                .corrupt_in_transit(k as usize, Corruption::FlipRandomBit)
                .map(|said| format!("{said}."))
                .map_err(|e| format!("could not arm the network fault: {e}.")),
            ChecksumStep::CorruptStoredChecksum(k) => self
                .store
                .corrupt_stored_checksum(k as usize)
                .map(|said| {
                    self.last_read = None;
                    format!("{said}.")
                })
                .map_err(|e| format!("could not damage the checksum: {e}.")),
            ChecksumStep::CorruptBeforeChecksum => {
                // The store shows the armed fault itself until the next write.
                note = Note::Clear;
                let armed = self
                    .store
                    .corrupt_before_checksum(Corruption::FlipRandomBit);
                Ok(format!("{armed}."))
            }
            ChecksumStep::Replace(_)
            | ChecksumStep::Corrupt(_)
            | ChecksumStep::Undo
            | ChecksumStep::Redo
            | ChecksumStep::MarkGood
            | ChecksumStep::RestoreGood => Ok(String::new()),
        };
        self.store_version += 1;
        (result, note)
    }

    /// Writes the data to the store, unless it is larger than the demo writes.
    fn write(&mut self, note: &mut Note) -> Result<String, String> {
        let len = self.history.data().len();
        if len > STORE_MAX {
            return Err(format!(
                "not written: the store demo writes at most {} so every step of a read shows at once; this data is {}. Generate or truncate to a smaller size.",
                bytes_label(STORE_MAX),
                bytes_label(len)
            ));
        }
        let report = self
            .store
            .write(self.history.data())
            .map_err(|e| format!("could not write: {e}."))?;
        let said = report.lines.join("; ");
        self.last_write = Some(report);
        self.last_read = None;
        *note = Note::Clear;
        Ok(said)
    }

    /// Copies up to `max_bytes` more of a large good copy being made (see
    /// [`History::continue_good_copy`]); returns whether some remains. The session means the same
    /// before and after: until the copy is done, the data stands for it.
    pub fn continue_good_copy(&mut self, max_bytes: usize) -> bool {
        self.history.continue_good_copy(max_bytes)
    }

    /// The data's history: the data, the good copy, undo and redo.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store's setup.
    pub fn store_config(&self) -> StoreConfig {
        self.store_config
    }

    /// What the last write did, until the next store setup.
    pub fn last_write(&self) -> Option<&WriteReport> {
        self.last_write.as_ref()
    }

    /// What the last read returned, until the store changes.
    pub fn last_read(&self) -> Option<&Result<ReadOutcome, ReadError>> {
        self.last_read.as_ref()
    }

    /// What the store says now, if anything (see [`StoreNote`]).
    pub fn store_note(&self) -> Option<&StoreNote> {
        self.store_note.as_ref()
    }

    /// The steps so far, in order.
    pub fn steps(&self) -> &[ChecksumStep] {
        &self.steps
    }

    /// Where the data started.
    pub fn start(&self) -> &DataSource {
        &self.start
    }

    /// The length of the latest data used without being recorded (too large to carry), if any:
    /// the steps then no longer remake the data, so the session cannot be shared or kept.
    pub fn unrecorded(&self) -> Option<usize> {
        self.unrecorded
    }
}

/// What a store step does to the store's note.
enum Note {
    /// Shows the step's sentence.
    Say,
    /// Removes it.
    Clear,
    /// Leaves it as it is.
    Keep,
}

/// A data step's outcome; refused, the page says `refusal: why.`.
fn data_outcome<T: std::fmt::Display, E: std::fmt::Display>(
    result: Result<T, E>,
    refusal: &str,
) -> Applied {
    match result {
        Ok(said) => Applied::data(said.to_string()),
        Err(e) => Applied::refused(refusal, e),
    }
}

/// An undo's or a redo's outcome: with nothing to `what`, nothing changes and nothing is refused
/// (the page's buttons are disabled then; a replayed step simply does nothing).
fn undo_outcome(said: Option<String>, what: &str) -> Applied {
    match said {
        Some(said) => Applied::data(said),
        None => Applied {
            changed: Changed::Nothing,
            said: format!("There is nothing to {what}."),
            refused: false,
            recorded: true,
        },
    }
}

impl Applied {
    /// The data changed, as `said` says.
    fn data(said: String) -> Applied {
        Applied {
            changed: Changed::Data,
            said,
            refused: false,
            recorded: true,
        }
    }

    /// A data step was refused: nothing changed.
    fn refused(refusal: &str, why: impl std::fmt::Display) -> Applied {
        Applied {
            changed: Changed::Nothing,
            said: format!("{refusal}: {why}."),
            refused: true,
            recorded: true,
        }
    }
}

fn on_off(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}

/// `text` with its first letter made a capital.
fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
