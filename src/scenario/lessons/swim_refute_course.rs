//! The second SWIM lesson: a suspected member refutes by raising its incarnation, and Lifeguard
//! keeps a sick member from accusing healthy ones.

use super::claims::CLAIMS_14;
use super::scenarios::paused_member;
use super::step::{Act, Answer, Question, Readout, Setting, Step};
use super::{Lesson, Stage};
use crate::sim::Topology;
use crate::sim::swim::SwimSettings;

/// Lesson 14.
pub const LESSON_14: Lesson = Lesson {
    number: 14,
    title: "Refuting a false suspicion: incarnations and Lifeguard",
    scenario: Stage::Built(paused_member),
    claims: CLAIMS_14,
    steps: &[
        Step {
            text: &[
                "Eight members run SWIM as the paper describes it, with memberlist's Lifeguard turned off. The table shows what node 2 believes, with each member's incarnation as node 2 knows it. At 3 s node 4 freezes for 12 s, like a long garbage-collection pause: it answers no ping, and what is sent to it waits until it wakes.",
            ],
            act: Act::Play,
            label: "Start",
            until_ms: 14_000,
            question: Some(Question {
                prompt: "At 14 s node 4 is still frozen. What does node 2 believe of it?",
                answer: Answer::Choice {
                    options: &["Alive", "Suspected", "Dead"],
                    correct: 2,
                },
                explanation: "Nobody got an ack from node 4, not even by asking others, so it was suspected. Without Lifeguard a suspicion lasts a fixed 4 s here, nothing refuted it, and node 2 now believes node 4 dead. Every other member suspects it or believes it dead too.",
            }),
            shows: &[Readout::Monitor, Readout::Detection],
        },
        Step {
            text: &[
                "At 15 s node 4 wakes. The pings that waited for it carry the news that it is suspected or dead, at incarnation 0. A member answers news about itself in one way only: it raises its own incarnation and announces that it is alive at the new one. News with a higher incarnation overrides any suspicion or declaration of a lower one, and only the member itself ever raises its incarnation.",
            ],
            act: Act::Play,
            label: "Play on",
            until_ms: 22_000,
            question: Some(Question {
                prompt: "At 22 s, what does node 2 believe of node 4?",
                answer: Answer::Choice {
                    options: &[
                        "Still dead: a declaration is final",
                        "Alive again, at incarnation 1",
                        "Suspected, at incarnation 1",
                    ],
                    correct: 1,
                },
                explanation: "Node 4 refuted: “alive at incarnation 1” is newer than “dead at incarnation 0”, so node 2 took its declaration back. The log says when node 4 refuted. A member that missed the news still learns it from the full view members exchange every 30 s (memberlist's push-pull sync).",
            }),
            shows: &[Readout::Monitor, Readout::Timeline],
        },
        Step {
            text: &[
                "Now the accuser is the sick one. At 25 s node 2 becomes overloaded: it drops 60 % of what it sends and sends the rest 0.5 s late. Most of its pings, and of its requests to others to probe for it, go nowhere, so the acks it waits for do not come. To node 2 it looks as if the others had stopped answering.",
            ],
            act: Act::Play,
            label: "Play on",
            until_ms: 85_000,
            question: Some(Question {
                prompt: "From 25 s to 85 s, does node 2 declare healthy members dead?",
                answer: Answer::Choice {
                    options: &[
                        "No: the others answer, so SWIM keeps them alive",
                        "Yes: it misses the acks itself and blames the members it probes",
                    ],
                    correct: 1,
                },
                explanation: "Each missed ack looks to node 2 like a silent member: it suspects the member and, with the short fixed suspicion timeout, declares it dead before the refutation gets through. The readout counts each member's false positives: running members it came to believe dead, by its own probes or on another member's word.",
            }),
            shows: &[Readout::Health, Readout::Monitor],
        },
        Step {
            text: &[
                "Lifeguard (HashiCorp's refinement of SWIM in memberlist, used by Consul and Nomad) adds two things. Local health awareness: a member that misses its own acks, and hears not even a nack from the members it asked, raises its own health score, then probes less often and waits longer, up to 8 times. And a suspicion starts long (here 24 s) and shortens only as other members suspect the same node independently.",
                "The same run, with Lifeguard on (memberlist's LAN settings).",
            ],
            act: Act::Replay(Setting::Topology(Topology::Swim(SwimSettings::LAN))),
            label: "Turn Lifeguard on and replay",
            until_ms: 85_000,
            question: Some(Question {
                prompt: "With Lifeguard, how many false positives does node 2 have by 85 s, compared with before?",
                answer: Answer::Choice {
                    options: &["More", "About as many", "Fewer"],
                    correct: 2,
                },
                explanation: "Node 2's health score rises as its acks go missing, so it probes slowly and waits long; and a suspicion nobody else confirms stays long enough for the accused member to refute it. Node 2 errs less: a member that cannot hear well first doubts itself.",
            }),
            shows: &[Readout::Health, Readout::Monitor],
        },
    ],
};
