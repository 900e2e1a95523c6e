//! The trade-off explorer's points are plain core runs, and over a range of timeouts latency rises
//! while false positives fall.
#![cfg(not(target_arch = "wasm32"))]

use faultlab::scenario::explorer::{Knob, config_for, default_values, run_point, to_csv, workload};
use faultlab::scenario::{HeartbeatsScenario, Replayer};
use faultlab::sim::{Config, DetectorKind, Link, SimTime, World};

fn base() -> Config {
    let mut c = Config {
        nodes: 20,
        interval_ms: 1000,
        send_jitter_ms: 300,
        seed: 5,
        ..Config::default()
    };
    c.network = Link {
        latency_ms: 80,
        jitter_ms: 60,
        loss: 0.01,
    };
    c
}

#[test]
fn a_point_is_exactly_a_direct_run_of_the_core() {
    let base = base();
    let faults = workload(&base, 300_000, 11);
    let point = run_point(&base, Knob::Timeout, 3_000.0, &faults, 300_000).unwrap();
    let mut world = World::new(config_for(&base, Knob::Timeout, 3_000.0)).unwrap();
    let mut replayer = Replayer::new(faults);
    replayer.run_until(&mut world, SimTime(300_000));
    let m = world.metrics().detector(DetectorKind::Fixed);
    assert_eq!(point.detections, m.detections);
    assert_eq!(point.false_positives, m.false_positives);
    assert_eq!(point.mean_latency_ms, m.mean_latency_ms());
    assert!(point.detections > 0);
    let _ = HeartbeatsScenario {
        config: base,
        schedule: vec![],
        start_at_ms: 0,
        show_truth: true,
        observer: 0,
    };
}

#[test]
fn latency_rises_and_false_positives_fall_with_the_timeout() {
    let base = base();
    let faults = workload(&base, 600_000, 3);
    let values = default_values(&base, Knob::Timeout, 8);
    let points: Vec<_> = values
        .iter()
        .map(|&v| run_point(&base, Knob::Timeout, v, &faults, 600_000).unwrap())
        .collect();
    let first = points.first().unwrap();
    let last = points.last().unwrap();
    assert!(first.mean_latency_ms.unwrap() < last.mean_latency_ms.unwrap());
    assert!(
        first.false_positives > last.false_positives,
        "{} vs {}",
        first.false_positives,
        last.false_positives
    );
    for w in points.windows(2) {
        assert!(
            w[0].mean_latency_ms.unwrap() <= w[1].mean_latency_ms.unwrap() + 1.0,
            "latency grows with the timeout"
        );
    }
    let csv = to_csv(&points);
    assert_eq!(csv.lines().count(), points.len() + 1);
    assert!(csv.starts_with("knob,value,"));
}

#[test]
fn phi_thresholds_can_be_explored_too() {
    let base = base();
    let faults = workload(&base, 300_000, 3);
    let low = run_point(&base, Knob::PhiThreshold, 1.0, &faults, 300_000).unwrap();
    let high = run_point(&base, Knob::PhiThreshold, 12.0, &faults, 300_000).unwrap();
    assert!(low.false_positives >= high.false_positives);
    assert!(low.mean_latency_ms.unwrap() < high.mean_latency_ms.unwrap());
}
