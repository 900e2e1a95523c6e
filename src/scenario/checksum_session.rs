//! A Checksums session as pure data: the data's undo history, the replicated store, and every
//! recorded step, applied one [`ChecksumStep`] at a time. Replaying a scenario's steps through it
//! gives the same data, store and messages whichever thread or page runs it, so lessons and links
//! are checked natively exactly as the page replays them.

use crate::checksum::{
    Corruption, History, ReadError, ReadOutcome, Store, StoreConfig, WriteReport, bytes_label,
    random_data,
};

use super::model::{ChecksumStep, ChecksumsScenario, DataSource};

/// The most the store demo writes, so every step of a read shows at once (1 MiB).
pub const STORE_MAX: usize = 1024 * 1024;

/// What applying one step changed, so a page redraws only that.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Changed {
    /// The data (and so its digests).
    Data,
    /// The good copy (the data was marked good).
    Good,
    /// The store.
    Store,
}

/// The outcome of one step: what changed and what to tell the learner. A refused step is still an
/// outcome (the page says why), not an error: replaying a link goes on past it, as the page does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// What changed.
    pub changed: Changed,
    /// The sentence for the learner.
    pub said: String,
    /// Whether the step was refused (the sentence says why).
    pub refused: bool,
}

/// The data, the store and the steps of one Checksums session.
#[derive(Debug, Clone)]
pub struct ChecksumSession {
    start: DataSource,
    history: History,
    store: Store,
    store_config: StoreConfig,
    /// Counts store steps; a new store draws its random faults from a generator seeded with it.
    store_version: u64,
    last_write: Option<WriteReport>,
    last_read: Option<Result<ReadOutcome, ReadError>>,
    steps: Vec<ChecksumStep>,
}

/// The bytes a data source describes.
pub fn bytes_of(source: &DataSource) -> Result<Vec<u8>, String> {
    match source {
        DataSource::Text(t) => Ok(t.as_bytes().to_vec()),
        DataSource::Random { len, seed } => {
            random_data(*len as usize, *seed).map_err(|e| e.to_string())
        }
        DataSource::Bytes(b) => Ok(b.clone()),
    }
}

impl ChecksumSession {
    /// A session whose data starts as `start` (also the first good copy), with an empty store.
    pub fn new(start: DataSource) -> Result<ChecksumSession, String> {
        let data = bytes_of(&start)?;
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
            steps: Vec::new(),
        })
    }

    /// Replays a scenario's steps from its start.
    pub fn replay(scenario: &ChecksumsScenario) -> Result<ChecksumSession, String> {
        let mut session = ChecksumSession::new(scenario.start.clone())?;
        for step in &scenario.steps {
            session.apply(step.clone())?;
        }
        Ok(session)
    }

    /// Applies one step and records it. `Err` only when the step's own data cannot be made (a
    /// source out of range); everything else the page would refuse comes back as a refused
    /// [`Applied`], recorded like the page records it.
    pub fn apply(&mut self, step: ChecksumStep) -> Result<Applied, String> {
        let data_for = match &step {
            ChecksumStep::Replace(source) => Some(bytes_of(source)?),
            _ => None,
        };
        self.steps.push(step.clone());
        Ok(match step {
            ChecksumStep::Replace(_) => {
                let data = data_for.unwrap_or_default();
                data_outcome(self.history.replace(data, "loaded").map(|d| d.text))
            }
            ChecksumStep::Corrupt(op) => data_outcome(self.history.apply(op).map(|d| d.text)),
            ChecksumStep::Undo => data_outcome(
                self.history
                    .undo_and_describe()
                    .ok_or_else(|| "there is nothing to undo".to_string()),
            ),
            ChecksumStep::Redo => data_outcome(
                self.history
                    .redo_and_describe()
                    .ok_or_else(|| "there is nothing to redo".to_string()),
            ),
            ChecksumStep::RestoreGood => data_outcome(self.history.restore_good().map(|d| d.text)),
            ChecksumStep::MarkGood => {
                self.history.mark_good();
                while self.history.good_copy_pending() {
                    self.history.continue_good_copy(usize::MAX);
                }
                Applied {
                    changed: Changed::Good,
                    said: format!(
                        "Marked the current {} as the good copy.",
                        bytes_label(self.history.data().len())
                    ),
                    refused: false,
                }
            }
            store_step => self.store_step(store_step),
        })
    }

    /// A store step: set up, write, read, or damage it.
    fn store_step(&mut self, step: ChecksumStep) -> Applied {
        let result: Result<String, String> = match step {
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
                Err(e) => Err(format!("could not set up the store: {e}.")),
            },
            ChecksumStep::ReadRepair(on) => {
                self.store.set_read_repair(on);
                self.store_config.read_repair = on;
                Ok(format!("read repair {}.", if on { "on" } else { "off" }))
            }
            ChecksumStep::EndToEnd(on) => {
                self.store.set_end_to_end(on);
                self.store_config.end_to_end = on;
                Ok(format!(
                    "the end-to-end check {}.",
                    if on { "on" } else { "off" }
                ))
            }
            ChecksumStep::Write => {
                let len = self.history.data().len();
                if len > STORE_MAX {
                    Err(format!(
                        "not written: the store demo writes at most {} so every step of a read shows at once; this data is {}. Generate or truncate to a smaller size.",
                        bytes_label(STORE_MAX),
                        bytes_label(len)
                    ))
                } else {
                    match self.store.write(self.history.data()) {
                        Ok(report) => {
                            let said = report.lines.join("; ");
                            self.last_write = Some(report);
                            self.last_read = None;
                            Ok(said)
                        }
                        Err(e) => Err(format!("could not write: {e}.")),
                    }
                }
            }
            ChecksumStep::Read => {
                let read = self.store.read();
                let said = match &read {
                    Ok(o) => format!("the read returned replica {}.", o.replica + 1),
                    Err(e) => format!("{e}."),
                };
                self.last_read = Some(read);
                Ok(said)
            }
            ChecksumStep::CorruptAtRest(k) => {
                let done = self
                    .store
                    .corrupt_at_rest(k as usize, Corruption::FlipRandomBit);
                // The last read's steps describe replicas as they were; read again.
                self.last_read = None;
                done.map(|d| format!("{}.", d.text))
                    .map_err(|e| format!("could not corrupt the replica: {e}."))
            }
            ChecksumStep::CorruptInTransit(k) => self
                .store
                .corrupt_in_transit(k as usize, Corruption::FlipRandomBit)
                .map(|said| format!("{said}."))
                .map_err(|e| format!("could not arm the network fault: {e}.")),
            ChecksumStep::CorruptStoredChecksum(k) => {
                let done = self.store.corrupt_stored_checksum(k as usize);
                self.last_read = None;
                done.map(|said| format!("{said}."))
                    .map_err(|e| format!("could not damage the checksum: {e}."))
            }
            ChecksumStep::CorruptBeforeChecksum => Ok(format!(
                "{}.",
                self.store
                    .corrupt_before_checksum(Corruption::FlipRandomBit)
            )),
            ChecksumStep::Replace(_)
            | ChecksumStep::Corrupt(_)
            | ChecksumStep::Undo
            | ChecksumStep::Redo
            | ChecksumStep::MarkGood
            | ChecksumStep::RestoreGood => Ok(String::new()),
        };
        self.store_version += 1;
        match result {
            Ok(said) => Applied {
                changed: Changed::Store,
                said,
                refused: false,
            },
            Err(said) => Applied {
                changed: Changed::Store,
                said,
                refused: true,
            },
        }
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

    /// The steps so far, in order.
    pub fn steps(&self) -> &[ChecksumStep] {
        &self.steps
    }

    /// Where the data started.
    pub fn start(&self) -> &DataSource {
        &self.start
    }
}

/// A data step's outcome.
fn data_outcome<E: std::fmt::Display>(result: Result<String, E>) -> Applied {
    match result {
        Ok(said) => Applied {
            changed: Changed::Data,
            said,
            refused: false,
        },
        Err(e) => Applied {
            changed: Changed::Data,
            said: format!("Not done: {e}."),
            refused: true,
        },
    }
}
