//! The Checksums tab.

use yew::prelude::*;

/// The Checksums tab: data, digests, corruption and the replicated store.
#[function_component(ChecksumsTab)]
pub fn checksums_tab() -> Html {
    html! {
        <section aria-labelledby="checksums-heading">
            <h2 id="checksums-heading">{ "Checksums" }</h2>
            <p class="explain">
                { "A checksum is a small value computed from data. Stored beside the data and recomputed \
                   on every read, it tells whether the data changed on the way." }
            </p>
        </section>
    }
}
