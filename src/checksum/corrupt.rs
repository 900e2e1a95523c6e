//! Corruption operations on a byte buffer. Each one checks its input, changes the data, says in
//! words what it changed ("flipped bit 3 of byte 17: 0x41 → 0x49") and hands back the [`Edit`]
//! that undoes it. Byte offsets count from 0; bit 0 is the least significant bit of a byte.

use super::bytes;
use super::edit::{Edit, common_ends};
use super::error::{ByteValueError, CorruptError};
use super::{MAX_DATA_LEN, bytes_label};
use rand::Rng;
use serde::{Deserialize, Serialize};

/// The size of one disk sector in bytes, the unit [`Corruption::ZeroSector`] wipes.
pub const SECTOR_SIZE: usize = 512;

/// How many bytes a description quotes before it writes "…".
const QUOTE_BYTES: usize = 8;

/// One way to damage data, as a learner picks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Corruption {
    /// Flip bit `bit` (0 = least significant, 7 = most significant) of the byte at offset `byte`.
    FlipBit {
        /// Offset of the byte, from 0.
        byte: usize,
        /// Which bit, 0 to 7.
        bit: u8,
    },
    /// Flip one bit chosen with a seeded random generator; it is resolved into a concrete
    /// [`Corruption::FlipBit`] before it is applied, so the record says exactly which bit.
    FlipRandomBit,
    /// Write `value` over the byte at `offset`.
    Overwrite {
        /// Offset of the byte, from 0.
        offset: usize,
        /// The new value.
        value: u8,
    },
    /// Insert `value` before the byte at `offset` (`offset` = length appends).
    Insert {
        /// Where the new byte goes, 0 to the data length.
        offset: usize,
        /// The inserted value.
        value: u8,
    },
    /// Delete `len` bytes starting at `start`.
    Delete {
        /// First deleted offset.
        start: usize,
        /// How many bytes to delete (at least 1).
        len: usize,
    },
    /// Cut the data down to `len` bytes, dropping the end.
    Truncate {
        /// The length to keep (at most the current length).
        len: usize,
    },
    /// Exchange the bytes at offsets `a` and `b`.
    Swap {
        /// Offset of the first byte.
        a: usize,
        /// Offset of the second byte.
        b: usize,
    },
    /// Set every byte of 512-byte sector `sector` to zero (bytes `sector × 512` up to the next
    /// sector or the end; the last sector may be partial), as a failed disk sector reads back.
    ZeroSector {
        /// Sector index, from 0.
        sector: usize,
    },
}

/// What a change did, for the learner and for a hex view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeDescription {
    /// The sentence a learner reads, such as "flipped bit 3 of byte 17: 0x41 → 0x49".
    pub text: String,
    /// The first offset the change touched, to scroll a hex view to; `None` when it touched
    /// nothing in particular.
    pub offset: Option<usize>,
    /// The data length before the change.
    pub len_before: usize,
    /// The data length after the change.
    pub len_after: usize,
}

impl std::fmt::Display for ChangeDescription {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// The result of applying a corruption: the concrete operation, what it did, and how to undo it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The operation as performed; a random flip appears as the concrete [`Corruption::FlipBit`].
    pub op: Corruption,
    /// What changed, in words.
    pub description: ChangeDescription,
    /// Applying this edit to the changed data restores the data as it was before.
    pub undo: Edit,
}

impl Corruption {
    /// What the operation will do, in the imperative, such as "flip bit 3 of byte 17" (for menus
    /// and for faults that are pending).
    pub fn summary(&self) -> String {
        match *self {
            Corruption::FlipBit { byte, bit } => format!("flip bit {bit} of byte {byte}"),
            Corruption::FlipRandomBit => "flip a random bit".to_string(),
            Corruption::Overwrite { offset, value } => {
                format!("overwrite byte {offset} with 0x{value:02x}")
            }
            Corruption::Insert { offset, value } => {
                format!("insert byte 0x{value:02x} at offset {offset}")
            }
            Corruption::Delete { start, len } => {
                format!("delete {} from offset {start}", bytes_label(len))
            }
            Corruption::Truncate { len } => format!("truncate to {}", bytes_label(len)),
            Corruption::Swap { a, b } => format!("swap bytes {a} and {b}"),
            Corruption::ZeroSector { sector } => format!("zero sector {sector}"),
        }
    }

    /// Checks that the operation fits data of length `len`, without changing anything.
    pub fn validate(&self, len: usize) -> Result<(), CorruptError> {
        let need_byte = |offset: usize, action: &'static str| {
            if len == 0 {
                Err(CorruptError::EmptyData { action })
            } else if offset >= len {
                Err(CorruptError::OffsetOutOfRange { offset, len })
            } else {
                Ok(())
            }
        };
        match *self {
            Corruption::FlipBit { byte, bit } => {
                need_byte(byte, "flip a bit")?;
                if bit > 7 {
                    return Err(CorruptError::BitOutOfRange { bit });
                }
                Ok(())
            }
            Corruption::FlipRandomBit => need_byte(0, "flip a random bit"),
            Corruption::Overwrite { offset, .. } => need_byte(offset, "overwrite a byte"),
            Corruption::Insert { offset, .. } => {
                if offset > len {
                    Err(CorruptError::InsertOutOfRange { offset, len })
                } else if len >= MAX_DATA_LEN {
                    Err(CorruptError::TooLarge {
                        len: len.saturating_add(1),
                        max: MAX_DATA_LEN,
                    })
                } else {
                    Ok(())
                }
            }
            Corruption::Delete { start, len: count } => {
                if len == 0 {
                    return Err(CorruptError::EmptyData {
                        action: "delete bytes",
                    });
                }
                if count == 0 {
                    return Err(CorruptError::EmptyRange);
                }
                if start >= len {
                    return Err(CorruptError::OffsetOutOfRange { offset: start, len });
                }
                match start.checked_add(count) {
                    Some(end) if end <= len => Ok(()),
                    _ => Err(CorruptError::RangeOutOfRange { start, count, len }),
                }
            }
            Corruption::Truncate { len: to } => {
                if to > len {
                    Err(CorruptError::TruncateLonger { to, len })
                } else {
                    Ok(())
                }
            }
            Corruption::Swap { a, b } => {
                need_byte(a, "swap bytes")?;
                need_byte(b, "swap bytes")
            }
            Corruption::ZeroSector { sector } => {
                if len == 0 {
                    return Err(CorruptError::EmptyData {
                        action: "zero a sector",
                    });
                }
                let sectors = len.div_ceil(SECTOR_SIZE);
                if sector >= sectors {
                    Err(CorruptError::SectorOutOfRange {
                        sector,
                        sectors,
                        len,
                    })
                } else {
                    Ok(())
                }
            }
        }
    }

    /// Turns a random operation into the concrete one it becomes on data of length `len`, drawing
    /// from `rng`; concrete operations come back unchanged and draw nothing.
    pub fn resolve<R: Rng + ?Sized>(
        self,
        len: usize,
        rng: &mut R,
    ) -> Result<Corruption, CorruptError> {
        self.validate(len)?;
        Ok(match self {
            Corruption::FlipRandomBit => {
                let bits = (len as u64).saturating_mul(8);
                let pick = rng.random_range(0..bits);
                Corruption::FlipBit {
                    byte: (pick / 8) as usize,
                    bit: (pick % 8) as u8,
                }
            }
            concrete => concrete,
        })
    }

    /// Applies the operation to `data` (a random flip draws its bit from `rng`) and says what it
    /// did. On error `data` is unchanged.
    pub fn apply<R: Rng + ?Sized>(
        self,
        data: &mut Vec<u8>,
        rng: &mut R,
    ) -> Result<Applied, CorruptError> {
        let random = matches!(self, Corruption::FlipRandomBit);
        let op = self.resolve(data.len(), rng)?;
        let len_before = data.len();
        let (text, offset, undo) = match op {
            Corruption::Insert { .. } | Corruption::Delete { .. } | Corruption::Truncate { .. } => {
                change_length(op, data)
            }
            _ => change_in_place(op, data, random),
        };
        Ok(Applied {
            op,
            description: ChangeDescription {
                text,
                offset,
                len_before,
                len_after: data.len(),
            },
            undo,
        })
    }
}

/// What a change did, in words; the first offset it touched; and the edit that undoes it.
type Change = (String, Option<usize>, Edit);

/// The change for an operation that `resolve` never returns (the random flip): nothing.
fn no_change() -> Change {
    (
        "nothing changed".to_string(),
        None,
        Edit::splice(0, 0, Vec::new()),
    )
}

/// Performs a checked operation that keeps the data's length: a bit flip (`random` when it was
/// drawn at random), an overwrite, a swap or a zeroed sector.
fn change_in_place(op: Corruption, data: &mut [u8], random: bool) -> Change {
    let len_before = data.len();
    match op {
        Corruption::FlipBit { byte, bit } => {
            let old = data[byte];
            data[byte] ^= 1 << bit;
            let lead = if random {
                "flipped a random bit, bit"
            } else {
                "flipped bit"
            };
            (
                format!(
                    "{lead} {bit} of byte {byte}: 0x{old:02x} → 0x{:02x}",
                    data[byte]
                ),
                Some(byte),
                Edit::flip_bit(byte, bit),
            )
        }
        Corruption::Overwrite { offset, value } => {
            let old = data[offset];
            data[offset] = value;
            let text = if old == value {
                format!(
                    "overwrote byte {offset} with the same value 0x{value:02x}: nothing changed"
                )
            } else {
                format!("overwrote byte {offset}: 0x{old:02x} → 0x{value:02x}")
            };
            (text, Some(offset), Edit::patch(offset, vec![old]))
        }
        Corruption::Swap { a, b } => {
            let (va, vb) = (data[a], data[b]);
            data.swap(a, b);
            let text = if a == b {
                format!("swapped byte {a} with itself: nothing changed")
            } else if va == vb {
                format!("swapped bytes {a} and {b}: both are 0x{va:02x}, so nothing changed")
            } else {
                format!(
                    "swapped bytes {a} and {b}: byte {a} 0x{va:02x} → 0x{vb:02x}, byte {b} 0x{vb:02x} → 0x{va:02x}"
                )
            };
            (text, Some(a.min(b)), Edit::swap(a, b))
        }
        Corruption::ZeroSector { sector } => {
            let start = sector * SECTOR_SIZE;
            let end = (start + SECTOR_SIZE).min(len_before);
            let old = data[start..end].to_vec();
            let nonzero = old.iter().filter(|b| **b != 0).count();
            data[start..end].fill(0);
            let partial = if end - start < SECTOR_SIZE {
                format!(", a partial last sector of {}", bytes_label(end - start))
            } else {
                String::new()
            };
            (
                format!(
                    "zeroed sector {sector} (bytes {start}–{}{partial}): {} of them were not zero before",
                    end - 1,
                    nonzero
                ),
                Some(start),
                Edit::patch(start, old),
            )
        }
        _ => no_change(),
    }
}

/// Performs a checked operation that changes the data's length: an insertion, a deletion or a
/// truncation.
fn change_length(op: Corruption, data: &mut Vec<u8>) -> Change {
    let len_before = data.len();
    match op {
        Corruption::Insert { offset, value } => {
            // One more byte, not twice the memory (a full buffer would double).
            data.reserve_exact(1);
            data.insert(offset, value);
            let place = if offset == len_before {
                " (the end)"
            } else {
                ""
            };
            (
                format!(
                    "inserted byte 0x{value:02x} at offset {offset}{place}: {} → {}",
                    bytes_label(len_before),
                    bytes_label(data.len())
                ),
                Some(offset),
                Edit::splice(offset, 1, Vec::new()),
            )
        }
        Corruption::Delete { start, len } => {
            let removed: Vec<u8> = data.drain(start..start + len).collect();
            let what = if len == 1 {
                format!("deleted byte {start} ({})", quote(&removed))
            } else {
                format!(
                    "deleted {} at offsets {start}–{} ({})",
                    bytes_label(len),
                    start + len - 1,
                    quote(&removed)
                )
            };
            (
                format!(
                    "{what}: {} → {}",
                    bytes_label(len_before),
                    bytes_label(data.len())
                ),
                Some(start),
                Edit::splice(start, 0, removed),
            )
        }
        Corruption::Truncate { len } => {
            if len == len_before {
                (
                    format!(
                        "truncated to {}: the data was already that long, nothing removed",
                        bytes_label(len)
                    ),
                    None,
                    Edit::splice(len, 0, Vec::new()),
                )
            } else {
                let removed = if len <= len_before / 2 {
                    // The smaller part goes to a new buffer: the removed bytes stay in the old
                    // one (moved to its front), which takes a fraction of the time that copying
                    // 64 MiB into freshly grown memory does (40 ms in a browser).
                    let kept = data[..len].to_vec();
                    let mut old = std::mem::replace(data, kept);
                    old.drain(..len);
                    old
                } else {
                    data.split_off(len)
                };
                (
                    format!(
                        "truncated to {}: removed the last {} (offsets {len}–{})",
                        bytes_label(len),
                        bytes_label(removed.len()),
                        len_before - 1
                    ),
                    Some(len),
                    Edit::splice(len, 0, removed),
                )
            }
        }
        _ => no_change(),
    }
}

/// Reads a byte value written in hex, as the hex view shows bytes: `"41"`, `"0x41"`, `"FF"`,
/// `"7"`. Leading zeros are fine (`"0041"`); a value above `ff` is refused ("a byte is 00–ff").
pub fn parse_hex_byte(text: &str) -> Result<u8, ByteValueError> {
    let t = text.trim();
    let digits = t
        .strip_prefix("0x")
        .or_else(|| t.strip_prefix("0X"))
        .unwrap_or(t);
    if digits.is_empty() {
        return Err(ByteValueError::Empty);
    }
    if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(ByteValueError::NotHex {
            text: t.chars().take(20).collect(),
        });
    }
    let significant = digits.trim_start_matches('0');
    if significant.len() > 2 {
        return Err(ByteValueError::OutOfRange {
            text: digits.chars().take(20).collect(),
        });
    }
    u8::from_str_radix(
        if significant.is_empty() {
            "0"
        } else {
            significant
        },
        16,
    )
    .map_err(|_| ByteValueError::NotHex {
        text: t.chars().take(20).collect(),
    })
}

/// Makes `data` equal to `good` again and says how much differed; the returned edit undoes it
/// (it keeps only what differed when that is small). Fails with [`CorruptError::AlreadyGood`] when
/// they are already equal.
pub fn restore(data: &mut Vec<u8>, good: &[u8]) -> Result<(ChangeDescription, Edit), CorruptError> {
    restore_within(data, good, None)
}

/// Like [`restore`]; `known`, if given, is a range outside which `data` and `good` (of the same
/// length) are known to be equal, so only that range is compared.
pub(crate) fn restore_within(
    data: &mut Vec<u8>,
    good: &[u8],
    known: Option<(usize, usize)>,
) -> Result<(ChangeDescription, Edit), CorruptError> {
    let len_before = data.len();
    // One pass finds where the data and the good copy differ; only that middle is counted.
    let (first, suffix) = match known {
        Some((lo, hi)) if data.len() == good.len() && lo <= hi && hi <= len_before => {
            let (p, s) = common_ends(&data[lo..hi], &good[lo..hi]);
            (lo + p, len_before - hi + s)
        }
        _ => common_ends(data, good),
    };
    let differing = (data.len() == good.len()).then(|| {
        bytes::count_differing(
            &data[first..len_before - suffix],
            &good[first..len_before - suffix],
        )
    });
    let mut edit =
        Edit::between_with_ends(data, good, (first, suffix)).ok_or(CorruptError::AlreadyGood)?;
    edit.apply(data)?;
    let text = match differing {
        Some(n) => format!(
            "restored the good copy: {} differed, now all {} match",
            bytes_label(n),
            bytes_label(good.len())
        ),
        None => format!(
            "restored the good copy: {} → {}",
            bytes_label(len_before),
            bytes_label(good.len())
        ),
    };
    let description = ChangeDescription {
        text,
        offset: Some(first),
        len_before,
        len_after: data.len(),
    };
    Ok((description, edit))
}

/// Quotes up to [`QUOTE_BYTES`] bytes as "0x41 0x42 …".
fn quote(bytes: &[u8]) -> String {
    let mut parts: Vec<String> = bytes
        .iter()
        .take(QUOTE_BYTES)
        .map(|b| format!("0x{b:02x}"))
        .collect();
    if bytes.len() > QUOTE_BYTES {
        parts.push("…".to_string());
    }
    parts.join(" ")
}
