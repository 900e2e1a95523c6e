//! Membership news waiting to ride on outgoing messages: each update is sent a limited number of
//! times (`retransmit_mult · ⌈log10(n + 1)⌉`), the least-sent first, and a newer update about the
//! same member replaces the older one.

use super::update::Update;

/// How many updates one message carries at most.
pub const PER_MESSAGE: usize = 6;

/// The updates still to be sent, with how many times each has been.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Broadcasts {
    queue: Vec<(Update, u32)>,
}

impl Broadcasts {
    /// Queues `update`, replacing any queued update about the same member.
    pub fn push(&mut self, update: Update) {
        self.queue.retain(|(u, _)| u.node != update.node);
        self.queue.push((update, 0));
    }

    /// Up to [`PER_MESSAGE`] updates for one message, the least-sent first; each counts as sent
    /// once, and one sent `limit` times is dropped.
    pub fn take(&mut self, limit: u32) -> Vec<Update> {
        // Stable: among equally sent updates the older goes first.
        crate::sim::sort::by_key(&mut self.queue, |&(_, sent)| u128::from(sent));
        let n = self.queue.len().min(PER_MESSAGE);
        let mut out = Vec::with_capacity(n);
        for (update, sent) in self.queue.iter_mut().take(n) {
            out.push(*update);
            *sent += 1;
        }
        self.queue.retain(|(_, sent)| *sent < limit);
        out
    }

    /// How many updates wait.
    pub fn len(&self) -> usize {
        self.queue.len()
    }

    /// Whether none waits.
    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }
}
