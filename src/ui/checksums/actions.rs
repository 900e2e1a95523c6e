//! What can happen on the Checksums tab: the learner's steps (applied to the session and
//! recorded), data the page made, and what only the page itself shows (the view, messages, the
//! digests as the hashing task delivers them).

use std::rc::Rc;

use crate::checksum::{Digests, Progress};
#[cfg(doc)]
use crate::scenario::checksum_session::ChecksumSession;
use crate::scenario::{ChecksumStep, DataSource};
use crate::ui::notice::Notice;

/// How the data is edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditMode {
    /// As UTF-8 text.
    Text,
    /// As bytes and bits.
    Hex,
}

/// Everything the learner (or the hashing task) can do on the tab.
#[derive(Clone, Debug)]
pub enum Action {
    /// A step of the session: corrupt, undo, redo, mark or restore the good copy, or a store
    /// step. It is applied to the session and recorded there.
    Step(ChecksumStep),
    /// Replace the whole data with bytes already made (a file read, data generated); `source`
    /// says how to make them again (`None`: they cannot be remade); `label` where they came from.
    Replace {
        /// The new bytes.
        data: Vec<u8>,
        /// How to make them again.
        source: Option<DataSource>,
        /// Where they came from.
        label: String,
    },
    /// The learner typed this text; `continues` when they paused only briefly since the last
    /// hand-over, so it stands in for that step (see [`ChecksumSession::replace_typed`]).
    Typed {
        /// The text in the box.
        text: String,
        /// Whether it continues the burst of typing of a moment ago.
        continues: bool,
    },
    /// The digests of data version `version` are ready.
    DigestsReady(u64, Rc<Digests>),
    /// The digests of good-copy version `version` are ready.
    GoodDigestsReady(u64, Rc<Digests>),
    /// Hashing of data version `version` has got this far.
    HashProgress(u64, Progress),
    /// Edit as text or as hex.
    SetMode(EditMode),
    /// Select a byte in the hex view.
    SelectByte(Option<usize>),
    /// Show the hex page starting at this offset.
    SetHexOffset(usize),
    /// The expected digest box changed.
    SetExpected(String),
    /// Reveal or hide which replicas are really damaged.
    SetShowTruth(bool),
    /// Something long started (or ended, with `None`).
    SetBusy(Option<String>),
    /// One more slice of the scenario being opened.
    ContinueOpening,
    /// Stop opening the scenario where it got to.
    StopOpening,
    /// Say something to the learner.
    Notify(Notice),
    /// Hide the message.
    DismissNotice,
}
