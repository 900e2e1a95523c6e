use faultlab::sim::*;
#[test]
fn dbg() {
    let mut c = Config::default();
    c.topology = Topology::CentralPull;
    let mut w = World::new(c).unwrap();
    w.advance(3000);
    w.apply(Command::Slow {
        node: NodeId(2),
        percent: 1000,
    })
    .unwrap();
    let t = std::time::Instant::now();
    for s in [10, 30, 60, 120, 600] {
        w.run_until(SimTime(s * 1000));
        println!(
            "{s} s: {} events, {} in flight, {:?}",
            w.events_processed(),
            w.in_flight_count(),
            t.elapsed()
        );
    }
}
