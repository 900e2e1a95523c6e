//! "Make a lesson from this run": an instructor writes a title, a text and a question around the
//! run on screen, and gets a lesson link that opens it as a lesson for anyone, and the entry to
//! paste into `course.json`. Nothing to install: the lesson is checked here, as a course file's
//! lessons are.

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::download::{address_with, copy};
use crate::scenario::lessons::course::{LessonEntry, MAX_PAUSE_S};
use crate::scenario::typed_number::parse_number;
use crate::scenario::{Route, Scenario, Tab, encode};

/// Properties of the lesson editor.
#[derive(Properties, PartialEq)]
pub struct LessonEditorProps {
    /// Builds the current scenario, or says why it cannot be shared.
    pub make: Callback<(), Result<Scenario, String>>,
    /// The tab whose run it is (Heartbeats lessons have a hand-over moment).
    pub tab: Tab,
}

/// What the editor made: the lesson's address and its `course.json` entry.
#[derive(Clone, PartialEq)]
struct Made {
    address: String,
    json: String,
}

fn text_of(e: &InputEvent) -> String {
    if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
        return area.value();
    }
    e.target_unchecked_into::<HtmlInputElement>().value()
}

/// The seconds of a run's current moment, as the hand-over field shows them.
fn now_s(scenario: &Scenario) -> Option<f64> {
    match scenario {
        Scenario::Heartbeats(h) => Some(h.start_at_ms as f64 / 1000.0),
        Scenario::Checksums(_) => None,
    }
}

/// The lesson editor, folded until opened.
#[function_component(LessonEditor)]
pub fn lesson_editor(p: &LessonEditorProps) -> Html {
    let title = use_state(String::new);
    let text = use_state(String::new);
    let question = use_state(String::new);
    let choices = use_state(String::new);
    let answer = use_state(String::new);
    let explanation = use_state(String::new);
    // Empty: the run's moment when the lesson is made.
    let pause = use_state(String::new);
    let made = use_state(|| None::<Made>);
    let problem = use_state(|| None::<String>);
    let copied = use_state(|| None::<&'static str>);
    // The form is drawn only while the editor is open: a closed one costs the page nothing.
    let open = use_state(|| false);
    // The run's moment when the editor opened (what an empty hand-over field means).
    let now_when_opened = use_state(|| None::<f64>);
    let on_toggle = {
        let (open, now_when_opened, make) = (open.clone(), now_when_opened.clone(), p.make.clone());
        Callback::from(move |e: Event| {
            let is_open = e
                .target_unchecked_into::<web_sys::HtmlDetailsElement>()
                .open();
            if is_open {
                now_when_opened.set(make.emit(()).ok().as_ref().and_then(now_s));
            }
            open.set(is_open);
        })
    };

    let field = |state: &UseStateHandle<String>| {
        let (state, made) = (state.clone(), made.clone());
        Callback::from(move |e: InputEvent| {
            state.set(text_of(&e));
            made.set(None);
        })
    };
    let choice_list: Vec<String> = choices
        .lines()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect();
    // A right choice the instructor has since deleted from the choices is no choice at all.
    let chosen: String = if choice_list.contains(&*answer) {
        (*answer).clone()
    } else {
        String::new()
    };

    let on_make = {
        let make = p.make.clone();
        let (title, text, question, answer, explanation, pause) = (
            title.clone(),
            text.clone(),
            question.clone(),
            chosen.clone(),
            explanation.clone(),
            pause.clone(),
        );
        let choice_list = choice_list.clone();
        let (made, problem, copied) = (made.clone(), problem.clone(), copied.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            copied.set(None);
            let scenario = match make.emit(()) {
                Ok(s) => s,
                Err(why) => {
                    problem.set(Some(format!("No lesson: {why}.")));
                    return;
                }
            };
            let pause_at_s = match pause.trim() {
                "" => now_s(&scenario),
                typed => match parse_number(typed) {
                    Some(s) => Some(s),
                    None => {
                        problem.set(Some(format!(
                            "The hand-over moment “{typed}” is not a number of seconds."
                        )));
                        return;
                    }
                },
            };
            let link = match encode(&scenario) {
                Ok(l) => l,
                Err(why) => {
                    problem.set(Some(format!("No lesson: {why}.")));
                    return;
                }
            };
            let optional = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_string());
            let entry = LessonEntry {
                title: title.trim().to_string(),
                text: text.trim().to_string(),
                scenario: link,
                pause_at_s: pause_at_s.filter(|_| matches!(scenario, Scenario::Heartbeats(_))),
                question: optional(&question),
                choices: choice_list.clone(),
                answer: optional(&answer),
                explanation: optional(&explanation),
            };
            match entry.to_link() {
                Ok(l) => {
                    let route = Route {
                        sub: Some("shared".into()),
                        ..Route::tab(Tab::Lessons)
                    }
                    .with_param("l", &l);
                    problem.set(None);
                    made.set(Some(Made {
                        address: address_with(&route.to_fragment()),
                        json: entry.to_json(),
                    }));
                }
                Err(why) => {
                    made.set(None);
                    problem.set(Some(format!("The lesson cannot be made yet: {why}.")));
                }
            }
        })
    };
    let copy_button = |what: &'static str, value: String| {
        let copied = copied.clone();
        Callback::from(move |_: MouseEvent| {
            let (copied, value) = (copied.clone(), value.clone());
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(if copy(&value).await {
                    what
                } else {
                    "nothing: the browser did not allow copying here. Select the text and copy it"
                }));
            });
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        if let Some(area) = e.target_dyn_into::<HtmlTextAreaElement>() {
            area.select();
        } else {
            e.target_unchecked_into::<HtmlInputElement>().select();
        }
    });
    let is_heartbeats = p.tab == Tab::Heartbeats;
    // What "now" is, said in the field, so the instructor knows the moment an empty field means.
    let now_label =
        now_when_opened.map_or("now".to_string(), |s| format!("now ({s} s when opened)"));
    html! {
        <details class="lesson-editor" data-testid="lesson-editor" ontoggle={on_toggle}>
            <summary>{ "Make a lesson from this run" }</summary>
            if *open {
            <p class="explain">
                { "For instructors: write a text and a question around this run. You get a lesson link that opens it as a lesson for anyone, with the same stage, question and answer, and the entry to paste into your course.json (see the README)." }
            </p>
            <form class="editor-form" onsubmit={on_make}>
                <label>{ "Title" }<input type="text" value={(*title).clone()} oninput={field(&title)} required=true maxlength="200" /></label>
                <label>{ "Text (a blank line starts a new paragraph)" }
                    <textarea rows="4" value={(*text).clone()} oninput={field(&text)} required=true /></label>
                if is_heartbeats {
                    <label>{ format!("Hand-over moment, in seconds (0 to {MAX_PAUSE_S}; empty: now)") }
                        <input type="text" inputmode="decimal" value={(*pause).clone()} oninput={field(&pause)} placeholder={now_label} /></label>
                }
                <label>{ "Question (optional)" }<input type="text" value={(*question).clone()} oninput={field(&question)} /></label>
                <label>{ "Choices, one per line" }
                    <textarea rows="3" value={(*choices).clone()} oninput={field(&choices)} /></label>
                <label>{ "The right choice" }
                    <select onchange={{
                        let (answer, made) = (answer.clone(), made.clone());
                        Callback::from(move |e: Event| {
                            answer.set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value());
                            made.set(None);
                        })
                    }}>
                        <option value="" selected={chosen.is_empty()}>{ "—" }</option>
                        { for choice_list.iter().map(|c| html! { <option value={c.clone()} selected={chosen == *c}>{ c.clone() }</option> }) }
                    </select>
                </label>
                <label>{ "Why it is right (optional, shown after the stage has played)" }
                    <textarea rows="2" value={(*explanation).clone()} oninput={field(&explanation)} /></label>
                <button type="submit" class="primary">{ "Make the lesson" }</button>
            </form>
            if let Some(why) = &*problem {
                <p class="field-error" role="alert">{ why.clone() }</p>
            }
            if let Some(made) = &*made {
                <div class="editor-result">
                    <p class="status-ok" role="status">{ "The lesson is made: share its link, or paste its entry into course.json." }</p>
                    <label>{ "Lesson link" }
                        <input class="mono lesson-link" type="text" readonly=true value={made.address.clone()} onfocus={select_all.clone()} /></label>
                    <div class="row">
                        <button onclick={copy_button("the lesson link", made.address.clone())}>{ "Copy the lesson link" }</button>
                        <a href={made.address.clone()} target="_blank" rel="noopener">{ "Open the lesson in a new tab" }</a>
                    </div>
                    <label>{ "Entry for course.json (paste it into the \"lessons\" list)" }
                        <textarea class="mono lesson-json" rows="8" readonly=true value={made.json.clone()} onfocus={select_all} /></label>
                    <button onclick={copy_button("the course.json entry", made.json.clone())}>{ "Copy the course.json entry" }</button>
                    if let Some(what) = *copied {
                        <p class="status-ok">{ format!("Copied {what}.") }</p>
                    }
                </div>
            }
            }
        </details>
    }
}
