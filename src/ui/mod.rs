//! The Yew front end: the only code that touches the DOM, browser timers and storage. It shows what
//! the pure modules compute and turns the learner's clicks into their commands.

pub mod app;
pub mod checksums;
pub mod download;
pub mod first_screen;
pub mod heartbeats;
pub mod lesson_editor;
pub mod lessons;
pub mod notice;
pub mod panic;
pub mod route;
pub mod scenario_bar;
pub mod sentence;
pub mod session;
pub mod storage;
pub mod wall_clock;

pub use app::App;

/// Installs the panic hook and mounts the app on the page's `<body>`.
pub fn start() {
    panic::install();
    // Starting the module is one task and drawing the page the next, so neither holds the
    // main thread for long.
    gloo_timers::callback::Timeout::new(0, || {
        yew::Renderer::<App>::new().render();
        // The page's "Loading…" line stays on screen until the app has drawn itself; then it goes.
        if let Some(loading) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id("loading"))
        {
            loading.remove();
        }
    })
    .forget();
}
