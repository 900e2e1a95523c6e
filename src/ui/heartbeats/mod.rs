//! The Heartbeats tab: a live cluster the learner breaks, and the failure detector deciding.
//! Everything shown comes from `sim::World`; this module only draws it and turns clicks into
//! commands. One animation-frame loop (the clock) drives virtual time while the run plays.

mod action;
mod actions;
mod bench;
mod catch_up;
mod catch_up_job;
mod clock;
mod cluster;
mod event_log;
pub mod explain;
mod explorer_panel;
pub mod glossary;
pub mod legend;
mod lesson_step;
mod metrics_panel;
mod monitor_table;
pub mod motion;
mod node_picker;
mod reducer;
mod run_bar;
pub mod session;
mod settings;
mod spread_plot;
pub mod state;
mod timeline;
mod view_model;

use yew::prelude::*;

use actions::ActionsPanel;
use clock::use_animation_clock;
use cluster::cluster_view;
use event_log::EventLog;
use glossary::Glossary;
use legend::ClusterLegend;
use metrics_panel::MetricsPanel;
use monitor_table::MonitorTable;
use run_bar::RunBar;
use settings::SettingsPanel;
use state::{Action, HeartbeatsState};
use timeline::Timeline;

pub use crate::ui::session::Opened;

/// What a lesson's stage borrows from this tab: the drawing, the table, the timeline, the clock.
pub(crate) mod parts {
    pub(crate) use super::catch_up::use_catch_up;
    pub(crate) use super::clock::use_animation_clock;
    pub(crate) use super::cluster::cluster_view;
    pub(crate) use super::legend::{ClusterLegend, legend_facts};
    pub(crate) use super::metrics_panel::leaders_text;
    pub(crate) use super::monitor_table::MonitorTable;
    pub(crate) use super::notice;
    pub(crate) use super::spread_plot::{declarations, spread_of};
    pub(crate) use super::state::{Action, Clock, HeartbeatsState, WorldRef};
    pub(crate) use super::timeline::Timeline;
}

use crate::scenario::{Route, Scenario, Tab};
use crate::ui::notice::notice_view;
use crate::ui::scenario_bar::ScenarioBar;

/// Properties of the Heartbeats tab.
#[derive(Properties, PartialEq)]
pub struct HeartbeatsProps {
    /// Where the run comes from.
    pub opened: Opened,
}

/// The tab's parts after its title and run bar, each drawn in a task of its own: the cluster
/// drawing, its legend and the buttons, the monitor table, the metrics and settings, the
/// timeline, the log.
const PARTS: u8 = 6;

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
    let bench_mode = props.opened == Opened::Bench;
    let state = {
        let opened = props.opened.clone();
        use_reducer(move || session::initial_state(&opened))
    };
    let keeping = crate::ui::session::use_autosave(&state, &props.opened);
    let recorder = use_mut_ref(bench::Recorder::default);
    {
        let state = state.clone();
        let recorder = recorder.clone();
        let clock = state::Clock(std::rc::Rc::new(crate::ui::wall_clock::now_ms));
        use_animation_clock(
            state.running,
            Callback::from(move |(real_ms, started_at)| {
                if bench_mode {
                    recorder.borrow_mut().pending = Some((started_at, real_ms));
                }
                state.dispatch(Action::Tick {
                    real_ms,
                    started_at,
                    clock: clock.clone(),
                })
            }),
        );
    }
    // In benchmark mode, every render that follows a frame closes that frame's measurement.
    {
        let recorder = recorder.clone();
        let virtual_ms = state.world().now().ms();
        use_effect(move || {
            let mut r = recorder.borrow_mut();
            if let Some((started_at, gap)) = r.pending.take() {
                let now = crate::ui::wall_clock::now_ms();
                r.first.get_or_insert((now, virtual_ms));
                if r.work_ms.len() < bench::FRAMES {
                    r.last = Some((now, virtual_ms));
                }
                r.work_ms.push(now - started_at);
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
    use_space_to_play(&state);
    catch_up::use_catch_up(&state);
    let make_scenario = {
        let state = state.clone();
        Callback::from(move |()| {
            let now = state.world().now();
            Ok(Scenario::Heartbeats(state.scenario(now)))
        })
    };
    let on_reset = {
        let state = state.clone();
        let saves = keeping.saves;
        Callback::from(move |()| {
            // A shared session never touches the learner's own saved one, not even to reset.
            if saves {
                crate::ui::session::forget::<HeartbeatsState>();
            }
            crate::ui::download::replace_fragment(
                &crate::ui::route::keep_embed(Route::tab(Tab::Heartbeats)).to_fragment(),
            );
            state.dispatch(Action::Load(Box::new(state::plain(
                crate::sim::Config::default(),
            ))));
            state.dispatch(Action::Notify(state::Notice {
                text: "Back to the defaults: the course's example, five nodes, 2 s heartbeats, 5 s timeout.".into(),
                error: false,
            }));
        })
    };
    let notice = notice(&state);
    // Drawing every part in one task held the main thread for 40–55 ms on this machine (150–220 ms
    // with the CPU slowed 4×), most of it the browser compiling each piece of view code on its
    // first run: the title and the run bar come first, then a part per task.
    let parts = crate::ui::first_screen::use_parts_drawn(PARTS);
    let drawing = crate::ui::first_screen::still_drawing(parts, PARTS);
    let table_world = state.slow_world_ref();
    let (topology, large, cut_links) = legend::legend_facts(&state.world());
    let swim = matches!(topology, crate::sim::Topology::Swim(_));
    // The first screen (1280×800): the run bar, the cluster, the buttons that break it and what
    // the monitor believes. Then the metrics beside the settings that change them, then the
    // timeline, then the log and the words the page uses.
    html! {
        <section class="heartbeats" aria-labelledby="heartbeats-heading" data-drawing={drawing} aria-busy={drawing}>
            <div class="hb-title">
                <h2 id="heartbeats-heading">{ "Heartbeats" }</h2>
                if props.opened != Opened::Bench {
                    <ScenarioBar tab={Tab::Heartbeats} make={make_scenario} on_reset={on_reset}
                                 reset_label="Reset to defaults"
                                 on_adopt={keeping.adopt.clone()} />
                }
            </div>
            <p class="explain lead">{ if swim { explain::SWIM } else { explain::HEARTBEAT } }</p>
            <RunBar state={state.clone()} />
            { bench_panel }
            { notice }
            <div class="hb-first">
                <section class="panel cluster-panel" aria-labelledby="cluster-heading">
                    <h3 id="cluster-heading">{ "The cluster" }</h3>
                    if parts >= 1 {
                        { cluster_view(&state) }
                    }
                    if parts >= 2 {
                        <ClusterLegend show_truth={state.show_truth} {topology} {large} partition_tool={state.partition_tool} {cut_links} />
                        <p class="explain">{ if swim { explain::SWIM_SILENCE } else { explain::SILENCE } }</p>
                    }
                </section>
                <div class="hb-controls">
                    if parts >= 2 {
                        <ActionsPanel world={state.slow_world_ref()} observer={state.observer} selected={state.selected}
                            show_truth={state.show_truth} slow_percent={state.slow_percent} pause_ms={state.pause_ms}
                            partition_tool={state.partition_tool} side_b={state.side_b.clone()} dispatch={state.dispatcher()} />
                    }
                    // Its rows for a large cluster are the first screen's heaviest part: a task
                    // of their own draws them.
                    if parts >= 3 {
                        <MonitorTable world={table_world.clone()} observer={state.observer} selected={state.selected}
                            choosing={state.catch_up.as_ref().and_then(|c| match c.kind {
                                state::CatchUpKind::LookingThrough(node) => Some(node),
                                _ => None,
                            })}
                            show_truth={state.show_truth} dispatch={state.dispatcher()} />
                    }
                </div>
            </div>
            // Below the first screen: drawn in the tasks after it.
            if parts >= 4 {
                <div class="hb-tune">
                    <div class="hb-column">
                        <MetricsPanel world={table_world.clone()} show_truth={state.show_truth} />
                    </div>
                    <div class="hb-column">
                        <SettingsPanel draft={state.draft.clone()} error={state.config_error.clone()} dispatch={state.dispatcher()} />
                        <explorer_panel::ExplorerPanel config={state.world().config().clone()} />
                    </div>
                </div>
            }
            if parts >= 5 {
                <Timeline state={state.clone()} />
            }
            if parts >= PARTS {
                <div class="hb-grid">
                    <EventLog
                        log={event_log::LogRef { run: state.run.clone(), observer: state.observer, revision: state.journal().log_revision() }}
                        filter={state.log_filter} highlight={state.highlight} show_truth={state.show_truth}
                        nodes={state.world().config().nodes} dispatch={state.dispatcher()} />
                    <section class="panel">
                        <h3>{ "Timeouts and recovery" }</h3>
                        <p class="explain">{ explain::TRADE_OFF }</p>
                        <p class="explain">{ explain::RECOVERY }</p>
                    </section>
                </div>
                <Glossary />
            }
        </section>
    }
}

/// Space plays and pauses from anywhere on the page except controls that use Space themselves.
#[hook]
fn use_space_to_play(state: &UseReducerHandle<state::HeartbeatsState>) {
    let state = state.clone();
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            // Not passive: Space must not also scroll the page.
            gloo_events::EventListener::new_with_options(
                &w,
                "keydown",
                gloo_events::EventListenerOptions::enable_prevent_default(),
                move |e| {
                    let e = wasm_bindgen::JsCast::unchecked_ref::<KeyboardEvent>(e);
                    if space_toggles(e) {
                        e.prevent_default();
                        state.dispatch(Action::TogglePlay);
                    }
                },
            )
        });
        move || drop(listener)
    });
}

/// The tab's notice, if it has one, with its dismiss button (the tab and a lesson's stage show it).
pub(crate) fn notice(state: &UseReducerHandle<HeartbeatsState>) -> Html {
    let dispatch = state.dispatcher();
    notice_view(
        state.notice.as_ref(),
        Callback::from(move |()| dispatch.dispatch(Action::DismissNotice)),
    )
}
