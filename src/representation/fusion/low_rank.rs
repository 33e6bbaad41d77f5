//! Low-rank fusion: tensor fusion whose weight is a sum of rank-1 factors.

use burn::module::{Initializer, Param};
use burn::prelude::*;

use super::{Encoder, with_one};

/// Liu et al., "Efficient Low-rank Multimodal Fusion with Modality-Specific
/// Factors" (ACL 2018, <https://arxiv.org/abs/1806.00064>). The tensor fusion
/// weight of class c is constrained to rank `rank`,
///
/// ```text
/// W_c = sum_r a_rc (outer) b_rc,   so   z_c = sum_r (a_rc . [e_A; 1]) (b_rc . [e_B; 1])
/// ```
///
/// and the outer product is never formed. The weights grow as
/// rank x (width + 1) x classes per modality, not as (width + 1)^2.
///
/// # Shapes
/// - `x_a`: `[batch, dim_a]`, `x_b`: `[batch, dim_b]`
/// - `factors_a`, `factors_b`: `[rank, width + 1, classes]`, entry
///   `[r, i, c]` holding the i-th coordinate of a_rc (or b_rc)
/// - output: `[batch, classes]`
#[derive(Module, Debug)]
pub struct LowRankFusion {
    pub encoder_a: Encoder,
    pub encoder_b: Encoder,
    pub factors_a: Param<Tensor<3>>,
    pub factors_b: Param<Tensor<3>>,
}

impl LowRankFusion {
    pub fn new(
        dims: [usize; 2],
        width: usize,
        rank: usize,
        classes: usize,
        device: &Device,
    ) -> Self {
        let scale = (1.0 / (width + 1) as f64).sqrt();
        let factor = || {
            Initializer::Uniform {
                min: -scale,
                max: scale,
            }
            .init([rank, width + 1, classes], device)
        };
        LowRankFusion {
            encoder_a: Encoder::new(dims[0], width, device),
            encoder_b: Encoder::new(dims[1], width, device),
            factors_a: factor(),
            factors_b: factor(),
        }
    }

    pub fn forward(&self, x_a: Tensor<2>, x_b: Tensor<2>) -> Tensor<2> {
        let e_a = with_one(self.encoder_a.forward(x_a));
        let e_b = with_one(self.encoder_b.forward(x_b));
        let [batch, _] = e_a.dims();
        let [rank, _, classes] = self.factors_a.dims();

        // a_rc . [e_A; 1] for every rank and class in one product, likewise for B.
        let projected_a = e_a.matmul(side_by_side(self.factors_a.val()));
        let projected_b = e_b.matmul(side_by_side(self.factors_b.val()));
        let per_rank = (projected_a * projected_b).reshape([batch, rank, classes]);
        per_rank.sum_dim(1).reshape([batch, classes])
    }

    /// The full tensor-fusion weight these factors stand for, in the layout
    /// of [`super::TensorFusion`]: `[(width + 1)^2, classes]`, row
    /// `i (width + 1) + j` holding sum_r a_rc,i b_rc,j.
    pub fn reconstructed_weight(&self) -> Tensor<2> {
        let [rank, width_plus_one, classes] = self.factors_a.dims();
        let a = self
            .factors_a
            .val()
            .reshape([rank, width_plus_one, 1, classes]);
        let b = self
            .factors_b
            .val()
            .reshape([rank, 1, width_plus_one, classes]);
        (a * b)
            .sum_dim(0)
            .reshape([width_plus_one * width_plus_one, classes])
    }
}

/// `[rank, n, classes]` to `[n, rank * classes]`, column `r classes + c`
/// holding factor (r, c).
fn side_by_side(factors: Tensor<3>) -> Tensor<2> {
    let [rank, n, classes] = factors.dims();
    factors.swap_dims(0, 1).reshape([n, rank * classes])
}
