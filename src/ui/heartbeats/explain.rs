//! The short explanations beside each panel, in the course's words.

/// What a heartbeat is.
pub const HEARTBEAT: &str = "Each node sends a small heartbeat (its id, a sequence number, a timestamp and how busy it \
    is) every interval. With a central monitor, the nodes report to it (push) or it asks each of them (pull); without \
    one, every node heartbeats a few random peers each round and keeps its own view of who is alive.";

/// What SWIM does instead of heartbeats.
pub const SWIM: &str = "SWIM sends no heartbeats. Each protocol period every member pings one other; without an ack \
    in time it asks a few others to ping it too (ping-req), so one bad link cannot condemn a member. Still no ack: the \
    member is only suspected, and news of it rides on the next pings and acks. A suspect that hears it refutes by \
    raising its incarnation; a suspicion not refuted in time becomes dead. Every 30 s (60 s on a WAN, longer in large \
    clusters) each member also swaps its whole view with one other (push-pull), so news nobody passed on still \
    arrives.";

/// Why silence is ambiguous, with SWIM.
pub const SWIM_SILENCE: &str = "A member that does not answer, directly or through others, is suspected, then declared \
    dead unless it refutes in time. A crash, a long pause, overload or a cut-off member all look like that; one bad link \
    does not, because other members probe for the prober. A slow member's own timers stretch, so it probes less often, \
    but its acks still come in time: SWIM does not suspect it. Simplified here: the members are fixed from the start (nobody joins or leaves), and news \
    travels only on probes, acks and the swaps of whole views, not on memberlist's separate gossip messages.";

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

/// What SWIM costs.
pub const SWIM_COST: &str = "SWIM costs about 2 messages per member and protocol period (a ping and its ack), plus \
    ping-reqs, forwarded acks and nacks when a probe fails, and a whole-view swap now and then: the load on each member \
    stays the same however large the cluster grows, where all-to-all heartbeats grow with it.";

/// The words the page uses, each with what it means here, in the order a learner meets them.
/// The glossary lists them all; table headings and figures take their definition from here.
pub const TERMS: &[(&str, &str)] = &[
    (
        "heartbeat",
        "a small message a node sends every interval to say it is alive: its id, a sequence number, a timestamp and how busy it is.",
    ),
    (
        "interval",
        "how often a node sends a heartbeat (or, with pull, how often the monitor checks).",
    ),
    (
        "monitor",
        "with a central topology, the one observer every node reports to (push) or that asks every node (pull).",
    ),
    (
        "observer",
        "whoever decides who is alive: the monitor, or without a monitor every node for itself. “View of” shows one node's view.",
    ),
    (
        "random peers",
        "no monitor: every interval each node sends its table of heartbeats (gossip) to k nodes picked at random, so news travels second-hand.",
    ),
    (
        "last heard",
        "how long ago the observer last had news of the node.",
    ),
    (
        "suspected",
        "silent for a while: the observer has not heard from the node for longer than the suspicion threshold, but does not act yet.",
    ),
    (
        "dead",
        "declared dead: silent past the timeout (or φ past its threshold). The system stops sending it requests and moves its work away.",
    ),
    (
        "timeout",
        "the silence after which the fixed-timeout detector declares a node dead; “silence ÷ timeout” is how close it is (100 % = dead).",
    ),
    (
        "φ",
        "phi accrual: a suspicion level that grows with the silence, measured against the gaps between heartbeats seen so far. Above the threshold (8 by default) the node is dead.",
    ),
    (
        "incarnation",
        "SWIM: a number each member keeps about itself. Accused, it raises it and announces that it is alive at the new one; news at a higher incarnation overrides a suspicion or a declaration at a lower one.",
    ),
    (
        "health score",
        "SWIM with Lifeguard: how unwell a member believes itself, 0 when healthy. It rises when its own acks and nacks go missing; the member then probes less often and waits longer, by the score + 1.",
    ),
    (
        "ground truth",
        "what is really happening to a node, which no observer can see: up, crashed, paused, slow, overloaded or cut off.",
    ),
    (
        "crashed",
        "the node stopped: it sends nothing until it is restarted.",
    ),
    (
        "paused",
        "the node froze (like a long garbage-collection pause) and sends nothing until the pause ends.",
    ),
    (
        "slow",
        "the node runs slower: its heartbeats come late, at a stretched interval.",
    ),
    (
        "overloaded",
        "the node is too busy: it drops most of its heartbeats and delays the rest.",
    ),
    (
        "cut off",
        "the network separates the node from the monitor's (and the clients') side; it is running but cannot be heard.",
    ),
    (
        "partition",
        "the network split into sides that cannot reach each other; Heal network joins them again.",
    ),
    (
        "detection latency",
        "how long after a crash the observer declared the node dead.",
    ),
    (
        "false positive",
        "a running node (slow, paused, overloaded or cut off, not crashed) declared dead: one mistake per episode, until the observer has heard from it twice in a row, in time.",
    ),
    (
        "false suspicion",
        "a running node suspected (not yet declared dead), counted each time.",
    ),
    (
        "per observer",
        "each observer's mistakes counted separately (without a monitor, every node observes).",
    ),
    (
        "cluster",
        "in the false-positive counts: episodes in which at least one observer erred, so a monitor and N gossiping nodes compare.",
    ),
    (
        "work items",
        "the units of work each node owns; when a node is declared dead its items move to the least-loaded node believed alive.",
    ),
    (
        "client requests",
        "requests clients send to the nodes; a request to a node that is down fails until the node is declared dead and no longer sent any.",
    ),
    (
        "replacement",
        "a new node started for one declared dead; wasted when the old one was alive all along.",
    ),
    (
        "leader",
        "the node a view follows: the lowest-numbered node it believes alive, or with a quorum the node a majority promised to follow.",
    ),
    (
        "majority quorum",
        "a node (or monitor) acts only while it hears from more than half of the cluster, so two sides of a partition cannot both lead.",
    ),
    (
        "lease",
        "with a quorum and no monitor: a promise from each node to follow one leader for one timeout, renewed with fresh news; a leader leads while a majority's promises run.",
    ),
    (
        "epoch",
        "a number each new leader gets, higher than every earlier one; the work store refuses writes with an older epoch (a fencing token).",
    ),
    (
        "zombie",
        "a frozen leader that still believes it leads after its lease lapsed; its late writes carry an old epoch and are refused.",
    ),
    (
        "split brain",
        "two or more nodes each believe they are the leader at once, usually the two sides of a partition.",
    ),
    (
        "latency",
        "how long a message takes on the network; jitter varies it at random, message loss drops a share of messages.",
    ),
];

/// What the page means by `term` (as listed in [`TERMS`]), if it is defined.
pub fn define(term: &str) -> Option<&'static str> {
    TERMS.iter().find(|(t, _)| *t == term).map(|(_, d)| *d)
}
