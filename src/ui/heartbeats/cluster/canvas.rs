//! The cluster drawn on a canvas, for clusters too large for one SVG element per node. It draws
//! after each render; clicks pick the nearest node and arrow keys move the selection. Its
//! accessible name summarises what the observer believes; the monitor table lists the nodes.
//! Belief is not told by colour alone: suspected nodes are hollow rings, dead ones are crossed.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use super::shared::{ClusterProps, arrow_keys, dots, endpoint};
use crate::sim::{Belief, MONITOR, NodeId};
use crate::ui::heartbeats::state::{Action, HeartbeatsState};
use crate::ui::heartbeats::view_model::{NodeView, position};

const SIZE: f64 = 640.0;
const CENTER: f64 = SIZE / 2.0;
const RADIUS: f64 = 290.0;

/// The page's colours, read once from its CSS custom properties (so the canvas follows the light
/// or dark theme the page started in) instead of forcing a style recalculation every frame.
#[derive(Clone, Debug)]
struct Palette {
    alive: String,
    suspected: String,
    dead: String,
    fg: String,
    msg: String,
    dropped: String,
    side_b: String,
    truth_bad: String,
}

impl Palette {
    fn read() -> Palette {
        let style = web_sys::window().and_then(|w| {
            let root = w.document()?.document_element()?;
            w.get_computed_style(&root).ok().flatten()
        });
        let var = |name: &str, fallback: &str| {
            style
                .as_ref()
                .and_then(|s| s.get_property_value(name).ok())
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| fallback.to_string())
        };
        Palette {
            alive: var("--alive", "#2e9d57"),
            suspected: var("--suspected", "#d99a00"),
            dead: var("--dead", "#c0262d"),
            fg: var("--fg", "#1b1f24"),
            msg: var("--msg", "#1f5fbf"),
            dropped: var("--msg-dropped", "#c0262d"),
            side_b: var("--truth-overloaded", "#d2591a"),
            truth_bad: var("--truth-crashed", "#c0262d"),
        }
    }
}

/// The canvas cluster view.
#[function_component(ClusterCanvas)]
pub fn cluster_canvas(props: &ClusterProps) -> Html {
    let canvas_ref = use_node_ref();
    let palette = use_memo((), |_| Palette::read());
    let state = props.state.clone();
    let nodes = {
        let world = state.world();
        Rc::new(NodeView::all(&world, state.observer))
    };
    {
        let canvas_ref = canvas_ref.clone();
        let state = state.clone();
        let nodes = nodes.clone();
        let palette = palette.clone();
        use_effect(move || {
            if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                draw(&canvas, &state, &nodes, &palette);
            }
        });
    }
    let n = nodes.len();
    let count = |b: Belief| {
        nodes
            .iter()
            .filter(|v| !v.is_observer && v.belief == b)
            .count()
    };
    let label = format!(
        "Cluster of {n} nodes drawn as dots (hollow rings are suspected, crossed ones dead): {} alive, {} suspected, {} dead. \
         Use the arrow keys to select a node{}.",
        count(Belief::Alive),
        count(Belief::Suspected),
        count(Belief::Dead),
        state
            .selected
            .and_then(|s| nodes.get(s.index().wrapping_sub(1)))
            .map_or(String::new(), |v| format!(
                "; selected: {}",
                v.name(state.show_truth)
            ))
    );
    let onclick = {
        let state = state.clone();
        let canvas_ref = canvas_ref.clone();
        Callback::from(move |e: MouseEvent| {
            let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() else {
                return;
            };
            let rect = canvas.get_bounding_client_rect();
            if rect.width() <= 0.0 {
                return;
            }
            let scale = SIZE / rect.width();
            let (x, y) = (
                (e.client_x() as f64 - rect.left()) * scale,
                (e.client_y() as f64 - rect.top()) * scale,
            );
            let n = state.world().config().nodes;
            let nearest = (1..=n)
                .map(|i| {
                    let (nx, ny) = position(i, n, CENTER, CENTER, RADIUS);
                    (i, (nx - x).powi(2) + (ny - y).powi(2))
                })
                .min_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((i, _)) = nearest.filter(|&(_, d2)| d2 < 20.0 * 20.0) {
                let id = NodeId(i);
                if state.partition_tool {
                    state.dispatch(Action::ToggleSide(id));
                }
                state.dispatch(Action::Select(Some(id)));
            }
        })
    };
    let onkeydown = {
        let state = state.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && state.partition_tool {
                if let Some(s) = state.selected {
                    state.dispatch(Action::ToggleSide(s));
                }
            } else {
                arrow_keys(&state, &e, None);
            }
        })
    };
    html! {
        <canvas ref={canvas_ref} class="cluster cluster-canvas" width={SIZE.to_string()} height={SIZE.to_string()}
                tabindex="0" role="img" aria-label={label} {onclick} {onkeydown} />
    }
}

fn draw(canvas: &HtmlCanvasElement, state: &HeartbeatsState, nodes: &[NodeView], p: &Palette) {
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    let world = state.world();
    let n = world.config().nodes;
    ctx.clear_rect(0.0, 0.0, SIZE, SIZE);
    let r = (1200.0 / n as f64).clamp(2.0, 7.0);
    let tau = std::f64::consts::TAU;

    if world.config().topology.is_central() {
        ctx.set_fill_style_str(&p.fg);
        ctx.fill_rect(CENTER - 18.0, CENTER - 12.0, 36.0, 24.0);
    }
    for d in dots(&world, state.speed, 3000) {
        let (x1, y1) = endpoint(d.from, n, CENTER, CENTER, RADIUS);
        let (x2, y2) = endpoint(d.to, n, CENTER, CENTER, RADIUS);
        let (x, y) = (x1 + (x2 - x1) * d.progress, y1 + (y2 - y1) * d.progress);
        match d.fade {
            None => {
                ctx.set_fill_style_str(&p.msg);
                ctx.fill_rect(x - 1.5, y - 1.5, 3.0, 3.0);
            }
            // Where messages die is ground truth.
            Some(f) if state.show_truth => {
                ctx.set_global_alpha(f.clamp(0.0, 1.0));
                ctx.set_fill_style_str(&p.dropped);
                ctx.fill_rect(x - 2.0, y - 2.0, 4.0, 4.0);
                ctx.set_global_alpha(1.0);
            }
            Some(_) => {}
        }
    }
    // One path per colour: a thousand separate fills cost far more than a few batched ones.
    let at = |v: &NodeView| position(v.id.0, n, CENTER, CENTER, RADIUS);
    let circles = |radius: f64, pick: &dyn Fn(&NodeView) -> bool| {
        ctx.begin_path();
        for v in nodes.iter().filter(|v| pick(v)) {
            let (x, y) = at(v);
            ctx.move_to(x + radius, y);
            let _ = ctx.arc(x, y, radius, 0.0, tau);
        }
    };
    let in_b = |v: &NodeView| {
        if state.partition_tool {
            state.side_b.contains(&v.id)
        } else {
            state.show_truth && v.group != 0
        }
    };
    ctx.set_fill_style_str(&p.side_b);
    circles(r + 3.0, &in_b);
    ctx.fill();
    ctx.set_fill_style_str(&p.alive);
    circles(r, &|v| v.belief == Belief::Alive);
    ctx.fill();
    ctx.set_stroke_style_str(&p.suspected);
    ctx.set_line_width(2.0);
    circles(r - 1.0, &|v| v.belief == Belief::Suspected);
    ctx.stroke();
    ctx.set_stroke_style_str(&p.dead);
    ctx.set_line_width(2.0);
    ctx.begin_path();
    for v in nodes.iter().filter(|v| v.belief == Belief::Dead) {
        let (x, y) = at(v);
        ctx.move_to(x - r, y - r);
        ctx.line_to(x + r, y + r);
        ctx.move_to(x + r, y - r);
        ctx.line_to(x - r, y + r);
    }
    ctx.stroke();
    if state.show_truth {
        ctx.set_stroke_style_str(&p.truth_bad);
        ctx.set_line_width(1.5);
        circles(r + 1.5, &|v| v.truth.is_faulty());
        ctx.stroke();
    }
    ctx.set_fill_style_str(&p.fg);
    for v in nodes.iter().filter(|v| v.leader) {
        let (x, y) = at(v);
        ctx.fill_rect(x - 2.0, y - r - 6.0, 4.0, 4.0);
    }
    if let Some(s) = state.selected.filter(|s| s.0 <= n && *s != MONITOR) {
        let (x, y) = position(s.0, n, CENTER, CENTER, RADIUS);
        ctx.set_stroke_style_str(&p.fg);
        ctx.set_line_width(2.0);
        ctx.begin_path();
        let _ = ctx.arc(x, y, r + 6.0, 0.0, tau);
        ctx.stroke();
    }
}
