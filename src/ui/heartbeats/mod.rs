//! The Heartbeats tab: a live cluster the learner breaks, and the failure detector deciding.
//! Everything shown comes from `sim::World`; this module only draws it and turns clicks into
//! commands. One animation-frame loop (the clock) drives virtual time while the run plays.

mod actions;
mod bench;
mod clock;
mod cluster;
mod cluster_canvas;
mod event_log;
pub mod explain;
mod metrics_panel;
mod monitor_table;
mod node_picker;
mod run_bar;
mod settings;
pub mod state;
mod timeline;
mod view_model;

use yew::prelude::*;

use actions::ActionsPanel;
use clock::use_animation_clock;
use cluster::ClusterView;
use event_log::EventLog;
use metrics_panel::MetricsPanel;
use monitor_table::MonitorTable;
use run_bar::RunBar;
use settings::SettingsPanel;
use state::{Action, HbState};
use timeline::Timeline;

use crate::sim::Config;

/// Properties of the Heartbeats tab.
#[derive(Properties, PartialEq, Default)]
pub struct HeartbeatsProps {
    /// The settings the run starts from (the course's example by default).
    #[prop_or_default]
    pub initial: Option<Config>,
    /// Run the frame-time benchmark instead of the course's example.
    #[prop_or_default]
    pub bench: bool,
}

/// Whether a key press should toggle play: Space outside any control that uses Space itself.
fn space_toggles(e: &KeyboardEvent) -> bool {
    if e.key() != " " || e.ctrl_key() || e.meta_key() || e.alt_key() {
        return false;
    }
    let Some(target) = e
        .target()
        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
    else {
        return true;
    };
    let tag = target.tag_name().to_ascii_lowercase();
    let interactive = matches!(
        tag.as_str(),
        "input" | "select" | "textarea" | "button" | "a" | "option"
    ) || target.get_attribute("role").is_some_and(|r| r == "button");
    !interactive
}

/// The Heartbeats tab.
#[function_component(HeartbeatsTab)]
pub fn heartbeats_tab(props: &HeartbeatsProps) -> Html {
    let initial = props.initial.clone();
    let bench_mode = props.bench;
    let state = use_reducer(move || {
        let mut s = HbState::new(if bench_mode {
            bench::config()
        } else {
            initial.unwrap_or_default()
        });
        if bench_mode {
            s.running = true;
            s.speed = bench::SPEED;
        }
        s
    });
    let recorder = use_mut_ref(bench::Recorder::default);
    {
        let state = state.clone();
        let recorder = recorder.clone();
        use_animation_clock(
            state.running,
            Callback::from(move |(real_ms, started_at)| {
                if bench_mode {
                    recorder.borrow_mut().pending = Some((started_at, real_ms));
                }
                state.dispatch(Action::Tick {
                    real_ms,
                    started_at,
                })
            }),
        );
    }
    // In benchmark mode, every render that follows a frame closes that frame's measurement.
    {
        let recorder = recorder.clone();
        use_effect(move || {
            let mut r = recorder.borrow_mut();
            if let Some((started_at, gap)) = r.pending.take() {
                r.work_ms.push(state::now_ms() - started_at);
                if gap > 0.0 {
                    r.gap_ms.push(gap);
                }
            }
        });
    }
    let bench_panel = bench_mode.then(|| {
        let frames = recorder.borrow().work_ms.len();
        html! { <bench::BenchResult recorder={bench::RecorderRef(recorder.clone())} {frames} /> }
    });
    // Space plays and pauses from anywhere on the page except controls that use Space themselves.
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|w| {
                gloo_events::EventListener::new(&w, "keydown", move |e| {
                    let e = wasm_bindgen::JsCast::unchecked_ref::<KeyboardEvent>(e);
                    if space_toggles(e) {
                        e.prevent_default();
                        state.dispatch(Action::TogglePlay);
                    }
                })
            });
            move || drop(listener)
        });
    }
    let notice = state.notice.clone().map(|n| {
        let state = state.clone();
        let dismiss = Callback::from(move |_| state.dispatch(Action::DismissNotice));
        html! {
            <p class={classes!("notice", n.error.then_some("error"))} role={if n.error { "alert" } else { "status" }}>
                { n.text }
                <button class="linkish" onclick={dismiss} aria-label="Dismiss the message">{ "×" }</button>
            </p>
        }
    });
    // While the run plays, the table's and the metrics' figures change every frame, faster than
    // anyone reads them; redrawing them every fourth frame spares the browser most of its layout.
    let table_world = {
        let mut w = state.world_ref();
        if state.running {
            w.version /= 4;
        }
        w
    };
    html! {
        <section class="heartbeats" aria-labelledby="heartbeats-heading">
            <h2 id="heartbeats-heading">{ "Heartbeats" }</h2>
            <p class="explain lead">{ explain::HEARTBEAT }</p>
            <RunBar state={state.clone()} />
            { bench_panel }
            { notice }
            <div class="hb-grid">
                <div class="hb-main">
                    <section class="panel cluster-panel" aria-labelledby="cluster-heading">
                        <h3 id="cluster-heading">{ "The cluster" }</h3>
                        <p class="explain">{ explain::SILENCE }</p>
                        <ClusterView state={state.clone()} />
                        <Legend show_truth={state.show_truth} />
                    </section>
                    <ActionsPanel state={state.clone()} />
                </div>
                <div class="hb-side">
                    <MonitorTable world={table_world.clone()} observer={state.observer} selected={state.selected}
                        show_truth={state.show_truth} dispatch={state.dispatcher()} />
                    <MetricsPanel world={table_world.clone()} show_truth={state.show_truth} />
                </div>
            </div>
            <Timeline state={state.clone()} />
            <div class="hb-grid">
                <EventLog
                    log={event_log::LogRef { journal: state.journal.clone(), revision: state.journal.borrow().log_revision() }}
                    filter={state.log_filter} highlight={state.highlight} show_truth={state.show_truth}
                    nodes={state.world.borrow().config().nodes} dispatch={state.dispatcher()} />
                <div>
                    <SettingsPanel draft={state.draft.clone()} error={state.config_error.clone()} dispatch={state.dispatcher()} />
                    <section class="panel">
                        <h3>{ "Timeouts and recovery" }</h3>
                        <p class="explain">{ explain::TRADE_OFF }</p>
                        <p class="explain">{ explain::RECOVERY }</p>
                    </section>
                </div>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct LegendProps {
    show_truth: bool,
}

#[function_component(Legend)]
fn legend(p: &LegendProps) -> Html {
    html! {
        <ul class="legend" aria-label="Legend">
            <li><span class="swatch belief-alive"></span>{ "alive" }</li>
            <li><span class="swatch belief-suspected"></span>{ "suspected" }</li>
            <li><span class="swatch belief-dead"></span>{ "dead" }</li>
            <li>{ "★ leader" }</li>
            if p.show_truth {
                <li>{ "truth: ✕ crashed · ‖ paused · ≈ slow · ! overloaded · ⌁ cut off" }</li>
            }
            <li><span class="swatch side-b"></span>{ "other side of a partition" }</li>
        </ul>
    }
}
