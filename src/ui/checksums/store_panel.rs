//! The replicated store: the write path (the storage node computes the checksum and stores it
//! beside the data on each replica), faults where they happen in real systems (on disk, on the
//! wire, in memory before the checksum), and the read path step by step.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::explain;
use super::state::{Action, CkState};
use crate::checksum::{
    Algorithm, MAX_REPLICAS, MIN_REPLICAS, Preview, ReadError, ReadStep, bytes_label, note,
};

/// Properties of the store panel.
#[derive(Properties, PartialEq)]
pub struct StorePanelProps {
    /// The tab's state and dispatcher.
    pub state: UseReducerHandle<CkState>,
}

/// One step of a read; with the truth shown, what the read path could not see about it.
fn step_item(step: &ReadStep, show_truth: bool) -> Html {
    let ok = step.checksum_matches && step.end_to_end_matches != Some(false);
    html! {
        <li class={if ok { "step-ok" } else { "step-bad" }}>
            <span class={if ok { "status-ok" } else { "status-bad" }}>{ if ok { "✔ " } else { "✘ " } }</span>
            { &step.text }
            if let Some(truth) = step.truth.as_ref().filter(|_| show_truth) {
                <span class="truth-crashed" data-testid="step-truth">{ format!(" (truth: {truth})") }</span>
            }
        </li>
    }
}

/// The sentences about replicas a read did not reach (an armed network fault still waiting).
fn read_notes(notes: &[String]) -> Html {
    notes
        .iter()
        .map(|n| html! { <p data-testid="read-note"><span class="status-warn" aria-hidden="true">{ "⚠ " }</span>{ capitalize(n) }{ "." }</p> })
        .collect()
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// A few bytes as spaced hex; with the truth shown, the first byte that differs from what the
/// client wrote is marked.
fn preview_bytes(p: &Preview, mark: bool) -> Html {
    html! {
        <>
            if p.start > 0 { { "… " } }
            { for p.bytes.iter().enumerate().map(|(i, b)| {
                let sep = if i > 0 { " " } else { "" };
                let hex = format!("{b:02x}");
                if mark && p.is_diff(p.start + i) {
                    html! { <>{ sep }<mark>{ hex }</mark></> }
                } else {
                    html! { <>{ sep }{ hex }</> }
                }
            }) }
            if p.more_after { { " …" } }
            if p.start > 0 { <span class="explain">{ format!(" (from byte {})", p.start) }</span> }
        </>
    }
}

/// With the truth shown, where the data a read returned (`p`) differs from what the client wrote.
fn returned_truth(p: &Preview, show_truth: bool) -> Html {
    match p.diff.filter(|_| show_truth) {
        Some(d) => html! {
            <p class="truth-crashed" data-testid="differs">{ format!("truth: the data returned is not what the client wrote: {}.", d.describe()) }</p>
        },
        None => html! {},
    }
}

/// The store panel.
#[function_component(StorePanel)]
pub fn store_panel(props: &StorePanelProps) -> Html {
    let state = &props.state;
    let config = state.store_config;
    let store = state.store.borrow();
    let replicas = store.replicas();
    let written = store.written().is_some();
    let pending_memory = store.pending_memory_fault();
    let read_error = match state.last_read.as_ref() {
        Some(Err(e)) => Some(e.to_string()),
        _ => None,
    };
    let returned = match state.last_read.as_ref() {
        Some(Ok(outcome)) => Some(Preview::new(&outcome.data, store.intended())),
        _ => None,
    };
    drop(store);
    let data_len = state.history.borrow().data().len();

    let act = |a: Action| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(a.clone()))
    };
    let on_replicas = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let n = e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .parse()
                .unwrap_or(3);
            state.dispatch(Action::SetStoreConfig(crate::checksum::StoreConfig {
                replicas: n,
                ..state.store_config
            }));
        })
    };
    let on_algorithm = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(algorithm) = Algorithm::ALL.into_iter().find(|a| a.name() == v) {
                state.dispatch(Action::SetStoreConfig(crate::checksum::StoreConfig {
                    algorithm,
                    ..state.store_config
                }));
            }
        })
    };
    let toggle = |make: fn(bool) -> Action| {
        let state = state.clone();
        Callback::from(move |e: Event| {
            state.dispatch(make(
                e.target_unchecked_into::<HtmlInputElement>().checked(),
            ))
        })
    };

    let replica_cards = replicas.iter().map(|r| {
        let k = r.index;
        let status = if r.marked_corrupt {
            html! { <span class="status-bad">{ "marked corrupt by the last read" }</span> }
        } else {
            html! { <span class="status-ok">{ "not known to be bad" }</span> }
        };
        html! {
            <li class={classes!("replica", r.marked_corrupt.then_some("marked"))} data-replica={(k + 1).to_string()}>
                <h4>{ format!("Replica {}", k + 1) }</h4>
                <p class="mono preview">
                    if r.len == 0 && !written { { "(empty)" } } else { { format!("{} · ", bytes_label(r.len)) }{ preview_bytes(&r.preview, state.show_truth) } }
                </p>
                <p class="mono">{ format!("stored {}: {}", config.algorithm.name(), if r.checksum_hex.is_empty() { "—" } else { &r.checksum_hex }) }</p>
                <p>{ status }</p>
                if let Some(truth) = r.truth().filter(|_| state.show_truth) {
                    <p class={if truth.stored_intact && truth.checksum_intact { "truth-up" } else { "truth-crashed" }} data-testid="replica-truth">
                        { format!("truth: {}{}", truth.text, r.preview.diff.map(|d| format!("; {}", d.describe())).unwrap_or_default()) }
                    </p>
                }
                if let Some(armed) = r.armed_fault() {
                    <p data-testid="armed-fault"><span class="status-warn" aria-hidden="true">{ "⚠ " }</span>{ capitalize(&armed) }{ "." }</p>
                }
                <div class="row">
                    <button onclick={act(Action::CorruptAtRest(k))} disabled={!written}
                            aria-label={format!("Corrupt at rest on replica {}", k + 1)}>{ "Corrupt at rest" }</button>
                    <button onclick={act(Action::CorruptInTransit(k))} disabled={!written}
                            aria-label={format!("Corrupt in transit from replica {}", k + 1)}>{ "Corrupt in transit" }</button>
                    <button onclick={act(Action::CorruptStoredChecksum(k))} disabled={!written}
                            title="A disk fault in the metadata: one bit of the stored checksum flips; the data stays intact"
                            aria-label={format!("Corrupt checksum of replica {}", k + 1)}>{ "Corrupt checksum" }</button>
                </div>
            </li>
        }
    });

    let read_result = match state.last_read.as_ref() {
        None => html! {},
        Some(Ok(outcome)) => html! {
            <div class="read-result" data-testid="read-result">
                <ol class="steps">{ for outcome.steps.iter().map(|s| step_item(s, state.show_truth)) }</ol>
                { read_notes(&outcome.notes) }
                <p class="status-ok" role="status">
                    { format!("Read returned {} from replica {}, whose checksum matched.", bytes_label(outcome.data.len()), outcome.replica + 1) }
                    if !outcome.repaired.is_empty() {
                        { format!(" Read repair rewrote replica{} {}.", if outcome.repaired.len() == 1 { "" } else { "s" },
                            outcome.repaired.iter().map(|r| (r + 1).to_string()).collect::<Vec<_>>().join(", ")) }
                    }
                </p>
                <p class="explain" data-testid="match-shows">{ note(config.algorithm).what_a_match_shows }</p>
                if let Some(p) = &returned {
                    <p class="mono preview" data-testid="returned">{ "returned: " }{ preview_bytes(p, state.show_truth) }</p>
                    { returned_truth(p, state.show_truth) }
                }
            </div>
        },
        Some(Err(ReadError::AllReplicasBad { steps })) => html! {
            <div class="read-result" data-testid="read-result">
                <ol class="steps">{ for steps.iter().map(|s| step_item(s, state.show_truth)) }</ol>
                <p class="banner read-error" role="alert">
                    { format!("Read failed: {}.", read_error.unwrap_or_default()) }
                </p>
            </div>
        },
        Some(Err(e)) => {
            html! { <p class="field-error" role="alert" data-testid="read-result">{ format!("{e}.") }</p> }
        }
    };

    html! {
        <section class="panel store" aria-labelledby="store-heading">
            <h3 id="store-heading">{ "Write path and read path" }</h3>
            <p class="explain">{ explain::WRITE_PATH }{ " " }{ explain::READ_PATH }</p>
            <div class="row store-settings">
                <label class="inline">
                    { "Replicas " }
                    <select onchange={on_replicas}>
                        { for (MIN_REPLICAS..=MAX_REPLICAS).map(|n| html! { <option value={n.to_string()} selected={n == config.replicas}>{ n }</option> }) }
                    </select>
                </label>
                <label class="inline">
                    { "Checksum " }
                    <select onchange={on_algorithm}>
                        { for Algorithm::ALL.iter().map(|a| html! { <option value={a.name()} selected={*a == config.algorithm}>{ a.name() }</option> }) }
                    </select>
                </label>
                <label class="inline"><input type="checkbox" checked={config.read_repair}
                    onchange={toggle(Action::SetReadRepair)} />{ " read repair" }</label>
                <label class="inline"><input type="checkbox" checked={config.end_to_end}
                    onchange={toggle(Action::SetEndToEnd)} />{ " end-to-end check" }</label>
                <label class="inline"><input type="checkbox" checked={state.show_truth}
                    onchange={{ let state = state.clone(); Callback::from(move |e: Event| state.dispatch(Action::SetShowTruth(e.target_unchecked_into::<HtmlInputElement>().checked()))) }} />
                    { " show ground truth" }</label>
            </div>
            <div class="row">
                <button class="primary" onclick={act(Action::Write)}>{ format!("Write the data ({})", bytes_label(data_len)) }</button>
                <button onclick={act(Action::CorruptBeforeChecksum)} title="A software or memory bug on the storage node: the data is damaged before its checksum is computed">
                    { "Corrupt in memory before the checksum (next write)" }
                </button>
                <button class="primary" onclick={act(Action::Read)} disabled={!written}>{ "Read" }</button>
            </div>
            // What the last store action did, next to the buttons that do it; always in the page, so
            // a screen reader announces each new message.
            <div class="store-status" role="status" data-testid="store-status">
                if let Some(n) = &state.store_status {
                    <p class={if n.error { "field-error" } else { "store-said" }}>{ n.text.clone() }</p>
                }
                if let Some(f) = pending_memory {
                    <p class="status-warn">{ format!("Memory fault armed for the next write: {f}") }</p>
                }
            </div>
            if let Some(report) = &state.last_write {
                <ol class="write-lines" aria-label="Write path">{ for report.lines.iter().map(|l| html! { <li>{ l }</li> }) }</ol>
            }
            <ul class="replicas">{ for replica_cards }</ul>
            { read_result }
            <p class="explain">{ explain::END_TO_END }</p>
        </section>
    }
}
