//! What lesson 13 says, as checks against its run played step by step.

use super::Claim;
#[cfg(not(target_arch = "wasm32"))]
use {
    super::Check,
    super::run::{LessonRun, declared_dead, scheduled, transitions},
    crate::sim::{Belief, Command, NodeId, TraceKind},
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
