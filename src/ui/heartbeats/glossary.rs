//! The words the page uses, defined in one list (from [`super::explain::TERMS`]).

use yew::prelude::*;

use super::explain::TERMS;

/// The glossary panel.
#[function_component(Glossary)]
pub fn glossary() -> Html {
    html! {
        <section class="panel glossary" aria-labelledby="glossary-heading">
            <h3 id="glossary-heading">{ "What the words mean" }</h3>
            <dl class="definitions">
                { for TERMS.iter().map(|&(term, meaning)| html! {
                    <>
                        <dt data-term={term}><dfn>{ term }</dfn></dt>
                        <dd>{ meaning }</dd>
                    </>
                }) }
            </dl>
        </section>
    }
}
