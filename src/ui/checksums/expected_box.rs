//! The expected-digest box: paste a published digest; the page says which algorithms its length
//! fits, and whether the data matches.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::state::{Action, ChecksumsState};
use crate::checksum::{Digests, ExpectedCheck, parse_expected};
use crate::ui::sentence::capitalize;

/// Properties of the expected-digest box.
#[derive(Properties, PartialEq)]
pub struct ExpectedBoxProps {
    /// What is pasted.
    pub text: AttrValue,
    /// The digests of the current data, once computed.
    pub current: Option<Rc<Digests>>,
    /// The tab's dispatcher.
    pub dispatch: UseReducerDispatcher<ChecksumsState>,
}

/// The expected-digest box.
#[function_component(ExpectedBox)]
pub fn expected_box(p: &ExpectedBoxProps) -> Html {
    let oninput = {
        let dispatch = p.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            dispatch.dispatch(Action::SetExpected(
                e.target_unchecked_into::<HtmlInputElement>().value(),
            ))
        })
    };
    let verdict = if p.text.trim().is_empty() {
        html! { <p class="explain">{ "Paste the digest published next to a download; the page finds which algorithm it belongs to and compares." }</p> }
    } else {
        match parse_expected(&p.text) {
            Err(e) => {
                html! { <p class="field-error" role="alert" data-testid="expected-result">{ format!("Not a digest: {e}.") }</p> }
            }
            Ok(expected) => {
                let reading = html! {
                    <p class="explain" data-testid="expected-reading">{ capitalize(&expected.reading()) }{ "." }</p>
                };
                let verdict = match p.current.as_ref().map(|d| expected.check(d)) {
                    None => {
                        html! { <p data-testid="expected-result">{ "The data is still being hashed." }</p> }
                    }
                    Some(check) => match &check {
                        ExpectedCheck::Match { .. } => html! {
                            <div role="status" data-testid="expected-result">
                                <p class="status-ok">{ format!("✔ {}.", capitalize(&check.headline())) }</p>
                                <p>{ check.detail().unwrap_or_default() }</p>
                            </div>
                        },
                        ExpectedCheck::Mismatch {
                            expected_hex,
                            actual_hex,
                            differing_digits,
                            ..
                        } => {
                            let marked = |hex: &str| -> Html {
                                hex.chars()
                                    .enumerate()
                                    .map(|(i, c)| {
                                        if differing_digits.contains(&i) {
                                            html! { <mark>{ c }</mark> }
                                        } else {
                                            html! { { c } }
                                        }
                                    })
                                    .collect::<Html>()
                            };
                            html! {
                                <div role="alert" data-testid="expected-result">
                                    <p class="status-bad">{ format!("✘ {}.", capitalize(&check.headline())) }</p>
                                    <p>{ check.detail().unwrap_or_default() }</p>
                                    <p class="mono compare">{ "expected " }{ marked(expected_hex) }</p>
                                    <p class="mono compare">{ "actual   " }{ marked(actual_hex) }</p>
                                </div>
                            }
                        }
                        ExpectedCheck::NotComputed { .. } => {
                            html! { <p data-testid="expected-result">{ check.message() }</p> }
                        }
                    },
                };
                html! { <>{ reading }{ verdict }</> }
            }
        }
    };
    html! {
        <section class="panel expected" aria-labelledby="expected-heading">
            <h3 id="expected-heading">{ "Expected digest" }</h3>
            <label class="field">
                <span class="label">{ "Paste a digest: hex (a bare digest, a sha256sum or BSD line, sha256:…) or base64 with its label (sha256-… as in Subresource Integrity, Content-MD5:, crc32c=)" }</span>
                <input type="text" class="mono" spellcheck="false" autocomplete="off"
                       value={p.text.clone()} {oninput} />
            </label>
            { verdict }
        </section>
    }
}
