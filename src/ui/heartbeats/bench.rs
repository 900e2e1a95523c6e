//! The frame-time benchmark (`#/heartbeats?bench=1`): 1,000 nodes gossiping to 3 random peers at
//! 10× speed; or (`#/heartbeats?bench=swim`) 1,000 SWIM members at 100×. It records, for every
//! animation frame, the real time from the frame's start to the end of the render it caused, and
//! the speed virtual time really kept, and prints them in the page and to the console.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::sim::{Config, FixedTimeout, Topology};

/// Frames measured before the result is printed (about 10 s at 60 frames per second).
pub const FRAMES: usize = 600;
/// The speed the gossip benchmark runs at.
pub const SPEED: f64 = 10.0;
/// The speed the SWIM benchmark runs at.
pub const SWIM_SPEED: f64 = 100.0;

/// Whether the address asks for the SWIM benchmark (`bench=swim`).
pub fn swim() -> bool {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .is_some_and(|h| h.contains("bench=swim"))
}

/// The benchmark's cluster and speed.
pub fn config_and_speed() -> (Config, f64) {
    if swim() {
        let mut c = Config {
            nodes: 1000,
            ..Config::default()
        };
        c.switch_topology(Topology::Swim(crate::sim::swim::SwimSettings::LAN));
        return (c, SWIM_SPEED);
    }
    (config(), SPEED)
}

/// The gossip benchmark's cluster: 1,000 nodes, random peers with k = 3, 1 s heartbeats, and
/// timeouts long enough for gossip at this size (6 s / 12 s), so the run is steady.
pub fn config() -> Config {
    let mut c = Config {
        nodes: 1000,
        topology: Topology::RandomK { k: 3 },
        interval_ms: 1000,
        send_jitter_ms: 100,
        ..Config::default()
    };
    c.detection.fixed = FixedTimeout {
        suspect_after_ms: 6000,
        timeout_ms: 12000,
    };
    c.work_items = 2000;
    c
}

/// Frame times collected so far: (frame start, work in ms, gap since the previous frame in ms).
#[derive(Default)]
pub struct Recorder {
    /// When the frame being rendered started (`performance.now()`), if one is pending.
    pub pending: Option<(f64, f64)>,
    /// Real time spent per frame: advancing the world and rendering.
    pub work_ms: Vec<f64>,
    /// Real time between consecutive frames.
    pub gap_ms: Vec<f64>,
    /// (real ms, virtual ms) at the first measured frame and at the latest.
    pub first: Option<(f64, u64)>,
    /// See `first`.
    pub last: Option<(f64, u64)>,
}

impl Recorder {
    /// The speed virtual time kept between the first measured frame and the latest.
    pub fn kept_speed(&self) -> Option<f64> {
        let ((r0, v0), (r1, v1)) = (self.first?, self.last?);
        (r1 > r0).then(|| (v1 - v0) as f64 / (r1 - r0))
    }
}

/// A shared recorder, equal only to itself.
#[derive(Clone)]
pub struct RecorderRef(pub Rc<RefCell<Recorder>>);

impl PartialEq for RecorderRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// "p50 a ms, p95 b ms, max c ms" of a series.
pub fn summary(values: &[f64]) -> String {
    let mut v = values.to_vec();
    crate::sim::sort::by_key(&mut v, |&x| crate::sim::sort::float_key(x));
    format!(
        "p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        percentile(&v, 0.5),
        percentile(&v, 0.95),
        v.last().copied().unwrap_or(0.0)
    )
}

/// Properties of the result panel.
#[derive(Properties, PartialEq)]
pub struct BenchResultProps {
    /// The recorder (compared by identity).
    pub recorder: RecorderRef,
    /// Bumped each frame so the panel re-renders.
    pub frames: usize,
}

/// Shows progress, then the result.
#[function_component(BenchResult)]
pub fn bench_result(p: &BenchResultProps) -> Html {
    let r = p.recorder.0.borrow();
    let done = r.work_ms.len() >= FRAMES;
    let text = if done {
        let gaps = &r.gap_ms[..FRAMES.min(r.gap_ms.len())];
        let late =
            gaps.iter().filter(|&&g| g > 20.0).count() as f64 * 100.0 / gaps.len().max(1) as f64;
        let (what, speed) = if swim() {
            ("1000 SWIM members (memberlist LAN)", SWIM_SPEED)
        } else {
            ("1000 nodes, random-k = 3", SPEED)
        };
        format!(
            "Frame work (advance + render): {}. Frame interval: {} ({late:.1} % of frames later than 20 ms). \
             Virtual time kept {:.0}× real time. {} frames, {what}, {speed}× speed asked.",
            summary(&r.work_ms[..FRAMES]),
            summary(gaps),
            r.kept_speed().unwrap_or(0.0),
            FRAMES,
        )
    } else {
        format!(
            "Measuring frame times: {} of {FRAMES} frames…",
            r.work_ms.len()
        )
    };
    {
        let text = text.clone();
        use_effect_with(done, move |&done| {
            if done {
                web_sys::console::log_1(&format!("faultlab bench: {text}").into());
            }
        });
    }
    html! {
        <section class="panel bench" aria-labelledby="bench-heading">
            <h3 id="bench-heading">{ "Frame-time benchmark" }</h3>
            <output id="bench-result" data-done={done.to_string()}>{ text }</output>
        </section>
    }
}
