//! A Checksums lesson: the step's narrative beside a stage that holds the data, its digests and
//! the store's replicas. A step's button applies the steps its text names (flip a bit, write,
//! damage a replica, read) to the stage's session, as the lesson's claims do.

use yew::prelude::*;

use super::LessonProps;
use super::flow::use_flow;
use super::narrative::{StepCard, StepStatus};
use crate::checksum::bytes_label;
use crate::scenario::lessons::{Act, Readout, play};
use crate::scenario::{Lesson, Route, Scenario, Tab};
use crate::ui::checksums::parts::{
    Action, ChecksumsState, DigestTable, StorePanel, StorePart, Throughput, use_hashing,
};
use crate::ui::notice::notice_view;

/// Lesson `n`'s session at the start of step `k`, as the page state.
fn stage_at(n: u8, k: usize) -> ChecksumsState {
    let built = Lesson::by_number(n)
        .ok_or_else(|| "there is no such lesson".to_string())
        .and_then(|l| play::checksums_at(l, k, false).map_err(|e| e.to_string()));
    match built {
        Ok(session) => ChecksumsState::with_session(session),
        Err(why) => {
            let mut s = ChecksumsState::new();
            s.notice = Some(crate::ui::notice::Notice {
                text: format!(
                    "This lesson's stage could not be set up ({why}); here is the sample data."
                ),
                error: true,
            });
            s
        }
    }
}

/// The most bytes of the data the stage shows: a course lesson's data can be megabytes, and a
/// byte is an element of the page.
const READOUT_BYTES: usize = 512;

/// The data as text, the bytes that differ from the good copy marked. Longer data shows
/// [`READOUT_BYTES`] of it, from a little before the first difference.
fn data_readout(state: &ChecksumsState) -> Html {
    let session = state.session.borrow();
    let history = session.history();
    let (data, good) = (history.data(), history.good());
    let same_len = data.len() == good.len();
    let from = history
        .first_difference()
        .map_or(0, |first| first.saturating_sub(READOUT_BYTES / 8))
        .min(data.len().saturating_sub(READOUT_BYTES));
    let to = data.len().min(from + READOUT_BYTES);
    let chars = data[from..to].iter().zip(from..).map(|(&b, i)| {
        let shown = if b.is_ascii_graphic() || b == b' ' { (b as char).to_string() } else { "·".into() };
        if same_len && good[i] != b {
            html! { <mark title={format!("byte {i}: 0x{b:02x}, was 0x{:02x}", good[i])}>{ shown }</mark> }
        } else {
            html! { shown }
        }
    });
    let differing = history.differing_bytes();
    let quoted = if good.len() <= READOUT_BYTES {
        format!(", “{}”", String::from_utf8_lossy(good))
    } else {
        String::new()
    };
    html! {
        <section class="readout" aria-labelledby="readout-data">
            <h3 id="readout-data">{ "The data" }</h3>
            <p class="data-line mono" data-testid="stage-data">{ for chars }</p>
            if to - from < data.len() {
                <p class="explain">{ format!("Bytes {from}–{} of {} shown.", to.saturating_sub(1), bytes_label(data.len())) }</p>
            }
            <p class="explain">
                { match differing {
                    Some(0) => "The same as the good copy.".to_string(),
                    Some(n) => format!("{n} {} from the good copy{quoted} (marked).", if n == 1 { "byte differs" } else { "bytes differ" }),
                    None => "Its length differs from the good copy's.".to_string(),
                } }
            </p>
        </section>
    }
}

/// One readout of the stage; `measure` starts the speed test when it changes.
fn readout(r: Readout, state: &UseReducerHandle<ChecksumsState>, measure: u32) -> Html {
    match r {
        Readout::Data => data_readout(state),
        Readout::Digests => html! {
            <DigestTable current={state.current_digests()} good={state.digests.good.clone()} hashing={state.digests.progress} />
        },
        Readout::Store | Readout::Paths => {
            let data_len = state.session.borrow().history().data().len();
            let part = if r == Readout::Store {
                StorePart::Replicas
            } else {
                StorePart::Paths
            };
            html! {
                <StorePanel session={state.session.clone()} store_version={state.store_version} {data_len}
                    show_truth={state.show_truth} dispatch={state.dispatcher()} {part} />
            }
        }
        Readout::Throughput => html! { <Throughput start={measure} /> },
        _ => html! {},
    }
}

/// A Checksums lesson.
#[function_component(ChecksumsLesson)]
pub fn checksums_lesson(p: &LessonProps) -> Html {
    let lesson = Lesson::by_number(p.lesson).expect("the page opens only lessons that exist");
    let flow = use_flow(lesson, &p.progress, &p.on_progress);
    let state = {
        let (n, k) = (lesson.number, flow.step);
        use_reducer(move || stage_at(n, k))
    };
    use_hashing(&state);
    let measure = use_state(|| 0u32);
    let step = &lesson.steps[flow.step];
    let status = if flow.begun {
        StepStatus::Done
    } else {
        StepStatus::Ready
    };
    let on_go = {
        let (flow, state, measure) = (flow.clone(), state.clone(), measure.clone());
        Callback::from(move |prediction| {
            let step = &flow.lesson.steps[flow.step];
            flow.begin(prediction);
            match &step.act {
                Act::Checksums(steps) => {
                    for s in *steps {
                        state.dispatch(Action::Step(s.clone()));
                    }
                }
                Act::Measure => measure.set(*measure + 1),
                _ => {}
            }
            super::bring_stage_into_view();
        })
    };
    let on_open = {
        let (flow, reopen) = (flow.clone(), p.on_reopen.clone());
        // The page builds the stage afresh at the step the progress now names.
        Callback::from(move |k: usize| {
            flow.open(k);
            reopen.emit(());
        })
    };
    let on_next = {
        let flow = flow.clone();
        Callback::from(move |()| {
            if flow.is_last() {
                flow.finish();
            } else {
                flow.open(flow.step + 1);
            }
        })
    };
    let playground = flow
        .begun
        .then(|| {
            let scenario = state.scenario().ok()?;
            let link = crate::scenario::encode(&Scenario::Checksums(scenario)).ok()?;
            Some(AttrValue::from(
                Route::tab(Tab::Checksums)
                    .with_param("s", &link)
                    .to_fragment(),
            ))
        })
        .flatten();
    let shows = step.shows;
    let notice = {
        let dispatch = state.dispatcher();
        notice_view(
            state.notice.as_ref(),
            Callback::from(move |()| dispatch.dispatch(Action::DismissNotice)),
        )
    };
    html! {
        <div class="lesson-layout">
            <StepCard lesson={lesson.number} step={flow.step} {status} answered={flow.answered()}
                {on_go} {on_open} {on_next} on_skip={Callback::noop()} {playground} done={p.done} />
            <section class="stage" aria-label="The lesson's data" data-testid="stage">
                { notice }
                <div class="stage-cluster" data-testid="stage-cluster">
                    { shows.first().map(|&r| readout(r, &state, *measure)) }
                </div>
                <div class="stage-readouts">
                    { for shows.iter().skip(1).map(|&r| readout(r, &state, *measure)) }
                </div>
            </section>
        </div>
    }
}
