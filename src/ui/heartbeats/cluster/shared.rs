//! What both drawings of the cluster share: their properties, the messages on the way, where an
//! endpoint sits, and the arrow keys that move the selection.

use yew::prelude::*;

use crate::sim::{MONITOR, MessageKind, NodeId, TraceKind, World};
use crate::ui::heartbeats::state::{Action, HeartbeatsState};
use crate::ui::heartbeats::view_model::position;

/// Properties of the cluster view.
#[derive(Properties, PartialEq)]
pub struct ClusterProps {
    /// The tab's state and dispatcher.
    pub state: UseReducerHandle<HeartbeatsState>,
}

/// A message drawn on the way: where it is now (0..1 along its link), its kind and whether it is
/// a dropped one fading out at its cut.
pub struct Dot {
    /// Sender.
    pub from: NodeId,
    /// Receiver.
    pub to: NodeId,
    /// How far along the link, 0 to 1.
    pub progress: f64,
    /// What it is.
    pub kind: MessageKind,
    /// 1 for a live message; for a dropped one, how much of its fade is left.
    pub fade: Option<f64>,
}

/// The messages to draw now: those in flight, and those dropped recently (fading over a short
/// real time, whatever the speed).
pub fn dots(world: &World, speed: f64, max: usize) -> Vec<Dot> {
    let now = world.now();
    let mut out: Vec<Dot> = world
        .in_flight()
        .filter(|m| m.sent_at <= now)
        .take(max)
        .map(|m| {
            let span = m.arrives_at.since(m.sent_at).max(1) as f64;
            Dot {
                from: m.from,
                to: m.to,
                progress: (now.since(m.sent_at) as f64 / span).clamp(0.0, 1.0),
                kind: m.kind,
                fade: None,
            }
        })
        .collect();
    let fade_ms = (700.0 * speed.max(0.25)).clamp(200.0, 120_000.0) as u64;
    for e in world.trace().recent().rev() {
        if now.since(e.at) > fade_ms || out.len() >= max {
            break;
        }
        if let TraceKind::Dropped { from, to, kind, .. } = e.kind {
            let age = now.since(e.at) as f64 / fade_ms as f64;
            out.push(Dot {
                from,
                to,
                progress: 0.5,
                kind,
                fade: Some(1.0 - age),
            });
        }
    }
    out
}

/// Arrow keys move the selection to the node after or before `from` (the focused node; the
/// selection when `None`, as on the canvas). Both drawings use this.
pub fn arrow_keys(
    state: &UseReducerHandle<HeartbeatsState>,
    e: &KeyboardEvent,
    from: Option<NodeId>,
) {
    let delta = match e.key().as_str() {
        "ArrowRight" | "ArrowDown" => 1,
        "ArrowLeft" | "ArrowUp" => -1,
        _ => return,
    };
    e.prevent_default();
    state.dispatch(Action::SelectBy { from, delta });
}

/// Where an endpoint is drawn.
pub fn endpoint(id: NodeId, n: u32, cx: f64, cy: f64, r: f64) -> (f64, f64) {
    if id == MONITOR {
        (cx, cy)
    } else {
        position(id.0, n, cx, cy, r)
    }
}
