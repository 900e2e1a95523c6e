//! Choosing a node by number: a list for small clusters, a number field for large ones (a list of
//! 1,000 options helps nobody). Its props are plain values, so it re-renders only when they change.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::state::{Action, HeartbeatsState, LogFilter};
use crate::sim::NodeId;

/// Clusters larger than this get a number field instead of a list.
const LIST_MAX: u32 = 40;

/// What choosing a node does.
#[derive(Clone, Copy, PartialEq)]
pub enum PickTarget {
    /// Show this node's view.
    Observer,
    /// Filter the event log to this node (or any), keeping the rest of the filter.
    LogNode(LogFilter),
}

/// Properties of the node picker.
#[derive(Properties, PartialEq)]
pub struct NodePickerProps {
    /// The visible label.
    pub label: AttrValue,
    /// Nodes in the cluster.
    pub nodes: u32,
    /// The chosen node, if any.
    pub value: Option<NodeId>,
    /// What choosing does.
    pub target: PickTarget,
    /// The tab's dispatcher.
    pub dispatch: UseReducerDispatcher<HeartbeatsState>,
}

/// The node picker.
#[function_component(NodePicker)]
pub fn node_picker(p: &NodePickerProps) -> Html {
    let emit = {
        let dispatch = p.dispatch.clone();
        let target = p.target;
        move |node: Option<NodeId>| match target {
            PickTarget::Observer => {
                if let Some(n) = node {
                    dispatch.dispatch(Action::SetObserver(n));
                }
            }
            PickTarget::LogNode(filter) => {
                dispatch.dispatch(Action::SetLogFilter(LogFilter { node, ..filter }))
            }
        }
    };
    let allow_any = matches!(p.target, PickTarget::LogNode(_));
    let range_id = format!("{}-range", p.label.to_ascii_lowercase().replace(' ', "-"));
    let n = p.nodes;
    if n <= LIST_MAX {
        let onchange = Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            emit(v.parse::<u32>().ok().map(NodeId));
        });
        html! {
            <label class="inline">
                { format!("{} ", p.label) }
                <select {onchange}>
                    if allow_any {
                        <option value="" selected={p.value.is_none()}>{ "any" }</option>
                    }
                    { for (1..=n).map(|i| html! {
                        <option value={i.to_string()} selected={p.value == Some(NodeId(i))}>{ format!("node {i}") }</option>
                    }) }
                </select>
            </label>
        }
    } else {
        let shown = p_value_text(p.value);
        let onchange = Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            match input.value().trim().parse::<u32>() {
                Ok(i) if (1..=n).contains(&i) => emit(Some(NodeId(i))),
                Err(_) if allow_any && input.value().trim().is_empty() => emit(None),
                _ => input.set_value(&shown),
            }
        });
        html! {
            <label class="inline">
                { format!("{} ", p.label) }
                <input type="number" min="1" max={n.to_string()} class="node-number" placeholder={if allow_any { "any" } else { "" }}
                       value={p_value_text(p.value)} {onchange} aria-describedby={range_id.clone()} />
                <span class="explain" id={range_id}>{ format!("(1–{n})") }</span>
            </label>
        }
    }
}

fn p_value_text(v: Option<NodeId>) -> String {
    v.map_or(String::new(), |n| n.0.to_string())
}
