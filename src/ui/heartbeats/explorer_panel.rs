//! The timeout trade-off explorer: runs the simulation once per timeout (or phi threshold) with
//! the current settings and a standard mix of faults, without animation, one run per slice so the
//! page stays responsive, and plots mean detection latency against false positives per hour (for
//! the cluster: episodes in which at least one observer erred).

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::scenario::explorer::{
    Knob, Point, PointRun, restart_after_ms, svg, to_csv, values_with_current, workload,
};
use crate::sim::Config;
use crate::ui::download::download;
use crate::ui::wall_clock::now_ms;

/// Properties of the explorer.
#[derive(Properties, PartialEq)]
pub struct ExplorerProps {
    /// The settings in force (topology, size, timing, network).
    pub config: Config,
}

/// The seed of the explorer's fault mix (the same for every point, so points compare fairly).
const FAULT_SEED: u64 = 2024;
/// Virtual time run between two looks at the clock: short enough for a 1,000-node cluster to
/// stay within a frame, long enough that the looks cost nothing.
const SLICE_VIRTUAL_MS: u64 = 1_000;
/// The explorer gives the browser a turn after this much real time.
const YIELD_AFTER_MS: f64 = 25.0;

/// The explorer panel.
#[function_component(ExplorerPanel)]
pub fn explorer_panel(p: &ExplorerProps) -> Html {
    let knob = use_state(|| Knob::Timeout);
    let count = use_state(|| "40".to_string());
    let minutes = use_state(|| "10".to_string());
    let points = use_state(Vec::<Point>::new);
    let progress = use_state(|| None::<f64>);
    let elapsed = use_state(|| None::<f64>);
    let error = use_state(|| None::<String>);
    // The knob and the setting in force when the shown points were run: the ring marks it.
    let marked = use_state(|| None::<(Knob, f64, bool)>);
    let cancel = use_memo((), |_| Cell::new(false));
    // A run in progress stops when the panel goes away.
    {
        let cancel = cancel.clone();
        use_effect_with((), move |_| move || cancel.set(true));
    }
    let running = progress.is_some();
    let swim = matches!(p.config.topology, crate::sim::Topology::Swim(_));
    // The knobs of this topology (SWIM has its own); a knob of another topology means its first.
    let knobs = Knob::for_topology(p.config.topology);
    let knob_now = if knobs.contains(&*knob) {
        *knob
    } else {
        knobs[0]
    };
    let current = knob_now.current(&p.config);
    let parsed_count = count
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|c| (2..=200).contains(c));
    let parsed_minutes = minutes
        .trim()
        .parse::<u64>()
        .ok()
        .filter(|m| (1..=120).contains(m));

    let start = {
        let (points, progress, elapsed, error, cancel, marked) = (
            points.clone(),
            progress.clone(),
            elapsed.clone(),
            error.clone(),
            cancel.clone(),
            marked.clone(),
        );
        let config = p.config.clone();
        let knob = knob_now;
        Callback::from(move |_: MouseEvent| {
            let (Some(count), Some(minutes)) = (parsed_count, parsed_minutes) else {
                error.set(Some(
                    "Choose 2 to 200 settings and 1 to 120 minutes.".into(),
                ));
                return;
            };
            error.set(None);
            cancel.set(false);
            let (values, plotted) = values_with_current(&config, knob, count, current);
            let virtual_ms = minutes * 60_000;
            let faults = Rc::new(workload(&config, virtual_ms, FAULT_SEED));
            let (points, progress, elapsed, error, cancel, config) = (
                points.clone(),
                progress.clone(),
                elapsed.clone(),
                error.clone(),
                cancel.clone(),
                config.clone(),
            );
            points.set(Vec::new());
            marked.set(Some((knob, current, plotted)));
            elapsed.set(None);
            progress.set(Some(0.0));
            let shown = Shown {
                points,
                progress,
                elapsed,
                error,
                cancel,
            };
            wasm_bindgen_futures::spawn_local(run_points(
                shown, config, knob, values, faults, virtual_ms, minutes,
            ));
        })
    };
    let stop = {
        let cancel = cancel.clone();
        Callback::from(move |_: MouseEvent| cancel.set(true))
    };
    let plot =
        (!points.is_empty()).then(|| svg(&points, marked.filter(|m| m.2).map(|(_, v, _)| v)));
    let export_svg = exporter(
        &error,
        "faultlab-tradeoff.svg",
        "image/svg+xml",
        plot.clone().unwrap_or_default(),
    );
    let export_csv = exporter(&error, "faultlab-tradeoff.csv", "text/csv", to_csv(&points));
    let set = |h: &UseStateHandle<String>| {
        let h = h.clone();
        Callback::from(move |e: InputEvent| {
            h.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    html! {
        <section class="panel explorer" aria-labelledby="explorer-heading"
                 data-settings={parsed_count.map(|c| c.to_string())} data-minutes={parsed_minutes.map(|m| m.to_string())}>
            <h3 id="explorer-heading">{ if swim { "SWIM trade-off explorer" } else { "Timeout trade-off explorer" } }</h3>
            <p class="explain">
                { if swim {
                    format!("Runs the current settings ({} members, {}) once per setting, without animation, each for the chosen \
                        virtual time with the same faults: every 80 protocol periods one member crashes (and restarts 60 periods \
                        later) and three pause for ¾ to 3 periods. Each point is one setting: how fast crashes were declared \
                        against how often running members were wrongly declared dead.", p.config.nodes, p.config.topology.label())
                } else {
                    format!("Runs the current settings ({} nodes, {}) once per setting, without animation, each for the chosen \
                        virtual time with the same faults: every 20 heartbeat intervals one node crashes (and restarts) and three \
                        pause for ¾ to 3 intervals. Each point is one setting: how fast crashes were noticed against how often \
                        running nodes were wrongly declared dead.", p.config.nodes, p.config.topology.label())
                } }
            </p>
            <div class="row">
                <label class="inline">
                    { "Vary " }
                    <select onchange={{ let knob = knob.clone(); Callback::from(move |e: Event| {
                        let i = e.target_unchecked_into::<HtmlSelectElement>().selected_index();
                        knob.set(knobs[usize::from(i == 1)]);
                    }) }}>
                        { for knobs.iter().map(|&k| html! {
                            <option value={k.label()} selected={k == knob_now}>{ format!("the {}", k.label()) }</option>
                        }) }
                    </select>
                </label>
                <label class="inline">{ "over " }<input type="text" inputmode="numeric" size="3" value={(*count).clone()} oninput={set(&count)} aria-label="Number of settings" />{ " settings," }</label>
                <label class="inline"><input type="text" inputmode="numeric" size="3" value={(*minutes).clone()} oninput={set(&minutes)} aria-label="Virtual minutes per run" />{ " min each" }</label>
                <button class="primary" onclick={start} disabled={running}>{ "Run" }</button>
                <button onclick={stop} disabled={!running}>{ "Cancel" }</button>
                if let Some(f) = *progress {
                    <label class="inline grow">{ format!("{:.0} % ", f * 100.0) }<progress max="1" value={f.to_string()} aria-label="Exploring" /></label>
                }
            </div>
            if let Some(e) = &*error {
                <p class="field-error" role="alert">{ e.clone() }</p>
            }
            if let Some(svg) = plot {
                <div class="plot" data-points={points.len().to_string()}>{ Html::from_html_unchecked(AttrValue::from(svg)) }</div>
                <p class="explain">{ "False positives are counted for the cluster: an episode in which at least one node wrongly declared a running node dead counts once, however many nodes made that mistake, so a central monitor and gossiping nodes compare. The CSV has the count per observer too." }</p>
                <p class="explain" id="explorer-result" data-done="true">
                    { result_text(&p.config, *marked, points.len(), elapsed.unwrap_or(0.0)) }
                </p>
                <div class="row">
                    <button onclick={export_svg}>{ "Export plot (SVG)" }</button>
                    <button onclick={export_csv}>{ "Export points (CSV)" }</button>
                </div>
            }
        </section>
    }
}

/// Where a run's results and progress show, and how it learns it was cancelled.
struct Shown {
    points: UseStateHandle<Vec<Point>>,
    progress: UseStateHandle<Option<f64>>,
    elapsed: UseStateHandle<Option<f64>>,
    error: UseStateHandle<Option<String>>,
    cancel: Rc<Cell<bool>>,
}

/// Runs one point per value, in slices of virtual time, giving the browser a turn whenever a
/// frame's worth of real time has passed, so Cancel answers at once.
async fn run_points(
    shown: Shown,
    config: crate::sim::Config,
    knob: Knob,
    values: Vec<f64>,
    faults: Rc<Vec<crate::scenario::TimedCommand>>,
    virtual_ms: u64,
    minutes: u64,
) {
    let started = now_ms();
    let mut out = Vec::with_capacity(values.len());
    let total = values.len() as f64;
    let mut since_yield = now_ms();
    for (i, &v) in values.iter().enumerate() {
        let mut run = match PointRun::new(&config, knob, v, &faults, virtual_ms) {
            Ok(run) => run,
            Err(e) => {
                shown.error.set(Some(format!(
                    "{} {} cannot run: {e}",
                    knob.label(),
                    knob.format(v)
                )));
                shown.progress.set(None);
                return;
            }
        };
        // Run in slices of virtual time and let the browser breathe whenever a
        // frame's worth of real time has passed: a large cluster's point takes
        // seconds, and Cancel must answer within one slice.
        while !run.advance(SLICE_VIRTUAL_MS) {
            if now_ms() - since_yield > YIELD_AFTER_MS {
                shown
                    .progress
                    .set(Some((i as f64 + run.progress()) / total));
                TimeoutFuture::new(0).await;
                if shown.cancel.get() {
                    shown.progress.set(None);
                    return;
                }
                since_yield = now_ms();
            }
        }
        out.push(run.point());
        if now_ms() - since_yield > YIELD_AFTER_MS {
            shown.progress.set(Some((i + 1) as f64 / total));
            TimeoutFuture::new(0).await;
            if shown.cancel.get() {
                shown.progress.set(None);
                return;
            }
            since_yield = now_ms();
        }
    }
    let secs = (now_ms() - started) / 1000.0;
    web_sys::console::log_1(
        &format!(
            "faultlab explorer: {} settings × {} nodes × {} min in {secs:.2} s",
            out.len(),
            config.nodes,
            minutes
        )
        .into(),
    );
    shown.elapsed.set(Some(secs));
    shown.points.set(out);
    shown.progress.set(None);
}

/// What the result line says: how many runs took how long, and whether the setting in force is
/// the ringed point (or why it is not among them).
fn result_text(
    config: &crate::sim::Config,
    marked: Option<(Knob, f64, bool)>,
    count: usize,
    secs: f64,
) -> String {
    let (points, elapsed) = (count, Some(secs));
    match marked {
        Some((k, v, true)) => format!(
            "{} runs in {:.2} s: the settings asked for and the one in force when you pressed Run ({}), which is the ringed point.",
            points,
            elapsed.unwrap_or(0.0),
            k.format(v)
        ),
        Some((k, v, false)) => format!(
            "{} runs in {:.2} s. The setting in force ({}) is not among them: crashed nodes restart {} after crashing in these runs, before such a setting could declare them dead.",
            points,
            elapsed.unwrap_or(0.0),
            k.format(v),
            crate::sim::time::format_duration(restart_after_ms(config))
        ),
        None => format!("{} runs in {:.2} s.", points, elapsed.unwrap_or(0.0)),
    }
}

/// A button's click that saves `body` as a file, saying in the panel why if it cannot.
fn exporter(
    error: &UseStateHandle<Option<String>>,
    name: &'static str,
    mime: &'static str,
    body: String,
) -> Callback<MouseEvent> {
    let error = error.clone();
    Callback::from(move |_: MouseEvent| {
        if let Err(e) = download(name, mime, &body) {
            error.set(Some(e));
        }
    })
}
