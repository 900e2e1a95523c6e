//! The event log: notable events, newest first, filterable by node and kind. Clicking an entry
//! highlights it on the timeline.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::node_picker::{NodePicker, PickTarget};
use super::state::{Action, HeartbeatsState, LogFilter};
use crate::scenario::heartbeats_run::HeartbeatsRun;
use crate::sim::journal::LogKind;

/// Entries shown at most (the journal keeps a few hundred).
const SHOWN: usize = 150;

/// The journal as the log sees it: equal while its log has not changed.
#[derive(Clone)]
pub struct LogRef {
    /// The run whose journal is shown.
    pub run: Rc<RefCell<HeartbeatsRun>>,
    /// Whose journal it is (looking through another node's eyes replaces the journal).
    pub observer: crate::sim::NodeId,
    /// Its log revision when this was taken.
    pub revision: u64,
}

impl PartialEq for LogRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.run, &other.run)
            && self.observer == other.observer
            && self.revision == other.revision
    }
}

/// Properties of the event log: plain values, so it re-renders only when the log or its filters
/// change, not on every frame.
#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    /// The journal.
    pub log: LogRef,
    /// The filters.
    pub filter: LogFilter,
    /// The highlighted trace index.
    pub highlight: Option<u64>,
    /// Whether the ground truth (the faults) is shown.
    pub show_truth: bool,
    /// Nodes in the cluster.
    pub nodes: u32,
    /// The tab's dispatcher.
    pub dispatch: UseReducerDispatcher<HeartbeatsState>,
}

/// The event log.
#[function_component(EventLog)]
pub fn event_log(props: &EventLogProps) -> Html {
    let run = props.log.run.borrow();
    let journal = run.journal();
    let n = props.nodes;
    let filter = props.filter;
    let dispatch = &props.dispatch;
    let entries: Vec<_> = journal
        .log()
        .rev()
        .filter(|e| filter.node.is_none_or(|f| e.node == Some(f)))
        .filter(|e| filter.kind.is_none_or(|k| e.kind == k))
        // Faults and network splits are the ground truth: hidden with it, so the log shows only
        // what observers saw.
        .filter(|e| props.show_truth || !matches!(e.kind, LogKind::Fault | LogKind::Network))
        .take(SHOWN)
        .cloned()
        .collect();
    drop(run);

    let on_kind = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value();
            let kind = LogKind::ALL.into_iter().find(|k| k.label() == v);
            dispatch.dispatch(Action::SetLogFilter(LogFilter { kind, ..filter }));
        })
    };
    // Bring the highlighted entry into view inside the list (not by scrolling the whole page).
    let list_ref = use_node_ref();
    {
        let list_ref = list_ref.clone();
        use_effect_with(props.highlight, move |highlight| {
            let (Some(index), Some(list)) = (highlight, list_ref.cast::<web_sys::HtmlElement>())
            else {
                return;
            };
            if let Ok(Some(item)) = list.query_selector(&format!("li[data-index=\"{index}\"]")) {
                if let Ok(item) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(item) {
                    list.set_scroll_top((item.offset_top() - 8).max(0));
                }
            }
        });
    }
    let items = entries.iter().map(|e| {
        let index = e.index;
        let highlighted = props.highlight == Some(index);
        let onclick = {
            let dispatch = dispatch.clone();
            Callback::from(move |_| {
                dispatch.dispatch(Action::Highlight(if highlighted { None } else { Some(index) }));
            })
        };
        html! {
            <li class={classes!(format!("log-{}", e.kind.label()), highlighted.then_some("highlighted"))} data-index={index.to_string()}>
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
                <NodePicker label="Node" nodes={n} value={filter.node} target={PickTarget::LogNode(filter)} dispatch={dispatch.clone()} />
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
                <ol class="log" reversed=true ref={list_ref}>{ for items }</ol>
            }
        </section>
    }
}
