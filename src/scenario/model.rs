//! A scenario: everything needed to reproduce a run — the tab, the settings, the seed, and the
//! faults or corruptions applied along the way. Share links, exported files, saved work and
//! lessons are all scenarios.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::checksum::{
    Corruption, DEFAULT_REPLICAS, MAX_DATA_LEN, MAX_RANDOM_LEN, MAX_REPLICAS, MIN_RANDOM_LEN,
    MIN_REPLICAS, StoreConfig,
};
use crate::sim::config::MAX_IN_FLIGHT;
use crate::sim::{Command, Config, ConfigError, DetectorKind, NodeId, Topology};

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
/// The page's store demo writes at most this much (larger data is refused before it is hashed), so
/// this is the most a replayed write or read can hash per replica.
const STORE_DEMO_MAX: u64 = 1024 * 1024;
/// How much slower hashing a byte is than copying or comparing it, in the data cost.
const HASH_WEIGHT: u64 = 4;

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
                check_heartbeats_cost(h)
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
                check_checksums_cost(c)
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

// ----- What replaying a scenario costs -----
//
// Opening a link replays the run from the start without drawing anything, so its cost is all
// simulation work. The estimate below counts simulation steps per second of virtual time for the
// settings in force (a schedule's `Configure` can change them), plus what each command may set
// off. Its weights were measured natively against the world itself; it errs on the high side for
// the heaviest settings (large all-to-all or gossiping clusters, bursts of false positives), where
// a page would freeze anyway.

/// The longest silence a healthy observer should see between two pieces of news of one node: a
/// heartbeat that left as late as the send jitter allows and took the slowest path. Gossip news
/// also takes a few rounds to reach everyone (about ln N / k of them).
fn healthy_gap_ms(c: &Config) -> f64 {
    let hop = (c.interval_ms + c.send_jitter_ms + c.network.max_delay_ms()) as f64;
    match c.topology {
        Topology::RandomK { k } => {
            hop * (1.0 + libm::log(f64::from(c.nodes.max(2))) / f64::from(k.max(1)))
        }
        _ => hop,
    }
}

/// Steps one false positive costs (declaring a running node dead, moving its work, reviving it).
fn false_positive_steps(c: &Config) -> f64 {
    4.0 + f64::from(c.nodes) / 25.0
}

/// Steps one false suspicion costs (suspecting a running node, and taking it back).
fn false_suspicion_steps(c: &Config) -> f64 {
    2.0 + f64::from(c.nodes) / 500.0
}

/// How often a pair's belief can go wrong and right again, at most, with a threshold of `threshold_ms`
/// (per second, per watched pair): when the threshold is below the healthy gap, the share of pairs
/// that cross it grows the further below it is, each at most once per threshold and once per news.
fn churn_per_pair(c: &Config, threshold_ms: f64) -> f64 {
    let gap = healthy_gap_ms(c);
    let share = (1.0 - threshold_ms / gap).clamp(0.0, 1.0);
    let news_every_ms = match c.topology {
        Topology::RandomK { .. } => {
            (c.interval_ms + c.send_jitter_ms + c.network.max_delay_ms()) as f64
        }
        _ => c.interval_ms as f64,
    };
    share * 1000.0 / threshold_ms.max(news_every_ms).max(1.0)
}

/// Steps per second spent on beliefs that go wrong and right again while nothing is broken: false
/// suspicions and false positives when the thresholds are tighter than the healthy gap (or φ's
/// below 3, one chance in a thousand).
fn churn_steps_per_sec(c: &Config) -> f64 {
    let pairs = c.watched_pairs() as f64;
    let kinds = c.detection.kinds();
    let mut suspicions = 0.0_f64;
    let mut positives = 0.0_f64;
    if kinds.contains(&DetectorKind::Fixed) {
        let f = c.detection.fixed;
        suspicions = churn_per_pair(c, f.suspect_after_ms as f64);
        positives = churn_per_pair(c, f.timeout_ms as f64);
    }
    if kinds.contains(&DetectorKind::Phi) {
        let p = c.detection.phi;
        let every_news = churn_per_pair(c, 0.0);
        if p.suspect_phi < 3.0 {
            suspicions = suspicions.max(every_news);
        }
        if p.dead_phi < 3.0 {
            positives = positives.max(every_news);
        }
    }
    pairs * (suspicions * false_suspicion_steps(c) + positives * false_positive_steps(c))
}

/// Simulation steps per second of virtual time for these settings.
fn steps_per_sec(c: &Config) -> f64 {
    let n = f64::from(c.nodes);
    let rounds = 1000.0 / c.interval_ms.max(1) as f64;
    let phi = c.detection.uses_phi();
    let observers = if c.topology.is_central() { 1.0 } else { n };
    // Heartbeat timers: one per node per interval (pull: each node's check and its timeout).
    let timers = if c.topology == Topology::CentralPull {
        2.0 * n * rounds
    } else {
        n * rounds
    };
    // Every message is sent and delivered; news refits φ's statistics when φ runs.
    let news = if phi { 3.0 } else { 0.0 };
    let (per_message, per_timer) = match c.topology {
        // A gossip message carries the sender's whole table, merged entry by entry (refitting φ
        // for each newer entry when φ runs); the sender copies its table once per heartbeat.
        Topology::RandomK { .. } => (
            1.0 + (n + 1.0) * if phi { news } else { 1.0 / 64.0 },
            1.0 + (n + 1.0) / 128.0,
        ),
        // N views that each see N heartbeats per interval do not fit in a cache.
        Topology::AllToAll => (1.0 + n / 128.0 + news, 1.0),
        _ => (1.0 + news, 1.0),
    };
    // Each observer checks its table a couple of times per interval (or per suspect threshold, if
    // that is shorter); a check scans the whole table, and recomputes every deadline with φ.
    let check_every_ms = c.interval_ms.min(c.detection.fixed.suspect_after_ms).max(1) as f64;
    let per_check = if phi { 1.0 + n / 8.0 } else { 1.0 + n / 256.0 };
    let checks = observers * 2.0 * 1000.0 / check_every_ms * per_check;
    timers * per_timer
        + c.expected_messages_per_sec() * per_message
        + checks
        + f64::from(c.requests_per_sec)
        + churn_steps_per_sec(c)
}

/// Roughly how many events wait in the world's queue: messages on the wire (and a second's worth
/// put off by paused nodes), and every node's timer and check.
fn queued_events(c: &Config) -> f64 {
    c.expected_messages_per_sec() * (c.network.max_delay_ms() as f64 / 1000.0 + 1.0)
        + 2.0 * f64::from(c.nodes)
        + 16.0
}

/// Steps one command may set off at once: beliefs about the nodes it touches change in every view
/// (and change back later); new settings retune every view; ending a pause early, or changing the
/// request rate, rebuilds the event queue (`paused` is how many pauses came before: clearing all
/// faults may end each of them).
fn command_steps(command: &Command, c: &Config, paused: u64) -> f64 {
    let observers = if c.topology.is_central() {
        1.0
    } else {
        f64::from(c.nodes)
    };
    let pairs = c.watched_pairs() as f64;
    let fp = false_positive_steps(c);
    let requeue = queued_events(c) / 4.0;
    match command {
        Command::Crash { .. }
        | Command::Restart { .. }
        | Command::Slow { .. }
        | Command::Pause { .. }
        | Command::Overload { .. }
        | Command::CutOff { .. } => 2.0 * observers * fp + 1.0,
        Command::Recover { .. } => 2.0 * observers * fp + requeue + 1.0,
        Command::CutOneWay { .. } | Command::SetLink { .. } => 2.0 * fp + 1.0,
        Command::Partition(_) | Command::Heal => pairs / 2.0 * fp + 1.0,
        Command::ClearAllFaults => {
            pairs / 2.0 * fp + paused.min(u64::from(c.nodes)) as f64 * requeue + 1.0
        }
        Command::Configure(_) => {
            let per_pair = if c.detection.uses_phi() { 10.0 } else { 0.1 };
            pairs * per_pair + requeue + 1.0
        }
    }
}

/// Whether the world takes these new settings during a run (see `World::apply`): nodes, topology,
/// detectors, φ's window, work items and seed only change in a new run.
fn configurable(old: &Config, new: &Config) -> bool {
    old.nodes == new.nodes
        && std::mem::discriminant(&old.topology) == std::mem::discriminant(&new.topology)
        && old.detection.choice == new.detection.choice
        && old.detection.phi.window == new.detection.phi.window
        && old.work_items == new.work_items
        && old.seed == new.seed
}

/// About how many simulation steps replaying `h` to its end takes (the cost the page checks
/// before opening a link, and before rebuilding a run's history).
pub fn estimated_replay_steps(h: &HeartbeatsScenario) -> f64 {
    replay_work(h).0
}

/// The replay's simulation steps (stopping early once over [`MAX_REPLAY_STEPS`]), the shortest
/// heartbeat interval in force, and the slowest delay set on each directed link.
fn replay_work(
    h: &HeartbeatsScenario,
) -> (f64, u64, std::collections::BTreeMap<(NodeId, NodeId), u64>) {
    let until_ms = h.start_at_ms.max(h.schedule.last().map_or(0, |c| c.at_ms));
    let mut config = &h.config;
    // The page never records settings the world refused, so a schedule that holds some was made
    // by hand: charge them as if they had been taken.
    let mut refused_rate = 0.0_f64;
    let rate = |config: &Config, refused_rate: f64| steps_per_sec(config).max(refused_rate);
    let mut steps = 0.0;
    let mut t = 0;
    let mut shortest_interval = config.interval_ms;
    let mut paused = 0u64;
    // The slowest delay set on each directed link (a later, faster setting may not have come yet).
    let mut slow_links: std::collections::BTreeMap<(NodeId, NodeId), u64> = Default::default();
    for c in &h.schedule {
        steps += rate(config, refused_rate) * c.at_ms.saturating_sub(t) as f64 / 1000.0;
        t = c.at_ms;
        steps += command_steps(&c.command, config, paused);
        match &c.command {
            Command::Pause { .. } => paused += 1,
            Command::Configure(new) => {
                if configurable(config, new) {
                    config = new;
                } else {
                    refused_rate = refused_rate.max(steps_per_sec(new));
                }
                shortest_interval = shortest_interval.min(new.interval_ms);
            }
            Command::SetLink { from, to, link } => {
                let slowest = slow_links.entry((*from, *to)).or_default();
                *slowest = (*slowest).max(link.max_delay_ms());
            }
            _ => {}
        }
        if steps > MAX_REPLAY_STEPS {
            break;
        }
    }
    steps += rate(config, refused_rate) * until_ms.saturating_sub(t) as f64 / 1000.0;
    (steps, shortest_interval, slow_links)
}

/// Refuses a Heartbeats scenario whose replay would freeze a page: times beyond
/// [`MAX_VIRTUAL_MS`], more than [`MAX_REPLAY_STEPS`] of work over every setting in force up to its
/// end, or links so slow that too many messages would be in flight.
fn check_heartbeats_cost(h: &HeartbeatsScenario) -> Result<(), ScenarioError> {
    if let Some(at_ms) = std::iter::once(h.start_at_ms)
        .chain(h.schedule.iter().map(|c| c.at_ms))
        .find(|&t| t > MAX_VIRTUAL_MS)
    {
        return Err(ScenarioError::TooLate { at_ms });
    }
    let (steps, shortest_interval, slow_links) = replay_work(h);
    if steps.is_nan() || steps > MAX_REPLAY_STEPS {
        let until_ms = h.start_at_ms.max(h.schedule.last().map_or(0, |c| c.at_ms));
        return Err(ScenarioError::TooCostly { steps, until_ms });
    }
    // A directed link carries at most one heartbeat (or ping, or answer) per interval; the default
    // link is checked with the settings themselves.
    let on_slow_links: f64 = slow_links
        .values()
        .map(|&delay| delay as f64 / shortest_interval.max(1) as f64)
        .sum();
    let on_default = h
        .schedule
        .iter()
        .filter_map(|c| match &c.command {
            Command::Configure(new) => Some(new),
            _ => None,
        })
        .chain(std::iter::once(&h.config))
        .map(|c| c.expected_messages_per_sec() * c.network.max_delay_ms() as f64 / 1000.0)
        .fold(0.0, f64::max);
    let messages = on_slow_links + on_default;
    if messages > MAX_IN_FLIGHT {
        return Err(ScenarioError::TooManyInFlight { messages });
    }
    Ok(())
}

/// Refuses a Checksums scenario whose replay would freeze a page: more than
/// [`MAX_GENERATED_BYTES`] made, or more than [`MAX_REPLAY_BYTES`] gone through. A replacement,
/// an insertion or deletion, an undo, redo or restore and a new good copy go through the whole
/// data; a change in place touches at most a sector; a write hashes the stored data once per
/// replica and once more for the client's checksum, a read at most once per replica; damaging a
/// stored checksum touches one digest.
/// What an in-place corruption costs at most: one 512-byte sector.
const SECTOR_BYTES: u64 = 512;
/// The longest digest (SHA-512), what damaging a stored checksum touches.
const DIGEST_BYTES: u64 = 64;

fn check_checksums_cost(c: &ChecksumsScenario) -> Result<(), ScenarioError> {
    let mut generated = c.start.len();
    let mut processed = generated;
    // How long the data is, as far as the steps tell: replacements, inserts, deletions and
    // truncations change it. An undo, redo or restore may bring back any earlier data, so those
    // are charged the longest the data has been, and leave it that long as far as this estimate
    // knows (an undo after a truncation to nothing can bring back 64 MiB).
    let mut len = generated;
    let mut longest = generated;
    let mut replicas = DEFAULT_REPLICAS as u64;
    let mut stored = 0u64;
    for step in &c.steps {
        let cost = match step {
            ChecksumStep::Replace(source) => {
                let new_len = source.len();
                generated = generated.saturating_add(new_len);
                let before = len;
                len = new_len;
                // Make it, then find what differs from the data it replaces.
                new_len.saturating_add(before.max(new_len))
            }
            ChecksumStep::Corrupt(op) => match op {
                // Bytes move.
                Corruption::Insert { .. } => {
                    len = len.saturating_add(1);
                    len
                }
                Corruption::Delete { len: gone, .. } => {
                    let moved = len;
                    len = len.saturating_sub(*gone as u64);
                    moved
                }
                Corruption::Truncate { len: kept } => {
                    len = len.min(*kept as u64);
                    len
                }
                // Changed in place: at most a sector, and the page keeps track of what differs
                // from the good copy as it goes.
                _ => SECTOR_BYTES,
            },
            ChecksumStep::Undo | ChecksumStep::Redo | ChecksumStep::RestoreGood => {
                len = longest;
                longest
            }
            ChecksumStep::MarkGood => len,
            ChecksumStep::Store(config) => {
                replicas = config.replicas as u64;
                stored = 0;
                1
            }
            ChecksumStep::ReadRepair(_) | ChecksumStep::EndToEnd(_) => 1,
            ChecksumStep::Write => {
                stored = len.min(STORE_DEMO_MAX);
                stored
                    .saturating_mul(replicas + 1)
                    .saturating_mul(HASH_WEIGHT + 1)
            }
            ChecksumStep::Read => stored
                .saturating_mul(replicas + 1)
                .saturating_mul(HASH_WEIGHT + 1),
            ChecksumStep::CorruptAtRest(_)
            | ChecksumStep::CorruptInTransit(_)
            | ChecksumStep::CorruptBeforeChecksum => stored.max(1),
            // One bit of one digest (at most 64 bytes); the data is not touched.
            ChecksumStep::CorruptStoredChecksum(_) => DIGEST_BYTES,
        };
        longest = longest.max(len);
        processed = processed.saturating_add(cost);
    }
    if generated > MAX_GENERATED_BYTES || processed > MAX_REPLAY_BYTES {
        return Err(ScenarioError::TooMuchData {
            generated,
            processed,
        });
    }
    Ok(())
}
