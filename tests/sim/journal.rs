//! The journal digests the trace for display: log lines, belief and fault spans, arrivals.

use faultlab::sim::journal::{Journal, LogKind, SpanKind};
use faultlab::sim::{Command, Config, Link, MONITOR, NodeId, SimTime, World};

fn world() -> World {
    let mut w = World::new(Config {
        network: Link {
            latency_ms: 0,
            jitter_ms: 0,
            loss: 0.0,
        },
        ..Config::default()
    })
    .unwrap();
    w.set_trace_capacity(100_000);
    w
}

#[test]
fn a_crash_gives_a_crashed_span_then_suspected_and_dead_spans_and_log_lines() {
    let mut w = world();
    let mut j = Journal::new(&w, MONITOR, 30_000, 100);
    w.advance(6_000);
    j.ingest(&w);
    assert!(
        j.arrivals(NodeId(2)).count() >= 2,
        "heartbeats of node 2 arrived"
    );
    let revision = j.log_revision();
    w.apply(Command::Crash { node: NodeId(2) }).unwrap();
    w.advance(6_000);
    j.ingest(&w);
    assert!(j.log_revision() > revision);
    let kinds: Vec<SpanKind> = j.spans(NodeId(2)).map(|s| s.kind).collect();
    assert!(kinds.contains(&SpanKind::Crashed));
    assert!(kinds.contains(&SpanKind::Suspected { slot: 0 }));
    assert!(kinds.contains(&SpanKind::Dead { slot: 0 }));
    let suspected = j
        .spans(NodeId(2))
        .find(|s| s.kind == SpanKind::Suspected { slot: 0 })
        .unwrap();
    assert!(suspected.end.is_some(), "suspected ends when dead begins");
    let texts: Vec<&str> = j.log().map(|e| e.text.as_str()).collect();
    assert!(
        texts.iter().any(|t| t.contains("node 2 crashed")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.contains("believes node 2 is dead")),
        "{texts:?}"
    );
    assert!(j.log().any(|e| e.kind == LogKind::Recovery), "work moved");
    w.apply(Command::Restart { node: NodeId(2) }).unwrap();
    w.advance(3_000);
    j.ingest(&w);
    assert!(
        j.spans(NodeId(2)).all(|s| s.end.is_some()),
        "every span closed once node 2 is back"
    );
}

#[test]
fn old_marks_leave_the_window_and_the_log_is_capped() {
    let mut w = world();
    let mut j = Journal::new(&w, MONITOR, 10_000, 5);
    for i in 0..8 {
        w.apply(Command::Pause {
            node: NodeId(1 + i % 5),
            ms: 100,
        })
        .unwrap();
        w.advance(5_000);
        j.ingest(&w);
    }
    assert_eq!(j.log().count(), 5);
    let horizon = SimTime(w.now().ms() - 10_000);
    assert!(j.arrivals(NodeId(3)).all(|t| t >= horizon));
}

#[test]
fn a_journal_notices_when_the_trace_forgot_events() {
    let mut w = world();
    w.set_trace_capacity(10);
    let mut j = Journal::new(&w, MONITOR, 10_000, 50);
    w.advance(20_000);
    j.ingest(&w);
    assert!(j.missed_events);
}
