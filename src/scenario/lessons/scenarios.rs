//! The lessons' scenarios: what each lesson's stage opens before the learner presses anything.

use super::super::model::{
    ChecksumStep, ChecksumsScenario, DataSource, HeartbeatsScenario, Scenario, TimedCommand,
};
use crate::checksum::{Algorithm, StoreConfig};
use crate::sim::{
    Command, Config, DetectorChoice, FixedTimeout, Link, NodeId, Overload, Partition, Topology,
};

fn quiet() -> Link {
    Link {
        latency_ms: 0,
        jitter_ms: 0,
        loss: 0.0,
    }
}

fn at(at_ms: u64, command: Command) -> TimedCommand {
    TimedCommand { at_ms, command }
}

fn hb(config: Config, schedule: Vec<TimedCommand>, show_truth: bool, observer: u32) -> Scenario {
    Scenario::Heartbeats(HeartbeatsScenario {
        config,
        schedule,
        start_at_ms: 0,
        show_truth,
        observer,
    })
}

fn ck(start: &str, steps: Vec<ChecksumStep>) -> Scenario {
    Scenario::Checksums(ChecksumsScenario {
        start: DataSource::Text(start.to_string()),
        steps,
        show_truth: true,
        expected: String::new(),
    })
}

pub(super) fn seed_example() -> Scenario {
    let config = Config {
        nodes: 3,
        network: quiet(),
        ..Config::default()
    };
    hb(
        config,
        vec![at(9_000, Command::Crash { node: NodeId(2) })],
        true,
        0,
    )
}

pub(super) fn four_causes() -> Scenario {
    let config = Config {
        nodes: 5,
        network: Link {
            latency_ms: 60,
            jitter_ms: 20,
            loss: 0.0,
        },
        ..Config::default()
    };
    let silent = Overload {
        drop_pct: 100,
        extra_delay_ms: 0,
    };
    hb(
        config,
        vec![
            at(6_000, Command::Crash { node: NodeId(1) }),
            at(
                6_000,
                Command::Pause {
                    node: NodeId(2),
                    ms: 40_000,
                },
            ),
            at(6_000, Command::CutOff { node: NodeId(3) }),
            at(
                6_000,
                Command::Overload {
                    node: NodeId(4),
                    overload: silent,
                },
            ),
        ],
        false,
        0,
    )
}

pub(super) fn short_timeout() -> Scenario {
    let mut config = Config {
        nodes: 8,
        interval_ms: 1000,
        send_jitter_ms: 300,
        network: Link {
            latency_ms: 100,
            jitter_ms: 80,
            loss: 0.02,
        },
        ..Config::default()
    };
    config.detection.fixed = FixedTimeout {
        suspect_after_ms: 1_800,
        timeout_ms: 2_500,
    };
    hb(
        config,
        vec![
            at(
                5_000,
                Command::Pause {
                    node: NodeId(3),
                    ms: 3_000,
                },
            ),
            at(12_000, Command::Crash { node: NodeId(6) }),
            at(
                16_000,
                Command::Pause {
                    node: NodeId(5),
                    ms: 3_000,
                },
            ),
            at(
                22_000,
                Command::Pause {
                    node: NodeId(2),
                    ms: 4_000,
                },
            ),
        ],
        true,
        0,
    )
}

pub(super) fn cost() -> Scenario {
    let config = Config {
        nodes: 10,
        interval_ms: 1000,
        ..Config::default()
    };
    let mut c = config;
    c.detection.fixed = FixedTimeout {
        suspect_after_ms: 2_000,
        timeout_ms: 3_000,
    };
    hb(
        c,
        vec![at(5_000, Command::Crash { node: NodeId(4) })],
        true,
        0,
    )
}

pub(super) fn gossip() -> Scenario {
    let mut config = Config {
        nodes: 10,
        topology: Topology::RandomK { k: 3 },
        interval_ms: 1000,
        ..Config::default()
    };
    config.detection.fixed = FixedTimeout {
        suspect_after_ms: 4_000,
        timeout_ms: 8_000,
    };
    hb(
        config,
        vec![at(10_000, Command::Crash { node: NodeId(7) })],
        true,
        1,
    )
}

pub(super) fn split_brain() -> Scenario {
    let mut config = Config {
        nodes: 5,
        topology: Topology::AllToAll,
        interval_ms: 1000,
        ..Config::default()
    };
    config.detection.fixed = FixedTimeout {
        suspect_after_ms: 2_000,
        timeout_ms: 4_000,
    };
    // After the hand-over, the run goes on: the heal, a crash, and the leader falling behind, which
    // shows what the quorum's leases and the work store's epochs do (lesson 6's last part).
    let behind = Overload {
        drop_pct: 0,
        extra_delay_ms: 6_000,
    };
    hb(
        config,
        vec![
            at(8_000, Command::Partition(Partition::halves(5))),
            at(20_000, Command::Heal),
            at(24_000, Command::Crash { node: NodeId(3) }),
            at(
                26_000,
                Command::Overload {
                    node: NodeId(1),
                    overload: behind,
                },
            ),
        ],
        true,
        1,
    )
}

pub(super) fn phi() -> Scenario {
    let mut config = Config {
        nodes: 6,
        interval_ms: 2000,
        send_jitter_ms: 700,
        network: Link {
            latency_ms: 50,
            jitter_ms: 40,
            loss: 0.0,
        },
        ..Config::default()
    };
    config.detection.choice = DetectorChoice::Both;
    // Gaps between arrivals reach about 2.8 s (2 s + 0.7 s of send jitter + the network's spread),
    // so a 2.5 s timeout fires on running nodes, while φ has learnt that such gaps are normal.
    config.detection.fixed = FixedTimeout {
        suspect_after_ms: 2_200,
        timeout_ms: 2_500,
    };
    hb(
        config,
        vec![at(30_000, Command::Crash { node: NodeId(3) })],
        true,
        0,
    )
}

pub(super) fn after_death() -> Scenario {
    let mut config = Config {
        nodes: 5,
        requests_per_sec: 20,
        replace_after_ms: Some(15_000),
        ..Config::default()
    };
    config.network = Link {
        latency_ms: 40,
        jitter_ms: 10,
        loss: 0.0,
    };
    hb(
        config,
        vec![
            at(8_000, Command::Crash { node: NodeId(2) }),
            at(
                30_000,
                Command::Pause {
                    node: NodeId(4),
                    ms: 10_000,
                },
            ),
        ],
        true,
        0,
    )
}

/// One replica, SHA-256, no read repair: lesson 9's store.
pub(super) const ONE_REPLICA: StoreConfig = StoreConfig {
    replicas: 1,
    algorithm: Algorithm::Sha256,
    read_repair: false,
    end_to_end: false,
};

/// The lessons' data: a payment order, where one flipped bit changes the amount.
pub(super) const PAYMENT: &str = "Pay Alice 100 euros";

pub(super) fn flipped_bit() -> Scenario {
    ck(PAYMENT, Vec::new())
}

pub(super) fn replicas() -> Scenario {
    ck(
        PAYMENT,
        vec![
            ChecksumStep::Store(StoreConfig {
                replicas: 3,
                algorithm: Algorithm::Crc32c,
                read_repair: true,
                end_to_end: false,
            }),
            ChecksumStep::Write,
        ],
    )
}

pub(super) fn end_to_end() -> Scenario {
    ck(
        PAYMENT,
        vec![ChecksumStep::Store(StoreConfig {
            replicas: 3,
            algorithm: Algorithm::Sha256,
            read_repair: false,
            end_to_end: false,
        })],
    )
}

pub(super) fn which_hash() -> Scenario {
    ck("The quick brown fox jumps over the lazy dog", Vec::new())
}

/// Lesson 13: six nodes heartbeat each other; at 3 s messages from node 5 to node 2 start to be
/// lost (one bad link, one direction). The stage shows node 2's view.
pub(super) fn bad_link() -> Scenario {
    let config = Config {
        nodes: 6,
        topology: Topology::AllToAll,
        network: Link {
            latency_ms: 40,
            jitter_ms: 10,
            loss: 0.0,
        },
        ..Config::default()
    };
    hb(
        config,
        vec![at(
            3_000,
            Command::CutOneWay {
                from: NodeId(5),
                to: NodeId(2),
            },
        )],
        true,
        2,
    )
}

/// SWIM without Lifeguard: node 4 freezes from 3 s to 15 s, and node 2 is overloaded from 25 s.
pub(super) fn paused_member() -> Scenario {
    let mut config = Config {
        nodes: 8,
        ..Config::default()
    };
    config.switch_topology(Topology::Swim(
        crate::sim::swim::SwimSettings::WITHOUT_LIFEGUARD,
    ));
    hb(
        config,
        vec![
            at(
                3_000,
                Command::Pause {
                    node: NodeId(4),
                    ms: 12_000,
                },
            ),
            at(
                25_000,
                Command::Overload {
                    node: NodeId(2),
                    overload: Overload::default(),
                },
            ),
        ],
        true,
        2,
    )
}
