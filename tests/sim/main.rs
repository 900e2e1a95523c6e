//! Native tests of the heartbeat simulation (`src/sim`): one test binary, a module per concern.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../common/mod.rs"]
mod common;

mod config;
mod cost;
mod detection;
mod determinism;
mod journal;
mod leases;
mod phi;
mod properties;
mod pull;
mod regressions;
mod seed_example;
mod sort;
mod split_brain;
mod swim;
mod swim_world;
mod tradeoff;
