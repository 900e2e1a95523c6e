//! The Lessons tab: the twelve guided lessons in the course's order, each a short text and a
//! scenario that plays by itself and then hands over with a question. Progress is kept in the
//! browser. `#/lessons/3` opens lesson 3; with `?embed=1` a course page can frame just the lesson.

mod progress;

use std::collections::BTreeSet;

use yew::prelude::*;

use crate::scenario::{LESSONS, Lesson, Scenario};
use crate::sim::{Config, Topology};
use crate::ui::checksums::{self, ChecksumsTab};
use crate::ui::heartbeats::{self, HeartbeatsTab};

/// Properties of the Lessons tab.
#[derive(Properties, PartialEq)]
pub struct LessonsProps {
    /// What follows `#/lessons/` in the address (a lesson number), if anything.
    pub sub: Option<AttrValue>,
    /// A value that changes when the learner restarts a lesson.
    #[prop_or_default]
    pub restart: AttrValue,
}

/// The Lessons tab.
#[function_component(LessonsTab)]
pub fn lessons_tab(p: &LessonsProps) -> Html {
    let done = use_state(progress::load);
    let problem = use_state(|| None::<String>);
    let toggle = {
        let done = done.clone();
        let problem = problem.clone();
        Callback::from(move |n: u8| {
            let mut set: BTreeSet<u8> = (*done).clone();
            if !set.remove(&n) {
                set.insert(n);
            }
            if let Err(e) = progress::save(&set) {
                problem.set(Some(e.message().to_string()));
            }
            done.set(set);
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
                <LessonPage lesson={lesson.number} done={done.contains(&lesson.number)} on_toggle={toggle} restart={p.restart.clone()} />
            </>
        },
        Some(None) => html! {
            <>
                <p class="notice" role="status">{ format!("There is no lesson “{}”; here are all twelve.", p.sub.clone().unwrap_or_default()) }</p>
                <LessonList done={(*done).clone()} />
            </>
        },
        None => html! { <>{ storage_notice }<LessonList done={(*done).clone()} /></> },
    }
}

#[derive(Properties, PartialEq)]
struct ListProps {
    done: BTreeSet<u8>,
}

#[function_component(LessonList)]
fn lesson_list(p: &ListProps) -> Html {
    html! {
        <section class="lessons" aria-labelledby="lessons-heading">
            <h2 id="lessons-heading">{ "Lessons" }</h2>
            <p class="explain lead">
                { format!("Twelve short lessons, in order: heartbeats first, then checksums. Each plays a scenario by itself, then hands over with a question to try. {} of {} done.", p.done.len(), LESSONS.len()) }
            </p>
            <ol class="lesson-list">
                { for LESSONS.iter().map(|l| {
                    let is_done = p.done.contains(&l.number);
                    html! {
                        <li class={classes!(is_done.then_some("done"))}>
                            <a href={format!("#/lessons/{}", l.number)}>{ l.title }</a>
                            <span class={if is_done { "status-ok" } else { "explain" }}>{ if is_done { " ✓ done" } else { " · not done yet" } }</span>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PageProps {
    lesson: u8,
    done: bool,
    on_toggle: Callback<u8>,
    restart: AttrValue,
}

/// Messages and bytes per second of each topology at 10, 100 and 1,000 nodes (heartbeat every
/// second), from the simulation's own cost model.
fn cost_table() -> Html {
    let sizes = [10u32, 100, 1000];
    let topologies = [
        ("central monitor, push", Topology::CentralPush),
        ("central monitor, pull", Topology::CentralPull),
        ("random peers, k = 3", Topology::RandomK { k: 3 }),
        ("all-to-all", Topology::AllToAll),
    ];
    let row = |(name, topology): (&str, Topology)| {
        let cells = sizes.iter().map(|&n| {
            let c = Config { nodes: n, topology, interval_ms: 1000, ..Config::default() };
            let msgs = c.expected_messages_per_sec();
            let per_msg = crate::sim::message::size::HEADER
                + match topology {
                    Topology::RandomK { .. } => crate::sim::message::size::GOSSIP_ENTRY * n as u64,
                    Topology::CentralPull => (crate::sim::message::size::HEARTBEAT + crate::sim::message::size::PING) / 2,
                    _ => crate::sim::message::size::HEARTBEAT,
                };
            html! { <td class="mono">{ format!("{msgs:.0}/s · {}", human_bytes(msgs * per_msg as f64)) }</td> }
        });
        html! { <tr><th scope="row">{ name }</th>{ for cells }</tr> }
    };
    html! {
        <div class="table-scroll">
            <table class="cost-table">
                <caption>{ "Heartbeat messages and bytes per second, one heartbeat per second" }</caption>
                <thead><tr><th scope="col">{ "topology" }</th>{ for sizes.iter().map(|n| html! { <th scope="col">{ format!("N = {n}") }</th> }) }</tr></thead>
                <tbody>{ for topologies.into_iter().map(row) }</tbody>
            </table>
        </div>
    }
}

fn human_bytes(b: f64) -> String {
    if b >= 1e9 {
        format!("{:.1} GB/s", b / 1e9)
    } else if b >= 1e6 {
        format!("{:.1} MB/s", b / 1e6)
    } else if b >= 1e3 {
        format!("{:.1} kB/s", b / 1e3)
    } else {
        format!("{b:.0} B/s")
    }
}

#[function_component(LessonPage)]
fn lesson_page(p: &PageProps) -> Html {
    let Some(lesson) = Lesson::by_number(p.lesson) else {
        return html! {};
    };
    let is_heartbeats = matches!(lesson.build(), Scenario::Heartbeats(_));
    let total = LESSONS.len() as u8;
    let on_toggle = {
        let cb = p.on_toggle.clone();
        let n = lesson.number;
        Callback::from(move |_: MouseEvent| cb.emit(n))
    };
    let key = format!("lesson-{}-{}", lesson.number, p.restart);
    html! {
        <article class="lesson" aria-labelledby="lesson-heading">
            // A course that frames one lesson does its own navigation.
            if !crate::ui::route::current_route().embedded() {
            <nav class="lesson-nav row" aria-label="Lessons">
                <a href="#/lessons">{ "All lessons" }</a>
                if lesson.number > 1 {
                    <a href={format!("#/lessons/{}", lesson.number - 1)}>{ "← Previous" }</a>
                }
                if lesson.number < total {
                    <a href={format!("#/lessons/{}", lesson.number + 1)}>{ "Next lesson →" }</a>
                }
            </nav>
            }
            <h2 id="lesson-heading">{ format!("Lesson {} of {total}: {}", lesson.number, lesson.title) }</h2>
            <div class="lesson-text">
                { for lesson.text.iter().map(|para| html! { <p>{ *para }</p> }) }
                if lesson.number == 4 {
                    { cost_table() }
                }
                if !is_heartbeats {
                    <p class="your-turn" role="status"><strong>{ "Your turn: " }</strong>{ lesson.question }</p>
                }
                <button onclick={on_toggle} aria-pressed={p.done.to_string()} class={if p.done { "" } else { "primary" }}>
                    { if p.done { "Done ✓ (mark as not done)" } else { "Mark as done" } }
                </button>
            </div>
            if is_heartbeats {
                <HeartbeatsTab key={key} opened={heartbeats::Opened::Lesson(lesson.number)} />
            } else {
                <ChecksumsTab key={key} opened={checksums::Opened::Lesson(lesson.number)} />
            }
        </article>
    }
}
