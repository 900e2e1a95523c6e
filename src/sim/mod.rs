//! The heartbeat world, pure and deterministic: nodes, network, faults and failure detectors over
//! one virtual clock and one seeded random number generator.
