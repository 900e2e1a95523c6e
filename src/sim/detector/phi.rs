//! The phi accrual failure detector (Hayashibara et al., 2004), as Akka and Cassandra use it.
//!
//! Instead of a yes/no timeout it outputs a suspicion level φ that grows with the silence: φ is
//! −log10 of the probability that a heartbeat arrives even later than now, given the inter-arrival
//! times seen so far. φ = 1 means a 10 % chance the node is fine, φ = 8 means one in 10⁸. The
//! distribution is a normal one fitted to a window of recent inter-arrival times, with a minimum
//! standard deviation, using Akka's logistic approximation of the normal CDF.
//! Logarithms, exponentials and cube roots go through `libm`, so results are bit-identical natively
//! and in wasm. Square roots and rounding up are exact in IEEE 754 (the same bits on every machine),
//! so they use the processor's own instructions.

use serde::{Deserialize, Serialize};

use super::Thresholds;
use crate::sim::limits::MAX_DURATION_MS;

/// Settings of the phi accrual detector.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PhiAccrual {
    /// A node is suspected once φ reaches this level.
    pub suspect_phi: f64,
    /// A node is declared dead once φ reaches this level (Akka and Cassandra use 8).
    pub dead_phi: f64,
    /// How many recent inter-arrival times the distribution is fitted to.
    pub window: u32,
    /// The standard deviation never goes below this (ms), so a perfectly regular node is not
    /// declared dead a hair after its usual interval.
    pub min_std_ms: u64,
    /// A pause the detector forgives on top of the mean interval (Akka's acceptable-heartbeat-pause).
    pub acceptable_pause_ms: u64,
}

impl Default for PhiAccrual {
    fn default() -> Self {
        PhiAccrual {
            suspect_phi: 5.0,
            dead_phi: 8.0,
            window: 100,
            min_std_ms: 100,
            acceptable_pause_ms: 0,
        }
    }
}

const A: f64 = 0.070566;
const B: f64 = 1.5976;

/// φ after `silence_ms` without a heartbeat, for inter-arrival times with this mean and standard
/// deviation (already floored at the minimum).
pub fn phi(silence_ms: f64, mean_ms: f64, std_ms: f64) -> f64 {
    let y = (silence_ms - mean_ms) / std_ms;
    let g = y * (B + A * y * y);
    if g > 40.0 {
        // log10(1 + e^g) = g / ln 10 + log10(1 + e^−g), and the last term is below 1e−17 here.
        g / core::f64::consts::LN_10
    } else {
        libm::log10(1.0 + libm::exp(g))
    }
}

/// The silence (ms, fractional) at which φ reaches `level`.
fn silence_for(level: f64, mean_ms: f64, std_ms: f64) -> f64 {
    // Solve log10(1 + e^g) = level for g, then A·y³ + B·y = g for y (one real root: it is increasing).
    let g = libm::log(libm::expm1(level * core::f64::consts::LN_10));
    let p = B / A;
    let q = -g / A;
    let d = (q * q / 4.0 + p * p * p / 27.0).sqrt();
    let y = libm::cbrt(-q / 2.0 + d) + libm::cbrt(-q / 2.0 - d);
    mean_ms + y * std_ms
}

/// A silence that never comes: φ does not reach the level within the longest silence modelled.
pub const NEVER_MS: u64 = u64::MAX / 8;

/// The first whole millisecond of silence at which φ is at least `level`, or [`NEVER_MS`].
fn first_ms_reaching(level: f64, mean_ms: f64, std_ms: f64) -> u64 {
    let reaches = |ms: u64| phi(ms as f64, mean_ms, std_ms) >= level;
    if !reaches(MAX_DURATION_MS) {
        return NEVER_MS;
    }
    let estimate = silence_for(level, mean_ms, std_ms);
    let guess = if estimate.is_finite() {
        estimate.ceil().clamp(1.0, MAX_DURATION_MS as f64) as u64
    } else {
        1
    };
    // The closed form lands within a rounding error of the answer; settle it against φ itself, and
    // fall back to bisection (φ only grows with the silence) if it somehow does not.
    let (mut lo, mut hi) = (
        guess.saturating_sub(2).max(1),
        (guess + 2).min(MAX_DURATION_MS),
    );
    if lo > 1 && reaches(lo) {
        lo = 1;
    }
    if !reaches(hi) {
        hi = MAX_DURATION_MS;
    }
    if reaches(lo) {
        return lo;
    }
    // Invariant: !reaches(lo) && reaches(hi).
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if reaches(mid) { hi = mid } else { lo = mid }
    }
    hi
}

impl PhiAccrual {
    /// The mean the detector uses: the fitted mean plus the acceptable pause.
    fn adjusted(self, mean_ms: f64, std_ms: f64) -> (f64, f64) {
        (
            mean_ms + self.acceptable_pause_ms as f64,
            std_ms.max(self.min_std_ms as f64),
        )
    }

    /// φ after `silence_ms` for a node whose inter-arrival times have this mean and deviation.
    pub fn level(self, silence_ms: u64, mean_ms: f64, std_ms: f64) -> f64 {
        let (m, s) = self.adjusted(mean_ms, std_ms);
        phi(silence_ms as f64, m, s)
    }

    /// The silences at which φ crosses the suspect and dead levels for this history.
    pub fn thresholds(self, mean_ms: f64, std_ms: f64) -> Thresholds {
        let (m, s) = self.adjusted(mean_ms, std_ms);
        let suspect = first_ms_reaching(self.suspect_phi, m, s);
        let dead = first_ms_reaching(self.dead_phi, m, s).max(suspect);
        Thresholds {
            suspect_after_ms: suspect,
            dead_after_ms: dead,
        }
    }
}

/// Sliding windows of inter-arrival times for many (observer, node) pairs, stored flat so a large
/// cluster costs one allocation. Sums are exact integers, so mean and deviation are deterministic.
#[derive(Debug, Clone)]
pub struct PhiWindows {
    window: usize,
    samples: Vec<u32>,
    len: Vec<u16>,
    head: Vec<u16>,
    sum: Vec<u64>,
    sum_sq: Vec<u64>,
}

impl PhiWindows {
    /// Windows of `window` samples (2..=1000) for `pairs` pairs, all empty.
    pub fn new(pairs: usize, window: u32) -> PhiWindows {
        let window = window.clamp(2, 1000) as usize;
        PhiWindows {
            window,
            samples: vec![0; pairs * window],
            len: vec![0; pairs],
            head: vec![0; pairs],
            sum: vec![0; pairs],
            sum_sq: vec![0; pairs],
        }
    }

    /// Empties a pair's window and seeds it, as Akka does, with two samples a quarter of the first
    /// estimate (the configured interval) either side of it, so the detector starts with a mean and
    /// a realistic spread instead of declaring a node dead half a second after its usual interval.
    pub fn reset(&mut self, pair: usize, first_estimate_ms: u64) {
        self.len[pair] = 0;
        self.head[pair] = 0;
        self.sum[pair] = 0;
        self.sum_sq[pair] = 0;
        let spread = first_estimate_ms / 4;
        self.push(pair, first_estimate_ms - spread);
        self.push(pair, first_estimate_ms + spread);
    }

    /// Adds one inter-arrival time, dropping the oldest when the window is full.
    pub fn push(&mut self, pair: usize, interval_ms: u64) {
        let v = interval_ms.min(MAX_DURATION_MS) as u32;
        let base = pair * self.window;
        let len = self.len[pair] as usize;
        if len == self.window {
            let slot = base + self.head[pair] as usize;
            let old = self.samples[slot] as u64;
            self.sum[pair] -= old;
            self.sum_sq[pair] -= old * old;
            self.samples[slot] = v;
            self.head[pair] = ((self.head[pair] as usize + 1) % self.window) as u16;
        } else {
            self.samples[base + (self.head[pair] as usize + len) % self.window] = v;
            self.len[pair] += 1;
        }
        self.sum[pair] += v as u64;
        self.sum_sq[pair] += (v as u64) * (v as u64);
    }

    /// How many samples a pair's window holds.
    pub fn count(&self, pair: usize) -> usize {
        self.len[pair] as usize
    }

    /// Mean and standard deviation (ms) of a pair's window; (0, 0) when it is empty.
    pub fn stats(&self, pair: usize) -> (f64, f64) {
        let n = self.len[pair] as u128;
        if n == 0 {
            return (0.0, 0.0);
        }
        let sum = self.sum[pair] as u128;
        let mean = sum as f64 / n as f64;
        // n·Σx² − (Σx)² is exact in u128; divide once at the end.
        let var_n2 = (n * self.sum_sq[pair] as u128).saturating_sub(sum * sum);
        let var = var_n2 as f64 / (n * n) as f64;
        (mean, var.sqrt())
    }
}
