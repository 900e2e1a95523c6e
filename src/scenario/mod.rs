//! Scenarios and lessons, pure: what the page shows (the route in the URL fragment), the settings,
//! seed and fault schedule that reproduce a run, and the lessons built from them.

pub mod route;

pub use route::{Route, Tab};
