//! Scenarios and lessons, pure: what the page shows (the route in the URL fragment), everything
//! needed to reproduce a run (settings, seed, faults and corruptions), share links and files that
//! carry it, the lessons built from scenarios, and the timeout trade-off explorer.

pub mod checksum_replay;
pub mod checksum_session;
pub mod cost;
pub mod explorer;
pub mod file_pieces;
pub mod heartbeats_run;
pub mod json_objects;
pub mod lessons;
pub mod link;
mod link_v1;
pub mod model;
pub mod replay;
pub mod route;
pub mod sorted;
pub mod typed_number;

pub use lessons::{LESSONS, Lesson};
pub use link::{LinkError, decode, encode, from_json, to_json};
pub use model::{
    ChecksumStep, ChecksumsScenario, DataSource, FORMAT_VERSION, HeartbeatsScenario, Scenario,
    ScenarioError, TimedCommand,
};
pub use replay::Replayer;
pub use route::{Route, Tab};
