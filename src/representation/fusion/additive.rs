//! Additive (late) fusion: an ensemble of unimodal predictors.

use burn::nn::{Linear, LinearConfig};
use burn::prelude::*;

use super::Encoder;

/// Each modality predicts on its own and the logits add up:
///
/// ```text
/// z = W_A e_A + W_B e_B + b,     e_A = encoder_A(x_A),  e_B = encoder_B(x_B)
/// ```
///
/// The logit is a sum g_A(x_A) + g_B(x_B), so the mixed derivative
/// d2 z / dx_A dx_B is zero everywhere: no cross-modal interaction can be
/// represented, and XOR-like targets stay out of reach.
///
/// # Shapes
/// - `x_a`: `[batch, dim_a]`, `x_b`: `[batch, dim_b]`
/// - output: `[batch, classes]`
#[derive(Module, Debug)]
pub struct AdditiveFusion {
    pub encoder_a: Encoder,
    pub encoder_b: Encoder,
    pub head_a: Linear,
    pub head_b: Linear,
}

impl AdditiveFusion {
    pub fn new(dims: [usize; 2], width: usize, classes: usize, device: &Device) -> Self {
        AdditiveFusion {
            encoder_a: Encoder::new(dims[0], width, device),
            encoder_b: Encoder::new(dims[1], width, device),
            head_a: LinearConfig::new(width, classes).init(device),
            // One bias is enough: the two heads' biases would only add up.
            head_b: LinearConfig::new(width, classes)
                .with_bias(false)
                .init(device),
        }
    }

    pub fn forward(&self, x_a: Tensor<2>, x_b: Tensor<2>) -> Tensor<2> {
        let from_a = self.head_a.forward(self.encoder_a.forward(x_a));
        let from_b = self.head_b.forward(self.encoder_b.forward(x_b));
        from_a + from_b
    }
}
