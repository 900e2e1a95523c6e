//! The Lessons tab: the fourteen guided lessons in the course's order. A lesson is a few steps told
//! beside a stage (the cluster, or the data and its store) that holds only what the step talks
//! about; each step asks the learner to predict, then plays to its moment and explains. Progress
//! (steps and predictions) is kept in the browser. `#/lessons/3` opens lesson 3; with `?embed=1`
//! a course page can frame just the lesson.

mod checksums_lesson;
mod cost_table;
mod course_file;
mod flow;
mod heartbeats_lesson;
mod narrative;
mod progress;
mod readouts;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::scenario::lessons::course::{
    self, FIRST_COURSE_NUMBER, LINKED_NUMBER, LessonEntry, install_linked,
};
use crate::scenario::lessons::progress::Progress;
use crate::scenario::{LESSONS, Lesson};
use checksums_lesson::ChecksumsLesson;
use course_file::{CourseStatus, use_course};
use heartbeats_lesson::HeartbeatsLesson;

/// Properties of the Lessons tab.
#[derive(Properties, PartialEq)]
pub struct LessonsProps {
    /// What follows `#/lessons/` in the address (a lesson number), if anything.
    pub sub: Option<AttrValue>,
    /// A value that changes when the learner restarts a lesson.
    #[prop_or_default]
    pub restart: AttrValue,
    /// A lesson link's text (the `l=` of `#/lessons/shared?l=…`), if any.
    #[prop_or_default]
    pub link: AttrValue,
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
    let course = use_course();
    let link = p.link.to_string();
    let linked = use_memo(link.clone(), |link| {
        LessonEntry::from_link(link).and_then(|e| install_linked(&e).map_err(|p| p.to_string()))
    });
    let number = p.sub.as_deref().map(course::number_of);
    // Progress on a course lesson or a shared lesson counts only while its number names the same
    // lesson: another lesson link, or a course file changed since, starts afresh, from the first
    // drawing on (the stored progress follows in an effect).
    let progress = {
        let mut shown = (*progress).clone();
        if shown.match_lessons(&course::fingerprints()) {
            let on_progress = on_progress.clone();
            let next = shown.clone();
            wasm_bindgen_futures::spawn_local(async move { on_progress.emit(next) });
        }
        std::rc::Rc::new(shown)
    };
    let storage_notice = problem
        .as_ref()
        .map(|m| html! { <p class="notice error" role="alert">{ m.clone() }</p> });
    // Drawn only where it shows: inside a lesson the tab draws the lesson alone.
    let list = || lesson_list(&progress, &course);
    let page = |lesson: &Lesson| {
        html! {
            <>
                { storage_notice.clone() }
                <LessonPage lesson={lesson.number} progress={(*progress).clone()} on_progress={on_progress.clone()} restart={p.restart.clone()} />
            </>
        }
    };
    match number {
        None => html! { <>{ storage_notice.clone() }{ list() }</> },
        Some(Some(LINKED_NUMBER)) => match &*linked {
            Ok(lesson) => page(lesson),
            Err(why) => html! {
                <>
                    <p class="notice error" role="alert">{ format!("This lesson link cannot be opened: {why}. Here are all the lessons instead.") }</p>
                    { list() }
                </>
            },
        },
        Some(Some(n)) if n >= FIRST_COURSE_NUMBER && course == CourseStatus::Loading => html! {
            <p class="notice" role="status">{ "Loading the course's lessons…" }</p>
        },
        Some(n) => match n.and_then(Lesson::by_number) {
            Some(lesson) => page(lesson),
            None => html! {
                <>
                    <p class="notice" role="status">{ format!("There is no lesson “{}”; here are all the lessons.", p.sub.clone().unwrap_or_default()) }</p>
                    { list() }
                </>
            },
        },
    }
}

/// Lessons as list items: title, and how far the learner got. Plain functions, this and the list:
/// they draw again exactly when the tab does (the progress or the course changed), so components of
/// their own would only cost the module copies of Yew's lifecycle.
fn lesson_entries(lessons: &[&'static Lesson], progress: &Progress) -> Html {
    html! {
        <ol class="lesson-list">
            { for lessons.iter().map(|&l| {
                let is_done = progress.done.contains(&l.number);
                let (right, asked) = progress.score(l);
                let answered = l.questions().filter(|(i, _)| progress.answer(l, *i).is_some()).count();
                html! {
                    <li class={classes!(is_done.then_some("done"))}>
                        <a href={format!("#/lessons/{}", course::slug(l.number))}>{ l.title }</a>
                        <span class={if is_done { "status-ok" } else { "explain" }}>
                            { if is_done { " ✓ done".to_string() } else if answered > 0 { format!(" · step {} of {}", progress.step_of(l) + 1, l.steps.len()) } else { " · not started".to_string() } }
                        </span>
                        if answered > 0 {
                            <span class="explain">{ format!(" · {right} of {asked} predictions right") }</span>
                        }
                    </li>
                }
            }) }
        </ol>
    }
}

/// Every lesson, built in and from the course, with the course's problems for its instructor.
fn lesson_list(progress: &Progress, course: &CourseStatus) -> Html {
    let (course_title, course_lessons) = course::course_lessons();
    let replaced = matches!(course, CourseStatus::Ready { replaces: true, .. });
    let done_of = |lessons: &[&'static Lesson]| {
        lessons
            .iter()
            .filter(|l| progress.done.contains(&l.number))
            .count()
    };
    let builtin: Vec<&'static Lesson> = LESSONS.iter().collect();
    let problems: Vec<String> = match course {
        CourseStatus::Ready { problems, .. } => problems.clone(),
        CourseStatus::Broken(why) => vec![why.clone()],
        _ => Vec::new(),
    };
    html! {
        <section class="lessons" aria-labelledby="lessons-heading">
            <h2 id="lessons-heading">{ "Lessons" }</h2>
            if !problems.is_empty() {
                <details class="notice course-problems" data-testid="course-problems">
                    <summary>{ format!("For the course's instructor: {} in {}", if problems.len() == 1 { "1 problem".to_string() } else { format!("{} problems", problems.len()) }, course::COURSE_FILE) }</summary>
                    <ul>{ for problems.iter().map(|m| html! { <li>{ m.clone() }</li> }) }</ul>
                </details>
            }
            if !replaced {
                <p class="explain lead">
                    { format!("Fourteen short lessons, in order: heartbeats first, then checksums, then SWIM, the answer to lesson 2's question, and how a suspect refutes. In each you predict what will happen, press play and see, a step at a time. {} of {} done.", done_of(&builtin), LESSONS.len()) }
                </p>
                { lesson_entries(&builtin, progress) }
            }
            if !course_lessons.is_empty() {
                <section class="course" aria-labelledby="course-heading" data-testid="course-lessons">
                    <h3 id="course-heading">{ course_title.unwrap_or("Your course") }</h3>
                    <p class="explain lead">
                        { format!("Lessons from your course, {} of {} done. Each asks a question, plays the stage to its moment and explains.", done_of(&course_lessons), course_lessons.len()) }
                    </p>
                    { lesson_entries(&course_lessons, progress) }
                </section>
            }
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

/// Where a lesson stands among its own: the heading's words, and its neighbours' numbers.
struct Place {
    heading: String,
    previous: Option<u8>,
    next: Option<u8>,
}

fn place_of(lesson: &Lesson) -> Place {
    if lesson.number == LINKED_NUMBER {
        return Place {
            heading: "A lesson shared with you".into(),
            previous: None,
            next: None,
        };
    }
    let (title, series): (String, Vec<u8>) = if lesson.number >= FIRST_COURSE_NUMBER {
        let (title, lessons) = course::course_lessons();
        (
            title.unwrap_or("Your course").to_string(),
            lessons.iter().map(|l| l.number).collect(),
        )
    } else {
        (String::new(), LESSONS.iter().map(|l| l.number).collect())
    };
    let at = series.iter().position(|&n| n == lesson.number).unwrap_or(0);
    let position = format!("Lesson {} of {}", at + 1, series.len());
    Place {
        heading: if title.is_empty() {
            position
        } else {
            format!("{title} · {position}")
        },
        previous: at.checked_sub(1).and_then(|i| series.get(i).copied()),
        next: series.get(at + 1).copied(),
    }
}

#[function_component(LessonPage)]
fn lesson_page(p: &PageProps) -> Html {
    let generation = use_state(|| 0u32);
    let Some(lesson) = Lesson::by_number(p.lesson) else {
        return html! {};
    };
    let place = place_of(lesson);
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
    // A lesson link opens another lesson under the same number: its address tells them apart.
    let key = format!(
        "lesson-{}-{:p}-{}-{}",
        lesson.number, lesson, p.restart, *generation
    );
    let (right, asked) = p.progress.score(lesson);
    html! {
        <article class="lesson" aria-labelledby="lesson-heading">
            <div class="lesson-head">
                <h2 id="lesson-heading">{ format!("{}: {}", place.heading, lesson.title) }</h2>
                <nav class="lesson-nav row" aria-label="Lessons">
                    // A course that frames one lesson does its own navigation.
                    if !crate::ui::route::current_route().embedded() {
                        <a href="#/lessons">{ "All lessons" }</a>
                        if let Some(previous) = place.previous {
                            <a href={format!("#/lessons/{}", course::slug(previous))}>{ "← Previous lesson" }</a>
                        }
                        if let Some(next) = place.next {
                            <a href={format!("#/lessons/{}", course::slug(next))}>{ "Next lesson →" }</a>
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
