//! Simulation speed: `cargo bench --bench sim` prints events per second of the heartbeat world.
//! The headline run is the issue's: 1,000 nodes gossiping to k = 3 random peers for 10 minutes of
//! virtual time. Timing only prints figures; it never fails.

use std::time::Instant;

use faultlab::scenario::replay::{JournalOptions, start, start_with_journal};
use faultlab::scenario::{HeartbeatsScenario, Scenario, TimedCommand};
use faultlab::sim::{Command, Config, MONITOR, NodeId, PRESETS, Topology, World};

struct Run {
    label: &'static str,
    config: Config,
    virtual_ms: u64,
}

fn config(nodes: u32, topology: Topology, suspect_ms: u64, timeout_ms: u64) -> Config {
    let mut c = Config {
        nodes,
        topology,
        interval_ms: 1000,
        send_jitter_ms: 100,
        ..Config::default()
    };
    c.detection.fixed.suspect_after_ms = suspect_ms;
    c.detection.fixed.timeout_ms = timeout_ms;
    c.work_items = nodes * 2;
    c
}

fn swim(members: u32) -> Config {
    let mut c = Config {
        nodes: members,
        work_items: members * 2,
        ..Config::default()
    };
    c.switch_topology(Topology::Swim(faultlab::sim::swim::SwimSettings::LAN));
    c
}

fn main() {
    let runs = [
        // Gossip news of a node takes a few rounds to reach everyone, so 1,000 gossiping nodes need
        // longer timeouts than a central monitor: 6 s / 12 s gives no false positive here.
        Run {
            label: "1000 nodes, random-k = 3, 6 s/12 s",
            config: config(1000, Topology::RandomK { k: 3 }, 6000, 12000),
            virtual_ms: 600_000,
        },
        Run {
            label: "1000 nodes, random-k = 3, 3 s/5 s",
            config: config(1000, Topology::RandomK { k: 3 }, 3000, 5000),
            virtual_ms: 600_000,
        },
        Run {
            label: "1000 nodes, central push, 3 s/5 s",
            config: config(1000, Topology::CentralPush, 3000, 5000),
            virtual_ms: 600_000,
        },
        Run {
            label: "50 nodes, all-to-all, 3 s/5 s",
            config: config(50, Topology::AllToAll, 3000, 5000),
            virtual_ms: 600_000,
        },
        Run {
            label: "1000 members, SWIM (memberlist LAN)",
            config: swim(1000),
            virtual_ms: 600_000,
        },
    ];
    println!(
        "{:<36} {:>11} {:>9} {:>14} {:>16} {:>10} {:>11} {:>10}",
        "run", "events", "wall s", "events/s", "arrivals/s", "virtual×", "false susp", "false pos"
    );
    let fp = |w: &World, swim: bool| {
        let m = w.metrics();
        let d = if swim { &m.swim } else { &m.fixed };
        (d.false_suspicions, d.false_positives)
    };
    for run in runs {
        let mut world = World::new(run.config).expect("valid config");
        world.set_trace_capacity(0);
        let start = Instant::now();
        // A crash and a restart midway, so detectors and recovery do real work too.
        world.advance(run.virtual_ms / 3);
        world.apply(Command::Crash { node: NodeId(7) }).unwrap();
        world.advance(run.virtual_ms / 3);
        world.apply(Command::Restart { node: NodeId(7) }).unwrap();
        world.run_until(faultlab::sim::SimTime(run.virtual_ms));
        let secs = start.elapsed().as_secs_f64();
        let events = world.events_processed();
        println!(
            "{:<36} {:>11} {:>9.3} {:>14.0} {:>16.0} {:>10.0} {:>11} {:>10}",
            run.label,
            events,
            secs,
            events as f64 / secs,
            world.arrivals() as f64 / secs,
            run.virtual_ms as f64 / 1000.0 / secs,
            fp(&world, matches!(world.config().topology, Topology::Swim(_))).0,
            fp(&world, matches!(world.config().topology, Topology::Swim(_))).1,
        );
        std::hint::black_box(world.trace().fingerprint());
    }
    println!(
        "All runs: 10 min of virtual time, heartbeat every 1 s, a crash and a restart on the way."
    );
    println!("events = queue events (heartbeat timers, deliveries, detector checks, requests);");
    println!(
        "arrivals = heartbeat news merged into some node's view (a gossip message carries the whole table)."
    );
    opening_a_link();
}

/// How long opening the costliest link the page accepts takes: the replay alone, and with the
/// journal (log and timeline) following it, as the page does.
fn opening_a_link() {
    let mut config = Config {
        nodes: 1000,
        ..Config::default()
    };
    PRESETS
        .iter()
        .find(|p| p.id == "etcd")
        .expect("the etcd preset")
        .apply(&mut config);
    let scenario = HeartbeatsScenario {
        config,
        schedule: vec![TimedCommand {
            at_ms: 60_000,
            command: Command::Crash { node: NodeId(7) },
        }],
        start_at_ms: 480_000,
        show_truth: true,
        observer: 0,
    };
    let accepted = Scenario::Heartbeats(scenario.clone()).validate().is_ok();
    let started = Instant::now();
    let (plain, _) = start(&scenario).expect("valid scenario");
    let replay_s = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let (watched, _, journal) = start_with_journal(
        &scenario,
        JournalOptions {
            observer: MONITOR,
            window_ms: 60_000,
            log_cap: 400,
            trace_capacity: 60_000,
        },
    )
    .expect("valid scenario");
    let journal_s = started.elapsed().as_secs_f64();
    assert_eq!(plain.trace().fingerprint(), watched.trace().fingerprint());
    println!();
    println!(
        "Opening a link: 1,000 nodes, etcd preset (100 ms / 1 s), 8 min of virtual time (accepted: {accepted})"
    );
    println!(
        "  replay alone {replay_s:.3} s; replay with the journal (what the page does) {journal_s:.3} s; {} log lines",
        journal.log().count()
    );
}
