//! The cluster drawn on a canvas, for clusters too large for one SVG element per node. It draws
//! after each render; clicks pick the nearest node and arrow keys move the selection. Its
//! accessible name summarises what the observer believes; the monitor table lists the nodes.
//! Belief is not told by colour alone: suspected nodes have a dashed outline, dead ones are
//! struck through; and the nodes worth finding (suspected, dead, really faulty) are drawn larger,
//! with a halo, so they stand out among a thousand without being selected.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};
use yew::prelude::*;

use super::shared::{
    ClusterProps, Geometry, KINDS, Mark, MarkOptions, MarkState, Shape, arrow_keys, message_marks,
};
use crate::sim::{Belief, MONITOR, MessageKind, NodeId, Truth};
use crate::ui::heartbeats::motion::use_reduced_motion;
use crate::ui::heartbeats::state::{Action, CatchUpKind, HeartbeatsState};
use crate::ui::heartbeats::view_model::{NodeView, position, truth_mark};

use super::stamps::{RingStamp, dash, star};

const SIZE: f64 = 640.0;
const CENTER: f64 = SIZE / 2.0;
const RADIUS: f64 = 280.0;
/// Half the monitor box.
const MONITOR_HALF: (f64, f64) = (18.0, 12.0);
/// The most messages drawn at once.
const MAX_MARKS: usize = 1500;
/// The radius of a node worth finding, however many nodes there are.
const NOTABLE_R: f64 = 7.0;
/// How far a notable node's halo reaches beyond it.
const HALO: f64 = 7.0;
/// Up to this many nodes, a fresh arrival is ringed.
const RINGS_UP_TO: u32 = 200;
/// Above this many faulty nodes their truth marks are left out (the monitor table lists them).
const MAX_TRUTH_MARKS: usize = 100;

/// The page's colours, read once from its CSS custom properties (so the canvas follows the light
/// or dark theme the page started in) instead of forcing a style recalculation every frame.
#[derive(Clone, Debug)]
struct Palette {
    alive: String,
    suspected: String,
    dead: String,
    fg: String,
    panel: String,
    leader: String,
    msg: String,
    ping: String,
    gossip: String,
    dropped: String,
    side_a: String,
    side_b: String,
    truth_crashed: String,
    truth_slow: String,
    truth_overloaded: String,
    truth_cut: String,
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
            panel: var("--panel", "#ffffff"),
            leader: var("--warn", "#7a5200"),
            msg: var("--msg", "#1f5fbf"),
            ping: var("--muted", "#59626e"),
            gossip: var("--truth-slow", "#6a4fc4"),
            dropped: var("--msg-dropped", "#c0262d"),
            side_a: var("--truth-partitioned", "#1f7fbf"),
            side_b: var("--truth-overloaded", "#d2591a"),
            truth_crashed: var("--truth-crashed", "#c0262d"),
            truth_slow: var("--truth-slow", "#6a4fc4"),
            truth_overloaded: var("--truth-overloaded", "#d2591a"),
            truth_cut: var("--truth-partitioned", "#1f7fbf"),
        }
    }

    /// The colour of a kind of message (as in the SVG drawing and the legend).
    fn message(&self, kind: MessageKind) -> &str {
        match kind {
            MessageKind::Heartbeat
            | MessageKind::SwimAck
            | MessageKind::SwimForwardedAck
            | MessageKind::SwimNack => &self.msg,
            MessageKind::Ping | MessageKind::SwimPing | MessageKind::SwimPingReq => &self.ping,
            MessageKind::Gossip | MessageKind::SwimSync => &self.gossip,
        }
    }

    /// The colour of what is really true of a node.
    fn truth(&self, t: &Truth) -> &str {
        if t.crashed {
            &self.truth_crashed
        } else if t.paused || t.slow_percent.is_some() {
            &self.truth_slow
        } else if t.overloaded {
            &self.truth_overloaded
        } else {
            &self.truth_cut
        }
    }
}

/// The canvas cluster view.
#[function_component(ClusterCanvas)]
pub fn cluster_canvas(props: &ClusterProps) -> Html {
    let canvas_ref = use_node_ref();
    let palette = use_memo((), |_| Palette::read());
    let reduced_motion = use_reduced_motion();
    // The messages of the frame, in a vector kept from frame to frame.
    let marks = use_mut_ref(Vec::<Mark>::new);
    let ring = use_mut_ref(|| None::<RingStamp>);
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
        let marks = marks.clone();
        use_effect(move || {
            if let Some(canvas) = canvas_ref.cast::<HtmlCanvasElement>() {
                let frame = Frame {
                    nodes: &nodes,
                    palette: &palette,
                    marks: &marks,
                    reduced_motion,
                    ring: &ring,
                };
                draw(&canvas, &state, &frame);
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
        "Cluster of {n} nodes drawn as dots (suspected ones amber with a dashed outline, dead ones red and struck through, both larger and haloed): {} alive, {} suspected, {} dead. \
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
        <canvas ref={canvas_ref} class={classes!("cluster", "cluster-canvas", reduced_motion.then_some("reduced-motion"))} width={SIZE.to_string()} height={SIZE.to_string()}
                tabindex="0" role="img" aria-label={label} {onclick} {onkeydown} />
    }
}

/// What one frame of the canvas needs besides the state.
struct Frame<'a> {
    nodes: &'a [NodeView],
    palette: &'a Palette,
    marks: &'a RefCell<Vec<Mark>>,
    reduced_motion: bool,
    /// The stamp of a suspected node's dashed outline, made on first use.
    ring: &'a RefCell<Option<RingStamp>>,
}

/// The four opacities fading marks are drawn at (one path each, not one per mark).
const FADES: [f64; 4] = [0.25, 0.5, 0.75, 1.0];

/// Which of [`FADES`] a mark with `left` of its fade left is drawn at.
fn fade_bucket(left: f64) -> usize {
    ((left.clamp(0.0, 1.0) * 4.0).ceil() as usize).clamp(1, 4) - 1
}

/// Whether a node is worth finding at a glance: not believed alive, or (with the truth) faulty.
fn notable(v: &NodeView, show_truth: bool) -> bool {
    !v.is_observer && (v.belief != Belief::Alive || (show_truth && v.truth.is_faulty()))
}

fn draw(canvas: &HtmlCanvasElement, state: &HeartbeatsState, f: &Frame) {
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
    // At a thousand nodes alive ones are thin beads, so the few that are not stand out.
    let r = (1200.0 / n as f64).clamp(1.5, 7.0);
    let geometry = Geometry {
        cx: CENTER,
        cy: CENTER,
        radius: RADIUS,
        node_r: r,
        monitor_half: MONITOR_HALF,
        n,
    };
    if world.config().topology.is_central() {
        ctx.set_fill_style_str(&f.palette.fg);
        ctx.fill_rect(
            CENTER - MONITOR_HALF.0,
            CENTER - MONITOR_HALF.1,
            2.0 * MONITOR_HALF.0,
            2.0 * MONITOR_HALF.1,
        );
    }
    if state.show_truth {
        draw_cuts(&ctx, &world, &geometry, f.palette);
    }
    // While a run is replayed or skipped ahead, it jumps a slice at a time and messages caught
    // mid-air would only flicker; leaving them out keeps each slice's drawing cheap (rasterising
    // a thousand marks took longer than the slice itself on this machine's software canvas).
    // Replaying another node's view leaves the run shown where it is: its messages stay.
    let jumping = state
        .catch_up
        .as_ref()
        .is_some_and(|c| matches!(c.kind, CatchUpKind::Opening | CatchUpKind::Skipping));
    if !jumping {
        let mut marks = f.marks.borrow_mut();
        let options = MarkOptions {
            speed: state.speed,
            reduced_motion: f.reduced_motion,
            show_truth: state.show_truth,
            max: MAX_MARKS,
        };
        message_marks(&world, &options, &mut marks);
        draw_marks(&ctx, &geometry, &marks, f.palette);
    }
    draw_nodes(&ctx, state, &geometry, f);
}

/// Links broken one way (ground truth): dashed from the sender to a cross near the receiver, as
/// in the SVG drawing.
fn draw_cuts(ctx: &CanvasRenderingContext2d, world: &crate::sim::World, g: &Geometry, p: &Palette) {
    let mut cuts = world.network().cuts().peekable();
    if cuts.peek().is_none() {
        return;
    }
    ctx.set_stroke_style_str(&p.dropped);
    ctx.set_line_width(2.0);
    let _ = ctx.set_line_dash(&dash(&[6.0, 4.0]));
    ctx.begin_path();
    let mut ends = Vec::new();
    for (from, to) in cuts {
        let ((x1, y1), (bx, by)) = g.cut(from, to);
        ctx.move_to(x1, y1);
        ctx.line_to(bx, by);
        ends.push((bx, by));
    }
    ctx.stroke();
    let _ = ctx.set_line_dash(&dash(&[]));
    ctx.begin_path();
    for (x, y) in ends {
        ctx.move_to(x - 5.0, y - 5.0);
        ctx.line_to(x + 5.0, y + 5.0);
        ctx.move_to(x + 5.0, y - 5.0);
        ctx.line_to(x - 5.0, y + 5.0);
    }
    ctx.stroke();
}

/// The messages: arrivals as fading marks, ringed while fresh; travelling marks; losses as fading
/// crosses. Each kind has its shape and colour (as in the SVG drawing and the legend). Batched by
/// kind and fade, so a frame makes a few dozen calls, not one per message.
fn draw_marks(ctx: &CanvasRenderingContext2d, g: &Geometry, marks: &[Mark], p: &Palette) {
    let tau = std::f64::consts::TAU;
    // In a crowd (hundreds of messages a frame) marks are squares: far cheaper to fill than
    // circles, and at that size the eye cannot tell them apart.
    let crowd = g.n > RINGS_UP_TO;
    let trace = |pick: &dyn Fn(&Mark) -> bool, shape: Shape, radius: f64| -> bool {
        ctx.begin_path();
        let mut any = false;
        for m in marks.iter().filter(|m| pick(m)) {
            let (x, y) = g.place(m);
            match shape {
                _ if crowd => ctx.rect(x - radius, y - radius, 2.0 * radius, 2.0 * radius),
                Shape::Square => ctx.rect(x - radius, y - radius, 2.0 * radius, 2.0 * radius),
                Shape::Diamond => {
                    let d = radius * 1.3;
                    ctx.move_to(x, y - d);
                    ctx.line_to(x + d, y);
                    ctx.line_to(x, y + d);
                    ctx.line_to(x - d, y);
                    ctx.close_path();
                }
                Shape::Dot | Shape::Ring => {
                    ctx.move_to(x + radius, y);
                    let _ = ctx.arc(x, y, radius, 0.0, tau);
                }
            }
            any = true;
        }
        any
    };
    // A ring is drawn by its outline; every other shape is filled.
    let paint = |shape: Shape| {
        if shape == Shape::Ring && !crowd {
            ctx.stroke();
        } else {
            ctx.fill();
        }
    };
    let rings = !crowd;
    for kind in KINDS {
        if !marks.iter().any(|m| m.kind == kind) {
            continue;
        }
        let shape = Shape::of(kind);
        let colour = p.message(kind);
        ctx.set_fill_style_str(colour);
        ctx.set_stroke_style_str(colour);
        ctx.set_line_width(1.5);
        for (bucket, &alpha) in FADES.iter().enumerate() {
            let arrived = |m: &Mark| {
                m.kind == kind
                    && matches!(m.state, MarkState::Arrived(left) if fade_bucket(left) == bucket)
            };
            ctx.set_global_alpha(alpha);
            if trace(&arrived, shape, 2.5) {
                paint(shape);
                // A fresh arrival flashes: a ring around where it landed (not in a crowd,
                // where rings would only blot out the monitor).
                if rings && bucket == FADES.len() - 1 && trace(&arrived, Shape::Ring, 6.0) {
                    ctx.stroke();
                }
            }
        }
        ctx.set_global_alpha(1.0);
        ctx.set_line_width(2.0);
        if trace(
            &|m| m.kind == kind && matches!(m.state, MarkState::Travelling(_)),
            shape,
            3.5,
        ) {
            paint(shape);
        }
    }
    // News riding on a travelling message: a small dot on its corner.
    ctx.set_fill_style_str(&p.fg);
    ctx.begin_path();
    let mut any = false;
    for m in marks
        .iter()
        .filter(|m| m.news && matches!(m.state, MarkState::Travelling(_)))
    {
        let (x, y) = g.place(m);
        ctx.move_to(x + 5.7, y - 3.5);
        let _ = ctx.arc(x + 3.5, y - 3.5, 2.2, 0.0, tau);
        any = true;
    }
    if any {
        ctx.fill();
    }
    ctx.set_stroke_style_str(&p.dropped);
    ctx.set_line_width(2.0);
    for (bucket, &alpha) in FADES.iter().enumerate() {
        ctx.set_global_alpha(alpha);
        ctx.begin_path();
        let mut any = false;
        for m in marks
            .iter()
            .filter(|m| matches!(m.state, MarkState::Dropped(left) if fade_bucket(left) == bucket))
        {
            let (x, y) = g.place(m);
            ctx.move_to(x - 4.0, y - 4.0);
            ctx.line_to(x + 4.0, y + 4.0);
            ctx.move_to(x + 4.0, y - 4.0);
            ctx.line_to(x - 4.0, y + 4.0);
            any = true;
        }
        if any {
            ctx.stroke();
        }
    }
    ctx.set_global_alpha(1.0);
}

/// The nodes. Alive ones are small dots on the circle; the few worth finding (suspected, dead,
/// or with the truth shown really faulty) are drawn on top, larger and with a halo, so one crashed
/// node among a thousand stands out without being selected.
fn draw_nodes(ctx: &CanvasRenderingContext2d, state: &HeartbeatsState, g: &Geometry, f: &Frame) {
    let p = f.palette;
    let tau = std::f64::consts::TAU;
    let n = g.n;
    let r = g.node_r;
    let big = r.max(NOTABLE_R);
    let show_truth = state.show_truth;
    let at = |v: &NodeView| position(v.id.0, n, CENTER, CENTER, RADIUS);
    let radius_of = |v: &NodeView| if notable(v, show_truth) { big } else { r };
    // One path per colour: a thousand separate fills cost far more than a few batched ones.
    // A bead of a few pixels is a square: the eye cannot tell, and squares fill far faster.
    let circles = |extra: f64, pick: &dyn Fn(&NodeView) -> bool| {
        ctx.begin_path();
        for v in f.nodes.iter().filter(|v| pick(v)) {
            let (x, y) = at(v);
            let radius = radius_of(v) + extra;
            if radius < 2.5 {
                ctx.rect(x - radius, y - radius, 2.0 * radius, 2.0 * radius);
            } else {
                ctx.move_to(x + radius, y);
                let _ = ctx.arc(x, y, radius, 0.0, tau);
            }
        }
    };
    let split = state.world().network().is_split();
    let side = |v: &NodeView| -> Option<bool> {
        if state.partition_tool {
            Some(state.side_b.contains(&v.id))
        } else if show_truth && (split || v.group != 0) {
            Some(v.group != 0)
        } else {
            None
        }
    };
    ctx.set_line_width(2.0);
    ctx.set_stroke_style_str(&p.side_a);
    circles(2.5, &|v| side(v) == Some(false));
    ctx.stroke();
    ctx.set_stroke_style_str(&p.side_b);
    let _ = ctx.set_line_dash(&dash(&[3.0, 2.0]));
    circles(2.5, &|v| side(v) == Some(true));
    ctx.stroke();
    let _ = ctx.set_line_dash(&dash(&[]));

    ctx.set_fill_style_str(&p.alive);
    circles(0.0, &|v| !notable(v, show_truth));
    ctx.fill();

    // Halos, in the colour of what makes each node worth finding.
    ctx.set_global_alpha(0.4);
    for (colour, pick) in [
        (
            &p.dead,
            &(|v: &NodeView| v.belief == Belief::Dead) as &dyn Fn(&NodeView) -> bool,
        ),
        (&p.suspected, &|v: &NodeView| v.belief == Belief::Suspected),
        (&p.truth_crashed, &|v: &NodeView| {
            v.belief == Belief::Alive && v.truth.crashed
        }),
        (&p.truth_slow, &|v: &NodeView| {
            v.belief == Belief::Alive
                && !v.truth.crashed
                && (v.truth.paused || v.truth.slow_percent.is_some())
        }),
        (&p.truth_overloaded, &|v: &NodeView| {
            v.belief == Belief::Alive
                && v.truth.overloaded
                && !v.truth.crashed
                && !v.truth.paused
                && v.truth.slow_percent.is_none()
        }),
        (&p.truth_cut, &|v: &NodeView| {
            v.belief == Belief::Alive
                && v.truth.cut_off
                && !v.truth.crashed
                && !v.truth.paused
                && v.truth.slow_percent.is_none()
                && !v.truth.overloaded
        }),
    ] {
        ctx.set_fill_style_str(colour);
        circles(HALO, &|v| notable(v, show_truth) && pick(v));
        ctx.fill();
    }
    ctx.set_global_alpha(1.0);

    // The notable nodes themselves: the belief's colour, outlined; suspected ones dashed, dead
    // ones struck through, as in the SVG drawing.
    for (colour, belief) in [
        (&p.alive, Belief::Alive),
        (&p.suspected, Belief::Suspected),
        (&p.dead, Belief::Dead),
    ] {
        ctx.set_fill_style_str(colour);
        circles(0.0, &|v| notable(v, show_truth) && v.belief == belief);
        ctx.fill();
    }
    let mut ring = f.ring.borrow_mut();
    if let Some(stamp) = RingStamp::get(&mut ring, big, &p.fg) {
        let half = f64::from(stamp.width()) / 2.0;
        for v in f
            .nodes
            .iter()
            .filter(|v| notable(v, show_truth) && v.belief == Belief::Suspected)
        {
            let (x, y) = at(v);
            // Whole pixels: a stamp placed between them would be blurred.
            let _ = ctx.draw_image_with_html_canvas_element(
                stamp,
                (x - half).round(),
                (y - half).round(),
            );
        }
    }
    ctx.set_stroke_style_str("#fff");
    ctx.set_line_width(2.0);
    ctx.begin_path();
    for v in f
        .nodes
        .iter()
        .filter(|v| v.belief == Belief::Dead && !v.is_observer)
    {
        let (x, y) = at(v);
        let k = radius_of(v) * 0.7;
        ctx.move_to(x - k, y + k);
        ctx.line_to(x + k, y - k);
    }
    ctx.stroke();

    if show_truth {
        draw_truth_marks(ctx, g, f);
    }
    // The leader's star is a path, not the "★" character: text on a canvas makes the browser
    // look for a font with the glyph, which held the first drawing up by 10–30 ms here.
    ctx.set_fill_style_str(&p.leader);
    ctx.begin_path();
    for v in f.nodes.iter().filter(|v| v.leader) {
        let (x, y) = at(v);
        star(ctx, x, y - radius_of(v) - 9.0, 7.0);
    }
    ctx.fill();
    // The observer whose view is shown: a thick outline.
    if let Some(v) = f.nodes.iter().find(|v| v.is_observer) {
        let (x, y) = at(v);
        ctx.set_stroke_style_str(&p.fg);
        ctx.set_line_width(2.5);
        ctx.begin_path();
        let _ = ctx.arc(x, y, radius_of(v) + 1.0, 0.0, tau);
        ctx.stroke();
    }
    if let Some(v) = state
        .selected
        .filter(|s| s.0 <= n && *s != MONITOR)
        .and_then(|s| f.nodes.get(s.index().wrapping_sub(1)))
    {
        let (x, y) = at(v);
        ctx.set_stroke_style_str(&p.fg);
        ctx.set_line_width(3.0);
        ctx.begin_path();
        let _ = ctx.arc(x, y, radius_of(v) + 6.0, 0.0, tau);
        ctx.stroke();
    }
}

/// The truth's marks (✕ crashed, ‖ paused, ≈ slow, ! overloaded, ⌁ cut off) beside faulty nodes,
/// when there are few enough to read.
fn draw_truth_marks(ctx: &CanvasRenderingContext2d, g: &Geometry, f: &Frame) {
    let faulty = f.nodes.iter().filter(|v| v.truth.is_faulty()).count();
    if faulty > MAX_TRUTH_MARKS {
        return;
    }
    ctx.set_font("bold 13px sans-serif");
    ctx.set_text_align("center");
    ctx.set_line_width(3.0);
    ctx.set_stroke_style_str(&f.palette.panel);
    for v in f.nodes.iter().filter(|v| v.truth.is_faulty()) {
        // Outside the circle, beyond the node's halo.
        let (x, y) = position(v.id.0, g.n, CENTER, CENTER, RADIUS + NOTABLE_R + HALO + 8.0);
        let mark = truth_mark(&v.truth);
        ctx.set_fill_style_str(f.palette.truth(&v.truth));
        let _ = ctx.stroke_text(mark, x, y + 4.0);
        let _ = ctx.fill_text(mark, x, y + 4.0);
    }
}
