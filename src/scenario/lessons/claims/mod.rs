//! What each lesson's text claims about its scenario, as checks. A claim quotes the lesson's words
//! and checks them against a replay of the lesson's scenario with the pure core, as the page plays
//! it; `cargo test` checks every claim of every Heartbeats lesson on a hundred seeds, so the text
//! and the behaviour cannot drift apart. Checksums lessons are deterministic (their random faults
//! come from the store's own seeded generator), so one replay checks them.

#[cfg(not(target_arch = "wasm32"))]
mod run;

#[cfg(not(target_arch = "wasm32"))]
pub use run::{LessonRun, check, declared_dead, transitions};
#[cfg(not(target_arch = "wasm32"))]
use run::{doubled_leadership, read_error, scheduled};
#[cfg(not(target_arch = "wasm32"))]
use {
    super::super::checksum_session::ChecksumSession,
    crate::checksum::{Algorithm, Digests, ReadAction},
    crate::sim::{
        Belief, Cause, Command, DetectorKind, MONITOR, MessageKind, NodeId, TraceKind, Transition,
    },
};

/// One claim a lesson's text makes, with its check. The checks run in `cargo test`, natively;
/// the page only needs the words, so the checks stay out of the WebAssembly build.
#[derive(Debug, Clone, Copy)]
pub struct Claim {
    /// The lesson's words this claim checks.
    pub says: &'static str,
    /// The check.
    #[cfg(not(target_arch = "wasm32"))]
    pub check: Check,
}

/// A claim: its words and, natively, its check.
macro_rules! claim {
    ($says:expr, $kind:ident($check:expr) $(,)?) => {
        Claim {
            says: $says,
            #[cfg(not(target_arch = "wasm32"))]
            check: Check::$kind($check),
        }
    };
}

/// How a claim is checked.
#[cfg(not(target_arch = "wasm32"))]
#[derive(Debug, Clone, Copy)]
pub enum Check {
    /// Against a Heartbeats lesson's run with some seed.
    Heartbeats(fn(&LessonRun) -> Result<(), String>),
    /// Against a Checksums lesson's replayed session.
    Checksums(fn(&ChecksumSession) -> Result<(), String>),
}

/// Fails a check with a message unless the condition holds.
#[cfg(not(target_arch = "wasm32"))]
macro_rules! ensure {
    ($cond:expr, $($msg:tt)+) => {
        let holds: bool = $cond;
        if !holds {
            return Err(format!($($msg)+));
        }
    };
}

// ----- Lesson 1: a heartbeat, and a monitor that notices it stop -----

/// Lesson 1's claims.
pub const LESSON_1: &[Claim] = &[
    claim!(
        "each node sends one every 2 seconds to a central monitor, and the monitor raises the alarm when it has heard nothing from a node for more than 5 seconds",
        Heartbeats(|run| {
            let c = run.config();
            ensure!(c.interval_ms == 2_000 && c.topology.is_central(), "{c:?}");
            ensure!(c.detection.fixed.timeout_ms == 5_000, "{c:?}");
            Ok(())
        }),
    ),
    claim!(
        "Watch the three nodes beat, then node 2 crash at 9 s. The monitor first suspects it (nothing for 3 s), then declares it dead once the 5 s timeout passes",
        Heartbeats(|run| {
            ensure!(run.config().nodes == 3, "three nodes");
            ensure!(
                scheduled(run, 9_000, &Command::Crash { node: NodeId(2) }),
                "node 2 crashes at 9 s"
            );
            let w = run.at_hand_over();
            let about_2: Vec<Transition> = transitions(w).filter(|t| t.node == NodeId(2)).collect();
            ensure!(about_2.len() == 2, "{about_2:?}");
            ensure!(
                about_2[0].to == Belief::Suspected
                    && matches!(
                        about_2[0].cause,
                        Cause::Silence {
                            silence_ms: 3_000,
                            ..
                        }
                    ),
                "{:?}",
                about_2[0]
            );
            ensure!(
                about_2[1].to == Belief::Dead
                    && matches!(
                        about_2[1].cause,
                        Cause::Silence {
                            silence_ms: 5_000,
                            ..
                        }
                    ),
                "{:?}",
                about_2[1]
            );
            ensure!(
                w.metrics().fixed.false_suspicions == 0,
                "only node 2 is ever suspected"
            );
            Ok(())
        }),
    ),
    claim!(
        "somewhere between 3 and 5 s after the crash, depending on when its last heartbeat left",
        Heartbeats(|run| {
            let at = declared_dead(run.at_hand_over(), MONITOR, 2, 9_000)
                .ok_or("never declared dead")?;
            let latency = at.ms() - 9_000;
            ensure!(
                (3_000..=5_000).contains(&latency),
                "declared after {latency} ms"
            );
            Ok(())
        }),
    ),
    claim!(
        "Restart node 2. How long after the restart does the monitor call it alive again, and why not at once?",
        Heartbeats(|run| {
            let mut w = run.at_hand_over().clone();
            w.apply(Command::Restart { node: NodeId(2) })
                .map_err(|e| e.to_string())?;
            let restarted = w.now();
            let view = w.observer(MONITOR).ok_or("a monitor")?;
            ensure!(
                view.decision(NodeId(2)) == Belief::Dead,
                "not alive at once"
            );
            w.advance(run.config().interval_ms);
            let alive = transitions(&w)
                .find(|t| t.node == NodeId(2) && t.to == Belief::Alive && t.at > restarted)
                .ok_or("not alive within one interval of the restart")?;
            ensure!(
                matches!(alive.cause, Cause::Heard { seq: 1 }),
                "its first heartbeat: {alive:?}"
            );
            Ok(())
        }),
    ),
];

// ----- Lesson 2: four causes of silence -----

/// Lesson 2's claims.
pub const LESSON_2: &[Claim] = &[
    claim!(
        "At 6 s one node of each kind goes silent: crashed, frozen in a long pause, partitioned from the monitor, too overloaded to send",
        Heartbeats(|run| {
            let kinds: Vec<&Command> = run
                .schedule()
                .iter()
                .filter(|c| c.at_ms == 6_000)
                .map(|c| &c.command)
                .collect();
            ensure!(kinds.len() == 4, "{kinds:?}");
            ensure!(
                kinds.iter().any(|c| matches!(c, Command::Crash { .. })),
                "a crash"
            );
            ensure!(
                kinds.iter().any(|c| matches!(c, Command::Pause { .. })),
                "a pause"
            );
            ensure!(
                kinds.iter().any(|c| matches!(c, Command::CutOff { .. })),
                "a partition"
            );
            ensure!(
                kinds.iter().any(
                    |c| matches!(c, Command::Overload { overload, .. } if overload.drop_pct == 100)
                ),
                "an overload that sends nothing"
            );
            Ok(())
        }),
    ),
    claim!(
        "The ground truth is hidden, so you see exactly what the monitor sees: four silent nodes",
        Heartbeats(|run| {
            ensure!(!run.scenario.show_truth, "the truth is hidden");
            let w = run.at_hand_over();
            let view = w.observer(MONITOR).ok_or("a monitor")?;
            for n in 1..=4 {
                ensure!(
                    view.decision(NodeId(n)) == Belief::Dead,
                    "node {n} is declared dead by the hand-over"
                );
            }
            ensure!(
                view.decision(NodeId(5)) == Belief::Alive,
                "node 5 keeps beating"
            );
            Ok(())
        }),
    ),
];

// ----- Lesson 3: short timeout vs long timeout -----

/// Lesson 3's claims.
pub const LESSON_3: &[Claim] = &[
    claim!(
        "Here the timeout is 2.5 s with heartbeats every second, a jittery network and a few nodes pausing for 3–4 s. One node really crashes at 12 s.",
        Heartbeats(|run| {
            let c = run.config();
            ensure!(
                c.detection.fixed.timeout_ms == 2_500 && c.interval_ms == 1_000,
                "{c:?}"
            );
            ensure!(
                c.network.jitter_ms > 0 && c.send_jitter_ms > 0,
                "a jittery network"
            );
            let pauses = run.schedule().iter().filter(|c| matches!(c.command, Command::Pause { ms, .. } if (3_000..=4_000).contains(&ms))).count();
            ensure!(pauses >= 2, "{pauses} pauses of 3–4 s");
            let crashes: Vec<u64> = run
                .schedule()
                .iter()
                .filter(|c| matches!(c.command, Command::Crash { .. }))
                .map(|c| c.at_ms)
                .collect();
            ensure!(crashes == vec![12_000], "{crashes:?}");
            Ok(())
        }),
    ),
    claim!(
        "A short one notices a crash quickly but mistakes slow nodes for dead ones (false positives)",
        Heartbeats(|run| {
            let w = run.at_hand_over();
            let m = w.metrics().fixed;
            ensure!(m.detections == 1, "the crash is detected: {m:?}");
            ensure!(
                m.latency_max_ms <= 2_500 + run.config().network.max_delay_ms(),
                "quickly: {m:?}"
            );
            ensure!(
                m.false_positives >= 1,
                "there are false positives to count: {m:?}"
            );
            Ok(())
        }),
    ),
    claim!(
        "set the timeout to 8 s and press Reset: what happens to the detection latency and to the false positives?",
        Heartbeats(|run| {
            let short = run.at_hand_over().metrics().fixed;
            let long = run.with(
                |c| c.detection.fixed.timeout_ms = 8_000,
                run.lesson.hand_over_at_ms,
            );
            let l = long.metrics().fixed;
            ensure!(l.detections == 1, "the crash is still detected: {l:?}");
            ensure!(
                l.mean_latency_ms() > short.mean_latency_ms().map(|s| s + 4_000.0),
                "{l:?} vs {short:?}"
            );
            ensure!(l.false_positives == 0, "no false positives: {l:?}");
            Ok(())
        }),
    ),
];

// ----- Lesson 4: push vs pull, and the price of heartbeats -----

/// Lesson 4's claims.
pub const LESSON_4: &[Claim] = &[claim!(
    "The table below is computed from the simulation's own formulas for a heartbeat every second.",
    Heartbeats(|run| {
        let w = run.at(60_000);
        let measured = w.metrics().messages_per_sec(w.now());
        let formula = run.config().expected_messages_per_sec();
        ensure!(
            (measured - formula).abs() / formula < 0.05,
            "measured {measured:.2}/s, formula {formula:.2}/s"
        );
        Ok(())
    }),
)];

// ----- Lesson 5: random peers -----

/// Lesson 5's claims.
pub const LESSON_5: &[Claim] = &[claim!(
    "Node 7 crashes at 10 s … Did they all declare node 7 dead at the same moment?",
    Heartbeats(|run| {
        ensure!(
            scheduled(run, 10_000, &Command::Crash { node: NodeId(7) }),
            "node 7 crashes at 10 s"
        );
        let w = run.at_hand_over();
        let mut times = Vec::new();
        for o in (1..=run.config().nodes).filter(|&o| o != 7) {
            times.push(
                declared_dead(w, NodeId(o), 7, 10_000)
                    .ok_or(format!("node {o} has not declared node 7 dead"))?,
            );
        }
        let (first, last) = (times.iter().min(), times.iter().max());
        ensure!(first != last, "not all at the same moment: {times:?}");
        ensure!(
            w.metrics().fixed.false_positives == 0,
            "nothing else is declared dead"
        );
        Ok(())
    }),
)];

// ----- Lesson 6: split brain, and the majority quorum -----

/// Lesson 6's claims.
pub const LESSON_6: &[Claim] = &[
    claim!(
        "Five nodes heartbeat each other; at 8 s the network splits 3 / 2. … each side stops hearing the other and may declare it dead. If each side then picks its own leader, two leaders act at once: split brain.",
        Heartbeats(|run| {
            let c = run.config();
            ensure!(
                c.nodes == 5 && !c.quorum && !c.topology.is_central(),
                "{c:?}"
            );
            ensure!(
                run.at(7_999).leaders() == vec![NodeId(1)],
                "one leader before the split"
            );
            let w = run.at_hand_over();
            for (mine, theirs) in [
                ([1, 2, 3].as_slice(), [4, 5].as_slice()),
                (&[4, 5], &[1, 2, 3]),
            ] {
                for &me in mine {
                    let view = w.observer(NodeId(me)).ok_or("a view")?;
                    for &other in theirs {
                        ensure!(
                            view.decision(NodeId(other)) == Belief::Dead,
                            "node {me} declared node {other} dead"
                        );
                    }
                }
            }
            ensure!(
                w.leaders() == vec![NodeId(1), NodeId(4)],
                "{:?}",
                w.leaders()
            );
            Ok(())
        }),
    ),
    claim!(
        "Tick \"majority quorum\" in the settings and Reset: now how many, and what does the minority side give up?",
        Heartbeats(|run| {
            let (w, doubled) = doubled_leadership(run, true, run.lesson.hand_over_at_ms)?;
            ensure!(doubled == 0, "two leaders for {doubled} ms");
            ensure!(w.leaders() == vec![NodeId(1)], "{:?}", w.leaders());
            let said = w
                .trace()
                .recent()
                .any(|e| matches!(e.kind, TraceKind::NoQuorum { node, .. } if node == NodeId(4)));
            ensure!(said, "the log says node 4 asks to lead without a majority");
            Ok(())
        }),
    ),
    claim!(
        "keep it playing with the quorum on: at 20 s the network heals, at 24 s node 3 crashes and at 26 s the leader, node 1, is overloaded: everything it sends leaves 6 s late. It still moves node 3's work while its lease holds, but its write reaches the work store after node 2 has taken over with a newer epoch, and the store refuses it.",
        Heartbeats(|run| {
            let (w, doubled) = doubled_leadership(run, true, 45_000)?;
            ensure!(doubled == 0, "two leaders for {doubled} ms");
            let refused = w.trace().recent().find_map(|e| match e.kind {
                TraceKind::WriteRefused {
                    by,
                    from,
                    epoch,
                    current,
                } => Some((by, from, epoch, current)),
                _ => None,
            });
            let (by, from, epoch, current) = refused.ok_or("no write refused")?;
            ensure!(
                by == NodeId(1) && from == NodeId(3) && epoch < current,
                "{by} {from} {epoch} {current}"
            );
            ensure!(w.leaders() == vec![NodeId(2)], "{:?}", w.leaders());
            ensure!(
                w.work().count(NodeId(3)) == 0,
                "node 3's work moved, by node 2"
            );
            let moved_by_2 = w.trace().recent().any(|e| {
                matches!(e.kind, TraceKind::WorkMoved { from, by, .. } if from == NodeId(3) && by == NodeId(2))
            });
            ensure!(moved_by_2, "node 2, the new leader, moved node 3's work");
            Ok(())
        }),
    ),
];

// ----- Lesson 7: phi accrual -----

/// Lesson 7's claims.
pub const LESSON_7: &[Claim] = &[
    claim!(
        "Heartbeats here wobble by up to 0.7 s around a 2 s interval, so two of them can arrive up to about 2.8 s apart, and the fixed timeout is a tight 2.5 s.",
        Heartbeats(|run| {
            let c = run.config();
            ensure!(
                (
                    c.interval_ms,
                    c.send_jitter_ms,
                    c.detection.fixed.timeout_ms
                ) == (2_000, 700, 2_500),
                "{c:?}"
            );
            let mut last = vec![None; c.nodes as usize + 1];
            let mut longest = 0;
            for e in run.at_hand_over().trace().recent() {
                if let TraceKind::Delivered {
                    from,
                    to: MONITOR,
                    kind: MessageKind::Heartbeat,
                    ..
                } = e.kind
                {
                    if let Some(before) = last[from.index()] {
                        longest = longest.max(e.at.ms() - before);
                    }
                    last[from.index()] = Some(e.at.ms());
                }
            }
            ensure!(
                longest > 2_500 && longest <= 2_900,
                "the longest gap is {longest} ms"
            );
            Ok(())
        }),
    ),
    claim!(
        "Compare the two detectors' false positives and detection latency in the metrics",
        Heartbeats(|run| {
            let w = run.at_hand_over();
            let (fixed, phi) = (
                w.metrics().detector(DetectorKind::Fixed),
                w.metrics().detector(DetectorKind::Phi),
            );
            ensure!(
                fixed.false_positives >= 1,
                "the fixed timeout declares running nodes dead: {fixed:?}"
            );
            ensure!(phi.false_positives == 0, "φ does not: {phi:?}");
            ensure!(
                fixed.detections == 1 && phi.detections == 1,
                "both detect node 3's crash"
            );
            ensure!(
                phi.mean_latency_ms() > fixed.mean_latency_ms(),
                "φ's caution costs time"
            );
            Ok(())
        }),
    ),
    claim!(
        "raise the send jitter to 1.5 s: what happens to φ's dashed deadline on the timeline?",
        Heartbeats(|run| {
            let before = run
                .at_hand_over()
                .observer(MONITOR)
                .ok_or("a monitor")?
                .thresholds_for(1, NodeId(1));
            let wider = run.with(|c| c.send_jitter_ms = 1_500, run.lesson.hand_over_at_ms);
            let after = wider
                .observer(MONITOR)
                .ok_or("a monitor")?
                .thresholds_for(1, NodeId(1));
            ensure!(
                after.dead_after_ms > before.dead_after_ms + 500,
                "{before:?} → {after:?}"
            );
            Ok(())
        }),
    ),
];

// ----- Lesson 8: what happens after a death -----

/// Lesson 8's claims.
pub const LESSON_8: &[Claim] = &[
    claim!(
        "Until the detector decides, requests to a crashed node fail.",
        Heartbeats(|run| {
            let declared = declared_dead(run.at_hand_over(), MONITOR, 2, 8_000)
                .ok_or("node 2 declared dead")?;
            let at_decision = run.at(declared.ms()).metrics().requests_failed;
            let before_pause = run.at(29_999).metrics().requests_failed;
            ensure!(
                at_decision > 0,
                "requests to node 2 failed before it was declared dead"
            );
            ensure!(
                before_pause == at_decision,
                "none failed between the declaration and node 4's pause"
            );
            Ok(())
        }),
    ),
    claim!(
        "a replacement starts 15 s after it is declared dead. At 30 s node 4 pauses for 10 s. … What did the false positive on node 4 cost?",
        Heartbeats(|run| {
            let w = run.at_hand_over();
            let m = w.metrics();
            ensure!(
                m.recoveries.iter().any(|r| r.node == NodeId(4) && r.was_up),
                "node 4's work moved although it was alive"
            );
            ensure!(
                m.replacements == 2 && m.wasted_replacements == 1,
                "{} replacements, {} wasted",
                m.replacements,
                m.wasted_replacements
            );
            Ok(())
        }),
    ),
];

// ----- Lessons 9–12: checksums -----

/// Lesson 9's claims.
pub const LESSON_9: &[Claim] = &[
    claim!(
        "then wrote the data to a store with one replica: the storage node computed a SHA-256 checksum and stored it beside the data. Then a disk fault flipped a bit of the stored data, and a read recomputed the checksum, compared it with the stored one, and refused to return the data.",
        Checksums(|s| {
            let c = s.store_config();
            ensure!(c.replicas == 1 && c.algorithm == Algorithm::Sha256, "{c:?}");
            ensure!(
                s.history().data() == b"Pay Alice 100 euros",
                "the good data was written"
            );
            ensure!(read_error(s), "the read returned an error, not the data");
            Ok(())
        }),
    ),
    claim!(
        "Press Undo once to see the flipped version again: which digests changed, and by how many bits?",
        Checksums(|s| {
            let mut s = s.clone();
            s.apply(super::super::model::ChecksumStep::Undo)
                .map_err(|e| e.to_string())?;
            ensure!(
                s.history().data() == b"Pay Alice 000 euros",
                "one Undo shows the flipped text"
            );
            let now = Digests::compute(s.history().data(), &Algorithm::ALL);
            let good = Digests::compute(s.history().good(), &Algorithm::ALL);
            for a in Algorithm::ALL {
                ensure!(now.get(a) != good.get(a), "{} changed", a.name());
            }
            Ok(())
        }),
    ),
];

/// Lesson 10's claims.
pub const LESSON_10: &[Claim] = &[claim!(
    "a read that finds a bad copy marks it corrupt and fetches the data from the next replica. With read repair on, it then rewrites the bad replica from the good copy. … Read again: what happened to replica 1? Now corrupt all three replicas at rest and read: what does the client get?",
    Checksums(|s| {
        let Some(Ok(first)) = s.last_read() else {
            return Err("the lesson's read returned data".into());
        };
        ensure!(first.replica == 1, "from replica 2");
        ensure!(
            first
                .steps
                .iter()
                .any(|st| st.replica == 0 && matches!(st.action, ReadAction::RepairedFrom { .. })),
            "replica 1 repaired"
        );
        let mut s = s.clone();
        use super::super::model::ChecksumStep as Step;
        s.apply(Step::Read).map_err(|e| e.to_string())?;
        ensure!(
            matches!(s.last_read(), Some(Ok(o)) if o.replica == 0),
            "read again: replica 1 is good again"
        );
        for k in 0..3 {
            s.apply(Step::CorruptAtRest(k)).map_err(|e| e.to_string())?;
        }
        s.apply(Step::Read).map_err(|e| e.to_string())?;
        ensure!(read_error(&s), "all three bad: an explicit error");
        Ok(())
    }),
)];

/// Lesson 11's claims.
pub const LESSON_11: &[Claim] = &[claim!(
    "a memory error damaged the data on the storage node before it computed the checksum: the stored checksum matches the damaged data, and every read says it matches. … Turn on the end-to-end check and read again",
    Checksums(|s| {
        let Some(Ok(read)) = s.last_read() else {
            return Err("the read returned data".into());
        };
        ensure!(
            read.data != s.history().data(),
            "what the read returned is not what was written"
        );
        let mut s = s.clone();
        use super::super::model::ChecksumStep as Step;
        s.apply(Step::EndToEnd(true)).map_err(|e| e.to_string())?;
        s.apply(Step::Read).map_err(|e| e.to_string())?;
        ensure!(read_error(&s), "the end-to-end check refuses it");
        Ok(())
    }),
)];

/// Lesson 12's claims.
pub const LESSON_12: &[Claim] = &[claim!(
    "They differ in size (128, 160, 256 bits)",
    Checksums(|_| {
        let bits: Vec<usize> = [Algorithm::Md5, Algorithm::Sha1, Algorithm::Sha256]
            .iter()
            .map(|a| a.digest_len() * 8)
            .collect();
        ensure!(bits == vec![128, 160, 256], "{bits:?}");
        Ok(())
    }),
)];
