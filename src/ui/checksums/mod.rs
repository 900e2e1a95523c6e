//! The Checksums tab: edit data, corrupt it, and watch the digests; follow the write path and the
//! read path of a replicated store; measure the algorithms' speed in this browser. Everything is
//! computed by `crate::checksum`; this module shows it and turns clicks into its operations.

mod corrupt_panel;
mod data_panel;
mod digest_table;
mod expected_box;
pub mod explain;
mod hashing;
pub mod hex_view;
pub mod session;
pub mod state;
mod store_panel;
mod throughput;

use yew::prelude::*;

use corrupt_panel::CorruptPanel;
use data_panel::DataPanel;
use digest_table::DigestTable;
use expected_box::ExpectedBox;
use hashing::use_hashing;
pub use session::Opened;
use state::Action;

use crate::scenario::{Route, Scenario, Tab};
use crate::ui::notice::NoticeView;
use crate::ui::scenario_bar::ScenarioBar;
use store_panel::StorePanel;
use throughput::Throughput;

/// Properties of the Checksums tab.
#[derive(Properties, PartialEq)]
pub struct ChecksumsProps {
    /// Where the session comes from.
    pub opened: Opened,
}

/// The Checksums tab.
#[function_component(ChecksumsTab)]
pub fn checksums_tab(props: &ChecksumsProps) -> Html {
    let state = {
        let opened = props.opened.clone();
        use_reducer(move || session::initial_state(&opened))
    };
    use_hashing(&state);
    let keeping = session::use_autosave(&state, &props.opened);
    let make_scenario = {
        let state = state.clone();
        Callback::from(move |()| state.scenario().map(Scenario::Checksums))
    };
    let on_reset = {
        let opened = props.opened.clone();
        let saves = keeping.saves;
        Callback::from(move |()| {
            // A new session: remount through the address, like opening a link. The learner's own
            // session starts over from the sample; a shared one opens the sample as a link, so the
            // learner's own saved session is left alone.
            let stamp = crate::ui::route::fresh_stamp();
            let route = match &opened {
                Opened::Lesson(n) => Route {
                    sub: Some(n.to_string()),
                    ..Route::tab(Tab::Lessons)
                }
                .with_param("restart", &stamp),
                Opened::Own { .. } if saves => {
                    session::forget();
                    Route::tab(Tab::Checksums).with_param("reset", &stamp)
                }
                Opened::Own { .. } => {
                    let sample = state::CkState::new().scenario().map(Scenario::Checksums);
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
        })
    };
    let notice = {
        let state = state.clone();
        html! { <NoticeView notice={state.notice.clone()} on_dismiss={Callback::from(move |()| state.dispatch(Action::DismissNotice))} /> }
    };
    html! {
        <section class="checksums" aria-labelledby="checksums-heading">
            <h2 id="checksums-heading">{ "Checksums" }</h2>
            <p class="explain lead">{ explain::CHECKSUM }</p>
            <ScenarioBar tab={Tab::Checksums} make={make_scenario} on_reset={on_reset}
                         reset_label={if matches!(props.opened, Opened::Lesson(_)) { "Restart the lesson" } else { "Reset to defaults" }}
                         on_adopt={keeping.adopt.clone()} />
            { notice }
            <div class="ck-grid">
                <div>
                    <DataPanel state={state.clone()} />
                    <CorruptPanel state={state.clone()} />
                </div>
                <div>
                    <DigestTable current={state.current_digests()} good={state.good_digests.clone()} hashing={state.hashing} />
                    <ExpectedBox text={state.expected.clone()} current={state.current_digests()} dispatch={state.dispatcher()} />
                </div>
            </div>
            <StorePanel state={state.clone()} />
            <Throughput />
        </section>
    }
}
