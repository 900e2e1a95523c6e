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

/// Properties of the notice view.
#[derive(Properties, PartialEq)]
pub struct NoticeViewProps {
    /// The message, if there is one.
    pub notice: Option<Notice>,
    /// Hides it.
    pub on_dismiss: Callback<()>,
}

/// Shows a notice with a dismiss button; errors are announced at once, the rest politely.
#[function_component(NoticeView)]
pub fn notice_view(p: &NoticeViewProps) -> Html {
    let Some(n) = &p.notice else { return html! {} };
    let dismiss = {
        let cb = p.on_dismiss.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <p class={classes!("notice", n.error.then_some("error"))} role={if n.error { "alert" } else { "status" }}>
            { n.text.clone() }
            <button class="linkish" onclick={dismiss} aria-label="Dismiss the message">{ "×" }</button>
        </p>
    }
}
