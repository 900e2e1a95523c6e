//! The timeline: one lane per node over the last stretch of virtual time, with heartbeat arrivals
//! as ticks, suspected and dead spans as bands (one per detector when two run side by side, each
//! named), fault spans from the ground truth, and each detector's deadline ahead of each node
//! (dashed for the timeout, dotted for φ). Spans are focusable and clicking one highlights its
//! event in the log (and the other way round). It is drawn at the width of its box, one unit a
//! pixel, so the whole window up to "now" shows on a phone as on a laptop; a legend lists its marks.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use yew::prelude::*;

use super::state::{Action, HeartbeatsState};
use crate::sim::journal::{Journal, Span, SpanKind};
use crate::sim::time::format_duration;
use crate::sim::{Belief, DetectorKind, NodeId, SimTime};

const MAX_LANES: usize = 12;
/// The width drawn at before the box is measured, and the narrowest drawn.
const DEFAULT_WIDTH: f64 = 720.0;
const MIN_WIDTH: f64 = 300.0;
const AXIS_H: f64 = 22.0;
/// Where a lane's first belief band starts, below the lane's top.
const BAND_TOP: f64 = 3.0;

/// Properties of the timeline.
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The tab's state and dispatcher.
    pub state: UseReducerHandle<HeartbeatsState>,
}

fn span_class(kind: SpanKind) -> &'static str {
    match kind {
        SpanKind::Suspected { .. } => "span-suspected",
        SpanKind::Dead { .. } => "span-dead",
        SpanKind::Crashed => "span-crashed",
        SpanKind::Paused | SpanKind::Slow { .. } => "span-slow",
        SpanKind::Overloaded => "span-overloaded",
        SpanKind::CutOff => "span-cut",
    }
}

/// The nodes that get a lane: every node of a small cluster; otherwise the selected node, then
/// those with something to show, then the rest, up to [`MAX_LANES`].
fn lanes(n: u32, selected: Option<NodeId>, journal: &Journal) -> Vec<NodeId> {
    if n as usize <= MAX_LANES {
        return (1..=n).map(NodeId).collect();
    }
    let mut lanes: Vec<NodeId> = selected.into_iter().collect();
    let busy = (1..=n)
        .map(NodeId)
        .filter(|&id| journal.spans(id).next().is_some());
    let rest = (1..=n).map(NodeId);
    for id in busy.chain(rest) {
        if lanes.len() >= MAX_LANES {
            break;
        }
        if !lanes.contains(&id) {
            lanes.push(id);
        }
    }
    lanes
}

/// How a lane is laid out for `slots` detectors: one belief band per detector (the deciding one
/// on top), then the ground truth's thin bar.
#[derive(Clone, Copy)]
struct LaneLayout {
    slots: usize,
    /// Width of the lane labels at the left.
    label_w: f64,
    /// Height of one lane.
    lane_h: f64,
    /// Height of one belief band.
    band_h: f64,
}

impl LaneLayout {
    fn new(slots: usize) -> LaneLayout {
        if slots > 1 {
            LaneLayout {
                slots,
                label_w: 104.0,
                lane_h: 32.0,
                band_h: 10.0,
            }
        } else {
            LaneLayout {
                slots: 1,
                label_w: 64.0,
                lane_h: 26.0,
                band_h: 14.0,
            }
        }
    }

    /// The top of detector `slot`'s band in a lane starting at `lane_y`.
    fn band_y(&self, lane_y: f64, slot: usize) -> f64 {
        lane_y + BAND_TOP + (self.band_h + 1.0) * slot.min(self.slots - 1) as f64
    }

    /// The bottom of the last belief band.
    fn bands_bottom(&self, lane_y: f64) -> f64 {
        self.band_y(lane_y, self.slots - 1) + self.band_h
    }

    /// The top of the ground truth's bar.
    fn truth_y(&self, lane_y: f64) -> f64 {
        self.bands_bottom(lane_y) + 1.0
    }
}

/// The name a detector has on the timeline.
fn detector_word(kind: DetectorKind) -> &'static str {
    match kind {
        DetectorKind::Fixed => "timeout",
        DetectorKind::Phi => "φ",
        DetectorKind::Swim => "SWIM",
    }
}

/// The width, in CSS pixels, of the box the timeline is drawn in: measured when it appears and
/// whenever the box changes size, so one unit of the drawing is one pixel at any screen size
/// and the whole window of time, up to "now", fits without scrolling.
///
/// A `ResizeObserver` reports after the browser has laid the page out, and the new width is
/// drawn in a task of its own. Reading the width in the first drawing's own effect made the
/// browser lay out the whole new page inside that task (up to 56 ms of a start-up task over
/// 50 ms, in a trace); redrawing inside the observer's report would put the timeline's second
/// drawing and layout into the browser's frame. `waiting` tells which of the two boxes is drawn
/// (the one that waits for a replay, or the timeline's): each is observed in turn.
#[hook]
fn use_box_width(node: &NodeRef, waiting: bool) -> f64 {
    let width = use_state_eq(|| DEFAULT_WIDTH);
    {
        let node = node.clone();
        let width = width.clone();
        use_effect_with(waiting, move |_| {
            let target = node.cast::<web_sys::Element>();
            let pending = Rc::new(RefCell::new(None::<Timeout>));
            let on_resize = {
                let pending = pending.clone();
                Closure::<dyn Fn()>::new(move || {
                    let Some(w) = node.cast::<web_sys::Element>().map(|el| el.client_width())
                    else {
                        return;
                    };
                    if w > 0 {
                        let width = width.clone();
                        *pending.borrow_mut() =
                            Some(Timeout::new(0, move || width.set(f64::from(w))));
                    }
                })
            };
            let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(el)) = (&observer, &target) {
                observer.observe(el);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                pending.borrow_mut().take();
                drop(on_resize);
            }
        });
    }
    width.max(MIN_WIDTH)
}

/// The timeline.
#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let state = &props.state;
    let box_ref = use_node_ref();
    // While long work replays the run, the timeline would be redrawn at every slice for a moment
    // that is gone by the next one: it waits for the end, and is then drawn in a task of its
    // own, after the rest of the page.
    let busy = state.catch_up.as_ref().is_some_and(|c| c.slices > 0);
    let waited = use_state_eq(|| false);
    {
        let waited = waited.clone();
        use_effect_with((busy, *waited), move |&(busy, was_waiting)| {
            let timer = if busy {
                waited.set(true);
                None
            } else {
                was_waiting
                    .then(|| gloo_timers::callback::Timeout::new(0, move || waited.set(false)))
            };
            move || drop(timer)
        });
    }
    let width = use_box_width(&box_ref, busy || *waited);
    if busy || *waited {
        return html! {
            <section class="panel timeline" aria-labelledby="timeline-heading">
                <h3 id="timeline-heading">{ "Timeline" }</h3>
                <div class="timeline-scroll" ref={box_ref}>
                    <p class="explain">{ "Drawn when the replay above is done." }</p>
                </div>
            </section>
        };
    }
    let world = state.world();
    let journal = state.journal();
    let now = world.now();
    let n = world.config().nodes;
    let window = journal.window_ms();
    let start = now.ms() as f64 - window as f64;
    let view = world.observer(state.observer);
    let kinds: &[DetectorKind] = view.map_or(&[DetectorKind::Fixed], |v| v.detectors());
    // Room ahead of now for the deadlines: φ's sits further out than a tight fixed timeout's.
    let ahead = if kinds.len() > 1 { 0.3 } else { 0.15 };
    let end = now.ms() as f64 + window as f64 * ahead;
    let layout = LaneLayout::new(kinds.len());
    let label_w = layout.label_w;
    // Marks are drawn in a coordinate system fixed to virtual time and slid into view by one
    // transform, so as time passes only that transform changes, not every mark's position.
    let scale = (width - label_w) / (end - start);
    let epoch = ((start.max(0.0) / (window as f64 * 10.0)).floor()) * window as f64 * 10.0;
    let ax = |t: f64| (t - epoch) * scale;
    let shift = label_w - (start - epoch) * scale;

    let lanes = lanes(n, state.selected, &journal);
    let height = AXIS_H + layout.lane_h * lanes.len() as f64 + 6.0;

    let draw_span = |lane_y: f64, id: NodeId, s: &Span| -> Option<Html> {
        if !state.show_truth && !s.kind.is_belief() {
            return None;
        }
        let s_end = s.end.unwrap_or(now).ms() as f64;
        let x1 = ax(s.start.ms() as f64);
        let x2 = ax(s_end).max(x1 + 2.0);
        let (y, h) = match s.kind {
            SpanKind::Suspected { slot } | SpanKind::Dead { slot } => {
                (layout.band_y(lane_y, slot), layout.band_h)
            }
            _ => (layout.truth_y(lane_y), 5.0),
        };
        let by = match s.kind {
            SpanKind::Suspected { slot } | SpanKind::Dead { slot } if kinds.len() > 1 => kinds
                .get(slot)
                .map_or(String::new(), |k| format!(" by {}", detector_word(*k))),
            _ => String::new(),
        };
        let label = format!(
            "node {} {}{by} from {} to {}",
            id.0,
            s.kind.label(),
            s.start,
            s.end.map_or("now".to_string(), |e| e.to_string())
        );
        let index = s.index;
        let highlighted = state.highlight == Some(index);
        let onclick = {
            let state = state.clone();
            Callback::from(move |_| state.dispatch(Action::Highlight(Some(index))))
        };
        let onfocus = {
            let state = state.clone();
            Callback::from(move |_: FocusEvent| state.dispatch(Action::Highlight(Some(index))))
        };
        let onkeydown = {
            let state = state.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    state.dispatch(Action::Highlight(Some(index)));
                }
            })
        };
        Some(html! {
            <rect key={format!("{}-{}", s.index, s.kind.label())} class={classes!("span", span_class(s.kind), highlighted.then_some("highlighted"))}
                  x={x1.to_string()} y={y.to_string()} width={(x2 - x1).to_string()} height={h.to_string()}
                  tabindex="0" role="button" aria-label={label.clone()} {onclick} {onkeydown} {onfocus}>
                <title>{ label }</title>
            </rect>
        })
    };

    let lane_html = lanes.iter().enumerate().map(|(row, &id)| {
        let y = AXIS_H + row as f64 * layout.lane_h;
        // One path per lane, not an element per arrival: a busy lane holds hundreds of them.
        let (tick_top, tick_bottom) = (y + 2.0, layout.bands_bottom(y) + 3.0);
        let mut d = String::new();
        for t in journal.arrivals(id).filter(|t| t.ms() as f64 >= start) {
            let _ = write!(d, "M{:.1} {tick_top:.1}V{tick_bottom:.1}", ax(t.ms() as f64));
        }
        let ticks = (!d.is_empty()).then(|| html! { <path class="arrival" {d} /> });
        let spans = journal.spans(id).filter_map(|s| draw_span(y, id, s));
        // The deadlines ahead: when each detector will declare the node dead if nothing arrives.
        let deadlines = kinds.iter().enumerate().filter_map(|(slot, &kind)| {
            let v = view.filter(|v| v.watches(id) && v.belief(slot, id) != Belief::Dead)?;
            let at = v.heard_at(id).ms() as f64 + v.thresholds_for(slot, id).dead_after_ms as f64;
            (at <= end).then(|| {
                let x = ax(at);
                let (y1, y2) = if kinds.len() > 1 {
                    let top = layout.band_y(y, slot);
                    (top - 1.0, top + layout.band_h + 1.0)
                } else {
                    (y + 1.0, y + layout.lane_h - 3.0)
                };
                html! {
                    <line class={classes!("threshold", format!("threshold-{}", if kind == DetectorKind::Phi { "phi" } else { "timeout" }))}
                          x1={x.to_string()} x2={x.to_string()} y1={y1.to_string()} y2={y2.to_string()}>
                        <title>{ format!("{}: node {} is declared dead at {} unless a heartbeat arrives",
                            if kind == DetectorKind::Phi { "φ" } else { "the timeout" }, id.0, SimTime(at as u64)) }</title>
                    </line>
                }
            })
        });
        html! {
            <g class="lane-marks" key={id.0}>
                { for spans }
                { ticks }
                { for deadlines }
            </g>
        }
    });
    let lane_backgrounds = lane_backgrounds(&lanes, state.selected, width, &layout, kinds);
    let axis = axis_ticks(window, start, end, height, &ax);
    let now_x = label_w + (now.ms() as f64 - start) * scale;
    // The highlighted event (from the log or a span) as a line at its time, and in words below.
    let highlighted = state.highlight.and_then(|i| journal.entry(i)).cloned();
    let highlight_line = highlighted.as_ref().map(|e| {
        let x = ax(e.at.ms() as f64);
        html! { <line class="highlight" x1={x.to_string()} x2={x.to_string()} y1={AXIS_H.to_string()} y2={height.to_string()} /> }
    });
    html! {
        <section class="panel timeline" aria-labelledby="timeline-heading">
            <h3 id="timeline-heading">{ "Timeline" }</h3>
            <p class="explain">
                { format!("The last {} of virtual time as {} sees it, one lane per node, up to now (the blue line).",
                    format_duration(window),
                    if state.observer.is_monitor() { "the monitor".to_string() } else { format!("node {}", state.observer.0) }) }
                if journal.missed_events {
                    { " Some events passed too quickly to draw." }
                }
            </p>
            <TimelineLegend show_truth={state.show_truth} kinds={kinds.to_vec()} />
            <div class="timeline-scroll" ref={box_ref}>
            <svg class="timeline-svg" viewBox={format!("0 0 {width} {height}")} role="group" aria-label="Timeline of recent events per node">
                <defs>
                    <clipPath id="timeline-clip">
                        <rect x={label_w.to_string()} y="0" width={(width - label_w).to_string()} height={height.to_string()} />
                    </clipPath>
                </defs>
                { lane_backgrounds }
                <g clip-path="url(#timeline-clip)">
                    <g transform={format!("translate({shift:.3} 0)")}>
                        { axis }
                        { for lane_html }
                        { highlight_line }
                    </g>
                </g>
                <line class="now" x1={now_x.to_string()} x2={now_x.to_string()} y1="0" y2={height.to_string()} />
            </svg>
            </div>
            <p class="highlighted-event" aria-live="polite">
                { match &highlighted {
                    Some(e) => format!("Highlighted: {} — {}", e.at, e.text),
                    None => "Click or focus a band (or a log entry) to highlight its event.".to_string(),
                } }
            </p>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct TimelineLegendProps {
    show_truth: bool,
    kinds: Vec<DetectorKind>,
}

/// What a timeline legend entry's small drawing shows.
#[derive(Clone, Copy)]
enum Key {
    /// A vertical line of a class (an arrival, a deadline, now, the highlight).
    Line(&'static str),
    /// A belief band of a class.
    Band(&'static str),
    /// The ground truth's thin bar of a class.
    Bar(&'static str),
    /// Two bands, one above the other.
    TwoBands,
}

/// The small drawing of a key, in the timeline's own classes.
fn key_svg(k: Key) -> Html {
    let mark = match k {
        Key::Line(class) => html! { <line class={class} x1="12" x2="12" y1="0" y2="14" /> },
        Key::Band(class) => {
            html! { <rect class={classes!("span", class)} x="2" y="2" width="20" height="10" /> }
        }
        Key::Bar(class) => {
            html! { <rect class={classes!("span", class)} x="2" y="5" width="20" height="5" /> }
        }
        Key::TwoBands => html! {
            <>
                <rect class="span span-suspected" x="2" y="1" width="20" height="5" />
                <rect class="span span-dead" x="2" y="8" width="20" height="5" />
            </>
        },
    };
    html! {
        <svg class="timeline-key" viewBox="0 0 24 14" width="24" height="14" aria-hidden="true" focusable="false">{ mark }</svg>
    }
}

/// The timeline's key: every mark it can show, drawn in the timeline's own classes.
#[function_component(TimelineLegend)]
fn timeline_legend(p: &TimelineLegendProps) -> Html {
    let mut entries: Vec<(&'static str, Key, String)> = vec![
        (
            "arrival",
            Key::Line("arrival"),
            "a heartbeat arrives".into(),
        ),
        (
            "span-suspected",
            Key::Band("span-suspected"),
            "suspected".into(),
        ),
        ("span-dead", Key::Band("span-dead"), "declared dead".into()),
    ];
    if let [upper, lower] = p.kinds[..] {
        entries.push((
            "bands",
            Key::TwoBands,
            format!(
                "two bands per node: upper {}, lower {}",
                detector_word(upper),
                detector_word(lower)
            ),
        ));
    }
    // SWIM has no deadline on silence to draw.
    for &k in p.kinds.iter().filter(|&&k| k != DetectorKind::Swim) {
        entries.push(match k {
            DetectorKind::Fixed => (
                "threshold-timeout",
                Key::Line("threshold threshold-timeout"),
                "the timeout's deadline if nothing more arrives".into(),
            ),
            DetectorKind::Phi | DetectorKind::Swim => (
                "threshold-phi",
                Key::Line("threshold threshold-phi"),
                "φ's deadline if nothing more arrives".into(),
            ),
        });
    }
    if p.show_truth {
        entries.extend([
            (
                "span-crashed",
                Key::Bar("span-crashed"),
                "truth: crashed".into(),
            ),
            ("span-slow", Key::Bar("span-slow"), "paused or slow".into()),
            (
                "span-overloaded",
                Key::Bar("span-overloaded"),
                "overloaded".into(),
            ),
            ("span-cut", Key::Bar("span-cut"), "cut off".into()),
        ]);
    }
    entries.push(("now", Key::Line("now"), "now".into()));
    entries.push((
        "highlight",
        Key::Line("highlight"),
        "the highlighted event".into(),
    ));
    html! {
        <ul class="legend timeline-legend" aria-label="Legend of the timeline">
            { for entries.into_iter().map(|(key, k, text)| html! {
                <li data-legend={key}>{ key_svg(k) }<span>{ text }</span></li>
            }) }
        </ul>
    }
}

/// A tick label: seconds below a minute, then minutes and seconds ("2:05"), so that neighbouring
/// ticks never read the same. The run's start reads "0 s" beside "5 s", not "0 ms".
fn axis_label(ms: u64) -> String {
    if ms == 0 {
        return "0 s".into();
    }
    if ms < 60_000 {
        return format_duration(ms);
    }
    let (min, sec, tenths) = (ms / 60_000, (ms / 1000) % 60, (ms % 1000) / 100);
    if ms % 1000 == 0 {
        format!("{min}:{sec:02}")
    } else {
        format!("{min}:{sec:02}.{tenths}")
    }
}

/// The time axis: a tick with its label every few seconds or minutes (by the window's length)
/// from `start` to `end`, placed by `ax`.
fn axis_ticks(window: u64, start: f64, end: f64, height: f64, ax: &dyn Fn(f64) -> f64) -> Html {
    let step = match window {
        w if w <= 40_000 => 5_000,
        w if w <= 120_000 => 20_000,
        w if w <= 600_000 => 60_000,
        _ => 300_000,
    };
    let first_tick = ((start.max(0.0) as u64).div_ceil(step)) * step;
    (0..)
        .map(|k| first_tick + k * step)
        .take_while(|&t| (t as f64) <= end)
        .map(|t| {
            let x = ax(t as f64);
            html! {
                <g class="axis-tick">
                    <line x1={x.to_string()} x2={x.to_string()} y1={(AXIS_H - 4.0).to_string()} y2={height.to_string()} />
                    <text x={x.to_string()} y="12" text-anchor="middle">{ axis_label(t) }</text>
                </g>
            }
        })
        .collect()
}

/// Each lane's background and label, the selected node's marked; with two detectors, each
/// band's detector named beside it.
fn lane_backgrounds(
    lanes: &[NodeId],
    selected_node: Option<NodeId>,
    width: f64,
    layout: &LaneLayout,
    kinds: &[DetectorKind],
) -> Html {
    lanes.iter().enumerate().map(|(row, &id)| {
        let y = AXIS_H + row as f64 * layout.lane_h;
        let selected = selected_node == Some(id);
        let band_labels = (kinds.len() > 1).then(|| kinds.iter().enumerate().map(|(slot, &k)| {
            let by = layout.band_y(y, slot) + layout.band_h - 2.0;
            html! { <text class="band-label" x={(layout.label_w - 4.0).to_string()} y={by.to_string()} text-anchor="end">{ detector_word(k) }</text> }
        }).collect::<Html>());
        html! {
            <g key={id.0} class={classes!("lane", selected.then_some("selected"))}>
                <rect class="lane-bg" x={layout.label_w.to_string()} y={y.to_string()} width={(width - layout.label_w).to_string()} height={(layout.lane_h - 2.0).to_string()} />
                <text class="lane-label" x="4" y={(y + 16.0).to_string()}>{ format!("node {}", id.0) }</text>
                { band_labels }
            </g>
        }
    }).collect()
}
