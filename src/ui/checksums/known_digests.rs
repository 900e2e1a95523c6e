//! What the page knows of the digests while the hashing task computes them: those of the data at
//! a version, those of the good copy, whether the good copy must be hashed on its own, and how
//! far hashing has got. Versions are the state's change counters.

use std::rc::Rc;

use crate::checksum::{Digests, Progress};

/// The digests known so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KnownDigests {
    /// The digests of the data at a version, once computed.
    data: Option<(u64, Rc<Digests>)>,
    /// The digests of the good copy, once computed.
    pub good: Option<Rc<Digests>>,
    /// The good copy must be hashed on its own: its digests are unknown and the data differs
    /// from it. Stays set until they arrive or a new good copy is taken.
    pub good_hash_wanted: bool,
    /// Hashing progress of the current data, while it is hashed in slices.
    pub progress: Option<Progress>,
}

impl KnownDigests {
    /// Nothing known yet; `good_hash_wanted` when the data already differs from the good copy.
    pub fn unknown(good_hash_wanted: bool) -> KnownDigests {
        KnownDigests {
            good_hash_wanted,
            ..KnownDigests::default()
        }
    }

    /// The digests of the data at `version`, if they are known.
    pub fn of_data(&self, version: u64) -> Option<Rc<Digests>> {
        self.data
            .as_ref()
            .filter(|(v, _)| *v == version)
            .map(|(_, d)| d.clone())
    }

    /// The data's digests at `version` arrived; `is_good` when the data is the good copy, whose
    /// digests they then are too.
    pub fn data_arrived(&mut self, version: u64, digests: Rc<Digests>, is_good: bool) {
        if is_good && self.good.is_none() {
            self.good = Some(digests.clone());
            self.good_hash_wanted = false;
        }
        self.data = Some((version, digests));
        self.progress = None;
    }

    /// The good copy's digests arrived; `false` (nothing changes) when they are known already.
    pub fn good_arrived(&mut self, digests: Rc<Digests>) -> bool {
        if self.good.is_some() {
            return false;
        }
        self.good = Some(digests);
        self.good_hash_wanted = false;
        true
    }

    /// The data changed and is now at `version`; `is_good` when it is the good copy again.
    pub fn data_changed(&mut self, version: u64, is_good: bool) {
        self.progress = None;
        if is_good {
            // Back to the good copy: its digests are known, nothing to hash.
            if let Some(good) = &self.good {
                self.data = Some((version, good.clone()));
            }
        } else if self.good.is_none() {
            // The good copy was taken before its digests were known and the data has moved on:
            // hash the good copy on its own.
            self.good_hash_wanted = true;
        }
    }

    /// The data at `version` was taken as the new good copy. A run hashing the old good copy is
    /// abandoned; still hashing, the data's digests, once ready, are the good copy's (unless the
    /// data changes first, and then the good copy is hashed on its own).
    pub fn new_good(&mut self, version: u64) {
        self.good_hash_wanted = false;
        self.good = self.of_data(version);
    }
}
