//! Faultlab: a teaching playground for how distributed systems notice failure (heartbeats) and
//! corruption (checksums).
//!
//! The pure modules (`sim`, `checksum`, `scenario`) hold every rule of the lesson and build natively
//! as well as in the browser; `ui` is the Yew front end and exists only on wasm32, so a native
//! `cargo test` proves the pure modules never reach for a web crate.

pub mod checksum;
pub mod scenario;
pub mod sim;

#[cfg(target_arch = "wasm32")]
pub mod ui;
