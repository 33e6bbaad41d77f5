//! # mmml: multimodal machine learning, live
//!
//! The maths behind a set of browser demos that teach the six core challenges
//! of multimodal machine learning: representation, alignment, reasoning,
//! generation, transference and quantification.
//!
//! Each challenge is a module named for it, and each model or measure a file
//! named for it. The maths is plain Rust that builds and tests natively; the
//! browser glue lives in [`web`] alone, and nothing outside it imports it.
//!
//! Challenges implemented so far:
//!
//! - [`quantification`]: partial information decomposition (PID) of what two
//!   modalities say about a target, by the exact BROJA convex program and by
//!   the Williams-Beer and minimum-mutual-information measures.

pub mod data;
pub mod error;
pub mod quantification;
pub mod representation;
pub mod url_state;
pub mod web;

pub use error::Error;
