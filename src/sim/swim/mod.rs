//! SWIM (Das, Gupta and Motivala, 2002) with HashiCorp memberlist's Lifeguard refinements: a
//! membership protocol in which a member does not trust its own silence. Each protocol period it
//! pings one member (round-robin over a shuffled list); without an ack it asks `k` others to probe
//! for it (ping-req); still nothing, and the member is only *suspected*. The suspect can refute by
//! raising its incarnation; an unrefuted suspicion becomes *dead* after the suspicion timeout.
//! News (alive, suspect, dead, each with an incarnation) rides on pings and acks, each update
//! retransmitted a limited number of times.
//!
//! Lifeguard, each part a setting: a suspicion timeout that starts long and shortens as
//! independent confirmations arrive, and local health awareness (a member that misses its own
//! acks and nacks probes more slowly and waits longer instead of accusing others).
//!
//! Sans-I/O, like every node: a [`member::Member`] reacts to a message or to the time by
//! returning what to send; the world delivers it.

pub mod broadcast;
pub mod member;
pub mod suspicion;
pub mod update;

use serde::{Deserialize, Serialize};

/// The largest `k` and multiplier the settings accept (memberlist's are all under 10).
pub const MAX_MULTIPLIER: u32 = 100;

/// SWIM's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SwimSettings {
    /// The protocol period: one probe per member per period, in ms.
    pub probe_interval_ms: u64,
    /// How long a probe waits for the direct ack before asking others, in ms.
    pub probe_timeout_ms: u64,
    /// How many other members a prober asks to probe for it (ping-req), `k`.
    pub indirect_checks: u32,
    /// The suspicion timeout is this many protocol periods, times log10 of the cluster size.
    pub suspicion_mult: u32,
    /// Lifeguard: the suspicion timeout starts at this many times its least value.
    pub suspicion_max_timeout_mult: u32,
    /// Each update is retransmitted this many times log10 of the cluster size (λ·log n).
    pub retransmit_mult: u32,
    /// Lifeguard: the suspicion timeout shortens as independent confirmations arrive (off: it
    /// is always the least value).
    pub lifeguard_suspicion: bool,
    /// Lifeguard: local health awareness; the largest factor a member slows its probing and
    /// stretches its timeouts by (1 turns it off).
    pub awareness_max_multiplier: u32,
}

impl SwimSettings {
    /// memberlist's `DefaultLANConfig`: probe every 1 s, 500 ms for the ack, 3 indirect checks,
    /// suspicion multiplier 4 (up to 6× with Lifeguard), retransmit multiplier 4, awareness up to 8×.
    pub const LAN: SwimSettings = SwimSettings {
        probe_interval_ms: 1_000,
        probe_timeout_ms: 500,
        indirect_checks: 3,
        suspicion_mult: 4,
        suspicion_max_timeout_mult: 6,
        retransmit_mult: 4,
        lifeguard_suspicion: true,
        awareness_max_multiplier: 8,
    };

    /// memberlist's `DefaultWANConfig`: probe every 5 s, 3 s for the ack, suspicion multiplier 6.
    pub const WAN: SwimSettings = SwimSettings {
        probe_interval_ms: 5_000,
        probe_timeout_ms: 3_000,
        indirect_checks: 3,
        suspicion_mult: 6,
        suspicion_max_timeout_mult: 6,
        retransmit_mult: 4,
        lifeguard_suspicion: true,
        awareness_max_multiplier: 8,
    };

    /// memberlist's LAN settings with both of Lifeguard's parts off: SWIM as in the paper.
    pub const WITHOUT_LIFEGUARD: SwimSettings = SwimSettings {
        lifeguard_suspicion: false,
        awareness_max_multiplier: 1,
        ..SwimSettings::LAN
    };

    /// The first problem with the settings, if any.
    pub fn validate(&self) -> Result<(), String> {
        if self.probe_interval_ms == 0
            || self.probe_interval_ms > crate::sim::limits::MAX_DURATION_MS
        {
            return Err("the probe interval must be between 1 ms and one day".into());
        }
        let multipliers = [
            self.indirect_checks,
            self.suspicion_mult,
            self.suspicion_max_timeout_mult,
            self.retransmit_mult,
            self.awareness_max_multiplier,
        ];
        if multipliers.iter().any(|&m| m > MAX_MULTIPLIER) {
            return Err(format!(
                "k and the multipliers must be at most {MAX_MULTIPLIER}"
            ));
        }
        if self.probe_timeout_ms == 0 || self.probe_timeout_ms >= self.probe_interval_ms {
            return Err("the probe timeout must be shorter than the probe interval".into());
        }
        if self.suspicion_mult == 0 || self.retransmit_mult == 0 {
            return Err("the suspicion and retransmit multipliers must be at least 1".into());
        }
        if self.suspicion_max_timeout_mult == 0 || self.awareness_max_multiplier == 0 {
            return Err("the Lifeguard multipliers must be at least 1".into());
        }
        Ok(())
    }

    /// How many times each update is sent: `retransmit_mult · ⌈log10(n + 1)⌉`.
    pub fn retransmits(&self, members: u32) -> u32 {
        self.retransmit_mult * log10_ceil(members + 1)
    }

    /// How often a member syncs its whole view with a random member (memberlist's push-pull):
    /// `max(30 s, 12 protocol periods)`, which gives memberlist's LAN (30 s) and WAN (60 s)
    /// intervals, stretched as memberlist does above 32 members (× ⌈log2 n − 5⌉ + 1).
    pub fn push_pull_ms(&self, members: u32) -> u64 {
        let base = self.probe_interval_ms.saturating_mul(12).max(30_000);
        if members <= 32 {
            return base;
        }
        // libm, as everywhere in the simulation: the same bits natively and in wasm.
        let extra = (libm::log2(f64::from(members)) - 5.0).ceil() as u64;
        base.saturating_mul(extra + 1)
    }

    /// The least suspicion timeout: `suspicion_mult · max(1, log10 n) · probe interval`, in ms.
    pub fn suspicion_min_ms(&self, members: u32) -> u64 {
        let scale = libm::log10(f64::from(members.max(1))).max(1.0);
        (f64::from(self.suspicion_mult) * scale * self.probe_interval_ms as f64).round() as u64
    }
}

/// ⌈log10 x⌉ for x ≥ 1, at least 1.
fn log10_ceil(x: u32) -> u32 {
    let mut p = 1u64;
    let mut k = 0;
    while p < u64::from(x) {
        p *= 10;
        k += 1;
    }
    k.max(1)
}
