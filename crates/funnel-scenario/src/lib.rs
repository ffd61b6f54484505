//! The Funnel Lab scenario: everything a run needs, as versioned JSON, and its validation.
//! `funnel-sim` re-exports both modules (`funnel_sim::scenario`, `funnel_sim::json`).
//!
//! A crate of its own for the wasm build's sake: the engine crate is optimised for speed
//! (opt-level 3), while this serde-heavy code stays optimised for size like the rest of the app
//! (see the release profile in the workspace's Cargo.toml and docs/architecture.md, "Size").
//!
//! * [`scenario`]: the scenario types, `from_json` / `to_json` and `validate`.
//! * [`json`]: pretty-printing without serde_json's `PrettyFormatter`.

pub mod json;
pub mod scenario;
