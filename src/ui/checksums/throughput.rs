//! Throughput measured in the learner's own browser: MB/s of each algorithm on 1, 16 and 64 MiB,
//! and WebCrypto's SHA-256 and SHA-1 in the same page for comparison. It hashes in slices and
//! yields between them (about 25 ms each), with a progress bar and a Cancel button.

use std::cell::Cell;

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::state::ALGORITHMS;
use crate::checksum::{Algorithm, RandomFill};
use crate::ui::heartbeats::state::now_ms;

const MIB: usize = 1024 * 1024;
/// The sizes measured.
pub const SIZES: [usize; 3] = [MIB, 16 * MIB, 64 * MIB];
/// Bytes hashed between two clock readings.
const CHUNK: usize = MIB;
/// Real time between two yields to the browser.
const SLICE_MS: f64 = 25.0;

/// What is measured: one of our algorithms, or WebCrypto.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Subject {
    /// An algorithm of this playground (compiled to WebAssembly).
    Wasm(Algorithm),
    /// The browser's own WebCrypto `crypto.subtle.digest` with this name.
    WebCrypto(&'static str),
}

impl Subject {
    fn label(self) -> String {
        match self {
            Subject::Wasm(a) => a.name().to_string(),
            Subject::WebCrypto(name) => format!("{name} (WebCrypto)"),
        }
    }
}

fn subjects() -> Vec<Subject> {
    ALGORITHMS
        .iter()
        .map(|&a| Subject::Wasm(a))
        .chain([Subject::WebCrypto("SHA-256"), Subject::WebCrypto("SHA-1")])
        .collect()
}

/// One measurement: MB/s (10⁶ bytes per second) of a subject on a size, or why it failed.
#[derive(Clone, Debug, PartialEq)]
pub struct Measured {
    /// What was measured.
    pub subject: Subject,
    /// Bytes hashed.
    pub size: usize,
    /// Megabytes per second, or the error.
    pub mb_per_s: Result<f64, String>,
}

async fn yield_now() {
    TimeoutFuture::new(0).await;
}

/// Hashes `data` with `alg` a chunk at a time, yielding every ~25 ms; returns the seconds spent hashing.
async fn time_wasm(alg: Algorithm, data: &[u8], cancel: &Cell<bool>) -> Option<f64> {
    let mut hasher = alg.hasher();
    let mut spent = 0.0;
    let mut since_yield = 0.0;
    for chunk in data.chunks(CHUNK) {
        let t0 = now_ms();
        hasher.update(chunk);
        let dt = now_ms() - t0;
        spent += dt;
        since_yield += dt;
        if since_yield > SLICE_MS {
            since_yield = 0.0;
            yield_now().await;
            if cancel.get() {
                return None;
            }
        }
    }
    std::hint::black_box(hasher.finish());
    Some(spent / 1000.0)
}

/// Times one WebCrypto digest of `data` (the browser does the work off the main thread).
async fn time_webcrypto(name: &str, data: &[u8]) -> Result<f64, String> {
    let subtle = web_sys::window()
        .ok_or("no window")?
        .crypto()
        .map_err(|_| "no WebCrypto here")?
        .subtle();
    // WebCrypto needs its own copy of the bytes; make it before starting the clock.
    let copy = js_sys::Uint8Array::from(data);
    let t0 = now_ms();
    let promise = subtle
        .digest_with_str_and_buffer_source(name, &copy)
        .map_err(|_| "WebCrypto refused the digest")?;
    JsFuture::from(promise)
        .await
        .map_err(|_| "WebCrypto failed")?;
    Ok((now_ms() - t0) / 1000.0)
}

/// The throughput panel.
#[function_component(Throughput)]
pub fn throughput() -> Html {
    let results = use_state(Vec::<Measured>::new);
    let progress = use_state(|| None::<f64>);
    let cancel = use_memo((), |_| Cell::new(false));
    // A measurement in progress stops when the tab goes away.
    {
        let cancel = cancel.clone();
        use_effect_with((), move |_| move || cancel.set(true));
    }
    let running = progress.is_some();
    let start = {
        let results = results.clone();
        let progress = progress.clone();
        let cancel = cancel.clone();
        Callback::from(move |_: MouseEvent| {
            cancel.set(false);
            results.set(Vec::new());
            progress.set(Some(0.0));
            let (results, progress, cancel) = (results.clone(), progress.clone(), cancel.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let Ok(mut fill) = RandomFill::new(*SIZES.last().unwrap_or(&MIB), 7) else {
                    return;
                };
                while !fill.is_done() {
                    fill.step(8 * MIB);
                    yield_now().await;
                    if cancel.get() {
                        progress.set(None);
                        return;
                    }
                }
                let data = fill.finish();
                let subjects = subjects();
                // Warm up: the browser compiles WebAssembly in tiers, and the first megabyte hashed
                // runs on the quick first tier. Measure the optimised code, as a real workload would.
                for &alg in &ALGORITHMS {
                    std::hint::black_box(alg.digest(&data[..MIB]));
                    yield_now().await;
                }
                let total: usize = SIZES.iter().sum::<usize>() * subjects.len();
                let mut done = 0usize;
                let mut out: Vec<Measured> = Vec::new();
                for &size in &SIZES {
                    for &subject in &subjects {
                        let slice = &data[..size];
                        // Small sizes take a few milliseconds, close to the clock's resolution:
                        // take the median of several runs.
                        let runs = if size < 16 * MIB { 5 } else { 1 };
                        let mut times: Vec<f64> = Vec::new();
                        let mut error = None;
                        for _ in 0..runs {
                            match subject {
                                Subject::Wasm(alg) => match time_wasm(alg, slice, &cancel).await {
                                    Some(secs) => times.push(secs),
                                    None => {
                                        progress.set(None);
                                        return;
                                    }
                                },
                                Subject::WebCrypto(name) => match time_webcrypto(name, slice).await
                                {
                                    Ok(secs) => times.push(secs),
                                    Err(e) => error = Some(e),
                                },
                            }
                        }
                        times.sort_by(f64::total_cmp);
                        let mb_per_s = match (error, times.get(times.len() / 2)) {
                            (_, Some(&secs)) => Ok(size as f64 / 1e6 / secs.max(1e-9)),
                            (Some(e), None) => Err(e),
                            (None, None) => Err("not measured".to_string()),
                        };
                        out.push(Measured {
                            subject,
                            size,
                            mb_per_s,
                        });
                        done += size;
                        results.set(out.clone());
                        progress.set(Some(done as f64 / total as f64));
                        yield_now().await;
                        if cancel.get() {
                            progress.set(None);
                            return;
                        }
                    }
                }
                let summary = out
                    .iter()
                    .map(|m| {
                        format!(
                            "{} {} MiB: {}",
                            m.subject.label(),
                            m.size / MIB,
                            m.mb_per_s
                                .as_ref()
                                .map_or_else(|e| e.clone(), |v| format!("{v:.0} MB/s"))
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                web_sys::console::log_1(&format!("faultlab throughput: {summary}").into());
                progress.set(None);
            });
        })
    };
    let stop = {
        let cancel = cancel.clone();
        Callback::from(move |_: MouseEvent| cancel.set(true))
    };
    let done = !running && !results.is_empty();
    let rows = subjects().into_iter().map(|subject| {
        let cells = SIZES.iter().map(|&size| {
            let m = results
                .iter()
                .find(|m| m.subject == subject && m.size == size);
            html! {
                <td class="mono">{ match m.map(|m| &m.mb_per_s) {
                    Some(Ok(v)) => format!("{v:.0}"),
                    Some(Err(e)) => e.clone(),
                    None => "—".into(),
                } }</td>
            }
        });
        html! { <tr><th scope="row">{ subject.label() }</th>{ for cells }</tr> }
    });
    html! {
        <section class="panel throughput" aria-labelledby="throughput-heading">
            <h3 id="throughput-heading">{ "Speed in this browser" }</h3>
            <p class="explain">
                { "Hashes 1, 16 and 64 MiB of random data with each algorithm, in slices so the page stays responsive, and with the browser's own WebCrypto for comparison. Figures are megabytes (10⁶ bytes) per second." }
            </p>
            <div class="row">
                <button class="primary" onclick={start} disabled={running}>{ if done { "Measure again" } else { "Measure in this browser" } }</button>
                <button onclick={stop} disabled={!running}>{ "Cancel" }</button>
                if let Some(p) = *progress {
                    <label class="inline grow">{ format!("{:.0} % ", p * 100.0) }<progress max="1" value={p.to_string()} aria-label="Measuring" /></label>
                }
            </div>
            <div class="table-scroll">
                <table>
                    <thead><tr><th scope="col">{ "MB/s" }</th>{ for SIZES.iter().map(|s| html! { <th scope="col">{ format!("{} MiB", s / MIB) }</th> }) }</tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            <output id="throughput-result" data-done={done.to_string()}>
                { if done { "Measured." } else if running { "Measuring…" } else { "" } }
            </output>
        </section>
    }
}
