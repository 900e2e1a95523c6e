//! The settings of a run, and their validation: a bad value comes back as a [`ConfigError`] naming
//! the field, never as a panic.

use serde::{Deserialize, Serialize};

pub use super::detector::DetectorKind;
use super::detector::{FixedTimeout, PhiAccrual};
pub use super::field::{ConfigError, Field};
pub use super::limits::*;
use super::network::Link;

/// Who sends heartbeats to whom.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topology {
    /// Every node pushes a heartbeat to one central monitor every interval.
    CentralPush,
    /// The central monitor asks (pulls) every node every interval; a node's answer is its heartbeat.
    CentralPull,
    /// No center: every interval each node gossips its heartbeat table to `k` peers chosen at random;
    /// every node keeps its own view of who is alive.
    RandomK {
        /// How many random peers each node contacts per interval (1 to N−1).
        k: u32,
    },
    /// No center: every node heartbeats every other node every interval (the expensive baseline).
    AllToAll,
    /// No heartbeats: SWIM membership. Each member probes one other per protocol period, asks
    /// others to probe for it when there is no ack, suspects before it declares, and spreads the
    /// news on its probes (see [`super::swim`]).
    Swim(super::swim::SwimSettings),
}

impl Topology {
    /// Whether a central monitor observes the nodes (otherwise every node observes its peers).
    pub fn is_central(self) -> bool {
        matches!(self, Topology::CentralPush | Topology::CentralPull)
    }

    /// A short name for the learner.
    pub fn label(self) -> String {
        match self {
            Topology::CentralPush => "central monitor, push".into(),
            Topology::CentralPull => "central monitor, pull".into(),
            Topology::RandomK { k } => format!("random peers (k = {k})"),
            Topology::AllToAll => "all-to-all".into(),
            Topology::Swim(s) => format!(
                "SWIM (probe every {} ms, k = {})",
                s.probe_interval_ms, s.indirect_checks
            ),
        }
    }
}

/// Which failure detectors observe the heartbeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DetectorChoice {
    /// A fixed timeout decides.
    Fixed,
    /// Phi accrual decides.
    Phi,
    /// Both observe the same arrivals; the fixed timeout drives recovery, phi is shown beside it.
    Both,
    /// SWIM's own suspicion and declaration (with the SWIM topology, and only with it).
    Swim,
}

/// The failure-detector settings. Both detectors keep their settings whichever is chosen, so
/// switching back and forth loses nothing.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Detection {
    /// Which detectors run; the first listed by [`Detection::kinds`] drives recovery.
    pub choice: DetectorChoice,
    /// The fixed-timeout detector's thresholds.
    pub fixed: FixedTimeout,
    /// The phi accrual detector's thresholds and window.
    pub phi: PhiAccrual,
}

impl Detection {
    /// The detectors that run, the one that drives recovery first.
    pub fn kinds(&self) -> &'static [DetectorKind] {
        match self.choice {
            DetectorChoice::Fixed => &[DetectorKind::Fixed],
            DetectorChoice::Phi => &[DetectorKind::Phi],
            DetectorChoice::Both => &[DetectorKind::Fixed, DetectorKind::Phi],
            DetectorChoice::Swim => &[DetectorKind::Swim],
        }
    }

    /// Whether phi accrual runs.
    pub fn uses_phi(&self) -> bool {
        matches!(self.choice, DetectorChoice::Phi | DetectorChoice::Both)
    }
}

/// Everything that decides a run, apart from the commands applied during it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Config {
    /// Number of nodes, 1 to [`MAX_NODES`]. Nodes are numbered from 1; the monitor is node 0.
    pub nodes: u32,
    /// Who heartbeats whom.
    pub topology: Topology,
    /// Time between two heartbeats of a node (or two pulls of the monitor), in ms.
    pub interval_ms: u64,
    /// Each heartbeat leaves up to this many ms early or late (uniform), so nodes drift apart.
    pub send_jitter_ms: u64,
    /// The failure detectors and their thresholds.
    pub detection: Detection,
    /// Latency, jitter and loss of every link without its own setting.
    pub network: Link,
    /// Work items (shards) spread over the nodes; a dead node's items move to a healthy node.
    pub work_items: u32,
    /// Client requests per second of virtual time, each to the node that owns a random work item.
    pub requests_per_sec: u32,
    /// With a majority quorum, a side of a partition that sees half the nodes or fewer has no leader.
    pub quorum: bool,
    /// When set, a node declared dead gets a replacement started this many ms later.
    pub replace_after_ms: Option<u64>,
    /// The seed of the run's one random number generator.
    pub seed: u64,
    /// Central pull only: how many checks in a row must fail before the monitor declares a node
    /// dead (Elasticsearch's follower checks: 3). Each check waits the timeout for its answer.
    #[serde(default = "one")]
    pub failed_checks: u32,
}

/// The number 1, the default of [`Config::failed_checks`] in files written before it existed.
fn one() -> u32 {
    1
}

impl Default for Config {
    /// The seeds' example: five nodes push a heartbeat every 2 s to a monitor that alerts after 5 s.
    fn default() -> Self {
        Config {
            nodes: 5,
            topology: Topology::CentralPush,
            interval_ms: 2000,
            send_jitter_ms: 0,
            detection: Detection {
                choice: DetectorChoice::Fixed,
                fixed: FixedTimeout {
                    suspect_after_ms: 3000,
                    timeout_ms: 5000,
                },
                phi: PhiAccrual::default(),
            },
            network: Link {
                latency_ms: 100,
                jitter_ms: 30,
                loss: 0.0,
            },
            work_items: 20,
            requests_per_sec: 10,
            quorum: false,
            replace_after_ms: None,
            seed: 1,
            failed_checks: 1,
        }
    }
}

fn err(field: Field, message: impl Into<String>) -> Result<(), ConfigError> {
    Err(ConfigError {
        field,
        message: message.into(),
    })
}

fn check_duration(field: Field, ms: u64) -> Result<(), ConfigError> {
    if ms > MAX_DURATION_MS {
        return err(
            field,
            format!("must be at most one day ({MAX_DURATION_MS} ms)"),
        );
    }
    Ok(())
}

impl Config {
    /// Checks every field and their combinations; the first problem found is returned.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.nodes == 0 || self.nodes > MAX_NODES {
            return err(
                Field::Nodes,
                format!("must be between 1 and {MAX_NODES}, not {}", self.nodes),
            );
        }
        if self.interval_ms == 0 {
            return err(Field::Interval, "must be at least 1 ms");
        }
        check_duration(Field::Interval, self.interval_ms)?;
        if self.send_jitter_ms >= self.interval_ms {
            return err(
                Field::SendJitter,
                format!(
                    "must be below the interval ({} ms), not {} ms",
                    self.interval_ms, self.send_jitter_ms
                ),
            );
        }
        match self.topology {
            Topology::RandomK { k } => {
                if self.nodes < 2 {
                    return err(Field::Nodes, "random peers need at least 2 nodes");
                }
                if k == 0 || k >= self.nodes {
                    return err(
                        Field::K,
                        format!(
                            "must be between 1 and {} (nodes − 1), not {k}",
                            self.nodes - 1
                        ),
                    );
                }
            }
            Topology::AllToAll if self.nodes < 2 => {
                return err(Field::Nodes, "all-to-all needs at least 2 nodes");
            }
            Topology::Swim(settings) => {
                if self.nodes < 2 {
                    return err(Field::Nodes, "SWIM needs at least 2 members");
                }
                if let Err(why) = settings.validate() {
                    return err(Field::Topology, why);
                }
            }
            _ => {}
        }
        // SWIM members decide by their own protocol, and only SWIM's members do.
        let swim_topology = matches!(self.topology, Topology::Swim(_));
        if swim_topology != (self.detection.choice == DetectorChoice::Swim) {
            return err(
                Field::Detector,
                "SWIM's own suspicion goes with the SWIM topology, and only with it",
            );
        }
        self.validate_detection()?;
        self.network.validate()?;
        let rate = self.expected_messages_per_sec();
        if rate > MAX_MESSAGES_PER_SEC {
            return err(
                Field::Interval,
                format!(
                    "{} would send {rate:.0} heartbeat messages per second; the playground handles at most {MAX_MESSAGES_PER_SEC:.0}. \
                     Use a longer interval, fewer nodes or another topology",
                    self.topology.label()
                ),
            );
        }
        if rate * (self.network.max_delay_ms() as f64 / 1000.0) > MAX_IN_FLIGHT {
            return err(
                Field::Latency,
                format!(
                    "so much latency would keep more than {MAX_IN_FLIGHT:.0} messages in flight at once; lower it"
                ),
            );
        }
        if let Topology::RandomK { k } = self.topology {
            let tables = rate * (self.network.max_delay_ms() as f64 / 1000.0) / k.max(1) as f64;
            let bytes = tables * (self.nodes as f64 + 1.0) * 8.0;
            if bytes > MAX_GOSSIP_IN_FLIGHT_BYTES {
                return err(
                    Field::Latency,
                    format!(
                        "with so much latency about {:.0} MB of gossiped tables would be on the wire at once; the playground holds at most {:.0} MB. Lower it, or use fewer nodes",
                        bytes / 1e6,
                        MAX_GOSSIP_IN_FLIGHT_BYTES / 1e6
                    ),
                );
            }
        }
        if self.work_items > MAX_WORK_ITEMS {
            return err(
                Field::WorkItems,
                format!("must be at most {MAX_WORK_ITEMS}"),
            );
        }
        if self.requests_per_sec > MAX_REQUESTS_PER_SEC {
            return err(
                Field::Requests,
                format!("must be at most {MAX_REQUESTS_PER_SEC} per second"),
            );
        }
        if let Some(ms) = self.replace_after_ms {
            check_duration(Field::ReplaceAfter, ms)?;
        }
        if !(1..=MAX_FAILED_CHECKS).contains(&self.failed_checks) {
            return err(
                Field::FailedChecks,
                format!(
                    "must be between 1 and {MAX_FAILED_CHECKS}, not {}",
                    self.failed_checks
                ),
            );
        }
        Ok(())
    }

    fn validate_detection(&self) -> Result<(), ConfigError> {
        let f = self.detection.fixed;
        if f.suspect_after_ms == 0 {
            return err(Field::SuspectAfter, "must be at least 1 ms");
        }
        check_duration(Field::SuspectAfter, f.suspect_after_ms)?;
        check_duration(Field::Timeout, f.timeout_ms)?;
        if f.timeout_ms <= self.interval_ms {
            return err(
                Field::Timeout,
                format!(
                    "must be longer than the heartbeat interval ({} ms), or every node looks dead between two heartbeats",
                    self.interval_ms
                ),
            );
        }
        if f.suspect_after_ms > f.timeout_ms {
            return err(
                Field::SuspectAfter,
                format!(
                    "must not exceed the timeout ({} ms): a node is suspected before it is declared dead",
                    f.timeout_ms
                ),
            );
        }
        let p = self.detection.phi;
        if !(p.suspect_phi.is_finite() && p.suspect_phi > 0.0 && p.suspect_phi <= 30.0) {
            return err(Field::PhiSuspect, "must be a number above 0 and at most 30");
        }
        if !(p.dead_phi.is_finite() && p.dead_phi > 0.0 && p.dead_phi <= 30.0) {
            return err(Field::PhiDead, "must be a number above 0 and at most 30");
        }
        if p.suspect_phi > p.dead_phi {
            return err(
                Field::PhiSuspect,
                format!("must not exceed the dead threshold (φ = {})", p.dead_phi),
            );
        }
        if p.window < 2 || p.window > 1000 {
            return err(Field::PhiWindow, "must be between 2 and 1000 samples");
        }
        if p.min_std_ms == 0 {
            return err(Field::PhiMinStd, "must be at least 1 ms");
        }
        check_duration(Field::PhiMinStd, p.min_std_ms)?;
        check_duration(Field::PhiPause, p.acceptable_pause_ms)?;
        if self.detection.uses_phi() {
            let samples = self.watched_pairs() * p.window as u64;
            if samples > MAX_PHI_SAMPLES {
                let fits = (MAX_PHI_SAMPLES / self.watched_pairs().max(1)).max(1);
                return err(
                    Field::PhiWindow,
                    format!(
                        "φ keeps {} samples per watched pair; {} pairs × {} samples is too much memory for a browser. \
                         Use a window of at most {fits}, fewer nodes, or a central monitor",
                        p.window,
                        self.watched_pairs(),
                        p.window
                    ),
                );
            }
        }
        Ok(())
    }

    /// Changes the topology. Random peers start from thresholds that span gossip's rounds (a
    /// central monitor's timeout declares healthy gossiping nodes dead: news takes rounds to
    /// spread), and leaving random peers with those thresholds untouched goes back to the
    /// course's example.
    pub fn switch_topology(&mut self, topology: Topology) {
        // SWIM brings its own detector; leaving it goes back to the fixed timeout.
        match (self.topology, topology) {
            (_, Topology::Swim(_)) => self.detection.choice = DetectorChoice::Swim,
            (Topology::Swim(_), _) => self.detection.choice = DetectorChoice::Fixed,
            _ => {}
        }
        let was_random = matches!(self.topology, Topology::RandomK { .. });
        let suggested = self.gossip_thresholds();
        self.topology = topology;
        let is_random = matches!(topology, Topology::RandomK { .. });
        if !was_random {
            if let Some(t) = self.gossip_thresholds() {
                self.detection.fixed = t;
            }
        } else if !is_random && suggested == Some(self.detection.fixed) {
            self.detection.fixed = Config::default().detection.fixed;
        }
    }

    /// Gossip rounds a fixed timeout must span so that random peers with nothing broken never
    /// declare a running node dead. News of a heartbeat reaches everyone after about
    /// log_(k+1) N rounds, and then each node hears it with chance about 1 − e^−k per round, so the
    /// unluckiest of N² pairs over an hour of rounds waits about ln(N² · 1800) / k rounds more;
    /// one round more is the margin. Measured here: the longest silence in an hour of rounds every
    /// 2 s was 4.9 rounds for 12 nodes and k = 3 (this gives 7), 8.0 for 100 nodes (10), 17.7 for
    /// 100 nodes and k = 1 (25). `None` for other topologies.
    pub fn gossip_rounds(&self) -> Option<u64> {
        let Topology::RandomK { k } = self.topology else {
            return None;
        };
        let n = f64::from(self.nodes.max(2));
        let k = f64::from(k.max(1));
        let spread = libm::log(n) / libm::log(k + 1.0);
        let unlucky = libm::log(n * n * 1800.0) / k;
        Some((1.0 + spread + unlucky).ceil() as u64)
    }

    /// Fixed-timeout thresholds for random peers that span [`Config::gossip_rounds`] rounds, each
    /// an interval plus the longest send jitter and network delay, rounded up to whole seconds;
    /// suspicion at half of it. `None` for other topologies.
    pub fn gossip_thresholds(&self) -> Option<FixedTimeout> {
        let rounds = self.gossip_rounds()?;
        let hop = self.interval_ms + self.send_jitter_ms + self.network.max_delay_ms();
        let timeout_ms = (rounds * hop).div_ceil(1000) * 1000;
        let suspect_after_ms = (rounds.div_ceil(2) * hop).div_ceil(1000) * 1000;
        Some(FixedTimeout {
            suspect_after_ms: suspect_after_ms.min(timeout_ms),
            timeout_ms: timeout_ms.min(MAX_DURATION_MS),
        })
    }

    /// How many (observer, node) pairs the failure detectors watch: N for a central monitor, N(N−1)
    /// when every node keeps its own view.
    pub fn watched_pairs(&self) -> u64 {
        let n = self.nodes as u64;
        if self.topology.is_central() {
            n
        } else {
            n * n.saturating_sub(1)
        }
    }

    /// The heartbeat messages per second this configuration sends when nothing is broken: N/interval
    /// for push, kN/interval for random peers, N(N−1)/interval for all-to-all; for pull a check and
    /// its answer per node and cycle, where a cycle is the interval plus the round trip (the next
    /// check goes out one interval after the answer), so a little under 2N/interval.
    pub fn expected_messages_per_sec(&self) -> f64 {
        let n = self.nodes as f64;
        let (per_cycle, cycle_ms) = match self.topology {
            Topology::CentralPush => (n, self.interval_ms as f64),
            Topology::CentralPull => (
                2.0 * n,
                (self.interval_ms + 2 * self.network.latency_ms) as f64,
            ),
            Topology::RandomK { k } => (k as f64 * n, self.interval_ms as f64),
            Topology::AllToAll => (n * (n - 1.0), self.interval_ms as f64),
            // A ping and its ack per member and protocol period, and a sync and its answer per
            // member and push-pull interval.
            Topology::Swim(s) => {
                let periods = 2.0 * n * 1000.0 / s.probe_interval_ms as f64;
                let syncs = 2.0 * n * 1000.0 / s.push_pull_ms(self.nodes) as f64;
                return periods + syncs;
            }
        };
        per_cycle * 1000.0 / cycle_ms
    }
}
