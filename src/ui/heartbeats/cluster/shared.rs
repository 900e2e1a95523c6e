//! What both drawings of the cluster share: their properties, the messages they draw, where a
//! node or the monitor sits and where a message leaves and lands, and the arrow keys that move
//! the selection.
//!
//! A message's flight lasts its network latency (100 ms by default): too short to see at 1×. So
//! the drawing keeps each message a little longer than the simulation does, in real time and
//! whatever the speed: it travels for its latency, then rests where it arrived for
//! [`LINGER_REAL_MS`], fading, with a ring around it (a flash). A lost message shows as a fading ✕
//! where it died. With reduced motion nothing travels: only the arrivals and losses appear, in
//! place. None of this touches the simulation's timing.

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

/// How long a message stays drawn where it arrived or was lost, in real milliseconds.
pub const LINGER_REAL_MS: f64 = 700.0;

/// The longest linger in virtual time (at 100× and above, the newest marks fill the budget anyway).
const MAX_LINGER_MS: u64 = 120_000;

/// What a message mark shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum MarkState {
    /// On its way: how far along its link, 0 to 1.
    Travelling(f64),
    /// Arrived: how much of its flash is left, 1 (just now) to 0.
    Arrived(f64),
    /// Lost on the way (ground truth): how much of its fade is left, 1 to 0.
    Dropped(f64),
}

/// One message as the drawing shows it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Mark {
    /// Sender.
    pub from: NodeId,
    /// Receiver.
    pub to: NodeId,
    /// What it is.
    pub kind: MessageKind,
    /// SWIM: whether news rides on it (known only while it travels).
    pub news: bool,
    /// Where it is in its short life on screen.
    pub state: MarkState,
    /// Stays the same for the same message in the same state from frame to frame, so a drawn
    /// element keeps its message (and an arrival does not slide into another's place).
    pub key: u64,
}

/// Which messages to draw, and how many at most.
#[derive(Clone, Copy, Debug)]
pub struct MarkOptions {
    /// Virtual seconds per real second (how long [`LINGER_REAL_MS`] is in virtual time).
    pub speed: f64,
    /// Nothing travels: only arrivals and losses, in place.
    pub reduced_motion: bool,
    /// Whether losses show (where messages die is ground truth).
    pub show_truth: bool,
    /// The most marks drawn.
    pub max: usize,
}

/// The linger of a mark in virtual milliseconds at `speed`.
fn linger_ms(speed: f64) -> u64 {
    ((LINGER_REAL_MS * speed.max(0.25)) as u64).clamp(1, MAX_LINGER_MS)
}

/// Fills `out` (cleared first; pass the same vector every frame and it is not reallocated) with
/// the messages to draw now: at most half the budget in flight (unless reduced motion), then the
/// newest arrivals and losses.
pub fn message_marks(world: &World, options: &MarkOptions, out: &mut Vec<Mark>) {
    out.clear();
    let now = world.now();
    if !options.reduced_motion {
        let budget = options.max / 2;
        out.extend(
            world
                .in_flight()
                .filter(|m| m.sent_at <= now)
                .take(budget)
                .map(|m| {
                    let span = m.arrives_at.since(m.sent_at).max(1) as f64;
                    Mark {
                        from: m.from,
                        to: m.to,
                        kind: m.kind,
                        news: m.news,
                        state: MarkState::Travelling(
                            (now.since(m.sent_at) as f64 / span).clamp(0.0, 1.0),
                        ),
                        key: flight_key(m.from, m.to, m.kind, m.sent_at.ms()),
                    }
                }),
        );
    }
    let linger = linger_ms(options.speed);
    for e in world.trace().recent().rev() {
        let age = now.since(e.at);
        if age > linger || out.len() >= options.max {
            break;
        }
        let left = 1.0 - age as f64 / linger as f64;
        let (from, to, kind, state) = match e.kind {
            TraceKind::Delivered { from, to, kind, .. } => {
                (from, to, kind, MarkState::Arrived(left))
            }
            TraceKind::Dropped { from, to, kind, .. } if options.show_truth => {
                (from, to, kind, MarkState::Dropped(left))
            }
            _ => continue,
        };
        out.push(Mark {
            from,
            to,
            kind,
            news: false,
            state,
            key: (1 << 63) | e.index,
        });
    }
}

/// Every kind of message, in the order the drawings layer them.
pub const KINDS: [MessageKind; 9] = [
    MessageKind::SwimSync,
    MessageKind::Heartbeat,
    MessageKind::Ping,
    MessageKind::Gossip,
    MessageKind::SwimPing,
    MessageKind::SwimPingReq,
    MessageKind::SwimAck,
    MessageKind::SwimForwardedAck,
    MessageKind::SwimNack,
];

/// How a kind of message is drawn: kinds differ by shape as well as by colour, so that SWIM's
/// requests and answers can be told apart without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// A filled dot: a heartbeat, a check, gossip, a ping or an ack.
    Dot,
    /// A diamond: what passes through a third member (a ping-req, a forwarded ack).
    Diamond,
    /// A hollow ring: an empty answer (a nack).
    Ring,
    /// A square: a whole view (a state sync).
    Square,
}

impl Shape {
    /// The shape of a kind of message.
    pub fn of(kind: MessageKind) -> Shape {
        match kind {
            MessageKind::SwimPingReq | MessageKind::SwimForwardedAck => Shape::Diamond,
            MessageKind::SwimNack => Shape::Ring,
            MessageKind::SwimSync => Shape::Square,
            _ => Shape::Dot,
        }
    }
}

/// One message mark in SVG, of `kind`'s shape and class, centred on (x, y), about `r` across
/// half; a dot rides on its corner when news rides on the message.
pub fn svg_message(kind: MessageKind, x: f64, y: f64, r: f64, news: bool) -> Html {
    let class = classes!("msg", (Shape::of(kind) == Shape::Ring).then_some("ring"));
    let body = match Shape::of(kind) {
        Shape::Dot | Shape::Ring => html! {
            <circle class={class} cx={x.to_string()} cy={y.to_string()} r={r.to_string()} />
        },
        Shape::Diamond => {
            let d = r * 1.3;
            let points = format!("{x},{} {},{y} {x},{} {},{y}", y - d, x + d, y + d, x - d);
            html! { <polygon class={class} points={points} /> }
        }
        Shape::Square => html! {
            <rect class={class} x={(x - r).to_string()} y={(y - r).to_string()}
                  width={(2.0 * r).to_string()} height={(2.0 * r).to_string()} />
        },
    };
    html! {
        <>
            { body }
            if news {
                <circle class="msg-news" cx={(x + r).to_string()} cy={(y - r).to_string()} r="2.2" />
            }
        </>
    }
}

/// A key for a message in flight: one sender sends one message of a kind to one receiver at a
/// given millisecond.
fn flight_key(from: NodeId, to: NodeId, kind: MessageKind, sent_at: u64) -> u64 {
    let kind = match kind {
        MessageKind::Heartbeat => 0,
        MessageKind::Ping => 1,
        MessageKind::Gossip => 2,
        MessageKind::SwimPing => 3,
        MessageKind::SwimAck => 4,
        MessageKind::SwimPingReq => 5,
        MessageKind::SwimNack => 6,
        MessageKind::SwimForwardedAck => 7,
        MessageKind::SwimSync => 8,
    };
    (((sent_at << 10 | u64::from(from.0 & 1023)) << 10 | u64::from(to.0 & 1023)) << 4) | kind
}

/// Where things sit in a drawing: nodes on a circle, the monitor (a box) in its middle.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    /// The circle's centre.
    pub cx: f64,
    /// The circle's centre.
    pub cy: f64,
    /// The circle's radius.
    pub radius: f64,
    /// A node's radius.
    pub node_r: f64,
    /// Half the monitor box's width and height.
    pub monitor_half: (f64, f64),
    /// How many nodes.
    pub n: u32,
}

/// How far outside its outline a message leaves or lands.
const RIM_GAP: f64 = 3.0;

impl Geometry {
    /// Where a node's (or the monitor's) centre is.
    pub fn center(&self, id: NodeId) -> (f64, f64) {
        if id == MONITOR {
            (self.cx, self.cy)
        } else {
            position(id.0, self.n, self.cx, self.cy, self.radius)
        }
    }

    /// The point just outside `id`'s outline that faces `toward`: where a message leaves or lands.
    pub fn rim(&self, id: NodeId, toward: (f64, f64)) -> (f64, f64) {
        let (x, y) = self.center(id);
        let (dx, dy) = (toward.0 - x, toward.1 - y);
        let len = (dx * dx + dy * dy).sqrt();
        if len < 1e-9 {
            return (x, y);
        }
        let (ux, uy) = (dx / len, dy / len);
        let reach = if id == MONITOR {
            let (hw, hh) = self.monitor_half;
            let tx = if ux.abs() > 1e-9 {
                hw / ux.abs()
            } else {
                f64::INFINITY
            };
            let ty = if uy.abs() > 1e-9 {
                hh / uy.abs()
            } else {
                f64::INFINITY
            };
            tx.min(ty)
        } else {
            self.node_r
        } + RIM_GAP;
        (x + ux * reach, y + uy * reach)
    }

    /// Where a message from `from` to `to` leaves and where it lands.
    pub fn link(&self, from: NodeId, to: NodeId) -> ((f64, f64), (f64, f64)) {
        let (a, b) = (self.center(from), self.center(to));
        (self.rim(from, b), self.rim(to, a))
    }

    /// A link broken one way, as drawn: from where it leaves the sender to the point, three
    /// quarters of the way, where a cross marks the break.
    pub fn cut(&self, from: NodeId, to: NodeId) -> ((f64, f64), (f64, f64)) {
        let ((x1, y1), (x2, y2)) = self.link(from, to);
        ((x1, y1), (x1 + (x2 - x1) * 0.75, y1 + (y2 - y1) * 0.75))
    }

    /// Where a mark is drawn: along its link while it travels, where it landed once it arrived,
    /// halfway where it was lost.
    pub fn place(&self, mark: &Mark) -> (f64, f64) {
        let ((x1, y1), (x2, y2)) = self.link(mark.from, mark.to);
        let t = match mark.state {
            MarkState::Travelling(p) => p,
            MarkState::Arrived(_) => 1.0,
            MarkState::Dropped(_) => 0.5,
        };
        (x1 + (x2 - x1) * t, y1 + (y2 - y1) * t)
    }
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
