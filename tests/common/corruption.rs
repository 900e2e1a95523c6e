//! Building corruption operations from raw random draws, shared by the checksum property tests.
#![allow(dead_code)]

use faultlab::checksum::{Corruption, SECTOR_SIZE};

/// Builds a concrete, valid operation of kind `kind` for data of `len` (>= 1) bytes from raw draws.
pub fn valid_op(kind: u8, a: usize, b: usize, v: u8, len: usize) -> Corruption {
    match kind % 8 {
        0 => Corruption::FlipBit {
            byte: a % len,
            bit: (b % 8) as u8,
        },
        1 => Corruption::FlipRandomBit,
        2 => Corruption::Overwrite {
            offset: a % len,
            value: v,
        },
        3 => Corruption::Insert {
            offset: a % (len + 1),
            value: v,
        },
        4 => {
            let start = a % len;
            Corruption::Delete {
                start,
                len: 1 + b % (len - start),
            }
        }
        5 => Corruption::Truncate { len: a % (len + 1) },
        6 => Corruption::Swap {
            a: a % len,
            b: b % len,
        },
        _ => Corruption::ZeroSector {
            sector: a % len.div_ceil(SECTOR_SIZE),
        },
    }
}
