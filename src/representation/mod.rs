//! Challenge 1, representation: learning representations that reflect
//! cross-modal interactions.
//!
//! - [`coordination`]: one representation per modality, coordinated by
//!   similarity, CCA or a contrastive loss; and fission.
//! - [`datasets`]: seeded two-modality data whose label is planted by a
//!   chosen interaction (additive, unimodal, redundant, synergy), and the
//!   digits split into halves.
//! - [`tabular`]: a student's own CSV table, its columns assigned to the
//!   modalities and the target, standardised.
//! - [`fusion`]: seven ways of fusing two modalities, each a burn module.
//! - [`train`]: the step-by-step training loop the page drives.
//! - [`emap`]: the additive projection that measures how much a trained
//!   model relies on cross-modal interactions.
//! - [`probe`]: a trained model's function over the plane, and its EMAP
//!   accuracy.

pub mod coordination;
pub mod datasets;
pub mod emap;
pub mod fusion;
pub mod probe;
pub mod tabular;
pub mod train;
