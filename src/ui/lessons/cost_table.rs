//! Lesson 4's table: what each way of heartbeating costs at 10, 100 and 1,000 nodes.

use yew::prelude::*;

use crate::sim::{Config, Topology};

/// Messages and bytes per second of each topology at 10, 100 and 1,000 nodes (heartbeat every
/// second), from the simulation's own cost model.
pub fn cost_table() -> Html {
    let sizes = [10u32, 100, 1000];
    let topologies = [
        ("central monitor, push", Topology::CentralPush),
        ("central monitor, pull", Topology::CentralPull),
        ("random peers, k = 3", Topology::RandomK { k: 3 }),
        ("all-to-all", Topology::AllToAll),
    ];
    let row = |(name, topology): (&str, Topology)| {
        let cells = sizes.iter().map(|&n| {
            let c = Config { nodes: n, topology, interval_ms: 1000, ..Config::default() };
            let msgs = c.expected_messages_per_sec();
            let per_msg = crate::sim::message::size::HEADER
                + match topology {
                    Topology::RandomK { .. } => crate::sim::message::size::GOSSIP_ENTRY * n as u64,
                    Topology::CentralPull => (crate::sim::message::size::HEARTBEAT + crate::sim::message::size::PING) / 2,
                    _ => crate::sim::message::size::HEARTBEAT,
                };
            html! { <td class="mono">{ format!("{msgs:.0}/s · {}", human_bytes(msgs * per_msg as f64)) }</td> }
        });
        html! { <tr><th scope="row">{ name }</th>{ for cells }</tr> }
    };
    html! {
        <div class="table-scroll">
            <table class="cost-table">
                <caption>{ "Heartbeat messages and bytes per second, one heartbeat per second" }</caption>
                <thead><tr><th scope="col">{ "topology" }</th>{ for sizes.iter().map(|n| html! { <th scope="col">{ format!("N = {n}") }</th> }) }</tr></thead>
                <tbody>{ for topologies.into_iter().map(row) }</tbody>
            </table>
        </div>
    }
}

fn human_bytes(b: f64) -> String {
    if b >= 1e9 {
        format!("{:.1} GB/s", b / 1e9)
    } else if b >= 1e6 {
        format!("{:.1} MB/s", b / 1e6)
    } else if b >= 1e3 {
        format!("{:.1} kB/s", b / 1e3)
    } else {
        format!("{b:.0} B/s")
    }
}
