//! Lessons 9–12: checksums on the write path and the read path, replicas, end-to-end checks and
//! the choice of algorithm. Each step's button applies Checksums steps to the stage's session.

use super::super::model::ChecksumStep;
use super::claims::*;
use super::scenarios::*;
use super::step::{Act, Answer, Question, Readout, Step};
use super::{Lesson, Stage};
use crate::checksum::Corruption;

/// Lesson 9.
pub const LESSON_9: Lesson = Lesson {
    number: 9,
    title: "A flipped bit: checksums on the write path and the read path",
    scenario: Stage::Built(flipped_bit),
    claims: CLAIMS_9,
    steps: &[
        Step {
            text: &[
                "A checksum is a short digest computed from data; recompute it later and compare, and any change shows. The data here is a payment order, \"Pay Alice 100 euros\".",
                "Byte 10 is the character '1' (0x31). Flipping its lowest bit turns it into '0'.",
            ],
            act: Act::Checksums(&[ChecksumStep::Corrupt(Corruption::FlipBit {
                byte: 10,
                bit: 0,
            })]),
            label: "Flip bit 0 of byte 10",
            until_ms: 0,
            question: Some(Question {
                prompt: "One bit of the data flips. How many of SHA-256's 256 bits change?",
                answer: Answer::Choice {
                    options: &["Just one", "A handful", "About half of them"],
                    correct: 2,
                },
                explanation: "About half: \"Pay Alice 000 euros\" has a completely different digest, in every algorithm. A good checksum spreads any change over all of its bits (the avalanche effect), so no small corruption slips through unnoticed.",
            }),
            shows: &[Readout::Data, Readout::Digests],
        },
        Step {
            text: &[
                "On the write path the storage node computes a checksum of the data it receives and stores it beside the data, here on a store with one replica and SHA-256.",
            ],
            act: Act::Checksums(&[
                ChecksumStep::RestoreGood,
                ChecksumStep::Store(ONE_REPLICA),
                ChecksumStep::Write,
            ]),
            label: "Put the good data back and write it",
            until_ms: 0,
            question: Some(Question {
                prompt: "What does the storage node keep beside the data?",
                answer: Answer::Choice {
                    options: &[
                        "Nothing more",
                        "A SHA-256 checksum of the data",
                        "A second copy of the data",
                    ],
                    correct: 1,
                },
                explanation: "The checksum: 32 bytes that stand for the whole data. It is computed at the moment of writing, so it vouches for the data as it was received.",
            }),
            shows: &[Readout::Store, Readout::Paths, Readout::Digests],
        },
        Step {
            text: &[
                "On the read path the node recomputes the checksum of what it read and compares it with the stored one. Now a disk fault flips a bit of the stored data.",
            ],
            act: Act::Checksums(&[ChecksumStep::CorruptAtRest(0), ChecksumStep::Read]),
            label: "Flip a bit on disk, then read",
            until_ms: 0,
            question: Some(Question {
                prompt: "What does the read give the client?",
                answer: Answer::Choice {
                    options: &["The damaged data", "The original data", "An explicit error"],
                    correct: 2,
                },
                explanation: "The recomputed checksum does not match the stored one, and with one replica there is no other copy to read, so the read refuses to return the data: an explicit error is better than wrong data served as if it were right.",
            }),
            shows: &[Readout::Store, Readout::Paths],
        },
    ],
};

/// Lesson 10.
pub const LESSON_10: Lesson = Lesson {
    number: 10,
    title: "Another replica, read repair, and the explicit error when all copies are bad",
    scenario: Stage::Built(replicas),
    claims: CLAIMS_10,
    steps: &[
        Step {
            text: &[
                "The payment order is written to three replicas, each with its CRC32C checksum. Read repair is on. Now replica 1 is damaged on disk, and the client reads.",
            ],
            act: Act::Checksums(&[ChecksumStep::CorruptAtRest(0), ChecksumStep::Read]),
            label: "Damage replica 1, then read",
            until_ms: 0,
            question: Some(Question {
                prompt: "What does the read return?",
                answer: Answer::Choice {
                    options: &[
                        "An error: replica 1 is bad",
                        "The data, from replica 2",
                        "The damaged data from replica 1",
                    ],
                    correct: 1,
                },
                explanation: "The read finds replica 1's checksum wrong, marks it corrupt and reads the next replica, whose checksum matches. With read repair on, it then rewrites replica 1 from the good copy.",
            }),
            shows: &[Readout::Store, Readout::Paths],
        },
        Step {
            text: &["The client reads once more."],
            act: Act::Checksums(&[ChecksumStep::Read]),
            label: "Read again",
            until_ms: 0,
            question: Some(Question {
                prompt: "Which replica answers this time?",
                answer: Answer::Choice {
                    options: &[
                        "Replica 1: read repair rewrote it",
                        "Replica 2: replica 1 stays bad",
                        "None: the store refuses",
                    ],
                    correct: 0,
                },
                explanation: "Read repair rewrote replica 1 from replica 2 during the last read, so its checksum matches again and it answers first.",
            }),
            shows: &[Readout::Store, Readout::Paths],
        },
        Step {
            text: &["Now all three replicas are damaged on disk before a read."],
            act: Act::Checksums(&[
                ChecksumStep::CorruptAtRest(0),
                ChecksumStep::CorruptAtRest(1),
                ChecksumStep::CorruptAtRest(2),
                ChecksumStep::Read,
            ]),
            label: "Damage all three, then read",
            until_ms: 0,
            question: Some(Question {
                prompt: "What does the client get?",
                answer: Answer::Choice {
                    options: &[
                        "The least damaged copy",
                        "An explicit error",
                        "Whatever replica 1 holds",
                    ],
                    correct: 1,
                },
                explanation: "Every copy fails its check and there is nothing good left to read, so the store answers with an explicit error: the client knows the data is lost instead of trusting bad bytes.",
            }),
            shows: &[Readout::Store, Readout::Paths],
        },
    ],
};

/// Lesson 11.
pub const LESSON_11: Lesson = Lesson {
    number: 11,
    title: "Corruption before the checksum: why it must be end to end",
    scenario: Stage::Built(end_to_end),
    claims: CLAIMS_11,
    steps: &[
        Step {
            text: &[
                "A checksum only protects what happens after it is computed. Here a memory error damages the data on the storage node before it computes the checksum; then the client reads.",
            ],
            act: Act::Checksums(&[
                ChecksumStep::CorruptBeforeChecksum,
                ChecksumStep::Write,
                ChecksumStep::Read,
            ]),
            label: "Write with a memory error, then read",
            until_ms: 0,
            question: Some(Question {
                prompt: "Does the read notice the damage?",
                answer: Answer::Choice {
                    options: &[
                        "Yes: the checksum does not match",
                        "No: the checksum was computed from the damaged data, so it matches",
                    ],
                    correct: 1,
                },
                explanation: "The stored checksum was computed from the damaged bytes, so it matches them and every read says all is well, while the data returned is not what was written.",
            }),
            shows: &[Readout::Store, Readout::Paths, Readout::Data],
        },
        Step {
            text: &[
                "The client computes and keeps its own checksum of what it sends at every write. The end-to-end check compares the data read with that checksum.",
            ],
            act: Act::Checksums(&[ChecksumStep::EndToEnd(true), ChecksumStep::Read]),
            label: "Turn on the end-to-end check and read",
            until_ms: 0,
            question: Some(Question {
                prompt: "With the end-to-end check, what does the read do?",
                answer: Answer::Choice {
                    options: &[
                        "Returns the data, as before",
                        "Returns an explicit error: the data does not match the client's own checksum",
                    ],
                    correct: 1,
                },
                explanation: "Only the client's checksum was computed before the damage, so only it can catch damage that happened before the store's checksum: a check has to cover the whole way from writer to reader.",
            }),
            shows: &[Readout::Store, Readout::Paths],
        },
    ],
};

/// Lesson 12.
pub const LESSON_12: Lesson = Lesson {
    number: 12,
    title: "MD5, SHA-1, SHA-256: speed, size, collision resistance",
    scenario: Stage::Built(which_hash),
    claims: CLAIMS_12,
    steps: &[
        Step {
            text: &[
                "All of these detect accidental corruption: a random change alters the digest with overwhelming probability. They differ in size (128, 160, 256 bits), in speed, and in whether someone can deliberately build two inputs with the same digest.",
            ],
            act: Act::Reveal,
            label: "Check my answer",
            until_ms: 0,
            question: Some(Question {
                prompt: "For which can someone build two inputs with the same digest in practice?",
                answer: Answer::Choice {
                    options: &["MD5 and SHA-1", "Only MD5", "None of them"],
                    correct: 0,
                },
                explanation: "MD5 collisions are practical since 2004, and a SHA-1 collision was shown in 2017; none is known for SHA-256. CRC32C was never meant to resist anyone: it only catches accidents.",
            }),
            shows: &[Readout::Data],
        },
        Step {
            text: &[
                "Speed differs too, and it depends on the machine: measure it in this browser.",
            ],
            act: Act::Measure,
            label: "Measure in this browser",
            until_ms: 0,
            question: Some(Question {
                prompt: "Which would you use to check a download that an attacker could have replaced?",
                answer: Answer::Choice {
                    options: &["CRC32C, the fastest", "MD5", "SHA-256"],
                    correct: 2,
                },
                explanation: "SHA-256: against an attacker only collision resistance counts. To catch disk errors inside a storage system, where nobody attacks, the fastest check with enough bits (CRC32C, or a fast hash) does the job.",
            }),
            shows: &[Readout::Throughput, Readout::Digests],
        },
    ],
};
