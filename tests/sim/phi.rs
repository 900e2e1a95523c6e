//! Phi accrual: φ grows with the silence, its thresholds agree with φ itself, and it adapts to the
//! jitter it has seen.

use crate::common::*;
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
        .observer(MONITOR)
        .unwrap()
        .thresholds_for(1, NodeId(1))
        .dead_after_ms;
    let noisy_dead = noisy
        .observer(MONITOR)
        .unwrap()
        .thresholds_for(1, NodeId(1))
        .dead_after_ms;
    assert!(
        noisy_dead > calm_dead + 500,
        "calm {calm_dead} ms, noisy {noisy_dead} ms"
    );
    // The fixed timeout does not adapt.
    assert_eq!(
        calm.observer(MONITOR)
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
    let view = w.observer(MONITOR).unwrap();
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
    assert_eq!(
        w.observer(MONITOR).unwrap().belief(1, NodeId(2)),
        Belief::Alive
    );
}

/// The default phi accrual settings (Akka's normal approximation, threshold 8) deciding alone.
fn phi_only(seed: u64) -> faultlab::sim::Config {
    let mut c = seed_example(5, seed);
    c.network = link(100, 30);
    c.detection.choice = DetectorChoice::Phi;
    c
}

/// How long after its crash the monitor declares node 3 dead (phi accrual).
fn crash_detected_after(world: &mut World, crash_at: u64) -> u64 {
    run_to(world, crash_at);
    crash(world, 3);
    run_to(world, crash_at + 120_000);
    let found = detections(world, 3, DetectorKind::Phi);
    assert_eq!(found.len(), 1, "the monitor declares the crash once");
    found[0].1
}

#[test]
fn phi_does_not_learn_from_a_silence_that_ended_in_a_declaration() {
    for seed in 1..=10 {
        // A run without faults before the crash gives the normal detection time.
        let mut plain = World::new(phi_only(seed)).unwrap();
        let normal = crash_detected_after(&mut plain, 90_000);
        // The same, but node 3 was cut off for 60 s (declared dead) and the cut healed 10 s
        // before the crash: the 60 s gap must not teach φ that 60 s silences are normal.
        let mut healed = World::new(phi_only(seed)).unwrap();
        run_to(&mut healed, 20_000);
        apply(&mut healed, Command::CutOff { node: NodeId(3) });
        run_to(&mut healed, 80_000);
        apply(&mut healed, Command::Heal);
        let after_heal = crash_detected_after(&mut healed, 90_000);
        assert!(
            after_heal <= normal + 2_000,
            "seed {seed}: a crash 10 s after a healed partition is detected after {after_heal} ms, \
             against {normal} ms without the partition"
        );
    }
}

#[test]
fn phi_deadline_comes_back_to_normal_after_a_heal_and_after_a_pause() {
    let mut w = World::new(phi_only(7)).unwrap();
    run_to(&mut w, 20_000);
    let before = w.observer(MONITOR).unwrap().thresholds_for(0, NodeId(3));
    apply(&mut w, Command::CutOff { node: NodeId(3) });
    run_to(&mut w, 80_000);
    apply(&mut w, Command::Heal);
    apply(
        &mut w,
        Command::Pause {
            node: NodeId(4),
            ms: 30_000,
        },
    );
    run_to(&mut w, 130_000);
    for node in [3, 4] {
        let after = w.observer(MONITOR).unwrap().thresholds_for(0, NodeId(node));
        assert!(
            after.dead_after_ms <= before.dead_after_ms + 500,
            "node {node}: φ's deadline after the silence is {} ms, against {} ms before",
            after.dead_after_ms,
            before.dead_after_ms
        );
    }
}

#[test]
fn phi_with_a_window_of_2_still_declares_a_crash_after_a_long_partition() {
    let mut c = phi_only(3);
    c.detection.phi.window = 2;
    let mut w = World::new(c).unwrap();
    run_to(&mut w, 10_000);
    apply(&mut w, Command::CutOff { node: NodeId(3) });
    run_to(&mut w, 610_000);
    apply(&mut w, Command::Heal);
    // Crash right after the first heartbeat that ends the silence, while the window still holds
    // the 600 s gap.
    let heard = w.observer(MONITOR).unwrap().heard_at(NodeId(3));
    while w.observer(MONITOR).unwrap().heard_at(NodeId(3)) == heard {
        w.step();
    }
    crash(&mut w, 3);
    let crashed_at = w.now().ms();
    run_to(&mut w, crashed_at + 30_000);
    assert_eq!(
        belief(&w, MONITOR, 3),
        Belief::Dead,
        "a crashed node is declared dead, not only suspected"
    );
}

#[test]
fn phi_never_declares_below_its_threshold_even_before_the_first_heartbeat() {
    let mut false_positives = 0;
    for seed in 1..=30 {
        let mut c = phi_only(seed);
        c.network = link(700, 0);
        let mut w = World::new(c).unwrap();
        w.set_trace_capacity(100_000);
        run_to(&mut w, 30_000);
        false_positives += w.metrics().phi.false_positives;
        let p = w.config().detection.phi;
        for e in w.trace().recent() {
            if let faultlab::sim::TraceKind::Belief(t) = e.kind {
                if let faultlab::sim::Cause::Silence {
                    phi_milli: Some(m), ..
                } = t.cause
                {
                    let level = match t.to {
                        Belief::Dead => p.dead_phi,
                        Belief::Suspected => p.suspect_phi,
                        Belief::Alive => 0.0,
                    };
                    assert!(
                        f64::from(m) >= level * 1000.0 - 1.0,
                        "seed {seed}: {:?} at φ = {} below the threshold {level}",
                        t.to,
                        f64::from(m) / 1000.0
                    );
                }
            }
        }
    }
    assert_eq!(
        false_positives, 0,
        "700 ms of latency alone is no reason to declare anyone dead"
    );
}
