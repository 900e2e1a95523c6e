//! Corruption buttons: each is one undoable step and says what it changed.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::state::{Action, CkState};
use crate::checksum::{Corruption, SECTOR_SIZE, bytes_label};

/// Properties of the corruption panel.
#[derive(Properties, PartialEq)]
pub struct CorruptPanelProps {
    /// The tab's state and dispatcher.
    pub state: UseReducerHandle<CkState>,
}

/// A small number box kept as text until used.
#[hook]
fn use_number(initial: &str) -> (UseStateHandle<String>, Callback<InputEvent>) {
    let value = use_state(|| initial.to_string());
    let oninput = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| {
            value.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    (value, oninput)
}

fn parse_usize(s: &str) -> Option<usize> {
    s.trim().parse().ok()
}

fn parse_byte(s: &str) -> Option<u8> {
    let t = s.trim();
    match t.strip_prefix("0x") {
        Some(h) => u8::from_str_radix(h, 16).ok(),
        None => t.parse().ok(),
    }
}

/// The corruption panel.
#[function_component(CorruptPanel)]
pub fn corrupt_panel(props: &CorruptPanelProps) -> Html {
    let state = &props.state;
    let len = state.history.borrow().data().len();
    let (byte, on_byte) = use_number("0");
    let (bit, on_bit) = use_number("0");
    let (ow_off, on_ow_off) = use_number("0");
    let (ow_val, on_ow_val) = use_number("0x00");
    let (ins_off, on_ins_off) = use_number("0");
    let (ins_val, on_ins_val) = use_number("0x2a");
    let (del_start, on_del_start) = use_number("0");
    let (del_len, on_del_len) = use_number("1");
    let (trunc, on_trunc) = use_number("0");
    let (swap_a, on_swap_a) = use_number("0");
    let (swap_b, on_swap_b) = use_number("1");
    let (sector, on_sector) = use_number("0");

    let run = |op: Option<Corruption>| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| match op {
            Some(op) => state.dispatch(Action::Corrupt(op)),
            None => state.dispatch(Action::Notify(super::state::Notice {
                text: "Enter whole numbers (a byte value may be written 0x2a).".into(),
                error: true,
            })),
        })
    };
    let flip = parse_usize(&byte)
        .zip(parse_usize(&bit).and_then(|b| u8::try_from(b).ok()))
        .map(|(byte, bit)| Corruption::FlipBit { byte, bit });
    let overwrite = parse_usize(&ow_off)
        .zip(parse_byte(&ow_val))
        .map(|(offset, value)| Corruption::Overwrite { offset, value });
    let insert = parse_usize(&ins_off)
        .zip(parse_byte(&ins_val))
        .map(|(offset, value)| Corruption::Insert { offset, value });
    let delete = parse_usize(&del_start)
        .zip(parse_usize(&del_len))
        .map(|(start, len)| Corruption::Delete { start, len });
    let truncate = parse_usize(&trunc).map(|len| Corruption::Truncate { len });
    let swap = parse_usize(&swap_a)
        .zip(parse_usize(&swap_b))
        .map(|(a, b)| Corruption::Swap { a, b });
    let zero = parse_usize(&sector).map(|sector| Corruption::ZeroSector { sector });
    let num = |v: &UseStateHandle<String>, oninput: &Callback<InputEvent>, label: &str| {
        html! { <input type="text" inputmode="numeric" size="6" value={(**v).clone()} oninput={oninput.clone()} aria-label={label.to_string()} /> }
    };
    html! {
        <section class="panel corrupt-panel" aria-labelledby="corrupt-heading">
            <h3 id="corrupt-heading">{ "Corrupt it" }</h3>
            <p class="explain">{ format!("Offsets count from 0; the data has {}. Each corruption is one step you can undo.", bytes_label(len)) }</p>
            <div class="corruptions">
                <div class="row"><button onclick={run(Some(Corruption::FlipRandomBit))}>{ "Flip a random bit" }</button></div>
                <div class="row">
                    <button onclick={run(flip)}>{ "Flip bit" }</button>
                    { num(&bit, &on_bit, "Bit to flip, 0 to 7") }{ " of byte " }{ num(&byte, &on_byte, "Byte whose bit to flip") }
                </div>
                <div class="row">
                    <button onclick={run(overwrite)}>{ "Overwrite byte" }</button>
                    { num(&ow_off, &on_ow_off, "Offset to overwrite") }{ " with " }{ num(&ow_val, &on_ow_val, "New byte value") }
                </div>
                <div class="row">
                    <button onclick={run(insert)}>{ "Insert byte" }</button>
                    { num(&ins_val, &on_ins_val, "Byte value to insert") }{ " at " }{ num(&ins_off, &on_ins_off, "Offset to insert at") }
                </div>
                <div class="row">
                    <button onclick={run(delete)}>{ "Delete" }</button>
                    { num(&del_len, &on_del_len, "How many bytes to delete") }{ " bytes from " }{ num(&del_start, &on_del_start, "First byte to delete") }
                </div>
                <div class="row">
                    <button onclick={run(truncate)}>{ "Truncate" }</button>{ " to " }{ num(&trunc, &on_trunc, "Length to keep") }{ " bytes" }
                </div>
                <div class="row">
                    <button onclick={run(swap)}>{ "Swap bytes" }</button>
                    { num(&swap_a, &on_swap_a, "First byte to swap") }{ " and " }{ num(&swap_b, &on_swap_b, "Second byte to swap") }
                </div>
                <div class="row">
                    <button onclick={run(zero)}>{ format!("Zero a {SECTOR_SIZE}-byte sector") }</button>
                    { "sector " }{ num(&sector, &on_sector, "Sector number") }
                </div>
            </div>
        </section>
    }
}
