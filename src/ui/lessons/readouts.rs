//! The lesson stage's readouts: small panels that each show one thing a lesson's question is
//! about (detections and false positives, message cost, leaders and the work store, requests over
//! time, when each node declared a crash), read from the run the stage plays.

use yew::prelude::*;

use crate::scenario::lessons::Readout;

use crate::sim::journal::LogKind;
use crate::sim::metrics::RequestSecond;
use crate::sim::time::format_duration;
use crate::sim::{NodeId, TraceKind, World};
use crate::ui::heartbeats::parts::{WorldRef, declarations, leaders_text, spread_of};

/// Properties of a Heartbeats readout.
#[derive(Properties, PartialEq)]
pub struct ReadoutProps {
    /// Which readout.
    pub which: Readout,
    /// The run (its version decides when the readout redraws).
    pub world: WorldRef,
    /// Whether the ground truth is shown (false positives need it).
    pub show_truth: bool,
}

/// One readout of the stage, redrawn only when the run's version or the truth changes. One
/// component for all of them: each component costs the module its own copy of Yew's lifecycle.
#[function_component(StageReadout)]
pub fn stage_readout(p: &ReadoutProps) -> Html {
    match p.which {
        Readout::Detection => detection_readout(p),
        Readout::Messages => messages_readout(p),
        Readout::Leaders => leaders_readout(p),
        Readout::LeaderLog => leader_log_readout(p),
        Readout::Requests => requests_readout(p),
        Readout::Spread => spread_readout(p),
        Readout::Health => health_readout(p),
        _ => html! {},
    }
}

fn secs(ms: f64) -> String {
    format!("{:.1} s", ms / 1000.0)
}

/// Each detector's detections, detection latency and false positives.
fn detection_readout(p: &ReadoutProps) -> Html {
    let world = p.world.world();
    let m = world.metrics();
    if !p.show_truth {
        return html! {
            <section class="readout" aria-label="Detection">
                <p class="explain">{ "Detection latency and false positives compare beliefs with the ground truth, which is hidden." }</p>
            </section>
        };
    }
    let rows = world.detectors().iter().map(|&k| {
        let d = m.detector(k);
        html! {
            <tr>
                <th scope="row">{ k.label() }</th>
                <td data-testid={format!("stage-detections-{}", k.label())}>{ d.detections }</td>
                <td>{ d.mean_latency_ms().map_or("—".into(), secs) }</td>
                <td data-testid={format!("stage-false-positives-{}", k.label())}
                    class={classes!((d.false_positives > 0).then_some("status-bad"))}>{ d.false_positives }</td>
            </tr>
        }
    });
    html! {
        <section class="readout" aria-labelledby="readout-detection">
            <h3 id="readout-detection">{ "Detection" }</h3>
            <table class="compact-table">
                <thead><tr>
                    <th scope="col">{ "detector" }</th>
                    <th scope="col" title="Declarations of a crashed node's death, one per observer">{ "crashes detected" }</th>
                    <th scope="col" title="From the crash to the declaration">{ "mean latency" }</th>
                    <th scope="col">{ "false positives" }</th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            <p class="explain definitions">
                <dfn>{ "Latency" }</dfn>{ ": from the crash to the declaration. " }
                <dfn>{ "False positive" }</dfn>{ ": a running node (slow, paused, cut off or overloaded) declared dead." }
            </p>
        </section>
    }
}

/// Heartbeat messages and bytes per second, with the formula.
fn messages_readout(p: &ReadoutProps) -> Html {
    let world = p.world.world();
    let now = world.now();
    let (msgs, bytes) = world.metrics().rate.rates(now);
    let config = world.config();
    html! {
        <section class="readout" aria-labelledby="readout-messages">
            <h3 id="readout-messages">{ "Cost" }</h3>
            <dl class="figures">
                <dt>{ "heartbeat messages" }</dt>
                <dd data-testid="stage-messages">{ format!("{msgs:.1} per second now") }</dd>
                <dt>{ "formula, all running" }</dt>
                <dd>{ format!("{:.1} per second ({})", config.expected_messages_per_sec(), config.topology.label()) }</dd>
                <dt>{ "bytes" }</dt>
                <dd>{ format!("{bytes:.0} B per second now") }</dd>
            </dl>
        </section>
    }
}

/// The newest `count` trace events `keep` picks, newest first.
fn newest<T>(world: &World, count: usize, keep: impl Fn(&TraceKind) -> Option<T>) -> Vec<T> {
    world
        .trace()
        .recent()
        .rev()
        .filter_map(|e| keep(&e.kind))
        .take(count)
        .collect()
}

/// The leaders and their epochs, who asks to lead without a majority, and who holds the work.
fn leaders_readout(p: &ReadoutProps) -> Html {
    let world = p.world.world();
    let m = world.metrics();
    let n = world.config().nodes;
    let without_quorum: Vec<(NodeId, u32)> = {
        let mut seen = Vec::new();
        for (node, promises) in newest(&world, 64, |k| match *k {
            TraceKind::NoQuorum { node, promises } => Some((node, promises)),
            _ => None,
        }) {
            if !seen.iter().any(|(s, _)| *s == node) && !world.leaders().contains(&node) {
                seen.push((node, promises));
            }
        }
        seen
    };
    let work = (1..=n).map(NodeId).map(|id| {
        let count = world.work().count(id);
        html! { <li class={classes!((count == 0).then_some("explain"))}>{ format!("{id}: {count}") }</li> }
    });
    html! {
        <section class="readout" aria-labelledby="readout-leaders">
            <h3 id="readout-leaders">{ "Leaders" }</h3>
            if m.leaders > 1 {
                <p class="banner split-brain" role="alert">
                    { format!("Split brain: {} nodes each act as the leader.", m.leaders) }
                </p>
            }
            <p data-testid="stage-leaders"><strong>{ "leading: " }</strong>{ leaders_text(&world, p.show_truth) }</p>
            if world.config().quorum {
                <p data-testid="stage-no-quorum">
                    <strong>{ "no quorum: " }</strong>
                    { if without_quorum.is_empty() {
                        "nobody".to_string()
                    } else {
                        without_quorum.iter().map(|(node, promises)| format!("{node} asks to lead with {promises} of {n} promises, so it does not lead")).collect::<Vec<_>>().join("; ")
                    } }
                </p>
            }
            <p class="explain">{ "Work items each node holds (a leader moves a dead node's items):" }</p>
            <ul class="inline-list" aria-label="Work items per node">{ for work }</ul>
        </section>
    }
}

/// The newest lines of the log about leaders, leases and the work store.
fn leader_log_readout(p: &ReadoutProps) -> Html {
    let run = p.world.run.borrow();
    let lines: Vec<Html> = run
        .journal()
        .log()
        .rev()
        .filter(|e| matches!(e.kind, LogKind::Leader | LogKind::Recovery))
        .take(6)
        .map(|e| {
            let refused = e.text.contains("refused");
            html! { <li class={classes!(refused.then_some("status-bad"))}><span class="mono">{ e.at.to_string() }</span>{ format!(" {}", e.text) }</li> }
        })
        .collect();
    html! {
        <section class="readout" aria-labelledby="readout-log">
            <h3 id="readout-log">{ "Log: leaders and the work store" }</h3>
            if lines.is_empty() {
                <p class="explain">{ "Nothing yet." }</p>
            } else {
                <ol class="compact log-lines" reversed=true>{ for lines }</ol>
            }
        </section>
    }
}

/// A bar per second: served requests, and failed ones in red on top.
fn request_bars(seconds: &[RequestSecond], until_s: u64) -> Html {
    const W: f64 = 300.0;
    const H: f64 = 60.0;
    let span = until_s.max(10) as f64;
    let most = seconds
        .iter()
        .map(|s| s.ok + s.failed)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let bar_w = (W / span).max(1.0);
    let bars = seconds.iter().map(|s| {
        let x = s.second as f64 / span * W;
        let ok_h = s.ok as f64 / most * H;
        let failed_h = s.failed as f64 / most * H;
        html! {
            <g>
                <rect class="req-ok" x={format!("{x:.1}")} y={format!("{:.1}", H - ok_h)} width={format!("{:.1}", bar_w * 0.8)} height={format!("{ok_h:.1}")} />
                if s.failed > 0 {
                    <rect class="req-failed" x={format!("{x:.1}")} y={format!("{:.1}", H - ok_h - failed_h)} width={format!("{:.1}", bar_w * 0.8)} height={format!("{failed_h:.1}")} />
                }
            </g>
        }
    });
    let ticks = (0..=until_s.max(10)).step_by(10).map(|t| {
        let x = t as f64 / span * W;
        html! { <text x={format!("{x:.1}")} y={(H + 12.0).to_string()} text-anchor="middle">{ format!("{t} s") }</text> }
    });
    let failed_seconds: Vec<String> = seconds
        .iter()
        .filter(|s| s.failed > 0)
        .map(|s| format!("{} s: {} failed", s.second, s.failed))
        .collect();
    let label = if failed_seconds.is_empty() {
        "Requests per second: none failed".to_string()
    } else {
        format!(
            "Requests per second. Failures: {}",
            failed_seconds.join(", ")
        )
    };
    html! {
        <svg class="request-chart" viewBox={format!("-14 -2 {} {}", W + 28.0, H + 16.0)} role="img" aria-label={label}>
            { for bars }
            { for ticks }
        </svg>
    }
}

/// Requests served and failed over time, where dead nodes' work went, and the replacements.
fn requests_readout(p: &ReadoutProps) -> Html {
    let world = p.world.world();
    let m = world.metrics();
    let seconds: Vec<RequestSecond> = m.requests_by_second.iter().copied().collect();
    let last_failure = seconds
        .iter()
        .rev()
        .find(|s| s.failed > 0)
        .map(|s| s.second);
    let moves = m.recoveries.iter().rev().take(3).map(|r| {
        let to = r.moved.iter().map(|(n, c)| format!("{n} ({c})")).collect::<Vec<_>>().join(", ");
        html! {
            <li>
                { format!("{}: {}'s work moved to {to}", r.at, r.node) }
                if r.was_up && p.show_truth { <strong class="status-bad">{ " — it was alive" }</strong> }
            </li>
        }
    });
    let replacements = newest(&world, 4, |k| match *k {
        TraceKind::Replacement { node, was_up } => Some((node, was_up)),
        _ => None,
    });
    html! {
        <section class="readout" aria-labelledby="readout-requests">
            <h3 id="readout-requests">{ "Client requests" }</h3>
            <p data-testid="stage-requests">
                { format!("{} served, {} failed", m.requests_ok, m.requests_failed) }
                { match last_failure {
                    Some(s) => format!(" · last failure in second {s}"),
                    None => String::new(),
                } }
            </p>
            { request_bars(&seconds, world.now().ms() / 1000) }
            <ul class="legend" aria-label="Chart key">
                <li><span class="swatch req-ok"></span>{ "served" }</li>
                <li><span class="swatch req-failed"></span>{ "failed" }</li>
            </ul>
            if !m.recoveries.is_empty() {
                <h4>{ "Where the work went" }</h4>
                <ul class="compact">{ for moves }</ul>
            }
            <p data-testid="stage-replacements">
                <strong>{ "replacements: " }</strong>
                { if replacements.is_empty() {
                    "none yet".to_string()
                } else {
                    replacements.iter().rev().map(|(node, was_up)| {
                        if *was_up && p.show_truth { format!("for {node}, which was alive (wasted)") } else { format!("for {node}") }
                    }).collect::<Vec<_>>().join("; ")
                } }
            </p>
        </section>
    }
}

/// When each node declared the newest crash dead: the spread a timeout without a center allows for.
fn spread_readout(p: &ReadoutProps) -> Html {
    let world = p.world.world();
    let m = world.metrics();
    let Some(f) = m.failures.back() else {
        return html! {
            <section class="readout" aria-labelledby="readout-spread">
                <h3 id="readout-spread">{ "Who declared it dead, when" }</h3>
                <p class="explain">{ "No node has crashed yet." }</p>
            </section>
        };
    };
    let declared = declarations(&world, f);
    let waiting =
        world.config().nodes as usize - 1 - declared.len().min(world.config().nodes as usize - 1);
    let spread = match (declared.first(), declared.last()) {
        (Some(a), Some(b)) if declared.len() > 1 => {
            format!("first to last: {}", format_duration(b.1 - a.1))
        }
        _ => String::new(),
    };
    let rows = declared.iter().map(|&(o, ms)| {
        html! { <li>{ format!("{o}: after {}", format_duration(ms)) }</li> }
    });
    html! {
        <section class="readout" aria-labelledby="readout-spread">
            <h3 id="readout-spread">{ format!("Who declared {} dead, when", f.node) }</h3>
            <p data-testid="stage-spread">
                { format!("{} crashed at {}. {} of {} nodes have declared it dead", f.node, f.crashed_at, declared.len(), world.config().nodes - 1) }
                { if spread.is_empty() { String::new() } else { format!("; {spread}") } }
                { if waiting > 0 { "; the others still wait." } else { "." } }
            </p>
            <ol class="inline-list spread-list" aria-label="Declarations, first to last">{ for rows }</ol>
            { spread_of(&world, f, false) }
        </section>
    }
}

/// SWIM with Lifeguard: each member's own health score, how often it probes and how long it waits
/// for an ack because of it, and (with the truth) its false positives: running members it came to
/// believe dead.
fn health_readout(p: &ReadoutProps) -> Html {
    let world = p.world.world();
    let crate::sim::Topology::Swim(settings) = world.config().topology else {
        return html! {};
    };
    let m = world.metrics();
    let aware = settings.awareness_max_multiplier > 1;
    let rows = (1..=world.config().nodes).map(NodeId).filter_map(|id| {
        let member = world.swim_member(id)?;
        let factor = u64::from(member.awareness() + 1);
        let score = member.awareness();
        let falsely = m.false_positives_of(id);
        Some(html! {
            <tr>
                <th scope="row">{ id.to_string() }</th>
                <td data-testid={format!("health-score-{}", id.0)} class={classes!((score > 0).then_some("status-warn"))}>{ score }</td>
                <td>{ format_duration(settings.probe_interval_ms.saturating_mul(factor)) }</td>
                <td>{ format_duration(settings.probe_timeout_ms.saturating_mul(factor)) }</td>
                if p.show_truth {
                    <td data-testid={format!("health-false-{}", id.0)} class={classes!((falsely > 0).then_some("status-bad"))}>{ falsely }</td>
                }
            </tr>
        })
    });
    let lifeguard = match (aware, settings.lifeguard_suspicion) {
        (true, true) => "Lifeguard is on: a member that misses its own acks raises its health score (0 is healthy) and probes less often and waits longer, by the score + 1; a suspicion starts long and shortens as others confirm it.".to_string(),
        (false, false) => format!("Lifeguard is off: every member probes every {} and waits {} whatever its own state, and a suspicion lasts a fixed {}.", format_duration(settings.probe_interval_ms), format_duration(settings.probe_timeout_ms), format_duration(settings.suspicion_min_ms(world.config().nodes))),
        (true, false) => "Local health awareness is on; Lifeguard's suspicion timeout is off (a suspicion lasts a fixed time).".to_string(),
        (false, true) => "Local health awareness is off; Lifeguard's suspicion timeout is on.".to_string(),
    };
    html! {
        <section class="readout" aria-labelledby="readout-health">
            <h3 id="readout-health">{ "Each member's own health" }</h3>
            <p class="explain">{ lifeguard }</p>
            <div class="table-scroll">
                <table class="compact-table">
                    <thead><tr>
                        <th scope="col">{ "member" }</th>
                        <th scope="col" title={crate::ui::heartbeats::explain::define("health score")}>{ "health score" }</th>
                        <th scope="col">{ "probes every" }</th>
                        <th scope="col">{ "waits for an ack" }</th>
                        if p.show_truth {
                            <th scope="col" title="Running members it came to believe dead, by its own probes or on another member's word (ground truth)">{ "false positives" }</th>
                        }
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
        </section>
    }
}
