//! A Heartbeats lesson: the step's narrative beside a stage that holds the cluster and only the
//! readouts the step needs. Nothing plays until the learner presses the step's button; the stage
//! then plays to the step's moment at a speed that brings it within seconds, and stops there.

use std::rc::Rc;

use yew::prelude::*;

use super::LessonProps;
use super::cost_table::cost_table;
use super::flow::use_flow;
use super::narrative::{StepCard, StepStatus};
use super::readouts::StageReadout;
use crate::scenario::lessons::Readout;
use crate::scenario::{Lesson, Route, Scenario, Tab};
use crate::sim::{Config, SimTime};
use crate::ui::heartbeats::parts::{
    Action, Clock, ClusterLegend, HeartbeatsState, MonitorTable, Timeline, cluster_view,
    legend_facts, notice, use_animation_clock, use_catch_up,
};

/// How a speed reads: "2×".
fn speed_label(speed: f64) -> String {
    format!("{speed}×")
}

/// The address of this run in the full playground (a share link), when one can be made.
fn playground_link(state: &HeartbeatsState) -> Option<AttrValue> {
    let now = state.world().now();
    let scenario = Scenario::Heartbeats(state.scenario(now));
    let link = crate::scenario::encode(&scenario).ok()?;
    Some(
        Route::tab(Tab::Heartbeats)
            .with_param("s", &link)
            .to_fragment()
            .into(),
    )
}

/// One readout of the stage.
fn readout(r: Readout, state: &UseReducerHandle<HeartbeatsState>) -> Html {
    let world = state.slow_world_ref();
    let show_truth = state.show_truth;
    match r {
        Readout::Monitor => html! {
            <MonitorTable world={world} observer={state.observer} selected={state.selected}
                show_truth={show_truth} dispatch={state.dispatcher()} />
        },
        Readout::Detection
        | Readout::Messages
        | Readout::Leaders
        | Readout::LeaderLog
        | Readout::Requests
        | Readout::Spread
        | Readout::Health => html! { <StageReadout which={r} {world} {show_truth} /> },
        // Drawn full width below the cluster, or not at all on this stage.
        _ => html! {},
    }
}

/// A Heartbeats lesson.
#[function_component(HeartbeatsLesson)]
pub fn heartbeats_lesson(p: &LessonProps) -> Html {
    let lesson = Lesson::by_number(p.lesson).expect("the page opens only lessons that exist");
    let flow = use_flow(lesson, &p.progress, &p.on_progress);
    let state = {
        let (n, k) = (lesson.number, flow.step);
        use_reducer(move || {
            HeartbeatsState::lesson_stage(n, k).unwrap_or_else(|why| {
                let mut s = HeartbeatsState::new(Config::default());
                s.notice = Some(crate::ui::notice::Notice {
                    text: format!("This lesson's stage could not be set up ({why}); here is the default cluster."),
                    error: true,
                });
                s
            })
        })
    };
    {
        let state = state.clone();
        let clock = Clock(Rc::new(crate::ui::wall_clock::now_ms));
        use_animation_clock(
            state.running,
            Callback::from(move |(real_ms, started_at)| {
                state.dispatch(Action::Tick {
                    real_ms,
                    started_at,
                    clock: clock.clone(),
                })
            }),
        );
    }
    // A skip to a step's moment is quick on a lesson's small cluster; if it is not, it goes on
    // in slices rather than freezing the page.
    use_catch_up(&state);
    let step = &lesson.steps[flow.step];
    let now = state.world().now().ms();
    let status = if !flow.begun {
        StepStatus::Ready
    } else if state.running || !state.handed_over {
        StepStatus::Playing(format!(
            "Playing to {} at {}…",
            SimTime(step.until_ms),
            speed_label(state.speed)
        ))
    } else {
        StepStatus::Done
    };
    let on_go = {
        let (flow, state) = (flow.clone(), state.clone());
        Callback::from(move |prediction| {
            let step = &flow.lesson.steps[flow.step];
            let from = if step.replays() {
                0
            } else {
                state.world().now().ms()
            };
            flow.begin(prediction);
            state.dispatch(Action::BeginStep {
                act: step.act.clone(),
                until_ms: step.until_ms,
                speed: step.speed(from),
            });
            super::bring_stage_into_view();
        })
    };
    let on_open = {
        let (flow, state) = (flow.clone(), state.clone());
        Callback::from(move |k: usize| {
            flow.open(k);
            state.dispatch(Action::OpenStep {
                lesson: flow.lesson.number,
                step: k,
            });
        })
    };
    let on_next = {
        let flow = flow.clone();
        // The stage already stands at the end of this step, which is where the next one starts.
        Callback::from(move |()| {
            if flow.is_last() {
                flow.finish();
            } else {
                flow.open(flow.step + 1);
            }
        })
    };
    let on_skip = {
        let state = state.clone();
        let until = step.until_ms;
        Callback::from(move |()| {
            let now = state.world().now().ms();
            state.dispatch(Action::Skip(until.saturating_sub(now)));
        })
    };
    let playground = (status != StepStatus::Ready || flow.step > 0)
        .then(|| playground_link(&state))
        .flatten()
        .filter(|_| !state.running);
    let (topology, large, cut_links) = legend_facts(&state.world());
    let shows = step.shows;
    let with_timeline = shows.contains(&Readout::Timeline);
    let notice = notice(&state);
    html! {
        <div class="lesson-layout">
            <StepCard lesson={lesson.number} step={flow.step} status={status} answered={flow.answered()}
                {on_go} {on_open} {on_next} {on_skip} {playground} done={p.done} />
            <section class={classes!("stage", with_timeline.then_some("with-timeline"))} aria-label="The lesson's cluster" data-testid="stage">
                { notice }
                <p class="stage-clock" data-testid="stage-clock">
                    <strong>{ format!("Virtual time {}", SimTime(now)) }</strong>
                    { if state.running { format!(" · playing at {}", speed_label(state.speed)) } else { " · stopped".to_string() } }
                </p>
                <div class="stage-grid">
                    <div class="stage-cluster" data-testid="stage-cluster">
                        { cluster_view(&state) }
                    </div>
                    <div class="stage-readouts">
                        { for shows.iter().map(|&r| readout(r, &state)) }
                    </div>
                </div>
                <div class="stage-key">
                    <ClusterLegend show_truth={state.show_truth} topology={topology} large={large} {cut_links} />
                </div>
                if with_timeline {
                    <Timeline state={state.clone()} />
                }
                if shows.contains(&Readout::CostTable) {
                    { cost_table() }
                }
            </section>
        </div>
    }
}
