//! Fusion: two modalities in, one representation and one prediction out.
//!
//! Every model here maps a pair (x_A, x_B) to class logits z, and differs
//! only in how the modalities meet:
//!
//! ```text
//! additive        z = W_A e_A + W_B e_B                      (late fusion)
//! early           z = f([x_A; x_B]), f an MLP
//! multiplicative  z = W (e_A * e_B)                          (element-wise)
//! bilinear        z_c = e_A^T W_c e_B
//! tensor          z = W vec([e_A; 1] (outer) [e_B; 1])
//! low-rank        tensor fusion with W_c = sum_r a_rc (outer) b_rc
//! gated           z = W (g_A * e_A + g_B * e_B), gates from both modalities
//! ```
//!
//! where e_A and e_B come from one-layer unimodal [`Encoder`]s of a chosen
//! width. Which interactions each can represent, and at what parameter
//! count, is the lesson of the fusion lab.

mod additive;
mod bilinear;
mod early;
mod encoder;
mod gated;
mod low_rank;
mod multiplicative;
mod tensor;

use std::fmt;
use std::str::FromStr;

use burn::prelude::*;
use serde::{Deserialize, Serialize};

pub use additive::AdditiveFusion;
pub use bilinear::BilinearFusion;
pub use early::EarlyFusion;
pub use encoder::{Encoder, with_one};
pub use gated::GatedFusion;
pub use low_rank::LowRankFusion;
pub use multiplicative::MultiplicativeFusion;
pub use tensor::{TensorFusion, outer_product};

use crate::Error;

/// The ways of combining two modalities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FusionKind {
    Additive,
    Early,
    Multiplicative,
    Bilinear,
    Tensor,
    LowRank,
    Gated,
}

impl FusionKind {
    /// Every fusion, in the order the lab lists them.
    pub const ALL: [FusionKind; 7] = [
        FusionKind::Additive,
        FusionKind::Early,
        FusionKind::Multiplicative,
        FusionKind::Bilinear,
        FusionKind::Tensor,
        FusionKind::LowRank,
        FusionKind::Gated,
    ];

    /// The short name used in URLs and in JavaScript.
    pub fn name(self) -> &'static str {
        match self {
            FusionKind::Additive => "additive",
            FusionKind::Early => "early",
            FusionKind::Multiplicative => "multiplicative",
            FusionKind::Bilinear => "bilinear",
            FusionKind::Tensor => "tensor",
            FusionKind::LowRank => "low-rank",
            FusionKind::Gated => "gated",
        }
    }
}

impl fmt::Display for FusionKind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.name())
    }
}

impl FromStr for FusionKind {
    type Err = Error;

    fn from_str(name: &str) -> Result<Self, Error> {
        FusionKind::ALL
            .into_iter()
            .find(|kind| kind.name() == name)
            .ok_or_else(|| {
                Error::Invalid(format!(
                    "unknown fusion {name:?}: choose additive, early, multiplicative, bilinear, tensor, low-rank or gated"
                ))
            })
    }
}

/// The shape of a fusion model.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FusionConfig {
    pub kind: FusionKind,
    /// Dimensions of modality A and modality B.
    pub dims: [usize; 2],
    /// Width of each unimodal encoder (and of the early-fusion MLP).
    pub width: usize,
    /// Rank of the low-rank factors (used by low-rank fusion only).
    pub rank: usize,
    pub classes: usize,
}

impl FusionConfig {
    /// The widths the lab accepts.
    pub const WIDTH: (usize, usize) = (1, 64);
    /// The largest rank: the rank of a full (width + 1) x (width + 1) weight.
    pub fn max_rank(&self) -> usize {
        self.width + 1
    }

    /// Refuses shapes outside the supported ranges, naming the valid range.
    pub fn validate(&self) -> Result<(), Error> {
        let (narrowest, widest) = Self::WIDTH;
        if !(narrowest..=widest).contains(&self.width) {
            return Err(Error::Invalid(format!(
                "hidden width {}: choose between {narrowest} and {widest}",
                self.width
            )));
        }
        if self.kind == FusionKind::LowRank && !(1..=self.max_rank()).contains(&self.rank) {
            return Err(Error::Invalid(format!(
                "rank {}: choose between 1 and {} (width + 1) for width {}",
                self.rank,
                self.max_rank(),
                self.width
            )));
        }
        if self.dims.contains(&0) || self.classes < 2 {
            return Err(Error::Invalid(format!(
                "a fusion needs at least one feature per modality and two classes, not {:?} and {}",
                self.dims, self.classes
            )));
        }
        Ok(())
    }

    /// A fresh model with random weights (drawn from the device's generator).
    pub fn init(&self, device: &Device) -> Result<Fusion, Error> {
        self.validate()?;
        let FusionConfig {
            dims,
            width,
            rank,
            classes,
            ..
        } = *self;
        Ok(match self.kind {
            FusionKind::Additive => {
                Fusion::Additive(AdditiveFusion::new(dims, width, classes, device))
            }
            FusionKind::Early => Fusion::Early(EarlyFusion::new(dims, width, classes, device)),
            FusionKind::Multiplicative => {
                Fusion::Multiplicative(MultiplicativeFusion::new(dims, width, classes, device))
            }
            FusionKind::Bilinear => {
                Fusion::Bilinear(BilinearFusion::new(dims, width, classes, device))
            }
            FusionKind::Tensor => Fusion::Tensor(TensorFusion::new(dims, width, classes, device)),
            FusionKind::LowRank => {
                Fusion::LowRank(LowRankFusion::new(dims, width, rank, classes, device))
            }
            FusionKind::Gated => Fusion::Gated(GatedFusion::new(dims, width, classes, device)),
        })
    }
}

/// Any of the fusion models, so the lab can train whichever is chosen.
#[derive(Module, Debug)]
pub enum Fusion {
    Additive(AdditiveFusion),
    Early(EarlyFusion),
    Multiplicative(MultiplicativeFusion),
    Bilinear(BilinearFusion),
    Tensor(TensorFusion),
    LowRank(LowRankFusion),
    Gated(GatedFusion),
}

impl Fusion {
    /// Class logits for a batch of pairs.
    ///
    /// # Shapes
    /// - `x_a`: `[batch, dim_a]`, `x_b`: `[batch, dim_b]`
    /// - output: `[batch, classes]`
    pub fn forward(&self, x_a: Tensor<2>, x_b: Tensor<2>) -> Tensor<2> {
        match self {
            Fusion::Additive(model) => model.forward(x_a, x_b),
            Fusion::Early(model) => model.forward(x_a, x_b),
            Fusion::Multiplicative(model) => model.forward(x_a, x_b),
            Fusion::Bilinear(model) => model.forward(x_a, x_b),
            Fusion::Tensor(model) => model.forward(x_a, x_b),
            Fusion::LowRank(model) => model.forward(x_a, x_b),
            Fusion::Gated(model) => model.forward(x_a, x_b),
        }
    }
}
