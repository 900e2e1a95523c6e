//! The trade-off explorer's points are plain core runs, and over a range of timeouts latency rises
//! while false positives fall.

use faultlab::scenario::explorer::{
    Knob, PointRun, config_for, default_values, restart_after_ms, run_point, to_csv, workload,
};
use faultlab::scenario::{HeartbeatsScenario, Replayer};
use faultlab::sim::{Command, Config, DetectorKind, Link, SimTime, Topology, World};

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

/// Every crash of the workload is declared dead before its node restarts, at every point of the
/// default range, by every observer: the top of the range stays well below the restart delay, so
/// the curve does not turn back and no latency is cut short.
#[test]
fn every_crash_is_detected_at_every_point_of_the_default_range() {
    let mut slow = base();
    slow.network = Link {
        latency_ms: 3_000,
        jitter_ms: 500,
        loss: 0.0,
    };
    let mut gossip = base();
    gossip.nodes = 12;
    gossip.topology = Topology::RandomK { k: 3 };
    let small = Config {
        nodes: 3,
        ..Config::default()
    };
    for (label, config) in [
        ("base", base()),
        ("slow network", slow),
        ("gossip", gossip),
        ("3 nodes", small),
    ] {
        let virtual_ms = 300_000;
        let faults = workload(&config, virtual_ms, 3);
        let crashes = faults
            .iter()
            .filter(|f| matches!(f.command, Command::Crash { .. }))
            .count() as u64;
        assert!(crashes > 0, "{label}");
        let observers = if config.topology.is_central() {
            1
        } else {
            config.nodes as u64 - 1
        };
        for knob in [Knob::Timeout, Knob::PhiThreshold] {
            let values = default_values(&config, knob, 8);
            if knob == Knob::Timeout {
                let top = values.last().copied().unwrap();
                let latest_declaration =
                    top + (config.network.max_delay_ms() + config.interval_ms) as f64;
                assert!(
                    latest_declaration < restart_after_ms(&config) as f64,
                    "{label}: the top timeout {top} ms is well below the restart delay"
                );
            }
            let mut latency = 0.0;
            for v in values {
                let p = run_point(&config, knob, v, &faults, virtual_ms).unwrap();
                assert_eq!(
                    p.detections,
                    crashes * observers,
                    "{label}: {} detects every crash",
                    knob.format(v)
                );
                let mean = p.mean_latency_ms.unwrap();
                if knob == Knob::Timeout {
                    assert!(
                        mean + 1.0 >= latency,
                        "{label}: latency grows with the timeout"
                    );
                    if config.topology.is_central() {
                        // Declared one timeout after the last heartbeat arrived, at most.
                        assert!(mean <= v + config.network.max_delay_ms() as f64, "{label}");
                    }
                }
                latency = mean;
            }
        }
    }
}

#[test]
fn a_point_run_in_slices_is_the_same_as_one_run() {
    let base = base();
    let faults = workload(&base, 300_000, 11);
    for knob in [Knob::Timeout, Knob::PhiThreshold] {
        let value = if knob == Knob::Timeout { 3_000.0 } else { 6.0 };
        let whole = run_point(&base, knob, value, &faults, 300_000).unwrap();
        for slice in [1, 777, 1_000, 45_000] {
            let mut run = PointRun::new(&base, knob, value, &faults, 300_000).unwrap();
            let mut slices = 0;
            while !run.advance(slice) {
                slices += 1;
                assert!(run.progress() < 1.0);
            }
            assert!(run.done() && run.progress() == 1.0);
            assert!(slices >= 300_000 / slice as usize - 1, "it ran in slices");
            assert_eq!(run.point(), whole, "slices of {slice} ms");
        }
    }
}

/// SWIM's knobs: a longer suspicion multiplier makes a crash take longer to declare and leaves the
/// paused members more time to refute; every crash is still declared before its node restarts,
/// at every point of the default range.
#[test]
fn swim_suspicion_multiplier_trades_latency_for_false_positives() {
    let mut base = base();
    base.nodes = 10;
    base.switch_topology(Topology::Swim(
        faultlab::sim::swim::SwimSettings::WITHOUT_LIFEGUARD,
    ));
    assert_eq!(
        Knob::for_topology(base.topology),
        [Knob::ProbeTimeout, Knob::SuspicionMult]
    );
    let minutes = 20 * 60_000;
    let faults = workload(&base, minutes, 3);
    let crashes = faults
        .iter()
        .filter(|c| matches!(c.command, Command::Crash { .. }))
        .count() as u64;
    let values = default_values(&base, Knob::SuspicionMult, 40);
    assert_eq!(values, (1..=8).map(f64::from).collect::<Vec<_>>());
    let points: Vec<_> = values
        .iter()
        .map(|&v| run_point(&base, Knob::SuspicionMult, v, &faults, minutes).unwrap())
        .collect();
    let (first, last) = (points.first().unwrap(), points.last().unwrap());
    assert!(first.mean_latency_ms.unwrap() < last.mean_latency_ms.unwrap());
    assert!(
        first.false_positives > last.false_positives,
        "{} vs {}",
        first.false_positives,
        last.false_positives
    );
    for p in &points {
        // Every live member declares every crash: nine declarations each.
        assert_eq!(
            p.detections,
            crashes * 9,
            "{}",
            Knob::SuspicionMult.format(p.value)
        );
    }
    // With Lifeguard too: its longest suspicion at the top of the range still ends before the
    // crashed member restarts.
    let mut lifeguard = base.clone();
    lifeguard.switch_topology(Topology::Swim(faultlab::sim::swim::SwimSettings::LAN));
    let top = run_point(&lifeguard, Knob::SuspicionMult, 8.0, &faults, minutes).unwrap();
    assert_eq!(top.detections, crashes * 9);
}

#[test]
fn swim_probe_timeouts_stay_inside_the_protocol_period() {
    let mut base = base();
    base.switch_topology(Topology::Swim(faultlab::sim::swim::SwimSettings::LAN));
    let values = default_values(&base, Knob::ProbeTimeout, 5);
    assert_eq!(values.first().copied(), Some(100.0));
    assert_eq!(values.last().copied(), Some(900.0));
    for v in values {
        config_for(&base, Knob::ProbeTimeout, v).validate().unwrap();
    }
    let faults = workload(&base, 300_000, 3);
    let point = run_point(&base, Knob::ProbeTimeout, 300.0, &faults, 300_000).unwrap();
    assert!(point.detections > 0);
}
