//! Helpers shared by the native simulation tests.
#![allow(dead_code)]

use faultlab::sim::{
    Belief, Command, Config, DetectorKind, Link, NodeId, SimTime, Topology, World,
};

/// A quiet network: fixed latency, no jitter, no loss.
pub fn link(latency_ms: u64, jitter_ms: u64) -> Link {
    Link {
        latency_ms,
        jitter_ms,
        loss: 0.0,
    }
}

/// The default settings with this topology and size, on a network without delay or loss.
pub fn quiet(topology: Topology, nodes: u32) -> Config {
    Config {
        nodes,
        topology,
        network: link(0, 0),
        ..Config::default()
    }
}

/// A command at a virtual time, for a scenario's schedule.
pub fn at(at_ms: u64, command: Command) -> faultlab::scenario::TimedCommand {
    faultlab::scenario::TimedCommand { at_ms, command }
}

/// The course's example (push, every 2 s, suspect after 3 s, dead after 5 s) with `nodes` nodes.
pub fn seed_example(nodes: u32, seed: u64) -> Config {
    Config {
        nodes,
        seed,
        network: link(0, 0),
        send_jitter_ms: 0,
        ..Config::default()
    }
}

/// A config with the given topology, timing and network.
pub fn config(
    topology: Topology,
    nodes: u32,
    interval_ms: u64,
    timeout_ms: u64,
    seed: u64,
) -> Config {
    let mut c = Config {
        nodes,
        topology,
        interval_ms,
        seed,
        ..Config::default()
    };
    c.detection.fixed.timeout_ms = timeout_ms;
    c.detection.fixed.suspect_after_ms = (timeout_ms * 3 / 5).max(1);
    c.send_jitter_ms = interval_ms / 10;
    c
}

/// Applies a command and fails the test if the world refuses it.
pub fn apply(world: &mut World, command: Command) {
    let text = command.describe();
    world
        .apply(command)
        .unwrap_or_else(|e| panic!("command {text} refused: {e}"));
}

/// Crash node `n`.
pub fn crash(world: &mut World, n: u32) {
    apply(world, Command::Crash { node: NodeId(n) });
}

/// The deciding detector's belief about `node` in `observer`'s view.
pub fn belief(world: &World, observer: NodeId, node: u32) -> Belief {
    world
        .observer(observer)
        .expect("a view")
        .decision(NodeId(node))
}

/// Detection latencies of the last failure of `node`, for one detector: (observer, ms).
pub fn detections(world: &World, node: u32, detector: DetectorKind) -> Vec<(NodeId, u64)> {
    let failure = world
        .metrics()
        .failures
        .iter()
        .rev()
        .find(|f| f.node == NodeId(node))
        .expect("a failure");
    failure
        .detections
        .iter()
        .filter(|d| d.detector == detector)
        .map(|d| (d.observer, d.latency_ms))
        .collect()
}

/// Runs to an absolute time in ms.
pub fn run_to(world: &mut World, ms: u64) {
    world.run_until(SimTime(ms));
}

/// A small deterministic generator for choosing test inputs (not the simulation's RNG).
pub struct Picker(u64);

impl Picker {
    pub fn new(seed: u64) -> Picker {
        Picker(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }
}
