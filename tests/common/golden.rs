//! One fixed run whose trace fingerprint must come out the same natively and in the browser
//! (wasm32): the same seed and commands give the same trace on every platform. Used by the native
//! tests and by the browser tests; if the simulation changes on purpose, update `FINGERPRINT`.
#![allow(dead_code)]

use faultlab::sim::{
    Command, Config, DetectorChoice, Link, NodeId, Partition, SimTime, Topology, World,
};

/// The fingerprint of [`run`]'s trace.
pub const FINGERPRINT: u64 = 0x51c3_3ef8_af63_6c1c;
/// The number of trace events of [`run`].
pub const EVENTS: u64 = 2955;

/// A run that exercises gossip, both detectors (phi's floating point included), loss, pauses,
/// a partition and a crash.
pub fn run() -> World {
    let mut c = Config {
        nodes: 9,
        topology: Topology::RandomK { k: 2 },
        interval_ms: 700,
        send_jitter_ms: 150,
        seed: 20261122,
        ..Config::default()
    };
    c.detection.choice = DetectorChoice::Both;
    c.detection.fixed.suspect_after_ms = 2_000;
    c.detection.fixed.timeout_ms = 3_500;
    c.network = Link {
        latency_ms: 60,
        jitter_ms: 45,
        loss: 0.03,
    };
    let mut w = World::new(c).unwrap();
    w.run_until(SimTime(5_000));
    w.apply(Command::Pause {
        node: NodeId(3),
        ms: 4_000,
    })
    .unwrap();
    w.run_until(SimTime(12_000));
    w.apply(Command::Partition(Partition::halves(9))).unwrap();
    w.run_until(SimTime(20_000));
    w.apply(Command::Crash { node: NodeId(2) }).unwrap();
    w.apply(Command::Heal).unwrap();
    w.run_until(SimTime(40_000));
    w
}

/// The fingerprint of [`swim_run`]'s trace.
pub const SWIM_FINGERPRINT: u64 = 0xe21f_5bb4_1bb7_5330;
/// The number of trace events of [`swim_run`].
pub const SWIM_EVENTS: u64 = 2109;

/// A SWIM run with loss, a one-way cut, a freeze (a refutation) and a crash (a declaration).
pub fn swim_run() -> World {
    let mut c = Config {
        nodes: 9,
        seed: 20261205,
        ..Config::default()
    };
    c.switch_topology(Topology::Swim(faultlab::sim::swim::SwimSettings::LAN));
    c.network = Link {
        latency_ms: 40,
        jitter_ms: 30,
        loss: 0.05,
    };
    let mut w = World::new(c).unwrap();
    w.set_trace_capacity(100_000);
    w.run_until(SimTime(3_000));
    w.apply(Command::CutOneWay {
        from: NodeId(7),
        to: NodeId(3),
    })
    .unwrap();
    w.apply(Command::Pause {
        node: NodeId(2),
        ms: 2_500,
    })
    .unwrap();
    w.run_until(SimTime(9_000));
    w.apply(Command::Crash { node: NodeId(5) }).unwrap();
    w.run_until(SimTime(40_000));
    w
}
