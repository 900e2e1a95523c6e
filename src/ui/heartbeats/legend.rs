//! The cluster drawing's key: every mark the drawing can show in the current view, each drawn
//! with the same shapes and classes as in the drawing. Each entry carries `data-legend`, the name
//! of the mark it explains.

use yew::prelude::*;

use crate::sim::Topology;

/// Properties of the legend: plain values, so it redraws only when what it lists changes.
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// Whether the ground truth is shown (its marks are listed only then).
    pub show_truth: bool,
    /// Who sends what to whom (decides the kinds of message, the monitor and the observer).
    pub topology: Topology,
    /// Whether the cluster is drawn on the canvas (more than 60 nodes), where notable nodes get
    /// a halo.
    #[prop_or_default]
    pub large: bool,
    /// Whether the partition tool is open (its sides show even with the truth hidden).
    #[prop_or_default]
    pub partition_tool: bool,
}

/// A small drawing for one entry, in the cluster's own classes.
fn key_svg(mark: Html) -> Html {
    html! {
        <svg class="mark-key" viewBox="-12 -12 24 24" width="22" height="22" aria-hidden="true" focusable="false">{ mark }</svg>
    }
}

/// A node of the given belief class, as the drawing shows it.
fn node(belief: &'static str, extra: Option<&'static str>) -> Html {
    html! {
        <g class={classes!("node", belief, extra)}>
            <circle class="node-select" r="10.5" />
            <circle class="node-ring" r="8.5" />
            <circle class="node-body" r="6" />
            if belief == "belief-dead" {
                <line class="dead-strike" x1="-4.5" y1="4.5" x2="4.5" y2="-4.5" />
            }
        </g>
    }
}

/// One entry.
fn entry(key: &'static str, mark: Html, text: &'static str) -> Html {
    html! {
        <li data-legend={key}>{ key_svg(mark) }<span>{ text }</span></li>
    }
}

/// The legend of the cluster drawing.
#[function_component(ClusterLegend)]
pub fn cluster_legend(p: &LegendProps) -> Html {
    let central = p.topology.is_central();
    let messages = match p.topology {
        Topology::CentralPush | Topology::AllToAll => {
            vec![("heartbeat", "msg-heartbeat", "a heartbeat on its way")]
        }
        Topology::CentralPull => vec![
            ("ping", "msg-ping", "the monitor's check on its way"),
            (
                "heartbeat",
                "msg-heartbeat",
                "a node's answer (its heartbeat)",
            ),
        ],
        Topology::RandomK { .. } => vec![(
            "gossip",
            "msg-gossip",
            "a gossiped heartbeat table on its way",
        )],
    };
    let arrived_class = messages.first().map_or("msg-heartbeat", |m| m.1);
    let partition = p.show_truth || p.partition_tool;
    let truth_mark = |key: &'static str, class: &'static str, mark: &'static str, text| {
        entry(
            key,
            html! { <text class={classes!("truth-mark", class)} x="0" y="5" text-anchor="middle">{ mark }</text> },
            text,
        )
    };
    html! {
        <ul class="legend cluster-legend" aria-label="Legend of the cluster drawing">
            { entry("alive", node("belief-alive", None), "alive (what the observer believes)") }
            { entry("suspected", node("belief-suspected", None), "suspected: silent for a while") }
            { entry("dead", node("belief-dead", None), "declared dead: silent past the timeout") }
            if p.large {
                { entry("halo", html! {
                    <>
                        <circle class="halo" r="10" />
                        { node("belief-suspected", None) }
                    </>
                }, "drawn larger, with a halo: suspected, dead, or (truth) faulty") }
            }
            { entry("selected", node("belief-alive", Some("selected")), "selected: the buttons act on it") }
            if !central {
                { entry("observer", node("belief-alive", Some("observer")), "thick outline: the node whose view is shown") }
            }
            if central {
                { entry("monitor", html! { <g class="monitor"><rect x="-11" y="-7" width="22" height="14" rx="3" /></g> }, "the monitor") }
            }
            { for messages.iter().map(|&(key, class, text)| entry(key, html! {
                <circle class={classes!("msg", class)} r="4" />
            }, text)) }
            { entry("arrived", html! {
                <g class={classes!("msg-arrived", arrived_class)}>
                    <circle class="flash" r="8" />
                    <circle class="msg" r="4" />
                </g>
            }, "just arrived: it stays a moment, fading") }
            if p.show_truth {
                { entry("dropped", html! { <text class="msg-dropped" x="0" y="5" text-anchor="middle">{ "✕" }</text> },
                    "a message lost on the way (truth)") }
            }
            { entry("leader", html! { <text class="leader-mark" x="0" y="6" text-anchor="middle">{ "★" }</text> },
                "leader, in the view shown") }
            if partition {
                { entry("side-a", node("belief-alive", Some("side-a")), "side A of a partition: with the monitor and the clients") }
                { entry("side-b", node("belief-alive", Some("side-b")), "side B: cut off from side A") }
            }
            if p.show_truth {
                { truth_mark("truth-crashed", "truth-crashed", "✕", "truth: crashed") }
                { truth_mark("truth-paused", "truth-slow", "‖", "paused") }
                { truth_mark("truth-slow", "truth-slow", "≈", "slow") }
                { truth_mark("truth-overloaded", "truth-overloaded", "!", "overloaded") }
                { truth_mark("truth-cut", "truth-partitioned", "⌁", "cut off") }
            }
        </ul>
    }
}
