//! The data: edited as text (debounced, so each pause in typing is hashed once) or as bytes and
//! bits in the hex view; replaced by a local file (read in the browser, never sent anywhere) or by
//! seeded random data generated in slices. Data a text box would not hold exactly (too large, not
//! UTF-8, or with carriage returns, which a text box turns into line feeds) is shown in the hex
//! view, with the reason.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::hex_view::HexView;
use super::parking::deliver;
use super::state::{
    Action, ChecksumsState, EditMode, Notice, SHAREABLE_BYTES, Shared, TEXT_BOX_MAX,
};
use crate::checksum::{MAX_DATA_LEN, RandomFill, bytes_label, text_box_view};
use crate::scenario::checksum_session::ChecksumSession;
use crate::scenario::typed_number::parse_number;
use crate::scenario::{ChecksumStep, DataSource};
/// How long typing must pause before the text is hashed.
const DEBOUNCE_MS: u32 = 300;
/// Pauses in typing shorter than this (ms) keep one burst of typing as one undo step.
const TYPING_BURST_MS: f64 = 5_000.0;
/// Pastes of more bytes than this skip the text box's own editing (which holds the page for
/// about 0.3 s per MiB in Chromium) and go straight to the data.
const DIRECT_PASTE_BYTES: usize = 32 * 1024;

/// What the data panel says about the data, worked out once per change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DataFacts {
    /// Its length in bytes.
    pub len: usize,
    /// Whether it equals the good copy.
    pub is_good: bool,
    /// Whether there is a step to undo.
    pub can_undo: bool,
    /// Whether there is a step to redo.
    pub can_redo: bool,
}

impl DataFacts {
    /// The facts of `session`'s data (none of them costs more than a look).
    pub fn of(session: &ChecksumSession) -> DataFacts {
        let history = session.history();
        DataFacts {
            len: history.data().len(),
            is_good: history.is_good(),
            can_undo: history.can_undo(),
            can_redo: history.can_redo(),
        }
    }
}

/// Properties of the data panel: only what it shows.
#[derive(Properties, PartialEq)]
pub struct DataPanelProps {
    /// The session (read for the bytes the editors show).
    pub session: Shared,
    /// What the panel says about the data.
    pub data: DataFacts,
    /// Moves when the data changes.
    pub data_version: u64,
    /// Moves when a new good copy is taken (the hex view marks bytes that differ from it).
    pub good_version: u64,
    /// How the data is edited.
    pub mode: EditMode,
    /// Why the data cannot be edited as text, if it cannot.
    pub text_refusal: Option<String>,
    /// What the last change did.
    pub last_change: Option<String>,
    /// Long work in progress, described.
    pub busy: Option<String>,
    /// The byte selected in the hex view.
    pub hex_selected: Option<usize>,
    /// The first byte of the hex view's page.
    pub hex_offset: usize,
    /// The tab's dispatcher.
    pub dispatch: UseReducerDispatcher<ChecksumsState>,
}

/// The data panel.
#[function_component(DataPanel)]
pub fn data_panel(p: &DataPanelProps) -> Html {
    let DataFacts {
        len,
        is_good,
        can_undo,
        can_redo,
    } = p.data;
    let set_mode = |mode: EditMode| {
        let dispatch = p.dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(Action::SetMode(mode)))
    };
    let act = |step: ChecksumStep| {
        let dispatch = p.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Step(step.clone())))
    };
    html! {
        <section class="panel data-panel" aria-labelledby="data-heading">
            <h3 id="data-heading">{ "The data" }</h3>
            <div class="row" role="group" aria-label="Edit as">
                <button aria-pressed={(p.mode == EditMode::Text).to_string()} onclick={set_mode(EditMode::Text)}
                        disabled={p.text_refusal.is_some()}
                        title={p.text_refusal.as_ref().map(|_| "This data cannot be edited as text; the note below the buttons says why")}>{ "Text" }</button>
                <button aria-pressed={(p.mode == EditMode::Hex).to_string()} onclick={set_mode(EditMode::Hex)}>{ "Hex" }</button>
                <span class="data-size" data-testid="data-size">
                    { bytes_label(len) }{ if is_good { " · the good copy" } else { " · changed since the good copy" } }
                </span>
            </div>
            if let Some(why) = &p.text_refusal {
                <p class="notice text-refusal" data-testid="text-refusal">{ format!("Shown as hex: {why}.") }</p>
            }
            { match p.mode {
                EditMode::Text => html! { <TextEditor session={p.session.clone()} data_version={p.data_version} busy={p.busy.is_some()} dispatch={p.dispatch.clone()} /> },
                EditMode::Hex => html! {
                    <HexView session={p.session.clone()} data_version={p.data_version} good_version={p.good_version}
                             selected={p.hex_selected} offset={p.hex_offset} dispatch={p.dispatch.clone()} />
                },
            } }
            <div class="row" role="group" aria-label="History">
                <button onclick={act(ChecksumStep::Undo)} disabled={!can_undo}>{ "Undo" }</button>
                <button onclick={act(ChecksumStep::Redo)} disabled={!can_redo}>{ "Redo" }</button>
                <button onclick={act(ChecksumStep::MarkGood)} disabled={is_good}
                        title="Take the current data as the reference the digests are compared with">{ "Mark as good" }</button>
                <button onclick={act(ChecksumStep::RestoreGood)} disabled={is_good}>{ "Restore the good copy" }</button>
            </div>
            if let Some(change) = &p.last_change {
                <p class="last-change" role="status" data-testid="last-change">{ change.clone() }</p>
            }
            <DataSources session={p.session.clone()} busy={p.busy.clone()} dispatch={p.dispatch.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct TextEditorProps {
    session: Shared,
    data_version: u64,
    /// New data is on its way: the box takes no typing, which the new data would replace.
    busy: bool,
    dispatch: UseReducerDispatcher<ChecksumsState>,
}

/// The text box. What the learner types stays in the box (it is not re-rendered from the data
/// while typing) and is handed over after a pause, or at once when the box loses focus or goes
/// away (so a click on Undo or Hex never loses a word); a change from elsewhere (a corruption,
/// undo) rewrites the box.
#[function_component(TextEditor)]
fn text_editor(props: &TextEditorProps) -> Html {
    // The typed text not handed over yet, and the timer that will hand it over.
    let pending = use_mut_ref(|| None::<(String, Timeout)>);
    let area = use_node_ref();
    let session = props.session.clone();
    // Decoding up to 1 MiB as text is done once per change of the data, not on every redraw.
    // (Data that is not editable as text switches the tab to the hex view; this is the fallback.)
    let view = use_memo(props.data_version, move |_| {
        text_box_view(session.borrow().history().data(), TEXT_BOX_MAX)
            .map(str::to_string)
            .map_err(|why| format!("Not shown as text: {why}."))
    });
    {
        let area = area.clone();
        let text = view.as_ref().clone().ok();
        use_effect_with(props.data_version, move |_| {
            if let (Some(area), Some(text)) = (area.cast::<HtmlTextAreaElement>(), text) {
                if area.value() != text {
                    area.set_value(&text);
                }
            }
        });
    }
    // When the text was last handed over: a pause in typing shorter than TYPING_BURST_MS
    // continues the same burst (one undo step); a longer one starts a new step. The clock is
    // read here, where the text is handed over, and the reducer is told the outcome.
    let last_edit = use_mut_ref(|| f64::NEG_INFINITY);
    // To the session wherever it is: the box goes away with the tab, and its text must not.
    let hand_over = {
        let session = props.session.clone();
        let last_edit = last_edit.clone();
        Rc::new(move |text: String| {
            let now = js_sys::Date::now();
            let continues = now - *last_edit.borrow() <= TYPING_BURST_MS;
            *last_edit.borrow_mut() = now;
            deliver(&session, Action::Typed { text, continues });
        })
    };
    let flush = {
        let pending = pending.clone();
        let hand_over = hand_over.clone();
        move || {
            if let Some((text, timer)) = pending.borrow_mut().take() {
                timer.cancel();
                hand_over(text);
            }
        }
    };
    {
        // Hand the text over when the box goes away, and when the page does (before the page
        // keeps the session on `pagehide`; see `use_keeping`).
        let flush = flush.clone();
        use_effect_with((), move |_| {
            let on_leave = flush.clone();
            let listener = web_sys::window().map(|window| {
                gloo_events::EventListener::new_with_options(
                    &window,
                    "pagehide",
                    gloo_events::EventListenerOptions::run_in_capture_phase(),
                    move |_| on_leave(),
                )
            });
            move || {
                drop(listener);
                flush()
            }
        });
    }
    let oninput = {
        let pending = pending.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            let handed = text.clone();
            let pending_in_timer = pending.clone();
            let hand_over = hand_over.clone();
            // Each pause in typing is hashed once: a new keystroke replaces the pending hand-over.
            let timer = Timeout::new(DEBOUNCE_MS, move || {
                pending_in_timer.borrow_mut().take();
                hand_over(handed);
            });
            if let Some((_, old)) = pending.borrow_mut().replace((text, timer)) {
                old.cancel();
            }
        })
    };
    let onpaste = {
        let flush = flush.clone();
        let dispatch = props.dispatch.clone();
        let session = props.session.clone();
        let last_edit = last_edit.clone();
        Callback::from(move |e: Event| {
            let area = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<HtmlTextAreaElement>(t).ok());
            // A read-only box is busy (`props.busy`), taking in a large paste or waiting for new
            // data: the browser fires `paste` on it all the same, and a second paste made from
            // the same old text would replace the first.
            if area.as_ref().is_some_and(HtmlTextAreaElement::read_only) {
                e.prevent_default();
                return;
            }
            let Some(paste) = LargePaste::of(&e) else {
                return;
            };
            e.prevent_default();
            // More UTF-16 units than the limit's bytes is too long in UTF-8 too: refused before
            // any of it is copied.
            let units = paste.pasted.length() as usize;
            if units > MAX_DATA_LEN {
                dispatch.dispatch(Action::Notify(Notice {
                    text: format!(
                        "Not pasted: the text is at least {}, and the playground holds at most \
                         64 MiB. Your data is unchanged.",
                        bytes_label(units)
                    ),
                    error: true,
                }));
                return;
            }
            // Typing waiting to be handed over goes first, so undo steps stay in order.
            flush();
            *last_edit.borrow_mut() = f64::NEG_INFINITY;
            // Tasks each well under 50 ms for a paste of megabytes: the browser's reading of the
            // clipboard (this one), copying the text into the page's memory a part at a time
            // (2 MiB in one task took 25–46 ms), and taking it in with the redraw that follows.
            // Busy until the paste is taken in (the redraw, before the next task, makes the box
            // read-only): a keystroke, a paste, a corruption or an undo in between would be
            // applied to the text without the paste and then replaced by it, so the box refuses
            // them and the steps wait.
            dispatch.dispatch(Action::SetBusy(Some("Taking in the pasted text…".into())));
            // Taken in even when the learner leaves the tab meanwhile (see `parking`).
            let session = session.clone();
            paste.copy_in_parts(
                String::new(),
                0,
                Box::new(move |text| {
                    deliver(
                        &session,
                        Action::Typed {
                            text,
                            continues: false,
                        },
                    );
                    // The steps made meanwhile follow the paste.
                    deliver(&session, Action::SetBusy(None));
                }),
            );
        })
    };
    let onblur = Callback::from(move |_: FocusEvent| flush());
    match view.as_ref() {
        Ok(_) => html! {
            <label class="field text-editor">
                <span class="label">{ "Data as UTF-8 text" }</span>
                <textarea ref={area} rows="5" spellcheck="false" readonly={props.busy} {oninput} {onblur} {onpaste} />
            </label>
        },
        Err(why) => html! { <p class="notice">{ why.clone() }</p> },
    }
}

/// How much of a large paste is copied into the page's memory per task, in UTF-16 units: about
/// 10 ms for 512 Ki units here.
const PASTE_PART_UNITS: u32 = 512 * 1024;
// A part must hold a whole surrogate pair, or a copy could end where it began and never finish.
const _: () = assert!(PASTE_PART_UNITS >= 2);

/// A paste too large for the text box to do itself: the pasted text and the box's, still in the
/// browser's memory.
struct LargePaste {
    pasted: js_sys::JsString,
    value: String,
    start: u32,
    end: u32,
}

impl LargePaste {
    /// The paste `e` is, when it brings more than [`DIRECT_PASTE_BYTES`] (counted in UTF-16
    /// units, which is never more than its UTF-8 bytes).
    fn of(e: &Event) -> Option<LargePaste> {
        use wasm_bindgen::JsCast;
        let e = e.dyn_ref::<web_sys::ClipboardEvent>()?;
        let data = e.clipboard_data()?;
        // `getData` called by hand keeps the text a JavaScript string (no copy yet).
        let get_data = js_sys::Reflect::get(&data, &"getData".into())
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()?;
        let pasted = get_data
            .call1(&data, &"text/plain".into())
            .ok()?
            .dyn_into::<js_sys::JsString>()
            .ok()?;
        if (pasted.length() as usize) <= DIRECT_PASTE_BYTES {
            return None;
        }
        let area = e.target()?.dyn_into::<HtmlTextAreaElement>().ok()?;
        let start = area.selection_start().ok().flatten().unwrap_or(0);
        Some(LargePaste {
            pasted,
            value: area.value(),
            start,
            end: area.selection_end().ok().flatten().unwrap_or(start),
        })
    }

    /// Copies the pasted text into the page's memory, [`PASTE_PART_UNITS`] per task, then hands
    /// the box's text with the paste in it to `then` in a task of its own.
    fn copy_in_parts(self, mut pasted: String, mut copied: u32, then: Box<dyn FnOnce(String)>) {
        Timeout::new(0, move || {
            let len = self.pasted.length();
            if copied == 0 {
                pasted.reserve(len as usize);
            }
            let mut end = copied.saturating_add(PASTE_PART_UNITS).min(len);
            // Never between the two halves of a character outside the Basic Multilingual Plane.
            if end < len && (0xD800..0xDC00).contains(&(self.pasted.char_code_at(end - 1) as u32)) {
                end -= 1;
            }
            pasted.push_str(&String::from(self.pasted.slice(copied, end)));
            copied = end;
            if copied < len {
                self.copy_in_parts(pasted, copied, then);
            } else {
                let text = self.text_with(pasted);
                Timeout::new(0, move || then(text)).forget();
            }
        })
        .forget();
    }

    /// The box's text with `pasted` (the whole pasted text) in place of the selection, its line
    /// ends made line feeds as a text box's own paste makes them.
    fn text_with(&self, mut pasted: String) -> String {
        if pasted.contains('\r') {
            pasted = pasted.replace("\r\n", "\n").replace('\r', "\n");
        }
        let start = utf16_to_byte(&self.value, self.start);
        let end = utf16_to_byte(&self.value, self.end).max(start);
        let mut text = String::with_capacity(self.value.len() - (end - start) + pasted.len());
        text.push_str(&self.value[..start]);
        text.push_str(&pasted);
        text.push_str(&self.value[end..]);
        text
    }
}

/// The byte offset in `s` of a position counted in UTF-16 units (as a text box counts), at a
/// character boundary; the end of `s` when past it.
fn utf16_to_byte(s: &str, units: u32) -> usize {
    let mut seen = 0u32;
    for (i, c) in s.char_indices() {
        if seen >= units {
            return i;
        }
        seen += c.len_utf16() as u32;
    }
    s.len()
}

thread_local! {
    /// The file being read (dropping a reader stops it), kept beyond the tab.
    static READING: std::cell::RefCell<Option<gloo_file::callbacks::FileReader>> =
        const { std::cell::RefCell::new(None) };
}

#[derive(Properties, PartialEq)]
struct SourcesProps {
    session: Shared,
    busy: Option<String>,
    dispatch: UseReducerDispatcher<ChecksumsState>,
}

/// Open a file or generate random data.
#[function_component(DataSources)]
fn data_sources(props: &SourcesProps) -> Html {
    let size = use_state(|| "1".to_string());
    let unit = use_state(|| 1024usize * 1024);
    let seed = use_state(|| "1".to_string());

    let on_file = {
        let dispatch = props.dispatch.clone();
        let session = props.session.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let file = gloo_file::File::from(file);
            let name = file.name();
            if file.size() as usize > MAX_DATA_LEN {
                dispatch.dispatch(Action::Notify(Notice {
                    text: format!(
                        "“{name}” is {}; the playground holds at most 64 MiB. Your data is unchanged.",
                        bytes_label(file.size() as usize)
                    ),
                    error: true,
                }));
                input.set_value("");
                return;
            }
            dispatch.dispatch(Action::SetBusy(Some(format!(
                "Reading “{name}” ({})…",
                bytes_label(file.size() as usize)
            ))));
            let session = session.clone();
            // The file is read by the browser, in the background; it never leaves this page. The
            // reader is kept beyond the tab, so that a file read while the learner looks at
            // another tab still arrives (see `parking`).
            let read = gloo_file::callbacks::read_as_bytes(&file, move |result| match result {
                Ok(bytes) => deliver(
                    &session,
                    Action::Replace {
                        source: Some(DataSource::Bytes(bytes.clone()))
                            .filter(|_| bytes.len() <= SHAREABLE_BYTES),
                        data: bytes,
                        label: format!("opened “{name}”"),
                    },
                ),
                Err(e) => {
                    deliver(
                        &session,
                        Action::Notify(Notice {
                            text: format!("Could not read “{name}”: {e}. Your data is unchanged."),
                            error: true,
                        }),
                    );
                    deliver(&session, Action::SetBusy(None));
                }
            });
            READING.with(|r| *r.borrow_mut() = Some(read));
            input.set_value("");
        })
    };

    let parsed = parse_number(&size).filter(|v| *v > 0.0);
    let len = parsed.map(|v| (v * *unit as f64).round() as usize);
    let size_error = match len {
        None => Some("Enter a size such as 1 or 64.".to_string()),
        Some(l) if !(1024..=MAX_DATA_LEN).contains(&l) => {
            Some("Choose between 1 KiB and 64 MiB.".to_string())
        }
        _ => None,
    };
    let seed_value = seed.trim().parse::<u64>().ok();
    let on_generate = {
        let dispatch = props.dispatch.clone();
        let session = props.session.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(len), Some(seed)) = (len, seed_value) else {
                return;
            };
            let Ok(mut fill) = RandomFill::new(len, seed) else {
                return;
            };
            dispatch.dispatch(Action::SetBusy(Some(format!(
                "Generating {} of random data…",
                bytes_label(len)
            ))));
            let session = session.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // In slices of 4 MiB, yielding in between, so the page stays responsive.
                while !fill.is_done() {
                    fill.step(4 << 20);
                    TimeoutFuture::new(0).await;
                }
                let replace = Action::Replace {
                    source: Some(DataSource::Random {
                        len: len as u64,
                        seed,
                    }),
                    data: fill.finish(),
                    label: format!(
                        "generated {} of random data (seed {seed})",
                        bytes_label(len)
                    ),
                };
                deliver(&session, replace);
            });
        })
    };
    let busy = props.busy.clone();
    html! {
        <div class="sources">
            <label class="field file-open">
                <span class="label">{ "Open a local file (read in your browser, never uploaded; up to 64 MiB)" }</span>
                <input type="file" onchange={on_file} disabled={busy.is_some()} />
            </label>
            <form class="row generate" onsubmit={on_generate} aria-label="Generate random data"
                  data-bytes={len.map(|l| l.to_string())}>
                <label class="inline">
                    { "Generate " }
                    <input type="text" inputmode="decimal" size="5" value={(*size).clone()} aria-label="Size"
                           aria-invalid={size_error.is_some().to_string()}
                           oninput={{ let size = size.clone(); Callback::from(move |e: InputEvent| size.set(e.target_unchecked_into::<HtmlInputElement>().value())) }} />
                </label>
                <select aria-label="Unit" onchange={{ let unit = unit.clone(); Callback::from(move |e: Event| {
                    unit.set(e.target_unchecked_into::<HtmlSelectElement>().value().parse().unwrap_or(1024 * 1024));
                }) }}>
                    <option value="1024" selected={*unit == 1024}>{ "KiB" }</option>
                    <option value="1048576" selected={*unit == 1024 * 1024}>{ "MiB" }</option>
                </select>
                <label class="inline">
                    { " of random bytes, seed " }
                    <input type="text" inputmode="numeric" size="6" value={(*seed).clone()} aria-label="Seed"
                           oninput={{ let seed = seed.clone(); Callback::from(move |e: InputEvent| seed.set(e.target_unchecked_into::<HtmlInputElement>().value())) }} />
                </label>
                <button type="submit" disabled={size_error.is_some() || seed_value.is_none() || busy.is_some()}>{ "Generate" }</button>
                if let Some(err) = size_error {
                    <span class="field-error">{ err }</span>
                }
            </form>
            if let Some(b) = busy {
                <p class="busy" role="status">{ b }</p>
            }
        </div>
    }
}
