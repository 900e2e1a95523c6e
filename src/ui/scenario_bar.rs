//! The scenario bar of each tab: copy a share link, export or import the scenario as a JSON file,
//! and reset to the defaults. Imported scenarios open like a shared link (see [`open_scenario`]).

use gloo_timers::callback::Timeout;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::download::{address_with, copy, download_parts, in_a_frame};
use super::session::keeping::{fragment_for, open_scenario, share_fragment};
use crate::scenario::file_pieces::FilePieces;
use crate::scenario::{Scenario, Tab, encode, from_json};

/// Properties of the scenario bar.
#[derive(Properties, PartialEq)]
pub struct ScenarioBarProps {
    /// The tab it belongs to (names the exported file).
    pub tab: Tab,
    /// Builds the current scenario, or says why it cannot be shared.
    pub make: Callback<(), Result<Scenario, String>>,
    /// Puts the tab back to its defaults.
    pub on_reset: Callback<()>,
    /// The label of the reset button.
    #[prop_or(AttrValue::from("Reset to defaults"))]
    pub reset_label: AttrValue,
    /// Makes a shared session the learner's own saved one (shown only when given).
    #[prop_or_default]
    pub on_adopt: Option<Callback<()>>,
}

/// The scenario bar.
#[function_component(ScenarioBar)]
pub fn scenario_bar(p: &ScenarioBarProps) -> Html {
    let message = use_state(|| None::<(String, bool)>);
    // The full-page link, and (in a course's frame) the link that opens the same run framed.
    let shown_link = use_state(|| None::<(String, Option<String>)>);
    let reader = use_mut_ref(|| None::<gloo_file::callbacks::FileReader>);
    // While an export is being written, another click on Export does nothing.
    let exporting = use_mut_ref(|| false);

    let on_copy = {
        let make = p.make.clone();
        let message = message.clone();
        let shown_link = shown_link.clone();
        Callback::from(move |_: MouseEvent| {
            let result = make
                .emit(())
                .and_then(|s| encode(&s).map(|l| (s, l)).map_err(|e| e.to_string()));
            match result {
                Ok((scenario, link)) => {
                    let address = address_with(&share_fragment(&scenario, &link));
                    let framed = crate::ui::route::current_route()
                        .embedded()
                        .then(|| address_with(&fragment_for(&scenario, &link)));
                    shown_link.set(Some((address.clone(), framed)));
                    let message = message.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let copied = copy(&address).await;
                        message.set(Some(if copied {
                            ("Link copied. Anyone who opens it gets exactly this run.".into(), false)
                        } else {
                            (if in_a_frame() {
                                "The browser did not allow copying here (a course's frame needs allow=\"clipboard-write\"); select the link below and copy it.".into()
                            } else {
                                "The browser did not allow copying; select the link below and copy it.".into()
                            }, false)
                        }));
                    });
                }
                Err(e) => message.set(Some((format!("No link: {e}."), true))),
            }
        })
    };
    let on_export = {
        let make = p.make.clone();
        let message = message.clone();
        let exporting = exporting.clone();
        let tab = p.tab;
        Callback::from(move |_: MouseEvent| {
            if *exporting.borrow() {
                return;
            }
            match make.emit(()) {
                Ok(scenario) => {
                    *exporting.borrow_mut() = true;
                    let name = format!("faultlab-{}.json", tab.slug());
                    let message = message.clone();
                    let exporting = exporting.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let saved = write_file(&name, scenario, &message).await;
                        *exporting.borrow_mut() = false;
                        message.set(Some(match saved {
                            Ok(()) if in_a_frame() => (format!("Saved {name}. If no file appeared, this page's frame does not allow downloads (it needs sandbox=\"… allow-downloads\"); Copy link keeps the run too."), false),
                            Ok(()) => (format!("Saved {name}."), false),
                            Err(e) => (e, true),
                        }));
                    });
                }
                Err(e) => message.set(Some((format!("Nothing to export: {e}."), true))),
            }
        })
    };
    let on_import = {
        let message = message.clone();
        let reader = reader.clone();
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let file = gloo_file::File::from(file);
            let name = file.name();
            if file.size() as usize > crate::scenario::link::MAX_FILE_BYTES {
                message.set(Some((
                    format!("“{name}” is too large to be a Faultlab scenario."),
                    true,
                )));
                return;
            }
            let message = message.clone();
            // As bytes: a file of megabytes is copied into the module as it is, not converted
            // from the browser's string first (33 ms for 8 MiB).
            *reader.borrow_mut() =
                Some(gloo_file::callbacks::read_as_bytes(&file, move |result| {
                    let failed = move |e: String| {
                        message.set(Some((
                            format!("Could not import “{name}”: {e}. Nothing changed."),
                            true,
                        )))
                    };
                    let bytes = match result {
                        Ok(bytes) => bytes,
                        Err(e) => return failed(e.to_string()),
                    };
                    // Reading the JSON is a task of its own, after the one that copied the
                    // file into the module: together, an 8 MiB file held the page for up to
                    // 190 ms with the CPU slowed four times.
                    Timeout::new(0, move || match from_json(&bytes) {
                        Ok(scenario) => open_scenario(scenario),
                        Err(e) => failed(e.to_string()),
                    })
                    .forget();
                }));
        })
    };
    let on_reset = {
        let on_reset = p.on_reset.clone();
        let message = message.clone();
        let shown_link = shown_link.clone();
        Callback::from(move |_: MouseEvent| {
            message.set(None);
            shown_link.set(None);
            on_reset.emit(());
        })
    };
    html! {
        <>
        <div class="scenario-bar" role="group" aria-label="Scenario">
            <button onclick={on_copy}>{ "Copy link" }</button>
            <button onclick={on_export}>{ "Export" }</button>
            <label class="button-like">
                { "Import" }
                <input type="file" accept=".json,application/json" class="visually-hidden" onchange={on_import} aria-label="Import a scenario file" />
            </label>
            <button onclick={on_reset}>{ p.reset_label.clone() }</button>
            if let Some(adopt) = &p.on_adopt {
                <button onclick={adopt.reform(|_: MouseEvent| ())}
                        title="Save this shared session as your own, in place of the one kept in this browser">
                    { "Keep as my session" }
                </button>
            }
            if let Some((text, error)) = &*message {
                <span class={if *error { "field-error" } else { "status-ok" }} role={if *error { "alert" } else { "status" }}>{ text.clone() }</span>
            }
            if let Some((link, framed)) = &*shown_link {
                <input class="mono share-link" type="text" readonly=true value={link.clone()} aria-label="Share link"
                       onfocus={Callback::from(|e: FocusEvent| e.target_unchecked_into::<HtmlInputElement>().select())} />
                if let Some(framed) = framed {
                    <label class="inline grow">{ "For a course's frame (no header or tabs): " }
                        <input class="mono embed-link" type="text" readonly=true value={framed.clone()}
                               onfocus={Callback::from(|e: FocusEvent| e.target_unchecked_into::<HtmlInputElement>().select())} />
                    </label>
                }
            }
        </div>
        <super::lesson_editor::LessonEditor make={p.make.clone()} tab={p.tab} />
        </>
    }
}

/// How much of a large text or byte list goes into one piece of an exported file: a few
/// milliseconds of escaping, so that the page answers between pieces.
const EXPORT_PIECE: usize = 512 * 1024;

/// Writes `scenario`'s file a piece at a time, giving the page back between pieces, then offers
/// it as the download `name`. A large file says how far it is while it is written.
async fn write_file(
    name: &str,
    scenario: Scenario,
    message: &UseStateHandle<Option<(String, bool)>>,
) -> Result<(), String> {
    let mut pieces = FilePieces::new(scenario);
    let parts = js_sys::Array::new();
    while let Some(piece) = pieces.next_piece(EXPORT_PIECE) {
        parts.push(&js_sys::Uint8Array::from(piece.as_slice()));
        let (done, total) = pieces.progress();
        if done < total {
            let percent = done.saturating_mul(100) / total;
            message.set(Some((format!("Writing {name} ({percent} %)…"), false)));
            gloo_timers::future::TimeoutFuture::new(0).await;
        }
    }
    download_parts(name, "application/json", &parts)
}
