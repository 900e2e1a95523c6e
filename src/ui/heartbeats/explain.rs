//! The short explanations beside each panel, in the course's words.

/// What a heartbeat is.
pub const HEARTBEAT: &str = "Each node sends a small heartbeat (its id, a sequence number, a timestamp and how busy it \
    is) every interval. With a central monitor, every node reports to it (push) or the monitor asks each node (pull). \
    Without a center, every node picks a few random peers each round and heartbeats them, and each node keeps its own \
    view of who is alive.";

/// Why silence is ambiguous.
pub const SILENCE: &str = "No heartbeat for a while makes the monitor suspect a node; none within the timeout makes \
    it declare the node dead. But silence has four causes the monitor cannot tell apart: the node crashed, it is alive \
    but slow, the network is partitioned, or it is too overloaded to send. Hide the ground truth to see only what the \
    monitor sees.";

/// The timeout trade-off.
pub const TRADE_OFF: &str = "A short timeout notices a crash quickly but mistakes slow nodes for dead ones (false \
    positives); a long timeout makes fewer mistakes but leaves a dead node in service longer. Heartbeats give \
    best-effort failure detection, not certainty.";

/// What happens after a death.
pub const RECOVERY: &str = "When a node is declared dead the system stops sending it requests, moves its work to a \
    healthy node and can start a replacement. Requests sent to a crashed node before that fail. If a partition makes \
    both sides declare the other dead, each side may elect its own leader: split brain. A majority quorum prevents it.";

/// The cost of heartbeats.
pub const COST: &str = "Heartbeats cost messages: per interval, N with a central monitor the nodes push to, 2N when \
    the monitor pulls (a request and a reply), k·N with random peers, N·(N−1) all-to-all.";
