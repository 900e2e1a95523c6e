//! A message after an action — what happened, or why it was refused — and how the page shows it.

use yew::prelude::*;

/// A message for the learner.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// The text.
    pub text: String,
    /// Whether it reports a refusal or an error.
    pub error: bool,
}

/// A notice with a dismiss button; errors are announced at once, the rest politely. A plain
/// function, not a component: it has no state, and each component costs the module its own copy of
/// Yew's lifecycle.
pub fn notice_view(notice: Option<&Notice>, on_dismiss: Callback<()>) -> Html {
    let Some(n) = notice else { return html! {} };
    let dismiss = Callback::from(move |_: MouseEvent| on_dismiss.emit(()));
    html! {
        <p class={classes!("notice", n.error.then_some("error"))} role={if n.error { "alert" } else { "status" }}>
            { n.text.clone() }
            <button class="linkish" onclick={dismiss} aria-label="Dismiss the message">{ "×" }</button>
        </p>
    }
}
