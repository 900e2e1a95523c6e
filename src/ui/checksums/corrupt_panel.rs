//! Corruption buttons: each is one undoable step and says what it changed. Offsets and lengths
//! are decimal; byte values are hex, as the hex view shows them ("41" is 0x41, the letter A).

use std::cell::RefCell;
use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::state::{Action, ChecksumsState, Notice};
use crate::checksum::{Corruption, SECTOR_SIZE, bytes_label, parse_hex_byte};
use crate::scenario::ChecksumStep;

/// Properties of the corruption panel: only what it shows.
#[derive(Properties, PartialEq)]
pub struct CorruptPanelProps {
    /// The data's length.
    pub len: usize,
    /// The tab's dispatcher.
    pub dispatch: UseReducerDispatcher<ChecksumsState>,
}

/// A small box kept as text until used. Buttons read [`Field::text`] when clicked, which holds
/// what was typed last even before the page has redrawn.
#[derive(Clone)]
struct Field {
    shown: UseStateHandle<String>,
    latest: Rc<RefCell<String>>,
}

impl Field {
    fn text(&self) -> String {
        self.latest.borrow().clone()
    }
}

#[hook]
fn use_number(initial: &str) -> (Field, Callback<InputEvent>) {
    let shown = use_state(|| initial.to_string());
    let latest = use_mut_ref(|| initial.to_string());
    let oninput = {
        let (shown, latest) = (shown.clone(), latest.clone());
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            *latest.borrow_mut() = text.clone();
            shown.set(text);
        })
    };
    (Field { shown, latest }, oninput)
}

/// What the learner reads when an offset, a length or a bit number is not a whole number.
const NOT_A_NUMBER: &str =
    "Enter whole numbers for offsets, lengths and bit numbers, such as 0 or 17.";

fn parse_usize(s: &str) -> Result<usize, String> {
    s.trim().parse().map_err(|_| NOT_A_NUMBER.to_string())
}

fn parse_byte(s: &str) -> Result<u8, String> {
    parse_hex_byte(s).map_err(|e| format!("Byte value: {e}."))
}

/// The corruption panel.
#[function_component(CorruptPanel)]
pub fn corrupt_panel(props: &CorruptPanelProps) -> Html {
    let len = props.len;
    let (byte, on_byte) = use_number("0");
    let (bit, on_bit) = use_number("0");
    let (ow_off, on_ow_off) = use_number("0");
    let (ow_val, on_ow_val) = use_number("00");
    let (ins_off, on_ins_off) = use_number("0");
    let (ins_val, on_ins_val) = use_number("2a");
    let (del_start, on_del_start) = use_number("0");
    let (del_len, on_del_len) = use_number("1");
    let (trunc, on_trunc) = use_number("0");
    let (swap_a, on_swap_a) = use_number("0");
    let (swap_b, on_swap_b) = use_number("1");
    let (sector, on_sector) = use_number("0");
    let fields = Fields {
        byte: byte.clone(),
        bit: bit.clone(),
        ow_off: ow_off.clone(),
        ow_val: ow_val.clone(),
        ins_off: ins_off.clone(),
        ins_val: ins_val.clone(),
        del_start: del_start.clone(),
        del_len: del_len.clone(),
        trunc: trunc.clone(),
        swap_a: swap_a.clone(),
        swap_b: swap_b.clone(),
        sector: sector.clone(),
    };

    // Each button builds its corruption from the boxes when it is clicked.
    let run = |make: fn(&Fields) -> Result<Corruption, String>| {
        let dispatch = props.dispatch.clone();
        let fields = fields.clone();
        Callback::from(move |_: MouseEvent| match make(&fields) {
            Ok(op) => dispatch.dispatch(Action::Step(ChecksumStep::Corrupt(op))),
            Err(text) => dispatch.dispatch(Action::Notify(Notice { text, error: true })),
        })
    };
    let num = |v: &Field, oninput: &Callback<InputEvent>, label: &str| {
        html! { <input type="text" inputmode="numeric" size="6" value={(*v.shown).clone()} oninput={oninput.clone()} aria-label={label.to_string()} /> }
    };
    let hex = |v: &Field, oninput: &Callback<InputEvent>, label: &str| {
        html! {
            <span class="hex-field">
                <span aria-hidden="true">{ "0x" }</span>
                <input type="text" class="mono" size="4" maxlength="6" spellcheck="false" autocomplete="off"
                       value={(*v.shown).clone()} oninput={oninput.clone()} aria-label={label.to_string()} />
            </span>
        }
    };
    html! {
        <section class="panel corrupt-panel" aria-labelledby="corrupt-heading">
            <h3 id="corrupt-heading">{ "Corrupt it" }</h3>
            <p class="explain">{ format!("Offsets count from 0; the data has {}. Byte values are hex (00–ff), as in the hex view; {}. Each corruption is one step you can undo.", bytes_label(len), super::explain::BIT_NUMBERS) }</p>
            <div class="corruptions">
                <div class="row"><button onclick={run(|_| Ok(Corruption::FlipRandomBit))}>{ "Flip a random bit" }</button></div>
                <div class="row">
                    <button onclick={run(Fields::flip)}>{ "Flip bit" }</button>
                    { num(&bit, &on_bit, "Bit to flip, 0 (least significant) to 7 (most significant)") }{ " of byte " }{ num(&byte, &on_byte, "Byte whose bit to flip") }
                </div>
                <div class="row">
                    <button onclick={run(Fields::overwrite)}>{ "Overwrite byte" }</button>
                    { num(&ow_off, &on_ow_off, "Offset to overwrite") }{ " with " }{ hex(&ow_val, &on_ow_val, "New byte value in hex, 00 to ff") }
                </div>
                <div class="row">
                    <button onclick={run(Fields::insert)}>{ "Insert byte" }</button>
                    { hex(&ins_val, &on_ins_val, "Byte value to insert in hex, 00 to ff") }{ " at " }{ num(&ins_off, &on_ins_off, "Offset to insert at") }
                </div>
                <div class="row">
                    <button onclick={run(Fields::delete)}>{ "Delete" }</button>
                    { num(&del_len, &on_del_len, "How many bytes to delete") }{ " bytes from " }{ num(&del_start, &on_del_start, "First byte to delete") }
                </div>
                <div class="row">
                    <button onclick={run(Fields::truncate)}>{ "Truncate" }</button>{ " to " }{ num(&trunc, &on_trunc, "Length to keep") }{ " bytes" }
                </div>
                <div class="row">
                    <button onclick={run(Fields::swap)}>{ "Swap bytes" }</button>
                    { num(&swap_a, &on_swap_a, "First byte to swap") }{ " and " }{ num(&swap_b, &on_swap_b, "Second byte to swap") }
                </div>
                <div class="row">
                    <button onclick={run(Fields::zero)}>{ format!("Zero a {SECTOR_SIZE}-byte sector") }</button>
                    { "sector " }{ num(&sector, &on_sector, "Sector number") }
                </div>
            </div>
        </section>
    }
}

/// The panel's boxes, read when a button is clicked.
#[derive(Clone)]
struct Fields {
    byte: Field,
    bit: Field,
    ow_off: Field,
    ow_val: Field,
    ins_off: Field,
    ins_val: Field,
    del_start: Field,
    del_len: Field,
    trunc: Field,
    swap_a: Field,
    swap_b: Field,
    sector: Field,
}

impl Fields {
    fn flip(&self) -> Result<Corruption, String> {
        let byte = parse_usize(&self.byte.text())?;
        let bit = u8::try_from(parse_usize(&self.bit.text())?)
            .ok()
            .filter(|b| *b < 8)
            .ok_or_else(|| "A bit number is 0 to 7.".to_string())?;
        Ok(Corruption::FlipBit { byte, bit })
    }

    fn overwrite(&self) -> Result<Corruption, String> {
        Ok(Corruption::Overwrite {
            offset: parse_usize(&self.ow_off.text())?,
            value: parse_byte(&self.ow_val.text())?,
        })
    }

    fn insert(&self) -> Result<Corruption, String> {
        Ok(Corruption::Insert {
            offset: parse_usize(&self.ins_off.text())?,
            value: parse_byte(&self.ins_val.text())?,
        })
    }

    fn delete(&self) -> Result<Corruption, String> {
        Ok(Corruption::Delete {
            start: parse_usize(&self.del_start.text())?,
            len: parse_usize(&self.del_len.text())?,
        })
    }

    fn truncate(&self) -> Result<Corruption, String> {
        Ok(Corruption::Truncate {
            len: parse_usize(&self.trunc.text())?,
        })
    }

    fn swap(&self) -> Result<Corruption, String> {
        Ok(Corruption::Swap {
            a: parse_usize(&self.swap_a.text())?,
            b: parse_usize(&self.swap_b.text())?,
        })
    }

    fn zero(&self) -> Result<Corruption, String> {
        Ok(Corruption::ZeroSector {
            sector: parse_usize(&self.sector.text())?,
        })
    }
}
