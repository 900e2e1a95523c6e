//! The cluster drawing: nodes on a circle (the monitor in the middle in central topologies),
//! heartbeats as dots travelling along their links, dropped messages fading out, partitions as
//! coloured rings. Small clusters are SVG (every node focusable); large ones are drawn on a canvas.

mod canvas;
mod shared;
mod stamps;
mod svg;

use yew::prelude::*;

use canvas::ClusterCanvas;
pub use shared::svg_message;

use super::state::HeartbeatsState;
use svg::ClusterSvg;

/// Clusters larger than this are drawn on a canvas.
pub const SVG_MAX_NODES: u32 = 60;

/// The cluster, drawn as SVG or on a canvas by its size. A plain function: a component of its own
/// would cost the module a copy of Yew's lifecycle for one `if`.
pub fn cluster_view(state: &UseReducerHandle<HeartbeatsState>) -> Html {
    if state.world().config().nodes <= SVG_MAX_NODES {
        html! { <ClusterSvg state={state.clone()} /> }
    } else {
        html! { <ClusterCanvas state={state.clone()} /> }
    }
}
