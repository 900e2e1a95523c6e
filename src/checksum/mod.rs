//! Checksums, pure: the algorithms, the corruption operations a learner applies, and the replicated
//! store whose write path stores a checksum beside the data and whose read path checks it.

mod algorithm;

pub use algorithm::{Algorithm, Hasher};
