//! The short explanations of the Checksums tab, in the course's words.

/// What a checksum is.
pub const CHECKSUM: &str = "A checksum is a small value computed from data with a hash function. Data moving between \
    disks, networks and memory can be damaged by disk faults, network faults, software bugs or memory errors; \
    recomputing the checksum and comparing it with the one stored beside the data reveals such damage: a mismatch \
    means the data or its stored checksum changed since it was written.";

/// Which end of a byte bit 0 is, where bits are flipped.
pub const BIT_NUMBERS: &str =
    "bit 0 is the least significant (value 1), bit 7 the most significant (value 128)";

/// The avalanche effect.
pub const AVALANCHE: &str = "A cryptographic hash changes completely when a single input bit changes: about half of \
    its output bits flip (the avalanche effect), so even the smallest corruption shows. CRC32C is not a \
    cryptographic hash, but it also catches every single-bit error.";

/// The write path.
pub const WRITE_PATH: &str = "Write path: the client computes its own checksum of what it sends and keeps it; the storage \
    node that receives the data computes its checksum and stores it beside the data (as metadata) on every replica.";

/// The read path.
pub const READ_PATH: &str = "Read path: the reader recomputes the checksum from the bytes it received, fetches the stored \
    checksum and compares the two. A mismatch means the data or the checksum stored beside it was damaged (the reader \
    cannot tell which), so it tries another replica (and can repair the bad one) or returns an explicit error — never \
    the bad data. A match means no damage was detected; how much that rules out depends on the algorithm (see \
    “Which to use for what”).";

/// End to end.
pub const END_TO_END: &str = "Corruption that happens before the checksum is computed (a bug or a memory error on the \
    write path) is invisible to it: the stored checksum matches the bad data, and every read finds a match. Only an \
    end-to-end check, against the checksum the client computed before it sent the data, catches it. The client keeps \
    that checksum at every write, so turning the check on also covers data written before.";
