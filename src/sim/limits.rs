//! The limits every setting and command is checked against, so that sums cannot overflow and a
//! browser is never asked for more than it can hold. A leaf module.

/// The largest cluster a run may have.
pub const MAX_NODES: u32 = 1000;
/// The largest heartbeat interval, timeout or latency accepted (one day), so sums cannot overflow.
pub const MAX_DURATION_MS: u64 = 86_400_000;
/// The largest number of work items.
pub const MAX_WORK_ITEMS: u32 = 100_000;
/// The largest client request rate, per second of virtual time.
pub const MAX_REQUESTS_PER_SEC: u32 = 10_000;
/// Phi accrual keeps a window of samples for every pair it watches; this caps their total, so a
/// large decentralized cluster cannot ask for gigabytes.
pub const MAX_PHI_SAMPLES: u64 = 8_000_000;
/// The most heartbeat messages per second of virtual time a run may send.
pub const MAX_MESSAGES_PER_SEC: f64 = 2_000_000.0;
/// The most messages a run may have on the wire at once (rate × longest delay).
pub const MAX_IN_FLIGHT: f64 = 4_000_000.0;
/// The most bytes of gossiped tables a run may have on the wire at once (256 MiB): each round a
/// gossiping node sends one copy of its whole table, shared by its k messages.
pub const MAX_GOSSIP_IN_FLIGHT_BYTES: f64 = 256.0 * 1024.0 * 1024.0;
/// The most failed checks in a row a monitor may wait for.
pub const MAX_FAILED_CHECKS: u32 = 100;
