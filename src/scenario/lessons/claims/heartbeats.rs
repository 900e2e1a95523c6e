//! What lessons 1–8 say, as checks against their runs played step by step (steps numbered from 1,
//! as the page numbers them).

use super::Claim;
#[cfg(not(target_arch = "wasm32"))]
use {
    super::Check,
    super::run::{LessonRun, declared_dead, doubled_leadership, scheduled, transitions},
    crate::sim::{
        Belief, Cause, Command, DetectorKind, MONITOR, MessageKind, NodeId, TraceKind, Transition,
        World,
    },
};

/// Messages sent per second by `config` with all nodes running, from 2 s (after the first round)
/// to 22 s.
#[cfg(not(target_arch = "wasm32"))]
fn sent_per_sec(config: &crate::sim::Config) -> Result<f64, String> {
    let mut w = World::new(config.clone()).map_err(|e| e.to_string())?;
    w.advance(2_000);
    let before = w.metrics().messages_sent;
    w.advance(20_000);
    Ok((w.metrics().messages_sent - before) as f64 / 20.0)
}

/// Whether `x` is within 10 % of `expected`.
#[cfg(not(target_arch = "wasm32"))]
fn near(x: f64, expected: f64) -> bool {
    (x - expected).abs() <= expected * 0.1
}

// ----- Lesson 1: a heartbeat, and a monitor that notices it stop -----

/// Lesson 1's claims.
pub const CLAIMS_1: &[Claim] = &[
    claim!(
        "Here three nodes each send one every 2 seconds to a central monitor",
        Heartbeats(|run| {
            let c = run.config();
            ensure!(
                c.nodes == 3 && c.interval_ms == 2_000 && c.topology.is_central(),
                "{c:?}"
            );
            Ok(())
        }),
    ),
    claim!(
        "The monitor suspects a node after 3 s without a heartbeat and declares it dead once its 5 s timeout passes. At 9 s node 2 crashes.",
        Heartbeats(|run| {
            ensure!(
                scheduled(run, 9_000, &Command::Crash { node: NodeId(2) }),
                "node 2 crashes at 9 s"
            );
            let w = run.after(2);
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
        "Somewhere between 3 and 5 s. … The crash came up to one interval (2 s) after that heartbeat",
        Heartbeats(|run| {
            let at = declared_dead(run.after(2), MONITOR, 2, 9_000).ok_or("never declared dead")?;
            let latency = at.ms() - 9_000;
            ensure!(
                (3_000..=5_000).contains(&latency),
                "declared after {latency} ms"
            );
            Ok(())
        }),
    ),
    claim!(
        "When its first new heartbeat arrives, within one interval … Until the restarted node's first heartbeat arrives, within one 2 s interval, the table still says dead.",
        Heartbeats(|run| {
            let before = run.after(2).observer(MONITOR).ok_or("a monitor")?;
            ensure!(
                before.decision(NodeId(2)) == Belief::Dead,
                "dead when the learner restarts it"
            );
            let restarted = run.after(2).now();
            let alive = transitions(run.after(3))
                .find(|t| t.node == NodeId(2) && t.to == Belief::Alive && t.at > restarted)
                .ok_or("never alive again")?;
            ensure!(
                alive.at.ms() <= restarted.ms() + run.config().interval_ms,
                "alive only at {}",
                alive.at
            );
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
pub const CLAIMS_2: &[Claim] = &[
    claim!(
        "At 6 s four nodes go silent, one for each reason. … The truth: node 1 crashed, node 2 is paused, node 3 is cut off and node 4 is overloaded.",
        Heartbeats(|run| {
            let at_6: Vec<&Command> = run
                .schedule()
                .iter()
                .filter(|c| c.at_ms == 6_000)
                .map(|c| &c.command)
                .collect();
            ensure!(at_6.len() == 4, "{at_6:?}");
            ensure!(
                matches!(at_6[0], Command::Crash { node: NodeId(1) }),
                "node 1 crashes"
            );
            ensure!(
                matches!(at_6[1], Command::Pause { node: NodeId(2), ms } if *ms > 14_000),
                "node 2 pauses past the lesson"
            );
            ensure!(
                matches!(at_6[2], Command::CutOff { node: NodeId(3) }),
                "node 3 is cut off"
            );
            ensure!(
                matches!(at_6[3], Command::Overload { node: NodeId(4), overload } if overload.drop_pct == 100),
                "node 4 is too overloaded to send"
            );
            Ok(())
        }),
    ),
    claim!(
        "The ground truth is hidden: you see only what the monitor sees.",
        Heartbeats(|run| {
            ensure!(!run.scenario.show_truth, "the truth is hidden");
            Ok(())
        }),
    ),
    claim!(
        "The same for all four: suspected, then dead … All four go through the same states at about the same time",
        Heartbeats(|run| {
            let w = run.after(1);
            let mut declared = Vec::new();
            for n in 1..=4 {
                let states: Vec<Belief> = transitions(w)
                    .filter(|t| t.observer == MONITOR && t.node == NodeId(n))
                    .map(|t| t.to)
                    .collect();
                ensure!(
                    states == vec![Belief::Suspected, Belief::Dead],
                    "node {n}: {states:?}"
                );
                declared.push(declared_dead(w, MONITOR, n, 6_000).ok_or("declared")?.ms());
            }
            let spread = declared.iter().max().unwrap_or(&0) - declared.iter().min().unwrap_or(&0);
            let c = run.config();
            ensure!(
                spread <= c.interval_ms + c.network.max_delay_ms(),
                "declared {spread} ms apart"
            );
            let view = w.observer(MONITOR).ok_or("a monitor")?;
            ensure!(
                view.decision(NodeId(5)) == Belief::Alive,
                "node 5 still beats"
            );
            Ok(())
        }),
    ),
];

// ----- Lesson 3: short timeout vs long timeout -----

/// The nodes the monitor declared dead in a run.
#[cfg(not(target_arch = "wasm32"))]
fn declared_nodes(w: &World) -> Vec<u32> {
    let mut nodes: Vec<u32> = transitions(w)
        .filter(|t| t.observer == MONITOR && t.to == Belief::Dead)
        .map(|t| t.node.0)
        .collect();
    nodes.sort_unstable();
    nodes.dedup();
    nodes
}

/// Lesson 3's claims.
pub const CLAIMS_3: &[Claim] = &[
    claim!(
        "Here heartbeats go every second over a jittery network and the timeout is 2.5 s. A few nodes pause for 3–4 s, as a garbage collector might, and node 6 really crashes at 12 s.",
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
            let pauses = run
                .schedule()
                .iter()
                .filter(|c| matches!(c.command, Command::Pause { ms, .. } if (3_000..=4_000).contains(&ms)))
                .count();
            ensure!(pauses >= 2, "{pauses} pauses of 3–4 s");
            let crashes: Vec<(u64, &Command)> = run
                .schedule()
                .iter()
                .filter(|c| matches!(c.command, Command::Crash { .. }))
                .map(|c| (c.at_ms, &c.command))
                .collect();
            ensure!(
                crashes == vec![(12_000, &Command::Crash { node: NodeId(6) })],
                "{crashes:?}"
            );
            Ok(())
        }),
    ),
    claim!(
        "A short one notices a crash quickly but mistakes slow nodes for dead ones (false positives) … Node 6, and running nodes too",
        Heartbeats(|run| {
            let w = run.after(1);
            let m = w.metrics().fixed;
            ensure!(m.detections == 1, "the crash is detected: {m:?}");
            ensure!(
                m.latency_max_ms <= 2_500 + run.config().network.max_delay_ms(),
                "quickly: {m:?}"
            );
            ensure!(m.false_positives >= 1, "false positives: {m:?}");
            let paused: Vec<u32> = run
                .schedule()
                .iter()
                .filter_map(|c| match c.command {
                    Command::Pause { node, .. } => Some(node.0),
                    _ => None,
                })
                .collect();
            let declared = declared_nodes(w);
            ensure!(declared.contains(&6), "node 6 declared dead");
            ensure!(
                declared.iter().any(|n| paused.contains(n)),
                "a paused node declared dead: {declared:?}"
            );
            Ok(())
        }),
    ),
    claim!(
        "On the timeline their dead bands end as soon as their heartbeats come back; node 6's does not.",
        Heartbeats(|run| {
            let w = run.after(1);
            let view = w.observer(MONITOR).ok_or("a monitor")?;
            ensure!(
                view.decision(NodeId(6)) == Belief::Dead,
                "node 6 stays dead"
            );
            for n in declared_nodes(w).into_iter().filter(|&n| n != 6) {
                let last_dead = transitions(w)
                    .filter(|t| {
                        t.observer == MONITOR && t.node == NodeId(n) && t.to == Belief::Dead
                    })
                    .map(|t| t.at.ms())
                    .max()
                    .unwrap_or(0);
                // Heartbeats every second: a band that began 3 s before the end has had time to end.
                if last_dead <= 27_000 {
                    ensure!(
                        view.decision(NodeId(n)) == Belief::Alive,
                        "node {n}, declared dead at {last_dead} ms, is {:?} at 30 s",
                        view.decision(NodeId(n))
                    );
                }
            }
            Ok(())
        }),
    ),
    claim!(
        "No false positives, and node 6 is declared dead later … Every pause is shorter than 8 s, so no running node is declared dead; but the crashed node is now declared dead 8 s after its last heartbeat, more than 4 s later than before.",
        Heartbeats(|run| {
            ensure!(
                run.after(2).config().detection.fixed.timeout_ms == 8_000,
                "the replay has an 8 s timeout"
            );
            let short = run.after(1).metrics().fixed;
            let long = run.after(2).metrics().fixed;
            ensure!(
                long.detections == 1,
                "the crash is still detected: {long:?}"
            );
            ensure!(
                long.mean_latency_ms() > short.mean_latency_ms().map(|s| s + 4_000.0),
                "{long:?} vs {short:?}"
            );
            ensure!(long.false_positives == 0, "no false positives: {long:?}");
            Ok(())
        }),
    ),
];

// ----- Lesson 4: push vs pull, and the price of heartbeats -----

/// Lesson 4's claims.
pub const CLAIMS_4: &[Claim] = &[
    claim!(
        "Here ten nodes push one heartbeat a second, and node 4 crashes at 5 s. … Ten: one per node per interval, N a second, all to one monitor (nine once node 4 has crashed).",
        Heartbeats(|run| {
            let c = run.config();
            ensure!(c.nodes == 10 && c.interval_ms == 1_000, "{c:?}");
            ensure!(
                scheduled(run, 5_000, &Command::Crash { node: NodeId(4) }),
                "node 4 crashes at 5 s"
            );
            let before = sent_per_sec(c)?;
            ensure!(near(before, 10.0), "{before:.1}/s before the crash");
            ensure!(
                near(c.expected_messages_per_sec(), 10.0),
                "the formula says N"
            );
            let w = run.after(1);
            let (now, _) = w.metrics().rate.rates(w.now());
            ensure!(near(now, 9.0), "{now:.1}/s after it");
            Ok(())
        }),
    ),
    claim!(
        "About twice as many: a request and an answer for each check … here a round lasts one interval plus the round trip, 1.2 s, so about 17 a second",
        Heartbeats(|run| {
            let pull = run.after(2);
            ensure!(
                pull.config().topology == crate::sim::Topology::CentralPull,
                "the replay pulls"
            );
            let rate = sent_per_sec(pull.config())?;
            let formula = pull.config().expected_messages_per_sec();
            ensure!(near(formula, 16.7), "the formula gives {formula:.1}/s");
            ensure!(
                near(rate, formula),
                "{rate:.1}/s measured, {formula:.1}/s by the formula"
            );
            ensure!(
                pull.metrics().fixed.detections == 1,
                "the crash is detected"
            );
            Ok(())
        }),
    ),
    claim!(
        "N·(N−1) = 10 · 9 = 90: each node sends to the nine others. Every node now notices node 4's crash itself",
        Heartbeats(|run| {
            let all = run.after(3);
            let rate = sent_per_sec(all.config())?;
            ensure!(near(rate, 90.0), "{rate:.1}/s");
            for o in (1..=10).filter(|&o| o != 4) {
                ensure!(
                    declared_dead(all, NodeId(o), 4, 5_000).is_some(),
                    "node {o} noticed"
                );
            }
            Ok(())
        }),
    ),
    claim!(
        "Later: news arrives second-hand, so the timeout must be longer … the messages are k·N but each carries N entries",
        Heartbeats(|run| {
            let gossip = run.after(4);
            let rate = sent_per_sec(gossip.config())?;
            ensure!(near(rate, 30.0), "{rate:.1}/s");
            let central = run
                .after(1)
                .metrics()
                .fixed
                .mean_latency_ms()
                .ok_or("detected")?;
            let spread = gossip.metrics().fixed;
            ensure!(spread.detections == 9, "every node detects it: {spread:?}");
            ensure!(
                spread.mean_latency_ms().is_some_and(|g| g > central),
                "{spread:?} vs {central} ms"
            );
            ensure!(spread.false_positives == 0, "{spread:?}");
            Ok(())
        }),
    ),
];

// ----- Lesson 5: random peers -----

/// When each node declared node 7 dead in a run.
#[cfg(not(target_arch = "wasm32"))]
fn declarations_of_7(run: &LessonRun, w: &World) -> Result<Vec<u64>, String> {
    (1..=run.config().nodes)
        .filter(|&o| o != 7)
        .map(|o| {
            declared_dead(w, NodeId(o), 7, 10_000)
                .map(|t| t.ms())
                .ok_or(format!("node {o} has not declared node 7 dead"))
        })
        .collect()
}

/// Lesson 5's claims.
pub const CLAIMS_5: &[Claim] = &[claim!(
    "Node 7 crashes at 10 s. … No: at different moments, a few seconds apart",
    Heartbeats(|run| {
        ensure!(
            scheduled(run, 10_000, &Command::Crash { node: NodeId(7) }),
            "node 7 crashes at 10 s"
        );
        let w = run.after(2);
        let times = declarations_of_7(run, w)?;
        let (first, last) = (times.iter().min(), times.iter().max());
        let spread = last.unwrap_or(&0) - first.unwrap_or(&0);
        ensure!(spread > 0, "not all at the same moment: {times:?}");
        ensure!(spread <= 6_000, "a few seconds apart: {times:?}");
        ensure!(
            w.metrics().fixed.false_positives == 0,
            "nothing else is declared dead"
        );
        Ok(())
    }),
)];

// ----- Lesson 6: split brain, and the majority quorum -----

/// Lesson 6's claims.
pub const CLAIMS_6: &[Claim] = &[
    claim!(
        "Five nodes heartbeat each other, and the leader is the lowest-numbered node believed alive. At 8 s the network splits 3 / 2. … Nodes 4 and 5 declare nodes 1, 2 and 3 dead, and node 4, the lowest they still believe alive, takes the lead; nodes 1 to 3 keep node 1.",
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
            let w = run.after(1);
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
        "It has no leader: it cannot gather 3 promises, so it moves no work … Node 4 asks to lead but holds only 2 promises, not a majority, so it does not lead (the log says so).",
        Heartbeats(|run| {
            let w = run.after(2);
            ensure!(w.config().quorum, "the replay has the quorum");
            let (_, doubled) = doubled_leadership(run, true, 16_000)?;
            ensure!(doubled == 0, "two leaders for {doubled} ms");
            ensure!(w.leaders() == vec![NodeId(1)], "{:?}", w.leaders());
            let said = w.trace().recent().any(|e| {
                matches!(e.kind, TraceKind::NoQuorum { node, promises: 2 } if node == NodeId(4))
            });
            ensure!(said, "the log says node 4 holds 2 promises");
            let minority_moved = w
                .trace()
                .recent()
                .any(|e| matches!(e.kind, TraceKind::WorkMoved { by, .. } if by.0 >= 4));
            ensure!(!minority_moved, "the minority moved work");
            Ok(())
        }),
    ),
    claim!(
        "Still with the quorum: at 20 s the network heals, at 24 s node 3 crashes, and at 26 s the leader, node 1, is overloaded: everything it sends leaves 6 s late. … Node 1 moves node 3's work while its lease holds, but its write reaches the work store after node 2 has taken over with a newer epoch.",
        Heartbeats(|run| {
            let (_, doubled) = doubled_leadership(run, true, 45_000)?;
            ensure!(doubled == 0, "two leaders for {doubled} ms");
            let w = run.after(3);
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
            ensure!(w.work().count(NodeId(3)) == 0, "node 3's work moved");
            let moved_by_2 = w.trace().recent().any(|e| {
                matches!(e.kind, TraceKind::WorkMoved { from, by, .. } if from == NodeId(3) && by == NodeId(2))
            });
            ensure!(moved_by_2, "node 2, the new leader, moved node 3's work");
            Ok(())
        }),
    ),
];

// ----- Lesson 7: phi accrual -----

/// φ's deadline for node 1 as the monitor sees it.
#[cfg(not(target_arch = "wasm32"))]
fn phi_deadline(w: &World) -> Result<u64, String> {
    Ok(w.observer(MONITOR)
        .ok_or("a monitor")?
        .thresholds_for(1, NodeId(1))
        .dead_after_ms)
}

/// Lesson 7's claims.
pub const CLAIMS_7: &[Claim] = &[
    claim!(
        "Heartbeats here wobble by up to 0.7 s around a 2 s interval, so two can arrive up to about 2.8 s apart, and the fixed timeout is a tight 2.5 s.",
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
            for e in run.after(1).trace().recent() {
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
        "Every gap longer than 2.5 s passes the fixed timeout, so it declares running nodes dead: false positives. φ has learnt that such gaps are normal for these nodes, so its deadline (the dotted mark on the timeline) sits later and it makes no such mistake.",
        Heartbeats(|run| {
            let w = run.after(1);
            let (fixed, phi) = (
                w.metrics().detector(DetectorKind::Fixed),
                w.metrics().detector(DetectorKind::Phi),
            );
            ensure!(
                fixed.false_positives >= 1,
                "the fixed timeout errs: {fixed:?}"
            );
            ensure!(phi.false_positives == 0, "φ does not: {phi:?}");
            ensure!(phi_deadline(w)? > 2_500, "φ's deadline is later");
            Ok(())
        }),
    ),
    claim!(
        "The fixed timeout, 2.5 s after node 3's last heartbeat. φ waits until a silence that long is unlikely for this node, which takes longer",
        Heartbeats(|run| {
            ensure!(
                scheduled(run, 30_000, &Command::Crash { node: NodeId(3) }),
                "node 3 crashes at 30 s"
            );
            let w = run.after(2);
            let (fixed, phi) = (
                w.metrics().detector(DetectorKind::Fixed),
                w.metrics().detector(DetectorKind::Phi),
            );
            ensure!(
                fixed.detections == 1 && phi.detections == 1,
                "both detect node 3's crash"
            );
            ensure!(
                phi.mean_latency_ms() > fixed.mean_latency_ms(),
                "φ's caution costs time: {phi:?} vs {fixed:?}"
            );
            Ok(())
        }),
    ),
    claim!(
        "It moves later: φ learns that longer gaps are normal",
        Heartbeats(|run| {
            ensure!(
                run.after(3).config().send_jitter_ms == 1_500,
                "the replay wobbles 1.5 s"
            );
            let (before, after) = (phi_deadline(run.after(1))?, phi_deadline(run.after(3))?);
            ensure!(after > before + 500, "{before} ms → {after} ms");
            let fixed = |w: &World| w.metrics().detector(DetectorKind::Fixed).false_positives;
            ensure!(
                fixed(run.after(3)) >= fixed(run.after(1)),
                "the fixed timeout errs as often or more"
            );
            Ok(())
        }),
    ),
];

// ----- Lesson 8: what happens after a death -----

/// Lesson 8's claims.
pub const CLAIMS_8: &[Claim] = &[
    claim!(
        "Until the detector decides, requests to a crashed node fail: the red bars. Once node 2 is declared dead its work moves to healthy nodes and requests succeed again",
        Heartbeats(|run| {
            let declared =
                declared_dead(run.after(1), MONITOR, 2, 8_000).ok_or("node 2 declared dead")?;
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
        "15 s after node 2 was declared dead, near 27 s",
        Heartbeats(|run| {
            let w = run.after(2);
            let declared = declared_dead(w, MONITOR, 2, 8_000).ok_or("declared")?;
            let started = w
                .trace()
                .recent()
                .find(
                    |e| matches!(e.kind, TraceKind::Replacement { node, .. } if node == NodeId(2)),
                )
                .ok_or("no replacement by 29 s")?;
            ensure!(
                started.at.ms() == declared.ms() + 15_000,
                "started at {} after the declaration at {declared}",
                started.at
            );
            ensure!(
                (25_000..=29_000).contains(&started.at.ms()),
                "at {}",
                started.at
            );
            Ok(())
        }),
    ),
    claim!(
        "At 30 s node 4 pauses for 10 s: alive, but silent. … Its work moves away, and 15 s later a replacement starts for a node that was alive",
        Heartbeats(|run| {
            ensure!(
                scheduled(
                    run,
                    30_000,
                    &Command::Pause {
                        node: NodeId(4),
                        ms: 10_000
                    }
                ),
                "node 4 pauses at 30 s for 10 s"
            );
            let m = run.after(3).metrics();
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
            let failed_in_pause = m
                .requests_by_second
                .iter()
                .filter(|s| (30..35).contains(&s.second))
                .map(|s| s.failed)
                .sum::<u32>();
            ensure!(
                failed_in_pause > 0,
                "its requests fail until the declaration"
            );
            Ok(())
        }),
    ),
];
