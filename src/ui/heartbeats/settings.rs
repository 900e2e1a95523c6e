//! Settings: topology, detector and its thresholds, timing, network, cluster size and real-system
//! presets. A value the simulation rejects shows its error next to the field and is not applied.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::state::{Action, ConfigEdit, HeartbeatsState};
use crate::scenario::typed_number::parse_number;
use crate::sim::swim::SwimSettings;
use crate::sim::{Config, ConfigError, DetectorChoice, Field, PRESETS, Topology};

/// Properties of the settings panel: only what it shows, so it re-renders when settings change,
/// not on every frame.
#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    /// The settings as typed.
    pub draft: Config,
    /// Why they are not in force, if they are not.
    pub error: Option<ConfigError>,
    /// The tab's dispatcher.
    pub dispatch: UseReducerDispatcher<HeartbeatsState>,
}

/// How a number field's text maps onto the settings.
#[derive(Clone, Copy, PartialEq)]
enum Unit {
    /// Seconds in the field, milliseconds in the settings.
    Seconds,
    /// Milliseconds.
    Millis,
    /// A plain number.
    Plain,
    /// A percentage in the field, a fraction in the settings.
    Percent,
}

#[derive(Properties, PartialEq)]
struct NumberFieldProps {
    label: AttrValue,
    id: AttrValue,
    field: Field,
    value: f64,
    unit: Unit,
    error: Option<AttrValue>,
    on_commit: Callback<f64>,
    #[prop_or_default]
    help: Option<AttrValue>,
    /// Only whole numbers make sense (a count, or milliseconds).
    #[prop_or_default]
    whole: bool,
}

fn shown(value: f64, unit: Unit) -> String {
    let v = match unit {
        Unit::Seconds => value / 1000.0,
        Unit::Percent => value * 100.0,
        _ => value,
    };
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A labelled number input that commits on change and shows its error.
#[function_component(NumberField)]
fn number_field(p: &NumberFieldProps) -> Html {
    // What was typed that is not a number, and why: the field keeps showing it beside the message.
    let local_error = use_state(|| None::<(String, &'static str)>);
    // A value set from elsewhere (a preset, a reset) replaces whatever was mistyped.
    {
        let local_error = local_error.clone();
        use_effect_with(p.value.to_bits(), move |_| local_error.set(None));
    }
    let onchange = {
        let local_error = local_error.clone();
        let on_commit = p.on_commit.clone();
        let unit = p.unit;
        let whole = p.whole;
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            match parse_number(&text) {
                Some(v) if whole && v >= 0.0 && v.fract() != 0.0 => {
                    local_error.set(Some((text, "Enter a whole number.")))
                }
                Some(v) if v >= 0.0 => {
                    local_error.set(None);
                    on_commit.emit(match unit {
                        Unit::Seconds => (v * 1000.0).round(),
                        Unit::Percent => v / 100.0,
                        _ => v,
                    });
                }
                _ => local_error.set(Some((text, "Enter a number of zero or more."))),
            }
        })
    };
    let error = (*local_error)
        .as_ref()
        .map(|(_, why)| AttrValue::from(*why))
        .or(p.error.clone());
    let value = (*local_error)
        .as_ref()
        .map_or_else(|| shown(p.value, p.unit), |(typed, _)| typed.clone());
    let unit = match p.unit {
        Unit::Seconds => " s",
        Unit::Millis => " ms",
        Unit::Percent => " %",
        Unit::Plain => "",
    };
    let err_id = format!("{}-error", p.id);
    html! {
        <div class="field">
            <label for={p.id.clone()}>{ format!("{}{}", p.label, if unit.is_empty() { String::new() } else { format!(" ({})", unit.trim()) }) }</label>
            <input id={p.id.clone()} type="text" inputmode="decimal" {value} {onchange}
                   aria-invalid={error.is_some().to_string()} aria-describedby={error.as_ref().map(|_| err_id.clone())} />
            if let Some(e) = &error {
                <span class="field-error" id={err_id} role="alert">{ e.clone() }</span>
            } else if let Some(h) = &p.help {
                <span class="explain">{ h.clone() }</span>
            }
        </div>
    }
}

/// With random peers: why a gossip timeout must span several rounds, the thresholds that do, and
/// a button to use them when the ones in the fields are shorter.
fn gossip_hint(d: &Config, dispatch: &UseReducerDispatcher<HeartbeatsState>) -> Html {
    let (Some(rounds), Some(t), Topology::RandomK { k }) =
        (d.gossip_rounds(), d.gossip_thresholds(), d.topology)
    else {
        return Html::default();
    };
    let secs = |ms: u64| crate::sim::time::format_duration(ms);
    let short = d.detection.fixed.timeout_ms < t.timeout_ms;
    let apply = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            dispatch.dispatch(Action::EditConfig(ConfigEdit::new(move |c| {
                c.detection.fixed = t;
            })))
        })
    };
    html! {
        <div class={classes!("field", "wide", "gossip-hint", short.then_some("warning"))} id="hb-gossip-hint">
            <p class="explain">
                { format!(
                    "Gossip spreads news in rounds: a heartbeat of one node reaches the other {} after several rounds, and an unlucky node can wait {rounds} rounds for news of another (about {}, with k = {k}, over an hour of rounds). A timeout shorter than that declares healthy nodes dead.",
                    d.nodes - 1, secs(t.timeout_ms)
                ) }
                if short {
                    <strong>{ format!(" The timeout {} is shorter: expect false positives with nothing broken.", secs(d.detection.fixed.timeout_ms)) }</strong>
                }
            </p>
            if short || d.detection.fixed != t {
                <button type="button" onclick={apply}>{ format!("Use suspect after {}, timeout {}", secs(t.suspect_after_ms), secs(t.timeout_ms)) }</button>
            }
        </div>
    }
}

/// SWIM's settings: the protocol period, the probe timeout, the indirect checks, the suspicion
/// multiplier and Lifeguard's two parts, each of which the learner can turn off to compare.
fn swim_fields(s: SwimSettings, props: &SettingsProps) -> Html {
    let error = error_for(props, Field::Topology);
    let edit = |f: fn(&mut SwimSettings, f64)| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |v: f64| {
            dispatch.dispatch(Action::EditConfig(ConfigEdit::new(move |c| {
                if let Topology::Swim(s) = &mut c.topology {
                    f(s, v);
                }
            })))
        })
    };
    let toggle = |f: fn(&mut SwimSettings, bool)| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            dispatch.dispatch(Action::EditConfig(ConfigEdit::new(move |c| {
                if let Topology::Swim(s) = &mut c.topology {
                    f(s, on);
                }
            })))
        })
    };
    html! {
        <>
            <div class="field wide">
                <p class="explain">
                    { "No heartbeats: every protocol period each member pings one other (round-robin over a shuffled list). Without an ack by the probe timeout it asks k others to probe for it; still nothing by the end of the period, and the member is only suspected. The suspect can refute with a higher incarnation; an unrefuted suspicion becomes dead. The presets are HashiCorp memberlist's DefaultLANConfig and DefaultWANConfig." }
                </p>
                if let Some(e) = &error {
                    <span class="field-error" role="alert">{ e.clone() }</span>
                }
            </div>
            <NumberField label="Protocol period (probe interval)" id="hb-swim-interval" error={None::<AttrValue>} field={Field::Topology} value={s.probe_interval_ms as f64} unit={Unit::Seconds}
                on_commit={edit(|s, v| s.probe_interval_ms = v as u64)} />
            <NumberField label="Probe timeout" id="hb-swim-timeout" error={None::<AttrValue>} field={Field::Topology} value={s.probe_timeout_ms as f64} unit={Unit::Seconds}
                on_commit={edit(|s, v| s.probe_timeout_ms = v as u64)} />
            <NumberField label="Indirect checks (k)" id="hb-swim-k" error={None::<AttrValue>} whole=true field={Field::Topology} value={f64::from(s.indirect_checks)} unit={Unit::Plain}
                on_commit={edit(|s, v| s.indirect_checks = v as u32)} help="members asked to probe for the prober (ping-req); 0 turns indirect probes off" />
            <NumberField label="Suspicion multiplier" id="hb-swim-suspicion" error={None::<AttrValue>} whole=true field={Field::Topology} value={f64::from(s.suspicion_mult)} unit={Unit::Plain}
                on_commit={edit(|s, v| s.suspicion_mult = v as u32)} help="the suspicion timeout is this many periods × log10 of the members" />
            <div class="field">
                <span class="label">{ "Lifeguard" }</span>
                <label class="inline"><input type="checkbox" checked={s.lifeguard_suspicion}
                    onchange={toggle(|s, on| s.lifeguard_suspicion = on)} />{ " suspicion starts long, shortens with confirmations" }</label>
                <label class="inline"><input type="checkbox" checked={s.awareness_max_multiplier > 1}
                    onchange={toggle(|s, on| s.awareness_max_multiplier = if on { 8 } else { 1 })} />{ " local health awareness" }</label>
            </div>
        </>
    }
}

/// The message of the error in force, if it is about `field`.
fn error_for(props: &SettingsProps, field: Field) -> Option<AttrValue> {
    props
        .error
        .as_ref()
        .filter(|e| e.field == field)
        .map(|e| AttrValue::from(e.message.clone()))
}

/// A field's commit: the edit `f` applied to the latest settings.
fn edit(props: &SettingsProps, f: fn(&mut Config, f64)) -> Callback<f64> {
    let dispatch = props.dispatch.clone();
    Callback::from(move |v: f64| {
        dispatch.dispatch(Action::EditConfig(ConfigEdit::new(move |c| f(c, v))))
    })
}

/// The fields of the detectors in force: a fixed timeout (central pull's own checks), phi
/// accrual's thresholds, and with random peers the note on gossip's rounds.
fn detector_fields(d: &Config, props: &SettingsProps) -> Html {
    let error_for = |f: Field| error_for(props, f);
    let edit = |f: fn(&mut Config, f64)| edit(props, f);
    let uses_fixed = d.detection.choice != DetectorChoice::Phi;
    let uses_phi = d.detection.choice != DetectorChoice::Fixed;
    html! {
        <>
                if uses_fixed && d.topology == Topology::CentralPull {
                    <NumberField label="Suspect a check unanswered after" id="hb-suspect" field={Field::SuspectAfter} value={d.detection.fixed.suspect_after_ms as f64} unit={Unit::Seconds}
                        error={error_for(Field::SuspectAfter)} on_commit={edit(|c, v| c.detection.fixed.suspect_after_ms = v as u64)} />
                    <NumberField label="Check timeout (a check fails after)" id="hb-timeout" field={Field::Timeout} value={d.detection.fixed.timeout_ms as f64} unit={Unit::Seconds}
                        error={error_for(Field::Timeout)} on_commit={edit(|c, v| c.detection.fixed.timeout_ms = v as u64)}
                        help="an answer that comes later is ignored: its check has failed" />
                    <NumberField label="Failed checks before dead" id="hb-failed-checks" whole=true field={Field::FailedChecks} value={d.failed_checks as f64} unit={Unit::Plain}
                        error={error_for(Field::FailedChecks)} on_commit={edit(|c, v| c.failed_checks = v as u32)}
                        help="in a row; the next check goes out one interval after an answer or a failure" />
                } else if uses_fixed {
                    <NumberField label="Suspect after" id="hb-suspect" field={Field::SuspectAfter} value={d.detection.fixed.suspect_after_ms as f64} unit={Unit::Seconds}
                        error={error_for(Field::SuspectAfter)} on_commit={edit(|c, v| c.detection.fixed.suspect_after_ms = v as u64)} />
                    <NumberField label="Timeout (dead after)" id="hb-timeout" field={Field::Timeout} value={d.detection.fixed.timeout_ms as f64} unit={Unit::Seconds}
                        error={error_for(Field::Timeout)} on_commit={edit(|c, v| c.detection.fixed.timeout_ms = v as u64)} />
                }
                if uses_fixed {
                    { gossip_hint(d, &props.dispatch) }
                }
                if uses_phi {
                    <NumberField label="φ suspect at" id="hb-phi-suspect" field={Field::PhiSuspect} value={d.detection.phi.suspect_phi} unit={Unit::Plain}
                        error={error_for(Field::PhiSuspect)} on_commit={edit(|c, v| c.detection.phi.suspect_phi = v)} />
                    <NumberField label="φ dead at" id="hb-phi-dead" field={Field::PhiDead} value={d.detection.phi.dead_phi} unit={Unit::Plain}
                        error={error_for(Field::PhiDead)} on_commit={edit(|c, v| c.detection.phi.dead_phi = v)} />
                    <NumberField label="φ window (samples)" id="hb-phi-window" whole=true field={Field::PhiWindow} value={d.detection.phi.window as f64} unit={Unit::Plain}
                        error={error_for(Field::PhiWindow)} on_commit={edit(|c, v| c.detection.phi.window = v as u32)} />
                    <NumberField label="φ minimum deviation" id="hb-phi-std" whole=true field={Field::PhiMinStd} value={d.detection.phi.min_std_ms as f64} unit={Unit::Millis}
                        error={error_for(Field::PhiMinStd)} on_commit={edit(|c, v| c.detection.phi.min_std_ms = v as u64)} />
                }
        </>
    }
}

/// The settings panel.
#[function_component(SettingsPanel)]
pub fn settings_panel(props: &SettingsProps) -> Html {
    let d = props.draft.clone();
    let error_for = |f: Field| error_for(props, f);
    let edit = |f: fn(&mut Config, f64)| edit(props, f);
    let on_topology = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let chosen = e.target_unchecked_into::<HtmlSelectElement>().value();
            dispatch.dispatch(Action::EditConfig(ConfigEdit::new(move |c| {
                let k = match c.topology {
                    Topology::RandomK { k } => k,
                    _ => 3.min(c.nodes.saturating_sub(1)).max(1),
                };
                c.switch_topology(match chosen.as_str() {
                    "pull" => Topology::CentralPull,
                    "random" => Topology::RandomK { k },
                    "all" => Topology::AllToAll,
                    "swim-lan" => Topology::Swim(SwimSettings::LAN),
                    "swim-wan" => Topology::Swim(SwimSettings::WAN),
                    _ => Topology::CentralPush,
                });
            })));
        })
    };
    let on_detector = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let choice = match e
                .target_unchecked_into::<HtmlSelectElement>()
                .value()
                .as_str()
            {
                "phi" => DetectorChoice::Phi,
                "both" => DetectorChoice::Both,
                _ => DetectorChoice::Fixed,
            };
            dispatch.dispatch(Action::EditConfig(ConfigEdit::new(move |c| {
                c.detection.choice = choice
            })));
        })
    };
    let on_preset = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if !v.is_empty() {
                dispatch.dispatch(Action::ApplyPreset(v));
            }
        })
    };
    let on_quorum = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let quorum = e.target_unchecked_into::<HtmlInputElement>().checked();
            dispatch.dispatch(Action::EditConfig(ConfigEdit::new(move |c| {
                c.quorum = quorum
            })));
        })
    };
    let topology_value = match d.topology {
        Topology::CentralPush => "push",
        Topology::CentralPull => "pull",
        Topology::RandomK { .. } => "random",
        Topology::AllToAll => "all",
        Topology::Swim(s) if s.probe_interval_ms >= SwimSettings::WAN.probe_interval_ms => {
            "swim-wan"
        }
        Topology::Swim(_) => "swim-lan",
    };
    let detector_value = match d.detection.choice {
        DetectorChoice::Fixed => "fixed",
        DetectorChoice::Phi => "phi",
        DetectorChoice::Both => "both",
        DetectorChoice::Swim => "swim",
    };
    let matching_preset = PRESETS.iter().find(|p| {
        let mut c = d.clone();
        p.apply(&mut c);
        c == d
    });
    let nodes_error = error_for(Field::Nodes);

    html! {
        <section class="panel settings" aria-labelledby="settings-heading">
            <h3 id="settings-heading">{ "Settings" }</h3>
            <div class="field">
                <label for="hb-preset">{ "Real-system preset" }</label>
                <select id="hb-preset" onchange={on_preset}>
                    <option value="" selected={matching_preset.is_none()}>{ "— custom —" }</option>
                    { for PRESETS.iter().map(|p| html! {
                        <option value={p.id} selected={matching_preset.is_some_and(|m| m.id == p.id)}>{ p.name }</option>
                    }) }
                </select>
                if let Some(p) = matching_preset {
                    <p class="explain preset-source">{ p.source }</p>
                }
            </div>
            <div class="grid-fields">
                <div class="field">
                    <label for="hb-topology">{ "Topology" }</label>
                    <select id="hb-topology" onchange={on_topology}>
                        <option value="push" selected={topology_value == "push"}>{ "central monitor, push" }</option>
                        <option value="pull" selected={topology_value == "pull"}>{ "central monitor, pull" }</option>
                        <option value="random" selected={topology_value == "random"}>{ "random peers (gossip)" }</option>
                        <option value="all" selected={topology_value == "all"}>{ "all-to-all" }</option>
                        <option value="swim-lan" selected={topology_value == "swim-lan"}>{ "SWIM: probes and suspicion (memberlist LAN)" }</option>
                        <option value="swim-wan" selected={topology_value == "swim-wan"}>{ "SWIM: probes and suspicion (memberlist WAN)" }</option>
                    </select>
                </div>
                if let Topology::RandomK { k } = d.topology {
                    <NumberField label="Peers per round (k)" id="hb-k" whole=true field={Field::K} value={k as f64} unit={Unit::Plain}
                        error={error_for(Field::K)} on_commit={edit(|c, v| if let Topology::RandomK { k } = &mut c.topology { *k = v as u32 })} />
                }
                <NumberField label="Nodes" id="hb-nodes" whole=true field={Field::Nodes} value={d.nodes as f64} unit={Unit::Plain}
                    error={nodes_error} on_commit={edit(|c, v| {
                        c.nodes = v as u32;
                        if let Topology::RandomK { k } = &mut c.topology {
                            *k = (*k).min(c.nodes.saturating_sub(1)).max(1);
                        }
                    })} help="3 to 1000; a new run starts" />
                if let Topology::Swim(swim) = d.topology {
                    { swim_fields(swim, props) }
                } else {
                <div class="field">
                    <label for="hb-detector">{ "Failure detector" }</label>
                    <select id="hb-detector" onchange={on_detector}>
                        <option value="fixed" selected={detector_value == "fixed"}>{ "fixed timeout" }</option>
                        <option value="phi" selected={detector_value == "phi"}>{ "phi accrual" }</option>
                        <option value="both" selected={detector_value == "both"}>{ "both, side by side" }</option>
                    </select>
                </div>
                <NumberField label="Heartbeat interval" id="hb-interval" field={Field::Interval} value={d.interval_ms as f64} unit={Unit::Seconds}
                    error={error_for(Field::Interval)} on_commit={edit(|c, v| c.interval_ms = v as u64)} />
                <NumberField label="Send jitter" id="hb-send-jitter" field={Field::SendJitter} value={d.send_jitter_ms as f64} unit={Unit::Seconds}
                    error={error_for(Field::SendJitter)} on_commit={edit(|c, v| c.send_jitter_ms = v as u64)} />
                { detector_fields(&d, props) }
                }
                <NumberField label="Latency" id="hb-latency" whole=true field={Field::Latency} value={d.network.latency_ms as f64} unit={Unit::Millis}
                    error={error_for(Field::Latency)} on_commit={edit(|c, v| c.network.latency_ms = v as u64)} />
                <NumberField label="Latency jitter" id="hb-jitter" whole=true field={Field::Jitter} value={d.network.jitter_ms as f64} unit={Unit::Millis}
                    error={error_for(Field::Jitter)} on_commit={edit(|c, v| c.network.jitter_ms = v as u64)} />
                <NumberField label="Message loss" id="hb-loss" field={Field::Loss} value={d.network.loss} unit={Unit::Percent}
                    error={error_for(Field::Loss)} on_commit={edit(|c, v| c.network.loss = v)} />
                <NumberField label="Work items" id="hb-work" whole=true field={Field::WorkItems} value={d.work_items as f64} unit={Unit::Plain}
                    error={error_for(Field::WorkItems)} on_commit={edit(|c, v| c.work_items = v as u32)} />
                <NumberField label="Client requests per second" id="hb-requests" whole=true field={Field::Requests} value={d.requests_per_sec as f64} unit={Unit::Plain}
                    error={error_for(Field::Requests)} on_commit={edit(|c, v| c.requests_per_sec = v as u32)} />
                <NumberField label="Replace a dead node after (0 = never)" id="hb-replace" field={Field::ReplaceAfter}
                    value={d.replace_after_ms.unwrap_or(0) as f64} unit={Unit::Seconds}
                    error={error_for(Field::ReplaceAfter)} on_commit={edit(|c, v| c.replace_after_ms = (v > 0.0).then_some(v as u64))} />
                <div class="field">
                    <span class="label">{ "Leader election" }</span>
                    <label class="inline"><input type="checkbox" checked={d.quorum} onchange={on_quorum} />{ " majority quorum" }</label>
                </div>
            </div>
            if let Some(e) = &props.error {
                <p class="field-error" role="alert">{ format!("Not applied — {e}. Until this is fixed, no other change applies either: the settings in force stay as they were.") }</p>
            }
        </section>
    }
}
