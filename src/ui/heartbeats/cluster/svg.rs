//! The cluster as SVG, for clusters small enough that every node can be its own focusable button.

use yew::prelude::*;

use super::shared::{
    ClusterProps, Geometry, Mark, MarkOptions, MarkState, arrow_keys, message_marks, svg_message,
};
use crate::sim::World;
use crate::ui::heartbeats::motion::use_reduced_motion;
use crate::ui::heartbeats::state::Action;
use crate::ui::heartbeats::view_model::{NodeView, position, truth_class, truth_mark};

const SIZE: f64 = 400.0;
const CENTER: f64 = SIZE / 2.0;
const RADIUS: f64 = 160.0;
/// Half the monitor box.
const MONITOR_HALF: (f64, f64) = (26.0, 16.0);
/// The most messages drawn at once.
const MAX_MARKS: usize = 300;
/// Up to this many nodes, an arrival also lights its link for a moment.
const TRAILS_UP_TO: u32 = 16;

/// The cluster drawn in SVG.
#[function_component(ClusterSvg)]
pub fn cluster_svg(props: &ClusterProps) -> Html {
    let state = &props.state;
    let reduced_motion = use_reduced_motion();
    let world = state.world();
    let n = world.config().nodes;
    let central = world.config().topology.is_central();
    let node_r = (120.0 / n as f64).clamp(9.0, 22.0);
    let nodes = NodeView::all(&world, state.observer);
    let geometry = Geometry {
        cx: CENTER,
        cy: CENTER,
        radius: RADIUS,
        node_r,
        monitor_half: MONITOR_HALF,
        n,
    };

    let links = central.then(|| {
        html! {
            <g class="links" aria-hidden="true">
                { for (1..=n).map(|i| {
                    let (x, y) = position(i, n, CENTER, CENTER, RADIUS);
                    html! { <line x1={CENTER.to_string()} y1={CENTER.to_string()} x2={x.to_string()} y2={y.to_string()} /> }
                }) }
            </g>
        }
    });

    // One-way cuts are ground truth: a dashed line from the sender, broken by a ✕ near the
    // receiver, so the learner sees which way the link fails.
    let cuts = state.show_truth.then(|| {
        html! {
            <g class="cuts" aria-hidden="true">
                { for world.network().cuts().map(|(from, to)| {
                    let ((x1, y1), (bx, by)) = geometry.cut(from, to);
                    html! {
                        <g class="cut-link">
                            <line x1={x1.to_string()} y1={y1.to_string()} x2={bx.to_string()} y2={by.to_string()} />
                            <text x={bx.to_string()} y={(by + 5.0).to_string()} text-anchor="middle">{ "✕" }</text>
                        </g>
                    }
                }) }
            </g>
        }
    });

    let options = MarkOptions {
        speed: state.speed,
        reduced_motion,
        show_truth: state.show_truth,
        max: MAX_MARKS,
    };
    let dots = dot_marks(&world, &geometry, &options);

    let monitor = central.then(|| {
        html! {
            <g class="monitor" aria-label="The monitor">
                <rect x={(CENTER - MONITOR_HALF.0).to_string()} y={(CENTER - MONITOR_HALF.1).to_string()}
                      width={(2.0 * MONITOR_HALF.0).to_string()} height={(2.0 * MONITOR_HALF.1).to_string()} rx="6" />
                <text x={CENTER.to_string()} y={(CENTER + 5.0).to_string()} text-anchor="middle">{ "monitor" }</text>
            </g>
        }
    });

    let node_marks = nodes.iter().map(|v| {
        let (x, y) = position(v.id.0, n, CENTER, CENTER, RADIUS);
        let id = v.id;
        let selected = state.selected == Some(id);
        let in_b = state.partition_tool && state.side_b.contains(&id);
        let onclick = {
            let state = state.clone();
            let tool = state.partition_tool;
            Callback::from(move |_| {
                if tool {
                    state.dispatch(Action::ToggleSide(id));
                }
                state.dispatch(Action::Select(Some(id)));
            })
        };
        let onkeydown = {
            let state = state.clone();
            let tool = state.partition_tool;
            Callback::from(move |e: KeyboardEvent| {
                if matches!(e.key().as_str(), "Enter" | " ") {
                    e.prevent_default();
                    if tool {
                        state.dispatch(Action::ToggleSide(id));
                    }
                    state.dispatch(Action::Select(Some(id)));
                } else {
                    arrow_keys(&state, &e, Some(id));
                }
            })
        };
        // A partition is ground truth: its sides show only with the truth (or in the tool).
        let group_class = if state.partition_tool {
            if in_b { "side-b" } else { "side-a" }
        } else if !state.show_truth {
            ""
        } else if v.group != 0 {
            "side-b"
        } else if world.network().is_split() {
            "side-a"
        } else {
            ""
        };
        // Roving focus: one node is in the Tab order (the selected one, or node 1).
        let tab_stop = state.selected.map_or(v.id.0 == 1, |s| s == v.id);
        let truth_label = state.show_truth.then(|| v.truth.label()).filter(|l| l != "up");
        // Beyond the selection ring, so a selected node's label stays readable, and reading away
        // from the node: a label at the left ends there, one at the right starts there.
        let (sx, _) = position(v.id.0, n, CENTER, CENTER, RADIUS + 1.0);
        let side = sx - x;
        let label_anchor = if side < -0.35 {
            "end"
        } else if side > 0.35 {
            "start"
        } else {
            "middle"
        };
        // Above or below a node a label clears its rings and the leader's star.
        let gap = if label_anchor == "middle" { 24.0 } else { 12.0 };
        let (lx, ly) = position(v.id.0, n, CENTER, CENTER, RADIUS + node_r + gap);
        let circle = |class: &'static str, r: f64| html! {
            <circle class={class} cx={x.to_string()} cy={y.to_string()} r={r.to_string()} />
        };
        html! {
            <>
            <g class={classes!("node", v.belief_class(), group_class, selected.then_some("selected"), v.is_observer.then_some("observer"))}
               role="button" tabindex={if tab_stop { "0" } else { "-1" }} aria-pressed={selected.to_string()}
               aria-label={v.name(state.show_truth)} data-node={v.id.0.to_string()}
               {onclick} {onkeydown}>
                <title>{ v.name(state.show_truth) }</title>
                { circle("node-focus", node_r + 12.0) }
                { circle("node-select", node_r + 8.0) }
                { circle("node-ring", node_r + 4.0) }
                { circle("node-body", node_r) }
                // Belief is not told by colour alone: dead nodes are struck through.
                if v.belief == crate::sim::Belief::Dead && !v.is_observer {
                    <line class="dead-strike" x1={(x - node_r * 0.8).to_string()} y1={(y + node_r * 0.8).to_string()}
                          x2={(x + node_r * 0.8).to_string()} y2={(y - node_r * 0.8).to_string()} />
                }
                <text class="node-id" x={x.to_string()} y={(y + 4.5).to_string()} text-anchor="middle">{ v.id.0 }</text>
                if state.show_truth && !truth_mark(&v.truth).is_empty() {
                    // The node's name already says the truth in words; the mark is for the eye.
                    <text class={classes!("truth-mark", truth_class(&v.truth))} x={(x + node_r * 0.85).to_string()}
                          y={(y - node_r * 0.6).to_string()} text-anchor="middle" aria-hidden="true">{ truth_mark(&v.truth) }</text>
                }
                if v.leader {
                    <text class="leader-mark" x={x.to_string()} y={(y - node_r - 6.0).to_string()} text-anchor="middle" aria-hidden="true">{ "★" }</text>
                }
            </g>
            // Beside the node, not inside its button: the button's name says it already.
            if let Some(label) = truth_label.filter(|_| n <= 16) {
                <text class={classes!("truth-label", truth_class(&v.truth))} x={lx.to_string()} y={(ly + 4.0).to_string()}
                      text-anchor={label_anchor} aria-hidden="true">{ label }</text>
            }
            </>
        }
    });

    {
        // Keep keyboard focus on the selected node as arrow keys move the selection.
        use_effect_with(state.selected, move |selected| {
            let Some(sel) = selected else { return };
            let Some(document) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            let focus_in_cluster = document
                .active_element()
                .is_some_and(|a| a.closest("svg.cluster").ok().flatten().is_some());
            if focus_in_cluster {
                if let Ok(Some(node)) =
                    document.query_selector(&format!("svg.cluster g.node[data-node=\"{}\"]", sel.0))
                {
                    if let Ok(el) = wasm_bindgen::JsCast::dyn_into::<web_sys::SvgElement>(node) {
                        let _ = el.focus();
                    }
                }
            }
        });
    }
    html! {
        <svg class={classes!("cluster", reduced_motion.then_some("reduced-motion"))}
             viewBox={format!("-40 -30 {} {}", SIZE + 80.0, SIZE + 60.0)} role="group"
             aria-label={format!("Cluster of {n} nodes")}>
            { links }
            { cuts }
            { monitor }
            <g class="dots" aria-hidden="true">{ dots }</g>
            { for node_marks }
        </svg>
    }
}

/// The messages: each in flight as a dot along its link; each arrival as a dot resting where it
/// landed, ringed, fading (with its link lit for a moment in small clusters); each loss as a
/// fading ✕ where it died. Keyed, so an element stays with its message.
fn dot_marks(world: &World, geometry: &Geometry, options: &MarkOptions) -> Html {
    let mut marks: Vec<Mark> = Vec::new();
    message_marks(world, options, &mut marks);
    let trails = geometry.n <= TRAILS_UP_TO;
    // Arrivals underneath, travelling dots above them, losses on top.
    crate::sim::sort::by_key(&mut marks, |m| match m.state {
        MarkState::Arrived(_) => 0,
        MarkState::Travelling(_) => 1,
        MarkState::Dropped(_) => 2,
    });
    marks
        .iter()
        .map(|m| {
            let (x, y) = geometry.place(m);
            let kind = m.kind.class();
            match m.state {
                MarkState::Travelling(_) => html! {
                    <g key={m.key} class={kind}>{ svg_message(m.kind, x, y, 4.0, m.news) }</g>
                },
                MarkState::Arrived(left) => {
                    let trail = trails.then(|| {
                        let ((x1, y1), _) = geometry.link(m.from, m.to);
                        html! { <line class="msg-trail" x1={x1.to_string()} y1={y1.to_string()} x2={x.to_string()} y2={y.to_string()} /> }
                    });
                    html! {
                        <g key={m.key} class={classes!("msg-arrived", kind)} opacity={format!("{:.2}", left.max(0.0))}>
                            { trail }
                            <circle class="flash" cx={x.to_string()} cy={y.to_string()} r="8" />
                            { svg_message(m.kind, x, y, 4.0, false) }
                        </g>
                    }
                }
                MarkState::Dropped(left) => html! {
                    <text key={m.key} class="msg-dropped" x={x.to_string()} y={(y + 5.0).to_string()} text-anchor="middle"
                          opacity={format!("{:.2}", left.max(0.0))}>{ "✕" }</text>
                },
            }
        })
        .collect()
}
