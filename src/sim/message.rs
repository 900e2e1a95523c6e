//! What travels on the simulated network.

use serde::{Deserialize, Serialize};
use std::rc::Rc;

use super::id::NodeId;
use super::swim::member::Body as SwimBody;
use super::time::SimTime;

/// A heartbeat: "I am node `from`, this is my `seq`-th heartbeat since I (re)started, sent at
/// `sent_at`, and I am `load_pct` % busy".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Heartbeat {
    /// The sender.
    pub from: NodeId,
    /// How many times the sender has started; a restart begins a new incarnation.
    pub incarnation: u32,
    /// Counts the sender's heartbeats within this incarnation, from 1.
    pub seq: u64,
    /// The sender's clock when it sent this heartbeat.
    pub sent_at: SimTime,
    /// How busy the sender is, 0–100 %.
    pub load_pct: u8,
    /// With leases (a majority quorum without a monitor): the sender's promise to its leader,
    /// packed as [`super::lease::pack`] makes it; 0 otherwise.
    pub promise: u64,
}

impl Heartbeat {
    /// The heartbeat packed into one ordered number: a later incarnation or sequence is larger.
    pub fn key(&self) -> u64 {
        pack_key(self.incarnation, self.seq, self.load_pct)
    }
}

/// Bits of a packed key that hold the sequence number: 2³⁶ heartbeats per incarnation, 795 days
/// of one heartbeat every millisecond (the shortest interval accepted).
const SEQ_BITS: u32 = 36;
/// The largest sequence number a packed key holds; a node stops counting there.
pub const MAX_SEQ: u64 = (1 << SEQ_BITS) - 1;
/// Bits of a packed key that hold the incarnation (the 20 above the sequence and the load).
pub const INCARNATION_BITS: u32 = 64 - SEQ_BITS - 8;

/// Packs (incarnation, sequence, load) into one number so that comparing keys compares
/// (incarnation, sequence): 20 bits of incarnation, 36 of sequence, 8 of load. Views and gossiped
/// tables keep one such word per node, so merging a table is one comparison per entry.
pub fn pack_key(incarnation: u32, seq: u64, load_pct: u8) -> u64 {
    (u64::from(incarnation) << (SEQ_BITS + 8)) | (seq.min(MAX_SEQ) << 8) | u64::from(load_pct)
}

/// The incarnation in a packed key.
pub fn key_incarnation(key: u64) -> u32 {
    (key >> (SEQ_BITS + 8)) as u32
}

/// The sequence number in a packed key.
pub fn key_seq(key: u64) -> u64 {
    (key >> 8) & MAX_SEQ
}

/// The load in a packed key.
pub fn key_load(key: u64) -> u8 {
    key as u8
}

/// The content of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// A heartbeat pushed by a node (central push, all-to-all).
    Heartbeat(Heartbeat),
    /// The monitor checks a node (central pull): one check, with its own number.
    Ping {
        /// The check's number, which the answer carries back.
        id: u64,
    },
    /// A node's answer to the check `ping`: a fresh heartbeat.
    Answer {
        /// The number of the check it answers.
        ping: u64,
        /// When the monitor sent that check (echoed back, so a late answer can say how late).
        asked_at: SimTime,
        /// The heartbeat it answers with.
        hb: Heartbeat,
    },
    /// A node's whole heartbeat table (packed keys indexed by node id), gossiped to a random peer;
    /// with leases, every promise it knows of too (indexed by node id).
    Gossip {
        /// The packed heartbeat keys.
        keys: Rc<[u64]>,
        /// The promises, with leases.
        promises: Option<Rc<[u64]>>,
    },
    /// A SWIM message: a ping, an ack, a ping-req or a nack, with the news riding on it.
    Swim(Rc<super::swim::member::Msg>),
}

/// The kind of a message, for traces, counters and drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MessageKind {
    /// A heartbeat.
    Heartbeat,
    /// A pull request.
    Ping,
    /// A gossiped heartbeat table.
    Gossip,
    /// SWIM: "are you there?"
    SwimPing,
    /// SWIM: "I am".
    SwimAck,
    /// SWIM: "probe this member for me".
    SwimPingReq,
    /// SWIM (Lifeguard): "I probed it for you and heard nothing".
    SwimNack,
    /// SWIM: the target's ack, forwarded by the helper that probed it.
    SwimForwardedAck,
    /// SWIM: a whole view sent for anti-entropy (push-pull), or the answer to one.
    SwimSync,
}

impl MessageKind {
    /// The word the page shows.
    pub fn label(self) -> &'static str {
        match self {
            MessageKind::Heartbeat => "heartbeat",
            MessageKind::Ping => "ping",
            MessageKind::Gossip => "gossip",
            MessageKind::SwimPing => "ping",
            MessageKind::SwimAck => "ack",
            MessageKind::SwimPingReq => "ping-req",
            MessageKind::SwimNack => "nack",
            MessageKind::SwimForwardedAck => "forwarded ack",
            MessageKind::SwimSync => "state sync",
        }
    }

    /// The name of its class in the drawing and the legend (`msg-…`).
    pub fn class(self) -> &'static str {
        match self {
            MessageKind::Heartbeat => "msg-heartbeat",
            MessageKind::Ping | MessageKind::SwimPing => "msg-ping",
            MessageKind::Gossip => "msg-gossip",
            MessageKind::SwimAck => "msg-ack",
            MessageKind::SwimPingReq => "msg-ping-req",
            MessageKind::SwimNack => "msg-nack",
            MessageKind::SwimForwardedAck => "msg-forwarded-ack",
            MessageKind::SwimSync => "msg-sync",
        }
    }
}

/// Modelled bytes on the wire per message: a small header plus the payload.
pub mod size {
    /// Header of every message (addresses, type, length).
    pub const HEADER: u64 = 16;
    /// A heartbeat payload: node id, incarnation, sequence, timestamp, load.
    pub const HEARTBEAT: u64 = 24;
    /// A ping payload: the round number.
    pub const PING: u64 = 8;
    /// Per node in a gossiped table: node id and packed heartbeat.
    pub const GOSSIP_ENTRY: u64 = 12;
    /// A promise to a leader, with leases: the leader's id and the promise's end.
    pub const PROMISE: u64 = 8;
    /// A SWIM message's own payload: its number (and, for a ping-req, the target).
    pub const SWIM: u64 = 8;
    /// One piece of SWIM news riding on a message: member, incarnation, state, accuser.
    pub const SWIM_NEWS: u64 = 13;
}

impl Body {
    /// The kind of this body.
    pub fn kind(&self) -> MessageKind {
        match self {
            Body::Heartbeat(_) | Body::Answer { .. } => MessageKind::Heartbeat,
            Body::Ping { .. } => MessageKind::Ping,
            Body::Gossip { .. } => MessageKind::Gossip,
            Body::Swim(m) => match m.body {
                SwimBody::Ping { .. } => MessageKind::SwimPing,
                SwimBody::Ack { .. } => MessageKind::SwimAck,
                SwimBody::PingReq { .. } => MessageKind::SwimPingReq,
                SwimBody::Nack { .. } => MessageKind::SwimNack,
                SwimBody::Forwarded { .. } => MessageKind::SwimForwardedAck,
                SwimBody::Sync | SwimBody::SyncReply => MessageKind::SwimSync,
            },
        }
    }

    /// SWIM: whether membership news (or a whole view) rides on it.
    pub fn carries_news(&self) -> bool {
        matches!(self, Body::Swim(m) if !m.news.is_empty() || !m.state.is_empty())
    }

    /// Modelled size on the wire in bytes.
    pub fn wire_bytes(&self) -> u64 {
        size::HEADER
            + match self {
                Body::Heartbeat(hb) => size::HEARTBEAT + size::PROMISE * u64::from(hb.promise != 0),
                Body::Answer { .. } => size::HEARTBEAT + size::PING,
                Body::Ping { .. } => size::PING,
                Body::Gossip { keys, promises } => {
                    let per_entry =
                        size::GOSSIP_ENTRY + size::PROMISE * u64::from(promises.is_some());
                    per_entry * keys.len().saturating_sub(1) as u64
                }
                Body::Swim(m) => {
                    let target = if matches!(m.body, SwimBody::PingReq { .. }) {
                        4
                    } else {
                        0
                    };
                    let carried = m.news.len() + m.state.len();
                    size::SWIM + target + size::SWIM_NEWS * carried as u64
                }
            }
    }

    /// The number the trace shows: a heartbeat's sequence, a check's number (for a check and its
    /// answer), or 0 for gossip.
    pub fn seq(&self) -> u64 {
        match self {
            Body::Heartbeat(hb) => hb.seq,
            Body::Ping { id } => *id,
            Body::Answer { ping, .. } => *ping,
            Body::Gossip { .. } => 0,
            Body::Swim(m) => match m.body {
                SwimBody::Ping { seq }
                | SwimBody::Ack { seq }
                | SwimBody::PingReq { seq, .. }
                | SwimBody::Nack { seq }
                | SwimBody::Forwarded { seq } => seq,
                SwimBody::Sync | SwimBody::SyncReply => 0,
            },
        }
    }
}

/// A message in flight.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// The sender (0 is the monitor).
    pub from: NodeId,
    /// The receiver (0 is the monitor).
    pub to: NodeId,
    /// When it left the sender.
    pub sent_at: SimTime,
    /// What it carries.
    pub body: Body,
}
