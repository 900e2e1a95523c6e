//! The timeout trade-off, measured: a shorter timeout detects crashes faster and raises more false
//! alarms than a longer one, over the same seeds, jitter and slow nodes.

use crate::common::*;
use faultlab::sim::{Command, Link, NodeId, Topology, World};

struct Outcome {
    mean_latency_ms: f64,
    false_positives: u64,
}

fn measure(timeout_ms: u64) -> Outcome {
    let (mut latency_sum, mut detections, mut false_positives) = (0u64, 0u64, 0u64);
    for seed in 0..12 {
        let mut c = config(Topology::CentralPush, 10, 1000, timeout_ms, seed);
        c.send_jitter_ms = 300;
        c.network = Link {
            latency_ms: 60,
            jitter_ms: 50,
            loss: 0.02,
        };
        let mut w = World::new(c).unwrap();
        let mut picker = Picker::new(seed + 100);
        for round in 0..6u64 {
            let start = 10_000 + round * 40_000;
            run_to(&mut w, start);
            // A few slow nodes: pauses of 1.5–6 s, like garbage-collection pauses.
            for _ in 0..3 {
                let node = NodeId(picker.between(1, 10) as u32);
                if !w.truth(node).crashed {
                    apply(
                        &mut w,
                        Command::Pause {
                            node,
                            ms: picker.between(1_500, 6_000),
                        },
                    );
                }
            }
            // One real crash per round, restarted 25 s later.
            let victim = NodeId(picker.between(1, 10) as u32);
            run_to(&mut w, start + picker.between(0, 5_000));
            if !w.truth(victim).crashed {
                apply(&mut w, Command::Crash { node: victim });
            }
            run_to(&mut w, start + 30_000);
            if w.truth(victim).crashed {
                apply(&mut w, Command::Restart { node: victim });
            }
        }
        run_to(&mut w, 260_000);
        let m = &w.metrics().fixed;
        latency_sum += m.latency_sum_ms;
        detections += m.detections;
        false_positives += m.false_positives;
    }
    Outcome {
        mean_latency_ms: latency_sum as f64 / detections.max(1) as f64,
        false_positives,
    }
}

#[test]
fn a_shorter_timeout_detects_faster_and_raises_more_false_alarms() {
    let short = measure(2_500);
    let long = measure(7_000);
    assert!(
        short.mean_latency_ms < long.mean_latency_ms,
        "mean detection latency: short {:.0} ms, long {:.0} ms",
        short.mean_latency_ms,
        long.mean_latency_ms
    );
    assert!(
        short.false_positives > long.false_positives,
        "false positives: short {}, long {}",
        short.false_positives,
        long.false_positives
    );
    // The long timeout still catches every crash, only later.
    assert!(long.mean_latency_ms > 5_000.0 && short.mean_latency_ms < 3_000.0);
}
