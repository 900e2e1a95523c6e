//! The timeout trade-off explorer: the same settings and the same faults, run once per timeout
//! (or phi threshold), each point measuring mean detection latency against false positives per
//! hour. The page runs each point in slices of virtual time ([`PointRun`]); the numbers are those
//! of plain core runs.

use serde::{Deserialize, Serialize};

use super::model::TimedCommand;
use super::replay::Replayer;
use crate::sim::rng::SimRng;
use crate::sim::swim::SwimSettings;
use crate::sim::{Command, Config, DetectorChoice, DetectorKind, NodeId, SimTime, Topology, World};

/// What the explorer varies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Knob {
    /// The fixed timeout, in ms.
    Timeout,
    /// Phi accrual's dead threshold, φ.
    PhiThreshold,
    /// SWIM: how long a probe waits for the direct ack before asking others, in ms.
    ProbeTimeout,
    /// SWIM: the suspicion multiplier (the suspicion timeout in protocol periods, times log10 of
    /// the cluster size).
    SuspicionMult,
}

impl Knob {
    /// The axis label.
    pub fn label(self) -> &'static str {
        match self {
            Knob::Timeout => "timeout",
            Knob::PhiThreshold => "φ threshold",
            Knob::ProbeTimeout => "probe timeout",
            Knob::SuspicionMult => "suspicion multiplier",
        }
    }

    /// The knobs that apply to a topology: SWIM's own, or the heartbeat detectors'.
    pub fn for_topology(topology: Topology) -> [Knob; 2] {
        if matches!(topology, Topology::Swim(_)) {
            [Knob::ProbeTimeout, Knob::SuspicionMult]
        } else {
            [Knob::Timeout, Knob::PhiThreshold]
        }
    }

    /// The value in force in `config`.
    pub fn current(self, config: &Config) -> f64 {
        let swim = swim_of(config);
        match self {
            Knob::Timeout => config.detection.fixed.timeout_ms as f64,
            Knob::PhiThreshold => config.detection.phi.dead_phi,
            Knob::ProbeTimeout => swim.probe_timeout_ms as f64,
            Knob::SuspicionMult => f64::from(swim.suspicion_mult),
        }
    }

    /// The detector whose counts a point reports.
    fn detector(self) -> DetectorKind {
        match self {
            Knob::Timeout => DetectorKind::Fixed,
            Knob::PhiThreshold => DetectorKind::Phi,
            Knob::ProbeTimeout | Knob::SuspicionMult => DetectorKind::Swim,
        }
    }

    /// A value as the page shows it ("2.5 s", "φ 8").
    pub fn format(self, value: f64) -> String {
        match self {
            Knob::Timeout => format!("{:.1} s", value / 1000.0),
            Knob::PhiThreshold => format!("φ {value:.1}"),
            Knob::ProbeTimeout => format!("{value:.0} ms"),
            Knob::SuspicionMult => format!("×{value:.0}"),
        }
    }
}

/// One run of the explorer.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Point {
    /// What was varied.
    pub knob: Knob,
    /// Its value (ms for the timeout, φ for the threshold).
    pub value: f64,
    /// Mean time from a crash to its declaration, over every observer's declaration, in ms.
    pub mean_latency_ms: Option<f64>,
    /// Crashes declared dead.
    pub detections: u64,
    /// False positives for the cluster: episodes in which at least one observer declared a running
    /// node dead (what the plot shows, so topologies with one observer and with N compare).
    pub false_positives: u64,
    /// Those per hour of virtual time.
    pub false_positives_per_hour: f64,
    /// False positives counted per observer (each observer's episodes), for the CSV.
    pub observer_false_positives: u64,
}

/// SWIM's settings in `config`, or memberlist's LAN ones for a heartbeat topology (what a SWIM
/// knob switches it to).
fn swim_of(config: &Config) -> SwimSettings {
    match config.topology {
        Topology::Swim(s) => s,
        _ => SwimSettings::LAN,
    }
}

/// The period faults are scaled to: the heartbeat interval, or SWIM's protocol period.
fn period_ms(config: &Config) -> u64 {
    match config.topology {
        Topology::Swim(s) => s.probe_interval_ms,
        _ => config.interval_ms,
    }
}

/// The workload's time unit in heartbeat intervals' stead: the interval, or the slowest network
/// delay when that is longer, so a crash can always be declared within the window it happens in.
/// With SWIM, four protocol periods: a crash is declared one period and one suspicion timeout
/// after it happens, and with Lifeguard and the largest multiplier of the range
/// ([`MAX_SUSPICION_MULT`]) that timeout starts at 48 periods in a cluster of up to 10 (in larger
/// ones the confirmations of many members shorten it), so a crash must last longer (15 units: 60
/// periods).
pub fn unit_ms(config: &Config) -> u64 {
    let unit = match config.topology {
        Topology::Swim(s) => s.probe_interval_ms.saturating_mul(4),
        _ => config.interval_ms,
    };
    unit.max(config.network.max_delay_ms()).max(1)
}

/// The largest suspicion multiplier of the default range.
pub const MAX_SUSPICION_MULT: u32 = 8;

/// A crashed node restarts this many units (see [`unit_ms`]) after its crash. The default range of
/// timeouts stops at [`MAX_TIMEOUT_UNITS`], and a declaration comes at most one timeout plus one
/// network delay after the crash, so every crash is declared before its node comes back, with
/// margin; and the restart still falls inside the crash's window (crashes happen in the first
/// quarter of a 20-unit window).
pub const RESTART_UNITS: u64 = 15;

/// The largest timeout of the default range, in units (see [`unit_ms`]).
pub const MAX_TIMEOUT_UNITS: u64 = 10;

/// When a crashed node restarts, in ms after its crash. A point whose timeout is not well below
/// this (a value above the default range) may see nodes restart before they are declared dead.
pub fn restart_after_ms(config: &Config) -> u64 {
    unit_ms(config) * RESTART_UNITS
}

/// The faults every run gets, scaled to the heartbeat interval: in each window of 20 intervals
/// one node crashes (and restarts 15 intervals later, after any timeout of the default range has
/// passed) and three nodes pause for ¾ to 3 intervals, like garbage-collection pauses. With a
/// network slower than the interval, windows and restarts scale with the slowest delay instead
/// (see [`unit_ms`]). The same seed gives the same faults for every point.
pub fn workload(config: &Config, virtual_ms: u64, seed: u64) -> Vec<TimedCommand> {
    let mut rng = SimRng::new(seed);
    let interval = period_ms(config).max(1);
    let window = unit_ms(config) * 20;
    let n = config.nodes as u64;
    let mut out = Vec::new();
    let mut start = window / 2;
    while start + window <= virtual_ms {
        for _ in 0..3 {
            let node = NodeId(rng.between(1, n) as u32);
            let at = start + rng.below(window / 2);
            let ms = rng.between(interval * 3 / 4, interval * 3);
            out.push(TimedCommand {
                at_ms: at,
                command: Command::Pause { node, ms },
            });
        }
        let victim = NodeId(rng.between(1, n) as u32);
        let crash_at = start + rng.below(window / 4);
        out.push(TimedCommand {
            at_ms: crash_at,
            command: Command::Crash { node: victim },
        });
        out.push(TimedCommand {
            at_ms: crash_at + restart_after_ms(config),
            command: Command::Restart { node: victim },
        });
        start += window;
    }
    crate::sim::sort::by_key(&mut out, |c| u128::from(c.at_ms));
    out
}

/// The settings of one point: `base` with the knob set to `value` (the suspect threshold keeps its
/// share of the timeout), one detector only, and no client requests (they do not affect detection).
pub fn config_for(base: &Config, knob: Knob, value: f64) -> Config {
    let mut c = base.clone();
    c.requests_per_sec = 0;
    match knob {
        Knob::Timeout => {
            let old = c.detection.fixed;
            let timeout = value.round().max(1.0) as u64;
            let share = old.suspect_after_ms as f64 / old.timeout_ms.max(1) as f64;
            c.detection.choice = DetectorChoice::Fixed;
            c.detection.fixed.timeout_ms = timeout;
            c.detection.fixed.suspect_after_ms =
                ((timeout as f64 * share).round() as u64).clamp(1, timeout);
        }
        Knob::PhiThreshold => {
            c.detection.choice = DetectorChoice::Phi;
            c.detection.phi.dead_phi = value;
            c.detection.phi.suspect_phi = c.detection.phi.suspect_phi.min(value);
        }
        Knob::ProbeTimeout | Knob::SuspicionMult => {
            let mut s = swim_of(&c);
            if knob == Knob::ProbeTimeout {
                // Always shorter than the period, as the settings require.
                let longest = s.probe_interval_ms.saturating_sub(1).max(1);
                s.probe_timeout_ms = (value.round().max(1.0) as u64).min(longest);
            } else {
                s.suspicion_mult = value.round().max(1.0) as u32;
            }
            c.switch_topology(Topology::Swim(s));
        }
    }
    c
}

/// Runs one point: a fresh world with the point's settings, the workload applied, `virtual_ms` of
/// virtual time. Invalid settings come back as an error.
pub fn run_point(
    base: &Config,
    knob: Knob,
    value: f64,
    faults: &[TimedCommand],
    virtual_ms: u64,
) -> Result<Point, crate::sim::ConfigError> {
    let mut run = PointRun::new(base, knob, value, faults, virtual_ms)?;
    run.advance(virtual_ms);
    Ok(run.point())
}

/// One point on its way, run a slice of virtual time at a time so that a page can yield between
/// slices (a point of a large cluster takes seconds). The result is the same as [`run_point`]'s.
pub struct PointRun {
    world: World,
    replayer: Replayer,
    knob: Knob,
    value: f64,
    virtual_ms: u64,
}

impl PointRun {
    /// A fresh world for the point, at time 0.
    pub fn new(
        base: &Config,
        knob: Knob,
        value: f64,
        faults: &[TimedCommand],
        virtual_ms: u64,
    ) -> Result<PointRun, crate::sim::ConfigError> {
        let mut world = World::new(config_for(base, knob, value))?;
        world.set_trace_capacity(0);
        Ok(PointRun {
            world,
            replayer: Replayer::new(faults.to_vec()),
            knob,
            value,
            virtual_ms,
        })
    }

    /// Runs up to `slice_ms` more of virtual time; returns whether the point is finished.
    pub fn advance(&mut self, slice_ms: u64) -> bool {
        let target = self
            .world
            .now()
            .plus(slice_ms)
            .min(SimTime(self.virtual_ms));
        self.replayer.run_until(&mut self.world, target);
        self.done()
    }

    /// Whether the whole virtual time has been run.
    pub fn done(&self) -> bool {
        self.world.now() >= SimTime(self.virtual_ms)
    }

    /// How much of the point's virtual time has been run, from 0 to 1.
    pub fn progress(&self) -> f64 {
        (self.world.now().ms() as f64 / self.virtual_ms.max(1) as f64).min(1.0)
    }

    /// The point as measured so far (the final one once [`PointRun::done`]).
    pub fn point(&self) -> Point {
        let kind = self.knob.detector();
        let metrics = self.world.metrics();
        let m = metrics.detector(kind);
        Point {
            knob: self.knob,
            value: self.value,
            mean_latency_ms: m.mean_latency_ms(),
            detections: m.detections,
            false_positives: m.cluster_false_positives,
            false_positives_per_hour: metrics.false_positives_per_hour(kind, self.world.now()),
            observer_false_positives: m.false_positives,
        }
    }
}

/// `count` values spread evenly over a sensible range: timeouts from just over one interval (plus
/// the slowest network delay) to [`MAX_TIMEOUT_UNITS`] intervals (or twice the lowest, if that is
/// more), which stays well below [`restart_after_ms`]; φ thresholds from 1 to 16; SWIM's probe
/// timeout from a tenth of the protocol period to nine tenths (it must be shorter than the
/// period); the suspicion multiplier from 1 to [`MAX_SUSPICION_MULT`], whole numbers only.
pub fn default_values(base: &Config, knob: Knob, count: usize) -> Vec<f64> {
    let count = count.clamp(2, 200);
    if knob == Knob::SuspicionMult {
        return (1..=MAX_SUSPICION_MULT).map(f64::from).collect();
    }
    let (lo, hi) = match knob {
        Knob::Timeout => {
            let lo = (base.interval_ms + base.network.max_delay_ms()) as f64 * 1.1;
            (
                lo,
                (base.interval_ms as f64 * MAX_TIMEOUT_UNITS as f64).max(lo * 2.0),
            )
        }
        Knob::PhiThreshold => (1.0, 16.0),
        Knob::ProbeTimeout | Knob::SuspicionMult => {
            let period = period_ms(base) as f64;
            (period * 0.1, period * 0.9)
        }
    };
    (0..count)
        .map(|i| lo + (hi - lo) * i as f64 / (count - 1) as f64)
        .collect()
}

/// The values to run for `knob`: `count` of the default range, plus the setting in force
/// (`current`) when it can be plotted, sorted. A timeout as long as a crash lasts in these runs
/// would see nodes come back before it fires: such a point says nothing, so it is left out (the
/// second value says whether it was included). A declaration comes up to one interval and one
/// network delay after the timeout.
pub fn values_with_current(
    config: &Config,
    knob: Knob,
    count: usize,
    current: f64,
) -> (Vec<f64>, bool) {
    let mut values = default_values(config, knob, count);
    let margin = config.interval_ms + config.network.max_delay_ms();
    let plotted = match knob {
        Knob::Timeout => current + (margin as f64) < restart_after_ms(config) as f64,
        Knob::SuspicionMult => current <= f64::from(MAX_SUSPICION_MULT),
        Knob::PhiThreshold | Knob::ProbeTimeout => true,
    };
    if plotted && !values.iter().any(|v| (v - current).abs() < 1e-9) {
        values.push(current);
        crate::sim::sort::by_key(&mut values, |&x| crate::sim::sort::float_key(x));
    }
    (values, plotted)
}

/// The points as CSV, with a header line.
pub fn to_csv(points: &[Point]) -> String {
    let mut out = String::from(
        "knob,value,mean_detection_latency_ms,detections,cluster_false_positives,cluster_false_positives_per_hour,observer_false_positives\n",
    );
    for p in points {
        out.push_str(&format!(
            "{},{},{},{},{},{:.3},{}\n",
            p.knob.label(),
            p.value,
            p.mean_latency_ms
                .map_or(String::new(), |l| format!("{l:.1}")),
            p.detections,
            p.false_positives,
            p.false_positives_per_hour,
            p.observer_false_positives
        ));
    }
    out
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The plot as a standalone SVG document: mean detection latency (x) against false positives per
/// hour (y), one labelled point per setting, the `current` setting ringed. Colours are explicit,
/// so the file looks the same outside the page.
pub fn svg(points: &[Point], current: Option<f64>) -> String {
    let (w, h, left, right, top, bottom) = (640.0, 400.0, 64.0, 20.0, 20.0, 48.0);
    let xs: Vec<f64> = points
        .iter()
        .filter_map(|p| p.mean_latency_ms)
        .map(|l| l / 1000.0)
        .collect();
    let x_max = xs.iter().copied().fold(0.0_f64, f64::max).max(1.0) * 1.08;
    let y_max = points
        .iter()
        .map(|p| p.false_positives_per_hour)
        .fold(0.0_f64, f64::max)
        .max(1.0)
        * 1.1;
    let x = |v: f64| left + v / x_max * (w - left - right);
    let y = |v: f64| h - bottom - v / y_max * (h - top - bottom);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" \
         aria-label=\"Mean detection latency against false positives per hour, one point per setting\">\n\
         <rect width=\"{w}\" height=\"{h}\" fill=\"#ffffff\"/>\n"
    );
    for i in 0..=5 {
        let (vx, vy) = (x_max * i as f64 / 5.0, y_max * i as f64 / 5.0);
        out.push_str(&format!(
            "<line x1=\"{:.1}\" y1=\"{top}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#d5dbe3\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#59626e\">{vx:.1}</text>\n",
            x(vx), x(vx), h - bottom, x(vx), h - bottom + 16.0
        ));
        out.push_str(&format!(
            "<line x1=\"{left}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#d5dbe3\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#59626e\">{vy:.1}</text>\n",
            y(vy), w - right, y(vy), left - 6.0, y(vy) + 4.0
        ));
    }
    out.push_str(&format!(
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#1b1f24\">mean detection latency (s)</text>\n\
         <text transform=\"translate(16 {:.1}) rotate(-90)\" text-anchor=\"middle\" fill=\"#1b1f24\">false positives per hour (cluster)</text>\n",
        (left + w - right) / 2.0,
        h - 10.0,
        (top + h - bottom) / 2.0
    ));
    let mut line = String::new();
    for p in points {
        let Some(l) = p.mean_latency_ms else { continue };
        let (px, py) = (x(l / 1000.0), y(p.false_positives_per_hour));
        line.push_str(&format!("{px:.1},{py:.1} "));
    }
    out.push_str(&format!(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#8a939e\" stroke-width=\"1\"/>\n",
        line.trim()
    ));
    for p in points {
        let Some(l) = p.mean_latency_ms else { continue };
        let (px, py) = (x(l / 1000.0), y(p.false_positives_per_hour));
        let label = esc(&format!(
            "{}: mean latency {:.2} s, {:.1} false positives per hour",
            p.knob.format(p.value),
            l / 1000.0,
            p.false_positives_per_hour
        ));
        let is_current =
            current.is_some_and(|c| (c - p.value).abs() <= f64::EPSILON.max(c.abs() * 1e-9));
        out.push_str(&format!(
            "<circle class=\"point\" cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"4\" fill=\"#1f5fbf\"><title>{label}</title></circle>\n"
        ));
        if is_current {
            out.push_str(&format!(
                "<circle class=\"current\" cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"9\" fill=\"none\" stroke=\"#c0262d\" stroke-width=\"2.5\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" fill=\"#c0262d\">current ({})</text>\n",
                px + 12.0,
                py - 8.0,
                esc(&p.knob.format(p.value))
            ));
        }
    }
    out.push_str("</svg>\n");
    out
}
