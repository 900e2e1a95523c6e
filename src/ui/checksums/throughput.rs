//! Throughput measured in the learner's own browser: MB/s of each algorithm on 1, 16 and 64 MiB,
//! and WebCrypto's SHA-256 and SHA-1 in the same page for comparison. It hashes in slices and
//! yields between them (about 25 ms each), with a progress bar and a Cancel button.
//!
//! WebCrypto has no way to hash in slices, and Chromium computes a digest on the calling thread
//! (64 MiB takes 100–200 ms), so WebCrypto runs in a small worker: the bytes are copied for it a
//! few MiB at a time, yielding in between, and handed over without another copy.

use std::cell::Cell;
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::state::ALGORITHMS;
use crate::checksum::{Algorithm, RandomFill};
use crate::ui::wall_clock::now_ms;

const MIB: usize = 1024 * 1024;
/// The sizes measured.
pub const SIZES: [usize; 3] = [MIB, 16 * MIB, 64 * MIB];
/// Bytes hashed between two clock readings.
const CHUNK: usize = MIB;
/// Real time between two yields to the browser.
const SLICE_MS: f64 = 25.0;
/// Bytes copied for WebCrypto between two yields to the browser.
const COPY_CHUNK: usize = 4 * MIB;

/// The worker that runs WebCrypto (`static/host/webcrypto-worker.js`, beside `index.html`): it
/// times one digest of the bytes it is sent and replies with the milliseconds, or the error. A
/// file, not a `blob:` URL, so that a strict hosting policy (`worker-src 'self'`) lets it run.
const WORKER_FILE: &str = "webcrypto-worker.js";
/// How long the worker may take to answer its first message before the page times WebCrypto
/// itself.
const WORKER_PATIENCE_MS: i32 = 3_000;

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

/// A worker running WebCrypto, stopped when dropped.
struct CryptoWorker {
    worker: JsValue,
}

impl CryptoWorker {
    /// Starts the worker and waits for its first answer; `None` when it cannot run here (its file
    /// is missing, a policy forbids it, no answer in time), so the page times WebCrypto itself
    /// rather than wait for ever.
    async fn start() -> Option<CryptoWorker> {
        let ctor = Reflect::get(&js_sys::global(), &"Worker".into())
            .ok()?
            .dyn_into::<Function>()
            .ok()?;
        let worker =
            Reflect::construct(&ctor, &Array::of1(&JsValue::from_str(WORKER_FILE))).ok()?;
        let started = CryptoWorker { worker };
        let ping = Object::new();
        Reflect::set(&ping, &"ping".into(), &JsValue::TRUE).ok()?;
        started.ask(&ping, &Array::new()).await.ok()?;
        Some(started)
    }

    /// Posts `message` and waits for the reply's data; an error, or no reply within
    /// [`WORKER_PATIENCE_MS`] for the first message, rejects.
    async fn ask(&self, message: &Object, transfer: &Array) -> Result<JsValue, String> {
        let worker = &self.worker;
        let post = Reflect::get(worker, &"postMessage".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .ok_or("the worker takes no messages")?;
        let is_ping = Reflect::has(message, &"ping".into()).unwrap_or(false);
        let reply = js_sys::Promise::new(&mut |resolve, reject| {
            let _ = Reflect::set(worker, &"onmessage".into(), &resolve);
            let _ = Reflect::set(worker, &"onerror".into(), &reject);
            if let (true, Some(window)) = (is_ping, web_sys::window()) {
                let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                    &reject,
                    WORKER_PATIENCE_MS,
                );
            }
            if let Err(e) = post.call2(worker, message, transfer) {
                let _ = reject.call1(&JsValue::NULL, &e);
            }
        });
        let event = JsFuture::from(reply)
            .await
            .map_err(|_| "the WebCrypto worker failed")?;
        Ok(Reflect::get(&event, &"data".into()).unwrap_or(JsValue::NULL))
    }

    /// Hands `bytes` over to the worker (their buffer moves, it is not copied) and returns the
    /// seconds its WebCrypto digest took.
    async fn digest_secs(&self, name: &str, bytes: Uint8Array) -> Result<f64, String> {
        let message = Object::new();
        let set = |k: &str, v: &JsValue| Reflect::set(&message, &k.into(), v).map(|_| ());
        set("name", &JsValue::from_str(name))
            .and_then(|()| set("bytes", &bytes))
            .map_err(|_| "could not address the worker")?;
        let data = self.ask(&message, &Array::of1(&bytes.buffer())).await?;
        match Reflect::get(&data, &"ms".into())
            .ok()
            .and_then(|v| v.as_f64())
        {
            Some(ms) => Ok(ms / 1000.0),
            None => Err(Reflect::get(&data, &"error".into())
                .ok()
                .and_then(|e| e.as_string())
                .unwrap_or_else(|| "WebCrypto failed".into())),
        }
    }
}

impl Drop for CryptoWorker {
    fn drop(&mut self) {
        if let Ok(terminate) =
            Reflect::get(&self.worker, &"terminate".into()).and_then(|f| f.dyn_into::<Function>())
        {
            let _ = terminate.call0(&self.worker);
        }
    }
}

/// A copy of `data` for WebCrypto, made a few MiB at a time with a yield after each; `None` if
/// cancelled meanwhile.
async fn copy_for_webcrypto(data: &[u8], cancel: &Cell<bool>) -> Option<Uint8Array> {
    let len = u32::try_from(data.len()).ok()?;
    let copy = Uint8Array::new_with_length(len);
    let mut start = 0u32;
    for chunk in data.chunks(COPY_CHUNK) {
        let end = start + chunk.len() as u32;
        copy.subarray(start, end).copy_from(chunk);
        start = end;
        yield_now().await;
        if cancel.get() {
            return None;
        }
    }
    Some(copy)
}

/// Times one WebCrypto digest of `bytes` on this page's thread (when no worker could start).
async fn time_webcrypto_here(name: &str, bytes: &Uint8Array) -> Result<f64, String> {
    let subtle = web_sys::window()
        .ok_or("no window")?
        .crypto()
        .map_err(|_| "no WebCrypto here")?
        .subtle();
    let t0 = now_ms();
    let promise = subtle
        .digest_with_str_and_buffer_source(name, bytes)
        .map_err(|_| "WebCrypto refused the digest")?;
    JsFuture::from(promise)
        .await
        .map_err(|_| "WebCrypto failed")?;
    Ok((now_ms() - t0) / 1000.0)
}

/// Times one WebCrypto digest of `data`, in the worker if there is one; `None` if cancelled.
async fn time_webcrypto(
    name: &str,
    data: &[u8],
    worker: Option<&CryptoWorker>,
    cancel: &Cell<bool>,
) -> Option<Result<f64, String>> {
    // WebCrypto needs its own copy of the bytes; make it before starting the clock.
    let copy = copy_for_webcrypto(data, cancel).await?;
    Some(match worker {
        Some(w) => w.digest_secs(name, copy).await,
        None => time_webcrypto_here(name, &copy).await,
    })
}

/// The median rate of `runs` timings of `subject` on `data`, in MB/s, or why it could not be
/// measured; `None` if cancelled.
async fn median_rate(
    subject: Subject,
    data: &[u8],
    runs: usize,
    worker: Option<&CryptoWorker>,
    cancel: &Cell<bool>,
) -> Option<Result<f64, String>> {
    let mut times: Vec<f64> = Vec::new();
    let mut error = None;
    for _ in 0..runs {
        match subject {
            Subject::Wasm(alg) => times.push(time_wasm(alg, data, cancel).await?),
            Subject::WebCrypto(name) => match time_webcrypto(name, data, worker, cancel).await? {
                Ok(secs) => times.push(secs),
                Err(e) => error = Some(e),
            },
        }
    }
    crate::sim::sort::by_key(&mut times, |&x| crate::sim::sort::float_key(x));
    Some(match (error, times.get(times.len() / 2)) {
        (_, Some(&secs)) => Ok(data.len() as f64 / 1e6 / secs.max(1e-9)),
        (Some(e), None) => Err(e),
        (None, None) => Err("not measured".to_string()),
    })
}

/// Measures every subject on every size, showing each result and the progress as they come, and
/// logs a summary at the end; stops (and hides the progress) when `cancel` is set.
async fn measure(
    results: UseStateHandle<Vec<Measured>>,
    progress: UseStateHandle<Option<f64>>,
    cancel: Rc<Cell<bool>>,
) {
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
    // Stopped when this run ends (the worker is dropped with it).
    let worker = CryptoWorker::start().await;
    // Warm up: the browser compiles WebAssembly in tiers, and the first megabyte hashed runs on
    // the quick first tier. Measure the optimised code, as a real workload would.
    for &alg in &ALGORITHMS {
        std::hint::black_box(alg.digest(&data[..MIB]));
        yield_now().await;
    }
    let total: usize = SIZES.iter().sum::<usize>() * subjects.len();
    let mut done = 0usize;
    let mut out: Vec<Measured> = Vec::new();
    for &size in &SIZES {
        for &subject in &subjects {
            // Small sizes take a few milliseconds, close to the clock's resolution: take the
            // median of several runs.
            let runs = if size < 16 * MIB { 5 } else { 1 };
            let rate = median_rate(subject, &data[..size], runs, worker.as_ref(), &cancel).await;
            let Some(mb_per_s) = rate else {
                progress.set(None);
                return;
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
    log_summary(&out);
    progress.set(None);
}

/// Writes the figures to the browser's console, for whoever collects them.
fn log_summary(out: &[Measured]) {
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
}

/// Properties of the throughput panel.
#[derive(Properties, PartialEq)]
pub struct ThroughputProps {
    /// A measurement starts whenever this changes to a value other than 0 (a lesson's button
    /// starts it from the lesson's text).
    #[prop_or_default]
    pub start: u32,
}

/// The throughput panel.
#[function_component(Throughput)]
pub fn throughput(p: &ThroughputProps) -> Html {
    let results = use_state(Vec::<Measured>::new);
    let progress = use_state(|| None::<f64>);
    let cancel = use_memo((), |_| Cell::new(false));
    // A measurement in progress stops when the tab goes away.
    {
        let cancel = cancel.clone();
        use_effect_with((), move |_| move || cancel.set(true));
    }
    let running = progress.is_some();
    let begin = {
        let results = results.clone();
        let progress = progress.clone();
        let cancel = cancel.clone();
        Callback::from(move |()| {
            cancel.set(false);
            results.set(Vec::new());
            progress.set(Some(0.0));
            let (results, progress, cancel) = (results.clone(), progress.clone(), cancel.clone());
            wasm_bindgen_futures::spawn_local(measure(results, progress, cancel));
        })
    };
    {
        let begin = begin.clone();
        use_effect_with(p.start, move |&start| {
            if start != 0 {
                begin.emit(());
            }
        });
    }
    let start = Callback::from(move |_: MouseEvent| begin.emit(()));
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
                <button onclick={stop} disabled={!running}>{ "Cancel the measurement" }</button>
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
