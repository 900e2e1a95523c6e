//! The app shell: header with the tabs, the current tab, and the footer. With `embed=1` in the
//! address only the content shows, so a course page can frame one lesson or scenario.

use yew::prelude::*;

use super::checksums::{self, ChecksumsTab};
use super::heartbeats::{self, HeartbeatsTab};
use super::lessons::LessonsTab;
use super::route::use_route;
use super::session::keeping::{LeftRun, listen_for_left_runs, stop_listening_for_left_runs};
use crate::scenario::{Route, Tab};

/// The current tab's content. `navigation` counts the learner's navigations: a route that opens
/// a session of its own (a link, an import, a reset, the benchmark) is keyed by it, so following
/// it, even the same link again, opens that session afresh. The plain tab keeps one key, so its
/// own header link never restarts the learner's session, and the page's own address updates fire
/// no navigation at all.
fn content(route: &Route, navigation: u32) -> Html {
    let key = if route.opens_a_session() {
        navigation.to_string()
    } else {
        "plain".to_string()
    };
    match route.tab {
        Tab::Heartbeats => {
            let opened = if route.param("bench").is_some() {
                heartbeats::Opened::Bench
            } else {
                heartbeats::Opened::Own {
                    link: route.param("s").map(str::to_string),
                }
            };
            html! { <HeartbeatsTab key={key} {opened} /> }
        }
        Tab::Checksums => {
            let opened = checksums::Opened::Own {
                link: route.param("s").map(str::to_string),
            };
            html! { <ChecksumsTab key={key} {opened} /> }
        }
        Tab::Lessons => html! {
            <LessonsTab sub={route.sub.clone().map(AttrValue::from)} restart={route.param("restart").unwrap_or("").to_string()}
                link={route.param("l").unwrap_or("").to_string()} />
        },
    }
}

/// The way back to a shared run the learner left without keeping it: one click on the link
/// opens it again where it was left.
fn left_run_bar(left: &LeftRun, forget: &Callback<()>) -> Html {
    let forget = forget.reform(|_: MouseEvent| ());
    html! {
        <p class="notice left-run" role="status">
            { format!("You left a shared {} run; it is not saved in this browser. ", left.tab.label()) }
            <a href={left.fragment.clone()} onclick={forget.clone()}>{ "Back to the shared run" }</a>
            <button class="linkish" onclick={forget} aria-label="Forget the shared run">{ "×" }</button>
        </p>
    }
}

/// The whole playground.
#[function_component(App)]
pub fn app() -> Html {
    let (route, navigation) = use_route();
    let tab = route.tab;
    // A shared run the learner left without keeping it, offered back until they return to it,
    // dismiss it or leave another one.
    let left = use_state(|| None::<LeftRun>);
    {
        let setter = left.setter();
        use_effect_with((), move |_| {
            let listener = Callback::from(move |run: LeftRun| setter.set(Some(run)));
            listen_for_left_runs(listener.clone());
            checksums::parking::page_lives(true);
            move || {
                stop_listening_for_left_runs(&listener);
                checksums::parking::page_lives(false);
            }
        });
    }
    let forget = {
        let left = left.clone();
        Callback::from(move |()| left.set(None))
    };
    // Hidden while a shared run of the same tab is open (the one left, opened again, or another).
    let left_bar = (*left)
        .clone()
        .filter(|l| !(l.tab == tab && route.param("s").is_some()))
        .map(|l| left_run_bar(&l, &forget));
    use_effect_with(tab, |tab| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{} · Faultlab", tab.label()));
        }
    });
    // The shell in the page's first task, the tab in the next: opening a link of 1,000 nodes
    // (decoding it, building the world) and the browser compiling the view code on its first run
    // made one task of 150–170 ms with the CPU slowed 4×.
    let drawn = crate::ui::first_screen::use_parts_drawn(1);
    let shell_only = drawn == 0;
    let drawing = crate::ui::first_screen::still_drawing(drawn, 1);
    let content = |route: &Route| (!shell_only).then(|| content(route, navigation));
    let unknown = route.unknown.as_ref().map(|path| {
        html! {
            <p class="notice" role="status">{ format!("There is no page called “{path}”, so here is the Heartbeats tab.") }</p>
        }
    });
    if route.embedded() {
        return html! {
            <div class="app embedded">
                <main class="app-main" data-drawing={drawing} aria-busy={drawing}>{ unknown }{ content(&route) }</main>
            </div>
        };
    }
    let tabs = Tab::ALL.iter().map(|&t| {
        html! {
            <a href={format!("#/{}", t.slug())} aria-current={(t == tab).then_some("page")}>{ t.label() }</a>
        }
    });
    html! {
        <div class="app">
            <header class="app-header">
                <h1>{ "Faultlab" }</h1>
                <p class="tagline">
                    { "Break a small cluster on purpose and watch heartbeats and checksums notice failure and corruption." }
                </p>
                <nav class="tabs" aria-label="Sections">{ for tabs }</nav>
            </header>
            <main class="app-main" data-drawing={drawing} aria-busy={drawing}>
                { unknown }
                { left_bar }
                { content(&route) }
            </main>
            <footer class="app-footer">
                { "Everything runs locally in your browser: no server sees your clusters, your data or your files." }
            </footer>
        </div>
    }
}
