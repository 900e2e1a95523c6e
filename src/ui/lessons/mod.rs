//! The Lessons tab: the twelve guided lessons in the course's order. A lesson is a few steps told
//! beside a stage (the cluster, or the data and its store) that holds only what the step talks
//! about; each step asks the learner to predict, then plays to its moment and explains. Progress
//! (steps and predictions) is kept in the browser. `#/lessons/3` opens lesson 3; with `?embed=1`
//! a course page can frame just the lesson.

mod checksums_lesson;
mod cost_table;
mod flow;
mod heartbeats_lesson;
mod narrative;
mod progress;
mod readouts;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::scenario::lessons::progress::Progress;
use crate::scenario::{LESSONS, Lesson};
use checksums_lesson::ChecksumsLesson;
use heartbeats_lesson::HeartbeatsLesson;

/// Properties of the Lessons tab.
#[derive(Properties, PartialEq)]
pub struct LessonsProps {
    /// What follows `#/lessons/` in the address (a lesson number), if anything.
    pub sub: Option<AttrValue>,
    /// A value that changes when the learner restarts a lesson.
    #[prop_or_default]
    pub restart: AttrValue,
}

/// Below this width the stage sits under the step's question, not beside it.
const NARROW_PX: f64 = 700.0;

/// On a narrow screen, scrolls so that the step's question (or, without one, the stage) is at the
/// top, with the stage right under it: what the step is about is on screen when it plays.
pub(crate) fn bring_stage_into_view() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let narrow = window
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .is_some_and(|w| w < NARROW_PX);
    if !narrow {
        return;
    }
    let Some(document) = window.document() else {
        return;
    };
    let target = document
        .query_selector("[data-testid=prediction]")
        .ok()
        .flatten()
        .or_else(|| {
            document
                .query_selector("[data-testid=stage-cluster]")
                .ok()
                .flatten()
        });
    if let Some(el) = target.and_then(|e| e.dyn_into::<web_sys::Element>().ok()) {
        el.scroll_into_view_with_bool(true);
    }
}

/// The Lessons tab.
#[function_component(LessonsTab)]
pub fn lessons_tab(p: &LessonsProps) -> Html {
    let loaded = use_memo((), |_| progress::load());
    let progress = use_state(|| loaded.0.clone());
    let problem = use_state(|| loaded.1.clone());
    let on_progress = {
        let progress = progress.clone();
        let problem = problem.clone();
        Callback::from(move |next: Progress| {
            match progress::save(&next) {
                Ok(()) => {}
                Err(e) => problem.set(Some(e.message().to_string())),
            }
            progress.set(next);
        })
    };
    let lesson = p
        .sub
        .as_ref()
        .map(|s| s.parse::<u8>().ok().and_then(Lesson::by_number));
    let storage_notice = problem
        .as_ref()
        .map(|m| html! { <p class="notice error" role="alert">{ m.clone() }</p> });
    match lesson {
        Some(Some(lesson)) => html! {
            <>
                { storage_notice }
                <LessonPage lesson={lesson.number} progress={(*progress).clone()} {on_progress} restart={p.restart.clone()} />
            </>
        },
        Some(None) => html! {
            <>
                <p class="notice" role="status">{ format!("There is no lesson “{}”; here are all twelve.", p.sub.clone().unwrap_or_default()) }</p>
                <LessonList progress={(*progress).clone()} />
            </>
        },
        None => html! { <>{ storage_notice }<LessonList progress={(*progress).clone()} /></> },
    }
}

#[derive(Properties, PartialEq)]
struct ListProps {
    progress: Progress,
}

#[function_component(LessonList)]
fn lesson_list(p: &ListProps) -> Html {
    html! {
        <section class="lessons" aria-labelledby="lessons-heading">
            <h2 id="lessons-heading">{ "Lessons" }</h2>
            <p class="explain lead">
                { format!("Twelve short lessons, in order: heartbeats first, then checksums. In each you predict what will happen, press play and see, a step at a time. {} of {} done.", p.progress.done.len(), LESSONS.len()) }
            </p>
            <ol class="lesson-list">
                { for LESSONS.iter().map(|l| {
                    let is_done = p.progress.done.contains(&l.number);
                    let (right, asked) = p.progress.score(l);
                    let answered = l.questions().filter(|(i, _)| p.progress.answer(l, *i).is_some()).count();
                    html! {
                        <li class={classes!(is_done.then_some("done"))}>
                            <a href={format!("#/lessons/{}", l.number)}>{ l.title }</a>
                            <span class={if is_done { "status-ok" } else { "explain" }}>
                                { if is_done { " ✓ done".to_string() } else if answered > 0 { format!(" · step {} of {}", p.progress.step_of(l) + 1, l.steps.len()) } else { " · not started".to_string() } }
                            </span>
                            if answered > 0 {
                                <span class="explain">{ format!(" · {right} of {asked} predictions right") }</span>
                            }
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}

/// Properties of a lesson's steps and stage.
#[derive(Properties, PartialEq)]
pub struct LessonProps {
    /// The lesson's number.
    pub lesson: u8,
    /// The learner's progress.
    pub progress: Progress,
    /// Keeps new progress.
    pub on_progress: Callback<Progress>,
    /// Builds the stage afresh at the step the progress names.
    pub on_reopen: Callback<()>,
    /// Whether the lesson is marked done.
    pub done: bool,
}

#[derive(Properties, PartialEq)]
struct PageProps {
    lesson: u8,
    progress: Progress,
    on_progress: Callback<Progress>,
    restart: AttrValue,
}

#[function_component(LessonPage)]
fn lesson_page(p: &PageProps) -> Html {
    let generation = use_state(|| 0u32);
    let Some(lesson) = Lesson::by_number(p.lesson) else {
        return html! {};
    };
    let total = LESSONS.len() as u8;
    let on_reopen = {
        let generation = generation.clone();
        Callback::from(move |()| generation.set(*generation + 1))
    };
    let on_restart = {
        let (progress, on_progress, on_reopen) =
            (p.progress.clone(), p.on_progress.clone(), on_reopen.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = progress.clone();
            next.restart(lesson);
            on_progress.emit(next);
            on_reopen.emit(());
        })
    };
    let done = p.progress.done.contains(&lesson.number);
    let key = format!("lesson-{}-{}-{}", lesson.number, p.restart, *generation);
    let (right, asked) = p.progress.score(lesson);
    html! {
        <article class="lesson" aria-labelledby="lesson-heading">
            <div class="lesson-head">
                <h2 id="lesson-heading">{ format!("Lesson {} of {total}: {}", lesson.number, lesson.title) }</h2>
                <nav class="lesson-nav row" aria-label="Lessons">
                    // A course that frames one lesson does its own navigation.
                    if !crate::ui::route::current_route().embedded() {
                        <a href="#/lessons">{ "All lessons" }</a>
                        if lesson.number > 1 {
                            <a href={format!("#/lessons/{}", lesson.number - 1)}>{ "← Previous lesson" }</a>
                        }
                        if lesson.number < total {
                            <a href={format!("#/lessons/{}", lesson.number + 1)}>{ "Next lesson →" }</a>
                        }
                    }
                    <button class="link-button" onclick={on_restart}>{ "Start this lesson again" }</button>
                    if done {
                        <span class="status-ok" data-testid="lesson-done">{ format!("✓ done · {right} of {asked} predictions right") }</span>
                    }
                </nav>
            </div>
            if lesson.is_heartbeats() {
                <HeartbeatsLesson key={key} lesson={lesson.number} progress={p.progress.clone()}
                    on_progress={p.on_progress.clone()} {on_reopen} {done} />
            } else {
                <ChecksumsLesson key={key} lesson={lesson.number} progress={p.progress.clone()}
                    on_progress={p.on_progress.clone()} {on_reopen} {done} />
            }
        </article>
    }
}
