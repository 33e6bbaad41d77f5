//! Tensor fusion: a linear map of the outer product of [e_A; 1] and [e_B; 1].

use burn::nn::{Linear, LinearConfig};
use burn::prelude::*;

use super::{Encoder, with_one};

/// Zadeh et al., "Tensor Fusion Network for Multimodal Sentiment Analysis"
/// (EMNLP 2017, <https://arxiv.org/abs/1707.07250>):
///
/// ```text
/// z = W vec([e_A; 1] (outer) [e_B; 1])
/// ```
///
/// The appended 1s keep the unimodal terms e_A and e_B and a bias beside
/// every product e_A,i e_B,j. The weight has (width + 1)^2 x classes
/// entries: it grows with the product of the modalities' widths.
///
/// # Shapes
/// - `x_a`: `[batch, dim_a]`, `x_b`: `[batch, dim_b]`
/// - `weight.weight`: `[(width + 1)^2, classes]`, row `i (width + 1) + j`
///   holding W[., i, j]
/// - output: `[batch, classes]`
#[derive(Module, Debug)]
pub struct TensorFusion {
    pub encoder_a: Encoder,
    pub encoder_b: Encoder,
    pub weight: Linear,
}

impl TensorFusion {
    pub fn new(dims: [usize; 2], width: usize, classes: usize, device: &Device) -> Self {
        TensorFusion {
            encoder_a: Encoder::new(dims[0], width, device),
            encoder_b: Encoder::new(dims[1], width, device),
            weight: LinearConfig::new((width + 1) * (width + 1), classes)
                .with_bias(false)
                .init(device),
        }
    }

    pub fn forward(&self, x_a: Tensor<2>, x_b: Tensor<2>) -> Tensor<2> {
        let e_a = with_one(self.encoder_a.forward(x_a));
        let e_b = with_one(self.encoder_b.forward(x_b));
        self.weight.forward(outer_product(e_a, e_b))
    }
}

/// vec(u (outer) v) for each row: `[batch, m]` and `[batch, n]` to
/// `[batch, m n]`, entry `i n + j` being u_i v_j.
pub fn outer_product(u: Tensor<2>, v: Tensor<2>) -> Tensor<2> {
    let [batch, m] = u.dims();
    let [_, n] = v.dims();
    let products = u.unsqueeze_dim::<3>(2) * v.unsqueeze_dim::<3>(1);
    products.reshape([batch, m * n])
}
