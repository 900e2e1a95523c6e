//! The metrics panel: detection latency of each crash, false positives and false suspicions per
//! detector, message cost, failed requests, leaders (with the split-brain banner) and where the
//! work of each dead node went.

use yew::prelude::*;

use super::explain;
use super::state::WorldRef;
use crate::sim::time::format_duration;
use crate::sim::{DetectorKind, MONITOR};

/// Properties of the metrics panel.
#[derive(Properties, PartialEq)]
pub struct MetricsProps {
    /// The world (its version decides when the panel redraws).
    pub world: WorldRef,
    /// Whether the ground truth is shown.
    pub show_truth: bool,
}

fn secs(ms: f64) -> String {
    format!("{:.2} s", ms / 1000.0)
}

/// Says how many older entries a capped history let go, if any.
fn dropped_note(dropped: u64, what: &str) -> Html {
    if dropped == 0 {
        return Html::default();
    }
    html! {
        <p class="explain">{ format!("The run keeps its newest {} {what}; {dropped} older ones are no longer kept.", crate::sim::metrics::MAX_HISTORY) }</p>
    }
}

/// The leaders as the page names them: with leases, each with its epoch, and (with the ground
/// truth shown) a frozen node that still believes it leads is called a zombie.
pub(crate) fn leaders_text(world: &crate::sim::World, show_truth: bool) -> String {
    let leaders = world.leaders();
    let mut text = if leaders.is_empty() {
        "none".to_string()
    } else {
        leaders
            .iter()
            .map(|&l| match world.epoch_of(l) {
                Some(e) => format!("{l} (epoch {e})"),
                None => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    for n in (1..=world.config().nodes).map(crate::sim::NodeId) {
        if show_truth && world.is_zombie(n) {
            let e = world.epoch_of(n).unwrap_or(0);
            text.push_str(&format!(
                " · {n} is a zombie: frozen, it still believes it leads with epoch {e}, but its lease has lapsed"
            ));
        }
    }
    text
}

/// Messages each node sends per second over the run, on average and at the busiest: flat for SWIM
/// however large the cluster, growing with it for all-to-all heartbeats.
fn per_member_load(world: &crate::sim::World) -> String {
    let secs = world.now().ms() as f64 / 1000.0;
    if secs <= 0.0 {
        return "—".into();
    }
    let m = world.metrics();
    let nodes = world.config().nodes.max(1);
    let members: u64 = m.sent_by.iter().skip(1).sum();
    let mean = members as f64 / f64::from(nodes) / secs;
    match m.busiest_sender() {
        Some((id, sent)) if sent > 0 => format!(
            "{mean:.1} messages/s sent on average; the busiest, {id}, {:.1}/s",
            sent as f64 / secs
        ),
        _ => format!("{mean:.1} messages/s sent on average"),
    }
}

/// The metrics panel.
#[function_component(MetricsPanel)]
pub fn metrics_panel(props: &MetricsProps) -> Html {
    let world = props.world.world();
    let m = world.metrics();
    let now = world.now();
    let kinds = world.detectors();
    let (rate_msgs, rate_bytes) = m.rate.rates(now);
    let expected = world.config().expected_messages_per_sec();
    let swim = matches!(world.config().topology, crate::sim::Topology::Swim(_));

    let detector_rows = kinds.iter().map(|&k| {
        let d = m.detector(k);
        html! {
            <tr>
                <th scope="row">{ k.label() }</th>
                <td data-testid={format!("detections-{}", k.label())}>{ d.detections }</td>
                <td>{ d.mean_latency_ms().map_or("—".into(), secs) }</td>
                <td>{ if d.detections > 0 { secs(d.latency_max_ms as f64) } else { "—".into() } }</td>
                <td data-testid={format!("false-positives-{}", k.label())} class={classes!((d.false_positives > 0).then_some("status-bad"))}>
                    { d.false_positives }
                </td>
                <td data-testid={format!("cluster-false-positives-{}", k.label())}>{ d.cluster_false_positives }</td>
                <td>{ d.false_suspicions }</td>
            </tr>
        }
    });

    let failures = m.failures.iter().rev().take(8).map(|f| {
        let by_primary: Vec<u64> = f
            .detections
            .iter()
            .filter(|d| d.detector == kinds[0])
            .map(|d| d.latency_ms)
            .collect();
        let text = if by_primary.is_empty() {
            if f.ended_at.is_some() {
                "restarted before anyone declared it dead".to_string()
            } else {
                "not declared dead yet".to_string()
            }
        } else if f.detections.iter().all(|d| d.observer == MONITOR) {
            format!("declared dead after {}", format_duration(by_primary[0]))
        } else {
            let mean = by_primary.iter().sum::<u64>() as f64 / by_primary.len() as f64;
            let max = by_primary.iter().max().copied().unwrap_or(0);
            format!(
                "declared dead by {} nodes, after {} on average (last after {})",
                by_primary.len(),
                secs(mean),
                format_duration(max)
            )
        };
        html! { <li>{ format!("{} crashed at {}: {text}", f.node, f.crashed_at) }</li> }
    });

    let recoveries = m.recoveries.iter().rev().take(6).map(|r| {
        let moved = r.moved.iter().map(|(n, c)| format!("{} ({c})", n)).collect::<Vec<_>>().join(", ");
        let total: u32 = r.moved.iter().map(|(_, c)| c).sum();
        html! {
            <li>
                { format!("{}: {total} work {} of {} moved to {moved}", r.at, if total == 1 { "item" } else { "items" }, r.node) }
                if r.was_up && props.show_truth { <strong class="status-bad">{ " — it was alive: a false positive moved its work" }</strong> }
            </li>
        }
    });

    let leaders = world.leaders();
    let split_brain = m.leaders > 1;
    let requests = m.requests_ok + m.requests_failed;
    html! {
        <section class="panel metrics" aria-labelledby="metrics-heading">
            <h3 id="metrics-heading">{ "Metrics" }</h3>
            if split_brain {
                <div class="banner split-brain" role="alert">
                    { format!("Split brain: {} nodes each believe they are the leader ({}).", m.leaders,
                        leaders.iter().map(|l| l.to_string()).collect::<Vec<_>>().join(", ")) }
                    { if world.config().quorum { "" } else { " A majority quorum would prevent this." } }
                </div>
            }
            if !props.show_truth {
                <p class="explain">{ "Detection latency and false positives compare the detector's beliefs with the ground truth, so they are hidden with it." }</p>
            }
            <div class="table-scroll" hidden={!props.show_truth}>
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{ "detector" }</th>
                            <th scope="col">{ "crashes detected" }</th>
                            <th scope="col" title={explain::define("detection latency")}>{ "mean latency" }</th>
                            <th scope="col" title={explain::define("detection latency")}>{ "max latency" }</th>
                            <th scope="col" title={explain::define("false positive")}>{ "false positives (per observer)" }</th>
                            <th scope="col" title={explain::define("cluster")}>{ "false positives (cluster)" }</th>
                            <th scope="col" title={explain::define("false suspicion")}>{ "false suspicions" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for detector_rows }</tbody>
                </table>
            </div>
            if props.show_truth {
                <p class="explain definitions">
                    <dfn>{ "False positive" }</dfn>{ ": a running node (slow, paused, overloaded or cut off, but not crashed) declared dead. It is one mistake per episode: a node declared dead again before the observer has heard from it twice in a row, in time, is the same mistake. " }
                    <dfn>{ "Per observer" }</dfn>{ " counts each observer's mistakes (without a monitor, every node observes); " }
                    <dfn>{ "cluster" }</dfn>{ " counts episodes in which at least one observer erred, so topologies compare. " }
                    <dfn>{ "False suspicion" }</dfn>{ ": a running node suspected (not yet declared dead), counted each time." }
                </p>
            }
            <dl class="figures">
                <dt>{ if swim { "SWIM messages (pings, acks, ping-reqs, nacks)" } else { "heartbeat messages" } }</dt>
                <dd>{ format!("{rate_msgs:.1}/s now, {:.1}/s on average (formula: {expected:.1}/s)", m.messages_per_sec(now)) }</dd>
                <dt>{ "per member" }</dt>
                <dd data-testid="per-member-load">{ per_member_load(&world) }</dd>
                <dt>{ "bytes" }</dt>
                <dd>{ format!("{:.0} B/s now", rate_bytes) }</dd>
                <dt>{ "dropped" }</dt>
                <dd>{ format!("{} messages", m.dropped_total()) }</dd>
                <dt title={explain::define("client requests")}>{ "client requests" }</dt>
                <dd data-testid="requests">{ format!("{} served, {} failed", m.requests_ok, m.requests_failed) }
                    { if requests > 0 { format!(" ({:.1} % failed)", m.requests_failed as f64 * 100.0 / requests as f64) } else { String::new() } }</dd>
                <dt title={explain::define("leader")}>{ "leaders" }</dt>
                <dd data-testid="leaders">
                    { leaders_text(&world, props.show_truth) }
                    { if m.split_brain_ms_at(now) > 0 { format!(" · split brain for {} in total", format_duration(m.split_brain_ms_at(now))) } else { String::new() } }
                </dd>
                if m.replacements > 0 {
                    <dt title={explain::define("replacement")}>{ "replacements" }</dt>
                    <dd>{ if props.show_truth {
                        format!("{} started, {} wasted on nodes that were alive", m.replacements, m.wasted_replacements)
                    } else {
                        format!("{} started", m.replacements)
                    } }</dd>
                }
            </dl>
            if !m.failures.is_empty() && props.show_truth {
                <h4>{ "Crashes" }</h4>
                <ul class="compact">{ for failures }</ul>
                { dropped_note(m.failures.dropped(), "crashes") }
                if let Some(f) = m.failures.back() {
                    <h4>{ "How the newest crash's news spread" }</h4>
                    { super::spread_plot::spread_of(&world, f, true) }
                }
            }
            if !m.recoveries.is_empty() {
                <h4>{ "Where the work went" }</h4>
                <ul class="compact">{ for recoveries }</ul>
                { dropped_note(m.recoveries.dropped(), "moves") }
            }
            <p class="explain">{ if swim { explain::SWIM_COST } else { explain::COST } }</p>
            if kinds.contains(&DetectorKind::Phi) {
                <p class="explain">{ "Phi accrual turns silence into a suspicion level φ: the longer the silence compared with the heartbeat gaps seen so far, the higher φ. φ = 8 means about a one-in-a-hundred-million chance that the node is only late." }</p>
            }
        </section>
    }
}
