//! The cluster drawing's key: every mark the drawing can show in the current view, each drawn
//! with the same shapes and classes as in the drawing. Each entry carries `data-legend`, the name
//! of the mark it explains.

use yew::prelude::*;

use crate::sim::{MessageKind, Topology};
use crate::ui::heartbeats::cluster::svg_message;

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
    /// Whether a link is broken one way (drawn with the truth).
    #[prop_or_default]
    pub cut_links: bool,
}

/// What the legend needs to know of the run: its topology, whether it is drawn on the canvas, and
/// whether a link is broken one way.
pub fn legend_facts(world: &crate::sim::World) -> (Topology, bool, bool) {
    (
        world.config().topology,
        world.config().nodes > super::cluster::SVG_MAX_NODES,
        world.network().cuts().next().is_some(),
    )
}

/// What an entry's small drawing shows, in the cluster's own classes.
#[derive(Clone, Copy)]
enum Swatch {
    /// A node of a belief class, with an extra class (selected, observer, a partition side).
    Node(&'static str, Option<&'static str>),
    /// A suspected node with the canvas's halo.
    Halo,
    /// The monitor's box.
    Monitor,
    /// A message of a kind on its way (with news riding on it).
    Message(MessageKind, bool),
    /// A message of a kind just arrived.
    Arrived(MessageKind),
    /// A character mark in a class (lost message, leader, the truth's marks).
    Mark(&'static str, &'static str),
    /// A link broken one way.
    CutLink,
}

/// The small drawing of a swatch.
fn swatch(s: Swatch) -> Html {
    let mark = match s {
        Swatch::Node(belief, extra) => html! {
            <g class={classes!("node", belief, extra)}>
                <circle class="node-select" r="10.5" />
                <circle class="node-ring" r="8.5" />
                <circle class="node-body" r="6" />
                if belief == "belief-dead" {
                    <line class="dead-strike" x1="-4.5" y1="4.5" x2="4.5" y2="-4.5" />
                }
            </g>
        },
        Swatch::Halo => html! {
            <>
                <circle class="halo" r="10" />
                { swatch_inner(Swatch::Node("belief-suspected", None)) }
            </>
        },
        Swatch::Monitor => html! {
            <g class="monitor"><rect x="-11" y="-7" width="22" height="14" rx="3" /></g>
        },
        Swatch::Message(kind, news) => html! {
            <g class={kind.class()}>{ svg_message(kind, 0.0, 0.0, 4.0, news) }</g>
        },
        Swatch::Arrived(kind) => html! {
            <g class={classes!("msg-arrived", kind.class())}>
                <circle class="flash" r="8" />
                { svg_message(kind, 0.0, 0.0, 4.0, false) }
            </g>
        },
        Swatch::CutLink => html! {
            <g class="cut-link">
                <line x1="-11" y1="0" x2="5" y2="0" />
                <text x="7" y="4" text-anchor="middle" font-size="10">{ "✕" }</text>
            </g>
        },
        Swatch::Mark(class, text) => html! {
            <text class={class} x="0" y="5" text-anchor="middle">{ text }</text>
        },
    };
    html! {
        <svg class="mark-key" viewBox="-12 -12 24 24" width="22" height="22" aria-hidden="true" focusable="false">{ mark }</svg>
    }
}

/// A node swatch's marks without their own `<svg>` (for the halo, drawn around one).
fn swatch_inner(s: Swatch) -> Html {
    match s {
        Swatch::Node(belief, extra) => html! {
            <g class={classes!("node", belief, extra)}><circle class="node-body" r="6" /></g>
        },
        _ => Html::default(),
    }
}

/// The legend of the cluster drawing.
#[function_component(ClusterLegend)]
pub fn cluster_legend(p: &LegendProps) -> Html {
    let central = p.topology.is_central();
    let partition = p.show_truth || p.partition_tool;
    let swim = matches!(p.topology, Topology::Swim(_));
    let mut entries: Vec<(&'static str, Swatch, &'static str)> = vec![
        (
            "alive",
            Swatch::Node("belief-alive", None),
            "alive (what the observer believes)",
        ),
        (
            "suspected",
            Swatch::Node("belief-suspected", None),
            if swim {
                "suspected: no ack, not even through others"
            } else {
                "suspected: silent for a while"
            },
        ),
        (
            "dead",
            Swatch::Node("belief-dead", None),
            if swim {
                "declared dead: the suspicion was not refuted in time"
            } else {
                "declared dead: silent past the timeout"
            },
        ),
    ];
    if p.large {
        entries.push((
            "halo",
            Swatch::Halo,
            "drawn larger, with a halo: suspected, dead, or (truth) faulty",
        ));
    }
    entries.push((
        "selected",
        Swatch::Node("belief-alive", Some("selected")),
        "selected: the buttons act on it",
    ));
    if central {
        entries.push(("monitor", Swatch::Monitor, "the monitor"));
    } else {
        entries.push((
            "observer",
            Swatch::Node("belief-alive", Some("observer")),
            "thick outline: the node whose view is shown",
        ));
    }
    let (first_kind, messages): (MessageKind, &[(&'static str, MessageKind, &'static str)]) =
        match p.topology {
            Topology::CentralPush | Topology::AllToAll => (
                MessageKind::Heartbeat,
                &[(
                    "heartbeat",
                    MessageKind::Heartbeat,
                    "a heartbeat on its way",
                )],
            ),
            Topology::CentralPull => (
                MessageKind::Ping,
                &[
                    ("ping", MessageKind::Ping, "the monitor's check on its way"),
                    (
                        "heartbeat",
                        MessageKind::Heartbeat,
                        "a node's answer (its heartbeat)",
                    ),
                ],
            ),
            Topology::Swim(_) => (
                MessageKind::SwimPing,
                &[
                    ("ping", MessageKind::SwimPing, "a probe (ping)"),
                    (
                        "ping-req",
                        MessageKind::SwimPingReq,
                        "a request to probe a silent member for the sender (ping-req)",
                    ),
                    ("ack", MessageKind::SwimAck, "an ack: “I am here”"),
                    (
                        "forwarded-ack",
                        MessageKind::SwimForwardedAck,
                        "an ack passed on by the member that probed for the sender",
                    ),
                    (
                        "nack",
                        MessageKind::SwimNack,
                        "a nack: the member asked to probe heard nothing back",
                    ),
                    (
                        "sync",
                        MessageKind::SwimSync,
                        "a member's whole view, swapped with one other now and then (push-pull)",
                    ),
                ],
            ),
            Topology::RandomK { .. } => (
                MessageKind::Gossip,
                &[(
                    "gossip",
                    MessageKind::Gossip,
                    "a gossiped heartbeat table on its way",
                )],
            ),
        };
    entries.extend(
        messages
            .iter()
            .map(|&(key, kind, text)| (key, Swatch::Message(kind, false), text)),
    );
    if swim {
        entries.push((
            "news",
            Swatch::Message(MessageKind::SwimPing, true),
            "a dot riding on a message: membership news (alive, suspected, dead) carried along",
        ));
    }
    entries.push((
        "arrived",
        Swatch::Arrived(first_kind),
        "just arrived: it stays a moment, fading",
    ));
    if p.show_truth && p.cut_links {
        entries.push((
            "cut-link",
            Swatch::CutLink,
            "a link broken one way: what the sender sends there is lost (truth)",
        ));
    }
    if p.show_truth {
        entries.push((
            "dropped",
            Swatch::Mark("msg-dropped", "✕"),
            "a message lost on the way (truth)",
        ));
    }
    entries.push((
        "leader",
        Swatch::Mark("leader-mark", "★"),
        "leader, in the view shown",
    ));
    if partition {
        entries.push((
            "side-a",
            Swatch::Node("belief-alive", Some("side-a")),
            if central {
                "side A of a partition: with the monitor and the clients"
            } else {
                "side A of a partition: with the clients"
            },
        ));
        entries.push((
            "side-b",
            Swatch::Node("belief-alive", Some("side-b")),
            "side B: cut off from side A",
        ));
    }
    if p.show_truth {
        entries.extend([
            (
                "truth-crashed",
                Swatch::Mark("truth-mark truth-crashed", "✕"),
                "truth: crashed",
            ),
            (
                "truth-paused",
                Swatch::Mark("truth-mark truth-slow", "‖"),
                "paused",
            ),
            (
                "truth-slow",
                Swatch::Mark("truth-mark truth-slow", "≈"),
                "slow",
            ),
            (
                "truth-overloaded",
                Swatch::Mark("truth-mark truth-overloaded", "!"),
                "overloaded",
            ),
            (
                "truth-cut",
                Swatch::Mark("truth-mark truth-partitioned", "⌁"),
                "cut off",
            ),
        ]);
    }
    html! {
        <ul class="legend cluster-legend" aria-label="Legend of the cluster drawing">
            { for entries.into_iter().map(|(key, s, text)| html! {
                <li data-legend={key}>{ swatch(s) }<span>{ text }</span></li>
            }) }
        </ul>
    }
}
