//! The cluster drawing: nodes on a circle (the monitor in the middle in central topologies),
//! heartbeats as dots travelling along their links, dropped messages fading out, partitions as
//! coloured rings. Small clusters are SVG (every node focusable); large ones are drawn on a canvas.

mod canvas;
mod shared;
mod stamps;
mod svg;

use yew::prelude::*;

use canvas::ClusterCanvas;
pub use shared::{ClusterProps, svg_message};
use svg::ClusterSvg;

/// Clusters larger than this are drawn on a canvas.
pub const SVG_MAX_NODES: u32 = 60;

/// Chooses SVG or canvas by cluster size.
#[function_component(ClusterView)]
pub fn cluster_view(props: &ClusterProps) -> Html {
    let n = props.state.world().config().nodes;
    if n <= SVG_MAX_NODES {
        html! { <ClusterSvg state={props.state.clone()} /> }
    } else {
        html! { <ClusterCanvas state={props.state.clone()} /> }
    }
}
