//! What a scenario may ask of a page: checks on its settings, schedule and data, and the cost of
//! replaying it.
//!
//! Opening a link replays the run from the start without drawing anything, so its cost is all
//! simulation work. The estimate below counts simulation steps per second of virtual time for the
//! settings in force (a schedule's `Configure` can change them), plus what each command may set
//! off. Its weights were measured natively against the world itself; it errs on the high side for
//! the heaviest settings (large all-to-all or gossiping clusters, bursts of false positives), where
//! a page would freeze anyway.

use super::model::{
    ChecksumStep, ChecksumsScenario, DataSource, HeartbeatsScenario, MAX_GENERATED_BYTES,
    MAX_REPLAY_BYTES, MAX_REPLAY_STEPS, MAX_STEPS, MAX_VIRTUAL_MS, Scenario, ScenarioError,
};
use crate::checksum::{
    Corruption, DEFAULT_REPLICAS, MAX_DATA_LEN, MAX_RANDOM_LEN, MAX_REPLICAS, MIN_RANDOM_LEN,
    MIN_REPLICAS,
};
use crate::sim::config::MAX_IN_FLIGHT;
use crate::sim::{Command, Config, DetectorKind, NodeId, Topology};

/// The page's store demo writes at most this much (larger data is refused before it is hashed), so
/// this is the most a replayed write or read can hash per replica.
const STORE_DEMO_MAX: u64 = 1024 * 1024;
/// How much slower hashing a byte is than copying or comparing it, in the data cost.
const HASH_WEIGHT: u64 = 4;

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
    let (generated, processed) = checksums_cost(c);
    if generated > MAX_GENERATED_BYTES || processed > MAX_REPLAY_BYTES {
        return Err(ScenarioError::TooMuchData {
            generated,
            processed,
        });
    }
    Ok(())
}

/// How many bytes replaying `c` goes through, as [`check_checksums_cost`] counts them (the data
/// made, copied and compared, hashing four times over): about 1 ms of a browser's time per MiB.
pub fn checksums_replay_bytes(c: &ChecksumsScenario) -> u64 {
    checksums_cost(c).1
}

/// The bytes a replay of `c` makes, and the bytes it goes through.
fn checksums_cost(c: &ChecksumsScenario) -> (u64, u64) {
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
    (generated, processed)
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
}
