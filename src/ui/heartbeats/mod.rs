//! The Heartbeats tab.

use yew::prelude::*;

/// The Heartbeats tab: a simulated cluster, its failure detectors and the faults a learner injects.
#[function_component(HeartbeatsTab)]
pub fn heartbeats_tab() -> Html {
    html! {
        <section aria-labelledby="heartbeats-heading">
            <h2 id="heartbeats-heading">{ "Heartbeats" }</h2>
            <p class="explain">
                { "A heartbeat is a small message a server sends every few seconds to say it is still alive. \
                   When heartbeats stop for longer than a timeout, the others conclude it is dead." }
            </p>
        </section>
    }
}
