//! The monitor table: for each node, the silence since its last heartbeat, the detector's value
//! (share of the timeout, or φ), what the observer believes, the ground truth and the leader.

use yew::prelude::*;

use super::explain::define;
use super::node_picker::{NodePicker, PickTarget};
use super::state::{Action, HeartbeatsState, WorldRef};
use super::view_model::{NodeView, belief_class, truth_class};
use crate::sim::time::format_duration;
use crate::sim::{Belief, DetectorKind, MONITOR, NodeId};

/// What the belief columns mean.
const BELIEF: &str = "what the observer believes: alive; suspected (silent for a while); or dead (silent past the timeout, or φ past its threshold).";

/// More rows than this are cut, with a note (the filter narrows them down).
const MAX_ROWS: usize = 50;

/// Which rows the table shows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum RowFilter {
    All,
    NotAlive,
    Faulty,
}

/// Properties of the monitor table.
#[derive(Properties, PartialEq)]
pub struct MonitorTableProps {
    /// The world (its version decides when the table redraws).
    pub world: WorldRef,
    /// Whose view to show.
    pub observer: NodeId,
    /// The selected node.
    pub selected: Option<NodeId>,
    /// The observer whose history is being replayed (View of chosen, not in force yet): the
    /// picker shows it until the replay ends or is cancelled.
    #[prop_or_default]
    pub choosing: Option<NodeId>,
    /// Whether the ground truth is shown.
    pub show_truth: bool,
    /// The tab's dispatcher.
    pub dispatch: UseReducerDispatcher<HeartbeatsState>,
}

/// The monitor table.
#[function_component(MonitorTable)]
pub fn monitor_table(props: &MonitorTableProps) -> Html {
    let state = props;
    let filter = use_state(|| RowFilter::All);
    let world = state.world.world();
    let now = world.now();
    let n = world.config().nodes;
    let Some(view) = world.observer(state.observer) else {
        return html! {};
    };
    let kinds = view.detectors();
    let nodes = NodeView::all(&world, state.observer);
    let rows: Vec<&NodeView> = nodes
        .iter()
        .filter(|v| match *filter {
            RowFilter::All => true,
            RowFilter::NotAlive => {
                v.belief != Belief::Alive || v.second.is_some_and(|b| b != Belief::Alive)
            }
            RowFilter::Faulty => !state.show_truth || v.truth.is_faulty(),
        })
        .collect();
    let shown = rows.len().min(MAX_ROWS);

    let observer_picker = (!world.config().topology.is_central()).then(|| {
        html! {
            <NodePicker label="View of" nodes={n} value={Some(state.choosing.unwrap_or(state.observer))} target={PickTarget::Observer} dispatch={state.dispatch.clone()} />
        }
    });
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            filter.set(match v.as_str() {
                "not-alive" => RowFilter::NotAlive,
                "faulty" => RowFilter::Faulty,
                _ => RowFilter::All,
            });
        })
    };
    let heading = if state.observer == MONITOR {
        "What the monitor believes".to_string()
    } else {
        format!("What node {} believes", state.observer.0)
    };

    let header_cells = kinds.iter().map(|k| match k {
        DetectorKind::Fixed => html! { <>
            <th scope="col" class="col-value" title={define("timeout")}>{ "silence ÷ timeout" }</th>
            <th scope="col" class="col-belief" title={BELIEF}>{ "belief (timeout)" }</th>
        </> },
        DetectorKind::Phi => html! { <>
            <th scope="col" class="col-value" title={define("φ")}>{ "φ" }</th>
            <th scope="col" class="col-belief" title={BELIEF}>{ "belief (φ)" }</th>
        </> },
        DetectorKind::Swim => html! { <>
            <th scope="col" class="col-value col-incarnation" title={define("incarnation")}>{ "incarnation" }</th>
            <th scope="col" class="col-belief" title={BELIEF}>{ "belief (SWIM)" }</th>
        </> },
    });

    let body = rows.iter().take(MAX_ROWS).map(|v| {
        let id = v.id;
        let select = {
            let dispatch = state.dispatch.clone();
            Callback::from(move |_| dispatch.dispatch(Action::Select(Some(id))))
        };
        let selected = state.selected == Some(id);
        let silence = view.silence_ms(id, now);
        // SWIM members hear no heartbeats: only probes and news, which the belief column shows.
        let heard = if view.swim() { "—".to_string() } else if view.last_seq(id) == 0 { "not yet".to_string() } else { format!("{} ago", format_duration(silence)) };
        let detector_cells = kinds.iter().enumerate().map(|(slot, k)| {
            let b = if v.is_observer { Belief::Alive } else { view.belief(slot, id) };
            let level = view.level(slot, id, now);
            let (value, value_label, belief_label) = match k {
                DetectorKind::Fixed => (format!("{:.0} %", level * 100.0), "silence ÷ timeout", "belief (timeout)"),
                DetectorKind::Phi => (format!("{level:.2}"), "φ", "belief (φ)"),
                // SWIM decides by probes, not by a level of silence: the column shows the
                // incarnation the observer knows, which a refutation raises.
                DetectorKind::Swim => (
                    world
                        .swim_member(state.observer)
                        .and_then(|m| m.belief(id))
                        .map_or("—".to_string(), |(_, inc)| inc.to_string()),
                    "incarnation",
                    "belief (SWIM)",
                ),
            };
            html! {
                <>
                    <td class="mono" data-label={value_label}>{ if v.is_observer && *k != DetectorKind::Swim { "—".to_string() } else { value } }</td>
                    <td class={classes!("belief", belief_class(b))} data-label={belief_label}>{ if v.is_observer { "(self)" } else { b.label() } }</td>
                </>
            }
        });
        html! {
            <tr class={classes!(selected.then_some("selected"))} data-node={id.0.to_string()}>
                <th scope="row">
                    <button class="linkish" onclick={select} aria-pressed={selected.to_string()}>{ format!("Node {}", id.0) }</button>
                    if v.leader { <span class="leader-badge" title="leader">{ " ★" }<span class="visually-hidden">{ " leader" }</span></span> }
                </th>
                <td class="mono" data-label="last heard">{ if v.is_observer { "—".to_string() } else { heard } }</td>
                { for detector_cells }
                if state.show_truth {
                    <td class={classes!("truth", truth_class(&v.truth))} data-label="truth">{ v.truth.label() }</td>
                }
                <td class="mono" data-label="work items">{ world.work().count(id) }</td>
            </tr>
        }
    });

    html! {
        <section class="panel monitor-table" aria-labelledby="monitor-heading">
            <h3 id="monitor-heading">{ heading }</h3>
            <div class="row">
                { observer_picker }
                <label class="inline">
                    { "Show " }
                    <select onchange={on_filter} aria-label="Which nodes to list">
                        <option value="all" selected={*filter == RowFilter::All}>{ "all nodes" }</option>
                        <option value="not-alive" selected={*filter == RowFilter::NotAlive}>{ "suspected or dead" }</option>
                        if state.show_truth {
                            <option value="faulty" selected={*filter == RowFilter::Faulty}>{ "really faulty (truth)" }</option>
                        }
                    </select>
                </label>
                <label class="inline">
                    <input type="checkbox" checked={state.show_truth} onchange={{
                        let dispatch = state.dispatch.clone();
                        Callback::from(move |e: Event| {
                            let on = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
                            dispatch.dispatch(Action::SetShowTruth(on));
                        })
                    }} />
                    { " Show ground truth" }
                </label>
            </div>
            <div class="table-scroll stack-narrow">
                <table>
                    <thead>
                        <tr>
                            <th scope="col" class="col-node">{ "node" }</th>
                            <th scope="col" class="col-heard" title={define("last heard")}>{ "last heard" }</th>
                            { for header_cells }
                            if state.show_truth { <th scope="col" class="col-truth" title={define("ground truth")}>{ "truth" }</th> }
                            <th scope="col" class="col-work" title={define("work items")}>{ "work items" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for body }</tbody>
                </table>
            </div>
            if rows.len() > shown {
                <p class="explain">{ format!("Showing {shown} of {} nodes; choose “suspected or dead” to narrow the list.", rows.len()) }</p>
            }
            if rows.is_empty() {
                <p class="explain">{ "No node matches." }</p>
            }
        </section>
    }
}
