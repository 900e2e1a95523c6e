//! A Checksums session heavier than one slice of work, shared by the native and the browser tests.
#![allow(dead_code)]

use faultlab::checksum::Corruption;
use faultlab::scenario::{ChecksumStep, ChecksumsScenario, DataSource};

/// `len` random bytes (seed 3), truncated to nothing, then `flips` undos and redos of the
/// truncation: an odd count ends with the data back.
pub fn truncated_and_flipped(len: u64, flips: usize) -> ChecksumsScenario {
    let mut steps = vec![ChecksumStep::Corrupt(Corruption::Truncate { len: 0 })];
    steps.extend((0..flips).map(|i| {
        if i % 2 == 0 {
            ChecksumStep::Undo
        } else {
            ChecksumStep::Redo
        }
    }));
    ChecksumsScenario {
        start: DataSource::Random { len, seed: 3 },
        steps,
        show_truth: true,
        expected: String::new(),
    }
}
