//! What the page shows about each node, read from the world through the chosen observer's view.

use crate::sim::{Belief, NodeId, Truth, World};

/// One node as the page draws it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeView {
    /// The node.
    pub id: NodeId,
    /// What the deciding detector of the observer believes (the observer itself is always alive).
    pub belief: Belief,
    /// What phi accrual believes, when it runs beside the fixed timeout.
    pub second: Option<Belief>,
    /// The ground truth.
    pub truth: Truth,
    /// Whether it is a leader.
    pub leader: bool,
    /// Whether this node is the observer whose view is shown.
    pub is_observer: bool,
    /// Its partition group (0 is the side of the monitor and the client).
    pub group: u16,
}

impl NodeView {
    /// Reads node `id` as `observer` sees it.
    pub fn read(world: &World, observer: NodeId, id: NodeId) -> NodeView {
        let view = world.observer(observer);
        let belief = view.map_or(Belief::Alive, |v| v.belief(0, id));
        let second = view
            .filter(|v| v.detectors().len() > 1)
            .map(|v| v.belief(1, id));
        NodeView {
            id,
            belief,
            second,
            truth: world.truth(id),
            leader: world.is_leader(id),
            is_observer: id == observer,
            group: world.network().group_of(id),
        }
    }

    /// Every node of the world.
    pub fn all(world: &World, observer: NodeId) -> Vec<NodeView> {
        (1..=world.config().nodes)
            .map(|i| NodeView::read(world, observer, NodeId(i)))
            .collect()
    }

    /// The accessible name, such as "Node 3: alive (truth: crashed)".
    pub fn name(&self, show_truth: bool) -> String {
        let mut name = if self.is_observer {
            format!("Node {}: this view's own node", self.id.0)
        } else {
            format!("Node {}: {}", self.id.0, self.belief.label())
        };
        if let Some(b) = self.second {
            name.push_str(&format!(", phi accrual: {}", b.label()));
        }
        if show_truth {
            name.push_str(&format!(" (truth: {})", self.truth.label()));
        }
        if self.leader {
            name.push_str(", leader");
        }
        name
    }

    /// The CSS class for the belief colour.
    pub fn belief_class(&self) -> &'static str {
        belief_class(self.belief)
    }
}

/// The CSS class for a belief.
pub fn belief_class(b: Belief) -> &'static str {
    match b {
        Belief::Alive => "belief-alive",
        Belief::Suspected => "belief-suspected",
        Belief::Dead => "belief-dead",
    }
}

/// The CSS class for what is really true.
pub fn truth_class(t: &Truth) -> &'static str {
    if t.crashed {
        "truth-crashed"
    } else if t.paused || t.slow_percent.is_some() {
        "truth-slow"
    } else if t.overloaded {
        "truth-overloaded"
    } else if t.cut_off {
        "truth-partitioned"
    } else {
        "truth-up"
    }
}

/// A one-character mark for the truth, drawn inside small nodes: ✕ crashed, ‖ paused, ≈ slow,
/// ! overloaded, ⌁ cut off.
pub fn truth_mark(t: &Truth) -> &'static str {
    if t.crashed {
        "✕"
    } else if t.paused {
        "‖"
    } else if t.slow_percent.is_some() {
        "≈"
    } else if t.overloaded {
        "!"
    } else if t.cut_off {
        "⌁"
    } else {
        ""
    }
}

/// Where node `i` (1-based) of `n` sits on a circle of radius `r` around (`cx`, `cy`), from the top, clockwise.
pub fn position(i: u32, n: u32, cx: f64, cy: f64, r: f64) -> (f64, f64) {
    let angle =
        -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * (i - 1) as f64 / n.max(1) as f64;
    // The browser's own sine and cosine: Rust's would bring 5 KB of argument reduction for angles the
    // page never draws.
    (
        cx + r * js_sys::Math::cos(angle),
        cy + r * js_sys::Math::sin(angle),
    )
}
