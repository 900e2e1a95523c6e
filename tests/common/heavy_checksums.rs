//! A Checksums session heavier than one slice of work, shared by the native and the browser tests.
#![allow(dead_code)]

use faultlab::checksum::Corruption;
use faultlab::scenario::{ChecksumStep, ChecksumsScenario, DataSource};

/// `len` random bytes (seed 3), truncated to nothing, then `flips` steps that alternately restore
/// the good copy and truncate it again: an odd count ends with the data back. Each restore copies
/// the whole good copy back. (Undo and redo would not do: they return to a state their step
/// remembers, at no cost.)
pub fn truncated_and_restored(len: u64, flips: usize) -> ChecksumsScenario {
    let mut steps = vec![ChecksumStep::Corrupt(Corruption::Truncate { len: 0 })];
    steps.extend((0..flips).map(|i| {
        if i % 2 == 0 {
            ChecksumStep::RestoreGood
        } else {
            ChecksumStep::Corrupt(Corruption::Truncate { len: 0 })
        }
    }));
    ChecksumsScenario {
        start: DataSource::Random { len, seed: 3 },
        steps,
        show_truth: true,
        expected: String::new(),
    }
}
