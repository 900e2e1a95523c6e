//! The same seed and commands give the same trace in the browser as natively.

use wasm_bindgen_test::wasm_bindgen_test;

#[path = "../common/golden.rs"]
mod golden;

#[wasm_bindgen_test]
fn the_golden_run_gives_the_native_fingerprint_in_wasm() {
    let w = golden::run();
    assert_eq!(
        (w.trace().fingerprint(), w.trace().len()),
        (golden::FINGERPRINT, golden::EVENTS)
    );
}

#[wasm_bindgen_test]
fn the_golden_swim_run_gives_the_native_fingerprint_in_wasm() {
    let w = golden::swim_run();
    assert_eq!(
        (w.trace().fingerprint(), w.trace().len()),
        (golden::SWIM_FINGERPRINT, golden::SWIM_EVENTS)
    );
}
