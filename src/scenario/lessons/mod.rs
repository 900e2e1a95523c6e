//! The guided lessons, as data: each is a short text, a scenario that plays by itself up to a
//! moment, a question for the learner to try from there, and the claims its text makes, as
//! checks a test runs on many seeds ([`claims`]). To add a lesson, add an entry to [`LESSONS`];
//! no component changes.

pub mod claims;

use claims::Claim;

use super::model::{
    ChecksumStep, ChecksumsScenario, DataSource, HeartbeatsScenario, Scenario, TimedCommand,
};
use crate::checksum::{Algorithm, Corruption, StoreConfig};
use crate::sim::{
    Command, Config, DetectorChoice, FixedTimeout, Link, NodeId, Overload, Partition, Topology,
};
use claims::*;

/// One lesson.
#[derive(Debug, Clone, Copy)]
pub struct Lesson {
    /// Its number in the course order, from 1.
    pub number: u8,
    /// Its title.
    pub title: &'static str,
    /// Its text, one paragraph per entry.
    pub text: &'static [&'static str],
    /// What to try once the scenario hands over.
    pub question: &'static str,
    /// Builds the scenario (a function, so the table stays plain data).
    pub scenario: fn() -> Scenario,
    /// For Heartbeats lessons: the scenario plays by itself until this virtual time, then pauses.
    pub hand_over_at_ms: u64,
    /// What the text claims about the scenario, each with its check.
    pub claims: &'static [Claim],
}

impl Lesson {
    /// The lesson with this number.
    pub fn by_number(n: u8) -> Option<&'static Lesson> {
        LESSONS.iter().find(|l| l.number == n)
    }

    /// The lesson's scenario.
    pub fn build(&self) -> Scenario {
        (self.scenario)()
    }
}

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

fn seed_example() -> Scenario {
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

fn four_causes() -> Scenario {
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

fn short_timeout() -> Scenario {
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

fn cost() -> Scenario {
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
    hb(c, Vec::new(), true, 0)
}

fn gossip() -> Scenario {
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

fn split_brain() -> Scenario {
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

fn phi() -> Scenario {
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
        vec![at(60_000, Command::Crash { node: NodeId(3) })],
        true,
        0,
    )
}

fn after_death() -> Scenario {
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

fn one_replica() -> StoreConfig {
    StoreConfig {
        replicas: 1,
        algorithm: Algorithm::Sha256,
        read_repair: false,
        end_to_end: false,
    }
}

fn flipped_bit() -> Scenario {
    // '1' is 0x31; flipping bit 0 of byte 10 turns "100" into "000".
    ck(
        "Pay Alice 100 euros",
        vec![
            ChecksumStep::Corrupt(Corruption::FlipBit { byte: 10, bit: 0 }),
            ChecksumStep::RestoreGood,
            ChecksumStep::Store(one_replica()),
            ChecksumStep::Write,
            ChecksumStep::CorruptAtRest(0),
            ChecksumStep::Read,
        ],
    )
}

fn replicas() -> Scenario {
    ck(
        "Pay Alice 100 euros",
        vec![
            ChecksumStep::Store(StoreConfig {
                replicas: 3,
                algorithm: Algorithm::Crc32c,
                read_repair: true,
                end_to_end: false,
            }),
            ChecksumStep::Write,
            ChecksumStep::CorruptAtRest(0),
            ChecksumStep::Read,
        ],
    )
}

fn end_to_end() -> Scenario {
    ck(
        "Pay Alice 100 euros",
        vec![
            ChecksumStep::Store(StoreConfig {
                replicas: 3,
                algorithm: Algorithm::Sha256,
                read_repair: false,
                end_to_end: false,
            }),
            ChecksumStep::CorruptBeforeChecksum,
            ChecksumStep::Write,
            ChecksumStep::Read,
        ],
    )
}

fn which_hash() -> Scenario {
    ck("The quick brown fox jumps over the lazy dog", Vec::new())
}

/// Every lesson, in the course's order.
pub const LESSONS: &[Lesson] = &[
    Lesson {
        number: 1,
        title: "A heartbeat, and a monitor that notices it stop",
        text: &[
            "A heartbeat is a small, regular message that says \"I am still here\". In the course's example each node sends one every 2 seconds to a central monitor, and the monitor raises the alarm when it has heard nothing from a node for more than 5 seconds.",
            "Watch the three nodes beat, then node 2 crash at 9 s. The monitor first suspects it (nothing for 3 s), then declares it dead once the 5 s timeout passes: somewhere between 3 and 5 s after the crash, depending on when its last heartbeat left.",
        ],
        question: "Restart node 2. How long after the restart does the monitor call it alive again, and why not at once?",
        scenario: seed_example,
        hand_over_at_ms: 16_000,
        claims: LESSON_1,
    },
    Lesson {
        number: 2,
        title: "Crashed, slow, partitioned or overloaded: the monitor cannot tell them apart",
        text: &[
            "A missing heartbeat can mean four different things: the node crashed, it is alive but very slow (here: frozen in a long pause), the network between it and the monitor is partitioned, or it is so overloaded that its heartbeats never go out.",
            "At 6 s one node of each kind goes silent. The ground truth is hidden, so you see exactly what the monitor sees: four silent nodes.",
        ],
        question: "Which node crashed? Decide from the monitor's view alone, then tick \"Show ground truth\". What could the monitor do to tell them apart, and what would it cost?",
        scenario: four_causes,
        hand_over_at_ms: 14_000,
        claims: LESSON_2,
    },
    Lesson {
        number: 3,
        title: "Short timeout vs long timeout",
        text: &[
            "The timeout is a trade-off. A short one notices a crash quickly but mistakes slow nodes for dead ones (false positives); a long one makes fewer mistakes but leaves a dead node in service longer.",
            "Here the timeout is 2.5 s with heartbeats every second, a jittery network and a few nodes pausing for 3–4 s, as a garbage collector might. One node really crashes at 12 s.",
        ],
        question: "Count the false positives in the metrics. Then set the timeout to 8 s and press Reset: what happens to the detection latency and to the false positives? The trade-off explorer below the settings plots the whole curve.",
        scenario: short_timeout,
        hand_over_at_ms: 30_000,
        claims: LESSON_3,
    },
    Lesson {
        number: 4,
        title: "Push vs pull, and the price of heartbeats",
        text: &[
            "Nodes can push heartbeats to a monitor, or the monitor can pull them by asking each node in turn (a request and an answer: twice the messages). Without a center, all-to-all heartbeats cost N·(N−1) messages per interval, and gossiping to k random peers costs k·N — but each gossip message carries the sender's whole table.",
            "The table below is computed from the simulation's own formulas for a heartbeat every second.",
        ],
        question: "Switch the topology to pull, then all-to-all, then random peers, and compare \"heartbeat messages\" and \"bytes\" in the metrics with the table. At 100 nodes, which would you choose, and what does it cost you in detection?",
        scenario: cost,
        hand_over_at_ms: 6_000,
        claims: LESSON_4,
    },
    Lesson {
        number: 5,
        title: "Without a center: random peers and each node's own view",
        text: &[
            "Without a central monitor, every node picks a few random peers each round and sends them its heartbeat table; each node keeps its own view of who is alive. News spreads like gossip: a node usually hears of another second-hand.",
            "Node 7 crashes at 10 s. You are looking through node 1's eyes.",
        ],
        question: "Use \"View of\" to look through other nodes' eyes. Did they all declare node 7 dead at the same moment? Why not, and what does that mean for the timeout you choose?",
        scenario: gossip,
        hand_over_at_ms: 24_000,
        claims: LESSON_5,
    },
    Lesson {
        number: 6,
        title: "Split brain under a partition, and the majority-quorum fix",
        text: &[
            "When the network splits, each side stops hearing the other and may declare it dead. If each side then picks its own leader, two leaders act at once: split brain.",
            "Five nodes heartbeat each other; at 8 s the network splits 3 / 2.",
            "With the majority quorum, leadership is a lease, as in Raft or Kubernetes: each node promises one leader, for one timeout, not to follow anyone else, and a node leads only while it counts running promises from a majority. It counts them before it acts and steps down when they lapse. Each new leader gets a higher epoch from the work store, and the store refuses any write with an older epoch than the newest it has seen (a fencing token), so a leader that froze or fell behind cannot undo its successor's work.",
        ],
        question: "How many leaders are there? Tick \"majority quorum\" in the settings and Reset: now how many, and what does the minority side give up? Then keep it playing with the quorum on: at 20 s the network heals, at 24 s node 3 crashes and at 26 s the leader, node 1, is overloaded: everything it sends leaves 6 s late. It still moves node 3's work while its lease holds, but its write reaches the work store after node 2 has taken over with a newer epoch, and the store refuses it: find that in the log. (Pause node 1 for 15 s instead, and the log calls it a zombie leader until it wakes and steps down.)",
        scenario: split_brain,
        hand_over_at_ms: 16_000,
        claims: LESSON_6,
    },
    Lesson {
        number: 7,
        title: "Phi accrual: a detector that adapts to jitter",
        text: &[
            "Instead of one fixed timeout, a phi accrual detector (as in Akka and Cassandra) learns how regular each node's heartbeats are and turns silence into a suspicion level φ. φ = 8 means about a one-in-a-hundred-million chance that the node is merely late.",
            "Heartbeats here wobble by up to 0.7 s around a 2 s interval, so two of them can arrive up to about 2.8 s apart, and the fixed timeout is a tight 2.5 s. Both detectors watch the same arrivals; node 3 crashes at 60 s.",
            "Like Akka's detector, φ learns only from gaps that ended before it declared the node dead: the silence of a partition or a long pause is not a sample of how the node usually beats, so once heartbeats flow again its deadline is back to normal.",
        ],
        question: "Compare the two detectors' false positives and detection latency in the metrics. Then raise the send jitter to 1.5 s: what happens to φ's dashed deadline on the timeline?",
        scenario: phi,
        hand_over_at_ms: 72_000,
        claims: LESSON_7,
    },
    Lesson {
        number: 8,
        title: "What happens after a death: requests stop, work moves, a replacement starts",
        text: &[
            "Declaring a node dead is only half of the story: the system stops sending it requests, moves its work to healthy nodes and starts a replacement. Until the detector decides, requests to a crashed node fail.",
            "Node 2 crashes at 8 s; a replacement starts 15 s after it is declared dead. At 30 s node 4 pauses for 10 s.",
        ],
        question: "How many requests failed, and when did they stop failing? What did the false positive on node 4 cost (look at \"Where the work went\" and \"replacements\")?",
        scenario: after_death,
        hand_over_at_ms: 55_000,
        claims: LESSON_8,
    },
    Lesson {
        number: 9,
        title: "A flipped bit: checksums on the write path and the read path",
        text: &[
            "A single flipped bit turns \"Pay Alice 100 euros\" into \"Pay Alice 000 euros\" — and changes every digest completely. The lesson flipped it and restored it, then wrote the data to a store with one replica: the storage node computed a SHA-256 checksum and stored it beside the data.",
            "Then a disk fault flipped a bit of the stored data, and a read recomputed the checksum, compared it with the stored one, and refused to return the data.",
        ],
        question: "Press Undo once to see the flipped version again: which digests changed, and by how many bits? Why does the read return an error rather than the data?",
        scenario: flipped_bit,
        hand_over_at_ms: 0,
        claims: LESSON_9,
    },
    Lesson {
        number: 10,
        title: "Another replica, read repair, and the explicit error when all copies are bad",
        text: &[
            "With three replicas, a read that finds a bad copy marks it corrupt and fetches the data from the next replica. With read repair on, it then rewrites the bad replica from the good copy.",
            "Replica 1 was damaged on disk before this read.",
        ],
        question: "Read again: what happened to replica 1? Now corrupt all three replicas at rest and read: what does the client get?",
        scenario: replicas,
        hand_over_at_ms: 0,
        claims: LESSON_10,
    },
    Lesson {
        number: 11,
        title: "Corruption before the checksum: why it must be end to end",
        text: &[
            "A checksum only protects what happens after it is computed. Here a memory error damaged the data on the storage node before it computed the checksum: the stored checksum matches the damaged data, and every read says it matches.",
            "The client computes and keeps its own checksum of what it sends at every write, whether or not reads compare with it; the end-to-end check is that comparison.",
        ],
        question: "Compare the data the read returned with what was written. Turn on the end-to-end check (the client's own checksum from before it sent the data) and read again: why does only this check catch it?",
        scenario: end_to_end,
        hand_over_at_ms: 0,
        claims: LESSON_11,
    },
    Lesson {
        number: 12,
        title: "MD5, SHA-1, SHA-256: speed, size, collision resistance",
        text: &[
            "All of these detect accidental corruption: a random change alters the digest with overwhelming probability. They differ in size (128, 160, 256 bits), in speed, and in whether someone can deliberately build two inputs with the same digest: practical for MD5 since 2004, shown for SHA-1 in 2017, unknown for SHA-256.",
        ],
        question: "Run \"Measure in this browser\". Which algorithm is fastest here? Which would you use to detect disk errors in a storage system, and which to check a download that an attacker could have replaced?",
        scenario: which_hash,
        hand_over_at_ms: 0,
        claims: LESSON_12,
    },
];
