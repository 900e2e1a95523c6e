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
pub mod state;
mod store_panel;
mod throughput;

use yew::prelude::*;

use corrupt_panel::CorruptPanel;
use data_panel::DataPanel;
use digest_table::DigestTable;
use expected_box::ExpectedBox;
use hashing::use_hashing;
use state::{Action, CkState};
use store_panel::StorePanel;
use throughput::Throughput;

/// The Checksums tab.
#[function_component(ChecksumsTab)]
pub fn checksums_tab() -> Html {
    let state = use_reducer(CkState::new);
    use_hashing(&state);
    let notice = state.notice.clone().map(|n| {
        let state = state.clone();
        let dismiss = Callback::from(move |_| state.dispatch(Action::DismissNotice));
        html! {
            <p class={classes!("notice", n.error.then_some("error"))} role={if n.error { "alert" } else { "status" }}>
                { n.text }
                <button class="linkish" onclick={dismiss} aria-label="Dismiss the message">{ "×" }</button>
            </p>
        }
    });
    html! {
        <section class="checksums" aria-labelledby="checksums-heading">
            <h2 id="checksums-heading">{ "Checksums" }</h2>
            <p class="explain lead">{ explain::CHECKSUM }</p>
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
