//! The hex view: the data 256 bytes a page, 16 a row. Clicking a byte selects it; its eight bits
//! then show as buttons, and clicking one flips that bit. A selected byte can also be overwritten.
//! Arrow keys move the selection.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::hex_page::PAGE;
use super::state::{Action, ChecksumsState, Shared};
use crate::checksum::{Corruption, bytes_label, parse_hex_byte};
use crate::scenario::ChecksumStep;

const ROW: usize = 16;

/// Properties of the hex view: only what it shows.
#[derive(Properties, PartialEq)]
pub struct HexViewProps {
    /// The session (read for the bytes and the good copy).
    pub session: Shared,
    /// Moves when the data changes.
    pub data_version: u64,
    /// Moves when a new good copy is taken (bytes that differ from it stand out).
    pub good_version: u64,
    /// The selected byte.
    pub selected: Option<usize>,
    /// The first byte of the page shown.
    pub offset: usize,
    /// The tab's dispatcher.
    pub dispatch: UseReducerDispatcher<ChecksumsState>,
}

/// The hex view.
#[function_component(HexView)]
pub fn hex_view(props: &HexViewProps) -> Html {
    let dispatch = &props.dispatch;
    let session = props.session.borrow();
    let history = session.history();
    let data = history.data();
    let len = data.len();
    let offset = props.offset.min(len.saturating_sub(1) / PAGE * PAGE);
    let page: Vec<u8> = data[offset.min(len)..(offset + PAGE).min(len)].to_vec();
    let good = history.good();
    // Bytes that differ from the good copy stand out.
    let differs: Vec<bool> = page
        .iter()
        .enumerate()
        .map(|(i, b)| good.get(offset + i) != Some(b))
        .collect();
    let value = props.selected.and_then(|i| data.get(i).copied());
    drop(session);
    let selected = props.selected;

    let select = |i: usize| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::SelectByte(Some(i))))
    };
    let onkeydown = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            let Some(cur) = selected else {
                return;
            };
            let next = match e.key().as_str() {
                "ArrowRight" => cur.checked_add(1),
                "ArrowLeft" => cur.checked_sub(1),
                "ArrowDown" => cur.checked_add(ROW),
                "ArrowUp" => cur.checked_sub(ROW),
                _ => return,
            };
            e.prevent_default();
            if let Some(n) = next.filter(|&n| n < len) {
                dispatch.dispatch(Action::SelectByte(Some(n)));
            }
        })
    };
    // Keep keyboard focus on the selected byte as the selection moves.
    {
        use_effect_with(selected, move |sel| {
            if let Some(i) = sel {
                if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| {
                    d.query_selector(&format!(".hex-grid button[data-offset=\"{i}\"]"))
                        .ok()
                        .flatten()
                }) {
                    let in_grid = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.active_element())
                        .is_some_and(|a| a.closest(".hex-grid").ok().flatten().is_some());
                    if in_grid {
                        let _ = wasm_bindgen::JsCast::dyn_ref::<web_sys::HtmlElement>(&el)
                            .map(|h| h.focus());
                    }
                }
            }
        });
    }

    let rows = page.chunks(ROW).enumerate().map(|(r, row)| {
        let base = offset + r * ROW;
        let cells = row.iter().enumerate().map(|(c, &b)| {
            let i = base + c;
            let is_sel = selected == Some(i);
            html! {
                <button class={classes!("byte", is_sel.then_some("selected"), differs[r * ROW + c].then_some("differs"))}
                        data-offset={i.to_string()} aria-pressed={is_sel.to_string()}
                        aria-label={format!("byte {i}: 0x{b:02x}{}", if differs[r * ROW + c] { " (changed since the good copy)" } else { "" })} onclick={select(i)}>
                    { format!("{b:02x}") }
                </button>
            }
        });
        let ascii: String = row.iter().map(|&b| if (0x20..0x7f).contains(&b) { b as char } else { '·' }).collect();
        html! {
            <div class="hex-row">
                <span class="hex-offset mono" aria-hidden="true">{ format!("{base:08x}") }</span>
                <span class="hex-bytes" role="group" aria-label={format!("bytes {base} to {}", base + row.len() - 1)}>{ for cells }</span>
                <span class="hex-ascii mono" aria-hidden="true">{ ascii }</span>
            </div>
        }
    });

    let pages = len.div_ceil(PAGE).max(1);
    let go = |o: usize| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::SetHexOffset(o)))
    };
    let on_jump = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            if let Ok(o) = input.value().trim().parse::<usize>() {
                if o < len {
                    dispatch.dispatch(Action::SelectByte(Some(o)));
                }
            }
        })
    };

    let bits = selected
        .zip(value)
        .map(|(i, value)| bit_editor(i, value, dispatch));

    html! {
        <div class="hex-view">
            if len == 0 {
                <p class="notice">{ "The data is empty: insert a byte, type some text or open a file." }</p>
            } else {
                <div class="row hex-nav">
                    <button onclick={go(offset.saturating_sub(PAGE))} disabled={offset == 0}>{ "◀ Previous" }</button>
                    <span>{ format!("Bytes {}–{} of {} (page {} of {pages})", offset, (offset + PAGE).min(len) - 1, bytes_label(len), offset / PAGE + 1) }</span>
                    <button onclick={go(offset + PAGE)} disabled={offset + PAGE >= len}>{ "Next ▶" }</button>
                    <label class="inline">{ "Go to byte " }<input type="number" min="0" max={(len - 1).to_string()} class="node-number" onchange={on_jump} /></label>
                </div>
                <div class="hex-grid" role="group" aria-label="Data bytes in hexadecimal; arrow keys move the selection" {onkeydown}>{ for rows }</div>
                { bits.unwrap_or_else(|| html! { <p class="explain">{ "Select a byte to see and flip its bits." }</p> }) }
            }
        </div>
    }
}

/// The bits of byte `i` (whose value is `value`) as buttons that flip them, and a box that
/// overwrites the byte.
fn bit_editor(i: usize, value: u8, dispatch: &UseReducerDispatcher<ChecksumsState>) -> Html {
    let corrupt = |dispatch: &UseReducerDispatcher<ChecksumsState>, op: Corruption| {
        dispatch.dispatch(Action::Step(ChecksumStep::Corrupt(op)))
    };
    let flip = |bit: u8| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            corrupt(&dispatch, Corruption::FlipBit { byte: i, bit })
        })
    };
    let on_overwrite = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            match parse_hex_byte(&input.value()) {
                Ok(v) if v != value => corrupt(
                    &dispatch,
                    Corruption::Overwrite {
                        offset: i,
                        value: v,
                    },
                ),
                Ok(_) => {}
                Err(_) => input.set_value(&format!("{value:02x}")),
            }
        })
    };
    html! {
        <div class="bit-editor" role="group" aria-label={format!("Bits of byte {i}")}>
            <span>{ format!("Byte {i} = 0x{value:02x} = ") }</span>
            { for (0..8u8).rev().map(|bit| {
                let on = value >> bit & 1 == 1;
                html! {
                    <button class={classes!("bit", on.then_some("one"))} aria-pressed={on.to_string()}
                            aria-label={format!("bit {bit} of byte {i} is {}{}; flip it", u8::from(on), bit_end(bit))}
                            title={format!("bit {bit}{}", bit_end(bit))} onclick={flip(bit)}>
                        { if on { "1" } else { "0" } }
                    </button>
                }
            }) }
            <p class="explain">{ format!("Left to right: bits 7 to 0; {}.", super::explain::BIT_NUMBERS) }</p>
            <label class="inline">
                { " overwrite with 0x" }
                <input type="text" size="3" maxlength="4" value={format!("{value:02x}")} onchange={on_overwrite}
                       aria-label={format!("New value of byte {i}, in hex")} />
            </label>
        </div>
    }
}

/// Which end of the byte bit 0 and bit 7 are, for their labels.
fn bit_end(bit: u8) -> &'static str {
    match bit {
        0 => ", the least significant bit",
        7 => ", the most significant bit",
        _ => "",
    }
}
