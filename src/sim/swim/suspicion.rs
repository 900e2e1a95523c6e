//! Lifeguard's suspicion timeout: it starts long and shortens as independent members confirm the
//! suspicion, so a member suspected by many is declared sooner, and one suspected by a single
//! (perhaps unwell) accuser has longer to refute (memberlist's `suspicion.go`).

use crate::sim::{NodeId, SimTime};

/// One suspicion a member holds about another.
#[derive(Debug, Clone, PartialEq)]
pub struct Suspicion {
    /// When it began.
    pub since: SimTime,
    /// The members that accused independently (the first accuser included).
    pub accusers: Vec<NodeId>,
    /// Confirmations after which the timeout reaches its least value (`k`).
    pub expected: u32,
    /// The least timeout, in ms.
    pub min_ms: u64,
    /// The first timeout, in ms.
    pub max_ms: u64,
}

impl Suspicion {
    /// A new suspicion at `now` by `accuser`. With `expected` 0, or the least timeout equal to the
    /// first, the timeout never shortens.
    pub fn new(
        now: SimTime,
        accuser: NodeId,
        expected: u32,
        min_ms: u64,
        max_ms: u64,
    ) -> Suspicion {
        Suspicion {
            since: now,
            accusers: vec![accuser],
            expected,
            min_ms,
            max_ms: max_ms.max(min_ms),
        }
    }

    /// Counts `accuser`'s confirmation; `true` when it is a new, independent one.
    pub fn confirm(&mut self, accuser: NodeId) -> bool {
        if self.accusers.contains(&accuser) {
            return false;
        }
        self.accusers.push(accuser);
        true
    }

    /// The confirmations beyond the first accusation.
    pub fn confirmations(&self) -> u32 {
        self.accusers.len().saturating_sub(1) as u32
    }

    /// The timeout now: `max − (max − min) · ln(c + 1) / ln(k + 1)`, never below `min`.
    pub fn timeout_ms(&self) -> u64 {
        if self.expected == 0 {
            return self.min_ms;
        }
        let c = f64::from(self.confirmations().min(self.expected));
        let frac = libm::log(c + 1.0) / libm::log(f64::from(self.expected) + 1.0);
        let span = (self.max_ms - self.min_ms) as f64;
        let t = self.max_ms as f64 - span * frac;
        (t.floor() as u64).max(self.min_ms)
    }

    /// When the suspicion becomes a declaration, unless refuted first.
    pub fn deadline(&self) -> SimTime {
        self.since.plus(self.timeout_ms())
    }
}
