//! The Checksums tab: edit data, corrupt it, and watch the digests; follow the write path and the
//! read path of a replicated store; measure the algorithms' speed in this browser. Everything is
//! computed by `crate::checksum`; this module shows it and turns clicks into its operations.

mod actions;
mod corrupt_panel;
mod data_panel;
mod digest_table;
mod expected_box;
pub mod explain;
mod hashing;
mod hex_page;
mod hex_view;
mod known_digests;
mod opening;
mod opening_job;
pub(crate) mod parking;
pub mod session;
pub mod state;
mod store_panel;
mod throughput;

use yew::prelude::*;

pub use crate::ui::session::Opened;

/// What a lesson's stage borrows from this tab: the digests, the store, the speed test.
pub(crate) mod parts {
    pub(crate) use super::digest_table::DigestTable;
    pub(crate) use super::hashing::use_hashing;
    pub(crate) use super::state::{Action, ChecksumsState};
    pub(crate) use super::store_panel::{StorePanel, StorePart};
    pub(crate) use super::throughput::Throughput;
}
use corrupt_panel::CorruptPanel;
use data_panel::{DataFacts, DataPanel};
use digest_table::DigestTable;
use expected_box::ExpectedBox;
use hashing::use_hashing;
use state::Action;

use crate::scenario::{Route, Scenario, Tab};
use crate::ui::notice::notice_view;
use crate::ui::scenario_bar::ScenarioBar;
use store_panel::StorePanel;
use throughput::Throughput;

/// Properties of the Checksums tab.
#[derive(Properties, PartialEq)]
pub struct ChecksumsProps {
    /// Where the session comes from.
    pub opened: Opened,
}

/// The tab's parts after the data and its digests, each drawn in a task of its own: the
/// corruption tools and the expected digest, the replicas, the speed test.
const PARTS: u8 = 3;

/// The Checksums tab.
#[function_component(ChecksumsTab)]
pub fn checksums_tab(props: &ChecksumsProps) -> Html {
    let state = {
        let opened = props.opened.clone();
        use_reducer(move || {
            parking::take_parked(&opened).unwrap_or_else(|| crate::ui::session::initial(&opened))
        })
    };
    use_hashing(&state);
    opening::use_opening(&state);
    let keeping = crate::ui::session::use_autosave(&state, &props.opened);
    parking::use_parking(&state, keeping.saves);
    // The callbacks stay the same until what they use changes, so the bars they go to do not
    // redraw with every change of the data.
    let make_scenario = {
        let state = state.clone();
        use_callback(state.scenario_revision, move |(), _| {
            state.scenario().map(Scenario::Checksums)
        })
    };
    let on_reset = use_callback(
        (props.opened.clone(), keeping.saves),
        |(), (opened, saves)| {
            // A new session: remount through the address, like opening a link. The learner's own
            // session starts over from the sample; a shared one opens the sample as a link, so the
            // learner's own saved session is left alone.
            let stamp = crate::ui::route::fresh_stamp();
            let route = match opened {
                Opened::Own { .. } | Opened::Bench if *saves => {
                    crate::ui::session::forget::<state::ChecksumsState>();
                    parking::forget_parked();
                    Route::tab(Tab::Checksums).with_param("reset", &stamp)
                }
                Opened::Own { .. } | Opened::Bench => {
                    let sample = state::ChecksumsState::new()
                        .scenario()
                        .map(Scenario::Checksums);
                    match sample.map(|s| crate::scenario::encode(&s)) {
                        Ok(Ok(link)) => Route::tab(Tab::Checksums)
                            .with_param("s", &link)
                            .with_param("reset", &stamp),
                        _ => Route::tab(Tab::Checksums).with_param("reset", &stamp),
                    }
                }
            };
            let fragment = crate::ui::route::keep_embed(route).to_fragment();
            if let Some(w) = web_sys::window() {
                let _ = w.location().set_hash(&fragment);
            }
        },
    );
    let dispatch = state.dispatcher();
    let on_dismiss = use_callback(dispatch.clone(), |(), dispatch| {
        dispatch.dispatch(Action::DismissNotice)
    });
    // Each panel gets only what it shows, so a change redraws only the panels it concerns.
    let session = &state.session;
    let data = DataFacts::of(&session.borrow());
    // The data and its digests first; the rest a part per task, so opening the tab never holds the
    // main thread for long (it took 27–34 ms on this machine, 80–105 ms with the CPU slowed 4×).
    let parts = crate::ui::first_screen::use_parts_drawn(PARTS);
    let drawing = crate::ui::first_screen::still_drawing(parts, PARTS);
    html! {
        <section class="checksums" aria-labelledby="checksums-heading" data-drawing={drawing} aria-busy={drawing}>
            <h2 id="checksums-heading">{ "Checksums" }</h2>
            <p class="explain lead">{ explain::CHECKSUM }</p>
            <ScenarioBar tab={Tab::Checksums} make={make_scenario} on_reset={on_reset}
                         reset_label="Reset to defaults"
                         on_adopt={keeping.adopt.clone()} />
            { notice_view(state.notice.as_ref(), on_dismiss) }
            if let Some((text, fraction)) = state.opening.as_ref().map(|o| o.progress()) {
                { opening::opening_panel(&text, fraction, &dispatch) }
            } else {
            <div class="ck-grid">
                <div>
                    <DataPanel session={session.clone()} {data} data_version={state.data_version} good_version={state.good_version}
                               mode={state.mode} text_refusal={state.text_refusal.clone()} last_change={state.last_change.clone()}
                               busy={state.busy.clone()} hex_selected={state.hex_selected} hex_offset={state.hex_offset}
                               dispatch={dispatch.clone()} />
                    if parts >= 1 {
                        <CorruptPanel len={data.len} dispatch={dispatch.clone()} />
                    }
                </div>
                <div>
                    <DigestTable current={state.current_digests()} good={state.digests.good.clone()} hashing={state.digests.progress} />
                    if parts >= 1 {
                        <ExpectedBox text={state.expected.clone()} current={state.current_digests()} dispatch={dispatch.clone()} />
                    }
                </div>
            </div>
            if parts >= 2 {
                <StorePanel session={session.clone()} store_version={state.store_version} data_len={data.len}
                            show_truth={state.show_truth} {dispatch} />
            }
            if parts >= PARTS {
                <Throughput />
            }
            }
        </section>
    }
}
