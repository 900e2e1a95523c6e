//! Lesson 4's table: what each way of heartbeating (and SWIM) costs at 10, 100 and 1,000 nodes.

use yew::prelude::*;

use crate::sim::message::size;
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
        (
            "SWIM (memberlist LAN)",
            Topology::Swim(crate::sim::swim::SwimSettings::LAN),
        ),
    ];
    let row = |(name, topology): (&str, Topology)| {
        let cells = sizes.iter().map(|&n| {
            let c = Config {
                nodes: n,
                topology,
                interval_ms: 1000,
                ..Config::default()
            };
            let msgs = c.expected_messages_per_sec();
            let bytes = match topology {
                // Pings and acks, and now and then a whole view (one entry per member).
                Topology::Swim(swim) => {
                    let syncs = 2.0 * f64::from(n) * 1000.0 / swim.push_pull_ms(n) as f64;
                    let small = (size::HEADER + size::SWIM) as f64;
                    (msgs - syncs) * small
                        + syncs * (small + (size::SWIM_NEWS * u64::from(n)) as f64)
                }
                _ => {
                    let per_msg = size::HEADER
                        + match topology {
                            Topology::RandomK { .. } => size::GOSSIP_ENTRY * n as u64,
                            Topology::CentralPull => (size::HEARTBEAT + size::PING) / 2,
                            _ => size::HEARTBEAT,
                        };
                    msgs * per_msg as f64
                }
            };
            html! { <td class="mono">{ format!("{msgs:.0}/s · {}", human_bytes(bytes)) }</td> }
        });
        html! { <tr><th scope="row">{ name }</th>{ for cells }</tr> }
    };
    html! {
        <div class="table-scroll">
            <table class="cost-table">
                <caption>{ "Messages and bytes per second, one heartbeat (or one SWIM probe) per node per second. SWIM's load per member stays about 2 messages a second however large the cluster." }</caption>
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
