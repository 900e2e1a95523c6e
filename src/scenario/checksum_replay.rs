//! Replays a Checksums scenario a piece at a time, so a page can open a heavy one without holding
//! its main thread: a link of a few hundred bytes may ask for 64 MiB of random data and a dozen
//! undos of it. A piece is one step, or one [`PIECE_BYTES`] slice of random data being made; the
//! caller says when to stop and carries on later. The session it ends with is the one
//! [`ChecksumSession::replay`] makes in one go, however the work was sliced.

use super::checksum_session::{ChecksumSession, bytes_of};
use super::model::{ChecksumStep, ChecksumsScenario, DataSource};
use crate::checksum::RandomFill;

/// How much random data one piece makes (about a millisecond's work in a browser).
pub const PIECE_BYTES: usize = 1 << 20;

/// How much of a large good copy one piece copies (copying is faster than making random data).
const GOOD_COPY_PIECE: usize = 4 * PIECE_BYTES;

/// A replay in progress: the session so far and the steps still to apply.
pub struct ChecksumReplay {
    start: DataSource,
    steps: Vec<ChecksumStep>,
    /// How many steps have been applied.
    applied: usize,
    /// The session, once its starting data is made.
    session: Option<ChecksumSession>,
    /// Random data being made: the start's (before there is a session) or the next step's.
    making: Option<RandomFill>,
}

impl ChecksumReplay {
    /// A replay of `scenario`, nothing done yet.
    pub fn new(scenario: &ChecksumsScenario) -> ChecksumReplay {
        ChecksumReplay {
            start: scenario.start.clone(),
            steps: scenario.steps.clone(),
            applied: 0,
            session: None,
            making: None,
        }
    }

    /// Does pieces of the replay while `has_time` says so (at least one per call); whether it is
    /// done. `Err` as [`ChecksumSession::replay`] fails: a data source out of range.
    pub fn run(&mut self, has_time: &mut dyn FnMut() -> bool) -> Result<bool, String> {
        loop {
            if self.piece()? {
                return Ok(true);
            }
            if !has_time() {
                return Ok(false);
            }
        }
    }

    /// One piece of work; whether the replay is done.
    fn piece(&mut self) -> Result<bool, String> {
        if let Some(fill) = &mut self.making {
            fill.step(PIECE_BYTES);
            if fill.is_done() {
                let data = self
                    .making
                    .take()
                    .map(RandomFill::finish)
                    .unwrap_or_default();
                self.made(data)?;
            }
            return Ok(self.is_done());
        }
        // A large good copy (of the start, or taken by a step) is copied a piece at a time too:
        // the next step would otherwise finish it at once. After the last step the page's
        // hashing task finishes it, as after the learner's own Mark good.
        if let Some(session) = &mut self.session
            && self.applied < self.steps.len()
            && session.continue_good_copy(GOOD_COPY_PIECE)
        {
            return Ok(false);
        }
        let source = match &mut self.session {
            None => &self.start,
            Some(session) => match self.steps.get(self.applied) {
                None => return Ok(true),
                Some(ChecksumStep::Replace(source)) => source,
                Some(step) => {
                    session.apply(step.clone())?;
                    self.applied += 1;
                    return Ok(self.is_done());
                }
            },
        };
        match making(source)? {
            Making::Now(data) => self.made(data)?,
            Making::Slices(fill) => {
                // Its first slice is this piece's work.
                self.making = Some(fill);
                return self.piece();
            }
        }
        Ok(self.is_done())
    }

    /// Uses data just made: the start's, or the next step's replacement.
    fn made(&mut self, data: Vec<u8>) -> Result<(), String> {
        match &mut self.session {
            // The start is not needed again once the session holds it: moved, not copied
            // (a copy of 8 MiB of text was 7 ms of an import's first drawing at ×4).
            None => {
                let start = std::mem::replace(&mut self.start, DataSource::Text(String::new()));
                self.session = Some(ChecksumSession::starting_with(start, data)?);
            }
            Some(session) => {
                if let Some(ChecksumStep::Replace(source)) = self.steps.get(self.applied) {
                    session.apply_replacement(source.clone(), data);
                }
                self.applied += 1;
            }
        }
        Ok(())
    }

    /// Whether every step has been applied.
    pub fn is_done(&self) -> bool {
        self.session.is_some() && self.making.is_none() && self.applied == self.steps.len()
    }

    /// How many steps have been applied, and how many there are.
    pub fn progress(&self) -> (usize, usize) {
        (self.applied, self.steps.len())
    }

    /// Whether the starting data is made (and the steps are being replayed).
    pub fn start_made(&self) -> bool {
        self.session.is_some()
    }

    /// The random data being made, if any: how many bytes are made, of how many.
    pub fn making(&self) -> Option<(usize, usize)> {
        self.making.as_ref().map(RandomFill::progress)
    }

    /// The session as far as the replay got: every step once it is done, the steps applied so far
    /// if it is stopped early. `None` while the starting data is still being made.
    pub fn into_session(self) -> Option<ChecksumSession> {
        self.session
    }
}

/// How a source's bytes are made.
enum Making {
    /// At once: text, given bytes, random data of at most a piece.
    Now(Vec<u8>),
    /// A piece at a time: larger random data.
    Slices(RandomFill),
}

/// How `source`'s bytes are made; out of range, the error [`bytes_of`] gives.
fn making(source: &DataSource) -> Result<Making, String> {
    match source {
        DataSource::Random { len, seed } if *len > PIECE_BYTES as u64 => {
            let len = usize::try_from(*len).unwrap_or(usize::MAX);
            RandomFill::new(len, *seed)
                .map(Making::Slices)
                .map_err(|e| e.to_string())
        }
        _ => bytes_of(source).map(Making::Now),
    }
}
