//! Challenge 6, quantification: measuring what kind of information two
//! modalities carry about a target.
//!
//! - [`table`]: the joint distribution p(x1, x2, y), validated.
//! - [`information`]: entropies and mutual information, in bits.
//! - [`pid`]: partial information decomposition into R, U1, U2 and S, by
//!   - [`broja`]: the exact convex program of Bertschinger et al.,
//!   - [`williams_beer`]: Williams and Beer's I_min,
//!   - [`mmi`]: the minimum mutual information.
//! - [`empirical`]: the table of samples a student brings as CSV.
//! - [`presets`]: the classic gates (XOR, AND, COPY, ...) and seeded random tables.

pub mod broja;
pub mod empirical;
pub mod information;
pub mod mmi;
pub mod pid;
pub mod presets;
pub mod table;
pub mod williams_beer;

pub use pid::{Atoms, Decomposition, Measure, decompose};
pub use presets::Preset;
pub use table::JointTable;
