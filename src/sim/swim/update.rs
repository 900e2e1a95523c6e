//! Membership news: what a member says of another (alive, suspected, dead) at an incarnation.

use crate::sim::NodeId;

/// What a member believes of another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Alive.
    Alive,
    /// Suspected: no ack, not even through others; it may still refute.
    Suspect,
    /// Declared dead: the suspicion was not refuted in time.
    Dead,
}

/// One piece of membership news: `node` is in `state` at `incarnation`, as `by` said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Update {
    /// Whom it is about.
    pub node: NodeId,
    /// The incarnation it is about; a higher one overrides a suspicion or a declaration.
    pub incarnation: u32,
    /// What it says.
    pub state: State,
    /// Who first said it (the accuser of a suspicion).
    pub by: NodeId,
}
