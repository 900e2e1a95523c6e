//! How the news of a crash spread: when it was first suspected, first declared dead, and when
//! every live observer knew, with a step plot of declarations over the time since the crash.

use yew::prelude::*;

use crate::sim::metrics::Failure;
use crate::sim::time::format_duration;
use crate::sim::{NodeId, World};
use crate::ui::sentence::capitalize;

const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 120.0;
/// Room for the axes' labels.
const LEFT: f64 = 28.0;
const BOTTOM: f64 = 22.0;

/// Who declared the crash `f` dead with the deciding detector, and how long after it, first to
/// last.
pub fn declarations(world: &World, f: &Failure) -> Vec<(NodeId, u64)> {
    let decides = world.detectors()[0];
    let mut declared: Vec<(NodeId, u64)> = f
        .detections
        .iter()
        .filter(|d| d.detector == decides)
        .map(|d| (d.observer, d.latency_ms))
        .collect();
    crate::sim::sort::by_key(&mut declared, |&(o, ms)| {
        crate::sim::sort::pair(ms, u64::from(o.0))
    });
    declared
}

/// The summary and the plot of how the newest crash's news spread among the observers that still
/// run (for a central monitor, one observer: just the summary). `name_crash`: the summary starts
/// by saying which node crashed when (left out where the page has just said it).
pub fn spread_of(world: &World, f: &Failure, name_crash: bool) -> Html {
    let declared: Vec<u64> = declarations(world, f).iter().map(|d| d.1).collect();
    let observers = world
        .observer_ids()
        .into_iter()
        .filter(|&o| o != f.node && world.node(o).is_none_or(|n| !n.faults.crashed))
        .count()
        .max(declared.len());
    let mut parts = Vec::new();
    if name_crash {
        parts.push(format!("{} crashed at {}", f.node, f.crashed_at));
    }
    if let Some(s) = f.first_suspected_ms {
        parts.push(format!("first suspected after {}", format_duration(s)));
    }
    if let Some(&first) = declared.first() {
        parts.push(format!(
            "first declared dead after {}",
            format_duration(first)
        ));
    }
    if observers > 1 {
        parts.push(if declared.len() >= observers {
            format!(
                "all {observers} observers knew after {}",
                format_duration(declared[declared.len() - 1])
            )
        } else {
            format!("{} of {observers} observers know so far", declared.len())
        });
    }
    if parts.is_empty() {
        parts.push("not suspected yet".into());
    }
    let summary = format!("{}.", capitalize(&parts.join("; ")));
    let plot = (observers > 1).then(|| plot(world, f, &declared, observers, &summary));
    html! {
        <div class="spread">
            <p data-testid="spread-summary">{ summary }</p>
            if plot.is_some() {
                { plot }
                <p class="explain">{ "The red line counts the observers that have declared it dead; the dashed line marks the first suspicion." }</p>
            }
        </div>
    }
}

fn plot(world: &World, f: &Failure, declared: &[u64], observers: usize, summary: &str) -> Html {
    // Until everyone knows, up to now; then up to the last declaration and a little more, so
    // the spread fills the plot.
    let since = world.now().since(f.crashed_at);
    let last = declared.last().copied().unwrap_or(0);
    let end = if declared.len() >= observers {
        (last + last / 5).min(since)
    } else {
        since
    };
    let span = end.max(f.first_suspected_ms.unwrap_or(0)).max(1) as f64;
    let x = |ms: u64| LEFT + (WIDTH - LEFT - 6.0) * ms as f64 / span;
    let y = |count: usize| {
        (HEIGHT - BOTTOM) - (HEIGHT - BOTTOM - 8.0) * count as f64 / observers as f64
    };
    let mut points = format!("{:.1},{:.1}", x(0), y(0));
    for (i, &ms) in declared.iter().enumerate() {
        points.push_str(&format!(
            " {:.1},{:.1} {:.1},{:.1}",
            x(ms),
            y(i),
            x(ms),
            y(i + 1)
        ));
    }
    points.push_str(&format!(" {:.1},{:.1}", x(span as u64), y(declared.len())));
    let suspected = f.first_suspected_ms.map(|s| {
        html! { <line class="spread-suspected" x1={format!("{:.1}", x(s))} x2={format!("{:.1}", x(s))} y1="8" y2={format!("{:.1}", HEIGHT - BOTTOM)} /> }
    });
    html! {
        <svg class="spread-plot" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img" aria-label={format!("Declarations over the time since the crash: {summary}")}>
            <line class="axis" x1={LEFT.to_string()} y1={(HEIGHT - BOTTOM).to_string()} x2={(WIDTH - 4.0).to_string()} y2={(HEIGHT - BOTTOM).to_string()} />
            <line class="axis" x1={LEFT.to_string()} y1="6" x2={LEFT.to_string()} y2={(HEIGHT - BOTTOM).to_string()} />
            { suspected }
            <polyline class="spread-line" points={points} />
            <text x={(LEFT - 4.0).to_string()} y="14" text-anchor="end">{ observers }</text>
            <text x={(LEFT - 4.0).to_string()} y={(HEIGHT - BOTTOM).to_string()} text-anchor="end">{ "0" }</text>
            <text x={LEFT.to_string()} y={(HEIGHT - 6.0).to_string()}>{ "crash" }</text>
            <text x={(WIDTH - 4.0).to_string()} y={(HEIGHT - 6.0).to_string()} text-anchor="end">{ format!("+{}", format_duration(span as u64)) }</text>
            <text x={((LEFT + WIDTH) / 2.0).to_string()} y={(HEIGHT - 6.0).to_string()} text-anchor="middle">{ "declared dead, over time" }</text>
        </svg>
    }
}
