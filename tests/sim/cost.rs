//! The price of heartbeats: messages per second grow with N (central), kN (random peers) and
//! N(N−1) (all-to-all).

use crate::common::*;
use faultlab::sim::{Topology, World};

fn measured_rate(topology: Topology, nodes: u32) -> (f64, f64) {
    let mut c = config(topology, nodes, 1000, 4000, 3);
    c.requests_per_sec = 0;
    let expected = c.expected_messages_per_sec();
    let mut w = World::new(c).unwrap();
    w.advance(120_000);
    (w.metrics().messages_per_sec(w.now()), expected)
}

#[test]
fn messages_per_second_match_the_formulas_within_a_few_percent() {
    let n = 20.0;
    for (topology, formula) in [
        (Topology::CentralPush, n),
        // A check and its answer, every interval plus the 2 × 100 ms round trip.
        (Topology::CentralPull, 2.0 * n / 1.2),
        (Topology::RandomK { k: 3 }, 3.0 * n),
        (Topology::AllToAll, n * (n - 1.0)),
    ] {
        let (measured, expected) = measured_rate(topology, 20);
        assert!(
            (expected - formula).abs() < 1e-9,
            "{topology:?}: expected_messages_per_sec"
        );
        let error = (measured - expected).abs() / expected;
        assert!(
            error < 0.03,
            "{topology:?}: measured {measured:.1}/s, expected {expected:.1}/s"
        );
    }
}

#[test]
fn gossip_messages_grow_with_the_table_they_carry() {
    let mut small = config(Topology::RandomK { k: 3 }, 10, 1000, 4000, 1);
    small.requests_per_sec = 0;
    let mut big = small.clone();
    big.nodes = 100;
    let mut a = World::new(small).unwrap();
    let mut b = World::new(big).unwrap();
    a.advance(30_000);
    b.advance(30_000);
    let per_msg_a = a.metrics().bytes_sent as f64 / a.metrics().messages_sent as f64;
    let per_msg_b = b.metrics().bytes_sent as f64 / b.metrics().messages_sent as f64;
    assert!(
        per_msg_b > 8.0 * per_msg_a,
        "{per_msg_a} vs {per_msg_b} bytes per message"
    );
}
