//! The event log: notable events, newest first, filterable by node and kind. Clicking an entry
//! highlights it on the timeline.

use yew::prelude::*;

use super::state::{Action, HbState, LogFilter};
use crate::sim::NodeId;
use crate::sim::journal::LogKind;

/// Entries shown at most (the journal keeps a few hundred).
const SHOWN: usize = 150;

/// Properties of the event log.
#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    /// The tab's state and dispatcher.
    pub state: UseReducerHandle<HbState>,
}

/// The event log.
#[function_component(EventLog)]
pub fn event_log(props: &EventLogProps) -> Html {
    let state = &props.state;
    let journal = state.journal.borrow();
    let n = state.world.borrow().config().nodes;
    let filter = state.log_filter;
    let entries: Vec<_> = journal
        .log()
        .rev()
        .filter(|e| filter.node.is_none_or(|f| e.node == Some(f)))
        .filter(|e| filter.kind.is_none_or(|k| e.kind == k))
        // Faults are the ground truth: hidden with it, so the log shows only what observers saw.
        .filter(|e| state.show_truth || e.kind != LogKind::Fault)
        .take(SHOWN)
        .cloned()
        .collect();
    drop(journal);

    let on_node = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            let node = v.parse::<u32>().ok().map(NodeId);
            state.dispatch(Action::SetLogFilter(LogFilter {
                node,
                ..state.log_filter
            }));
        })
    };
    let on_kind = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            let kind = LogKind::ALL.into_iter().find(|k| k.label() == v);
            state.dispatch(Action::SetLogFilter(LogFilter {
                kind,
                ..state.log_filter
            }));
        })
    };
    let items = entries.iter().map(|e| {
        let index = e.index;
        let highlighted = state.highlight == Some(index);
        let onclick = {
            let state = state.clone();
            Callback::from(move |_| {
                state.dispatch(Action::Highlight(if highlighted { None } else { Some(index) }));
            })
        };
        html! {
            <li class={classes!(format!("log-{}", e.kind.label()), highlighted.then_some("highlighted"))}>
                <button class="linkish" onclick={onclick} aria-pressed={highlighted.to_string()}>
                    <span class="mono when">{ e.at.to_string() }</span>
                    { " " }
                    { &e.text }
                </button>
            </li>
        }
    });
    html! {
        <section class="panel event-log" aria-labelledby="log-heading">
            <h3 id="log-heading">{ "Event log" }</h3>
            <div class="row">
                <label class="inline">
                    { "Node " }
                    <select onchange={on_node} aria-label="Only events about node">
                        <option value="" selected={filter.node.is_none()}>{ "any" }</option>
                        { for (1..=n.min(1000)).map(|i| html! {
                            <option value={i.to_string()} selected={filter.node == Some(NodeId(i))}>{ i }</option>
                        }) }
                    </select>
                </label>
                <label class="inline">
                    { "Kind " }
                    <select onchange={on_kind} aria-label="Only events of kind">
                        <option value="" selected={filter.kind.is_none()}>{ "any" }</option>
                        { for LogKind::ALL.iter().map(|k| html! {
                            <option value={k.label()} selected={filter.kind == Some(*k)}>{ k.label() }</option>
                        }) }
                    </select>
                </label>
            </div>
            if entries.is_empty() {
                <p class="explain">{ "Nothing yet: crash, slow or cut off a node and watch what the detector concludes." }</p>
            } else {
                <ol class="log" reversed=true>{ for items }</ol>
            }
        </section>
    }
}
