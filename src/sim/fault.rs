//! The faults a learner injects, and the ground truth about a node that they add up to.
//! The monitor never sees this truth: it only sees heartbeats arrive or not.

use serde::{Deserialize, Serialize};

use super::time::SimTime;

/// An overloaded node: too busy to keep up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Overload {
    /// The share of its heartbeats (and requests) it drops, 0–100 %.
    pub drop_pct: u8,
    /// Extra ms before anything it sends leaves.
    pub extra_delay_ms: u64,
}

impl Default for Overload {
    fn default() -> Self {
        Overload {
            drop_pct: 60,
            extra_delay_ms: 500,
        }
    }
}

/// The faults a node has right now.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Faults {
    /// Crashed: sends nothing and answers nothing until restarted.
    pub crashed: bool,
    /// Slowed down by a factor (percent).
    pub slow_percent: Option<u32>,
    /// Frozen until this time.
    pub paused_until: Option<SimTime>,
    /// Overloaded.
    pub overload: Option<Overload>,
}

impl Faults {
    /// Whether the node is frozen at `now`.
    pub fn paused_at(&self, now: SimTime) -> bool {
        self.paused_until.is_some_and(|t| t > now)
    }
}

/// Everything that is really true about a node: what the learner may reveal and the monitor
/// cannot see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Truth {
    /// Crashed.
    pub crashed: bool,
    /// Slowed by this factor (percent).
    pub slow_percent: Option<u32>,
    /// In a pause (frozen) right now.
    pub paused: bool,
    /// Overloaded.
    pub overloaded: bool,
    /// Cut off from the monitor or the client side by a partition or a one-way cut.
    pub cut_off: bool,
}

impl Truth {
    /// Whether the node is really running (it may still be slow, paused, overloaded or cut off).
    pub fn is_up(&self) -> bool {
        !self.crashed
    }

    /// Whether anything at all is wrong with the node.
    pub fn is_faulty(&self) -> bool {
        self.crashed
            || self.paused
            || self.slow_percent.is_some()
            || self.overloaded
            || self.cut_off
    }

    /// A short description such as "crashed", "slow (3×)", "up".
    pub fn label(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if self.crashed {
            return "crashed".into();
        }
        if self.paused {
            parts.push("paused".into());
        }
        if let Some(p) = self.slow_percent {
            parts.push(format!("slow ({}×)", trim_factor(p)));
        }
        if self.overloaded {
            parts.push("overloaded".into());
        }
        if self.cut_off {
            parts.push("cut off".into());
        }
        if parts.is_empty() {
            "up".into()
        } else {
            parts.join(", ")
        }
    }
}

/// "3" for 300 %, "2.5" for 250 %.
pub fn trim_factor(percent: u32) -> String {
    if percent % 100 == 0 {
        format!("{}", percent / 100)
    } else {
        format!("{}", percent as f64 / 100.0)
    }
}
