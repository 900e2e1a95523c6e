//! The replicated store: the write path (the storage node computes the checksum and stores it
//! beside the data on each replica), faults where they happen in real systems (on disk, on the
//! wire, in memory before the checksum), and the read path step by step.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::explain;
use super::state::{Action, ChecksumsState, Shared};
use crate::checksum::{
    Algorithm, MAX_REPLICAS, MIN_REPLICAS, Preview, ReadError, ReadOutcome, ReadStep, ReplicaView,
    StoreConfig, bytes_label, note,
};
use crate::scenario::ChecksumStep;
use crate::ui::sentence::capitalize;

/// Properties of the store panel: only what it shows.
#[derive(Properties, PartialEq)]
pub struct StorePanelProps {
    /// The session (read for the store, its last write and read, and what it says).
    pub session: Shared,
    /// Moves whenever the store, or what it says, changes.
    pub store_version: u64,
    /// The data's length (the Write button says it).
    pub data_len: usize,
    /// Whether the ground truth of the replicas is shown.
    pub show_truth: bool,
    /// The tab's dispatcher.
    pub dispatch: UseReducerDispatcher<ChecksumsState>,
    /// The whole panel, or one part of it without settings or buttons (a lesson's stage, whose
    /// buttons are in the lesson's text).
    #[prop_or_default]
    pub part: StorePart,
}

/// Which part of the store panel to show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StorePart {
    /// Everything, with its settings and buttons.
    #[default]
    Whole,
    /// The replicas only, nothing to press.
    Replicas,
    /// The last write's and the last read's paths only.
    Paths,
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

/// A few bytes as text when they are all printable (a lesson's short messages), marked like
/// [`preview_bytes`]; as hex otherwise.
fn preview_text(p: &Preview, mark: bool) -> Html {
    if !p.bytes.iter().all(|b| b.is_ascii_graphic() || *b == b' ') {
        return preview_bytes(p, mark);
    }
    html! {
        <>
            { "“" }
            if p.start > 0 { { "…" } }
            { for p.bytes.iter().enumerate().map(|(i, &b)| {
                let ch = (b as char).to_string();
                if mark && p.is_diff(p.start + i) {
                    html! { <mark>{ ch }</mark> }
                } else {
                    html! { ch }
                }
            }) }
            if p.more_after { { "…" } }
            { "”" }
        </>
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

/// A check box's change as the action `make` builds from whether it is checked.
fn on_check(
    dispatch: &UseReducerDispatcher<ChecksumsState>,
    make: impl Fn(bool) -> Action + 'static,
) -> Callback<Event> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: Event| {
        dispatch.dispatch(make(
            e.target_unchecked_into::<HtmlInputElement>().checked(),
        ))
    })
}

/// One replica: what it stores, its status, the truth when shown, and its fault buttons.
fn replica_card(
    r: &ReplicaView,
    algorithm: Algorithm,
    written: bool,
    show_truth: bool,
    dispatch: Option<&UseReducerDispatcher<ChecksumsState>>,
) -> Html {
    let k = r.index;
    // Without buttons it is a lesson's stage: the bytes as text, the checksum shortened.
    let compact = dispatch.is_none();
    let status = if r.marked_corrupt {
        html! { <span class="status-bad">{ "marked corrupt by the last read" }</span> }
    } else {
        html! { <span class="status-ok">{ "not known to be bad" }</span> }
    };
    html! {
        <li class={classes!("replica", r.marked_corrupt.then_some("marked"))} data-replica={(k + 1).to_string()}>
            <h4>{ format!("Replica {}", k + 1) }if compact { { " · " }{ status.clone() } }</h4>
            <p class="mono preview">
                if r.len == 0 && !written { { "(empty)" } }
                else if compact { { preview_text(&r.preview, show_truth) } }
                else { { format!("{} · ", bytes_label(r.len)) }{ preview_bytes(&r.preview, show_truth) } }
            </p>
            <p class="mono checksum">{ format!("stored {}: {}", algorithm.name(), match r.checksum_hex.as_str() {
                "" => "—".to_string(),
                hex if compact && hex.len() > 16 => format!("{}…", &hex[..16]),
                hex => hex.to_string(),
            }) }</p>
            if !compact {
                <p>{ status }</p>
            }
            if let Some(truth) = r.truth().filter(|_| show_truth) {
                <p class={if truth.stored_intact && truth.checksum_intact { "truth-up" } else { "truth-crashed" }} data-testid="replica-truth">
                    // The marked byte already shows where the damage is on a lesson's stage.
                    { format!("truth: {}{}", truth.text, r.preview.diff.filter(|_| !compact).map(|d| format!("; {}", d.describe())).unwrap_or_default()) }
                </p>
            }
            if let Some(armed) = r.armed_fault() {
                <p data-testid="armed-fault"><span class="status-warn" aria-hidden="true">{ "⚠ " }</span>{ capitalize(&armed) }{ "." }</p>
            }
            if let Some(dispatch) = dispatch {
                { fault_buttons(k, written, dispatch) }
            }
        </li>
    }
}

/// A replica's fault buttons.
fn fault_buttons(k: usize, written: bool, dispatch: &UseReducerDispatcher<ChecksumsState>) -> Html {
    let act = |step: ChecksumStep| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Step(step.clone())))
    };
    html! {
        <div class="row">
            <button onclick={act(ChecksumStep::CorruptAtRest(k as u32))} disabled={!written}
                    aria-label={format!("Corrupt at rest on replica {}", k + 1)}>{ "Corrupt at rest" }</button>
            <button onclick={act(ChecksumStep::CorruptInTransit(k as u32))} disabled={!written}
                    aria-label={format!("Corrupt in transit from replica {}", k + 1)}>{ "Corrupt in transit" }</button>
            <button onclick={act(ChecksumStep::CorruptStoredChecksum(k as u32))} disabled={!written}
                    title="A disk fault in the metadata: one bit of the stored checksum flips; the data stays intact"
                    aria-label={format!("Corrupt checksum of replica {}", k + 1)}>{ "Corrupt checksum" }</button>
        </div>
    }
}

/// One part of the store, nothing to press: a lesson's stage.
fn store_part(props: &StorePanelProps) -> Html {
    let session = props.session.borrow();
    let config = session.store_config();
    let store = session.store();
    let written = store.written().is_some();
    let last_read = session.last_read();
    let returned = match last_read {
        Some(Ok(outcome)) => Some(Preview::new(&outcome.data, store.intended())),
        _ => None,
    };
    let on_off = |on: bool| if on { "on" } else { "off" };
    if props.part == StorePart::Paths {
        return html! {
            <section class="readout store compact" aria-labelledby="paths-heading">
                <h3 id="paths-heading">{ "Write path and read path" }</h3>
                if let Some(report) = session.last_write() {
                    <ol class="write-lines" aria-label="Write path">{ for report.lines.iter().map(|l| html! { <li>{ l }</li> }) }</ol>
                } else {
                    <p class="explain">{ "Nothing written yet." }</p>
                }
                { read_result(last_read, returned, config.algorithm, props.show_truth) }
            </section>
        };
    }
    html! {
        <section class="readout store compact" aria-labelledby="store-heading">
            <h3 id="store-heading">{ "The store" }</h3>
            <p class="explain">{ format!("{} replica{} · {} checksums · read repair {} · end-to-end check {}",
                config.replicas, if config.replicas == 1 { "" } else { "s" }, config.algorithm.name(),
                on_off(config.read_repair), on_off(config.end_to_end)) }</p>
            <ul class="replicas">
                { for store.replicas().iter().map(|r| replica_card(r, config.algorithm, written, props.show_truth, None)) }
            </ul>
            if let Some(Err(e)) = last_read {
                <p class="banner read-error" role="alert">{ format!("The last read failed: {e}.") }</p>
            }
            if let Some(Ok(o)) = last_read {
                <p class="status-ok">{ format!("The last read returned the data from replica {}.", o.replica + 1) }</p>
            }
        </section>
    }
}

/// What the last read did, step by step, and what it returned or why it failed.
fn read_result(
    last_read: Option<&Result<ReadOutcome, ReadError>>,
    returned: Option<Preview>,
    algorithm: Algorithm,
    show_truth: bool,
) -> Html {
    match last_read {
        None => html! {},
        Some(Ok(outcome)) => html! {
            <div class="read-result" data-testid="read-result">
                <ol class="steps">{ for outcome.steps.iter().map(|s| step_item(s, show_truth)) }</ol>
                { read_notes(&outcome.notes) }
                <p class="status-ok" role="status">
                    { format!("Read returned {} from replica {}, whose checksum matched.", bytes_label(outcome.data.len()), outcome.replica + 1) }
                    if !outcome.repaired.is_empty() {
                        { format!(" Read repair rewrote replica{} {}.", if outcome.repaired.len() == 1 { "" } else { "s" },
                            outcome.repaired.iter().map(|r| (r + 1).to_string()).collect::<Vec<_>>().join(", ")) }
                    }
                </p>
                <p class="explain" data-testid="match-shows">{ note(algorithm).what_a_match_shows }</p>
                if let Some(p) = &returned {
                    <p class="mono preview" data-testid="returned">{ "returned: " }{ preview_bytes(p, show_truth) }</p>
                    { returned_truth(p, show_truth) }
                }
            </div>
        },
        Some(Err(e @ ReadError::AllReplicasBad { steps })) => html! {
            <div class="read-result" data-testid="read-result">
                <ol class="steps">{ for steps.iter().map(|s| step_item(s, show_truth)) }</ol>
                <p class="banner read-error" role="alert">
                    { format!("Read failed: {e}.") }
                </p>
            </div>
        },
        Some(Err(e)) => {
            html! { <p class="field-error" role="alert" data-testid="read-result">{ format!("{e}.") }</p> }
        }
    }
}

/// The store panel.
#[function_component(StorePanel)]
pub fn store_panel(props: &StorePanelProps) -> Html {
    if props.part != StorePart::Whole {
        return store_part(props);
    }
    let session = props.session.borrow();
    let config = session.store_config();
    let store = session.store();
    let replicas = store.replicas();
    let written = store.written().is_some();
    let pending_memory = store.pending_memory_fault();
    let last_read = session.last_read();
    let returned = match last_read {
        Some(Ok(outcome)) => Some(Preview::new(&outcome.data, store.intended())),
        _ => None,
    };
    let (data_len, show_truth) = (props.data_len, props.show_truth);
    let dispatch = &props.dispatch;

    let act = |step: ChecksumStep| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Step(step.clone())))
    };
    let on_replicas = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let n = e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .parse()
                .unwrap_or(3);
            dispatch.dispatch(Action::Step(ChecksumStep::Store(StoreConfig {
                replicas: n,
                ..config
            })));
        })
    };
    let on_algorithm = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(algorithm) = Algorithm::ALL.into_iter().find(|a| a.name() == v) {
                dispatch.dispatch(Action::Step(ChecksumStep::Store(StoreConfig {
                    algorithm,
                    ..config
                })));
            }
        })
    };
    let toggle = |make: fn(bool) -> Action| on_check(dispatch, make);
    let switch =
        |make: fn(bool) -> ChecksumStep| on_check(dispatch, move |on| Action::Step(make(on)));

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
                    onchange={switch(ChecksumStep::ReadRepair)} />{ " read repair" }</label>
                <label class="inline"><input type="checkbox" checked={config.end_to_end}
                    onchange={switch(ChecksumStep::EndToEnd)} />{ " end-to-end check" }</label>
                <label class="inline"><input type="checkbox" checked={show_truth}
                    onchange={toggle(Action::SetShowTruth)} />
                    { " show ground truth" }</label>
            </div>
            <div class="row">
                <button class="primary" onclick={act(ChecksumStep::Write)}>{ format!("Write the data ({})", bytes_label(data_len)) }</button>
                <button onclick={act(ChecksumStep::CorruptBeforeChecksum)} title="A software or memory bug on the storage node: the data is damaged before its checksum is computed">
                    { "Corrupt in memory before the checksum (next write)" }
                </button>
                <button class="primary" onclick={act(ChecksumStep::Read)} disabled={!written}>{ "Read" }</button>
            </div>
            // What the last store action did, next to the buttons that do it; always in the page, so
            // a screen reader announces each new message.
            <div class="store-status" role="status" data-testid="store-status">
                if let Some(n) = session.store_note() {
                    <p class={if n.error { "field-error" } else { "store-said" }}>{ n.text.clone() }</p>
                }
                if let Some(f) = pending_memory {
                    <p class="status-warn">{ format!("Memory fault armed for the next write: {f}") }</p>
                }
            </div>
            if let Some(report) = session.last_write() {
                <ol class="write-lines" aria-label="Write path">{ for report.lines.iter().map(|l| html! { <li>{ l }</li> }) }</ol>
            }
            <ul class="replicas">{ for replicas.iter().map(|r| replica_card(r, config.algorithm, written, show_truth, Some(dispatch))) }</ul>
            { read_result(last_read, returned, config.algorithm, show_truth) }
            <p class="explain">{ explain::END_TO_END }</p>
        </section>
    }
}
