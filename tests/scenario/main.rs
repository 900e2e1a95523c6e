//! Native tests of scenarios, links, replays, lessons and the explorer (`src/scenario`): one
//! test binary, a module per concern.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../common/mod.rs"]
mod common;
#[path = "../common/heavy_checksums.rs"]
mod heavy_checksums;

mod course;
mod explorer;
mod file_pieces;
mod heartbeats_run;
mod json_objects;
mod lesson_claims;
mod lesson_progress;
mod lesson_steps;
mod links;
mod replay;
mod route;
mod sorted;
mod typed_number;
