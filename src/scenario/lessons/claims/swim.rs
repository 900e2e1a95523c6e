//! What lessons 13 and 14 say, as checks against its run played step by step.

use super::Claim;
#[cfg(not(target_arch = "wasm32"))]
use {
    super::Check,
    super::run::{LessonRun, declared_dead, scheduled, transitions},
    crate::sim::swim::SwimSettings,
    crate::sim::swim::update::State,
    crate::sim::{Belief, Command, NodeId, Overload, Topology, TraceKind},
};

/// Lesson 13's claims.
pub const CLAIMS_13: &[Claim] = &[
    claim!(
        "At 3 s the link from node 5 to node 2 breaks in one direction: everything node 5 sends to node 2 is lost. Node 5 runs",
        Heartbeats(|run: &LessonRun| {
            let cut = Command::CutOneWay {
                from: NodeId(5),
                to: NodeId(2),
            };
            ensure!(scheduled(run, 3_000, &cut), "the cut at 3 s");
            ensure!(!run.after(1).truth(NodeId(5)).crashed, "node 5 runs");
            Ok(())
        }),
    ),
    claim!(
        "after 5 s of silence it declares a running node dead, a false positive",
        Heartbeats(|run: &LessonRun| {
            let w = run.after(1);
            let at = declared_dead(w, NodeId(2), 5, 3_000);
            ensure!(
                at.is_some_and(|t| t.ms() <= 15_000),
                "node 2 declares node 5 dead by 15 s: {at:?}"
            );
            ensure!(
                w.metrics().fixed.false_positives >= 1,
                "counted as a false positive"
            );
            Ok(())
        }),
    ),
    claim!(
        "every other node still hears it",
        Heartbeats(|run: &LessonRun| {
            let w = run.after(1);
            for o in [1, 3, 4, 6] {
                ensure!(
                    declared_dead(w, NodeId(o), 5, 0).is_none(),
                    "node {o} declared node 5 dead"
                );
            }
            Ok(())
        }),
    ),
    claim!(
        "the members it asks get theirs and forward them: node 5 is never even suspected",
        Heartbeats(|run: &LessonRun| {
            let w = run.after(2);
            let about_5 = transitions(w).filter(|t| t.node == NodeId(5)).count();
            ensure!(about_5 == 0, "{about_5} changes of mind about node 5");
            let asked = w.trace().recent().any(|e| {
                matches!(e.kind, TraceKind::SwimAsked { node, target, count: 3, .. } if node == NodeId(2) && target == NodeId(5))
            });
            ensure!(asked, "node 2 asked three members to probe node 5");
            ensure!(
                w.observer(NodeId(2))
                    .is_some_and(|v| v.decision(NodeId(5)) == Belief::Alive),
                "node 2 believes node 5 alive"
            );
            Ok(())
        }),
    ),
];

/// Lesson 14's claims.
pub const CLAIMS_14: &[Claim] = &[
    claim!(
        "At 3 s node 4 freezes for 12 s",
        Heartbeats(|run: &LessonRun| {
            let pause = Command::Pause {
                node: NodeId(4),
                ms: 12_000,
            };
            ensure!(scheduled(run, 3_000, &pause), "the pause at 3 s");
            Ok(())
        }),
    ),
    claim!(
        "Eight members run SWIM as the paper describes it, with memberlist's Lifeguard turned off",
        Heartbeats(|run: &LessonRun| {
            let c = run.config();
            ensure!(c.nodes == 8, "{} members", c.nodes);
            ensure!(
                c.topology == Topology::Swim(SwimSettings::WITHOUT_LIFEGUARD),
                "{:?}",
                c.topology
            );
            Ok(())
        }),
    ),
    claim!(
        "Without Lifeguard a suspicion lasts a fixed 4 s here, nothing refuted it, and node 2 now believes node 4 dead. Every other member suspects it or believes it dead too",
        Heartbeats(|run: &LessonRun| {
            let Topology::Swim(s) = run.config().topology else {
                return Err("not SWIM".into());
            };
            ensure!(
                s.suspicion_min_ms(8) == 4_000 && !s.lifeguard_suspicion,
                "a fixed 4 s suspicion"
            );
            let w = run.after(1);
            ensure!(
                w.observer(NodeId(2))
                    .is_some_and(|v| v.decision(NodeId(4)) == Belief::Dead),
                "node 2 believes node 4 dead at 14 s"
            );
            for o in [1, 3, 5, 6, 7, 8] {
                ensure!(
                    w.observer(NodeId(o))
                        .is_some_and(|v| v.decision(NodeId(4)) != Belief::Alive),
                    "node {o} still believes node 4 alive at 14 s"
                );
            }
            ensure!(w.truth(NodeId(4)).paused, "node 4 is still frozen at 14 s");
            Ok(())
        }),
    ),
    claim!(
        "The pings that waited for it carry the news that it is suspected or dead, at incarnation 0 … it raises its own incarnation and announces that it is alive at the new one",
        Heartbeats(|run: &LessonRun| {
            let w = run.after(2);
            let refuted = w.trace().recent().find_map(|e| match e.kind {
                TraceKind::SwimRefuted {
                    node: NodeId(4),
                    incarnation,
                } => Some((e.at.ms(), incarnation)),
                _ => None,
            });
            ensure!(
                refuted == Some((15_000, 1)),
                "node 4 refutes at incarnation 1 as it wakes at 15 s: {refuted:?}"
            );
            Ok(())
        }),
    ),
    claim!(
        "“alive at incarnation 1” is newer than “dead at incarnation 0”, so node 2 took its declaration back",
        Heartbeats(|run: &LessonRun| {
            let w = run.after(2);
            ensure!(
                w.swim_member(NodeId(4)).map(|m| m.incarnation()) == Some(1),
                "node 4 is at incarnation 1"
            );
            let belief = w.swim_member(NodeId(2)).and_then(|m| m.belief(NodeId(4)));
            ensure!(
                belief == Some((State::Alive, 1)),
                "node 2 believes node 4 alive at incarnation 1 at 22 s: {belief:?}"
            );
            ensure!(
                w.observer(NodeId(2))
                    .is_some_and(|v| v.decision(NodeId(4)) == Belief::Alive),
                "node 2's view says alive"
            );
            Ok(())
        }),
    ),
    claim!(
        "At 25 s node 2 becomes overloaded: it drops 60 % of what it sends and sends the rest 0.5 s late",
        Heartbeats(|run: &LessonRun| {
            let overload = Command::Overload {
                node: NodeId(2),
                overload: Overload {
                    drop_pct: 60,
                    extra_delay_ms: 500,
                },
            };
            ensure!(scheduled(run, 25_000, &overload), "the overload at 25 s");
            Ok(())
        }),
    ),
    claim!(
        "it misses the acks itself and blames the members it probes",
        Heartbeats(|run: &LessonRun| {
            let w = run.after(3);
            ensure!(
                own_accusations(w) >= 1,
                "node 2 declares no healthy member dead on its own after 25 s"
            );
            ensure!(
                (1..=8).all(|i| !w.truth(NodeId(i)).crashed),
                "every member runs"
            );
            Ok(())
        }),
    ),
    claim!(
        "raises its own health score, then probes less often and waits longer, up to 8 times. And a suspicion starts long (here 24 s)",
        Heartbeats(|run: &LessonRun| {
            let s = SwimSettings::LAN;
            ensure!(s.awareness_max_multiplier == 8, "up to 8 times");
            ensure!(
                s.suspicion_min_ms(8) * u64::from(s.suspicion_max_timeout_mult) == 24_000,
                "a suspicion starts at 24 s"
            );
            // A rise that is not a refutation's (which raises the score too): missed acks.
            let (mut before, mut rose) = ((0, 0), false);
            run.step_with(
                |c| c.switch_topology(Topology::Swim(s)),
                85_000,
                |w| {
                    let m = w.swim_member(NodeId(2));
                    let now = m.map_or((0, 0), |m| (m.awareness(), m.incarnation()));
                    rose |= now.0 > before.0 && now.1 == before.1;
                    before = now;
                    Ok(())
                },
            )?;
            ensure!(rose, "node 2's health score never rose from missed acks");
            Ok(())
        }),
    ),
    claim!(
        "every 30 s (memberlist's push-pull sync)",
        Heartbeats(|_: &LessonRun| {
            for s in [SwimSettings::LAN, SwimSettings::WITHOUT_LIFEGUARD] {
                ensure!(s.push_pull_ms(8) == 30_000, "{} ms", s.push_pull_ms(8));
            }
            Ok(())
        }),
    ),
    claim!(
        "Nobody got an ack from node 4, not even by asking others, so it was suspected",
        Heartbeats(|run: &LessonRun| {
            let w = run.after(1);
            let asked = w.trace().recent().any(
                |e| matches!(e.kind, TraceKind::SwimAsked { target, .. } if target == NodeId(4)),
            );
            ensure!(asked, "no member asked others to probe node 4");
            Ok(())
        }),
    ),
    claim!(
        "Node 2 errs less",
        Heartbeats(|run: &LessonRun| {
            // The figure the readout shows, and node 2's own accusations during the overload.
            let without = run.after(3).metrics().false_positives_of(NodeId(2));
            let with = run.after(4).metrics().false_positives_of(NodeId(2));
            ensure!(
                with < without,
                "node 2's false positives: {with} with Lifeguard, {without} without"
            );
            let (without, with) = (own_accusations(run.after(3)), own_accusations(run.after(4)));
            ensure!(
                with < without,
                "node 2's own accusations after 25 s: {with} with Lifeguard, {without} without"
            );
            Ok(())
        }),
    ),
];

/// How many times node 2 declared a running member dead on its own (its suspicion not refuted in
/// time) after the overload began at 25 s.
#[cfg(not(target_arch = "wasm32"))]
fn own_accusations(w: &crate::sim::World) -> usize {
    transitions(w)
        .filter(|t| {
            t.observer == NodeId(2)
                && t.to == Belief::Dead
                && !t.again
                && t.at.ms() >= 25_000
                && matches!(t.cause, crate::sim::detector::Cause::Swim { by, .. } if by == NodeId(2))
                && !w.truth(t.node).crashed
        })
        .count()
}
