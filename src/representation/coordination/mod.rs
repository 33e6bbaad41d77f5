//! Coordination: one representation per modality, brought to agree by a
//! coordination function g(z_A, z_B), and fission, which splits each
//! modality into what it shares with the other and what is its own.
//!
//! - [`paired`]: seeded paired samples of two modalities that see a shared
//!   latent through their own nonlinear maps, and the digits halves.
//! - [`similarity`]: cosine similarity and the kernels (linear, polynomial,
//!   exponential, RBF), as the N x N matrix between two modalities.
//! - [`cca`]: linear canonical correlation analysis in closed form, with a
//!   ridge.
//! - [`kernel_cca`]: its nonlinear counterpart with RBF kernels.
//! - [`contrastive`]: the max-margin, InfoNCE and symmetric CLIP losses.
//! - [`train`]: two encoders trained live with one of those losses, and the
//!   measures of what they learned (recall@1, alignment, uniformity).
//! - [`fission`]: the variance of a modality explained by a shared subspace,
//!   and the remainder that is specific to it.

pub mod cca;
pub mod contrastive;
pub mod fission;
pub mod kernel_cca;
pub mod paired;
pub mod similarity;
pub mod train;
