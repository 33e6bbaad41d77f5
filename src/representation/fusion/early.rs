//! Early fusion: concatenate the raw modalities and let an MLP mix them.

use burn::nn::{Linear, LinearConfig};
use burn::prelude::*;
use burn::tensor::activation::relu;

/// The most flexible and least structured fusion:
///
/// ```text
/// z = f([x_A; x_B]),   f = Linear o relu o Linear o relu o Linear
/// ```
///
/// Any interaction can be learnt, given width and data; nothing in the
/// architecture says which.
///
/// # Shapes
/// - `x_a`: `[batch, dim_a]`, `x_b`: `[batch, dim_b]`
/// - output: `[batch, classes]`
#[derive(Module, Debug)]
pub struct EarlyFusion {
    pub first: Linear,
    pub second: Linear,
    pub output: Linear,
}

impl EarlyFusion {
    pub fn new(dims: [usize; 2], width: usize, classes: usize, device: &Device) -> Self {
        EarlyFusion {
            first: LinearConfig::new(dims[0] + dims[1], width).init(device),
            second: LinearConfig::new(width, width).init(device),
            output: LinearConfig::new(width, classes).init(device),
        }
    }

    pub fn forward(&self, x_a: Tensor<2>, x_b: Tensor<2>) -> Tensor<2> {
        let joint = Tensor::cat(vec![x_a, x_b], 1);
        let hidden = relu(self.second.forward(relu(self.first.forward(joint))));
        self.output.forward(hidden)
    }
}
