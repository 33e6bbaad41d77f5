//! The unimodal encoder every fusion model starts from.

use burn::nn::{Linear, LinearConfig};
use burn::prelude::*;
use burn::tensor::activation::relu;

/// A one-layer MLP that turns one modality into a representation:
///
/// ```text
/// e = relu(W x + b)
/// ```
///
/// # Shapes
/// - input `x`: `[batch, dimension]`
/// - output `e`: `[batch, width]`
#[derive(Module, Debug)]
pub struct Encoder {
    pub layer: Linear,
}

impl Encoder {
    pub fn new(dimension: usize, width: usize, device: &Device) -> Self {
        Encoder {
            layer: LinearConfig::new(dimension, width).init(device),
        }
    }

    pub fn forward(&self, x: Tensor<2>) -> Tensor<2> {
        relu(self.layer.forward(x))
    }
}

/// `[e; 1]`: a representation with a constant 1 appended, so that products
/// of such vectors keep every unimodal term beside the interaction terms.
pub fn with_one(e: Tensor<2>) -> Tensor<2> {
    let [batch, _] = e.dims();
    let one = Tensor::ones([batch, 1], &e.device());
    Tensor::cat(vec![e, one], 1)
}
