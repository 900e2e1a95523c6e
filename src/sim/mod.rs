//! The heartbeat world, pure and deterministic: nodes, network, faults and failure detectors over
//! one virtual clock and one seeded random number generator. No web crate is used here; the page
//! drives it through [`World`] exactly as the tests do.
//!
//! Where each concept lives:
//! - [`time`]: virtual time; [`rng`]: the one seeded random number generator.
//! - [`config`]: the settings of a run and their validation; [`preset`]: real systems' defaults.
//! - [`node`]: a node, sans-I/O; [`message`]: what it sends; [`network`]: latency, loss, partitions.
//! - [`fault`]: crash, slow, pause, overload, and the ground truth they add up to.
//! - [`detector`]: fixed timeout and phi accrual; [`view`]: an observer's knowledge and beliefs.
//! - [`recovery`]: work items moving off dead nodes, and leader choice.
//! - [`metrics`]: what a run measured; [`trace`]: every event and the run's fingerprint.
//! - [`journal`]: the recent history of each node, digested from the trace for display.
//! - [`command`]: what a learner can do; [`world`]: the event loop that ties it all together.

pub mod capped;
pub mod command;
pub mod config;
pub mod detector;
pub mod fault;
pub mod field;
pub mod id;
pub mod journal;
pub mod lease;
pub mod limits;
pub mod message;
pub mod metrics;
pub mod network;
pub mod node;
pub mod observer;
pub mod preset;
pub mod recovery;
pub mod rng;
pub mod sort;
pub mod swim;
pub mod time;
pub mod trace;
pub mod world;

pub use command::{Command, CommandError};
pub use config::{
    Config, ConfigError, Detection, DetectorChoice, DetectorKind, Field, MAX_NODES, Topology,
};
pub use detector::{Belief, Cause, FixedTimeout, PhiAccrual, Transition};
pub use fault::{Overload, Truth};
pub use id::{MONITOR, NodeId};
pub use message::MessageKind;
pub use metrics::Metrics;
pub use network::{DropReason, Link, Partition};
pub use preset::{PRESETS, Preset};
pub use time::SimTime;
pub use trace::{TraceEvent, TraceKind};
pub use world::{InFlight, World};
