//! The page's wall clock, for measuring real time (frame budgets, hashing slices, benchmarks);
//! simulations never read it.

/// `performance.now()` in ms, or 0 where there is no window.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
