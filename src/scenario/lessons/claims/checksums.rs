//! What lessons 9–12 say, as checks against their sessions played step by step (steps numbered
//! from 1, as the page numbers them).

use super::Claim;
#[cfg(not(target_arch = "wasm32"))]
use {
    super::Check,
    super::run::read_error,
    crate::checksum::{Algorithm, BitDiff, Digests, ReadAction},
};

/// Lesson 9's claims.
pub const CLAIMS_9: &[Claim] = &[
    claim!(
        "Byte 10 is the character '1' (0x31). Flipping its lowest bit turns it into '0'. … About half: \"Pay Alice 000 euros\" has a completely different digest, in every algorithm.",
        Checksums(|run| {
            let s = run.after(1);
            ensure!(
                s.history().data() == b"Pay Alice 000 euros",
                "the flipped text"
            );
            ensure!(
                s.history().good() == b"Pay Alice 100 euros",
                "the good copy"
            );
            let now = Digests::compute(s.history().data(), &Algorithm::ALL);
            let good = Digests::compute(s.history().good(), &Algorithm::ALL);
            for a in Algorithm::ALL {
                ensure!(now.get(a) != good.get(a), "{} changed", a.name());
            }
            let (a, b) = (now.get(Algorithm::Sha256), good.get(Algorithm::Sha256));
            let flipped = BitDiff::between(a.unwrap_or(&[]), b.unwrap_or(&[])).differing_bits;
            ensure!(
                (96..=160).contains(&flipped),
                "{flipped} of 256 bits: about half"
            );
            Ok(())
        }),
    ),
    claim!(
        "On the write path the storage node computes a checksum of the data it receives and stores it beside the data, here on a store with one replica and SHA-256. … The checksum: 32 bytes that stand for the whole data.",
        Checksums(|run| {
            let s = run.after(2);
            let c = s.store_config();
            ensure!(c.replicas == 1 && c.algorithm == Algorithm::Sha256, "{c:?}");
            ensure!(
                s.history().data() == b"Pay Alice 100 euros",
                "the good data was written"
            );
            let write = s.last_write().ok_or("a write")?;
            let expected = Digests::compute(s.history().data(), &[Algorithm::Sha256]);
            ensure!(
                Some(write.stored_checksum.as_slice()) == expected.get(Algorithm::Sha256),
                "the stored checksum is the data's SHA-256"
            );
            ensure!(write.stored_checksum.len() == 32, "32 bytes");
            Ok(())
        }),
    ),
    claim!(
        "An explicit error … with one replica there is no other copy to read, so the read refuses to return the data",
        Checksums(|run| {
            ensure!(
                read_error(run.after(3)),
                "the read returned an error, not the data"
            );
            Ok(())
        }),
    ),
];

/// Lesson 10's claims.
pub const CLAIMS_10: &[Claim] = &[
    claim!(
        "The data, from replica 2 … The read finds replica 1's checksum wrong, marks it corrupt and reads the next replica, whose checksum matches. With read repair on, it then rewrites replica 1 from the good copy.",
        Checksums(|run| {
            let Some(Ok(first)) = run.after(1).last_read() else {
                return Err("the read returned data".into());
            };
            ensure!(first.replica == 1, "from replica 2");
            ensure!(
                first
                    .steps
                    .iter()
                    .any(|st| st.replica == 0
                        && matches!(st.action, ReadAction::RepairedFrom { .. })),
                "replica 1 repaired"
            );
            Ok(())
        }),
    ),
    claim!(
        "Replica 1: read repair rewrote it",
        Checksums(|run| {
            ensure!(
                matches!(run.after(2).last_read(), Some(Ok(o)) if o.replica == 0),
                "read again: replica 1 answers"
            );
            Ok(())
        }),
    ),
    claim!(
        "An explicit error … Every copy fails its check and there is nothing good left to read",
        Checksums(|run| {
            ensure!(read_error(run.after(3)), "all three bad: an explicit error");
            Ok(())
        }),
    ),
];

/// Lesson 11's claims.
pub const CLAIMS_11: &[Claim] = &[
    claim!(
        "No: the checksum was computed from the damaged data, so it matches … every read says all is well, while the data returned is not what was written.",
        Checksums(|run| {
            let s = run.after(1);
            let Some(Ok(read)) = s.last_read() else {
                return Err("the read returned data".into());
            };
            ensure!(
                read.data != s.history().data(),
                "what the read returned is not what was written"
            );
            Ok(())
        }),
    ),
    claim!(
        "Returns an explicit error: the data does not match the client's own checksum",
        Checksums(|run| {
            ensure!(read_error(run.after(2)), "the end-to-end check refuses it");
            Ok(())
        }),
    ),
];

/// Lesson 12's claims.
pub const CLAIMS_12: &[Claim] = &[claim!(
    "They differ in size (128, 160, 256 bits)",
    Checksums(|_| {
        let bits: Vec<usize> = [Algorithm::Md5, Algorithm::Sha1, Algorithm::Sha256]
            .iter()
            .map(|a| a.digest_len() * 8)
            .collect();
        ensure!(bits == vec![128, 160, 256], "{bits:?}");
        Ok(())
    }),
)];
