//! Element-wise multiplicative fusion.

use burn::nn::{Linear, LinearConfig};
use burn::prelude::*;

use super::Encoder;

/// The two representations are multiplied coordinate by coordinate:
///
/// ```text
/// z = W (e_A * e_B) + b
/// ```
///
/// Every feature of the product is an interaction between the modalities,
/// which is what XOR-like targets need.
///
/// # Shapes
/// - `x_a`: `[batch, dim_a]`, `x_b`: `[batch, dim_b]`
/// - output: `[batch, classes]`
#[derive(Module, Debug)]
pub struct MultiplicativeFusion {
    pub encoder_a: Encoder,
    pub encoder_b: Encoder,
    pub head: Linear,
}

impl MultiplicativeFusion {
    pub fn new(dims: [usize; 2], width: usize, classes: usize, device: &Device) -> Self {
        MultiplicativeFusion {
            encoder_a: Encoder::new(dims[0], width, device),
            encoder_b: Encoder::new(dims[1], width, device),
            head: LinearConfig::new(width, classes).init(device),
        }
    }

    pub fn forward(&self, x_a: Tensor<2>, x_b: Tensor<2>) -> Tensor<2> {
        let product = self.encoder_a.forward(x_a) * self.encoder_b.forward(x_b);
        self.head.forward(product)
    }
}
