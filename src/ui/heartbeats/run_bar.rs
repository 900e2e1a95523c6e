//! Run controls: play/pause, step, skip ahead, speed, reset and the seed.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::catch_up::catch_up_bar;
use super::state::{Action, HeartbeatsState, SPEEDS};
use crate::scenario::typed_number::parse_number;

/// Properties of the run bar.
#[derive(Properties, PartialEq)]
pub struct RunBarProps {
    /// The tab's state and dispatcher.
    pub state: UseReducerHandle<HeartbeatsState>,
}

fn speed_label(s: f64) -> String {
    if s == 0.0 {
        "stopped (0×)".into()
    } else {
        format!("{s}×")
    }
}

/// The run bar.
#[function_component(RunBar)]
pub fn run_bar(props: &RunBarProps) -> Html {
    let state = &props.state;
    let (now, events, seed, next) = {
        let w = state.world();
        (
            w.now(),
            w.events_processed(),
            w.config().seed,
            w.next_event_at(),
        )
    };
    let seed_text = use_state(|| seed.to_string());
    {
        let seed_text = seed_text.clone();
        use_effect_with(seed, move |seed| seed_text.set(seed.to_string()));
    }
    let seed_error = seed_text
        .parse::<u64>()
        .is_err()
        .then_some("Enter a whole number from 0 to 18446744073709551615.");

    let dispatch = |a: Action| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(a.clone()))
    };
    let on_speed = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let v = parse_number(
                &e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                    .value(),
            )
            .unwrap_or(1.0);
            state.dispatch(Action::SetSpeed(v));
        })
    };
    let on_seed_input = {
        let seed_text = seed_text.clone();
        Callback::from(move |e: InputEvent| {
            seed_text.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_seed_submit = {
        let state = state.clone();
        let seed_text = seed_text.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Ok(seed) = seed_text.trim().parse::<u64>() {
                state.dispatch(Action::SetSeed(seed));
            }
        })
    };
    let on_new_seed = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let seed = (js_sys::Math::random() * 1_000_000.0) as u64;
            state.dispatch(Action::SetSeed(seed));
        })
    };
    html! {
        <div class="run-bar panel" role="group" aria-label="Run controls">
            <button class="primary play" onclick={dispatch(Action::TogglePlay)} aria-keyshortcuts="Space">
                { if state.running || state.catch_up.as_ref().is_some_and(|c| c.resume) { "Pause" } else { "Play" } }
            </button>
            <button onclick={dispatch(Action::Step)} title="Process exactly one event (a timer, a delivery or a check)">{ "Step" }</button>
            <button onclick={dispatch(Action::Skip(1_000))} title="Advance 1 s of virtual time">{ "+1 s" }</button>
            <button onclick={dispatch(Action::Skip(10_000))} title="Advance 10 s of virtual time">{ "+10 s" }</button>
            <label class="inline">
                { "Speed " }
                <select onchange={on_speed} aria-label="Speed">
                    { for SPEEDS.iter().map(|&s| html! {
                        <option value={s.to_string()} selected={s == state.speed}>{ speed_label(s) }</option>
                    }) }
                </select>
            </label>
            <button onclick={dispatch(Action::Reset)} title="Start again from 0 s with the same settings and seed">{ "Reset" }</button>
            <form class="seed" onsubmit={on_seed_submit}>
                <label>
                    { "Seed " }
                    <input type="text" inputmode="numeric" size="10" value={(*seed_text).clone()} oninput={on_seed_input}
                           aria-invalid={seed_error.is_some().to_string()} aria-describedby="seed-help" />
                </label>
                <button type="submit" disabled={seed_error.is_some()}>{ "Use seed" }</button>
                <button type="button" onclick={on_new_seed}>{ "New seed" }</button>
                <span id="seed-help" class={if seed_error.is_some() { "field-error" } else { "visually-hidden" }}>
                    { seed_error.unwrap_or("The same seed and the same actions always give the same run.") }
                </span>
            </form>
            <p class="clock" aria-live="off">
                <span class="mono" data-testid="virtual-time">{ format!("t = {now}") }</span>
                { format!(" · {events} events") }
                if let Some(lag) = state.lagging.filter(|_| state.running) {
                    <span class="status-warn">{ format!(" · running at {lag:.0}× (the browser cannot keep up with {}×)", state.speed) }</span>
                }
                if next.is_none() {
                    <span>{ " · nothing left to happen" }</span>
                }
            </p>
            { catch_up_bar(state) }
        </div>
    }
}
