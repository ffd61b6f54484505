//! Funnel Lab: Monte Carlo simulation of sales funnels and flywheels.
//!
//! * [`sim`] is the model and the Monte Carlo engine: pure Rust, no web imports, tested natively.
//! * [`share`] packs a scenario into a share link and back; [`export`] writes results as CSV and
//!   JSON. Both are pure Rust, tested natively.
//! * [`ui`] holds the Yew function components of the single-page app.

pub use funnel_sim as sim;
pub mod export;
pub mod share;
pub mod ui;
