//! A scenario: everything needed to reproduce a run — the tab, the settings, the seed, and the
//! faults or corruptions applied along the way. Share links, exported files, saved work and
//! lessons are all scenarios.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::checksum::{Corruption, StoreConfig};
use crate::sim::{Command, Config, ConfigError};

use crate::sim::config::MAX_IN_FLIGHT;

/// The format version written into links and files; readers refuse newer ones with a clear message
/// and still read format 1 (before central pull counted failed checks).
pub const FORMAT_VERSION: u8 = 2;
/// The most timed commands or steps a scenario may hold.
pub const MAX_STEPS: usize = 10_000;
/// The latest virtual time a Heartbeats scenario may start at or schedule a command at (one day),
/// so a start time or a command far in the future cannot ask the page to simulate for ever.
pub const MAX_VIRTUAL_MS: u64 = 86_400_000;
/// The most simulation steps replaying a Heartbeats scenario may cost, so a link cannot freeze a
/// page. A step is about one simple event (a heartbeat sent and delivered, a detector check, a
/// client request); heavier work (merging a gossiped table, refitting φ, a burst of false
/// positives) counts for more. Measured natively, ten million steps take about two seconds; a
/// browser takes a few.
pub const MAX_REPLAY_STEPS: f64 = 10_000_000.0;
/// The most bytes replaying a Checksums scenario may generate (random data, or data given as it is),
/// summed over the start and every replacement.
pub const MAX_GENERATED_BYTES: u64 = 256 * 1024 * 1024;
/// The most bytes replaying a Checksums scenario may go through, summed over its steps: making,
/// copying and comparing data count once per byte, hashing several times (it is that much slower).
pub const MAX_REPLAY_BYTES: u64 = 1024 * 1024 * 1024;

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
    /// Damage the stored checksum of replica `k` (from 0); its data stays intact. Added after
    /// every other step: links encode a step by its position, so new steps go last.
    CorruptStoredChecksum(u32),
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
    /// A start time or a command later than [`MAX_VIRTUAL_MS`].
    TooLate {
        /// The virtual time asked for, in ms.
        at_ms: u64,
    },
    /// Replaying the run would take more than [`MAX_REPLAY_STEPS`] simulation steps.
    TooCostly {
        /// The estimated steps.
        steps: f64,
        /// The virtual time the replay runs to, in ms.
        until_ms: u64,
    },
    /// Links set slow by its commands would keep more than the simulation's limit of messages on
    /// the wire at once.
    TooManyInFlight {
        /// The estimated messages in flight.
        messages: f64,
    },
    /// Replaying the Checksums steps would make or go through too much data.
    TooMuchData {
        /// Bytes generated (random data, or data given as it is), over the start and every replacement.
        generated: u64,
        /// Bytes gone through (made, copied, compared; hashed bytes count several times over).
        processed: u64,
    },
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
            ScenarioError::TooLate { at_ms } => write!(
                f,
                "it goes on to {} of virtual time; scenarios may last at most {}",
                long_duration(*at_ms),
                long_duration(MAX_VIRTUAL_MS)
            ),
            ScenarioError::TooCostly { steps, until_ms } => write!(
                f,
                "opening it would take too long: running these settings and faults to {} of virtual time \
                 takes about {} million simulation steps, and a page can replay at most {} million without \
                 freezing. A shorter run, fewer nodes, a longer interval or fewer requests per second would fit",
                long_duration(*until_ms),
                millions(*steps),
                millions(MAX_REPLAY_STEPS)
            ),
            ScenarioError::TooManyInFlight { messages } => write!(
                f,
                "it cannot be replayed in a browser: its slow links would keep about {} million messages in \
                 flight at once, and the simulation holds at most {} million",
                millions(*messages),
                millions(MAX_IN_FLIGHT)
            ),
            ScenarioError::TooMuchData { generated, .. } => {
                if *generated > MAX_GENERATED_BYTES {
                    write!(
                        f,
                        "opening it would take too long: its steps make more than {} of data, more than a \
                         page can make without freezing",
                        mib(MAX_GENERATED_BYTES)
                    )
                } else {
                    write!(
                        f,
                        "opening it would take too long: its steps go through more than {} of data \
                         (making, moving, comparing and hashing it), more than a page can do without freezing",
                        mib(MAX_REPLAY_BYTES)
                    )
                }
            }
            ScenarioError::Data(m) | ScenarioError::Store(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for ScenarioError {}

/// A virtual duration for a learner: "45 s", "12.5 min", "24 h", "3 days".
fn long_duration(ms: u64) -> String {
    const HOUR: u64 = 3_600_000;
    if ms >= 48 * HOUR {
        format!("{:.0} days", ms as f64 / (24 * HOUR) as f64)
    } else if ms >= 2 * HOUR && ms % HOUR == 0 {
        format!("{} h", ms / HOUR)
    } else if ms >= 2 * HOUR {
        format!("{:.1} h", ms as f64 / HOUR as f64)
    } else {
        crate::sim::time::format_duration(ms)
    }
}

/// A count in millions, for a learner: "0.3", "12", "4,000,000".
fn millions(n: f64) -> String {
    let m = n / 1e6;
    if !m.is_finite() || m >= 1e6 {
        "more than a million".into()
    } else if m >= 10.0 {
        format!("{m:.0}")
    } else {
        format!("{m:.1}")
    }
}

/// Bytes in MiB, for a learner.
fn mib(bytes: u64) -> String {
    format!("{:.0} MiB", bytes as f64 / (1024.0 * 1024.0))
}

impl Scenario {
    /// The tab's path segment (`heartbeats` or `checksums`).
    pub fn tab_slug(&self) -> &'static str {
        match self {
            Scenario::Heartbeats(_) => "heartbeats",
            Scenario::Checksums(_) => "checksums",
        }
    }
}
