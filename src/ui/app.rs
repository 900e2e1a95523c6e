//! The app shell: header with the tabs, the current tab, and the footer.

use yew::prelude::*;

use super::checksums::ChecksumsTab;
use super::heartbeats::HeartbeatsTab;
use super::route::use_route;
use crate::scenario::Tab;

/// The whole playground.
#[function_component(App)]
pub fn app() -> Html {
    let route = use_route();
    let tab = route.tab;
    use_effect_with(tab, |tab| {
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&format!("{} · Faultlab", tab.label()));
        }
    });
    let tabs = Tab::ALL.iter().map(|&t| {
        html! {
            <a href={format!("#/{}", t.slug())} aria-current={(t == tab).then_some("page")}>
                { t.label() }
            </a>
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
            <main class="app-main">
                if let Some(path) = &route.unknown {
                    <p class="notice" role="status">
                        { format!("There is no page called “{path}”, so here is the Heartbeats tab.") }
                    </p>
                }
                { match tab {
                    Tab::Heartbeats => html! { <HeartbeatsTab bench={route.param("bench").is_some()} /> },
                    Tab::Checksums => html! { <ChecksumsTab /> },
                } }
            </main>
            <footer class="app-footer">
                { "Everything runs locally in your browser: no server sees your clusters, your data or your files." }
            </footer>
        </div>
    }
}
