//! The narrative of a lesson step: its text, the question the learner answers first, the button
//! that does what the text says and plays the stage, and once the step's moment has come, the
//! answer with its explanation; then on to the next step.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::scenario::Lesson;
use crate::scenario::lessons::progress::Answered;
use crate::scenario::lessons::{Answer, Prediction, Question};
use crate::scenario::typed_number::parse_number;

/// Where the current step stands.
#[derive(Clone, Debug, PartialEq)]
pub enum StepStatus {
    /// Its button has not been pressed.
    Ready,
    /// The stage is playing to the step's moment; the words say where it is.
    Playing(String),
    /// The step's moment has come.
    Done,
}

/// Properties of the step card.
#[derive(Properties, PartialEq)]
pub struct StepCardProps {
    /// The lesson's number.
    pub lesson: u8,
    /// The step, from 0.
    pub step: usize,
    /// Where the step stands.
    pub status: StepStatus,
    /// What the learner predicted for this step's question, if they did.
    pub answered: Option<Answered>,
    /// Press the step's button, with the learner's prediction when the step asks one.
    pub on_go: Callback<Option<Prediction>>,
    /// Go to a step (back, or this one again from its start).
    pub on_open: Callback<usize>,
    /// Go on to the next step, or finish the lesson after the last.
    pub on_next: Callback<()>,
    /// Jump to the step's moment while the stage plays.
    pub on_skip: Callback<()>,
    /// The address of this run in the full playground, if it has one.
    #[prop_or_default]
    pub playground: Option<AttrValue>,
    /// Whether the lesson is marked done.
    pub done: bool,
}

/// The learner's draft answer, as typed or chosen.
#[derive(Clone, Debug, Default, PartialEq)]
enum Draft {
    #[default]
    Nothing,
    Choice(usize),
    Number(String),
}

impl Draft {
    fn from_answered(a: Option<Answered>) -> Draft {
        match a.map(|a| a.prediction) {
            Some(Prediction::Choice(i)) => Draft::Choice(i),
            Some(Prediction::Number(x)) => Draft::Number(x.to_string()),
            None => Draft::Nothing,
        }
    }

    /// The prediction this draft makes, if it is complete.
    fn prediction(&self) -> Option<Prediction> {
        match self {
            Draft::Nothing => None,
            Draft::Choice(i) => Some(Prediction::Choice(*i)),
            Draft::Number(text) => parse_number(text).map(Prediction::Number),
        }
    }
}

/// The question's form: options to choose from, or a number to type.
fn question_form(q: &Question, draft: &UseStateHandle<Draft>, locked: bool, id: &str) -> Html {
    let inputs = match q.answer {
        Answer::Choice { options, .. } => {
            let items = options.iter().enumerate().map(|(i, option)| {
                let checked = **draft == Draft::Choice(i);
                let draft = draft.clone();
                let onchange = Callback::from(move |_: Event| draft.set(Draft::Choice(i)));
                html! {
                    <label class={classes!("choice", checked.then_some("chosen"))}>
                        <input type="radio" name={id.to_string()} value={i.to_string()} {checked} {onchange} disabled={locked} />
                        { *option }
                    </label>
                }
            });
            html! { <div class="choices">{ for items }</div> }
        }
        Answer::Number { unit, .. } => {
            let draft_h = draft.clone();
            let oninput = Callback::from(move |e: InputEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                draft_h.set(Draft::Number(input.value()));
            });
            let value = match &**draft {
                Draft::Number(t) => t.clone(),
                _ => String::new(),
            };
            html! {
                <label class="number-answer">
                    { "Your answer: " }
                    <input type="text" inputmode="decimal" size="6" {value} {oninput} disabled={locked}
                           aria-describedby={format!("{id}-unit")} />
                    <span id={format!("{id}-unit")}>{ format!(" {unit}") }</span>
                </label>
            }
        }
    };
    html! {
        <fieldset class="prediction" data-testid="prediction">
            <legend><span class="predict-tag">{ "Predict" }</span>{ q.prompt }</legend>
            { inputs }
        </fieldset>
    }
}

/// The answer once the step's moment has come: right or not, the answer and why.
fn answer_panel(q: &Question, answered: Option<Answered>) -> Html {
    let verdict = match answered {
        Some(a) if a.right => {
            html! { <p class="verdict right">{ format!("You said “{}”: right.", q.say(a.prediction)) }</p> }
        }
        Some(a) => {
            html! { <p class="verdict wrong">{ format!("You said “{}”: not quite.", q.say(a.prediction)) }</p> }
        }
        None => html! {},
    };
    html! {
        <div class="answer" data-testid="answer" role="status">
            { verdict }
            <p><strong>{ "Answer: " }</strong>{ q.right_answer() }{ "." }</p>
            <p>{ q.explanation }</p>
        </div>
    }
}

/// One step of a lesson, told beside its stage.
#[function_component(StepCard)]
pub fn step_card(p: &StepCardProps) -> Html {
    let lesson = Lesson::by_number(p.lesson).expect("the page opens only lessons that exist");
    let step = &lesson.steps[p.step];
    let draft = use_state(|| Draft::from_answered(p.answered));
    let heading = use_node_ref();
    // A new step starts from what the learner answered there before, and is announced: its
    // heading takes the focus (not when the page opens).
    {
        let heading = heading.clone();
        let draft = draft.clone();
        let answered = p.answered;
        let first = use_mut_ref(|| true);
        use_effect_with((p.lesson, p.step), move |_| {
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                draft.set(Draft::from_answered(answered));
                if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                    let _ = h.focus();
                }
            }
        });
    }
    let id = format!("q-{}-{}", p.lesson, p.step);
    let ready = p.status == StepStatus::Ready;
    let needs_prediction = step.question.is_some() && ready;
    let prediction = draft.prediction();
    let blocked = needs_prediction && prediction.is_none();
    let on_go = {
        let cb = p.on_go.clone();
        Callback::from(move |_: MouseEvent| cb.emit(prediction))
    };
    let on_prev = {
        let cb = p.on_open.clone();
        let k = p.step.saturating_sub(1);
        Callback::from(move |_: MouseEvent| cb.emit(k))
    };
    let on_replay = {
        let cb = p.on_open.clone();
        let k = p.step;
        Callback::from(move |_: MouseEvent| cb.emit(k))
    };
    let on_next = {
        let cb = p.on_next.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let on_skip = {
        let cb = p.on_skip.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let last = p.step + 1 == lesson.steps.len();
    let is_done = p.status == StepStatus::Done;
    // Two parts: the step and its question above (or beside) the stage, what came of it below
    // (on a phone the stage sits between them, so the question and the cluster share the screen).
    html! {
        <>
        <section class="step-card" aria-labelledby="step-heading" data-testid="step-card">
            <h3 id="step-heading" tabindex="-1" ref={heading}>
                { format!("Step {} of {}", p.step + 1, lesson.steps.len()) }
            </h3>
            <div class="step-text">
                { for step.text.iter().map(|para| html! { <p>{ *para }</p> }) }
            </div>
            if let Some(q) = &step.question {
                { question_form(q, &draft, !ready, &id) }
            }
            if ready {
                <div class="step-go row">
                    <button class="primary" data-testid="step-go" onclick={on_go} disabled={blocked}
                            aria-describedby={blocked.then(|| format!("{id}-hint"))}>{ step.label }</button>
                    if blocked {
                        <span class="explain" id={format!("{id}-hint")}>{ "Answer first, then see what happens." }</span>
                    }
                </div>
            }
        </section>
        <section class="step-outcome" aria-label="What happened" data-testid="step-outcome">
            if let StepStatus::Playing(words) = &p.status {
                <p class="row">
                    <span class="playing" role="status">{ words.clone() }</span>
                    <button onclick={on_skip}>{ "Skip to the moment" }</button>
                </p>
            }
            if is_done {
                if let Some(q) = &step.question {
                    { answer_panel(q, p.answered) }
                }
            }
            // Only with a button in it: an empty section hides itself (lessons.css), and an empty
            // step list would leave an empty box under the first step before it starts.
            if p.step > 0 || !ready || is_done {
                <nav class="step-nav row" aria-label="Steps">
                    if p.step > 0 {
                        <button onclick={on_prev}>{ "← Previous step" }</button>
                    }
                    if !ready {
                        <button onclick={on_replay}>{ "Replay this step" }</button>
                    }
                    if is_done {
                        <button class="primary" data-testid="step-next" onclick={on_next}>
                            { if !last { "Next step →" } else if p.done { "Lesson done ✓" } else { "Finish the lesson ✓" } }
                        </button>
                    }
                </nav>
            }
            if let Some(href) = &p.playground {
                <p class="explain"><a href={href.clone()} data-testid="open-playground">{ "Open this run in the full playground →" }</a></p>
            }
        </section>
        </>
    }
}
