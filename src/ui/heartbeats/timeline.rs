//! The timeline: one lane per node over the last stretch of virtual time, with heartbeat arrivals
//! as ticks, suspected and dead spans as bands, fault spans from the ground truth, and the timeout
//! ahead of each node as a dashed threshold. Spans are focusable and clicking one highlights its
//! event in the log (and the other way round).

use yew::prelude::*;

use super::state::{Action, HeartbeatsState};
use crate::sim::journal::{Journal, Span, SpanKind};
use crate::sim::time::format_duration;
use crate::sim::{Belief, DetectorKind, NodeId, SimTime};

const MAX_LANES: usize = 12;
const WIDTH: f64 = 720.0;
const LABEL_W: f64 = 64.0;
const LANE_H: f64 = 26.0;
const AXIS_H: f64 = 22.0;

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

/// The timeline.
#[function_component(Timeline)]
pub fn timeline(props: &TimelineProps) -> Html {
    let state = &props.state;
    let world = state.world();
    let journal = state.journal();
    let now = world.now();
    let n = world.config().nodes;
    let window = journal.window_ms();
    let start = now.ms() as f64 - window as f64;
    // Room ahead of now for the deadlines: φ's sits further out than a tight fixed timeout's.
    let ahead = if world.detectors().len() > 1 {
        0.3
    } else {
        0.15
    };
    let end = now.ms() as f64 + window as f64 * ahead;
    // Marks are drawn in a coordinate system fixed to virtual time and slid into view by one
    // transform, so as time passes only that transform changes, not every mark's position.
    let scale = (WIDTH - LABEL_W) / (end - start);
    let epoch = ((start.max(0.0) / (window as f64 * 10.0)).floor()) * window as f64 * 10.0;
    let ax = |t: f64| (t - epoch) * scale;
    let shift = LABEL_W - (start - epoch) * scale;
    let view = world.observer(state.observer);

    let lanes = lanes(n, state.selected, &journal);
    let height = AXIS_H + LANE_H * lanes.len() as f64 + 6.0;
    let slots = view.map_or(1, |v| v.detectors().len());

    let draw_span = |lane_y: f64, id: NodeId, s: &Span| -> Option<Html> {
        if !state.show_truth && !s.kind.is_belief() {
            return None;
        }
        let s_end = s.end.unwrap_or(now).ms() as f64;
        let x1 = ax(s.start.ms() as f64);
        let x2 = ax(s_end).max(x1 + 2.0);
        let (y, h) = match s.kind {
            SpanKind::Suspected { slot } | SpanKind::Dead { slot } => {
                let h = 14.0 / slots as f64;
                (lane_y + 3.0 + h * slot as f64, h)
            }
            _ => (lane_y + 18.0, 5.0),
        };
        let label = format!(
            "node {} {} from {} to {}",
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
        let y = AXIS_H + row as f64 * LANE_H;
        let ticks = journal.arrivals(id).filter(|t| t.ms() as f64 >= start).map(|t| {
            let x = ax(t.ms() as f64);
            html! { <line key={t.ms()} class="arrival" x1={x.to_string()} x2={x.to_string()} y1={(y + 2.0).to_string()} y2={(y + 17.0).to_string()} /> }
        });
        let spans = journal.spans(id).filter_map(|s| draw_span(y, id, s));
        // The deadlines ahead: when each detector will declare the node dead if nothing arrives
        // (with both, the fixed timeout's dashed, φ's dotted, each across its own half of the lane).
        let thresholds = view.into_iter().flat_map(|v| {
            (0..slots).filter_map(move |slot| {
                if !v.watches(id) || v.belief(slot, id) == Belief::Dead {
                    return None;
                }
                let at = v.heard_at(id).ms() as f64 + v.thresholds_for(slot, id).dead_after_ms as f64;
                let kind = v.detectors()[slot];
                let (y1, y2) = if slots == 1 { (y + 1.0, y + 23.0) } else { (y + 1.0 + 11.0 * slot as f64, y + 12.0 + 11.0 * slot as f64) };
                (at <= end).then(|| {
                    let x = ax(at);
                    html! {
                        <line class={classes!("threshold", (kind == DetectorKind::Phi).then_some("threshold-phi"))} x1={x.to_string()} x2={x.to_string()} y1={y1.to_string()} y2={y2.to_string()}>
                            <title>{ format!("node {} is declared dead by the {} at {} unless a heartbeat arrives", id.0, kind.label(), SimTime(at as u64)) }</title>
                        </line>
                    }
                })
            })
        });
        html! {
            <g class="lane-marks" key={id.0}>
                { for spans }
                { for ticks }
                { for thresholds }
            </g>
        }
    });
    let lane_backgrounds = lane_backgrounds(&lanes, state.selected, slots);
    let axis = axis_ticks(window, start, end, height, &ax);
    let now_x = LABEL_W + (now.ms() as f64 - start) * scale;
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
                { format!("The last {} of virtual time as {} sees it: ticks are heartbeats arriving, bands are suspected (amber) and dead (red) spans{}; {}",
                    format_duration(window),
                    if state.observer.is_monitor() { "the monitor".to_string() } else { format!("node {}", state.observer.0) },
                    if state.show_truth { ", and the thin bars below are the ground truth" } else { "" },
                    if slots == 2 {
                        "with both detectors, each lane's upper half (T) is the fixed timeout's and its lower half (φ) is phi accrual's; the dashed mark is where the fixed timeout declares the node dead if nothing more arrives, the dotted mark where φ does."
                    } else {
                        "the dashed mark is each node's timeout if nothing more arrives."
                    }) }
                if journal.missed_events {
                    { " Some events passed too quickly to draw." }
                }
            </p>
            <div class="timeline-scroll">
            <svg class="timeline-svg" viewBox={format!("0 0 {WIDTH} {height}")} role="group" aria-label="Timeline of recent events per node">
                <defs>
                    <clipPath id="timeline-clip">
                        <rect x={LABEL_W.to_string()} y="0" width={(WIDTH - LABEL_W).to_string()} height={height.to_string()} />
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

/// A tick label: seconds below a minute, then minutes and seconds ("2:05"), so that neighbouring
/// ticks never read the same.
fn axis_label(ms: u64) -> String {
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

/// Each lane's background and label, the selected node's marked; with two detectors, which half
/// of the lane is whose ("T" for the fixed timeout, "φ").
fn lane_backgrounds(lanes: &[NodeId], selected_node: Option<NodeId>, slots: usize) -> Html {
    lanes.iter().enumerate().map(|(row, &id)| {
        let y = AXIS_H + row as f64 * LANE_H;
        let selected = selected_node == Some(id);
        html! {
            <g key={id.0} class={classes!("lane", selected.then_some("selected"))}>
                <rect class="lane-bg" x={LABEL_W.to_string()} y={y.to_string()} width={(WIDTH - LABEL_W).to_string()} height={(LANE_H - 2.0).to_string()} />
                <text class="lane-label" x="4" y={(y + 16.0).to_string()}>{ format!("node {}", id.0) }</text>
                if slots == 2 {
                    <text class="lane-detector" x={(LABEL_W - 4.0).to_string()} y={(y + 10.0).to_string()} text-anchor="end" aria-hidden="true">{ "T" }</text>
                    <text class="lane-detector" x={(LABEL_W - 4.0).to_string()} y={(y + 21.0).to_string()} text-anchor="end" aria-hidden="true">{ "φ" }</text>
                }
            </g>
        }
    }).collect()
}
