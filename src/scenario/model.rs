//! A scenario: everything needed to reproduce a run — the tab, the settings, the seed, and the
//! faults or corruptions applied along the way. Share links, exported files, saved work and
//! lessons are all scenarios.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::checksum::{
    Corruption, MAX_DATA_LEN, MAX_RANDOM_LEN, MAX_REPLICAS, MIN_RANDOM_LEN, MIN_REPLICAS,
    StoreConfig,
};
use crate::sim::{Command, Config, ConfigError};

/// The format version written into links and files; readers refuse newer ones with a clear message.
pub const FORMAT_VERSION: u8 = 1;
/// The most timed commands or steps a scenario may hold.
pub const MAX_STEPS: usize = 10_000;
/// The most heartbeat messages replaying a scenario to its start may cost, so a link cannot freeze a page.
pub const MAX_REPLAY_MESSAGES: f64 = 60_000_000.0;

/// A command applied at a virtual time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimedCommand {
    /// When, in ms of virtual time.
    pub at_ms: u64,
    /// What.
    pub command: Command,
}

/// A Heartbeats run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeartbeatsScenario {
    /// The settings (and seed) the run starts from.
    pub config: Config,
    /// Commands applied at virtual times, in time order.
    pub schedule: Vec<TimedCommand>,
    /// The virtual time the page moves the run to before handing it over (0 = the very start).
    pub start_at_ms: u64,
    /// Whether the ground truth is shown.
    pub show_truth: bool,
    /// Whose view is shown: 0 for the monitor, a node id in decentralized topologies.
    pub observer: u32,
}

/// Where data comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DataSource {
    /// UTF-8 text.
    Text(String),
    /// Seeded random bytes (what "Generate" makes).
    Random {
        /// Length in bytes, 1 KiB to 64 MiB.
        len: u64,
        /// The seed.
        seed: u64,
    },
    /// Bytes given as they are (a file, or data edited in hex).
    Bytes(Vec<u8>),
}

impl DataSource {
    /// How many bytes the source describes.
    pub fn len(&self) -> u64 {
        match self {
            DataSource::Text(t) => t.len() as u64,
            DataSource::Random { len, .. } => *len,
            DataSource::Bytes(b) => b.len() as u64,
        }
    }

    /// Whether it describes no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many bytes it takes to write down (a random source is tiny whatever its length).
    pub fn stored_len(&self) -> usize {
        match self {
            DataSource::Text(t) => t.len(),
            DataSource::Random { .. } => 16,
            DataSource::Bytes(b) => b.len(),
        }
    }
}

/// One thing done on the Checksums tab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChecksumStep {
    /// Replace the data.
    Replace(DataSource),
    /// Corrupt the data.
    Corrupt(Corruption),
    /// Undo the last step of the data's history.
    Undo,
    /// Redo it.
    Redo,
    /// Take the data as the good copy.
    MarkGood,
    /// Put the good copy back.
    RestoreGood,
    /// Set up a new store.
    Store(StoreConfig),
    /// Turn read repair on or off.
    ReadRepair(bool),
    /// Turn the end-to-end check on or off.
    EndToEnd(bool),
    /// Write the data to the store.
    Write,
    /// Read from the store.
    Read,
    /// Damage replica `k` (from 0) on disk.
    CorruptAtRest(u32),
    /// Damage the next read of replica `k` (from 0) on the wire.
    CorruptInTransit(u32),
    /// Damage the next write in memory before its checksum is computed.
    CorruptBeforeChecksum,
}

/// A Checksums session: the starting data and every step since.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChecksumsScenario {
    /// The data before the first step (it is also the first good copy).
    pub start: DataSource,
    /// The steps, in order.
    pub steps: Vec<ChecksumStep>,
    /// Whether the ground truth of the replicas is shown.
    pub show_truth: bool,
    /// The expected digest box's content.
    pub expected: String,
}

/// A scenario for one tab.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Scenario {
    /// A Heartbeats run.
    Heartbeats(HeartbeatsScenario),
    /// A Checksums session.
    Checksums(ChecksumsScenario),
}

/// Why a scenario cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub enum ScenarioError {
    /// Its settings are invalid.
    Config(ConfigError),
    /// Too many commands or steps.
    TooManySteps {
        /// How many it has.
        count: usize,
    },
    /// Commands out of time order.
    Unordered,
    /// Replaying it to its start would take too long in a browser.
    TooCostly,
    /// A data source out of range.
    Data(String),
    /// A store setting out of range.
    Store(String),
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScenarioError::Config(e) => write!(f, "its settings are invalid ({e})"),
            ScenarioError::TooManySteps { count } => {
                write!(f, "it has {count} steps; at most {MAX_STEPS} are allowed")
            }
            ScenarioError::Unordered => f.write_str("its commands are not in time order"),
            ScenarioError::TooCostly => {
                f.write_str("replaying it would take too long in a browser")
            }
            ScenarioError::Data(m) | ScenarioError::Store(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for ScenarioError {}

fn check_source(source: &DataSource) -> Result<(), ScenarioError> {
    match source {
        DataSource::Random { len, .. }
            if !(MIN_RANDOM_LEN as u64..=MAX_RANDOM_LEN as u64).contains(len) =>
        {
            Err(ScenarioError::Data(format!(
                "random data must be 1 KiB to 64 MiB, not {len} bytes"
            )))
        }
        DataSource::Text(_) | DataSource::Bytes(_) if source.len() > MAX_DATA_LEN as u64 => {
            Err(ScenarioError::Data("its data is larger than 64 MiB".into()))
        }
        _ => Ok(()),
    }
}

impl Scenario {
    /// Checks everything a page relies on: valid settings, ordered and bounded schedules,
    /// data sizes, and a replay cost a browser can afford.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        match self {
            Scenario::Heartbeats(h) => {
                h.config.validate().map_err(ScenarioError::Config)?;
                if h.schedule.len() > MAX_STEPS {
                    return Err(ScenarioError::TooManySteps {
                        count: h.schedule.len(),
                    });
                }
                if h.schedule.windows(2).any(|w| w[0].at_ms > w[1].at_ms) {
                    return Err(ScenarioError::Unordered);
                }
                for c in &h.schedule {
                    if let Command::Configure(config) = &c.command {
                        config.validate().map_err(ScenarioError::Config)?;
                    }
                }
                let replay = h.start_at_ms.max(h.schedule.last().map_or(0, |c| c.at_ms));
                if h.config.expected_messages_per_sec() * replay as f64 / 1000.0
                    > MAX_REPLAY_MESSAGES
                {
                    return Err(ScenarioError::TooCostly);
                }
                Ok(())
            }
            Scenario::Checksums(c) => {
                if c.steps.len() > MAX_STEPS {
                    return Err(ScenarioError::TooManySteps {
                        count: c.steps.len(),
                    });
                }
                check_source(&c.start)?;
                for step in &c.steps {
                    match step {
                        ChecksumStep::Replace(s) => check_source(s)?,
                        ChecksumStep::Store(cfg)
                            if !(MIN_REPLICAS..=MAX_REPLICAS).contains(&cfg.replicas) =>
                        {
                            return Err(ScenarioError::Store(format!(
                                "a store has 1 to 5 replicas, not {}",
                                cfg.replicas
                            )));
                        }
                        _ => {}
                    }
                }
                Ok(())
            }
        }
    }

    /// The tab's path segment (`heartbeats` or `checksums`).
    pub fn tab_slug(&self) -> &'static str {
        match self {
            Scenario::Heartbeats(_) => "heartbeats",
            Scenario::Checksums(_) => "checksums",
        }
    }
}
