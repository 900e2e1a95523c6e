//! The one seeded random number generator of a run. Every random draw of the simulation comes from
//! here, with fixed-width integers only, so the same seed gives the same run natively and in wasm.

use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

/// A seeded, portable random number generator (PCG 64/128 MCG).
#[derive(Debug, Clone)]
pub struct SimRng(Pcg64Mcg);

impl SimRng {
    /// A generator whose whole sequence is decided by `seed`.
    pub fn new(seed: u64) -> SimRng {
        SimRng(Pcg64Mcg::seed_from_u64(seed))
    }

    /// A uniform integer in `0..n`; 0 when `n` is 0.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.0.random_range(0..n) }
    }

    /// A uniform integer in `lo..=hi`.
    pub fn between(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            lo
        } else {
            self.0.random_range(lo..=hi)
        }
    }

    /// `true` with probability `p` (clamped to 0..=1). Draws nothing when `p` is 0 or 1, so turning
    /// loss off does not shift the rest of the sequence.
    pub fn chance(&mut self, p: f64) -> bool {
        if p <= 0.0 {
            false
        } else if p >= 1.0 {
            true
        } else {
            self.0.random::<f64>() < p
        }
    }

    /// `base` moved by a uniform amount in `-spread..=spread`, never below 0. Draws nothing when
    /// `spread` is 0.
    pub fn jittered(&mut self, base: u64, spread: u64) -> u64 {
        if spread == 0 {
            return base;
        }
        let offset = self.between(0, 2 * spread) as i128 - spread as i128;
        (base as i128 + offset).max(0) as u64
    }

    /// Fills `out` with `k` distinct values from `0..n` (fewer if `n < k`), in draw order.
    /// Uses rejection for small `k` and a partial shuffle otherwise, both deterministic.
    pub fn distinct(&mut self, n: u32, k: u32, out: &mut Vec<u32>) {
        out.clear();
        let k = k.min(n);
        if k == 0 {
            return;
        }
        if (k as u64) * 4 <= n as u64 {
            while out.len() < k as usize {
                let v = self.below(n as u64) as u32;
                if !out.contains(&v) {
                    out.push(v);
                }
            }
        } else {
            let mut all: Vec<u32> = (0..n).collect();
            for i in 0..k {
                let j = self.between(i as u64, (n - 1) as u64) as u32;
                all.swap(i as usize, j as usize);
            }
            out.extend_from_slice(&all[..k as usize]);
        }
    }
}
