//! Node actions (crash, restart, slow down, pause, overload, cut off, recover, break one link one
//! way) and network actions (the partition tool, heal, clear all faults).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::action::NodeAct;
use super::state::{Action, HeartbeatsState, WorldRef};
use super::view_model::NodeView;
use crate::scenario::sorted::SortedSet;
use crate::scenario::typed_number::parse_number;
use crate::sim::{Command, MONITOR, NodeId};

/// "the monitor" or "node 3".
fn end_name(id: NodeId) -> String {
    if id == MONITOR {
        "the monitor".into()
    } else {
        id.to_string()
    }
}

/// Properties of the actions panel: only what it shows, so it does not redraw on every frame.
#[derive(Properties, PartialEq)]
pub struct ActionsProps {
    /// The run (a handle that changes with the learner's actions and every few frames).
    pub world: WorldRef,
    /// Whose view the page shows.
    pub observer: NodeId,
    /// The node the buttons act on.
    pub selected: Option<NodeId>,
    /// Whether the ground truth is shown.
    pub show_truth: bool,
    /// The Slow button's factor, in percent.
    pub slow_percent: u32,
    /// The Pause button's length, in ms.
    pub pause_ms: u64,
    /// Whether the partition tool is open.
    pub partition_tool: bool,
    /// The nodes the partition tool puts on side B.
    pub side_b: SortedSet<NodeId>,
    /// The tab's dispatcher.
    pub dispatch: UseReducerDispatcher<HeartbeatsState>,
}

const SLOW_FACTORS: [u32; 5] = [150, 200, 300, 500, 1000];

/// The actions panel.
#[function_component(ActionsPanel)]
pub fn actions_panel(props: &ActionsProps) -> Html {
    let state = props;
    let cut_choice = use_state(|| None::<NodeId>);
    let world = props.world.world();
    let selected = state
        .selected
        .filter(|s| s.0 >= 1 && s.0 <= world.config().nodes);
    let view = selected.map(|s| NodeView::read(&world, state.observer, s));
    let crashed = view.is_some_and(|v| v.truth.crashed);
    let faulty = view
        .is_some_and(|v| v.truth.paused || v.truth.slow_percent.is_some() || v.truth.overloaded);
    let cut_off = view.is_some_and(|v| v.truth.cut_off);
    let split = world.network().is_split();
    let n = world.config().nodes;
    let central = world.config().topology.is_central();
    drop(world);
    // With the truth hidden, which buttons are enabled must not give it away: all are offered,
    // and the core's answer explains one that does nothing.
    let (crashed, faulty, split) = if state.show_truth {
        (crashed, faulty, split)
    } else {
        (false, true, true)
    };
    let restartable = !state.show_truth || crashed;
    let name = selected.map_or_else(String::new, |s| s.to_string());
    let reasons = OffReasons {
        none: selected.is_none(),
        crashed,
        restartable,
        faulty,
        cut_off: cut_off && state.show_truth,
        split,
        name: &name,
    };

    // Where "Break link to" leads: the chosen end, or the monitor (with one), or the first other node.
    let fallback = if central {
        MONITOR
    } else {
        NodeId(if selected == Some(NodeId(1)) { 2 } else { 1 })
    };
    let cut_to = (*cut_choice)
        .filter(|&t| Some(t) != selected && (t != MONITOR || central) && t.0 <= n)
        .unwrap_or(fallback);
    let on_cut_to = {
        let cut_choice = cut_choice.clone();
        Callback::from(move |e: Event| {
            use wasm_bindgen::JsCast;
            let Some(target) = e.target() else { return };
            let value = match target.dyn_ref::<web_sys::HtmlSelectElement>() {
                Some(select) => select.value(),
                None => target.unchecked_into::<HtmlInputElement>().value(),
            };
            if let Ok(v) = value.trim().parse::<u32>() {
                cut_choice.set(Some(NodeId(v)));
            }
        })
    };
    let on = |act: NodeAct| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::OnSelected(act)))
    };
    let plain = |a: Action| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(a.clone()))
    };
    let on_factor = {
        let state = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlSelectElement>()
                .value()
                .parse()
                .unwrap_or(300);
            state.dispatch(Action::SetSlowPercent(v));
        })
    };
    html! {
        <section class="panel actions" aria-labelledby="actions-heading">
            <div class="panel-title">
                <h3 id="actions-heading">{ "Break things" }</h3>
                <p class="selected-node" id="actions-selected" aria-live="polite">
                    { match view {
                        Some(v) => format!("Selected: {}", v.name(state.show_truth)),
                        None => "Select a node: click it, or focus it and press Enter (arrow keys move between nodes).".into(),
                    } }
                </p>
            </div>
            <div class="row" role="group" aria-label="Node actions">
                <button onclick={on(NodeAct::Crash)} disabled={reasons.off(Button::Crash)} title={reasons.title(Button::Crash)}
                        aria-describedby={reasons.described_by(Button::Crash)}>{ "Crash" }</button>
                <button onclick={on(NodeAct::Restart)} disabled={reasons.off(Button::Restart)} title={reasons.title(Button::Restart)}
                        aria-describedby={reasons.described_by(Button::Restart)}>{ "Restart" }</button>
                <span class="combo">
                    <button onclick={on(NodeAct::Slow)} disabled={reasons.off(Button::Slow)} title={reasons.title(Button::Slow)}
                            aria-describedby={reasons.described_by(Button::Slow)}>{ "Slow down" }</button>
                    <select aria-label="Slow-down factor" onchange={on_factor}>
                        { for SLOW_FACTORS.iter().map(|&p| html! {
                            <option value={p.to_string()} selected={p == state.slow_percent}>{ format!("{}×", crate::sim::fault::trim_factor(p)) }</option>
                        }) }
                    </select>
                </span>
                <span class="combo">
                    <button onclick={on(NodeAct::Pause)} disabled={reasons.off(Button::Pause)} title={reasons.title(Button::Pause)}
                            aria-describedby={reasons.described_by(Button::Pause)}
                            aria-label={selected.map_or_else(|| "Pause the selected node".to_string(), |id| format!("Pause {id} for {}", crate::sim::time::format_duration(state.pause_ms)))}>{ "Pause" }</button>
                    <PauseLength pause_ms={state.pause_ms} dispatch={props.dispatch.clone()} />
                </span>
                <button onclick={on(NodeAct::Overload)} disabled={reasons.off(Button::Overload)}
                        title={reasons.title(Button::Overload).unwrap_or_else(|| "Drops 70 % of its heartbeats and answers 0.8 s late".into())}
                        aria-describedby={reasons.described_by(Button::Overload)}>{ "Overload" }</button>
                <button onclick={on(NodeAct::CutOff)} disabled={reasons.off(Button::CutOff)} title={reasons.title(Button::CutOff)}
                        aria-describedby={reasons.described_by(Button::CutOff)}>{ "Cut off" }</button>
                <button onclick={on(NodeAct::Recover)} disabled={reasons.off(Button::Recover)} title={reasons.title(Button::Recover)}
                        aria-describedby={reasons.described_by(Button::Recover)}>{ "Recover" }</button>
                <span class="combo">
                    <button onclick={on(NodeAct::CutTo(cut_to))} disabled={reasons.off(Button::CutLink)}
                            title={reasons.title(Button::CutLink).unwrap_or_else(|| "One bad link: everything the selected node sends there is lost; the other way still works".into())}
                            aria-describedby={reasons.described_by(Button::CutLink)}
                            aria-label={selected.map_or_else(|| "Break link to, from the selected node".to_string(), |id| format!("Break link to {}, from {id}", end_name(cut_to)))}>{ "Break link to" }</button>
                    if n <= 40 {
                        <select aria-label="Where the broken link leads" onchange={on_cut_to}>
                            if central {
                                <option value="0" selected={cut_to == MONITOR}>{ "the monitor" }</option>
                            }
                            { for (1..=n).map(NodeId).filter(|&i| Some(i) != selected).map(|i| html! {
                                <option value={i.0.to_string()} selected={i == cut_to}>{ i.to_string() }</option>
                            }) }
                        </select>
                    } else {
                        <input type="number" min={if central { "0" } else { "1" }} max={n.to_string()} size="4" value={cut_to.0.to_string()}
                               onchange={on_cut_to} aria-label={if central { "Where the broken link leads (0 is the monitor)" } else { "Where the broken link leads" }} />
                    }
                </span>
            </div>
            <div class="row" role="group" aria-label="Network actions">
                <button onclick={plain(Action::TogglePartitionTool)} aria-pressed={state.partition_tool.to_string()}>
                    { "Partition…" }
                </button>
                <button onclick={plain(Action::Command(Command::Heal))} disabled={reasons.off(Button::Heal)} title={reasons.title(Button::Heal)}
                        aria-describedby={reasons.described_by(Button::Heal)}>{ "Heal network" }</button>
                <button onclick={plain(Action::Command(Command::ClearAllFaults))}>{ "Clear all faults" }</button>
            </div>
            { reasons.list() }
            if state.partition_tool {
                <div class="partition-tool" role="group" aria-label="Partition tool">
                    <p class="explain">
                        { "Click nodes to move them to side B (orange); the rest stay on side A with the monitor and the clients. " }
                        { format!("Side B: {}.", if state.side_b.is_empty() { "no nodes yet".to_string() } else {
                            state.side_b.iter().map(|n| n.0.to_string()).collect::<Vec<_>>().join(", ") }) }
                    </p>
                    <button onclick={plain(Action::SplitInHalf)}>{ split_in_half_label(n) }</button>
                    <button class="primary" onclick={plain(Action::ApplyPartition)}>{ "Apply partition" }</button>
                    <button onclick={plain(Action::TogglePartitionTool)} aria-label="Cancel the partition">{ "Cancel" }</button>
                </div>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct PauseLengthProps {
    pause_ms: u64,
    dispatch: UseReducerDispatcher<HeartbeatsState>,
}

/// The pause length box. Its props are plain values, so it does not redraw on every frame and
/// what the learner types stays put while the run plays.
#[function_component(PauseLength)]
fn pause_length(p: &PauseLengthProps) -> Html {
    let onchange = {
        let dispatch = p.dispatch.clone();
        let current = p.pause_ms;
        Callback::from(move |e: Event| {
            let input = e.target_unchecked_into::<HtmlInputElement>();
            match parse_number(&input.value()) {
                Some(secs) if secs > 0.0 => {
                    dispatch.dispatch(Action::SetPauseMs((secs * 1000.0).round() as u64))
                }
                _ => input.set_value(&(current as f64 / 1000.0).to_string()),
            }
        })
    };
    html! {
        <label class="inline">
            <input type="number" min="0.1" step="0.5" size="4" value={(p.pause_ms as f64 / 1000.0).to_string()}
                   {onchange} aria-label="Pause length in seconds" />
            { " s" }
        </label>
    }
}

/// The label of the "split in half" button for `n` nodes: which nodes go to side B.
fn split_in_half_label(n: u32) -> String {
    let first = n.div_ceil(2) + 1;
    if first >= n {
        format!("Split in half (node {n} on side B)")
    } else {
        format!("Split in half ({first}–{n} on side B)")
    }
}

/// The buttons that can be off.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Button {
    Crash,
    Restart,
    Slow,
    Pause,
    Overload,
    CutOff,
    Recover,
    CutLink,
    Heal,
}

impl Button {
    const ALL: [Button; 9] = [
        Button::Crash,
        Button::Restart,
        Button::Slow,
        Button::Pause,
        Button::Overload,
        Button::CutOff,
        Button::Recover,
        Button::CutLink,
        Button::Heal,
    ];

    /// The id of the line that says why the button is off.
    fn hint_id(self) -> &'static str {
        match self {
            Button::Crash => "off-crash",
            Button::Restart => "off-restart",
            Button::Slow => "off-slow",
            Button::Pause => "off-pause",
            Button::Overload => "off-overload",
            Button::CutOff => "off-cut-off",
            Button::Recover => "off-recover",
            Button::CutLink => "off-cut-link",
            Button::Heal => "off-heal",
        }
    }
}

/// Why buttons are off, from what is true of the selected node and the network (with the truth
/// hidden, nothing that depends on it is off, so no reason gives it away).
struct OffReasons<'a> {
    none: bool,
    crashed: bool,
    restartable: bool,
    faulty: bool,
    cut_off: bool,
    split: bool,
    /// The selected node's name ("node 3").
    name: &'a str,
}

impl OffReasons<'_> {
    /// Why `button` is off, or `None` when it is on.
    fn why(&self, button: Button) -> Option<String> {
        let name = self.name;
        if self.none && button != Button::Heal {
            return Some("select a node first: click it in the drawing or in the table.".into());
        }
        match button {
            // (Recover is off for a crashed node only when it has nothing to clear.)
            Button::Crash | Button::Slow | Button::Pause | Button::Overload if self.crashed => {
                Some(format!("{name} has crashed; Restart brings it back."))
            }
            Button::Recover if !self.faulty && self.crashed => {
                Some(format!("{name} has crashed; Restart brings it back."))
            }
            Button::Restart if !self.restartable => {
                Some(format!("{name} is running; it is for a crashed node."))
            }
            Button::Recover if !self.faulty && self.cut_off => Some(format!(
                "{name} is cut off, not slow, paused or overloaded: Heal network reconnects it."
            )),
            Button::Recover if !self.faulty => Some(format!(
                "it clears slowness, a pause or overload, and {name} has none."
            )),
            Button::Heal if !self.split => Some("there is no partition or cut to heal.".into()),
            _ => None,
        }
    }

    /// Whether `button` is off: exactly when there is a reason to give.
    fn off(&self, button: Button) -> bool {
        self.why(button).is_some()
    }

    /// The button's tooltip when it is off.
    fn title(&self, button: Button) -> Option<String> {
        self.why(button).map(|why| format!("Off: {why}"))
    }

    /// The line that says why `button` is off, for assistive technology.
    fn described_by(&self, button: Button) -> Option<&'static str> {
        if self.none && button != Button::Heal {
            return Some("actions-selected");
        }
        // Buttons off for the same reason share its line: the line of the first of them.
        let why = self.why(button)?;
        Button::ALL
            .into_iter()
            .find(|&b| self.why(b).as_ref() == Some(&why))
            .map(Button::hint_id)
    }

    /// The reasons, one sentence per distinct reason, each naming the buttons it is about.
    fn list(&self) -> Html {
        let mut lines: Vec<(Vec<Button>, String)> = Vec::new();
        for button in Button::ALL {
            // With no node selected, the line above the buttons already says what to do.
            if self.none && button != Button::Heal {
                continue;
            }
            if let Some(why) = self.why(button) {
                match lines.iter_mut().find(|(_, w)| *w == why) {
                    Some((buttons, _)) => buttons.push(button),
                    None => lines.push((vec![button], why)),
                }
            }
        }
        if lines.is_empty() {
            return Html::default();
        }
        let label = |b: &Button| match b {
            Button::Crash => "Crash",
            Button::Restart => "Restart",
            Button::Slow => "Slow down",
            Button::Pause => "Pause",
            Button::Overload => "Overload",
            Button::CutOff => "Cut off",
            Button::Recover => "Recover",
            Button::CutLink => "Break link to",
            Button::Heal => "Heal network",
        };
        html! {
            <p class="off-reasons">
                { "Off: " }
                { for lines.iter().enumerate().map(|(i, (buttons, why))| {
                    let names = buttons.iter().map(label).collect::<Vec<_>>().join(", ");
                    html! {
                        <>
                            if i > 0 { { " · " } }
                            <span id={buttons[0].hint_id()}><strong>{ names }</strong>{ format!(" — {why}") }</span>
                        </>
                    }
                }) }
            </p>
        }
    }
}
