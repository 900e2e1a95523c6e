//! Lessons 1–8: heartbeats, from one monitor to leases and phi accrual. Each step is one beat of
//! the story with its moment in the scenario; the claims its words make are in [`super::claims`].

use super::claims::*;
use super::scenarios::*;
use super::step::{Act, Answer, Question, Readout, Setting, Step};
use super::{Lesson, Stage};
use crate::sim::{Command, FixedTimeout, NodeId, Topology};

/// Lesson 1.
pub const LESSON_1: Lesson = Lesson {
    number: 1,
    title: "A heartbeat, and a monitor that notices it stop",
    scenario: Stage::Built(seed_example),
    claims: CLAIMS_1,
    steps: &[
        Step {
            text: &[
                "A heartbeat is a small, regular message that says \"I am still here\". Here three nodes each send one every 2 seconds to a central monitor, drawn in the middle.",
                "Press Start and watch the heartbeats travel: each arrival sets that node's silence in the monitor's table back to zero.",
            ],
            act: Act::Play,
            label: "Start",
            until_ms: 8_000,
            question: None,
            shows: &[Readout::Monitor],
        },
        Step {
            text: &[
                "The monitor suspects a node after 3 s without a heartbeat and declares it dead once its 5 s timeout passes. At 9 s node 2 crashes.",
            ],
            act: Act::Play,
            label: "Play to 16 s",
            until_ms: 16_000,
            question: Some(Question {
                prompt: "How many seconds after the crash will the monitor declare node 2 dead?",
                answer: Answer::Number {
                    unit: "s",
                    low: 3.0,
                    high: 5.0,
                },
                explanation: "Somewhere between 3 and 5 s. The monitor cannot see the crash; it counts from the last heartbeat it received and declares node 2 dead 5 s after it. The crash came up to one interval (2 s) after that heartbeat, so the declaration comes 3 to 5 s after the crash. The readout shows this run's detection latency.",
            }),
            shows: &[Readout::Monitor, Readout::Detection],
        },
        Step {
            text: &["A crashed node that restarts begins to heartbeat again."],
            act: Act::Command(Command::Restart { node: NodeId(2) }),
            label: "Restart node 2",
            until_ms: 24_000,
            question: Some(Question {
                prompt: "You restart node 2. When does the monitor call it alive again?",
                answer: Answer::Choice {
                    options: &[
                        "At once: the monitor sees the restart",
                        "When its first new heartbeat arrives, within one interval",
                        "Only after another 5 s timeout",
                    ],
                    correct: 1,
                },
                explanation: "The monitor learns that a node is back the way it learns anything: from a heartbeat. Until the restarted node's first heartbeat arrives, within one 2 s interval, the table still says dead.",
            }),
            shows: &[Readout::Monitor],
        },
    ],
};

/// Lesson 2.
pub const LESSON_2: Lesson = Lesson {
    number: 2,
    title: "Crashed, slow, partitioned or overloaded: the monitor cannot tell them apart",
    scenario: Stage::Built(four_causes),
    claims: CLAIMS_2,
    steps: &[
        Step {
            text: &[
                "A missing heartbeat can mean four things: the node crashed, it is alive but frozen in a long pause, the network between it and the monitor is cut, or it is so overloaded that its heartbeats never leave.",
                "The ground truth is hidden: you see only what the monitor sees. At 6 s four nodes go silent, one for each reason.",
            ],
            act: Act::Play,
            label: "Start",
            until_ms: 14_000,
            question: Some(Question {
                prompt: "What will the monitor's table show for those four nodes?",
                answer: Answer::Choice {
                    options: &[
                        "Four different states, one per cause",
                        "The same for all four: suspected, then dead",
                        "Dead only for the node that crashed",
                    ],
                    correct: 1,
                },
                explanation: "All four go through the same states at about the same time: the monitor only ever sees that heartbeats stopped arriving, never why.",
            }),
            shows: &[Readout::Monitor],
        },
        Step {
            text: &["Four silent nodes, all declared dead; node 5 still beats."],
            act: Act::ShowTruth,
            label: "Show the ground truth",
            until_ms: 14_000,
            question: Some(Question {
                prompt: "Which of nodes 1 to 4 crashed?",
                answer: Answer::Choice {
                    options: &[
                        "Node 1",
                        "Node 2",
                        "Node 3",
                        "Node 4",
                        "The monitor cannot tell",
                    ],
                    correct: 4,
                },
                explanation: "The monitor cannot tell: silence looks the same whatever its cause. The truth: node 1 crashed, node 2 is paused, node 3 is cut off and node 4 is overloaded. To tell them apart the monitor needs other evidence, such as asking other nodes whether they hear it (SWIM's indirect probes) or a supervisor on the node's machine. That costs messages, and a node that is only slow still looks dead until it speaks.",
            }),
            shows: &[Readout::Monitor],
        },
    ],
};

/// Lesson 3.
pub const LESSON_3: Lesson = Lesson {
    number: 3,
    title: "Short timeout vs long timeout",
    scenario: Stage::Built(short_timeout),
    claims: CLAIMS_3,
    steps: &[
        Step {
            text: &[
                "The timeout is a trade-off. A short one notices a crash quickly but mistakes slow nodes for dead ones (false positives); a long one makes fewer mistakes but leaves a dead node in service longer.",
                "Here heartbeats go every second over a jittery network and the timeout is 2.5 s. A few nodes pause for 3–4 s, as a garbage collector might, and node 6 really crashes at 12 s.",
            ],
            act: Act::Play,
            label: "Start",
            until_ms: 30_000,
            question: Some(Question {
                prompt: "By 30 s, which nodes will the monitor have declared dead?",
                answer: Answer::Choice {
                    options: &[
                        "Only node 6, the one that crashed",
                        "Node 6, and running nodes too",
                        "None: 2.5 s is too short to decide anything",
                    ],
                    correct: 1,
                },
                explanation: "A pause of 3–4 s outlasts the 2.5 s timeout, and so, now and then, do two heartbeats in a row that the network lost or delayed: the monitor declares running nodes dead, false positives. On the timeline their dead bands end as soon as their heartbeats come back; node 6's does not.",
            }),
            shows: &[Readout::Detection, Readout::Timeline],
        },
        Step {
            text: &["The same run, the same pauses and the same crash, with a longer timeout."],
            act: Act::Replay(Setting::Timeout(FixedTimeout {
                suspect_after_ms: 1_800,
                timeout_ms: 8_000,
            })),
            label: "Set the timeout to 8 s and replay",
            until_ms: 30_000,
            question: Some(Question {
                prompt: "What does an 8 s timeout change?",
                answer: Answer::Choice {
                    options: &[
                        "No false positives, and node 6 is declared dead later",
                        "No false positives, and node 6 is declared dead as fast as before",
                        "The same false positives, only later",
                    ],
                    correct: 0,
                },
                explanation: "Every pause is shorter than 8 s, so no running node is declared dead; but the crashed node is now declared dead 8 s after its last heartbeat, more than 4 s later than before. The trade-off explorer in the playground plots both for every timeout.",
            }),
            shows: &[Readout::Detection, Readout::Timeline],
        },
    ],
};

/// Lesson 4.
pub const LESSON_4: Lesson = Lesson {
    number: 4,
    title: "Push vs pull, and the price of heartbeats",
    scenario: Stage::Built(cost),
    claims: CLAIMS_4,
    steps: &[
        Step {
            text: &[
                "Nodes can push heartbeats to a monitor, or the monitor can pull them by asking each node in turn. Here ten nodes push one heartbeat a second, and node 4 crashes at 5 s.",
            ],
            act: Act::Play,
            label: "Start",
            until_ms: 12_000,
            question: Some(Question {
                prompt: "While all ten run, how many heartbeat messages per second does the cluster send?",
                answer: Answer::Number {
                    unit: "per second",
                    low: 10.0,
                    high: 10.0,
                },
                explanation: "Ten: one per node per interval, N a second, all to one monitor (nine once node 4 has crashed). The readout compares the measured rate with the formula.",
            }),
            shows: &[Readout::Messages, Readout::Detection],
        },
        Step {
            text: &["Pull instead: the monitor asks each node in turn, and the node answers."],
            act: Act::Replay(Setting::Topology(Topology::CentralPull)),
            label: "Switch to pull and replay",
            until_ms: 12_000,
            question: Some(Question {
                prompt: "How many messages per second does pull cost?",
                answer: Answer::Choice {
                    options: &[
                        "The same",
                        "About twice as many: a request and an answer for each check",
                        "About half",
                    ],
                    correct: 1,
                },
                explanation: "Every check is two messages, the monitor's request and the node's answer, so pull costs 2N per round. The monitor sends a node's next check one interval after the last answer, so here a round lasts one interval plus the round trip, 1.2 s, so about 17 a second. In exchange the monitor sets the pace and knows exactly which check went unanswered.",
            }),
            shows: &[Readout::Messages, Readout::Detection],
        },
        Step {
            text: &["Without a center, every node can heartbeat every other node."],
            act: Act::Replay(Setting::Topology(Topology::AllToAll)),
            label: "Switch to all-to-all and replay",
            until_ms: 12_000,
            question: Some(Question {
                prompt: "All-to-all with ten nodes: how many messages per second?",
                answer: Answer::Number {
                    unit: "per second",
                    low: 90.0,
                    high: 90.0,
                },
                explanation: "N·(N−1) = 10 · 9 = 90: each node sends to the nine others. Every node now notices node 4's crash itself, but the cost grows with the square of the cluster: the table shows almost a million messages a second at 1,000 nodes.",
            }),
            shows: &[Readout::Messages, Readout::Detection, Readout::CostTable],
        },
        Step {
            text: &[
                "Gossip: each round, every node sends its whole table of heartbeat counters to k = 3 random peers, so the messages are k·N but each carries N entries.",
            ],
            act: Act::Replay(Setting::Topology(Topology::RandomK { k: 3 })),
            label: "Switch to random peers and replay",
            until_ms: 20_000,
            question: Some(Question {
                prompt: "Compared with the central monitor, how soon is node 4's crash detected?",
                answer: Answer::Choice {
                    options: &[
                        "Sooner",
                        "About as soon",
                        "Later: news arrives second-hand, so the timeout must be longer",
                    ],
                    correct: 2,
                },
                explanation: "News of a heartbeat takes a few rounds to reach everyone, so a timeout without a center must span several rounds (the settings suggest one) and detection takes longer. That is the price of having no center; at 100 nodes, compare the table's messages and bytes before you choose.",
            }),
            shows: &[Readout::Messages, Readout::Detection, Readout::CostTable],
        },
    ],
};

/// Lesson 5.
pub const LESSON_5: Lesson = Lesson {
    number: 5,
    title: "Without a center: random peers and each node's own view",
    scenario: Stage::Built(gossip),
    claims: CLAIMS_5,
    steps: &[
        Step {
            text: &[
                "Without a central monitor, every node picks a few random peers each round and sends them its table of heartbeat counters. Each node keeps its own view of who is alive, and usually hears of another node second-hand.",
                "You are looking through node 1's eyes.",
            ],
            act: Act::Play,
            label: "Start",
            until_ms: 9_000,
            question: None,
            shows: &[Readout::Monitor],
        },
        Step {
            text: &["Node 7 crashes at 10 s."],
            act: Act::Play,
            label: "Play to 24 s",
            until_ms: 24_000,
            question: Some(Question {
                prompt: "Will every node declare node 7 dead at the same moment?",
                answer: Answer::Choice {
                    options: &[
                        "Yes, all at once",
                        "No: at different moments, a few seconds apart",
                        "No: some never notice",
                    ],
                    correct: 1,
                },
                explanation: "Each node declares node 7 dead when its own copy of node 7's counter has not moved for its timeout, and each copy was last refreshed at a different moment, by whichever peers it heard from. The spread between the first and the last declaration is what a timeout without a center must allow for.",
            }),
            shows: &[Readout::Spread, Readout::Monitor],
        },
        Step {
            text: &["Every node's view is its own: the table now shows what node 9 believes."],
            act: Act::LookThrough(NodeId(9)),
            label: "Look through node 9's eyes",
            until_ms: 24_000,
            question: None,
            shows: &[Readout::Monitor, Readout::Spread],
        },
    ],
};

/// Lesson 6.
pub const LESSON_6: Lesson = Lesson {
    number: 6,
    title: "Split brain under a partition, and the majority-quorum fix",
    scenario: Stage::Built(split_brain),
    claims: CLAIMS_6,
    steps: &[
        Step {
            text: &[
                "When the network splits, each side stops hearing the other and may declare it dead. If each side then picks its own leader, two leaders act at once: split brain.",
                "Five nodes heartbeat each other, and the leader is the lowest-numbered node believed alive. At 8 s the network splits 3 / 2.",
            ],
            act: Act::Play,
            label: "Start",
            until_ms: 16_000,
            question: Some(Question {
                prompt: "How many leaders will there be after the split?",
                answer: Answer::Choice {
                    options: &[
                        "One, node 1",
                        "Two: node 1 and node 4, one per side",
                        "None",
                    ],
                    correct: 1,
                },
                explanation: "Nodes 4 and 5 declare nodes 1, 2 and 3 dead, and node 4, the lowest they still believe alive, takes the lead; nodes 1 to 3 keep node 1. Two leaders now act on the same work.",
            }),
            shows: &[Readout::Leaders],
        },
        Step {
            text: &[
                "With the majority quorum, leadership is a lease, as in Raft or Kubernetes: each node promises one leader, for one timeout, not to follow anyone else, and a node leads only while it counts running promises from a majority (3 of 5). It counts them before it acts and steps down when they lapse.",
            ],
            act: Act::Replay(Setting::Quorum(true)),
            label: "Turn on the majority quorum and replay",
            until_ms: 16_000,
            question: Some(Question {
                prompt: "Replayed with the quorum: what does the minority side, nodes 4 and 5, do?",
                answer: Answer::Choice {
                    options: &[
                        "Node 4 leads it, as before",
                        "It has no leader: it cannot gather 3 promises, so it moves no work",
                        "It follows node 1",
                    ],
                    correct: 1,
                },
                explanation: "Node 4 asks to lead but holds only 2 promises, not a majority, so it does not lead (the log says so). The minority gives up availability, no leader and no moving of work, to stay safe: only node 1 leads.",
            }),
            shows: &[Readout::Leaders, Readout::LeaderLog],
        },
        Step {
            text: &[
                "Still with the quorum: at 20 s the network heals, at 24 s node 3 crashes, and at 26 s the leader, node 1, is overloaded: everything it sends leaves 6 s late.",
                "Each new leader gets a higher epoch from the work store, and the store refuses any write with an older epoch than the newest it has seen (a fencing token).",
            ],
            act: Act::Play,
            label: "Play to 45 s",
            until_ms: 45_000,
            question: Some(Question {
                prompt: "Node 1 moves node 3's work while its lease holds, but its write reaches the work store after node 2 has taken over with a newer epoch. What does the store do?",
                answer: Answer::Choice {
                    options: &[
                        "Accepts it: node 1 led when it wrote",
                        "Refuses it: its epoch is older than node 2's",
                        "Accepts both writes",
                    ],
                    correct: 1,
                },
                explanation: "The store has already seen node 2's newer epoch, so node 1's late write is refused (find it in the log): a leader that froze or fell behind cannot undo its successor's work. In the playground, pause node 1 for 15 s instead, and the log calls it a zombie leader until it wakes and steps down.",
            }),
            shows: &[Readout::Leaders, Readout::LeaderLog],
        },
    ],
};

/// Lesson 7.
pub const LESSON_7: Lesson = Lesson {
    number: 7,
    title: "Phi accrual: a detector that adapts to jitter",
    scenario: Stage::Built(phi),
    claims: CLAIMS_7,
    steps: &[
        Step {
            text: &[
                "Instead of one fixed timeout, a phi accrual detector (as in Akka and Cassandra) learns how regular each node's heartbeats are and turns silence into a suspicion level φ. φ = 8 means about a one-in-a-hundred-million chance that the node is merely late.",
                "Heartbeats here wobble by up to 0.7 s around a 2 s interval, so two can arrive up to about 2.8 s apart, and the fixed timeout is a tight 2.5 s. Both detectors watch the same arrivals.",
            ],
            act: Act::Play,
            label: "Start",
            until_ms: 28_000,
            question: Some(Question {
                prompt: "Which detector will declare running nodes dead?",
                answer: Answer::Choice {
                    options: &["The fixed timeout", "φ", "Both", "Neither"],
                    correct: 0,
                },
                explanation: "Every gap longer than 2.5 s passes the fixed timeout, so it declares running nodes dead: false positives. φ has learnt that such gaps are normal for these nodes, so its deadline (the dotted mark on the timeline) sits later and it makes no such mistake.",
            }),
            shows: &[Readout::Detection, Readout::Timeline],
        },
        Step {
            text: &["Node 3 crashes at 30 s."],
            act: Act::Play,
            label: "Play to 40 s",
            until_ms: 40_000,
            question: Some(Question {
                prompt: "Which detector declares node 3 dead first?",
                answer: Answer::Choice {
                    options: &["The fixed timeout", "φ", "Both at the same moment"],
                    correct: 0,
                },
                explanation: "The fixed timeout, 2.5 s after node 3's last heartbeat. φ waits until a silence that long is unlikely for this node, which takes longer: its caution costs time on a real crash, and buys no false positives on running nodes.",
            }),
            shows: &[Readout::Detection, Readout::Timeline],
        },
        Step {
            text: &[
                "Like Akka's detector, φ learns only from gaps that ended before it declared the node dead: the silence of a partition or a long pause is not a sample of how the node usually beats.",
            ],
            act: Act::Replay(Setting::SendJitter(1_500)),
            label: "Set the send jitter to 1.5 s and replay",
            until_ms: 28_000,
            question: Some(Question {
                prompt: "With heartbeats wobbling by 1.5 s, what happens to φ's deadline?",
                answer: Answer::Choice {
                    options: &[
                        "It moves later: φ learns that longer gaps are normal",
                        "It stays where it was",
                        "It moves earlier",
                    ],
                    correct: 0,
                },
                explanation: "φ's deadline follows the spread of the gaps it has seen: with more jitter, longer silences are normal, so it waits longer before it declares a node dead. The fixed timeout's mark stays where it was, and fires on running nodes even more often.",
            }),
            shows: &[Readout::Detection, Readout::Timeline],
        },
    ],
};

/// Lesson 8.
pub const LESSON_8: Lesson = Lesson {
    number: 8,
    title: "What happens after a death: requests stop, work moves, a replacement starts",
    scenario: Stage::Built(after_death),
    claims: CLAIMS_8,
    steps: &[
        Step {
            text: &[
                "Declaring a node dead is only half of the story: the system then stops sending it requests, moves its work to healthy nodes and starts a replacement.",
                "Clients send 20 requests a second, each to the node that holds the item asked for. Node 2 crashes at 8 s.",
            ],
            act: Act::Play,
            label: "Start",
            until_ms: 16_000,
            question: Some(Question {
                prompt: "Between the crash and the monitor's decision, what happens to requests for node 2's items?",
                answer: Answer::Choice {
                    options: &[
                        "They wait until node 2 is back",
                        "They fail",
                        "They go to another node at once",
                    ],
                    correct: 1,
                },
                explanation: "Until the detector decides, requests to a crashed node fail: the red bars. Once node 2 is declared dead its work moves to healthy nodes and requests succeed again, so the detection latency is how long clients see failures.",
            }),
            shows: &[Readout::Requests, Readout::Monitor],
        },
        Step {
            text: &["A replacement for a node starts 15 s after the node is declared dead."],
            act: Act::Play,
            label: "Play to 29 s",
            until_ms: 29_000,
            question: Some(Question {
                prompt: "When does node 2's replacement start?",
                answer: Answer::Choice {
                    options: &[
                        "At once, when node 2 crashed",
                        "15 s after node 2 was declared dead, near 27 s",
                        "Only if node 2 restarts",
                    ],
                    correct: 1,
                },
                explanation: "The replacement waits 15 s after the declaration, in case the node comes back: starting one costs a machine and a copy of the data. The readout lists it.",
            }),
            shows: &[Readout::Requests],
        },
        Step {
            text: &["At 30 s node 4 pauses for 10 s: alive, but silent."],
            act: Act::Play,
            label: "Play to 55 s",
            until_ms: 55_000,
            question: Some(Question {
                prompt: "What will the monitor's mistake about node 4 cost?",
                answer: Answer::Choice {
                    options: &[
                        "Nothing: node 4 comes back",
                        "Its work moves away, and 15 s later a replacement starts for a node that was alive",
                        "Requests to node 4 keep succeeding",
                    ],
                    correct: 1,
                },
                explanation: "Declared dead 5 s into its pause, node 4 loses its work to the others and its requests fail until then; when it wakes it holds no work, and a replacement starts for a node that never died: a false positive costs real work.",
            }),
            shows: &[Readout::Requests],
        },
    ],
};
