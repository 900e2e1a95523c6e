//! Reading links of format 1, made before a run's settings held the number of failed checks of
//! central pull. The binary encoding has no field names, so a format-1 scenario is read into these
//! copies of the format-1 types and converted, with the settings added since at their defaults.
//! Only reading: links are always written in the current format.

use serde::Deserialize;

use super::model::{ChecksumsScenario, HeartbeatsScenario, Scenario, TimedCommand};
use crate::sim::{Command, Config, Detection, Link, NodeId, Overload, Partition, Topology};

/// [`Config`] as format 1 wrote it.
#[derive(Deserialize)]
struct ConfigV1 {
    nodes: u32,
    topology: Topology,
    interval_ms: u64,
    send_jitter_ms: u64,
    detection: Detection,
    network: Link,
    work_items: u32,
    requests_per_sec: u32,
    quorum: bool,
    replace_after_ms: Option<u64>,
    seed: u64,
}

impl From<ConfigV1> for Config {
    fn from(c: ConfigV1) -> Config {
        Config {
            nodes: c.nodes,
            topology: c.topology,
            interval_ms: c.interval_ms,
            send_jitter_ms: c.send_jitter_ms,
            detection: c.detection,
            network: c.network,
            work_items: c.work_items,
            requests_per_sec: c.requests_per_sec,
            quorum: c.quorum,
            replace_after_ms: c.replace_after_ms,
            seed: c.seed,
            ..Config::default()
        }
    }
}

/// [`Command`] as format 1 wrote it (the same variants, in the same order).
#[derive(Deserialize)]
enum CommandV1 {
    Crash {
        node: NodeId,
    },
    Restart {
        node: NodeId,
    },
    Slow {
        node: NodeId,
        percent: u32,
    },
    Pause {
        node: NodeId,
        ms: u64,
    },
    Overload {
        node: NodeId,
        overload: Overload,
    },
    Recover {
        node: NodeId,
    },
    CutOff {
        node: NodeId,
    },
    Partition(Partition),
    CutOneWay {
        from: NodeId,
        to: NodeId,
    },
    Heal,
    ClearAllFaults,
    SetLink {
        from: NodeId,
        to: NodeId,
        link: Link,
    },
    Configure(ConfigV1),
}

impl From<CommandV1> for Command {
    fn from(c: CommandV1) -> Command {
        match c {
            CommandV1::Crash { node } => Command::Crash { node },
            CommandV1::Restart { node } => Command::Restart { node },
            CommandV1::Slow { node, percent } => Command::Slow { node, percent },
            CommandV1::Pause { node, ms } => Command::Pause { node, ms },
            CommandV1::Overload { node, overload } => Command::Overload { node, overload },
            CommandV1::Recover { node } => Command::Recover { node },
            CommandV1::CutOff { node } => Command::CutOff { node },
            CommandV1::Partition(p) => Command::Partition(p),
            CommandV1::CutOneWay { from, to } => Command::CutOneWay { from, to },
            CommandV1::Heal => Command::Heal,
            CommandV1::ClearAllFaults => Command::ClearAllFaults,
            CommandV1::SetLink { from, to, link } => Command::SetLink { from, to, link },
            CommandV1::Configure(c) => Command::Configure(c.into()),
        }
    }
}

#[derive(Deserialize)]
struct TimedCommandV1 {
    at_ms: u64,
    command: CommandV1,
}

#[derive(Deserialize)]
pub(super) struct HeartbeatsScenarioV1 {
    config: ConfigV1,
    schedule: Vec<TimedCommandV1>,
    start_at_ms: u64,
    show_truth: bool,
    observer: u32,
}

/// [`Scenario`] as format 1 wrote it; Checksums scenarios have not changed since.
#[derive(Deserialize)]
pub(super) enum ScenarioV1 {
    Heartbeats(HeartbeatsScenarioV1),
    Checksums(ChecksumsScenario),
}

impl From<ScenarioV1> for Scenario {
    fn from(s: ScenarioV1) -> Scenario {
        match s {
            ScenarioV1::Heartbeats(h) => Scenario::Heartbeats(HeartbeatsScenario {
                config: h.config.into(),
                schedule: h
                    .schedule
                    .into_iter()
                    .map(|c| TimedCommand {
                        at_ms: c.at_ms,
                        command: c.command.into(),
                    })
                    .collect(),
                start_at_ms: h.start_at_ms,
                show_truth: h.show_truth,
                observer: h.observer,
            }),
            ScenarioV1::Checksums(c) => Scenario::Checksums(c),
        }
    }
}
