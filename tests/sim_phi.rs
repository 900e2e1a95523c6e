//! Phi accrual: φ grows with the silence, its thresholds agree with φ itself, and it adapts to the
//! jitter it has seen.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use faultlab::sim::detector::{PhiAccrual, PhiWindows, phi};
use faultlab::sim::{
    Belief, Command, DetectorChoice, DetectorKind, Link, MONITOR, NodeId, Topology, World,
};

#[test]
fn phi_rises_with_silence_and_is_about_0_3_at_the_mean() {
    let mut last = -1.0;
    for ms in (0..5000).step_by(50) {
        let p = phi(ms as f64, 1000.0, 200.0);
        assert!(p >= last, "φ must not fall as the silence grows ({ms} ms)");
        last = p;
    }
    assert!((phi(1000.0, 1000.0, 200.0) - 2f64.log10()).abs() < 1e-9);
    assert!(phi(3000.0, 1000.0, 200.0) > 8.0);
}

#[test]
fn thresholds_are_the_first_millisecond_where_phi_reaches_the_level() {
    let d = PhiAccrual::default();
    for (mean, std) in [
        (1000.0, 0.0),
        (1000.0, 250.0),
        (2000.0, 30.0),
        (100.0, 5.0),
        (60_000.0, 9_000.0),
    ] {
        let t = d.thresholds(mean, std);
        assert!(d.level(t.dead_after_ms, mean, std) >= d.dead_phi);
        assert!(
            d.level(t.dead_after_ms - 1, mean, std) < d.dead_phi,
            "mean {mean} std {std}"
        );
        assert!(d.level(t.suspect_after_ms, mean, std) >= d.suspect_phi);
        assert!(d.level(t.suspect_after_ms - 1, mean, std) < d.suspect_phi);
        assert!(t.suspect_after_ms < t.dead_after_ms);
    }
}

#[test]
fn windows_give_exact_mean_and_deviation_and_forget_old_samples() {
    let mut w = PhiWindows::new(2, 4);
    for v in [1000, 1000, 1000, 1000] {
        w.push(1, v);
    }
    assert_eq!(w.stats(1), (1000.0, 0.0));
    for v in [900, 1100, 900, 1100] {
        w.push(1, v);
    }
    assert_eq!(w.count(1), 4);
    assert_eq!(w.stats(1), (1000.0, 100.0));
    assert_eq!(w.stats(0), (0.0, 0.0));
}

fn jittery(choice: DetectorChoice, jitter_ms: u64) -> World {
    let mut c = config(Topology::CentralPush, 5, 1000, 3000, 6);
    c.detection.choice = choice;
    c.send_jitter_ms = jitter_ms;
    c.network = Link {
        latency_ms: 20,
        jitter_ms: 10,
        loss: 0.0,
    };
    World::new(c).unwrap()
}

#[test]
fn phi_adapts_its_deadline_to_the_jitter_it_has_seen() {
    let mut calm = jittery(DetectorChoice::Both, 0);
    let mut noisy = jittery(DetectorChoice::Both, 600);
    calm.advance(120_000);
    noisy.advance(120_000);
    let calm_dead = calm
        .view(MONITOR)
        .unwrap()
        .thresholds_for(1, NodeId(1))
        .dead_after_ms;
    let noisy_dead = noisy
        .view(MONITOR)
        .unwrap()
        .thresholds_for(1, NodeId(1))
        .dead_after_ms;
    assert!(
        noisy_dead > calm_dead + 500,
        "calm {calm_dead} ms, noisy {noisy_dead} ms"
    );
    // The fixed timeout does not adapt.
    assert_eq!(
        calm.view(MONITOR)
            .unwrap()
            .thresholds_for(0, NodeId(1))
            .dead_after_ms,
        3000
    );
}

#[test]
fn both_detectors_observe_the_same_arrivals_and_the_fixed_one_decides() {
    let mut w = jittery(DetectorChoice::Both, 100);
    w.advance(30_000);
    crash(&mut w, 2);
    w.advance(10_000);
    let view = w.view(MONITOR).unwrap();
    assert_eq!(view.belief(0, NodeId(2)), Belief::Dead);
    assert_eq!(view.belief(1, NodeId(2)), Belief::Dead);
    assert_eq!(detections(&w, 2, DetectorKind::Fixed).len(), 1);
    assert_eq!(detections(&w, 2, DetectorKind::Phi).len(), 1);
    let phi_at_decision = w.trace().recent().find_map(|e| match e.kind {
        faultlab::sim::TraceKind::Belief(t)
            if t.detector == DetectorKind::Phi && t.to == Belief::Dead =>
        {
            match t.cause {
                faultlab::sim::Cause::Silence { phi_milli, .. } => phi_milli,
                _ => None,
            }
        }
        _ => None,
    });
    assert!(
        phi_at_decision.is_some_and(|p| p >= 8_000),
        "{phi_at_decision:?}"
    );
    apply(&mut w, Command::Restart { node: NodeId(2) });
    w.advance(3_000);
    assert_eq!(w.view(MONITOR).unwrap().belief(1, NodeId(2)), Belief::Alive);
}
