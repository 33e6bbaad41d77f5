//! Bilinear fusion: every pair of features, one from each modality.

use burn::module::{Initializer, Param};
use burn::prelude::*;

use super::Encoder;

/// One bilinear form per class:
///
/// ```text
/// z_c = e_A^T W_c e_B + b_c
/// ```
///
/// # Shapes
/// - `x_a`: `[batch, dim_a]`, `x_b`: `[batch, dim_b]`
/// - `weight`: `[width, classes * width]`, the matrices W_c side by side
/// - output: `[batch, classes]`
#[derive(Module, Debug)]
pub struct BilinearFusion {
    pub encoder_a: Encoder,
    pub encoder_b: Encoder,
    pub weight: Param<Tensor<2>>,
    pub bias: Param<Tensor<1>>,
}

impl BilinearFusion {
    pub fn new(dims: [usize; 2], width: usize, classes: usize, device: &Device) -> Self {
        let scale = 1.0 / width as f64;
        BilinearFusion {
            encoder_a: Encoder::new(dims[0], width, device),
            encoder_b: Encoder::new(dims[1], width, device),
            weight: Initializer::Uniform {
                min: -scale,
                max: scale,
            }
            .init([width, classes * width], device),
            bias: Initializer::Zeros.init([classes], device),
        }
    }

    pub fn forward(&self, x_a: Tensor<2>, x_b: Tensor<2>) -> Tensor<2> {
        let e_a = self.encoder_a.forward(x_a);
        let e_b = self.encoder_b.forward(x_b);
        let [batch, width] = e_b.dims();
        let classes = self.bias.dims()[0];

        // (e_A^T W_c) for every class at once, then the dot product with e_B.
        let left = e_a
            .matmul(self.weight.val())
            .reshape([batch, classes, width]);
        let z = (left * e_b.unsqueeze_dim::<3>(1))
            .sum_dim(2)
            .reshape([batch, classes]);
        z + self.bias.val().unsqueeze()
    }
}
