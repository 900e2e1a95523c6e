//! Shapes the canvas draws by hand rather than as text or with the browser's dashing, which are
//! slow on a software canvas: the leader's star, and a suspected node's dashed outline stamped
//! from a small canvas of its own.

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A suspected node's dashed outline, drawn once into a small canvas of its own and stamped on
/// each suspected node: dashing hundreds of circles took the software canvas here about 20 ms a
/// frame, stamping them under 1 ms.
pub(super) struct RingStamp {
    radius: f64,
    canvas: HtmlCanvasElement,
}

impl RingStamp {
    /// The stamp for outlines of `radius` in `colour` (the one kept if it fits).
    pub(super) fn get<'a>(
        kept: &'a mut Option<RingStamp>,
        radius: f64,
        colour: &str,
    ) -> Option<&'a HtmlCanvasElement> {
        if kept.as_ref().is_none_or(|k| k.radius != radius) {
            *kept = RingStamp::make(radius, colour);
        }
        kept.as_ref().map(|k| &k.canvas)
    }

    fn make(radius: f64, colour: &str) -> Option<RingStamp> {
        let canvas: HtmlCanvasElement = web_sys::window()?
            .document()?
            .create_element("canvas")
            .ok()?
            .dyn_into()
            .ok()?;
        let side = (2.0 * radius + 4.0).ceil();
        canvas.set_width(side as u32);
        canvas.set_height(side as u32);
        let ctx = canvas
            .get_context("2d")
            .ok()
            .flatten()?
            .dyn_into::<CanvasRenderingContext2d>()
            .ok()?;
        ctx.set_stroke_style_str(colour);
        ctx.set_line_width(1.5);
        let _ = ctx.set_line_dash(&dash(&[2.5, 2.0]));
        ctx.begin_path();
        let _ = ctx.arc(side / 2.0, side / 2.0, radius, 0.0, std::f64::consts::TAU);
        ctx.stroke();
        Some(RingStamp { radius, canvas })
    }
}

/// Adds a five-pointed star of outer radius `r` centred on (`x`, `y`) to the current path.
pub(super) fn star(ctx: &CanvasRenderingContext2d, x: f64, y: f64, r: f64) {
    for k in 0..10 {
        let radius = if k % 2 == 0 { r } else { r * 0.4 };
        let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::PI * k as f64 / 5.0;
        let (px, py) = (
            x + radius * js_sys::Math::cos(angle),
            y + radius * js_sys::Math::sin(angle),
        );
        if k == 0 {
            ctx.move_to(px, py);
        } else {
            ctx.line_to(px, py);
        }
    }
    ctx.close_path();
}

/// A dash pattern for `set_line_dash`.
pub(super) fn dash(pattern: &[f64]) -> wasm_bindgen::JsValue {
    pattern
        .iter()
        .map(|&d| wasm_bindgen::JsValue::from_f64(d))
        .collect::<js_sys::Array>()
        .into()
}
