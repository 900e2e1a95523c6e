//! Native tests of the checksum core (`src/checksum`) and the Checksums session: one test
//! binary, a module per concern. (The undo history's memory test keeps a binary of its own: it
//! counts every allocation with a global allocator.)
#![cfg(not(target_arch = "wasm32"))]

#[path = "../common/corruption.rs"]
mod corruption;

mod algorithms;
mod avalanche;
mod corrupt;
mod expected;
mod generate;
mod preview;
mod session;
mod store;
mod stream;
