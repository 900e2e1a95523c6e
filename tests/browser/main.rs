//! Browser tests: the real app mounted in headless Chromium, driven by clicks, checked by what a
//! learner would read. Every wait polls the page until a condition holds or a deadline passes.
#![cfg(target_arch = "wasm32")]

mod support;

#[path = "../common/heavy_checksums.rs"]
mod heavy_checksums;

mod checksums;
mod determinism;
mod heartbeats;
mod lessons;
mod long_work;
mod scenarios;
mod shell;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
