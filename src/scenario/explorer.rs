//! The timeout trade-off explorer: the same settings and the same faults, run once per timeout
//! (or phi threshold), each point measuring mean detection latency against false positives per
//! hour. The page runs one point per slice; the numbers are those of plain core runs.

use serde::{Deserialize, Serialize};

use super::model::TimedCommand;
use super::replay::Replayer;
use crate::sim::rng::SimRng;
use crate::sim::{Command, Config, DetectorChoice, DetectorKind, NodeId, SimTime, World};

/// What the explorer varies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Knob {
    /// The fixed timeout, in ms.
    Timeout,
    /// Phi accrual's dead threshold, φ.
    PhiThreshold,
}

impl Knob {
    /// The axis label.
    pub fn label(self) -> &'static str {
        match self {
            Knob::Timeout => "timeout",
            Knob::PhiThreshold => "φ threshold",
        }
    }

    /// A value as the page shows it ("2.5 s", "φ 8").
    pub fn format(self, value: f64) -> String {
        match self {
            Knob::Timeout => format!("{:.1} s", value / 1000.0),
            Knob::PhiThreshold => format!("φ {value:.1}"),
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
    /// Running nodes declared dead.
    pub false_positives: u64,
    /// False positives per hour of virtual time.
    pub false_positives_per_hour: f64,
}

/// The faults every run gets, scaled to the heartbeat interval: in each window of 20 intervals
/// one node crashes (and restarts 12 intervals later) and three nodes pause for ¾ to 3 intervals,
/// like garbage-collection pauses. The same seed gives the same faults for every point.
pub fn workload(config: &Config, virtual_ms: u64, seed: u64) -> Vec<TimedCommand> {
    let mut rng = SimRng::new(seed);
    let interval = config.interval_ms.max(1);
    let window = interval * 20;
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
            at_ms: crash_at + interval * 12,
            command: Command::Restart { node: victim },
        });
        start += window;
    }
    out.sort_by_key(|c| c.at_ms);
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
    let config = config_for(base, knob, value);
    let mut world = World::new(config)?;
    world.set_trace_capacity(0);
    let mut replayer = Replayer::new(faults.to_vec());
    replayer.run_until(&mut world, SimTime(virtual_ms));
    let kind = match knob {
        Knob::Timeout => DetectorKind::Fixed,
        Knob::PhiThreshold => DetectorKind::Phi,
    };
    let m = world.metrics().detector(kind);
    Ok(Point {
        knob,
        value,
        mean_latency_ms: m.mean_latency_ms(),
        detections: m.detections,
        false_positives: m.false_positives,
        false_positives_per_hour: world.metrics().false_positives_per_hour(kind, world.now()),
    })
}

/// `count` values spread evenly over a sensible range: timeouts from just over one interval (plus
/// the slowest network delay) to 12 intervals; φ thresholds from 1 to 16.
pub fn default_values(base: &Config, knob: Knob, count: usize) -> Vec<f64> {
    let count = count.clamp(2, 200);
    let (lo, hi) = match knob {
        Knob::Timeout => {
            let lo = (base.interval_ms + base.network.max_delay_ms()) as f64 * 1.1;
            (lo, (base.interval_ms as f64 * 12.0).max(lo * 2.0))
        }
        Knob::PhiThreshold => (1.0, 16.0),
    };
    (0..count)
        .map(|i| lo + (hi - lo) * i as f64 / (count - 1) as f64)
        .collect()
}

/// The points as CSV, with a header line.
pub fn to_csv(points: &[Point]) -> String {
    let mut out = String::from(
        "knob,value,mean_detection_latency_ms,detections,false_positives,false_positives_per_hour\n",
    );
    for p in points {
        out.push_str(&format!(
            "{},{},{},{},{},{:.3}\n",
            p.knob.label(),
            p.value,
            p.mean_latency_ms
                .map_or(String::new(), |l| format!("{l:.1}")),
            p.detections,
            p.false_positives,
            p.false_positives_per_hour
        ));
    }
    out
}
