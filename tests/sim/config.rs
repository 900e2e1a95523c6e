//! Bad settings come back as an error naming the field; presets are valid and say where they come from.

use faultlab::sim::{
    Command, CommandError, Config, DetectorChoice, Field, MAX_NODES, NodeId, PRESETS, Topology,
    World,
};

fn field_of(c: &Config) -> Field {
    c.validate().expect_err("should be rejected").field
}

#[test]
fn out_of_range_and_inconsistent_values_name_their_field() {
    let ok = Config::default();
    assert!(ok.validate().is_ok());

    assert_eq!(
        field_of(&Config {
            nodes: 0,
            ..ok.clone()
        }),
        Field::Nodes
    );
    assert_eq!(
        field_of(&Config {
            nodes: MAX_NODES + 1,
            ..ok.clone()
        }),
        Field::Nodes
    );
    assert_eq!(
        field_of(&Config {
            interval_ms: 0,
            ..ok.clone()
        }),
        Field::Interval
    );
    assert_eq!(
        field_of(&Config {
            send_jitter_ms: ok.interval_ms,
            ..ok.clone()
        }),
        Field::SendJitter
    );
    assert_eq!(
        field_of(&Config {
            topology: Topology::RandomK { k: 5 },
            nodes: 5,
            ..ok.clone()
        }),
        Field::K
    );
    assert_eq!(
        field_of(&Config {
            topology: Topology::RandomK { k: 0 },
            ..ok.clone()
        }),
        Field::K
    );

    let mut c = ok.clone();
    c.detection.fixed.timeout_ms = c.interval_ms - 1;
    let e = c.validate().unwrap_err();
    assert_eq!(e.field, Field::Timeout);
    assert!(
        e.message.contains("longer than the heartbeat interval"),
        "{}",
        e.message
    );

    let mut c = ok.clone();
    c.detection.fixed.suspect_after_ms = c.detection.fixed.timeout_ms + 1;
    assert_eq!(field_of(&c), Field::SuspectAfter);

    let mut c = ok.clone();
    c.network.loss = 1.5;
    assert_eq!(field_of(&c), Field::Loss);
    c.network.loss = f64::NAN;
    assert_eq!(field_of(&c), Field::Loss);

    let mut c = ok.clone();
    c.detection.phi.suspect_phi = 9.0;
    assert_eq!(field_of(&c), Field::PhiSuspect);

    let mut c = ok.clone();
    c.detection.phi.dead_phi = f64::INFINITY;
    assert_eq!(field_of(&c), Field::PhiDead);
}

#[test]
fn phi_windows_that_would_not_fit_in_a_browser_are_refused() {
    let mut c = Config {
        nodes: 1000,
        topology: Topology::RandomK { k: 3 },
        ..Config::default()
    };
    c.detection.choice = DetectorChoice::Phi;
    c.detection.phi.window = 100;
    let e = c.validate().unwrap_err();
    assert_eq!(e.field, Field::PhiWindow);
    assert!(e.message.contains("at most 8"), "{}", e.message);
    c.detection.phi.window = 8;
    assert!(c.validate().is_ok());
}

#[test]
fn world_new_returns_the_error_instead_of_panicking() {
    let e = World::new(Config {
        nodes: 0,
        ..Config::default()
    })
    .unwrap_err();
    assert_eq!(e.field, Field::Nodes);
}

#[test]
fn every_preset_is_valid_and_cites_its_source() {
    for p in PRESETS {
        let mut c = Config::default();
        p.apply(&mut c);
        c.validate().unwrap_or_else(|e| panic!("{}: {e}", p.name));
        assert!(
            p.source.len() > 60,
            "{}: say where the numbers come from",
            p.name
        );
        World::new(c).unwrap();
    }
    let hdfs = faultlab::sim::Preset::by_id("hdfs").unwrap();
    assert_eq!(hdfs.fixed.timeout_ms, 630_000);
    let k8s = faultlab::sim::Preset::by_id("kubernetes").unwrap();
    assert_eq!((k8s.interval_ms, k8s.fixed.timeout_ms), (10_000, 40_000));
}

#[test]
fn live_settings_change_during_a_run_and_structural_ones_need_a_reset() {
    let mut w = World::new(Config::default()).unwrap();
    w.advance(4_000);
    let mut c = w.config().clone();
    c.detection.fixed.timeout_ms = 9_000;
    w.apply(Command::Configure(c.clone())).unwrap();
    assert_eq!(w.config().detection.fixed.timeout_ms, 9_000);

    let mut bad = c.clone();
    bad.detection.fixed.timeout_ms = 100;
    assert!(
        matches!(w.apply(Command::Configure(bad)), Err(CommandError::Config(e)) if e.field == Field::Timeout)
    );
    assert_eq!(
        w.config().detection.fixed.timeout_ms,
        9_000,
        "the old value stays in force"
    );

    let mut more = c.clone();
    more.nodes = 9;
    assert_eq!(
        w.apply(Command::Configure(more)),
        Err(CommandError::NeedsReset(Field::Nodes))
    );
    // A new run names the setting the learner changed.
    let mut gossip = c.clone();
    gossip.topology = faultlab::sim::Topology::RandomK { k: 2 };
    assert_eq!(
        w.apply(Command::Configure(gossip)),
        Err(CommandError::NeedsReset(Field::Topology))
    );
    let mut phi = c.clone();
    phi.detection.choice = faultlab::sim::DetectorChoice::Phi;
    assert_eq!(
        w.apply(Command::Configure(phi)),
        Err(CommandError::NeedsReset(Field::Detector))
    );
    assert_eq!(Field::Detector.label(), "failure detector");
    assert!(matches!(
        w.apply(Command::Crash { node: NodeId(0) }),
        Err(CommandError::Monitor)
    ));
}

#[test]
fn gossip_tables_that_would_fill_memory_on_the_wire_are_refused() {
    // 1,000 nodes gossiping every second: each round puts one 8 KB table per node on the wire.
    let mut c = Config {
        nodes: 1000,
        topology: Topology::RandomK { k: 3 },
        interval_ms: 1000,
        ..Config::default()
    };
    c.detection.fixed.suspect_after_ms = 60_000;
    c.detection.fixed.timeout_ms = 120_000;
    c.network.latency_ms = 20_000;
    c.network.jitter_ms = 0;
    assert!(c.validate().is_ok(), "20 s of latency: about 160 MB");
    c.network.latency_ms = 60_000;
    let e = c.validate().unwrap_err();
    assert_eq!(e.field, Field::Latency);
    assert!(e.message.contains("MB of gossiped tables"), "{}", e.message);
    // The same latency is fine for a central monitor: its heartbeats are small.
    c.topology = Topology::CentralPush;
    assert!(c.validate().is_ok());
}

#[test]
fn switching_to_random_peers_spans_gossip_rounds_and_back_restores_the_course_example() {
    let mut c = faultlab::sim::Config::default();
    c.switch_topology(faultlab::sim::Topology::RandomK { k: 3 });
    assert_eq!(Some(c.detection.fixed), c.gossip_thresholds());
    c.switch_topology(faultlab::sim::Topology::CentralPull);
    assert_eq!(
        c.detection.fixed,
        faultlab::sim::Config::default().detection.fixed
    );
    // Thresholds the learner chose are theirs: leaving random peers keeps them.
    c.switch_topology(faultlab::sim::Topology::AllToAll);
    c.detection.fixed.timeout_ms = 9_000;
    c.switch_topology(faultlab::sim::Topology::RandomK { k: 2 });
    c.detection.fixed.timeout_ms = 30_000;
    c.switch_topology(faultlab::sim::Topology::CentralPush);
    assert_eq!(c.detection.fixed.timeout_ms, 30_000);
}
