//! The SWIM lesson: the answer to lesson 2's question of how a monitor could tell a crashed node
//! from a bad link.

use super::claims::CLAIMS_13;
use super::scenarios::bad_link;
use super::step::{Act, Answer, Question, Readout, Setting, Step};
use super::{Lesson, Stage};
use crate::sim::Topology;
use crate::sim::swim::SwimSettings;

/// Lesson 13.
pub const LESSON_13: Lesson = Lesson {
    number: 13,
    title: "Tell a bad link from a dead node: indirect probes (SWIM)",
    scenario: Stage::Built(bad_link),
    claims: CLAIMS_13,
    steps: &[
        Step {
            text: &[
                "Six nodes heartbeat each other, all-to-all; the table shows what node 2 believes. At 3 s the link from node 5 to node 2 breaks in one direction: everything node 5 sends to node 2 is lost. Node 5 runs, and every other node still hears it.",
            ],
            act: Act::Play,
            label: "Start",
            until_ms: 15_000,
            question: Some(Question {
                prompt: "By 15 s, what does node 2 believe of node 5?",
                answer: Answer::Choice {
                    options: &[
                        "Alive: the other nodes still hear node 5",
                        "Dead: node 2 has heard nothing from node 5 for longer than its timeout",
                    ],
                    correct: 1,
                },
                explanation: "Node 2 judges by the heartbeats it receives itself, and node 5's are lost on the broken link: after 5 s of silence it declares a running node dead, a false positive. Its own silence is all it has.",
            }),
            shows: &[Readout::Monitor, Readout::Detection],
        },
        Step {
            text: &[
                "SWIM (used by Consul, Nomad and Serf, through HashiCorp's memberlist) does not trust one member's silence. Every second each member pings one other. Without an ack in time, it asks three other members to ping the silent one for it (ping-req) and to pass on its ack. Only when nobody gets an ack is the member suspected, and it can still refute before it is declared dead.",
                "The same cluster and the same broken link, with SWIM instead of heartbeats.",
            ],
            act: Act::Replay(Setting::Topology(Topology::Swim(SwimSettings::LAN))),
            label: "Switch to SWIM and replay",
            until_ms: 15_000,
            question: Some(Question {
                prompt: "With SWIM, what does node 2 believe of node 5 at 15 s?",
                answer: Answer::Choice {
                    options: &["Alive", "Suspected", "Dead"],
                    correct: 0,
                },
                explanation: "Node 2's own pings to node 5 still get no ack back, but the members it asks get theirs and forward them: node 5 is never even suspected. One bad link no longer condemns a member; a crash still does, since then nobody gets an ack.",
            }),
            shows: &[Readout::Monitor, Readout::Detection],
        },
    ],
};
